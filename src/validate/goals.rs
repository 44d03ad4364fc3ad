//! Goals and indicators: the follow-up period, targets, age bands, the indicators' KPIs and
//! whether Kolada still publishes them.

use std::collections::{BTreeMap, BTreeSet};

use super::{MAX_FOLLOW_UP_YEARS, Seen, Validator, new_kpi_hint};
use crate::diagnostics::{KeyPath, Location, Problem};
use crate::key;
use crate::markdown::Headings;

impl Validator<'_> {
    pub(super) fn goals(&mut self) {
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

    /// Warnings: a target year in the past, no follow-up period, a goal without indicators, an
    /// indicator without a KPI or with a KPI Kolada no longer publishes or has not published for
    /// the follow-up period.
    pub(super) fn goal_warnings(&mut self) {
        let s = self.s;
        let year = s.year;
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
    }

    /// Warnings about the KPIs that the annexes show (an indicator's first KPI, or all of them
    /// when they are labelled): one that Kolada no longer publishes, and one whose latest
    /// published period is older than the end of the follow-up period (the target year, or the
    /// newest year of the edition's values). By indicator (goal and indicator index), so that the
    /// indicator's `acknowledged` can cover them.
    pub(super) fn kpi_publication(&self) -> BTreeMap<(usize, usize), Vec<Problem>> {
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
