//! Nothing lost under interruption (issue 11, item 7): a build killed with
//! SIGKILL at any moment leaves the output folder as the complete old
//! output or the complete new one — never a mix, never missing — and the
//! next build succeeds and cleans up what the killed one left.

#![cfg(unix)]

mod harden_common;

use harden_common::{BIN, init, snapshot};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

type Snapshot = BTreeMap<String, Vec<u8>>;

/// Enough for a debug build to take seconds (the write and the swap come
/// last, so kills spread over the build's time land in every phase).
const NOTICES: usize = 1000;

/// Writes `NOTICES` notices into `dir`, their text marked with `version`.
fn write_notices(dir: &Path, version: &str) {
    fs::create_dir_all(dir).unwrap();
    for i in 0..NOTICES {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 10;
        fs::write(
            dir.join(format!("n{i:04}.md")),
            format!(
                "+++\ntitle = \"第{i}号通知（{version}）\"\ndate = \"2026-{month:02}-{day:02} 09:00\"\ncategory = \"{}\"\nsummary = \"摘要{i}\"\n+++\n\n## 事项\n\n版本{version}的第{i}号通知正文。\n\n| 楼栋 | 时间 |\n|---|---|\n| {}栋 | 9:00 |\n",
                ["停水", "收费", "会议", "活动", "安全", "通知"][i % 6],
                1 + i % 12
            ),
        )
        .unwrap();
    }
}

/// Builds `estate` into `out` and waits; returns how long it took.
fn build_into(estate: &Path, out: &Path) -> Duration {
    let start = Instant::now();
    let status = Command::new(BIN)
        .args([
            "build",
            "--root",
            estate.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    start.elapsed()
}

/// When to kill a build.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// This long after it started.
    After(Duration),
    /// This long after it started writing its staging folder (the write
    /// and the swap, where a kill would do harm if anywhere).
    Writing(Duration),
    /// This long after the last file (in write order) appeared in the
    /// staging folder: at the swap.
    Written(&'static str, Duration),
}

/// Starts a build of `estate` into `out` and kills it with SIGKILL at
/// `moment`; true when it had already finished successfully.
fn build_and_kill(estate: &Path, out: &Path, moment: Moment) -> bool {
    let mut child = Command::new(BIN)
        .args([
            "build",
            "--root",
            estate.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    match moment {
        Moment::After(delay) => std::thread::sleep(delay),
        Moment::Writing(delay) => {
            let parent = out.parent().unwrap();
            let staging = format!(".output.wuye-new-{}", child.id());
            while !parent.join(&staging).exists() && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_millis(2));
            }
            std::thread::sleep(delay);
        }
        Moment::Written(last, delay) => {
            let parent = out.parent().unwrap();
            let file = parent
                .join(format!(".output.wuye-new-{}", child.id()))
                .join(last);
            while !file.exists() && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_millis(1));
            }
            std::thread::sleep(delay);
        }
    }
    let finished = child.try_wait().unwrap().is_some_and(|s| s.success());
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    finished
}

/// Which of the snapshots `out` is, or a panic naming the difference.
fn which(out: &Path, versions: &[(&str, &Snapshot)], moment: &str) -> String {
    assert!(out.is_dir(), "{moment}: the output folder is missing");
    let now = snapshot(out);
    for (name, expected) in versions {
        if &now == *expected {
            return name.to_string();
        }
    }
    let (name, closest) = versions[0];
    let missing = closest.keys().filter(|k| !now.contains_key(*k)).count();
    let extra = now.keys().filter(|k| !closest.contains_key(*k)).count();
    panic!(
        "{moment}: the output is neither complete version ({} files; vs {name}: {missing} missing, {extra} extra)",
        now.len()
    );
}

/// What is beside the output folder other than the estate's own files.
/// Folders a killed build left beside the output. The back folder
/// (`.output.wuye-back`, the previous output kept so that the next build
/// rewrites only changed files; see src/output.rs) belongs there.
fn leftovers(parent: &Path) -> Vec<String> {
    fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("wuye-") && n != ".output.wuye-back")
        .collect()
}

