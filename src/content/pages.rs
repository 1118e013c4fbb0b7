//! Free-standing pages (`content/pages/*.md`): service standards, fee
//! schedule, contacts. Front matter: `title` (required), `slug` (default:
//! file name), `weight` (menu order, default 0), `draft`.

use super::notices::{check_duplicate_slugs, file_stem, key_line, slug_problem};
use super::{SourceFile, frontmatter};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Kind};
use crate::messages::Lang;
use crate::messages::content::SiteContentMsg;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub path: String,
    pub slug: String,
    pub title: String,
    pub weight: i64,
    pub body: String,
    pub body_line: u64,
}

pub const KEYS: &[&str] = &["title", "slug", "weight", "draft"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    title: String,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    weight: Option<i64>,
    #[serde(default)]
    draft: Option<bool>,
}

/// Reads the pages that are not drafts, in menu order: by `weight`, then
/// by slug.
pub fn load(root: &Path, config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Vec<Page> {
    let files = super::read_markdown_dir(root, super::PAGES_DIR, diagnostics);
    from_files(&files, config.language, diagnostics)
}

/// Parses, checks and orders already-read page files (in name order).
pub fn from_files(
    files: &[SourceFile],
    lang: Lang,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Page> {
    let mut all: Vec<(Page, bool)> = Vec::new();
    for file in files {
        let parsed = match frontmatter::parse::<RawMeta>(file, KEYS, lang) {
            Ok(parsed) => parsed,
            Err(mut problems) => {
                diagnostics.append(&mut problems);
                continue;
            }
        };
        let meta = parsed.meta;
        let mut ok = true;
        if meta.title.trim().is_empty() {
            let mut d = Diagnostic::error(
                &file.path,
                Kind::BadFrontMatterValue,
                SiteContentMsg::EmptyTitle.text(lang),
            )
            .in_column("title");
            d.line = key_line(&file.text, "title");
            diagnostics.push(d);
            ok = false;
        }
        let slug = meta
            .slug
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|| file_stem(&file.path));
        if let Some(message) = slug_problem(&slug, &["index", "static"]) {
            let mut d = Diagnostic::error(&file.path, Kind::BadPath, message.text(lang))
                .in_column("slug")
                .with_value(slug.clone());
            d.line = key_line(&file.text, "slug");
            diagnostics.push(d);
            ok = false;
        }
        if ok {
            all.push((
                Page {
                    path: file.path.clone(),
                    slug,
                    title: meta.title.trim().to_string(),
                    weight: meta.weight.unwrap_or(0),
                    body: parsed.body,
                    body_line: parsed.body_line,
                },
                meta.draft.unwrap_or(false),
            ));
        }
    }
    check_duplicate_slugs(
        all.iter().map(|(p, _)| (p.slug.as_str(), p.path.as_str())),
        |path| {
            files
                .iter()
                .find(|f| f.path == path)
                .and_then(|f| key_line(&f.text, "slug"))
        },
        lang,
        diagnostics,
    );
    let mut pages: Vec<Page> = all
        .into_iter()
        .filter(|(_, draft)| !draft)
        .map(|(page, _)| page)
        .collect();
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.slug.cmp(&b.slug)));
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_in_weight_order_without_drafts() {
        let dir = tempfile::tempdir().unwrap();
        let pages = dir.path().join(super::super::PAGES_DIR);
        std::fs::create_dir_all(&pages).unwrap();
        std::fs::write(
            pages.join("fees.md"),
            "+++\ntitle = \"收费标准\"\nweight = 2\n+++\n表",
        )
        .unwrap();
        std::fs::write(
            pages.join("contacts.md"),
            "---\ntitle: 联系我们\nweight: 1\n---\n电话",
        )
        .unwrap();
        std::fs::write(
            pages.join("wip.md"),
            "+++\ntitle = \"草稿\"\ndraft = true\n+++\n",
        )
        .unwrap();
        std::fs::write(
            pages.join("bad.md"),
            "+++\ntitle = \"x\"\nslug = \"a/b\"\n+++\n",
        )
        .unwrap();
        let config = crate::config::parse("name = \"x\"\n").unwrap();
        let mut problems = Vec::new();
        let loaded = load(dir.path(), &config, &mut problems);
        let slugs: Vec<_> = loaded.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["contacts", "fees"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file, "content/pages/bad.md");
        assert_eq!(problems[0].line, Some(3));
    }
}
