//! `perspektiv annexes`: the annexes with their summary page, the county overview, the
//! spreadsheet and the reproducible zip with its manifest; the refusal without values and the
//! rehearsal; the tagged structure that a screen reader and a reader who copies text meet.

use std::io::Read;

use crate::support::{
    Project, assert_conforms, comma_after_a_value, generate_values, normalize, page_texts, pdf_text, repo,
    structure_elements,
};

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

/// Text for comparisons, as [`normalize`], without the assessments' symbols (artifacts that
/// some extractors give and others do not).
fn flat(text: &str) -> String {
    normalize(text).chars().filter(|c| !matches!(c, '✔' | '▲' | '▼' | '■' | '○')).collect()
}

/// Whether `text` has `wanted`, whitespace, hyphens and symbols aside.
fn has(text: &str, wanted: &str) -> bool {
    flat(text).contains(&flat(wanted))
}

/// The real sources with generated values for 2023.
fn real_with_values() -> Project {
    let p = Project::real();
    generate_values(&p.path("sources"), 2023);
    p
}

/// The mini fixture with the test values of `tests/fixtures/values/mini-2030`: Säffle, Eda,
/// Årjäng (a null only), Region Värmland and Riket; the follow-up period is 2026–2029.
pub(crate) fn with_values() -> Project {
    let p = Project::fixture("mini");
    let to = p.path("sources/2030/values");
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(repo().join("tests/fixtures/values/mini-2030")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    p
}

fn read_pdf(p: &Project, file: &str) -> Vec<u8> {
    std::fs::read(p.path(&format!("out/2030/annexes/{file}"))).unwrap()
}

#[test]
fn all_parties_of_2023_in_a_reproducible_zip() {
    let p = real_with_values();
    let run = p.run(&["annexes", "2023", "--zip", "out/2023/bilagor-2023.zip"]).ok();
    let err = run.stderr();
    assert!(
        err.contains(
            "wrote 17 annexes, the county overview and the spreadsheet 2023-aktuellt-perspektiv.xlsx to out/2023/annexes"
        ),
        "{err}"
    );
    assert!(!err.contains("UTAN VÄRDEN"), "{err}");

    let dir = p.path("out/2023/annexes");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 19, "{files:?}");
    for slug in ["arjang", "hammaro", "region-varmland", "torsby", "saffle"] {
        assert!(files.contains(&format!("2023-bilaga-{slug}.pdf")), "no annex for {slug}: {files:?}");
    }
    assert!(files.contains(&"2023-oversikt-varmland.pdf".to_owned()), "{files:?}");
    assert!(files.contains(&"2023-aktuellt-perspektiv.xlsx".to_owned()), "{files:?}");
    assert!(files.iter().all(|f| f.is_ascii()), "{files:?}");

    let zip = std::fs::read(p.path("out/2023/bilagor-2023.zip")).unwrap();
    let entries = zip_entries(&zip);
    let names: Vec<&str> = entries.iter().map(|(n, _, _)| n.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are sorted");
    assert_eq!(names.len(), 20);
    assert!(names.contains(&"manifest.csv"));
    let fixed = zip::DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0).unwrap();
    assert!(entries.iter().all(|(_, _, t)| *t == fixed), "timestamps are fixed");

    // The manifest, for a Swedish Excel: UTF-8 with a byte order mark, `;`, Swedish names.
    let manifest = &entries.iter().find(|(n, _, _)| n == "manifest.csv").unwrap().1;
    let manifest = manifest.strip_prefix("\u{feff}".as_bytes()).expect("a byte order mark");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(manifest);
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["Fil", "Namn", "Kod", "Sidor", "SHA-256"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 19);
    for row in &rows {
        let (_, bytes, _) = entries.iter().find(|(n, _, _)| n == &row[0]).unwrap();
        assert_eq!(row[4], sha256(bytes), "{}", &row[0]);
        assert_eq!(bytes, &std::fs::read(dir.join(&row[0])).unwrap(), "{}", &row[0]);
        if row[0].ends_with(".pdf") {
            assert!(row[3].parse::<usize>().unwrap() >= 3, "{:?}", row);
        }
    }
    let find = |file: &str| rows.iter().find(|r| &r[0] == file).unwrap();
    let arjang = find("2023-bilaga-arjang.pdf");
    assert_eq!((&arjang[1], &arjang[2]), ("Årjängs kommun", "1765"));
    let region = find("2023-bilaga-region-varmland.pdf");
    assert_eq!((&region[1], &region[2]), ("Region Värmland", "0017"));
    let overview = find("2023-oversikt-varmland.pdf");
    assert_eq!((&overview[1], &overview[2]), ("Värmland", "0017"));
    assert_eq!(&find("2023-aktuellt-perspektiv.xlsx")[3], "");

    for f in files.iter().filter(|f| f.ends_with(".pdf")) {
        let pdf = std::fs::read(dir.join(f)).unwrap();
        let text = pdf_text(&pdf);
        if f.starts_with("2023-bilaga-") {
            // A summary first.
            assert!(has(&page_texts(&pdf)[0], "Sammanfattning"), "{f}: {text}");
        }
        // Every table compares one period, stated in its heading: with values for 2015–2023
        // and `follow_up_years = 5`, 2018–2023 everywhere.
        let flat = flat(&text);
        let headings: Vec<&str> = flat.match_indices("Förändring").map(|(i, _)| &flat[i..]).collect();
        assert!(!headings.is_empty(), "{f}");
        for h in headings
            .iter()
            .filter(|h| h.chars().nth("Förändring".chars().count()).is_some_and(|c| c.is_ascii_digit()))
        {
            assert!(h.starts_with("Förändring2018–2023,"), "{f}: {}", h.chars().take(40).collect::<String>());
        }
        // Every PDF passes PDF/UA-1 and PDF/A-2a.
        assert_conforms(&pdf);
    }

    // A second run gives the same bytes.
    p.run(&["annexes", "2023", "--zip", "out/again.zip"]).ok();
    assert!(zip == std::fs::read(p.path("out/again.zip")).unwrap(), "the zip differs between runs");
}

