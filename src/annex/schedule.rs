//! Building many annexes in parallel: render each party's markup, typeset it, export the PDF.

use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;

use super::view::Ctx;
use super::{file_name, slug};
use crate::build::{describe_typst_error, pdf_settings};
use crate::render::{Rendered, Templates};
use crate::sources::Sources;
use crate::sources::parties::Party;
use crate::typeset::{self, DocWorld, Fonts};

/// The stack of each worker thread (the default of 2 MiB is too small for Typst's layout of a
/// long annex).
const WORKER_STACK: usize = 32 << 20;

/// How many annexes an entry of Typst's cache outlives unused.
const CACHE_AGE: usize = 2;

/// A built annex.
pub struct Annex {
    /// The file name.
    pub file: String,
    /// The party.
    pub party: Party,
    /// Pages.
    pub pages: usize,
    /// The PDF.
    pub pdf: Vec<u8>,
}

/// Builds the annexes of `parties`, in parallel over the cores.
pub fn build_annexes(
    s: &Sources,
    parties: &[&Party],
    templates: &Templates,
    fonts: Arc<Fonts>,
    progress: &indicatif::ProgressBar,
) -> Result<Vec<Annex>> {
    let ctx = Ctx::new(s);
    let settings = pdf_settings(s)?;
    // Typst's layout recurses deeply; the threads get the stack of a main thread and more.
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("annex-{i}"))
        .build()
        .map_err(|e| anyhow::anyhow!("failed to start the worker threads: {e}"))?;
    let results: Vec<Result<Annex>> = pool.install(|| {
        parties
            .par_iter()
            .map(|party| {
                let view = ctx.view(party);
                let rendered: Rendered = templates.render("annex.typ.j2", &view)?;
                let name = format!("{}.typ", file_name(s.year, party).trim_end_matches(".pdf"));
                let world =
                    DocWorld::with_fonts(&name, rendered.markup.clone(), Some(settings.date), fonts.clone());
                let mut pdf_settings = settings.clone();
                pdf_settings.ident = format!("perspektiv/annex/{}/{}", s.year, slug(party));
                let result = typeset::compile(&world).and_then(|(doc, _)| {
                    let pages = doc.pages().len();
                    typeset::export_pdf(&world, &doc, &pdf_settings).map(|pdf| (pages, pdf))
                });
                let (pages, pdf) =
                    result.map_err(|e| anyhow::anyhow!(describe_typst_error(&e, &rendered, &name)))?;
                // Typst's memoization cache keeps every annex's layout, which no later annex can use
                // (their contents differ): without eviction a national run grows to gigabytes. What
                // the last few annexes used (the shared definitions and styles) stays.
                typst::comemo::evict(CACHE_AGE);
                progress.inc(1);
                Ok(Annex { file: file_name(s.year, party), party: (*party).clone(), pages, pdf })
            })
            .collect()
    });
    results.into_iter().collect()
}
