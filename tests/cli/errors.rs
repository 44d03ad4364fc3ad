//! Bad input: every class of problem gives exit code 1, a message naming file, line, column and
//! key, and no PDF; a failed build leaves the previous PDF untouched.

use crate::support::{Project, Run, pdf_text};

const PDF: &str = "out/2030/politiskt-inriktningsdokument-2030.pdf";

/// Builds a broken fixture, checks the common promises, and returns the run.
#[track_caller]
fn broken(edit: impl FnOnce(&Project)) -> Run {
    let p = Project::fixture("mini");
    edit(&p);
    let run = p.run(&["build"]);
    assert_eq!(run.code(), 1, "stderr:\n{}", run.stderr());
    assert!(!p.path(PDF).exists(), "a PDF was written");
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    run
}

#[track_caller]
fn assert_located(run: &Run, file_line_col: &str, key: &str) {
    let err = run.stderr();
    assert!(err.contains(file_line_col), "no `{file_line_col}` in:\n{err}");
    assert!(err.contains(&format!("key `{key}`")), "no key `{key}` in:\n{err}");
}

#[test]
fn toml_syntax_error() {
    let run = broken(|p| {
        p.edit("sources/2030/goals.toml", |t| t.replace("title = \"En god hälsa\"", "title = \"En god hälsa"))
    });
    assert!(run.stderr().contains("invalid TOML"), "{}", run.stderr());
    assert!(run.stderr().contains("sources/2030/goals.toml:6:"), "{}", run.stderr());
    insta::assert_snapshot!(run.stderr());
}

#[test]
fn unknown_key() {
    let run = broken(|p| {
        p.edit("sources/2030/members.toml", |t| {
            t.replacen("title = \"kommunalråd\"", "titel = \"kommunalråd\"", 1)
        })
    });
    assert_located(&run, "sources/2030/members.toml:4:1", "member[0].titel");
    insta::assert_snapshot!(run.stderr());
}

#[test]
fn missing_key() {
    let run =
        broken(|p| p.edit("sources/2030/goals.toml", |t| t.replacen("direction = \"increase\"\n", "", 1)));
    assert!(run.stderr().contains("missing key `direction`"), "{}", run.stderr());
    assert_located(&run, "sources/2030/goals.toml:9:1", "goal[0].indicator[0]");
}

#[test]
fn wrong_type() {
    let run =
        broken(|p| p.edit("sources/2030/document.toml", |t| t.replace("year = 2030", "year = \"2030\"")));
    assert_located(&run, "sources/2030/document.toml:3:8", "year");
}

#[test]
fn invalid_value_of_an_enum() {
    let run = broken(|p| {
        p.edit("sources/2030/goals.toml", |t| t.replacen("direction = \"increase\"", "direction = \"up\"", 1))
    });
    assert!(run.stderr().contains("error: unknown value `up`"), "{}", run.stderr());
    assert!(
        run.stderr().contains("hint: the allowed values are `increase` or `decrease`"),
        "{}",
        run.stderr()
    );
    assert_located(&run, "sources/2030/goals.toml:12:13", "goal[0].indicator[0].direction");
}

#[test]
fn bad_utf8() {
    let run = broken(|p| {
        let path = p.path("sources/2030/groups.toml");
        let mut bytes = std::fs::read(&path).unwrap();
        let at = bytes.windows(6).position(|w| w == b"R\xc3\xa5det").unwrap() + 1;
        bytes[at] = 0xe5; // "å" in Latin-1
        std::fs::write(path, bytes).unwrap();
    });
    assert!(run.stderr().contains("not valid UTF-8"), "{}", run.stderr());
    assert!(run.stderr().contains("sources/2030/groups.toml:3:"), "{}", run.stderr());
}

#[test]
fn unknown_reference_names_both_files() {
    let run = broken(|p| {
        p.edit("sources/2030/members.toml", |t| {
            t.replacen("body = \"arbetsgrupp\"", "body = \"arbetsgrup\"", 1)
        })
    });
    let err = run.stderr();
    assert!(err.contains("unknown body `arbetsgrup`"), "{err}");
    assert!(err.contains("did you mean `arbetsgrupp`?"), "{err}");
    assert_located(&run, "sources/2030/members.toml:", "member[2].role[0].body");
    assert!(err.contains("= bodies are defined in `sources/2030/groups.toml`"), "{err}");
}

