//! The `diff` command: reads both sides (a year on disk, or `REV:YEAR` from git), compares them,
//! and prints or writes the result.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};

use super::format;
use super::report;
use crate::check::load_and_check;
use crate::console::Console;
use crate::diagnostics::{DiagnosticFormat, Problem};
use crate::document::pdf_settings;
use crate::names;
use crate::render::Templates;
use crate::sources::git;
use crate::sources::index::Index;
use crate::sources::{self, DirTree, SourceTree, Sources};
use crate::typeset::{self, Described, Fonts};

/// Output formats of `diff` on standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    /// The report in Swedish for the terminal: coloured when standard output is a terminal.
    Text,
    /// The report in Swedish as Markdown.
    Md,
    /// JSON with a stable schema (`perspektiv-diff/2`).
    Json,
}

/// Everything `diff` needs, resolved from the command line.
#[derive(Clone, Debug)]
pub struct DiffConfig {
    /// The sources folder (and the git repository it is in, for `REV:YEAR` sides).
    pub sources: std::path::PathBuf,
    /// The template override folder, for the change annex.
    pub templates: std::path::PathBuf,
    /// The font folder (used if it exists, the built-in fonts otherwise): the checks of characters
    /// use it, and the change annex is set in it.
    pub fonts: std::path::PathBuf,
    /// The old side as given: `2019` or `REV:YEAR`.
    pub old: String,
    /// The new side as given.
    pub new: String,
    /// What to print on standard output; `None` prints nothing (only the PDF is written).
    pub format: Option<DiffFormat>,
    /// Where to write the change annex PDF, if asked.
    pub pdf: Option<std::path::PathBuf>,
}

/// One side as given: an optional git revision and a year.
#[derive(Debug, PartialEq, Eq)]
pub struct SideSpec {
    /// The git revision, if any.
    pub rev: Option<String>,
    /// The year.
    pub year: i32,
}

impl SideSpec {
    /// Parses `2019`, `HEAD~3:2023` or `v2023-remiss:2023`.
    pub fn parse(s: &str) -> Result<Self> {
        let year_of = |y: &str| -> Option<i32> { (y.len() == 4).then(|| y.parse().ok()).flatten() };
        if let Some(year) = year_of(s) {
            return Ok(Self { rev: None, year });
        }
        match s.rsplit_once(':') {
            Some((rev, y)) if !rev.is_empty() => match year_of(y) {
                Some(year) => Ok(Self { rev: Some(rev.to_owned()), year }),
                None => bail!(crate::t!("error-side-year", side = s, rev = rev)),
            },
            _ => bail!(crate::t!("error-side", side = s)),
        }
    }
}

/// Loads one side from the sources folder (or its git repository) and checks it as `check` does;
/// `None` after saying its errors on `console` (warnings are not said: they are `check`'s
/// business). `given` is the side as the user wrote it, for messages.
pub fn load_side(
    console: &Console,
    sources: &Path,
    given: &str,
    spec: &SideSpec,
    fonts: &Arc<Fonts>,
) -> Result<Option<Sources>> {
    let tree: Box<dyn SourceTree> = match &spec.rev {
        Some(rev) => Box::new(
            git::at_revision(sources, rev).with_context(|| crate::t!("error-reading-side", side = given))?,
        ),
        None => Box::new(DirTree::new(sources)),
    };
    if let Some(rev) = &spec.rev {
        let at_rev = sources::years(tree.as_ref()).unwrap_or_default();
        if !at_rev.contains(&spec.year) {
            let now = sources::years(&DirTree::new(sources)).unwrap_or_default();
            let (rev, year) = (rev.as_str(), spec.year);
            bail!(if now.contains(&year) {
                crate::t!("error-side-no-year.added-later", rev = rev, year = year)
            } else if at_rev.is_empty() {
                crate::t!("error-side-no-year.no-years", rev = rev, year = year)
            } else {
                let list: Vec<String> = at_rev.iter().map(i32::to_string).collect();
                crate::t!("error-side-no-year", rev = rev, year = year, years = list.join(", "))
            });
        }
    }
    let checked = load_and_check(tree.as_ref(), spec.year, false, || Ok(fonts.clone()))?;
    if let Some(s) = checked.sources {
        return Ok(Some(s));
    }
    let problems: Vec<Problem> = checked.problems.into_iter().filter(Problem::is_error).collect();
    let texts = checked.texts;
    console.problems_in(DiagnosticFormat::Human, &problems, &texts);
    console.error(&crate::t!("diff-side-invalid", side = given, errors = problems.len()));
    Ok(None)
}

