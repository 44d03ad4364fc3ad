//! The entities of one set of sources as the diff compares them: every entity's fields, each
//! with its raw value (for the JSON) and its text as the document prints it (for the reader),
//! made by the same functions the document's views use ("5 maj 2023", "öka med minst 4
//! procentenheter", "1 000/100 000 inv.", "ledamot i Politiska styrgruppen 5 maj 2023 – 31
//! december 2026").
//!
//! Fields are taken from the entity's serialized source record, so that a field this module does
//! not know (a new key in the sources) is still compared, under a generic label.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::EntityKind;
use super::prose::{self, UnitKind};
use crate::render::view::calendar_view;
use crate::sources::Sources;
use crate::sources::appendices::Calendar;
use crate::sources::common::{MONTHS_SV, Markdown, swedish_date};
use crate::sources::document::{Block, Chapter};
use crate::sources::goals::Indicator;
use crate::sources::groups::Group;
use crate::sources::index::Index;
use crate::sources::members::{Member, Role};
use crate::sources::parties::{KpiAreaType, PartyKind};
use crate::swedish;
use crate::wording::{period_caption, period_text, role_text, target_phrase};

/// An entity as compared.
pub struct Entity {
    /// Its place among the entities of its kind, in the sources' order.
    pub order: usize,
    /// Its name as the document prints it.
    pub name: String,
    /// Its main facts in one line, for additions and removals.
    pub summary: String,
    /// Its fields, in reading order.
    pub fields: Vec<Field>,
}

/// A field of an entity.
pub struct Field {
    /// Its key in the sources (`target`, `direction.text`, `role`).
    pub key: String,
    /// Its value.
    pub value: FieldValue,
    /// Whether the field is one this module does not know (shown with a generic label).
    pub unknown: bool,
}

/// A single value, or a list whose items are aligned by content.
pub enum FieldValue {
    /// One value; `None` when absent.
    One(Option<Shown>),
    /// A list.
    List(Vec<ListItem>),
}

/// A value: raw and as printed.
#[derive(Clone)]
pub struct Shown {
    /// As in the sources.
    pub raw: Value,
    /// As the document prints it.
    pub text: String,
    /// Whether it is prose (compared word by word) rather than a value (before → after).
    pub words: bool,
}

/// An item of a list field.
pub struct ListItem {
    /// Items pair only within a class (a paragraph never with a heading).
    pub class: &'static str,
    /// Items of the same key pair whatever their text (a role's body, a month).
    pub key: Option<String>,
    /// The reader's label with the item's position in its document ("Stycke 3").
    pub label: String,
    /// The label without a position ("Stycke"), for items that are gone.
    pub bare_label: String,
    /// The value.
    pub shown: Shown,
}

/// The Swedish label of a field or of the items of a list field: the one table of the diff's
/// field names.
pub fn label(kind: EntityKind, key: &str) -> &'static str {
    match (kind, key) {
        (EntityKind::Member, "title") => "Titel",
        (EntityKind::Document, "title") => "Titel",
        (EntityKind::Kpi, "title") => "Titel i Kolada",
        (_, "title") => "Rubrik",
        (_, "subtitle") => "Underrubrik",
        (_, "year") => "År",
        (_, "date") => "Datum",
        (_, "author") => "Utgivare",
        (_, "subject") => "Beskrivning",
        (_, "keywords") => "Nyckelord",
        (_, "running_header") => "Löprubrik",
        (_, "cover.parties_prefix") => "Omslagets inledning till parterna",
        (_, "cover.text") => "Omslagets text",
        (_, "baseline_year") => "Jämförelseår",
        (_, "target_year") => "Målår",
        (_, "follow_up_years") => "Uppföljningsperiod i år",
        (_, "text") => "Text",
        (_, "indicator_heading") => "Rubrik i bilaga 1",
        (_, "category") => "Kategori",
        (_, "direction") => "Riktning",
        (_, "measure") => "Vad som mäts",
        (_, "age") => "Åldersgrupp",
        (_, "target") => "Mål",
        (_, "kolada") => "Nyckeltal i Kolada",
        (_, "data_source") => "Datakälla",
        (_, "goal") => "Övergripande mål",
        (_, "name") => "Namn",
        (_, "short_name") => "Förkortning",
        (_, "kind") => "Typ",
        (_, "reports_to") => "Rapporterar till",
        (_, "term") => "Mandatperiod",
        (_, "state_financed") => "Finansieras av statliga satsningar",
        (_, "in_chart") => "Visas i organisationsschemat",
        (_, "chart_label") => "Namn i organisationsschemat",
        (_, "direction.title") => "Rubrik för den gemensamma inriktningen",
        (_, "direction.text") => "Gemensam inriktning",
        (_, "remit") => "Uppdrag",
        (_, "functions") => "Funktion som behöver finnas",
        (_, "functions_title") => "Inledning till funktionerna",
        (_, "functions_note") => "Anmärkning om funktionerna",
        (_, "vacancy") => "Vakant plats",
        (_, "area") => "Fokusområde",
        (_, "members") => "Plats i organet",
        (_, "intro") => "Inledning",
        (_, "items") => "Uppgift",
        (_, "organisation") => "Organisation",
        (_, "party") => "Parti",
        (_, "role") => "Roll",
        (_, "meeting_bodies") => "Mötande organ",
        (_, "track") => "Kolumn",
        (_, "month") => "Månad",
        (_, "list_title") => "Namn i förteckningen över bilagor",
        (_, "part") => "Del av dokumentet",
        (_, "paragraph") => "Stycke",
        (_, "official_name") => "Officiellt namn",
        (_, "code") => "Kod",
        (_, "municipality_type") => "Finns för",
        (_, "publ_period") => "Senast publicerade år",
        (EntityKind::Kpi, "unit") => "Enhet",
        (_, "is_divided_by_gender") => "Uppdelat på kön",
        (_, "publication_date") => "Publiceringsdatum",
        (_, "current") => "I Koladas aktuella lista",
        _ => "Övrig uppgift",
    }
}

