# The errors that stop a command: the `error:` line and its `caused by:` lines (the text of an
# I/O error is the system's own). Paths and ids the user types are in backticks.

# Files and folders.
error-read = kunde inte läsa `{ $path }`
error-read-not-utf8 = kunde inte läsa `{ $path }`: filen är inte UTF-8
error-not-utf8 = `{ $path }` är inte UTF-8
error-parse = kunde inte tolka `{ $path }`
error-update = kunde inte uppdatera `{ $path }`
error-write = kunde inte skriva `{ $path }`
error-create = kunde inte skapa `{ $path }`
error-remove = kunde inte ta bort `{ $path }`
error-read-link = kunde inte läsa den symboliska länken `{ $path }`
error-link-circle = `{ $path }` är en symbolisk länk som leder runt i en cirkel
error-exists = `{ $path }` finns redan; perspektiv skriver aldrig över den
error-temporary-file = kunde inte skapa en tillfällig fil i `{ $folder }`
error-temporary-folder = kunde inte skapa en tillfällig mapp i `{ $folder }`
error-permissions = kunde inte sätta behörigheterna för `{ $path }`
error-remove-earlier = kunde inte ta bort filerna från en tidigare körning ur `{ $folder }`
error-no-sources-folder = källmappen `{ $folder }` finns inte; kör perspektiv i projektmappen eller ange `--sources MAPP`
error-no-years = `{ $folder }` har inget år med källor (en mapp som `{ $folder }/2023` med en `document.toml`)
error-source-date-epoch = SOURCE_DATE_EPOCH ska vara sekunder sedan 1970, men är `{ $value }`
error-source-date-epoch-range = SOURCE_DATE_EPOCH `{ $value }` ligger utanför det tillåtna intervallet

# The hints of reading a year's sources.
no-sources-hint = år med källor: { $years }
    .new = år med källor: { $years }; påbörja { $year } med `perspektiv new { $year } --from { $newest }`
    .no-years = `{ $folder }` har inga årsmappar med källor

# The command line, resolved.
error-editor-url = redigerarens adress `{ $url }` saknar `{"{"}path{"}"}`; ange formen med `{"{"}path{"}"}`, `{"{"}line{"}"}` och `{"{"}column{"}"}`, som `vscode://file/{"{"}path{"}"}:{"{"}line{"}"}:{"{"}column{"}"}`
invalid-kpi-id = ogiltigt Kolada-KPI-id `{ $kpi }`: ska vara en versal och fem siffror, som `N15428`
error-base-url = basadressen `{ $url }` måste börja med https:// eller http://

# `diff`, `build --changes-since`, `site --changes-since`: a side `YEAR` or `REV:YEAR`.
error-side = `{ $side }` är varken ett år (`2023`) eller en git-revision och ett år (`HEAD~1:2023`)
error-side-year = `{ $side }`: ett år ska följa efter kolonet, som `{ $rev }:2023`
error-reading-side = kunde inte läsa `{ $side }`
error-side-no-year = `{ $rev }` har ingen sources/{ $year }: dess år med källor är { $years }
    .added-later = `{ $rev }` har ingen sources/{ $year }: året lades till senare
    .no-years = `{ $rev }` har ingen sources/{ $year }: där finns inga årsmappar med källor
error-review-invalid = källorna för `{ $side }` är inte felfria, så det blir ingen granskningsversion; rätta dem först (`perspektiv check { $year }`)
error-change-page-invalid = källorna för `{ $side }` är inte felfria, så det blir ingen ändringssida; rätta dem först (`perspektiv check`)

# A revision of the git history.
error-git-no-repository = `{ $folder }` ligger inte i ett git-förråd
error-git-bare = git-förrådet `{ $repository }` är naket (det har inget arbetsträd); kör perspektiv i en klon av det
error-git-no-sources = källmappen `{ $folder }` finns inte
error-git-outside = `{ $folder }` ligger inte i arbetsträdet `{ $worktree }`
error-git-shallow = revisionen `{ $rev }` finns inte i den här klonen: den är grund och har bara de senaste incheckningarna; hämta hela historiken med `git fetch --unshallow`
error-git-no-tree = revisionen `{ $rev }` har inget träd: { $error }
error-git-missing-folder = `{ $folder }` finns inte i revisionen `{ $rev }`
error-git-empty-folder = `{ $folder }` är tom i revisionen `{ $rev }`
error-git-no-commit = `{ $rev }` anger ingen incheckning i det här förrådet
    .base = `{ $rev }` anger ingen incheckning: det finns ingen gren, tagg eller incheckning `{ $base }` i det här förrådet
    .hint = ange en gren, en tagg eller ett inchecknings-id (`git log --oneline` listar dem)
