//! The change report as a politician reads it: an overview first (how much changed, and the
//! changes that matter most), then every change in the document's own terms. One typed view,
//! printed as Markdown and text by [`super::format`], as the change annex PDF by
//! `templates/typst/diff.typ.j2`, and usable by any other template (a web page).

use serde::Serialize;

use super::{ChangeKind, Diff, EntityChange, EntityKind, FieldChange, WordChange, WordOp, composition};
use crate::sources::index::Index;
use crate::swedish;

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// "Förändringar 2019–2023".
    pub title: String,
    /// What is compared: "Politiskt inriktningsdokument 2023 jämfört med 2019."
    pub intro: String,
    /// Heading of the old side's column: "Före (2019)".
    pub before_heading: String,
    /// Heading of the new side's column: "Efter (2023)".
    pub after_heading: String,
    /// What a reader reads first.
    pub overview: Overview,
    /// One section per kind of entity that changed, in the document's order.
    pub sections: Vec<Section>,
}

/// The overview: counts and the most important changes.
#[derive(Clone, Debug, Serialize)]
pub struct Overview {
    /// One line per kind: "Indikatorer: 1 ny och 22 ändrade".
    pub counts: Vec<String>,
    /// The changes that matter most: targets, new and dropped indicators, the composition of
    /// the political bodies (the steering group, the councils), new and dropped bodies.
    pub highlights: Vec<Line>,
}

/// The changes of one kind of entity.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    /// The kind of entity.
    #[serde(skip)]
    pub kind: EntityKind,
    /// "Indikatorer".
    pub heading: String,
    /// The heading of the new ones, saying what it lists: "Nya indikatorer".
    pub added_heading: String,
    /// The heading of those that are gone: "Borttagna indikatorer".
    pub removed_heading: String,
    /// The heading of those with changed fields: "Ändrade indikatorer".
    pub changed_heading: String,
    /// New entities.
    pub added: Vec<Line>,
    /// Entities that are gone.
    pub removed: Vec<Line>,
    /// Entities with changed fields.
    pub changed: Vec<Changed>,
}

/// A line of the report that names what it is about: one of the most important changes (what
/// kind of change, "Ändrat mål", "Ny indikator", "Politiska styrgruppen"; the change in a
/// sentence) or an added or removed entity (its name; its main facts).
#[derive(Clone, Debug, Serialize)]
pub struct Line {
    /// What the line is about.
    pub name: String,
    /// What it says; empty when the name says all.
    pub text: String,
    /// The kind of entity it concerns, for finding where the change stands.
    #[serde(skip)]
    pub kind: Option<EntityKind>,
    /// The name of the entity it concerns, as the document prints it.
    #[serde(skip)]
    pub subject: Option<String>,
}

impl Line {
    fn about(name: impl Into<String>, text: String, kind: EntityKind, subject: Option<&str>) -> Self {
        Line { name: name.into(), text, kind: Some(kind), subject: subject.map(str::to_owned) }
    }
}

/// A changed entity.
#[derive(Clone, Debug, Serialize)]
pub struct Changed {
    /// Its name.
    pub name: String,
    /// One row per changed field or list item.
    pub rows: Vec<Row>,
}

/// A changed field.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// The field's Swedish name, with the position in the new document for list items
    /// ("Mål", "Stycke 3").
    pub label: String,
    /// Whether the field (or list item) came, went, or changed.
    pub change: ChangeKind,
    /// The old value, its deleted words marked; `None` when there was none ("(saknas)").
    pub before: Option<Vec<Span>>,
    /// The new value, its inserted words marked; `None` when there is none.
    pub after: Option<Vec<Span>>,
    /// For texts that stayed mostly alike: the one text with deleted and inserted words marked,
    /// for forms that show a change inline.
    pub inline: Option<Vec<Span>>,
}

/// A run of text: unchanged, deleted or inserted.
#[derive(Clone, Debug, Serialize)]
pub struct Span {
    /// What happened to it.
    pub op: WordOp,
    /// The text.
    pub text: String,
}

/// The text a reader sees for a value that is absent.
pub const ABSENT: &str = "(saknas)";

/// Texts at least this alike are shown with their changed words marked; below, as before and
/// after.
const ALIKE: f64 = 0.5;

