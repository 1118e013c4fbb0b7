//! The staff handbook (`content/handbook/`): chapters in an explicit order.

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use std::path::Path;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Handbook {
    pub chapters: Vec<Chapter>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    pub path: String,
    pub slug: String,
    pub title: String,
    pub body: String,
    pub body_line: u64,
}

pub fn load(root: &Path, config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Handbook {
    let _ = (root, config, diagnostics);
    Handbook::default()
}
