//! `perspektiv annexes`: one "Aktuellt perspektiv" annex per party (the municipalities and the
//! region), each opening with a summary page, the county overview for the steering group, and a
//! spreadsheet; bundled in a reproducible zip with a manifest.
//!
//! The steps: load and check the sources; refuse when the year has no values (unless a rehearsal
//! is asked for) or the goals name no follow-up period; typeset the annexes in parallel and the
//! overview beside them; write them, the spreadsheet and the zip.
//!
//! [`period`] decides which two years a table compares, [`assess`] judges a change against the
//! target, [`view`] shapes a party's annex, [`overview`] the county overview, [`sheet`] the
//! spreadsheet, [`schedule`] typesets the annexes in parallel, and [`bundle`] writes the zip.

pub mod assess;
pub mod bundle;
pub mod overview;
pub mod period;
pub mod schedule;
pub mod sheet;
pub mod view;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;

pub use bundle::{Entry, zip_bytes};
pub use schedule::{Annex, build_annexes};
pub use view::AnnexView;

use crate::build::{BuildConfig, describe_typst_error, load_checked, pdf_settings};
use crate::output::{plural, write_atomic};
use crate::render::Templates;
use crate::sources::Sources;
use crate::sources::parties::{Party, PartyKind};
use crate::typeset::{self, DocWorld, Fonts};

/// Everything an annex run needs, resolved once.
#[derive(Clone, Debug)]
pub struct AnnexConfig {
    /// The build settings (sources, out, templates, fonts, year).
    pub build: BuildConfig,
    /// Only these parties (ids, names or codes); all when empty. The county overview is made
    /// only when all parties are.
    pub only: Vec<String>,
    /// Also write a zip of the annexes, the overview, the spreadsheet and a manifest here.
    pub zip: Option<PathBuf>,
    /// Build even when the year has no values: a rehearsal, every page marked "UTAN VÄRDEN".
    pub allow_missing_values: bool,
    /// Also write each annex's Typst markup beside its PDF (written before typesetting, so it is
    /// there when a template has an error).
    pub markup: bool,
}

/// The stack of the thread that typesets the overview (Typst's layout recurses deeply).
const OVERVIEW_STACK: usize = 32 << 20;

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

/// A built county overview.
pub struct Overview {
    /// The file name.
    pub file: String,
    /// The county ("Värmland").
    pub county: String,
    /// The region's code.
    pub code: String,
    /// Pages.
    pub pages: usize,
    /// The PDF.
    pub pdf: Vec<u8>,
}

impl Overview {
    /// Its entry in the zip.
    pub fn entry(&self) -> Entry<'_> {
        Entry {
            file: &self.file,
            name: &self.county,
            code: &self.code,
            pages: Some(self.pages),
            bytes: &self.pdf,
        }
    }
}

/// Typesets the overview of every region in `regions`, one after the other.
pub fn build_overviews(
    s: &Sources,
    regions: &[&Party],
    templates: &Templates,
    fonts: Arc<Fonts>,
    progress: &indicatif::ProgressBar,
) -> Result<Vec<Overview>> {
    let ctx = view::Ctx::new(s);
    let settings = pdf_settings(s)?;
    let mut out = Vec::new();
    for region in regions {
        let view = ctx.overview(region);
        let rendered = templates.render("overview.typ.j2", &view)?;
        let file = overview::file_name(s.year, region);
        let name = format!("{}.typ", file.trim_end_matches(".pdf"));
        let world = DocWorld::with_fonts(&name, rendered.markup.clone(), Some(settings.date), fonts.clone());
        let mut pdf_settings = settings.clone();
        pdf_settings.ident = format!("perspektiv/overview/{}/{}", s.year, region.id);
        let (pages, pdf) = typeset::compile(&world)
            .and_then(|(doc, _)| {
                let pages = doc.pages().len();
                typeset::export_pdf(&world, &doc, &pdf_settings).map(|pdf| (pages, pdf))
            })
            .map_err(|e| anyhow::anyhow!(describe_typst_error(&e, &rendered, &name)))?;
        progress.inc(1);
        out.push(Overview { file, county: view.county, code: region.code.as_str().to_owned(), pages, pdf });
    }
    Ok(out)
}

/// Prints an error with a hint and gives the exit code 1.
fn refuse(error: &str, hint: &str) -> ExitCode {
    eprintln!("error: {error}");
    eprintln!("hint: {hint}");
    ExitCode::from(1)
}

