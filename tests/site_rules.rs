//! The notice board's rules, checked on a fixture estate built with the
//! real binary: expiry, publish_at, drafts, pinning, outage highlighting,
//! pagination, feed and sitemap, search, links, determinism.

mod site_common;

use site_common::{Estate, Site, attribute_values, config, list_titles, percent_decode};
use std::collections::BTreeSet;

const EXTERNAL_LINK: &str = "https://www.example.gov.cn/fees";

/// as_of is 2026-11-20 18:00 and page_size 2. Current notices in list
/// order: 置顶旧通知 (pinned), 车库停电 (in effect), 电梯维保 , 3栋停水
/// (upcoming), 按时发布, 物业费, 燃气检修完毕 (outage that ended).
fn fixture() -> Estate {
    fixture_with("[site]\npage_size = 2\n")
}

/// [`fixture`] with another `[site]` section.
fn fixture_with(site_section: &str) -> Estate {
    let estate = Estate::new(&config(site_section));
    estate
        .notice("pinned-old", "置顶旧通知", "2026-10-01", "通知", "pinned = true\n", "长期有效的说明。")
        .notice(
            "power",
            "车库停电",
            "2026-11-20 08:00",
            "停电",
            "starts = \"2026-11-20 09:00\"\nends = \"2026-11-20 21:00\"\naffected = \"地下车库\"\n",
            "照明线路检修。",
        )
        .notice("lift", "电梯维保", "2026-11-19 10:00", "综合通知", "", "5栋电梯周三维保，暂停使用两小时。")
        .notice(
            "water",
            "3栋停水",
            "2026-11-18 09:00",
            "停水",
            "starts = \"2026-11-21 08:00\"\nends = \"2026-11-21 17:00\"\naffected = [\"3栋\", \"5栋\"]\n",
            "水箱清洗，届时停水。",
        )
        .notice("now", "按时发布", "2026-11-17", "活动", "publish_at = \"2026-11-20 18:00\"\n", "周末亲子活动。")
        .notice(
            "fee",
            "物业费缴纳通知",
            "2026-11-10",
            "收费",
            "summary = \"2027年度物业费开始缴纳\"\n",
            &format!("标准见[物价局公告]({EXTERNAL_LINK})。"),
        )
        .notice(
            "gas",
            "燃气检修完毕",
            "2026-11-01",
            "停气",
            "starts = \"2026-11-02 08:00\"\nends = \"2026-11-02 12:00\"\n",
            "已恢复供气。",
        )
        .notice("meeting", "业主大会会议", "2026-10-28", "会议", "expires = \"2026-11-15\"\n", "审议公共收益。")
        .notice("draft", "草稿通知", "2026-11-19", "活动", "draft = true\n", "SECRETDRAFTTEXT")
        .notice("future", "未来通知", "2026-11-19", "活动", "publish_at = \"2026-12-01 09:00\"\n", "FUTURETEXT")
        .write("content/pages/fees.md", "+++\ntitle = \"收费标准\"\nweight = 1\n+++\n| 项目 | 单价 |\n|---|---|\n| 物业费 | 2.50 |\n");
    estate
}

