//! Reading a TOML source file into its type with every problem found, each once, in the words of
//! the file's author.
//!
//! serde stops at the first error. To go on, the file is read again and again: after each problem
//! the offending part (a key, an array element, a value) is hidden, as if it were not in the file,
//! and the file is read once more, until it deserializes. A problem that only follows from one
//! already reported (the `missing key` of a key hidden because its value was wrong, the `missing
//! key title` after `unknown key titel`) is not reported again. Array elements keep their indices
//! when an earlier one is hidden, so every key path names the place in the file as written.
//!
//! Values TOML itself cannot read (`date = 2023-13-01`, `amount = 2,5`, `direction = up`) stop
//! the TOML parser; such a value on a `key = value` line is reported, replaced by a placeholder
//! of the same length (so every other offset stays right) and hidden, and parsing goes on.
//!
//! Messages speak of the data ("expected a number, found the text \"2,5\"", "not a date
//! (YYYY-MM-DD)", "unknown value `ordf`" with the allowed values and a "did you mean"), never
//! of Rust types, in the language of the run: each kind of problem is a message of
//! `i18n/<lang>/toml.ftl`, whose key is the problem's code (`unknown-key`, `invalid-toml`).
//!
//! `recover` parses the TOML, setting aside the values it cannot read; `deserializer` is the
//! serde deserializer over the parsed TOML that leaves out what is hidden and places every error;
//! `error` words the errors.

mod deserializer;
mod error;
mod phantom;
mod recover;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostics::{KeyPath, Seg};
use crate::i18n::Msg;
use crate::suggest::{all_of, did_you_mean};
use crate::{msg, t};
pub use deserializer::FieldOrders;
use deserializer::{De, Node, Reading};
use error::Kind;

/// More problems than this in one file are not looked for.
const MAX_PROBLEMS: usize = 500;

/// A problem in a file, before it is tied to the file's name.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    /// Where in the file.
    pub key: KeyPath,
    /// The byte range, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong: a message whose key is the kind of problem, its code (`unknown-key`).
    pub message: Msg,
    /// How to fix it.
    pub hint: Option<String>,
    /// Another place the problem concerns (the first definition of a key given twice), with a
    /// note.
    pub related: Option<(Range<usize>, String)>,
}

/// A file's content, when it has no problems, and the parsed TOML with spans.
pub type Parsed<T> = Option<(T, toml_edit::Document<String>)>;

/// Parses and deserializes a TOML text, reporting every problem.
pub fn from_toml<T: DeserializeOwned>(text: &str) -> (Parsed<T>, Vec<Located>) {
    let (doc, hidden, mut problems) = match recover::parse(text) {
        Ok(parsed) => parsed,
        Err(problems) => return (None, problems),
    };
    let (data, found) = deserialize::<T>(&doc, hidden);
    problems.extend(found);
    // In the order of the file.
    problems.sort_by_key(|p| p.span.as_ref().map_or(usize::MAX, |s| s.start));
    match data {
        Some(data) if problems.is_empty() => (Some((data, doc)), problems),
        _ => (None, problems),
    }
}

