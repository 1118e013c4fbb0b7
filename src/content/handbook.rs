//! The staff handbook (`content/handbook/`): one Markdown file per chapter.
//!
//! Chapters are ordered by the front matter `weight` (smaller first, default
//! 0), ties broken by file name, so `01-…`, `02-…` prefixes work without any
//! weights at all. A chapter's slug (its page name) is its file name without
//! `.md`. Drafts (`draft = true`) are left out. Loading keeps the Markdown
//! source; sections and numbering are worked out when rendering.

use super::{HANDBOOK_DIR, SourceFile, frontmatter};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Kind};
use crate::messages::Lang;
use crate::messages::content::ContentMsg;
use crate::messages::handbook::HandbookMsg;
use serde::Deserialize;
use std::path::Path;

/// Front matter keys a chapter accepts.
pub const KEYS: &[&str] = &["title", "weight", "draft"];

/// Page names the handbook generates itself; a chapter may not take them.
pub const RESERVED_SLUGS: &[&str] = &["index", "print"];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Handbook {
    /// Published chapters, in reading order.
    pub chapters: Vec<Chapter>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    /// Source path relative to the estate root, e.g. `content/handbook/03-complaints.md`.
    pub path: String,
    /// The file name without `.md`; names the chapter's page.
    pub slug: String,
    pub title: String,
    pub weight: i64,
    pub body: String,
    /// Line of the source file on which `body` starts (1-based).
    pub body_line: u64,
}

impl Chapter {
    /// The chapter's file name, e.g. `03-complaints.md`: what other chapters link to.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    title: String,
    #[serde(default)]
    weight: i64,
    #[serde(default)]
    draft: bool,
}

/// Reads `content/handbook/*.md`; a missing folder is an empty handbook.
pub fn load(root: &Path, config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Handbook {
    let files = super::read_markdown_dir(root, HANDBOOK_DIR, diagnostics);
    from_files_checked(&files, config, diagnostics)
}

/// [`from_files`], then the checks of the links between chapters.
pub fn from_files_checked(
    files: &[SourceFile],
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Handbook {
    let handbook = from_files(files, config.language, diagnostics);
    diagnostics.extend(crate::render::handbook::check_links(
        &handbook.chapters,
        config.site.trust_html,
        config.language,
    ));
    handbook
}

/// Parses and orders already-read chapter files.
pub fn from_files(files: &[SourceFile], lang: Lang, diagnostics: &mut Vec<Diagnostic>) -> Handbook {
    let mut chapters = Vec::new();
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    for file in files {
        let parsed = match frontmatter::parse::<Meta>(file, KEYS, lang) {
            Ok(parsed) => parsed,
            Err(mut problems) => {
                diagnostics.append(&mut problems);
                continue;
            }
        };
        let file_name = file.path.rsplit('/').next().unwrap_or(&file.path);
        let slug = file_name
            .strip_suffix(".md")
            .unwrap_or(file_name)
            .to_string();
        let mut ok = true;
        if parsed.meta.title.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    &file.path,
                    Kind::BadFrontMatterValue,
                    ContentMsg::BadValue {
                        key: "title",
                        detail: &HandbookMsg::EmptyTitle.text(lang),
                    }
                    .text(lang),
                )
                .at_line(title_line(&file.text))
                .in_column("title"),
            );
            ok = false;
        }
        if !is_usable_slug(&slug) {
            diagnostics.push(
                Diagnostic::error(
                    &file.path,
                    Kind::BadPath,
                    HandbookMsg::BadFileName { name: file_name }.text(lang),
                )
                .with_value(file_name),
            );
            ok = false;
        } else if RESERVED_SLUGS.contains(&slug.to_lowercase().as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    &file.path,
                    Kind::BadPath,
                    HandbookMsg::ReservedFileName { name: file_name }.text(lang),
                )
                .with_value(file_name),
            );
            ok = false;
        }
        if ok {
            // Chapter pages are `<file name>.html`: names that differ only
            // in case are one page where the site is served from Windows,
            // macOS or a case-insensitive web server.
            let folded = slug.to_lowercase();
            match seen.get(&folded) {
                Some(first) => {
                    diagnostics.push(
                        Diagnostic::error(
                            &file.path,
                            Kind::DuplicateSlug,
                            HandbookMsg::SameNameButCase {
                                name: file_name,
                                first,
                            }
                            .text(lang),
                        )
                        .with_value(file_name),
                    );
                    ok = false;
                }
                None => {
                    seen.insert(folded, file.path.clone());
                }
            }
        }
        if !ok || parsed.meta.draft {
            continue;
        }
        chapters.push(Chapter {
            path: file.path.clone(),
            slug,
            title: parsed.meta.title.trim().to_string(),
            weight: parsed.meta.weight,
            body: parsed.body,
            body_line: parsed.body_line,
        });
    }
    // Stable sort: files arrive sorted by name, which breaks weight ties.
    chapters.sort_by(|a, b| {
        a.weight
            .cmp(&b.weight)
            .then_with(|| a.file_name().cmp(b.file_name()))
    });
    Handbook { chapters }
}

