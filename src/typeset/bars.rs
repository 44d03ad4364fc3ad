//! The change bars of the review edition: a line in the left margin beside every line of text
//! that holds a marked change, drawn on the laid-out pages before export.
//!
//! The review edition's markup labels each run of marked words at its start (`<np-run-N>`) and
//! its end (`<np-run-N-end>`), and says where bars go with a `metadata` labelled `<np-bar-style>`:
//! a dictionary of lengths `x` (the bar's distance from the page's left edge), `top` and `bottom`
//! (the text area's margins, where a run that crosses a page break is cut) and `thickness`. Typst
//! could draw the bars itself, but each would be a `context` reading its position, and every one of
//! them makes Typst lay the document out again; here the positions are read once from the finished
//! layout, and the bars are added to the page frames as plain shapes, which the PDF export tags as
//! artifacts (decoration a screen reader skips). A document without `<np-bar-style>` is left as it
//! is.

use std::collections::BTreeMap;

use typst::foundations::{Dict, Value};
use typst::introspection::{MetadataElem, Tag};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::syntax::Span;
use typst::visualize::{Color, FixedStroke, Geometry};
use typst_layout::{Page, PagedDocument};

/// The label of the metadata that asks for bars and says where they go.
pub const STYLE_LABEL: &str = "np-bar-style";

/// The label prefix of a run's start (`np-run-N`) and, with `-end`, of its end.
pub const RUN_LABEL: &str = "np-run-";

/// How far a bar reaches above the baseline of a run's first line and below that of its last, in
/// the text's size: the height of a capital and the depth of a descender.
const ABOVE: f64 = 0.8;
const BELOW: f64 = 0.25;

/// Where bars go, from `<np-bar-style>`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Style {
    x: Abs,
    top: Abs,
    bottom: Abs,
    thickness: Abs,
}

impl Style {
    fn from_dict(d: &Dict) -> Option<Style> {
        let length = |key: &str| match d.get(key).ok()? {
            Value::Length(l) if l.em == typst::layout::Em::zero() => Some(l.abs),
            _ => None,
        };
        Some(Style {
            x: length("x")?,
            top: length("top")?,
            bottom: length("bottom")?,
            thickness: length("thickness")?,
        })
    }
}

/// A run's start or end as laid out: its page (from 0), its baseline and the size of the text
/// on that line.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Mark {
    page: usize,
    point: Point,
    size: Abs,
}

impl Mark {
    fn key(&self) -> (usize, Abs, Abs) {
        (self.page, self.point.y, self.point.x)
    }
}

/// Where a run's starts and ends are laid out: page (from 0) and point.
#[derive(Default)]
struct Run {
    starts: Vec<(usize, Point)>,
    ends: Vec<(usize, Point)>,
}

/// What one walk over the pages finds.
#[derive(Default)]
struct Found {
    style: Option<Style>,
    /// Each run's starts and ends, in the order of the pages (a heading's run is laid out twice:
    /// in its place and in the contents).
    runs: BTreeMap<u64, Run>,
    /// Each page's lines of text: baseline and the largest size on it.
    lines: Vec<BTreeMap<i64, Abs>>,
}

/// The document with its change bars drawn, if its markup asks for them (see the module's
/// documentation); otherwise the document as it is.
pub fn draw(mut doc: PagedDocument) -> PagedDocument {
    let mut found = Found::default();
    for (i, page) in doc.pages().iter().enumerate() {
        found.lines.push(BTreeMap::new());
        walk(&page.frame, Transform::identity(), i, &mut found);
    }
    let Some(style) = found.style else { return doc };
    let size_at = |page: usize, p: Point| -> Abs {
        found.lines[page].get(&baseline_key(p.y)).copied().unwrap_or(Abs::pt(10.0))
    };
    let mut segments: Vec<Vec<(Abs, Abs)>> = vec![Vec::new(); doc.pages().len()];
    let marks = |at: &[(usize, Point)]| -> Vec<Mark> {
        at.iter().map(|&(page, point)| Mark { page, point, size: size_at(page, point) }).collect()
    };
    for run in found.runs.values() {
        let (starts, ends) = (marks(&run.starts), marks(&run.ends));
        for s in &starts {
            // The run's end is the first after its start.
            let Some(e) = ends
                .iter()
                .filter(|e| e.key() >= s.key())
                .min_by(|a, b| a.key().partial_cmp(&b.key()).unwrap_or(std::cmp::Ordering::Equal))
            else {
                continue;
            };
            let pages = doc.pages().iter().zip(segments.iter_mut()).enumerate();
            for (i, (page, spans)) in pages.take(e.page + 1).skip(s.page) {
                let top = if i == s.page { s.point.y - s.size * ABOVE } else { style.top };
                let bottom =
                    if i == e.page { e.point.y + e.size * BELOW } else { page.frame.height() - style.bottom };
                if bottom > top {
                    spans.push((top, bottom));
                }
            }
        }
    }
    let mut pages: Vec<Page> = doc.pages().to_vec();
    let stroke = FixedStroke::from_pair(Color::BLACK, style.thickness);
    for (page, mut spans) in pages.iter_mut().zip(segments) {
        for (top, bottom) in merged(&mut spans) {
            let line = Geometry::Line(Point::new(Abs::zero(), bottom - top)).stroked(stroke.clone());
            page.frame.push(Point::new(style.x, top), FrameItem::Shape(line, Span::detached()));
        }
    }
    let info = doc.info_mut().clone();
    PagedDocument::new(pages.into_iter().collect(), info)
}

