//! `perspektiv serve`: the draft in the browser. Builds the web edition and the PDF of a year into
//! a folder of its own (`<OUT>/.serve/<YEAR>/`, never the published outputs), serves them on the
//! loopback address, and after every save (seen as `watch` sees one: [`Saves`]) rebuilds them and
//! tells every open page to reload.
//!
//! - **Reload after the build.** A save is built first: the pages of the new build replace the
//!   old ones in memory at once, and only then does every open page hear of the build (server-sent
//!   events on [`EVENTS`]); a page that connects late asks again. The PDFs of a build (the
//!   document's, and with `--changes-since` the review edition's) are typeset after its pages; a
//!   request for one waits until it is done, so a page never gets the PDF of another build.
//! - **Errors in the page.** A save that breaks the sources keeps the last good pages and shows
//!   every problem (file, line, column, key, message, hint, as `check` reports them) in a banner
//!   on every page; the next good build removes it.
//! - **From passage to source.** Served pages are rendered with their source places
//!   (`data-source="sources/2023/document.toml:51:1"` on each paragraph, heading, list item, table
//!   row, member, indicator, calendar month and box of the organisation chart); a small script,
//!   which only served pages carry, shows the place when hovered and with `--editor` opens it.
//!   The written site has neither script nor places.
//! - **Stopped cleanly.** Ctrl-C (or SIGTERM) stops it between builds: it stops accepting, ends
//!   the event streams, leaves the folder of the last build as it is and exits with 0 (a second
//!   Ctrl-C ends it at once).
//! - **Safe on a shared machine.** It listens on `127.0.0.1` unless `--host` says otherwise; it
//!   answers only GET and HEAD, only requests whose `Host` is a loopback name or an address (a
//!   name that resolves to the machine, as in DNS rebinding, is refused), and only with the files
//!   it built, from memory: no path with `..`, no folder listing, no source file.
//!
//! The HTTP server is `tiny_http`: small, synchronous and well kept, a thread per connection,
//! which is all a preview for one person needs, without an async runtime to compile.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{ErrorKind, Write};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tiny_http::{Header, Method, Request, Response};

use crate::build::BuildConfig;
use crate::check::summary;
use crate::console::Console;
use crate::diagnostics::{FileTexts, Problem, Severity};
use crate::escape;
use crate::names::{Outputs, document_file, review_file, review_page};
use crate::output::write_dir;
use crate::render::Templates;
use crate::site::{self, Changes, Extras, SiteConfig, SitePdf};
use crate::sources::Sources;
use crate::t;
use crate::watch::{Rebuilder, Saves, Stop, Timing};

/// The port served on when `--port` is not given.
pub const DEFAULT_PORT: u16 = 8000;

/// The address of the stream of build events that served pages listen to.
pub const EVENTS: &str = "/__perspektiv/events";

/// A preview reacts faster than `watch`: the events of a save are gathered for a tenth of a
/// second, and a file written in place must stay the same for another 30 ms.
const TIMING: Timing = Timing { debounce: Duration::from_millis(100), settle: Duration::from_millis(30) };

/// How often an idle event stream says it is alive (so that a closed page's stream ends).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Everything `serve` needs, resolved from the command line once.
#[derive(Clone, Debug)]
pub struct ServeConfig {
    /// The year, its sources, templates, fonts and draft marks; `out` is where the folder of the
    /// served build goes (`<OUT>/.serve/<YEAR>/`).
    pub build: BuildConfig,
    /// The address listened on: `127.0.0.1` unless `--host` says otherwise.
    pub host: IpAddr,
    /// The port (0: any free port).
    pub port: u16,
    /// Open the browser at the address.
    pub open: bool,
    /// Also serve the change page against this older side (`2019`, `REV:YEAR`).
    pub changes_since: Option<String>,
    /// How a click on a passage opens its source: a URL with `{path}`, `{line}` and `{column}`
    /// (`vscode://file/{path}:{line}:{column}`).
    pub editor: Option<String>,
}

impl ServeConfig {
    /// The folder of the served build: `<OUT>/.serve/<YEAR>`.
    pub fn dir(&self) -> PathBuf {
        Outputs::new(&self.build.out, self.build.input.year).serve_dir()
    }

    /// The configuration of the web edition served (its change page's side, its templates).
    fn site_config(&self) -> SiteConfig {
        let b = &self.build;
        SiteConfig {
            input: b.input.clone(),
            reporting: b.reporting,
            out: b.out.clone(),
            templates: b.templates.clone(),
            changes_since: self.changes_since.clone(),
        }
    }

    /// The paths of the PDFs served, from the root: the document's, and with `--changes-since`
    /// the review edition's.
    fn pdf_paths(&self) -> BTreeSet<String> {
        let year = self.build.input.year;
        let review = self.changes_since.as_ref().map(|old| review_file(year, old, "pdf"));
        [document_file(year, "pdf")].into_iter().chain(review).collect()
    }

