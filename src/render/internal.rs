//! Renders the `internal` output folder: the manager's report with the
//! monthly work statistics sheet (月度工作统计表), the escalation findings
//! and overdue lists with the records' details, and the data-quality
//! warnings. This is the only output where rooms, names, phones and free
//! text appear; every value goes through the template's HTML escaping.

use super::{Engine, RenderInput, assets, base_context};
use crate::config::Targets;
use crate::data::{ComplaintLevel, RepairLevel};
use crate::datetime::format_minutes;
use crate::diagnostics::Diagnostic;
use crate::messages::Lang;
use crate::messages::metrics::{MetricsLabel as L, MetricsMsg};
use crate::metrics::findings::{self, APPROACHING_MAJOR_DAYS};
use crate::metrics::format::{fixed, percent};
use crate::metrics::{ComplaintStats, PeriodKind, RepairStats, SurveyStats};
use crate::output::OutputTree;
use chrono::TimeDelta;
use serde::Serialize;
use std::collections::BTreeSet;

pub const TEMPLATE: &str = "internal/index.html";

/// One line of a statistics table.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SheetRow {
    pub label: String,
    pub value: String,
    /// The counts behind a rate, e.g. `26 / 27`; empty for counts.
    pub counts: String,
    /// The configured target, e.g. `≥ 95.0%`; empty when none.
    pub target: String,
    /// The figure misses its target (below it; above it for rework).
    pub missed: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SheetSection {
    pub title: String,
    /// Empty when the log has no record in this month.
    pub rows: Vec<SheetRow>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MonthSheet {
    pub key: String,
    pub sections: Vec<SheetSection>,
    /// How many figures miss their target this month.
    pub missed: usize,
}

#[derive(Debug, Clone, Serialize)]
struct EscalationRow {
    id: String,
    received: String,
    room: String,
    contact: String,
    phone: String,
    category: String,
    level: String,
    ours: String,
    resolved: String,
    open_days: String,
    reasons: String,
    repeats: u64,
    summary: String,
}

#[derive(Debug, Clone, Serialize)]
struct OverdueRepairRow {
    id: String,
    level: String,
    category: String,
    reported: String,
    deadline: String,
    arrived: String,
    overdue: String,
    room: String,
    contact: String,
    phone: String,
    note: String,
}

#[derive(Debug, Clone, Serialize)]
struct OverdueComplaintRow {
    id: String,
    received: String,
    last_day: String,
    category: String,
    level: String,
    room: String,
    contact: String,
    phone: String,
    summary: String,
    handler: String,
}

#[derive(Debug, Clone, Serialize)]
struct ApproachingRow {
    id: String,
    received: String,
    threshold_at: String,
    remaining_days: String,
    category: String,
    level: String,
    room: String,
    contact: String,
    phone: String,
    summary: String,
}

#[derive(Debug, Clone, Serialize)]
struct WarningRow {
    file: String,
    line: String,
    column: String,
    value: String,
    message: String,
}

pub fn render(input: &RenderInput, engine: &Engine) -> Result<OutputTree, Vec<Diagnostic>> {
    let mut tree = OutputTree::default();
    let lang = input.config.language;
    let standards = &input.config.standards;
    let urls = assets::publish(&input.theme.assets, "internal", &mut tree);
    let found = findings::findings(input.logs, input.config, input.as_of);

    let mut context = base_context(input, "");
    context.insert("assets", &urls);
    context.insert("months", &month_sheets(input, lang));
    context.insert(
        "escalation_rule",
        &MetricsMsg::EscalationRule {
            major_days: standards.major_unresolved_days,
            window_days: standards.repeat_window_days,
            threshold: standards.repeat_threshold,
        }
        .text(lang),
    );
    context.insert(
        "approaching_rule",
        &MetricsMsg::ApproachingRule {
            major_days: standards.major_unresolved_days,
            warn_days: APPROACHING_MAJOR_DAYS,
        }
        .text(lang),
    );
    context.insert(
        "complaint_limit_rule",
        &MetricsMsg::ComplaintLimitRule {
            working_days: standards.complaint_resolve_working_days,
        }
        .text(lang),
    );
    context.insert("escalations", &escalation_rows(&found, lang));
    context.insert("overdue_repairs", &overdue_repair_rows(&found, lang));
    context.insert("overdue_complaints", &overdue_complaint_rows(&found, lang));
    context.insert("approaching", &approaching_rows(&found, lang));
    context.insert("warnings", &warning_rows(input.warnings));

    let html = engine
        .render(TEMPLATE, &context)
        .map_err(|problem| vec![problem])?;
    tree.insert("internal/index.html", html);
    Ok(tree)
}

/// Days with one decimal, e.g. `31.5`.
fn days(delta: TimeDelta) -> String {
    fixed(Some(delta.num_seconds() as f64 / 86_400.0), 1)
}

/// Hours with one decimal, e.g. `26.0`.
fn hours(delta: TimeDelta) -> String {
    fixed(Some(delta.num_seconds() as f64 / 3_600.0), 1)
}

fn complaint_level(level: Option<ComplaintLevel>, lang: Lang) -> String {
    L::complaint_level(level.map(ComplaintLevel::key), lang).to_string()
}

fn yes_no(value: Option<bool>, lang: Lang) -> String {
    match value {
        Some(true) => L::Yes,
        Some(false) => L::No,
        None => L::NotRecorded,
    }
    .text(lang)
    .to_string()
}

fn escalation_rows(found: &findings::Findings, lang: Lang) -> Vec<EscalationRow> {
    found
        .escalations
        .iter()
        .map(|f| {
            let c = &f.complaint;
            EscalationRow {
                id: c.id.clone(),
                received: format_minutes(&c.received_at),
                room: c.room.expose_for_internal_report().clone(),
                contact: c.contact.expose_for_internal_report().clone(),
                phone: c.phone.expose_for_internal_report().clone(),
                category: c.category.clone(),
                level: complaint_level(c.level, lang),
                ours: yes_no(c.ours, lang),
                resolved: f
                    .resolved_at
                    .map(|t| format_minutes(&t))
                    .unwrap_or_default(),
                open_days: days(f.open_for),
                reasons: f.reasons.join(", "),
                repeats: f.repeats,
                summary: c.summary.expose_for_internal_report().clone(),
            }
        })
        .collect()
}

fn overdue_repair_rows(found: &findings::Findings, lang: Lang) -> Vec<OverdueRepairRow> {
    found
        .overdue_repairs
        .iter()
        .map(|o| {
            let r = &o.repair;
            OverdueRepairRow {
                id: r.id.clone(),
                level: L::repair_level(r.level.key(), lang).to_string(),
                category: r.category.clone(),
                reported: format_minutes(&r.reported_at),
                deadline: o.deadline.map(|t| format_minutes(&t)).unwrap_or_default(),
                arrived: if r.level == RepairLevel::Emergency {
                    o.arrived_at.map(|t| format_minutes(&t)).unwrap_or_default()
                } else {
                    String::new()
                },
                overdue: hours(o.overdue_by),
                room: r.room.expose_for_internal_report().clone(),
                contact: r.contact.expose_for_internal_report().clone(),
                phone: r.phone.expose_for_internal_report().clone(),
                note: r.note.expose_for_internal_report().clone(),
            }
        })
        .collect()
}

fn overdue_complaint_rows(found: &findings::Findings, lang: Lang) -> Vec<OverdueComplaintRow> {
    found
        .overdue_complaints
        .iter()
        .map(|o| {
            let c = &o.complaint;
            OverdueComplaintRow {
                id: c.id.clone(),
                received: format_minutes(&c.received_at),
                last_day: o.last_allowed_day.format("%Y-%m-%d").to_string(),
                category: c.category.clone(),
                level: complaint_level(c.level, lang),
                room: c.room.expose_for_internal_report().clone(),
                contact: c.contact.expose_for_internal_report().clone(),
                phone: c.phone.expose_for_internal_report().clone(),
                summary: c.summary.expose_for_internal_report().clone(),
                handler: c.handler.clone(),
            }
        })
        .collect()
}

fn approaching_rows(found: &findings::Findings, lang: Lang) -> Vec<ApproachingRow> {
    found
        .approaching_major
        .iter()
        .map(|a| {
            let c = &a.complaint;
            ApproachingRow {
                id: c.id.clone(),
                received: format_minutes(&c.received_at),
                threshold_at: a
                    .threshold_at
                    .map(|t| format_minutes(&t))
                    .unwrap_or_default(),
                remaining_days: days(a.remaining),
                category: c.category.clone(),
                level: complaint_level(c.level, lang),
                room: c.room.expose_for_internal_report().clone(),
                contact: c.contact.expose_for_internal_report().clone(),
                phone: c.phone.expose_for_internal_report().clone(),
                summary: c.summary.expose_for_internal_report().clone(),
            }
        })
        .collect()
}

fn warning_rows(warnings: &[Diagnostic]) -> Vec<WarningRow> {
    warnings
        .iter()
        .map(|d| WarningRow {
            file: d.file.clone(),
            line: d.line.map(|n| n.to_string()).unwrap_or_default(),
            column: d.column.clone().unwrap_or_default(),
            value: d.value.clone().unwrap_or_default(),
            message: d.message.clone(),
        })
        .collect()
}

/// The statistics sheet of every month with data, newest first.
pub fn month_sheets(input: &RenderInput, lang: Lang) -> Vec<MonthSheet> {
    let metrics = input.metrics;
    let targets = &input.config.targets;
    let months: BTreeSet<&String> = metrics
        .repairs
        .keys()
        .chain(metrics.complaints.keys())
        .chain(metrics.surveys.keys())
        .filter(|key| PeriodKind::of_key(key) == PeriodKind::Month)
        .collect();
    months
        .into_iter()
        .rev()
        .map(|key| {
            let sections = vec![
                SheetSection {
                    title: L::Repairs.text(lang).to_string(),
                    rows: metrics
                        .repairs
                        .get(key)
                        .map(|r| repair_rows(r, targets, lang))
                        .unwrap_or_default(),
                },
                SheetSection {
                    title: L::Complaints.text(lang).to_string(),
                    rows: metrics
                        .complaints
                        .get(key)
                        .map(|c| complaint_rows(c, targets, lang))
                        .unwrap_or_default(),
                },
                SheetSection {
                    title: L::Surveys.text(lang).to_string(),
                    rows: metrics
                        .surveys
                        .get(key)
                        .map(|s| survey_rows(s, input.logs.survey_dimensions(), targets, lang))
                        .unwrap_or_default(),
                },
            ];
            let missed = sections
                .iter()
                .flat_map(|s| &s.rows)
                .filter(|row| row.missed)
                .count();
            MonthSheet {
                key: key.clone(),
                sections,
                missed,
            }
        })
        .collect()
}

fn count_row(label: L, n: u64, lang: Lang) -> SheetRow {
    SheetRow {
        label: label.text(lang).to_string(),
        value: n.to_string(),
        counts: String::new(),
        target: String::new(),
        missed: false,
    }
}

/// Whether a target is a floor (most rates) or a ceiling (rework rate).
#[derive(Clone, Copy)]
enum Bound {
    AtLeast,
    AtMost,
}

fn rate_row(
    label: L,
    rate: Option<f64>,
    part: u64,
    whole: u64,
    target: Option<f64>,
    bound: Bound,
    lang: Lang,
) -> SheetRow {
    let missed = match (rate, target, bound) {
        (Some(rate), Some(target), Bound::AtLeast) => rate < target,
        (Some(rate), Some(target), Bound::AtMost) => rate > target,
        _ => false,
    };
    let target = target
        .map(|t| {
            let sign = match bound {
                Bound::AtLeast => MetricsMsg::AtLeast,
                Bound::AtMost => MetricsMsg::AtMost,
            };
            format!("{} {}", sign.text(lang), percent(Some(t)))
        })
        .unwrap_or_default();
    SheetRow {
        label: label.text(lang).to_string(),
        value: percent(rate),
        counts: format!("{part} / {whole}"),
        target,
        missed,
    }
}

fn text_row(label: String, value: String) -> SheetRow {
    SheetRow {
        label,
        value,
        counts: String::new(),
        target: String::new(),
        missed: false,
    }
}

fn repair_rows(r: &RepairStats, targets: &Targets, lang: Lang) -> Vec<SheetRow> {
    let by_level = RepairLevel::ALL
        .iter()
        .map(|level| {
            format!(
                "{} {}",
                L::repair_level(level.key(), lang),
                r.by_level.get(level.key()).copied().unwrap_or(0)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let hours = |pick: fn(&crate::metrics::Spread) -> Option<f64>| {
        RepairLevel::ALL
            .iter()
            .map(|level| {
                let value = r.completion_hours.get(level.key()).and_then(pick);
                format!("{} {}", L::repair_level(level.key(), lang), fixed(value, 1))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    vec![
        count_row(L::Orders, r.orders, lang),
        text_row(L::ByLevel.text(lang).to_string(), by_level),
        count_row(L::Completed, r.completed, lang),
        count_row(L::Open, r.open, lang),
        count_row(L::Due, r.due, lang),
        count_row(L::Timely, r.timely, lang),
        rate_row(
            L::TimelinessRate,
            r.timeliness_rate,
            r.timely,
            r.due,
            targets.timeliness_rate,
            Bound::AtLeast,
            lang,
        ),
        rate_row(
            L::PassRate,
            r.pass_rate,
            r.passed,
            r.inspected,
            targets.pass_rate,
            Bound::AtLeast,
            lang,
        ),
        count_row(
            L::NotInspected,
            r.completed.saturating_sub(r.inspected),
            lang,
        ),
        rate_row(
            L::ReworkRate,
            r.rework_rate,
            r.rework,
            r.orders,
            targets.rework_rate,
            Bound::AtMost,
            lang,
        ),
        rate_row(
            L::DispatchCompliance,
            r.dispatch_compliance,
            r.dispatched_in_time,
            r.dispatched,
            targets.dispatch_compliance,
            Bound::AtLeast,
            lang,
        ),
        text_row(L::MedianHours.text(lang).to_string(), hours(|s| s.median)),
        text_row(L::P90Hours.text(lang).to_string(), hours(|s| s.p90)),
    ]
}

fn complaint_rows(c: &ComplaintStats, targets: &Targets, lang: Lang) -> Vec<SheetRow> {
    let by_level = ["major", "important", "minor", crate::metrics::UNCLASSIFIED]
        .iter()
        .map(|key| {
            format!(
                "{} {}",
                L::complaint_level(Some(key), lang),
                c.by_level.get(*key).copied().unwrap_or(0)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    vec![
        count_row(L::Received, c.received, lang),
        text_row(L::ByLevel.text(lang).to_string(), by_level),
        rate_row(
            L::ResolutionRate,
            c.resolution_rate,
            c.resolved,
            c.received,
            targets.resolution_rate,
            Bound::AtLeast,
            lang,
        ),
        rate_row(
            L::OnTimeRate,
            c.on_time_rate,
            c.on_time,
            c.due,
            targets.on_time_rate,
            Bound::AtLeast,
            lang,
        ),
        rate_row(
            L::CallbackRate,
            c.callback_rate,
            c.callbacks,
            c.resolved,
            targets.callback_rate,
            Bound::AtLeast,
            lang,
        ),
        rate_row(
            L::CallbackSatisfaction,
            c.callback_satisfaction,
            c.callback_satisfied,
            c.callback_results,
            targets.callback_satisfaction,
            Bound::AtLeast,
            lang,
        ),
    ]
}

fn survey_rows(s: &SurveyStats, order: &[String], targets: &Targets, lang: Lang) -> Vec<SheetRow> {
    let mut rows = vec![
        count_row(L::Responses, s.responses, lang),
        rate_row(
            L::SatisfactionRate,
            s.satisfaction_rate,
            s.satisfied,
            s.responses,
            targets.satisfaction_rate,
            Bound::AtLeast,
            lang,
        ),
        text_row(
            L::OverallMean.text(lang).to_string(),
            fixed(s.overall_mean, 2),
        ),
        text_row(
            L::ResponseRate.text(lang).to_string(),
            percent(s.response_rate),
        ),
    ];
    // In the order of the survey header, as staff know the form.
    let named = order
        .iter()
        .filter_map(|name| s.dimensions.get(name).map(|d| (name, d)));
    for (name, d) in named {
        rows.push(SheetRow {
            label: format!("{name} · {}", L::SatisfactionRate.text(lang)),
            value: percent(d.rate),
            counts: format!("{} / {}", d.satisfied, d.answered),
            target: String::new(),
            missed: false,
        });
        rows.push(text_row(
            format!("{name} · {}", L::MeanScore.text(lang)),
            fixed(d.mean, 2),
        ));
    }
    rows
}