impl EntityKind {
    /// The section's heading.
    pub fn swedish(self) -> &'static str {
        match self {
            Self::Document => "Dokumentet",
            Self::Goal => "Övergripande mål",
            Self::Indicator => "Indikatorer",
            Self::Body => "Organ och grupper",
            Self::Remit => "Uppdrag",
            Self::Member => "Personer och roller",
            Self::Adjacent => "Angränsande och kompletterande arbeten",
            Self::Calendar => "Årshjul och översikter",
            Self::Chapter => "Kapitel och bilagor",
            Self::Party => "Parter",
            Self::Kpi => "Nyckeltal i Kolada",
        }
    }

    /// What the section's lists list, after "Nya", "Borttagna" or "Ändrade".
    fn listed(self) -> &'static str {
        match self {
            Self::Document => "uppgifter i dokumentet",
            Self::Goal => "övergripande mål",
            Self::Indicator => "indikatorer",
            Self::Body => "organ och grupper",
            Self::Remit => "uppdrag",
            Self::Member => "personer och roller",
            Self::Adjacent => "angränsande och kompletterande arbeten",
            Self::Calendar => "årshjul och översikter",
            Self::Chapter => "kapitel och bilagor",
            Self::Party => "parter",
            Self::Kpi => "nyckeltal i Kolada",
        }
    }

    /// The plural noun for the overview's counts, and whether the word is neuter (ett-ord).
    fn counted(self) -> (&'static str, bool) {
        match self {
            Self::Document => ("Dokumentets uppgifter", false),
            Self::Goal => ("Övergripande mål", true),
            Self::Indicator => ("Indikatorer", false),
            Self::Body => ("Organ och grupper", true),
            Self::Remit => ("Uppdrag", true),
            Self::Member => ("Personer", false),
            Self::Adjacent => ("Angränsande och kompletterande arbeten", true),
            Self::Calendar => ("Årshjul och översikter", true),
            Self::Chapter => ("Kapitel och bilagor", true),
            Self::Party => ("Parter", false),
            Self::Kpi => ("Nyckeltal i Kolada", true),
        }
    }
}

/// "1 ny", "2 nya", "1 borttaget": a count with the adjective agreeing with the noun.
fn count(n: usize, neuter: bool, forms: [&str; 3]) -> String {
    let [common, neut, plural] = forms;
    let word = if n != 1 {
        plural
    } else if neuter {
        neut
    } else {
        common
    };
    format!("{n} {word}")
}

fn spans(text: &str) -> Vec<Span> {
    vec![Span { op: WordOp::Equal, text: text.to_owned() }]
}

/// Spans from word changes, keeping `keep` and the equal words; the spaces around a changed run
/// are unchanged text, so that a mark never starts or ends with a space.
fn marked<'a>(words: impl Iterator<Item = &'a WordChange>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut push = |op: WordOp, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => out.push(Span { op, text: text.to_owned() }),
        }
    };
    for w in words {
        if w.op == WordOp::Equal {
            push(WordOp::Equal, &w.text);
            continue;
        }
        let core = w.text.trim();
        let start = w.text.find(core).unwrap_or(0);
        push(WordOp::Equal, &w.text[..start]);
        push(w.op, core);
        push(WordOp::Equal, &w.text[start + core.len()..]);
    }
    out
}

fn side(words: &[WordChange], keep: WordOp) -> Vec<Span> {
    marked(words.iter().filter(|w| w.op == WordOp::Equal || w.op == keep))
}

fn row(f: &FieldChange) -> Row {
    let alike = f.words.as_ref().filter(|_| f.similarity().is_some_and(|s| s >= ALIKE));
    let (before, after, inline) = match alike {
        Some(words) => {
            (Some(side(words, WordOp::Delete)), Some(side(words, WordOp::Insert)), Some(marked(words.iter())))
        }
        None => (f.before.as_deref().map(spans), f.after.as_deref().map(spans), None),
    };
    Row { label: f.label.clone(), change: f.change(), before, after, inline }
}

