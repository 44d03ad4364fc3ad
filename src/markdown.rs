//! Prose: Markdown parsed by pulldown-cmark and written out as Typst markup.
//!
//! Text is escaped with [`escape::markup`]; structure becomes Typst function calls (`#list`,
//! `#emph`, `#heading`, `#footnote`, `#link`), so nothing written in the sources can become Typst
//! code. Constructs the document does not use (HTML, images, code blocks, tables, rules) are
//! rejected with a message instead of being passed through.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::escape;

/// Where headings may appear in a piece of prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Headings {
    /// No headings (goal texts, list items, asides, ...).
    Forbidden,
    /// `#` becomes a heading of this level, `##` the next, and so on.
    From(u8),
}

/// Prose converted to Typst markup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Converted {
    /// The markup.
    pub markup: String,
    /// The Typst levels of the headings, in order.
    pub heading_levels: Vec<u8>,
}

/// Converts Markdown to Typst markup. The error names the unsupported construct.
pub fn to_typst(md: &str, headings: Headings) -> Result<Converted, String> {
    let events: Vec<Event<'_>> = Parser::new_ext(md, Options::ENABLE_FOOTNOTES).collect();

    // Footnote definitions may come after their references: render them first.
    let mut footnotes: Vec<(String, String)> = Vec::new();
    let mut body = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = &events[i] {
            let start = i + 1;
            let mut depth = 1;
            while depth > 0 {
                i += 1;
                match events.get(i) {
                    Some(Event::Start(Tag::FootnoteDefinition(_))) => depth += 1,
                    Some(Event::End(TagEnd::FootnoteDefinition)) => depth -= 1,
                    None => break,
                    _ => {}
                }
            }
            let mut w = Writer {
                headings: Headings::Forbidden,
                footnotes: &[],
                out: String::new(),
                levels: Vec::new(),
                in_list: 0,
                links: Vec::new(),
            };
            w.events(&events[start..i.min(events.len())])?;
            footnotes.push((label.to_string(), w.out.trim().to_owned()));
        } else {
            body.push(events[i].clone());
        }
        i += 1;
    }

    let mut w = Writer {
        headings,
        footnotes: &footnotes,
        out: String::new(),
        levels: Vec::new(),
        in_list: 0,
        links: Vec::new(),
    };
    w.events(&body)?;
    Ok(Converted { markup: w.out.trim_end().to_owned(), heading_levels: w.levels })
}

struct Writer<'a> {
    headings: Headings,
    footnotes: &'a [(String, String)],
    out: String,
    levels: Vec<u8>,
    in_list: usize,
    /// For each open link, whether it has shown any text yet.
    links: Vec<bool>,
}

