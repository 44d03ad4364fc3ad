# What the commands say besides the problems of the sources: the files they wrote (after
# `wrote`), their notes, warnings, summaries and progress lines.

# `build`.
build-wrote = { $file } ({ $kib } KiB)
build-wrote-review = { $file } ({ $kib } KiB): the review edition, with the changes since { $since } marked
build-review-failed = the review edition stopped with an internal error, so neither PDF is written

# `site`: the folder, and what its pages are.
site-wrote = { $folder } ({ $pages ->
    [one] 1 page
   *[other] { $pages } pages
}: { $parts }), open { $index }
site-part-document = the document
site-part-parties = { $pages ->
    [one] 1 page
   *[other] { $pages } pages
} of parties
site-part-overviews = { $overviews ->
    [one] the county overview
   *[other] { $overviews } county overviews
}
site-part-changes = the change page, the review edition
site-part-statement = the accessibility statement
site-no-values = there are no values for { $year }, so the site has no pages of parties (fetch them with `perspektiv kolada fetch { $year }`)

# `annexes`.
annex-rehearsal = a rehearsal without values for { $year }: every page is marked "UTAN VÄRDEN"; do not send these
annex-wrote = { $annexes ->
    [one] 1 annex
   *[other] { $annexes } annexes
}{ $overviews ->
    [0] {""}
    [one] , the county overview
   *[other] , { $overviews } county overviews
} and the spreadsheet { $sheet } to { $folder } ({ $how })
annex-how = { $typeset } typeset, { $cached } from the cache
annex-how-no-cache = { $typeset } typeset, cache off
annex-wrote-zip = { $file } ({ $files ->
    [one] 1 file
   *[other] { $files } files
} and { $manifest })
annex-cache-off = every document is typeset, without the cache: { $error }
annex-cache-not-stored = { $error }; the run goes on without storing in the cache
annex-cache-not-pruned = { $error }; the cache was not cleaned up
# After a run with `--only`: what of the run of all parties it left as it was.
annex-kept-overviews = { $overviews ->
    [one] the county overview
   *[other] { $overviews } county overviews
}
annex-kept = a run with --only leaves { $kept } of the run of all parties as they were
annex-kept-changed = { $kept }; { $annexes ->
    [one] the annex of { $changed } changed, so they no longer match it
   *[other] the annexes of { $changed } changed, so they no longer match them
}: run `perspektiv annexes { $year }` without --only to bring them up to date

# `values template`.
values-template-wrote = `{ $file }`: { $sheets ->
    [one] 1 sheet
   *[other] { $sheets } sheets
} of { $first }–{ $last }; fill in `värde` and put the file in `{ $folder }`

# `kolada fetch`: the summary, a line per KPI, the changes of `kolada.toml`, the progress.
kolada-fetched = fetched { $kpis ->
    [one] 1 KPI
   *[other] { $kpis } KPIs
} from { $url } ({ $what } for { $year }; { $pages ->
    [one] 1 page
   *[other] { $pages } pages
} in { $requests ->
    [one] 1 request
   *[other] { $requests } requests
})
kolada-whole-country = the whole country
kolada-whole-country-and-groups = the whole country and { $groups ->
    [one] 1 municipality group
   *[other] { $groups } municipality groups
}
kolada-areas = { $areas ->
    [one] 1 area
   *[other] { $areas } areas
}
kolada-kpi = { $kpi }  { $areas ->
    [one] 1 area
   *[other] { $areas } areas
}, { $years }, { $records ->
    [one] 1 record
   *[other] { $records } records
}
kolada-kpi-country = { $line }; and { $year } for { $others ->
    [one] 1 more municipality or region
   *[other] { $others } more municipalities and regions
} of the country
kolada-kpi-no-values = { $kpi }  no values
kolada-kpi-no-values-kept = { $kpi }  no values; its file is left as it was
kolada-updated-metadata = updated the metadata of { $kpis ->
    [one] 1 KPI
   *[other] { $kpis } KPIs
} in `{ $file }`:
kolada-updated-groups = updated { $groups ->
    [one] 1 municipality group
   *[other] { $groups } municipality groups
} in `{ $file }`:
kolada-changed = { $id }  { $changes }
kolada-changed-retired = { $id }  no longer listed by Kolada: { $changes }
kolada-group-added = added
kolada-group-added-unlisted = added; Kolada does not list it
kolada-progress = { $pages ->
    [one] 1 page
   *[other] { $pages } pages
} and { $records ->
    [one] 1 record
   *[other] { $records } records
} so far · { $url }
kolada-retry = { $request }: { $why }; trying again in { $wait } (attempt { $attempt } of { $attempts })
kolada-retry-as-asked = { $request }: { $why }; trying again in { $wait } as Retry-After asks (attempt { $attempt } of { $attempts })
kolada-same-request = the same request
kolada-timed-out = the request timed out
kolada-connection-failed = the connection failed ({ $error })

# Typst's warnings (Typst's own message, in English, and where it comes from).
typst-in-documents = in { $documents } documents
typst-rendered-line = line { $line } of the rendered `{ $file }`
typst-rendered = in the rendered `{ $file }`
typst-in-template = in template `{ $template }`, line { $line } ({ $place })
typst-at = at { $place }
typst-markup = markup: `{ $markup }`
