//! Shared by the real-browser tests: finding the tools, building an
//! estate, skipping with a visible notice.

pub mod cdp;
pub mod server;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use wuye::messages::Lang;

pub const WUYE: &str = env!("CARGO_BIN_EXE_wuye");

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Says on the real stderr, past the test harness's capture, that a test
/// did not run and why, so `cargo test` never shows a silent pass. With
/// `WUYE_REQUIRE_BROWSER=1` (for a CI that must run them) it fails instead.
pub fn skip(test: &str, why: &str) {
    let notice = format!(
        "SKIPPED: {test}: {why} (Debian: apt-get install chromium fonts-noto-cjk poppler-utils)"
    );
    if std::env::var_os("WUYE_REQUIRE_BROWSER").is_some_and(|v| v == "1") {
        panic!("{notice}; WUYE_REQUIRE_BROWSER=1 says these tests must run");
    }
    let _ = writeln!(std::io::stderr(), "{notice}");
}

fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(name).is_file()))
}

/// The Chromium wuye itself would use, or a skip notice.
pub fn chromium(test: &str) -> Option<PathBuf> {
    match wuye::pdf::find_chromium(Path::new("."), None, std::env::var_os("PATH"), Lang::ZhCn) {
        Ok(path) => Some(path),
        Err(_) => {
            skip(test, "no Chromium installed");
            None
        }
    }
}

/// Chromium plus poppler's pdfinfo and pdftotext, or a skip notice.
pub fn chromium_and_poppler(test: &str) -> Option<PathBuf> {
    let chromium = chromium(test)?;
    if on_path("pdfinfo") && on_path("pdftotext") {
        Some(chromium)
    } else {
        skip(test, "pdfinfo/pdftotext (poppler-utils) not installed");
        None
    }
}

/// A copy of the sample estate in a temp folder: config, content, data and
/// the theme folder (which `wuye build` at the repository root reads as an
/// estate theme, so a copy builds exactly what the root builds).
pub fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(repo_root().join("wuye.toml"), dir.path().join("wuye.toml"))
        .expect("copy wuye.toml");
    for folder in ["content", "data", "themes"] {
        copy_dir(&repo_root().join(folder), &dir.path().join(folder));
    }
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Runs `wuye build --root <root> --out <out>`; panics with its output
/// when it fails.
pub fn build(root: &Path, out: &Path) {
    let done = Command::new(WUYE)
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run wuye build");
    assert!(
        done.status.success(),
        "wuye build failed:\n{}\n{}",
        String::from_utf8_lossy(&done.stdout),
        String::from_utf8_lossy(&done.stderr)
    );
}

/// Runs a tool and returns its stdout, panicking with stderr on failure.
pub fn run(program: &str, args: &[&str], file: &Path) -> String {
    let done = Command::new(program)
        .args(args)
        .arg(file)
        .args(if program == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert!(
        done.status.success(),
        "{program} {args:?} {} failed: {}",
        file.display(),
        String::from_utf8_lossy(&done.stderr)
    );
    String::from_utf8_lossy(&done.stdout).into_owned()
}
