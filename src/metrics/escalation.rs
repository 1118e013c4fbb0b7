//! The standard's 重大投诉 criteria, checked on the snapshot.
//!
//! (a) our responsibility and unresolved for more than
//! `major_unresolved_days` (24-hour spans from `received_at`), or resolved
//! later than that; (b) a trailing window: at least `repeat_threshold`
//! complaints with the same room and category (both non-empty), itself
//! included, received in [received_at − repeat_window_days, received_at].
//! Either one while the recorded level is not `major` is a finding.

use super::snapshot::{self, ComplaintView};
use crate::config::Standards;
use crate::data::ComplaintLevel;
use chrono::NaiveDateTime;
use std::collections::BTreeMap;

/// One complaint that meets a criterion while not recorded as major.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    pub view: ComplaintView<'a>,
    pub a: bool,
    pub b: bool,
    /// Complaints of the same room and category in its trailing window,
    /// itself included (0 when room or category is empty).
    pub repeats: u64,
}

impl Hit<'_> {
    /// `["a"]`, `["b"]` or `["a", "b"]`.
    pub fn reasons(&self) -> Vec<&'static str> {
        let mut reasons = Vec::new();
        if self.a {
            reasons.push("a");
        }
        if self.b {
            reasons.push("b");
        }
        reasons
    }
}

/// For each complaint (by index into `views`), how many complaints of the
/// same room and category were received in its trailing window.
pub fn repeat_counts(views: &[ComplaintView], standards: &Standards) -> Vec<u64> {
    // Group the receipt times by (room, category); an empty one never
    // forms a series. Labels are trimmed and otherwise compared exactly.
    let mut series: BTreeMap<(&str, &str), Vec<NaiveDateTime>> = BTreeMap::new();
    let key = |view: &ComplaintView<'_>| -> Option<(String, String)> {
        let room = view.record.room.expose_for_computation().trim().to_string();
        let category = view.record.category.trim().to_string();
        (!room.is_empty() && !category.is_empty()).then_some((room, category))
    };
    let keys: Vec<Option<(String, String)>> = views.iter().map(key).collect();
    for (view, key) in views.iter().zip(&keys) {
        if let Some((room, category)) = key {
            series
                .entry((room.as_str(), category.as_str()))
                .or_default()
                .push(view.record.received_at);
        }
    }
    for times in series.values_mut() {
        times.sort();
    }
    let window = snapshot::repeat_window(standards);
    views
        .iter()
        .zip(&keys)
        .map(|(view, key)| {
            let Some((room, category)) = key else {
                return 0;
            };
            let Some(times) = series.get(&(room.as_str(), category.as_str())) else {
                return 0;
            };
            let at = view.record.received_at;
            // Received at or before `at`, and no more than the window before it.
            let upto = times.partition_point(|t| *t <= at);
            let from = times.partition_point(|t| at.signed_duration_since(*t) > window);
            upto.saturating_sub(from) as u64
        })
        .collect()
}

/// Every escalation finding of the snapshot, sorted by id.
pub fn find<'a>(
    views: &[ComplaintView<'a>],
    standards: &Standards,
    as_of: NaiveDateTime,
) -> Vec<Hit<'a>> {
    let repeats = repeat_counts(views, standards);
    let mut hits: Vec<Hit<'a>> = views
        .iter()
        .zip(repeats)
        .filter(|(view, _)| view.record.level != Some(ComplaintLevel::Major))
        .filter_map(|(view, repeats)| {
            let a = view.long_unresolved(standards, as_of);
            let b = repeats > 0 && repeats >= u64::from(standards.repeat_threshold);
            (a || b).then_some(Hit {
                view: *view,
                a,
                b,
                repeats,
            })
        })
        .collect();
    hits.sort_by(|x, y| x.view.record.id.cmp(&y.view.record.id));
    hits
}
