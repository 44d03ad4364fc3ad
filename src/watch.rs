//! `perspektiv watch`: rebuild the PDF (and with `--site` the web edition) whenever a source,
//! template or font changes, keeping Typst's caches between rebuilds. Errors are printed and the
//! last good PDF stays in place.
//!
//! What counts as a change: a file the build reads whose content differs from the last build's
//! (a `touch`, or an editor saving the same text, is none). Never a change: anything under the
//! output folder (wherever `--out` is, even inside the sources), perspektiv's own temporary
//! files, editor scratch files (`*~`, `.#*`, `#*#`, `*.swp`, vim's `4913`), hidden files and
//! folders (`.git`), and the sources of other years. The events of one save are gathered
//! (debounced) into one change set, which gives one rebuild, once the changed files have stopped
//! changing (an editor that writes in place is not caught half-way).
//!
//! Ctrl-C (or SIGTERM) stops it between rebuilds ([`Stop`]): a rebuild under way is finished,
//! so that no output is left half-written, and the run ends with 0; a second Ctrl-C ends it at
//! once.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result, bail};
use notify::RecursiveMode;
use notify_debouncer_mini::new_debouncer;
use sha2::{Digest, Sha256};

use crate::build::BuildConfig;
use crate::check::summary;
use crate::console::Console;
use crate::diagnostics::{FileTexts, Problem};
use crate::diff::command::{SideSpec, load_side};
use crate::document::{ReviewOf, draft_view, prepare, prepare_review};
use crate::output::write_atomic;
use crate::render::Templates;
use crate::site::SiteConfig;
use crate::sources::Sources;
use crate::sources::{is_scratch, kinds};
use crate::t;
use crate::typeset::{self, DocWorld, Fonts, TypstWarning};

/// Everything `watch` needs, resolved from the command line once.
#[derive(Clone, Debug)]
pub struct WatchConfig {
    /// The build repeated.
    pub build: BuildConfig,
    /// Also rebuild the web edition.
    pub site: bool,
}

/// How long the events of one save are gathered before a rebuild, and how long the files must
/// then stay the same.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timing {
    /// The events of one save are gathered this long.
    pub(crate) debounce: Duration,
    /// The files must stay the same this long after a change.
    pub(crate) settle: Duration,
}

impl Timing {
    /// `watch`'s.
    pub(crate) const WATCH: Timing =
        Timing { debounce: Duration::from_millis(250), settle: Duration::from_millis(100) };
}

/// Rebuilds one year's PDF, keeping the Typst world (and so its caches) between rebuilds.
pub struct Rebuilder {
    cfg: BuildConfig,
    world: Option<DocWorld>,
    /// The review edition's world, when `--changes-since` asks for it.
    review_world: Option<DocWorld>,
    fonts: Option<Arc<Fonts>>,
    problems: Vec<Problem>,
    texts: FileTexts,
    /// Typst's warnings about the last rebuild's document.
    typst_warnings: Vec<TypstWarning>,
    /// Whether the last rebuild's checks across files ran (every file read).
    cross_checked: bool,
    site: bool,
}

/// What a rebuild did.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The PDF was written.
    Written,
    /// The sources have errors (see [`Rebuilder::problems`]); the PDF was left as it was.
    InvalidSources,
}

impl Rebuilder {
    /// A rebuilder for a build configuration.
    pub fn new(cfg: BuildConfig) -> Self {
        Self {
            cfg,
            world: None,
            review_world: None,
            fonts: None,
            problems: Vec::new(),
            texts: FileTexts::default(),
            typst_warnings: Vec::new(),
            cross_checked: false,
            site: false,
        }
    }

    /// Also rebuilds the web edition, after the PDF (which it holds beside its pages).
    pub fn with_site(mut self) -> Self {
        self.site = true;
        self
    }

    /// Forgets the loaded fonts, so that the next rebuild reads them again.
    pub fn reload_fonts(&mut self) {
        self.fonts = None;
    }

    /// The problems the last rebuild found in the sources (errors, warnings, notes), with the
    /// texts of the files they point into.
    pub fn problems(&self) -> (&[Problem], &FileTexts) {
        (&self.problems, &self.texts)
    }

