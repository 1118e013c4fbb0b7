//! `wuye serve`: build, serve the output over HTTP, watch the estate's
//! files, rebuild only what a change affects, and reload open pages.
//!
//! Three threads of work share one [`Snapshot`] through a
//! `tokio::sync::watch` channel:
//!
//! - the **rebuild thread** owns the file watcher and the incremental
//!   [`Cache`]; after each rebuild it publishes a new snapshot (the last good
//!   tree, the error overlay if the build failed, a new version string);
//! - the **HTTP server** (axum on a tokio runtime) serves every request from
//!   the current snapshot's in-memory tree, and streams a `reload` event to
//!   each open page whenever the version changes;
//! - the **writer thread** keeps `output/` equal to the last good build,
//!   written with [`output::write_atomically`], so the folder is never half
//!   written and never contains the live-reload script.
//!
//! Nothing here prints: every message goes to the `report` callback as a
//! [`ServeEvent`] and `cli` prints it.

pub mod http;
pub mod incremental;

use crate::diagnostics::{Diagnostic, WuyeError};
use crate::messages::Lang;
use crate::messages::serve::ServeMsg;
use crate::output::{self, OutputTree};
use chrono::NaiveDateTime;
use incremental::{Cache, Changes, Outcome, Rebuilt};
use notify_debouncer_mini::notify::{self, RecommendedWatcher, RecursiveMode, Watcher};
use notify_debouncer_mini::{DebounceEventResult, DebouncedEventKind};
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

/// The debouncer's window: events on one path within it are one event.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// The debouncer may hand one burst (an editor's save-by-rename, a copied
/// folder, a `git checkout`) over in several batches a few milliseconds
/// apart; batches with less than this between them are one rebuild.
pub const QUIET: Duration = Duration::from_millis(8);

/// ...but a burst that never pauses is rebuilt at least this often.
pub const MAX_GATHER: Duration = Duration::from_secs(1);

/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 20;

/// What `wuye serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 lets the system choose a free port.
    pub port: u16,
    pub bind: String,
    pub open: bool,
    /// The language of messages until the config says otherwise.
    pub lang: Lang,
    pub as_of: Option<NaiveDateTime>,
}

/// What is served at one moment.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The last tree that built without errors (empty before the first).
    pub tree: Arc<OutputTree>,
    /// False until a build has succeeded.
    pub built: bool,
    /// The error overlay (HTML) while the last build failed.
    pub overlay: Option<String>,
    /// Changes whenever what is served changes; pages compare it.
    pub version: String,
    pub lang: Lang,
    /// Set once, when the server stops: ends every event stream.
    pub closing: bool,
}

