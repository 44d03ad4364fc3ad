//! `document.toml`: the document's metadata, its prose chapters and its appendices, each a
//! sequence of blocks. Blocks are either prose (Markdown) or a view of structured data kept in
//! the other source files (members of a body, the organisation chart, the indicator table, ...).

use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use super::appendices::Calendar;
use super::common::{Date, Markdown};
use super::ids::{CalendarId, ChapterId, GroupId};

/// The document of one edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentFile {
    /// Main title ("Politiskt inriktningsdokument").
    pub title: String,
    /// Subtitle ("Nya Perspektiv på styrning och ledning").
    pub subtitle: String,
    /// The edition's year; the same as the folder name.
    pub year: i32,
    /// The edition's date: printed on the cover and used as the PDF's creation date.
    pub date: Date,
    /// Author in the PDF's metadata.
    pub author: String,
    /// Subject in the PDF's metadata.
    pub subject: String,
    /// Keywords in the PDF's metadata.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Running header printed at the top of the pages after the cover.
    pub running_header: String,
    /// The cover and the page after it.
    pub cover: Cover,
    /// Who publishes the document and answers for its accessibility: the web edition's
    /// accessibility statement names it and how to reach it. Without it `check` warns.
    pub publisher: Option<Publisher>,
    /// The chapters, in order.
    #[serde(default)]
    pub chapter: Vec<Chapter>,
    /// The appendices ("Bilaga 1", "Bilaga 2", ...), in order; numbered by position.
    #[serde(default)]
    pub appendix: Vec<Chapter>,
}

impl DocumentFile {
    /// The chapters and appendices with their headings as printed ("Bilaga 4 – Årshjul …").
    pub fn headings(&self) -> impl Iterator<Item = (&Chapter, String)> + '_ {
        self.chapter.iter().map(|c| (c, c.title.clone())).chain(
            self.appendix.iter().enumerate().map(|(i, c)| (c, format!("Bilaga {} – {}", i + 1, c.title))),
        )
    }

    /// A calendar's name as the document prints it: its own title, or the heading of the chapter
    /// or appendix that shows it.
    pub fn calendar_name(&self, calendar: &Calendar) -> Option<String> {
        calendar.title.clone().or_else(|| self.calendar_heading(calendar.id.as_str()))
    }

    /// The heading of the chapter or appendix that shows the calendar `id`, if one does.
    pub fn calendar_heading(&self, id: &str) -> Option<String> {
        self.headings().find_map(|(c, heading)| {
            c.block
                .iter()
                .any(|b| matches!(b, Block::Calendar(r) if r.calendar.as_str() == id))
                .then_some(heading)
        })
    }
}

/// The cover.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// Text before the list of parties ("Kommunerna").
    pub parties_prefix: String,
    /// Introductory prose printed on the inside of the cover, in Markdown.
    pub text: Option<Markdown>,
}

/// The publisher: the authority that answers for the document under lag (2018:1937) om
/// tillgänglighet till digital offentlig service, and whom readers tell about accessibility
/// problems.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// Its name as the accessibility statement gives it ("Region Värmland, Nya Perspektiv").
    pub name: String,
    /// The e-mail address for feedback on accessibility and requests for content in another
    /// form (`namn@regionvarmland.se`).
    pub email: Option<String>,
    /// The phone number for the same ("070-174 06 05").
    pub phone: Option<String>,
    /// The publisher's web page for the document (`https://…`), where more ways to reach it
    /// are given.
    pub url: Option<String>,
    /// The address (`https://…`) of an accessibility statement the publisher keeps itself:
    /// the web edition's footer then links to it, and `site` writes no statement of its own.
    pub accessibility_statement_url: Option<String>,
}

/// A chapter or appendix.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// Stable id.
    pub id: ChapterId,
    /// Heading.
    pub title: String,
    /// A line printed under the heading ("– Tillsammans utvecklar vi god och nära vård, hälsa och omsorg").
    pub subtitle: Option<String>,
    /// Running header of the chapter's pages, when it differs from the document's.
    pub running_header: Option<String>,
    /// For appendices: the name in the list of appendices, when it differs from the heading.
    pub list_title: Option<String>,
    /// The chapter's content, in order.
    #[serde(default)]
    pub block: Vec<Block>,
}

/// A piece of a chapter: a table in TOML whose single key names its kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// Prose in Markdown. `#` starts a section inside the chapter, `##` a subsection.
    Text(Markdown),
    /// A framed aside.
    Aside(Aside),
    /// The overarching goals with their descriptions.
    Goals(Empty),
    /// The members of a body, one table per composition (period).
    Members(MembersRef),
    /// The holders of the body's roles other than ledamot, in a sentence ("Samordnare: …").
    Roles(BodyRef),
    /// A body's shared direction, its functions and its role holders.
    Group(BodyRef),
    /// A body's remit.
    Remit(BodyRef),
    /// A body's focus areas with their coordinators.
    Areas(BodyRef),
    /// The organisation chart, drawn from the bodies' hierarchy.
    OrgChart(OrgChart),
    /// The indicators, grouped by goal, as a table.
    Indicators(Empty),
    /// The entries of the adjacent strategies and bodies.
    Adjacent(Empty),
    /// A calendar (month overview).
    Calendar(CalendarRef),
    /// The list of appendices.
    Appendices(Empty),
}

/// A block without settings (`goals = {}`).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Empty {}

/// A framed aside.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Aside {
    /// Heading of the aside.
    pub title: Option<String>,
    /// The aside's text, in Markdown.
    pub text: Markdown,
}

/// A block about one body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BodyRef {
    /// The body.
    pub body: GroupId,
}

/// A block listing the members of a body.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MembersRef {
    /// The body.
    pub body: GroupId,
    /// Show only compositions that start on or after this date.
    pub from: Option<Date>,
    /// Show only compositions that end on or before this date.
    pub until: Option<Date>,
}

/// The organisation chart.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgChart {
    /// The body at the top of the chart.
    pub root: GroupId,
    /// Heading of the chart.
    pub title: Option<String>,
    /// Legend for the bodies financed by state initiatives.
    pub legend: String,
}

/// A block showing a calendar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarRef {
    /// The calendar.
    pub calendar: CalendarId,
}
