//! The diff's outputs: text for the terminal, Markdown for papers (Swedish), the view for the
//! PDF annex. JSON is the [`Diff`](super::Diff) itself, serialized.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use serde::Serialize;
use serde_json::Value;
use termcolor::{Buffer, Color, ColorSpec, WriteColor};

use super::{ChangeKind, Diff, EntityChange, EntityKind, FieldChange, WordOp};
use crate::render::view::MetaView;
use crate::sources::Sources;
use crate::sources::common::{Date, swedish_date};

/// Names of referenced things (bodies, parties, goals, remits), from both sides.
#[derive(Default)]
pub struct Names(BTreeMap<(&'static str, String), String>);

impl Names {
    /// Names from the old and the new sources; the new side wins.
    pub fn from_sources(sides: [&Sources; 2]) -> Self {
        let mut names = BTreeMap::new();
        for s in sides {
            for g in &s.groups.data.group {
                names.insert(("body", g.id.to_string()), g.name.clone());
            }
            for p in &s.parties.data.party {
                names.insert(("party", p.id.to_string()), p.name.clone());
            }
            for g in &s.goals.data.goal {
                names.insert(("goal", g.id.to_string()), g.title.clone());
            }
        }
        Self(names)
    }

    fn get(&self, kind: &'static str, id: &str) -> Option<&str> {
        self.0.get(&(kind, id.to_owned())).map(String::as_str)
    }
}

impl EntityKind {
    /// English name for the terminal.
    pub fn english(self) -> &'static str {
        match self {
            Self::Document => "document",
            Self::Goal => "goals",
            Self::Indicator => "indicators",
            Self::Body => "bodies",
            Self::Remit => "remits",
            Self::Member => "members",
            Self::Adjacent => "adjacent work (Bilaga 2)",
            Self::Calendar => "calendars",
            Self::Chapter => "chapters",
            Self::Party => "parties",
            Self::Kpi => "Kolada KPIs",
        }
    }

    /// Swedish heading.
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
            Self::Chapter => "Kapitel och text",
            Self::Party => "Parter",
            Self::Kpi => "Kolada-nyckeltal",
        }
    }
}

/// The Swedish label of a field path: `target.amount` → "mål › målvärde".
pub fn field_label(kind: EntityKind, path: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        let (head, tail) = match rest.find(['.', '[']) {
            Some(0) if rest.starts_with('[') => {
                let end = rest.find(']').map_or(rest.len(), |i| i + 1);
                (&rest[..end], &rest[end..])
            }
            Some(0) => (&rest[1..], ""),
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let head = head.trim_start_matches('.');
        if let Some(key) = head.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            if let Some(last) = parts.last_mut() {
                *last = format!("{last} {key}");
            }
        } else if !head.is_empty() {
            parts.push(swedish_key(kind, head).to_owned());
        }
        rest = tail.trim_start_matches('.');
        if rest.starts_with('.') {
            rest = &rest[1..];
        }
    }
    parts.join(" › ")
}

