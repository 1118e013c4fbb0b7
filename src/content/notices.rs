//! Notices (`content/notices/*.md`): outages, fees, meetings, events, safety.

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use chrono::NaiveDateTime;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// Source path relative to the estate root.
    pub path: String,
    pub slug: String,
    pub title: String,
    pub date: NaiveDateTime,
    pub category: String,
    pub summary: String,
    pub pinned: bool,
    pub body: String,
    pub body_line: u64,
}

/// Reads the notices that are published as of `as_of`.
pub fn load(
    root: &Path,
    config: &Config,
    as_of: NaiveDateTime,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Notice> {
    let _ = (root, config, as_of, diagnostics);
    Vec::new()
}
