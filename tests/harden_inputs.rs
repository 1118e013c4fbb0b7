//! Hostile and broken inputs (issue 11, item 1): the real binary on an
//! estate from `wuye init` with one thing broken. Each run has a time and
//! memory limit (see `harden_common::run`): the answer must be a clear
//! diagnostic naming the file, never a panic, a hang or a memory blow-up.

mod harden_common;

use harden_common::{about, build, check, init, notice, stderr};
use std::fs;
use std::path::Path;
use std::time::Duration;

const QUICK: Duration = Duration::from_secs(60);

fn kinds(diagnostics: &[&serde_json::Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["kind"].as_str().unwrap().to_string())
        .collect()
}

/// The build refuses, says which file, and leaves no output behind.
fn assert_build_refused(estate: &Path, file: &str, limit: Duration) {
    let out = build(estate, limit);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(file), "the message names {file}: {err}");
    assert!(!estate.join("output").exists(), "nothing written");
}

fn header(estate: &Path, log: &str) -> String {
    fs::read_to_string(estate.join("data").join(log))
        .unwrap()
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn empty_csv_files_are_a_warning_and_the_build_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    for log in [
        "repairs.csv",
        "complaints.csv",
        "surveys.csv",
        "holidays.csv",
    ] {
        fs::write(estate.join("data").join(log), "").unwrap();
    }
    let diagnostics = check(&estate, QUICK);
    for log in [
        "repairs.csv",
        "complaints.csv",
        "surveys.csv",
        "holidays.csv",
    ] {
        let found = about(&diagnostics, &format!("data/{log}"));
        assert_eq!(kinds(&found), ["empty_file"], "{log}: {found:?}");
        assert_eq!(found[0]["severity"], "warning");
    }
    let out = build(&estate, QUICK);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(estate.join("output/site/index.html").is_file());
}

#[test]
fn a_header_only_is_an_empty_log() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    // `wuye init` writes header-only logs; make sure and add blank lines.
    for log in ["repairs.csv", "complaints.csv", "surveys.csv"] {
        let h = header(&estate, log);
        fs::write(estate.join("data").join(log), format!("{h}\r\n\r\n,,,\r\n")).unwrap();
    }
    let diagnostics = check(&estate, QUICK);
    assert!(
        diagnostics
            .iter()
            .all(|d| !d["file"].as_str().unwrap().starts_with("data/")),
        "{diagnostics:?}"
    );
    let out = build(&estate, QUICK);
    assert!(out.status.success(), "{}", stderr(&out));
    let metrics: serde_json::Value =
        serde_json::from_slice(&fs::read(estate.join("output/internal/metrics.json")).unwrap())
            .unwrap();
    // No months with data: no periods at all.
    assert_eq!(metrics["repairs"], serde_json::json!({}), "{metrics}");
}

#[test]
fn duplicate_and_missing_columns_are_errors_on_the_header_line() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    let h = header(&estate, "repairs.csv");
    fs::write(estate.join("data/repairs.csv"), format!("{h},房号\nR1\n")).unwrap();
    fs::write(estate.join("data/complaints.csv"), "编号,房号\nC1,1-101\n").unwrap();
    let diagnostics = check(&estate, QUICK);
    let repairs = about(&diagnostics, "data/repairs.csv");
    assert_eq!(kinds(&repairs), ["duplicate_column"], "{repairs:?}");
    assert_eq!(repairs[0]["line"], 1);
    assert_eq!(repairs[0]["column"], "房号");
    let complaints = about(&diagnostics, "data/complaints.csv");
    assert!(!complaints.is_empty());
    assert!(
        kinds(&complaints).iter().all(|k| k == "missing_column"),
        "{complaints:?}"
    );
    assert!(
        complaints.iter().any(|d| d["column"] == "受理时间"),
        "{complaints:?}"
    );
    assert_build_refused(&estate, "data/repairs.csv", QUICK);
}

