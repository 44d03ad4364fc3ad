//! Rendering: the minijinja environment that turns the typed views into Typst markup.
//!
//! Every `{{ }}` in a template is escaped for Typst markup by the environment's formatter; the
//! filters `typst_str` and `typst_value` quote values for use inside Typst code. Markup that the
//! program itself produced (from Markdown) is marked safe by its type, [`Markup`]. Templates are
//! embedded in the binary and can be overridden by files in a `templates/` folder. Each output
//! format has its own folder of templates: `templates/typst/` for the PDFs.

pub mod chart;
pub mod dots;
pub mod trend;
pub mod view;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, OutputSpan, UndefinedBehavior};
use serde::{Serialize, Serializer};

use crate::escape;

/// Typst markup produced by the program (from Markdown): inserted into templates as is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Markup(pub String);

impl Serialize for Markup {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Value::from_safe_string(self.0.clone()).serialize(s)
    }
}

/// The folder of the Typst templates under the templates folder.
pub const TYPST_DIR: &str = "typst";

/// The Typst templates embedded in the binary (`templates/typst/`): the defaults.
pub const EMBEDDED: [(&str, &str); 25] = [
    ("document.typ.j2", include_str!("../../templates/typst/document.typ.j2")),
    ("diff.typ.j2", include_str!("../../templates/typst/diff.typ.j2")),
    ("annex.typ.j2", include_str!("../../templates/typst/annex.typ.j2")),
    ("lib.typ.j2", include_str!("../../templates/typst/lib.typ.j2")),
    ("overview.typ.j2", include_str!("../../templates/typst/overview.typ.j2")),
    ("trend.typ.j2", include_str!("../../templates/typst/trend.typ.j2")),
    ("dots.typ.j2", include_str!("../../templates/typst/dots.typ.j2")),
    ("assessment.typ.j2", include_str!("../../templates/typst/assessment.typ.j2")),
    ("style.typ.j2", include_str!("../../templates/typst/style.typ.j2")),
    ("cover.typ.j2", include_str!("../../templates/typst/cover.typ.j2")),
    ("chapter.typ.j2", include_str!("../../templates/typst/chapter.typ.j2")),
    ("macros.typ.j2", include_str!("../../templates/typst/macros.typ.j2")),
    ("blocks/text.typ.j2", include_str!("../../templates/typst/blocks/text.typ.j2")),
    ("blocks/aside.typ.j2", include_str!("../../templates/typst/blocks/aside.typ.j2")),
    ("blocks/goals.typ.j2", include_str!("../../templates/typst/blocks/goals.typ.j2")),
    ("blocks/members.typ.j2", include_str!("../../templates/typst/blocks/members.typ.j2")),
    ("blocks/roles.typ.j2", include_str!("../../templates/typst/blocks/roles.typ.j2")),
    ("blocks/group.typ.j2", include_str!("../../templates/typst/blocks/group.typ.j2")),
    ("blocks/remit.typ.j2", include_str!("../../templates/typst/blocks/remit.typ.j2")),
    ("blocks/areas.typ.j2", include_str!("../../templates/typst/blocks/areas.typ.j2")),
    ("blocks/org_chart.typ.j2", include_str!("../../templates/typst/blocks/org_chart.typ.j2")),
    ("blocks/indicators.typ.j2", include_str!("../../templates/typst/blocks/indicators.typ.j2")),
    ("blocks/adjacent.typ.j2", include_str!("../../templates/typst/blocks/adjacent.typ.j2")),
    ("blocks/calendar.typ.j2", include_str!("../../templates/typst/blocks/calendar.typ.j2")),
    ("blocks/appendices.typ.j2", include_str!("../../templates/typst/blocks/appendices.typ.j2")),
];

/// A configured template environment.
pub struct Templates {
    env: Environment<'static>,
    /// Where each template came from, for messages.
    origins: Vec<(String, Option<PathBuf>)>,
}

/// Generated markup with a map back to the templates that produced it.
pub struct Rendered {
    /// The Typst markup.
    pub markup: String,
    spans: Vec<OutputSpan>,
    origins: Vec<(String, Option<PathBuf>)>,
}

impl Rendered {
    /// The template and line that produced the markup at `offset`.
    pub fn template_at(&self, offset: usize) -> Option<(String, usize)> {
        self.spans
            .iter()
            .filter(|s| s.output_range().contains(&offset))
            .min_by_key(|s| s.output_range().len())
            .map(|s| {
                let origin = self.origins.iter().find(|(n, _)| n == s.name()).and_then(|(_, p)| p.as_ref());
                let name = origin.map_or_else(|| s.name().to_owned(), |p| p.display().to_string());
                (name, s.line())
            })
    }
}

