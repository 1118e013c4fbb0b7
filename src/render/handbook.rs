//! Renders `output/handbook/`: the staff handbook's web edition (a start
//! page with the table of contents and one page per chapter) and its print
//! edition (`print.html`, one document that Chromium prints to PDF).
//!
//! Output layout:
//!
//! ```text
//! handbook/index.html          start page: cover details and table of contents
//! handbook/<slug>.html         one page per chapter (slug = file name without .md)
//! handbook/print.html          print edition: cover, contents, every chapter
//! handbook/static/*.<hash>.*   theme assets (style.css, handbook.css, …)
//! handbook/handbook.pdf        written later by `wuye pdf handbook`
//! ```
//!
//! Chapter numbers and section numbers come from `[handbook] numbering`.
//! Links between chapters are written in Markdown as links to the chapter
//! files (`03-complaints.md#投诉分级`) so they also work in an editor; they
//! become links to the chapter pages, or to in-page anchors in the print
//! edition, where every id is prefixed with its chapter's slug so that ids
//! stay unique across chapters. A link to a missing chapter or section
//! stops the build with the file and line.

mod html;
pub mod numbering;

use super::{Engine, RenderInput, assets, base_context};
use crate::content::handbook::Chapter;
use crate::diagnostics::{Diagnostic, Kind};
use crate::markdown::{self, RenderOptions, Rendered};
use crate::messages::Lang;
use crate::messages::handbook::HandbookMsg;
use crate::messages::ui;
use crate::output::OutputTree;
use html::Edits;
use numbering::Numbering;
use pulldown_cmark::{Event, Options, Parser, Tag};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Ids the print edition uses for its own parts.
const PRINT_COVER_ID: &str = "hb-cover";
const PRINT_CONTENTS_ID: &str = "hb-contents";

pub fn render(input: &RenderInput, engine: &Engine) -> Result<OutputTree, Vec<Diagnostic>> {
    let mut tree = OutputTree::default();
    let chapters = &input.content.handbook.chapters;
    if chapters.is_empty() {
        // No handbook in this estate: no handbook folder either.
        return Ok(tree);
    }
    let lang = input.config.language;
    let numbering = Numbering::from_config(&input.config.handbook.numbering);
    let book = Book::prepare(
        chapters,
        numbering,
        RenderOptions {
            trust_html: input.config.site.trust_html,
        },
    );
    // Links were checked when loading (see `check_links`); a broken one
    // that gets here anyway is left as written.
    let labels = ui::labels(lang);
    let anchor_label = labels.get("hb_anchor").copied().unwrap_or("#");

    let asset_urls = assets::publish(&input.theme.assets, "handbook", &mut tree);
    let meta = Meta::from_input(input);
    let mut errors = Vec::new();

    // Web edition.
    let web_toc = book.toc(|index, id| match id {
        Some(id) => format!(
            "{}#{}",
            page_name(&book.docs[index]),
            html::percent_encode(id)
        ),
        None => page_name(&book.docs[index]),
    });
    let mut context = base_context(input, "./");
    context.insert("assets", &asset_urls);
    context.insert("handbook", &meta);
    context.insert("chapters", &web_toc);
    context.insert("current", "");
    context.insert("spaced", &numbering.spaced(false));
    context.insert("first", &web_toc.first().map(|c| &c.href));
    match engine.render("handbook/index.html", &context) {
        Ok(page) => tree.insert("handbook/index.html", page),
        Err(e) => errors.push(e),
    }
    // The chapter pages, on every thread; each shows the whole table of
    // contents, so they are most of the handbook's work.
    let pages: Vec<(String, Result<String, Diagnostic>)> = book
        .docs
        .par_iter()
        .enumerate()
        .map(|(index, doc)| {
            let body = book.web_html(index, anchor_label);
            let neighbour = |i: Option<usize>| {
                i.and_then(|i| web_toc.get(i)).map(|c| Neighbour {
                    href: c.href.clone(),
                    number: c.number.clone(),
                    title: c.title.clone(),
                })
            };
            let mut page = context.clone();
            page.insert("current", &doc.chapter.slug);
            page.insert(
                "chapter",
                &PageChapter {
                    number: doc.number.clone(),
                    title: doc.chapter.title.clone(),
                    html: body,
                },
            );
            page.insert("prev", &neighbour(index.checked_sub(1)));
            page.insert("next", &neighbour(Some(index + 1)));
            (
                format!("handbook/{}", page_name(doc)),
                engine.render("handbook/chapter.html", &page),
            )
        })
        .collect();
    for (path, result) in pages {
        match result {
            Ok(html) => tree.insert(path, html),
            Err(e) => errors.push(e),
        }
    }

    // Print edition.
    let ids = book.print_ids();
    let print_toc = book.toc(|index, id| {
        let target = match id {
            Some(id) => ids.heading(index, id),
            None => ids.chapter(index),
        };
        format!("#{}", html::percent_encode(target))
    });
    let print_chapters: Vec<PrintChapter> = book
        .docs
        .par_iter()
        .enumerate()
        .map(|(index, doc)| PrintChapter {
            id: ids.chapter(index).to_string(),
            number: doc.number.clone(),
            title: doc.chapter.title.clone(),
            html: book.print_html(index, &ids),
        })
        .collect();
    let mut print = base_context(input, "./");
    print.insert("assets", &asset_urls);
    print.insert("spaced", &numbering.spaced(false));
    print.insert("handbook", &meta);
    print.insert("contents", &print_toc);
    print.insert("chapters", &print_chapters);
    print.insert("cover_id", PRINT_COVER_ID);
    print.insert("contents_id", PRINT_CONTENTS_ID);
    print.insert("paper", &meta.paper);
    print.insert(
        "page_css",
        &page_css(
            &meta.paper,
            &meta.title,
            labels
                .get("hb_page_of")
                .copied()
                .unwrap_or("{page} / {pages}"),
        ),
    );
    match engine.render("handbook/print.html", &print) {
        Ok(page) => tree.insert("handbook/print.html", page),
        Err(e) => errors.push(e),
    }

    if errors.is_empty() {
        Ok(tree)
    } else {
        Err(errors)
    }
}

