//! Stage 2: load the estate's Markdown: notices, free-standing pages, the
//! staff handbook and the managers' report notes. Loading parses front
//! matter and keeps the Markdown source; it never renders HTML.

pub mod frontmatter;
pub mod handbook;
pub mod notices;
pub mod pages;
pub mod reports;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use chrono::NaiveDateTime;
use std::path::Path;

pub const NOTICES_DIR: &str = "content/notices";
pub const PAGES_DIR: &str = "content/pages";
pub const HANDBOOK_DIR: &str = "content/handbook";
pub const REPORTS_DIR: &str = "content/reports";

/// All Markdown content of an estate, as plain data.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub notices: Vec<notices::Notice>,
    pub pages: Vec<pages::Page>,
    pub handbook: handbook::Handbook,
    pub reports: Vec<reports::ReportNote>,
}

/// Reads every content folder; problems come back as diagnostics.
pub fn load(root: &Path, config: &Config, as_of: NaiveDateTime) -> (Content, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let notices = notices::load(root, config, as_of, &mut diagnostics);
    let pages = pages::load(root, config, &mut diagnostics);
    let handbook = handbook::load(root, config, &mut diagnostics);
    let reports = reports::load(root, config, &mut diagnostics);
    (
        Content {
            notices,
            pages,
            handbook,
            reports,
        },
        diagnostics,
    )
}

/// A Markdown file read from disk: its path relative to the estate root
/// (with `/`), and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// Lists `*.md` files directly in `dir` (sorted by name) and reads them as
/// UTF-8. Unreadable or non-UTF-8 files become diagnostics.
pub fn read_markdown_dir(
    root: &Path,
    dir: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<SourceFile> {
    use crate::diagnostics::Kind;
    use crate::messages::content::ContentMsg;
    let lang = crate::messages::Lang::default();
    let full = root.join(dir);
    let Ok(entries) = std::fs::read_dir(&full) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md") && path.is_file())
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let shown = crate::diagnostics::display_path(root, &path);
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push(SourceFile { path: shown, text }),
                Err(err) => {
                    let line = err.as_bytes()[..err.utf8_error().valid_up_to()]
                        .iter()
                        .filter(|b| **b == b'\n')
                        .count() as u64
                        + 1;
                    diagnostics.push(
                        Diagnostic::error(shown, Kind::Encoding, ContentMsg::NotUtf8.text(lang))
                            .at_line(line),
                    );
                }
            },
            Err(err) => diagnostics.push(Diagnostic::error(
                shown,
                Kind::Io,
                ContentMsg::Unreadable {
                    reason: &err.to_string(),
                }
                .text(lang),
            )),
        }
    }
    files
}
