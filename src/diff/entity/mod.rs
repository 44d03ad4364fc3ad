//! The entities of one set of sources as the diff compares them: every entity's fields, each
//! with its raw value (for the JSON) and its text as the document prints it (for the reader),
//! made by the same functions the document's views use ("5 maj 2023", "öka med minst 4
//! procentenheter", "1 000/100 000 inv.", "ledamot i Politiska styrgruppen 5 maj 2023 – 31
//! december 2026").
//!
//! Fields are taken from the entity's serialized source record, so that a field this module does
//! not know (a new key in the sources) is still compared, under a generic label.

use std::collections::BTreeMap;

use serde_json::Value;

use super::EntityKind;
use super::prose;
use crate::sources::common::swedish_date;
use crate::sources::index::Index;
use crate::sources::parties::KpiAreaType;

mod fields;
mod records;

use fields::{Builder, first_sentence, items, plural, to_value, yes_no};
use records::{Names, body, calendar, chapter, document, indicator, party_kind};

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
        (_, "publisher.name") => "Utgivare i tillgänglighetsredogörelsen",
        (_, "publisher.email") => "Utgivarens e-post",
        (_, "publisher.phone") => "Utgivarens telefon",
        (_, "publisher.url") => "Utgivarens webbplats",
        (_, "publisher.accessibility_statement_url") => "Utgivarens tillgänglighetsredogörelse",
        (_, "baseline_year") => "Jämförelseår",
        (_, "target_year") => "Målår",
        (_, "follow_up_years") => "Antal år i uppföljningsperioden",
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
/// Every entity of a set of sources (given by its index), by kind and id.
pub fn entities(ix: &Index<'_>) -> BTreeMap<(EntityKind, String), Entity> {
    let names = Names::new(ix);
    let s = ix.sources();
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
            for ((kind, id), e) in entities(&Index::new(&s)) {
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
