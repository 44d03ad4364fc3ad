//! The view of a calendar (Bilaga 4, and an annex's calendars): a row per month with the
//! meetings of the bodies and the tasks of each track.

use serde::Serialize;

use super::{Lookup, Prose, SourcePlace, md, places};
use crate::markdown::Headings;
use crate::sources::appendices::Calendar;
use crate::sources::ids::GroupId;
use crate::sources::index::Index;

/// A calendar table.
#[derive(Serialize)]
pub struct CalendarView {
    /// Caption.
    pub caption: Option<String>,
    /// Text before the table.
    pub intro: Option<Prose>,
    /// Heading of the meetings column ("VR/OR"); absent when the calendar has no meeting bodies.
    pub meeting_header: Option<String>,
    /// Column headings of the tracks.
    pub tracks: Vec<String>,
    /// One row per month.
    pub rows: Vec<CalendarRowView>,
}

/// A month of a calendar.
#[derive(Serialize)]
pub struct CalendarRowView {
    /// "Aug 2023", "Sep".
    pub month: String,
    /// "OR 25", "VR (dag ej fastställd)".
    pub meetings: Vec<String>,
    /// One cell per track: its sentences.
    pub cells: Vec<Vec<String>>,
    /// Where the month is, on served pages.
    pub source: Option<SourcePlace>,
}

impl Lookup<'_, '_> {
    /// The view of a calendar, each month with its place when the views carry places.
    pub(crate) fn calendar(&self, cal: &Calendar) -> CalendarView {
        let short = |id: &GroupId| {
            self.ix
                .body(id.as_str())
                .map(|g| g.short_name.clone().unwrap_or_else(|| g.name.clone()))
                .unwrap_or_else(|| id.to_string())
        };
        let meeting_header = (!cal.meeting_bodies.is_empty())
            .then(|| cal.meeting_bodies.iter().map(short).collect::<Vec<_>>().join("/"));
        let file = &self.s.appendices;
        let at = places::position(&file.data.calendar, cal).unwrap_or_default();
        CalendarView {
            caption: cal.title.clone(),
            intro: cal.intro.as_ref().map(|t| {
                if self.placed {
                    self.md_at(t, Headings::Forbidden, file, || format!("calendar[{at}].intro"))
                } else {
                    md(t, Headings::Forbidden)
                }
            }),
            meeting_header,
            tracks: cal.track.iter().map(|t| t.label.clone()).collect(),
            rows: cal
                .month
                .iter()
                .enumerate()
                .map(|(k, m)| CalendarRowView {
                    source: self.at(file, || format!("calendar[{at}].month[{k}]")),
                    month: match m.year {
                        Some(y) => format!("{} {y}", m.month.short()),
                        None => m.month.short(),
                    },
                    meetings: m
                        .meeting
                        .iter()
                        .map(|mt| match mt.day {
                            Some(d) => format!("{} {d}", short(&mt.body)),
                            None => format!("{} (dag ej fastställd)", short(&mt.body)),
                        })
                        .collect(),
                    cells: cal
                        .track
                        .iter()
                        .map(|t| m.tasks.get(&t.id).cloned().unwrap_or_default())
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The view of one calendar, as Bilaga 4 shows it.
pub fn calendar_view(ix: &Index<'_>, cal: &Calendar) -> CalendarView {
    Lookup::new(ix, false).calendar(cal)
}
