//! The spreadsheet of a run, for the office: `<year>-aktuellt-perspektiv.xlsx` with four sheets.
//!
//! - "Matris": a row per indicator (per KPI for labelled ones) and a column per party with the
//!   assessment in words, as in the county overview.
//! - "Värden": a row per indicator, KPI and area (the parties, then the comparison areas) with
//!   the period, both values, the change (numbers, one decimal shown), the assessment, the
//!   values' source and, where the values cover the whole country, the party's place among the
//!   country's municipalities (or regions), of how many, and the quartile in words.
//! - "Filer": the files of the zip, as `manifest.csv` lists them.
//! - "Om": the values' sources, and that the changes, assessments and places are perspektiv's own
//!   processing ("egen bearbetning av data från Kolada"), as Kolada's terms of use ask; the
//!   "Värden" sheet says so in its headers and names each row's source.
//!
//! Area codes are written as text, so `0017` stays `0017`. The bytes are reproducible: the
//! workbook's creation date is the edition's date (or `SOURCE_DATE_EPOCH`'s), and the zip inside
//! the file has fixed times.

use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::bundle::Entry;
use super::view::{AssessmentView, Ctx, kind_plural};
use crate::sources::common::Date;
use crate::sources::parties::{Party, PartyKind};
use crate::sources::values::Gender;
use crate::wording::goal_heading;

/// The "Källa" of a row of "Värden": the source, and what of the values is not the source's own
/// ("Kolada, 100 minus Koladas värde (egen bearbetning)", "Kolada, med egna värden för 2023").
fn sheet_source(ctx: &Ctx<'_>, m: &super::view::Measure<'_>, code: &str) -> String {
    let mut out = m.source_name();
    if let Some(note) = m.complement_mark() {
        out.push_str(", ");
        out.push_str(note);
    }
    if let (Some(k), Some(p)) = (m.kpi, m.period) {
        let own: Vec<String> = [p.from, p.to]
            .into_iter()
            .filter(|y| ctx.values.from_sheet(k.id.as_str(), code, *y, Gender::Total))
            .map(|y| y.to_string())
            .collect();
        if !own.is_empty() {
            out.push_str(&format!(", med egna värden för {}", crate::swedish::join_and(&own)));
        }
    }
    out
}

/// The column order of the matrix: municipalities in Swedish alphabetical order, then regions.
pub fn matrix_order<'a>(parties: &[&'a Party]) -> Vec<&'a Party> {
    let mut out: Vec<&Party> = parties.to_vec();
    out.sort_by(|a, b| {
        (a.kind == PartyKind::Region)
            .cmp(&(b.kind == PartyKind::Region))
            .then_with(|| crate::swedish::compare(&a.name, &b.name))
    });
    out
}

struct Formats {
    header: Format,
    number: Format,
    text: Format,
}

fn headers(ws: &mut Worksheet, names: &[&str], f: &Formats) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &f.header)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The workbook of `parties` (in any order; the matrix sorts them) and the zip's `files`.
///
/// Errors: the workbook cannot be written (a sheet larger than Excel allows).
pub fn workbook(ctx: &Ctx<'_>, parties: &[&Party], files: &[Entry<'_>], date: Date) -> Result<Vec<u8>> {
    build(ctx, parties, files, date).with_context(|| crate::t!("error-write-spreadsheet"))
}

