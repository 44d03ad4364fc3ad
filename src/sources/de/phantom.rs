//! A stand-in for a missing key, so that reading goes on past it and finds every other missing
//! key of the same table in the same run.
//!
//! serde's derived structs stop at the first missing field. When that key is given a stand-in
//! value (the type's emptiest value: no text, 0, none, an empty list, a table whose keys are all
//! stand-ins, an enum's first value), the struct reads on and names its next missing key. A
//! stand-in that its type refuses (an id that must not be empty) fails the whole stand-in; the
//! reader then falls back to hiding the table.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::deserializer::{DATETIME_FIELD, DATETIME_STRUCT};
use super::error::Error;

/// The stand-in value of a missing key, by attempt: a type that refuses one stand-in text (an id
/// of the wrong shape) is given the next.
#[derive(Clone, Copy)]
pub(super) struct Phantom(pub(super) u8);

/// The stand-in texts, one per attempt: a slug id, a Kolada KPI id, an area code.
pub(super) const TEXTS: [&str; 4] = ["x", "N00000", "0000", ""];

/// A table whose keys are all stand-ins.
struct Fields {
    fields: std::slice::Iter<'static, &'static str>,
    attempt: u8,
}

impl<'de> de::MapAccess<'de> for Fields {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.fields.next() {
            Some(field) => seed.deserialize((*field).into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(Phantom(self.attempt))
    }
}

/// An empty list.
struct Empty;

impl<'de> de::SeqAccess<'de> for Empty {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, _seed: T) -> Result<Option<T::Value>, Error> {
        Ok(None)
    }
}

impl<'de> de::MapAccess<'de> for Empty {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, _seed: K) -> Result<Option<K::Value>, Error> {
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, _seed: V) -> Result<V::Value, Error> {
        Err(Error::message(crate::t!("toml-internal.value-without-key"), None))
    }
}

impl Phantom {
    fn text(self) -> &'static str {
        TEXTS[usize::from(self.0).min(TEXTS.len() - 1)]
    }
}

/// Deserializer methods that each give the same emptiest value: `visit(value): methods;`.
macro_rules! all_give {
    ($($visit:ident($value:expr): $($method:ident)+;)+) => {
        $($(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                visitor.$visit($value)
            }
        )+)+
    };
}

impl<'de> de::Deserializer<'de> for Phantom {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    all_give! {
        visit_bool(false): deserialize_bool;
        visit_i64(0): deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64;
        visit_u64(0): deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64;
        visit_f64(0.0): deserialize_f32 deserialize_f64;
        visit_char(' '): deserialize_char;
        visit_bytes(&[]): deserialize_bytes deserialize_byte_buf;
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.text())
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.text())
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.text())
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_none()
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(Empty)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(Empty)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_seq(Empty)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(Empty)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == DATETIME_STRUCT {
            let date = std::iter::once((DATETIME_FIELD, "1970-01-01"));
            return visitor.visit_map(de::value::MapDeserializer::new(date));
        }
        visitor.visit_map(Fields { fields: fields.iter(), attempt: self.0 })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match variants.first() {
            Some(first) => visitor.visit_enum(FirstVariant(first, self.0)),
            None => Err(Error::message(crate::t!("toml-internal.enum-without-values"), None)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// An enum's first value.
struct FirstVariant(&'static str, u8);

impl<'de> de::EnumAccess<'de> for FirstVariant {
    type Error = Error;
    type Variant = Phantom;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Phantom), Error> {
        let name: de::value::StrDeserializer<'_, Error> = self.0.into_deserializer();
        Ok((seed.deserialize(name)?, Phantom(self.1)))
    }
}

impl<'de> de::VariantAccess<'de> for Phantom {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(Empty)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_map(Fields { fields: fields.iter(), attempt: self.0 })
    }
}
