//! Stage 1: load `wuye.toml`, the estate's configuration.
//!
//! Unknown keys are errors that name the key, its line and the nearest
//! valid key, so a typo never silently falls back to a default.

use crate::diagnostics::{Diagnostic, Kind};
use crate::messages::Lang;
use crate::messages::config::ConfigMsg;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const CONFIG_FILE: &str = "wuye.toml";

/// The whole configuration of one estate.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Estate name, e.g. 翠湖苑.
    pub name: String,
    /// Property management company.
    #[serde(default)]
    pub company: String,
    /// Number of households; enables the survey response rate.
    #[serde(default)]
    pub households: Option<u32>,
    #[serde(default)]
    pub service_phone: String,
    #[serde(default)]
    pub emergency_phone: String,
    #[serde(default)]
    pub service_hours: String,
    #[serde(default)]
    pub address: String,
    /// Where the public site is served, e.g. `https://example.org/notices/`.
    #[serde(default)]
    pub base_url: String,
    #[serde(default)]
    pub language: Lang,
    /// The build's cut-off instant; default: now.
    #[serde(default, with = "optional_datetime")]
    pub as_of: Option<NaiveDateTime>,
    /// Theme folder under `themes/`; files there override the embedded theme.
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub standards: Standards,
    #[serde(default)]
    pub targets: Targets,
    #[serde(default)]
    pub data: DataConfig,
    #[serde(default)]
    pub site: SiteConfig,
    #[serde(default)]
    pub handbook: HandbookConfig,
    #[serde(default)]
    pub charts: ChartsConfig,
    #[serde(default)]
    pub pdf: PdfConfig,
}

fn default_theme() -> String {
    "default".into()
}

/// The service standard's limits (data contract, `[standards]`).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Standards {
    pub dispatch_minutes: u32,
    pub emergency_arrival_minutes: u32,
    pub minor_hours: u32,
    pub medium_days: u32,
    pub complaint_resolve_working_days: u32,
    pub major_unresolved_days: u32,
    pub repeat_window_days: u32,
    pub repeat_threshold: u32,
    pub survey_scale: u32,
    pub satisfied_min: f64,
}

impl Default for Standards {
    fn default() -> Self {
        Standards {
            dispatch_minutes: 10,
            emergency_arrival_minutes: 30,
            minor_hours: 24,
            medium_days: 3,
            complaint_resolve_working_days: 3,
            major_unresolved_days: 30,
            repeat_window_days: 90,
            repeat_threshold: 3,
            survey_scale: 5,
            satisfied_min: 4.0,
        }
    }
}

/// Targets for the key rates (0..=1); a figure below its target (above, for
/// the rework rate) is marked as missed.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Targets {
    pub timeliness_rate: Option<f64>,
    pub pass_rate: Option<f64>,
    /// An upper limit: the rework rate should stay at or below it.
    pub rework_rate: Option<f64>,
    pub dispatch_compliance: Option<f64>,
    pub resolution_rate: Option<f64>,
    pub on_time_rate: Option<f64>,
    pub callback_rate: Option<f64>,
    pub callback_satisfaction: Option<f64>,
    pub satisfaction_rate: Option<f64>,
}

/// Where the logs are and how to read them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct DataConfig {
    /// Per-file encoding override, by file name: `{ "repairs.csv" = "gbk" }`.
    pub encoding: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    /// Notices per list page.
    pub page_size: usize,
    /// Trust raw HTML in Markdown (default: scripts and the like are stripped).
    pub trust_html: bool,
    /// The newest current notices the feed carries (0: all of them). A
    /// feed reader wants the latest news, not years of notices in full.
    pub feed_limit: usize,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            page_size: 10,
            trust_html: false,
            feed_limit: 50,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct HandbookConfig {
    pub title: String,
    pub version: String,
    /// Edition date shown on the cover, e.g. `2026-09-01`.
    pub edition: String,
    /// `chinese` (第一章, 一、（一）), `arabic` (1, 1.1) or `none`.
    pub numbering: String,
    /// `A4` or `A5`.
    pub paper: String,
}

impl Default for HandbookConfig {
    fn default() -> Self {
        HandbookConfig {
            title: String::new(),
            version: String::new(),
            edition: String::new(),
            numbering: "chinese".into(),
            paper: "A4".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct ChartsConfig {
    /// Zoom rate axes to the data instead of 0–100 %.
    pub zoom: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct PdfConfig {
    /// Path of a Chromium or Chrome binary; default: looked up on PATH.
    pub chromium: Option<String>,
}

mod optional_datetime {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<NaiveDateTime>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(t) => s.serialize_str(&t.format("%Y-%m-%d %H:%M").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
        let text = String::deserialize(d)?;
        crate::datetime::parse_datetime(&text)
            .map(Some)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "“{text}” is not a date/time; write it like 2026-03-31 23:59"
                ))
            })
    }
}

