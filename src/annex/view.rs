//! The views an annex and the county overview share, and what every annex of a run shares.
//! One goal, indicator and measure view ([`GoalView`], [`IndicatorView`], [`MeasureView`], each
//! over its chart) serves a party's annex ([`super::party`]) and the county overview
//! ([`super::overview`]): each adds its own rows and chart, neither re-declares the rest.
//!
//! [`Ctx`] holds what every annex of a run shares: the sources, the values, each KPI's follow-up
//! period and which KPI of an indicator is shown. Its figures ([`Ctx::measures`],
//! [`Ctx::figures`]) are the ones the county overview and the spreadsheet use too. The views
//! carry text formatted for the reader, so that any template (Typst, HTML) can show them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::assess::{Assessment, Figures, Yardstick, fmt_change, fmt_value, yardstick};
use super::overview::OverviewView;
use super::party::AnnexView;
use super::period::{FollowUp, Period};
use crate::render::view::MetaView;
use crate::sources::Sources;
use crate::sources::common::swedish_date;
use crate::sources::goals::{Goal, Indicator, KpiRef};
use crate::sources::index::Index;
use crate::sources::parties::{Kpi, KpiAreaType, KpiUnit, Party, PartyKind};
use crate::sources::values::{Gender, Values};
use crate::swedish;
use crate::wording::{direction_text, goal_heading, target_sentence_end};

/// An assessment as shown: a symbol and a word, never a colour alone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssessmentView {
    /// "reached", "right", "wrong", "unchanged"; "missing" (a year without a value), "na"
    /// (the KPI does not exist for the party, or the indicator has no Kolada KPI).
    pub key: String,
    /// "✔", "▲", "▼", "■"; "○" for a missing value, "–" for nothing to assess.
    pub symbol: String,
    /// "målet nått", "i rätt riktning", …, "uppgift saknas för 2018".
    pub word: String,
    /// One short word for a matrix cell ("nått", "rätt", "fel", "±0", "saknas", "finns ej").
    pub short: String,
}

impl AssessmentView {
    /// The view of an assessment.
    pub fn of(a: Assessment) -> Self {
        Self {
            key: a.key().into(),
            symbol: a.symbol().into(),
            word: a.word().into(),
            short: a.short().into(),
        }
    }

    /// Values are missing: `word` says which.
    pub fn missing(word: String) -> Self {
        Self { key: "missing".into(), symbol: "○".into(), word, short: "saknas".into() }
    }

    /// There is nothing to assess: `word` says why.
    pub fn none(word: String) -> Self {
        Self { key: "na".into(), symbol: "–".into(), word, short: "finns ej".into() }
    }

    /// The legend: the four assessments and the mark of a missing value.
    pub fn legend() -> Vec<Self> {
        let mut all: Vec<Self> = Assessment::ALL.into_iter().map(Self::of).collect();
        all.push(Self::missing("uppgift saknas".into()));
        all
    }
}

/// A goal's rows in a table of every indicator: the summary page's, the overview's matrix.
#[derive(Serialize)]
pub struct GoalRowsView<R> {
    /// The goal's heading.
    pub heading: String,
    /// One row per indicator (per KPI for indicators with several labelled KPIs).
    pub rows: Vec<R>,
}

/// A goal with its indicators, as an annex and the county overview show it.
#[derive(Serialize)]
pub struct GoalView<C> {
    /// Heading.
    pub heading: String,
    /// Its indicators.
    pub indicators: Vec<IndicatorView<C>>,
}

/// An indicator with its direction, target and KPIs; `C` is the chart of each KPI (the annex's
/// trend chart, the overview's dot chart).
#[derive(Serialize)]
pub struct IndicatorView<C> {
    /// The indicator as worded.
    pub text: String,
    /// "↑ öka".
    pub direction: String,
    /// "2 procentenheter.", "1000/100 000 inv." (a sentence's end).
    pub target: String,
    /// A note when there is nothing from Kolada.
    pub note: Option<String>,
    /// One per KPI shown.
    pub measures: Vec<MeasureView<C>>,
}

