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
use crate::data::compact::{self, CompactLogs, SurveyRows};
use crate::data::{ComplaintLevel, LogSource, RepairLevel};
use chrono::NaiveDateTime;
use snapshot::{ComplaintView, Limits, RepairView};
use std::collections::BTreeMap;

/// Computes all metrics as the logs stood at `as_of`.
pub fn compute<L: LogSource + ?Sized>(logs: &L, config: &Config, as_of: NaiveDateTime) -> Metrics {
    compute_compact(&logs.compact(), config, as_of)
}

/// The counts of one period's repair orders, filled row by row.
#[derive(Default)]
struct RepairAcc {
    stats: RepairStats,
    by_level: [u64; 3],
    /// By category number.
    by_category: Vec<u64>,
    /// Completion hours by level.
    hours: [Vec<f64>; 3],
}

/// The counts of one period's complaints.
#[derive(Default)]
struct ComplaintAcc {
    stats: ComplaintStats,
    /// major, important, minor, unclassified.
    by_level: [u64; 4],
    by_category: Vec<u64>,
    by_channel: Vec<u64>,
}

/// The sums of one period's survey responses, in file order.
struct SurveyAcc {
    responses: u64,
    satisfied: u64,
    overall_sum: f64,
    /// Per dimension: answered, satisfied, sum.
    dimensions: Vec<(u64, u64, f64)>,
}

fn level_index(level: RepairLevel) -> usize {
    match level {
        RepairLevel::Minor => 0,
        RepairLevel::Medium => 1,
        RepairLevel::Emergency => 2,
    }
}

fn count(counts: &mut Vec<u64>, i: u32) {
    let i = i as usize;
    if counts.len() <= i {
        counts.resize(i + 1, 0);
    }
    counts[i] += 1;
}

/// Both period accumulators (month, quarter) a record of month number
/// `month` adds to. Consecutive rows are usually in the same month, so the
/// last pair is remembered.
struct Periods<T> {
    months: BTreeMap<i64, T>,
    quarters: BTreeMap<i64, T>,
}

impl<T> Periods<T> {
    fn new() -> Self {
        Periods {
            months: BTreeMap::new(),
            quarters: BTreeMap::new(),
        }
    }

    fn both(&mut self, month: i64, new: impl Fn() -> T) -> [&mut T; 2] {
        // A quarter is numbered by its first month.
        let quarter = month - month.rem_euclid(3);
        let m = self.months.entry(month).or_insert_with(&new);
        let q = self.quarters.entry(quarter).or_insert_with(&new);
        [m, q]
    }

    /// By key string: months (`2026-03`) and quarters (`2026Q1`) side by
    /// side, as `BTreeMap<String, _>` orders them.
    fn into_keyed<U>(self, mut finish: impl FnMut(T) -> U) -> BTreeMap<String, U> {
        let mut out = BTreeMap::new();
        for (n, acc) in self.months {
            out.insert(snapshot::month_number_key(n), finish(acc));
        }
        for (n, acc) in self.quarters {
            out.insert(snapshot::quarter_number_key(n), finish(acc));
        }
        out
    }
}

/// [`compute`] over compact rows.
pub fn compute_compact(logs: &CompactLogs, config: &Config, as_of: NaiveDateTime) -> Metrics {
    let standards = &config.standards;
    let ((repairs, complaints), surveys) = rayon::join(
        || {
            rayon::join(
                || repair_metrics(logs, standards, as_of),
                || complaint_metrics(logs, standards, as_of),
            )
        },
        || survey_metrics(&logs.surveys, config.households, standards, as_of),
    );
    let (complaints, escalations) = complaints;
    Metrics {
        as_of: crate::datetime::format_minutes(&as_of),
        repairs,
        complaints,
        surveys,
        escalations,
    }
}

