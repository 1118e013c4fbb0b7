//! Stage 4: compute every figure of the data contract from the logs.

pub mod format;
pub mod model;

pub use model::*;

use crate::config::Config;
use crate::data::Logs;
use chrono::NaiveDateTime;

/// Computes all metrics as the logs stood at `as_of`.
pub fn compute(logs: &Logs, config: &Config, as_of: NaiveDateTime) -> Metrics {
    let _ = (logs, config);
    Metrics {
        as_of: crate::datetime::format_minutes(&as_of),
        ..Metrics::default()
    }
}
