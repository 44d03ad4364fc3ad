//! Load and check: the one way every command reads a year's sources (loaded with their spans,
//! then checked across files), and the `check` command, which does only that.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};

use crate::console::Console;
use crate::diagnostics::{DiagnosticFormat, FileTexts, Problem};
use crate::sources::{self, DirTree, SourceTree, Sources};
use crate::t;
use crate::typeset::Fonts;
use crate::validate;

/// Which year's sources a command reads, and with which fonts their characters are checked.
#[derive(Clone, Debug)]
pub struct Input {
    /// The sources folder.
    pub sources: PathBuf,
    /// The year.
    pub year: i32,
    /// The font folder (used if it exists).
    pub fonts: PathBuf,
}

impl Input {
    /// The sources of the year, loaded and checked from the sources folder; prints nothing.
    ///
    /// Errors: the fonts cannot be read.
    pub fn load(&self, deny_warnings: bool) -> Result<Checked> {
        load_and_check(&DirTree::new(&self.sources), self.year, deny_warnings, || {
            Fonts::for_build(&self.fonts)
        })
    }
}

/// How a command that checks the sources reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reporting {
    /// Warnings fail the run.
    pub deny_warnings: bool,
    /// How problems are printed.
    pub format: DiagnosticFormat,
    /// Print errors only, not warnings (for benchmarks).
    pub quiet: bool,
}

/// Everything `check` needs, resolved from the command line once.
#[derive(Clone, Debug)]
pub struct CheckConfig {
    /// The sources read.
    pub input: Input,
    /// How they are reported.
    pub reporting: Reporting,
}

/// The newest year that has sources (a year folder with a `document.toml`) under `sources`.
pub fn newest_year(sources: &Path) -> Result<i32> {
    let years =
        sources::years(&DirTree::new(sources)).with_context(|| crate::t!("error-read", path = sources))?;
    match years.last() {
        Some(year) => Ok(*year),
        None if !sources.is_dir() => bail!(crate::t!("error-no-sources-folder", folder = sources)),
        None => bail!(crate::t!("error-no-years", folder = sources)),
    }
}

/// The sources of a year, loaded and checked, with every problem found.
pub struct Checked {
    /// The year.
    pub year: i32,
    /// The sources, when they may be built: no errors (and no warnings when they are denied).
    pub sources: Option<Sources>,
    /// The fonts the characters were checked with, once every file loaded.
    pub fonts: Option<Arc<Fonts>>,
    /// Every problem: the loader's, then the cross-file checks' (only when every file loaded).
    pub problems: Vec<Problem>,
    /// The texts of the files the problems point into.
    pub texts: FileTexts,
    /// Warnings the sources acknowledge (`acknowledged = "…"`), not given.
    pub acknowledged: usize,
    /// Whether the checks across files ran: only once every file reads.
    pub cross_checked: bool,
}

/// Loads the sources of `year` from `tree` and checks them across files, with the fonts `fonts`
/// gives (read only once every file loads); prints nothing. The one load and check of every
/// command.
///
/// Errors: the fonts cannot be read.
pub fn load_and_check(
    tree: &dyn SourceTree,
    year: i32,
    deny_warnings: bool,
    fonts: impl FnOnce() -> Result<Arc<Fonts>>,
) -> Result<Checked> {
    match sources::load(tree, year) {
        Err(report) => Ok(Checked {
            year,
            sources: None,
            fonts: None,
            problems: report.problems,
            texts: report.texts,
            acknowledged: 0,
            cross_checked: false,
        }),
        Ok((s, report)) => {
            let fonts = fonts()?;
            let mut problems = report.problems;
            let validation = validate::check(&s, &|c| fonts.covers(c));
            problems.extend(validation.problems);
            let failed = problems.iter().any(|p| p.is_error() || (deny_warnings && p.is_warning()));
            Ok(Checked {
                year,
                sources: (!failed).then_some(s),
                fonts: Some(fonts),
                problems,
                texts: report.texts,
                acknowledged: validation.acknowledged,
                cross_checked: true,
            })
        }
    }
}

impl Checked {
    /// Says the problems and the line after them on `console`, as a command reporting `how`
    /// does; `writes` says "nothing was written" when the run stops.
    pub fn report(&mut self, console: &Console, how: Reporting, writes: bool) {
        if how.quiet && !how.deny_warnings {
            self.problems.retain(Problem::is_error);
        }
        console.problems(&self.problems, &self.texts);
        console.summary(summary(
            &self.problems,
            self.year,
            writes,
            self.sources.is_none(),
            self.cross_checked,
        ));
    }
}

/// The line after the readable problems: how many errors and warnings, and whether the run stops
/// (none when nothing is wrong). When the checks across files did not run (a file does not read),
/// it says so instead of counting the warnings they were not asked for.
pub fn summary(
    problems: &[Problem],
    year: i32,
    writes: bool,
    failed: bool,
    cross_checked: bool,
) -> Option<String> {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.iter().filter(|p| p.is_warning()).count();
    let written = if writes { t!("summary-nothing-written") } else { String::new() };
    let error = t!("prefix-error");
    if failed && !cross_checked {
        let found = match warnings {
            0 => t!("count-errors", errors = errors),
            n => t!("count-errors-and-warnings", errors = errors, warnings = n),
        };
        Some(format!("{error}: {}{written}", t!("summary-unread", year = year, found = found)))
    } else if failed {
        let denied = if errors == 0 { format!(" {}", t!("summary-denied")) } else { String::new() };
        let found = t!("count-errors-and-warnings", errors = errors, warnings = warnings);
        Some(format!("{error}: {}{denied}{written}", t!("summary-have", year = year, found = found)))
    } else if warnings > 0 {
        let found = t!("count-warnings", warnings = warnings);
        Some(format!("{}: {}", t!("prefix-warning"), t!("summary-have", year = year, found = found)))
    } else {
        None
    }
}

/// Loads and checks the sources, says their problems on `console` as `how` says, and gives the
/// sources (with their fonts) when the run may go on: the start of every command that writes.
pub fn load_reported(
    console: &Console,
    input: &Input,
    how: Reporting,
) -> Result<Option<(Sources, Arc<Fonts>)>> {
    let mut checked = input.load(how.deny_warnings)?;
    checked.report(console, how, true);
    Ok(checked.sources.zip(checked.fonts))
}

/// `perspektiv check`.
pub fn run(cfg: &CheckConfig) -> Result<ExitCode> {
    let console = Console::new(cfg.reporting.format);
    let mut checked = cfg.input.load(cfg.reporting.deny_warnings)?;
    checked.report(&console, cfg.reporting, false);
    match checked.sources {
        Some(_) => {
            if cfg.reporting.format == DiagnosticFormat::Human {
                let acknowledged = match checked.acknowledged {
                    0 => String::new(),
                    n => format!(" {}", t!("check-acknowledged", warnings = n)),
                };
                console.line(&format!("{}{acknowledged}", t!("check-ok", year = cfg.input.year)));
            }
            Ok(ExitCode::SUCCESS)
        }
        None => Ok(ExitCode::from(1)),
    }
}