fn swedish_key(kind: EntityKind, key: &str) -> &str {
    match (kind, key) {
        (EntityKind::Body, "direction") => "gemensam inriktning",
        (EntityKind::Chapter, "title") | (EntityKind::Calendar, "title") | (EntityKind::Remit, "title") => {
            "rubrik"
        }
        (_, "direction") => "riktning",
        (_, "text") => "text",
        (_, "target") => "mål",
        (_, "amount") => "målvärde",
        (_, "unit") => "enhet",
        (_, "at_least") => "minst",
        (_, "wording") => "formulering",
        (_, "age") => "åldersgrupp",
        (_, "from") => "från",
        (_, "to") => "till",
        (_, "until") => "till och med",
        (_, "kolada") => "Kolada",
        (_, "kpi") => "nyckeltal",
        (_, "complement") => "omvänt mått",
        (_, "label") => "etikett",
        (_, "measure") => "mått",
        (_, "category") => "kategori",
        (_, "goal") => "övergripande mål",
        (_, "data_source") => "datakälla",
        (_, "name") => "namn",
        (_, "title") => "titel",
        (_, "organisation") => "organisation",
        (_, "party") => "parti",
        (_, "role") => "roll",
        (_, "area") => "område",
        (_, "remark") => "anmärkning",
        (_, "kind") => "typ",
        (_, "reports_to") => "rapporterar till",
        (_, "state_financed") => "finansieras av statliga satsningar",
        (_, "in_chart") => "i organisationsschemat",
        (_, "chart_label") => "namn i organisationsschemat",
        (_, "short_name") => "förkortning",
        (_, "functions") => "funktioner",
        (_, "functions_title") => "inledning till funktioner",
        (_, "indicator_heading") => "rubrik i bilaga 1",
        (_, "functions_note") => "anmärkning om funktioner",
        (_, "vacancy") => "vakans",
        (_, "function") => "funktion",
        (_, "side") => "sida",
        (_, "note") => "anmärkning",
        (_, "items") => "uppgift",
        (_, "intro") => "inledning",
        (_, "remit") => "uppdrag",
        (_, "month") => "månad",
        (_, "tasks") => "uppgifter",
        (_, "members") => "ledamöter och roller",
        (_, "meeting") => "möte",
        (_, "meeting_bodies") => "mötande organ",
        (_, "day") => "dag",
        (_, "track") => "kolumn",
        (_, "year") => "år",
        (_, "paragraph") => "stycke",
        (_, "subtitle") => "underrubrik",
        (_, "running_header") => "löprubrik",
        (_, "list_title") => "namn i bilagelistan",
        (_, "appendix") => "bilaga",
        (_, "date") => "datum",
        (_, "author") => "författare",
        (_, "subject") => "ämne",
        (_, "keywords") => "nyckelord",
        (_, "cover") => "omslag",
        (_, "parties_prefix") => "inledning till parterna",
        (_, "baseline_year") => "basår",
        (_, "target_year") => "målår",
        (_, "follow_up_years") => "uppföljningsperiod i år",
        (_, "is_divided_by_gender") => "uppdelat på kön",
        (_, "publication_date") => "publiceringsdatum",
        (_, "official_name") => "officiellt namn",
        (_, "code") => "kod",
        (_, "current") => "i Koladas aktuella lista",
        (_, "publ_period") => "senast publicerat år",
        (_, "municipality_type") => "områdestyp",
        (_, other) => other,
    }
}

/// A value the way a reader of the Swedish outputs wants it.
fn swedish_value(kind: EntityKind, path: &str, v: &Value, names: &Names) -> String {
    let leaf = path.rsplit(['.', ']']).next().unwrap_or(path);
    let leaf = if leaf.is_empty() { path.rsplit('.').nth(1).unwrap_or("") } else { leaf };
    match v {
        Value::Null => "–".into(),
        Value::Bool(b) => (if *b { "ja" } else { "nej" }).into(),
        Value::Number(n) => n.as_f64().map(crate::swedish::number).unwrap_or_else(|| n.to_string()),
        Value::String(s) => {
            let lookup = match leaf {
                "body" | "reports_to" => names.get("body", s),
                "organisation" => names.get("party", s),
                "goal" => names.get("goal", s),
                _ => None,
            };
            if let Some(name) = lookup {
                return name.to_owned();
            }
            match (kind, leaf, s.as_str()) {
                (EntityKind::Indicator, "direction", "increase") => "öka ↑".into(),
                (EntityKind::Indicator, "direction", "decrease") => "minska ↓".into(),
                (_, "unit", "procentenheter") => "procentenheter".into(),
                (_, "unit", "per-100000-inv") => "per 100 000 invånare".into(),
                (_, "unit", "per-1000-inv") => "per 1 000 invånare".into(),
                (_, "unit", "skillnader-minska") => "skillnader, minska".into(),
                (EntityKind::Kpi, "unit", "andel") => "andel (%)".into(),
                (EntityKind::Kpi, "unit", "index") => "index".into(),
                (EntityKind::Kpi, "unit", "medelvarde") => "medelvärde".into(),
                (EntityKind::Kpi, "unit", "ar") => "år".into(),
                (_, "publication_date", d) => parse_date(d).map_or_else(|| d.to_owned(), swedish_date),
                (_, "side", "municipality") => "kommunerna".into(),
                (_, "side", "region") => "regionen".into(),
                (_, "role", r) => role_swedish(r).into(),
                (_, "from" | "until" | "date", d) => parse_date(d).map_or_else(|| d.to_owned(), swedish_date),
                _ => s.clone(),
            }
        }
        Value::Array(items) => {
            items.iter().map(|i| swedish_value(kind, path, i, names)).collect::<Vec<_>>().join(", ")
        }
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                let label = if k.starts_with('[') {
                    k.trim_matches(['[', ']']).to_owned()
                } else {
                    swedish_key(kind, k).to_owned()
                };
                format!("{label}: {}", swedish_value(kind, &join_path(path, k), v, names))
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn join_path(path: &str, key: &str) -> String {
    if key.starts_with('[') { format!("{path}{key}") } else { format!("{path}.{key}") }
}

fn role_swedish(r: &str) -> &str {
    match r {
        "ordforande" => "ordförande",
        "sammankallande" => "sammankallande",
        "koordinator" => "koordinator",
        "samordnare" => "samordnare",
        "utvecklingsledare" => "utvecklingsledare",
        "kontaktperson" => "kontaktperson",
        "ledamot" => "ledamot",
        other => other,
    }
}

fn parse_date(s: &str) -> Option<Date> {
    let mut it = s.split('-');
    let (y, m, d) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?, it.next()?.parse().ok()?);
    Date::from_ymd(y, m, d)
}

/// A value on the terminal: strings as they are (continuation lines indented), whole numbers
/// without decimals, everything else as compact JSON.
fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim_end().replace('\n', "\n        "),
        Value::Number(n) if n.as_f64().is_some_and(|f| f.fract() == 0.0) => {
            n.as_f64().map_or_else(|| n.to_string(), |f| format!("{f:.0}"))
        }
        other => other.to_string(),
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
    for (_, list) in &mut groups {
        list.sort_by_key(|e| match e.change {
            ChangeKind::Added => 0,
            ChangeKind::Removed => 1,
            ChangeKind::Changed => 2,
        });
    }
    groups
}