/// A slug is used as a file name and in links, so it keeps to letters
/// (any script), digits, `-`, `_` and `.`, and does not start with `.`.
fn is_usable_slug(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('.')
        && slug
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The line of the `title` key, for an empty-title error.
fn title_line(text: &str) -> u64 {
    text.lines()
        .position(|line| line.trim_start().starts_with("title"))
        .map_or(1, |i| i as u64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile {
            path: format!("content/handbook/{name}"),
            text: text.into(),
        }
    }

    fn load_files(files: &[SourceFile]) -> (Handbook, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let handbook = from_files(files, Lang::ZhCn, &mut diagnostics);
        (handbook, diagnostics)
    }

    #[test]
    fn weight_orders_chapters_and_file_name_breaks_ties() {
        let (handbook, problems) = load_files(&[
            file("a.md", "+++\ntitle = \"甲\"\nweight = 2\n+++\n"),
            file("b.md", "+++\ntitle = \"乙\"\nweight = 1\n+++\n"),
            file("c.md", "+++\ntitle = \"丙\"\nweight = 2\n+++\n"),
            file("d.md", "---\ntitle: 丁\n---\n"),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        let order: Vec<_> = handbook.chapters.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(order, ["d", "b", "a", "c"]);
        assert_eq!(handbook.chapters[1].title, "乙");
    }

    #[test]
    fn drafts_are_left_out() {
        let (handbook, problems) = load_files(&[
            file("01-a.md", "+++\ntitle = \"甲\"\ndraft = true\n+++\n"),
            file("02-b.md", "+++\ntitle = \"乙\"\ndraft = false\n+++\n正文\n"),
        ]);
        assert!(problems.is_empty());
        assert_eq!(handbook.chapters.len(), 1);
        assert_eq!(handbook.chapters[0].slug, "02-b");
        assert_eq!(handbook.chapters[0].body, "正文\n");
        assert_eq!(handbook.chapters[0].body_line, 5);
    }

    #[test]
    fn unknown_key_is_an_error_with_file_and_line() {
        let (handbook, problems) =
            load_files(&[file("01-a.md", "+++\ntitle = \"甲\"\nwieght = 3\n+++\n")]);
        assert!(handbook.chapters.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file, "content/handbook/01-a.md");
        assert_eq!(problems[0].kind, Kind::UnknownFrontMatterKey);
        assert_eq!(problems[0].line, Some(3));
        assert!(
            problems[0].message.contains("weight"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn missing_or_empty_title_is_an_error() {
        let (_, problems) = load_files(&[
            file("01-a.md", "+++\nweight = 1\n+++\n"),
            file("02-b.md", "+++\ntitle = \"  \"\n+++\n"),
        ]);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].kind, Kind::MissingFrontMatterKey);
        assert_eq!(problems[1].kind, Kind::BadFrontMatterValue);
        assert_eq!(problems[1].line, Some(2));
    }

    #[test]
    fn unusable_and_reserved_file_names_are_errors() {
        let (handbook, problems) = load_files(&[
            file("my chapter.md", "+++\ntitle = \"甲\"\n+++\n"),
            file("index.md", "+++\ntitle = \"乙\"\n+++\n"),
            file("接待礼仪.md", "+++\ntitle = \"丙\"\n+++\n"),
        ]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(|p| p.kind == Kind::BadPath));
        assert_eq!(handbook.chapters.len(), 1);
        assert_eq!(handbook.chapters[0].slug, "接待礼仪");
    }
}
