# The problems of the values (`values/*.json`, `values/*.xlsx`, `values/*.csv`). A problem's
# message has the problem's `code` in `--diagnostic-format json` for its key (keep it when the
# wording changes); `csv-not-utf8-hint`, `values-found`, `sheet-at`, `sheet-place`, `sheet-cell`,
# `sheet-measured`, `sheet-unreadable` and `sheet-columns-hint` are the parts they are said with.

# The folder and its files.
not-a-values-file = `{ $name }` är ingen värdefil; perspektiv läser den inte
    .hint = värdena är JSON-filer (`N15428.json`) och kalkylark (`.xlsx`, `.csv`); flytta andra filer ut ur källmappen
unknown-kpi = okänd KPI `{ $kpi }`
    .hint = värdenas KPI:er måste finnas i `kolada.toml`; lägg först till KPI:n där
duplicate-record = dubblettpost: KPI `{ $kpi }`, område `{ $area }`, period { $period } anges två gånger
    .first = först angiven här
    .hint = behåll en post per KPI, område och år
records-skipped = hoppade över { $records ->
    [one] 1 post
   *[other] { $records } poster
} för områden som varken är parter, jämförelseområden, parternas kommungrupper eller Sveriges kommuner och regioner: { $areas }
    .hint = områdena är parterna, jämförelseområdena och kommungrupperna i `parties.toml` samt Sveriges kommuner och regioner
csv-not-utf8-hint = spara filen som UTF-8 (i Excel: ”CSV UTF-8”), eller som arbetsbok (`.xlsx`)
# The reader's own words for what is wrong with the workbook.
workbook-unreadable = kunde inte läsa arbetsboken: { $error }
    .hint = spara värdena som en Excel-arbetsbok (`.xlsx`) eller som CSV
value-given-twice = { $place }: värdet för { $measured }, område `{ $area }`, { $year } för { $gender ->
    [women] kvinnor
    [men] män
   *[everyone] alla
} anges två gånger
    .first = först angivet här ({ $place })
    .hint = behåll en rad per indikator eller KPI, område, år och kön
value-given-by-kolada = { $place }: värdet för KPI `{ $kpi }`, område `{ $area }`, { $year } för { $gender ->
    [women] kvinnor
    [men] män
   *[everyone] alla
} anges både av Kolada och av det här kalkylarket
    .hint = skriv `ja` i radens kolumn `ersätter` när dess värde ska ersätta Koladas, eller ta bort raden
    .kolada = Koladas värde finns här

# A values file in JSON (Kolada's records). `$error` is the JSON parser's own words.
values-invalid-json = ogiltig JSON: { $error }
values-not-an-object = här ska stå ett objekt med nyckeln `values`
values-empty = filen är tom; här ska stå ett objekt med nyckeln `values`
values-duplicate-key = nyckeln `{ $key }` finns redan
values-unknown-key = okänd nyckel `{ $key }`
values-missing-key = nyckeln `{ $key }` saknas
    .value-hint = skriv `"value": null` när det inte finns något värde
values-not-records = här ska stå en lista av poster, men det står { $found }
values-not-a-record = här ska stå en post (ett objekt), men det står { $found }
values-record-missing = posten saknar { $count ->
    [one] nyckeln
   *[other] nycklarna
} { $keys }
values-not-a-string = { $what ->
    [kpi] ett Kolada-KPI-id
    [area] en områdeskod
   *[gender] könet
} ska stå som en sträng, men det står { $found }
values-invalid-area-code = ogiltig områdeskod `{ $code }`: ska vara fyra siffror som en sträng, som "1780", eller en kommungrupps id, som "G37411"
values-period-type = perioden ska vara ett år, men det står { $found }
values-period-not-a-year = perioden `{ $period }` är inget år
    .hint = Koladas perioder är år, som 2023 eller "2023"
values-not-gender-values = här ska stå en lista av värden per kön, men det står { $found }
values-gender-twice = könet `{ $gender }` anges två gånger i den här posten
    .hint = det första finns på index { $first }; ange vart och ett av T, K och M högst en gång
values-not-a-gender-value = här ska stå ett objekt med `gender` och `value`, men det står { $found }
values-invalid-gender = ogiltigt kön `{ $gender }`: ska vara `T` (totalt), `K` (kvinnor) eller `M` (män)
values-status-type = statusen ska vara en sträng, men det står { $found }
values-not-finite = värdet `{ $value }` är inget ändligt tal
values-quoted-number = värdet ”{ $value }” är inget tal
    .hint = skriv värdet som ett JSON-tal (83.1, med decimalpunkt), eller null när det inte finns något
