//! A body's composition as the change report's overview compares it: the seats in force on each
//! side's document date, people by their ids (a renamed person is the same person), and the
//! replacements inside a term of office that the sources record the documented way (the ended
//! seat kept beside the seat that took it over).

use std::collections::{BTreeMap, BTreeSet};

use crate::render::view::{Replacement, replacements_of};
use crate::sources::common::{Date, swedish_date};
use crate::sources::groups::{Group, Term};
use crate::sources::ids::GroupId;
use crate::sources::index::Index;
use crate::sources::members::{Member, Role, RoleKind};
use crate::swedish;
use crate::wording::period_text;

/// Roles whose new holder is told as such ("ny ordförande …"); people in other roles are told as
/// joining, leaving or changing role.
const LEADING: [RoleKind; 3] = [RoleKind::Ordforande, RoleKind::ViceOrdforande, RoleKind::Sammankallande];

/// What changed in a body's composition between two editions, each person in one place only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompositionChange {
    /// The term of office in force on the new side's date, when it is not the old side's one:
    /// "5 maj 2023 – 31 december 2026".
    pub new_term: Option<String>,
    /// Leading roles with other holders, in role order, not counting replacements.
    pub new_holders: Vec<NewHolders>,
    /// Replacements inside a term since the old side's date, in the order of their dates.
    pub replaced: Vec<Replaced>,
    /// Who sits in the body on the new side's date and did not on the old side's, by name.
    pub joined: Vec<String>,
    /// Who sat in the body on the old side's date and does not on the new side's, by name.
    pub left: Vec<String>,
    /// People in the body on both dates whose roles changed: name, roles then, roles now.
    pub changed_role: Vec<(String, String, String)>,
}

/// Other holders of a leading role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewHolders {
    /// The role.
    pub role: RoleKind,
    /// The new holders' names.
    pub new: Vec<String>,
    /// The former holders' names, each with the roles they hold in the body now (`None` when
    /// they left it).
    pub former: Vec<(String, Option<String>)>,
}

/// One person replaced by another inside a term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replaced {
    /// The seat's role.
    pub role: RoleKind,
    /// The person who left the seat.
    pub leaver: String,
    /// The person who took it over.
    pub successor: String,
    /// The successor's first day.
    pub from: Date,
    /// Whether the change lies after the new side's date (announced, not yet made).
    pub ahead: bool,
}

/// Whether a seat is held on a day.
fn in_force(role: &Role, day: Date) -> bool {
    role.from.is_none_or(|f| f <= day) && role.until.is_none_or(|u| day <= u)
}

/// The roles each person holds in a body on a day, by member id (seats for a focus area are not
/// part of the composition).
fn seats_on<'a>(
    ix: &Index<'a>,
    body: &GroupId,
    day: Date,
) -> BTreeMap<&'a str, (&'a Member, BTreeSet<RoleKind>)> {
    let mut out: BTreeMap<&str, (&Member, BTreeSet<RoleKind>)> = BTreeMap::new();
    for &(m, r) in ix.seats(body).iter().filter(|(_, r)| r.area.is_none() && in_force(r, day)) {
        out.entry(m.id.as_str()).or_insert_with(|| (m, BTreeSet::new())).1.insert(r.role);
    }
    out
}

/// The term of office a day lies in.
fn term_on(g: &Group, day: Date) -> Option<Term> {
    g.term.iter().copied().find(|t| t.from.is_none_or(|f| f <= day) && t.until.is_none_or(|u| day <= u))
}

fn key(r: &Replacement<'_>) -> (String, String, RoleKind) {
    (r.leaver.0.id.to_string(), r.successor.0.id.to_string(), r.leaver.1.role)
}

fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// Names in the order a members table lists them: by role, then surname in Swedish order.
fn sorted(mut people: Vec<(RoleKind, String)>) -> Vec<String> {
    people.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| swedish::compare(surname(&a.1), surname(&b.1)))
            .then_with(|| swedish::compare(&a.1, &b.1))
    });
    people.into_iter().map(|(_, n)| n).collect()
}

fn roles_text(roles: &BTreeSet<RoleKind>) -> String {
    swedish::join_and(&roles.iter().map(|r| r.swedish().to_owned()).collect::<Vec<_>>())
}