#[test]
fn a_killed_build_leaves_the_old_or_the_new_output_complete() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    let config = fs::read_to_string(estate.join("wuye.toml")).unwrap();
    fs::write(
        estate.join("wuye.toml"),
        config.replace(
            "# as_of = \"2026-03-31 23:59\"",
            "as_of = \"2026-11-20 18:00\"",
        ),
    )
    .unwrap();
    // Two versions of the content, swapped in by renaming the folder.
    let versions_dir = tmp.path().join("versions");
    write_notices(&versions_dir.join("A"), "甲");
    write_notices(&versions_dir.join("B"), "乙");
    let notices = estate.join("content/notices");
    let use_version = |v: &str| {
        let _ = fs::remove_dir_all(&notices);
        copy_dir(&versions_dir.join(v), &notices);
    };

    // The complete outputs of both versions, built elsewhere.
    let expected_dir = tmp.path().join("expected");
    use_version("A");
    build_into(&estate, &expected_dir.join("A"));
    use_version("B");
    let took = build_into(&estate, &expected_dir.join("B"));
    let a = snapshot(&expected_dir.join("A"));
    let b = snapshot(&expected_dir.join("B"));
    assert!(a.len() > 2 * NOTICES && a != b);
    let versions = [("A", &a), ("B", &b)];

    let out_parent = tmp.path().join("site-out");
    fs::create_dir_all(&out_parent).unwrap();
    let out = out_parent.join("output");

    // The very first build killed early: no output, or a complete one.
    let first = build_and_kill(&estate, &out, Moment::After(took / 3));
    if out.exists() {
        assert_eq!(which(&out, &versions, "first build"), "B");
    } else {
        assert!(!first, "a finished build left no output");
    }

    // Then kill builds at many moments, each time building the version the
    // output is not, so that "old" and "new" always differ.
    let mut current = if out.exists() {
        "B".to_string()
    } else {
        use_version("A");
        build_into(&estate, &out);
        "A".to_string()
    };
    let ms = Duration::from_millis;
    // Files are written in path order: the last one is the greatest path
    // (the same in both versions).
    let last: &'static str = Box::leak(a.keys().next_back().unwrap().clone().into_boxed_str());
    assert_eq!(Some(last), b.keys().next_back().map(String::as_str));
    let moments = [
        Moment::After(took.mul_f64(0.3)),
        Moment::Writing(ms(0)),
        Moment::Writing(ms(100)),
        Moment::Written(last, ms(0)),
        Moment::Written(last, ms(2)),
        Moment::After(took.mul_f64(2.0)),
    ];
    let mut seen = Vec::new();
    for (step, moment) in moments.into_iter().enumerate() {
        let target = if current == "A" { "B" } else { "A" };
        use_version(target);
        let finished = build_and_kill(&estate, &out, moment);
        let label = format!("step {step}: killed at {moment:?} building {target} over {current}");
        let now = which(&out, &versions, &label);
        if finished {
            assert_eq!(now, target, "{label}: a finished build's output");
        }
        eprintln!("{label}: the output is {now}");
        seen.push(now == target);
        current = now;
    }
    assert!(seen.contains(&false), "some kill landed before the swap");

    // A normal build succeeds and leaves nothing else behind.
    let target = if current == "A" { "B" } else { "A" };
    use_version(target);
    build_into(&estate, &out);
    assert_eq!(which(&out, &versions, "after a normal build"), target);
    assert_eq!(leftovers(&out_parent), Vec::<String>::new());
    // The back folder is whole: the version before, byte for byte.
    let before = if target == "A" { &b } else { &a };
    assert_eq!(&snapshot(&out_parent.join(".output.wuye-back")), before);
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target: PathBuf = to.join(entry.file_name());
        fs::copy(entry.path(), target).unwrap();
    }
}
