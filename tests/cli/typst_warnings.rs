//! Typst's warnings about a template override: printed by `build`, `watch` and `annexes` as the
//! problems of the sources are (the template, its line, the hint), once per run for the
//! annexes, without changing the exit code; the PDF is still written.

use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::annexes::with_values;
use crate::support::{Project, repo};

const PDF: &str = "out/2030/politiskt-inriktningsdokument-2030.pdf";

/// What Typst says of `**` in markup: a warning, not an error.
const WARNING: &str = "warning: no text within stars";
const HINT: &str = "hint: using multiple consecutive stars (e.g. **) has no additional effect";

/// Overrides the built-in template `rel` (under `templates/typst/`) with itself and a line of
/// empty strong emphasis at its end.
fn with_empty_stars(p: &Project, rel: &str) {
    let original = std::fs::read_to_string(repo().join("templates/typst").join(rel)).unwrap();
    let path = p.path(&format!("templates/typst/{rel}"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, format!("{original}\n**\n")).unwrap();
}

#[test]
fn build_prints_typsts_warnings_and_writes_the_pdf() {
    let p = Project::fixture("mini");
    with_empty_stars(&p, "blocks/goals.typ.j2");
    let run = p.run(&["build"]).ok();
    let err = run.stderr();
    assert_eq!(err.matches(WARNING).count(), 1, "{err}");
    assert!(err.contains("templates/typst/blocks/goals.typ.j2`, line"), "{err}");
    assert!(err.contains("of the rendered `politiskt-inriktningsdokument-2030.typ`"), "{err}");
    assert!(err.contains(HINT), "{err}");
    assert!(std::fs::read(p.path(PDF)).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn typsts_warnings_are_placed_in_swedish() {
    let p = Project::fixture("mini");
    with_empty_stars(&p, "blocks/goals.typ.j2");
    let err = p.run_in(&[("PERSPEKTIV_LANG", "sv")], &["build"]).ok().stderr();
    // Typst's own message stays as Typst gives it; where it comes from is said in Swedish.
    assert!(err.contains("varning: no text within stars\n  i mallen `"), "{err}");
    assert!(err.contains("templates/typst/blocks/goals.typ.j2`, rad "), "{err}");
    assert!(
        err.contains(" i den genererade `politiskt-inriktningsdokument-2030.typ`)\n  kod: `**`\n  tips: "),
        "{err}"
    );
}

#[test]
fn build_in_json_mode_prints_typsts_warnings_as_json() {
    let p = Project::fixture("mini");
    with_empty_stars(&p, "blocks/goals.typ.j2");
    let run = p.run(&["build", "--diagnostic-format", "json"]).ok();
    let lines: Vec<serde_json::Value> =
        run.stdout().lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect();
    let typst: Vec<&serde_json::Value> =
        lines.iter().filter(|d| d["message"] == "no text within stars").collect();
    assert_eq!(typst.len(), 1, "{lines:?}");
    assert_eq!(typst[0]["severity"], "warning");
    assert!(typst[0]["file"].as_str().unwrap().ends_with("templates/typst/blocks/goals.typ.j2"), "{lines:?}");
    assert!(typst[0]["line"].is_u64(), "{lines:?}");
    assert!(!run.stderr().contains(WARNING), "{}", run.stderr());
    assert!(p.path(PDF).exists());
}

#[test]
fn watch_prints_typsts_warnings_and_writes_the_pdf() {
    let p = Project::fixture("mini");
    with_empty_stars(&p, "blocks/goals.typ.j2");
    let mut child = crate::support::perspektiv()
        .args(["watch"])
        .current_dir(p.root())
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !p.path(PDF).exists() {
        assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for the first build");
        std::thread::sleep(Duration::from_millis(50));
    }
    // The warnings are printed before the line that says the PDF was written.
    std::thread::sleep(Duration::from_millis(500));
    child.kill().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let _ = child.wait();
    assert_eq!(err.matches(WARNING).count(), 1, "{err}");
    assert!(err.contains("templates/typst/blocks/goals.typ.j2`, line"), "{err}");
    assert!(err.contains(HINT), "{err}");
    assert!(err.contains("wrote out/2030/politiskt-inriktningsdokument-2030.pdf"), "{err}");
}

#[test]
fn annexes_print_each_of_typsts_warnings_once_with_how_many_documents() {
    let p = with_values();
    with_empty_stars(&p, "annex.typ.j2");
    let run = p.run(&["annexes", "--no-cache"]).ok();
    let err = run.stderr();
    assert_eq!(err.matches(WARNING).count(), 1, "{err}");
    assert!(err.contains("templates/typst/annex.typ.j2`, line"), "{err}");
    assert!(err.contains("(in 4 documents)"), "{err}");
    assert!(err.contains(HINT), "{err}");
    let annex = std::fs::read(p.path("out/2030/annexes/2030-bilaga-eda.pdf")).unwrap();
    assert!(annex.starts_with(b"%PDF-"));
}

#[test]
fn annexes_from_the_cache_print_typsts_warnings_as_when_typeset() {
    let p = with_values();
    with_empty_stars(&p, "annex.typ.j2");
    let fresh = p.run(&["annexes"]).ok().stderr();
    let cached = p.run(&["annexes"]).ok().stderr();
    assert!(fresh.contains("(5 typeset, 0 from the cache)"), "{fresh}");
    assert!(cached.contains("(0 typeset, 5 from the cache)"), "{cached}");
    assert_eq!(cached.matches(WARNING).count(), 1, "{cached}");
    assert!(cached.contains("(in 4 documents)") && cached.contains(HINT), "{cached}");
    assert_eq!(cached.replace("(0 typeset, 5 from the cache)", "(5 typeset, 0 from the cache)"), fresh);

    // A warning is located in the markup of the run that takes the PDF: a template line moved
    // down by a comment of two lines, which leaves the markup as it was, is named where it is now.
    let template = p.path("templates/typst/annex.typ.j2");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(&template, text.replacen("\n**\n", "\n{#\n#}\n**\n", 1)).unwrap();
    let moved = p.run(&["annexes"]).ok().stderr();
    assert!(moved.contains("(0 typeset, 5 from the cache)"), "{moved}");
    let line = |err: &str| {
        let at = err.find("templates/typst/annex.typ.j2`, line ").unwrap();
        err[at..]
            .split_whitespace()
            .nth(2)
            .unwrap()
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .to_owned()
    };
    assert_eq!(line(&moved).parse::<usize>().unwrap(), line(&fresh).parse::<usize>().unwrap() + 2, "{moved}");
}
