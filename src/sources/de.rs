//! Reading a TOML source file into its type with every problem found, each once, in the words of
//! the file's author.
//!
//! serde stops at the first error. To go on, the file is read again and again: after each problem
//! the offending part (a key, an array element, a value) is hidden, as if it were not in the file,
//! and the file is read once more, until it deserializes. A problem that only follows from one
//! already reported (the `missing key` of a key hidden because its value was wrong, the `missing
//! key title` after `unknown key titel`) is not reported again. Array elements keep their indices
//! when an earlier one is hidden, so every key path names the place in the file as written.
//!
//! Values TOML itself cannot read (`date = 2023-13-01`, `amount = 2,5`, `direction = up`) stop
//! the TOML parser; such a value on a `key = value` line is reported, replaced by a placeholder
//! of the same length (so every other offset stays right) and hidden, and parsing goes on.
//!
//! Messages speak of the data ("expected a number, found the text \"2,5\"", "not a date
//! (YYYY-MM-DD)", "unknown value `ordförande`" with the allowed values and a "did you mean"),
//! never of Rust types.

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use toml_edit::{Item, Table, Value};
use toml_parser::lexer::TokenKind;

use crate::diagnostics::KeyPath;
use crate::suggest::{did_you_mean, one_of};

/// toml_datetime's names for a date passed through serde.
const DATETIME_STRUCT: &str = "$__toml_private_Datetime";
const DATETIME_FIELD: &str = "$__toml_private_datetime";

/// More problems than this in one file are not looked for.
const MAX_PROBLEMS: usize = 500;

/// A problem in a file, before it is tied to the file's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// Where in the file.
    pub key: KeyPath,
    /// The byte range, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

/// A file's content, when it has no problems, and the parsed TOML with spans.
pub type Parsed<T> = Option<(T, toml_edit::Document<String>)>;

/// Parses and deserializes a TOML text, reporting every problem.
pub fn from_toml<T: DeserializeOwned>(text: &str) -> (Parsed<T>, Vec<Located>) {
    let (doc, hidden, mut problems) = match parse(text) {
        Ok(parsed) => parsed,
        Err(problems) => return (None, problems),
    };
    let (data, found) = deserialize::<T>(&doc, hidden);
    problems.extend(found);
    // In the order of the file.
    problems.sort_by_key(|p| p.span.as_ref().map_or(usize::MAX, |s| s.start));
    match data {
        Some(data) if problems.is_empty() => (Some((data, doc)), problems),
        _ => (None, problems),
    }
}

// ------------------------------------------------------------------------------------------
// Parsing, with values TOML cannot read set aside

/// A parsed document, the key paths of the values that were set aside (replaced by placeholders),
/// and the problems of those values.
type ParsedToml = (toml_edit::Document<String>, BTreeSet<KeyPath>, Vec<Located>);

/// The parsed document; the key paths of values that were replaced by placeholders; the problems
/// of those values. `Err` when the file has a problem that parsing cannot get past.
fn parse(text: &str) -> Result<ParsedToml, Vec<Located>> {
    let mut current = text.to_owned();
    let mut patched: Vec<Range<usize>> = Vec::new();
    let mut problems: Vec<Located> = Vec::new();
    loop {
        match toml_edit::Document::parse(current.clone()) {
            Ok(doc) => {
                // Now that the file parses, the values set aside have key paths.
                for p in &mut problems {
                    if let Some(key) = p.span.as_ref().and_then(|span| path_of_value(&doc, span.start)) {
                        p.key = key;
                    }
                }
                let hidden = patched.iter().filter_map(|r| path_of_value(&doc, r.start)).collect();
                return Ok((doc, hidden, problems));
            }
            Err(e) => {
                let region = e.span().and_then(|s| scalar_region(&current, s.start));
                match region {
                    Some(region) if !patched.contains(&region) && problems.len() < MAX_PROBLEMS => {
                        let raw = &text[region.clone()];
                        let (message, hint) = unreadable_value(raw);
                        problems.push(Located {
                            key: KeyPath::root(),
                            span: Some(region.clone()),
                            message,
                            hint,
                        });
                        current.replace_range(region.clone(), &placeholder(region.len()));
                        patched.push(region);
                    }
                    _ => {
                        problems.push(Located {
                            key: KeyPath::root(),
                            span: e.span(),
                            message: format!("invalid TOML: {}", tidy_toml_message(e.message())),
                            hint: None,
                        });
                        // Name the keys of the values set aside so far, as far as they are known.
                        return Err(problems);
                    }
                }
            }
        }
    }
}

