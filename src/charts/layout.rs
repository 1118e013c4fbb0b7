//! Laying out one chart: header (title, subtitle, legend), month axis,
//! line plots, stacked bars and small multiples, all in px on a canvas
//! [`WIDTH`] px wide. Every label's box is recorded so tests can check that
//! none overlap.

use super::canvas::{Anchor, Attrs, Canvas};
use super::month::Month;
use super::palette::{self, Rgb};
use super::scale::Scale;
use super::text;
use crate::messages::Lang;
use crate::messages::charts::ChartMsg;

/// The drawing is 360 px wide, a phone's width: everything is laid out to
/// be legible there and scales up unchanged on wider screens and paper.
pub const WIDTH: f64 = 360.0;
pub const PAD: f64 = 10.0;
const TITLE: f64 = 16.0;
const SUBTITLE: f64 = 12.0;
const LEGEND: f64 = 12.0;
const TICK: f64 = 11.0;
const PANEL_TITLE: f64 = 12.0;
const NOTE: f64 = 10.0;
/// Minimum free space between two labels, px.
const LABEL_GAP: f64 = 4.0;

/// Marker shapes, so that series differ in black and white too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    Triangle,
}

/// Fill patterns of bars, for the same reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    Solid,
    Diagonal,
    Dots,
    Horizontal,
}

/// One line of a line plot: a value (or none) per month of the axis.
#[derive(Debug, Clone)]
pub struct Series {
    pub key: String,
    pub label: String,
    pub color: Rgb,
    pub marker: Marker,
    pub values: Vec<Option<f64>>,
}

/// A dashed reference line (a configured target or limit).
#[derive(Debug, Clone)]
pub struct TargetLine {
    pub key: String,
    pub label: String,
    pub value: f64,
    pub color: Rgb,
}

/// One layer of stacked bars: a count (or none) per month of the axis.
#[derive(Debug, Clone)]
pub struct BarSeries {
    pub key: String,
    pub label: String,
    pub color: Rgb,
    pub pattern: Pattern,
    pub values: Vec<Option<u64>>,
}

#[derive(Debug, Clone)]
pub enum LegendItem {
    Line(Rgb, Marker, String),
    Target(Rgb, String),
    Bar(Rgb, Pattern, String, String),
    Note(String),
}

/// A line plot: series and reference lines on one vertical scale.
#[derive(Debug, Clone)]
pub struct LinePlot {
    pub scale: Scale,
    pub series: Vec<Series>,
    pub targets: Vec<TargetLine>,
    /// Unit caption above the vertical axis, if the ticks don't say it.
    pub caption: Option<String>,
}

/// Everything shared by the charts of one period.
pub struct Frame<'a> {
    pub lang: Lang,
    pub months: &'a [Month],
    /// Unique per page; prefixes the ids of pattern definitions.
    pub uid: &'a str,
}

/// A chart being laid out: canvas plus the vertical cursor.
pub struct Sheet<'a> {
    pub canvas: Canvas,
    pub y: f64,
    pub frame: &'a Frame<'a>,
}

