# The problems `check` finds in the sources (and every command that reads them). A message's key
# is the problem's `code` in `--diagnostic-format json`: keep it when the wording changes.

# What has ids: the nouns of "duplicate … id" and "unknown …", and where they are defined.
what-party = part
    .defined = parterna definieras här
what-area-code = områdeskod
what-municipality-group = kommungrupp
what-kpi = KPI
what-body = organ
    .defined = organen definieras här
what-remit = uppdrag
    .defined = uppdragen definieras här
what-member = ledamot
what-entry = post
what-calendar = kalender
    .defined = kalendrarna definieras här
what-track = spår
what-goal = mål
what-indicator = indikator
what-area = område
what-chapter = kapitel
what-ids = id
    .defined = de definieras här

duplicate-id = { $what } med id `{ $id }` finns redan
    .hint = ett id får bara användas en gång; ge det ena ett annat id
unknown-id = okänt id `{ $id }` ({ $what })
acknowledged-nothing = `acknowledged` är satt, men här finns ingen varning att kvittera
    .hint = ta bort `acknowledged`: det som kvitterades gäller inte längre
new-kpi-hint = om det är en ny KPI, lägg till den i `kolada.toml`: `[[kpi]]` med `id = "{ $id }"`, `title` (Koladas titel), `unit` (andel, per-100000-inv, index, medelvarde eller ar), `municipality_type` (A för kommuner och regioner, K för kommuner, L för regioner) och `current = true`; `perspektiv kolada fetch` håller sedan titel och publicering aktuella

# Bilaga 2: the calendars.
not-a-meeting-body = { $body } är inte ett av kalenderns mötesorgan
    .related = mötesorganen listas här
no-such-day = { $month } har ingen dag { $day }
unknown-track = okänt spår `{ $track }`
empty-month = { $month } i kalendern ”{ $calendar }” är tom
    .hint = lägg till uppgifter eller möten, eller kvittera en tom månad med `acknowledged = "…varför…"`
empty-month-untitled = { $month } i kalendern `{ $id }` är tom
meeting-day-unset = { $body }: mötesdag saknas i { $month }
    .hint = lägg till `day = N` när datumet är beslutat

# `parties.toml` and the municipality groups.
party-id-too-long = ett part-id på { $length } tecken; högst { $max } ryms i ett filnamn
    .hint = id:t namnger partens bilaga och webbsida (`{ $year }-bilaga-<id>.pdf`); använd kommunens namn, som `hammaro`
group-no-kpis = { $party } jämförs med kommungruppen `{ $group }` på ingen KPI (`kpis = []`)
    .hint = ange KPI:erna för gruppens verksamhetsområde, eller utelämna `kpis` för att jämföra på alla KPI:er
group-kpi-unknown = { $party } jämförs med kommungruppen `{ $group }` på KPI:n `{ $kpi }`, som inte finns i `kolada.toml`
    .hint = ange KPI:er ur katalogen (de som målens indikatorer följer), eller utelämna `kpis` för att jämföra på alla KPI:er
group-kpi-unused = { $party } jämförs med kommungruppen `{ $group }` på KPI:n `{ $kpi }`, som ingen indikator för { $year } följer: gruppen finns då inte i någon tabell
    .hint = ange en KPI ur årets `goals.toml`, eller ta bort den ur `kpis`
region-in-municipality-group = { $party } är en region, men kommungruppen `{ $group }` ({ $title }) har kommuner som medlemmar
    .hint = jämför en region med en grupp av regioner, eller ta bort gruppen
group-not-current = { $party } jämförs med kommungruppen `{ $group }`{ $title }, som Kolada inte listar (`current = false` i `kolada.toml`)
    .hint = välj en grupp som Kolada listar (`https://api.kolada.se/v3/municipality_groups`), eller ta bort gruppen
group-not-fetched = { $party } jämförs med kommungruppen `{ $group }`, som `kolada.toml` ännu inte listar
    .hint = kör `perspektiv kolada fetch`: den hämtar gruppens värden, titel och medlemmar (bilagan anger gruppen med dess id tills dess)

# `goals.toml`: the goals, their indicators and KPIs.
target-before-baseline = målåret { $target } ligger inte efter basåret { $baseline }
follow-up-twice = både `follow_up_years` och `baseline_year = { $baseline }` anger uppföljningsperioden
    .hint = behåll en av dem: basåret som utgåvan anger, eller de senaste N åren
follow-up-empty = uppföljningsperioden måste omfatta minst 1 år
follow-up-too-long = en uppföljningsperiod på { $years } år; högst { $max } år kan följas upp
    .hint = bilagorna jämför det senaste året med året så många år tidigare; Koladas värden går tillbaka till 1990-talet