/// A TOML value of `len` bytes that always parses: a string of spaces, or `0`.
fn placeholder(len: usize) -> String {
    match len {
        0 | 1 => "0".repeat(len),
        n => format!("\"{}\"", " ".repeat(n - 2)),
    }
}

/// toml_edit's message on one line.
fn tidy_toml_message(message: &str) -> String {
    message.trim_end().lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ")
}

/// The byte range of an unquoted value on a `key = value` line (or in an inline table) that
/// contains `offset`: the tokens after `=` up to the end of the line, a comment, or (inside an
/// inline table) the next `,` or `}`. `None` when `offset` is anywhere else.
fn scalar_region(text: &str, offset: usize) -> Option<Range<usize>> {
    let source = toml_parser::Source::new(text);
    let tokens: Vec<(TokenKind, Range<usize>)> =
        source.lex().map(|t| (t.kind(), t.span().start()..t.span().end())).collect();
    let at = tokens.iter().position(|(_, r)| r.contains(&offset) || (r.start == offset && r.is_empty()))?;
    if !matches!(tokens[at].0, TokenKind::Atom | TokenKind::Whitespace | TokenKind::Dot | TokenKind::Comma) {
        return None;
    }
    // Back to the `=`, over the value's own tokens.
    let mut i = at;
    let equals = loop {
        match tokens[i].0 {
            TokenKind::Equals => break i,
            TokenKind::Atom | TokenKind::Whitespace | TokenKind::Dot | TokenKind::Comma if i > 0 => i -= 1,
            _ => return None,
        }
    };
    // Before the `=`: a key, starting a line or following `{` or `,` of an inline table.
    let mut k = equals;
    let opener = loop {
        if k == 0 {
            break None;
        }
        k -= 1;
        match tokens[k].0 {
            TokenKind::Atom
            | TokenKind::Whitespace
            | TokenKind::Dot
            | TokenKind::BasicString
            | TokenKind::LiteralString => {}
            other => break Some(other),
        }
    };
    let inline = match opener {
        None | Some(TokenKind::Newline) => false,
        Some(TokenKind::LeftCurlyBracket | TokenKind::Comma) => true,
        _ => return None,
    };
    // The value: from the first token after `=` up to the end.
    let mut start = None;
    let mut end = None;
    for (kind, range) in &tokens[equals + 1..] {
        match kind {
            TokenKind::Whitespace => {}
            TokenKind::Atom | TokenKind::Dot => {
                start.get_or_insert(range.start);
                end = Some(range.end);
            }
            TokenKind::Comma if !inline => {
                start.get_or_insert(range.start);
                end = Some(range.end);
            }
            TokenKind::Comma | TokenKind::RightCurlyBracket if inline => break,
            TokenKind::Newline | TokenKind::Comment | TokenKind::Eof => break,
            _ => return None,
        }
    }
    let region = start?..end?;
    (region.contains(&offset) || region.end == offset).then_some(region)
}

/// What to say about a value TOML cannot read.
fn unreadable_value(raw: &str) -> (String, Option<String>) {
    let raw = raw.trim();
    let shown = short(raw);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // 2023-13-01, 2023-5-4, 2023-02-30
    let parts: Vec<&str> = raw.split('-').collect();
    if parts.len() == 3 && parts.iter().all(|p| digits(p)) && parts[0].len() == 4 {
        let ymd: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        let exists = ymd.len() == 3
            && u8::try_from(ymd[1])
                .ok()
                .and_then(|m| time::Month::try_from(m).ok())
                .zip(u8::try_from(ymd[2]).ok())
                .is_some_and(|(m, d)| time::Date::from_calendar_date(ymd[0] as i32, m, d).is_ok());
        if exists {
            return (
                format!("`{shown}` is not a date (YYYY-MM-DD)"),
                Some(format!(
                    "write months and days with two digits: {:04}-{:02}-{:02}",
                    ymd[0], ymd[1], ymd[2]
                )),
            );
        }
        return (
            format!("`{shown}` is not a date in the calendar"),
            Some("dates are written YYYY-MM-DD, like 2023-05-04".to_owned()),
        );
    }
    if let Some(date) = swedish_date(raw) {
        return (format!("`{shown}` is not a date (YYYY-MM-DD)"), Some(format!("write the date as {date}")));
    }
    if raw.contains(['-', '/', '.'])
        && raw.chars().filter(char::is_ascii_digit).count() >= 4
        && !raw.contains(',')
    {
        return (
            format!("`{shown}` is not a date (YYYY-MM-DD)"),
            Some("dates are written YYYY-MM-DD, like 2023-05-04".to_owned()),
        );
    }
    if let Some((whole, fraction)) = raw.split_once(',')
        && digits(whole.trim_start_matches('-'))
        && digits(fraction)
    {
        return (
            format!("`{shown}` is not a number"),
            Some(format!("write decimals with a point: {whole}.{fraction}")),
        );
    }
    if raw.chars().next().is_some_and(char::is_alphabetic) {
        return (
            format!("`{shown}` is not a value TOML can read"),
            Some(format!("text is written in double quotes: \"{}\"", raw.replace('"', "\\\""))),
        );
    }
    (format!("`{shown}` is not a value TOML can read"), None)
}