    /// Typst's warnings about the document of the last rebuild.
    pub fn typst_warnings(&self) -> &[TypstWarning] {
        &self.typst_warnings
    }

    /// The configuration of the web edition rebuilt beside the PDF.
    fn site_config(&self) -> SiteConfig {
        let b = &self.cfg;
        SiteConfig {
            input: b.input.clone(),
            reporting: b.reporting,
            out: b.out.clone(),
            templates: b.templates.clone(),
            changes_since: b.changes_since.clone(),
        }
    }

    /// Loads, validates, renders, compiles and writes the PDF; keeps the problems and Typst's
    /// warnings for the caller to say (`console` is lent to the web edition's writing).
    pub fn rebuild(&mut self, console: &Console) -> Result<Outcome> {
        let Some(s) = self.load()? else {
            return Ok(Outcome::InvalidSources);
        };
        let pdf = self.typeset(&s)?;
        // Both PDFs are made before either is written.
        let review = self.typeset_review(console, &s)?;
        write_atomic(&self.cfg.outputs().document("pdf"), &pdf)?;
        if let Some((label, review)) = review {
            write_atomic(&self.cfg.outputs().review(&label), &review)?;
        }
        // After the PDF, which the web edition holds beside its pages.
        if self.site {
            crate::site::write_site(console, &self.site_config(), &s)?;
        }
        Ok(Outcome::Written)
    }

    /// Loads and validates the sources, keeping their problems (see [`Rebuilder::problems`]);
    /// `None` when they have errors.
    pub fn load(&mut self) -> Result<Option<Sources>> {
        self.typst_warnings.clear();
        let checked = self.cfg.input.load(self.cfg.reporting.deny_warnings)?;
        self.problems = checked.problems;
        self.texts = checked.texts;
        self.cross_checked = checked.cross_checked;
        Ok(checked.sources)
    }

    /// The review edition's PDF of loaded sources against `--changes-since` (with its label), if
    /// asked for; the older side is read again each time (it may be a year being edited too).
    pub fn typeset_review(&mut self, console: &Console, s: &Sources) -> Result<Option<(String, Vec<u8>)>> {
        let Some(given) = self.cfg.changes_since.clone() else { return Ok(None) };
        let fonts = match &self.fonts {
            Some(f) => f.clone(),
            None => {
                let f = Fonts::for_build(&self.cfg.input.fonts)?;
                self.fonts = Some(f.clone());
                f
            }
        };
        let spec = SideSpec::parse(&given)?;
        let Some(old) = load_side(console, &self.cfg.input.sources, &given, &spec, &fonts)? else {
            bail!("{}", t!("watch-review-invalid", old = &given, year = spec.year));
        };
        let templates = Templates::new(Some(&self.cfg.templates))?;
        let draft = if self.cfg.draft {
            Some(draft_view(&self.cfg.input.sources, &self.cfg.templates)?)
        } else {
            None
        };
        let prepared = prepare_review(s, ReviewOf { sources: &old, label: &given }, &templates, draft)?;
        let warnings = std::cell::RefCell::new(Vec::new());
        let pdf = typeset::typeset(&prepared.described(fonts), &mut self.review_world, &|w| {
            warnings.borrow_mut().push(w.clone());
        });
        self.typst_warnings.extend(warnings.into_inner());
        Ok(Some((given, pdf?.pdf)))
    }

    /// The document's PDF of loaded sources, with the caches of the previous rebuilds; Typst's
    /// warnings are kept (see [`Rebuilder::typst_warnings`]).
    pub fn typeset(&mut self, s: &Sources) -> Result<Vec<u8>> {
        let fonts = match &self.fonts {
            Some(f) => f.clone(),
            None => {
                let f = Fonts::for_build(&self.cfg.input.fonts)?;
                self.fonts = Some(f.clone());
                f
            }
        };
        let templates = Templates::new(Some(&self.cfg.templates))?;
        let draft = if self.cfg.draft {
            Some(draft_view(&self.cfg.input.sources, &self.cfg.templates)?)
        } else {
            None
        };
        let prepared = prepare(s, &templates, draft)?;
        let warnings = std::cell::RefCell::new(Vec::new());
        let pdf = typeset::typeset(&prepared.described(fonts), &mut self.world, &|w| {
            warnings.borrow_mut().push(w.clone());
        });
        self.typst_warnings = warnings.into_inner();
        // Keep recent compilations for the next rebuild, drop older ones.
        typst::comemo::evict(10);
        Ok(pdf?.pdf)
    }
}

