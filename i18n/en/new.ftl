# `perspektiv new`: next year's sources and the checklist of what to review.

new-exists = `{ $folder }` exists already; perspektiv new never overwrites a year
new-not-after = the new year { $year } must come after { $from }
new-invalid-sources = the sources of { $from } must be valid to start { $year } from them
new-bug = the new sources of { $year } do not load; this is a bug in perspektiv new
new-created = created { $folder } from { $from }

checklist = checklist for { $year }: look at each item before the first draft
checklist-none = (none)
checklist-ending = members whose period ends before or during { $year }
checklist-later = periods that end later (check they are still right)
checklist-period-ends = { $person }, { $role } in { $body }: period ends { $until }
    .before = (before { $year }: remove or replace)
    .during = (during { $year })
checklist-targets = indicators whose target year has passed
checklist-target-passed = the target year { $target } has passed: every indicator's target needs a new year
checklist-no-kpi = indicators without a Kolada KPI (their values must be collected by hand)
checklist-values-from = { $indicator } (values from { $source })
checklist-days = meeting days to set
checklist-meeting = meeting of { $body } in { $when } (calendar { $calendar })
checklist-vacancies = vacant seats
checklist-mentions = texts that mention { $year }
checklist-values = indicator values
checklist-fetch = fetch this year's values: `perspektiv kolada fetch { $year }` (values are not copied)