/// Short items that came or went are listed in one row when they follow each other in one list
/// ("Plats i organet (tillkommer): A; B; C"); paragraphs and longer texts keep a row each.
fn merge(fields: &[FieldChange]) -> Vec<Row> {
    const SHORT: usize = 120;
    let short = |f: &FieldChange| {
        f.field != "paragraph" && f.before.iter().chain(&f.after).all(|t| t.chars().count() < SHORT)
    };
    let mut out: Vec<Row> = Vec::new();
    let mut previous: Option<&FieldChange> = None;
    for f in fields {
        let r = row(f);
        let joins = previous.is_some_and(|p| {
            p.field == f.field && p.label == f.label && p.change() == f.change() && short(p) && short(f)
        }) && r.change != ChangeKind::Changed;
        previous = Some(f);
        if let (true, Some(last)) = (joins, out.last_mut()) {
            for (into, from) in [(&mut last.before, r.before), (&mut last.after, r.after)] {
                if let (Some(into), Some(from)) = (into, from) {
                    into.push(Span { op: WordOp::Equal, text: "; ".into() });
                    into.extend(from);
                }
            }
            continue;
        }
        out.push(r);
    }
    out
}

fn summary(e: &&EntityChange) -> Line {
    let name = if e.summary.is_empty() { e.name.clone() } else { stem(&e.name).to_owned() };
    Line::about(name, e.summary.clone(), e.kind, Some(&e.name))
}

/// A name that ends a sentence without its full stop, to be followed by a colon.
fn stem(name: &str) -> &str {
    name.strip_suffix('.').unwrap_or(name)
}

/// "Förändringar 2019–2023", or with the labels when the years are equal.
pub fn title(diff: &Diff) -> String {
    if diff.old.year == diff.new.year {
        format!("Förändringar {} – {}", diff.old.label, diff.new.label)
    } else {
        format!("Förändringar {}–{}", diff.old.year, diff.new.year)
    }
}

/// A side as the reader knows it: the year, or the label when it names a revision.
pub(crate) fn side_name(label: &str, year: i32) -> String {
    if label == year.to_string() { label.to_owned() } else { format!("{year} ({label})") }
}

/// Builds the report from the diff and the two sides it was made from (their indexes).
pub fn report(diff: &Diff, old: &Index<'_>, new: &Index<'_>) -> Report {
    let old_name = side_name(&diff.old.label, diff.old.year);
    let new_name = side_name(&diff.new.label, diff.new.year);
    let doc_title = &new.sources().document.data.title;
    let intro = if diff.is_empty() {
        format!("{doc_title} {new_name} jämfört med {old_name}: inga skillnader.")
    } else {
        format!(
            "{doc_title} {new_name} jämfört med {old_name}. Först en översikt, sedan varje ändring med texten före och efter."
        )
    };
    let sections = by_kind(diff)
        .into_iter()
        .map(|(kind, list)| {
            let of = |c: ChangeKind| list.iter().filter(move |e| e.change == c);
            Section {
                kind,
                heading: kind.swedish().into(),
                added_heading: format!("Nya {}", kind.listed()),
                removed_heading: format!("Borttagna {}", kind.listed()),
                changed_heading: format!("Ändrade {}", kind.listed()),
                added: of(ChangeKind::Added).map(summary).collect(),
                removed: of(ChangeKind::Removed).map(summary).collect(),
                changed: of(ChangeKind::Changed)
                    .map(|e| Changed { name: e.name.clone(), rows: merge(&e.fields) })
                    .collect(),
            }
        })
        .collect();
    Report {
        title: title(diff),
        intro,
        before_heading: format!("Före ({old_name})"),
        after_heading: format!("Efter ({new_name})"),
        overview: Overview { counts: counts(diff), highlights: highlights(diff, old, new) },
        sections,
    }
}

fn by_kind(diff: &Diff) -> Vec<(EntityKind, Vec<&EntityChange>)> {
    let mut groups: Vec<(EntityKind, Vec<&EntityChange>)> = Vec::new();
    for e in &diff.entities {
        match groups.last_mut() {
            Some((k, list)) if *k == e.kind => list.push(e),
            _ => groups.push((e.kind, vec![e])),
        }
    }
    groups
}

fn counts(diff: &Diff) -> Vec<String> {
    by_kind(diff)
        .into_iter()
        .map(|(kind, list)| {
            let (noun, neuter) = kind.counted();
            let n = |c: ChangeKind| list.iter().filter(|e| e.change == c).count();
            if kind == EntityKind::Document {
                let fields: Vec<String> =
                    list.iter().flat_map(|e| &e.fields).map(|f| f.label.to_lowercase()).collect();
                return format!("{noun}: ändrade ({})", swedish::join_and(&fields));
            }
            let mut parts = Vec::new();
            if n(ChangeKind::Added) > 0 {
                parts.push(count(n(ChangeKind::Added), neuter, ["ny", "nytt", "nya"]));
            }
            if n(ChangeKind::Removed) > 0 {
                parts.push(count(n(ChangeKind::Removed), neuter, ["borttagen", "borttaget", "borttagna"]));
            }
            if n(ChangeKind::Changed) > 0 {
                parts.push(count(n(ChangeKind::Changed), neuter, ["ändrad", "ändrat", "ändrade"]));
            }
            format!("{noun}: {}", swedish::join_and(&parts))
        })
        .collect()
}

