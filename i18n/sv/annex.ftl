# `annexes`.

annex-party-hint = ange en parts id, namn eller kod, till exempel `{ $id }`, `{ $name }` eller `{ $code }`
annex-no-parties = `parties.toml` listar inga parter
annex-not-a-party = `{ $name }` är ingen part
annex-no-follow-up = målen för { $year } anger ingen uppföljningsperiod, så bilagorna kan inte säga vilka år de jämför
    .hint = lägg till `follow_up_years = 5` (det senaste året mot året fem år tidigare) eller `baseline_year = ÅR` överst i `{ $file }`
annex-no-values = det finns inga värden för { $year } i `{ $folder }`: varje tabell skulle visa ”uppgift saknas”
    .hint = hämta dem från Kolada med `perspektiv kolada fetch { $year }`, eller spara sidor från Koladas API (`/v3/data/...`) som JSON-filer där; för en genomgång utan värden, ange `--allow-missing-values` (varje sida märks då ”UTAN VÄRDEN”)
