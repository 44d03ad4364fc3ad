# The problems of reading the sources: files and folders. A message's key is the problem's
# `code`. The problems of a TOML file are in `toml.ftl`, those of the values in `values.ftl`.

no-sources = there are no sources for { $year }
not-a-source-file = `{ $name }` is not a source file; perspektiv does not read it
    .hint = the sources of a year are { $files }, and the values in `{ $values }/`; move other files out of the sources folder
    .hint-copy = is it a copy of `{ $meant }`? The sources of a year are { $files }, and the values in `{ $values }/`; move other files out of the sources folder
read-failed = failed to read `{ $file }`: { $error }
missing-source-file = missing source file `{ $file }`
not-utf8 = the file is not valid UTF-8
    .hint = save the file as UTF-8
not-formatted = the file could not be formatted
