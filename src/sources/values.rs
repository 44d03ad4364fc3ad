//! `sources/<YEAR>/values/*.json`: the indicator values, as Kolada publishes them.
//!
//! The files hold Kolada's v3 data records, so a page saved from Kolada's API loads as it is, and
//! `perspektiv kolada fetch` writes one file per KPI (`values/N15428.json`). The accepted shape:
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
//!         { "gender": "K", "value": null }
//!       ]
//!     }
//!   ],
//!   "count": 1,
//!   "next_url": null
//! }
//! ```
//!
//! - `values` (required): the records. Each record names a KPI of `kolada.toml` (`kpi`), an area
//!   (`municipality`: a party's code or a comparison area of `parties.toml`, such as Riket
//!   `0000`), a year (`period`: a number or a string of four digits) and its values by gender.
//! - In a record's `values`: `gender` is `T` (total), `K` (women) or `M` (men), at most once
//!   each; `value` is a number, or `null` when Kolada has no value; `count` (a whole number) and
//!   `status` (text) are Kolada's own and kept as they are; both may be left out.
//! - `count`, `next_url`, `next_page`, `previous_url` and `previous_page`, the paging keys of
//!   Kolada's pages, are ignored. Any other key is an error, as in every source file.
//! - A record (KPI, area, year) may appear only once among all files of a year.
//!
//! The JSON is strict (no comments, no trailing commas). It is parsed with positions, so every
//! problem names the file, line, column and key path (`values[12].values[0].value`).
//!
//! [`Values`] answers the annexes' questions ("the value of N15428 for Karlstad in 2023");
//! [`Values::indicator`] applies an indicator's [`KpiRef`], so a `complement = true` KPI gives
//! 100 − Kolada's value without anyone editing numbers by hand.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use jsonc_parser::ast::{Array, Object, ObjectProp, Value as Json};
use jsonc_parser::common::Ranged;
use serde::Serialize;

use super::goals::KpiRef;
use super::ids::KpiId;
use super::parties::{AreaCode, KoladaFile, PartiesFile};
use super::{Report, SourceTree};
use crate::diagnostics::{KeyPath, Location, Problem};

/// The folder of a year's values, relative to the year's folder.
pub const DIR: &str = "values";

/// The top-level keys of a Kolada page that are not data: ignored in files.
const PAGE_KEYS: [&str; 5] = ["count", "next_url", "next_page", "previous_url", "previous_page"];

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
    /// The values by gender, at most one per gender.
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

/// How strictly a JSON document is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A file of the sources: unknown keys are errors.
    File,
    /// A page from Kolada's API: keys this program does not use are ignored, so an addition to
    /// the API does not stop a fetch.
    Page,
}

/// A problem in a values document, before it is tied to a file or a URL.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonProblem {
    /// Where in the document.
    pub key: KeyPath,
    /// Byte range in the text.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

/// Where the parts of a record are in the text, for later checks.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordSpans {
    /// The record's index in `values`.
    pub index: usize,
    /// The whole record.
    pub record: Range<usize>,
    /// The `kpi` value.
    pub kpi: Range<usize>,
    /// The `municipality` value.
    pub area: Range<usize>,
}

/// A parsed values document.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The well-formed records, with their places.
    pub records: Vec<(Record, RecordSpans)>,
    /// The next page's URL (`next_url`, or `next_page` as Kolada's v2 called it), if any.
    pub next_url: Option<String>,
    /// Everything wrong; a record with a problem is left out of `records`.
    pub problems: Vec<JsonProblem>,
}

fn span<R: Ranged + ?Sized>(r: &R) -> Range<usize> {
    r.start()..r.end()
}

