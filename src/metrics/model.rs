//! The computed figures, shaped exactly as `metrics-json.md` fixes them.
//!
//! Counts are integers; rates are unrounded fractions, `None` (JSON `null`)
//! when the denominator is 0. Period keys are `2026-03` (month) and
//! `2026Q1` (quarter); both kinds live in the same map.

use crate::data::ComplaintLevel;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Metrics {
    /// `YYYY-MM-DD HH:MM`
    pub as_of: String,
    pub repairs: BTreeMap<String, RepairStats>,
    pub complaints: BTreeMap<String, ComplaintStats>,
    pub surveys: BTreeMap<String, SurveyStats>,
    /// Sorted by id.
    pub escalations: Vec<Escalation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct RepairStats {
    pub orders: u64,
    pub open: u64,
    pub completed: u64,
    pub due: u64,
    pub timely: u64,
    pub timeliness_rate: Option<f64>,
    pub inspected: u64,
    pub passed: u64,
    pub pass_rate: Option<f64>,
    pub rework: u64,
    pub rework_rate: Option<f64>,
    pub dispatched: u64,
    pub dispatched_in_time: u64,
    pub dispatch_compliance: Option<f64>,
    /// `minor`, `medium`, `emergency` (all three always present).
    pub by_level: BTreeMap<String, u64>,
    /// By category label as written; "" for none.
    pub by_category: BTreeMap<String, u64>,
    /// By level key; every level present, `n` 0 and `null` figures when empty.
    pub completion_hours: BTreeMap<String, Spread>,
}

/// Median and 90th percentile (PERCENTILE.INC) of a set of hours.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Spread {
    pub n: u64,
    pub median: Option<f64>,
    pub p90: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ComplaintStats {
    pub received: u64,
    pub resolved: u64,
    pub resolution_rate: Option<f64>,
    pub due: u64,
    pub on_time: u64,
    pub on_time_rate: Option<f64>,
    pub callbacks: u64,
    pub callback_rate: Option<f64>,
    pub callback_results: u64,
    pub callback_satisfied: u64,
    pub callback_satisfaction: Option<f64>,
    /// `major`, `important`, `minor`, `unclassified` (all four always present).
    pub by_level: BTreeMap<String, u64>,
    pub by_category: BTreeMap<String, u64>,
    /// `phone`, `visit`, `online`, `letter`, other labels as written, "" for none.
    pub by_channel: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct SurveyStats {
    pub responses: u64,
    pub satisfied: u64,
    pub satisfaction_rate: Option<f64>,
    pub overall_mean: Option<f64>,
    /// `None` when `households` is not configured.
    pub response_rate: Option<f64>,
    /// Every dimension of the header; `answered` 0 and `null` figures when
    /// nobody answered it in the period.
    pub dimensions: BTreeMap<String, DimensionStats>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct DimensionStats {
    pub answered: u64,
    pub satisfied: u64,
    pub rate: Option<f64>,
    pub mean: Option<f64>,
}

/// A complaint that meets the standard's 重大投诉 criteria while its
/// recorded level is not `major`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Escalation {
    pub id: String,
    /// `"a"` and/or `"b"`, in that order.
    pub reasons: Vec<String>,
    pub level: Option<ComplaintLevel>,
}

/// Whether a period key is a month (`2026-03`) or a quarter (`2026Q1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    #[default]
    Month,
    Quarter,
}

impl PeriodKind {
    pub fn of_key(key: &str) -> PeriodKind {
        if key.contains('Q') {
            PeriodKind::Quarter
        } else {
            PeriodKind::Month
        }
    }
}
