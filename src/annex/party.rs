//! The view of one party's annex: first a summary page (every indicator's latest value, change
//! and assessment), then each indicator's table over the follow-up period against the county and
//! the comparison areas, with a trend chart; the party's representatives and the calendars.

use serde::Serialize;

use super::assess::{Figures, fmt_change, fmt_value};
use super::rank::RankView;
use super::view::{
    AssessmentView, CountsView, Ctx, GoalRowsView, GoalView, Measure, MeasureBody, MeasureView, RowView,
    county, kind_plural,
};
use crate::render::trend::{self, AreaKind, SeriesInput, TrendChart};
use crate::render::view::{CalendarView, MetaView, Replacement, Requirements, SourcePlace, replacements_of};
use crate::sources::Sources;
use crate::sources::common::swedish_date;
use crate::sources::goals::Indicator;
use crate::sources::members::Role;
use crate::sources::parties::{Party, PartyKind};
use crate::sources::values::Gender;
use crate::swedish;
use crate::typeset::contents::MustShow;
use crate::wording::period_text;

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
    /// A rehearsal without values: every page is marked "UTAN VÄRDEN".
    pub rehearsal: bool,
    /// The introduction: what the annex shows and over which period.
    pub intro: String,
    /// The summary page.
    pub summary: SummaryView,
    /// The assessments and their symbols, for the legend.
    pub legend: Vec<AssessmentView>,
    /// The goals and their indicators, in detail.
    pub goals: Vec<GoalView<TrendChart>>,
    /// The party's people in the bodies, one row per person.
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

/// The summary page: one table per goal.
#[derive(Serialize)]
pub struct SummaryView {
    /// The party's column ("Arvika").
    pub party: String,
    /// The county's column ("Länet"), unless the party is the region.
    pub county: Option<String>,
    /// The comparison areas' columns ("Riket").
    pub comparisons: Vec<String>,
    /// The goals.
    pub goals: Vec<GoalRowsView<SummaryRowView>>,
    /// How many indicators have each assessment, on page 1.
    pub counts: CountsView,
    /// Whether a row has a place among the country's municipalities (or regions): the table
    /// then has a column "Plats i landet".
    pub ranked: bool,
    /// The values' sources and the mark of the figures computed from them ("Källa: Kolada.
    /// Förändring och bedömning: egen bearbetning av data från Kolada.").
    pub sources: String,
}

impl SummaryView {
    /// Whether a cell of the summary's tables shows "–": a value that does not exist (a KPI the
    /// party has none of, a year without values) or nothing to assess; the legend then says so.
    fn shows_dash(&self) -> bool {
        self.goals.iter().flat_map(|g| &g.rows).any(|r| {
            let mut cells =
                [&r.period, &r.latest, &r.change].into_iter().chain(&r.county).chain(&r.comparisons);
            cells.any(|c| c == "–") || r.assessment.key == "na" || (self.ranked && r.rank.is_none())
        })
    }
}

/// What "–" means in the legend of the summary.
const DASH_MEANS: &str = "finns inte eller inget att bedöma";

/// An indicator on the summary page.
#[derive(Serialize)]
pub struct SummaryRowView {
    /// The indicator as worded, with the KPI's label when it has one ("…, kvinnor").
    pub indicator: String,
    /// Where the sources name the KPI (or the indicator), on served pages.
    pub source: Option<SourcePlace>,
    /// What is measured and where from ("Andel (%), Kolada N15428").
    pub measure: String,
    /// "2018–2023", or "–" without values.
    pub period: String,
    /// The party's latest value ("44,7"), or why there is none.
    pub latest: String,
    /// The change over the period with its unit ("+3,0 p.e."), or "–".
    pub change: String,
    /// The county's latest value, when there is a county column.
    pub county: Option<String>,
    /// The comparison areas' latest values.
    pub comparisons: Vec<String>,
    /// The party's assessment.
    pub assessment: AssessmentView,
    /// The party's place among the country's municipalities (or regions) in the latest year,
    /// when the values cover the whole country.
    pub rank: Option<RankView>,
}

