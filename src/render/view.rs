//! Typed views: the data the templates see, shaped from the sources.
//!
//! Everything a template prints is prepared here: texts resolved from ids, members grouped into
//! compositions and sorted the Swedish way, dates in Swedish. The views belong to no output
//! format: prose stays Markdown ([`Prose`]), and each format's `prose` filter writes it.

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::value::{Object, ObjectRepr, Value};
use serde::{Serialize, Serializer};

use super::chart::{self, ChartLayout, TreeNode};
use crate::diagnostics::KeyPath;
use crate::markdown::{self, Headings};
use crate::sources::Sources;
use crate::sources::appendices::Calendar;
use crate::sources::common::{Date, Markdown, swedish_date};
use crate::sources::document::{Block, Chapter};
use crate::sources::goals::Indicator;
use crate::sources::groups::Term;
use crate::sources::ids::{GroupId, PartyId};
use crate::sources::index::{Index, Seat};
use crate::sources::members::{Member, Role, RoleKind};
use crate::sources::parties::PartyKind;
use crate::swedish;
use crate::typeset::contents::{Kind, MustShow};
use crate::wording::{goal_heading, parties_line, period_caption, period_text, target_text};

/// Width of the text area in mm (A4 with the template's margins); the chart is fitted to it.
pub const TEXT_WIDTH_MM: f64 = 160.0;

/// The longest description of an org chart, in characters: it names every body and whom it
/// reports to in one PDF string, which holds at most 32 767 bytes (four bytes a character at most).
const ORG_CHART_ALT_LIMIT: usize = 8000;

/// Prose from the sources, with the heading levels it may use. Templates print it through their
/// format's `prose` filter (`{{ b.body|prose }}`): Typst markup for the PDFs, HTML for the web
/// edition. It is true in `{% if %}` when it has text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prose {
    /// The Markdown.
    pub markdown: Markdown,
    /// Where headings may appear, and at which levels.
    pub headings: Headings,
}

impl Prose {
    /// Prose with its heading policy.
    pub fn new(markdown: Markdown, headings: Headings) -> Self {
        Self { markdown, headings }
    }

    /// No prose at all.
    pub fn empty() -> Self {
        Self::new(Markdown(String::new()), Headings::Forbidden)
    }
}

impl Object for Prose {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn is_true(self: &Arc<Self>) -> bool {
        !self.markdown.as_str().trim().is_empty()
    }
}

impl Serialize for Prose {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Value::from_object(self.clone()).serialize(s)
    }
}

/// Marks of a draft build.
#[derive(Clone, Debug, Serialize)]
pub struct DraftView {
    /// The build date in Swedish ("5 maj 2023").
    pub date: String,
    /// Short commit hash of the sources, with `+` when the working tree has changes.
    pub commit: Option<String>,
    /// The time of the build (now, or `SOURCE_DATE_EPOCH`'s): the draft PDF's date.
    #[serde(skip)]
    pub built: time::OffsetDateTime,
}

/// The whole document.
#[derive(Serialize)]
pub struct DocumentView {
    /// Title, metadata, running header.
    pub meta: MetaView,
    /// The cover.
    pub cover: CoverView,
    /// The chapters.
    pub chapters: Vec<ChapterView>,
    /// The appendices.
    pub appendices: Vec<ChapterView>,
    /// Present for draft builds.
    pub draft: Option<DraftView>,
}

/// Title and metadata.
#[derive(Serialize)]
pub struct MetaView {
    /// "Politiskt inriktningsdokument".
    pub title: String,
    /// "Nya Perspektiv på styrning och ledning".
    pub subtitle: String,
    /// The year.
    pub year: i32,
    /// "Politiskt inriktningsdokument 2023 – Nya Perspektiv på styrning och ledning": the PDF title.
    pub full_title: String,
    /// PDF author.
    pub author: String,
    /// PDF subject.
    pub subject: String,
    /// PDF keywords.
    pub keywords: Vec<String>,
    /// Default running header.
    pub running_header: String,
    /// The edition's date in Swedish.
    pub date: String,
}

/// The cover.
#[derive(Serialize)]
pub struct CoverView {
    /// "Politiskt inriktningsdokument 2023".
    pub title_line: String,
    /// "– Nya Perspektiv på styrning och ledning".
    pub subtitle_line: String,
    /// "Kommunerna Arvika, …, Årjäng samt Region Värmland."
    pub parties_line: String,
    /// Introductory prose.
    pub text: Option<Prose>,
}

/// A chapter or appendix.
#[derive(Serialize)]
pub struct ChapterView {
    /// Stable id (used as a label).
    pub id: String,
    /// The heading as printed ("Bilaga 1 – Nya Perspektivs gemensamma övergripande mål").
    pub heading: String,
    /// Line under the heading.
    pub subtitle: Option<String>,
    /// Running header of the chapter's pages.
    pub running_header: String,
    /// Whether the chapter starts on a new page (the first chapter and every appendix).
    pub new_page: bool,
    /// The content.
    pub blocks: Vec<BlockView>,
}

