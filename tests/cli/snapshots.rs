//! Snapshots of generated output for the small fixture: the document's Typst markup, `check`'s
//! report, one annex's markup and one party's web page, so that a template change is reviewable.

use crate::support::{Project, copy_values};

#[test]
fn rendered_markup_of_the_fixture() {
    let p = Project::fixture("mini");
    p.run(&["render"]).ok();
    let typ = std::fs::read_to_string(p.path("out/2030/politiskt-inriktningsdokument-2030.typ")).unwrap();
    insta::assert_snapshot!(typ);
}

#[test]
fn check_reports_warnings_and_ok() {
    let p = Project::fixture("mini");
    let run = p.run(&["check"]).ok();
    insta::assert_snapshot!(run.stderr());
}

/// The small fixture with its values; no absolute path may appear in what it writes.
fn with_values() -> Project {
    let p = Project::fixture("mini");
    copy_values(&p, "mini-2030", 2030);
    p
}

/// The text of a written file, with the project's folder (were it ever written) as `[project]`.
fn written(p: &Project, rel: &str) -> String {
    let text = std::fs::read_to_string(p.path(rel)).unwrap();
    text.replace(&p.root().display().to_string(), "[project]")
}

#[test]
fn annex_markup_of_a_party() {
    let p = with_values();
    p.run(&["annexes", "--markup", "--only", "eda"]).ok();
    insta::assert_snapshot!(written(&p, "out/2030/annexes/2030-bilaga-eda.typ"));
}

#[test]
fn web_page_of_a_party() {
    let p = with_values();
    p.run(&["site"]).ok();
    insta::assert_snapshot!(written(&p, "out/2030/webb/aktuellt-perspektiv/eda.html"));
}
