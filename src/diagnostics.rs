//! Problems found in the sources, with their locations, and how they are printed.
//!
//! Every problem names the file, the line and column, and the key path inside the file
//! (`member[3].role[0].body`); cross-reference problems also point at the other place.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use serde::Serialize;

/// How problems in the sources are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DiagnosticFormat {
    /// Readable, with the source line (codespan style).
    #[default]
    Human,
    /// One JSON object per line: `severity`, `file`, `line`, `column`, `key`, `message`, `hint`.
    Json,
}

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Printed, but does not fail the run (unless warnings are denied).
    Warning,
    /// Fails the run.
    Error,
}

/// One segment of a key path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// A table key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// A path to a value inside a TOML file: `member[3].role[0].body`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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

    /// Parses the path form printed by `serde_path_to_error` (`member[3].role[0].body`).
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
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// Where.
    pub location: Location,
    /// Other places involved (the first definition of a duplicate id, ...).
    pub related: Vec<(Location, String)>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Problem {
    /// An error at a location.
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, message: message.into(), location, related: Vec::new(), hint: None }
    }

    /// A warning at a location.
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(location, message) }
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
    /// "error" or "warning".
    pub severity: Severity,
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
        for p in problems {
            let (files, diag) = self.diagnostic(p);
            let _ = term::emit_to_write_style(&mut buffer, &config, &files, &diag);
        }
        String::from_utf8_lossy(buffer.as_slice()).into_owned()
    }

    fn diagnostic(&self, p: &Problem) -> (SimpleFiles<String, String>, Diagnostic<usize>) {
        let mut files = SimpleFiles::new();
        let mut ids: Vec<(PathBuf, usize)> = Vec::new();
        let mut labels = Vec::new();
        let mut notes = Vec::new();
        let places = std::iter::once((&p.location, "", true))
            .chain(p.related.iter().map(|(loc, note)| (loc, note.as_str(), false)));
        for (loc, note, primary) in places {
            let key = (!loc.key.is_empty()).then(|| format!("key `{}`", loc.key));
            match (&loc.span, self.get(&loc.file)) {
                (Some(span), Some(text)) => {
                    let id = match ids.iter().find(|(path, _)| *path == loc.file) {
                        Some((_, id)) => *id,
                        None => {
                            let id = files.add(loc.file.display().to_string(), text.to_owned());
                            ids.push((loc.file.clone(), id));
                            id
                        }
                    };
                    let label = if primary {
                        Label::primary(id, span.clone())
                    } else {
                        Label::secondary(id, span.clone())
                    };
                    let message = [Some(note.to_owned()).filter(|n| !n.is_empty()), key]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(": ");
                    labels.push(label.with_message(message));
                }
                _ => {
                    let mut text = format!("in `{}`", loc.file.display());
                    if let Some(key) = key {
                        text.push_str(&format!(" at {key}"));
                    }
                    if !note.is_empty() {
                        text = format!("{note}: {text}");
                    }
                    notes.push(text);
                }
            }
        }
        if let Some(hint) = &p.hint {
            notes.push(format!("hint: {hint}"));
        }
        let severity = match p.severity {
            Severity::Error => codespan_reporting::diagnostic::Severity::Error,
            Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        };
        let diag = Diagnostic::new(severity).with_message(&p.message).with_labels(labels).with_notes(notes);
        (files, diag)
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

    #[test]
    fn key_paths_round_trip() {
        for s in ["member[3].role[0].body", "title", "chapter[0].block[2].text", "goal[1].indicator[0]"] {
            assert_eq!(KeyPath::parse(s).to_string(), s);
        }
        assert_eq!(KeyPath::root().key("tasks").key("a b").to_string(), "tasks.\"a b\"");
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
