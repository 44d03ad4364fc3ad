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
    let out = p.run_in(&locale(&[("LANG", "sv_SE.UTF-8")]), &["diff", "--help"]).ok().stdout();
    let (old, new) = (out.find("\n  <OLD>"), out.find("\n  <NEW>"));
    assert!(old.is_some() && old < new, "the arguments in the order they are given:\n{out}");
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

/// A mistake: what it is, how to make it in a copy of the mini fixture, the command, and the exit
/// code the command must give.
type Mistake = (&'static str, fn(&Project), Vec<&'static str>, i32);

/// A new user's mistakes, each made on a fresh copy of the mini fixture.
fn mistakes() -> Vec<Mistake> {
    fn nothing(_: &Project) {}
    vec![
        (
            "a TOML syntax error",
            |p| {
                p.edit("sources/2030/goals.toml", |t| {
                    t.replace("title = \"En god hälsa\"", "title = \"En god hälsa")
                })
            },
            vec!["check"],
            1,
        ),
        (
            "an unknown key, a key given twice and a value TOML cannot read",
            |p| {
                p.edit("sources/2030/members.toml", |t| {
                    t.replacen("title = \"kommunalråd\"", "titel = \"kommunalråd\"\nname = \"Å\"", 1)
                        .replacen("until = 2030-05-04", "until = 2030-5-4", 1)
                })
            },
            vec!["check"],
            1,
        ),
        (
            "a wrong type, a missing key and an unknown value",
            |p| {
                p.edit("sources/2030/document.toml", |t| t.replace("year = 2030", "year = \"2030\""));
                p.edit("sources/2030/goals.toml", |t| {
                    t.replacen("direction = \"increase\"\n", "", 1).replacen(
                        "direction = \"increase\"",
                        "direction = \"incraese\"",
                        1,
                    )
                });
            },
            vec!["check"],
            1,
        ),
        (
            "a missing file",
            |p| std::fs::remove_file(p.path("sources/2030/groups.toml")).unwrap(),
            vec!["check"],
            1,
        ),
        (
            "values with problems",
            |p| {
                let values = p.path("sources/2030/values");
                std::fs::create_dir_all(&values).unwrap();
                let json = r#"{"values":[{"kpi":"N15428","municipality":"1730","period":"20x3","values":[{"gender":"T","value":"83,1"}]}]}"#;
                std::fs::write(values.join("N15428.json"), json).unwrap();
                std::fs::write(values.join("egna.csv"), "kpi;område;år;värde\nN15428;1730;23;12\n").unwrap();
            },
            vec!["check"],
            1,
        ),
        (
            "a side of diff that is neither a year nor a revision",
            nothing,
            vec!["diff", "nonsense", "2030"],
            2,
        ),
        ("a side of diff without its year", nothing, vec!["diff", "HEAD:", "2030"], 2),
        ("a misspelt command", nothing, vec!["biuld"], 2),
        ("an argument of another command", nothing, vec!["build", "--port"], 2),
        ("an argument without its value", nothing, vec!["serve", "--port"], 2),
        ("a value that is not one of the values", nothing, vec!["check", "--diagnostic-format", "xml"], 2),
    ]
}

/// What the mistakes say in `lang`: each command and its standard error.
fn said(lang: &'static str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (what, edit, args, code) in mistakes() {
        let p = Project::fixture("mini");
        edit(&p);
        let run = p.run_in(&locale(&[("PERSPEKTIV_LANG", lang)]), &args);
        assert_eq!(run.code(), code, "{what}: {}", run.stderr());
        out.push((format!("{what}: perspektiv {}", args.join(" ")), run.stderr()));
    }
    out
}

/// The mistakes and what they say, for a snapshot.
fn shown(said: &[(String, String)]) -> String {
    said.iter().map(|(what, stderr)| format!("## {what}\n\n{stderr}\n")).collect()
}

#[test]
fn the_errors_in_english() {
    insta::assert_snapshot!(shown(&said("en")));
}

#[test]
fn the_errors_in_swedish() {
    let sv = said("sv");
    for (what, stderr) in &sv {
        for english in ["error:", "caused by:", "hint:", "tip:", "Usage:", "expected", "found", "unknown"] {
            assert!(!stderr.contains(english), "{what}: `{english}` in:\n{stderr}");
        }
    }
    insta::assert_snapshot!(shown(&sv));
}