/// Parses a values document (a file, or a page from Kolada's API).
pub fn parse(text: &str, mode: Mode) -> Document {
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let mut doc = Document::default();
    let root = match jsonc_parser::parse_to_ast(text, &Default::default(), &options) {
        Ok(result) => result.value,
        Err(e) => {
            doc.problems.push(JsonProblem {
                key: KeyPath::root(),
                span: span(&e.range()),
                message: format!("invalid JSON: {}", lowercase_first(&e.kind().to_string())),
                hint: None,
            });
            return doc;
        }
    };
    let mut r = Reader { mode, problems: Vec::new() };
    match root {
        Some(Json::Object(obj)) => r.document(&obj, &mut doc),
        Some(other) => r.problem(KeyPath::root(), span(&other), "expected an object with the key `values`"),
        None => {
            r.problem(KeyPath::root(), 0..0, "the file is empty; expected an object with the key `values`")
        }
    }
    doc.problems.extend(r.problems);
    doc
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn kind(v: &Json<'_>) -> &'static str {
    match v {
        Json::StringLit(_) => "a string",
        Json::NumberLit(_) => "a number",
        Json::BooleanLit(_) => "a boolean",
        Json::Object(_) => "an object",
        Json::Array(_) => "an array",
        Json::NullKeyword(_) => "null",
    }
}

struct Reader {
    mode: Mode,
    problems: Vec<JsonProblem>,
}

impl Reader {
    fn problem(&mut self, key: KeyPath, span: Range<usize>, message: impl Into<String>) {
        self.problems.push(JsonProblem { key, span, message: message.into(), hint: None });
    }

    fn problem_hint(
        &mut self,
        key: KeyPath,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.problems.push(JsonProblem { key, span, message: message.into(), hint: Some(hint.into()) });
    }

    /// The properties of an object by name; reports duplicate and (in file mode) unknown keys.
    fn fields<'o, 'a>(
        &mut self,
        obj: &'o Object<'a>,
        path: &KeyPath,
        known: &[&str],
        ignored: &[&str],
    ) -> BTreeMap<&'o str, &'o ObjectProp<'a>> {
        let mut fields = BTreeMap::new();
        for prop in &obj.properties {
            let name = prop.name.as_str();
            let at = path.key(name);
            if fields.contains_key(name) {
                self.problem(at, span(&prop.name), format!("duplicate key `{name}`"));
                continue;
            }
            if known.contains(&name) {
                fields.insert(name, prop);
            } else if !ignored.contains(&name) && self.mode == Mode::File {
                let expected = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                let one_of = if known.len() == 1 { "" } else { "one of " };
                self.problem(
                    at,
                    span(&prop.name),
                    format!("unknown key `{name}`, expected {one_of}{expected}"),
                );
            }
        }
        fields
    }

    fn document(&mut self, obj: &Object<'_>, doc: &mut Document) {
        let root = KeyPath::root();
        let fields = self.fields(obj, &root, &["values"], &PAGE_KEYS);
        for name in ["next_url", "next_page"] {
            if let Some(Json::StringLit(s)) = obj.get(name).map(|p| &p.value) {
                doc.next_url.get_or_insert_with(|| s.value.to_string());
            }
        }
        let Some(values) = fields.get("values") else {
            self.problem(root, span(obj), "missing key `values`");
            return;
        };
        let path = root.key("values");
        let Json::Array(records) = &values.value else {
            let found = kind(&values.value);
            self.problem(path, span(&values.value), format!("expected an array of records, found {found}"));
            return;
        };
        for (i, element) in records.elements.iter().enumerate() {
            if let Some(record) = self.record(element, i, &path.index(i)) {
                doc.records.push(record);
            }
        }
    }

    fn record(&mut self, v: &Json<'_>, index: usize, path: &KeyPath) -> Option<(Record, RecordSpans)> {
        let Json::Object(obj) = v else {
            self.problem(path.clone(), span(v), format!("expected a record (an object), found {}", kind(v)));
            return None;
        };
        let before = self.problems.len();
        let fields = self.fields(obj, path, &["kpi", "municipality", "period", "values"], &[]);
        let mut missing = Vec::new();
        let kpi = match fields.get("kpi") {
            Some(p) => self.kpi(&p.value, &path.key("kpi")).map(|k| (k, span(&p.value))),
            None => {
                missing.push("kpi");
                None
            }
        };
        let area = match fields.get("municipality") {
            Some(p) => self.area(&p.value, &path.key("municipality")).map(|a| (a, span(&p.value))),
            None => {
                missing.push("municipality");
                None
            }
        };
        let period = match fields.get("period") {
            Some(p) => self.period(&p.value, &path.key("period")),
            None => {
                missing.push("period");
                None
            }
        };
        let values = match fields.get("values") {
            Some(p) => self.gender_values(&p.value, &path.key("values")),
            None => {
                missing.push("values");
                None
            }
        };
        if !missing.is_empty() {
            let list = missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            let word = if missing.len() == 1 { "key" } else { "keys" };
            self.problem(path.clone(), span(obj), format!("the record is missing the {word} {list}"));
        }
        match (kpi, area, period, values) {
            (Some((kpi, kpi_span)), Some((area, area_span)), Some(period), Some(values))
                if self.problems.len() == before =>
            {
                let spans = RecordSpans { index, record: span(obj), kpi: kpi_span, area: area_span };
                Some((Record { kpi, area, period, values }, spans))
            }
            _ => None,
        }
    }

    fn string<'v>(&mut self, v: &'v Json<'_>, path: &KeyPath, what: &str) -> Option<&'v str> {
        match v {
            Json::StringLit(s) => Some(s.value.as_ref()),
            other => {
                self.problem(
                    path.clone(),
                    span(other),
                    format!("expected {what} as a string, found {}", kind(other)),
                );
                None
            }
        }
    }

    fn kpi(&mut self, v: &Json<'_>, path: &KeyPath) -> Option<KpiId> {
        let s = self.string(v, path, "a Kolada KPI id")?;
        if KpiId::is_valid(s) {
            Some(KpiId(s.to_owned()))
        } else {
            self.problem(
                path.clone(),
                span(v),
                format!(
                    "invalid Kolada KPI id `{s}`: expected a capital letter and five digits, like `N15428`"
                ),
            );
            None
        }
    }

    fn area(&mut self, v: &Json<'_>, path: &KeyPath) -> Option<AreaCode> {
        let s = self.string(v, path, "an area code")?;
        if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            Some(AreaCode(s.to_owned()))
        } else {
            self.problem(
                path.clone(),
                span(v),
                format!("invalid area code `{s}`: expected four digits as a string, like \"1780\""),
            );
            None
        }
    }

    fn period(&mut self, v: &Json<'_>, path: &KeyPath) -> Option<i32> {
        let text = match v {
            Json::NumberLit(n) => n.value,
            Json::StringLit(s) => s.value.as_ref(),
            other => {
                let found = kind(other);
                self.problem(
                    path.clone(),
                    span(other),
                    format!("expected the period as a year, found {found}"),
                );
                return None;
            }
        };
        match text.parse::<i32>() {
            Ok(year) if text.len() == 4 && (1900..=2100).contains(&year) => Some(year),
            _ => {
                self.problem_hint(
                    path.clone(),
                    span(v),
                    format!("the period `{text}` is not a year"),
                    "Kolada's periods are years, like 2023 or \"2023\"",
                );
                None
            }
        }
    }

    fn gender_values(&mut self, v: &Json<'_>, path: &KeyPath) -> Option<Vec<GenderValue>> {
        let Json::Array(Array { elements, .. }) = v else {
            self.problem(
                path.clone(),
                span(v),
                format!("expected an array of values by gender, found {}", kind(v)),
            );
            return None;
        };
        let mut out = Vec::new();
        let mut seen: BTreeMap<Gender, usize> = BTreeMap::new();
        let mut ok = true;
        for (i, element) in elements.iter().enumerate() {
            let at = path.index(i);
            match self.gender_value(element, &at) {
                Some((gv, gender_span)) => {
                    if let Some(first) = seen.insert(gv.gender, i) {
                        self.problem_hint(
                            at.key("gender"),
                            gender_span,
                            format!("gender `{}` is given twice in this record", gv.gender),
                            format!("the first is at index {first}; give each of T, K and M at most once"),
                        );
                        ok = false;
                    }
                    out.push(gv);
                }
                None => ok = false,
            }
        }
        out.sort_by_key(|gv| gv.gender);
        ok.then_some(out)
    }

    fn gender_value(&mut self, v: &Json<'_>, path: &KeyPath) -> Option<(GenderValue, Range<usize>)> {
        let Json::Object(obj) = v else {
            self.problem(
                path.clone(),
                span(v),
                format!("expected an object with `gender` and `value`, found {}", kind(v)),
            );
            return None;
        };
        let before = self.problems.len();
        let fields = self.fields(obj, path, &["gender", "count", "status", "value"], &[]);
        let mut gender = None;
        match fields.get("gender") {
            Some(p) => {
                let at = path.key("gender");
                if let Some(code) = self.string(&p.value, &at, "the gender") {
                    match Gender::from_code(code) {
                        Some(g) => gender = Some((g, span(&p.value))),
                        None => self.problem(
                            at,
                            span(&p.value),
                            format!(
                                "invalid gender `{code}`: expected `T` (total), `K` (women) or `M` (men)"
                            ),
                        ),
                    }
                }
            }
            None => self.problem(path.clone(), span(obj), "missing key `gender`"),
        }
        let value = match fields.get("value") {
            Some(p) => self.number(&p.value, &path.key("value")),
            None => {
                self.problem_hint(
                    path.clone(),
                    span(obj),
                    "missing key `value`",
                    "write `\"value\": null` when there is no value",
                );
                None
            }
        };
        let count = fields.get("count").and_then(|p| self.count(&p.value, &path.key("count")));
        let status = fields.get("status").and_then(|p| match &p.value {
            Json::StringLit(s) => Some(s.value.to_string()),
            Json::NullKeyword(_) => None,
            other => {
                let found = kind(other);
                self.problem(
                    path.key("status"),
                    span(other),
                    format!("expected the status as a string, found {found}"),
                );
                None
            }
        });
        if self.problems.len() != before {
            return None;
        }
        let (gender, gender_span) = gender?;
        Some((GenderValue { gender, count, status, value: value? }, gender_span))
    }

    /// A value: a finite number, or null. `Some(None)` is null; `None` is a problem.
    fn number(&mut self, v: &Json<'_>, path: &KeyPath) -> Option<Option<f64>> {
        match v {
            Json::NullKeyword(_) => Some(None),
            Json::NumberLit(n) => match n.value.parse::<f64>() {
                Ok(x) if x.is_finite() => Some(Some(x)),
                _ => {
                    self.problem(
                        path.clone(),
                        span(v),
                        format!("the value `{}` is not a finite number", n.value),
                    );
                    None
                }
            },
            Json::StringLit(s) => {
                self.problem_hint(
                    path.clone(),
                    span(v),
                    format!("the value \"{}\" is not a number", s.value),
                    "write the value as a JSON number (83.1, with a decimal point), or null when there is none",
                );
                None
            }
            other => {
                let found = kind(other);
                self.problem(path.clone(), span(other), format!("the value is not a number: found {found}"));
                None
            }
        }
    }

    fn count(&mut self, v: &Json<'_>, path: &KeyPath) -> Option<u64> {
        match v {
            Json::NullKeyword(_) => None,
            Json::NumberLit(n) => match n.value.parse::<u64>() {
                Ok(c) => Some(c),
                Err(_) => {
                    self.problem(
                        path.clone(),
                        span(v),
                        format!("the count `{}` is not a whole number", n.value),
                    );
                    None
                }
            },
            other => {
                let found = kind(other);
                self.problem(
                    path.clone(),
                    span(other),
                    format!("expected the count as a number, found {found}"),
                );
                None
            }
        }
    }
}

