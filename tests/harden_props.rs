//! Property tests (issue 11, item 2): the parsers that read what people
//! type never panic on any input, and round-trip where that makes sense.
//! The same functions are fuzzed by the targets in `fuzz/`.

use proptest::prelude::*;
use wuye::content::SourceFile;
use wuye::content::frontmatter;
use wuye::data::source::LineCounter;
use wuye::data::values::parse_bool;
use wuye::datetime::{parse_date, parse_datetime};
use wuye::messages::Lang;

fn datetime() -> impl Strategy<Value = chrono::NaiveDateTime> {
    (
        1000i32..=9999,
        1u32..=12,
        1u32..=31,
        0u32..24,
        0u32..60,
        0u32..60,
    )
        .prop_filter_map("a real day", |(y, mo, d, h, mi, s)| {
            chrono::NaiveDate::from_ymd_opt(y, mo, d).and_then(|date| date.and_hms_opt(h, mi, s))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn datetime_never_panics(text in any::<String>()) {
        let _ = parse_datetime(&text);
        let _ = parse_date(&text);
    }

    #[test]
    fn datetime_like_text_never_panics(text in "[0-9年月日号/.:：T -]{0,30}") {
        if let Some(at) = parse_datetime(&text) {
            // Whatever is accepted is a real instant with minute-or-better precision.
            prop_assert!(chrono::Datelike::year(&at) >= 1000);
        }
    }

    #[test]
    fn datetime_round_trips_in_every_spelling(at in datetime(), pad in "[ \u{3000}]{0,2}") {
        use chrono::{Datelike, Timelike};
        let (y, mo, d, h, mi, s) = (at.year(), at.month(), at.day(), at.hour(), at.minute(), at.second());
        let minutes = at.with_second(0).unwrap();
        for (text, want) in [
            (format!("{y}-{mo:02}-{d:02} {h:02}:{mi:02}"), minutes),
            (format!("{y}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"), at),
            (format!("{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}"), at),
            (format!("{y}/{mo}/{d} {h}:{mi:02}"), minutes),
            (format!("{y}年{mo}月{d}日 {h:02}:{mi:02}"), minutes),
            (format!("{y}年{mo}月{d}日{h}:{mi:02}"), minutes),
            (format!("{y}.{mo}.{d} {h}:{mi:02}:{s:02}.5"), at),
            (wuye::datetime::format_minutes(&at), minutes),
        ] {
            let padded = format!("{pad}{text}{pad}");
            prop_assert_eq!(parse_datetime(&padded), Some(want), "{}", padded);
        }
        let date = at.date();
        prop_assert_eq!(parse_date(&format!("{y}-{mo:02}-{d:02}")), Some(date));
        prop_assert_eq!(parse_datetime(&format!("{y}/{mo}/{d}")), Some(date.and_hms_opt(0, 0, 0).unwrap()));
    }

    #[test]
    fn boolean_never_panics(text in any::<String>()) {
        let _ = parse_bool(&text);
    }

    #[test]
    fn boolean_spellings_in_any_case_and_padding(
        index in 0usize..14,
        upper in proptest::collection::vec(any::<bool>(), 8),
        pad in "[ \t\u{3000}]{0,3}",
    ) {
        let spellings = [
            ("是", true), ("yes", true), ("y", true), ("true", true), ("1", true), ("合格", true), ("满意", true),
            ("否", false), ("no", false), ("n", false), ("false", false), ("0", false), ("不合格", false), ("不满意", false),
        ];
        let (word, value) = spellings[index];
        let cased: String = word
            .chars()
            .zip(upper.iter().cycle())
            .map(|(c, up)| if *up { c.to_ascii_uppercase() } else { c })
            .collect();
        prop_assert_eq!(parse_bool(&format!("{pad}{cased}{pad}")), Some(value));
        // A word is not a boolean with something glued to it.
        prop_assert_eq!(parse_bool(&format!("{cased}x")), None);
    }

    #[test]
    fn csv_rows_round_trip_with_their_lines(
        rows in proptest::collection::vec(
            proptest::collection::vec("[a-z0-9 ,\"\n\r楼栋室号]{0,12}", 1..5),
            1..20,
        ),
        crlf in any::<bool>(),
    ) {
        // Every row gets a first cell that is never empty, so none is blank.
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .enumerate()
            .map(|(i, mut r)| { r.insert(0, format!("R{i}")); r })
            .collect();
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
            .from_writer(Vec::new());
        let mut starts = Vec::new();
        for row in &rows {
            writer.flush().unwrap();
            starts.push(writer.get_ref().len());
            writer.write_record(row).unwrap();
        }
        let bytes = writer.into_inner().unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LineCounter::new(&bytes[..]));
        let mut record = csv::StringRecord::new();
        let mut read = Vec::new();
        while reader.read_record(&mut record).unwrap() {
            let start = record.position().unwrap().byte();
            let line = reader.get_mut().record_line(start);
            read.push((record.iter().map(str::to_string).collect::<Vec<_>>(), line));
        }
        prop_assert_eq!(read.len(), rows.len());
        for (i, ((cells, line), row)) in read.iter().zip(&rows).enumerate() {
            prop_assert_eq!(cells, row);
            // The physical line: line breaks before the row's first byte, +1
            // (a lone `\r` is a break too; `\r\n` counts once).
            let before = &bytes[..starts[i]];
            let breaks = before.iter().filter(|b| **b == b'\n').count()
                + before.windows(2).filter(|w| w[0] == b'\r' && w[1] != b'\n').count()
                + usize::from(before.last() == Some(&b'\r'));
            prop_assert_eq!(*line, breaks as u64 + 1, "row {}", i);
        }
    }

    #[test]
    fn csv_reader_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LineCounter::new(&bytes[..]));
        let mut record = csv::ByteRecord::new();
        while let Ok(true) = reader.read_byte_record(&mut record) {
            let start = record.position().unwrap().byte();
            let _ = reader.get_mut().record_line(start);
        }
    }

    #[test]
    fn front_matter_never_panics(text in any::<String>(), fence in prop_oneof!["\\+\\+\\+\n", "---\n", ""]) {
        let file = SourceFile { path: "content/notices/x.md".into(), text: format!("{fence}{text}") };
        let _ = frontmatter::parse::<Meta>(&file, &["title", "pinned"], Lang::ZhCn);
        let _ = frontmatter::parse::<toml::Table>(&file, &[], Lang::En);
    }

    #[test]
    fn front_matter_round_trips(title in any::<String>(), pinned in any::<bool>(), body in "[^+-][^\0]{0,40}") {
        let toml_title = toml::Value::String(title.clone()).to_string();
        let toml = format!("+++\ntitle = {toml_title}\npinned = {pinned}\n+++\n{body}");
        // JSON strings are YAML double-quoted scalars.
        let yaml_title = serde_json::to_string(&title).unwrap();
        let yaml = format!("---\ntitle: {yaml_title}\npinned: {pinned}\n---\n{body}");
        for text in [toml, yaml] {
            let file = SourceFile { path: "content/notices/x.md".into(), text };
            let parsed = frontmatter::parse::<Meta>(&file, &[], Lang::ZhCn);
            let parsed = match parsed {
                Ok(parsed) => parsed,
                Err(e) => return Err(TestCaseError::fail(format!("{:?}\n{}", e, file.text))),
            };
            prop_assert_eq!(&parsed.meta, &Meta { title: title.clone(), pinned });
            prop_assert_eq!(&parsed.body, &body);
            prop_assert_eq!(parsed.body_line, 5);
        }
    }

    #[test]
    fn markdown_never_panics(text in any::<String>(), trust in any::<bool>()) {
        let _ = wuye::markdown::too_deep(&text);
        let _ = wuye::markdown::render(&text, wuye::markdown::RenderOptions { trust_html: trust });
    }

    #[test]
    fn markdown_like_text_never_panics(text in "[-*>#|`\\[\\]()!<>a-z/ \n0-9=\"]{0,200}") {
        let _ = wuye::markdown::too_deep(&text);
        let r = wuye::markdown::render(&text, wuye::markdown::RenderOptions::default());
        prop_assert!(!r.html.contains("<script"));
    }
}

#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    title: String,
    #[serde(default)]
    pinned: bool,
}
