//! Markdown written out as HTML by pulldown-cmark's HTML writer.
//!
//! The writer escapes text and attribute values itself. Before it sees the events, raw HTML in the
//! prose becomes text (shown, never passed through), a link whose target would run a script
//! (`javascript:`, `data:`, `vbscript:`, any scheme but `http`, `https`, `mailto` and `tel`)
//! keeps its text and loses the link, headings move to the page's levels, and footnotes get
//! numbers unique on the page and follow the prose as a list.

use crate::i18n::Msg;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::marks::{self, Op, Piece};
use super::typst::heading_number;
use super::{Headings, parse, unsupported};

/// The footnotes of one page: numbered from 1 across all prose of the page, so that their ids are
/// unique.
#[derive(Debug, Default)]
pub struct Footnotes {
    count: usize,
}

/// How prose is placed on its page.
#[derive(Clone, Copy, Debug, Default)]
pub struct Placement<'a> {
    /// Levels to move headings down: with [`Headings::From(2)`] and a shift of 1, `#` becomes
    /// `h3` (the web page has its title as `h1`, where the PDF starts its chapters).
    pub shift: u8,
    /// Words set in bold at the start of the first paragraph ("**En god hälsa.** Text …").
    pub lead: Option<&'a str>,
    /// Where the prose starts in its source file: each paragraph, heading and list item then
    /// carries its own place (`data-source="sources/2023/document.toml:57:1"`), for the pages
    /// `serve` shows.
    pub origin: Option<&'a Origin>,
}

/// Where a piece of prose starts in its source file: the first character of the string's text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The file, as messages name it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Origin {
    /// The place of the byte `offset` of the prose `md`: `file:line:column`. The lines of the
    /// prose are the lines of the string in the file (escapes within a line move only columns).
    pub fn at(&self, md: &str, offset: usize) -> String {
        let before = md.get(..offset).unwrap_or(md);
        match before.rfind('\n') {
            None => format!("{}:{}:{}", self.file, self.line, self.column + before.chars().count()),
            Some(nl) => format!(
                "{}:{}:{}",
                self.file,
                self.line + before.matches('\n').count(),
                before[nl + 1..].chars().count() + 1
            ),
        }
    }
}

/// Converts Markdown to HTML: block elements (`p`, `ul`, `ol`, `h3`…) with inline `em`, `strong`
/// and `a`. The error names an unsupported construct or a heading where none may be.
pub fn to_html(
    md: &str,
    headings: Headings,
    place: Placement<'_>,
    notes: &mut Footnotes,
) -> Result<String, Msg> {
    convert(md, None, headings, place, notes)
}

/// Converts the new side's Markdown to HTML with every change since `old` marked in place: `ins`
/// and `del` elements, each starting with its words for a screen reader ("tillagt: ",
/// "borttaget: ", hidden on screen), each changed unit's first mark with the id `andring-N`
/// numbered from `anchor`: the review edition's prose. `old_lead` is the old side's lead (see
/// [`Placement::lead`]). An old side that does not parse counts as empty.
pub fn to_html_marked(
    old: &str,
    new: &str,
    headings: Headings,
    place: Placement<'_>,
    old_lead: Option<&str>,
    notes: &mut Footnotes,
    anchor: Option<usize>,
) -> Result<String, Msg> {
    convert(new, Some((old, old_lead, anchor)), headings, place, notes)
}

/// Footnote definitions: (label, events).
type Notes<'a> = Vec<(String, Vec<Event<'a>>)>;

/// Prose as the HTML writer may see it.
#[derive(Default)]
struct Prepared<'a> {
    /// The body's events, the lead in.
    body: Vec<Event<'a>>,
    /// The footnote definitions.
    notes: Notes<'a>,
    /// Whether the lead is a paragraph of its own, before the prose's first block.
    lead_opens: bool,
}

