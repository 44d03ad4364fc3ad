//! `members.toml`: every named person and the roles they hold.

use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use super::common::Date;
use super::ids::{AreaId, GroupId, MemberId, PartyId};

/// The people of one edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MembersFile {
    /// One entry per person.
    pub member: Vec<Member>,
}

/// A named person.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Stable id, the same in every edition the person appears in (`sandra-natt`).
    pub id: MemberId,
    /// Full name as printed.
    pub name: String,
    /// Title or position ("regionråd", "socialchef").
    pub title: Option<String>,
    /// The municipality or region the person represents or works for.
    pub organisation: Option<PartyId>,
    /// Political party, for elected representatives.
    pub party: Option<PoliticalParty>,
    /// The person's roles in the bodies of Nya Perspektiv.
    #[serde(default)]
    pub role: Vec<Role>,
}

/// A seat held in a body, for a period.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The body.
    pub body: GroupId,
    /// The role in the body (`ordforande` or `ordförande`, `vice ordförande`, `ledamot`, `ersättare`,
    /// `adjungerad`, `sekreterare`, …); case is ignored.
    pub role: RoleKind,
    /// A focus area of the body the role is for (a stimulus area of RKPH).
    pub area: Option<AreaId>,
    /// First day of the period; absent when the document does not say.
    pub from: Option<Date>,
    /// Last day of the period, inclusive; absent when open-ended or not stated.
    pub until: Option<Date>,
    /// The person's title in this role, when it differs from their current title.
    pub title: Option<String>,
    /// The organisation the person represented in this role, when it differs.
    pub organisation: Option<PartyId>,
    /// A qualifier printed after the role ("för nära vård", "representerar kommunerna").
    pub remark: Option<String>,
    /// Acknowledges the warning that the period ends (or has ended), with the reason ("efterträdare utses i juni"): while it is set, `check`
    /// gives no warning here, so that `check --deny-warnings` can guard CI and still fails on
    /// anything new. Not printed in the document.
    pub acknowledged: Option<String>,
}

/// Roles a person can hold in a body, in the order a body's holders are listed.
///
/// Written in the sources as the ASCII name (`vice-ordforande`) or the Swedish word
/// (`vice ordförande`); case is ignored (`Ordförande`), and a space, `_` or `-` between words are
/// the same. Anything else is an unknown value, with the closest role as a suggestion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RoleKind {
    /// Chair.
    Ordforande,
    /// Vice chair (vice ordförande); a body may have more than one.
    ViceOrdforande,
    /// Convener.
    Sammankallande,
    /// Coordinator of a body (RKPH).
    Koordinator,
    /// Coordinator of a group or area.
    Samordnare,
    /// Secretary of a body (sekreterare).
    Sekreterare,
    /// Development leader of the Nya Perspektiv unit.
    Utvecklingsledare,
    /// Contact person.
    Kontaktperson,
    /// Member.
    Ledamot,
    /// Deputy member, who sits in when a member cannot (ersättare).
    Ersattare,
    /// Co-opted: takes part with the right to speak but not to vote (adjungerad).
    Adjungerad,
}

impl RoleKind {
    /// Every role, in order.
    pub const ALL: [RoleKind; 11] = [
        Self::Ordforande,
        Self::ViceOrdforande,
        Self::Sammankallande,
        Self::Koordinator,
        Self::Samordnare,
        Self::Sekreterare,
        Self::Utvecklingsledare,
        Self::Kontaktperson,
        Self::Ledamot,
        Self::Ersattare,
        Self::Adjungerad,
    ];

    /// The names as written in the sources, ASCII (`vice-ordforande`), in [`RoleKind::ALL`] order.
    pub const NAMES: [&'static str; 11] = [
        "ordforande",
        "vice-ordforande",
        "sammankallande",
        "koordinator",
        "samordnare",
        "sekreterare",
        "utvecklingsledare",
        "kontaktperson",
        "ledamot",
        "ersattare",
        "adjungerad",
    ];

