//! `perspektiv annexes`: one "Aktuellt perspektiv" annex per party, with and without values, and
//! the reproducible zip with its manifest.

use std::io::Read;

use crate::support::{Project, assert_conforms, normalize, pdf_text, repo};

/// The entries of a zip, in order, with their bytes and modification times.
fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>, zip::DateTime)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().unwrap().into_owned(), data, file.last_modified().unwrap())
        })
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn all_parties_of_2023_in_a_reproducible_zip() {
    let p = Project::real();
    let run = p.run(&["annexes", "2023", "--zip", "out/2023/bilagor-2023.zip"]).ok();
    let err = run.stderr();
    assert!(err.contains("wrote 17 annexes to out/2023/annexes"), "{err}");
    assert!(err.contains("there are no values for 2023"), "{err}");

    let dir = p.path("out/2023/annexes");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 17, "{files:?}");
    for slug in ["arjang", "hammaro", "region-varmland", "torsby", "saffle"] {
        assert!(files.contains(&format!("2023-bilaga-{slug}.pdf")), "no annex for {slug}: {files:?}");
    }
    assert!(files.iter().all(|f| f.is_ascii()), "{files:?}");

    let zip = std::fs::read(p.path("out/2023/bilagor-2023.zip")).unwrap();
    let entries = zip_entries(&zip);
    let names: Vec<&str> = entries.iter().map(|(n, _, _)| n.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are sorted");
    assert_eq!(names.len(), 18);
    assert!(names.contains(&"manifest.csv"));
    let fixed = zip::DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0).unwrap();
    assert!(entries.iter().all(|(_, _, t)| *t == fixed), "timestamps are fixed");

    // The manifest: Swedish names, codes, pages and the digest of each entry.
    let manifest =
        String::from_utf8(entries.iter().find(|(n, _, _)| n == "manifest.csv").unwrap().1.clone()).unwrap();
    let mut reader = csv::Reader::from_reader(manifest.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["file", "party", "code", "pages", "sha256"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 17);
    for row in &rows {
        let (_, pdf, _) = entries.iter().find(|(n, _, _)| n == &row[0]).unwrap();
        assert_eq!(row[4], sha256(pdf), "{}", &row[0]);
        assert_eq!(pdf, &std::fs::read(dir.join(&row[0])).unwrap(), "{}", &row[0]);
        assert!(row[3].parse::<usize>().unwrap() >= 3, "{:?}", row);
    }
    let arjang = rows.iter().find(|r| &r[0] == "2023-bilaga-arjang.pdf").unwrap();
    assert_eq!((&arjang[1], &arjang[2]), ("Årjängs kommun", "1765"));
    let region = rows.iter().find(|r| &r[0] == "2023-bilaga-region-varmland.pdf").unwrap();
    assert_eq!((&region[1], &region[2]), ("Region Värmland", "0017"));

    // Without values every figure reads "uppgift saknas", never 0.
    let text = pdf_text(&std::fs::read(dir.join("2023-bilaga-hammaro.pdf")).unwrap());
    let flat = normalize(&text);
    assert!(flat.contains(&normalize("Aktuellt perspektiv 2023 – Hammarö kommun")), "{text}");
    assert!(flat.contains(&normalize("(kod 1761)")), "{text}");
    assert!(text.matches("uppgift saknas").count() > 20, "{text}");
    assert!(
        flat.contains(&normalize("Färre barn (8 månaders ålder) ska utsättas för tobaksrökning i hemmet."))
    );
    // The calendar is carried.
    assert!(flat.contains(&normalize("Årshjul")), "{text}");

    // Every annex passes PDF/UA-1 and PDF/A-2a.
    for f in &files {
        assert_conforms(&std::fs::read(dir.join(f)).unwrap());
    }

    // A second run gives the same bytes.
    p.run(&["annexes", "2023", "--zip", "out/again.zip"]).ok();
    assert!(zip == std::fs::read(p.path("out/again.zip")).unwrap(), "the zip differs between runs");
}

