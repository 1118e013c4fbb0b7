//! Renders `output/reports/`: one report to the owners' committee per
//! quarter with data (`<YYYY>Q<N>/index.html`), one annual report per year
//! with data (`<YYYY>/index.html`) and a list of them (`index.html`).
//!
//! Every figure comes from the metrics (a year is summed from its
//! quarters, see [`figures::PeriodStats::year`]) and is printed in a cell
//! that carries its metric path and unrounded value
//! (`data-period`, `data-metric`, `data-value`), so a test can hold every
//! report against `wuye metrics --format json`. Reports show aggregates
//! only: nothing of a log row is read here except, for escalations, the
//! date a complaint was received.

pub mod figures;

use super::{Engine, RenderInput, assets, base_context};
use crate::content::reports::ReportNote;
use crate::diagnostics::{Diagnostic, Kind};
use crate::markdown::{self, RenderOptions};
use crate::messages::Lang;
use crate::messages::reports::{ReportText, ReportsMsg};
use crate::messages::ui;
use crate::output::OutputTree;
use figures::{
    CHANNELS, COMPLAINT_LEVELS, Known, PeriodStats, Quarter, REPAIR_LEVELS, Value, change,
    escalations_by_quarter, lookup, misses_target, month_label, quarters_with_data, target_of,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The figures of the key-figures section, in order.
pub const KEY_FIGURES: [&str; 15] = [
    "repairs.orders",
    "repairs.timeliness_rate",
    "repairs.pass_rate",
    "repairs.rework_rate",
    "repairs.dispatch_compliance",
    "complaints.received",
    "complaints.resolution_rate",
    "complaints.on_time_rate",
    "complaints.callback_rate",
    "complaints.callback_satisfaction",
    "escalations.count",
    "surveys.responses",
    "surveys.response_rate",
    "surveys.satisfaction_rate",
    "surveys.overall_mean",
];

const REPAIR_MAIN: [&str; 14] = [
    "repairs.orders",
    "repairs.open",
    "repairs.completed",
    "repairs.due",
    "repairs.timely",
    "repairs.timeliness_rate",
    "repairs.inspected",
    "repairs.passed",
    "repairs.pass_rate",
    "repairs.rework",
    "repairs.rework_rate",
    "repairs.dispatched",
    "repairs.dispatched_in_time",
    "repairs.dispatch_compliance",
];

const COMPLAINT_MAIN: [&str; 12] = [
    "complaints.received",
    "complaints.resolved",
    "complaints.resolution_rate",
    "complaints.due",
    "complaints.on_time",
    "complaints.on_time_rate",
    "complaints.callbacks",
    "complaints.callback_rate",
    "complaints.callback_results",
    "complaints.callback_satisfied",
    "complaints.callback_satisfaction",
    "escalations.count",
];

const SURVEY_MAIN: [&str; 5] = [
    "surveys.responses",
    "surveys.response_rate",
    "surveys.satisfied",
    "surveys.satisfaction_rate",
    "surveys.overall_mean",
];

/// Figures of the month-by-month table.
const MONTH_FIGURES: [&str; 6] = [
    "repairs.orders",
    "repairs.timeliness_rate",
    "complaints.received",
    "complaints.on_time_rate",
    "surveys.responses",
    "surveys.satisfaction_rate",
];

/// Chart ids per section (charts stage, per quarter `<YYYY>Q<N>/<id>`).
const REPAIR_CHARTS: [&str; 3] = ["repair-volume", "repair-rates", "completion-hours"];
const COMPLAINT_CHARTS: [&str; 1] = ["complaints-by-level"];
const SURVEY_CHARTS: [&str; 2] = ["satisfaction", "satisfaction-dimensions"];

/// A table with more rows than this may run over a page; shorter ones
/// are kept whole.
const SHORT_TABLE_ROWS: usize = 14;

/// One printed figure: the cell text and what it is, for `data-*`.
#[derive(Debug, Clone, Serialize)]
struct Fig {
    period: String,
    metric: String,
    value: String,
    text: String,
    missed: bool,
}

#[derive(Debug, Serialize)]
struct Row {
    label: String,
    cells: Vec<Fig>,
    /// "不低于 95.0%", empty when the figure has no target.
    target: String,
}

#[derive(Debug, Serialize)]
struct Table {
    caption: String,
    /// Header of the label column.
    first: String,
    head: Vec<String>,
    rows: Vec<Row>,
    /// Long tables may break across pages (with their header repeated).
    long: bool,
    /// Show a target column.
    targets: bool,
    /// Explanations printed under the table and kept on its page.
    notes: Vec<String>,
}

/// A key figure with the previous quarter and the change.
#[derive(Debug, Serialize)]
struct KeyRow {
    label: String,
    current: Fig,
    previous: Option<Fig>,
    change: Change,
    target: String,
}

#[derive(Debug, Serialize)]
struct Change {
    /// The unrounded difference (current − previous), `null` when either is.
    value: String,
    text: String,
}

#[derive(Debug, Serialize)]
struct ChartRef {
    id: String,
    title: String,
    svg: String,
}

#[derive(Debug, Serialize, Default)]
struct Section {
    id: String,
    heading: String,
    /// Quarterly key figures with the comparison to the previous quarter.
    compare: Vec<KeyRow>,
    /// Explanations of the comparison, under its table.
    compare_notes: Vec<String>,
    notes_before: Vec<String>,
    tables: Vec<Table>,
    notes: Vec<String>,
    charts: Vec<ChartRef>,
}

impl Section {
    /// Adds a note under the table added last.
    fn note_last_table(&mut self, note: String) {
        match self.tables.last_mut() {
            Some(table) => table.notes.push(note),
            None => self.notes.push(note),
        }
    }
}

#[derive(Debug, Serialize)]
struct Report {
    /// `quarter` or `year`
    kind: &'static str,
    key: String,
    title: String,
    period_label: String,
    issued: String,
    unfinished: Option<String>,
    privacy: String,
    sections: Vec<Section>,
    note_heading: String,
    note_html: Option<String>,
    /// `@page` rules with the running footer, already CSS-escaped.
    page_css: String,
}

/// A column of figures: one period.
struct Col {
    key: String,
    label: String,
    stats: PeriodStats,
}

/// What every report of a build shares.
struct Ctx<'a> {
    input: &'a RenderInput<'a>,
    lang: Lang,
    labels: BTreeMap<&'static str, &'static str>,
    known: Known,
}

