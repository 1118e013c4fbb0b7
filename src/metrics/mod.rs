//! Stage 4: compute every figure of the data contract from the logs.
//!
//! [`compute`] gives the public [`Metrics`] (aggregates only, the JSON of
//! `metrics-json.md`); [`findings`] gives the record-level lists that only
//! the internal staff report shows. Both read the logs as they stood at
//! `as_of` ([`snapshot`]). The readings of the contract are written down
//! in `docs/METRICS.md`.

pub mod calendar;
pub mod escalation;
pub mod findings;
pub mod format;
pub mod model;
pub mod snapshot;
pub mod stats;

pub use findings::{Findings, findings};
pub use model::*;

use crate::config::{Config, Standards};
use crate::data::{ComplaintLevel, Logs, RepairLevel, Survey, SurveyLog};
use chrono::NaiveDateTime;
use snapshot::{ComplaintView, RepairView};
use std::collections::BTreeMap;

/// Computes all metrics as the logs stood at `as_of`.
pub fn compute(logs: &Logs, config: &Config, as_of: NaiveDateTime) -> Metrics {
    let standards = &config.standards;

    let mut repairs: BTreeMap<String, Vec<RepairView>> = BTreeMap::new();
    for view in snapshot::repairs(logs, as_of) {
        for key in snapshot::period_keys(&view.record.reported_at) {
            repairs.entry(key).or_default().push(view);
        }
    }

    let complaint_views = snapshot::complaints(logs, standards, as_of);
    let mut complaints: BTreeMap<String, Vec<ComplaintView>> = BTreeMap::new();
    for view in &complaint_views {
        for key in snapshot::period_keys(&view.record.received_at) {
            complaints.entry(key).or_default().push(*view);
        }
    }

    let mut surveys: BTreeMap<String, Vec<&Survey>> = BTreeMap::new();
    for survey in snapshot::surveys(logs, as_of) {
        for key in snapshot::period_keys(&survey.date) {
            surveys.entry(key).or_default().push(survey);
        }
    }

    Metrics {
        as_of: crate::datetime::format_minutes(&as_of),
        repairs: repairs
            .into_iter()
            .map(|(key, views)| (key, repair_stats(&views, standards, as_of)))
            .collect(),
        complaints: complaints
            .into_iter()
            .map(|(key, views)| (key, complaint_stats(&views, as_of)))
            .collect(),
        surveys: surveys
            .into_iter()
            .map(|(key, responses)| {
                (
                    key,
                    survey_stats(&responses, &logs.surveys, config.households, standards),
                )
            })
            .collect(),
        escalations: escalation::find(&complaint_views, standards, as_of)
            .iter()
            .map(|hit| Escalation {
                id: hit.view.record.id.clone(),
                reasons: hit.reasons().into_iter().map(String::from).collect(),
                level: hit.view.record.level,
            })
            .collect(),
    }
}

/// The figures of one period's repair orders.
fn repair_stats(views: &[RepairView], standards: &Standards, as_of: NaiveDateTime) -> RepairStats {
    let mut stats = RepairStats {
        by_level: RepairLevel::ALL
            .iter()
            .map(|level| (level.key().to_string(), 0))
            .collect(),
        ..RepairStats::default()
    };
    let mut hours: BTreeMap<&str, Vec<f64>> = RepairLevel::ALL
        .iter()
        .map(|level| (level.key(), Vec::new()))
        .collect();
    for view in views {
        let record = view.record;
        stats.orders += 1;
        *stats
            .by_level
            .entry(record.level.key().to_string())
            .or_default() += 1;
        *stats
            .by_category
            .entry(record.category.trim().to_string())
            .or_default() += 1;
        if view.is_completed() {
            stats.completed += 1;
            if let Some(passed) = record.passed {
                stats.inspected += 1;
                stats.passed += u64::from(passed);
            }
        } else {
            stats.open += 1;
        }
        if view.is_due(standards, as_of) {
            stats.due += 1;
            stats.timely += u64::from(view.met_deadline(standards));
        }
        if view.is_rework() {
            stats.rework += 1;
        }
        if let Some(in_time) = view.dispatched_in_time(standards) {
            stats.dispatched += 1;
            stats.dispatched_in_time += u64::from(in_time);
        }
        if let Some(h) = view.completion_hours() {
            hours.entry(record.level.key()).or_default().push(h);
        }
    }
    stats.timeliness_rate = stats::ratio(stats.timely, stats.due);
    stats.pass_rate = stats::ratio(stats.passed, stats.inspected);
    stats.rework_rate = stats::ratio(stats.rework, stats.orders);
    stats.dispatch_compliance = stats::ratio(stats.dispatched_in_time, stats.dispatched);
    stats.completion_hours = hours
        .into_iter()
        .map(|(level, values)| {
            (
                level.to_string(),
                Spread {
                    n: values.len() as u64,
                    median: stats::median(&values),
                    p90: stats::p90(&values),
                },
            )
        })
        .collect();
    stats
}