/// A record as JSON, without its `acknowledged` keys: an acknowledgement of a warning is about
/// the checks, not the document, so it is no change.
fn to_value<T: Serialize>(t: &T) -> Value {
    let mut v = serde_json::to_value(t).unwrap_or(Value::Null);
    strip_acknowledged(&mut v);
    v
}

fn strip_acknowledged(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("acknowledged");
            map.values_mut().for_each(strip_acknowledged);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_acknowledged),
        _ => {}
    }
}

/// A value as text when the module has no better form for it.
fn generic_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => yes_no(*b).to_owned(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), swedish::number),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(generic_text).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map.values().map(generic_text).collect::<Vec<_>>().join(", "),
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "ja" } else { "nej" }
}

/// Takes the fields of a serialized record one by one.
struct Builder {
    kind: EntityKind,
    prefix: &'static str,
    rest: Map<String, Value>,
    fields: Vec<Field>,
}

impl Builder {
    fn new<T: Serialize>(kind: EntityKind, record: &T, skip: &[&str]) -> Self {
        let mut rest = match to_value(record) {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        for k in skip {
            rest.remove(*k);
        }
        Self { kind, prefix: "", rest, fields: Vec::new() }
    }

    /// The fields of a nested record (`cover`, `direction`), as `prefix.key`.
    fn nested(&mut self, key: &str, prefix: &'static str) -> Builder {
        let rest = match self.rest.remove(key) {
            Some(Value::Object(m)) => m,
            _ => Map::new(),
        };
        Builder { kind: self.kind, prefix, rest, fields: Vec::new() }
    }

    fn absorb(&mut self, nested: Builder) {
        self.fields.extend(nested.finish());
    }

    fn full_key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    fn push(&mut self, key: &str, raw: Value, text: Option<String>, words: bool) {
        let value = match (raw.is_null(), text) {
            (true, None) => None,
            (_, text) => Some(Shown { text: text.unwrap_or_else(|| generic_text(&raw)), raw, words }),
        };
        self.fields.push(Field { key: self.full_key(key), value: FieldValue::One(value), unknown: false });
    }

    /// A value of the record; `text` as the document prints it (`None` when absent).
    fn value(&mut self, key: &str, text: Option<String>) {
        let raw = self.rest.remove(key).unwrap_or(Value::Null);
        self.push(key, raw, text, false);
    }

    /// A short text of the record, compared word by word.
    fn words(&mut self, key: &str, text: Option<String>) {
        let raw = self.rest.remove(key).unwrap_or(Value::Null);
        let text = text.map(|t| swedish::join_digit_groups(&t).into_owned());
        self.push(key, raw, text, true);
    }

    /// Prose of the record, compared word by word as plain text.
    fn prose(&mut self, key: &str, md: Option<&Markdown>) {
        self.words(key, md.map(|m| prose::plain(m.as_str())));
    }

    /// A value that is not a field of the record (an indicator's goal, a body's members).
    fn extra(&mut self, key: &str, raw: Value, text: Option<String>) {
        self.push(key, raw, text, false);
    }

    /// A list of the record (or made from it), aligned by content.
    fn list(&mut self, key: &str, items: Vec<ListItem>) {
        self.rest.remove(key);
        self.fields.push(Field { key: self.full_key(key), value: FieldValue::List(items), unknown: false });
    }

    /// The fields taken, then every key not taken, under a generic label.
    fn finish(mut self) -> Vec<Field> {
        let rest = std::mem::take(&mut self.rest);
        for (key, raw) in rest {
            let text = (!raw.is_null()).then(|| generic_text(&raw));
            let shown = text.map(|text| Shown { raw, text, words: false });
            self.fields.push(Field {
                key: self.full_key(&key),
                value: FieldValue::One(shown),
                unknown: true,
            });
        }
        self.fields
    }
}

/// Items of a list whose items all share one label ("Roll"), or are numbered ("Uppgift 3").
fn items(
    kind: EntityKind,
    key: &str,
    numbered: bool,
    values: impl IntoIterator<Item = (Option<String>, Value, String, bool)>,
) -> Vec<ListItem> {
    let bare = label(kind, key);
    values
        .into_iter()
        .enumerate()
        .map(|(i, (item_key, raw, text, words))| ListItem {
            class: "item",
            key: item_key,
            label: if numbered { format!("{bare} {}", i + 1) } else { bare.to_owned() },
            bare_label: bare.to_owned(),
            shown: Shown { raw, text: swedish::join_digit_groups(&text).into_owned(), words },
        })
        .collect()
}

/// Names on one side: bodies, parties, goals, focus areas, and where calendars are shown.
struct Names<'a> {
    s: &'a Sources,
    ix: Index<'a>,
}

