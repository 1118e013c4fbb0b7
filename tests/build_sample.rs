//! The repository root is the sample estate 翠湖苑: building it must give
//! what a new user sees after `cargo run --release -- build`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Builds the sample once into a temporary folder shared by the tests.
fn sample_output() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let out = dir.join("output");
        let result = Command::new(env!("CARGO_BIN_EXE_wuye"))
            .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(result.status.success(), "sample build failed: {}", String::from_utf8_lossy(&result.stderr));
        out
    })
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(sample_output().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

#[test]
fn home_page_shows_the_estate_its_phones_and_pinned_notices() {
    let home = read("site/index.html");
    assert!(home.contains("<html lang=\"zh-CN\""));
    assert!(home.contains("翠湖苑"));
    assert!(home.contains("澄湖物业服务有限公司"));
    assert!(home.contains("0571-8888 0110"), "emergency phone");
    assert!(home.contains("0571-8888 0101"), "service phone");
    let pinned_meeting = "关于召开翠湖苑2026年度业主大会的公告";
    let pinned_outage = "关于3栋、4栋、5栋二次供水水箱清洗停水的通知";
    assert!(home.contains(pinned_meeting) && home.contains(pinned_outage));
    // Pinned notices come before the other latest notices.
    let latest_unpinned = "冬季防火安全提示";
    let pos = |s: &str| home.rfind(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(pos(pinned_meeting) < pos(latest_unpinned));
    assert!(home.contains("quality/index.html"), "links to the service quality page");
}

#[test]
fn drafts_and_scheduled_notices_are_not_published() {
    let all = read("site/notices/index.html");
    assert!(!all.contains("draft-parking-fee-adjustment"));
    let everything: String = walk(&sample_output().join("site")).into_iter().map(|p| p.to_string_lossy().into_owned()).collect();
    assert!(!everything.contains("draft-parking-fee-adjustment"));
}

#[test]
fn handbook_has_every_chapter_in_order_with_chinese_numbering() {
    let index = read("handbook/index.html");
    let chapters = [
        "接待岗位职责与仪容仪表",
        "礼貌用语",
        "投诉分级与处理流程",
        "维修服务标准",
        "与业主委员会的沟通",
        "交接班制度",
        "与业主沟通的渠道与公示",
    ];
    let mut last = 0;
    for title in chapters {
        let at = index.find(title).unwrap_or_else(|| panic!("{title} missing from the handbook contents"));
        assert!(at > last, "{title} out of order");
        last = at;
    }
    assert!(index.contains("第一章") && index.contains("第七章"));
    let print = read("handbook/print.html");
    for title in chapters {
        assert!(print.contains(title), "{title} missing from the print edition");
    }
}

#[test]
fn metrics_json_parses_and_matches_the_contract_shape() {
    let json: serde_json::Value = serde_json::from_str(&read("internal/metrics.json")).unwrap();
    assert_eq!(json["as_of"], "2026-11-20 18:00");
    for log in ["repairs", "complaints", "surveys"] {
        let periods = json[log].as_object().unwrap();
        assert!(periods.contains_key("2025-09") && periods.contains_key("2026-11"), "{log}");
        assert!(periods.contains_key("2025Q3") && periods.contains_key("2026Q4"), "{log}");
    }
    assert!(json["escalations"].as_array().unwrap().len() >= 3);
}

#[test]
fn reports_exist_for_every_quarter_and_year_with_data() {
    for period in ["2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4", "2025", "2026"] {
        let html = read(&format!("reports/{period}/index.html"));
        assert!(html.contains("翠湖苑"), "{period}");
    }
    let index = read("reports/index.html");
    assert!(index.contains("2026Q3/index.html"));
}

#[test]
fn internal_report_lists_escalations() {
    let internal = read("internal/index.html");
    assert!(internal.contains("月度工作统计表"));
    assert!(internal.contains("TS-202601-03"));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
