//! The `build` command: load and check → render → typeset → write the document's PDF.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::check::{Input, Reporting, load_reported};
use crate::document::{self, draft_view};
use crate::names::Outputs;
use crate::output::write_atomic;
use crate::render::Templates;
use crate::typeset::warning_printer;

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
}

impl BuildConfig {
    /// Where the year's outputs go.
    pub fn outputs(&self) -> Outputs {
        Outputs::new(&self.out, self.input.year)
    }
}

/// `perspektiv build`.
pub fn run(cfg: &BuildConfig) -> Result<ExitCode> {
    let Some((s, fonts)) = load_reported(&cfg.input, cfg.reporting)? else {
        return Ok(ExitCode::from(1));
    };
    let templates = Templates::new(Some(&cfg.templates))?;
    let draft = if cfg.draft { Some(draft_view(&cfg.input.sources, &cfg.templates)?) } else { None };
    let pdf = document::pdf(&s, &templates, draft, fonts, &warning_printer(cfg.reporting.format))?;
    let path = cfg.outputs().document("pdf");
    write_atomic(&path, &pdf)?;
    eprintln!("wrote {} ({} KiB)", path.display(), pdf.len().div_ceil(1024));
    Ok(ExitCode::SUCCESS)
}
