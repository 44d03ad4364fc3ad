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
use super::rank::{Rank, RankView, partial_note};
use crate::render::view::places::position;
use crate::render::view::{Lookup, MetaView, SourcePlace};
use crate::sources::Sources;
use crate::sources::common::swedish_date;
use crate::sources::goals::{Goal, Indicator, KpiRef};
use crate::sources::index::Index;
use crate::sources::parties::{Kpi, KpiAreaType, KpiUnit, Party, PartyKind};
use crate::sources::values::{Gender, Values};
use crate::swedish;
use crate::wording::{direction_text, goal_heading, own_processing, sources_sentence, target_sentence_end};

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

/// How many indicators have each assessment: page 1 of an annex, a row of the overview's table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountsView {
    /// "Av de 25 indikatorerna har 5 nått målet, 12 går i rätt riktning, 3 är oförändrade, 2
    /// går i fel riktning och 1 saknar värden; 2 finns inte för kommuner." With an indicator
    /// followed for women and men separately, the sentence counts the summary's rows and says so.
    pub sentence: String,
    /// One per kind: reached, right, unchanged, wrong, without values (a value missing), and not
    /// for the party (a KPI that does not exist for its kind of area).
    pub rows: Vec<CountView>,
    /// Every row counted (a row of the summary each; an indicator shown for women and men is
    /// two).
    pub total: usize,
}

/// How many indicators have one assessment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountView {
    /// The assessment's mark, for the symbol ("missing" for those without values, "na" for
    /// those that do not exist for the party).
    pub assessment: AssessmentView,
    /// "Målet nått", "I rätt riktning", "Oförändrade", "I fel riktning", "Saknar värden",
    /// "Finns inte för kommuner".
    pub label: String,
    /// The count.
    pub count: usize,
}

/// What a summary's rows stand for: how many indicators, and how many of them have more than one
/// row (one KPI for women, one for men).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowsOf {
    /// The indicators.
    pub indicators: usize,
    /// The indicators with more than one row.
    pub split: usize,
}

impl CountsView {
    /// The counts of `assessments`, one per row of a summary whose rows are `of`; `na` names
    /// the KPIs that do not exist for the party ("Finns inte för kommuner").
    pub fn of<'v>(assessments: impl IntoIterator<Item = &'v AssessmentView>, of: RowsOf, na: &str) -> Self {
        let mut n = [0usize; 6];
        let mut total = 0;
        for a in assessments {
            total += 1;
            let i = match a.key.as_str() {
                "reached" => 0,
                "right" => 1,
                "unchanged" => 2,
                "wrong" => 3,
                "na" => 5,
                _ => 4,
            };
            n[i] += 1;
        }
        let marks: Vec<AssessmentView> = Assessment::ALL
            .into_iter()
            .map(AssessmentView::of)
            .chain([AssessmentView::missing("saknar värden".into()), AssessmentView::none(na.to_lowercase())])
            .collect();
        let labels = ["Målet nått", "I rätt riktning", "Oförändrade", "I fel riktning", "Saknar värden", na];
        let rows = marks
            .into_iter()
            .zip(labels)
            .zip(n)
            .map(|((assessment, label), count)| CountView { assessment, label: label.to_owned(), count })
            .collect();
        let verbs = [
            format!("{} nått målet", n[0]),
            format!("{} går i rätt riktning", n[1]),
            format!("{} {}", n[2], if n[2] == 1 { "är oförändrad" } else { "är oförändrade" }),
            format!("{} går i fel riktning", n[3]),
            format!("{} saknar värden", n[4]),
        ];
        let of_rows = if total == of.indicators {
            match total {
                1 => "Av den enda indikatorn har".to_owned(),
                t => format!("Av de {t} indikatorerna har"),
            }
        } else {
            let split = match of.split {
                1 => "en av dem följs för kvinnor och män var för sig".to_owned(),
                k => format!("{k} av dem följs för kvinnor och män var för sig"),
            };
            format!(
                "Sammanfattningen har {total} rader för de {} indikatorerna ({split}). Av raderna har",
                of.indicators
            )
        };
        let na_part = if n[5] > 0 { format!("; {} {}", n[5], na.to_lowercase()) } else { String::new() };
        let sentence = format!("{of_rows} {}{na_part}.", swedish::join_and(&verbs));
        Self { sentence, rows, total }
    }
}

