//! Swedish typography and the member tables, read the way a reader meets them: numbers that never
//! break, running headers that name the chapter at the top of the page, footnotes in headings
//! refused where they are written, one composition table per term of office with a mid-term
//! replacement on its row, and tables of one kind with the same column widths.

use std::collections::BTreeMap;

use crate::support::{Project, normalize};

/// The rendered markup of a year.
fn markup(p: &Project, year: &str) -> String {
    p.run(&["render", year]).ok();
    std::fs::read_to_string(p.path(&format!("out/{year}/politiskt-inriktningsdokument-{year}.typ"))).unwrap()
}

#[test]
fn numbers_are_set_with_a_no_break_space() {
    let p = Project::real();
    let typ = markup(&p, "2023");
    // Bilaga 1 prints the fall target as "1 000/100 000 inv.".
    assert!(typ.contains("1\u{202F}000\\/100\u{202F}000 inv\\."), "the target of Bilaga 1");
    // Prose from the sources: the 2019 footnote "14 200 invånare".
    let typ_2019 = markup(&p, "2019");
    assert!(typ_2019.contains("14\u{202F}200 invånare"), "prose from the sources");
    for (year, typ) in [("2023", &typ), ("2019", &typ_2019)] {
        let bytes = typ.as_bytes();
        let broken = bytes
            .windows(5)
            .position(|w| w[0].is_ascii_digit() && w[1] == b' ' && w[2..].iter().all(u8::is_ascii_digit));
        if let Some(at) = broken {
            // A year and a count ("2017 200") may meet; a digit group never follows a space.
            let around = &typ[at.saturating_sub(20)..(at + 20).min(typ.len())];
            let group = typ[..at + 1].chars().rev().take_while(char::is_ascii_digit).count() <= 3;
            assert!(!group, "{year}: a number with an ordinary space: {around:?}");
        }
    }
}

#[test]
fn running_headers_follow_the_chapter_at_the_top_of_the_page() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/document.toml", |t| {
        let long: Vec<String> =
            (1..=45).map(|i| format!("Stycke {i} om organisationen, som fortsätter på nästa sida.")).collect();
        t.replacen("subtitle = \"– om testet\"", "subtitle = \"– om testet\"\nrunning_header = \"Inledningskapitlet\"", 1)
            .replacen(
                "[[chapter]]\nid = \"bilagor\"\ntitle = \"Bilagor\"\n",
                &format!(
                    "[[chapter.block]]\ntext = \"\"\"\n{}\n\"\"\"\n\n[[chapter]]\nid = \"bilagor\"\ntitle = \"Bilagor\"\nrunning_header = \"Bilagedelen\"\n",
                    long.join("\n\n")
                ),
                1,
            )
            .replacen("title = \"Mål\"\n", "title = \"Mål\"\nrunning_header = \"Målbilagan\"\n", 1)
    });
    p.run(&["build", "2030"]).ok();
    let pdf = std::fs::read(p.path("out/2030/politiskt-inriktningsdokument-2030.pdf")).unwrap();
    let pages: Vec<String> =
        pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap().iter().map(|t| normalize(t)).collect();
    let page_of = |needle: &str| {
        pages
            .iter()
            .position(|t| t.contains(&normalize(needle)))
            .unwrap_or_else(|| panic!("no page has {needle:?}"))
    };
    // "Organisation" starts in the middle of the page that "Inledning" opens: that page's header
    // names Inledning.
    let start = page_of("Vi ska samverka.");
    assert_eq!(start, page_of("Första stycket"), "the fixture's chapters no longer share a page");
    assert!(pages[start].contains("INLEDNINGSKAPITLET"), "page {}: {}", start + 1, pages[start]);
    assert!(
        !pages[start].contains("ORGANISATIONEN"),
        "page {} names the chapter that starts below",
        start + 1
    );
    // The next page opens inside Organisation.
    let next = page_of("Stycke 45 om organisationen");
    assert!(next > start);
    assert!(pages[next].contains("ORGANISATIONEN"), "page {}: {}", next + 1, pages[next]);
    // "Bilagor" starts in the middle of that page too: still Organisation's page.
    assert_eq!(page_of("Målen"), next);
    assert!(!pages[next].contains("BILAGEDELEN"), "page {} names the chapter that starts below", next + 1);
    // An appendix starts at the very top of its page and names itself.
    let appendix = page_of("Fler elever ska vara behöriga");
    assert!(pages[appendix].contains("MÅLBILAGAN"), "page {}: {}", appendix + 1, pages[appendix]);
}

