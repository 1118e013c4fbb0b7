//! The logs in a compact form, for estates with millions of rows.
//!
//! [`super::Logs`] keeps every row as a record of owned strings (about
//! 500 bytes a repair order). The metrics need none of those strings
//! except a few labels, so the loader keeps each valid row as a small
//! fixed-size record ([`RepairRow`], [`ComplaintRow`], [`SurveyRow`]):
//! timestamps as seconds, labels as numbers into a table of distinct
//! labels. The free text and personal data (rooms, names, phones, notes)
//! are kept, packed in one buffer per log, only for the rows that can
//! appear in the internal report ([`Keep`]). [`CompactLogs`] can give back
//! a full [`Repair`] / [`Complaint`] / [`Survey`] for those rows, and the
//! whole [`Logs`] when everything was kept.
//!
//! Row order is file order, the same as in [`Logs`]: row `i` here is
//! record `i` there.

use super::model::{
    Channel, Complaint, ComplaintLevel, Holidays, Logs, Private, Repair, RepairLevel, Survey,
    SurveyLog,
};
use chrono::{DateTime, NaiveDateTime};
use std::collections::{BTreeMap, HashMap};

/// A timestamp: seconds since 1970-01-01 00:00 on the estate's wall clock,
/// or [`NONE`] for an empty cell.
pub type Stamp = i64;

/// The empty timestamp.
pub const NONE: Stamp = i64::MIN;

/// No detail record.
pub const NO_DETAIL: u32 = u32::MAX;

pub fn stamp(t: NaiveDateTime) -> Stamp {
    t.and_utc().timestamp()
}

pub fn opt_stamp(t: Option<NaiveDateTime>) -> Stamp {
    t.map_or(NONE, stamp)
}

/// The datetime of a stamp; `None` for [`NONE`].
pub fn datetime(s: Stamp) -> Option<NaiveDateTime> {
    if s == NONE {
        return None;
    }
    DateTime::from_timestamp(s, 0).map(|t| t.naive_utc())
}

/// The day number of a stamp (days since 1970-01-01), for comparisons of
/// dates without the time of day.
pub fn day(s: Stamp) -> i64 {
    s.div_euclid(86_400)
}

/// Distinct labels (categories, channels, rooms), numbered in order of
/// first appearance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labels {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Labels {
    pub fn intern(&mut self, name: &str) -> u32 {
        // A handful of labels (levels, categories, channels) are found
        // quicker by comparing than by hashing.
        if self.names.len() <= 16 {
            if let Some(i) = self.names.iter().position(|n| n == name) {
                return i as u32;
            }
        } else if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), i);
        i
    }

    pub fn name(&self, i: u32) -> &str {
        self.names.get(i as usize).map_or("", String::as_str)
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Adds `other`'s labels; returns, for each of `other`'s numbers, its
    /// number here.
    pub fn absorb(&mut self, other: &Labels) -> Vec<u32> {
        other.names.iter().map(|name| self.intern(name)).collect()
    }
}

/// Many short texts in one buffer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Texts {
    text: String,
    ends: Vec<usize>,
}

impl Texts {
    pub fn push(&mut self, text: &str) {
        self.text.push_str(text);
        self.ends.push(self.text.len());
    }

    pub fn get(&self, i: usize) -> &str {
        let end = self.ends.get(i).copied().unwrap_or(0);
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1).copied().unwrap_or(end),
        };
        self.text.get(start..end).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn append(&mut self, other: &Texts) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|end| end + base));
    }
}

/// Which private texts the loader keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// None: enough for every figure (`wuye metrics`, `wuye check`).
    Nothing,
    /// What the internal report can list as of this instant: repair
    /// orders still open then (only they can be overdue), every
    /// complaint (any can be escalated).
    ListableAt(NaiveDateTime),
    /// Everything, to rebuild the full [`Logs`].
    Everything,
}

impl Keep {
    pub fn repair(self, reported_at: Stamp, completed_at: Stamp) -> bool {
        match self {
            Keep::Nothing => false,
            Keep::Everything => true,
            Keep::ListableAt(as_of) => {
                let as_of = stamp(as_of);
                reported_at <= as_of && (completed_at == NONE || completed_at > as_of)
            }
        }
    }

    pub fn complaint(self) -> bool {
        self != Keep::Nothing
    }

