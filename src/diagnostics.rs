//! Problems found in the sources, with their locations, and how they are printed.
//!
//! Every problem names the file, the line and column, and the key path inside the file
//! (`member[3].role[0].body`); cross-reference problems also point at the other place.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::{self as cfiles, Files};
use codespan_reporting::term;
use serde::Serialize;

use crate::i18n::Msg;
use crate::t;

/// How problems in the sources are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DiagnosticFormat {
    /// Readable, with the source line (codespan style).
    #[default]
    Human,
    /// One JSON object per line: `severity`, `code`, `file`, `line`, `column`, `key`, `message`,
    /// `hint`.
    Json,
}

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information about what was done with the input (records skipped); never fails a run.
    Note,
    /// Printed, but does not fail the run (unless warnings are denied).
    Warning,
    /// Fails the run.
    Error,
}

/// One segment of a key path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Seg {
    /// A table key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// A path to a value inside a TOML file: `member[3].role[0].body`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyPath(pub Vec<Seg>);

impl KeyPath {
    /// The root of the file.
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path extended by a key.
    pub fn key(&self, key: &str) -> Self {
        let mut segs = self.0.clone();
        segs.push(Seg::Key(key.to_owned()));
        Self(segs)
    }

    /// This path extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(index));
        Self(segs)
    }

    /// Parses the printed form of a path (`member[3].role[0].body`).
    pub fn parse(s: &str) -> Self {
        let mut segs = Vec::new();
        for part in s.split('.').filter(|p| !p.is_empty() && *p != "?") {
            let (key, mut rest) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            if !key.is_empty() {
                segs.push(Seg::Key(key.to_owned()));
            }
            while let Some(end) = rest.find(']') {
                if let Ok(n) = rest[1..end].parse() {
                    segs.push(Seg::Index(n));
                }
                rest = &rest[end + 1..];
            }
        }
        Self(segs)
    }

    /// Whether the path is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for seg in &self.0 {
            match seg {
                Seg::Key(k) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    let bare = !k.is_empty()
                        && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                    if bare {
                        f.write_str(k)?;
                    } else {
                        write!(f, "{k:?}")?;
                    }
                }
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

impl Serialize for KeyPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A place in a source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file, as shown to the user.
    pub file: PathBuf,
    /// Byte range in the file, when known.
    pub span: Option<Range<usize>>,
    /// Key path in the file, when the problem is about a value.
    pub key: KeyPath,
}

impl Location {
    /// A whole file.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Self { file: file.into(), span: None, key: KeyPath::root() }
    }
}

/// Something wrong (or worth a look) in the sources.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The kind of problem: the key of its message in the catalogues, the same in every
    /// language (`duplicate-id`), for tools that read `--diagnostic-format json`.
    pub code: &'static str,
    /// What is wrong, lowercase, no trailing period, in the language of the run.
    pub message: String,
    /// Where.
    pub location: Location,
    /// Other places involved (the first definition of a duplicate id, ...).
    pub related: Vec<(Location, String)>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Problem {
    /// An error at a location; its code is the message's key.
    pub fn error(location: Location, message: Msg) -> Self {
        Self {
            severity: Severity::Error,
            code: message.key,
            message: message.text(),
            location,
            related: Vec::new(),
            hint: None,
        }
    }

    /// A warning at a location.
    pub fn warning(location: Location, message: Msg) -> Self {
        Self { severity: Severity::Warning, ..Self::error(location, message) }
    }

    /// A note at a location.
    pub fn note(location: Location, message: Msg) -> Self {
        Self { severity: Severity::Note, ..Self::error(location, message) }
    }

    /// Adds another place involved.
    pub fn with_related(mut self, location: Location, note: impl Into<String>) -> Self {
        self.related.push((location, note.into()));
        self
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Whether it is a warning.
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }
}

/// The texts of the files problems point into, so that locations can be resolved and shown.
#[derive(Default)]
pub struct FileTexts {
    files: Vec<(PathBuf, String)>,
}

