//! The staff handbook, built from the fixture estate in
//! `tests/fixtures/handbook-estate` (seven chapters and one draft).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use wuye::diagnostics::{Kind, WuyeError};
use wuye::pipeline::{self, BuildOptions};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/handbook-estate"
);

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

/// A fresh copy of the fixture estate.
fn estate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(FIXTURE), dir.path());
    dir
}

fn build(root: &Path) -> Result<PathBuf, WuyeError> {
    pipeline::build(&BuildOptions {
        root: root.to_path_buf(),
        out: None,
        as_of: None,
        skip_bad_rows: false,
    })
    .map(|summary| summary.out.join("handbook"))
}

fn read(path: impl AsRef<Path>) -> String {
    fs::read_to_string(path.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

fn set_config(root: &Path, key: &str, value: &str) {
    let path = root.join("wuye.toml");
    let text = read(&path);
    let mut found = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if line.starts_with(&format!("{key} =")) {
                found = true;
                format!("{key} = \"{value}\"")
            } else {
                line.to_string()
            }
        })
        .collect();
    assert!(found, "no {key} in the fixture config");
    fs::write(path, lines.join("\n") + "\n").unwrap();
}

/// The values of every `name="…"` attribute in `html`, in order.
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = at + needle.len();
            let end = start + html[start..].find('"').unwrap();
            html[start..end].replace("&amp;", "&")
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let escaped = text
            .get(i + 1..i + 3)
            .filter(|_| bytes[i] == b'%')
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

const CHAPTERS: [(&str, &str); 7] = [
    ("01-conduct", "第一章"),
    ("02-phrases", "第二章"),
    ("03-complaints", "第三章"),
    ("04-repairs", "第四章"),
    ("05-committee", "第五章"),
    ("06-handover", "第六章"),
    ("07-emergencies", "第七章"),
];

#[test]
fn web_edition_has_a_page_per_chapter_and_no_drafts() {
    let dir = estate();
    let out = build(dir.path()).unwrap();
    for (slug, _) in CHAPTERS {
        assert!(out.join(format!("{slug}.html")).is_file(), "{slug}");
    }
    assert!(out.join("index.html").is_file());
    assert!(out.join("print.html").is_file());
    assert!(!out.join("08-draft-training.html").exists());
    let index = read(out.join("index.html"));
    assert!(!index.contains("培训计划"), "the draft is listed");
    // Chapters in weight order, numbered in the Chinese style.
    let mut last = 0;
    for (slug, number) in CHAPTERS {
        let at = index
            .find(&format!("href=\"./{slug}.html\""))
            .unwrap_or_else(|| panic!("{slug} missing from the contents"));
        assert!(at > last, "{slug} out of order");
        last = at;
        assert!(index[at..].contains(number));
    }
    assert!(index.contains("<html lang=\"zh-CN\">"));
    assert!(index.contains("物业服务中心员工手册"));
    assert!(index.contains("第 3 版"));
    assert!(index.contains("2026年9月1日"));
}

#[test]
fn chapter_pages_have_contents_pager_numbers_and_anchors() {
    let dir = estate();
    let out = build(dir.path()).unwrap();
    let page = read(out.join("03-complaints.html"));
    // Contents twice: the phone menu and the wide-screen sidebar.
    assert!(page.contains("<details class=\"hb-menu\">"));
    assert!(page.contains("<nav class=\"hb-sidebar\""));
    assert_eq!(page.matches("href=\"./07-emergencies.html\"").count(), 2);
    // Previous and next chapters.
    assert!(page.contains("rel=\"prev\" href=\"./02-phrases.html\""));
    assert!(page.contains("rel=\"next\" href=\"./04-repairs.html\""));
    // Numbered headings with a visible # link to themselves.
    assert!(page.contains(
        "<h2 id=\"投诉分级\"><span class=\"hb-num\">一、</span>投诉分级 <a class=\"hb-anchor\" href=\"#%E6%8A%95%E8%AF%89%E5%88%86%E7%BA%A7\""
    ), "{page}");
    assert!(page.contains("<span class=\"hb-num\">（三）</span>回访"));
    assert!(page.contains("<span class=\"hb-num\">第三章</span> 投诉处理</h1>"));
    // The first chapter goes back to the contents, the last has no next.
    let first = read(out.join("01-conduct.html"));
    assert!(first.contains("class=\"hb-prev\" href=\"./index.html\""));
    let last = read(out.join("07-emergencies.html"));
    assert!(!last.contains("rel=\"next\""));
    // The cross-chapter Markdown link now points at the page.
    assert!(first.contains("href=\"03-complaints.html#%E6%8A%95%E8%AF%89%E5%88%86%E7%BA%A7\""));
}

