//! The six charts, each drawn for the whole range and for every quarter,
//! from the metrics alone.

use super::canvas::Root;
use super::layout::{
    BarSeries, Frame, LegendItem, LinePlot, Marker, PAD, Pattern, Series, Sheet, TargetLine, WIDTH,
};
use super::month::{Month, Quarter};
use super::palette::{self, Rgb};
use super::scale::Scale;
use super::text;
use super::{Chart, Charts};
use crate::config::Config;
use crate::messages::Lang;
use crate::messages::charts::ChartMsg;
use crate::metrics::Metrics;
use chrono::Datelike;
use std::collections::BTreeSet;

/// Chart ids, in the order pages usually show them.
pub const IDS: [&str; 6] = [
    "satisfaction",
    "satisfaction-dimensions",
    "repair-rates",
    "repair-volume",
    "complaints-by-level",
    "completion-hours",
];

pub const REPAIR_LEVELS: [&str; 3] = ["minor", "medium", "emergency"];
pub const COMPLAINT_LEVELS: [&str; 4] = ["major", "important", "minor", "unclassified"];

/// The period one set of charts covers.
struct Scope<'a> {
    metrics: &'a Metrics,
    config: &'a Config,
    lang: Lang,
    /// `""` for the whole range, `2026Q1/` for a quarter.
    prefix: String,
    months: Vec<Month>,
    /// e.g. `2025年9月–2026年11月` or `2026年第1季度`.
    period: String,
    as_of: String,
    /// The last month when `as_of` falls inside it: (label, day).
    partial: Option<(String, u32)>,
}

pub fn draw_all(metrics: &Metrics, config: &Config) -> Charts {
    let lang = config.language;
    let as_of = crate::datetime::parse_datetime(&metrics.as_of);
    let month_keys = metrics
        .repairs
        .keys()
        .chain(metrics.complaints.keys())
        .chain(metrics.surveys.keys());
    let months: BTreeSet<Month> = month_keys.clone().filter_map(|k| Month::parse(k)).collect();
    let mut quarters: BTreeSet<Quarter> = month_keys.filter_map(|k| Quarter::parse(k)).collect();
    quarters.extend(months.iter().map(|m| m.quarter()));
    let as_of_month = as_of.map(|t| Month {
        year: t.year(),
        month: t.month(),
    });

    let mut scopes = Vec::new();
    let whole = match (months.first(), months.last()) {
        (Some(first), Some(last)) => Month::span(*first, *last),
        _ => Vec::new(),
    };
    let period = match (whole.first(), whole.last()) {
        (Some(first), Some(last)) if first != last => ChartMsg::Range {
            from: &month_full(*first, lang),
            to: &month_full(*last, lang),
        }
        .text(lang),
        (Some(only), _) => month_full(*only, lang),
        _ => ChartMsg::NoData.text(lang),
    };
    scopes.push((String::new(), whole, period));
    for q in quarters {
        // Months after `as_of` cannot have data yet: they are not drawn.
        let months: Vec<Month> = q
            .months()
            .into_iter()
            .filter(|m| as_of_month.is_none_or(|a| *m <= a))
            .collect();
        let period = ChartMsg::Quarter {
            year: q.year,
            q: q.q,
        }
        .text(lang);
        scopes.push((format!("{}/", q.key()), months, period));
    }

    let as_of_label = match as_of {
        Some(t) => ChartMsg::DateTime {
            year: t.year(),
            month: t.month(),
            day: t.day(),
            time: &t.format("%H:%M").to_string(),
        }
        .text(lang),
        None => metrics.as_of.clone(),
    };

    let mut charts = Charts::default();
    for (prefix, months, period) in scopes {
        let partial = match (as_of, months.last()) {
            (Some(t), Some(last)) if as_of_month == Some(*last) => {
                let next = last.next();
                let month_end = chrono::NaiveDate::from_ymd_opt(next.year, next.month, 1)
                    .and_then(|d| d.pred_opt());
                (month_end.is_some_and(|end| t.date() < end))
                    .then(|| (month_full(*last, lang), t.day()))
            }
            _ => None,
        };
        let scope = Scope {
            metrics,
            config,
            lang,
            prefix,
            months,
            period,
            as_of: as_of_label.clone(),
            partial,
        };
        for id in IDS {
            let chart = scope.chart(id);
            charts.charts.insert(chart.id.clone(), chart);
        }
    }
    charts
}