/// Every key the config accepts, per table, for "did you mean" hints.
fn known_keys(table: &str) -> &'static [&'static str] {
    match table {
        "standards" => &[
            "dispatch_minutes",
            "emergency_arrival_minutes",
            "minor_hours",
            "medium_days",
            "complaint_resolve_working_days",
            "major_unresolved_days",
            "repeat_window_days",
            "repeat_threshold",
            "survey_scale",
            "satisfied_min",
        ],
        "targets" => &[
            "timeliness_rate",
            "pass_rate",
            "rework_rate",
            "dispatch_compliance",
            "resolution_rate",
            "on_time_rate",
            "callback_rate",
            "callback_satisfaction",
            "satisfaction_rate",
        ],
        "data" => &["encoding"],
        "site" => &["page_size", "trust_html", "feed_limit"],
        "handbook" => &["title", "version", "edition", "numbering", "paper"],
        "charts" => &["zoom"],
        "pdf" => &["chromium"],
        _ => &[
            "name",
            "company",
            "households",
            "service_phone",
            "emergency_phone",
            "service_hours",
            "address",
            "base_url",
            "language",
            "as_of",
            "theme",
            "standards",
            "targets",
            "data",
            "site",
            "handbook",
            "charts",
            "pdf",
        ],
    }
}

/// The valid key closest to a misspelt one.
pub fn nearest_key(table: &str, wrong: &str) -> Option<&'static str> {
    known_keys(table)
        .iter()
        .map(|key| (strsim::damerau_levenshtein(key, wrong), *key))
        .filter(|(distance, key)| *distance <= key.len().max(3) / 2 + 1)
        .min()
        .map(|(_, key)| key)
}

/// Reads and checks `wuye.toml` under `root`.
pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                return Err(vec![Diagnostic::error(
                    CONFIG_FILE,
                    Kind::Encoding,
                    ConfigMsg::NotUtf8.text(Lang::default()),
                )]);
            }
        },
        Err(err) => {
            return Err(vec![Diagnostic::error(
                CONFIG_FILE,
                Kind::Io,
                ConfigMsg::Unreadable {
                    path: &path.display().to_string(),
                    reason: &err.to_string(),
                }
                .text(Lang::default()),
            )]);
        }
    };
    parse(&text)
}

/// Parses config text; every problem becomes a diagnostic on `wuye.toml`.
pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
    // The language decides how errors are phrased, so find it first.
    let lang = toml::from_str::<toml::Table>(text)
        .ok()
        .and_then(|table| table.get("language")?.as_str().and_then(Lang::parse))
        .unwrap_or_default();
    let config: Config = toml::from_str(text).map_err(|err| vec![toml_error(text, &err, lang)])?;
    let problems = check_values(&config, text);
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

fn line_of(text: &str, byte: usize) -> u64 {
    text[..byte.min(text.len())].matches('\n').count() as u64 + 1
}

fn toml_error(text: &str, err: &toml::de::Error, lang: Lang) -> Diagnostic {
    let line = err.span().map(|span| line_of(text, span.start));
    let raw = err.message();
    let mut diagnostic = if let Some(unknown) = raw
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    {
        let table = table_at(text, err.span().map(|s| s.start).unwrap_or(0));
        let suggestion = nearest_key(&table, unknown);
        Diagnostic::error(
            CONFIG_FILE,
            Kind::UnknownKey,
            ConfigMsg::UnknownKey {
                key: unknown,
                table: &table,
                suggestion,
            }
            .text(lang),
        )
        .in_column(unknown)
        .with_value(unknown)
    } else {
        let span_text = err
            .span()
            .and_then(|span| text.get(span))
            .unwrap_or_default()
            .trim()
            .to_string();
        let key = key_at(text, err.span().map(|s| s.start).unwrap_or(0));
        let mut d = Diagnostic::error(
            CONFIG_FILE,
            Kind::ConfigSyntax,
            ConfigMsg::Syntax { detail: raw }.text(lang),
        );
        if let Some(key) = key {
            d = d.in_column(key);
        }
        if !span_text.is_empty() {
            d = d.with_value(span_text);
        }
        d
    };
    diagnostic.line = line;
    diagnostic
}

/// The `[table]` a byte offset lies in ("" for the top level).
fn table_at(text: &str, byte: usize) -> String {
    let before = &text[..byte.min(text.len())];
    before
        .lines()
        .rev()
        .find_map(|line| {
            let line = line.trim();
            line.strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .map(|name| name.trim().to_string())
        })
        .unwrap_or_default()
}

