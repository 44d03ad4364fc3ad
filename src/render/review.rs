//! The review edition's view ("granskningsversion"): the new document's view with every change
//! since an older edition marked where it stands.
//!
//! Both editions' views are compared as the templates see them, so that what is marked is what is
//! printed: texts word by word ([`crate::diff::word_changes`]) and lists item by item, aligned by
//! content as the change report aligns them ([`crate::diff::align`]). A changed text becomes a
//! [`Marked`] value, which each format's formatter prints with its marks; changed prose keeps its
//! old side ([`super::view::Prose::review`]) for the `prose` filters; an item only the old side
//! had is put back at its old place with every text of it marked as deleted. Every marked place
//! gets an anchor number, and is listed, by chapter, in the [`ReviewView`] that opens the edition
//! with the change report's overview.

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::value::{Object, ObjectRepr, Serde, Value, ValueKind};
use serde::Serialize;

use super::view::{DocumentView, Prose, ProseReview};
use crate::diff::align::{self, Item};
use crate::diff::report::Report;
use crate::diff::{EntityKind, WordChange, WordOp, word_changes};
use crate::escape;
use crate::markdown;
use crate::swedish;
use crate::typeset::contents::MustShow;

use super::chart::TreeNode;

/// Keys whose values are never marked: ids and kinds the templates compute with, what goes into
/// Typst code as strings or values (the metadata, the running headers, a chart's layout and
/// description), and the draft marks.
const UNMARKED: &[&str] = &["id", "kind", "meta", "running_header", "alt", "draft", "review", "source"];

/// A text that changed: the runs of equal, deleted and inserted words, from the old text to the
/// new. It is true in `{% if %}` when it has any words, and prints as the new text where a format
/// does not mark it (`~`, `|plain`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    /// The runs.
    pub runs: Vec<WordChange>,
    /// The anchor number of the marked place, on the first marked text of each place.
    pub anchor: Option<usize>,
}

impl Marked {
    /// The new text.
    pub fn new_text(&self) -> String {
        self.runs.iter().filter(|r| r.op != WordOp::Delete).map(|r| r.text.as_str()).collect()
    }

    /// The new text, or the old where only the old side had it: the text for a place that takes
    /// no marks.
    pub fn plain(&self) -> String {
        let new = self.new_text();
        if new.trim().is_empty() { self.old_text() } else { new }
    }

    /// The old text.
    pub fn old_text(&self) -> String {
        self.runs.iter().filter(|r| r.op != WordOp::Insert).map(|r| r.text.as_str()).collect()
    }

    /// As Typst markup: a label `<np-change-N>` on the first mark, deleted words in `#np-del[…]`,
    /// inserted in `#np-ins[…]` (each a run of `runs`), every text escaped.
    pub fn typst(&self, runs: &mut Runs) -> String {
        let mut out = self.anchor.map(|n| format!("#metadata(none)<np-change-{n}>")).unwrap_or_default();
        for r in &self.runs {
            let text = escape::markup(&swedish::join_digit_groups(&r.text));
            match r.op {
                WordOp::Equal => out.push_str(&text),
                op => out.push_str(&runs.mark(op == WordOp::Insert, &text)),
            }
        }
        out
    }

    /// As HTML: deleted words in `del`, inserted in `ins`, each starting with its words for a
    /// screen reader; the first with the id `andring-N`.
    pub fn html(&self) -> String {
        let mut out = String::new();
        let mut id = self.anchor;
        for r in &self.runs {
            let text = escape::html(&swedish::join_digit_groups(&r.text));
            let attr = |id: &mut Option<usize>| {
                id.take().map(|n| format!(" id=\"andring-{n}\"")).unwrap_or_default()
            };
            match r.op {
                WordOp::Equal => out.push_str(&text),
                WordOp::Delete => out.push_str(&format!(
                    "<del{}><span class=\"dold\">borttaget: </span>{text}</del>",
                    attr(&mut id)
                )),
                WordOp::Insert => out.push_str(&format!(
                    "<ins{}><span class=\"dold\">tillagt: </span>{text}</ins>",
                    attr(&mut id)
                )),
            }
        }
        out
    }
}

impl Object for Marked {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn is_true(self: &Arc<Self>) -> bool {
        self.runs.iter().any(|r| !r.text.trim().is_empty())
    }

    fn render(self: &Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.plain())
    }
}

/// What happened at a marked place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceChange {
    /// New text.
    Added,
    /// Text that is gone.
    Removed,
    /// Text with words changed.
    Changed,
}

/// A marked place of the review edition.
#[derive(Clone, Debug, Serialize)]
pub struct Place {
    /// Its anchor number: `<np-change-N>` in the PDF, `#andring-N` on the web.
    pub anchor: usize,
    /// "Tillagt", "Borttaget" or "Ändrat".
    pub label: String,
    /// What changed.
    pub change: PlaceChange,
    /// The start of its text (the new text; the old where it is gone), at most a dozen words.
    pub text: String,
    /// The kinds of block it stands in (`members`, `indicators`, `text`; `cover` for the cover):
    /// a place that is a whole new or gone item (a chapter) has every kind of its marks.
    #[serde(skip)]
    pub blocks: Vec<String>,
    /// Its whole text, old and new, for finding it by a name.
    #[serde(skip)]
    pub full: String,
}

