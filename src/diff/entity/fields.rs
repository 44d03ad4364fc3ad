//! Taking an entity's fields from its serialized source record: each field with its raw value
//! and its text as printed, and every key this module does not know under a generic label.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Field, FieldValue, ListItem, Shown, label};
use crate::diff::EntityKind;
use crate::diff::prose;
use crate::sources::common::Markdown;
use crate::swedish;

/// A record as JSON, without its `acknowledged` keys: an acknowledgement of a warning is about
/// the checks, not the document, so it is no change.
pub(super) fn to_value<T: Serialize>(t: &T) -> Value {
    let mut v = serde_json::to_value(t).unwrap_or(Value::Null);
    strip_acknowledged(&mut v);
    v
}

fn strip_acknowledged(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("acknowledged");
            map.values_mut().for_each(strip_acknowledged);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_acknowledged),
        _ => {}
    }
}

/// A value as text when the module has no better form for it.
pub(super) fn generic_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => yes_no(*b).to_owned(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), swedish::number),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(generic_text).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map.values().map(generic_text).collect::<Vec<_>>().join(", "),
    }
}

/// A yes or no in Swedish.
pub(super) fn yes_no(b: bool) -> &'static str {
    if b { "ja" } else { "nej" }
}

/// Takes the fields of a serialized record one by one.
pub(super) struct Builder {
    kind: EntityKind,
    prefix: &'static str,
    rest: Map<String, Value>,
    fields: Vec<Field>,
}

impl Builder {
    pub(super) fn new<T: Serialize>(kind: EntityKind, record: &T, skip: &[&str]) -> Self {
        let mut rest = match to_value(record) {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        for k in skip {
            rest.remove(*k);
        }
        Self { kind, prefix: "", rest, fields: Vec::new() }
    }

    /// The fields of a nested record (`cover`, `direction`), as `prefix.key`.
    pub(super) fn nested(&mut self, key: &str, prefix: &'static str) -> Builder {
        let rest = match self.rest.remove(key) {
            Some(Value::Object(m)) => m,
            _ => Map::new(),
        };
        Builder { kind: self.kind, prefix, rest, fields: Vec::new() }
    }

    pub(super) fn absorb(&mut self, nested: Builder) {
        self.fields.extend(nested.finish());
    }

    pub(super) fn full_key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    pub(super) fn push(&mut self, key: &str, raw: Value, text: Option<String>, words: bool) {
        let value = match (raw.is_null(), text) {
            (true, None) => None,
            (_, text) => Some(Shown { text: text.unwrap_or_else(|| generic_text(&raw)), raw, words }),
        };
        self.fields.push(Field { key: self.full_key(key), value: FieldValue::One(value), unknown: false });
    }

    /// A value of the record; `text` as the document prints it (`None` when absent).
    pub(super) fn value(&mut self, key: &str, text: Option<String>) {
        let raw = self.rest.remove(key).unwrap_or(Value::Null);
        self.push(key, raw, text, false);
    }

    /// A short text of the record, compared word by word.
    pub(super) fn words(&mut self, key: &str, text: Option<String>) {
        let raw = self.rest.remove(key).unwrap_or(Value::Null);
        let text = text.map(|t| swedish::join_digit_groups(&t).into_owned());
        self.push(key, raw, text, true);
    }

    /// Prose of the record, compared word by word as plain text.
    pub(super) fn prose(&mut self, key: &str, md: Option<&Markdown>) {
        self.words(key, md.map(|m| prose::plain(m.as_str())));
    }

    /// A value that is not a field of the record (an indicator's goal, a body's members).
    pub(super) fn extra(&mut self, key: &str, raw: Value, text: Option<String>) {
        self.push(key, raw, text, false);
    }

    /// A list of the record (or made from it), aligned by content.
    pub(super) fn list(&mut self, key: &str, items: Vec<ListItem>) {
        self.rest.remove(key);
        self.fields.push(Field { key: self.full_key(key), value: FieldValue::List(items), unknown: false });
    }

    /// The fields taken, then every key not taken, under a generic label.
    pub(super) fn finish(mut self) -> Vec<Field> {
        let rest = std::mem::take(&mut self.rest);
        for (key, raw) in rest {
            let text = (!raw.is_null()).then(|| generic_text(&raw));
            let shown = text.map(|text| Shown { raw, text, words: false });
            self.fields.push(Field {
                key: self.full_key(&key),
                value: FieldValue::One(shown),
                unknown: true,
            });
        }
        self.fields
    }
}

/// Items of a list whose items all share one label ("Roll"), or are numbered ("Uppgift 3").
pub(super) fn items(
    kind: EntityKind,
    key: &str,
    numbered: bool,
    values: impl IntoIterator<Item = (Option<String>, Value, String, bool)>,
) -> Vec<ListItem> {
    let bare = label(kind, key);
    values
        .into_iter()
        .enumerate()
        .map(|(i, (item_key, raw, text, words))| ListItem {
            class: "item",
            key: item_key,
            label: if numbered { format!("{bare} {}", i + 1) } else { bare.to_owned() },
            bare_label: bare.to_owned(),
            shown: Shown { raw, text: swedish::join_digit_groups(&text).into_owned(), words },
        })
        .collect()
}

/// The first sentence of a text, or its first 25 words.
pub(super) fn first_sentence(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for w in &words {
        out.push(*w);
        if w.ends_with(['.', '!', '?']) && out.len() > 2 {
            return out.join(" ");
        }
        if out.len() == 25 {
            return format!("{} …", out.join(" "));
        }
    }
    out.join(" ")
}

/// The text with its first letter in lower case, for a description inside a sentence.
pub(super) fn decapitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A count with its noun: "1 uppgift", "3 uppgifter".
pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