#[test]
fn an_unknown_party_says_where_parties_are_defined_in_english() {
    let run = broken(|p| {
        p.edit("sources/2030/members.toml", |t| {
            t.replacen("organisation = \"arjang\"", "organisation = \"arjan\"", 1)
        })
    });
    let err = run.stderr();
    assert!(err.contains("unknown party `arjan`"), "{err}");
    assert!(err.contains("= parties are defined in `sources/parties.toml`"), "{err}");
    assert!(!err.contains("partys"), "{err}");
}

#[test]
fn duplicate_ids_name_both_places() {
    let run =
        broken(|p| p.edit("sources/2030/members.toml", |t| t.replace("id = \"bo-berg\"", "id = \"asa-ek\"")));
    let err = run.stderr();
    assert!(err.contains("duplicate member id `asa-ek`"), "{err}");
    assert!(err.contains("key `member[0].id`") && err.contains("key `member[1].id`"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn overlapping_periods_of_a_single_seat() {
    let run = broken(|p| {
        p.edit("sources/2030/members.toml", |t| t.replace("until = 2030-05-04", "until = 2030-06-30"))
    });
    let err = run.stderr();
    assert!(
        err.contains(
            "Åsa Ek and Bo Berg are both ordförande of Styrgruppen (`styrgrupp`) in overlapping periods"
        ),
        "{err}"
    );
    assert!(err.contains("key `member[0].role[0]`") && err.contains("key `member[1].role[0]`"), "{err}");
}

#[test]
fn unsupported_markdown() {
    let run = broken(|p| {
        p.edit("sources/2030/goals.toml", |t| t.replace("Alla ska må bra.", "Alla<sup>1</sup> ska må bra."))
    });
    assert!(run.stderr().contains("HTML is not supported in prose"), "{}", run.stderr());
    assert_located(&run, "sources/2030/goals.toml:7:", "goal[0].text");
}

/// A line of prose indented by a tab or four spaces (Markdown's code block) is an error at that
/// line, with the hint to remove the indentation.
#[test]
fn an_indented_line_of_prose_is_located_at_its_line() {
    let run = broken(|p| {
        p.edit("sources/2030/goals.toml", |t| {
            t.replace("text = \"Alla ska må bra.\"", "text = \"\"\"\nAlla ska må bra.\n\n\tMed tabb.\n\"\"\"")
        })
    });
    let err = run.stderr();
    assert!(
        err.contains("an indented line: Markdown reads a line that starts with a tab or four spaces as code"),
        "{err}"
    );
    assert!(err.contains("hint: remove the spaces or the tab at the start of the line"), "{err}");
    assert_located(&run, "sources/2030/goals.toml:10:1", "goal[0].text");
}

/// A `<` that starts no HTML tag is text ("x<y", "a < b"); one that does is refused with the
/// hint how to write it as text.
#[test]
fn a_less_than_sign_in_prose_is_text() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/goals.toml", |t| t.replace("Alla ska må bra.", "Om x<y och a < b, och 3<4."));
    p.run(&["build", "2030"]).ok();
    let text = pdf_text(&std::fs::read(p.path("out/2030/politiskt-inriktningsdokument-2030.pdf")).unwrap());
    assert!(text.contains("Om x<y och a < b, och 3<4."), "{text}");
    let run = broken(|p| {
        p.edit("sources/2030/goals.toml", |t| t.replace("Alla ska må bra.", "Alla <b>ska</b> må bra."))
    });
    assert!(run.stderr().contains("(to show a `<` as text, write `\\<`)"), "{}", run.stderr());
}

/// Invisible characters (a zero-width space, a byte order mark inside a text, a bidirectional
/// control) are warnings at their place, each named by its code; no message prints them raw,
/// and the document leaves them out.
#[test]
fn invisible_characters_are_warnings_at_their_place_and_never_printed_raw() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/goals.toml", |t| {
        t.replace("Alla ska må bra.", "Alla ska\u{200B}må bra.")
            .replace("Fler elever ska vara behöriga.", "Fler elever \\u202Eska\u{FEFF} vara behöriga.")
    });
    let run = p.run(&["check"]).ok();
    let err = run.stderr();
    for (code, name, at) in [
        ("U+200B", "zero-width space", "sources/2030/goals.toml:7:17"),
        ("U+202E", "right-to-left override", "sources/2030/goals.toml:11:21"),
        ("U+FEFF", "byte order mark", "sources/2030/goals.toml:11:30"),
    ] {
        let block = err
            .split("\n\n")
            .find(|b| b.contains(&format!("an invisible character, {code} ({name})")))
            .unwrap_or_else(|| panic!("no warning of {code}: {err}"));
        assert!(block.starts_with("warning: ") && block.contains(at), "{block}");
    }
    for c in ['\u{200B}', '\u{202E}', '\u{FEFF}'] {
        assert!(!err.contains(c), "{c:?} printed raw: {err}");
    }
    p.run(&["build", "2030"]).ok();
    let text = pdf_text(&std::fs::read(p.path("out/2030/politiskt-inriktningsdokument-2030.pdf")).unwrap());
    assert!(text.contains("Alla skamå bra.") && text.contains("Fler elever ska vara behöriga."), "{text}");
}

