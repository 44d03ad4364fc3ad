//! `perspektiv annexes`: one "Aktuellt perspektiv" annex per party (the municipalities and the
//! region), each opening with a summary page, the county overview for the steering group, and a
//! spreadsheet; bundled in a reproducible zip with a manifest.
//!
//! The steps: load and check the sources; refuse when the year has no values (unless a rehearsal
//! is asked for) or the goals name no follow-up period; plan the run's documents (the annexes and
//! the overview); typeset them in parallel, or take them from the [cache](crate::cache), staging
//! each PDF and adding it to the zip as it finishes; then the spreadsheet, the manifest, and the
//! files put in place.
//!
//! [`period`] decides which two years a table compares, [`assess`] judges a change against the
//! target, [`view`] holds the views an annex and the overview share, [`party`] shapes a party's
//! annex, [`overview`] the county overview, [`sheet`] the spreadsheet, [`schedule`] typesets the
//! documents of a run in parallel, [`bundle`] writes the zip while they finish, and [`crate::console`]
//! says everything the run has to say.

pub mod assess;
pub mod bundle;
pub mod overview;
pub mod party;
pub mod period;
pub mod rank;
pub mod schedule;
pub mod sheet;
pub mod view;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use anyhow::Result;

pub use bundle::Entry;
pub use party::AnnexView;

use self::bundle::{MANIFEST, ZipStream};
use self::schedule::{Document, Finished, Workers};
use self::view::Ctx;
use crate::cache::{self, Cache};
use crate::check::{Input, Reporting, load_reported};
use crate::console::Console;
use crate::document::pdf_date;
use crate::names::{self, Outputs};
use crate::output::{Staged, write_atomic};
use crate::render::Templates;
use crate::sources::parties::{Party, PartyKind};
use crate::t;
use crate::typeset::Fonts;

/// Everything an annex run needs, resolved once.
#[derive(Clone, Debug)]
pub struct AnnexConfig {
    /// The sources read.
    pub input: Input,
    /// The output folder.
    pub out: PathBuf,
    /// The template override folder.
    pub templates: PathBuf,
    /// Only these parties (ids, names or codes); all when empty. The county overview is made
    /// only when all parties are; a run of some names its spreadsheet by them
    /// ([`names::partial_sheet_file`]) and never replaces the zip of a run of all.
    pub only: Vec<String>,
    /// Also write a zip of the annexes, the overview, the spreadsheet and a manifest here.
    pub zip: Option<PathBuf>,
    /// How many documents are typeset at once (at least 1).
    pub jobs: usize,
    /// Whether finished documents are taken from and kept in the cache.
    pub cache: bool,
    /// Build even when the year has no values: a rehearsal, every page marked "UTAN VÄRDEN".
    pub allow_missing_values: bool,
    /// Also write the Typst markup of each annex and county overview beside its PDF (written
    /// before typesetting, so it is there when a template has an error).
    pub markup: bool,
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
                    Some(meant) => crate::suggest::did_you_mean_hint(meant),
                    None => match parties.first() {
                        Some(p) => crate::t!(
                            "annex-party-hint",
                            id = p.id.as_str(),
                            name = p.name.as_str(),
                            code = p.code.as_str()
                        ),
                        None => crate::t!("annex-no-parties"),
                    },
                };
                return Err(crate::UsageError {
                    message: crate::t!("annex-not-a-party", name = wanted),
                    hint: Some(hint),
                }
                .into());
            }
        }
    }
    Ok(out)
}

/// A document of the run and its line of the manifest.
struct Planned<'a> {
    document: Document<'a>,
    /// What it is for: the party's official name, or the county.
    name: String,
    /// The party's or the region's code.
    code: String,
}

