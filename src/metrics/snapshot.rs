//! The logs as they stood at `as_of` (data contract, "`as_of` is a
//! snapshot"), and the per-record rules of the service standard.
//!
//! A record reported/received/dated after `as_of` is left out; an event
//! timestamp after `as_of` reads as empty; `agreed_at` is a plan and is
//! kept; a callback result reads as not recorded when the complaint's
//! callback or resolution lies after `as_of`.

use super::calendar;
use crate::config::Standards;
use crate::data::{Complaint, Holidays, Logs, Repair, RepairLevel, Survey};
use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta};

/// `2026-03`
pub fn month_key(t: &NaiveDateTime) -> String {
    format!("{:04}-{:02}", t.year(), t.month())
}

/// `2026Q1`
pub fn quarter_key(t: &NaiveDateTime) -> String {
    format!("{:04}Q{}", t.year(), (t.month() - 1) / 3 + 1)
}

/// Both period keys a record dated `t` belongs to.
pub fn period_keys(t: &NaiveDateTime) -> [String; 2] {
    [month_key(t), quarter_key(t)]
}

fn cut(t: Option<NaiveDateTime>, as_of: NaiveDateTime) -> Option<NaiveDateTime> {
    t.filter(|t| *t <= as_of)
}

fn days(n: u32) -> TimeDelta {
    TimeDelta::days(i64::from(n))
}

/// A repair order as it stood at `as_of`.
#[derive(Debug, Clone, Copy)]
pub struct RepairView<'a> {
    pub record: &'a Repair,
    pub dispatched_at: Option<NaiveDateTime>,
    pub arrived_at: Option<NaiveDateTime>,
    pub completed_at: Option<NaiveDateTime>,
}

impl<'a> RepairView<'a> {
    /// `None` when the order was reported after `as_of`.
    pub fn of(record: &'a Repair, as_of: NaiveDateTime) -> Option<RepairView<'a>> {
        (record.reported_at <= as_of).then(|| RepairView {
            record,
            dispatched_at: cut(record.dispatched_at, as_of),
            arrived_at: cut(record.arrived_at, as_of),
            completed_at: cut(record.completed_at, as_of),
        })
    }

    pub fn is_completed(&self) -> bool {
        self.completed_at.is_some()
    }

    /// When the clock starts: `agreed_at` for a minor or medium order that
    /// has one (even after `as_of`), else `reported_at`. An emergency's
    /// clock always starts at the report.
    pub fn start(&self) -> NaiveDateTime {
        match (self.record.level, self.record.agreed_at) {
            (RepairLevel::Minor | RepairLevel::Medium, Some(agreed)) => agreed,
            _ => self.record.reported_at,
        }
    }

    /// The time allowed from [`Self::start`]: completion for minor and
    /// medium orders, arrival for emergencies.
    pub fn limit(&self, standards: &Standards) -> TimeDelta {
        match self.record.level {
            RepairLevel::Minor => TimeDelta::hours(i64::from(standards.minor_hours)),
            RepairLevel::Medium => days(standards.medium_days),
            RepairLevel::Emergency => {
                TimeDelta::minutes(i64::from(standards.emergency_arrival_minutes))
            }
        }
    }

    /// The deadline instant; `None` only when it lies beyond the calendar.
    pub fn deadline(&self, standards: &Standards) -> Option<NaiveDateTime> {
        self.start().checked_add_signed(self.limit(standards))
    }

    /// The deadline lies strictly before `as_of`.
    pub fn deadline_passed(&self, standards: &Standards, as_of: NaiveDateTime) -> bool {
        as_of.signed_duration_since(self.start()) > self.limit(standards)
    }

    /// The event the standard judges (completion, or arrival for an
    /// emergency) happened within the limit (inclusive).
    pub fn met_deadline(&self, standards: &Standards) -> bool {
        let event = match self.record.level {
            RepairLevel::Emergency => self.arrived_at,
            RepairLevel::Minor | RepairLevel::Medium => self.completed_at,
        };
        event.is_some_and(|t| t.signed_duration_since(self.start()) <= self.limit(standards))
    }

    /// Counted in 应计报修次数: completed, or open with its deadline passed.
    pub fn is_due(&self, standards: &Standards, as_of: NaiveDateTime) -> bool {
        self.is_completed() || self.deadline_passed(standards, as_of)
    }

    /// Dispatched within `dispatch_minutes` of the report (a dispatch
    /// before the report counts as in time). `None` when not dispatched.
    pub fn dispatched_in_time(&self, standards: &Standards) -> Option<bool> {
        self.dispatched_at.map(|t| {
            t.signed_duration_since(self.record.reported_at)
                <= TimeDelta::minutes(i64::from(standards.dispatch_minutes))
        })
    }

    /// Hours from report to completion, fractional; `None` while open.
    pub fn completion_hours(&self) -> Option<f64> {
        self.completed_at.map(|t| {
            t.signed_duration_since(self.record.reported_at)
                .num_seconds() as f64
                / 3600.0
        })
    }

    pub fn is_rework(&self) -> bool {
        self.record
            .rework_of
            .as_deref()
            .is_some_and(|id| !id.trim().is_empty())
    }
}

/// A complaint as it stood at `as_of`.
#[derive(Debug, Clone, Copy)]
pub struct ComplaintView<'a> {
    pub record: &'a Complaint,
    pub resolved_at: Option<NaiveDateTime>,
    pub callback_at: Option<NaiveDateTime>,
    pub callback_satisfied: Option<bool>,
    /// The last working day on which resolving is on time (or a day after
    /// the `as_of` date when it lies later than that).
    pub last_allowed_day: NaiveDate,
}

