//! The safety net at the end of every typesetting: before a PDF is written, the laid-out
//! document's text must show what its view says it shows (every person, body, goal, indicator and
//! party); whatever is missing is named with the place in the sources it came from, and the PDF
//! is not written.
//!
//! The text is read from Typst's laid-out document, not from the PDF, and compared without
//! whitespace, hyphens and case, so that line breaks, hyphenation at a line end and a template's
//! `upper` or `smallcaps` never give a false alarm.

use std::collections::HashSet;
use std::fmt;

use typst::introspection::{Location, Tag};
use typst::layout::{Frame, FrameItem};
use typst::pdf::ArtifactElem;
use typst_layout::PagedDocument;

use crate::diagnostics::{FileTexts, KeyPath};
use crate::sources::Loaded;
use crate::t;

/// What kind of thing a document must show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A person's name.
    Person,
    /// A body's name.
    Body,
    /// A goal's title.
    Goal,
    /// An indicator's text.
    Indicator,
    /// A party's name.
    Party,
    /// An entity of the change annex (a person, a body, an indicator that changed).
    Change,
}

impl Kind {
    /// The kind as the messages select it (`{ $kind -> [person] … }`).
    fn noun(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Body => "body",
            Kind::Goal => "goal",
            Kind::Indicator => "indicator",
            Kind::Party => "party",
            Kind::Change => "change",
        }
    }
}