/// The values of one KPI over the follow-up period: a table of areas and a chart.
#[derive(Serialize)]
pub struct MeasureView<C> {
    /// "Kolada N15428: Elever i åk 9 som är behöriga …, andel (%)." (a sentence).
    pub source: String,
    /// Remarks, each a sentence ("Nyckeltalet finns bara för regioner.").
    pub notes: Vec<String>,
    /// "Andel (%)".
    pub unit: String,
    /// "2018–2023", when there are values.
    pub period: Option<String>,
    /// The first year's column ("2018"; "Första året" without values).
    pub from_year: String,
    /// The latest year's column ("2023"; "Senaste året" without values).
    pub to_year: String,
    /// The change's column, with the period and unit ("Förändring 2018–2023, procentenheter").
    pub change_header: String,
    /// How the rows are ranked (a sentence), when they are: the county overview's, best first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// The rows: an annex's party, its women and men, the county, the comparison areas; the
    /// overview's parties, then the comparison areas.
    pub rows: Vec<RowView>,
    /// The chart, when there is a value to draw.
    pub chart: Option<C>,
    /// The chart's alternative text.
    pub alt: String,
}

/// What a measure's table and chart hold beyond what every measure view says of its KPI.
pub struct MeasureBody<C> {
    /// The KPI's notes (see [`Measure::notes`]).
    pub notes: Vec<String>,
    /// How the rows are ranked, if they are.
    pub order: Option<String>,
    /// The table's rows.
    pub rows: Vec<RowView>,
    /// The chart.
    pub chart: Option<C>,
    /// The chart's alternative text.
    pub alt: String,
}

/// A row of an indicator's table: one area over the period.
#[derive(Serialize)]
pub struct RowView {
    /// "Arvika", "Arvika, kvinnor", "Värmland", "Riket".
    pub area: String,
    /// "party", "gender", "county" or "comparison".
    pub kind: String,
    /// The first year's value ("62,3"), or "uppgift saknas".
    pub from: String,
    /// The latest year's value ("66,0"), or "uppgift saknas".
    pub to: String,
    /// "+3,7" or "–".
    pub change: String,
    /// The assessment, or which year is missing.
    pub assessment: AssessmentView,
}

/// The county a party belongs to: the region whose code is `00` and the municipality's first two
/// digits (Kolada's and SCB's convention); a region is its own county.
pub fn county<'a>(parties: &'a [Party], party: &Party) -> Option<&'a Party> {
    let code = match party.kind {
        PartyKind::Region => party.code.as_str().to_owned(),
        PartyKind::Municipality => format!("00{}", party.code.as_str().get(..2)?),
    };
    parties.iter().find(|p| p.kind == PartyKind::Region && p.code.as_str() == code)
}

/// "kommuner" or "regioner" ("finns inte för kommuner").
pub(super) fn kind_plural(kind: PartyKind) -> &'static str {
    match kind {
        PartyKind::Municipality => "kommuner",
        PartyKind::Region => "regioner",
    }
}

/// A KPI of an indicator as the annexes show it, with its period and yardstick.
pub struct Measure<'a> {
    /// The indicator.
    pub indicator: &'a Indicator,
    /// The KPI reference (complement, label).
    pub kref: &'a KpiRef,
    /// The KPI in the catalogue.
    pub kpi: Option<&'a Kpi>,
    /// What the values are.
    pub unit: KpiUnit,
    /// The two years compared; `None` when no area has a value.
    pub period: Option<Period>,
    /// What a change is judged against.
    pub yardstick: Yardstick,
}