/// The body and the footnote definitions of prose, as the HTML writer may see them; with the
/// source places of `place.origin` on its blocks (see [`mark_blocks`]).
fn prepared<'a>(md: &'a str, headings: Headings, place: Placement<'_>) -> Result<Prepared<'a>, Msg> {
    let parsed = parse(md)?;
    let mut notes = Vec::new();
    for (label, events) in &parsed.footnotes {
        notes.push((label.clone(), prepare(events, Headings::Forbidden, 0)?));
    }
    let mut body = prepare(&parsed.body, headings, place.shift)?;
    let lead_opens = place.lead.is_some() && !matches!(body.first(), Some(Event::Start(Tag::Paragraph)));
    lead_in(&mut body, place.lead);
    if let Some(origin) = place.origin {
        mark_blocks(body.iter_mut(), md, origin, lead_opens);
    }
    Ok(Prepared { body, notes, lead_opens })
}

/// The marked pieces as events: a mark becomes an `ins` or `del` element.
fn marked_events<'a>(pieces: Vec<Piece<'a>>) -> Vec<Event<'a>> {
    let mut open: Vec<Op> = Vec::new();
    let mut out = Vec::with_capacity(pieces.len());
    for p in pieces {
        out.push(match p {
            Piece::Event(e) | Piece::OldBlock(e) => e,
            Piece::Open(op, anchor) => {
                open.push(op);
                let id = anchor.map(|n| format!(" id=\"andring-{n}\"")).unwrap_or_default();
                Event::InlineHtml(CowStr::from(match op {
                    Op::Insert => format!("<ins{id}><span class=\"dold\">tillagt: </span>"),
                    Op::Delete => format!("<del{id}><span class=\"dold\">borttaget: </span>"),
                }))
            }
            Piece::Close => Event::InlineHtml(CowStr::Borrowed(match open.pop() {
                Some(Op::Delete) => "</del>",
                _ => "</ins>",
            })),
        });
    }
    out
}

fn convert(
    md: &str,
    old: Option<(&str, Option<&str>, Option<usize>)>,
    headings: Headings,
    place: Placement<'_>,
    notes: &mut Footnotes,
) -> Result<String, Msg> {
    // The review edition's marks read the blocks as they are: the places come after the marks.
    let origin = place.origin.filter(|_| old.is_some());
    let place = if old.is_some() { Placement { origin: None, ..place } } else { place };
    let Prepared { mut body, notes: mut defined, lead_opens } = prepared(md, headings, place)?;
    if let Some((old, old_lead, anchor)) = old {
        // The old side's notes are compared with the new side's of the same label.
        let old_place = Placement { lead: old_lead, origin: None, ..place };
        let Prepared { body: old_body, notes: old_notes, .. } =
            prepared(old, headings, old_place).unwrap_or_default();
        let (mut pieces, mut next) = marks::mark(&old_body, &body, anchor);
        // The new side's blocks, in order, and none that only the old side had.
        if let Some(origin) = origin {
            let own = pieces.iter_mut().filter_map(|p| if let Piece::Event(e) = p { Some(e) } else { None });
            mark_blocks(own, md, origin, lead_opens);
        }
        body = marked_events(pieces);
        for (label, events) in &mut defined {
            let old_note = old_notes.iter().find(|(l, _)| l == label).map(|(_, e)| e.as_slice());
            let (pieces, n) = marks::mark(old_note.unwrap_or_default(), events, next);
            next = n;
            *events = marked_events(pieces);
        }
        // A note only the old side had follows the prose, struck through.
        for (label, events) in &old_notes {
            if !defined.iter().any(|(l, _)| l == label) {
                body.extend(marked_events(marks::gone_note(events, next)));
                next = next.map(|n| n + 1);
            }
        }
    }

    // References become numbered links; the notes they use follow the prose, in that order.
    let mut used: Vec<(usize, &[Event<'_>])> = Vec::new();
    for event in &mut body {
        if let Event::FootnoteReference(label) = event {
            let Some((_, note)) = defined.iter().find(|(l, _)| l.as_str() == label.as_ref()) else {
                return Err(crate::msg!("prose-footnote-undefined", label = label.to_string()));
            };
            notes.count += 1;
            let n = notes.count;
            used.push((n, note));
            *event = Event::InlineHtml(CowStr::from(format!(
                "<sup class=\"fotnot\"><a href=\"#fotnot-{n}\" id=\"fotnotref-{n}\" aria-label=\"Fotnot {n}\">{n}</a></sup>"
            )));
        }
    }
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, body.into_iter());
    if !used.is_empty() {
        out.push_str("<ol class=\"fotnoter\">\n");
        for (n, note) in used {
            out.push_str(&format!("<li id=\"fotnot-{n}\" value=\"{n}\">"));
            pulldown_cmark::html::push_html(&mut out, note.iter().cloned());
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    Ok(out)
}

/// Sets `lead` in bold at the start of the first paragraph.
fn lead_in(body: &mut Vec<Event<'_>>, lead: Option<&str>) {
    if let Some(lead) = lead {
        let lead = [
            Event::Start(Tag::Strong),
            Event::Text(CowStr::from(lead.to_owned())),
            Event::End(TagEnd::Strong),
        ];
        match body.first() {
            Some(Event::Start(Tag::Paragraph)) => {
                let rest = body.split_off(1);
                body.extend(lead);
                body.push(Event::Text(CowStr::Borrowed(" ")));
                body.extend(rest);
            }
            _ => {
                let rest = std::mem::take(body);
                body.push(Event::Start(Tag::Paragraph));
                body.extend(lead);
                body.push(Event::End(TagEnd::Paragraph));
                body.extend(rest);
            }
        }
    }
}

/// The byte offsets where the paragraphs, headings and list items of the prose's body start, in
/// order (footnote definitions left out, as [`parse`] leaves them out of the body).
fn block_starts(md: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut in_note = 0usize;
    for (event, range) in
        pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::ENABLE_FOOTNOTES).into_offset_iter()
    {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_note += 1,
            Event::End(TagEnd::FootnoteDefinition) => in_note = in_note.saturating_sub(1),
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::HtmlBlock)
                if in_note == 0 =>
            {
                starts.push(range.start)
            }
            _ => {}
        }
    }
    starts
}

