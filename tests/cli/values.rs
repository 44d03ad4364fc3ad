//! Own values: spreadsheets in `values/` (`.csv` as Swedish Excel and others write it, `.xlsx`),
//! read with every problem located by file, sheet, row and column; a value given both by Kolada
//! and by a spreadsheet, and the column `ersätter` that allows it; `values template`.

use calamine::{Data, Reader};
use perspektiv::sources::values::Gender;
use perspektiv::sources::{DirTree, Sources};

use crate::annexes::with_values;
use crate::support::Project;

/// The mini fixture with its values and an indicator that no KPI measures (`overvikt`, from
/// Barnhälsovården).
fn with_own_indicator() -> Project {
    let p = with_values();
    p.edit("sources/2030/goals.toml", |t| {
        t + "\n[[goal.indicator]]\nid = \"overvikt\"\ntext = \"Färre barn med övervikt.\"\n\
             direction = \"decrease\"\nkolada = []\ndata_source = \"Barnhälsovården\"\n\
             acknowledged = \"Värdena kommer från Barnhälsovården.\"\n"
    });
    p
}

fn load(p: &Project) -> Sources {
    match perspektiv::sources::load(&DirTree::new(p.path("sources")), 2030) {
        Ok((s, _)) => s,
        Err(report) => panic!("{:?}", report.problems.iter().map(|p| &p.message).collect::<Vec<_>>()),
    }
}