/// One area's values of one KPI, by year and gender.
type Series = BTreeMap<i32, BTreeMap<Gender, Option<f64>>>;

/// The indicator values of a year: every record of `values/*.json`, checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Values {
    series: BTreeMap<(KpiId, AreaCode), Series>,
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

    fn series(&self, kpi: &str, area: &str) -> Option<&Series> {
        self.series.get(&(KpiId(kpi.to_owned()), AreaCode(area.to_owned())))
    }

    /// Whether there are no values at all.
    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
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

/// Loads and checks the values of `year` (a missing `values/` folder means no values). Problems
/// go into `report`, with the texts of the files they point into.
pub fn load(
    tree: &dyn SourceTree,
    year: i32,
    parties: &PartiesFile,
    kolada: &KoladaFile,
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
                format!("failed to read `{}`: {e}", shown.display()),
            ));
            return values;
        }
    };
    let kpis: BTreeSet<&str> = kolada.kpi.iter().map(|k| k.id.as_str()).collect();
    let areas: BTreeSet<&str> = parties
        .party
        .iter()
        .map(|p| p.code.as_str())
        .chain(parties.comparison.iter().map(|c| c.code.as_str()))
        .collect();
    let mut first: BTreeMap<(KpiId, AreaCode, i32), Location> = BTreeMap::new();
    let mut texts: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut problems = Vec::new();
    for name in names.iter().filter(|n| n.ends_with(".json") && !n.starts_with('.')) {
        let rel = dir.join(name);
        let path = tree.display(&rel);
        let Some(text) = read_text(tree, &rel, &path, &mut problems, &mut texts) else {
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
        for (record, spans) in doc.records {
            let base = KeyPath::root().key("values").index(spans.index);
            let mut ok = true;
            if !kpis.contains(record.kpi.as_str()) {
                problems.push(
                    Problem::error(
                        at(base.key("kpi"), spans.kpi.clone()),
                        format!("unknown KPI `{}`", record.kpi),
                    )
                    .with_hint("the values' KPIs must be in `kolada.toml`; add the KPI there first"),
                );
                ok = false;
            }
            if !areas.contains(record.area.as_str()) {
                problems.push(
                    Problem::error(
                        at(base.key("municipality"), spans.area.clone()),
                        format!("unknown area code `{}`", record.area.as_str()),
                    )
                    .with_hint(
                        "an area is a party's code or a comparison area (Riket `0000`) of `parties.toml`",
                    ),
                );
                ok = false;
            }
            let key = (record.kpi.clone(), record.area.clone(), record.period);
            let here = at(base, spans.record.clone());
            if let Some(earlier) = first.get(&key) {
                problems.push(
                    Problem::error(
                        here,
                        format!(
                            "duplicate record: KPI `{}`, area `{}`, period {} is given twice",
                            record.kpi,
                            record.area.as_str(),
                            record.period
                        ),
                    )
                    .with_related(earlier.clone(), "first given here")
                    .with_hint("keep one record per KPI, area and year"),
                );
                continue;
            }
            first.insert(key, here);
            if ok {
                values.insert(record);
            }
        }
        values.files.push(path.clone());
        texts.insert(path, text);
    }
    // Only the files that problems point into are kept for showing them.
    for p in &problems {
        for loc in std::iter::once(&p.location).chain(p.related.iter().map(|(l, _)| l)) {
            if let Some(text) = texts.get(&loc.file) {
                report.texts.insert(&loc.file, text);
            }
        }
    }
    report.problems.extend(problems);
    values
}