/// Deserializes `doc` with the paths in `hidden` left out, reporting every problem: all the
/// missing keys of a table as one problem, with the keys the table needs.
fn deserialize<T: DeserializeOwned>(
    doc: &toml_edit::Document<String>,
    mut hidden: BTreeSet<KeyPath>,
) -> (Option<T>, Vec<Located>) {
    let mut found: Vec<Located> = Vec::new();
    // Missing keys that an unknown key already explained (`titel` for `title`).
    let mut explained: BTreeSet<(KeyPath, &'static str)> = BTreeSet::new();
    // Missing keys given a stand-in so that reading goes on (see `phantom`).
    let mut phantom: BTreeMap<KeyPath, u8> = BTreeMap::new();
    // The missing keys to report, by table: where the table is, and the keys.
    let mut missing: BTreeMap<KeyPath, (Option<Range<usize>>, Vec<&'static str>)> = BTreeMap::new();
    let mut data = None;
    for _ in 0..MAX_PROBLEMS * 4 {
        if found.len() + missing.len() >= MAX_PROBLEMS {
            break;
        }
        let error = match read::<T>(doc, Reading { hidden: &hidden, phantom: &phantom, orders: None }) {
            Ok(read) => {
                data = Some(read);
                break;
            }
            Err(e) => e,
        };
        let mut path = error.path.clone().unwrap_or_default();
        let mut stand_in = false;
        match &error.kind {
            Kind::Missing(field) => {
                if !(hidden.contains(&path.key(field)) || explained.contains(&(path.clone(), *field))) {
                    let span = error.span.clone().or_else(|| crate::sources::span_of(doc, &path));
                    missing.entry(path.clone()).or_insert_with(|| (span, Vec::new())).1.push(field);
                }
                stand_in = phantom.insert(path.key(field), 0).is_none();
            }
            // A stand-in its type refuses: the table is left out instead.
            Kind::Consequence if phantom.contains_key(&path) => {
                stand_in = next_stand_in(&mut phantom, &path);
                if !stand_in {
                    path = parent(&path);
                }
            }
            Kind::Consequence => {}
            _ => {
                if let Kind::UnknownKey { key, expected } = &error.kind
                    && let Some(meant) = did_you_mean(key, expected.iter().copied())
                {
                    explained.insert((parent(&path), meant));
                }
                found.push(error.located(doc));
            }
        }
        if !stand_in && (path.is_empty() || !hidden.insert(path)) {
            break;
        }
    }
    for (path, (span, keys)) in missing {
        let needs = needed_keys::<T>(doc, &path);
        found.push(missing_keys(path, span, &keys, &needs));
    }
    match data {
        Some(data) if found.is_empty() => (Some(data), found),
        _ => (None, found),
    }
}

/// One read of the whole document into `T`.
fn read<T: DeserializeOwned>(
    doc: &toml_edit::Document<String>,
    reading: Reading<'_>,
) -> Result<T, error::Error> {
    T::deserialize(De { node: Node::Item(doc.as_item()), path: KeyPath::root(), reading })
}

/// The message of missing keys: "missing key `id`", "missing keys `id` and `name`".
fn missing_message(keys: &[&str]) -> Msg {
    msg!("missing-key", keys = all_of(keys), count = keys.len())
}

/// The problem of a table's missing keys: all of them, and every key the table needs.
fn missing_keys(path: KeyPath, span: Option<Range<usize>>, keys: &[&str], needs: &[&str]) -> Located {
    let hint = (needs.len() > 1 || needs != keys).then(|| {
        let table = path.0.iter().rev().find_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        });
        let needs = all_of(needs);
        match (table, path.0.last()) {
            (Some(table), Some(Seg::Index(_))) => t!("missing-key.entry-needs", table = table, keys = needs),
            (Some(table), _) => t!("missing-key.table-needs", table = table, keys = needs),
            (None, _) => t!("missing-key.file-needs", keys = needs),
        }
    });
    Located { key: path, span, message: missing_message(keys), hint, related: None }
}

/// The keys the table at `path` cannot do without, in the order of its type: found by reading
/// the file with every key of that table left out.
fn needed_keys<T: DeserializeOwned>(doc: &toml_edit::Document<String>, path: &KeyPath) -> Vec<&'static str> {
    let mut hidden: BTreeSet<KeyPath> = BTreeSet::new();
    hidden.extend(keys_at(doc, path).iter().map(|k| path.key(k)));
    let mut phantom: BTreeMap<KeyPath, u8> = BTreeMap::new();
    let mut needs = Vec::new();
    for _ in 0..MAX_PROBLEMS {
        let error = match read::<T>(doc, Reading { hidden: &hidden, phantom: &phantom, orders: None }) {
            Ok(_) => break,
            Err(e) => e,
        };
        let mut at = error.path.clone().unwrap_or_default();
        if let Kind::Consequence = error.kind
            && phantom.contains_key(&at)
        {
            if next_stand_in(&mut phantom, &at) {
                continue;
            }
            at = parent(&at);
        }
        if let Kind::Missing(field) = error.kind
            && phantom.insert(at.key(field), 0).is_none()
        {
            if &at == path {
                needs.push(field);
            }
            continue;
        }
        if at.is_empty() || &at == path || !hidden.insert(at) {
            break;
        }
    }
    needs
}