/// The marked places of a chapter.
#[derive(Clone, Debug, Serialize)]
pub struct ChapterPlaces {
    /// The chapter's heading as printed (the cover: "Omslaget").
    pub heading: String,
    /// Its marked places, in the order of the document.
    pub places: Vec<Place>,
}

/// A line of the overview with the place it links to.
#[derive(Clone, Debug, Serialize)]
pub struct LinkedLine {
    /// What the line is about ("Ändrat mål"); empty for a count.
    pub name: String,
    /// What it says.
    pub text: String,
    /// The anchor number of the first place it concerns, if any is marked.
    pub anchor: Option<usize>,
    /// Every place it concerns, the best first: the anchor is the first of them the edition shows.
    #[serde(skip)]
    candidates: Vec<usize>,
}

/// The opening of the review edition: what it is, the change report's overview with links, and
/// every marked place by chapter.
#[derive(Clone, Debug, Serialize)]
pub struct ReviewView {
    /// The older side as given ("2019", "v2023-remiss:2023").
    pub old: String,
    /// The older side as the reader knows it ("2019").
    pub old_name: String,
    /// "Granskningsversion".
    pub name: String,
    /// The line on every page: "Granskningsversion: ändringar sedan 2019".
    pub furniture: String,
    /// What the title starts with: "Granskningsversion (ändringar sedan 2019)".
    pub title: String,
    /// The heading of the opening: "Ändringar sedan 2019".
    pub heading: String,
    /// What the edition is and how it marks.
    pub intro: String,
    /// The counts, each linked to the first place of its kind.
    pub counts: Vec<LinkedLine>,
    /// The most important changes, each linked to its place.
    pub highlights: Vec<LinkedLine>,
    /// The marked places by chapter.
    pub chapters: Vec<ChapterPlaces>,
    /// How many places are marked.
    pub total: usize,
}

/// A list item being compared (a chapter, a block, a row, a member): the marked place its
/// changes are listed under.
struct Frame {
    change: PlaceChange,
    /// Its text, old and new.
    text: String,
    /// Its text as listed.
    shown: String,
    /// The place's anchor, once a change inside it is marked.
    anchor: Option<usize>,
}

struct Walk {
    /// The older side as the reader knows it ("2019").
    old_name: String,
    next: usize,
    chapters: Vec<ChapterPlaces>,
    block: String,
    frames: Vec<Frame>,
}

impl Walk {
    /// A new place with the next anchor number.
    fn record(&mut self, change: PlaceChange, shown: &str, full: String) -> usize {
        let anchor = self.next;
        self.next += 1;
        self.record_at(anchor, change, shown, full);
        anchor
    }

    /// A place with the anchor number `anchor`, in the chapter being compared.
    fn record_at(&mut self, anchor: usize, change: PlaceChange, shown: &str, full: String) {
        let label = match change {
            PlaceChange::Added => "Tillagt",
            PlaceChange::Removed => "Borttaget",
            PlaceChange::Changed => "Ändrat",
        };
        let place = Place {
            anchor,
            label: label.into(),
            change,
            text: snippet(shown),
            blocks: vec![self.block.clone()],
            full,
        };
        if let Some(c) = self.chapters.last_mut() {
            c.places.push(place);
        }
    }

    /// The frame a change inside is listed under: the outermost item that is new or gone as a
    /// whole, else the innermost item.
    fn frame(&mut self) -> Option<&mut Frame> {
        match self.frames.iter().position(|f| f.change != PlaceChange::Changed) {
            Some(i) => self.frames.get_mut(i),
            None => self.frames.last_mut(),
        }
    }

    /// The anchor for a marked text: a new place for its frame's first change (or for the text
    /// itself outside any list item), nothing after that.
    fn anchor(&mut self, change: PlaceChange, new: &str, old: &str) -> Option<usize> {
        let Some(f) = self.frame() else {
            let shown = if change == PlaceChange::Removed { old } else { new };
            return Some(self.record(change, shown, format!("{old}\n{new}")));
        };
        if let Some(anchor) = f.anchor {
            // A later mark of the same place: its kind of block is the place's too.
            let block = self.block.clone();
            let place =
                self.chapters.iter_mut().rev().flat_map(|c| c.places.iter_mut()).find(|p| p.anchor == anchor);
            if let Some(p) = place
                && !p.blocks.contains(&block)
            {
                p.blocks.push(block);
            }
            return None;
        }
        let (change, shown, full) = (f.change, f.shown.clone(), f.text.clone());
        let anchor = self.record(change, &shown, full);
        if let Some(f) = self.frame() {
            f.anchor = Some(anchor);
        }
        Some(anchor)
    }