pub fn render(input: &RenderInput, engine: &Engine) -> Result<OutputTree, Vec<Diagnostic>> {
    let lang = input.config.language;
    let ctx = Ctx {
        input,
        lang,
        labels: ui::labels(lang),
        known: Known::of(input.metrics),
    };

    // Every note's figure names must exist, whether or not its quarter
    // has a report yet: a typo should surface as soon as it is written.
    let errors: Vec<Diagnostic> = input
        .content
        .reports
        .iter()
        .flat_map(|note| ctx.unknown_figures(note))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }

    let quarters = quarters_with_data(input.metrics);
    let escalations = escalations_by_quarter(input.metrics, input.logs);
    let stats: BTreeMap<Quarter, PeriodStats> = quarters
        .iter()
        .map(|q| {
            let count = escalations.get(q).copied().unwrap_or(0);
            (*q, PeriodStats::of_key(input.metrics, &q.key(), count))
        })
        .collect();
    let notes: BTreeMap<&str, &ReportNote> = input
        .content
        .reports
        .iter()
        .map(|note| (note.period.as_str(), note))
        .collect();

    let mut tree = OutputTree::default();
    let urls = assets::publish(&input.theme.assets, "reports", &mut tree);
    let mut errors = Vec::new();
    for quarter in &quarters {
        let report = ctx.quarter_report(*quarter, &stats, notes.get(quarter.key().as_str()));
        match ctx.page(
            engine,
            "reports/report.html",
            "../",
            &urls,
            "report",
            &report,
        ) {
            Ok(html) => tree.insert(format!("reports/{}/index.html", quarter.key()), html),
            Err(problem) => errors.push(problem),
        }
    }
    let years: BTreeSet<i32> = quarters.iter().map(|q| q.year).collect();
    for year in &years {
        let report = ctx.annual_report(*year, &stats);
        match ctx.page(
            engine,
            "reports/report.html",
            "../",
            &urls,
            "report",
            &report,
        ) {
            Ok(html) => tree.insert(format!("reports/{year}/index.html"), html),
            Err(problem) => errors.push(problem),
        }
    }
    let index = ctx.index(&quarters);
    match ctx.page(engine, "reports/index.html", "./", &urls, "index", &index) {
        Ok(html) => tree.insert("reports/index.html", html),
        Err(problem) => errors.push(problem),
    }
    if errors.is_empty() {
        Ok(tree)
    } else {
        Err(errors)
    }
}

#[derive(Debug, Serialize)]
struct IndexYear {
    year: i32,
    /// `2026年` / `2026`
    label: String,
    annual_title: String,
    annual_href: String,
    quarters: Vec<IndexEntry>,
}

#[derive(Debug, Serialize)]
struct IndexEntry {
    label: String,
    title: String,
    href: String,
}

#[derive(Debug, Serialize)]
struct Index {
    years: Vec<IndexYear>,
    empty: String,
    privacy: String,
}