/// `perspektiv annexes`.
pub fn run(cfg: &AnnexConfig) -> Result<ExitCode> {
    let Some(s) = load_checked(&cfg.build)? else {
        return Ok(ExitCode::from(1));
    };
    let year = s.year;
    if period::FollowUp::of(&s.goals.data).is_none() {
        return Ok(refuse(
            &format!(
                "the goals of {year} name no follow-up period, so the annexes cannot say which years they compare"
            ),
            &format!(
                "add `follow_up_years = 5` (the latest year against the year five years earlier) or `baseline_year = YEAR` at the top of `{}`",
                s.goals.path.display()
            ),
        ));
    }
    if s.values.is_empty() && !cfg.allow_missing_values {
        let dir = cfg.build.sources.join(year.to_string()).join(crate::sources::values::DIR);
        return Ok(refuse(
            &format!(
                "there are no values for {year} in `{}`: every table would read \"uppgift saknas\"",
                dir.display()
            ),
            &format!(
                "fetch them from Kolada with `perspektiv kolada fetch {year}`, or save pages of Kolada's API (`/v3/data/...`) as JSON files there; for a rehearsal without values, pass `--allow-missing-values` (every page is then marked \"UTAN VÄRDEN\")"
            ),
        ));
    }
    let parties = select(&s.parties.data.party, &cfg.only)?;
    let regions: Vec<&Party> = if cfg.only.is_empty() {
        s.parties.data.party.iter().filter(|p| p.kind == PartyKind::Region).collect()
    } else {
        Vec::new()
    };
    let templates = Templates::new(Some(&cfg.build.templates))?;
    let fonts = Fonts::for_build(&cfg.build.fonts)?;
    let progress = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new((parties.len() + regions.len()) as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} documents {elapsed}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let dir = cfg.build.out.join(year.to_string()).join("annexes");
    if cfg.markup {
        let ctx = view::Ctx::new(&s);
        for party in &parties {
            let rendered = templates.render("annex.typ.j2", &ctx.view(party))?;
            let path = dir.join(markup_file_name(year, party));
            write_atomic(&path, rendered.markup.as_bytes())?;
            progress.suspend(|| eprintln!("wrote {}", path.display()));
        }
    }
    let built = build_all(&s, &parties, &regions, &templates, fonts, &progress)?;
    progress.finish_and_clear();

    for e in built.entries() {
        write_atomic(&dir.join(e.file), e.bytes)?;
    }
    let (annexes, overviews) = (&built.annexes, &built.overviews);
    let xlsx_name = &built.xlsx_name;
    if s.values.is_empty() {
        eprintln!(
            "note: a rehearsal without values for {year}: every page is marked \"UTAN VÄRDEN\"; do not send these"
        );
    }
    let overview_note = match overviews.len() {
        0 => String::new(),
        1 => ", the county overview".to_owned(),
        n => format!(", {n} county overviews"),
    };
    eprintln!(
        "wrote {}{overview_note} and the spreadsheet {xlsx_name} to {}",
        plural(annexes.len(), "annex"),
        dir.display()
    );
    if let Some(zip) = &cfg.zip {
        let bytes = built.zip()?;
        write_atomic(zip, &bytes)?;
        eprintln!("wrote {} ({} and manifest.csv)", zip.display(), plural(built.entries().len(), "file"));
    }
    Ok(ExitCode::SUCCESS)
}

/// Everything a run makes, before it is written.
pub struct Built {
    /// The annexes.
    pub annexes: Vec<Annex>,
    /// The county overviews.
    pub overviews: Vec<Overview>,
    /// The spreadsheet's file name.
    pub xlsx_name: String,
    /// The spreadsheet.
    pub xlsx: Vec<u8>,
}

impl Built {
    /// Every file, as entries of the zip: the annexes, the overviews, the spreadsheet.
    pub fn entries(&self) -> Vec<Entry<'_>> {
        let mut entries: Vec<Entry<'_>> = self.annexes.iter().map(Entry::annex).collect();
        entries.extend(self.overviews.iter().map(Overview::entry));
        entries.push(Entry {
            file: &self.xlsx_name,
            name: "Aktuellt perspektiv",
            code: "",
            pages: None,
            bytes: &self.xlsx,
        });
        entries
    }

    /// The zip of every file and the manifest.
    pub fn zip(&self) -> Result<Vec<u8>> {
        zip_bytes(&self.entries())
    }
}

/// Builds the annexes of `parties` in parallel and, beside them on a thread of its own, the
/// overviews of `regions`; then the spreadsheet. `progress` counts documents.
pub fn build_all(
    s: &Sources,
    parties: &[&Party],
    regions: &[&Party],
    templates: &Templates,
    fonts: Arc<Fonts>,
    progress: &indicatif::ProgressBar,
) -> Result<Built> {
    // The overview is one more document of the run: typeset on its own thread (never as a job of
    // the pool whose workers typeset the annexes) while the annexes are.
    let (annexes, overviews) = std::thread::scope(|scope| -> Result<_> {
        let overview_thread = std::thread::Builder::new()
            .name("overview".into())
            .stack_size(OVERVIEW_STACK)
            .spawn_scoped(scope, || build_overviews(s, regions, templates, fonts.clone(), progress))
            .map_err(|e| anyhow::anyhow!("failed to start a thread for the overview: {e}"))?;
        let annexes = build_annexes(s, parties, templates, fonts.clone(), progress);
        let overviews =
            overview_thread.join().map_err(|_| anyhow::anyhow!("the overview's thread failed"))?;
        Ok((annexes?, overviews?))
    })?;
    let mut entries: Vec<Entry<'_>> = annexes.iter().map(Entry::annex).collect();
    entries.extend(overviews.iter().map(Overview::entry));
    let xlsx = sheet::workbook(&view::Ctx::new(s), parties, &entries, pdf_settings(s)?.date)?;
    Ok(Built { annexes, overviews, xlsx_name: sheet::file_name(s.year), xlsx })
}
