//! Markdown to HTML, shared by notices, pages, the handbook and reports.
//!
//! Headings get stable ids (their text, or `h-N` when the text has no
//! usable characters) so pages can link to them; raw HTML is sanitized
//! unless the estate trusts it.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;
use std::collections::HashMap;

/// One heading of a rendered document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// The HTML of a document with what pages need to know about it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// The text without markup, for search and summaries.
    pub plain_text: String,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Keep raw HTML as written (default: strip scripts, handlers, iframes
    /// and external resources).
    pub trust_html: bool,
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// A heading id from its text: letters, digits and CJK kept, spaces and
/// punctuation folded into `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Renders Markdown to HTML.
pub fn render(markdown: &str, options: RenderOptions) -> Rendered {
    let events: Vec<Event> = Parser::new_ext(markdown, parser_options()).collect();

    // First pass: heading texts and ids, unique within the document.
    let mut headings = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut current: Option<(u8, String)> = None;
    let mut plain_text = String::new();
    for event in &events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((heading_number(*level), String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = current.take() {
                    let mut id = slugify(&text);
                    if id.is_empty() {
                        id = format!("h-{}", headings.len() + 1);
                    }
                    let count = used.entry(id.clone()).or_insert(0);
                    *count += 1;
                    if *count > 1 {
                        id = format!("{id}-{count}");
                    }
                    headings.push(Heading { level, text, id });
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, heading)) = current.as_mut() {
                    heading.push_str(text);
                }
                plain_text.push_str(text);
            }
            Event::SoftBreak | Event::HardBreak => plain_text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                plain_text.push(' ')
            }
            _ => {}
        }
    }

    // Second pass: give each heading its id.
    let mut ids = headings.iter().map(|h| h.id.clone());
    let events = events.into_iter().map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            classes,
            attrs,
            ..
        }) => Event::Start(Tag::Heading {
            level,
            id: ids.next().map(Into::into),
            classes,
            attrs,
        }),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    let html = if options.trust_html {
        out
    } else {
        sanitize(&out)
    };
    Rendered {
        html,
        headings,
        plain_text: plain_text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Strips scripts, event handlers, `javascript:` URLs, iframes and
/// resources from other hosts; keeps ids, classes and ordinary markup.
pub fn sanitize(html: &str) -> String {
    // Built once: making the builder's tables took a tenth of a notice's
    // rendering.
    static SANITIZER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    SANITIZER.get_or_init(sanitizer).clean(html).to_string()
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class", "align"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tags(["input"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .attribute_filter(|element, attribute, value| {
            // Images and other embedded resources may only come from the site itself.
            if attribute == "src" && (value.contains("://") || value.starts_with("//")) {
                let _ = element;
                return None;
            }
            Some(value.into())
        })
        .link_rel(Some("noopener noreferrer"));
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ids() {
        let r = render(
            "# 停水通知\n\n## 说明\n\n## 说明\n\n## ！！\n",
            RenderOptions::default(),
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["停水通知", "说明", "说明-2", "h-4"]);
        assert!(r.html.contains("<h2 id=\"说明-2\">"), "{}", r.html);
    }

    #[test]
    fn tables_render() {
        let r = render(
            "| 项目 | 单价 |\n|---|---|\n| 物业费 | 2.5 |\n",
            RenderOptions::default(),
        );
        assert!(r.html.contains("<table>"));
        assert!(r.plain_text.contains("物业费"));
    }

    #[test]
    fn scripts_and_handlers_are_stripped_unless_trusted() {
        let md = "<script>alert(1)</script><img src=\"https://evil.example/x.png\" onerror=\"x()\"><a href=\"javascript:x()\">a</a><iframe src=\"/x\"></iframe>";
        let safe = render(md, RenderOptions::default()).html;
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "evil.example",
        ] {
            assert!(!safe.contains(bad), "{bad} survived: {safe}");
        }
        let trusted = render(md, RenderOptions { trust_html: true }).html;
        assert!(trusted.contains("<script"));
    }
}