fn repair_metrics(
    logs: &CompactLogs,
    standards: &Standards,
    as_of: NaiveDateTime,
) -> BTreeMap<String, RepairStats> {
    let limits = Limits::of(standards);
    let as_of = compact::stamp(as_of);
    let mut periods: Periods<RepairAcc> = Periods::new();
    let mut last: Option<(i64, i64)> = None;
    for row in &logs.repairs {
        let Some(view) = RepairView::of(row, as_of) else {
            continue;
        };
        // The month of the report; rows of one day share it.
        let day = compact::day(row.reported_at);
        let month = match last {
            Some((d, m)) if d == day => m,
            _ => {
                let m = snapshot::month_number(row.reported_at);
                last = Some((day, m));
                m
            }
        };
        let level = level_index(row.level);
        let due = view.is_due(&limits, as_of);
        let timely = due && view.met_deadline(&limits);
        let dispatched = view.dispatched_in_time(&limits);
        let hours = view.completion_hours();
        let [month_acc, quarter_acc] = periods.both(month, RepairAcc::default);
        // Completion hours are kept per month only; a quarter's are its
        // months' put together when its percentiles are taken.
        if let Some(h) = hours {
            month_acc.hours[level].push(h);
        }
        for acc in [month_acc, quarter_acc] {
            let stats = &mut acc.stats;
            stats.orders += 1;
            acc.by_level[level] += 1;
            count(&mut acc.by_category, row.category);
            if view.is_completed() {
                stats.completed += 1;
                if let Some(passed) = row.passed {
                    stats.inspected += 1;
                    stats.passed += u64::from(passed);
                }
            } else {
                stats.open += 1;
            }
            if due {
                stats.due += 1;
                stats.timely += u64::from(timely);
            }
            if view.is_rework() {
                stats.rework += 1;
            }
            if let Some(in_time) = dispatched {
                stats.dispatched += 1;
                stats.dispatched_in_time += u64::from(in_time);
            }
        }
    }
    // Each quarter's hours: its months', in any order (percentiles sort).
    let quarters: Vec<i64> = periods.quarters.keys().copied().collect();
    for quarter in quarters {
        let mut hours: [Vec<f64>; 3] = Default::default();
        for (_, month) in periods.months.range(quarter..quarter + 3) {
            for (all, some) in hours.iter_mut().zip(&month.hours) {
                all.extend_from_slice(some);
            }
        }
        if let Some(acc) = periods.quarters.get_mut(&quarter) {
            acc.hours = hours;
        }
    }
    periods.into_keyed(|acc| {
        let mut stats = acc.stats;
        stats.by_level = RepairLevel::ALL
            .iter()
            .map(|l| (l.key().to_string(), acc.by_level[level_index(*l)]))
            .collect();
        stats.by_category = acc
            .by_category
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| (logs.repair_categories.name(i as u32).to_string(), *n))
            .collect();
        stats.timeliness_rate = stats::ratio(stats.timely, stats.due);
        stats.pass_rate = stats::ratio(stats.passed, stats.inspected);
        stats.rework_rate = stats::ratio(stats.rework, stats.orders);
        stats.dispatch_compliance = stats::ratio(stats.dispatched_in_time, stats.dispatched);
        let mut hours = acc.hours;
        stats.completion_hours = RepairLevel::ALL
            .iter()
            .map(|l| {
                // Sorted once for both percentiles (equal values under
                // total_cmp are the same bits, so any sort gives the same).
                let values = &mut hours[level_index(*l)];
                values.sort_unstable_by(f64::total_cmp);
                (
                    l.key().to_string(),
                    Spread {
                        n: values.len() as u64,
                        median: stats::percentile_sorted(values, 1, 2),
                        p90: stats::percentile_sorted(values, 9, 10),
                    },
                )
            })
            .collect();
        stats
    })
}

fn complaint_level_index(level: Option<ComplaintLevel>) -> usize {
    match level {
        Some(ComplaintLevel::Major) => 0,
        Some(ComplaintLevel::Important) => 1,
        Some(ComplaintLevel::Minor) => 2,
        None => 3,
    }
}