impl<'a> Names<'a> {
    fn new(s: &'a Sources) -> Self {
        Self { s, ix: Index::new(s) }
    }

    fn body(&self, id: &str) -> String {
        self.ix.body(id).map_or_else(|| id.to_owned(), |g| g.name.clone())
    }

    fn party(&self, id: &str) -> String {
        self.ix.party(id).map_or_else(|| id.to_owned(), |p| p.official_name.clone())
    }

    fn area(&self, body: &str, area: &str) -> Option<String> {
        self.ix.area(body, area).map(|a| a.text.clone())
    }

    fn remit_name(&self, id: &str, title: Option<&str>) -> String {
        if let Some(t) = title {
            return t.to_owned();
        }
        let bodies: Vec<String> = self
            .s
            .groups
            .data
            .group
            .iter()
            .filter(|g| g.remit.as_ref().is_some_and(|r| r.as_str() == id))
            .map(|g| g.name.clone())
            .collect();
        if bodies.is_empty() {
            "Uppdrag".into()
        } else {
            format!("Uppdrag för {}", swedish::join_and(&bodies))
        }
    }

    /// The heading of the chapter that shows a calendar.
    fn calendar_home(&self, id: &str) -> Option<String> {
        self.chapters().find_map(|(c, heading)| {
            c.block
                .iter()
                .any(|b| matches!(b, Block::Calendar(r) if r.calendar.as_str() == id))
                .then_some(heading)
        })
    }