fn all_text(site: &Site) -> String {
    site.files
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn drafts_and_future_notices_are_never_built() {
    let site = fixture().build();
    assert!(!site.has("notices/draft/index.html"));
    assert!(!site.has("notices/future/index.html"));
    assert!(
        site.has("notices/now/index.html"),
        "publish_at equal to as_of is published"
    );
    let everything = all_text(&site);
    for secret in ["SECRETDRAFTTEXT", "草稿通知", "FUTURETEXT", "未来通知"] {
        assert!(!everything.contains(secret), "{secret} leaked");
    }
}

#[test]
fn expired_notices_leave_lists_but_stay_in_the_archive() {
    let site = fixture().build();
    let home = site.text("index.html");
    assert!(!home.contains("业主大会会议"));
    let mut listed = Vec::new();
    for page in 1..=4 {
        let path = if page == 1 {
            "notices/index.html".to_string()
        } else {
            format!("notices/page/{page}/index.html")
        };
        listed.extend(list_titles(&site.text(&path)));
    }
    assert!(!listed.iter().any(|t| t == "业主大会会议"), "{listed:?}");
    assert!(list_titles(&site.text("category/meeting/index.html")).is_empty());
    let archive = site.text("archive/2026-10/index.html");
    assert_eq!(list_titles(&archive), ["业主大会会议", "置顶旧通知"]);
    let item = archive.split("业主大会会议").next().unwrap();
    assert!(item.rsplit("<li").next().unwrap().contains("已过期"));
    let page = site.text("notices/meeting/index.html");
    assert!(page.contains("本通知已过期"));
    assert!(!site.text("feed.xml").contains("业主大会会议"));
}

#[test]
fn pinned_notices_come_first() {
    let site = fixture().build();
    assert_eq!(
        list_titles(&site.text("notices/index.html")),
        ["置顶旧通知", "车库停电"]
    );
    assert_eq!(
        list_titles(&site.text("category/general/index.html")),
        ["置顶旧通知", "电梯维保"]
    );
    assert_eq!(
        list_titles(&site.text("index.html")),
        ["置顶旧通知", "车库停电"]
    );
}

#[test]
fn pagination_follows_page_size() {
    let site = fixture().build();
    let pages: Vec<Vec<String>> = [
        "notices/index.html",
        "notices/page/2/index.html",
        "notices/page/3/index.html",
        "notices/page/4/index.html",
    ]
    .iter()
    .map(|p| list_titles(&site.text(p)))
    .collect();
    assert_eq!(
        pages,
        [
            vec!["置顶旧通知", "车库停电"],
            vec!["电梯维保", "3栋停水"],
            vec!["按时发布", "物业费缴纳通知"],
            vec!["燃气检修完毕"],
        ]
    );
    assert!(!site.has("notices/page/5/index.html"));
    assert!(!site.has("notices/page/1/index.html"));
    let second = site.text("notices/page/2/index.html");
    assert!(
        second.contains("href=\"../../../notices/index.html\">上一页"),
        "{second}"
    );
    assert!(second.contains("href=\"../../../notices/page/3/index.html\">下一页"));
    assert!(second.contains("第 2 页，共 4 页"));
    // Categories paginate too: three outages, two per page.
    assert_eq!(
        list_titles(&site.text("category/outage/index.html")),
        ["车库停电", "3栋停水"]
    );
    assert_eq!(
        list_titles(&site.text("category/outage/page/2/index.html")),
        ["燃气检修完毕"]
    );
}

#[test]
fn outages_in_effect_or_upcoming_are_highlighted() {
    let site = fixture().build();
    let home = site.text("index.html");
    let alert_start = home
        .find("<section class=\"alert\"")
        .expect("alert section");
    let alert = &home[alert_start..home[alert_start..].find("</section>").unwrap() + alert_start];
    // In effect first, then upcoming; the ended one is not there.
    let power = alert.find("车库停电").expect("in effect");
    let water = alert.find("3栋停水").expect("upcoming");
    assert!(power < water);
    assert!(!alert.contains("燃气检修完毕"));
    assert!(alert.contains("正在进行") && alert.contains("即将开始"));
    assert!(alert.contains("3栋、5栋"));
    assert!(alert.contains("2026-11-21 08:00"));
    let gas = site.text("notices/gas/index.html");
    assert!(gas.contains("已结束"));
}

#[test]
fn home_shows_estate_and_phones() {
    let site = fixture().build();
    let home = site.text("index.html");
    assert!(home.contains("<html lang=\"zh-CN\">"));
    assert!(home.contains("href=\"tel:057188886666\""));
    assert!(home.contains("href=\"tel:057188886110\""));
    assert!(home.contains("每天 8:00—20:00"));
    assert!(home.contains("1栋一层 物业服务中心"));
    assert!(home.contains("href=\"./quality/index.html\""));
    assert!(site.text("pages/fees/index.html").contains("<table>"));
}

#[test]
fn feed_is_valid_atom_dated_by_its_notices() {
    let site = fixture().build();
    let text = site.text("feed.xml");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let feed = doc.root_element();
    let atom = "http://www.w3.org/2005/Atom";
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(atom));
    let child = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|n| n.tag_name().name() == name && n.tag_name().namespace() == Some(atom))
            .and_then(|n| n.text().map(str::to_string))
    };
    assert_eq!(
        child(feed, "id").as_deref(),
        Some("https://cuihu.example.org/board/")
    );
    // The newest current notice, never the clock.
    assert_eq!(
        child(feed, "updated").as_deref(),
        Some("2026-11-20T08:00:00+08:00")
    );
    assert!(child(feed, "title").is_some());
    assert!(feed.children().any(|n| n.tag_name().name() == "author"));
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.tag_name().name() == "entry")
        .collect();
    let titles: Vec<_> = entries
        .iter()
        .map(|e| child(*e, "title").unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "车库停电",
            "电梯维保",
            "3栋停水",
            "按时发布",
            "物业费缴纳通知",
            "燃气检修完毕",
            "置顶旧通知"
        ]
    );
    let mut ids = BTreeSet::new();
    for entry in &entries {
        let id = child(*entry, "id").expect("entry id");
        assert!(
            id.starts_with("https://cuihu.example.org/board/notices/"),
            "{id}"
        );
        assert!(ids.insert(id));
        let updated = child(*entry, "updated").expect("entry updated");
        assert!(
            chrono::DateTime::parse_from_rfc3339(&updated).is_ok(),
            "{updated}"
        );
        let link = entry
            .children()
            .find(|n| n.tag_name().name() == "link")
            .expect("link");
        assert!(
            link.attribute("href")
                .unwrap()
                .starts_with("https://cuihu.example.org/board/")
        );
    }
}

