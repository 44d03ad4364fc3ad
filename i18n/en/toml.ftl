# The problems of reading a TOML source file. A message without `-` parts of its own is a
# problem: its key is the problem's `code` in `--diagnostic-format json` (keep it when the wording
# changes). The `toml-` and `value-` messages are the parts the problems are said with. In
# English the parser's own words are kept (`$description`, `$item`); another language says each
# kind the parser names (`$kind`) in its own words, and keeps the parser's for a kind it does not
# name.

# TOML that does not parse: what is wrong and what was expected there.
invalid-toml = invalid TOML: { $problem }{ $expected }
toml-syntax = { $kind ->
   *[other] { $description }
}
toml-expected-item = { $kind ->
   *[other] { $item }
}

# A value TOML itself cannot read (`date = 2023-13-01`, `amount = 2,5`, `direction = up`).
unreadable-value = { $kind ->
    [not-a-date] `{ $value }` is not a date (YYYY-MM-DD)
    [not-in-calendar] `{ $value }` is not a date in the calendar
    [not-a-number] `{ $value }` is not a number
   *[other] `{ $value }` is not a value TOML can read
}
    .two-digits = write months and days with two digits: { $date }
    .date-format = dates are written YYYY-MM-DD, like 2023-05-04
    .write-date = write the date as { $date }
    .decimal-point = write decimals with a point: { $number }
    .quote = text is written in double quotes: { $text }

# A key or a table given twice.
defined-twice = { $what ->
    [table] the table `{ $name }` is defined twice
   *[key] the key `{ $name }` is given twice in the same table
}
    .table-hint = write all its keys under one header
    .key-hint = keep one of them

# The keys and values of the file's tables.
unknown-key = unknown key `{ $key }`
    .no-keys = this table takes no keys
    .keys = the keys here are { $keys }
missing-key = { $count ->
    [one] missing key { $keys }
   *[other] missing keys { $keys }
}
    .entry-needs = an entry of `{ $table }` needs { $keys }
    .table-needs = the table `{ $table }` needs { $keys }
    .file-needs = this file needs { $keys }
unknown-value = unknown value `{ $value }`
    .hint-meant = did you mean `{ $name }`? The allowed values are { $allowed }
    .hint = the allowed values are { $allowed }
invalid-type = expected { $expected }, found { $found }
    .unquote-number = write the number without quotes: { $number }
    .decimal-point = write the number without quotes, with a decimal point: { $number }
    .unquote = write { $value } without quotes
    .quote = write text in double quotes: "{ $text }"
    .unquote-date = write the date without quotes: { $date }
    .date-format = dates are written YYYY-MM-DD without quotes, like 2023-05-04
# A value its type refuses: `$message` is one of the `value-` or `toml-` messages below.
invalid-value = { $message }
consequence = (follows from another problem)

# What was expected, and what was found (a value found is shown as the file has it).
toml-expected =
    .or = { $init }, { $last }
    .after = , expected { $items }
    .whole-number = a whole number
    .byte = a whole number from 0 to 255
    .u16 = a whole number from 0 to 65535
    .natural-number = a whole number (0 or more)
    .number = a number
    .boolean = true or false
    .text = text in double quotes
    .list = a list in square brackets
    .table = a table
    .allowed-value = one of the allowed values
    .date = a date (YYYY-MM-DD)
    .one-of = one of { $values }
toml-found =
    .number = the number { $number }
    .text = the text "{ $text }"
    .date = the date { $date }
    .list = a list
    .table = a table
    .tables = a list of tables
    .nothing = nothing
    .other = another kind of value
toml-invalid-length = expected { $expected }, found { $count } of them
toml-key-twice = the key `{ $key }` is given twice
toml-one-key = expected one of the keys { $keys }
    .hint = this table needs exactly one key, which says what it is
    .found = expected only one of the keys { $keys }, found { $found }
    .found-hint = give each its own table
toml-internal =
    .value-without-key = a value without a key
    .enum-without-values = an enum without values

# The values the source types refuse.
value-not-a-date = `{ $value }` is not a date (YYYY-MM-DD)
value-not-in-calendar = `{ $value }` is not a date in the calendar
value-date-with-time = `{ $value }` is not a date (YYYY-MM-DD): it has a time; write { $date }
value-month = a month is a number from 1 to 12, found { $month }
value-invalid-id = invalid id `{ $id }`: use lowercase letters a-z, digits and hyphens, like `politisk-styrgrupp`
value-invalid-group-id = invalid Kolada municipality group id `{ $id }`: expected `G` and digits, like `G37411`
value-invalid-area-code = invalid area code `{ $code }`: expected four digits as a string, like "1780"
