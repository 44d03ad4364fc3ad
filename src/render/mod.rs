//! Rendering: the typed views ([`view`]) and one minijinja environment per output format that
//! turns them into that format's source.
//!
//! - [`view`]: the views, shared by every format; prose in them is [`Prose`] (Markdown with its
//!   heading levels), never a format's markup.
//! - [`typst`]: the PDFs' format, `templates/typst/*.typ.j2`, escaped for Typst markup.
//! - [`html`]: the web edition's format, `templates/html/*.html.j2`, escaped by minijinja's HTML
//!   auto-escaping.
//!
//! Each environment has a `prose` filter that writes [`Prose`] in its format; printing prose
//! without it is an error, as is printing a missing value. Templates are embedded in the binary
//! and can be overridden by files in the format's folder under a `templates/` folder.

pub mod chart;
pub mod dots;
pub mod html;
pub mod review;
pub mod trend;
pub mod typst;
pub mod view;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind, OutputSpan, OutputSpanKind, UndefinedBehavior};
use serde::Serialize;

pub use typst::Markup;
pub use view::Prose;

/// An output format: its template folder, file ending, embedded templates and escaping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Typst markup for the PDFs.
    Typst,
    /// HTML for the web edition.
    Html,
}

/// The repository's `templates/` folder, embedded in the binary: the built-in templates.
static EMBEDDED: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/templates");

impl Format {
    /// The format's folder under the templates folder.
    pub fn dir(self) -> &'static str {
        match self {
            Format::Typst => typst::DIR,
            Format::Html => html::DIR,
        }
    }

    /// The ending of its templates' file names.
    pub fn suffix(self) -> &'static str {
        match self {
            Format::Typst => typst::SUFFIX,
            Format::Html => html::SUFFIX,
        }
    }

    /// The templates embedded in the binary (the repository's `templates/<dir>/`): each one's
    /// name relative to the format's folder (`annex/title.html.j2`) and its text.
    pub fn embedded(self) -> Vec<(String, &'static str)> {
        let mut found = Vec::new();
        let mut dirs: Vec<&'static include_dir::Dir<'static>> =
            EMBEDDED.get_dir(self.dir()).into_iter().collect();
        while let Some(dir) = dirs.pop() {
            dirs.extend(dir.dirs());
            for file in dir.files() {
                // Named with `/` on every platform, as templates include each other.
                let name = file.path().strip_prefix(self.dir()).ok().map(|rel| {
                    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
                });
                if let (Some(name), Some(text)) = (name, file.contents_utf8())
                    && name.ends_with(self.suffix())
                {
                    found.push((name, text));
                }
            }
        }
        found.sort_unstable();
        found
    }

    fn configure(self, env: &mut Environment<'static>) {
        match self {
            Format::Typst => typst::configure(env),
            Format::Html => html::configure(env),
        }
    }
}

/// A configured template environment.
pub struct Templates {
    env: Environment<'static>,
    /// Where each template came from, for messages.
    origins: Vec<(String, Option<PathBuf>)>,
}

/// Generated text with a map back to the templates that produced it.
pub struct Rendered {
    /// The Typst markup or HTML.
    pub markup: String,
    spans: Vec<OutputSpan>,
    origins: Vec<(String, Option<PathBuf>)>,
}

impl Rendered {
    /// The template and line that produced the markup at `offset`: for template text, the line
    /// of that text itself (a span of text covers many lines); for the output of an expression,
    /// the expression's line.
    pub fn template_at(&self, offset: usize) -> Option<(String, usize)> {
        self.spans
            .iter()
            .filter(|s| s.output_range().contains(&offset))
            .min_by_key(|s| s.output_range().len())
            .map(|s| {
                let origin = self.origins.iter().find(|(n, _)| n == s.name()).and_then(|(_, p)| p.as_ref());
                let name = origin.map_or_else(|| s.name().to_owned(), |p| p.display().to_string());
                let line = match s.kind() {
                    OutputSpanKind::Raw => {
                        let before = self.markup.get(s.output_range().start..offset).unwrap_or_default();
                        s.line() + before.matches('\n').count()
                    }
                    _ => s.line(),
                };
                (name, line)
            })
    }
}

impl Templates {
    /// The Typst templates: see [`Templates::for_format`].
    pub fn new(dir: Option<&Path>) -> Result<Self> {
        Self::for_format(Format::Typst, dir)
    }