fn month_full(m: Month, lang: Lang) -> String {
    ChartMsg::MonthFull {
        year: m.year,
        month: m.month,
    }
    .text(lang)
}

/// What a chart builder hands back before the SVG is finished.
struct Drawn {
    title: String,
    sheet_canvas: super::canvas::Canvas,
    desc: Vec<String>,
    table: Vec<Vec<String>>,
}

impl Scope<'_> {
    fn t(&self, msg: ChartMsg) -> String {
        msg.text(self.lang)
    }

    fn chart(&self, id: &str) -> Chart {
        let full_id = format!("{}{id}", self.prefix);
        let uid = format!("wuye-chart-{}", full_id.replace('/', "-").to_lowercase());
        let frame = Frame {
            lang: self.lang,
            months: &self.months,
            uid: &uid,
        };
        let drawn = match id {
            "satisfaction" => self.satisfaction(&frame),
            "satisfaction-dimensions" => self.dimensions(&frame),
            "repair-rates" => self.repair_rates(&frame),
            "repair-volume" => self.repair_volume(&frame),
            "complaints-by-level" => self.complaints(&frame),
            _ => self.completion(&frame),
        };
        let desc = drawn
            .desc
            .join(if self.lang == Lang::ZhCn { "" } else { " " });
        let root = Root {
            uid: &uid,
            chart_id: &full_id,
            lang: self.lang.code(),
            title: &drawn.title,
            desc: &desc,
        };
        let svg = drawn.sheet_canvas.render(&root).unwrap_or_else(|problem| {
            // Plotters never fails on a string target; should it ever,
            // the chart still says what it is instead of breaking the build.
            format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} 100\" role=\"img\"><title>{}</title><desc>{}</desc><!-- {} --></svg>",
                super::canvas::escape(&drawn.title),
                super::canvas::escape(&desc),
                super::canvas::escape(&problem),
                w = WIDTH * 10.0,
            )
        });
        Chart {
            id: full_id,
            title: drawn.title,
            svg,
            table: drawn.table,
        }
    }

    fn subtitle(&self, notes: &[String]) -> Vec<String> {
        let mut parts = vec![self.period.clone(), self.t(ChartMsg::AsOf(&self.as_of))];
        parts.extend(notes.iter().cloned());
        parts
    }

    /// Opening sentences shared by every description.
    fn desc_common(&self, first: String) -> Vec<String> {
        let mut desc = vec![first];
        if let Some((month, day)) = &self.partial {
            desc.push(self.t(ChartMsg::DescPartial { month, day: *day }));
        }
        desc
    }

    fn desc_end(&self, desc: &mut Vec<String>, gaps: &[Month]) {
        if !gaps.is_empty() && !self.months.is_empty() {
            let list: Vec<String> = gaps.iter().map(|m| month_full(*m, self.lang)).collect();
            desc.push(self.t(ChartMsg::DescGaps(&list.join(&self.t(ChartMsg::ListSep)))));
        }
        desc.push(self.t(ChartMsg::AsOf(&self.as_of)) + self.lang.pick("。", "."));
        desc.push(self.t(ChartMsg::DescTable));
    }

    fn desc_axis(&self, desc: &mut Vec<String>, scale: &Scale) {
        if scale.zoomed {
            desc.push(self.t(ChartMsg::DescZoomAxis {
                lo: &scale.label(scale.lo),
                hi: &scale.label(scale.hi),
            }));
        } else {
            desc.push(self.t(ChartMsg::DescRateAxis));
        }
    }

    fn desc_targets(&self, desc: &mut Vec<String>, targets: &[TargetLine]) {
        if !targets.is_empty() {
            let list: Vec<&str> = targets.iter().map(|t| t.label.as_str()).collect();
            desc.push(self.t(ChartMsg::DescTargets(
                &list.join(&self.t(ChartMsg::ListSep)),
            )));
        }
    }

    fn month_label_cell(&self, m: Month) -> String {
        month_full(m, self.lang)
    }

    fn target(
        &self,
        key: &str,
        series: &str,
        value: Option<f64>,
        limit: bool,
        color: Rgb,
    ) -> Option<TargetLine> {
        let value = value?;
        let shown = text::percent(value);
        let label = if limit {
            self.t(ChartMsg::Limit {
                series,
                value: &shown,
            })
        } else {
            self.t(ChartMsg::Target {
                series,
                value: &shown,
            })
        };
        Some(TargetLine {
            key: key.to_string(),
            label,
            value,
            color,
        })
    }

    fn rate_values(&self, f: impl Fn(&str) -> Option<f64>) -> Vec<Option<f64>> {
        self.months.iter().map(|m| f(&m.key())).collect()
    }

    /// Months where no series has a value.
    fn gaps(&self, series: &[&[Option<f64>]]) -> Vec<Month> {
        self.months
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                series
                    .iter()
                    .all(|s| s.get(*i).copied().flatten().is_none())
            })
            .map(|(_, m)| *m)
            .collect()
    }

    fn satisfaction(&self, frame: &Frame) -> Drawn {
        let title = self.t(ChartMsg::TitleSatisfaction);
        let name = self.t(ChartMsg::Satisfaction);
        let values = self.rate_values(|k| {
            self.metrics
                .surveys
                .get(k)
                .and_then(|s| s.satisfaction_rate)
        });
        let targets: Vec<TargetLine> = self
            .target(
                "satisfaction_rate",
                &name,
                self.config.targets.satisfaction_rate,
                false,
                palette::BLUE,
            )
            .into_iter()
            .collect();
        let series = vec![Series {
            key: "satisfaction_rate".into(),
            label: name.clone(),
            color: palette::BLUE,
            marker: Marker::Circle,
            values: values.clone(),
        }];
        let drawn = self.line_chart(frame, &title, series, targets, None);

        let mut table = vec![vec![
            self.t(ChartMsg::HeaderMonth),
            name,
            self.t(ChartMsg::HeaderResponses),
        ]];
        for (m, v) in self.months.iter().zip(&values) {
            let responses = self
                .metrics
                .surveys
                .get(&m.key())
                .map(|s| s.responses.to_string())
                .unwrap_or_else(|| "—".into());
            table.push(vec![
                self.month_label_cell(*m),
                text::percent_or_dash(*v),
                responses,
            ]);
        }
        if let (Some(t), false) = (
            self.config.targets.satisfaction_rate,
            self.months.is_empty(),
        ) {
            table.push(vec![
                self.t(ChartMsg::HeaderTarget),
                text::percent(t),
                String::new(),
            ]);
        }
        Drawn { table, ..drawn }
    }

    /// One line plot under a header; shared by the single-plot line charts.
    fn line_chart(
        &self,
        frame: &Frame,
        title: &str,
        series: Vec<Series>,
        targets: Vec<TargetLine>,
        what: Option<String>,
    ) -> Drawn {
        let mut all: Vec<f64> = series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied())
            .collect();
        all.extend(targets.iter().map(|t| t.value));
        let scale = Scale::rate(&all, self.config.charts.zoom, 5);
        let notes: Vec<String> = scale
            .zoomed
            .then(|| self.t(ChartMsg::ZoomNote))
            .into_iter()
            .collect();
        let legend: Vec<LegendItem> = if series.len() > 1 {
            series
                .iter()
                .map(|s| LegendItem::Line(s.color, s.marker, s.label.clone()))
                .collect()
        } else {
            Vec::new()
        };
        let what = what.unwrap_or_else(|| {
            let names: Vec<&str> = series.iter().map(|s| s.label.as_str()).collect();
            names.join(&self.t(ChartMsg::ListSep))
        });
        let mut desc = self.desc_common(self.t(ChartMsg::DescLines {
            what: &what,
            period: &self.period,
        }));
        self.desc_axis(&mut desc, &scale);
        self.desc_targets(&mut desc, &targets);
        let value_sets: Vec<&[Option<f64>]> = series.iter().map(|s| s.values.as_slice()).collect();
        let gaps = self.gaps(&value_sets);
        self.desc_end(&mut desc, &gaps);

        let mut sheet = Sheet::new(frame);
        sheet.header(title, &self.subtitle(&notes), &legend);
        if self.months.is_empty() {
            sheet.message(&self.t(ChartMsg::NoData));
        } else {
            let plot = LinePlot {
                scale,
                series,
                targets,
                caption: None,
            };
            sheet.line_plot(&plot, PAD, WIDTH - PAD, 170.0, None);
        }
        Drawn {
            title: title.to_string(),
            sheet_canvas: sheet.finish(),
            desc,
            table: Vec::new(),
        }
    }

    fn dimensions(&self, frame: &Frame) -> Drawn {
        let title = self.t(ChartMsg::TitleDimensions);
        let names: BTreeSet<&String> = self
            .months
            .iter()
            .filter_map(|m| self.metrics.surveys.get(&m.key()))
            .flat_map(|s| s.dimensions.keys())
            .collect();
        let rate_name = self.t(ChartMsg::Satisfaction);
        let target = self.config.targets.satisfaction_rate.map(|value| {
            let shown = text::percent(value);
            TargetLine {
                key: "satisfaction_rate".into(),
                label: self.t(ChartMsg::Target {
                    series: "",
                    value: &shown,
                }),
                value,
                color: palette::MUTED,
            }
        });
        let panels: Vec<(String, Vec<Option<f64>>)> = names
            .iter()
            .map(|name| {
                let values = self.rate_values(|k| {
                    self.metrics
                        .surveys
                        .get(k)
                        .and_then(|s| s.dimensions.get(*name))
                        .and_then(|d| d.rate)
                });
                ((*name).clone(), values)
            })
            .collect();
        let mut all: Vec<f64> = panels
            .iter()
            .flat_map(|(_, v)| v.iter().flatten().copied())
            .collect();
        all.extend(target.iter().map(|t| t.value));
        // One scale for every panel, so panels compare at a glance.
        let scale = Scale::rate(&all, self.config.charts.zoom, 2);
        let notes: Vec<String> = scale
            .zoomed
            .then(|| self.t(ChartMsg::ZoomNote))
            .into_iter()
            .collect();
        let panel_names: Vec<&str> = panels.iter().map(|(n, _)| n.as_str()).collect();
        let mut desc = self.desc_common(self.t(ChartMsg::DescPanels {
            what: &rate_name,
            period: &self.period,
            panels: &panel_names.join(&self.t(ChartMsg::ListSep)),
        }));
        self.desc_axis(&mut desc, &scale);
        self.desc_targets(&mut desc, target.as_slice());
        let value_sets: Vec<&[Option<f64>]> = panels.iter().map(|(_, v)| v.as_slice()).collect();
        let gaps = if panels.is_empty() {
            Vec::new()
        } else {
            self.gaps(&value_sets)
        };
        self.desc_end(&mut desc, &gaps);

        let mut sheet = Sheet::new(frame);
        let legend = if panels.is_empty() {
            Vec::new()
        } else {
            let mut items = vec![LegendItem::Line(
                palette::BLUE,
                Marker::Circle,
                rate_name.clone(),
            )];
            if let Some(t) = &target {
                items.push(LegendItem::Target(t.color, t.label.clone()));
            }
            items
        };
        sheet.header(&title, &self.subtitle(&notes), &legend);
        if self.months.is_empty() {
            sheet.message(&self.t(ChartMsg::NoData));
        } else if panels.is_empty() {
            sheet.message(&self.t(ChartMsg::NoDimensions));
        } else {
            let columns = if panels.len() > 1 { 2 } else { 1 };
            let gap = 16.0;
            let panel_w = (WIDTH - 2.0 * PAD - gap * (columns as f64 - 1.0)) / columns as f64;
            for row in panels.chunks(columns) {
                let top = sheet.y;
                let mut bottom = top;
                for (col, (name, values)) in row.iter().enumerate() {
                    sheet.y = top;
                    let x0 = PAD + col as f64 * (panel_w + gap);
                    let plot = LinePlot {
                        scale: scale.clone(),
                        series: vec![Series {
                            key: name.clone(),
                            label: name.clone(),
                            color: palette::BLUE,
                            marker: Marker::Circle,
                            values: values.clone(),
                        }],
                        // Panels are narrow: the target is named in the legend.
                        targets: target
                            .iter()
                            .map(|t| TargetLine {
                                label: String::new(),
                                ..t.clone()
                            })
                            .collect(),
                        caption: None,
                    };
                    sheet.line_plot(&plot, x0, x0 + panel_w, 80.0, Some(name));
                    bottom = bottom.max(sheet.y);
                }
                sheet.y = bottom + 10.0;
            }
        }

        let mut table = vec![vec![self.t(ChartMsg::HeaderMonth)]];
        table[0].extend(panels.iter().map(|(n, _)| n.clone()));
        for (i, m) in self.months.iter().enumerate() {
            let mut row = vec![self.month_label_cell(*m)];
            row.extend(
                panels
                    .iter()
                    .map(|(_, v)| text::percent_or_dash(v.get(i).copied().flatten())),
            );
            table.push(row);
        }
        if let (Some(t), false) = (
            self.config.targets.satisfaction_rate,
            panels.is_empty() || self.months.is_empty(),
        ) {
            let mut row = vec![self.t(ChartMsg::HeaderTarget)];
            row.extend(panels.iter().map(|_| text::percent(t)));
            table.push(row);
        }
        Drawn {
            title,
            sheet_canvas: sheet.finish(),
            desc,
            table,
        }
    }

    fn repair_rates(&self, frame: &Frame) -> Drawn {
        let title = self.t(ChartMsg::TitleRepairRates);
        let targets_cfg = &self.config.targets;
        let specs = [
            (
                "timeliness_rate",
                ChartMsg::Timeliness,
                palette::BLUE,
                Marker::Circle,
                targets_cfg.timeliness_rate,
                false,
            ),
            (
                "pass_rate",
                ChartMsg::PassRate,
                palette::GREEN,
                Marker::Square,
                targets_cfg.pass_rate,
                false,
            ),
            (
                "rework_rate",
                ChartMsg::ReworkRate,
                palette::VERMILION,
                Marker::Triangle,
                targets_cfg.rework_rate,
                true,
            ),
        ];
        let mut series = Vec::new();
        let mut targets = Vec::new();
        for (key, msg, color, marker, target, limit) in specs {
            let label = self.t(msg);
            let values = self.rate_values(|k| {
                self.metrics.repairs.get(k).and_then(|r| match key {
                    "timeliness_rate" => r.timeliness_rate,
                    "pass_rate" => r.pass_rate,
                    _ => r.rework_rate,
                })
            });
            targets.extend(self.target(key, &label, target, limit, color));
            series.push(Series {
                key: key.into(),
                label,
                color,
                marker,
                values,
            });
        }
        let mut table = vec![vec![self.t(ChartMsg::HeaderMonth)]];
        table[0].extend(series.iter().map(|s| s.label.clone()));
        for (i, m) in self.months.iter().enumerate() {
            let mut row = vec![self.month_label_cell(*m)];
            row.extend(
                series
                    .iter()
                    .map(|s| text::percent_or_dash(s.values.get(i).copied().flatten())),
            );
            table.push(row);
        }
        if !targets.is_empty() && !self.months.is_empty() {
            let mut row = vec![self.t(ChartMsg::HeaderTarget)];
            for (target, limit) in [
                (targets_cfg.timeliness_rate, false),
                (targets_cfg.pass_rate, false),
                (targets_cfg.rework_rate, true),
            ] {
                row.push(match target {
                    Some(t) if limit => format!("≤{}", text::percent(t)),
                    Some(t) => format!("≥{}", text::percent(t)),
                    None => String::new(),
                });
            }
            table.push(row);
        }
        let drawn = self.line_chart(frame, &title, series, targets, Some(title.clone()));
        Drawn { table, ..drawn }
    }

    fn repair_volume(&self, frame: &Frame) -> Drawn {
        let styles = [
            (palette::BLUE, Pattern::Solid),
            (palette::GREEN, Pattern::Diagonal),
            (palette::RED, Pattern::Dots),
        ];
        let bars: Vec<BarSeries> = REPAIR_LEVELS
            .iter()
            .zip(styles)
            .map(|(key, (color, pattern))| BarSeries {
                key: (*key).into(),
                label: self.t(ChartMsg::RepairLevel(key)),
                color,
                pattern,
                values: self
                    .months
                    .iter()
                    .map(|m| {
                        self.metrics
                            .repairs
                            .get(&m.key())
                            .map(|r| r.by_level.get(*key).copied().unwrap_or(0))
                    })
                    .collect(),
            })
            .collect();
        self.bar_chart(
            frame,
            self.t(ChartMsg::TitleRepairVolume),
            self.t(ChartMsg::AxisOrders),
            bars,
        )
    }

    fn complaints(&self, frame: &Frame) -> Drawn {
        let styles = [
            (palette::RED, Pattern::Solid),
            (palette::VERMILION, Pattern::Diagonal),
            (palette::BLUE, Pattern::Dots),
            (palette::GREY, Pattern::Horizontal),
        ];
        let bars: Vec<BarSeries> = COMPLAINT_LEVELS
            .iter()
            .zip(styles)
            .map(|(key, (color, pattern))| BarSeries {
                key: (*key).into(),
                label: self.t(ChartMsg::ComplaintLevel(key)),
                color,
                pattern,
                values: self
                    .months
                    .iter()
                    .map(|m| {
                        self.metrics
                            .complaints
                            .get(&m.key())
                            .map(|c| c.by_level.get(*key).copied().unwrap_or(0))
                    })
                    .collect(),
            })
            .collect();
        self.bar_chart(
            frame,
            self.t(ChartMsg::TitleComplaints),
            self.t(ChartMsg::AxisComplaints),
            bars,
        )
    }

    fn bar_chart(
        &self,
        frame: &Frame,
        title: String,
        caption: String,
        bars: Vec<BarSeries>,
    ) -> Drawn {
        let totals: Vec<Option<u64>> = (0..self.months.len())
            .map(|i| {
                let present: Vec<u64> = bars
                    .iter()
                    .filter_map(|b| b.values.get(i).copied().flatten())
                    .collect();
                (!present.is_empty()).then(|| present.iter().sum())
            })
            .collect();
        let max = totals.iter().flatten().copied().max().unwrap_or(0);
        // The total written above the tallest bar needs about 12 px; the
        // plot is 160 px tall with 8 px free above it. When the round top of
        // the scale leaves less than that, the scale goes one step higher.
        let mut scale = Scale::count(max as f64, 5);
        if max as f64 > scale.hi * 0.97 {
            scale = Scale::count(max as f64 * 1.1, 5);
        }
        let gaps: Vec<Month> = self
            .months
            .iter()
            .zip(&totals)
            .filter(|(_, t)| t.is_none())
            .map(|(m, _)| *m)
            .collect();
        let mut legend: Vec<LegendItem> = bars
            .iter()
            .map(|b| LegendItem::Bar(b.color, b.pattern, b.key.clone(), b.label.clone()))
            .collect();
        if !gaps.is_empty() {
            legend.push(LegendItem::Note(self.t(ChartMsg::NoRecordLegend)));
        }
        let names: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
        let mut desc = self.desc_common(self.t(ChartMsg::DescBars {
            what: &format!("{}（{}）", caption, names.join(&self.t(ChartMsg::ListSep))),
            period: &self.period,
        }));
        self.desc_end(&mut desc, &gaps);

        let mut sheet = Sheet::new(frame);
        sheet.header(&title, &self.subtitle(&[]), &legend);
        if self.months.is_empty() {
            sheet.message(&self.t(ChartMsg::NoData));
        } else {
            sheet.patterns(&bars);
            sheet.bar_plot(&bars, &scale, &caption, 160.0);
        }

        let mut table = vec![vec![self.t(ChartMsg::HeaderMonth)]];
        table[0].extend(bars.iter().map(|b| b.label.clone()));
        table[0].push(self.t(ChartMsg::HeaderTotal));
        for (i, m) in self.months.iter().enumerate() {
            let mut row = vec![self.month_label_cell(*m)];
            let cell = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_else(|| "—".into());
            row.extend(
                bars.iter()
                    .map(|b| cell(b.values.get(i).copied().flatten())),
            );
            row.push(cell(totals.get(i).copied().flatten()));
            table.push(row);
        }
        Drawn {
            title,
            sheet_canvas: sheet.finish(),
            desc,
            table,
        }
    }

    fn completion(&self, frame: &Frame) -> Drawn {
        let title = self.t(ChartMsg::TitleCompletion);
        let median = self.t(ChartMsg::Median);
        let p90 = self.t(ChartMsg::P90);
        let spread = |key: &str, level: &str| -> Vec<Option<f64>> {
            self.rate_values(|k| {
                self.metrics
                    .repairs
                    .get(k)
                    .and_then(|r| r.completion_hours.get(level))
                    .and_then(|s| if key == "median" { s.median } else { s.p90 })
            })
        };
        // (level key, level name, medians, 90th percentiles)
        type Panel = (String, String, Vec<Option<f64>>, Vec<Option<f64>>);
        let panels: Vec<Panel> = REPAIR_LEVELS
            .iter()
            .map(|level| {
                (
                    (*level).to_string(),
                    self.t(ChartMsg::RepairLevel(level)),
                    spread("median", level),
                    spread("p90", level),
                )
            })
            .collect();
        let legend = vec![
            LegendItem::Line(palette::BLUE, Marker::Circle, median.clone()),
            LegendItem::Line(palette::VERMILION, Marker::Triangle, p90.clone()),
        ];
        let level_names: Vec<&str> = panels.iter().map(|p| p.1.as_str()).collect();
        let mut desc = self.desc_common(self.t(ChartMsg::DescPanels {
            what: &title,
            period: &self.period,
            panels: &level_names.join(&self.t(ChartMsg::ListSep)),
        }));
        desc.push(self.t(ChartMsg::OwnScales) + self.lang.pick("。", "."));
        let value_sets: Vec<&[Option<f64>]> = panels
            .iter()
            .flat_map(|p| [p.2.as_slice(), p.3.as_slice()])
            .collect();
        let gaps = self.gaps(&value_sets);
        self.desc_end(&mut desc, &gaps);

        let mut sheet = Sheet::new(frame);
        sheet.header(
            &title,
            &self.subtitle(&[self.t(ChartMsg::OwnScales)]),
            &legend,
        );
        if self.months.is_empty() {
            sheet.message(&self.t(ChartMsg::NoData));
        } else {
            for (key, name, med, high) in &panels {
                let max = med
                    .iter()
                    .chain(high)
                    .flatten()
                    .copied()
                    .fold(0.0, f64::max);
                let plot = LinePlot {
                    scale: Scale::hours(max, 3),
                    series: vec![
                        Series {
                            key: format!("{key}.median"),
                            label: median.clone(),
                            color: palette::BLUE,
                            marker: Marker::Circle,
                            values: med.clone(),
                        },
                        Series {
                            key: format!("{key}.p90"),
                            label: p90.clone(),
                            color: palette::VERMILION,
                            marker: Marker::Triangle,
                            values: high.clone(),
                        },
                    ],
                    targets: Vec::new(),
                    caption: None,
                };
                let panel_title = format!("{name}{}", self.lang.pick("（小时）", " (hours)"));
                sheet.line_plot(&plot, PAD, WIDTH - PAD, 80.0, Some(&panel_title));
                sheet.y += 8.0;
            }
        }

        let mut table = vec![vec![self.t(ChartMsg::HeaderMonth)]];
        for (_, name, _, _) in &panels {
            table[0].push(self.t(ChartMsg::HeaderLevelStat {
                level: name,
                stat: &median,
            }));
            table[0].push(self.t(ChartMsg::HeaderLevelStat {
                level: name,
                stat: &p90,
            }));
        }
        for (i, m) in self.months.iter().enumerate() {
            let mut row = vec![self.month_label_cell(*m)];
            for (_, _, med, high) in &panels {
                row.push(text::hours_or_dash(med.get(i).copied().flatten()));
                row.push(text::hours_or_dash(high.get(i).copied().flatten()));
            }
            table.push(row);
        }
        Drawn {
            title,
            sheet_canvas: sheet.finish(),
            desc,
            table,
        }
    }
}
