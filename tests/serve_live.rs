//! `wuye serve` end to end: the real binary on a free port in a fresh
//! estate (`wuye init`), spoken to over plain TCP so that requests the
//! usual clients would "fix" (`..`, odd methods) reach the server as sent.
//!
//! Every wait polls against a deadline; the child is killed on drop.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WUYE: &str = env!("CARGO_BIN_EXE_wuye");

/// The bound: the new text is served within 2 seconds of the save.
const LIVE: Duration = Duration::from_secs(2);
/// Generous bound for start-up on a busy machine.
const START: Duration = Duration::from_secs(30);

fn estate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(WUYE)
        .arg("init")
        .arg(dir.path().join("estate"))
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    dir
}

fn root(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("estate")
}

struct Server {
    child: Child,
    addr: String,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(stream: impl Read + Send + 'static) -> Arc<Mutex<Vec<String>>> {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    lines
}

fn serve(root: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(WUYE)
        .arg("serve")
        .arg("--root")
        .arg(root)
        .args(["--port", "0"])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = collect(child.stdout.take().unwrap());
    let stderr = collect(child.stderr.take().unwrap());
    let mut server = Server {
        child,
        addr: String::new(),
        stdout,
        stderr,
    };
    let addr = wait_for(START, || {
        server.stdout.lock().unwrap().iter().find_map(|line| {
            let rest = line.split("http://").nth(1)?;
            Some(rest.split('/').next()?.to_string())
        })
    });
    server.addr = addr.unwrap_or_else(|| {
        panic!(
            "serve printed no URL; stdout {:?} stderr {:?}",
            server.stdout.lock().unwrap(),
            server.stderr.lock().unwrap()
        )
    });
    server
}

impl Server {
    fn get(&self, path: &str) -> Response {
        request(&self.addr, "GET", path)
    }

    fn stdout_text(&self) -> String {
        self.stdout.lock().unwrap().join("\n")
    }

    fn stderr_text(&self) -> String {
        self.stderr.lock().unwrap().join("\n")
    }

    /// Polls `path` until its body satisfies `check`; the time it took.
    fn until(&self, path: &str, within: Duration, check: impl Fn(&str) -> bool) -> Duration {
        let started = Instant::now();
        let found = wait_for(within, || {
            let response = self.get(path);
            check(&response.text()).then_some(())
        });
        assert!(
            found.is_some(),
            "{path} did not change as expected within {within:?}; now: {}\nstdout: {}\nstderr: {}",
            self.get(path).text(),
            self.stdout_text(),
            self.stderr_text()
        );
        started.elapsed()
    }
}

/// Calls `probe` every 20 ms until it gives a value or `within` passes.
fn wait_for<T>(within: Duration, mut probe: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + within;
    loop {
        if let Some(value) = probe() {
            return Some(value);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request exactly as written, on its own connection.
fn request(addr: &str, method: &str, target: &str) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete header");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        let mut decoder = Dechunker::default();
        body = decoder.feed(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

/// Undoes `Transfer-Encoding: chunked` on bytes as they arrive.
#[derive(Default)]
struct Dechunker {
    pending: Vec<u8>,
}

impl Dechunker {
    fn feed(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.pending.extend_from_slice(bytes);
        let mut out = Vec::new();
        loop {
            let Some(end) = self.pending.windows(2).position(|w| w == b"\r\n") else {
                return out;
            };
            let size_text = String::from_utf8_lossy(&self.pending[..end]).into_owned();
            let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16)
                .expect("a chunk size");
            if self.pending.len() < end + 2 + size + 2 {
                return out;
            }
            out.extend_from_slice(&self.pending[end + 2..end + 2 + size]);
            self.pending.drain(..end + 2 + size + 2);
            if size == 0 {
                return out;
            }
        }
    }
}

/// The server-sent events of one open page: (event, data) as they come.
fn subscribe(addr: &str) -> mpsc::Receiver<(String, String)> {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET /__wuye/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut raw = Vec::new();
        let mut buffer = [0u8; 4096];
        // Header first.
        let body_start = loop {
            let Ok(n) = stream.read(&mut buffer) else {
                return;
            };
            if n == 0 {
                return;
            }
            raw.extend_from_slice(&buffer[..n]);
            if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
        };
        let head = String::from_utf8_lossy(&raw[..body_start]).to_lowercase();
        assert!(head.contains("content-type: text/event-stream"), "{head}");
        let mut decoder = Dechunker::default();
        let mut text = String::from_utf8_lossy(&decoder.feed(&raw[body_start..])).into_owned();
        loop {
            while let Some(end) = text.find("\n\n") {
                let block: String = text.drain(..end + 2).collect();
                let mut event = String::from("message");
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        event = v.trim().to_string();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data = v.trim().to_string();
                    }
                }
                if !block.trim_start().starts_with(':') && sender.send((event, data)).is_err() {
                    return;
                }
            }
            match stream.read(&mut buffer) {
                Ok(0) | Err(_) => return,
                Ok(n) => text.push_str(&String::from_utf8_lossy(&decoder.feed(&buffer[..n]))),
            }
        }
    });
    receiver
}

