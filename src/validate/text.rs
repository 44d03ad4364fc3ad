//! Prose and characters: Markdown that reads as code or does not convert, empty texts, texts too
//! long for where they are printed, invisible and control characters, and characters the
//! shipped fonts cannot show.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{MAX_TEXT, Validator};
use crate::diagnostics::{KeyPath, Location, Problem};
use crate::markdown::{self, Headings};
use crate::sources::common::Markdown;
use crate::sources::{Loaded, text};
use crate::{msg, t};

impl Validator<'_> {
    /// Checks a piece of prose; returns the Typst levels of its headings.
    pub(super) fn prose<T>(
        &mut self,
        file: &Loaded<T>,
        path: KeyPath,
        text: &Markdown,
        headings: Headings,
    ) -> Vec<u8> {
        self.prose.insert((file.path.clone(), path.clone()));
        if let Some(offset) = markdown::indented_code_block(text.as_str()) {
            let line = text.as_str()[..offset].matches('\n').count();
            let mut at = file.at(path);
            if let Some(span) =
                at.span.as_ref().and_then(|s| line_in_string(file.toml().raw(), s.start, line))
            {
                at.span = Some(span);
            }
            self.problems.push(Problem::error(at, msg!("indented-line")).with_hint(t!("indented-line.hint")));
            return Vec::new();
        }
        match markdown::to_typst(text.as_str(), headings) {
            Ok(c) => c.heading_levels,
            Err(message) => {
                self.problems.push(Problem::error(file.at(path), message));
                Vec::new()
            }
        }
    }

    /// Empty texts and control characters are errors; characters the shipped fonts cannot show
    /// would print as empty boxes and break PDF/A, so they are errors too.
    pub(super) fn characters(&mut self, covered: &dyn Fn(char) -> bool) {
        let s = self.s;
        let docs: [(&PathBuf, &toml_edit::Document<String>); 7] = [
            (&s.parties.path, s.parties.toml()),
            (&s.kolada.path, s.kolada.toml()),
            (&s.document.path, s.document.toml()),
            (&s.goals.path, s.goals.toml()),
            (&s.members.path, s.members.toml()),
            (&s.groups.path, s.groups.toml()),
            (&s.appendices.path, s.appendices.toml()),
        ];
        for (path, doc) in docs {
            for (key, value, span) in crate::sources::strings(doc) {
                if value.trim().is_empty() {
                    self.problems.push(
                        Problem::error(
                            Location { file: path.clone(), span: span.clone(), key: key.clone() },
                            msg!("empty-text"),
                        )
                        .with_hint(t!("empty-text.hint")),
                    );
                    continue;
                }
                let length = value.chars().count();
                if length > MAX_TEXT && !self.prose.contains(&(path.clone(), key.clone())) {
                    self.problems.push(
                        Problem::error(
                            Location { file: path.clone(), span: span.clone(), key: key.clone() },
                            msg!("text-too-long", length = length, max = MAX_TEXT),
                        )
                        .with_hint(t!("text-too-long.hint")),
                    );
                    continue;
                }
                let invisible: BTreeSet<char> =
                    value.chars().filter(|&c| text::invisible(c).is_some()).collect();
                for c in invisible {
                    let name = text::invisible(c).unwrap_or_default();
                    let what = if matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                    {
                        t!("invisible-character.reorders")
                    } else {
                        t!("invisible-character.shows-nothing")
                    };
                    let span = span.as_ref().and_then(|v| char_in(doc.raw(), v, c)).or_else(|| span.clone());
                    self.problems.push(
                        Problem::warning(
                            Location { file: path.clone(), span, key: key.clone() },
                            msg!(
                                "invisible-character",
                                code = format!("U+{:04X}", c as u32),
                                name = name,
                                what = what
                            ),
                        )
                        .with_hint(t!("invisible-character.hint")),
                    );
                }
                let bad = value.chars().find(|&c| {
                    text::invisible(c).is_none()
                        && ((c.is_control() && c != '\n' && c != '\t') || (!c.is_control() && !covered(c)))
                });
                if let Some(c) = bad {
                    let code = format!("U+{:04X}", c as u32);
                    let message = if c.is_control() {
                        msg!("control-character", code = code)
                    } else {
                        msg!("character-not-in-fonts", code = code, char = c.to_string())
                    };
                    self.problems.push(
                        Problem::error(Location { file: path.clone(), span, key }, message)
                            .with_hint(t!("character-not-in-fonts.hint")),
                    );
                }
            }
        }
    }
}

/// Where the character `c` is written inside the value at `value` of `raw`: the character
/// itself, or its escape (`\u200B`, `\U0000200B`, in either case).
fn char_in(raw: &str, value: &std::ops::Range<usize>, c: char) -> Option<std::ops::Range<usize>> {
    let written = raw.get(value.clone())?;
    if let Some(i) = written.find(c) {
        return Some(value.start + i..value.start + i + c.len_utf8());
    }
    let lower = written.to_ascii_lowercase();
    [format!("\\u{:04x}", c as u32), format!("\\U{:08x}", c as u32).to_ascii_lowercase()].iter().find_map(
        |escape| lower.find(escape.as_str()).map(|i| value.start + i..value.start + i + escape.len()),
    )
}

/// The span of line `line` (0-based) of the multi-line TOML string that starts at byte `start`
/// of `raw` (its opening `"""` or `'''`, whose first newline TOML drops), without its line break;
/// `None` for a one-line string, where lines are escapes that cannot be pointed at.
fn line_in_string(raw: &str, start: usize, line: usize) -> Option<std::ops::Range<usize>> {
    let rest = raw.get(start..)?;
    let body = rest.strip_prefix("\"\"\"").or_else(|| rest.strip_prefix("'''"))?;
    let body = body.strip_prefix("\r\n").or_else(|| body.strip_prefix('\n')).unwrap_or(body);
    let mut from = raw.len() - body.len();
    for _ in 0..line {
        from += raw[from..].find('\n')? + 1;
    }
    let end = raw[from..].find(['\r', '\n']).map_or(raw.len(), |e| from + e);
    Some(from..end)
}