#[test]
fn a_50_mb_cell_is_refused_without_buffering_it() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    let h = header(&estate, "complaints.csv");
    let width = h.split(',').count();
    let mut text = format!("{h}\n");
    let mut ok = vec![
        "C1",
        "2026-01-05 10:00",
        "来电",
        "1-101",
        "张三",
        "13800000000",
        "噪音",
        "轻微",
        "是",
        "夜间施工",
    ];
    ok.resize(width, "");
    text.push_str(&ok.join(","));
    text.push_str("\n\nC2,2026-01-06 10:00,来电,1-102,李四,13900000000,噪音,轻微,是,\"");
    // One quoted cell of 50 MB with line breaks in it, never closed.
    let chunk = "楼上装修噪音很大\n".repeat(1024);
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&chunk);
    }
    fs::write(estate.join("data/complaints.csv"), &text).unwrap();
    drop(text);
    let diagnostics = check(&estate, QUICK);
    let found = about(&diagnostics, "data/complaints.csv");
    assert_eq!(kinds(&found), ["too_large"], "{found:?}");
    assert_eq!(found[0]["line"], 4, "the row's first line");
    assert!(found[0]["message"].as_str().unwrap().contains("1024 KB"));
    assert_build_refused(&estate, "data/complaints.csv", QUICK);

    // The same cell unquoted on one line: one record of 50 MB.
    let mut text = format!("{h}\nC2,2026-01-06 10:00,来电,1-102,李四,139,噪音,轻微,是,");
    text.push_str(&"x".repeat(50 * 1024 * 1024));
    text.push('\n');
    fs::write(estate.join("data/complaints.csv"), &text).unwrap();
    let found = check(&estate, QUICK);
    let found = about(&found, "data/complaints.csv");
    assert_eq!(kinds(&found), ["too_large"], "{found:?}");
    assert_eq!(found[0]["line"], 2);
}

#[test]
fn ten_thousand_columns_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    let h = header(&estate, "repairs.csv");
    let extra: Vec<String> = (0..10_000).map(|i| format!("备用{i}")).collect();
    let row: Vec<&str> = [
        "R1",
        "2026-01-05 10:00",
        "1-101",
        "张三",
        "138",
        "水电",
        "小修",
    ]
    .into_iter()
    .chain(std::iter::repeat_n("v", 10_009))
    .collect();
    fs::write(
        estate.join("data/repairs.csv"),
        format!("{h},{}\n{}\n", extra.join(","), row.join(",")),
    )
    .unwrap();
    let diagnostics = check(&estate, QUICK);
    let found = about(&diagnostics, "data/repairs.csv");
    assert_eq!(
        kinds(&found),
        ["too_large"],
        "one error, not 10,000 warnings: {found:?}"
    );
    assert_eq!(found[0]["line"], 1);
    assert!(found[0]["message"].as_str().unwrap().contains("10016"));
    assert_build_refused(&estate, "data/repairs.csv", QUICK);
}

#[test]
fn a_binary_file_as_a_log_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    fs::write(estate.join("data/repairs.csv"), png()).unwrap();
    let diagnostics = check(&estate, QUICK);
    let found = about(&diagnostics, "data/repairs.csv");
    assert!(!found.is_empty());
    assert!(found.iter().any(|d| d["severity"] == "error"), "{found:?}");
    assert_build_refused(&estate, "data/repairs.csv", QUICK);
}

#[test]
fn invalid_utf8_in_markdown_names_the_line() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    let mut bytes = notice("通知", "第一行\n第二行").into_bytes();
    bytes.extend_from_slice(b"\n\xff\xfe bad\n");
    fs::write(estate.join("content/notices/bad.md"), bytes).unwrap();
    let diagnostics = check(&estate, QUICK);
    let found = about(&diagnostics, "content/notices/bad.md");
    assert_eq!(kinds(&found), ["encoding"], "{found:?}");
    assert_eq!(found[0]["line"], 8);
    assert_build_refused(&estate, "content/notices/bad.md", QUICK);
}

#[test]
fn front_matter_that_never_closes() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    fs::write(
        estate.join("content/notices/open.md"),
        "+++\ntitle = \"停水\"\ndate = \"2026-01-05\"\ncategory = \"停水\"\n\n正文没有结束线\n",
    )
    .unwrap();
    fs::write(
        estate.join("content/pages/open.md"),
        "---\ntitle: 页面\n正文",
    )
    .unwrap();
    let diagnostics = check(&estate, QUICK);
    for file in ["content/notices/open.md", "content/pages/open.md"] {
        let found = about(&diagnostics, file);
        assert_eq!(
            kinds(&found),
            ["front_matter_unclosed"],
            "{file}: {found:?}"
        );
        assert_eq!(found[0]["line"], 1);
    }
    assert_build_refused(&estate, "content/notices/open.md", QUICK);
}