/// The next event other than keep-alive, within `within`.
fn next_event(events: &mpsc::Receiver<(String, String)>, within: Duration) -> (String, String) {
    events
        .recv_timeout(within)
        .unwrap_or_else(|e| panic!("no event within {within:?}: {e}"))
}

/// A served page as the build made it: without the overlay and the script.
fn without_injection(page: &str) -> String {
    let mut page = page.to_string();
    for (start, end) in [
        ("<div id=\"wuye-error-overlay\"", "</div>\n"),
        ("<script src=\"/__wuye/live.js\"", "</script>\n"),
    ] {
        if let Some(from) = page.find(start) {
            let to = from + page[from..].find(end).expect("a closed injection") + end.len();
            page.replace_range(from..to, "");
        }
    }
    page
}

/// Saves like many editors do: write a scratch file beside, rename over.
fn save_by_rename(path: &Path, text: &str) {
    let scratch = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&scratch, text).unwrap();
    std::fs::rename(&scratch, path).unwrap();
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    save_by_rename(path, &text.replace(from, to));
}

#[test]
fn serves_the_build_and_reloads_after_an_edit() {
    let dir = estate();
    let root = root(&dir);
    let server = serve(&root, &[]);

    let home = server.get("/site/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let text = home.text();
    assert!(text.contains("某某小区"), "{text}");
    let script = text
        .find("<script src=\"/__wuye/live.js\"")
        .expect("live-reload script injected");
    assert!(script < text.rfind("</body>").unwrap());
    assert!(server.stdout_text().contains("/internal/"));

    // The script itself, and the files on disk without it.
    let js = server.get("/__wuye/live.js");
    assert_eq!(js.status, 200);
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(js.text().contains("EventSource"));
    let on_disk = root.join("output/site/index.html");
    wait_for(START, || on_disk.exists().then_some(())).expect("output/ written");
    let disk = std::fs::read_to_string(&on_disk).unwrap();
    assert!(disk.contains("某某小区") && !disk.contains("__wuye"));

    let events = subscribe(&server.addr);
    let (kind, first_version) = next_event(&events, LIVE);
    assert_eq!(kind, "hello");

    let saved = Instant::now();
    edit(
        &root.join("wuye.toml"),
        "name = \"某某小区\"",
        "name = \"翠湖苑预览\"",
    );
    let took = server.until("/site/", LIVE, |body| body.contains("翠湖苑预览"));
    assert!(took < LIVE, "{took:?}");
    let (kind, version) = next_event(&events, LIVE.saturating_sub(saved.elapsed()));
    assert_eq!(kind, "reload");
    assert_ne!(version, first_version);
    let page = server.get("/site/").text();
    assert!(
        page.contains(&format!("data-version=\"{version}\"")),
        "{page}"
    );

    // output/ follows, still without the script.
    wait_for(START, || {
        let disk = std::fs::read_to_string(&on_disk).ok()?;
        disk.contains("翠湖苑预览").then_some(disk)
    })
    .map(|disk| assert!(!disk.contains("__wuye")))
    .expect("output/ updated");
}

#[test]
fn broken_config_shows_the_overlay_keeps_the_old_page_and_recovers() {
    let dir = estate();
    let root = root(&dir);
    let server = serve(&root, &[]);
    let before = server.get("/site/").text();
    assert!(before.contains("某某小区"));
    assert!(!before.contains("wuye-error-overlay"));
    let events = subscribe(&server.addr);
    assert_eq!(next_event(&events, LIVE).0, "hello");

    let config = root.join("wuye.toml");
    let line = std::fs::read_to_string(&config)
        .unwrap()
        .lines()
        .position(|l| l.starts_with("households = 500"))
        .expect("init's config sets households")
        + 1;
    let line_label = format!("第 {line} 行");
    edit(&config, "households = 500", "housholds = 500");
    let took = server.until("/site/", LIVE, |body| body.contains("wuye-error-overlay"));
    assert!(took < LIVE);
    let page = server.get("/site/");
    assert_eq!(page.status, 200);
    let text = page.text();
    // The last good page is still there, byte for byte, under the overlay.
    assert_eq!(without_injection(&text), without_injection(&before));
    // The overlay names the file, the line and the problem.
    assert!(text.contains("<code>wuye.toml</code>"), "{text}");
    assert!(text.contains(&line_label), "{text}");
    assert!(text.contains("housholds") && text.contains("households"));
    assert_eq!(next_event(&events, LIVE).0, "reload");
    // The terminal says the same.
    wait_for(LIVE, || {
        let err = server.stderr_text();
        (err.contains("wuye.toml") && err.contains(&line_label)).then_some(())
    })
    .unwrap_or_else(|| panic!("no error on the terminal: {}", server.stderr_text()));
    // output/ keeps the last good build.
    let on_disk = root.join("output/site/index.html");
    wait_for(START, || on_disk.exists().then_some(())).expect("output/ written");
    assert_eq!(
        std::fs::read_to_string(&on_disk).unwrap(),
        without_injection(&before)
    );

    edit(&config, "housholds = 500", "households = 500");
    server.until("/site/", LIVE, |body| {
        !body.contains("wuye-error-overlay") && body.contains("某某小区")
    });
    assert_eq!(next_event(&events, LIVE).0, "reload");
}

#[test]
fn broken_template_shows_the_overlay() {
    let dir = estate();
    let root = root(&dir);
    let server = serve(&root, &[]);
    let before = server.get("/site/").text();
    assert!(before.contains("某某小区"));

    let templates = root.join("themes/default/templates/site");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("index.html"),
        "{% extends \"base.html\" %}{% block content %}{{ oops(}}{% endblock content %}",
    )
    .unwrap();
    server.until("/site/", LIVE, |body| body.contains("wuye-error-overlay"));
    let text = server.get("/site/").text();
    assert_eq!(without_injection(&text), without_injection(&before));
    assert!(text.contains("<code>themes"), "{text}");

    std::fs::remove_file(templates.join("index.html")).unwrap();
    server.until("/site/", LIVE, |body| !body.contains("wuye-error-overlay"));
}

