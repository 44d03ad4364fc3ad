//! `sources/<YEAR>/values/`: the indicator values, as Kolada publishes them (`*.json`), and the
//! unit's own (`*.xlsx`, `*.csv`).
//!
//! The files hold Kolada's v3 data records, so an answer saved from Kolada's API loads as it is,
//! and `perspektiv kolada fetch` writes one file per KPI (`values/N15428.json`). The accepted
//! shape:
//!
//! ```json
//! {
//!   "values": [
//!     {
//!       "kpi": "N15428",
//!       "municipality": "1780",
//!       "period": 2023,
//!       "values": [
//!         { "gender": "T", "count": 1, "status": "", "value": 83.1 },
//!         { "gender": "K", "value": null, "isdeleted": true }
//!       ]
//!     }
//!   ],
//!   "count": 1,
//!   "next_url": null
//! }
//! ```
//!
//! - `values` (required): the records. Each record names a KPI of `kolada.toml` (`kpi`), an area
//!   (`municipality`), a year (`period`: a number or a string of four digits) and its values by
//!   gender.
//! - In a record's `values`: `gender` is `T` (total), `K` (women) or `M` (men), at most once
//!   each; `value` is a number, or `null` when Kolada has no value; `count` (a whole number) and
//!   `status` (text) are Kolada's own and kept as they are; both may be left out.
//! - A value or a record Kolada marks as deleted (`"isdeleted": true`) is not used.
//! - Records of the other municipalities and regions of the country (Kolada's answer for every
//!   area) are kept: they give a party's place among all municipalities or regions
//!   ([`crate::annex::rank`]). Records of areas that are none of these, nor a party or a
//!   comparison area of `parties.toml`, are skipped, with one note per file that counts them.
//! - Keys the program does not use (Kolada's paging keys `count`, `next_url`, ..., and whatever
//!   else Kolada adds) are ignored; a key that looks like a misspelling of one it uses
//!   (`"vaule"`) is an error.
//! - A record (KPI, area, year) may appear only once among all files of a year.
//!
//! The JSON is strict (no comments, no trailing commas). It is parsed with positions, so every
//! problem names the file, line, column and key path (`values[12].values[0].value`).
//!
//! ## Own values: `values/*.xlsx` and `values/*.csv`
//!
//! Values that Kolada does not have (an indicator that no KPI measures, `data_source =
//! "Barnhälsovården"`), or that replace Kolada's, come in spreadsheets: one value per row, the
//! columns named in the first row ([`sheet`] reads them):
//!
//! | indikator | område | år   | kön | värde |
//! |-----------|--------|------|-----|-------|
//! | overvikt-4-aringar | 0017 | 2023 | T | 12,5 |
//!
//! - `indikator`: an indicator of the year's `goals.toml` that no KPI measures; or `kpi`: a KPI
//!   of `kolada.toml`. One of the two per row.
//! - `område`: the area's code, as text (`0017`); a number with four digits is taken as it is,
//!   a shorter one is an error (its leading zero is lost).
//! - `år`: the year. `kön`: `T`, `K` or `M`; empty is `T`. `värde`: a number with a decimal
//!   comma or point; empty means no value.
//! - `ersätter`: `ja` when the row's value of a KPI replaces Kolada's. A value that both Kolada
//!   (`values/*.json`) and a spreadsheet give is an error without it.
//! - Other columns (`namn`) are not read; one that looks like a misspelling is an error.
//!
//! A CSV file is UTF-8, with or without a byte order mark, with `;` (as a Swedish Excel writes
//! it), tab or `,` between the fields. Every sheet of a workbook is read. Every problem names the
//! file, the sheet, the row and the column (in a CSV file also its line and column), and a value
//! given twice (among all spreadsheets) is an error. [`template`] writes a workbook to fill in.
//!
//! [`json`] reads and writes the JSON files, [`load`](mod@load) loads and checks a year's, and
//! [`Values`] answers the annexes' questions ("the value of N15428 for Karlstad in 2023");
//! [`Values::indicator`] applies an indicator's [`KpiRef`], so a `complement = true` KPI gives
//! 100 − Kolada's value without anyone editing numbers by hand. [`Values::own`] answers for an
//! indicator that no KPI measures, by its id, and [`Values::from_sheet`] says which of a KPI's
//! values a spreadsheet gave.

pub mod json;
pub mod load;
pub mod sheet;
pub mod template;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use super::goals::KpiRef;
use super::ids::{IndicatorId, KpiId};
use super::parties::AreaCode;

pub use json::{Document, JsonProblem, Mode, RecordSpans, parse, to_json};
pub use load::load;

