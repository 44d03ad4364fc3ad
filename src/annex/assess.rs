//! The assessment of an indicator over the follow-up period and how its figures are written.
//!
//! A change is the latest year's value minus the first year's, in the KPI's own unit. It is
//! judged against the indicator's direction and, where the target's unit compares with the KPI's
//! (percentage points with a share, a rate per 100 000 with a rate), against the target's amount:
//! "målet nått", "i rätt riktning", "i fel riktning" or "oförändrat". Where the units do not
//! compare, only the direction is judged and [`Yardstick::DirectionOnly`] says why.
//!
//! Figures are written with one decimal the Swedish way: "59,0", "1 234,5", "+4,6", "−1,4",
//! "±0,0".

use serde::Serialize;

use crate::sources::goals::{Direction, Target, Unit};
use crate::sources::parties::KpiUnit;
use crate::swedish;

/// The most a value is rounded to: one decimal.
fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A value with one decimal, digit groups joined by a narrow no-break space: "83,1", "1 234,0", "−2,5".
pub fn fmt_value(v: f64) -> String {
    swedish::decimal(v, 1)
}

/// A change with its sign and one decimal: "+3,7", "−2,0", "±0,0".
pub fn fmt_change(v: f64) -> String {
    let rounded = round1(v);
    if rounded > 0.0 {
        format!("+{}", fmt_value(rounded))
    } else if rounded < 0.0 {
        fmt_value(rounded)
    } else {
        "±0,0".to_owned()
    }
}

/// How a change stands against the indicator's direction and target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Assessment {
    /// The change reached the target's amount in the right direction.
    Reached,
    /// The change went the right way (short of the target, or with no comparable target).
    Right,
    /// The change went the wrong way.
    Wrong,
    /// The change rounds to zero at one decimal.
    Unchanged,
}

impl Assessment {
    /// All of them, in the order of the legends.
    pub const ALL: [Self; 4] = [Self::Reached, Self::Right, Self::Unchanged, Self::Wrong];

    /// "målet nått".
    pub fn word(self) -> &'static str {
        match self {
            Self::Reached => "målet nått",
            Self::Right => "i rätt riktning",
            Self::Wrong => "i fel riktning",
            Self::Unchanged => "oförändrat",
        }
    }

    /// The word of a matrix cell, where there is room for one short word ("nått").
    pub fn short(self) -> &'static str {
        match self {
            Self::Reached => "nått",
            Self::Right => "rätt",
            Self::Wrong => "fel",
            Self::Unchanged => "±0",
        }
    }

    /// A symbol that tells the assessments apart without colour: ✔ ▲ ▼ ■.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Reached => "✔",
            Self::Right => "▲",
            Self::Wrong => "▼",
            Self::Unchanged => "■",
        }
    }

    /// A stable key for templates and spreadsheets ("reached").
    pub fn key(self) -> &'static str {
        match self {
            Self::Reached => "reached",
            Self::Right => "right",
            Self::Wrong => "wrong",
            Self::Unchanged => "unchanged",
        }
    }
}

/// What a change can be judged against.
#[derive(Clone, Debug, PartialEq)]
pub enum Yardstick {
    /// The target's amount, converted into the KPI's unit.
    Amount(f64),
    /// Only the direction; the sentence says why (it ends with a full stop).
    DirectionOnly(String),
}

impl Yardstick {
    /// The amount, when there is one.
    pub fn amount(&self) -> Option<f64> {
        match self {
            Self::Amount(a) => Some(*a),
            Self::DirectionOnly(_) => None,
        }
    }

    /// Why only the direction is judged, when that is so.
    pub fn note(&self) -> Option<&str> {
        match self {
            Self::Amount(_) => None,
            Self::DirectionOnly(why) => Some(why),
        }
    }
}

/// What a KPI's change over the period is judged against: the target's amount in the KPI's unit
/// where the units compare (percentage points with a share; a rate per 1 000 or per 100 000
/// inhabitants with a rate per 100 000, converted), else only the direction.
pub fn yardstick(target: Option<&Target>, unit: KpiUnit) -> Yardstick {
    let Some(t) = target else {
        return Yardstick::DirectionOnly(
            "Indikatorn har inget mål med ett belopp; bedömningen gäller bara riktningen.".to_owned(),
        );
    };
    let amount = t.amount.filter(|a| a.is_finite());
    match (t.unit, unit, amount) {
        (Unit::Procentenheter, KpiUnit::Andel, Some(a)) | (Unit::Per100000Inv, KpiUnit::Per100000Inv, Some(a)) => {
            Yardstick::Amount(a)
        }
        (Unit::Per1000Inv, KpiUnit::Per100000Inv, Some(a)) => Yardstick::Amount(a * 100.0),
        (Unit::SkillnaderMinska, _, _) => Yardstick::DirectionOnly(
            "Målet gäller skillnaderna mellan grupper, som nyckeltalet inte mäter; bedömningen gäller bara riktningen."
                .to_owned(),
        ),
        (target_unit, kpi_unit, _) => Yardstick::DirectionOnly(format!(
            "Målet anges i {} men nyckeltalet är {}; bedömningen gäller bara riktningen.",
            match target_unit {
                Unit::Procentenheter => "procentenheter",
                Unit::Per100000Inv => "antal per 100 000 invånare",
                Unit::Per1000Inv => "antal per 1 000 invånare",
                Unit::SkillnaderMinska => "skillnader",
            },
            kpi_unit.described()
        )),
    }
}