#[test]
fn a_notice_edit_redoes_only_the_content_stage() {
    let dir = estate();
    let root = root(&dir);
    let server = serve(&root, &[]);
    let notices = root.join("content/notices");
    std::fs::create_dir_all(&notices).unwrap();
    // The folder is new: the server must start watching it, then see the file.
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(
        notices.join("water.md"),
        "+++\ntitle = \"停水通知\"\ndate = \"2026-11-03 09:00\"\ncategory = \"停水停电\"\n+++\n3栋停水。\n",
    )
    .unwrap();
    let line = wait_for(LIVE * 2, || {
        server
            .stdout
            .lock()
            .unwrap()
            .iter()
            .find(|l| l.starts_with("已重新构建（内容）"))
            .cloned()
    });
    assert!(
        line.is_some(),
        "no content-only rebuild: {}",
        server.stdout_text()
    );
    assert!(!server.stdout_text().contains("已重新构建（配置"));
    assert!(!server.stdout_text().contains("数据）"));
}

#[test]
fn a_burst_of_saves_is_one_or_two_rebuilds_not_thirty() {
    let dir = estate();
    let root = root(&dir);
    let notices = root.join("content/notices");
    std::fs::create_dir_all(&notices).unwrap();
    let server = serve(&root, &[]);
    for i in 0..30 {
        save_by_rename(
            &notices.join(format!("n{i:02}.md")),
            &format!(
                "+++\ntitle = \"通知{i}\"\ndate = \"2026-11-03\"\ncategory = \"通知\"\n+++\n正文\n"
            ),
        );
    }
    let rebuilds = || {
        server
            .stdout
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.starts_with("已重新构建"))
            .count()
    };
    wait_for(LIVE * 2, || (rebuilds() > 0).then_some(())).expect("a rebuild");
    // Let any straggling batch arrive before counting.
    std::thread::sleep(Duration::from_millis(600));
    // One when nothing stalls; a machine pause longer than the quiet
    // window can split the burst in two.
    let count = rebuilds();
    assert!(
        (1..=2).contains(&count),
        "{count} rebuilds: {}",
        server.stdout_text()
    );
}