/// The folder of a year's values, relative to the year's folder.
pub const DIR: &str = "values";

/// Kolada's gender dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Gender {
    /// `T`: everyone.
    #[serde(rename = "T")]
    Total,
    /// `K`: women (kvinnor).
    #[serde(rename = "K")]
    Women,
    /// `M`: men (män).
    #[serde(rename = "M")]
    Men,
}

impl Gender {
    /// Kolada's code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Total => "T",
            Self::Women => "K",
            Self::Men => "M",
        }
    }

    /// The gender of a Kolada code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "T" => Some(Self::Total),
            "K" => Some(Self::Women),
            "M" => Some(Self::Men),
            _ => None,
        }
    }
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One Kolada data record: a KPI's values for one area and year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Record {
    /// The KPI.
    pub kpi: KpiId,
    /// The area (Kolada calls it `municipality`; regions and Riket have codes too).
    #[serde(rename = "municipality")]
    pub area: AreaCode,
    /// The year.
    pub period: i32,
    /// The values by gender, at most one per gender; values Kolada marks as deleted are left out.
    pub values: Vec<GenderValue>,
}

/// A record's value for one gender.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GenderValue {
    /// Whose value.
    pub gender: Gender,
    /// Kolada's count (how many units the value is based on), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Kolada's status text, when given (usually empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The value; `None` when Kolada has none.
    pub value: Option<f64>,
}

/// A values file as written: `{"values": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ValuesFile {
    /// The records.
    pub values: Vec<Record>,
}

/// One area's values of one KPI, by year and gender.
type Series = BTreeMap<i32, BTreeMap<Gender, Option<f64>>>;

/// The indicator values of a year: every record of `values/*.json` and every row of the
/// spreadsheets `values/*.xlsx` and `values/*.csv`, checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Values {
    series: BTreeMap<(KpiId, AreaCode), Series>,
    /// The values of the indicators that no KPI measures, from the spreadsheets.
    own: BTreeMap<(IndicatorId, AreaCode), Series>,
    /// The KPIs' values that a spreadsheet gave (beside Kolada's, or in place of them).
    from_sheets: BTreeSet<(KpiId, AreaCode, i32, Gender)>,
    files: Vec<PathBuf>,
}

impl Values {
    /// Values from records (later records of the same KPI, area and year replace earlier ones).
    pub fn from_records(records: impl IntoIterator<Item = Record>) -> Self {
        let mut values = Self::default();
        for r in records {
            values.insert(r);
        }
        values
    }

    fn insert(&mut self, r: Record) {
        let genders = r.values.into_iter().map(|gv| (gv.gender, gv.value)).collect();
        self.series.entry((r.kpi, r.area)).or_default().insert(r.period, genders);
    }

    /// Adds a value of a spreadsheet; a KPI's replaces Kolada's of the same gender.
    fn insert_own(&mut self, v: sheet::OwnValue) {
        let series = match v.measured {
            sheet::Measured::Kpi(kpi) => {
                self.from_sheets.insert((kpi.clone(), v.area.clone(), v.year, v.gender));
                self.series.entry((kpi, v.area)).or_default()
            }
            sheet::Measured::Indicator(id) => self.own.entry((id, v.area)).or_default(),
        };
        series.entry(v.year).or_default().insert(v.gender, v.value);
    }

    fn series(&self, kpi: &str, area: &str) -> Option<&Series> {
        self.series.get(&(KpiId(kpi.to_owned()), AreaCode(area.to_owned())))
    }

    fn own_series(&self, indicator: &str, area: &str) -> Option<&Series> {
        self.own.get(&(IndicatorId(indicator.to_owned()), AreaCode(area.to_owned())))
    }

    /// Whether there are no values at all.
    pub fn is_empty(&self) -> bool {
        self.series.is_empty() && self.own.is_empty()
    }

    /// The files the values were read from.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Kolada's value of `kpi` for an area in a year; `None` when there is no record or the value
    /// is null.
    pub fn get(&self, kpi: &str, area: &str, period: i32, gender: Gender) -> Option<f64> {
        self.series(kpi, area)?.get(&period)?.get(&gender).copied().flatten()
    }

    /// The years with a value (of any gender) of `kpi` for an area, oldest first.
    pub fn periods(&self, kpi: &str, area: &str) -> Vec<i32> {
        self.series(kpi, area)
            .map(|s| s.iter().filter(|(_, g)| g.values().any(Option::is_some)).map(|(p, _)| *p).collect())
            .unwrap_or_default()
    }

