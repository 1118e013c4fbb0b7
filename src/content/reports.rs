//! The manager's own words for a quarterly report
//! (`content/reports/<YYYY>Q<N>.md`).
//!
//! Loading only reads the file, its optional front matter (`title`) and
//! finds the `{{ name }}` figure placeholders with their lines. Whether a
//! name exists is decided when rendering, against the metrics (loading
//! never sees them).

use super::{REPORTS_DIR, SourceFile, read_markdown_dir};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Kind};
use crate::messages::reports::ReportsMsg;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct ReportNote {
    /// Source path relative to the estate root.
    pub path: String,
    /// `2026Q1`
    pub period: String,
    /// Front matter `title`, replacing the report's default title.
    pub title: Option<String>,
    pub body: String,
    /// Line of the file on which `body` starts.
    pub body_line: u64,
    /// Every `{{ name }}` of the body, in order.
    pub figures: Vec<FigureRef>,
}

/// One `{{ name }}` placeholder in a note's body.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRef {
    /// The name between the braces, trimmed: `repairs.timeliness_rate`.
    pub name: String,
    /// Physical line of the file.
    pub line: u64,
    /// Byte range of the whole placeholder (braces included) in `body`.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Meta {
    #[serde(default)]
    title: Option<String>,
}

const KEYS: &[&str] = &["title"];

/// `2026Q3` (any case of `q`) as the canonical quarter key, else `None`.
pub fn quarter_key(stem: &str) -> Option<String> {
    let (year, quarter) = stem.split_once(['Q', 'q'])?;
    let valid_year = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
    let valid_quarter = matches!(quarter, "1" | "2" | "3" | "4");
    (valid_year && valid_quarter).then(|| format!("{year}Q{quarter}"))
}