#[test]
fn a_footnote_in_a_heading_is_refused_where_it_is_written() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/document.toml", |t| {
        t.replacen("# Ett avsnitt\n", "# Ett avsnitt[^2]\n\n[^2]: Rubrikens fotnot.\n", 1)
    });
    let run = p.run(&["check", "2030"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("a footnote (`[^2]`) in a heading is not supported"), "{err}");
    assert!(err.contains("sources/2030/document.toml:"), "{err}");
    assert!(err.contains("key `chapter[0].block[0].text`"), "{err}");
    let run = p.run(&["build", "2030"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(!p.path("out/2030/politiskt-inriktningsdokument-2030.pdf").exists());
}

/// One table of a composition in the rendered markup: from its caption to its end.
fn composition<'a>(typ: &'a str, caption: &str) -> Vec<&'a str> {
    typ.match_indices(&format!("#figure(kind: table, caption: [{caption}]"))
        .map(|(at, _)| {
            let rest = &typ[at..];
            &rest[..rest.find("\n))").unwrap_or(rest.len())]
        })
        .collect()
}

#[test]
fn a_mid_term_replacement_is_one_table_with_both_names() {
    let p = Project::real();
    p.edit("sources/2023/members.toml", |t| {
        t.replacen(
            "id = \"lars-nilsson\"\nname = \"Lars Nilsson\"\ntitle = \"kommunalråd\"\norganisation = \"kristinehamn\"\nparty = \"S\"\n\n[[member.role]]\nbody = \"politisk-styrgrupp\"\nrole = \"ledamot\"\nfrom = 2023-05-05\nuntil = 2026-12-31\n",
            "id = \"lars-nilsson\"\nname = \"Lars Nilsson\"\ntitle = \"kommunalråd\"\norganisation = \"kristinehamn\"\nparty = \"S\"\n\n[[member.role]]\nbody = \"politisk-styrgrupp\"\nrole = \"ledamot\"\nfrom = 2023-05-05\nuntil = 2024-01-31\n\n[[member]]\nid = \"karin-berg\"\nname = \"Karin Berg\"\ntitle = \"kommunalråd\"\norganisation = \"kristinehamn\"\nparty = \"S\"\n\n[[member.role]]\nbody = \"politisk-styrgrupp\"\nrole = \"ledamot\"\nfrom = 2024-02-01\nuntil = 2026-12-31\n",
            1,
        )
    });
    let check = p.run(&["check", "2023"]).ok();
    assert!(!check.stderr().contains("terms of office"), "{}", check.stderr());
    let typ = markup(&p, "2023");
    let new = composition(&typ, "Politiska styrgruppen 5 maj 2023 – 31 december 2026");
    assert_eq!(new.len(), 1, "one table for the term");
    let table = new[0];
    assert!(table.contains("Lars Nilsson") && table.contains("Karin Berg"), "{table}");
    assert!(table.contains("ersatt av Karin Berg från 1 februari 2024"), "{table}");
    assert!(table.contains("från 1 februari 2024\\, ersätter Lars Nilsson"), "{table}");
    // The replacement follows the seat it took over.
    assert!(table.find("Lars Nilsson") < table.find("Karin Berg"));
    // The earlier term is its own table; nothing else of the body became a table.
    assert_eq!(composition(&typ, "Politiska styrgruppen till och med 4 maj 2023").len(), 1);
    assert_eq!(typ.matches("#figure(kind: table, caption: [Politiska styrgruppen").count(), 2);

    // A seat outside every term is reported for review.
    p.edit("sources/2023/members.toml", |t| {
        t.replacen("from = 2024-02-01\nuntil = 2026-12-31", "from = 2024-02-01\nuntil = 2027-06-30", 1)
    });
    let check = p.run(&["check", "2023"]).ok();
    assert!(
        check.stderr().contains(
            "Karin Berg's seat in Politiska styrgruppen (`politisk-styrgrupp`) does not lie within one of its terms of office"
        ),
        "{}",
        check.stderr()
    );
}

#[test]
fn tables_of_one_kind_share_column_widths() {
    let p = Project::real();
    let typ = markup(&p, "2023");
    // The column widths of every table, by its header row.
    let mut kinds: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let lines: Vec<&str> = typ.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(header) = line.trim_start().strip_prefix("table.header(")
            && let Some(columns) = lines[..i].iter().rev().find(|l| l.trim_start().starts_with("columns:"))
        {
            kinds.entry(header).or_default().push(columns.trim());
        }
    }
    let members = kinds.iter().filter(|(h, _)| h.starts_with("[Namn]")).count();
    assert!(members >= 2, "{kinds:#?}");
    assert!(kinds.keys().any(|h| h.starts_with("[Indikator]")), "{kinds:#?}");
    for (header, widths) in &kinds {
        assert!(widths.iter().all(|w| w == &widths[0]), "tables with {header} differ: {widths:?}");
        if header.starts_with("[Namn]") || header.starts_with("[Indikator]") {
            assert!(!widths[0].contains("auto"), "tables with {header} size to their content: {}", widths[0]);
        }
    }
}