/// `perspektiv annexes`: load and check, plan one document per party and the county overview,
/// typeset them (or take them from the cache) while staging each PDF and adding it to the zip,
/// then make the spreadsheet, put the files in place, finish the zip with its manifest, and drop
/// the cache entries no longer used.
pub fn run(cfg: &AnnexConfig) -> Result<ExitCode> {
    let mut console = Console::default();
    let Some((s, fonts)) = load_reported(&console, &cfg.input, Reporting::default())? else {
        return Ok(ExitCode::from(1));
    };
    let year = s.year;
    if period::FollowUp::of(&s.goals.data).is_none() {
        return Ok(console.refuse(
            &crate::t!("annex-no-follow-up", year = year),
            &crate::t!("annex-no-follow-up.hint", file = s.goals.path.display().to_string()),
        ));
    }
    if s.values.is_empty() && !cfg.allow_missing_values {
        let dir = cfg.input.sources.join(year.to_string()).join(crate::sources::values::DIR);
        return Ok(console.refuse(
            &crate::t!("annex-no-values", year = year, folder = dir.display().to_string()),
            &crate::t!("annex-no-values.hint", year = year),
        ));
    }
    let parties = select(&s.parties.data.party, &cfg.only)?;
    // A run of some parties makes no county overview and never replaces what a run of all made:
    // its spreadsheet has a name of its own, and the zip of a run of all is refused.
    let partial = !cfg.only.is_empty();
    let regions: Vec<&Party> = if partial {
        Vec::new()
    } else {
        s.parties.data.party.iter().filter(|p| p.kind == PartyKind::Region).collect()
    };
    if partial && let Some(zip) = &cfg.zip {
        keep_zip_of_all(zip, &parties)?;
    }
    let templates = Templates::new(Some(&cfg.templates))?;
    let date = pdf_date(&s)?;
    let ctx = Ctx::new(&s);
    let outputs = Outputs::new(&cfg.out, year);
    let dir = outputs.annex_dir();
    if cfg.markup {
        for party in &parties {
            let rendered = templates.render("annex.typ.j2", &ctx.view(party))?;
            let path = dir.join(names::annex_file(year, party, "typ"));
            write_atomic(&path, rendered.markup.as_bytes())?;
            console.wrote(&path);
        }
        for region in &regions {
            let rendered = templates.render("overview.typ.j2", &ctx.overview(region))?;
            let path = dir.join(names::overview_file(year, region, "typ"));
            write_atomic(&path, rendered.markup.as_bytes())?;
            console.wrote(&path);
        }
    }

    // The documents in the zip's order (by file name), so that the zip is written as they finish.
    let (documents, lines) = plan(&ctx, &templates, &parties, &regions);
    let xlsx_name = if partial { names::partial_sheet_file(year, &parties) } else { names::sheet_file(year) };
    let cache = open_cache(cfg, &outputs, &fonts, &console);
    let zip = match &cfg.zip {
        Some(path) => {
            let mut files: Vec<String> = documents.iter().map(|d| d.names.pdf.clone()).collect();
            files.push(xlsx_name.clone());
            files.push(MANIFEST.to_owned());
            Some(ZipStream::create(path, files)?)
        }
        None => None,
    };
    console.start_documents(documents.len());
    let workers = Workers { count: cfg.jobs, fonts, date, cache: cache.as_ref(), console: &console };

    // Each PDF is staged next to its target and compressed into the zip by its worker as soon as
    // it is finished; the files replace the previous ones only once everything is done.
    let staged = Mutex::new(Vec::new());
    let stage = |file: &str, bytes: &[u8]| -> Result<()> {
        if let Some(staged_file) = Staged::unless_unchanged(&dir.join(file), bytes)? {
            staged
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((file.to_owned(), staged_file));
        }
        match &zip {
            Some(zip) => zip.add(file, bytes),
            None => Ok(()),
        }
    };
    let finished =
        schedule::typeset_all(&documents, &workers, &|f: &Finished, pdf: &[u8]| stage(&f.file, pdf));
    console.print_typst_warnings();
    let finished = finished?;
    console.finish_progress();

    // The spreadsheet lists the documents as the manifest does, so it is made once they are done.
    let mut entries: Vec<Entry<'_>> = finished
        .iter()
        .zip(&lines)
        .map(|(f, (name, code))| Entry { file: &f.file, name, code, pages: Some(f.pages), sha256: f.sha256 })
        .collect();
    let xlsx = sheet::workbook(&ctx, &parties, &entries, date)?;
    stage(&xlsx_name, &xlsx)?;
    let mut replaced = BTreeSet::new();
    for (name, file) in staged.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
        file.commit()?;
        replaced.insert(name);
    }

    if s.values.is_empty() {
        console.note(&t!("annex-rehearsal", year = year));
    }
    let typeset = finished.iter().filter(|f| !f.cached).count();
    let how = match &cache {
        Some(_) => t!("annex-how", typeset = typeset, cached = finished.len() - typeset),
        None => t!("annex-how-no-cache", typeset = typeset),
    };
    console.wrote_what(&t!(
        "annex-wrote",
        annexes = parties.len(),
        overviews = regions.len(),
        sheet = xlsx_name.as_str(),
        folder = dir.display().to_string(),
        how = how
    ));
    if partial {
        note_outputs_of_all(&s, &dir, &parties, &replaced, &console);
    }

    if let (Some(zip), Some(path)) = (zip, &cfg.zip) {
        entries.push(Entry {
            file: &xlsx_name,
            name: "Aktuellt perspektiv",
            code: "",
            pages: None,
            sha256: cache::sha256(&xlsx),
        });
        zip.add(MANIFEST, &bundle::manifest_csv(&entries)?)?;
        zip.finish()?;
        console.wrote_what(&t!(
            "annex-wrote-zip",
            file = path.display().to_string(),
            files = entries.len(),
            manifest = MANIFEST
        ));
    }
    if let Some(cache) = &cache {
        // A run of some parties leaves the other parties' entries alone.
        let owners: Option<BTreeSet<String>> =
            (!cfg.only.is_empty()).then(|| documents.iter().map(|d| d.names.ident.clone()).collect());
        if let Err(e) = cache.prune(owners.as_ref()) {
            console.warning(&t!("annex-cache-not-pruned", error = format!("{e:#}")));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses to let a run of some parties replace the zip of a run of all (one that holds the
/// spreadsheet of all parties, `<year>-aktuellt-perspektiv.xlsx`); any other file at `path`, or
/// none, is fine.
///
/// Errors: the zip at `path` is one of all parties ([`crate::UsageError`], with a name for this
/// run's own zip).
fn keep_zip_of_all(path: &Path, parties: &[&Party]) -> Result<()> {
    let Ok(file) = std::fs::File::open(path) else { return Ok(()) };
    let Ok(archive) = zip::ZipArchive::new(std::io::BufReader::new(file)) else { return Ok(()) };
    let of_all = archive.file_names().filter_map(Result::ok).any(|name| names::is_sheet_of_all(&name));
    if !of_all {
        return Ok(());
    }
    let own = names::partial_zip(path, parties);
    Err(crate::UsageError {
        message: crate::t!("annex-zip-of-all", path = path, parties = parties.len()),
        hint: Some(crate::t!("annex-zip-of-all.hint", path = &own)),
    }
    .into())
}

/// After a run of some parties: says that the outputs of a run of all in `dir` (the spreadsheet
/// of all parties, the county overviews) were left as they were, and when a party's annex
/// changed (`replaced` names the files this run wrote), that they no longer match it.
fn note_outputs_of_all(
    s: &crate::sources::Sources,
    dir: &Path,
    parties: &[&Party],
    replaced: &BTreeSet<String>,
    console: &Console,
) {
    let year = s.year;
    let mut kept = Vec::new();
    if dir.join(names::sheet_file(year)).is_file() {
        kept.push(names::sheet_file(year));
    }
    let overviews = s
        .parties
        .data
        .party
        .iter()
        .filter(|p| p.kind == PartyKind::Region && dir.join(names::overview_file(year, p, "pdf")).is_file())
        .count();
    if overviews > 0 {
        kept.push(t!("annex-kept-overviews", overviews = overviews));
    }
    if kept.is_empty() {
        return;
    }
    let kept = t!("annex-kept", kept = crate::i18n::join_and(&kept));
    let changed: Vec<String> = parties
        .iter()
        .filter(|p| replaced.contains(&names::annex_file(year, p, "pdf")))
        .map(|p| p.name.clone())
        .collect();
    if changed.is_empty() {
        console.note(&kept);
        return;
    }
    console.note(&t!(
        "annex-kept-changed",
        kept = kept,
        annexes = changed.len(),
        changed = crate::i18n::join_and(&changed),
        year = year
    ));
}

/// The documents of a run, sorted by file name: an annex per party and an overview per region;
/// beside them, each one's name and code for the manifest.
fn plan<'a>(
    ctx: &'a Ctx<'a>,
    templates: &'a Templates,
    parties: &[&'a Party],
    regions: &[&'a Party],
) -> (Vec<Document<'a>>, Vec<(String, String)>) {
    let year = ctx.s.year;
    let mut planned: Vec<Planned<'a>> = Vec::with_capacity(parties.len() + regions.len());
    for &party in parties {
        planned.push(Planned {
            document: Document {
                names: names::annex(year, party),
                render: Box::new(move || {
                    let view = ctx.view(party);
                    Ok((templates.render("annex.typ.j2", &view)?, view.must_show(ctx.s)))
                }),
            },
            name: party.official_name.clone(),
            code: party.code.as_str().to_owned(),
        });
    }
    // The overview is one more document of the run, typeset by the same workers.
    for &region in regions {
        planned.push(Planned {
            document: Document {
                names: names::overview(year, region),
                render: Box::new(move || {
                    let view = ctx.overview(region);
                    Ok((templates.render("overview.typ.j2", &view)?, view.must_show(ctx.s)))
                }),
            },
            name: overview::county_name(region),
            code: region.code.as_str().to_owned(),
        });
    }
    planned.sort_by(|a, b| a.document.names.pdf.cmp(&b.document.names.pdf));
    planned.into_iter().map(|p| (p.document, (p.name, p.code))).unzip()
}

/// The annexes' cache, unless it is off or the program cannot be fingerprinted (then every
/// document is typeset, with a warning).
fn open_cache(cfg: &AnnexConfig, outputs: &Outputs, fonts: &Fonts, console: &Console) -> Option<Cache> {
    if !cfg.cache {
        return None;
    }
    match cache::run_salt(fonts) {
        Ok(salt) => Some(Cache::new(outputs.annex_cache_dir(), salt)),
        Err(e) => {
            console.warning(&t!("annex-cache-off", error = format!("{e:#}")));
            None
        }
    }
}
