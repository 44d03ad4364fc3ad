//! The view of one party's annex: its values of every indicator over the follow-up period,
//! against the county and the comparison areas, with charts, its representatives and the
//! calendars.

use serde::Serialize;

use super::assess::{comparable, fmt_change, fmt_value, status};
use crate::render::trend::{self, SeriesInput, TrendLayout};
use crate::render::view::{CalendarView, MetaView, calendar_view, target_text};
use crate::sources::Sources;
use crate::sources::common::swedish_date;
use crate::sources::goals::{Indicator, KpiRef};
use crate::sources::parties::{KpiAreaType, Party, PartyKind};
use crate::sources::values::{Gender, Values};
use crate::swedish;

/// One annex.
#[derive(Serialize)]
pub struct AnnexView {
    /// Title and PDF metadata.
    pub meta: MetaView,
    /// Never a draft.
    pub draft: Option<()>,
    /// The party.
    pub party: PartyView,
    /// The edition's year.
    pub year: i32,
    /// Whether there are no values at all.
    pub no_values: bool,
    /// The goals and their indicators.
    pub goals: Vec<AnnexGoalView>,
    /// The party's people in the bodies.
    pub representatives: Vec<RepresentativeView>,
    /// The calendars.
    pub calendars: Vec<CalendarView>,
    /// The areas compared with ("Region Värmland (länet) och riket").
    pub compared: String,
}

/// The party the annex is for.
#[derive(Serialize)]
pub struct PartyView {
    /// "Arvika".
    pub name: String,
    /// "Arvika kommun".
    pub official_name: String,
    /// "1784".
    pub code: String,
    /// "kommun" or "region".
    pub kind: String,
}

/// A goal of the annex.
#[derive(Serialize)]
pub struct AnnexGoalView {
    /// Heading.
    pub heading: String,
    /// Its indicators.
    pub indicators: Vec<AnnexIndicatorView>,
}

/// An indicator of the annex.
#[derive(Serialize)]
pub struct AnnexIndicatorView {
    /// The indicator as worded.
    pub text: String,
    /// "↑ öka".
    pub direction: String,
    /// "2 procentenheter.", "1000/100 000 inv." (a sentence's end).
    pub target: String,
    /// A note when there is nothing from Kolada.
    pub note: Option<String>,
    /// One per KPI shown.
    pub measures: Vec<MeasureView>,
}

/// The values of one KPI.
#[derive(Serialize)]
pub struct MeasureView {
    /// "Kolada N15428: Elever i åk 9 som är behöriga …".
    pub source: String,
    /// A remark on what the KPI covers ("Nyckeltalet finns bara för regioner.").
    pub notes: Vec<String>,
    /// The rows of the table.
    pub rows: Vec<RowView>,
    /// The chart, when there is a value to draw.
    pub chart: Option<TrendLayout>,
    /// The chart's alternative text.
    pub alt: String,
}

/// A row of an indicator's table.
#[derive(Serialize)]
pub struct RowView {
    /// "Arvika", "Arvika, kvinnor", "Värmland", "Riket".
    pub area: String,
    /// "2019: 62,3" or "uppgift saknas".
    pub baseline: String,
    /// "2023: 66,0" or "uppgift saknas".
    pub latest: String,
    /// "+3,7" or "–".
    pub change: String,
    /// "målet nått", "i rätt riktning", "i fel riktning", "oförändrat", "–".
    pub status: String,
}

/// A person of the party in a body.
#[derive(Serialize)]
pub struct RepresentativeView {
    /// The body.
    pub body: String,
    /// Name.
    pub name: String,
    /// Title.
    pub title: String,
    /// Role and period.
    pub role: String,
}

/// The county a party belongs to: the region whose code is `00` and the municipality's first two
/// digits (Kolada's and SCB's convention); a region is its own county.
fn county<'a>(parties: &'a [Party], party: &Party) -> Option<&'a Party> {
    let code = match party.kind {
        PartyKind::Region => party.code.as_str().to_owned(),
        PartyKind::Municipality => format!("00{}", party.code.as_str().get(..2)?),
    };
    parties.iter().find(|p| p.kind == PartyKind::Region && p.code.as_str() == code)
}

/// The sources and values an annex view is made from.
pub struct Ctx<'a> {
    /// The validated sources.
    pub s: &'a Sources,
    /// The indicator values.
    pub values: &'a Values,
}

