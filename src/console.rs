//! What a command says, all in one place (as typst-cli's terminal): the problems of the sources
//! and the line after them, the refusals, the files written, the progress bar, Typst's warnings
//! (as they come, or each distinct one once with how many documents it concerned), the warnings
//! and notes and the summary. Each command owns one [`Console`] and lends it to its workers; a
//! line said while the progress bar shows is printed above it. Standard output carries only what
//! a command gives as its result (a report, a list, `--diagnostic-format json` lines).

use std::io::IsTerminal;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::diagnostics::{DiagnosticFormat, FileTexts, JsonDiagnostic, Problem, Severity};
use crate::t;
use crate::typeset::TypstWarning;

/// The console of one run of a command.
pub struct Console {
    /// How problems and Typst's warnings are said.
    format: DiagnosticFormat,
    progress: ProgressBar,
    /// Typst's warnings so far, each distinct one with how many documents gave it.
    typst: Mutex<Vec<(TypstWarning, usize)>>,
}

impl Default for Console {
    fn default() -> Self {
        Console::new(DiagnosticFormat::Human)
    }
}

impl Console {
    /// A console saying problems and Typst's warnings in `format`.
    pub fn new(format: DiagnosticFormat) -> Self {
        Console { format, progress: ProgressBar::hidden(), typst: Mutex::new(Vec::new()) }
    }

    /// How problems are said.
    pub fn format(&self) -> DiagnosticFormat {
        self.format
    }

    /// Prints a line on standard error, above the progress bar. A closed standard error (or
    /// output, below) is not an error: the program goes on (a server keeps serving).
    pub fn line(&self, line: &str) {
        self.progress.suspend(|| drop(writeln!(std::io::stderr(), "{line}")));
    }

    /// Prints text (ending in its own newline, if any) on standard error, above the progress bar.
    pub fn text(&self, text: &str) {
        self.progress.suspend(|| drop(write!(std::io::stderr(), "{text}")));
    }

    /// Prints a line of the command's result on standard output.
    pub fn out(&self, line: &str) {
        self.progress.suspend(|| drop(writeln!(std::io::stdout(), "{line}")));
    }

    /// Prints text of the command's result (ending in its own newline, if any) on standard output.
    pub fn out_text(&self, text: &str) {
        self.progress.suspend(|| {
            let mut out = std::io::stdout();
            drop(write!(out, "{text}").and_then(|()| out.flush()))
        });
    }

    /// The line after the readable problems (see [`crate::check::summary`]), when there is one;
    /// nothing in `--diagnostic-format json`.
    pub fn summary(&self, line: Option<String>) {
        if let (DiagnosticFormat::Human, Some(line)) = (self.format, line) {
            self.line(&line);
        }
    }

    /// `error: …`.
    pub fn error(&self, error: &str) {
        self.line(&format!("{}: {error}", t!("prefix-error")));
    }

    /// The problems of the sources: readable on standard error (in colour on a terminal), or one
    /// JSON line each on standard output.
    pub fn problems(&self, problems: &[Problem], texts: &FileTexts) {
        self.problems_in(self.format, problems, texts);
    }

    /// The problems of the sources in `format`, whatever the command's (the other side of a
    /// comparison is always said readably).
    pub fn problems_in(&self, format: DiagnosticFormat, problems: &[Problem], texts: &FileTexts) {
        match format {
            DiagnosticFormat::Human => {
                if !problems.is_empty() {
                    self.text(&texts.render(problems, std::io::stderr().is_terminal()));
                }
            }
            DiagnosticFormat::Json => {
                for p in problems {
                    if let Ok(line) = serde_json::to_string(&texts.to_json(p)) {
                        self.out(&line);
                    }
                }
            }
        }
    }