/// The diff for the terminal; with `color`, ANSI colours (red removed, green added).
pub fn text(diff: &Diff, color: bool) -> String {
    if diff.is_empty() {
        return String::new();
    }
    let mut out = if color { Buffer::ansi() } else { Buffer::no_color() };
    let (added, removed, changed) = diff.counts();
    let spec = |c: Color| {
        let mut s = ColorSpec::new();
        s.set_fg(Some(c));
        s
    };
    let mut bold = ColorSpec::new();
    bold.set_bold(true);
    let _ = out.set_color(&bold);
    let _ = writeln!(
        out,
        "diff {} → {}: {added} added, {removed} removed, {changed} changed",
        diff.old.label, diff.new.label
    );
    let _ = out.reset();
    for (kind, list) in by_kind(diff) {
        let _ = out.set_color(&bold);
        let _ = writeln!(out, "\n{}", kind.english());
        let _ = out.reset();
        for e in list {
            let (mark, c) = match e.change {
                ChangeKind::Added => ('+', Color::Green),
                ChangeKind::Removed => ('-', Color::Red),
                ChangeKind::Changed => ('~', Color::Yellow),
            };
            let _ = out.set_color(&spec(c));
            let _ = write!(out, "  {mark} {}", e.id);
            let _ = out.reset();
            let _ = writeln!(out, "  {}", e.name);
            for line in &e.summary {
                let _ = writeln!(out, "      {line}");
            }
            for f in &e.fields {
                let _ = write!(out, "      {}: ", f.field);
                // A rewrite reads better as before and after than as a patchwork of words.
                let words = f.words.as_ref().filter(|_| f.similarity().is_some_and(|s| s >= 0.5));
                let short = |v: &Value| v.as_str().is_some_and(|t| t.len() < 60 && !t.contains('\n'));
                match (&f.old, &f.new, words) {
                    (Some(old), Some(new), None) if short(old) && short(new) => {
                        let _ = writeln!(out, "{} → {}", plain(old), plain(new));
                    }
                    (Some(old), Some(new), None) if f.words.is_some() => {
                        let _ = writeln!(out);
                        let _ = out.set_color(&spec(Color::Red));
                        let _ = writeln!(out, "        - {}", plain(old));
                        let _ = out.set_color(&spec(Color::Green));
                        let _ = writeln!(out, "        + {}", plain(new));
                        let _ = out.reset();
                    }
                    (_, _, Some(words)) => {
                        for w in words {
                            match w.op {
                                WordOp::Equal => {
                                    let _ = write!(out, "{}", w.text.replace('\n', "\n        "));
                                }
                                WordOp::Delete => {
                                    let _ = out.set_color(&spec(Color::Red));
                                    let _ = write!(out, "[-{}-]", w.text);
                                    let _ = out.reset();
                                }
                                WordOp::Insert => {
                                    let _ = out.set_color(&spec(Color::Green));
                                    let _ = write!(out, "{{+{}+}}", w.text);
                                    let _ = out.reset();
                                }
                            }
                        }
                        let _ = writeln!(out);
                    }
                    (Some(old), Some(new), None) => {
                        let _ = writeln!(out, "{} → {}", plain(old), plain(new));
                    }
                    (Some(old), None, _) => {
                        let _ = out.set_color(&spec(Color::Red));
                        let _ = writeln!(out, "- {}", plain(old));
                        let _ = out.reset();
                    }
                    (None, Some(new), _) => {
                        let _ = out.set_color(&spec(Color::Green));
                        let _ = writeln!(out, "+ {}", plain(new));
                        let _ = out.reset();
                    }
                    (None, None, _) => {
                        let _ = writeln!(out);
                    }
                }
            }
        }
    }
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

/// Escapes text for Markdown, including table cells.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// "2019–2023", or the labels when the years are equal.
pub fn title_span(diff: &Diff) -> String {
    if diff.old.year == diff.new.year {
        format!("{} – {}", diff.old.label, diff.new.label)
    } else {
        format!("{}–{}", diff.old.year, diff.new.year)
    }
}

/// The diff in Markdown, in Swedish, for the preparatory group's papers.
pub fn markdown(diff: &Diff, names: &Names) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Förändringar {}\n", title_span(diff));
    let (added, removed, changed) = diff.counts();
    let _ = writeln!(
        out,
        "Jämförelse av källorna `{}` och `{}`: {added} tillagda, {removed} borttagna och {changed} ändrade poster.",
        diff.old.label, diff.new.label
    );
    if diff.is_empty() {
        let _ = writeln!(out, "\nInga skillnader.");
        return out;
    }
    for (kind, list) in by_kind(diff) {
        let _ = writeln!(out, "\n## {}", kind.swedish());
        for (change, heading) in [(ChangeKind::Added, "Tillagda"), (ChangeKind::Removed, "Borttagna")] {
            let items: Vec<&&EntityChange> = list.iter().filter(|e| e.change == change).collect();
            if !items.is_empty() {
                let _ = writeln!(out, "\n### {heading}\n");
                for e in items {
                    let summary = if e.summary.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", md_escape(&e.summary.join("; ")))
                    };
                    let _ = writeln!(out, "- {} (`{}`){summary}", md_escape(&e.name), e.id);
                }
            }
        }
        let changed: Vec<&&EntityChange> = list.iter().filter(|e| e.change == ChangeKind::Changed).collect();
        if !changed.is_empty() {
            let _ = writeln!(out, "\n### Ändrade");
            for e in changed {
                let _ = writeln!(out, "\n#### {} (`{}`)\n", md_escape(&e.name), e.id);
                let _ = writeln!(out, "| Fält | Före | Efter |\n| --- | --- | --- |");
                for f in &e.fields {
                    let (before, after) = md_cells(e.kind, f, names);
                    let _ = writeln!(
                        out,
                        "| {} | {before} | {after} |",
                        md_escape(&field_label(e.kind, &f.field))
                    );
                }
            }
        }
    }
    out
}

