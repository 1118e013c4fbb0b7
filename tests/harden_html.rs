//! HTML in Markdown (issue 11, item 4): staff may paste HTML from
//! elsewhere. By default scripts, event handlers, `javascript:` URLs,
//! iframes and resources from other hosts are stripped from notices, pages
//! and handbook chapters; `[site] trust_html = true` keeps the HTML as
//! written. Text from the logs is always escaped in the internal report.

mod harden_common;

use harden_common::{build, init, notice, snapshot, stderr};
use std::fs;
use std::path::Path;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(120);

/// What a clerk might paste, each attack marked `EVILn`.
const PASTED: &str = r#"
<script>alert('EVIL1')</script>

<p>粘贴的段落 <img src="https://evil.example/EVIL2.png" onerror="alert('EVIL3')"> 和 <img src=" //evil.example/EVIL4.png" alt="相对"></p>

<p><a href="javascript:alert('EVIL5')">点这里</a> <a href="https://gov.example/zhengce">政策原文</a> <img src="local.png" alt="本地图片"></p>

<iframe src="https://evil.example/EVIL6"></iframe>

<div onclick="alert('EVIL7')" style="background:url(https://evil.example/EVIL8.png)">内容保留</div>

<link rel="stylesheet" href="https://evil.example/EVIL9.css">

<style>@import url(https://evil.example/EVIL10.css);</style>

<object data="https://evil.example/EVIL11.swf"></object><embed src="https://evil.example/EVIL12.swf">

<form action="https://evil.example/EVIL13"><input type="submit" value="提交"></form>

<svg onload="alert('EVIL14')"><circle r="1"/></svg>

<meta http-equiv="refresh" content="0;url=https://evil.example/EVIL15">

[Markdown 链接](javascript:alert('EVIL16')) ![Markdown 图片](https://evil.example/EVIL17.png)

<p><img src="\\evil.example\EVIL18.png" alt="反斜杠"> <img src="https:evil.example/EVIL19.png" alt="无斜杠"></p>
"#;

/// The attacks of [`PASTED`] as they would appear in a page if kept.
const ATTACKS: &[&str] = &[
    "<script>alert('EVIL1')",
    "evil.example/EVIL2.png",
    "onerror",
    "evil.example/EVIL4.png",
    "javascript:",
    "<iframe",
    "onclick",
    "EVIL8",
    "EVIL9",
    "EVIL10",
    "EVIL11",
    "EVIL12",
    "EVIL13",
    "onload",
    "http-equiv",
    "EVIL17",
    "EVIL18",
    "EVIL19",
];

fn estate(trust_html: bool) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    let config = fs::read_to_string(estate.join("wuye.toml")).unwrap();
    let config = config
        .replace(
            "# as_of = \"2026-03-31 23:59\"",
            "as_of = \"2026-11-20 18:00\"",
        )
        .replace("[site]\n", &format!("[site]\ntrust_html = {trust_html}\n"));
    fs::write(estate.join("wuye.toml"), config).unwrap();
    fs::write(
        estate.join("content/notices/pasted.md"),
        notice("粘贴的通知", PASTED),
    )
    .unwrap();
    fs::write(
        estate.join("content/pages/pasted.md"),
        format!("+++\ntitle = \"粘贴的页面\"\n+++\n{PASTED}"),
    )
    .unwrap();
    fs::write(
        estate.join("content/handbook/05-pasted.md"),
        format!("+++\ntitle = \"粘贴的章节\"\nweight = 5\n+++\n\n## 说明\n{PASTED}"),
    )
    .unwrap();
    (tmp, estate)
}

/// The pages that show the pasted text.
fn pages(output: &Path) -> Vec<(String, String)> {
    [
        "site/notices/pasted/index.html",
        "site/notices/pasted/print.html",
        "site/pages/pasted/index.html",
        "handbook/05-pasted.html",
        "handbook/print.html",
    ]
    .iter()
    .map(|p| (p.to_string(), fs::read_to_string(output.join(p)).unwrap()))
    .collect()
}

#[test]
fn pasted_html_is_sanitized_by_default() {
    let (_tmp, estate) = estate(false);
    let out = build(&estate, LIMIT);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = estate.join("output");
    for (path, html) in pages(&output) {
        for attack in ATTACKS {
            assert!(!html.contains(attack), "{path} keeps {attack}");
        }
        // What is harmless stays.
        for kept in [
            "粘贴的段落",
            "内容保留",
            "点这里",
            "href=\"https://gov.example/zhengce\"",
            "src=\"local.png\"",
            "Markdown 链接",
        ] {
            assert!(html.contains(kept), "{path} lost {kept}");
        }
    }
    // No page, feed or print view anywhere keeps an attack.
    for folder in ["site", "handbook"] {
        for (path, bytes) in snapshot(&output.join(folder)) {
            if path.ends_with(".html") || path.ends_with(".xml") {
                let text = String::from_utf8_lossy(&bytes);
                for attack in ["evil.example", "<iframe", "onerror=", "javascript:alert"] {
                    assert!(!text.contains(attack), "{folder}/{path} keeps {attack}");
                }
            }
        }
    }
}

#[test]
fn trust_html_keeps_it_as_written() {
    let (_tmp, estate) = estate(true);
    let out = build(&estate, LIMIT);
    assert!(out.status.success(), "{}", stderr(&out));
    for (path, html) in pages(&estate.join("output")) {
        for kept in [
            "<script>alert('EVIL1')</script>",
            "onerror=\"alert('EVIL3')\"",
            "<iframe src=\"https://evil.example/EVIL6\">",
            "onclick=\"alert('EVIL7')\"",
        ] {
            assert!(html.contains(kept), "{path}: trusted HTML lost {kept}");
        }
    }
}

#[test]
fn log_text_is_escaped_in_the_internal_report() {
    let (_tmp, estate) = estate(false);
    let complaints = fs::read_to_string(estate.join("data/complaints.csv")).unwrap();
    let header = complaints
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap();
    fs::write(
        estate.join("data/complaints.csv"),
        format!(
            "{header}\nC1,2026-11-02 10:00,来电,<img src=x onerror=alert('LOGS1')>,<b>张三</b>,139,噪音,重大,是,<script>alert('LOGS2')</script>,,,,客服部\n"
        ),
    )
    .unwrap();
    let out = build(&estate, LIMIT);
    assert!(out.status.success(), "{}", stderr(&out));
    let internal = snapshot(&estate.join("output/internal"));
    let html: String = internal
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    // The complaint is listed (open, overdue) with its text escaped.
    assert!(
        html.contains("&lt;script&gt;alert("),
        "summary shown escaped"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert("),
        "room shown escaped"
    );
    assert!(
        html.contains("&lt;b&gt;张三&lt;&#x2F;b&gt;") || html.contains("&lt;b&gt;张三&lt;/b&gt;")
    );
    for raw in ["<script>alert('LOGS2')", "<img src=x", "<b>张三"] {
        assert!(
            !html.contains(raw),
            "{raw} reached the internal report unescaped"
        );
    }
}