    pub fn survey(self) -> bool {
        self == Keep::Everything
    }
}

/// One valid row of `repairs.csv`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RepairRow {
    pub line: u64,
    pub reported_at: Stamp,
    pub dispatched_at: Stamp,
    pub arrived_at: Stamp,
    pub agreed_at: Stamp,
    pub completed_at: Stamp,
    /// Into [`CompactLogs::repair_categories`].
    pub category: u32,
    /// Record number in [`CompactLogs::repair_details`], or [`NO_DETAIL`].
    pub detail: u32,
    pub level: RepairLevel,
    pub passed: Option<bool>,
    /// `rework_of` is not empty.
    pub rework: bool,
}

/// The texts of a repair detail record, in this order.
pub const REPAIR_TEXTS: usize = 8;
pub const R_ID: usize = 0;
pub const R_ROOM: usize = 1;
pub const R_CONTACT: usize = 2;
pub const R_PHONE: usize = 3;
pub const R_DELAY_REASON: usize = 4;
pub const R_TECHNICIAN: usize = 5;
pub const R_NOTE: usize = 6;
pub const R_REWORK_OF: usize = 7;

/// One valid row of `complaints.csv`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComplaintRow {
    pub line: u64,
    pub received_at: Stamp,
    pub resolved_at: Stamp,
    pub callback_at: Stamp,
    /// Into [`CompactLogs::complaint_ids`] (always kept: escalations name it).
    pub id: u32,
    /// Into [`CompactLogs::rooms`] (always kept: repeat complaints group by it).
    pub room: u32,
    pub category: u32,
    /// Into [`CompactLogs::channels`], by [`Channel::key`].
    pub channel: u32,
    pub detail: u32,
    pub level: Option<ComplaintLevel>,
    pub ours: Option<bool>,
    pub callback_satisfied: Option<bool>,
}

pub const COMPLAINT_TEXTS: usize = 4;
pub const C_CONTACT: usize = 0;
pub const C_PHONE: usize = 1;
pub const C_SUMMARY: usize = 2;
pub const C_HANDLER: usize = 3;

/// One valid row of `surveys.csv`; its scores are in [`SurveyRows::scores`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurveyRow {
    pub line: u64,
    pub date: Stamp,
    pub overall: f64,
    pub detail: u32,
}

pub const SURVEY_TEXTS: usize = 4;
pub const S_ID: usize = 0;
pub const S_ROOM: usize = 1;
pub const S_COMMENT: usize = 2;
pub const S_NOTE: usize = 3;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SurveyRows {
    pub dimensions: Vec<String>,
    pub rows: Vec<SurveyRow>,
    /// `dimensions.len()` scores per row, row after row; NaN = not answered
    /// (a read score is always finite).
    pub scores: Vec<f64>,
    pub details: Texts,
}

impl SurveyRows {
    /// The scores of row `i`.
    pub fn scores_of(&self, i: usize) -> &[f64] {
        let n = self.dimensions.len();
        self.scores.get(i * n..(i + 1) * n).unwrap_or(&[])
    }
}

/// Everything read from `data/`, compactly.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompactLogs {
    pub repairs: Vec<RepairRow>,
    pub repair_categories: Labels,
    pub repair_details: Texts,
    pub complaints: Vec<ComplaintRow>,
    pub complaint_ids: Texts,
    pub rooms: Labels,
    pub complaint_categories: Labels,
    pub channels: Labels,
    pub complaint_details: Texts,
    pub surveys: SurveyRows,
    pub holidays: Holidays,
    /// Per file, the rows that had errors (never among the rows above).
    pub bad_rows: BTreeMap<String, Vec<u64>>,
}

fn channel_of(key: &str) -> Channel {
    match key {
        "phone" => Channel::Phone,
        "visit" => Channel::Visit,
        "online" => Channel::Online,
        "letter" => Channel::Letter,
        other => Channel::Other(other.to_string()),
    }
}

