//! The sample estate at the repository root (and the one `wuye init`
//! writes) follows the lead's conventions and the data contract: these
//! tests keep the content honest while the renderers are built on it.

use chrono::NaiveDateTime;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use wuye::content::SourceFile;
use wuye::content::frontmatter;
use wuye::datetime::parse_datetime;
use wuye::messages::Lang;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn init_estate() -> PathBuf {
    root().join("src/init/estate")
}

fn as_of() -> NaiveDateTime {
    parse_datetime("2026-11-20 18:00").unwrap()
}

/// A datetime as front matter may write it: a string in any accepted
/// spelling, or a native TOML datetime.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum When {
    Text(String),
    Toml(toml::value::Datetime),
}

impl When {
    fn instant(&self) -> NaiveDateTime {
        let text = match self {
            When::Text(t) => t.clone(),
            When::Toml(t) => t.to_string(),
        };
        parse_datetime(&text).unwrap_or_else(|| panic!("not a datetime: {text}"))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct NoticeMeta {
    title: String,
    date: When,
    category: String,
    summary: Option<String>,
    #[serde(default)]
    pinned: bool,
    expires: Option<When>,
    #[serde(default)]
    draft: bool,
    publish_at: Option<When>,
    slug: Option<String>,
    starts: Option<When>,
    ends: Option<When>,
    affected: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ChapterMeta {
    title: String,
    weight: i64,
    #[serde(default)]
    draft: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PageMeta {
    title: String,
    slug: Option<String>,
    #[serde(default)]
    weight: i64,
    #[serde(default)]
    draft: bool,
}

fn markdown_files(dir: &Path) -> Vec<SourceFile> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| SourceFile {
            path: p.file_name().unwrap().to_string_lossy().into_owned(),
            text: std::fs::read_to_string(&p).unwrap(),
        })
        .collect()
}

fn parse<T: serde::de::DeserializeOwned>(file: &SourceFile) -> frontmatter::Parsed<T> {
    frontmatter::parse::<T>(file, &[], Lang::ZhCn)
        .unwrap_or_else(|e| panic!("{}: {:?}", file.path, e))
}

#[test]
fn sample_config_parses_with_the_agreed_values() {
    let config = wuye::config::load(&root()).expect("sample wuye.toml is valid");
    assert_eq!(config.name, "翠湖苑");
    assert_eq!(config.company, "澄湖物业服务有限公司");
    assert_eq!(config.households, Some(1280));
    assert_eq!(config.as_of, Some(as_of()));
    assert_eq!(config.base_url, "https://cuihu.example.org/");
    assert_eq!(config.site.page_size, 6);
    assert_eq!(config.handbook.numbering, "chinese");
    assert_eq!(config.handbook.edition, "2026-09-01");
    assert_eq!(config.targets.rework_rate, Some(0.03));
    assert_eq!(config.targets.satisfaction_rate, Some(0.90));
    assert_eq!(config.standards, wuye::config::Standards::default());
}

#[test]
fn init_config_parses() {
    let config = wuye::config::load(&init_estate()).expect("init wuye.toml is valid");
    assert_eq!(config.name, "某某小区");
    assert_eq!(config.as_of, None);
}

const CATEGORIES: &[&str] = &[
    "停水停电",
    "收费公示",
    "会议通知",
    "社区活动",
    "安全提示",
    "综合通知",
];

fn check_notices(dir: &Path) -> Vec<NoticeMeta> {
    let files = markdown_files(dir);
    let metas: Vec<NoticeMeta> = files.iter().map(|f| parse(f).meta).collect();
    for (file, meta) in files.iter().zip(&metas) {
        assert!(
            CATEGORIES.contains(&meta.category.as_str()),
            "{}: category {}",
            file.path,
            meta.category
        );
        meta.date.instant();
        let window = [&meta.starts, &meta.ends, &meta.expires, &meta.publish_at];
        for when in window.into_iter().flatten() {
            when.instant();
        }
        if let (Some(s), Some(e)) = (&meta.starts, &meta.ends) {
            assert!(
                s.instant() < e.instant(),
                "{}: starts after ends",
                file.path
            );
            assert!(meta.affected.as_ref().is_some_and(|a| !a.is_empty()));
        }
    }
    metas
}

#[test]
fn sample_notices_cover_every_category_and_publication_state() {
    let metas = check_notices(&root().join("content/notices"));
    assert!(metas.len() >= 12, "{} notices", metas.len());
    let categories: BTreeSet<&str> = metas.iter().map(|m| m.category.as_str()).collect();
    assert_eq!(categories.len(), CATEGORIES.len(), "{categories:?}");
    let now = as_of();
    let pinned = metas.iter().filter(|m| m.pinned).count();
    let drafts = metas.iter().filter(|m| m.draft).count();
    let expired = metas
        .iter()
        .filter(|m| m.expires.as_ref().is_some_and(|e| e.instant() < now))
        .count();
    let scheduled = metas
        .iter()
        .filter(|m| m.publish_at.as_ref().is_some_and(|p| p.instant() > now))
        .count();
    assert!((1..=2).contains(&pinned), "pinned: {pinned}");
    assert_eq!((drafts, expired, scheduled), (1, 1, 1));
    // One outage still to come and one already over, as of the snapshot.
    let outages: Vec<_> = metas.iter().filter(|m| m.starts.is_some()).collect();
    assert!(
        outages
            .iter()
            .any(|m| m.starts.as_ref().unwrap().instant() > now)
    );
    assert!(
        outages
            .iter()
            .any(|m| m.ends.as_ref().unwrap().instant() < now)
    );
}

#[test]
fn init_notices_follow_the_conventions() {
    assert!(check_notices(&init_estate().join("content/notices")).len() >= 2);
}

/// Relative links to another chapter must name an existing file and a
/// heading id of that file (as `markdown::slugify` makes it).
fn check_handbook(dir: &Path, at_least: usize) {
    let files = markdown_files(dir);
    assert!(files.len() >= at_least, "{} chapters", files.len());
    let mut weights = BTreeSet::new();
    let mut links = 0;
    for file in &files {
        let parsed = parse::<ChapterMeta>(file);
        assert!(weights.insert(parsed.meta.weight), "{}: weight", file.path);
        assert!(
            !parsed.body.lines().any(|l| l.starts_with("# ")),
            "{}: the chapter title is not repeated as #",
            file.path
        );
        for (target, anchor) in chapter_links(&parsed.body) {
            links += 1;
            let other = files
                .iter()
                .find(|f| f.path == target)
                .unwrap_or_else(|| panic!("{}: link to missing {target}", file.path));
            let ids: Vec<String> = other
                .text
                .lines()
                .filter(|l| l.starts_with("##"))
                .map(|l| wuye::markdown::slugify(l.trim_start_matches('#')))
                .collect();
            assert!(
                ids.contains(&anchor),
                "{}: no #{anchor} in {target}",
                file.path
            );
        }
    }
    assert!(links >= 1, "at least one cross-link between chapters");
}

fn chapter_links(body: &str) -> Vec<(String, String)> {
    body.split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .filter_map(|href| href.split_once(".md#"))
        .map(|(file, anchor)| (format!("{file}.md"), anchor.to_string()))
        .collect()
}

#[test]
fn sample_handbook_has_six_chapters_or_more_with_working_cross_links() {
    check_handbook(&root().join("content/handbook"), 6);
}

#[test]
fn init_handbook_is_a_valid_skeleton() {
    check_handbook(&init_estate().join("content/handbook"), 3);
}

#[test]
fn pages_have_titles() {
    for dir in [root(), init_estate()] {
        for file in markdown_files(&dir.join("content/pages")) {
            assert!(!parse::<PageMeta>(&file).meta.title.is_empty());
        }
    }
}

#[test]
fn report_notes_are_named_by_quarter_and_insert_figures() {
    let files = markdown_files(&root().join("content/reports"));
    assert!(!files.is_empty());
    for file in files {
        let stem = file.path.trim_end_matches(".md");
        let (year, quarter) = stem.split_once('Q').expect("YYYYQn.md");
        assert!(year.len() == 4 && year.parse::<u32>().is_ok(), "{stem}");
        assert!(matches!(quarter, "1" | "2" | "3" | "4"), "{stem}");
        for heading in [
            "## 本季度主要工作",
            "## 需业委会协助支持的事项",
            "## 下季度工作计划",
        ] {
            assert!(file.text.contains(heading), "{stem}: {heading}");
        }
        assert!(file.text.matches("{{ ").count() >= 5, "{stem}: figures");
    }
}

// ---------------------------------------------------------------------------
// data/

const REPAIRS: &str = "工单号,报修时间,房号,联系人,电话,类别,级别,派单时间,到场时间,约定时间,延期原因,完工时间,验收合格,返修单号,维修人员,备注";
const COMPLAINTS: &str = "编号,受理时间,渠道,房号,联系人,电话,类别,级别,我方责任,内容,办结时间,回访时间,回访满意,处理部门";
const SURVEYS: &str = "编号,日期,房号,总体,客服,维修,保洁,安保,绿化,意见";
const HOLIDAYS: &str = "日期,类型";

fn read_utf8_bom(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes).expect("UTF-8");
    text.strip_prefix('\u{feff}')
        .unwrap_or_else(|| panic!("{}: no BOM", path.display()))
        .to_string()
}

/// Records of a CSV text, checking CRLF record ends on the way.
fn records(text: &str, header: &str) -> Vec<csv::StringRecord> {
    assert!(text.starts_with(&format!("{header}\r\n")), "header");
    assert!(text.ends_with("\r\n"));
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.expect("well-formed CSV"))
        .collect()
}