fn build(ctx: &Ctx<'_>, parties: &[&Party], files: &[Entry<'_>], date: Date) -> Result<Vec<u8>, XlsxError> {
    let s = ctx.s;
    let order = matrix_order(parties);
    let f = Formats {
        header: Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top),
        number: Format::new().set_num_format("0.0"),
        text: Format::new().set_num_format("@"),
    };
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(date.year() as u16, date.month(), date.day())?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Aktuellt perspektiv {}", s.year))
            .set_subject("Bedömningar och värden för Nya Perspektivs indikatorer")
            .set_author(s.document.data.author.clone())
            .set_creation_datetime(&created),
    );

    // Matris.
    let ws = wb.add_worksheet();
    ws.set_name("Matris")?;
    let mut names = vec!["Mål", "Indikator", "Nyckeltal", "Period"];
    names.extend(order.iter().map(|p| p.name.as_str()));
    headers(ws, &names, &f)?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 60)?;
    ws.set_column_width(2, 10)?;
    ws.set_column_width(3, 11)?;
    for c in 0..order.len() {
        ws.set_column_width(4 + c as u16, 14)?;
    }
    let mut row = 1;
    for g in &s.goals.data.goal {
        for ind in &g.indicator {
            let measures = ctx.measures(ind);
            if measures.is_empty() {
                ws.write_string(row, 0, goal_heading(g))?;
                ws.write_string(row, 1, ind.text.as_str())?;
                ws.write_string(row, 3, "–")?;
                for c in 0..order.len() {
                    ws.write_string(row, 4 + c as u16, "uppgift saknas")?;
                }
                row += 1;
            }
            for m in &measures {
                ws.write_string(row, 0, goal_heading(g))?;
                ws.write_string(row, 1, m.indicator_text())?;
                ws.write_string(row, 2, m.id())?;
                ws.write_string(row, 3, m.period.map_or_else(|| "–".to_owned(), |p| p.to_string()))?;
                for (c, p) in order.iter().enumerate() {
                    let word = if m.covers(p.kind) {
                        ctx.assessment(m, &ctx.figures(m, p.code.as_str(), Gender::Total)).word
                    } else {
                        AssessmentView::none(format!("finns inte för {}", kind_plural(p.kind))).word
                    };
                    ws.write_string(row, 4 + c as u16, word)?;
                }
                row += 1;
            }
        }
    }

    // Värden.
    let ws = wb.add_worksheet();
    ws.set_name("Värden")?;
    headers(
        ws,
        &[
            "Mål",
            "Indikator",
            "Nyckeltal",
            "Nyckeltalets namn",
            "Enhet",
            "Område",
            "Kod",
            "Från år",
            "Till år",
            "Värde från",
            "Värde till",
            "Förändring (egen bearbetning)",
            "Bedömning (egen bearbetning)",
            "Källa",
            "Plats i landet (egen bearbetning)",
            "Antal med värde",
            "Fjärdedel (egen bearbetning)",
        ],
        &f,
    )?;
    for (c, w) in [24, 50, 10, 50, 22, 18, 8, 8, 8, 11, 11, 14, 24, 18, 14, 12, 24].into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    let mut row = 1;
    for g in &s.goals.data.goal {
        for ind in &g.indicator {
            for m in &ctx.measures(ind) {
                let areas = order
                    .iter()
                    .filter(|p| m.covers(p.kind))
                    .map(|p| (p.name.as_str(), p.code.as_str(), Some(p.kind)))
                    .chain(
                        s.parties.data.comparison.iter().map(|c| (c.name.as_str(), c.code.as_str(), None)),
                    );
                // The municipality groups the parties compare with on this KPI, each once.
                let mut groups: Vec<(String, &str)> = Vec::new();
                for g in order.iter().filter(|p| m.covers(p.kind)).flat_map(|p| &p.group) {
                    if m.compares_with(g) && !groups.iter().any(|(_, id)| *id == g.id.as_str()) {
                        groups.push((ctx.group_title(&g.id), g.id.as_str()));
                    }
                }
                let areas: Vec<(&str, &str, Option<PartyKind>)> =
                    areas.chain(groups.iter().map(|(t, id)| (t.as_str(), *id, None))).collect();
                for (name, code, kind) in areas {
                    let fig = ctx.figures(m, code, Gender::Total);
                    ws.write_string(row, 0, goal_heading(g))?;
                    ws.write_string(row, 1, m.indicator_text())?;
                    ws.write_string(row, 2, m.kpi.map(|k| k.id.as_str()).unwrap_or_default())?;
                    ws.write_string(row, 3, m.kpi.map(|k| k.title.as_str()).unwrap_or_default())?;
                    ws.write_string(row, 4, m.unit.label())?;
                    ws.write_string(row, 5, name)?;
                    ws.write_string_with_format(row, 6, code, &f.text)?;
                    if let Some(p) = m.period {
                        ws.write_number(row, 7, p.from)?;
                        ws.write_number(row, 8, p.to)?;
                    }
                    for (c, v) in [(9, fig.from), (10, fig.to), (11, fig.change)] {
                        if let Some(v) = v {
                            ws.write_number_with_format(row, c, (v * 10.0).round() / 10.0, &f.number)?;
                        }
                    }
                    ws.write_string(row, 12, ctx.assessment(m, &fig).word)?;
                    ws.write_string(row, 13, sheet_source(ctx, m, code))?;
                    if let Some(rank) = kind.and_then(|k| ctx.rank(m, code, k)) {
                        ws.write_number(row, 14, rank.place as f64)?;
                        ws.write_number(row, 15, rank.of as f64)?;
                        ws.write_string(row, 16, &rank.quartile)?;
                    }
                    row += 1;
                }
            }
        }
    }

    // Filer.
    let ws = wb.add_worksheet();
    ws.set_name("Filer")?;
    headers(ws, &["Fil", "Namn", "Kod", "Sidor", "SHA-256"], &f)?;
    for (c, w) in [36, 30, 8, 8, 66].into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    for (i, e) in files.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, e.file)?;
        ws.write_string(r, 1, e.name)?;
        ws.write_string_with_format(r, 2, e.code, &f.text)?;
        if let Some(pages) = e.pages {
            ws.write_number(r, 3, pages as f64)?;
        }
        ws.write_string(r, 4, e.sha256())?;
    }

    // Om: the sources and the mark of what is computed, as Kolada's terms of use ask.
    let ws = wb.add_worksheet();
    ws.set_name("Om")?;
    ws.set_column_width(0, 100)?;
    ws.write_string_with_format(0, 0, format!("Aktuellt perspektiv {}", s.year), &f.header)?;
    ws.write_string(2, 0, ctx.intro_sources(None))?;
    ws.write_string(
        3,
        0,
        if ctx.any_rank(None) {
            "Det gäller bedömningarna i Matris och förändringarna, bedömningarna, platserna i landet och fjärdedelarna i Värden; värdena själva är källans."
        } else {
            "Det gäller bedömningarna i Matris och förändringarna och bedömningarna i Värden; värdena själva är källans."
        },
    )?;
    wb.save_to_buffer()
}
