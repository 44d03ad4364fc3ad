//! Small trend charts for the annexes: values year by year over the follow-up period for the
//! party, the county and Sweden. The views carry the figures ([`TrendChart`]); each format's
//! filter lays them out here and its templates draw them: with Typst's own shapes in the PDFs
//! (`print_chart`), as inline SVG on the web (`screen_chart`, in a frame shaped for a screen,
//! see [`TrendLayout::reframe`]).
//!
//! Every kind of area has one style in every chart ([`AreaKind::style`]): the party solid with
//! circles, the county dashed with squares, the comparison areas (Riket) dotted with diamonds,
//! whichever series a chart happens to have. A year without a value breaks the line.

use serde::{Deserialize, Serialize};

use crate::swedish;

/// The longest alternative text of a chart, in characters: a summary that a screen reader reads
/// in one go; the table beside the chart has the figures.
pub const ALT_LIMIT: usize = 400;

/// What an area is to the annex, which fixes its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AreaKind {
    /// The party the annex is for.
    Party,
    /// The party's county (the region).
    County,
    /// An area compared with (Riket).
    Comparison,
}

impl AreaKind {
    /// The style index: 0 solid with circles, 1 dashed with squares, 2 dotted with diamonds.
    pub fn style(self) -> usize {
        match self {
            Self::Party => 0,
            Self::County => 1,
            Self::Comparison => 2,
        }
    }

    /// The line in words, for the legend's text ("heldragen linje").
    pub fn line_words(self) -> &'static str {
        match self {
            Self::Party => "heldragen linje",
            Self::County => "streckad linje",
            Self::Comparison => "prickad linje",
        }
    }
}

/// A series to draw: a name, its kind and its value for every year of the period (`None`: no
/// value that year).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesInput {
    /// "Karlstad", "Värmland", "Riket".
    pub name: String,
    /// Party, county or comparison area.
    pub kind: AreaKind,
    /// (year, value) for every year of the period, oldest first.
    pub points: Vec<(i32, Option<f64>)>,
}

/// A trend chart as the views carry it: its figures, not its geometry. Each format's filter lays
/// it out ([`TrendChart::print`] for the PDF, [`TrendChart::screen`] for the web).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendChart {
    /// The unit, above the y-axis ("Andel (%)").
    pub unit: String,
    /// The first year of the period.
    pub first: i32,
    /// The latest year of the period.
    pub last: i32,
    /// The series, party first.
    pub series: Vec<SeriesInput>,
}

impl TrendChart {
    /// The chart of `series` over the years `first..=last`; `None` when no series has a value
    /// (there is nothing to draw).
    pub fn new(series: Vec<SeriesInput>, first: i32, last: i32, unit: &str) -> Option<Self> {
        series.iter().any(|s| s.points.iter().any(|p| p.1.is_some())).then(|| Self {
            unit: unit.to_owned(),
            first,
            last,
            series,
        })
    }

    /// Laid out for the PDF, in mm ([`Frame::PRINT`]).
    pub fn print(&self) -> Option<TrendLayout> {
        layout(&self.series, self.first, self.last, &self.unit)
    }

    /// Laid out for a screen: the PDF's layout moved into [`Frame::SCREEN`], so that values and
    /// years keep their places relative to the grid as in the PDF.
    pub fn screen(&self) -> Option<TrendLayout> {
        self.print().map(|l| l.reframe(&Frame::SCREEN))
    }
}

/// A laid-out chart, in mm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendLayout {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// The plot area: left, top, right, bottom.
    pub plot: [f64; 4],
    /// The unit, above the y-axis ("Andel (%)").
    pub unit: String,
    /// Horizontal grid lines with their labels.
    pub y_ticks: Vec<Tick>,
    /// Year labels.
    pub x_ticks: Vec<Tick>,
    /// The series with at least one value, party first.
    pub series: Vec<SeriesLayout>,
}

/// A tick: position and label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tick {
    /// Position along the axis, in mm.
    pub at: f64,
    /// Label.
    pub label: String,
}

/// A drawn series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesLayout {
    /// Name (legend).
    pub name: String,
    /// Style index of its kind (see [`AreaKind::style`]).
    pub style: usize,
    /// The line in words ("streckad linje").
    pub line: String,
    /// Runs of consecutive years with values (a missing year breaks the line).
    pub segments: Vec<Vec<[f64; 2]>>,
    /// Every point with a value.
    pub points: Vec<[f64; 2]>,
}

