//! Escaping of data for Typst: as markup text, and as string literals inside Typst code; and
//! for HTML text.
//!
//! The two Typst functions are the only way data enters the generated Typst source; templates
//! apply the first to every `{{ }}` automatically. Both also set every hyphen as "-": a font has
//! one hyphen glyph, mapped to one character. HTML templates use minijinja's own escaping;
//! [`html`] is for the few places where the program writes HTML itself.

/// How a hyphen-like character of the data is set, if it is one.
///
/// A font draws "-", the soft hyphen (U+00AD), HYPHEN (U+2010) and NON-BREAKING HYPHEN (U+2011)
/// with one glyph, and the PDF maps that glyph to one character: the first one set. Were it not
/// "-", every real hyphen would copy as that character in viewers that ignore `/ActualText`
/// ("Per-Samuel" as "Per\u{AD}Samuel"). So U+2010 and U+2011 are set as "-", and soft hyphens are
/// dropped (hyphenation is off: the text is ragged-right, and a word hyphenated at a line end
/// copies as two pieces).
fn hyphen(c: char) -> Option<&'static str> {
    match c {
        '\u{AD}' => Some(""),
        '\u{2010}' | '\u{2011}' => Some("-"),
        _ => None,
    }
}

/// Escapes text so that Typst markup shows it literally.
///
/// Every ASCII punctuation character gets a backslash (in Typst markup a backslash before any
/// non-space character makes it literal), so no data can start a function call (`#`), math (`$`),
/// emphasis, a label, a reference, a comment, a heading or list marker, or a shorthand such as
/// `--`, `...` or `~`. Line breaks and tabs become spaces: data cannot end a paragraph.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push(' '),
            // Invisible characters (`check` warns of them) are left out: the fonts have no
            // glyph for them, and they would break search and copying.
            c if crate::sources::text::invisible(c).is_some() => {}
            c if let Some(h) = hyphen(c) => {
                if !h.is_empty() {
                    out.push_str("\\-");
                }
            }
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Quotes text as a Typst string literal, for values placed inside Typst code.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c if crate::sources::text::invisible(c).is_some() => {}
            c if let Some(h) = hyphen(c) => out.push_str(h),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escapes_every_special() {
        let cases = [
            ("Åsa Hååkman", "Åsa Hååkman"),
            ("#set page()", "\\#set page\\(\\)"),
            ("$x$ *b* _i_", "\\$x\\$ \\*b\\* \\_i\\_"),
            ("a // b /* c */", "a \\/\\/ b \\/\\* c \\*\\/"),
            ("= - + 1. ~ ' \"", "\\= \\- \\+ 1\\. \\~ \\' \\\""),
            ("@ref <label> [x] `r` \\", "\\@ref \\<label\\> \\[x\\] \\`r\\` \\\\"),
            ("rad 1\nrad 2", "rad 1 rad 2"),
            ("{{ x }}", "\\{\\{ x \\}\\}"),
            ("Per\u{2011}Samuel, plane\u{AD}rings\u{2010}", "Per\\-Samuel\\, planerings\\-"),
        ];
        for (input, expected) in cases {
            assert_eq!(markup(input), expected, "{input:?}");
        }
    }

    #[test]
    fn html_text() {
        assert_eq!(html("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn string_literals() {
        assert_eq!(string_literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(string_literal("rad\nny"), r#""rad\nny""#);
        assert_eq!(string_literal("å\u{1}"), "\"å\\u{1}\"");
        assert_eq!(string_literal("e\u{2011}häl\u{AD}sa"), "\"e-hälsa\"");
    }
}
