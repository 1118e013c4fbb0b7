//! The preview's HTTP side: serves the last good output tree from memory,
//! injects the live-reload script (and the error overlay) into HTML
//! responses only, and streams reload events.
//!
//! Files are looked up by exact key in the in-memory [`OutputTree`], never
//! on disk, so no request can reach a file outside the output; paths with
//! `..`, `.`, empty segments, backslashes or NUL (also percent-encoded) are
//! refused with 404 before the lookup anyway.

use super::Snapshot;
use crate::messages::Lang;
use crate::messages::serve::ServeMsg;
use crate::output::{self, OutputTree};
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Where the reload events are streamed (server-sent events).
pub const EVENTS_PATH: &str = "/__wuye/events";
/// The live-reload script.
pub const SCRIPT_PATH: &str = "/__wuye/live.js";

/// The script every served HTML page gets. It compares the version the
/// page was served with to the server's: on connect (a rebuild may have
/// happened between the page load and the connection, or the server was
/// restarted) and on each reload event.
const LIVE_JS: &str = r#"(function () {
  var me = document.currentScript;
  var version = me ? me.getAttribute("data-version") : null;
  var close = document.querySelector("[data-wuye-close]");
  if (close) {
    close.addEventListener("click", function () {
      var overlay = document.getElementById("wuye-error-overlay");
      if (overlay) { overlay.parentNode.removeChild(overlay); }
    });
  }
  if (!window.EventSource) { return; }
  var source = new EventSource("/__wuye/events");
  function check(event) {
    if (event.data !== version) { source.close(); window.location.reload(); }
  }
  source.addEventListener("hello", check);
  source.addEventListener("reload", check);
})();
"#;

pub type Shared = Arc<watch::Sender<Arc<Snapshot>>>;

/// The router: one handler for every path, so nothing normalises a path
/// before [`resolve`] has judged it.
pub fn app(shared: Shared) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(shared)
}

async fn handle(State(shared): State<Shared>, method: Method, uri: Uri) -> Response {
    let snapshot = shared.borrow().clone();
    if method != Method::GET && method != Method::HEAD {
        return method_not_allowed(snapshot.lang);
    }
    match uri.path() {
        EVENTS_PATH => return events(&shared).into_response(),
        SCRIPT_PATH => return file_response(SCRIPT_PATH, LIVE_JS.as_bytes().to_vec()),
        _ => {}
    }
    match resolve(uri.path(), &snapshot.tree) {
        Target::File(key) => {
            let Some(bytes) = snapshot.tree.files.get(&key) else {
                return not_found(&snapshot);
            };
            if is_html(&key) {
                file_response(&key, inject(bytes, &snapshot))
            } else {
                file_response(&key, bytes.to_vec())
            }
        }
        Target::Redirect(location) => redirect(&location),
        Target::NotFound => not_found(&snapshot),
    }
}

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the tree, by its key.
    File(String),
    /// A folder asked for without its final `/`: relative links inside its
    /// `index.html` only work from the URL with the slash.
    Redirect(String),
    NotFound,
}