/// `5 maj 2023` or `5/5/2023`-like Swedish dates as YYYY-MM-DD.
fn swedish_date(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let [day, month, year] = words.as_slice() else { return None };
    let month = crate::sources::common::MONTHS_SV.iter().position(|m| m.eq_ignore_ascii_case(month))? + 1;
    let day: u8 = day.trim_end_matches('.').parse().ok()?;
    let year: i32 = year.parse().ok()?;
    let date = crate::sources::common::Date::from_ymd(year, month as u8, day)?;
    Some(date.to_string())
}

/// A value shortened for a message.
fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// The key path of the value whose text starts at `start`.
fn path_of_value(doc: &toml_edit::Document<String>, start: usize) -> Option<KeyPath> {
    fn walk(node: Node<'_>, path: KeyPath, start: usize) -> Option<KeyPath> {
        if let Node::Item(Item::Value(v)) | Node::Value(v) = node
            && v.span().is_some_and(|s| s.start == start)
        {
            return Some(path);
        }
        match node {
            Node::Item(Item::Value(Value::Array(a))) | Node::Value(Value::Array(a)) => {
                a.iter().enumerate().find_map(|(i, v)| walk(Node::Value(v), path.index(i), start))
            }
            Node::Item(Item::Value(Value::InlineTable(t))) | Node::Value(Value::InlineTable(t)) => {
                t.iter().find_map(|(k, v)| walk(Node::Value(v), path.key(k), start))
            }
            Node::Item(Item::Table(t)) | Node::Table(t) => {
                t.iter().find_map(|(k, item)| walk(Node::Item(item), path.key(k), start))
            }
            Node::Item(Item::ArrayOfTables(a)) => {
                a.iter().enumerate().find_map(|(i, t)| walk(Node::Table(t), path.index(i), start))
            }
            _ => None,
        }
    }
    walk(Node::Item(doc.as_item()), KeyPath::root(), start)
}

// ------------------------------------------------------------------------------------------
// Deserializing, again and again

/// Deserializes `doc` with the paths in `hidden` left out, reporting every problem.
fn deserialize<T: DeserializeOwned>(
    doc: &toml_edit::Document<String>,
    mut hidden: BTreeSet<KeyPath>,
) -> (Option<T>, Vec<Located>) {
    let mut found: Vec<Located> = Vec::new();
    // Missing keys that an unknown key already explained (`titel` for `title`).
    let mut explained: BTreeSet<(KeyPath, &'static str)> = BTreeSet::new();
    while found.len() < MAX_PROBLEMS {
        let error = match T::deserialize(De {
            node: Node::Item(doc.as_item()),
            path: KeyPath::root(),
            hidden: &hidden,
        }) {
            Ok(data) => return (Some(data), found),
            Err(e) => e,
        };
        let path = error.path.clone().unwrap_or_default();
        let report = match &error.kind {
            Kind::Missing(field) => {
                !(hidden.contains(&path.key(field)) || explained.contains(&(path.clone(), *field)))
            }
            Kind::Consequence => false,
            _ => true,
        };
        if report {
            if let Kind::UnknownKey { key, expected } = &error.kind
                && let Some(meant) = did_you_mean(key, expected.iter().copied())
            {
                let parent = KeyPath(path.0[..path.0.len().saturating_sub(1)].to_vec());
                explained.insert((parent, meant));
            }
            found.push(error.located(doc));
        }
        if path.is_empty() || !hidden.insert(path) {
            break;
        }
    }
    (None, found)
}

/// A deserialization error, with the place it happened.
#[derive(Debug)]
pub struct Error {
    kind: Kind,
    path: Option<KeyPath>,
    span: Option<Range<usize>>,
}

#[derive(Debug)]
enum Kind {
    /// A message as it is.
    Message { message: String, hint: Option<String> },
    /// A value of the wrong type.
    InvalidType { expected: String, found: String, hint: Option<String> },
    /// A key the type does not have.
    UnknownKey { key: String, expected: &'static [&'static str] },
    /// A value not among an enum's values.
    UnknownValue { value: String, expected: &'static [&'static str] },
    /// A required key that is not there.
    Missing(&'static str),
    /// Follows from a problem already reported.
    Consequence,
}