impl Templates {
    /// The embedded Typst templates, each replaced by a file of the same name in `<dir>/typst/`
    /// if there is one. Further `*.typ.j2` files there are added, so templates can include new
    /// files.
    ///
    /// Errors: an override that cannot be read or has a syntax error (named with its path and line).
    pub fn new(dir: Option<&Path>) -> Result<Self> {
        let dir = dir.map(|d| d.join(TYPST_DIR));
        let dir = dir.as_deref();
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .map_err(|e| anyhow::anyhow!("template syntax settings: {e}"))?;
        env.set_syntax(syntax);
        env.set_auto_escape_callback(|_| AutoEscape::Custom("typst".into()));
        env.set_formatter(format_value);
        env.add_filter("typst_str", typst_str);
        env.add_filter("typst_value", typst_value);

        let mut origins = Vec::new();
        let mut names: Vec<String> = EMBEDDED.iter().map(|(n, _)| (*n).to_owned()).collect();
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            for name in template_files(dir)? {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        for name in names {
            let on_disk = dir.map(|d| d.join(&name)).filter(|p| p.is_file());
            let source = match &on_disk {
                Some(path) => std::fs::read_to_string(path)
                    .with_context(|| format!("failed to read template `{}`", path.display()))?,
                None => match EMBEDDED.iter().find(|(n, _)| *n == name) {
                    Some((_, src)) => (*src).to_owned(),
                    None => bail!("template `{name}` not found"),
                },
            };
            env.add_template_owned(name.clone(), source).map_err(|e| template_error(&e, &on_disk))?;
            origins.push((name, on_disk));
        }
        Ok(Self { env, origins })
    }

    /// Renders the template `name` with a view.
    pub fn render(&self, name: &str, view: &impl Serialize) -> Result<Rendered> {
        let template = self.env.get_template(name).map_err(|e| self.error(&e))?;
        let (markup, spans) = template
            .render_with_spans(Value::from(minijinja::value::Serde(view)))
            .map_err(|e| self.error(&e))?;
        Ok(Rendered { markup, spans, origins: self.origins.clone() })
    }

    /// The file a template was read from, if it was not the embedded default.
    pub fn origin(&self, name: &str) -> Option<&Path> {
        self.origins.iter().find(|(n, _)| n == name).and_then(|(_, p)| p.as_deref())
    }

    fn error(&self, e: &Error) -> anyhow::Error {
        let mut inner = e;
        while let Some(next) = std::error::Error::source(inner).and_then(|s| s.downcast_ref::<Error>()) {
            inner = next;
        }
        let origin = inner.name().and_then(|n| self.origin(n)).map(Path::to_owned);
        template_error(e, &origin)
    }
}

/// The `*.typ.j2` files under `dir`, as template names with `/` separators.
fn template_files(dir: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let entries = std::fs::read_dir(dir.join(&rel))
            .with_context(|| format!("failed to read `{}`", dir.join(&rel).display()))?;
        for entry in entries {
            let entry = entry?;
            let path = rel.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(".typ.j2") {
                let name: Vec<String> =
                    path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                found.push(name.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

fn template_error(e: &Error, origin: &Option<PathBuf>) -> anyhow::Error {
    // Errors inside included templates are wrapped; report the innermost one.
    let mut e = e;
    while let Some(inner) = std::error::Error::source(e).and_then(|s| s.downcast_ref::<Error>()) {
        e = inner;
    }
    let name = e.name().unwrap_or("<unknown>");
    let place = match origin {
        Some(path) => format!("`{}`", path.display()),
        None => format!("`{name}` (embedded)"),
    };
    let line = e.line().map(|l| format!(", line {l}")).unwrap_or_default();
    let detail = e.detail().map(|d| format!(": {d}")).unwrap_or_default();
    anyhow::anyhow!("template {place}{line}: {}{detail}", e.kind())
}

/// Prints a value into markup: safe values as they are, everything else escaped.
fn format_value(
    out: &mut minijinja::Output<'_>,
    state: &mut minijinja::State<'_, '_>,
    value: &Value,
) -> Result<(), Error> {
    if value.is_undefined() || value.is_none() {
        return Err(Error::new(
            ErrorKind::UndefinedError,
            "a missing value was printed; test it with `{% if %}` first",
        ));
    }
    let text = value.to_string();
    let escaped = if value.is_safe() || matches!(state.auto_escape(), AutoEscape::None) {
        text
    } else {
        escape::markup(&text)
    };
    out.write_str(&escaped).map_err(|_| Error::new(ErrorKind::WriteFailure, "failed to write output"))
}

/// `{{ x|typst_str }}`: a Typst string literal.
fn typst_str(value: &Value) -> Value {
    Value::from_safe_string(escape::string_literal(&value.to_string()))
}

/// `{{ x|typst_value }}`: any value as a Typst literal (strings quoted, markup as content,
/// lists as arrays, maps as dictionaries).
fn typst_value(value: &Value) -> Result<Value, Error> {
    let mut out = String::new();
    write_typst_value(value, &mut out)?;
    Ok(Value::from_safe_string(out))
}

fn write_typst_value(value: &Value, out: &mut String) -> Result<(), Error> {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            if let Some(i) = value.as_i64() {
                let _ = write!(out, "{i}");
            } else {
                let f: f64 = value
                    .clone()
                    .try_into()
                    .map_err(|_| Error::new(ErrorKind::InvalidOperation, "not a number"))?;
                if !f.is_finite() {
                    return Err(Error::new(ErrorKind::InvalidOperation, "numbers must be finite"));
                }
                let _ = write!(out, "{f:?}");
            }
        }
        ValueKind::String if value.is_safe() => {
            out.push('[');
            out.push_str(value.as_str().unwrap_or_default());
            out.push(']');
        }
        ValueKind::String => out.push_str(&escape::string_literal(value.as_str().unwrap_or_default())),
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            for item in value.try_iter()? {
                write_typst_value(&item, out)?;
                out.push_str(", ");
            }
            out.push(')');
        }
        ValueKind::Map => {
            out.push('(');
            let mut empty = true;
            for key in value.try_iter()? {
                let item = value.get_item(&key)?;
                out.push_str(&escape::string_literal(&key.to_string()));
                out.push_str(": ");
                write_typst_value(&item, out)?;
                out.push_str(", ");
                empty = false;
            }
            if empty {
                out.push(':');
            }
            out.push(')');
        }
        other => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("cannot pass a {other} value to Typst"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Result<Templates, Box<dyn std::error::Error>> {
        Ok(Templates::new(None)?)
    }

    fn render_str(t: &Templates, src: &str, ctx: Value) -> Result<String, Error> {
        t.env.render_str(src, ctx)
    }

    #[test]
    fn printing_escapes_data() -> Result<(), Box<dyn std::error::Error>> {
        let t = env()?;
        let ctx =
            Value::from(minijinja::value::Serde(serde_json::json!({ "x": "#read(\"/etc/passwd\") *b*" })));
        let out = render_str(&t, "{{ x }}", ctx)?;
        assert_eq!(out, "\\#read\\(\\\"\\/etc\\/passwd\\\"\\) \\*b\\*");
        Ok(())
    }

    #[test]
    fn markup_is_inserted_as_is() -> Result<(), Box<dyn std::error::Error>> {
        let t = env()?;
        #[derive(Serialize)]
        struct View {
            m: Markup,
        }
        let ctx = Value::from(minijinja::value::Serde(View { m: Markup("#emph[a]".into()) }));
        assert_eq!(render_str(&t, "{{ m }}", ctx.clone())?, "#emph[a]");
        assert_eq!(render_str(&t, "{{ m|typst_value }}", ctx)?, "[#emph[a]]");
        Ok(())
    }

    #[test]
    fn code_values() -> Result<(), Box<dyn std::error::Error>> {
        let t = env()?;
        let ctx = Value::from(minijinja::value::Serde(serde_json::json!({
            "s": "a\"b",
            "v": { "n": 1, "f": 2.5, "l": ["x", null, true], "e": {} },
        })));
        assert_eq!(render_str(&t, "{{ s|typst_str }}", ctx.clone())?, "\"a\\\"b\"");
        assert_eq!(
            render_str(&t, "{{ v|typst_value }}", ctx)?,
            "(\"e\": (:), \"f\": 2.5, \"l\": (\"x\", none, true, ), \"n\": 1, )"
        );
        Ok(())
    }

    #[test]
    fn strict_undefined_and_none() -> Result<(), Box<dyn std::error::Error>> {
        let t = env()?;
        assert!(render_str(&t, "{{ nope }}", Value::from(())).is_err());
        let ctx = Value::from(minijinja::value::Serde(serde_json::json!({ "x": null })));
        assert!(render_str(&t, "{{ x }}", ctx).is_err());
        Ok(())
    }
}