/// A block of content.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockView {
    /// Prose.
    Text {
        /// The markup.
        body: Prose,
    },
    /// A framed aside.
    Aside {
        /// Heading.
        title: Option<String>,
        /// Text.
        body: Prose,
    },
    /// The overarching goals.
    Goals {
        /// One per goal.
        goals: Vec<GoalView>,
    },
    /// Members of a body.
    Members(MembersView),
    /// Role holders of a body.
    Roles {
        /// Groups of holders by role.
        roles: Vec<RoleGroupView>,
    },
    /// A body presented.
    Group(GroupView),
    /// A remit.
    Remit(RemitView),
    /// Focus areas.
    Areas {
        /// One per area.
        areas: Vec<AreaView>,
    },
    /// The organisation chart.
    OrgChart(OrgChartView),
    /// The indicator tables.
    Indicators(IndicatorsView),
    /// Bilaga 2 entries.
    Adjacent {
        /// One per entry.
        entries: Vec<EntryView>,
    },
    /// A calendar.
    Calendar(CalendarView),
    /// The list of appendices.
    Appendices {
        /// One per appendix.
        items: Vec<AppendixItemView>,
    },
}

/// An overarching goal.
#[derive(Serialize)]
pub struct GoalView {
    /// Its name.
    pub title: String,
    /// Its meaning.
    pub text: Prose,
}

/// Members of a body, by composition.
#[derive(Serialize)]
pub struct MembersView {
    /// The body's name.
    pub body: String,
    /// Whether any row has a political party (the table then has a party column).
    pub has_party: bool,
    /// One table per term of office (one for a body without terms).
    pub compositions: Vec<CompositionView>,
}

/// The members of a body during one period.
#[derive(Serialize)]
pub struct CompositionView {
    /// "Politisk styrgrupp 5 maj 2023 – 31 december 2026".
    pub caption: String,
    /// The rows, sorted.
    pub rows: Vec<MemberRow>,
}

/// One member, or a vacant seat.
#[derive(Serialize)]
pub struct MemberRow {
    /// Name ("Vakant plats" for a vacancy).
    pub name: String,
    /// Party abbreviation.
    pub party: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Organisation, official name.
    pub organisation: Option<String>,
    /// Role, with remark ("ordförande", "ledamot, tillsätts under våren").
    pub role: String,
    /// A seat that ends or starts inside the term: the replacement ("ersatt av Bo Berg från 1
    /// februari 2024", "från 1 februari 2024, ersätter Åsa Ek"), or the date alone ("till och
    /// med 31 januari 2024") when no seat of the same role follows it.
    pub note: Option<String>,
    /// Whether the row is a vacant seat.
    pub vacant: bool,
}

/// Holders of one role.
#[derive(Serialize)]
pub struct RoleGroupView {
    /// "Samordnare", "Utvecklingsledare Nya Perspektiv".
    pub label: String,
    /// The holders.
    pub holders: Vec<HolderView>,
}

/// A role holder.
#[derive(Serialize)]
pub struct HolderView {
    /// Name.
    pub name: String,
    /// Title, organisation, remark: what is not already in the label.
    pub details: Vec<String>,
}

/// A body presented with its direction.
#[derive(Serialize)]
pub struct GroupView {
    /// Heading.
    pub heading: String,
    /// The shared direction.
    pub direction: Option<Prose>,
    /// Functions and professions needed.
    pub functions: Vec<Prose>,
    /// The words before the functions.
    pub functions_title: String,
    /// Note after the functions.
    pub functions_note: Option<String>,
    /// Role holders.
    pub roles: Vec<RoleGroupView>,
}

/// A remit.
#[derive(Serialize)]
pub struct RemitView {
    /// Heading.
    pub title: Option<String>,
    /// Text before the list.
    pub intro: Option<Prose>,
    /// The tasks.
    pub items: Vec<Prose>,
}

/// A focus area.
#[derive(Serialize)]
pub struct AreaView {
    /// The area.
    pub text: String,
    /// Its role holders.
    pub roles: Vec<RoleGroupView>,
}

/// The organisation chart.
#[derive(Serialize)]
pub struct OrgChartView {
    /// Heading.
    pub title: Option<String>,
    /// Layout (for drawing).
    pub layout: ChartLayout,
    /// The bodies as a tree: who reports to whom.
    pub tree: TreeNode,
    /// Alternative text stating the hierarchy.
    pub alt: String,
    /// What the highlight means ("Uppdragen som är blåmarkerade finansieras av statliga
    /// satsningar", without a final full stop), if any body is highlighted.
    pub legend: Option<String>,
    /// The highlighted bodies as the chart names them, joined ("A, B och C"), for the visible
    /// legend.
    pub marked: String,
}

/// Bilaga 1.
#[derive(Serialize)]
pub struct IndicatorsView {
    /// "↓ = minska, ↑ = öka".
    pub legend: String,
    /// "till 2022, i jämförelse med 2017", when the goals say.
    pub period: Option<String>,
    /// One per goal.
    pub goals: Vec<IndicatorGoalView>,
}

/// The indicators of a goal.
#[derive(Serialize)]
pub struct IndicatorGoalView {
    /// Heading.
    pub heading: String,
    /// Sections (by category; one section without heading when there are no categories).
    pub sections: Vec<IndicatorSectionView>,
}

/// Indicators under one category.
#[derive(Serialize)]
pub struct IndicatorSectionView {
    /// Category heading.
    pub category: Option<String>,
    /// Rows.
    pub rows: Vec<IndicatorRowView>,
}

