//! `perspektiv watch`: rebuild the PDF (and with `--site` the web edition) whenever a source,
//! template or font changes, keeping Typst's caches between rebuilds. Errors are printed and the
//! last good PDF stays in place.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::RecursiveMode;
use notify_debouncer_mini::new_debouncer;

use crate::build::{
    BuildConfig, draft_view, load_checked, markup_name, pdf_settings, render_markup, typeset_in,
};
use crate::output::write_atomic;
use crate::render::Templates;
use crate::site::SiteConfig;
use crate::typeset::{DocWorld, Fonts};

/// Rebuilds one year's PDF, keeping the Typst world (and so its caches) between rebuilds.
pub struct Rebuilder {
    cfg: BuildConfig,
    world: Option<DocWorld>,
    fonts: Option<Arc<Fonts>>,
    site: bool,
}

/// What a rebuild did.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The PDF was written.
    Written,
    /// The sources have errors (printed); the PDF was left as it was.
    InvalidSources,
}

impl Rebuilder {
    /// A rebuilder for a build configuration.
    pub fn new(cfg: BuildConfig) -> Self {
        Self { cfg, world: None, fonts: None, site: false }
    }

    /// Also rebuilds the web edition, before the PDF (it needs no typesetting).
    pub fn with_site(mut self) -> Self {
        self.site = true;
        self
    }

    /// Forgets the loaded fonts, so that the next rebuild reads them again.
    pub fn reload_fonts(&mut self) {
        self.fonts = None;
    }

    /// Loads, validates, renders, compiles and writes the PDF.
    pub fn rebuild(&mut self) -> Result<Outcome> {
        let Some(s) = load_checked(&self.cfg)? else {
            return Ok(Outcome::InvalidSources);
        };
        if self.site {
            let cfg = SiteConfig { build: self.cfg.clone(), changes_since: None };
            crate::site::write_site(&cfg, &s)?;
        }
        let fonts = match &self.fonts {
            Some(f) => f.clone(),
            None => {
                let f = Fonts::for_build(&self.cfg.fonts)?;
                self.fonts = Some(f.clone());
                f
            }
        };
        let templates = Templates::new(Some(&self.cfg.templates))?;
        let draft = if self.cfg.draft { Some(draft_view(&self.cfg)?) } else { None };
        let rendered = render_markup(&s, &templates, draft)?;
        let settings = pdf_settings(&s)?;
        let world = match &mut self.world {
            Some(world) => {
                world.set_markup(&rendered.markup);
                world.set_fonts(fonts, Some(settings.date));
                world
            }
            None => self.world.insert(DocWorld::with_fonts(
                &markup_name(s.year),
                rendered.markup.clone(),
                Some(settings.date),
                fonts,
            )),
        };
        let pdf = typeset_in(world, &rendered, &settings);
        // Keep recent compilations for the next rebuild, drop older ones.
        typst::comemo::evict(10);
        write_atomic(&self.cfg.output("pdf"), &pdf?)?;
        Ok(Outcome::Written)
    }
}

/// Size and modification time of every file under the watched folders: a rebuild happens only
/// when this changes (reading the sources also raises file events on some systems).
fn fingerprint(dirs: &[PathBuf]) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.to_vec();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if ignored(&path) {
                continue;
            }
            match entry.metadata() {
                Ok(m) if m.is_dir() => stack.push(path),
                Ok(m) => out.push((path, m.len(), m.modified().ok())),
                Err(_) => {}
            }
        }
    }
    out.sort();
    out
}

fn ignored(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

fn rebuild_and_report(r: &mut Rebuilder) {
    let start = Instant::now();
    match r.rebuild() {
        Ok(Outcome::Written) => {
            let site = if r.site {
                let cfg = SiteConfig { build: r.cfg.clone(), changes_since: None };
                format!(" and {}", cfg.dir().display())
            } else {
                String::new()
            };
            eprintln!("wrote {}{site} in {} ms", r.cfg.output("pdf").display(), start.elapsed().as_millis())
        }
        Ok(Outcome::InvalidSources) => eprintln!("the last good PDF stays; waiting for changes"),
        Err(e) => {
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("caused by: {cause}");
            }
            eprintln!("the last good PDF stays; waiting for changes");
        }
    }
}

/// `perspektiv watch`: builds once, then after every change. Stops with Ctrl-C.
pub fn run(cfg: BuildConfig, site: bool) -> Result<ExitCode> {
    let watched: Vec<PathBuf> =
        [&cfg.sources, &cfg.templates, &cfg.fonts].into_iter().filter(|d| d.is_dir()).cloned().collect();
    let fonts_dir = cfg.fonts.canonicalize().ok();
    let mut rebuilder = Rebuilder::new(cfg);
    if site {
        rebuilder = rebuilder.with_site();
    }
    rebuild_and_report(&mut rebuilder);

    let (tx, rx) = mpsc::channel();
    let mut debouncer =
        new_debouncer(Duration::from_millis(100), tx).context("failed to watch for changes")?;
    for dir in &watched {
        debouncer
            .watcher()
            .watch(dir, RecursiveMode::Recursive)
            .with_context(|| format!("failed to watch `{}`", dir.display()))?;
    }
    let names: Vec<String> = watched.iter().map(|d| format!("`{}`", d.display())).collect();
    eprintln!("watching {} for changes (Ctrl-C stops)", names.join(", "));
    let mut last = fingerprint(&watched);
    for events in rx {
        let events = match events {
            Ok(events) => events,
            Err(e) => {
                eprintln!("error: watching failed: {e}");
                continue;
            }
        };
        let relevant: Vec<_> = events.iter().filter(|e| !ignored(&e.path)).collect();
        let now = fingerprint(&watched);
        if relevant.is_empty() || now == last {
            continue;
        }
        last = now;
        if relevant.iter().any(|e| fonts_dir.as_ref().is_some_and(|f| e.path.starts_with(f))) {
            rebuilder.reload_fonts();
        }
        rebuild_and_report(&mut rebuilder);
    }
    Ok(ExitCode::SUCCESS)
}
