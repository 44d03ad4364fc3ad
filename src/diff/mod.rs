//! `perspektiv diff`: what changed between two sets of sources, told in the document's terms.
//!
//! Entities (goals, indicators, bodies, remits, members, Bilaga 2 entries, calendars, chapters,
//! parties, KPIs) are matched by their stable ids; an entity on both sides is compared field by
//! field ([`entity`] gives each field's raw value and its text as the document prints it). Lists
//! inside an entity (a chapter's paragraphs, a remit's tasks, a person's roles, a body's members,
//! a calendar's months) are aligned by content ([`align`]), so an insertion before an edited item
//! is one insertion and one edit. Texts are compared word by word.
//!
//! [`Diff`] is the machine form (`--format json`); [`report`] turns it into the reader's view
//! that the Markdown, text and PDF forms ([`format`]) print.

pub mod align;
pub mod command;
pub mod composition;
pub mod entity;
pub mod format;
pub mod prose;
pub mod report;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use similar::{Algorithm, DiffTag};

use self::entity::{Entity, FieldValue, ListItem, Shown};
use crate::sources::index::Index;

/// Identifies the schema of the JSON output; changes only when the output's shape changes.
pub const SCHEMA: &str = "perspektiv-diff/2";

/// The differences between two sets of sources.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Diff {
    /// Always `perspektiv-diff/2` for this shape.
    pub schema: String,
    /// The old side.
    pub old: Side,
    /// The new side.
    pub new: Side,
    /// Changed entities, grouped by kind in a fixed order, each kind in the sources' order.
    pub entities: Vec<EntityChange>,
}

/// One side of a diff.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Side {
    /// As given on the command line: `2019`, `HEAD~1:2023`.
    pub label: String,
    /// The edition's year.
    pub year: i32,
}

/// Kinds of entities, in output order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// The document's metadata (title, date, cover, target years).
    Document,
    /// An overarching goal.
    Goal,
    /// An indicator of Bilaga 1.
    Indicator,
    /// A body (council, group).
    Body,
    /// A remit.
    Remit,
    /// A person and their roles.
    Member,
    /// A Bilaga 2 entry.
    Adjacent,
    /// A calendar.
    Calendar,
    /// A chapter or appendix, including its prose.
    Chapter,
    /// A party (municipality or region).
    Party,
    /// A Kolada KPI of the catalogue.
    Kpi,
}

/// Added, removed or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only on the new side.
    Added,
    /// Only on the old side.
    Removed,
    /// On both sides, with different fields.
    Changed,
}

/// A change of one entity.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct EntityChange {
    /// What kind of entity.
    pub kind: EntityKind,
    /// Its stable id.
    pub id: String,
    /// Its name as the document prints it (the new one when it changed).
    pub name: String,
    /// Added, removed or changed.
    pub change: ChangeKind,
    /// For `added` and `removed`: the entity's main facts in one line, in Swedish (an
    /// indicator's direction and target, a person's roles, a body's kind and members); empty
    /// for `changed`.
    pub summary: String,
    /// For `changed`: the fields that differ. For `added`/`removed`: empty.
    pub fields: Vec<FieldChange>,
}

/// A changed field, or a changed item of a list field.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct FieldChange {
    /// The field's key in the sources: `target`, `direction.text`, `role`, `paragraph`
    /// (a chapter's paragraphs, headings, list items and blocks), `items` (a remit's tasks).
    pub field: String,
    /// The field's Swedish name as the reader sees it, with the item's position in the new
    /// document for list items ("Mål", "Stycke 3", "Uppgift 2", "Roll").
    pub label: String,
    /// For list items: the position (from 1) in the new side's list; absent for removed items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<usize>,
    /// For list items: the position (from 1) in the old side's list; absent for added items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_position: Option<usize>,
    /// The old value as in the sources; absent when the field was added.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The new value as in the sources; absent when the field was removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
    /// The old value as the document prints it ("öka med minst 4 procentenheter", "5 maj
    /// 2023"); absent when the field was added.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// The new value as the document prints it; absent when the field was removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// For texts on both sides: the word-level changes from `before` to `after`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<WordChange>>,
}

/// A run of words that are equal, deleted or inserted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct WordChange {
    /// What happened to the words.
    pub op: WordOp,
    /// The words, with their spacing.
    pub text: String,
}

/// Operation of a word run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WordOp {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