impl<'a> Sheet<'a> {
    pub fn new(frame: &'a Frame<'a>) -> Sheet<'a> {
        Sheet {
            canvas: Canvas::new(WIDTH),
            y: PAD,
            frame,
        }
    }

    /// Title, subtitle lines (period, as_of, notes) and the legend.
    pub fn header(&mut self, title: &str, subtitle: &[String], legend: &[LegendItem]) {
        let max = WIDTH - 2.0 * PAD;
        for line in text::wrap(title, TITLE * 1.05, max) {
            self.y += TITLE;
            let at = (PAD, self.y);
            self.canvas
                .text(at, &line, TITLE, palette::INK, Anchor::Start, true, vec![]);
            self.y += 5.0;
        }
        // Subtitle parts are joined with " · " while they fit on a line.
        let mut lines: Vec<String> = Vec::new();
        for part in subtitle {
            match lines.last_mut() {
                Some(last) if text::width(&format!("{last} · {part}"), SUBTITLE) <= max => {
                    last.push_str(" · ");
                    last.push_str(part);
                }
                _ => lines.extend(text::wrap(part, SUBTITLE, max)),
            }
        }
        for line in lines {
            self.y += SUBTITLE + 3.0;
            let at = (PAD, self.y);
            self.canvas.text(
                at,
                &line,
                SUBTITLE,
                palette::MUTED,
                Anchor::Start,
                false,
                vec![],
            );
        }
        self.y += 6.0;
        self.legend(legend);
    }

    fn legend(&mut self, items: &[LegendItem]) {
        if items.is_empty() {
            return;
        }
        const SWATCH: f64 = 22.0;
        let max = WIDTH - PAD;
        let mut x = PAD;
        self.y += LEGEND + 2.0;
        self.canvas.group(&[("class", "legend")]);
        for item in items {
            let (label, swatch) = match item {
                LegendItem::Line(_, _, l)
                | LegendItem::Target(_, l)
                | LegendItem::Bar(_, _, _, l) => (l.as_str(), SWATCH + 5.0),
                LegendItem::Note(l) => (l.as_str(), 0.0),
            };
            let w = swatch + text::width(label, LEGEND);
            if x > PAD && x + w > max {
                x = PAD;
                self.y += LEGEND + 7.0;
            }
            let mid = self.y - LEGEND * 0.35;
            match item {
                LegendItem::Line(color, marker, _) => {
                    self.canvas
                        .line((x, mid), (x + SWATCH, mid), *color, 2.0, vec![]);
                    self.marker(*marker, (x + SWATCH / 2.0, mid), *color, vec![]);
                }
                LegendItem::Target(color, _) => {
                    self.canvas.line(
                        (x, mid),
                        (x + SWATCH, mid),
                        *color,
                        1.5,
                        vec![("stroke-dasharray", DASH.into())],
                    );
                }
                LegendItem::Bar(color, pattern, key, _) => {
                    let attrs = self.fill_attrs(*pattern, key);
                    self.canvas
                        .rect((x + 4.0, mid - 6.0), (x + 18.0, mid + 6.0), *color, attrs);
                }
                LegendItem::Note(_) => {}
            }
            let color = match item {
                LegendItem::Note(_) => palette::MUTED,
                _ => palette::INK,
            };
            self.canvas.text(
                (x + swatch, self.y),
                label,
                LEGEND,
                color,
                Anchor::Start,
                false,
                vec![],
            );
            x += w + 14.0;
        }
        self.canvas.end_group();
        self.y += 8.0;
    }

    /// A centred message instead of a plot (no data at all).
    pub fn message(&mut self, message: &str) {
        self.y += 30.0;
        self.canvas.text(
            (WIDTH / 2.0, self.y),
            message,
            SUBTITLE,
            palette::MUTED,
            Anchor::Middle,
            false,
            vec![("class", "no-data".into())],
        );
        self.y += 20.0;
    }

    /// Finishes the drawing's height.
    pub fn finish(mut self) -> Canvas {
        self.canvas.height = (self.y + PAD).ceil();
        self.canvas
    }

    /// Pattern definitions for bar fills; call before drawing bars.
    pub fn patterns(&mut self, bars: &[BarSeries]) {
        let mut defs = String::from("<defs>");
        for bar in bars {
            let id = format!("{}-{}", self.frame.uid, bar.key);
            let c = bar.color.hex();
            let body = match bar.pattern {
                Pattern::Solid => continue,
                Pattern::Diagonal => format!(
                    "<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"60\" height=\"60\" patternTransform=\"rotate(45)\"><rect width=\"60\" height=\"60\" fill=\"{c}\"/><rect width=\"20\" height=\"60\" fill=\"#FFFFFF\"/></pattern>"
                ),
                Pattern::Horizontal => format!(
                    "<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"60\" height=\"50\"><rect width=\"60\" height=\"50\" fill=\"{c}\"/><rect width=\"60\" height=\"18\" fill=\"#FFFFFF\"/></pattern>"
                ),
                Pattern::Dots => format!(
                    "<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"50\" height=\"50\"><rect width=\"50\" height=\"50\" fill=\"{c}\"/><circle cx=\"25\" cy=\"25\" r=\"12\" fill=\"#FFFFFF\"/></pattern>"
                ),
            };
            defs.push_str(&body);
        }
        defs.push_str("</defs>");
        if defs != "<defs></defs>" {
            self.canvas.markup(defs);
        }
    }

    fn fill_attrs(&self, pattern: Pattern, key: &str) -> Attrs {
        match pattern {
            Pattern::Solid => vec![],
            _ => vec![("fill", format!("url(#{}-{key})", self.frame.uid))],
        }
    }

    fn marker(&mut self, marker: Marker, (x, y): (f64, f64), color: Rgb, attrs: Attrs) {
        // A white rim first, so crossing lines never hide a marker.
        for (size, fill, attrs) in [(5.2, palette::WHITE, vec![]), (3.6, color, attrs)] {
            match marker {
                Marker::Circle => self.canvas.circle((x, y), size, fill, attrs),
                Marker::Square => {
                    let h = size * 0.9;
                    self.canvas
                        .rect((x - h, y - h), (x + h, y + h), fill, attrs)
                }
                Marker::Triangle => {
                    let s = size * 1.25;
                    self.canvas.polygon(
                        vec![
                            (x, y - s),
                            (x + s * 0.87, y + s * 0.5),
                            (x - s * 0.87, y + s * 0.5),
                        ],
                        fill,
                        attrs,
                    )
                }
            }
        }
    }

    /// A line plot `height` px tall spanning `x0..x1`, with its month axis
    /// below; moves the cursor past it.
    pub fn line_plot(
        &mut self,
        plot: &LinePlot,
        x0: f64,
        x1: f64,
        height: f64,
        panel: Option<&str>,
    ) {
        let months = self.frame.months;
        let tick_w = plot
            .scale
            .ticks
            .iter()
            .map(|t| text::width(&plot.scale.label(*t), TICK))
            .fold(0.0, f64::max);
        let left = x0 + tick_w + 5.0;
        let right = x1;
        if let Some(title) = panel {
            self.y += PANEL_TITLE;
            self.canvas.text(
                (x0, self.y),
                title,
                PANEL_TITLE,
                palette::INK,
                Anchor::Start,
                true,
                vec![],
            );
            self.y += 4.0;
        }
        if let Some(caption) = &plot.caption {
            self.y += TICK;
            self.canvas.text(
                (x0, self.y),
                caption,
                TICK,
                palette::MUTED,
                Anchor::Start,
                false,
                vec![],
            );
            self.y += 4.0;
        }
        let top = self.y + 8.0;
        let bottom = top + height;
        let axis = MonthAxis::new(months, left, right);
        self.grid(&plot.scale, x0, left, right, top, bottom);
        self.canvas.group(&[("class", "plot")]);
        // The plot box, with its scale, so readers (and tests) can map
        // coordinates back to values.
        self.canvas.rect(
            (left, top),
            (right, bottom),
            palette::WHITE,
            vec![
                ("fill", "none".into()),
                ("class", "plot-area".into()),
                ("data-lo", plot.scale.lo.to_string()),
                ("data-hi", plot.scale.hi.to_string()),
            ],
        );
        self.canvas.end_group();

        // Reference lines under the data.
        self.canvas.group(&[("class", "targets")]);
        for target in &plot.targets {
            let y = plot.scale.y(target.value, top, bottom);
            self.canvas.line(
                (left, y),
                (right, y),
                target.color,
                1.5,
                vec![
                    ("stroke-dasharray", DASH.into()),
                    ("data-target", target.key.clone()),
                    ("data-value", target.value.to_string()),
                ],
            );
        }
        self.canvas.end_group();

        for series in &plot.series {
            self.canvas
                .group(&[("class", "series"), ("data-series", &series.key)]);
            // Lines join neighbouring months only: a missing or null value
            // breaks the line instead of being drawn as 0.
            let mut run: Vec<(f64, f64)> = Vec::new();
            let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
            for (i, value) in series.values.iter().enumerate() {
                match value {
                    Some(v) if v.is_finite() => {
                        run.push((axis.center(i), plot.scale.y(*v, top, bottom)))
                    }
                    _ => runs.push(std::mem::take(&mut run)),
                }
            }
            runs.push(run);
            for run in runs.into_iter().filter(|r| r.len() > 1) {
                self.canvas.path(
                    run,
                    series.color,
                    2.0,
                    vec![
                        ("stroke-linejoin", "round".into()),
                        ("stroke-linecap", "round".into()),
                    ],
                );
            }
            for (i, value) in series.values.iter().enumerate() {
                if let Some(v) = value.filter(|v| v.is_finite()) {
                    let at = (axis.center(i), plot.scale.y(v, top, bottom));
                    let attrs = vec![
                        ("class", "point".into()),
                        (
                            "data-month",
                            months.get(i).map(|m| m.key()).unwrap_or_default(),
                        ),
                        ("data-value", v.to_string()),
                    ];
                    self.marker(series.marker, at, series.color, attrs);
                }
            }
            self.canvas.end_group();
        }

        let obstacles = obstacles(plot, &axis, top, bottom);
        self.target_labels(
            &plot.targets,
            &plot.scale,
            &obstacles,
            axis.slot,
            left,
            right,
            top,
            bottom,
        );
        self.y = bottom;
        self.month_labels(&axis);
    }

    /// Each target's label goes just above or below its line, at the
    /// place along the line where it covers the least of the data (markers
    /// and line segments) and never another target's label. It gets a white
    /// halo so the dashes under it don't cut through the letters.
    #[allow(clippy::too_many_arguments)]
    fn target_labels(
        &mut self,
        targets: &[TargetLine],
        scale: &Scale,
        obstacles: &[Bounds],
        slot: f64,
        left: f64,
        right: f64,
        top: f64,
        bottom: f64,
    ) {
        let size = NOTE + 1.0;
        let mut placed: Vec<Bounds> = Vec::new();
        let mut labels: Vec<((f64, f64), &TargetLine)> = Vec::new();
        for target in targets.iter().filter(|t| !t.label.is_empty()) {
            let line = scale.y(target.value, top, bottom);
            let w = text::width(&target.label, size);
            let mut best: Option<(f64, (f64, f64), Bounds)> = None;
            let _ = slot;
            let h = size * 1.1 + 2.0;
            // Nearest to the line first: just above, just below, then one
            // and two label heights further away.
            let baselines = [
                line - 3.0,
                line + size * 0.88 + 3.0,
                line - 3.0 - h,
                line + size * 0.88 + 3.0 + h,
                line - 3.0 - 2.0 * h,
                line + size * 0.88 + 3.0 + 2.0 * h,
            ];
            let mut end = right - 2.0;
            loop {
                for (rank, baseline) in baselines.iter().enumerate() {
                    let b = Bounds {
                        x0: end - w,
                        y0: baseline - size * 0.88,
                        x1: end,
                        y1: baseline + size * 0.22,
                    };
                    if b.y0 < top - 4.0 || b.y1 > bottom {
                        continue;
                    }
                    let cost: f64 = obstacles.iter().map(|o| o.overlap(&b)).sum::<f64>()
                        + placed.iter().map(|o| o.overlap(&b) * 1e6).sum::<f64>()
                        + rank as f64 * 40.0;
                    if best.as_ref().is_none_or(|(c, _, _)| cost < *c - 1e-9) {
                        best = Some((cost, (end, *baseline), b));
                    }
                }
                end -= 6.0;
                if end - w < left + 2.0 {
                    break;
                }
            }
            if let Some((_, at, b)) = best {
                placed.push(b);
                labels.push((at, target));
            }
        }
        self.canvas.group(&[
            ("class", "target-labels"),
            ("stroke", "#FFFFFF"),
            ("stroke-width", "30"),
            ("stroke-linejoin", "round"),
            ("paint-order", "stroke"),
        ]);
        for (at, target) in labels {
            self.canvas.text(
                at,
                &target.label,
                size,
                target.color,
                Anchor::End,
                false,
                vec![],
            );
        }
        self.canvas.end_group();
    }

    /// Horizontal grid lines and the value labels left of the plot.
    fn grid(&mut self, scale: &Scale, _x0: f64, left: f64, right: f64, top: f64, bottom: f64) {
        self.canvas.group(&[("class", "grid")]);
        for t in &scale.ticks {
            let y = scale.y(*t, top, bottom);
            let color = if *t == scale.lo {
                palette::AXIS
            } else {
                palette::GRID
            };
            self.canvas.line((left, y), (right, y), color, 1.0, vec![]);
        }
        for t in &scale.ticks {
            let y = scale.y(*t, top, bottom);
            self.canvas.text(
                (left - 5.0, y + TICK * 0.35),
                &scale.label(*t),
                TICK,
                palette::MUTED,
                Anchor::End,
                false,
                vec![],
            );
        }
        self.canvas.end_group();
    }

    /// Month labels under a plot whose bottom is the cursor; moves the
    /// cursor below them.
    fn month_labels(&mut self, axis: &MonthAxis) {
        let labels = axis.labels(self.frame.lang);
        // Far enough below the axis that the lowest value label (centred
        // on the axis line, left of the plot) stays clear of the month
        // labels that reach left past the plot's edge.
        let first = self.y + 7.0 + TICK * 0.88;
        self.canvas.group(&[("class", "months")]);
        let mut two_lines = false;
        for label in &labels {
            let x = axis.center(label.index);
            self.canvas
                .line((x, self.y), (x, self.y + 3.0), palette::AXIS, 1.0, vec![]);
            self.canvas.text(
                (x, first),
                &label.month,
                TICK,
                palette::MUTED,
                Anchor::Middle,
                false,
                vec![],
            );
            if let Some(year) = &label.year {
                two_lines = true;
                self.canvas.text(
                    (x, first + TICK + 2.0),
                    year,
                    TICK,
                    palette::MUTED,
                    Anchor::Middle,
                    false,
                    vec![],
                );
            }
        }
        self.canvas.end_group();
        self.y = first + if two_lines { TICK + 2.0 } else { 0.0 } + TICK * 0.22 + 4.0;
    }

    /// Stacked bars, one stack per month; a month without data gets a
    /// dash instead of a bar. Totals are written above the bars when they
    /// fit.
    pub fn bar_plot(&mut self, bars: &[BarSeries], scale: &Scale, caption: &str, height: f64) {
        let months = self.frame.months;
        let tick_w = scale
            .ticks
            .iter()
            .map(|t| text::width(&scale.label(*t), TICK))
            .fold(0.0, f64::max);
        let left = PAD + tick_w + 5.0;
        let right = WIDTH - PAD;
        self.y += TICK;
        self.canvas.text(
            (PAD, self.y),
            caption,
            TICK,
            palette::MUTED,
            Anchor::Start,
            false,
            vec![],
        );
        self.y += 4.0;
        let top = self.y + 8.0;
        let bottom = top + height;
        let axis = MonthAxis::new(months, left, right);
        self.grid(scale, PAD, left, right, top, bottom);
        self.canvas.rect(
            (left, top),
            (right, bottom),
            palette::WHITE,
            vec![
                ("fill", "none".into()),
                ("class", "plot-area".into()),
                ("data-lo", scale.lo.to_string()),
                ("data-hi", scale.hi.to_string()),
            ],
        );
        let bar_w = (axis.slot * 0.64).clamp(2.0, 28.0);
        let totals: Vec<Option<u64>> = (0..months.len())
            .map(|i| {
                let present: Vec<u64> = bars
                    .iter()
                    .filter_map(|b| b.values.get(i).copied().flatten())
                    .collect();
                (!present.is_empty()).then(|| present.iter().sum())
            })
            .collect();
        for bar in bars {
            self.canvas
                .group(&[("class", "series"), ("data-series", &bar.key)]);
            for (i, month) in months.iter().enumerate() {
                let Some(value) = bar.values.get(i).copied().flatten() else {
                    continue;
                };
                let below: u64 = bars
                    .iter()
                    .take_while(|b| b.key != bar.key)
                    .filter_map(|b| b.values.get(i).copied().flatten())
                    .sum();
                if value == 0 {
                    continue;
                }
                let x = axis.center(i);
                let y0 = scale.y(below as f64, top, bottom);
                let y1 = scale.y((below + value) as f64, top, bottom);
                let mut attrs = self.fill_attrs(bar.pattern, &bar.key);
                attrs.extend([
                    ("stroke", "#FFFFFF".to_string()),
                    ("stroke-width", "8".to_string()),
                    ("class", "bar".to_string()),
                    ("data-month", month.key()),
                    ("data-value", value.to_string()),
                ]);
                self.canvas.rect(
                    (x - bar_w / 2.0, y1),
                    (x + bar_w / 2.0, y0),
                    bar.color,
                    attrs,
                );
            }
            self.canvas.end_group();
        }
        // Totals above the bars, only when every one of them fits its slot.
        let fits = totals
            .iter()
            .flatten()
            .all(|t| text::width(&t.to_string(), NOTE) + LABEL_GAP <= axis.slot);
        self.canvas.group(&[("class", "totals")]);
        for (i, total) in totals.iter().enumerate() {
            let x = axis.center(i);
            match total {
                Some(t) if fits => {
                    let y = scale.y(*t as f64, top, bottom) - 3.0;
                    self.canvas.text(
                        (x, y),
                        &t.to_string(),
                        NOTE,
                        palette::INK,
                        Anchor::Middle,
                        false,
                        vec![],
                    );
                }
                Some(_) => {}
                None => {
                    self.canvas.text(
                        (x, bottom - 3.0),
                        "—",
                        NOTE,
                        palette::MUTED,
                        Anchor::Middle,
                        false,
                        vec![("class", "gap".into())],
                    );
                }
            }
        }
        self.canvas.end_group();
        self.y = bottom;
        self.month_labels(&axis);
    }
}

