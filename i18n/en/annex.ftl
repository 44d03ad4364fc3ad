# `annexes`.

annex-party-hint = use a party's id, name or code, such as `{ $id }`, `{ $name }` or `{ $code }`
annex-no-parties = `parties.toml` lists no parties
annex-not-a-party = `{ $name }` is not a party
annex-no-follow-up = the goals of { $year } name no follow-up period, so the annexes cannot say which years they compare
    .hint = add `follow_up_years = 5` (the latest year against the year five years earlier) or `baseline_year = YEAR` at the top of `{ $file }`
annex-no-values = there are no values for { $year } in `{ $folder }`: every table would read "uppgift saknas"
    .hint = fetch them from Kolada with `perspektiv kolada fetch { $year }`, or save pages of Kolada's API (`/v3/data/...`) as JSON files there; for a rehearsal without values, pass `--allow-missing-values` (every page is then marked "UTAN VÄRDEN")
