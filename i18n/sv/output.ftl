# What the commands say besides the problems of the sources: the files they wrote (after
# `wrote`), their notes, warnings, summaries and progress lines.

# `build`.
build-wrote = { $file } ({ $kib } KiB)
build-wrote-review = { $file } ({ $kib } KiB): granskningsversionen, med ändringarna sedan { $since } markerade
build-review-failed = granskningsversionen stoppades av ett internt fel, så ingen av PDF-filerna skrivs

# `site`: the folder, and what its pages are.
site-wrote = { $folder } ({ $pages ->
    [one] 1 sida
   *[other] { $pages } sidor
}: { $parts }); öppna { $index }
site-part-document = dokumentet
site-part-parties = { $pages ->
    [one] 1 sida
   *[other] { $pages } sidor
} för parterna
site-part-overviews = { $overviews ->
    [one] länsöversikten
   *[other] { $overviews } länsöversikter
}
site-part-changes = förändringssidan, granskningsversionens sida
site-part-statement = tillgänglighetsredogörelsen
site-no-values = det finns inga värden för { $year }, så webbplatsen har inga sidor för parterna (hämta dem med `perspektiv kolada fetch { $year }`)

# `annexes`.
annex-rehearsal = en genomgång utan värden för { $year }: varje sida är märkt ”UTAN VÄRDEN”; skicka inte ut dem
annex-wrote = { $annexes ->
    [one] 1 bilaga
   *[other] { $annexes } bilagor
}{ $overviews ->
    [0] {""}
    [one] , länsöversikten
   *[other] , { $overviews } länsöversikter
} och kalkylarket { $sheet } till { $folder } ({ $how })
annex-how = { $typeset ->
    [one] 1 typsatt
   *[other] { $typeset } typsatta
}, { $cached } från cachen
annex-how-no-cache = { $typeset ->
    [one] 1 typsatt
   *[other] { $typeset } typsatta
}, utan cache
annex-wrote-zip = { $file } ({ $files ->
    [one] 1 fil
   *[other] { $files } filer
} och { $manifest })
annex-cache-off = varje dokument typsätts, utan cache: { $error }
annex-cache-not-stored = { $error }; körningen fortsätter utan att spara i cachen
annex-cache-not-pruned = { $error }; cachen har inte städats
# After a run with `--only`: what of the run of all parties it left as it was.
annex-kept-overviews = { $overviews ->
    [one] länsöversikten
   *[other] { $overviews } länsöversikter
}
annex-kept = en körning med --only lämnar { $kept } från körningen av alla parter som de var
annex-kept-changed = { $kept }; { $annexes ->
    [one] bilagan för { $changed } har ändrats, så de stämmer inte längre med den
   *[other] bilagorna för { $changed } har ändrats, så de stämmer inte längre med dem
}: kör `perspektiv annexes { $year }` utan --only för att uppdatera dem

# `values template`.
values-template-wrote = `{ $file }`: { $sheets ->
    [one] 1 blad
   *[other] { $sheets } blad
} för { $first }–{ $last }; fyll i `värde` och lägg filen i `{ $folder }`

# `kolada fetch`: the summary, a line per KPI, the changes of `kolada.toml`, the progress.
kolada-fetched = hämtade { $kpis ->
    [one] 1 KPI
   *[other] { $kpis } KPI:er
} från { $url } ({ $what } för { $year }; { $pages ->
    [one] 1 sida
   *[other] { $pages } sidor
} i { $requests ->
    [one] 1 anrop
   *[other] { $requests } anrop
})
kolada-whole-country = hela landet
kolada-whole-country-and-groups = hela landet och { $groups ->
    [one] 1 kommungrupp
   *[other] { $groups } kommungrupper
}
kolada-areas = { $areas ->
    [one] 1 område
   *[other] { $areas } områden
}
kolada-kpi = { $kpi }  { $areas ->
    [one] 1 område
   *[other] { $areas } områden
}, { $years }, { $records ->
    [one] 1 post
   *[other] { $records } poster
}
kolada-kpi-country = { $line }; samt { $year } för ytterligare { $others } av landets kommuner och regioner
kolada-kpi-no-values = { $kpi }  inga värden
kolada-kpi-no-values-kept = { $kpi }  inga värden; dess fil lämnas som den var
kolada-updated-metadata = uppdaterade metadata för { $kpis ->
    [one] 1 KPI
   *[other] { $kpis } KPI:er
} i `{ $file }`:
kolada-updated-groups = uppdaterade { $groups ->
    [one] 1 kommungrupp
   *[other] { $groups } kommungrupper
} i `{ $file }`:
kolada-changed = { $id }  { $changes }
kolada-changed-retired = { $id }  listas inte längre av Kolada: { $changes }
kolada-group-added = tillagd
kolada-group-added-unlisted = tillagd; Kolada listar den inte
kolada-progress = { $pages ->
    [one] 1 sida
   *[other] { $pages } sidor
} och { $records ->
    [one] 1 post
   *[other] { $records } poster
} hittills · { $url }
kolada-retry = { $request }: { $why }; försöker igen om { $wait } (försök { $attempt } av { $attempts })
kolada-retry-as-asked = { $request }: { $why }; försöker igen om { $wait } som Retry-After begär (försök { $attempt } av { $attempts })
kolada-same-request = samma anrop
kolada-timed-out = anropet tog för lång tid
kolada-connection-failed = anslutningen misslyckades ({ $error })

# Typst's warnings (Typst's own message, in English, and where it comes from).
typst-in-documents = i { $documents } dokument
typst-rendered-line = rad { $line } i den genererade `{ $file }`
typst-rendered = i den genererade `{ $file }`
typst-in-template = i mallen `{ $template }`, rad { $line } ({ $place })
typst-at = vid { $place }
typst-markup = kod: `{ $markup }`
