//! `perspektiv values template`: a workbook for the unit to fill in with the values that Kolada
//! does not have, ready to be dropped into `values/`.
//!
//! One sheet per indicator that no KPI measures (and one per KPI asked for), named by its id,
//! with a row per area (the parties of `parties.toml`, then the comparison areas) and year of the
//! follow-up period: `indikator` (or `kpi`), `område` (the code, stored as text), `namn`, `år`,
//! `kön` (`T`) and an empty `värde` (a KPI's sheet also has `ersätter`). The loader reads it as
//! it is; `namn` is there for the reader and is not read.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::annex::period::FollowUp;
use crate::check::{Input, Reporting, load_reported};
use crate::console::Console;
use crate::sources::Sources;
use crate::sources::common::Date;
use crate::sources::ids::KpiId;

/// Everything `values template` needs, resolved from the command line once.
#[derive(Clone, Debug)]
pub struct TemplateConfig {
    /// The sources read.
    pub input: Input,
    /// The workbook written (never replaced).
    pub output: PathBuf,
    /// KPIs that get a sheet too, to give values in place of Kolada's.
    pub kpis: Vec<KpiId>,
}

/// The longest name of a sheet that Excel accepts.
const MAX_SHEET_NAME: usize = 31;

/// `perspektiv values template`: load and check the sources, then write the workbook, unless a
/// file is there already.
pub fn run(cfg: &TemplateConfig) -> Result<ExitCode> {
    if std::fs::symlink_metadata(&cfg.output).is_ok() {
        bail!(crate::t!("error-template-exists", path = &cfg.output));
    }
    let console = Console::default();
    let Some((s, _)) = load_reported(&console, &cfg.input, Reporting::default())? else {
        return Ok(ExitCode::from(1));
    };
    for kpi in &cfg.kpis {
        if !s.kolada.data.kpi.iter().any(|k| k.id == *kpi) {
            bail!(crate::t!("error-template-unknown-kpi", kpi = kpi.as_str(), file = &s.kolada.path));
        }
    }
    let Some(years) = years(&s) else {
        bail!(crate::t!("error-template-no-follow-up", year = s.year, file = &s.goals.path));
    };
    let date = crate::document::pdf_date(&s)?;
    let bytes = workbook(&s, &cfg.kpis, &years, date).with_context(|| crate::t!("error-write-template"))?;
    crate::output::write_new(&cfg.output, &bytes)?;
    let sheets = s.goals.data.goal.iter().flat_map(|g| &g.indicator).filter(|i| i.kolada.is_empty()).count()
        + cfg.kpis.len();
    console.wrote_what(&crate::t!(
        "values-template-wrote",
        file = cfg.output.display().to_string(),
        sheets = sheets,
        first = years.first().copied().unwrap_or_default(),
        last = years.last().copied().unwrap_or_default(),
        folder = cfg.input.sources.join(s.year.to_string()).join(super::DIR).display().to_string()
    ));
    Ok(ExitCode::SUCCESS)
}

/// The years of the follow-up period, as the annexes would compare them with the values there
/// are (or, without values, up to the edition's year).
fn years(s: &Sources) -> Option<Vec<i32>> {
    let follow_up = FollowUp::of(&s.goals.data)?;
    let areas: Vec<&str> = s.parties.data.area_codes().collect();
    let latest = s
        .values
        .kpis()
        .into_iter()
        .flat_map(|k| areas.iter().filter_map(|a| s.values.periods(k.as_str(), a).last().copied()))
        .max()
        .unwrap_or(s.year);
    let period = follow_up.period(latest);
    Some((period.from..=period.to).collect())
}

/// A sheet's name: the id, cut to what Excel accepts and made unique.
fn sheet_name(id: &str, taken: &[String]) -> String {
    let base: String = id.chars().take(MAX_SHEET_NAME).collect();
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        let suffix = format!("-{n}");
        name = format!("{}{suffix}", base.chars().take(MAX_SHEET_NAME - suffix.len()).collect::<String>());
        n += 1;
    }
    name
}

fn workbook(s: &Sources, kpis: &[KpiId], years: &[i32], date: Date) -> Result<Vec<u8>, XlsxError> {
    let header = Format::new().set_bold().set_align(FormatAlign::Top);
    let text = Format::new().set_num_format("@");
    let number = Format::new().set_num_format("0.0");
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(date.year() as u16, date.month(), date.day())?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Egna värden {}", s.year))
            .set_subject("Värden för Nya Perspektivs indikatorer som Kolada inte har")
            .set_author(s.document.data.author.clone())
            .set_creation_datetime(&created),
    );
    let areas: Vec<(&str, &str)> = s
        .parties
        .data
        .party
        .iter()
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .chain(s.parties.data.comparison.iter().map(|c| (c.code.as_str(), c.name.as_str())))
        .collect();
    let mut sheets: Vec<(&str, &str)> = s
        .goals
        .data
        .goal
        .iter()
        .flat_map(|g| &g.indicator)
        .filter(|i| i.kolada.is_empty())
        .map(|i| ("indikator", i.id.as_str()))
        .collect();
    sheets.extend(kpis.iter().map(|k| ("kpi", k.as_str())));
    let mut taken = Vec::new();
    for (column, id) in sheets {
        let ws = wb.add_worksheet();
        let name = sheet_name(id, &taken);
        ws.set_name(&name)?;
        taken.push(name);
        let mut names = vec![column, "område", "namn", "år", "kön", "värde"];
        if column == "kpi" {
            names.push("ersätter");
        }
        for (c, n) in names.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *n, &header)?;
        }
        ws.set_freeze_panes(1, 0)?;
        widths(ws, id)?;
        // The whole columns of codes and genders are text, so a code typed in later keeps its zeros.
        ws.set_column_format(1, &text)?;
        ws.set_column_format(4, &text)?;
        ws.set_column_format(5, &number)?;
        let mut row = 1u32;
        for (code, area) in &areas {
            for year in years {
                ws.write_string(row, 0, id)?;
                ws.write_string_with_format(row, 1, *code, &text)?;
                ws.write_string(row, 2, *area)?;
                ws.write_number(row, 3, f64::from(*year))?;
                ws.write_string_with_format(row, 4, "T", &text)?;
                row += 1;
            }
        }
    }
    wb.save_to_buffer()
}

fn widths(ws: &mut Worksheet, id: &str) -> Result<(), XlsxError> {
    ws.set_column_width(0, (id.chars().count() as f64 + 2.0).max(10.0))?;
    ws.set_column_width(1, 8)?;
    ws.set_column_width(2, 20)?;
    ws.set_column_width(3, 6)?;
    ws.set_column_width(4, 5)?;
    ws.set_column_width(5, 10)?;
    ws.set_column_width(6, 10)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_fit_and_differ() {
        let long = "a".repeat(40);
        let first = sheet_name(&long, &[]);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(&long, std::slice::from_ref(&first));
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with("-2"));
        assert_eq!(sheet_name("overvikt-4-aringar", &[]), "overvikt-4-aringar");
    }
}
