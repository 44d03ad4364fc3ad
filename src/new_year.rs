//! `perspektiv new YEAR --from PREV`: next year's sources from this year's, and a checklist of
//! what a person must look at before the first draft.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use toml_edit::{DocumentMut, Item};

use crate::console::Console;
use crate::diagnostics::FileTexts;
use crate::sources::common::{Date, swedish_date};
use crate::sources::{self, DirTree, Sources, kinds, text};
use crate::{output, t};

/// Copies the sources of `from` to a new year and prints the checklist. Each file keeps the line
/// endings and byte order mark of the one it is copied from; the new folder is written whole
/// ([`output::write_dir`]), at the folder a symbolic link `sources/<YEAR>` points to if there
/// is one.
pub fn run(sources_dir: &Path, year: i32, from: i32) -> Result<ExitCode> {
    let target = sources_dir.join(year.to_string());
    if target.exists() {
        bail!(t!("new-exists", folder = &target));
    }
    if year <= from {
        bail!(t!("new-not-after", year = year, from = from));
    }
    let console = Console::default();
    let tree = DirTree::new(sources_dir);
    let (prev, _) = sources::load(&tree, from).map_err(|report| {
        console.text(&report.texts.render(&report.problems, false));
        anyhow::anyhow!(t!("new-invalid-sources", year = year, from = from))
    })?;

    let delta = year - from;
    let mut texts = FileTexts::default();
    let mut written = Vec::new();
    for name in kinds::per_year().map(|k| k.file) {
        let src = sources_dir.join(from.to_string()).join(name);
        let bytes = std::fs::read(&src).with_context(|| t!("error-read", path = &src))?;
        // Moved as the sources are read (`\n` line breaks, no byte order mark), then written in
        // the style of the file it comes from.
        let (text, style) =
            text::decode(&bytes).map_err(|_| anyhow::anyhow!(t!("error-not-utf8", path = &src)))?;
        let mut doc: DocumentMut = text.parse().with_context(|| t!("error-parse", path = &src))?;
        if name == kinds::DOCUMENT.file {
            move_document(&mut doc, year, delta);
        } else if name == kinds::APPENDICES.file {
            move_calendars(&mut doc, delta);
        }
        let out = doc.to_string();
        texts.insert(&target.join(name), &out);
        written.push((name, style.apply(&out).into_owned()));
    }
    let entries: Vec<(&str, &[u8])> = written.iter().map(|(name, out)| (*name, out.as_bytes())).collect();
    output::write_dir(&target, &entries)?;

    let (next, _) = sources::load(&tree, year).map_err(|report| {
        console.text(&report.texts.render(&report.problems, false));
        anyhow::anyhow!(t!("new-bug", year = year))
    })?;
    console.out(&t!(
        "new-created",
        folder = target.display().to_string(),
        from = sources_dir.join(from.to_string()).display().to_string()
    ));
    console.out_text(&checklist(&prev, &next, &texts));
    Ok(ExitCode::SUCCESS)
}

/// The document's year and date move by `delta` years.
fn move_document(doc: &mut DocumentMut, year: i32, delta: i32) {
    doc["year"] = toml_edit::value(i64::from(year));
    if let Some(date) =
        doc.get("date").and_then(Item::as_value).and_then(|v| v.as_datetime()).and_then(|d| d.date)
        && let Some(d) = Date::from_ymd(i32::from(date.year), date.month, date.day)
    {
        let moved = d.add_years(delta);
        let new = toml_edit::Datetime {
            date: Some(toml_edit::Date { year: moved.year() as u16, month: moved.month(), day: moved.day() }),
            time: None,
            offset: None,
        };
        let decor = doc["date"].as_value().map(|v| v.decor().clone());
        doc["date"] = toml_edit::value(new);
        if let (Some(decor), Some(v)) = (decor, doc["date"].as_value_mut()) {
            *v.decor_mut() = decor;
        }
    }
}

/// The calendars keep their months and tasks; their years move and their meeting days are unset.
fn move_calendars(doc: &mut DocumentMut, delta: i32) {
    let Some(calendars) = doc.get_mut("calendar").and_then(Item::as_array_of_tables_mut) else {
        return;
    };
    for cal in calendars.iter_mut() {
        let Some(months) = cal.get_mut("month").and_then(Item::as_array_of_tables_mut) else { continue };
        for month in months.iter_mut() {
            if let Some(y) = month.get("year").and_then(Item::as_integer) {
                month["year"] = toml_edit::value(y + i64::from(delta));
            }
            if let Some(meetings) = month.get_mut("meeting").and_then(Item::as_array_of_tables_mut) {
                for meeting in meetings.iter_mut() {
                    meeting.remove("day");
                }
            }
        }
    }
}

fn section(out: &mut String, title: &str, items: &[String]) {
    let _ = writeln!(out, "\n{title}:");
    if items.is_empty() {
        let _ = writeln!(out, "  {}", t!("checklist-none"));
    }
    for item in items {
        let _ = writeln!(out, "  - {item}");
    }
}

