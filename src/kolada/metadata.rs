//! The KPI metadata half of `perspektiv kolada fetch`: Kolada's facts about every KPI the goals
//! name, kept up to date in `kolada.toml`.
//!
//! The request is `GET {base}/kpi/{KPI,KPI,...}` (at most 25 ids a request, pages followed by
//! `next_url`). From each KPI object of the answer this program reads `id`, `title`,
//! `municipality_type` (`A`, `K` or `L`), `is_divided_by_gender` (a boolean, or 0/1),
//! `publ_period` (the latest year published: a number or a string of four digits) and
//! `publication_date` (`YYYY-MM-DD`, possibly followed by a time); other keys are ignored.
//! Kolada's metadata has no flag for a retired KPI: a KPI it no longer lists is simply absent
//! from the answer, and is then marked `current = false`.
//!
//! `kolada.toml` is edited with `toml_edit`, so its comments and layout stay; keys are kept in
//! the catalogue's canonical order, the result is checked to load as a catalogue, and it is
//! written atomically (a temporary file, then a rename). `unit` is never touched: Kolada's
//! metadata does not have it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use serde_json::Value;
use toml_edit::{DocumentMut, Item};

use super::{Client, MAX_IDS_PER_PART, resolve};
use crate::console::Console;
use crate::sources::common::Date;
use crate::sources::ids::KpiId;
use crate::sources::parties::{KoladaFile, KpiAreaType};

/// More pages than this for one metadata request means the paging goes round in circles.
const MAX_PAGES: usize = 100;

/// What Kolada says about a KPI.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiMeta {
    /// Kolada's title.
    pub title: Option<String>,
    /// Municipalities and regions, municipalities or regions.
    pub municipality_type: Option<KpiAreaType>,
    /// Whether there are values for women and men.
    pub is_divided_by_gender: Option<bool>,
    /// The latest year published.
    pub publ_period: Option<u16>,
    /// The day of the latest publication.
    pub publication_date: Option<Date>,
}

/// The metadata URLs for `kpis`: at most `ids_per_part` ids each.
pub fn urls(base_url: &str, kpis: &[KpiId], ids_per_part: usize) -> Vec<String> {
    kpis.chunks(ids_per_part.clamp(1, MAX_IDS_PER_PART))
        .map(|chunk| {
            let ids: Vec<&str> = chunk.iter().map(KpiId::as_str).collect();
            format!("{base_url}/kpi/{}", ids.join(","))
        })
        .collect()
}

/// Reads one KPI object of Kolada's answer; `None` without an id.
fn parse_kpi(v: &Value) -> Option<(KpiId, KpiMeta)> {
    let id = v.get("id")?.as_str()?;
    if !KpiId::is_valid(id) {
        return None;
    }
    let municipality_type = match v.get("municipality_type").and_then(Value::as_str) {
        Some("A") => Some(KpiAreaType::A),
        Some("K") => Some(KpiAreaType::K),
        Some("L") => Some(KpiAreaType::L),
        _ => None,
    };
    let is_divided_by_gender = match v.get("is_divided_by_gender") {
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::Number(n)) => n.as_i64().map(|n| n != 0),
        _ => None,
    };
    let publ_period = match v.get("publ_period") {
        Some(Value::Number(n)) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let publication_date =
        v.get("publication_date").and_then(Value::as_str).and_then(|s| s.get(..10)).and_then(|s| {
            let mut parts = s.split('-').map(str::parse::<i32>);
            let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
                return None;
            };
            Date::from_ymd(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
        });
    let meta = KpiMeta {
        title: v.get("title").and_then(Value::as_str).map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
        municipality_type,
        is_divided_by_gender,
        publ_period,
        publication_date,
    };
    Some((KpiId(id.to_owned()), meta))
}