/// A goal's rows in a table of every indicator: the summary page's, the overview's matrix.
#[derive(Serialize)]
pub struct GoalRowsView<R> {
    /// The goal's heading.
    pub heading: String,
    /// Where the goal is, on served pages.
    pub source: Option<SourcePlace>,
    /// One row per indicator (per KPI for indicators with several labelled KPIs).
    pub rows: Vec<R>,
}

/// A goal with its indicators, as an annex and the county overview show it.
#[derive(Serialize)]
pub struct GoalView<C> {
    /// Heading.
    pub heading: String,
    /// Where the goal is, on served pages.
    pub source: Option<SourcePlace>,
    /// Its indicators.
    pub indicators: Vec<IndicatorView<C>>,
}

/// An indicator with its direction, target and KPIs; `C` is the chart of each KPI (the annex's
/// trend chart, the overview's dot chart).
#[derive(Serialize)]
pub struct IndicatorView<C> {
    /// The indicator as worded.
    pub text: String,
    /// Where the indicator is, on served pages.
    pub source: Option<SourcePlace>,
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
    /// What the values measure, for labels and chart titles: "Kolada N15428: Elever i åk 9 som
    /// är behöriga …, andel (%).", or the own values' source ("Barnhälsovården.").
    pub name: String,
    /// Where the raw values come from, as Kolada's terms of use cite it: "Källa: Kolada,
    /// N15428: Elever i åk 9 som är behöriga …, andel (%).", "Källa: Barnhälsovården." (a
    /// sentence).
    pub source: String,
    /// Remarks, each a sentence ("Nyckeltalet finns bara för regioner.").
    pub notes: Vec<String>,
    /// The mark of the figures perspektiv computes ("Förändring och bedömning: egen bearbetning
    /// av data från Kolada."), as Kolada's terms of use ask.
    pub processing: String,
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
    /// The column of the places among the country's municipalities (or regions), when a row
    /// has one ("Plats i landet 2023").
    pub rank_header: Option<String>,
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
    /// Where the sources name the KPI (or, for own values, the indicator), on served pages
    /// (`source` is the sentence that cites where the values come from).
    pub place: Option<SourcePlace>,
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
    /// A party's place among the country's municipalities (or regions) in the latest year, when
    /// the values cover the whole country (see [`super::rank`]).
    pub rank: Option<RankView>,
}