/// `perspektiv diff OLD NEW`: exit 0 without differences, 1 with differences, 2 when a side
/// cannot be read or its sources are not valid (their errors are printed, nothing is compared).
pub fn run(args: &DiffConfig) -> Result<ExitCode> {
    let old_spec = SideSpec::parse(&args.old)?;
    let new_spec = SideSpec::parse(&args.new)?;
    let fonts = Fonts::for_build(&args.fonts)?;
    let console = Console::default();
    let old = load_side(&console, &args.sources, &args.old, &old_spec, &fonts)?;
    let new = load_side(&console, &args.sources, &args.new, &new_spec, &fonts)?;
    let (Some(old), Some(new)) = (old, new) else {
        console.error(&crate::t!("diff-invalid"));
        return Ok(ExitCode::from(2));
    };
    // Each side's index is built once and serves the comparison and the report.
    let (old_ix, new_ix) = (Index::new(&old), Index::new(&new));
    let diff = super::diff(&old_ix, &args.old, &new_ix, &args.new);
    let report = report::report(&diff, &old_ix, &new_ix);

    match args.format {
        Some(DiffFormat::Text) => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            // With no differences the report says so ("inga skillnader"), as the Markdown and PDF
            // forms do; the exit code (0) tells a script the same.
            console.out_text(&format::text(&report, color));
        }
        Some(DiffFormat::Md) => console.out_text(&format::markdown(&report)),
        Some(DiffFormat::Json) => console.out(&serde_json::to_string_pretty(&diff)?),
        None => {}
    }
    if let Some(path) = &args.pdf {
        let templates = Templates::new(Some(&args.templates))?;
        let view = format::pdf_view(&diff, report, &new);
        let rendered = templates.render("diff.typ.j2", &view)?;
        let must = view.must_show(&new);
        let names = names::diff(&args.old, &args.new);
        let settings = pdf_settings(&names.ident, &new, None)?;
        let described = Described {
            name: &names.markup,
            rendered: &rendered,
            must: &must,
            settings: &settings,
            // The fonts of `--fonts`, as the document's: the ones the checks of characters used.
            fonts: fonts.clone(),
            hint: &names.hint,
        };
        let pdf = typeset::typeset(&described, &mut None, &|w| console.typst_warning_now(w))?.pdf;
        crate::output::write_atomic(path, &pdf)?;
        let (a, r, c) = diff.counts();
        console.wrote_what(&crate::t!(
            "diff-wrote-pdf",
            file = path.display().to_string(),
            added = a,
            removed = r,
            changed = c
        ));
    }
    Ok(if diff.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_specs() {
        assert_eq!(SideSpec::parse("2019").ok(), Some(SideSpec { rev: None, year: 2019 }));
        assert_eq!(
            SideSpec::parse("HEAD~3:2023").ok(),
            Some(SideSpec { rev: Some("HEAD~3".into()), year: 2023 })
        );
        assert_eq!(
            SideSpec::parse("v2023-remiss:2023").ok(),
            Some(SideSpec { rev: Some("v2023-remiss".into()), year: 2023 })
        );
        assert!(SideSpec::parse("HEAD").is_err());
        assert!(SideSpec::parse("HEAD:23").is_err());
        assert!(SideSpec::parse(":2023").is_err());
    }
}
