# The errors that stop a command: the `error:` line and its `caused by:` lines (the text of an
# I/O error is the system's own). Paths and ids the user types are in backticks.

# Files and folders.
error-read = failed to read `{ $path }`
error-read-not-utf8 = failed to read `{ $path }`: it is not UTF-8
error-not-utf8 = `{ $path }` is not UTF-8
error-parse = failed to parse `{ $path }`
error-update = failed to update `{ $path }`
error-write = failed to write `{ $path }`
error-create = failed to create `{ $path }`
error-remove = failed to remove `{ $path }`
error-read-link = failed to read the symbolic link `{ $path }`
error-link-circle = `{ $path }` is a symbolic link that leads in a circle
error-exists = `{ $path }` exists already; perspektiv never overwrites it
error-temporary-file = failed to create a temporary file in `{ $folder }`
error-temporary-folder = failed to create a temporary folder in `{ $folder }`
error-permissions = failed to set the permissions of `{ $path }`
error-remove-earlier = failed to remove the files of an earlier run from `{ $folder }`
error-no-sources-folder = the sources folder `{ $folder }` does not exist; run perspektiv in the project folder or pass `--sources DIR`
error-no-years = `{ $folder }` has no year with sources (a folder like `{ $folder }/2023` with a `document.toml`)
error-source-date-epoch = SOURCE_DATE_EPOCH must be seconds since 1970, found `{ $value }`
error-source-date-epoch-range = SOURCE_DATE_EPOCH `{ $value }` is out of range

# The hints of reading a year's sources.
no-sources-hint = years with sources: { $years }
    .new = years with sources: { $years }; start { $year } with `perspektiv new { $year } --from { $newest }`
    .no-years = `{ $folder }` has no year folders with sources

# The command line, resolved.
error-editor-url = the editor URL `{ $url }` has no `{"{"}path{"}"}`; give the form with `{"{"}path{"}"}`, `{"{"}line{"}"}` and `{"{"}column{"}"}`, like `vscode://file/{"{"}path{"}"}:{"{"}line{"}"}:{"{"}column{"}"}`
invalid-kpi-id = invalid Kolada KPI id `{ $kpi }`: expected a capital letter and five digits, like `N15428`
error-base-url = the base URL `{ $url }` must start with https:// or http://

# `diff`, `build --changes-since`, `site --changes-since`: a side `YEAR` or `REV:YEAR`.
error-side = `{ $side }` is neither a year (`2023`) nor a git revision and a year (`HEAD~1:2023`)
error-side-year = `{ $side }`: expected a year after the colon, like `{ $rev }:2023`
error-reading-side = reading `{ $side }`
error-side-no-year = `{ $rev }` has no sources/{ $year }: its years with sources are { $years }
    .added-later = `{ $rev }` has no sources/{ $year }: the year was added later
    .no-years = `{ $rev }` has no sources/{ $year }: it has no year folders with sources
error-review-invalid = the sources of `{ $side }` are not valid, so there is no review edition; fix them first (`perspektiv check { $year }`)
error-change-page-invalid = the sources of `{ $side }` are not valid, so there is no change page; fix them first (`perspektiv check`)

# A revision of the git history.
error-git-no-repository = `{ $folder }` is not inside a git repository
error-git-bare = the git repository `{ $repository }` is bare (it has no work tree); run perspektiv in a clone of it
error-git-no-sources = the sources folder `{ $folder }` does not exist
error-git-outside = `{ $folder }` is not inside the work tree `{ $worktree }`
error-git-shallow = the revision `{ $rev }` is not in this clone: it is shallow and holds only the newest commits; fetch the whole history with `git fetch --unshallow`
error-git-no-tree = revision `{ $rev }` has no tree: { $error }
error-git-missing-folder = `{ $folder }` does not exist at revision `{ $rev }`
error-git-empty-folder = `{ $folder }` is empty at revision `{ $rev }`
error-git-no-commit = `{ $rev }` names no commit in this repository
    .base = `{ $rev }` names no commit: there is no branch, tag or commit `{ $base }` in this repository
    .hint = name a branch, a tag or a commit id (`git log --oneline` lists them)
error-git-branches = the branches are { $branches }
error-git-too-far = `{ $rev }` goes back further than the history: `{ $base }` has { $commits ->
    [one] 1 commit
   *[other] { $commits } commits
} before it
    .hint = go back at most { $commits } (`{ $base }~{ $commits }` is the first commit)
    .first = `{ $rev }` goes back further than the history: `{ $base }` is the first commit
    .first-hint = there is no earlier revision to compare with yet
error-git-no-parent = `{ $rev }` names parent { $n } of `{ $base }`, but `{ $base }` has { $parents ->
    [one] 1 parent
   *[other] { $parents } parents
}
    .hint = use `{ $base }~1` for the commit before `{ $base }`
error-git-reflog = `{ $rev }` names an entry of `{ $base }`'s reflog (the record of where it pointed) that this clone does not have
    .hint = use `{ $base }~N` to go back N commits

