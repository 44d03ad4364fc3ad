# The Swedish help of the command line (`perspektiv --help`, `perspektiv <command> --help`). The
# English help is the derive's `///` comments in `src/cli.rs`, so this file has no English twin.
# A command's key is `cli-<path>` (its long text the attribute `.long`), an argument's
# `cli-<path>-<id>`, or `cli-<id>` when several commands share it.

cli-usage = Användning
cli-heading-commands = Kommandon
cli-heading-options = Flaggor
cli-heading-arguments = Argument
cli-command-value = KOMMANDO
cli-options-value = [FLAGGOR]
cli-possible-values = [möjliga värden: { $values }]
cli-default-value = [standard: { $value }]

cli = Bygger Nya Perspektivs politiska inriktningsdokument (”Politiskt inriktningsdokument”) från de versionshanterade TOML-källorna i `sources/<YEAR>/`.

# Shared by several commands.
cli-sources = Mapp med källorna: `parties.toml`, `kolada.toml` och en mapp per år.
cli-out = Mapp som utdata skrivs till (`<OUT>/<YEAR>/...`) [standard: out; för `schema`: `<SOURCES>/schema`].
cli-templates = Mapp med mallar som ersätter de inbyggda (används om den finns).
cli-fonts = Mapp med typsnitt som ersätter de inbyggda (används om den finns; de inbyggda är de i förrådets `fonts/`).
cli-lang = Språk för meddelanden och hjälp [standard: `PERSPEKTIV_LANG`, sedan systemets språkinställning: svenska när den första av `LC_ALL`, `LC_MESSAGES` och `LANG` som är satt börjar med `sv`].
cli-help = Visa hjälp (”-h” ger en sammanfattning, ”--help” mer)
cli-version = Visa versionen
cli-help-command = Visa den här hjälpen, eller hjälpen för de angivna kommandona
cli-year = Utgåvans år; om det inte anges, det senaste året i källmappen.
cli-deny_warnings = Behandla varningar som fel (för CI).
cli-diagnostic_format = Hur problem skrivs ut: `human` läsbart med källraden, `json` ett JSON-objekt per rad (severity, code, file, line, column, key, message, hint).

cli-build = Bygg dokumentet som tillgänglig PDF (PDF/UA-1, PDF/A-2a): `<OUT>/<YEAR>/politiskt-inriktningsdokument-<YEAR>.pdf`.
cli-build-draft = Märk PDF:en som utkast: ”UTKAST” över varje sida, byggdatum och källornas commit i sidfoten.

cli-check = Kontrollera källorna och rapportera varje problem; skriver ingenting.

cli-render = Skriv den mellanliggande Typst-koden: `<OUT>/<YEAR>/politiskt-inriktningsdokument-<YEAR>.typ` (kompilerar med Typst 0.15, `--features a11y-extras --font-path fonts`).

cli-diff = Visa vad som ändrats mellan två uppsättningar källor.
    .long = Visa vad som ändrats mellan två uppsättningar källor: mål, indikatorer, organ, ledamöter och deras roller, bilagor, kalendrar och löptext, fält för fält. Varje sida är ett år (`2023`) eller en git-revision och ett år (`HEAD~3:2023`, `v2023-remiss:2023`). Slutkod 0: inga skillnader, 1: skillnader, 2: fel.
cli-diff-old = Den gamla sidan: `2019`, eller `REV:YEAR` som `v2023-remiss:2023`.
cli-diff-new = Den nya sidan: `2023`, eller `REV:YEAR` som `HEAD:2023`.
cli-diff-format = Utdata på standard ut: `text` rapporten på svenska för terminalen (i färg när standard ut är en terminal), `md` rapporten som Markdown för beredningsgruppens handlingar, `json` JSON med stabilt schema (`perspektiv-diff/2`, se README) [standard: text, om inte --pdf anges].
cli-diff-pdf = Skriv också förändringsbilagan (”Förändringar 2019–2023”) som tillgänglig PDF.

cli-new = Påbörja nästa års källor från ett tidigare års.
    .long = Påbörja nästa års källor från ett tidigare års: kopierar `<SOURCES>/<FROM>` till `<SOURCES>/<YEAR>`, flyttar fram dokumentets år och datum och kalendrarnas år, tar bort mötesdagarna och skriver ut en checklista över vad som ska ses över. Skriver aldrig över ett år.
cli-new-year = Den nya utgåvans år.
cli-new-from = Året att utgå från.