    /// The page a browser is sent to first: the review edition's page with `--changes-since`
    /// (beside the change page), else the document.
    pub fn start_page(&self) -> String {
        match &self.changes_since {
            Some(old) => review_page(old, self.build.input.year),
            None => "index.html".to_owned(),
        }
    }
}

/// What is served now.
struct Shown {
    /// The number of the last build, good or not: the pages' script compares it with its own.
    build: u64,
    /// The files of the last good build, by path from the root (`index.html`), the PDFs aside.
    files: Arc<BTreeMap<String, Vec<u8>>>,
    /// The last good PDFs, by path from the root: the document's, and with `--changes-since` the
    /// review edition's.
    pdfs: BTreeMap<String, Arc<Vec<u8>>>,
    /// The PDFs of the pages shown that are still being typeset.
    typesetting: BTreeSet<String>,
    /// The problems of the last build, as the banner of every page shows them (none after a
    /// good build).
    banner: Option<String>,
}

/// What the server's threads share with the builder.
struct Shared {
    shown: Mutex<Shown>,
    /// Told when a PDF is done.
    typeset: Condvar,
    /// The paths of the PDFs served (see [`Shown::pdfs`]).
    pdf_paths: BTreeSet<String>,
    /// The event streams of the open pages.
    listeners: Mutex<Vec<mpsc::Sender<u64>>>,
    /// The settings of the pages' script.
    script: ScriptSettings,
    /// Whether the server listens on more than the loopback address (`--host`): then a `Host`
    /// that is any address is answered, and names other than `localhost` still are not.
    any_address: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Shared {
    /// Tells every open page that build `build` is what is served now; drops the streams of
    /// pages that have closed.
    fn announce(&self, build: u64) {
        lock(&self.listeners).retain(|tx| tx.send(build).is_ok());
    }

    /// The PDF at `path` of the pages shown, waiting while it is typeset.
    fn pdf(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        let mut shown = lock(&self.shown);
        while shown.typesetting.contains(path) {
            shown = self.typeset.wait(shown).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        shown.pdfs.get(path).cloned()
    }

    /// The PDF at `path` is done: `pdf`, or the last good one when it failed.
    fn typeset_done(&self, path: &str, pdf: Option<Arc<Vec<u8>>>) {
        {
            let mut shown = lock(&self.shown);
            shown.typesetting.remove(path);
            if let Some(pdf) = pdf {
                shown.pdfs.insert(path.to_owned(), pdf);
            }
        }
        self.typeset.notify_all();
    }
}

/// A running server: its address, and the builder's loop, which the caller runs.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    builder: Builder,
    /// The HTTP server, also held by the thread that takes its requests.
    http: Arc<tiny_http::Server>,
    /// The thread that takes the requests.
    accepting: std::thread::JoinHandle<()>,
    /// Set when serving stops: the thread that takes the requests ends.
    stopping: Arc<std::sync::atomic::AtomicBool>,
}

impl Server {
    /// Binds the address, builds once and starts answering requests (on threads of its own);
    /// [`Server::watch`] then rebuilds after every save.
    ///
    /// Errors: the port is in use or the address cannot be bound; the folders cannot be
    /// watched; the older side of `--changes-since` does not load.
    pub fn start(cfg: ServeConfig, console: &Console) -> Result<Self> {
        let listener = bind(cfg.host, cfg.port)?;
        let addr = listener.local_addr().with_context(|| t!("serve-address-unread"))?;
        let base = std::env::current_dir().with_context(|| t!("serve-folder-unread"))?;
        let shared = Arc::new(Shared {
            shown: Mutex::new(Shown {
                build: 0,
                files: Arc::default(),
                pdfs: BTreeMap::new(),
                typesetting: BTreeSet::new(),
                banner: None,
            }),
            typeset: Condvar::new(),
            pdf_paths: cfg.pdf_paths(),
            listeners: Mutex::new(Vec::new()),
            script: ScriptSettings { editor: cfg.editor.clone(), base: base.display().to_string() },
            any_address: !cfg.host.is_loopback(),
        });
        let mut builder = Builder::new(cfg, console)?;
        builder.build(console, &shared);
        let http = Arc::new(
            tiny_http::Server::from_listener(listener, None)
                .map_err(|e| anyhow::anyhow!(t!("serve-start-failed", error = e.to_string())))?,
        );
        let (serving, server) = (shared.clone(), http.clone());
        let stopping = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = stopping.clone();
        let accepting = std::thread::spawn(move || {
            loop {
                match server.recv() {
                    Ok(request) => {
                        let shared = serving.clone();
                        std::thread::spawn(move || answer(request, &shared));
                    }
                    Err(_) if stop.load(std::sync::atomic::Ordering::SeqCst) => break,
                    // A connection that failed to be accepted (a client that hung up, too many
                    // open files for a moment) ends only itself; serving goes on.
                    Err(_) => std::thread::sleep(Duration::from_millis(20)),
                }
            }
        });
        Ok(Self { addr, shared, builder, http, accepting, stopping })
    }