impl Error {
    fn at(mut self, path: &KeyPath, span: Option<Range<usize>>) -> Self {
        if self.path.is_none() {
            self.path = Some(path.clone());
            self.span = span;
        }
        self
    }

    fn message(message: impl Into<String>, hint: Option<String>) -> Self {
        Self { kind: Kind::Message { message: message.into(), hint }, path: None, span: None }
    }

    fn located(self, doc: &toml_edit::Document<String>) -> Located {
        let key = self.path.unwrap_or_default();
        let span = self.span.or_else(|| super::span_of(doc, &key));
        let (message, hint) = match self.kind {
            Kind::Message { message, hint } => (message, hint),
            Kind::InvalidType { expected, found, hint } => {
                (format!("expected {expected}, found {found}"), hint)
            }
            Kind::UnknownKey { key, expected } => {
                let hint = match did_you_mean(&key, expected.iter().copied()) {
                    Some(meant) => format!("did you mean `{meant}`?"),
                    None if expected.is_empty() => "this table takes no keys".to_owned(),
                    None => format!("the keys here are {}", one_of(expected)),
                };
                (format!("unknown key `{}`", short(&key)), Some(hint))
            }
            Kind::UnknownValue { value, expected } => {
                let canonical: Vec<&str> = expected
                    .iter()
                    .copied()
                    .filter(|v| !super::ALIASES.iter().any(|(_, alias)| alias == v))
                    .collect();
                let allowed = one_of(&canonical);
                let hint = match did_you_mean(&value, expected.iter().copied()) {
                    Some(meant) => format!("did you mean `{meant}`? The allowed values are {allowed}"),
                    None => format!("the allowed values are {allowed}"),
                };
                (format!("unknown value `{}`", short(&value)), Some(hint))
            }
            Kind::Missing(field) => (format!("missing key `{field}`"), None),
            Kind::Consequence => ("(follows from another problem)".to_owned(), None),
        };
        Located { key, span, message, hint }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Message { message, .. } => f.write_str(message),
            Kind::InvalidType { expected, found, .. } => write!(f, "expected {expected}, found {found}"),
            Kind::UnknownKey { key, .. } => write!(f, "unknown key `{key}`"),
            Kind::UnknownValue { value, .. } => write!(f, "unknown value `{value}`"),
            Kind::Missing(field) => write!(f, "missing key `{field}`"),
            Kind::Consequence => f.write_str("follows from another problem"),
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        Self::message(msg.to_string(), None)
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        let expected = expected_words(&exp.to_string());
        let hint = type_hint(&unexp, &expected);
        Self {
            kind: Kind::InvalidType { expected, found: found_words(&unexp), hint },
            path: None,
            span: None,
        }
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::invalid_type(unexp, exp)
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Self::message(format!("expected {}, found {len} of them", expected_words(&exp.to_string())), None)
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Self { kind: Kind::UnknownValue { value: variant.to_owned(), expected }, path: None, span: None }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Self { kind: Kind::UnknownKey { key: field.to_owned(), expected }, path: None, span: None }
    }

    fn missing_field(field: &'static str) -> Self {
        Self { kind: Kind::Missing(field), path: None, span: None }
    }

    fn duplicate_field(field: &'static str) -> Self {
        Self::message(format!("the key `{field}` is given twice"), None)
    }
}

/// What serde's "expected" means, in the user's words.
fn expected_words(exp: &str) -> String {
    match exp {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number".into(),
        "u8" => "a whole number from 0 to 255".into(),
        "u16" => "a whole number from 0 to 65535".into(),
        "u32" | "u64" | "u128" | "usize" => "a whole number (0 or more)".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" => "true or false".into(),
        "a string" | "a borrowed string" | "a string or bytes" | "string" => "text in double quotes".into(),
        "a sequence" => "a list in square brackets".into(),
        "a map" => "a table".into(),
        s if s.starts_with("struct ") => "a table".into(),
        s if s.starts_with("enum ") => "one of the allowed values".into(),
        s => s.to_owned(),
    }
}

