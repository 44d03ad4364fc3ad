//! The HTML format: templates under `templates/html/`, every `{{ }}` escaped by minijinja's own
//! HTML auto-escaping, and prose written as HTML by pulldown-cmark's HTML writer.
//!
//! Raw HTML in prose is shown as text, and links that would run a script lose their target (see
//! [`crate::markdown::to_html`]); nothing from the sources can become an element or attribute.

use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State};
use serde::Deserialize;

use super::dots::DotChart;
use super::trend::TrendChart;
use crate::escape;
use crate::markdown::{self, Footnotes, Placement};

/// The folder of the HTML templates under the templates folder.
pub const DIR: &str = "html";

/// The ending of an HTML template's file name.
pub const SUFFIX: &str = ".html.j2";

/// The stylesheet embedded in the binary (`templates/html/assets/perspektiv.css`).
pub const STYLESHEET: &str = include_str!("../../templates/html/assets/perspektiv.css");

/// The stylesheet's path under the HTML templates folder (and in the site).
pub const STYLESHEET_PATH: &str = "assets/perspektiv.css";

/// Sets up an environment for HTML templates: minijinja's HTML escaping and the filters.
pub fn configure(env: &mut Environment<'static>) {
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_formatter(format_value);
    env.add_filter("prose", prose);
    env.add_filter("screen_chart", screen_chart);
    env.add_filter("screen_dots", screen_dots);
    env.add_filter("lower", super::review::lower);
    env.add_filter("plain", super::review::plain);
    env.add_filter("repeated", super::review::repeated);
}