error-git-branches = grenarna är { $branches }
error-git-too-far = `{ $rev }` går längre tillbaka än historiken: `{ $base }` har { $commits ->
    [one] 1 incheckning
   *[other] { $commits } incheckningar
} före sig
    .hint = gå tillbaka högst { $commits } (`{ $base }~{ $commits }` är den första incheckningen)
    .first = `{ $rev }` går längre tillbaka än historiken: `{ $base }` är den första incheckningen
    .first-hint = det finns ännu ingen tidigare revision att jämföra med
error-git-no-parent = `{ $rev }` anger förälder nummer { $n } till `{ $base }`, men `{ $base }` har { $parents ->
    [one] 1 förälder
   *[other] { $parents } föräldrar
}
    .hint = använd `{ $base }~1` för incheckningen före `{ $base }`
error-git-reflog = `{ $rev }` anger en post i reflog för `{ $base }` (var den tidigare pekade) som den här klonen inte har
    .hint = använd `{ $base }~N` för att gå N incheckningar tillbaka

# Templates, fonts, typesetting.
error-read-template = kunde inte läsa mallen `{ $path }`
error-template-not-utf8 = mallen `{ $path }` är inte giltig UTF-8
error-template-not-found = mallen `{ $name }` finns inte
error-template-syntax = mallarnas syntaxinställningar: { $error }
error-template = mallen { $place }: { $error }
    .line = mallen { $place }, rad { $line }: { $error }
error-template-place = `{ $path }`
    .embedded = `{ $name }` (inbyggd)
error-render = kunde inte återge `{ $path }`
error-read-font = kunde inte läsa typsnittet `{ $path }`
error-not-a-font = `{ $path }` är inget typsnitt som Typst kan läsa
error-no-fonts = typsnittsmappen `{ $folder }` har inga typsnitt (.ttf, .otf)
error-typst-file-name = internt fel: `{ $name }` är inget namn för en Typst-fil: { $error }
error-typst = Typst kunde inte sätta dokumentet
error-typst-failed = Typst misslyckades: { $error }
error-typst-finish = kunde inte göra klart den exporterade PDF:en: { $error }
error-typst-fonts-hint = bara typsnitten i `fonts/` finns att tillgå
error-typst-internal = Typst avbröt med ett internt fel vid sättningen av `{ $name }`: { $error }. Ingen PDF skrivs. Felet ligger i Typst, inte i källorna; det kommer oftast av ett mycket långt ord eller namn i en smal tabellkolumn: korta det, eller skriv det med bindestreck
    .exporting = Typst avbröt med ett internt fel vid exporten av `{ $name }`: { $error }. Ingen PDF skrivs. Felet ligger i Typst, inte i källorna; det kommer oftast av ett mycket långt ord eller namn i en smal tabellkolumn: korta det, eller skriv det med bindestreck
hint-render-markup = kör `perspektiv render { $year }` för att skriva ut den genererade Typst-koden
hint-annex-markup = kör `perspektiv annexes { $year } --only { $party } --markup` för att skriva bilagans Typst-kod bredvid dess PDF
hint-generated-markup = Typst-koden `{ $markup }` genereras från mallarna; kontrollera mallen som nämns ovan

# What a typeset document must show and does not.
missing-texts = det satta dokumentet visar inte { $counts } som källorna tar upp, så ingen PDF skrevs
    .hint = en mall utelämnar { $count ->
        [one] den
       *[other] dem
    }; kontrollera mallarna som ersätter de inbyggda (mappen `templates/` bredvid källorna)
