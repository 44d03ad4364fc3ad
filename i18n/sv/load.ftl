# The problems of reading the sources: files, TOML, values. A message's key is the problem's
# `code`. Those that are `{ $message }` are worded where they are found, in English.

no-sources = det finns inga källor för { $year }
not-a-source-file = `{ $name }` är ingen källfil; perspektiv läser den inte
    .hint = ett års källor är { $files }, och värdena ligger i `{ $values }/`; flytta andra filer ut ur källmappen
    .hint-copy = är den en kopia av `{ $meant }`? Ett års källor är { $files }, och värdena ligger i `{ $values }/`; flytta andra filer ut ur källmappen
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
not-a-values-file = `{ $name }` är ingen värdefil; perspektiv läser den inte
    .hint = värdena är JSON-filer (`N15428.json`) och kalkylark (`.xlsx`, `.csv`); flytta andra filer ut ur källmappen
invalid-values = { $message }
unknown-kpi = { $message }
duplicate-record = { $message }
records-skipped = hoppade över { $records ->
    [one] 1 post
   *[other] { $records } poster
} för områden som varken är parter, jämförelseområden, parternas kommungrupper eller Sveriges kommuner och regioner: { $areas }
    .hint = områdena är parterna, jämförelseområdena och kommungrupperna i `parties.toml` samt Sveriges kommuner och regioner
workbook-unreadable = { $message }
value-given-twice = { $message }
value-given-by-kolada = { $message }
invalid-sheet = { $message }