/// The folders watched, and which of their files matter.
struct Watched {
    /// The sources folder, canonical.
    sources: Option<PathBuf>,
    /// The template and font folders that exist, canonical.
    others: Vec<PathBuf>,
    /// The fonts folder, canonical, if it exists.
    fonts: Option<PathBuf>,
    /// The output folder as an absolute path (it may not exist yet).
    out: PathBuf,
    /// The year folder's name.
    year: String,
    /// The files that relevant symbolic links among the sources lead to, canonical: an edit of
    /// one is an edit of the source, wherever it is (see [`link_targets`]).
    links: BTreeSet<PathBuf>,
}

impl Watched {
    fn new(cfg: &BuildConfig) -> Self {
        let existing = |p: &Path| p.is_dir().then(|| p.canonicalize().ok()).flatten();
        Self {
            sources: existing(&cfg.input.sources),
            others: [&cfg.templates, &cfg.input.fonts].into_iter().filter_map(|p| existing(p)).collect(),
            fonts: existing(&cfg.input.fonts),
            out: absolute(&cfg.out),
            year: cfg.input.year.to_string(),
            links: BTreeSet::new(),
        }
    }

    /// The folders to watch besides the roots: those of the files behind symbolic links that are
    /// outside every root (the watcher sees no edit there otherwise).
    fn link_folders(&self) -> BTreeSet<PathBuf> {
        self.links
            .iter()
            .filter_map(|target| target.parent())
            .filter(|folder| !self.roots().any(|root| folder.starts_with(root)))
            .map(Path::to_owned)
            .collect()
    }

    fn roots(&self) -> impl Iterator<Item = &PathBuf> {
        self.sources.iter().chain(&self.others)
    }

    /// Whether a change of `path` can change the document.
    fn relevant(&self, path: &Path) -> bool {
        if self.links.contains(path) {
            return true;
        }
        if path.starts_with(&self.out) {
            return false;
        }
        let Some(root) = self.roots().filter(|r| path.starts_with(r)).max_by_key(|r| r.as_os_str().len())
        else {
            return false;
        };
        let Ok(rel) = path.strip_prefix(root) else { return false };
        let names: Vec<String> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        if names.iter().any(|n| n.starts_with('.') || is_scratch(n)) {
            return false;
        }
        if Some(root) == self.sources.as_ref() {
            // The shared files at the top, and the year being built.
            return match names.as_slice() {
                [] => true,
                [name] => kinds::is_shared(name) || *name == self.year,
                [year, ..] => *year == self.year,
            };
        }
        true
    }

    /// The content of every relevant file: path → (length, modification time, SHA-256), a
    /// symbolic link's of the file it leads to (a folder behind a link is walked like any).
    /// Files whose length and time are unchanged since `before` are not read again.
    fn snapshot(&self, before: &Snapshot) -> Snapshot {
        let mut out = Snapshot::new();
        let mut stack: Vec<PathBuf> = self.roots().cloned().collect();
        let mut seen = BTreeSet::new();
        while let Some(dir) = stack.pop() {
            // By the folder itself, so that links that lead in a circle are walked once.
            if !seen.insert(dir.canonicalize().unwrap_or_else(|_| dir.clone())) {
                continue;
            }
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                if !self.relevant(&path) {
                    continue;
                }
                // Through a link: the target's length, time and content.
                let Ok(meta) = std::fs::metadata(&path) else { continue };
                if meta.is_dir() {
                    stack.push(path);
                    continue;
                }
                let (len, time) = (meta.len(), meta.modified().ok());
                let hash = match before.get(&path) {
                    Some((l, t, h)) if *l == len && *t == time => *h,
                    _ => match hash_file(&path) {
                        Some(h) => h,
                        None => continue,
                    },
                };
                out.insert(path, (len, time, hash));
            }
        }
        out
    }
}

