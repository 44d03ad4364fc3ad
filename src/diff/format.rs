//! The change report's printed forms, all in Swedish and all from one [`Report`]: text for the
//! terminal, Markdown for papers, and the view of the change annex PDF (`diff.typ.j2`). JSON is
//! the [`Diff`](super::Diff) itself, serialized.

use std::fmt::Write as _;
use std::io::Write as _;

use serde::Serialize;
use termcolor::{Buffer, Color, ColorSpec, WriteColor};

use super::report::{ABSENT, Report, Row, Span};
use super::{ChangeKind, Diff, EntityKind, WordOp};
use crate::render::view::{MetaView, Requirements};
use crate::sources::Sources;
use crate::typeset::contents::MustShow;

/// "(tillkommer)" or "(utgår)" after the label of a field or list item that came or went.
fn change_note(change: ChangeKind) -> &'static str {
    match change {
        ChangeKind::Added => " (tillkommer)",
        ChangeKind::Removed => " (utgår)",
        ChangeKind::Changed => "",
    }
}

/// The report for the terminal; with `color`, deleted words red and inserted words green.
/// Changed words are also marked by `[-…-]` and `{+…+}`, so the text reads without colour.
pub fn text(report: &Report, color: bool) -> String {
    let mut out = if color { Buffer::ansi() } else { Buffer::no_color() };
    let paint = |c: Option<Color>, bold: bool| {
        let mut s = ColorSpec::new();
        s.set_fg(c).set_bold(bold);
        s
    };
    let heading = |out: &mut Buffer, text: &str| {
        let _ = out.set_color(&paint(None, true));
        let _ = writeln!(out, "{text}");
        let _ = out.reset();
    };
    let spans = |out: &mut Buffer, spans: &[Span], indent: &str| {
        for (i, s) in spans.iter().enumerate() {
            // A replacement reads "[-old-] {+new+}".
            if s.op == WordOp::Insert && i > 0 && spans[i - 1].op == WordOp::Delete {
                let _ = write!(out, " ");
            }
            let text = s.text.replace('\n', &format!("\n{indent}"));
            match s.op {
                WordOp::Equal => {
                    let _ = write!(out, "{text}");
                }
                WordOp::Delete => {
                    let _ = out.set_color(&paint(Some(Color::Red), false));
                    let _ = write!(out, "[-{text}-]");
                    let _ = out.reset();
                }
                WordOp::Insert => {
                    let _ = out.set_color(&paint(Some(Color::Green), false));
                    let _ = write!(out, "{{+{text}+}}");
                    let _ = out.reset();
                }
            }
        }
    };
    heading(&mut out, &report.title);
    let _ = writeln!(out, "{}", report.intro);
    if !report.sections.is_empty() {
        let _ = writeln!(out, "Borttagna ord står inom [- -] och tillagda inom {{+ +}}.");
    }
    if report.sections.is_empty() {
        return String::from_utf8_lossy(out.as_slice()).into_owned();
    }
    let _ = writeln!(out);
    heading(&mut out, "Översikt");
    for line in &report.overview.counts {
        let _ = writeln!(out, "  {line}");
    }
    if !report.overview.highlights.is_empty() {
        let _ = writeln!(out);
        heading(&mut out, "Det viktigaste");
        for h in &report.overview.highlights {
            let _ = writeln!(out, "  {}: {}", h.name, h.text);
        }
    }
    for section in &report.sections {
        let _ = writeln!(out);
        heading(&mut out, &section.heading);
        for (mark, list, c) in [("+", &section.added, Color::Green), ("-", &section.removed, Color::Red)] {
            for e in list {
                let _ = out.set_color(&paint(Some(c), false));
                let _ = write!(out, "  {mark} ");
                let _ = out.reset();
                let _ = writeln!(
                    out,
                    "{}{}",
                    e.name,
                    if e.text.is_empty() { String::new() } else { format!(": {}", e.text) }
                );
            }
        }
        for e in &section.changed {
            let _ = out.set_color(&paint(Some(Color::Yellow), false));
            let _ = write!(out, "  ~ ");
            let _ = out.reset();
            let _ = writeln!(out, "{}", e.name);
            for r in &e.rows {
                let _ = write!(out, "      {}{}: ", r.label, change_note(r.change));
                match (&r.inline, &r.before, &r.after) {
                    (Some(inline), _, _) => spans(&mut out, inline, "        "),
                    (None, Some(before), Some(after)) => {
                        spans(&mut out, before, "        ");
                        let _ = write!(out, " → ");
                        spans(&mut out, after, "        ");
                    }
                    (None, Some(only), None) | (None, None, Some(only)) => spans(&mut out, only, "        "),
                    (None, None, None) => {}
                }
                let _ = writeln!(out);
            }
        }
    }
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

/// Escapes text for Markdown: it reads as text, never as syntax.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut line_start = true;
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            // At the start of a line these would start a heading, a list or a quote.
            '#' | '-' | '+' | '=' if line_start => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            c => out.push(c),
        }
        line_start = false;
    }
    out
}

/// Marked text in Markdown: deleted words struck (`~~`), inserted words in bold.
fn md_spans(spans: &[Span]) -> String {
    let mut out = String::new();
    for (i, s) in spans.iter().enumerate() {
        let t = md_escape(&s.text);
        if s.op == WordOp::Insert && i > 0 && spans[i - 1].op == WordOp::Delete {
            out.push(' ');
        }
        match s.op {
            WordOp::Equal => out.push_str(&t),
            WordOp::Delete => out.push_str(&format!("~~{t}~~")),
            WordOp::Insert => out.push_str(&format!("**{t}**")),
        }
    }
    out
}