missing-texts-count = { $kind ->
    [person] { $count ->
        [one] 1 person
       *[other] { $count } personer
    }
    [body] { $count ->
        [one] 1 organ
       *[other] { $count } organ
    }
    [goal] { $count ->
        [one] 1 mål
       *[other] { $count } mål
    }
    [indicator] { $count ->
        [one] 1 indikator
       *[other] { $count } indikatorer
    }
    [party] { $count ->
        [one] 1 part
       *[other] { $count } parter
    }
   *[change] { $count ->
        [one] 1 ändring
       *[other] { $count } ändringar
    }
}
missing-texts-item = { $kind ->
    [person] personen
    [body] organet
    [goal] målet
    [indicator] indikatorn
    [party] parten
   *[change] ändringen
} ”{ $text }”
    .from = { $kind ->
        [person] personen
        [body] organet
        [goal] målet
        [indicator] indikatorn
        [party] parten
       *[change] ändringen
    } ”{ $text }”, från { $origin }
missing-texts-more = och { $count } till
missing-texts-line = rad { $line }, kolumn { $column }

# The cache of `annexes`.
error-create-cache = kunde inte skapa cachemappen `{ $folder }`
error-write-cache = kunde inte skriva cacheposten `{ $path }`
error-cache-no-program = hittar inte det körande programmet: { $error }
error-cache-program = kunde inte läsa det körande programmet `{ $path }`: { $error }

# `annexes`: the workers, the zip, the spreadsheet.
error-worker-thread = kunde inte starta en arbetstråd
error-build = kunde inte bygga `{ $name }`
error-write-spreadsheet = kunde inte skriva kalkylarket
annex-zip-of-all = `{ $path }` är zip-filen från en körning för alla parter; den här körningen för { $parties ->
    [one] 1 part
   *[other] { $parties } parter
} skulle ersätta den
    .hint = ge den här körningen en egen zip-fil, till exempel `--zip { $path }`, eller utelämna `--only` för att göra om hela zip-filen
error-zip-timestamp = zip-filens fasta tidsstämpel är ogiltig: { $error }
error-zip-twice = zip-filen skulle innehålla `{ $name }` två gånger
error-zip-compress = kunde inte komprimera `{ $name }` för `{ $path }`
error-zip-not-an-entry = `{ $name }` är ingen post i `{ $path }`
error-zip-added-twice = `{ $name }` lades till i `{ $path }` två gånger
error-zip-missing = `{ $name }` saknas i `{ $path }`

# `values template`.
error-template-exists = `{ $path }` finns redan; perspektiv values template skriver aldrig över en fil
error-template-unknown-kpi = okänd KPI `{ $kpi }`: KPI:erna är de i `{ $file }`
error-template-no-follow-up = målen för { $year } anger ingen uppföljningsperiod, så mallen kan inte lista sina år; lägg till `follow_up_years` eller `baseline_year` i `{ $file }`
error-write-template = kunde inte skriva mallen

# `schema`, `fmt`.
error-write-schema = kunde inte skriva schemat `{ $path }`
error-fmt-does-not-load = den formaterade texten kan inte läsas: { $error }
error-fmt-other-content = den formaterade texten läses inte till samma innehåll
error-fmt-lost-comment = formateringen skulle tappa kommentaren `{ $comment }`
error-fmt-unstable = formateringen är inte stabil för den här filen

# `kolada fetch`: Kolada's answers and the network.
kolada-what-kpi-metadata = KPI-metadata
kolada-what-group = kommungrupp
error-kolada-circle = Koladas sidor går runt i en cirkel: `{ $url }` kommer igen
error-kolada-malformed = felaktig { $what } från `{ $url }`: { $error }
error-kolada-values-not-array = felaktig { $what } från `{ $url }`: `values` är ingen lista
error-kolada-no-values = felaktig { $what } från `{ $url }`: listan `values` saknas
error-kolada-page = felaktig sida från `{ $url }`: rad { $line }, kolumn { $column }: { $error }{ $more ->
    [0] {""}
    [one] {" "}(och 1 problem till)
   *[other] {" "}(och { $more } problem till)
}
    .at-key = felaktig sida från `{ $url }`: rad { $line }, kolumn { $column } vid `{ $key }`: { $error }{ $more ->
        [0] {""}
        [one] {" "}(och 1 problem till)
       *[other] {" "}(och { $more } problem till)
    }
error-kolada-kpi-not-asked = felaktig sida från `{ $url }`: `{ $at }` gäller KPI `{ $kpi }`, som inte efterfrågades
error-kolada-area-not-asked = felaktig sida från `{ $url }`: `{ $at }` gäller området `{ $area }`, som inte efterfrågades
error-kolada-two-records = Kolada gav två olika poster för KPI `{ $kpi }`, område `{ $area }`, period { $period } (den andra i `{ $url }`)
error-kolada-next-page = sidan `{ $url }` anger en nästa sida `{ $next }` som inte är en adress
error-kolada-answered = Kolada svarade { $why } för `{ $url }`
    .said = Kolada svarade { $why } för `{ $url }`: { $said }
