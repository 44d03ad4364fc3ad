//! `perspektiv schema`: the JSON Schemas of the source files, generated from the Rust types of
//! [`crate::sources`] and their doc comments, for editors with a TOML language server (taplo,
//! tombi) to validate and complete while typing.
//!
//! Every source file names its schema on its first line (`#:schema ../schema/goals.schema.json`).
//! The schemas are draft-07, the newest draft taplo validates with; TOML has no null, so the null
//! that schemars allows for an `Option` is taken out. The output is byte-stable: keys sorted,
//! pretty-printed, one final newline.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

use crate::sources::ALIASES;
use crate::sources::kinds::ALL;
use crate::t;

/// The folder of the schemas inside the sources folder.
pub const DIR: &str = "schema";

/// The JSON Schema of the source files that deserialize into `T`, as
/// [`crate::sources::kinds::Kind::render`] writes it.
pub(crate) fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .with_transform(RecursiveTransform(no_null))
        .with_transform(RecursiveTransform(aliases))
        .into_generator()
        .into_root_schema_for::<T>()
}

/// [`ALIASES`]: `"const": "ordforande"` becomes `"enum": ["ordforande", "ordförande"]`, so an
/// editor accepts what perspektiv accepts.
fn aliases(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else { return };
    let Some(Value::String(value)) = obj.get("const") else { return };
    let also: Vec<Value> = ALIASES.iter().filter(|(v, _)| v == value).map(|(_, a)| Value::from(*a)).collect();
    if also.is_empty() {
        return;
    }
    let mut all = vec![Value::from(value.clone())];
    all.extend(also);
    obj.remove("const");
    obj.insert("enum".into(), Value::Array(all));
}

/// TOML has no null: an absent key is how a value is left out. schemars describes an `Option<T>`
/// as "T or null" (`"type": ["string", "null"]`, or `anyOf` with `{"type": "null"}`); this
/// leaves T.
fn no_null(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else { return };
    if let Some(Value::Array(types)) = obj.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            obj.insert("type".into(), only);
        }
    }
    let is_null = |v: &Value| v.get("type").is_some_and(|t| t == "null");
    let single = match obj.get_mut("anyOf") {
        Some(Value::Array(alternatives)) if alternatives.iter().any(is_null) => {
            alternatives.retain(|v| !is_null(v));
            (alternatives.len() == 1).then(|| alternatives.remove(0))
        }
        _ => None,
    };
    if let Some(Value::Object(inner)) = single {
        obj.remove("anyOf");
        for (k, v) in inner {
            // The field's own description and default stay; the rest comes from the type.
            obj.entry(k).or_insert(v);
        }
    }
    if obj.get("default").is_some_and(Value::is_null) {
        obj.remove("default");
    }
}

/// The file name of the schema of `perspektiv diff --format json`.
pub const DIFF_SCHEMA: &str = "diff.schema.json";

/// The schema of the JSON that `perspektiv diff --format json` prints, for other tools.
pub fn diff_schema() -> String {
    let schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<crate::diff::Diff>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The schemas as written, by file name: the source files' in [`ALL`] order, then the diff's.
pub fn rendered() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = ALL.iter().map(|k| (k.schema_file(), k.render())).collect();
    all.push((DIFF_SCHEMA.to_owned(), diff_schema()));
    all
}

/// The schema files under `dir` that are missing or differ from the generated ones.
pub fn stale(dir: &Path) -> Vec<PathBuf> {
    rendered()
        .into_iter()
        .map(|(name, text)| (dir.join(name), text))
        .filter(|(path, text)| std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()))
        .map(|(path, _)| path)
        .collect()
}

/// `perspektiv schema`: writes the schemas that changed into `dir` and names them.
pub fn run(dir: &Path) -> Result<ExitCode> {
    let console = crate::console::Console::default();
    let mut written = 0;
    for (name, text) in rendered() {
        let path = dir.join(name);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(text.as_str()) {
            continue;
        }
        crate::output::write_atomic(&path, text.as_bytes())
            .with_context(|| t!("error-write-schema", path = &path))?;
        console.wrote(&path);
        written += 1;
    }
    if written == 0 {
        console.line(&crate::t!("schema-up-to-date", folder = dir.display().to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::kinds::Kind;

    #[test]
    fn swedish_spellings_are_accepted_and_in_the_schemas() -> Result<(), Box<dyn std::error::Error>> {
        use crate::sources::groups::GroupKind;
        use crate::sources::members::RoleKind;
        for (value, alias) in ALIASES {
            let de = |s: &str| -> Option<String> {
                let role: Option<RoleKind> = serde_json::from_value(Value::from(s)).ok();
                let kind: Option<GroupKind> = serde_json::from_value(Value::from(s)).ok();
                role.map(|r| format!("{r:?}")).or(kind.map(|k| format!("{k:?}")))
            };
            assert!(de(value).is_some(), "{value}");
            assert_eq!(de(alias), de(value), "{alias}");
            let rendered: String = ALL.iter().map(Kind::render).collect();
            assert!(rendered.contains(&format!("\"{alias}\"")), "{alias} is not in the schemas");
        }
        Ok(())
    }

    fn schema(name: &str) -> Value {
        let kind = ALL.iter().find(|k| k.name == name);
        kind.and_then(|k| serde_json::from_str(&k.render()).ok()).unwrap_or(Value::Null)
    }

    #[test]
    fn draft_07_with_definitions() {
        let s = schema("members");
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(s["definitions"]["Role"].is_object());
        assert!(s.get("$defs").is_none());
    }

    #[test]
    fn unknown_fields_are_denied_and_docs_become_descriptions() {
        let s = schema("members");
        assert_eq!(s["additionalProperties"], false);
        let member = &s["definitions"]["Member"];
        assert_eq!(member["additionalProperties"], false);
        assert_eq!(member["properties"]["name"]["description"], "Full name as printed.");
        assert_eq!(member["required"], serde_json::json!(["id", "name"]));
    }

    #[test]
    fn options_are_not_nullable() {
        let text = ALL.iter().map(Kind::render).collect::<String>();
        assert!(!text.contains("\"null\""), "a schema allows null");
        let s = schema("members");
        let title = &s["definitions"]["Member"]["properties"]["title"];
        assert_eq!(title["type"], "string");
    }

    #[test]
    fn blocks_are_tables_with_one_key() -> Result<(), Box<dyn std::error::Error>> {
        let s = schema("document");
        let variants = s["definitions"]["Block"]["oneOf"].as_array().ok_or("no oneOf")?;
        assert_eq!(variants.len(), 13);
        for v in variants {
            assert_eq!(v["type"], "object");
            assert_eq!(v["additionalProperties"], false);
            assert_eq!(v["required"].as_array().map(Vec::len), Some(1), "{v}");
        }
        Ok(())
    }

    #[test]
    fn output_is_stable() {
        for kind in ALL {
            let text = kind.render();
            assert_eq!(text, kind.render());
            assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
        }
    }
}