#[test]
fn every_local_link_of_the_web_edition_resolves() {
    let dir = estate();
    let out = build(dir.path()).unwrap();
    let mut checked = 0;
    for entry in fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = read(&path);
        assert!(!html.contains("<script"), "{}", path.display());
        for src in attribute_values(&html, "src") {
            assert!(!src.contains("//"), "external resource {src}");
        }
        for href in attribute_values(&html, "href") {
            if href.starts_with("http")
                || href.starts_with("mailto:")
                || href.starts_with("tel:")
                || href.starts_with("data:")
            {
                continue;
            }
            assert!(!href.contains(".md"), "unrewritten Markdown link {href}");
            let (file, fragment) = href.split_once('#').unwrap_or((&href, ""));
            let target = if file.is_empty() {
                path.clone()
            } else {
                out.join(file.trim_start_matches("./"))
            };
            assert!(target.is_file(), "{}: broken link {href}", path.display());
            if !fragment.is_empty() && target.extension().is_some_and(|e| e == "html") {
                let ids = attribute_values(&read(&target), "id");
                let wanted = percent_decode(fragment);
                assert!(
                    ids.contains(&wanted),
                    "{}: no #{wanted} in {file}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn print_edition_has_cover_contents_and_chapters_in_order() {
    let dir = estate();
    let out = build(dir.path()).unwrap();
    let print = read(out.join("print.html"));
    for needle in [
        "澄湖物业服务有限公司",
        "翠湖苑",
        "物业服务中心员工手册",
        "第 3 版",
        "2026年9月1日",
    ] {
        let cover_end = print.find("id=\"hb-contents\"").unwrap();
        assert!(print[..cover_end].contains(needle), "cover lacks {needle}");
    }
    let mut last = 0;
    for (slug, number) in CHAPTERS {
        let at = print
            .find(&format!(
                "<section class=\"hb-print-chapter\" id=\"{slug}\">"
            ))
            .unwrap_or_else(|| panic!("{slug} missing"));
        assert!(at > last, "{slug} out of order");
        last = at;
        assert!(print[at..].starts_with(&format!(
            "<section class=\"hb-print-chapter\" id=\"{slug}\">\n  <h1><span class=\"hb-num\">{number}</span>"
        )));
    }
    assert!(!print.contains("培训计划"));
    // Page rules: A4, the title in the header, 第 N 页 / 共 M 页 in the footer.
    assert!(print.contains("size: A4;"));
    assert!(print.contains("@top-center { content: \"物业服务中心员工手册\";"));
    assert!(print.contains("content: \"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\";"));
    // The stylesheet holds the page breaks and the no-split rules.
    let css_name = attribute_values(&print, "href")
        .into_iter()
        .find(|h| h.contains("handbook.") && h.ends_with(".css"))
        .unwrap();
    let css = read(out.join(css_name.trim_start_matches("./")));
    assert!(css.contains(".hb-print-chapter { break-before: page; }"));
    assert!(css.contains(".hb-print-chapter li { break-inside: avoid;"));
    assert!(
        css.contains("break-inside: avoid; font-size: .95em; }"),
        "tables"
    );
}

#[test]
fn print_edition_ids_are_unique_and_links_are_in_page() {
    let dir = estate();
    // Two chapters with the same section names, and links between them.
    fs::write(
        dir.path().join("content/handbook/06-handover.md"),
        "+++\ntitle = \"交接班\"\nweight = 60\n+++\n\n## 报告\n\n见[突发事件的报告](07-emergencies.md#报告)和[本章报告](#报告)。\n\n## 记录\n\n[投诉](03-complaints.md)\n",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    let print = read(out.join("print.html"));
    let ids = attribute_values(&print, "id");
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in print.html");
    for id in [
        "06-handover--报告",
        "07-emergencies--报告",
        "06-handover--记录",
        "07-emergencies--记录",
    ] {
        assert!(ids.iter().any(|i| i == id), "no id {id}");
    }
    // Every link is in-page and lands on an id.
    for href in attribute_values(&print, "href") {
        if href.ends_with(".css") || href.starts_with("http") || href.starts_with("data:") {
            continue;
        }
        let fragment = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("not an in-page link: {href}"));
        let id = percent_decode(fragment);
        assert!(ids.contains(&id), "link to missing #{id}");
    }
    let chapter = &print[print.find("id=\"06-handover\"").unwrap()..];
    assert!(chapter.contains(&format!(
        "href=\"#07-emergencies--{}\"",
        "%E6%8A%A5%E5%91%8A"
    )));
    assert!(chapter.contains("href=\"#06-handover--%E6%8A%A5%E5%91%8A\""));
    assert!(chapter.contains("href=\"#03-complaints\""));
    // The cross-link of chapter one lands on the prefixed section id.
    assert!(print.contains("href=\"#03-complaints--%E6%8A%95%E8%AF%89%E5%88%86%E7%BA%A7\""));
}

#[test]
fn weight_beats_file_name_and_numbering_follows_config() {
    let dir = estate();
    fs::write(
        dir.path().join("content/handbook/00-appendix.md"),
        "---\ntitle: 附录\nweight: 100\n---\n\n## 常用电话\n\n### 报警\n",
    )
    .unwrap();
    set_config(dir.path(), "numbering", "arabic");
    set_config(dir.path(), "paper", "A5");
    let out = build(dir.path()).unwrap();
    let index = read(out.join("index.html"));
    let appendix = index.find("href=\"./00-appendix.html\"").unwrap();
    assert!(index.find("href=\"./07-emergencies.html\"").unwrap() < appendix);
    assert!(index[appendix..].contains("<span class=\"hb-num\">8</span> 附录"));
    let page = read(out.join("00-appendix.html"));
    assert!(
        page.contains("<span class=\"hb-num\">8.1</span> 常用电话"),
        "{page}"
    );
    assert!(page.contains("<span class=\"hb-num\">8.1.1</span> 报警"));
    let print = read(out.join("print.html"));
    assert!(print.contains("size: A5;"));
    assert!(print.contains("hb-paper-a5"));

    set_config(dir.path(), "numbering", "none");
    let out = build(dir.path()).unwrap();
    assert!(!read(out.join("04-repairs.html")).contains("class=\"hb-num\""));
}

#[test]
fn broken_links_and_bad_front_matter_stop_the_build_with_file_and_line() {
    let dir = estate();
    let first = build(dir.path()).unwrap();
    let before = read(first.join("index.html"));
    fs::write(
        dir.path().join("content/handbook/02-phrases.md"),
        "+++\ntitle = \"文明用语\"\n+++\n\n## 迎送\n\n见[投诉](03-complaint.md)。\n\n见[分级](03-complaints.md#不存在的小节)。\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("content/handbook/04-repairs.md"),
        "+++\ntitle = \"报修\"\nwieght = 4\n+++\n",
    )
    .unwrap();
    let Err(WuyeError::Diagnostics(problems)) = build(dir.path()) else {
        panic!("the build should fail");
    };
    let found: Vec<_> = problems
        .iter()
        .map(|p| (p.file.as_str(), p.line, p.kind))
        .collect();
    assert!(
        found.contains(&(
            "content/handbook/04-repairs.md",
            Some(3),
            Kind::UnknownFrontMatterKey
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&("content/handbook/02-phrases.md", Some(7), Kind::BrokenLink)),
        "{found:?}"
    );
    assert!(
        found.contains(&("content/handbook/02-phrases.md", Some(9), Kind::BrokenLink)),
        "{found:?}"
    );
    // The last good output is untouched.
    assert_eq!(read(first.join("index.html")), before);
}

#[test]
fn output_is_deterministic() {
    let dir = estate();
    let out = build(dir.path()).unwrap();
    let first: Vec<(String, Vec<u8>)> = files(&out);
    let out = build(dir.path()).unwrap();
    assert_eq!(first, files(&out));
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.display().to_string(), fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}