    /// The address served on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Rebuilds after every save until `stop` is asked (Ctrl-C) or the watcher stops; then stops
    /// serving (see [`Server::shut_down`]).
    ///
    /// Errors: the folders cannot be watched.
    pub fn watch(mut self, console: &Console, stop: &Stop) -> Result<()> {
        let watched = self.rebuild_on_saves(console, stop);
        self.shut_down();
        watched
    }

    fn rebuild_on_saves(&mut self, console: &Console, stop: &Stop) -> Result<()> {
        let mut saves = Saves::new(console, &self.builder.cfg.build, TIMING, stop)?;
        console.line(&t!("watch-watching", folders = saves.folders()));
        while let Some(save) = saves.next(console) {
            if save.fonts {
                self.builder.rebuilder.reload_fonts();
            }
            let names: Vec<String> = save.files.iter().map(|f| format!("`{}`", f.display())).collect();
            console.line(&t!("serve-changed", files = names.join(", ")));
            self.builder.build(console, &self.shared);
        }
        Ok(())
    }

    /// Stops serving: no more connections are accepted (the port is free once the HTTP server
    /// is gone), and every open page's event stream ends. The folder of the last build stays.
    fn shut_down(self) {
        self.stopping.store(true, std::sync::atomic::Ordering::SeqCst);
        self.http.unblock();
        // A thread that panicked has nothing left to stop.
        let _ = self.accepting.join();
        drop(self.http);
        lock(&self.shared.listeners).clear();
    }
}

/// Listens on `host:port`; a port in use is said with the next one to try.
fn bind(host: IpAddr, port: u16) -> Result<TcpListener> {
    match TcpListener::bind((host, port)) {
        Ok(listener) => Ok(listener),
        Err(e) if e.kind() == ErrorKind::AddrInUse => {
            let next = port.checked_add(1).unwrap_or(DEFAULT_PORT);
            bail!("{}", t!("serve-port-in-use", port = port.to_string(), next = next.to_string()))
        }
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            bail!("{}", t!("serve-port-denied", port = port.to_string(), default = DEFAULT_PORT.to_string()))
        }
        Err(e) => Err(e)
            .with_context(|| t!("serve-listen-failed", address = SocketAddr::new(host, port).to_string())),
    }
}

/// Builds the served edition: the year's sources through [`Rebuilder`] (Typst's caches kept),
/// the pages with their source places, then the PDF.
struct Builder {
    cfg: ServeConfig,
    rebuilder: Rebuilder,
    /// The older side of the change page, loaded once.
    old: Option<(String, Sources)>,
}

impl Builder {
    fn new(cfg: ServeConfig, console: &Console) -> Result<Self> {
        let old = match &cfg.changes_since {
            Some(old) => Some((old.clone(), site::load_old_side(console, &cfg.site_config(), old)?)),
            None => None,
        };
        Ok(Self { rebuilder: Rebuilder::new(cfg.build.clone()), cfg, old })
    }

    /// The pages of loaded sources, as served: every passage with its place, and linked to the
    /// PDFs of the same build (which are served from their own slots: the files here are empty).
    fn pages(&self, s: &Sources) -> Result<BTreeMap<String, Vec<u8>>> {
        let templates = Templates::html(Some(&self.cfg.build.templates))?;
        let stylesheet = site::stylesheet(&self.cfg.build.templates)?;
        let mut pdfs = vec![SitePdf::document(s, Vec::new())];
        // With `--changes-since`: the review edition's PDF, its page, and the change page.
        pdfs.extend(self.old.as_ref().map(|(old, _)| SitePdf::review(s, old, Vec::new())));
        let view = self.old.as_ref().map(|(old, old_sources)| (old, site::change_view(old, old_sources, s)));
        let edition = self.old.as_ref().map(|(old, old_sources)| {
            std::cell::RefCell::new(site::review_edition(old, old_sources, s, true))
        });
        let changes = view.as_ref().map(|(old, view)| Changes { view, old, review: edition.as_ref() });
        let extras = Extras { changes: changes.as_ref(), pdfs, placed: true };
        let files = site::site_files_with(s, &templates, &stylesheet, &extras)?;
        let pdfs = self.cfg.pdf_paths();
        Ok(files.into_iter().filter(|f| !pdfs.contains(&f.path)).map(|f| (f.path, f.bytes)).collect())
    }

