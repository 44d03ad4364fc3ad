//! Loading a year's `values/*.json`, `values/*.xlsx` and `values/*.csv` and checking them
//! against the parties, the KPI catalogue and the goals.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::PathBuf;

use super::json::{Mode, parse};
use super::sheet::{self, Known, Measured, OwnValue, Place, SheetProblem};
use super::{DIR, Gender, Values};
use crate::diagnostics::{KeyPath, Location, Problem};
use crate::sources::GoalsFile;
use crate::sources::ids::KpiId;
use crate::sources::parties::{AreaCode, KoladaFile, PartiesFile};
use crate::sources::{Report, SourceTree};
use crate::{msg, t};

/// The kinds of spreadsheet read, by the end of their names.
const SHEETS: [&str; 2] = [".xlsx", ".csv"];

/// Loads and checks the values of `year` (a missing `values/` folder means no values): the JSON
/// files first, then the spreadsheets, whose rows are checked against them. Problems go into
/// `report`, with the texts of the files they point into: errors for what is wrong, a note per
/// file for the records of other areas that were skipped, a warning for a file in the folder
/// that is neither. Without `goals` (they did not load), the rows of indicators are not checked.
pub fn load(
    tree: &dyn SourceTree,
    year: i32,
    parties: &PartiesFile,
    kolada: &KoladaFile,
    goals: Option<&GoalsFile>,
    report: &mut Report,
) -> Values {
    let dir = PathBuf::from(year.to_string()).join(DIR);
    let mut values = Values::default();
    let names = match tree.list(&dir) {
        Ok(names) => names,
        Err(e) => {
            let shown = tree.display(&dir);
            report.problems.push(Problem::error(
                Location::file(&shown),
                crate::msg!("read-failed", file = shown.display().to_string(), error = e.to_string()),
            ));
            return values;
        }
    };
    let kpis: BTreeSet<&str> = kolada.kpi.iter().map(|k| k.id.as_str()).collect();
    let areas: BTreeSet<&str> = parties.value_areas().collect();
    let official = crate::kolada::areas::official();
    let mut first: BTreeMap<(KpiId, AreaCode, i32), Location> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut scratch = Report::default();
    let mut sheets = Vec::new();
    for name in &names {
        let rel = dir.join(name);
        let path = tree.display(&rel);
        // `~$name.xlsx` is the mark of a workbook open in Excel.
        if name.starts_with('.') || name.starts_with("~$") || crate::sources::is_scratch(name) {
            continue;
        }
        if SHEETS.iter().any(|end| name.to_lowercase().ends_with(end)) {
            sheets.push(name);
            continue;
        }
        if !name.ends_with(".json") {
            problems.push(
                Problem::warning(Location::file(&path), msg!("not-a-values-file", name = name.as_str()))
                    .with_hint(t!("not-a-values-file.hint")),
            );
            continue;
        }
        let bytes = match tree.read(&rel) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => continue,
            Err(e) => {
                let message =
                    crate::msg!("read-failed", file = path.display().to_string(), error = e.to_string());
                problems.push(Problem::error(Location::file(&path), message));
                continue;
            }
        };
        let Some(text) = crate::sources::read_text(&path, &bytes, &mut scratch) else {
            problems.append(&mut scratch.problems);
            continue;
        };
        let doc = parse(&text, Mode::File);
        let at = |key: KeyPath, span: Range<usize>| Location { file: path.clone(), span: Some(span), key };
        for p in doc.problems {
            let mut problem = Problem::error(at(p.key, p.span), p.message);
            if let Some(hint) = p.hint {
                problem = problem.with_hint(hint);
            }
            problems.push(problem);
        }
        let mut other_areas: BTreeSet<String> = BTreeSet::new();
        let mut skipped = 0;
        for (record, spans) in doc.records {
            // A whole country's answer from Kolada is kept: the other municipalities and regions
            // give the parties' places among them. Areas that are none of those (a group of
            // municipalities) are of no interest here.
            if !areas.contains(record.area.as_str()) && !official.contains(record.area.as_str()) {
                other_areas.insert(record.area.as_str().to_owned());
                skipped += 1;
                continue;
            }
            let base = KeyPath::root().key("values").index(spans.index);
            let mut ok = true;
            if !kpis.contains(record.kpi.as_str()) {
                problems.push(
                    Problem::error(
                        at(base.key("kpi"), spans.kpi.clone()),
                        msg!("unknown-kpi", kpi = record.kpi.as_str()),
                    )
                    .with_hint(t!("unknown-kpi.hint")),
                );
                ok = false;
            }
            let key = (record.kpi.clone(), record.area.clone(), record.period);
            let here = at(base, spans.record.clone());
            if let Some(earlier) = first.get(&key) {
                problems.push(
                    Problem::error(
                        here,
                        msg!(
                            "duplicate-record",
                            kpi = record.kpi.as_str(),
                            area = record.area.as_str(),
                            period = record.period
                        ),
                    )
                    .with_related(earlier.clone(), t!("duplicate-record.first"))
                    .with_hint(t!("duplicate-record.hint")),
                );
                continue;
            }
            first.insert(key, here);
            if ok {
                values.insert(record);
            }
        }
        if skipped > 0 {
            let shown: Vec<&str> = other_areas.iter().map(String::as_str).take(5).collect();
            let more = if other_areas.len() > shown.len() { ", …" } else { "" };
            let areas = format!("{}{more}", shown.join(", "));
            problems.push(
                Problem::note(
                    Location::file(&path),
                    msg!("records-skipped", records = skipped, areas = areas),
                )
                .with_hint(t!("records-skipped.hint")),
            );
        }
        values.files.push(path.clone());
        scratch.texts.insert(&path, &text);
    }
    let own_ids: Vec<&str> = goals
        .iter()
        .flat_map(|g| &g.goal)
        .flat_map(|g| &g.indicator)
        .filter(|i| i.kolada.is_empty())
        .map(|i| i.id.as_str())
        .collect();
    let kpi_known = |k: &str| kpis.contains(k);
    let area_known = |a: &str| areas.contains(a) || official.contains(a);
    let indicator_known = |id: &str| match goals {
        Some(goals) => goals
            .goal
            .iter()
            .flat_map(|g| &g.indicator)
            .find(|i| i.id.as_str() == id)
            .map(|i| !i.kolada.is_empty()),
        None => Some(false),
    };
    let known =
        Known { kpis: &kpi_known, areas: &area_known, indicator: &indicator_known, own_indicators: own_ids };
    let mut given: BTreeMap<(Measured, AreaCode, i32, Gender), (Location, String)> = BTreeMap::new();
    let mut own: Vec<OwnValue> = Vec::new();
    for name in sheets {
        let rel = dir.join(name);
        let path = tree.display(&rel);
        let bytes = match tree.read(&rel) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => continue,
            Err(e) => {
                let message =
                    crate::msg!("read-failed", file = path.display().to_string(), error = e.to_string());
                problems.push(Problem::error(Location::file(&path), message));
                continue;
            }
        };
        let tables = if name.to_lowercase().ends_with(".csv") {
            let Some(text) = crate::sources::read_text(&path, &bytes, &mut scratch) else {
                // Excel's "CSV (semikolonavgränsad)" is Windows-1252; its "CSV UTF-8" is UTF-8.
                for p in &mut scratch.problems {
                    p.hint = Some(t!("csv-not-utf8-hint"));
                }
                problems.append(&mut scratch.problems);
                continue;
            };
            scratch.texts.insert(&path, &text);
            match sheet::read_csv(&text) {
                Ok(table) => vec![table],
                Err(p) => {
                    problems.push(sheet_problem(&path, *p));
                    continue;
                }
            }
        } else {
            match sheet::read_xlsx(&bytes) {
                Ok(tables) => tables,
                Err(e) => {
                    problems.push(
                        Problem::error(Location::file(&path), msg!("workbook-unreadable", error = e))
                            .with_hint(t!("workbook-unreadable.hint")),
                    );
                    continue;
                }
            }
        };
        for table in &tables {
            let (rows, found) = sheet::values(table, &known);
            problems.extend(found.into_iter().map(|p| sheet_problem(&path, p)));
            for row in rows {
                // An empty `värde` is no value (a template's row not filled in), unless it
                // replaces Kolada's.
                if row.value.is_none() && !row.replaces {
                    continue;
                }
                let here = place_location(&path, &row.place);
                let key = (row.measured.clone(), row.area.clone(), row.year, row.gender);
                if let Some((earlier, earlier_place)) = given.get(&key) {
                    problems.push(
                        Problem::error(
                            here,
                            msg!(
                                "value-given-twice",
                                place = row.place.to_string(),
                                measured = row.measured.to_string(),
                                area = row.area.as_str(),
                                year = row.year,
                                gender = gender_word(row.gender)
                            ),
                        )
                        .with_related(earlier.clone(), t!("value-given-twice.first", place = earlier_place))
                        .with_hint(t!("value-given-twice.hint")),
                    );
                    continue;
                }
                given.insert(key, (here.clone(), row.place.to_string()));
                if let Measured::Kpi(kpi) = &row.measured
                    && values.get(kpi.as_str(), row.area.as_str(), row.year, row.gender).is_some()
                    && !row.replaces
                {
                    let mut problem = Problem::error(
                        here,
                        msg!(
                            "value-given-by-kolada",
                            place = row.place.to_string(),
                            kpi = kpi.as_str(),
                            area = row.area.as_str(),
                            year = row.year,
                            gender = gender_word(row.gender)
                        ),
                    )
                    .with_hint(t!("value-given-by-kolada.hint"));
                    if let Some(kolada_at) = first.get(&(kpi.clone(), row.area.clone(), row.year)) {
                        problem = problem.with_related(kolada_at.clone(), t!("value-given-by-kolada.kolada"));
                    }
                    problems.push(problem);
                    continue;
                }
                own.push(row);
            }
        }
        values.files.push(path.clone());
    }
    for row in own {
        values.insert_own(row);
    }
    // Only the files that problems point into are kept for showing them.
    for p in &problems {
        for loc in std::iter::once(&p.location).chain(p.related.iter().map(|(l, _)| l)) {
            if let Some(text) = scratch.texts.get(&loc.file) {
                report.texts.insert(&loc.file, text);
            }
        }
    }
    report.problems.extend(problems);
    values
}