fn md_row(r: &Row) -> String {
    let label = format!("**{}**{}", md_escape(&r.label), change_note(r.change));
    match (&r.inline, &r.before, &r.after) {
        (Some(inline), _, _) => format!("- {label}: {}", md_spans(inline)),
        (None, Some(before), Some(after)) => {
            let (b, a) = (md_spans(before), md_spans(after));
            if b.chars().count() + a.chars().count() < 160 {
                format!("- {label}: {b} → {a}")
            } else {
                format!("- {label}:\n  - Före: {b}\n  - Efter: {a}")
            }
        }
        (None, Some(only), None) | (None, None, Some(only)) => format!("- {label}: {}", md_spans(only)),
        (None, None, None) => format!("- {label}: {ABSENT}"),
    }
}

/// The report in Markdown, for the preparatory group's papers.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md_escape(&report.title));
    let _ = writeln!(out, "{}", md_escape(&report.intro));
    if report.sections.is_empty() {
        return out;
    }
    let _ = writeln!(out, "Borttagna ord är ~~överstrukna~~ och tillagda ord står i **fetstil**.");
    let _ = writeln!(out, "\n## Översikt\n");
    for line in &report.overview.counts {
        let _ = writeln!(out, "- {}", md_escape(line));
    }
    if !report.overview.highlights.is_empty() {
        let _ = writeln!(out, "\n### Det viktigaste\n");
        for h in &report.overview.highlights {
            let _ = writeln!(out, "- **{}:** {}", md_escape(&h.name), md_escape(&h.text));
        }
    }
    for section in &report.sections {
        let _ = writeln!(out, "\n## {}", md_escape(&section.heading));
        for (heading, list) in
            [(&section.added_heading, &section.added), (&section.removed_heading, &section.removed)]
        {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n### {}\n", md_escape(heading));
            for e in list {
                let line =
                    if e.text.is_empty() { String::new() } else { format!(": {}", md_escape(&e.text)) };
                let _ = writeln!(out, "- **{}**{line}", md_escape(&e.name));
            }
        }
        if !section.changed.is_empty() {
            let _ = writeln!(out, "\n### {}", md_escape(&section.changed_heading));
            for e in &section.changed {
                let _ = writeln!(out, "\n#### {}\n", md_escape(&e.name));
                for r in &e.rows {
                    let _ = writeln!(out, "{}", md_row(r));
                }
            }
        }
    }
    out
}

/// The change annex "Förändringar 2019–2023": its view for `diff.typ.j2`.
#[derive(Serialize)]
pub struct DiffView {
    /// Title and metadata (the template shares the document's style).
    pub meta: MetaView,
    /// Never a draft.
    pub draft: Option<()>,
    /// The report.
    pub report: Report,
}

/// The view of the change annex; its author is the new edition's (the steering group).
pub fn pdf_view(diff: &Diff, report: Report, new: &Sources) -> DiffView {
    let doc = &new.document.data;
    let title = report.title.clone();
    DiffView {
        meta: MetaView {
            title: title.clone(),
            subtitle: format!("{} – {}", doc.title, doc.subtitle),
            year: diff.new.year,
            full_title: format!("{title} – {} – {}", doc.title, doc.subtitle),
            author: doc.author.clone(),
            subject: format!(
                "Förändringar i {} mellan {} och {}",
                doc.title.to_lowercase(),
                diff.old.label,
                diff.new.label
            ),
            keywords: vec!["Nya Perspektiv".into(), "förändringar".into(), doc.title.to_lowercase()],
            running_header: format!("Nya Perspektiv – {}", title.to_lowercase()),
            date: String::new(),
        },
        draft: None,
        report,
    }
}

impl DiffView {
    /// What the typeset change annex must show: the name of every entity that came, went or
    /// changed, located in the new edition's sources when it is there (a person, a body, a goal,
    /// an indicator or a party of the new edition).
    pub fn must_show(&self, new: &Sources) -> MustShow {
        let mut req = Requirements::new(new);
        for section in &self.report.sections {
            let names = section
                .added
                .iter()
                .map(|e| &e.name)
                .chain(section.removed.iter().map(|e| &e.name))
                .chain(section.changed.iter().map(|e| &e.name));
            for name in names {
                match section.heading.as_str() {
                    h if h == EntityKind::Member.swedish() => req.person(name),
                    h if h == EntityKind::Body.swedish() => req.body(name),
                    h if h == EntityKind::Goal.swedish() => req.goal(name),
                    h if h == EntityKind::Indicator.swedish() => req.indicator(name),
                    h if h == EntityKind::Party.swedish() => req.party(name),
                    _ => req.change(name),
                }
            }
        }
        req.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_text() {
        assert_eq!(md_escape("a|b *c* [x](y)"), "a\\|b \\*c\\* \\[x\\](y)");
        assert_eq!(md_escape("- inte en lista"), "\\- inte en lista");
        assert_eq!(md_escape("1 - 2"), "1 - 2");
    }

    #[test]
    fn marks_keep_spaces_outside() {
        let s = |op, text: &str| Span { op, text: text.into() };
        let spans = [
            s(WordOp::Equal, "i "),
            s(WordOp::Delete, "årkurs"),
            s(WordOp::Equal, " "),
            s(WordOp::Insert, "årskurs"),
            s(WordOp::Equal, " 9"),
        ];
        assert_eq!(md_spans(&spans), "i ~~årkurs~~ **årskurs** 9");
    }
}