#[test]
fn feed_limit_keeps_the_newest_current_notices() {
    let entry_titles = |site_section: &str| {
        let text = fixture_with(site_section).build().text("feed.xml");
        roxmltree::Document::parse(&text).expect("well-formed XML");
        text.split("<entry>")
            .skip(1)
            .filter_map(|entry| {
                let start = entry.find("<title>")? + "<title>".len();
                let end = entry.find("</title>")?;
                Some(entry[start..end].to_string())
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        entry_titles("[site]\npage_size = 2\nfeed_limit = 3\n"),
        ["车库停电", "电梯维保", "3栋停水"]
    );
    // 0: every current notice.
    assert_eq!(entry_titles("[site]\nfeed_limit = 0\n").len(), 7);
    // The default (50) is more than this estate has.
    assert_eq!(entry_titles("").len(), 7);
}

#[test]
fn feed_without_notices_is_dated_as_of() {
    let estate = Estate::new(&config(""));
    let site = estate.build();
    let text = site.text("feed.xml");
    roxmltree::Document::parse(&text).expect("well-formed");
    assert!(
        text.contains("<updated>2026-11-20T18:00:00+08:00</updated>"),
        "{text}"
    );
}

#[test]
fn sitemap_and_robots_use_absolute_urls() {
    let site = fixture().build();
    let text = site.text("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("well-formed");
    let locs: Vec<String> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .map(|n| n.text().unwrap().to_string())
        .collect();
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://cuihu.example.org/board/")),
        "{locs:?}"
    );
    assert!(locs.contains(&"https://cuihu.example.org/board/notices/water/".to_string()));
    assert!(
        !locs
            .iter()
            .any(|l| l.contains("draft") || l.contains("future"))
    );
    assert!(
        site.text("robots.txt")
            .contains("Sitemap: https://cuihu.example.org/board/sitemap.xml")
    );
    let not_found = site.text("404.html");
    assert!(not_found.contains("href=\"/board/index.html\""));
}

#[test]
fn search_index_finds_chinese_words() {
    let site = fixture().build();
    let manifest = site.static_file("search-index.");
    let manifest = manifest.strip_prefix("").unwrap();
    let read = |url: &str| {
        site.files
            .get(url)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    };
    let find = |q: &str| wuye::render::search::search(manifest, read, q);
    assert_eq!(find("停水"), ["notices/water/index.html"]);
    assert_eq!(find("电梯"), ["notices/lift/index.html"]);
    // Title hits first, then the page whose table mentions it.
    assert_eq!(
        find("物业费"),
        ["notices/fee/index.html", "pages/fees/index.html"]
    );
    let single = find("栋");
    assert!(single.contains(&"notices/water/index.html".to_string()));
    assert!(single.contains(&"notices/lift/index.html".to_string()));
    assert!(find("草稿").is_empty());
    // The search page points at the index and works without JS via the archive.
    let page = site.text("search/index.html");
    assert!(page.contains(&format!("data-index=\"../{manifest}\"")));
    assert!(page.contains("href=\"../archive/index.html\""));
}

#[test]
fn print_view_has_a4_page_and_qr_code_of_the_notice() {
    let site = fixture().build();
    let print = site.text("notices/water/print.html");
    assert!(print.contains("class=\"print-sheet\""));
    assert!(print.contains("翠湖苑") && print.contains("3栋停水") && print.contains("2026-11-18"));
    let expected = wuye::render::qr::svg(
        "https://cuihu.example.org/board/notices/water/",
        "扫码查看网上通知",
    )
    .unwrap();
    assert!(
        print.contains(&expected),
        "QR of the notice's online address"
    );
    let css = site.text(&site.static_file("style."));
    assert!(css.contains("@page notice { size: A4;"));
}

#[test]
fn relative_links_resolve_and_nothing_comes_from_other_hosts() {
    let site = fixture().build();
    for (path, html) in site.html_pages() {
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"),
            "{path}"
        );
        if path == "404.html" {
            continue;
        }
        let dir = match path.rfind('/') {
            Some(i) => &path[..=i],
            None => "",
        };
        for src in attribute_values(&html, "src") {
            assert!(!src.contains("//"), "{path}: src {src}");
        }
        for href in attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"))
        {
            // `data:` is inline (the layouts' empty icon); it asks no host for anything.
            if href.starts_with("tel:")
                || href.starts_with("mailto:")
                || href.starts_with('#')
                || href.starts_with("data:")
            {
                continue;
            }
            if href.starts_with("http://") || href.starts_with("https://") || href.starts_with("//")
            {
                assert_eq!(
                    href, EXTERNAL_LINK,
                    "{path}: only links written in notice text may leave the site"
                );
                continue;
            }
            let target = href.split(['?', '#']).next().unwrap();
            let resolved = normalize(&format!("{dir}{}", percent_decode(target)));
            assert!(
                site.has(&resolved),
                "{path}: {href} → {resolved} does not exist"
            );
        }
        for stylesheet in html.split("rel=\"stylesheet\" href=\"").skip(1) {
            let url = stylesheet.split('"').next().unwrap();
            let name = url.rsplit('/').next().unwrap();
            assert!(
                name.len() == "style.12345678.css".len() && name.starts_with("style."),
                "{url}"
            );
        }
    }
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let estate = fixture();
    let one = estate.dir.path().join("out-one");
    let two = estate.dir.path().join("out-two");
    assert!(estate.run_build(Some(&one)).status.success());
    assert!(estate.run_build(Some(&two)).status.success());
    let a = Site::read(&one.join("site"));
    let b = Site::read(&two.join("site"));
    assert!(a.files.len() > 30);
    assert_eq!(
        a.files.keys().collect::<Vec<_>>(),
        b.files.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &a.files {
        assert!(bytes == &b.files[path], "{path} differs");
    }
}

#[test]
fn bad_notices_stop_the_build_with_file_and_line() {
    let estate = fixture();
    estate
        .write(
            "content/notices/bad.md",
            "+++\ntitle = \"x\"\ndate = \"2026-11-31\"\ncategory = \"杂项\"\n+++\n",
        )
        .notice(
            "copy",
            "重复",
            "2026-11-01",
            "通知",
            "slug = \"water\"\n",
            "x",
        );
    let output = estate.run_build(None);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("content/notices/bad.md"), "{stderr}");
    assert!(stderr.contains("第 3 行 [date] “2026-11-31”"), "{stderr}");
    assert!(stderr.contains("第 4 行 [category] “杂项”"), "{stderr}");
    assert!(
        stderr.contains("content/notices/copy.md") && stderr.contains("content/notices/water.md"),
        "{stderr}"
    );
    assert!(
        !estate.root().join("output").exists(),
        "nothing written on error"
    );
}
