//! Prose: Markdown from the sources, parsed by pulldown-cmark and written out for an output format.
//!
//! Both writers read the same events and reject the same constructs: [`to_typst`] writes Typst
//! markup (text escaped, structure as Typst function calls) and [`to_html`] writes HTML through
//! pulldown-cmark's own HTML writer (text escaped, raw HTML shown as text, no script links).
//! Constructs the document does not use (HTML, images, code blocks, tables, rules) are rejected
//! with a message instead of being passed through.

mod html;
pub mod marks;
mod typst;

use crate::i18n::Msg;
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

pub use html::{Footnotes, Origin, Placement, to_html, to_html_marked};
pub use typst::{Converted, to_typst, to_typst_marked};

/// The places the review edition marks in prose changed from `old` to `new` (see
/// [`marks::mark`]), one per anchor its marks take, in their order: what happened and the
/// unit's text. Prose that does not parse counts as empty.
pub fn marked_places(old: &str, new: &str) -> Vec<(marks::UnitChange, String)> {
    let none = || Parsed { body: Vec::new(), footnotes: Vec::new() };
    let (a, b) = (parse(old).unwrap_or_else(|_| none()), parse(new).unwrap_or_else(|_| none()));
    let mut out = marks::unit_changes(&a.body, &b.body);
    for (label, events) in &b.footnotes {
        let old_note = a.footnotes.iter().find(|(l, _)| l == label).map(|(_, e)| e.as_slice());
        out.extend(marks::unit_changes(old_note.unwrap_or_default(), events));
    }
    for (label, events) in &a.footnotes {
        if !b.footnotes.iter().any(|(l, _)| l == label) {
            out.push((marks::UnitChange::Removed, marks::note_text(events)));
        }
    }
    out
}

/// Where headings may appear in a piece of prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Headings {
    /// No headings (goal texts, list items, asides, ...).
    Forbidden,
    /// `#` becomes a heading of this level (in the document's outline: chapters are level 1),
    /// `##` the next, and so on.
    From(u8),
}

/// The events of a piece of prose, with footnote definitions taken out of the flow: they may come
/// after their references, and each writer places them itself.
struct Parsed<'a> {
    body: Vec<Event<'a>>,
    /// (label, the definition's events).
    footnotes: Vec<(String, Vec<Event<'a>>)>,
}

/// Parses prose, applying the rules for links both writers share: an e-mail autolink
/// (`<name@example.se>`) links to `mailto:`; a link without an address or without text is an
/// error (it would vanish from the document).
fn parse(md: &str) -> Result<Parsed<'_>, Msg> {
    longest_word(md)?;
    let events = links(Parser::new_ext(md, Options::ENABLE_FOOTNOTES).collect())?;
    no_footnote_in_a_heading(&events)?;
    footnotes_match(&events)?;
    nesting(&events)?;
    short_headings(&events)?;
    let mut footnotes = Vec::new();
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
            footnotes.push((label.to_string(), events[start..i.min(events.len())].to_vec()));
        } else {
            body.push(events[i].clone());
        }
        i += 1;
    }
    Ok(Parsed { body, footnotes })
}

/// How deeply block quotes, lists, emphasis and links may be nested in prose. Typst stops at a
/// fixed depth of nested elements (block quotes about fifteen deep, lists about twenty, fewer
/// inside a table), and the change report compares nested emphasis word by word; eight levels
/// are more than any text needs and are typeset everywhere prose goes.
pub const MAX_NESTING: usize = 8;

/// The longest run of characters without a space that prose may hold (a word, a link's address
/// with its text). A PDF string holds at most 32 767 bytes, and a word is one string of the
/// PDF's text; 2 000 characters stay far below that in any script.
pub const MAX_WORD: usize = 2000;

/// The longest heading prose may hold, in characters: a heading is also a PDF bookmark, one PDF
/// string of at most 32 767 bytes, and a line of the table of contents.
pub const MAX_HEADING: usize = 1000;