impl CompactLogs {
    /// The full record of repair row `i`, when its texts were kept.
    pub fn repair(&self, i: usize) -> Option<Repair> {
        let r = self.repairs.get(i)?;
        if r.detail == NO_DETAIL {
            return None;
        }
        let text = |field: usize| {
            self.repair_details
                .get(r.detail as usize * REPAIR_TEXTS + field)
                .to_string()
        };
        let rework_of = text(R_REWORK_OF);
        Some(Repair {
            line: r.line,
            id: text(R_ID),
            reported_at: datetime(r.reported_at)?,
            room: Private::new(text(R_ROOM)),
            contact: Private::new(text(R_CONTACT)),
            phone: Private::new(text(R_PHONE)),
            category: self.repair_categories.name(r.category).to_string(),
            level: r.level,
            dispatched_at: datetime(r.dispatched_at),
            arrived_at: datetime(r.arrived_at),
            agreed_at: datetime(r.agreed_at),
            delay_reason: Private::new(text(R_DELAY_REASON)),
            completed_at: datetime(r.completed_at),
            passed: r.passed,
            rework_of: (!rework_of.is_empty()).then_some(rework_of),
            technician: Private::new(text(R_TECHNICIAN)),
            note: Private::new(text(R_NOTE)),
        })
    }

    /// The id of complaint row `i`.
    pub fn complaint_id(&self, i: usize) -> &str {
        self.complaints
            .get(i)
            .map_or("", |c| self.complaint_ids.get(c.id as usize))
    }

    /// The full record of complaint row `i`, when its texts were kept.
    pub fn complaint(&self, i: usize) -> Option<Complaint> {
        let c = self.complaints.get(i)?;
        if c.detail == NO_DETAIL {
            return None;
        }
        let text = |field: usize| {
            self.complaint_details
                .get(c.detail as usize * COMPLAINT_TEXTS + field)
                .to_string()
        };
        Some(Complaint {
            line: c.line,
            id: self.complaint_id(i).to_string(),
            received_at: datetime(c.received_at)?,
            channel: channel_of(self.channels.name(c.channel)),
            room: Private::new(self.rooms.name(c.room).to_string()),
            contact: Private::new(text(C_CONTACT)),
            phone: Private::new(text(C_PHONE)),
            category: self.complaint_categories.name(c.category).to_string(),
            level: c.level,
            ours: c.ours,
            summary: Private::new(text(C_SUMMARY)),
            resolved_at: datetime(c.resolved_at),
            callback_at: datetime(c.callback_at),
            callback_satisfied: c.callback_satisfied,
            handler: text(C_HANDLER),
        })
    }

    /// The full record of survey row `i`, when its texts were kept.
    pub fn survey(&self, i: usize) -> Option<Survey> {
        let s = self.surveys.rows.get(i)?;
        if s.detail == NO_DETAIL {
            return None;
        }
        let text = |field: usize| {
            self.surveys
                .details
                .get(s.detail as usize * SURVEY_TEXTS + field)
                .to_string()
        };
        Some(Survey {
            line: s.line,
            id: text(S_ID),
            date: datetime(s.date)?,
            room: Private::new(text(S_ROOM)),
            overall: s.overall,
            comment: Private::new(text(S_COMMENT)),
            note: Private::new(text(S_NOTE)),
            scores: self
                .surveys
                .scores_of(i)
                .iter()
                .map(|v| (!v.is_nan()).then_some(*v))
                .collect(),
        })
    }

    /// Drops the rows no listing can show once the figures are computed:
    /// repair orders whose texts were not kept, and the survey responses
    /// (the internal report names only the dimensions). Complaints all
    /// stay: any may be repeated by another.
    pub fn keep_listable(&mut self) {
        self.repairs.retain(|r| r.detail != NO_DETAIL);
        self.repairs.shrink_to_fit();
        self.surveys.rows = Vec::new();
        self.surveys.scores = Vec::new();
    }

    /// The full logs; rows whose texts were not kept are left out (with
    /// [`Keep::Everything`] none are).
    pub fn to_logs(&self) -> Logs {
        Logs {
            repairs: (0..self.repairs.len())
                .filter_map(|i| self.repair(i))
                .collect(),
            complaints: (0..self.complaints.len())
                .filter_map(|i| self.complaint(i))
                .collect(),
            surveys: SurveyLog {
                dimensions: self.surveys.dimensions.clone(),
                responses: (0..self.surveys.rows.len())
                    .filter_map(|i| self.survey(i))
                    .collect(),
            },
            holidays: self.holidays.clone(),
            bad_rows: self.bad_rows.clone(),
        }
    }

