//! Prose as a reader reads it: Markdown reduced to its text, and split into the units a reader
//! points at (paragraphs, headings, list items), so that the change report never shows Markdown
//! syntax (`*`, `[text](url)`, `[^1]`, `- a - b`).
//!
//! Emphasis is dropped, a link becomes "text (address)", a footnote is put in parentheses after
//! the word it belongs to ("Liv & Hälsa (fotnot: Befolkningsundersökningen …)"), digit groups are
//! joined by the no-break space ("14 200").

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::swedish;

/// What a unit of prose is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    /// A paragraph (or a block quote).
    Paragraph,
    /// A section heading.
    Heading,
    /// An item of a list; `first` marks the first item of its list.
    Item {
        /// Whether the item starts its list.
        first: bool,
    },
}

/// A paragraph, heading or list item, as plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// What it is.
    pub kind: UnitKind,
    /// Its text, on one line.
    pub text: String,
}

/// The units of a piece of Markdown, in order. Nested lists are flattened: each item is a unit.
pub fn units(md: &str) -> Vec<Unit> {
    let events: Vec<Event<'_>> = Parser::new_ext(md, Options::ENABLE_FOOTNOTES).collect();
    let footnotes = footnotes(&events);
    let mut out: Vec<Unit> = Vec::new();
    let mut current: Option<(UnitKind, String)> = None;
    let mut lists: Vec<bool> = Vec::new(); // per open list: whether its first item is still to come
    let mut in_footnote = 0usize;
    let mut link: Vec<String> = Vec::new();
    let flush = |current: &mut Option<(UnitKind, String)>, out: &mut Vec<Unit>| {
        if let Some((kind, text)) = current.take() {
            let text = tidy(&text);
            if !text.is_empty() {
                out.push(Unit { kind, text });
            }
        }
    };
    for event in &events {
        if in_footnote > 0 {
            match event {
                Event::Start(Tag::FootnoteDefinition(_)) => in_footnote += 1,
                Event::End(TagEnd::FootnoteDefinition) => in_footnote -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote = 1,
            Event::Start(Tag::List(_)) => {
                flush(&mut current, &mut out);
                lists.push(true);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut current, &mut out);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut out);
                let first = lists.last_mut().map(|f| std::mem::replace(f, false)).unwrap_or(false);
                current = Some((UnitKind::Item { first }, String::new()));
            }
            Event::End(TagEnd::Item) => flush(&mut current, &mut out),
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &mut out);
                current = Some((UnitKind::Heading, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => flush(&mut current, &mut out),
            Event::Start(Tag::Paragraph) => {
                // A paragraph inside a list item continues the item.
                if !matches!(current, Some((UnitKind::Item { .. }, _))) {
                    flush(&mut current, &mut out);
                    current = Some((UnitKind::Paragraph, String::new()));
                } else if let Some((_, text)) = &mut current {
                    text.push(' ');
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if matches!(current, Some((UnitKind::Paragraph, _))) {
                    flush(&mut current, &mut out);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link.push(dest_url.to_string());
                current.get_or_insert_with(|| (UnitKind::Paragraph, String::new()));
            }
            Event::End(TagEnd::Link) => {
                if let (Some(url), Some((_, text))) = (link.pop(), &mut current) {
                    // "text (address)", unless the text is the address.
                    if !text.trim_end().ends_with(url.as_str()) {
                        text.push_str(&format!(" ({url})"));
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                current.get_or_insert_with(|| (UnitKind::Paragraph, String::new())).1.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text)) = &mut current {
                    text.push(' ');
                }
            }
            Event::FootnoteReference(label) => {
                let note = footnotes.iter().find(|(l, _)| l == label.as_ref()).map(|(_, n)| n.as_str());
                let text = &mut current.get_or_insert_with(|| (UnitKind::Paragraph, String::new())).1;
                match note {
                    Some(note) => text.push_str(&format!(" (fotnot: {note})")),
                    None => text.push_str(&format!("[^{label}]")),
                }
            }
            Event::Html(t) | Event::InlineHtml(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                current.get_or_insert_with(|| (UnitKind::Paragraph, String::new())).1.push_str(t);
            }
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

/// The whole text of a piece of Markdown on one line: its units joined by spaces, list items
/// marked with "•".
pub fn plain(md: &str) -> String {
    let mut out = String::new();
    for unit in units(md) {
        if !out.is_empty() {
            out.push(' ');
        }
        if matches!(unit.kind, UnitKind::Item { .. }) {
            out.push_str("• ");
        }
        out.push_str(&unit.text);
    }
    out
}

/// The text of each footnote definition.
fn footnotes(events: &[Event<'_>]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = &events[i] {
            let mut text = String::new();
            i += 1;
            while i < events.len() && !matches!(events[i], Event::End(TagEnd::FootnoteDefinition)) {
                match &events[i] {
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
                    _ => {}
                }
                i += 1;
            }
            out.push((label.to_string(), tidy(&text)));
        }
        i += 1;
    }
    out
}

/// Collapses runs of white space and joins digit groups.
fn tidy(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    swedish::join_digit_groups(&one_line).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_reduced_to_text() {
        let nb = swedish::NUMBER_SPACE;
        let cases = [
            ("*Agenda 2030* är en **agenda**.", "Agenda 2030 är en agenda.".to_owned()),
            ("Se [Kolada](https://kolada.se/).", "Se Kolada (https://kolada.se/).".to_owned()),
            ("<https://kolada.se/>", "https://kolada.se/".to_owned()),
            (
                "Liv & Hälsa[^1] frågar.\n\n[^1]: 14 200 svar.",
                format!("Liv & Hälsa (fotnot: 14{nb}200 svar.) frågar."),
            ),
            ("Vi vill:\n\n- stödja fler\n- bidra", "Vi vill: • stödja fler • bidra".to_owned()),
            ("rad ett\nrad två", "rad ett rad två".to_owned()),
        ];
        for (md, expected) in cases {
            assert_eq!(plain(md), expected, "{md:?}");
        }
    }

    #[test]
    fn units_split_paragraphs_headings_and_items() {
        let u = units("Första.\n\n# Rubrik\n\n- a\n- b\n  - c\n\nSista *ordet*.");
        let kinds: Vec<UnitKind> = u.iter().map(|u| u.kind).collect();
        assert_eq!(
            kinds,
            [
                UnitKind::Paragraph,
                UnitKind::Heading,
                UnitKind::Item { first: true },
                UnitKind::Item { first: false },
                UnitKind::Item { first: true },
                UnitKind::Paragraph
            ]
        );
        assert_eq!(u[1].text, "Rubrik");
        assert_eq!(u[5].text, "Sista ordet.");
    }
}
