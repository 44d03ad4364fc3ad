//! The Typst format: templates under `templates/typst/`, every `{{ }}` escaped for Typst markup,
//! filters for values placed inside Typst code, and prose written as Typst markup.
//!
//! Every printed value goes through [`escape::markup`] unless it is markup the program itself
//! produced: prose converted by [`crate::markdown::to_typst`] (the `prose` filter) or a
//! [`Markup`] value. `typst_str` and `typst_value` quote values for use inside Typst code.

use std::fmt::Write as _;

use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind};
use serde::{Deserialize, Serialize, Serializer};

use super::chart::{self, TreeNode};
use super::dots::DotChart;
use super::review::{Marked, Runs};
use super::trend::TrendChart;
use super::view::Prose;
use crate::escape;
use crate::markdown;
use crate::swedish;

/// The folder of the Typst templates under the templates folder.
pub const DIR: &str = "typst";

/// The ending of a Typst template's file name.
pub const SUFFIX: &str = ".typ.j2";

/// Typst markup produced by the program: inserted into Typst templates as is. Only for views that
/// only the Typst templates read; shared views carry [`Prose`] instead.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Markup(pub String);

impl Serialize for Markup {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Value::from_safe_string(self.0.clone()).serialize(s)
    }
}

/// Sets up an environment for Typst templates: escaping and the filters.
pub fn configure(env: &mut Environment<'static>) {
    env.set_auto_escape_callback(|_| AutoEscape::Custom("typst".into()));
    env.set_formatter(format_value);
    env.add_filter("prose", prose);
    env.add_filter("typst_str", typst_str);
    env.add_filter("typst_value", typst_value);
    env.add_filter("breakable", breakable);
    env.add_filter("print_chart", print_chart);
    env.add_filter("print_org_chart", print_org_chart);
    env.add_filter("print_dots", print_dots);
    env.add_filter("lower", super::review::lower);
    env.add_filter("plain", super::review::plain);
    env.add_filter("repeated", super::review::repeated);
}

/// `{% set chart = m.chart|print_dots %}`: a dot chart's figures laid out for the PDF, in mm (see
/// [`DotChart::layout`]).
fn print_dots(value: &Value) -> Result<Value, Error> {
    let chart = DotChart::deserialize(value.clone()).map_err(|e| {
        Error::new(ErrorKind::InvalidOperation, format!("`print_dots` takes a dot chart: {e}"))
    })?;
    Ok(Value::from(minijinja::value::Serde(chart.layout())))
}

/// Width of the text area in mm (A4 with the template's margins); the org chart is fitted to it.
pub const TEXT_WIDTH_MM: f64 = 160.0;

/// `{{ b.tree|print_org_chart|typst_value }}`: the organisation chart's tree laid out for the
/// PDF, fitted to the width of the text.
fn print_org_chart(value: &Value) -> Result<Value, Error> {
    if let Some(tree) = super::review::chart_tree(value) {
        return Ok(Value::from(minijinja::value::Serde(chart::layout(&tree, TEXT_WIDTH_MM))));
    }
    let tree = TreeNode::deserialize(value.clone()).map_err(|e| {
        Error::new(ErrorKind::InvalidOperation, format!("`print_org_chart` takes an org chart's tree: {e}"))
    })?;
    Ok(Value::from(minijinja::value::Serde(chart::layout(&tree, TEXT_WIDTH_MM))))
}

/// `{{ m.chart|print_chart|typst_value }}`: a trend chart's figures laid out for the PDF, in mm
/// (see [`TrendChart::print`]).
fn print_chart(value: &Value) -> Result<Value, Error> {
    let chart = TrendChart::deserialize(value.clone()).map_err(|e| {
        Error::new(ErrorKind::InvalidOperation, format!("`print_chart` takes a trend chart: {e}"))
    })?;
    Ok(Value::from(minijinja::value::Serde(chart.print())))
}

/// Words shorter than this (in letters) fit every name column; longer ones may be hyphenated.
const LONG_WORD: usize = 12;

