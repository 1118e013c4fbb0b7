//! Free-standing pages (`content/pages/*.md`): service standards, fee
//! schedule, contacts.

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub path: String,
    pub slug: String,
    pub title: String,
    pub body: String,
    pub body_line: u64,
}

pub fn load(root: &Path, config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Vec<Page> {
    let _ = (root, config, diagnostics);
    Vec::new()
}