/// What a person must review in the new year's sources.
pub fn checklist(prev: &Sources, next: &Sources, texts: &FileTexts) -> String {
    let year = next.year;
    let start = Date::from_ymd(year, 1, 1);
    let end = Date::from_ymd(year, 12, 31);
    let mut out = format!("\n{}\n", t!("checklist", year = year));
    let body = |id: &crate::sources::ids::GroupId| {
        next.groups
            .data
            .group
            .iter()
            .find(|g| &g.id == id)
            .map_or_else(|| format!("`{id}`"), |g| g.name.clone())
    };

    let mut ending = Vec::new();
    let mut later = Vec::new();
    for m in &next.members.data.member {
        for r in &m.role {
            let Some(until) = r.until else { continue };
            let line = t!(
                "checklist-period-ends",
                person = m.name.as_str(),
                role = r.role.swedish(),
                body = body(&r.body),
                until = swedish_date(until)
            );
            if start.is_some_and(|s| until < s) {
                ending.push(format!("{line} {}", t!("checklist-period-ends.before", year = year)));
            } else if end.is_some_and(|e| until <= e) {
                ending.push(format!("{line} {}", t!("checklist-period-ends.during", year = year)));
            } else {
                later.push(line);
            }
        }
    }
    section(&mut out, &t!("checklist-ending", year = year), &ending);
    section(&mut out, &t!("checklist-later"), &later);

    let mut targets = Vec::new();
    if let Some(t) = next.goals.data.target_year.filter(|t| i32::from(*t) < year) {
        targets.push(t!("checklist-target-passed", target = t));
    }
    section(&mut out, &t!("checklist-targets"), &targets);

    let no_kpi: Vec<String> = next
        .goals
        .data
        .goal
        .iter()
        .flat_map(|g| &g.indicator)
        .filter(|i| i.kolada.is_empty())
        .map(|i| match &i.data_source {
            Some(source) => t!("checklist-values-from", indicator = i.text.as_str(), source = source),
            None => i.text.clone(),
        })
        .collect();
    section(&mut out, &t!("checklist-no-kpi"), &no_kpi);

    let mut days = Vec::new();
    for c in &next.appendices.data.calendar {
        for m in &c.month {
            for meeting in &m.meeting {
                if meeting.day.is_none() {
                    let when = m
                        .year
                        .map_or_else(|| m.month.name().to_owned(), |y| format!("{} {y}", m.month.name()));
                    let calendar = next
                        .document
                        .data
                        .calendar_name(c)
                        .map_or_else(|| format!("`{}`", c.id), |name| format!("”{name}”"));
                    days.push(t!(
                        "checklist-meeting",
                        body = body(&meeting.body),
                        when = when,
                        calendar = calendar
                    ));
                }
            }
        }
    }
    section(&mut out, &t!("checklist-days"), &days);

    let vacancies: Vec<String> = next
        .groups
        .data
        .group
        .iter()
        .flat_map(|g| {
            g.vacancy.iter().map(move |v| {
                format!(
                    "{}: {}{}",
                    g.name,
                    v.function,
                    v.note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default()
                )
            })
        })
        .collect();
    section(&mut out, &t!("checklist-vacancies"), &vacancies);

    let old_year = prev.year.to_string();
    let mut mentions = Vec::new();
    for (path, doc) in [
        (&next.document.path, next.document.toml()),
        (&next.goals.path, next.goals.toml()),
        (&next.groups.path, next.groups.toml()),
        (&next.appendices.path, next.appendices.toml()),
    ] {
        for (key, value, span) in sources::strings(doc) {
            let mentions_year = value.match_indices(&old_year).any(|(i, _)| {
                let before = value[..i].chars().next_back();
                let after = value[i + old_year.len()..].chars().next();
                !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
            });
            if mentions_year {
                // Point at the mention itself inside the value, not at the start of a long text.
                let raw = texts.get(path).unwrap_or("");
                let offset = span.map(|s| {
                    raw.get(s.clone()).and_then(|r| r.find(&old_year)).map_or(s.start, |i| s.start + i)
                });
                let at = offset
                    .and_then(|o| texts.line_col(path, o))
                    .map(|(l, c)| format!("{}:{l}:{c}", path.display()))
                    .unwrap_or_else(|| path.display().to_string());
                let excerpt: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
                let i = excerpt.find(&old_year).unwrap_or(0);
                let from = excerpt[..i].char_indices().rev().nth(40).map_or(0, |(k, _)| k);
                let snippet: String = excerpt[from..].chars().take(90).collect();
                mentions.push(format!("{at} `{key}`: …{snippet}…"));
            }
        }
    }
    section(&mut out, &t!("checklist-mentions", year = old_year.as_str()), &mentions);

    section(&mut out, &t!("checklist-values"), &[t!("checklist-fetch", year = year)]);
    out
}