/// Where a required text comes from in the sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The source file, as shown to the user (`sources/2023/members.toml`).
    pub file: String,
    /// 1-based line and column of the value, when known.
    pub line_col: Option<(usize, usize)>,
    /// The key path of the value (`member[3].name`).
    pub key: KeyPath,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`", self.file)?;
        if let Some((line, column)) = self.line_col {
            write!(f, ", {}", t!("missing-texts-line", line = line, column = column))?;
        }
        if !self.key.is_empty() {
            write!(f, ", {}", t!("diag-key", key = self.key.to_string()))?;
        }
        Ok(())
    }
}

/// A text the typeset document must contain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Required {
    /// What it is.
    pub kind: Kind,
    /// The text as the view has it ("Anna Berg").
    pub text: String,
    /// Where it comes from, when the view knows.
    pub origin: Option<Origin>,
    /// [`normalize`]d `text`.
    needle: String,
}

/// What a typeset document must show, built from its view (never from its template): each text
/// once, with where it came from.
#[derive(Default)]
pub struct MustShow {
    items: Vec<Required>,
    seen: HashSet<(Kind, String)>,
    texts: FileTexts,
}

impl MustShow {
    /// Nothing required.
    pub fn new() -> Self {
        Self::default()
    }

    /// Requires `text`, a value of the source file `loaded` at `key`. A text that is empty once
    /// normalised, or already required as the same kind, is not added again.
    pub fn require<T>(&mut self, kind: Kind, text: &str, loaded: &Loaded<T>, key: KeyPath) {
        let Some(needle) = self.new_needle(kind, text) else { return };
        let location = loaded.at(key);
        self.texts.insert(&location.file, loaded.toml().raw());
        let line_col = location.span.and_then(|span| self.texts.line_col(&location.file, span.start));
        let origin = Origin { file: location.file.display().to_string(), line_col, key: location.key };
        self.items.push(Required { kind, text: text.to_owned(), origin: Some(origin), needle });
    }

    /// Requires `text` without a place in the sources (a text the program derived).
    pub fn require_derived(&mut self, kind: Kind, text: &str) {
        if let Some(needle) = self.new_needle(kind, text) {
            self.items.push(Required { kind, text: text.to_owned(), origin: None, needle });
        }
    }

    /// The normalised `text`, unless it is empty or already required as `kind`.
    fn new_needle(&mut self, kind: Kind, text: &str) -> Option<String> {
        let needle = normalize(text);
        (!needle.is_empty() && self.seen.insert((kind, needle.clone()))).then_some(needle)
    }

    /// Keeps only the texts `other` requires too, as the same kind: the review edition's new
    /// side requires what both editions show (a text only one side has may be split by its
    /// marks: "Anna [borttaget: Berg][tillagt: Lind]").
    pub fn retain_shared(&mut self, other: &MustShow) {
        self.items.retain(|item| other.seen.contains(&(item.kind, item.needle.clone())));
        self.seen = self.items.iter().map(|item| (item.kind, item.needle.clone())).collect();
    }

    /// The required texts, in the order they were added.
    pub fn items(&self) -> &[Required] {
        &self.items
    }

    /// The required texts as bytes for a cache key: a PDF typeset for one list is not taken from
    /// the cache for another.
    pub fn fingerprint(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for item in &self.items {
            out.extend_from_slice(item.kind.noun().as_bytes());
            out.push(0);
            out.extend_from_slice(item.needle.as_bytes());
            out.push(0);
        }
        out
    }

    /// The required texts that `doc` does not show anywhere in its [`document_text`]: in its
    /// content, read on across page breaks, or in its artifacts.
    pub fn missing_in(&self, doc: &PagedDocument) -> Vec<&Required> {
        let text = document_text(doc);
        self.items.iter().filter(|item| !text.contains(&item.needle)).collect()
    }

    /// Checks that `doc` shows every required text.
    ///
    /// Errors: the texts it does not show ([`Missing`]).
    pub fn check(&self, doc: &PagedDocument) -> Result<(), Missing> {
        let missing = self.missing_in(doc);
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Missing { items: missing.into_iter().cloned().collect() })
        }
    }
}

/// Texts the typeset document does not show, though its view says it must.
#[derive(Clone, Debug)]
pub struct Missing {
    /// The missing texts, in the view's order.
    pub items: Vec<Required>,
}

/// How many lines of a [`Missing`] message name texts; the rest are counted.
const LISTED: usize = 20;

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut kinds: Vec<Kind> = self.items.iter().map(|i| i.kind).collect();
        kinds.sort();
        kinds.dedup();
        let counts: Vec<String> = kinds
            .iter()
            .map(|&k| {
                let n = self.items.iter().filter(|i| i.kind == k).count();
                t!("missing-texts-count", kind = k.noun(), count = n)
            })
            .collect();
        let counts = match counts.split_last() {
            Some((last, init)) if !init.is_empty() => t!("list-and", init = init.join(", "), last = last),
            _ => counts.concat(),
        };
        write!(f, "{}", t!("missing-texts", counts = counts))?;
        for item in self.items.iter().take(LISTED) {
            let text = item.text.as_str();
            let line = match &item.origin {
                Some(origin) => {
                    t!(
                        "missing-texts-item.from",
                        kind = item.kind.noun(),
                        text = text,
                        origin = origin.to_string()
                    )
                }
                None => t!("missing-texts-item", kind = item.kind.noun(), text = text),
            };
            write!(f, "\n  - {line}")?;
        }
        if self.items.len() > LISTED {
            write!(f, "\n  - {}", t!("missing-texts-more", count = self.items.len() - LISTED))?;
        }
        write!(f, "\n  {}: {}", t!("prefix-hint"), t!("missing-texts.hint", count = self.items.len()))
    }
}

impl std::error::Error for Missing {}

/// Whether `c` is left out of compared text: whitespace, hyphens (a word may be hyphenated at a
/// line end), the zero-width joiner, and the invisible characters the typesetting leaves out
/// ([`crate::sources::text::invisible`]: zero-width spaces, byte order marks, bidirectional
/// controls).
fn ignored(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '-' | '\u{AD}' | '\u{2010}' | '\u{2011}' | '\u{200D}')
        || crate::sources::text::invisible(c).is_some()
}

/// Text for comparison: without whitespace and hyphens, in lower case.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_normalized(text, &mut out);
    out
}

fn push_normalized(text: &str, out: &mut String) {
    for c in text.chars().filter(|&c| !ignored(c)) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The [`normalize`]d text of a laid-out document: the text of its content in reading order over
/// all pages, then a NUL, then the text of its artifacts (running headers, footers, page
/// numbers, repeated table headers), so that a paragraph or cell that continues on the next page
/// reads on without the running header in between.
pub fn document_text(doc: &PagedDocument) -> String {
    let mut content = String::new();
    let mut artifacts = String::new();
    let mut open = Vec::new();
    for page in doc.pages() {
        walk(&page.frame, &mut open, &mut content, &mut artifacts);
    }
    content.push('\0');
    content.push_str(&artifacts);
    content
}

/// Appends the frame's text to `content`, or to `artifacts` while inside an artifact (`open`
/// holds the locations of the artifacts started and not yet ended).
fn walk(frame: &Frame, open: &mut Vec<Location>, content: &mut String, artifacts: &mut String) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => walk(&group.frame, open, content, artifacts),
            FrameItem::Text(text) => {
                push_normalized(&text.text, if open.is_empty() { content } else { artifacts });
            }
            FrameItem::Tag(Tag::Start(elem, _)) if elem.is::<ArtifactElem>() => {
                open.extend(elem.location());
            }
            FrameItem::Tag(Tag::End(location, ..)) if open.last() == Some(location) => {
                open.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laid_out(markup: &str) -> PagedDocument {
        let world = crate::typeset::DocWorld::new("test.typ", markup.to_owned(), None).unwrap();
        crate::typeset::compile(&world).map_err(|e| format!("{e}")).unwrap().0
    }

    #[test]
    fn a_text_broken_across_pages_reads_on_past_the_running_header() {
        let words: Vec<String> = (0..120).map(|i| format!("ord{i}")).collect();
        let paragraph = words.join(" ");
        let doc = laid_out(&format!(
            "#set page(width: 6cm, height: 5cm, margin: 1cm, header: [Rubrik], numbering: \"1\")\n{paragraph}"
        ));
        assert!(doc.pages().len() > 2);
        let text = document_text(&doc);
        let (content, artifacts) = text.split_once('\0').unwrap();
        assert!(content.contains(&normalize(&paragraph)), "{content}");
        assert!(!content.contains("rubrik") && artifacts.contains("rubrik"), "{text}");

        let mut must = MustShow::new();
        must.require_derived(Kind::Indicator, &paragraph);
        must.require_derived(Kind::Body, "Rubrik");
        must.require_derived(Kind::Person, "Anna Berg");
        let missing = must.check(&doc).unwrap_err();
        assert_eq!(missing.items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(), ["Anna Berg"]);
        assert!(missing.to_string().starts_with("the typeset document does not show 1 person"), "{missing}");
    }

    #[test]
    fn normalize_drops_spaces_hyphens_and_case() {
        for (text, normalized) in [
            ("Anna Berg", "annaberg"),
            ("Per-Samuel\u{AD} Öst", "persamuelöst"),
            ("100\u{202F}000 inv.", "100000inv."),
            ("Regionala\u{200B}kommittén", "regionalakommittén"),
            ("  ", ""),
        ] {
            assert_eq!(normalize(text), normalized, "{text:?}");
        }
    }
}
