# The problems of reading the sources: files, TOML, values. A message's key is the problem's
# `code`. Those that are `{ $message }` are worded where they are found, in English.

no-sources = there are no sources for { $year }
not-a-source-file = `{ $name }` is not a source file; perspektiv does not read it
    .hint = the sources of a year are { $files }, and the values in `{ $values }/`; move other files out of the sources folder
    .hint-copy = is it a copy of `{ $meant }`? The sources of a year are { $files }, and the values in `{ $values }/`; move other files out of the sources folder
read-failed = failed to read `{ $file }`: { $error }
missing-source-file = missing source file `{ $file }`
not-utf8 = the file is not valid UTF-8
    .hint = save the file as UTF-8
not-formatted = the file could not be formatted

# TOML and the fields of the source files.
invalid-toml = { $message }
unreadable-value = { $message }
defined-twice = { $message }
missing-key = { $message }
invalid-value = { $message }
invalid-type = { $message }
unknown-key = { $message }
unknown-value = { $message }
consequence = { $message }

# The values (`values/*.json`, spreadsheets).
not-a-values-file = `{ $name }` is not a values file; perspektiv does not read it
    .hint = the values are JSON files (`N15428.json`) and spreadsheets (`.xlsx`, `.csv`); move other files out of the sources folder
invalid-values = { $message }
unknown-kpi = { $message }
duplicate-record = { $message }
records-skipped = skipped { $records ->
    [one] 1 record
   *[other] { $records } records
} for areas that are neither parties, comparison areas, the parties' municipality groups nor Sweden's municipalities and regions: { $areas }
    .hint = the areas are the parties, comparison areas and municipality groups of `parties.toml` and Sweden's municipalities and regions
workbook-unreadable = { $message }
value-given-twice = { $message }
value-given-by-kolada = { $message }
invalid-sheet = { $message }
