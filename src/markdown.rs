//! Markdown to HTML, shared by notices, pages, the handbook and reports.
//!
//! Headings get stable ids (their text, or `h-N` when the text has no
//! usable characters) so pages can link to them; raw HTML is sanitized
//! unless the estate trusts it.

use crate::guard::MAX_NESTING;
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

/// Renders Markdown to HTML. Structure nested deeper than
/// [`MAX_NESTING`] is flattened (its text kept, its raw HTML escaped) so
/// that no document can make the sanitizer run for minutes; loaders report
/// such files as errors before they get here (see [`too_deep`]).
pub fn render(markdown: &str, options: RenderOptions) -> Rendered {
    let events = limit_nesting(Parser::new_ext(markdown, parser_options()));

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

/// Elements whose end tag may be left out (`<p>`, `<li>`, `<td>` ...) and
/// void elements: an HTML parser closes them by itself, so they never pile
/// up, and counting them would flag a sloppy paste of `<p>`s as deep.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "colgroup", "dd", "dt", "embed", "hr", "img", "input", "li",
    "link", "meta", "option", "optgroup", "p", "param", "rb", "rp", "rt", "source", "tbody", "td",
    "tfoot", "th", "thead", "tr", "track", "wbr", "html", "head", "body",
];

/// Follows the open and close tags of a piece of raw HTML: `depth` is the
/// number of elements left open; returns the deepest it got. An estimate
/// (HTML parsers repair bad nesting in many ways), only used for a limit.
fn follow_raw_html(html: &str, depth: &mut usize) -> usize {
    let mut deepest = *depth;
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let closing = rest.starts_with('/');
        let name_part = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = name_part
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        // A tag name starts with a letter (`a < b`, `<3` are text).
        let is_tag = name.starts_with(|c: char| c.is_ascii_alphabetic());
        if !is_tag || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let self_closing = rest[..end].ends_with('/');
        if closing {
            *depth = depth.saturating_sub(1);
        } else if !self_closing {
            *depth += 1;
            deepest = deepest.max(*depth);
        }
        rest = &rest[end..];
    }
    deepest
}

/// The byte offset in `markdown` where its nesting first goes deeper than
/// [`MAX_NESTING`], counting Markdown containers and raw HTML elements.
pub fn too_deep(markdown: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut raw = 0usize;
    for (event, range) in Parser::new_ext(markdown, parser_options()).into_offset_iter() {
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth + raw > MAX_NESTING {
                    return Some(range.start);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(html) | Event::InlineHtml(html)
                if depth + follow_raw_html(&html, &mut raw) > MAX_NESTING =>
            {
                return Some(range.start);
            }
            _ => {}
        }
    }
    None
}

/// Drops the containers nested deeper than [`MAX_NESTING`] (and everything
/// structural inside them), keeping their text; raw HTML that would go
/// deeper is shown as text instead.
fn limit_nesting<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    // For every open container: whether it was kept.
    let mut kept: Vec<bool> = Vec::new();
    let mut depth = 0usize;
    let mut raw = 0usize;
    for event in events {
        match event {
            Event::Start(tag) => {
                let keep = kept.last().copied().unwrap_or(true) && depth + raw < MAX_NESTING;
                kept.push(keep);
                if keep {
                    depth += 1;
                    out.push(Event::Start(tag));
                }
            }
            Event::End(tag) => {
                if kept.pop().unwrap_or(false) {
                    depth = depth.saturating_sub(1);
                    out.push(Event::End(tag));
                }
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                let mut after = raw;
                let deepest = follow_raw_html(html, &mut after);
                if kept.last().copied().unwrap_or(true) && depth + deepest <= MAX_NESTING {
                    raw = after;
                    out.push(event);
                } else {
                    out.push(Event::Text(html.clone()));
                }
            }
            other => out.push(other),
        }
    }
    out
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
        .attribute_filter(|_element, attribute, value| {
            // Images and other embedded resources may only come from the site itself.
            if attribute == "src" && !is_local_url(value) {
                return None;
            }
            Some(value.into())
        })
        .link_rel(Some("noopener noreferrer"));
    builder
}