/// One indicator.
#[derive(Serialize)]
pub struct IndicatorRowView {
    /// Text.
    pub text: String,
    /// "↑" or "↓".
    pub arrow: String,
    /// "öka" or "minska".
    pub verb: String,
    /// "2 procentenheter", "minst 2 procentenheter", "anges inte".
    pub target: String,
    /// Where the values come from: Kolada ids, or the named source.
    pub sources: Vec<String>,
}

/// A Bilaga 2 entry.
#[derive(Serialize)]
pub struct EntryView {
    /// Name.
    pub name: String,
    /// Whether the text itself names the entry (the name is then set in bold there, and not
    /// printed again).
    pub named_in_text: bool,
    /// Text.
    pub body: Prose,
}

/// A calendar table.
#[derive(Serialize)]
pub struct CalendarView {
    /// Caption.
    pub caption: Option<String>,
    /// Text before the table.
    pub intro: Option<Prose>,
    /// Heading of the meetings column ("VR/OR"); absent when the calendar has no meeting bodies.
    pub meeting_header: Option<String>,
    /// Column headings of the tracks.
    pub tracks: Vec<String>,
    /// One row per month.
    pub rows: Vec<CalendarRowView>,
}

/// A month of a calendar.
#[derive(Serialize)]
pub struct CalendarRowView {
    /// "Aug 2023", "Sep".
    pub month: String,
    /// "OR 25", "VR (dag ej fastställd)".
    pub meetings: Vec<String>,
    /// One cell per track: its sentences.
    pub cells: Vec<Vec<String>>,
}

/// An item of the list of appendices.
#[derive(Serialize)]
pub struct AppendixItemView {
    /// The appendix's id (the chapter's label).
    pub id: String,
    /// "Bilaga 1".
    pub label: String,
    /// Its title.
    pub title: String,
}

/// Prose of the sources for a view.
fn md(text: &Markdown, headings: Headings) -> Prose {
    Prose::new(text.clone(), headings)
}

/// The builders of the document's views, over the sources' index.
struct Lookup<'i, 'a> {
    s: &'a Sources,
    ix: &'i Index<'a>,
}

impl<'i, 'a> Lookup<'i, 'a> {
    fn new(ix: &'i Index<'a>) -> Self {
        Self { s: ix.sources(), ix }
    }

    fn holders(&self, body: &GroupId) -> Vec<Seat<'a>> {
        self.ix.seats(body).to_vec()
    }

    fn party_kind(&self, id: Option<&PartyId>) -> Option<PartyKind> {
        self.ix.party_kind(id)
    }
}

fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// Replacements inside a term: for each seat, the seat that took it over (`succeeded_by`) or the
/// seat it took over (`succeeds`). A seat that ends inside the term is paired with the seat of
/// the same role that starts after it, nearest in time, preferring the same side.
fn replacements(
    seats: &[Seat<'_>],
    term: &Term,
    side: impl Fn(&Seat<'_>) -> Option<PartyKind>,
) -> Vec<(Option<usize>, Option<usize>)> {
    let ends_early = |r: &Role| r.until.is_some_and(|u| term.until.is_none_or(|tu| u < tu));
    let starts_late = |r: &Role| r.from.is_some_and(|f| term.from.is_none_or(|tf| f > tf));
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = vec![(None, None); seats.len()];
    let mut leaving: Vec<usize> = (0..seats.len()).filter(|&i| ends_early(seats[i].1)).collect();
    leaving.sort_by_key(|&i| seats[i].1.until);
    for l in leaving {
        let (lm, lr) = seats[l];
        let Some(left) = lr.until else { continue };
        let next = (0..seats.len())
            .filter(|&j| pairs[j].1.is_none() && starts_late(seats[j].1))
            .filter(|&j| seats[j].1.role == lr.role && seats[j].0.id != lm.id)
            .filter(|&j| seats[j].1.from.is_some_and(|f| f > left))
            .min_by_key(|&j| (side(&seats[j]) != side(&seats[l]), seats[j].1.from));
        if let Some(j) = next {
            pairs[l].0 = Some(j);
            pairs[j].1 = Some(l);
        }
    }
    pairs
}

impl<'a> Lookup<'_, 'a> {
    /// The side (municipality or region) a seat represents.
    fn side(&self, (m, r): &Seat<'_>) -> Option<PartyKind> {
        self.party_kind(r.organisation.as_ref().or(m.organisation.as_ref()))
    }

    /// The terms of office of a body that lie within a period (`from`, `until`), or, for a body
    /// without terms, the period itself, each with the seats that share a day with it (seats
    /// for a focus area are not part of the composition).
    fn term_seats(
        &self,
        body: &GroupId,
        from: Option<Date>,
        until: Option<Date>,
    ) -> Vec<(Term, Vec<Seat<'a>>)> {
        let all_terms = self.ix.body(body.as_str()).map(|g| g.term.as_slice()).unwrap_or_default();
        let terms: Vec<Term> = if all_terms.is_empty() {
            vec![Term { from, until }]
        } else {
            let block = Term { from, until };
            all_terms.iter().copied().filter(|t| block.contains(t.from, t.until)).collect()
        };
        let holders: Vec<Seat<'a>> =
            self.holders(body).into_iter().filter(|(_, r)| r.area.is_none()).collect();
        terms
            .into_iter()
            .map(|term| {
                let seats = holders.iter().copied().filter(|(_, r)| term.overlaps(r.from, r.until)).collect();
                (term, seats)
            })
            .collect()
    }

    /// The compositions of a body: one per term of office that lies within the block's period
    /// (`from`, `until`), or, for a body without terms, one for the block's period.
    fn members(&self, body: &GroupId, from: Option<Date>, until: Option<Date>) -> MembersView {
        let group = self.ix.body(body.as_str());
        let name = group.map_or(body.as_str(), |g| g.name.as_str()).to_owned();
        let all_terms = group.map(|g| g.term.as_slice()).unwrap_or_default();
        let latest = all_terms.last().copied().unwrap_or(Term { from, until });
        let side = |seat: &Seat<'_>| self.side(seat);
        let mut has_party = false;
        let mut compositions = Vec::new();
        for (term, seats) in self.term_seats(body, from, until) {
            let vacancies =
                if term == latest { group.map(|g| g.vacancy.as_slice()).unwrap_or_default() } else { &[] };
            if seats.is_empty() && vacancies.is_empty() {
                continue;
            }
            let pairs = replacements(&seats, &term, side);
            // Rows sort by role (chair first), then side (municipalities before the region), then
            // surname in Swedish order; a replacement follows the seat it took over; a vacant seat
            // comes last on its side.
            type SortKey = (RoleKind, Option<PartyKind>, bool, String, bool);
            let mut keyed: Vec<(SortKey, MemberRow)> = Vec::new();
            for (i, (m, r)) in seats.iter().enumerate() {
                has_party |= m.party.is_some();
                let org = r.organisation.as_ref().or(m.organisation.as_ref());
                let note = match pairs[i] {
                    (Some(j), _) => seats[j]
                        .1
                        .from
                        .map(|f| format!("ersatt av {} från {}", seats[j].0.name, swedish_date(f))),
                    (_, Some(l)) => {
                        r.from.map(|f| format!("från {}, ersätter {}", swedish_date(f), seats[l].0.name))
                    }
                    _ => {
                        let ends = r.until.filter(|&u| term.until.is_none_or(|tu| u < tu));
                        let starts = r.from.filter(|&f| term.from.is_none_or(|tf| f > tf));
                        period_text(starts, ends)
                    }
                };
                let row = MemberRow {
                    name: m.name.clone(),
                    party: m.party.map(|p| p.abbreviation().to_owned()),
                    title: r.title.clone().or_else(|| m.title.clone()),
                    organisation: org
                        .and_then(|o| self.ix.party(o.as_str()))
                        .map(|p| p.official_name.clone()),
                    role: match &r.remark {
                        Some(remark) => format!("{}, {remark}", r.role.swedish()),
                        None => r.role.swedish().to_owned(),
                    },
                    note,
                    vacant: false,
                };
                let anchor = pairs[i].1.unwrap_or(i);
                let (am, ar) = seats[anchor];
                keyed.push(((ar.role, side(&seats[anchor]), false, am.name.clone(), anchor != i), row));
            }
            for v in vacancies {
                let row = MemberRow {
                    name: "Vakant plats".into(),
                    party: None,
                    title: Some(v.function.clone()),
                    organisation: Some(
                        match v.side {
                            PartyKind::Municipality => "Kommunerna",
                            PartyKind::Region => "Regionen",
                        }
                        .into(),
                    ),
                    role: match &v.note {
                        Some(note) => format!("ledamot, {note}"),
                        None => "ledamot".into(),
                    },
                    note: None,
                    vacant: true,
                };
                keyed.push(((RoleKind::Ledamot, Some(v.side), true, String::new(), false), row));
            }
            keyed.sort_by(|(a, _), (b, _)| {
                (a.0, a.1, a.2)
                    .cmp(&(b.0, b.1, b.2))
                    .then_with(|| swedish::compare(surname(&a.3), surname(&b.3)))
                    .then_with(|| swedish::compare(&a.3, &b.3))
                    .then_with(|| a.4.cmp(&b.4))
            });
            let rows = keyed.into_iter().map(|(_, row)| row).collect();
            compositions
                .push(CompositionView { caption: period_caption(&name, term.from, term.until), rows });
        }
        MembersView { body: name, has_party, compositions }
    }

    fn holder_view(&self, m: &Member, r: &Role, label: &str) -> HolderView {
        let mut details = Vec::new();
        // The title is left out when the label already says it ("Samordnare" for "samordnare Nära vård").
        if let Some(title) = r.title.as_ref().or(m.title.as_ref()) {
            let lower = title.to_lowercase();
            if lower != label.to_lowercase() && !lower.starts_with(r.role.swedish()) {
                details.push(title.clone());
            }
        }
        // The organisation is left out when the remark names it ("representerar Region Värmland").
        if let Some(org) =
            r.organisation.as_ref().or(m.organisation.as_ref()).and_then(|o| self.ix.party(o.as_str()))
            && !r.remark.as_ref().is_some_and(|remark| remark.contains(&org.name))
        {
            details.push(org.name.clone());
        }
        if let Some(remark) = &r.remark {
            details.push(remark.clone());
        }
        HolderView { name: m.name.clone(), details }
    }

    fn role_groups(&self, holders: &[(&Member, &Role)]) -> Vec<RoleGroupView> {
        let mut by_role: BTreeMap<RoleKind, Vec<(&Member, &Role)>> = BTreeMap::new();
        for &(m, r) in holders {
            if r.role != RoleKind::Ledamot {
                by_role.entry(r.role).or_default().push((m, r));
            }
        }
        // Municipalities before the region, then surnames in Swedish order.
        for hs in by_role.values_mut() {
            hs.sort_by(|(ma, ra), (mb, rb)| {
                let ka = self.party_kind(ra.organisation.as_ref().or(ma.organisation.as_ref()));
                let kb = self.party_kind(rb.organisation.as_ref().or(mb.organisation.as_ref()));
                ka.cmp(&kb)
                    .then_with(|| swedish::compare(surname(&ma.name), surname(&mb.name)))
                    .then_with(|| swedish::compare(&ma.name, &mb.name))
            });
        }
        by_role
            .into_iter()
            .map(|(role, hs)| {
                let titles: Vec<Option<&String>> =
                    hs.iter().map(|(m, r)| r.title.as_ref().or(m.title.as_ref())).collect();
                let shared = titles.first().copied().flatten().filter(|t| {
                    titles.iter().all(|x| *x == Some(*t)) && t.to_lowercase().starts_with(role.swedish())
                });
                let label = match shared {
                    Some(title) => swedish::capitalize(title),
                    None if hs.len() > 1 => swedish::capitalize(role.swedish_plural()),
                    None => swedish::capitalize(role.swedish()),
                };
                let holders = hs.iter().map(|(m, r)| self.holder_view(m, r, &label)).collect();
                RoleGroupView { label, holders }
            })
            .collect()
    }

    fn roles(&self, body: &GroupId) -> Vec<RoleGroupView> {
        let holders: Vec<_> = self.holders(body).into_iter().filter(|(_, r)| r.area.is_none()).collect();
        self.role_groups(&holders)
    }

    fn group(&self, body: &GroupId) -> GroupView {
        let g = self.ix.body(body.as_str());
        GroupView {
            heading: g
                .and_then(|g| g.direction.as_ref().and_then(|d| d.title.clone()))
                .or_else(|| g.map(|g| g.name.clone()))
                .unwrap_or_default(),
            direction: g.and_then(|g| g.direction.as_ref()).map(|d| md(&d.text, Headings::Forbidden)),
            functions: g
                .map(|g| g.functions.iter().map(|f| md(f, Headings::Forbidden)).collect())
                .unwrap_or_default(),
            functions_title: g
                .and_then(|g| g.functions_title.clone())
                .unwrap_or_else(|| "Funktioner/professioner som behöver finnas:".into()),
            functions_note: g.and_then(|g| g.functions_note.clone()),
            roles: self.roles(body),
        }
    }

    fn remit(&self, body: &GroupId) -> RemitView {
        let remit = self
            .ix
            .body(body.as_str())
            .and_then(|g| g.remit.as_ref())
            .and_then(|id| self.ix.remit(id.as_str()));
        match remit {
            Some(r) => RemitView {
                title: r.title.clone(),
                intro: r.intro.as_ref().map(|t| md(t, Headings::Forbidden)),
                items: r.items.iter().map(|i| md(i, Headings::Forbidden)).collect(),
            },
            None => RemitView { title: None, intro: None, items: Vec::new() },
        }
    }

    fn areas(&self, body: &GroupId) -> Vec<AreaView> {
        let holders = self.holders(body);
        self.ix
            .body(body.as_str())
            .map(|g| g.area.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|a| {
                let hs: Vec<_> =
                    holders.iter().copied().filter(|(_, r)| r.area.as_ref() == Some(&a.id)).collect();
                AreaView { text: a.text.clone(), roles: self.role_groups(&hs) }
            })
            .collect()
    }

    fn chart_tree(&self, id: &GroupId) -> Option<TreeNode> {
        let g = self.ix.body(id.as_str())?;
        let children = self
            .s
            .groups
            .data
            .group
            .iter()
            .filter(|c| c.in_chart && c.reports_to.as_ref() == Some(id))
            .filter_map(|c| self.chart_tree(&c.id))
            .collect();
        Some(TreeNode {
            label: g.chart_label.clone().unwrap_or_else(|| g.name.clone()),
            highlight: g.state_financed,
            children,
        })
    }

    fn org_chart(&self, root: &GroupId, title: Option<String>, legend: &str) -> OrgChartView {
        let tree = self.chart_tree(root).unwrap_or(TreeNode {
            label: root.to_string(),
            highlight: false,
            children: vec![],
        });
        let mut alt =
            vec!["Organisationsschema för Nya Perspektiv.".to_owned(), format!("Överst: {}.", tree.label)];
        let mut highlighted = Vec::new();
        fn walk(n: &TreeNode, alt: &mut Vec<String>, highlighted: &mut Vec<String>) {
            if n.highlight {
                highlighted.push(n.label.clone());
            }
            if !n.children.is_empty() {
                let names: Vec<String> = n.children.iter().map(|c| c.label.clone()).collect();
                alt.push(format!("Under {}: {}.", n.label, swedish::join_and(&names)));
            }
            for c in &n.children {
                walk(c, alt, highlighted);
            }
        }
        walk(&tree, &mut alt, &mut highlighted);
        let legend = (!highlighted.is_empty()).then(|| legend.trim_end().trim_end_matches('.').to_owned());
        if let Some(legend) = &legend {
            alt.push(format!("{legend}: {}.", swedish::join_and(&highlighted)));
        }
        // Every body is named, within what one PDF string holds.
        let mut alt = alt.join(" ");
        if alt.chars().count() > ORG_CHART_ALT_LIMIT {
            alt = super::trend::shorten(&alt, ORG_CHART_ALT_LIMIT);
        }
        OrgChartView {
            title,
            layout: chart::layout(&tree, TEXT_WIDTH_MM),
            tree,
            alt,
            legend,
            marked: swedish::join_and(&highlighted),
        }
    }

    fn indicators(&self) -> IndicatorsView {
        let goals = &self.s.goals.data;
        let period = match (goals.target_year, goals.baseline_year) {
            (Some(t), Some(b)) => Some(format!("till {t}, i jämförelse med {b}")),
            (Some(t), None) => Some(format!("till {t}")),
            _ => None,
        };
        IndicatorsView {
            legend: "↓ = minska, ↑ = öka".into(),
            period,
            goals: goals
                .goal
                .iter()
                .map(|g| {
                    let mut sections: Vec<IndicatorSectionView> = Vec::new();
                    for ind in &g.indicator {
                        let row = indicator_row(ind);
                        match sections.last_mut() {
                            Some(s) if s.category == ind.category => s.rows.push(row),
                            _ => sections.push(IndicatorSectionView {
                                category: ind.category.clone(),
                                rows: vec![row],
                            }),
                        }
                    }
                    IndicatorGoalView { heading: goal_heading(g), sections }
                })
                .collect(),
        }
    }

    fn calendar(&self, cal: &Calendar) -> CalendarView {
        let short = |id: &GroupId| {
            self.ix
                .body(id.as_str())
                .map(|g| g.short_name.clone().unwrap_or_else(|| g.name.clone()))
                .unwrap_or_else(|| id.to_string())
        };
        let meeting_header = (!cal.meeting_bodies.is_empty())
            .then(|| cal.meeting_bodies.iter().map(short).collect::<Vec<_>>().join("/"));
        CalendarView {
            caption: cal.title.clone(),
            intro: cal.intro.as_ref().map(|t| md(t, Headings::Forbidden)),
            meeting_header,
            tracks: cal.track.iter().map(|t| t.label.clone()).collect(),
            rows: cal
                .month
                .iter()
                .map(|m| CalendarRowView {
                    month: match m.year {
                        Some(y) => format!("{} {y}", m.month.short()),
                        None => m.month.short(),
                    },
                    meetings: m
                        .meeting
                        .iter()
                        .map(|mt| match mt.day {
                            Some(d) => format!("{} {d}", short(&mt.body)),
                            None => format!("{} (dag ej fastställd)", short(&mt.body)),
                        })
                        .collect(),
                    cells: cal
                        .track
                        .iter()
                        .map(|t| m.tasks.get(&t.id).cloned().unwrap_or_default())
                        .collect(),
                })
                .collect(),
        }
    }

    fn block(&self, block: &Block, appendices: &[Chapter]) -> BlockView {
        match block {
            Block::Text(text) => BlockView::Text { body: md(text, Headings::From(2)) },
            Block::Aside(a) => {
                BlockView::Aside { title: a.title.clone(), body: md(&a.text, Headings::Forbidden) }
            }
            Block::Goals(_) => BlockView::Goals {
                goals: self
                    .s
                    .goals
                    .data
                    .goal
                    .iter()
                    .map(|g| GoalView { title: g.title.clone(), text: md(&g.text, Headings::Forbidden) })
                    .collect(),
            },
            Block::Members(b) => BlockView::Members(self.members(&b.body, b.from, b.until)),
            Block::Roles(b) => BlockView::Roles { roles: self.roles(&b.body) },
            Block::Group(b) => BlockView::Group(self.group(&b.body)),
            Block::Remit(b) => BlockView::Remit(self.remit(&b.body)),
            Block::Areas(b) => BlockView::Areas { areas: self.areas(&b.body) },
            Block::OrgChart(c) => BlockView::OrgChart(self.org_chart(&c.root, c.title.clone(), &c.legend)),
            Block::Indicators(_) => BlockView::Indicators(self.indicators()),
            Block::Adjacent(_) => BlockView::Adjacent {
                entries: self
                    .s
                    .appendices
                    .data
                    .adjacent
                    .iter()
                    .map(|e| {
                        let (text, named_in_text) = embolden(&e.text, &e.name);
                        EntryView {
                            name: e.name.clone(),
                            named_in_text,
                            body: md(&text, Headings::Forbidden),
                        }
                    })
                    .collect(),
            },
            Block::Calendar(c) => {
                let cal = self.ix.calendar(c.calendar.as_str());
                match cal {
                    Some(cal) => BlockView::Calendar(self.calendar(cal)),
                    None => BlockView::Text { body: Prose::empty() },
                }
            }
            Block::Appendices(_) => BlockView::Appendices {
                items: appendices
                    .iter()
                    .enumerate()
                    .map(|(i, a)| AppendixItemView {
                        id: a.id.to_string(),
                        label: format!("Bilaga {}", i + 1),
                        title: a.list_title.clone().unwrap_or_else(|| a.title.clone()),
                    })
                    .collect(),
            },
        }
    }

    fn chapter(
        &self,
        c: &Chapter,
        appendix_number: Option<usize>,
        appendices: &[Chapter],
        new_page: bool,
    ) -> ChapterView {
        let doc = &self.s.document.data;
        ChapterView {
            id: c.id.to_string(),
            heading: match appendix_number {
                Some(n) => format!("Bilaga {n} – {}", c.title),
                None => c.title.clone(),
            },
            subtitle: c.subtitle.clone(),
            running_header: c.running_header.clone().unwrap_or_else(|| doc.running_header.clone()),
            new_page,
            blocks: c.block.iter().map(|b| self.block(b, appendices)).collect(),
        }
    }
}

/// Sets the first mention of `name` in the prose in bold, when the prose mentions it as plain
/// text (not inside other Markdown syntax). Returns the prose and whether it did.
fn embolden(text: &Markdown, name: &str) -> (Markdown, bool) {
    let source = text.as_str();
    let Some(at) = source.to_lowercase().find(&name.to_lowercase()) else {
        return (text.clone(), false);
    };
    // The text names the entry. Set the name in bold when it is plain text there; when it is
    // already styled (italics), leave it as it is.
    let end = at + name.len();
    let (Some(before), Some(found), Some(after)) = (source.get(..at), source.get(at..end), source.get(end..))
    else {
        return (text.clone(), true);
    };
    let plain = |s: &str| !s.contains(['*', '_', '[', ']', '`', '<', '\\']);
    if !plain(before) || !plain(found) {
        return (text.clone(), true);
    }
    let candidate = Markdown(format!("{before}**{found}**{after}"));
    // Only if Markdown reads it as strong text: the name must be a bold text of its own.
    let ok = markdown::strong_texts(candidate.as_str()).iter().any(|s| s == found);
    if ok { (candidate, true) } else { (text.clone(), true) }
}

fn indicator_row(ind: &Indicator) -> IndicatorRowView {
    IndicatorRowView {
        text: ind.text.clone(),
        arrow: ind.direction.arrow().into(),
        verb: ind.direction.verb().into(),
        target: target_text(ind.target.as_ref()),
        sources: if ind.kolada.is_empty() {
            ind.data_source.iter().cloned().collect()
        } else {
            ind.kolada.iter().map(|k| k.kpi.to_string()).collect()
        },
    }
}

/// The compositions of a body as its members table shows them: one per term of office.
pub fn members_view(ix: &Index<'_>, body: &GroupId) -> MembersView {
    Lookup::new(ix).members(body, None, None)
}

/// A replacement inside a term of office, as a body's members table notes it ("ersatt av Bo Berg
/// från 1 februari 2024"): a seat that ended inside the term and the seat of the same role that
/// took it over.
#[derive(Clone, Copy, Debug)]
pub struct Replacement<'a> {
    /// The person who left and their seat; its `until` is their last day.
    pub leaver: (&'a Member, &'a Role),
    /// The person who took the seat over and their seat; its `from` is their first day.
    pub successor: (&'a Member, &'a Role),
}