/// What serde's "unexpected" means, in the user's words.
fn found_words(unexp: &Unexpected<'_>) -> String {
    match unexp {
        Unexpected::Bool(b) => format!("`{b}`"),
        Unexpected::Unsigned(n) => format!("the number {n}"),
        Unexpected::Signed(n) => format!("the number {n}"),
        Unexpected::Float(n) => format!("the number {n}"),
        Unexpected::Char(c) => format!("the text \"{c}\""),
        Unexpected::Str(s) => format!("the text \"{}\"", short(s)),
        Unexpected::Seq => "a list".into(),
        Unexpected::Map => "a table".into(),
        Unexpected::Unit => "nothing".into(),
        Unexpected::Other(s) => (*s).to_owned(),
        _ => "another kind of value".into(),
    }
}

fn type_hint(unexp: &Unexpected<'_>, expected: &str) -> Option<String> {
    match unexp {
        Unexpected::Str(s) if expected.contains("number") => {
            let t = s.trim();
            if t.parse::<f64>().is_ok() {
                Some(format!("write the number without quotes: {t}"))
            } else {
                t.replacen(',', ".", 1).parse::<f64>().ok().map(|_| {
                    format!(
                        "write the number without quotes, with a decimal point: {}",
                        t.replacen(',', ".", 1)
                    )
                })
            }
        }
        Unexpected::Str(s) if expected == "true or false" && matches!(s.trim(), "true" | "false") => {
            Some(format!("write {} without quotes", s.trim()))
        }
        Unexpected::Signed(n) if expected.starts_with("text") => {
            Some(format!("write text in double quotes: \"{n}\""))
        }
        Unexpected::Unsigned(n) if expected.starts_with("text") => {
            Some(format!("write text in double quotes: \"{n}\""))
        }
        Unexpected::Float(n) if expected.starts_with("text") => {
            Some(format!("write text in double quotes: \"{n}\""))
        }
        Unexpected::Bool(b) if expected.starts_with("text") => {
            Some(format!("write text in double quotes: \"{b}\""))
        }
        _ => None,
    }
}

/// A key of a table, where the key is, and its value.
type Entry<'a> = (&'a str, Option<Range<usize>>, Node<'a>);

