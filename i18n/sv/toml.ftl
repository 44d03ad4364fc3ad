# The problems of reading a TOML source file. A message without `-` parts of its own is a
# problem: its key is the problem's `code` in `--diagnostic-format json` (keep it when the wording
# changes). The `toml-` and `value-` messages are the parts the problems are said with. In
# English the parser's own words are kept (`$description`, `$item`); another language says each
# kind the parser names (`$kind`) in its own words, and keeps the parser's for a kind it does not
# name.

# TOML that does not parse: what is wrong and what was expected there.
invalid-toml = ogiltig TOML: { $problem }{ $expected }
toml-syntax = { $kind ->
    [carriage-return-must-be-followed-by-newline] en vagnretur (CR) måste följas av en radbrytning
    [missing-opening-quote] det inledande citattecknet saknas
    [missing-comma-between-array-elements] kommatecken saknas mellan listans element
    [integers-with-a-radix-cannot-be-signed] ett heltal med talbas kan inte ha plus- eller minustecken
    [radix-must-be-lowercase] talbasen skrivs med gemener (`0x`, `0o`, `0b`)
    [missing-assignment-between-key-value-pairs] `=` saknas mellan nyckel och värde
    [unexpected-leading-zero] ett tal kan inte börja med nolla
    [unclosed-array-table] rubriken för tabellistan stängs inte
    [missing-key-for-inline-table-element] nyckel saknas för ett element i den infogade tabellen
    [missing-inline-table-opening] den infogade tabellens inledande `{"{"}` saknas
    [missing-escaped-value] tecknet efter `\` saknas
    [missing-array-opening] listans inledande `[` saknas
    [invalid-unquoted-key] ogiltig nyckel utan citattecken
    [cannot-recurse-further-max-recursion-depth-met] för djup nästling
    [unquoted-keys-cannot-be-empty] en nyckel utan citattecken kan inte vara tom
    [invalid-multi-line-basic-string] ogiltig flerradstext inom citattecken
    [invalid-basic-string] ogiltig text inom citattecken
    [unexpected-sign] oväntat plus- eller minustecken
    [unexpected-key-or-value] oväntad nyckel eller oväntat värde
    [unexpected-content] oväntat innehåll
    [unexpected-content-between-comment-and-newline] oväntat innehåll mellan kommentaren och radslutet
    [unexpected-in-array] oväntat `=` i en lista
    [unclosed-table] tabellrubriken stängs inte
    [unclosed-inline-table] den infogade tabellen stängs inte
    [unclosed-array] listan stängs inte
    [too-few-unicode-value-digits] för få siffror i Unicode-värdet
    [string-values-must-be-quoted] text måste stå inom citattecken
    [redundant-numeric-sign] överflödigt plus- eller minustecken
    [redundant-integer-number-prefix] överflödigt prefix till heltalet
    [missing-value] värde saknas
    [missing-value-for-key] värde saknas för nyckeln
    [missing-table-open] tabellrubrikens inledande `[` saknas
    [missing-comment-start] kommentarens inledande `#` saknas
    [missing-comma-between-key-value-pairs] kommatecken saknas mellan nycklarna och deras värden
    [keys-cannot-be-multi-line-literal-strings] en nyckel kan inte vara flerradstext
    [keys-cannot-be-multi-line-basic-strings] en nyckel kan inte vara flerradstext
    [key-with-no-value] nyckel utan värde
    [invalid-value] ogiltigt värde
    [invalid-key-value-pair] ogiltig nyckel med värde
    [invalid-inline-table-element] ogiltigt element i den infogade tabellen
    [invalid-comment-character] ogiltigt tecken i kommentaren
    [extra-comma-in-inline-table] överflödigt kommatecken i den infogade tabellen
    [extra-comma-in-array] överflödigt kommatecken i listan
    [extra-assignment-between-key-value-pairs] överflödigt `=` mellan nyckel och värde
    [extra] överflödigt `=`
    [may-only-go-between-digits] `_` får bara stå mellan siffror
    [duplicate-key] nyckeln finns redan
    [recursion-limit] för djup nästling
    [integer-number-overflowed] heltalet är för stort
    [floating-point-number-overflowed] talet är för stort
    [invalid-string] ogiltig text
    [invalid-boolean] ogiltigt sanningsvärde
    [invalid-date-time] ogiltig tidpunkt
    [invalid-float] ogiltigt decimaltal
    [invalid-integer-number] ogiltigt heltal
    [invalid-hexadecimal-number] ogiltigt hexadecimalt tal
    [invalid-octal-number] ogiltigt oktalt tal
    [invalid-binary-number] ogiltigt binärt tal
    [invalid-literal-string] ogiltig text inom apostrofer
    [invalid-multi-line-literal-string] ogiltig flerradstext inom apostrofer
    [invalid-key] ogiltig nyckel
    [invalid-table] ogiltig tabell
    [invalid-exponent] ogiltig exponent
    [invalid-fraction] ogiltiga decimaler
    [invalid-mantissa] ogiltig mantissa
   *[other] { $description }
}
toml-expected-item = { $kind ->
    [newline] radbrytning
    [key] nyckel
    [value] värde
    [basic-string] text inom citattecken
    [literal-string] text inom apostrofer
    [multi-line-basic-string] flerradstext inom citattecken
    [characters] tecken
    [digits] siffror
    [letters] bokstäver
    [numbers] tal
    [non-double-quote-visible-characters] synliga tecken utom citattecken
    [non-single-quote-characters] tecken utom apostrof
    [non-single-quote-visible-characters] synliga tecken utom apostrof
    [printable-characters] skrivbara tecken
    [unicode-hexadecimal-value] ett hexadecimalt Unicode-värde
    [nothing] ingenting
    [etc] annat
   *[other] { $item }
}

# A value TOML itself cannot read (`date = 2023-13-01`, `amount = 2,5`, `direction = up`).
unreadable-value = { $kind ->
    [not-a-date] `{ $value }` är inget datum (ÅÅÅÅ-MM-DD)
    [not-in-calendar] `{ $value }` är inget datum i almanackan
    [not-a-number] `{ $value }` är inget tal
   *[other] `{ $value }` är inget värde som TOML kan läsa
}
    .two-digits = skriv månad och dag med två siffror: { $date }
    .date-format = datum skrivs ÅÅÅÅ-MM-DD, som 2023-05-04
    .write-date = skriv datumet som { $date }
    .decimal-point = skriv decimaler med punkt: { $number }
    .quote = text skrivs inom dubbla citattecken: { $text }

# A key or a table given twice.
defined-twice = { $what ->
    [table] tabellen `{ $name }` definieras två gånger
   *[key] nyckeln `{ $name }` anges två gånger i samma tabell
}
    .table-hint = skriv alla dess nycklar under en och samma rubrik
    .key-hint = behåll en av dem

# The keys and values of the file's tables.
unknown-key = okänd nyckel `{ $key }`
    .no-keys = den här tabellen har inga nycklar
    .keys = nycklarna här är { $keys }
missing-key = { $count ->
    [one] nyckeln { $keys } saknas
   *[other] nycklarna { $keys } saknas
}
    .entry-needs = en post i `{ $table }` behöver { $keys }
    .table-needs = tabellen `{ $table }` behöver { $keys }
    .file-needs = den här filen behöver { $keys }
unknown-value = okänt värde `{ $value }`
    .hint-meant = menade du `{ $name }`? De tillåtna värdena är { $allowed }
    .hint = de tillåtna värdena är { $allowed }
invalid-type = här ska stå { $expected }, men det står { $found }
    .unquote-number = skriv talet utan citattecken: { $number }
    .decimal-point = skriv talet utan citattecken och med decimalpunkt: { $number }
    .unquote = skriv { $value } utan citattecken
    .quote = skriv text inom dubbla citattecken: "{ $text }"
    .unquote-date = skriv datumet utan citattecken: { $date }
    .date-format = datum skrivs ÅÅÅÅ-MM-DD utan citattecken, som 2023-05-04
# A value its type refuses: `$message` is one of the `value-` or `toml-` messages below.
invalid-value = { $message }
consequence = (följer av ett annat problem)

# What was expected, and what was found (a value found is shown as the file has it).
toml-expected =
    .or = { $init } eller { $last }
    .after = ; här väntades { $items }
    .whole-number = ett heltal
    .byte = ett heltal från 0 till 255
    .u16 = ett heltal från 0 till 65 535
    .natural-number = ett heltal (0 eller större)
    .number = ett tal
    .boolean = true eller false
    .text = text inom dubbla citattecken
    .list = en lista inom hakparenteser
    .table = en tabell
    .allowed-value = ett av de tillåtna värdena
    .date = ett datum (ÅÅÅÅ-MM-DD)
    .one-of = ett av { $values }
toml-found =
    .number = talet `{ $number }`
    .text = texten ”{ $text }”
    .date = datumet { $date }
    .list = en lista
    .table = en tabell
    .tables = en lista av tabeller
    .nothing = ingenting
    .other = ett annat slags värde
toml-invalid-length = här ska stå { $expected }, men det finns { $count }
toml-key-twice = nyckeln `{ $key }` anges två gånger
toml-one-key = här ska stå en av nycklarna { $keys }
    .hint = den här tabellen behöver exakt en nyckel, som säger vad den är
    .found = här ska stå bara en av nycklarna { $keys }, men det står { $found }
    .found-hint = ge var och en en egen tabell
toml-internal =
    .value-without-key = ett värde utan nyckel
    .enum-without-values = en uppräkning utan värden

# The values the source types refuse.
value-not-a-date = `{ $value }` är inget datum (ÅÅÅÅ-MM-DD)
value-not-in-calendar = `{ $value }` är inget datum i almanackan
value-date-with-time = `{ $value }` är inget datum (ÅÅÅÅ-MM-DD): det har ett klockslag; skriv { $date }
value-month = en månad är ett tal från 1 till 12, men här står { $month }
value-invalid-id = ogiltigt id `{ $id }`: använd gemener a–z, siffror och bindestreck, som `politisk-styrgrupp`
value-invalid-group-id = ogiltigt id för en Kolada-kommungrupp `{ $id }`: ska vara `G` och siffror, som `G37411`
value-invalid-area-code = ogiltig områdeskod `{ $code }`: ska vara fyra siffror som text, som "1780"