#[test]
fn ten_thousand_levels_of_nesting_are_refused_quickly() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    let n = 10_000;
    fs::write(
        estate.join("content/notices/list.md"),
        notice("列表", &format!("开头\n\n{}最深处\n", "- ".repeat(n))),
    )
    .unwrap();
    fs::write(
        estate.join("content/notices/quote.md"),
        notice("引用", &format!("{} 最深处\n", ">".repeat(n))),
    )
    .unwrap();
    fs::write(
        estate.join("content/pages/html.md"),
        format!(
            "+++\ntitle = \"页面\"\n+++\n{}最深处{}\n",
            "<div>".repeat(n),
            "</div>".repeat(n)
        ),
    )
    .unwrap();
    fs::write(
        estate.join("content/handbook/09-deep.md"),
        format!(
            "+++\ntitle = \"深\"\nweight = 9\n+++\n\n{}项\n",
            "1. ".repeat(n)
        ),
    )
    .unwrap();
    let diagnostics = check(&estate, QUICK);
    for (file, line) in [
        ("content/notices/list.md", 8),
        ("content/notices/quote.md", 6),
        ("content/pages/html.md", 4),
        ("content/handbook/09-deep.md", 6),
    ] {
        let found = about(&diagnostics, file);
        assert_eq!(kinds(&found), ["too_deep"], "{file}: {found:?}");
        assert_eq!(found[0]["line"], line, "{file}");
    }
    assert_build_refused(&estate, "content/notices/list.md", QUICK);
}

#[test]
fn a_notice_with_a_5_mb_table_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    let mut body = String::from("| 项目 | 单价 | 说明 |\n|---|---:|---|\n");
    let mut i = 0;
    while body.len() < 5 * 1024 * 1024 {
        body.push_str(&format!("| 车位{i} | 300 | 地下车库月租，含照明与保洁 |\n"));
        i += 1;
    }
    fs::write(
        estate.join("content/notices/fees.md"),
        notice("车位收费表", &body),
    )
    .unwrap();
    let out = build(&estate, Duration::from_secs(300));
    assert!(out.status.success(), "{}", stderr(&out));
    let page = fs::read_to_string(estate.join("output/site/notices/fees/index.html")).unwrap();
    assert!(
        page.contains(&format!("车位{}", i - 1)),
        "the last row is there"
    );
}

#[test]
fn a_markdown_file_over_the_size_limit_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    let body = "很长的一段话。\n".repeat(17 * 1024 * 1024 / 22 + 1);
    fs::write(
        estate.join("content/pages/huge.md"),
        format!("+++\ntitle = \"大\"\n+++\n{body}"),
    )
    .unwrap();
    let found = check(&estate, QUICK);
    let found = about(&found, "content/pages/huge.md");
    assert_eq!(kinds(&found), ["too_large"], "{found:?}");
    assert!(found[0]["message"].as_str().unwrap().contains("16 MB"));
}

/// A valid 1×1 PNG: binary, with NUL bytes near the start.
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde".to_vec();
    bytes.extend_from_slice(
        b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef",
    );
    bytes.extend_from_slice(b"\x00\x00\x00\x00IEND\xaeB`\x82");
    bytes
}

#[test]
fn binary_files_in_content() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    // Images beside the Markdown are not content: ignored, no crash.
    for dir in ["content/notices", "content/pages", "content/handbook"] {
        fs::write(estate.join(dir).join("photo.png"), png()).unwrap();
    }
    fs::create_dir_all(estate.join("content/reports")).unwrap();
    fs::write(estate.join("content/reports/chart.png"), png()).unwrap();
    let out = build(&estate, QUICK);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(estate.join("output/site/index.html").is_file());

    // An image named .md is an error that says it is not text.
    fs::write(estate.join("content/notices/photo.md"), png()).unwrap();
    let diagnostics = check(&estate, QUICK);
    let found = about(&diagnostics, "content/notices/photo.md");
    assert_eq!(kinds(&found), ["encoding"], "{found:?}");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("不是文本文件"),
        "{found:?}"
    );
    let before = harden_common::snapshot(&estate.join("output"));
    let out = build(&estate, QUICK);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        harden_common::snapshot(&estate.join("output")),
        before,
        "old output kept"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_estate_are_not_followed() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    let outside = tmp.path().join("outside");
    fs::create_dir_all(outside.join("handbook")).unwrap();
    fs::write(
        outside.join("notice.md"),
        notice("外部", "OUTSIDE-SECRET-1"),
    )
    .unwrap();
    fs::write(
        outside.join("handbook/01-x.md"),
        "+++\ntitle = \"外\"\n+++\nOUTSIDE-SECRET-2\n",
    )
    .unwrap();
    let h = header(&estate, "complaints.csv");
    let width = h.split(',').count();
    let mut row = vec![
        "C1",
        "2026-01-05 10:00",
        "来电",
        "1-101",
        "OUTSIDE-SECRET-3",
        "139",
        "噪音",
        "轻微",
        "是",
        "x",
    ];
    row.resize(width, "");
    fs::write(
        outside.join("complaints.csv"),
        format!("{h}\n{}\n", row.join(",")),
    )
    .unwrap();
    fs::write(outside.join("theme.css"), "OUTSIDE-SECRET-4").unwrap();

    symlink(
        outside.join("notice.md"),
        estate.join("content/notices/linked.md"),
    )
    .unwrap();
    fs::remove_dir_all(estate.join("content/handbook")).unwrap();
    symlink(outside.join("handbook"), estate.join("content/handbook")).unwrap();
    fs::remove_file(estate.join("data/complaints.csv")).unwrap();
    symlink(
        outside.join("complaints.csv"),
        estate.join("data/complaints.csv"),
    )
    .unwrap();
    fs::create_dir_all(estate.join("themes")).unwrap();
    symlink(&outside, estate.join("themes/default")).unwrap();
    // A link that stays inside the estate is fine.
    symlink("welcome.md", estate.join("content/notices/again.md")).unwrap();

    let diagnostics = check(&estate, QUICK);
    for file in [
        "content/notices/linked.md",
        "content/handbook",
        "data/complaints.csv",
        "themes/default",
    ] {
        let found = about(&diagnostics, file);
        assert_eq!(kinds(&found), ["outside_estate"], "{file}: {diagnostics:?}");
        assert_eq!(found[0]["severity"], "warning");
    }
    let out = build(&estate, QUICK);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("content/notices/linked.md"), "warned");
    assert!(
        estate
            .join("output/site/notices/again/index.html")
            .is_file()
    );
    for (path, bytes) in harden_common::snapshot(&estate.join("output")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("OUTSIDE-SECRET"),
            "{path} holds a file from outside"
        );
    }
}

