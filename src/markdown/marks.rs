//! The marks of the review edition in prose: the new text's events with the words only the old
//! text had put back, struck, where they stood, and the words only the new text has marked.
//!
//! Prose is split into the units a reader points at, as the change report splits it: the text of
//! a paragraph, a heading or a list item. The units of both sides are aligned by content
//! ([`crate::diff::align`]) and each pair is compared word by word ([`crate::diff::word_changes`]),
//! the same two steps as the report's. A unit only the old side has stays where it was, as a
//! struck paragraph (or list item); a unit only the new side has is marked whole. Both writers
//! turn the [`Piece`]s into their own marks.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::diff::align::{self, Item};
use crate::diff::{WordChange, WordOp, word_changes};

/// What a mark says happened to its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Words only the new text has.
    Insert,
    /// Words only the old text had.
    Delete,
}

/// An event of the marked prose: the prose's own, or the start or end of a mark.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece<'a> {
    /// An event of the prose (or of text put back from the old side).
    Event(Event<'a>),
    /// The start or end of a block only the old side had, put back where it stood (its text is
    /// a [`Piece::Event`] inside a deleting mark): a writer writes it as any block, but it is
    /// no block of the new side's (it has no source place on a served page).
    OldBlock(Event<'a>),
    /// A mark opens; the first mark of a changed unit carries the unit's anchor number.
    Open(Op, Option<usize>),
    /// The open mark closes.
    Close,
}

/// A unit of prose: a run of inline events between block events.
struct Unit {
    /// Index of its first event and one past its last.
    range: std::ops::Range<usize>,
    /// "paragraph", "heading" or "item".
    class: &'static str,
    /// Its text as the reader sees it: text and code, a space for each line break.
    text: String,
}

fn is_inline(e: &Event<'_>) -> bool {
    match e {
        Event::Text(_)
        | Event::Code(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_) => true,
        Event::Start(t) => {
            matches!(t, Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
        }
        Event::End(t) => {
            matches!(t, TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link)
        }
        _ => false,
    }
}

fn units(events: &[Event<'_>]) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut blocks: Vec<&'static str> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if is_inline(&events[i]) {
            let start = i;
            let mut text = String::new();
            while i < events.len() && is_inline(&events[i]) {
                match &events[i] {
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    Event::SoftBreak | Event::HardBreak => text.push(' '),
                    _ => {}
                }
                i += 1;
            }
            let class = blocks.last().copied().unwrap_or("paragraph");
            out.push(Unit { range: start..i, class, text });
            continue;
        }
        match &events[i] {
            Event::Start(Tag::Heading { .. }) => blocks.push("heading"),
            Event::Start(Tag::Item) => blocks.push("item"),
            Event::Start(Tag::Paragraph) => {
                // A paragraph of a loose list item is the item's text.
                let class = if blocks.last() == Some(&"item") { "item" } else { "paragraph" };
                blocks.push(class);
            }
            Event::Start(_) => blocks.push("paragraph"),
            Event::End(_) => {
                blocks.pop();
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// How many marked places [`mark`] gives the two sides: one per unit that is new, gone or changed.
pub fn count(old: &[Event<'_>], new: &[Event<'_>]) -> usize {
    plan(old, new).1.iter().filter(|p| p.changed).count()
}

/// What happened to a unit of prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitChange {
    /// Only the new side has it.
    Added,
    /// Only the old side had it.
    Removed,
    /// Its words changed.
    Changed,
}

/// The marked places [`mark`] gives the two sides, in the order of its anchors: what happened,
/// and the unit's text (the old text for a unit that is gone).
pub fn unit_changes(old: &[Event<'_>], new: &[Event<'_>]) -> Vec<(UnitChange, String)> {
    let ((a, b), steps) = plan(old, new);
    steps
        .iter()
        .filter(|s| s.changed)
        .map(|s| match (s.old, s.new) {
            (Some(i), None) => (UnitChange::Removed, a[i].text.clone()),
            (None, Some(j)) => (UnitChange::Added, b[j].text.clone()),
            (_, Some(j)) => (UnitChange::Changed, b[j].text.clone()),
            (None, None) => (UnitChange::Changed, String::new()),
        })
        .collect()
}

/// A unit pair of the plan.
struct Step {
    old: Option<usize>,
    new: Option<usize>,
    changed: bool,
}

fn plan(old: &[Event<'_>], new: &[Event<'_>]) -> ((Vec<Unit>, Vec<Unit>), Vec<Step>) {
    let (a, b) = (units(old), units(new));
    let items = |us: &[Unit]| -> Vec<(String, &'static str)> {
        us.iter().map(|u| (u.text.clone(), u.class)).collect()
    };
    let (ia, ib) = (items(&a), items(&b));
    let av: Vec<Item<'_>> = ia.iter().map(|(t, c)| Item { class: c, key: None, text: t }).collect();
    let bv: Vec<Item<'_>> = ib.iter().map(|(t, c)| Item { class: c, key: None, text: t }).collect();
    let steps = align::align(&av, &bv)
        .into_iter()
        .map(|(o, n)| {
            let changed = match (o, n) {
                (Some(i), Some(j)) => a[i].text != b[j].text,
                _ => true,
            };
            Step { old: o, new: n, changed }
        })
        .collect();
    ((a, b), steps)
}

/// The new side's events with every change since the old side marked; the marked units are
/// numbered from `anchor` on (none without it), in the order of the result. Returns the pieces
/// and the next free number.
pub fn mark<'a>(
    old: &[Event<'a>],
    new: &[Event<'a>],
    anchor: Option<usize>,
) -> (Vec<Piece<'a>>, Option<usize>) {
    let ((a, b), steps) = plan(old, new);
    // For each new unit: the old units that are gone and stood after it (or before the first).
    let mut gone_after: Vec<Vec<usize>> = vec![Vec::new(); b.len()];
    let mut gone_first: Vec<usize> = Vec::new();
    let mut pair_of_new: Vec<Option<(usize, bool)>> = vec![None; b.len()];
    let mut last_new: Option<usize> = None;
    for s in &steps {
        match (s.old, s.new) {
            (Some(i), None) => match last_new {
                Some(j) => gone_after[j].push(i),
                None => gone_first.push(i),
            },
            (o, Some(j)) => {
                pair_of_new[j] = o.map(|i| (i, s.changed));
                last_new = Some(j);
            }
            (None, None) => {}
        }
    }
    let mut next = anchor;
    let mut out: Vec<Piece<'a>> = Vec::new();
    let gone = |out: &mut Vec<Piece<'a>>, list: &[usize], in_list: bool, next: &mut Option<usize>| {
        for &i in list {
            let (start, end) =
                if in_list { (Tag::Item, TagEnd::Item) } else { (Tag::Paragraph, TagEnd::Paragraph) };
            out.push(Piece::OldBlock(Event::Start(start)));
            out.push(Piece::Open(Op::Delete, *next));
            *next = next.map(|n| n + 1);
            out.push(Piece::Event(Event::Text(CowStr::from(a[i].text.clone()))));
            out.push(Piece::Close);
            out.push(Piece::OldBlock(Event::End(end)));
        }
    };
    gone(&mut out, &gone_first, false, &mut next);
    // Open block tags, to know whether a unit put back stands in a list.
    let mut blocks: Vec<bool> = Vec::new(); // per open block: whether it is a list
    let mut pending: Option<usize> = None; // a new unit whose block has yet to end
    let mut depth_of_pending = 0usize;
    let mut e = 0;
    let mut u = 0;
    while e < new.len() {
        if u < b.len() && b[u].range.start == e {
            let unit = &b[u];
            let events = &new[unit.range.clone()];
            match pair_of_new[u] {
                Some((_, false)) => out.extend(events.iter().cloned().map(Piece::Event)),
                Some((i, true)) => {
                    let runs = word_changes(&a[i].text, &unit.text);
                    apply(events, &runs, &mut out, next);
                    next = next.map(|n| n + 1);
                }
                None => {
                    let runs = vec![WordChange { op: WordOp::Insert, text: unit.text.clone() }];
                    apply(events, &runs, &mut out, next);
                    next = next.map(|n| n + 1);
                }
            }
            pending = Some(u);
            depth_of_pending = blocks.len();
            e = unit.range.end;
            u += 1;
            continue;
        }
        let event = &new[e];
        out.push(Piece::Event(event.clone()));
        match event {
            Event::Start(Tag::List(_)) => blocks.push(true),
            Event::Start(_) => blocks.push(false),
            Event::End(_) => {
                blocks.pop();
                // The block of the last unit ended: what was gone after it comes here.
                if let Some(j) = pending.filter(|_| blocks.len() < depth_of_pending) {
                    pending = None;
                    let in_list = blocks.last() == Some(&true);
                    gone(&mut out, &gone_after[j], in_list, &mut next);
                }
            }
            _ => {}
        }
        e += 1;
    }
    if let Some(j) = pending {
        gone(&mut out, &gone_after[j], false, &mut next);
    }
    (out, next)
}

/// A footnote only the old side had, put back as a deleted paragraph after the prose: its text
/// (from its events) after "Fotnot: ", marked with `anchor`.
pub fn gone_note<'a>(events: &[Event<'_>], anchor: Option<usize>) -> Vec<Piece<'a>> {
    vec![
        Piece::OldBlock(Event::Start(Tag::Paragraph)),
        Piece::Open(Op::Delete, anchor),
        Piece::Event(Event::Text(CowStr::from(note_text(events)))),
        Piece::Close,
        Piece::OldBlock(Event::End(TagEnd::Paragraph)),
    ]
}

/// The text of a footnote as [`gone_note`] shows it.
pub fn note_text(events: &[Event<'_>]) -> String {
    let text: String = units(events).iter().map(|u| u.text.as_str()).collect::<Vec<_>>().join(" ");
    format!("Fotnot: {text}")
}

/// The events of a unit with `runs` (the word changes from its old text to its text) marked.
fn apply<'a>(events: &[Event<'a>], runs: &[WordChange], out: &mut Vec<Piece<'a>>, anchor: Option<usize>) {
    let mut anchor = anchor;
    let mut open = |op: Op, out: &mut Vec<Piece<'a>>| out.push(Piece::Open(op, anchor.take()));
    // The runs of the new text, each with how many of its characters are left.
    let mut r = 0usize;
    let mut used = 0usize; // characters of runs[r] already given out
    let deletions = |r: &mut usize,
                     used: &mut usize,
                     out: &mut Vec<Piece<'a>>,
                     open: &mut dyn FnMut(Op, &mut Vec<Piece<'a>>)| {
        while *r < runs.len() && runs[*r].op == WordOp::Delete {
            open(Op::Delete, out);
            out.push(Piece::Event(Event::Text(CowStr::from(runs[*r].text.clone()))));
            out.push(Piece::Close);
            *r += 1;
            *used = 0;
        }
    };
    for event in events {
        let (text, code) = match event {
            Event::Text(t) => (t.as_ref(), false),
            Event::Code(t) => (t.as_ref(), true),
            Event::SoftBreak | Event::HardBreak => (" ", false),
            other => {
                out.push(Piece::Event(other.clone()));
                continue;
            }
        };
        let is_break = matches!(event, Event::SoftBreak | Event::HardBreak);
        let mut rest: &str = text;
        while !rest.is_empty() {
            deletions(&mut r, &mut used, out, &mut open);
            let Some(run) = runs.get(r) else {
                // Past the runs (cannot happen: the runs spell the text); shown unmarked.
                push_text(out, event, rest, code, is_break);
                break;
            };
            let left: &str = run.text.get(byte_at(&run.text, used)..).unwrap_or("");
            let n = rest.chars().count().min(left.chars().count());
            let cut = byte_at(rest, n);
            let (piece, tail) = rest.split_at(cut);
            if run.op == WordOp::Insert {
                open(Op::Insert, out);
                push_text(out, event, piece, code, is_break);
                out.push(Piece::Close);
            } else {
                push_text(out, event, piece, code, is_break);
            }
            used += n;
            if used >= run.text.chars().count() {
                r += 1;
                used = 0;
            }
            rest = tail;
        }
    }
    deletions(&mut r, &mut used, out, &mut open);
}

fn push_text<'a>(out: &mut Vec<Piece<'a>>, event: &Event<'a>, text: &str, code: bool, is_break: bool) {
    let e = if is_break {
        event.clone()
    } else if code {
        Event::Code(CowStr::from(text.to_owned()))
    } else {
        Event::Text(CowStr::from(text.to_owned()))
    };
    out.push(Piece::Event(e));
}

