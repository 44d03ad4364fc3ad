//! The dot charts of the county overview: one row per party, a hollow dot at the first year's
//! value and a filled dot at the latest year's, joined by a line that shows the change, and the
//! county and Sweden as vertical reference lines (dashed and dotted, as in the annexes' trend
//! charts). The view carries the figures ([`DotChart`]); laid out here by each format's filter,
//! drawn by the templates with Typst's own shapes and as inline SVG.

use serde::{Deserialize, Serialize};

use super::trend::{ALT_LIMIT, Tick, nice_step, round2, shorten, tick_label};
use crate::annex::assess::fmt_value;

/// A row to draw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DotInput {
    /// The party's name.
    pub label: String,
    /// The first year's value.
    pub from: Option<f64>,
    /// The latest year's value.
    pub to: Option<f64>,
}

/// A reference line: the county or a comparison area at its latest value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefInput {
    /// "Värmland (länet)", "Riket".
    pub label: String,
    /// The latest year's value.
    pub value: f64,
    /// 1 dashed (the county), 2 dotted (a comparison area): the trend charts' styles.
    pub style: usize,
}

/// A dot chart as the views carry it: its figures, not its geometry; each format's filter lays
/// it out ([`DotChart::layout`]: `print_dots` in Typst, `screen_dots` on the web, where the same
/// layout is the SVG's frame).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DotChart {
    /// The unit, under the axis ("Andel (%)").
    pub unit: String,
    /// The rows, in the order to draw them.
    pub rows: Vec<DotInput>,
    /// The reference lines.
    pub refs: Vec<RefInput>,
}

impl DotChart {
    /// The chart of `rows` against `refs`; `None` when nothing has a value.
    pub fn new(rows: Vec<DotInput>, refs: Vec<RefInput>, unit: &str) -> Option<Self> {
        let chart = Self { unit: unit.to_owned(), rows, refs };
        chart.layout().is_some().then_some(chart)
    }

    /// Laid out, in mm, the reference lines labelled with their values as the tables write them.
    pub fn layout(&self) -> Option<DotLayout> {
        layout(&self.rows, &self.refs, &self.unit, &fmt_value)
    }
}

/// A laid-out dot chart, in mm.
#[derive(Clone, Debug, Serialize)]
pub struct DotLayout {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// The plot area: left, top, right, bottom.
    pub plot: [f64; 4],
    /// The unit, under the axis ("Andel (%)").
    pub unit: String,
    /// Vertical grid lines with their labels.
    pub x_ticks: Vec<Tick>,
    /// The rows, top to bottom.
    pub rows: Vec<DotRow>,
    /// The reference lines.
    pub refs: Vec<RefLine>,
}

/// A drawn row.
#[derive(Clone, Debug, Serialize)]
pub struct DotRow {
    /// The party's name, left of the plot.
    pub label: String,
    /// The row's centre line.
    pub y: f64,
    /// Where the first year's dot is, if there is a value.
    pub from: Option<f64>,
    /// Where the latest year's dot is, if there is a value.
    pub to: Option<f64>,
}

/// A drawn reference line.
#[derive(Clone, Debug, Serialize)]
pub struct RefLine {
    /// Its label at the top ("Riket 81,2").
    pub label: String,
    /// Where it is.
    pub x: f64,
    /// The label's line at the top (0 or 1), so that close lines do not overprint.
    pub lane: usize,
    /// 1 dashed, 2 dotted.
    pub style: usize,
}

const WIDTH: f64 = 160.0;
const LABEL: f64 = 36.0;
const RIGHT: f64 = 6.0;
const TOP: f64 = 9.0;
const ROW: f64 = 3.9;
const BOTTOM: f64 = 10.0;

/// Lays out `rows` (in the order given) against `refs`; `None` when nothing has a value.
/// `fmt` writes a value for the reference lines' labels.
pub fn layout(
    rows: &[DotInput],
    refs: &[RefInput],
    unit: &str,
    fmt: &dyn Fn(f64) -> String,
) -> Option<DotLayout> {
    let values: Vec<f64> = rows
        .iter()
        .flat_map(|r| [r.from, r.to])
        .flatten()
        .chain(refs.iter().map(|r| r.value))
        .filter(|v| v.is_finite())
        .collect();
    if values.is_empty() {
        return None;
    }
    let (mut lo, mut hi) = values.iter().fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    if (hi - lo).abs() < f64::EPSILON {
        lo -= 1.0;
        hi += 1.0;
    }
    let step = nice_step(hi - lo, 5.0);
    let lo = (lo / step).floor() * step;
    let hi = (hi / step).ceil() * step;
    let height = TOP + ROW * rows.len().max(1) as f64 + BOTTOM;
    let plot = [LABEL, TOP, WIDTH - RIGHT, height - BOTTOM];
    let x = |v: f64| round2(plot[0] + (plot[2] - plot[0]) * (v - lo) / (hi - lo));
    let mut x_ticks = Vec::new();
    let mut v = lo;
    while v <= hi + step / 2.0 {
        x_ticks.push(Tick { at: x(v), label: tick_label(v, step) });
        v += step;
    }
    let rows = rows
        .iter()
        .enumerate()
        .map(|(i, r)| DotRow {
            label: r.label.clone(),
            y: round2(TOP + ROW * (i as f64 + 0.5)),
            from: r.from.map(x),
            to: r.to.map(x),
        })
        .collect();
    let mut placed: Vec<RefLine> = Vec::new();
    for r in refs {
        let at = x(r.value);
        // A label about 25 mm wide: the second lane when it would overprint the first's.
        let lane = usize::from(placed.iter().any(|p| p.lane == 0 && (p.x - at).abs() < 26.0));
        placed.push(RefLine { label: format!("{} {}", r.label, fmt(r.value)), x: at, lane, style: r.style });
    }
    Some(DotLayout {
        width: WIDTH,
        height: round2(height),
        plot,
        unit: unit.to_owned(),
        x_ticks,
        rows,
        refs: placed,
    })
}