#[test]
fn every_row_of_a_table_compares_the_same_two_years() {
    let p = with_values();
    let run = p.run(&["annexes", "--only", "Säffle"]).ok();
    assert!(run.stderr().contains("wrote 1 annex and the spreadsheet"), "{}", run.stderr());
    let pdf = read_pdf(&p, "2030-bilaga-saffle.pdf");
    assert_conforms(&pdf);
    let text = pdf_text(&pdf);

    assert!(has(&text, "Aktuellt perspektiv 2030 – Säffle kommun"), "{text}");
    assert!(has(&text, "jämfört med Region Värmland (länet) och riket"), "{text}");
    // N15428, 2026–2029: the period is in the heading, every row compares 2026 with 2029.
    assert!(has(&text, "Område 2026 2029 Förändring 2026–2029, procentenheter Bedömning"), "{text}");
    assert!(has(&text, "Säffle 70,0 73,5 +3,5 målet nått"), "{text}");
    assert!(has(&text, "Säffle, kvinnor 72,0 75,0 +3,0 målet nått"), "{text}");
    assert!(has(&text, "Säffle, män 68,0 72,0 +4,0 målet nått"), "{text}");
    assert!(has(&text, "Region Värmland 75,0 74,0 −1,0 i fel riktning"), "{text}");
    // Riket has 2028 too; the table still compares 2026 with 2029.
    assert!(has(&text, "Riket 80,0 81,0 +1,0 i rätt riktning"), "{text}");
    // U01413 measures lack of trust; the indicator is trust: 100 − 30 = 70 → 100 − 28 = 72.
    assert!(has(&text, "Säffle 70,0 72,0 +2,0 i rätt riktning"), "{text}");
    assert!(has(&text, "Riket 75,0 75,0 ±0,0 oförändrat"), "{text}");
    assert!(has(&text, "Kolada mäter motsatsen"), "{text}");
    // Region Värmland has no U01413 value for 2026: the row says so and never uses 2027's.
    assert!(has(&text, "Region Värmland uppgift saknas 71,0 – uppgift saknas för 2026"), "{text}");
    assert!(!has(&text, "Region Värmland 69,0"), "{text}");
    // The trust indicator has no target with an amount: only the direction is judged.
    assert!(
        has(&text, "Indikatorn har inget mål med ett belopp; bedömningen gäller bara riktningen."),
        "{text}"
    );
    assert!(has(&text, "Representanter för Säffle kommun"), "{text}");
}

#[test]
fn the_assessment_uses_the_follow_up_period() {
    // Eda's whole series rises from 50,0 (2020) to 76,0 (2029), +26 against a target of 2; over
    // the follow-up period 2026–2029 it falls by 4,0.
    let p = with_values();
    p.run(&["annexes", "--only", "eda"]).ok();
    let text = pdf_text(&read_pdf(&p, "2030-bilaga-eda.pdf"));
    assert!(has(&text, "Eda 80,0 76,0 −4,0 i fel riktning"), "{text}");
    assert!(!has(&text, "50,0"), "{text}");
    assert!(!has(&text, "+26"), "{text}");
}

#[test]
fn a_missing_value_reads_uppgift_saknas_and_the_annex_still_builds() {
    let p = with_values();
    p.run(&["annexes", "--only", "1765"]).ok();
    let text = pdf_text(&read_pdf(&p, "2030-bilaga-arjang.pdf"));
    // Årjäng's only record is null: missing, and its county and Sweden are still shown.
    assert!(has(&text, "Årjäng uppgift saknas uppgift saknas – uppgift saknas för 2026 och 2029"), "{text}");
    assert!(has(&text, "Riket 80,0 81,0 +1,0 i rätt riktning"), "{text}");
    assert!(!has(&text, "Årjäng 0,0"), "{text}");
}

#[test]
fn charts_keep_their_style_for_each_kind_of_area() {
    let p = with_values();
    let (s, _) = perspektiv::sources::load(&perspektiv::sources::DirTree::new(p.path("sources")), 2030)
        .unwrap_or_else(|_| panic!("the fixture loads"));
    let ctx = perspektiv::annex::view::Ctx::new(&s);
    let party = |id: &str| s.parties.data.party.iter().find(|p| p.id.as_str() == id).unwrap();
    let styles = |id: &str, goal: usize| {
        let view = ctx.view(party(id));
        let chart = view.goals[goal].indicators[0].measures[0]
            .chart
            .as_ref()
            .and_then(|c| c.print())
            .expect("a chart");
        chart.series.iter().map(|s| (s.name.clone(), s.style, s.segments.len())).collect::<Vec<_>>()
    };
    // Säffle has values: solid (0), the county dashed (1), Riket dotted (2). Säffle has no 2028
    // value, Region Värmland none for 2027 and 2028, Riket none for 2027: their lines break.
    assert_eq!(
        styles("saffle", 0),
        [("Säffle".to_owned(), 0, 2), ("Region Värmland".to_owned(), 1, 2), ("Riket".to_owned(), 2, 2)]
    );
    // Årjäng has no value at all: the county is still dashed and Riket still dotted.
    assert_eq!(styles("arjang", 0), [("Region Värmland".to_owned(), 1, 2), ("Riket".to_owned(), 2, 2)]);
    // The region's annex: the region is the party, solid; Riket dotted.
    assert_eq!(
        styles("region-varmland", 0),
        [("Region Värmland".to_owned(), 0, 2), ("Riket".to_owned(), 2, 2)]
    );
    let view = ctx.view(party("saffle"));
    assert_eq!(view.goals[0].indicators[0].measures[0].chart.as_ref().unwrap().unit, "Andel (%)");
}

