//! The rules, one case each, in the manner of a table: the small fixture's sources
//! (`tests/fixtures/mini`, its vacancy acknowledged and its empty month given a meeting, so
//! that it has no problems), one edit to them, then load and check in-process; each case lists
//! every problem the edit gives, with its severity, file, line, column, key path and message,
//! in the order they are reported.
//!
//! Every place in `validate/` that makes a problem has a case (the case's comment names the
//! file and check); a duplicate id and an unknown reference are made in one place each
//! ([`super::Seen::add`], [`super::Validator::reference`]), and each check that uses them has a
//! case too.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostics::Severity;
use crate::sources::git::MemTree;

const PARTIES: &str = "parties.toml";
const KOLADA: &str = "kolada.toml";
const DOCUMENT: &str = "2030/document.toml";
const GOALS: &str = "2030/goals.toml";
const MEMBERS: &str = "2030/members.toml";
const GROUPS: &str = "2030/groups.toml";
const APPENDICES: &str = "2030/appendices.toml";

/// The fixture's files, by path inside the sources folder.
const FIXTURE: [(&str, &str); 7] = [
    (PARTIES, include_str!("../../tests/fixtures/mini/sources/parties.toml")),
    (KOLADA, include_str!("../../tests/fixtures/mini/sources/kolada.toml")),
    (DOCUMENT, include_str!("../../tests/fixtures/mini/sources/2030/document.toml")),
    (GOALS, include_str!("../../tests/fixtures/mini/sources/2030/goals.toml")),
    (MEMBERS, include_str!("../../tests/fixtures/mini/sources/2030/members.toml")),
    (GROUPS, include_str!("../../tests/fixtures/mini/sources/2030/groups.toml")),
    (APPENDICES, include_str!("../../tests/fixtures/mini/sources/2030/appendices.toml")),
];

/// The vacancy's acknowledgement, which cases take away.
const VACANCY_ACK: &str = "acknowledged = \"Tillsätts i höst.\"\n";
/// September's meeting, which cases change or take away.
const SEPTEMBER: &str =
    "[[calendar.month]]\nmonth = 9\n\n[[calendar.month.meeting]]\nbody = \"radet\"\nday = 15\n";

