# The problems of the values (`values/*.json`, `values/*.xlsx`, `values/*.csv`). A problem's
# message has the problem's `code` in `--diagnostic-format json` for its key (keep it when the
# wording changes); `csv-not-utf8-hint`, `values-found`, `sheet-at`, `sheet-place`, `sheet-cell`,
# `sheet-measured`, `sheet-unreadable` and `sheet-columns-hint` are the parts they are said with.

# The folder and its files.
not-a-values-file = `{ $name }` is not a values file; perspektiv does not read it
    .hint = the values are JSON files (`N15428.json`) and spreadsheets (`.xlsx`, `.csv`); move other files out of the sources folder
unknown-kpi = unknown KPI `{ $kpi }`
    .hint = the values' KPIs must be in `kolada.toml`; add the KPI there first
duplicate-record = duplicate record: KPI `{ $kpi }`, area `{ $area }`, period { $period } is given twice
    .first = first given here
    .hint = keep one record per KPI, area and year
records-skipped = skipped { $records ->
    [one] 1 record
   *[other] { $records } records
} for areas that are neither parties, comparison areas, the parties' municipality groups nor Sweden's municipalities and regions: { $areas }
    .hint = the areas are the parties, comparison areas and municipality groups of `parties.toml` and Sweden's municipalities and regions
csv-not-utf8-hint = save the file as UTF-8 (in Excel: "CSV UTF-8"), or as a workbook (`.xlsx`)
# The reader's own words for what is wrong with the workbook.
workbook-unreadable = failed to read the workbook: { $error }
    .hint = save the values as an Excel workbook (`.xlsx`) or as CSV
value-given-twice = { $place }: the value of { $measured }, area `{ $area }`, { $year } for { $gender ->
    [women] women
    [men] men
   *[everyone] everyone
} is given twice
    .first = first given here ({ $place })
    .hint = keep one row per indicator or KPI, area, year and gender
value-given-by-kolada = { $place }: the value of KPI `{ $kpi }`, area `{ $area }`, { $year } for { $gender ->
    [women] women
    [men] men
   *[everyone] everyone
} is given both by Kolada and by this spreadsheet
    .hint = write `ja` in the row's column `ersätter` when its value is to replace Kolada's, or remove the row
    .kolada = Kolada's value is here

# A values file in JSON (Kolada's records). `$error` is the JSON parser's own words.
values-invalid-json = invalid JSON: { $error }
values-not-an-object = expected an object with the key `values`
values-empty = the file is empty; expected an object with the key `values`
values-duplicate-key = duplicate key `{ $key }`
values-unknown-key = unknown key `{ $key }`
values-missing-key = missing key `{ $key }`
    .value-hint = write `"value": null` when there is no value
values-not-records = expected an array of records, found { $found }
values-not-a-record = expected a record (an object), found { $found }
values-record-missing = the record is missing the { $count ->
    [one] key
   *[other] keys
} { $keys }
values-not-a-string = expected { $what ->
    [kpi] a Kolada KPI id
    [area] an area code
   *[gender] the gender
} as a string, found { $found }
values-invalid-area-code = invalid area code `{ $code }`: expected four digits as a string, like "1780", or a municipality group's id, like "G37411"
values-period-type = expected the period as a year, found { $found }
values-period-not-a-year = the period `{ $period }` is not a year
    .hint = Kolada's periods are years, like 2023 or "2023"
values-not-gender-values = expected an array of values by gender, found { $found }
values-gender-twice = gender `{ $gender }` is given twice in this record
    .hint = the first is at index { $first }; give each of T, K and M at most once
values-not-a-gender-value = expected an object with `gender` and `value`, found { $found }
values-invalid-gender = invalid gender `{ $gender }`: expected `T` (total), `K` (women) or `M` (men)
values-status-type = expected the status as a string, found { $found }
values-not-finite = the value `{ $value }` is not a finite number
values-quoted-number = the value "{ $value }" is not a number
    .hint = write the value as a JSON number (83.1, with a decimal point), or null when there is none
values-not-a-number = the value is not a number: found { $found }
values-count-not-whole = the count `{ $count }` is not a whole number
values-count-type = expected the count as a number, found { $found }
values-found =
    .string = a string
    .number = a number
    .boolean = a boolean
    .object = an object
    .array = an array

# A spreadsheet of own values. `$error` is the CSV or workbook reader's own words.
sheet-at = { $place }: { $message }
sheet-place = { $within ->
    [sheet] sheet `{ $sheet }`, row { $row }
   *[file] row { $row }
}{ $at ->
    [named-cell] , column { $column } (`{ $name }`)
    [cell] , column { $column }
   *[row] {""}
}
sheet-cell =
    .empty = an empty cell
    .truth = the truth value { $value }
    .date = a date
    .duration = a duration
    .error = the error { $error }
sheet-measured =
    .kpi = KPI `{ $id }`
    .indicator = indicator `{ $id }`
sheet-unreadable = sheet `{ $sheet }`: { $error }
sheet-open-quote = a quote (`"`) opened here is never closed
    .hint = close the quote at the end of the cell, or remove it: a cell needs quotes only when it holds the separator
sheet-not-csv = the file is not CSV: { $error }
sheet-column-twice = the column `{ $column }` is given twice
sheet-unknown-column = unknown column `{ $column }`
sheet-columns-hint = the first row names the columns: `indikator` or `kpi`, `område`, `år`, `kön` (optional), `värde` and `ersätter` (optional)
sheet-no-measure-column = the first row names neither `indikator` nor `kpi`
sheet-missing-columns = the first row lacks the { $count ->
    [one] column
   *[other] columns
} { $columns }
sheet-not-a-gender = { $cell } is not a gender: expected `T` (total), `K` (women) or `M` (men), or nothing for `T`
sheet-not-a-number = { $cell } is not a number
    .hint = write the value with a decimal comma or point (59,0 or 59.0), or leave the cell empty when there is none
sheet-not-yes-or-no = { $cell } is neither `ja` nor `nej`
    .hint = write `ja` when the row's value replaces Kolada's; leave the cell empty otherwise
sheet-nothing-to-replace = indicator `{ $indicator }` has no Kolada value that this row could replace (no KPI measures it)
    .hint = leave `ersätter` empty on the rows of an indicator
sheet-indicator-and-kpi = the row names both the indicator `{ $indicator }` and a KPI
    .hint = give either `indikator` (an indicator that no KPI measures) or `kpi`, not both
sheet-indicator-has-kpis = indicator `{ $indicator }` is measured by Kolada's KPIs
    .hint = give the values of a KPI in the column `kpi`, with the KPI's id
sheet-unknown-indicator = unknown indicator `{ $indicator }`
    .hint = the indicators without a KPI in the year's `goals.toml` are { $indicators }
sheet-not-an-id = { $cell } is not an id
sheet-no-measure = the row names neither an indicator nor a KPI
    .hint = fill in `indikator` or `kpi`
sheet-area-code-number = the area code `{ $code }` is a number, not a code of four digits
    .hint = format the column as text and write the code with its leading zeros (`0017`)
sheet-not-an-area-code = { $cell } is not an area code
    .hint = write the area's code, like `1780` or `0017`
sheet-invalid-area-code = invalid area code `{ $code }`: expected four digits, like `1780` or `0017`
sheet-unknown-area = unknown area code `{ $code }`
    .hint = the areas are the parties and comparison areas of `parties.toml` and Sweden's municipalities and regions (their official codes)
sheet-not-a-year = { $cell } is not a year
    .hint = write the year with four digits, like 2023