    /// The chapters and appendices with their headings as printed.
    fn chapters(&self) -> impl Iterator<Item = (&'a Chapter, String)> + '_ {
        let doc = &self.s.document.data;
        doc.chapter.iter().map(|c| (c, c.title.clone())).chain(
            doc.appendix.iter().enumerate().map(|(i, c)| (c, format!("Bilaga {} – {}", i + 1, c.title))),
        )
    }

    fn seat_text(&self, role: &Role, with_body: bool) -> String {
        let body = with_body.then(|| self.body(role.body.as_str()));
        let area = role.area.as_ref().and_then(|a| self.area(role.body.as_str(), a.as_str()));
        let mut text = role_text(role, body.as_deref(), area.as_deref());
        let mut then: Vec<String> = role.title.iter().cloned().collect();
        if let Some(org) = &role.organisation {
            then.push(self.party(org.as_str()));
        }
        if !then.is_empty() {
            text.push_str(&format!(" (som {})", then.join(", ")));
        }
        text
    }

    fn member_line(&self, m: &Member) -> String {
        let mut who: Vec<String> = m.title.iter().cloned().collect();
        if let Some(org) = &m.organisation {
            who.push(self.party(org.as_str()));
        }
        let mut line = who.join(", ");
        if let Some(p) = m.party {
            line.push_str(&format!(" ({})", p.abbreviation()));
        }
        let roles: Vec<String> = m.role.iter().map(|r| self.seat_text(r, true)).collect();
        match (line.trim().is_empty(), roles.is_empty()) {
            (true, _) => roles.join("; "),
            (false, true) => line.trim().to_owned(),
            (false, false) => format!("{}; {}", line.trim(), roles.join("; ")),
        }
    }
}

/// The first sentence of a text, or its first 25 words.
fn first_sentence(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for w in &words {
        out.push(*w);
        if w.ends_with(['.', '!', '?']) && out.len() > 2 {
            return out.join(" ");
        }
        if out.len() == 25 {
            return format!("{} …", out.join(" "));
        }
    }
    out.join(" ")
}

/// The text with its first letter in lower case, for a description inside a sentence.
fn decapitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Every entity of a set of sources, by kind and id.
pub fn entities(s: &Sources) -> BTreeMap<(EntityKind, String), Entity> {
    let names = Names::new(s);
    let mut out = BTreeMap::new();
    let mut put = |kind: EntityKind, id: &str, mut e: Entity| {
        e.order = out.len();
        out.insert((kind, id.to_owned()), e);
    };

    put(EntityKind::Document, "document", document(s));
    for g in &s.goals.data.goal {
        let mut b = Builder::new(EntityKind::Goal, g, &["id", "indicator"]);
        b.words("title", Some(g.title.clone()));
        b.prose("text", Some(&g.text));
        b.words("indicator_heading", g.indicator_heading.clone());
        let summary = first_sentence(&prose::plain(g.text.as_str()));
        put(
            EntityKind::Goal,
            g.id.as_str(),
            Entity { order: 0, name: g.title.clone(), summary, fields: b.finish() },
        );
        for ind in &g.indicator {
            put(EntityKind::Indicator, ind.id.as_str(), indicator(s, ind, &g.id.to_string(), &g.title));
        }
    }
    for g in &s.groups.data.group {
        put(EntityKind::Body, g.id.as_str(), body(&names, g));
    }
    for r in &s.groups.data.remit {
        let kind = EntityKind::Remit;
        let mut b = Builder::new(kind, r, &["id"]);
        b.words("title", r.title.clone());
        b.prose("intro", r.intro.as_ref());
        let list = items(
            kind,
            "items",
            true,
            r.items.iter().map(|i| (None, to_value(i), prose::plain(i.as_str()), true)),
        );
        b.list("items", list);
        let name = names.remit_name(r.id.as_str(), r.title.as_deref());
        let summary = plural(r.items.len(), "uppgift", "uppgifter");
        put(kind, r.id.as_str(), Entity { order: 0, name, summary, fields: b.finish() });
    }
    for m in &s.members.data.member {
        let kind = EntityKind::Member;
        let mut b = Builder::new(kind, m, &["id"]);
        // A name is a value, not prose: a new name reads "Åsa Ek → Åsa Lind", the person the same.
        b.value("name", Some(m.name.clone()));
        b.words("title", m.title.clone());
        b.value("organisation", m.organisation.as_ref().map(|o| names.party(o.as_str())));
        b.value("party", m.party.map(|p| p.abbreviation().to_owned()));
        let roles = items(
            kind,
            "role",
            false,
            m.role.iter().map(|r| {
                let key = format!("{}/{}", r.body, r.area.as_ref().map_or("", |a| a.as_str()));
                (Some(key), to_value(r), names.seat_text(r, true), true)
            }),
        );
        b.list("role", roles);
        put(
            kind,
            m.id.as_str(),
            Entity { order: 0, name: m.name.clone(), summary: names.member_line(m), fields: b.finish() },
        );
    }
    for e in &s.appendices.data.adjacent {
        let kind = EntityKind::Adjacent;
        let mut b = Builder::new(kind, e, &["id"]);
        b.words("name", Some(e.name.clone()));
        b.prose("text", Some(&e.text));
        let summary = first_sentence(&prose::plain(e.text.as_str()));
        put(kind, e.id.as_str(), Entity { order: 0, name: e.name.clone(), summary, fields: b.finish() });
    }
    for c in &s.appendices.data.calendar {
        put(EntityKind::Calendar, c.id.as_str(), calendar(&names, c));
    }
    for (i, (c, heading)) in names.chapters().enumerate() {
        let appendix = i >= s.document.data.chapter.len();
        put(EntityKind::Chapter, c.id.as_str(), chapter(&names, c, heading, appendix));
    }
    for p in &s.parties.data.party {
        let kind = EntityKind::Party;
        let mut b = Builder::new(kind, p, &["id"]);
        b.words("name", Some(p.name.clone()));
        b.words("official_name", Some(p.official_name.clone()));
        b.value("code", Some(p.code.as_str().to_owned()));
        b.value("kind", Some(party_kind(p.kind).into()));
        let summary = format!("{}, kod {}", p.official_name, p.code.as_str());
        put(kind, p.id.as_str(), Entity { order: 0, name: p.name.clone(), summary, fields: b.finish() });
    }
    for k in &s.kolada.data.kpi {
        let kind = EntityKind::Kpi;
        let mut b = Builder::new(kind, k, &["id"]);
        b.words("title", Some(k.title.clone()));
        b.value(
            "municipality_type",
            Some(
                match k.municipality_type {
                    KpiAreaType::A => "kommuner och regioner",
                    KpiAreaType::K => "kommuner",
                    KpiAreaType::L => "regioner",
                }
                .into(),
            ),
        );
        b.value("unit", Some(k.unit.label().into()));
        b.value("is_divided_by_gender", k.is_divided_by_gender.map(|d| yes_no(d).into()));
        b.value("publ_period", k.publ_period.map(|p| p.to_string()));
        b.value("publication_date", k.publication_date.map(swedish_date));
        b.value("current", Some(yes_no(k.current).into()));
        let summary = format!("{}: {}", k.id, k.title);
        put(kind, k.id.as_str(), Entity { order: 0, name: k.title.clone(), summary, fields: b.finish() });
    }
    out
}

fn party_kind(kind: PartyKind) -> &'static str {
    match kind {
        PartyKind::Municipality => "kommun",
        PartyKind::Region => "region",
    }
}

