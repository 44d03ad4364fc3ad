//! `check` refuses what the outputs refuse: a table of small edits on the `mini` fixture with the
//! annex values. For each, either `check` fails at the file and key that hold the problem, or
//! `check` passes and `build`, `annexes`, `site` and `diff --pdf` all succeed. Limits are tried
//! at the limit (every output must then work) and one past it (`check` must refuse).

use perspektiv::markdown::{MAX_HEADING, MAX_NESTING, MAX_WORD};
use perspektiv::validate::{MAX_FOLLOW_UP_YEARS, MAX_PARTY_ID, MAX_TEXT};

use crate::support::{Project, copy_values};

/// A text of `n` characters in words of Swedish letters (two bytes each in UTF-8).
fn words(n: usize) -> String {
    let mut s: String = "Värmlänningarnas ".repeat(n / 17 + 1).chars().take(n).collect();
    if s.ends_with(' ') {
        s.pop();
        s.push('ö');
    }
    s
}

/// `n` block quotes inside each other.
fn quotes(n: usize) -> String {
    format!("{} djupt citat", ">".repeat(n))
}

/// Lists `n` deep.
fn lists(n: usize) -> String {
    (0..n).map(|i| format!("{}- punkt", "  ".repeat(i))).collect::<Vec<_>>().join("\n")
}

/// Emphasis and strong emphasis alternating, `n` deep.
fn emphasis(n: usize) -> String {
    let mut s = "x".to_owned();
    for i in 0..n {
        let mark = if i % 2 == 0 { "*" } else { "**" };
        s = format!("{mark}a {s} b{mark}");
    }
    s
}

/// A TOML multi-line basic string.
fn multiline(s: &str) -> String {
    format!("\"\"\"\n{s}\n\"\"\"")
}

/// One edit: the file, the text to replace and its replacement.
type Edit = (&'static str, &'static str, String);

/// A case: its name, its edits, and where `check` must refuse it (file:line, key), if it must.
struct Case {
    name: &'static str,
    edits: Vec<Edit>,
    refused_at: Option<(&'static str, &'static str)>,
}

const GOALS: &str = "sources/2030/goals.toml";
const DOCUMENT: &str = "sources/2030/document.toml";
const GROUPS: &str = "sources/2030/groups.toml";
const APPENDICES: &str = "sources/2030/appendices.toml";
const MEMBERS: &str = "sources/2030/members.toml";
const PARTIES: &str = "sources/parties.toml";
const KOLADA: &str = "sources/kolada.toml";
const VALUES: &str = "sources/2030/values/N15428.json";

const GOAL_TEXT: &str = "\"Alla ska må bra.\"";
const BLOCK: &str = "Text[^1] med en [länk](https://example.se/).";
const ASIDE: &str = "text = \"Rutans text.\"";

/// Every plain text field at once, each set to `text`.
fn plain_texts(text: &str) -> Vec<Edit> {
    let q = |s: &str| format!("\"{s}\"");
    vec![
        (MEMBERS, "\"Åsa Ek\"", q(text)),
        (MEMBERS, "\"kommunalråd\"", q(text)),
        (GOALS, "\"Fler elever ska vara behöriga.\"", q(text)),
        (GOALS, "\"En god hälsa\"", q(text)),
        (GOALS, "\"Tillit\"", q(text)),
        (GOALS, "\"Hållbart och uthålligt\"", q(text)),
        (KOLADA, "\"Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)\"", q(text)),
        (PARTIES, "\"Eda\"", q(text)),
        (PARTIES, "\"Eda kommun\"", q(text)),
        (PARTIES, "\"Riket\"", q(text)),
        (DOCUMENT, "\"Inledning\"", q(text)),
        (DOCUMENT, "\"Testförfattare\"", q(text)),
        (DOCUMENT, "\"Nya Perspektiv – test\"", q(text)),
        (DOCUMENT, "\"En ruta\"", q(text)),
        (GROUPS, "\"Styrgruppen\"", q(text)),
        (GROUPS, "\"Vid behov bjuds sakkunniga in.\"", q(text)),
        (GROUPS, "\"Område A\"", q(text)),
        (APPENDICES, "\"Agenda 2030\"", q(text)),
        (APPENDICES, "\"Styrgrupp\"", q(text)),
    ]
}