target-without-amount = målet saknar `amount`; den här enheten kräver ett
target-takes-no-amount = den här enheten tar inget `amount`
amount-not-positive = beloppet måste vara ett positivt tal
age-band-reversed = åldersintervallet slutar ({ $to }) innan det börjar ({ $from })
kpi-listed-twice = KPI:n `{ $kpi }` står två gånger för den här indikatorn
kpi-not-in-catalogue = Kolada-KPI:n `{ $kpi }` finns inte i `kolada.toml`
    .related = Koladas KPI:er definieras här
target-year-passed = målen skulle nås { $target }, före { $year }
    .hint = ange ett nytt målår och se över målen
no-follow-up-period = målen för { $year } anger ingen uppföljningsperiod; `perspektiv annexes` behöver en
    .hint = lägg till `follow_up_years = 5` (det senaste året mot året fem år tidigare) eller `baseline_year = ÅR`
goal-without-indicators = målet ”{ $goal }” har inga indikatorer
indicator-without-kpi = indikatorn ”{ $indicator }” har ingen Kolada-KPI
    .hint = lägg till `kolada = [{"{"} kpi = "…" {"}"}]`, eller kvittera att den mäts på annat sätt med `acknowledged = "…varför…"`
indicator-without-kpi-from = indikatorn ”{ $indicator }” har ingen Kolada-KPI (värden från { $source })
kpi-not-current = indikatorn ”{ $indicator }” följer KPI:n `{ $kpi }`, som Kolada inte längre publicerar (`current = false` i `kolada.toml`){ $until }
    .until = dess värden slutar { $period }
    .hint = välj en KPI som Kolada publicerar, kontrollera med `perspektiv kolada fetch` om den är tillbaka, eller kvittera den på indikatorn med `acknowledged = "…varför…"`
kpi-outdated = Koladas senaste period för KPI:n `{ $kpi }` (indikatorn ”{ $indicator }”) är { $period }, äldre än { $end }, { $what_end }
    .target-year = målåret
    .newest-values = det senaste året i utgåvans värden
    .hint = tabellen jämför år före { $end }; hämta nyare värden med `perspektiv kolada fetch`, eller välj en KPI som publiceras för { $end }

# `groups.toml` and `members.toml`: the bodies, their remits, terms and seats.
body-defined-here = organet definieras här
remit-without-items = ett uppdrag behöver minst en punkt
reports-to-itself = { $body } kan inte rapportera till sig självt
term-reversed = mandatperioden slutar ({ $until }) innan den börjar ({ $from })
terms-overlap = mandatperioderna för { $body } måste följa på varandra utan att överlappa
    .related = mandatperioden före
    .hint = ge den tidigare perioden ett `until` före nästa periods `from`
reporting-cycle = { $body } ingår i en rapporteringskedja som går runt
remit-unused = uppdraget { $remit } används inte av något organ
    .hint = ange `remit` på organet det hör till, eller ta bort det
no-such-area = { $body } har inget område `{ $area }`
period-reversed = perioden slutar ({ $until }) innan den börjar ({ $from })
seat-outside-terms = { $person }s plats i { $body } ligger inte inom någon av organets mandatperioder
    .hint = ange `from`/`until` inom en mandatperiod, eller lägg till perioden i organets lista `term`
    .related = organet och dess mandatperioder definieras här
other-seat = den andra platsen
role-twice = { $person } har rollen { $role } i { $body } två gånger under överlappande perioder
    .hint = ange `from`/`until` så att perioderna inte överlappar
single-seat-twice = både { $person } och { $other } är { $role } i { $body } under överlappande perioder
seat-ended = { $person }s plats i { $body } upphörde { $until }, före { $year }
    .hint = uppdatera rollens period, eller, om det är som det ska, ange varför med `acknowledged = "…"` på rollen
seat-ended-unfilled = { $person }s plats i { $body } upphörde { $until }, före dokumentets datum ({ $date }), och ingen har tagit över den
    .hint = lägg till personen som tog över platsen (en roll i samma organ med `from` dagen efter), visa den tidigare sammansättningen med ett ledamotsblock med `until`, eller, om det är som det ska, ange varför med `acknowledged = "…"` på rollen
seat-ends = { $person }s plats i { $body } upphör { $until }, medan denna utgåva gäller
    .hint = lägg till personen som tar över platsen (en roll i samma organ med `from` dagen efter), eller, om det är som det ska, ange varför med `acknowledged = "…"` på rollen
two-seats = { $person } har två platser i { $body }: { $role } och { $other }
vacant-seat = { $body } har en vakant plats ({ $function })
    .hint = tillsätt platsen, eller kvittera den med `acknowledged = "…varför…"`

# `document.toml`: the publisher, chapters and their blocks.
year-mismatch = dokumentet anger året { $document } men dess mapp är { $folder }
keywords-too-long = nyckelorden har tillsammans { $length } tecken; högst { $max } ryms
    .hint = behåll de få ord som en sökning efter dokumentet skulle använda
not-an-email = `{ $email }` är ingen e-postadress
    .hint = skriv bara adressen, som `namn@regionvarmland.se`, utan `mailto:`
