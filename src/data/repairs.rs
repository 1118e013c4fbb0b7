//! `repairs.csv` — 报修/维修记录.

use super::compact::{self, Keep, Labels, NO_DETAIL, RepairRow, Texts};
use super::table::{ColumnSpec, FileReport, Header, IdSet, LogReader, Row, column};
use super::values::parse_repair_level;
use crate::diagnostics::Kind;
use crate::messages::data::DataMsg;
use std::collections::BTreeSet;

pub const COLUMNS: &[ColumnSpec] = &[
    column("id", "工单号", true),
    column("reported_at", "报修时间", true),
    column("room", "房号", false),
    column("contact", "联系人", false),
    column("phone", "电话", false),
    column("category", "类别", false),
    column("level", "级别", true),
    column("dispatched_at", "派单时间", false),
    column("arrived_at", "到场时间", false),
    column("agreed_at", "约定时间", false),
    column("delay_reason", "延期原因", false),
    column("completed_at", "完工时间", false),
    column("passed", "验收合格", false),
    column("rework_of", "返修单号", false),
    column("technician", "维修人员", false),
    column("note", "备注", false),
];

/// Where each contract column is in the file (looked up once).
#[derive(Debug, Clone, Copy, Default)]
struct Cols {
    id: Option<usize>,
    reported_at: Option<usize>,
    room: Option<usize>,
    contact: Option<usize>,
    phone: Option<usize>,
    category: Option<usize>,
    level: Option<usize>,
    dispatched_at: Option<usize>,
    arrived_at: Option<usize>,
    agreed_at: Option<usize>,
    delay_reason: Option<usize>,
    completed_at: Option<usize>,
    passed: Option<usize>,
    rework_of: Option<usize>,
    technician: Option<usize>,
    note: Option<usize>,
}

impl Cols {
    fn of(header: &Header) -> Self {
        Cols {
            id: header.col("id"),
            reported_at: header.col("reported_at"),
            room: header.col("room"),
            contact: header.col("contact"),
            phone: header.col("phone"),
            category: header.col("category"),
            level: header.col("level"),
            dispatched_at: header.col("dispatched_at"),
            arrived_at: header.col("arrived_at"),
            agreed_at: header.col("agreed_at"),
            delay_reason: header.col("delay_reason"),
            completed_at: header.col("completed_at"),
            passed: header.col("passed"),
            rework_of: header.col("rework_of"),
            technician: header.col("technician"),
            note: header.col("note"),
        }
    }
}

pub struct RepairsReader {
    keep: Keep,
    cols: Cols,
    pub rows: Vec<RepairRow>,
    pub categories: Labels,
    /// [`compact::REPAIR_TEXTS`] texts per kept row.
    pub details: Texts,
    /// (line, column, rework_of) to check once every id is known.
    rework: Vec<(u64, usize, String)>,
}

impl RepairsReader {
    pub fn new(keep: Keep) -> Self {
        RepairsReader {
            keep,
            cols: Cols::default(),
            rows: Vec::new(),
            categories: Labels::default(),
            details: Texts::default(),
            rework: Vec::new(),
        }
    }
}

