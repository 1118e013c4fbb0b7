//! Notices (`content/notices/*.md`): outages, fees, meetings, events, safety.
//!
//! Loading validates every file (drafts too, so `wuye check` finds their
//! mistakes early) and keeps only what is published as of `as_of`: drafts
//! and notices whose `publish_at` lies after `as_of` never leave this
//! module. Expired notices are kept: they leave the home and category pages
//! but stay in the archive, which the renderer decides with
//! [`Notice::is_expired`].

use super::SourceFile;
use super::frontmatter;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Kind};
use crate::messages::Lang;
use crate::messages::content::SiteContentMsg;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The six notice categories of the conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Outage,
    Fee,
    Meeting,
    Event,
    Safety,
    General,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Outage,
        Category::Fee,
        Category::Meeting,
        Category::Event,
        Category::Safety,
        Category::General,
    ];

    /// The stable key, used in URLs (`category/outage/`) and label keys.
    pub fn key(self) -> &'static str {
        match self {
            Category::Outage => "outage",
            Category::Fee => "fee",
            Category::Meeting => "meeting",
            Category::Event => "event",
            Category::Safety => "safety",
            Category::General => "general",
        }
    }

    /// The Chinese name, as sample files write it.
    pub fn chinese_name(self) -> &'static str {
        match self {
            Category::Outage => "停水停电",
            Category::Fee => "收费公示",
            Category::Meeting => "会议通知",
            Category::Event => "社区活动",
            Category::Safety => "安全提示",
            Category::General => "综合通知",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Category::Outage => &["停水", "停电", "停气", "停水停电通知"],
            Category::Fee => &["收费", "费用"],
            Category::Meeting => &["会议", "业主大会"],
            Category::Event => &["活动"],
            Category::Safety => &["安全"],
            Category::General => &["通知", "其他"],
        }
    }

    /// Reads a category as a file may write it: key (any case), Chinese
    /// name or alias, surrounding spaces ignored.
    pub fn parse(text: &str) -> Option<Category> {
        let text = text.trim();
        Category::ALL.into_iter().find(|c| {
            c.key().eq_ignore_ascii_case(text)
                || c.chinese_name() == text
                || c.aliases().contains(&text)
        })
    }

    /// "outage（停水停电）, fee（收费公示）, …" for error messages.
    fn choices() -> String {
        Category::ALL
            .iter()
            .map(|c| format!("{}（{}）", c.key(), c.chinese_name()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Where an outage stands at `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutageState {
    Upcoming,
    InEffect,
    Ended,
}

/// One published notice.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// Source path relative to the estate root.
    pub path: String,
    pub slug: String,
    pub title: String,
    pub date: NaiveDateTime,
    pub category: Category,
    pub summary: String,
    pub pinned: bool,
    pub expires: Option<NaiveDateTime>,
    pub publish_at: Option<NaiveDateTime>,
    pub starts: Option<NaiveDateTime>,
    pub ends: Option<NaiveDateTime>,
    pub affected: Vec<String>,
    pub body: String,
    pub body_line: u64,
    /// A key of the file the notice was read from (its path and text),
    /// from which every field above follows: renderers keep what they made
    /// of a notice by this key instead of hashing the notice again.
    pub source_key: u64,
}

impl Notice {
    /// Expired once `expires` lies strictly before `as_of`.
    pub fn is_expired(&self, as_of: NaiveDateTime) -> bool {
        self.expires.is_some_and(|expires| expires < as_of)
    }

    /// For an outage with a start time: upcoming (starts after `as_of`), in
    /// effect, or ended (`ends` at or before `as_of`). `None` for other
    /// categories and outages without `starts`.
    pub fn outage_state(&self, as_of: NaiveDateTime) -> Option<OutageState> {
        if self.category != Category::Outage {
            return None;
        }
        let starts = self.starts?;
        Some(if self.ends.is_some_and(|ends| ends <= as_of) {
            OutageState::Ended
        } else if starts > as_of {
            OutageState::Upcoming
        } else {
            OutageState::InEffect
        })
    }
}

/// The front matter keys of a notice, for "did you mean" hints.
pub const KEYS: &[&str] = &[
    "title",
    "date",
    "category",
    "summary",
    "pinned",
    "expires",
    "draft",
    "publish_at",
    "slug",
    "starts",
    "ends",
    "affected",
];

/// Slugs the site's own pages use under `notices/`.
const RESERVED: &[&str] = &["page", "index", "static"];

/// Front matter as written; values are checked after parsing so that each
/// problem names its own key and line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    title: String,
    date: toml::Value,
    category: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    pinned: Option<bool>,
    #[serde(default)]
    expires: Option<toml::Value>,
    #[serde(default)]
    draft: Option<bool>,
    #[serde(default)]
    publish_at: Option<toml::Value>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    starts: Option<toml::Value>,
    #[serde(default)]
    ends: Option<toml::Value>,
    #[serde(default)]
    affected: Option<toml::Value>,
}

/// A notice with its draft flag, before the publication filter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub(crate) notice: Notice,
    pub(crate) draft: bool,
}

/// What one notice file gives on its own, before the checks across files.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedNotice {
    pub(crate) problems: Vec<Diagnostic>,
    pub(crate) candidate: Option<Candidate>,
}

/// Reads the notices that are published as of `as_of`, sorted newest
/// first (ties by slug). Every problem of every file is reported.
pub fn load(
    root: &Path,
    config: &Config,
    as_of: NaiveDateTime,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Notice> {
    let files = super::read_markdown_dir(root, super::NOTICES_DIR, diagnostics);
    let parsed: Vec<ParsedNotice> = files
        .iter()
        .map(|file| parse_file(file, config.language))
        .collect();
    let pairs: Vec<(&SourceFile, &ParsedNotice)> = files.iter().zip(&parsed).collect();
    assemble(&pairs, config.language, as_of, diagnostics)
}

/// Parses and checks one file on its own: the part of [`load`] that
/// `wuye serve` keeps per file and redoes only for the files that changed.
pub(crate) fn parse_file(file: &SourceFile, lang: Lang) -> ParsedNotice {
    let mut problems = Vec::new();
    let candidate = parse_notice(file, lang, &mut problems);
    ParsedNotice {
        problems,
        candidate,
    }
}

/// The checks across files and the publication filter, over the files of
/// the folder in name order with what [`parse_file`] gave for each: every
/// file's own problems, then slugs used twice, then the published notices
/// newest first (ties by slug, then by file name).
pub(crate) fn assemble(
    files: &[(&SourceFile, &ParsedNotice)],
    lang: Lang,
    as_of: NaiveDateTime,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Notice> {
    for (_, parsed) in files {
        diagnostics.extend(parsed.problems.iter().cloned());
    }
    let candidates = || files.iter().filter_map(|(_, p)| p.candidate.as_ref());
    check_duplicate_slugs(
        candidates().map(|c| (c.notice.slug.as_str(), c.notice.path.as_str())),
        |path| {
            files
                .iter()
                .find(|(f, _)| f.path == path)
                .and_then(|(f, _)| key_line(&f.text, "slug"))
        },
        lang,
        diagnostics,
    );
    let mut notices: Vec<Notice> = candidates()
        .filter(|c| is_published(c, as_of))
        .map(|c| c.notice.clone())
        .collect();
    // Stable: files come in name order, which breaks the remaining ties.
    notices.sort_by(list_order);
    notices
}

/// The order of the published list: newest first, then by slug.
pub(crate) fn list_order(a: &Notice, b: &Notice) -> std::cmp::Ordering {
    b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug))
}

/// A slug as the duplicate check compares it.
pub(crate) fn folded_slug(slug: &str) -> String {
    slug.to_lowercase()
}

/// Neither a draft nor due after `as_of`.
pub(crate) fn is_published(candidate: &Candidate, as_of: NaiveDateTime) -> bool {
    !candidate.draft && candidate.notice.publish_at.is_none_or(|at| at <= as_of)
}

/// Parses and checks one notice file; `None` when it has errors.
fn parse_notice(
    file: &SourceFile,
    lang: Lang,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Candidate> {
    let parsed = match frontmatter::parse::<RawMeta>(file, KEYS, lang) {
        Ok(parsed) => parsed,
        Err(mut problems) => {
            diagnostics.append(&mut problems);
            return None;
        }
    };
    let meta = parsed.meta;
    let before = diagnostics.len();
    let mut bad = |key: &str, value: String, message: String| {
        let mut d = Diagnostic::error(&file.path, Kind::BadFrontMatterValue, message)
            .in_column(key)
            .with_value(value);
        d.line = key_line(&file.text, key);
        diagnostics.push(d);
    };

    if meta.title.trim().is_empty() {
        bad(
            "title",
            meta.title.clone(),
            SiteContentMsg::EmptyTitle.text(lang),
        );
    }
    let mut datetime = |key: &str, value: Option<&toml::Value>| -> Option<NaiveDateTime> {
        let value = value?;
        let parsed = datetime_value(value);
        if parsed.is_none() {
            bad(
                key,
                value_text(value),
                SiteContentMsg::BadDatetime {
                    key,
                    example: crate::datetime::EXAMPLE,
                }
                .text(lang),
            );
        }
        parsed
    };
    let date = datetime("date", Some(&meta.date));
    let expires = datetime("expires", meta.expires.as_ref());
    let publish_at = datetime("publish_at", meta.publish_at.as_ref());
    let starts = datetime("starts", meta.starts.as_ref());
    let ends = datetime("ends", meta.ends.as_ref());
    if let (Some(s), Some(e)) = (starts, ends)
        && e < s
    {
        bad(
            "ends",
            crate::datetime::format_minutes(&e),
            SiteContentMsg::EndsBeforeStarts.text(lang),
        );
    }
    let category = Category::parse(&meta.category);
    if category.is_none() {
        bad(
            "category",
            meta.category.clone(),
            SiteContentMsg::UnknownCategory {
                choices: &Category::choices(),
            }
            .text(lang),
        );
    }
    let affected = match &meta.affected {
        None => Vec::new(),
        Some(value) => match affected_list(value) {
            Some(list) => list,
            None => {
                bad(
                    "affected",
                    value_text(value),
                    SiteContentMsg::BadAffected.text(lang),
                );
                Vec::new()
            }
        },
    };
    let slug = match &meta.slug {
        Some(slug) => slug.trim().to_string(),
        None => file_stem(&file.path),
    };
    if let Some(message) = slug_problem(&slug, RESERVED) {
        // The line of `slug`, or of nothing when it came from the file name.
        let mut d = Diagnostic::error(&file.path, Kind::BadPath, message.text(lang))
            .in_column("slug")
            .with_value(slug.clone());
        d.line = key_line(&file.text, "slug");
        diagnostics.push(d);
    }
    if diagnostics.len() > before {
        return None;
    }
    Some(Candidate {
        notice: Notice {
            path: file.path.clone(),
            slug,
            title: meta.title.trim().to_string(),
            date: date?,
            category: category?,
            summary: meta.summary.unwrap_or_default().trim().to_string(),
            pinned: meta.pinned.unwrap_or(false),
            expires,
            publish_at,
            starts,
            ends,
            affected,
            body: parsed.body,
            body_line: parsed.body_line,
            source_key: source_key(file),
        },
        draft: meta.draft.unwrap_or(false),
    })
}

/// See [`Notice::source_key`] (a fast fixed-seed hash).
fn source_key(file: &SourceFile) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x6e_6f_74).hash_one((&file.path, &file.text))
}

/// A TOML native datetime or any spelling [`crate::datetime::parse_datetime`]
/// accepts. Offsets of TOML datetimes are ignored: times are the estate's
/// wall-clock time.
fn datetime_value(value: &toml::Value) -> Option<NaiveDateTime> {
    match value {
        toml::Value::String(text) => crate::datetime::parse_datetime(text),
        toml::Value::Datetime(dt) => {
            let d = dt.date?;
            let date =
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))?;
            let time = match dt.time {
                Some(t) => NaiveTime::from_hms_opt(
                    u32::from(t.hour),
                    u32::from(t.minute),
                    u32::from(t.second.unwrap_or(0)),
                )?,
                None => NaiveTime::MIN,
            };
            Some(date.and_time(time))
        }
        _ => None,
    }
}

/// A list of buildings: a list of strings, or one string with `,`/`，`/`、`
/// between the names.
fn affected_list(value: &toml::Value) -> Option<Vec<String>> {
    let names: Vec<String> = match value {
        toml::Value::String(text) => text
            .split([',', '，', '、'])
            .map(|s| s.trim().to_string())
            .collect(),
        toml::Value::Array(items) => items
            .iter()
            .map(|item| match item {
                toml::Value::String(s) => Some(s.trim().to_string()),
                toml::Value::Integer(n) => Some(n.to_string()),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?,
        _ => return None,
    };
    Some(names.into_iter().filter(|s| !s.is_empty()).collect())
}

fn value_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The file name without `.md`.
pub(crate) fn file_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

/// Why a slug cannot be a URL path segment, if it cannot.
pub(crate) fn slug_problem(slug: &str, reserved: &[&str]) -> Option<SiteContentMsg<'static>> {
    if slug.is_empty()
        || !slug
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return Some(SiteContentMsg::BadSlug);
    }
    if reserved.contains(&slug) {
        return Some(SiteContentMsg::ReservedSlug);
    }
    None
}

/// Reports every slug used by more than one file, naming both files;
/// `slug_line` gives the line of `slug` in the file at a path.
pub(crate) fn check_duplicate_slugs<'a>(
    slugs: impl Iterator<Item = (&'a str, &'a str)>,
    slug_line: impl Fn(&str) -> Option<u64>,
    lang: Lang,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Compared without case: `Water` and `water` are one folder on Windows,
    // macOS and many web servers, so one page would overwrite the other.
    let mut first: BTreeMap<String, &str> = BTreeMap::new();
    for (slug, path) in slugs {
        match first.get(&folded_slug(slug)) {
            Some(first_path) => {
                let mut d = Diagnostic::error(
                    path,
                    Kind::DuplicateSlug,
                    SiteContentMsg::DuplicateSlug {
                        slug,
                        first: first_path,
                    }
                    .text(lang),
                )
                .in_column("slug")
                .with_value(slug);
                d.line = slug_line(path);
                diagnostics.push(d);
            }
            None => {
                first.insert(folded_slug(slug), path);
            }
        }
    }
}

/// The line (1-based) of `key` in the file's front matter, if written there.
pub(crate) fn key_line(text: &str, key: &str) -> Option<u64> {
    let mut lines = text.lines().enumerate();
    let (_, fence) = lines.next()?;
    let fence = fence.trim_start_matches('\u{feff}').trim_end();
    if fence != "+++" && fence != "---" {
        return None;
    }
    for (index, line) in lines {
        if line.trim_end() == fence {
            return None;
        }
        let trimmed = line.trim_start();
        let rest = trimmed.strip_prefix(key).or_else(|| {
            trimmed
                .strip_prefix('"')
                .and_then(|r| r.strip_prefix(key))
                .and_then(|r| r.strip_prefix('"'))
        });
        if let Some(rest) = rest
            && matches!(rest.trim_start().chars().next(), Some('=' | ':'))
        {
            return Some(index as u64 + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn estate(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let notices = dir.path().join(super::super::NOTICES_DIR);
        std::fs::create_dir_all(&notices).unwrap();
        for (name, text) in files {
            std::fs::write(notices.join(name), text).unwrap();
        }
        dir
    }

    fn config() -> Config {
        crate::config::parse("name = \"翠湖苑\"\n").unwrap()
    }

    fn at(text: &str) -> NaiveDateTime {
        crate::datetime::parse_datetime(text).unwrap()
    }

    fn load_all(files: &[(&str, &str)], as_of: &str) -> (Vec<Notice>, Vec<Diagnostic>) {
        let dir = estate(files);
        let mut diagnostics = Vec::new();
        let notices = load(dir.path(), &config(), at(as_of), &mut diagnostics);
        (notices, diagnostics)
    }

    #[test]
    fn toml_and_yaml_notices_read_alike() {
        let (notices, problems) = load_all(
            &[
                (
                    "a.md",
                    "+++\ntitle = \"3栋停水\"\ndate = 2026-11-03T09:00:00\ncategory = \"停水\"\nstarts = \"2026/11/21 8:00\"\nends = \"2026年11月21日 17:00\"\naffected = [\"3栋\", \"5栋\"]\n+++\n正文\n",
                ),
                (
                    "b.md",
                    "---\ntitle: 缴费提醒\ndate: 2026-11-02\ncategory: fee\npinned: true\naffected: 3栋、5栋\n---\n正文\n",
                ),
            ],
            "2026-11-20 18:00",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(notices.len(), 2);
        let a = &notices[0];
        assert_eq!(a.slug, "a");
        assert_eq!(a.category, Category::Outage);
        assert_eq!(a.date, at("2026-11-03 09:00"));
        assert_eq!(a.starts, Some(at("2026-11-21 08:00")));
        assert_eq!(a.ends, Some(at("2026-11-21 17:00")));
        assert_eq!(a.affected, ["3栋", "5栋"]);
        let b = &notices[1];
        assert_eq!(b.category, Category::Fee);
        assert!(b.pinned);
        assert_eq!(b.date, at("2026-11-02 00:00"));
        assert_eq!(b.affected, ["3栋", "5栋"]);
    }

    #[test]
    fn drafts_and_future_publications_are_left_out() {
        let (notices, problems) = load_all(
            &[
                (
                    "draft.md",
                    "+++\ntitle = \"草稿\"\ndate = \"2026-11-01\"\ncategory = \"通知\"\ndraft = true\n+++\n",
                ),
                (
                    "later.md",
                    "+++\ntitle = \"以后\"\ndate = \"2026-11-01\"\ncategory = \"通知\"\npublish_at = \"2026-11-20 18:01\"\n+++\n",
                ),
                (
                    "now.md",
                    "+++\ntitle = \"现在\"\ndate = \"2026-11-01\"\ncategory = \"通知\"\npublish_at = \"2026-11-20 18:00\"\n+++\n",
                ),
            ],
            "2026-11-20 18:00",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let slugs: Vec<_> = notices.iter().map(|n| n.slug.as_str()).collect();
        assert_eq!(slugs, ["now"]);
    }

    #[test]
    fn expiry_is_strictly_before_as_of() {
        let (notices, _) = load_all(
            &[(
                "x.md",
                "+++\ntitle = \"x\"\ndate = \"2026-11-01\"\ncategory = \"安全\"\nexpires = \"2026-11-20 18:00\"\n+++\n",
            )],
            "2026-11-20 18:00",
        );
        assert!(!notices[0].is_expired(at("2026-11-20 18:00")));
        assert!(notices[0].is_expired(at("2026-11-20 18:01")));
    }

    #[test]
    fn bad_values_name_key_and_line() {
        let (notices, problems) = load_all(
            &[(
                "bad.md",
                "+++\ntitle = \"x\"\ndate = \"昨天\"\ncategory = \"杂项\"\nexpires = 5\naffected = 3\n+++\n",
            )],
            "2026-11-20 18:00",
        );
        assert!(notices.is_empty());
        let found: Vec<_> = problems
            .iter()
            .map(|d| (d.column.as_deref().unwrap_or(""), d.line))
            .collect();
        assert_eq!(
            found,
            [
                ("date", Some(3)),
                ("expires", Some(5)),
                ("category", Some(4)),
                ("affected", Some(6))
            ]
        );
        assert!(problems.iter().all(|d| d.file == "content/notices/bad.md"));
        assert!(
            problems[1].message.contains("outage（停水停电）")
                || problems[2].message.contains("outage（停水停电）")
        );
    }

    #[test]
    fn unknown_key_is_an_error_with_line() {
        let (_, problems) = load_all(
            &[(
                "x.md",
                "---\ntitle: x\ndate: 2026-11-01\ncategory: 通知\nexpire: 2026-12-01\n---\n",
            )],
            "2026-11-20 18:00",
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, Kind::UnknownFrontMatterKey);
        assert_eq!(problems[0].line, Some(5));
        assert!(problems[0].message.contains("expires"));
    }

    #[test]
    fn duplicate_slugs_name_both_files() {
        let (_, problems) = load_all(
            &[
                (
                    "a.md",
                    "+++\ntitle = \"x\"\ndate = \"2026-11-01\"\ncategory = \"通知\"\nslug = \"same\"\n+++\n",
                ),
                (
                    "same.md",
                    "+++\ntitle = \"y\"\ndate = \"2026-11-01\"\ncategory = \"通知\"\ndraft = true\n+++\n",
                ),
            ],
            "2026-11-20 18:00",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind, Kind::DuplicateSlug);
        assert_eq!(problems[0].file, "content/notices/same.md");
        assert!(problems[0].message.contains("content/notices/a.md"));
    }

    #[test]
    fn unsafe_slugs_are_refused() {
        for slug in ["a/b", "..", "a b", "x.html", "page", ""] {
            let (notices, problems) = load_all(
                &[(
                    "x.md",
                    &format!(
                        "+++\ntitle = \"x\"\ndate = \"2026-11-01\"\ncategory = \"通知\"\nslug = \"{slug}\"\n+++\n"
                    ),
                )],
                "2026-11-20 18:00",
            );
            assert!(notices.is_empty(), "{slug}");
            assert_eq!(problems.len(), 1, "{slug}");
            assert_eq!(problems[0].line, Some(5), "{slug}");
        }
        for slug in ["停水-3栋_2026", "water-outage"] {
            let (notices, problems) = load_all(
                &[(
                    "x.md",
                    &format!(
                        "+++\ntitle = \"x\"\ndate = \"2026-11-01\"\ncategory = \"通知\"\nslug = \"{slug}\"\n+++\n"
                    ),
                )],
                "2026-11-20 18:00",
            );
            assert!(problems.is_empty(), "{slug}");
            assert_eq!(notices[0].slug, slug);
        }
    }

    #[test]
    fn outage_states() {
        let (notices, _) = load_all(
            &[(
                "o.md",
                "+++\ntitle = \"停电\"\ndate = \"2026-11-01\"\ncategory = \"停电\"\nstarts = \"2026-11-21 08:00\"\nends = \"2026-11-21 12:00\"\n+++\n",
            )],
            "2026-11-20 18:00",
        );
        let n = &notices[0];
        assert_eq!(
            n.outage_state(at("2026-11-20 18:00")),
            Some(OutageState::Upcoming)
        );
        assert_eq!(
            n.outage_state(at("2026-11-21 08:00")),
            Some(OutageState::InEffect)
        );
        assert_eq!(
            n.outage_state(at("2026-11-21 12:00")),
            Some(OutageState::Ended)
        );
    }

    #[test]
    fn categories_by_key_name_and_alias() {
        assert_eq!(Category::parse(" Outage "), Some(Category::Outage));
        assert_eq!(Category::parse("停水停电通知"), Some(Category::Outage));
        assert_eq!(Category::parse("业主大会"), Some(Category::Meeting));
        assert_eq!(Category::parse("综合通知"), Some(Category::General));
        assert_eq!(Category::parse("杂项"), None);
    }
}