/// Gives each paragraph, heading and list item of `body` its source place: its opening tag is
/// written with a `data-source` attribute. `lead_opens`: the first paragraph is the lead's own,
/// which has no place in the prose.
fn mark_blocks<'e, 'a: 'e>(
    body: impl Iterator<Item = &'e mut Event<'a>>,
    md: &str,
    origin: &Origin,
    lead_opens: bool,
) {
    let starts = block_starts(md);
    let mut next = starts.iter();
    let mut skip = lead_opens;
    for event in body {
        let tag = match event {
            Event::Start(Tag::Paragraph) if std::mem::take(&mut skip) => continue,
            Event::Start(Tag::Paragraph) => "p".to_owned(),
            Event::Start(Tag::Heading { level, .. }) => format!("h{}", *level as u8),
            Event::Start(Tag::Item) => "li".to_owned(),
            _ => continue,
        };
        let Some(&offset) = next.next() else { return };
        let place = crate::escape::html(&origin.at(md, offset));
        *event = Event::Html(CowStr::from(format!("<{tag} data-source=\"{place}\">")));
    }
}

/// The events as the HTML writer may see them.
fn prepare<'a>(events: &[Event<'a>], headings: Headings, shift: u8) -> Result<Vec<Event<'a>>, Msg> {
    let mut out = Vec::with_capacity(events.len());
    // For each open link: whether it was kept.
    let mut links: Vec<bool> = Vec::new();
    let mut in_list = 0usize;
    for event in events {
        let event = match event {
            // Raw HTML is shown as the text it is; a block of it as a paragraph.
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html.clone()),
            // Digit groups are joined so that no number breaks across lines ("14 200").
            Event::Text(text) => {
                Event::Text(CowStr::from(crate::swedish::join_digit_groups(text).into_owned()))
            }
            Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
            e if let Some(m) = unsupported(e) => return Err(m),
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let Headings::From(base) = headings else {
                    return Err(crate::msg!("prose-heading-not-allowed"));
                };
                if in_list > 0 {
                    return Err(crate::msg!("prose-heading-in-list"));
                }
                let level = html_level(base + heading_number(*level) - 1 + shift);
                Event::Start(Tag::Heading {
                    level,
                    id: id.clone(),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                let Headings::From(base) = headings else {
                    return Err(crate::msg!("prose-heading-not-allowed"));
                };
                Event::End(TagEnd::Heading(html_level(base + heading_number(*level) - 1 + shift)))
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let keep = safe_url(dest_url);
                links.push(keep);
                if !keep {
                    continue;
                }
                event.clone()
            }
            Event::End(TagEnd::Link) => {
                if !links.pop().unwrap_or(false) {
                    continue;
                }
                event.clone()
            }
            Event::Start(Tag::List(_)) => {
                in_list += 1;
                event.clone()
            }
            Event::End(TagEnd::List(_)) => {
                in_list = in_list.saturating_sub(1);
                event.clone()
            }
            // The writer's own footnote markup is replaced by the caller.
            e => e.clone(),
        };
        out.push(event);
    }
    Ok(out)
}

