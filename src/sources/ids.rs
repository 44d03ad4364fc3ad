//! Identifier newtypes shared by all source kinds.
//!
//! Ids are stable across years: the same person, body, goal or indicator keeps its id from one
//! edition to the next, which is what lets `perspektiv diff` show a change instead of a removal
//! plus an addition.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// Checks that `s` is a slug: lowercase ASCII letters, digits and single inner hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

macro_rules! slug_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written in the sources.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                if is_slug(&s) {
                    Ok(Self(s))
                } else {
                    Err(serde::de::Error::custom(crate::t!("value-invalid-id", id = s)))
                }
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
                })
            }
        }
    };
}

slug_id!(
    /// Id of a party: one of the 16 municipalities or Region Värmland (`karlstad`, `region-varmland`).
    PartyId
);
slug_id!(
    /// Id of a body (group, council, network), stable across years (`beredningsgruppen`).
    GroupId
);
slug_id!(
    /// Id of a named person, stable across years (`sandra-natt`).
    MemberId
);
slug_id!(
    /// Id of an overarching goal (`god-och-jamlik-halsa`).
    GoalId
);
slug_id!(
    /// Id of an indicator of Bilaga 1, stable across years (`placerade-barn-gymnasium`).
    IndicatorId
);
slug_id!(
    /// Id of a remit (list of tasks) that one or more bodies carry.
    RemitId
);
slug_id!(
    /// Id of a focus area inside a body, such as a stimulus area of RKPH.
    AreaId
);
slug_id!(
    /// Id of a chapter or appendix of the document.
    ChapterId
);
slug_id!(
    /// Id of an entry of Bilaga 2 (adjacent strategies and bodies).
    EntryId
);
slug_id!(
    /// Id of a calendar (month overview).
    CalendarId
);
slug_id!(
    /// Id of a column (track) of a calendar.
    TrackId
);

/// A Kolada KPI id: one capital letter and five digits (`N15428`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct KpiId(pub String);

impl KpiId {
    /// The id as written in the sources.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `s` has the shape of a Kolada KPI id.
    pub fn is_valid(s: &str) -> bool {
        let b = s.as_bytes();
        b.len() == 6 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
    }
}

impl fmt::Display for KpiId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for KpiId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if Self::is_valid(&s) {
            Ok(Self(s))
        } else {
            Err(serde::de::Error::custom(crate::t!("invalid-kpi-id", kpi = s)))
        }
    }
}

impl schemars::JsonSchema for KpiId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "KpiId".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^[A-Z][0-9]{5}$" })
    }
}

/// A Kolada municipality group id ("kommungrupp"): `G` and digits (`G37411`). Kolada serves a
/// group's values like an area's, as the unweighted mean of its members' values.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct MunicipalityGroupId(pub String);

impl MunicipalityGroupId {
    /// The id as written in the sources.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `s` has the shape of a Kolada municipality group id: `G` and one to eight digits.
    pub fn is_valid(s: &str) -> bool {
        let b = s.as_bytes();
        (2..=9).contains(&b.len()) && b[0] == b'G' && b[1..].iter().all(u8::is_ascii_digit)
    }
}

impl fmt::Display for MunicipalityGroupId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for MunicipalityGroupId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if Self::is_valid(&s) {
            Ok(Self(s))
        } else {
            Err(serde::de::Error::custom(crate::t!("value-invalid-group-id", id = s)))
        }
    }
}

impl schemars::JsonSchema for MunicipalityGroupId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MunicipalityGroupId".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^G[0-9]{1,8}$" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for (s, ok) in [
            ("politisk-styrgrupp", true),
            ("a", true),
            ("bilaga-1", true),
            ("", false),
            ("Politisk", false),
            ("-a", false),
            ("a-", false),
            ("a--b", false),
            ("å", false),
            ("a b", false),
        ] {
            assert_eq!(is_slug(s), ok, "{s:?}");
        }
    }

    #[test]
    fn kpi_ids() {
        assert!(KpiId::is_valid("N15428"));
        assert!(!KpiId::is_valid("n15428"));
        assert!(!KpiId::is_valid("N1542"));
        assert!(!KpiId::is_valid("NN15428"));
    }
}
