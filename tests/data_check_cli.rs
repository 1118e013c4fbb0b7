//! `wuye check` on an estate whose logs hold several injected errors: every
//! one is listed, in file and line order, in text and in JSON; the exit code
//! is 1 with errors and 0 with warnings only.

use std::path::Path;
use std::process::{Command, Output};

fn estate(files: &[(&str, &str)], config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wuye.toml"), config).unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("data").join(name), text).unwrap();
    }
    dir
}

fn check(root: &Path, json: bool) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wuye"));
    command.arg("check").arg("--root").arg(root);
    if json {
        command.args(["--format", "json"]);
    }
    command.output().expect("run wuye")
}

/// Line 2 bad date; line 3 duplicate id, bad level, completion before the
/// report, bad boolean and an unknown rework_of; line 4 only a warning;
/// line 5, after a quoted note over two lines, missing value; line 7 fine.
const REPAIRS: &str = "工单号,报修时间,级别,完工时间,验收合格,返修单号,备注\n\
R1,2026-13-01,小修,,,,\n\
R1,2026-03-05,大修,2026-03-01,也许,R9,\n\
R3,2026-03-05,小修,2026-03-06,,,\n\
R4,,中修,,,,\"两行\n备注\"\n\
R5,2026-03-05,急修,,,R1,\n";

const COMPLAINTS: &str = "编号,受理时间,办结时间\nC1,2026-03-05 10:00,2026-03-04\n";

/// (file, line, column, value, kind, severity) of one diagnostic.
type Expected = (
    &'static str,
    u64,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
);

/// What check must print, in order.
fn expected() -> Vec<Expected> {
    vec![
        (
            "data/complaints.csv",
            2,
            "办结时间",
            Some("2026-03-04"),
            "resolved_before_received",
            "error",
        ),
        (
            "data/repairs.csv",
            2,
            "报修时间",
            Some("2026-13-01"),
            "bad_datetime",
            "error",
        ),
        (
            "data/repairs.csv",
            3,
            "工单号",
            Some("R1"),
            "duplicate_id",
            "error",
        ),
        (
            "data/repairs.csv",
            3,
            "级别",
            Some("大修"),
            "bad_level",
            "error",
        ),
        (
            "data/repairs.csv",
            3,
            "完工时间",
            Some("2026-03-01"),
            "completed_before_reported",
            "error",
        ),
        (
            "data/repairs.csv",
            3,
            "验收合格",
            Some("也许"),
            "bad_boolean",
            "error",
        ),
        (
            "data/repairs.csv",
            3,
            "返修单号",
            Some("R9"),
            "unknown_rework_of",
            "error",
        ),
        (
            "data/repairs.csv",
            4,
            "验收合格",
            None,
            "completed_without_inspection",
            "warning",
        ),
        (
            "data/repairs.csv",
            5,
            "报修时间",
            None,
            "missing_value",
            "error",
        ),
    ]
}

#[test]
fn json_lists_every_injected_error_in_order() {
    let dir = estate(
        &[("repairs.csv", REPAIRS), ("complaints.csv", COMPLAINTS)],
        "name = \"x\"\n",
    );
    let output = check(dir.path(), true);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    let items = json.as_array().expect("an array");
    for item in items {
        let keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "file", "line", "column", "value", "kind", "message", "severity"
            ]
        );
        assert!(!item["message"].as_str().unwrap().is_empty());
    }
    let got: Vec<(String, u64, String, Option<String>, String, String)> = items
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_str().unwrap().to_string(),
                d["value"].as_str().map(str::to_string),
                d["kind"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, u64, String, Option<String>, String, String)> = expected()
        .into_iter()
        .map(|(f, l, c, v, k, s)| {
            (
                f.to_string(),
                l,
                c.to_string(),
                v.map(str::to_string),
                k.to_string(),
                s.to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn text_lists_every_injected_error_in_order_grouped_by_file() {
    let dir = estate(
        &[("repairs.csv", REPAIRS), ("complaints.csv", COMPLAINTS)],
        "name = \"x\"\n",
    );
    let output = check(dir.path(), false);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    // Each diagnostic as the text format prints its start, in order.
    let mut rest = stderr.as_str();
    let complaints_at = rest.find("data/complaints.csv").expect("file heading");
    rest = &rest[complaints_at..];
    for (file, line, column, value, _, severity) in expected() {
        if file == "data/repairs.csv" && rest.contains("data/repairs.csv\n") {
            let at = rest.find("data/repairs.csv\n").unwrap();
            rest = &rest[at..];
        }
        let label = if severity == "error" {
            "错误"
        } else {
            "警告"
        };
        let mut needle = format!("{label} 第 {line} 行 [{column}]");
        if let Some(value) = value {
            needle.push_str(&format!(" “{value}”"));
        }
        let at = rest
            .find(&needle)
            .unwrap_or_else(|| panic!("{needle} not found in order in:\n{stderr}"));
        rest = &rest[at + needle.len()..];
    }
    assert!(stdout.contains("8 个错误，1 个警告"), "{stdout}");
}

#[test]
fn warnings_alone_exit_zero() {
    let repairs = "id,reported_at,level,agreed_at,completed_at\nR1,2026-03-05,minor,2026-03-06,2026-03-06 10:00\n";
    let dir = estate(&[("repairs.csv", repairs)], "name = \"x\"\n");
    let output = check(dir.path(), true);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let kinds: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["agreed_without_reason", "completed_without_inspection"]
    );
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .all(|d| d["severity"] == "warning")
    );
}

#[test]
fn english_messages_when_configured() {
    let dir = estate(
        &[("repairs.csv", "id,reported_at,level\nR1,2026-03-05,huge\n")],
        "name = \"x\"\nlanguage = \"en\"\n",
    );
    let output = check(dir.path(), true);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let message = json[0]["message"].as_str().unwrap();
    assert!(message.starts_with("Unknown level “huge”"), "{message}");
}