/// How a change over the period stands against the direction and, when given, the target's
/// amount (in the KPI's unit). The change is judged as written, rounded to one decimal: a change
/// that reads "±0,0" is "oförändrat", one that reads "+2,0" reaches a target of 2.
pub fn assess(direction: Direction, change: f64, amount: Option<f64>) -> Assessment {
    let change = round1(change);
    let toward = match direction {
        Direction::Increase => change,
        Direction::Decrease => -change,
    };
    if change == 0.0 {
        Assessment::Unchanged
    } else if amount.is_some_and(|a| toward >= a - 1e-9) {
        Assessment::Reached
    } else if toward > 0.0 {
        Assessment::Right
    } else {
        Assessment::Wrong
    }
}

/// One area's figures over a period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figures {
    /// The value of the first year.
    pub from: Option<f64>,
    /// The value of the latest year.
    pub to: Option<f64>,
    /// The change, when both values are there.
    pub change: Option<f64>,
    /// The assessment, when both values are there.
    pub assessment: Option<Assessment>,
}

impl Figures {
    /// The figures of two values.
    pub fn new(from: Option<f64>, to: Option<f64>, direction: Direction, yardstick: &Yardstick) -> Self {
        let change = from.zip(to).map(|(f, t)| t - f);
        let assessment = change.map(|c| assess(direction, c, yardstick.amount()));
        Self { from, to, change, assessment }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_changes_in_swedish() {
        assert_eq!(fmt_value(83.14), "83,1");
        assert_eq!(fmt_value(59.0), "59,0");
        assert_eq!(fmt_value(2.25), "2,3");
        assert_eq!(fmt_value(1234.5), "1\u{202F}234,5");
        assert_eq!(fmt_value(123_456.0), "123\u{202F}456,0");
        assert_eq!(fmt_value(-2.5), "−2,5");
        assert_eq!(fmt_change(3.72), "+3,7");
        assert_eq!(fmt_change(-1.44), "−1,4");
        assert_eq!(fmt_change(-0.04), "±0,0");
        assert_eq!(fmt_change(4.6), "+4,6");
    }

    #[test]
    fn assessments_follow_direction_and_target() {
        assert_eq!(assess(Direction::Increase, 3.0, Some(2.0)), Assessment::Reached);
        assert_eq!(assess(Direction::Increase, 1.96, Some(2.0)), Assessment::Reached);
        assert_eq!(assess(Direction::Increase, 1.0, Some(2.0)), Assessment::Right);
        assert_eq!(assess(Direction::Increase, 5.0, None), Assessment::Right);
        assert_eq!(assess(Direction::Decrease, 1.0, None), Assessment::Wrong);
        assert_eq!(assess(Direction::Decrease, -2.0, Some(2.0)), Assessment::Reached);
        assert_eq!(assess(Direction::Decrease, -0.04, None), Assessment::Unchanged);
    }

    #[test]
    fn targets_compare_only_in_their_units() {
        let target = |unit, amount| Target { amount, unit, at_least: false, wording: None };
        let pe = target(Unit::Procentenheter, Some(2.0));
        assert_eq!(yardstick(Some(&pe), KpiUnit::Andel), Yardstick::Amount(2.0));
        let index = yardstick(Some(&pe), KpiUnit::Index);
        assert_eq!(
            index.note(),
            Some(
                "Målet anges i procentenheter men nyckeltalet är ett index; bedömningen gäller bara riktningen."
            )
        );
        let per_1000 = target(Unit::Per1000Inv, Some(10.0));
        assert_eq!(yardstick(Some(&per_1000), KpiUnit::Per100000Inv), Yardstick::Amount(1000.0));
        let rate = target(Unit::Per100000Inv, Some(1000.0));
        assert_eq!(yardstick(Some(&rate), KpiUnit::Per100000Inv), Yardstick::Amount(1000.0));
        assert!(yardstick(Some(&rate), KpiUnit::Andel).amount().is_none());
        let gaps = target(Unit::SkillnaderMinska, None);
        assert!(yardstick(Some(&gaps), KpiUnit::Ar).note().is_some_and(|n| n.contains("skillnaderna")));
        assert!(yardstick(None, KpiUnit::Andel).note().is_some_and(|n| n.ends_with('.')));
    }

    #[test]
    fn figures_need_both_years() {
        let y = Yardstick::Amount(2.0);
        let f = Figures::new(Some(70.0), Some(73.5), Direction::Increase, &y);
        assert_eq!(f.assessment, Some(Assessment::Reached));
        let f = Figures::new(None, Some(73.5), Direction::Increase, &y);
        assert_eq!((f.change, f.assessment), (None, None));
    }
}