fn assert_times_before_as_of(rows: &[csv::StringRecord], columns: &[usize]) {
    for row in rows {
        for &c in columns {
            let cell = row.get(c).unwrap_or_default();
            if !cell.is_empty() {
                let t = parse_datetime(cell).unwrap_or_else(|| panic!("bad time {cell}"));
                assert!(t <= as_of(), "{cell} after as_of in {row:?}");
            }
        }
    }
}

#[test]
fn sample_logs_have_contract_headers_encodings_and_line_ends() {
    let data = root().join("data");
    let repairs = records(&read_utf8_bom(&data.join("repairs.csv")), REPAIRS);
    assert!(repairs.len() > 12 * 80, "{} repairs", repairs.len());
    assert_times_before_as_of(&repairs, &[1, 7, 8, 9, 11]);
    let ids: BTreeSet<&str> = repairs.iter().map(|r| &r[0]).collect();
    assert_eq!(ids.len(), repairs.len(), "unique ids");
    for r in &repairs {
        assert!(["小修", "中修", "急修"].contains(&&r[6]));
        assert!(r[13].is_empty() || ids.contains(&r[13]), "rework_of exists");
    }

    let bytes = std::fs::read(data.join("complaints.csv")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "complaints.csv is GB18030"
    );
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    assert_eq!(guess, encoding_rs::GBK, "detectable as GBK/GB18030");
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
    assert!(!had_errors);
    let complaints = records(&text, COMPLAINTS);
    assert!(complaints.len() > 12 * 10);
    assert_times_before_as_of(&complaints, &[1, 10, 11]);
    let levels: BTreeSet<&str> = complaints.iter().map(|r| &r[7]).collect();
    assert_eq!(levels, BTreeSet::from(["", "轻微", "重要", "重大"]));
    let channels: BTreeSet<&str> = complaints.iter().map(|r| &r[2]).collect();
    assert_eq!(channels, BTreeSet::from(["书面", "来电", "来访", "网络"]));

    let surveys = records(&read_utf8_bom(&data.join("surveys.csv")), SURVEYS);
    assert!(surveys.len() > 12 * 40);
    assert_times_before_as_of(&surveys, &[1]);
    assert!(surveys.iter().any(|r| r[5].is_empty()), "unanswered cells");
    for r in &surveys {
        for c in 3..=8 {
            assert!(r[c].is_empty() || ["1", "2", "3", "4", "5"].contains(&&r[c]));
        }
    }

    let holidays = records(&read_utf8_bom(&data.join("holidays.csv")), HOLIDAYS);
    assert!(
        holidays
            .iter()
            .any(|r| &r[0] == "2025-10-01" && &r[1] == "休")
    );
    assert!(
        holidays
            .iter()
            .any(|r| &r[0] == "2026-02-14" && &r[1] == "班")
    );
}

#[test]
fn sample_free_text_needs_quoting() {
    // A comma and a line break inside quoted cells, as spreadsheets write.
    let text = read_utf8_bom(&root().join("data/repairs.csv"));
    let notes: Vec<String> = records(&text, REPAIRS)
        .iter()
        .map(|r| r[15].to_string())
        .collect();
    assert!(notes.iter().any(|n| n.contains(',')));
    assert!(notes.iter().any(|n| n.contains('\n')));
}

#[test]
fn init_logs_are_empty_with_chinese_headers() {
    let data = init_estate().join("data");
    for (file, header) in [
        ("repairs.csv", REPAIRS),
        ("complaints.csv", COMPLAINTS),
        ("surveys.csv", SURVEYS),
    ] {
        let text = std::fs::read_to_string(data.join(file)).unwrap();
        assert_eq!(
            text.trim_start_matches('\u{feff}').trim_end(),
            header,
            "{file}"
        );
    }
    let holidays = records(&read_utf8_bom(&data.join("holidays.csv")), HOLIDAYS);
    assert!(holidays.iter().all(|r| r[0].starts_with("2026-")));
    assert!(
        holidays
            .iter()
            .any(|r| &r[0] == "2026-10-01" && &r[1] == "休")
    );
}
