//! `perspektiv site`: the web edition, a self-contained static site in `<OUT>/<YEAR>/webb/`.
//!
//! load → validate → the same views as the PDFs → the HTML templates → the folder, made to hold
//! exactly these files ([`write_dir`]: written through a symbolic link to the folder it points to):
//!
//! - `index.html`: the whole document ([`view::document`]);
//! - `aktuellt-perspektiv/<party>.html`: one page per party from its annex view
//!   ([`annex::view::Ctx::view`]), when the year has values;
//! - `aktuellt-perspektiv/oversikt-<county>.html`: each region's county overview from its view
//!   ([`annex::view::Ctx::overview`]), when the year has values;
//! - `forandringar-<old>-<new>.html`: the change page from the change report
//!   ([`report::Report`], the view the Markdown report and the change annex PDF print), when asked;
//! - `tillganglighet.html`: the accessibility statement ([`statement::view`]), linked from every
//!   page's footer, unless the publisher keeps its own (`accessibility_statement_url`), which the
//!   footer then links instead;
//! - `assets/perspektiv.css` and `assets/fonts/`: the one stylesheet and the shipped fonts.
//!
//! Pages link to each other and to their assets by relative paths, so the folder works opened
//! from disk and published anywhere; nothing is fetched from another host and no page needs
//! JavaScript. The same sources give the same bytes.

pub mod statement;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use minijinja::context;
use minijinja::value::{Serde, Value};
use serde::Serialize;

use crate::annex;
use crate::check::{Input, Reporting, load_reported};
use crate::console::Console;
use crate::diff::command::{SideSpec, load_side};
use crate::diff::format::{DiffView, pdf_view};
use crate::diff::{self, report};
use crate::names::{
    Outputs, PARTY_DIR, STATEMENT_PAGE, changes_page, document_file, is_overview_page, overview_page,
    party_page, review_file, review_page,
};
use crate::output::write_dir;
use crate::render::review::{self, ReviewEdition};
use crate::render::view::{self, DocumentView};
use crate::render::{Templates, html};
use crate::sources::Sources;
use crate::sources::common::swedish_date;
use crate::sources::index::Index;
use crate::sources::parties::{Party, PartyKind};
use crate::swedish;
use crate::t;
use crate::typeset::{FONT_FILES, Fonts};

/// The fonts' license, served next to the fonts.
const FONT_LICENSE: &str = include_str!("../fonts/SourceSans3-LICENSE.md");

/// Everything `site` needs, resolved from the command line.
#[derive(Clone, Debug)]
pub struct SiteConfig {
    /// The sources read.
    pub input: Input,
    /// How their problems are reported.
    pub reporting: Reporting,
    /// The output folder.
    pub out: PathBuf,
    /// The template override folder.
    pub templates: PathBuf,
    /// Also write the change page against this side (`2019`, `REV:YEAR`).
    pub changes_since: Option<String>,
}

impl SiteConfig {
    /// `<out>/<year>/webb`.
    pub fn dir(&self) -> PathBuf {
        Outputs::new(&self.out, self.input.year).site_dir()
    }
}

/// One file of the site: its path inside the site's folder (`/`-separated) and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFile {
    /// `index.html`, `aktuellt-perspektiv/arvika.html`, `assets/perspektiv.css`.
    pub path: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// The change page to add: the change report from an older side to the year built.
pub struct Changes<'a> {
    /// The report with its title and metadata, as the change annex PDF has it
    /// ([`pdf_view`] of [`report::report`]).
    pub view: &'a DiffView,
    /// The older side as given (`2019`, `v2023-remiss:2023`).
    pub old: &'a str,
    /// The review edition against the same side, if its page is to be written too.
    pub review: Option<&'a RefCell<ReviewEdition>>,
}

/// A PDF the site holds beside its pages.
#[derive(Clone, Debug)]
pub struct SitePdf {
    /// Its path from the site's root (`politiskt-inriktningsdokument-2023.pdf`).
    pub path: String,
    /// How pages name it ("Politiskt inriktningsdokument 2023 som PDF").
    pub title: String,
    /// The PDF.
    pub bytes: Vec<u8>,
}

