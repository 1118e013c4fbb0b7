//! `wuye pdf`: prints a built HTML page to PDF with a locally installed
//! Chromium (headless), e.g. the handbook's print edition or a quarterly
//! report.
//!
//! The page is printed exactly as built: page size, margins, the running
//! header and the "第 N 页 / 共 M 页" footer come from the page's own CSS
//! `@page` rules, so Chromium runs with `--no-pdf-header-footer`. It runs
//! with a fresh profile and with networking features off; the pages make
//! no outside requests anyway.
//!
//! The PDF is written into a staging folder beside the output folder and
//! renamed into place only when Chromium produced a valid file, so the
//! output never holds a half-written PDF, and an older PDF stays until the
//! new one replaces it in one step.

use crate::config::{self, Config};
use crate::diagnostics::WuyeError;
use crate::messages::Lang;
use crate::messages::handbook::PdfMsg;
use crate::pipeline::{self, BuildOptions, BuildSummary};
use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Browsers looked up on PATH, in this order, when `[pdf] chromium` is not set.
pub const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// How long Chromium may take for one document.
pub const TIMEOUT: Duration = Duration::from_secs(180);

/// What to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `output/handbook/print.html` → `output/handbook/handbook.pdf`.
    Handbook,
    /// `output/reports/<period>/index.html` → `output/reports/<period>/report.pdf`.
    Report { period: String },
}

impl Target {
    /// Reads `wuye pdf <what> [period]`.
    pub fn parse(what: &str, period: Option<&str>, lang: Lang) -> Result<Target, WuyeError> {
        match what.trim().to_ascii_lowercase().as_str() {
            "handbook" | "手册" => Ok(Target::Handbook),
            "report" | "报告" => {
                let period = period.ok_or_else(|| msg(PdfMsg::MissingPeriod, lang))?;
                let normalized = period.trim().to_ascii_uppercase();
                if is_quarter(&normalized) {
                    Ok(Target::Report { period: normalized })
                } else {
                    Err(msg(PdfMsg::BadPeriod { period }, lang))
                }
            }
            _ => Err(msg(PdfMsg::UnknownTarget { what }, lang)),
        }
    }

    /// The page to print, relative to the output folder.
    pub fn html(&self) -> String {
        match self {
            Target::Handbook => "handbook/print.html".into(),
            Target::Report { period } => format!("reports/{period}/index.html"),
        }
    }

    /// The PDF to write, relative to the output folder.
    pub fn pdf(&self) -> String {
        match self {
            Target::Handbook => "handbook/handbook.pdf".into(),
            Target::Report { period } => format!("reports/{period}/report.pdf"),
        }
    }
}

/// `2026Q1`: a four-digit year, `Q`, a quarter 1–4.
fn is_quarter(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 6
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'Q'
        && (b'1'..=b'4').contains(&bytes[5])
}

fn msg(message: PdfMsg, lang: Lang) -> WuyeError {
    WuyeError::Message(message.text(lang))
}