/// Every link to a missing chapter or section, with file and line. The
/// content stage calls this while loading (so `wuye check` reports broken
/// links too): it needs the heading ids exactly as the renderer makes them.
pub fn check_links(chapters: &[Chapter], trust_html: bool, lang: Lang) -> Vec<Diagnostic> {
    Book::prepare(chapters, Numbering::None, RenderOptions { trust_html }).check_links(lang)
}

/// The handbook's own details, for covers and page titles.
#[derive(Debug, Clone, Serialize)]
struct Meta {
    title: String,
    company: String,
    estate: String,
    version: String,
    /// The edition date as people read it (2026年9月1日), or as written.
    edition: String,
    paper: String,
}

impl Meta {
    fn from_input(input: &RenderInput) -> Meta {
        let config = input.config;
        let lang = config.language;
        let title = if config.handbook.title.trim().is_empty() {
            ui::labels(lang)
                .get("handbook")
                .copied()
                .unwrap_or_default()
                .to_string()
        } else {
            config.handbook.title.trim().to_string()
        };
        Meta {
            title,
            company: config.company.clone(),
            estate: config.name.clone(),
            version: config.handbook.version.trim().to_string(),
            edition: edition_date(&config.handbook.edition, lang),
            paper: config.handbook.paper.clone(),
        }
    }
}

/// `2026-09-01` as 2026年9月1日 (or 1 September 2026); other text as written.
fn edition_date(text: &str, lang: Lang) -> String {
    match crate::datetime::parse_date(text) {
        Some(date) => match lang {
            Lang::ZhCn => date.format("%Y年%-m月%-d日").to_string(),
            Lang::En => date.format("%-d %B %Y").to_string(),
        },
        None => text.trim().to_string(),
    }
}

/// A page's file name within `handbook/`.
fn page_name(doc: &Doc) -> String {
    format!("{}.html", doc.chapter.slug)
}

/// One entry of a table of contents.
#[derive(Debug, Clone, Serialize)]
struct TocEntry {
    number: Option<String>,
    title: String,
    href: String,
    children: Vec<TocEntry>,
}

#[derive(Debug, Clone, Serialize)]
struct TocChapter {
    slug: String,
    number: Option<String>,
    title: String,
    href: String,
    sections: Vec<TocEntry>,
}

#[derive(Debug, Clone, Serialize)]
struct Neighbour {
    href: String,
    number: Option<String>,
    title: String,
}

#[derive(Debug, Clone, Serialize)]
struct PageChapter {
    number: Option<String>,
    title: String,
    html: String,
}

