//! Record-level findings for the manager's internal report only: the
//! escalation findings with their complaints, and the overdue lists.
//!
//! These carry references to the records (with their private fields still
//! wrapped in `Private`); they are never part of [`super::Metrics`] and
//! never reach a public output.

use super::escalation;
use super::snapshot::{self, ComplaintView, RepairView};
use crate::config::{Config, Standards};
use crate::data::{Complaint, ComplaintLevel, Logs, Repair};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

/// A valid (ours = yes) unresolved complaint is "approaching the major
/// threshold" when at most this many days remain before it has been open
/// for more than `major_unresolved_days`.
pub const APPROACHING_MAJOR_DAYS: i64 = 7;

/// Everything the internal report lists record by record, as of `as_of`.
#[derive(Debug, Clone, Default)]
pub struct Findings<'a> {
    /// Escalation findings (criteria a/b while not recorded as major), by id.
    pub escalations: Vec<EscalationFinding<'a>>,
    /// Open repair orders whose deadline has passed without the standard
    /// being met, most overdue first.
    pub overdue_repairs: Vec<OverdueRepair<'a>>,
    /// Unresolved complaints whose last allowed working day has ended,
    /// oldest limit first.
    pub overdue_complaints: Vec<OverdueComplaint<'a>>,
    /// Valid unresolved complaints close to escalation criterion (a),
    /// least time left first.
    pub approaching_major: Vec<ApproachingMajor<'a>>,
}

#[derive(Debug, Clone)]
pub struct EscalationFinding<'a> {
    pub complaint: &'a Complaint,
    /// `"a"` and/or `"b"`, in that order.
    pub reasons: Vec<&'static str>,
    /// Resolution as of `as_of` (`None` when unresolved then).
    pub resolved_at: Option<NaiveDateTime>,
    /// Time from receipt to resolution, or to `as_of` when unresolved.
    pub open_for: TimeDelta,
    /// Complaints of the same room and category in its trailing window.
    pub repeats: u64,
}

#[derive(Debug, Clone)]
pub struct OverdueRepair<'a> {
    pub repair: &'a Repair,
    /// `None` only when the deadline lies beyond the calendar.
    pub deadline: Option<NaiveDateTime>,
    /// Arrival as of `as_of` (emergencies are judged by it).
    pub arrived_at: Option<NaiveDateTime>,
    /// How long past the deadline at `as_of`.
    pub overdue_by: TimeDelta,
}

#[derive(Debug, Clone)]
pub struct OverdueComplaint<'a> {
    pub complaint: &'a Complaint,
    pub last_allowed_day: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct ApproachingMajor<'a> {
    pub complaint: &'a Complaint,
    /// The instant after which it meets criterion (a):
    /// received_at + major_unresolved_days.
    pub threshold_at: Option<NaiveDateTime>,
    /// Time left until then.
    pub remaining: TimeDelta,
}

/// The internal report's lists as the logs stood at `as_of`.
pub fn findings<'a>(logs: &'a Logs, config: &Config, as_of: NaiveDateTime) -> Findings<'a> {
    let standards = &config.standards;
    let complaints = snapshot::complaints(logs, standards, as_of);
    Findings {
        escalations: escalation::find(&complaints, standards, as_of)
            .into_iter()
            .map(|hit| EscalationFinding {
                complaint: hit.view.record,
                reasons: hit.reasons(),
                resolved_at: hit.view.resolved_at,
                open_for: hit.view.open_for(as_of),
                repeats: hit.repeats,
            })
            .collect(),
        overdue_repairs: overdue_repairs(&snapshot::repairs(logs, as_of), standards, as_of),
        overdue_complaints: overdue_complaints(&complaints, as_of),
        approaching_major: approaching_major(&complaints, standards, as_of),
    }
}

fn overdue_repairs<'a>(
    views: &[RepairView<'a>],
    standards: &Standards,
    as_of: NaiveDateTime,
) -> Vec<OverdueRepair<'a>> {
    let mut list: Vec<OverdueRepair<'a>> = views
        .iter()
        .filter(|v| {
            // An emergency is judged by arrival: one that arrived in time
            // is not overdue even while its work is still open.
            !v.is_completed() && v.deadline_passed(standards, as_of) && !v.met_deadline(standards)
        })
        .map(|v| OverdueRepair {
            repair: v.record,
            deadline: v.deadline(standards),
            arrived_at: v.arrived_at,
            overdue_by: as_of.signed_duration_since(v.start()) - v.limit(standards),
        })
        .collect();
    list.sort_by(|x, y| {
        y.overdue_by
            .cmp(&x.overdue_by)
            .then_with(|| x.repair.id.cmp(&y.repair.id))
    });
    list
}

fn overdue_complaints<'a>(
    views: &[ComplaintView<'a>],
    as_of: NaiveDateTime,
) -> Vec<OverdueComplaint<'a>> {
    let mut list: Vec<OverdueComplaint<'a>> = views
        .iter()
        .filter(|v| v.is_overdue(as_of))
        .map(|v| OverdueComplaint {
            complaint: v.record,
            last_allowed_day: v.last_allowed_day,
        })
        .collect();
    list.sort_by(|x, y| {
        x.last_allowed_day
            .cmp(&y.last_allowed_day)
            .then_with(|| x.complaint.id.cmp(&y.complaint.id))
    });
    list
}

fn approaching_major<'a>(
    views: &[ComplaintView<'a>],
    standards: &Standards,
    as_of: NaiveDateTime,
) -> Vec<ApproachingMajor<'a>> {
    let span = snapshot::major_span(standards);
    let warn = TimeDelta::days(APPROACHING_MAJOR_DAYS);
    let mut list: Vec<ApproachingMajor<'a>> = views
        .iter()
        .filter(|v| {
            v.record.ours == Some(true)
                && !v.is_resolved()
                && v.record.level != Some(ComplaintLevel::Major)
        })
        .filter_map(|v| {
            let remaining = span - v.open_for(as_of);
            // Not yet past the threshold (that is criterion a), and at
            // most APPROACHING_MAJOR_DAYS left.
            (remaining >= TimeDelta::zero() && remaining <= warn).then(|| ApproachingMajor {
                complaint: v.record,
                threshold_at: v.record.received_at.checked_add_signed(span),
                remaining,
            })
        })
        .collect();
    list.sort_by(|x, y| {
        x.remaining
            .cmp(&y.remaining)
            .then_with(|| x.complaint.id.cmp(&y.complaint.id))
    });
    list
}