fn document(s: &Sources) -> Entity {
    let doc = &s.document.data;
    let kind = EntityKind::Document;
    let mut b = Builder::new(kind, doc, &["chapter", "appendix"]);
    b.words("title", Some(doc.title.clone()));
    b.words("subtitle", Some(doc.subtitle.clone()));
    b.value("year", Some(doc.year.to_string()));
    b.value("date", Some(swedish_date(doc.date)));
    b.words("author", Some(doc.author.clone()));
    b.words("subject", Some(doc.subject.clone()));
    let keywords =
        items(kind, "keywords", false, doc.keywords.iter().map(|k| (None, to_value(k), k.clone(), false)));
    b.list("keywords", keywords);
    b.words("running_header", Some(doc.running_header.clone()));
    let mut cover = b.nested("cover", "cover.");
    cover.words("parties_prefix", Some(doc.cover.parties_prefix.clone()));
    cover.prose("text", doc.cover.text.as_ref());
    b.absorb(cover);
    let goals = &s.goals.data;
    b.extra("baseline_year", to_value(&goals.baseline_year), goals.baseline_year.map(|y| y.to_string()));
    b.extra("target_year", to_value(&goals.target_year), goals.target_year.map(|y| y.to_string()));
    b.extra(
        "follow_up_years",
        to_value(&goals.follow_up_years),
        goals.follow_up_years.map(|n| format!("de senaste {n} åren")),
    );
    Entity {
        order: 0,
        name: format!("{} {}", doc.title, doc.year),
        summary: String::new(),
        fields: b.finish(),
    }
}

fn indicator(s: &Sources, ind: &Indicator, goal_id: &str, goal: &str) -> Entity {
    let kind = EntityKind::Indicator;
    let mut b = Builder::new(kind, ind, &["id"]);
    b.words("category", ind.category.clone());
    b.words("text", Some(ind.text.clone()));
    b.value("direction", Some(format!("{} {}", ind.direction.verb(), ind.direction.arrow())));
    b.words("measure", ind.measure.clone());
    b.value("age", ind.age.map(|a| a.to_string()));
    let target = target_phrase(ind.direction, ind.target.as_ref());
    b.value("target", Some(target.clone()));
    let kpis =
        s.kolada.data.kpi.iter().map(|k| (k.id.as_str(), k.title.as_str())).collect::<BTreeMap<_, _>>();
    let kolada = items(
        kind,
        "kolada",
        false,
        ind.kolada.iter().map(|k| {
            let mut text = k.kpi.to_string();
            if let Some(title) = kpis.get(k.kpi.as_str()) {
                text.push_str(&format!(" {title}"));
            }
            let mut notes: Vec<String> = k.label.iter().cloned().collect();
            if k.complement {
                notes.push("omvänt mått".into());
            }
            if !notes.is_empty() {
                text.push_str(&format!(" ({})", notes.join(", ")));
            }
            (Some(k.kpi.to_string()), to_value(k), text, false)
        }),
    );
    b.list("kolada", kolada);
    b.words("data_source", ind.data_source.clone());
    b.extra("goal", Value::String(goal_id.to_owned()), Some(goal.to_owned()));
    let summary = format!("{} {}, mål: {target}; under {goal}", ind.direction.verb(), ind.direction.arrow());
    Entity { order: 0, name: ind.text.clone(), summary, fields: b.finish() }
}

