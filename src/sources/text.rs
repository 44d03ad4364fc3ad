//! Reading a text file of the sources (TOML, the values' JSON, templates) the one way all of
//! them are read: UTF-8, a byte order mark dropped, and every line break (`\r\n`, or a lone `\r`)
//! made `\n`, as TOML 1.0 allows for the line breaks inside multi-line strings.
//!
//! Everything later (parsing, spans, line and column numbers in messages, the document's text)
//! works on the normalised text, so a file saved with Windows line endings builds to the same
//! document as the same file with Unix ones, and a column is the column an editor shows.
//!
//! Every string value read from a file (by the TOML deserializer and the values' JSON reader) is
//! put in Unicode normal form C by [`nfc`], once, where it is read: an `å` typed as `a` and a
//! combining ring (NFD, as text copied from macOS file names arrives) is the same `å` in the PDF's
//! text, in search, `--only`, sorting and `diff`. The file's text itself is not normalised, so
//! every span and column still points into the file as written.

use std::borrow::Cow;

/// How a file's lines ended, so that a rewrite (`perspektiv fmt`) can keep its style.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// The file started with a UTF-8 byte order mark.
    pub bom: bool,
    /// The file's first line break was `\r\n` (Windows).
    pub crlf: bool,
}

impl Style {
    /// `text` (with `\n` line breaks) written in this style.
    pub fn apply<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if !self.bom && !self.crlf {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + text.len() / 16 + 3);
        if self.bom {
            out.push('\u{feff}');
        }
        if self.crlf {
            out.push_str(&text.replace('\n', "\r\n"));
        } else {
            out.push_str(text);
        }
        Cow::Owned(out)
    }
}

/// A file's bytes that are not UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotUtf8 {
    /// The text with the invalid bytes replaced (U+FFFD), normalised like valid text.
    pub lossy: String,
    /// The byte offset of the first invalid sequence in `lossy`.
    pub offset: usize,
}

/// The text of a file: UTF-8 without a byte order mark, with `\n` line breaks only.
///
/// Errors: the bytes are not UTF-8 (with the offset, in the normalised lossy text, of the first
/// invalid byte).
pub fn decode(bytes: &[u8]) -> Result<(String, Style), NotUtf8> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let body = if bom { &bytes[3..] } else { bytes };
    let crlf = first_break_is_crlf(body);
    match std::str::from_utf8(body) {
        Ok(text) => Ok((normalize(text).into_owned(), Style { bom, crlf })),
        Err(e) => {
            let valid = std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default();
            let lossy = normalize(&String::from_utf8_lossy(body)).into_owned();
            let offset = normalize(valid).len().min(lossy.len());
            Err(NotUtf8 { lossy, offset })
        }
    }
}

fn first_break_is_crlf(bytes: &[u8]) -> bool {
    bytes.iter().position(|&b| b == b'\n' || b == b'\r').is_some_and(|i| bytes.get(i..i + 2) == Some(b"\r\n"))
}

/// `s` in Unicode normal form C (canonical composition): `"a\u{30a}"` becomes `"å"`.
///
/// Borrows when `s` is already NFC (the common case, checked quickly), allocates otherwise.
pub fn nfc(s: &str) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => {
            let composed: String = s.nfc().collect();
            if composed == s { Cow::Borrowed(s) } else { Cow::Owned(composed) }
        }
    }
}

/// `\r\n` and lone `\r` made `\n`.
pub fn normalize(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A character that shows nothing but changes what a reader's search, copy or screen reader
/// gets, with its Unicode name: zero-width spaces and joiners, the byte order mark inside a
/// text, and the bidirectional controls (which reorder the text around them, and can make a
/// terminal show something else than the file holds). `None` for every other character.
///
/// The zero-width joiner (U+200D, part of emoji sequences) and the soft hyphen (U+00AD, a
/// hyphenation hint that the typesetting drops) are not among them.
pub fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{2060}' => "word joiner",
        '\u{FEFF}' => "byte order mark",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{061C}' => "Arabic letter mark",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        _ => return None,
    })
}

/// `text` with every [`invisible`] character shown as its code (`<U+202E>`), for messages
/// printed to a terminal: a bidirectional control never reorders what the terminal shows.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| invisible(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match invisible(c) {
            Some(_) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn invisible_characters_are_shown_by_their_code() {
        assert_eq!(visible("a\u{202E}b\u{200B}"), "a<U+202E>b<U+200B>");
        assert!(matches!(visible("åäö"), Cow::Borrowed("åäö")));
        assert_eq!(invisible('\u{200D}'), None, "the emoji joiner is no invisible character");
    }

    use super::*;

    #[test]
    fn nfc_composes_and_borrows_what_is_composed() {
        assert_eq!(nfc("Ma\u{30a}l och o\u{308}ka"), "Mål och öka");
        assert!(matches!(nfc("Mål och öka"), Cow::Borrowed(_)));
        assert!(matches!(nfc("plain"), Cow::Borrowed(_)));
        // Compatibility forms are kept (NFC, not NFKC).
        assert_eq!(nfc("ﬁ"), "ﬁ");
    }

    #[test]
    fn line_breaks_and_byte_order_marks() -> Result<(), NotUtf8> {
        let cases: [(&[u8], &str, Style); 5] = [
            (b"a = 1\nb = 2\n", "a = 1\nb = 2\n", Style { bom: false, crlf: false }),
            (b"a = 1\r\nb = 2\r\n", "a = 1\nb = 2\n", Style { bom: false, crlf: true }),
            (b"a = 1\rb = 2\r", "a = 1\nb = 2\n", Style { bom: false, crlf: false }),
            (b"\xEF\xBB\xBFa = 1\r\n", "a = 1\n", Style { bom: true, crlf: true }),
            (b"x\r\n\r\ny\rz\n", "x\n\ny\nz\n", Style { bom: false, crlf: true }),
        ];
        for (bytes, text, style) in cases {
            assert_eq!(decode(bytes)?, (text.to_owned(), style), "{bytes:?}");
        }
        Ok(())
    }

    #[test]
    fn styles_write_back_what_was_read() -> Result<(), NotUtf8> {
        for bytes in [&b"a\r\nb\r\n"[..], b"\xEF\xBB\xBFa\nb\n", b"\xEF\xBB\xBFa\r\n", b"a\n"] {
            let (text, style) = decode(bytes)?;
            assert_eq!(style.apply(&text).as_bytes(), bytes);
        }
        Ok(())
    }

    #[test]
    fn invalid_utf8_is_located_in_the_normalised_text() {
        let Err(e) = decode(b"a\r\nb\xe5c") else { panic!("decoded invalid UTF-8") };
        assert_eq!(e.offset, 3);
        assert_eq!(e.lossy, "a\nb\u{fffd}c");
    }
}