#[derive(Debug, Clone, Serialize)]
struct PrintChapter {
    id: String,
    number: Option<String>,
    title: String,
    html: String,
}

/// One chapter, rendered once and shared by both editions.
#[derive(Debug)]
struct Doc<'a> {
    chapter: &'a Chapter,
    number: Option<String>,
    rendered: Rendered,
    /// Every id in the chapter's HTML (headings, footnotes, raw HTML).
    ids: BTreeSet<String>,
    /// Number labels of `##` and `###` headings, by heading id.
    labels: BTreeMap<String, String>,
    numbering: Numbering,
}

/// The whole handbook, prepared for rendering.
#[derive(Debug)]
struct Book<'a> {
    docs: Vec<Doc<'a>>,
    /// Chapter index by file name (`03-complaints.md`).
    by_file: BTreeMap<&'a str, usize>,
}

/// Where a link in a chapter goes.
#[derive(Debug, Clone, PartialEq)]
enum Link {
    /// Another (or the same) chapter's file, with an optional fragment (decoded).
    Chapter {
        index: usize,
        fragment: Option<String>,
    },
    /// `#fragment` within the same chapter (decoded).
    Local(String),
    /// Anything else: web addresses, mail, files outside the handbook.
    Other,
    /// A link to `X.md` where no published chapter is `X.md`.
    MissingChapter,
}

impl<'a> Book<'a> {
    fn prepare(chapters: &'a [Chapter], numbering: Numbering, options: RenderOptions) -> Book<'a> {
        let docs: Vec<Doc> = chapters
            .par_iter()
            .enumerate()
            .map(|(index, chapter)| {
                let position = u32::try_from(index + 1).unwrap_or(u32::MAX);
                let rendered = markdown::render(&chapter.body, options);
                let ids = html::ids(&rendered.html).into_iter().collect();
                let mut labels = BTreeMap::new();
                let (mut section, mut subsection) = (0u32, 0u32);
                for heading in &rendered.headings {
                    let label = match heading.level {
                        2 => {
                            section += 1;
                            subsection = 0;
                            numbering.heading(position, section, None)
                        }
                        3 => {
                            subsection += 1;
                            numbering.heading(position, section, Some(subsection))
                        }
                        _ => None,
                    };
                    if let Some(label) = label {
                        labels.insert(heading.id.clone(), label);
                    }
                }
                Doc {
                    chapter,
                    number: numbering.chapter(position),
                    rendered,
                    ids,
                    labels,
                    numbering,
                }
            })
            .collect();
        let by_file = chapters
            .iter()
            .enumerate()
            .map(|(index, chapter)| (chapter.file_name(), index))
            .collect();
        Book { docs, by_file }
    }

    /// Classifies a link target as written (possibly percent-encoded).
    fn classify(&self, href: &str) -> Link {
        let href = href.trim();
        if let Some(fragment) = href.strip_prefix('#') {
            return Link::Local(html::percent_decode(fragment));
        }
        let (path, fragment) = match href.split_once('#') {
            Some((path, fragment)) => (path, Some(html::percent_decode(fragment))),
            None => (href, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        let has_scheme = path
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains('/'));
        if has_scheme || path.starts_with('/') {
            return Link::Other;
        }
        let path = html::percent_decode(path);
        let file = path.strip_prefix("./").unwrap_or(&path);
        if !file.to_ascii_lowercase().ends_with(".md") || file.contains('/') {
            return Link::Other;
        }
        match self.by_file.get(file) {
            Some(&index) => Link::Chapter {
                index,
                fragment: fragment.filter(|f| !f.is_empty()),
            },
            None => Link::MissingChapter,
        }
    }

    /// The id in chapter `index` that `fragment` names: the id itself, or
    /// the heading text it was made from (`#投诉 分级` → `投诉-分级`).
    fn anchor(&self, index: usize, fragment: &str) -> Option<&str> {
        let doc = self.docs.get(index)?;
        if let Some(id) = doc.ids.get(fragment) {
            return Some(id);
        }
        let slug = markdown::slugify(fragment);
        doc.ids.get(&slug).map(String::as_str)
    }

    /// Every link to a missing chapter or section, with file and line.
    fn check_links(&self, lang: Lang) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let chapter_files = self
            .by_file
            .keys()
            .copied()
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "));
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES;
        for (index, doc) in self.docs.iter().enumerate() {
            let body = &doc.chapter.body;
            for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
                let Event::Start(Tag::Link { dest_url, .. }) = event else {
                    continue;
                };
                let line = doc.chapter.body_line
                    + body
                        .get(..range.start)
                        .map_or(0, |before| before.matches('\n').count() as u64);
                let message = match self.classify(&dest_url) {
                    Link::MissingChapter => Some(
                        HandbookMsg::MissingChapter {
                            target: &dest_url,
                            chapters: &chapter_files,
                        }
                        .text(lang),
                    ),
                    Link::Chapter {
                        index: target,
                        fragment: Some(fragment),
                    } if self.anchor(target, &fragment).is_none() => {
                        Some(self.missing_anchor(&dest_url, target, lang))
                    }
                    Link::Local(fragment) if self.anchor(index, &fragment).is_none() => {
                        Some(self.missing_anchor(&dest_url, index, lang))
                    }
                    _ => None,
                };
                if let Some(message) = message {
                    problems.push(
                        Diagnostic::error(&doc.chapter.path, Kind::BrokenLink, message)
                            .at_line(line)
                            .with_value(dest_url.to_string()),
                    );
                }
            }
        }
        problems
    }