/// A workbook of one sheet with the rows given (`None` an empty cell, text as text, numbers
/// as numbers).
fn xlsx(sheet: &str, rows: &[Vec<Option<Data>>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Some(Data::String(s)) => ws.write_string(r as u32, c as u16, s).map(|_| ()),
                Some(Data::Float(n)) => ws.write_number(r as u32, c as u16, *n).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

fn t(s: &str) -> Option<Data> {
    Some(Data::String(s.into()))
}

fn n(x: f64) -> Option<Data> {
    Some(Data::Float(x))
}

#[test]
fn a_csv_with_bom_semicolons_decimal_commas_and_a_leading_zero() {
    let p = with_own_indicator();
    let csv = "\u{feff}indikator;Område;år;kön;värde\r\novervikt;0017;2029;T;12,5\r\n\
               overvikt;\"1785\";2029;;\"9,0\"\r\novervikt;1730;2029;K;\r\n";
    std::fs::write(p.path("sources/2030/values/egna-varden.csv"), csv).unwrap();
    // The mark of a workbook open in Excel is no values file.
    std::fs::write(p.path("sources/2030/values/~$egna-varden.xlsx"), b"owner").unwrap();
    let check = p.run(&["check", "2030"]).ok();
    assert!(!check.stderr().contains("is not a values file"), "{}", check.stderr());
    let s = load(&p);
    assert_eq!(s.values.own("overvikt", "0017", 2029, Gender::Total), Some(12.5));
    assert_eq!(s.values.own("overvikt", "1785", 2029, Gender::Total), Some(9.0));
    assert_eq!(s.values.own("overvikt", "1730", 2029, Gender::Women), None);
    assert_eq!(s.values.own_periods("overvikt", "0017"), vec![2029]);
    assert_eq!(s.values.own_latest("overvikt", "1785", Gender::Total), Some((2029, 9.0)));
    // A comma between the fields and a decimal point read the same.
    std::fs::write(
        p.path("sources/2030/values/egna-varden.csv"),
        "indikator,område,år,värde\novervikt,0017,2028,11.5\n",
    )
    .unwrap();
    assert_eq!(load(&p).values.own("overvikt", "0017", 2028, Gender::Total), Some(11.5));
    // Excel's "CSV (semikolonavgränsad)" is not UTF-8: the hint says which kind to save.
    std::fs::write(p.path("sources/2030/values/egna-varden.csv"), b"indikator;omr\xe5de;\xe5r;v\xe4rde\n")
        .unwrap();
    let run = p.run(&["check", "2030"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("not valid UTF-8") && run.stderr().contains("CSV UTF-8"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_workbook_is_read_and_its_problems_are_located_by_sheet_row_and_column() {
    let p = with_own_indicator();
    let header = vec![t("indikator"), t("område"), t("år"), t("värde")];
    let good = xlsx(
        "Värden",
        &[
            header.clone(),
            vec![t("overvikt"), t("0017"), n(2029.0), n(12.5)],
            vec![t("overvikt"), n(1785.0), t("2028"), t("8,5")],
        ],
    );
    std::fs::write(p.path("sources/2030/values/egna-varden.xlsx"), good).unwrap();
    p.run(&["check", "2030"]).ok();
    let s = load(&p);
    assert_eq!(s.values.own("overvikt", "0017", 2029, Gender::Total), Some(12.5));
    assert_eq!(s.values.own("overvikt", "1785", 2028, Gender::Total), Some(8.5));

    let mut rows = vec![header];
    rows.extend((2..7).map(|_| vec![]));
    rows.push(vec![t("overvikt"), t("0017"), n(2027.0), t("5,x")]);
    rows.push(vec![t("overvikt"), n(17.0), n(2027.0), n(1.0)]);
    rows.push(vec![t("overvkt"), t("1785"), n(2027.0), n(1.0)]);
    rows.push(vec![t("behoriga"), t("1785"), n(2027.0), n(1.0)]);
    std::fs::write(p.path("sources/2030/values/egna-varden.xlsx"), xlsx("Värden", &rows)).unwrap();
    let run = p.run(&["check", "2030"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    for wanted in [
        "error: sheet `Värden`, row 7, column D (`värde`): `5,x` is not a number",
        "sources/2030/values/egna-varden.xlsx",
        "sheet `Värden`, row 8, column B (`område`): the area code `17` is a number, not a code of four digits",
        "(`0017`)",
        "row 9, column A (`indikator`): unknown indicator `overvkt`",
        "did you mean `overvikt`?",
        "row 10, column A (`indikator`): indicator `behoriga` is measured by Kolada's KPIs",
    ] {
        assert!(err.contains(wanted), "{wanted}\n{err}");
    }
}

#[test]
fn a_csv_problem_points_at_its_line_and_column() {
    let p = with_own_indicator();
    let csv = "indikator;område;år;värde\novervikt;0017;2029;12,5\novervikt;0017;20x9;1\n\
               overvikt;1785;2029;1\novervikt;1785;2029;2\n";
    std::fs::write(p.path("sources/2030/values/egna.csv"), csv).unwrap();
    let run = p.run(&["check", "2030"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    for wanted in [
        "error: row 3, column C (`år`): `20x9` is not a year",
        "sources/2030/values/egna.csv:3:15",
        "row 5: the value of indicator `overvikt`, area `1785`, 2029 for everyone is given twice",
        "first given here (row 4)",
    ] {
        assert!(err.contains(wanted), "{wanted}\n{err}");
    }
    let json = p.run(&["check", "2030", "--diagnostic-format", "json"]).stdout();
    assert!(json.contains("\"line\":3,\"column\":15"), "{json}");
}

#[test]
fn a_value_given_by_kolada_and_a_spreadsheet_is_an_error_unless_it_replaces() {
    let p = with_own_indicator();
    let kolada = load(&p).values.get("N15428", "1785", 2029, Gender::Total);
    assert!(kolada.is_some());
    std::fs::write(
        p.path("sources/2030/values/rättelser.csv"),
        "kpi;område;år;värde\nN15428;1785;2029;70,5\n",
    )
    .unwrap();
    let run = p.run(&["check", "2030"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(
        err.contains(
            "row 2: the value of KPI `N15428`, area `1785`, 2029 for everyone is given both by Kolada and by this spreadsheet"
        ),
        "{err}"
    );
    assert!(err.contains("N15428.json") && err.contains("Kolada's value is here"), "{err}");
    assert!(err.contains("`ersätter`"), "{err}");

    std::fs::write(
        p.path("sources/2030/values/rättelser.csv"),
        "kpi;område;år;värde;ersätter\nN15428;1785;2029;70,5;ja\n",
    )
    .unwrap();
    p.run(&["check", "2030"]).ok();
    let s = load(&p);
    assert_eq!(s.values.get("N15428", "1785", 2029, Gender::Total), Some(70.5));
    assert!(s.values.from_sheet("N15428", "1785", 2029, Gender::Total));
    assert!(!s.values.from_sheet("N15428", "1785", 2026, Gender::Total));

    // The annex and the spreadsheet say that the value is not Kolada's.
    p.run(&["annexes"]).ok();
    let text = crate::support::normalize(&crate::support::pdf_text(
        &std::fs::read(p.path("out/2030/annexes/2030-bilaga-saffle.pdf")).unwrap(),
    ));
    assert!(
        text.contains(&crate::support::normalize("Egna värden ersätter Koladas för Säffle 2029.")),
        "{text}"
    );
    let overview = crate::support::normalize(&crate::support::pdf_text(
        &std::fs::read(p.path("out/2030/annexes/2030-oversikt-varmland.pdf")).unwrap(),
    ));
    assert!(
        overview.contains(&crate::support::normalize("Egna värden ersätter Koladas för Säffle 2029.")),
        "{overview}"
    );
    let bytes = std::fs::read(p.path("out/2030/annexes/2030-aktuellt-perspektiv.xlsx")).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let rows: Vec<Vec<String>> = book
        .worksheet_range("Värden")
        .unwrap()
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let source = |kpi: &str, area: &str| {
        rows.iter().find(|r| r[2] == kpi && r[5] == area).map(|r| r[13].clone()).unwrap_or_default()
    };
    assert_eq!(source("N15428", "Säffle"), "Kolada, med egna värden för 2029");
    assert_eq!(source("N15428", "Eda"), "Kolada");
    // The indicator that turns Kolada's values around says so.
    assert_eq!(source("U01413", "Säffle"), "Kolada, 100 minus Koladas värde (egen bearbetning)");
}

#[test]
fn a_spreadsheet_may_give_values_for_any_municipality_of_the_country() {
    let p = with_own_indicator();
    std::fs::write(
        p.path("sources/2030/values/landet.csv"),
        "indikator;område;år;värde\novervikt;0180;2029;8,5\novervikt;9999;2029;8,5\n",
    )
    .unwrap();
    let run = p.run(&["check", "2030"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    // Stockholm (0180) is a municipality of the country; 9999 is none.
    assert!(!err.contains("`0180`"), "{err}");
    assert!(err.contains("unknown area code `9999`"), "{err}");
}

#[test]
fn the_template_is_written_never_overwritten_and_read_back_filled_in() {
    let p = with_own_indicator();
    let run = p.run(&["values", "template", "2030", "--kpi", "N15428"]).ok();
    let file = p.path("out/2030/egna-varden-2030.xlsx");
    assert!(run.stderr().contains("2 sheets of 2026–2029"), "{}", run.stderr());
    let bytes = std::fs::read(&file).unwrap();
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(wb.sheet_names(), vec!["overvikt".to_owned(), "N15428".to_owned()]);
    let range = wb.worksheet_range("overvikt").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    let names: Vec<String> = rows[0].iter().map(|d| d.to_string()).collect();
    assert_eq!(names, ["indikator", "område", "namn", "år", "kön", "värde"]);
    // Four parties and Riket, four years each.
    assert_eq!(rows.len(), 1 + 5 * 4);
    let region: Vec<&Vec<Data>> =
        rows.iter().filter(|r| r[2] == Data::String("Region Värmland".into())).collect();
    assert_eq!(region.len(), 4);
    assert_eq!(region[0][1], Data::String("0017".into()));
    assert_eq!(region[0][3], Data::Float(2026.0));
    assert_eq!(region[3][3], Data::Float(2029.0));
    let kpi_header: Vec<String> =
        wb.worksheet_range("N15428").unwrap().rows().next().unwrap().iter().map(|d| d.to_string()).collect();
    assert_eq!(kpi_header.last().map(String::as_str), Some("ersätter"));

    // A second run leaves the file as it is.
    let again = p.run(&["values", "template", "2030"]);
    assert_eq!(again.code(), 1);
    assert!(again.stderr().contains("exists already"), "{}", again.stderr());
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    // The same sources give the same bytes.
    p.run(&["values", "template", "2030", "--kpi", "N15428", "-o", "again.xlsx"]).ok();
    assert_eq!(std::fs::read(p.path("again.xlsx")).unwrap(), bytes);

    // As it is, the template gives no values and no problems.
    std::fs::copy(&file, p.path("sources/2030/values/egna-varden-2030.xlsx")).unwrap();
    p.run(&["check", "2030"]).ok();
    assert!(load(&p).values.own_indicators().is_empty());

    // Filled in (the indicator's sheet), it gives its values.
    let mut filled = rows.iter().map(|r| r.iter().cloned().map(Some).collect::<Vec<_>>()).collect::<Vec<_>>();
    for (i, row) in filled.iter_mut().enumerate().skip(1) {
        row[5] = n(10.0 + i as f64);
    }
    std::fs::write(p.path("sources/2030/values/egna-varden-2030.xlsx"), xlsx("overvikt", &filled)).unwrap();
    p.run(&["check", "2030"]).ok();
    let s = load(&p);
    let first_region_row = rows.iter().position(|r| r[2] == Data::String("Region Värmland".into())).unwrap();
    assert_eq!(s.values.own("overvikt", "0017", 2026, Gender::Total), Some(10.0 + first_region_row as f64));
    assert_eq!(s.values.own_periods("overvikt", "0000"), vec![2026, 2027, 2028, 2029]);
}

#[test]
fn own_values_appear_in_every_annex_the_overview_the_spreadsheet_and_the_web_pages() {
    use calamine::{Data, Reader, Xlsx};
    let p = with_own_indicator();
    let csv = "\u{feff}indikator;område;år;värde\r\n\
               overvikt;1765;2026;14,0\r\novervikt;1765;2029;12,5\r\n\
               overvikt;1730;2026;10,0\r\novervikt;1730;2029;11,0\r\n\
               overvikt;1785;2026;9,5\r\novervikt;1785;2029;9,0\r\n\
               overvikt;0017;2026;12,0\r\novervikt;0017;2029;11,5\r\n";
    std::fs::write(p.path("sources/2030/values/egna-varden.csv"), csv).unwrap();
    p.run(&["annexes"]).ok();
    let text = |file: &str| {
        crate::support::normalize(&crate::support::pdf_text(
            &std::fs::read(p.path(&format!("out/2030/annexes/{file}"))).unwrap(),
        ))
    };
    let n = |s: &str| crate::support::normalize(s);
    for (slug, name, from, to) in [
        ("arjang", "Årjäng", "14,0", "12,5"),
        ("eda", "Eda", "10,0", "11,0"),
        ("saffle", "Säffle", "9,5", "9,0"),
        ("region-varmland", "Region Värmland", "12,0", "11,5"),
    ] {
        let t = text(&format!("2030-bilaga-{slug}.pdf"));
        assert!(t.contains(&n("Färre barn med övervikt.")), "{slug}: {t}");
        assert!(t.contains(&n("Källa: Barnhälsovården.")), "{slug}: {t}");
        assert!(
            t.contains(&n("Förändring och bedömning: egen bearbetning av data från Barnhälsovården.")),
            "{slug}: {t}"
        );
        assert!(t.contains(&n(&format!("{name} {from} {to}"))), "{slug}: {t}");
        assert!(
            t.contains(&n(
                "Källa: Kolada (Rådet för främjande av kommunala analyser, RKA) och Barnhälsovården."
            )),
            "{slug}: {t}"
        );
        assert!(!t.contains(&n("Uppgift saknas i denna bilaga")), "{slug}: {t}");
    }
    let overview = text("2030-oversikt-varmland.pdf");
    assert!(overview.contains(&n("Källa: Barnhälsovården.")), "{overview}");
    assert!(overview.contains(&n("Säffle 9,5 9,0")), "{overview}");

    // The spreadsheet: the values with their source, the derived columns marked.
    let bytes = std::fs::read(p.path("out/2030/annexes/2030-aktuellt-perspektiv.xlsx")).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let values = book.worksheet_range("Värden").unwrap();
    let header: Vec<String> = values.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert!(header.contains(&"Källa".to_owned()), "{header:?}");
    assert!(header.contains(&"Förändring (egen bearbetning)".to_owned()), "{header:?}");
    let own_rows: Vec<Vec<String>> = values
        .rows()
        .filter(|r| r.iter().any(|c| matches!(c, Data::String(s) if s == "Barnhälsovården")))
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    // The four parties and Riket (without values: Barnhälsovården has none for the country).
    assert_eq!(own_rows.len(), 5, "{own_rows:?}");
    assert!(
        own_rows.iter().any(|r| r.contains(&"Säffle".to_owned()) && r.contains(&"9".to_owned())),
        "{own_rows:?}"
    );
    assert!(own_rows.iter().any(|r| r.contains(&"Riket".to_owned())), "{own_rows:?}");
    // No KPI: the column Nyckeltal is empty, Källa names the source.
    assert!(own_rows.iter().all(|r| r[2].is_empty() && r[13] == "Barnhälsovården"), "{own_rows:?}");

    // The web pages.
    p.run(&["site", "2030"]).ok();
    let page = std::fs::read_to_string(p.path("out/2030/webb/aktuellt-perspektiv/saffle.html")).unwrap();
    assert!(page.contains("Källa: Barnhälsovården."), "{page}");
    assert!(page.contains(r#"<td class="tal">9,0</td>"#), "{page}");
    let overview =
        std::fs::read_to_string(p.path("out/2030/webb/aktuellt-perspektiv/oversikt-varmland.html")).unwrap();
    assert!(overview.contains("Källa: Barnhälsovården."), "{overview}");
}