/// The browser to print with: `[pdf] chromium` (a path, relative to the
/// estate, or a command name), else the first of [`CANDIDATES`] on `path`
/// (the value of `PATH`).
pub fn find_chromium(
    root: &Path,
    configured: Option<&str>,
    path: Option<OsString>,
    lang: Lang,
) -> Result<PathBuf, WuyeError> {
    let search = |name: &str| -> Option<PathBuf> {
        let path = path.as_ref()?;
        std::env::split_paths(path)
            .map(|dir| dir.join(name))
            .find(|candidate| is_executable(candidate))
    };
    match configured.map(str::trim).filter(|c| !c.is_empty()) {
        Some(wanted) if wanted.contains('/') || wanted.contains('\\') => {
            let candidate = root.join(wanted);
            if is_executable(&candidate) {
                Ok(candidate)
            } else {
                Err(msg(
                    PdfMsg::ConfiguredChromiumMissing { path: wanted },
                    lang,
                ))
            }
        }
        Some(wanted) => search(wanted)
            .ok_or_else(|| msg(PdfMsg::ConfiguredChromiumMissing { path: wanted }, lang)),
        None => CANDIDATES
            .iter()
            .find_map(|name| search(name))
            .ok_or_else(|| msg(PdfMsg::NoChromium, lang)),
    }
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// A print job, ready to run: the estate is built and the page exists.
#[derive(Debug)]
pub struct Job {
    pub chromium: PathBuf,
    /// The page to print (absolute path).
    pub html: PathBuf,
    /// Where the PDF goes.
    pub pdf: PathBuf,
    /// The build that made the page (its warnings are for the user).
    pub build: BuildSummary,
    pub lang: Lang,
}

/// Finds Chromium, builds the estate into `<root>/output` and checks that
/// the page to print exists. Nothing is built when no browser is found.
pub fn prepare(root: &Path, target: &Target) -> Result<Job, WuyeError> {
    let config: Config = config::load(root).map_err(WuyeError::Diagnostics)?;
    let lang = config.language;
    let chromium = find_chromium(
        root,
        config.pdf.chromium.as_deref(),
        std::env::var_os("PATH"),
        lang,
    )?;
    let earlier = printed_pdfs(&root.join("output"));
    let build = pipeline::build(&BuildOptions {
        root: root.to_path_buf(),
        out: None,
        as_of: None,
        skip_bad_rows: false,
    })?;
    keep_still_valid_pdfs(&build.out, earlier);
    let html = build.out.join(target.html());
    if !html.is_file() {
        return Err(match target {
            Target::Handbook => msg(PdfMsg::NoHandbook, lang),
            Target::Report { period } => msg(
                PdfMsg::NoReport {
                    period,
                    available: &built_reports(&build.out).join(lang.pick("、", ", ")),
                },
                lang,
            ),
        });
    }
    let html = fs::canonicalize(&html).map_err(|e| WuyeError::io(&html, e))?;
    let pdf = build.out.join(target.pdf());
    Ok(Job {
        chromium,
        html,
        pdf,
        build,
        lang,
    })
}

/// A PDF printed earlier, with the page it was printed from.
struct PrintedPdf {
    html: String,
    pdf: String,
    html_bytes: Vec<u8>,
    pdf_bytes: Vec<u8>,
}

/// The PDFs in an output folder (handbook and reports) with their pages.
fn printed_pdfs(out: &Path) -> Vec<PrintedPdf> {
    let mut targets = vec![Target::Handbook];
    targets.extend(
        built_reports(out)
            .into_iter()
            .map(|period| Target::Report { period }),
    );
    targets
        .iter()
        .filter_map(|target| {
            let (html, pdf) = (target.html(), target.pdf());
            Some(PrintedPdf {
                pdf_bytes: fs::read(out.join(&pdf)).ok()?,
                html_bytes: fs::read(out.join(&html)).ok()?,
                html,
                pdf,
            })
        })
        .collect()
}

/// A build replaces the whole output folder, PDFs included. A PDF whose
/// page came out byte for byte the same is still right, so it is put back
/// (written beside and renamed, so it is never half there); the others
/// stay gone rather than show what the page no longer says.
fn keep_still_valid_pdfs(out: &Path, earlier: Vec<PrintedPdf>) {
    for printed in earlier {
        let unchanged =
            fs::read(out.join(&printed.html)).is_ok_and(|now| now == printed.html_bytes);
        let target = out.join(&printed.pdf);
        if !unchanged || target.exists() {
            continue;
        }
        let staging = target.with_extension("pdf.wuye-keep");
        if fs::write(&staging, &printed.pdf_bytes).is_err()
            || fs::rename(&staging, &target).is_err()
        {
            let _ = fs::remove_file(&staging);
        }
    }
}

/// The report periods present in a built output, sorted.
pub fn built_reports(out: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(out.join("reports")) else {
        return Vec::new();
    };
    let mut periods: Vec<String> = entries
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| {
            is_quarter(name) && out.join("reports").join(name).join("index.html").is_file()
        })
        .collect();
    periods.sort();
    periods
}

/// Prints the job's page to its PDF; returns the PDF's size in bytes.
pub fn print(job: &Job) -> Result<u64, WuyeError> {
    let beside_output = job
        .build
        .out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    print_file(&job.chromium, &job.html, &job.pdf, beside_output, job.lang)
}

