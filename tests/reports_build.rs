//! The reports as the real `wuye` binary builds them from a fixture estate
//! (CSV logs with English headers, full of private strings), held against
//! `wuye metrics --format json` of the same estate.
//!
//! The figures compared are whatever the metrics stage computes: while a
//! stage is still a stub the JSON has no period and the comparisons have
//! nothing to compare (the privacy scan and the error test still run);
//! once the CSV loader and the metrics land, every figure is checked.

mod reports_support;

use reports_support::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const WUYE: &str = env!("CARGO_BIN_EXE_wuye");

const CONFIG_TOML: &str = r#"name = "翠湖苑"
company = "澄湖物业服务有限公司"
households = 200
as_of = "2026-06-30 18:00"

[targets]
timeliness_rate = 0.95
rework_rate = 0.02
"#;

/// Two repairs and two complaints on each side of the Q1/Q2 boundary
/// (2026-03-31 23:59 and 2026-04-01 00:00), surveys in Q1 only.
const REPAIRS: &str = "\
id,reported_at,room,contact,phone,category,level,dispatched_at,arrived_at,agreed_at,delay_reason,completed_at,passed,rework_of,technician,note
R-001,2026-01-10 09:00,7栋2302室,诸葛隐秘,13800001111,水电,minor,2026-01-10 09:05,2026-01-10 09:40,,,2026-01-10 15:00,yes,,师傅甲PRIVATE-TECH,卫生间漏水PRIVATE-NOTE
R-002,2026-03-31 23:59,8栋1101室,诸葛隐秘,13800001111,门窗,minor,2026-04-01 00:05,2026-04-01 08:00,,,2026-04-01 09:00,yes,,师傅乙PRIVATE-TECH,窗户关不上PRIVATE-NOTE
R-003,2026-04-01 00:00,9栋0501室,慕容保密,13800002222,管道,emergency,2026-04-01 00:04,2026-04-01 00:25,,,2026-04-01 02:00,yes,,师傅丙PRIVATE-TECH,水管爆裂PRIVATE-NOTE
R-004,2026-05-06 10:00,7栋2302室,诸葛隐秘,13800001111,水电,medium,2026-05-06 10:30,2026-05-06 14:00,2026-05-07 09:00,业主出差PRIVATE-DELAY,2026-05-08 17:00,no,R-001,师傅甲PRIVATE-TECH,再次漏水PRIVATE-NOTE
";

const COMPLAINTS: &str = "\
id,received_at,channel,room,contact,phone,category,level,ours,summary,resolved_at,callback_at,callback_satisfied,handler
C-001,2026-02-03 10:00,phone,3栋801室,司马机密,13900002222,噪音,minor,yes,楼上装修噪音PRIVATE-SUMMARY,2026-02-04 16:00,2026-02-05 10:00,满意,客服部
C-002,2026-03-31 23:59,visit,4栋1202室,司马机密,13900002222,停车,important,no,车位被占PRIVATE-SUMMARY,2026-04-02 10:00,,,秩序部
C-003,2026-04-01 00:00,online,4栋1202室,司马机密,13900002222,保洁,,yes,楼道垃圾无人清理PRIVATE-SUMMARY,,,,环境部
";

const SURVEYS: &str = "\
id,date,room,overall,comment,保洁,维修
S-001,2026-01-15,5栋101室,5,服务很好PRIVATE-COMMENT,5,4
S-002,2026-03-31,6栋202室,3,电梯太旧PRIVATE-COMMENT,3,
S-003,2026-03-20,6栋305室,4,,4,5
";

const NOTE: &str = "+++\ntitle = \"翠湖苑2026年第一季度物业服务工作报告\"\n+++\n## 本季度主要工作\n\n受理报修 {{ repairs.orders }} 单，维修及时率 {{ repairs.timeliness_rate }}。\n\n## 需业委会协助支持的事项\n\n重大投诉线索 {{ escalations.count }} 条，急修 {{ repairs.by_level.emergency }} 单。\n";