values-not-a-number = värdet är inget tal: här står { $found }
values-count-not-whole = antalet `{ $count }` är inget heltal
values-count-type = antalet ska vara ett tal, men det står { $found }
values-found =
    .string = en sträng
    .number = ett tal
    .boolean = ett sanningsvärde
    .object = ett objekt
    .array = en lista

# A spreadsheet of own values. `$error` is the CSV or workbook reader's own words.
sheet-at = { $place }: { $message }
sheet-place = { $within ->
    [sheet] blad `{ $sheet }`, rad { $row }
   *[file] rad { $row }
}{ $at ->
    [named-cell] , kolumn { $column } (`{ $name }`)
    [cell] , kolumn { $column }
   *[row] {""}
}
sheet-cell =
    .empty = en tom cell
    .truth = sanningsvärdet { $value }
    .date = ett datum
    .duration = en varaktighet
    .error = felet { $error }
sheet-measured =
    .kpi = KPI `{ $id }`
    .indicator = indikatorn `{ $id }`
sheet-unreadable = bladet `{ $sheet }`: { $error }
sheet-open-quote = ett citattecken (`"`) som öppnas här stängs aldrig
    .hint = stäng citattecknet i slutet av cellen, eller ta bort det: en cell behöver citattecken bara när den innehåller avgränsaren
sheet-not-csv = filen är inte CSV: { $error }
sheet-column-twice = kolumnen `{ $column }` anges två gånger
sheet-unknown-column = okänd kolumn `{ $column }`
sheet-columns-hint = den första raden namnger kolumnerna: `indikator` eller `kpi`, `område`, `år`, `kön` (valfri), `värde` och `ersätter` (valfri)
sheet-no-measure-column = den första raden namnger varken `indikator` eller `kpi`
sheet-missing-columns = den första raden saknar { $count ->
    [one] kolumnen
   *[other] kolumnerna
} { $columns }
sheet-not-a-gender = { $cell } är inget kön: ska vara `T` (totalt), `K` (kvinnor) eller `M` (män), eller tomt för `T`
sheet-not-a-number = { $cell } är inget tal
    .hint = skriv värdet med decimalkomma eller decimalpunkt (59,0 eller 59.0), eller lämna cellen tom när det inte finns något
sheet-not-yes-or-no = { $cell } är varken `ja` eller `nej`
    .hint = skriv `ja` när radens värde ersätter Koladas; lämna annars cellen tom
sheet-nothing-to-replace = indikatorn `{ $indicator }` har inget Kolada-värde som den här raden kan ersätta (ingen KPI mäter den)
    .hint = lämna `ersätter` tom på en indikators rader
sheet-indicator-and-kpi = raden anger både indikatorn `{ $indicator }` och en KPI
    .hint = ange antingen `indikator` (en indikator som ingen KPI mäter) eller `kpi`, inte båda
sheet-indicator-has-kpis = indikatorn `{ $indicator }` mäts av Koladas KPI:er
    .hint = ange en KPI:s värden i kolumnen `kpi`, med KPI:ns id
sheet-unknown-indicator = okänd indikator `{ $indicator }`
    .hint = indikatorerna utan KPI i årets `goals.toml` är { $indicators }
sheet-not-an-id = { $cell } är inget id
sheet-no-measure = raden anger varken en indikator eller en KPI
    .hint = fyll i `indikator` eller `kpi`
sheet-area-code-number = områdeskoden `{ $code }` är ett tal, inte en kod med fyra siffror
    .hint = formatera kolumnen som text och skriv koden med inledande nollor (`0017`)
sheet-not-an-area-code = { $cell } är ingen områdeskod
    .hint = skriv områdets kod, som `1780` eller `0017`
sheet-invalid-area-code = ogiltig områdeskod `{ $code }`: ska vara fyra siffror, som `1780` eller `0017`
sheet-unknown-area = okänd områdeskod `{ $code }`
    .hint = områdena är parterna och jämförelseområdena i `parties.toml` och Sveriges kommuner och regioner (deras officiella koder)
sheet-not-a-year = { $cell } är inget år
    .hint = skriv året med fyra siffror, som 2023