    /// One build, said on `console`: after its pages, every open page is told to reload; then
    /// its PDFs are typeset.
    fn build(&mut self, console: &Console, shared: &Shared) {
        let start = Instant::now();
        let loaded = self.rebuilder.load();
        let (problems, texts) = self.rebuilder.problems();
        let s = match loaded {
            Ok(Some(s)) => s,
            Ok(None) => {
                console.problems(problems, texts);
                let year = self.cfg.build.input.year;
                console.summary(summary(problems, year, false, true, true));
                let built = !lock(&shared.shown).files.is_empty();
                console.line(&if built { t!("serve-pages-stay") } else { t!("serve-no-pages-yet") });
                let banner = banner(problems, texts, &[]);
                self.failed(shared, banner);
                return;
            }
            Err(e) => {
                console.failed(&e);
                self.failed(shared, banner(&[], &FileTexts::default(), &error_lines(&e)));
                return;
            }
        };
        let warnings: Vec<Problem> = problems.iter().filter(|p| !p.is_error()).cloned().collect();
        console.problems(&warnings, texts);
        let files = match self.pages(&s) {
            Ok(files) => Arc::new(files),
            Err(e) => {
                console.failed(&e);
                self.failed(shared, banner(&[], &FileTexts::default(), &error_lines(&e)));
                return;
            }
        };
        let build = {
            let mut shown = lock(&shared.shown);
            shown.build += 1;
            shown.files = files.clone();
            shown.banner = None;
            shown.typesetting = shared.pdf_paths.clone();
            shown.build
        };
        shared.announce(build);
        let pages_ms = start.elapsed().as_millis();

        match self.typeset(console, shared, &s) {
            Ok(pdfs) => {
                console.line(&t!(
                    "serve-built",
                    year = s.year,
                    pages = u64::try_from(pages_ms).unwrap_or(u64::MAX),
                    pdfs = pdfs.len(),
                    ms = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX)
                ));
                let mut entries: Vec<(&str, &[u8])> =
                    files.iter().map(|(path, bytes)| (path.as_str(), bytes.as_slice())).collect();
                entries.extend(pdfs.iter().map(|(path, pdf)| (path.as_str(), pdf.as_slice())));
                if let Err(e) = write_dir(&self.cfg.dir(), &entries) {
                    console.failed(&e);
                }
            }
            Err(e) => {
                console.failed(&e);
                console.line(&t!("watch-waiting"));
                self.failed(shared, banner(&[], &FileTexts::default(), &error_lines(&e)));
            }
        }
    }

    /// The PDFs of loaded sources, each served as soon as it is typeset: the document's, then
    /// with `--changes-since` the review edition's. A PDF that fails, and those after it, stay
    /// as they were. Typst's warnings are said as they come.
    ///
    /// Errors: the PDF that failed.
    fn typeset(
        &mut self,
        console: &Console,
        shared: &Shared,
        s: &Sources,
    ) -> Result<Vec<(String, Arc<Vec<u8>>)>> {
        let typeset = self.typeset_each(console, shared, s);
        for path in &shared.pdf_paths {
            shared.typeset_done(path, None);
        }
        typeset
    }

    fn typeset_each(
        &mut self,
        console: &Console,
        shared: &Shared,
        s: &Sources,
    ) -> Result<Vec<(String, Arc<Vec<u8>>)>> {
        let mut done = Vec::new();
        let path = document_file(s.year, "pdf");
        let pdf = self.rebuilder.typeset(s);
        let said = self.say_typst_warnings(console, 0);
        let pdf = Arc::new(pdf?);
        shared.typeset_done(&path, Some(pdf.clone()));
        done.push((path, pdf));
        if let Some(old) = self.cfg.changes_since.clone() {
            let path = review_file(s.year, &old, "pdf");
            let review = self.rebuilder.typeset_review(console, s);
            self.say_typst_warnings(console, said);
            if let Some((_, pdf)) = review? {
                let pdf = Arc::new(pdf);
                shared.typeset_done(&path, Some(pdf.clone()));
                done.push((path, pdf));
            }
        }
        Ok(done)
    }

    /// Says Typst's warnings of the last PDFs after the first `said`; returns how many there are.
    fn say_typst_warnings(&self, console: &Console, said: usize) -> usize {
        let warnings = self.rebuilder.typst_warnings();
        for w in warnings.iter().skip(said) {
            console.typst_warning_now(w);
        }
        warnings.len()
    }

    /// A build that failed: the last good files stay, with `banner` on every page.
    fn failed(&self, shared: &Shared, mut banner: String) {
        let build = {
            let mut shown = lock(&shared.shown);
            if shown.files.is_empty() {
                // Nothing built yet: no last good version to speak of.
                let (last, none) =
                    (escape::html(&t!("serve-banner-title")), escape::html(&t!("serve-banner-title-first")));
                banner = banner.replacen(&last, &none, 1);
            }
            shown.build += 1;
            shown.banner = Some(banner);
            shown.build
        };
        shared.announce(build);
    }
}