impl SitePdf {
    /// The document's PDF, as the site holds it.
    pub fn document(s: &Sources, bytes: Vec<u8>) -> Self {
        let title = format!("{} {} som PDF", s.document.data.title, s.document.data.year);
        Self { path: document_file(s.year, "pdf"), title, bytes }
    }

    /// The review edition's PDF against the older side `old` as given (`build --changes-since`),
    /// as the site holds it.
    pub fn review(s: &Sources, old: &str, bytes: Vec<u8>) -> Self {
        let title = format!(
            "Granskningsversion: {} {} med ändringarna sedan {old} markerade, som PDF",
            s.document.data.title, s.document.data.year
        );
        Self { path: review_file(s.year, old, "pdf"), title, bytes }
    }
}

/// What a site holds besides the document and the parties' pages.
#[derive(Default)]
pub struct Extras<'a> {
    /// The change page.
    pub changes: Option<&'a Changes<'a>>,
    /// The PDFs beside the pages.
    pub pdfs: Vec<SitePdf>,
    /// Whether the pages carry the source place of every passage (`data-source`): only the
    /// pages `serve` shows.
    pub placed: bool,
}

/// What every page knows of the site: where its root is and what it holds.
#[derive(Clone, Debug, Serialize)]
pub struct SiteView {
    /// The way from the page to the site's root: `""` or `"../"`.
    pub root: String,
    /// "Politiskt inriktningsdokument 2023".
    pub document_title: String,
    /// "Nya Perspektiv på styrning och ledning".
    pub subtitle: String,
    /// The edition's date in Swedish.
    pub date: String,
    /// The document's author.
    pub author: String,
    /// The parties' pages, in Swedish order (municipalities, then the region).
    pub parties: Vec<LinkView>,
    /// The county overviews (one per region).
    pub overviews: Vec<LinkView>,
    /// The change page, if the site has one.
    pub changes: Option<LinkView>,
    /// The review edition's page, if the site has one.
    pub review: Option<LinkView>,
    /// The PDFs the site holds beside its pages (the document's, when it was built), linked
    /// from every page.
    pub pdfs: Vec<LinkView>,
    /// The accessibility statement, as the footer links it: `tillganglighet.html` from the page,
    /// or the publisher's own statement's address.
    pub accessibility_statement: String,
}

/// A link to a page of the site.
#[derive(Clone, Debug, Serialize)]
pub struct LinkView {
    /// The page's title.
    pub title: String,
    /// Its path from the site's root.
    pub href: String,
}

/// Every file of the site, rendered in memory: nothing is written.
///
/// Errors: a template that fails (named with its file and line).
pub fn site_files(
    s: &Sources,
    templates: &Templates,
    stylesheet: &str,
    changes: Option<&Changes<'_>>,
) -> Result<Vec<SiteFile>> {
    site_files_with(s, templates, stylesheet, &Extras { changes, ..Extras::default() })
}

