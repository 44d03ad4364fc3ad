//! `perspektiv diff`: formats, exit codes, git revisions, and the real 2019 → 2023 editions.

use std::process::Command;

use serde_json::Value;

use crate::support::{Project, assert_conforms, normalize, pdf_text};

#[test]
fn text_md_and_json_of_a_fixture_pair() {
    let p = Project::fixture("pair");
    let text = p.run(&["diff", "2029", "2030"]);
    assert_eq!(text.code(), 1, "{}", text.stderr());
    insta::assert_snapshot!("pair_text", text.stdout());
    let md = p.run(&["diff", "2029", "2030", "--format", "md"]);
    assert_eq!(md.code(), 1);
    insta::assert_snapshot!("pair_md", md.stdout());
    let json = p.run(&["diff", "2029", "2030", "--format", "json"]);
    assert_eq!(json.code(), 1);
    let v: Value = serde_json::from_str(&json.stdout()).expect("valid JSON");
    assert_eq!(v["schema"], "perspektiv-diff/1");
    insta::assert_snapshot!("pair_json", json.stdout());
}

#[test]
fn change_annex_pdf_conforms() {
    let p = Project::fixture("pair");
    let run = p.run(&["diff", "2029", "2030", "--pdf", "out/forandringar.pdf"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stdout().is_empty(), "with only --pdf nothing goes to stdout");
    let pdf = std::fs::read(p.path("out/forandringar.pdf")).unwrap();
    assert_conforms(&pdf);
    let text = normalize(&pdf_text(&pdf));
    for needle in ["Förändringar 2029–2030", "Indikatorer", "målvärde", "Bo Berg", "Dan Ek"] {
        assert!(text.contains(&normalize(needle)), "missing {needle:?}");
    }
}

#[test]
fn identical_sides_exit_0_without_output() {
    let p = Project::fixture("pair");
    let run = p.run(&["diff", "2030", "2030"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(run.stdout(), "");
    let p = Project::real();
    let run = p.run(&["diff", "2023", "2023"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(run.stdout(), "");
}

#[test]
fn bad_sides_exit_2() {
    let p = Project::fixture("pair");
    let run = p.run(&["diff", "2029", "tjugo"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("neither a year"), "{}", run.stderr());
    let run = p.run(&["diff", "2029", "2031"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("there are no sources for 2031"), "{}", run.stderr());
    let run = p.run(&["diff", "HEAD:2030", "2030"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("not inside a git repository"), "{}", run.stderr());
}

fn git(p: &Project, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.se", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(p.root())
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn git_revisions_against_the_working_tree() {
    let p = Project::fixture("mini");
    git(&p, &["init", "-q"]);
    git(&p, &["add", "-A"]);
    git(&p, &["commit", "-q", "-m", "remiss"]);
    git(&p, &["tag", "v2030-remiss"]);
    p.edit("sources/2030/goals.toml", |t| t.replacen("amount = 2", "amount = 4", 1));

    let run = p.run(&["diff", "v2030-remiss:2030", "2030"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stdout().contains("target.amount: 2 → 4"), "{}", run.stdout());
    assert!(run.stdout().starts_with("diff v2030-remiss:2030 → 2030"), "{}", run.stdout());

    git(&p, &["commit", "-q", "-am", "höjd ambition"]);
    let run = p.run(&["diff", "HEAD~1:2030", "HEAD:2030", "--format", "json"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let v: Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(v["entities"].as_array().unwrap().len(), 1, "{v:#}");
    assert_eq!(v["entities"][0]["id"], "behoriga");

    let run = p.run(&["diff", "HEAD:2030", "2030"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let run = p.run(&["diff", "nosuchrev:2030", "2030"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("unknown revision `nosuchrev`"), "{}", run.stderr());
}

fn entity<'a>(diff: &'a Value, kind: &str, id: &str) -> &'a Value {
    diff["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == kind && e["id"] == id)
        .unwrap_or_else(|| panic!("no {kind} {id} in the diff"))
}

fn field<'a>(e: &'a Value, name: &str) -> &'a Value {
    e["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {e:#}"))
}

/// The real editions: what persists shows as changed, never as removed plus added.
#[test]
fn the_2019_and_2023_editions() {
    let p = Project::real();
    let run = p.run(&["diff", "2019", "2023", "--format", "json"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let d: Value = serde_json::from_str(&run.stdout()).unwrap();

    let placed = entity(&d, "indicator", "placerade-barn-gymnasium");
    assert_eq!(placed["change"], "changed");
    assert_eq!(field(placed, "target.amount")["old"], 4.0);
    assert_eq!(field(placed, "target.amount")["new"], 3.0);

    let falls = entity(&d, "indicator", "fallskador-80");
    assert_eq!(field(falls, "target.amount")["old"], 10.0);
    assert_eq!(field(falls, "target.amount")["new"], 1000.0);
    assert_eq!(field(falls, "target.unit")["old"], "per-1000-inv");
    assert_eq!(field(falls, "target.unit")["new"], "per-100000-inv");

    let suicide = entity(&d, "indicator", "suicid");
    let words = field(suicide, "text")["words"].as_array().unwrap();
    assert!(
        words.iter().any(|w| w["op"] == "delete" && w["text"].as_str().unwrap().contains("självmordsförsök"))
    );
    assert!(
        words
            .iter()
            .any(|w| w["op"] == "insert" && w["text"].as_str().unwrap().contains("självmord (suicid)"))
    );

    let health = entity(&d, "indicator", "god-halsa");
    assert_eq!(field(health, "age.from")["old"], 16);
    assert_eq!(field(health, "age.from")["new"], 18);

    for group in ["barnalivet", "ungdomslivet", "vuxenlivet", "aldrelivet"] {
        let g = entity(&d, "body", group);
        assert_eq!(g["change"], "changed");
        assert_eq!(field(g, "kind")["old"], "arbetsgrupp");
        assert_eq!(field(g, "kind")["new"], "samverkansgrupp");
    }

    // The steering group persists; all its members changed.
    let steering = entity(&d, "body", "politisk-styrgrupp");
    assert_eq!(steering["change"], "changed");
    let members: Vec<&Value> = steering["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["field"].as_str().unwrap().starts_with("members"))
        .collect();
    assert!(members.iter().any(|f| f["old"].as_str().is_some_and(|s| s.starts_with("Ulric Andersson"))));
    assert!(
        members.iter().any(|f| f["new"].as_str().is_some_and(|s| s.starts_with("Åsa Johansson (ordförande")))
    );
    for gone in ["ulric-andersson", "elisabeth-kihlstrom", "bjarne-olsson", "anna-dahlen-gauffin"] {
        assert_eq!(entity(&d, "member", gone)["change"], "removed");
    }
    assert_eq!(entity(&d, "member", "stina-hook")["change"], "changed");

    // Nothing that persists is removed: no indicator, goal or body is gone, and the only new
    // indicator is the one 2019 did not have.
    let of = |kind: &str, change: &str| -> Vec<String> {
        d["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == kind && e["change"] == change)
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(of("indicator", "removed").is_empty(), "{:?}", of("indicator", "removed"));
    assert_eq!(of("indicator", "added"), ["ofrivillig-ensamhet-85"]);
    assert!(of("goal", "removed").is_empty() && of("goal", "added").is_empty());
    assert!(of("body", "removed").is_empty(), "{:?}", of("body", "removed"));
}
