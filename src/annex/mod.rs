//! `perspektiv annexes`: one "Aktuellt perspektiv" annex per party (the municipalities and the
//! region), with its values of every indicator against the county and Sweden, trend charts, its
//! representatives and the yearly calendar; bundled in a reproducible zip with a manifest.
//!
//! [`view`] shapes a party's annex from the sources, [`assess`] judges a change against the
//! target, [`schedule`] typesets the annexes in parallel, and [`bundle`] writes the zip.

pub mod assess;
pub mod bundle;
pub mod schedule;
pub mod view;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

pub use bundle::zip_bytes;
pub use schedule::{Annex, build_annexes};
pub use view::AnnexView;

use crate::build::{BuildConfig, load_checked};
use crate::output::{plural, write_atomic};
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
}

/// The slug of a party's file: its id, which is ASCII.
pub fn slug(party: &Party) -> String {
    party.id.to_string()
}

/// The file name of a party's annex.
pub fn file_name(year: i32, party: &Party) -> String {
    format!("{year}-bilaga-{}.pdf", slug(party))
}

/// The parties selected by `--only` (ids, names or codes, case-insensitive); all when empty.
pub fn select<'a>(parties: &'a [Party], only: &[String]) -> Result<Vec<&'a Party>> {
    if only.is_empty() {
        return Ok(parties.iter().collect());
    }
    let mut out = Vec::new();
    for wanted in only {
        let w = wanted.trim().to_lowercase();
        let found = parties.iter().find(|p| {
            p.id.as_str() == w
                || p.code.as_str() == w
                || p.name.to_lowercase() == w
                || p.official_name.to_lowercase() == w
        });
        match found {
            Some(p) if !out.iter().any(|q: &&Party| q.id == p.id) => out.push(p),
            Some(_) => {}
            None => bail!(
                "`{wanted}` is not a party; use an id, name or code, such as `{}`, `{}` or `{}`",
                parties[0].id,
                parties[0].name,
                parties[0].code.as_str()
            ),
        }
    }
    Ok(out)
}

/// `perspektiv annexes`.
pub fn run(cfg: &AnnexConfig) -> Result<ExitCode> {
    let Some(s) = load_checked(&cfg.build)? else {
        return Ok(ExitCode::from(1));
    };
    let parties = select(&s.parties.data.party, &cfg.only)?;
    let templates = Templates::new(Some(&cfg.build.templates))?;
    let fonts = Fonts::for_build(&cfg.build.fonts)?;
    let progress = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(parties.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} annexes {elapsed}") {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let annexes = build_annexes(&s, &parties, &templates, fonts, &progress)?;
    progress.finish_and_clear();

    let dir = cfg.build.out.join(s.year.to_string()).join("annexes");
    for a in &annexes {
        write_atomic(&dir.join(&a.file), &a.pdf)?;
    }
    if s.values.is_empty() {
        eprintln!(
            "note: there are no values for {}; every value reads \"uppgift saknas\" (fetch them with `perspektiv kolada fetch {}`)",
            s.year, s.year
        );
    }
    eprintln!("wrote {} to {}", plural(annexes.len(), "annex"), dir.display());
    if let Some(zip) = &cfg.zip {
        let bytes = zip_bytes(&annexes)?;
        write_atomic(zip, &bytes)?;
        eprintln!("wrote {} ({} annexes and manifest.csv)", zip.display(), annexes.len());
    }
    Ok(ExitCode::SUCCESS)
}