impl Writer<'_> {
    fn events(&mut self, events: &[Event<'_>]) -> Result<(), String> {
        for event in events {
            self.event(event)?;
        }
        Ok(())
    }

    fn event(&mut self, event: &Event<'_>) -> Result<(), String> {
        match event {
            Event::Start(tag) => self.start(tag)?,
            Event::End(tag) => self.end(*tag)?,
            Event::Text(text) | Event::Code(text) => {
                if !text.trim().is_empty()
                    && let Some(shown) = self.links.last_mut()
                {
                    *shown = true;
                }
                self.out.push_str(&escape::markup(text));
            }
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => self.out.push_str("#linebreak()"),
            Event::FootnoteReference(label) => {
                let note = self
                    .footnotes
                    .iter()
                    .find(|(l, _)| l.as_str() == label.as_ref())
                    .map(|(_, n)| n.clone())
                    .ok_or_else(|| format!("footnote `[^{label}]` has no definition"))?;
                self.out.push_str("#footnote[");
                self.out.push_str(&note);
                self.out.push(']');
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                return Err(format!("HTML is not supported in prose: `{}`", html.trim()));
            }
            Event::Rule => return Err("horizontal rules (`---`) are not supported in prose".into()),
            Event::InlineMath(_) | Event::DisplayMath(_) => {
                return Err("math is not supported in prose".into());
            }
            Event::TaskListMarker(_) => return Err("task lists are not supported in prose".into()),
        }
        Ok(())
    }

    fn start(&mut self, tag: &Tag<'_>) -> Result<(), String> {
        match tag {
            Tag::Paragraph => {}
            Tag::Heading { level, .. } => {
                let Headings::From(base) = self.headings else {
                    return Err("headings are not allowed here".into());
                };
                if self.in_list > 0 {
                    return Err("headings are not allowed inside lists".into());
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
            Tag::Link { link_type, dest_url, .. } => {
                // `<name@example.se>`: pulldown-cmark gives the address without its scheme.
                let url = match link_type {
                    LinkType::Email if !dest_url.starts_with("mailto:") => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                if url.trim().is_empty() {
                    return Err("a link without an address: write `[text](https://…)`".into());
                }
                self.out.push_str("#link(");
                self.out.push_str(&escape::string_literal(&url));
                self.out.push_str(")[");
                self.links.push(false);
            }
            Tag::CodeBlock(_) => return Err("code blocks are not supported in prose".into()),
            Tag::Image { .. } => return Err("images are not supported in prose".into()),
            Tag::HtmlBlock => return Err("HTML is not supported in prose".into()),
            Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell => {
                return Err("tables are not supported in prose".into());
            }
            Tag::FootnoteDefinition(_) => return Err("nested footnote definitions are not supported".into()),
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                return Err("definition lists are not supported in prose".into());
            }
            Tag::MetadataBlock(_) => return Err("metadata blocks are not supported in prose".into()),
            Tag::Superscript | Tag::Subscript => {
                return Err("super- and subscript are not supported in prose".into());
            }
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd) -> Result<(), String> {
        match tag {
            TagEnd::Paragraph => self.out.push_str("\n\n"),
            TagEnd::Heading(_) => self.out.push_str("]\n\n"),
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
            TagEnd::Link => {
                // A link must have text: one that shows nothing would vanish from the document.
                if !self.links.pop().unwrap_or(true) {
                    return Err("a link without text: write `[text](address)`, or the address in angle \
                                brackets, `<https://example.se>`"
                        .into());
                }
                self.out.push(']');
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.out.push(']'),
            _ => {}
        }
        Ok(())
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
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
            ("Not[^1].\n\n[^1]: Förklaring.", "Not#footnote[Förklaring\\.]\\."),
            ("rad  \nny", "rad#linebreak()ny"),
            ("`#kod`", "\\#kod"),
            ("<namn@example.se>", "#link(\"mailto:namn@example.se\")[namn\\@example\\.se]"),
            ("<https://example.se>", "#link(\"https://example.se\")[https\\:\\/\\/example\\.se]"),
        ];
        for (md, expected) in cases {
            assert_eq!(typst(md), expected, "{md:?}");
        }
    }

    #[test]
    fn links_need_text() {
        for md in ["[](https://example.se)", "Se [ ](https://example.se).", "[` `](https://example.se)"] {
            let e = to_typst(md, Headings::Forbidden).err().unwrap_or_default();
            assert!(e.contains("a link without text"), "{md:?}: {e}");
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
        // A reference without a definition is plain text, shown literally.
        assert_eq!(
            to_typst("Not[^x].", Headings::Forbidden).ok().map(|c| c.markup).as_deref(),
            Some("Not\\[\\^x\\]\\.")
        );
    }

    #[test]
    fn heading_levels_are_reported() -> Result<(), Box<dyn std::error::Error>> {
        let c = to_typst("# A\n\n## B\n\n# C", Headings::From(2)).map_err(|e| format!("{e:?}"))?;
        assert_eq!(c.heading_levels, vec![2, 3, 2]);
        Ok(())
    }
}