/// A person of the party in the bodies: one row, however many roles.
#[derive(Serialize)]
pub struct RepresentativeView {
    /// Name.
    pub name: String,
    /// Where the person is in `members.toml`, on served pages.
    pub source: Option<SourcePlace>,
    /// Title.
    pub title: String,
    /// Each role: "Ledamot i Politisk styrgrupp från och med 1 januari 2023".
    pub roles: Vec<String>,
}

/// The annex's table and trend chart of a KPI: the party, its women and men, the county,
/// the comparison areas, and in the table the municipality groups the party compares with.
fn measure(ctx: &Ctx<'_>, m: &Measure<'_>, party: &Party, county: Option<&Party>) -> MeasureView<TrendChart> {
    let mut rows = Vec::new();
    let mut chart_series = Vec::new();
    let mut areas: Vec<(String, &str, AreaKind)> =
        vec![(party.name.clone(), party.code.as_str(), AreaKind::Party)];
    if let Some(c) = county.filter(|c| c.id != party.id) {
        areas.push((c.name.clone(), c.code.as_str(), AreaKind::County));
    }
    for c in &ctx.s.parties.data.comparison {
        areas.push((c.name.clone(), c.code.as_str(), AreaKind::Comparison));
    }
    // The municipality groups the party compares with: rows of the table (the chart keeps to
    // the party, the county and the comparison areas, each with a line style of its own).
    let groups: Vec<(String, &str)> = if m.covers(party.kind) {
        party
            .group
            .iter()
            .filter(|g| m.compares_with(g))
            .map(|g| (ctx.group_title(&g.id), g.id.as_str()))
            .collect()
    } else {
        Vec::new()
    };
    // The areas a correction of Kolada's values is named for: those of the table and the chart.
    let named: Vec<(String, &str)> = areas.iter().map(|(name, code, _)| (name.clone(), *code)).collect();
    for (name, code, kind) in areas {
        if kind == AreaKind::Party && !m.covers(party.kind) {
            let why = format!("finns inte för {}", kind_plural(party.kind));
            rows.push(RowView {
                area: name,
                kind: "party".into(),
                from: "–".into(),
                to: "–".into(),
                change: "–".into(),
                assessment: AssessmentView::none(why),
                rank: None,
            });
            continue;
        }
        let kind_key = match kind {
            AreaKind::Party => "party",
            AreaKind::County => "county",
            AreaKind::Comparison => "comparison",
        };
        let mut row = ctx.area_row(m, name.clone(), kind_key, code, Gender::Total);
        if kind == AreaKind::Party {
            row.rank = ctx.rank(m, code, party.kind);
        }
        rows.push(row);
        chart_series.push(SeriesInput {
            name: name.clone(),
            kind,
            points: ctx.series(m, code, Gender::Total),
        });
        if kind == AreaKind::Party && ctx.has_genders(m, code) {
            for (gender, word) in [(Gender::Women, "kvinnor"), (Gender::Men, "män")] {
                rows.push(ctx.area_row(m, format!("{name}, {word}"), "gender", code, gender));
            }
        }
    }
    for (name, code) in groups {
        rows.push(ctx.area_row(m, name, "group", code, Gender::Total));
    }
    let (chart, alt) = match m.period {
        Some(p) => {
            let alt = trend::alt_text(m.unit.label(), p.from, p.to, &chart_series, &fmt_value);
            (TrendChart::new(chart_series, p.from, p.to, m.unit.label()), alt)
        }
        None => (None, String::new()),
    };
    let mut notes = m.notes();
    notes.extend(ctx.corrections_note(m, &named));
    notes.extend(ctx.rank_note(m, party.kind, None));
    ctx.measure_view(m, MeasureBody { notes, order: None, rows, chart, alt })
}

/// The party's latest value in a summary row: "–" when the KPI does not exist for the party
/// (the assessment says so).
fn latest_text(m: &Measure<'_>, f: &Figures, kind: PartyKind) -> String {
    if !m.covers(kind) {
        return "–".to_owned();
    }
    f.to.map_or_else(|| "uppgift saknas".to_owned(), fmt_value)
}

