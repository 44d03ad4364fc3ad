# `kolada fetch`.

kolada-nothing-to-fetch = the goals of { $year } name no Kolada KPIs; there is nothing to fetch
kolada-deleted = left out { $values ->
    [one] 1 value
   *[other] { $values } values
} that Kolada marks as deleted
kolada-wrote = wrote { $files ->
    [one] 1 file
   *[other] { $files } files
} to `{ $folder }`
kolada-groups-up-to-date = the municipality groups in `{ $file }` are up to date
kolada-group-not-listed = Kolada does not list the municipality group `{ $group }`; `check` warns about the parties that compare with it
kolada-metadata-up-to-date = the KPI metadata in `{ $file }` is up to date
kolada-stopped = the sources of { $year } have { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}; nothing was fetched
