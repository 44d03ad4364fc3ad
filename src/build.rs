//! The `build` command: load and check → render → typeset → write the document's PDF.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::check::{Input, Reporting, load_reported};
use crate::console::Console;
use crate::document::{self, draft_view};
use crate::names::Outputs;
use crate::output::write_atomic;
use crate::render::Templates;

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
    let console = Console::new(cfg.reporting.format);
    let Some((s, fonts)) = load_reported(&console, &cfg.input, cfg.reporting)? else {
        return Ok(ExitCode::from(1));
    };
    let templates = Templates::new(Some(&cfg.templates))?;
    let draft = if cfg.draft { Some(draft_view(&cfg.input.sources, &cfg.templates)?) } else { None };
    let pdf = document::pdf(&s, &templates, draft, fonts, &|w| console.typst_warning_now(w))?;
    let path = cfg.outputs().document("pdf");
    write_atomic(&path, &pdf)?;
    console.wrote_what(&format!("{} ({} KiB)", path.display(), pdf.len().div_ceil(1024)));
    Ok(ExitCode::SUCCESS)
}