    fn missing_anchor(&self, target: &str, chapter: usize, lang: Lang) -> String {
        let Some(doc) = self.docs.get(chapter) else {
            return String::new();
        };
        let anchors: Vec<&str> = doc
            .rendered
            .headings
            .iter()
            .map(|h| h.id.as_str())
            .collect();
        HandbookMsg::MissingAnchor {
            target,
            chapter: doc.chapter.file_name(),
            anchors: &anchors.join(lang.pick("、", ", ")),
        }
        .text(lang)
    }

    /// The table of contents: chapters, their `##` sections and `###`
    /// subsections; `href(chapter, heading id)` makes each link.
    fn toc(&self, href: impl Fn(usize, Option<&str>) -> String) -> Vec<TocChapter> {
        self.docs
            .iter()
            .enumerate()
            .map(|(index, doc)| {
                let mut sections: Vec<TocEntry> = Vec::new();
                for heading in &doc.rendered.headings {
                    let entry = TocEntry {
                        number: doc.labels.get(&heading.id).cloned(),
                        title: heading.text.clone(),
                        href: href(index, Some(&heading.id)),
                        children: Vec::new(),
                    };
                    match (heading.level, sections.last_mut()) {
                        (2, _) | (3, None) => sections.push(entry),
                        (3, Some(parent)) => parent.children.push(entry),
                        _ => {}
                    }
                }
                TocChapter {
                    slug: doc.chapter.slug.clone(),
                    number: doc.number.clone(),
                    title: doc.chapter.title.clone(),
                    href: href(index, None),
                    sections,
                }
            })
            .collect()
    }

