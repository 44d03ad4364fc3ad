//! The serde deserializer over a parsed TOML document: it leaves out the hidden key paths (array
//! elements keep their indices) and gives every error the key path and span where it happened.
//! Every string it hands out (values, keys, enum variants) is in Unicode normal form C.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;
use toml_edit::{Item, Table, Value};

use super::error::{Error, Kind};
use super::phantom::Phantom;
use super::short;
use crate::diagnostics::{KeyPath, Seg};
use crate::sources::text::nfc;
use crate::suggest::one_of;
use crate::t;

/// toml_datetime's names for a date passed through serde.
pub(super) const DATETIME_STRUCT: &str = "$__toml_private_Datetime";
pub(super) const DATETIME_FIELD: &str = "$__toml_private_datetime";

/// A key of a table, where the key is, and its value.
pub(super) type Entry<'a> = (&'a str, Option<Range<usize>>, Node<'a>);

/// A node of the parsed TOML.
#[derive(Clone, Copy)]
pub(super) enum Node<'a> {
    Item(&'a Item),
    Value(&'a Value),
    Table(&'a Table),
    /// The stand-in for a missing key (see [`super::phantom`]).
    Phantom(u8),
}

impl<'a> Node<'a> {
    pub(super) fn span(self) -> Option<Range<usize>> {
        match self {
            Node::Item(Item::Value(v)) | Node::Value(v) => v.span(),
            Node::Item(Item::Table(t)) | Node::Table(t) => t.span(),
            Node::Item(Item::ArrayOfTables(a)) => a.span(),
            Node::Item(Item::None) | Node::Phantom(_) => None,
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
            Node::Item(Item::Table(_)) | Node::Table(_) => t!("toml-found.table"),
            Node::Item(Item::ArrayOfTables(_)) => t!("toml-found.tables"),
            Node::Item(Item::None) | Node::Phantom(_) => t!("toml-found.nothing"),
            Node::Item(Item::Value(v)) | Node::Value(v) => match v {
                Value::String(s) => t!("toml-found.text", text = short(s.value())),
                Value::Integer(i) => t!("toml-found.number", number = i.value().to_string()),
                Value::Float(f) => t!("toml-found.number", number = f.value().to_string()),
                Value::Boolean(b) => format!("`{}`", b.value()),
                Value::Datetime(d) => t!("toml-found.date", date = d.value().to_string()),
                Value::Array(_) => t!("toml-found.list"),
                Value::InlineTable(_) => t!("toml-found.table"),
            },
        }
    }

    /// The entries of a table node, with their key spans.
    pub(super) fn entries(self) -> Option<Vec<Entry<'a>>> {
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

/// A serde deserializer over a node, with its key path; `hidden` paths are left out, and the
/// `phantom` paths (missing keys) are given stand-ins.
pub(super) struct De<'a> {
    pub(super) node: Node<'a>,
    pub(super) path: KeyPath,
    pub(super) reading: Reading<'a>,
}

/// The field list serde's derive gives for the struct each table is read into, in the struct's
/// order, by the table's key path (see [`super::field_orders`]).
pub type FieldOrders = BTreeMap<KeyPath, &'static [&'static str]>;

/// What a read is given besides the document, the same at every depth: the key paths left out,
/// the stand-ins for missing keys, and where to note each struct's field order when asked.
#[derive(Clone, Copy)]
pub(super) struct Reading<'a> {
    pub(super) hidden: &'a BTreeSet<KeyPath>,
    pub(super) phantom: &'a BTreeMap<KeyPath, u8>,
    pub(super) orders: Option<&'a RefCell<FieldOrders>>,
}

