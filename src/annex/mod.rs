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

use anyhow::Result;

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
    let dir = cfg.build.out.join(s.year.to_string()).join("annexes");
    if cfg.markup {
        let ctx = view::Ctx { s: &s, values: &s.values };
        for party in &parties {
            let rendered = templates.render("annex.typ.j2", &ctx.view(party))?;
            let path = dir.join(markup_file_name(s.year, party));
            write_atomic(&path, rendered.markup.as_bytes())?;
            progress.suspend(|| eprintln!("wrote {}", path.display()));
        }
    }
    let annexes = build_annexes(&s, &parties, &templates, fonts, &progress)?;
    progress.finish_and_clear();

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
        eprintln!("wrote {} ({} and manifest.csv)", zip.display(), plural(annexes.len(), "annex"));
    }
    Ok(ExitCode::SUCCESS)
}