/// Gives the missing key at `path` its next stand-in; `false` (and no stand-in) when none is left.
fn next_stand_in(phantom: &mut BTreeMap<KeyPath, u8>, path: &KeyPath) -> bool {
    match phantom.get_mut(path) {
        Some(attempt) if usize::from(*attempt) + 1 < phantom::TEXTS.len() => {
            *attempt += 1;
            true
        }
        _ => {
            phantom.remove(path);
            false
        }
    }
}

/// The table a key path is in.
fn parent(path: &KeyPath) -> KeyPath {
    KeyPath(path.0[..path.0.len().saturating_sub(1)].to_vec())
}

/// The keys of the table at `path`, whether written as `[table]` or inline.
fn keys_at(doc: &toml_edit::Document<String>, path: &KeyPath) -> Vec<String> {
    use toml_edit::{Item, Value};
    let mut node = Node::Item(doc.as_item());
    for seg in &path.0 {
        let next = match (seg, node) {
            (Seg::Key(k), _) => {
                node.entries().and_then(|e| e.into_iter().find(|(key, _, _)| key == k)).map(|e| e.2)
            }
            (Seg::Index(i), Node::Item(Item::ArrayOfTables(a))) => a.get(*i).map(Node::Table),
            (Seg::Index(i), Node::Item(Item::Value(Value::Array(a))) | Node::Value(Value::Array(a))) => {
                a.get(*i).map(Node::Value)
            }
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return Vec::new(),
        }
    }
    node.entries().unwrap_or_default().into_iter().map(|(k, _, _)| k.to_owned()).collect()
}

/// The field order of the struct each table of `doc` is read into, by the table's key path, as
/// serde's derive lists the fields (the order of the Rust struct); tables that are maps (a track
/// id to its tasks) have none. `perspektiv fmt` writes keys in this order.
///
/// Errors: `doc` does not deserialize into `T` (the first problem, as a message).
pub fn field_orders<T: DeserializeOwned>(doc: &toml_edit::Document<String>) -> Result<FieldOrders, String> {
    let orders = std::cell::RefCell::new(FieldOrders::new());
    let (hidden, phantom) = (BTreeSet::new(), BTreeMap::new());
    read::<T>(doc, Reading { hidden: &hidden, phantom: &phantom, orders: Some(&orders) })
        .map_err(|e| e.located(doc).message.text())?;
    Ok(orders.into_inner())
}

/// A value shortened for a message.
fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::members::RoleKind;
    use crate::sources::{DocumentFile, GoalsFile, MembersFile};

    fn problems<T: DeserializeOwned>(text: &str) -> Vec<(String, String, Option<String>, String)> {
        let (parsed, found) = from_toml::<T>(text);
        assert!(parsed.is_none() || found.is_empty());
        found
            .into_iter()
            .map(|p| {
                let at = p.span.map(|s| text[s].to_owned()).unwrap_or_default();
                (p.key.to_string(), p.message.text(), p.hint, at)
            })
            .collect()
    }

    const MEMBERS: &str = r#"[[member]]
id = "a"
name = "A"
titel = "x"

[[member.role]]
body = "b"
role = "ordförande"
from = 2023-13-01

[[member]]
id = "b"
nmae = "B"