    /// Chapter `index`'s HTML for its web page.
    fn web_html(&self, index: usize, anchor_label: &str) -> String {
        struct Web<'b> {
            book: &'b Book<'b>,
            index: usize,
            anchor_label: &'b str,
        }
        impl Edits for Web<'_> {
            fn id(&mut self, id: &str) -> String {
                id.to_string()
            }
            fn href(&mut self, href: &str) -> Option<String> {
                match self.book.classify(href) {
                    Link::Chapter { index, fragment } => {
                        let doc = self.book.docs.get(index)?;
                        let mut target = page_name(doc);
                        if let Some(fragment) = fragment {
                            let id = self.book.anchor(index, &fragment).unwrap_or(&fragment);
                            target.push('#');
                            target.push_str(&html::percent_encode(id));
                        }
                        Some(target)
                    }
                    Link::Local(fragment) => {
                        let id = self.book.anchor(self.index, &fragment)?;
                        Some(format!("#{}", html::percent_encode(id)))
                    }
                    Link::Other | Link::MissingChapter => None,
                }
            }
            fn heading(&mut self, _: u8, old_id: &str, new_id: &str) -> Option<(String, String)> {
                let doc = self.book.docs.get(self.index)?;
                let before = number_html(doc, old_id);
                let after = format!(
                    " <a class=\"hb-anchor\" href=\"#{}\" aria-label=\"{}\">#</a>",
                    html::escape_attr(&html::percent_encode(new_id)),
                    html::escape_attr(self.anchor_label)
                );
                Some((before, after))
            }
        }
        let Some(doc) = self.docs.get(index) else {
            return String::new();
        };
        html::rewrite(
            &doc.rendered.html,
            &mut Web {
                book: self,
                index,
                anchor_label,
            },
        )
    }

    /// Ids for the print edition: every id of every chapter prefixed with
    /// the chapter's slug, then made unique across the whole document.
    fn print_ids(&self) -> PrintIds {
        let mut used: BTreeSet<String> = [PRINT_COVER_ID, PRINT_CONTENTS_ID]
            .into_iter()
            .map(String::from)
            .collect();
        let mut unique = |candidate: String| {
            let mut id = candidate.clone();
            let mut n = 1;
            while used.contains(&id) {
                n += 1;
                id = format!("{candidate}-{n}");
            }
            used.insert(id.clone());
            id
        };
        let mut chapters = Vec::new();
        let mut headings = Vec::new();
        for doc in &self.docs {
            chapters.push(unique(doc.chapter.slug.clone()));
            let mut map = BTreeMap::new();
            for id in &doc.ids {
                map.insert(id.clone(), unique(format!("{}--{id}", doc.chapter.slug)));
            }
            headings.push(map);
        }
        PrintIds { chapters, headings }
    }

    /// Chapter `index`'s HTML for the print edition.
    fn print_html(&self, index: usize, ids: &PrintIds) -> String {
        struct Print<'b> {
            book: &'b Book<'b>,
            ids: &'b PrintIds,
            index: usize,
        }
        impl Edits for Print<'_> {
            fn id(&mut self, id: &str) -> String {
                self.ids.heading(self.index, id).to_string()
            }
            fn href(&mut self, href: &str) -> Option<String> {
                let target = match self.book.classify(href) {
                    Link::Chapter {
                        index,
                        fragment: Some(fragment),
                    } => match self.book.anchor(index, &fragment) {
                        Some(id) => self.ids.heading(index, id),
                        None => self.ids.chapter(index),
                    },
                    Link::Chapter {
                        index,
                        fragment: None,
                    } => self.ids.chapter(index),
                    Link::Local(fragment) => {
                        let id = self.book.anchor(self.index, &fragment)?;
                        self.ids.heading(self.index, id)
                    }
                    Link::Other | Link::MissingChapter => return None,
                };
                Some(format!("#{}", html::percent_encode(target)))
            }
            fn heading(&mut self, _: u8, old_id: &str, _: &str) -> Option<(String, String)> {
                let doc = self.book.docs.get(self.index)?;
                Some((number_html(doc, old_id), String::new()))
            }
        }
        let Some(doc) = self.docs.get(index) else {
            return String::new();
        };
        html::rewrite(
            &doc.rendered.html,
            &mut Print {
                book: self,
                ids,
                index,
            },
        )
    }
}

/// The number in front of a heading, when it has one.
fn number_html(doc: &Doc, heading_id: &str) -> String {
    match doc.labels.get(heading_id) {
        Some(label) => {
            let space = if doc.numbering.spaced(false) { " " } else { "" };
            format!(
                "<span class=\"hb-num\">{}</span>{space}",
                html::escape_text(label)
            )
        }
        None => String::new(),
    }
}

/// The print edition's ids, by chapter.
#[derive(Debug)]
struct PrintIds {
    chapters: Vec<String>,
    headings: Vec<BTreeMap<String, String>>,
}

impl PrintIds {
    fn chapter(&self, index: usize) -> &str {
        self.chapters.get(index).map_or("", String::as_str)
    }

    /// The print id of chapter `index`'s id `id` (the chapter's own id
    /// when the chapter has no such id).
    fn heading<'s>(&'s self, index: usize, id: &'s str) -> &'s str {
        self.headings
            .get(index)
            .and_then(|map| map.get(id))
            .map_or_else(|| self.chapter(index), String::as_str)
    }
}

/// The `@page` rules of the print edition: paper, margins, the handbook
/// title in the header and "第 N 页 / 共 M 页" in the footer (Chromium
/// draws CSS page-margin boxes). The cover page has neither.
fn page_css(paper: &str, title: &str, page_of: &str) -> String {
    let (size, margin) = match paper {
        "A5" => ("A5", "15mm 13mm 16mm 13mm"),
        _ => ("A4", "20mm 18mm 20mm 18mm"),
    };
    let font = "font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif; font-size: 8.5pt; color: #57606a;";
    format!(
        "@page {{\n  size: {size};\n  margin: {margin};\n  \
         @top-center {{ content: {}; {font} }}\n  \
         @bottom-center {{ content: {}; {font} }}\n}}\n\
         @page :first {{\n  @top-center {{ content: none; }}\n  @bottom-center {{ content: none; }}\n}}\n",
        css_string(title),
        page_counter_content(page_of),
    )
}

