//! The errors of deserializing a source file, and their words: what serde says of Rust types
//! ("invalid type: string, expected f64") said of the data ("expected a number, found the text
//! \"2,5\""), in the language of the run (`i18n/<lang>/toml.ftl`).

use std::fmt;
use std::ops::Range;

use serde::de::{self, Unexpected};

use super::{Located, short};
use crate::diagnostics::KeyPath;
use crate::i18n::Msg;
use crate::suggest::{did_you_mean, one_of};
use crate::{msg, t};

/// A deserialization error, with the place it happened.
#[derive(Debug)]
pub(crate) struct Error {
    pub(super) kind: Kind,
    pub(super) path: Option<KeyPath>,
    pub(super) span: Option<Range<usize>>,
}

#[derive(Debug)]
pub(super) enum Kind {
    /// A value its type refuses, in words already said (a message of `toml.ftl`).
    Message { message: String, hint: Option<String> },
    /// A value of the wrong type: what was expected and what was found, in words already said.
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

    pub(super) fn invalid_type(expected: String, found: String, hint: Option<String>) -> Self {
        Self { kind: Kind::InvalidType { expected, found, hint }, path: None, span: None }
    }

    /// The problem's message, whose key is its code, and its hint.
    fn said(&self) -> (Msg, Option<String>) {
        match &self.kind {
            Kind::Message { message, hint } => (msg!("invalid-value", message = message), hint.clone()),
            Kind::InvalidType { expected, found, hint } => {
                (msg!("invalid-type", expected = expected, found = found), hint.clone())
            }
            Kind::UnknownKey { key, expected } => {
                let hint = match did_you_mean(key, expected.iter().copied()) {
                    Some(meant) => crate::suggest::did_you_mean_hint(meant),
                    None if expected.is_empty() => t!("unknown-key.no-keys"),
                    None => t!("unknown-key.keys", keys = one_of(expected)),
                };
                (msg!("unknown-key", key = short(key)), Some(hint))
            }
            Kind::UnknownValue { value, expected } => {
                let canonical: Vec<&str> = expected
                    .iter()
                    .copied()
                    .filter(|v| !crate::sources::ALIASES.iter().any(|(_, alias)| alias == v))
                    .collect();
                let allowed = one_of(&canonical);
                let hint = match did_you_mean(value, expected.iter().copied()) {
                    Some(meant) => t!("unknown-value.hint-meant", name = meant, allowed = allowed),
                    None => t!("unknown-value.hint", allowed = allowed),
                };
                (msg!("unknown-value", value = short(value)), Some(hint))
            }
            Kind::Missing(field) => (super::missing_message(&[*field]), None),
            Kind::Consequence => (msg!("consequence"), None),
        }
    }

    pub(super) fn located(self, doc: &toml_edit::Document<String>) -> Located {
        let (message, hint) = self.said();
        let key = self.path.unwrap_or_default();
        let span = self.span.or_else(|| crate::sources::span_of(doc, &key));
        Located { key, span, message, hint, related: None }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.said().0.text())
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        Self::message(msg.to_string(), None)
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        let (expected, what) = expected_words(&exp.to_string());
        let hint = type_hint(&unexp, what);
        Self::invalid_type(expected, found_words(&unexp), hint)
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        <Self as de::Error>::invalid_type(unexp, exp)
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        let (expected, _) = expected_words(&exp.to_string());
        Self::message(t!("toml-invalid-length", expected = expected, count = len), None)
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
        Self::message(t!("toml-key-twice", key = field), None)
    }
}

/// The kind of value serde expected, as far as the hints care.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expected {
    Number,
    Boolean,
    Text,
    Other,
}

/// What serde's "expected" means, in the user's words, and what kind of value it is.
fn expected_words(exp: &str) -> (String, Expected) {
    let (key, what) = match exp {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => ("toml-expected.whole-number", Expected::Number),
        "u8" => ("toml-expected.byte", Expected::Number),
        "u16" => ("toml-expected.u16", Expected::Number),
        "u32" | "u64" | "u128" | "usize" => ("toml-expected.natural-number", Expected::Number),
        "f32" | "f64" => ("toml-expected.number", Expected::Number),
        "a boolean" => ("toml-expected.boolean", Expected::Boolean),
        "a string" | "a borrowed string" | "a string or bytes" | "string" => {
            ("toml-expected.text", Expected::Text)
        }
        "a sequence" => ("toml-expected.list", Expected::Other),
        "a map" => ("toml-expected.table", Expected::Other),
        s if s.starts_with("struct ") => ("toml-expected.table", Expected::Other),
        s if s.starts_with("enum ") => ("toml-expected.allowed-value", Expected::Other),
        // serde's own words for a type of its own.
        s => return (s.to_owned(), Expected::Other),
    };
    (Msg::new(key).text(), what)
}

/// What serde's "unexpected" means, in the user's words.
fn found_words(unexp: &Unexpected<'_>) -> String {
    match unexp {
        Unexpected::Bool(b) => format!("`{b}`"),
        Unexpected::Unsigned(n) => t!("toml-found.number", number = n.to_string()),
        Unexpected::Signed(n) => t!("toml-found.number", number = n.to_string()),
        Unexpected::Float(n) => t!("toml-found.number", number = n.to_string()),
        Unexpected::Char(c) => t!("toml-found.text", text = c.to_string()),
        Unexpected::Str(s) => t!("toml-found.text", text = short(s)),
        Unexpected::Seq => t!("toml-found.list"),
        Unexpected::Map => t!("toml-found.table"),
        Unexpected::Unit => t!("toml-found.nothing"),
        // serde's own words for a value of its own.
        Unexpected::Other(s) => (*s).to_owned(),
        _ => t!("toml-found.other"),
    }
}

fn type_hint(unexp: &Unexpected<'_>, expected: Expected) -> Option<String> {
    match (unexp, expected) {
        (Unexpected::Str(s), Expected::Number) => {
            let t = s.trim();
            if t.parse::<f64>().is_ok() {
                Some(t!("invalid-type.unquote-number", number = t))
            } else {
                let point = t.replacen(',', ".", 1);
                point.parse::<f64>().ok().map(|_| t!("invalid-type.decimal-point", number = point.as_str()))
            }
        }
        (Unexpected::Str(s), Expected::Boolean) if matches!(s.trim(), "true" | "false") => {
            Some(t!("invalid-type.unquote", value = s.trim()))
        }
        (Unexpected::Signed(n), Expected::Text) => Some(t!("invalid-type.quote", text = n.to_string())),
        (Unexpected::Unsigned(n), Expected::Text) => Some(t!("invalid-type.quote", text = n.to_string())),
        (Unexpected::Float(n), Expected::Text) => Some(t!("invalid-type.quote", text = n.to_string())),
        (Unexpected::Bool(b), Expected::Text) => Some(t!("invalid-type.quote", text = b.to_string())),
        _ => None,
    }
}
