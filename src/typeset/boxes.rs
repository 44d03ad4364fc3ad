//! Word boxes of a laid-out document: where each word's ink lies on its page, to check that no
//! word runs into another (a long name in a narrow table column, a label over a chart).

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

/// One word as laid out: its text and its box on the page, in points from the page's top left
/// corner (x to the right, y down). The box spans the word's advance widths horizontally and, on
/// its line, from the baseline up to the font's cap height and down a fifth of the font size
/// (descenders): lines set with the document's leading never overlap, and any two words that
/// do are printed over each other.
#[derive(Clone, Debug, PartialEq)]
pub struct WordBox {
    /// The word, without the spaces around it.
    pub text: String,
    /// Left edge, points.
    pub x0: f64,
    /// Top edge, points.
    pub y0: f64,
    /// Right edge, points.
    pub x1: f64,
    /// Bottom edge, points.
    pub y1: f64,
}

impl WordBox {
    /// The area, in square points, that this box shares with `other` (0 when they do not meet).
    pub fn overlap(&self, other: &WordBox) -> f64 {
        let w = self.x1.min(other.x1) - self.x0.max(other.x0);
        let h = self.y1.min(other.y1) - self.y0.max(other.y0);
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }
}

/// The words of each page of `doc`, in the order they are drawn; a transformed (rotated, scaled)
/// word gets the axis-aligned box around its transformed box. Shapes and images are not words.
pub fn word_boxes(doc: &PagedDocument) -> Vec<Vec<WordBox>> {
    doc.pages()
        .iter()
        .map(|page| {
            let mut out = Vec::new();
            walk(&page.frame, Transform::identity(), &mut out);
            out
        })
        .collect()
}

/// Pairs of words on one page whose boxes share more than `min_area` square points: `(page index
/// from 0, first word, second word)`.
pub fn overlapping_words(doc: &PagedDocument, min_area: f64) -> Vec<(usize, WordBox, WordBox)> {
    let mut found = Vec::new();
    for (page, words) in word_boxes(doc).into_iter().enumerate() {
        let mut sorted = words;
        sorted.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // A sweep from left to right: only words whose boxes start before this one ends can meet.
        for (i, a) in sorted.iter().enumerate() {
            for b in sorted[i + 1..].iter().take_while(|b| b.x0 < a.x1) {
                if a.overlap(b) > min_area {
                    found.push((page, a.clone(), b.clone()));
                }
            }
        }
    }
    found
}

fn walk(frame: &Frame, ts: Transform, out: &mut Vec<WordBox>) {
    for (pos, item) in frame.items() {
        let ts = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => walk(&group.frame, ts.pre_concat(group.transform), out),
            FrameItem::Text(text) => {
                let size = text.size;
                let top = -text.font.metrics().cap_height.at(size);
                let bottom = size * 0.2;
                let mut x = Abs::zero();
                let mut word: Option<(String, Abs, Abs)> = None;
                for glyph in &text.glyphs {
                    let s = &text.text[glyph.range()];
                    let advance = glyph.x_advance.at(size);
                    if s.chars().all(char::is_whitespace) {
                        if let Some((t, x0, x1)) = word.take() {
                            out.push(word_box(t, x0, x1, top, bottom, ts));
                        }
                    } else {
                        let (t, _, x1) = word.get_or_insert_with(|| (String::new(), x, x));
                        t.push_str(s);
                        *x1 = x + advance;
                    }
                    x += advance;
                }
                if let Some((t, x0, x1)) = word {
                    out.push(word_box(t, x0, x1, top, bottom, ts));
                }
            }
            _ => {}
        }
    }
}

fn word_box(text: String, x0: Abs, x1: Abs, top: Abs, bottom: Abs, ts: Transform) -> WordBox {
    let corners = [Point::new(x0, top), Point::new(x1, top), Point::new(x0, bottom), Point::new(x1, bottom)]
        .map(|p| p.transform(ts));
    let xs = corners.map(|p| p.x.to_pt());
    let ys = corners.map(|p| p.y.to_pt());
    WordBox {
        text,
        x0: xs.iter().copied().fold(f64::INFINITY, f64::min),
        x1: xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        y0: ys.iter().copied().fold(f64::INFINITY, f64::min),
        y1: ys.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    }
}
