# `perspektiv new`: next year's sources and the checklist of what to review.

new-exists = `{ $folder }` finns redan; perspektiv new skriver aldrig över ett år
new-not-after = det nya året { $year } måste komma efter { $from }
new-invalid-sources = källorna för { $from } måste vara felfria för att { $year } ska kunna utgå från dem
new-bug = de nya källorna för { $year } kan inte läsas; detta är ett fel i perspektiv new
new-created = skapade { $folder } från { $from }

checklist = checklista för { $year }: gå igenom varje punkt före första utkastet
checklist-none = (inga)
checklist-ending = ledamöter vars period slutar före eller under { $year }
checklist-later = perioder som slutar senare (kontrollera att de fortfarande stämmer)
checklist-period-ends = { $person }, { $role } i { $body }: perioden slutar { $until }
    .before = (före { $year }: ta bort eller ersätt)
    .during = (under { $year })
checklist-targets = indikatorer vars målår har passerat
checklist-target-passed = målåret { $target } har passerat: varje indikators mål behöver ett nytt år
checklist-no-kpi = indikatorer utan Kolada-KPI (deras värden måste samlas in för hand)
checklist-values-from = { $indicator } (värden från { $source })
checklist-days = mötesdagar att fastställa
checklist-meeting = möte i { $body } i { $when } (kalendern { $calendar })
checklist-vacancies = vakanta platser
checklist-mentions = texter som nämner { $year }
checklist-values = indikatorvärden
checklist-fetch = hämta årets värden: `perspektiv kolada fetch { $year }` (värdena kopieras inte)
