# `serve`: its lines on the command line, its errors, and the words of what only served pages
# show (the banner of a failed build, the page before the first build and of an address not
# served, the answers to refused requests). Also what `watch` says that `serve` shares with it.

serve-serving = serving at { $url }
serve-start-page = the review edition: { $url }
serve-open-failed = failed to open the browser: { $error }; open { $url } yourself
serve-other-machines = listening on { $address }: other machines that reach this address can read the draft
serve-changed = changed: { $files }
serve-built = built { $year }: the pages in { $pages } ms (open pages reloaded), { $pdfs ->
    [one] the PDF
   *[other] the PDFs
} in { $ms } ms
serve-pages-stay = the last good pages stay, with the problems shown on them; waiting for changes
serve-no-pages-yet = no pages are built yet: the preview shows the problems until they are fixed; waiting for changes
serve-stopped = stopped; the last build stays in `{ $folder }`
serve-stopped-unbuilt = stopped; nothing was built

# Its errors.
serve-port-in-use = port { $port } is in use (by another program, or another `perspektiv serve`); try `--port { $next }`
serve-port-denied = port { $port } may not be used by this user; try `--port { $default }`
serve-listen-failed = failed to listen on { $address }
serve-address-unread = failed to read the address listened on
serve-folder-unread = failed to read the current folder
serve-start-failed = failed to start the server: { $error }

# What served pages show, in the language of the run (the pages themselves are Swedish).
serve-banner-title = The build failed: the page shows the last version that built
serve-banner-title-first = The sources have errors, so there is nothing to show yet
serve-banner-key = key
serve-no-build-title = No preview yet
serve-no-build = The sources have errors, so no pages have been built yet. The page reloads when the errors are fixed.
serve-not-found-title = There is no such page
serve-not-found-link = To the whole document
serve-click-to-open = click to open it in the editor
serve-refused-method = only GET and HEAD are answered
serve-refused-host = perspektiv serve answers only requests for localhost or a loopback address (Host)
serve-refused-path = not a path of the served files

# `watch` and `serve`.
watch-stopped = stopped watching
watch-review-invalid = the sources of `{ $old }` are not valid, so the review edition was not rebuilt; fix them (`perspektiv check { $year }`)
watch-cannot-watch = failed to watch for changes
watch-cannot-watch-folder = failed to watch `{ $folder }`
watch-no-signals = failed to listen for Ctrl-C