#[test]
fn the_summary_and_the_overview_carry_the_figures_of_two_parties() {
    let p = with_values();
    let run = p.run(&["annexes"]).ok();
    assert!(
        run.stderr().contains(
            "wrote 4 annexes, the county overview and the spreadsheet 2030-aktuellt-perspektiv.xlsx"
        ),
        "{}",
        run.stderr()
    );
    // The summary, on page 1: latest value, change with its unit, county, Riket, assessment.
    let saffle = page_texts(&read_pdf(&p, "2030-bilaga-saffle.pdf"))[0].clone();
    assert!(has(&saffle, "Sammanfattning"), "{saffle}");
    // Page 1 counts before the table, in a sentence and a small table.
    assert!(
        has(
            &saffle,
            "Av de 2 indikatorerna har 1 nått målet, 1 går i rätt riktning, 0 är oförändrade, 0 går i fel riktning och 0 saknar värden."
        ),
        "{saffle}"
    );
    assert!(has(&saffle, "Bedömning Antal Målet nått 1 I rätt riktning 1 Oförändrade 0"), "{saffle}");
    // The licence wording: raw values are Kolada's, what is computed from them is ours.
    assert!(has(&saffle, "Källa: Kolada."), "{saffle}");
    assert!(has(&saffle, "egen bearbetning av data från Kolada"), "{saffle}");
    assert!(has(&saffle, "Indikator Period Säffle Förändring Länet Riket Bedömning"), "{saffle}");
    assert!(
        has(
            &saffle,
            "Fler elever ska vara behöriga. Andel (%), Kolada N15428 2026–2029 73,5 +3,5 p.e. 74,0 81,0 målet nått"
        ),
        "{saffle}"
    );
    assert!(
        has(
            &saffle,
            "Fler personer i åldrarna 18–84 år ska känna tillit. Andel (%), Kolada U01413 2026–2029 72,0 +2,0 p.e. 71,0 75,0 i rätt riktning"
        ),
        "{saffle}"
    );
    let eda = page_texts(&read_pdf(&p, "2030-bilaga-eda.pdf"))[0].clone();
    assert!(
        has(
            &eda,
            "Fler elever ska vara behöriga. Andel (%), Kolada N15428 2026–2029 76,0 −4,0 p.e. 74,0 81,0 i fel riktning"
        ),
        "{eda}"
    );

    // The overview: the matrix, then every party side by side, best first.
    let pdf = read_pdf(&p, "2030-oversikt-varmland.pdf");
    assert_conforms(&pdf);
    let text = pdf_text(&pdf);
    assert!(has(&text, "Aktuellt perspektiv 2030 – Värmland"), "{text}");
    assert!(has(&text, "Bedömningar per indikator och part"), "{text}");
    // The matrix row of N15428: Eda, Säffle, Årjäng, Region Värmland.
    assert!(has(&text, "Fler elever ska vara behöriga. 2026–2029 fel nått saknas fel"), "{text}");
    let flat_text = flat(&text);
    let at = |row: &str| flat_text.find(&flat(row)).unwrap_or_else(|| panic!("no `{row}` in {text}"));
    let (eda_row, saffle_row) =
        (at("Eda 80,0 76,0 −4,0 i fel riktning"), at("Säffle 70,0 73,5 +3,5 målet nått"));
    let region_row = at("Region Värmland 75,0 74,0 −1,0 i fel riktning");
    let arjang_row = at("Årjäng uppgift saknas uppgift saknas – uppgift saknas för 2026 och 2029");
    // The indicator should rise: the highest latest value first (Eda 76,0, the region 74,0,
    // Säffle 73,5), missing values last.
    assert!(eda_row < region_row && region_row < saffle_row && saffle_row < arjang_row, "{text}");
    assert!(has(&text, "Sorterat efter värdet 2029, högst först"), "{text}");
    // The matrix is a tagged table whose indicators are row headers.
    let elements = structure_elements(&pdf);
    let row_headers = elements.iter().filter(|e| e.0 == "TH" && e.2.as_deref() == Some("Row")).count();
    // Two matrix rows, the four parties and Riket in each indicator's table, and the four
    // parties in the table of counts.
    assert_eq!(row_headers, 2 + 2 * 5 + 4);
    assert!(has(&text, "Antal indikatorer per bedömning och part"), "{text}");
    assert!(has(&text, "Säffle 1 1 0 0 0"), "{text}");
}

#[test]
fn the_spreadsheet_holds_the_matrix_and_keeps_codes_as_text() {
    use calamine::{Data, Reader, Xlsx};
    let p = with_values();
    p.run(&["annexes", "--zip", "out/b.zip"]).ok();
    let zip = std::fs::read(p.path("out/b.zip")).unwrap();
    let entries = zip_entries(&zip);
    let xlsx =
        &entries.iter().find(|(n, _, _)| n == "2030-aktuellt-perspektiv.xlsx").expect("the spreadsheet").1;
    assert_eq!(xlsx, &std::fs::read(p.path("out/2030/annexes/2030-aktuellt-perspektiv.xlsx")).unwrap());
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["Matris", "Värden", "Filer", "Om"]);

    let matrix = book.worksheet_range("Matris").unwrap();
    let rows: Vec<Vec<String>> = matrix.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(
        rows[0],
        ["Mål", "Indikator", "Nyckeltal", "Period", "Eda", "Säffle", "Årjäng", "Region Värmland"]
    );
    let row = rows.iter().find(|r| r[1] == "Fler elever ska vara behöriga.").unwrap();
    assert_eq!(
        row[2..],
        [
            "N15428",
            "2026–2029",
            "i fel riktning",
            "målet nått",
            "uppgift saknas för 2026 och 2029",
            "i fel riktning"
        ]
    );

    let values = book.worksheet_range("Värden").unwrap();
    let region = values
        .rows()
        .find(|r| r[2] == Data::String("N15428".into()) && r[5] == Data::String("Region Värmland".into()))
        .unwrap();
    assert_eq!(region[6], Data::String("0017".into()), "the code is text");
    assert_eq!((&region[7], &region[8]), (&Data::Float(2026.0), &Data::Float(2029.0)));
    assert_eq!(
        (&region[9], &region[10], &region[11]),
        (&Data::Float(75.0), &Data::Float(74.0), &Data::Float(-1.0))
    );
    let riket = values
        .rows()
        .find(|r| r[2] == Data::String("U01413".into()) && r[5] == Data::String("Riket".into()))
        .unwrap();
    assert_eq!(riket[6], Data::String("0000".into()));

    let files = book.worksheet_range("Filer").unwrap();
    let listed: Vec<String> = files.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert!(listed.contains(&"2030-oversikt-varmland.pdf".to_owned()), "{listed:?}");
    assert!(files.rows().any(|r| r[2] == Data::String("0017".into())));

    // The same bytes on a second run.
    p.run(&["annexes", "--zip", "out/c.zip"]).ok();
    assert_eq!(xlsx, &std::fs::read(p.path("out/2030/annexes/2030-aktuellt-perspektiv.xlsx")).unwrap());
}