/// The notice loader is written on another branch; until it is merged a
/// notice renders nothing and a broken one reports nothing.
#[test]
fn notice_text_is_served_live_and_broken_front_matter_shows_the_overlay() {
    let dir = estate();
    let root = root(&dir);
    let notices = root.join("content/notices");
    std::fs::create_dir_all(&notices).unwrap();
    let notice = notices.join("water.md");
    std::fs::write(
        &notice,
        "+++\ntitle = \"三栋停水通知\"\ndate = \"2026-11-03 09:00\"\ncategory = \"停水停电\"\n+++\n正文。\n",
    )
    .unwrap();
    let server = serve(&root, &[]);
    assert!(server.get("/site/").text().contains("三栋停水通知"));
    let events = subscribe(&server.addr);
    assert_eq!(next_event(&events, LIVE).0, "hello");

    edit(&notice, "三栋停水通知", "五栋停电通知");
    let took = server.until("/site/", LIVE, |body| body.contains("五栋停电通知"));
    assert!(took < LIVE);
    assert_eq!(next_event(&events, LIVE).0, "reload");

    // A front matter without its `title`: overlay, old page kept.
    edit(&notice, "title = \"五栋停电通知\"\n", "");
    server.until("/site/", LIVE, |body| body.contains("wuye-error-overlay"));
    let text = server.get("/site/").text();
    assert!(text.contains("五栋停电通知"), "{text}");
    assert!(
        text.contains("<code>content/notices/water.md</code>"),
        "{text}"
    );
    assert_eq!(next_event(&events, LIVE).0, "reload");
}