/// What changed in the composition of the body `old_group`/`new_group` from the old side's
/// document date to the new side's; `None` when nothing did.
pub fn change<'a>(
    old_ix: &Index<'a>,
    old_group: &Group,
    new_ix: &Index<'a>,
    new_group: &Group,
) -> Option<CompositionChange> {
    let (old, new) = (old_ix.sources(), new_ix.sources());
    let (old_day, new_day) = (old.document.data.date, new.document.data.date);
    let then = seats_on(old_ix, &old_group.id, old_day);
    let now = seats_on(new_ix, &new_group.id, new_day);
    // A person is named as the new side knows them (a renamed person by their new name).
    let name = |id: &str| -> String {
        new_ix.member(id).or_else(|| old_ix.member(id)).map_or_else(|| id.to_owned(), |m| m.name.clone())
    };
    let holds = |side: &BTreeMap<&str, (&Member, BTreeSet<RoleKind>)>, id: &str, role: RoleKind| {
        side.get(id).is_some_and(|(_, roles)| roles.contains(&role))
    };

    // Replacements since the old side's date: recorded by the new side, or by the old side and
    // made since; one the old side already announced and that still lies ahead is no news.
    let old_pairs: BTreeSet<_> = replacements_of(old_ix, &old_group.id).iter().map(key).collect();
    let mut pairs: Vec<Replacement<'_>> = replacements_of(new_ix, &new_group.id);
    pairs.extend(replacements_of(old_ix, &old_group.id));
    let mut seen = BTreeSet::new();
    let mut replaced = Vec::new();
    let mut named: BTreeSet<String> = BTreeSet::new();
    let mut explained: Vec<(String, RoleKind)> = Vec::new();
    for p in &pairs {
        let Some(from) = p.successor.1.from else { continue };
        let k = key(p);
        let ahead = from > new_day;
        if from <= old_day || (ahead && old_pairs.contains(&k)) || !seen.insert(k) {
            continue;
        }
        let (leaver, successor) = (p.leaver.0.id.as_str(), p.successor.0.id.as_str());
        let role = p.leaver.1.role;
        // Told only where the sides agree: the leaver held the seat on the old date, and the
        // successor holds it on the new date (or the change is still ahead).
        if !holds(&then, leaver, role) || holds(&then, successor, role) {
            continue;
        }
        if !ahead && !holds(&now, successor, role) {
            continue;
        }
        if !ahead {
            explained.push((leaver.to_owned(), role));
            explained.push((successor.to_owned(), role));
        }
        named.insert(leaver.to_owned());
        named.insert(successor.to_owned());
        replaced.push(Replaced { role, leaver: name(leaver), successor: name(successor), from, ahead });
    }
    replaced.sort_by_key(|r| r.from);

    let mut new_holders = Vec::new();
    for role in LEADING {
        let holders = |side: &BTreeMap<&str, (&Member, BTreeSet<RoleKind>)>| -> BTreeSet<String> {
            side.iter()
                .filter(|(id, (_, roles))| {
                    roles.contains(&role) && !explained.contains(&((**id).to_owned(), role))
                })
                .map(|(id, _)| (*id).to_owned())
                .collect()
        };
        let (a, b) = (holders(&then), holders(&now));
        let came: Vec<&String> = b.difference(&a).collect();
        let went: Vec<&String> = a.difference(&b).collect();
        if came.is_empty() && went.is_empty() {
            continue;
        }
        named.extend(came.iter().map(|id| (*id).clone()));
        named.extend(went.iter().map(|id| (*id).clone()));
        let new_names = sorted(came.iter().map(|id| (role, name(id))).collect());
        let mut former: Vec<(String, Option<String>)> = went
            .iter()
            .map(|id| (name(id), now.get(id.as_str()).map(|(_, roles)| roles_text(roles))))
            .collect();
        former.sort_by(|x, y| swedish::compare(surname(&x.0), surname(&y.0)));
        new_holders.push(NewHolders { role, new: new_names, former });
    }

    let first_role = |roles: &BTreeSet<RoleKind>| roles.iter().next().copied().unwrap_or(RoleKind::Ledamot);
    let joined = sorted(
        now.iter()
            .filter(|(id, _)| !then.contains_key(*id) && !named.contains(**id))
            .map(|(_, (m, roles))| (first_role(roles), m.name.clone()))
            .collect(),
    );
    let left = sorted(
        then.iter()
            .filter(|(id, _)| !now.contains_key(*id) && !named.contains(**id))
            .map(|(id, (_, roles))| (first_role(roles), name(id)))
            .collect(),
    );
    let mut changed_role: Vec<(RoleKind, String, String, String)> = now
        .iter()
        .filter(|(id, _)| !named.contains(**id))
        .filter_map(|(id, (m, roles))| {
            let (_, before) = then.get(id)?;
            (before != roles)
                .then(|| (first_role(roles), m.name.clone(), roles_text(before), roles_text(roles)))
        })
        .collect();
    changed_role.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| swedish::compare(surname(&a.1), surname(&b.1))));
    let changed_role = changed_role.into_iter().map(|(_, n, b, a)| (n, b, a)).collect();

    let old_term = term_on(old_group, old_day);
    let new_term = term_on(new_group, new_day)
        .filter(|t| old_term != Some(*t))
        .and_then(|t| period_text(t.from, t.until));
    let change = CompositionChange { new_term, new_holders, replaced, joined, left, changed_role };
    let unchanged = change.new_holders.is_empty()
        && change.replaced.is_empty()
        && change.joined.is_empty()
        && change.left.is_empty()
        && change.changed_role.is_empty();
    (!unchanged).then_some(change)
}

