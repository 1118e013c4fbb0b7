//! Record-level findings for the manager's internal report only: the
//! escalation findings with their complaints, and the overdue lists.
//!
//! These carry the records (with their private fields still wrapped in
//! `Private`); they are never part of [`super::Metrics`] and never reach a
//! public output. From the full [`crate::data::Logs`] they borrow the
//! records; from [`crate::data::CompactLogs`] they are rebuilt for the
//! listed rows only (the loader kept their texts, see
//! [`crate::data::Keep::ListableAt`]).

use super::escalation;
use super::snapshot::{self, ComplaintView, Limits, RepairView};
use crate::config::{Config, Standards};
use crate::data::compact::{self, CompactLogs, Stamp};
use crate::data::{Complaint, ComplaintLevel, LogSource, Repair};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use std::borrow::Cow;

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
    pub complaint: Cow<'a, Complaint>,
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
    pub repair: Cow<'a, Repair>,
    /// `None` only when the deadline lies beyond the calendar.
    pub deadline: Option<NaiveDateTime>,
    /// Arrival as of `as_of` (emergencies are judged by it).
    pub arrived_at: Option<NaiveDateTime>,
    /// How long past the deadline at `as_of`.
    pub overdue_by: TimeDelta,
}

#[derive(Debug, Clone)]
pub struct OverdueComplaint<'a> {
    pub complaint: Cow<'a, Complaint>,
    pub last_allowed_day: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct ApproachingMajor<'a> {
    pub complaint: Cow<'a, Complaint>,
    /// The instant after which it meets criterion (a):
    /// received_at + major_unresolved_days.
    pub threshold_at: Option<NaiveDateTime>,
    /// Time left until then.
    pub remaining: TimeDelta,
}

fn date_of_day(day: i64) -> NaiveDate {
    compact::datetime(day * 86_400).map_or(NaiveDate::MIN, |t| t.date())
}

/// The internal report's lists as the logs stood at `as_of`. A row whose
/// texts were not kept is left out (the loader keeps every listable one).
pub fn findings<'a, L: LogSource + ?Sized>(
    logs: &'a L,
    config: &Config,
    as_of: NaiveDateTime,
) -> Findings<'a> {
    let table = logs.compact();
    let standards = &config.standards;
    let limits = Limits::of(standards);
    let as_of_s = compact::stamp(as_of);
    let complaints = snapshot::complaints(&table.complaints, standards, &table.holidays, as_of);
    let complaint = |i: usize| logs.complaint_record(i);
    let escalations = escalation::find(&complaints, &table, standards, as_of_s)
        .into_iter()
        .filter_map(|hit| {
            Some(EscalationFinding {
                complaint: complaint(hit.view.index)?,
                reasons: hit.reasons(),
                resolved_at: hit.view.resolved_at.and_then(compact::datetime),
                open_for: snapshot::seconds(hit.view.open_for(as_of_s)),
                repeats: hit.repeats,
            })
        })
        .collect();
    Findings {
        escalations,
        overdue_repairs: overdue_repairs(logs, &table, &limits, as_of_s),
        overdue_complaints: overdue_complaints(logs, &table, &complaints, as_of_s),
        approaching_major: approaching_major(logs, &table, &complaints, standards, as_of_s),
    }
}

fn overdue_repairs<'a, L: LogSource + ?Sized>(
    logs: &'a L,
    table: &CompactLogs,
    limits: &Limits,
    as_of: Stamp,
) -> Vec<OverdueRepair<'a>> {
    let mut list: Vec<(usize, Stamp, i64, Option<Stamp>)> = table
        .repairs
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, RepairView::of(r, as_of)?)))
        .filter(|(_, v)| {
            // An emergency is judged by arrival: one that arrived in time
            // is not overdue even while its work is still open.
            !v.is_completed() && v.deadline_passed(limits, as_of) && !v.met_deadline(limits)
        })
        .map(|(i, v)| (i, v.start(), v.limit(limits), v.arrived_at))
        .collect();
    let mut out: Vec<OverdueRepair<'a>> = Vec::with_capacity(list.len());
    for (i, start, limit, arrived) in list.drain(..) {
        let Some(repair) = logs.repair_record(i) else {
            continue;
        };
        let start_time = compact::datetime(start).unwrap_or(NaiveDateTime::MIN);
        out.push(OverdueRepair {
            repair,
            deadline: start_time.checked_add_signed(snapshot::seconds(limit)),
            arrived_at: arrived.and_then(compact::datetime),
            overdue_by: snapshot::seconds(as_of - start - limit),
        });
    }
    out.sort_by(|x, y| {
        y.overdue_by
            .cmp(&x.overdue_by)
            .then_with(|| x.repair.id.cmp(&y.repair.id))
    });
    out
}

fn overdue_complaints<'a, L: LogSource + ?Sized>(
    logs: &'a L,
    table: &CompactLogs,
    views: &[ComplaintView],
    as_of: Stamp,
) -> Vec<OverdueComplaint<'a>> {
    let _ = table;
    let mut list: Vec<OverdueComplaint<'a>> = views
        .iter()
        .filter(|v| v.is_overdue(as_of))
        .filter_map(|v| {
            Some(OverdueComplaint {
                complaint: logs.complaint_record(v.index)?,
                last_allowed_day: date_of_day(v.last_allowed_day),
            })
        })
        .collect();
    list.sort_by(|x, y| {
        x.last_allowed_day
            .cmp(&y.last_allowed_day)
            .then_with(|| x.complaint.id.cmp(&y.complaint.id))
    });
    list
}

fn approaching_major<'a, L: LogSource + ?Sized>(
    logs: &'a L,
    table: &CompactLogs,
    views: &[ComplaintView],
    standards: &Standards,
    as_of: Stamp,
) -> Vec<ApproachingMajor<'a>> {
    let _ = table;
    let span = i64::from(standards.major_unresolved_days) * 86_400;
    let warn = APPROACHING_MAJOR_DAYS * 86_400;
    let mut list: Vec<ApproachingMajor<'a>> = views
        .iter()
        .filter(|v| {
            v.row.ours == Some(true)
                && !v.is_resolved()
                && v.row.level != Some(ComplaintLevel::Major)
        })
        .filter_map(|v| {
            let remaining = span - v.open_for(as_of);
            // Not yet past the threshold (that is criterion a), and at
            // most APPROACHING_MAJOR_DAYS left.
            if !(0..=warn).contains(&remaining) {
                return None;
            }
            let received = compact::datetime(v.row.received_at)?;
            Some(ApproachingMajor {
                complaint: logs.complaint_record(v.index)?,
                threshold_at: received.checked_add_signed(snapshot::seconds(span)),
                remaining: snapshot::seconds(remaining),
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
