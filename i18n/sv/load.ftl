# The problems of reading the sources: files, TOML, values. A message's key is the problem's
# `code`. Those that are `{ $message }` are worded where they are found, in English.

no-sources = det finns inga källor för { $year }
not-a-source-file = `{ $name }` är ingen källfil; perspektiv läser den inte
read-failed = kunde inte läsa `{ $file }`: { $error }
missing-source-file = källfilen `{ $file }` saknas
not-utf8 = filen är inte giltig UTF-8
    .hint = spara filen som UTF-8
not-formatted = filen kunde inte formateras

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