type Snapshot = BTreeMap<PathBuf, (u64, Option<SystemTime>, [u8; 32])>;

/// The files that the symbolic links among a snapshot's files lead to, canonical.
fn link_targets(snapshot: &Snapshot) -> BTreeSet<PathBuf> {
    snapshot
        .keys()
        .filter(|path| std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()))
        .filter_map(|path| path.canonicalize().ok())
        .collect()
}

/// Watches the folders of the files behind links (`folders`) that are not watched yet, and stops
/// watching those no longer needed; `watching` is what is watched now.
fn watch_link_folders(
    console: &Console,
    watcher: &mut dyn notify::Watcher,
    watching: &mut BTreeSet<PathBuf>,
    folders: BTreeSet<PathBuf>,
) {
    for gone in watching.difference(&folders) {
        let _ = watcher.unwatch(gone);
    }
    for folder in folders.difference(watching) {
        if let Err(e) = watcher.watch(folder, RecursiveMode::NonRecursive) {
            console.warning(&t!(
                "watch-unseen",
                folder = folder.display().to_string(),
                error = e.to_string()
            ));
        }
    }
    *watching = folders;
}

fn hash_file(path: &Path) -> Option<[u8; 32]> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(_) => return None,
        }
    }
    Some(hasher.finalize().into())
}

/// The files whose content differs between two snapshots (added, removed or changed).
fn changed(a: &Snapshot, b: &Snapshot) -> Vec<PathBuf> {
    let keys: BTreeSet<&PathBuf> = a.keys().chain(b.keys()).collect();
    keys.into_iter().filter(|k| a.get(*k).map(|v| v.2) != b.get(*k).map(|v| v.2)).cloned().collect()
}

/// `path` as an absolute path, through the part of it that exists (canonical) and the rest as
/// written.
fn absolute(path: &Path) -> PathBuf {
    let path = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_owned())
    };
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            return rest.iter().rev().fold(canonical, |p, c| p.join(c));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return path,
        }
    }
}

/// What was last printed about warnings, so that unchanged ones are not printed again.
#[derive(Default)]
struct Printed {
    warnings: Option<Vec<(PathBuf, String, String)>>,
}

fn warning_keys(problems: &[Problem]) -> Vec<(PathBuf, String, String)> {
    problems
        .iter()
        .filter(|p| !p.is_error())
        .map(|p| (p.location.file.clone(), p.location.key.to_string(), p.message.clone()))
        .collect()
}

fn rebuild_and_report(console: &Console, r: &mut Rebuilder, printed: &mut Printed) {
    let start = Instant::now();
    let outcome = r.rebuild(console);
    for w in r.typst_warnings() {
        console.typst_warning_now(w);
    }
    let (problems, texts) = r.problems();
    let warnings: Vec<Problem> = problems.iter().filter(|p| !p.is_error()).cloned().collect();
    let keys = warning_keys(&warnings);
    let fresh = printed.warnings.as_ref() != Some(&keys);
    match outcome {
        Ok(Outcome::Written) => {
            let n = warnings.iter().filter(|p| p.is_warning()).count();
            let same = if !fresh && n > 0 {
                format!(" {}", t!("watch-as-before", warnings = n))
            } else {
                String::new()
            };
            let pdf = r.cfg.outputs().document("pdf").display().to_string();
            let mut what = match r.site {
                true => {
                    t!("watch-pdf-and-site", pdf = pdf, site = r.site_config().dir().display().to_string())
                }
                false => pdf,
            };
            if let Some(old) = &r.cfg.changes_since {
                let review = r.cfg.outputs().review(old).display().to_string();
                what = t!("watch-and-review", what = what, review = review);
            }
            let ms = start.elapsed().as_millis();
            console.wrote_what(&format!(
                "{}{same}",
                t!("watch-wrote", what = what, ms = u64::try_from(ms).unwrap_or(u64::MAX))
            ));
            if fresh {
                console.problems(&warnings, texts);
                console.summary(summary(&warnings, r.cfg.input.year, true, false, true));
            }
        }
        Ok(Outcome::InvalidSources) => {
            let shown: Vec<Problem> = if fresh {
                problems.to_vec()
            } else {
                problems.iter().filter(|p| p.is_error()).cloned().collect()
            };
            console.problems(&shown, texts);
            console.summary(summary(problems, r.cfg.input.year, true, true, r.cross_checked));
            console.line(&t!("watch-waiting"));
        }
        Err(e) => {
            console.error(&e.to_string());
            for cause in e.chain().skip(1) {
                console.line(&format!("{}: {cause}", t!("prefix-caused-by")));
            }
            console.line(&t!("watch-waiting"));
            return;
        }
    }
    printed.warnings = Some(keys);
}