fn body(names: &Names<'_>, g: &Group) -> Entity {
    let kind = EntityKind::Body;
    let s = names.s;
    let mut b = Builder::new(kind, g, &["id"]);
    b.words("name", Some(g.name.clone()));
    b.value("short_name", g.short_name.clone());
    b.value("kind", Some(g.kind.swedish().to_owned()));
    b.value("reports_to", g.reports_to.as_ref().map(|r| names.body(r.as_str())));
    let terms = items(
        kind,
        "term",
        false,
        g.term.iter().map(|t| {
            (None, to_value(t), period_text(t.from, t.until).unwrap_or_else(|| "utan datum".into()), false)
        }),
    );
    b.list("term", terms);
    b.value("state_financed", Some(yes_no(g.state_financed).into()));
    b.value("in_chart", Some(yes_no(g.in_chart).into()));
    b.words("chart_label", g.chart_label.clone());
    let mut direction = b.nested("direction", "direction.");
    direction.words("title", g.direction.as_ref().and_then(|d| d.title.clone()));
    direction.prose("text", g.direction.as_ref().map(|d| &d.text));
    b.absorb(direction);
    b.value(
        "remit",
        g.remit.as_ref().map(|r| {
            let title = s.groups.data.remit.iter().find(|x| &x.id == r).and_then(|x| x.title.as_deref());
            names.remit_name(r.as_str(), title)
        }),
    );
    let functions = items(
        kind,
        "functions",
        false,
        g.functions.iter().map(|f| (None, to_value(f), prose::plain(f.as_str()), true)),
    );
    b.list("functions", functions);
    b.words("functions_title", g.functions_title.clone());
    b.words("functions_note", g.functions_note.clone());
    let vacancies = items(
        kind,
        "vacancy",
        false,
        g.vacancy.iter().map(|v| {
            let side = match v.side {
                PartyKind::Municipality => "kommunernas",
                PartyKind::Region => "regionens",
            };
            let mut text = format!("{} bland {side} representanter", v.function);
            if let Some(note) = &v.note {
                text.push_str(&format!(", {note}"));
            }
            (Some(v.function.clone()), to_value(v), text, false)
        }),
    );
    b.list("vacancy", vacancies);
    let areas = items(
        kind,
        "area",
        false,
        g.area.iter().map(|a| (Some(a.id.to_string()), to_value(a), a.text.clone(), true)),
    );
    b.list("area", areas);
    // Who sits in the body, so that a new composition shows as people leaving and joining.
    let mut seats: Vec<(&Member, &Role)> = s
        .members
        .data
        .member
        .iter()
        .flat_map(|m| m.role.iter().filter(|r| r.body == g.id).map(move |r| (m, r)))
        .collect();
    seats.sort_by(|a, b| swedish::compare(&a.0.name, &b.0.name));
    let members = items(
        kind,
        "members",
        false,
        seats.iter().map(|(m, r)| {
            let raw = serde_json::json!({ "member": m.id.as_str(), "role": to_value(r) });
            (Some(m.id.to_string()), raw, format!("{}, {}", m.name, names.seat_text(r, false)), true)
        }),
    );
    b.list("members", members);

    let mut facts = vec![swedish::capitalize(g.kind.swedish())];
    if let Some(p) = &g.reports_to {
        facts[0].push_str(&format!(" som rapporterar till {}", names.body(p.as_str())));
    }
    if g.state_financed {
        facts.push("finansieras av statliga satsningar".into());
    }
    let mut by_role: BTreeMap<_, Vec<String>> = BTreeMap::new();
    for (m, r) in &seats {
        by_role.entry(r.role).or_default().push(m.name.clone());
    }
    for (role, mut people) in by_role {
        people.dedup();
        let word = if people.len() == 1 { role.swedish() } else { role.swedish_plural() };
        facts.push(format!("{word} {}", swedish::join_and(&people)));
    }
    Entity { order: 0, name: g.name.clone(), summary: facts.join("; "), fields: b.finish() }
}

