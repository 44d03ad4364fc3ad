//! Reading and writing the values' JSON: Kolada's v3 data records, parsed with positions so that
//! every problem names its line, column and key path (`values[12].values[0].value`). Every string
//! read is in Unicode normal form C.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use jsonc_parser::ast::{Array, Object, ObjectProp, Value as Json};
use jsonc_parser::common::Ranged;

use super::{Gender, GenderValue, Record, ValuesFile};
use crate::diagnostics::KeyPath;
use crate::i18n::Msg;
use crate::sources::ids::{KpiId, MunicipalityGroupId};
use crate::sources::parties::AreaCode;
use crate::sources::text::nfc;
use crate::{msg, t};

/// Kolada's mark of a deleted record or value.
const DELETED_KEYS: [&str; 2] = ["isdeleted", "is_deleted"];

/// How strictly a JSON document is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A file of the sources: keys this program does not use are ignored (Kolada adds its own),
    /// but a key that looks like a misspelling of one it uses (`"vaule"`) is an error.
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
    /// What is wrong: a message whose key is the kind of problem, its code (`values-unknown-key`).
    pub message: Msg,
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
    /// The well-formed records, with their places; without the values and records Kolada marks
    /// as deleted.
    pub records: Vec<(Record, RecordSpans)>,
    /// The next page's URL (`next_url`, or `next_page` as Kolada's v2 called it), if any.
    pub next_url: Option<String>,
    /// How many values (of a gender) and whole records were left out as deleted.
    pub deleted: usize,
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
                // The JSON parser's own words for what is wrong.
                message: msg!("values-invalid-json", error = lowercase_first(&e.kind().to_string())),
                hint: None,
            });
            return doc;
        }
    };
    let mut r = Reader { mode, problems: Vec::new(), deleted: 0 };
    match root {
        Some(Json::Object(obj)) => r.document(&obj, &mut doc),
        Some(other) => r.problem(KeyPath::root(), span(&other), msg!("values-not-an-object")),
        None => r.problem(KeyPath::root(), 0..0, msg!("values-empty")),
    }
    doc.problems.extend(r.problems);
    doc.deleted = r.deleted;
    doc
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What a value is, in words ("a string").
fn kind(v: &Json<'_>) -> String {
    match v {
        Json::StringLit(_) => t!("values-found.string"),
        Json::NumberLit(_) => t!("values-found.number"),
        Json::BooleanLit(_) => t!("values-found.boolean"),
        Json::Object(_) => t!("values-found.object"),
        Json::Array(_) => t!("values-found.array"),
        Json::NullKeyword(_) => "null".to_owned(),
    }
}

struct Reader {
    mode: Mode,
    problems: Vec<JsonProblem>,
    deleted: usize,
}

/// Whether an object is marked deleted by Kolada (`"isdeleted": true`).
fn is_deleted(obj: &Object<'_>) -> bool {
    DELETED_KEYS.iter().any(|k| matches!(obj.get(k).map(|p| &p.value), Some(Json::BooleanLit(b)) if b.value))
}

/// The known key that `name` looks like a misspelling of: at most two edits away (one for short
/// keys), and not a longer key of Kolada's own (`municipality_type`).
fn misspelling<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known.iter().copied().find(|k| {
        let limit = if k.len() <= 4 { 1 } else { 2 };
        strsim::damerau_levenshtein(name, k) <= limit && name.len().abs_diff(k.len()) <= 1
    })
}

impl Reader {
    fn problem(&mut self, key: KeyPath, span: Range<usize>, message: Msg) {
        self.problems.push(JsonProblem { key, span, message, hint: None });
    }

    fn problem_hint(&mut self, key: KeyPath, span: Range<usize>, message: Msg, hint: String) {
        self.problems.push(JsonProblem { key, span, message, hint: Some(hint) });
    }

