//! Value types shared by the source kinds: dates, Markdown prose, months.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, written in TOML as a local date (`2023-05-04`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

impl Date {
    /// Builds a date from year, month (1–12) and day; `None` if it does not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day).ok().map(Self)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.0.month() as u8
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// The same day `years` years later (28 February for 29 February in a non-leap year).
    pub fn add_years(self, years: i32) -> Self {
        let year = self.year() + years;
        Self::from_ymd(year, self.month(), self.day())
            .or_else(|| Self::from_ymd(year, self.month(), self.day() - 1))
            .unwrap_or(self)
    }

    /// Seconds since 1970-01-01 00:00 UTC at midnight of this date.
    pub fn unix_timestamp(self) -> i64 {
        self.0.midnight().assume_utc().unix_timestamp()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let dt = toml_edit::Datetime::deserialize(d)?;
        match (dt.date, dt.time, dt.offset) {
            (Some(date), None, None) => Self::from_ymd(date.year.into(), date.month, date.day)
                .ok_or_else(|| D::Error::custom(crate::t!("value-not-in-calendar", value = dt.to_string()))),
            (Some(date), Some(_), _) => {
                let day = format!("{:04}-{:02}-{:02}", date.year, date.month, date.day);
                Err(D::Error::custom(crate::t!("value-date-with-time", value = dt.to_string(), date = day)))
            }
            _ => Err(D::Error::custom(crate::t!("value-not-a-date", value = dt.to_string()))),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A TOML local date, like 2023-05-04."
        })
    }
}

/// Prose in Markdown (paragraphs, lists, emphasis, links, footnotes).
///
/// It is converted to Typst markup by a Markdown parser and escaped like all data; it can never
/// run Typst code.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Markdown(pub String);

impl Markdown {
    /// The Markdown source.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The Swedish month names, January first.
pub const MONTHS_SV: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// A date in Swedish, as in running text: "5 maj 2023".
pub fn swedish_date(date: Date) -> String {
    format!("{} {} {}", date.day(), MONTHS_SV[usize::from(date.month() - 1)], date.year())
}

/// A month of the year (1–12).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Month(pub u8);

impl Month {
    /// The Swedish name ("augusti").
    pub fn name(self) -> &'static str {
        MONTHS_SV[usize::from(self.0 - 1)]
    }

    /// The Swedish three-letter abbreviation with a capital, as in the document's tables ("Aug").
    pub fn short(self) -> String {
        let name = self.name();
        let mut short: String = name.chars().take(3).collect();
        if let Some(first) = short.get(..1) {
            short.replace_range(..1, &first.to_uppercase());
        }
        short
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(d)?;
        match u8::try_from(n) {
            Ok(n) if (1..=12).contains(&n) => Ok(Self(n)),
            _ => Err(serde::de::Error::custom(crate::t!("value-month", month = n))),
        }
    }
}

impl schemars::JsonSchema for Month {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Month".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "integer", "minimum": 1, "maximum": 12 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_dates() {
        let d = Date::from_ymd(2023, 5, 5).unwrap();
        assert_eq!(swedish_date(d), "5 maj 2023");
        let d = Date::from_ymd(2026, 12, 31).unwrap();
        assert_eq!(swedish_date(d), "31 december 2026");
    }

    #[test]
    fn month_names() {
        assert_eq!(Month(8).short(), "Aug");
        assert_eq!(Month(5).short(), "Maj");
        assert_eq!(Month(1).name(), "januari");
    }

    #[test]
    fn dates_roll_leap_days() {
        let d = Date::from_ymd(2024, 2, 29).unwrap();
        assert_eq!(d.add_years(1), Date::from_ymd(2025, 2, 28).unwrap());
        assert!(Date::from_ymd(2023, 2, 29).is_none());
    }
}
