//! The logs as they stood at `as_of` (data contract, "`as_of` is a
//! snapshot"), and the per-record rules of the service standard.
//!
//! A record reported/received/dated after `as_of` is left out; an event
//! timestamp after `as_of` reads as empty; `agreed_at` is a plan and is
//! kept; a callback result reads as not recorded when the complaint's
//! callback or resolution lies after `as_of`.
//!
//! The views work on the compact rows ([`crate::data::compact`]): times
//! are seconds, durations compared in seconds, which is exactly what the
//! contract's minute, hour and day limits amount to.

use super::calendar;
use crate::config::Standards;
use crate::data::compact::{self, ComplaintRow, NONE, RepairRow, Stamp};
use crate::data::{Holidays, RepairLevel};
use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta};
use std::collections::HashMap;

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

/// The month of a stamp as a number (`year * 12 + month - 1`), for
/// grouping without building key strings row by row.
pub fn month_number(s: Stamp) -> i64 {
    let date = compact::datetime(s).map_or(NaiveDate::MIN, |t| t.date());
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// `2026-03` of a month number.
pub fn month_number_key(n: i64) -> String {
    format!("{:04}-{:02}", n.div_euclid(12), n.rem_euclid(12) + 1)
}

/// `2026Q1` of a month number.
pub fn quarter_number_key(n: i64) -> String {
    format!("{:04}Q{}", n.div_euclid(12), n.rem_euclid(12) / 3 + 1)
}

/// The stamp, or [`NONE`] when it lies after `as_of`.
fn cut(t: Stamp, as_of: Stamp) -> Stamp {
    if t != NONE && t <= as_of { t } else { NONE }
}

fn some(t: Stamp) -> Option<Stamp> {
    (t != NONE).then_some(t)
}

const DAY: i64 = 86_400;

/// The standard's limits in seconds.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub minor: i64,
    pub medium: i64,
    pub emergency_arrival: i64,
    pub dispatch: i64,
    pub major_span: i64,
    pub repeat_window: i64,
}

impl Limits {
    pub fn of(standards: &Standards) -> Self {
        Limits {
            minor: i64::from(standards.minor_hours) * 3600,
            medium: i64::from(standards.medium_days) * DAY,
            emergency_arrival: i64::from(standards.emergency_arrival_minutes) * 60,
            dispatch: i64::from(standards.dispatch_minutes) * 60,
            major_span: i64::from(standards.major_unresolved_days) * DAY,
            repeat_window: i64::from(standards.repeat_window_days) * DAY,
        }
    }
}

/// A repair order as it stood at `as_of`.
#[derive(Debug, Clone, Copy)]
pub struct RepairView<'a> {
    pub row: &'a RepairRow,
    pub dispatched_at: Option<Stamp>,
    pub arrived_at: Option<Stamp>,
    pub completed_at: Option<Stamp>,
}

impl<'a> RepairView<'a> {
    /// `None` when the order was reported after `as_of`.
    pub fn of(row: &'a RepairRow, as_of: Stamp) -> Option<RepairView<'a>> {
        (row.reported_at <= as_of).then(|| RepairView {
            row,
            dispatched_at: some(cut(row.dispatched_at, as_of)),
            arrived_at: some(cut(row.arrived_at, as_of)),
            completed_at: some(cut(row.completed_at, as_of)),
        })
    }

    pub fn is_completed(&self) -> bool {
        self.completed_at.is_some()
    }

    /// When the clock starts: `agreed_at` for a minor or medium order that
    /// has one (even after `as_of`), else `reported_at`. An emergency's
    /// clock always starts at the report.
    pub fn start(&self) -> Stamp {
        match (self.row.level, some(self.row.agreed_at)) {
            (RepairLevel::Minor | RepairLevel::Medium, Some(agreed)) => agreed,
            _ => self.row.reported_at,
        }
    }

    /// The time allowed from [`Self::start`], in seconds: completion for
    /// minor and medium orders, arrival for emergencies.
    pub fn limit(&self, limits: &Limits) -> i64 {
        match self.row.level {
            RepairLevel::Minor => limits.minor,
            RepairLevel::Medium => limits.medium,
            RepairLevel::Emergency => limits.emergency_arrival,
        }
    }

    /// The deadline lies strictly before `as_of`.
    pub fn deadline_passed(&self, limits: &Limits, as_of: Stamp) -> bool {
        as_of - self.start() > self.limit(limits)
    }

    /// The event the standard judges (completion, or arrival for an
    /// emergency) happened within the limit (inclusive).
    pub fn met_deadline(&self, limits: &Limits) -> bool {
        let event = match self.row.level {
            RepairLevel::Emergency => self.arrived_at,
            RepairLevel::Minor | RepairLevel::Medium => self.completed_at,
        };
        event.is_some_and(|t| t - self.start() <= self.limit(limits))
    }

    /// Counted in 应计报修次数: completed, or open with its deadline passed.
    pub fn is_due(&self, limits: &Limits, as_of: Stamp) -> bool {
        self.is_completed() || self.deadline_passed(limits, as_of)
    }

    /// Dispatched within `dispatch_minutes` of the report (a dispatch
    /// before the report counts as in time). `None` when not dispatched.
    pub fn dispatched_in_time(&self, limits: &Limits) -> Option<bool> {
        self.dispatched_at
            .map(|t| t - self.row.reported_at <= limits.dispatch)
    }

    /// Hours from report to completion, fractional; `None` while open.
    pub fn completion_hours(&self) -> Option<f64> {
        self.completed_at
            .map(|t| (t - self.row.reported_at) as f64 / 3600.0)
    }

    pub fn is_rework(&self) -> bool {
        self.row.rework
    }
}

/// A complaint as it stood at `as_of`.
#[derive(Debug, Clone, Copy)]
pub struct ComplaintView<'a> {
    /// Its row number in the log.
    pub index: usize,
    pub row: &'a ComplaintRow,
    pub resolved_at: Option<Stamp>,
    pub callback_at: Option<Stamp>,
    pub callback_satisfied: Option<bool>,
    /// The last working day (a day number, see [`compact::day`]) on which
    /// resolving is on time, or a day after the `as_of` date when it lies
    /// later than that.
    pub last_allowed_day: i64,
}

