//! The `build` command: load and check → render → typeset → write the document's PDF.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::check::{Input, Reporting, load_reported};
use crate::console::Console;
use crate::diff::command::{SideSpec, load_side};
use crate::document::{self, ReviewOf, draft_view};
use crate::names::Outputs;
use crate::output::write_atomic;
use crate::render::Templates;
use crate::t;

/// Everything `build` needs, resolved from the command line once.
#[derive(Clone, Debug)]
pub struct BuildConfig {
    /// The sources read.
    pub input: Input,
    /// How their problems are reported.
    pub reporting: Reporting,
    /// The output folder.
    pub out: PathBuf,
    /// The template override folder.
    pub templates: PathBuf,
    /// Draft marks.
    pub draft: bool,
    /// Also write the review edition against this older side (`2019`, `REV:YEAR`).
    pub changes_since: Option<String>,
}

impl BuildConfig {
    /// Where the year's outputs go.
    pub fn outputs(&self) -> Outputs {
        Outputs::new(&self.out, self.input.year)
    }
}

/// `perspektiv build`.
pub fn run(cfg: &BuildConfig) -> Result<ExitCode> {
    let console = Console::new(cfg.reporting.format);
    let Some((s, fonts)) = load_reported(&console, &cfg.input, cfg.reporting)? else {
        return Ok(ExitCode::from(1));
    };
    // The older side is read and checked before anything is written, as `diff` reads it.
    let old = match &cfg.changes_since {
        Some(given) => {
            let spec = SideSpec::parse(given)?;
            match load_side(&console, &cfg.input.sources, given, &spec, &fonts)? {
                Some(old) => Some((old, given.as_str())),
                None => bail!(crate::t!("error-review-invalid", side = given, year = spec.year)),
            }
        }
        None => None,
    };
    let templates = Templates::new(Some(&cfg.templates))?;
    let draft = if cfg.draft { Some(draft_view(&cfg.input.sources, &cfg.templates)?) } else { None };
    let warn = |w: &_| console.typst_warning_now(w);
    // Both PDFs are made before either is written: a failure leaves both as they were.
    let of = old.as_ref().map(|(old, label)| ReviewOf { sources: old, label });
    let (pdf, review) = document::pdf_and_review(&s, of, &templates, draft, fonts, &warn)?;
    let review = review.zip(old.as_ref().map(|(_, label)| *label));
    let path = cfg.outputs().document("pdf");
    write_atomic(&path, &pdf)?;
    console.wrote_what(&t!("build-wrote", file = path.display().to_string(), kib = pdf.len().div_ceil(1024)));
    if let Some((pdf, label)) = review {
        let path = cfg.outputs().review(label);
        write_atomic(&path, &pdf)?;
        console.wrote_what(&t!(
            "build-wrote-review",
            file = path.display().to_string(),
            kib = pdf.len().div_ceil(1024),
            since = label
        ));
    }
    Ok(ExitCode::SUCCESS)
}
