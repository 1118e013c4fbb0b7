//! `surveys.csv` — 满意度调查. Every column outside the reserved ones is a
//! score dimension named by its header.

use super::compact::{self, Keep, NO_DETAIL, SurveyRow, SurveyRows};
use super::table::{ColumnSpec, Extras, Header, LogReader, Row, column};
use super::values::parse_score;
use crate::diagnostics::Kind;
use crate::messages::data::DataMsg;
use std::collections::BTreeSet;

/// The reserved columns; all others are dimensions.
pub const COLUMNS: &[ColumnSpec] = &[
    column("id", "编号", false),
    column("date", "日期", true),
    column("room", "房号", false),
    column("overall", "总体", true),
    column("comment", "意见", false),
    column("note", "备注", false),
];

#[derive(Debug, Clone, Copy, Default)]
struct Cols {
    id: Option<usize>,
    date: Option<usize>,
    room: Option<usize>,
    overall: Option<usize>,
    comment: Option<usize>,
    note: Option<usize>,
}

pub struct SurveysReader {
    pub scale: u32,
    keep: Keep,
    cols: Cols,
    dimension_columns: Vec<usize>,
    pub log: SurveyRows,
    /// The scores of the row being read.
    scores: Vec<f64>,
}

impl SurveysReader {
    pub fn new(scale: u32, keep: Keep) -> Self {
        SurveysReader {
            scale,
            keep,
            cols: Cols::default(),
            dimension_columns: Vec::new(),
            log: SurveyRows::default(),
            scores: Vec::new(),
        }
    }

    /// A score cell: `None` when empty, or when unreadable or out of range
    /// (both errors).
    fn score(&self, row: &mut Row, col: usize, dimension: bool) -> Option<f64> {
        let value = row.at(col);
        if value.is_empty() {
            return None;
        }
        let scale = self.scale;
        match parse_score(value) {
            None => {
                let column = row.header.name(col).to_string();
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
                let column = row.header.name(col).to_string();
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
        self.cols = Cols {
            id: header.col("id"),
            date: header.col("date"),
            room: header.col("room"),
            overall: header.col("overall"),
            comment: header.col("comment"),
            note: header.col("note"),
        };
        self.dimension_columns = header.extras.clone();
        self.log.dimensions = header
            .extras
            .iter()
            .map(|&col| header.name(col).to_string())
            .collect();
    }

    fn row(&mut self, row: &mut Row) {
        let c = self.cols;
        // The id is optional here; a repeated non-empty id is found by the
        // caller.
        let date = row.datetime_at(c.date, true);
        let overall = match row.required_at(c.overall) {
            Some(_) => c.overall.and_then(|col| self.score(row, col, false)),
            None => None,
        };
        let mut scores = std::mem::take(&mut self.scores);
        scores.clear();
        for i in 0..self.dimension_columns.len() {
            let col = self.dimension_columns[i];
            scores.push(self.score(row, col, true).unwrap_or(f64::NAN));
        }
        if !row.is_bad()
            && let (Some(date), Some(overall)) = (date, overall)
        {
            let detail = if self.keep.survey() {
                for text in [
                    row.get(c.id),
                    row.get(c.room),
                    row.get(c.comment),
                    row.get(c.note),
                ] {
                    self.log.details.push(text);
                }
                (self.log.details.len() / compact::SURVEY_TEXTS - 1) as u32
            } else {
                NO_DETAIL
            };
            self.log.rows.push(SurveyRow {
                line: row.line,
                date: compact::stamp(date),
                overall,
                detail,
            });
            self.log.scores.extend_from_slice(&scores);
        }
        self.scores = scores;
    }

    fn fork(&self) -> Self {
        SurveysReader {
            cols: self.cols,
            dimension_columns: self.dimension_columns.clone(),
            log: SurveyRows {
                dimensions: self.log.dimensions.clone(),
                ..SurveyRows::default()
            },
            ..SurveysReader::new(self.scale, self.keep)
        }
    }

    fn reserve(&mut self, rows: usize) {
        self.log.rows.reserve(rows);
    }

    fn shift_lines(&mut self, delta: u64) {
        for r in &mut self.log.rows {
            r.line += delta;
        }
    }

    fn append(&mut self, mut later: Self) {
        let details = (self.log.details.len() / compact::SURVEY_TEXTS) as u32;
        for r in &mut later.log.rows {
            if r.detail != NO_DETAIL {
                r.detail += details;
            }
        }
        if self.log.rows.is_empty() && self.log.rows.capacity() < later.log.rows.capacity() {
            std::mem::swap(&mut self.log.rows, &mut later.log.rows);
            std::mem::swap(&mut self.log.scores, &mut later.log.scores);
        } else {
            self.log.rows.append(&mut later.log.rows);
            self.log.scores.append(&mut later.log.scores);
        }
        self.log.details.append(&later.log.details);
    }

    fn drop_bad(&mut self, bad: &BTreeSet<u64>) {
        if bad.is_empty() {
            return;
        }
        let n = self.log.dimensions.len();
        let mut keep_scores = Vec::with_capacity(self.log.scores.len());
        let mut rows = Vec::with_capacity(self.log.rows.len());
        for (i, r) in self.log.rows.iter().enumerate() {
            if !bad.contains(&r.line) {
                rows.push(*r);
                keep_scores
                    .extend_from_slice(self.log.scores.get(i * n..(i + 1) * n).unwrap_or(&[]));
            }
        }
        self.log.rows = rows;
        self.log.scores = keep_scores;
    }
}