/// The values of a KPI in its period's latest year for every area of a kind, when the values
/// cover the whole country; else how many of the country's areas they cover.
enum Field {
    /// Kolada's total value of every area of the kind that has one, by area.
    Whole(BTreeMap<&'static str, f64>),
    /// Only `covered` of the country's `total` areas of the kind have a value in `year`.
    Partial { covered: usize, total: usize, year: i32 },
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

/// Where a measure's values come from.
#[derive(Clone, Copy, Debug)]
pub enum Origin<'a> {
    /// A Kolada KPI of the indicator (with its complement and label).
    Kolada(&'a KpiRef),
    /// The unit's own values (`values/*.xlsx`, `values/*.csv`) of an indicator that no KPI
    /// measures, from its `data_source` ("Barnhälsovården"), when it names one.
    Own(Option<&'a str>),
}

/// A KPI of an indicator as the annexes show it, or the unit's own values of an indicator that
/// no KPI measures, with its period and yardstick.
pub struct Measure<'a> {
    /// The indicator.
    pub indicator: &'a Indicator,
    /// Where the values come from.
    pub origin: Origin<'a>,
    /// The KPI in the catalogue.
    pub kpi: Option<&'a Kpi>,
    /// What the values are.
    pub unit: KpiUnit,
    /// The two years compared; `None` when no area has a value.
    pub period: Option<Period>,
    /// What a change is judged against.
    pub yardstick: Yardstick,
}

impl<'a> Measure<'a> {
    /// Whether Kolada publishes the KPI for parties of `kind`.
    pub fn covers(&self, kind: PartyKind) -> bool {
        self.kpi.is_none_or(|k| k.municipality_type.covers(kind))
    }

    /// "Andel (%), Kolada N15428"; "Andel (%), Barnhälsovården" for own values.
    pub fn describe(&self) -> String {
        format!("{}, {}", self.unit.label(), self.code())
    }

    /// What the values are named by in a table or spreadsheet: "Kolada N15428", or the own
    /// values' source ("Barnhälsovården"; "egna värden" when the indicator names none).
    pub fn code(&self) -> String {
        match self.origin {
            Origin::Kolada(k) => format!("Kolada {}", k.kpi),
            Origin::Own(source) => source.unwrap_or("egna värden").to_owned(),
        }
    }

    /// The KPI's id ("N15428"), or the own values' source ("Barnhälsovården").
    pub fn id(&self) -> String {
        match self.origin {
            Origin::Kolada(k) => k.kpi.to_string(),
            Origin::Own(_) => self.code(),
        }
    }

    /// The source of the raw values, as the terms of use name it: "Kolada", or the own values'
    /// source.
    pub fn source_name(&self) -> String {
        match self.origin {
            Origin::Kolada(_) => "Kolada".to_owned(),
            Origin::Own(_) => self.code(),
        }
    }

    /// What the values are when the indicator turns Kolada's around (`complement = true`):
    /// "100 minus Koladas värde (egen bearbetning)".
    pub fn complement_mark(&self) -> Option<&'static str> {
        match self.origin {
            Origin::Kolada(k) if k.complement => Some("100 minus Koladas värde (egen bearbetning)"),
            _ => None,
        }
    }

    /// Whether the measure is compared with the municipality group `g`: the group names no
    /// KPIs, or this one.
    pub fn compares_with(&self, g: &crate::sources::parties::PartyGroup) -> bool {
        match (&g.kpis, self.kpi) {
            (None, _) => true,
            (Some(kpis), Some(k)) => kpis.contains(&k.id),
            (Some(_), None) => false,
        }
    }

    /// The KPI's label (women, men), if any.
    fn label(&self) -> Option<&'a str> {
        match self.origin {
            Origin::Kolada(k) => k.label.as_deref(),
            Origin::Own(_) => None,
        }
    }

    /// The indicator's text with the KPI's label, if any ("…, kvinnor").
    pub fn indicator_text(&self) -> String {
        match self.label() {
            Some(label) => format!("{} ({label})", self.indicator.text.trim_end_matches('.')),
            None => self.indicator.text.clone(),
        }
    }