impl<'a> De<'a> {
    fn map(&self, entries: Vec<Entry<'a>>) -> MapDe<'a> {
        let mut entries: Vec<_> = entries
            .into_iter()
            .filter(|(k, _, _)| !self.reading.hidden.contains(&self.path.key(k)))
            .collect();
        // The stand-ins for this table's missing keys.
        for (path, attempt) in self.reading.phantom.range(self.path.clone()..) {
            let Some((Seg::Key(key), parent)) = path.0.split_last() else { continue };
            if parent != self.path.0.as_slice() {
                if !path.0.starts_with(&self.path.0) {
                    break;
                }
                continue;
            }
            if !entries.iter().any(|(k, _, _)| k == key) {
                entries.push((key.as_str(), None, Node::Phantom(*attempt)));
            }
        }
        MapDe { entries: entries.into_iter(), next: None, path: self.path.clone(), reading: self.reading }
    }

    fn seq(&self, items: Vec<Node<'a>>) -> SeqDe<'a> {
        let items: Vec<(usize, Node<'a>)> = items
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !self.reading.hidden.contains(&self.path.index(*i)))
            .collect();
        SeqDe { items: items.into_iter(), path: self.path.clone(), reading: self.reading }
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
            Node::Phantom(attempt) => de::Deserializer::deserialize_any(Phantom(attempt), visitor),
            Node::Item(Item::Value(v)) | Node::Value(v) => match v {
                // The one place the sources' strings are produced: NFC from here on.
                Value::String(s) => visitor.visit_str(&nfc(s.value())),
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
                            t!("invalid-type.unquote-date", date = s.value().trim())
                        }
                        _ => t!("invalid-type.date-format"),
                    };
                    let found = self.node.describe();
                    Err(self.fail(Error::invalid_type(t!("toml-expected.date"), found, Some(hint))))
                }
            };
        }
        if let Some(orders) = self.reading.orders {
            orders.borrow_mut().insert(self.path.clone(), fields);
        }
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
            let result = visitor.visit_enum(nfc(s.value()).as_ref().into_deserializer());
            return result.map_err(|e| self.fail(e));
        }
        let Some(entries) = self.node.entries() else {
            let found = self.node.describe();
            let expected = t!("toml-expected.one-of", values = one_of(variants));
            return Err(self.fail(Error::invalid_type(expected, found, None)));
        };
        let all = entries.len();
        let mut visible: Vec<_> = entries
            .into_iter()
            .filter(|(k, _, _)| !self.reading.hidden.contains(&self.path.key(k)))
            .collect();
        match (visible.len(), all) {
            (1, _) => {
                let (key, key_span, node) = visible.remove(0);
                let access = EnumDe { key, key_span, node, path: self.path.key(key), reading: self.reading };
                visitor.visit_enum(access).map_err(|e| self.fail(e))
            }
            (0, n) if n > 0 => Err(self.fail(Error { kind: Kind::Consequence, path: None, span: None })),
            (0, _) => Err(self.fail(Error::message(
                t!("toml-one-key", keys = one_of(variants)),
                Some(t!("toml-one-key.hint")),
            ))),
            (_, _) => {
                let keys: Vec<&str> = visible.iter().map(|(k, _, _)| *k).collect();
                Err(self.fail(Error::message(
                    t!("toml-one-key.found", keys = one_of(variants), found = one_of(&keys)),
                    Some(t!("toml-one-key.found-hint")),
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
    reading: Reading<'a>,
}

impl<'de, 'a> de::MapAccess<'de> for MapDe<'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, key_span, node)) = self.entries.next() else { return Ok(None) };
        self.next = Some((key, node));
        let key_nfc = nfc(key);
        let de: de::value::StrDeserializer<'_, Error> = key_nfc.as_ref().into_deserializer();
        seed.deserialize(de).map(Some).map_err(|e| e.at(&self.path.key(key), key_span))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, node) =
            self.next.take().ok_or_else(|| Error::message(t!("toml-internal.value-without-key"), None))?;
        let path = self.path.key(key);
        if let Node::Phantom(attempt) = node {
            // Whatever a stand-in's type says of it follows from the missing key.
            return seed.deserialize(Phantom(attempt)).map_err(|_| Error {
                kind: Kind::Consequence,
                path: Some(path),
                span: None,
            });
        }
        let span = node.span();
        seed.deserialize(De { node, path: path.clone(), reading: self.reading })
            .map_err(|e| e.at(&path, span))
    }
}

struct SeqDe<'a> {
    items: std::vec::IntoIter<(usize, Node<'a>)>,
    path: KeyPath,
    reading: Reading<'a>,
}

impl<'de, 'a> de::SeqAccess<'de> for SeqDe<'a> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some((index, node)) = self.items.next() else { return Ok(None) };
        let path = self.path.index(index);
        let span = node.span();
        seed.deserialize(De { node, path: path.clone(), reading: self.reading })
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
    reading: Reading<'a>,
}

impl<'de, 'a> de::EnumAccess<'de> for EnumDe<'a> {
    type Error = Error;
    type Variant = De<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, De<'a>), Error> {
        let key = nfc(self.key);
        let de: de::value::StrDeserializer<'_, Error> = key.as_ref().into_deserializer();
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
        Ok((variant, De { node: self.node, path: self.path, reading: self.reading }))
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
