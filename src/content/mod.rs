//! Stage 2: load the estate's Markdown: notices, free-standing pages, the
//! staff handbook and the managers' report notes. Loading parses front
//! matter and keeps the Markdown source; it never renders HTML.

pub mod frontmatter;
pub mod handbook;
pub mod notices;
pub mod pages;
pub mod reload;
pub mod reports;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use chrono::NaiveDateTime;
use std::path::{Path, PathBuf};

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
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// Lists `*.md` files directly in `dir` (sorted by name) and reads them as
/// UTF-8. Unreadable, non-text or non-UTF-8 files, files over the size
/// limit and files nested too deep become errors; links that lead out of
/// the estate are skipped with a warning (see [`crate::guard`]).
pub fn read_markdown_dir(
    root: &Path,
    dir: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<SourceFile> {
    let Some(paths) = list_markdown_dir(root, dir, diagnostics) else {
        return Vec::new();
    };
    // The folder was found inside the estate, so only a file that is a
    // link can lead out of it (resolving every file's path costs a
    // system call per folder of it: a third of reading 10,000 notices).
    paths
        .iter()
        .filter_map(|path| read_listed_file(root, path, true, diagnostics))
        .collect()
}

/// The paths [`read_markdown_dir`] reads, sorted; `None` (after a warning
/// when it leads out of the estate) when the folder cannot be listed.
pub(crate) fn list_markdown_dir(
    root: &Path,
    dir: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<PathBuf>> {
    let full = root.join(dir);
    if outside(root, &full, diagnostics) {
        return None;
    }
    let entries = std::fs::read_dir(&full).ok()?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| is_markdown_file(path))
        .collect();
    paths.sort();
    Some(paths)
}

/// Whether a listing of its folder includes `path`: a `*.md` file (or a
/// link to one).
pub(crate) fn is_markdown_file(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "md") && path.is_file()
}

/// Warns and returns true when `path` leads out of the estate.
fn outside(root: &Path, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> bool {
    use crate::diagnostics::Kind;
    use crate::messages::content::ContentMsg;
    let outside = crate::guard::outside_estate(root, path);
    if outside {
        let target = crate::guard::link_target(path);
        diagnostics.push(Diagnostic::warning(
            crate::diagnostics::display_path(root, path),
            Kind::OutsideEstate,
            ContentMsg::OutsideEstate { target: &target }.text(crate::messages::Lang::default()),
        ));
    }
    outside
}

/// Reads one listed Markdown file as [`read_markdown_dir`] does; `None`
/// (after its diagnostic) when it cannot be used.
pub(crate) fn read_markdown_file(
    root: &Path,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SourceFile> {
    read_listed_file(root, path, false, diagnostics)
}

/// [`read_markdown_file`]; `folder_inside`: the file's folder is known to
/// be inside the estate, so only a link needs resolving.
fn read_listed_file(
    root: &Path,
    path: &Path,
    folder_inside: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SourceFile> {
    use crate::diagnostics::Kind;
    use crate::messages::content::ContentMsg;
    let lang = crate::messages::Lang::default();
    let may_lead_out = !folder_inside
        || std::fs::symlink_metadata(path).map_or(true, |m| m.file_type().is_symlink());
    if may_lead_out && outside(root, path, diagnostics) {
        return None;
    }
    let shown = crate::diagnostics::display_path(root, path);
    let error = |kind, msg: ContentMsg| Diagnostic::error(shown.as_str(), kind, msg.text(lang));
    let bytes = match read_limited(path, crate::guard::MAX_MARKDOWN_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            let limit_mib = crate::guard::MAX_MARKDOWN_BYTES / (1024 * 1024);
            diagnostics.push(error(Kind::TooLarge, ContentMsg::TooLarge { limit_mib }));
            return None;
        }
        Err(err) => {
            let reason = err.to_string();
            diagnostics.push(error(Kind::Io, ContentMsg::Unreadable { reason: &reason }));
            return None;
        }
    };
    if looks_binary(&bytes) {
        diagnostics.push(error(Kind::Encoding, ContentMsg::NotText));
        return None;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let line = line_at(err.as_bytes(), err.utf8_error().valid_up_to());
            diagnostics.push(error(Kind::Encoding, ContentMsg::NotUtf8).at_line(line));
            return None;
        }
    };
    if let Some(offset) = crate::markdown::too_deep(&text) {
        let limit = crate::guard::MAX_NESTING;
        let line = line_at(text.as_bytes(), offset);
        diagnostics.push(error(Kind::TooDeep, ContentMsg::TooDeep { limit }).at_line(line));
        return None;
    }
    Some(SourceFile { path: shown, text })
}

/// The 1-based line of byte `offset`.
fn line_at(bytes: &[u8], offset: usize) -> u64 {
    let end = offset.min(bytes.len());
    bytes[..end].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

/// Reads at most `limit` bytes; `None` when the file is longer. Reading
/// through `take` keeps a file that grows while it is read from taking
/// more memory than the limit.
fn read_limited(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Text files never hold a NUL byte; images, PDFs, Word files and archives
/// do, near their start. UTF-16 text (Notepad's "Unicode") does too, but
/// starts with its byte-order mark: that is text in the wrong encoding.
fn looks_binary(bytes: &[u8]) -> bool {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    !utf16 && bytes.iter().take(8192).any(|b| *b == 0)
}