fn highlights(diff: &Diff, old: &Index<'_>, new: &Index<'_>) -> Vec<Line> {
    let mut out = Vec::new();
    let of = |kind: EntityKind, change: ChangeKind| {
        diff.entities.iter().filter(move |e| e.kind == kind && e.change == change)
    };
    // Targets whose only change is the word "minst" are told together.
    let mut without_minimum: Vec<String> = Vec::new();
    let mut first_without: Option<&str> = None;
    for e in of(EntityKind::Indicator, ChangeKind::Changed) {
        if let Some(f) = e.fields.iter().find(|f| f.field == "target") {
            let before = f.before.as_deref().unwrap_or(ABSENT);
            let after = f.after.as_deref().unwrap_or(ABSENT);
            let text = format!("{}: {before} → {after}", stem(&e.name));
            if only_minimum(f) {
                first_without.get_or_insert(&e.name);
                without_minimum.push(text);
            } else {
                out.push(Line::about("Ändrat mål", text, EntityKind::Indicator, Some(&e.name)));
            }
        }
    }
    match without_minimum.as_slice() {
        [] => {}
        [one] => out.push(Line::about("Ändrat mål", one.clone(), EntityKind::Indicator, first_without)),
        [first, ..] => out.push(Line::about(
            "Mål utan ”minst”",
            format!(
                "{} indikatorer har samma målvärde som förut men utan ”minst”, till exempel {first}.",
                without_minimum.len()
            ),
            EntityKind::Indicator,
            first_without,
        )),
    }
    for e in of(EntityKind::Indicator, ChangeKind::Added) {
        let text = format!("{}: {}", stem(&e.name), e.summary);
        out.push(Line::about("Ny indikator", text, EntityKind::Indicator, Some(&e.name)));
    }
    for e in of(EntityKind::Indicator, ChangeKind::Removed) {
        let text = format!("{}: {}", stem(&e.name), e.summary);
        out.push(Line::about("Borttagen indikator", text, EntityKind::Indicator, Some(&e.name)));
    }
    // The political bodies' compositions on each side's date; a new body is told once, as new.
    for g in new.sources().groups.data.group.iter().filter(|g| g.kind.is_political()) {
        let Some(before) = old.body(g.id.as_str()) else { continue };
        if let Some(c) = composition::change(old, before, new, g) {
            out.push(Line::about(g.name.clone(), c.sentence(g.kind.definite()), EntityKind::Body, None));
        }
    }
    let names = |kind, change| of(kind, change).map(|e| e.name.clone()).collect::<Vec<_>>();
    for (change, one, many) in [
        (ChangeKind::Added, "Nytt organ", "Nya organ"),
        (ChangeKind::Removed, "Borttaget organ", "Borttagna organ"),
    ] {
        let list = names(EntityKind::Body, change);
        if !list.is_empty() {
            let label = if list.len() == 1 { one } else { many };
            let first = list.first().map(String::as_str);
            out.push(Line::about(label, swedish::join_and(&list), EntityKind::Body, first));
        }
    }
    let goals: Vec<String> = of(EntityKind::Goal, ChangeKind::Changed).map(|e| e.name.clone()).collect();
    if !goals.is_empty() {
        let label =
            if goals.len() == 1 { "Ändrat övergripande mål" } else { "Ändrade övergripande mål" };
        let first = goals.first().map(String::as_str);
        out.push(Line::about(label, swedish::join_and(&goals), EntityKind::Goal, first));
    }
    out
}

/// Whether a target changed only in "minst" (`at_least`).
fn only_minimum(f: &FieldChange) -> bool {
    let strip = |v: &Option<serde_json::Value>| {
        v.as_ref().and_then(|v| v.as_object()).map(|m| {
            let mut m = m.clone();
            m.remove("at_least");
            m
        })
    };
    let (a, b) = (strip(&f.old), strip(&f.new));
    a.is_some() && a == b
}
