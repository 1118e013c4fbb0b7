//! Typed records of the three logs and the holiday calendar.
//!
//! Personal data (rooms, names, phones, free text) is wrapped in
//! [`Private`], which deliberately does not implement `Serialize` or
//! `Display`: a public page cannot show it by accident. Only the internal
//! report unwraps it, with [`Private::expose_for_internal_report`].

use chrono::{NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;
use std::collections::BTreeSet;

/// A value that must never reach a public output.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Private<T>(T);

impl<T> Private<T> {
    pub fn new(value: T) -> Self {
        Private(value)
    }

    /// The value, for the internal staff report only.
    pub fn expose_for_internal_report(&self) -> &T {
        &self.0
    }

    /// The value, for computations that use it without publishing it
    /// (for example grouping complaints by room for escalation).
    pub fn expose_for_computation(&self) -> &T {
        &self.0
    }
}

impl<T> std::fmt::Debug for Private<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Private(..)")
    }
}

/// 小修 / 中修 / 急修
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RepairLevel {
    Minor,
    Medium,
    Emergency,
}

impl RepairLevel {
    pub const ALL: [RepairLevel; 3] = [
        RepairLevel::Minor,
        RepairLevel::Medium,
        RepairLevel::Emergency,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RepairLevel::Minor => "minor",
            RepairLevel::Medium => "medium",
            RepairLevel::Emergency => "emergency",
        }
    }
}

/// 重大 / 重要 / 轻微
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ComplaintLevel {
    Major,
    Important,
    Minor,
}

impl ComplaintLevel {
    pub const ALL: [ComplaintLevel; 3] = [
        ComplaintLevel::Major,
        ComplaintLevel::Important,
        ComplaintLevel::Minor,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ComplaintLevel::Major => "major",
            ComplaintLevel::Important => "important",
            ComplaintLevel::Minor => "minor",
        }
    }
}

/// How a complaint reached the centre. Labels outside the four are kept as
/// written (trimmed); an empty cell is `Other("")`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    Phone,
    Visit,
    Online,
    Letter,
    Other(String),
}

impl Channel {
    /// The `by_channel` key of metrics JSON.
    pub fn key(&self) -> &str {
        match self {
            Channel::Phone => "phone",
            Channel::Visit => "visit",
            Channel::Online => "online",
            Channel::Letter => "letter",
            Channel::Other(label) => label,
        }
    }
}

/// One valid row of `repairs.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Repair {
    /// Physical line where the record starts (header = 1).
    pub line: u64,
    pub id: String,
    pub reported_at: NaiveDateTime,
    pub room: Private<String>,
    pub contact: Private<String>,
    pub phone: Private<String>,
    /// Trimmed label; "" when empty.
    pub category: String,
    pub level: RepairLevel,
    pub dispatched_at: Option<NaiveDateTime>,
    pub arrived_at: Option<NaiveDateTime>,
    pub agreed_at: Option<NaiveDateTime>,
    pub delay_reason: Private<String>,
    pub completed_at: Option<NaiveDateTime>,
    pub passed: Option<bool>,
    pub rework_of: Option<String>,
    pub technician: Private<String>,
    pub note: Private<String>,
}

/// One valid row of `complaints.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Complaint {
    pub line: u64,
    pub id: String,
    pub received_at: NaiveDateTime,
    pub channel: Channel,
    pub room: Private<String>,
    pub contact: Private<String>,
    pub phone: Private<String>,
    pub category: String,
    /// `None` = not yet classified.
    pub level: Option<ComplaintLevel>,
    pub ours: Option<bool>,
    pub summary: Private<String>,
    pub resolved_at: Option<NaiveDateTime>,
    pub callback_at: Option<NaiveDateTime>,
    pub callback_satisfied: Option<bool>,
    pub handler: String,
}

/// One valid row of `surveys.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    pub line: u64,
    pub id: String,
    /// The survey date (00:00 when the cell holds a bare date).
    pub date: NaiveDateTime,
    pub room: Private<String>,
    pub overall: f64,
    pub comment: Private<String>,
    pub note: Private<String>,
    /// One entry per [`SurveyLog::dimensions`]; `None` = not answered.
    pub scores: Vec<Option<f64>>,
}

/// The survey log with the dimensions its header names.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SurveyLog {
    /// Dimension names exactly as the header writes them (trimmed), in header order.
    pub dimensions: Vec<String>,
    pub responses: Vec<Survey>,
}

/// `holidays.csv`: official holidays and weekend make-up working days.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Holidays {
    pub holidays: BTreeSet<NaiveDate>,
    pub workdays: BTreeSet<NaiveDate>,
}

/// A row left out by `--skip-bad-rows`.
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedRow {
    pub file: String,
    pub line: u64,
}

/// Everything read from `data/`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Logs {
    pub repairs: Vec<Repair>,
    pub complaints: Vec<Complaint>,
    pub surveys: SurveyLog,
    pub holidays: Holidays,
    /// Per-file, the rows that had errors (they are never in the vectors above).
    pub bad_rows: BTreeMap<String, Vec<u64>>,
}