impl FileTexts {
    /// Records the text of a file.
    pub fn insert(&mut self, path: &Path, text: &str) {
        if !self.files.iter().any(|(p, _)| p == path) {
            self.files.push((path.to_owned(), text.to_owned()));
        }
    }

    /// The text of a file, if recorded.
    pub fn get(&self, path: &Path) -> Option<&str> {
        self.files.iter().find(|(p, _)| p == path).map(|(_, t)| t.as_str())
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, path: &Path, offset: usize) -> Option<(usize, usize)> {
        let text = self.get(path)?;
        let offset = offset.min(text.len());
        let before = text.get(..offset)?;
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Some((line, col))
    }
}

/// A problem in the form printed by `--diagnostic-format json`.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    /// "error", "warning" or "note".
    pub severity: Severity,
    /// The kind of problem, the same in every language (`duplicate-id`, `unknown-key`).
    pub code: &'a str,
    /// File path.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// Key path in the file ("" for the whole file).
    pub key: String,
    /// What is wrong.
    pub message: &'a str,
    /// How to fix it.
    pub hint: Option<&'a str>,
}

impl FileTexts {
    /// The problem as a JSON object.
    pub fn to_json<'a>(&self, p: &'a Problem) -> JsonDiagnostic<'a> {
        let pos = p.location.span.as_ref().and_then(|s| self.line_col(&p.location.file, s.start));
        JsonDiagnostic {
            severity: p.severity,
            code: p.code,
            file: p.location.file.display().to_string(),
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            key: p.location.key.to_string(),
            message: &p.message,
            hint: p.hint.as_deref(),
        }
    }

    /// Renders problems the way compilers do: header, `--> file:line:col`, the line, the key.
    pub fn render(&self, problems: &[Problem], color: bool) -> String {
        let mut buffer = if color { termcolor::Buffer::ansi() } else { termcolor::Buffer::no_color() };
        let config = term::Config::default();
        let mut out = String::new();
        for p in problems {
            let (files, diag) = self.diagnostic(p);
            buffer.clear();
            let _ = term::emit_to_write_style(&mut buffer, &config, &files, &diag);
            let text = String::from_utf8_lossy(buffer.as_slice());
            // codespan names the severity in English; the first word of the header is it.
            let (english, said) = match p.severity {
                Severity::Error => ("error", t!("prefix-error")),
                Severity::Warning => ("warning", t!("prefix-warning")),
                Severity::Note => ("note", t!("prefix-note")),
            };
            out.push_str(&text.replacen(english, &said, 1));
        }
        // A bidirectional control in a message or a quoted line would reorder what the terminal
        // shows: every invisible character is shown by its code.
        crate::sources::text::visible(&out).into_owned()
    }

    fn diagnostic(&self, p: &Problem) -> (Shown, Diagnostic<usize>) {
        let mut files = Shown::default();
        let mut ids: Vec<(PathBuf, usize)> = Vec::new();
        let mut labels = Vec::new();
        let mut notes = Vec::new();
        let places = std::iter::once((&p.location, "", true))
            .chain(p.related.iter().map(|(loc, note)| (loc, note.as_str(), false)));
        for (loc, note, primary) in places {
            let key = (!loc.key.is_empty()).then(|| t!("diag-key", key = loc.key.to_string()));
            match (&loc.span, self.get(&loc.file)) {
                (Some(span), Some(text)) => {
                    let name = loc.file.display().to_string();
                    // A long line (a one-line JSON answer from Kolada) is shown as a window around
                    // the place, with the real line and column.
                    let (id, span) = match Window::around(text, span) {
                        Some((window, source, shown)) => (files.add(name, source, Some(window)), shown),
                        None => {
                            let id = match ids.iter().find(|(path, _)| *path == loc.file) {
                                Some((_, id)) => *id,
                                None => {
                                    let id = files.add(name, text.to_owned(), None);
                                    ids.push((loc.file.clone(), id));
                                    id
                                }
                            };
                            (id, span.clone())
                        }
                    };
                    let label = if primary { Label::primary(id, span) } else { Label::secondary(id, span) };
                    let message = [Some(note.to_owned()).filter(|n| !n.is_empty()), key]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(": ");
                    labels.push(label.with_message(message));
                }
                _ => {
                    let mut text = t!("diag-in-file", file = loc.file.display().to_string());
                    if !loc.key.is_empty() {
                        text = format!("{text} {}", t!("diag-at-key", key = loc.key.to_string()));
                    }
                    // "parties are defined here" with no place in the file reads "parties are
                    // defined in `…`".
                    let here = format!(" {}", t!("diag-here"));
                    if let Some(stem) = note.strip_suffix(here.as_str()) {
                        text = format!("{stem} {text}");
                    } else if !note.is_empty() {
                        text = format!("{note}: {text}");
                    }
                    notes.push(text);
                }
            }
        }
        if let Some(hint) = &p.hint {
            notes.push(format!("{}: {hint}", t!("prefix-hint")));
        }
        let severity = match p.severity {
            Severity::Error => codespan_reporting::diagnostic::Severity::Error,
            Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
            Severity::Note => codespan_reporting::diagnostic::Severity::Note,
        };
        let diag = Diagnostic::new(severity).with_message(&p.message).with_labels(labels).with_notes(notes);
        (files, diag)
    }
}