    /// The compact form of full logs, every text kept; row `i` is record `i`.
    pub fn from_logs(logs: &Logs) -> CompactLogs {
        let mut out = CompactLogs {
            holidays: logs.holidays.clone(),
            bad_rows: logs.bad_rows.clone(),
            ..CompactLogs::default()
        };
        for (i, r) in logs.repairs.iter().enumerate() {
            for text in [
                r.id.as_str(),
                r.room.expose_for_computation(),
                r.contact.expose_for_computation(),
                r.phone.expose_for_computation(),
                r.delay_reason.expose_for_computation(),
                r.technician.expose_for_computation(),
                r.note.expose_for_computation(),
                r.rework_of.as_deref().unwrap_or(""),
            ] {
                out.repair_details.push(text);
            }
            out.repairs.push(RepairRow {
                line: r.line,
                reported_at: stamp(r.reported_at),
                dispatched_at: opt_stamp(r.dispatched_at),
                arrived_at: opt_stamp(r.arrived_at),
                agreed_at: opt_stamp(r.agreed_at),
                completed_at: opt_stamp(r.completed_at),
                // Labels count trimmed, as the metrics read them.
                category: out.repair_categories.intern(r.category.trim()),
                detail: i as u32,
                level: r.level,
                passed: r.passed,
                rework: r
                    .rework_of
                    .as_deref()
                    .is_some_and(|id| !id.trim().is_empty()),
            });
        }
        for (i, c) in logs.complaints.iter().enumerate() {
            out.complaint_ids.push(&c.id);
            for text in [
                c.contact.expose_for_computation().as_str(),
                c.phone.expose_for_computation(),
                c.summary.expose_for_computation(),
                &c.handler,
            ] {
                out.complaint_details.push(text);
            }
            out.complaints.push(ComplaintRow {
                line: c.line,
                received_at: stamp(c.received_at),
                resolved_at: opt_stamp(c.resolved_at),
                callback_at: opt_stamp(c.callback_at),
                id: i as u32,
                room: out.rooms.intern(c.room.expose_for_computation().trim()),
                category: out.complaint_categories.intern(c.category.trim()),
                channel: out.channels.intern(c.channel.key()),
                detail: i as u32,
                level: c.level,
                ours: c.ours,
                callback_satisfied: c.callback_satisfied,
            });
        }
        let surveys = &mut out.surveys;
        surveys.dimensions = logs.surveys.dimensions.clone();
        for (i, s) in logs.surveys.responses.iter().enumerate() {
            for text in [
                s.id.as_str(),
                s.room.expose_for_computation(),
                s.comment.expose_for_computation(),
                s.note.expose_for_computation(),
            ] {
                surveys.details.push(text);
            }
            surveys.rows.push(SurveyRow {
                line: s.line,
                date: stamp(s.date),
                overall: s.overall,
                detail: i as u32,
            });
            for d in 0..surveys.dimensions.len() {
                let score = s.scores.get(d).copied().flatten();
                surveys.scores.push(score.unwrap_or(f64::NAN));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_round_trip_and_days() {
        let t = NaiveDateTime::parse_from_str("2026-03-05 14:30:07", "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(datetime(stamp(t)), Some(t));
        assert_eq!(datetime(NONE), None);
        let early =
            NaiveDateTime::parse_from_str("1900-01-01 00:00:00", "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(datetime(stamp(early)), Some(early));
        // Days count from 1970-01-01, also before it.
        assert_eq!(
            day(stamp(t)),
            t.date()
                .signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
                .num_days()
        );
        assert_eq!(day(-1), -1);
    }

    #[test]
    fn texts_and_labels() {
        let mut texts = Texts::default();
        texts.push("3栋101");
        texts.push("");
        texts.push("王先生");
        assert_eq!(
            (texts.get(0), texts.get(1), texts.get(2)),
            ("3栋101", "", "王先生")
        );
        assert_eq!(texts.get(9), "");
        let mut more = Texts::default();
        more.push("x");
        texts.append(&more);
        assert_eq!(texts.get(3), "x");

        let mut labels = Labels::default();
        assert_eq!(labels.intern("水电"), 0);
        assert_eq!(labels.intern("门窗"), 1);
        assert_eq!(labels.intern("水电"), 0);
        let mut other = Labels::default();
        other.intern("门窗");
        other.intern("电梯");
        assert_eq!(labels.absorb(&other), vec![1, 2]);
        assert_eq!(labels.name(2), "电梯");
    }
}