/// A KPI the catalogue does not have is a new KPI to add, with the keys an entry needs; never a
/// "did you mean" another KPI.
#[test]
fn a_new_kpi_gets_the_hint_to_add_it_to_the_catalogue() {
    let run =
        broken(|p| p.edit("sources/2030/goals.toml", |t| t.replace("kpi = \"N15428\"", "kpi = \"N15429\"")));
    let err = run.stderr();
    assert!(err.contains("the Kolada KPI `N15429` is not in `kolada.toml`"), "{err}");
    for key in ["`id = \"N15429\"`", "`title`", "`unit`", "`municipality_type`", "`current = true`"] {
        assert!(err.contains(key), "{key} missing: {err}");
    }
    assert!(!err.contains("did you mean"), "{err}");
    assert_located(&run, "sources/2030/goals.toml:14:19", "goal[0].indicator[0].kolada[0].kpi");
}

#[test]
fn characters_the_fonts_cannot_show() {
    let run = broken(|p| p.edit("sources/2030/members.toml", |t| t.replace("Bo Berg", "Bo 中 Berg")));
    assert!(run.stderr().contains("U+4E2D"), "{}", run.stderr());
    assert_located(&run, "sources/2030/members.toml:", "member[1].name");
}

#[test]
fn all_problems_of_a_run_are_reported_together() {
    let run = broken(|p| {
        p.edit("sources/2030/members.toml", |t| {
            t.replacen("title = \"kommunalråd\"", "titel = \"kommunalråd\"", 1)
        });
        p.edit("sources/2030/goals.toml", |t| {
            t.replacen("direction = \"increase\"", "direction = \"up\"", 1)
        });
    });
    let err = run.stderr();
    assert!(err.contains("member[0].titel") && err.contains("goal[0].indicator[0].direction"), "{err}");
    assert!(err.contains("2 errors"), "{err}");
}