/// Every file of the site with its extras (see [`Extras`]), rendered in memory.
///
/// Errors: a template that fails (named with its file and line).
pub fn site_files_with(
    s: &Sources,
    templates: &Templates,
    stylesheet: &str,
    extras: &Extras<'_>,
) -> Result<Vec<SiteFile>> {
    let changes = extras.changes;
    let doc: DocumentView = if extras.placed { view::document_placed(s) } else { view::document(s, None) };
    let mut parties: Vec<&Party> =
        if s.values.is_empty() { Vec::new() } else { s.parties.data.party.iter().collect() };
    parties.sort_by(|a, b| {
        (a.kind == PartyKind::Region)
            .cmp(&(b.kind == PartyKind::Region))
            .then_with(|| swedish::compare(&a.name, &b.name))
    });
    let regions: Vec<&Party> = parties.iter().copied().filter(|p| p.kind == PartyKind::Region).collect();
    let ctx = if extras.placed { annex::view::Ctx::new(s).with_places() } else { annex::view::Ctx::new(s) };
    let overviews: Vec<(String, annex::overview::OverviewView)> =
        regions.iter().map(|r| (overview_page(r), ctx.overview(r))).collect();
    let site = |root: &str| SiteView {
        root: root.to_owned(),
        document_title: doc.cover.title_line.clone(),
        subtitle: doc.meta.subtitle.clone(),
        date: swedish_date(s.document.data.date),
        author: doc.meta.author.clone(),
        parties: parties
            .iter()
            .map(|p| LinkView { title: p.official_name.clone(), href: party_page(p) })
            .collect(),
        overviews: overviews
            .iter()
            .map(|(href, v)| LinkView { title: v.meta.title.clone(), href: href.clone() })
            .collect(),
        changes: changes
            .map(|c| LinkView { title: c.view.meta.title.clone(), href: changes_page(c.old, s.year) }),
        review: changes.filter(|c| c.review.is_some()).map(|c| LinkView {
            title: format!(
                "Granskningsversion: {} med ändringarna sedan {} markerade",
                doc.cover.title_line, c.old
            ),
            href: review_page(c.old, s.year),
        }),
        pdfs: extras.pdfs.iter().map(|p| LinkView { title: p.title.clone(), href: p.path.clone() }).collect(),
        accessibility_statement: statement::link(s, root),
    };

    let mut files = vec![page(templates, "index.html", "document.html.j2", &doc, &site(""))?];
    for party in &parties {
        files.push(page(templates, &party_page(party), "annex.html.j2", &ctx.view(party), &site("../"))?);
    }
    for (path, view) in &overviews {
        files.push(page(templates, path, "overview.html.j2", view, &site("../"))?);
    }
    if let Some(c) = changes {
        files.push(page(templates, &changes_page(c.old, s.year), "changes.html.j2", c.view, &site(""))?);
        if let Some(edition) = c.review {
            let path = review_page(c.old, s.year);
            // The opening links only the marked places the page shows: rendered again if it
            // listed others.
            let first = page(templates, &path, "document.html.j2", &edition.borrow().value(), &site(""))?;
            let html = String::from_utf8_lossy(&first.bytes).into_owned();
            if edition.borrow_mut().only_shown(|n| html.contains(&format!(" id=\"andring-{n}\""))) {
                files.push(page(templates, &path, "document.html.j2", &edition.borrow().value(), &site(""))?);
            } else {
                files.push(first);
            }
        }
    }
    if statement::written(s) {
        let view = statement::view(s, &doc.meta, &doc.cover.title_line);
        files.push(page(templates, STATEMENT_PAGE, "statement.html.j2", &view, &site(""))?);
    }
    for pdf in &extras.pdfs {
        files.push(SiteFile { path: pdf.path.clone(), bytes: pdf.bytes.clone() });
    }
    files.push(SiteFile { path: html::STYLESHEET_PATH.to_owned(), bytes: stylesheet.as_bytes().to_vec() });
    for (name, bytes) in FONT_FILES {
        files.push(SiteFile { path: format!("assets/fonts/{name}"), bytes: bytes.to_vec() });
    }
    files.push(SiteFile {
        path: "assets/fonts/SourceSans3-LICENSE.txt".to_owned(),
        bytes: FONT_LICENSE.as_bytes().to_vec(),
    });
    Ok(files)
}

/// Renders one page: the page's view with `site` next to its own keys.
fn page(
    templates: &Templates,
    path: &str,
    template: &str,
    view: &impl Serialize,
    site: &SiteView,
) -> Result<SiteFile> {
    let ctx = context! { site => Value::from(Serde(site)), ..Value::from(Serde(view)) };
    let rendered =
        templates.render(template, &ctx).with_context(|| crate::t!("error-render", path = path))?;
    Ok(SiteFile { path: path.to_owned(), bytes: rendered.markup.into_bytes() })
}

/// The stylesheet: `<templates>/html/assets/perspektiv.css` if there is one, else the embedded.
pub fn stylesheet(templates_dir: &Path) -> Result<String> {
    let path = templates_dir.join(html::DIR).join(html::STYLESHEET_PATH);
    if path.is_file() {
        std::fs::read_to_string(&path).with_context(|| crate::t!("error-read", path = &path))
    } else {
        Ok(html::STYLESHEET.to_owned())
    }
}