impl FieldChange {
    /// The share of the text (by characters, spaces not counted) that is the same on both
    /// sides, for text fields.
    pub fn similarity(&self) -> Option<f64> {
        let words = self.words.as_ref()?;
        let visible = |w: &&WordChange| w.text.chars().filter(|c| !c.is_whitespace()).count();
        let total: usize = words.iter().map(|w| visible(&w)).sum();
        let equal: usize = words.iter().filter(|w| w.op == WordOp::Equal).map(|w| visible(&w)).sum();
        Some(if total == 0 { 1.0 } else { 2.0 * equal as f64 / (total + equal) as f64 })
    }

    /// Whether the field was added, removed or changed.
    pub fn change(&self) -> ChangeKind {
        match (&self.before, &self.after) {
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), None) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        }
    }
}

impl Diff {
    /// Whether the two sides differ.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// How many entities were added, removed and changed.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |k: ChangeKind| self.entities.iter().filter(|e| e.change == k).count();
        (count(ChangeKind::Added), count(ChangeKind::Removed), count(ChangeKind::Changed))
    }
}

/// Word-level changes between two texts. Words, punctuation marks and spaces are compared
/// separately, so that an added full stop is "hushåll{+.+}", not "[-hushåll-]{+hushåll.+}".
pub fn word_changes(old: &str, new: &str) -> Vec<WordChange> {
    let (a, b) = (align::pieces(old), align::pieces(new));
    let mut tokens: Vec<(WordOp, &str)> = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Patience, &a, &b) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => tokens.extend(o.map(|i| (WordOp::Equal, a[i]))),
            DiffTag::Delete => tokens.extend(o.map(|i| (WordOp::Delete, a[i]))),
            DiffTag::Insert => tokens.extend(n.map(|j| (WordOp::Insert, b[j]))),
            DiffTag::Replace => {
                tokens.extend(o.map(|i| (WordOp::Delete, a[i])));
                tokens.extend(n.map(|j| (WordOp::Insert, b[j])));
            }
        }
    }
    // A changed stretch is one deletion and one insertion, even where single spaces stayed the
    // same between the changed words: "[-a b-]{+c d+}", not "[-a-]{+c+} [-b-]{+d+}".
    let mut out: Vec<WordChange> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (op, text) = tokens[i];
        if op == WordOp::Equal {
            push_run(&mut out, WordOp::Equal, text);
            i += 1;
            continue;
        }
        let mut deleted = String::new();
        let mut inserted = String::new();
        let mut j = i;
        while j < tokens.len() {
            match tokens[j] {
                (WordOp::Delete, t) => deleted.push_str(t),
                (WordOp::Insert, t) => inserted.push_str(t),
                (WordOp::Equal, t)
                    if t.trim().is_empty()
                        && tokens[j + 1..].first().is_some_and(|n| n.0 != WordOp::Equal) =>
                {
                    deleted.push_str(t);
                    inserted.push_str(t);
                }
                _ => break,
            }
            j += 1;
        }
        if !deleted.is_empty() {
            push_run(&mut out, WordOp::Delete, &deleted);
        }
        if !inserted.is_empty() {
            push_run(&mut out, WordOp::Insert, &inserted);
        }
        i = j;
    }
    out
}

fn push_run(out: &mut Vec<WordChange>, op: WordOp, text: &str) {
    match out.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => out.push(WordChange { op, text: text.to_owned() }),
    }
}

/// Missing and `null` are the same.
fn present(v: &Value) -> Option<&Value> {
    (!v.is_null()).then_some(v)
}

/// A field change from two shown values; `None` when they are the same.
fn change(key: &str, label: String, old: Option<&Shown>, new: Option<&Shown>) -> Option<FieldChange> {
    let old_raw = old.and_then(|o| present(&o.raw));
    let new_raw = new.and_then(|n| present(&n.raw));
    // Only the sources count: a referenced body that was renamed is a change of that body.
    if old_raw == new_raw {
        return None;
    }
    let words = match (old, new) {
        (Some(o), Some(n)) if o.words || n.words => Some(word_changes(&o.text, &n.text)),
        _ => None,
    };
    Some(FieldChange {
        field: key.to_owned(),
        label,
        position: None,
        old_position: None,
        old: old_raw.cloned(),
        new: new_raw.cloned(),
        before: old.map(|o| o.text.clone()),
        after: new.map(|n| n.text.clone()),
        words,
    })
}