/// The word-level changes worth showing: prose (text with spaces) that stayed mostly alike.
fn prose_words(f: &FieldChange) -> Option<&Vec<super::WordChange>> {
    let spaced =
        |v: &Option<Value>| v.as_ref().and_then(Value::as_str).is_some_and(|s| s.trim().contains(' '));
    f.words.as_ref().filter(|_| spaced(&f.old) && spaced(&f.new) && f.similarity().is_some_and(|s| s >= 0.5))
}

fn md_cells(kind: EntityKind, f: &FieldChange, names: &Names) -> (String, String) {
    if let Some(words) = prose_words(f) {
        let mut before = String::new();
        let mut after = String::new();
        for w in words {
            let t = md_escape(&w.text);
            let (lead, core, trail) = split_space(&t);
            match w.op {
                WordOp::Equal => {
                    before.push_str(&t);
                    after.push_str(&t);
                }
                WordOp::Delete if !core.is_empty() => before.push_str(&format!("{lead}~~{core}~~{trail}")),
                WordOp::Insert if !core.is_empty() => after.push_str(&format!("{lead}**{core}**{trail}")),
                WordOp::Delete => before.push_str(&t),
                WordOp::Insert => after.push_str(&t),
            }
        }
        return (before, after);
    }
    let show = |v: &Option<Value>| {
        v.as_ref().map_or_else(|| "–".to_owned(), |v| md_escape(&swedish_value(kind, &f.field, v, names)))
    };
    (show(&f.old), show(&f.new))
}

fn split_space(s: &str) -> (&str, &str, &str) {
    let core = s.trim();
    if core.is_empty() {
        return (s, "", "");
    }
    let start = s.find(core).unwrap_or(0);
    (&s[..start], core, &s[start + core.len()..])
}

/// The change annex "Förändringar 2019–2023": its view for `diff.typ.j2`.
#[derive(Serialize)]
pub struct DiffView {
    /// Title and metadata (the template shares the document's style).
    pub meta: MetaView,
    /// Never a draft.
    pub draft: Option<()>,
    /// The introduction.
    pub intro: String,
    /// One section per kind of entity.
    pub sections: Vec<DiffSectionView>,
}

