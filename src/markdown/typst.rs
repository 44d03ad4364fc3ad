//! Markdown written out as Typst markup.
//!
//! Text is escaped with [`escape::markup`]; structure becomes Typst function calls (`#list`,
//! `#emph`, `#heading`, `#footnote`, `#link`), so nothing written in the sources can become Typst
//! code.

use crate::i18n::Msg;
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::marks::{self, Op, Piece};
use super::{Headings, parse, unsupported};
use crate::escape;
use crate::render::review::Runs;
use crate::swedish;

/// Prose converted to Typst markup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Converted {
    /// The markup.
    pub markup: String,
    /// The Typst levels of the headings, in order.
    pub heading_levels: Vec<u8>,
}

/// Converts Markdown to Typst markup. The error names the unsupported construct.
pub fn to_typst(md: &str, headings: Headings) -> Result<Converted, Msg> {
    let parsed = parse(md)?;
    let mut footnotes: Vec<(String, String)> = Vec::new();
    for (label, events) in &parsed.footnotes {
        let mut w = Writer::new(Headings::Forbidden, &[]);
        w.events(events)?;
        footnotes.push((label.clone(), w.out.trim().to_owned()));
    }

    let mut w = Writer::new(headings, &footnotes);
    w.events(&parsed.body)?;
    Ok(Converted { markup: w.out.trim_end().to_owned(), heading_levels: w.levels })
}

/// Converts the new side's Markdown to Typst markup with every change since `old` marked in place
/// (`#np-ins[…]`, `#np-del[…]`, each changed unit's first mark after a label `<np-change-N>`
/// numbered from `anchor`): the review edition's prose. The error names an unsupported construct
/// of the new side; an old side that does not parse counts as empty.
pub fn to_typst_marked(
    old: &str,
    new: &str,
    headings: Headings,
    anchor: usize,
    runs: &mut Runs,
) -> Result<Converted, Msg> {
    let parsed = parse(new)?;
    let before = parse(old).ok();
    let empty: Vec<Event<'_>> = Vec::new();
    let old_body = before.as_ref().map_or(&empty, |p| &p.body);
    let (body, mut next) = marks::mark(old_body, &parsed.body, Some(anchor));
    let mut footnotes: Vec<(String, String)> = Vec::new();
    for (label, events) in &parsed.footnotes {
        let old_note = before
            .as_ref()
            .and_then(|p| p.footnotes.iter().find(|(l, _)| l == label))
            .map_or(&empty, |(_, e)| e);
        let (pieces, n) = marks::mark(old_note, events, next);
        next = n;
        let mut w = Writer::new(Headings::Forbidden, &[]);
        w.pieces(&pieces, runs)?;
        footnotes.push((label.clone(), w.out.trim().to_owned()));
    }
    // A note only the old side had follows the prose, struck through.
    let mut body = body;
    for (label, events) in before.iter().flat_map(|p| &p.footnotes) {
        if !parsed.footnotes.iter().any(|(l, _)| l == label) {
            body.extend(marks::gone_note(events, next));
            next = next.map(|n| n + 1);
        }
    }
    let mut w = Writer::new(headings, &footnotes);
    w.pieces(&body, runs)?;
    Ok(Converted { markup: w.out.trim_end().to_owned(), heading_levels: w.levels })
}

struct Writer<'a> {
    headings: Headings,
    footnotes: &'a [(String, String)],
    out: String,
    levels: Vec<u8>,
    in_list: usize,
    /// The markup that closes each open mark of the review edition.
    marking: Vec<String>,
}

impl<'a> Writer<'a> {
    fn new(headings: Headings, footnotes: &'a [(String, String)]) -> Self {
        Writer {
            headings,
            footnotes,
            out: String::new(),
            levels: Vec::new(),
            in_list: 0,
            marking: Vec::new(),
        }
    }