/// Something `cli` should tell the person running the preview.
#[derive(Debug)]
pub enum ServeEvent<'a> {
    /// Serving; `base` is `http://addr:port/`.
    Listening {
        base: &'a str,
        wanted_port: u16,
        port: u16,
        public: bool,
    },
    Watching,
    WatchFailed(&'a str),
    /// A build succeeded. `warnings` is set when they differ from the last
    /// ones shown.
    Built {
        first: bool,
        rebuilt: &'a Rebuilt,
        warnings: Option<&'a [Diagnostic]>,
    },
    Failed {
        errors: &'a [Diagnostic],
        warnings: Option<&'a [Diagnostic]>,
        have_pages: bool,
    },
    WriteFailed(&'a WuyeError),
    BrowserNotFound,
    Stopped,
}

/// One line for the terminal.
pub struct Line {
    pub to_stderr: bool,
    pub text: String,
}

impl ServeEvent<'_> {
    /// Diagnostics to print (errors and changed warnings), before [`Self::lines`].
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            ServeEvent::Built { warnings, .. } => warnings.map(<[_]>::to_vec).unwrap_or_default(),
            ServeEvent::Failed {
                errors, warnings, ..
            } => {
                let mut all = errors.to_vec();
                all.extend(warnings.unwrap_or_default().iter().cloned());
                all
            }
            _ => Vec::new(),
        }
    }

    /// The event's sentences in `lang`.
    pub fn lines(&self, lang: Lang) -> Vec<Line> {
        let out = |text: String| Line {
            to_stderr: false,
            text,
        };
        let err = |text: String| Line {
            to_stderr: true,
            text,
        };
        match self {
            ServeEvent::Listening {
                base,
                wanted_port,
                port,
                public,
            } => {
                let mut lines = Vec::new();
                if *wanted_port != 0 && wanted_port != port {
                    lines.push(err(ServeMsg::PortTaken {
                        wanted: *wanted_port,
                        got: *port,
                    }
                    .text(lang)));
                }
                if *public {
                    lines.push(err(ServeMsg::PublicBind { addr: base }.text(lang)));
                }
                lines.push(out(ServeMsg::Listening { base }.text(lang)));
                for (label, section) in [
                    (ServeMsg::SiteUrl, "site"),
                    (ServeMsg::HandbookUrl, "handbook"),
                    (ServeMsg::ReportsUrl, "reports"),
                    (ServeMsg::InternalUrl, "internal"),
                ] {
                    lines.push(out(format!("  {base}{section}/  {}", label.text(lang))));
                }
                lines
            }
            ServeEvent::Watching => vec![out(ServeMsg::Watching.text(lang))],
            ServeEvent::WatchFailed(reason) => {
                vec![err(ServeMsg::WatchFailed { reason }.text(lang))]
            }
            ServeEvent::Built { first, rebuilt, .. } => {
                let millis = rebuilt.elapsed.as_millis();
                let text = if *first {
                    ServeMsg::FirstBuild {
                        files: rebuilt.changed.len(),
                        millis,
                    }
                    .text(lang)
                } else {
                    let stages = stage_names(&rebuilt.stages, lang);
                    if rebuilt.changed_anything() {
                        ServeMsg::Rebuilt {
                            stages: &stages,
                            changed: rebuilt.changed.len(),
                            removed: rebuilt.removed.len(),
                            millis,
                        }
                        .text(lang)
                    } else {
                        ServeMsg::Unchanged {
                            stages: &stages,
                            millis,
                        }
                        .text(lang)
                    }
                };
                vec![out(text)]
            }
            ServeEvent::Failed {
                errors, have_pages, ..
            } => {
                let errors = errors.len();
                let text = if *have_pages {
                    ServeMsg::Failed { errors }.text(lang)
                } else {
                    ServeMsg::FailedNothingToShow { errors }.text(lang)
                };
                vec![err(text)]
            }
            ServeEvent::WriteFailed(error) => vec![err(ServeMsg::WriteFailed {
                reason: &error.to_string(),
            }
            .text(lang))],
            ServeEvent::BrowserNotFound => vec![err(ServeMsg::BrowserNotFound.text(lang))],
            ServeEvent::Stopped => vec![out(ServeMsg::Stopped.text(lang))],
        }
    }
}

/// `配置、内容` / `config, content`: the stages a rebuild redid.
fn stage_names(stages: &Changes, lang: Lang) -> String {
    let mut names = Vec::new();
    for (on, msg) in [
        (stages.config, ServeMsg::StageConfig),
        (stages.content, ServeMsg::StageContent),
        (stages.data, ServeMsg::StageData),
        (stages.theme, ServeMsg::StageTheme),
    ] {
        if on {
            names.push(msg.text(lang));
        }
    }
    names.join(lang.pick("、", ", "))
}

pub type Report = Arc<dyn Fn(ServeEvent) + Send + Sync>;

