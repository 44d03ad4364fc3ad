//! What `annexes` says on standard error, all in one place (as typst-cli's terminal): the
//! refusals, the markup written, the progress bar, Typst's warnings (each distinct one once, with
//! how many documents it concerned), the cache's warnings, the notes and the summary. The command
//! owns one [`Console`] and lends it to the workers; a line said while the progress bar shows is
//! printed above it.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};

use crate::typeset::TypstWarning;

/// The console of one run of `annexes`.
pub struct Console {
    progress: ProgressBar,
    /// Typst's warnings so far, each distinct one with how many documents gave it.
    typst: Mutex<Vec<(TypstWarning, usize)>>,
}

impl Default for Console {
    fn default() -> Self {
        Console { progress: ProgressBar::hidden(), typst: Mutex::new(Vec::new()) }
    }
}

impl Console {
    /// Prints a line on standard error, above the progress bar.
    fn line(&self, line: &str) {
        self.progress.suspend(|| eprintln!("{line}"));
    }

    /// `error: …` and `hint: …`: the run is refused; gives the exit code 1.
    pub fn refuse(&self, error: &str, hint: &str) -> ExitCode {
        self.line(&format!("error: {error}"));
        self.line(&format!("hint: {hint}"));
        ExitCode::from(1)
    }

    /// `wrote <path>`.
    pub fn wrote(&self, path: &Path) {
        self.line(&format!("wrote {}", path.display()));
    }

    /// `wrote <what>`: a file or folder with what it holds.
    pub fn wrote_what(&self, what: &str) {
        self.line(&format!("wrote {what}"));
    }

    /// `note: …`.
    pub fn note(&self, note: &str) {
        self.line(&format!("note: {note}"));
    }

    /// `warning: …`: something the run went on without (the cache).
    pub fn warning(&self, warning: &str) {
        self.line(&format!("warning: {warning}"));
    }

    /// Shows a progress bar of `documents` on a terminal (nothing elsewhere).
    pub fn start_documents(&mut self, documents: usize) {
        if !std::io::stderr().is_terminal() {
            return;
        }
        let bar = ProgressBar::new(documents as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} documents {elapsed}") {
            bar.set_style(style);
        }
        self.progress = bar;
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

    /// The documents are done: the progress bar goes.
    pub fn finish_documents(&self) {
        self.progress.finish_and_clear();
    }
}
