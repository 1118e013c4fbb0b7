//! `repairs.csv` — 报修/维修记录.

use super::model::Repair;
use super::table::{ColumnSpec, FileReport, Header, LogReader, Row, column};
use super::values::parse_repair_level;
use crate::data::model::Private;
use crate::diagnostics::Kind;
use crate::messages::data::DataMsg;
use std::collections::HashMap;

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

#[derive(Default)]
pub struct RepairsReader {
    pub records: Vec<Repair>,
    /// Every id in the file, valid row or not, with its first line.
    ids: HashMap<String, u64>,
    /// (line, column, rework_of) to check once every id is known.
    rework: Vec<(u64, usize, String)>,
}

impl LogReader for RepairsReader {
    fn specs(&self) -> &'static [ColumnSpec] {
        COLUMNS
    }

    fn row(&mut self, row: &mut Row) {
        let id = row.required("id");
        if let Some(id) = id {
            check_unique(row, &mut self.ids, "id", id);
        }
        let reported_at = row.datetime("reported_at", true);
        let level = row.required("level").and_then(|text| {
            let level = parse_repair_level(text);
            if level.is_none()
                && let Some(col) = row.header.col("level")
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
        let dispatched_at = row.datetime("dispatched_at", false);
        let arrived_at = row.datetime("arrived_at", false);
        let agreed_at = row.datetime("agreed_at", false);
        let completed_at = row.datetime("completed_at", false);
        let passed = row.boolean("passed");
        let rework_of = row.cell("rework_of");
        if !rework_of.is_empty()
            && let Some(col) = row.header.col("rework_of")
        {
            self.rework.push((row.line, col, rework_of.to_string()));
        }

        if let (Some(reported), Some(completed)) = (reported_at, completed_at)
            && completed < reported
            && let Some(col) = row.header.col("completed_at")
        {
            let value = row.cell("completed_at");
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
        if agreed_at.is_some() && row.cell("delay_reason").is_empty() {
            let col = row
                .header
                .col("delay_reason")
                .or_else(|| row.header.col("agreed_at"));
            if let Some(col) = col {
                row.warning(col, Kind::AgreedWithoutReason, DataMsg::AgreedWithoutReason);
            }
        }
        if completed_at.is_some() && row.cell("passed").is_empty() {
            let col = row
                .header
                .col("passed")
                .or_else(|| row.header.col("completed_at"));
            if let Some(col) = col {
                row.warning(
                    col,
                    Kind::CompletedWithoutInspection,
                    DataMsg::CompletedWithoutInspection,
                );
            }
        }

        if row.is_bad() {
            return;
        }
        let (Some(id), Some(reported_at), Some(level)) = (id, reported_at, level) else {
            return;
        };
        self.records.push(Repair {
            line: row.line,
            id: id.to_string(),
            reported_at,
            room: Private::new(row.text("room")),
            contact: Private::new(row.text("contact")),
            phone: Private::new(row.text("phone")),
            category: row.text("category"),
            level,
            dispatched_at,
            arrived_at,
            agreed_at,
            delay_reason: Private::new(row.text("delay_reason")),
            completed_at,
            passed,
            rework_of: (!rework_of.is_empty()).then(|| rework_of.to_string()),
            technician: Private::new(row.text("technician")),
            note: Private::new(row.text("note")),
        });
    }

    fn finish(&mut self, header: &Header, report: &mut FileReport) {
        // rework_of may name any order of the file, earlier or later, valid
        // or not.
        for (line, col, rework_of) in std::mem::take(&mut self.rework) {
            if !self.ids.contains_key(&rework_of) {
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
        self.records.retain(|r| !report.bad.contains(&r.line));
        self.ids = HashMap::new();
    }
}

/// The first row with an id keeps it; each later one is a `duplicate_id`
/// error. Ids are compared trimmed and case-sensitively.
pub fn check_unique(row: &mut Row, ids: &mut HashMap<String, u64>, key: &str, id: &str) {
    match ids.get(id) {
        Some(&first_line) => {
            if let Some(col) = row.header.col(key) {
                let column = row.header.name(col).to_string();
                row.error(
                    col,
                    Kind::DuplicateId,
                    DataMsg::DuplicateId {
                        column: &column,
                        value: id,
                        first_line,
                    },
                    Some(id),
                );
            }
        }
        None => {
            ids.insert(id.to_string(), row.line);
        }
    }
}
