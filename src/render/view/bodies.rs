//! The views of a body's people: its members table, one composition per term of office with
//! the replacements inside a term noted, and its role holders grouped by role.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Lookup, SourcePlace, places};
use crate::sources::common::{Date, swedish_date};
use crate::sources::groups::Term;
use crate::sources::ids::GroupId;
use crate::sources::index::{Index, Seat};
use crate::sources::members::{Member, Role, RoleKind};
use crate::sources::parties::PartyKind;
use crate::swedish;
use crate::wording::{period_caption, period_text};

/// Members of a body, by composition.
#[derive(Serialize)]
pub struct MembersView {
    /// The body's name.
    pub body: String,
    /// Whether any row has a political party (the table then has a party column).
    pub has_party: bool,
    /// One table per term of office (one for a body without terms).
    pub compositions: Vec<CompositionView>,
}

/// The members of a body during one period.
#[derive(Serialize)]
pub struct CompositionView {
    /// "Politisk styrgrupp 5 maj 2023 – 31 december 2026".
    pub caption: String,
    /// The rows, sorted.
    pub rows: Vec<MemberRow>,
}

/// One member, or a vacant seat.
#[derive(Serialize)]
pub struct MemberRow {
    /// Name ("Vakant plats" for a vacancy).
    pub name: String,
    /// Party abbreviation.
    pub party: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Organisation, official name.
    pub organisation: Option<String>,
    /// Role, with remark ("ordförande", "ledamot, tillsätts under våren").
    pub role: String,
    /// A seat that ends or starts inside the term: the replacement ("ersatt av Bo Berg från 1
    /// februari 2024", "från 1 februari 2024, ersätter Åsa Ek"), or the date alone ("till och
    /// med 31 januari 2024") when no seat of the same role follows it.
    pub note: Option<String>,
    /// Whether the row is a vacant seat.
    pub vacant: bool,
    /// Where the member's seat (or the vacancy) is, on served pages.
    pub source: Option<SourcePlace>,
}

/// Holders of one role.
#[derive(Serialize)]
pub struct RoleGroupView {
    /// "Samordnare", "Utvecklingsledare Nya Perspektiv".
    pub label: String,
    /// The holders.
    pub holders: Vec<HolderView>,
}

/// A role holder.
#[derive(Serialize)]
pub struct HolderView {
    /// Name.
    pub name: String,
    /// Title, organisation, remark: what is not already in the label.
    pub details: Vec<String>,
}

fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// Replacements inside a term: for each seat, the seat that took it over (`succeeded_by`) or the
/// seat it took over (`succeeds`). A seat that ends inside the term is paired with the seat of
/// the same role that starts after it, nearest in time, preferring the same side.
fn replacements(
    seats: &[Seat<'_>],
    term: &Term,
    side: impl Fn(&Seat<'_>) -> Option<PartyKind>,
) -> Vec<(Option<usize>, Option<usize>)> {
    let ends_early = |r: &Role| r.until.is_some_and(|u| term.until.is_none_or(|tu| u < tu));
    let starts_late = |r: &Role| r.from.is_some_and(|f| term.from.is_none_or(|tf| f > tf));
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = vec![(None, None); seats.len()];
    let mut leaving: Vec<usize> = (0..seats.len()).filter(|&i| ends_early(seats[i].1)).collect();
    leaving.sort_by_key(|&i| seats[i].1.until);
    for l in leaving {
        let (lm, lr) = seats[l];
        let Some(left) = lr.until else { continue };
        let next = (0..seats.len())
            .filter(|&j| pairs[j].1.is_none() && starts_late(seats[j].1))
            .filter(|&j| seats[j].1.role == lr.role && seats[j].0.id != lm.id)
            .filter(|&j| seats[j].1.from.is_some_and(|f| f > left))
            .min_by_key(|&j| (side(&seats[j]) != side(&seats[l]), seats[j].1.from));
        if let Some(j) = next {
            pairs[l].0 = Some(j);
            pairs[j].1 = Some(l);
        }
    }
    pairs
}

impl<'a> Lookup<'_, 'a> {
    /// The side (municipality or region) a seat represents.
    pub(super) fn side(&self, (m, r): &Seat<'_>) -> Option<PartyKind> {
        self.party_kind(r.organisation.as_ref().or(m.organisation.as_ref()))
    }

    /// The terms of office of a body that lie within a period (`from`, `until`), or, for a body
    /// without terms, the period itself, each with the seats that share a day with it (seats
    /// for a focus area are not part of the composition).
    pub(super) fn term_seats(
        &self,
        body: &GroupId,
        from: Option<Date>,
        until: Option<Date>,
    ) -> Vec<(Term, Vec<Seat<'a>>)> {
        let all_terms = self.ix.body(body.as_str()).map(|g| g.term.as_slice()).unwrap_or_default();
        let terms: Vec<Term> = if all_terms.is_empty() {
            vec![Term { from, until }]
        } else {
            let block = Term { from, until };
            all_terms.iter().copied().filter(|t| block.contains(t.from, t.until)).collect()
        };
        let holders: Vec<Seat<'a>> =
            self.holders(body).into_iter().filter(|(_, r)| r.area.is_none()).collect();
        terms
            .into_iter()
            .map(|term| {
                let seats = holders.iter().copied().filter(|(_, r)| term.overlaps(r.from, r.until)).collect();
                (term, seats)
            })
            .collect()
    }

    /// The compositions of a body: one per term of office that lies within the block's period
    /// (`from`, `until`), or, for a body without terms, one for the block's period.
    pub(super) fn members(&self, body: &GroupId, from: Option<Date>, until: Option<Date>) -> MembersView {
        let group = self.ix.body(body.as_str());
        let name = group.map_or(body.as_str(), |g| g.name.as_str()).to_owned();
        let all_terms = group.map(|g| g.term.as_slice()).unwrap_or_default();
        let latest = all_terms.last().copied().unwrap_or(Term { from, until });
        let side = |seat: &Seat<'_>| self.side(seat);
        let mut has_party = false;
        let mut compositions = Vec::new();
        for (term, seats) in self.term_seats(body, from, until) {
            let vacancies =
                if term == latest { group.map(|g| g.vacancy.as_slice()).unwrap_or_default() } else { &[] };
            if seats.is_empty() && vacancies.is_empty() {
                continue;
            }
            let pairs = replacements(&seats, &term, side);
            // Rows sort by role (chair first), then side (municipalities before the region), then
            // surname in Swedish order; a replacement follows the seat it took over; a vacant seat
            // comes last on its side.
            type SortKey = (RoleKind, Option<PartyKind>, bool, String, bool);
            let mut keyed: Vec<(SortKey, MemberRow)> = Vec::new();
            for (i, (m, r)) in seats.iter().enumerate() {
                has_party |= m.party.is_some();
                let org = r.organisation.as_ref().or(m.organisation.as_ref());
                let note = match pairs[i] {
                    (Some(j), _) => seats[j]
                        .1
                        .from
                        .map(|f| format!("ersatt av {} från {}", seats[j].0.name, swedish_date(f))),
                    (_, Some(l)) => {
                        r.from.map(|f| format!("från {}, ersätter {}", swedish_date(f), seats[l].0.name))
                    }
                    _ => {
                        let ends = r.until.filter(|&u| term.until.is_none_or(|tu| u < tu));
                        let starts = r.from.filter(|&f| term.from.is_none_or(|tf| f > tf));
                        period_text(starts, ends)
                    }
                };
                let row = MemberRow {
                    name: m.name.clone(),
                    party: m.party.map(|p| p.abbreviation().to_owned()),
                    title: r.title.clone().or_else(|| m.title.clone()),
                    organisation: org
                        .and_then(|o| self.ix.party(o.as_str()))
                        .map(|p| p.official_name.clone()),
                    role: match &r.remark {
                        Some(remark) => format!("{}, {remark}", r.role.swedish()),
                        None => r.role.swedish().to_owned(),
                    },
                    note,
                    vacant: false,
                    source: self.seat_place(m, r),
                };
                let anchor = pairs[i].1.unwrap_or(i);
                let (am, ar) = seats[anchor];
                keyed.push(((ar.role, side(&seats[anchor]), false, am.name.clone(), anchor != i), row));
            }
            for (k, v) in vacancies.iter().enumerate() {
                let at =
                    group.and_then(|g| places::position(&self.s.groups.data.group, g)).unwrap_or_default();
                let row = MemberRow {
                    source: self.at(&self.s.groups, || format!("group[{at}].vacancy[{k}]")),
                    name: "Vakant plats".into(),
                    party: None,
                    title: Some(v.function.clone()),
                    organisation: Some(
                        match v.side {
                            PartyKind::Municipality => "Kommunerna",
                            PartyKind::Region => "Regionen",
                        }
                        .into(),
                    ),
                    role: match &v.note {
                        Some(note) => format!("ledamot, {note}"),
                        None => "ledamot".into(),
                    },
                    note: None,
                    vacant: true,
                };
                keyed.push(((RoleKind::Ledamot, Some(v.side), true, String::new(), false), row));
            }
            keyed.sort_by(|(a, _), (b, _)| {
                (a.0, a.1, a.2)
                    .cmp(&(b.0, b.1, b.2))
                    .then_with(|| swedish::compare(surname(&a.3), surname(&b.3)))
                    .then_with(|| swedish::compare(&a.3, &b.3))
                    .then_with(|| a.4.cmp(&b.4))
            });
            let rows = keyed.into_iter().map(|(_, row)| row).collect();
            compositions
                .push(CompositionView { caption: period_caption(&name, term.from, term.until), rows });
        }
        MembersView { body: name, has_party, compositions }
    }

    fn holder_view(&self, m: &Member, r: &Role, label: &str) -> HolderView {
        let mut details = Vec::new();
        // The title is left out when the label already says it ("Samordnare" for "samordnare Nära vård").
        if let Some(title) = r.title.as_ref().or(m.title.as_ref()) {
            let lower = title.to_lowercase();
            if lower != label.to_lowercase() && !lower.starts_with(r.role.swedish()) {
                details.push(title.clone());
            }
        }
        // The organisation is left out when the remark names it ("representerar Region Värmland").
        if let Some(org) =
            r.organisation.as_ref().or(m.organisation.as_ref()).and_then(|o| self.ix.party(o.as_str()))
            && !r.remark.as_ref().is_some_and(|remark| remark.contains(&org.name))
        {
            details.push(org.name.clone());
        }
        if let Some(remark) = &r.remark {
            details.push(remark.clone());
        }
        HolderView { name: m.name.clone(), details }
    }

    pub(super) fn role_groups(&self, holders: &[(&Member, &Role)]) -> Vec<RoleGroupView> {
        let mut by_role: BTreeMap<RoleKind, Vec<(&Member, &Role)>> = BTreeMap::new();
        for &(m, r) in holders {
            if r.role != RoleKind::Ledamot {
                by_role.entry(r.role).or_default().push((m, r));
            }
        }
        // Municipalities before the region, then surnames in Swedish order.
        for hs in by_role.values_mut() {
            hs.sort_by(|(ma, ra), (mb, rb)| {
                let ka = self.party_kind(ra.organisation.as_ref().or(ma.organisation.as_ref()));
                let kb = self.party_kind(rb.organisation.as_ref().or(mb.organisation.as_ref()));
                ka.cmp(&kb)
                    .then_with(|| swedish::compare(surname(&ma.name), surname(&mb.name)))
                    .then_with(|| swedish::compare(&ma.name, &mb.name))
            });
        }
        by_role
            .into_iter()
            .map(|(role, hs)| {
                let titles: Vec<Option<&String>> =
                    hs.iter().map(|(m, r)| r.title.as_ref().or(m.title.as_ref())).collect();
                let shared = titles.first().copied().flatten().filter(|t| {
                    titles.iter().all(|x| *x == Some(*t)) && t.to_lowercase().starts_with(role.swedish())
                });
                let label = match shared {
                    Some(title) => swedish::capitalize(title),
                    None if hs.len() > 1 => swedish::capitalize(role.swedish_plural()),
                    None => swedish::capitalize(role.swedish()),
                };
                let holders = hs.iter().map(|(m, r)| self.holder_view(m, r, &label)).collect();
                RoleGroupView { label, holders }
            })
            .collect()
    }

    pub(super) fn roles(&self, body: &GroupId) -> Vec<RoleGroupView> {
        let holders: Vec<_> = self.holders(body).into_iter().filter(|(_, r)| r.area.is_none()).collect();
        self.role_groups(&holders)
    }
}

impl Lookup<'_, '_> {
    /// Where a member's role is, on served pages: `member[3].role[0]`.
    fn seat_place(&self, m: &Member, r: &Role) -> Option<SourcePlace> {
        let file = &self.s.members;
        let i = places::position(&file.data.member, m)?;
        let j = places::position(&m.role, r)?;
        self.at(file, || format!("member[{i}].role[{j}]"))
    }
}

/// The compositions of a body as its members table shows them: one per term of office.
pub fn members_view(ix: &Index<'_>, body: &GroupId) -> MembersView {
    Lookup::new(ix, false).members(body, None, None)
}

/// A replacement inside a term of office, as a body's members table notes it ("ersatt av Bo Berg
/// från 1 februari 2024"): a seat that ended inside the term and the seat of the same role that
/// took it over.
#[derive(Clone, Copy, Debug)]
pub struct Replacement<'a> {
    /// The person who left and their seat; its `until` is their last day.
    pub leaver: (&'a Member, &'a Role),
    /// The person who took the seat over and their seat; its `from` is their first day.
    pub successor: (&'a Member, &'a Role),
}