#[test]
fn without_values_the_run_refuses_unless_asked_to_rehearse() {
    let p = Project::fixture("mini");
    let run = p.run(&["annexes", "--zip", "out/b.zip"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("error: there are no values for 2030 in `sources/2030/values`"), "{err}");
    assert!(err.contains("perspektiv kolada fetch 2030"), "{err}");
    assert!(err.contains("--allow-missing-values"), "{err}");
    assert!(!p.path("out").exists(), "something was written");

    let run = p.run(&["annexes", "--allow-missing-values", "--zip", "out/b.zip"]).ok();
    assert!(run.stderr().contains("a rehearsal without values"), "{}", run.stderr());
    for file in ["2030-bilaga-saffle.pdf", "2030-bilaga-region-varmland.pdf", "2030-oversikt-varmland.pdf"] {
        let pdf = read_pdf(&p, file);
        let pages = page_texts(&pdf);
        assert!(pages.len() >= 2, "{file}");
        for (i, page) in pages.iter().enumerate() {
            assert!(has(page, "UTAN VÄRDEN"), "{file}, page {}: {page}", i + 1);
        }
        // The title says so, and the mark is an artifact (not read as text of the document).
        let raw = String::from_utf8_lossy(&pdf);
        assert!(raw.contains("UTAN VÄRDEN") || has(&pdf_text(&pdf), "(UTAN VÄRDEN)"), "{file}");
        assert!(has(&pages[0], "(UTAN VÄRDEN)"), "{file}");
    }
    assert_conforms(&read_pdf(&p, "2030-bilaga-saffle.pdf"));
}

#[test]
fn chart_legends_are_separate_words_and_alt_texts_are_short() {
    let p = with_values();
    p.run(&["annexes"]).ok();
    let pdf = read_pdf(&p, "2030-bilaga-saffle.pdf");
    // The legend's names stay separate words in copied text.
    let words: String = pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Säffle Region Värmland Riket"), "{words}");
    assert!(!words.contains("SäffleRegion") && !words.contains("VärmlandRiket"), "{words}");

    // Every chart is a Figure with an alternative text that opens with a summary sentence with
    // the unit, separates points with semicolons and stays under the limit.
    let figures: Vec<String> = structure_elements(&pdf)
        .into_iter()
        .filter(|e| e.0 == "Figure")
        .map(|e| e.1.expect("alt text"))
        .collect();
    assert_eq!(figures.len(), 2, "{figures:?}");
    assert!(
        figures.contains(
            &"Andel (%) 2026–2029: Säffle steg från 70,0 till 73,5; Region Värmland sjönk från 75,0 till 74,0; Riket steg från 80,0 till 81,0. Säffle år för år: 2026 70,0; 2027 71,2; 2028 uppgift saknas; 2029 73,5."
                .to_owned()
        ),
        "{figures:?}"
    );
    let overview = read_pdf(&p, "2030-oversikt-varmland.pdf");
    let overview_figures: Vec<String> = structure_elements(&overview)
        .into_iter()
        .filter(|e| e.0 == "Figure")
        .map(|e| e.1.expect("alt text"))
        .collect();
    assert!(
        overview_figures.iter().any(|a| a
            .starts_with("Andel (%) 2026 och 2029, högst värde 2029 först: Eda från 80,0 till 76,0; Region Värmland från 75,0 till 74,0; Säffle från 70,0 till 73,5;")),
        "{overview_figures:?}"
    );
    for alt in figures.iter().chain(&overview_figures) {
        assert!(alt.chars().count() <= 400, "{} characters: {alt}", alt.chars().count());
        assert!(alt.starts_with("Andel (%) 20"), "{alt}");
        // No comma right after a decimal comma: "59,0, 61,2" reads as three numbers.
        assert!(!comma_after_a_value(alt), "a comma after a value: {alt}");
    }
}

/// The summary's legend explains every mark its tables show: the assessments' symbols, and the
/// dash (no such value, nothing to assess) when a cell shows one; the dash is text there as in
/// the cells.
#[test]
fn the_summary_legend_explains_the_dash_where_the_tables_show_it() {
    let p = with_values();
    p.run(&["annexes"]).ok();
    let mut with_dash = 0;
    for (file, pdf) in annexes(&p, 2030).iter().filter(|(f, _)| f.contains("-bilaga-") && f.ends_with(".pdf"))
    {
        let t = crate::tagged::Tagged::read(pdf);
        let legend = t
            .of_kind("P")
            .find(|e| e.text.starts_with("Bedömning:"))
            .unwrap_or_else(|| panic!("{file}: no legend"));
        // The summary tables are those headed "Indikator", "Period".
        let tables: Vec<usize> = (0..t.elements.len())
            .filter(|&i| t.elements[i].kind == "Table" && t.elements[i].text.starts_with("IndikatorPeriod"))
            .collect();
        assert!(!tables.is_empty(), "{file}: no summary table");
        let in_summary = |mut i: usize| loop {
            match t.elements[i].parent {
                Some(p) if tables.contains(&p) => return true,
                Some(p) => i = p,
                None => return false,
            }
        };
        let dash = (0..t.elements.len()).any(|i| {
            matches!(t.elements[i].kind.as_str(), "TD") && t.elements[i].text.trim() == "–" && in_summary(i)
        });
        for word in ["målet nått", "i rätt riktning", "oförändrat", "i fel riktning", "uppgift saknas"] {
            assert!(legend.text.contains(word), "{file}: the legend lacks {word:?}: {}", legend.text);
        }
        assert_eq!(
            legend.text.contains("– finns inte eller inget att bedöma"),
            dash,
            "{file}: {}",
            legend.text
        );
        with_dash += usize::from(dash);
    }
    assert!(with_dash > 0, "no annex shows a dash in its summary");
}

#[test]
fn only_names_parties_by_id_name_or_code() {
    let p = with_values();
    let run = p.run(&["annexes", "--only", "eda,REGION VARMLAND,1765"]).ok();
    assert!(run.stderr().contains("wrote 3 annexes and the spreadsheet"), "{}", run.stderr());
    let mut files: Vec<String> = std::fs::read_dir(p.path("out/2030/annexes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".pdf"))
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

/// The annexes of a run, by file name.
fn annexes(p: &Project, year: i32) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(p.path(&format!("out/{year}/annexes")))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The entries of the annexes' cache.
fn cache_entries(p: &Project, year: i32) -> Vec<std::path::PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(p.path(&format!("out/.cache/{year}/annexes")))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
}

/// The files whose bytes differ between two runs.
fn changed(
    before: &std::collections::BTreeMap<String, Vec<u8>>,
    after: &std::collections::BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    before.iter().filter(|(name, bytes)| after[*name] != **bytes).map(|(name, _)| name.clone()).collect()
}

#[test]
fn a_cache_that_cannot_be_written_is_a_warning_and_the_run_goes_on() {
    let p = with_values();
    // A file where the cache's folder should be.
    std::fs::create_dir_all(p.path("out/.cache")).unwrap();
    std::fs::write(p.path("out/.cache/2030"), "not a folder").unwrap();
    let run = p.run(&["annexes", "--zip", "out/a.zip"]).ok();
    let err = run.stderr();
    assert_eq!(err.matches("the run goes on without storing in the cache").count(), 1, "once: {err}");
    assert!(err.contains("warning: failed to create the cache folder"), "{err}");
    assert!(p.path("out/a.zip").exists());
    assert!(err.contains("(5 typeset, 0 from the cache)"), "every annex typeset and written: {err}");
}

#[test]
fn the_cache_gives_the_same_bytes_and_a_change_rebuilds_exactly_the_annexes_it_touches() {
    let p = with_values();
    let run = p.run(&["annexes", "--zip", "out/no-cache.zip", "--no-cache"]).ok();
    assert!(
        run.stderr().contains("2030-aktuellt-perspektiv.xlsx to out/2030/annexes (5 typeset, cache off)"),
        "{}",
        run.stderr()
    );
    assert!(!p.path("out/.cache").exists(), "--no-cache writes no cache");
    let typeset = annexes(&p, 2030);

    // Cold: everything typeset and stored; warm: everything from the cache; the same bytes.
    let run = p.run(&["annexes", "--zip", "out/cold.zip"]).ok();
    assert!(run.stderr().contains("(5 typeset, 0 from the cache)"), "{}", run.stderr());
    assert_eq!(cache_entries(&p, 2030).len(), 5);
    let run = p.run(&["annexes", "--zip", "out/warm.zip"]).ok();
    assert!(
        run.stderr().contains("wrote 4 annexes, the county overview and the spreadsheet 2030-aktuellt-perspektiv.xlsx to out/2030/annexes (0 typeset, 5 from the cache)"),
        "{}",
        run.stderr()
    );
    let zip = std::fs::read(p.path("out/no-cache.zip")).unwrap();
    assert!(zip == std::fs::read(p.path("out/cold.zip")).unwrap(), "the cold zip differs");
    assert!(zip == std::fs::read(p.path("out/warm.zip")).unwrap(), "the zip from the cache differs");
    assert!(changed(&typeset, &annexes(&p, 2030)).is_empty());

    // --no-cache neither uses nor touches the cache.
    let run = p.run(&["annexes", "--no-cache"]).ok();
    assert!(run.stderr().contains("(5 typeset, cache off)"), "{}", run.stderr());
    assert_eq!(cache_entries(&p, 2030).len(), 5);

    // One of Säffle's own values inside the period (2027, in its trend chart only): Säffle's
    // annex alone is typeset again, and its old entry goes; the overview, which shows the
    // period's first and last year, stays; the spreadsheet lists the new PDF's SHA-256.
    let entries = cache_entries(&p, 2030);
    p.edit("sources/2030/values/N15428.json", |t| t.replace("\"value\": 71.2", "\"value\": 71.4"));
    let run = p.run(&["annexes"]).ok();
    assert!(run.stderr().contains("(1 typeset, 4 from the cache)"), "{}", run.stderr());
    let after = annexes(&p, 2030);
    assert_eq!(changed(&typeset, &after), ["2030-aktuellt-perspektiv.xlsx", "2030-bilaga-saffle.pdf"]);
    let now = cache_entries(&p, 2030);
    assert_eq!(now.len(), 5, "{now:?}");
    assert_eq!(now.iter().filter(|e| !entries.contains(e)).count(), 1, "{now:?}");

    // A value of Riket, which every document compares with: all five.
    p.edit("sources/2030/values/N15428.json", |t| t.replacen("\"value\": 80.0", "\"value\": 80.5", 1));
    let run = p.run(&["annexes"]).ok();
    assert!(run.stderr().contains("(5 typeset, 0 from the cache)"), "{}", run.stderr());
    assert_eq!(changed(&after, &annexes(&p, 2030)).len(), 6);
    assert_eq!(cache_entries(&p, 2030).len(), 5);
}

#[test]
fn a_damaged_or_foreign_cache_entry_is_typeset_again_never_used() {
    let p = with_values();
    p.run(&["annexes"]).ok();
    let before = annexes(&p, 2030);
    let entries = cache_entries(&p, 2030);
    assert_eq!(entries.len(), 5);
    // One entry with a byte of its PDF changed, one replaced by another's entry, one cut short.
    let mut damaged = std::fs::read(&entries[0]).unwrap();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x01;
    std::fs::write(&entries[0], damaged).unwrap();
    std::fs::copy(&entries[2], &entries[1]).unwrap();
    let whole = std::fs::read(&entries[3]).unwrap();
    std::fs::write(&entries[3], &whole[..whole.len() - 10]).unwrap();

    let run = p.run(&["annexes"]).ok();
    assert!(run.stderr().contains("(3 typeset, 2 from the cache)"), "{}", run.stderr());
    assert!(changed(&before, &annexes(&p, 2030)).is_empty());
    // The entries are whole again.
    let run = p.run(&["annexes"]).ok();
    assert!(run.stderr().contains("(0 typeset, 5 from the cache)"), "{}", run.stderr());
    assert_eq!(cache_entries(&p, 2030), entries);
}

#[test]
fn a_run_of_some_parties_keeps_the_cache_of_the_others() {
    let p = with_values();
    p.run(&["annexes"]).ok();
    let run = p.run(&["annexes", "--only", "eda"]).ok();
    assert!(
        run.stderr().contains(
            "wrote 1 annex and the spreadsheet 2030-aktuellt-perspektiv-eda.xlsx to out/2030/annexes (0 typeset, 1 from the cache)"
        ),
        "{}",
        run.stderr()
    );
    assert_eq!(cache_entries(&p, 2030).len(), 5);
    let run = p.run(&["annexes"]).ok();
    assert!(run.stderr().contains("(0 typeset, 5 from the cache)"), "{}", run.stderr());

    // A stray file in the cache's folder that is no entry is removed by a whole run.
    std::fs::write(p.path("out/.cache/2030/annexes/0123.entry"), "not an entry").unwrap();
    p.run(&["annexes"]).ok();
    assert_eq!(cache_entries(&p, 2030).len(), 5);
}

#[test]
fn one_or_many_workers_give_the_zip_that_was_written_in_one_go() {
    let p = with_values();
    p.run(&["annexes", "--no-cache", "-j", "1", "--zip", "out/one.zip"]).ok();
    let one = annexes(&p, 2030);
    p.run(&["annexes", "--no-cache", "--jobs", "4", "--zip", "out/four.zip"]).ok();
    assert!(changed(&one, &annexes(&p, 2030)).is_empty());
    let zip = std::fs::read(p.path("out/one.zip")).unwrap();
    assert!(zip == std::fs::read(p.path("out/four.zip")).unwrap(), "the zips differ");

    // The zip as it was written before it was streamed: every entry in memory, in name order.
    use std::io::Write;
    let entries = zip_entries(&zip);
    let mut expected = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let time = zip::DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0).unwrap();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut names: Vec<&String> = one.keys().collect();
    names.sort();
    for name in names {
        expected.start_file(name.as_str(), options).unwrap();
        expected.write_all(&one[name]).unwrap();
    }
    let manifest = &entries.iter().find(|(n, _, _)| n == "manifest.csv").unwrap().1;
    expected.start_file("manifest.csv", options).unwrap();
    expected.write_all(manifest).unwrap();
    assert!(zip == expected.finish().unwrap().into_inner(), "the streamed zip differs");

    let run = p.run(&["annexes", "--jobs", "0"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
}

#[test]
fn a_failing_annex_leaves_the_previous_annexes_and_zip_in_place() {
    let p = with_values();
    p.run(&["annexes", "--zip", "out/b.zip"]).ok();
    let before = annexes(&p, 2030);
    let zip = std::fs::read(p.path("out/b.zip")).unwrap();
    // A template that Typst rejects for one party, after a change that touches every annex.
    p.edit("sources/2030/values/N15428.json", |t| t.replacen("\"value\": 80.0", "\"value\": 80.5", 1));
    std::fs::create_dir_all(p.path("templates/typst")).unwrap();
    let annex = std::fs::read_to_string(repo().join("templates/typst/annex.typ.j2")).unwrap();
    std::fs::write(
        p.path("templates/typst/annex.typ.j2"),
        annex + "{% if party.code == \"1785\" %}#let broken = (1 +){% endif %}\n",
    )
    .unwrap();
    let run = p.run(&["annexes", "--zip", "out/b.zip"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("typst could not typeset"), "{}", run.stderr());
    assert!(changed(&before, &annexes(&p, 2030)).is_empty(), "an annex was replaced");
    assert!(zip == std::fs::read(p.path("out/b.zip")).unwrap(), "the zip was replaced");
    let stray: Vec<_> = std::fs::read_dir(p.path("out"))
        .unwrap()
        .chain(std::fs::read_dir(p.path("out/2030/annexes")).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn a_year_without_a_follow_up_period_is_refused() {
    let p = with_values();
    p.edit("sources/2030/goals.toml", |t| t.replace("follow_up_years = 3\n", ""));
    let check = p.run(&["check"]).ok();
    assert!(check.stderr().contains("the goals of 2030 name no follow-up period"), "{}", check.stderr());
    let run = p.run(&["annexes"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("follow_up_years = 5"), "{}", run.stderr());
    assert!(!p.path("out").exists(), "something was written");
}

#[test]
fn a_run_of_some_parties_leaves_the_outputs_of_a_run_of_all_alone() {
    use calamine::{Reader, Xlsx};
    let p = with_values();
    p.run(&["annexes", "--zip", "out/2030/bilagor-2030.zip"]).ok();
    let all = annexes(&p, 2030);
    let zip = std::fs::read(p.path("out/2030/bilagor-2030.zip")).unwrap();
    let entries = cache_entries(&p, 2030);

    // The same sources: Säffle's annex is the one the run of all made, and nothing else changes.
    let run = p.run(&["annexes", "--only", "Säffle"]).ok();
    let err = run.stderr();
    assert!(
        err.contains("wrote 1 annex and the spreadsheet 2030-aktuellt-perspektiv-saffle.xlsx to out/2030/annexes (0 typeset, 1 from the cache)\n"),
        "{err}"
    );
    assert!(
        err.contains("note: a run with --only leaves 2030-aktuellt-perspektiv.xlsx and the county overview of the run of all parties as they were\n"),
        "{err}"
    );
    let after = annexes(&p, 2030);
    let mut expected: Vec<&str> = all.keys().map(String::as_str).collect();
    expected.push("2030-aktuellt-perspektiv-saffle.xlsx");
    expected.sort();
    assert_eq!(after.keys().map(String::as_str).collect::<Vec<_>>(), expected);
    for (name, bytes) in &all {
        assert!(after[name] == *bytes, "{name} changed");
    }
    // The run's own spreadsheet covers Säffle alone.
    let own = after["2030-aktuellt-perspektiv-saffle.xlsx"].clone();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(own)).unwrap();
    let matrix = book.worksheet_range("Matris").unwrap();
    let header: Vec<String> = matrix.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["Mål", "Indikator", "Nyckeltal", "Period", "Säffle"]);
    let files = book.worksheet_range("Filer").unwrap();
    let listed: Vec<String> = files.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert_eq!(listed, ["2030-bilaga-saffle.pdf"]);
    assert_eq!(cache_entries(&p, 2030), entries, "the cache is as the run of all left it");

    // One of Säffle's own values changes: its annex is new; the outputs of all stay as they were,
    // and the note says that they no longer match it.
    p.edit("sources/2030/values/N15428.json", |t| t.replace("\"value\": 71.2", "\"value\": 71.4"));
    let run = p.run(&["annexes", "--only", "saffle"]).ok();
    let err = run.stderr();
    assert!(err.contains("(1 typeset, 0 from the cache)"), "{err}");
    assert!(
        err.contains("the annex of Säffle changed, so they no longer match it: run `perspektiv annexes 2030` without --only to bring them up to date"),
        "{err}"
    );
    let now = annexes(&p, 2030);
    assert_eq!(changed(&after, &now), ["2030-aktuellt-perspektiv-saffle.xlsx", "2030-bilaga-saffle.pdf"]);
    // In the cache Säffle's new entry took the place of its old one (whose PDF is no longer in the
    // folder); the other documents' entries stay, so the run of all typesets nothing again.
    let cached = cache_entries(&p, 2030);
    assert_eq!(cached.len(), 5, "{cached:?}");
    assert_eq!(cached.iter().filter(|e| !entries.contains(e)).count(), 1, "{cached:?}");
    let run = p.run(&["annexes"]).ok();
    assert!(run.stderr().contains("(0 typeset, 5 from the cache)"), "{}", run.stderr());
    assert!(!run.stderr().contains("note:"), "{}", run.stderr());
    assert_eq!(changed(&now, &annexes(&p, 2030)), ["2030-aktuellt-perspektiv.xlsx"]);

    // The zip of the run of all is never replaced by one of some parties.
    let run = p.run(&["annexes", "--only", "saffle", "--zip", "out/2030/bilagor-2030.zip"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("error: `out/2030/bilagor-2030.zip` is the zip of a run of all parties; this run of 1 party would replace it\nhint: give this run a zip of its own, such as `--zip out/2030/bilagor-2030-saffle.zip`, or leave out `--only` to make the whole zip again"),
        "{}",
        run.stderr()
    );
    assert!(
        zip == std::fs::read(p.path("out/2030/bilagor-2030.zip")).unwrap(),
        "the zip of all was replaced"
    );
    // A zip of its own holds the run's annexes, its spreadsheet and its manifest, and may be made again.
    for _ in 0..2 {
        p.run(&["annexes", "--only", "saffle,eda", "--zip", "out/2030/bilagor-2030-eda-saffle.zip"]).ok();
    }
    let own = zip_entries(&std::fs::read(p.path("out/2030/bilagor-2030-eda-saffle.zip")).unwrap());
    let names: Vec<&str> = own.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "2030-aktuellt-perspektiv-eda-saffle.xlsx",
            "2030-bilaga-eda.pdf",
            "2030-bilaga-saffle.pdf",
            "manifest.csv"
        ]
    );
    assert_eq!(
        own[0].1,
        std::fs::read(p.path("out/2030/annexes/2030-aktuellt-perspektiv-eda-saffle.xlsx")).unwrap()
    );
    assert!(
        zip == std::fs::read(p.path("out/2030/bilagor-2030.zip")).unwrap(),
        "the zip of all was replaced"
    );
}

#[cfg(unix)]
#[test]
fn annexes_write_into_symbolically_linked_folders_and_through_a_linked_zip() {
    use crate::support::assert_link;
    let p = with_values();
    let folder = p.link_to_new_folder("out/2030/annexes");
    let cache = p.link_to_new_folder("out/.cache");
    p.run(&["annexes", "--zip", "out/bilagor.zip"]).ok();
    assert_link(&p.path("out/2030/annexes"), &folder);
    assert_link(&p.path("out/.cache"), &cache);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 6, "4 annexes, the overview, the spreadsheet");
    assert_eq!(std::fs::read_dir(cache.join("2030/annexes")).unwrap().count(), 5);
    let before = annexes(&p, 2030);

    // The zip a link (to where it is sent from, say); a value of Riket changes every document.
    let zip = p.path("elsewhere/bilagor.zip");
    std::fs::rename(p.path("out/bilagor.zip"), &zip).unwrap();
    std::os::unix::fs::symlink(&zip, p.path("out/bilagor.zip")).unwrap();
    p.edit("sources/2030/values/N15428.json", |t| t.replacen("\"value\": 80.0", "\"value\": 80.5", 1));
    let run = p.run(&["annexes", "--zip", "out/bilagor.zip"]).ok();
    assert!(run.stderr().contains("(5 typeset, 0 from the cache)"), "{}", run.stderr());
    assert_link(&p.path("out/2030/annexes"), &folder);
    assert_link(&p.path("out/.cache"), &cache);
    assert_link(&p.path("out/bilagor.zip"), &zip);
    let after = annexes(&p, 2030);
    assert_eq!(changed(&before, &after).len(), 6);
    let entries = zip_entries(&std::fs::read(&zip).unwrap());
    let sheet = &entries.iter().find(|(n, _, _)| n == "2030-aktuellt-perspektiv.xlsx").unwrap().1;
    assert_eq!(sheet, &after["2030-aktuellt-perspektiv.xlsx"], "the zip behind the link is the new one");
    let stray: Vec<String> = [folder.clone(), p.path("elsewhere"), p.path("out")]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".perspektiv-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn a_comparison_area_keeps_the_case_of_its_name_in_sentences() {
    // Without `in_sentence`, the name is used as written, in the annex and in the overview.
    let p = with_values();
    p.edit("sources/parties.toml", |t| {
        t.replacen("name = \"Riket\"\nin_sentence = \"riket\"\n", "name = \"Sverige\"\n", 1)
    });
    p.run(&["annexes", "2030"]).ok();
    let annex = pdf_text(&read_pdf(&p, "2030-bilaga-saffle.pdf"));
    assert!(has(&annex, "jämfört med Region Värmland (länet) och Sverige."), "{annex}");
    assert!(has(&annex, "Sverige 80,0 81,0 +1,0 i rätt riktning"), "{annex}");
    let overview = pdf_text(&read_pdf(&p, "2030-oversikt-varmland.pdf"));
    assert!(has(&overview, "jämfört med länet (Region Värmland) och Sverige."), "{overview}");
    assert!(!has(&annex, "sverige") && !has(&overview, "sverige"), "a proper name lowercased");
}

/// Every perspektiv temporary file or folder under `dir`, as paths relative to it.
#[cfg(unix)]
fn temporaries(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".perspektiv-") {
                found.push(entry.path().strip_prefix(dir).unwrap().display().to_string());
            } else if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(entry.path());
            }
        }
    }
    found
}