/// Every replacement inside the terms of office of a body, paired as its members table pairs
/// them, in the order of the terms.
pub fn replacements_of<'a>(ix: &Index<'a>, body: &GroupId) -> Vec<Replacement<'a>> {
    let look = Lookup::new(ix);
    let mut out = Vec::new();
    for (term, seats) in look.term_seats(body, None, None) {
        let pairs = replacements(&seats, &term, |seat| look.side(seat));
        for (i, (next, _)) in pairs.into_iter().enumerate() {
            if let Some(j) = next {
                out.push(Replacement { leaver: seats[i], successor: seats[j] });
            }
        }
    }
    out
}

/// The view of one calendar, as Bilaga 4 shows it.
pub fn calendar_view(ix: &Index<'_>, cal: &Calendar) -> CalendarView {
    Lookup::new(ix).calendar(cal)
}

/// Builds the view of the whole document.
pub fn document(s: &Sources, draft: Option<DraftView>) -> DocumentView {
    let ix = Index::new(s);
    let look = Lookup::new(&ix);
    let doc = &s.document.data;
    let year_title = format!("{} {}", doc.title, doc.year);
    DocumentView {
        meta: MetaView {
            title: doc.title.clone(),
            subtitle: doc.subtitle.clone(),
            year: doc.year,
            full_title: format!("{year_title} – {}", doc.subtitle),
            author: doc.author.clone(),
            subject: doc.subject.clone(),
            keywords: doc.keywords.clone(),
            running_header: doc.running_header.clone(),
            date: swedish_date(doc.date),
        },
        cover: CoverView {
            title_line: year_title,
            subtitle_line: format!("– {}", doc.subtitle),
            parties_line: parties_line(&doc.cover.parties_prefix, &s.parties.data.party),
            text: doc.cover.text.as_ref().map(|t| md(t, Headings::Forbidden)),
        },
        chapters: doc
            .chapter
            .iter()
            .enumerate()
            .map(|(i, c)| look.chapter(c, None, &doc.appendix, i == 0))
            .collect(),
        appendices: doc
            .appendix
            .iter()
            .enumerate()
            .map(|(i, c)| look.chapter(c, Some(i + 1), &doc.appendix, true))
            .collect(),
        draft,
    }
}