/// A node of the parsed TOML.
#[derive(Clone, Copy)]
enum Node<'a> {
    Item(&'a Item),
    Value(&'a Value),
    Table(&'a Table),
}

impl<'a> Node<'a> {
    fn span(self) -> Option<Range<usize>> {
        match self {
            Node::Item(Item::Value(v)) | Node::Value(v) => v.span(),
            Node::Item(Item::Table(t)) | Node::Table(t) => t.span(),
            Node::Item(Item::ArrayOfTables(a)) => a.span(),
            Node::Item(Item::None) => None,
        }
    }

    fn value(self) -> Option<&'a Value> {
        match self {
            Node::Item(Item::Value(v)) | Node::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The node described for a message ("the text \"x\"", "a date (2023-05-04)").
    fn describe(self) -> String {
        match self {
            Node::Item(Item::Table(_)) | Node::Table(_) => "a table".into(),
            Node::Item(Item::ArrayOfTables(_)) => "a list of tables".into(),
            Node::Item(Item::None) => "nothing".into(),
            Node::Item(Item::Value(v)) | Node::Value(v) => match v {
                Value::String(s) => format!("the text \"{}\"", short(s.value())),
                Value::Integer(i) => format!("the number {}", i.value()),
                Value::Float(f) => format!("the number {}", f.value()),
                Value::Boolean(b) => format!("`{}`", b.value()),
                Value::Datetime(d) => format!("the date {}", d.value()),
                Value::Array(_) => "a list".into(),
                Value::InlineTable(_) => "a table".into(),
            },
        }
    }

    /// The entries of a table node, with their key spans.
    fn entries(self) -> Option<Vec<Entry<'a>>> {
        match self {
            Node::Item(Item::Table(t)) | Node::Table(t) => Some(
                t.iter()
                    .map(|(k, item)| (k, t.key(k).and_then(toml_edit::Key::span), Node::Item(item)))
                    .collect(),
            ),
            Node::Item(Item::Value(Value::InlineTable(t))) | Node::Value(Value::InlineTable(t)) => Some(
                t.iter().map(|(k, v)| (k, t.key(k).and_then(toml_edit::Key::span), Node::Value(v))).collect(),
            ),
            _ => None,
        }
    }
}

/// A serde deserializer over a node, with its key path; `hidden` paths are left out.
struct De<'a> {
    node: Node<'a>,
    path: KeyPath,
    hidden: &'a BTreeSet<KeyPath>,
}

impl<'a> De<'a> {
    fn map(&self, entries: Vec<Entry<'a>>) -> MapDe<'a> {
        let entries: Vec<_> =
            entries.into_iter().filter(|(k, _, _)| !self.hidden.contains(&self.path.key(k))).collect();
        MapDe { entries: entries.into_iter(), next: None, path: self.path.clone(), hidden: self.hidden }
    }

    fn seq(&self, items: Vec<Node<'a>>) -> SeqDe<'a> {
        let items: Vec<(usize, Node<'a>)> = items
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !self.hidden.contains(&self.path.index(*i)))
            .collect();
        SeqDe { items: items.into_iter(), path: self.path.clone(), hidden: self.hidden }
    }

    fn fail(&self, e: Error) -> Error {
        e.at(&self.path, self.node.span())
    }
}

impl<'de, 'a> de::Deserializer<'de> for De<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.node {
            Node::Item(Item::Table(_)) | Node::Table(_) => {
                let entries = self.node.entries().unwrap_or_default();
                visitor.visit_map(self.map(entries))
            }
            Node::Item(Item::ArrayOfTables(a)) => {
                visitor.visit_seq(self.seq(a.iter().map(Node::Table).collect()))
            }
            Node::Item(Item::None) => visitor.visit_unit(),
            Node::Item(Item::Value(v)) | Node::Value(v) => match v {
                Value::String(s) => visitor.visit_str(s.value()),
                Value::Integer(i) => visitor.visit_i64(*i.value()),
                Value::Float(f) => visitor.visit_f64(*f.value()),
                Value::Boolean(b) => visitor.visit_bool(*b.value()),
                Value::Datetime(d) => visitor
                    .visit_map(de::value::MapDeserializer::new(std::iter::once((
                        DATETIME_FIELD,
                        d.value().to_string(),
                    ))))
                    .map_err(|mut e: Error| {
                        // A date where something else was expected is not "a table".
                        if let Kind::InvalidType { found, hint, expected } = &mut e.kind {
                            *found = format!("the date {}", d.value());
                            if expected.starts_with("text") {
                                *hint = Some(format!("write text in double quotes: \"{}\"", d.value()));
                            }
                        }
                        e
                    }),
                Value::Array(a) => visitor.visit_seq(self.seq(a.iter().map(Node::Value).collect())),
                Value::InlineTable(_) => {
                    let entries = self.node.entries().unwrap_or_default();
                    visitor.visit_map(self.map(entries))
                }
            },
        };
        result.map_err(|e| self.fail(e))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == DATETIME_STRUCT {
            return match self.node.value() {
                Some(Value::Datetime(_)) => self.deserialize_any(visitor),
                _ => {
                    let hint = match self.node.value() {
                        Some(Value::String(s)) if s.value().starts_with(|c: char| c.is_ascii_digit()) => {
                            Some(format!("write the date without quotes: {}", s.value().trim()))
                        }
                        _ => Some("dates are written YYYY-MM-DD without quotes, like 2023-05-04".to_owned()),
                    };
                    let found = self.node.describe();
                    Err(self
                        .fail(Error::message(format!("expected a date (YYYY-MM-DD), found {found}"), hint)))
                }
            };
        }
        let _ = fields;
        self.deserialize_any(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // TOML has no null: a key that is there is `Some`.
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if let Some(Value::String(s)) = self.node.value() {
            let result = visitor.visit_enum(s.value().as_str().into_deserializer());
            return result.map_err(|e| self.fail(e));
        }
        let Some(entries) = self.node.entries() else {
            let found = self.node.describe();
            let message = format!("expected one of {}, found {found}", one_of(variants));
            return Err(self.fail(Error::message(message, None)));
        };
        let all = entries.len();
        let mut visible: Vec<_> =
            entries.into_iter().filter(|(k, _, _)| !self.hidden.contains(&self.path.key(k))).collect();
        match (visible.len(), all) {
            (1, _) => {
                let (key, key_span, node) = visible.remove(0);
                let access = EnumDe { key, key_span, node, path: self.path.key(key), hidden: self.hidden };
                visitor.visit_enum(access).map_err(|e| self.fail(e))
            }
            (0, n) if n > 0 => Err(self.fail(Error { kind: Kind::Consequence, path: None, span: None })),
            (0, _) => Err(self.fail(Error::message(
                format!("expected one of the keys {}", one_of(variants)),
                Some("this table needs exactly one key, which says what it is".to_owned()),
            ))),
            (_, _) => {
                let keys: Vec<&str> = visible.iter().map(|(k, _, _)| *k).collect();
                Err(self.fail(Error::message(
                    format!("expected only one of the keys {}, found {}", one_of(variants), one_of(&keys)),
                    Some("give each its own table".to_owned()),
                )))
            }
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

struct MapDe<'a> {
    entries: std::vec::IntoIter<Entry<'a>>,
    next: Option<(&'a str, Node<'a>)>,
    path: KeyPath,
    hidden: &'a BTreeSet<KeyPath>,
}

impl<'de, 'a> de::MapAccess<'de> for MapDe<'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, key_span, node)) = self.entries.next() else { return Ok(None) };
        self.next = Some((key, node));
        let de: de::value::StrDeserializer<'_, Error> = key.into_deserializer();
        seed.deserialize(de).map(Some).map_err(|e| e.at(&self.path.key(key), key_span))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, node) = self.next.take().ok_or_else(|| Error::message("a value without a key", None))?;
        let path = self.path.key(key);
        let span = node.span();
        seed.deserialize(De { node, path: path.clone(), hidden: self.hidden }).map_err(|e| e.at(&path, span))
    }
}