#[test]
fn only_files_of_the_output_only_get_and_head() {
    let dir = estate();
    let root = root(&dir);
    std::fs::write(dir.path().join("secret.txt"), "SECRET-OUTSIDE").unwrap();
    let server = serve(&root, &[]);
    let addr = server.addr.clone();

    for target in [
        "/../wuye.toml",
        "/site/../../wuye.toml",
        "/site/%2e%2e/%2e%2e/wuye.toml",
        "/site/%2E%2E/%2E%2E/%2E%2E/secret.txt",
        "/..%2f..%2fwuye.toml",
        "/site/..%5c..%5cwuye.toml",
        "/%2e%2e/secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/%2fetc%2fpasswd",
        "/site/./index.html",
        "/site/index.html%00.txt",
        "/wuye.toml",
        "/content/",
        "/data/repairs.csv",
    ] {
        let response = request(&addr, "GET", target);
        assert_eq!(response.status, 404, "{target}");
        let body = response.text();
        assert!(
            !body.contains("households") && !body.contains("SECRET") && !body.contains("root:"),
            "{target}: {body}"
        );
    }

    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let response = request(&addr, method, "/site/index.html");
        assert_eq!(response.status, 405, "{method}");
        assert_eq!(response.header("allow"), Some("GET, HEAD"));
    }

    let head = request(&addr, "HEAD", "/site/index.html");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-type"),
        Some("text/html; charset=utf-8")
    );

    // Folders: `/` and `/site` lead to `/site/`, which is its index.html.
    let top = request(&addr, "GET", "/");
    assert_eq!((top.status, top.header("location")), (302, Some("/site/")));
    let bare = request(&addr, "GET", "/site");
    assert_eq!(
        (bare.status, bare.header("location")),
        (302, Some("/site/"))
    );

    // Content types of the files a build makes.
    let home = server.get("/site/").text();
    let css = home
        .split("href=\"./")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a stylesheet link");
    let css = server.get(&format!("/site/{css}"));
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(!css.text().contains("__wuye"), "only HTML gets the script");
    let json = server.get("/internal/metrics.json");
    assert_eq!(json.status, 200);
    assert_eq!(
        json.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert!(!json.text().contains("__wuye"));
}

#[test]
fn ctrl_c_stops_cleanly_even_with_a_page_open() {
    let dir = estate();
    let root = root(&dir);
    let mut server = serve(&root, &[]);
    let events = subscribe(&server.addr);
    assert_eq!(next_event(&events, LIVE).0, "hello");

    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = wait_for(Duration::from_secs(10), || server.child.try_wait().unwrap());
    let exit = exit.expect("serve did not stop within 10 s of Ctrl-C");
    assert!(exit.success(), "{exit:?}");
    wait_for(Duration::from_secs(2), || {
        server.stdout_text().contains("预览已停止").then_some(())
    })
    .expect("a goodbye line");
    // The page's event stream was ended, not left hanging.
    assert!(matches!(
        events.recv_timeout(Duration::from_secs(2)),
        Err(mpsc::RecvTimeoutError::Disconnected)
    ));
    // No staging folder is left beside the output.
    let leftovers: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("wuye-new") || n.contains("wuye-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_taken_port_moves_on_and_a_public_bind_warns() {
    let dir = estate();
    let root = root(&dir);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut child = Command::new(WUYE)
        .arg("serve")
        .arg("--root")
        .arg(&root)
        .args(["--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = collect(child.stdout.take().unwrap());
    let stderr = collect(child.stderr.take().unwrap());
    let server = Server {
        child,
        addr: String::new(),
        stdout,
        stderr,
    };
    wait_for(START, || {
        server.stdout_text().contains("http://").then_some(())
    })
    .expect("a URL");
    assert!(!server.stdout_text().contains(&format!(":{port}/")));
    assert!(
        server
            .stderr_text()
            .contains(&format!("端口 {port} 已被占用"))
    );
    drop(server);

    let public = serve(&root, &["--bind", "0.0.0.0"]);
    wait_for(LIVE, || {
        public.stderr_text().contains("内部报告").then_some(())
    })
    .unwrap_or_else(|| panic!("no warning: {}", public.stderr_text()));
}

#[test]
fn a_first_build_that_fails_still_serves_the_errors_and_recovers() {
    let dir = estate();
    let root = root(&dir);
    let config = root.join("wuye.toml");
    let good = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, good.replace("name = \"某某小区\"", "name = ")).unwrap();
    let server = serve(&root, &[]);
    let page = server.get("/site/");
    assert_eq!(page.status, 503);
    assert!(page.text().contains("wuye-error-overlay"));
    assert!(page.text().contains("<code>wuye.toml</code>"));
    assert!(page.text().contains("/__wuye/live.js"));

    save_by_rename(&config, &good);
    server.until("/site/", LIVE, |body| {
        body.contains("某某小区") && !body.contains("wuye-error-overlay")
    });
}