/// The size of a chart and the margins around its plot area (for the tick labels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Margin left of the plot (the value labels).
    pub left: f64,
    /// Margin right of the plot.
    pub right: f64,
    /// Margin above the plot (the unit).
    pub top: f64,
    /// Margin below the plot (the year labels).
    pub bottom: f64,
}

impl Frame {
    /// The PDF's frame, in mm: the width of the text, a low strip.
    pub const PRINT: Frame =
        Frame { width: 150.0, height: 42.0, left: 14.0, right: 4.0, top: 7.0, bottom: 7.0 };

    /// A screen's frame, in SVG user units: about 2:1, so that a phone's narrow column still shows
    /// a readable chart; the stylesheet sets the labels at 3.3 units.
    pub const SCREEN: Frame =
        Frame { width: 100.0, height: 56.0, left: 10.0, right: 5.0, top: 7.0, bottom: 8.0 };

    fn plot(&self) -> [f64; 4] {
        [self.left, self.top, self.width - self.right, self.height - self.bottom]
    }
}

/// A "nice" step for about `n` intervals over `range`.
pub fn nice_step(range: f64, n: f64) -> f64 {
    let raw = (range / n).max(f64::MIN_POSITIVE);
    let magnitude = 10f64.powf(raw.log10().floor());
    let f = raw / magnitude;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// Rounds a position to 1/100 mm, so that the markup is short and stable.
pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// A tick label: the grid value the Swedish way, with as many decimals as the step needs ("2,5",
/// "1 000", "0,25").
pub fn tick_label(v: f64, step: f64) -> String {
    let places =
        (0..3).find(|p| ((step * 10f64.powi(*p)).round() - step * 10f64.powi(*p)).abs() < 1e-6).unwrap_or(3);
    swedish::decimal(v, places as u32)
}

impl TrendLayout {
    /// The same chart in another frame: every position mapped from this plot area onto the
    /// frame's, x and y each by a linear map, so values and years keep their places relative to
    /// the grid and to each other.
    pub fn reframe(&self, frame: &Frame) -> TrendLayout {
        let [l, t, r, b] = self.plot;
        let new = frame.plot();
        let x = |v: f64| round2(new[0] + (v - l) * (new[2] - new[0]) / (r - l));
        let y = |v: f64| round2(new[1] + (v - t) * (new[3] - new[1]) / (b - t));
        TrendLayout {
            width: frame.width,
            height: frame.height,
            plot: new,
            unit: self.unit.clone(),
            y_ticks: self.y_ticks.iter().map(|k| Tick { at: y(k.at), label: k.label.clone() }).collect(),
            x_ticks: self.x_ticks.iter().map(|k| Tick { at: x(k.at), label: k.label.clone() }).collect(),
            series: self
                .series
                .iter()
                .map(|s| SeriesLayout {
                    name: s.name.clone(),
                    style: s.style,
                    line: s.line.clone(),
                    segments: s
                        .segments
                        .iter()
                        .map(|seg| seg.iter().map(|p| [x(p[0]), y(p[1])]).collect())
                        .collect(),
                    points: s.points.iter().map(|p| [x(p[0]), y(p[1])]).collect(),
                })
                .collect(),
        }
    }
}

/// Lays out a chart of `series` over the years `first..=last` in the PDF's frame, with the unit
/// above the y-axis; `None` when no series has a value.
pub fn layout(series: &[SeriesInput], first: i32, last: i32, unit: &str) -> Option<TrendLayout> {
    layout_in(series, first, last, unit, &Frame::PRINT)
}

/// Lays out a chart in a frame; `None` when no series has a value.
pub fn layout_in(
    series: &[SeriesInput],
    first: i32,
    last: i32,
    unit: &str,
    frame: &Frame,
) -> Option<TrendLayout> {
    let values: Vec<f64> = series.iter().flat_map(|s| s.points.iter().filter_map(|p| p.1)).collect();
    if values.is_empty() {
        return None;
    }
    let (mut lo, mut hi) = values.iter().fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    if (hi - lo).abs() < f64::EPSILON {
        lo -= 1.0;
        hi += 1.0;
    }
    let step = nice_step(hi - lo, 4.0);
    let lo = (lo / step).floor() * step;
    let hi = (hi / step).ceil() * step;
    let plot = frame.plot();
    let x = |year: i32| {
        if first >= last {
            (plot[0] + plot[2]) / 2.0
        } else {
            plot[0] + (plot[2] - plot[0]) * f64::from(year - first) / f64::from(last - first)
        }
    };
    let y = |v: f64| plot[3] - (plot[3] - plot[1]) * (v - lo) / (hi - lo);
    let mut y_ticks = Vec::new();
    let mut v = lo;
    while v <= hi + step / 2.0 {
        y_ticks.push(Tick { at: round2(y(v)), label: tick_label(v, step) });
        v += step;
    }
    let years: Vec<i32> = (first..=last).collect();
    // Label every year when there is room, else every second or more.
    let every = years.len().div_ceil(12).max(1);
    let x_ticks = years
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0 || *i == years.len() - 1)
        .map(|(_, yr)| Tick { at: round2(x(*yr)), label: yr.to_string() })
        .collect();
    let mut drawn: Vec<&SeriesInput> =
        series.iter().filter(|s| s.points.iter().any(|p| p.1.is_some())).collect();
    drawn.sort_by_key(|s| s.kind);
    let series = drawn
        .into_iter()
        .map(|s| {
            let mut segments: Vec<Vec<[f64; 2]>> = Vec::new();
            let mut current = Vec::new();
            let mut points = Vec::new();
            for year in first..=last {
                match s.points.iter().find(|p| p.0 == year).and_then(|p| p.1) {
                    Some(v) => {
                        let p = [round2(x(year)), round2(y(v))];
                        current.push(p);
                        points.push(p);
                    }
                    None => {
                        if !current.is_empty() {
                            segments.push(std::mem::take(&mut current));
                        }
                    }
                }
            }
            if !current.is_empty() {
                segments.push(current);
            }
            SeriesLayout {
                name: s.name.clone(),
                style: s.kind.style(),
                line: s.kind.line_words().to_owned(),
                segments,
                points,
            }
        })
        .collect();
    Some(TrendLayout {
        width: frame.width,
        height: frame.height,
        plot,
        unit: unit.to_owned(),
        y_ticks,
        x_ticks,
        series,
    })
}

