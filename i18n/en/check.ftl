# The problems `check` finds in the sources (and every command that reads them). A message's key
# is the problem's `code` in `--diagnostic-format json`: keep it when the wording changes.

# What has ids: the nouns of "duplicate … id" and "unknown …", and where they are defined.
what-party = party
    .defined = parties are defined here
what-area-code = area code
what-municipality-group = municipality group
what-kpi = KPI
what-body = body
    .defined = bodies are defined here
what-remit = remit
    .defined = remits are defined here
what-member = member
what-entry = entry
what-calendar = calendar
    .defined = calendars are defined here
what-track = track
what-goal = goal
what-indicator = indicator
what-area = area
what-chapter = chapter
what-ids = ids
    .defined = they are defined here

duplicate-id = duplicate { $what } id `{ $id }`
    .hint = ids must be unique; give one of them another id
unknown-id = unknown { $what } `{ $id }`
acknowledged-nothing = `acknowledged` is set, but there is no warning here to acknowledge
    .hint = remove `acknowledged`: the situation it was about has changed
new-kpi-hint = if it is a new KPI, add it to `kolada.toml`: `[[kpi]]` with `id = "{ $id }"`, `title` (Kolada's title), `unit` (andel, per-100000-inv, index, medelvarde or ar), `municipality_type` (A for municipalities and regions, K for municipalities, L for regions) and `current = true`; `perspektiv kolada fetch` then keeps its title and publication up to date

# Bilaga 2: the calendars.
not-a-meeting-body = { $body } is not one of the calendar's meeting bodies
    .related = meeting bodies are listed here
no-such-day = { $month } has no day { $day }
unknown-track = unknown track `{ $track }`
empty-month = { $month } in the calendar ”{ $calendar }” is empty
    .hint = add tasks or meetings, or acknowledge an empty month with `acknowledged = "…why…"`
empty-month-untitled = { $month } in calendar `{ $id }` is empty
meeting-day-unset = the day of the meeting of { $body } in { $month } is not set
    .hint = add `day = N` when the date is decided

# `parties.toml` and the municipality groups.
party-id-too-long = a party id of { $length } characters; at most { $max } fit in a file name
    .hint = the id names the party's annex and web page (`{ $year }-bilaga-<id>.pdf`); use the municipality's name, like `hammaro`
group-no-kpis = { $party } compares with the municipality group `{ $group }` on no KPI (`kpis = []`)
    .hint = name the KPIs of the group's service area, or leave `kpis` out to compare on every KPI
group-kpi-unknown = { $party } compares with the municipality group `{ $group }` on the KPI `{ $kpi }`, which is not in `kolada.toml`
    .hint = name KPIs of the catalogue (those the goals' indicators follow), or leave `kpis` out to compare on every KPI
group-kpi-unused = { $party } compares with the municipality group `{ $group }` on the KPI `{ $kpi }`, which no indicator of { $year } follows: the group is in no table for it
    .hint = name a KPI of the year's `goals.toml`, or remove it from `kpis`
region-in-municipality-group = { $party } is a region, but the municipality group `{ $group }` ({ $title }) has municipalities as members
    .hint = compare a region with a group of regions, or remove the group
group-not-current = { $party } compares with the municipality group `{ $group }`{ $title }, which Kolada does not list (`current = false` in `kolada.toml`)
    .hint = choose a group Kolada lists (`https://api.kolada.se/v3/municipality_groups`), or remove the group
group-not-fetched = { $party } compares with the municipality group `{ $group }`, which `kolada.toml` does not list yet
    .hint = run `perspektiv kolada fetch`: it fetches the group's values, title and members (the annex names the group by its id until then)

# `goals.toml`: the goals, their indicators and KPIs.
target-before-baseline = the target year { $target } is not after the baseline year { $baseline }
follow-up-twice = `follow_up_years` and `baseline_year = { $baseline }` both state the follow-up period
    .hint = keep one: the baseline year the edition names, or the latest N years
follow-up-empty = the follow-up period needs at least 1 year
follow-up-too-long = a follow-up period of { $years } years; at most { $max } can be followed up
    .hint = the annexes compare the latest year with the year this many years before it; Kolada's values go back to the 1990s
target-without-amount = the target has no `amount`; this unit needs one
target-takes-no-amount = this unit takes no `amount`
amount-not-positive = the amount must be a positive number
age-band-reversed = the age band ends ({ $to }) before it starts ({ $from })
kpi-listed-twice = KPI `{ $kpi }` is listed twice for this indicator
kpi-not-in-catalogue = the Kolada KPI `{ $kpi }` is not in `kolada.toml`
    .related = Kolada KPIs are defined here
target-year-passed = the targets were to be reached by { $target }, before { $year }
    .hint = set a new target year and review the targets
no-follow-up-period = the goals of { $year } name no follow-up period; `perspektiv annexes` needs one
    .hint = add `follow_up_years = 5` (the latest year against the year five years earlier) or `baseline_year = YEAR`
goal-without-indicators = the goal ”{ $goal }” has no indicators
indicator-without-kpi = the indicator ”{ $indicator }” has no Kolada KPI
    .hint = add `kolada = [{"{"} kpi = "…" {"}"}]`, or acknowledge that it is measured elsewhere with `acknowledged = "…why…"`
indicator-without-kpi-from = the indicator ”{ $indicator }” has no Kolada KPI (values from { $source })
kpi-not-current = the indicator ”{ $indicator }” follows KPI `{ $kpi }`, which Kolada no longer publishes (`current = false` in `kolada.toml`){ $until }
    .until = its values end in { $period }
    .hint = choose a KPI that Kolada publishes, check with `perspektiv kolada fetch` whether it is back, or acknowledge it on the indicator with `acknowledged = "…why…"`
kpi-outdated = Kolada's latest period of KPI `{ $kpi }` (the indicator ”{ $indicator }”) is { $period }, older than { $end }, { $what_end }
    .target-year = the target year
    .newest-values = the newest year of the edition's values
    .hint = its table compares years before { $end }; fetch newer values with `perspektiv kolada fetch`, or choose a KPI published for { $end }

# `groups.toml` and `members.toml`: the bodies, their remits, terms and seats.
body-defined-here = the body is defined here
remit-without-items = a remit needs at least one item
reports-to-itself = { $body } cannot report to itself
term-reversed = the term ends ({ $until }) before it starts ({ $from })
terms-overlap = the terms of office of { $body } must follow each other without overlapping
    .related = the term before
    .hint = give the earlier term an `until` before the next term's `from`
reporting-cycle = { $body } is part of a reporting cycle
remit-unused = the remit { $remit } is not used by any body
    .hint = set `remit` on the body it belongs to, or remove it
no-such-area = { $body } has no area `{ $area }`
period-reversed = the period ends ({ $until }) before it starts ({ $from })
seat-outside-terms = { $person }'s seat in { $body } does not lie within one of its terms of office
    .hint = set `from`/`until` inside a term, or add the term to the body's `term` list
    .related = the body and its terms are defined here
other-seat = the other seat
role-twice = { $person } holds the role { $role } in { $body } twice in overlapping periods
    .hint = set `from`/`until` so that the periods do not overlap
single-seat-twice = { $person } and { $other } are both { $role } of { $body } in overlapping periods
seat-ended = { $person }'s seat in { $body } ended on { $until }, before { $year }
    .hint = update the role's period, or, if that is as it should be, say why with `acknowledged = "…"` on the role
seat-ended-unfilled = { $person }'s seat in { $body } ended on { $until }, before the document's date ({ $date }), and nobody took it over
    .hint = add the person who took the seat (a role in the same body with `from` the next day), show the earlier composition with a members block with `until`, or, if that is as it should be, say why with `acknowledged = "…"` on the role
seat-ends = { $person }'s seat in { $body } ends on { $until }, while this edition is in force
    .hint = add the person who takes the seat (a role in the same body with `from` the next day), or, if that is as it should be, say why with `acknowledged = "…"` on the role
two-seats = { $person } holds two seats in { $body }: { $role } and { $other }
vacant-seat = { $body } has a vacant seat ({ $function })
    .hint = fill the seat, or acknowledge it with `acknowledged = "…why…"`

# `document.toml`: the publisher, chapters and their blocks.
year-mismatch = the document says year { $document } but its folder is { $folder }
keywords-too-long = the keywords have { $length } characters together; at most { $max } fit
    .hint = keep the few words a search for the document would use
not-an-email = `{ $email }` is not an e-mail address
    .hint = write the address alone, like `namn@regionvarmland.se`, without `mailto:`
not-a-phone = `{ $phone }` is not a phone number
    .hint = write the number with digits, spaces and hyphens, like `070-174 06 05` or `+46 70 174 06 05`
not-a-web-address = `{ $url }` is not a web address
    .hint = write the whole address, starting with `https://`
no-publisher = the document names no publisher, so the web edition's accessibility statement gives nobody to contact
    .hint = add a `[publisher]` table with `name` and `email` or `phone` (or `accessibility_statement_url`, the publisher's own statement)
publisher-without-contact = the accessibility statement gives no e-mail address or phone number for { $publisher }
    .hint = add `email` or `phone` to `[publisher]`: readers use it to report problems and ask for content in another form (or set `accessibility_statement_url` to the publisher's own statement)
block-without-remit = { $body } has no remit, so the `{ $kind }` block would be empty
block-without-areas = { $body } has no areas, so the `{ $kind }` block would be empty
block-without-direction = { $body } has no direction or functions, so the `{ $kind }` block would be empty
heading-skips-level = a level-{ $level } heading follows a level-{ $current } heading
    .hint = use `#` for the first section of a chapter and `##` only inside a section
empty-chapter = the chapter ”{ $title }” is empty
empty-appendix = the appendix ”{ $title }” is empty
members-block-empty = the members block of { $body } shows nobody

# The prose and the characters of every text.
indented-line = an indented line: Markdown reads a line that starts with a tab or four spaces as code
    .hint = remove the spaces or the tab at the start of the line
prose-long-heading = a heading of { $length } characters; at most { $max } fit in the bookmarks and the table of contents: shorten the heading and put the rest in the text under it
prose-nesting = block quotes, lists, emphasis and links are nested { $depth } deep here; the document can set at most { $max } levels: write the text with fewer levels inside each other
prose-long-word = a word of { $length } characters (with a link's address, if it has one); at most { $max } fit: put spaces between the words, or link with a shorter address
prose-footnote-in-heading = a footnote (`[^{ $label }]`) in a heading is not supported: the table of contents and the bookmarks would repeat it; put the footnote in the text under the heading
prose-footnote-undefined = footnote `[^{ $label }]` has no definition
prose-footnote-unreferenced = footnote `[^{ $label }]` is defined but nothing in the text refers to it; write `[^{ $label }]` where it belongs (a note and its reference must be in the same text)
prose-link-without-address = a link without an address: write `[text](https://…)`
prose-link-without-text = a link without text: write the words to click inside `[…]`
prose-heading-not-allowed = headings are not allowed here
prose-heading-in-list = headings are not allowed inside lists
prose-html = HTML is not supported in prose: `{ $html }` (to show a `<` as text, write `\<`)
prose-unsupported = { $construct ->
        [rule] horizontal rules (`---`) are not supported in prose
        [math] math is not supported in prose
        [task-list] task lists are not supported in prose
        [code-block] code blocks are not supported in prose
        [image] images are not supported in prose
        [html-block] HTML is not supported in prose
        [table] tables are not supported in prose
        [nested-footnote] nested footnote definitions are not supported
        [definition-list] definition lists are not supported in prose
        [metadata] metadata blocks are not supported in prose
       *[script] super- and subscript are not supported in prose
    }
empty-text = empty text
    .hint = write the text, or leave the key out if it is optional
text-too-long = a text of { $length } characters; at most { $max } fit here
    .hint = shorten the text: a name, a title or an indicator's text is printed in tables, bookmarks and the spreadsheet
invisible-character = an invisible character, { $code } ({ $name }): { $what }
    .reorders = it reorders the text around it in some programs, and search, copying and screen readers meet it
    .shows-nothing = it shows nothing, but search, copying and screen readers meet it
    .hint = delete it (the typeset document leaves it out)
control-character = a control character: { $code }
character-not-in-fonts = a character the shipped fonts cannot show: { $code } `{ $char }`
    .hint = use another character, or ship a font that has it in `fonts/`

# Any other problem, worded where it is found.
other = { $message }