impl Ctx<'_> {
    fn series(&self, kref: &KpiRef, area: &str, gender: Gender) -> Vec<(i32, Option<f64>)> {
        self.values
            .periods(kref.kpi.as_str(), area)
            .into_iter()
            .map(|p| (p, self.values.indicator(kref, area, p, gender)))
            .collect()
    }

    fn row(
        &self,
        ind: &Indicator,
        kref: &KpiRef,
        name: String,
        area: &str,
        gender: Gender,
    ) -> (RowView, Vec<(i32, Option<f64>)>) {
        let series = self.series(kref, area, gender);
        let known: Vec<(i32, f64)> = series.iter().filter_map(|(p, v)| v.map(|v| (*p, v))).collect();
        let baseline = self
            .s
            .goals
            .data
            .baseline_year
            .and_then(|b| known.iter().find(|(p, _)| *p == i32::from(b)).copied())
            .or_else(|| known.first().copied());
        let latest = known.last().copied();
        let missing = || "uppgift saknas".to_owned();
        let (change, status) = match (baseline, latest) {
            (Some((bp, bv)), Some((lp, lv))) if lp > bp => {
                let change = lv - bv;
                let kpi_title = self
                    .s
                    .kolada
                    .data
                    .kpi
                    .iter()
                    .find(|k| k.id == kref.kpi)
                    .map(|k| k.title.as_str())
                    .unwrap_or("");
                let target =
                    ind.target.as_ref().filter(|t| comparable(t.unit, kpi_title)).and_then(|t| t.amount);
                (fmt_change(change), status(ind.direction, change, target).to_owned())
            }
            _ => ("–".into(), "–".into()),
        };
        let row = RowView {
            area: name,
            baseline: baseline.map_or_else(missing, |(p, v)| format!("{p}: {}", fmt_value(v))),
            latest: latest.map_or_else(missing, |(p, v)| format!("{p}: {}", fmt_value(v))),
            change,
            status,
        };
        (row, series)
    }

    fn measure(&self, ind: &Indicator, kref: &KpiRef, party: &Party, county: Option<&Party>) -> MeasureView {
        let kpi = self.s.kolada.data.kpi.iter().find(|k| k.id == kref.kpi);
        let title = kpi.map(|k| k.title.clone()).unwrap_or_default();
        let mut notes = Vec::new();
        if let Some(label) = &kref.label {
            notes.push(format!("Gäller {label}."));
        }
        if kref.complement {
            notes.push("Kolada mäter motsatsen; värdena här är 100 minus Koladas värde.".to_owned());
        }
        let covers_party = kpi.is_none_or(|k| k.municipality_type.covers(party.kind));
        match kpi.map(|k| k.municipality_type) {
            Some(KpiAreaType::L) => notes.push("Nyckeltalet finns bara för regioner.".into()),
            Some(KpiAreaType::K) => notes.push("Nyckeltalet finns bara för kommuner.".into()),
            _ => {}
        }
        let mut rows = Vec::new();
        let mut chart_series = Vec::new();
        let mut areas: Vec<(String, &str, bool)> = vec![(party.name.clone(), party.code.as_str(), true)];
        if let Some(c) = county.filter(|c| c.id != party.id) {
            areas.push((c.name.clone(), c.code.as_str(), false));
        }
        for c in &self.s.parties.data.comparison {
            areas.push((c.name.clone(), c.code.as_str(), false));
        }
        for (name, code, is_party) in areas {
            if is_party && !covers_party {
                rows.push(RowView {
                    area: name,
                    baseline: "finns inte för en ".to_owned()
                        + if party.kind == PartyKind::Region { "region" } else { "kommun" },
                    latest: "–".into(),
                    change: "–".into(),
                    status: "–".into(),
                });
                continue;
            }
            let (row, series) = self.row(ind, kref, name.clone(), code, Gender::Total);
            rows.push(row);
            chart_series.push(SeriesInput { name: name.clone(), points: series });
            if is_party {
                for (gender, word) in [(Gender::Women, "kvinnor"), (Gender::Men, "män")] {
                    if !self.series(kref, code, gender).iter().any(|(_, v)| v.is_some()) {
                        continue;
                    }
                    let (row, _) = self.row(ind, kref, format!("{name}, {word}"), code, gender);
                    rows.push(row);
                }
            }
        }
        let alt = trend::alt_text(&format!("{} ({})", ind.text, kref.kpi), &chart_series);
        MeasureView {
            source: format!("Kolada {}: {title}", kref.kpi),
            notes,
            rows,
            chart: trend::layout(&chart_series),
            alt,
        }
    }

    fn indicator(&self, ind: &Indicator, party: &Party, county: Option<&Party>) -> AnnexIndicatorView {
        let has_data = |k: &&KpiRef| {
            !self.values.periods(k.kpi.as_str(), party.code.as_str()).is_empty()
                || county.is_some_and(|c| !self.values.periods(k.kpi.as_str(), c.code.as_str()).is_empty())
                || self
                    .s
                    .parties
                    .data
                    .comparison
                    .iter()
                    .any(|c| !self.values.periods(k.kpi.as_str(), c.code.as_str()).is_empty())
        };
        // Labelled KPIs (women, men) are all shown; otherwise the first KPI with values.
        let shown: Vec<&KpiRef> = if ind.kolada.iter().any(|k| k.label.is_some()) {
            ind.kolada.iter().collect()
        } else {
            ind.kolada.iter().find(has_data).or(ind.kolada.first()).into_iter().collect()
        };
        let note = if ind.kolada.is_empty() {
            Some(match &ind.data_source {
                Some(src) => format!(
                    "Indikatorn finns inte i Kolada; värdena kommer från {src}. Uppgift saknas i denna bilaga."
                ),
                None => "Indikatorn finns inte i Kolada. Uppgift saknas i denna bilaga.".to_owned(),
            })
        } else {
            None
        };
        AnnexIndicatorView {
            text: ind.text.clone(),
            direction: format!("{} {}", ind.direction.arrow(), ind.direction.verb()),
            target: {
                let mut t = target_text(ind.target.as_ref());
                if !t.ends_with('.') {
                    t.push('.');
                }
                t
            },
            note,
            measures: shown.into_iter().map(|k| self.measure(ind, k, party, county)).collect(),
        }
    }

    /// The annex view of `party`.
    pub fn view(&self, party: &Party) -> AnnexView {
        let s = self.s;
        let doc = &s.document.data;
        let county = county(&s.parties.data.party, party);
        let kind = if party.kind == PartyKind::Region { "region" } else { "kommun" };
        let title = format!("Aktuellt perspektiv {} – {}", s.year, party.official_name);
        let mut representatives: Vec<RepresentativeView> = Vec::new();
        for m in &s.members.data.member {
            for r in &m.role {
                if r.organisation.as_ref().or(m.organisation.as_ref()) != Some(&party.id) {
                    continue;
                }
                let body = s
                    .groups
                    .data
                    .group
                    .iter()
                    .find(|g| g.id == r.body)
                    .map_or_else(|| r.body.to_string(), |g| g.name.clone());
                let period = match (r.from, r.until) {
                    (None, None) => String::new(),
                    (Some(f), None) => format!(" från och med {}", swedish_date(f)),
                    (None, Some(u)) => format!(" till och med {}", swedish_date(u)),
                    (Some(f), Some(u)) => format!(" {} – {}", swedish_date(f), swedish_date(u)),
                };
                representatives.push(RepresentativeView {
                    body,
                    name: m.name.clone(),
                    title: r.title.clone().or_else(|| m.title.clone()).unwrap_or_default(),
                    role: format!("{}{period}", r.role.swedish()),
                });
            }
        }
        // "Region Värmland (länet) och riket": the county, then the comparison areas of
        // parties.toml.
        let mut compared: Vec<String> =
            county.filter(|c| c.id != party.id).map(|c| format!("{} (länet)", c.name)).into_iter().collect();
        compared.extend(s.parties.data.comparison.iter().map(|c| c.name.to_lowercase()));
        let compared = swedish::join_and(&compared);
        AnnexView {
            meta: MetaView {
                title: title.clone(),
                subtitle: format!("Bilaga till {} {} – {}", doc.title, s.year, doc.subtitle),
                year: s.year,
                full_title: title,
                author: doc.author.clone(),
                subject: format!(
                    "Hur {} förflyttar sig i förhållande till Nya Perspektivs gemensamma mål",
                    party.official_name
                ),
                keywords: [
                    "Nya Perspektiv",
                    "Aktuellt perspektiv",
                    party.name.as_str(),
                    "indikatorer",
                    "Kolada",
                ]
                .map(str::to_owned)
                .to_vec(),
                running_header: format!("Aktuellt perspektiv {} – {}", s.year, party.name),
                date: swedish_date(doc.date),
            },
            draft: None,
            party: PartyView {
                name: party.name.clone(),
                official_name: party.official_name.clone(),
                code: party.code.as_str().to_owned(),
                kind: kind.to_owned(),
            },
            year: s.year,
            no_values: self.values.is_empty(),
            goals: s
                .goals
                .data
                .goal
                .iter()
                .map(|g| AnnexGoalView {
                    heading: g.indicator_heading.clone().unwrap_or_else(|| g.title.clone()),
                    indicators: g.indicator.iter().map(|i| self.indicator(i, party, county)).collect(),
                })
                .collect(),
            representatives,
            calendars: s.appendices.data.calendar.iter().map(|c| calendar_view(s, c)).collect(),
            compared,
        }
    }
}