/// Runs the preview until Ctrl-C (or SIGTERM).
pub fn run(options: ServeOptions, report: Report) -> Result<(), WuyeError> {
    let lang = options.lang;
    let ip = parse_bind(&options.bind).ok_or_else(|| {
        WuyeError::Message(
            ServeMsg::BadBind {
                value: &options.bind,
            }
            .text(lang),
        )
    })?;
    let root = options
        .root
        .canonicalize()
        .map_err(|e| WuyeError::io(&options.root, e))?;
    let listener = bind(ip, options.port, lang)?;
    let addr = listener
        .local_addr()
        .map_err(|e| WuyeError::Message(e.to_string()))?;

    // Watch before the first build, so an edit made while it runs is not lost.
    let (to_rebuild, from_watcher) = mpsc::channel::<Msg>();
    let watcher = start_watcher(&root, to_rebuild.clone());

    let version = Versions::new();
    let (sender, _) = tokio::sync::watch::channel(Arc::new(Snapshot {
        tree: Arc::new(OutputTree::default()),
        built: false,
        overlay: None,
        version: version.current(),
        lang,
        closing: false,
    }));
    let shared: http::Shared = Arc::new(sender);

    let (to_writer, writer_inbox) = mpsc::channel::<Arc<OutputTree>>();
    let writer = {
        let out = root.join("output");
        let report = report.clone();
        std::thread::Builder::new()
            .name("wuye-serve-writer".into())
            .spawn(move || write_loop(&writer_inbox, &out, &report))
            .map_err(|e| WuyeError::Message(e.to_string()))?
    };

    let mut rebuilder = Rebuilder {
        cache: Cache::new(&root, options.as_of),
        root: root.clone(),
        shared: shared.clone(),
        to_writer,
        report: report.clone(),
        versions: version,
        lang,
        failing: false,
        shown_warnings: Vec::new(),
        first: true,
    };
    rebuilder.rebuild(Changes::all());

    let watcher = match watcher {
        Ok(watcher) => {
            report(ServeEvent::Watching);
            Some(watcher)
        }
        Err(reason) => {
            report(ServeEvent::WatchFailed(&reason));
            None
        }
    };
    let rebuild_thread = std::thread::Builder::new()
        .name("wuye-serve-rebuild".into())
        .spawn(move || rebuilder.run(watcher, &from_watcher))
        .map_err(|e| WuyeError::Message(e.to_string()))?;

    let shown_ip = if ip.is_unspecified() {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        ip
    };
    let base = format!("http://{}/", SocketAddr::new(shown_ip, addr.port()));
    report(ServeEvent::Listening {
        base: &base,
        wanted_port: options.port,
        port: addr.port(),
        public: !ip.is_loopback(),
    });
    if options.open {
        open_browser(&format!("{base}site/"), report.clone());
    }

    let served = serve_until_stopped(listener, shared.clone());

    // Stop the rebuilds, then let the writer finish its last tree.
    let _ = to_rebuild.send(Msg::Stop);
    let _ = rebuild_thread.join();
    let _ = writer.join();
    report(ServeEvent::Stopped);
    served
}

/// `127.0.0.1`, `::1`, `0.0.0.0`, or `localhost`.
fn parse_bind(value: &str) -> Option<IpAddr> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("localhost") {
        return Some(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    value
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()
}

/// Binds `port`, or the next free one of the following [`PORT_TRIES`].
fn bind(ip: IpAddr, port: u16, lang: Lang) -> Result<TcpListener, WuyeError> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES)
    };
    let mut candidate = port;
    loop {
        let addr = SocketAddr::new(ip, candidate);
        match TcpListener::bind(addr) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && candidate < last => {
                candidate += 1;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                return Err(WuyeError::Message(
                    ServeMsg::NoFreePort {
                        from: port,
                        to: last,
                    }
                    .text(lang),
                ));
            }
            Err(e) => {
                return Err(WuyeError::Message(
                    ServeMsg::StartFailed {
                        addr: &addr.to_string(),
                        reason: &e.to_string(),
                    }
                    .text(lang),
                ));
            }
        }
    }
}

