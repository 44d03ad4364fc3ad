//! The language the program speaks: chosen by `--lang`, `PERSPEKTIV_LANG` and the locale, and
//! the same problems said in Swedish and English with the same codes.

use crate::support::Project;

/// The mini fixture with a duplicate member id, a vacancy and an empty month: an error and
/// warnings.
fn broken() -> Project {
    let p = Project::fixture("mini");
    p.edit("sources/2030/members.toml", |t| t.replace("id = \"bo-berg\"", "id = \"asa-ek\""));
    p
}

/// The environment of a run: every locale variable, set or removed.
fn locale(vars: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut all = vec![("PERSPEKTIV_LANG", ""), ("LC_ALL", ""), ("LC_MESSAGES", ""), ("LANG", "")];
    for (name, value) in vars {
        all.retain(|(n, _)| n != name);
        all.push((name, value));
    }
    all
}

fn swedish(stderr: &str) -> bool {
    stderr.contains("fel: ledamot med id `asa-ek` finns redan")
}

fn english(stderr: &str) -> bool {
    stderr.contains("error: duplicate member id `asa-ek`")
}

#[test]
fn the_language_is_chosen_by_the_locale_and_overridden_by_lang() {
    let p = broken();
    for (vars, args, sv) in [
        (&[("LANG", "sv_SE.UTF-8")][..], &["check"][..], true),
        (&[("LC_ALL", "C"), ("LANG", "sv_SE.UTF-8")], &["check"], false),
        (&[("LC_MESSAGES", "sv_SE.UTF-8"), ("LANG", "en_US.UTF-8")], &["check"], true),
        (&[("LANG", "C")], &["check"], false),
        (&[], &["check"], false),
        (&[("LANG", "sv_SE.UTF-8")], &["check", "--lang", "en"], false),
        (&[("LANG", "C")], &["--lang=sv", "check"], true),
        (&[("PERSPEKTIV_LANG", "sv"), ("LC_ALL", "C")], &["check"], true),
        (&[("PERSPEKTIV_LANG", "en"), ("LANG", "sv_SE.UTF-8")], &["check"], false),
        (&[("PERSPEKTIV_LANG", "sv")], &["check", "--lang", "en"], false),
    ] {
        let run = p.run_in(&locale(vars), args);
        assert_eq!(run.code(), 1, "{vars:?} {args:?}: {}", run.stderr());
        let err = run.stderr();
        assert_eq!((swedish(&err), english(&err)), (sv, !sv), "{vars:?} {args:?}:\n{err}");
    }
}

#[test]
fn check_speaks_swedish_and_names_things_as_the_document_does() {
    let run = broken().run_in(&locale(&[("LANG", "sv_SE.UTF-8")]), &["check"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("Arbetsgruppen har en vakant plats (MAS)"), "{err}");
    assert!(err.contains("= tips: "), "{err}");
    assert!(err.contains("fel: källorna för 2030 har 1 fel och 3 varningar"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn the_json_codes_are_the_same_in_both_languages() {
    let p = broken();
    let codes = |lang: &str| {
        let run = p.run_in(&locale(&[]), &["check", "--lang", lang, "--diagnostic-format", "json"]);
        let lines: Vec<serde_json::Value> =
            run.stdout().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let codes: Vec<String> = lines.iter().map(|l| l["code"].as_str().unwrap_or("").to_owned()).collect();
        let messages: Vec<String> =
            lines.iter().map(|l| l["message"].as_str().unwrap_or("").to_owned()).collect();
        (codes, messages)
    };
    let (en, en_messages) = codes("en");
    let (sv, sv_messages) = codes("sv");
    assert_eq!(en, sv);
    assert!(en.contains(&"duplicate-id".to_owned()) && en.contains(&"vacant-seat".to_owned()), "{en:?}");
    assert_ne!(en_messages, sv_messages);
}

#[test]
fn the_help_speaks_swedish() {
    let p = Project::fixture("mini");
    let run = p.run_in(&locale(&[("LANG", "sv_SE.UTF-8")]), &["--help"]);
    let out = run.ok().stdout();
    assert!(
        out.contains("Användning: perspektiv [FLAGGOR] <KOMMANDO>") && out.contains("Kommandon:"),
        "{out}"
    );
    assert!(out.contains("Kontrollera källorna och rapportera varje problem"), "{out}");
    let run = p.run_in(&locale(&[("LANG", "sv_SE.UTF-8")]), &["annexes", "--help"]);
    let out = run.ok().stdout();
    assert!(out.contains("Flaggor:") && !out.contains("Options:"), "{out}");
    let run = p.run_in(&locale(&[("LANG", "C")]), &["--help"]);
    assert!(run.ok().stdout().contains("Usage: perspektiv [OPTIONS] <COMMAND>"));
}

#[test]
fn the_checklist_of_new_speaks_swedish() {
    let p = Project::fixture("mini");
    let run = p.run_in(&locale(&[("LANG", "sv_SE.UTF-8")]), &["new", "2031", "--from", "2030"]);
    let out = run.ok().stdout();
    assert!(out.contains("checklista för 2031: gå igenom varje punkt före första utkastet"), "{out}");
    assert!(out.contains("mötesdagar att fastställa:"), "{out}");
    assert!(out.contains("hämta årets värden: `perspektiv kolada fetch 2031`"), "{out}");
}
