//! `appendices.toml`: the adjacent strategies and bodies (Bilaga 2) and the yearly calendars
//! (Bilaga 4, the overviews of the year's work).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use super::common::{Markdown, Month};
use super::ids::{CalendarId, EntryId, GroupId, TrackId};

/// The structured appendices of one edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppendicesFile {
    /// Adjacent and complementary work: one entry per strategy, plan or body.
    #[serde(default)]
    pub adjacent: Vec<AdjacentEntry>,
    /// Month-by-month overviews of the year's work.
    #[serde(default)]
    pub calendar: Vec<Calendar>,
}

/// An adjacent strategy, plan or body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdjacentEntry {
    /// Stable id.
    pub id: EntryId,
    /// Its name ("Agenda 2030", "Strategi för hälsa (SKR)").
    pub name: String,
    /// What it is and how it relates to Nya Perspektiv, in Markdown.
    pub text: Markdown,
}

/// A month-by-month overview.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// Stable id.
    pub id: CalendarId,
    /// Caption of the overview's table; absent when the surrounding heading says it all.
    pub title: Option<String>,
    /// Text before the table, in Markdown.
    pub intro: Option<Markdown>,
    /// Meeting bodies whose meeting days are shown in the first column (Värmlandsrådet, Ordföranderådet).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meeting_bodies: Vec<GroupId>,
    /// The columns of work, in order.
    pub track: Vec<Track>,
    /// The months, in order.
    pub month: Vec<CalendarMonth>,
}

/// A column of a calendar: whose work it shows.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Track {
    /// Id used by the months' `tasks`.
    pub id: TrackId,
    /// Column heading ("Politisk styrgrupp").
    pub label: String,
    /// The body whose work the column shows, if it is one body.
    pub body: Option<GroupId>,
}

/// One month of a calendar.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarMonth {
    /// The month, 1–12.
    pub month: Month,
    /// The year, when the calendar names it (the document prints it at the first month of each year).
    pub year: Option<i32>,
    /// Meetings of the meeting bodies this month.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meeting: Vec<Meeting>,
    /// What each track does this month: track id → tasks, one sentence each.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tasks: BTreeMap<TrackId, Vec<String>>,
    /// Acknowledges the warning that the month is empty, with the reason ("semester"): while it is set, `check`
    /// gives no warning here, so that `check --deny-warnings` can guard CI and still fails on
    /// anything new. Not printed in the document.
    pub acknowledged: Option<String>,
}

/// A meeting of a council on a day of the month.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The body that meets.
    pub body: GroupId,
    /// Day of the month; absent while the day is not yet set.
    pub day: Option<u8>,
}