/// An error and its causes, one line each.
fn error_lines(e: &anyhow::Error) -> Vec<String> {
    e.chain().map(|c| c.to_string()).collect()
}

/// The banner of a failed build: every problem with its place and hint, or the lines of an
/// error that is not about the sources (a template, the typesetting).
fn banner(problems: &[Problem], texts: &FileTexts, error: &[String]) -> String {
    // In the language of the run, as the problems are.
    let mut out = format!(
        "<aside class=\"perspektiv-fel\" role=\"alert\" aria-labelledby=\"perspektiv-fel-rubrik\" lang=\"{}\">\n\
         <h2 id=\"perspektiv-fel-rubrik\">{}</h2>\n<ul>\n",
        crate::i18n::current().code(),
        escape::html(&t!("serve-banner-title"))
    );
    for p in problems {
        let d = texts.to_json(p);
        let mut place = d.file.clone();
        if let Some(line) = d.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = d.column {
                place.push_str(&format!(":{column}"));
            }
        }
        let severity = match p.severity {
            Severity::Error => t!("prefix-error"),
            Severity::Warning => t!("prefix-warning"),
            Severity::Note => t!("prefix-note"),
        };
        out.push_str(&format!(
            "<li><span class=\"allvar\">{}</span> <code class=\"plats\">{}</code>",
            escape::html(&severity),
            escape::html(&place)
        ));
        if !d.key.is_empty() {
            out.push_str(&format!(
                " <span class=\"nyckel\">{} <code>{}</code></span>",
                escape::html(&t!("serve-banner-key")),
                escape::html(&d.key)
            ));
        }
        out.push_str(&format!("<br><span class=\"meddelande\">{}</span>", escape::html(d.message)));
        if let Some(hint) = d.hint {
            out.push_str(&format!(
                "<br><span class=\"tips\">{}: {}</span>",
                escape::html(&t!("prefix-hint")),
                escape::html(hint)
            ));
        }
        out.push_str("</li>\n");
    }
    if let Some((first, causes)) = error.split_first() {
        out.push_str(&format!(
            "<li><span class=\"allvar\">{}</span> {}",
            escape::html(&t!("prefix-error")),
            escape::html(first)
        ));
        for cause in causes {
            out.push_str(&format!("<br>{}: {}", escape::html(&t!("prefix-caused-by")), escape::html(cause)));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</aside>\n");
    out
}

/// What the pages' script is told.
struct ScriptSettings {
    /// The editor's URL form.
    editor: Option<String>,
    /// The folder the sources' paths are relative to (the current folder), for the editor.
    base: String,
}

/// The style of what only served pages show: the banner, and the outline of a passage hovered.
const SERVED_STYLE: &str = "<style>\n\
.perspektiv-fel{position:sticky;top:0;z-index:10;margin:0;padding:.75rem 1rem;background:#fff3f0;color:#5a0a00;border-bottom:3px solid #b3261e;max-height:50vh;overflow:auto}\n\
.perspektiv-fel h2{font-size:1.1rem;margin:0 0 .5rem}\n\
.perspektiv-fel ul{margin:0;padding-left:1.25rem}\n\
.perspektiv-fel li{margin:.25rem 0}\n\
.perspektiv-fel .allvar{font-weight:bold;text-transform:uppercase}\n\
[data-source]:hover{outline:1px dashed #1a5fb4;outline-offset:2px;cursor:default}\n\
.perspektiv-redigera [data-source]:hover{cursor:pointer}\n\
</style>\n";

/// The script of served pages: reload when the server has another build than the page, keep
/// the scroll position across the reload, show a passage's source place when hovered and open
/// it in the editor when clicked.
const SERVED_SCRIPT: &str = r#"(function () {
  "use strict";
  var build = __BUILD__, editor = __EDITOR__, base = __BASE__, click = __CLICK__;
  var key = "perspektiv-scroll " + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = Number(saved);
    window.scrollTo(0, y);
    window.addEventListener("load", function () { window.scrollTo(0, y); });
  }
  var events = new EventSource("__EVENTS__");
  events.addEventListener("build", function (e) {
    if (Number(e.data) !== build) {
      events.close();
      sessionStorage.setItem(key, String(window.scrollY));
      location.reload();
    }
  });
  function place(el) {
    var m = /^(.*):(\d+):(\d+)$/.exec(el.getAttribute("data-source") || "");
    return m && { path: m[1], line: m[2], column: m[3] };
  }
  document.addEventListener("mouseover", function (e) {
    var el = e.target.closest && e.target.closest("[data-source]");
    var p = el && !el.title && place(el);
    if (p) el.title = p.path + ":" + p.line + (editor ? " (" + click + ")" : "");
  });
  if (editor) {
    document.documentElement.classList.add("perspektiv-redigera");
    document.addEventListener("click", function (e) {
      if (e.target.closest("a, button, summary, input") || String(window.getSelection())) return;
      var el = e.target.closest("[data-source]");
      var p = el && place(el);
      if (!p) return;
      var path = /^([A-Za-z]:)?[\\/]/.test(p.path) ? p.path : base.replace(/[\\/]$/, "") + "/" + p.path;
      e.preventDefault();
      location.href = editor.split("{path}").join(path).split("{line}").join(p.line).split("{column}").join(p.column);
    });
  }
})();
"#;

