//! Small, careful edits of the HTML that `crate::markdown::render` gives:
//! rewrite `id` and `href` attribute values, and decorate headings with a
//! number in front and an anchor link behind. Everything else is copied
//! byte for byte.
//!
//! The input is HTML serialized by a sanitizer (or trusted raw HTML), so a
//! tag is `<name attr="value" …>` with quoted or bare values; comments are
//! copied whole. This is not a general HTML parser and does not need to be.

/// What to change while copying a chapter's HTML.
pub trait Edits {
    /// The new value of an `id` attribute (unescaped in, unescaped out).
    fn id(&mut self, id: &str) -> String;
    /// The new value of an `href` attribute, or `None` to keep it.
    fn href(&mut self, href: &str) -> Option<String>;
    /// HTML to put just inside a heading that had id `old_id` (now
    /// `new_id`): (after the opening tag, before the closing tag).
    fn heading(&mut self, level: u8, old_id: &str, new_id: &str) -> Option<(String, String)>;
}

/// Copies `html`, applying `edits`.
pub fn rewrite(html: &str, edits: &mut impl Edits) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    let mut rest = html;
    // The closing tag to watch for, and what to put before it.
    let mut pending: Option<(String, String)> = None;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |i| i + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        if let Some((close, suffix)) = &pending
            && starts_with_ignore_case(rest, close)
        {
            out.push_str(suffix);
            pending = None;
        }
        match parse_tag(rest) {
            Some(tag) => {
                let mut piece = String::with_capacity(tag.len);
                let mut copied = 0;
                let mut old_id = None;
                let mut new_id = None;
                for attr in &tag.attrs {
                    let raw = &rest[attr.value.0..attr.value.1];
                    let value = unescape(raw);
                    let replacement = match attr.name.as_str() {
                        "id" => {
                            let id = edits.id(&value);
                            old_id = Some(value.clone());
                            new_id = Some(id.clone());
                            (id != value).then_some(id)
                        }
                        "href" => edits.href(&value).filter(|href| *href != value),
                        _ => None,
                    };
                    if let Some(replacement) = replacement {
                        piece.push_str(&rest[copied..attr.value.0]);
                        piece.push_str(&escape_attr(&replacement));
                        copied = attr.value.1;
                    }
                }
                piece.push_str(&rest[copied..tag.len]);
                out.push_str(&piece);
                if let (Some(level), Some(old), Some(new)) =
                    (heading_level(&tag.name), old_id, new_id)
                    && let Some((before, after)) = edits.heading(level, &old, &new)
                {
                    out.push_str(&before);
                    pending = Some((format!("</{}>", tag.name), after));
                }
                rest = &rest[tag.len..];
            }
            None => {
                // A lone `<` in text (or a closing tag): copy it and go on.
                let end = if rest.starts_with("</") {
                    rest.find('>').map_or(rest.len(), |i| i + 1)
                } else {
                    1
                };
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every `id` attribute value of `html`, in order (unescaped).
pub fn ids(html: &str) -> Vec<String> {
    struct Collect(Vec<String>);
    impl Edits for Collect {
        fn id(&mut self, id: &str) -> String {
            self.0.push(id.to_string());
            id.to_string()
        }
        fn href(&mut self, _: &str) -> Option<String> {
            None
        }
        fn heading(&mut self, _: u8, _: &str, _: &str) -> Option<(String, String)> {
            None
        }
    }
    let mut collect = Collect(Vec::new());
    rewrite(html, &mut collect);
    collect.0
}

struct Tag {
    name: String,
    attrs: Vec<Attr>,
    /// Length of the whole tag in bytes, `<` to `>` inclusive.
    len: usize,
}

struct Attr {
    name: String,
    /// Byte range of the value (without quotes) within the tag's text.
    value: (usize, usize),
}

/// Parses an opening tag at the start of `text`.
fn parse_tag(text: &str) -> Option<Tag> {
    let bytes = text.as_bytes();
    let mut i = 1;
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric()) {
        i += 1;
    }
    let name = text[1..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => {
                return Some(Tag {
                    name,
                    attrs,
                    len: i + 1,
                });
            }
            _ => {
                let start = i;
                while bytes
                    .get(i)
                    .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
                {
                    i += 1;
                }
                let attr_name = text[start..i].to_ascii_lowercase();
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                if bytes.get(i) != Some(&b'=') {
                    continue;
                }
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                let value = match bytes.get(i)? {
                    quote @ (b'"' | b'\'') => {
                        let open = i + 1;
                        let close = open + text[open..].find(*quote as char)?;
                        i = close + 1;
                        (open, close)
                    }
                    _ => {
                        let open = i;
                        while bytes
                            .get(i)
                            .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                        {
                            i += 1;
                        }
                        (open, i)
                    }
                };
                attrs.push(Attr {
                    name: attr_name,
                    value,
                });
            }
        }
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Decodes the entities a serializer puts in attribute values.
pub fn unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|i| *i <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "nbsp" => Some('\u{a0}'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes text for a double- or single-quoted attribute value.
pub fn escape_attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
    out
}

/// Escapes text for element content.
pub fn escape_text(value: &str) -> String {
    escape_attr(value)
}

/// Decodes `%XX` escapes (as UTF-8; invalid sequences are kept as written).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Percent-encodes what may not stand bare in a URL fragment (non-ASCII,
/// spaces, quotes, `%`, `#`, `<`, `>`), the same way Markdown links are.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&byte) {
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

    struct Prefix;
    impl Edits for Prefix {
        fn id(&mut self, id: &str) -> String {
            format!("ch--{id}")
        }
        fn href(&mut self, href: &str) -> Option<String> {
            href.strip_prefix('#').map(|f| format!("#ch--{f}"))
        }
        fn heading(&mut self, level: u8, old: &str, new: &str) -> Option<(String, String)> {
            (level == 2).then(|| (format!("[{old}]"), format!("<a href=\"#{new}\">#</a>")))
        }
    }

    #[test]
    fn rewrites_ids_hrefs_and_headings_only() {
        let html = "<h2 id=\"说明\">说明 <em>x</em></h2>\n<p>a &lt; b <a href=\"#说明\" title='t'>见</a> \
                    <a href=\"https://x.example/?a=1&amp;b=2\">外</a></p><!-- <h2 id=\"c\"> -->\
                    <h3 id=\"k\">k</h3><img src=x alt=\"\">";
        let out = rewrite(html, &mut Prefix);
        assert_eq!(
            out,
            "<h2 id=\"ch--说明\">[说明]说明 <em>x</em><a href=\"#ch--说明\">#</a></h2>\n\
             <p>a &lt; b <a href=\"#ch--说明\" title='t'>见</a> \
             <a href=\"https://x.example/?a=1&amp;b=2\">外</a></p><!-- <h2 id=\"c\"> -->\
             <h3 id=\"ch--k\">k</h3><img src=x alt=\"\">"
        );
    }

    #[test]
    fn collects_ids_in_order() {
        assert_eq!(
            ids("<h2 id=\"a&amp;b\">x</h2><div class=\"f\" id='fn'></div><p>id=\"no\"</p>"),
            ["a&b", "fn"]
        );
    }

    #[test]
    fn broken_markup_is_copied_not_lost() {
        for html in [
            "a < b",
            "<p",
            "<a href=\"x",
            "</p",
            "x <3 y",
            "<h2 id=\"q\">no close",
        ] {
            let out = rewrite(html, &mut Prefix);
            assert!(out.len() >= html.len() - 2, "{html} -> {out}");
        }
        assert_eq!(rewrite("a < b", &mut Prefix), "a < b");
    }

    #[test]
    fn percent_coding_round_trips() {
        assert_eq!(percent_decode("%E6%8A%95%E8%AF%89-1"), "投诉-1");
        assert_eq!(percent_encode("投诉 1"), "%E6%8A%95%E8%AF%89%201");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%ZZ"), "%ZZ");
        assert_eq!(
            unescape("a&amp;b&quot;&#39;&#x41;&bogus;&"),
            "a&b\"'A&bogus;&"
        );
    }
}