#[cfg(unix)]
#[test]
fn a_run_after_one_that_was_killed_leaves_no_temporary_files() {
    use std::time::{Duration, Instant};
    let p = with_values();
    let mut child = crate::support::perspektiv()
        .args(["annexes", "--zip", "out/k.zip", "--jobs", "1"])
        .current_dir(p.root())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed once the first annex is staged next to its place (or after a while, if the run is
    // too quick to be seen at it: the zip's temporary file is there from the start).
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20)
        && !temporaries(&p.path("out")).iter().any(|t| t.starts_with("2030/annexes/"))
        && child.try_wait().unwrap().is_none()
    {
        std::thread::sleep(Duration::from_millis(2));
    }
    // SIGKILL: the run cannot clean up after itself.
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    child.wait().unwrap();
    let left = temporaries(&p.path("out"));
    assert!(!left.is_empty(), "the run ended before it was killed");
    p.run(&["annexes", "--zip", "out/k.zip"]).ok();
    assert_eq!(temporaries(&p.path("out")), Vec::<String>::new());
}

/// The mini fixture's values with N15428 of 2029 for every other municipality of the country
/// (`60,0`, `60,1`, … in the order of the official list), as Kolada's answer for the whole
/// country gives it, and the indicator turned to "decrease" (the lowest value is the best).
fn with_national_values() -> Project {
    let p = with_values();
    p.edit("sources/2030/goals.toml", |t| {
        t.replacen(
            "text = \"Fler elever ska vara behöriga.\"\ndirection = \"increase\"",
            "text = \"Fler elever ska vara behöriga.\"\ndirection = \"decrease\"",
            1,
        )
    });
    let mini = ["1730", "1765", "1785"];
    let others: Vec<&str> = include_str!("../../src/kolada/areas.csv")
        .lines()
        .filter(|l| l.ends_with(",K"))
        .map(|l| l.split(',').next().unwrap())
        .filter(|c| !mini.contains(c))
        .collect();
    assert_eq!(others.len(), 287);
    let records: Vec<String> = others
        .iter()
        .enumerate()
        .map(|(i, code)| {
            format!(
                r#"{{"kpi":"N15428","municipality":"{code}","period":2029,"values":[{{"gender":"T","value":{:.1}}}]}}"#,
                60.0 + i as f64 * 0.1
            )
        })
        .collect();
    std::fs::write(
        p.path("sources/2030/values/N15428-landet.json"),
        format!("{{\"values\":[{}]}}", records.join(",")),
    )
    .unwrap();
    p
}

