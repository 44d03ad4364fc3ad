//! The organisation chart: a tree layout of the bodies, computed here and drawn by the template
//! with Typst's own shapes. The view carries the tree ([`TreeNode`]); the Typst filter
//! `print_org_chart` lays it out for the PDF, the web shows the tree as nested lists.

use serde::{Deserialize, Serialize};

/// One box of the chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartNode {
    /// Text in the box.
    pub label: String,
    /// Left edge, in mm from the chart's left edge.
    pub x: f64,
    /// Top edge, in mm.
    pub y: f64,
    /// Width, in mm.
    pub w: f64,
    /// Height, in mm.
    pub h: f64,
    /// Drawn in the highlight colour (financed by state initiatives).
    pub highlight: bool,
    /// In the review edition: "tillagt" for a box that is new, "ändrat" for a renamed one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark: Option<String>,
}

/// A connector line from (x1, y1) to (x2, y2), in mm.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartLine {
    /// Start x.
    pub x1: f64,
    /// Start y.
    pub y1: f64,
    /// End x.
    pub x2: f64,
    /// End y.
    pub y2: f64,
}

/// A laid-out chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartLayout {
    /// Total width, in mm.
    pub width: f64,
    /// Total height, in mm.
    pub height: f64,
    /// Scale applied to fit the width (1 when it fits); the template scales text by it.
    pub scale: f64,
    /// The boxes.
    pub nodes: Vec<ChartNode>,
    /// The connectors.
    pub lines: Vec<ChartLine>,
}

/// A node of the tree to lay out (and, on the web, to show as nested lists).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TreeNode {
    /// Text in the box.
    pub label: String,
    /// Drawn highlighted (financed by state initiatives).
    pub highlight: bool,
    /// Children, in order.
    pub children: Vec<TreeNode>,
    /// In the review edition: "tillagt" for a box that is new, "ändrat" for a renamed one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<String>,
    /// Where the body is defined, on served pages.
    #[serde(default, skip_deserializing)]
    pub source: Option<crate::render::view::SourcePlace>,
}

const BOX_W: f64 = 36.0;
const BOX_H: f64 = 15.0;
const GAP_X: f64 = 5.0;
const GAP_Y: f64 = 9.0;
/// Leaf children are wrapped into rows of at most this many boxes.
const MAX_COLUMNS: usize = 4;

struct Placed {
    width: f64,
    height: f64,
    nodes: Vec<ChartNode>,
    lines: Vec<ChartLine>,
}

impl Placed {
    fn shift(&mut self, dx: f64, dy: f64) {
        for n in &mut self.nodes {
            n.x += dx;
            n.y += dy;
        }
        for l in &mut self.lines {
            l.x1 += dx;
            l.x2 += dx;
            l.y1 += dy;
            l.y2 += dy;
        }
    }
}

fn line(x1: f64, y1: f64, x2: f64, y2: f64) -> ChartLine {
    ChartLine { x1, y1, x2, y2 }
}

