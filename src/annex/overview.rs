//! The county overview, "Aktuellt perspektiv <år> – Värmland", for the political steering group:
//! first a matrix of indicators × parties with each party's assessment as a symbol and a word,
//! then for every indicator all the county's municipalities and the region side by side (first
//! and latest value, change, assessment), sorted best first, in a dot chart with the county and
//! Sweden as reference lines and in a table.

use serde::Serialize;

use super::assess::{fmt_change, fmt_value};
use super::view::{AssessmentView, Ctx, Measure, RowView, county, goal_heading, no_kolada_note};
use crate::render::dots::{self, DotInput, DotLayout, RefInput};
use crate::render::view::{MetaView, Requirements, target_text};
use crate::sources::Sources;
use crate::sources::common::swedish_date;
use crate::sources::goals::Direction;
use crate::sources::parties::{Party, PartyKind};
use crate::sources::values::Gender;
use crate::swedish;
use crate::typeset::contents::MustShow;

/// The overview of one county.
#[derive(Serialize)]
pub struct OverviewView {
    /// Title and PDF metadata.
    pub meta: MetaView,
    /// Never a draft.
    pub draft: Option<()>,
    /// A rehearsal without values: every page is marked "UTAN VÄRDEN".
    pub rehearsal: bool,
    /// The edition's year.
    pub year: i32,
    /// The county ("Värmland").
    pub county: String,
    /// The introduction.
    pub intro: String,
    /// The assessments and their symbols, for the legend.
    pub legend: Vec<AssessmentView>,
    /// The matrix of indicators × parties.
    pub matrix: MatrixView,
    /// Every indicator, all parties side by side.
    pub goals: Vec<OverviewGoalView>,
}

impl OverviewView {
    /// What the typeset overview must show: every party of the county, every goal and
    /// indicator.
    pub fn must_show(&self, s: &Sources) -> MustShow {
        let mut req = Requirements::new(s);
        self.matrix.parties.iter().for_each(|p| req.party(p));
        for g in &self.goals {
            req.goal(&g.heading);
            g.indicators.iter().for_each(|i| req.indicator(&i.text));
        }
        req.finish()
    }
}

/// The matrix: a row per indicator (per KPI for labelled ones), a column per party.
#[derive(Serialize)]
pub struct MatrixView {
    /// The parties' names, in column order: the municipalities alphabetically, then the region.
    pub parties: Vec<String>,
    /// The goals with their rows.
    pub goals: Vec<MatrixGoalView>,
}

/// A goal's rows of the matrix.
#[derive(Serialize)]
pub struct MatrixGoalView {
    /// The goal's heading.
    pub heading: String,
    /// Its rows.
    pub rows: Vec<MatrixRowView>,
}

/// A row of the matrix.
#[derive(Serialize)]
pub struct MatrixRowView {
    /// The indicator ("…, kvinnor" for a labelled KPI).
    pub indicator: String,
    /// "2018–2023" or "–".
    pub period: String,
    /// One assessment per party, in column order.
    pub cells: Vec<AssessmentView>,
}

/// A goal of the overview.
#[derive(Serialize)]
pub struct OverviewGoalView {
    /// Heading.
    pub heading: String,
    /// Its indicators.
    pub indicators: Vec<OverviewIndicatorView>,
}

/// An indicator of the overview.
#[derive(Serialize)]
pub struct OverviewIndicatorView {
    /// The indicator as worded.
    pub text: String,
    /// "↑ öka".
    pub direction: String,
    /// The target, a sentence's end.
    pub target: String,
    /// A note when there is nothing from Kolada.
    pub note: Option<String>,
    /// One per KPI shown.
    pub measures: Vec<OverviewMeasureView>,
}

/// All parties' values of one KPI over its period.
#[derive(Serialize)]
pub struct OverviewMeasureView {
    /// "Kolada N15428: …." (a sentence).
    pub source: String,
    /// Remarks, each a sentence.
    pub notes: Vec<String>,
    /// "2018–2023", when there are values.
    pub period: Option<String>,
    /// The first year's column.
    pub from_year: String,
    /// The latest year's column.
    pub to_year: String,
    /// The change's column, with the period and unit.
    pub change_header: String,
    /// How the rows are sorted (a sentence).
    pub order: String,
    /// The parties, sorted best first; then the comparison areas.
    pub rows: Vec<RowView>,
    /// The dot chart, when there is a value.
    pub chart: Option<DotLayout>,
    /// The chart's alternative text.
    pub alt: String,
}

/// The county's name: the region's name without "Region " ("Region Värmland" → "Värmland").
pub fn county_name(region: &Party) -> String {
    region.name.strip_prefix("Region ").unwrap_or(&region.name).to_owned()
}

