//! Private data stays in `output/internal/` (issue 11, item 5).
//!
//! Fixture estates whose logs hold distinctive rooms, names, phones and
//! free text — with English headers, Chinese headers, and Chinese headers
//! in GB18030 — are built with the real binary; every file under
//! `output/site`, `output/handbook` and `output/reports` is scanned for
//! each private value as written, percent-encoded, JSON-escaped and as
//! HTML character references. `output/internal/` must hold them (the
//! manager's report lists the open cases), so the scan is known to look
//! for strings that do reach the output.

mod harden_common;

use harden_common::{build, snapshot, stderr};
use std::fs;
use std::path::Path;
use std::time::Duration;

struct Private {
    room: String,
    contact: String,
    phone: String,
    note: String,
    technician: String,
    delay: String,
    summary: String,
    comment: String,
    survey_room: String,
}

impl Private {
    /// Values unlike anything else in an estate; `tag` makes each
    /// variant's values its own.
    fn new(tag: &str) -> Private {
        Private {
            room: format!("88栋8808{tag}室"),
            contact: format!("欧阳娜{tag}子"),
            phone: format!("139{tag}5678"),
            note: format!("厨房XYZZY{tag}漏水"),
            technician: format!("甄秘{tag}密"),
            delay: format!("住户PLOVER{tag}出差"),
            summary: format!("楼上PLUGH{tag}深夜装修"),
            comment: format!("希望SURVEYQUUX{tag}增绿"),
            survey_room: format!("66栋6606{tag}室"),
        }
    }

    /// Every value, with what it is.
    fn all(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("room", &self.room),
            ("contact", &self.contact),
            ("phone", &self.phone),
            ("repair note", &self.note),
            ("technician", &self.technician),
            ("delay reason", &self.delay),
            ("complaint summary", &self.summary),
            ("survey comment", &self.comment),
            ("survey room", &self.survey_room),
        ]
    }

    /// The values the internal report shows (open and overdue cases).
    fn in_internal_report(&self) -> Vec<&str> {
        vec![
            &self.room,
            &self.contact,
            &self.phone,
            &self.summary,
            &self.note,
        ]
    }
}

const EN: [&str; 3] = [
    "id,reported_at,room,contact,phone,category,level,dispatched_at,arrived_at,agreed_at,delay_reason,completed_at,passed,rework_of,technician,note",
    "id,received_at,channel,room,contact,phone,category,level,ours,summary,resolved_at,callback_at,callback_satisfied,handler",
    "id,date,room,overall,客服,维修,comment",
];
const ZH: [&str; 3] = [
    "工单号,报修时间,房号,联系人,电话,类别,级别,派单时间,到场时间,约定时间,延期原因,完工时间,验收合格,返修单号,维修人员,备注",
    "编号,受理时间,渠道,房号,联系人,电话,类别,级别,我方责任,内容,办结时间,回访时间,回访满意,处理部门",
    "编号,日期,房号,总体,客服,维修,意见",
];

/// Writes the three logs with `headers`; `gb18030` encodes them so.
fn write_logs(estate: &Path, headers: [&str; 3], p: &Private, gb18030: bool) {
    let repairs = format!(
        "{}\n\
         R001,2026-10-05 09:00,{room},{contact},{phone},水电,小修,2026-10-05 09:05,2026-10-05 09:40,,,2026-10-05 15:00,是,,{tech},{note}\n\
         R002,2026-11-02 08:00,{room},{contact},{phone},门窗,中修,2026-11-02 08:30,,2026-11-03 09:00,{delay},2026-11-04 10:00,否,R001,{tech},{note}\n\
         R003,2026-11-18 08:00,{room},{contact},{phone},管道,小修,2026-11-18 08:05,2026-11-18 08:30,,,,,,{tech},{note}\n",
        headers[0],
        room = p.room,
        contact = p.contact,
        phone = p.phone,
        tech = p.technician,
        note = p.note,
        delay = p.delay,
    );
    let complaints = format!(
        "{}\n\
         C001,2026-10-06 10:00,来电,{room},{contact},{phone},噪音,重大,是,{summary},,,,客服部\n\
         C002,2026-11-03 16:00,来访,{room},{contact},{phone},保洁,轻微,是,{summary},2026-11-04 10:00,2026-11-05 10:00,是,保洁部\n",
        headers[1],
        room = p.room,
        contact = p.contact,
        phone = p.phone,
        summary = p.summary,
    );
    let surveys = format!(
        "{}\n\
         S001,2026-10-10,{room},5,5,4,{comment}\n\
         S002,2026-11-11,{room},3,3,,{comment} 电话{phone}\n",
        headers[2],
        room = p.survey_room,
        comment = p.comment,
        phone = p.phone,
    );
    for (name, text) in [
        ("repairs.csv", repairs),
        ("complaints.csv", complaints),
        ("surveys.csv", surveys),
    ] {
        let bytes = if gb18030 {
            let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
            assert!(!unmappable);
            bytes.into_owned()
        } else {
            text.into_bytes()
        };
        fs::write(estate.join("data").join(name), bytes).unwrap();
    }
}

