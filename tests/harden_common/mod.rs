//! Shared by the `harden_*` tests: run the real binary on a temporary
//! estate with a time limit (and, on Unix, a memory limit), and read its
//! diagnostics.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_wuye");

/// Address space allowed to one run of the binary: far above what any of
/// these estates needs, far below what buffering a hostile file would take.
pub const MEMORY_LIMIT_KIB: u64 = 1024 * 1024;

/// Runs `wuye args…` and waits at most `limit`; a run that takes longer is
/// killed and fails the test as a hang. Panics (exit code 101) fail too.
pub fn run(args: &[&str], limit: Duration) -> Output {
    let mut command = if cfg!(unix) {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(format!("ulimit -v {MEMORY_LIMIT_KIB}; exec \"$0\" \"$@\""))
            .arg(BIN)
            .args(args);
        c
    } else {
        let mut c = Command::new(BIN);
        c.args(args);
        c
    };
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the wuye binary starts");
    // Drain the pipes while waiting so a chatty run cannot block on them.
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || read_all(stdout));
    let err_reader = std::thread::spawn(move || read_all(stderr));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("wuye {args:?} did not finish within {limit:?} (a hang)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked") && output.status.code() != Some(101),
        "wuye {args:?} panicked:\n{stderr}"
    );
    assert!(
        output.status.code().is_some(),
        "wuye {args:?} was killed by a signal (stack overflow or out of memory?): {:?}\n{stderr}",
        output.status
    );
    output
}

fn read_all(mut r: impl std::io::Read) -> Vec<u8> {
    let mut v = Vec::new();
    let _ = r.read_to_end(&mut v);
    v
}

/// A fresh valid estate from `wuye init` in `dir/name`.
pub fn init(dir: &Path, name: &str) -> PathBuf {
    let estate = dir.join(name);
    let out = run(&["init", estate.to_str().unwrap()], Duration::from_secs(60));
    assert!(
        out.status.success(),
        "init: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    estate
}

/// `wuye build --root estate`.
pub fn build(estate: &Path, limit: Duration) -> Output {
    run(&["build", "--root", estate.to_str().unwrap()], limit)
}

/// The diagnostics of `wuye check --format json`.
pub fn check(estate: &Path, limit: Duration) -> Vec<serde_json::Value> {
    let out = run(
        &[
            "check",
            "--root",
            estate.to_str().unwrap(),
            "--format",
            "json",
        ],
        limit,
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check output is not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The diagnostics about one file.
pub fn about<'a>(diagnostics: &'a [serde_json::Value], file: &str) -> Vec<&'a serde_json::Value> {
    diagnostics.iter().filter(|d| d["file"] == file).collect()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A notice file with TOML front matter.
pub fn notice(title: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = \"2026-01-05 09:00\"\ncategory = \"综合通知\"\n+++\n{body}"
    )
}

/// Every file under `dir` with its bytes, by path relative to `dir` with `/`.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .unwrap()
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}