/// `第 {page} 页 / 共 {pages} 页` as a CSS `content` value.
fn page_counter_content(template: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = template;
    loop {
        let next = ["{pages}", "{page}"]
            .iter()
            .filter_map(|p| rest.find(p).map(|i| (i, *p)))
            .min();
        let Some((at, placeholder)) = next else {
            if !rest.is_empty() {
                parts.push(css_string(rest));
            }
            break;
        };
        if at > 0 {
            parts.push(css_string(&rest[..at]));
        }
        parts.push(if placeholder == "{pages}" {
            "counter(pages)".to_string()
        } else {
            "counter(page)".to_string()
        });
        rest = &rest[at + placeholder.len()..];
    }
    parts.join(" ")
}

/// Text as a quoted CSS string that cannot end the `<style>` element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\3C "),
            '>' => out.push_str("\\3E "),
            '\n' | '\r' => out.push_str("\\A "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(slug: &str, title: &str, body: &str) -> Chapter {
        Chapter {
            path: format!("content/handbook/{slug}.md"),
            slug: slug.into(),
            title: title.into(),
            weight: 0,
            body: body.into(),
            body_line: 4,
        }
    }

    fn book(chapters: &[Chapter], numbering: Numbering) -> Book<'_> {
        Book::prepare(chapters, numbering, RenderOptions::default())
    }

    #[test]
    fn sections_are_numbered_per_chapter() {
        let chapters = [
            chapter(
                "a",
                "甲",
                "## 一\n\n### 子一\n\n### 子二\n\n## 二\n\n### 子三\n",
            ),
            chapter("b", "乙", "## 三\n\n#### 不编号\n"),
        ];
        let chinese = book(&chapters, Numbering::Chinese);
        let labels: Vec<_> = chinese.docs[0].labels.values().cloned().collect::<Vec<_>>();
        assert_eq!(labels.len(), 5);
        assert_eq!(chinese.docs[0].labels["一"], "一、");
        assert_eq!(chinese.docs[0].labels["子二"], "（二）");
        assert_eq!(chinese.docs[0].labels["子三"], "（一）");
        assert_eq!(chinese.docs[1].labels["三"], "一、");
        assert!(!chinese.docs[1].labels.contains_key("不编号"));
        assert_eq!(chinese.docs[1].number.as_deref(), Some("第二章"));
        let arabic = book(&chapters, Numbering::Arabic);
        assert_eq!(arabic.docs[0].labels["子三"], "1.2.1");
        assert_eq!(arabic.docs[1].labels["三"], "2.1");
        let none = book(&chapters, Numbering::None);
        assert!(none.docs[0].labels.is_empty() && none.docs[0].number.is_none());
    }

    #[test]
    fn links_are_classified() {
        let chapters = [
            chapter("01-a", "甲", "## 说明\n"),
            chapter("02-b", "乙", "## 分级\n"),
        ];
        let b = book(&chapters, Numbering::Chinese);
        assert_eq!(
            b.classify("02-b.md#%E5%88%86%E7%BA%A7"),
            Link::Chapter {
                index: 1,
                fragment: Some("分级".into())
            }
        );
        assert_eq!(
            b.classify("./01-a.md"),
            Link::Chapter {
                index: 0,
                fragment: None
            }
        );
        assert_eq!(b.classify("#说明"), Link::Local("说明".into()));
        assert_eq!(b.classify("03-c.md"), Link::MissingChapter);
        for other in [
            "https://example.org/a.md",
            "mailto:x@example.org",
            "/abs.md",
            "../pages/fees.md",
            "notes.txt",
        ] {
            assert_eq!(b.classify(other), Link::Other, "{other}");
        }
    }

    #[test]
    fn broken_links_have_file_and_line() {
        let chapters = [
            chapter(
                "01-a",
                "甲",
                "## 说明\n\n见[乙](02-b.md#分级)。\n\n见[丙](03-c.md)与[无](#没有)。\n",
            ),
            chapter("02-b", "乙", "## 分级\n\n[错](01-a.md#不存在)\n"),
        ];
        let problems = book(&chapters, Numbering::Chinese).check_links(Lang::ZhCn);
        let found: Vec<_> = problems
            .iter()
            .map(|p| (p.file.as_str(), p.line, p.value.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                ("content/handbook/01-a.md", Some(8), Some("03-c.md")),
                ("content/handbook/01-a.md", Some(8), Some("#没有")),
                ("content/handbook/02-b.md", Some(6), Some("01-a.md#不存在")),
            ]
        );
        assert!(problems.iter().all(|p| p.kind == Kind::BrokenLink));
        assert!(
            problems[0].message.contains("02-b.md"),
            "{}",
            problems[0].message
        );
        assert!(
            problems[2].message.contains("说明"),
            "{}",
            problems[2].message
        );
    }

    #[test]
    fn web_links_point_at_pages_and_headings_get_numbers_and_anchors() {
        let chapters = [
            chapter(
                "01-a",
                "甲",
                "## 说明\n\n见[乙](02-b.md#分级)，[本章](#说明)。\n",
            ),
            chapter("02-b", "乙", "## 分级\n"),
        ];
        let b = book(&chapters, Numbering::Chinese);
        let html = b.web_html(0, "本节链接");
        assert!(
            html.contains("<h2 id=\"说明\"><span class=\"hb-num\">一、</span>说明 <a class=\"hb-anchor\" href=\"#%E8%AF%B4%E6%98%8E\" aria-label=\"本节链接\">#</a></h2>"),
            "{html}"
        );
        assert!(
            html.contains("href=\"02-b.html#%E5%88%86%E7%BA%A7\""),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"#%E8%AF%B4%E6%98%8E\" rel=\"noopener noreferrer\">本章"),
            "{html}"
        );
    }

    #[test]
    fn print_ids_are_prefixed_and_unique() {
        let chapters = [
            // Both chapters have a 说明 section and a footnote 1.
            chapter("01-a", "甲", "## 说明\n\n正文[^1]\n\n[^1]: 注。\n"),
            chapter(
                "02-b",
                "乙",
                "## 说明\n\n## 说明\n\n正文[^1]，见[甲](01-a.md#说明)、[上](#说明-2)、[甲章](01-a.md)。\n\n[^1]: 注。\n",
            ),
            // A slug that collides with a prefixed id of chapter one.
            chapter("01-a--说明", "丙", "## x\n"),
        ];
        let b = book(&chapters, Numbering::Chinese);
        let ids = b.print_ids();
        let all: Vec<String> = (0..3)
            .flat_map(|i| {
                let html = b.print_html(i, &ids);
                html::ids(&html)
            })
            .chain(ids.chapters.iter().cloned())
            .collect();
        let unique: BTreeSet<_> = all.iter().collect();
        assert_eq!(unique.len(), all.len(), "duplicate ids: {all:?}");
        assert!(all.contains(&"01-a--说明".to_string()));
        assert!(all.contains(&"02-b--说明-2".to_string()));
        assert_eq!(ids.chapter(2), "01-a--说明-2");
        let second = b.print_html(1, &ids);
        assert!(
            second.contains("href=\"#01-a--%E8%AF%B4%E6%98%8E\""),
            "{second}"
        );
        assert!(
            second.contains("href=\"#02-b--%E8%AF%B4%E6%98%8E-2\""),
            "{second}"
        );
        assert!(second.contains("href=\"#01-a\""), "{second}");
        // The footnote reference follows its definition's new id.
        assert!(second.contains("href=\"#02-b--1\""), "{second}");
        assert!(second.contains("id=\"02-b--1\""), "{second}");
    }

    #[test]
    fn page_rules_hold_paper_title_and_page_counter() {
        let css = page_css("A5", "员工\"手册\"</style>", "第 {page} 页 / 共 {pages} 页");
        assert!(css.contains("size: A5;"));
        assert!(
            css.contains("content: \"员工\\\"手册\\\"\\3C /style\\3E \";"),
            "{css}"
        );
        assert!(
            css.contains("content: \"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\";")
        );
        assert!(!css.contains("</style>"));
        assert!(
            page_css("A4", "x", "{page}/{pages}").contains("counter(page) \"/\" counter(pages)")
        );
    }

    #[test]
    fn edition_dates_read_naturally() {
        assert_eq!(edition_date("2026-09-01", Lang::ZhCn), "2026年9月1日");
        assert_eq!(edition_date("2026-09-01", Lang::En), "1 September 2026");
        assert_eq!(edition_date("2026年秋", Lang::ZhCn), "2026年秋");
    }
}