/// Spans that touch or overlap joined, from the top of the page down.
fn merged(spans: &mut [(Abs, Abs)]) -> Vec<(Abs, Abs)> {
    spans.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let mut out: Vec<(Abs, Abs)> = Vec::new();
    for &(top, bottom) in spans.iter() {
        match out.last_mut() {
            Some(last) if top <= last.1 => last.1 = last.1.max(bottom),
            _ => out.push((top, bottom)),
        }
    }
    out
}

/// A baseline's key: its position in hundredths of a point (lines of one paragraph share it).
fn baseline_key(y: Abs) -> i64 {
    (y.to_pt() * 100.0).round() as i64
}

fn walk(frame: &Frame, ts: Transform, page: usize, found: &mut Found) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let ts = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                walk(&group.frame, ts, page, found);
            }
            FrameItem::Text(text) => {
                let at = pos.transform(ts);
                let size = found.lines[page].entry(baseline_key(at.y)).or_insert(Abs::zero());
                *size = (*size).max(text.size);
            }
            FrameItem::Tag(Tag::Start(content, _)) => {
                let Some(label) = content.label() else { continue };
                let name = label.resolve();
                let name = name.as_str();
                if name == STYLE_LABEL {
                    if let Some(Value::Dict(d)) = content.to_packed::<MetadataElem>().map(|m| &m.value) {
                        found.style = Style::from_dict(d);
                    }
                } else if let Some(rest) = name.strip_prefix(RUN_LABEL) {
                    let (number, end) = match rest.strip_suffix("-end") {
                        Some(n) => (n, true),
                        None => (rest, false),
                    };
                    let Ok(n) = number.parse::<u64>() else { continue };
                    let entry = found.runs.entry(n).or_default();
                    let at = (page, pos.transform(ts));
                    if end { entry.ends.push(at) } else { entry.starts.push(at) }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::{DocWorld, compile};

    /// The bars drawn on each page of `markup`: (x, top, bottom) in points.
    fn bars(markup: &str) -> Vec<Vec<(f64, f64, f64)>> {
        let world = DocWorld::new("bars.typ", markup.to_owned(), None).unwrap();
        let (doc, _) = compile(&world).unwrap();
        let before: Vec<usize> = doc.pages().iter().map(|p| p.frame.items().len()).collect();
        let doc = draw(doc);
        doc.pages()
            .iter()
            .zip(before)
            .map(|(p, n)| {
                p.frame
                    .items()
                    .skip(n)
                    .map(|(pos, item)| match item {
                        FrameItem::Shape(s, _) => match s.geometry {
                            Geometry::Line(to) => (pos.x.to_pt(), pos.y.to_pt(), (pos.y + to.y).to_pt()),
                            _ => panic!("a bar is a line"),
                        },
                        _ => panic!("only bars are added"),
                    })
                    .collect()
            })
            .collect()
    }

    const PAGE: &str = "#set document(title: [Bars])\n#set page(width: 100mm, height: 80mm, margin: 20mm)\n";
    const STYLE: &str = "#metadata((x: 8mm, top: 20mm, bottom: 20mm, thickness: 1pt))<np-bar-style>\n";

    #[test]
    fn a_run_on_one_line_gets_a_bar_beside_that_line_only() {
        let got = bars(&format!(
            "{PAGE}{STYLE}Ett två tre.\n\nFyra #metadata(none)<np-run-0>fem#metadata(none)<np-run-0-end> sex.\n\nSju."
        ));
        assert_eq!(got.len(), 1);
        let [(x, top, bottom)] = got[0][..] else { panic!("one bar: {got:?}") };
        assert!((x - 8.0 * 72.0 / 25.4).abs() < 0.01, "{x}");
        // Beside the second paragraph's line: below the first line, above the third.
        assert!(top > 20.0 * 72.0 / 25.4 + 11.0 && bottom - top < 14.0, "{top} {bottom}");
    }

    #[test]
    fn a_run_across_a_page_break_is_barred_to_the_foot_and_from_the_head_of_the_text() {
        let words = "ord ".repeat(200);
        let got = bars(&format!(
            "{PAGE}{STYLE}Början #metadata(none)<np-run-3>{words}#metadata(none)<np-run-3-end> slut."
        ));
        assert!(got.len() >= 2, "{got:?}");
        let mm = 72.0 / 25.4;
        let (_, top, bottom) = got[0][0];
        assert!(top < 20.0 * mm + 1.0 && (bottom - 60.0 * mm).abs() < 0.01, "{:?}", got[0]);
        let (_, top, _) = got.last().unwrap()[0];
        assert!((top - 20.0 * mm).abs() < 0.01, "{got:?}");
        // Pages between: the whole text area.
        for page in &got[1..got.len() - 1] {
            assert_eq!(page.len(), 1);
            assert!((page[0].1 - 20.0 * mm).abs() < 0.01 && (page[0].2 - 60.0 * mm).abs() < 0.01);
        }
    }

    #[test]
    fn runs_on_the_same_lines_share_one_bar_and_a_document_without_the_style_gets_none() {
        let text = "Ett #metadata(none)<np-run-0>två#metadata(none)<np-run-0-end> och #metadata(none)<np-run-1>tre#metadata(none)<np-run-1-end>.";
        assert_eq!(bars(&format!("{PAGE}{STYLE}{text}"))[0].len(), 1);
        assert!(bars(&format!("{PAGE}{text}"))[0].is_empty());
    }

    #[test]
    fn touching_and_overlapping_spans_join() {
        let pt = Abs::pt;
        let mut spans =
            vec![(pt(50.0), pt(60.0)), (pt(10.0), pt(20.0)), (pt(15.0), pt(30.0)), (pt(30.0), pt(40.0))];
        assert_eq!(merged(&mut spans), vec![(pt(10.0), pt(40.0)), (pt(50.0), pt(60.0))]);
    }
}