fn calendar(names: &Names<'_>, c: &Calendar) -> Entity {
    let kind = EntityKind::Calendar;
    let mut b = Builder::new(kind, c, &["id"]);
    b.words("title", c.title.clone());
    b.prose("intro", c.intro.as_ref());
    let bodies = items(
        kind,
        "meeting_bodies",
        false,
        c.meeting_bodies.iter().map(|m| (Some(m.to_string()), to_value(m), names.body(m.as_str()), false)),
    );
    b.list("meeting_bodies", bodies);
    let tracks = items(
        kind,
        "track",
        false,
        c.track.iter().map(|t| {
            let text = match &t.body {
                Some(body) => format!("{} ({})", t.label, names.body(body.as_str())),
                None => t.label.clone(),
            };
            (Some(t.id.to_string()), to_value(t), text, false)
        }),
    );
    b.list("track", tracks);
    // Each month is one row per column, as the table shows it: "Augusti 2023, Politisk styrgrupp".
    let view = calendar_view(&names.ix, c);
    let mut months = Vec::new();
    let mut year: Option<i32> = None;
    let mut previous = 0;
    for (m, row) in c.month.iter().zip(&view.rows) {
        year = m.year.or(year.map(|y| if m.month.0 < previous { y + 1 } else { y }));
        previous = m.month.0;
        let when = swedish::capitalize(&match year {
            Some(y) => format!("{} {y}", MONTHS_SV[usize::from(m.month.0 - 1)]),
            None => MONTHS_SV[usize::from(m.month.0 - 1)].to_owned(),
        });
        let mut push = |column: &str, key: String, raw: Value, text: String| {
            months.push(ListItem {
                class: "month",
                key: Some(key),
                label: format!("{when}, {column}"),
                bare_label: format!("{when}, {column}"),
                shown: Shown { raw, text: swedish::join_digit_groups(&text).into_owned(), words: true },
            });
        };
        if let Some(header) = &view.meeting_header
            && !row.meetings.is_empty()
        {
            push(header, format!("{:02}/möten", m.month.0), to_value(&m.meeting), row.meetings.join(", "));
        }
        for (t, cell) in c.track.iter().zip(&row.cells) {
            if !cell.is_empty() {
                push(&t.label, format!("{:02}/{}", m.month.0, t.id), to_value(cell), cell.join(" "));
            }
        }
    }
    b.list("month", months);
    let name =
        c.title.clone().or_else(|| names.calendar_home(c.id.as_str())).unwrap_or_else(|| "Årshjul".into());
    let first = c.month.first().map(|m| m.month.name());
    let last = c.month.last().map(|m| m.month.name());
    let mut summary = plural(c.month.len(), "månad", "månader");
    if let (Some(f), Some(l)) = (first, last) {
        summary.push_str(&format!(" ({f}–{l})"));
    }
    let labels: Vec<String> = c.track.iter().map(|t| t.label.clone()).collect();
    if !labels.is_empty() {
        summary.push_str(&format!("; kolumner: {}", swedish::join_and(&labels)));
    }
    Entity { order: 0, name, summary, fields: b.finish() }
}

/// What a data block of a chapter shows, in words: its label and its description.
fn block_text(names: &Names<'_>, block: &Block) -> (&'static str, String) {
    let body = |id: &crate::sources::ids::GroupId| names.body(id.as_str());
    match block {
        Block::Text(_) | Block::Aside(_) => ("Text", String::new()),
        Block::Goals(_) => ("Avsnitt", "De övergripande målen med beskrivningar".into()),
        Block::Members(m) => {
            ("Tabell", format!("Ledamöterna i {}", period_caption(&body(&m.body), m.from, m.until)))
        }
        Block::Roles(r) => ("Avsnitt", format!("Rollerna i {}", body(&r.body))),
        Block::Group(r) => ("Avsnitt", format!("Presentationen av {}", body(&r.body))),
        Block::Remit(r) => {
            let group = names.ix.body(r.body.as_str());
            let remit = group.and_then(|g| g.remit.as_ref()).and_then(|id| {
                names
                    .s
                    .groups
                    .data
                    .remit
                    .iter()
                    .find(|x| &x.id == id)
                    .map(|x| (x.id.as_str(), x.title.as_deref()))
            });
            let name = match remit {
                Some((id, title)) => names.remit_name(id, title),
                None => format!("Uppdraget för {}", body(&r.body)),
            };
            ("Avsnitt", name)
        }
        Block::Areas(r) => ("Avsnitt", format!("Fokusområdena i {}", body(&r.body))),
        Block::OrgChart(o) => (
            "Organisationsschema",
            o.title.clone().unwrap_or_else(|| format!("Organisationsschemat med {} överst", body(&o.root))),
        ),
        Block::Indicators(_) => ("Tabell", "Indikatorerna för varje övergripande mål".into()),
        Block::Adjacent(_) => ("Förteckning", "Angränsande och kompletterande arbeten".into()),
        Block::Calendar(r) => {
            let cal = names.ix.calendar(r.calendar.as_str());
            let title = cal.and_then(|c| c.title.clone());
            ("Årshjul", title.unwrap_or_else(|| "Årshjulet".into()))
        }
        Block::Appendices(_) => ("Förteckning", "Bilagorna".into()),
    }
}