not-a-phone = `{ $phone }` är inget telefonnummer
    .hint = skriv numret med siffror, mellanslag och bindestreck, som `070-174 06 05` eller `+46 70 174 06 05`
not-a-web-address = `{ $url }` är ingen webbadress
    .hint = skriv hela adressen, med början `https://`
no-publisher = dokumentet anger ingen utgivare, så webbutgåvans tillgänglighetsredogörelse har ingen att kontakta
    .hint = lägg till en tabell `[publisher]` med `name` och `email` eller `phone` (eller `accessibility_statement_url`, utgivarens egen redogörelse)
publisher-without-contact = tillgänglighetsredogörelsen anger varken e-postadress eller telefonnummer för { $publisher }
    .hint = lägg till `email` eller `phone` i `[publisher]`: läsare använder den för att rapportera brister och begära innehåll i annan form (eller ange `accessibility_statement_url` till utgivarens egen redogörelse)
block-without-remit = { $body } har inget uppdrag, så blocket `{ $kind }` skulle bli tomt
block-without-areas = { $body } har inga områden, så blocket `{ $kind }` skulle bli tomt
block-without-direction = { $body } har ingen inriktning och inga funktioner, så blocket `{ $kind }` skulle bli tomt
heading-skips-level = en rubrik på nivå { $level } följer en rubrik på nivå { $current }
    .hint = använd `#` för ett kapitels första avsnitt och `##` bara inuti ett avsnitt
empty-chapter = kapitlet ”{ $title }” är tomt
empty-appendix = bilagan ”{ $title }” är tom
members-block-empty = ledamotsblocket för { $body } visar ingen

# The prose and the characters of every text.
indented-line = en indragen rad: Markdown läser en rad som börjar med tabb eller fyra mellanslag som kod
    .hint = ta bort mellanslagen eller tabben i början av raden
prose-long-heading = en rubrik på { $length } tecken; högst { $max } får plats i bokmärkena och innehållsförteckningen: korta rubriken och lägg resten i texten under den
prose-nesting = citat, listor, betoningar och länkar ligger { $depth } nivåer i varandra här; dokumentet kan sätta högst { $max } nivåer: skriv texten med färre nivåer i varandra
prose-long-word = ett ord på { $length } tecken (med en länks adress, om den har en); högst { $max } får plats: sätt mellanslag mellan orden, eller länka med en kortare adress
prose-footnote-in-heading = en fotnot (`[^{ $label }]`) i en rubrik stöds inte: innehållsförteckningen och bokmärkena skulle upprepa den; lägg fotnoten i texten under rubriken
prose-footnote-undefined = fotnoten `[^{ $label }]` har ingen definition
prose-footnote-unreferenced = fotnoten `[^{ $label }]` är definierad men inget i texten hänvisar till den; skriv `[^{ $label }]` där den hör hemma (en not och hänvisningen till den måste stå i samma text)
prose-link-without-address = en länk utan adress: skriv `[text](https://…)`
prose-link-without-text = en länk utan text: skriv orden att klicka på inom `[…]`
prose-heading-not-allowed = rubriker är inte tillåtna här
prose-heading-in-list = rubriker är inte tillåtna i listor
prose-html = HTML stöds inte i löptext: `{ $html }` (skriv `\<` för att visa ett `<` som text)
prose-unsupported = { $construct ->
        [rule] horisontella linjer (`---`) stöds inte i löptext
        [math] matematik stöds inte i löptext
        [task-list] att-göra-listor stöds inte i löptext
        [code-block] kodblock stöds inte i löptext
        [image] bilder stöds inte i löptext
        [html-block] HTML stöds inte i löptext
        [table] tabeller stöds inte i löptext
        [nested-footnote] fotnotsdefinitioner i varandra stöds inte
        [definition-list] definitionslistor stöds inte i löptext
        [metadata] metadatablock stöds inte i löptext
       *[script] upphöjd och nedsänkt text stöds inte i löptext
    }
empty-text = tom text
    .hint = skriv texten, eller utelämna nyckeln om den är valfri
text-too-long = en text på { $length } tecken; högst { $max } ryms här
    .hint = korta texten: ett namn, en rubrik eller en indikators text skrivs i tabeller, bokmärken och kalkylarket
invisible-character = ett osynligt tecken, { $code } ({ $name }): { $what }
    .reorders = det kastar om texten runt sig i vissa program, och sökning, kopiering och skärmläsare stöter på det
    .shows-nothing = det syns inte, men sökning, kopiering och skärmläsare stöter på det
    .hint = ta bort det (det satta dokumentet utelämnar det)
control-character = ett styrtecken: { $code }
character-not-in-fonts = ett tecken som de medföljande typsnitten inte kan visa: { $code } `{ $char }`
    .hint = använd ett annat tecken, eller lägg ett typsnitt som har det i `fonts/`

# Any other problem, worded where it is found.
other = { $message }
