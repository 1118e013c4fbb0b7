//! Stage 5: draw the charts from the metrics (never from the raw logs),
//! as deterministic SVG.

mod build;
mod canvas;
mod layout;
mod month;
pub mod palette;
mod scale;
pub mod text;

use crate::config::Config;
use crate::metrics::Metrics;
use serde::Serialize;
use std::collections::BTreeMap;

/// One drawn chart with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Stable id, e.g. `satisfaction` or `2026Q1/repair-rates`.
    pub id: String,
    pub title: String,
    /// The complete `<svg>` element.
    pub svg: String,
    /// The same numbers as a table: header row, then data rows.
    pub table: Vec<Vec<String>>,
}

/// All charts of a build, by id.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Charts {
    pub charts: BTreeMap<String, Chart>,
}

/// Draws every chart for the whole range and for each quarter.
///
/// Ids are those of [`IDS`] for the whole range (a continuous month axis
/// from the first to the last month in the metrics), and `<YYYY>Q<N>/<id>`
/// for every quarter in the metrics (its months up to `as_of`).
pub fn draw(metrics: &Metrics, config: &Config) -> Charts {
    build::draw_all(metrics, config)
}

pub use build::IDS;
