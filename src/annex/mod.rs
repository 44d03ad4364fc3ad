//! `perspektiv annexes`: one "Aktuellt perspektiv" annex per party (the municipalities and the
//! region), with its values of every indicator against the county and Sweden, trend charts, its
//! representatives and the yearly calendar; bundled in a reproducible zip with a manifest.
//!
//! [`view`] shapes a party's annex from the sources, [`assess`] judges a change against the
//! target, [`schedule`] typesets the documents of the run in parallel (or takes them from the
//! [cache](crate::cache)), and [`bundle`] writes the zip while they finish.

pub mod assess;
pub mod bundle;
pub mod schedule;
pub mod view;

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

use anyhow::Result;

pub use view::AnnexView;

use self::bundle::{MANIFEST, ManifestRow, ZipStream};
use self::schedule::{Document, Finished, Workers};
use self::view::Ctx;
use crate::build::{BuildConfig, load_checked, pdf_settings};
use crate::cache::{self, Cache};
use crate::output::{Staged, plural, write_atomic};
use crate::render::Templates;
use crate::sources::parties::Party;
use crate::typeset::Fonts;

/// Everything an annex run needs, resolved once.
#[derive(Clone, Debug)]
pub struct AnnexConfig {
    /// The build settings (sources, out, templates, fonts, year).
    pub build: BuildConfig,
    /// Only these parties (ids, names or codes); all when empty.
    pub only: Vec<String>,
    /// Also write a zip of the annexes and a manifest here.
    pub zip: Option<PathBuf>,
    /// How many annexes are typeset at once (at least 1).
    pub jobs: usize,
    /// Whether finished annexes are taken from and kept in the cache.
    pub cache: bool,
    /// Also write each annex's Typst markup beside its PDF (written before typesetting, so it is
    /// there when a template has an error).
    pub markup: bool,
}

/// The slug of a party's file: its id, which is ASCII.
pub fn slug(party: &Party) -> String {
    party.id.to_string()
}

/// The file name of a party's annex.
pub fn file_name(year: i32, party: &Party) -> String {
    format!("{year}-bilaga-{}.pdf", slug(party))
}

/// The file name of a party's annex markup (`annexes --markup`), as Typst's messages name it.
pub fn markup_file_name(year: i32, party: &Party) -> String {
    format!("{year}-bilaga-{}.typ", slug(party))
}

/// The parties selected by `--only` (ids, names or codes, case-insensitive); all when empty.
///
/// Errors: a name that is no party ([`crate::UsageError`], with the closest party's name).
pub fn select<'a>(parties: &'a [Party], only: &[String]) -> Result<Vec<&'a Party>> {
    if only.is_empty() {
        return Ok(parties.iter().collect());
    }
    let mut out = Vec::new();
    for wanted in only {
        // Case and Swedish letters do not matter: `ARJANG`, `Årjäng` and `arjang` are one party.
        let w = crate::suggest::fold(wanted);
        let found = parties.iter().find(|p| {
            [p.id.as_str(), p.code.as_str(), p.name.as_str(), p.official_name.as_str()]
                .iter()
                .any(|name| crate::suggest::fold(name) == w)
        });
        match found {
            Some(p) if !out.iter().any(|q: &&Party| q.id == p.id) => out.push(p),
            Some(_) => {}
            None => {
                let names =
                    parties.iter().map(|p| p.name.as_str()).chain(parties.iter().map(|p| p.id.as_str()));
                let hint = match crate::suggest::did_you_mean(wanted, names) {
                    Some(meant) => format!("did you mean `{meant}`?"),
                    None => match parties.first() {
                        Some(p) => format!(
                            "use a party's id, name or code, such as `{}`, `{}` or `{}`",
                            p.id,
                            p.name,
                            p.code.as_str()
                        ),
                        None => "`parties.toml` lists no parties".to_owned(),
                    },
                };
                return Err(crate::UsageError {
                    message: format!("`{wanted}` is not a party"),
                    hint: Some(hint),
                }
                .into());
            }
        }
    }
    Ok(out)
}

/// The PDF identifier of a party's annex (the PDF's `/ID` derives from it).
pub fn ident(year: i32, party: &Party) -> String {
    format!("perspektiv/annex/{year}/{}", slug(party))
}

/// The folder of the annexes' cache: `<OUT>/.cache/<YEAR>/annexes`.
pub fn cache_dir(cfg: &BuildConfig, year: i32) -> PathBuf {
    cfg.out.join(cache::DIR).join(year.to_string()).join("annexes")
}

/// A document of the run and its line of the manifest.
struct Planned<'a> {
    document: Document<'a>,
    /// The party's official name.
    party: String,
    /// The party's code.
    code: String,
}