/// Every prose field at once, each set to `text`.
fn prose_everywhere(text: &str) -> Vec<Edit> {
    let m = multiline(text);
    vec![
        (GOALS, GOAL_TEXT, m.clone()),
        (DOCUMENT, BLOCK, format!("{BLOCK}\n\n{text}")),
        (DOCUMENT, ASIDE, format!("text = {m}")),
        (DOCUMENT, "Ett *litet* dokument för tester.", text.to_owned()),
        (GROUPS, "\"Vi ska *samverka*.\"", m.clone()),
        (GROUPS, "\"Gruppen ska:\"", m.clone()),
        (GROUPS, "\"Identifiera.\"", m.clone()),
        (GROUPS, "\"rektor\"", m.clone()),
        (APPENDICES, "\"Agenda 2030 är en agenda.\"", m.clone()),
        (APPENDICES, "\"Rådets möten: R.\"", m),
    ]
}

/// `n` more bodies under the council, each with a name at the limit, before the remits.
fn bodies(n: usize) -> String {
    let body = |i| {
        format!(
            "[[group]]\nid = \"grupp-{i}\"\nname = \"{}\"\nkind = \"samverkansgrupp\"\nreports_to = \"radet\"\n\n",
            words(MAX_TEXT)
        )
    };
    (0..n).map(body).collect::<String>() + "[[remit]]"
}