/// Lines longer than this many bytes are shown as a window around the place of a problem.
const LONG_LINE: usize = 200;

/// Characters shown on each side of the place in a window.
const CONTEXT: usize = 60;

/// Where a window of a long line comes from, so that line and column numbers stay real.
struct Window {
    /// The 0-based index of the line in the file.
    line_index: usize,
    /// Characters of the line before the window.
    chars_before: usize,
    /// Bytes of the `…` before the window's text in its source.
    marker: usize,
}

impl Window {
    /// A window around `span` when its line is long: the window, its text, and the span in it.
    fn around(text: &str, span: &Range<usize>) -> Option<(Window, String, Range<usize>)> {
        let start = span.start.min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if line_end - line_start <= LONG_LINE {
            return None;
        }
        let end = span.end.clamp(start, line_end).min(start + 2 * CONTEXT);
        let from = floor_boundary(text, start.saturating_sub(CONTEXT).max(line_start));
        let to = ceil_boundary(text, (end + CONTEXT).min(line_end));
        let before = if from > line_start { "…" } else { "" };
        let after = if to < line_end { "…" } else { "" };
        let source = format!("{before}{}{after}", &text[from..to]);
        let shown = (start - from + before.len())..(end - from + before.len());
        let window = Window {
            line_index: text[..line_start].matches('\n').count(),
            chars_before: text[line_start..from].chars().count(),
            marker: before.len(),
        };
        Some((window, source, shown))
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The files of one problem as shown: whole texts, or windows of long lines.
#[derive(Default)]
struct Shown {
    files: Vec<ShownFile>,
}

struct ShownFile {
    name: String,
    source: String,
    line_starts: Vec<usize>,
    window: Option<Window>,
}

/// The quoted text with every invisible character (see [`crate::sources::text::invisible`])
/// shown as a placeholder of the same length in bytes, so that spans still fit: a dotted circle
/// (U+25CC, as Unicode's charts show a character without a glyph of its own) or, for a two-byte
/// character, a middle dot. The message names the character.
fn placeholders(source: String) -> String {
    if !source.chars().any(|c| crate::sources::text::invisible(c).is_some()) {
        return source;
    }
    source
        .chars()
        .map(|c| match (crate::sources::text::invisible(c), c.len_utf8()) {
            (Some(_), 3) => '\u{25CC}',
            (Some(_), 2) => '\u{B7}',
            _ => c,
        })
        .collect()
}

impl Shown {
    fn add(&mut self, name: String, source: String, window: Option<Window>) -> usize {
        let source = placeholders(source);
        let line_starts = cfiles::line_starts(&source).collect();
        self.files.push(ShownFile { name, source, line_starts, window });
        self.files.len() - 1
    }

    fn get(&self, id: usize) -> Result<&ShownFile, cfiles::Error> {
        self.files.get(id).ok_or(cfiles::Error::FileMissing)
    }
}

impl<'a> Files<'a> for Shown {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, cfiles::Error> {
        Ok(&self.get(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, cfiles::Error> {
        Ok(&self.get(id)?.source)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, cfiles::Error> {
        let starts = &self.get(id)?.line_starts;
        Ok(starts.binary_search(&byte_index).unwrap_or_else(|next| next - 1))
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, cfiles::Error> {
        let file = self.get(id)?;
        Ok(file.window.as_ref().map_or(line_index, |w| w.line_index + line_index) + 1)
    }

    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, cfiles::Error> {
        let file = self.get(id)?;
        let range = self.line_range(id, line_index)?;
        let column = cfiles::column_index(&file.source, range.clone(), byte_index);
        Ok(match &file.window {
            Some(w) => {
                let marker =
                    file.source[range.start..(range.start + w.marker).min(file.source.len())].chars().count();
                w.chars_before + column.saturating_sub(marker) + 1
            }
            None => column + 1,
        })
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, cfiles::Error> {
        let file = self.get(id)?;
        let start = *file
            .line_starts
            .get(line_index)
            .ok_or(cfiles::Error::LineTooLarge { given: line_index, max: file.line_starts.len() - 1 })?;
        let end = file.line_starts.get(line_index + 1).copied().unwrap_or(file.source.len());
        Ok(start..end)
    }
}

/// One segment of a key path given to [`key!`](crate::key).
pub trait IntoSeg {
    /// The segment.
    fn into_seg(self) -> Seg;
}

impl IntoSeg for &str {
    fn into_seg(self) -> Seg {
        Seg::Key(self.to_owned())
    }
}

impl IntoSeg for &String {
    fn into_seg(self) -> Seg {
        Seg::Key(self.clone())
    }
}

impl IntoSeg for usize {
    fn into_seg(self) -> Seg {
        Seg::Index(self)
    }
}

/// Builds a key path: `key!("member", 3, "role", 0, "body")` is `member[3].role[0].body`.
#[macro_export]
macro_rules! key {
    ($($seg:expr),* $(,)?) => {
        $crate::diagnostics::KeyPath(vec![$($crate::diagnostics::IntoSeg::into_seg($seg)),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg;

    #[test]
    fn key_paths_round_trip() {
        for s in ["member[3].role[0].body", "title", "chapter[0].block[2].text", "goal[1].indicator[0]"] {
            assert_eq!(KeyPath::parse(s).to_string(), s);
        }
        assert_eq!(KeyPath::root().key("tasks").key("a b").to_string(), "tasks.\"a b\"");
    }

    #[test]
    fn long_lines_are_shown_as_a_window_with_real_positions() {
        let mut t = FileTexts::default();
        let line = format!("{{\"values\":[{}{{\"value\":\"83,1\"}}]}}", "{\"value\":1},".repeat(100));
        let text = format!("\n{line}\n");
        t.insert(Path::new("a.json"), &text);
        let start = text.find("\"83,1\"").unwrap_or_default();
        let p = Problem::error(
            Location {
                file: "a.json".into(),
                span: Some(start..start + 6),
                key: KeyPath::root().key("value"),
            },
            msg!("other", message = "not a number"),
        );
        let out = t.render(&[p], false);
        let column = text[..start].chars().count();
        assert!(out.contains(&format!("a.json:2:{column}")), "{out}");
        assert!(out.contains("│ …") && out.contains("{\"value\":1},{\"value\":\"83,1\"}]}"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() < 2 * CONTEXT + 60), "{out}");
        assert_eq!(t.line_col(Path::new("a.json"), start), Some((2, column)));
    }

    #[test]
    fn line_and_column_count_characters() {
        let mut t = FileTexts::default();
        t.insert(Path::new("a.toml"), "x = 1\nnamn = \"Åsa\"\n");
        assert_eq!(t.line_col(Path::new("a.toml"), 0), Some((1, 1)));
        let off = "x = 1\nnamn = \"Å".len();
        assert_eq!(t.line_col(Path::new("a.toml"), off), Some((2, 10)));
    }
}