#[test]
fn a_chain_of_errors_reads_in_swedish() {
    let p = Project::fixture("mini");
    std::fs::write(p.path("out"), "a file where the output folder goes").unwrap();
    let run = p.run_in(&locale(&[("LANG", "sv_SE.UTF-8")]), &["build"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("fel: kunde inte skapa `out/2030`\norsak: "), "{err}");
}

#[test]
fn the_json_codes_of_the_loading_problems_are_the_same_in_both_languages() {
    let codes = |lang: &'static str| -> Vec<String> {
        let mut all = Vec::new();
        for (_, edit, args, _) in mistakes().into_iter().filter(|(_, _, args, _)| args[0] == "check") {
            let p = Project::fixture("mini");
            edit(&p);
            let args: Vec<&str> = args.into_iter().chain(["--diagnostic-format", "json"]).collect();
            let run = p.run_in(&locale(&[("PERSPEKTIV_LANG", lang)]), &args);
            for line in run.stdout().lines() {
                let json: serde_json::Value = serde_json::from_str(line).unwrap();
                all.push(json["code"].as_str().unwrap_or_default().to_owned());
            }
        }
        all
    };
    let (en, sv) = (codes("en"), codes("sv"));
    assert_eq!(en, sv);
    for code in
        ["invalid-toml", "unknown-key", "defined-twice", "unreadable-value", "invalid-type", "missing-key"]
    {
        assert!(en.contains(&code.to_owned()), "{code}: {en:?}");
    }
    for code in ["unknown-value", "missing-source-file", "values-period-not-a-year", "sheet-not-a-year"] {
        assert!(en.contains(&code.to_owned()), "{code}: {en:?}");
    }
}

/// What a run says after the problems of the sources (the mini fixture has warnings): the lines
/// after the summary of the problems.
fn after_problems(stderr: &str) -> String {
    let summary = ["varning: källorna för ", "warning: the sources of "];
    let lines: Vec<&str> = stderr.lines().collect();
    let start = lines.iter().rposition(|l| summary.iter().any(|s| l.starts_with(s))).map_or(0, |i| i + 1);
    lines[start..].iter().map(|l| format!("{l}\n")).collect()
}

/// `build`, `site`, `render`, `check` and `values template` say what they wrote in Swedish,
/// chosen by the locale or by `--lang`, and in English otherwise.
#[test]
fn what_the_commands_wrote_is_said_in_either_language() {
    let p = Project::fixture("mini");
    let sv = locale(&[("LANG", "sv_SE.UTF-8")]);
    let en = locale(&[("LANG", "C")]);
    let said = |vars: &[(&'static str, &'static str)], args: &[&str]| {
        after_problems(&p.run_in(vars, args).ok().stderr())
    };

    let err = said(&sv, &["build"]);
    assert!(err.starts_with("skrev out/2030/politiskt-inriktningsdokument-2030.pdf ("), "{err}");
    assert!(err.ends_with(" KiB)\n"), "{err}");
    let err = p.run_in(&sv, &["build"]).ok().stderr();
    assert!(err.contains("\nvarning: källorna för 2030 har 2 varningar\n"), "{err}");
    let err = said(&en, &["build", "--lang", "sv"]);
    assert!(err.starts_with("skrev out/2030/"), "--lang sv wins over LANG=C: {err}");
    let err = said(&sv, &["build", "--lang", "en"]);
    assert!(err.starts_with("wrote out/2030/politiskt-inriktningsdokument-2030.pdf ("), "{err}");

    assert_eq!(
        said(&sv, &["site"]),
        "skrev out/2030/webb (2 sidor: dokumentet, tillgänglighetsredogörelsen); öppna out/2030/webb/index.html\n\
         obs: det finns inga värden för 2030, så webbplatsen har inga sidor för parterna (hämta dem med `perspektiv kolada fetch 2030`)\n"
    );
    assert_eq!(
        said(&en, &["site"]),
        "wrote out/2030/webb (2 pages: the document, the accessibility statement), open out/2030/webb/index.html\n\
         note: there are no values for 2030, so the site has no pages of parties (fetch them with `perspektiv kolada fetch 2030`)\n"
    );

    assert_eq!(said(&sv, &["render"]), "skrev out/2030/politiskt-inriktningsdokument-2030.typ\n");
    assert_eq!(said(&sv, &["check"]), "källorna för 2030 är kontrollerade: inga fel\n");
    assert_eq!(said(&en, &["check"]), "checked the sources of 2030: ok\n");

    assert_eq!(
        said(&sv, &["values", "template", "--kpi", "N15428"]),
        "skrev `out/2030/egna-varden-2030.xlsx`: 1 blad för 2027–2030; fyll i `värde` och lägg filen i `sources/2030/values`\n"
    );
}

/// `build --changes-since` names the review edition in the language of the run.
#[test]
fn the_review_edition_is_named_in_either_language() {
    let p = Project::fixture("mini");
    let err =
        p.run_in(&locale(&[("LANG", "sv_SE.UTF-8")]), &["build", "--changes-since", "2030"]).ok().stderr();
    assert!(err.contains(" KiB): granskningsversionen, med ändringarna sedan 2030 markerade\n"), "{err}");
    let err = p.run_in(&locale(&[]), &["build", "--changes-since", "2030"]).ok().stderr();
    assert!(err.contains(" KiB): the review edition, with the changes since 2030 marked\n"), "{err}");
}