#[allow(clippy::type_complexity)]
fn complaint_metrics(
    logs: &CompactLogs,
    standards: &Standards,
    as_of: NaiveDateTime,
) -> (BTreeMap<String, ComplaintStats>, Vec<Escalation>) {
    let views: Vec<ComplaintView> =
        snapshot::complaints(&logs.complaints, standards, &logs.holidays, as_of);
    let as_of = compact::stamp(as_of);
    let mut periods: Periods<ComplaintAcc> = Periods::new();
    for view in &views {
        let row = view.row;
        let month = snapshot::month_number(row.received_at);
        let resolved = view.is_resolved();
        let due = view.is_due(as_of);
        for acc in periods.both(month, ComplaintAcc::default) {
            let stats = &mut acc.stats;
            stats.received += 1;
            acc.by_level[complaint_level_index(row.level)] += 1;
            count(&mut acc.by_category, row.category);
            count(&mut acc.by_channel, row.channel);
            if resolved {
                stats.resolved += 1;
                stats.callbacks += u64::from(view.callback_at.is_some());
            }
            if due {
                stats.due += 1;
                stats.on_time += u64::from(view.on_time());
            }
            if let Some(satisfied) = view.callback_satisfied {
                stats.callback_results += 1;
                stats.callback_satisfied += u64::from(satisfied);
            }
        }
    }
    let by_name = |counts: &[u64], labels: &compact::Labels| -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        for (i, n) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
            *out.entry(labels.name(i as u32).to_string()).or_default() += n;
        }
        out
    };
    let stats = periods.into_keyed(|acc| {
        let mut stats = acc.stats;
        stats.by_level = ComplaintLevel::ALL
            .iter()
            .map(|level| level.key())
            .chain([UNCLASSIFIED])
            .zip(acc.by_level)
            .map(|(key, n)| (key.to_string(), n))
            .collect();
        stats.by_category = by_name(&acc.by_category, &logs.complaint_categories);
        stats.by_channel = by_name(&acc.by_channel, &logs.channels);
        stats.resolution_rate = stats::ratio(stats.resolved, stats.received);
        stats.on_time_rate = stats::ratio(stats.on_time, stats.due);
        stats.callback_rate = stats::ratio(stats.callbacks, stats.resolved);
        stats.callback_satisfaction =
            stats::ratio(stats.callback_satisfied, stats.callback_results);
        stats
    });
    let escalations = escalation::find(&views, logs, standards, as_of)
        .iter()
        .map(|hit| Escalation {
            id: logs.complaint_id(hit.view.index).to_string(),
            reasons: hit.reasons().into_iter().map(String::from).collect(),
            level: hit.view.row.level,
        })
        .collect();
    (stats, escalations)
}

fn survey_metrics(
    log: &SurveyRows,
    households: Option<u32>,
    standards: &Standards,
    as_of: NaiveDateTime,
) -> BTreeMap<String, SurveyStats> {
    let min = standards.satisfied_min;
    let as_of = compact::stamp(as_of);
    let n = log.dimensions.len();
    // Sums start as `Iterator::sum` starts, and add in file order, so
    // that every mean is the very same number.
    let new = || SurveyAcc {
        responses: 0,
        satisfied: 0,
        overall_sum: -0.0,
        dimensions: vec![(0, 0, -0.0); n],
    };
    let mut periods: Periods<SurveyAcc> = Periods::new();
    for (i, row) in log.rows.iter().enumerate() {
        if row.date > as_of {
            continue;
        }
        let month = snapshot::month_number(row.date);
        let scores = log.scores_of(i);
        for acc in periods.both(month, new) {
            acc.responses += 1;
            acc.satisfied += u64::from(row.overall >= min);
            acc.overall_sum += row.overall;
            for (d, &score) in acc.dimensions.iter_mut().zip(scores) {
                if !score.is_nan() {
                    d.0 += 1;
                    d.1 += u64::from(score >= min);
                    d.2 += score;
                }
            }
        }
    }
    let mean = |sum: f64, n: u64| (n > 0).then(|| sum / n as f64);
    periods.into_keyed(|acc| SurveyStats {
        responses: acc.responses,
        satisfied: acc.satisfied,
        satisfaction_rate: stats::ratio(acc.satisfied, acc.responses),
        overall_mean: mean(acc.overall_sum, acc.responses),
        response_rate: households.and_then(|h| stats::ratio(acc.responses, u64::from(h))),
        dimensions: log
            .dimensions
            .iter()
            .zip(&acc.dimensions)
            .map(|(name, &(answered, satisfied, sum))| {
                (
                    name.clone(),
                    DimensionStats {
                        answered,
                        satisfied,
                        rate: stats::ratio(satisfied, answered),
                        mean: mean(sum, answered),
                    },
                )
            })
            .collect(),
    })
}

/// The `by_level` key of a complaint with no level.
pub const UNCLASSIFIED: &str = "unclassified";

/// The number of escalation findings whose complaint was received in
/// `period` (a month or quarter key): `{{ escalations.count }}` of a
/// report. Ids that are not in the logs are not counted.
pub fn escalations_received_in<L: LogSource + ?Sized>(
    metrics: &Metrics,
    logs: &L,
    period: &str,
) -> u64 {
    let logs = logs.compact();
    // A later row with the same id wins, as collecting into a map does.
    let received: BTreeMap<&str, i64> = logs
        .complaints
        .iter()
        .enumerate()
        .map(|(i, c)| (logs.complaint_id(i), c.received_at))
        .collect();
    metrics
        .escalations
        .iter()
        .filter_map(|e| received.get(e.id.as_str()))
        .filter_map(|t| compact::datetime(*t))
        .filter(|t| snapshot::period_keys(t).iter().any(|key| key == period))
        .count() as u64
}
