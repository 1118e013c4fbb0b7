//! Private stays private: the logs' rooms, names, phones and free text
//! never reach any file of `output/site/` (pages, search index, feed,
//! sitemap, anything).

mod site_common;

use site_common::{Estate, config};

/// Strings that appear only in private cells of the logs.
const PRIVATE: &[&str] = &[
    "88栋8808",
    "77栋7707",
    "66栋6606",
    "欧阳娜娜子",
    "司马秘密人",
    "甄秘密",
    "13912345678",
    "13787654321",
    "13600001111",
    "XYZZY",
    "PLUGH",
    "SURVEYQUUX",
    "深夜装修噪音",
    "希望增加绿化带",
];

fn estate() -> Estate {
    let estate = Estate::new(&config("households = 100\n"));
    estate
        .write(
            "data/repairs.csv",
            "id,reported_at,room,contact,phone,category,level,dispatched_at,arrived_at,agreed_at,delay_reason,completed_at,passed,rework_of,technician,note\n\
             R001,2026-10-05 09:00,88栋8808室,欧阳娜娜子,13912345678,水电,minor,2026-10-05 09:05,2026-10-05 09:40,,,2026-10-05 15:00,yes,,甄秘密,XYZZY 厨房漏水\n\
             R002,2026-10-06 20:00,88栋8808室,欧阳娜娜子,13912345678,管道,emergency,2026-10-06 20:03,2026-10-06 20:20,,,2026-10-06 23:00,yes,,甄秘密,XYZZY 爆管\n\
             R003,2026-11-02 08:00,77栋7707室,司马秘密人,13787654321,门窗,medium,2026-11-02 08:30,,2026-11-03 09:00,XYZZY 住户出差,2026-11-04 10:00,no,R001,甄秘密,\n",
        )
        .write(
            "data/complaints.csv",
            "id,received_at,channel,room,contact,phone,category,level,ours,summary,resolved_at,callback_at,callback_satisfied,handler\n\
             C001,2026-10-06 10:00,phone,77栋7707室,司马秘密人,13787654321,噪音,minor,yes,楼上PLUGH深夜装修噪音,2026-10-07 10:00,2026-10-08 10:00,yes,客服部\n\
             C002,2026-11-03 16:00,visit,66栋6606室,欧阳娜娜子,13600001111,保洁,important,yes,PLUGH 楼道垃圾未清,,,,保洁部\n",
        )
        .write(
            "data/surveys.csv",
            "id,date,room,overall,客服,维修,comment\n\
             S001,2026-10-10,66栋6606室,5,5,4,SURVEYQUUX 希望增加绿化带\n\
             S002,2026-11-11,88栋8808室,3,3,,SURVEYQUUX 电话13912345678\n",
        )
        .notice("water", "3栋停水", "2026-11-18", "停水", "", "水箱清洗。")
        .write("content/pages/about.md", "+++\ntitle = \"关于我们\"\n+++\n服务中心介绍。\n");
    estate
}

/// `text` as a URL would carry it.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn no_private_value_reaches_any_site_file() {
    let estate = estate();
    let site = estate.build();
    // Everything a resident can fetch is checked, not only pages.
    for expected in [
        "index.html",
        "feed.xml",
        "sitemap.xml",
        "quality/index.html",
        "search/index.html",
    ] {
        assert!(site.has(expected), "{expected}");
    }
    assert!(
        site.files
            .keys()
            .any(|p| p.starts_with("static/search-index."))
    );
    let mut leaks = Vec::new();
    for (path, bytes) in &site.files {
        let text = String::from_utf8_lossy(bytes);
        for secret in PRIVATE {
            if text.contains(secret) || text.contains(&percent_encoded(secret)) {
                leaks.push(format!("{path}: {secret}"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "private data in the public site:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn the_scan_would_catch_a_leak() {
    // The scan itself must be able to fail: a notice that quotes a
    // private value is caught.
    let estate = estate();
    estate.notice(
        "oops",
        "误发",
        "2026-11-19",
        "通知",
        "",
        "请 欧阳娜娜子 到服务中心。",
    );
    let site = estate.build();
    let caught = site
        .files
        .values()
        .any(|b| String::from_utf8_lossy(b).contains("欧阳娜娜子"));
    assert!(caught);
}