/// Runs the HTTP server until Ctrl-C or SIGTERM, then closes every event
/// stream and gives open connections a moment to finish.
fn serve_until_stopped(listener: TcpListener, shared: http::Shared) -> Result<(), WuyeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| WuyeError::Message(e.to_string()))?;
    let result = runtime.block_on(async move {
        listener
            .set_nonblocking(true)
            .map_err(|e| WuyeError::Message(e.to_string()))?;
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| WuyeError::Message(e.to_string()))?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server =
            axum::serve(listener, http::app(shared.clone())).with_graceful_shutdown(async move {
                let _ = stopped.await;
            });
        let server = tokio::spawn(std::future::IntoFuture::into_future(server));
        wait_for_stop_signal().await;
        shared.send_modify(|snapshot| {
            let mut closing = (**snapshot).clone();
            closing.closing = true;
            *snapshot = Arc::new(closing);
        });
        let _ = stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(3), server).await;
        Ok(())
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
    result
}

async fn wait_for_stop_signal() {
    let ctrl_c = Box::pin(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                let term = Box::pin(async move {
                    term.recv().await;
                });
                futures_util::future::select(ctrl_c, term).await;
            }
            Err(_) => ctrl_c.await,
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}

/// Messages to the rebuild thread.
enum Msg {
    Changed(Vec<PathBuf>),
    /// The watcher lost events (its queue overflowed): anything may have
    /// changed.
    Rescan,
    WatchError(String),
    Stop,
}

type Debouncer = notify_debouncer_mini::Debouncer<ChangesOnly>;

/// The message of the error [`ChangesOnly`] turns a rescan into.
const RESCAN: &str = "wuye: the watcher lost events; rescanning";

/// The platform's watcher without read accesses. notify 8 reports opening
/// and closing a file unchanged (inotify `OPEN`, `CLOSE_NOWRITE`), and the
/// debouncer forgets event kinds, so every build's own reading of
/// `wuye.toml` and the CSVs would trigger the next build, forever.
pub struct ChangesOnly(RecommendedWatcher);

impl Watcher for ChangesOnly {
    fn new<F: notify::EventHandler>(
        mut handler: F,
        config: notify::Config,
    ) -> notify::Result<Self> {
        RecommendedWatcher::new(
            move |event: notify::Result<notify::Event>| {
                if event.as_ref().is_ok_and(|e| e.kind.is_access()) {
                    return;
                }
                // A rescan has no paths, and the debouncer drops events
                // without paths: pass it on as an error it does not drop.
                if event.as_ref().is_ok_and(notify::Event::need_rescan) {
                    handler.handle_event(Err(notify::Error::generic(RESCAN)));
                    return;
                }
                handler.handle_event(event);
            },
            config,
        )
        .map(ChangesOnly)
    }

    fn watch(&mut self, path: &Path, recursive_mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, recursive_mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn kind() -> notify::WatcherKind {
        RecommendedWatcher::kind()
    }
}

/// The inputs a build reads. The root itself is watched without recursing
/// (for `wuye.toml`, and for the folders appearing), never `output/` or
/// anything else that lives there (the sample estate holds `target/`).
const WATCHED_DIRS: [&str; 3] = ["content", "data", "themes"];

fn start_watcher(root: &Path, to_rebuild: mpsc::Sender<Msg>) -> Result<Debouncer, String> {
    let config = notify_debouncer_mini::Config::default().with_timeout(DEBOUNCE);
    let handler = move |result: DebounceEventResult| {
        let msg = match result {
            Ok(events) => Msg::Changed(
                events
                    .into_iter()
                    // A file still being written gives `AnyContinuous`;
                    // wait for its final `Any` rather than build from half a file.
                    .filter(|event| event.kind == DebouncedEventKind::Any)
                    .map(|event| event.path)
                    .collect(),
            ),
            Err(error) if matches!(&error.kind, notify::ErrorKind::Generic(m) if m == RESCAN) => {
                Msg::Rescan
            }
            Err(error) => Msg::WatchError(error.to_string()),
        };
        let _ = to_rebuild.send(msg);
    };
    let mut debouncer: Debouncer =
        notify_debouncer_mini::new_debouncer_opt(config, handler).map_err(|e| e.to_string())?;
    debouncer
        .watcher()
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| e.to_string())?;
    for dir in WATCHED_DIRS {
        watch_dir(&mut debouncer, &root.join(dir));
    }
    Ok(debouncer)
}

