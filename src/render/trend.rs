//! Small trend charts for the annexes: values over the years for the party, the county and
//! Sweden, laid out here and drawn by the templates: with Typst's own shapes in the PDFs, as
//! inline SVG on the web (in a frame shaped for a screen, see [`TrendLayout::reframe`]).

use serde::{Deserialize, Serialize};

use crate::swedish;

/// A series to draw: a name and its values by year (`None`: no value that year).
#[derive(Clone, Debug)]
pub struct SeriesInput {
    /// "Karlstad", "Värmland", "Riket".
    pub name: String,
    /// (year, value), oldest first.
    pub points: Vec<(i32, Option<f64>)>,
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
    /// Horizontal grid lines with their labels.
    pub y_ticks: Vec<Tick>,
    /// Year labels.
    pub x_ticks: Vec<Tick>,
    /// The series.
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
    /// Style index: 0 solid with circles, 1 dashed with squares, 2 dotted with diamonds.
    pub style: usize,
    /// Runs of consecutive points (a missing year breaks the line).
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
    /// Margin above the plot.
    pub top: f64,
    /// Margin below the plot (the year labels).
    pub bottom: f64,
}

impl Frame {
    /// The PDF's frame, in mm: the width of the text, a low strip.
    pub const PRINT: Frame =
        Frame { width: 150.0, height: 38.0, left: 14.0, right: 4.0, top: 3.0, bottom: 7.0 };

    /// A screen's frame, in SVG user units: about 2:1, so that a phone's narrow column still shows
    /// a readable chart; the stylesheet sets the labels at 3.3 units.
    pub const SCREEN: Frame =
        Frame { width: 100.0, height: 52.0, left: 10.0, right: 5.0, top: 3.0, bottom: 8.0 };

    fn plot(&self) -> [f64; 4] {
        [self.left, self.top, self.width - self.right, self.height - self.bottom]
    }
}

/// A "nice" step for about `n` intervals over `range`.
fn nice_step(range: f64, n: f64) -> f64 {
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

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
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
            y_ticks: self.y_ticks.iter().map(|k| Tick { at: y(k.at), label: k.label.clone() }).collect(),
            x_ticks: self.x_ticks.iter().map(|k| Tick { at: x(k.at), label: k.label.clone() }).collect(),
            series: self
                .series
                .iter()
                .map(|s| SeriesLayout {
                    name: s.name.clone(),
                    style: s.style,
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

/// Lays out a chart in the PDF's frame; `None` when no series has a value.
pub fn layout(series: &[SeriesInput]) -> Option<TrendLayout> {
    layout_in(series, &Frame::PRINT)
}

/// Lays out a chart in a frame; `None` when no series has a value.
pub fn layout_in(series: &[SeriesInput], frame: &Frame) -> Option<TrendLayout> {
    let values: Vec<f64> = series.iter().flat_map(|s| s.points.iter().filter_map(|p| p.1)).collect();
    if values.is_empty() {
        return None;
    }
    let mut years: Vec<i32> = series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).collect();
    years.sort_unstable();
    years.dedup();
    let (first, last) = (*years.first()?, *years.last()?);
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
        if first == last {
            (plot[0] + plot[2]) / 2.0
        } else {
            plot[0] + (plot[2] - plot[0]) * f64::from(year - first) / f64::from(last - first)
        }
    };
    let y = |v: f64| plot[3] - (plot[3] - plot[1]) * (v - lo) / (hi - lo);
    let mut y_ticks = Vec::new();
    let mut v = lo;
    while v <= hi + step / 2.0 {
        y_ticks.push(Tick { at: round2(y(v)), label: swedish::number((v * 1000.0).round() / 1000.0) });
        v += step;
    }
    // Label every year when there is room, else every second or more.
    let every = years.len().div_ceil(12).max(1);
    let x_ticks = years
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0 || *i == years.len() - 1)
        .map(|(_, yr)| Tick { at: round2(x(*yr)), label: yr.to_string() })
        .collect();
    let series = series
        .iter()
        .enumerate()
        .map(|(style, s)| {
            let mut segments: Vec<Vec<[f64; 2]>> = Vec::new();
            let mut current = Vec::new();
            let mut points = Vec::new();
            for (year, value) in &s.points {
                match value {
                    Some(v) => {
                        let p = [round2(x(*year)), round2(y(*v))];
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
            SeriesLayout { name: s.name.clone(), style: style % 3, segments, points }
        })
        .collect();
    Some(TrendLayout { width: frame.width, height: frame.height, plot, y_ticks, x_ticks, series })
}

/// The alternative text of a chart: every value of every series.
pub fn alt_text(title: &str, series: &[SeriesInput]) -> String {
    let mut parts = vec![format!("Diagram: {title}.")];
    for s in series {
        let values: Vec<String> = s
            .points
            .iter()
            .map(|(y, v)| match v {
                Some(v) => format!("{y}: {}", swedish::number(*v)),
                None => format!("{y}: uppgift saknas"),
            })
            .collect();
        if values.is_empty() {
            parts.push(format!("{}: uppgift saknas.", s.name));
        } else {
            parts.push(format!("{}: {}.", s.name, values.join(", ")));
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(name: &str, pts: &[(i32, Option<f64>)]) -> SeriesInput {
        SeriesInput { name: name.into(), points: pts.to_vec() }
    }

    #[test]
    fn gaps_break_lines_and_points_stay_inside() -> Result<(), Box<dyn std::error::Error>> {
        let l = layout(&[
            s("A", &[(2019, Some(60.0)), (2020, None), (2021, Some(64.5)), (2022, Some(66.0))]),
            s("B", &[(2019, Some(70.0)), (2022, Some(71.0))]),
        ])
        .ok_or("no chart")?;
        assert_eq!(l.series[0].segments.len(), 2);
        assert_eq!(l.series[0].points.len(), 3);
        for p in l.series.iter().flat_map(|s| &s.points) {
            assert!(p[0] >= l.plot[0] - 0.01 && p[0] <= l.plot[2] + 0.01);
            assert!(p[1] >= l.plot[1] - 0.01 && p[1] <= l.plot[3] + 0.01);
        }
        assert_eq!(l.x_ticks.first().ok_or("no ticks")?.label, "2019");
        assert_eq!(l.x_ticks.last().ok_or("no ticks")?.label, "2022");
        Ok(())
    }

    #[test]
    fn a_reframed_chart_is_the_chart_laid_out_in_that_frame() -> Result<(), Box<dyn std::error::Error>> {
        let input = [
            s("A", &[(2019, Some(60.0)), (2020, None), (2021, Some(64.5)), (2022, Some(66.0))]),
            s("B", &[(2019, Some(70.0)), (2022, Some(71.0))]),
        ];
        let print = layout(&input).ok_or("no chart")?;
        let screen = layout_in(&input, &Frame::SCREEN).ok_or("no chart")?;
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
        assert!(layout(&[s("A", &[(2019, None)])]).is_none());
    }

    #[test]
    fn alt_text_states_the_values() {
        let alt = alt_text("Behöriga", &[s("Arvika", &[(2022, Some(83.1)), (2023, None)])]);
        assert_eq!(alt, "Diagram: Behöriga. Arvika: 2022: 83,1, 2023: uppgift saknas.");
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(10.0, 4.0), 2.5);
        assert_eq!(nice_step(100.0, 4.0), 25.0);
        assert_eq!(nice_step(3.0, 4.0), 1.0);
    }
}
