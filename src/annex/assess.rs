//! The assessment of an indicator's change over the follow-up period: how figures are written
//! ("+3,7", "83,1") and whether a change goes toward the target ("målet nått", "i rätt
//! riktning", "i fel riktning", "oförändrat").

use crate::sources::goals::{Direction, Unit};
use crate::swedish;

/// A value with one decimal, as every figure of a table column has ("59,0", "83,1").
pub fn fmt_value(v: f64) -> String {
    swedish::decimal(v, 1)
}

/// A change with its sign and one decimal ("+3,7", "−2,0", "±0,0").
pub fn fmt_change(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded > 0.0 {
        format!("+{}", swedish::decimal(rounded, 1))
    } else if rounded < 0.0 {
        format!("−{}", swedish::decimal(-rounded, 1))
    } else {
        "±0,0".into()
    }
}

/// Whether a target's amount is in the KPI's own unit, so that a change can be compared with it.
pub fn comparable(unit: Unit, kpi_title: &str) -> bool {
    match unit {
        Unit::Procentenheter => kpi_title.contains("andel") || kpi_title.contains("(%)"),
        Unit::Per100000Inv => kpi_title.contains("100 000"),
        Unit::Per1000Inv | Unit::SkillnaderMinska => false,
    }
}

/// How a change over the period stands against the indicator's direction and target.
///
/// `change` is the latest value minus the baseline value, in the KPI's unit; `target` is the
/// target's amount when it is in the same unit as the KPI (see [`comparable`]). A change that
/// rounds to 0.0 at one decimal is "oförändrat".
pub fn status(direction: Direction, change: f64, target: Option<f64>) -> &'static str {
    let toward = match direction {
        Direction::Increase => change,
        Direction::Decrease => -change,
    };
    if (change * 10.0).round() == 0.0 {
        "oförändrat"
    } else if target.is_some_and(|amount| toward >= amount) {
        "målet nått"
    } else if toward > 0.0 {
        "i rätt riktning"
    } else {
        "i fel riktning"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_and_values_in_swedish() {
        assert_eq!(fmt_change(3.72), "+3,7");
        assert_eq!(fmt_change(-0.04), "±0,0");
        assert_eq!(fmt_change(-2.0), "−2,0");
        assert_eq!(fmt_value(83.14), "83,1");
        assert_eq!(fmt_value(59.0), "59,0");
        assert_eq!(fmt_value(1234.56), "1\u{202F}234,6");
    }

    #[test]
    fn status_follows_direction_and_target() {
        assert_eq!(status(Direction::Increase, 3.0, Some(2.0)), "målet nått");
        assert_eq!(status(Direction::Increase, 1.0, Some(2.0)), "i rätt riktning");
        assert_eq!(status(Direction::Decrease, 1.0, None), "i fel riktning");
        assert_eq!(status(Direction::Decrease, -0.04, None), "oförändrat");
    }

    #[test]
    fn units_that_compare_with_the_kpi() {
        assert!(comparable(Unit::Procentenheter, "Elever i åk 9 som är behöriga, andel (%)"));
        assert!(comparable(Unit::Per100000Inv, "Fallskador bland personer 80+, antal/100 000 inv"));
        assert!(!comparable(Unit::Per1000Inv, "Fallskador bland personer 80+, antal/100 000 inv"));
        assert!(!comparable(Unit::SkillnaderMinska, "Medellivslängd män, år"));
    }
}