    /// The properties of an object by name; reports duplicate keys and (in file mode) keys that
    /// look like misspellings of known ones. Other keys are ignored.
    fn fields<'o, 'a>(
        &mut self,
        obj: &'o Object<'a>,
        path: &KeyPath,
        known: &[&str],
    ) -> BTreeMap<&'o str, &'o ObjectProp<'a>> {
        let mut fields = BTreeMap::new();
        for prop in &obj.properties {
            let name = prop.name.as_str();
            let at = path.key(name);
            if fields.contains_key(name) {
                self.problem(at, span(&prop.name), msg!("values-duplicate-key", key = name));
                continue;
            }
            if known.contains(&name) {
                fields.insert(name, prop);
            } else if self.mode == Mode::File
                && let Some(meant) = misspelling(name, known)
            {
                self.problem_hint(
                    at,
                    span(&prop.name),
                    msg!("values-unknown-key", key = name),
                    crate::suggest::did_you_mean_hint(meant),
                );
            }
        }
        fields
    }

    fn document(&mut self, obj: &Object<'_>, doc: &mut Document) {
        let root = KeyPath::root();
        let fields = self.fields(obj, &root, &["values"]);
        for name in ["next_url", "next_page"] {
            if let Some(Json::StringLit(s)) = obj.get(name).map(|p| &p.value) {
                doc.next_url.get_or_insert_with(|| nfc(&s.value).into_owned());
            }
        }
        let Some(values) = fields.get("values") else {
            self.problem(root, span(obj), msg!("values-missing-key", key = "values"));
            return;
        };
        let path = root.key("values");
        let Json::Array(records) = &values.value else {
            let found = kind(&values.value);
            self.problem(path, span(&values.value), msg!("values-not-records", found = found));
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
            self.problem(path.clone(), span(v), msg!("values-not-a-record", found = kind(v)));
            return None;
        };
        if is_deleted(obj) {
            self.deleted += 1;
            return None;
        }
        let before = self.problems.len();
        let fields = self.fields(obj, path, &["kpi", "municipality", "period", "values"]);
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
            self.problem(
                path.clone(),
                span(obj),
                msg!("values-record-missing", keys = list, count = missing.len()),
            );
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

    /// A string; `what` names it for the message (`kpi`, `area`, `gender`).
    fn string<'v>(&mut self, v: &'v Json<'_>, path: &KeyPath, what: &str) -> Option<Cow<'v, str>> {
        match v {
            Json::StringLit(s) => Some(nfc(&s.value)),
            other => {
                self.problem(
                    path.clone(),
                    span(other),
                    msg!("values-not-a-string", what = what, found = kind(other)),
                );
                None
            }
        }
    }

    fn kpi(&mut self, v: &Json<'_>, path: &KeyPath) -> Option<KpiId> {
        let s = self.string(v, path, "kpi")?;
        if KpiId::is_valid(&s) {
            Some(KpiId(s.into_owned()))
        } else {
            self.problem(path.clone(), span(v), msg!("invalid-kpi-id", kpi = s));
            None
        }
    }

    fn area(&mut self, v: &Json<'_>, path: &KeyPath) -> Option<AreaCode> {
        let s = self.string(v, path, "area")?;
        // A municipality group's values come as an area's, under the group's id (`G37411`).
        if (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())) || MunicipalityGroupId::is_valid(&s) {
            Some(AreaCode(s.into_owned()))
        } else {
            self.problem(path.clone(), span(v), msg!("values-invalid-area-code", code = s));
            None
        }
    }

    fn period(&mut self, v: &Json<'_>, path: &KeyPath) -> Option<i32> {
        let text = match v {
            Json::NumberLit(n) => n.value,
            Json::StringLit(s) => s.value.as_ref(),
            other => {
                self.problem(path.clone(), span(other), msg!("values-period-type", found = kind(other)));
                return None;
            }
        };
        match text.parse::<i32>() {
            Ok(year) if text.len() == 4 && (1900..=2100).contains(&year) => Some(year),
            _ => {
                self.problem_hint(
                    path.clone(),
                    span(v),
                    msg!("values-period-not-a-year", period = text),
                    t!("values-period-not-a-year.hint"),
                );
                None
            }
        }
    }

    fn gender_values(&mut self, v: &Json<'_>, path: &KeyPath) -> Option<Vec<GenderValue>> {
        let Json::Array(Array { elements, .. }) = v else {
            self.problem(path.clone(), span(v), msg!("values-not-gender-values", found = kind(v)));
            return None;
        };
        let mut out = Vec::new();
        let mut seen: BTreeMap<Gender, usize> = BTreeMap::new();
        let mut ok = true;
        for (i, element) in elements.iter().enumerate() {
            let at = path.index(i);
            if let Json::Object(obj) = element
                && is_deleted(obj)
            {
                self.deleted += 1;
                continue;
            }
            match self.gender_value(element, &at) {
                Some((gv, gender_span)) => {
                    if let Some(first) = seen.insert(gv.gender, i) {
                        self.problem_hint(
                            at.key("gender"),
                            gender_span,
                            msg!("values-gender-twice", gender = gv.gender.to_string()),
                            t!("values-gender-twice.hint", first = first),
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
            self.problem(path.clone(), span(v), msg!("values-not-a-gender-value", found = kind(v)));
            return None;
        };
        let before = self.problems.len();
        let fields = self.fields(obj, path, &["gender", "count", "status", "value"]);
        let mut gender = None;
        match fields.get("gender") {
            Some(p) => {
                let at = path.key("gender");
                if let Some(code) = self.string(&p.value, &at, "gender") {
                    match Gender::from_code(&code) {
                        Some(g) => gender = Some((g, span(&p.value))),
                        None => {
                            self.problem(at, span(&p.value), msg!("values-invalid-gender", gender = code))
                        }
                    }
                }
            }
            None => self.problem(path.clone(), span(obj), msg!("values-missing-key", key = "gender")),
        }
        let value = match fields.get("value") {
            Some(p) => self.number(&p.value, &path.key("value")),
            None => {
                self.problem_hint(
                    path.clone(),
                    span(obj),
                    msg!("values-missing-key", key = "value"),
                    t!("values-missing-key.value-hint"),
                );
                None
            }
        };
        let count = fields.get("count").and_then(|p| self.count(&p.value, &path.key("count")));
        let status = fields.get("status").and_then(|p| match &p.value {
            Json::StringLit(s) => Some(nfc(&s.value).into_owned()),
            Json::NullKeyword(_) => None,
            other => {
                self.problem(
                    path.key("status"),
                    span(other),
                    msg!("values-status-type", found = kind(other)),
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
                    self.problem(path.clone(), span(v), msg!("values-not-finite", value = n.value));
                    None
                }
            },
            Json::StringLit(s) => {
                self.problem_hint(
                    path.clone(),
                    span(v),
                    msg!("values-quoted-number", value = s.value.as_ref()),
                    t!("values-quoted-number.hint"),
                );
                None
            }
            other => {
                self.problem(path.clone(), span(other), msg!("values-not-a-number", found = kind(other)));
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
                    self.problem(path.clone(), span(v), msg!("values-count-not-whole", count = n.value));
                    None
                }
            },
            other => {
                self.problem(path.clone(), span(other), msg!("values-count-type", found = kind(other)));
                None
            }
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
    use crate::sources::values::tests::GOOD;

    fn problems(text: &str) -> Vec<(String, String)> {
        parse(text, Mode::File).problems.into_iter().map(|p| (p.key.to_string(), p.message.text())).collect()
    }

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
            (rec(r#""period":2023,"values":[],"perod":1"#), "values[0].perod", "unknown key `perod`"),
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
    fn keys_kolada_adds_are_ignored_and_misspellings_are_not() {
        let text = r#"{"values":[{"kpi":"N15428","municipality":"1780","municipality_type":"K","period":2023,
            "values":[{"gender":"T","value":1,"isdeleted":false,"vaule":2}]}],"extra":{}}"#;
        assert_eq!(parse(text, Mode::Page).problems, vec![]);
        let found = problems(text);
        assert_eq!(found, vec![("values[0].values[0].vaule".to_owned(), "unknown key `vaule`".to_owned())]);
    }

    #[test]
    fn deleted_values_and_records_are_left_out() {
        let text = r#"{"values":[
            {"kpi":"N15428","municipality":"1780","period":2023,
             "values":[{"gender":"T","value":1,"isdeleted":false},{"gender":"K","value":9,"isdeleted":true}]},
            {"kpi":"N15428","municipality":"1780","period":2022,"isdeleted":true,"values":[{"gender":"T","value":7}]}]}"#;
        for mode in [Mode::File, Mode::Page] {
            let doc = parse(text, mode);
            assert!(doc.problems.is_empty(), "{:?}", doc.problems);
            assert_eq!(doc.deleted, 2);
            assert_eq!(doc.records.len(), 1);
            let genders: Vec<Gender> = doc.records[0].0.values.iter().map(|v| v.gender).collect();
            assert_eq!(genders, vec![Gender::Total]);
        }
    }

    #[test]
    fn spans_point_at_the_value() {
        let text = "{\"values\": [\n  {\"kpi\": \"N15428\", \"municipality\": \"1780\", \"period\": 2023,\n   \"values\": [{\"gender\": \"T\", \"value\": true}]}]}";
        let doc = parse(text, Mode::File);
        assert_eq!(doc.problems.len(), 1);
        assert_eq!(&text[doc.problems[0].span.clone()], "true");
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