[[member.role]]
body = "b"
role = "ordf"
until = "2023-05-04"
from = 2023-5-4
"#;

    #[test]
    fn every_problem_once_with_its_place() {
        let found = problems::<MembersFile>(MEMBERS);
        let summary: Vec<(&str, &str, &str)> =
            found.iter().map(|(k, m, _, at)| (k.as_str(), m.as_str(), at.as_str())).collect();
        assert_eq!(
            summary,
            vec![
                ("member[0].titel", "unknown key `titel`", "titel"),
                ("member[0].role[0].from", "`2023-13-01` is not a date in the calendar", "2023-13-01"),
                ("member[1].nmae", "unknown key `nmae`", "nmae"),
                ("member[1].role[0].role", "unknown value `ordf`", "\"ordf\""),
                (
                    "member[1].role[0].until",
                    "expected a date (YYYY-MM-DD), found the text \"2023-05-04\"",
                    "\"2023-05-04\""
                ),
                ("member[1].role[0].from", "`2023-5-4` is not a date (YYYY-MM-DD)", "2023-5-4"),
            ],
            "{found:#?}"
        );
        assert_eq!(found[0].2.as_deref(), Some("did you mean `title`?"));
        let hint = found[3].2.as_deref().unwrap_or_default();
        assert!(
            hint.starts_with(
                "did you mean `ordforande`? The allowed values are `ordforande`, `vice-ordforande`, `sammankallande`"
            ),
            "{hint}"
        );
        assert!(!hint.contains("ordförande"), "{hint}");
        assert_eq!(found[4].2.as_deref(), Some("write the date without quotes: 2023-05-04"));
    }

    #[test]
    fn roles_in_any_case_and_vice_chair_never_corrected_to_chair() {
        let member = |role: &str| {
            format!(
                "[[member]]\nid = \"a\"\nname = \"A\"\n\n[[member.role]]\nbody = \"b\"\nrole = \"{role}\"\n"
            )
        };
        for (written, role) in [
            ("Ordförande", RoleKind::Ordforande),
            ("vice ordförande", RoleKind::ViceOrdforande),
            ("Vice ordförande", RoleKind::ViceOrdforande),
            ("ersättare", RoleKind::Ersattare),
            ("adjungerad", RoleKind::Adjungerad),
            ("sekreterare", RoleKind::Sekreterare),
        ] {
            let (parsed, found) = from_toml::<MembersFile>(&member(written));
            assert!(found.is_empty(), "{written}: {found:?}");
            assert_eq!(parsed.map(|f| f.0.member[0].role[0].role), Some(role), "{written}");
        }
        for (written, meant) in [
            ("vice ordfrande", "vice-ordforande"),
            ("Vice ordföranden", "vice-ordforande"),
            ("ordförand", "ordforande"),
        ] {
            let found = problems::<MembersFile>(&member(written));
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(found[0].1, format!("unknown value `{written}`"));
            let hint = found[0].2.as_deref().unwrap_or_default();
            assert!(hint.starts_with(&format!("did you mean `{meant}`?")), "{written}: {hint}");
            assert!(hint.contains("`ersattare`") && hint.contains("`adjungerad`"), "{hint}");
        }
    }

    #[test]
    fn wrong_types_in_the_users_words() {
        let doc = "title = \"T\"\nsubtitle = \"S\"\nyear = \"2030\"\ndate = 2030-05-05\nauthor = 1\nsubject = \"s\"\nrunning_header = \"r\"\n\n[cover]\nparties_prefix = \"K\"\n";
        let found = problems::<DocumentFile>(doc);
        let summary: Vec<(&str, &str, Option<&str>)> =
            found.iter().map(|(k, m, h, _)| (k.as_str(), m.as_str(), h.as_deref())).collect();
        assert_eq!(
            summary,
            vec![
                (
                    "year",
                    "expected a whole number, found the text \"2030\"",
                    Some("write the number without quotes: 2030")
                ),
                (
                    "author",
                    "expected text in double quotes, found the number 1",
                    Some("write text in double quotes: \"1\"")
                ),
            ]
        );
    }

    #[test]
    fn values_toml_cannot_read() {
        for (value, message, hint) in [
            ("2,5", "`2,5` is not a number", Some("write decimals with a point: 2.5")),
            ("up", "`up` is not a value TOML can read", Some("text is written in double quotes: \"up\"")),
            ("5 maj 2023", "`5 maj 2023` is not a date (YYYY-MM-DD)", Some("write the date as 2023-05-05")),
            (
                "2023-02-30",
                "`2023-02-30` is not a date in the calendar",
                Some("dates are written YYYY-MM-DD, like 2023-05-04"),
            ),
        ] {
            let (said, said_hint) = recover::unreadable_value(value);
            assert_eq!((said.text(), said_hint), (message.to_owned(), hint.map(str::to_owned)), "{value}");
        }
        // A value inside an inline table, and the rest of the file still read.
        let text = "[[goal]]\nid = \"a\"\ntitle = \"A\"\ntext = \"t\"\n\n[[goal.indicator]]\nid = \"i\"\ntext = \"x\"\ndirection = \"increase\"\ntarget = { amount = abc, unit = \"procentenheter\" }\nkolada = [{ kpi = \"n1\" }]\n";
        let found = problems::<GoalsFile>(text);
        let keys: Vec<&str> = found.iter().map(|(k, _, _, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            vec!["goal[0].indicator[0].target.amount", "goal[0].indicator[0].kolada[0].kpi"],
            "{found:#?}"
        );
    }

    #[test]
    fn a_broken_table_and_a_block_of_unknown_kind() {
        let doc = "title = \"T\"\nsubtitle = \"S\"\nyear = 2030\ndate = 2030-05-05\nauthor = \"a\"\nsubject = \"s\"\nrunning_header = \"r\"\n\n[cover]\nparties_prefix = \"K\"\n\n[[chapter]]\nid = \"c\"\ntitle = \"C\"\n\n[[chapter.block]]\ntxt = \"x\"\n\n[[chapter.block]]\ntext = 5\n\n[[chapter.block]]\ngoals = {}\n";
        let found = problems::<DocumentFile>(doc);
        let summary: Vec<(&str, &str)> = found.iter().map(|(k, m, _, _)| (k.as_str(), m.as_str())).collect();
        assert_eq!(
            summary,
            vec![
                ("chapter[0].block[0].txt", "unknown key `txt`"),
                ("chapter[0].block[1].text", "expected text in double quotes, found the number 5"),
            ]
        );
        assert_eq!(found[0].2.as_deref(), Some("did you mean `text`?"));
    }

    #[test]
    fn a_missing_key_is_reported_where_the_table_is() {
        let text = "[[member]]\nid = \"a\"\n\n[[member]]\nid = \"b\"\nname = \"B\"\n";
        let found = problems::<MembersFile>(text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].0.as_str(), found[0].1.as_str(), found[0].3.as_str()),
            ("member[0]", "missing key `name`", "[[member]]")
        );
    }

    #[test]
    fn syntax_errors_stop_the_file() {
        let found = problems::<MembersFile>("[[member]\nid = \"a\"\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].1.starts_with("invalid TOML: "), "{found:?}");
    }
}

