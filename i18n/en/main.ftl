# What every command says: the prefixes of its lines, the summary of the problems, the lists
# and suggestions of its messages.

prefix-error = error
prefix-warning = warning
prefix-note = note
prefix-hint = hint
prefix-caused-by = caused by
wrote = wrote { $what }

progress-documents = documents
progress-request = request

# "did you mean", for a misspelt id, name or key.
did-you-mean = did you mean `{ $name }`?
known-ids = known ids: { $ids }
list-or = { $init } or { $last }
list-and = { $init } and { $last }

# The line after the problems of the sources.
count-errors = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}
count-warnings = { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}
count-errors-and-warnings = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
} and { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}
summary-unread = the sources of { $year } have { $found }; the checks across files and their warnings follow once every file reads
summary-have = the sources of { $year } have { $found }
summary-denied = (warnings are denied)
summary-nothing-written = ; nothing was written
check-ok = checked the sources of { $year }: ok
check-acknowledged = ({ $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
} acknowledged in the sources)

# The places of a problem.
diag-key = key `{ $key }`
diag-in-file = in `{ $file }`
diag-at-key = at key `{ $key }`
diag-first-defined-here = first defined here
diag-here = here

# `fmt`.
fmt-internal-error = internal error: { $error }
fmt-failed = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
} while formatting the sources
fmt-bug = this is a bug in perspektiv; please report it with the file
fmt-not-formatted = { $files ->
    [one] 1 source file is
   *[other] { $files } source files are
} not formatted; run `perspektiv fmt`
fmt-all-formatted = the { $files ->
    [one] 1 source file
   *[other] { $files } source files
} are formatted
fmt-formatted = formatted { $files ->
    [one] 1 file
   *[other] { $files } files
}

# `watch`.
watch-unseen = edits in `{ $folder }` will not be seen: { $error }
watch-waiting = the last good PDF stays; waiting for changes
watch-watching = watching { $folders } for changes (Ctrl-C stops)
watch-failed = watching failed: { $error }
watch-as-before = ({ $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}, as before)
watch-and-review = { $what }, the review edition { $review }
watch-pdf-and-site = { $pdf } and { $site }
watch-wrote = { $what } in { $ms } ms

# `diff` (its report is Swedish in both languages) and `schema`.
diff-side-invalid = the sources of `{ $side }` have { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}
diff-invalid = invalid sources cannot be compared; fix them first (`perspektiv check`)
diff-wrote-pdf = { $file } ({ $added } added, { $removed } removed, { $changed } changed)
schema-up-to-date = the schemas in `{ $folder }` are up to date