/// The changes of one kind of entity.
#[derive(Serialize)]
pub struct DiffSectionView {
    /// Heading.
    pub heading: String,
    /// Names of added entities.
    pub added: Vec<String>,
    /// Names of removed entities.
    pub removed: Vec<String>,
    /// Changed entities.
    pub changed: Vec<DiffEntityView>,
}

/// A changed entity.
#[derive(Serialize)]
pub struct DiffEntityView {
    /// Its name.
    pub name: String,
    /// Its changed fields.
    pub fields: Vec<DiffFieldView>,
}

/// A changed field: before and after, as runs of words; the templates strike through deleted
/// words and underline inserted ones.
#[derive(Serialize)]
pub struct DiffFieldView {
    /// Swedish label.
    pub label: String,
    /// Before: equal and deleted runs.
    pub before: Vec<WordView>,
    /// After: equal and inserted runs.
    pub after: Vec<WordView>,
}

/// A run of words of a changed field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WordView {
    /// `equal`, `delete` or `insert`.
    pub op: WordOp,
    /// The words, with their spacing; a value shown whole when the field is not prose.
    pub text: String,
}

fn word_cells(kind: EntityKind, f: &FieldChange, names: &Names) -> (Vec<WordView>, Vec<WordView>) {
    if let Some(words) = prose_words(f) {
        let side = |skip: WordOp| {
            words
                .iter()
                .filter(|w| w.op != skip)
                .map(|w| WordView { op: w.op, text: w.text.clone() })
                .collect()
        };
        return (side(WordOp::Insert), side(WordOp::Delete));
    }
    let show = |v: &Option<Value>| {
        let text = v.as_ref().map_or_else(|| "–".to_owned(), |v| swedish_value(kind, &f.field, v, names));
        vec![WordView { op: WordOp::Equal, text }]
    };
    (show(&f.old), show(&f.new))
}

/// The view of the change annex.
pub fn pdf_view(diff: &Diff, names: &Names) -> DiffView {
    let span = title_span(diff);
    let (added, removed, changed) = diff.counts();
    let title = format!("Förändringar {span}");
    DiffView {
        meta: MetaView {
            title: title.clone(),
            subtitle: "Nya Perspektiv på styrning och ledning".into(),
            year: diff.new.year,
            full_title: format!(
                "{title} – Politiskt inriktningsdokument, Nya Perspektiv på styrning och ledning"
            ),
            author: "perspektiv".into(),
            subject: format!(
                "Förändringar i det politiska inriktningsdokumentets källor mellan {} och {}",
                diff.old.label, diff.new.label
            ),
            keywords: vec![
                "Nya Perspektiv".into(),
                "förändringar".into(),
                "politiskt inriktningsdokument".into(),
            ],
            running_header: format!("Nya Perspektiv – förändringar {span}"),
            date: String::new(),
        },
        draft: None,
        intro: format!(
            "Jämförelse av källorna {} och {}: {added} tillagda, {removed} borttagna och {changed} ändrade poster. Ändrade ord är överstrukna i kolumnen Före och understrukna i kolumnen Efter.",
            diff.old.label, diff.new.label
        ),
        sections: by_kind(diff)
            .into_iter()
            .map(|(kind, list)| DiffSectionView {
                heading: kind.swedish().into(),
                added: list
                    .iter()
                    .filter(|e| e.change == ChangeKind::Added)
                    .map(|e| e.name.clone())
                    .collect(),
                removed: list
                    .iter()
                    .filter(|e| e.change == ChangeKind::Removed)
                    .map(|e| e.name.clone())
                    .collect(),
                changed: list
                    .iter()
                    .filter(|e| e.change == ChangeKind::Changed)
                    .map(|e| DiffEntityView {
                        name: e.name.clone(),
                        fields: e
                            .fields
                            .iter()
                            .map(|f| {
                                let (before, after) = word_cells(e.kind, f, names);
                                DiffFieldView { label: field_label(e.kind, &f.field), before, after }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_labels() {
        assert_eq!(field_label(EntityKind::Indicator, "target.amount"), "mål › målvärde");
        assert_eq!(
            field_label(EntityKind::Member, "role[politisk-styrgrupp ledamot].until"),
            "roll politisk-styrgrupp ledamot › till och med"
        );
        assert_eq!(field_label(EntityKind::Body, "direction.text"), "gemensam inriktning › text");
        assert_eq!(field_label(EntityKind::Chapter, "paragraph[3]"), "stycke 3");
    }

    #[test]
    fn markdown_escapes_cells() {
        assert_eq!(md_escape("a|b *c*"), "a\\|b \\*c\\*");
    }
}
