//! Editor support and canonical formatting: the committed JSON Schemas match the types, every
//! source file names its schema, taplo validates against them, and `fmt` rewrites layout only.

use std::path::{Path, PathBuf};
use std::process::Command;

use perspektiv::schema;
use perspektiv::sources::kinds;

use crate::support::{Project, repo};

/// The TOML files of a sources folder, relative to it: the shared ones and each year's.
fn toml_files(sources: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(sources).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            for inner in std::fs::read_dir(&path).unwrap() {
                let inner = inner.unwrap().path();
                if inner.extension().is_some_and(|e| e == "toml") {
                    files.push(inner.strip_prefix(sources).unwrap().to_owned());
                }
            }
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path.strip_prefix(sources).unwrap().to_owned());
        }
    }
    files.sort();
    files
}

#[test]
fn committed_schemas_are_fresh() {
    let stale = schema::stale(&repo().join("sources").join(schema::DIR));
    assert!(stale.is_empty(), "stale schemas (run `cargo run -- schema`): {stale:?}");
}

#[test]
fn schema_command_writes_what_is_committed() {
    let p = Project::real();
    std::fs::remove_dir_all(p.path("sources/schema")).unwrap();
    let run = p.run(&["schema"]).ok();
    assert!(run.stderr().contains("wrote sources/schema/goals.schema.json"), "{}", run.stderr());
    for kind in kinds::ALL {
        let name = kind.schema_file();
        let written = std::fs::read_to_string(p.path("sources/schema").join(&name)).unwrap();
        let committed = std::fs::read_to_string(repo().join("sources/schema").join(&name)).unwrap();
        assert_eq!(written, committed, "{name}");
    }
    // A second run finds nothing to do and says so.
    let again = p.run(&["schema"]).ok();
    assert!(again.stderr().contains("up to date"), "{}", again.stderr());
    // --out writes elsewhere.
    p.run(&["schema", "--out", "elsewhere"]).ok();
    assert!(p.path("elsewhere/members.schema.json").is_file());
}

#[test]
fn every_source_file_names_its_schema() {
    let sources = repo().join("sources");
    let files = toml_files(&sources);
    assert!(files.len() >= 12, "{files:?}");
    for rel in files {
        let kind = kinds::kind_of(&rel).unwrap_or_else(|| panic!("no schema for {}", rel.display()));
        let text = std::fs::read_to_string(sources.join(&rel)).unwrap();
        let first = text.lines().next().unwrap_or_default();
        assert_eq!(first, kind.directive(), "first line of {}", rel.display());
        let target = sources.join(&rel).parent().unwrap().join(first.trim_start_matches("#:schema "));
        assert!(target.is_file(), "{} names a missing schema {}", rel.display(), target.display());
    }
}

/// taplo, the TOML language server's command line: on CI it must be there (`.ci/run` installs
/// it); elsewhere the test says it skipped.
fn taplo() -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join("taplo"))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "taplo is not installed; .ci/run installs it");
        eprintln!("skipped: taplo is not installed (npm install -g @taplo/cli)");
    }
    found
}