# Templates, fonts, typesetting.
error-read-template = failed to read template `{ $path }`
error-template-not-utf8 = template `{ $path }` is not valid UTF-8
error-template-not-found = template `{ $name }` not found
error-template-syntax = template syntax settings: { $error }
error-template = template { $place }: { $error }
    .line = template { $place }, line { $line }: { $error }
error-template-place = `{ $path }`
    .embedded = `{ $name }` (embedded)
error-render = failed to render `{ $path }`
error-read-font = failed to read font `{ $path }`
error-not-a-font = `{ $path }` is not a font Typst can read
error-no-fonts = the fonts folder `{ $folder }` has no fonts (.ttf, .otf)
error-typst-file-name = internal error: `{ $name }` is no name for a Typst file: { $error }
error-typst = typst could not typeset the document
error-typst-failed = typst failed: { $error }
error-typst-finish = failed to finish the exported PDF: { $error }
error-typst-fonts-hint = only the fonts in `fonts/` are available
error-typst-internal = Typst stopped with an internal error while laying out `{ $name }`: { $error }. No PDF is written. This is a fault of Typst, not of the sources; it usually comes from a very long word or name in a narrow table column: shorten it, or write it with a hyphen
    .exporting = Typst stopped with an internal error while exporting `{ $name }`: { $error }. No PDF is written. This is a fault of Typst, not of the sources; it usually comes from a very long word or name in a narrow table column: shorten it, or write it with a hyphen
hint-render-markup = run `perspektiv render { $year }` to write the generated markup
hint-annex-markup = run `perspektiv annexes { $year } --only { $party } --markup` to write the annex's markup beside its PDF
hint-generated-markup = the markup `{ $markup }` is generated from the templates; check the template named above

# What a typeset document must show and does not.
missing-texts = the typeset document does not show { $counts } that its sources list, so no PDF was written
    .hint = a template leaves { $count ->
        [one] it
       *[other] them
    } out; check the templates that override the built-in ones (the `templates/` folder beside the sources)
missing-texts-count = { $kind ->
    [person] { $count ->
        [one] 1 person
       *[other] { $count } people
    }
    [body] { $count ->
        [one] 1 body
       *[other] { $count } bodies
    }
    [goal] { $count ->
        [one] 1 goal
       *[other] { $count } goals
    }
    [indicator] { $count ->
        [one] 1 indicator
       *[other] { $count } indicators
    }
    [party] { $count ->
        [one] 1 party
       *[other] { $count } parties
    }
   *[change] { $count ->
        [one] 1 change
       *[other] { $count } changes
    }
}
missing-texts-item = { $kind ->
    [person] person
    [body] body
    [goal] goal
    [indicator] indicator
    [party] party
   *[change] change
} "{ $text }"
    .from = { $kind ->
        [person] person
        [body] body
        [goal] goal
        [indicator] indicator
        [party] party
       *[change] change
    } "{ $text }", from { $origin }
missing-texts-more = and { $count } more
missing-texts-line = line { $line }, column { $column }

# The cache of `annexes`.
error-create-cache = failed to create the cache folder `{ $folder }`
error-write-cache = failed to write the cache entry `{ $path }`
error-cache-no-program = cannot find the running program: { $error }
error-cache-program = cannot read the running program `{ $path }`: { $error }

# `annexes`: the workers, the zip, the spreadsheet.
error-worker-thread = failed to start a worker thread
error-build = failed to build `{ $name }`
error-write-spreadsheet = failed to write the spreadsheet
annex-zip-of-all = `{ $path }` is the zip of a run of all parties; this run of { $parties ->
    [one] 1 party
   *[other] { $parties } parties
} would replace it
    .hint = give this run a zip of its own, such as `--zip { $path }`, or leave out `--only` to make the whole zip again
error-zip-timestamp = the zip's fixed timestamp is invalid: { $error }
error-zip-twice = the zip would hold `{ $name }` twice
error-zip-compress = failed to compress `{ $name }` for `{ $path }`
error-zip-not-an-entry = `{ $name }` is not an entry of `{ $path }`
error-zip-added-twice = `{ $name }` was added to `{ $path }` twice
error-zip-missing = `{ $name }` is missing from `{ $path }`

# `values template`.
error-template-exists = `{ $path }` exists already; perspektiv values template never overwrites a file
error-template-unknown-kpi = unknown KPI `{ $kpi }`: the KPIs are those of `{ $file }`
error-template-no-follow-up = the goals of { $year } name no follow-up period, so the template cannot list its years; add `follow_up_years` or `baseline_year` to `{ $file }`
error-write-template = failed to write the template

# `schema`, `fmt`.
error-write-schema = failed to write the schema `{ $path }`
error-fmt-does-not-load = the formatted text does not load: { $error }
error-fmt-other-content = the formatted text does not load to the same content
error-fmt-lost-comment = formatting would lose the comment `{ $comment }`
error-fmt-unstable = formatting is not stable on this file