/// The texts a document shows, located in the sources: the builder of a view's [`MustShow`],
/// the list the safety net after typesetting checks the laid-out document against. Each text is
/// found in the source file it comes from (`member[3].name`); one the sources do not hold as it
/// is printed is required without a place.
pub struct Requirements<'a> {
    s: &'a Sources,
    must: MustShow,
}

impl<'a> Requirements<'a> {
    /// An empty list for a document of `s`.
    pub fn new(s: &'a Sources) -> Self {
        Self { s, must: MustShow::new() }
    }

    /// A person's name, as `members.toml` spells it.
    pub fn person(&mut self, name: &str) {
        let members = &self.s.members;
        match members.data.member.iter().position(|m| m.name == name) {
            Some(i) => self.must.require(
                Kind::Person,
                name,
                members,
                KeyPath::root().key("member").index(i).key("name"),
            ),
            None => self.must.require_derived(Kind::Person, name),
        }
    }

    /// A body's name, heading or chart label, as `groups.toml` spells it.
    pub fn body(&mut self, text: &str) {
        let groups = &self.s.groups;
        let found = groups.data.group.iter().enumerate().find_map(|(i, g)| {
            let key = if g.name == text {
                "name"
            } else if g.chart_label.as_deref() == Some(text) {
                "chart_label"
            } else if g.short_name.as_deref() == Some(text) {
                "short_name"
            } else if g.direction.as_ref().and_then(|d| d.title.as_deref()) == Some(text) {
                return Some(KeyPath::root().key("group").index(i).key("direction").key("title"));
            } else {
                return None;
            };
            Some(KeyPath::root().key("group").index(i).key(key))
        });
        match found {
            Some(key) => self.must.require(Kind::Body, text, groups, key),
            None => self.must.require_derived(Kind::Body, text),
        }
    }