/// `{{ x|breakable }}`: a name for a narrow table cell, escaped, with every word of at least
/// [`LONG_WORD`] letters in `np-long-word`, which lets Typst hyphenate it by its Swedish
/// patterns. Table cells break their lines with a cost for hyphenation higher than any other
/// break (`style.typ`), so such a word is hyphenated only where it would otherwise run into the
/// next column: a word that fits, on this line or the next, stays whole, and its copied text
/// stays one word. Short words, and the text between words, are escaped as usual.
/// A marked text of the review edition is printed with its marks, as the formatter would.
fn breakable(state: &mut minijinja::State<'_, '_>, value: &Value) -> Result<Value, Error> {
    if let Some(m) = value.downcast_object_ref::<Marked>() {
        return Ok(Value::from_safe_string(m.typst(state.get_or_insert_extension(Runs::default()))));
    }
    breakable_text(value)
}

fn breakable_text(value: &Value) -> Result<Value, Error> {
    super::check_printable(value)?;
    if value.is_safe() {
        // Markup the program produced is printed as it is, as the formatter would.
        return Ok(value.clone());
    }
    let text = value.to_string();
    let text = swedish::join_digit_groups(&text);
    let mut out = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let escaped = escape::markup(word);
        if word.chars().filter(|c| c.is_alphabetic()).count() < LONG_WORD {
            out.push_str(&escaped);
        } else {
            // Escaped markup cannot close the bracket: `]` is escaped.
            out.push_str("#np-long-word[");
            out.push_str(&escaped);
            out.push(']');
        }
    }
    Ok(Value::from_safe_string(out))
}

/// Prints a value into markup: safe values as they are, everything else escaped, with the digit
/// groups of numbers joined by a no-break space.
fn format_value(
    out: &mut minijinja::Output<'_>,
    state: &mut minijinja::State<'_, '_>,
    value: &Value,
) -> Result<(), Error> {
    super::check_printable(value)?;
    if let Some(m) = value.downcast_object_ref::<Marked>() {
        let markup = m.typst(state.get_or_insert_extension(Runs::default()));
        return out
            .write_str(&markup)
            .map_err(|_| Error::new(ErrorKind::WriteFailure, "failed to write output"));
    }
    let text = value.to_string();
    let escaped = if value.is_safe() || matches!(state.auto_escape(), AutoEscape::None) {
        text
    } else {
        // Digit groups are joined so that no number breaks across lines ("100 000").
        escape::markup(&swedish::join_digit_groups(&text))
    };
    out.write_str(&escaped).map_err(|_| Error::new(ErrorKind::WriteFailure, "failed to write output"))
}

/// `{{ x|prose }}`: prose as Typst markup. The sources were validated, so a conversion failure
/// only shows the text escaped.
fn prose(state: &mut minijinja::State<'_, '_>, value: &Value) -> Result<Value, Error> {
    prose_markup(value, state.get_or_insert_extension(Runs::default()))
}

