//! The errors of deserializing a source file, and their words: what serde says of Rust types
//! ("invalid type: string, expected f64") said of the data ("expected a number, found the text
//! \"2,5\"").

use std::fmt;
use std::ops::Range;

use serde::de::{self, Unexpected};

use super::{Located, short};
use crate::diagnostics::KeyPath;
use crate::suggest::{did_you_mean, one_of};

/// A deserialization error, with the place it happened.
#[derive(Debug)]
pub(crate) struct Error {
    pub(super) kind: Kind,
    pub(super) path: Option<KeyPath>,
    pub(super) span: Option<Range<usize>>,
}

#[derive(Debug)]
pub(super) enum Kind {
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
    pub(super) fn at(mut self, path: &KeyPath, span: Option<Range<usize>>) -> Self {
        if self.path.is_none() {
            self.path = Some(path.clone());
            self.span = span;
        }
        self
    }

    pub(super) fn message(message: impl Into<String>, hint: Option<String>) -> Self {
        Self { kind: Kind::Message { message: message.into(), hint }, path: None, span: None }
    }

    pub(super) fn located(self, doc: &toml_edit::Document<String>) -> Located {
        let key = self.path.unwrap_or_default();
        let span = self.span.or_else(|| crate::sources::span_of(doc, &key));
        let code = match &self.kind {
            Kind::Message { .. } => "invalid-value",
            Kind::InvalidType { .. } => "invalid-type",
            Kind::UnknownKey { .. } => "unknown-key",
            Kind::UnknownValue { .. } => "unknown-value",
            Kind::Missing(_) => "missing-key",
            Kind::Consequence => "consequence",
        };
        let (message, hint) = match self.kind {
            Kind::Message { message, hint } => (message, hint),
            Kind::InvalidType { expected, found, hint } => {
                (format!("expected {expected}, found {found}"), hint)
            }
            Kind::UnknownKey { key, expected } => {
                let hint = match did_you_mean(&key, expected.iter().copied()) {
                    Some(meant) => crate::suggest::did_you_mean_hint(meant),
                    None if expected.is_empty() => "this table takes no keys".to_owned(),
                    None => format!("the keys here are {}", one_of(expected)),
                };
                (format!("unknown key `{}`", short(&key)), Some(hint))
            }
            Kind::UnknownValue { value, expected } => {
                let canonical: Vec<&str> = expected
                    .iter()
                    .copied()
                    .filter(|v| !crate::sources::ALIASES.iter().any(|(_, alias)| alias == v))
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
        Located { code, key, span, message, hint, related: None }
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
