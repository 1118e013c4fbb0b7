//! Paths (issue 11, item 3): no slug, category or file name can make the
//! build write outside the output folder or overwrite another page.

mod harden_common;

use harden_common::{about, build, check, init, notice, snapshot, stderr};
use std::fs;
use std::path::Path;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(120);

fn kinds(found: &[&serde_json::Value]) -> Vec<String> {
    found
        .iter()
        .map(|d| d["kind"].as_str().unwrap().to_string())
        .collect()
}

/// Every path under `dir` but the estate's output folder.
fn everything_but_output(dir: &Path) -> Vec<String> {
    snapshot(dir)
        .into_keys()
        .filter(|p| !p.starts_with("e/output/"))
        .collect()
}

fn slug_notice(slug: &str) -> String {
    format!(
        "+++\ntitle = \"恶意\"\ndate = \"2026-01-05\"\ncategory = \"通知\"\nslug = {}\n+++\n正文\n",
        toml_string(slug)
    )
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

const HOSTILE: &[&str] = &[
    "../../evil",
    "../evil",
    "..",
    ".",
    "/tmp/evil",
    "a/b",
    "a\\b",
    "%2e%2e",
    "..%2fevil",
    "evil.html",
    "a\u{0}b",
    " ",
    "",
    "C:evil",
    "~",
];

#[test]
fn hostile_notice_and_page_slugs_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    for (i, slug) in HOSTILE.iter().enumerate() {
        fs::write(
            estate.join(format!("content/notices/n{i}.md")),
            slug_notice(slug),
        )
        .unwrap();
        fs::write(
            estate.join(format!("content/pages/p{i}.md")),
            format!("+++\ntitle = \"页\"\nslug = {}\n+++\n", toml_string(slug)),
        )
        .unwrap();
    }
    let diagnostics = check(&estate, LIMIT);
    for (i, slug) in HOSTILE.iter().enumerate() {
        for file in [
            format!("content/notices/n{i}.md"),
            format!("content/pages/p{i}.md"),
        ] {
            let found = about(&diagnostics, &file);
            assert_eq!(kinds(&found), ["bad_path"], "{slug:?} in {file}: {found:?}");
            assert_eq!(
                found[0]["line"],
                if file.contains("notices") { 5 } else { 3 }
            );
        }
    }
    let before = everything_but_output(tmp.path());
    let out = build(&estate, LIMIT);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        everything_but_output(tmp.path()),
        before,
        "nothing written anywhere"
    );
    assert!(!estate.join("output").exists());
}

#[test]
fn reserved_slugs_and_categories() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    for slug in ["page", "index", "static"] {
        fs::write(
            estate.join(format!("content/notices/r-{slug}.md")),
            slug_notice(slug),
        )
        .unwrap();
    }
    for slug in ["index", "static"] {
        fs::write(
            estate.join(format!("content/pages/r-{slug}.md")),
            format!("+++\ntitle = \"页\"\nslug = \"{slug}\"\n+++\n"),
        )
        .unwrap();
    }
    fs::write(
        estate.join("content/notices/cat.md"),
        "+++\ntitle = \"x\"\ndate = \"2026-01-05\"\ncategory = \"../../evil\"\n+++\n",
    )
    .unwrap();
    for name in ["index", "print", "INDEX"] {
        fs::write(
            estate.join(format!("content/handbook/{name}.md")),
            "+++\ntitle = \"章\"\n+++\n",
        )
        .unwrap();
    }
    let diagnostics = check(&estate, LIMIT);
    for file in [
        "content/notices/r-page.md",
        "content/notices/r-index.md",
        "content/notices/r-static.md",
        "content/pages/r-index.md",
        "content/pages/r-static.md",
        "content/handbook/index.md",
        "content/handbook/print.md",
        "content/handbook/INDEX.md",
    ] {
        assert_eq!(
            kinds(&about(&diagnostics, file)),
            ["bad_path"],
            "{file}: {diagnostics:?}"
        );
    }
    let category = about(&diagnostics, "content/notices/cat.md");
    assert_eq!(category.len(), 1, "{category:?}");
    assert_eq!(category[0]["column"], "category");
}

