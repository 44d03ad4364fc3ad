# The problems of reading the sources: files and folders. A message's key is the problem's
# `code`. The problems of a TOML file are in `toml.ftl`, those of the values in `values.ftl`.

no-sources = det finns inga källor för { $year }
not-a-source-file = `{ $name }` är ingen källfil; perspektiv läser den inte
    .hint = ett års källor är { $files }, och värdena ligger i `{ $values }/`; flytta andra filer ut ur källmappen
    .hint-copy = är den en kopia av `{ $meant }`? Ett års källor är { $files }, och värdena ligger i `{ $values }/`; flytta andra filer ut ur källmappen
read-failed = kunde inte läsa `{ $file }`: { $error }
missing-source-file = källfilen `{ $file }` saknas
not-utf8 = filen är inte giltig UTF-8
    .hint = spara filen som UTF-8
not-formatted = filen kunde inte formateras
