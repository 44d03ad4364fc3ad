//! The parties, their area codes and the KPI catalogue: ids and codes are unique, and a party's
//! id fits in a file name; a municipality group a party compares with is listed, and listed as
//! current, in `kolada.toml`.

use super::{MAX_PARTY_ID, Seen, Validator};
use crate::diagnostics::Problem;
use crate::key;

impl Validator<'_> {
    pub(super) fn parties(&mut self) {
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
            let mut groups = Seen::new("municipality group");
            for (gi, g) in p.group.iter().enumerate() {
                let at = parties.at(key!("party", i, "group", gi, "id"));
                groups.add(g.id.as_str(), at.clone(), &mut self.problems);
                if g.kpis.as_ref().is_some_and(Vec::is_empty) {
                    self.problems.push(
                        Problem::error(
                            parties.at(key!("party", i, "group", gi, "kpis")),
                            format!("{} compares with the municipality group `{}` on no KPI (`kpis = []`)", p.name, g.id),
                        )
                        .with_hint("name the KPIs of the group's service area, or leave `kpis` out to compare on every KPI"),
                    );
                }
                for (ki, kpi) in g.kpis.iter().flatten().enumerate() {
                    let at = parties.at(key!("party", i, "group", gi, "kpis", ki));
                    if !self.s.kolada.data.kpi.iter().any(|k| &k.id == kpi) {
                        self.problems.push(
                            Problem::error(
                                at,
                                format!(
                                    "{} compares with the municipality group `{}` on the KPI `{kpi}`, which is not in `kolada.toml`",
                                    p.name, g.id
                                ),
                            )
                            .with_hint("name KPIs of the catalogue (those the goals' indicators follow), or leave `kpis` out to compare on every KPI"),
                        );
                    } else if !self.s.goals.data.kpis().any(|k| k == kpi) {
                        self.problems.push(
                            Problem::warning(
                                at,
                                format!(
                                    "{} compares with the municipality group `{}` on the KPI `{kpi}`, which no indicator of {} follows: the group is in no table for it",
                                    p.name, g.id, self.s.year
                                ),
                            )
                            .with_hint("name a KPI of the year's `goals.toml`, or remove it from `kpis`"),
                        );
                    }
                }
                let region = p.kind == crate::sources::parties::PartyKind::Region;
                match self.s.kolada.data.group(&g.id) {
                    Some(known) if region && known.members.iter().any(|m| !m.as_str().starts_with("00")) => {
                        self.problems.push(
                            Problem::warning(
                                at,
                                format!(
                                    "{} is a region, but the municipality group `{}` ({}) has municipalities as members",
                                    p.name, g.id, known.title
                                ),
                            )
                            .with_hint("compare a region with a group of regions, or remove the group"),
                        )
                    }
                    Some(known) if !known.current => self.problems.push(
                        Problem::warning(
                            at,
                            format!(
                                "{} compares with the municipality group `{}`{}, which Kolada does not list (`current = false` in `kolada.toml`)",
                                p.name,
                                g.id,
                                if known.title == g.id.as_str() { String::new() } else { format!(" ({})", known.title) }
                            ),
                        )
                        .with_hint(
                            "choose a group Kolada lists (`https://api.kolada.se/v3/municipality_groups`), or remove the group",
                        ),
                    ),
                    Some(_) => {}
                    None => self.problems.push(
                        Problem::warning(
                            at,
                            format!(
                                "{} compares with the municipality group `{}`, which `kolada.toml` does not list yet",
                                p.name, g.id
                            ),
                        )
                        .with_hint(
                            "run `perspektiv kolada fetch`: it fetches the group's values, title and members (the annex names the group by its id until then)",
                        ),
                    ),
                }
            }
        }
        for (i, c) in parties.data.comparison.iter().enumerate() {
            codes.add(c.code.as_str(), parties.at(key!("comparison", i, "code")), &mut self.problems);
        }
        let mut kpis = Seen::new("KPI");
        for (i, k) in self.s.kolada.data.kpi.iter().enumerate() {
            kpis.add(k.id.as_str(), self.s.kolada.at(key!("kpi", i, "id")), &mut self.problems);
        }
        let mut groups = Seen::new("municipality group");
        for (i, g) in self.s.kolada.data.group.iter().enumerate() {
            groups.add(g.id.as_str(), self.s.kolada.at(key!("group", i, "id")), &mut self.problems);
        }
    }
}
