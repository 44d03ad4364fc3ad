//! Cross-file rules on the loaded sources: ids, references, periods, prose, characters.
//! Every problem is collected; nothing stops at the first.
//!
//! One module per thing checked: [`parties`] (parties, area codes, the KPI catalogue), [`goals`]
//! (goals, indicators, their KPIs), [`bodies`] (bodies, remits, members and their seats),
//! [`calendar`] (Bilaga 2's entries and calendars), [`document`] (the publisher, chapters and
//! their blocks) and [`text`] (prose and the characters of every text). The order of the checks
//! is the order in which problems are reported.

mod bodies;
mod calendar;
mod document;
mod goals;
mod parties;
#[cfg(test)]
mod tests;
mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::diagnostics::{KeyPath, Location, Problem};
use crate::i18n::Msg;
use crate::sources::Sources;
use crate::sources::ids::GroupId;
use crate::{key, msg, t};

/// Checks the sources. `covered` tells whether the shipped fonts have a glyph for a character.
pub fn validate(s: &Sources, covered: &dyn Fn(char) -> bool) -> Vec<Problem> {
    check(s, covered).problems
}

/// The problems of the sources, and how many warnings the sources acknowledge.
pub struct Validation {
    /// Errors and warnings.
    pub problems: Vec<Problem>,
    /// Warnings not given because the sources acknowledge them (`acknowledged = "…"`).
    pub acknowledged: usize,
}

/// Checks the sources ([`validate`]), counting the acknowledged warnings.
pub fn check(s: &Sources, covered: &dyn Fn(char) -> bool) -> Validation {
    let mut v = Validator { s, problems: Vec::new(), acknowledged: 0, prose: BTreeSet::new() };
    v.year();
    v.parties();
    v.goals();
    v.groups();
    v.members();
    v.appendices();
    v.document();
    v.characters(covered);
    v.warnings();
    Validation { problems: v.problems, acknowledged: v.acknowledged }
}

struct Validator<'a> {
    s: &'a Sources,
    problems: Vec<Problem>,
    acknowledged: usize,
    /// The prose (Markdown) values, by file and key: their limits are the prose's own.
    prose: BTreeSet<(PathBuf, KeyPath)>,
}

/// The longest follow-up period, in years (`follow_up_years`): the annexes draw every year of
/// it, and a period of tens of thousands of years would never finish.
pub const MAX_FOLLOW_UP_YEARS: usize = 100;

/// The longest party id, in characters: the id names files (`2023-bilaga-<id>.pdf`, the web
/// edition's page, their temporary files), and a file name holds at most 255 bytes.
pub const MAX_PARTY_ID: usize = 100;

/// The longest text a value that is not prose may hold, in characters (a name, a title, an
/// indicator's text, a KPI's title). Such a text becomes one PDF string (a bookmark, a chart's
/// description, the document's title), which holds at most 32 767 bytes, together with other
/// texts, and one spreadsheet cell, which holds at most 32 767 characters; 1 000 characters stay
/// far below both in any script.
pub const MAX_TEXT: usize = 1000;

/// Records first occurrences of ids and reports duplicates with both places. `what` is the key
/// of the noun of what has the ids (`what-body`), whose attribute `.defined` says where they are.
struct Seen {
    what: &'static str,
    first: BTreeMap<String, Location>,
}

impl Seen {
    fn new(what: &'static str) -> Self {
        Self { what, first: BTreeMap::new() }
    }

    fn add(&mut self, id: &str, at: Location, problems: &mut Vec<Problem>) {
        match self.first.get(id) {
            Some(first) => problems.push(
                Problem::error(at, msg!("duplicate-id", what = Msg::new(self.what).text(), id = id))
                    .with_related(first.clone(), t!("diag-first-defined-here"))
                    .with_hint(t!("duplicate-id.hint")),
            ),
            None => {
                self.first.insert(id.to_owned(), at);
            }
        }
    }

    fn contains(&self, id: &str) -> bool {
        self.first.contains_key(id)
    }

    fn location(&self, id: &str) -> Option<&Location> {
        self.first.get(id)
    }
}

/// How to add a KPI to the catalogue: the entry `kolada.toml` needs, with every required key.
pub fn new_kpi_hint(id: &str) -> String {
    t!("new-kpi-hint", id = id)
}

