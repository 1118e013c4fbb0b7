//! `holidays.csv` — official holidays (休) and weekend make-up working days (班).

use super::model::Holidays;
use super::table::{ColumnSpec, LogReader, Row, column};
use super::values::{parse_holiday_date, parse_holiday_kind};
use crate::diagnostics::Kind;
use crate::messages::data::DataMsg;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

pub const COLUMNS: &[ColumnSpec] = &[column("date", "日期", true), column("kind", "类型", true)];

#[derive(Default)]
pub struct HolidaysReader {
    /// date → (is a holiday, the kind as written, line of its first listing).
    listed: BTreeMap<NaiveDate, (bool, String, u64)>,
}

impl HolidaysReader {
    pub fn holidays(&self) -> Holidays {
        let mut out = Holidays::default();
        for (&date, (holiday, _, _)) in &self.listed {
            if *holiday {
                out.holidays.insert(date);
            } else {
                out.workdays.insert(date);
            }
        }
        out
    }
}

impl LogReader for HolidaysReader {
    fn specs(&self) -> &'static [ColumnSpec] {
        COLUMNS
    }

    /// A date listed twice is checked against its first listing: one pass.
    fn parallel(&self) -> bool {
        false
    }

    fn fork(&self) -> Self {
        HolidaysReader::default()
    }

    /// Never read in parts.
    fn shift_lines(&mut self, _delta: u64) {}

    fn append(&mut self, later: Self) {
        for (date, listing) in later.listed {
            self.listed.entry(date).or_insert(listing);
        }
    }

    /// Rows with errors never enter the calendar.
    fn drop_bad(&mut self, _bad: &BTreeSet<u64>) {}

    fn row(&mut self, row: &mut Row) {
        let date = row.required("date").and_then(|text| {
            let date = parse_holiday_date(text);
            if date.is_none()
                && let Some(col) = row.header.col("date")
            {
                let column = row.header.name(col).to_string();
                row.error(
                    col,
                    Kind::BadDatetime,
                    DataMsg::BadDate {
                        column: &column,
                        value: text,
                    },
                    Some(text),
                );
            }
            date
        });
        let kind_text = row.required("kind");
        let kind = kind_text.and_then(|text| {
            let kind = parse_holiday_kind(text);
            if kind.is_none()
                && let Some(col) = row.header.col("kind")
            {
                row.error(
                    col,
                    Kind::BadHolidayKind,
                    DataMsg::BadHolidayKind { value: text },
                    Some(text),
                );
            }
            kind
        });
        let (Some(date), Some(kind), Some(kind_text)) = (date, kind, kind_text) else {
            return;
        };
        if row.is_bad() {
            return;
        }
        match self.listed.get(&date) {
            // Listed again with the same kind: harmless.
            Some((first_kind, _, _)) if *first_kind == kind => {}
            Some((_, first_text, first_line)) => {
                let (first_text, first_line) = (first_text.clone(), *first_line);
                if let Some(col) = row.header.col("kind") {
                    row.error(
                        col,
                        Kind::ConflictingHoliday,
                        DataMsg::ConflictingHoliday {
                            date: &date.format("%Y-%m-%d").to_string(),
                            first_kind: &first_text,
                            first_line,
                        },
                        Some(kind_text),
                    );
                }
            }
            None => {
                self.listed
                    .insert(date, (kind, kind_text.to_string(), row.line));
            }
        }
    }
}