#[test]
fn file_names_with_spaces_dots_and_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    // The estate folder itself has a space and Chinese characters.
    let estate = init(tmp.path(), "翠湖 苑");
    for name in ["停水通知", "第3期 公告"] {
        fs::write(
            estate.join(format!("content/notices/{name}.md")),
            notice(name, "正文"),
        )
        .unwrap();
    }
    fs::write(
        estate.join("content/pages/联系我们.md"),
        "+++\ntitle = \"联系我们\"\n+++\n电话",
    )
    .unwrap();
    fs::write(
        estate.join("content/handbook/04-接待.md"),
        "+++\ntitle = \"接待\"\nweight = 4\n+++\n## 礼仪\n",
    )
    .unwrap();

    // A space in a name: an error that says to rename or set a slug.
    let diagnostics = check(&estate, QUICK);
    let found = about(&diagnostics, "content/notices/第3期 公告.md");
    assert_eq!(kinds(&found), ["bad_path"], "{diagnostics:?}");
    assert!(
        found[0]["message"].as_str().unwrap().contains("slug ="),
        "{found:?}"
    );
    // Dots: `..`, `...md` and friends never become paths.
    for name in ["...md", "..x.md", "a..b.md", ". .md"] {
        fs::write(estate.join("content/notices").join(name), notice("点", "x")).unwrap();
    }
    fs::write(
        estate.join("content/handbook/..md"),
        "+++\ntitle = \"点\"\n+++\n",
    )
    .unwrap();
    let diagnostics = check(&estate, QUICK);
    for name in ["...md", "..x.md", "a..b.md", ". .md"] {
        let found = about(&diagnostics, &format!("content/notices/{name}"));
        assert_eq!(kinds(&found), ["bad_path"], "{name}: {diagnostics:?}");
    }
    assert_eq!(
        kinds(&about(&diagnostics, "content/handbook/..md")),
        ["bad_path"]
    );
    assert_build_refused(&estate, "content/notices/...md", QUICK);

    // With a slug the spaced file builds; Chinese names build as they are.
    for name in ["...md", "..x.md", "a..b.md", ". .md"] {
        fs::remove_file(estate.join("content/notices").join(name)).unwrap();
    }
    fs::remove_file(estate.join("content/handbook/..md")).unwrap();
    fs::write(
        estate.join("content/notices/第3期 公告.md"),
        "+++\ntitle = \"第3期\"\ndate = \"2026-01-04\"\ncategory = \"通知\"\nslug = \"issue-3\"\n+++\n正文",
    )
    .unwrap();
    let out = build(&estate, QUICK);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = estate.join("output/site");
    assert!(site.join("notices/停水通知/index.html").is_file());
    assert!(site.join("notices/issue-3/index.html").is_file());
    assert!(site.join("pages/联系我们/index.html").is_file());
    assert!(estate.join("output/handbook/04-接待.html").is_file());
    // The links point at those folders (percent-encoded, as URLs are).
    let index = fs::read_to_string(site.join("notices/index.html")).unwrap();
    assert!(
        index.contains("href=\"../notices/%E5%81%9C%E6%B0%B4%E9%80%9A%E7%9F%A5/index.html\""),
        "{index}"
    );
    let no_percent_folders = harden_common::snapshot(&site)
        .into_keys()
        .all(|path| !path.contains('%'));
    assert!(no_percent_folders, "no folder named with %XX escapes");
}