/// The key of the attribute `.defined` of a noun's message ("bodies are defined here").
fn defined_key(what: &'static str) -> &'static str {
    match what {
        "what-body" => "what-body.defined",
        "what-remit" => "what-remit.defined",
        "what-party" => "what-party.defined",
        "what-calendar" => "what-calendar.defined",
        _ => "what-ids.defined",
    }
}

fn suggest(id: &str, known: &Seen) -> Option<String> {
    match crate::suggest::did_you_mean(id, known.first.keys().map(String::as_str)) {
        Some(k) => Some(crate::suggest::did_you_mean_hint(k)),
        None if known.first.len() <= 12 => Some(crate::t!(
            "known-ids",
            ids = known.first.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
        )),
        None => None,
    }
}

impl<'a> Validator<'a> {
    fn error(&mut self, at: Location, message: Msg) {
        self.problems.push(Problem::error(at, message));
    }

    /// A reference to an id that must exist in `known` (whose noun says what it is).
    fn reference(&mut self, id: &str, at: Location, known: &Seen, defined_in: &PathBuf) {
        if known.contains(id) {
            return;
        }
        let what = known.what;
        let defined = Msg::new(defined_key(what)).text();
        let mut p = Problem::error(at, msg!("unknown-id", what = Msg::new(what).text(), id = id))
            .with_related(Location::file(defined_in), defined);
        if let Some(hint) = suggest(id, known) {
            p = p.with_hint(hint);
        }
        self.problems.push(p);
    }

    fn party_ids(&self) -> Seen {
        let mut seen = Seen::new("what-party");
        let mut ignore = Vec::new();
        for (i, p) in self.s.parties.data.party.iter().enumerate() {
            seen.add(p.id.as_str(), self.s.parties.at(key!("party", i, "id")), &mut ignore);
        }
        seen
    }

    fn group_ids(&self) -> Seen {
        let mut seen = Seen::new("what-body");
        let mut ignore = Vec::new();
        for (i, g) in self.s.groups.data.group.iter().enumerate() {
            seen.add(g.id.as_str(), self.s.groups.at(key!("group", i, "id")), &mut ignore);
        }
        seen
    }

    /// Things a person should look at; they never fail a run unless warnings are denied. In
    /// the order they are reported.
    fn warnings(&mut self) {
        self.seat_periods();
        self.double_seats();
        self.vacancies();
        self.goal_warnings();
        self.empty_chapters();
        self.publisher_contact();
        self.empty_months();
    }

    /// Gives a warning unless the sources acknowledge it; an acknowledgement without a warning
    /// to acknowledge is itself a warning, so that none outlives its reason.
    fn warn(&mut self, warning: Option<Problem>, acknowledged: Option<&String>, ack_at: Location) {
        self.warn_all(warning.into_iter().collect(), acknowledged, ack_at);
    }

    /// [`Self::warn`] for the warnings about one thing, which one `acknowledged` covers.
    fn warn_all(&mut self, warnings: Vec<Problem>, acknowledged: Option<&String>, ack_at: Location) {
        match (warnings.is_empty(), acknowledged) {
            (false, Some(_)) => self.acknowledged += warnings.len(),
            (false, None) => self.problems.extend(warnings),
            (true, Some(_)) => self.problems.push(
                Problem::warning(ack_at, msg!("acknowledged-nothing"))
                    .with_hint(t!("acknowledged-nothing.hint")),
            ),
            (true, None) => {}
        }
    }

    /// A body as a message names it: its name as the document prints it, with the id the user
    /// types ("Politisk styrgrupp (`politisk-styrgrupp`)"); its id in backticks when no body has
    /// that id (an error reported elsewhere).
    fn body_label(&self, id: &GroupId) -> String {
        match self.s.groups.data.group.iter().find(|g| &g.id == id) {
            Some(g) => format!("{} (`{id}`)", g.name),
            None => format!("`{id}`"),
        }
    }

    /// A body's name as the document prints it ("Politisk styrgrupp"); its id in backticks when
    /// no body has that id (an error reported elsewhere).
    fn body_name(&self, id: &GroupId) -> String {
        self.s
            .groups
            .data
            .group
            .iter()
            .find(|g| &g.id == id)
            .map_or_else(|| format!("`{id}`"), |g| g.name.clone())
    }
}