/// Follows one of Kolada's metadata answers from `first` through its pages (`next_url`, or v2's
/// `next_page`), giving `each` every object of every page's `values`; with `single`, an answer
/// that is one object (`{"id": …}`) is read as a page of one. `what` names the answer in errors
/// ("KPI metadata").
///
/// Errors: a page that is not JSON or has no `values` array, paging that goes round in circles
/// (a page again, or more than 100), and the client's errors.
pub(super) fn pages(
    client: &Client,
    first: String,
    console: &Console,
    what: &str,
    single: bool,
    mut each: impl FnMut(&Value),
) -> Result<()> {
    let mut url = first;
    let mut seen = BTreeSet::new();
    loop {
        if !seen.insert(url.clone()) || seen.len() > MAX_PAGES {
            bail!(crate::t!("error-kolada-circle", url = &url));
        }
        console.doing(url.clone());
        let body = client.get(&url, console)?;
        let page: Value = serde_json::from_str(&body).map_err(|e| {
            anyhow!(crate::t!("error-kolada-malformed", what = what, url = &url, error = e.to_string()))
        })?;
        match page.get("values") {
            Some(Value::Array(items)) => items.iter().for_each(&mut each),
            Some(_) => bail!(crate::t!("error-kolada-values-not-array", what = what, url = &url)),
            None if single && page.get("id").is_some() => each(&page),
            None => bail!(crate::t!("error-kolada-no-values", what = what, url = &url)),
        }
        match page.get("next_url").or_else(|| page.get("next_page")).and_then(Value::as_str) {
            Some(next) if !next.is_empty() => url = resolve(&url, next)?,
            _ => return Ok(()),
        }
    }
}

/// Fetches the metadata of `kpis`; a KPI Kolada does not list is absent from the result.
pub(super) fn fetch(
    client: &Client,
    base_url: &str,
    kpis: &[KpiId],
    ids_per_part: usize,
    console: &Console,
) -> Result<BTreeMap<KpiId, KpiMeta>> {
    let asked: BTreeSet<&KpiId> = kpis.iter().collect();
    let mut found = BTreeMap::new();
    for first in urls(base_url, kpis, ids_per_part) {
        pages(client, first, console, &crate::t!("kolada-what-kpi-metadata"), false, |item| {
            match parse_kpi(item) {
                Some((id, meta)) if asked.contains(&id) => {
                    found.insert(id, meta);
                }
                // Another KPI than those asked for, or an object without an id: not ours.
                _ => {}
            }
        })?;
    }
    Ok(found)
}

/// What changed, per KPI: "publ_period 2025 → 2026".
pub type Changes = Vec<(KpiId, Vec<String>)>;

/// The canonical order of a KPI's keys (the fields of [`crate::sources::parties::Kpi`]).
const KEY_ORDER: [&str; 8] = [
    "id",
    "title",
    "unit",
    "municipality_type",
    "is_divided_by_gender",
    "publ_period",
    "publication_date",
    "current",
];

/// A value as the report of changes shows it: an array of codes as `[1715, 1730]` however it
/// is laid out, anything else as written, `–` for none.
pub(super) fn shown(item: Option<&Item>) -> String {
    match item.and_then(Item::as_value) {
        Some(toml_edit::Value::Array(a)) => {
            let codes: Vec<&str> = a.iter().filter_map(toml_edit::Value::as_str).collect();
            format!("[{}]", codes.join(", "))
        }
        Some(v) => v.clone().decorated("", "").to_string(),
        None => "–".to_owned(),
    }
}

/// Sets `key` to `new` in `table` when it differs as shown, keeping the old value's decor;
/// notes the change.
pub(super) fn set(table: &mut toml_edit::Table, key: &str, new: toml_edit::Value, changes: &mut Vec<String>) {
    let old = shown(table.get(key));
    let new_text = shown(Some(&Item::Value(new.clone())));
    if old != new_text {
        changes.push(format!("{key} {old} → {new_text}"));
        match table.get_mut(key).and_then(Item::as_value_mut) {
            Some(v) => {
                let decor = v.decor().clone();
                *v = new;
                *v.decor_mut() = decor;
            }
            None => {
                table.insert(key, Item::Value(new));
            }
        }
    }
}