fn summary(ctx: &Ctx<'_>, party: &Party, county: Option<&Party>) -> SummaryView {
    let county = county.filter(|c| c.id != party.id);
    let comparisons = &ctx.s.parties.data.comparison;
    let none = |ind: &Indicator| SummaryRowView {
        indicator: ind.text.clone(),
        source: ctx.indicator_place(ind),
        measure: ind.data_source.as_ref().map_or_else(
            || "Inget nyckeltal i Kolada".to_owned(),
            |d| format!("Inget nyckeltal i Kolada; värdena kommer från {d}"),
        ),
        period: "–".into(),
        latest: "uppgift saknas".into(),
        change: "–".into(),
        county: county.map(|_| "–".into()),
        comparisons: comparisons.iter().map(|_| "–".into()).collect(),
        assessment: AssessmentView::missing("uppgift saknas".into()),
        rank: None,
    };
    let each = |m: &Measure<'_>| {
        let f = ctx.figures(m, party.code.as_str(), Gender::Total);
        let latest_of = |code: &str| {
            ctx.figures(m, code, Gender::Total).to.map_or_else(|| "uppgift saknas".to_owned(), fmt_value)
        };
        SummaryRowView {
            indicator: m.indicator_text(),
            source: ctx.measure_place(m),
            measure: m.describe(),
            period: m.period.map_or_else(|| "–".to_owned(), |p| p.to_string()),
            latest: latest_text(m, &f, party.kind),
            change: f
                .change
                .filter(|_| m.covers(party.kind))
                .map_or_else(|| "–".to_owned(), |c| format!("{} {}", fmt_change(c), m.unit.change_short())),
            county: county.map(|c| latest_of(c.code.as_str())),
            comparisons: comparisons.iter().map(|c| latest_of(c.code.as_str())).collect(),
            assessment: ctx.party_assessment(m, &f, party.kind),
            rank: ctx.rank(m, party.code.as_str(), party.kind),
        }
    };
    let goals = ctx.goal_rows(none, each);
    let counts = CountsView::of(
        goals.iter().flat_map(|g| &g.rows).map(|r| &r.assessment),
        ctx.rows_of(),
        &format!("Finns inte för {}", kind_plural(party.kind)),
    );
    let ranked = goals.iter().flat_map(|g| &g.rows).any(|r| r.rank.is_some());
    SummaryView {
        counts,
        ranked,
        party: party.name.clone(),
        county: county.map(|_| "Länet".to_owned()),
        comparisons: comparisons.iter().map(|c| c.name.clone()).collect(),
        goals,
        sources: ctx.sources_and_processing(if ranked {
            "Förändring, bedömning och plats i landet"
        } else {
            "Förändring och bedömning"
        }),
    }
}

/// The party's people in the bodies on the document's date: each seat in force then, a seat
/// that took over another with its predecessor ("efterträder Åsa Ek"), a seat to be taken over
/// with its successor; a person whose seats have all ended (or not yet begun) is not listed.
fn representatives(ctx: &Ctx<'_>, party: &Party) -> Vec<RepresentativeView> {
    let s = ctx.s;
    let day = s.document.data.date;
    let in_force = |r: &Role| r.from.is_none_or(|f| f <= day) && r.until.is_none_or(|u| day <= u);
    let pairs: Vec<Replacement<'_>> =
        s.groups.data.group.iter().flat_map(|g| replacements_of(&ctx.ix, &g.id)).collect();
    let mut out: Vec<RepresentativeView> = Vec::new();
    let look = ctx.lookup();
    for (i, m) in s.members.data.member.iter().enumerate() {
        let mut roles = Vec::new();
        let mut title = None;
        for r in m.role.iter().filter(|r| in_force(r)) {
            if r.organisation.as_ref().or(m.organisation.as_ref()) != Some(&party.id) {
                continue;
            }
            let body = ctx.ix.body(r.body.as_str()).map_or_else(|| r.body.to_string(), |g| g.name.clone());
            let period = period_text(r.from, r.until).map(|p| format!(" {p}")).unwrap_or_default();
            let mut text = format!("{} i {body}{period}", swedish::capitalize(r.role.swedish()));
            if let Some(p) = pairs.iter().find(|p| std::ptr::eq(p.successor.1, r)) {
                text.push_str(&format!(" (efterträder {})", p.leaver.0.name));
            }
            if let Some(p) = pairs.iter().find(|p| std::ptr::eq(p.leaver.1, r)) {
                let from =
                    p.successor.1.from.map(|d| format!(" från {}", swedish_date(d))).unwrap_or_default();
                text.push_str(&format!(" (efterträds av {}{from})", p.successor.0.name));
            }
            roles.push(text);
            title = title.or_else(|| r.title.clone());
        }
        if roles.is_empty() {
            continue;
        }
        out.push(RepresentativeView {
            name: m.name.clone(),
            source: look.at(&s.members, || format!("member[{i}]")),
            title: title.or_else(|| m.title.clone()).unwrap_or_default(),
            roles,
        });
    }
    out
}