/// True when a browser would resolve `url` against the page itself: no
/// scheme, no host. Browsers drop tabs and line breaks anywhere in a URL,
/// trim spaces and control characters around it and read `\` as `/`, so
/// ` //host`, `\\host` and `https:host` (which means `https://host`) are
/// all other hosts.
fn is_local_url(url: &str) -> bool {
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    let url = url.trim_matches(|c: char| c <= ' ');
    if url.starts_with("//") {
        return false;
    }
    // A scheme is whatever comes before a `:` that precedes any `/?#`.
    match url.find(':') {
        Some(colon) => url[..colon].contains(['/', '?', '#']),
        None => true,
    }
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

    #[test]
    fn only_local_images_are_kept() {
        for local in [
            "x.png",
            "./img/x.png",
            "../static/a.png",
            "/x.png",
            "a/b:c.png",
            "?q",
            "#f",
        ] {
            assert!(is_local_url(local), "{local}");
        }
        for external in [
            "https://evil.example/x.png",
            "HTTP://evil.example/x.png",
            "//evil.example/x.png",
            " //evil.example/x.png",
            "\\\\evil.example\\x.png",
            "/\\evil.example/x.png",
            "https:evil.example/x.png",
            "ht\ttps://evil.example/x.png",
            "data:image/png;base64,AAAA",
            "javascript:alert(1)",
            "\u{1}//evil.example",
        ] {
            assert!(!is_local_url(external), "{external}");
            let html = sanitize(&format!("<img src=\"{external}\" alt=\"a\">"));
            assert!(!html.contains("src="), "{external}: {html}");
        }
        assert!(sanitize("<img src=\"img/a.png\">").contains("src=\"img/a.png\""));
    }

    #[test]
    fn deep_nesting_is_found_and_flattened_quickly() {
        let n = 10_000;
        let start = std::time::Instant::now();
        for md in [
            "- ".repeat(n) + "深处\n",
            "1. ".repeat(n) + "深处\n",
            ">".repeat(n) + " 深处\n",
            "<div>".repeat(n) + "深处" + &"</div>".repeat(n) + "\n",
            "<span>".repeat(n) + "深处\n",
        ] {
            let md = format!("# 标题\n\n正文\n\n{md}");
            let offset = too_deep(&md).expect("found");
            assert!(offset >= "# 标题\n\n正文\n\n".len(), "{offset}");
            let r = render(&md, RenderOptions::default());
            assert!(r.plain_text.contains("深处"), "text kept");
            assert_eq!(r.headings.len(), 1);
            let opened = r.html.matches("<ul>").count()
                + r.html.matches("<ol>").count()
                + r.html.matches("<blockquote>").count()
                + r.html.matches("<div>").count()
                + r.html.matches("<span>").count();
            assert!(opened <= MAX_NESTING, "{opened} levels kept");
        }
        // Debug builds included: without the limit this takes minutes.
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn ordinary_nesting_is_not_too_deep() {
        let mut md = String::new();
        for level in 0..10 {
            md.push_str(&"  ".repeat(level));
            md.push_str("- *项* [链接](x) **粗**\n");
        }
        md.push_str("\n> > > 引用\n\n");
        md.push_str(&"<p>段落".repeat(500));
        md.push_str("\n\n<table><tr><td>a<td>b<tr><td>c</table>\n");
        assert_eq!(too_deep(&md), None);
        let r = render(&md, RenderOptions::default());
        assert_eq!(r.html.matches("<ul>").count(), 10);
        assert!(r.html.contains("<blockquote>"));
        assert!(r.html.contains("<td>c</td>"), "{}", r.html);
    }

    #[test]
    fn raw_html_depth_counts_open_elements_only() {
        let mut depth = 0;
        assert_eq!(
            follow_raw_html("<div><span>a</span><br/><img src=x>", &mut depth),
            2
        );
        assert_eq!(depth, 1);
        assert_eq!(follow_raw_html("</div></div><!-- c --><x/>", &mut depth), 1);
        assert_eq!(depth, 0);
        assert_eq!(follow_raw_html("a < b <3 <P>x<LI>", &mut depth), 0);
    }
}