/// A value for the script, as a JavaScript literal that cannot end the `<script>` element.
fn js_literal(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into()).replace('<', "\\u003c")
}

/// A page as served: the banner of a failed build after `<body>`, the style and script of served
/// pages before `</body>`.
fn served_page(html: &[u8], build: u64, banner: Option<&str>, settings: &ScriptSettings) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let script = SERVED_SCRIPT
        .replace("__BUILD__", &build.to_string())
        .replace("__EDITOR__", &js_literal(&settings.editor))
        .replace("__BASE__", &js_literal(&settings.base))
        .replace("__CLICK__", &js_literal(&t!("serve-click-to-open")))
        .replace("__EVENTS__", EVENTS);
    let tail = format!("{SERVED_STYLE}<script>\n{script}</script>\n");
    let mut out = String::with_capacity(html.len() + tail.len() + banner.map_or(0, str::len));
    let body_open = html.find("<body").and_then(|i| html[i..].find('>').map(|j| i + j + 1));
    let body_close = html.rfind("</body>");
    match (body_open, body_close) {
        (Some(open), Some(close)) if open <= close => {
            out.push_str(&html[..open]);
            out.push('\n');
            out.push_str(banner.unwrap_or_default());
            out.push_str(&html[open..close]);
            out.push_str(&tail);
            out.push_str(&html[close..]);
        }
        _ => {
            out.push_str(banner.unwrap_or_default());
            out.push_str(&html);
            out.push_str(&tail);
        }
    }
    out.into_bytes()
}

/// A page of the server's own, in the language of the run: a heading and a paragraph (HTML).
fn own_page(title: &str, paragraph: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n</head>\n\
         <body>\n<main>\n<h1>{title}</h1>\n<p>{paragraph}</p>\n</main>\n</body>\n</html>\n",
        crate::i18n::current().code(),
        title = escape::html(title),
    )
}

/// The page shown before there is a good build.
fn no_build_yet() -> String {
    own_page(&t!("serve-no-build-title"), &escape::html(&t!("serve-no-build")))
}

/// The page of an address that is not served.
fn not_found() -> String {
    let link = format!("<a href=\"/index.html\">{}</a>", escape::html(&t!("serve-not-found-link")));
    own_page(&t!("serve-not-found-title"), &link)
}

/// Why a request is refused.
#[derive(Debug, PartialEq, Eq)]
enum Refusal {
    /// Another method than GET or HEAD.
    Method,
    /// A `Host` that is not a loopback name or an address.
    Host,
    /// A path that is not a plain path inside the served folder.
    Path,
}

/// Whether the `Host` of a request may be answered: `localhost` (and its subdomains), a loopback
/// address, or, when the server listens on more than loopback (`any_address`), any address.
/// Never another name: a page of another site whose name is made to resolve to this machine
/// (DNS rebinding) sends its own name.
fn host_allowed(host: Option<&str>, any_address: bool) -> bool {
    let Some(host) = host.map(str::trim) else { return false };
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((ip, port)) if port.is_empty() || port.strip_prefix(':').is_some_and(is_port) => ip,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if is_port(port) => name,
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || any_address,
        Err(_) => false,
    }
}

fn is_port(s: &str) -> bool {
    !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The served file a request's path names: `/` is `index.html`; a path with `..`, `.`, an empty
/// segment, a backslash or a control character (also percent-encoded) is refused.
fn file_of(url: &str) -> Result<String, Refusal> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let Some(path) = path.strip_prefix('/') else { return Err(Refusal::Path) };
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().map_err(|_| Refusal::Path)?;
    if decoded.is_empty() {
        return Ok("index.html".to_owned());
    }
    let ok = decoded.split('/').all(|seg| {
        !seg.is_empty()
            && seg != "."
            && seg != ".."
            && !seg.contains(['\\', ':'])
            && !seg.chars().any(char::is_control)
    });
    if ok { Ok(decoded.into_owned()) } else { Err(Refusal::Path) }
}