/// What the watcher of a run hears: the file system's events, or that the run is to stop.
enum Heard {
    Files(notify_debouncer_mini::DebounceEventResult),
    Stop,
}

/// A request to stop a run of `watch` or `serve`, as Ctrl-C makes it: the run's [`Saves`] ends,
/// at once when it waits for a save, else when the build under way is done.
#[derive(Clone, Default)]
pub struct Stop(Arc<StopState>);

#[derive(Default)]
struct StopState {
    asked: AtomicBool,
    /// The channel of the run's watcher, once it watches.
    wake: Mutex<Option<mpsc::Sender<Heard>>>,
}

impl Stop {
    /// Asks the run to stop; whether it had been asked before.
    pub fn ask(&self) -> bool {
        let before = self.0.asked.swap(true, Ordering::SeqCst);
        if let Some(tx) = self.0.wake.lock().unwrap_or_else(std::sync::PoisonError::into_inner).as_ref() {
            // A watcher that has gone needs no waking.
            let _ = tx.send(Heard::Stop);
        }
        before
    }

    /// Whether the run was asked to stop.
    pub fn asked(&self) -> bool {
        self.0.asked.load(Ordering::SeqCst)
    }

    /// Asks the run to stop on Ctrl-C (SIGINT), SIGTERM or SIGHUP; a second one ends the process
    /// at once, with 130 (as a shell reports a program it interrupted). Once per process.
    ///
    /// Errors: the handler cannot be installed (another is).
    pub fn on_signals(&self) -> Result<()> {
        let stop = self.clone();
        ctrlc::set_handler(move || {
            if stop.ask() {
                std::process::exit(130);
            }
        })
        .with_context(|| t!("watch-no-signals"))
    }

    /// Makes `tx` hear the stop.
    fn wake(&self, tx: mpsc::Sender<Heard>) {
        *self.0.wake.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(tx);
    }
}

/// The saves of the files a build reads, one at a time: the watcher of `watch` and `serve`.
/// A save is a change of the content of a relevant file (see the module's documentation); the
/// events of one save are gathered into one. It ends when its [`Stop`] is asked.
pub(crate) struct Saves {
    watched: Watched,
    debouncer: notify_debouncer_mini::Debouncer<notify::RecommendedWatcher>,
    rx: mpsc::Receiver<Heard>,
    stop: Stop,
    snapshot: Snapshot,
    link_folders: BTreeSet<PathBuf>,
    /// The folders watched as named on the command line, for messages.
    names: Vec<String>,
    settle: Duration,
}

/// One save: the files whose content changed.
pub(crate) struct Save {
    /// The changed files (never empty).
    pub(crate) files: Vec<PathBuf>,
    /// Whether a font changed (the fonts must be read again).
    pub(crate) fonts: bool,
}