#[test]
fn duplicate_slugs_name_both_files() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    let notices = estate.join("content/notices");
    // Same slug written; a slug equal to another file's name; same up to case.
    fs::write(notices.join("a.md"), slug_notice("same")).unwrap();
    fs::write(notices.join("b.md"), slug_notice("same")).unwrap();
    fs::write(notices.join("c.md"), slug_notice("welcome")).unwrap();
    fs::write(notices.join("d.md"), slug_notice("Water")).unwrap();
    fs::write(notices.join("water.md"), notice("停水", "x")).unwrap();
    let pages = estate.join("content/pages");
    fs::write(
        pages.join("x.md"),
        "+++\ntitle = \"页\"\nslug = \"contact\"\n+++\n",
    )
    .unwrap();
    fs::write(pages.join("Contact.md"), "+++\ntitle = \"页\"\n+++\n").unwrap();
    let handbook = estate.join("content/handbook");
    fs::write(handbook.join("01-Duties.md"), "+++\ntitle = \"章\"\n+++\n").unwrap();

    let diagnostics = check(&estate, LIMIT);
    let duplicates: Vec<(String, String)> = diagnostics
        .iter()
        .filter(|d| d["kind"] == "duplicate_slug")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let named = |file: &str, other: &str| {
        duplicates
            .iter()
            .any(|(f, m)| (f == file && m.contains(other)) || (f == other && m.contains(file)))
    };
    assert!(
        named("content/notices/b.md", "content/notices/a.md"),
        "{duplicates:?}"
    );
    assert!(
        named("content/notices/c.md", "content/notices/welcome.md"),
        "{duplicates:?}"
    );
    assert!(
        named("content/notices/d.md", "content/notices/water.md"),
        "{duplicates:?}"
    );
    // Three pages claim `contact`: two are reported, naming the first.
    assert!(
        named("content/pages/x.md", "content/pages/Contact.md"),
        "{duplicates:?}"
    );
    assert!(
        named("content/pages/contact.md", "content/pages/Contact.md"),
        "{duplicates:?}"
    );
    assert!(
        named(
            "content/handbook/01-duties.md",
            "content/handbook/01-Duties.md"
        ),
        "{duplicates:?}"
    );
    assert_eq!(duplicates.len(), 6, "{duplicates:?}");
    let out = build(&estate, LIMIT);
    assert_eq!(out.status.code(), Some(1));
    assert!(!estate.join("output").exists());
}

#[test]
fn page_slugs_named_like_site_sections_do_not_overwrite_them() {
    let tmp = tempfile::tempdir().unwrap();
    let estate = init(tmp.path(), "e");
    let sections = [
        "notices", "category", "archive", "search", "pages", "feed", "quality", "404",
    ];
    for slug in sections {
        fs::write(
            estate.join(format!("content/pages/{slug}.md")),
            format!("+++\ntitle = \"页面{slug}\"\n+++\n页面正文{slug}\n"),
        )
        .unwrap();
    }
    // A notice and a page may share a slug: they live in different folders.
    fs::write(
        estate.join("content/notices/contact.md"),
        notice("通知contact", "通知正文"),
    )
    .unwrap();
    let out = build(&estate, LIMIT);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = estate.join("output/site");
    for slug in sections {
        let page = fs::read_to_string(site.join(format!("pages/{slug}/index.html"))).unwrap();
        assert!(page.contains(&format!("页面正文{slug}")));
    }
    let list = fs::read_to_string(site.join("notices/index.html")).unwrap();
    assert!(
        !list.contains("页面正文"),
        "the notice list is still the list"
    );
    assert!(list.contains("欢迎访问小区公告栏"));
    let notice_page = fs::read_to_string(site.join("notices/contact/index.html")).unwrap();
    assert!(notice_page.contains("通知正文"));
    let contact_page = fs::read_to_string(site.join("pages/contact/index.html")).unwrap();
    assert!(contact_page.contains("联系"), "the page is still the page");
    // Every file of the build is inside output/.
    let files: Vec<String> = snapshot(tmp.path()).into_keys().collect();
    assert!(files.iter().all(|f| f.starts_with("e/")), "{files:?}");
}