impl CompositionChange {
    /// The change in one sentence, for a body whose kind reads `definite` ("styrgruppen"): "Ny
    /// mandatperiod 5 maj 2023 – 31 december 2026: ny ordförande Åsa Johansson (tidigare Stina
    /// Höök); Lars Nilsson ersattes av Karin Berg från 1 februari 2024; nya: …; har lämnat: …."
    pub fn sentence(&self, definite: &str) -> String {
        let mut parts = Vec::new();
        for h in &self.new_holders {
            let role = h.role.swedish();
            let former: Vec<String> = h
                .former
                .iter()
                .map(|(n, now)| match now {
                    Some(roles) => format!("{n}, nu {roles}"),
                    None => format!("{n}, som har lämnat {definite}"),
                })
                .collect();
            parts.push(match (h.new.as_slice(), former.is_empty()) {
                ([], _) => format!("ingen {role} (tidigare {})", swedish::join_and(&former)),
                (new, true) => format!("ny {role} {}", swedish::join_and(new)),
                (new, false) => {
                    format!("ny {role} {} (tidigare {})", swedish::join_and(new), swedish::join_and(&former))
                }
            });
        }
        for r in &self.replaced {
            let verb = if r.ahead { "ersätts" } else { "ersattes" };
            let role = match r.role {
                RoleKind::Ledamot => String::new(),
                other => format!(" som {}", other.swedish()),
            };
            parts.push(format!("{} {verb}{role} av {} från {}", r.leaver, r.successor, swedish_date(r.from)));
        }
        if !self.joined.is_empty() {
            parts.push(format!("nya: {}", swedish::join_and(&self.joined)));
        }
        if !self.left.is_empty() {
            parts.push(format!("har lämnat: {}", swedish::join_and(&self.left)));
        }
        for (n, before, after) in &self.changed_role {
            parts.push(format!("{n} är nu {after} (tidigare {before})"));
        }
        let text = parts.join("; ");
        match &self.new_term {
            Some(term) => format!("Ny mandatperiod {term}: {text}."),
            None => format!("{}.", swedish::capitalize(&text)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    #[test]
    fn sentences() {
        let replaced = |role, ahead| Replaced {
            role,
            leaver: "Lars Nilsson".into(),
            successor: "Karin Berg".into(),
            from: d(2024, 2, 1),
            ahead,
        };
        let cases = [
            (
                CompositionChange {
                    replaced: vec![replaced(RoleKind::Ledamot, false)],
                    ..Default::default()
                },
                "Lars Nilsson ersattes av Karin Berg från 1 februari 2024.",
            ),
            (
                CompositionChange {
                    replaced: vec![replaced(RoleKind::Ordforande, true)],
                    ..Default::default()
                },
                "Lars Nilsson ersätts som ordförande av Karin Berg från 1 februari 2024.",
            ),
            (
                CompositionChange {
                    new_term: Some("5 maj 2023 – 31 december 2026".into()),
                    new_holders: vec![NewHolders {
                        role: RoleKind::Ordforande,
                        new: vec!["Åsa Johansson".into()],
                        former: vec![("Stina Höök".into(), Some("ledamot".into()))],
                    }],
                    joined: vec!["Hanna Andersson".into(), "Solweig Gard".into()],
                    left: vec!["Ulric Andersson".into()],
                    ..Default::default()
                },
                "Ny mandatperiod 5 maj 2023 – 31 december 2026: ny ordförande Åsa Johansson (tidigare Stina Höök, nu ledamot); nya: Hanna Andersson och Solweig Gard; har lämnat: Ulric Andersson.",
            ),
            (
                CompositionChange {
                    new_holders: vec![NewHolders {
                        role: RoleKind::ViceOrdforande,
                        new: vec!["Bo Berg".into()],
                        former: vec![("Dan Ek".into(), None)],
                    }],
                    changed_role: vec![("Åsa Ek".into(), "ledamot".into(), "ersättare".into())],
                    ..Default::default()
                },
                "Ny vice ordförande Bo Berg (tidigare Dan Ek, som har lämnat styrgruppen); Åsa Ek är nu ersättare (tidigare ledamot).",
            ),
        ];
        for (change, want) in cases {
            assert_eq!(change.sentence("styrgruppen"), want);
        }
    }
}