/// The mini fixture with the test values of `tests/fixtures/values/mini-2030`.
pub fn with_values() -> Project {
    let p = Project::fixture("mini");
    let to = p.path("sources/2030/values");
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(repo().join("tests/fixtures/values/mini-2030")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    p
}

#[test]
fn an_annex_shows_the_party_the_county_and_sweden() {
    let p = with_values();
    let run = p.run(&["annexes", "--only", "Säffle"]).ok();
    assert!(run.stderr().contains("wrote 1 annex to out/2030/annexes"), "{}", run.stderr());
    assert!(!run.stderr().contains("no values"), "{}", run.stderr());
    let pdf = std::fs::read(p.path("out/2030/annexes/2030-bilaga-saffle.pdf")).unwrap();
    assert_conforms(&pdf);
    let text = pdf_text(&pdf);
    let flat = normalize(&text);
    let has = |s: &str| flat.contains(&normalize(s));

    assert!(has("Aktuellt perspektiv 2030 – Säffle kommun"), "{text}");
    assert!(has("jämfört med Region Värmland (länet) och riket"), "{text}");
    // N15428 for Säffle: 70,0 in 2026 to 73,5 in 2029, +3,5 against a target of at least 2.
    assert!(has("Säffle 2026: 70 2029: 73,5 +3,5 målet nått"), "{text}");
    assert!(has("Säffle, kvinnor 2026: 72 2029: 75 +3 målet nått"), "{text}");
    assert!(has("Säffle, män 2026: 68 2029: 72 +4 målet nått"), "{text}");
    assert!(has("Region Värmland 2026: 75 2029: 74 −1 i fel riktning"), "{text}");
    assert!(has("Riket 2026: 80 2029: 81 +1 i rätt riktning"), "{text}");
    // U01413 measures lack of trust; the indicator is trust: 100 − 30 = 70 → 100 − 28 = 72.
    assert!(has("Säffle 2026: 70 2029: 72 +2 i rätt riktning"), "{text}");
    assert!(has("Riket 2026: 75 2029: 75 ±0 oförändrat"), "{text}");
    assert!(has("Kolada mäter motsatsen"), "{text}");
    // No county values for U01413: missing, never 0.
    assert!(has("Region Värmland uppgift saknas uppgift saknas"), "{text}");
    // The party's representatives.
    assert!(has("Representanter för Säffle kommun"), "{text}");

    // The trend charts are figures whose alternative text states the values.
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/Alt"), "no alternative text");
}

#[test]
fn a_missing_value_reads_uppgift_saknas_and_the_annex_still_builds() {
    let p = with_values();
    p.run(&["annexes", "--only", "1765"]).ok();
    let text = pdf_text(&std::fs::read(p.path("out/2030/annexes/2030-bilaga-arjang.pdf")).unwrap());
    let flat = normalize(&text);
    // Årjäng's only record is null: missing, and its county and Sweden are still shown.
    assert!(flat.contains(&normalize("Årjäng uppgift saknas uppgift saknas")), "{text}");
    assert!(flat.contains(&normalize("Riket 2026: 80 2029: 81 +1 i rätt riktning")), "{text}");
    assert!(!flat.contains(&normalize("Årjäng 2029: 0")), "{text}");
}

#[test]
fn only_names_parties_by_id_name_or_code() {
    let p = Project::fixture("mini");
    let run = p.run(&["annexes", "--only", "eda,REGION VARMLAND,1765"]).ok();
    assert!(run.stderr().contains("wrote 3 annexes"), "{}", run.stderr());
    let mut files: Vec<String> = std::fs::read_dir(p.path("out/2030/annexes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["2030-bilaga-arjang.pdf", "2030-bilaga-eda.pdf", "2030-bilaga-region-varmland.pdf"]);

    // A party that is not there is a usage error (exit 2), with a suggestion when one is close.
    let run = p.run(&["annexes", "--only", "Karlstad"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(run.stderr().contains("error: `Karlstad` is not a party"), "{}", run.stderr());
    assert!(run.stderr().contains("hint: use a party's id, name or code"), "{}", run.stderr());
    let run = p.run(&["annexes", "--only", "eda,Säfle"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("error: `Säfle` is not a party\nhint: did you mean `Säffle`?"),
        "{}",
        run.stderr()
    );
    assert!(!p.path("out/2030/annexes/2030-bilaga-saffle.pdf").exists(), "an annex was written");
}

#[test]
fn bad_values_stop_the_run_and_write_nothing() {
    let p = with_values();
    p.edit("sources/2030/values/N15428.json", |t| t.replacen("\"1785\"", "\"17850\"", 1));
    let run = p.run(&["annexes", "--zip", "out/b.zip"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("sources/2030/values/N15428.json:"), "{err}");
    assert!(err.contains("invalid area code `17850`"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!p.path("out").exists(), "something was written");
}