#[test]
fn a_failed_build_keeps_the_previous_pdf() {
    let p = Project::fixture("mini");
    p.run(&["build"]).ok();
    let before = std::fs::read(p.path(PDF)).unwrap();
    p.edit("sources/2030/document.toml", |t| t.replace("year = 2030", "year = 2031"));
    let run = p.run(&["build"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("the document says year 2031 but its folder is 2030"), "{}", run.stderr());
    assert_eq!(std::fs::read(p.path(PDF)).unwrap(), before, "the previous PDF changed");
    let leftovers: Vec<_> =
        std::fs::read_dir(p.path("out/2030")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

#[test]
fn typst_errors_name_the_template() {
    let p = Project::fixture("mini");
    std::fs::create_dir_all(p.path("templates/typst/blocks")).unwrap();
    std::fs::write(
        p.path("templates/typst/blocks/goals.typ.j2"),
        "#lisst(\n{% for g in b.goals %}[{{ g.title }}],{% endfor %})\n",
    )
    .unwrap();
    let run = p.run(&["build"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("unknown variable: lisst"), "{err}");
    assert!(err.contains("templates/typst/blocks/goals.typ.j2`, line 1"), "{err}");
    assert!(!p.path(PDF).exists());
}

#[test]
fn template_errors_name_the_template_and_line() {
    let p = Project::fixture("mini");
    std::fs::create_dir_all(p.path("templates/typst/blocks")).unwrap();
    std::fs::write(
        p.path("templates/typst/blocks/goals.typ.j2"),
        "{% for g in b.goals %}\n{{ g.titel }}\n{% endfor %}\n",
    )
    .unwrap();
    let run = p.run(&["build"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("templates/typst/blocks/goals.typ.j2`, line 2"), "{err}");
    assert!(err.contains("undefined"), "{err}");
}

#[test]
fn fonts_that_are_not_shipped_are_an_error() {
    let p = Project::fixture("mini");
    std::fs::create_dir_all(p.path("templates/typst/blocks")).unwrap();
    std::fs::write(p.path("templates/typst/blocks/goals.typ.j2"), "#text(font: \"Comic Sans MS\")[Hej]\n")
        .unwrap();
    let run = p.run(&["build"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("Comic Sans MS"), "{}", run.stderr());
    assert!(!p.path(PDF).exists());
}

#[test]
fn missing_year_and_missing_sources() {
    let p = Project::fixture("mini");
    let run = p.run(&["build", "2019"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("there are no sources for 2019"), "{}", run.stderr());
    assert!(run.stderr().contains("years with sources: 2030"), "{}", run.stderr());
    let run = p.run(&["--sources", "nowhere", "build"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("`nowhere` does not exist"), "{}", run.stderr());
}

#[test]
fn a_new_kpi_with_only_its_id_names_every_missing_key_in_one_run() {
    let p = Project::fixture("mini");
    p.edit("sources/kolada.toml", |t| t + "\n[[kpi]]\nid = \"N00001\"\n");
    let run = p.run(&["check"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("missing keys `title`, `unit`, `municipality_type` and `current`"), "{err}");
    assert!(
        err.contains(
            "hint: an entry of `kpi` needs `id`, `title`, `unit`, `municipality_type` and `current`"
        ),
        "{err}"
    );
    assert_located(&run, "sources/kolada.toml:17:1", "kpi[2]");
    assert_eq!(err.matches("missing key").count(), 1, "{err}");
}

#[test]
fn a_misspelt_key_is_one_problem() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/members.toml", |t| t.replacen("name = \"Åsa Ek\"", "nmae = \"Åsa Ek\"", 1));
    let run = p.run(&["check"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("unknown key `nmae`") && err.contains("did you mean `name`?"), "{err}");
    assert!(!err.contains("missing key"), "{err}");
    assert!(err.contains("1 error"), "{err}");
}

#[test]
fn after_a_syntax_error_the_other_files_are_still_checked_and_no_warnings_are_claimed() {
    let run = broken(|p| {
        p.edit("sources/2030/goals.toml", |t| {
            t.replace("title = \"En god hälsa\"", "title = \"En god hälsa")
        });
        p.edit("sources/2030/members.toml", |t| {
            t.replacen("title = \"kommunalråd\"", "titel = \"kommunalråd\"", 1)
        });
    });
    let err = run.stderr();
    assert!(err.contains("invalid TOML") && err.contains("unknown key `titel`"), "{err}");
    assert!(!err.contains("0 warnings"), "{err}");
    assert!(
        err.contains(
            "have 2 errors; the checks across files and their warnings follow once every file reads"
        ),
        "{err}"
    );
}

#[test]
fn a_key_defined_twice_names_both_places() {
    let run = broken(|p| {
        p.edit("sources/2030/groups.toml", |t| {
            t.replacen("name = \"Rådet\"\n", "name = \"Rådet\"\nname = \"Rådet igen\"\n", 1)
        })
    });
    let err = run.stderr();
    assert!(err.contains("the key `name` is given twice in the same table"), "{err}");
    assert!(err.contains("first defined here"), "{err}");
    assert_located(&run, "sources/2030/groups.toml:4:1", "group[0].name");
}