/// The sources of the older side of the change page (`--changes-since`), loaded and checked;
/// their errors are said on `console`.
///
/// Errors: a side that does not parse or read, or sources with errors.
pub fn load_old_side(console: &Console, cfg: &SiteConfig, old: &str) -> Result<Sources> {
    let spec = SideSpec::parse(old)?;
    let fonts = Fonts::for_build(&cfg.input.fonts)?;
    match load_side(console, &cfg.input.sources, old, &spec, &fonts)? {
        Some(old_sources) => Ok(old_sources),
        None => bail!(crate::t!("error-change-page-invalid", side = old)),
    }
}

/// The change report from `old_sources` (the side `old` as given) to `s`, as the change page
/// shows it.
pub fn change_view(old: &str, old_sources: &Sources, s: &Sources) -> DiffView {
    let (old_ix, new_ix) = (Index::new(old_sources), Index::new(s));
    let diff = diff::diff(&old_ix, old, &new_ix, &s.year.to_string());
    pdf_view(&diff, report::report(&diff, &old_ix, &new_ix), s)
}

/// The review edition of `s` against `old_sources` (the side `old` as given), as its page shows
/// it; with `placed`, with the source place of each passage of `s` (the page `serve` shows).
pub fn review_edition(old: &str, old_sources: &Sources, s: &Sources, placed: bool) -> ReviewEdition {
    review::edition(old_sources, old, s, None, placed)
}

/// Renders the site of validated sources and writes it into the site's folder, which then holds
/// exactly its files; the errors of the sources compared with (`--changes-since`) are said on
/// `console`. The document's PDF, when it was built (`<OUT>/<YEAR>/`), goes beside the pages and
/// every page links it.
pub fn write_site(console: &Console, cfg: &SiteConfig, s: &Sources) -> Result<Vec<SiteFile>> {
    let templates = Templates::html(Some(&cfg.templates))?;
    let stylesheet = stylesheet(&cfg.templates)?;
    let pdf_path = Outputs::new(&cfg.out, s.year).document("pdf");
    let pdfs = match std::fs::read(&pdf_path) {
        Ok(bytes) => vec![SitePdf::document(s, bytes)],
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e).with_context(|| crate::t!("error-read", path = &pdf_path)),
    };
    let files = match &cfg.changes_since {
        Some(old) => {
            let old_sources = load_old_side(console, cfg, old)?;
            let view = change_view(old, &old_sources, s);
            let edition = RefCell::new(review_edition(old, &old_sources, s, false));
            let changes = Changes { view: &view, old, review: Some(&edition) };
            site_files_with(
                s,
                &templates,
                &stylesheet,
                &Extras { changes: Some(&changes), pdfs, placed: false },
            )?
        }
        None => site_files_with(s, &templates, &stylesheet, &Extras { pdfs, ..Extras::default() })?,
    };
    let entries: Vec<(&str, &[u8])> = files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())).collect();
    write_dir(&cfg.dir(), &entries)?;
    Ok(files)
}

/// `perspektiv site`.
pub fn run(cfg: &SiteConfig) -> Result<ExitCode> {
    let console = Console::new(cfg.reporting.format);
    let Some((s, _)) = load_reported(&console, &cfg.input, cfg.reporting)? else {
        return Ok(ExitCode::from(1));
    };
    let files = write_site(&console, cfg, &s)?;
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    let overviews = files.iter().filter(|f| is_overview_page(&f.path)).count();
    let parties = files.iter().filter(|f| f.path.starts_with(PARTY_DIR)).count() - overviews;
    let mut parts = vec![t!("site-part-document")];
    if parties > 0 {
        parts.push(t!("site-part-parties", pages = parties));
    }
    if overviews > 0 {
        parts.push(t!("site-part-overviews", overviews = overviews));
    }
    if cfg.changes_since.is_some() {
        parts.push(t!("site-part-changes"));
    }
    if statement::written(&s) {
        parts.push(t!("site-part-statement"));
    }
    console.wrote_what(&t!(
        "site-wrote",
        folder = cfg.dir().display().to_string(),
        pages = pages,
        parts = parts.join(", "),
        index = cfg.dir().join("index.html").display().to_string()
    ));
    if s.values.is_empty() {
        console.note(&t!("site-no-values", year = s.year));
    }
    Ok(ExitCode::SUCCESS)
}
