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
//! of Rust types.
//!
//! `recover` parses the TOML, setting aside the values it cannot read; `deserializer` is the
//! serde deserializer over the parsed TOML that leaves out what is hidden and places every error;
//! `error` words the errors.

mod deserializer;
mod error;
mod recover;

use std::collections::BTreeSet;
use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostics::KeyPath;
use crate::suggest::did_you_mean;
pub use deserializer::FieldOrders;
use deserializer::{De, Node};
use error::Kind;

/// More problems than this in one file are not looked for.
const MAX_PROBLEMS: usize = 500;

/// A problem in a file, before it is tied to the file's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// Where in the file.
    pub key: KeyPath,
    /// The byte range, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
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

/// Deserializes `doc` with the paths in `hidden` left out, reporting every problem.
fn deserialize<T: DeserializeOwned>(
    doc: &toml_edit::Document<String>,
    mut hidden: BTreeSet<KeyPath>,
) -> (Option<T>, Vec<Located>) {
    let mut found: Vec<Located> = Vec::new();
    // Missing keys that an unknown key already explained (`titel` for `title`).
    let mut explained: BTreeSet<(KeyPath, &'static str)> = BTreeSet::new();
    while found.len() < MAX_PROBLEMS {
        let error = match T::deserialize(De {
            node: Node::Item(doc.as_item()),
            path: KeyPath::root(),
            hidden: &hidden,
            orders: None,
        }) {
            Ok(data) => return (Some(data), found),
            Err(e) => e,
        };
        let path = error.path.clone().unwrap_or_default();
        let report = match &error.kind {
            Kind::Missing(field) => {
                !(hidden.contains(&path.key(field)) || explained.contains(&(path.clone(), *field)))
            }
            Kind::Consequence => false,
            _ => true,
        };
        if report {
            if let Kind::UnknownKey { key, expected } = &error.kind
                && let Some(meant) = did_you_mean(key, expected.iter().copied())
            {
                let parent = KeyPath(path.0[..path.0.len().saturating_sub(1)].to_vec());
                explained.insert((parent, meant));
            }
            found.push(error.located(doc));
        }
        if path.is_empty() || !hidden.insert(path) {
            break;
        }
    }
    (None, found)
}

/// The field order of the struct each table of `doc` is read into, by the table's key path, as
/// serde's derive lists the fields (the order of the Rust struct); tables that are maps (a track
/// id to its tasks) have none. `perspektiv fmt` writes keys in this order.
///
/// Errors: `doc` does not deserialize into `T` (the first problem, as a message).
pub fn field_orders<T: DeserializeOwned>(doc: &toml_edit::Document<String>) -> Result<FieldOrders, String> {
    let orders = std::cell::RefCell::new(FieldOrders::new());
    let hidden = BTreeSet::new();
    T::deserialize(De {
        node: Node::Item(doc.as_item()),
        path: KeyPath::root(),
        hidden: &hidden,
        orders: Some(&orders),
    })
    .map_err(|e| e.located(doc).message)?;
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
                (p.key.to_string(), p.message, p.hint, at)
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
            assert_eq!(
                recover::unreadable_value(value),
                (message.to_owned(), hint.map(str::to_owned)),
                "{value}"
            );
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
