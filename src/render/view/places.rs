//! Source places: where in the sources each passage of a page comes from, for the pages that
//! `serve` shows (a passage's file, line and column, shown when hovered and opened in an editor).
//! The views carry them only when asked ([`super::document_placed`]); the written site and the
//! PDFs never do.
//!
//! A place is the place of the key the passage is read from (`chapter[2].block[1].text`), found
//! through the spans the sources were loaded with; a paragraph of prose is placed at its own line
//! inside the string (see [`Origin`]).

use std::fmt;

use serde::{Serialize, Serializer};

use crate::diagnostics::KeyPath;
use crate::markdown::Origin;
use crate::sources::Loaded;

/// A place in a source file: `sources/2023/document.toml:51:1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcePlace {
    /// The file, as messages name it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for SourcePlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

impl Serialize for SourcePlace {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// 1-based line and column (in characters) of a byte offset of `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// The place of the value at `key` in a loaded file (of the nearest enclosing key that exists).
pub(crate) fn place<T>(file: &Loaded<T>, key: &str) -> Option<SourcePlace> {
    let span = file.at(KeyPath::parse(key)).span?;
    let (line, column) = line_col(file.toml().raw(), span.start);
    Some(SourcePlace { file: file.path.display().to_string(), line, column })
}

/// Where the text of the string at `key` starts: after its opening quotes, and after the line
/// break that directly follows `"""` or `'''` (which TOML leaves out of the string).
pub(crate) fn origin<T>(file: &Loaded<T>, key: &str) -> Option<Origin> {
    let span = file.at(KeyPath::parse(key)).span?;
    let raw = file.toml().raw();
    let value = raw.get(span.start..)?;
    let quotes = ["\"\"\"", "'''", "\"", "'"].into_iter().find(|q| value.starts_with(q))?;
    let mut start = span.start + quotes.len();
    if quotes.len() == 3 {
        let rest = &raw[start..];
        if rest.starts_with("\r\n") {
            start += 2;
        } else if rest.starts_with('\n') {
            start += 1;
        }
    }
    let (line, column) = line_col(raw, start);
    Some(Origin { file: file.path.display().to_string(), line, column })
}

/// The position of `item` (a reference into `items`) in `items`.
pub(crate) fn position<T>(items: &[T], item: &T) -> Option<usize> {
    items.iter().position(|x| std::ptr::eq(x, item))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "a = 1\nb = \"åäö\"\n";
        for (offset, expected) in
            [(0, (1, 1)), (4, (1, 5)), (6, (2, 1)), (15, (2, 8)), (14, (2, 7)), (99, (3, 1))]
        {
            assert_eq!(line_col(text, offset), expected, "{offset}");
        }
        // Inside a character: the character's place.
        assert_eq!(line_col(text, 11), (2, 6));
    }

    #[test]
    fn places_are_written_as_editors_read_them() {
        let p = SourcePlace { file: "sources/2023/document.toml".into(), line: 51, column: 1 };
        assert_eq!(p.to_string(), "sources/2023/document.toml:51:1");
        assert_eq!(serde_json::to_string(&p).ok().as_deref(), Some("\"sources/2023/document.toml:51:1\""));
    }
}