    /// A goal's title or indicator heading, as `goals.toml` spells it.
    pub fn goal(&mut self, text: &str) {
        let goals = &self.s.goals;
        let found = goals.data.goal.iter().enumerate().find_map(|(i, g)| {
            let key = if g.title == text {
                "title"
            } else if g.indicator_heading.as_deref() == Some(text) {
                "indicator_heading"
            } else {
                return None;
            };
            Some(KeyPath::root().key("goal").index(i).key(key))
        });
        match found {
            Some(key) => self.must.require(Kind::Goal, text, goals, key),
            None => self.must.require_derived(Kind::Goal, text),
        }
    }

    /// An indicator's text, as `goals.toml` spells it.
    pub fn indicator(&mut self, text: &str) {
        let goals = &self.s.goals;
        let found = goals.data.goal.iter().enumerate().find_map(|(i, g)| {
            let j = g.indicator.iter().position(|ind| ind.text == text)?;
            Some(KeyPath::root().key("goal").index(i).key("indicator").index(j).key("text"))
        });
        match found {
            Some(key) => self.must.require(Kind::Indicator, text, goals, key),
            None => self.must.require_derived(Kind::Indicator, text),
        }
    }

    /// A party's name or official name, as `parties.toml` spells it.
    pub fn party(&mut self, text: &str) {
        let parties = &self.s.parties;
        let found = parties.data.party.iter().enumerate().find_map(|(i, p)| {
            let key = if p.name == text {
                "name"
            } else if p.official_name == text {
                "official_name"
            } else {
                return None;
            };
            Some(KeyPath::root().key("party").index(i).key(key))
        });
        match found {
            Some(key) => self.must.require(Kind::Party, text, parties, key),
            None => self.must.require_derived(Kind::Party, text),
        }
    }