/// The figures of one period's complaints.
fn complaint_stats(views: &[ComplaintView], as_of: NaiveDateTime) -> ComplaintStats {
    let mut stats = ComplaintStats {
        by_level: ComplaintLevel::ALL
            .iter()
            .map(|level| level.key())
            .chain([UNCLASSIFIED])
            .map(|key| (key.to_string(), 0))
            .collect(),
        ..ComplaintStats::default()
    };
    for view in views {
        let record = view.record;
        stats.received += 1;
        let level = record.level.map_or(UNCLASSIFIED, ComplaintLevel::key);
        *stats.by_level.entry(level.to_string()).or_default() += 1;
        *stats
            .by_category
            .entry(record.category.trim().to_string())
            .or_default() += 1;
        *stats
            .by_channel
            .entry(record.channel.key().to_string())
            .or_default() += 1;
        if view.is_resolved() {
            stats.resolved += 1;
            stats.callbacks += u64::from(view.callback_at.is_some());
        }
        if view.is_due(as_of) {
            stats.due += 1;
            stats.on_time += u64::from(view.on_time());
        }
        if let Some(satisfied) = view.callback_satisfied {
            stats.callback_results += 1;
            stats.callback_satisfied += u64::from(satisfied);
        }
    }
    stats.resolution_rate = stats::ratio(stats.resolved, stats.received);
    stats.on_time_rate = stats::ratio(stats.on_time, stats.due);
    stats.callback_rate = stats::ratio(stats.callbacks, stats.resolved);
    stats.callback_satisfaction = stats::ratio(stats.callback_satisfied, stats.callback_results);
    stats
}

/// The `by_level` key of a complaint with no level.
pub const UNCLASSIFIED: &str = "unclassified";

/// The figures of one period's survey responses.
fn survey_stats(
    responses: &[&Survey],
    log: &SurveyLog,
    households: Option<u32>,
    standards: &Standards,
) -> SurveyStats {
    let min = standards.satisfied_min;
    let overall: Vec<f64> = responses.iter().map(|s| s.overall).collect();
    let satisfied = overall.iter().filter(|score| **score >= min).count() as u64;
    let count = responses.len() as u64;
    let dimensions = log
        .dimensions
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let scores: Vec<f64> = responses
                .iter()
                .filter_map(|s| s.scores.get(index).copied().flatten())
                .collect();
            let answered = scores.len() as u64;
            let satisfied = scores.iter().filter(|score| **score >= min).count() as u64;
            (
                name.clone(),
                DimensionStats {
                    answered,
                    satisfied,
                    rate: stats::ratio(satisfied, answered),
                    mean: stats::mean(&scores),
                },
            )
        })
        .collect();
    SurveyStats {
        responses: count,
        satisfied,
        satisfaction_rate: stats::ratio(satisfied, count),
        overall_mean: stats::mean(&overall),
        response_rate: households.and_then(|h| stats::ratio(count, u64::from(h))),
        dimensions,
    }
}

/// The number of escalation findings whose complaint was received in
/// `period` (a month or quarter key): `{{ escalations.count }}` of a
/// report. Ids that are not in the logs are not counted.
pub fn escalations_received_in(metrics: &Metrics, logs: &Logs, period: &str) -> u64 {
    let received: BTreeMap<&str, NaiveDateTime> = logs
        .complaints
        .iter()
        .map(|c| (c.id.as_str(), c.received_at))
        .collect();
    metrics
        .escalations
        .iter()
        .filter_map(|e| received.get(e.id.as_str()))
        .filter(|t| snapshot::period_keys(t).iter().any(|key| key == period))
        .count() as u64
}