    fn text(&mut self, old: Option<&str>, new: Option<&str>) -> Value {
        let (o, n) = (old.unwrap_or(""), new.unwrap_or(""));
        let change = match (old, new) {
            (None, _) => PlaceChange::Added,
            (_, None) => PlaceChange::Removed,
            _ => PlaceChange::Changed,
        };
        let runs = match change {
            PlaceChange::Added => vec![WordChange { op: WordOp::Insert, text: n.to_owned() }],
            PlaceChange::Removed => vec![WordChange { op: WordOp::Delete, text: o.to_owned() }],
            PlaceChange::Changed => word_changes(o, n),
        };
        let anchor = self.anchor(change, n, o);
        Value::from_object(Marked { runs, anchor })
    }

    fn prose(&mut self, old: Option<&Prose>, new: Option<&Prose>) -> Value {
        let headings = new.or(old).map(|p| p.headings).unwrap_or(crate::markdown::Headings::Forbidden);
        let o = old.map(|p| p.markdown.as_str()).unwrap_or("");
        let n = new.map(|p| p.markdown.as_str()).unwrap_or("");
        let anchor = self.next;
        let units = markdown::marked_places(o, n);
        // Inside an item that is new or gone as a whole, the item is the place, at the prose's
        // first mark; elsewhere each paragraph, heading or list item is a place of its own.
        let whole = self.frames.iter().position(|f| f.change != PlaceChange::Changed);
        match whole {
            Some(i) => {
                self.next += units.len();
                if self.frames[i].anchor.is_none() && !units.is_empty() {
                    let f = &self.frames[i];
                    let (change, shown, full) = (f.change, f.shown.clone(), f.text.clone());
                    self.record_at(anchor, change, &shown, full);
                    self.frames[i].anchor = Some(anchor);
                }
            }
            None => {
                for (change, text) in units {
                    let change = match change {
                        markdown::marks::UnitChange::Added => PlaceChange::Added,
                        markdown::marks::UnitChange::Removed => PlaceChange::Removed,
                        markdown::marks::UnitChange::Changed => PlaceChange::Changed,
                    };
                    let context = self.frames.last().map(|f| f.text.clone()).unwrap_or_default();
                    self.record(change, &text, format!("{text}\n{context}"));
                }
            }
        }
        let mut p = new
            .cloned()
            .unwrap_or_else(|| Prose::new(crate::sources::common::Markdown(String::new()), headings));
        p.review = Some(ProseReview { old: o.to_owned(), anchor });
        Value::from_object(p)
    }

    fn merge(&mut self, old: Option<&Value>, new: Option<&Value>) -> Value {
        let old = old.filter(|v| !v.is_undefined() && !v.is_none());
        let present = new.filter(|v| !v.is_undefined() && !v.is_none());
        fn prose(v: Option<&Value>) -> Option<&Prose> {
            v.and_then(|v| v.downcast_object_ref::<Prose>())
        }
        if prose(old).is_some() || prose(present).is_some() {
            let (a, b) = (prose(old), prose(present));
            if a.map(|p| &p.markdown) == b.map(|p| &p.markdown) {
                return present.cloned().unwrap_or(Value::from(()));
            }
            return self.prose(a, b);
        }
        match (old, present) {
            (None, None) => new.cloned().unwrap_or(Value::from(())),
            (o, Some(n)) if n.kind() == ValueKind::String => match o.and_then(|o| o.as_str()) {
                Some(a) if Some(a) == n.as_str() => n.clone(),
                a => self.text(a, n.as_str()),
            },
            (Some(o), None) if o.kind() == ValueKind::String => self.text(o.as_str(), None),
            (o, n) => {
                let shape = n.or(o).map(Value::kind);
                match shape {
                    Some(ValueKind::Map) => self.map(o, n),
                    Some(ValueKind::Seq) => self.seq(o, n),
                    // Numbers and flags: the new side's; an item that is gone keeps its own.
                    _ => n.or(o).cloned().unwrap_or(Value::from(())),
                }
            }
        }
    }

