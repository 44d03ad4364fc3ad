//! The year's document, prepared for the pipeline: its view rendered into markup, what its
//! typeset text must show, its PDF settings (dated by its sources or `SOURCE_DATE_EPOCH`, a draft
//! by its build time) and its names; and the `render` command, which writes the markup.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, anyhow};

use crate::check::{Input, Reporting, load_reported};
use crate::console::Console;
use crate::names::{self, DocumentNames, Outputs};
use crate::output::write_atomic;
use crate::render::review;
use crate::render::view::{self, DraftView};
use crate::render::{Rendered, Templates};
use crate::sources::Sources;
use crate::sources::common::Date;
use crate::typeset::contents::MustShow;
use crate::typeset::{self, Described, DocWorld, Fonts, PdfSettings, TypstWarning};

/// The document, rendered and described for typesetting.
pub struct Prepared {
    /// The markup.
    pub rendered: Rendered,
    /// What its typeset text must show, from the same view.
    pub must: MustShow,
    /// Its PDF's identifier and date.
    pub settings: PdfSettings,
    /// Its names.
    pub names: DocumentNames,
}

impl Prepared {
    /// The document as the pipeline takes it, with `fonts`.
    pub fn described(&self, fonts: Arc<Fonts>) -> Described<'_> {
        Described {
            name: &self.names.markup,
            rendered: &self.rendered,
            must: &self.must,
            settings: &self.settings,
            fonts,
            hint: &self.names.hint,
        }
    }
}

/// Renders the document (with draft marks when `draft` is given) and describes it.
pub fn prepare(s: &Sources, templates: &Templates, draft: Option<DraftView>) -> Result<Prepared> {
    let names = names::document(s.year);
    let settings = pdf_settings(&names.ident, s, draft.as_ref())?;
    let view = view::document(s, draft);
    let rendered = templates.render("document.typ.j2", &view)?;
    Ok(Prepared { must: view.must_show(s), rendered, settings, names })
}

/// The older edition a review edition marks its changes against: its validated sources and the
/// side as given (`2019`, `v2023-remiss:2023`).
#[derive(Clone, Copy)]
pub struct ReviewOf<'a> {
    /// The older edition's sources.
    pub sources: &'a Sources,
    /// The side as given.
    pub label: &'a str,
}

/// Renders the review edition of `s` against `old` (with draft marks when `draft` is given) and
/// describes it: the document with every change since `old` marked where it stands, opened by
/// the change report's overview (see [`crate::render::review`]).
///
/// Its text must show every name both editions show (a changed name may be split by its marks;
/// the final document, built from the same view, is checked for all).
pub fn prepare_review(
    s: &Sources,
    old: ReviewOf<'_>,
    templates: &Templates,
    draft: Option<DraftView>,
) -> Result<Prepared> {
    let names = names::review(s.year, old.label);
    let settings = pdf_settings(&names.ident, s, draft.as_ref())?;
    let mut edition = review::edition(old.sources, old.label, s, draft, false);
    let mut rendered = templates.render("document.typ.j2", &edition.value())?;
    // The opening lists only the marked places the document shows (a text a template does not
    // print has no place to link to): rendered again if it listed others.
    let shown = |n: usize| rendered.markup.contains(&format!("<np-change-{n}>"));
    if edition.only_shown(shown) {
        rendered = templates.render("document.typ.j2", &edition.value())?;
    }
    Ok(Prepared { must: edition.must, rendered, settings, names })
}

/// The review edition's PDF from validated sources (see [`prepare_review`]), with `fonts`;
/// Typst's warnings go to `warn`.
pub fn review_pdf(
    s: &Sources,
    old: ReviewOf<'_>,
    templates: &Templates,
    draft: Option<DraftView>,
    fonts: Arc<Fonts>,
    warn: &dyn Fn(&TypstWarning),
) -> Result<Vec<u8>> {
    let prepared = prepare_review(s, old, templates, draft)?;
    Ok(typeset::typeset(&prepared.described(fonts), &mut None::<DocWorld>, warn)?.pdf)
}

