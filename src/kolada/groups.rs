//! The municipality groups' half of `perspektiv kolada fetch`: the title and members of every
//! Kolada municipality group ("kommungrupp") a party compares with, kept in `kolada.toml`'s
//! `[[group]]` tables, so that `check` and the annexes work without a network.
//!
//! The request is `GET {base}/municipality_groups/{id}`, one per group (pages followed by
//! `next_url`). The answer holds the group in `values` as Kolada's lists do (a single group
//! object is read too); from it this program reads `id`, `title` and `members` (`[{"id",
//! "title"}]`, of which the ids); other keys are ignored. A group Kolada does not list is absent
//! from the answer: it is then marked `current = false` (and added so, with its id for a title,
//! when the file does not have it yet). The groups' values come with the KPIs'
//! (a group's id is asked for like an area's).
//!
//! `kolada.toml` is edited with `toml_edit` as for the KPIs ([`super::metadata`]): comments and
//! layout stay; a group not yet in the file is added at its end; a file in the canonical layout
//! (`perspektiv fmt`) stays so.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result, anyhow};
use serde_json::Value;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use super::Client;
use super::metadata::set;
use crate::console::Console;
use crate::sources::ids::MunicipalityGroupId;
use crate::sources::parties::KoladaFile;

/// What Kolada says about a municipality group.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupMeta {
    /// Kolada's title.
    pub title: Option<String>,
    /// The members' area codes, in Kolada's order.
    pub members: Vec<String>,
}

/// The URL of one group's metadata.
pub fn url(base_url: &str, id: &MunicipalityGroupId) -> String {
    format!("{base_url}/municipality_groups/{id}")
}