/// `annexes` says what it wrote, how, and what a run of some parties left alone, in Swedish.
#[test]
fn annexes_speak_swedish() {
    let p = crate::annexes::with_values();
    let sv = locale(&[("LANG", "sv_SE.UTF-8")]);
    let err = p.run_in(&sv, &["annexes", "--zip", "out/2030/bilagor-2030.zip"]).ok().stderr();
    assert!(
        err.contains("skrev 4 bilagor, länsöversikten och kalkylarket 2030-aktuellt-perspektiv.xlsx till out/2030/annexes (5 typsatta, 0 från cachen)\n"),
        "{err}"
    );
    assert!(err.contains("skrev out/2030/bilagor-2030.zip (6 filer och manifest.csv)\n"), "{err}");
    let err = p.run_in(&sv, &["annexes", "--only", "Säffle", "--no-cache"]).ok().stderr();
    assert_eq!(
        after_problems(&err),
        "skrev 1 bilaga och kalkylarket 2030-aktuellt-perspektiv-saffle.xlsx till out/2030/annexes (1 typsatt, utan cache)\n\
         obs: en körning med --only lämnar 2030-aktuellt-perspektiv.xlsx och länsöversikten från körningen av alla parter som de var\n"
    );
}

/// The warnings name a calendar as the document prints it, and the checklist of `new` too.
#[test]
fn a_calendar_is_named_as_the_document_prints_it() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/appendices.toml", |t| t.replacen("day = ", "# day = ", 1));
    let err = p.run_in(&locale(&[("LANG", "sv_SE.UTF-8")]), &["check"]).ok().stderr();
    assert!(err.contains("varning: september i kalendern ”Bilaga 3 – Årshjul” är tom"), "{err}");
    assert!(err.contains(": mötesdag saknas i "), "{err}");
    let out = p.run_in(&locale(&[("LANG", "sv_SE.UTF-8")]), &["new", "2031", "--from", "2030"]).ok().stdout();
    assert!(out.contains("(kalendern ”Bilaga 3 – Årshjul”)"), "{out}");
    assert!(!out.contains("`arshjul`"), "{out}");
}

#[test]
fn each_kind_of_problem_in_prose_has_its_code_and_both_languages() {
    let long = "a".repeat(12_345);
    let cases: [(&str, &str, &str); 5] = [
        ("en länk [](https://example.se)", "prose-link-without-text", "en länk utan text"),
        (long.as_str(), "prose-long-word", "ett ord på 12\u{a0}345 tecken"),
        ("<b>fet</b>", "prose-html", "HTML stöds inte i löptext"),
        ("***", "prose-unsupported", "horisontella linjer (`---`) stöds inte i löptext"),
        ("> > > > > > > > > *citat*", "prose-nesting", "ligger 10 nivåer i varandra"),
    ];
    for (text, code, swedish) in cases {
        let p = Project::fixture("mini");
        p.edit("sources/2030/document.toml", |t| {
            t.replacen("Första stycket", &format!("{text}\n\nFörsta stycket"), 1)
        });
        let said = |lang: &str| -> (String, String) {
            let run = p.run_in(&locale(&[]), &["check", "--lang", lang, "--diagnostic-format", "json"]);
            let line = run.stdout().lines().find(|l| l.contains("\"prose-")).map(str::to_owned);
            let line: serde_json::Value =
                serde_json::from_str(&line.unwrap_or_else(|| panic!("{code}: {}", run.stdout()))).unwrap();
            (line["code"].as_str().unwrap().to_owned(), line["message"].as_str().unwrap().to_owned())
        };
        let ((en_code, en), (sv_code, sv)) = (said("en"), said("sv"));
        assert_eq!((en_code.as_str(), sv_code.as_str()), (code, code));
        assert!(sv.contains(swedish), "{code}: {sv}");
        assert_ne!(en, sv);
    }
}

#[test]
fn a_number_that_is_not_one_is_said_in_either_language() {
    let p = Project::fixture("mini");
    for (args, sv, en) in [
        (
            ["serve", "--port", "abc"],
            "”--port <N>”: det är inget heltal",
            "'--port <N>': invalid digit found in string",
        ),
        (
            ["annexes", "--jobs", "0"],
            "”--jobs <N>”: talet får inte vara noll",
            "'--jobs <N>': number would be zero for non-zero type",
        ),
    ] {
        for (lang, said) in [("sv", sv), ("en", en)] {
            let run = p.run_in(&locale(&[]), &[&["--lang", lang][..], &args[..]].concat());
            assert_eq!(run.code(), 2, "{}", run.stderr());
            assert!(run.stderr().contains(said), "{lang}: {}", run.stderr());
        }
    }
}