/// (Re)watches one input folder if it exists. Called again when the folder
/// itself is created, removed or renamed, which drops its old watch.
fn watch_dir(debouncer: &mut Debouncer, dir: &Path) {
    let _ = debouncer.watcher().unwatch(dir);
    if dir.is_dir() {
        let _ = debouncer.watcher().watch(dir, RecursiveMode::Recursive);
    }
}

/// Hands out version strings: an id of this run of the server plus a
/// counter, so a page left open across a restart also reloads.
struct Versions {
    run: String,
    generation: u64,
}

impl Versions {
    fn new() -> Versions {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        Versions {
            run: format!("{:x}", nanos ^ u128::from(std::process::id())),
            generation: 0,
        }
    }

    fn current(&self) -> String {
        format!("{}-{}", self.run, self.generation)
    }

    fn next(&mut self) -> String {
        self.generation += 1;
        self.current()
    }
}

struct Rebuilder {
    cache: Cache,
    root: PathBuf,
    shared: http::Shared,
    to_writer: mpsc::Sender<Arc<OutputTree>>,
    report: Report,
    versions: Versions,
    lang: Lang,
    failing: bool,
    shown_warnings: Vec<Diagnostic>,
    first: bool,
}

impl Rebuilder {
    fn run(mut self, mut watcher: Option<Debouncer>, inbox: &mpsc::Receiver<Msg>) {
        while let Ok(msg) = inbox.recv() {
            // Everything that queued up while the last rebuild ran, and
            // every batch that follows within `QUIET`, is one change set.
            let mut batch = vec![msg];
            let started = std::time::Instant::now();
            while started.elapsed() < MAX_GATHER && !matches!(batch.last(), Some(Msg::Stop)) {
                match inbox.recv_timeout(QUIET) {
                    Ok(msg) => batch.push(msg),
                    Err(_) => break,
                }
            }
            let mut paths = Vec::new();
            let mut stop = false;
            let mut rescan = false;
            for msg in batch {
                match msg {
                    Msg::Changed(mut changed) => paths.append(&mut changed),
                    Msg::Rescan => rescan = true,
                    Msg::WatchError(reason) => (self.report)(ServeEvent::WatchFailed(&reason)),
                    Msg::Stop => stop = true,
                }
            }
            if stop {
                break;
            }
            if let Some(watcher) = watcher.as_mut() {
                for dir in WATCHED_DIRS {
                    let dir = self.root.join(dir);
                    if paths.contains(&dir) {
                        watch_dir(watcher, &dir);
                    }
                }
            }
            let mut changes = incremental::classify(&self.root, paths.iter().map(PathBuf::as_path));
            if rescan {
                // Which files changed is unknown: read everything again.
                changes = Changes::all();
            }
            if !changes.is_empty() {
                self.rebuild(changes);
            }
        }
    }

    fn rebuild(&mut self, changes: Changes) {
        let outcome = self.cache.rebuild(changes);
        if let Some(config) = self.cache.config() {
            self.lang = config.language;
        }
        let first = std::mem::replace(&mut self.first, false);
        match outcome {
            Outcome::Built(rebuilt) => {
                let recovered = std::mem::replace(&mut self.failing, false);
                let warnings = self.new_warnings(&rebuilt.warnings);
                (self.report)(ServeEvent::Built {
                    first,
                    rebuilt: &rebuilt,
                    warnings: warnings.as_deref(),
                });
                if let Some(tree) = self.cache.last_good() {
                    if rebuilt.changed_anything() || first {
                        // output/ only ever holds good builds, so a fix that
                        // gives back the same bytes needs no write.
                        let _ = self.to_writer.send(tree.clone());
                    }
                    if rebuilt.changed_anything() || recovered || first {
                        self.publish(tree, None);
                    }
                }
            }
            Outcome::Failed {
                errors, warnings, ..
            } => {
                self.failing = true;
                let shown = self.new_warnings(&warnings);
                let last_good = self.cache.last_good();
                (self.report)(ServeEvent::Failed {
                    errors: &errors,
                    warnings: shown.as_deref(),
                    have_pages: last_good.is_some(),
                });
                let overlay = overlay(&errors, self.lang, last_good.is_some());
                let unchanged = self.shared.borrow().overlay.as_deref() == Some(overlay.as_str());
                if !unchanged {
                    let tree = last_good.unwrap_or_default();
                    self.publish(tree, Some(overlay));
                }
            }
        }
    }

