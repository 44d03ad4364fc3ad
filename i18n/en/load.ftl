# The problems of reading the sources: files, TOML, values. A message's key is the problem's
# `code`. Those that are `{ $message }` are worded where they are found, in English.

no-sources = there are no sources for { $year }
not-a-source-file = `{ $name }` is not a source file; perspektiv does not read it
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
not-a-values-file = { $message }
invalid-values = { $message }
unknown-kpi = { $message }
duplicate-record = { $message }
records-skipped = { $message }
workbook-unreadable = { $message }
value-given-twice = { $message }
value-given-by-kolada = { $message }
invalid-sheet = { $message }