/// The alternative text: the unit, the two years and the order, every party's values of both
/// years ("Säffle från 70,0 till 73,5") and the references of the later year, points separated
/// by semicolons and values never followed by a comma (the comma is the decimal sign). When that
/// is longer than [`ALT_LIMIT`] characters it is cut and says that the table has every value.
pub fn alt_text(
    intro: &str,
    (from, to): (i32, i32),
    rows: &[DotInput],
    refs: &[RefInput],
    fmt: &dyn Fn(f64) -> String,
) -> String {
    let points: Vec<String> = rows
        .iter()
        .map(|r| match (r.from, r.to) {
            (Some(a), Some(b)) => format!("{} från {} till {}", r.label, fmt(a), fmt(b)),
            (None, Some(b)) => format!("{} {} år {to} och uppgift saknas för {from}", r.label, fmt(b)),
            (Some(a), None) => format!("{} {} år {from} och uppgift saknas för {to}", r.label, fmt(a)),
            (None, None) => format!("{} uppgift saknas", r.label),
        })
        .collect();
    let references: Vec<String> = refs.iter().map(|r| format!("{} {}", r.label, fmt(r.value))).collect();
    let mut text = format!("{intro}: {}.", points.join("; "));
    if !references.is_empty() {
        text.push_str(&format!(" Jämförelse {to}: {}.", references.join("; ")));
    }
    if text.chars().count() > ALT_LIMIT {
        let short = format!("{intro}: {}", points.join("; "));
        text = format!("{} {TABLE_HAS_ALL}", shorten(&short, ALT_LIMIT - 1 - TABLE_HAS_ALL.chars().count()));
    }
    text
}

/// What a shortened alternative text ends with.
const TABLE_HAS_ALL: &str = "Tabellen under diagrammet har alla värden.";

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(v: f64) -> String {
        crate::swedish::decimal(v, 1)
    }

    fn row(label: &str, from: Option<f64>, to: Option<f64>) -> DotInput {
        DotInput { label: label.into(), from, to }
    }

    #[test]
    fn rows_in_order_and_close_references_in_two_lanes() -> Result<(), Box<dyn std::error::Error>> {
        let rows = [
            row("Säffle", Some(70.0), Some(73.5)),
            row("Eda", Some(80.0), Some(76.0)),
            row("Årjäng", None, None),
        ];
        let refs = [
            RefInput { label: "Värmland".into(), value: 74.0, style: 1 },
            RefInput { label: "Riket".into(), value: 75.0, style: 2 },
        ];
        let l = layout(&rows, &refs, "Andel (%)", &fmt).ok_or("no chart")?;
        assert_eq!(l.rows.len(), 3);
        assert!(l.rows[0].y < l.rows[1].y);
        assert!(l.rows[0].from < l.rows[0].to, "Säffle rose");
        assert!(l.rows[1].from > l.rows[1].to, "Eda fell");
        assert_eq!((l.rows[2].from, l.rows[2].to), (None, None));
        assert_eq!(l.refs[0].label, "Värmland 74,0");
        assert_eq!((l.refs[0].lane, l.refs[1].lane), (0, 1));
        for r in &l.rows {
            for x in [r.from, r.to].into_iter().flatten() {
                assert!(x >= l.plot[0] && x <= l.plot[2]);
            }
        }
        Ok(())
    }

    #[test]
    fn alt_text_names_every_party_within_the_limit() {
        let rows: Vec<DotInput> =
            (0..17).map(|i| row(&format!("Kommunen {i}"), Some(50.0), Some(50.0 + f64::from(i)))).collect();
        let refs = [RefInput { label: "Riket".into(), value: 60.0, style: 2 }];
        let alt = alt_text("Andel (%) 2026 och 2029, bäst 2029 först", (2026, 2029), &rows, &refs, &fmt);
        assert!(
            alt.starts_with("Andel (%) 2026 och 2029, bäst 2029 först: Kommunen 0 från 50,0 till 50,0; Kommunen 1 från 50,0 till 51,0;"),
            "{alt}"
        );
        assert!(alt.chars().count() <= ALT_LIMIT, "{alt}");
        assert!(alt.ends_with(" … Tabellen under diagrammet har alla värden."), "{alt}");
        assert!(layout(&[row("A", None, None)], &[], "År", &fmt).is_none());
    }

    /// Both years of every party, and no comma right after a value: "59,0, 61,2" reads as
    /// three numbers.
    #[test]
    fn alt_text_gives_both_years_and_no_comma_after_a_value() {
        let rows = [
            row("Säffle", Some(70.0), Some(73.5)),
            row("Kil", None, Some(59.0)),
            row("Eda", Some(61.2), None),
            row("Årjäng", None, None),
        ];
        let refs = [RefInput { label: "Riket".into(), value: 75.0, style: 2 }];
        let alt = alt_text("Andel (%) 2026 och 2029", (2026, 2029), &rows, &refs, &fmt);
        assert_eq!(
            alt,
            "Andel (%) 2026 och 2029: Säffle från 70,0 till 73,5; Kil 59,0 år 2029 och uppgift saknas för 2026; \
             Eda 61,2 år 2026 och uppgift saknas för 2029; Årjäng uppgift saknas. Jämförelse 2029: Riket 75,0."
        );
        assert!(!crate::render::trend::comma_after_a_value(&alt), "{alt}");
    }
}
