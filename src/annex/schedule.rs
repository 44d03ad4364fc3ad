//! Typesetting the documents of a run in parallel: each worker renders a document's markup,
//! takes its PDF from the cache or typesets it, and hands it on before taking the next.
//!
//! Typst and its PDF writer use rayon inside one document, and the PDF writer waits for its
//! deferred work with `rayon::yield_now()`, which runs whatever job of the pool is pending. If the
//! documents were jobs of that pool, a waiting document would start the next one inside itself,
//! and so on: documents pile up unfinished, memory grows with each, and the stack overflows. So
//! each worker is a plain thread with a one-thread rayon pool of its own, in which it runs one
//! document at a time: a wait can only run that document's own jobs.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::{Context, Result};

use crate::cache::{self, Cache, Entry};
use crate::console::Console;
use crate::names::DocumentNames;
use crate::render::Rendered;
use crate::sources::common::Date;
use crate::typeset::contents::MustShow;
use crate::typeset::{self, Described, Fonts, PdfSettings};

/// The stack of a worker's pool thread, where Typst lays out: Rust's default for a spawned thread.
/// A worker typesets one document at a time, so nothing nests, and Typst bounds its own recursion
/// (its call, show-rule and layout depth limits); the 311 annexes of the national benchmark run
/// in it.
const WORKER_STACK: usize = 2 << 20;

/// How many finished documents an entry of Typst's memoization cache outlives unused: what the
/// documents share (the library, the styles, the fonts' shaping) stays; what one document laid
/// out, which no other can use, goes. Measured on the national run (311 annexes and 21 county
/// overviews, two workers): against 1, an age of 0 keeps nothing shared and takes 13 % longer;
/// 2 peaks 50 MiB higher, where the county overviews, the largest documents, are laid out.
const MEMO_AGE: usize = 1;

/// A document of the run.
pub struct Document<'a> {
    /// Its names: the PDF's file name (`2023-bilaga-arjang.pdf`), the markup's, the PDF's
    /// identifier (which also names the document in the cache) and the hint of a failure.
    pub names: DocumentNames,
    /// Renders the document's Typst markup, with what its typeset text must show; called on a
    /// worker.
    pub render: Box<dyn Fn() -> Result<(Rendered, MustShow)> + Send + Sync + 'a>,
}

/// A finished document.
#[derive(Clone, Debug)]
pub struct Finished {
    /// The PDF's file name.
    pub file: String,
    /// Its page count.
    pub pages: usize,
    /// The SHA-256 of the PDF.
    pub sha256: [u8; 32],
    /// Whether it came from the cache rather than from Typst.
    pub cached: bool,
}

/// How a run is typeset.
pub struct Workers<'a> {
    /// How many documents are typeset at once.
    pub count: usize,
    /// The fonts.
    pub fonts: Arc<Fonts>,
    /// The PDFs' creation date (and Typst's `datetime.today()`).
    pub date: Date,
    /// The cache of finished PDFs, unless it is off.
    pub cache: Option<&'a Cache>,
    /// The run's console: told of each finished document, of Typst's warnings and of a cache
    /// that cannot be written, from every worker.
    pub console: &'a Console,
}

/// The number of workers when none is asked for: the cores this process may use.
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Typesets `documents` (in their order, `workers.count` at a time) and hands each PDF to `done`
/// in the worker that made it, as soon as it is finished. Returns the finished documents in the
/// order of `documents`.
///
/// Errors: a document fails to render or typeset, or `done` fails; the first such error in the
/// order of `documents` is returned and the workers stop taking documents.
pub fn typeset_all(
    documents: &[Document],
    workers: &Workers,
    done: &(dyn Fn(&Finished, &[u8]) -> Result<()> + Sync),
) -> Result<Vec<Finished>> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let results: Mutex<Vec<(usize, Result<Finished>)>> = Mutex::new(Vec::with_capacity(documents.len()));
    let count = workers.count.clamp(1, documents.len().max(1));
    std::thread::scope(|scope| -> Result<()> {
        for w in 0..count {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .stack_size(WORKER_STACK)
                .thread_name(move |_| format!("typeset-{w}"))
                .build()
                .with_context(|| crate::t!("error-worker-thread"))?;
            let (next, failed, results) = (&next, &failed, &results);
            std::thread::Builder::new()
                .name(format!("worker-{w}"))
                .spawn_scoped(scope, move || {
                    pool.install(|| {
                        while !failed.load(Ordering::Relaxed) {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(document) = documents.get(i) else { break };
                            let result = finish(document, workers, done)
                                .with_context(|| crate::t!("error-build", name = &document.names.pdf));
                            if result.is_err() {
                                failed.store(true, Ordering::Relaxed);
                            }
                            results
                                .lock()
                                .unwrap_or_else(std::sync::PoisonError::into_inner)
                                .push((i, result));
                        }
                    });
                })
                .with_context(|| crate::t!("error-worker-thread"))?;
        }
        Ok(())
    })?;
    let mut results = results.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Renders one document, takes its PDF from the cache or typesets it, and hands it to `done`.
fn finish(
    document: &Document,
    workers: &Workers,
    done: &(dyn Fn(&Finished, &[u8]) -> Result<()> + Sync),
) -> Result<Finished> {
    let (rendered, must) = (document.render)()?;
    // A PDF is stored only once it has passed the check against `must`, and is taken again only
    // for the same list.
    let key = workers.cache.map(|c| {
        c.key(&[
            document.names.pdf.as_bytes(),
            document.names.ident.as_bytes(),
            workers.date.to_string().as_bytes(),
            rendered.markup.as_bytes(),
            &must.fingerprint(),
        ])
    });
    let stored = workers.cache.zip(key.as_ref()).and_then(|(c, k)| c.get(k));
    let (pages, pdf, cached) = match stored {
        Some(entry) => {
            // Typst's warnings are told on every run, as when the PDF was typeset.
            for w in &entry.warnings {
                workers.console.typst_warning(&typeset::locate_warning(w, &rendered, &document.names.markup));
            }
            (entry.pages, entry.pdf, true)
        }
        None => {
            let typeset::Typeset { pages, pdf, warnings } = typeset_one(document, workers, &rendered, &must)?;
            let entry = Entry { owner: document.names.ident.clone(), pages, warnings, pdf };
            if let (Some(cache), Some(key)) = (workers.cache, &key)
                && let Err(e) = cache.put_unless_failed(key, &entry)
            {
                workers.console.warning(&crate::t!("annex-cache-not-stored", error = format!("{e:#}")));
            }
            (pages, entry.pdf, false)
        }
    };
    let finished = Finished { file: document.names.pdf.clone(), pages, sha256: cache::sha256(&pdf), cached };
    done(&finished, &pdf)?;
    workers.console.document_done();
    Ok(finished)
}

/// Compiles one document, checks that it shows what `must` lists, and exports it: its PDF, page
/// count and Typst's warnings.
fn typeset_one(
    document: &Document,
    workers: &Workers,
    rendered: &Rendered,
    must: &MustShow,
) -> Result<typeset::Typeset> {
    let names = &document.names;
    let settings = PdfSettings { ident: names.ident.clone(), date: workers.date, time: None };
    let described = Described {
        name: &names.markup,
        rendered,
        must,
        settings: &settings,
        fonts: workers.fonts.clone(),
        hint: &names.hint,
    };
    let result = typeset::typeset(&described, &mut None, &|w| workers.console.typst_warning(w));
    // What this document laid out no other can use (their contents differ): without eviction a
    // national run would grow by tens of megabytes per document.
    typst::comemo::evict(MEMO_AGE);
    result
}
