//! The follow-up period of "Aktuellt perspektiv": which two years every row of an indicator's
//! table compares.
//!
//! An edition states the rule in `goals.toml`: a baseline year (`baseline_year = 2017`, "i
//! jämförelse med 2017"), or the latest N years (`follow_up_years = 5`); `target_year`, when
//! given, caps the latest year. Each KPI's period ends with the latest year in which Kolada has a
//! value of it for any area of the sources (Kolada publishes KPIs at different times of the
//! year), so every party, the county and Sweden are compared over the same two years.

use std::fmt;

use serde::Serialize;

use crate::sources::GoalsFile;

/// The rule of an edition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowUp {
    /// From a fixed baseline year to the latest year (at most `until`).
    Since {
        /// The baseline year.
        baseline: i32,
        /// The target year, when the edition names one.
        until: Option<i32>,
    },
    /// The latest year and the year `years` before it.
    Latest {
        /// How many years back the first year is.
        years: i32,
        /// The target year, when the edition names one.
        until: Option<i32>,
    },
}

impl FollowUp {
    /// The rule of `goals`; `None` when it names none (`check` warns, `annexes` refuses).
    pub fn of(goals: &GoalsFile) -> Option<Self> {
        let until = goals.target_year.map(i32::from);
        match (goals.baseline_year, goals.follow_up_years) {
            (Some(b), _) => Some(Self::Since { baseline: i32::from(b), until }),
            (None, Some(n)) if n > 0 => Some(Self::Latest { years: i32::from(n), until }),
            _ => None,
        }
    }

    /// The period of a KPI whose latest year with a value is `latest`. The period always spans
    /// at least one year: when the values end before the baseline, the years compared are the
    /// baseline and the year after it, and the rows say that they are missing.
    pub fn period(self, latest: i32) -> Period {
        match self {
            Self::Since { baseline, until } => {
                let to = until.map_or(latest, |u| latest.min(u));
                Period { from: baseline, to: to.max(baseline + 1) }
            }
            Self::Latest { years, until } => {
                let to = until.map_or(latest, |u| latest.min(u));
                Period { from: to - years, to }
            }
        }
    }

    /// The rule in words, for the annexes' introduction.
    pub fn describe(self) -> String {
        let until = |u: Option<i32>| u.map(|u| format!(", dock längst till {u}")).unwrap_or_default();
        match self {
            Self::Since { baseline, until: u } => {
                format!("från basåret {baseline} till det senaste året med värden{}", until(u))
            }
            Self::Latest { years, until: u } => {
                format!("det senaste året med värden jämfört med året {years} år tidigare{}", until(u))
            }
        }
    }
}

/// Two years compared: the first and the latest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Period {
    /// The first year.
    pub from: i32,
    /// The latest year.
    pub to: i32,
}

impl Period {
    /// Every year of the period, oldest first.
    pub fn years(self) -> impl Iterator<Item = i32> {
        self.from..=self.to
    }
}

impl fmt::Display for Period {
    /// "2018–2023".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.from, self.to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_years_end_with_the_latest_value() {
        let rule = FollowUp::Latest { years: 5, until: None };
        assert_eq!(rule.period(2023), Period { from: 2018, to: 2023 });
        assert_eq!(rule.period(2023).to_string(), "2018–2023");
        let capped = FollowUp::Latest { years: 5, until: Some(2022) };
        assert_eq!(capped.period(2024), Period { from: 2017, to: 2022 });
    }

    #[test]
    fn a_baseline_is_fixed_and_the_target_year_caps() {
        let rule = FollowUp::Since { baseline: 2017, until: Some(2022) };
        assert_eq!(rule.period(2024), Period { from: 2017, to: 2022 });
        assert_eq!(rule.period(2020), Period { from: 2017, to: 2020 });
        // Values that end before the baseline still give a period of two distinct years.
        assert_eq!(rule.period(2015), Period { from: 2017, to: 2018 });
    }

    #[test]
    fn the_rule_comes_from_the_goals() -> Result<(), Box<dyn std::error::Error>> {
        let goals: GoalsFile =
            toml_edit::de::from_str("baseline_year = 2017\ntarget_year = 2022\ngoal = []\n")?;
        assert_eq!(FollowUp::of(&goals), Some(FollowUp::Since { baseline: 2017, until: Some(2022) }));
        let goals: GoalsFile = toml_edit::de::from_str("follow_up_years = 5\ngoal = []\n")?;
        assert_eq!(FollowUp::of(&goals), Some(FollowUp::Latest { years: 5, until: None }));
        let goals: GoalsFile = toml_edit::de::from_str("goal = []\n")?;
        assert_eq!(FollowUp::of(&goals), None);
        Ok(())
    }
}