    /// A warning Typst gave about one document, said now: readable on standard error, as the
    /// problems of the sources are, or as a JSON line on standard output (the template and its
    /// line, or the markup and its line, the message and the first hint).
    pub fn typst_warning_now(&self, w: &TypstWarning) {
        match self.format {
            DiagnosticFormat::Human => self.line(&w.render(1)),
            DiagnosticFormat::Json => {
                let (file, line) = match &w.template {
                    Some((template, tline)) => (template.clone(), Some(*tline)),
                    None => (w.name.clone(), w.line),
                };
                let json = JsonDiagnostic {
                    severity: Severity::Warning,
                    code: "typst-warning",
                    file,
                    line,
                    column: None,
                    key: String::new(),
                    message: &w.message,
                    hint: w.hints.first().map(String::as_str),
                };
                if let Ok(line) = serde_json::to_string(&json) {
                    self.out(&line);
                }
            }
        }
    }

    /// A command that failed: `error:` with the error, one `caused by:` line for each of its
    /// causes, and the hint of a [`crate::UsageError`].
    pub fn failed(&self, e: &anyhow::Error) {
        use crate::sources::text::visible;
        self.error(&visible(&e.to_string()));
        for cause in e.chain().skip(1) {
            self.line(&format!("{}: {}", t!("prefix-caused-by"), visible(&cause.to_string())));
        }
        if let Some(hint) = e.downcast_ref::<crate::UsageError>().and_then(|u| u.hint.as_deref()) {
            self.line(&format!("{}: {}", t!("prefix-hint"), visible(hint)));
        }
    }

    /// `error: …` and `hint: …`: the run is refused; gives the exit code 1.
    pub fn refuse(&self, error: &str, hint: &str) -> ExitCode {
        self.error(error);
        self.line(&format!("{}: {hint}", t!("prefix-hint")));
        ExitCode::from(1)
    }

    /// `wrote <path>`.
    pub fn wrote(&self, path: &Path) {
        self.line(&t!("wrote", what = path.display().to_string()));
    }

    /// `wrote <what>`: a file or folder with what it holds.
    pub fn wrote_what(&self, what: &str) {
        self.line(&t!("wrote", what = what));
    }

    /// `note: …`.
    pub fn note(&self, note: &str) {
        self.line(&format!("{}: {note}", t!("prefix-note")));
    }

    /// `warning: …`: something the run went on without (the cache).
    pub fn warning(&self, warning: &str) {
        self.line(&format!("{}: {warning}", t!("prefix-warning")));
    }

    /// Shows a progress bar of `documents` on a terminal (nothing elsewhere).
    pub fn start_documents(&mut self, documents: usize) {
        if !std::io::stderr().is_terminal() {
            return;
        }
        let bar = ProgressBar::new(documents as u64);
        if let Ok(style) = ProgressStyle::with_template(&format!(
            "{{bar:30}} {{pos}}/{{len}} {} {{elapsed}}",
            t!("progress-documents")
        )) {
            bar.set_style(style);
        }
        self.progress = bar;
    }

    /// Shows a spinner counting `requests` with the one being made, when `visible`.
    pub fn start_requests(&mut self, visible: bool, requests: usize) {
        let bar = if visible { ProgressBar::new(requests as u64) } else { ProgressBar::hidden() };
        if let Ok(style) = ProgressStyle::with_template(&format!(
            "{{spinner}} {} {{pos}}/{{len}} {{wide_msg}}",
            t!("progress-request")
        )) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        self.progress = bar;
    }

    /// What is being done now, beside the progress bar.
    pub fn doing(&self, what: String) {
        self.progress.set_message(what);
    }

    /// `n` more steps are finished.
    pub fn done(&self, n: u64) {
        self.progress.inc(n);
    }

    /// One more document is finished.
    pub fn document_done(&self) {
        self.progress.inc(1);
    }

    /// Takes a warning Typst gave about one document; [`Console::print_typst_warnings`] prints it.
    pub fn typst_warning(&self, w: &TypstWarning) {
        let mut seen = self.typst.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match seen.iter_mut().find(|(s, _)| s.key() == w.key()) {
            Some((_, n)) => *n += 1,
            None => seen.push((w.clone(), 1)),
        }
    }

    /// Prints each of Typst's warnings once, in the order they first came, with how many
    /// documents gave it.
    pub fn print_typst_warnings(&self) {
        let seen = self.typst.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for (w, n) in seen.iter() {
            self.line(&w.render(*n));
        }
    }

    /// The work is done: the progress bar goes.
    pub fn finish_progress(&self) {
        self.progress.finish_and_clear();
    }
}