impl<'a> ComplaintView<'a> {
    /// `None` when the complaint was received after `as_of`.
    pub fn of(
        record: &'a Complaint,
        standards: &Standards,
        holidays: &Holidays,
        as_of: NaiveDateTime,
    ) -> Option<ComplaintView<'a>> {
        if record.received_at > as_of {
            return None;
        }
        let later = |t: Option<NaiveDateTime>| t.is_some_and(|t| t > as_of);
        let callback_satisfied = if later(record.callback_at) || later(record.resolved_at) {
            None
        } else {
            record.callback_satisfied
        };
        Some(ComplaintView {
            record,
            resolved_at: cut(record.resolved_at, as_of),
            callback_at: cut(record.callback_at, as_of),
            callback_satisfied,
            last_allowed_day: calendar::last_allowed_day(
                record.received_at.date(),
                standards.complaint_resolve_working_days,
                holidays,
                as_of.date(),
            ),
        })
    }

    pub fn is_resolved(&self) -> bool {
        self.resolved_at.is_some()
    }

    /// Resolved on or before the last allowed day (time of day ignored).
    pub fn on_time(&self) -> bool {
        self.resolved_at
            .is_some_and(|t| t.date() <= self.last_allowed_day)
    }

    /// Resolved by `as_of`, or the last allowed day has ended by `as_of`
    /// (`as_of` at or after 00:00 of the next day).
    pub fn is_due(&self, as_of: NaiveDateTime) -> bool {
        self.is_resolved() || as_of.date() > self.last_allowed_day
    }

    /// Unresolved and its last allowed day has ended.
    pub fn is_overdue(&self, as_of: NaiveDateTime) -> bool {
        !self.is_resolved() && as_of.date() > self.last_allowed_day
    }

    /// How long it has been open: to its resolution, else to `as_of`.
    pub fn open_for(&self, as_of: NaiveDateTime) -> TimeDelta {
        self.resolved_at
            .unwrap_or(as_of)
            .signed_duration_since(self.record.received_at)
    }

    /// Escalation criterion (a): our responsibility and unresolved for
    /// more than `major_unresolved_days` 24-hour spans as of `as_of`, or
    /// resolved later than that.
    pub fn long_unresolved(&self, standards: &Standards, as_of: NaiveDateTime) -> bool {
        self.record.ours == Some(true)
            && self.open_for(as_of) > days(standards.major_unresolved_days)
    }
}

/// Every repair of the snapshot, in file order.
pub fn repairs(logs: &Logs, as_of: NaiveDateTime) -> Vec<RepairView<'_>> {
    logs.repairs
        .iter()
        .filter_map(|r| RepairView::of(r, as_of))
        .collect()
}

/// Every complaint of the snapshot, in file order.
pub fn complaints<'a>(
    logs: &'a Logs,
    standards: &Standards,
    as_of: NaiveDateTime,
) -> Vec<ComplaintView<'a>> {
    logs.complaints
        .iter()
        .filter_map(|c| ComplaintView::of(c, standards, &logs.holidays, as_of))
        .collect()
}

/// Every survey response of the snapshot, in file order.
pub fn surveys(logs: &Logs, as_of: NaiveDateTime) -> Vec<&Survey> {
    logs.surveys
        .responses
        .iter()
        .filter(|s| s.date <= as_of)
        .collect()
}

/// The full `major_unresolved_days` span as a duration.
pub fn major_span(standards: &Standards) -> TimeDelta {
    days(standards.major_unresolved_days)
}

/// The full `repeat_window_days` span as a duration.
pub fn repeat_window(standards: &Standards) -> TimeDelta {
    days(standards.repeat_window_days)
}
