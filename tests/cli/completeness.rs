//! The safety net after typesetting: a template that leaves out what the view holds (a person's
//! row, an indicator, a party) fails the run with a message naming what is missing and where it
//! comes from, and no PDF is written; the previous one stays as it was.

use crate::annexes::with_values;
use crate::support::{Project, repo};

const MINI_PDF: &str = "out/2030/politiskt-inriktningsdokument-2030.pdf";

/// A person who sits in the steering group and is named nowhere else in the document.
const DAGNY: &str = "\n[[member]]\nid = \"dagny-lind\"\nname = \"Dagny Lind\"\ntitle = \"kommunalråd\"\norganisation = \"arjang\"\nparty = \"C\"\n\n[[member.role]]\nbody = \"styrgrupp\"\nrole = \"ledamot\"\nfrom = 2030-05-05\n";

/// Overrides the built-in template `rel` (under `templates/typst/`) with an edit of it.
pub(crate) fn override_template(p: &Project, rel: &str, edit: impl FnOnce(String) -> String) {
    let original = std::fs::read_to_string(repo().join("templates/typst").join(rel)).unwrap();
    let edited = edit(original.clone());
    assert_ne!(original, edited, "the edit of {rel} changed nothing");
    let path = p.path(&format!("templates/typst/{rel}"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, edited).unwrap();
}

/// The line of `members.toml` where a person's name is.
fn line_of(p: &Project, rel: &str, text: &str) -> usize {
    let source = std::fs::read_to_string(p.path(rel)).unwrap();
    source.lines().position(|l| l.contains(text)).unwrap() + 1
}

#[test]
fn a_template_that_drops_a_members_row_fails_the_build_and_names_the_person() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/members.toml", |t| t + DAGNY);
    p.run(&["build"]).ok();
    let before = std::fs::read(p.path(MINI_PDF)).unwrap();

    override_template(&p, "blocks/members.typ.j2", |t| {
        t.replace("{% for r in comp.rows %}", "{% for r in comp.rows if r.name != \"Dagny Lind\" %}")
    });
    let run = p.run(&["build"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    let line = line_of(&p, "sources/2030/members.toml", "name = \"Dagny Lind\"");
    assert!(err.contains("does not show 1 person"), "{err}");
    assert!(err.contains("person \"Dagny Lind\""), "{err}");
    assert!(
        err.contains(&format!("`sources/2030/members.toml`, line {line}, column 8, key `member[3].name`")),
        "{err}"
    );
    assert!(err.contains("no PDF was written"), "{err}");
    // The other people are all there: only the dropped one is named.
    let net = &err[err.find("error: the typeset document").unwrap()..];
    assert!(!net.contains("Åsa Ek") && !net.contains("Bo Berg"), "{err}");
    assert!(before == std::fs::read(p.path(MINI_PDF)).unwrap(), "the previous PDF was replaced");

    // Without a previous build, nothing is written at all.
    let fresh = Project::fixture("mini");
    fresh.edit("sources/2030/members.toml", |t| t + DAGNY);
    override_template(&fresh, "blocks/members.typ.j2", |t| {
        t.replace("{% for r in comp.rows %}", "{% for r in comp.rows if r.name != \"Dagny Lind\" %}")
    });
    assert_eq!(fresh.run(&["build"]).code(), 1);
    assert!(!fresh.path(MINI_PDF).exists(), "a PDF was written");
    let stray: Vec<_> = std::fs::read_dir(fresh.path("out/2030"))
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn a_template_that_drops_an_indicator_fails_the_build_and_names_it() {
    let p = Project::fixture("mini");
    override_template(&p, "blocks/indicators.typ.j2", |t| {
        t.replace("{% for r in s.rows %}", "{% for r in s.rows if not loop.first %}")
    });
    let run = p.run(&["build"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("indicator \""), "{err}");
    assert!(err.contains("`sources/2030/goals.toml`, line "), "{err}");
    assert!(err.contains("key `goal[0].indicator[0].text`"), "{err}");
    assert!(!p.path(MINI_PDF).exists());
}

#[test]
fn an_annex_without_a_representative_fails_and_leaves_the_previous_annexes() {
    let p = with_values();
    p.run(&["annexes"]).ok();
    let dir = p.path("out/2030/annexes");
    let before: Vec<(std::ffi::OsString, Vec<u8>)> = {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name(), std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    };
    override_template(&p, "annex/representatives.typ.j2", |t| {
        t.replace("{% for r in representatives %}", "{% for r in representatives if r.name != \"Åsa Ek\" %}")
    });
    let run = p.run(&["annexes"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    let line = line_of(&p, "sources/2030/members.toml", "name = \"Åsa Ek\"");
    assert!(err.contains("failed to build `2030-bilaga-arjang.pdf`"), "{err}");
    assert!(err.contains("person \"Åsa Ek\""), "{err}");
    assert!(
        err.contains(&format!("`sources/2030/members.toml`, line {line}, column 8, key `member[0].name`")),
        "{err}"
    );
    let mut after: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    after.sort();
    assert!(before == after, "an annex was replaced");
}

#[test]
fn a_county_overview_without_its_indicators_fails_and_names_them() {
    let p = with_values();
    override_template(&p, "overview.typ.j2", |t| {
        t.replace("pdf.header-cell(scope: \"row\")[{{ r.indicator }}]", "pdf.header-cell(scope: \"row\")[]")
            .replace("#heading(level: 3)[{{ i.text }}]", "#heading(level: 3)[Indikator]")
    });
    let run = p.run(&["annexes"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("failed to build `2030-oversikt-varmland.pdf`"), "{err}");
    assert!(err.contains("indicators that its sources list"), "{err}");
    assert!(err.contains("`sources/2030/goals.toml`, line "), "{err}");
    assert!(!p.path("out/2030/annexes").join("2030-oversikt-varmland.pdf").exists(), "{err}");
}

#[test]
fn a_change_annex_without_a_changed_indicator_fails_and_names_it() {
    let p = Project::fixture("pair");
    // The indicator's text changed, so its old and new words are marked in its row: its name
    // reads as it is only in the header row this drops.
    override_template(&p, "diff.typ.j2", |t| {
        t.replace(
            "{% for e in s.changed %}",
            "{% for e in s.changed if e.name is not startingwith \"Fler personer\" %}",
        )
    });
    let run = p.run(&["diff", "2029", "2030", "--pdf", "out/forandringar.pdf"]);
    // diff's own convention: 1 is "there are differences", 2 is trouble.
    assert_eq!(run.code(), 2, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("indicator \"Fler personer i åldrarna 18–84 år ska känna tillit.\""), "{err}");
    assert!(err.contains("`sources/2030/goals.toml`, line "), "{err}");
    assert!(!p.path("out/forandringar.pdf").exists());
}