#[test]
fn with_the_whole_country_a_row_gives_the_place_in_the_direction_the_indicator_wants() {
    let p = with_national_values();
    p.run(&["annexes"]).ok();
    // Säffle 73,5: 135 municipalities are lower (60,0 … 73,4), 73,5 itself ties; 289 have a
    // value in 2029 (Årjäng has none). Eda 76,0: 160 lower and Säffle.
    let saffle = pdf_text(&read_pdf(&p, "2030-bilaga-saffle.pdf"));
    let page1 = page_texts(&read_pdf(&p, "2030-bilaga-saffle.pdf"))[0].clone();
    assert!(has(&page1, "Plats i landet"), "{page1}");
    assert!(has(&page1, "plats 136 av 289, näst bästa fjärdedelen"), "{page1}");
    assert!(
        has(&page1, "Förändring, bedömning och plats i landet: egen bearbetning av data från Kolada."),
        "{page1}"
    );
    assert!(has(&saffle, "Plats i landet 2029"), "{saffle}");
    assert!(has(&saffle, "Säffle 70,0 73,5 +3,5"), "{saffle}");
    assert!(has(&saffle, "plats 136 av 289, näst bästa fjärdedelen"), "{saffle}");
    let eda = pdf_text(&read_pdf(&p, "2030-bilaga-eda.pdf"));
    assert!(has(&eda, "plats 162 av 289, näst sämsta fjärdedelen"), "{eda}");
    // U01413 has values for Värmland only: no place, and a note that says why.
    assert!(
        has(
            &saffle,
            "Placering bland landets kommuner visas inte: bara 1 av 290 kommuner har ett värde för 2029 i underlaget."
        ),
        "{saffle}"
    );
    // The region is placed among the regions, of which the values have one.
    let region = pdf_text(&read_pdf(&p, "2030-bilaga-region-varmland.pdf"));
    assert!(!has(&region, "Plats i landet"), "{region}");
    assert!(
        has(&region, "Förändringar och bedömningar är egen bearbetning av data från Kolada."),
        "{region}"
    );
    assert!(
        has(
            &region,
            "Placering bland landets regioner visas inte: bara 1 av 21 regioner har ett värde för 2029 i underlaget."
        ),
        "{region}"
    );
    // The overview sorts by the place, lowest value first, and shows it.
    let overview = read_pdf(&p, "2030-oversikt-varmland.pdf");
    assert_conforms(&overview);
    let text = flat(&pdf_text(&overview));
    let at = |row: &str| text.find(&flat(row)).unwrap_or_else(|| panic!("no `{row}` in {text}"));
    assert!(at("Säffle 70,0 73,5") < at("Eda 80,0 76,0"), "{text}");
    assert!(has(&text, "Sorterat efter plats i landet, det vill säga värdet 2029, lägst först"), "{text}");
    assert!(has(&text, "plats 136 av 289, näst bästa fjärdedelen"), "{text}");
    // The region among the municipalities: its note names it.
    assert!(
        has(
            &text,
            "Placering för Region Värmland bland landets regioner visas inte: bara 1 av 21 regioner har ett värde för 2029 i underlaget."
        ),
        "{text}"
    );
    assert_conforms(&read_pdf(&p, "2030-bilaga-saffle.pdf"));
    assert!(
        has(
            &page1,
            "Förändringar, bedömningar och platser i landet är egen bearbetning av data från Kolada."
        ),
        "{page1}"
    );

    // The spreadsheet: the place, of how many, and the quartile, marked as own processing.
    use calamine::{Reader, Xlsx};
    let bytes = std::fs::read(p.path("out/2030/annexes/2030-aktuellt-perspektiv.xlsx")).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let values = book.worksheet_range("Värden").unwrap();
    let rows: Vec<Vec<String>> = values.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(
        rows[0][14..],
        ["Plats i landet (egen bearbetning)", "Antal med värde", "Fjärdedel (egen bearbetning)"]
    );
    let saffle_row = rows.iter().find(|r| r[2] == "N15428" && r[5] == "Säffle").expect("Säffle's row");
    assert_eq!(saffle_row[14..], ["136", "289", "näst bästa fjärdedelen"]);
    let riket = rows.iter().find(|r| r[2] == "N15428" && r[5] == "Riket").expect("Riket's row");
    assert!(riket.len() <= 14 || riket[14].is_empty(), "{riket:?}");
}