    /// The newest year with a value for `gender`, and that value.
    pub fn latest(&self, kpi: &str, area: &str, gender: Gender) -> Option<(i32, f64)> {
        self.series(kpi, area)?
            .iter()
            .rev()
            .find_map(|(p, g)| g.get(&gender).copied().flatten().map(|v| (*p, v)))
    }

    /// The KPIs that have records.
    pub fn kpis(&self) -> BTreeSet<&KpiId> {
        self.series.keys().map(|(k, _)| k).collect()
    }

    /// Whether the value of `kpi` for an area, year and gender came from a spreadsheet (its
    /// source is then the unit's, not Kolada's).
    pub fn from_sheet(&self, kpi: &str, area: &str, period: i32, gender: Gender) -> bool {
        self.from_sheets.contains(&(KpiId(kpi.to_owned()), AreaCode(area.to_owned()), period, gender))
    }

    /// The value of an indicator that no KPI measures (given by a spreadsheet, its source the
    /// indicator's `data_source`) for an area in a year; `None` when there is none.
    pub fn own(&self, indicator: &str, area: &str, period: i32, gender: Gender) -> Option<f64> {
        self.own_series(indicator, area)?.get(&period)?.get(&gender).copied().flatten()
    }

    /// The years with a value (of any gender) of an indicator that no KPI measures for an area,
    /// oldest first.
    pub fn own_periods(&self, indicator: &str, area: &str) -> Vec<i32> {
        self.own_series(indicator, area)
            .map(|s| s.iter().filter(|(_, g)| g.values().any(Option::is_some)).map(|(p, _)| *p).collect())
            .unwrap_or_default()
    }

    /// The newest year with a value for `gender` of an indicator that no KPI measures, and that
    /// value.
    pub fn own_latest(&self, indicator: &str, area: &str, gender: Gender) -> Option<(i32, f64)> {
        self.own_series(indicator, area)?
            .iter()
            .rev()
            .find_map(|(p, g)| g.get(&gender).copied().flatten().map(|v| (*p, v)))
    }

    /// The indicators without a KPI that have values.
    pub fn own_indicators(&self) -> BTreeSet<&IndicatorId> {
        self.own.keys().map(|(i, _)| i).collect()
    }

    /// The indicator's value for an area in a year, as `kref` defines it: Kolada's value, or
    /// 100 − Kolada's value when `kref.complement` is set.
    pub fn indicator(&self, kref: &KpiRef, area: &str, period: i32, gender: Gender) -> Option<f64> {
        self.get(kref.kpi.as_str(), area, period, gender).map(|v| kref.indicator_value(v))
    }
}

impl KpiRef {
    /// The indicator's value from Kolada's value of this KPI: the value itself, or for a
    /// `complement` KPI (a share in per cent of the opposite) 100 minus it, rounded to the
    /// decimals Kolada gave (100 − 83.1 is 16.9, not 16.900000000000006).
    pub fn indicator_value(&self, kolada: f64) -> f64 {
        if !self.complement {
            return kolada;
        }
        let decimals = kolada.to_string().split_once('.').map_or(0, |(_, d)| d.len()).min(9);
        let scale = 10f64.powi(decimals as i32);
        ((100.0 - kolada) * scale).round() / scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) const GOOD: &str = r#"{"values":[{"kpi":"N15428","municipality":"1780","period":2023,
        "values":[{"gender":"T","count":1,"status":"","value":83.1},{"gender":"K","value":null}]}],
        "count":1,"next_url":null}"#;

    #[test]
    fn lookups_and_complements() {
        let doc = parse(GOOD, Mode::File);
        let values = Values::from_records(doc.records.into_iter().map(|(r, _)| r));
        assert_eq!(values.get("N15428", "1780", 2023, Gender::Total), Some(83.1));
        assert_eq!(values.get("N15428", "1780", 2023, Gender::Women), None);
        assert_eq!(values.get("N15428", "1780", 2022, Gender::Total), None);
        assert_eq!(values.periods("N15428", "1780"), vec![2023]);
        assert_eq!(values.latest("N15428", "1780", Gender::Total), Some((2023, 83.1)));
        assert_eq!(values.latest("N15428", "1780", Gender::Women), None);
        let mut kref = KpiRef { kpi: KpiId("N15428".into()), complement: false, label: None };
        assert_eq!(values.indicator(&kref, "1780", 2023, Gender::Total), Some(83.1));
        kref.complement = true;
        assert_eq!(values.indicator(&kref, "1780", 2023, Gender::Total), Some(16.9));
        assert_eq!(kref.indicator_value(12.25), 87.75);
        assert_eq!(kref.indicator_value(40.0), 60.0);
    }
}
