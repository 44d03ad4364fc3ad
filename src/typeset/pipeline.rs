//! The one way a PDF is made: a described document (its markup, what it must show, its settings
//! and fonts, its name and the hint a failure carries) is compiled, checked against what its view
//! lists, and exported; Typst's errors become a located account, and its warnings are handed to
//! the caller's console as they come, whether the document fails or not.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Once};

use anyhow::{Result, anyhow};

use super::contents::MustShow;
use super::{DocWorld, Fonts, PdfSettings, TypesetError, TypstProblem};
use crate::render::Rendered;
use crate::t;

/// A document to typeset, as its caller describes it.
pub struct Described<'a> {
    /// The markup's file name, as Typst's messages name it (`politiskt-inriktningsdokument-2023.typ`).
    pub name: &'a str,
    /// The markup, with the templates that produced it.
    pub rendered: &'a Rendered,
    /// What the laid-out text must show (the safety net of [`super::contents`]).
    pub must: &'a MustShow,
    /// The PDF's identifier and date; the date also answers `datetime.today()`.
    pub settings: &'a PdfSettings,
    /// The fonts.
    pub fonts: Arc<Fonts>,
    /// How to see the markup Typst was given: the last line of a failure's account.
    pub hint: &'a str,
}

/// A finished PDF.
pub struct Typeset {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Its page count.
    pub pages: usize,
    /// Typst's warnings, as it gave them (each also handed to the caller's console): the cache
    /// keeps them beside the PDF.
    pub warnings: Vec<TypstProblem>,
}

/// A warning Typst gave about a document, located in its templates.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypstWarning {
    /// Typst's message.
    pub message: String,
    /// The template and its line that produced the markup warned about, when known.
    pub template: Option<(String, usize)>,
    /// The line of the generated markup, when known.
    pub line: Option<usize>,
    /// The first line of the markup warned about.
    pub markup: String,
    /// Typst's hints.
    pub hints: Vec<String>,
    /// The markup's file name.
    pub name: String,
}

impl TypstWarning {
    /// The same warning in another document: the same message, hints and template line (the
    /// line of the generated markup differs from document to document).
    pub fn key(&self) -> (&str, Option<&(String, usize)>, &str, &[String]) {
        (&self.message, self.template.as_ref(), &self.markup, &self.hints)
    }

    /// The warning as printed, for one document or (`documents` > 1) for as many.
    pub fn render(&self, documents: usize) -> String {
        use crate::t;
        let mut out = format!("{}: {}", t!("prefix-warning"), self.message);
        let place = if documents > 1 {
            t!("typst-in-documents", documents = documents)
        } else {
            match self.line {
                Some(line) => t!("typst-rendered-line", line = line.to_string(), file = self.name.as_str()),
                None => t!("typst-rendered", file = self.name.as_str()),
            }
        };
        let place = match &self.template {
            Some((template, tline)) => {
                t!("typst-in-template", template = template.as_str(), line = tline.to_string(), place = place)
            }
            None if documents > 1 || self.line.is_some() => t!("typst-at", place = place),
            None => place,
        };
        out.push_str(&format!("\n  {place}"));
        if !self.markup.is_empty() {
            out.push_str(&format!("\n  {}", t!("typst-markup", markup = self.markup.as_str())));
        }
        for hint in &self.hints {
            out.push_str(&format!("\n  {}: {hint}", t!("prefix-hint")));
        }
        out
    }
}

/// Compiles a described document, checks that its laid-out text shows what it must, and exports
/// it as PDF. `world` keeps Typst's world between calls (a watch keeps its caches warm); a fresh
/// one is made when it is empty or names another file. Every warning Typst gives is handed to
/// `warn`, on failure too, as typst-cli's `compile_once` prints them.
///
/// Errors: Typst's, as an account naming the template lines and ending with the document's
/// hint; or the texts the laid-out document does not show
/// ([`Missing`](super::contents::Missing)), before anything is exported.
pub fn typeset(
    doc: &Described,
    world: &mut Option<DocWorld>,
    warn: &dyn Fn(&TypstWarning),
) -> Result<Typeset> {
    let today = Some(doc.settings.date);
    let world = match world {
        Some(w) if w.main_name() == doc.name => {
            w.set_markup(&doc.rendered.markup);
            w.set_fonts(doc.fonts.clone(), today);
            w
        }
        _ => world.insert(DocWorld::with_fonts(
            doc.name,
            doc.rendered.markup.clone(),
            today,
            doc.fonts.clone(),
        )?),
    };
    let failed = |e: TypesetError| {
        for w in e.problems.iter().filter(|p| !p.is_error) {
            warn(&locate_warning(w, doc.rendered, doc.name));
        }
        anyhow!(describe_error(&e, doc))
    };
    let internal = |message: crate::i18n::Msg| anyhow!(message.arg("name", doc.name).text());
    let (laid_out, warnings) = guarded(|| super::compile(world))
        .map_err(|m| internal(crate::msg!("error-typst-internal", error = m)))?
        .map_err(failed)?;
    for w in &warnings {
        warn(&locate_warning(w, doc.rendered, doc.name));
    }
    doc.must.check(&laid_out)?;
    // The review edition's change bars, if the document asks for them.
    let laid_out = super::bars::draw(laid_out);
    let pdf = guarded(|| super::export_pdf(world, &laid_out, doc.settings))
        .map_err(|m| internal(crate::msg!("error-typst-internal.exporting", error = m)))?
        .map_err(failed)?;
    Ok(Typeset { pdf, pages: laid_out.pages().len(), warnings })
}

