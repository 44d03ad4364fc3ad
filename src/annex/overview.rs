//! The county overview, "Aktuellt perspektiv <år> – Värmland", for the political steering group:
//! first a matrix of indicators × parties with each party's assessment as a symbol and a word,
//! then for every indicator all the county's municipalities and the region side by side (first
//! and latest value, change, assessment), sorted best first, in a dot chart with the county and
//! Sweden as reference lines and in a table.

use serde::Serialize;

use super::assess::{Figures, fmt_value};
use super::view::{
    AssessmentView, CountsView, Ctx, GoalRowsView, GoalView, Measure, MeasureBody, MeasureView, RowView,
    county,
};
use crate::render::dots::{self, DotChart, DotInput, RefInput};
use crate::render::view::{MetaView, Requirements, SourcePlace};
use crate::sources::Sources;
use crate::sources::goals::{Direction, Indicator};
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
    /// How many indicators of each party have each assessment: one row per party, in the
    /// matrix's column order.
    pub counts: Vec<PartyCountsView>,
    /// The matrix's sources and the mark of its assessments ("Källa: Kolada. Bedömning: egen
    /// bearbetning av data från Kolada.").
    pub matrix_sources: String,
    /// Every indicator, all parties side by side.
    pub goals: Vec<GoalView<DotChart>>,
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

/// A party's counts of assessments.
#[derive(Serialize)]
pub struct PartyCountsView {
    /// The party's name.
    pub party: String,
    /// Its counts.
    pub counts: CountsView,
}

/// The matrix: a row per indicator (per KPI for labelled ones), a column per party.
#[derive(Serialize)]
pub struct MatrixView {
    /// The parties' names, in column order: the municipalities alphabetically, then the region.
    pub parties: Vec<String>,
    /// The goals with their rows.
    pub goals: Vec<GoalRowsView<MatrixRowView>>,
}