fn place(node: &TreeNode) -> Placed {
    let own = |x: f64| ChartNode {
        label: node.label.clone(),
        x,
        y: 0.0,
        w: BOX_W,
        h: BOX_H,
        highlight: node.highlight,
        mark: node.mark.clone(),
    };
    if node.children.is_empty() {
        return Placed { width: BOX_W, height: BOX_H, nodes: vec![own(0.0)], lines: Vec::new() };
    }
    let child_top = BOX_H + GAP_Y;
    let all_leaves = node.children.iter().all(|c| c.children.is_empty());

    if all_leaves && node.children.len() > MAX_COLUMNS {
        // A grid of rows, left-aligned to common columns; a trunk runs down the middle gap.
        let cols = MAX_COLUMNS;
        let width = cols as f64 * BOX_W + (cols - 1) as f64 * GAP_X;
        let centre = width / 2.0;
        let trunk_x = if cols.is_multiple_of(2) { centre } else { centre + (BOX_W + GAP_X) / 2.0 };
        let mut nodes = vec![own(centre - BOX_W / 2.0)];
        let mut lines = Vec::new();
        let rows = node.children.chunks(cols).count();
        for (r, row) in node.children.chunks(cols).enumerate() {
            let top = child_top + r as f64 * (BOX_H + GAP_Y);
            let bus = top - GAP_Y / 2.0;
            let centres: Vec<f64> =
                (0..row.len()).map(|c| c as f64 * (BOX_W + GAP_X) + BOX_W / 2.0).collect();
            let left = centres[0].min(trunk_x);
            let right = centres[centres.len() - 1].max(trunk_x);
            lines.push(line(left, bus, right, bus));
            for (c, child) in row.iter().enumerate() {
                nodes.push(ChartNode {
                    label: child.label.clone(),
                    x: c as f64 * (BOX_W + GAP_X),
                    y: top,
                    w: BOX_W,
                    h: BOX_H,
                    highlight: child.highlight,
                    mark: child.mark.clone(),
                });
                lines.push(line(centres[c], bus, centres[c], top));
            }
        }
        let last_bus = child_top + (rows - 1) as f64 * (BOX_H + GAP_Y) - GAP_Y / 2.0;
        lines.push(line(centre, BOX_H, centre, child_top - GAP_Y / 2.0));
        if trunk_x != centre || rows > 1 {
            lines.push(line(trunk_x, child_top - GAP_Y / 2.0, trunk_x, last_bus));
        }
        let height = child_top + rows as f64 * BOX_H + (rows - 1) as f64 * GAP_Y;
        return Placed { width, height, nodes, lines };
    }

    // Children side by side, the parent centred above them.
    let mut placed: Vec<Placed> = node.children.iter().map(place).collect();
    let width = placed.iter().map(|p| p.width).sum::<f64>() + (placed.len() - 1) as f64 * GAP_X;
    let mut nodes = Vec::new();
    let mut lines = Vec::new();
    let mut x = 0.0;
    let mut tops = Vec::new();
    let mut height: f64 = BOX_H;
    for p in &mut placed {
        p.shift(x, child_top);
        tops.push(p.nodes[0].x + BOX_W / 2.0);
        height = height.max(child_top + p.height);
        x += p.width + GAP_X;
    }
    let centre = (tops[0] + tops[tops.len() - 1]) / 2.0;
    nodes.push(own(centre - BOX_W / 2.0));
    let bus = child_top - GAP_Y / 2.0;
    if tops.len() == 1 {
        lines.push(line(centre, BOX_H, tops[0], child_top));
    } else {
        lines.push(line(centre, BOX_H, centre, bus));
        lines.push(line(tops[0], bus, tops[tops.len() - 1], bus));
        for &t in &tops {
            lines.push(line(t, bus, t, child_top));
        }
    }
    for p in placed {
        nodes.extend(p.nodes);
        lines.extend(p.lines);
    }
    Placed { width, height, nodes, lines }
}

/// Lays out a tree so that it fits `max_width` mm, scaling it down if needed.
pub fn layout(root: &TreeNode, max_width: f64) -> ChartLayout {
    let mut p = place(root);
    let scale = if p.width > max_width { max_width / p.width } else { 1.0 };
    if scale < 1.0 {
        for n in &mut p.nodes {
            n.x *= scale;
            n.y *= scale;
            n.w *= scale;
            n.h *= scale;
        }
        for l in &mut p.lines {
            l.x1 *= scale;
            l.x2 *= scale;
            l.y1 *= scale;
            l.y2 *= scale;
        }
    }
    let round = |v: f64| (v * 100.0).round() / 100.0;
    for n in &mut p.nodes {
        n.x = round(n.x);
        n.y = round(n.y);
        n.w = round(n.w);
        n.h = round(n.h);
    }
    for l in &mut p.lines {
        l.x1 = round(l.x1);
        l.x2 = round(l.x2);
        l.y1 = round(l.y1);
        l.y2 = round(l.y2);
    }
    ChartLayout {
        width: round(p.width * scale),
        height: round(p.height * scale),
        scale,
        nodes: p.nodes,
        lines: p.lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(label: &str) -> TreeNode {
        TreeNode { label: label.into(), highlight: false, children: vec![], mark: None, source: None }
    }

    fn overlaps(a: &ChartNode, b: &ChartNode) -> bool {
        a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
    }

    #[test]
    fn chain_with_seven_leaves_wraps_and_fits() {
        let mut bg = leaf("BG");
        bg.children = (0..7).map(|i| leaf(&format!("g{i}"))).collect();
        let mut ps = leaf("PS");
        ps.children = vec![bg];
        let l = layout(&ps, 160.0);
        assert_eq!(l.nodes.len(), 9);
        assert!(l.width <= 160.0);
        for (i, a) in l.nodes.iter().enumerate() {
            assert!(a.x >= 0.0 && a.x + a.w <= l.width + 0.01, "{a:?}");
            assert!(a.y + a.h <= l.height + 0.01);
            for b in &l.nodes[i + 1..] {
                assert!(!overlaps(a, b), "{a:?} overlaps {b:?}");
            }
        }
        // Seven leaves in rows of four: two rows below BG.
        let leaf_rows: std::collections::BTreeSet<i64> = l.nodes[2..].iter().map(|n| n.y as i64).collect();
        assert_eq!(leaf_rows.len(), 2);
    }

    #[test]
    fn wide_trees_are_scaled_to_fit() {
        let mut root = leaf("root");
        root.children = (0..3)
            .map(|i| {
                let mut c = leaf(&format!("c{i}"));
                c.children = vec![leaf("a"), leaf("b")];
                c
            })
            .collect();
        let l = layout(&root, 100.0);
        assert!(l.scale < 1.0);
        assert!(l.width <= 100.0 + 0.01);
    }
}
