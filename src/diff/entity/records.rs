//! The entities made of more than one record's fields: the document, an indicator, a body with
//! its members, a calendar and a chapter, and the names on one side they are written with.

use std::collections::BTreeMap;

use serde_json::Value;

use super::fields::{Builder, decapitalize, items, plural, to_value, yes_no};
use super::{Entity, ListItem, Shown};
use crate::diff::EntityKind;
use crate::diff::prose::{self, UnitKind};
use crate::render::view::calendar_view;
use crate::sources::Sources;
use crate::sources::appendices::Calendar;
use crate::sources::common::{MONTHS_SV, swedish_date};
use crate::sources::document::{Block, Chapter, Publisher};
use crate::sources::goals::Indicator;
use crate::sources::groups::Group;
use crate::sources::index::Index;
use crate::sources::members::{Member, Role};
use crate::sources::parties::PartyKind;
use crate::swedish;
use crate::wording::{period_caption, period_text, role_text, target_phrase};

/// Names on one side: bodies, parties, goals, focus areas, and where calendars are shown.
pub(super) struct Names<'a, 'i> {
    s: &'a Sources,
    ix: &'i Index<'a>,
}

impl<'a, 'i> Names<'a, 'i> {
    pub(super) fn new(ix: &'i Index<'a>) -> Self {
        Self { s: ix.sources(), ix }
    }

    /// A body with its remit, focus areas and members (each seat as its members table shows it).
    pub(super) fn body(&self, id: &str) -> String {
        self.ix.body(id).map_or_else(|| id.to_owned(), |g| g.name.clone())
    }

    pub(super) fn party(&self, id: &str) -> String {
        self.ix.party(id).map_or_else(|| id.to_owned(), |p| p.official_name.clone())
    }

    pub(super) fn area(&self, body: &str, area: &str) -> Option<String> {
        self.ix.area(body, area).map(|a| a.text.clone())
    }

    pub(super) fn remit_name(&self, id: &str, title: Option<&str>) -> String {
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

    /// The chapters and appendices with their headings as printed.
    pub(super) fn chapters(&self) -> impl Iterator<Item = (&'a Chapter, String)> + 'a {
        self.s.document.data.headings()
    }

    pub(super) fn seat_text(&self, role: &Role, with_body: bool) -> String {
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

    pub(super) fn member_line(&self, m: &Member) -> String {
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

/// A party's kind as the document names it.
pub(super) fn party_kind(kind: PartyKind) -> &'static str {
    match kind {
        PartyKind::Municipality => "kommun",
        PartyKind::Region => "region",
    }
}

/// The document itself: its title, date, cover and the other fields of `document.toml`.
pub(super) fn document(s: &Sources) -> Entity {
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
    let publisher = doc.publisher.as_ref();
    let mut p = b.nested("publisher", "publisher.");
    p.words("name", publisher.map(|p| p.name.clone()));
    let contact = |get: fn(&Publisher) -> &Option<String>| publisher.and_then(|p| get(p).clone());
    p.value("email", contact(|p| &p.email));
    p.value("phone", contact(|p| &p.phone));
    p.value("url", contact(|p| &p.url));
    p.value("accessibility_statement_url", contact(|p| &p.accessibility_statement_url));
    b.absorb(p);
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

/// An indicator with its goal, target and KPIs as the document prints them.
pub(super) fn indicator(s: &Sources, ind: &Indicator, goal_id: &str, goal: &str) -> Entity {
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

pub(super) fn body(names: &Names<'_, '_>, g: &Group) -> Entity {
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

/// A calendar (Årshjul) with its months' meetings as the appendix shows them.
pub(super) fn calendar(names: &Names<'_, '_>, c: &Calendar) -> Entity {
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
    let view = calendar_view(names.ix, c);
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
    let name = names.s.document.data.calendar_name(c).unwrap_or_else(|| "Årshjul".into());
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
fn block_text(names: &Names<'_, '_>, block: &Block) -> (&'static str, String) {
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

/// A chapter or appendix under its heading as printed, with its blocks in order.
pub(super) fn chapter(names: &Names<'_, '_>, c: &Chapter, heading: String, appendix: bool) -> Entity {
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