impl Ctx<'_> {
    fn t(&self, key: &str) -> String {
        self.labels.get(key).copied().unwrap_or(key).to_string()
    }

    /// The label of a metric path: `rpt_m_repairs_timeliness_rate`.
    fn metric_label(&self, name: &str) -> String {
        self.t(&format!("rpt_m_{}", name.replace('.', "_")))
    }

    fn page<T: Serialize>(
        &self,
        engine: &Engine,
        template: &str,
        root: &str,
        urls: &BTreeMap<String, String>,
        name: &'static str,
        value: &T,
    ) -> Result<String, Diagnostic> {
        let mut context = base_context(self.input, root);
        context.insert("style_css", &urls.get("style.css"));
        context.insert("report_css", &urls.get("report.css"));
        context.insert(name, value);
        engine.render(template, &context)
    }

    /// Errors for every placeholder of a note that names no figure.
    fn unknown_figures(&self, note: &ReportNote) -> Vec<Diagnostic> {
        let empty = PeriodStats::default();
        note.figures
            .iter()
            .filter(|figure| lookup(&empty, &figure.name, &self.known).is_none())
            .map(|figure| {
                let suggestion = self.known.suggest(&figure.name);
                let message = match figures::label_of(&figure.name) {
                    // The map exists but this label never occurs in it
                    // (or, for a survey item, its field is wrong).
                    Some((_, label))
                        if !label.is_empty()
                            && !self.known.all_names().iter().any(|known| {
                                figures::label_of(known).is_some_and(|(_, l)| l == label)
                            }) =>
                    {
                        ReportsMsg::UnknownLabel {
                            name: &figure.name,
                            label,
                            suggestion: suggestion.as_deref(),
                        }
                    }
                    _ => ReportsMsg::UnknownFigure {
                        name: &figure.name,
                        suggestion: suggestion.as_deref(),
                    },
                };
                Diagnostic::error(&note.path, Kind::UnknownFigure, message.text(self.lang))
                    .at_line(figure.line)
                    .with_value(figure.name.clone())
            })
            .collect()
    }

    fn fig(&self, key: &str, stats: &PeriodStats, name: &str) -> Fig {
        // Names used here are fixed in this file or taken from the stats
        // themselves, so they always resolve; "—" would show a slip.
        let value = lookup(stats, name, &self.known).unwrap_or(Value::Rate(None));
        Fig {
            period: key.to_string(),
            metric: name.to_string(),
            value: value.data_value(),
            text: value.text(),
            missed: misses_target(name, value, &self.input.config.targets),
        }
    }

    fn target_text(&self, name: &str) -> String {
        match target_of(name, &self.input.config.targets) {
            Some((target, upper)) => format!(
                "{} {}",
                self.t(if upper {
                    "rpt_target_max"
                } else {
                    "rpt_target_min"
                }),
                Value::Rate(Some(target)).text()
            ),
            None => String::new(),
        }
    }

    /// Rows = figures, columns = periods.
    fn figure_table(&self, caption: &str, cols: &[Col], names: &[&str], targets: bool) -> Table {
        let rows: Vec<Row> = names
            .iter()
            .map(|name| Row {
                label: self.metric_label(name),
                cells: cols
                    .iter()
                    .map(|col| self.fig(&col.key, &col.stats, name))
                    .collect(),
                target: if targets {
                    self.target_text(name)
                } else {
                    String::new()
                },
            })
            .collect();
        let targets = targets && rows.iter().any(|row| !row.target.is_empty());
        Table {
            caption: self.t(caption),
            first: self.t("rpt_h_metric"),
            head: cols.iter().map(|col| col.label.clone()).collect(),
            long: rows.len() > SHORT_TABLE_ROWS,
            rows,
            targets,
            notes: Vec::new(),
        }
    }

    /// Rows = labels of a breakdown (`by_level` ...), columns = periods.
    fn breakdown_table(
        &self,
        caption: &str,
        first: &str,
        cols: &[Col],
        rows: &[(String, String)],
    ) -> Table {
        Table {
            caption: self.t(caption),
            first: self.t(first),
            head: cols.iter().map(|col| col.label.clone()).collect(),
            long: rows.len() > SHORT_TABLE_ROWS,
            rows: rows
                .iter()
                .map(|(label, name)| Row {
                    label: label.clone(),
                    cells: cols
                        .iter()
                        .map(|col| self.fig(&col.key, &col.stats, name))
                        .collect(),
                    target: String::new(),
                })
                .collect(),
            targets: false,
            notes: Vec::new(),
        }
    }

    /// Rows = periods (months, or quarter × level), columns = figures.
    fn period_rows_table(
        &self,
        caption: &str,
        first: &str,
        head: &[&str],
        rows: Vec<(String, String, &PeriodStats, Vec<String>)>,
    ) -> Table {
        Table {
            caption: self.t(caption),
            first: self.t(first),
            head: head.iter().map(|key| self.t(key)).collect(),
            long: rows.len() > SHORT_TABLE_ROWS,
            rows: rows
                .into_iter()
                .map(|(label, key, stats, names)| Row {
                    label,
                    cells: names
                        .iter()
                        .map(|name| self.fig(&key, stats, name))
                        .collect(),
                    target: String::new(),
                })
                .collect(),
            targets: false,
            notes: Vec::new(),
        }
    }

    fn label_or_unlabelled(&self, label: &str) -> String {
        if label.is_empty() {
            self.t("rpt_unlabelled")
        } else {
            label.to_string()
        }
    }

    /// Breakdown rows of a label map (`by_category`, `by_channel`), the
    /// most frequent first, over all columns' labels.
    fn label_rows(
        &self,
        cols: &[Col],
        prefix: &str,
        labels_of: impl Fn(&PeriodStats) -> Vec<(String, u64)>,
        fixed: &[(&str, &str)],
    ) -> Vec<(String, String)> {
        let mut totals: BTreeMap<String, u64> = BTreeMap::new();
        for col in cols {
            for (label, n) in labels_of(&col.stats) {
                *totals.entry(label).or_insert(0) += n;
            }
        }
        let mut rows: Vec<(String, String)> = fixed
            .iter()
            .map(|(key, label_key)| (self.t(label_key), format!("{prefix}{key}")))
            .collect();
        let mut others: Vec<(String, u64)> = totals
            .into_iter()
            .filter(|(label, _)| !fixed.iter().any(|(key, _)| key == label))
            .collect();
        others.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows.extend(
            others
                .into_iter()
                .map(|(label, _)| (self.label_or_unlabelled(&label), format!("{prefix}{label}"))),
        );
        rows
    }

    fn charts(&self, prefix: &str, ids: &[&str]) -> Vec<ChartRef> {
        ids.iter()
            .filter_map(|id| self.input.charts.charts.get(&format!("{prefix}{id}")))
            .map(|chart| ChartRef {
                id: chart.id.clone(),
                title: chart.title.clone(),
                svg: chart.svg.clone(),
            })
            .collect()
    }

    /// Month rows of the metrics within `months`, for the logs that have them.
    fn month_rows<'s>(
        &self,
        months: &[String],
        month_stats: &'s BTreeMap<String, PeriodStats>,
        names: &[&str],
        only_surveys: bool,
    ) -> Vec<(String, String, &'s PeriodStats, Vec<String>)> {
        months
            .iter()
            .filter_map(|key| {
                let stats = month_stats.get(key)?;
                let keep = if only_surveys {
                    stats.surveys.is_some()
                } else {
                    !stats.is_empty()
                };
                keep.then(|| {
                    (
                        month_label(key, self.lang),
                        key.clone(),
                        stats,
                        names.iter().map(|n| n.to_string()).collect(),
                    )
                })
            })
            .collect()
    }

    fn month_stats(&self, months: &[String]) -> BTreeMap<String, PeriodStats> {
        months
            .iter()
            .map(|key| (key.clone(), PeriodStats::of_key(self.input.metrics, key, 0)))
            .filter(|(_, stats)| !stats.is_empty())
            .collect()
    }

    fn section(&self, number: usize, id: &str, label: &str) -> Section {
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八"];
        let prefix = match self.lang {
            Lang::ZhCn => format!("{}、", numerals.get(number).copied().unwrap_or("")),
            Lang::En => format!("{}. ", number + 1),
        };
        Section {
            id: id.to_string(),
            heading: format!("{prefix}{}", self.t(label)),
            ..Section::default()
        }
    }

    fn issued(&self) -> String {
        let date = self.input.as_of.date();
        let shown = match self.lang {
            Lang::ZhCn => date.format("%Y年%-m月%-d日").to_string(),
            Lang::En => date.format("%Y-%m-%d").to_string(),
        };
        ReportText::IssuedOn { date: &shown }.text(self.lang)
    }

    fn unfinished(&self, end: Option<chrono::NaiveDateTime>) -> Option<String> {
        let end = end?;
        (self.input.as_of < end).then(|| {
            ReportText::Unfinished {
                as_of: &crate::datetime::format_minutes(&self.input.as_of),
            }
            .text(self.lang)
        })
    }

    /// `@page` rules: A4, the estate and period in the footer with page
    /// numbers, none on the cover.
    fn page_css(&self, period_label: &str) -> String {
        let footer = css_string(&format!("{} · {period_label}", self.input.config.name));
        let numbers = match self.lang {
            Lang::ZhCn => r#""第 " counter(page) " 页，共 " counter(pages) " 页""#,
            Lang::En => r#""Page " counter(page) " of " counter(pages)"#,
        };
        format!(
            "@page {{ @bottom-left {{ content: {footer}; }} @bottom-right {{ content: {numbers}; }} }}\n\
             @page :first {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}"
        )
    }

    fn quarter_report(
        &self,
        quarter: Quarter,
        stats: &BTreeMap<Quarter, PeriodStats>,
        note: Option<&&ReportNote>,
    ) -> Report {
        let key = quarter.key();
        let current = stats.get(&quarter).cloned().unwrap_or_default();
        let previous_quarter = quarter.previous();
        let previous = stats.get(&previous_quarter);
        let first = stats.keys().next() == Some(&quarter);
        let col = Col {
            key: key.clone(),
            label: self.t("rpt_h_this_quarter"),
            stats: current.clone(),
        };
        let cols = std::slice::from_ref(&col);

        // 一、Key figures against the previous quarter.
        let mut key_section = self.section(0, "key", "rpt_s_key");
        for name in KEY_FIGURES {
            let now = self.fig(&key, &current, name);
            let before = previous.map(|p| self.fig(&previous_quarter.key(), p, name));
            let now_value = lookup(&current, name, &self.known).unwrap_or(Value::Rate(None));
            let before_value = previous
                .and_then(|p| lookup(p, name, &self.known))
                .unwrap_or(Value::Rate(None));
            let (diff, text) = if previous.is_some() {
                change(now_value, before_value, self.lang)
            } else {
                (None, "—".to_string())
            };
            key_section.compare.push(KeyRow {
                label: self.metric_label(name),
                current: now,
                previous: before,
                change: Change {
                    value: diff.map_or("null".into(), |d| format!("{d}")),
                    text,
                },
                target: self.target_text(name),
            });
        }
        if first {
            key_section
                .compare_notes
                .push(ReportText::FirstQuarter.text(self.lang));
        } else if previous.is_none() {
            key_section.compare_notes.push(
                ReportText::PreviousMissing {
                    previous: &previous_quarter.label(self.lang),
                }
                .text(self.lang),
            );
        } else {
            key_section
                .compare_notes
                .push(ReportText::NullChange.text(self.lang));
        }
        if key_section.compare.iter().any(|row| !row.target.is_empty()) {
            key_section
                .compare_notes
                .push(ReportText::Targets.text(self.lang));
        }
        let months = quarter.months();
        let month_stats = self.month_stats(&months);
        let month_rows = self.month_rows(&months, &month_stats, &MONTH_FIGURES, false);
        if !month_rows.is_empty() {
            let mut head: Vec<&str> = Vec::new();
            let labels: Vec<String> = MONTH_FIGURES
                .iter()
                .map(|n| format!("rpt_m_{}", n.replace('.', "_")))
                .collect();
            head.extend(labels.iter().map(String::as_str));
            key_section.tables.push(self.period_rows_table(
                "rpt_s_months",
                "rpt_h_month",
                &head,
                month_rows,
            ));
        }

        let prefix = format!("{key}/");
        let repairs = self.repairs_section(1, cols, &col, None, &prefix);
        let complaints = self.complaints_section(2, cols, &prefix);
        let surveys = self.surveys_section(3, cols, &col, &months, &prefix);

        let period_label = quarter.label(self.lang);
        let note_html = note.map(|note| self.note_html(note, &current, &key));
        Report {
            kind: "quarter",
            key,
            title: note.and_then(|n| n.title.clone()).unwrap_or_else(|| {
                ReportText::QuarterTitle {
                    period: &period_label,
                }
                .text(self.lang)
            }),
            issued: self.issued(),
            unfinished: self.unfinished(quarter.end()),
            privacy: ReportText::AggregatesOnly.text(self.lang),
            page_css: self.page_css(&period_label),
            period_label,
            sections: vec![key_section, repairs, complaints, surveys],
            note_heading: self.section(4, "note", "rpt_s_note").heading,
            note_html,
        }
    }

    fn repairs_section(
        &self,
        number: usize,
        cols: &[Col],
        total: &Col,
        per_quarter: Option<&[Col]>,
        chart_prefix: &str,
    ) -> Section {
        let mut section = self.section(number, "repairs", "rpt_s_repairs");
        if total.stats.repairs.is_none() {
            section
                .notes_before
                .push(ReportText::NoRepairs.text(self.lang));
        }
        section
            .tables
            .push(self.figure_table("rpt_t_repairs_main", cols, &REPAIR_MAIN, true));
        let level_label = |level: &str| self.t(&format!("rpt_level_{level}"));
        let emergency = ReportText::Emergency {
            minutes: self.input.config.standards.emergency_arrival_minutes,
        }
        .text(self.lang);
        match per_quarter {
            None => {
                // A quarter: orders and completion time per level side by side.
                let rows = REPAIR_LEVELS
                    .iter()
                    .map(|level| {
                        (
                            level_label(level),
                            total.key.clone(),
                            &total.stats,
                            vec![
                                format!("repairs.by_level.{level}"),
                                format!("repairs.completion_hours.{level}.n"),
                                format!("repairs.completion_hours.{level}.median"),
                                format!("repairs.completion_hours.{level}.p90"),
                            ],
                        )
                    })
                    .collect();
                section.tables.push(self.period_rows_table(
                    "rpt_t_repairs_level",
                    "rpt_h_level",
                    &[
                        "rpt_h_orders",
                        "rpt_h_completed_n",
                        "rpt_h_median",
                        "rpt_h_p90",
                    ],
                    rows,
                ));
                section.note_last_table(emergency);
            }
            Some(quarters) => {
                let rows: Vec<(String, String)> = REPAIR_LEVELS
                    .iter()
                    .map(|level| (level_label(level), format!("repairs.by_level.{level}")))
                    .collect();
                section.tables.push(self.breakdown_table(
                    "rpt_t_repairs_level_year",
                    "rpt_h_level",
                    cols,
                    &rows,
                ));
                section.note_last_table(emergency);
                let rows = quarters
                    .iter()
                    .filter(|q| q.stats.repairs.is_some())
                    .flat_map(|q| {
                        REPAIR_LEVELS.iter().map(move |level| {
                            (
                                format!("{} {}", q.label, level_label(level)),
                                q.key.clone(),
                                &q.stats,
                                vec![
                                    format!("repairs.completion_hours.{level}.n"),
                                    format!("repairs.completion_hours.{level}.median"),
                                    format!("repairs.completion_hours.{level}.p90"),
                                ],
                            )
                        })
                    })
                    .collect();
                section.tables.push(self.period_rows_table(
                    "rpt_t_hours_year",
                    "rpt_h_quarter",
                    &["rpt_h_completed_n", "rpt_h_median", "rpt_h_p90"],
                    rows,
                ));
                section.note_last_table(ReportText::HoursPerQuarter.text(self.lang));
            }
        }
        let rows = self.label_rows(
            cols,
            "repairs.by_category.",
            |stats| {
                stats
                    .repairs
                    .iter()
                    .flat_map(|r| r.by_category.iter().map(|(k, v)| (k.clone(), *v)))
                    .collect()
            },
            &[],
        );
        if !rows.is_empty() {
            section.tables.push(self.breakdown_table(
                "rpt_t_repairs_category",
                "rpt_h_category",
                cols,
                &rows,
            ));
        }
        section.charts = self.charts(chart_prefix, &REPAIR_CHARTS);
        section
    }

    fn complaints_section(&self, number: usize, cols: &[Col], chart_prefix: &str) -> Section {
        let mut section = self.section(number, "complaints", "rpt_s_complaints");
        if cols
            .last()
            .is_some_and(|total| total.stats.complaints.is_none())
        {
            section
                .notes_before
                .push(ReportText::NoComplaints.text(self.lang));
        }
        section.tables.push(self.figure_table(
            "rpt_t_complaints_main",
            cols,
            &COMPLAINT_MAIN,
            true,
        ));
        section.note_last_table(ReportText::Escalations.text(self.lang));
        let rows: Vec<(String, String)> = COMPLAINT_LEVELS
            .iter()
            .map(|level| {
                (
                    self.t(&format!("rpt_clevel_{level}")),
                    format!("complaints.by_level.{level}"),
                )
            })
            .collect();
        section.tables.push(self.breakdown_table(
            "rpt_t_complaints_level",
            "rpt_h_level",
            cols,
            &rows,
        ));
        let rows = self.label_rows(
            cols,
            "complaints.by_category.",
            |stats| {
                stats
                    .complaints
                    .iter()
                    .flat_map(|c| c.by_category.iter().map(|(k, v)| (k.clone(), *v)))
                    .collect()
            },
            &[],
        );
        if !rows.is_empty() {
            section.tables.push(self.breakdown_table(
                "rpt_t_complaints_category",
                "rpt_h_category",
                cols,
                &rows,
            ));
        }
        let channel_labels: Vec<(String, String)> = CHANNELS
            .iter()
            .map(|c| (c.to_string(), format!("rpt_channel_{c}")))
            .collect();
        let fixed: Vec<(&str, &str)> = channel_labels
            .iter()
            .map(|(k, l)| (k.as_str(), l.as_str()))
            .collect();
        let rows = self.label_rows(
            cols,
            "complaints.by_channel.",
            |stats| {
                stats
                    .complaints
                    .iter()
                    .flat_map(|c| c.by_channel.iter().map(|(k, v)| (k.clone(), *v)))
                    .collect()
            },
            &fixed,
        );
        section.tables.push(self.breakdown_table(
            "rpt_t_complaints_channel",
            "rpt_h_channel",
            cols,
            &rows,
        ));
        section.charts = self.charts(chart_prefix, &COMPLAINT_CHARTS);
        section
    }

    fn surveys_section(
        &self,
        number: usize,
        cols: &[Col],
        total: &Col,
        months: &[String],
        chart_prefix: &str,
    ) -> Section {
        let mut section = self.section(number, "surveys", "rpt_s_surveys");
        if total.stats.surveys.is_none() {
            section
                .notes_before
                .push(ReportText::NoSurveys.text(self.lang));
        }
        section
            .tables
            .push(self.figure_table("rpt_t_surveys_main", cols, &SURVEY_MAIN, true));
        section.note_last_table(
            ReportText::ResponseRate {
                households: self.input.config.households,
            }
            .text(self.lang),
        );
        let month_stats = self.month_stats(months);
        let names = [
            "surveys.responses",
            "surveys.satisfied",
            "surveys.satisfaction_rate",
            "surveys.overall_mean",
        ];
        let rows = self.month_rows(months, &month_stats, &names, true);
        if !rows.is_empty() {
            section.tables.push(self.period_rows_table(
                "rpt_t_surveys_month",
                "rpt_h_month",
                &[
                    "rpt_h_responses",
                    "rpt_h_satisfied",
                    "rpt_h_rate",
                    "rpt_h_mean",
                ],
                rows,
            ));
        }
        if let Some(surveys) = &total.stats.surveys
            && !surveys.dimensions.is_empty()
        {
            let rows = surveys
                .dimensions
                .keys()
                .map(|dimension| {
                    (
                        dimension.clone(),
                        total.key.clone(),
                        &total.stats,
                        ["answered", "satisfied", "rate", "mean"]
                            .iter()
                            .map(|field| format!("surveys.dimensions.{dimension}.{field}"))
                            .collect(),
                    )
                })
                .collect();
            section.tables.push(self.period_rows_table(
                "rpt_t_surveys_dimension",
                "rpt_h_dimension",
                &[
                    "rpt_h_answered",
                    "rpt_h_satisfied",
                    "rpt_h_rate",
                    "rpt_h_mean",
                ],
                rows,
            ));
        }
        section.charts = self.charts(chart_prefix, &SURVEY_CHARTS);
        section
    }

    fn annual_report(&self, year: i32, stats: &BTreeMap<Quarter, PeriodStats>) -> Report {
        let quarters: Vec<Col> = stats
            .iter()
            .filter(|(q, _)| q.year == year)
            .map(|(q, s)| Col {
                key: q.key(),
                label: q.short_label(self.lang),
                stats: s.clone(),
            })
            .collect();
        let parts: Vec<&PeriodStats> = quarters.iter().map(|c| &c.stats).collect();
        let total = Col {
            key: year.to_string(),
            label: self.t("rpt_h_year"),
            stats: PeriodStats::year(&parts, self.input.config),
        };
        let mut cols: Vec<Col> = quarters
            .iter()
            .map(|c| Col {
                key: c.key.clone(),
                label: c.label.clone(),
                stats: c.stats.clone(),
            })
            .collect();
        cols.push(Col {
            key: total.key.clone(),
            label: total.label.clone(),
            stats: total.stats.clone(),
        });

        let mut key_section = self.section(0, "key", "rpt_s_key");
        key_section
            .tables
            .push(self.figure_table("rpt_s_key", &cols, &KEY_FIGURES, true));
        key_section.note_last_table(ReportText::AnnualMethod.text(self.lang));
        if key_section.tables.iter().any(|t| t.targets) {
            key_section.note_last_table(ReportText::Targets.text(self.lang));
        }
        let months: Vec<String> = (1..=12).map(|m| format!("{year}-{m:02}")).collect();
        let month_stats = self.month_stats(&months);
        let rows = self.month_rows(&months, &month_stats, &MONTH_FIGURES, false);
        if !rows.is_empty() {
            let labels: Vec<String> = MONTH_FIGURES
                .iter()
                .map(|n| format!("rpt_m_{}", n.replace('.', "_")))
                .collect();
            let head: Vec<&str> = labels.iter().map(String::as_str).collect();
            key_section.tables.push(self.period_rows_table(
                "rpt_s_months",
                "rpt_h_month",
                &head,
                rows,
            ));
        }

        // Per-quarter charts exist; for a year, the whole-range charts
        // (no prefix) give the context.
        let repairs = self.repairs_section(1, &cols, &total, Some(&quarters), "");
        let complaints = self.complaints_section(2, &cols, "");
        let surveys = self.surveys_section(3, &cols, &total, &months, "");
        let mut sections = vec![key_section, repairs, complaints, surveys];
        if sections.iter().any(|s| !s.charts.is_empty()) {
            for section in sections.iter_mut().filter(|s| !s.charts.is_empty()) {
                section
                    .notes
                    .push(ReportText::WholeRangeCharts.text(self.lang));
            }
        }
        let period_label = match self.lang {
            Lang::ZhCn => format!("{year}年度"),
            Lang::En => format!("Year {year}"),
        };
        let end =
            chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
        Report {
            kind: "year",
            key: year.to_string(),
            title: ReportText::AnnualTitle { year }.text(self.lang),
            issued: self.issued(),
            unfinished: self.unfinished(end),
            privacy: ReportText::AggregatesOnly.text(self.lang),
            page_css: self.page_css(&period_label),
            period_label,
            sections,
            note_heading: String::new(),
            note_html: None,
        }
    }

    /// The manager's note as HTML, each `{{ name }}` replaced by the
    /// figure in a marked span. Placeholders become private-use tokens
    /// before Markdown is rendered (so the sanitizer keeps nothing it
    /// should not and the figures cannot be mangled), then the tokens
    /// become the spans.
    fn note_html(&self, note: &ReportNote, stats: &PeriodStats, key: &str) -> String {
        let mut source = String::with_capacity(note.body.len());
        let mut spans = Vec::new();
        let mut last = 0;
        for (index, figure) in note.figures.iter().enumerate() {
            let (Some(before), true) = (
                note.body.get(last..figure.start),
                figure.end <= note.body.len(),
            ) else {
                continue;
            };
            source.push_str(before);
            source.push_str(&token(index));
            last = figure.end;
            let fig = self.fig(key, stats, &figure.name);
            spans.push(format!(
                "<span class=\"rpt-figure{}\" data-period=\"{}\" data-metric=\"{}\" data-value=\"{}\">{}</span>",
                if fig.missed { " missed" } else { "" },
                escape_html(&fig.period),
                escape_html(&fig.metric),
                escape_html(&fig.value),
                escape_html(&fig.text),
            ));
        }
        source.push_str(note.body.get(last..).unwrap_or_default());
        let mut html = markdown::render(
            &source,
            RenderOptions {
                trust_html: self.input.config.site.trust_html,
            },
        )
        .html;
        for (index, span) in spans.iter().enumerate() {
            html = html.replace(&token(index), span);
        }
        html
    }

    fn index(&self, quarters: &BTreeSet<Quarter>) -> Index {
        let years: BTreeSet<i32> = quarters.iter().map(|q| q.year).collect();
        Index {
            years: years
                .iter()
                .rev()
                .map(|year| IndexYear {
                    year: *year,
                    label: match self.lang {
                        Lang::ZhCn => format!("{year}年"),
                        Lang::En => year.to_string(),
                    },
                    annual_title: ReportText::AnnualTitle { year: *year }.text(self.lang),
                    annual_href: format!("{year}/index.html"),
                    quarters: quarters
                        .iter()
                        .rev()
                        .filter(|q| q.year == *year)
                        .map(|q| IndexEntry {
                            label: q.short_label(self.lang),
                            title: self.quarter_title(*q),
                            href: format!("{}/index.html", q.key()),
                        })
                        .collect(),
                })
                .collect(),
            empty: ReportText::NoReports.text(self.lang),
            privacy: ReportText::AggregatesOnly.text(self.lang),
        }
    }

    fn quarter_title(&self, quarter: Quarter) -> String {
        self.input
            .content
            .reports
            .iter()
            .find(|note| note.period == quarter.key())
            .and_then(|note| note.title.clone())
            .unwrap_or_else(|| {
                ReportText::QuarterTitle {
                    period: &quarter.label(self.lang),
                }
                .text(self.lang)
            })
    }
}

/// A placeholder token that Markdown and the sanitizer leave alone.
fn token(index: usize) -> String {
    format!("\u{E000}{index}\u{E001}")
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A CSS string literal that cannot end the string or the `<style>`.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_escape_the_style_element() {
        assert_eq!(css_string("翠湖苑"), "\"翠湖苑\"");
        let hostile = css_string("a\"</style><script>");
        assert!(!hostile.contains("</style"));
        assert!(!hostile[1..hostile.len() - 1].contains('"'));
    }

    #[test]
    fn html_is_escaped_in_note_spans() {
        assert_eq!(escape_html("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
    }
}
