//! The standard's 重大投诉 criteria, checked on the snapshot.
//!
//! (a) our responsibility and unresolved for more than
//! `major_unresolved_days` (24-hour spans from `received_at`), or resolved
//! later than that; (b) a trailing window: at least `repeat_threshold`
//! complaints with the same room and category (both non-empty), itself
//! included, received in [received_at − repeat_window_days, received_at].
//! Either one while the recorded level is not `major` is a finding.

use super::snapshot::{ComplaintView, Limits};
use crate::config::Standards;
use crate::data::ComplaintLevel;
use crate::data::compact::{CompactLogs, Stamp};
use std::collections::HashMap;

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
pub fn repeat_counts(views: &[ComplaintView], logs: &CompactLogs, limits: &Limits) -> Vec<u64> {
    // Group the receipt times by (room, category); an empty one never
    // forms a series. Labels are trimmed when read and otherwise compared
    // exactly (one number per distinct label).
    let key = |view: &ComplaintView| -> Option<(u32, u32)> {
        let (room, category) = (view.row.room, view.row.category);
        let filled = !logs.rooms.name(room).is_empty()
            && !logs.complaint_categories.name(category).is_empty();
        filled.then_some((room, category))
    };
    let mut series: HashMap<(u32, u32), Vec<Stamp>> = HashMap::new();
    for view in views {
        if let Some(k) = key(view) {
            series.entry(k).or_default().push(view.row.received_at);
        }
    }
    for times in series.values_mut() {
        times.sort_unstable();
    }
    let window = limits.repeat_window;
    views
        .iter()
        .map(|view| {
            let Some(times) = key(view).and_then(|k| series.get(&k)) else {
                return 0;
            };
            let at = view.row.received_at;
            // Received at or before `at`, and no more than the window before it.
            let upto = times.partition_point(|t| *t <= at);
            let from = times.partition_point(|t| at - *t > window);
            upto.saturating_sub(from) as u64
        })
        .collect()
}

/// Every escalation finding of the snapshot, sorted by id.
pub fn find<'a>(
    views: &[ComplaintView<'a>],
    logs: &CompactLogs,
    standards: &Standards,
    as_of: Stamp,
) -> Vec<Hit<'a>> {
    let limits = Limits::of(standards);
    let repeats = repeat_counts(views, logs, &limits);
    let mut hits: Vec<Hit<'a>> = views
        .iter()
        .zip(repeats)
        .filter(|(view, _)| view.row.level != Some(ComplaintLevel::Major))
        .filter_map(|(view, repeats)| {
            let a = view.long_unresolved(&limits, as_of);
            let b = repeats > 0 && repeats >= u64::from(standards.repeat_threshold);
            (a || b).then_some(Hit {
                view: *view,
                a,
                b,
                repeats,
            })
        })
        .collect();
    hits.sort_by(|x, y| {
        logs.complaint_id(x.view.index)
            .cmp(logs.complaint_id(y.view.index))
    });
    hits
}