/// The forms in which a value could hide in a file.
fn forms(value: &str) -> Vec<String> {
    let mut forms = vec![value.to_string()];
    let percent: String = value.bytes().map(|b| format!("%{b:02X}")).collect();
    let percent_mixed: String = value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    forms.push(percent_mixed.clone());
    forms.push(percent_mixed.to_lowercase());
    forms.push(percent);
    let json: String = value
        .encode_utf16()
        .map(|u| {
            if u < 0x80 {
                char::from(u as u8).to_string()
            } else {
                format!("\\u{u:04x}")
            }
        })
        .collect();
    forms.push(json.clone());
    forms.push(json.to_uppercase().replace("\\U", "\\u"));
    let decimal: String = value
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("&#{};", c as u32)
            }
        })
        .collect();
    let hex: String = value
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("&#x{:x};", c as u32)
            }
        })
        .collect();
    forms.push(decimal);
    forms.push(hex.clone());
    forms.push(hex.to_uppercase().replace("&#X", "&#x"));
    forms.dedup();
    forms
}

/// Every private value found in a public folder: (file, what, form).
fn leaks(output: &Path, p: &Private) -> Vec<String> {
    let mut found = Vec::new();
    for folder in ["site", "handbook", "reports"] {
        let files = snapshot(&output.join(folder));
        assert!(!files.is_empty(), "output/{folder} was built");
        for (path, bytes) in files {
            let text = String::from_utf8_lossy(&bytes);
            for (what, value) in p.all() {
                for form in forms(value) {
                    if text.contains(&form) {
                        found.push(format!("output/{folder}/{path}: {what} as {form}"));
                    }
                }
            }
        }
    }
    found
}

fn run(tag: &str, headers: [&str; 3], gb18030: bool) {
    let tmp = tempfile::tempdir().unwrap();
    let estate = harden_common::init(tmp.path(), "e");
    let config = fs::read_to_string(estate.join("wuye.toml")).unwrap();
    fs::write(
        estate.join("wuye.toml"),
        config.replace(
            "# as_of = \"2026-03-31 23:59\"",
            "as_of = \"2026-11-20 18:00\"",
        ),
    )
    .unwrap();
    let p = Private::new(tag);
    write_logs(&estate, headers, &p, gb18030);
    let out = build(&estate, Duration::from_secs(120));
    assert!(out.status.success(), "{}", stderr(&out));
    let output = estate.join("output");

    // The logs were read: the internal report lists the open cases.
    let internal = snapshot(&output.join("internal"));
    let internal_text: String = internal
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    for value in p.in_internal_report() {
        assert!(
            internal_text.contains(value),
            "{tag}: output/internal should list {value}"
        );
    }
    // Figures from them reached the public site and the reports.
    let metrics: serde_json::Value = serde_json::from_slice(&internal["metrics.json"]).unwrap();
    assert_eq!(
        metrics["repairs"]["2026-11"]["orders"], 2,
        "{tag}: {}",
        metrics["repairs"]
    );
    assert!(output.join("reports").read_dir().unwrap().count() > 0);

    let found = leaks(&output, &p);
    assert!(
        found.is_empty(),
        "{tag}: private data in public output:\n{}",
        found.join("\n")
    );
}

#[test]
fn english_headers_utf8() {
    run("11", EN, false);
}

#[test]
fn chinese_headers_utf8() {
    run("22", ZH, false);
}

#[test]
fn chinese_headers_gb18030() {
    run("33", ZH, true);
}

#[test]
fn the_scan_finds_every_form() {
    // The scanner itself: each form of a value is recognised.
    let tmp = tempfile::tempdir().unwrap();
    let p = Private::new("44");
    for (i, form) in forms(&p.contact).into_iter().enumerate() {
        let output = tmp.path().join(format!("o{i}"));
        for folder in ["site", "handbook", "reports"] {
            fs::create_dir_all(output.join(folder)).unwrap();
            fs::write(output.join(folder).join("x.html"), "ok").unwrap();
        }
        fs::write(
            output.join("reports/leak.js"),
            format!("var x = \"{form}\";"),
        )
        .unwrap();
        let found = leaks(&output, &p);
        assert_eq!(found.len(), 1, "{form}: {found:?}");
    }
}