/// Prose as Typst markup, its marks (in the review edition) numbered on from `runs`.
fn prose_markup(value: &Value, runs: &mut Runs) -> Result<Value, Error> {
    let p = super::prose_arg(value)?;
    let converted = match &p.review {
        Some(r) => markdown::to_typst_marked(&r.old, p.markdown.as_str(), p.headings, r.anchor, runs),
        None => markdown::to_typst(p.markdown.as_str(), p.headings),
    };
    let markup = match converted {
        Ok(c) => c.markup,
        Err(_) => escape::markup(p.markdown.as_str()),
    };
    Ok(Value::from_safe_string(markup))
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
    if value.downcast_object_ref::<Prose>().is_some() {
        out.push('[');
        // Values for Typst code carry no review marks (the review edition's prose is printed).
        out.push_str(prose_markup(value, &mut Runs::default())?.as_str().unwrap_or_default());
        out.push(']');
        return Ok(());
    }
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
    use crate::markdown::Headings;
    use crate::render::Templates;
    use crate::sources::common::Markdown;

    #[test]
    fn breakable_marks_long_words_only_and_escapes_them() {
        let out = |s: &str| breakable_text(&Value::from(s)).unwrap().as_str().unwrap().to_owned();
        // Short words as the formatter prints them; soft hyphens do not count as letters.
        assert_eq!(out("Åsa Ek #x"), "Åsa Ek \\#x");
        assert_eq!(out("kommunal\u{AD}råd"), "kommunalråd");
        assert_eq!(out("Kommunstyrelseordförande och"), "#np-long-word[Kommunstyrelseordförande] och");
        // Data inside a long word stays text: the bracket it tries to close is escaped.
        let word = "Långtnamn]#eval(\"1\")[";
        assert_eq!(out(word), format!("#np-long-word[{}]", escape::markup(word)));
        assert!(escape::markup(word).contains("\\]"));
    }

    #[test]
    fn markup_maps_back_to_the_template_line_that_wrote_it() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir_all(dir.path().join(DIR))?;
        let source = "{{ x }}\nline two\n#bad()\n{% if true %}\n#also-bad()\n{% endif %}\n{{ y }}\n";
        std::fs::write(dir.path().join(DIR).join("t.typ.j2"), source.replace('\n', "\r\n"))?;
        let t = Templates::new(Some(dir.path()))?;
        let ctx = serde_json::json!({ "x": "a", "y": "yval" });
        let r = t.render("t.typ.j2", &ctx)?;
        assert!(!r.markup.contains('\r'), "{:?}", r.markup);
        let line_of =
            |needle: &str| r.markup.find(needle).and_then(|at| r.template_at(at)).map(|(_, line)| line);
        assert_eq!(line_of("#bad"), Some(3));
        assert_eq!(line_of("line two"), Some(2));
        assert_eq!(line_of("#also-bad"), Some(5));
        assert_eq!(line_of("yval"), Some(7));
        Ok(())
    }

    fn env() -> Result<Templates, Box<dyn std::error::Error>> {
        Ok(Templates::new(None)?)
    }

    fn ctx(v: &impl Serialize) -> Value {
        Value::from(minijinja::value::Serde(v))
    }

    #[test]
    fn printing_escapes_data() -> Result<(), Box<dyn std::error::Error>> {
        let t = env()?;
        let out = t.render_str("{{ x }}", ctx(&serde_json::json!({ "x": "#read(\"/etc/passwd\") *b*" })))?;
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
        let c = ctx(&View { m: Markup("#emph[a]".into()) });
        assert_eq!(t.render_str("{{ m }}", c.clone())?, "#emph[a]");
        assert_eq!(t.render_str("{{ m|typst_value }}", c)?, "[#emph[a]]");
        Ok(())
    }

    #[test]
    fn prose_is_converted_by_the_filter_only() -> Result<(), Box<dyn std::error::Error>> {
        let t = env()?;
        #[derive(Serialize)]
        struct View {
            p: Prose,
            empty: Prose,
        }
        let c = ctx(&View {
            p: Prose::new(Markdown("*a* #b".into()), Headings::Forbidden),
            empty: Prose::new(Markdown(String::new()), Headings::Forbidden),
        });
        assert_eq!(t.render_str("{{ p|prose }}", c.clone())?, "#emph[a] \\#b");
        assert_eq!(t.render_str("{{ p|typst_value }}", c.clone())?, "[#emph[a] \\#b]");
        assert_eq!(t.render_str("{% if p %}y{% endif %}{% if empty %}n{% endif %}", c.clone())?, "y");
        let err = t.render_str("{{ p }}", c).err().ok_or("printing prose without the filter worked")?;
        assert!(err.to_string().contains("|prose"), "{err}");
        Ok(())
    }

    #[test]
    fn code_values() -> Result<(), Box<dyn std::error::Error>> {
        let t = env()?;
        let c = ctx(&serde_json::json!({
            "s": "a\"b",
            "v": { "n": 1, "f": 2.5, "l": ["x", null, true], "e": {} },
        }));
        assert_eq!(t.render_str("{{ s|typst_str }}", c.clone())?, "\"a\\\"b\"");
        assert_eq!(
            t.render_str("{{ v|typst_value }}", c)?,
            "(\"e\": (:), \"f\": 2.5, \"l\": (\"x\", none, true, ), \"n\": 1, )"
        );
        Ok(())
    }

    #[test]
    fn strict_undefined_and_none() -> Result<(), Box<dyn std::error::Error>> {
        let t = env()?;
        assert!(t.render_str("{{ nope }}", Value::from(())).is_err());
        assert!(t.render_str("{{ x }}", ctx(&serde_json::json!({ "x": null }))).is_err());
        Ok(())
    }
}
