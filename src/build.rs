//! The `check`, `render` and `build` commands: load → validate → render → typeset → write.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::diagnostics::{DiagnosticFormat, FileTexts, Problem};
use crate::output::plural;
use crate::render::view::{self, DraftView};
use crate::render::{Rendered, Templates};
use crate::sources::common::Date;
use crate::sources::{self, DirTree, Sources};
use crate::typeset::contents::MustShow;
use crate::typeset::{self, DocWorld, Fonts, PdfSettings, TypesetError};
use crate::validate;

/// Everything a check, render or build needs, resolved from the command line once.
#[derive(Clone, Debug)]
pub struct BuildConfig {
    /// The sources folder.
    pub sources: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// The template override folder.
    pub templates: PathBuf,
    /// The font folder (used if it exists).
    pub fonts: PathBuf,
    /// The year.
    pub year: i32,
    /// Warnings fail the run.
    pub deny_warnings: bool,
    /// How problems are printed.
    pub format: DiagnosticFormat,
    /// Draft marks.
    pub draft: bool,
    /// Print errors only, not warnings (for benchmarks).
    pub quiet: bool,
}

impl BuildConfig {
    /// `<out>/<year>/politiskt-inriktningsdokument-<year>.<ext>`.
    pub fn output(&self, ext: &str) -> PathBuf {
        self.out
            .join(self.year.to_string())
            .join(format!("politiskt-inriktningsdokument-{}.{ext}", self.year))
    }
}

/// The newest year that has sources (a year folder with a `document.toml`) under `sources`.
pub fn newest_year(sources: &Path) -> Result<i32> {
    let years = sources::years(&DirTree::new(sources))
        .with_context(|| format!("failed to read `{}`", sources.display()))?;
    match years.last() {
        Some(year) => Ok(*year),
        None if !sources.is_dir() => bail!(
            "the sources folder `{}` does not exist; run perspektiv in the project folder or pass `--sources DIR`",
            sources.display()
        ),
        None => bail!(
            "`{}` has no year with sources (a folder like `{}/2023` with a `document.toml`)",
            sources.display(),
            sources.display()
        ),
    }
}

/// Prints problems in the chosen format.
pub fn print_problems(problems: &[Problem], texts: &FileTexts, format: DiagnosticFormat) {
    match format {
        DiagnosticFormat::Human => {
            if !problems.is_empty() {
                eprint!("{}", texts.render(problems, std::io::stderr().is_terminal()));
            }
        }
        DiagnosticFormat::Json => {
            for p in problems {
                if let Ok(line) = serde_json::to_string(&texts.to_json(p)) {
                    println!("{line}");
                }
            }
        }
    }
}

/// The sources of a year, loaded and checked, with every problem found.
pub struct Checked {
    /// The sources, when they may be built: no errors (and no warnings when they are denied).
    pub sources: Option<Sources>,
    /// Every problem: the loader's, then the cross-file checks' (only when every file loaded).
    pub problems: Vec<Problem>,
    /// The texts of the files the problems point into.
    pub texts: FileTexts,
    /// Warnings the sources acknowledge (`acknowledged = "…"`), not given.
    pub acknowledged: usize,
    /// Whether the checks across files ran: only once every file reads.
    pub cross_checked: bool,
}

/// Loads and checks the sources of a year; prints nothing.
pub fn check_sources(cfg: &BuildConfig) -> Result<Checked> {
    let tree = DirTree::new(&cfg.sources);
    match sources::load(&tree, cfg.year) {
        Err(report) => Ok(Checked {
            sources: None,
            problems: report.problems,
            texts: report.texts,
            acknowledged: 0,
            cross_checked: false,
        }),
        Ok((s, report)) => {
            let fonts = Fonts::for_build(&cfg.fonts)?;
            let mut problems = report.problems;
            let validation = validate::check(&s, &|c| fonts.covers(c));
            problems.extend(validation.problems);
            let failed = problems.iter().any(|p| p.is_error() || (cfg.deny_warnings && p.is_warning()));
            Ok(Checked {
                sources: (!failed).then_some(s),
                problems,
                texts: report.texts,
                acknowledged: validation.acknowledged,
                cross_checked: true,
            })
        }
    }
}

/// Loads and validates the sources of a year. Problems are printed; `None` when the run must stop.
pub fn load_checked(cfg: &BuildConfig) -> Result<Option<Sources>> {
    load_checked_for(cfg, true)
}