/// How many threads are inside [`guarded`]; while any is, the panic hook stays silent.
static GUARDED: AtomicUsize = AtomicUsize::new(0);

/// Runs `f` (Typst's layout or export), turning a panic inside it into its message: Typst has a
/// few internal assertions ("bounded inline layout is incomplete") that a document can trip,
/// and a user is owed an error, not a crash. While `f` runs, the panic hook (set once, and
/// otherwise the default one) prints nothing, for Typst's worker threads too.
fn guarded<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.load(Ordering::SeqCst) == 0 {
                default(info);
            }
        }));
    });
    GUARDED.fetch_add(1, Ordering::SeqCst);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.fetch_sub(1, Ordering::SeqCst);
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an unknown failure".to_owned())
    })
}

/// The line of the markup at `offset`, and the template line that produced it.
fn locate(rendered: &Rendered, offset: usize) -> (usize, Option<(String, usize)>) {
    let line = rendered.markup[..offset.min(rendered.markup.len())].matches('\n').count() + 1;
    (line, rendered.template_at(offset))
}

/// The first line of the markup in `range`, at most 100 characters.
fn snippet(rendered: &Rendered, range: &std::ops::Range<usize>) -> String {
    let first = rendered.markup.get(range.clone()).unwrap_or("").lines().next().unwrap_or("");
    first.chars().take(100).collect()
}

/// A warning Typst gave about the markup `rendered` named `name`, located in its templates.
pub fn locate_warning(p: &TypstProblem, rendered: &Rendered, name: &str) -> TypstWarning {
    let (line, template, markup) = match &p.range {
        Some(range) => {
            let (line, template) = locate(rendered, range.start);
            (Some(line), template, snippet(rendered, range))
        }
        None => (None, None, String::new()),
    };
    TypstWarning {
        message: p.message.clone(),
        template,
        line,
        markup,
        hints: p.hints.clone(),
        name: name.to_owned(),
    }
}

/// A readable account of a Typst failure: each message with the template line that produced
/// the markup, then the document's hint.
fn describe_error(e: &TypesetError, doc: &Described) -> String {
    let (rendered, name) = (doc.rendered, doc.name);
    let hint_prefix = t!("prefix-hint");
    // Typst's own words for each problem and its hints, as the OS's for an I/O error.
    let mut out = t!("error-typst");
    for p in e.problems.iter().filter(|p| p.is_error) {
        out.push_str(&format!("\n  - {}", p.message));
        if let Some(range) = &p.range {
            // The same words as a warning's place.
            let place = match locate(rendered, range.start) {
                (line, Some((template, tline))) => {
                    let rendered = t!("typst-rendered-line", line = line.to_string(), file = name);
                    t!("typst-in-template", template = template, line = tline.to_string(), place = rendered)
                }
                (line, None) => {
                    t!("typst-at", place = t!("typst-rendered-line", line = line.to_string(), file = name))
                }
            };
            out.push_str(&format!("\n    {place}"));
            let snippet = snippet(rendered, range);
            if !snippet.is_empty() {
                out.push_str(&format!("\n    {}", t!("typst-markup", markup = snippet)));
            }
        }
        for hint in &p.hints {
            out.push_str(&format!("\n    {hint_prefix}: {hint}"));
        }
    }
    out.push_str(&format!("\n  {hint_prefix}: {}", doc.hint));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_inside_typst_becomes_its_message() {
        assert_eq!(super::guarded(|| 7), Ok(7));
        let failed: std::result::Result<(), String> =
            super::guarded(|| panic!("bounded inline layout is incomplete"));
        assert_eq!(failed, Err("bounded inline layout is incomplete".to_owned()));
        let formatted: std::result::Result<(), String> = super::guarded(|| panic!("page {}", 3));
        assert_eq!(formatted, Err("page 3".to_owned()));
    }

    use super::*;

    #[test]
    fn a_warning_names_its_template_line_or_how_many_documents() {
        let w = TypstWarning {
            message: "no text within stars".into(),
            template: Some(("templates/typst/annex.typ.j2".into(), 12)),
            line: Some(170),
            markup: "**".into(),
            hints: vec!["using multiple consecutive stars (e.g. **) has no additional effect".into()],
            name: "2023-bilaga-eda.typ".into(),
        };
        assert_eq!(
            w.render(1),
            "warning: no text within stars\n  in template `templates/typst/annex.typ.j2`, line 12 (line 170 of the rendered `2023-bilaga-eda.typ`)\n  markup: `**`\n  hint: using multiple consecutive stars (e.g. **) has no additional effect"
        );
        assert!(w.render(17).contains("line 12 (in 17 documents)"), "{}", w.render(17));
        let other = TypstWarning { line: Some(200), name: "2023-bilaga-saffle.typ".into(), ..w.clone() };
        assert_eq!(w.key(), other.key(), "the same warning in another document");
    }
}