fn html_level(level: u8) -> HeadingLevel {
    match level {
        0 | 1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Whether a link target may be followed: a relative address or fragment, or an absolute one with
/// the scheme `http`, `https`, `mailto` or `tel`. Browsers drop tabs and line breaks anywhere in
/// a URL and leading control characters and spaces, so they are dropped before the scheme is read.
pub(crate) fn safe_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme_end = cleaned.find(':');
    let first_delimiter = cleaned.find(['/', '?', '#']);
    match scheme_end {
        // A colon before any path, query or fragment: the part before it is a scheme.
        Some(end) if first_delimiter.is_none_or(|d| end < d) => {
            let scheme = cleaned[..end].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        let place = Placement { shift: 1, lead: None, origin: None };
        to_html(md, Headings::From(2), place, &mut Footnotes::default())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn conversions() {
        let cases = [
            (
                "Hej *du* och **ni** & <b>dom</b>.",
                "<p>Hej <em>du</em> och <strong>ni</strong> &amp; &lt;b&gt;dom&lt;/b&gt;.</p>\n",
            ),
            ("- ett\n- två", "<ul>\n<li>ett</li>\n<li>två</li>\n</ul>\n"),
            ("# Rubrik\n\nText", "<h3>Rubrik</h3>\n<p>Text</p>\n"),
            ("[länk](https://example.se/a_b)", "<p><a href=\"https://example.se/a_b\">länk</a></p>\n"),
            ("[x](javascript:alert(1))", "<p>x</p>\n"),
            ("[x](<java\tscript:alert(1)>)", "<p>x</p>\n"),
            ("[x](JavaScript:alert(1)) [y](data:text/html,hi)", "<p>x y</p>\n"),
            (
                "[rel](bilaga.html#a) [m](mailto:a@b.se)",
                "<p><a href=\"bilaga.html#a\">rel</a> <a href=\"mailto:a@b.se\">m</a></p>\n",
            ),
            (
                "[t](https://a.se \"a\\\" onmouseover=\\\"x\")",
                "<p><a href=\"https://a.se\" title=\"a&quot; onmouseover=&quot;x\">t</a></p>\n",
            ),
            ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ];
        for (md, expected) in cases {
            assert_eq!(html(md), expected, "{md:?}");
        }
    }

    #[test]
    fn footnotes_are_numbered_across_the_page() -> Result<(), Msg> {
        let mut notes = Footnotes::default();
        let place = Placement::default();
        let a = to_html("MAS[^1]\n\n[^1]: Medicinskt ansvarig", Headings::Forbidden, place, &mut notes)?;
        let b = to_html("MAR[^1]\n\n[^1]: Rehabilitering", Headings::Forbidden, place, &mut notes)?;
        assert!(
            a.contains("href=\"#fotnot-1\"")
                && a.contains("<li id=\"fotnot-1\" value=\"1\"><p>Medicinskt ansvarig</p>"),
            "{a}"
        );
        assert!(b.contains("href=\"#fotnot-2\"") && b.contains("id=\"fotnot-2\""), "{b}");
        Ok(())
    }

    #[test]
    fn rejected_constructs() {
        let mut notes = Footnotes::default();
        let place = Placement::default();
        for md in ["![bild](a.png)", "```\nkod\n```", "---"] {
            assert!(to_html(md, Headings::From(2), place, &mut notes).is_err(), "{md:?}");
        }
        assert!(to_html("# R", Headings::Forbidden, place, &mut notes).is_err());
        let footnote_in_heading = to_html("# Rubrik[^1]\n\n[^1]: Not.", Headings::From(2), place, &mut notes);
        assert!(footnote_in_heading.is_err_and(|e| e.key == "prose-footnote-in-heading"));
    }

    #[test]
    fn a_lead_opens_the_first_paragraph() -> Result<(), Msg> {
        let lead = |md: &str| {
            let place = Placement { shift: 0, lead: Some("Hälsa <&>."), origin: None };
            to_html(md, Headings::Forbidden, place, &mut Footnotes::default())
        };
        assert_eq!(
            lead("Text *här*.\n\nMer.")?,
            "<p><strong>Hälsa &lt;&amp;&gt;.</strong> Text <em>här</em>.</p>\n<p>Mer.</p>\n"
        );
        assert_eq!(lead("- a")?, "<p><strong>Hälsa &lt;&amp;&gt;.</strong></p>\n<ul>\n<li>a</li>\n</ul>\n");
        Ok(())
    }

    #[test]
    fn each_block_carries_its_source_place() -> Result<(), Msg> {
        let origin = Origin { file: "sources/2030/document.toml".into(), line: 27, column: 1 };
        let md = "Första[^1] stycket:\n\n- ett\n- två\n\n# Avsnitt\n\n  Text.\n\n[^1]: Not.";
        let place = Placement { shift: 1, lead: None, origin: Some(&origin) };
        let html = to_html(md, Headings::From(2), place, &mut Footnotes::default())?;
        for part in [
            "<p data-source=\"sources/2030/document.toml:27:1\">Första",
            "<li data-source=\"sources/2030/document.toml:29:1\">ett</li>",
            "<li data-source=\"sources/2030/document.toml:30:1\">två</li>",
            "<h3 data-source=\"sources/2030/document.toml:32:1\">Avsnitt</h3>",
            "<p data-source=\"sources/2030/document.toml:34:3\">Text.</p>",
            // The footnote is placed nowhere, and the count stays right after it.
            "<p>Not.</p>",
        ] {
            assert!(html.contains(part), "{part}: {html}");
        }
        // On the first line, the column counts from the string's opening quote.
        let inline = Origin { file: "a.toml".into(), line: 3, column: 9 };
        let place = Placement { shift: 0, lead: Some("Mål."), origin: Some(&inline) };
        let html = to_html("- å", Headings::Forbidden, place, &mut Footnotes::default())?;
        assert_eq!(
            html,
            "<p><strong>Mål.</strong></p>\n<ul>\n<li data-source=\"a.toml:3:9\">å</li>\n</ul>\n"
        );
        let place = Placement { shift: 0, lead: Some("Mål."), origin: Some(&inline) };
        let html = to_html("Å *b*", Headings::Forbidden, place, &mut Footnotes::default())?;
        assert_eq!(html, "<p data-source=\"a.toml:3:9\"><strong>Mål.</strong> Å <em>b</em></p>\n");
        Ok(())
    }

    #[test]
    fn script_urls_are_refused() {
        for url in [
            "javascript:x",
            " JAVASCRIPT:x",
            "java\nscript:x",
            "\u{1}javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!safe_url(url), "{url:?}");
        }
        for url in [
            "https://kolada.se",
            "http://a.se/b:c",
            "mailto:a@b.se",
            "tel:+4654",
            "bilaga.html",
            "#sektion",
            "a/b:c",
            "?q=a:b",
        ] {
            assert!(safe_url(url), "{url:?}");
        }
    }
}