/// A rectangle in px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Bounds {
    /// Area shared with another rectangle.
    pub fn overlap(&self, other: &Bounds) -> f64 {
        let w = self.x1.min(other.x1) - self.x0.max(other.x0);
        let h = self.y1.min(other.y1) - self.y0.max(other.y0);
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }
}

/// What target labels should not cover: every marker, and the line
/// segments between markers (as a chain of small squares).
fn obstacles(plot: &LinePlot, axis: &MonthAxis, top: f64, bottom: f64) -> Vec<Bounds> {
    let square = |(x, y): (f64, f64), r: f64| Bounds {
        x0: x - r,
        y0: y - r,
        x1: x + r,
        y1: y + r,
    };
    let mut out = Vec::new();
    for series in &plot.series {
        let points: Vec<Option<(f64, f64)>> = series
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.filter(|v| v.is_finite())
                    .map(|v| (axis.center(i), plot.scale.y(v, top, bottom)))
            })
            .collect();
        for p in points.iter().flatten() {
            out.push(square(*p, 6.0));
        }
        for pair in points.windows(2) {
            if let [Some(a), Some(b)] = pair {
                let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
                let n = (len / 3.0).ceil().max(1.0) as usize;
                for k in 1..n {
                    let t = k as f64 / n as f64;
                    out.push(square((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t), 2.0));
                }
            }
        }
    }
    out
}