fn chapter(names: &Names<'_>, c: &Chapter, heading: String, appendix: bool) -> Entity {
    let kind = EntityKind::Chapter;
    let mut b = Builder::new(kind, c, &["id", "block"]);
    b.words("title", Some(c.title.clone()));
    b.words("subtitle", c.subtitle.clone());
    b.words("running_header", c.running_header.clone());
    b.words("list_title", c.list_title.clone());
    b.extra(
        "part",
        Value::String(if appendix { "appendix" } else { "chapter" }.into()),
        Some(if appendix { "bilaga" } else { "kapitel" }.into()),
    );

    // The chapter's prose and blocks as the reader meets them: "Stycke 3", "Stycke 4, punkt 2",
    // "Rubrik", "Ruta", "Tabell".
    let mut units = Vec::new();
    let mut paragraph = 0;
    let mut point = 0;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for block in &c.block {
        match block {
            Block::Text(md) => {
                for u in prose::units(md.as_str()) {
                    let (class, label, bare) = match u.kind {
                        UnitKind::Paragraph => {
                            paragraph += 1;
                            ("paragraph", format!("Stycke {paragraph}"), "Stycke")
                        }
                        UnitKind::Heading => ("heading", "Rubrik".to_owned(), "Rubrik"),
                        UnitKind::Item { first } => {
                            if first {
                                paragraph += 1;
                                point = 0;
                            }
                            point += 1;
                            ("item", format!("Stycke {paragraph}, punkt {point}"), "Punkt i en lista")
                        }
                    };
                    units.push(ListItem {
                        class,
                        key: None,
                        label,
                        bare_label: bare.into(),
                        shown: Shown { raw: Value::String(u.text.clone()), text: u.text, words: true },
                    });
                }
            }
            Block::Aside(a) => {
                let label = match &a.title {
                    Some(t) => format!("Ruta ”{t}”"),
                    None => "Ruta".into(),
                };
                let text = prose::plain(a.text.as_str());
                units.push(ListItem {
                    class: "aside",
                    key: a.title.clone(),
                    bare_label: label.clone(),
                    label,
                    shown: Shown { raw: to_value(a), text, words: true },
                });
            }
            other => {
                let (label, text) = block_text(names, other);
                let n = counts.entry(label).or_default();
                *n += 1;
                units.push(ListItem {
                    class: "block",
                    key: Some(to_value(other).to_string()),
                    label: label.to_owned(),
                    bare_label: label.to_owned(),
                    shown: Shown { raw: to_value(other), text, words: false },
                });
            }
        }
    }
    let paragraphs = units.iter().filter(|u| u.class == "paragraph").count();
    let shown: Vec<String> =
        units.iter().filter(|u| u.class == "block").map(|u| decapitalize(&u.shown.text)).collect();
    b.list("paragraph", units);
    let mut summary = (if appendix { "Bilaga" } else { "Kapitel" }).to_owned();
    if paragraphs > 0 {
        summary.push_str(&format!(" med {}", plural(paragraphs, "stycke", "stycken")));
    }
    if !shown.is_empty() {
        summary.push_str(&format!("; visar {}", swedish::join_and(&shown)));
    }
    Entity { order: 0, name: heading, summary, fields: b.finish() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of the real sources has a Swedish label and a printed form: a new key in the
    /// sources must be given one here.
    #[test]
    fn every_field_of_the_real_sources_is_known() -> Result<(), Box<dyn std::error::Error>> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sources");
        for year in [2019, 2023] {
            let (s, _) = crate::sources::load(&crate::sources::DirTree::new(&root), year)
                .map_err(|r| format!("{year}: {} problems", r.problems.len()))?;
            for ((kind, id), e) in entities(&s) {
                for f in &e.fields {
                    assert!(!f.unknown, "{year} {kind:?} {id}: `{}` has no label", f.key);
                    assert_ne!(label(kind, &f.key), "Övrig uppgift", "{year} {kind:?} {id}: `{}`", f.key);
                }
                assert!(
                    !e.name.is_empty() && e.name != id || kind == EntityKind::Kpi,
                    "{kind:?} {id} has no name"
                );
            }
        }
        Ok(())
    }
}
