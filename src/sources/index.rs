//! One typed index of a set of validated sources, built once: every record by its id (bodies,
//! remits, focus areas, parties, people, goals, indicators, KPIs, calendars) and each body's
//! seats, so that the views, the annexes, the change report and the checks look a record up by
//! its id instead of searching the lists again.
//!
//! Where the sources hold an id twice (which validation reports), the first record wins, as a
//! search of the list would find it.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use super::Sources;
use super::appendices::Calendar;
use super::goals::{Goal, Indicator};
use super::groups::{FocusArea, Group, Remit};
use super::ids::{GroupId, PartyId};
use super::members::{Member, Role};
use super::parties::{Kpi, Party, PartyKind};

/// A person's seat in a body: the person and the role.
pub type Seat<'a> = (&'a Member, &'a Role);

/// The records of a set of sources by id.
pub struct Index<'a> {
    s: &'a Sources,
    bodies: BTreeMap<&'a str, &'a Group>,
    remits: BTreeMap<&'a str, &'a Remit>,
    parties: BTreeMap<&'a str, &'a Party>,
    members: BTreeMap<&'a str, &'a Member>,
    goals: BTreeMap<&'a str, &'a Goal>,
    indicators: BTreeMap<&'a str, &'a Indicator>,
    kpis: BTreeMap<&'a str, &'a Kpi>,
    calendars: BTreeMap<&'a str, &'a Calendar>,
    seats: BTreeMap<&'a str, Vec<Seat<'a>>>,
}

/// A map of records by id, the first record of an id winning.
fn by_id<'a, T>(
    items: impl IntoIterator<Item = &'a T>,
    id: impl Fn(&'a T) -> &'a str,
) -> BTreeMap<&'a str, &'a T> {
    let mut map = BTreeMap::new();
    for item in items {
        if let Entry::Vacant(e) = map.entry(id(item)) {
            e.insert(item);
        }
    }
    map
}

impl<'a> Index<'a> {
    /// The index of `s`.
    pub fn new(s: &'a Sources) -> Self {
        let mut seats: BTreeMap<&str, Vec<Seat<'a>>> = BTreeMap::new();
        for m in &s.members.data.member {
            for r in &m.role {
                seats.entry(r.body.as_str()).or_default().push((m, r));
            }
        }
        let goals = &s.goals.data.goal;
        Self {
            s,
            bodies: by_id(&s.groups.data.group, |g| g.id.as_str()),
            remits: by_id(&s.groups.data.remit, |r| r.id.as_str()),
            parties: by_id(&s.parties.data.party, |p| p.id.as_str()),
            members: by_id(&s.members.data.member, |m| m.id.as_str()),
            goals: by_id(goals, |g| g.id.as_str()),
            indicators: by_id(goals.iter().flat_map(|g| &g.indicator), |i| i.id.as_str()),
            kpis: by_id(&s.kolada.data.kpi, |k| k.id.as_str()),
            calendars: by_id(&s.appendices.data.calendar, |c| c.id.as_str()),
            seats,
        }
    }

    /// The sources.
    pub fn sources(&self) -> &'a Sources {
        self.s
    }

    /// A body (`groups.toml`).
    pub fn body(&self, id: &str) -> Option<&'a Group> {
        self.bodies.get(id).copied()
    }

    /// A remit (`groups.toml`).
    pub fn remit(&self, id: &str) -> Option<&'a Remit> {
        self.remits.get(id).copied()
    }

    /// A focus area of a body.
    pub fn area(&self, body: &str, area: &str) -> Option<&'a FocusArea> {
        self.body(body)?.area.iter().find(|a| a.id.as_str() == area)
    }

    /// A party (`parties.toml`).
    pub fn party(&self, id: &str) -> Option<&'a Party> {
        self.parties.get(id).copied()
    }

    /// The kind of the party an optional id names.
    pub fn party_kind(&self, id: Option<&PartyId>) -> Option<PartyKind> {
        id.and_then(|id| self.party(id.as_str())).map(|p| p.kind)
    }

    /// A person (`members.toml`).
    pub fn member(&self, id: &str) -> Option<&'a Member> {
        self.members.get(id).copied()
    }

    /// A goal (`goals.toml`).
    pub fn goal(&self, id: &str) -> Option<&'a Goal> {
        self.goals.get(id).copied()
    }

    /// An indicator of any goal (`goals.toml`).
    pub fn indicator(&self, id: &str) -> Option<&'a Indicator> {
        self.indicators.get(id).copied()
    }

    /// A KPI of the catalogue (`kolada.toml`).
    pub fn kpi(&self, id: &str) -> Option<&'a Kpi> {
        self.kpis.get(id).copied()
    }

    /// A calendar (`appendices.toml`).
    pub fn calendar(&self, id: &str) -> Option<&'a Calendar> {
        self.calendars.get(id).copied()
    }

    /// Every seat in a body, in the order of `members.toml`.
    pub fn seats(&self, body: &GroupId) -> &[Seat<'a>] {
        self.seats.get(body.as_str()).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{DirTree, load};

    /// Every record of the real sources is found by its id, and it is the first of its id in the
    /// lists; every seat of a body is among the body's seats, in the order of `members.toml`.
    #[test]
    fn every_record_of_the_real_sources_is_found_by_its_id() -> Result<(), Box<dyn std::error::Error>> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sources");
        let (s, _) =
            load(&DirTree::new(&root), 2023).map_err(|r| format!("{} problems", r.problems.len()))?;
        let ix = Index::new(&s);
        for g in &s.groups.data.group {
            assert!(std::ptr::eq(ix.body(g.id.as_str()).ok_or("body")?, g), "{}", g.id);
            for a in &g.area {
                assert!(std::ptr::eq(ix.area(g.id.as_str(), a.id.as_str()).ok_or("area")?, a));
            }
        }
        for p in &s.parties.data.party {
            assert!(std::ptr::eq(ix.party(p.id.as_str()).ok_or("party")?, p), "{}", p.id);
            assert_eq!(ix.party_kind(Some(&p.id)), Some(p.kind));
        }
        for m in &s.members.data.member {
            assert!(std::ptr::eq(ix.member(m.id.as_str()).ok_or("member")?, m), "{}", m.id);
        }
        for g in &s.goals.data.goal {
            assert!(std::ptr::eq(ix.goal(g.id.as_str()).ok_or("goal")?, g));
            for i in &g.indicator {
                assert!(std::ptr::eq(ix.indicator(i.id.as_str()).ok_or("indicator")?, i), "{}", i.id);
                for k in &i.kolada {
                    assert!(ix.kpi(k.kpi.as_str()).is_some(), "{}", k.kpi);
                }
            }
        }
        for c in &s.appendices.data.calendar {
            assert!(std::ptr::eq(ix.calendar(c.id.as_str()).ok_or("calendar")?, c));
        }
        for g in &s.groups.data.group {
            let expected: Vec<(&str, &Role)> = s
                .members
                .data
                .member
                .iter()
                .flat_map(|m| m.role.iter().filter(|r| r.body == g.id).map(move |r| (m.id.as_str(), r)))
                .collect();
            let found: Vec<(&str, &Role)> =
                ix.seats(&g.id).iter().map(|(m, r)| (m.id.as_str(), *r)).collect();
            assert_eq!(found.len(), expected.len(), "{}", g.id);
            assert!(
                found.iter().zip(&expected).all(|(a, b)| a.0 == b.0 && std::ptr::eq(a.1, b.1)),
                "{}",
                g.id
            );
        }
        assert!(ix.body("no-such-body").is_none() && ix.seats(&GroupId("no-such-body".into())).is_empty());
        Ok(())
    }
}