impl Saves {
    /// Starts watching what a build of `cfg` reads, until `stop` is asked.
    pub(crate) fn new(console: &Console, cfg: &BuildConfig, timing: Timing, stop: &Stop) -> Result<Self> {
        let mut watched = Watched::new(cfg);
        let (tx, rx) = mpsc::channel();
        stop.wake(tx.clone());
        let files = move |events: notify_debouncer_mini::DebounceEventResult| {
            // The run has stopped: nobody listens.
            let _ = tx.send(Heard::Files(events));
        };
        let mut debouncer =
            new_debouncer(timing.debounce, files).with_context(|| t!("watch-cannot-watch"))?;
        for dir in watched.roots() {
            debouncer
                .watcher()
                .watch(dir, RecursiveMode::Recursive)
                .with_context(|| t!("watch-cannot-watch-folder", folder = dir.display().to_string()))?;
        }
        let snapshot = watched.snapshot(&Snapshot::new());
        // A source that is a symbolic link to a file elsewhere: its folder is watched too.
        let mut link_folders = BTreeSet::new();
        watched.links = link_targets(&snapshot);
        watch_link_folders(console, debouncer.watcher(), &mut link_folders, watched.link_folders());
        let names = [&cfg.input.sources, &cfg.templates, &cfg.input.fonts]
            .into_iter()
            .filter(|d| d.is_dir())
            .map(|d| format!("`{}`", d.display()))
            .collect();
        Ok(Self {
            watched,
            debouncer,
            rx,
            stop: stop.clone(),
            snapshot,
            link_folders,
            names,
            settle: timing.settle,
        })
    }

    /// The folders watched, for a message: "`sources`, `templates`".
    pub(crate) fn folders(&self) -> String {
        self.names.join(", ")
    }

    /// Waits for the next save; `None` when the run is to stop, or the watcher has stopped.
    pub(crate) fn next(&mut self, console: &Console) -> Option<Save> {
        loop {
            if self.stop.asked() {
                return None;
            }
            let events = match self.rx.recv().ok()? {
                Heard::Stop => return None,
                Heard::Files(Ok(events)) => events,
                Heard::Files(Err(e)) => {
                    console.error(&t!("watch-failed", error = e.to_string()));
                    continue;
                }
            };
            if !events.iter().any(|e| self.watched.relevant(&e.path)) {
                continue;
            }
            let mut now = self.watched.snapshot(&self.snapshot);
            if changed(&self.snapshot, &now).is_empty() {
                continue;
            }
            // An editor that writes in place (truncate, then write) can be seen half-way: wait
            // until the files stop changing before building.
            for _ in 0..50 {
                std::thread::sleep(self.settle);
                let again = self.watched.snapshot(&now);
                if changed(&now, &again).is_empty() {
                    break;
                }
                now = again;
            }
            let files = changed(&self.snapshot, &now);
            self.snapshot = now;
            self.watched.links = link_targets(&self.snapshot);
            let folders = self.watched.link_folders();
            watch_link_folders(console, self.debouncer.watcher(), &mut self.link_folders, folders);
            if files.is_empty() {
                continue;
            }
            let fonts = files.iter().any(|p| self.watched.fonts.as_ref().is_some_and(|f| p.starts_with(f)));
            return Some(Save { files, fonts });
        }
    }
}