/// Prints a value: missing values and unconverted prose are errors, everything else goes through
/// minijinja's HTML escaping.
fn format_value(
    out: &mut minijinja::Output<'_>,
    state: &mut State<'_, '_>,
    value: &Value,
) -> Result<(), Error> {
    super::check_printable(value)?;
    if let Some(m) = value.downcast_object_ref::<super::review::Marked>() {
        return out
            .write_str(&m.html())
            .map_err(|_| Error::new(ErrorKind::WriteFailure, "failed to write output"));
    }
    // Digit groups are joined so that no number breaks across lines ("100 000").
    match value.as_str() {
        Some(text) if !value.is_safe() => {
            let joined = Value::from(crate::swedish::join_digit_groups(text).into_owned());
            minijinja::escape_formatter(out, state, &joined)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// `{{ x|prose }}`, `{{ x|prose(1) }}`, `{{ x|prose(lead=title, lead_end=".") }}`: prose as HTML,
/// its headings moved down by the argument (the web page has its title as `h1`, where the PDF
/// starts its chapters), with `lead` and `lead_end` in bold at the start of its first paragraph
/// (in the review edition, a changed lead with its marks). Footnotes are numbered
/// across the page. The sources were validated, so a conversion failure only shows the text
/// escaped, as a paragraph.
fn prose(
    state: &mut State<'_, '_>,
    value: &Value,
    shift: Option<u8>,
    kwargs: Kwargs,
) -> Result<Value, Error> {
    let p = super::prose_arg(value)?;
    let lead_value: Option<Value> = kwargs.get("lead")?;
    let lead_end: Option<String> = kwargs.get("lead_end")?;
    kwargs.assert_all_used()?;
    // A lead that changed (a goal's title in the review edition) is compared as part of the prose.
    let marked = lead_value.as_ref().and_then(|v| v.downcast_object_ref::<super::review::Marked>());
    let end = lead_end.unwrap_or_default();
    let with_end = |t: String| (!t.is_empty()).then(|| format!("{t}{end}"));
    let lead = lead_value
        .as_ref()
        .and_then(|v| with_end(marked.map(|m| m.new_text()).unwrap_or_else(|| v.to_string())));
    let old_lead = marked.map(|m| m.old_text()).map_or_else(|| lead.clone(), with_end);
    let place = Placement { shift: shift.unwrap_or(0), lead: lead.as_deref(), origin: p.origin.as_ref() };
    let notes = state.get_or_insert_extension(Footnotes::default());
    let converted = match (&p.review, marked) {
        (Some(r), _) => markdown::to_html_marked(
            &r.old,
            p.markdown.as_str(),
            p.headings,
            place,
            old_lead.as_deref(),
            notes,
            Some(r.anchor),
        ),
        (None, Some(m)) => markdown::to_html_marked(
            p.markdown.as_str(),
            p.markdown.as_str(),
            p.headings,
            place,
            old_lead.as_deref(),
            notes,
            m.anchor,
        ),
        (None, None) => markdown::to_html(p.markdown.as_str(), p.headings, place, notes),
    };
    let html = match converted {
        Ok(html) => html,
        Err(_) => {
            let lead = lead.map(|l| format!("<strong>{}</strong> ", escape::html(&l))).unwrap_or_default();
            format!("<p>{lead}{}</p>\n", escape::html(p.markdown.as_str()))
        }
    };
    Ok(Value::from_safe_string(html))
}

/// `{{ m.chart|screen_chart }}`: a trend chart's figures laid out for a screen (see
/// [`TrendChart::screen`]).
fn screen_chart(value: &Value) -> Result<Value, Error> {
    let chart = TrendChart::deserialize(value.clone()).map_err(|e| {
        Error::new(ErrorKind::InvalidOperation, format!("`screen_chart` takes a trend chart: {e}"))
    })?;
    Ok(Value::from(minijinja::value::Serde(chart.screen())))
}

/// `{{ x.chart|screen_dots }}`: a dot chart's figures laid out for a screen: the PDF's layout,
/// whose millimetres are the SVG's user units (see [`DotChart::layout`]).
fn screen_dots(value: &Value) -> Result<Value, Error> {
    let chart = DotChart::deserialize(value.clone()).map_err(|e| {
        Error::new(ErrorKind::InvalidOperation, format!("`screen_dots` takes a dot chart: {e}"))
    })?;
    Ok(Value::from(minijinja::value::Serde(chart.layout())))
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;
    use crate::markdown::Headings;
    use crate::render::Templates;
    use crate::render::view::Prose;
    use crate::sources::common::Markdown;

    fn ctx(v: &impl Serialize) -> Value {
        Value::from(minijinja::value::Serde(v))
    }

    #[test]
    fn printing_escapes_data() -> Result<(), Box<dyn std::error::Error>> {
        let t = Templates::html(None)?;
        let c = ctx(&serde_json::json!({ "x": "<script>alert('x')</script> & \"q\"" }));
        assert_eq!(
            t.render_str("<p title=\"{{ x }}\">{{ x }}</p>", c)?,
            "<p title=\"&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt; &amp; &quot;q&quot;\">&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt; &amp; &quot;q&quot;</p>"
        );
        assert!(t.render_str("{{ nope }}", Value::from(())).is_err());
        assert!(t.render_str("{{ x }}", ctx(&serde_json::json!({ "x": null }))).is_err());
        Ok(())
    }

    #[test]
    fn prose_becomes_html() -> Result<(), Box<dyn std::error::Error>> {
        let t = Templates::html(None)?;
        #[derive(Serialize)]
        struct View {
            text: Prose,
            note: Prose,
            bad: Prose,
        }
        let c = ctx(&View {
            text: Prose::new(Markdown("# Rubrik\n\n*a* <b>[x](javascript:y)</b>".into()), Headings::From(2)),
            note: Prose::new(Markdown("A[^1]\n\n[^1]: B".into()), Headings::Forbidden),
            bad: Prose::new(Markdown("# <i>R</i>".into()), Headings::Forbidden),
        });
        assert_eq!(
            t.render_str("{{ text|prose(1) }}", c.clone())?,
            "<h3>Rubrik</h3>\n<p><em>a</em> &lt;b&gt;x&lt;/b&gt;</p>\n"
        );
        // Footnote numbers run on through the page.
        let two = t.render_str("{{ note|prose }}{{ note|prose }}", c.clone())?;
        assert!(two.contains("id=\"fotnot-1\"") && two.contains("id=\"fotnot-2\""), "{two}");
        assert_eq!(t.render_str("{{ bad|prose }}", c.clone())?, "<p># &lt;i&gt;R&lt;/i&gt;</p>\n");
        let err = t.render_str("{{ text }}", c).err().ok_or("printing prose without the filter worked")?;
        assert!(err.to_string().contains("|prose"), "{err}");
        Ok(())
    }
}