#[test]
fn the_representatives_are_those_seated_on_the_document_date() {
    let p = with_values();
    // The document is dated 1 March 2030: Dan Fors left Eda's seat on 31 January, Eva Gran took
    // it over on 1 February. Bo Berg takes over the chair from Åsa Ek on 5 May.
    p.edit("sources/2030/members.toml", |t| {
        t + "\n[[member]]\nid = \"dan-fors\"\nname = \"Dan Fors\"\ntitle = \"kommunalråd\"\norganisation = \"eda\"\n\n\
             [[member.role]]\nbody = \"styrgrupp\"\nrole = \"ledamot\"\nuntil = 2030-01-31\n\n\
             [[member]]\nid = \"eva-gran\"\nname = \"Eva Gran\"\ntitle = \"kommunalråd\"\norganisation = \"eda\"\n\n\
             [[member.role]]\nbody = \"styrgrupp\"\nrole = \"ledamot\"\nfrom = 2030-02-01\n"
    });
    p.run(&["annexes"]).ok();
    let eda = pdf_text(&read_pdf(&p, "2030-bilaga-eda.pdf"));
    let at = flat(&eda).find(&flat("Representanter för Eda kommun")).expect("the representatives");
    let list = &flat(&eda)[at..];
    assert!(
        list.contains(&flat(
            "Eva Gran kommunalråd Ledamot i Styrgruppen från och med 1 februari 2030 (efterträder Dan Fors)"
        )),
        "{eda}"
    );
    // The predecessor is named only as such, not as a representative.
    assert_eq!(list.matches(&flat("Dan Fors")).count(), 1, "{eda}");
    let arjang = pdf_text(&read_pdf(&p, "2030-bilaga-arjang.pdf"));
    assert!(
        has(
            &arjang,
            "Åsa Ek kommunalråd Ordförande i Styrgruppen till och med 4 maj 2030 (efterträds av Bo Berg från 5 maj 2030)"
        ),
        "{arjang}"
    );
    // Åsa Ek's seat as a member begins after the document's date: not listed yet.
    assert!(!has(&arjang, "Ledamot i Styrgruppen från och med 5 maj 2030"), "{arjang}");
    // Bo Berg's chair begins after the document's date: the region lists its present people.
    let region = pdf_text(&read_pdf(&p, "2030-bilaga-region-varmland.pdf"));
    assert!(!has(&region, "Bo Berg"), "{region}");
    assert!(has(&region, "Cecilia Dahl utvecklingsledare Samordnare i Arbetsgruppen"), "{region}");
}

#[test]
fn records_without_values_do_not_make_the_whole_country() {
    let p = with_national_values();
    // Half of the country's records have no value in 2029: 137 others, Säffle and Eda have one.
    p.edit("sources/2030/values/N15428-landet.json", |t| {
        let mut out = t.clone();
        for i in 0..150 {
            let v = format!("\"value\":{:.1}}}", 60.0 + i as f64 * 0.1);
            out = out.replacen(&v, "\"value\":null}", 1);
        }
        out
    });
    p.run(&["annexes"]).ok();
    let saffle = pdf_text(&read_pdf(&p, "2030-bilaga-saffle.pdf"));
    assert!(!has(&saffle, "plats 1"), "{saffle}");
    assert!(
        has(
            &saffle,
            "Placering bland landets kommuner visas inte: bara 139 av 290 kommuner har ett värde för 2029 i underlaget."
        ),
        "{saffle}"
    );
}