/// The `key =` on the line of a byte offset, if any.
fn key_at(text: &str, byte: usize) -> Option<String> {
    let start = text[..byte.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    Some(key.trim().to_string())
}

/// Value rules that serde cannot express.
fn check_values(config: &Config, text: &str) -> Vec<Diagnostic> {
    let lang = config.language;
    let mut problems = Vec::new();
    let mut bad = |key: &str, value: String, rule: ConfigMsg| {
        let line = text
            .lines()
            .position(|line| line.trim_start().starts_with(key) && line.contains('='))
            .map(|i| i as u64 + 1);
        let mut d = Diagnostic::error(CONFIG_FILE, Kind::BadConfigValue, rule.text(lang))
            .in_column(key)
            .with_value(value);
        d.line = line;
        problems.push(d);
    };
    if config.name.trim().is_empty() {
        bad("name", config.name.clone(), ConfigMsg::EmptyName);
    }
    let s = &config.standards;
    if s.survey_scale < 1 {
        bad(
            "survey_scale",
            s.survey_scale.to_string(),
            ConfigMsg::MustBePositive,
        );
    }
    if s.repeat_threshold < 1 {
        bad(
            "repeat_threshold",
            s.repeat_threshold.to_string(),
            ConfigMsg::MustBePositive,
        );
    }
    if !(1.0..=s.survey_scale as f64).contains(&s.satisfied_min) {
        bad(
            "satisfied_min",
            s.satisfied_min.to_string(),
            ConfigMsg::SatisfiedMinOutOfScale {
                scale: s.survey_scale,
            },
        );
    }
    let t = &config.targets;
    for (key, value) in [
        ("timeliness_rate", t.timeliness_rate),
        ("pass_rate", t.pass_rate),
        ("rework_rate", t.rework_rate),
        ("dispatch_compliance", t.dispatch_compliance),
        ("resolution_rate", t.resolution_rate),
        ("on_time_rate", t.on_time_rate),
        ("callback_rate", t.callback_rate),
        ("callback_satisfaction", t.callback_satisfaction),
        ("satisfaction_rate", t.satisfaction_rate),
    ] {
        if let Some(v) = value
            && !(0.0..=1.0).contains(&v)
        {
            bad(key, v.to_string(), ConfigMsg::TargetOutOfRange);
        }
    }
    if config.site.page_size == 0 {
        bad("page_size", "0".into(), ConfigMsg::MustBePositive);
    }
    if !["chinese", "arabic", "none"].contains(&config.handbook.numbering.as_str()) {
        bad(
            "numbering",
            config.handbook.numbering.clone(),
            ConfigMsg::OneOf {
                choices: "chinese, arabic, none",
            },
        );
    }
    if !["A4", "A5"].contains(&config.handbook.paper.as_str()) {
        bad(
            "paper",
            config.handbook.paper.clone(),
            ConfigMsg::OneOf { choices: "A4, A5" },
        );
    }
    for (file, encoding) in &config.data.encoding {
        if encoding_rs::Encoding::for_label(encoding.as_bytes()).is_none() {
            bad(file, encoding.clone(), ConfigMsg::UnknownEncoding);
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "name = \"翠湖苑\"\n";

    #[test]
    fn minimal_config_takes_contract_defaults() {
        let config = parse(MINIMAL).expect("valid");
        assert_eq!(config.standards.dispatch_minutes, 10);
        assert_eq!(config.standards.emergency_arrival_minutes, 30);
        assert_eq!(config.standards.minor_hours, 24);
        assert_eq!(config.standards.medium_days, 3);
        assert_eq!(config.standards.complaint_resolve_working_days, 3);
        assert_eq!(config.standards.major_unresolved_days, 30);
        assert_eq!(config.standards.repeat_window_days, 90);
        assert_eq!(config.standards.repeat_threshold, 3);
        assert_eq!(config.standards.survey_scale, 5);
        assert_eq!(config.standards.satisfied_min, 4.0);
        assert_eq!(config.language, Lang::ZhCn);
        assert_eq!(config.as_of, None);
    }

    #[test]
    fn unknown_key_names_key_line_and_nearest() {
        let text = "name = \"翠湖苑\"\n\n[standards]\ndispatch_minute = 12\n";
        let errors = parse(text).unwrap_err();
        assert_eq!(errors.len(), 1);
        let e = &errors[0];
        assert_eq!(e.kind, Kind::UnknownKey);
        assert_eq!(e.line, Some(4));
        assert_eq!(e.column.as_deref(), Some("dispatch_minute"));
        assert!(e.message.contains("dispatch_minutes"), "{}", e.message);
    }

    #[test]
    fn unknown_top_level_key_suggests_top_level_name() {
        let errors = parse("name = \"x\"\nhousehold = 3\n").unwrap_err();
        assert_eq!(errors[0].line, Some(2));
        assert!(
            errors[0].message.contains("households"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn as_of_accepts_contract_spellings() {
        let config = parse("name = \"x\"\nas_of = \"2026/4/1 08:00\"\n").unwrap();
        assert_eq!(
            config.as_of.unwrap().format("%Y-%m-%d %H:%M").to_string(),
            "2026-04-01 08:00"
        );
        assert!(parse("name = \"x\"\nas_of = \"tomorrow\"\n").is_err());
    }

    #[test]
    fn english_language_phrases_errors_in_english() {
        let errors = parse("name = \"x\"\nlanguage = \"en\"\nfoo = 1\n").unwrap_err();
        assert!(
            errors[0].message.starts_with("Unknown key"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn bad_values_are_all_reported() {
        let errors = parse("name = \"x\"\n[targets]\npass_rate = 95\n[handbook]\npaper = \"B5\"\n")
            .unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].line, Some(3));
        assert_eq!(errors[1].line, Some(5));
    }
}