    /// The role a source names, case and Swedish letters aside (`Ordförande`, `vice ordförande`,
    /// `VICE_ORDFORANDE`); `None` for anything else.
    pub fn from_name(name: &str) -> Option<Self> {
        let wanted = normalise(name);
        Self::NAMES.iter().position(|n| normalise(n) == wanted).map(|i| Self::ALL[i])
    }

    /// The Swedish word, lowercase ("ordförande", "vice ordförande").
    pub fn swedish(self) -> &'static str {
        match self {
            Self::Ordforande => "ordförande",
            Self::ViceOrdforande => "vice ordförande",
            Self::Sammankallande => "sammankallande",
            Self::Koordinator => "koordinator",
            Self::Samordnare => "samordnare",
            Self::Sekreterare => "sekreterare",
            Self::Utvecklingsledare => "utvecklingsledare",
            Self::Kontaktperson => "kontaktperson",
            Self::Ledamot => "ledamot",
            Self::Ersattare => "ersättare",
            Self::Adjungerad => "adjungerad",
        }
    }

    /// The Swedish plural, lowercase ("samordnare", "koordinatorer").
    pub fn swedish_plural(self) -> &'static str {
        match self {
            Self::Koordinator => "koordinatorer",
            Self::Kontaktperson => "kontaktpersoner",
            Self::Ledamot => "ledamöter",
            Self::Adjungerad => "adjungerade",
            other => other.swedish(),
        }
    }

    /// Whether a body has at most one holder of the role at a time.
    pub fn is_single_seat(self) -> bool {
        matches!(self, Self::Ordforande | Self::Sammankallande)
    }
}

/// A role name folded for comparison: lowercase, Swedish letters as their ASCII base, runs of
/// spaces, `_` and `-` as one `-`.
fn normalise(name: &str) -> String {
    let folded = crate::suggest::fold(name);
    folded.split('-').filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}

impl<'de> Deserialize<'de> for RoleKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Names;

        impl<'de> serde::de::Visitor<'de> for Names {
            type Value = RoleKind;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a role")
            }

            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<RoleKind, E> {
                RoleKind::from_name(name).ok_or_else(|| E::unknown_variant(name, &RoleKind::NAMES))
            }

            fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<RoleKind, A::Error> {
                use serde::de::{Error, VariantAccess};
                let (name, variant): (String, A::Variant) = data.variant()?;
                let role = RoleKind::from_name(&name)
                    .ok_or_else(|| A::Error::unknown_variant(&name, &RoleKind::NAMES))?;
                variant.unit_variant()?;
                Ok(role)
            }
        }

        deserializer.deserialize_enum("RoleKind", &Self::NAMES, Names)
    }
}

/// Swedish political parties, by their customary abbreviation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum PoliticalParty {
    /// Socialdemokraterna.
    S,
    /// Moderaterna.
    M,
    /// Centerpartiet.
    C,
    /// Kristdemokraterna.
    KD,
    /// Liberalerna.
    L,
    /// Vänsterpartiet.
    V,
    /// Miljöpartiet.
    MP,
    /// Sverigedemokraterna.
    SD,
}

impl PoliticalParty {
    /// The abbreviation as printed ("KD").
    pub fn abbreviation(self) -> &'static str {
        match self {
            Self::S => "S",
            Self::M => "M",
            Self::C => "C",
            Self::KD => "KD",
            Self::L => "L",
            Self::V => "V",
            Self::MP => "MP",
            Self::SD => "SD",
        }
    }
}