#[cfg(test)]
mod missing_keys {
    use super::*;
    use crate::sources::{
        AppendicesFile, DocumentFile, GoalsFile, GroupsFile, KoladaFile, MembersFile, PartiesFile,
    };

    fn summary<T: DeserializeOwned>(text: &str) -> Vec<(String, String, String)> {
        let (parsed, found) = from_toml::<T>(text);
        assert!(parsed.is_none());
        found.into_iter().map(|p| (p.key.to_string(), p.message.text(), p.hint.unwrap_or_default())).collect()
    }

    #[test]
    fn a_kpi_with_only_its_id_names_every_missing_key_once() {
        let found = summary::<KoladaFile>("[[kpi]]\nid = \"N00001\"\n");
        assert_eq!(
            found,
            vec![(
                "kpi[0]".to_owned(),
                "missing keys `title`, `unit`, `municipality_type` and `current`".to_owned(),
                "an entry of `kpi` needs `id`, `title`, `unit`, `municipality_type` and `current`".to_owned()
            )]
        );
    }

    #[test]
    fn a_misspelt_key_is_one_problem_and_the_other_missing_keys_are_still_named() {
        let found = summary::<KoladaFile>("[[kpi]]\nid = \"N00001\"\ntitel = \"T\"\n");
        let messages: Vec<&str> = found.iter().map(|(_, m, _)| m.as_str()).collect();
        // In the order of the file: the table, then its key.
        assert_eq!(
            messages,
            ["missing keys `unit`, `municipality_type` and `current`", "unknown key `titel`"]
        );
    }