/// Reads one group object of Kolada's answer; `None` without a valid id.
fn parse_group(v: &Value) -> Option<(MunicipalityGroupId, GroupMeta)> {
    let id = v.get("id")?.as_str()?;
    if !MunicipalityGroupId::is_valid(id) {
        return None;
    }
    let members = v
        .get("members")
        .and_then(Value::as_array)
        .map(|members| {
            members
                .iter()
                .filter_map(|m| m.get("id").and_then(Value::as_str))
                .filter(|c| c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let title = v.get("title").and_then(Value::as_str).map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    Some((MunicipalityGroupId(id.to_owned()), GroupMeta { title, members }))
}

/// Fetches the metadata of `groups`; a group Kolada does not list is absent from the result.
pub(super) fn fetch(
    client: &Client,
    base_url: &str,
    groups: &[MunicipalityGroupId],
    console: &Console,
) -> Result<BTreeMap<MunicipalityGroupId, GroupMeta>> {
    let asked: BTreeSet<&MunicipalityGroupId> = groups.iter().collect();
    let mut found = BTreeMap::new();
    for id in groups {
        super::metadata::pages(
            client,
            url(base_url, id),
            console,
            &crate::t!("kolada-what-group"),
            true,
            |item| {
                match parse_group(item) {
                    Some((id, meta)) if asked.contains(&id) => {
                        found.insert(id, meta);
                    }
                    // Another group than those asked for, or an object without an id: not ours.
                    _ => {}
                }
            },
        )?;
    }
    Ok(found)
}

/// What changed, per group: "title – → Pendlingskommun nära mindre stad".
pub type Changes = Vec<(MunicipalityGroupId, Vec<String>)>;

/// The canonical order of a group's keys (the fields of
/// [`crate::sources::parties::KoladaGroup`]).
const KEY_ORDER: [&str; 4] = ["id", "title", "members", "current"];

/// The members as an array, on one line when it fits the formatter's width, else one per line
/// (as `perspektiv fmt` writes it).
fn members_array(members: &[String]) -> toml_edit::Array {
    let mut array: toml_edit::Array = members.iter().map(String::as_str).collect();
    let one_line = format!("members = {array}");
    if one_line.chars().count() > crate::fmt::WIDTH && !members.is_empty() {
        for v in array.iter_mut() {
            v.decor_mut().set_prefix("\n  ");
            v.decor_mut().set_suffix("");
        }
        array.set_trailing_comma(true);
        array.set_trailing("\n");
    }
    array
}

/// `kolada.toml`'s text with the groups `asked` updated from `found` (and added when new); and,
/// per group that changed, what changed.
///
/// Errors: the text is not TOML, its `group` is not an array of tables, or it would no longer
/// load as a catalogue.
pub fn update(
    text: &str,
    asked: &[MunicipalityGroupId],
    found: &BTreeMap<MunicipalityGroupId, GroupMeta>,
) -> Result<(String, Changes)> {
    let mut doc: DocumentMut = text.parse().with_context(|| crate::t!("error-kolada-toml-invalid"))?;
    if !doc.contains_key("group") {
        doc.insert("group", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let tables = doc
        .get_mut("group")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| anyhow!(crate::t!("error-kolada-toml-groups")))?;
    let mut report = Vec::new();
    let mut present = BTreeSet::new();
    for table in tables.iter_mut() {
        let Some(id) = table.get("id").and_then(Item::as_str).map(|s| MunicipalityGroupId(s.to_owned()))
        else {
            continue;
        };
        present.insert(id.clone());
        if !asked.contains(&id) {
            continue;
        }
        let mut changes = Vec::new();
        match found.get(&id) {
            Some(meta) => {
                if let Some(t) = &meta.title {
                    set(table, "title", t.as_str().into(), &mut changes);
                }
                set(table, "members", members_array(&meta.members).into(), &mut changes);
                set(table, "current", true.into(), &mut changes);
            }
            None => set(table, "current", false.into(), &mut changes),
        }
        let position = |k: &str| KEY_ORDER.iter().position(|o| *o == k).unwrap_or(KEY_ORDER.len());
        table.sort_values_by(|a, _, b, _| position(a.get()).cmp(&position(b.get())));
        if !changes.is_empty() {
            report.push((id, changes));
        }
    }
    // Groups the file does not have yet: as Kolada lists them, or, when Kolada does not know
    // the id, with the id for a title and `current = false` (so that `check` warns).
    for id in asked.iter().filter(|id| !present.contains(*id)) {
        let (title, members, current) = match found.get(id) {
            Some(meta) => (meta.title.clone().unwrap_or_else(|| id.to_string()), meta.members.clone(), true),
            None => (id.to_string(), Vec::new(), false),
        };
        let mut table = Table::new();
        table.decor_mut().set_prefix("\n");
        table.insert("id", id.as_str().into());
        table.insert("title", title.as_str().into());
        table.insert("members", members_array(&members).into());
        table.insert("current", current.into());
        tables.push(table);
        report.push((
            id.clone(),
            vec![if current {
                crate::t!("kolada-group-added")
            } else {
                crate::t!("kolada-group-added-unlisted")
            }],
        ));
    }
    if tables.is_empty() {
        doc.remove("group");
    }
    let new = doc.to_string();
    toml_edit::de::from_str::<KoladaFile>(&new)
        .map_err(|e| anyhow!(crate::t!("error-kolada-toml-broken", error = e.to_string())))?;
    // A file in the canonical layout stays in it.
    let new = match crate::fmt::format::<KoladaFile>(text) {
        Ok(canonical) if canonical == text => crate::fmt::format::<KoladaFile>(&new).unwrap_or(new),
        _ => new,
    };
    Ok((new, report))
}

/// Applies the groups' metadata to `<sources>/kolada.toml` and writes it when something changed
/// (see [`super::metadata::rewrite_catalogue`]); returns what changed.
pub fn apply(
    sources: &Path,
    asked: &[MunicipalityGroupId],
    found: &BTreeMap<MunicipalityGroupId, GroupMeta>,
) -> Result<Changes> {
    super::metadata::rewrite_catalogue(sources, |text| update(text, asked, found))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOGUE: &str = "#:schema schema/kolada.schema.json\n# The KPIs.\n\n[[kpi]]\nid = \"N15428\"\n\
        title = \"Elever i åk 9, andel (%)\"\nunit = \"andel\"\nmunicipality_type = \"A\"\ncurrent = true\n";

    fn group(s: &str) -> MunicipalityGroupId {
        MunicipalityGroupId(s.into())
    }

    #[test]
    fn reads_kolada_group_objects() -> Result<()> {
        let v: Value = serde_json::json!({
            "id": "G37411", "title": " Pendlingskommun ", "members": [{"id": "1715", "title": "Kil"}, {"id": "x"}]
        });
        let (id, meta) = parse_group(&v).ok_or_else(|| anyhow!("not read"))?;
        assert_eq!(id, group("G37411"));
        assert_eq!(meta, GroupMeta { title: Some("Pendlingskommun".into()), members: vec!["1715".into()] });
        assert!(parse_group(&serde_json::json!({"id": "N15428"})).is_none());
        Ok(())
    }

    #[test]
    fn groups_are_added_updated_and_retired_in_the_canonical_layout() -> Result<()> {
        let many: Vec<String> = (0..20).map(|i| format!("{}", 1700 + i)).collect();
        let found = BTreeMap::from([(
            group("G37411"),
            GroupMeta { title: Some("Pendlingskommun".into()), members: many.clone() },
        )]);
        // A group Kolada does not know is added as not current, named by its id.
        let (unknown, report) = update(CATALOGUE, &[group("G1")], &found)?;
        assert!(
            unknown.ends_with("\n[[group]]\nid = \"G1\"\ntitle = \"G1\"\nmembers = []\ncurrent = false\n"),
            "{unknown}"
        );
        assert_eq!(report, vec![(group("G1"), vec!["added; Kolada does not list it".to_owned()])]);
        let (new, report) = update(CATALOGUE, &[group("G37411")], &found)?;
        assert!(new.starts_with(CATALOGUE), "{new}");
        assert!(
            new.contains("\n[[group]]\nid = \"G37411\"\ntitle = \"Pendlingskommun\"\nmembers = [\n  \"1700\",\n  \"1701\",\n"),
            "{new}"
        );
        assert!(new.ends_with("  \"1719\",\n]\ncurrent = true\n"), "{new}");
        assert_eq!(report, vec![(group("G37411"), vec!["added".to_owned()])]);
        assert_eq!(crate::fmt::format::<KoladaFile>(&new).ok().as_deref(), Some(new.as_str()));

        // The same again changes nothing; a group Kolada no longer lists is retired.
        let (again, report) = update(&new, &[group("G37411")], &found)?;
        assert_eq!((again.as_str(), report.len()), (new.as_str(), 0));
        let (retired, report) = update(&new, &[group("G37411")], &BTreeMap::new())?;
        assert!(retired.ends_with("]\ncurrent = false\n"), "{retired}");
        assert_eq!(report, vec![(group("G37411"), vec!["current true → false".to_owned()])]);

        // A new member and title.
        let newer = BTreeMap::from([(
            group("G37411"),
            GroupMeta { title: Some("Pendlingskommuner".into()), members: vec!["1715".into()] },
        )]);
        let (changed, report) = update(&new, &[group("G37411")], &newer)?;
        assert!(changed.contains("members = [\"1715\"]\ncurrent = true\n"), "{changed}");
        assert_eq!(report[0].1[0], "title \"Pendlingskommun\" → \"Pendlingskommuner\"");
        Ok(())
    }
}
