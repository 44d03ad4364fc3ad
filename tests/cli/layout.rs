//! Layout across pages: tables that break with their header row repeated, so that no row is ever
//! lost at a page foot.

use crate::support::{Project, normalize, page_texts, pdf_text};

/// `count` members of the mini fixture's steering group, in the order the members table sorts them
/// (by surname; the numbers are zero-padded).
fn many_members(count: usize) -> (String, Vec<String>) {
    let names: Vec<String> = (1..=count).map(|i| format!("Anna Ledamot{i:03}")).collect();
    let toml = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            format!(
                "\n[[member]]\nid = \"ledamot-{i}\"\nname = \"{name}\"\ntitle = \"kommunalråd\"\norganisation = \"arjang\"\nparty = \"S\"\n\n[[member.role]]\nbody = \"styrgrupp\"\nrole = \"ledamot\"\n"
            )
        })
        .collect();
    (toml, names)
}

#[test]
fn a_body_of_several_pages_keeps_every_member_and_repeats_the_header() {
    let p = Project::fixture("mini");
    let (toml, names) = many_members(150);
    p.edit("sources/2030/members.toml", |t| t + &toml);
    p.run(&["build", "2030"]).ok();
    let pdf = std::fs::read(p.path("out/2030/politiskt-inriktningsdokument-2030.pdf")).unwrap();

    // Every member, in order.
    let text = normalize(&pdf_text(&pdf));
    let mut from = 0;
    for name in &names {
        let name = normalize(name);
        let at = text[from..].find(&name).unwrap_or_else(|| panic!("{name} is missing or out of order"));
        from += at + name.len();
    }

    // The table spans at least three pages, and each of them starts with the header row.
    let pages: Vec<String> = page_texts(&pdf).iter().map(|t| normalize(t)).collect();
    let with_members: Vec<&String> = pages.iter().filter(|t| t.contains("AnnaLedamot")).collect();
    assert!(with_members.len() >= 3, "{} pages of members", with_members.len());
    for page in with_members {
        let header =
            page.find("NamnPartiTitelOrganisationRoll").unwrap_or_else(|| panic!("no header row: {page}"));
        assert!(header < page.find("AnnaLedamot").unwrap(), "the header row comes first: {page}");
    }
    crate::support::assert_conforms(&pdf);
}

/// Words whose boxes share more than this many square points are printed over each other (a
/// rounding error in the advance widths shares far less).
const OVERPRINT: f64 = 0.5;

/// Words printed over each other in the laid-out document of `markup`, one line per pair.
fn overprints(markup: String) -> Vec<String> {
    let world = perspektiv::typeset::DocWorld::new("x.typ", markup, None).unwrap();
    let (doc, _) = perspektiv::typeset::compile(&world).expect("the markup compiles");
    perspektiv::typeset::boxes::overlapping_words(&doc, OVERPRINT)
        .into_iter()
        .map(|(page, a, b)| format!("page {}: {:?} over {:?}", page + 1, a, b))
        .collect()
}

#[test]
fn long_names_in_every_name_field_never_overprint() {
    let p = crate::annexes::with_values();
    // One long word in every name a table or chart of the annexes prints: the parties, the
    // county, the comparison area, the members and their titles.
    p.edit("sources/parties.toml", |t| {
        t.replace("name = \"Säffle\"", "name = \"Säffleochgrannkommunernassamverkansområde\"")
            .replace(
                "official_name = \"Säffle kommun\"",
                "official_name = \"Säffleochgrannkommunernassamverkansområdeskommun\"",
            )
            .replace("name = \"Eda\"", "name = \"Edaochmorokulienskommunalförbund\"")
            .replace("name = \"Region Värmland\"", "name = \"Regionvärmlandsförvaltningsområde\"")
            .replace("name = \"Riket\"", "name = \"Rikssnittetförsamtligakommunerilandet\"")
    });
    p.edit("sources/2030/members.toml", |t| {
        t.replace("name = \"Åsa Ek\"", "name = \"Åsa Ekströmsköldlöwenhielmadlercreutz\"")
            .replace("title = \"kommunalråd\"", "title = \"kommunstyrelseordförandeersättare\"")
            .replace("title = \"utvecklingsledare\"", "title = \"verksamhetsutvecklingsledarsamordnare\"")
    });
    p.run(&["annexes", "2030", "--markup"]).ok();
    let dir = p.path("out/2030/annexes");
    let mut checked = 0;
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "typ") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            found.extend(
                overprints(std::fs::read_to_string(&path).unwrap())
                    .into_iter()
                    .map(|o| format!("{name}: {o}")),
            );
            checked += 1;
        }
    }
    // The four annexes of the fixture and the county overview.
    assert!(checked == 5 && dir.join("2030-oversikt-varmland.typ").is_file(), "{checked} documents");
    // The document itself: the members tables, the organisation chart, the calendars.
    p.run(&["render", "2030"]).ok();
    let document =
        std::fs::read_to_string(p.path("out/2030/politiskt-inriktningsdokument-2030.typ")).unwrap();
    found.extend(overprints(document).into_iter().map(|o| format!("document: {o}")));
    assert!(found.is_empty(), "{} overprints:\n{}", found.len(), found.join("\n"));
}

/// A word wider than the members table's title column, narrower than the page.
const LONGEST: &str = "verksamhetsutvecklingsledarsamordnaresamverkansansvarig";

/// A long word that fits its column is never hyphenated: its copied text stays one word. Only a
/// word wider than its column is broken, with a hyphen, inside the column.
#[test]
fn long_words_are_hyphenated_only_where_they_cannot_fit() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/members.toml", |t| {
        t.replacen("title = \"regionråd\"", "title = \"ordförandeskap\"", 1).replacen(
            "title = \"kommunalråd\"",
            &format!("title = \"{LONGEST}\""),
            1,
        )
    });
    p.run(&["build", "2030"]).ok();
    let text = pdf_text(&std::fs::read(p.path("out/2030/politiskt-inriktningsdokument-2030.pdf")).unwrap());
    assert!(text.contains("ordförandeskap"), "a word that fits was broken: {text}");
    // The word too wide for its column is broken, and nothing of it is lost.
    assert!(!text.contains(LONGEST), "a word wider than its column was not broken");
    assert!(normalize(&text).contains(LONGEST), "{text}");
    // Where it is broken, the hyphen copies as a hyphen, never as an invisible soft hyphen.
    assert!(!text.contains('\u{AD}'), "a soft hyphen in the copied text: {text}");
    assert!(text.contains("-\n"), "no hyphen at a line end: {text}");
}