/// The last allowed day of each receipt day, so that the calendar is
/// walked once per day rather than once per complaint.
pub struct LastDays<'h> {
    working_days: u32,
    holidays: &'h Holidays,
    horizon: NaiveDate,
    known: HashMap<i64, i64>,
}

impl<'h> LastDays<'h> {
    pub fn new(standards: &Standards, holidays: &'h Holidays, as_of: NaiveDateTime) -> Self {
        LastDays {
            working_days: standards.complaint_resolve_working_days,
            holidays,
            horizon: as_of.date(),
            known: HashMap::new(),
        }
    }

    fn of(&mut self, received: Stamp) -> i64 {
        let day = compact::day(received);
        if let Some(&last) = self.known.get(&day) {
            return last;
        }
        let date = compact::datetime(received).map_or(NaiveDate::MIN, |t| t.date());
        let last = calendar::last_allowed_day(date, self.working_days, self.holidays, self.horizon);
        let last = compact::day(compact::stamp(last.and_time(chrono::NaiveTime::MIN)));
        self.known.insert(day, last);
        last
    }
}

impl<'a> ComplaintView<'a> {
    /// `None` when the complaint was received after `as_of`.
    pub fn of(
        index: usize,
        row: &'a ComplaintRow,
        last_days: &mut LastDays,
        as_of: Stamp,
    ) -> Option<ComplaintView<'a>> {
        if row.received_at > as_of {
            return None;
        }
        let later = |t: Stamp| t != NONE && t > as_of;
        let callback_satisfied = if later(row.callback_at) || later(row.resolved_at) {
            None
        } else {
            row.callback_satisfied
        };
        Some(ComplaintView {
            index,
            row,
            resolved_at: some(cut(row.resolved_at, as_of)),
            callback_at: some(cut(row.callback_at, as_of)),
            callback_satisfied,
            last_allowed_day: last_days.of(row.received_at),
        })
    }

    pub fn is_resolved(&self) -> bool {
        self.resolved_at.is_some()
    }

    /// Resolved on or before the last allowed day (time of day ignored).
    pub fn on_time(&self) -> bool {
        self.resolved_at
            .is_some_and(|t| compact::day(t) <= self.last_allowed_day)
    }

    /// Resolved by `as_of`, or the last allowed day has ended by `as_of`
    /// (`as_of` at or after 00:00 of the next day).
    pub fn is_due(&self, as_of: Stamp) -> bool {
        self.is_resolved() || compact::day(as_of) > self.last_allowed_day
    }

    /// Unresolved and its last allowed day has ended.
    pub fn is_overdue(&self, as_of: Stamp) -> bool {
        !self.is_resolved() && compact::day(as_of) > self.last_allowed_day
    }

    /// How long it has been open, in seconds: to its resolution, else to
    /// `as_of`.
    pub fn open_for(&self, as_of: Stamp) -> i64 {
        self.resolved_at.unwrap_or(as_of) - self.row.received_at
    }

    /// Escalation criterion (a): our responsibility and unresolved for
    /// more than `major_unresolved_days` 24-hour spans as of `as_of`, or
    /// resolved later than that.
    pub fn long_unresolved(&self, limits: &Limits, as_of: Stamp) -> bool {
        self.row.ours == Some(true) && self.open_for(as_of) > limits.major_span
    }
}

/// Every complaint of the snapshot, in file order.
pub fn complaints<'a>(
    rows: &'a [ComplaintRow],
    standards: &Standards,
    holidays: &Holidays,
    as_of: NaiveDateTime,
) -> Vec<ComplaintView<'a>> {
    let mut last_days = LastDays::new(standards, holidays, as_of);
    let as_of = compact::stamp(as_of);
    rows.iter()
        .enumerate()
        .filter_map(|(i, c)| ComplaintView::of(i, c, &mut last_days, as_of))
        .collect()
}

/// A duration in seconds as a [`TimeDelta`].
pub fn seconds(s: i64) -> TimeDelta {
    TimeDelta::seconds(s)
}
