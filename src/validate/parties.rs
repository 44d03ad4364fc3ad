//! The parties, their area codes and the KPI catalogue: ids and codes are unique, and a party's
//! id fits in a file name; a municipality group a party compares with is listed, and listed as
//! current, in `kolada.toml`.

use super::{MAX_PARTY_ID, Seen, Validator};
use crate::diagnostics::Problem;
use crate::{key, msg, t};

impl Validator<'_> {
    pub(super) fn parties(&mut self) {
        let parties = &self.s.parties;
        let mut ids = Seen::new("what-party");
        let mut codes = Seen::new("what-area-code");
        for (i, p) in parties.data.party.iter().enumerate() {
            ids.add(p.id.as_str(), parties.at(key!("party", i, "id")), &mut self.problems);
            let length = p.id.as_str().chars().count();
            if length > MAX_PARTY_ID {
                self.problems.push(
                    Problem::error(
                        parties.at(key!("party", i, "id")),
                        msg!("party-id-too-long", length = length, max = MAX_PARTY_ID),
                    )
                    .with_hint(t!("party-id-too-long.hint", year = self.s.year)),
                );
            }
            codes.add(p.code.as_str(), parties.at(key!("party", i, "code")), &mut self.problems);
            let mut groups = Seen::new("what-municipality-group");
            for (gi, g) in p.group.iter().enumerate() {
                let at = parties.at(key!("party", i, "group", gi, "id"));
                groups.add(g.id.as_str(), at.clone(), &mut self.problems);
                if g.kpis.as_ref().is_some_and(Vec::is_empty) {
                    self.problems.push(
                        Problem::error(
                            parties.at(key!("party", i, "group", gi, "kpis")),
                            msg!("group-no-kpis", party = p.name.as_str(), group = g.id.as_str()),
                        )
                        .with_hint(t!("group-no-kpis.hint")),
                    );
                }
                for (ki, kpi) in g.kpis.iter().flatten().enumerate() {
                    let at = parties.at(key!("party", i, "group", gi, "kpis", ki));
                    if !self.s.kolada.data.kpi.iter().any(|k| &k.id == kpi) {
                        self.problems.push(
                            Problem::error(
                                at,
                                msg!(
                                    "group-kpi-unknown",
                                    party = p.name.as_str(),
                                    group = g.id.as_str(),
                                    kpi = kpi.as_str()
                                ),
                            )
                            .with_hint(t!("group-kpi-unknown.hint")),
                        );
                    } else if !self.s.goals.data.kpis().any(|k| k == kpi) {
                        self.problems.push(
                            Problem::warning(
                                at,
                                msg!(
                                    "group-kpi-unused",
                                    party = p.name.as_str(),
                                    group = g.id.as_str(),
                                    kpi = kpi.as_str(),
                                    year = self.s.year
                                ),
                            )
                            .with_hint(t!("group-kpi-unused.hint")),
                        );
                    }
                }
                let region = p.kind == crate::sources::parties::PartyKind::Region;
                match self.s.kolada.data.group(&g.id) {
                    Some(known) if region && known.members.iter().any(|m| !m.as_str().starts_with("00")) => {
                        self.problems.push(
                            Problem::warning(
                                at,
                                msg!(
                                    "region-in-municipality-group",
                                    party = p.name.as_str(),
                                    group = g.id.as_str(),
                                    title = known.title.as_str()
                                ),
                            )
                            .with_hint(t!("region-in-municipality-group.hint")),
                        )
                    }
                    Some(known) if !known.current => self.problems.push(
                        Problem::warning(
                            at,
                            msg!(
                                "group-not-current",
                                party = p.name.as_str(),
                                group = g.id.as_str(),
                                title = if known.title == g.id.as_str() {
                                    String::new()
                                } else {
                                    format!(" ({})", known.title)
                                }
                            ),
                        )
                        .with_hint(t!("group-not-current.hint")),
                    ),
                    Some(_) => {}
                    None => self.problems.push(
                        Problem::warning(
                            at,
                            msg!("group-not-fetched", party = p.name.as_str(), group = g.id.as_str()),
                        )
                        .with_hint(t!("group-not-fetched.hint")),
                    ),
                }
            }
        }
        for (i, c) in parties.data.comparison.iter().enumerate() {
            codes.add(c.code.as_str(), parties.at(key!("comparison", i, "code")), &mut self.problems);
        }
        let mut kpis = Seen::new("what-kpi");
        for (i, k) in self.s.kolada.data.kpi.iter().enumerate() {
            kpis.add(k.id.as_str(), self.s.kolada.at(key!("kpi", i, "id")), &mut self.problems);
        }
        let mut groups = Seen::new("what-municipality-group");
        for (i, g) in self.s.kolada.data.group.iter().enumerate() {
            groups.add(g.id.as_str(), self.s.kolada.at(key!("group", i, "id")), &mut self.problems);
        }
    }
}