/// The annex view of `party`.
pub(super) fn view(ctx: &Ctx<'_>, party: &Party) -> AnnexView {
    let s = ctx.s;
    let county = county(&s.parties.data.party, party);
    let kind = if party.kind == PartyKind::Region { "region" } else { "kommun" };
    let mark = ctx.rehearsal_mark();
    // "Region Värmland (länet) och riket": the county, then the comparison areas of
    // parties.toml, then the party's municipality groups.
    let mut compared: Vec<String> =
        county.filter(|c| c.id != party.id).map(|c| format!("{} (länet)", c.name)).into_iter().collect();
    compared.extend(s.parties.data.comparison.iter().map(|c| c.in_sentence().to_owned()));
    if !party.group.is_empty() {
        let titles: Vec<String> = party.group.iter().map(|g| ctx.group_title(&g.id)).collect();
        let word = if titles.len() == 1 { "kommungruppen" } else { "kommungrupperna" };
        compared.push(format!("{word} {}", swedish::join_and(&titles)));
    }
    let compared = swedish::join_and(&compared);
    let summary = summary(ctx, party, county);
    let intro = format!(
        "Bilagan visar hur {} (kod {}) förflyttar sig i förhållande till Nya Perspektivs gemensamma mål, jämfört med {compared}. {} Först sammanfattas alla indikatorer i bilaga 1; därefter följer varje indikator med tabell och diagram. {}",
        party.official_name,
        party.code.as_str(),
        ctx.period_sentence(),
        ctx.intro_sources(Some(party.kind)),
    );
    AnnexView {
        meta: ctx.meta(
            format!("Aktuellt perspektiv {} – {}{mark}", s.year, party.official_name),
            format!("Aktuellt perspektiv {} – {}{mark}", s.year, party.name),
            format!(
                "Hur {} förflyttar sig i förhållande till Nya Perspektivs gemensamma mål",
                party.official_name
            ),
            &party.name,
        ),
        draft: None,
        party: PartyView {
            name: party.name.clone(),
            official_name: party.official_name.clone(),
            code: party.code.as_str().to_owned(),
            kind: kind.to_owned(),
        },
        year: s.year,
        rehearsal: ctx.rehearsal(),
        intro,
        legend: {
            let mut legend = AssessmentView::legend();
            if summary.shows_dash() {
                legend.push(AssessmentView::none(DASH_MEANS.into()));
            }
            legend
        },
        summary,
        goals: ctx.goals(|m| measure(ctx, m, party, county)),
        representatives: representatives(ctx, party),
        calendars: s.appendices.data.calendar.iter().map(|c| ctx.lookup().calendar(c)).collect(),
        compared,
    }
}

impl AnnexView {
    /// What the typeset annex must show: the party, every goal and indicator, and every one of
    /// the party's people in the bodies.
    pub fn must_show(&self, s: &Sources) -> MustShow {
        let mut req = Requirements::new(s);
        req.party(&self.party.official_name);
        for g in &self.goals {
            req.goal(&g.heading);
            g.indicators.iter().for_each(|i| req.indicator(&i.text));
        }
        self.representatives.iter().for_each(|r| req.person(&r.name));
        req.finish()
    }
}
