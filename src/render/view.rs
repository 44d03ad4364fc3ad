//! Typed views: the data the templates see, shaped from the sources.
//!
//! Everything a template prints is prepared here: texts resolved from ids, members grouped into
//! compositions and sorted the Swedish way, dates in Swedish. The views belong to no output
//! format: prose stays Markdown ([`Prose`]), and each format's `prose` filter writes it. A body's
//! members and role holders are shaped in `view/bodies.rs`, a calendar in `view/calendar.rs`,
//! what a typeset document must show ([`Requirements`]) in `view/requirements.rs`.

use std::sync::Arc;

use minijinja::value::{Object, ObjectRepr, Value};
use serde::{Serialize, Serializer};

use super::chart::TreeNode;
use crate::markdown::{self, Headings, Origin};
use crate::sources::common::{Markdown, swedish_date};
use crate::sources::document::{Block, Chapter};
use crate::sources::goals::Indicator;
use crate::sources::ids::{GroupId, PartyId};
use crate::sources::index::{Index, Seat};
use crate::sources::parties::PartyKind;
use crate::sources::{Loaded, Sources};
use crate::swedish;
use crate::wording::{goal_heading, parties_line, target_text};

mod bodies;
mod calendar;
pub mod places;
mod requirements;

pub use bodies::{
    CompositionView, HolderView, MemberRow, MembersView, Replacement, RoleGroupView, members_view,
    replacements_of,
};
pub use calendar::{CalendarRowView, CalendarView, calendar_view};
pub use places::SourcePlace;
pub use requirements::Requirements;

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
    /// In the review edition: the older edition's text, to be marked against.
    pub review: Option<ProseReview>,
    /// Where the prose starts in the sources, on the pages `serve` shows (see [`places`]).
    pub origin: Option<Origin>,
}

/// Prose of the review edition that changed: the older edition's Markdown (empty where the prose
/// is new) and the number of the first anchor its marks take (see
/// [`crate::markdown::marked_places`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProseReview {
    /// The older edition's Markdown.
    pub old: String,
    /// The first anchor number.
    pub anchor: usize,
}

impl Prose {
    /// Prose with its heading policy.
    pub fn new(markdown: Markdown, headings: Headings) -> Self {
        Self { markdown, headings, review: None, origin: None }
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
            || self.review.as_ref().is_some_and(|r| !r.old.trim().is_empty())
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
    /// Present for the review edition (which [`super::review::review`] makes of two views).
    pub review: Option<super::review::ReviewView>,
}

/// Title and metadata.
#[derive(Clone, Serialize)]
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
    /// Where the chapter's title is, on served pages.
    pub source: Option<SourcePlace>,
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
        /// Where the aside is, on served pages.
        source: Option<SourcePlace>,
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
    /// Where the goal is, on served pages.
    pub source: Option<SourcePlace>,
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
    /// Where the body is, on served pages.
    pub source: Option<SourcePlace>,
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
    /// Where the remit is, on served pages.
    pub source: Option<SourcePlace>,
}

/// A focus area.
#[derive(Serialize)]
pub struct AreaView {
    /// The area.
    pub text: String,
    /// Its role holders.
    pub roles: Vec<RoleGroupView>,
    /// Where the area is, on served pages.
    pub source: Option<SourcePlace>,
}

/// The organisation chart.
#[derive(Serialize)]
pub struct OrgChartView {
    /// Heading.
    pub title: Option<String>,
    /// The bodies as a tree: who reports to whom (laid out by each format's templates).
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
    /// Where the indicator is, on served pages.
    pub source: Option<SourcePlace>,
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
    /// Where the entry is, on served pages.
    pub source: Option<SourcePlace>,
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
    /// Where the appendix's title is, on served pages.
    pub source: Option<SourcePlace>,
}

/// Prose of the sources for a view.
fn md(text: &Markdown, headings: Headings) -> Prose {
    Prose::new(text.clone(), headings)
}

/// The builders of the document's views, over the sources' index; also where every view of a
/// served page (the document's, an annex's, the county overview's) gets its source places.
pub(crate) struct Lookup<'i, 'a> {
    s: &'a Sources,
    ix: &'i Index<'a>,
    /// Whether the views carry their source places.
    placed: bool,
}