error-kolada-version = basadressen slutar med API:ets version, som `--base-url { $url }`
    .v3 = perspektiv talar version 3 av Koladas API; använd `--base-url { $url }`
error-kolada-toml-invalid = `kolada.toml` är inte giltig TOML
error-kolada-toml-no-kpis = `kolada.toml` har inga [[kpi]]-tabeller
error-kolada-toml-groups = `group` i `kolada.toml` är ingen lista av `[[group]]`-tabeller
error-kolada-toml-broken = internt fel: den uppdaterade `kolada.toml` kan inte läsas: { $error }
error-fetch = kunde inte hämta `{ $url }`
error-fetch-gave-up = kunde inte hämta `{ $url }`: { $why } (gav upp efter { $attempts ->
    [one] 1 försök
   *[other] { $attempts } försök
})
error-fetch-wait = kunde inte hämta `{ $url }`: { $why }, och Kolada ber om att vänta { $seconds } s (Retry-After); försök igen senare
error-host-not-found = värdnamnet hittades inte
error-unreachable = når inte `{ $host }` för att hämta `{ $url }`: { $why }
    .hint = kontrollera nätverksanslutningen; bakom en proxy, sätt HTTPS_PROXY (och NO_PROXY för värdar som nås direkt), som `kolada fetch` följer som curl gör
    .proxy = anropen går genom proxyn `{ $proxy }` (från { $variable }) om inte NO_PROXY anger deras värd; kontrollera att proxyn kan nås och vad NO_PROXY säger om `{ $host }`

# The command line's parse errors, in clap's words and layout. `$arg`, `$value`, `$name` and the
# like come quoted by `cli-error-quoted`.
cli-error-quoted = ”{ $text }”
cli-error-tip = tips
cli-error-usage = Användning
cli-error-more = Mer information ger { $help }.
cli-error-unknown-argument = oväntat argument { $arg }
cli-error-invalid-subcommand = okänt kommando { $subcommand }
cli-error-invalid-value = ogiltigt värde { $value } för { $arg }
cli-error-number = { $kind ->
        [empty] värdet är tomt
        [too-large] talet är för stort
        [too-small] talet är för litet
        [zero] talet får inte vara noll
       *[not-a-number] det är inget heltal
    }
cli-error-value-required = { $arg } behöver ett värde, men inget angavs
cli-error-possible-values = [möjliga värden: { $values }]
cli-error-no-equals = ett värde till { $arg } ska anges med likhetstecken
cli-error-too-many-values = oväntat värde { $value } för { $arg }; fler värden väntades inte
cli-error-too-few-values = { $arg } behöver { $min } värden; bara { $actual } angavs
cli-error-wrong-number-of-values = { $arg } behöver { $expected } värden, men { $actual } angavs
cli-error-conflict = { $subject ->
    [subcommand] kommandot
   *[argument] argumentet
} { $arg } kan inte användas tillsammans med { $other }
    .twice = argumentet { $arg } kan inte anges flera gånger
    .list = { $subject ->
        [subcommand] kommandot
       *[argument] argumentet
    } { $arg } kan inte användas tillsammans med:
    .others = { $subject ->
        [subcommand] kommandot
       *[argument] argumentet
    } { $arg } kan inte användas tillsammans med ett eller flera av de andra argumenten
cli-error-missing-required = dessa argument krävs men saknas:
cli-error-missing-subcommand = { $subcommand } behöver ett kommando, men inget angavs
cli-error-subcommands = [kommandon: { $values }]
cli-error-invalid-utf8 = ett eller flera argument är inte giltig UTF-8
cli-error-similar = det finns { $what ->
    [subcommand] ett liknande kommando
    [argument] ett liknande argument
   *[value] ett liknande värde
}: { $name }
    .many = det finns liknande { $what ->
        [subcommand] kommandon
        [argument] argument
       *[value] värden
    }: { $names }
cli-error-tip-as-value = för att ange { $arg } som ett värde, skriv { $usage }
cli-error-tip-exists = { $what } finns
cli-error-tip-double-dash = kommandot { $subcommand } finns; ta bort { $dashes } före det för att använda det