impl Measure<'_> {
    /// Whether Kolada publishes the KPI for parties of `kind`.
    pub fn covers(&self, kind: PartyKind) -> bool {
        self.kpi.is_none_or(|k| k.municipality_type.covers(kind))
    }

    /// "Andel (%), Kolada N15428".
    pub fn describe(&self) -> String {
        format!("{}, Kolada {}", self.unit.label(), self.kref.kpi)
    }

    /// The indicator's text with the KPI's label, if any ("…, kvinnor").
    pub fn indicator_text(&self) -> String {
        match &self.kref.label {
            Some(label) => format!("{} ({label})", self.indicator.text.trim_end_matches('.')),
            None => self.indicator.text.clone(),
        }
    }

    /// The sentences that explain the KPI: label, complement, the areas it exists for, why only
    /// the direction is judged, a retired KPI.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(label) = &self.kref.label {
            notes.push(format!("Gäller {label}."));
        }
        if self.kref.complement {
            notes.push("Kolada mäter motsatsen; värdena här är 100 minus Koladas värde.".to_owned());
        }
        match self.kpi.map(|k| k.municipality_type) {
            Some(KpiAreaType::L) => notes.push("Nyckeltalet finns bara för regioner.".into()),
            Some(KpiAreaType::K) => notes.push("Nyckeltalet finns bara för kommuner.".into()),
            _ => {}
        }
        if let Some(why) = self.yardstick.note() {
            notes.push(why.to_owned());
        }
        if let Some(k) = self.kpi.filter(|k| !k.current) {
            notes.push(match k.publ_period {
                Some(p) => {
                    format!("Kolada publicerar inte längre nyckeltalet; de senaste värdena är från {p}.")
                }
                None => "Kolada publicerar inte längre nyckeltalet.".to_owned(),
            });
        }
        notes
    }
}

/// What every annex of a run shares.
pub struct Ctx<'a> {
    /// The validated sources.
    pub s: &'a Sources,
    /// The indicator values.
    pub values: &'a Values,
    /// The edition's follow-up rule.
    pub follow_up: Option<FollowUp>,
    /// The sources' index.
    pub ix: Index<'a>,
    /// Each KPI's period, from the latest year any area has a value.
    periods: BTreeMap<&'a str, Period>,
}

impl<'a> Ctx<'a> {
    /// The context of the sources' annexes: the follow-up rule and every KPI's period.
    pub fn new(s: &'a Sources) -> Self {
        let values = &s.values;
        let follow_up = FollowUp::of(&s.goals.data);
        let areas: Vec<&str> = s.parties.data.area_codes().collect();
        let mut periods = BTreeMap::new();
        if let Some(rule) = follow_up {
            for k in &s.kolada.data.kpi {
                let latest =
                    areas.iter().filter_map(|a| values.periods(k.id.as_str(), a).last().copied()).max();
                if let Some(latest) = latest {
                    periods.insert(k.id.as_str(), rule.period(latest));
                }
            }
        }
        Self { s, values, follow_up, ix: Index::new(s), periods }
    }

    /// Whether this is a rehearsal: there are no values at all.
    pub fn rehearsal(&self) -> bool {
        self.values.is_empty()
    }

    fn any_value(&self, kpi: &str) -> bool {
        self.periods.contains_key(kpi)
    }