/// Private words of the fixture that no report may contain.
const SECRETS: [&str; 12] = [
    "7栋2302",
    "8栋1101",
    "9栋0501",
    "3栋801",
    "4栋1202",
    "5栋101",
    "诸葛隐秘",
    "慕容保密",
    "司马机密",
    "13800001111",
    "13900002222",
    "PRIVATE",
];

fn estate(note: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("wuye.toml"), CONFIG_TOML).unwrap();
    std::fs::create_dir_all(root.join("data")).unwrap();
    std::fs::write(root.join("data/repairs.csv"), REPAIRS).unwrap();
    std::fs::write(root.join("data/complaints.csv"), COMPLAINTS).unwrap();
    std::fs::write(root.join("data/surveys.csv"), SURVEYS).unwrap();
    if let Some(note) = note {
        std::fs::create_dir_all(root.join("content/reports")).unwrap();
        std::fs::write(root.join("content/reports/2026Q1.md"), note).unwrap();
    }
    dir
}

fn build(root: &Path) -> std::process::Output {
    Command::new(WUYE)
        .args(["build", "--root"])
        .arg(root)
        .output()
        .expect("wuye runs")
}

/// `wuye metrics --format json`, asked for months and for quarters (in
/// case `--period` narrows the JSON) and merged into one object.
fn metrics_json(root: &Path) -> serde_json::Value {
    let mut merged = serde_json::json!({});
    for period in ["month", "quarter"] {
        let out = Command::new(WUYE)
            .args(["metrics", "--format", "json", "--period", period, "--root"])
            .arg(root)
            .output()
            .expect("wuye runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("wuye metrics prints JSON");
        let Some(object) = json.as_object() else {
            panic!("wuye metrics prints an object: {json}");
        };
        for (key, value) in object {
            match (merged.get_mut(key), value) {
                (Some(serde_json::Value::Object(into)), serde_json::Value::Object(from)) => {
                    into.extend(from.clone());
                }
                _ => {
                    merged[key] = value.clone();
                }
            }
        }
    }
    merged
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn built(note: Option<&str>) -> (tempfile::TempDir, serde_json::Value) {
    let dir = estate(note);
    let out = build(dir.path());
    assert!(
        out.status.success(),
        "wuye build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = metrics_json(dir.path());
    (dir, json)
}

fn quarter_keys(json: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = ["repairs", "complaints", "surveys"]
        .iter()
        .filter_map(|s| json.get(*s).and_then(|v| v.as_object()))
        .flat_map(|m| m.keys().cloned())
        .filter(|k| k.contains('Q'))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

#[test]
fn built_reports_hold_no_private_data() {
    let (dir, json) = built(Some(NOTE));
    let reports = dir.path().join("output/reports");
    assert!(
        reports.join("index.html").is_file(),
        "no reports/index.html"
    );
    // Once the metrics are computed, the fixture gives these reports.
    if !quarter_keys(&json).is_empty() {
        assert_eq!(quarter_keys(&json), ["2026Q1", "2026Q2"]);
        for page in ["2026Q1", "2026Q2", "2026"] {
            assert!(reports.join(page).join("index.html").is_file(), "no {page}");
        }
    }
    for path in files_under(&reports) {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for secret in SECRETS {
            assert!(
                !text.contains(secret),
                "{} shows the private “{secret}”",
                path.display()
            );
        }
    }
}

#[test]
fn every_built_figure_equals_wuye_metrics() {
    let (dir, json) = built(Some(NOTE));
    let households = 200;
    // When each complaint of the fixture was received, to count the
    // escalation findings (which carry only ids) per quarter.
    let received = [
        ("C-001", "2026Q1"),
        ("C-002", "2026Q1"),
        ("C-003", "2026Q2"),
    ];
    let escalations = |period: &str| -> u64 {
        json.get("escalations")
            .and_then(|e| e.as_array())
            .into_iter()
            .flatten()
            .filter_map(|e| e.get("id").and_then(|id| id.as_str()))
            .filter(|id| {
                received
                    .iter()
                    .any(|(c, q)| c == id && (*q == period || q.starts_with(period)))
            })
            .count() as u64
    };
    let mut checked = 0;
    for path in files_under(&dir.path().join("output/reports")) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = std::fs::read_to_string(&path).unwrap();
        for m in marked(&page) {
            let expected = if m.metric == "escalations.count" {
                serde_json::json!(escalations(&m.period))
            } else if m.period.len() == 4 {
                annual_expected(&json, &m.period, &m.metric, households)
            } else {
                json_value(&json, &m.period, &m.metric).expect("a metrics path")
            };
            assert_matches_json(&m, &expected);
            checked += 1;
        }
    }
    if quarter_keys(&json).is_empty() {
        eprintln!(
            "注意：wuye metrics 还没有输出任何季度（metrics 阶段尚未合并），本测试无数字可比。"
        );
    } else {
        assert!(checked > 100, "only {checked} figures checked");
    }
}

#[test]
fn built_reports_split_quarters_at_midnight_and_show_missing_surveys_as_dashes() {
    let (dir, json) = built(None);
    if quarter_keys(&json).is_empty() {
        eprintln!("注意：metrics 阶段尚未合并，跳过季度边界的检查。");
        return;
    }
    let read =
        |p: &str| std::fs::read_to_string(dir.path().join("output/reports").join(p)).unwrap();
    let q1 = read("2026Q1/index.html");
    let q2 = read("2026Q2/index.html");
    // R-002 (2026-03-31 23:59) is Q1's, R-003 (2026-04-01 00:00) Q2's.
    assert_eq!(shown(&q1, "2026Q1", "repairs.orders"), "2");
    assert_eq!(shown(&q1, "2026Q1", "repairs.by_level.emergency"), "0");
    assert_eq!(shown(&q2, "2026Q2", "repairs.orders"), "2");
    assert_eq!(shown(&q2, "2026Q2", "repairs.by_level.emergency"), "1");
    assert_eq!(shown(&q1, "2026Q1", "complaints.received"), "2");
    assert_eq!(shown(&q2, "2026Q2", "complaints.received"), "1");
    // C-003: ours, unresolved for more than 30 days, not major → Q2.
    assert_eq!(shown(&q2, "2026Q2", "escalations.count"), "1");
    assert_eq!(shown(&q1, "2026Q1", "escalations.count"), "0");
    // S-002 (2026-03-31) is Q1's; Q2 has no survey at all.
    assert_eq!(shown(&q1, "2026Q1", "surveys.responses"), "3");
    assert_eq!(shown(&q1, "2026Q1", "surveys.satisfaction_rate"), "66.7%");
    assert_eq!(shown(&q2, "2026Q2", "surveys.satisfaction_rate"), "—");
    assert!(q2.contains("本期没有满意度调查记录"));
    // Q1 is the first quarter: nothing to compare with.
    assert!(q1.contains("本季度是第一个有记录的季度"));
    let year = read("2026/index.html");
    assert_eq!(shown(&year, "2026", "repairs.orders"), "4");
    assert_eq!(shown(&year, "2026", "complaints.received"), "3");
}

#[test]
fn an_unknown_figure_stops_the_build_with_file_and_line() {
    let note = "## 本季度主要工作\n\n受理报修 {{ repairs.orders }} 单，\n及时率 {{ repairs.timelyness_rate }}。\n";
    let dir = estate(Some(note));
    let out = build(dir.path());
    assert_eq!(out.status.code(), Some(1), "the build must fail");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/reports/2026Q1.md"), "{stderr}");
    assert!(stderr.contains("第 4 行"), "{stderr}");
    assert!(stderr.contains("repairs.timelyness_rate"), "{stderr}");
    assert!(
        stderr.contains("repairs.timeliness_rate"),
        "no suggestion: {stderr}"
    );
    assert!(
        !dir.path().join("output").exists(),
        "nothing may be written"
    );
}