cli-schema = Skriv källfilernas JSON-scheman, genererade från programmets egna typer.
    .long = Skriv källfilernas JSON-scheman, genererade från programmets egna typer, till `<OUT>` (standard `<SOURCES>/schema`): `document`, `goals`, `members`, `groups`, `appendices`, `parties` och `kolada.schema.json`; samt `diff.schema.json`, formen för `diff --format json`. Redigerare med en TOML-språkserver (taplo, tombi) använder dem genom varje fils `#:schema`-rad för att kontrollera och komplettera.

cli-fmt = Skriv om varje TOML-fil i källorna i den kanoniska formen.
    .long = Skriv om varje TOML-fil i källorna i den kanoniska formen: nycklar i programmets ordning, ett sätt att citera, en tom rad före varje tabellrubrik, kommentarer kvar vid det de står före. Bara formen ändras, aldrig innehållet.
cli-fmt-check = Skriv ingenting; lista filerna som inte är formaterade och avsluta med 1 om det finns några.

cli-annexes = Bygg en bilaga ”Aktuellt perspektiv” per part (kommunerna och regionen).
    .long = Bygg en bilaga ”Aktuellt perspektiv” per part (kommunerna och regionen): `<OUT>/<YEAR>/annexes/<YEAR>-bilaga-<party>.pdf`, med en sammanfattande sida först, sedan varje indikator under uppföljningsperioden i `goals.toml` jämförd med länet och riket (värden från `sources/<YEAR>/values/`), trenddiagram, partens företrädare och kalendern. Dessutom länsöversikten (`<YEAR>-oversikt-<county>.pdf`: alla parter sida vid sida) och ett kalkylark (`<YEAR>-aktuellt-perspektiv.xlsx`). Vägrar ett år utan värden om inte `--allow-missing-values` anges.
cli-annexes-only = Bara dessa parter: id, namn eller koder, kommaseparerade (`arjang,Karlstad,0017`).
    .long = Bara dessa parter: id, namn eller koder, kommaseparerade (`arjang,Karlstad,0017`). Länsöversikten görs bara när alla parter är med; körningens kalkylark namnges efter dess parter (`2023-aktuellt-perspektiv-arjang.xlsx`), och utdata från en körning av alla parter (deras kalkylark, översikten, deras zip-fil) ersätts aldrig.
cli-annexes-zip = Skriv också en zip-fil med bilagorna, länsöversikten, kalkylarket och `manifest.csv` (fil, namn, kod, sidor och SHA-256 för var och en; för ett svenskt Excel).
cli-annexes-jobs = Hur många dokument (bilagor, översikt) som sätts samtidigt [standard: antalet processorkärnor].
cli-annexes-no_cache = Sätt varje dokument, utan cachen av färdiga PDF:er i `<OUT>/.cache/<YEAR>/annexes/` (annars kopieras en PDF vars kod, typsnitt och program är oförändrade därifrån).
cli-annexes-allow_missing_values = Bygg även när året saknar värden, för en genomgång av layout och utskick: varje sida märks ”UTAN VÄRDEN” och rubrikerna säger det. Utan flaggan är ett år utan värden ett fel.
cli-annexes-markup = Skriv också varje bilagas Typst-kod bredvid dess PDF (`<YEAR>-bilaga-<party>.typ`, och `<YEAR>-oversikt-<county>.typ` för länsöversikten), före sättningen: för att hitta ett fel i en ändrad mall.

cli-site = Bygg webbutgåvan: dokumentet, och en sida per part när året har värden.
    .long = Bygg webbutgåvan: dokumentet, och en sida per part när året har värden, som en fristående statisk webbplats i `<OUT>/<YEAR>/webb/` (öppna `index.html`, eller publicera mappen som den är). Tillgänglig HTML5 med de medföljande typsnitten, utan JavaScript och utan något som hämtas från andra värdar. Mappen ersätts i sin helhet.
cli-build-changes_since = Skriv också granskningsversionen `politiskt-inriktningsdokument-<YEAR>-granskning-<OLD>.pdf` bredvid dokumentet: hela dokumentet med varje ändring sedan `OLD` markerad där den står, inledd av en översikt över ändringarna med länkar till dem. `OLD` är ett år (`2019`) eller en git-revision och ett år (`v2023-remiss:2023`), så som `diff` läser det. Dokumentet självt skrivs som utan flaggan.
cli-watch-changes_since = Bygg också om granskningsversionen `politiskt-inriktningsdokument-<YEAR>-granskning-<OLD>.pdf` vid varje ändring: hela dokumentet med varje ändring sedan `OLD` markerad där den står. `OLD` är ett år (`2019`) eller en git-revision och ett år (`v2023-remiss:2023`), så som `diff` läser det.
cli-site-changes_since = Skriv också förändringssidan `forandringar-<OLD>-<YEAR>.html` och granskningsversionens sida `granskning-<OLD>-<YEAR>.html`: vad som ändrats sedan `OLD`, ett år (`2019`) eller en git-revision och ett år (`v2023-remiss:2023`), så som `diff` läser det.