/// `perspektiv watch`: builds once, then after every change. Stops with Ctrl-C.
pub fn run(WatchConfig { build: cfg, site }: WatchConfig) -> Result<ExitCode> {
    let console = Console::new(cfg.reporting.format);
    let stop = Stop::default();
    stop.on_signals()?;
    let mut saves = Saves::new(&console, &cfg, Timing::WATCH, &stop)?;
    let mut rebuilder = Rebuilder::new(cfg.clone());
    if site {
        rebuilder = rebuilder.with_site();
    }
    let mut printed = Printed::default();
    rebuild_and_report(&console, &mut rebuilder, &mut printed);
    console.line(&t!("watch-watching", folders = saves.folders()));
    while let Some(save) = saves.next(&console) {
        if save.fonts {
            rebuilder.reload_fonts();
        }
        rebuild_and_report(&console, &mut rebuilder, &mut printed);
    }
    console.line(&t!("watch-stopped"));
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_watched() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().canonicalize()?;
        std::fs::create_dir_all(root.join("2030/values"))?;
        let watched = Watched {
            sources: Some(root.clone()),
            others: vec![],
            fonts: None,
            out: root.join("out"),
            year: "2030".into(),
            links: BTreeSet::new(),
        };
        for (rel, expected) in [
            ("parties.toml", true),
            ("2030/goals.toml", true),
            ("2030/values/N15428.json", true),
            ("2029/goals.toml", false),
            ("out/2030/politiskt-inriktningsdokument-2030.pdf", false),
            ("out/2030/.perspektiv-abc.tmp", false),
            ("2030/goals.toml~", false),
            ("2030/.goals.toml.swp", false),
            ("2030/.#goals.toml", false),
            ("2030/#goals.toml#", false),
            ("2030/4913", false),
            ("2030/.perspektiv-x1y2.tmp", false),
            (".git/index", false),
            ("schema/goals.schema.json", false),
            ("README.md", false),
            ("kolada.toml", true),
        ] {
            assert_eq!(watched.relevant(&root.join(rel)), expected, "{rel}");
        }
        Ok(())
    }

    #[test]
    fn content_not_time_makes_a_change() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().canonicalize()?;
        std::fs::create_dir_all(root.join("2030"))?;
        std::fs::write(root.join("2030/goals.toml"), "a")?;
        let watched = Watched {
            sources: Some(root.clone()),
            others: vec![],
            fonts: None,
            out: root.join("out"),
            year: "2030".into(),
            links: BTreeSet::new(),
        };
        let first = watched.snapshot(&Snapshot::new());
        std::fs::write(root.join("2030/goals.toml"), "a")?;
        std::fs::create_dir_all(root.join("out/2030"))?;
        std::fs::write(root.join("out/2030/x.pdf"), "pdf")?;
        let second = watched.snapshot(&first);
        assert!(changed(&first, &second).is_empty());
        std::fs::write(root.join("2030/goals.toml"), "b")?;
        let third = watched.snapshot(&second);
        assert_eq!(changed(&second, &third), vec![root.join("2030/goals.toml")]);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn an_edit_behind_a_symbolic_link_is_a_change() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let base = dir.path().canonicalize()?;
        let (root, elsewhere) = (base.join("sources"), base.join("elsewhere"));
        std::fs::create_dir_all(root.join("2030"))?;
        std::fs::create_dir_all(elsewhere.join("y2031"))?;
        std::fs::write(elsewhere.join("goals.toml"), "a")?;
        std::fs::write(elsewhere.join("y2031/goals.toml"), "a")?;
        // A file behind a link, and a whole year's folder behind one.
        std::os::unix::fs::symlink("../../elsewhere/goals.toml", root.join("2030/goals.toml"))?;
        std::os::unix::fs::symlink("../elsewhere/y2031", root.join("2031"))?;
        for year in ["2030", "2031"] {
            let mut watched = Watched {
                sources: Some(root.clone()),
                others: vec![],
                fonts: None,
                out: root.join("out"),
                year: year.into(),
                links: BTreeSet::new(),
            };
            let first = watched.snapshot(&Snapshot::new());
            assert!(first.contains_key(&root.join(year).join("goals.toml")), "{year}: {first:?}");
            watched.links = link_targets(&first);
            // An edit of the target of the same length, so that only its content and time differ.
            let target = if year == "2030" {
                elsewhere.join("goals.toml")
            } else {
                elsewhere.join("y2031/goals.toml")
            };
            std::thread::sleep(Duration::from_millis(20));
            std::fs::write(&target, "b")?;
            let second = watched.snapshot(&first);
            assert_eq!(changed(&first, &second), vec![root.join(year).join("goals.toml")], "{year}");
            if year == "2030" {
                assert!(watched.relevant(&target), "an event at the target counts");
                assert!(!watched.relevant(&elsewhere.join("other.toml")));
                assert_eq!(watched.link_folders(), BTreeSet::from([elsewhere.clone()]));
            }
        }
        Ok(())
    }

    #[test]
    fn absolute_paths_of_folders_not_made_yet() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().canonicalize()?;
        assert_eq!(absolute(&root.join("a/b")), root.join("a/b"));
        Ok(())
    }
}