/// One change to one file of the sources.
enum Edit {
    /// Text added at the end of the file.
    Append(&'static str, String),
    /// The one occurrence of a text replaced.
    Replace(&'static str, &'static str, String),
}

fn append(file: &'static str, text: impl Into<String>) -> Edit {
    Edit::Append(file, text.into())
}

fn replace(file: &'static str, from: &'static str, to: impl Into<String>) -> Edit {
    Edit::Replace(file, from, to.into())
}

/// A problem as a case expects it: severity, file (inside the sources folder), line and column
/// (1-based; 0 when the problem is about the whole file), key path, message.
#[derive(Debug, PartialEq)]
struct Expected {
    severity: Severity,
    file: String,
    line: usize,
    column: usize,
    key: String,
    message: String,
}

fn error(file: &str, line: usize, column: usize, key: &str, message: &str) -> Expected {
    Expected {
        severity: Severity::Error,
        file: file.to_owned(),
        line,
        column,
        key: key.to_owned(),
        message: message.to_owned(),
    }
}

fn warning(file: &str, line: usize, column: usize, key: &str, message: &str) -> Expected {
    Expected { severity: Severity::Warning, ..error(file, line, column, key, message) }
}

/// The shipped fonts, as the rules see them: every character but those of the private use area.
fn covered(c: char) -> bool {
    !('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// The fixture with its warnings acknowledged, then `edits` applied.
fn sources(edits: &[Edit]) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files: BTreeMap<&str, String> = FIXTURE.iter().map(|&(p, t)| (p, t.to_owned())).collect();
    let clean = [
        replace(GROUPS, "side = \"municipality\"\n", format!("side = \"municipality\"\n{VACANCY_ACK}")),
        replace(APPENDICES, "[[calendar.month]]\nmonth = 9\n", SEPTEMBER),
    ];
    for edit in clean.iter().chain(edits) {
        match edit {
            Edit::Append(file, text) => files.get_mut(file).expect("a fixture file").push_str(text),
            Edit::Replace(file, from, to) => {
                let text = files.get_mut(file).expect("a fixture file");
                assert_eq!(text.matches(from).count(), 1, "`{from}` is not in `{file}` once");
                *text = text.replacen(from, to, 1);
            }
        }
    }
    files.into_iter().map(|(p, t)| (PathBuf::from(p), t.into_bytes())).collect()
}

/// Loads and checks the edited sources: their problems, and how many warnings they acknowledge.
fn run(edits: &[Edit]) -> (Vec<Expected>, usize) {
    let tree = MemTree::new(sources(edits), "sources");
    let (s, report) = match crate::sources::load(&tree, 2030) {
        Ok(loaded) => loaded,
        Err(report) => panic!("the sources do not load: {:#?}", report.problems),
    };
    assert!(report.problems.is_empty(), "loading gives problems: {:#?}", report.problems);
    let validation = super::check(&s, &covered);
    let problems = validation
        .problems
        .iter()
        .map(|p| {
            let (line, column) = p
                .location
                .span
                .as_ref()
                .and_then(|span| report.texts.line_col(&p.location.file, span.start))
                .unwrap_or((0, 0));
            let file = p.location.file.display().to_string();
            Expected {
                severity: p.severity,
                file: file.strip_prefix("sources/").unwrap_or(&file).to_owned(),
                line,
                column,
                key: p.location.key.to_string(),
                message: p.message.clone(),
            }
        })
        .collect();
    (problems, validation.acknowledged)
}

/// Asserts that the edits give exactly the expected problems; on failure, prints what they
/// give in the form of a case.
#[track_caller]
fn check(edits: &[Edit], expected: &[Expected]) {
    let (problems, _) = run(edits);
    if problems != expected {
        let actual: Vec<String> = problems
            .iter()
            .map(|p| {
                format!(
                    "{}({:?}, {}, {}, {:?}, {:?}),",
                    if p.severity == Severity::Error { "error" } else { "warning" },
                    p.file,
                    p.line,
                    p.column,
                    p.key,
                    p.message
                )
            })
            .collect();
        panic!("the problems differ; the edits give:\n{}", actual.join("\n"));
    }
}

/// One rule's case: the edits to the clean fixture, and every problem they give.
macro_rules! rule {
    (name: $name:ident, edits: [$($edit:expr),+ $(,)?], problems: [$($problem:expr),* $(,)?] $(,)?) => {
        #[test]
        fn $name() {
            check(&[$($edit),+], &[$($problem),*]);
        }
    };
}

/// The sources of the rules, for counting the places that make problems.
const RULES: [&str; 7] = [
    include_str!("mod.rs"),
    include_str!("parties.rs"),
    include_str!("goals.rs"),
    include_str!("bodies.rs"),
    include_str!("calendar.rs"),
    include_str!("document.rs"),
    include_str!("text.rs"),
];

/// A reminder, not a proof: the places in `validate/` that make a problem, counted in its
/// sources, are as many as the places the cases below were written for. A new place needs a
/// case, and then this count raised.
#[test]
fn every_place_that_makes_a_problem_has_a_case() {
    let count = |needle: &str| RULES.iter().map(|s| s.matches(needle).count()).sum::<usize>();
    // Errors and warnings made in place; one `Problem::error` is the `error` helper's own.
    let made = count("Problem::error(") - 1 + count("Problem::warning(") + count("self.error(");
    // Ids checked for duplicates (`Seen::add` into the problems) and references checked.
    let duplicates = count("&mut self.problems");
    let references = count("self.reference(");
    assert_eq!((made, duplicates, references), (63, 16, 10));
}

#[test]
fn the_clean_fixture_has_no_problems() {
    assert_eq!(run(&[]), (Vec::new(), 1));
}

#[test]
fn an_acknowledged_warning_is_counted_not_given() {
    let (problems, acknowledged) = run(&[replace(GROUPS, VACANCY_ACK, "")]);
    assert_eq!((problems.len(), acknowledged), (1, 0));
}

// parties.rs: duplicate party id.
rule! {
    name: duplicate_party_id,
    edits: [append(PARTIES, "\n[[party]]\nid = \"eda\"\nname = \"Ny\"\nofficial_name = \"Ny kommun\"\ncode = \"1799\"\nkind = \"municipality\"\n")],
    problems: [error(PARTIES, 35, 6, "party[4].id", "duplicate party id `eda`")],
}

// parties.rs: a party id too long for a file name.
rule! {
    name: party_id_too_long,
    edits: [replace(PARTIES, "id = \"eda\"", format!("id = \"{}\"", "e".repeat(101)))],
    problems: [error(PARTIES, 9, 6, "party[1].id", "a party id of 101 characters; at most 100 fit in a file name")],
}

// parties.rs: duplicate area code of a party.
rule! {
    name: duplicate_party_code,
    edits: [replace(PARTIES, "code = \"1785\"", "code = \"1730\"")],
    problems: [error(PARTIES, 19, 8, "party[2].code", "duplicate area code id `1730`")],
}

// parties.rs: duplicate area code of a comparison.
rule! {
    name: duplicate_comparison_code,
    edits: [append(PARTIES, "\n[[comparison]]\ncode = \"1765\"\nname = \"Årjäng igen\"\nin_sentence = \"Årjäng\"\n")],
    problems: [error(PARTIES, 35, 8, "comparison[1].code", "duplicate area code id `1765`")],
}

// parties.rs: duplicate KPI id in the catalogue.
rule! {
    name: duplicate_kpi,
    edits: [append(KOLADA, "\n[[kpi]]\nid = \"N15428\"\ntitle = \"Igen\"\nunit = \"andel\"\nmunicipality_type = \"A\"\ncurrent = true\n")],
    problems: [error(KOLADA, 18, 6, "kpi[2].id", "duplicate KPI id `N15428`")],
}

// parties.rs: a party compares with a municipality group that `kolada.toml` does not list.
rule! {
    name: group_not_in_catalogue,
    edits: [replace(PARTIES, "code = \"1730\"\nkind = \"municipality\"\n", "code = \"1730\"\nkind = \"municipality\"\n\n[[party.group]]\nid = \"G37411\"\n")],
    problems: [warning(PARTIES, 16, 6, "party[1].group[0].id", "Eda compares with the municipality group `G37411`, which `kolada.toml` does not list yet")],
}

// parties.rs: a party compares with a municipality group that Kolada no longer lists.
rule! {
    name: group_no_longer_listed,
    edits: [
        replace(PARTIES, "code = \"1730\"\nkind = \"municipality\"\n", "code = \"1730\"\nkind = \"municipality\"\n\n[[party.group]]\nid = \"G37411\"\n"),
        append(KOLADA, "\n[[group]]\nid = \"G37411\"\ntitle = \"Liknande kommuner\"\nmembers = [\"1730\"]\ncurrent = false\n"),
    ],
    problems: [warning(PARTIES, 16, 6, "party[1].group[0].id", "Eda compares with the municipality group `G37411` (Liknande kommuner), which Kolada does not list (`current = false` in `kolada.toml`)")],
}

// parties.rs: a municipality group is compared on a KPI that the catalogue does not have.
rule! {
    name: group_on_an_unknown_kpi,
    edits: [
        replace(PARTIES, "code = \"1730\"\nkind = \"municipality\"\n", "code = \"1730\"\nkind = \"municipality\"\n\n[[party.group]]\nid = \"G37411\"\nkpis = [\"N15428\", \"N99999\"]\n"),
        append(KOLADA, "\n[[group]]\nid = \"G37411\"\ntitle = \"Liknande kommuner\"\nmembers = [\"1730\"]\ncurrent = true\n"),
    ],
    problems: [error(PARTIES, 17, 19, "party[1].group[0].kpis[1]", "Eda compares with the municipality group `G37411` on the KPI `N99999`, which is not in `kolada.toml`")],
}

// parties.rs: a municipality group is compared on no KPI.
rule! {
    name: group_on_no_kpi,
    edits: [
        replace(PARTIES, "code = \"1730\"\nkind = \"municipality\"\n", "code = \"1730\"\nkind = \"municipality\"\n\n[[party.group]]\nid = \"G37411\"\nkpis = []\n"),
        append(KOLADA, "\n[[group]]\nid = \"G37411\"\ntitle = \"Liknande kommuner\"\nmembers = [\"1730\"]\ncurrent = true\n"),
    ],
    problems: [error(PARTIES, 17, 8, "party[1].group[0].kpis", "Eda compares with the municipality group `G37411` on no KPI (`kpis = []`)")],
}

// parties.rs: a municipality group is compared on a KPI that no indicator of the year follows.
rule! {
    name: group_on_a_kpi_no_indicator_follows,
    edits: [
        replace(PARTIES, "code = \"1730\"\nkind = \"municipality\"\n", "code = \"1730\"\nkind = \"municipality\"\n\n[[party.group]]\nid = \"G37411\"\nkpis = [\"N00001\"]\n"),
        append(KOLADA, "\n[[kpi]]\nid = \"N00001\"\ntitle = \"Annat\"\nunit = \"andel\"\nmunicipality_type = \"A\"\ncurrent = true\n\n[[group]]\nid = \"G37411\"\ntitle = \"Liknande kommuner\"\nmembers = [\"1730\"]\ncurrent = true\n"),
    ],
    problems: [warning(PARTIES, 17, 9, "party[1].group[0].kpis[0]", "Eda compares with the municipality group `G37411` on the KPI `N00001`, which no indicator of 2030 follows: the group is in no table for it")],
}

// parties.rs: the region compares with a group of municipalities.
rule! {
    name: region_with_a_group_of_municipalities,
    edits: [
        replace(PARTIES, "code = \"0017\"\nkind = \"region\"\n", "code = \"0017\"\nkind = \"region\"\n\n[[party.group]]\nid = \"G37411\"\n"),
        append(KOLADA, "\n[[group]]\nid = \"G37411\"\ntitle = \"Liknande kommuner\"\nmembers = [\"1730\"]\ncurrent = true\n"),
    ],
    problems: [warning(PARTIES, 30, 6, "party[3].group[0].id", "Region Värmland is a region, but the municipality group `G37411` (Liknande kommuner) has municipalities as members")],
}

// parties.rs: a party names a municipality group twice.
rule! {
    name: duplicate_party_group,
    edits: [
        replace(PARTIES, "code = \"1730\"\nkind = \"municipality\"\n", "code = \"1730\"\nkind = \"municipality\"\n\n[[party.group]]\nid = \"G37411\"\n\n[[party.group]]\nid = \"G37411\"\n"),
        append(KOLADA, "\n[[group]]\nid = \"G37411\"\ntitle = \"Liknande kommuner\"\nmembers = [\"1730\"]\ncurrent = true\n"),
    ],
    problems: [error(PARTIES, 19, 6, "party[1].group[1].id", "duplicate municipality group id `G37411`")],
}

// parties.rs: the catalogue lists a municipality group twice.
rule! {
    name: duplicate_catalogue_group,
    edits: [append(KOLADA, "\n[[group]]\nid = \"G1\"\ntitle = \"A\"\ncurrent = true\n\n[[group]]\nid = \"G1\"\ntitle = \"B\"\ncurrent = true\n")],
    problems: [error(KOLADA, 23, 6, "group[1].id", "duplicate municipality group id `G1`")],
}

// document.rs: the document's year is not its folder's.
rule! {
    name: year_of_another_folder,
    edits: [replace(DOCUMENT, "year = 2030", "year = 2031")],
    problems: [error(DOCUMENT, 3, 8, "year", "the document says year 2031 but its folder is 2030")],
}

// goals.rs: the target year is not after the baseline year (and, a warning, it has passed).
rule! {
    name: target_year_not_after_baseline,
    edits: [replace(GOALS, "follow_up_years = 3", "baseline_year = 2025\ntarget_year = 2025")],
    problems: [
        error(GOALS, 3, 15, "target_year", "the target year 2025 is not after the baseline year 2025"),
        warning(GOALS, 3, 15, "target_year", "the targets were to be reached by 2025, before 2030"),
    ],
}

// goals.rs: both a follow-up period and a baseline year.
rule! {
    name: follow_up_years_and_baseline_year,
    edits: [replace(GOALS, "follow_up_years = 3", "follow_up_years = 3\nbaseline_year = 2025")],
    problems: [error(GOALS, 2, 19, "follow_up_years", "`follow_up_years` and `baseline_year = 2025` both state the follow-up period")],
}

// goals.rs: a follow-up period of no years.
rule! {
    name: follow_up_years_zero,
    edits: [replace(GOALS, "follow_up_years = 3", "follow_up_years = 0")],
    problems: [error(GOALS, 2, 19, "follow_up_years", "the follow-up period needs at least 1 year")],
}

// goals.rs: a follow-up period longer than can be drawn.
rule! {
    name: follow_up_years_too_many,
    edits: [replace(GOALS, "follow_up_years = 3", "follow_up_years = 101")],
    problems: [error(GOALS, 2, 19, "follow_up_years", "a follow-up period of 101 years; at most 100 can be followed up")],
}

// goals.rs: duplicate goal id.
rule! {
    name: duplicate_goal_id,
    edits: [replace(GOALS, "id = \"hallbart\"", "id = \"god-halsa\"")],
    problems: [error(GOALS, 17, 6, "goal[1].id", "duplicate goal id `god-halsa`")],
}

// goals.rs: duplicate indicator id (across goals).
rule! {
    name: duplicate_indicator_id,
    edits: [replace(GOALS, "id = \"tillit\"", "id = \"behoriga\"")],
    problems: [error(GOALS, 23, 6, "goal[1].indicator[0].id", "duplicate indicator id `behoriga`")],
}

// goals.rs: a target without the amount its unit needs.
rule! {
    name: target_without_amount,
    edits: [replace(GOALS, "target = { amount = 2, unit", "target = { unit")],
    problems: [error(GOALS, 13, 10, "goal[0].indicator[0].target", "the target has no `amount`; this unit needs one")],
}

// goals.rs: an amount for a unit that takes none.
rule! {
    name: target_amount_for_unit_without,
    edits: [replace(GOALS, "unit = \"procentenheter\"", "unit = \"skillnader-minska\"")],
    problems: [error(GOALS, 13, 10, "goal[0].indicator[0].target", "this unit takes no `amount`")],
}

// goals.rs: an amount that is not a positive number.
rule! {
    name: target_amount_not_positive,
    edits: [replace(GOALS, "amount = 2,", "amount = -2,")],
    problems: [error(GOALS, 13, 21, "goal[0].indicator[0].target.amount", "the amount must be a positive number")],
}

// goals.rs: an age band that ends before it starts.
rule! {
    name: age_band_backwards,
    edits: [replace(GOALS, "age = { from = 18, to = 84 }", "age = { from = 18, to = 16 }")],
    problems: [error(GOALS, 27, 7, "goal[1].indicator[0].age", "the age band ends (16) before it starts (18)")],
}

// goals.rs: the same KPI twice for one indicator.
rule! {
    name: kpi_twice_for_an_indicator,
    edits: [replace(GOALS, "kolada = [{ kpi = \"N15428\" }]", "kolada = [{ kpi = \"N15428\" }, { kpi = \"N15428\" }]")],
    problems: [error(GOALS, 14, 39, "goal[0].indicator[0].kolada[1].kpi", "KPI `N15428` is listed twice for this indicator")],
}

// goals.rs: a KPI the catalogue does not have.
rule! {
    name: kpi_not_in_the_catalogue,
    edits: [replace(GOALS, "kpi = \"N15428\"", "kpi = \"N15429\"")],
    problems: [error(GOALS, 14, 19, "goal[0].indicator[0].kolada[0].kpi", "the Kolada KPI `N15429` is not in `kolada.toml`")],
}

// goals.rs: a target year that has passed (a warning).
rule! {
    name: target_year_passed,
    edits: [replace(GOALS, "follow_up_years = 3", "follow_up_years = 3\ntarget_year = 2026")],
    problems: [warning(GOALS, 3, 15, "target_year", "the targets were to be reached by 2026, before 2030")],
}

// goals.rs: no follow-up period (a warning).
rule! {
    name: no_follow_up_period,
    edits: [replace(GOALS, "follow_up_years = 3\n", "")],
    problems: [warning(GOALS, 0, 0, "", "the goals of 2030 name no follow-up period; `perspektiv annexes` needs one")],
}

// goals.rs: a goal without indicators (a warning).
rule! {
    name: goal_without_indicators,
    edits: [append(GOALS, "\n[[goal]]\nid = \"tom\"\ntitle = \"Tomt\"\ntext = \"Inget mäts.\"\n")],
    problems: [warning(GOALS, 30, 1, "goal[2]", "the goal ”Tomt” has no indicators")],
}

// goals.rs: an indicator without a KPI (a warning).
rule! {
    name: indicator_without_kpi,
    edits: [replace(GOALS, "kolada = [{ kpi = \"U01413\", complement = true }]\n", "data_source = \"SCB\"\n")],
    problems: [warning(GOALS, 23, 6, "goal[1].indicator[0].id", "the indicator ”Fler personer i åldrarna 18–84 år ska känna tillit.” has no Kolada KPI (values from SCB)")],
}

// goals.rs: a KPI that Kolada no longer publishes (a warning).
rule! {
    name: kpi_no_longer_published,
    edits: [replace(KOLADA, "publ_period = 2026\ncurrent = true\n\n", "publ_period = 2026\ncurrent = false\n\n")],
    problems: [
        warning(GOALS, 14, 19, "goal[0].indicator[0].kolada[0].kpi", "the indicator ”Fler elever ska vara behöriga.” follows KPI `N15428`, which Kolada no longer publishes (`current = false` in `kolada.toml`); its values end in 2026"),
    ],
}

// goals.rs: a KPI whose latest period is older than the target year (a warning).
rule! {
    name: kpi_published_before_the_target_year,
    edits: [
        replace(GOALS, "follow_up_years = 3", "follow_up_years = 3\ntarget_year = 2031"),
        replace(KOLADA, "publ_period = 2026\ncurrent = true\n\n", "publ_period = 2031\ncurrent = true\n\n"),
    ],
    problems: [
        warning(GOALS, 29, 19, "goal[1].indicator[0].kolada[0].kpi", "Kolada's latest period of KPI `U01413` (the indicator ”Fler personer i åldrarna 18–84 år ska känna tillit.”) is 2026, older than 2031, the target year"),
    ],
}

// mod.rs: an acknowledgement without a warning to acknowledge (a warning).
rule! {
    name: acknowledged_without_warning,
    edits: [replace(GOALS, "kolada = [{ kpi = \"N15428\" }]\n", "kolada = [{ kpi = \"N15428\" }]\nacknowledged = \"Mäts på annat sätt.\"\n")],
    problems: [warning(GOALS, 15, 16, "goal[0].indicator[0].acknowledged", "`acknowledged` is set, but there is no warning here to acknowledge")],
}

// bodies.rs: duplicate remit id.
rule! {
    name: duplicate_remit_id,
    edits: [append(GROUPS, "\n[[remit]]\nid = \"arbetsgrupp\"\nitems = [\"Igen.\"]\n")],
    problems: [error(GROUPS, 40, 6, "remit[1].id", "duplicate remit id `arbetsgrupp`")],
}

// bodies.rs: a remit without items.
rule! {
    name: remit_without_items,
    edits: [replace(GROUPS, "items = [\"Identifiera.\", \"Stödja.\"]", "items = []")],
    problems: [error(GROUPS, 37, 9, "remit[0].items", "a remit needs at least one item")],
}

// bodies.rs: duplicate body id.
rule! {
    name: duplicate_body_id,
    edits: [append(GROUPS, "\n[[group]]\nid = \"radet\"\nname = \"Rådet igen\"\nkind = \"rad\"\n")],
    problems: [error(GROUPS, 40, 6, "group[3].id", "duplicate body id `radet`")],
}

// bodies.rs: a body reports to a body that does not exist.
rule! {
    name: reports_to_unknown_body,
    edits: [replace(GROUPS, "reports_to = \"radet\"", "reports_to = \"radett\"")],
    problems: [error(GROUPS, 11, 14, "group[1].reports_to", "unknown body `radett`")],
}

// bodies.rs: a body reports to itself (and so is in a cycle, with the bodies below it).
rule! {
    name: reports_to_itself,
    edits: [replace(GROUPS, "reports_to = \"radet\"", "reports_to = \"styrgrupp\"")],
    problems: [
        error(GROUPS, 11, 14, "group[1].reports_to", "Styrgruppen (`styrgrupp`) cannot report to itself"),
        error(GROUPS, 11, 14, "group[1].reports_to", "Styrgruppen (`styrgrupp`) is part of a reporting cycle"),
        error(GROUPS, 17, 14, "group[2].reports_to", "Arbetsgruppen (`arbetsgrupp`) is part of a reporting cycle"),
    ],
}

// bodies.rs: a reporting cycle.
rule! {
    name: reporting_cycle,
    edits: [replace(GROUPS, "short_name = \"R\"\n", "short_name = \"R\"\nreports_to = \"arbetsgrupp\"\n")],
    problems: [
        error(GROUPS, 5, 14, "group[0].reports_to", "Rådet (`radet`) is part of a reporting cycle"),
        error(GROUPS, 12, 14, "group[1].reports_to", "Styrgruppen (`styrgrupp`) is part of a reporting cycle"),
        error(GROUPS, 18, 14, "group[2].reports_to", "Arbetsgruppen (`arbetsgrupp`) is part of a reporting cycle"),
    ],
}

// bodies.rs: a body's remit does not exist (and so the remit is not used).
rule! {
    name: unknown_remit,
    edits: [replace(GROUPS, "remit = \"arbetsgrupp\"", "remit = \"arbetsgruppen\"")],
    problems: [
        error(GROUPS, 20, 9, "group[2].remit", "unknown remit `arbetsgruppen`"),
        warning(GROUPS, 34, 6, "remit[0].id", "the remit ”Arbetsgruppens uppdrag” (`arbetsgrupp`) is not used by any body"),
    ],
}

// bodies.rs: a term of office that ends before it starts.
rule! {
    name: term_backwards,
    edits: [replace(GROUPS, "short_name = \"R\"\n", "short_name = \"R\"\nterm = [{ from = 2030-01-01, until = 2029-12-31 }]\n")],
    problems: [error(GROUPS, 5, 9, "group[0].term[0]", "the term ends (2029-12-31) before it starts (2030-01-01)")],
}

// bodies.rs: terms of office that overlap.
rule! {
    name: terms_overlap,
    edits: [replace(GROUPS, "short_name = \"R\"\n", "short_name = \"R\"\nterm = [{ from = 2027-01-01, until = 2030-12-31 }, { from = 2030-12-31 }]\n")],
    problems: [
        error(GROUPS, 5, 52, "group[0].term[1]", "the terms of office of Rådet (`radet`) must follow each other without overlapping"),
    ],
}

// bodies.rs: duplicate area id in a body.
rule! {
    name: duplicate_area_id,
    edits: [replace(GROUPS, "text = \"Område A\"\n", "text = \"Område A\"\n\n[[group.area]]\nid = \"omrade-a\"\ntext = \"Område A igen\"\n")],
    problems: [error(GROUPS, 34, 6, "group[2].area[1].id", "duplicate area id `omrade-a`")],
}

// bodies.rs: a remit no body uses (and the remit block of the body that lost it is empty).
rule! {
    name: remit_not_used,
    edits: [replace(GROUPS, "remit = \"arbetsgrupp\"\n", "")],
    problems: [
        warning(GROUPS, 33, 6, "remit[0].id", "the remit ”Arbetsgruppens uppdrag” (`arbetsgrupp`) is not used by any body"),
        error(DOCUMENT, 57, 18, "chapter[1].block[2].remit.body", "Arbetsgruppen (`arbetsgrupp`) has no remit, so the `remit` block would be empty"),
    ],
}

// bodies.rs: duplicate member id.
rule! {
    name: duplicate_member_id,
    edits: [replace(MEMBERS, "id = \"cecilia-dahl\"", "id = \"asa-ek\"")],
    problems: [error(MEMBERS, 31, 6, "member[2].id", "duplicate member id `asa-ek`")],
}

// bodies.rs: a member's organisation is not a party.
rule! {
    name: member_of_unknown_party,
    edits: [replace(MEMBERS, "organisation = \"arjang\"", "organisation = \"arjng\"")],
    problems: [error(MEMBERS, 5, 16, "member[0].organisation", "unknown party `arjng`")],
}

// bodies.rs: a role in a body that does not exist.
rule! {
    name: role_in_unknown_body,
    edits: [replace(MEMBERS, "body = \"arbetsgrupp\"\nrole = \"samordnare\"", "body = \"arbetsgruppen\"\nrole = \"samordnare\"")],
    problems: [error(MEMBERS, 37, 8, "member[2].role[0].body", "unknown body `arbetsgruppen`")],
}

// bodies.rs: a role's organisation is not a party.
rule! {
    name: role_for_unknown_party,
    edits: [replace(MEMBERS, "role = \"samordnare\"\n", "role = \"samordnare\"\norganisation = \"varmland\"\n")],
    problems: [error(MEMBERS, 39, 16, "member[2].role[0].organisation", "unknown party `varmland`")],
}

// bodies.rs: a role in an area the body does not have.
rule! {
    name: role_in_unknown_area,
    edits: [replace(MEMBERS, "area = \"omrade-a\"", "area = \"omrade-b\"")],
    problems: [
        error(MEMBERS, 43, 8, "member[2].role[1].area", "Arbetsgruppen (`arbetsgrupp`) has no area `omrade-b`"),
    ],
}

// bodies.rs: a role's period that ends before it starts.
rule! {
    name: role_period_backwards,
    edits: [replace(MEMBERS, "role = \"samordnare\"\n", "role = \"samordnare\"\nfrom = 2032-01-01\nuntil = 2031-06-01\n")],
    problems: [error(MEMBERS, 40, 9, "member[2].role[0].until", "the period ends (2031-06-01) before it starts (2032-01-01)")],
}

// bodies.rs: a seat outside the body's terms of office (a warning).
rule! {
    name: seat_outside_terms,
    edits: [replace(GROUPS, "state_financed = true\n", "state_financed = true\nterm = [{ from = 2031-01-01 }]\n")],
    problems: [
        warning(MEMBERS, 36, 1, "member[2].role[0]", "Cecilia Dahl's seat in Arbetsgruppen (`arbetsgrupp`) does not lie within one of its terms of office"),
    ],
}

// bodies.rs: the same role in the same body twice at once.
rule! {
    name: same_role_twice,
    edits: [append(MEMBERS, "\n[[member.role]]\nbody = \"arbetsgrupp\"\nrole = \"samordnare\"\n")],
    problems: [
        error(MEMBERS, 45, 1, "member[2].role[2]", "Cecilia Dahl holds the role samordnare in Arbetsgruppen (`arbetsgrupp`) twice in overlapping periods"),
    ],
}

// bodies.rs (the same place): two holders of a single-seat role at once.
rule! {
    name: single_seat_role_twice,
    edits: [
        replace(MEMBERS, "role = \"ordforande\"\nfrom = 2030-05-05\n", "role = \"ordforande\"\nfrom = 2030-05-05\n\n[[member.role]]\nbody = \"radet\"\nrole = \"ordforande\"\n"),
        append(MEMBERS, "\n[[member.role]]\nbody = \"radet\"\nrole = \"ordforande\"\n"),
    ],
    problems: [
        error(MEMBERS, 49, 1, "member[2].role[2]", "Bo Berg and Cecilia Dahl are both ordförande of Rådet (`radet`) in overlapping periods"),
    ],
}

// bodies.rs: a seat that ended before the edition's year (a warning).
rule! {
    name: seat_ended_before_the_year,
    edits: [replace(MEMBERS, "role = \"samordnare\"\n", "role = \"samordnare\"\nuntil = 2029-06-30\n")],
    problems: [warning(MEMBERS, 39, 9, "member[2].role[0].until", "Cecilia Dahl's seat in Arbetsgruppen ended on 30 juni 2029, before 2030")],
}

// bodies.rs: a seat that ended before the document's date, nobody taking it over (a warning).
rule! {
    name: seat_ended_before_the_date,
    edits: [replace(MEMBERS, "role = \"samordnare\"\n", "role = \"samordnare\"\nuntil = 2030-02-01\n")],
    problems: [warning(MEMBERS, 39, 9, "member[2].role[0].until", "Cecilia Dahl's seat in Arbetsgruppen ended on 1 februari 2030, before the document's date (1 mars 2030), and nobody took it over")],
}

// bodies.rs: a seat that ends while the edition is in force (a warning).
rule! {
    name: seat_ends_in_force,
    edits: [replace(MEMBERS, "role = \"samordnare\"\n", "role = \"samordnare\"\nuntil = 2030-10-01\n")],
    problems: [warning(MEMBERS, 39, 9, "member[2].role[0].until", "Cecilia Dahl's seat in Arbetsgruppen ends on 1 oktober 2030, while this edition is in force")],
}

// bodies.rs: an acknowledgement on a seat that someone takes over (a warning).
rule! {
    name: acknowledged_seat_with_successor,
    edits: [replace(MEMBERS, "until = 2030-05-04\n", "until = 2030-05-04\nacknowledged = \"Avgår.\"\n")],
    problems: [warning(MEMBERS, 12, 16, "member[0].role[0].acknowledged", "`acknowledged` is set, but there is no warning here to acknowledge")],
}

// bodies.rs: two seats of one body at once (a warning).
rule! {
    name: two_seats_in_one_body,
    edits: [append(MEMBERS, "\n[[member.role]]\nbody = \"arbetsgrupp\"\nrole = \"ledamot\"\n")],
    problems: [warning(MEMBERS, 45, 1, "member[2].role[2]", "Cecilia Dahl holds two seats in Arbetsgruppen: samordnare and ledamot")],
}

// bodies.rs: a vacant seat (a warning).
rule! {
    name: vacant_seat,
    edits: [replace(GROUPS, VACANCY_ACK, "")],
    problems: [warning(GROUPS, 24, 1, "group[2].vacancy[0]", "Arbetsgruppen has a vacant seat (MAS)")],
}

// calendar.rs: duplicate entry id.
rule! {
    name: duplicate_adjacent_id,
    edits: [replace(APPENDICES, "\n[[calendar]]\n", "\n[[adjacent]]\nid = \"agenda-2030\"\nname = \"Igen\"\ntext = \"Igen.\"\n\n[[calendar]]\n")],
    problems: [error(APPENDICES, 7, 6, "adjacent[1].id", "duplicate entry id `agenda-2030`")],
}

// calendar.rs: duplicate calendar id.
rule! {
    name: duplicate_calendar_id,
    edits: [append(APPENDICES, "\n[[calendar]]\nid = \"arshjul\"\nmeeting_bodies = []\n\n[[calendar.track]]\nid = \"t\"\nlabel = \"T\"\n\n[[calendar.month]]\nmonth = 1\n\n[calendar.month.tasks]\nt = [\"X.\"]\n")],
    problems: [error(APPENDICES, 35, 6, "calendar[1].id", "duplicate calendar id `arshjul`")],
}

// calendar.rs: a meeting body that does not exist.
rule! {
    name: unknown_meeting_body,
    edits: [replace(APPENDICES, "meeting_bodies = [\"radet\"]", "meeting_bodies = [\"radet\", \"radett\"]")],
    problems: [error(APPENDICES, 9, 28, "calendar[0].meeting_bodies[1]", "unknown body `radett`")],
}

// calendar.rs: duplicate track id.
rule! {
    name: duplicate_track_id,
    edits: [replace(APPENDICES, "body = \"styrgrupp\"\n", "body = \"styrgrupp\"\n\n[[calendar.track]]\nid = \"styrgrupp\"\nlabel = \"Igen\"\n")],
    problems: [error(APPENDICES, 17, 6, "calendar[0].track[1].id", "duplicate track id `styrgrupp`")],
}

// calendar.rs: a track's body that does not exist.
rule! {
    name: track_of_unknown_body,
    edits: [replace(APPENDICES, "body = \"styrgrupp\"\n", "body = \"styrgruppen\"\n")],
    problems: [error(APPENDICES, 14, 8, "calendar[0].track[0].body", "unknown body `styrgruppen`")],
}

// calendar.rs: a meeting of a body that is not a meeting body of the calendar.
rule! {
    name: meeting_of_another_body,
    edits: [replace(APPENDICES, "body = \"radet\"\nday = 25", "body = \"styrgrupp\"\nday = 25")],
    problems: [
        error(APPENDICES, 21, 8, "calendar[0].month[0].meeting[0].body", "Styrgruppen (`styrgrupp`) is not one of the calendar's meeting bodies"),
    ],
}

// calendar.rs: a day the month does not have.
rule! {
    name: no_such_day,
    edits: [replace(APPENDICES, "day = 15", "day = 31")],
    problems: [error(APPENDICES, 32, 7, "calendar[0].month[1].meeting[0].day", "september has no day 31")],
}

// calendar.rs: tasks for a track that does not exist.
rule! {
    name: tasks_of_unknown_track,
    edits: [replace(APPENDICES, "styrgrupp = [\"Möte.\", \"Planering.\"]", "styrgrupper = [\"Möte.\", \"Planering.\"]")],
    problems: [error(APPENDICES, 25, 15, "calendar[0].month[0].tasks.styrgrupper", "unknown track `styrgrupper`")],
}

// calendar.rs: a month without meetings or tasks (a warning).
rule! {
    name: empty_month,
    edits: [replace(APPENDICES, SEPTEMBER, "[[calendar.month]]\nmonth = 9\n")],
    problems: [warning(APPENDICES, 27, 1, "calendar[0].month[1]", "september in the calendar ”Bilaga 3 – Årshjul” is empty")],
}

// calendar.rs: the same, of a calendar without a title that no chapter shows: named by its id.
rule! {
    name: empty_month_of_a_calendar_not_shown,
    edits: [
        replace(APPENDICES, SEPTEMBER, "[[calendar.month]]\nmonth = 9\n"),
        replace(DOCUMENT, "\n[[appendix.block]]\ncalendar = { calendar = \"arshjul\" }\n", "\n"),
    ],
    problems: [
        warning(DOCUMENT, 92, 9, "appendix[2].title", "the appendix ”Årshjul” is empty"),
        warning(APPENDICES, 27, 1, "calendar[0].month[1]", "september in calendar `arshjul` is empty"),
    ],
}

// calendar.rs: a meeting without a day (a warning).
rule! {
    name: meeting_without_day,
    edits: [replace(APPENDICES, "day = 15\n", "")],
    problems: [
        warning(APPENDICES, 30, 1, "calendar[0].month[1].meeting[0]", "the day of the meeting of Rådet (`radet`) in september is not set"),
    ],
}

// document.rs: keywords too long together.
rule! {
    name: keywords_too_long_together,
    edits: [replace(DOCUMENT, "keywords = [\"test\"]", format!("keywords = [{}]", vec![format!("\"{}\"", "k".repeat(500)); 3].join(", ")))],
    problems: [error(DOCUMENT, 7, 12, "keywords", "the keywords have 1504 characters together; at most 1000 fit")],
}

// document.rs: duplicate chapter id (chapters and appendices together).
rule! {
    name: duplicate_chapter_id,
    edits: [replace(DOCUMENT, "id = \"bilaga-3\"", "id = \"inledning\"")],
    problems: [error(DOCUMENT, 91, 6, "appendix[2].id", "duplicate chapter id `inledning`")],
}

// document.rs: a block of a body that does not exist (and so it shows nobody).
rule! {
    name: block_of_unknown_body,
    edits: [replace(DOCUMENT, "members = { body = \"styrgrupp\" }", "members = { body = \"styrgruppen\" }")],
    problems: [
        error(DOCUMENT, 51, 20, "chapter[1].block[0].members.body", "unknown body `styrgruppen`"),
        warning(DOCUMENT, 50, 1, "chapter[1].block[0]", "the members block of `styrgruppen` shows nobody"),
    ],
}

// document.rs: a block that would be empty.
rule! {
    name: empty_block,
    edits: [replace(DOCUMENT, "areas = { body = \"arbetsgrupp\" }", "areas = { body = \"styrgrupp\" }")],
    problems: [
        error(DOCUMENT, 60, 18, "chapter[1].block[3].areas.body", "Styrgruppen (`styrgrupp`) has no areas, so the `areas` block would be empty"),
    ],
}

// document.rs: an organisation chart from a body that does not exist.
rule! {
    name: org_chart_of_unknown_body,
    edits: [replace(DOCUMENT, "root = \"radet\"", "root = \"raadet\"")],
    problems: [error(DOCUMENT, 66, 22, "chapter[1].block[5].org_chart.root", "unknown body `raadet`")],
}

// document.rs: a calendar block of a calendar that does not exist.
rule! {
    name: unknown_calendar,
    edits: [replace(DOCUMENT, "calendar = { calendar = \"arshjul\" }", "calendar = { calendar = \"arshjulet\" }")],
    problems: [error(DOCUMENT, 95, 25, "appendix[2].block[0].calendar.calendar", "unknown calendar `arshjulet`")],
}

// document.rs: a heading that skips a level.
rule! {
    name: heading_skips_a_level,
    edits: [replace(DOCUMENT, "# Ett avsnitt", "## Ett avsnitt")],
    problems: [error(DOCUMENT, 26, 8, "chapter[0].block[0].text", "a level-3 heading follows a level-1 heading")],
}

// document.rs: a chapter without blocks (a warning).
rule! {
    name: empty_appendix,
    edits: [append(DOCUMENT, "\n[[appendix]]\nid = \"tom\"\ntitle = \"Tom\"\n")],
    problems: [warning(DOCUMENT, 99, 9, "appendix[3].title", "the appendix ”Tom” is empty")],
}

// document.rs: a members block that shows nobody (a warning).
rule! {
    name: members_block_shows_nobody,
    edits: [replace(DOCUMENT, "members = { body = \"styrgrupp\" }", "members = { body = \"radet\" }")],
    problems: [warning(DOCUMENT, 50, 1, "chapter[1].block[0]", "the members block of Rådet shows nobody")],
}

// document.rs: the publisher's e-mail address is not one.
rule! {
    name: publisher_email_not_an_address,
    edits: [replace(DOCUMENT, "email = \"perspektiv@example.se\"", "email = \"mailto:perspektiv\"")],
    problems: [error(DOCUMENT, 18, 9, "publisher.email", "`mailto:perspektiv` is not an e-mail address")],
}

// document.rs: the publisher's phone number is not one.
rule! {
    name: publisher_phone_not_a_number,
    edits: [replace(DOCUMENT, "email = \"perspektiv@example.se\"\n", "email = \"perspektiv@example.se\"\nphone = \"ring växeln\"\n")],
    problems: [error(DOCUMENT, 19, 9, "publisher.phone", "`ring växeln` is not a phone number")],
}

// document.rs: a web address of the publisher that is not one (its page, its own statement).
rule! {
    name: publisher_url_not_a_web_address,
    edits: [replace(DOCUMENT, "email = \"perspektiv@example.se\"\n", "email = \"perspektiv@example.se\"\nurl = \"www.example.se\"\naccessibility_statement_url = \"https://www.example.se/tillganglighet\"\n")],
    problems: [error(DOCUMENT, 19, 7, "publisher.url", "`www.example.se` is not a web address")],
}

// document.rs: a publisher without an e-mail address or phone number (a warning).
rule! {
    name: publisher_without_contact,
    edits: [replace(DOCUMENT, "email = \"perspektiv@example.se\"\n", "url = \"https://www.example.se/perspektiv\"\n")],
    problems: [warning(DOCUMENT, 17, 8, "publisher.name", "the accessibility statement gives no e-mail address or phone number for Testregionen")],
}

// document.rs: with the publisher's own statement, the web edition needs no contact of its own.
rule! {
    name: publisher_with_its_own_statement,
    edits: [replace(DOCUMENT, "email = \"perspektiv@example.se\"\n", "accessibility_statement_url = \"https://www.example.se/tillganglighet\"\n")],
    problems: [],
}

// document.rs: no publisher at all (a warning).
rule! {
    name: no_publisher,
    edits: [replace(DOCUMENT, "[publisher]\nname = \"Testregionen\"\nemail = \"perspektiv@example.se\"\n", "")],
    problems: [warning(DOCUMENT, 5, 10, "author", "the document names no publisher, so the web edition's accessibility statement gives nobody to contact")],
}

// text.rs: an indented line in prose, pointed at in a multi-line string.
rule! {
    name: indented_prose_line,
    edits: [replace(DOCUMENT, "Ett *litet* dokument för tester.\n", "Ett *litet* dokument för tester.\n\n    kod\n")],
    problems: [error(DOCUMENT, 15, 1, "cover.text", "an indented line: Markdown reads a line that starts with a tab or four spaces as code")],
}

// text.rs: prose Markdown cannot convert (a heading where none may be).
rule! {
    name: prose_that_does_not_convert,
    edits: [replace(GOALS, "text = \"Alla ska må bra.\"", "text = \"# Rubrik\"")],
    problems: [error(GOALS, 7, 8, "goal[0].text", "headings are not allowed here")],
}

// text.rs: an empty text.
rule! {
    name: empty_text,
    edits: [replace(MEMBERS, "title = \"utvecklingsledare\"", "title = \" \"")],
    problems: [error(MEMBERS, 33, 9, "member[2].title", "empty text")],
}

// text.rs: a text that is not prose, too long.
rule! {
    name: text_too_long,
    edits: [replace(GOALS, "title = \"Hållbart\"", format!("title = \"{}\"", "h".repeat(1001)))],
    problems: [error(GOALS, 18, 9, "goal[1].title", "a text of 1001 characters; at most 1000 fit here")],
}

// text.rs: an invisible character, pointed at where it is written (a warning).
rule! {
    name: invisible_character,
    edits: [replace(GOALS, "title = \"Hållbart\"", "title = \"Håll\\u200Bbart\"")],
    problems: [warning(GOALS, 18, 14, "goal[1].title", "an invisible character, U+200B (zero-width space): it shows nothing, but search, copying and screen readers meet it")],
}

// text.rs: a control character.
rule! {
    name: control_character,
    edits: [replace(GOALS, "title = \"Hållbart\"", "title = \"Håll\\u0007bart\"")],
    problems: [error(GOALS, 18, 9, "goal[1].title", "a control character: U+0007")],
}

// text.rs (the same place): a character the shipped fonts cannot show.
rule! {
    name: character_without_glyph,
    edits: [replace(GOALS, "title = \"Hållbart\"", "title = \"Håll\u{E000}bart\"")],
    problems: [error(GOALS, 18, 9, "goal[1].title", "a character the shipped fonts cannot show: U+E000 `\u{E000}`")],
}
