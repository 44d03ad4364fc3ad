# What every command says: the prefixes of its lines, the summary of the problems, the lists
# and suggestions of its messages.

prefix-error = fel
prefix-warning = varning
prefix-note = obs
prefix-hint = tips
prefix-caused-by = orsak
wrote = skrev { $what }

progress-documents = dokument
progress-request = anrop

# "did you mean", for a misspelt id, name or key.
did-you-mean = menade du `{ $name }`?
known-ids = kända id: { $ids }
list-or = { $init } eller { $last }
list-and = { $init } och { $last }

# The line after the problems of the sources.
count-errors = { $errors ->
    [one] 1 fel
   *[other] { $errors } fel
}
count-warnings = { $warnings ->
    [one] 1 varning
   *[other] { $warnings } varningar
}
count-errors-and-warnings = { $errors ->
    [one] 1 fel
   *[other] { $errors } fel
} och { $warnings ->
    [one] 1 varning
   *[other] { $warnings } varningar
}
summary-unread = källorna för { $year } har { $found }; kontrollerna mellan filerna och deras varningar kommer när varje fil kan läsas
summary-have = källorna för { $year } har { $found }
summary-denied = (varningar räknas som fel)
summary-nothing-written = ; ingenting har skrivits
check-ok = källorna för { $year } är kontrollerade: inga fel
check-acknowledged = ({ $warnings ->
    [one] 1 varning
   *[other] { $warnings } varningar
} kvitterade i källorna)

# The places of a problem.
diag-key = nyckel `{ $key }`
diag-in-file = i `{ $file }`
diag-at-key = vid nyckel `{ $key }`
diag-first-defined-here = först definierad här
diag-here = här

# `fmt`.
fmt-internal-error = internt fel: { $error }
fmt-failed = { $errors ->
    [one] 1 fel
   *[other] { $errors } fel
} vid formateringen av källorna
fmt-bug = detta är ett fel i perspektiv; rapportera det tillsammans med filen
fmt-not-formatted = { $files ->
    [one] 1 källfil är inte formaterad
   *[other] { $files } källfiler är inte formaterade
}; kör `perspektiv fmt`
fmt-all-formatted = { $files ->
    [one] källfilen är formaterad
   *[other] alla { $files } källfiler är formaterade
}
fmt-formatted = formaterade { $files ->
    [one] 1 fil
   *[other] { $files } filer
}

# `watch`.
watch-unseen = ändringar i `{ $folder }` kommer inte att märkas: { $error }
watch-waiting = den senaste fungerande PDF:en ligger kvar; väntar på ändringar
watch-watching = bevakar { $folders } efter ändringar (avsluta med Ctrl-C)
watch-failed = bevakningen misslyckades: { $error }
watch-as-before = ({ $warnings ->
    [one] 1 varning
   *[other] { $warnings } varningar
}, som förut)
watch-and-review = { $what }, granskningsversionen { $review }
watch-pdf-and-site = { $pdf } och { $site }
watch-wrote = { $what } på { $ms } ms

# `diff` (its report is Swedish in both languages) and `schema`.
diff-side-invalid = källorna för `{ $side }` har { $errors ->
    [one] 1 fel
   *[other] { $errors } fel
}
diff-invalid = felaktiga källor kan inte jämföras; rätta dem först (`perspektiv check`)
diff-wrote-pdf = { $file } ({ $added } tillagda, { $removed } borttagna, { $changed } ändrade)
schema-up-to-date = schemana i `{ $folder }` är aktuella
