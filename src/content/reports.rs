//! The manager's own words for a quarterly report
//! (`content/reports/<YYYY>Q<N>.md`).

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct ReportNote {
    pub path: String,
    /// `2026Q1`
    pub period: String,
    pub body: String,
    pub body_line: u64,
}

pub fn load(root: &Path, config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Vec<ReportNote> {
    let _ = (root, config, diagnostics);
    Vec::new()
}