/// The text of a file, or `None` after recording why it cannot be read.
fn read_text(
    tree: &dyn SourceTree,
    rel: &Path,
    path: &Path,
    problems: &mut Vec<Problem>,
    texts: &mut BTreeMap<PathBuf, String>,
) -> Option<String> {
    let bytes = match tree.read(rel) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            let message = format!("failed to read `{}`: it disappeared", path.display());
            problems.push(Problem::error(Location::file(path), message));
            return None;
        }
        Err(e) => {
            let message = format!("failed to read `{}`: {e}", path.display());
            problems.push(Problem::error(Location::file(path), message));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let at = lossy.get(..offset).map_or(0, str::len);
            let location = Location { file: path.to_owned(), span: Some(at..at + 1), key: KeyPath::root() };
            problems.push(
                Problem::error(location, "the file is not valid UTF-8").with_hint("save the file as UTF-8"),
            );
            texts.insert(path.to_owned(), lossy);
            None
        }
    }
}

/// A values file's text as `perspektiv kolada fetch` writes it: records sorted by area and
/// period (genders T, K, M inside each), pretty-printed, with a final newline.
pub fn to_json(records: &[Record]) -> String {
    let mut sorted = records.to_vec();
    sorted.sort_by(|a, b| (&a.kpi, &a.area, a.period).cmp(&(&b.kpi, &b.area, b.period)));
    for r in &mut sorted {
        r.values.sort_by_key(|gv| gv.gender);
    }
    let file = ValuesFile { values: sorted };
    // Serializing plain data to a string cannot fail.
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(String, String)> {
        parse(text, Mode::File).problems.into_iter().map(|p| (p.key.to_string(), p.message)).collect()
    }

    const GOOD: &str = r#"{"values":[{"kpi":"N15428","municipality":"1780","period":2023,
        "values":[{"gender":"T","count":1,"status":"","value":83.1},{"gender":"K","value":null}]}],
        "count":1,"next_url":null}"#;

    #[test]
    fn reads_a_kolada_page() {
        let doc = parse(GOOD, Mode::File);
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        let (r, spans) = &doc.records[0];
        assert_eq!(r.kpi.as_str(), "N15428");
        assert_eq!(r.area.as_str(), "1780");
        assert_eq!(r.period, 2023);
        assert_eq!(
            r.values[0],
            GenderValue {
                gender: Gender::Total,
                count: Some(1),
                status: Some(String::new()),
                value: Some(83.1)
            }
        );
        assert_eq!(r.values[1].value, None);
        assert_eq!(&GOOD[spans.kpi.clone()], "\"N15428\"");
        assert_eq!(doc.next_url, None);
    }

    #[test]
    fn period_as_string_and_next_url() {
        let doc = parse(
            r#"{"values":[{"kpi":"N15428","municipality":"0000","period":"2019","values":[]}],
                "next_url":"https://api.kolada.se/v3/x?page=2"}"#,
            Mode::File,
        );
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        assert_eq!(doc.records[0].0.period, 2019);
        assert_eq!(doc.next_url.as_deref(), Some("https://api.kolada.se/v3/x?page=2"));
    }

    #[test]
    fn bad_input_is_located_by_key() {
        let rec = |body: &str| format!(r#"{{"values":[{{"kpi":"N15428","municipality":"1780",{body}}}]}}"#);
        for (text, key, message) in [
            (
                rec(r#""period":2023,"values":[{"gender":"T","value":"83,1"}]"#),
                "values[0].values[0].value",
                "is not a number",
            ),
            (
                rec(r#""period":2023,"values":[{"gender":"X","value":1}]"#),
                "values[0].values[0].gender",
                "invalid gender `X`",
            ),
            (rec(r#""period":"2023-01","values":[]"#), "values[0].period", "is not a year"),
            (rec(r#""period":23,"values":[]"#), "values[0].period", "is not a year"),
            (rec(r#""period":2023.5,"values":[]"#), "values[0].period", "is not a year"),
            (
                rec(r#""period":2023,"values":[{"gender":"T","value":1},{"gender":"T","value":2}]"#),
                "values[0].values[1].gender",
                "given twice",
            ),
            (rec(r#""period":2023,"values":[],"extra":1"#), "values[0].extra", "unknown key `extra`"),
            (rec(r#""values":[]"#), "values[0]", "missing the key `period`"),
            (rec(r#""period":2023,"values":[{"gender":"T"}]"#), "values[0].values[0]", "missing key `value`"),
            (
                r#"{"values":[{"kpi":"n1","municipality":"1780","period":2023,"values":[]}]}"#.into(),
                "values[0].kpi",
                "invalid Kolada KPI id",
            ),
            (
                r#"{"values":[{"kpi":"N15428","municipality":"17","period":2023,"values":[]}]}"#.into(),
                "values[0].municipality",
                "invalid area code",
            ),
            (r#"{"value":[]}"#.into(), "value", "unknown key"),
            (r#"[1]"#.into(), "", "expected an object"),
            (r#"{"values":[1,]}"#.into(), "", "invalid JSON: trailing commas"),
        ] {
            let found = problems(&text);
            assert!(
                found.iter().any(|(k, m)| k == key && m.contains(message)),
                "{text}\nwanted `{key}`: {message}\nfound {found:?}"
            );
        }
    }

    #[test]
    fn pages_ignore_unknown_keys_but_files_do_not() {
        let text = r#"{"values":[{"kpi":"N15428","municipality":"1780","period":2023,"new":1,
            "values":[{"gender":"T","value":1,"isdeleted":false}]}],"extra":{}}"#;
        assert_eq!(parse(text, Mode::Page).problems, vec![]);
        assert_eq!(parse(text, Mode::File).problems.len(), 3);
    }

    #[test]
    fn spans_point_at_the_value() {
        let text = "{\"values\": [\n  {\"kpi\": \"N15428\", \"municipality\": \"1780\", \"period\": 2023,\n   \"values\": [{\"gender\": \"T\", \"value\": true}]}]}";
        let doc = parse(text, Mode::File);
        assert_eq!(doc.problems.len(), 1);
        assert_eq!(&text[doc.problems[0].span.clone()], "true");
    }

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
            {"kpi":"N00001","municipality":"1781","period":2024,"values":[]}]}"#;
        let files = BTreeMap::from([
            (PathBuf::from("2030/values/a.json"), GOOD.as_bytes().to_vec()),
            (PathBuf::from("2030/values/b.json"), other.as_bytes().to_vec()),
            (PathBuf::from("2030/values/notes.txt"), b"not json".to_vec()),
        ]);
        let tree = crate::sources::git::MemTree::new(files, "HEAD:sources");
        let mut report = Report::default();
        let values = load(&tree, 2030, &parties, &kolada, &mut report);
        let found: Vec<(String, String, String)> = report
            .problems
            .iter()
            .map(|p| (p.location.file.display().to_string(), p.location.key.to_string(), p.message.clone()))
            .collect();
        let file = "HEAD:sources/2030/values/b.json".to_owned();
        assert_eq!(
            found,
            vec![
                (
                    file.clone(),
                    "values[0]".into(),
                    "duplicate record: KPI `N15428`, area `1780`, period 2023 is given twice".into()
                ),
                (file.clone(), "values[1].kpi".into(), "unknown KPI `N00001`".into()),
                (file, "values[1].municipality".into(), "unknown area code `1781`".into()),
            ]
        );
        assert_eq!(report.problems[0].related[0].0.file, PathBuf::from("HEAD:sources/2030/values/a.json"));
        assert!(report.texts.get(Path::new("HEAD:sources/2030/values/a.json")).is_some());
        assert_eq!(values.get("N15428", "1780", 2023, Gender::Total), Some(83.1));
        assert_eq!(values.files().len(), 2);
        assert!(load(&tree, 2031, &parties, &kolada, &mut Report::default()).is_empty());
        Ok(())
    }

    #[test]
    fn written_files_are_sorted_and_read_back() {
        let gv = |gender, value| GenderValue { gender, count: None, status: None, value };
        let rec = |area: &str, period, values| Record {
            kpi: KpiId("N15428".into()),
            area: AreaCode(area.into()),
            period,
            values,
        };
        let records = vec![
            rec("1780", 2023, vec![gv(Gender::Men, Some(1.5)), gv(Gender::Total, Some(2.0))]),
            rec("0000", 2024, vec![gv(Gender::Total, None)]),
            rec("0000", 2023, vec![gv(Gender::Total, Some(0.1))]),
        ];
        let text = to_json(&records);
        let doc = parse(&text, Mode::File);
        assert!(doc.problems.is_empty());
        let order: Vec<(&str, i32)> = doc.records.iter().map(|(r, _)| (r.area.as_str(), r.period)).collect();
        assert_eq!(order, vec![("0000", 2023), ("0000", 2024), ("1780", 2023)]);
        assert_eq!(doc.records[2].0.values[0].gender, Gender::Total);
        assert!(text.ends_with("}\n") && text.contains("\n  \"values\": ["));
    }
}