/// The media type of a served file by its ending.
fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("pdf") => "application/pdf",
        Some("otf") => "font/otf",
        Some("ttf") => "font/ttf",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// A response with the headers every answer carries: its type, no caching (a preview changes),
/// no guessing of the type.
fn respond(request: Request, status: u16, kind: &str, body: Vec<u8>, extra: &[(&str, &str)]) {
    let mut response = Response::from_data(body).with_status_code(status);
    let headers =
        [("Content-Type", kind), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")];
    for (name, value) in headers.iter().chain(extra) {
        if let Some(h) = header(name, value) {
            response.add_header(h);
        }
    }
    // A client that went away is no concern of the server's.
    let _ = request.respond(response);
}

fn refuse(request: Request, refusal: Refusal) {
    let (status, text, extra): (u16, String, &[(&str, &str)]) = match refusal {
        Refusal::Method => (405, t!("serve-refused-method"), &[("Allow", "GET, HEAD")]),
        Refusal::Host => (403, t!("serve-refused-host"), &[]),
        Refusal::Path => (400, t!("serve-refused-path"), &[]),
    };
    respond(request, status, "text/plain; charset=utf-8", format!("{text}\n").into_bytes(), extra);
}

/// Answers one request.
fn answer(request: Request, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return refuse(request, Refusal::Method);
    }
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_owned());
    if !host_allowed(host.as_deref(), shared.any_address) {
        return refuse(request, Refusal::Host);
    }
    let path = match file_of(request.url()) {
        Ok(path) => path,
        Err(refusal) => return refuse(request, refusal),
    };
    if format!("/{path}") == EVENTS {
        return events(request, shared);
    }
    if shared.pdf_paths.contains(&path)
        && let Some(pdf) = shared.pdf(&path)
    {
        return respond(request, 200, content_type(&path), pdf.to_vec(), &[]);
    }
    let (build, files, banner) = {
        let shown = lock(&shared.shown);
        (shown.build, shown.files.clone(), shown.banner.clone())
    };
    let served = |html: &[u8]| served_page(html, build, banner.as_deref(), &shared.script);
    match files.get(&path) {
        Some(bytes) if path.ends_with(".html") => {
            respond(request, 200, content_type(&path), served(bytes), &[]);
        }
        Some(bytes) => respond(request, 200, content_type(&path), bytes.clone(), &[]),
        None if files.is_empty() && path.ends_with(".html") => {
            respond(request, 200, content_type("a.html"), served(no_build_yet().as_bytes()), &[]);
        }
        None => respond(request, 404, content_type("a.html"), served(not_found().as_bytes()), &[]),
    }
}