/// `perspektiv annexes`: load and check, plan one document per party, typeset them (or take them
/// from the cache) while staging each PDF and adding it to the zip, then put the PDFs in place,
/// finish the zip with its manifest, and drop the cache entries no longer used.
pub fn run(cfg: &AnnexConfig) -> Result<ExitCode> {
    let Some(s) = load_checked(&cfg.build)? else {
        return Ok(ExitCode::from(1));
    };
    let parties = select(&s.parties.data.party, &cfg.only)?;
    let templates = Templates::new(Some(&cfg.build.templates))?;
    let fonts = Fonts::for_build(&cfg.build.fonts)?;
    let date = pdf_settings(&s)?.date;
    let ctx = Ctx { s: &s, values: &s.values };

    // In the zip's order (by file name), so that the zip is written as the documents finish.
    let mut planned: Vec<Planned> = parties
        .iter()
        .map(|&party| {
            let (ctx, templates) = (&ctx, &templates);
            Planned {
                document: Document {
                    file: file_name(s.year, party),
                    ident: ident(s.year, party),
                    render: Box::new(move || templates.render("annex.typ.j2", &ctx.view(party))),
                },
                party: party.official_name.clone(),
                code: party.code.as_str().to_owned(),
            }
        })
        .collect();
    planned.sort_by(|a, b| a.document.file.cmp(&b.document.file));
    let (documents, lines): (Vec<Document>, Vec<(String, String)>) =
        planned.into_iter().map(|p| (p.document, (p.party, p.code))).unzip();

    let dir = cfg.build.out.join(s.year.to_string()).join("annexes");
    if cfg.markup {
        for party in &parties {
            let rendered = templates.render("annex.typ.j2", &ctx.view(party))?;
            let path = dir.join(markup_file_name(s.year, party));
            write_atomic(&path, rendered.markup.as_bytes())?;
            eprintln!("wrote {}", path.display());
        }
    }

    let cache = open_cache(cfg, s.year, &fonts);
    let zip = match &cfg.zip {
        Some(path) => {
            let mut names: Vec<String> = documents.iter().map(|d| d.file.clone()).collect();
            names.push(MANIFEST.to_owned());
            Some(ZipStream::create(path, names)?)
        }
        None => None,
    };
    let progress = progress_bar(documents.len());
    let workers = Workers { count: cfg.jobs, fonts, date, cache: cache.as_ref(), progress: &progress };

    // Each PDF is staged next to its target and compressed into the zip by its worker as soon as
    // it is finished; the PDFs replace the previous ones only once every annex is done.
    let staged = Mutex::new(Vec::new());
    let done = |f: &Finished, pdf: &[u8]| -> Result<()> {
        if let Some(file) = Staged::unless_unchanged(&dir.join(&f.file), pdf)? {
            staged.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(file);
        }
        match &zip {
            Some(zip) => zip.add(&f.file, pdf),
            None => Ok(()),
        }
    };
    let finished = schedule::typeset_all(&documents, &workers, &done)?;
    progress.finish_and_clear();
    for file in staged.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
        file.commit()?;
    }

    if s.values.is_empty() {
        eprintln!(
            "note: there are no values for {}; every value reads \"uppgift saknas\" (fetch them with `perspektiv kolada fetch {}`)",
            s.year, s.year
        );
    }
    let typeset = finished.iter().filter(|f| !f.cached).count();
    let how = match &cache {
        Some(_) => format!("{typeset} typeset, {} from the cache", finished.len() - typeset),
        None => format!("{typeset} typeset, cache off"),
    };
    eprintln!("wrote {} to {} ({how})", plural(finished.len(), "annex"), dir.display());

    if let (Some(zip), Some(path)) = (zip, &cfg.zip) {
        let mut rows: Vec<ManifestRow> = finished
            .iter()
            .zip(lines)
            .map(|(f, (party, code))| ManifestRow {
                file: f.file.clone(),
                party,
                code,
                pages: f.pages,
                sha256: cache::hex(&f.sha256),
            })
            .collect();
        zip.add(MANIFEST, &bundle::manifest(&mut rows)?)?;
        zip.finish()?;
        eprintln!("wrote {} ({} and {MANIFEST})", path.display(), plural(finished.len(), "annex"));
    }
    if let Some(cache) = &cache {
        // A run of some parties leaves the other parties' entries alone.
        let owners: Option<BTreeSet<String>> =
            (!cfg.only.is_empty()).then(|| documents.iter().map(|d| d.ident.clone()).collect());
        cache.prune(owners.as_ref())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The annexes' cache, unless it is off or the program cannot be fingerprinted (then every annex
/// is typeset, with a warning).
fn open_cache(cfg: &AnnexConfig, year: i32, fonts: &Fonts) -> Option<Cache> {
    if !cfg.cache {
        return None;
    }
    match cache::run_salt(fonts) {
        Ok(salt) => Some(Cache::new(cache_dir(&cfg.build, year), salt)),
        Err(e) => {
            eprintln!("warning: every annex is typeset, without the cache: {e:#}");
            None
        }
    }
}

/// A progress bar on a terminal, else nothing.
fn progress_bar(len: usize) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} annexes {elapsed}") {
        bar.set_style(style);
    }
    bar
}