    fn map(&mut self, old: Option<&Value>, new: Option<&Value>) -> Value {
        let get =
            |v: Option<&Value>, k: &str| v.and_then(|v| v.get_attr(k).ok()).filter(|v| !v.is_undefined());
        // A chapter starts its list of places; a block names the kind of its places.
        if let Some(heading) = get(new, "heading").or_else(|| get(old, "heading"))
            && get(new.or(old), "blocks").is_some()
        {
            let heading = heading.to_string();
            self.chapters.push(ChapterPlaces { heading, places: Vec::new() });
        }
        let block = get(new.or(old), "kind").map(|k| k.to_string());
        let outer = block.as_ref().map(|b| std::mem::replace(&mut self.block, b.clone()));
        let gone = new.is_none();
        let mut out: BTreeMap<String, Value> = BTreeMap::new();
        let mut keys: Vec<String> = Vec::new();
        for v in [new, old].into_iter().flatten() {
            if let Ok(iter) = v.try_iter() {
                for k in iter {
                    let k = k.to_string();
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
        }
        for k in keys {
            let (o, n) = (get(old, &k), get(new, &k));
            let value = if k == "id" && gone {
                // What is gone keeps its place under an id of its own: the new side may use its id.
                Value::from(format!("borttaget-{}", o.map(|v| v.to_string()).unwrap_or_default()))
            } else if UNMARKED.contains(&k.as_str()) {
                n.or(o).unwrap_or(Value::from(()))
            } else {
                self.merge(o.as_ref(), n.as_ref())
            };
            out.insert(k, value);
        }
        if block.as_deref() == Some("org_chart") {
            self.chart(&mut out);
        }
        if let Some(b) = outer {
            self.block = b;
        }
        Value::from(out)
    }

    /// An organisation chart's block: the changed boxes named under the chart (`chart_changes`)
    /// and in its alternative text, and whether its legend is new or gone (`legend_change`), so
    /// that the legend's fixed words are marked with it.
    fn chart(&mut self, block: &mut BTreeMap<String, Value>) {
        let tree = block.get("tree").cloned().unwrap_or(Value::from(()));
        block.insert("chart_changes".into(), Value::from(()));
        if let Some((runs, words)) = chart_changes(&tree, &self.old_name) {
            let new: String =
                runs.iter().filter(|r| r.op != WordOp::Delete).map(|r| r.text.as_str()).collect();
            let anchor = self.anchor(PlaceChange::Changed, &new, "");
            block.insert("chart_changes".into(), Value::from_object(Marked { runs, anchor }));
            let alt = block.get("alt").map(|a| a.to_string()).unwrap_or_default();
            block.insert("alt".into(), Value::from(format!("{alt} {words}")));
        }
        let legend = block.get("legend").and_then(|l| l.downcast_object_ref::<Marked>().cloned());
        let change = legend.and_then(|m| {
            if m.runs.iter().all(|r| r.op == WordOp::Insert) {
                Some("added")
            } else if m.runs.iter().all(|r| r.op == WordOp::Delete) {
                Some("removed")
            } else {
                None
            }
        });
        block.insert("legend_change".into(), change.map(Value::from).unwrap_or(Value::from(())));
    }

    fn seq(&mut self, old: Option<&Value>, new: Option<&Value>) -> Value {
        let items = |v: Option<&Value>| -> Vec<Value> {
            v.and_then(|v| v.try_iter().ok()).map(|i| i.collect()).unwrap_or_default()
        };
        let (a, b) = (items(old), items(new));
        let describe = |v: &Value| -> (String, Option<String>, String) {
            let attr =
                |k: &str| v.get_attr(k).ok().filter(|x| x.kind() == ValueKind::String).map(|x| x.to_string());
            (attr("kind").unwrap_or_default(), attr("id"), flat_text(v))
        };
        let (da, db): (Vec<_>, Vec<_>) = (a.iter().map(describe).collect(), b.iter().map(describe).collect());
        let ia: Vec<Item<'_>> =
            da.iter().map(|(c, k, t)| Item { class: c, key: k.as_deref(), text: t }).collect();
        let ib: Vec<Item<'_>> =
            db.iter().map(|(c, k, t)| Item { class: c, key: k.as_deref(), text: t }).collect();
        let mut out = Vec::new();
        for (o, n) in align::align(&ia, &ib) {
            let (o, n) = (o.map(|i| &a[i]), n.map(|j| &b[j]));
            let is_map = n.or(o).is_some_and(|v| v.kind() == ValueKind::Map);
            if is_map {
                let change = match (o, n) {
                    (None, _) => PlaceChange::Added,
                    (_, None) => PlaceChange::Removed,
                    _ => PlaceChange::Changed,
                };
                let (ot, nt) = (o.map(flat_text).unwrap_or_default(), n.map(flat_text).unwrap_or_default());
                let shown = if change == PlaceChange::Removed { ot.clone() } else { nt.clone() };
                self.frames.push(Frame { change, text: format!("{ot}\n{nt}"), shown, anchor: None });
            }
            out.push(self.merge(o, n));
            if is_map {
                self.frames.pop();
            }
        }
        Value::from(out)
    }
}

/// All the texts of a value, joined by spaces: what aligns list items by content.
fn flat_text(v: &Value) -> String {
    let mut out = String::new();
    fn walk(v: &Value, out: &mut String) {
        if let Some(p) = v.downcast_object_ref::<Prose>() {
            out.push_str(&crate::diff::prose::plain(p.markdown.as_str()));
            out.push(' ');
            return;
        }
        match v.kind() {
            ValueKind::String => {
                out.push_str(v.as_str().unwrap_or(""));
                out.push(' ');
            }
            ValueKind::Seq => {
                for i in v.try_iter().into_iter().flatten() {
                    walk(&i, out);
                }
            }
            ValueKind::Map => {
                for k in v.try_iter().into_iter().flatten() {
                    if UNMARKED.contains(&k.to_string().as_str()) {
                        continue;
                    }
                    if let Ok(x) = v.get_item(&k) {
                        walk(&x, out);
                    }
                }
            }
            _ => {}
        }
    }
    walk(v, &mut out);
    out
}

/// The runs of marked words of one Typst document, numbered from 0 in the order they are
/// written: each run's start and end are labelled `<np-run-N>` and `<np-run-N-end>`, between
/// which the change bar in the margin is drawn on the laid-out pages ([`crate::typeset::bars`]).
#[derive(Debug, Default)]
pub struct Runs(pub usize);

impl Runs {
    /// A run of escaped markup marked as inserted (`#np-ins[…]`) or deleted (`#np-del[…]`),
    /// with its labels.
    pub fn mark(&mut self, inserted: bool, escaped: &str) -> String {
        let (open, close) = self.open(inserted);
        format!("{open}{escaped}{close}")
    }

    /// The markup that opens a run and the markup that closes it.
    pub fn open(&mut self, inserted: bool) -> (String, String) {
        let n = self.0;
        self.0 += 1;
        let call = if inserted { "np-ins" } else { "np-del" };
        (format!("#metadata(none)<np-run-{n}>#{call}["), format!("]#metadata(none)<np-run-{n}-end>"))
    }
}

/// At most the first dozen words of a text, with "…" when cut.
fn snippet(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 12 { words.join(" ") } else { format!("{} …", words[..12].join(" ")) }
}

/// The kinds of block where changes of a kind of entity show.
fn blocks_of(kind: EntityKind) -> &'static [&'static str] {
    match kind {
        EntityKind::Document | EntityKind::Party => &["cover"],
        EntityKind::Goal => &["goals", "indicators"],
        EntityKind::Indicator | EntityKind::Kpi => &["indicators"],
        EntityKind::Body => &["group", "members", "roles", "areas", "remit", "org_chart"],
        EntityKind::Member => &["members", "roles", "areas", "group"],
        EntityKind::Remit => &["remit"],
        EntityKind::Adjacent => &["adjacent"],
        EntityKind::Calendar => &["calendar"],
        EntityKind::Chapter => &["text", "aside", "appendices"],
    }
}

/// The review edition's view: the new document's view with the changes since `old` marked, and
/// the opening built from `report`, the change report between the same two sides. `old_label`
/// is the older side as given.
pub fn review(
    old: &DocumentView,
    new: &DocumentView,
    report: &Report,
    old_label: &str,
    old_name: &str,
) -> ReviewEdition {
    let (a, b) = (Value::from(Serde(old)), Value::from(Serde(new)));
    let mut walk = Walk {
        old_name: old_name.to_owned(),
        next: 1,
        chapters: Vec::new(),
        block: String::new(),
        frames: Vec::new(),
    };
    // The cover and its introduction, then the chapters and appendices.
    walk.chapters.push(ChapterPlaces { heading: "Omslaget".into(), places: Vec::new() });
    walk.block = "cover".into();
    let mut cover = walk.merge(a.get_attr("cover").ok().as_ref(), b.get_attr("cover").ok().as_ref());
    // The web cover prints the edition's subtitle and date from the metadata, which is not marked
    // (it goes into the PDF's metadata): the cover gets them marked.
    let mut with_meta: BTreeMap<String, Value> = BTreeMap::new();
    for k in cover.try_iter().into_iter().flatten() {
        if let Ok(v) = cover.get_item(&k) {
            with_meta.insert(k.to_string(), v);
        }
    }
    for k in ["subtitle", "date"] {
        let meta = |v: &Value| v.get_attr("meta").ok().and_then(|m| m.get_attr(k).ok());
        let value = walk.merge(meta(&a).as_ref(), meta(&b).as_ref());
        with_meta.insert(k.into(), value);
    }
    cover = Value::from(with_meta);
    walk.block = String::new();
    let chapters = walk.merge(a.get_attr("chapters").ok().as_ref(), b.get_attr("chapters").ok().as_ref());
    let appendices =
        walk.merge(a.get_attr("appendices").ok().as_ref(), b.get_attr("appendices").ok().as_ref());
    let places: Vec<&Place> = walk.chapters.iter().flat_map(|c| &c.places).collect();
    // The places a line concerns: those of its kinds of block naming its subject, then the rest
    // of those kinds.
    let candidates = |kinds: &[&str], name: Option<&str>| -> Vec<usize> {
        let of_kind: Vec<&&Place> =
            places.iter().filter(|p| p.blocks.iter().any(|b| kinds.contains(&b.as_str()))).collect();
        let named = of_kind.iter().filter(|p| name.is_some_and(|n| p.full.contains(n)));
        let mut out: Vec<usize> = named.chain(of_kind.iter()).map(|p| p.anchor).collect();
        let mut seen = std::collections::HashSet::new();
        out.retain(|a| seen.insert(*a));
        out
    };
    let line = |name: String, text: String, candidates: Vec<usize>| LinkedLine {
        name,
        text,
        anchor: candidates.first().copied(),
        candidates,
    };
    let counts = report
        .overview
        .counts
        .iter()
        .zip(&report.sections)
        .map(|(text, s)| line(String::new(), text.clone(), candidates(blocks_of(s.kind), None)))
        .collect();
    let highlights = report
        .overview
        .highlights
        .iter()
        .map(|h| {
            let places = h.kind.map(|k| candidates(blocks_of(k), h.subject.as_deref())).unwrap_or_default();
            line(h.name.clone(), h.text.clone(), places)
        })
        .collect();
    let total = places.len();
    let chapters_with_places: Vec<ChapterPlaces> =
        walk.chapters.into_iter().filter(|c| !c.places.is_empty()).collect();
    let view = ReviewView {
        old: old_label.to_owned(),
        old_name: old_name.to_owned(),
        name: "Granskningsversion".into(),
        furniture: format!("Granskningsversion: ändringar sedan {old_name}"),
        title: format!("Granskningsversion (ändringar sedan {old_name})"),
        heading: format!("Ändringar sedan {old_name}"),
        intro: if total == 0 {
            format!("Det här är en granskningsversion. Texten har inga ändringar sedan {old_name}.")
        } else {
            format!(
                "Det här är en granskningsversion: hela texten, med varje ändring sedan {old_name} markerad där den står. Borttagna ord är överstrukna och markerade ”borttaget”, tillagda ord understrukna och markerade ”tillagt”, och varje ändrad rad har ett streck i marginalen. Först en översikt och en förteckning över ändringarna, med länkar till där de står."
            )
        },
        counts,
        highlights,
        chapters: chapters_with_places,
        total,
    };
    let mut doc: BTreeMap<String, Value> = BTreeMap::new();
    for k in ["meta", "draft"] {
        doc.insert(k.into(), b.get_attr(k).unwrap_or(Value::from(())));
    }
    doc.insert("cover".into(), cover);
    doc.insert("chapters".into(), chapters);
    doc.insert("appendices".into(), appendices);
    ReviewEdition { doc, opening: view, must: MustShow::new() }
}

/// The review edition of the sources `new` against the older sources `old` (the side as given
/// by `old_label`): the two documents' views compared, and the change report between them for
/// the opening. `draft` marks the new side's view as a draft; with `placed`, what the new side
/// has carries its source places (for the page `serve` shows; what only the old side had has
/// none, as its sources may be a revision that is not on disk).
pub fn edition(
    old: &crate::sources::Sources,
    old_label: &str,
    new: &crate::sources::Sources,
    draft: Option<super::view::DraftView>,
    placed: bool,
) -> ReviewEdition {
    use crate::sources::index::Index;
    let (old_ix, new_ix) = (Index::new(old), Index::new(new));
    let diff = crate::diff::diff(&old_ix, old_label, &new_ix, &new.year.to_string());
    let report = crate::diff::report::report(&diff, &old_ix, &new_ix);
    let old_name = crate::diff::report::side_name(old_label, old.year);
    let old_view = super::view::document(old, None);
    let new_view = super::view::document_view(new, draft, placed);
    let mut edition = review(&old_view, &new_view, &report, old_label, &old_name);
    edition.must = new_view.must_show(new);
    edition.must.retain_shared(&old_view.must_show(old));
    edition
}

/// The review edition's view: the document's parts with their marks, and the opening.
pub struct ReviewEdition {
    /// `meta`, `draft`, `cover`, `chapters`, `appendices`, as in [`DocumentView`].
    doc: BTreeMap<String, Value>,
    /// The opening.
    pub opening: ReviewView,
    /// What its typeset text must show: what both editions show (see
    /// [`MustShow::retain_shared`]); nothing when made by [`review`] alone.
    pub must: MustShow,
}

impl ReviewEdition {
    /// The context of the document's template: the document's keys and `review`.
    pub fn value(&self) -> Value {
        let mut out = self.doc.clone();
        out.insert("review".into(), Value::from(Serde(&self.opening)));
        Value::from(out)
    }

