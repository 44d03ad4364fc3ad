# `kolada fetch`.

kolada-nothing-to-fetch = målen för { $year } anger inga Kolada-KPI:er; det finns inget att hämta
kolada-deleted = utelämnade { $values ->
    [one] 1 värde
   *[other] { $values } värden
} som Kolada markerar som borttagna
kolada-wrote = skrev { $files ->
    [one] 1 fil
   *[other] { $files } filer
} till `{ $folder }`
kolada-groups-up-to-date = kommungrupperna i `{ $file }` är aktuella
kolada-group-not-listed = Kolada listar inte kommungruppen `{ $group }`; `check` varnar för de parter som jämförs med den
kolada-metadata-up-to-date = KPI-metadata i `{ $file }` är aktuell
kolada-stopped = källorna för { $year } har { $errors ->
    [one] 1 fel
   *[other] { $errors } fel
}; ingenting har hämtats
