//! Goals and indicators: the follow-up period, targets, age bands, the indicators' KPIs and
//! whether Kolada still publishes them.

use std::collections::{BTreeMap, BTreeSet};

use super::{MAX_FOLLOW_UP_YEARS, Seen, Validator, new_kpi_hint};
use crate::diagnostics::{KeyPath, Location, Problem};
use crate::markdown::Headings;
use crate::{key, msg, t};

impl Validator<'_> {
    pub(super) fn goals(&mut self) {
        let goals = &self.s.goals;
        let kolada = &self.s.kolada;
        let mut kpis = Seen::new("what-kpi");
        let mut ignore = Vec::new();
        for (i, k) in kolada.data.kpi.iter().enumerate() {
            kpis.add(k.id.as_str(), kolada.at(key!("kpi", i, "id")), &mut ignore);
        }
        let mut goal_ids = Seen::new("what-goal");
        let mut indicator_ids = Seen::new("what-indicator");
        if let (Some(b), Some(t)) = (goals.data.baseline_year, goals.data.target_year)
            && b >= t
        {
            self.error(
                goals.at(key!("target_year")),
                msg!("target-before-baseline", target = t, baseline = b),
            );
        }
        match (goals.data.baseline_year, goals.data.follow_up_years) {
            (Some(b), Some(_)) => self.problems.push(
                Problem::error(goals.at(key!("follow_up_years")), msg!("follow-up-twice", baseline = b))
                    .with_hint(t!("follow-up-twice.hint")),
            ),
            (_, Some(0)) => self.error(goals.at(key!("follow_up_years")), msg!("follow-up-empty")),
            (_, Some(n)) if usize::from(n) > MAX_FOLLOW_UP_YEARS => self.problems.push(
                Problem::error(
                    goals.at(key!("follow_up_years")),
                    msg!("follow-up-too-long", years = n, max = MAX_FOLLOW_UP_YEARS),
                )
                .with_hint(t!("follow-up-too-long.hint")),
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
                        (true, None) => self.error(at("target"), msg!("target-without-amount")),
                        (false, Some(_)) => self.error(at("target"), msg!("target-takes-no-amount")),
                        (_, Some(a)) if !(a.is_finite() && a > 0.0) => {
                            self.error(
                                goals.at(key!("goal", gi, "indicator", ii, "target", "amount")),
                                msg!("amount-not-positive"),
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
                        msg!("age-band-reversed", to = age.to.unwrap_or_default(), from = age.from),
                    );
                }
                let mut refs = BTreeSet::new();
                for (ki, k) in ind.kolada.iter().enumerate() {
                    let kat = goals.at(key!("goal", gi, "indicator", ii, "kolada", ki, "kpi"));
                    if !refs.insert(k.kpi.as_str()) {
                        self.error(kat.clone(), msg!("kpi-listed-twice", kpi = k.kpi.as_str()));
                    }
                    if !kpis.contains(k.kpi.as_str()) {
                        // Not a misspelling of another KPI (Kolada's ids differ by a digit): a
                        // KPI the catalogue does not have yet.
                        self.problems.push(
                            Problem::error(kat, msg!("kpi-not-in-catalogue", kpi = k.kpi.as_str()))
                                .with_related(
                                    Location::file(&kolada.path),
                                    t!("kpi-not-in-catalogue.related"),
                                )
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
                    msg!("target-year-passed", target = target_year, year = year),
                )
                .with_hint(t!("target-year-passed.hint")),
            );
        }
        if goals.data.baseline_year.is_none() && goals.data.follow_up_years.is_none() {
            self.problems.push(
                Problem::warning(goals.at(KeyPath::root()), msg!("no-follow-up-period", year = year))
                    .with_hint(t!("no-follow-up-period.hint")),
            );
        }
        let mut kpi_warnings = self.kpi_publication();
        for (gi, g) in goals.data.goal.iter().enumerate() {
            if g.indicator.is_empty() {
                self.problems.push(Problem::warning(
                    goals.at(key!("goal", gi)),
                    msg!("goal-without-indicators", goal = g.title.as_str()),
                ));
            }
            for (ii, ind) in g.indicator.iter().enumerate() {
                let warning = ind.kolada.is_empty().then(|| {
                    let message = match ind.data_source.as_deref() {
                        Some(source) => {
                            msg!("indicator-without-kpi-from", indicator = ind.text.as_str(), source = source)
                        }
                        None => msg!("indicator-without-kpi", indicator = ind.text.as_str()),
                    };
                    Problem::warning(goals.at(key!("goal", gi, "indicator", ii, "id")), message)
                        .with_hint(t!("indicator-without-kpi.hint"))
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
            t!("kpi-outdated.target-year")
        } else {
            t!("kpi-outdated.newest-values")
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
                        let until = kpi
                            .publ_period
                            .map(|p| format!("; {}", t!("kpi-not-current.until", period = p)))
                            .unwrap_or_default();
                        out.entry((gi, ii)).or_default().push(
                            Problem::warning(
                                at,
                                msg!(
                                    "kpi-not-current",
                                    indicator = ind.text.as_str(),
                                    kpi = kpi.id.as_str(),
                                    until = until
                                ),
                            )
                            .with_hint(t!("kpi-not-current.hint")),
                        );
                    } else if let (Some(publ), Some(end)) = (kpi.publ_period, end)
                        && i32::from(publ) < end
                    {
                        out.entry((gi, ii)).or_default().push(
                            Problem::warning(
                                at,
                                msg!(
                                    "kpi-outdated",
                                    kpi = kpi.id.as_str(),
                                    indicator = ind.text.as_str(),
                                    period = publ,
                                    end = end,
                                    what_end = what_end.as_str()
                                ),
                            )
                            .with_hint(t!("kpi-outdated.hint", end = end)),
                        );
                    }
                }
            }
        }
        out
    }
}
