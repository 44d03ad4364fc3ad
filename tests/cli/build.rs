//! `build`, `render` and `check` on good sources: outputs, conformance, reproducibility, and the
//! real 2023 edition's content.

use perspektiv::sources::{self, DirTree};

use crate::support::{Project, assert_conforms, normalize, pdf_text, repo};

const MINI_PDF: &str = "out/2030/politiskt-inriktningsdokument-2030.pdf";

#[test]
fn build_writes_a_conforming_pdf_for_the_newest_year() {
    let p = Project::fixture("mini");
    let run = p.run(&["build"]).ok();
    assert!(
        run.stderr().contains("wrote out/2030/politiskt-inriktningsdokument-2030.pdf"),
        "{}",
        run.stderr()
    );
    let pdf = std::fs::read(p.path(MINI_PDF)).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_conforms(&pdf);
    let text = normalize(&pdf_text(&pdf));
    for needle in [
        "Politiskt inriktningsdokument 2030",
        "Kommunerna Eda, Säffle, Årjäng samt Region Värmland.",
        // The chair replaced within the body's one composition, on the rows.
        "ersatt av Bo Berg från 5 maj 2030",
        "från 5 maj 2030, ersätter Åsa Ek",
        "minst 2 procentenheter",
    ] {
        assert!(text.contains(&normalize(needle)), "missing {needle:?}");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let a = Project::fixture("mini");
    let b = Project::fixture("mini");
    a.run(&["build", "2030"]).ok();
    b.run(&["build", "2030"]).ok();
    let pa = std::fs::read(a.path(MINI_PDF)).unwrap();
    let pb = std::fs::read(b.path(MINI_PDF)).unwrap();
    assert!(pa == pb, "the two PDFs differ");
}

#[test]
fn source_date_epoch_sets_the_pdf_date() {
    let p = Project::fixture("mini");
    let out = crate::support::perspektiv()
        .args(["build"])
        .current_dir(p.root())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(out.status.success());
    let pdf = std::fs::read(p.path(MINI_PDF)).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("D:20231114"), "the creation date is not 2023-11-14");
    p.run(&["build"]).ok();
    let raw = String::from_utf8_lossy(&std::fs::read(p.path(MINI_PDF)).unwrap()).into_owned();
    assert!(raw.contains("D:20300301"), "without SOURCE_DATE_EPOCH the document's date is used");
}

#[test]
fn render_writes_markup_and_check_writes_nothing() {
    let p = Project::fixture("mini");
    p.run(&["check"]).ok();
    assert!(!p.path("out").exists(), "check wrote something");
    p.run(&["render", "2030"]).ok();
    let typ = std::fs::read_to_string(p.path("out/2030/politiskt-inriktningsdokument-2030.typ")).unwrap();
    assert!(typ.contains("#set text(font: \"Source Sans 3\", lang: \"sv\""));
    // The markup compiles on its own with the shipped fonts, as stock Typst would compile it.
    let world = perspektiv::typeset::DocWorld::new("x.typ", typ, None).unwrap();
    let (doc, _) = perspektiv::typeset::compile(&world).expect("the rendered markup compiles");
    assert!(doc.pages().len() > 3);
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let p = Project::fixture("mini");
    assert_eq!(p.run(&["bild"]).code(), 2);
    assert_eq!(p.run(&["build", "--no-such-flag"]).code(), 2);
    assert_eq!(p.run(&["build", "tjugo"]).code(), 2);
    let help = p.run(&["--help"]).ok();
    for command in ["build", "check", "render"] {
        assert!(help.stdout().contains(command), "{}", help.stdout());
    }
}

#[test]
fn templates_folder_overrides_the_embedded_templates() {
    let p = Project::fixture("mini");
    std::fs::create_dir_all(p.path("templates/typst/blocks")).unwrap();
    let original = std::fs::read_to_string(repo().join("templates/typst/blocks/goals.typ.j2")).unwrap();
    std::fs::write(
        p.path("templates/typst/blocks/goals.typ.j2"),
        original.replace("#strong[{{ g.title }}.]", "#strong[MÅL: {{ g.title }}.]"),
    )
    .unwrap();
    p.run(&["build"]).ok();
    let text = normalize(&pdf_text(&std::fs::read(p.path(MINI_PDF)).unwrap()));
    assert!(text.contains(&normalize("MÅL: En god hälsa.")));
}

/// The real 2023 edition: every chapter heading, every member's name and every indicator is in
/// the PDF's text, and the PDF conforms.
#[test]
fn the_2023_edition_carries_its_content() {
    let p = Project::real();
    p.run(&["build", "2023"]).ok();
    let pdf = std::fs::read(p.path("out/2023/politiskt-inriktningsdokument-2023.pdf")).unwrap();
    assert_conforms(&pdf);
    let text = normalize(&pdf_text(&pdf));

    let (s, _) = sources::load(&DirTree::new(repo().join("sources")), 2023)
        .unwrap_or_else(|_| panic!("the 2023 sources load"));
    let doc = &s.document.data;
    let mut needles: Vec<String> = Vec::new();
    needles.extend(doc.chapter.iter().map(|c| c.title.clone()));
    needles.extend(doc.appendix.iter().enumerate().map(|(i, a)| format!("Bilaga {} – {}", i + 1, a.title)));
    let names: Vec<String> = s.members.data.member.iter().map(|m| m.name.clone()).collect();
    let indicators: Vec<String> =
        s.goals.data.goal.iter().flat_map(|g| g.indicator.iter().map(|i| i.text.clone())).collect();
    assert!(doc.chapter.len() >= 9 && doc.appendix.len() == 4);
    assert!(names.len() >= 35, "only {} members", names.len());
    assert_eq!(indicators.len(), 25);
    needles.extend(names);
    needles.extend(indicators);
    let missing: Vec<&String> = needles.iter().filter(|n| !text.contains(&normalize(n))).collect();
    assert!(missing.is_empty(), "not in the PDF: {missing:#?}");
}

#[cfg(unix)]
#[test]
fn build_writes_into_a_symbolically_linked_output_folder_and_through_a_linked_pdf() {
    use crate::support::assert_link;
    let p = Project::fixture("mini");
    let year = p.link_to_new_folder("out/2030");
    p.run(&["build"]).ok();
    assert_link(&p.path("out/2030"), &year);
    let first = std::fs::read(year.join("politiskt-inriktningsdokument-2030.pdf")).unwrap();
    assert_conforms(&first);

    // The PDF itself a link (to where it is published, say): the next build replaces the target.
    let pdf = p.path("elsewhere/published.pdf");
    std::fs::rename(p.path(MINI_PDF), &pdf).unwrap();
    std::os::unix::fs::symlink(&pdf, p.path(MINI_PDF)).unwrap();
    p.edit("sources/2030/goals.toml", |t| t.replace("Alla ska må bra.", "Alla ska må riktigt bra."));
    p.run(&["build"]).ok();
    assert_link(&p.path("out/2030"), &year);
    assert_link(&p.path(MINI_PDF), &pdf);
    let text = normalize(&pdf_text(&std::fs::read(&pdf).unwrap()));
    assert!(text.contains(&normalize("Alla ska må riktigt bra.")), "the target was not rebuilt");
    let names: Vec<String> = std::fs::read_dir(&year)
        .unwrap()
        .chain(std::fs::read_dir(pdf.parent().unwrap()).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with(".perspektiv-")), "{names:?}");
}