/// How one series moved over the period, for the alternative text: "Arvika steg från 41,7 till
/// 44,7", "Riket: uppgift saknas för 2018".
fn movement(s: &SeriesInput, first: i32, last: i32, fmt: &dyn Fn(f64) -> String) -> String {
    let at = |year| s.points.iter().find(|p| p.0 == year).and_then(|p| p.1);
    match (at(first), at(last)) {
        (Some(a), Some(b)) => {
            let (fa, fb) = (fmt(a), fmt(b));
            if fa == fb {
                format!("{} låg kvar på {fa}", s.name)
            } else if b > a {
                format!("{} steg från {fa} till {fb}", s.name)
            } else {
                format!("{} sjönk från {fa} till {fb}", s.name)
            }
        }
        (None, None) if s.points.iter().all(|p| p.1.is_none()) => format!("{}: uppgift saknas", s.name),
        (None, None) => format!("{}: uppgift saknas för {first} och {last}", s.name),
        (None, Some(b)) => format!("{}: uppgift saknas för {first} och {} år {last}", s.name, fmt(b)),
        (Some(a), None) => format!("{}: {} år {first} och uppgift saknas för {last}", s.name, fmt(a)),
    }
}

/// The alternative text of a chart: one sentence with the unit, the period and how each series
/// moved ("Andel (%) 2018–2023: Arvika steg från 41,7 till 44,7; Värmland …; Riket …."), then,
/// while the text stays within [`ALT_LIMIT`] characters, the party's values year by year, points
/// separated by semicolons (the comma is the decimal sign).
pub fn alt_text(
    unit: &str,
    first: i32,
    last: i32,
    series: &[SeriesInput],
    fmt: &dyn Fn(f64) -> String,
) -> String {
    let mut ordered: Vec<&SeriesInput> = series.iter().collect();
    ordered.sort_by_key(|s| s.kind);
    let parts: Vec<String> = ordered.iter().map(|s| movement(s, first, last, fmt)).collect();
    let mut text = format!("{unit} {first}–{last}: {}.", parts.join("; "));
    if text.chars().count() > ALT_LIMIT {
        text = shorten(&text, ALT_LIMIT);
    }
    if let Some(party) =
        ordered.iter().find(|s| s.kind == AreaKind::Party && s.points.iter().any(|p| p.1.is_some()))
    {
        let years: Vec<String> = party
            .points
            .iter()
            .map(|(y, v)| match v {
                Some(v) => format!("{y} {}", fmt(*v)),
                None => format!("{y} uppgift saknas"),
            })
            .collect();
        let tail = format!(" {} år för år: {}.", party.name, years.join("; "));
        if text.chars().count() + tail.chars().count() <= ALT_LIMIT {
            text.push_str(&tail);
        }
    }
    text
}

