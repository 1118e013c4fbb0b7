//! `surveys.csv` — 满意度调查. Every column outside the reserved ones is a
//! score dimension named by its header.

use super::model::{Private, Survey};
use super::repairs::check_unique;
use super::table::{ColumnSpec, Extras, Header, LogReader, Row, column};
use super::values::parse_score;
use crate::diagnostics::Kind;
use crate::messages::data::DataMsg;
use std::collections::HashMap;

/// The reserved columns; all others are dimensions.
pub const COLUMNS: &[ColumnSpec] = &[
    column("id", "编号", false),
    column("date", "日期", true),
    column("room", "房号", false),
    column("overall", "总体", true),
    column("comment", "意见", false),
    column("note", "备注", false),
];

pub struct SurveysReader {
    pub scale: u32,
    pub dimensions: Vec<String>,
    pub records: Vec<Survey>,
    dimension_columns: Vec<usize>,
    ids: HashMap<String, u64>,
}

impl SurveysReader {
    pub fn new(scale: u32) -> Self {
        SurveysReader {
            scale,
            dimensions: Vec::new(),
            records: Vec::new(),
            dimension_columns: Vec::new(),
            ids: HashMap::new(),
        }
    }

    /// A score cell: `None` when empty, or when unreadable or out of range
    /// (both errors).
    fn score(&self, row: &mut Row, col: usize, dimension: bool) -> Option<f64> {
        let value = row.at(col);
        if value.is_empty() {
            return None;
        }
        let column = row.header.name(col).to_string();
        let scale = self.scale;
        match parse_score(value) {
            None => {
                let msg = if dimension {
                    DataMsg::DimensionNotNumber {
                        column: &column,
                        value,
                        scale,
                    }
                } else {
                    DataMsg::OverallNotNumber {
                        column: &column,
                        value,
                        scale,
                    }
                };
                row.error(col, Kind::BadNumber, msg, Some(value));
                None
            }
            Some(score) if !(1.0..=f64::from(scale)).contains(&score) => {
                row.error(
                    col,
                    Kind::ScoreOutOfRange,
                    DataMsg::ScoreOutOfRange {
                        column: &column,
                        value,
                        scale,
                        dimension,
                    },
                    Some(value),
                );
                None
            }
            Some(score) => Some(score),
        }
    }
}

impl LogReader for SurveysReader {
    fn specs(&self) -> &'static [ColumnSpec] {
        COLUMNS
    }

    fn extras(&self) -> Extras {
        Extras::Dimensions
    }

    fn header(&mut self, header: &Header) {
        self.dimension_columns = header.extras.clone();
        self.dimensions = header
            .extras
            .iter()
            .map(|&col| header.name(col).to_string())
            .collect();
    }

    fn row(&mut self, row: &mut Row) {
        // The id is optional here, but a repeated non-empty id is still a
        // duplicate.
        let id = row.cell("id");
        if !id.is_empty() {
            check_unique(row, &mut self.ids, "id", id);
        }
        let date = row.datetime("date", true);
        let overall = match row.required("overall") {
            Some(_) => row
                .header
                .col("overall")
                .and_then(|col| self.score(row, col, false)),
            None => None,
        };
        let columns = self.dimension_columns.clone();
        let scores: Vec<Option<f64>> = columns
            .into_iter()
            .map(|col| self.score(row, col, true))
            .collect();
        if row.is_bad() {
            return;
        }
        let (Some(date), Some(overall)) = (date, overall) else {
            return;
        };
        self.records.push(Survey {
            line: row.line,
            id: id.to_string(),
            date,
            room: Private::new(row.text("room")),
            overall,
            comment: Private::new(row.text("comment")),
            note: Private::new(row.text("note")),
            scores,
        });
    }
}