    /// Warnings are shown again only when they changed.
    fn new_warnings(&mut self, warnings: &[Diagnostic]) -> Option<Vec<Diagnostic>> {
        if warnings == self.shown_warnings.as_slice() {
            return None;
        }
        self.shown_warnings = warnings.to_vec();
        Some(warnings.to_vec())
    }

    fn publish(&mut self, tree: Arc<OutputTree>, overlay: Option<String>) {
        let snapshot = Snapshot {
            built: self.cache.last_good().is_some(),
            tree,
            overlay,
            version: self.versions.next(),
            lang: self.lang,
            closing: false,
        };
        self.shared.send_replace(Arc::new(snapshot));
    }
}

/// The error overlay: every error, grouped by file, one line each as the
/// terminal shows it (`cli::format_diagnostic`).
pub fn overlay(errors: &[Diagnostic], lang: Lang, have_pages: bool) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in errors {
        by_file.entry(d.file.as_str()).or_default().push(d);
    }
    let hint = if have_pages {
        ServeMsg::OverlayKeptOld
    } else {
        ServeMsg::OverlayNothingYet
    };
    let mut html = String::from(
        "<div id=\"wuye-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:1.5em;background:rgba(30,30,30,.94);color:#fff;font:16px/1.6 system-ui,sans-serif;text-align:left\">\n",
    );
    html.push_str(&format!(
        "<button type=\"button\" data-wuye-close style=\"float:right;font-size:1.2em\" aria-label=\"×\">×</button>\n<h1 style=\"margin:0 0 .5em;font-size:1.4em;color:#ff8a80\">{}</h1>\n<p>{}</p>\n",
        http::escape(&ServeMsg::OverlayTitle.text(lang)),
        http::escape(&hint.text(lang)),
    ));
    for (file, items) in by_file {
        html.push_str(&format!(
            "<h2 style=\"font-size:1.1em;margin:1em 0 .3em\"><code>{}</code></h2>\n<ul>\n",
            http::escape(file)
        ));
        for d in items {
            html.push_str(&format!(
                "<li>{}</li>\n",
                http::escape(&crate::cli::format_diagnostic(d, lang))
            ));
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</div>\n");
    html
}

/// How long the writer waits for edits to pause before rewriting
/// `output/`: a whole large estate's output is hundreds of megabytes, and
/// writing it between two quick saves would only slow the next rebuild.
pub const WRITE_AFTER_QUIET: Duration = Duration::from_millis(1500);

/// Keeps `out` equal to the newest good tree, once edits pause. Trees that
/// arrive meanwhile replace the one waiting; only the newest is written.
fn write_loop(inbox: &mpsc::Receiver<Arc<OutputTree>>, out: &Path, report: &Report) {
    // Writing uses a thread pool of its own, at a low priority: on the
    // shared pool, a write of a large output (hundreds of megabytes
    // compared and written) would hold up the next rebuild, which spreads
    // its work over that pool, for seconds; at the same priority it would
    // still take half the CPU from a rebuild on a two-core PC.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "wuye-serve-writer".into())
        .start_handler(|_| lower_priority())
        .build()
        .ok();
    let write = |tree: &OutputTree| match &pool {
        Some(pool) => pool.install(|| output::write_atomically(tree, out)),
        None => output::write_atomically(tree, out),
    };
    let mut first = true;
    while let Ok(mut newest) = inbox.recv() {
        // The first build is written at once; later ones when edits pause
        // (or the server stops).
        while !std::mem::take(&mut first)
            && let Ok(tree) = inbox.recv_timeout(WRITE_AFTER_QUIET)
        {
            newest = tree;
        }
        if let Err(error) = write(&newest) {
            report(ServeEvent::WriteFailed(&error));
        }
    }
}

/// Makes the calling thread yield the CPU to the others of the process
/// (Linux gives each thread its own nice value). Failing only means the
/// writer competes as an equal.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        let _ = rustix::process::nice(10);
    }
}