/// Whether `text` has a comma right after a number with a decimal comma ("59,0, 61,2"), which
/// a listener cannot tell from three numbers.
#[cfg(test)]
pub(crate) fn comma_after_a_value(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).filter(|&i| chars[i] == ',').any(|i| {
        let digits = chars[..i].iter().rev().take_while(|c| c.is_ascii_digit()).count();
        let start = i - digits;
        digits > 0 && start >= 2 && chars[start - 1] == ',' && chars[start - 2].is_ascii_digit()
    })
}

/// `text` cut at the last "; " that leaves room for " …" within `limit` characters.
pub fn shorten(text: &str, limit: usize) -> String {
    let budget: String = text.chars().take(limit.saturating_sub(2)).collect();
    let cut = budget.rfind("; ").unwrap_or(budget.len());
    format!("{} …", &budget[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(name: &str, kind: AreaKind, pts: &[(i32, Option<f64>)]) -> SeriesInput {
        SeriesInput { name: name.into(), kind, points: pts.to_vec() }
    }

    /// The views carry figures: a chart without a value is none, and each format lays the
    /// figures out, the screen's as the PDF's moved into its frame; the figures survive a round
    /// trip through a template's values.
    #[test]
    fn a_chart_carries_figures_and_each_format_lays_them_out() {
        let empty = vec![s("Arvika", AreaKind::Party, &[(2018, None), (2019, None)])];
        assert_eq!(TrendChart::new(empty, 2018, 2019, "Andel (%)"), None);
        let series = vec![
            s("Arvika", AreaKind::Party, &[(2018, Some(62.3)), (2019, None), (2020, Some(66.0))]),
            s("Riket", AreaKind::Comparison, &[(2018, Some(60.0)), (2019, Some(61.5)), (2020, Some(62.0))]),
        ];
        let chart = TrendChart::new(series.clone(), 2018, 2020, "Andel (%)").expect("a chart");
        assert_eq!(chart.print(), layout(&series, 2018, 2020, "Andel (%)"));
        assert_eq!(chart.screen(), chart.print().map(|l| l.reframe(&Frame::SCREEN)));
        let value = minijinja::Value::from(minijinja::value::Serde(&chart));
        assert_eq!(TrendChart::deserialize(value).ok(), Some(chart));
    }

    fn fmt(v: f64) -> String {
        swedish::decimal(v, 1)
    }

    #[test]
    fn gaps_break_lines_and_points_stay_inside() -> Result<(), Box<dyn std::error::Error>> {
        let l = layout(
            &[
                s(
                    "A",
                    AreaKind::Party,
                    &[(2019, Some(60.0)), (2020, None), (2021, Some(64.5)), (2022, Some(66.0))],
                ),
                s(
                    "B",
                    AreaKind::County,
                    &[(2019, Some(70.0)), (2020, None), (2021, None), (2022, Some(71.0))],
                ),
            ],
            2019,
            2022,
            "Andel (%)",
        )
        .ok_or("no chart")?;
        assert_eq!(l.series[0].segments.len(), 2);
        assert_eq!(l.series[0].points.len(), 3);
        assert_eq!(l.series[1].segments.len(), 2, "a missing year breaks the line");
        for p in l.series.iter().flat_map(|s| &s.points) {
            assert!(p[0] >= l.plot[0] - 0.01 && p[0] <= l.plot[2] + 0.01);
            assert!(p[1] >= l.plot[1] - 0.01 && p[1] <= l.plot[3] + 0.01);
        }
        assert_eq!(l.x_ticks.first().ok_or("no ticks")?.label, "2019");
        assert_eq!(l.x_ticks.last().ok_or("no ticks")?.label, "2022");
        assert_eq!(l.unit, "Andel (%)");
        Ok(())
    }

    #[test]
    fn styles_belong_to_the_kind_of_area() -> Result<(), Box<dyn std::error::Error>> {
        // The party has no values: the county is still dashed and Riket still dotted.
        let l = layout(
            &[
                s("Årjäng", AreaKind::Party, &[(2029, None)]),
                s("Riket", AreaKind::Comparison, &[(2029, Some(81.0))]),
                s("Värmland", AreaKind::County, &[(2029, Some(74.0))]),
            ],
            2026,
            2029,
            "Andel (%)",
        )
        .ok_or("no chart")?;
        let styles: Vec<(&str, usize)> = l.series.iter().map(|s| (s.name.as_str(), s.style)).collect();
        assert_eq!(styles, [("Värmland", 1), ("Riket", 2)]);
        Ok(())
    }

    #[test]
    fn a_reframed_chart_is_the_chart_laid_out_in_that_frame() -> Result<(), Box<dyn std::error::Error>> {
        let input = [
            s(
                "A",
                AreaKind::Party,
                &[(2019, Some(60.0)), (2020, None), (2021, Some(64.5)), (2022, Some(66.0))],
            ),
            s("B", AreaKind::County, &[(2019, Some(70.0)), (2022, Some(71.0))]),
        ];
        let print = layout(&input, 2019, 2022, "Andel (%)").ok_or("no chart")?;
        let screen = layout_in(&input, 2019, 2022, "Andel (%)", &Frame::SCREEN).ok_or("no chart")?;
        let reframed = print.reframe(&Frame::SCREEN);
        assert_eq!(reframed.width, screen.width);
        assert_eq!(reframed.plot, screen.plot);
        let close = |a: f64, b: f64| (a - b).abs() < 0.05;
        for (a, b) in
            reframed.series.iter().flat_map(|s| &s.points).zip(screen.series.iter().flat_map(|s| &s.points))
        {
            assert!(close(a[0], b[0]) && close(a[1], b[1]), "{a:?} {b:?}");
        }
        for (a, b) in reframed.y_ticks.iter().zip(&screen.y_ticks) {
            assert!(close(a.at, b.at) && a.label == b.label, "{a:?} {b:?}");
        }
        Ok(())
    }

    #[test]
    fn no_values_no_chart() {
        assert!(layout(&[s("A", AreaKind::Party, &[(2019, None)])], 2019, 2019, "År").is_none());
    }

    #[test]
    fn alt_text_opens_with_the_trend() {
        let series = [
            s("Riket", AreaKind::Comparison, &[(2022, Some(36.7)), (2023, Some(35.3))]),
            s("Arvika", AreaKind::Party, &[(2022, Some(41.7)), (2023, Some(44.7))]),
            s("Värmland", AreaKind::County, &[(2022, None), (2023, Some(42.9))]),
        ];
        let alt = alt_text("Andel (%)", 2022, 2023, &series, &fmt);
        assert_eq!(
            alt,
            "Andel (%) 2022–2023: Arvika steg från 41,7 till 44,7; Värmland: uppgift saknas för 2022 och 42,9 år 2023; \
             Riket sjönk från 36,7 till 35,3. Arvika år för år: 2022 41,7; 2023 44,7."
        );
    }

    /// No value is followed by a comma, whichever year lacks one.
    #[test]
    fn alt_text_never_puts_a_comma_after_a_value() {
        let series = [
            s("Arvika", AreaKind::Party, &[(2022, Some(59.0)), (2023, None)]),
            s("Värmland", AreaKind::County, &[(2022, None), (2023, Some(61.2))]),
            s("Riket", AreaKind::Comparison, &[(2022, Some(60.0)), (2023, Some(61.0))]),
        ];
        let alt = alt_text("Andel (%)", 2022, 2023, &series, &fmt);
        assert!(alt.contains("Arvika: 59,0 år 2022 och uppgift saknas för 2023"), "{alt}");
        assert!(!comma_after_a_value(&alt), "{alt}");
        assert!(comma_after_a_value("Arvika 59,0, 61,2") && comma_after_a_value("59,0,61"));
        assert!(!comma_after_a_value("Andel (%) 2029, högst först: Eda 76,0; Kil 59,0."));
    }

    #[test]
    fn alt_text_stays_short() {
        let long: Vec<(i32, Option<f64>)> = (2000..2030).map(|y| (y, Some(f64::from(y) / 10.0))).collect();
        let series: Vec<SeriesInput> =
            (0..12).map(|i| s(&format!("Område nummer {i}"), AreaKind::Comparison, &long)).collect();
        let alt = alt_text("Antal per 100 000 invånare", 2000, 2029, &series, &fmt);
        assert!(alt.chars().count() <= ALT_LIMIT, "{} characters: {alt}", alt.chars().count());
        assert!(alt.ends_with(" …"));
    }

    #[test]
    fn tick_labels_have_the_decimals_of_the_step() {
        assert_eq!(tick_label(2.5, 2.5), "2,5");
        assert_eq!(tick_label(5.0, 2.5), "5,0");
        assert_eq!(tick_label(1000.0, 250.0), "1\u{202F}000");
        assert_eq!(tick_label(0.75, 0.25), "0,75");
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(10.0, 4.0), 2.5);
        assert_eq!(nice_step(100.0, 4.0), 25.0);
        assert_eq!(nice_step(3.0, 4.0), 1.0);
    }
}