impl Role {
    /// Whether the periods of two roles share at least one day (open ends count as unbounded).
    pub fn overlaps(&self, other: &Role) -> bool {
        let starts_before_other_ends = match (self.from, other.until) {
            (Some(from), Some(until)) => from <= until,
            _ => true,
        };
        let other_starts_before_self_ends = match (other.from, self.until) {
            (Some(from), Some(until)) => from <= until,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_self_ends
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(from: Option<(i32, u8, u8)>, until: Option<(i32, u8, u8)>) -> Role {
        let d = |t: (i32, u8, u8)| Date::from_ymd(t.0, t.1, t.2).unwrap();
        Role {
            body: GroupId("x".into()),
            role: RoleKind::Ordforande,
            area: None,
            from: from.map(d),
            until: until.map(d),
            title: None,
            organisation: None,
            remark: None,
            acknowledged: None,
        }
    }

    #[test]
    fn role_names_whatever_their_case_and_spelling() {
        for (written, role) in [
            ("ordforande", Some(RoleKind::Ordforande)),
            ("ordförande", Some(RoleKind::Ordforande)),
            ("Ordförande", Some(RoleKind::Ordforande)),
            ("ORDFÖRANDE", Some(RoleKind::Ordforande)),
            ("vice ordförande", Some(RoleKind::ViceOrdforande)),
            ("Vice ordförande", Some(RoleKind::ViceOrdforande)),
            ("vice-ordforande", Some(RoleKind::ViceOrdforande)),
            ("vice_ordforande", Some(RoleKind::ViceOrdforande)),
            ("vice  ordförande", Some(RoleKind::ViceOrdforande)),
            ("ersättare", Some(RoleKind::Ersattare)),
            ("Ersattare", Some(RoleKind::Ersattare)),
            ("adjungerad", Some(RoleKind::Adjungerad)),
            ("Sekreterare", Some(RoleKind::Sekreterare)),
            ("Ledamot", Some(RoleKind::Ledamot)),
            ("vice", None),
            ("ordf", None),
            ("", None),
        ] {
            assert_eq!(RoleKind::from_name(written), role, "{written}");
            let json: Option<RoleKind> = serde_json::from_value(serde_json::Value::from(written)).ok();
            assert_eq!(json, role, "{written} from JSON");
        }
        for (role, name) in RoleKind::ALL.iter().zip(RoleKind::NAMES) {
            assert_eq!(RoleKind::from_name(name), Some(*role));
            assert_eq!(RoleKind::from_name(role.swedish()), Some(*role), "{}", role.swedish());
            assert_eq!(serde_json::to_value(role).ok(), Some(serde_json::Value::from(name)));
        }
    }

    #[test]
    fn new_roles_in_swedish() {
        let words: Vec<(&str, &str)> =
            [RoleKind::ViceOrdforande, RoleKind::Ersattare, RoleKind::Adjungerad, RoleKind::Sekreterare]
                .iter()
                .map(|r| (r.swedish(), r.swedish_plural()))
                .collect();
        assert_eq!(
            words,
            [
                ("vice ordförande", "vice ordförande"),
                ("ersättare", "ersättare"),
                ("adjungerad", "adjungerade"),
                ("sekreterare", "sekreterare")
            ]
        );
        // The chair comes first, the vice chair next; deputies and co-opted after the members.
        assert!(RoleKind::Ordforande < RoleKind::ViceOrdforande);
        assert!(RoleKind::ViceOrdforande < RoleKind::Sammankallande);
        assert!(RoleKind::Ledamot < RoleKind::Ersattare && RoleKind::Ersattare < RoleKind::Adjungerad);
    }

    #[test]
    fn overlap_table() {
        let cases = [
            (role(None, Some((2023, 5, 4))), role(Some((2023, 5, 5)), None), false),
            (role(None, Some((2023, 5, 5))), role(Some((2023, 5, 5)), None), true),
            (role(None, None), role(Some((2023, 5, 5)), None), true),
            (role(Some((2020, 1, 1)), Some((2020, 12, 31))), role(Some((2021, 1, 1)), None), false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(a.overlaps(&b), expected, "{a:?} {b:?}");
            assert_eq!(b.overlaps(&a), expected);
        }
    }
}