fn cases() -> Vec<Case> {
    let one = |file, from, to: String| vec![(file, from, to)];
    let ok = |name, edits| Case { name, edits, refused_at: None };
    let refused = |name, edits, file_line, key| Case { name, edits, refused_at: Some((file_line, key)) };
    let footnotes: String = (2..300).map(|i| format!("N[^{i}] ")).collect();
    let definitions: String = (2..300).map(|i| format!("\n[^{i}]: Not {i}.")).collect();
    vec![
        ok("every plain text at the limit", plain_texts(&words(MAX_TEXT))),
        ok("every plain text one word at the limit", plain_texts(&"ö".repeat(MAX_TEXT))),
        refused(
            "a KPI title one past the limit",
            one(
                KOLADA,
                "\"Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)\"",
                format!("\"{}\"", words(MAX_TEXT + 1)),
            ),
            "sources/kolada.toml:3:",
            "kpi[0].title",
        ),
        refused(
            "an indicator text one past the limit",
            one(GOALS, "\"Fler elever ska vara behöriga.\"", format!("\"{}\"", words(MAX_TEXT + 1))),
            "sources/2030/goals.toml:11:",
            "goal[0].indicator[0].text",
        ),
        refused(
            "a party name far past the limit",
            one(PARTIES, "\"Eda\"", format!("\"{}\"", words(40_000))),
            "sources/parties.toml:10:",
            "party[1].name",
        ),
        refused(
            "a person's name as one word of 40 000 letters",
            one(MEMBERS, "\"Åsa Ek\"", format!("\"{}\"", "a".repeat(40_000))),
            "sources/2030/members.toml:3:",
            "member[0].name",
        ),
        ok("prose nested to the limit everywhere: block quotes", prose_everywhere(&quotes(MAX_NESTING))),
        ok("prose nested to the limit everywhere: lists", prose_everywhere(&lists(MAX_NESTING))),
        ok("prose nested to the limit everywhere: emphasis", prose_everywhere(&emphasis(MAX_NESTING))),
        ok(
            "prose nested to the limit everywhere: a list in quotes with emphasis",
            prose_everywhere(&format!(
                "{}- **fet *kursiv [länk](https://example.se/)***",
                "> ".repeat(MAX_NESTING - 4)
            )),
        ),
        refused(
            "block quotes one past the limit in a goal",
            one(GOALS, GOAL_TEXT, multiline(&quotes(MAX_NESTING + 1))),
            "sources/2030/goals.toml:7:",
            "goal[0].text",
        ),
        refused(
            "block quotes twenty deep in a chapter",
            one(DOCUMENT, BLOCK, format!("{BLOCK}\n\n{}", quotes(20))),
            "sources/2030/document.toml:26:",
            "chapter[0].block[0].text",
        ),
        refused(
            "lists forty deep in a remit",
            one(GROUPS, "\"Identifiera.\"", multiline(&lists(40))),
            "sources/2030/groups.toml:",
            "remit[0].items[0]",
        ),
        refused(
            "emphasis seventy deep in an aside",
            one(DOCUMENT, ASIDE, format!("text = {}", multiline(&emphasis(70)))),
            "sources/2030/document.toml:",
            "chapter[0].block[1].aside.text",
        ),
        ok(
            "prose words at the limit everywhere",
            prose_everywhere(&format!("Ett {} ord.", "ö".repeat(MAX_WORD))),
        ),
        ok("long prose everywhere", prose_everywhere(&words(40_000))),
        refused(
            "a word one past the limit in a calendar's intro",
            one(APPENDICES, "\"Rådets möten: R.\"", format!("\"Ett {} ord.\"", "ö".repeat(MAX_WORD + 1))),
            "sources/2030/appendices.toml:8:",
            "calendar[0].intro",
        ),
        refused(
            "a link address of 40 000 characters",
            one(DOCUMENT, BLOCK, format!("Text med en [länk](https://example.se/{}).", "a".repeat(40_000))),
            "sources/2030/document.toml:26:",
            "chapter[0].block[0].text",
        ),
        ok("a heading at the limit", one(DOCUMENT, "# Ett avsnitt", format!("# {}", words(MAX_HEADING)))),
        refused(
            "a heading one past the limit",
            one(DOCUMENT, "# Ett avsnitt", format!("# {}", words(MAX_HEADING + 1))),
            "sources/2030/document.toml:26:",
            "chapter[0].block[0].text",
        ),
        ok(
            "three hundred footnotes",
            vec![
                (DOCUMENT, BLOCK, format!("{footnotes}{BLOCK}")),
                (DOCUMENT, "[^1]: En fotnot.", format!("[^1]: En fotnot.{definitions}")),
            ],
        ),
        ok(
            "a follow-up period at the limit",
            one(GOALS, "follow_up_years = 3", format!("follow_up_years = {MAX_FOLLOW_UP_YEARS}")),
        ),
        refused(
            "a follow-up period of 65535 years",
            one(GOALS, "follow_up_years = 3", "follow_up_years = 65535".into()),
            "sources/2030/goals.toml:2:",
            "follow_up_years",
        ),
        refused(
            "a follow-up period beyond any number of years",
            one(GOALS, "follow_up_years = 3", "follow_up_years = 4000000000".into()),
            "sources/2030/goals.toml:2:",
            "follow_up_years",
        ),
        ok("a huge target", one(GOALS, "amount = 2,", "amount = 1e300,".into())),
        refused(
            "a negative target",
            one(GOALS, "amount = 2,", "amount = -5,".into()),
            "sources/2030/goals.toml:13:",
            "goal[0].indicator[0].target.amount",
        ),
        refused(
            "an age past 255",
            one(GOALS, "to = 84", "to = 60000".into()),
            "sources/2030/goals.toml:27:",
            "goal[1].indicator[0].age.to",
        ),
        ok("a calendar month in the year 30000", one(APPENDICES, "year = 2030", "year = 30000".into())),
        refused(
            "month 13",
            one(APPENDICES, "month = 9", "month = 13".into()),
            "sources/2030/appendices.toml:28:",
            "calendar[0].month[1].month",
        ),
        ok(
            "keywords at the limit together",
            one(
                DOCUMENT,
                "keywords = [\"test\"]",
                format!("keywords = [\"{}\", \"{}\"]", words(500), words(MAX_TEXT - 502)),
            ),
        ),
        refused(
            "forty keywords at the limit each",
            one(
                DOCUMENT,
                "keywords = [\"test\"]",
                format!("keywords = [{}]", vec![format!("\"{}\"", words(MAX_TEXT)); 40].join(", ")),
            ),
            "sources/2030/document.toml:7:",
            "keywords",
        ),
        ok("thirty bodies with names at the limit in the org chart", one(GROUPS, "[[remit]]", bodies(30))),
        ok(
            "a party id at the limit",
            one(
                PARTIES,
                "id = \"eda\"",
                format!("id = \"{}eda\"", "eda-".repeat(MAX_PARTY_ID / 4 - 1) + "e"),
            ),
        ),
        refused(
            "a party id one past the limit",
            one(PARTIES, "id = \"eda\"", format!("id = \"{}a\"", "eda-".repeat(MAX_PARTY_ID / 4))),
            "sources/parties.toml:9:",
            "party[1].id",
        ),
        ok("a KPI published up to 65535", one(KOLADA, "publ_period = 2026", "publ_period = 65535".into())),
        ok(
            "a footnote nested to the limit in prose nested to the limit",
            one(
                DOCUMENT,
                BLOCK,
                format!(
                    "{} Djup[^d] text[^1].\n\n[^d]: {}inne",
                    ">".repeat(MAX_NESTING),
                    "> ".repeat(MAX_NESTING)
                ),
            ),
        ),
        refused(
            "a footnote that nests its prose past the limit",
            one(
                DOCUMENT,
                BLOCK,
                format!(
                    "{} Djup[^d] text.\n\n[^d]: {}- **fet *kursiv [länk](https://example.se/)***",
                    ">".repeat(MAX_NESTING),
                    "> ".repeat(MAX_NESTING - 1)
                ),
            ),
            "sources/2030/document.toml:26:",
            "chapter[0].block[0].text",
        ),
        // The annex values: numbers far out of the usual range are drawn; periods that are no
        // year are refused at the record.
        ok("a value of 1e300", one(VALUES, "\"value\": 80.0", "\"value\": 1e300".into())),
        ok("a value of -1e12", one(VALUES, "\"value\": 80.0", "\"value\": -1e12".into())),
        ok("a value of 1e-300", one(VALUES, "\"value\": 80.0", "\"value\": 1e-300".into())),
        ok(
            "a status of 40 000 characters",
            one(VALUES, "\"status\": \"\"", format!("\"status\": \"{}\"", "x".repeat(40_000))),
        ),
        refused(
            "a period that is no year",
            one(VALUES, "\"period\": 2026", "\"period\": 99999".into()),
            "sources/2030/values/N15428.json:",
            "values[0].period",
        ),
    ]
}

