//! `perspektiv diff`: a semantic diff of two sets of sources.
//!
//! Entities (goals, indicators, bodies, remits, members, Bilaga 2 entries, calendars, chapters,
//! parties, KPIs) are matched by their stable ids; an entity on both sides is compared field by
//! field, text fields word by word. Lists inside an entity are matched by their own keys (roles by
//! body and role, focus areas by id, months by month), prose paragraph by paragraph.

pub mod command;
pub mod format;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Map, Value};
use similar::{Algorithm, DiffOp, DiffTag, TextDiff};

use crate::sources::Sources;
use crate::sources::document::{Block, Chapter};

/// Identifies the schema of the JSON output; changes only when the output's shape changes.
pub const SCHEMA: &str = "perspektiv-diff/1";

/// The differences between two sets of sources.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Diff {
    /// Always `perspektiv-diff/1` for this shape.
    pub schema: String,
    /// The old side.
    pub old: Side,
    /// The new side.
    pub new: Side,
    /// Changed entities, grouped by kind in a fixed order, each kind sorted by id.
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
    /// Its name or text (the new one when it changed).
    pub name: String,
    /// Added, removed or changed.
    pub change: ChangeKind,
    /// For `added` and `removed`: the entity's main facts in a few words (an indicator's
    /// direction and target, a person's roles, a body's kind); empty for `changed`.
    pub summary: Vec<String>,
    /// For `changed`: the fields that differ. For `added`/`removed`: empty.
    pub fields: Vec<FieldChange>,
}