    /// The HTML templates: see [`Templates::for_format`].
    pub fn html(dir: Option<&Path>) -> Result<Self> {
        Self::for_format(Format::Html, dir)
    }

    /// The embedded templates of a format, each replaced by a file of the same name in
    /// `<dir>/typst/` (or `<dir>/html/`) if there is one. Further `*.typ.j2` (`*.html.j2`) files
    /// there are added, so templates can include new files.
    ///
    /// Errors: an override that cannot be read or has a syntax error (named with its path and line).
    pub fn for_format(format: Format, dir: Option<&Path>) -> Result<Self> {
        let dir = dir.map(|d| d.join(format.dir()));
        let dir = dir.as_deref();
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .map_err(|e| anyhow::anyhow!(crate::t!("error-template-syntax", error = e.to_string())))?;
        env.set_syntax(syntax);
        format.configure(&mut env);

        let mut origins = Vec::new();
        let embedded = format.embedded();
        let mut names: Vec<String> = embedded.iter().map(|(n, _)| n.clone()).collect();
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            for name in template_files(dir, format.suffix())? {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        for name in names {
            let on_disk = dir.map(|d| d.join(&name)).filter(|p| p.is_file());
            let source = match &on_disk {
                Some(path) => {
                    let bytes =
                        std::fs::read(path).with_context(|| crate::t!("error-read-template", path = path))?;
                    // Line breaks and a byte order mark as in every source file (CRLF is `\n`).
                    crate::sources::text::decode(&bytes)
                        .map(|(text, _)| text)
                        .map_err(|_| anyhow::anyhow!(crate::t!("error-template-not-utf8", path = path)))?
                }
                None => match embedded.iter().find(|(n, _)| *n == name) {
                    Some((_, src)) => (*src).to_owned(),
                    None => bail!(crate::t!("error-template-not-found", name = &name)),
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

    /// Renders a template given as text.
    #[cfg(test)]
    pub(crate) fn render_str(&self, source: &str, ctx: Value) -> Result<String, Error> {
        self.env.render_str(source, ctx)
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

/// The files under `dir` whose names end in `suffix`, as template names with `/` separators.
fn template_files(dir: &Path, suffix: &str) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let entries = std::fs::read_dir(dir.join(&rel))
            .with_context(|| crate::t!("error-read", path = &dir.join(&rel)))?;
        for entry in entries {
            let entry = entry?;
            let path = rel.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(suffix) {
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
        Some(path) => crate::t!("error-template-place", path = path),
        None => crate::t!("error-template-place.embedded", name = name),
    };
    // minijinja's own words for what is wrong, as the OS's for an I/O error.
    let what = match e.detail() {
        Some(detail) => format!("{}: {detail}", e.kind()),
        None => e.kind().to_string(),
    };
    let message = match e.line() {
        Some(line) => crate::t!("error-template.line", place = place, line = line, error = what),
        None => crate::t!("error-template", place = place, error = what),
    };
    anyhow::anyhow!(message)
}

/// What no format prints: a missing value, or prose not converted by the `prose` filter.
fn check_printable(value: &Value) -> Result<(), Error> {
    if value.is_undefined() || value.is_none() {
        return Err(Error::new(
            ErrorKind::UndefinedError,
            "a missing value was printed; test it with `{% if %}` first",
        ));
    }
    if value.downcast_object_ref::<Prose>().is_some() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "prose was printed as it is; print it with `{{ x|prose }}`",
        ));
    }
    Ok(())
}

/// The prose a `prose` filter was given.
fn prose_arg(value: &Value) -> Result<&Prose, Error> {
    value.downcast_object_ref::<Prose>().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("the `prose` filter takes prose from the sources, not a {}", value.kind()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every template file of the repository is embedded under its name, and every embedded
    /// template is a file that loads.
    #[test]
    fn the_template_folders_are_embedded() -> Result<()> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for format in [Format::Typst, Format::Html] {
            let on_disk = template_files(&root.join(format.dir()), format.suffix())?;
            let mut embedded: Vec<String> = format.embedded().into_iter().map(|(n, _)| n).collect();
            embedded.sort();
            assert_eq!(on_disk, embedded, "{format:?}");
            Templates::for_format(format, None)?;
        }
        Ok(())
    }
}
