//! End-to-end: the `wuye` binary on fixture estates — atomic output and
//! the `init` round trip.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn wuye(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wuye"))
        .args(args)
        .output()
        .expect("the wuye binary runs")
}

/// Every file under `dir` with its bytes, by relative path.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn init_estate(dir: &Path) {
    let result = wuye(&["init", dir.to_str().unwrap()]);
    assert!(
        result.status.success(),
        "init failed: {}",
        String::from_utf8_lossy(&result.stderr)
    );
}

#[test]
fn init_writes_an_estate_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = tmp.path().join("新小区");
    init_estate(&estate);
    for file in [
        "wuye.toml",
        "data/repairs.csv",
        "data/complaints.csv",
        "data/surveys.csv",
        "data/holidays.csv",
    ] {
        assert!(estate.join(file).is_file(), "{file} missing");
    }
    let header = std::fs::read_to_string(estate.join("data/repairs.csv")).unwrap();
    assert!(
        header.starts_with("工单号,报修时间"),
        "Chinese headers: {header}"
    );

    let result = wuye(&["build", "--root", estate.to_str().unwrap()]);
    assert!(
        result.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    let home = std::fs::read_to_string(estate.join("output/site/index.html")).unwrap();
    assert!(home.contains("<html lang=\"zh-CN\""));
    let metrics: serde_json::Value = serde_json::from_slice(
        &std::fs::read(estate.join("output/internal/metrics.json")).unwrap(),
    )
    .unwrap();
    assert!(metrics["repairs"].is_object());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("keep.txt"), "mine").unwrap();
    let result = wuye(&["init", tmp.path().to_str().unwrap()]);
    assert!(!result.status.success());
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("keep.txt")).unwrap(),
        "mine"
    );
    assert!(!tmp.path().join("wuye.toml").exists());
    assert!(String::from_utf8_lossy(&result.stderr).contains("不是空的"));
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = tmp.path().join("estate");
    init_estate(&estate);
    let root = estate.to_str().unwrap();
    assert!(wuye(&["build", "--root", root]).status.success());
    let before = snapshot(&estate.join("output"));
    assert!(!before.is_empty());

    // Break the config: the build must fail and touch nothing.
    let config_path = estate.join("wuye.toml");
    let config = std::fs::read_to_string(&config_path).unwrap();
    std::fs::write(&config_path, format!("household = 3\n{config}")).unwrap();
    let result = wuye(&["build", "--root", root]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("wuye.toml") && stderr.contains("households"),
        "{stderr}"
    );
    assert_eq!(snapshot(&estate.join("output")), before);

    // Break a data row instead: same guarantee.
    std::fs::write(&config_path, &config).unwrap();
    let repairs = estate.join("data/repairs.csv");
    let mut text = std::fs::read_to_string(&repairs).unwrap();
    text.push_str("R1,不是日期,,,,,小修,,,,,,,,,\n");
    std::fs::write(&repairs, text).unwrap();
    let result = wuye(&["build", "--root", root]);
    assert_eq!(
        result.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert_eq!(snapshot(&estate.join("output")), before);

    // No staging folders are left beside the output.
    let leftovers: Vec<_> = std::fs::read_dir(&estate)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("wuye-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn unbuilt_commands_say_so_and_fail() {
    let result = wuye(&["serve", "--root", "."]);
    assert!(!result.status.success());
    assert!(String::from_utf8_lossy(&result.stderr).contains("尚未完成"));
}
