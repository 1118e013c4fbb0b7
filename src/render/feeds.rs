//! What machines read: the Atom feed of current notices, `sitemap.xml`
//! and `robots.txt`.
//!
//! Times in the estate's files carry no zone; China has one (UTC+8), so
//! the feed writes them with `+08:00`. The feed's `updated` is the newest
//! notice date, or `as_of` when there is none: never the clock.

use chrono::NaiveDateTime;

/// Offset written after the estate's wall-clock times.
pub const OFFSET: &str = "+08:00";

/// One notice as the feed shows it.
pub struct FeedEntry {
    /// Path relative to the site root, e.g. `notices/3栋停水/`, encoded.
    pub path: String,
    pub title: String,
    pub date: NaiveDateTime,
    pub summary: String,
    /// Rendered HTML body.
    pub html: String,
    pub category: String,
}

pub struct FeedInfo<'a> {
    /// `base_url` with a trailing `/`, or empty.
    pub base_url: &'a str,
    pub title: &'a str,
    pub subtitle: &'a str,
    pub author: &'a str,
    pub lang: &'a str,
    /// Stable identity when there is no base URL.
    pub fallback_id: &'a str,
    pub as_of: NaiveDateTime,
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn rfc3339(t: &NaiveDateTime) -> String {
    format!("{}{OFFSET}", t.format("%Y-%m-%dT%H:%M:%S"))
}

/// The Atom feed (`feed.xml`); entries are expected newest first.
pub fn atom(info: &FeedInfo, entries: &[FeedEntry]) -> String {
    let updated = entries.iter().map(|e| e.date).max().unwrap_or(info.as_of);
    let parts: Vec<String> = entries.iter().map(|e| atom_entry(info, e)).collect();
    atom_from_parts(info, updated, parts.iter().map(String::as_str))
}

/// The feed around entries already written by [`atom_entry`] (in order);
/// `updated` is the newest entry date, or `as_of` when there is none.
pub fn atom_from_parts<'e>(
    info: &FeedInfo,
    updated: NaiveDateTime,
    entries: impl Iterator<Item = &'e str>,
) -> String {
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(info.lang)
    ));
    xml.push_str(&format!("  <title>{}</title>\n", escape(info.title)));
    if !info.subtitle.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape(info.subtitle)
        ));
    }
    xml.push_str(&format!(
        "  <id>{}</id>\n",
        escape(&if info.base_url.is_empty() {
            info.fallback_id.to_string()
        } else {
            info.base_url.to_string()
        })
    ));
    xml.push_str(&format!("  <updated>{}</updated>\n", rfc3339(&updated)));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(info.author)
    ));
    if !info.base_url.is_empty() {
        xml.push_str(&format!(
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}feed.xml\"/>\n",
            escape(info.base_url)
        ));
        xml.push_str(&format!(
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(info.base_url)
        ));
    }
    xml.push_str("  <generator>wuye</generator>\n");
    for entry in entries {
        xml.push_str(entry);
    }
    xml.push_str("</feed>\n");
    xml
}

/// One `<entry>` of the feed. What it shows besides `entry` (the base URL
/// or the fallback id) is the same for every entry of a build.
pub fn atom_entry(info: &FeedInfo, entry: &FeedEntry) -> String {
    let id = |path: &str| {
        if info.base_url.is_empty() {
            format!("{}:{}", info.fallback_id, path.trim_end_matches('/'))
        } else {
            format!("{}{}", info.base_url, path)
        }
    };
    let mut xml = String::new();
    let href = if info.base_url.is_empty() {
        format!("{}index.html", entry.path)
    } else {
        format!("{}{}", info.base_url, entry.path)
    };
    xml.push_str("  <entry>\n");
    xml.push_str(&format!("    <title>{}</title>\n", escape(&entry.title)));
    xml.push_str(&format!("    <id>{}</id>\n", escape(&id(&entry.path))));
    xml.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&href)
    ));
    xml.push_str(&format!(
        "    <updated>{}</updated>\n",
        rfc3339(&entry.date)
    ));
    xml.push_str(&format!(
        "    <published>{}</published>\n",
        rfc3339(&entry.date)
    ));
    xml.push_str(&format!(
        "    <category term=\"{}\"/>\n",
        escape(&entry.category)
    ));
    if !entry.summary.is_empty() {
        xml.push_str(&format!(
            "    <summary>{}</summary>\n",
            escape(&entry.summary)
        ));
    }
    xml.push_str(&format!(
        "    <content type=\"html\">{}</content>\n",
        escape(&entry.html)
    ));
    xml.push_str("  </entry>\n");
    xml
}

/// `sitemap.xml` with absolute URLs; `None` without a base URL, since a
/// sitemap may not hold relative ones.
pub fn sitemap(base_url: &str, urls: &[(String, Option<String>)]) -> Option<String> {
    if base_url.is_empty() {
        return None;
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in urls {
        xml.push_str(&format!(
            "  <url><loc>{}{}</loc>",
            escape(base_url),
            escape(path)
        ));
        if let Some(lastmod) = lastmod {
            xml.push_str(&format!("<lastmod>{}</lastmod>", escape(lastmod)));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}

pub fn robots(base_url: &str) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if !base_url.is_empty() {
        text.push_str(&format!("Sitemap: {base_url}sitemap.xml\n"));
    }
    text
}

/// `base_url` with a trailing `/` (empty stays empty).
pub fn normalize_base_url(base_url: &str) -> String {
    let base = base_url.trim();
    if base.is_empty() || base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    }
}

/// The path part of a base URL (`https://x.org/wuye/` → `/wuye/`), for
/// the 404 page, which a server shows at any depth.
pub fn base_path(base_url: &str) -> Option<String> {
    let rest = base_url.split_once("://")?.1;
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    Some(if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    })
}

/// Percent-encodes one URL path segment (UTF-8), keeping unreserved ASCII.
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::new();
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(normalize_base_url("https://x.org/a"), "https://x.org/a/");
        assert_eq!(base_path("https://x.org/a/"), Some("/a/".into()));
        assert_eq!(base_path("https://x.org"), Some("/".into()));
        assert_eq!(base_path(""), None);
        assert_eq!(encode_segment("停水-3"), "%E5%81%9C%E6%B0%B4-3");
    }

    #[test]
    fn escaping_drops_control_characters() {
        assert_eq!(escape("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;");
    }
}