/// A row of the matrix.
#[derive(Serialize)]
pub struct MatrixRowView {
    /// The indicator ("…, kvinnor" for a labelled KPI).
    pub indicator: String,
    /// Where the sources name the KPI (or the indicator), on served pages.
    pub source: Option<SourcePlace>,
    /// "2018–2023" or "–".
    pub period: String,
    /// One assessment per party, in column order.
    pub cells: Vec<AssessmentView>,
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

/// The overview's table and dot chart of a KPI: the parties that have it, best first, then the
/// comparison areas.
fn ranked_measure(
    ctx: &Ctx<'_>,
    m: &Measure<'_>,
    parties: &[&Party],
    region: &Party,
) -> MeasureView<DotChart> {
    let covered: Vec<&&Party> = parties.iter().filter(|p| m.covers(p.kind)).collect();
    let mut ranked: Vec<(&Party, Figures)> =
        covered.iter().map(|p| (**p, ctx.figures(m, p.code.as_str(), Gender::Total))).collect();
    // Best first: the highest latest value when the indicator should rise, the lowest when
    // it should fall, as shown (one decimal), so that the municipalities stand in the order of
    // their places among the country's (see `super::rank`); parties without a latest value
    // last, then by name.
    ranked.sort_by(|(pa, fa), (pb, fb)| {
        let key = |f: &Figures| {
            f.to.map(|v| (v * 10.0).round())
                .map(|v| if m.indicator.direction == Direction::Increase { -v } else { v })
        };
        match (key(fa), key(fb)) {
            (Some(a), Some(b)) => a.total_cmp(&b),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| swedish::compare(&pa.name, &pb.name))
    });
    let mut rows: Vec<RowView> = ranked
        .iter()
        .map(|(p, f)| {
            let mut row = ctx.row(m, p.name.clone(), if p.id == region.id { "county" } else { "party" }, f);
            row.rank = ctx.rank(m, p.code.as_str(), p.kind);
            row
        })
        .collect();
    let mut refs = Vec::new();
    let county_label = format!("{} (länet)", county_name(region));
    if let Some(v) = ctx.figures(m, region.code.as_str(), Gender::Total).to {
        refs.push(RefInput { label: county_label, value: v, style: 1 });
    }
    for c in &ctx.s.parties.data.comparison {
        let f = ctx.figures(m, c.code.as_str(), Gender::Total);
        rows.push(ctx.row(m, c.name.clone(), "comparison", &f));
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
    let (order, chart, alt) = match m.period {
        Some(p) => {
            let intro = format!("{} {} och {}, {better} värde {} först", m.unit.label(), p.from, p.to, p.to);
            let alt = dots::alt_text(&intro, (p.from, p.to), &dots_in, &refs, &fmt_value);
            (
                format!(
                    "Sorterat efter {}värdet {}, {better} först eftersom målet är att värdet ska {}. Ofylld punkt: {}; fylld punkt: {}.",
                    if rows.iter().any(|r| r.rank.is_some()) {
                        "plats i landet, det vill säga "
                    } else {
                        ""
                    },
                    p.to,
                    m.indicator.direction.verb(),
                    p.from,
                    p.to
                ),
                DotChart::new(dots_in, refs, m.unit.label()),
                alt,
            )
        }
        None => ("Det finns inga värden att sortera efter.".into(), None, String::new()),
    };
    let mut notes = m.notes();
    let left_out: Vec<String> =
        parties.iter().filter(|p| !m.covers(p.kind)).map(|p| p.name.clone()).collect();
    if !left_out.is_empty() && !covered.is_empty() {
        notes.retain(|n| !n.starts_with("Nyckeltalet finns bara"));
        notes.push(format!(
            "Nyckeltalet finns bara för {}; {} visas inte.",
            if covered.iter().all(|p| p.kind == PartyKind::Region) { "regioner" } else { "kommuner" },
            swedish::join_and(&left_out)
        ));
    }
    let mut named: Vec<(String, &str)> = covered.iter().map(|p| (p.name.clone(), p.code.as_str())).collect();
    named.extend(ctx.s.parties.data.comparison.iter().map(|c| (c.name.clone(), c.code.as_str())));
    notes.extend(ctx.corrections_note(m, &named));
    // Why there are no places, per kind of party; the region's named when it stands among
    // municipalities.
    let kinds: std::collections::BTreeSet<PartyKind> = covered.iter().map(|p| p.kind).collect();
    for kind in &kinds {
        let who = match (kinds.len(), kind) {
            (2.., PartyKind::Region) => {
                let names: Vec<String> =
                    covered.iter().filter(|p| p.kind == PartyKind::Region).map(|p| p.name.clone()).collect();
                Some(swedish::join_and(&names))
            }
            _ => None,
        };
        notes.extend(ctx.rank_note(m, *kind, who.as_deref()));
    }
    ctx.measure_view(m, MeasureBody { notes, order: Some(order), rows, chart, alt })
}

/// The overview of `region`'s county.
pub(super) fn view(ctx: &Ctx<'_>, region: &Party) -> OverviewView {
    let s = ctx.s;
    let parties = county_parties(&s.parties.data.party, region);
    let county = county_name(region);
    let mark = ctx.rehearsal_mark();
    let municipalities = parties.iter().filter(|p| p.kind == PartyKind::Municipality).count();
    let mut compared: Vec<String> = vec![format!("länet ({})", region.name)];
    compared.extend(s.parties.data.comparison.iter().map(|c| c.in_sentence().to_owned()));
    let intro = format!(
        "Översikten visar hur {county}s {municipalities} kommuner och {} förflyttar sig i förhållande till Nya Perspektivs gemensamma mål, sida vid sida och jämfört med {}. {} Först visar en matris varje parts bedömning för varje indikator; därefter följer varje indikator med alla parter sorterade, i ett punktdiagram och en tabell. {}",
        region.name,
        swedish::join_and(&compared),
        ctx.period_sentence(),
        ctx.intro_sources(None),
    );
    let none = |ind: &Indicator| MatrixRowView {
        indicator: ind.text.clone(),
        source: ctx.indicator_place(ind),
        period: "–".into(),
        cells: parties.iter().map(|_| AssessmentView::missing("uppgift saknas".into())).collect(),
    };
    let each = |m: &Measure<'_>| MatrixRowView {
        indicator: m.indicator_text(),
        source: ctx.measure_place(m),
        period: m.period.map_or_else(|| "–".to_owned(), |p| p.to_string()),
        cells: parties
            .iter()
            .map(|p| ctx.party_assessment(m, &ctx.figures(m, p.code.as_str(), Gender::Total), p.kind))
            .collect(),
    };
    let matrix_goals = ctx.goal_rows(none, each);
    OverviewView {
        meta: ctx.meta(
            format!("Aktuellt perspektiv {} – {county}{mark}", s.year),
            format!("Aktuellt perspektiv {} – {county}{mark}", s.year),
            format!(
                "Hur {county}s kommuner och {} förflyttar sig i förhållande till Nya Perspektivs gemensamma mål",
                region.name
            ),
            &county,
        ),
        draft: None,
        rehearsal: ctx.rehearsal(),
        year: s.year,
        intro,
        legend: {
            let mut legend = AssessmentView::legend();
            legend.push(AssessmentView::none("nyckeltalet finns inte för den sortens part".into()));
            legend
        },
        counts: parties
            .iter()
            .enumerate()
            .map(|(i, p)| PartyCountsView {
                party: p.name.clone(),
                counts: CountsView::of(
                    matrix_goals.iter().flat_map(|g| &g.rows).filter_map(|r| r.cells.get(i)),
                    ctx.rows_of(),
                    "Finns inte för parten",
                ),
            })
            .collect(),
        matrix: MatrixView { parties: parties.iter().map(|p| p.name.clone()).collect(), goals: matrix_goals },
        matrix_sources: ctx.sources_and_processing("Bedömning"),
        goals: ctx.goals(|m| ranked_measure(ctx, m, &parties, region)),
        county,
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
            group: Vec::new(),
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