/// A heading longer than [`MAX_HEADING`] is refused.
fn short_headings(events: &[Event<'_>]) -> Result<(), Msg> {
    let mut heading: Option<usize> = None;
    for event in events {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(0),
            Event::Text(text) | Event::Code(text) => {
                if let Some(n) = &mut heading {
                    *n += text.chars().count();
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(n) = heading.take().filter(|n| *n > MAX_HEADING) {
                    return Err(crate::msg!("prose-long-heading", length = n, max = MAX_HEADING));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Prose nested deeper than [`MAX_NESTING`] is refused, with the depth found.
fn nesting(events: &[Event<'_>]) -> Result<(), Msg> {
    match deepest(events) {
        n if n > MAX_NESTING => Err(crate::msg!("prose-nesting", depth = n, max = MAX_NESTING)),
        _ => Ok(()),
    }
}

/// The deepest nesting of block quotes, lists, emphasis and links in `events`.
fn deepest(events: &[Event<'_>]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for event in events {
        match event {
            Event::Start(
                Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. },
            ) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link,
            ) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// A run of more than [`MAX_WORD`] characters without a space is refused.
fn longest_word(md: &str) -> Result<(), Msg> {
    match md.split_whitespace().map(|w| w.chars().count()).max() {
        Some(n) if n > MAX_WORD => Err(crate::msg!("prose-long-word", length = n, max = MAX_WORD)),
        _ => Ok(()),
    }
}

/// A footnote in a heading would be repeated by the table of contents, the PDF bookmarks and a
/// web page's navigation (which take the heading's text); it belongs in the text under it.
fn no_footnote_in_a_heading(events: &[Event<'_>]) -> Result<(), Msg> {
    let mut in_heading = false;
    for event in events {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::FootnoteReference(label) if in_heading => {
                return Err(crate::msg!("prose-footnote-in-heading", label = label.to_string()));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Every footnote reference has its definition in the same text, and every definition is
/// referenced: a reference without one is read as plain text (`[^1]` would be printed as it is),
/// and a definition without one would silently not be printed.
fn footnotes_match(events: &[Event<'_>]) -> Result<(), Msg> {
    let referenced: Vec<&str> = events
        .iter()
        .filter_map(|e| if let Event::FootnoteReference(l) = e { Some(l.as_ref()) } else { None })
        .collect();
    for e in events {
        if let Event::Start(Tag::FootnoteDefinition(label)) = e
            && !referenced.contains(&label.as_ref())
        {
            return Err(crate::msg!("prose-footnote-unreferenced", label = label.to_string()));
        }
    }
    // Text split by the parser is joined again between other events.
    let mut text = String::new();
    for e in events.iter().chain([&Event::SoftBreak]) {
        if let Event::Text(t) = e {
            text.push_str(t);
            continue;
        }
        if let Some(start) = text.find("[^")
            && let Some(len) = text[start + 2..].find(']')
        {
            let label = &text[start + 2..start + 2 + len];
            if !label.is_empty() && !label.contains(char::is_whitespace) {
                return Err(crate::msg!("prose-footnote-undefined", label = label.to_owned()));
            }
        }
        text.clear();
    }
    Ok(())
}

fn links(mut events: Vec<Event<'_>>) -> Result<Vec<Event<'_>>, Msg> {
    // For each open link, whether it has shown any text yet.
    let mut open: Vec<bool> = Vec::new();
    for event in &mut events {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                // pulldown-cmark gives an e-mail autolink's address without its scheme.
                if *link_type == LinkType::Email && !dest_url.starts_with("mailto:") {
                    *dest_url = CowStr::from(format!("mailto:{dest_url}"));
                }
                if dest_url.trim().is_empty() {
                    return Err(crate::msg!("prose-link-without-address"));
                }
                open.push(false);
            }
            Event::Text(text) | Event::Code(text) if !text.trim().is_empty() => {
                if let Some(shown) = open.last_mut() {
                    *shown = true;
                }
            }
            Event::End(TagEnd::Link) if !open.pop().unwrap_or(true) => {
                return Err(crate::msg!("prose-link-without-text"));
            }
            _ => {}
        }
    }
    Ok(events)
}

/// Why an event cannot be written, when it is a construct prose does not support. Raw HTML is
/// named here too; the HTML writer shows it as text instead.
fn unsupported(event: &Event<'_>) -> Option<Msg> {
    let message = match event {
        Event::Html(html) | Event::InlineHtml(html) => {
            return Some(crate::msg!("prose-html", html = html.trim().to_owned()));
        }
        Event::Rule => "rule",
        Event::InlineMath(_) | Event::DisplayMath(_) => "math",
        Event::TaskListMarker(_) => "task-list",
        Event::Start(tag) => match tag {
            Tag::CodeBlock(_) => "code-block",
            Tag::Image { .. } => "image",
            Tag::HtmlBlock => "html-block",
            Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell => "table",
            Tag::FootnoteDefinition(_) => "nested-footnote",
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                "definition-list"
            }
            Tag::MetadataBlock(_) => "metadata",
            Tag::Superscript | Tag::Subscript => "script",
            _ => return None,
        },
        _ => return None,
    };
    Some(crate::msg!("prose-unsupported", construct = message))
}

/// Where the first indented code block of a piece of prose starts (a byte offset into `md`), if
/// it has one: a line indented by four spaces or a tab, which Markdown reads as code, not as a
/// paragraph. Prose refuses code blocks; this tells `check` which line to point at.
pub fn indented_code_block(md: &str) -> Option<usize> {
    Parser::new_ext(md, Options::ENABLE_FOOTNOTES).into_offset_iter().find_map(|(event, range)| {
        matches!(event, Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented)))
            .then_some(range.start)
    })
}

/// The texts set in bold (`**…**`) in a piece of prose, in order.
pub fn strong_texts(md: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for event in Parser::new_ext(md, Options::ENABLE_FOOTNOTES) {
        match event {
            Event::Start(Tag::Strong) => depth += 1,
            Event::End(TagEnd::Strong) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    found.push(std::mem::take(&mut current));
                }
            }
            Event::Text(t) | Event::Code(t) if depth > 0 => current.push_str(&t),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_checked_for_both_formats() -> Result<(), Msg> {
        let mail = parse("Skriv till <np@regionvarmland.se>.")?;
        assert!(mail.body.iter().any(|e| matches!(e, Event::Start(Tag::Link { dest_url, .. })
            if dest_url.as_ref() == "mailto:np@regionvarmland.se")));
        assert!(parse("[](https://example.se)").is_err());
        assert!(parse("[ ](https://example.se)").is_err());
        assert!(parse("[text]()").is_err());
        assert!(parse("[**fet**](https://example.se)").is_ok());
        Ok(())
    }

    #[test]
    fn a_footnote_needs_its_definition_and_a_definition_its_reference_in_the_same_text() {
        let key = |md: &str| parse(md).err().map(|m| m.key);
        assert_eq!(key("Text[^1] här.\n\n[^1]: Noten."), None);
        assert_eq!(key("Text[^1] här."), Some("prose-footnote-undefined"));
        assert_eq!(key("Text *med[^a]* betoning."), Some("prose-footnote-undefined"));
        assert_eq!(key("Text här.\n\n[^1]: En not utan hänvisning."), Some("prose-footnote-unreferenced"));
        // Brackets that are not a reference stay text.
        assert_eq!(key("Intervallet [^ a] och [x]."), None);
        assert_eq!(key("Kod `[^1]` är text."), None);
    }

    #[test]
    fn an_indented_line_is_found_where_it_starts() {
        let md = "Första stycket.\n\n    Indragen rad.\n";
        let at = indented_code_block(md).unwrap();
        assert_eq!(md[..at].matches('\n').count(), 2, "{at}");
        assert!(indented_code_block("\tTabb.").is_some());
        // A list item's continuation is not code.
        assert_eq!(indented_code_block("- punkt\n\n  fortsättning\n"), None);
        assert_eq!(indented_code_block("Text."), None);
    }

    #[test]
    fn strong_texts_are_found() {
        assert_eq!(strong_texts("Om **Liv & Hälsa** och *inte* **detta**"), ["Liv & Hälsa", "detta"]);
        assert!(strong_texts("a \\*\\*b\\*\\*").is_empty());
    }
}