impl<'i, 'a> Lookup<'i, 'a> {
    /// The builders over `ix`; with `placed`, the views carry their source places.
    pub(crate) fn new(ix: &'i Index<'a>, placed: bool) -> Self {
        Self { s: ix.sources(), ix, placed }
    }

    /// The place of `key` in `file`, when the views carry places (`key` is only made then).
    pub(crate) fn at<T>(&self, file: &Loaded<T>, key: impl FnOnce() -> String) -> Option<SourcePlace> {
        if self.placed { places::place(file, &key()) } else { None }
    }

    /// Prose of the sources, with its place when the views carry places.
    fn md_at<T>(
        &self,
        text: &Markdown,
        headings: Headings,
        file: &Loaded<T>,
        key: impl FnOnce() -> String,
    ) -> Prose {
        let mut prose = md(text, headings);
        if self.placed {
            prose.origin = places::origin(file, &key());
        }
        prose
    }

    fn holders(&self, body: &GroupId) -> Vec<Seat<'a>> {
        self.ix.seats(body).to_vec()
    }

    fn party_kind(&self, id: Option<&PartyId>) -> Option<PartyKind> {
        self.ix.party_kind(id)
    }
}

impl<'a> Lookup<'_, 'a> {
    fn group(&self, body: &GroupId) -> GroupView {
        let g = self.ix.body(body.as_str());
        let groups = &self.s.groups;
        let at = g.and_then(|g| places::position(&groups.data.group, g));
        GroupView {
            source: at.and_then(|i| self.at(groups, || format!("group[{i}]"))),
            heading: g
                .and_then(|g| g.direction.as_ref().and_then(|d| d.title.clone()))
                .or_else(|| g.map(|g| g.name.clone()))
                .unwrap_or_default(),
            direction: g.and_then(|g| g.direction.as_ref()).map(|d| {
                self.md_at(&d.text, Headings::Forbidden, groups, || {
                    format!("group[{}].direction.text", at.unwrap_or_default())
                })
            }),
            functions: g
                .map(|g| {
                    g.functions
                        .iter()
                        .enumerate()
                        .map(|(k, f)| {
                            self.md_at(f, Headings::Forbidden, groups, || {
                                format!("group[{}].functions[{k}]", at.unwrap_or_default())
                            })
                        })
                        .collect()
                })
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
        let groups = &self.s.groups;
        match remit {
            Some(r) => {
                let at = places::position(&groups.data.remit, r).unwrap_or_default();
                RemitView {
                    title: r.title.clone(),
                    intro: r
                        .intro
                        .as_ref()
                        .map(|t| self.md_at(t, Headings::Forbidden, groups, || format!("remit[{at}].intro"))),
                    items: r
                        .items
                        .iter()
                        .enumerate()
                        .map(|(k, i)| {
                            self.md_at(i, Headings::Forbidden, groups, || format!("remit[{at}].items[{k}]"))
                        })
                        .collect(),
                    source: self.at(groups, || format!("remit[{at}]")),
                }
            }
            None => RemitView { title: None, intro: None, items: Vec::new(), source: None },
        }
    }

    fn areas(&self, body: &GroupId) -> Vec<AreaView> {
        let holders = self.holders(body);
        let group = self.ix.body(body.as_str());
        let at = group.and_then(|g| places::position(&self.s.groups.data.group, g)).unwrap_or_default();
        group
            .map(|g| g.area.as_slice())
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(k, a)| {
                let hs: Vec<_> =
                    holders.iter().copied().filter(|(_, r)| r.area.as_ref() == Some(&a.id)).collect();
                AreaView {
                    text: a.text.clone(),
                    roles: self.role_groups(&hs),
                    source: self.at(&self.s.groups, || format!("group[{at}].area[{k}]")),
                }
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
            mark: None,
            source: places::position(&self.s.groups.data.group, g)
                .and_then(|i| self.at(&self.s.groups, || format!("group[{i}]"))),
        })
    }

    fn org_chart(&self, root: &GroupId, title: Option<String>, legend: &str) -> OrgChartView {
        let tree = self.chart_tree(root).unwrap_or(TreeNode {
            label: root.to_string(),
            highlight: false,
            children: vec![],
            mark: None,
            source: None,
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
        OrgChartView { title, tree, alt, legend, marked: swedish::join_and(&highlighted) }
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
                .enumerate()
                .map(|(i, g)| {
                    let mut sections: Vec<IndicatorSectionView> = Vec::new();
                    for (j, ind) in g.indicator.iter().enumerate() {
                        let mut row = indicator_row(ind);
                        row.source = self.at(&self.s.goals, || format!("goal[{i}].indicator[{j}]"));
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

    /// The view of a block; `key` is the block's key path in `document.toml`
    /// (`chapter[2].block[1]`).
    fn block(&self, block: &Block, key: &str, appendices: &[Chapter]) -> BlockView {
        let doc = &self.s.document;
        let goals = &self.s.goals;
        match block {
            Block::Text(text) => {
                BlockView::Text { body: self.md_at(text, Headings::From(2), doc, || format!("{key}.text")) }
            }
            Block::Aside(a) => BlockView::Aside {
                title: a.title.clone(),
                body: self.md_at(&a.text, Headings::Forbidden, doc, || format!("{key}.aside.text")),
                source: self.at(doc, || format!("{key}.aside")),
            },
            Block::Goals(_) => BlockView::Goals {
                goals: goals
                    .data
                    .goal
                    .iter()
                    .enumerate()
                    .map(|(i, g)| GoalView {
                        title: g.title.clone(),
                        text: self.md_at(&g.text, Headings::Forbidden, goals, || format!("goal[{i}].text")),
                        source: self.at(goals, || format!("goal[{i}]")),
                    })
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
                    .enumerate()
                    .map(|(i, e)| {
                        let (text, named_in_text) = embolden(&e.text, &e.name);
                        let file = &self.s.appendices;
                        EntryView {
                            name: e.name.clone(),
                            named_in_text,
                            body: self
                                .md_at(&text, Headings::Forbidden, file, || format!("adjacent[{i}].text")),
                            source: self.at(file, || format!("adjacent[{i}]")),
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
                        source: self.at(doc, || format!("appendix[{i}].title")),
                    })
                    .collect(),
            },
        }
    }

    /// The view of a chapter; `key` is its key path in `document.toml` (`chapter[2]`).
    fn chapter(
        &self,
        c: &Chapter,
        key: &str,
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
            source: self.at(&self.s.document, || format!("{key}.title")),
            blocks: c
                .block
                .iter()
                .enumerate()
                .map(|(j, b)| self.block(b, &format!("{key}.block[{j}]"), appendices))
                .collect(),
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
        source: None,
    }
}

/// Builds the view of the whole document.
pub fn document(s: &Sources, draft: Option<DraftView>) -> DocumentView {
    document_view(s, draft, false)
}

/// Builds the view of the whole document with the source place of each passage (see
/// [`places`]): for the pages `serve` shows.
pub fn document_placed(s: &Sources) -> DocumentView {
    document_view(s, None, true)
}

/// Builds the view of the whole document, with the source place of each passage when `placed`.
pub(crate) fn document_view(s: &Sources, draft: Option<DraftView>, placed: bool) -> DocumentView {
    let ix = Index::new(s);
    let look = Lookup::new(&ix, placed);
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
            text: doc
                .cover
                .text
                .as_ref()
                .map(|t| look.md_at(t, Headings::Forbidden, &s.document, || "cover.text".into())),
        },
        chapters: doc
            .chapter
            .iter()
            .enumerate()
            .map(|(i, c)| look.chapter(c, &format!("chapter[{i}]"), None, &doc.appendix, i == 0))
            .collect(),
        appendices: doc
            .appendix
            .iter()
            .enumerate()
            .map(|(i, c)| look.chapter(c, &format!("appendix[{i}]"), Some(i + 1), &doc.appendix, true))
            .collect(),
        draft,
        review: None,
    }
}
