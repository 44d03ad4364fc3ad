//! The parties, their area codes and the KPI catalogue: ids and codes are unique, and a party's
//! id fits in a file name.

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
        }
        for (i, c) in parties.data.comparison.iter().enumerate() {
            codes.add(c.code.as_str(), parties.at(key!("comparison", i, "code")), &mut self.problems);
        }
        let mut kpis = Seen::new("KPI");
        for (i, k) in self.s.kolada.data.kpi.iter().enumerate() {
            kpis.add(k.id.as_str(), self.s.kolada.at(key!("kpi", i, "id")), &mut self.problems);
        }
    }
}