    /// Keeps in the opening only the places `shown` says the rendered edition shows: a text a
    /// template does not print has no place to link to. True when it left out any.
    pub fn only_shown(&mut self, shown: impl Fn(usize) -> bool) -> bool {
        let before = self.opening.total;
        let anchors = |o: &ReviewView| -> Vec<Option<usize>> {
            o.counts.iter().chain(&o.highlights).map(|l| l.anchor).collect()
        };
        let links = anchors(&self.opening);
        let o = &mut self.opening;
        for c in &mut o.chapters {
            c.places.retain(|p| shown(p.anchor));
        }
        o.chapters.retain(|c| !c.places.is_empty());
        for l in o.counts.iter_mut().chain(o.highlights.iter_mut()) {
            l.anchor = l.candidates.iter().copied().find(|&a| shown(a));
        }
        o.total = o.chapters.iter().map(|c| c.places.len()).sum();
        o.total != before || anchors(o) != links
    }
}

/// The review edition's organisation chart as the PDF draws it, from a tree whose labels are
/// marked: a new box marked "tillagt", a renamed one "ändrat", a box that is gone left out (the
/// note under the chart names it). `None` when no label is marked (a tree of the final document).
pub(crate) fn chart_tree(value: &Value) -> Option<TreeNode> {
    fn marked(v: &Value) -> bool {
        v.get_attr("label").ok().is_some_and(|l| l.downcast_object_ref::<Marked>().is_some())
            || v.get_attr("children")
                .ok()
                .and_then(|c| c.try_iter().ok())
                .is_some_and(|mut c| c.any(|c| marked(&c)))
    }
    /// A box and the boxes under it; `gone` when the whole chart is gone: each box as it was,
    /// marked as removed. Otherwise a box that is gone is left out.
    fn node(v: &Value, gone: bool) -> Option<TreeNode> {
        let label = v.get_attr("label").ok()?;
        let (label, mark) = match label.downcast_object_ref::<Marked>() {
            _ if gone => (
                label.downcast_object_ref::<Marked>().map_or_else(|| label.to_string(), Marked::old_text),
                Some("borttaget".into()),
            ),
            Some(m) if m.runs.iter().all(|r| r.op == WordOp::Delete) => return None,
            Some(m) if m.runs.iter().all(|r| r.op == WordOp::Insert) => {
                (m.new_text(), Some("tillagt".into()))
            }
            Some(m) => (m.new_text(), Some("ändrat".into())),
            None => (label.to_string(), None),
        };
        let children = v
            .get_attr("children")
            .ok()
            .and_then(|c| c.try_iter().ok())
            .map(|c| c.filter_map(|c| node(&c, gone)).collect())
            .unwrap_or_default();
        let highlight = v.get_attr("highlight").ok().is_some_and(|h| h.is_true());
        Some(TreeNode { label, highlight, children, mark, source: None })
    }
    if !marked(value) {
        return None;
    }
    node(value, false).or_else(|| node(value, true))
}

/// The changes of an organisation chart in a sentence with its marks: "Ändrat i schemat sedan
/// 2019: tillagt: A, B; borttaget: C; nytt namn: D (förut E).", and in words for its alternative
/// text. `None` when no box changed.
fn chart_changes(tree: &Value, old_name: &str) -> Option<(Vec<WordChange>, String)> {
    let (mut added, mut removed, mut renamed) = (Vec::new(), Vec::new(), Vec::new());
    fn walk(v: &Value, out: &mut (&mut Vec<String>, &mut Vec<String>, &mut Vec<(String, String)>)) {
        if let Ok(l) = v.get_attr("label")
            && let Some(m) = l.downcast_object_ref::<Marked>()
        {
            if m.runs.iter().all(|r| r.op == WordOp::Insert) {
                out.0.push(m.new_text());
            } else if m.runs.iter().all(|r| r.op == WordOp::Delete) {
                out.1.push(m.old_text());
            } else {
                out.2.push((m.new_text(), m.old_text()));
            }
        }
        for c in v.get_attr("children").ok().and_then(|c| c.try_iter().ok()).into_iter().flatten() {
            walk(&c, out);
        }
    }
    walk(tree, &mut (&mut added, &mut removed, &mut renamed));
    if added.is_empty() && removed.is_empty() && renamed.is_empty() {
        return None;
    }
    let eq = |t: &str| WordChange { op: WordOp::Equal, text: t.to_owned() };
    let mut runs = vec![eq(&format!("Ändrat i schemat sedan {old_name} (med streckad ram): "))];
    let mut words = vec![format!("Ändrat i schemat sedan {old_name}:")];
    let mut parts: Vec<Vec<WordChange>> = Vec::new();
    if !added.is_empty() {
        parts
            .push(vec![eq("nya rutor "), WordChange { op: WordOp::Insert, text: swedish::join_and(&added) }]);
        words.push(format!("nya rutor {};", swedish::join_and(&added)));
    }
    if !renamed.is_empty() {
        let mut p = vec![eq("nytt namn ")];
        for (i, (new, old)) in renamed.iter().enumerate() {
            if i > 0 {
                p.push(eq(", "));
            }
            p.push(WordChange { op: WordOp::Delete, text: old.clone() });
            p.push(WordChange { op: WordOp::Insert, text: new.clone() });
            words.push(format!("{new} hette förut {old};"));
        }
        parts.push(p);
    }
    if !removed.is_empty() {
        parts.push(vec![
            eq("borttagna rutor "),
            WordChange { op: WordOp::Delete, text: swedish::join_and(&removed) },
        ]);
        words.push(format!("borttagna rutor {}.", swedish::join_and(&removed)));
    }
    for (i, p) in parts.into_iter().enumerate() {
        if i > 0 {
            runs.push(eq("; "));
        }
        runs.extend(p);
    }
    runs.push(eq("."));
    Some((runs, words.join(" ")))
}

/// `{{ x|lower }}`: the text in lower case; a marked text keeps its marks.
pub(crate) fn lower(value: &minijinja::Value) -> Value {
    match value.downcast_object_ref::<Marked>() {
        Some(m) => {
            let runs = m.runs.iter().map(|r| WordChange { op: r.op, text: r.text.to_lowercase() }).collect();
            Value::from_object(Marked { runs, anchor: m.anchor })
        }
        None if value.is_safe() => value.clone(),
        None => Value::from(value.to_string().to_lowercase()),
    }
}

/// `{{ x|plain }}`: the text without marks, for places that take text only (an attribute, a
/// description): the new text, or the old where only the old side had it.
pub(crate) fn plain(value: &minijinja::Value) -> Value {
    match value.downcast_object_ref::<Marked>() {
        Some(m) => Value::from(m.plain()),
        None => value.clone(),
    }
}

/// `{{ x|repeated }}`: a marked text printed a second time (a heading in the contents): its marks
/// without the anchor, which only its first place has.
pub(crate) fn repeated(value: &minijinja::Value) -> Value {
    match value.downcast_object_ref::<Marked>() {
        Some(m) => Value::from_object(Marked { runs: m.runs.clone(), anchor: None }),
        None => value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk() -> Walk {
        Walk {
            old_name: "2019".into(),
            next: 1,
            chapters: Vec::new(),
            block: String::new(),
            frames: Vec::new(),
        }
    }

    fn map(pairs: &[(&str, &str)]) -> Value {
        Value::from(pairs.iter().map(|(k, v)| (k.to_string(), Value::from(*v))).collect::<BTreeMap<_, _>>())
    }

    fn marked(v: &Value) -> Option<Marked> {
        v.downcast_object_ref::<Marked>().cloned()
    }

    #[test]
    fn equal_texts_stay_texts_and_changed_ones_are_marked() {
        let mut w = walk();
        let same = w.merge(Some(&Value::from("öka")), Some(&Value::from("öka")));
        assert_eq!(same.as_str(), Some("öka"));
        let changed =
            w.merge(Some(&Value::from("minst 2 procentenheter")), Some(&Value::from("3 procentenheter")));
        let m = marked(&changed).expect("marked");
        assert_eq!(m.old_text(), "minst 2 procentenheter");
        assert_eq!(m.new_text(), "3 procentenheter");
        let t = m.typst(&mut Runs::default());
        assert!(t.contains("#np-del[") && t.contains("#np-ins["), "{t}");
        assert!(m.anchor.is_some());
    }

    #[test]
    fn a_removed_row_stays_in_its_place_with_every_text_deleted() {
        let rows = |names: &[&str]| {
            Value::from(names.iter().map(|n| map(&[("name", *n), ("role", "ledamot")])).collect::<Vec<_>>())
        };
        let mut w = walk();
        w.chapters.push(ChapterPlaces { heading: "Kapitel".into(), places: Vec::new() });
        let out = w.merge(
            Some(&rows(&["Anna Ek", "Bo Ek", "Cia Ek"])),
            Some(&rows(&["Anna Ek", "Cia Ek", "Dan Ek"])),
        );
        let items: Vec<Value> = out.try_iter().unwrap().collect();
        let name = |i: usize| items[i].get_attr("name").unwrap();
        assert_eq!(name(0).as_str(), Some("Anna Ek"));
        let gone = marked(&name(1)).expect("the removed row's name is marked");
        assert!(gone.runs.iter().all(|r| r.op == WordOp::Delete) && gone.old_text() == "Bo Ek");
        assert_eq!(name(2).as_str(), Some("Cia Ek"));
        let new = marked(&name(3)).expect("the new row's name is marked");
        assert!(new.runs.iter().all(|r| r.op == WordOp::Insert) && new.new_text() == "Dan Ek");
        // One place per row, at its first marked text.
        let places = &w.chapters[0].places;
        assert_eq!(
            places.iter().map(|p| p.change).collect::<Vec<_>>(),
            [PlaceChange::Removed, PlaceChange::Added]
        );
        assert!(marked(&items[1].get_attr("role").unwrap()).is_some_and(|m| m.anchor.is_none()));
    }

    #[test]
    fn ids_and_values_placed_in_code_are_never_marked() {
        let v = |id: &str, alt: &str| map(&[("id", id), ("alt", alt)]);
        let mut w = walk();
        let out = w.merge(Some(&v("a", "Schema 2019")), Some(&v("a", "Schema 2023")));
        assert_eq!(out.get_attr("alt").unwrap().as_str(), Some("Schema 2023"));
        let gone = w.merge(Some(&v("a", "x")), None);
        assert_eq!(
            gone.get_attr("id").unwrap().as_str(),
            Some("borttaget-a"),
            "a removed item's id is its own"
        );
    }

    #[test]
    fn every_run_is_labelled_at_both_ends() {
        let mut runs = Runs::default();
        let m = Marked {
            runs: vec![
                WordChange { op: WordOp::Equal, text: "öka med ".into() },
                WordChange { op: WordOp::Delete, text: "2".into() },
                WordChange { op: WordOp::Insert, text: "3".into() },
            ],
            anchor: Some(4),
        };
        let t = m.typst(&mut runs);
        assert!(t.starts_with("#metadata(none)<np-change-4>öka med #metadata(none)<np-run-0>"), "{t}");
        assert!(t.contains("#np-del[2]#metadata(none)<np-run-0-end>"), "{t}");
        assert!(t.contains("<np-run-1>#np-ins[3]"), "{t}");
        assert_eq!(runs.0, 2);
    }
}