cli-watch = Bygg, och bygg sedan om PDF:en varje gång en källa, mall eller ett typsnitt ändras. Fel skrivs ut och den senaste fungerande PDF:en ligger kvar. Avsluta med Ctrl-C.
cli-watch-draft = Märk PDF:en som utkast: ”UTKAST” över varje sida, byggdatum och källornas commit i sidfoten.
cli-watch-site = Bygg också om webbutgåvan (`<OUT>/<YEAR>/webb/`) vid varje ändring.

cli-kolada = Arbeta med Kolada, databasen med nyckeltal för Sveriges kommuner och regioner.
cli-kolada-fetch = Hämta värdena för varje KPI i årets `goals.toml` från Koladas API.
    .long = Hämta värdena för varje KPI i årets `goals.toml` från Koladas API till `<SOURCES>/<YEAR>/values/<KPI>.json` (en fil per KPI, ersatt i sin helhet): för varje part, jämförelseområde och kommungrupp i `parties.toml`, alla år, och för landets övriga kommuner och regioner det senaste året (för bilagornas placeringar ”plats 45 av 287”; `--only-parties` utelämnar dem). Dessutom KPI:ernas metadata och gruppernas titlar och medlemmar i `<SOURCES>/kolada.toml` (titel, kommuntyp, könsuppdelning, senaste period, publiceringsdatum, och `current = false` för en KPI eller grupp som Kolada inte listar; kommentarer och form behålls). Ingenting skrivs om inte varje sida kommer fram hel.
cli-kolada-fetch-base_url = Koladas API, till och med versionen.
cli-kolada-fetch-only_parties = Fråga bara efter parterna, jämförelseområdena och kommungrupperna, inte efter landets alla kommuner och regioner (bilagorna anger då inga placeringar bland dem).

cli-values = Arbeta med värden som kommer från annat håll än Kolada (kalkylark i `<SOURCES>/<YEAR>/values/`).
cli-values-template = Skriv en arbetsbok att fylla i med de värden som Kolada inte har.
    .long = Skriv en arbetsbok att fylla i med de värden som Kolada inte har: ett blad per indikator som ingen KPI mäter (och per KPI som anges med `--kpi`), en rad per part och jämförelseområde och år i uppföljningsperioden, koder lagrade som text och `värde` tomt; ifylld läggs den i `<SOURCES>/<YEAR>/values/`. Skriver aldrig över en fil.
cli-values-template-output = Arbetsboken som skrivs [standard: `<OUT>/<YEAR>/egna-varden-<YEAR>.xlsx`].
cli-values-template-kpi = Även ett blad för denna KPI (upprepa, eller separera med kommatecken), för värden som ersätter Koladas (bladet har kolumnen `ersätter`).
cli-serve = Förhandsvisa utkastet i webbläsaren: bygger webbutgåvan och PDF:en i en egen mapp (aldrig de publicerade filerna i `out/`), visar dem på `http://127.0.0.1:<PORT>/` och laddar om öppna sidor när en ändring har byggts. Varje stycke visar var i källorna det står. Med `--changes-since` också granskningsversionens sida och PDF samt förändringssidan. Avsluta med Ctrl-C.
cli-serve-draft = Märk PDF:en som utkast: ”UTKAST” över varje sida, byggdatum och källornas commit i sidfoten.
cli-serve-changes_since = Visa också granskningsversionen mot `OLD`, ett år (`2019`) eller en git-revision och ett år (`v2023-remiss:2023`), så som `diff` läser det: dess sida `granskning-<OLD>-<YEAR>.html`, där visningen börjar, bredvid förändringssidan, och dess PDF bredvid dokumentets, båda ombyggda vid varje ändring.
cli-serve-port = Porten att lyssna på (0: valfri ledig port; adressen skrivs ut).
cli-serve-host = Adressen att lyssna på. Allt annat än en loopback-adress låter andra datorer läsa utkastet (en varning säger det).
cli-serve-open = Öppna webbläsaren på adressen.
cli-serve-editor = Öppna ett styckes källrad i en redigerare vid klick: en URL med `{"{"}path{"}"}` (den absoluta sökvägen), `{"{"}line{"}"}` och `{"{"}column{"}"}`, till exempel `vscode://file/{"{"}path{"}"}:{"{"}line{"}"}:{"{"}column{"}"}`.