/// `kolada.toml`'s text with the metadata of the KPIs `asked` applied; and, per KPI that
/// changed, what changed ("publ_period 2025 → 2026").
///
/// Errors: the text is not TOML, has no `[[kpi]]` tables, or would no longer load as a
/// catalogue.
pub fn update(text: &str, asked: &[KpiId], found: &BTreeMap<KpiId, KpiMeta>) -> Result<(String, Changes)> {
    let mut doc: DocumentMut = text.parse().with_context(|| crate::t!("error-kolada-toml-invalid"))?;
    let tables = doc
        .get_mut("kpi")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| anyhow!(crate::t!("error-kolada-toml-no-kpis")))?;
    let mut report = Vec::new();
    for table in tables.iter_mut() {
        let Some(id) = table.get("id").and_then(Item::as_str).map(|s| KpiId(s.to_owned())) else {
            continue;
        };
        if !asked.contains(&id) {
            continue;
        }
        let mut changes = Vec::new();
        match found.get(&id) {
            Some(meta) => {
                if let Some(t) = &meta.title {
                    set(table, "title", t.as_str().into(), &mut changes);
                }
                if let Some(m) = meta.municipality_type {
                    let code = match m {
                        KpiAreaType::A => "A",
                        KpiAreaType::K => "K",
                        KpiAreaType::L => "L",
                    };
                    set(table, "municipality_type", code.into(), &mut changes);
                }
                if let Some(g) = meta.is_divided_by_gender {
                    set(table, "is_divided_by_gender", g.into(), &mut changes);
                }
                if let Some(p) = meta.publ_period {
                    set(table, "publ_period", i64::from(p).into(), &mut changes);
                }
                if let Some(d) = meta.publication_date {
                    let date = toml_edit::Datetime {
                        date: Some(toml_edit::Date { year: d.year() as u16, month: d.month(), day: d.day() }),
                        time: None,
                        offset: None,
                    };
                    set(table, "publication_date", date.into(), &mut changes);
                }
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
    let new = doc.to_string();
    toml_edit::de::from_str::<KoladaFile>(&new)
        .map_err(|e| anyhow!(crate::t!("error-kolada-toml-broken", error = e.to_string())))?;
    Ok((new, report))
}

/// Applies the metadata to `<sources>/kolada.toml` and writes it when something changed (see
/// [`rewrite_catalogue`]); returns what changed.
pub fn apply(sources: &Path, asked: &[KpiId], found: &BTreeMap<KpiId, KpiMeta>) -> Result<Changes> {
    rewrite_catalogue(sources, |text| update(text, asked, found))
}

/// Rewrites `<sources>/kolada.toml` with `update`, which gives the new text and what changed,
/// and writes it when the text changed, as the user's own file is rewritten
/// ([`crate::output::write_text`]: atomically, through a symbolic link, in its own line
/// endings). The text is given to `update` as read for the sources: `\n` line breaks, no byte
/// order mark.
///
/// Errors: the file cannot be read or is not UTF-8, `update`'s errors (with the file named), and
/// the write's.
pub(super) fn rewrite_catalogue<C>(
    sources: &Path,
    update: impl FnOnce(&str) -> Result<(String, C)>,
) -> Result<C> {
    let path = sources.join(crate::sources::kinds::KOLADA.file);
    let bytes = std::fs::read(&path).with_context(|| crate::t!("error-read", path = &path))?;
    let (text, _) = crate::sources::text::decode(&bytes)
        .map_err(|_| anyhow!(crate::t!("error-read-not-utf8", path = &path)))?;
    let (new, report) = update(&text).with_context(|| crate::t!("error-update", path = &path))?;
    if new != text {
        crate::output::write_text(&path, &new)?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOGUE: &str = "#:schema schema/kolada.schema.json\n# The KPIs.\n\n[[kpi]]\nid = \"N15428\"\n\
        title = \"Elever i åk 9, andel (%)\"\nunit = \"andel\"\nmunicipality_type = \"A\"\npubl_period = 2025\n\
        current = true\n\n# Retired in 2021.\n[[kpi]]\nid = \"U01901\"\ntitle = \"Tobak, andel (%)\"\n\
        unit = \"andel\"\nmunicipality_type = \"A\"\npubl_period = 2020\ncurrent = true\n";

    fn kpi(s: &str) -> KpiId {
        KpiId(s.into())
    }

    #[test]
    fn reads_kolada_kpi_objects() -> Result<()> {
        let v: Value = serde_json::json!({
            "id": "N15428", "title": " Elever ", "municipality_type": "K", "is_divided_by_gender": 1,
            "publ_period": "2026", "publication_date": "2026-02-15T00:00:00", "operating_area": "x"
        });
        let (id, meta) = parse_kpi(&v).ok_or_else(|| anyhow!("not read"))?;
        assert_eq!(id, kpi("N15428"));
        assert_eq!(meta.title.as_deref(), Some("Elever"));
        assert_eq!(meta.municipality_type, Some(KpiAreaType::K));
        assert_eq!(meta.is_divided_by_gender, Some(true));
        assert_eq!(meta.publ_period, Some(2026));
        assert_eq!(meta.publication_date, Date::from_ymd(2026, 2, 15));
        assert!(parse_kpi(&serde_json::json!({"title": "no id"})).is_none());
        Ok(())
    }

    #[test]
    fn updates_keep_comments_and_order_and_retire_what_kolada_no_lists() -> Result<()> {
        let found = BTreeMap::from([(
            kpi("N15428"),
            KpiMeta {
                title: Some("Elever i åk 9, andel (%)".into()),
                municipality_type: Some(KpiAreaType::A),
                is_divided_by_gender: Some(true),
                publ_period: Some(2026),
                publication_date: Date::from_ymd(2026, 2, 15),
            },
        )]);
        let (new, report) = update(CATALOGUE, &[kpi("N15428"), kpi("U01901")], &found)?;
        assert!(new.starts_with("#:schema schema/kolada.schema.json\n# The KPIs.\n"), "{new}");
        assert!(new.contains("# Retired in 2021.\n[[kpi]]\nid = \"U01901\""), "{new}");
        assert!(
            new.contains(
                "municipality_type = \"A\"\nis_divided_by_gender = true\npubl_period = 2026\npublication_date = 2026-02-15\ncurrent = true\n"
            ),
            "{new}"
        );
        assert!(new.contains("publ_period = 2020\ncurrent = false\n"), "{new}");
        assert_eq!(
            report,
            vec![
                (
                    kpi("N15428"),
                    vec![
                        "is_divided_by_gender – → true".to_owned(),
                        "publ_period 2025 → 2026".to_owned(),
                        "publication_date – → 2026-02-15".to_owned()
                    ]
                ),
                (kpi("U01901"), vec!["current true → false".to_owned()]),
            ]
        );
        // Applying the same metadata again changes nothing.
        let (again, report) = update(&new, &[kpi("N15428"), kpi("U01901")], &found)?;
        assert_eq!(again, new);
        assert!(report.is_empty());
        Ok(())
    }

    #[test]
    fn requests_take_at_most_25_ids() {
        let kpis: Vec<KpiId> = (0..30).map(|i| kpi(&format!("N{i:05}"))).collect();
        let urls = urls("http://h/v3", &kpis, 25);
        assert_eq!(urls.len(), 2);
        assert!(urls[1].ends_with("/kpi/N00025,N00026,N00027,N00028,N00029"));
    }
}