/// Maps a raw request path (still percent-encoded) to a file of `tree`.
pub fn resolve(raw: &str, tree: &OutputTree) -> Target {
    let Some(decoded) = percent_decode(raw) else {
        return Target::NotFound;
    };
    let Some(rest) = decoded.strip_prefix('/') else {
        return Target::NotFound;
    };
    if rest.is_empty() {
        return Target::Redirect("/site/".into());
    }
    let (key, is_dir) = match rest.strip_suffix('/') {
        Some(dir) => (dir, true),
        None => (rest, false),
    };
    if !is_safe_key(key) {
        return Target::NotFound;
    }
    let index = format!("{key}/index.html");
    if is_dir {
        return if tree.files.contains_key(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if tree.files.contains_key(key) {
        Target::File(key.to_string())
    } else if tree.files.contains_key(&index) {
        Target::Redirect(format!("{raw}/"))
    } else {
        Target::NotFound
    }
}

/// Every segment a plain name: no `..`, `.`, empty segment, `\` or NUL.
fn is_safe_key(key: &str) -> bool {
    key.split('/')
        .all(|segment| !segment.is_empty() && segment != "." && segment != "..")
        && output::is_safe_relative(key)
}

/// Decodes `%XX` escapes; `None` for a malformed escape or non-UTF-8.
pub fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type by extension; text types say `charset=utf-8`.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn is_html(path: &str) -> bool {
    content_type(path).starts_with("text/html")
}

fn file_response(path: &str, bytes: Vec<u8>) -> Response {
    respond(StatusCode::OK, content_type(path), bytes)
}

fn respond(status: StatusCode, content_type: &'static str, bytes: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // A preview must never be cached (WeChat's browser caches hard).
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn redirect(location: &str) -> Response {
    let mut response = respond(StatusCode::FOUND, "text/plain; charset=utf-8", Vec::new());
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn method_not_allowed(lang: Lang) -> Response {
    let mut response = respond(
        StatusCode::METHOD_NOT_ALLOWED,
        "text/plain; charset=utf-8",
        (ServeMsg::MethodNotAllowed.text(lang) + "\n").into_bytes(),
    );
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    response
}

/// 404 as a small page that still carries the script (the page may appear
/// after the next rebuild) and the overlay. With nothing built yet it is
/// the error page itself, 503.
fn not_found(snapshot: &Snapshot) -> Response {
    let lang = snapshot.lang;
    let (status, text) = if snapshot.built {
        (StatusCode::NOT_FOUND, ServeMsg::NotFound.text(lang))
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            ServeMsg::OverlayTitle.text(lang),
        )
    };
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n<p>{}</p>\n<p><a href=\"/site/\">/site/</a></p>\n</body>\n</html>\n",
        lang.code(),
        status.as_u16(),
        escape(&text)
    );
    respond(
        status,
        "text/html; charset=utf-8",
        inject(page.as_bytes(), snapshot),
    )
}

/// Puts the overlay (when the last build failed) and the live-reload
/// script just before the last `</body>`, or at the end.
pub fn inject(html: &[u8], snapshot: &Snapshot) -> Vec<u8> {
    let mut addition = String::new();
    if let Some(overlay) = &snapshot.overlay {
        addition.push_str(overlay);
    }
    addition.push_str(&format!(
        "<script src=\"{SCRIPT_PATH}\" data-version=\"{}\"></script>\n",
        escape(&snapshot.version)
    ));
    let at = find_last_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + addition.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(addition.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The event stream: `hello` with the current version at once, then
/// `reload` with the new version after every rebuild that changed what is
/// served. Ends when the server shuts down.
fn events(
    shared: &Shared,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>> + use<>> {
    let receiver = shared.subscribe();
    let first = receiver.borrow().clone();
    let stream = futures_util::stream::unfold(
        (receiver, Some(first)),
        |(mut receiver, first)| async move {
            if let Some(snapshot) = first {
                if snapshot.closing {
                    return None;
                }
                let hello = Event::default()
                    .event("hello")
                    .retry(Duration::from_millis(1000))
                    .data(snapshot.version.clone());
                return Some((Ok(hello), (receiver, None)));
            }
            receiver.changed().await.ok()?;
            let snapshot = receiver.borrow_and_update().clone();
            if snapshot.closing {
                return None;
            }
            let reload = Event::default()
                .event("reload")
                .data(snapshot.version.clone());
            Some((Ok(reload), (receiver, None)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> OutputTree {
        let mut tree = OutputTree::default();
        tree.insert("site/index.html", "<html><body>home</body></html>");
        tree.insert("site/notices/a/index.html", "a");
        tree.insert("site/static/style.1234abcd.css", "body{}");
        tree.insert("internal/metrics.json", "{}");
        tree
    }

    #[test]
    fn files_and_folders_resolve() {
        let tree = tree();
        assert_eq!(
            resolve("/site/index.html", &tree),
            Target::File("site/index.html".into())
        );
        assert_eq!(
            resolve("/site/", &tree),
            Target::File("site/index.html".into())
        );
        assert_eq!(
            resolve("/site/notices/a/", &tree),
            Target::File("site/notices/a/index.html".into())
        );
        assert_eq!(
            resolve("/site/notices/a", &tree),
            Target::Redirect("/site/notices/a/".into())
        );
        assert_eq!(resolve("/", &tree), Target::Redirect("/site/".into()));
        assert_eq!(
            resolve("/site/static/style%2E1234abcd.css", &tree),
            Target::File("site/static/style.1234abcd.css".into())
        );
        assert_eq!(resolve("/site/missing.html", &tree), Target::NotFound);
        assert_eq!(resolve("/internal/", &tree), Target::NotFound);
    }

    #[test]
    fn traversal_and_odd_paths_are_not_found() {
        let tree = tree();
        for raw in [
            "/../wuye.toml",
            "/site/../../wuye.toml",
            "/site/%2e%2e/%2e%2e/wuye.toml",
            "/site/%2E%2E%2Fsite/index.html",
            "/..%2f..%2fetc/passwd",
            "/site/..%5c..%5cwuye.toml",
            "//etc/passwd",
            "/etc/passwd",
            "/site/./index.html",
            "/site//index.html",
            "/site/index.html%00",
            "/site/%zz",
            "/site/%ff",
            "site/index.html",
            "/C:/Windows/win.ini",
        ] {
            assert_eq!(resolve(raw, &tree), Target::NotFound, "{raw}");
        }
    }

    #[test]
    fn text_types_are_utf8() {
        for (path, expected) in [
            ("a/b.html", "text/html; charset=utf-8"),
            ("a/b.HTM", "text/html; charset=utf-8"),
            ("b.css", "text/css; charset=utf-8"),
            ("b.js", "text/javascript; charset=utf-8"),
            ("b.svg", "image/svg+xml; charset=utf-8"),
            ("b.json", "application/json; charset=utf-8"),
            ("b.xml", "application/xml; charset=utf-8"),
            ("b.png", "image/png"),
            ("noext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), expected, "{path}");
        }
    }

    fn snapshot(overlay: Option<&str>) -> Snapshot {
        Snapshot {
            tree: Arc::new(OutputTree::default()),
            built: true,
            overlay: overlay.map(str::to_string),
            version: "v\"1".into(),
            lang: Lang::ZhCn,
            closing: false,
        }
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>x</p><!-- </body> --></BODY></html>";
        let out = String::from_utf8(inject(html, &snapshot(None))).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><!-- </body> --><script src=\"/__wuye/live.js\" data-version=\"v&quot;1\"></script>\n</BODY></html>"
        );
        let bare = String::from_utf8(inject(b"<p>x</p>", &snapshot(Some("<div>E</div>")))).unwrap();
        assert!(bare.starts_with("<p>x</p><div>E</div><script"));
    }
}
