//! Cross-file rules on the loaded sources: ids, references, periods, prose, characters.
//! Every problem is collected; nothing stops at the first.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::diagnostics::{KeyPath, Location, Problem};
use crate::key;
use crate::markdown::{self, Headings};
use crate::sources::common::{Date, Markdown, swedish_date};
use crate::sources::document::{Block, Chapter};
use crate::sources::ids::GroupId;
use crate::sources::members::{Member, Role};
use crate::sources::{Loaded, Sources, text};

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

/// Records first occurrences of ids and reports duplicates with both places.
struct Seen<'a> {
    what: &'static str,
    first: BTreeMap<String, Location>,
    _marker: std::marker::PhantomData<&'a ()>,
}

impl<'a> Seen<'a> {
    fn new(what: &'static str) -> Self {
        Self { what, first: BTreeMap::new(), _marker: std::marker::PhantomData }
    }

    fn add(&mut self, id: &str, at: Location, problems: &mut Vec<Problem>) {
        match self.first.get(id) {
            Some(first) => problems.push(
                Problem::error(at, format!("duplicate {} id `{id}`", self.what))
                    .with_related(first.clone(), "first defined here")
                    .with_hint("ids must be unique; give one of them another id"),
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
    format!(
        "if it is a new KPI, add it to `kolada.toml`: `[[kpi]]` with `id = \"{id}\"`, `title` (Kolada's title), \
         `unit` (andel, per-100000-inv, index, medelvarde or ar), `municipality_type` (A for municipalities \
         and regions, K for municipalities, L for regions) and `current = true`; `perspektiv kolada fetch` \
         then keeps its title and publication up to date"
    )
}

fn suggest(id: &str, known: &Seen<'_>) -> Option<String> {
    match crate::suggest::did_you_mean(id, known.first.keys().map(String::as_str)) {
        Some(k) => Some(format!("did you mean `{k}`?")),
        None if known.first.len() <= 12 => Some(format!(
            "known ids: {}",
            known.first.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
        )),
        None => None,
    }
}

impl<'a> Validator<'a> {
    fn error(&mut self, at: Location, msg: impl Into<String>) {
        self.problems.push(Problem::error(at, msg));
    }

    /// A reference to an id that must exist in `known`.
    fn reference(&mut self, what: &str, id: &str, at: Location, known: &Seen<'_>, defined_in: &PathBuf) {
        if known.contains(id) {
            return;
        }
        let mut p = Problem::error(at, format!("unknown {what} `{id}`")).with_related(
            Location::file(defined_in),
            format!("{} are defined here", crate::output::plural_noun(what)),
        );
        if let Some(hint) = suggest(id, known) {
            p = p.with_hint(hint);
        }
        self.problems.push(p);
    }

    fn year(&mut self) {
        let doc = &self.s.document;
        if doc.data.year != self.s.year {
            self.error(
                doc.at(key!("year")),
                format!("the document says year {} but its folder is {}", doc.data.year, self.s.year),
            );
        }
    }

    fn party_ids(&self) -> Seen<'a> {
        let mut seen = Seen::new("party");
        let mut ignore = Vec::new();
        for (i, p) in self.s.parties.data.party.iter().enumerate() {
            seen.add(p.id.as_str(), self.s.parties.at(key!("party", i, "id")), &mut ignore);
        }
        seen
    }

    fn group_ids(&self) -> Seen<'a> {
        let mut seen = Seen::new("body");
        let mut ignore = Vec::new();
        for (i, g) in self.s.groups.data.group.iter().enumerate() {
            seen.add(g.id.as_str(), self.s.groups.at(key!("group", i, "id")), &mut ignore);
        }
        seen
    }

    fn parties(&mut self) {
        let parties = &self.s.parties;
        let mut ids = Seen::new("party");
        let mut codes = Seen::new("area code");
        for (i, p) in parties.data.party.iter().enumerate() {
            ids.add(p.id.as_str(), parties.at(key!("party", i, "id")), &mut self.problems);
            let length = p.id.as_str().chars().count();
            if length > MAX_PARTY_ID {
                self.problems.push(
                    Problem::error(
                        parties.at(key!("party", i, "id")),
                        format!("a party id of {length} characters; at most {MAX_PARTY_ID} fit in a file name"),
                    )
                    .with_hint(format!(
                        "the id names the party's annex and web page (`{}-bilaga-<id>.pdf`); use the municipality's name, like `hammaro`",
                        self.s.year
                    )),
                );
            }
            codes.add(p.code.as_str(), parties.at(key!("party", i, "code")), &mut self.problems);
        }
        for (i, c) in parties.data.comparison.iter().enumerate() {
            codes.add(c.code.as_str(), parties.at(key!("comparison", i, "code")), &mut self.problems);
        }
        let mut kpis = Seen::new("KPI");
        for (i, k) in self.s.kolada.data.kpi.iter().enumerate() {
            kpis.add(k.id.as_str(), self.s.kolada.at(key!("kpi", i, "id")), &mut self.problems);
        }
    }

    fn goals(&mut self) {
        let goals = &self.s.goals;
        let kolada = &self.s.kolada;
        let mut kpis = Seen::new("KPI");
        let mut ignore = Vec::new();
        for (i, k) in kolada.data.kpi.iter().enumerate() {
            kpis.add(k.id.as_str(), kolada.at(key!("kpi", i, "id")), &mut ignore);
        }
        let mut goal_ids = Seen::new("goal");
        let mut indicator_ids = Seen::new("indicator");
        if let (Some(b), Some(t)) = (goals.data.baseline_year, goals.data.target_year)
            && b >= t
        {
            self.error(
                goals.at(key!("target_year")),
                format!("the target year {t} is not after the baseline year {b}"),
            );
        }
        match (goals.data.baseline_year, goals.data.follow_up_years) {
            (Some(b), Some(_)) => self.problems.push(
                Problem::error(
                    goals.at(key!("follow_up_years")),
                    format!("`follow_up_years` and `baseline_year = {b}` both state the follow-up period"),
                )
                .with_hint("keep one: the baseline year the edition names, or the latest N years"),
            ),
            (_, Some(0)) => {
                self.error(goals.at(key!("follow_up_years")), "the follow-up period needs at least 1 year")
            }
            (_, Some(n)) if usize::from(n) > MAX_FOLLOW_UP_YEARS => self.problems.push(
                Problem::error(
                    goals.at(key!("follow_up_years")),
                    format!("a follow-up period of {n} years; at most {MAX_FOLLOW_UP_YEARS} can be followed up"),
                )
                .with_hint("the annexes compare the latest year with the year this many years before it; Kolada's values go back to the 1990s"),
            ),
            _ => {}
        }
        for (gi, g) in goals.data.goal.iter().enumerate() {
            goal_ids.add(g.id.as_str(), goals.at(key!("goal", gi, "id")), &mut self.problems);
            self.prose(goals, key!("goal", gi, "text"), &g.text, Headings::Forbidden);
            for (ii, ind) in g.indicator.iter().enumerate() {
                let at = |k: &str| goals.at(key!("goal", gi, "indicator", ii, k));
                indicator_ids.add(ind.id.as_str(), at("id"), &mut self.problems);
                if let Some(t) = &ind.target {
                    match (t.unit.needs_amount(), t.amount) {
                        (true, None) => {
                            self.error(at("target"), "the target has no `amount`; this unit needs one")
                        }
                        (false, Some(_)) => self.error(at("target"), "this unit takes no `amount`"),
                        (_, Some(a)) if !(a.is_finite() && a > 0.0) => {
                            self.error(
                                goals.at(key!("goal", gi, "indicator", ii, "target", "amount")),
                                "the amount must be a positive number",
                            );
                        }
                        _ => {}
                    }
                }
                if let Some(age) = &ind.age
                    && age.to.is_some_and(|to| to < age.from)
                {
                    self.error(
                        at("age"),
                        format!(
                            "the age band ends ({}) before it starts ({})",
                            age.to.unwrap_or_default(),
                            age.from
                        ),
                    );
                }
                let mut refs = BTreeSet::new();
                for (ki, k) in ind.kolada.iter().enumerate() {
                    let kat = goals.at(key!("goal", gi, "indicator", ii, "kolada", ki, "kpi"));
                    if !refs.insert(k.kpi.as_str()) {
                        self.error(
                            kat.clone(),
                            format!("KPI `{}` is listed twice for this indicator", k.kpi),
                        );
                    }
                    if !kpis.contains(k.kpi.as_str()) {
                        // Not a misspelling of another KPI (Kolada's ids differ by a digit): a
                        // KPI the catalogue does not have yet.
                        self.problems.push(
                            Problem::error(
                                kat,
                                format!("the Kolada KPI `{}` is not in `kolada.toml`", k.kpi),
                            )
                            .with_related(Location::file(&kolada.path), "Kolada KPIs are defined here")
                            .with_hint(new_kpi_hint(k.kpi.as_str())),
                        );
                    }
                }
            }
        }
    }

    fn groups(&mut self) {
        let groups = &self.s.groups;
        let known = self.group_ids();
        let mut ids = Seen::new("body");
        let mut remit_ids = Seen::new("remit");
        for (ri, r) in groups.data.remit.iter().enumerate() {
            remit_ids.add(r.id.as_str(), groups.at(key!("remit", ri, "id")), &mut self.problems);
            if let Some(intro) = &r.intro {
                self.prose(groups, key!("remit", ri, "intro"), intro, Headings::Forbidden);
            }
            if r.items.is_empty() {
                self.error(groups.at(key!("remit", ri, "items")), "a remit needs at least one item");
            }
            for (ii, item) in r.items.iter().enumerate() {
                self.prose(groups, key!("remit", ri, "items", ii), item, Headings::Forbidden);
            }
        }
        let mut used_remits = BTreeSet::new();
        for (gi, g) in groups.data.group.iter().enumerate() {
            ids.add(g.id.as_str(), groups.at(key!("group", gi, "id")), &mut self.problems);
            if let Some(parent) = &g.reports_to {
                self.reference(
                    "body",
                    parent.as_str(),
                    groups.at(key!("group", gi, "reports_to")),
                    &known,
                    &groups.path,
                );
                if parent == &g.id {
                    self.error(
                        groups.at(key!("group", gi, "reports_to")),
                        format!("`{}` cannot report to itself", g.id),
                    );
                }
            }
            if let Some(remit) = &g.remit {
                used_remits.insert(remit.as_str());
                self.reference(
                    "remit",
                    remit.as_str(),
                    groups.at(key!("group", gi, "remit")),
                    &remit_ids,
                    &groups.path,
                );
            }
            if let Some(d) = &g.direction {
                self.prose(groups, key!("group", gi, "direction", "text"), &d.text, Headings::Forbidden);
            }
            for (fi, f) in g.functions.iter().enumerate() {
                self.prose(groups, key!("group", gi, "functions", fi), f, Headings::Forbidden);
            }
            // Terms of office: each a real period, in order, none overlapping the next.
            for (ti, t) in g.term.iter().enumerate() {
                let at = groups.at(key!("group", gi, "term", ti));
                if let (Some(from), Some(until)) = (t.from, t.until)
                    && until < from
                {
                    self.error(at.clone(), format!("the term ends ({until}) before it starts ({from})"));
                }
                if let Some(next) = g.term.get(ti + 1) {
                    let ends_before_next = matches!((t.until, next.from), (Some(u), Some(f)) if u < f);
                    if !ends_before_next {
                        self.problems.push(
                            Problem::error(
                                groups.at(key!("group", gi, "term", ti + 1)),
                                format!(
                                    "the terms of office of `{}` must follow each other without overlapping",
                                    g.id
                                ),
                            )
                            .with_related(at, "the term before")
                            .with_hint("give the earlier term an `until` before the next term's `from`"),
                        );
                    }
                }
            }
            let mut areas = Seen::new("area");
            for (ai, a) in g.area.iter().enumerate() {
                areas.add(a.id.as_str(), groups.at(key!("group", gi, "area", ai, "id")), &mut self.problems);
            }
        }
        // The hierarchy must be a tree: walking up from any body must end.
        let parent: BTreeMap<&str, &str> = groups
            .data
            .group
            .iter()
            .filter_map(|g| g.reports_to.as_ref().map(|p| (g.id.as_str(), p.as_str())))
            .collect();
        for (gi, g) in groups.data.group.iter().enumerate() {
            let mut seen = BTreeSet::new();
            let mut cur = g.id.as_str();
            while let Some(&p) = parent.get(cur) {
                if !seen.insert(cur) {
                    self.error(
                        groups.at(key!("group", gi, "reports_to")),
                        format!("`{}` is part of a reporting cycle", g.id),
                    );
                    break;
                }
                cur = p;
            }
        }
        for (ri, r) in groups.data.remit.iter().enumerate() {
            if !used_remits.contains(r.id.as_str()) {
                self.problems.push(
                    Problem::warning(
                        groups.at(key!("remit", ri, "id")),
                        format!("remit `{}` is not used by any body", r.id),
                    )
                    .with_hint("set `remit` on the body it belongs to, or remove it"),
                );
            }
        }
    }

    fn members(&mut self) {
        let members = &self.s.members;
        let parties = self.party_ids();
        let groups = self.group_ids();
        let mut ids = Seen::new("member");
        for (mi, m) in members.data.member.iter().enumerate() {
            ids.add(m.id.as_str(), members.at(key!("member", mi, "id")), &mut self.problems);
            if let Some(org) = &m.organisation {
                self.reference(
                    "party",
                    org.as_str(),
                    members.at(key!("member", mi, "organisation")),
                    &parties,
                    &self.s.parties.path,
                );
            }
            for (ri, r) in m.role.iter().enumerate() {
                let at = |k: &str| members.at(key!("member", mi, "role", ri, k));
                self.reference("body", r.body.as_str(), at("body"), &groups, &self.s.groups.path);
                if let Some(org) = &r.organisation {
                    self.reference("party", org.as_str(), at("organisation"), &parties, &self.s.parties.path);
                }
                if let Some(area) = &r.area {
                    let group = self.s.groups.data.group.iter().find(|g| g.id == r.body);
                    if let Some(g) = group
                        && !g.area.iter().any(|a| &a.id == area)
                    {
                        let mut p =
                            Problem::error(at("area"), format!("body `{}` has no area `{area}`", r.body));
                        if let Some(loc) = groups.location(r.body.as_str()) {
                            p = p.with_related(loc.clone(), "the body is defined here");
                        }
                        self.problems.push(p);
                    }
                }
                if let (Some(from), Some(until)) = (r.from, r.until)
                    && until < from
                {
                    self.error(at("until"), format!("the period ends ({until}) before it starts ({from})"));
                }
                // The members table shows a body's seats by term of office.
                let group = self.s.groups.data.group.iter().find(|g| g.id == r.body);
                if let Some(g) = group
                    && r.area.is_none()
                    && !g.term.is_empty()
                    && !g.term.iter().any(|t| t.contains(r.from, r.until))
                {
                    let mut p = Problem::warning(
                        members.at(key!("member", mi, "role", ri)),
                        format!(
                            "{}'s seat in `{}` does not lie within one of its terms of office",
                            m.name, r.body
                        ),
                    )
                    .with_hint("set `from`/`until` inside a term, or add the term to the body's `term` list");
                    if let Some(loc) = groups.location(r.body.as_str()) {
                        p = p.with_related(loc.clone(), "the body and its terms are defined here");
                    }
                    self.problems.push(p);
                }
            }
        }
        // Seats: a single-seat role (chair, convener) has one holder at a time, and nobody
        // holds the same role in the same body twice at once.
        let all: Vec<(usize, usize)> = members
            .data
            .member
            .iter()
            .enumerate()
            .flat_map(|(mi, m)| (0..m.role.len()).map(move |ri| (mi, ri)))
            .collect();
        for (n, &(ma, ra)) in all.iter().enumerate() {
            for &(mb, rb) in &all[n + 1..] {
                let (a, b) = (&members.data.member[ma], &members.data.member[mb]);
                let (x, y) = (&a.role[ra], &b.role[rb]);
                if x.body != y.body || x.role != y.role || x.area != y.area || !x.overlaps(y) {
                    continue;
                }
                let message = if ma == mb {
                    format!(
                        "{} holds the role {} in `{}` twice in overlapping periods",
                        a.name,
                        x.role.swedish(),
                        x.body
                    )
                } else if x.role.is_single_seat() {
                    format!(
                        "{} and {} are both {} of `{}` in overlapping periods",
                        a.name,
                        b.name,
                        x.role.swedish(),
                        x.body
                    )
                } else {
                    continue;
                };
                self.problems.push(
                    Problem::error(members.at(key!("member", mb, "role", rb)), message)
                        .with_related(members.at(key!("member", ma, "role", ra)), "the other seat")
                        .with_hint("set `from`/`until` so that the periods do not overlap"),
                );
            }
        }
    }

    fn appendices(&mut self) {
        let app = &self.s.appendices;
        let groups = self.group_ids();
        let mut entries = Seen::new("entry");
        for (i, e) in app.data.adjacent.iter().enumerate() {
            entries.add(e.id.as_str(), app.at(key!("adjacent", i, "id")), &mut self.problems);
            self.prose(app, key!("adjacent", i, "text"), &e.text, Headings::Forbidden);
        }
        let mut calendars = Seen::new("calendar");
        for (ci, c) in app.data.calendar.iter().enumerate() {
            calendars.add(c.id.as_str(), app.at(key!("calendar", ci, "id")), &mut self.problems);
            if let Some(intro) = &c.intro {
                self.prose(app, key!("calendar", ci, "intro"), intro, Headings::Forbidden);
            }
            for (bi, b) in c.meeting_bodies.iter().enumerate() {
                self.reference(
                    "body",
                    b.as_str(),
                    app.at(key!("calendar", ci, "meeting_bodies", bi)),
                    &groups,
                    &self.s.groups.path,
                );
            }
            let mut tracks = Seen::new("track");
            for (ti, t) in c.track.iter().enumerate() {
                tracks.add(
                    t.id.as_str(),
                    app.at(key!("calendar", ci, "track", ti, "id")),
                    &mut self.problems,
                );
                if let Some(b) = &t.body {
                    self.reference(
                        "body",
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
                                format!("`{}` is not one of the calendar's meeting bodies", meeting.body),
                            )
                            .with_related(
                                app.at(key!("calendar", ci, "meeting_bodies")),
                                "meeting bodies are listed here",
                            ),
                        );
                    }
                    if let Some(day) = meeting.day {
                        let max = days_in_month(m.year, m.month.0);
                        if day == 0 || day > max {
                            self.error(at("day"), format!("{} has no day {day}", m.month.name()));
                        }
                    }
                }
                for track in m.tasks.keys() {
                    if !tracks.contains(track.as_str()) {
                        let mut p = Problem::error(
                            app.at(key!("calendar", ci, "month", mi, "tasks", track.as_str())),
                            format!("unknown track `{track}`"),
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

    fn document(&mut self) {
        let doc = &self.s.document;
        let groups = self.group_ids();
        let mut calendars = Seen::new("calendar");
        let mut ignore = Vec::new();
        for (i, c) in self.s.appendices.data.calendar.iter().enumerate() {
            calendars.add(c.id.as_str(), self.s.appendices.at(key!("calendar", i, "id")), &mut ignore);
        }
        if let Some(text) = &doc.data.cover.text {
            self.prose(doc, key!("cover", "text"), text, Headings::Forbidden);
        }
        // The keywords are one PDF string together, like any other text.
        let keywords = doc.data.keywords.join(", ").chars().count();
        if keywords > MAX_TEXT && doc.data.keywords.iter().all(|k| k.chars().count() <= MAX_TEXT) {
            self.problems.push(
                Problem::error(
                    doc.at(key!("keywords")),
                    format!("the keywords have {keywords} characters together; at most {MAX_TEXT} fit"),
                )
                .with_hint("keep the few words a search for the document would use"),
            );
        }
        let mut chapters = Seen::new("chapter");
        let parts: [(&str, &Vec<Chapter>); 2] =
            [("chapter", &doc.data.chapter), ("appendix", &doc.data.appendix)];
        for (part, list) in parts {
            for (ci, c) in list.iter().enumerate() {
                chapters.add(c.id.as_str(), doc.at(key!(part, ci, "id")), &mut self.problems);
                self.chapter(part, ci, c, &groups, &calendars);
            }
        }
    }

    fn chapter(&mut self, part: &str, ci: usize, c: &Chapter, groups: &Seen<'_>, calendars: &Seen<'_>) {
        let doc = &self.s.document;
        let mut levels: Vec<(u8, KeyPath)> = Vec::new();
        for (bi, b) in c.block.iter().enumerate() {
            let at = |k: &str| doc.at(key!(part, ci, "block", bi, k));
            let path = key!(part, ci, "block", bi);
            let body = |b: &Block| match b {
                Block::Members(r) => Some(r.body.clone()),
                Block::Roles(r) | Block::Group(r) | Block::Remit(r) | Block::Areas(r) => Some(r.body.clone()),
                _ => None,
            };
            if let Some(id) = body(b) {
                let kind = match b {
                    Block::Members(_) => "members",
                    Block::Roles(_) => "roles",
                    Block::Group(_) => "group",
                    Block::Remit(_) => "remit",
                    _ => "areas",
                };
                let bat = doc.at(key!(part, ci, "block", bi, kind, "body"));
                self.reference("body", id.as_str(), bat.clone(), groups, &self.s.groups.path);
                if let Some(g) = self.s.groups.data.group.iter().find(|g| g.id == id) {
                    let empty = match b {
                        Block::Remit(_) => g.remit.is_none().then_some("has no remit"),
                        Block::Areas(_) => g.area.is_empty().then_some("has no areas"),
                        Block::Group(_) => (g.direction.is_none() && g.functions.is_empty())
                            .then_some("has no direction or functions"),
                        _ => None,
                    };
                    if let Some(what) = empty {
                        let mut p = Problem::error(
                            bat,
                            format!("body `{id}` {what}, so the `{kind}` block would be empty"),
                        );
                        if let Some(loc) = groups.location(id.as_str()) {
                            p = p.with_related(loc.clone(), "the body is defined here");
                        }
                        self.problems.push(p);
                    }
                }
            }
            match b {
                Block::Text(text) => {
                    for level in self.prose(doc, path.key("text"), text, Headings::From(2)) {
                        levels.push((level, path.key("text")));
                    }
                }
                Block::Aside(a) => {
                    self.prose(doc, path.key("aside").key("text"), &a.text, Headings::Forbidden);
                    if a.title.is_some() {
                        levels.push((2, path.clone()));
                    }
                }
                Block::Group(_) | Block::Indicators(_) => levels.push((2, path.clone())),
                Block::Remit(r) => {
                    let titled = self
                        .s
                        .groups
                        .data
                        .group
                        .iter()
                        .find(|g| g.id == r.body)
                        .and_then(|g| g.remit.as_ref())
                        .and_then(|id| self.s.groups.data.remit.iter().find(|x| &x.id == id))
                        .is_some_and(|x| x.title.is_some());
                    if titled {
                        levels.push((2, path.clone()));
                    }
                }
                Block::OrgChart(o) => {
                    self.reference(
                        "body",
                        o.root.as_str(),
                        doc.at(key!(part, ci, "block", bi, "org_chart", "root")),
                        groups,
                        &self.s.groups.path,
                    );
                    if o.title.is_some() {
                        levels.push((2, path.clone()));
                    }
                }
                Block::Calendar(r) => {
                    self.reference(
                        "calendar",
                        r.calendar.as_str(),
                        doc.at(key!(part, ci, "block", bi, "calendar", "calendar")),
                        calendars,
                        &self.s.appendices.path,
                    );
                }
                _ => {}
            }
            let _ = at;
        }
        // Headings must not skip levels: the chapter is level 1, so a level-3 heading needs a
        // level-2 heading before it, and so on.
        let mut current = 1;
        for (level, path) in levels {
            if level > current + 1 {
                self.problems.push(
                    Problem::error(
                        doc.at(path),
                        format!("a level-{level} heading follows a level-{current} heading"),
                    )
                    .with_hint("use `#` for the first section of a chapter and `##` only inside a section"),
                );
            }
            current = level;
        }
    }

    /// Checks a piece of prose; returns the Typst levels of its headings.
    fn prose<T>(&mut self, file: &Loaded<T>, path: KeyPath, text: &Markdown, headings: Headings) -> Vec<u8> {
        self.prose.insert((file.path.clone(), path.clone()));
        if let Some(offset) = markdown::indented_code_block(text.as_str()) {
            let line = text.as_str()[..offset].matches('\n').count();
            let mut at = file.at(path);
            if let Some(span) =
                at.span.as_ref().and_then(|s| line_in_string(file.toml().raw(), s.start, line))
            {
                at.span = Some(span);
            }
            self.problems.push(
                Problem::error(
                    at,
                    "an indented line: Markdown reads a line that starts with a tab or four spaces as code",
                )
                .with_hint("remove the spaces or the tab at the start of the line"),
            );
            return Vec::new();
        }
        match markdown::to_typst(text.as_str(), headings) {
            Ok(c) => c.heading_levels,
            Err(message) => {
                self.problems.push(Problem::error(file.at(path), message));
                Vec::new()
            }
        }
    }

    /// Empty texts and control characters are errors; characters the shipped fonts cannot show
    /// would print as empty boxes and break PDF/A, so they are errors too.
    fn characters(&mut self, covered: &dyn Fn(char) -> bool) {
        let s = self.s;
        let docs: [(&PathBuf, &toml_edit::Document<String>); 7] = [
            (&s.parties.path, s.parties.toml()),
            (&s.kolada.path, s.kolada.toml()),
            (&s.document.path, s.document.toml()),
            (&s.goals.path, s.goals.toml()),
            (&s.members.path, s.members.toml()),
            (&s.groups.path, s.groups.toml()),
            (&s.appendices.path, s.appendices.toml()),
        ];
        for (path, doc) in docs {
            for (key, value, span) in crate::sources::strings(doc) {
                if value.trim().is_empty() {
                    self.problems.push(
                        Problem::error(
                            Location { file: path.clone(), span: span.clone(), key: key.clone() },
                            "empty text",
                        )
                        .with_hint("write the text, or leave the key out if it is optional"),
                    );
                    continue;
                }
                let length = value.chars().count();
                if length > MAX_TEXT && !self.prose.contains(&(path.clone(), key.clone())) {
                    self.problems.push(
                        Problem::error(
                            Location { file: path.clone(), span: span.clone(), key: key.clone() },
                            format!("a text of {length} characters; at most {MAX_TEXT} fit here"),
                        )
                        .with_hint("shorten the text: a name, a title or an indicator's text is printed in tables, bookmarks and the spreadsheet"),
                    );
                    continue;
                }
                let invisible: BTreeSet<char> =
                    value.chars().filter(|&c| text::invisible(c).is_some()).collect();
                for c in invisible {
                    let name = text::invisible(c).unwrap_or_default();
                    let what = if matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                    {
                        "it reorders the text around it in some programs, and search, copying and screen readers meet it"
                    } else {
                        "it shows nothing, but search, copying and screen readers meet it"
                    };
                    let span = span.as_ref().and_then(|v| char_in(doc.raw(), v, c)).or_else(|| span.clone());
                    self.problems.push(
                        Problem::warning(
                            Location { file: path.clone(), span, key: key.clone() },
                            format!("an invisible character, U+{:04X} ({name}): {what}", c as u32),
                        )
                        .with_hint("delete it (the typeset document leaves it out)"),
                    );
                }
                let bad = value.chars().find(|&c| {
                    text::invisible(c).is_none()
                        && ((c.is_control() && c != '\n' && c != '\t') || (!c.is_control() && !covered(c)))
                });
                if let Some(c) = bad {
                    let what = if c.is_control() {
                        "a control character"
                    } else {
                        "a character the shipped fonts cannot show"
                    };
                    self.problems.push(
                        Problem::error(
                            Location { file: path.clone(), span, key },
                            format!(
                                "{what}: U+{:04X} {}",
                                c as u32,
                                if c.is_control() { String::new() } else { format!("`{c}`") }
                            )
                            .trim_end()
                            .to_owned(),
                        )
                        .with_hint("use another character, or ship a font that has it in `fonts/`"),
                    );
                }
            }
        }
    }
}

/// Where the character `c` is written inside the value at `value` of `raw`: the character
/// itself, or its escape (`\u200B`, `\U0000200B`, in either case).
fn char_in(raw: &str, value: &std::ops::Range<usize>, c: char) -> Option<std::ops::Range<usize>> {
    let written = raw.get(value.clone())?;
    if let Some(i) = written.find(c) {
        return Some(value.start + i..value.start + i + c.len_utf8());
    }
    let lower = written.to_ascii_lowercase();
    [format!("\\u{:04x}", c as u32), format!("\\U{:08x}", c as u32).to_ascii_lowercase()].iter().find_map(
        |escape| lower.find(escape.as_str()).map(|i| value.start + i..value.start + i + escape.len()),
    )
}

/// The span of line `line` (0-based) of the multi-line TOML string that starts at byte `start`
/// of `raw` (its opening `"""` or `'''`, whose first newline TOML drops), without its line break;
/// `None` for a one-line string, where lines are escapes that cannot be pointed at.
fn line_in_string(raw: &str, start: usize, line: usize) -> Option<std::ops::Range<usize>> {
    let rest = raw.get(start..)?;
    let body = rest.strip_prefix("\"\"\"").or_else(|| rest.strip_prefix("'''"))?;
    let body = body.strip_prefix("\r\n").or_else(|| body.strip_prefix('\n')).unwrap_or(body);
    let mut from = raw.len() - body.len();
    for _ in 0..line {
        from += raw[from..].find('\n')? + 1;
    }
    let end = raw[from..].find(['\r', '\n']).map_or(raw.len(), |e| from + e);
    Some(from..end)
}

impl Validator<'_> {
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
                Problem::warning(
                    ack_at,
                    "`acknowledged` is set, but there is no warning here to acknowledge",
                )
                .with_hint("remove `acknowledged`: the situation it was about has changed"),
            ),
            (true, None) => {}
        }
    }

    /// Whether a members block shows the role as part of a composition that has ended (a block
    /// with `until` on or after the role's end).
    fn shown_as_past(&self, role: &crate::sources::members::Role) -> bool {
        let doc = &self.s.document.data;
        doc.chapter.iter().chain(&doc.appendix).flat_map(|c| &c.block).any(|b| match b {
            Block::Members(m) => {
                m.body == role.body
                    && m.until.is_some_and(|u| role.until.is_some_and(|ru| ru <= u))
                    && m.from.is_none_or(|f| role.from.is_some_and(|rf| rf >= f))
            }
            _ => false,
        })
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

    /// The person who takes over `role` of `member` the day after `until`: someone else in the
    /// same body, role and area whose seat starts that day.
    fn successor(&self, member: &Member, role: &Role, until: Date) -> Option<&Member> {
        let next = until.0.next_day().map(Date)?;
        self.s.members.data.member.iter().filter(|o| o.id != member.id).find(|o| {
            o.role.iter().any(|r| {
                r.body == role.body && r.role == role.role && r.area == role.area && r.from == Some(next)
            })
        })
    }

    /// Things a person should look at; they never fail a run unless warnings are denied.
    fn warnings(&mut self) {
        let s = self.s;
        let year = s.year;
        let doc_date = s.document.data.date;
        let year_start = Date::from_ymd(year, 1, 1);
        let year_end = Date::from_ymd(year, 12, 31);

        // Periods that ended before the edition's year; that ended during it but before the
        // document's date (unless the document shows them as a past composition); or that end
        // during it after the document's date (while the document is in force).
        for (mi, m) in s.members.data.member.iter().enumerate() {
            for (ri, r) in m.role.iter().enumerate() {
                let Some(until) = r.until else { continue };
                let at = s.members.at(key!("member", mi, "role", ri, "until"));
                // A seat taken over the next day by someone else is a documented mid-term
                // replacement: the document prints "ersatt av …", and nothing is to be checked.
                if self.successor(m, r, until).is_some() {
                    let ack = s.members.at(key!("member", mi, "role", ri, "acknowledged"));
                    self.warn(None, r.acknowledged.as_ref(), ack);
                    continue;
                }
                let seat = format!("{}'s seat in {}", m.name, self.body_name(&r.body));
                let acknowledge =
                    "or, if that is as it should be, say why with `acknowledged = \"…\"` on the role";
                let warning = if year_start.is_some_and(|start| until < start) {
                    Some(
                        Problem::warning(
                            at,
                            format!("{seat} ended on {}, before {year}", swedish_date(until)),
                        )
                        .with_hint(format!("update the role's period, {acknowledge}")),
                    )
                } else if until < doc_date && !self.shown_as_past(r) {
                    Some(
                        Problem::warning(
                            at,
                            format!(
                                "{seat} ended on {}, before the document's date ({}), and nobody took it over",
                                swedish_date(until),
                                swedish_date(doc_date)
                            ),
                        )
                        .with_hint(format!(
                            "add the person who took the seat (a role in the same body with `from` the next day), \
                             show the earlier composition with a members block with `until`, {acknowledge}"
                        )),
                    )
                } else if until >= doc_date && year_end.is_some_and(|end| until <= end) {
                    Some(
                        Problem::warning(
                            at,
                            format!("{seat} ends on {}, while this edition is in force", swedish_date(until)),
                        )
                        .with_hint(format!(
                            "add the person who takes the seat (a role in the same body with `from` the next day), \
                             {acknowledge}"
                        )),
                    )
                } else {
                    None
                };
                let ack = s.members.at(key!("member", mi, "role", ri, "acknowledged"));
                self.warn(warning, r.acknowledged.as_ref(), ack);
            }
        }

        // A person in two seats of the same body at the same time.
        for (mi, m) in s.members.data.member.iter().enumerate() {
            for (ri, a) in m.role.iter().enumerate() {
                for (rj, b) in m.role.iter().enumerate().skip(ri + 1) {
                    if a.body == b.body
                        && a.role != b.role
                        && a.area.is_none()
                        && b.area.is_none()
                        && a.overlaps(b)
                    {
                        self.problems.push(
                            Problem::warning(
                                s.members.at(key!("member", mi, "role", rj)),
                                format!(
                                    "{} holds two seats in {}: {} and {}",
                                    m.name,
                                    self.body_name(&a.body),
                                    a.role.swedish(),
                                    b.role.swedish()
                                ),
                            )
                            .with_related(s.members.at(key!("member", mi, "role", ri)), "the other seat"),
                        );
                    }
                }
            }
        }

        for (gi, g) in s.groups.data.group.iter().enumerate() {
            for (vi, v) in g.vacancy.iter().enumerate() {
                let warning = Problem::warning(
                    s.groups.at(key!("group", gi, "vacancy", vi)),
                    format!("{} has a vacant seat ({})", g.name, v.function),
                )
                .with_hint("fill the seat, or acknowledge it with `acknowledged = \"…why…\"`");
                let ack = s.groups.at(key!("group", gi, "vacancy", vi, "acknowledged"));
                self.warn(Some(warning), v.acknowledged.as_ref(), ack);
            }
        }

        let goals = &s.goals;
        if let Some(target_year) = goals.data.target_year
            && i32::from(target_year) < year
        {
            self.problems.push(
                Problem::warning(
                    goals.at(key!("target_year")),
                    format!("the targets were to be reached by {target_year}, before {year}"),
                )
                .with_hint("set a new target year and review the targets"),
            );
        }
        if goals.data.baseline_year.is_none() && goals.data.follow_up_years.is_none() {
            self.problems.push(
                Problem::warning(
                    goals.at(KeyPath::root()),
                    format!("the goals of {year} name no follow-up period; `perspektiv annexes` needs one"),
                )
                .with_hint(
                    "add `follow_up_years = 5` (the latest year against the year five years earlier) or `baseline_year = YEAR`",
                ),
            );
        }
        let mut kpi_warnings = self.kpi_publication();
        for (gi, g) in goals.data.goal.iter().enumerate() {
            if g.indicator.is_empty() {
                self.problems.push(Problem::warning(
                    goals.at(key!("goal", gi)),
                    format!("the goal ”{}” has no indicators", g.title),
                ));
            }
            for (ii, ind) in g.indicator.iter().enumerate() {
                let warning = ind.kolada.is_empty().then(|| {
                    let source =
                        ind.data_source.as_deref().map(|d| format!(" (values from {d})")).unwrap_or_default();
                    Problem::warning(
                        goals.at(key!("goal", gi, "indicator", ii, "id")),
                        format!("the indicator ”{}” has no Kolada KPI{source}", ind.text),
                    )
                    .with_hint(
                        "add `kolada = [{ kpi = \"…\" }]`, or acknowledge that it is measured elsewhere with \
                         `acknowledged = \"…why…\"`",
                    )
                });
                let mut warnings: Vec<Problem> = warning.into_iter().collect();
                warnings.extend(kpi_warnings.remove(&(gi, ii)).unwrap_or_default());
                let ack = goals.at(key!("goal", gi, "indicator", ii, "acknowledged"));
                self.warn_all(warnings, ind.acknowledged.as_ref(), ack);
            }
        }

        // Empty sections: a chapter without blocks, a calendar month without anything.
        let doc = &s.document;
        for (part, list) in [("chapter", &doc.data.chapter), ("appendix", &doc.data.appendix)] {
            for (ci, c) in list.iter().enumerate() {
                if c.block.is_empty() {
                    self.problems.push(Problem::warning(
                        doc.at(key!(part, ci, "title")),
                        format!("the {part} ”{}” is empty", c.title),
                    ));
                }
                for (bi, b) in c.block.iter().enumerate() {
                    if let Block::Members(m) = b {
                        let any = s.members.data.member.iter().flat_map(|x| &x.role).any(|r| {
                            r.body == m.body
                                && m.from.is_none_or(|f| r.from.is_some_and(|rf| rf >= f))
                                && m.until.is_none_or(|u| r.until.is_some_and(|ru| ru <= u))
                        });
                        if !any {
                            self.problems.push(Problem::warning(
                                doc.at(key!(part, ci, "block", bi)),
                                format!("the members block of {} shows nobody", self.body_name(&m.body)),
                            ));
                        }
                    }
                }
            }
        }
        for (ci, c) in s.appendices.data.calendar.iter().enumerate() {
            for (mi, m) in c.month.iter().enumerate() {
                let warning = (m.meeting.is_empty() && m.tasks.values().all(Vec::is_empty)).then(|| {
                    Problem::warning(
                        s.appendices.at(key!("calendar", ci, "month", mi)),
                        format!(
                            "{} in {} is empty",
                            m.month.name(),
                            c.title.as_deref().map_or_else(|| format!("calendar `{}`", c.id), |t| format!("the calendar ”{t}”"))
                        ),
                    )
                    .with_hint("add tasks or meetings, or acknowledge an empty month with `acknowledged = \"…why…\"`")
                });
                let ack = s.appendices.at(key!("calendar", ci, "month", mi, "acknowledged"));
                self.warn(warning, m.acknowledged.as_ref(), ack);
                for (ei, meeting) in m.meeting.iter().enumerate() {
                    if meeting.day.is_none() {
                        self.problems.push(
                            Problem::warning(
                                s.appendices.at(key!("calendar", ci, "month", mi, "meeting", ei)),
                                format!(
                                    "the day of the meeting of {} in {} is not set",
                                    self.body_name(&meeting.body),
                                    m.month.name()
                                ),
                            )
                            .with_hint("add `day = N` when the date is decided"),
                        );
                    }
                }
            }
        }
    }
}

impl Validator<'_> {
    /// Warnings about the KPIs that the annexes show (an indicator's first KPI, or all of them
    /// when they are labelled): one that Kolada no longer publishes, and one whose latest
    /// published period is older than the end of the follow-up period (the target year, or the
    /// newest year of the edition's values). By indicator (goal and indicator index), so that the
    /// indicator's `acknowledged` can cover them.
    fn kpi_publication(&self) -> BTreeMap<(usize, usize), Vec<Problem>> {
        let mut out: BTreeMap<(usize, usize), Vec<Problem>> = BTreeMap::new();
        let s = self.s;
        let goals = &s.goals;
        let areas: Vec<&str> = s.parties.data.area_codes().collect();
        let newest = s
            .values
            .kpis()
            .into_iter()
            .flat_map(|k| areas.iter().filter_map(|a| s.values.periods(k.as_str(), a).last().copied()))
            .max();
        let target = goals.data.target_year.map(i32::from);
        let end = match (newest, target) {
            (Some(n), Some(t)) => Some(n.min(t)),
            (n, t) => n.or(t),
        };
        let what_end = if target.is_some() && end == target {
            "the target year"
        } else {
            "the newest year of the edition's values"
        };
        for (gi, g) in goals.data.goal.iter().enumerate() {
            for (ii, ind) in g.indicator.iter().enumerate() {
                let labelled = ind.kolada.iter().any(|k| k.label.is_some());
                for (ki, kref) in ind.kolada.iter().enumerate() {
                    if ki > 0 && !labelled {
                        break;
                    }
                    let Some(kpi) = s.kolada.data.kpi.iter().find(|k| k.id == kref.kpi) else {
                        continue;
                    };
                    let at = goals.at(key!("goal", gi, "indicator", ii, "kolada", ki, "kpi"));
                    if !kpi.current {
                        let until =
                            kpi.publ_period.map(|p| format!("; its values end in {p}")).unwrap_or_default();
                        out.entry((gi, ii)).or_default().push(
                            Problem::warning(
                                at,
                                format!(
                                    "indicator `{}` follows KPI `{}`, which Kolada no longer publishes (`current = false` in `kolada.toml`){until}",
                                    ind.id, kpi.id
                                ),
                            )
                            .with_hint(
                                "choose a KPI that Kolada publishes, check with `perspektiv kolada fetch` whether it is back, \
                                 or acknowledge it on the indicator with `acknowledged = \"…why…\"`",
                            ),
                        );
                    } else if let (Some(publ), Some(end)) = (kpi.publ_period, end)
                        && i32::from(publ) < end
                    {
                        out.entry((gi, ii)).or_default().push(
                            Problem::warning(
                                at,
                                format!(
                                    "Kolada's latest period of KPI `{}` (indicator `{}`) is {publ}, older than {end}, {what_end}",
                                    kpi.id, ind.id
                                ),
                            )
                            .with_hint(format!(
                                "its table compares years before {end}; fetch newer values with `perspektiv kolada fetch`, or choose a KPI published for {end}"
                            )),
                        );
                    }
                }
            }
        }
        out
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