/// Opens `url` in the desktop's browser if there is one; says so if not.
fn open_browser(url: &str, report: Report) {
    let candidates: &[(&str, &[&str])] = if cfg!(target_os = "macos") {
        &[("open", &[])]
    } else if cfg!(windows) {
        &[("cmd", &["/C", "start", ""])]
    } else {
        &[("xdg-open", &[]), ("x-www-browser", &[])]
    };
    let url = url.to_string();
    let candidates: Vec<(String, Vec<String>)> = candidates
        .iter()
        .map(|(program, args)| {
            (
                program.to_string(),
                args.iter().map(|a| a.to_string()).collect(),
            )
        })
        .collect();
    // In the background: xdg-open may take a while, and must never hold up
    // or stop the preview.
    let _ = std::thread::Builder::new()
        .name("wuye-serve-open".into())
        .spawn(move || {
            for (program, args) in candidates {
                let status = std::process::Command::new(&program)
                    .args(&args)
                    .arg(&url)
                    .stdin(std::process::Stdio::null())
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .status();
                if status.is_ok_and(|s| s.success()) {
                    return;
                }
            }
            report(ServeEvent::BrowserNotFound);
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Kind;

    #[test]
    fn bind_values() {
        assert_eq!(
            parse_bind("127.0.0.1"),
            Some(IpAddr::V4(Ipv4Addr::LOCALHOST))
        );
        assert_eq!(
            parse_bind("localhost"),
            Some(IpAddr::V4(Ipv4Addr::LOCALHOST))
        );
        assert_eq!(
            parse_bind("0.0.0.0"),
            Some(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
        );
        assert!(parse_bind("[::1]").is_some_and(|ip| ip.is_loopback()));
        assert_eq!(parse_bind("example.org"), None);
    }

    #[test]
    fn taken_port_moves_to_the_next_free_one() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let next = bind(IpAddr::V4(Ipv4Addr::LOCALHOST), port, Lang::ZhCn).unwrap();
        let got = next.local_addr().unwrap().port();
        assert!(got > port && got <= port + PORT_TRIES, "{port} -> {got}");
    }

    #[test]
    fn overlay_lists_every_error_with_file_and_line_escaped() {
        let errors = vec![
            Diagnostic::error(
                "content/notices/a.md",
                Kind::FrontMatterSyntax,
                "缺少 <title>",
            )
            .at_line(3),
            Diagnostic::error("wuye.toml", Kind::UnknownKey, "未知的键").at_line(7),
        ];
        let html = overlay(&errors, Lang::ZhCn, true);
        assert!(html.contains("<code>content/notices/a.md</code>"));
        assert!(html.contains("第 3 行"));
        assert!(html.contains("缺少 &lt;title&gt;"));
        assert!(html.contains("<code>wuye.toml</code>"));
        assert!(html.contains("第 7 行"));
        assert!(html.contains("上一次成功构建"));
        assert!(!overlay(&errors, Lang::ZhCn, false).contains("上一次成功构建"));
    }

    #[test]
    fn stage_names_are_joined_in_the_language() {
        let stages = Changes {
            content: true,
            data: true,
            ..Changes::default()
        };
        assert_eq!(stage_names(&stages, Lang::ZhCn), "内容、数据");
        assert_eq!(stage_names(&stages, Lang::En), "content, data");
    }
}