/// Prints `html` to `pdf` with `chromium`, atomically: Chromium writes into
/// a staging folder made in `staging_parent` (beside the output folder: the
/// same file system, so the final rename is atomic, but outside the output),
/// and the file is renamed into place once it is a valid PDF. Returns the
/// PDF's size in bytes.
pub fn print_file(
    chromium: &Path,
    html: &Path,
    pdf: &Path,
    staging_parent: &Path,
    lang: Lang,
) -> Result<u64, WuyeError> {
    let target_dir = pdf
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    remove_leftovers(staging_parent);
    let staging = TempDir::new_in(staging_parent, STAGING_PREFIX)?;
    let profile = TempDir::new_in(&std::env::temp_dir(), "wuye-chromium-profile-")?;
    let staged_pdf = staging.path().join("print.pdf");
    let log_path = staging.path().join("chromium.log");
    let log = fs::File::create(&log_path).map_err(|e| WuyeError::io(&log_path, e))?;

    let mut command = Command::new(chromium);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--mute-audio",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", staged_pdf.display()))
        .arg(file_url(html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log));
    let mut child = command.spawn().map_err(|e| {
        msg(
            PdfMsg::ChromiumFailed {
                detail: &e.to_string(),
            },
            lang,
        )
    })?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(msg(
                    PdfMsg::ChromiumTimeout {
                        seconds: TIMEOUT.as_secs(),
                    },
                    lang,
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => {
                return Err(msg(
                    PdfMsg::ChromiumFailed {
                        detail: &e.to_string(),
                    },
                    lang,
                ));
            }
        }
    };
    if !status.success() {
        let detail = format!("{status}; {}", log_tail(&log_path));
        return Err(msg(PdfMsg::ChromiumFailed { detail: &detail }, lang));
    }
    if !is_pdf(&staged_pdf) {
        let detail = log_tail(&log_path);
        let mut error = PdfMsg::NoPdfWritten.text(lang);
        if !detail.is_empty() {
            error.push(' ');
            error.push_str(&detail);
        }
        return Err(WuyeError::Message(error));
    }
    let size = fs::metadata(&staged_pdf)
        .map_err(|e| WuyeError::io(&staged_pdf, e))?
        .len();
    fs::create_dir_all(target_dir).map_err(|e| WuyeError::io(target_dir, e))?;
    fs::rename(&staged_pdf, pdf).map_err(|e| WuyeError::io(pdf, e))?;
    Ok(size)
}

const STAGING_PREFIX: &str = ".wuye-pdf-";

/// Removes staging folders that a killed print left behind.
fn remove_leftovers(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let still_running = name
            .strip_prefix(STAGING_PREFIX)
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
            .is_some_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
        if name.starts_with(STAGING_PREFIX) && !still_running {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// True when `path` is a non-empty file that starts like a PDF.
fn is_pdf(path: &Path) -> bool {
    let mut head = [0u8; 5];
    fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut head))
        .is_ok()
        && &head == b"%PDF-"
}

/// The last few meaningful lines Chromium wrote, for an error message.
fn log_tail(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    lines[lines.len().saturating_sub(4)..].join(" | ")
}

