//! `complaints.csv` — 投诉记录.

use super::compact::{self, ComplaintRow, Keep, Labels, NO_DETAIL, Texts};
use super::table::{ColumnSpec, Header, LogReader, Row, column};
use super::values::{parse_channel, parse_complaint_level};
use crate::diagnostics::Kind;
use crate::messages::data::DataMsg;
use std::collections::BTreeSet;

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

#[derive(Debug, Clone, Copy, Default)]
struct Cols {
    id: Option<usize>,
    received_at: Option<usize>,
    channel: Option<usize>,
    room: Option<usize>,
    contact: Option<usize>,
    phone: Option<usize>,
    category: Option<usize>,
    level: Option<usize>,
    ours: Option<usize>,
    summary: Option<usize>,
    resolved_at: Option<usize>,
    callback_at: Option<usize>,
    callback_satisfied: Option<usize>,
    handler: Option<usize>,
}

pub struct ComplaintsReader {
    keep: Keep,
    cols: Cols,
    pub rows: Vec<ComplaintRow>,
    pub ids: Texts,
    pub rooms: Labels,
    pub categories: Labels,
    pub channels: Labels,
    /// [`compact::COMPLAINT_TEXTS`] texts per kept row.
    pub details: Texts,
}

impl ComplaintsReader {
    pub fn new(keep: Keep) -> Self {
        ComplaintsReader {
            keep,
            cols: Cols::default(),
            rows: Vec::new(),
            ids: Texts::default(),
            rooms: Labels::default(),
            categories: Labels::default(),
            channels: Labels::default(),
            details: Texts::default(),
        }
    }
}

impl LogReader for ComplaintsReader {
    fn specs(&self) -> &'static [ColumnSpec] {
        COLUMNS
    }

    fn header(&mut self, header: &Header) {
        self.cols = Cols {
            id: header.col("id"),
            received_at: header.col("received_at"),
            channel: header.col("channel"),
            room: header.col("room"),
            contact: header.col("contact"),
            phone: header.col("phone"),
            category: header.col("category"),
            level: header.col("level"),
            ours: header.col("ours"),
            summary: header.col("summary"),
            resolved_at: header.col("resolved_at"),
            callback_at: header.col("callback_at"),
            callback_satisfied: header.col("callback_satisfied"),
            handler: header.col("handler"),
        };
    }

    fn row(&mut self, row: &mut Row) {
        let c = self.cols;
        let id = row.required_at(c.id);
        let received_at = row.datetime_at(c.received_at, true);
        let level_text = row.get(c.level);
        let level = if level_text.is_empty() {
            None
        } else {
            let level = parse_complaint_level(level_text);
            if level.is_none()
                && let Some(col) = c.level
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
        let ours = row.boolean_at(c.ours);
        let resolved_at = row.datetime_at(c.resolved_at, false);
        let callback_at = row.datetime_at(c.callback_at, false);
        let callback_satisfied = row.boolean_at(c.callback_satisfied);
        if let (Some(received), Some(resolved)) = (received_at, resolved_at)
            && resolved < received
            && let Some(col) = c.resolved_at
        {
            let value = row.get(c.resolved_at);
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
        let detail = if self.keep.complaint() {
            for text in [
                row.get(c.contact),
                row.get(c.phone),
                row.get(c.summary),
                row.get(c.handler),
            ] {
                self.details.push(text);
            }
            (self.details.len() / compact::COMPLAINT_TEXTS - 1) as u32
        } else {
            NO_DETAIL
        };
        self.ids.push(id);
        let channel = parse_channel(row.get(c.channel));
        self.rows.push(ComplaintRow {
            line: row.line,
            received_at: compact::stamp(received_at),
            resolved_at: compact::opt_stamp(resolved_at),
            callback_at: compact::opt_stamp(callback_at),
            id: (self.ids.len() - 1) as u32,
            room: self.rooms.intern(row.get(c.room)),
            category: self.categories.intern(row.get(c.category)),
            channel: self.channels.intern(channel.key()),
            detail,
            level,
            ours,
            callback_satisfied,
        });
    }

    fn fork(&self) -> Self {
        ComplaintsReader {
            cols: self.cols,
            ..ComplaintsReader::new(self.keep)
        }
    }

    fn reserve(&mut self, rows: usize) {
        self.rows.reserve(rows);
    }

    fn shift_lines(&mut self, delta: u64) {
        for r in &mut self.rows {
            r.line += delta;
        }
    }

    fn append(&mut self, mut later: Self) {
        let rooms = self.rooms.absorb(&later.rooms);
        let categories = self.categories.absorb(&later.categories);
        let channels = self.channels.absorb(&later.channels);
        let details = (self.details.len() / compact::COMPLAINT_TEXTS) as u32;
        let ids = self.ids.len() as u32;
        for r in &mut later.rows {
            r.room = rooms.get(r.room as usize).copied().unwrap_or(0);
            r.category = categories.get(r.category as usize).copied().unwrap_or(0);
            r.channel = channels.get(r.channel as usize).copied().unwrap_or(0);
            r.id += ids;
            if r.detail != NO_DETAIL {
                r.detail += details;
            }
        }
        if self.rows.is_empty() && self.rows.capacity() < later.rows.capacity() {
            std::mem::swap(&mut self.rows, &mut later.rows);
        } else {
            self.rows.append(&mut later.rows);
        }
        self.ids.append(&later.ids);
        self.details.append(&later.details);
    }

    fn drop_bad(&mut self, bad: &BTreeSet<u64>) {
        if !bad.is_empty() {
            self.rows.retain(|r| !bad.contains(&r.line));
        }
    }
}