/// [`load_checked`], saying "nothing was written" on failure when the command writes files.
pub fn load_checked_for(cfg: &BuildConfig, writes: bool) -> Result<Option<Sources>> {
    Ok(checked_and_printed(cfg, writes)?.sources)
}

fn checked_and_printed(cfg: &BuildConfig, writes: bool) -> Result<Checked> {
    let mut checked = check_sources(cfg)?;
    if cfg.quiet && !cfg.deny_warnings {
        checked.problems.retain(Problem::is_error);
    }
    print_problems(&checked.problems, &checked.texts, cfg.format);
    summary(&checked.problems, cfg, writes, checked.sources.is_none(), checked.cross_checked);
    Ok(checked)
}

/// The line after the problems: how many errors and warnings, and whether the run stops. When the
/// checks across files did not run (a file does not read), it says so instead of counting the
/// warnings they were not asked for.
pub fn summary(problems: &[Problem], cfg: &BuildConfig, writes: bool, failed: bool, cross_checked: bool) {
    if cfg.format == DiagnosticFormat::Json {
        return;
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.iter().filter(|p| p.is_warning()).count();
    if failed && !cross_checked {
        let found = match warnings {
            0 => plural(errors, "error"),
            n => format!("{} and {}", plural(errors, "error"), plural(n, "warning")),
        };
        let written = if writes { "; nothing was written" } else { "" };
        eprintln!(
            "error: the sources of {} have {found}; the checks across files and their warnings follow once every file reads{written}",
            cfg.year
        );
    } else if failed {
        let denied = if errors == 0 { " (warnings are denied)" } else { "" };
        let written = if writes { "; nothing was written" } else { "" };
        eprintln!(
            "error: the sources of {} have {} and {}{denied}{written}",
            cfg.year,
            plural(errors, "error"),
            plural(warnings, "warning")
        );
    } else if warnings > 0 {
        eprintln!("warning: the sources of {} have {}", cfg.year, plural(warnings, "warning"));
    }
}

/// `perspektiv check`.
pub fn run_check(cfg: &BuildConfig) -> Result<ExitCode> {
    let checked = checked_and_printed(cfg, false)?;
    match checked.sources {
        Some(_) => {
            if cfg.format == DiagnosticFormat::Human {
                let acknowledged = match checked.acknowledged {
                    0 => String::new(),
                    n => format!(" ({} acknowledged in the sources)", plural(n, "warning")),
                };
                eprintln!("checked the sources of {}: ok{acknowledged}", cfg.year);
            }
            Ok(ExitCode::SUCCESS)
        }
        None => Ok(ExitCode::from(1)),
    }
}

/// The document's markup, rendered from the sources by the templates.
pub fn render_markup(s: &Sources, templates: &Templates, draft: Option<DraftView>) -> Result<Rendered> {
    Ok(render_document(s, templates, draft)?.0)
}

/// The document's markup and what its typeset text must show (see [`MustShow`]), both from
/// one view of the sources.
pub fn render_document(
    s: &Sources,
    templates: &Templates,
    draft: Option<DraftView>,
) -> Result<(Rendered, MustShow)> {
    let view = view::document(s, draft);
    let rendered = templates.render("document.typ.j2", &view)?;
    Ok((rendered, view.must_show(s)))
}

/// The document's PDF: settings derived from the sources, `SOURCE_DATE_EPOCH` overriding the date.
pub fn pdf_settings(s: &Sources) -> Result<PdfSettings> {
    let date = match source_date_epoch()? {
        Some(date) => date,
        None => s.document.data.date,
    };
    Ok(PdfSettings {
        ident: format!("perspektiv/politiskt-inriktningsdokument/{}", s.year),
        date,
        time: None,
    })
}

/// [`pdf_settings`], for a draft dated by its build time: a draft is modified whenever it is built,
/// while the final document keeps the date of its sources.
pub fn pdf_settings_for(s: &Sources, draft: Option<&DraftView>) -> Result<PdfSettings> {
    let mut settings = pdf_settings(s)?;
    if let Some(draft) = draft {
        settings.date = Date(draft.built.date());
        settings.time = Some(draft.built.time());
    }
    Ok(settings)
}

/// The date of `SOURCE_DATE_EPOCH`, if it is set.
pub fn source_date_epoch() -> Result<Option<Date>> {
    Ok(source_date_epoch_time()?.map(|t| Date(t.date())))
}

/// The time of `SOURCE_DATE_EPOCH` (UTC), if it is set.
fn source_date_epoch_time() -> Result<Option<time::OffsetDateTime>> {
    let Ok(value) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let secs: i64 = value
        .trim()
        .parse()
        .with_context(|| format!("SOURCE_DATE_EPOCH must be seconds since 1970, found `{value}`"))?;
    let dt = time::OffsetDateTime::from_unix_timestamp(secs)
        .with_context(|| format!("SOURCE_DATE_EPOCH `{value}` is out of range"))?;
    Ok(Some(dt))
}

/// Compiles rendered markup into a PDF with the embedded fonts, mapping Typst's errors back to
/// the templates; the laid-out document must show what `must` lists.
pub fn typeset(
    name: &str,
    rendered: &Rendered,
    must: &MustShow,
    settings: &PdfSettings,
    today: Date,
) -> Result<Vec<u8>> {
    let world = DocWorld::new(name, rendered.markup.clone(), Some(today));
    typeset_in(&world, rendered, must, settings)
}

/// Compiles the markup in a prepared world (its fonts, its caches) into a PDF.
///
/// Errors: Typst's, located in the templates; or, before anything is exported, the texts of
/// `must` that the laid-out document does not show ([`Missing`](crate::typeset::contents::Missing)).
pub fn typeset_in(
    world: &DocWorld,
    rendered: &Rendered,
    must: &MustShow,
    settings: &PdfSettings,
) -> Result<Vec<u8>> {
    let doc = typeset::compile(world)
        .map_err(|e| anyhow::anyhow!(describe_typst_error(&e, rendered, &world.main_name())))?
        .0;
    must.check(&doc)?;
    typeset::export_pdf(world, &doc, settings)
        .map_err(|e| anyhow::anyhow!(describe_typst_error(&e, rendered, &world.main_name())))
}

/// A readable account of a Typst failure: each message with the template line that produced
/// the markup.
pub fn describe_typst_error(e: &TypesetError, rendered: &Rendered, name: &str) -> String {
    let mut out = String::from("typst could not typeset the document");
    for p in e.problems.iter().filter(|p| p.is_error) {
        out.push_str(&format!("\n  - {}", p.message));
        if let Some(range) = &p.range {
            let line = rendered.markup[..range.start.min(rendered.markup.len())].matches('\n').count() + 1;
            match rendered.template_at(range.start) {
                Some((template, tline)) => {
                    out.push_str(&format!(
                        "\n    in template `{template}`, line {tline} (line {line} of the rendered `{name}`)"
                    ));
                }
                None => out.push_str(&format!("\n    at line {line} of the rendered `{name}`")),
            }
            let snippet = rendered.markup.get(range.clone()).unwrap_or("").lines().next().unwrap_or("");
            if !snippet.is_empty() {
                out.push_str(&format!("\n    markup: `{}`", snippet.chars().take(100).collect::<String>()));
            }
        }
        for hint in &p.hints {
            out.push_str(&format!("\n    hint: {hint}"));
        }
    }
    out.push_str(&format!("\n  hint: {}", markup_hint(name)));
    out
}

/// How to see the markup Typst was given, by the name of the markup: the document's, an annex's
/// (`2023-bilaga-karlstad.typ`) or the change annex's.
fn markup_hint(name: &str) -> String {
    let stem = name.trim_end_matches(".typ");
    if let Some((year, party)) = stem.split_once("-bilaga-") {
        return format!(
            "run `perspektiv annexes {year} --only {party} --markup` to write the annex's markup beside its PDF"
        );
    }
    if let Some(year) = stem.strip_prefix("politiskt-inriktningsdokument-") {
        return format!("run `perspektiv render {year}` to write the generated markup");
    }
    format!("the markup `{name}` is generated from the templates; check the template named above")
}

/// `perspektiv render`.
pub fn run_render(cfg: &BuildConfig) -> Result<ExitCode> {
    let Some(s) = load_checked(cfg)? else {
        return Ok(ExitCode::from(1));
    };
    let templates = Templates::new(Some(&cfg.templates))?;
    let rendered = render_markup(&s, &templates, None)?;
    let path = cfg.output("typ");
    crate::output::write_atomic(&path, rendered.markup.as_bytes())?;
    eprintln!("wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// The file name of the document's markup, as named in Typst's messages.
pub fn markup_name(year: i32) -> String {
    format!("politiskt-inriktningsdokument-{year}.typ")
}

/// The document's PDF from validated sources: render, compile, export.
pub fn document_pdf(s: &Sources, templates: &Templates, draft: Option<DraftView>) -> Result<Vec<u8>> {
    let settings = pdf_settings_for(s, draft.as_ref())?;
    let (rendered, must) = render_document(s, templates, draft)?;
    typeset(&markup_name(s.year), &rendered, &must, &settings, settings.date)
}

/// [`document_pdf`] with the fonts of a build.
pub fn document_pdf_with(
    s: &Sources,
    templates: &Templates,
    draft: Option<DraftView>,
    fonts: std::sync::Arc<Fonts>,
) -> Result<Vec<u8>> {
    let settings = pdf_settings_for(s, draft.as_ref())?;
    let (rendered, must) = render_document(s, templates, draft)?;
    let world =
        DocWorld::with_fonts(&markup_name(s.year), rendered.markup.clone(), Some(settings.date), fonts);
    typeset_in(&world, &rendered, &must, &settings)
}

/// `perspektiv build`.
pub fn run_build(cfg: &BuildConfig) -> Result<ExitCode> {
    let Some(s) = load_checked(cfg)? else {
        return Ok(ExitCode::from(1));
    };
    let templates = Templates::new(Some(&cfg.templates))?;
    let draft = if cfg.draft { Some(draft_view(cfg)?) } else { None };
    let pdf = document_pdf_with(&s, &templates, draft, Fonts::for_build(&cfg.fonts)?)?;
    let path = cfg.output("pdf");
    crate::output::write_atomic(&path, &pdf)?;
    eprintln!("wrote {} ({} KiB)", path.display(), pdf.len().div_ceil(1024));
    Ok(ExitCode::SUCCESS)
}

/// The calendar date in Sweden (Europe/Stockholm: CET, or CEST in summer) at the instant `t`: a
/// draft built at 00:30 on 1 June Swedish time is dated 1 June, though it is still 31 May in UTC.
pub fn swedish_calendar_date(t: time::OffsetDateTime) -> Date {
    let in_sweden = jiff::Timestamp::from_second(t.unix_timestamp())
        .ok()
        .zip(jiff::tz::TimeZone::get("Europe/Stockholm").ok())
        .map(|(ts, tz)| ts.to_zoned(tz).date());
    in_sweden
        .and_then(|d| Date::from_ymd(i32::from(d.year()), d.month().unsigned_abs(), d.day().unsigned_abs()))
        .unwrap_or(Date(t.date()))
}

/// The marks of a draft: the build time (now, or `SOURCE_DATE_EPOCH`'s) and the commit the
/// sources are on, marked when the sources or templates have changes not yet committed.
pub fn draft_view(cfg: &BuildConfig) -> Result<DraftView> {
    let (built, date) = match source_date_epoch_time()? {
        Some(t) => (t, Date(t.date())),
        None => {
            let now = time::OffsetDateTime::now_utc();
            (now, swedish_calendar_date(now))
        }
    };
    let dirs = [cfg.sources.as_path(), cfg.templates.as_path()];
    let commit = crate::sources::git::head_state(&cfg.sources, &dirs)
        .map(|h| if h.dirty { format!("{} med ändringar", h.short) } else { h.short });
    Ok(DraftView { date: crate::sources::common::swedish_date(date), commit, built })
}

#[cfg(test)]
mod swedish_date_tests {
    use super::*;

    #[test]
    fn the_draft_date_is_swedens_calendar_date() {
        let at = |s: i64| swedish_calendar_date(time::OffsetDateTime::from_unix_timestamp(s).unwrap());
        // 2024-05-31 22:30 UTC is 00:30 on 1 June in Stockholm (CEST, UTC+2).
        assert_eq!(at(1_717_194_600), Date::from_ymd(2024, 6, 1).unwrap());
        // 2024-01-31 23:30 UTC is 00:30 on 1 February (CET, UTC+1).
        assert_eq!(at(1_706_743_800), Date::from_ymd(2024, 2, 1).unwrap());
        // 2024-01-31 22:30 UTC is still 31 January in Stockholm.
        assert_eq!(at(1_706_740_200), Date::from_ymd(2024, 1, 31).unwrap());
    }
}
