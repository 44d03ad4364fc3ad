//! `members.toml`: every named person and the roles they hold.

use serde::{Deserialize, Serialize};

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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Stable id, the same in every edition the person appears in (`sandra-natt`).
    pub id: MemberId,
    /// Full name as printed.
    pub name: String,
    /// Title or position ("regionråd", "socialchef").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The municipality or region the person represents or works for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<PartyId>,
    /// Political party, for elected representatives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<PoliticalParty>,
    /// The person's roles in the bodies of Nya Perspektiv.
    #[serde(default)]
    pub role: Vec<Role>,
}

/// A seat held in a body, for a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The body.
    pub body: GroupId,
    /// The role in the body.
    pub role: RoleKind,
    /// A focus area of the body the role is for (a stimulus area of RKPH).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<AreaId>,
    /// First day of the period; absent when the document does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// Last day of the period, inclusive; absent when open-ended or not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// The person's title in this role, when it differs from their current title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The organisation the person represented in this role, when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<PartyId>,
    /// A qualifier printed after the role ("för nära vård", "representerar kommunerna").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// Acknowledges the warning that the period ends (or has ended), with the reason ("efterträdare utses i juni"): while it is set, `check`
    /// gives no warning here, so that `check --deny-warnings` can guard CI and still fails on
    /// anything new. Not printed in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<String>,
}

/// Roles a person can hold in a body.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum RoleKind {
    /// Chair.
    #[serde(alias = "ordförande")]
    Ordforande,
    /// Convener.
    Sammankallande,
    /// Coordinator of a body (RKPH).
    Koordinator,
    /// Coordinator of a group or area.
    Samordnare,
    /// Development leader of the Nya Perspektiv unit.
    Utvecklingsledare,
    /// Contact person.
    Kontaktperson,
    /// Member.
    Ledamot,
}

impl RoleKind {
    /// The Swedish word, lowercase ("ordförande").
    pub fn swedish(self) -> &'static str {
        match self {
            Self::Ordforande => "ordförande",
            Self::Sammankallande => "sammankallande",
            Self::Koordinator => "koordinator",
            Self::Samordnare => "samordnare",
            Self::Utvecklingsledare => "utvecklingsledare",
            Self::Kontaktperson => "kontaktperson",
            Self::Ledamot => "ledamot",
        }
    }

    /// The Swedish plural, lowercase ("samordnare", "koordinatorer").
    pub fn swedish_plural(self) -> &'static str {
        match self {
            Self::Koordinator => "koordinatorer",
            Self::Utvecklingsledare => "utvecklingsledare",
            Self::Kontaktperson => "kontaktpersoner",
            Self::Ledamot => "ledamöter",
            other => other.swedish(),
        }
    }

    /// Whether a body has at most one holder of the role at a time.
    pub fn is_single_seat(self) -> bool {
        matches!(self, Self::Ordforande | Self::Sammankallande)
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