/// The stream of build events of one open page: the current build at once, then each new one
/// (`event: build`, `data: <number>`), with a comment now and then to notice a closed page.
fn events(request: Request, shared: &Shared) {
    let (tx, rx) = mpsc::channel();
    let build = lock(&shared.shown).build;
    lock(&shared.listeners).push(tx);
    let head = *request.method() == Method::Head;
    let mut writer = request.into_writer();
    let start = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                 X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
    if writer.write_all(start.as_bytes()).and_then(|()| writer.flush()).is_err() || head {
        return;
    }
    let mut send = |text: String| writer.write_all(text.as_bytes()).and_then(|()| writer.flush()).is_ok();
    if !send(format!("retry: 500\nevent: build\ndata: {build}\n\n")) {
        return;
    }
    loop {
        let text = match rx.recv_timeout(KEEP_ALIVE) {
            Ok(build) => format!("event: build\ndata: {build}\n\n"),
            Err(mpsc::RecvTimeoutError::Timeout) => ": alive\n\n".to_owned(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if !send(text) {
            return;
        }
    }
}

/// Opens the browser at `url` with the system's own opener.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}

/// `perspektiv serve`: builds, serves, and rebuilds after every save until Ctrl-C.
pub fn run(cfg: ServeConfig) -> Result<ExitCode> {
    let console = Console::new(cfg.build.reporting.format);
    if !cfg.host.is_loopback() {
        console.warning(&t!("serve-other-machines", address = cfg.host.to_string()));
    }
    let start = cfg.start_page();
    let open = cfg.open;
    // Asked before the first build, so that Ctrl-C during it stops as cleanly.
    let stop = Stop::default();
    stop.on_signals()?;
    let server = Server::start(cfg, &console)?;
    let addr = server.addr();
    let host = if addr.ip().is_unspecified() { "127.0.0.1".to_owned() } else { addr.ip().to_string() };
    let host = if host.contains(':') { format!("[{host}]") } else { host };
    let url = format!("http://{host}:{}/", addr.port());
    console.out(&t!("serve-serving", url = &url));
    if start != "index.html" {
        console.out(&t!("serve-start-page", url = format!("{url}{start}")));
    }
    if open && let Err(e) = open_browser(&format!("{url}{}", if start == "index.html" { "" } else { &start }))
    {
        console.warning(&t!("serve-open-failed", error = e.to_string(), url = &url));
    }
    let dir = server.builder.cfg.dir();
    let shared = server.shared.clone();
    server.watch(&console, &stop)?;
    if lock(&shared.shown).files.is_empty() {
        console.line(&t!("serve-stopped-unbuilt"));
    } else {
        console.line(&t!("serve-stopped", folder = dir.display().to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_answered() {
        for (host, any, expected) in [
            (Some("127.0.0.1:8000"), false, true),
            (Some("localhost:8000"), false, true),
            (Some("LOCALHOST"), false, true),
            (Some("preview.localhost:8000"), false, true),
            (Some("[::1]:8000"), false, true),
            (Some("127.1.2.3"), false, true),
            (Some("example.com"), false, false),
            (Some("example.com:8000"), false, false),
            (Some("localhost.example.com"), false, false),
            (Some("192.168.1.5:8000"), false, false),
            (Some("192.168.1.5:8000"), true, true),
            (Some("example.com"), true, false),
            (Some("localhost:80:80"), false, false),
            (Some("[::1]x"), false, false),
            (Some(""), false, false),
            (None, false, false),
        ] {
            assert_eq!(host_allowed(host, any), expected, "{host:?} {any}");
        }
    }

    #[test]
    fn paths_served() {
        for (url, expected) in [
            ("/", Ok("index.html")),
            ("/index.html?x=1", Ok("index.html")),
            ("/aktuellt-perspektiv/arvika.html", Ok("aktuellt-perspektiv/arvika.html")),
            ("/assets/fonts/Source%20Sans.otf", Ok("assets/fonts/Source Sans.otf")),
            ("/../Cargo.toml", Err(Refusal::Path)),
            ("/assets/../../sources/2023/document.toml", Err(Refusal::Path)),
            ("/%2e%2e/Cargo.toml", Err(Refusal::Path)),
            ("/assets/%2E%2E/x", Err(Refusal::Path)),
            ("/a\\..\\b", Err(Refusal::Path)),
            ("/assets//x", Err(Refusal::Path)),
            ("/assets/", Err(Refusal::Path)),
            ("/C:/x", Err(Refusal::Path)),
            ("/%00", Err(Refusal::Path)),
            ("/%ff", Err(Refusal::Path)),
            ("index.html", Err(Refusal::Path)),
            ("http://example.com/", Err(Refusal::Path)),
        ] {
            assert_eq!(file_of(url), expected.map(str::to_owned), "{url}");
        }
    }

    #[test]
    fn served_pages_carry_the_banner_and_the_script() {
        let settings =
            ScriptSettings { editor: Some("vscode://file/{path}</script>".into()), base: "/w".into() };
        let page = "<html><body class=\"x\">\n<p>Text</p>\n</body></html>";
        let served = String::from_utf8(served_page(page.as_bytes(), 7, Some("<aside>B</aside>"), &settings))
            .unwrap_or_default();
        let banner = served.find("<aside>B</aside>").unwrap_or(usize::MAX);
        assert!(served.find("<body class=\"x\">").is_some_and(|b| b < banner), "{served}");
        assert!(banner < served.find("<p>Text</p>").unwrap_or(0), "{served}");
        assert!(served.contains("var build = 7,"), "{served}");
        assert!(served.contains(EVENTS));
        // A value cannot end the script early.
        assert_eq!(served.matches("</script>").count(), 1, "{served}");
        assert!(served.ends_with("</script>\n</body></html>"), "{served}");
    }

    #[test]
    fn the_banner_names_each_problem() {
        let mut texts = FileTexts::default();
        let file = PathBuf::from("sources/2023/document.toml");
        texts.insert(&file, "a = 1\ntitle = 3\n");
        let at = crate::diagnostics::Location {
            file: file.clone(),
            span: Some(6..11),
            key: crate::diagnostics::KeyPath::parse("title"),
        };
        let message = crate::i18n::Msg::new("invalid-value").arg("message", "expected a <string>");
        let problems = [Problem::error(at, message).with_hint("write it in quotes")];
        let html = banner(&problems, &texts, &[]);
        for part in [
            "<code class=\"plats\">sources/2023/document.toml:2:1</code>",
            "key <code>title</code>",
            "expected a &lt;string&gt;",
            "hint: write it in quotes",
            "lang=\"en\"",
        ] {
            assert!(html.contains(part), "{part}: {html}");
        }
        let error = banner(&[], &texts, &["failed to render `index.html`".into(), "line 3".into()]);
        assert!(error.contains("failed to render `index.html`<br>caused by: line 3"), "{error}");
    }
}