/// The gender as the messages select it (`{ $gender -> [women] … }`).
fn gender_word(gender: Gender) -> &'static str {
    match gender {
        Gender::Total => "everyone",
        Gender::Women => "women",
        Gender::Men => "men",
    }
}

fn place_location(path: &std::path::Path, place: &Place) -> Location {
    Location { file: path.to_owned(), span: place.span.clone(), key: KeyPath::root() }
}

/// A problem of a spreadsheet, its message after its place ("row 2, column D (`år`): …"); its
/// code is its message's key.
fn sheet_problem(path: &std::path::Path, p: SheetProblem) -> Problem {
    let mut problem = Problem::error(place_location(path, &p.place), p.message);
    problem.message = t!("sheet-at", place = p.place.to_string(), message = problem.message);
    if let Some(hint) = p.hint {
        problem = problem.with_hint(hint);
    }
    problem
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diagnostics::Severity;
    use crate::sources::values::Gender;
    use crate::sources::values::tests::GOOD;

    #[test]
    fn loads_through_any_source_tree_and_checks_references() -> Result<(), Box<dyn std::error::Error>> {
        let parties: PartiesFile = toml_edit::de::from_str(
            "[[party]]\nid = \"karlstad\"\nname = \"Karlstad\"\nofficial_name = \"Karlstads kommun\"\n\
             code = \"1780\"\nkind = \"municipality\"\n[[comparison]]\ncode = \"0000\"\nname = \"Riket\"\n",
        )?;
        let kolada: KoladaFile = toml_edit::de::from_str(
            "[[kpi]]\nid = \"N15428\"\ntitle = \"t\"\nunit = \"andel\"\nmunicipality_type = \"A\"\ncurrent = true\n",
        )?;
        let other = r#"{"values":[{"kpi":"N15428","municipality":"1780","period":2023,"values":[]},
            {"kpi":"N00001","municipality":"0000","period":2024,"values":[]},
            {"kpi":"N15428","municipality":"1781","period":2024,"values":[]},
            {"kpi":"N15428","municipality":"G1","period":2024,"values":[]},
            {"kpi":"N15428","municipality":"G2","period":2024,"values":[]}]}"#;
        let files = BTreeMap::from([
            (PathBuf::from("2030/values/a.json"), GOOD.as_bytes().to_vec()),
            (PathBuf::from("2030/values/b.json"), other.as_bytes().to_vec()),
            (PathBuf::from("2030/values/notes.txt"), b"not json".to_vec()),
            (PathBuf::from("2030/values/b.json~"), b"a backup".to_vec()),
        ]);
        let tree = crate::sources::git::MemTree::new(files, "HEAD:sources");
        let mut report = Report::default();
        let values = load(&tree, 2030, &parties, &kolada, None, &mut report);
        let found: Vec<(Severity, String, String, String)> = report
            .problems
            .iter()
            .map(|p| {
                (
                    p.severity,
                    p.location.file.display().to_string(),
                    p.location.key.to_string(),
                    p.message.clone(),
                )
            })
            .collect();
        let file = "HEAD:sources/2030/values/b.json".to_owned();
        assert_eq!(
            found,
            vec![
                (
                    Severity::Error,
                    file.clone(),
                    "values[0]".into(),
                    "duplicate record: KPI `N15428`, area `1780`, period 2023 is given twice".into()
                ),
                (Severity::Error, file.clone(), "values[1].kpi".into(), "unknown KPI `N00001`".into()),
                (
                    Severity::Note,
                    file,
                    "".into(),
                    "skipped 2 records for areas that are neither parties, comparison areas, the parties' municipality groups nor Sweden's municipalities and regions: G1, G2"
                        .into()
                ),
                (
                    Severity::Warning,
                    "HEAD:sources/2030/values/notes.txt".into(),
                    "".into(),
                    "`notes.txt` is not a values file; perspektiv does not read it".into()
                ),
            ]
        );
        assert_eq!(report.problems[0].related[0].0.file, PathBuf::from("HEAD:sources/2030/values/a.json"));
        assert!(report.texts.get(Path::new("HEAD:sources/2030/values/a.json")).is_some());
        assert_eq!(values.get("N15428", "1780", 2023, Gender::Total), Some(83.1));
        assert_eq!(values.files().len(), 2);
        // Another municipality's record is kept, for the ranks.
        assert!(values.series("N15428", "1780").is_some() && values.series("N15428", "1781").is_some());
        assert!(values.series("N15428", "G1").is_none());
        assert!(load(&tree, 2031, &parties, &kolada, None, &mut Report::default()).is_empty());
        Ok(())
    }
}