    /// Another text of the view, with no place of its own in the sources (a change of the change
    /// annex).
    pub fn change(&mut self, text: &str) {
        self.must.require_derived(Kind::Change, text);
    }

    /// The people of role groups.
    pub fn holders(&mut self, roles: &[RoleGroupView]) {
        for g in roles {
            for h in &g.holders {
                self.person(&h.name);
            }
        }
    }

    /// The list.
    pub fn finish(self) -> MustShow {
        self.must
    }
}

impl DocumentView {
    /// What the typeset document must show: the parties of the cover, every body, goal,
    /// indicator and person of the chapters and appendices.
    pub fn must_show(&self, s: &Sources) -> MustShow {
        let mut req = Requirements::new(s);
        for p in &s.parties.data.party {
            if self.cover.parties_line.contains(p.name.as_str()) {
                req.party(&p.name);
            }
        }
        for chapter in self.chapters.iter().chain(&self.appendices) {
            for block in &chapter.blocks {
                match block {
                    BlockView::Goals { goals } => goals.iter().for_each(|g| req.goal(&g.title)),
                    BlockView::Members(m) => {
                        req.body(&m.body);
                        for row in m.compositions.iter().flat_map(|c| &c.rows).filter(|r| !r.vacant) {
                            req.person(&row.name);
                        }
                    }
                    BlockView::Roles { roles } => req.holders(roles),
                    BlockView::Group(g) => {
                        req.body(&g.heading);
                        req.holders(&g.roles);
                    }
                    BlockView::Areas { areas } => areas.iter().for_each(|a| req.holders(&a.roles)),
                    BlockView::OrgChart(c) => {
                        fn walk(n: &TreeNode, req: &mut Requirements<'_>) {
                            req.body(&n.label);
                            n.children.iter().for_each(|c| walk(c, req));
                        }
                        walk(&c.tree, &mut req);
                    }
                    BlockView::Indicators(ind) => {
                        for g in &ind.goals {
                            req.goal(&g.heading);
                            for row in g.sections.iter().flat_map(|s| &s.rows) {
                                req.indicator(&row.text);
                            }
                        }
                    }
                    BlockView::Text { .. }
                    | BlockView::Aside { .. }
                    | BlockView::Remit(_)
                    | BlockView::Adjacent { .. }
                    | BlockView::Calendar(_)
                    | BlockView::Appendices { .. } => {}
                }
            }
        }
        req.finish()
    }
}