/// Every replacement inside the terms of office of a body, paired as its members table pairs
/// them, in the order of the terms.
pub fn replacements_of<'a>(ix: &Index<'a>, body: &GroupId) -> Vec<Replacement<'a>> {
    let look = Lookup::new(ix, false);
    let mut out = Vec::new();
    for (term, seats) in look.term_seats(body, None, None) {
        let pairs = replacements(&seats, &term, |seat| look.side(seat));
        for (i, (next, _)) in pairs.into_iter().enumerate() {
            if let Some(j) = next {
                out.push(Replacement { leaver: seats[i], successor: seats[j] });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::ids::MemberId;

    fn date(y: i32, m: u8, d: u8) -> Option<Date> {
        Date::from_ymd(y, m, d)
    }

    fn member(id: &str, role: RoleKind, from: Option<Date>, until: Option<Date>) -> Member {
        Member {
            id: MemberId(id.into()),
            name: id.into(),
            title: None,
            organisation: None,
            party: None,
            role: vec![Role {
                body: GroupId("styrgrupp".into()),
                role,
                area: None,
                from,
                until,
                title: None,
                organisation: None,
                remark: None,
                acknowledged: None,
            }],
        }
    }

    /// Each case: the seats of one term (id, role, first day, last day, side) and the pairs
    /// expected, leaver → successor.
    #[test]
    fn a_seat_that_ends_inside_the_term_is_taken_over_by_the_next_seat_of_its_role() {
        use PartyKind::{Municipality as M, Region as R};
        use RoleKind::{Ledamot, Ordforande};
        let term = Term { from: date(2023, 1, 1), until: date(2026, 12, 31) };
        type Case<'c> = (
            &'c str,
            Vec<(&'c str, RoleKind, Option<Date>, Option<Date>, PartyKind)>,
            Vec<(&'c str, &'c str)>,
        );
        let cases: Vec<Case<'_>> = vec![
            ("no one leaves", vec![("a", Ledamot, None, None, M), ("b", Ledamot, None, None, R)], vec![]),
            (
                "one leaves, one comes",
                vec![("a", Ledamot, None, date(2024, 1, 31), M), ("b", Ledamot, date(2024, 2, 1), None, M)],
                vec![("a", "b")],
            ),
            (
                "the successor of another role does not count",
                vec![
                    ("a", Ledamot, None, date(2024, 1, 31), M),
                    ("b", Ordforande, date(2024, 2, 1), None, M),
                ],
                vec![],
            ),
            (
                "a seat that starts before the leaver left is no successor",
                vec![("a", Ledamot, None, date(2024, 1, 31), M), ("b", Ledamot, date(2024, 1, 15), None, M)],
                vec![],
            ),
            (
                "the same side is preferred to the nearer date",
                vec![
                    ("a", Ledamot, None, date(2024, 1, 31), M),
                    ("r", Ledamot, date(2024, 2, 1), None, R),
                    ("m", Ledamot, date(2024, 6, 1), None, M),
                ],
                vec![("a", "m")],
            ),
            (
                "two leave: the first to leave takes the first to come",
                vec![
                    ("b", Ledamot, None, date(2024, 6, 30), M),
                    ("a", Ledamot, None, date(2024, 1, 31), M),
                    ("d", Ledamot, date(2024, 7, 1), None, M),
                    ("c", Ledamot, date(2024, 2, 1), None, M),
                ],
                vec![("a", "c"), ("b", "d")],
            ),
        ];
        for (what, seats, expected) in cases {
            let members: Vec<(Member, PartyKind)> =
                seats.iter().map(|&(id, role, f, u, side)| (member(id, role, f, u), side)).collect();
            let seats: Vec<Seat<'_>> = members.iter().map(|(m, _)| (m, &m.role[0])).collect();
            let side = |(m, _): &Seat<'_>| members.iter().find(|(x, _)| x.id == m.id).map(|(_, k)| *k);
            let pairs = replacements(&seats, &term, side);
            let mut found: Vec<(&str, &str)> = pairs
                .iter()
                .enumerate()
                .filter_map(|(i, (next, _))| {
                    next.map(|j| (seats[i].0.name.as_str(), seats[j].0.name.as_str()))
                })
                .collect();
            found.sort();
            assert_eq!(found, expected, "{what}");
            for (i, (next, previous)) in pairs.iter().enumerate() {
                if let Some(j) = next {
                    assert_eq!(pairs[*j].1, Some(i), "{what}: the pair is noted on both seats");
                }
                if let Some(l) = previous {
                    assert_eq!(pairs[*l].0, Some(i), "{what}");
                }
            }
        }
    }
}
