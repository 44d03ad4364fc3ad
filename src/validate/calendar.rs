//! Bilaga 2: the adjacent entries and the calendars, their meeting bodies, tracks, months and
//! days.

use super::{Seen, Validator, suggest};
use crate::diagnostics::Problem;
use crate::markdown::Headings;
use crate::{key, msg, t};

impl Validator<'_> {
    pub(super) fn appendices(&mut self) {
        let app = &self.s.appendices;
        let groups = self.group_ids();
        let mut entries = Seen::new("what-entry");
        for (i, e) in app.data.adjacent.iter().enumerate() {
            entries.add(e.id.as_str(), app.at(key!("adjacent", i, "id")), &mut self.problems);
            self.prose(app, key!("adjacent", i, "text"), &e.text, Headings::Forbidden);
        }
        let mut calendars = Seen::new("what-calendar");
        for (ci, c) in app.data.calendar.iter().enumerate() {
            calendars.add(c.id.as_str(), app.at(key!("calendar", ci, "id")), &mut self.problems);
            if let Some(intro) = &c.intro {
                self.prose(app, key!("calendar", ci, "intro"), intro, Headings::Forbidden);
            }
            for (bi, b) in c.meeting_bodies.iter().enumerate() {
                self.reference(
                    b.as_str(),
                    app.at(key!("calendar", ci, "meeting_bodies", bi)),
                    &groups,
                    &self.s.groups.path,
                );
            }
            let mut tracks = Seen::new("what-track");
            for (ti, t) in c.track.iter().enumerate() {
                tracks.add(
                    t.id.as_str(),
                    app.at(key!("calendar", ci, "track", ti, "id")),
                    &mut self.problems,
                );
                if let Some(b) = &t.body {
                    self.reference(
                        b.as_str(),
                        app.at(key!("calendar", ci, "track", ti, "body")),
                        &groups,
                        &self.s.groups.path,
                    );
                }
            }
            for (mi, m) in c.month.iter().enumerate() {
                for (ei, meeting) in m.meeting.iter().enumerate() {
                    let at = |k: &str| app.at(key!("calendar", ci, "month", mi, "meeting", ei, k));
                    if !c.meeting_bodies.contains(&meeting.body) {
                        self.problems.push(
                            Problem::error(
                                at("body"),
                                msg!("not-a-meeting-body", body = self.body_label(&meeting.body)),
                            )
                            .with_related(
                                app.at(key!("calendar", ci, "meeting_bodies")),
                                t!("not-a-meeting-body.related"),
                            ),
                        );
                    }
                    if let Some(day) = meeting.day {
                        let max = days_in_month(m.year, m.month.0);
                        if day == 0 || day > max {
                            self.error(at("day"), msg!("no-such-day", month = m.month.name(), day = day));
                        }
                    }
                }
                for track in m.tasks.keys() {
                    if !tracks.contains(track.as_str()) {
                        let mut p = Problem::error(
                            app.at(key!("calendar", ci, "month", mi, "tasks", track.as_str())),
                            msg!("unknown-track", track = track.as_str()),
                        );
                        if let Some(hint) = suggest(track.as_str(), &tracks) {
                            p = p.with_hint(hint);
                        }
                        self.problems.push(p);
                    }
                }
            }
        }
    }

    /// Warnings: a calendar month without anything, a meeting without a day.
    pub(super) fn empty_months(&mut self) {
        let s = self.s;
        for (ci, c) in s.appendices.data.calendar.iter().enumerate() {
            for (mi, m) in c.month.iter().enumerate() {
                let warning = (m.meeting.is_empty() && m.tasks.values().all(Vec::is_empty)).then(|| {
                    Problem::warning(
                        s.appendices.at(key!("calendar", ci, "month", mi)),
                        match s.document.data.calendar_name(c) {
                            Some(name) => msg!("empty-month", month = m.month.name(), calendar = name),
                            None => msg!("empty-month-untitled", month = m.month.name(), id = c.id.as_str()),
                        },
                    )
                    .with_hint(t!("empty-month.hint"))
                });
                let ack = s.appendices.at(key!("calendar", ci, "month", mi, "acknowledged"));
                self.warn(warning, m.acknowledged.as_ref(), ack);
                for (ei, meeting) in m.meeting.iter().enumerate() {
                    if meeting.day.is_none() {
                        self.problems.push(
                            Problem::warning(
                                s.appendices.at(key!("calendar", ci, "month", mi, "meeting", ei)),
                                msg!(
                                    "meeting-day-unset",
                                    body = self.body_label(&meeting.body),
                                    month = m.month.name()
                                ),
                            )
                            .with_hint(t!("meeting-day-unset.hint")),
                        );
                    }
                }
            }
        }
    }
}

fn days_in_month(year: Option<i32>, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) => time::util::days_in_month(time::Month::February, y),
            None => 29,
        },
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(Some(2024), 2), 29);
        assert_eq!(days_in_month(Some(2023), 2), 28);
        assert_eq!(days_in_month(None, 9), 30);
    }
}