    /// The sentences that explain the KPI: label, complement, the areas it exists for, why only
    /// the direction is judged, a retired KPI; where own values come from.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(label) = self.label() {
            notes.push(format!("Gäller {label}."));
        }
        match self.origin {
            Origin::Kolada(k) if k.complement => {
                notes.push("Kolada mäter motsatsen; värdena här är 100 minus Koladas värde.".to_owned());
            }
            Origin::Own(_) => {
                notes.push(format!("Indikatorn finns inte i Kolada; värdena kommer från {}.", self.code()));
            }
            Origin::Kolada(_) => {}
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
    /// The period of each indicator with own values, by its id, likewise.
    own_periods: BTreeMap<&'a str, Period>,
    /// Each KPI's values in its period's latest year across the country, by kind of area.
    fields: BTreeMap<(&'a str, PartyKind), Field>,
    /// Whether the views carry their source places (see [`Ctx::with_places`]).
    placed: bool,
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
        let mut own_periods = BTreeMap::new();
        if let Some(rule) = follow_up {
            for ind in s.goals.data.goal.iter().flat_map(|g| &g.indicator).filter(|i| i.kolada.is_empty()) {
                let id = ind.id.as_str();
                let latest = areas.iter().filter_map(|a| values.own_periods(id, a).last().copied()).max();
                if let Some(latest) = latest {
                    own_periods.insert(id, rule.period(latest));
                }
            }
        }
        let fields = fields(values, &periods);
        Self { s, values, follow_up, ix: Index::new(s), periods, own_periods, fields, placed: false }
    }

    /// The context whose views carry the source place of each passage (the goals, indicators,
    /// KPIs, representatives and calendar months), as the document's do on the pages `serve`
    /// shows: through the document's own [`Lookup`].
    #[must_use]
    pub fn with_places(mut self) -> Self {
        self.placed = true;
        self
    }

    /// The document's builders over this context's index: the views' source places.
    pub(crate) fn lookup(&self) -> Lookup<'_, 'a> {
        Lookup::new(&self.ix, self.placed)
    }

    /// The place of the value at the key `key` gives in `goals.toml`, when the views carry
    /// places (the key is only looked for then).
    fn in_goals(&self, key: impl FnOnce() -> Option<String>) -> Option<SourcePlace> {
        let key = if self.placed { key()? } else { return None };
        self.lookup().at(&self.s.goals, || key)
    }

    /// The key of an indicator in `goals.toml`: `goal[1].indicator[3]`.
    fn indicator_key(&self, ind: &Indicator) -> Option<String> {
        let goals = &self.s.goals.data.goal;
        goals
            .iter()
            .enumerate()
            .find_map(|(i, g)| position(&g.indicator, ind).map(|j| format!("goal[{i}].indicator[{j}]")))
    }

    /// Where an indicator is, on served pages.
    pub fn indicator_place(&self, ind: &Indicator) -> Option<SourcePlace> {
        self.in_goals(|| self.indicator_key(ind))
    }

    /// Where a measure is, on served pages: its KPI among the indicator's (`kolada[0]`), or the
    /// indicator for own values.
    pub fn measure_place(&self, m: &Measure<'_>) -> Option<SourcePlace> {
        self.in_goals(|| {
            let at = self.indicator_key(m.indicator)?;
            Some(match m.origin {
                Origin::Kolada(k) => match position(&m.indicator.kolada, k) {
                    Some(k) => format!("{at}.kolada[{k}]"),
                    None => at,
                },
                Origin::Own(_) => at,
            })
        })
    }

    /// A party's place among the country's areas of its kind in the measure's latest year: `None`
    /// when the party has no value then, or the values do not cover the whole country.
    pub fn rank(&self, m: &Measure<'_>, code: &str, kind: PartyKind) -> Option<RankView> {
        let Origin::Kolada(k) = m.origin else { return None };
        let Some(Field::Whole(all)) = self.fields.get(&(k.kpi.as_str(), kind)) else {
            return None;
        };
        if !m.covers(kind) {
            return None;
        }
        let own = k.indicator_value(*all.get(code)?);
        let values: Vec<f64> = all.values().map(|v| k.indicator_value(*v)).collect();
        Rank::among(own, &values, m.indicator.direction).map(|r| RankView::of(r, kind))
    }

    /// Where a spreadsheet's value replaces Kolada's (`ersätter = ja`) in the measure's period,
    /// for `areas` (name, code): the note that says so, as the values are then not Kolada's
    /// ("Egna värden ersätter Koladas för Arvika 2023 och Riket 2018.").
    pub fn corrections_note(&self, m: &Measure<'_>, areas: &[(String, &str)]) -> Option<String> {
        let (Origin::Kolada(k), Some(p)) = (m.origin, m.period) else { return None };
        let mut found = Vec::new();
        for (name, code) in areas {
            let years: Vec<String> = (p.from..=p.to)
                .filter(|y| {
                    [Gender::Total, Gender::Women, Gender::Men]
                        .into_iter()
                        .any(|g| self.values.from_sheet(k.kpi.as_str(), code, *y, g))
                })
                .map(|y| y.to_string())
                .collect();
            if !years.is_empty() {
                found.push(format!("{name} {}", swedish::join_and(&years)));
            }
        }
        (!found.is_empty())
            .then(|| format!("Egna värden ersätter Koladas för {}.", swedish::join_and(&found)))
    }

    /// A municipality group's name as the annexes show it: Kolada's title from `kolada.toml`, or
    /// "Kommungrupp G37411" before `kolada fetch` has fetched it.
    pub fn group_title(&self, id: &crate::sources::ids::MunicipalityGroupId) -> String {
        match self.s.kolada.data.group(id) {
            Some(g) => g.title.clone(),
            None => format!("Kommungrupp {id}"),
        }
    }

    /// Whether the values of any KPI cover the whole country's areas of `kind` (of either kind
    /// with `None`), so that rows give places.
    pub fn any_rank(&self, kind: Option<PartyKind>) -> bool {
        self.fields
            .iter()
            .any(|((_, k), f)| kind.is_none_or(|kind| *k == kind) && matches!(f, Field::Whole(_)))
    }

    /// Why the measure shows no places among the country's areas of `kind`, when its values
    /// cover only part of them; naming `who` it concerns, among parties of another kind.
    pub fn rank_note(&self, m: &Measure<'_>, kind: PartyKind, who: Option<&str>) -> Option<String> {
        let Origin::Kolada(k) = m.origin else { return None };
        match self.fields.get(&(k.kpi.as_str(), kind)) {
            Some(Field::Partial { covered, total, year }) if m.covers(kind) => {
                Some(partial_note(who, *covered, *total, *year, kind))
            }
            _ => None,
        }
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
    /// none has one). An indicator that no KPI measures is shown by its own values when any area
    /// has one, and by nothing otherwise.
    pub fn measures(&self, ind: &'a Indicator) -> Vec<Measure<'a>> {
        if ind.kolada.is_empty() {
            let Some(period) = self.own_periods.get(ind.id.as_str()).copied() else {
                return Vec::new();
            };
            // Own values are shares unless the target says otherwise; both indicators measured
            // outside Kolada are (övervikt, ofrivillig ensamhet).
            let unit = KpiUnit::Andel;
            return vec![Measure {
                indicator: ind,
                origin: Origin::Own(ind.data_source.as_deref()),
                kpi: None,
                unit,
                period: Some(period),
                yardstick: yardstick(ind.target.as_ref(), unit),
            }];
        }
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
                    origin: Origin::Kolada(kref),
                    kpi,
                    unit,
                    period: self.periods.get(kref.kpi.as_str()).copied(),
                    yardstick: yardstick(ind.target.as_ref(), unit),
                }
            })
            .collect()
    }

    fn value(&self, m: &Measure<'_>, area: &str, year: i32, gender: Gender) -> Option<f64> {
        match m.origin {
            Origin::Kolada(kref) => self.values.indicator(kref, area, year, gender),
            Origin::Own(_) => self.values.own(m.indicator.id.as_str(), area, year, gender),
        }
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
            rank: None,
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
        let (name, source) = match m.origin {
            Origin::Kolada(k) => {
                (format!("Kolada {}: {title}.", k.kpi), format!("Källa: Kolada, {}: {title}.", k.kpi))
            }
            Origin::Own(_) => (format!("{}.", m.code()), format!("Källa: {}.", m.code())),
        };
        let ranked = body.rows.iter().any(|r| r.rank.is_some());
        let what = match (body.order.is_some(), ranked) {
            (true, true) => "Förändring, bedömning, plats i landet och ordning",
            (true, false) => "Förändring, bedömning och ordning",
            (false, true) => "Förändring, bedömning och plats i landet",
            (false, false) => "Förändring och bedömning",
        };
        let rank_header = ranked.then(|| format!("Plats i landet {to_year}"));
        MeasureView {
            name,
            source,
            notes: body.notes,
            processing: own_processing(what, &m.source_name()),
            unit: m.unit.label().to_owned(),
            period,
            from_year,
            to_year,
            change_header,
            rank_header,
            order: body.order,
            rows: body.rows,
            chart: body.chart,
            alt: body.alt,
            place: self.measure_place(m),
        }
    }

    /// Every goal with its indicators, each KPI shown by `measure`.
    pub fn goals<C>(&self, measure: impl Fn(&Measure<'a>) -> MeasureView<C>) -> Vec<GoalView<C>> {
        self.s
            .goals
            .data
            .goal
            .iter()
            .enumerate()
            .map(|(i, g)| GoalView {
                heading: goal_heading(g),
                source: self.in_goals(|| Some(format!("goal[{i}]"))),
                indicators: g
                    .indicator
                    .iter()
                    .enumerate()
                    .map(|(j, ind)| IndicatorView {
                        text: ind.text.clone(),
                        source: self.in_goals(|| Some(format!("goal[{i}].indicator[{j}]"))),
                        direction: direction_text(ind.direction),
                        target: target_sentence_end(ind.target.as_ref()),
                        note: self.no_kolada_note(ind),
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
            .enumerate()
            .map(|(i, g)| GoalRowsView {
                heading: goal_heading(g),
                source: self.in_goals(|| Some(format!("goal[{i}]"))),
                rows: rows(g),
            })
            .collect()
    }

    /// What the rows of [`Self::goal_rows`] stand for: every indicator, and those with more than
    /// one row.
    pub fn rows_of(&self) -> RowsOf {
        let all: Vec<usize> = self
            .s
            .goals
            .data
            .goal
            .iter()
            .flat_map(|g| &g.indicator)
            .map(|i| self.measures(i).len())
            .collect();
        RowsOf { indicators: all.len(), split: all.iter().filter(|n| **n > 1).count() }
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

    /// The sources of the own values shown (each indicator's `data_source`), in the goals' order.
    pub fn own_sources(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for ind in self.s.goals.data.goal.iter().flat_map(|g| &g.indicator) {
            if self.own_periods.contains_key(ind.id.as_str()) {
                let name = ind.data_source.clone().unwrap_or_else(|| "egna värden".to_owned());
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }

    /// The sources of the raw values and the mark of the figures computed from them, for the
    /// introductions, the summary and the matrix: "Källa: Kolada. Förändring och bedömning:
    /// egen bearbetning av data från Kolada."
    pub fn sources_and_processing(&self, what: &str) -> String {
        let own = self.own_sources();
        let mut from = vec!["Kolada".to_owned()];
        from.extend(own.iter().cloned());
        format!("{} {}", sources_sentence(&own), own_processing(what, &swedish::join_and(&from)))
    }

    /// The sources named in an introduction: Kolada with its publisher, the own values'
    /// sources, and the mark of the figures computed from them (places among the country's areas
    /// of `kind`, or of either kind with `None`, among them when there are any).
    pub fn intro_sources(&self, kind: Option<PartyKind>) -> String {
        let own = self.own_sources();
        let mut from = vec!["Kolada".to_owned()];
        from.extend(own.iter().cloned());
        let mut cited = vec!["Kolada (Rådet för främjande av kommunala analyser, RKA)".to_owned()];
        cited.extend(own);
        format!(
            "Källa: {}. {} är egen bearbetning av data från {}.",
            swedish::join_and(&cited),
            if self.any_rank(kind) {
                "Förändringar, bedömningar och platser i landet"
            } else {
                "Förändringar och bedömningar"
            },
            swedish::join_and(&from)
        )
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

/// Every KPI's values in its period's latest year, for every municipality and every region of the
/// country, when (nearly) each of them has a value then (see [`super::rank`]).
fn fields<'a>(values: &Values, periods: &BTreeMap<&'a str, Period>) -> BTreeMap<(&'a str, PartyKind), Field> {
    let official = crate::kolada::areas::official();
    let mut out = BTreeMap::new();
    for (&kpi, period) in periods {
        for kind in [PartyKind::Municipality, PartyKind::Region] {
            let areas = official.of(kind);
            let with_value: BTreeMap<&'static str, f64> = areas
                .iter()
                .filter_map(|a| values.get(kpi, a, period.to, Gender::Total).map(|v| (*a, v)))
                .collect();
            let field = if super::rank::covers_country(with_value.len(), areas.len()) {
                Field::Whole(with_value)
            } else {
                Field::Partial { covered: with_value.len(), total: areas.len(), year: period.to }
            };
            out.insert((kpi, kind), field);
        }
    }
    out
}

impl Ctx<'_> {
    /// The note of an indicator without a Kolada KPI and without own values (an indicator
    /// shown by its own values says where they come from in its measure's notes).
    pub fn no_kolada_note(&self, ind: &Indicator) -> Option<String> {
        if !ind.kolada.is_empty() || self.own_periods.contains_key(ind.id.as_str()) {
            return None;
        }
        Some(no_values_note(ind))
    }
}

/// The note of an indicator that no KPI measures and that has no own values.
fn no_values_note(ind: &Indicator) -> String {
    match &ind.data_source {
        Some(src) => {
            format!(
                "Indikatorn finns inte i Kolada; värdena kommer från {src}. Uppgift saknas i denna bilaga."
            )
        }
        None => "Indikatorn finns inte i Kolada. Uppgift saknas i denna bilaga.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{DirTree, load};

    fn sources() -> Result<Sources, String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sources");
        load(&DirTree::new(&root), 2023).map(|(s, _)| s).map_err(|r| format!("{} problems", r.problems.len()))
    }

    #[test]
    fn the_counts_say_what_the_rows_are_and_keep_apart_what_does_not_exist_for_the_party() {
        let a = |key: Assessment| AssessmentView::of(key);
        let rows = [
            a(Assessment::Reached),
            a(Assessment::Right),
            a(Assessment::Wrong),
            AssessmentView::missing("uppgift saknas".into()),
            AssessmentView::none("finns inte för kommuner".into()),
        ];
        let one_each = RowsOf { indicators: 5, split: 0 };
        let c = CountsView::of(&rows, one_each, "Finns inte för kommuner");
        assert_eq!(
            c.sentence,
            "Av de 5 indikatorerna har 1 nått målet, 1 går i rätt riktning, 0 är oförändrade, 1 går i fel riktning och 1 saknar värden; 1 finns inte för kommuner."
        );
        let counts: Vec<(&str, usize)> = c.rows.iter().map(|r| (r.label.as_str(), r.count)).collect();
        assert_eq!(
            counts,
            [
                ("Målet nått", 1),
                ("I rätt riktning", 1),
                ("Oförändrade", 0),
                ("I fel riktning", 1),
                ("Saknar värden", 1),
                ("Finns inte för kommuner", 1)
            ]
        );
        // An indicator with a row for women and one for men: the sentence counts rows.
        let c = CountsView::of(&rows[..4], RowsOf { indicators: 3, split: 1 }, "Finns inte för kommuner");
        assert_eq!(
            c.sentence,
            "Sammanfattningen har 4 rader för de 3 indikatorerna (en av dem följs för kvinnor och män var för sig). Av raderna har 1 nått målet, 1 går i rätt riktning, 0 är oförändrade, 1 går i fel riktning och 1 saknar värden."
        );
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
                    v.source.starts_with(&format!("Källa: Kolada, {}: ", m.id())) && v.source.ends_with('.'),
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