/// A `file://` URL for an absolute path, percent-encoding what a URL
/// cannot hold bare.
pub fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// A folder removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new_in(parent: &Path, prefix: &str) -> Result<TempDir, WuyeError> {
        fs::create_dir_all(parent).map_err(|e| WuyeError::io(parent, e))?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let pid = std::process::id();
        let mut last_error = None;
        for attempt in 0..100u32 {
            let path = parent.join(format!("{prefix}{pid}-{nanos}-{attempt}"));
            match fs::create_dir(&path) {
                Ok(()) => return Ok(TempDir(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last_error = Some(e),
                Err(e) => return Err(WuyeError::io(&path, e)),
            }
        }
        Err(WuyeError::io(
            parent,
            last_error.unwrap_or_else(|| std::io::Error::other("no free temporary name")),
        ))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_and_their_files() {
        let handbook = Target::parse("handbook", None, Lang::ZhCn).unwrap();
        assert_eq!(handbook.html(), "handbook/print.html");
        assert_eq!(handbook.pdf(), "handbook/handbook.pdf");
        let report = Target::parse("report", Some("2026q1"), Lang::ZhCn).unwrap();
        assert_eq!(
            report,
            Target::Report {
                period: "2026Q1".into()
            }
        );
        assert_eq!(report.html(), "reports/2026Q1/index.html");
        assert_eq!(report.pdf(), "reports/2026Q1/report.pdf");
    }

    #[test]
    fn bad_targets_say_what_to_write() {
        for (what, period, needle) in [
            ("report", None, "2026Q1"),
            ("report", Some("2026Q5"), "2026Q5"),
            ("report", Some("26Q1"), "26Q1"),
            ("brochure", None, "wuye pdf handbook"),
        ] {
            let Err(WuyeError::Message(text)) = Target::parse(what, period, Lang::ZhCn) else {
                panic!("{what} {period:?} should fail");
            };
            assert!(text.contains(needle), "{text}");
        }
    }

    #[test]
    fn missing_browser_names_the_debian_packages() {
        let empty = tempfile::tempdir().unwrap();
        let Err(WuyeError::Message(text)) = find_chromium(
            empty.path(),
            None,
            Some(empty.path().as_os_str().to_owned()),
            Lang::ZhCn,
        ) else {
            panic!("no browser should be found");
        };
        assert!(
            text.contains("apt-get install chromium fonts-noto-cjk"),
            "{text}"
        );
        let Err(WuyeError::Message(text)) =
            find_chromium(empty.path(), Some("/nowhere/chrome"), None, Lang::En)
        else {
            panic!("a configured path that does not exist is an error");
        };
        assert!(text.contains("/nowhere/chrome"), "{text}");
    }

    #[cfg(unix)]
    #[test]
    fn browser_is_found_on_path_in_order() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        for name in ["google-chrome", "chromium-browser"] {
            let path = dir.path().join(name);
            fs::write(&path, "#!/bin/sh\n").unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        }
        // Not executable: skipped.
        fs::write(dir.path().join("chromium"), "").unwrap();
        let found = find_chromium(
            dir.path(),
            None,
            Some(dir.path().as_os_str().to_owned()),
            Lang::ZhCn,
        )
        .unwrap();
        assert_eq!(found, dir.path().join("chromium-browser"));
        let configured = find_chromium(
            dir.path(),
            Some("google-chrome"),
            Some(dir.path().as_os_str().to_owned()),
            Lang::ZhCn,
        )
        .unwrap();
        assert_eq!(configured, dir.path().join("google-chrome"));
    }

    #[test]
    fn file_urls_are_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/小区 A/print.html")),
            "file:///tmp/%E5%B0%8F%E5%8C%BA%20A/print.html"
        );
    }

    #[cfg(unix)]
    #[test]
    fn failed_print_keeps_the_old_pdf_and_leaves_no_staging() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output/handbook");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("print.html"), "<p>x</p>").unwrap();
        fs::write(out.join("handbook.pdf"), "%PDF-old").unwrap();
        // A "browser" that writes garbage where the PDF should go.
        let fake = dir.path().join("fake-chromium");
        fs::write(
            &fake,
            "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) echo junk > \"${a#--print-to-pdf=}\";; esac; done\n",
        )
        .unwrap();
        fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
        let result = print_file(
            &fake,
            &out.join("print.html"),
            &out.join("handbook.pdf"),
            dir.path(),
            Lang::ZhCn,
        );
        assert!(result.is_err());
        assert_eq!(fs::read(out.join("handbook.pdf")).unwrap(), b"%PDF-old");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}"); // output and fake-chromium
        // A "browser" that writes a PDF: it replaces the old one.
        fs::write(
            &fake,
            "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) printf '%%PDF-1.4 new' > \"${a#--print-to-pdf=}\";; esac; done\n",
        )
        .unwrap();
        let size = print_file(
            &fake,
            &out.join("print.html"),
            &out.join("handbook.pdf"),
            dir.path(),
            Lang::ZhCn,
        )
        .unwrap();
        assert_eq!(size, 12);
        assert_eq!(fs::read(out.join("handbook.pdf")).unwrap(), b"%PDF-1.4 new");
    }

    #[test]
    fn a_rebuild_keeps_pdfs_whose_page_did_not_change() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let write = |path: &str, text: &str| {
            let path = out.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write("handbook/print.html", "<h1>手册</h1>");
        write("handbook/handbook.pdf", "%PDF-handbook");
        write("reports/2026Q1/index.html", "<h1>一季度</h1>");
        write("reports/2026Q1/report.pdf", "%PDF-q1");
        write("reports/2026Q2/index.html", "<h1>二季度</h1>");
        write("reports/2026Q2/report.pdf", "%PDF-q2");
        let earlier = printed_pdfs(&out);
        assert_eq!(earlier.len(), 3);

        // The new build: the handbook and Q1 pages are the same, Q2 changed.
        fs::remove_dir_all(&out).unwrap();
        write("handbook/print.html", "<h1>手册</h1>");
        write("reports/2026Q1/index.html", "<h1>一季度</h1>");
        write("reports/2026Q2/index.html", "<h1>二季度（修订）</h1>");
        keep_still_valid_pdfs(&out, earlier);

        assert_eq!(
            fs::read_to_string(out.join("handbook/handbook.pdf")).unwrap(),
            "%PDF-handbook"
        );
        assert_eq!(
            fs::read_to_string(out.join("reports/2026Q1/report.pdf")).unwrap(),
            "%PDF-q1"
        );
        assert!(
            !out.join("reports/2026Q2/report.pdf").exists(),
            "a stale PDF must not come back"
        );
        let leftovers: Vec<_> = fs::read_dir(out.join("handbook"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("wuye-keep"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
