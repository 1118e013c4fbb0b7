//! `complaints.csv` — 投诉记录.

use super::model::{Complaint, Private};
use super::repairs::check_unique;
use super::table::{ColumnSpec, LogReader, Row, column};
use super::values::{parse_channel, parse_complaint_level};
use crate::diagnostics::Kind;
use crate::messages::data::DataMsg;
use std::collections::HashMap;

pub const COLUMNS: &[ColumnSpec] = &[
    column("id", "编号", true),
    column("received_at", "受理时间", true),
    column("channel", "渠道", false),
    column("room", "房号", false),
    column("contact", "联系人", false),
    column("phone", "电话", false),
    column("category", "类别", false),
    column("level", "级别", false),
    column("ours", "我方责任", false),
    column("summary", "内容", false),
    column("resolved_at", "办结时间", false),
    column("callback_at", "回访时间", false),
    column("callback_satisfied", "回访满意", false),
    column("handler", "处理部门", false),
];

#[derive(Default)]
pub struct ComplaintsReader {
    pub records: Vec<Complaint>,
    ids: HashMap<String, u64>,
}

impl LogReader for ComplaintsReader {
    fn specs(&self) -> &'static [ColumnSpec] {
        COLUMNS
    }

    fn row(&mut self, row: &mut Row) {
        let id = row.required("id");
        if let Some(id) = id {
            check_unique(row, &mut self.ids, "id", id);
        }
        let received_at = row.datetime("received_at", true);
        let level_text = row.cell("level");
        let level = if level_text.is_empty() {
            None
        } else {
            let level = parse_complaint_level(level_text);
            if level.is_none()
                && let Some(col) = row.header.col("level")
            {
                row.error(
                    col,
                    Kind::BadLevel,
                    DataMsg::BadComplaintLevel { value: level_text },
                    Some(level_text),
                );
            }
            level
        };
        let ours = row.boolean("ours");
        let resolved_at = row.datetime("resolved_at", false);
        let callback_at = row.datetime("callback_at", false);
        let callback_satisfied = row.boolean("callback_satisfied");
        if let (Some(received), Some(resolved)) = (received_at, resolved_at)
            && resolved < received
            && let Some(col) = row.header.col("resolved_at")
        {
            let value = row.cell("resolved_at");
            row.error(
                col,
                Kind::ResolvedBeforeReceived,
                DataMsg::ResolvedBeforeReceived {
                    resolved: &crate::datetime::format_minutes(&resolved),
                    received: &crate::datetime::format_minutes(&received),
                },
                Some(value),
            );
        }
        if row.is_bad() {
            return;
        }
        let (Some(id), Some(received_at)) = (id, received_at) else {
            return;
        };
        self.records.push(Complaint {
            line: row.line,
            id: id.to_string(),
            received_at,
            channel: parse_channel(row.cell("channel")),
            room: Private::new(row.text("room")),
            contact: Private::new(row.text("contact")),
            phone: Private::new(row.text("phone")),
            category: row.text("category"),
            level,
            ours,
            summary: Private::new(row.text("summary")),
            resolved_at,
            callback_at,
            callback_satisfied,
            handler: row.text("handler"),
        });
    }
}