/// Dash pattern of reference lines, in drawing units.
pub const DASH: &str = "50 35";

/// Horizontal positions of the months: one equal slot per month.
pub struct MonthAxis<'a> {
    months: &'a [Month],
    left: f64,
    pub slot: f64,
}

/// A month's label on the axis; the year is written under the first
/// labelled month and under every January.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthLabel {
    pub index: usize,
    pub month: String,
    pub year: Option<String>,
}

impl<'a> MonthAxis<'a> {
    pub fn new(months: &'a [Month], left: f64, right: f64) -> MonthAxis<'a> {
        let slot = (right - left) / months.len().max(1) as f64;
        MonthAxis { months, left, slot }
    }

    pub fn center(&self, index: usize) -> f64 {
        self.left + (index as f64 + 0.5) * self.slot
    }

    /// Labels every `step` months (1, 2, 3, 4, 6, 12, then whole years),
    /// on calendar-aligned months, with the smallest step at which no two
    /// labels come closer than [`LABEL_GAP`] and none leaves the drawing.
    pub fn labels(&self, lang: Lang) -> Vec<MonthLabel> {
        let mut step = 1u32;
        loop {
            let labels = self.labels_every(step, lang);
            if self.fit(&labels) || step >= 1200 {
                return labels;
            }
            step = match step {
                1 => 2,
                2 => 3,
                3 => 4,
                4 => 6,
                6 => 12,
                s => s + 12,
            };
        }
    }

    fn labels_every(&self, step: u32, lang: Lang) -> Vec<MonthLabel> {
        let mut labels: Vec<MonthLabel> = Vec::new();
        for (index, m) in self.months.iter().enumerate() {
            let shown = if step <= 12 {
                (m.month - 1) % step == 0
            } else {
                let years = i32::try_from(step / 12).unwrap_or(1);
                m.month == 1 && m.year.rem_euclid(years) == 0
            };
            if !shown {
                continue;
            }
            let year =
                (labels.is_empty() || m.month == 1).then(|| ChartMsg::YearShort(m.year).text(lang));
            labels.push(MonthLabel {
                index,
                month: ChartMsg::MonthShort(m.month).text(lang),
                year,
            });
        }
        labels
    }

    fn half_width(label: &MonthLabel) -> f64 {
        let w = text::width(&label.month, TICK);
        let y = label
            .year
            .as_deref()
            .map(|y| text::width(y, TICK))
            .unwrap_or(0.0);
        w.max(y) / 2.0
    }

    fn fit(&self, labels: &[MonthLabel]) -> bool {
        let within = labels.iter().all(|l| {
            let c = self.center(l.index);
            let h = Self::half_width(l);
            c - h >= 0.0 && c + h <= WIDTH
        });
        within
            && labels.windows(2).all(|pair| {
                let (a, b) = (&pair[0], &pair[1]);
                self.center(a.index) + Self::half_width(a) + LABEL_GAP
                    <= self.center(b.index) - Self::half_width(b)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(first: &str, n: usize) -> Vec<Month> {
        let mut m = Month::parse(first).unwrap();
        let mut all = Vec::new();
        for _ in 0..n {
            all.push(m);
            m = m.next();
        }
        all
    }

    #[test]
    fn every_month_is_labelled_when_there_is_room() {
        let ms = months("2026-01", 3);
        let axis = MonthAxis::new(&ms, 40.0, 350.0);
        let labels = axis.labels(Lang::ZhCn);
        let texts: Vec<&str> = labels.iter().map(|l| l.month.as_str()).collect();
        assert_eq!(texts, ["1月", "2月", "3月"]);
        assert_eq!(labels[0].year.as_deref(), Some("2026年"));
        assert_eq!(labels[1].year, None);
    }

    #[test]
    fn many_months_are_thinned_on_calendar_months_with_years_at_january() {
        let ms = months("2025-09", 15);
        let axis = MonthAxis::new(&ms, 40.0, 350.0);
        let labels = axis.labels(Lang::ZhCn);
        assert!(labels.len() < 15 && labels.len() >= 4, "{labels:?}");
        let jan = labels
            .iter()
            .find(|l| l.month == "1月")
            .expect("January shown");
        assert_eq!(jan.year.as_deref(), Some("2026年"));
        assert_eq!(labels[0].year.as_deref(), Some("2025年"));
        assert!(axis.fit(&labels));
    }

    #[test]
    fn narrow_panels_and_long_ranges_still_fit() {
        for n in [1, 2, 5, 12, 15, 24, 36, 60, 120] {
            for (left, right) in [(40.0, 350.0), (40.0, 175.0), (215.0, 350.0)] {
                let ms = months("2025-12", n);
                let axis = MonthAxis::new(&ms, left, right);
                for lang in [Lang::ZhCn, Lang::En] {
                    let labels = axis.labels(lang);
                    assert!(
                        axis.fit(&labels),
                        "{n} months in {left}..{right}: {labels:?}"
                    );
                    assert!(!labels.is_empty() || n < 12, "{n} months: no label at all");
                }
            }
        }
    }
}