# `kolada fetch`: Kolada's answers and the network.
kolada-what-kpi-metadata = KPI metadata
kolada-what-group = municipality group
error-kolada-circle = Kolada's pages go round in circles: `{ $url }` comes again
error-kolada-malformed = malformed { $what } from `{ $url }`: { $error }
error-kolada-values-not-array = malformed { $what } from `{ $url }`: `values` is not an array
error-kolada-no-values = malformed { $what } from `{ $url }`: no `values` array
error-kolada-page = malformed page from `{ $url }`: line { $line }, column { $column }: { $error }{ $more ->
    [0] {""}
    [one] {" "}(and 1 more problem)
   *[other] {" "}(and { $more } more problems)
}
    .at-key = malformed page from `{ $url }`: line { $line }, column { $column } at `{ $key }`: { $error }{ $more ->
        [0] {""}
        [one] {" "}(and 1 more problem)
       *[other] {" "}(and { $more } more problems)
    }
error-kolada-kpi-not-asked = malformed page from `{ $url }`: `{ $at }` is for KPI `{ $kpi }`, which was not asked for
error-kolada-area-not-asked = malformed page from `{ $url }`: `{ $at }` is for area `{ $area }`, which was not asked for
error-kolada-two-records = Kolada gave two different records for KPI `{ $kpi }`, area `{ $area }`, period { $period } (the second in `{ $url }`)
error-kolada-next-page = the page `{ $url }` names a next page `{ $next }` that is not a URL
error-kolada-answered = Kolada answered { $why } for `{ $url }`
    .said = Kolada answered { $why } for `{ $url }`: { $said }
error-kolada-version = the base URL ends with the API's version, like `--base-url { $url }`
    .v3 = perspektiv speaks Kolada's v3 API; use `--base-url { $url }`
error-kolada-toml-invalid = `kolada.toml` is not valid TOML
error-kolada-toml-no-kpis = `kolada.toml` has no [[kpi]] tables
error-kolada-toml-groups = `group` in `kolada.toml` is not an array of `[[group]]` tables
error-kolada-toml-broken = internal error: the updated `kolada.toml` does not load: { $error }
error-fetch = failed to fetch `{ $url }`
error-fetch-gave-up = failed to fetch `{ $url }`: { $why } (gave up after { $attempts ->
    [one] 1 attempt
   *[other] { $attempts } attempts
})
error-fetch-wait = failed to fetch `{ $url }`: { $why }, and Kolada asks to wait { $seconds } s (Retry-After); try again later
error-host-not-found = the host name was not found
error-unreachable = cannot reach `{ $host }` to fetch `{ $url }`: { $why }
    .hint = check the network connection; behind a proxy, set HTTPS_PROXY (and NO_PROXY for hosts to reach directly), which `kolada fetch` honours as curl does
    .proxy = requests go through the proxy `{ $proxy }` (from { $variable }) unless NO_PROXY lists their host; check that the proxy is reachable and what NO_PROXY says of `{ $host }`

# The command line's parse errors, in clap's words and layout. `$arg`, `$value`, `$name` and the
# like come quoted by `cli-error-quoted`.
cli-error-quoted = '{ $text }'
cli-error-tip = tip
cli-error-usage = Usage
cli-error-more = For more information, try { $help }.
cli-error-unknown-argument = unexpected argument { $arg } found
cli-error-invalid-subcommand = unrecognized subcommand { $subcommand }
cli-error-invalid-value = invalid value { $value } for { $arg }
cli-error-number = { $kind ->
        [empty] cannot parse integer from empty string
        [too-large] number too large to fit in target type
        [too-small] number too small to fit in target type
        [zero] number would be zero for non-zero type
       *[not-a-number] invalid digit found in string
    }
cli-error-value-required = a value is required for { $arg } but none was supplied
cli-error-possible-values = [possible values: { $values }]
cli-error-no-equals = equal sign is needed when assigning values to { $arg }
cli-error-too-many-values = unexpected value { $value } for { $arg } found; no more were expected
cli-error-too-few-values = { $min } values required by { $arg }; only { $actual } { $actual ->
    [one] was
    [0] was
   *[other] were
} provided
cli-error-wrong-number-of-values = { $expected } values required for { $arg } but { $actual } { $actual ->
    [one] was
    [0] was
   *[other] were
} provided
cli-error-conflict = the { $subject ->
    [subcommand] subcommand
   *[argument] argument
} { $arg } cannot be used with { $other }
    .twice = the argument { $arg } cannot be used multiple times
    .list = the { $subject ->
        [subcommand] subcommand
       *[argument] argument
    } { $arg } cannot be used with:
    .others = the { $subject ->
        [subcommand] subcommand
       *[argument] argument
    } { $arg } cannot be used with one or more of the other specified arguments
cli-error-missing-required = the following required arguments were not provided:
cli-error-missing-subcommand = { $subcommand } requires a subcommand but one was not provided
cli-error-subcommands = [subcommands: { $values }]
cli-error-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
cli-error-similar = a similar { $what ->
    [subcommand] subcommand
    [argument] argument
   *[value] value
} exists: { $name }
    .many = some similar { $what ->
        [subcommand] subcommands
        [argument] arguments
       *[value] values
    } exist: { $names }
cli-error-tip-as-value = to pass { $arg } as a value, use { $usage }
cli-error-tip-exists = { $what } exists
cli-error-tip-double-dash = subcommand { $subcommand } exists; to use it, remove the { $dashes } before it