    /// Every kind of source table: a table with only its id (or nothing) names all its missing
    /// keys in one problem, in one run, with every key it needs.
    #[test]
    fn every_kind_of_table_names_all_its_missing_keys() {
        /// The problems found, and the expected (key, missing keys, keys the table needs).
        type Case = (Vec<(String, String, String)>, &'static [(&'static str, &'static str, &'static str)]);
        let cases: Vec<Case> = vec![
            (
                summary::<PartiesFile>("[[party]]\nid = \"a\"\n\n[[comparison]]\ncode = \"0000\"\n"),
                &[
                    (
                        "party[0]",
                        "keys `name`, `official_name`, `code` and `kind`",
                        "`id`, `name`, `official_name`, `code` and `kind`",
                    ),
                    ("comparison[0]", "key `name`", "`code` and `name`"),
                ],
            ),
            (
                summary::<DocumentFile>("[cover]\n"),
                &[
                    (
                        "",
                        "keys `title`, `subtitle`, `year`, `date`, `author`, `subject` and `running_header`",
                        "`title`, `subtitle`, `year`, `date`, `author`, `subject`, `running_header` and `cover`",
                    ),
                    ("cover", "key `parties_prefix`", ""),
                ],
            ),
            (
                summary::<GoalsFile>("[[goal]]\nid = \"g\"\n\n[[goal.indicator]]\nid = \"i\"\n"),
                &[
                    ("goal[0]", "keys `title` and `text`", "`id`, `title` and `text`"),
                    ("goal[0].indicator[0]", "keys `text` and `direction`", "`id`, `text` and `direction`"),
                ],
            ),
            (
                summary::<MembersFile>("[[member]]\nid = \"m\"\n\n[[member.role]]\nfrom = 2030-01-01\n"),
                &[
                    ("member[0]", "key `name`", "`id` and `name`"),
                    ("member[0].role[0]", "keys `body` and `role`", "`body` and `role`"),
                ],
            ),
            (
                summary::<GroupsFile>("[[group]]\nid = \"g\"\n\n[[remit]]\nid = \"r\"\n"),
                &[
                    ("group[0]", "keys `name` and `kind`", "`id`, `name` and `kind`"),
                    ("remit[0]", "key `items`", "`id` and `items`"),
                ],
            ),
            (
                summary::<AppendicesFile>("[[adjacent]]\nid = \"a\"\n\n[[calendar]]\nid = \"c\"\n"),
                &[
                    ("adjacent[0]", "keys `name` and `text`", "`id`, `name` and `text`"),
                    ("calendar[0]", "keys `track` and `month`", "`id`, `track` and `month`"),
                ],
            ),
        ];
        for (found, expected) in cases {
            assert_eq!(found.len(), expected.len(), "{found:#?}");
            for ((key, message, hint), (want_key, keys, needs)) in found.iter().zip(expected) {
                assert_eq!((key.as_str(), message.as_str()), (*want_key, format!("missing {keys}").as_str()));
                assert!(
                    hint.ends_with(&format!("needs {needs}")) || (hint.is_empty() && needs.is_empty()),
                    "{hint}"
                );
            }
        }
        assert_eq!(
            summary::<GoalsFile>("[[goal]]\nid = \"g\"\n")[0].2,
            "an entry of `goal` needs `id`, `title` and `text`"
        );
    }
}

#[cfg(test)]
mod defined_twice {
    use super::*;
    use crate::sources::{DocumentFile, MembersFile};

    #[test]
    fn a_key_given_twice_names_both_places_and_the_rest_of_the_file_is_read() {
        let text = "[[member]]\nid = \"a\"\nname = \"A\"\nname = \"B\"\ntitel = \"x\"\n";
        let (parsed, found) = from_toml::<MembersFile>(text);
        assert!(parsed.is_none());
        let summary: Vec<(String, String, &str, Option<&str>)> = found
            .iter()
            .map(|p| {
                let at = p.span.clone().map_or("", |s| &text[s]);
                let first = p.related.as_ref().map(|(r, _)| &text[r.clone()]);
                (p.key.to_string(), p.message.text(), at, first)
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "member[0].name".to_owned(),
                    "the key `name` is given twice in the same table".to_owned(),
                    "name",
                    Some("name = \"A\"")
                ),
                ("member[0].titel".to_owned(), "unknown key `titel`".to_owned(), "titel", None),
            ]
        );
    }

    #[test]
    fn a_table_defined_twice_names_both_places() {
        let text = "title = \"T\"\n\n[cover]\nparties_prefix = \"K\"\n\n[cover]\ntext = \"x\"\n";
        let (_, found) = from_toml::<DocumentFile>(text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].message.text(), "the table `[cover]` is defined twice");
        assert_eq!(
            found[0].related.as_ref().map(|(r, _)| (&text[r.clone()], r.start)),
            Some(("[cover]", 13))
        );
        assert_eq!(found[0].span.as_ref().map(|s| s.start), Some(text.rfind("cover").unwrap_or_default()));
    }
}