/// The byte offset of the `n`th character of `s`.
fn byte_at(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map(|(i, _)| i).unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn show(old: &str, new: &str) -> String {
        let a: Vec<Event<'_>> = Parser::new(old).collect();
        let b: Vec<Event<'_>> = Parser::new(new).collect();
        let (pieces, _) = mark(&a, &b, None);
        let mut s = String::new();
        for p in pieces {
            let p = match p {
                Piece::OldBlock(e) => Piece::Event(e),
                p => p,
            };
            match p {
                Piece::Open(Op::Insert, _) => s.push_str("{+"),
                Piece::Open(Op::Delete, _) => s.push_str("[-"),
                Piece::Close => s.push('|'),
                Piece::Event(Event::Text(t)) => s.push_str(&t),
                Piece::Event(Event::SoftBreak) => s.push(' '),
                Piece::Event(Event::End(TagEnd::Paragraph)) => s.push('¶'),
                Piece::Event(Event::End(TagEnd::Item)) => s.push('•'),
                Piece::Event(Event::Start(Tag::Emphasis)) | Piece::Event(Event::End(TagEnd::Emphasis)) => {
                    s.push('*')
                }
                _ => {}
            }
        }
        s
    }

    #[test]
    fn unchanged_prose_has_no_marks() {
        assert_eq!(show("Ett *två* tre.\n\nFyra.", "Ett *två* tre.\n\nFyra."), "Ett *två* tre.¶Fyra.¶");
    }

    #[test]
    fn words_are_marked_in_place_across_emphasis() {
        assert_eq!(show("Ett *två* tre.", "Ett *fem* tre sex."), "Ett *[-två|{+fem|* tre{+ sex|.¶");
    }

    #[test]
    fn a_paragraph_inserted_before_an_edited_one() {
        assert_eq!(
            show(
                "Första stycket här.\n\nAndra stycket.",
                "Nytt stycke.\n\nFörsta stycket där.\n\nAndra stycket."
            ),
            "{+Nytt stycke.|¶Första stycket [-här|{+där|.¶Andra stycket.¶"
        );
    }

    #[test]
    fn a_removed_paragraph_stays_where_it_was() {
        assert_eq!(show("Ett.\n\nBorta nu.\n\nTre.", "Ett.\n\nTre."), "Ett.¶[-Borta nu.|¶Tre.¶");
        assert_eq!(show("Ett.\n\nTvå.", ""), "[-Ett.|¶[-Två.|¶");
    }

    #[test]
    fn a_removed_list_item_stays_in_its_list() {
        assert_eq!(show("- a\n- b\n- c", "- a\n- c"), "a•[-b|•c•");
    }

    #[test]
    fn anchors_count_the_marked_units() {
        let a: Vec<Event<'_>> = Parser::new("Ett.\n\nTvå.\n\nTre.").collect();
        let b: Vec<Event<'_>> = Parser::new("Ett.\n\nTvå ändrad.\n\nFyra helt annan text.").collect();
        let (pieces, next) = mark(&a, &b, Some(5));
        let next = next.unwrap_or(0);
        assert_eq!(next, 5 + count(&a, &b));
        let anchors: Vec<usize> = pieces
            .iter()
            .filter_map(|p| if let Piece::Open(_, Some(n)) = p { Some(*n) } else { None })
            .collect();
        assert_eq!(anchors, (5..next).collect::<Vec<_>>());
    }
}