#[test]
fn taplo_validates_the_sources_and_flags_an_unknown_key() {
    let Some(taplo) = taplo() else { return };
    let p = Project::real();
    let check = |rel: &str| {
        let out = Command::new(&taplo)
            .args(["check", "--no-auto-config"])
            .arg(rel)
            .current_dir(p.path("sources"))
            .output()
            .unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    for rel in toml_files(&p.path("sources")) {
        let (ok, err) = check(rel.to_str().unwrap());
        assert!(ok, "taplo rejects {}: {err}", rel.display());
    }
    p.edit("sources/2023/members.toml", |t| t.replacen("\nname = ", "\nnmae = ", 1));
    let (ok, err) = check("2023/members.toml");
    assert!(!ok, "taplo accepted an unknown key");
    assert!(err.contains("'nmae' was unexpected"), "{err}");
    p.edit("sources/parties.toml", |t| t.replacen("kind = \"municipality\"", "kind = \"kommun\"", 1));
    let (ok, err) = check("parties.toml");
    assert!(!ok && err.contains("kommun"), "taplo accepted an unknown kind: {err}");
}

#[test]
fn fmt_check_passes_on_the_repository() {
    let out = crate::support::perspektiv().args(["fmt", "--check"]).current_dir(repo()).output().unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn fmt_rewrites_layout_keeps_comments_and_content() {
    let p = Project::fixture("mini");
    let before_typ = {
        p.run(&["render"]).ok();
        std::fs::read_to_string(p.path("out/2030/politiskt-inriktningsdokument-2030.typ")).unwrap()
    };
    p.edit("sources/2030/goals.toml", |t| {
        t.replace(
            "id = \"behoriga\"\ntext = \"Fler elever ska vara behöriga.\"\ndirection = \"increase\"",
            "direction='increase'   # kept: a reason\n\n\n# kept: about the text\ntext   =   'Fler elever ska vara behöriga.'\nid = \"behoriga\"",
        )
    });
    let check = p.run(&["fmt", "--check"]);
    assert_eq!(check.code(), 1, "{}", check.stderr());
    assert!(check.stdout().contains("goals.toml"), "{}", check.stdout());
    assert!(check.stderr().contains("not formatted"), "{}", check.stderr());

    let fmt = p.run(&["fmt"]).ok();
    assert!(fmt.stderr().contains("formatted 1 file"), "{}", fmt.stderr());
    let text = std::fs::read_to_string(p.path("sources/2030/goals.toml")).unwrap();
    let block = text.split("[[goal.indicator]]\n").nth(1).unwrap();
    assert!(
        block.starts_with("id = \"behoriga\"\n\n# kept: about the text\ntext = \"Fler elever ska vara behöriga.\"\ndirection = \"increase\" # kept: a reason\n"),
        "{block}"
    );
    p.run(&["fmt", "--check"]).ok();
    let idempotent = p.run(&["fmt"]).ok();
    assert!(idempotent.stderr().contains("formatted"), "{}", idempotent.stderr());
    assert_eq!(std::fs::read_to_string(p.path("sources/2030/goals.toml")).unwrap(), text);

    // Only the layout changed: the document comes out the same.
    p.run(&["render"]).ok();
    let after_typ =
        std::fs::read_to_string(p.path("out/2030/politiskt-inriktningsdokument-2030.typ")).unwrap();
    assert_eq!(before_typ, after_typ);
}

#[test]
fn fmt_refuses_a_broken_file_and_writes_nothing() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/goals.toml", |t| t.replacen("title = \"Hållbart\"", "title = \"Hållbart", 1));
    let before = std::fs::read_to_string(p.path("sources/2030/goals.toml")).unwrap();
    let run = p.run(&["fmt"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("goals.toml"), "{}", run.stderr());
    assert_eq!(std::fs::read_to_string(p.path("sources/2030/goals.toml")).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn fmt_writes_through_symbolic_links_to_their_targets() {
    use crate::support::assert_link;
    let p = Project::fixture("mini");
    p.edit("sources/2030/goals.toml", |t| t.replace("direction = \"increase\"", "direction='increase'"));
    p.edit("sources/parties.toml", |t| t.replacen("id = \"eda\"", "id   =   \"eda\"", 1));
    // A year's file behind a relative link, and a shared file behind an absolute one.
    let goals = p.link_away("sources/2030/goals.toml");
    let parties = p.path("elsewhere/parties.toml");
    std::fs::rename(p.path("sources/parties.toml"), &parties).unwrap();
    std::os::unix::fs::symlink(&parties, p.path("sources/parties.toml")).unwrap();

    let fmt = p.run(&["fmt"]).ok();
    assert!(fmt.stderr().contains("formatted 2 files"), "{}", fmt.stderr());
    assert_link(&p.path("sources/2030/goals.toml"), &goals);
    assert_link(&p.path("sources/parties.toml"), &parties);
    let text = std::fs::read_to_string(&goals).unwrap();
    assert!(text.contains("direction = \"increase\"") && !text.contains("direction='increase'"), "{text}");
    assert!(std::fs::read_to_string(&parties).unwrap().contains("\nid = \"eda\"\n"));
    p.run(&["fmt", "--check"]).ok();
    // No temporary file is left beside the links or the targets.
    for dir in ["sources", "sources/2030", "elsewhere", "elsewhere/sources/2030"] {
        let stray: Vec<_> = std::fs::read_dir(p.path(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".perspektiv-"))
            .collect();
        assert!(stray.is_empty(), "{dir}: {stray:?}");
    }
}
