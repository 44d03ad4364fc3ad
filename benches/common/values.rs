//! Indicator values for a year's KPIs, generated: a fixed pseudo-random walk per KPI and area, with
//! some years missing and gender splits for half the series, so that every party has full tables
//! and charts. Shared by the annex and site benchmarks and the tests (`#[path]`).

use std::path::Path;

use perspektiv::sources::values::{Gender, GenderValue, Record, to_json};
use perspektiv::sources::{self, DirTree};

/// A small deterministic generator (64-bit LCG), so that every run has the same values.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Writes `<sources>/<year>/values/<KPI>.json` for every KPI of the year's goals: 2015 to the year
/// for every party and comparison area, about one year in twelve missing.
pub(crate) fn generate_values(sources: &Path, year: i32) {
    let (s, _) = sources::load(&DirTree::new(sources), year).unwrap_or_else(|_| panic!("the sources load"));
    let mut kpis: Vec<_> = s.goals.data.kpis().cloned().collect();
    kpis.sort();
    kpis.dedup();
    let mut areas: Vec<_> = s.parties.data.party.iter().map(|p| p.code.clone()).collect();
    areas.extend(s.parties.data.comparison.iter().map(|c| c.code.clone()));
    let mut rng = Lcg(u64::try_from(year).unwrap_or(2023));
    let dir = sources.join(year.to_string()).join("values");
    std::fs::create_dir_all(&dir).unwrap();
    for kpi in kpis {
        let mut records = Vec::new();
        for area in &areas {
            let mut level = 20.0 + 60.0 * rng.next();
            let split = rng.next() < 0.5;
            for period in 2015..=year {
                level += 4.0 * rng.next() - 1.8;
                if rng.next() < 0.08 {
                    continue;
                }
                let round = |v: f64| (v * 10.0).round() / 10.0;
                let value = |gender, v| GenderValue {
                    gender,
                    count: Some(1),
                    status: Some(String::new()),
                    value: Some(round(v)),
                };
                let mut values = vec![value(Gender::Total, level)];
                if split {
                    values.push(value(Gender::Women, level + 2.0));
                    values.push(value(Gender::Men, level - 2.0));
                }
                records.push(Record { kpi: kpi.clone(), area: area.clone(), period, values });
            }
        }
        std::fs::write(dir.join(format!("{}.json", kpi.as_str())), to_json(&records)).unwrap();
    }
}