pub fn load(root: &Path, config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Vec<ReportNote> {
    let files = read_markdown_dir(root, REPORTS_DIR, diagnostics);
    from_files(files, config.language, diagnostics)
}

/// Checks and parses already-read note files (in name order).
pub fn from_files(
    files: Vec<SourceFile>,
    lang: crate::messages::Lang,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ReportNote> {
    let mut notes: Vec<ReportNote> = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for file in files {
        let stem = file
            .path
            .rsplit('/')
            .next()
            .and_then(|name| name.strip_suffix(".md"))
            .unwrap_or_default()
            .to_string();
        let Some(period) = quarter_key(&stem) else {
            diagnostics.push(
                Diagnostic::error(
                    &file.path,
                    Kind::BadPath,
                    ReportsMsg::BadNoteName { name: &stem }.text(lang),
                )
                .with_value(stem.clone()),
            );
            continue;
        };
        if let Some(first) = seen.get(&period) {
            diagnostics.push(
                Diagnostic::error(
                    &file.path,
                    Kind::BadPath,
                    ReportsMsg::DuplicateNote {
                        period: &period,
                        first,
                    }
                    .text(lang),
                )
                .with_value(stem.clone()),
            );
            continue;
        }
        seen.insert(period.clone(), file.path.clone());
        let parsed = match super::frontmatter::parse::<Meta>(&file, KEYS, lang) {
            Ok(parsed) => parsed,
            Err(mut problems) => {
                diagnostics.append(&mut problems);
                continue;
            }
        };
        let (figures, mut problems) =
            find_figures(&file.path, &parsed.body, parsed.body_line, lang);
        diagnostics.append(&mut problems);
        notes.push(ReportNote {
            path: file.path,
            period,
            title: parsed
                .meta
                .title
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
            body: parsed.body,
            body_line: parsed.body_line,
            figures,
        });
    }
    notes
}

/// Finds every `{{ name }}` in `body`. A placeholder must close on its own
/// line; an unclosed or empty one is an error at its line.
pub fn find_figures(
    path: &str,
    body: &str,
    body_line: u64,
    lang: crate::messages::Lang,
) -> (Vec<FigureRef>, Vec<Diagnostic>) {
    let mut figures = Vec::new();
    let mut problems = Vec::new();
    let mut line_start = 0usize;
    for (index, line) in body.split_inclusive('\n').enumerate() {
        let line_number = body_line + index as u64;
        let mut from = 0usize;
        while let Some(open) = line[from..].find("{{").map(|i| i + from) {
            let Some(close) = line[open + 2..].find("}}").map(|i| i + open + 2) else {
                problems.push(
                    Diagnostic::error(
                        path,
                        Kind::UnknownFigure,
                        ReportsMsg::UnclosedFigure.text(lang),
                    )
                    .at_line(line_number)
                    .with_value(line[open..].trim_end().to_string()),
                );
                break;
            };
            let name = line[open + 2..close].trim();
            if name.is_empty() {
                problems.push(
                    Diagnostic::error(
                        path,
                        Kind::UnknownFigure,
                        ReportsMsg::EmptyFigure.text(lang),
                    )
                    .at_line(line_number)
                    .with_value(line[open..close + 2].to_string()),
                );
            } else {
                figures.push(FigureRef {
                    name: name.to_string(),
                    line: line_number,
                    start: line_start + open,
                    end: line_start + close + 2,
                });
            }
            from = close + 2;
        }
        line_start += line.len();
    }
    (figures, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    #[test]
    fn quarter_keys_are_canonical() {
        assert_eq!(quarter_key("2026Q3").as_deref(), Some("2026Q3"));
        assert_eq!(quarter_key("2026q1").as_deref(), Some("2026Q1"));
        assert_eq!(quarter_key("2026Q5"), None);
        assert_eq!(quarter_key("26Q1"), None);
        assert_eq!(quarter_key("notes"), None);
        assert_eq!(quarter_key("2026Q1-draft"), None);
    }

    #[test]
    fn placeholders_are_found_with_their_lines_and_ranges() {
        let body = "## 本季度主要工作\n\n及时率 {{ repairs.timeliness_rate }}，投诉{{complaints.received}}件。\n";
        let (figures, problems) = find_figures("content/reports/2026Q3.md", body, 4, Lang::ZhCn);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[0].name, "repairs.timeliness_rate");
        assert_eq!(figures[0].line, 6);
        assert_eq!(
            &body[figures[0].start..figures[0].end],
            "{{ repairs.timeliness_rate }}"
        );
        assert_eq!(figures[1].name, "complaints.received");
        assert_eq!(
            &body[figures[1].start..figures[1].end],
            "{{complaints.received}}"
        );
    }

    #[test]
    fn unclosed_and_empty_placeholders_are_errors_at_their_line() {
        let body = "第一行\n及时率 {{ repairs.timeliness_rate\n空的 {{ }} 这里\n";
        let (figures, problems) = find_figures("content/reports/2026Q3.md", body, 1, Lang::ZhCn);
        assert!(figures.is_empty());
        assert_eq!(problems.len(), 2);
        assert!(problems.iter().all(|p| p.kind == Kind::UnknownFigure));
        assert_eq!(problems[0].line, Some(2));
        assert_eq!(problems[1].line, Some(3));
    }

    #[test]
    fn notes_load_with_title_and_bad_names_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join(REPORTS_DIR);
        std::fs::create_dir_all(&reports).unwrap();
        std::fs::write(
            reports.join("2026Q3.md"),
            "+++\ntitle = \"第三季度工作报告\"\n+++\n## 本季度主要工作\n\n报修 {{ repairs.orders }} 单。\n",
        )
        .unwrap();
        std::fs::write(reports.join("2026q3.md"), "重复\n").unwrap();
        std::fs::write(reports.join("draft.md"), "草稿\n").unwrap();
        let config = crate::config::parse("name = \"翠湖苑\"\n").unwrap();
        let mut diagnostics = Vec::new();
        let notes = load(dir.path(), &config, &mut diagnostics);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].period, "2026Q3");
        assert_eq!(notes[0].title.as_deref(), Some("第三季度工作报告"));
        assert_eq!(notes[0].body_line, 4);
        assert_eq!(notes[0].figures.len(), 1);
        assert_eq!(notes[0].figures[0].line, 6);
        let mut files: Vec<_> = diagnostics.iter().map(|d| d.file.as_str()).collect();
        files.sort();
        assert_eq!(
            files,
            ["content/reports/2026q3.md", "content/reports/draft.md"]
        );
        assert!(diagnostics.iter().all(|d| d.kind == Kind::BadPath));
    }
}