/// The parties of a region's county: its municipalities in Swedish alphabetical order, then the
/// region itself.
pub fn county_parties<'a>(parties: &'a [Party], region: &Party) -> Vec<&'a Party> {
    let mut municipalities: Vec<&Party> = parties
        .iter()
        .filter(|p| {
            p.kind == PartyKind::Municipality && county(parties, p).is_some_and(|c| c.id == region.id)
        })
        .collect();
    municipalities.sort_by(|a, b| swedish::compare(&a.name, &b.name));
    let mut out = municipalities;
    if let Some(r) = parties.iter().find(|p| p.id == region.id) {
        out.push(r);
    }
    out
}

impl Ctx<'_> {
    fn overview_measure(&self, m: &Measure<'_>, parties: &[&Party], region: &Party) -> OverviewMeasureView {
        let covered: Vec<&&Party> = parties.iter().filter(|p| m.covers(p.kind)).collect();
        let mut ranked: Vec<(&Party, super::assess::Figures)> =
            covered.iter().map(|p| (**p, self.figures(m, p.code.as_str(), Gender::Total))).collect();
        // Best first: the highest latest value when the indicator should rise, the lowest when
        // it should fall; parties without a latest value last, then by name.
        ranked.sort_by(|(pa, fa), (pb, fb)| {
            let key = |f: &super::assess::Figures| {
                f.to.map(|v| if m.indicator.direction == Direction::Increase { -v } else { v })
            };
            match (key(fa), key(fb)) {
                (Some(a), Some(b)) => a.total_cmp(&b),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| swedish::compare(&pa.name, &pb.name))
        });
        let missing = || "uppgift saknas".to_owned();
        let row = |name: String, kind: &str, f: &super::assess::Figures| RowView {
            area: name,
            kind: kind.to_owned(),
            from: f.from.map_or_else(missing, fmt_value),
            to: f.to.map_or_else(missing, fmt_value),
            change: f.change.map_or_else(|| "–".to_owned(), fmt_change),
            assessment: self.assessment(m, f),
        };
        let mut rows: Vec<RowView> = ranked
            .iter()
            .map(|(p, f)| row(p.name.clone(), if p.id == region.id { "county" } else { "party" }, f))
            .collect();
        let mut refs = Vec::new();
        let county_label = format!("{} (länet)", county_name(region));
        if let Some(v) = self.figures(m, region.code.as_str(), Gender::Total).to {
            refs.push(RefInput { label: county_label, value: v, style: 1 });
        }
        for c in &self.s.parties.data.comparison {
            let f = self.figures(m, c.code.as_str(), Gender::Total);
            rows.push(row(c.name.clone(), "comparison", &f));
            if let Some(v) = f.to {
                refs.push(RefInput { label: c.name.clone(), value: v, style: 2 });
            }
        }
        let dots_in: Vec<DotInput> =
            ranked.iter().map(|(p, f)| DotInput { label: p.name.clone(), from: f.from, to: f.to }).collect();
        let better = match m.indicator.direction {
            Direction::Increase => "högst",
            Direction::Decrease => "lägst",
        };
        let (period, from_year, to_year, order, chart, alt) = match m.period {
            Some(p) => {
                let intro = format!("{} {}, {better} värde först", m.unit.label(), p.to);
                (
                    Some(p.to_string()),
                    p.from.to_string(),
                    p.to.to_string(),
                    format!(
                        "Sorterat efter värdet {}, {better} först eftersom målet är att värdet ska {}. Ofylld punkt: {}; fylld punkt: {}.",
                        p.to,
                        m.indicator.direction.verb(),
                        p.from,
                        p.to
                    ),
                    dots::layout(&dots_in, &refs, m.unit.label(), &fmt_value),
                    dots::alt_text(&intro, &dots_in, &refs, &fmt_value),
                )
            }
            None => (
                None,
                "Första året".into(),
                "Senaste året".into(),
                "Det finns inga värden att sortera efter.".into(),
                None,
                String::new(),
            ),
        };
        let title = m.kpi.map(|k| k.title.trim_end_matches('.').to_owned()).unwrap_or_default();
        let mut notes = m.notes();
        let left_out: Vec<&str> =
            parties.iter().filter(|p| !m.covers(p.kind)).map(|p| p.name.as_str()).collect();
        if !left_out.is_empty() && !covered.is_empty() {
            notes.retain(|n| !n.starts_with("Nyckeltalet finns bara"));
            notes.push(format!(
                "Nyckeltalet finns bara för {}; {} visas inte.",
                if covered.iter().all(|p| p.kind == PartyKind::Region) { "regioner" } else { "kommuner" },
                swedish::join_and(&left_out.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
            ));
        }
        OverviewMeasureView {
            source: format!("Kolada {}: {title}.", m.kref.kpi),
            notes,
            change_header: match &period {
                Some(p) => format!("Förändring {p}, {}", m.unit.change_unit()),
                None => format!("Förändring, {}", m.unit.change_unit()),
            },
            period,
            from_year,
            to_year,
            order,
            rows,
            chart,
            alt,
        }
    }

    /// The overview of `region`'s county.
    pub fn overview(&self, region: &Party) -> OverviewView {
        let s = self.s;
        let doc = &s.document.data;
        let parties = county_parties(&s.parties.data.party, region);
        let county = county_name(region);
        let rehearsal = self.rehearsal();
        let mark = if rehearsal { " (UTAN VÄRDEN)" } else { "" };
        let title = format!("Aktuellt perspektiv {} – {county}{mark}", s.year);
        let municipalities = parties.iter().filter(|p| p.kind == PartyKind::Municipality).count();
        let mut compared: Vec<String> = vec![format!("länet ({})", region.name)];
        compared.extend(s.parties.data.comparison.iter().map(|c| c.in_sentence().to_owned()));
        let intro = format!(
            "Översikten visar hur {county}s {municipalities} kommuner och {} förflyttar sig i förhållande till Nya Perspektivs gemensamma mål, sida vid sida och jämfört med {}. {} Först visar en matris varje parts bedömning för varje indikator; därefter följer varje indikator med alla parter sorterade, i ett punktdiagram och en tabell. Källa: Kolada, Rådet för främjande av kommunala analyser (RKA).",
            region.name,
            swedish::join_and(&compared),
            self.period_sentence()
        );
        let mut matrix_goals = Vec::new();
        let mut goals = Vec::new();
        for g in &s.goals.data.goal {
            let mut rows = Vec::new();
            let mut indicators = Vec::new();
            for ind in &g.indicator {
                let measures = self.measures(ind);
                if measures.is_empty() {
                    rows.push(MatrixRowView {
                        indicator: ind.text.clone(),
                        period: "–".into(),
                        cells: parties
                            .iter()
                            .map(|_| AssessmentView::missing("uppgift saknas".into()))
                            .collect(),
                    });
                }
                for m in &measures {
                    rows.push(MatrixRowView {
                        indicator: m.indicator_text(),
                        period: m.period.map_or_else(|| "–".to_owned(), |p| p.to_string()),
                        cells: parties
                            .iter()
                            .map(|p| {
                                if m.covers(p.kind) {
                                    self.assessment(m, &self.figures(m, p.code.as_str(), Gender::Total))
                                } else {
                                    AssessmentView::none(format!(
                                        "finns inte för {}",
                                        if p.kind == PartyKind::Region { "regioner" } else { "kommuner" }
                                    ))
                                }
                            })
                            .collect(),
                    });
                }
                indicators.push(OverviewIndicatorView {
                    text: ind.text.clone(),
                    direction: format!("{} {}", ind.direction.arrow(), ind.direction.verb()),
                    target: {
                        let mut t = target_text(ind.target.as_ref());
                        if !t.ends_with('.') {
                            t.push('.');
                        }
                        t
                    },
                    note: no_kolada_note(ind),
                    measures: measures.iter().map(|m| self.overview_measure(m, &parties, region)).collect(),
                });
            }
            matrix_goals.push(MatrixGoalView { heading: goal_heading(g), rows });
            goals.push(OverviewGoalView { heading: goal_heading(g), indicators });
        }
        OverviewView {
            meta: MetaView {
                title: title.clone(),
                subtitle: format!("Bilaga till {} {} – {}", doc.title, s.year, doc.subtitle),
                year: s.year,
                full_title: title,
                author: doc.author.clone(),
                subject: format!(
                    "Hur {county}s kommuner och {} förflyttar sig i förhållande till Nya Perspektivs gemensamma mål",
                    region.name
                ),
                keywords: ["Nya Perspektiv", "Aktuellt perspektiv", county.as_str(), "indikatorer", "Kolada"]
                    .map(str::to_owned)
                    .to_vec(),
                running_header: format!("Aktuellt perspektiv {} – {county}{mark}", s.year),
                date: swedish_date(doc.date),
            },
            draft: None,
            rehearsal,
            year: s.year,
            county,
            intro,
            legend: {
                let mut legend = AssessmentView::legend();
                legend.push(AssessmentView::none("nyckeltalet finns inte för den sortens part".into()));
                legend
            },
            matrix: MatrixView {
                parties: parties.iter().map(|p| p.name.clone()).collect(),
                goals: matrix_goals,
            },
            goals,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::ids::PartyId;
    use crate::sources::parties::AreaCode;

    fn party(id: &str, name: &str, code: &str, kind: PartyKind) -> Party {
        Party {
            id: PartyId(id.into()),
            name: name.into(),
            official_name: name.into(),
            code: AreaCode(code.into()),
            kind,
        }
    }

    #[test]
    fn a_county_is_its_municipalities_then_the_region() {
        let region = party("region-varmland", "Region Värmland", "0017", PartyKind::Region);
        let parties = vec![
            party("saffle", "Säffle", "1785", PartyKind::Municipality),
            region.clone(),
            party("arjang", "Årjäng", "1765", PartyKind::Municipality),
            party("eda", "Eda", "1730", PartyKind::Municipality),
            party("orebro", "Örebro", "1880", PartyKind::Municipality),
        ];
        let names: Vec<&str> = county_parties(&parties, &region).iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Eda", "Säffle", "Årjäng", "Region Värmland"]);
        assert_eq!(county_name(&region), "Värmland");
    }
}
