//! Snapshots of the generated Typst markup for the small fixture.

use crate::support::Project;

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