    fn pieces(&mut self, pieces: &[Piece<'_>], runs: &mut Runs) -> Result<(), Msg> {
        for piece in pieces {
            match piece {
                Piece::Event(e) | Piece::OldBlock(e) => self.event(e)?,
                Piece::Open(op, anchor) => {
                    if let Some(n) = anchor {
                        self.out.push_str(&format!("#metadata(none)<np-change-{n}>"));
                    }
                    let (open, close) = runs.open(*op == Op::Insert);
                    self.out.push_str(&open);
                    self.marking.push(close);
                }
                Piece::Close => {
                    let close = self.marking.pop().unwrap_or_else(|| "]".to_owned());
                    self.out.push_str(&close);
                }
            }
        }
        Ok(())
    }
}

impl Writer<'_> {
    fn events(&mut self, events: &[Event<'_>]) -> Result<(), Msg> {
        for event in events {
            self.event(event)?;
        }
        Ok(())
    }

    fn event(&mut self, event: &Event<'_>) -> Result<(), Msg> {
        if let Some(message) = unsupported(event) {
            return Err(message);
        }
        match event {
            Event::Start(tag) => self.start(tag)?,
            Event::End(tag) => self.end(*tag),
            // Digit groups are joined so that no number breaks across lines ("14 200").
            Event::Text(text) => self.text(&escape::markup(&swedish::join_digit_groups(text))),
            Event::Code(code) => self.text(&escape::markup(code)),
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => self.out.push_str("#linebreak()"),
            Event::FootnoteReference(label) => {
                let note = self
                    .footnotes
                    .iter()
                    .find(|(l, _)| l.as_str() == label.as_ref())
                    .map(|(_, n)| n.clone())
                    .ok_or_else(|| crate::msg!("prose-footnote-undefined", label = label.to_string()))?;
                self.out.push_str("#footnote[");
                self.out.push_str(&note);
                self.out.push(']');
            }
            // Rejected above.
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Rule
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::TaskListMarker(_) => {}
        }
        Ok(())
    }

    fn text(&mut self, escaped: &str) {
        self.out.push_str(escaped);
    }

    fn start(&mut self, tag: &Tag<'_>) -> Result<(), Msg> {
        match tag {
            Tag::Paragraph => {}
            Tag::Heading { level, .. } => {
                let Headings::From(base) = self.headings else {
                    return Err(crate::msg!("prose-heading-not-allowed"));
                };
                if self.in_list > 0 {
                    return Err(crate::msg!("prose-heading-in-list"));
                }
                let level = base + heading_number(*level) - 1;
                self.levels.push(level);
                self.out.push_str(&format!("#heading(level: {level})["));
            }
            Tag::BlockQuote(_) => self.out.push_str("#quote(block: true)["),
            Tag::List(None) => {
                self.in_list += 1;
                self.out.push_str("#list(");
            }
            Tag::List(Some(start)) => {
                self.in_list += 1;
                self.out.push_str(&format!("#enum(start: {start}, "));
            }
            Tag::Item => self.out.push('['),
            Tag::Emphasis => self.out.push_str("#emph["),
            Tag::Strong => self.out.push_str("#strong["),
            Tag::Strikethrough => self.out.push_str("#strike["),
            Tag::Link { dest_url, .. } => {
                self.out.push_str("#link(");
                self.out.push_str(&escape::string_literal(&ascii_uri(dest_url)));
                self.out.push_str(")[");
            }
            // Rejected by `unsupported`.
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.out.push_str("\n\n"),
            TagEnd::Heading(_) => {
                self.out.push_str("]\n\n");
            }
            TagEnd::BlockQuote(_) => self.out.push_str("]\n\n"),
            TagEnd::List(_) => {
                self.in_list -= 1;
                self.out.push_str(")\n\n");
            }
            TagEnd::Item => {
                while self.out.ends_with('\n') {
                    self.out.pop();
                }
                self.out.push_str("], ");
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => self.out.push(']'),
            _ => {}
        }
    }
}

pub(super) fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A link target as a PDF link may hold it: 7-bit ASCII, with every other character, spaces and
/// control characters percent-encoded as UTF-8 (`https://sv.wikipedia.org/wiki/Värmland` becomes
/// `…/V%C3%A4rmland`), as browsers and the web edition send them. What is already ASCII is kept,
/// so an address that is already encoded is not encoded twice.
pub(crate) fn ascii_uri(url: &str) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const UNSAFE: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`');
    utf8_percent_encode(url, UNSAFE).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typst(md: &str) -> String {
        to_typst(md, Headings::From(2)).map(|c| c.markup).unwrap_or_else(|e| format!("error: {e:?}"))
    }

    #[test]
    fn conversions() {
        let cases = [
            ("Hej *du* och **ni**.", "Hej #emph[du] och #strong[ni]\\."),
            ("- ett\n- två", "#list([ett], [två], )"),
            ("1. a\n2. b", "#enum(start: 1, [a], [b], )"),
            ("# Rubrik\n\nText", "#heading(level: 2)[Rubrik]\n\nText"),
            ("[länk](https://example.se/a_b)", "#link(\"https://example.se/a_b\")[länk]"),
            (
                "[Värmland](https://sv.wikipedia.org/wiki/Värmland)",
                "#link(\"https://sv.wikipedia.org/wiki/V%C3%A4rmland\")[Värmland]",
            ),
            ("[a](https://x.se/a%20b)", "#link(\"https://x.se/a%20b\")[a]"),
            ("Not[^1].\n\n[^1]: Förklaring.", "Not#footnote[Förklaring\\.]\\."),
            ("rad  \nny", "rad#linebreak()ny"),
            ("`#kod`", "\\#kod"),
            ("14 200 invånare", "14\u{202F}200 invånare"),
        ];
        for (md, expected) in cases {
            assert_eq!(typst(md), expected, "{md:?}");
        }
    }

    #[test]
    fn loose_list_items_keep_paragraphs() {
        let out = typst("- ett\n\n  fortsättning\n- två");
        assert_eq!(out, "#list([ett\n\nfortsättning], [två], )");
    }

    #[test]
    fn rejected_constructs() {
        for md in ["<sup>1</sup>", "![bild](a.png)", "```\nkod\n```", "---", "a\n\n---\n"] {
            assert!(to_typst(md, Headings::From(2)).is_err(), "{md:?}");
        }
        assert!(to_typst("# R", Headings::Forbidden).is_err());
        let footnote_in_heading = to_typst("# Rubrik[^1]\n\nText.\n\n[^1]: Not.", Headings::From(2));
        assert!(footnote_in_heading.is_err_and(|e| e.key == "prose-footnote-in-heading"));
        // A reference without a definition would be printed as it is: refused.
        assert!(
            to_typst("Not[^x].", Headings::Forbidden).is_err_and(|e| e.key == "prose-footnote-undefined")
        );
    }

    #[test]
    fn heading_levels_are_reported() -> Result<(), Box<dyn std::error::Error>> {
        let c = to_typst("# A\n\n## B\n\n# C", Headings::From(2)).map_err(|e| format!("{e:?}"))?;
        assert_eq!(c.heading_levels, vec![2, 3, 2]);
        Ok(())
    }
}
