//! `groups.toml`: every body of Nya Perspektiv, who it reports to, and the remits they carry.

use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use super::common::{Date, Markdown};
use super::ids::{AreaId, GroupId, RemitId};
use super::parties::PartyKind;

/// The bodies of one edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupsFile {
    /// One entry per body, in the document's order.
    pub group: Vec<Group>,
    /// Remits (lists of tasks); a remit may be shared by several bodies.
    #[serde(default)]
    pub remit: Vec<Remit>,
}

/// A body: a council, steering group, preparatory group or working group.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Stable id, the same in every edition (`politisk-styrgrupp`).
    pub id: GroupId,
    /// Name as printed ("Politiska styrgruppen", "Samverkansgrupp Barnalivet").
    pub name: String,
    /// Short name or abbreviation ("RKPH", "VR").
    pub short_name: Option<String>,
    /// What kind of body it is.
    pub kind: GroupKind,
    /// The body it reports to; absent for the top of the organisation.
    pub reports_to: Option<GroupId>,
    /// The body's terms of office (mandatperioder), oldest first, when the document states them
    /// ("Politisk styrgrupp 5 maj 2023 – 31 december 2026"). The members are shown as one
    /// composition per term; a seat that ends or starts inside a term is shown as a replacement
    /// on its row ("ersatt av … från 1 februari 2024"). Without terms, all seats of the body form
    /// one composition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub term: Vec<Term>,
    /// Whether the body's assignment is financed by state initiatives (blue in the chart).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub state_financed: bool,
    /// Whether the body is drawn in the organisation chart.
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub in_chart: bool,
    /// The body's name in the organisation chart, when it differs (line breaks allowed).
    pub chart_label: Option<String>,
    /// The body's shared direction ("gemensam inriktning").
    pub direction: Option<GroupDirection>,
    /// The body's remit.
    pub remit: Option<RemitId>,
    /// Functions and professions the body needs among its members, one Markdown item each
    /// (a footnote can explain an abbreviation: `"MAS[^1]\n\n[^1]: Medicinskt ansvarig sjuksköterska"`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<Markdown>,
    /// The words before the list of functions ("Funktioner/professioner som behöver finnas i utmaningen:").
    pub functions_title: Option<String>,
    /// Remarks printed with the list of functions ("Vid behov bjuds sakkunniga in.").
    pub functions_note: Option<String>,
    /// Seats that are not filled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vacancy: Vec<Vacancy>,
    /// Focus areas inside the body (the stimulus areas of RKPH), each with its own coordinators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub area: Vec<FocusArea>,
}

fn yes() -> bool {
    true
}

/// Kinds of bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GroupKind {
    /// A political council (Värmlandsrådet, Ordföranderådet).
    #[serde(alias = "råd")]
    Rad,
    /// The political steering group.
    Styrgrupp,
    /// The officials' preparatory group.
    Beredningsgrupp,
    /// A cooperation group for a life stage.
    Samverkansgrupp,
    /// A coordination group.
    Samordningsgrupp,
    /// A working group (arbetsgrupp).
    Arbetsgrupp,
    /// A support structure.
    #[serde(alias = "stödstruktur")]
    Stodstruktur,
}

impl GroupKind {
    /// The Swedish word, lowercase ("samverkansgrupp").
    pub fn swedish(self) -> &'static str {
        match self {
            Self::Rad => "råd",
            Self::Styrgrupp => "styrgrupp",
            Self::Beredningsgrupp => "beredningsgrupp",
            Self::Samverkansgrupp => "samverkansgrupp",
            Self::Samordningsgrupp => "samordningsgrupp",
            Self::Arbetsgrupp => "arbetsgrupp",
            Self::Stodstruktur => "stödstruktur",
        }
    }

    /// The Swedish word in its definite form, lowercase ("styrgruppen", "rådet").
    pub fn definite(self) -> &'static str {
        match self {
            Self::Rad => "rådet",
            Self::Styrgrupp => "styrgruppen",
            Self::Beredningsgrupp => "beredningsgruppen",
            Self::Samverkansgrupp => "samverkansgruppen",
            Self::Samordningsgrupp => "samordningsgruppen",
            Self::Arbetsgrupp => "arbetsgruppen",
            Self::Stodstruktur => "stödstrukturen",
        }
    }

    /// Whether members of this kind of body are elected representatives.
    pub fn is_political(self) -> bool {
        matches!(self, Self::Rad | Self::Styrgrupp)
    }
}

/// A term of office of a body: the period one composition sits.
#[skip_serializing_none]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// First day of the term; absent when the document does not say.
    pub from: Option<Date>,
    /// Last day of the term, inclusive; absent when it is open-ended.
    pub until: Option<Date>,
}

impl Term {
    /// Whether a period (open ends unbounded) shares at least one day with the term.
    pub fn overlaps(&self, from: Option<Date>, until: Option<Date>) -> bool {
        let starts_before_term_ends = match (from, self.until) {
            (Some(f), Some(u)) => f <= u,
            _ => true,
        };
        let term_starts_before_end = match (self.from, until) {
            (Some(f), Some(u)) => f <= u,
            _ => true,
        };
        starts_before_term_ends && term_starts_before_end
    }

    /// Whether a period lies wholly inside the term (an open end of the period only inside an
    /// open end of the term).
    pub fn contains(&self, from: Option<Date>, until: Option<Date>) -> bool {
        let starts_inside = match (self.from, from) {
            (None, _) => true,
            (Some(t), Some(f)) => f >= t,
            (Some(_), None) => false,
        };
        let ends_inside = match (self.until, until) {
            (None, _) => true,
            (Some(t), Some(u)) => u <= t,
            (Some(_), None) => false,
        };
        starts_inside && ends_inside
    }
}

/// A body's shared direction.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupDirection {
    /// Heading, when the document gives one ("Gemensam inriktning samverkansgruppen för utmaningen Barnalivet").
    pub title: Option<String>,
    /// The direction, in Markdown.
    pub text: Markdown,
}

/// A remit: what one or more bodies are to do.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Remit {
    /// Stable id.
    pub id: RemitId,
    /// Heading ("Samverkansgruppernas uppdrag").
    pub title: Option<String>,
    /// Text before the list, in Markdown.
    pub intro: Option<Markdown>,
    /// The tasks, one Markdown item each.
    pub items: Vec<Markdown>,
}

/// A seat that is not filled.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vacancy {
    /// The function the seat is for ("MAS").
    pub function: String,
    /// The side the seat belongs to.
    pub side: PartyKind,
    /// When or how it is to be filled ("tillsätts under våren").
    pub note: Option<String>,
    /// Acknowledges the warning that the seat is vacant, with the reason ("tillsätts efter valet"): while it is set, `check`
    /// gives no warning here, so that `check --deny-warnings` can guard CI and still fails on
    /// anything new. Not printed in the document.
    pub acknowledged: Option<String>,
}

/// A focus area inside a body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FocusArea {
    /// Stable id.
    pub id: AreaId,
    /// The area, as the document words it.
    pub text: String,
}