fn align_view(items: &[ListItem]) -> Vec<align::Item<'_>> {
    items.iter().map(|i| align::Item { class: i.class, key: i.key.as_deref(), text: &i.shown.text }).collect()
}

/// The changes of a list field: its items aligned by content.
fn list_changes(key: &str, old: &[ListItem], new: &[ListItem], out: &mut Vec<FieldChange>) {
    let (a, b) = (align_view(old), align_view(new));
    for (o, n) in align::align(&a, &b) {
        let label = match n {
            Some(j) => new[j].label.clone(),
            None => o.map(|i| old[i].bare_label.clone()).unwrap_or_default(),
        };
        if let Some(mut c) = change(key, label, o.map(|i| &old[i].shown), n.map(|j| &new[j].shown)) {
            c.position = n.map(|j| j + 1);
            c.old_position = o.map(|i| i + 1);
            out.push(c);
        }
    }
}

/// The field changes between two versions of an entity.
fn compare(kind: EntityKind, old: &Entity, new: &Entity) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut keys: Vec<&str> = new.fields.iter().map(|f| f.key.as_str()).collect();
    for f in &old.fields {
        if !keys.contains(&f.key.as_str()) {
            keys.push(&f.key);
        }
    }
    for key in keys {
        let o = old.fields.iter().find(|f| f.key == key).map(|f| &f.value);
        let n = new.fields.iter().find(|f| f.key == key).map(|f| &f.value);
        let label = entity::label(kind, key).to_owned();
        match (o, n) {
            (Some(FieldValue::List(a)), Some(FieldValue::List(b))) => list_changes(key, a, b, &mut out),
            (Some(FieldValue::List(a)), None) => list_changes(key, a, &[], &mut out),
            (None, Some(FieldValue::List(b))) => list_changes(key, &[], b, &mut out),
            (o, n) => {
                let one = |v: Option<&FieldValue>| match v {
                    Some(FieldValue::One(s)) => s.clone(),
                    _ => None,
                };
                if let Some(c) = change(key, label, one(o).as_ref(), one(n).as_ref()) {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// Compares two sets of sources, each given by its index (built once per run and shared with
/// [`report::report`]).
pub fn diff(old: &Index<'_>, old_label: &str, new: &Index<'_>, new_label: &str) -> Diff {
    let a = entity::entities(old);
    let b = entity::entities(new);
    let (old, new) = (old.sources(), new.sources());
    let mut keys: Vec<&(EntityKind, String)> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut changes = Vec::new();
    let mut order = Vec::new();
    for key in keys {
        let (kind, id) = key;
        let (change, entity, fields) = match (a.get(key), b.get(key)) {
            (Some(x), Some(y)) => {
                let fields = compare(*kind, x, y);
                if fields.is_empty() {
                    continue;
                }
                (ChangeKind::Changed, y, fields)
            }
            (Some(x), None) => (ChangeKind::Removed, x, Vec::new()),
            (None, Some(y)) => (ChangeKind::Added, y, Vec::new()),
            (None, None) => continue,
        };
        order.push((*kind, entity.order, change == ChangeKind::Removed));
        changes.push(EntityChange {
            kind: *kind,
            id: id.clone(),
            name: entity.name.clone(),
            change,
            summary: if change == ChangeKind::Changed { String::new() } else { entity.summary.clone() },
            fields,
        });
    }
    // Each kind in the document's order: the new side's, removed entities at their old place.
    let mut sorted: Vec<(usize, EntityChange)> = changes.into_iter().enumerate().collect();
    sorted.sort_by_key(|(i, _)| order[*i]);
    let changes = sorted.into_iter().map(|(_, c)| c).collect();
    Diff {
        schema: SCHEMA.into(),
        old: Side { label: old_label.into(), year: old.year },
        new: Side { label: new_label.into(), year: new.year },
        entities: changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_grouped_into_runs() {
        let w = word_changes("Antal självmordsförsök för män", "Antal självmord (suicid) för män");
        let deleted: String = w.iter().filter(|c| c.op == WordOp::Delete).map(|c| c.text.as_str()).collect();
        let inserted: String = w.iter().filter(|c| c.op == WordOp::Insert).map(|c| c.text.as_str()).collect();
        assert_eq!(deleted, "självmordsförsök");
        assert!(inserted.contains("självmord") && inserted.contains("(suicid)"), "{w:?}");
        assert!(w.iter().any(|c| c.op == WordOp::Equal && c.text.starts_with("Antal")));
    }
}