impl LogReader for RepairsReader {
    fn specs(&self) -> &'static [ColumnSpec] {
        COLUMNS
    }

    fn header(&mut self, header: &Header) {
        self.cols = Cols::of(header);
    }

    fn row(&mut self, row: &mut Row) {
        let c = self.cols;
        // Duplicate ids are found by the caller, before this.
        let id = row.required_at(c.id);
        let reported_at = row.datetime_at(c.reported_at, true);
        let level = row.required_at(c.level).and_then(|text| {
            let level = parse_repair_level(text);
            if level.is_none()
                && let Some(col) = c.level
            {
                row.error(
                    col,
                    Kind::BadLevel,
                    DataMsg::BadRepairLevel { value: text },
                    Some(text),
                );
            }
            level
        });
        let dispatched_at = row.datetime_at(c.dispatched_at, false);
        let arrived_at = row.datetime_at(c.arrived_at, false);
        let agreed_at = row.datetime_at(c.agreed_at, false);
        let completed_at = row.datetime_at(c.completed_at, false);
        let passed = row.boolean_at(c.passed);
        let rework_of = row.get(c.rework_of);
        if !rework_of.is_empty()
            && let Some(col) = c.rework_of
        {
            self.rework.push((row.line, col, rework_of.to_string()));
        }

        if let (Some(reported), Some(completed)) = (reported_at, completed_at)
            && completed < reported
            && let Some(col) = c.completed_at
        {
            let value = row.get(c.completed_at);
            row.error(
                col,
                Kind::CompletedBeforeReported,
                DataMsg::CompletedBeforeReported {
                    completed: &crate::datetime::format_minutes(&completed),
                    reported: &crate::datetime::format_minutes(&reported),
                },
                Some(value),
            );
        }
        // Warnings are given on every row, bad or not, so that one pass of
        // corrections fixes everything.
        if agreed_at.is_some()
            && row.get(c.delay_reason).is_empty()
            && let Some(col) = c.delay_reason.or(c.agreed_at)
        {
            row.warning(col, Kind::AgreedWithoutReason, DataMsg::AgreedWithoutReason);
        }
        if completed_at.is_some()
            && row.get(c.passed).is_empty()
            && let Some(col) = c.passed.or(c.completed_at)
        {
            row.warning(
                col,
                Kind::CompletedWithoutInspection,
                DataMsg::CompletedWithoutInspection,
            );
        }

        if row.is_bad() {
            return;
        }
        let (Some(id), Some(reported_at), Some(level)) = (id, reported_at, level) else {
            return;
        };
        let reported_at = compact::stamp(reported_at);
        let completed_at = compact::opt_stamp(completed_at);
        let detail = if self.keep.repair(reported_at, completed_at) {
            for text in [
                id,
                row.get(c.room),
                row.get(c.contact),
                row.get(c.phone),
                row.get(c.delay_reason),
                row.get(c.technician),
                row.get(c.note),
                rework_of,
            ] {
                self.details.push(text);
            }
            (self.details.len() / compact::REPAIR_TEXTS - 1) as u32
        } else {
            NO_DETAIL
        };
        self.rows.push(RepairRow {
            line: row.line,
            reported_at,
            dispatched_at: compact::opt_stamp(dispatched_at),
            arrived_at: compact::opt_stamp(arrived_at),
            agreed_at: compact::opt_stamp(agreed_at),
            completed_at,
            category: self.categories.intern(row.get(c.category)),
            detail,
            level,
            passed,
            rework: !rework_of.is_empty(),
        });
    }

    fn fork(&self) -> Self {
        RepairsReader {
            cols: self.cols,
            ..RepairsReader::new(self.keep)
        }
    }

    fn reserve(&mut self, rows: usize) {
        self.rows.reserve(rows);
    }

    fn shift_lines(&mut self, delta: u64) {
        for r in &mut self.rows {
            r.line += delta;
        }
        for (line, _, _) in &mut self.rework {
            *line += delta;
        }
    }

    fn append(&mut self, mut later: Self) {
        let categories = self.categories.absorb(&later.categories);
        let details = (self.details.len() / compact::REPAIR_TEXTS) as u32;
        for r in &mut later.rows {
            r.category = categories.get(r.category as usize).copied().unwrap_or(0);
            if r.detail != NO_DETAIL {
                r.detail += details;
            }
        }
        if self.rows.is_empty() && self.rows.capacity() < later.rows.capacity() {
            std::mem::swap(&mut self.rows, &mut later.rows);
        } else {
            self.rows.append(&mut later.rows);
        }
        self.details.append(&later.details);
        self.rework.append(&mut later.rework);
    }

    fn finish(&mut self, header: &Header, report: &mut FileReport, ids: &IdSet) {
        // rework_of may name any order of the file, earlier or later, valid
        // or not.
        for (line, col, rework_of) in std::mem::take(&mut self.rework) {
            if !ids.contains(&rework_of) {
                report.row_error(
                    header,
                    line,
                    col,
                    Kind::UnknownReworkOf,
                    DataMsg::UnknownReworkOf { value: &rework_of },
                    Some(&rework_of),
                );
            }
        }
    }

    fn drop_bad(&mut self, bad: &BTreeSet<u64>) {
        if !bad.is_empty() {
            self.rows.retain(|r| !bad.contains(&r.line));
        }
    }
}