struct SeqDe<'a> {
    items: std::vec::IntoIter<(usize, Node<'a>)>,
    path: KeyPath,
    hidden: &'a BTreeSet<KeyPath>,
}

impl<'de, 'a> de::SeqAccess<'de> for SeqDe<'a> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some((index, node)) = self.items.next() else { return Ok(None) };
        let path = self.path.index(index);
        let span = node.span();
        seed.deserialize(De { node, path: path.clone(), hidden: self.hidden })
            .map(Some)
            .map_err(|e| e.at(&path, span))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An enum written as a table with one key (`text = "…"` in a block).
struct EnumDe<'a> {
    key: &'a str,
    key_span: Option<Range<usize>>,
    node: Node<'a>,
    path: KeyPath,
    hidden: &'a BTreeSet<KeyPath>,
}

impl<'de, 'a> de::EnumAccess<'de> for EnumDe<'a> {
    type Error = Error;
    type Variant = De<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, De<'a>), Error> {
        let de: de::value::StrDeserializer<'_, Error> = self.key.into_deserializer();
        let variant = seed.deserialize(de).map_err(|e| {
            // The variant is a key of the table: an unknown one is an unknown key.
            let e = match e.kind {
                Kind::UnknownValue { value, expected } => {
                    Error { kind: Kind::UnknownKey { key: value, expected }, path: None, span: None }
                }
                _ => e,
            };
            e.at(&self.path, self.key_span.clone())
        })?;
        Ok((variant, De { node: self.node, path: self.path, hidden: self.hidden }))
    }
}

