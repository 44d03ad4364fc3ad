//! `goals.toml`: the overarching goals and the indicators of Bilaga 1.

use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use super::common::Markdown;
use super::ids::{GoalId, IndicatorId, KpiId};

/// The goals of one edition.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalsFile {
    /// The year the targets are measured from, when the edition names one ("i jämförelse med 2017").
    pub baseline_year: Option<u16>,
    /// The year the targets are to be reached, when the edition names one ("till 2022").
    pub target_year: Option<u16>,
    /// The follow-up period of "Aktuellt perspektiv" when the edition names no baseline year: each
    /// indicator compares its latest year with the year this many years earlier (5 gives
    /// "2018–2023"). Give either this or `baseline_year`, never both; `target_year`, when given,
    /// caps the latest year either way.
    pub follow_up_years: Option<u16>,
    /// The overarching goals, in the document's order.
    pub goal: Vec<Goal>,
}

impl GoalsFile {
    /// Every KPI an indicator follows, in the document's order (a KPI followed twice comes twice).
    pub fn kpis(&self) -> impl Iterator<Item = &KpiId> {
        self.goal.iter().flat_map(|g| &g.indicator).flat_map(|i| &i.kolada).map(|k| &k.kpi)
    }
}

/// An overarching goal ("En god och jämlik hälsa").
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Stable id (`god-och-jamlik-halsa`).
    pub id: GoalId,
    /// The goal's name ("God kvalitet").
    pub title: String,
    /// What the goal means, in Markdown.
    pub text: Markdown,
    /// Heading of the goal's group of indicators, when it differs from the title
    /// ("God kvalitet genom elev-, brukar-, patientupplevelser").
    pub indicator_heading: Option<String>,
    /// The indicators the goal is followed up by, in the document's order.
    #[serde(default)]
    pub indicator: Vec<Indicator>,
}

/// One indicator of Bilaga 1.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable id, the same in every edition that has the indicator.
    pub id: IndicatorId,
    /// Sub-heading within the goal, when the edition groups indicators ("Elevupplevelser åk 5").
    pub category: Option<String>,
    /// The indicator as the document words it.
    pub text: String,
    /// The direction the measured value should move (the arrow in Bilaga 1).
    pub direction: Direction,
    /// What is measured, when the direction refers to something other than the text's subject
    /// ("andel kariesfria 3-åringar" for "Färre 3-åriga barn ska ha karies").
    pub measure: Option<String>,
    /// The age band the indicator concerns, when it names one.
    pub age: Option<AgeBand>,
    /// The target; absent when the edition gives none.
    pub target: Option<Target>,
    /// Kolada KPIs that measure the indicator; the first is the main one. Empty when the data
    /// comes from elsewhere (the region's own surveys).
    #[serde(default)]
    pub kolada: Vec<KpiRef>,
    /// Where the values come from when no Kolada KPI measures the indicator ("Liv & Hälsa").
    pub data_source: Option<String>,
    /// Acknowledges the warnings about the indicator's KPIs, with the reason: that it has no
    /// Kolada KPI ("mäts i Liv & Hälsa"), or that Kolada no longer publishes its KPI or not for the
    /// end of the follow-up period. While it is set, `check` gives no warning here, so that
    /// `check --deny-warnings` can guard CI and still fails on anything new. Not printed in the
    /// document.
    pub acknowledged: Option<String>,
}

/// Increase or decrease.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The value should rise (↑, "öka").
    Increase,
    /// The value should fall (↓, "minska").
    Decrease,
}

impl Direction {
    /// The arrow of Bilaga 1.
    pub fn arrow(self) -> &'static str {
        match self {
            Self::Increase => "↑",
            Self::Decrease => "↓",
        }
    }

    /// The Swedish verb ("öka", "minska").
    pub fn verb(self) -> &'static str {
        match self {
            Self::Increase => "öka",
            Self::Decrease => "minska",
        }
    }
}

/// An age band, inclusive; `to` absent for "80+".
#[skip_serializing_none]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgeBand {
    /// Lowest age in the band.
    pub from: u8,
    /// Highest age in the band; absent for open bands such as 80+.
    pub to: Option<u8>,
}

impl std::fmt::Display for AgeBand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.to {
            Some(to) => write!(f, "{}–{} år", self.from, to),
            None => write!(f, "{}+ år", self.from),
        }
    }
}

/// The amount by which an indicator should move.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The amount, in `unit`; absent for units without an amount ("skillnader, minska").
    pub amount: Option<f64>,
    /// The unit of the amount.
    pub unit: Unit,
    /// Whether the amount is a minimum ("med minst 2 procentenheter").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_least: bool,
    /// The edition's own wording of the target, when it says more than amount and unit
    /// ("minska antalet fallskador bland individer 80+ år med 10/1000 invånare").
    pub wording: Option<String>,
}

/// Units of targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// Percentage points ("procentenheter").
    Procentenheter,
    /// Cases per 100 000 inhabitants ("/100 000 inv.").
    #[serde(rename = "per-100000-inv")]
    Per100000Inv,
    /// Cases per 1 000 inhabitants ("/1000 invånare").
    #[serde(rename = "per-1000-inv")]
    Per1000Inv,
    /// Differences between groups should shrink; no amount ("skillnader, minska").
    SkillnaderMinska,
}

impl Unit {
    /// Whether the unit takes an amount.
    pub fn needs_amount(self) -> bool {
        !matches!(self, Self::SkillnaderMinska)
    }
}

/// A reference to a Kolada KPI that measures an indicator.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KpiRef {
    /// Kolada's KPI id.
    pub kpi: KpiId,
    /// The KPI measures the complement of the indicator's measure (a share in per cent):
    /// the indicator's value is 100 minus Kolada's ("avsaknad av tillit" for "tillit").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub complement: bool,
    /// What this KPI covers when an indicator has several ("kvinnor", "män").
    pub label: Option<String>,
}