/// A project from the `mini` fixture with the annex values, and a 2029 edition to compare with.
fn project() -> Project {
    let p = Project::fixture("mini");
    copy_values(&p, "mini-2030", 2030);
    let (from, to) = (p.path("sources/2030"), p.path("sources/2029"));
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    p.edit("sources/2029/document.toml", |t| {
        t.replace("year = 2030", "year = 2029").replace("date = 2030-03-01", "date = 2029-03-01")
    });
    p
}

#[test]
fn no_input_passes_check_but_fails_an_output() {
    let mut failures = Vec::new();
    for case in cases() {
        let p = project();
        for (file, from, to) in &case.edits {
            p.edit(file, |t| {
                assert!(t.contains(from), "{}: no `{from}` in {file}", case.name);
                t.replacen(from, to, 1)
            });
        }
        let check = p.run(&["check"]);
        let err = check.stderr();
        assert!(!err.contains("panicked"), "{}: {err}", case.name);
        match (case.refused_at, check.code()) {
            (Some((file_line, key)), 1) => {
                let problems: Vec<&str> = err.split("\n\n").filter(|p| p.starts_with("error:")).collect();
                if !problems.iter().any(|p| p.contains(file_line) && p.contains(&format!("key `{key}`"))) {
                    failures
                        .push(format!("{}: refused, but not at {file_line} key `{key}`:\n{err}", case.name));
                }
                assert!(!err.contains(".typ.j2"), "{}: a template is named:\n{err}", case.name);
            }
            (Some(_), code) => failures.push(format!("{}: check passed ({code}) but must refuse", case.name)),
            (None, 0) => {
                for args in [
                    &["build"][..],
                    &["annexes"],
                    &["site"],
                    &["diff", "2029", "2030", "--pdf", "out/forandringar.pdf"],
                ] {
                    let run = p.run(args);
                    let passed = run.code() == 0 || (args[0] == "diff" && run.code() == 1);
                    if !passed || run.stderr().contains("error") {
                        failures.push(format!(
                            "{}: check passed, `{}` failed:\n{}",
                            case.name,
                            args.join(" "),
                            run.stderr()
                        ));
                    }
                }
                assert!(p.path("out/forandringar.pdf").exists(), "{}", case.name);
            }
            (None, code) => failures.push(format!("{}: check refused ({code}):\n{err}", case.name)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
