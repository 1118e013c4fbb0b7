//! `wuye pdf handbook` through a real Chromium. Skipped, with a notice on
//! stderr, when Chromium or poppler-utils (pdfinfo, pdftotext) is missing:
//! `apt-get install chromium fonts-noto-cjk poppler-utils`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use wuye::messages::Lang;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/handbook-estate"
);
const WUYE: &str = env!("CARGO_BIN_EXE_wuye");

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn estate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(FIXTURE), dir.path());
    dir
}

fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(name).is_file()))
}

/// The browser, when this machine can run the PDF tests; otherwise says why not.
fn tools() -> Option<PathBuf> {
    let chromium =
        wuye::pdf::find_chromium(Path::new("."), None, std::env::var_os("PATH"), Lang::ZhCn);
    match chromium {
        Ok(chromium) if on_path("pdfinfo") && on_path("pdftotext") => Some(chromium),
        Ok(_) => {
            eprintln!(
                "注意 / NOTICE: PDF test skipped: pdfinfo/pdftotext not installed (apt-get install poppler-utils)"
            );
            None
        }
        Err(_) => {
            eprintln!(
                "注意 / NOTICE: PDF test skipped: no Chromium installed (apt-get install chromium fonts-noto-cjk poppler-utils)"
            );
            None
        }
    }
}

fn pdfinfo(pdf: &Path) -> String {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn field<'a>(info: &'a str, name: &str) -> &'a str {
    info.lines()
        .find_map(|line| line.strip_prefix(name))
        .map(|rest| rest.trim_start_matches(':').trim())
        .unwrap_or_else(|| panic!("no {name} in {info}"))
}

fn pdftotext(pdf: &Path, first: u32, last: u32) -> String {
    let out = Command::new("pdftotext")
        .args(["-f", &first.to_string(), "-l", &last.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    // CJK text comes out with odd spacing; compare without whitespace.
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn wuye_pdf(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(WUYE)
        .arg("pdf")
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

#[test]
fn handbook_prints_to_a4_pdf_with_page_numbers() {
    let Some(_) = tools() else { return };
    let dir = estate();
    let out = wuye_pdf(dir.path(), &["handbook"]);
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("output/handbook/handbook.pdf");
    let info = pdfinfo(&pdf);
    // Cover, contents, and each of the seven short chapters on its own page.
    assert_eq!(field(&info, "Pages"), "9", "{info}");
    assert!(field(&info, "Page size").contains("(A4)"), "{info}");
    let cover = pdftotext(&pdf, 1, 1);
    for needle in [
        "澄湖物业服务有限公司",
        "翠湖苑",
        "物业服务中心员工手册",
        "第3版",
        "2026年9月1日",
    ] {
        assert!(cover.contains(needle), "cover lacks {needle}: {cover}");
    }
    assert!(!cover.contains("第1页"), "the cover has no footer");
    let contents = pdftotext(&pdf, 2, 2);
    assert!(contents.contains("目录") && contents.contains("第七章突发事件处置"));
    // Chapter one starts on page 3, with its text, header and footer.
    let first = pdftotext(&pdf, 3, 3);
    assert!(first.contains("第一章仪容仪表与岗位纪律"), "{first}");
    assert!(
        first.contains("前台是业主认识服务中心的第一扇窗"),
        "{first}"
    );
    assert!(first.contains("（一）着装"), "{first}");
    assert!(first.starts_with("物业服务中心员工手册"), "header: {first}");
    assert!(first.contains("第3页/共9页"), "footer: {first}");
    let last = pdftotext(&pdf, 9, 9);
    assert!(
        last.contains("第七章突发事件处置") && last.contains("第9页/共9页"),
        "{last}"
    );
    // No staging folder is left beside the output.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a5_paper_gives_a5_pages() {
    let Some(_) = tools() else { return };
    let dir = estate();
    let config = fs::read_to_string(dir.path().join("wuye.toml")).unwrap();
    fs::write(
        dir.path().join("wuye.toml"),
        config.replace("paper = \"A4\"", "paper = \"A5\""),
    )
    .unwrap();
    let out = wuye_pdf(dir.path(), &["handbook"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info = pdfinfo(&dir.path().join("output/handbook/handbook.pdf"));
    assert!(field(&info, "Page size").contains("(A5)"), "{info}");
    let pages: u32 = field(&info, "Pages").parse().unwrap();
    assert!(pages >= 9, "{pages}");
}

#[test]
fn report_page_prints_beside_itself() {
    let Some(chromium) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("output/reports/2026Q1");
    fs::create_dir_all(&report).unwrap();
    fs::write(
        report.join("index.html"),
        "<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><style>@page { size: A4 }</style><h1>2026年第一季度物业服务报告</h1><p>报修及时率 96.3%</p></html>",
    )
    .unwrap();
    let target = wuye::pdf::Target::parse("report", Some("2026Q1"), Lang::ZhCn).unwrap();
    let pdf = dir.path().join("output").join(target.pdf());
    let size = wuye::pdf::print_file(
        &chromium,
        &dir.path().join("output").join(target.html()),
        &pdf,
        dir.path(),
        Lang::ZhCn,
    )
    .unwrap();
    assert!(size > 1000);
    assert_eq!(pdf, report.join("report.pdf"));
    assert_eq!(field(&pdfinfo(&pdf), "Pages"), "1");
    assert!(pdftotext(&pdf, 1, 1).contains("报修及时率96.3%"));
}

#[test]
fn report_that_was_not_built_is_a_clear_error() {
    let Some(_) = tools() else { return };
    let dir = estate();
    let out = wuye_pdf(dir.path(), &["report", "2026Q1"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("没有 2026Q1 的报告"), "{stderr}");
    assert!(!dir.path().join("output/reports/2026Q1/report.pdf").exists());
}

#[test]
fn without_a_browser_the_message_names_the_packages() {
    let dir = estate();
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(WUYE)
        .args(["pdf", "handbook", "--root"])
        .arg(dir.path())
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("sudo apt-get install chromium fonts-noto-cjk"),
        "{stderr}"
    );
    // Nothing was built either.
    assert!(!dir.path().join("output").exists());
}

#[test]
fn bad_period_is_explained() {
    let dir = estate();
    let out = wuye_pdf(dir.path(), &["report", "2026-03"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2026Q1"));
}