    /// The KPIs an indicator is shown by, the same in every annex: all of them when they are
    /// labelled (women, men), else the first one with a value in any area (the first at all when
    /// none has one).
    pub fn measures(&self, ind: &'a Indicator) -> Vec<Measure<'a>> {
        let shown: Vec<&KpiRef> = if ind.kolada.iter().any(|k| k.label.is_some()) {
            ind.kolada.iter().collect()
        } else {
            ind.kolada
                .iter()
                .find(|k| self.any_value(k.kpi.as_str()))
                .or(ind.kolada.first())
                .into_iter()
                .collect()
        };
        shown
            .into_iter()
            .map(|kref| {
                let kpi = self.ix.kpi(kref.kpi.as_str());
                // Validation guarantees the KPI is in the catalogue; a share is the usual unit.
                let unit = kpi.map_or(KpiUnit::Andel, |k| k.unit);
                Measure {
                    indicator: ind,
                    kref,
                    kpi,
                    unit,
                    period: self.periods.get(kref.kpi.as_str()).copied(),
                    yardstick: yardstick(ind.target.as_ref(), unit),
                }
            })
            .collect()
    }

    fn value(&self, m: &Measure<'_>, area: &str, year: i32, gender: Gender) -> Option<f64> {
        self.values.indicator(m.kref, area, year, gender)
    }

    /// An area's figures over the measure's period.
    pub fn figures(&self, m: &Measure<'_>, area: &str, gender: Gender) -> Figures {
        match m.period {
            Some(p) => Figures::new(
                self.value(m, area, p.from, gender),
                self.value(m, area, p.to, gender),
                m.indicator.direction,
                &m.yardstick,
            ),
            None => Figures { from: None, to: None, change: None, assessment: None },
        }
    }

    /// An area's value for every year of the period.
    pub(super) fn series(&self, m: &Measure<'_>, area: &str, gender: Gender) -> Vec<(i32, Option<f64>)> {
        m.period.map(|p| p.years().map(|y| (y, self.value(m, area, y, gender))).collect()).unwrap_or_default()
    }

    /// Whether an area has values for women or men over the period.
    pub(super) fn has_genders(&self, m: &Measure<'_>, area: &str) -> bool {
        [Gender::Women, Gender::Men]
            .into_iter()
            .any(|g| self.series(m, area, g).iter().any(|(_, v)| v.is_some()))
    }

    /// The assessment of figures, or which year is missing.
    pub fn assessment(&self, m: &Measure<'_>, f: &Figures) -> AssessmentView {
        match (f.assessment, m.period) {
            (Some(a), _) => AssessmentView::of(a),
            (None, None) => AssessmentView::missing("uppgift saknas".into()),
            (None, Some(p)) => {
                let years: Vec<String> = [(f.from, p.from), (f.to, p.to)]
                    .into_iter()
                    .filter(|(v, _)| v.is_none())
                    .map(|(_, y)| y.to_string())
                    .collect();
                AssessmentView::missing(format!("uppgift saknas för {}", swedish::join_and(&years)))
            }
        }
    }

    /// A row of a measure's table: an area's figures over the period.
    pub fn row(&self, m: &Measure<'_>, area: String, kind: &str, f: &Figures) -> RowView {
        let missing = || "uppgift saknas".to_owned();
        RowView {
            area,
            kind: kind.to_owned(),
            from: f.from.map_or_else(missing, fmt_value),
            to: f.to.map_or_else(missing, fmt_value),
            change: f.change.map_or_else(|| "–".to_owned(), fmt_change),
            assessment: self.assessment(m, f),
        }
    }

    pub(super) fn area_row(
        &self,
        m: &Measure<'_>,
        area: String,
        kind: &str,
        code: &str,
        gender: Gender,
    ) -> RowView {
        self.row(m, area, kind, &self.figures(m, code, gender))
    }

    /// A party's assessment: of its figures, or that the KPI does not exist for its kind.
    pub fn party_assessment(&self, m: &Measure<'_>, f: &Figures, kind: PartyKind) -> AssessmentView {
        if m.covers(kind) {
            self.assessment(m, f)
        } else {
            AssessmentView::none(format!("finns inte för {}", kind_plural(kind)))
        }
    }

    /// The view of a measure: what every table of the KPI says (its source, unit, period and
    /// columns) around `body`, the capability's rows and chart.
    pub fn measure_view<C>(&self, m: &Measure<'_>, body: MeasureBody<C>) -> MeasureView<C> {
        let title = m.kpi.map(|k| k.title.trim_end_matches('.').to_owned()).unwrap_or_default();
        let period = m.period.map(|p| p.to_string());
        let (from_year, to_year) = match m.period {
            Some(p) => (p.from.to_string(), p.to.to_string()),
            None => ("Första året".into(), "Senaste året".into()),
        };
        let change_header = match &period {
            Some(p) => format!("Förändring {p}, {}", m.unit.change_unit()),
            None => format!("Förändring, {}", m.unit.change_unit()),
        };
        MeasureView {
            source: format!("Kolada {}: {title}.", m.kref.kpi),
            notes: body.notes,
            unit: m.unit.label().to_owned(),
            period,
            from_year,
            to_year,
            change_header,
            order: body.order,
            rows: body.rows,
            chart: body.chart,
            alt: body.alt,
        }
    }

    /// Every goal with its indicators, each KPI shown by `measure`.
    pub fn goals<C>(&self, measure: impl Fn(&Measure<'a>) -> MeasureView<C>) -> Vec<GoalView<C>> {
        self.s
            .goals
            .data
            .goal
            .iter()
            .map(|g| GoalView {
                heading: goal_heading(g),
                indicators: g
                    .indicator
                    .iter()
                    .map(|ind| IndicatorView {
                        text: ind.text.clone(),
                        direction: direction_text(ind.direction),
                        target: target_sentence_end(ind.target.as_ref()),
                        note: no_kolada_note(ind),
                        measures: self.measures(ind).iter().map(&measure).collect(),
                    })
                    .collect(),
            })
            .collect()
    }

    /// Every goal with a row per KPI shown of each of its indicators (`each`), or one for an
    /// indicator with none (`none`): the tables of the summary page and the overview's matrix.
    pub fn goal_rows<R>(
        &self,
        none: impl Fn(&Indicator) -> R,
        each: impl Fn(&Measure<'a>) -> R,
    ) -> Vec<GoalRowsView<R>> {
        let rows = |g: &'a Goal| {
            let mut rows = Vec::new();
            for ind in &g.indicator {
                let measures = self.measures(ind);
                if measures.is_empty() {
                    rows.push(none(ind));
                }
                rows.extend(measures.iter().map(&each));
            }
            rows
        };
        self.s
            .goals
            .data
            .goal
            .iter()
            .map(|g| GoalRowsView { heading: goal_heading(g), rows: rows(g) })
            .collect()
    }

    /// The title and PDF metadata of an annex or overview titled `title`.
    pub fn meta(&self, title: String, running_header: String, subject: String, keyword: &str) -> MetaView {
        let s = self.s;
        let doc = &s.document.data;
        MetaView {
            title: title.clone(),
            subtitle: format!("Bilaga till {} {} – {}", doc.title, s.year, doc.subtitle),
            year: s.year,
            full_title: title,
            author: doc.author.clone(),
            subject,
            keywords: ["Nya Perspektiv", "Aktuellt perspektiv", keyword, "indikatorer", "Kolada"]
                .map(str::to_owned)
                .to_vec(),
            running_header,
            date: swedish_date(doc.date),
        }
    }

    /// The mark of a rehearsal in titles and running headers.
    pub fn rehearsal_mark(&self) -> &'static str {
        if self.rehearsal() { " (UTAN VÄRDEN)" } else { "" }
    }

    /// The sentence on the follow-up period, for the introductions.
    pub fn period_sentence(&self) -> String {
        match self.follow_up {
            Some(rule) => format!(
                "Varje indikator följs upp över en period: {}. Alla rader i en tabell jämför samma två år, som står i tabellens rubrik.",
                rule.describe()
            ),
            None => "Årgången anger ingen uppföljningsperiod.".to_owned(),
        }
    }

    /// The annex view of `party` (see [`super::party`]).
    pub fn view(&self, party: &Party) -> AnnexView {
        super::party::view(self, party)
    }

    /// The overview of `region`'s county (see [`super::overview`]).
    pub fn overview(&self, region: &Party) -> OverviewView {
        super::overview::view(self, region)
    }
}

/// The note of an indicator without a Kolada KPI.
pub fn no_kolada_note(ind: &Indicator) -> Option<String> {
    if !ind.kolada.is_empty() {
        return None;
    }
    Some(match &ind.data_source {
        Some(src) => {
            format!(
                "Indikatorn finns inte i Kolada; värdena kommer från {src}. Uppgift saknas i denna bilaga."
            )
        }
        None => "Indikatorn finns inte i Kolada. Uppgift saknas i denna bilaga.".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{DirTree, load};

    fn sources() -> Result<Sources, String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sources");
        load(&DirTree::new(&root), 2023).map(|(s, _)| s).map_err(|r| format!("{} problems", r.problems.len()))
    }

    /// The sources of the repository have no values: every measure view says what its columns
    /// will hold, and every assessment that a value is missing, or that the KPI does not exist
    /// for the party's kind.
    #[test]
    fn a_measure_without_values_names_its_columns_and_says_what_is_missing() -> Result<(), String> {
        let s = sources()?;
        let ctx = Ctx::new(&s);
        assert!(ctx.rehearsal() && ctx.rehearsal_mark() == " (UTAN VÄRDEN)");
        let mut seen = 0;
        for ind in s.goals.data.goal.iter().flat_map(|g| &g.indicator) {
            for m in ctx.measures(ind) {
                seen += 1;
                let body = MeasureBody {
                    notes: m.notes(),
                    order: None,
                    rows: Vec::new(),
                    chart: None::<()>,
                    alt: String::new(),
                };
                let v = ctx.measure_view(&m, body);
                assert_eq!(
                    (v.from_year.as_str(), v.to_year.as_str(), v.period.as_deref()),
                    ("Första året", "Senaste året", None)
                );
                assert_eq!(v.change_header, format!("Förändring, {}", m.unit.change_unit()));
                assert!(
                    v.source.starts_with(&format!("Kolada {}: ", m.kref.kpi)) && v.source.ends_with('.'),
                    "{}",
                    v.source
                );
                assert_eq!(v.unit, m.unit.label());
                let f = ctx.figures(&m, "0017", Gender::Total);
                for (kind, word) in [(PartyKind::Municipality, "kommuner"), (PartyKind::Region, "regioner")] {
                    let a = ctx.party_assessment(&m, &f, kind);
                    if m.covers(kind) {
                        assert_eq!((a.key.as_str(), a.word.as_str()), ("missing", "uppgift saknas"));
                    } else {
                        assert_eq!((a.key.as_str(), a.word), ("na", format!("finns inte för {word}")));
                    }
                }
            }
        }
        assert!(seen > 0);
        Ok(())
    }

    /// The goals of the views and the goal rows of the summary and the matrix follow the sources:
    /// a goal per goal, an indicator per indicator, a row per KPI shown or one for an indicator
    /// without any; each target a sentence's end.
    #[test]
    fn goals_and_goal_rows_follow_the_sources() -> Result<(), String> {
        let s = sources()?;
        let ctx = Ctx::new(&s);
        let goals = ctx.goals(|m| {
            ctx.measure_view(
                m,
                MeasureBody {
                    notes: Vec::new(),
                    order: None,
                    rows: Vec::new(),
                    chart: None::<()>,
                    alt: String::new(),
                },
            )
        });
        let rows = ctx.goal_rows(|i| (i.text.clone(), false), |m| (m.indicator_text(), true));
        assert_eq!((goals.len(), rows.len()), (s.goals.data.goal.len(), s.goals.data.goal.len()));
        for ((g, view), rows) in s.goals.data.goal.iter().zip(&goals).zip(&rows) {
            assert_eq!((&view.heading, &rows.heading), (&goal_heading(g), &goal_heading(g)));
            assert_eq!(view.indicators.len(), g.indicator.len());
            let expected: usize = view.indicators.iter().map(|i| i.measures.len().max(1)).sum();
            assert_eq!(rows.rows.len(), expected, "{}", g.title);
            for (ind, i) in g.indicator.iter().zip(&view.indicators) {
                assert!(i.target.ends_with('.') && !i.target.ends_with(".."), "{}", i.target);
                assert_eq!(i.direction, direction_text(ind.direction));
                assert_eq!(i.note.is_some(), ind.kolada.is_empty());
            }
        }
        Ok(())
    }
}