/// A changed field.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct FieldChange {
    /// Path of the field in the entity: `target.amount`, `role[politisk-styrgrupp ledamot].until`,
    /// `items[2]`, `paragraph[4]`.
    pub field: String,
    /// The old value; absent when the field was added.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The new value; absent when the field was removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
    /// For text on both sides: the word-level changes.
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
    /// The share of the text (by characters) that is the same on both sides, for text fields.
    pub fn similarity(&self) -> Option<f64> {
        let words = self.words.as_ref()?;
        let total: usize = words.iter().map(|w| w.text.chars().count()).sum();
        let equal: usize =
            words.iter().filter(|w| w.op == WordOp::Equal).map(|w| w.text.chars().count()).sum();
        Some(if total == 0 { 1.0 } else { 2.0 * equal as f64 / (total + equal) as f64 })
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

/// Word-level changes between two texts.
pub fn word_changes(old: &str, new: &str) -> Vec<WordChange> {
    let diff = TextDiff::configure().algorithm(Algorithm::Patience).diff_words(old, new);
    let tokens: Vec<(WordOp, &str)> = diff
        .iter_all_changes()
        .map(|c| {
            let op = match c.tag() {
                similar::ChangeTag::Equal => WordOp::Equal,
                similar::ChangeTag::Delete => WordOp::Delete,
                similar::ChangeTag::Insert => WordOp::Insert,
            };
            (op, c.value())
        })
        .collect();
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

/// An entity as compared: its display name, its fields, and a summary for additions and removals.
struct Entity {
    name: String,
    fields: Value,
    summary: Vec<String>,
}

fn period(from: Option<crate::sources::common::Date>, until: Option<crate::sources::common::Date>) -> String {
    match (from, until) {
        (None, None) => String::new(),
        (f, u) => format!(
            " {}–{}",
            f.map(|d| d.to_string()).unwrap_or_default(),
            u.map(|d| d.to_string()).unwrap_or_default()
        ),
    }
}

fn to_value<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

fn without(mut v: Value, keys: &[&str]) -> Value {
    if let Value::Object(map) = &mut v {
        for k in keys {
            map.remove(*k);
        }
    }
    v
}

/// Turns an array of objects into an object keyed by `key(item)`; repeated keys get ` #2`, ` #3`.
fn keyed(v: &mut Value, field: &str, key: impl Fn(&Value) -> String) {
    let Some(Value::Array(items)) = v.get_mut(field).map(std::mem::take) else {
        return;
    };
    let mut map = Map::new();
    for item in items {
        let base = format!("[{}", key(&item));
        let mut k = format!("{base}]");
        let mut n = 1;
        while map.contains_key(&k) {
            n += 1;
            k = format!("{base} #{n}]");
        }
        map.insert(k, item);
    }
    if let Value::Object(obj) = v {
        obj.insert(field.to_owned(), Value::Object(map));
    }
}

fn str_field(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The paragraphs of a chapter: prose split at blank lines, data blocks as placeholders.
fn paragraphs(c: &Chapter) -> Vec<String> {
    let mut out = Vec::new();
    for b in &c.block {
        match b {
            Block::Text(t) => {
                for p in t.as_str().split("\n\n") {
                    let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !p.is_empty() {
                        out.push(p);
                    }
                }
            }
            Block::Aside(a) => {
                let text = a.text.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
                out.push(match &a.title {
                    Some(t) => format!("[ruta: {t}] {text}"),
                    None => format!("[ruta] {text}"),
                });
            }
            other => {
                let v = to_value(other);
                let (kind, args) = match &v {
                    Value::Object(m) => {
                        m.iter().next().map(|(k, v)| (k.clone(), v.clone())).unwrap_or_default()
                    }
                    _ => (String::new(), Value::Null),
                };
                let args = match args {
                    Value::Object(m) if !m.is_empty() => {
                        let parts: Vec<String> = m
                            .iter()
                            .map(|(k, v)| {
                                format!("{k}: {}", v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                            })
                            .collect();
                        format!(" ({})", parts.join(", "))
                    }
                    _ => String::new(),
                };
                out.push(format!("[{kind}{args}]"));
            }
        }
    }
    out
}

fn entities(s: &Sources) -> BTreeMap<(EntityKind, String), Entity> {
    let mut out = BTreeMap::new();
    let mut summaries: BTreeMap<(EntityKind, String), Vec<String>> = BTreeMap::new();
    for m in &s.members.data.member {
        let roles = m
            .role
            .iter()
            .map(|r| format!("{} {}{}", r.body, r.role.swedish(), period(r.from, r.until)))
            .collect();
        summaries.insert((EntityKind::Member, m.id.to_string()), roles);
    }
    for g in &s.goals.data.goal {
        for ind in &g.indicator {
            let target = crate::render::view::target_text(ind.target.as_ref());
            summaries.insert(
                (EntityKind::Indicator, ind.id.to_string()),
                vec![format!("{} {}, mål: {target}", ind.direction.arrow(), ind.direction.verb())],
            );
        }
    }
    for g in &s.groups.data.group {
        let mut facts = vec![format!("{:?}", g.kind).to_lowercase()];
        if let Some(p) = &g.reports_to {
            facts.push(format!("rapporterar till {p}"));
        }
        summaries.insert((EntityKind::Body, g.id.to_string()), facts);
    }
    let mut put = |kind: EntityKind, id: &str, name: &str, fields: Value| {
        let summary = summaries.remove(&(kind, id.to_owned())).unwrap_or_default();
        out.insert((kind, id.to_owned()), Entity { name: name.to_owned(), fields, summary });
    };

    let doc = &s.document.data;
    let mut meta = without(to_value(doc), &["chapter", "appendix"]);
    if let Value::Object(m) = &mut meta {
        m.insert("baseline_year".into(), to_value(&s.goals.data.baseline_year));
        m.insert("target_year".into(), to_value(&s.goals.data.target_year));
        m.insert("follow_up_years".into(), to_value(&s.goals.data.follow_up_years));
    }
    put(EntityKind::Document, "document", &doc.title, meta);

    for g in &s.goals.data.goal {
        put(EntityKind::Goal, g.id.as_str(), &g.title, without(to_value(g), &["id", "indicator"]));
        for ind in &g.indicator {
            let mut v = without(to_value(ind), &["id"]);
            keyed(&mut v, "kolada", |k| str_field(k, "kpi"));
            if let Value::Object(m) = &mut v {
                m.insert("goal".into(), Value::String(g.id.to_string()));
            }
            put(EntityKind::Indicator, ind.id.as_str(), &ind.text, v);
        }
    }
    for g in &s.groups.data.group {
        let mut v = without(to_value(g), &["id"]);
        keyed(&mut v, "area", |a| str_field(a, "id"));
        keyed(&mut v, "vacancy", |a| str_field(a, "function"));
        // Who sits in the body, so that a new composition shows as people leaving and joining.
        let mut members: Vec<String> = s
            .members
            .data
            .member
            .iter()
            .flat_map(|m| m.role.iter().filter(|r| r.body == g.id).map(move |r| (m, r)))
            .map(|(m, r)| format!("{} ({}{})", m.name, r.role.swedish(), period(r.from, r.until)))
            .collect();
        members.sort_by(|a, b| crate::swedish::compare(a, b));
        if let Value::Object(map) = &mut v {
            map.insert("members".into(), Value::Array(members.into_iter().map(Value::String).collect()));
        }
        put(EntityKind::Body, g.id.as_str(), &g.name, v);
    }
    for r in &s.groups.data.remit {
        let name = r.title.clone().unwrap_or_else(|| r.id.to_string());
        put(EntityKind::Remit, r.id.as_str(), &name, without(to_value(r), &["id"]));
    }
    for m in &s.members.data.member {
        let mut v = without(to_value(m), &["id"]);
        keyed(&mut v, "role", |r| {
            let area = str_field(r, "area");
            let base = format!("{} {}", str_field(r, "body"), str_field(r, "role"));
            if area.is_empty() { base } else { format!("{base} {area}") }
        });
        put(EntityKind::Member, m.id.as_str(), &m.name, v);
    }
    for e in &s.appendices.data.adjacent {
        put(EntityKind::Adjacent, e.id.as_str(), &e.name, without(to_value(e), &["id"]));
    }
    for c in &s.appendices.data.calendar {
        let mut v = without(to_value(c), &["id"]);
        keyed(&mut v, "track", |t| str_field(t, "id"));
        keyed(&mut v, "month", |m| format!("{:02}", m.get("month").and_then(Value::as_u64).unwrap_or(0)));
        if let Some(Value::Object(months)) = v.get_mut("month") {
            for month in months.values_mut() {
                keyed(month, "meeting", |m| str_field(m, "body"));
            }
        }
        let name = c.title.clone().unwrap_or_else(|| c.id.to_string());
        put(EntityKind::Calendar, c.id.as_str(), &name, v);
    }
    let chapters = doc.chapter.iter().map(|c| (c, false)).chain(doc.appendix.iter().map(|c| (c, true)));
    for (c, appendix) in chapters {
        let mut v = without(to_value(c), &["id", "block"]);
        if let Value::Object(m) = &mut v {
            m.insert("appendix".into(), Value::Bool(appendix));
            m.insert(
                "paragraph".into(),
                Value::Array(paragraphs(c).into_iter().map(Value::String).collect()),
            );
        }
        put(EntityKind::Chapter, c.id.as_str(), &c.title, v);
    }
    for p in &s.parties.data.party {
        put(EntityKind::Party, p.id.as_str(), &p.name, without(to_value(p), &["id"]));
    }
    for k in &s.kolada.data.kpi {
        put(EntityKind::Kpi, k.id.as_str(), &k.title, without(to_value(k), &["id"]));
    }
    out
}

/// A field path: `a.b`, or `a[key]` for the keys of a keyed list.
fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() || key.starts_with('[') {
        format!("{prefix}{key}")
    } else {
        format!("{prefix}.{key}")
    }
}

fn leaf(old: Option<&Value>, new: Option<&Value>, field: String, out: &mut Vec<FieldChange>) {
    let words = match (old, new) {
        (Some(Value::String(a)), Some(Value::String(b))) => Some(word_changes(a, b)),
        _ => None,
    };
    out.push(FieldChange { field, old: old.cloned(), new: new.cloned(), words });
}

/// Compares two JSON values; missing and `null` are the same.
fn compare(prefix: &str, old: Option<&Value>, new: Option<&Value>, out: &mut Vec<FieldChange>) {
    let old = old.filter(|v| !v.is_null());
    let new = new.filter(|v| !v.is_null());
    match (old, new) {
        (None, None) => {}
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let mut keys: Vec<&String> = a.keys().collect();
            keys.extend(b.keys().filter(|k| !a.contains_key(*k)));
            // An acknowledgement of a warning is about the checks, not the document.
            for k in keys.into_iter().filter(|k| k.as_str() != "acknowledged") {
                compare(&join(prefix, k), a.get(k), b.get(k), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) if a.iter().chain(b).all(Value::is_string) => {
            if a == b {
                return;
            }
            let sa: Vec<&str> = a.iter().filter_map(Value::as_str).collect();
            let sb: Vec<&str> = b.iter().filter_map(Value::as_str).collect();
            for op in similar::capture_diff_slices(Algorithm::Patience, &sa, &sb) {
                list_op(prefix, &op, &sa, &sb, out);
            }
        }
        (a, b) if a == b => {}
        (a, b) => leaf(a, b, prefix.to_owned(), out),
    }
}

/// One operation of a list diff: deleted and inserted items, replaced items paired word by word.
fn list_op(prefix: &str, op: &DiffOp, old: &[&str], new: &[&str], out: &mut Vec<FieldChange>) {
    let item = |i: usize| format!("{prefix}[{}]", i + 1);
    let (tag, o, n) = op.as_tag_tuple();
    match tag {
        DiffTag::Equal => {}
        DiffTag::Delete => {
            for i in o {
                leaf(Some(&Value::from(old[i])), None, item(i), out);
            }
        }
        DiffTag::Insert => {
            for i in n {
                leaf(None, Some(&Value::from(new[i])), item(i), out);
            }
        }
        DiffTag::Replace => {
            // Replaced items are paired as edits only when they are mostly alike; otherwise one
            // item left and another came (a new person, a new task).
            let (o, n): (Vec<usize>, Vec<usize>) = (o.collect(), n.collect());
            let alike = o.len() == n.len()
                && o.iter().zip(&n).all(|(&i, &j)| {
                    let f = FieldChange {
                        field: String::new(),
                        old: None,
                        new: None,
                        words: Some(word_changes(old[i], new[j])),
                    };
                    f.similarity().is_some_and(|s| s >= 0.5)
                });
            if alike {
                for (&i, &j) in o.iter().zip(&n) {
                    leaf(Some(&Value::from(old[i])), Some(&Value::from(new[j])), item(j), out);
                }
            } else {
                for i in o {
                    leaf(Some(&Value::from(old[i])), None, item(i), out);
                }
                for j in n {
                    leaf(None, Some(&Value::from(new[j])), item(j), out);
                }
            }
        }
    }
}

/// Compares two sets of sources.
pub fn diff(old: &Sources, old_label: &str, new: &Sources, new_label: &str) -> Diff {
    let a = entities(old);
    let b = entities(new);
    let mut keys: Vec<&(EntityKind, String)> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut changes = Vec::new();
    for key in keys {
        let (kind, id) = key;
        match (a.get(key), b.get(key)) {
            (Some(x), Some(y)) => {
                let mut fields = Vec::new();
                compare("", Some(&x.fields), Some(&y.fields), &mut fields);
                if !fields.is_empty() {
                    changes.push(EntityChange {
                        kind: *kind,
                        id: id.clone(),
                        name: y.name.clone(),
                        change: ChangeKind::Changed,
                        summary: Vec::new(),
                        fields,
                    });
                }
            }
            (Some(x), None) => changes.push(EntityChange {
                kind: *kind,
                id: id.clone(),
                name: x.name.clone(),
                change: ChangeKind::Removed,
                summary: x.summary.clone(),
                fields: Vec::new(),
            }),
            (None, Some(y)) => changes.push(EntityChange {
                kind: *kind,
                id: id.clone(),
                name: y.name.clone(),
                change: ChangeKind::Added,
                summary: y.summary.clone(),
                fields: Vec::new(),
            }),
            (None, None) => {}
        }
    }
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

    #[test]
    fn values_compare_by_field_and_key() {
        let old = serde_json::json!({"target": {"amount": 4, "unit": "procentenheter"}, "role": {"[a x]": {"until": "2023-05-04"}}, "items": ["ett", "stödja kommunerna i arbetet", "tre"]});
        let new = serde_json::json!({"target": {"amount": 3, "unit": "procentenheter"}, "role": {"[b y]": {}}, "items": ["ett", "stödja kommunerna i hela arbetet", "tre", "fyra"]});
        let mut out = Vec::new();
        compare("", Some(&old), Some(&new), &mut out);
        let fields: Vec<&str> = out.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["items[2]", "items[4]", "role[a x]", "role[b y]", "target.amount"]);
        assert_eq!(out[4].old, Some(serde_json::json!(4)));
        assert!(out[0].words.is_some(), "an edited item is compared word by word");
        assert!(out[1].old.is_none(), "an added item");
    }
}