/// The document's PDF and, with `old`, its review edition's (see [`review_pdf`]), as `build`
/// makes them: the review edition is typeset on a thread of its own, beside the document (not as
/// a job of the pool Typst's export uses, see [`typeset::typeset`]). Typst's warnings go to
/// `warn`.
///
/// Errors: the first of the two documents' errors.
pub fn pdf_and_review(
    s: &Sources,
    old: Option<ReviewOf<'_>>,
    templates: &Templates,
    draft: Option<DraftView>,
    fonts: Arc<Fonts>,
    warn: &(dyn Fn(&TypstWarning) + Sync),
) -> Result<(Vec<u8>, Option<Vec<u8>>)> {
    std::thread::scope(|scope| {
        let review = old.map(|of| {
            let (draft, fonts) = (draft.clone(), fonts.clone());
            scope.spawn(move || review_pdf(s, of, templates, draft, fonts, warn))
        });
        let pdf = pdf(s, templates, draft, fonts, warn)?;
        let review = review
            .map(|typesetting| {
                typesetting.join().unwrap_or_else(|_| Err(anyhow!(crate::t!("build-review-failed"))))
            })
            .transpose()?;
        Ok((pdf, review))
    })
}

/// The document's PDF from validated sources: render, then the pipeline, with `fonts`; Typst's
/// warnings go to `warn`.
pub fn pdf(
    s: &Sources,
    templates: &Templates,
    draft: Option<DraftView>,
    fonts: Arc<Fonts>,
    warn: &dyn Fn(&TypstWarning),
) -> Result<Vec<u8>> {
    let prepared = prepare(s, templates, draft)?;
    Ok(typeset::typeset(&prepared.described(fonts), &mut None::<DocWorld>, warn)?.pdf)
}

/// The date of the PDFs made from the sources: their document's, or `SOURCE_DATE_EPOCH`'s.
pub fn pdf_date(s: &Sources) -> Result<Date> {
    Ok(match source_date_epoch_time()? {
        Some(t) => Date(t.date()),
        None => s.document.data.date,
    })
}

/// The settings of a PDF made from the sources, identified by `ident`: dated by [`pdf_date`], or
/// for a draft by its build time (a draft is modified whenever it is built, while the final
/// document keeps the date of its sources).
pub fn pdf_settings(ident: &str, s: &Sources, draft: Option<&DraftView>) -> Result<PdfSettings> {
    let (date, time) = match draft {
        Some(draft) => (Date(draft.built.date()), Some(draft.built.time())),
        None => (pdf_date(s)?, None),
    };
    Ok(PdfSettings { ident: ident.to_owned(), date, time })
}

/// The time of `SOURCE_DATE_EPOCH` (UTC), if it is set.
fn source_date_epoch_time() -> Result<Option<time::OffsetDateTime>> {
    let Ok(value) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let secs: i64 =
        value.trim().parse().with_context(|| crate::t!("error-source-date-epoch", value = &value))?;
    let dt = time::OffsetDateTime::from_unix_timestamp(secs)
        .with_context(|| crate::t!("error-source-date-epoch-range", value = &value))?;
    Ok(Some(dt))
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
pub fn draft_view(sources: &Path, templates: &Path) -> Result<DraftView> {
    let (built, date) = match source_date_epoch_time()? {
        Some(t) => (t, Date(t.date())),
        None => {
            let now = time::OffsetDateTime::now_utc();
            (now, swedish_calendar_date(now))
        }
    };
    let commit = crate::sources::git::head_state(sources, &[sources, templates])
        .map(|h| if h.dirty { format!("{} med ändringar", h.short) } else { h.short });
    Ok(DraftView { date: crate::sources::common::swedish_date(date), commit, built })
}

/// Everything `render` needs, resolved from the command line once.
#[derive(Clone, Debug)]
pub struct RenderConfig {
    /// The sources read.
    pub input: Input,
    /// The output folder.
    pub out: PathBuf,
    /// The template override folder.
    pub templates: PathBuf,
}

/// `perspektiv render`.
pub fn run_render(cfg: &RenderConfig) -> Result<ExitCode> {
    let console = Console::default();
    let Some((s, _)) = load_reported(&console, &cfg.input, Reporting::default())? else {
        return Ok(ExitCode::from(1));
    };
    let templates = Templates::new(Some(&cfg.templates))?;
    let rendered = prepare(&s, &templates, None)?.rendered;
    let path = Outputs::new(&cfg.out, s.year).document("typ");
    write_atomic(&path, rendered.markup.as_bytes())?;
    console.wrote(&path);
    Ok(ExitCode::SUCCESS)
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