impl<'de, 'a> de::VariantAccess<'de> for De<'a> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_struct(self, "", fields, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{DocumentFile, GoalsFile, MembersFile};

    fn problems<T: DeserializeOwned>(text: &str) -> Vec<(String, String, Option<String>, String)> {
        let (parsed, found) = from_toml::<T>(text);
        assert!(parsed.is_none() || found.is_empty());
        found
            .into_iter()
            .map(|p| {
                let at = p.span.map(|s| text[s].to_owned()).unwrap_or_default();
                (p.key.to_string(), p.message, p.hint, at)
            })
            .collect()
    }

    const MEMBERS: &str = r#"[[member]]
id = "a"
name = "A"
titel = "x"

[[member.role]]
body = "b"
role = "ordförande"
from = 2023-13-01

[[member]]
id = "b"
nmae = "B"

[[member.role]]
body = "b"
role = "ordf"
until = "2023-05-04"
from = 2023-5-4
"#;

    #[test]
    fn every_problem_once_with_its_place() {
        let found = problems::<MembersFile>(MEMBERS);
        let summary: Vec<(&str, &str, &str)> =
            found.iter().map(|(k, m, _, at)| (k.as_str(), m.as_str(), at.as_str())).collect();
        assert_eq!(
            summary,
            vec![
                ("member[0].titel", "unknown key `titel`", "titel"),
                ("member[0].role[0].from", "`2023-13-01` is not a date in the calendar", "2023-13-01"),
                ("member[1].nmae", "unknown key `nmae`", "nmae"),
                ("member[1].role[0].role", "unknown value `ordf`", "\"ordf\""),
                (
                    "member[1].role[0].until",
                    "expected a date (YYYY-MM-DD), found the text \"2023-05-04\"",
                    "\"2023-05-04\""
                ),
                ("member[1].role[0].from", "`2023-5-4` is not a date (YYYY-MM-DD)", "2023-5-4"),
            ],
            "{found:#?}"
        );
        assert_eq!(found[0].2.as_deref(), Some("did you mean `title`?"));
        let hint = found[3].2.as_deref().unwrap_or_default();
        assert!(
            hint.starts_with(
                "did you mean `ordforande`? The allowed values are `ordforande`, `sammankallande`"
            ),
            "{hint}"
        );
        assert!(!hint.contains("ordförande"), "{hint}");
        assert_eq!(found[4].2.as_deref(), Some("write the date without quotes: 2023-05-04"));
    }

    #[test]
    fn wrong_types_in_the_users_words() {
        let doc = "title = \"T\"\nsubtitle = \"S\"\nyear = \"2030\"\ndate = 2030-05-05\nauthor = 1\nsubject = \"s\"\nrunning_header = \"r\"\n\n[cover]\nparties_prefix = \"K\"\n";
        let found = problems::<DocumentFile>(doc);
        let summary: Vec<(&str, &str, Option<&str>)> =
            found.iter().map(|(k, m, h, _)| (k.as_str(), m.as_str(), h.as_deref())).collect();
        assert_eq!(
            summary,
            vec![
                (
                    "year",
                    "expected a whole number, found the text \"2030\"",
                    Some("write the number without quotes: 2030")
                ),
                (
                    "author",
                    "expected text in double quotes, found the number 1",
                    Some("write text in double quotes: \"1\"")
                ),
            ]
        );
    }

    #[test]
    fn values_toml_cannot_read() {
        for (value, message, hint) in [
            ("2,5", "`2,5` is not a number", Some("write decimals with a point: 2.5")),
            ("up", "`up` is not a value TOML can read", Some("text is written in double quotes: \"up\"")),
            ("5 maj 2023", "`5 maj 2023` is not a date (YYYY-MM-DD)", Some("write the date as 2023-05-05")),
            (
                "2023-02-30",
                "`2023-02-30` is not a date in the calendar",
                Some("dates are written YYYY-MM-DD, like 2023-05-04"),
            ),
        ] {
            assert_eq!(unreadable_value(value), (message.to_owned(), hint.map(str::to_owned)), "{value}");
        }
        // A value inside an inline table, and the rest of the file still read.
        let text = "[[goal]]\nid = \"a\"\ntitle = \"A\"\ntext = \"t\"\n\n[[goal.indicator]]\nid = \"i\"\ntext = \"x\"\ndirection = \"increase\"\ntarget = { amount = abc, unit = \"procentenheter\" }\nkolada = [{ kpi = \"n1\" }]\n";
        let found = problems::<GoalsFile>(text);
        let keys: Vec<&str> = found.iter().map(|(k, _, _, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            vec!["goal[0].indicator[0].target.amount", "goal[0].indicator[0].kolada[0].kpi"],
            "{found:#?}"
        );
    }

    #[test]
    fn a_broken_table_and_a_block_of_unknown_kind() {
        let doc = "title = \"T\"\nsubtitle = \"S\"\nyear = 2030\ndate = 2030-05-05\nauthor = \"a\"\nsubject = \"s\"\nrunning_header = \"r\"\n\n[cover]\nparties_prefix = \"K\"\n\n[[chapter]]\nid = \"c\"\ntitle = \"C\"\n\n[[chapter.block]]\ntxt = \"x\"\n\n[[chapter.block]]\ntext = 5\n\n[[chapter.block]]\ngoals = {}\n";
        let found = problems::<DocumentFile>(doc);
        let summary: Vec<(&str, &str)> = found.iter().map(|(k, m, _, _)| (k.as_str(), m.as_str())).collect();
        assert_eq!(
            summary,
            vec![
                ("chapter[0].block[0].txt", "unknown key `txt`"),
                ("chapter[0].block[1].text", "expected text in double quotes, found the number 5"),
            ]
        );
        assert_eq!(found[0].2.as_deref(), Some("did you mean `text`?"));
    }

    #[test]
    fn a_missing_key_is_reported_where_the_table_is() {
        let text = "[[member]]\nid = \"a\"\n\n[[member]]\nid = \"b\"\nname = \"B\"\n";
        let found = problems::<MembersFile>(text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].0.as_str(), found[0].1.as_str(), found[0].3.as_str()),
            ("member[0]", "missing key `name`", "[[member]]")
        );
    }

    #[test]
    fn syntax_errors_stop_the_file() {
        let found = problems::<MembersFile>("[[member]\nid = \"a\"\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].1.starts_with("invalid TOML: "), "{found:?}");
    }
}
