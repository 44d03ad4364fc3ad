//! Bodies, remits and members: references between them, terms of office, the hierarchy, seats
//! and their periods.

use std::collections::{BTreeMap, BTreeSet};

use super::{Seen, Validator};
use crate::diagnostics::Problem;
use crate::markdown::Headings;
use crate::sources::common::{Date, swedish_date};
use crate::sources::document::Block;
use crate::sources::members::{Member, Role};
use crate::{key, msg, t};

impl Validator<'_> {
    pub(super) fn groups(&mut self) {
        let groups = &self.s.groups;
        let known = self.group_ids();
        let mut ids = Seen::new("what-body");
        let mut remit_ids = Seen::new("what-remit");
        for (ri, r) in groups.data.remit.iter().enumerate() {
            remit_ids.add(r.id.as_str(), groups.at(key!("remit", ri, "id")), &mut self.problems);
            if let Some(intro) = &r.intro {
                self.prose(groups, key!("remit", ri, "intro"), intro, Headings::Forbidden);
            }
            if r.items.is_empty() {
                self.error(groups.at(key!("remit", ri, "items")), msg!("remit-without-items"));
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
                    parent.as_str(),
                    groups.at(key!("group", gi, "reports_to")),
                    &known,
                    &groups.path,
                );
                if parent == &g.id {
                    self.error(
                        groups.at(key!("group", gi, "reports_to")),
                        msg!("reports-to-itself", body = format!("{} (`{}`)", g.name, g.id)),
                    );
                }
            }
            if let Some(remit) = &g.remit {
                used_remits.insert(remit.as_str());
                self.reference(
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
                    self.error(
                        at.clone(),
                        msg!("term-reversed", until = until.to_string(), from = from.to_string()),
                    );
                }
                if let Some(next) = g.term.get(ti + 1) {
                    let ends_before_next = matches!((t.until, next.from), (Some(u), Some(f)) if u < f);
                    if !ends_before_next {
                        self.problems.push(
                            Problem::error(
                                groups.at(key!("group", gi, "term", ti + 1)),
                                msg!("terms-overlap", body = format!("{} (`{}`)", g.name, g.id)),
                            )
                            .with_related(at, t!("terms-overlap.related"))
                            .with_hint(t!("terms-overlap.hint")),
                        );
                    }
                }
            }
            let mut areas = Seen::new("what-area");
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
                        msg!("reporting-cycle", body = format!("{} (`{}`)", g.name, g.id)),
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
                        msg!(
                            "remit-unused",
                            remit = match &r.title {
                                Some(title) => format!("”{title}” (`{}`)", r.id),
                                None => format!("`{}`", r.id),
                            }
                        ),
                    )
                    .with_hint(t!("remit-unused.hint")),
                );
            }
        }
    }

    pub(super) fn members(&mut self) {
        let members = &self.s.members;
        let parties = self.party_ids();
        let groups = self.group_ids();
        let mut ids = Seen::new("what-member");
        for (mi, m) in members.data.member.iter().enumerate() {
            ids.add(m.id.as_str(), members.at(key!("member", mi, "id")), &mut self.problems);
            if let Some(org) = &m.organisation {
                self.reference(
                    org.as_str(),
                    members.at(key!("member", mi, "organisation")),
                    &parties,
                    &self.s.parties.path,
                );
            }
            for (ri, r) in m.role.iter().enumerate() {
                let at = |k: &str| members.at(key!("member", mi, "role", ri, k));
                self.reference(r.body.as_str(), at("body"), &groups, &self.s.groups.path);
                if let Some(org) = &r.organisation {
                    self.reference(org.as_str(), at("organisation"), &parties, &self.s.parties.path);
                }
                if let Some(area) = &r.area {
                    let group = self.s.groups.data.group.iter().find(|g| g.id == r.body);
                    if let Some(g) = group
                        && !g.area.iter().any(|a| &a.id == area)
                    {
                        let mut p = Problem::error(
                            at("area"),
                            msg!("no-such-area", body = self.body_label(&r.body), area = area.as_str()),
                        );
                        if let Some(loc) = groups.location(r.body.as_str()) {
                            p = p.with_related(loc.clone(), t!("body-defined-here"));
                        }
                        self.problems.push(p);
                    }
                }
                if let (Some(from), Some(until)) = (r.from, r.until)
                    && until < from
                {
                    self.error(
                        at("until"),
                        msg!("period-reversed", until = until.to_string(), from = from.to_string()),
                    );
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
                        msg!("seat-outside-terms", person = m.name.as_str(), body = self.body_label(&r.body)),
                    )
                    .with_hint(t!("seat-outside-terms.hint"));
                    if let Some(loc) = groups.location(r.body.as_str()) {
                        p = p.with_related(loc.clone(), t!("seat-outside-terms.related"));
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
                    msg!(
                        "role-twice",
                        person = a.name.as_str(),
                        role = x.role.swedish(),
                        body = self.body_label(&x.body)
                    )
                } else if x.role.is_single_seat() {
                    msg!(
                        "single-seat-twice",
                        person = a.name.as_str(),
                        other = b.name.as_str(),
                        role = x.role.swedish(),
                        body = self.body_label(&x.body)
                    )
                } else {
                    continue;
                };
                self.problems.push(
                    Problem::error(members.at(key!("member", mb, "role", rb)), message)
                        .with_related(members.at(key!("member", ma, "role", ra)), t!("other-seat"))
                        .with_hint(t!("role-twice.hint")),
                );
            }
        }
    }

    /// Warnings about seats that have ended or end while the edition is in force.
    pub(super) fn seat_periods(&mut self) {
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
                let (person, body) = (m.name.as_str(), self.body_name(&r.body));
                let warning = if year_start.is_some_and(|start| until < start) {
                    Some(
                        Problem::warning(
                            at,
                            msg!(
                                "seat-ended",
                                person = person,
                                body = body,
                                until = swedish_date(until),
                                year = year
                            ),
                        )
                        .with_hint(t!("seat-ended.hint")),
                    )
                } else if until < doc_date && !self.shown_as_past(r) {
                    Some(
                        Problem::warning(
                            at,
                            msg!(
                                "seat-ended-unfilled",
                                person = person,
                                body = body,
                                until = swedish_date(until),
                                date = swedish_date(doc_date)
                            ),
                        )
                        .with_hint(t!("seat-ended-unfilled.hint")),
                    )
                } else if until >= doc_date && year_end.is_some_and(|end| until <= end) {
                    Some(
                        Problem::warning(
                            at,
                            msg!("seat-ends", person = person, body = body, until = swedish_date(until)),
                        )
                        .with_hint(t!("seat-ends.hint")),
                    )
                } else {
                    None
                };
                let ack = s.members.at(key!("member", mi, "role", ri, "acknowledged"));
                self.warn(warning, r.acknowledged.as_ref(), ack);
            }
        }
    }

    /// A warning for a person in two seats of the same body at the same time.
    pub(super) fn double_seats(&mut self) {
        let s = self.s;
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
                                msg!(
                                    "two-seats",
                                    person = m.name.as_str(),
                                    body = self.body_name(&a.body),
                                    role = a.role.swedish(),
                                    other = b.role.swedish()
                                ),
                            )
                            .with_related(s.members.at(key!("member", mi, "role", ri)), t!("other-seat")),
                        );
                    }
                }
            }
        }
    }

    /// A warning for each vacant seat, unless acknowledged.
    pub(super) fn vacancies(&mut self) {
        let s = self.s;
        for (gi, g) in s.groups.data.group.iter().enumerate() {
            for (vi, v) in g.vacancy.iter().enumerate() {
                let warning = Problem::warning(
                    s.groups.at(key!("group", gi, "vacancy", vi)),
                    msg!("vacant-seat", body = g.name.as_str(), function = v.function.as_str()),
                )
                .with_hint(t!("vacant-seat.hint"));
                let ack = s.groups.at(key!("group", gi, "vacancy", vi, "acknowledged"));
                self.warn(Some(warning), v.acknowledged.as_ref(), ack);
            }
        }
    }

    /// Whether a members block shows the role as part of a composition that has ended (a block
    /// with `until` on or after the role's end).
    pub(super) fn shown_as_past(&self, role: &crate::sources::members::Role) -> bool {
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

    /// The person who takes over `role` of `member` the day after `until`: someone else in the
    /// same body, role and area whose seat starts that day.
    pub(super) fn successor(&self, member: &Member, role: &Role, until: Date) -> Option<&Member> {
        let next = until.0.next_day().map(Date)?;
        self.s.members.data.member.iter().filter(|o| o.id != member.id).find(|o| {
            o.role.iter().any(|r| {
                r.body == role.body && r.role == role.role && r.area == role.area && r.from == Some(next)
            })
        })
    }
}
