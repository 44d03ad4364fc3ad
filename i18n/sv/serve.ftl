# `serve`: its lines on the command line, its errors, and the words of what only served pages
# show (the banner of a failed build, the page before the first build and of an address not
# served, the answers to refused requests). Also what `watch` says that `serve` shares with it.

serve-serving = förhandsvisningen finns på { $url }
serve-start-page = granskningsversionen: { $url }
serve-open-failed = kunde inte öppna webbläsaren: { $error }; öppna { $url } själv
serve-other-machines = lyssnar på { $address }: andra datorer som når den adressen kan läsa utkastet
serve-changed = ändrat: { $files }
serve-built = byggde { $year }: sidorna på { $pages } ms (öppna sidor laddades om), { $pdfs ->
    [one] PDF:en
   *[other] PDF:erna
} på { $ms } ms
serve-pages-stay = de senaste fungerande sidorna ligger kvar, med problemen visade på dem; väntar på ändringar
serve-no-pages-yet = inga sidor är byggda än: förhandsvisningen visar problemen tills de är åtgärdade; väntar på ändringar
serve-stopped = avslutad; det senaste bygget ligger kvar i `{ $folder }`
serve-stopped-unbuilt = avslutad; inget byggdes

# Its errors.
serve-port-in-use = port { $port } används redan (av ett annat program eller en annan `perspektiv serve`); försök med `--port { $next }`
serve-port-denied = port { $port } får inte användas av den här användaren; försök med `--port { $default }`
serve-listen-failed = kunde inte lyssna på { $address }
serve-address-unread = kunde inte läsa adressen som lyssnas på
serve-folder-unread = kunde inte läsa den aktuella mappen
serve-start-failed = kunde inte starta servern: { $error }

# What served pages show, in the language of the run (the pages themselves are Swedish).
serve-banner-title = Bygget misslyckades: sidan visar den senaste versionen som gick att bygga
serve-banner-title-first = Källorna har fel, så det finns inget att visa än
serve-banner-key = nyckel
serve-no-build-title = Ingen förhandsvisning ännu
serve-no-build = Källorna har fel, så inga sidor har byggts än. Sidan laddas om när felen är rättade.
serve-not-found-title = Sidan finns inte
serve-not-found-link = Till hela dokumentet
serve-click-to-open = klicka för att öppna i redigeraren
serve-refused-method = bara GET och HEAD besvaras
serve-refused-host = perspektiv serve besvarar bara förfrågningar till localhost eller en loopback-adress (Host)
serve-refused-path = den sökvägen hör inte till filerna som visas

# `watch` and `serve`.
watch-stopped = bevakningen avslutad
watch-review-invalid = källorna för `{ $old }` är inte giltiga, så granskningsversionen byggdes inte om; rätta dem (`perspektiv check { $year }`)
watch-cannot-watch = kunde inte bevaka ändringar
watch-cannot-watch-folder = kunde inte bevaka `{ $folder }`
watch-no-signals = kunde inte lyssna efter Ctrl-C
