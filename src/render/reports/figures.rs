//! The figures of a committee report: report periods, the stats of one
//! period (a quarter from the metrics, or a year summed from its
//! quarters), figure names as the manager's notes write them, and how a
//! figure is shown.
//!
//! Nothing here reads a log record's private fields: the only use of the
//! logs is to find in which quarter an escalated complaint was received.

use crate::config::{Config, Targets};
use crate::data::LogSource;
use crate::messages::Lang;
use crate::metrics::{ComplaintStats, DimensionStats, Metrics, RepairStats, Spread, SurveyStats};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use std::collections::{BTreeMap, BTreeSet};

pub const REPAIR_LEVELS: [&str; 3] = ["minor", "medium", "emergency"];
pub const COMPLAINT_LEVELS: [&str; 4] = ["major", "important", "minor", "unclassified"];
pub const CHANNELS: [&str; 4] = ["phone", "visit", "online", "letter"];

/// A calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1..=4
    pub number: u32,
}

impl Quarter {
    /// Reads a metrics key such as `2026Q3`.
    pub fn parse(key: &str) -> Option<Quarter> {
        let (year, number) = key.split_once('Q')?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number: u32 = match number {
            "1" => 1,
            "2" => 2,
            "3" => 3,
            "4" => 4,
            _ => return None,
        };
        Some(Quarter {
            year: year.parse().ok()?,
            number,
        })
    }

    pub fn of_date(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            number: (date.month() - 1) / 3 + 1,
        }
    }

    pub fn key(self) -> String {
        format!("{}Q{}", self.year, self.number)
    }

    pub fn previous(self) -> Quarter {
        if self.number == 1 {
            Quarter {
                year: self.year - 1,
                number: 4,
            }
        } else {
            Quarter {
                year: self.year,
                number: self.number - 1,
            }
        }
    }

    /// Month keys of the quarter: `2026-07`, `2026-08`, `2026-09`.
    pub fn months(self) -> Vec<String> {
        let first = (self.number - 1) * 3 + 1;
        (first..first + 3)
            .map(|m| format!("{}-{m:02}", self.year))
            .collect()
    }

    /// The first instant after the quarter.
    pub fn end(self) -> Option<NaiveDateTime> {
        let (year, month) = if self.number == 4 {
            (self.year + 1, 1)
        } else {
            (self.year, self.number * 3 + 1)
        };
        NaiveDate::from_ymd_opt(year, month, 1)?.and_hms_opt(0, 0, 0)
    }

    /// `2026年第三季度` / `Q3 2026`.
    pub fn label(self, lang: Lang) -> String {
        match lang {
            Lang::ZhCn => {
                let name = ["一", "二", "三", "四"]
                    .get(self.number as usize - 1)
                    .copied()
                    .unwrap_or_default();
                format!("{}年第{name}季度", self.year)
            }
            Lang::En => format!("Q{} {}", self.number, self.year),
        }
    }

    /// `第三季度` / `Q3`, for table columns of an annual report.
    pub fn short_label(self, lang: Lang) -> String {
        match lang {
            Lang::ZhCn => {
                let name = ["一", "二", "三", "四"]
                    .get(self.number as usize - 1)
                    .copied()
                    .unwrap_or_default();
                format!("第{name}季度")
            }
            Lang::En => format!("Q{}", self.number),
        }
    }
}

/// `2026-07` → `2026年7月` / `Jul 2026`.
pub fn month_label(key: &str, lang: Lang) -> String {
    let Some((year, month)) = key.split_once('-') else {
        return key.to_string();
    };
    let month: u32 = month.parse().unwrap_or(0);
    match lang {
        Lang::ZhCn => format!("{year}年{month}月"),
        Lang::En => {
            let names = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            let name = names
                .get(month.saturating_sub(1) as usize)
                .copied()
                .unwrap_or("");
            format!("{name} {year}")
        }
    }
}

/// Every quarter that has data: a key in repairs, complaints or surveys.
pub fn quarters_with_data(metrics: &Metrics) -> BTreeSet<Quarter> {
    metrics
        .repairs
        .keys()
        .chain(metrics.complaints.keys())
        .chain(metrics.surveys.keys())
        .filter_map(|key| Quarter::parse(key))
        .collect()
}

/// Number of escalation findings per quarter in which their complaint was
/// received. Escalations carry only ids; the received date comes from the
/// complaints log (aggregated here, nothing else is taken from the rows).
pub fn escalations_by_quarter<L: LogSource + ?Sized>(
    metrics: &Metrics,
    logs: &L,
) -> BTreeMap<Quarter, u64> {
    let logs = logs.compact();
    // Only the escalated ids are looked for in the complaints log.
    let wanted: std::collections::HashSet<&str> =
        metrics.escalations.iter().map(|e| e.id.as_str()).collect();
    let mut received: BTreeMap<&str, i64> = BTreeMap::new();
    for (i, complaint) in logs.complaints.iter().enumerate() {
        let id = logs.complaint_id(i);
        if wanted.contains(id) {
            // The first row with an id is the valid one (data contract).
            received.entry(id).or_insert(complaint.received_at);
        }
    }
    let mut counts = BTreeMap::new();
    for escalation in &metrics.escalations {
        if let Some(at) = received
            .get(escalation.id.as_str())
            .and_then(|t| crate::data::compact::datetime(*t))
        {
            *counts.entry(Quarter::of_date(at.date())).or_insert(0) += 1;
        }
    }
    counts
}

/// The stats of one report period. `None` = no record of that log in the
/// period (counts show 0, rates and means "—").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeriodStats {
    pub repairs: Option<RepairStats>,
    pub complaints: Option<ComplaintStats>,
    pub surveys: Option<SurveyStats>,
    /// Escalation findings received in the period.
    pub escalations: u64,
}

impl PeriodStats {
    /// The stats of a metrics period key as computed (a quarter or month).
    pub fn of_key(metrics: &Metrics, key: &str, escalations: u64) -> PeriodStats {
        PeriodStats {
            repairs: metrics.repairs.get(key).cloned(),
            complaints: metrics.complaints.get(key).cloned(),
            surveys: metrics.surveys.get(key).cloned(),
            escalations,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.repairs.is_none() && self.complaints.is_none() && self.surveys.is_none()
    }

    /// A year from its quarters: counts are summed, rates recomputed from
    /// the summed numerators and denominators, means weighted by their
    /// counts. Percentiles cannot be combined: they stay `None` (the annual
    /// report shows them per quarter).
    pub fn year(quarters: &[&PeriodStats], config: &Config) -> PeriodStats {
        let repairs: Vec<&RepairStats> =
            quarters.iter().filter_map(|q| q.repairs.as_ref()).collect();
        let complaints: Vec<&ComplaintStats> = quarters
            .iter()
            .filter_map(|q| q.complaints.as_ref())
            .collect();
        let surveys: Vec<&SurveyStats> =
            quarters.iter().filter_map(|q| q.surveys.as_ref()).collect();
        PeriodStats {
            repairs: (!repairs.is_empty()).then(|| sum_repairs(&repairs)),
            complaints: (!complaints.is_empty()).then(|| sum_complaints(&complaints)),
            surveys: (!surveys.is_empty()).then(|| sum_surveys(&surveys, config.households)),
            escalations: quarters.iter().map(|q| q.escalations).sum(),
        }
    }
}

fn ratio(numerator: u64, denominator: u64) -> Option<f64> {
    (denominator > 0).then(|| numerator as f64 / denominator as f64)
}

/// Mean of means weighted by their counts; `None` when nothing was counted.
fn weighted_mean(parts: impl Iterator<Item = (Option<f64>, u64)>) -> Option<f64> {
    let (mut total, mut count) = (0.0, 0u64);
    for (mean, n) in parts {
        if let Some(mean) = mean
            && n > 0
        {
            total += mean * n as f64;
            count += n;
        }
    }
    (count > 0).then(|| total / count as f64)
}

fn add_maps(into: &mut BTreeMap<String, u64>, from: &BTreeMap<String, u64>) {
    for (key, n) in from {
        *into.entry(key.clone()).or_insert(0) += n;
    }
}

pub fn sum_repairs(parts: &[&RepairStats]) -> RepairStats {
    let mut s = RepairStats::default();
    for p in parts {
        s.orders += p.orders;
        s.open += p.open;
        s.completed += p.completed;
        s.due += p.due;
        s.timely += p.timely;
        s.inspected += p.inspected;
        s.passed += p.passed;
        s.rework += p.rework;
        s.dispatched += p.dispatched;
        s.dispatched_in_time += p.dispatched_in_time;
        add_maps(&mut s.by_level, &p.by_level);
        add_maps(&mut s.by_category, &p.by_category);
        for (level, spread) in &p.completion_hours {
            s.completion_hours
                .entry(level.clone())
                .or_insert(Spread::default())
                .n += spread.n;
        }
    }
    s.timeliness_rate = ratio(s.timely, s.due);
    s.pass_rate = ratio(s.passed, s.inspected);
    s.rework_rate = ratio(s.rework, s.orders);
    s.dispatch_compliance = ratio(s.dispatched_in_time, s.dispatched);
    s
}

pub fn sum_complaints(parts: &[&ComplaintStats]) -> ComplaintStats {
    let mut s = ComplaintStats::default();
    for p in parts {
        s.received += p.received;
        s.resolved += p.resolved;
        s.due += p.due;
        s.on_time += p.on_time;
        s.callbacks += p.callbacks;
        s.callback_results += p.callback_results;
        s.callback_satisfied += p.callback_satisfied;
        add_maps(&mut s.by_level, &p.by_level);
        add_maps(&mut s.by_category, &p.by_category);
        add_maps(&mut s.by_channel, &p.by_channel);
    }
    s.resolution_rate = ratio(s.resolved, s.received);
    s.on_time_rate = ratio(s.on_time, s.due);
    s.callback_rate = ratio(s.callbacks, s.resolved);
    s.callback_satisfaction = ratio(s.callback_satisfied, s.callback_results);
    s
}

pub fn sum_surveys(parts: &[&SurveyStats], households: Option<u32>) -> SurveyStats {
    let mut s = SurveyStats::default();
    for p in parts {
        s.responses += p.responses;
        s.satisfied += p.satisfied;
        for (name, d) in &p.dimensions {
            let into = s.dimensions.entry(name.clone()).or_default();
            into.answered += d.answered;
            into.satisfied += d.satisfied;
        }
    }
    s.satisfaction_rate = ratio(s.satisfied, s.responses);
    s.overall_mean = weighted_mean(parts.iter().map(|p| (p.overall_mean, p.responses)));
    s.response_rate = households.and_then(|h| ratio(s.responses, u64::from(h)));
    for (name, d) in s.dimensions.iter_mut() {
        d.rate = ratio(d.satisfied, d.answered);
        d.mean = weighted_mean(parts.iter().filter_map(|p| {
            p.dimensions
                .get(name)
                .map(|part: &DimensionStats| (part.mean, part.answered))
        }));
    }
    s
}

/// One figure's value and how to show it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Count(u64),
    /// A fraction in 0..=1, shown as a percentage with one decimal.
    Rate(Option<f64>),
    /// A mean score, shown with two decimals.
    Mean(Option<f64>),
    /// Hours, shown with one decimal.
    Hours(Option<f64>),
}

impl Value {
    pub fn number(self) -> Option<f64> {
        match self {
            Value::Count(n) => Some(n as f64),
            Value::Rate(v) | Value::Mean(v) | Value::Hours(v) => v,
        }
    }

    /// The unrounded value for `data-value`: exactly what the metrics JSON
    /// holds (shortest round-trip spelling), `null` when there is none.
    pub fn data_value(self) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            Value::Rate(v) | Value::Mean(v) | Value::Hours(v) => match v {
                Some(x) => format!("{x}"),
                None => "null".into(),
            },
        }
    }

    /// As printed: `96.3%`, `4.27`, `12.5`, `128`, or `—`.
    pub fn text(self) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            // The same rounding as `wuye metrics` and every other page.
            Value::Rate(Some(x)) => crate::metrics::format::percent(Some(x)),
            Value::Mean(Some(x)) => crate::metrics::format::fixed(Some(x), 2),
            Value::Hours(Some(x)) => crate::metrics::format::fixed(Some(x), 1),
            Value::Rate(None) | Value::Mean(None) | Value::Hours(None) => "—".into(),
        }
    }
}

/// Rounds a change (a difference of two figures, which carries binary
/// noise whatever is done) half away from zero to `decimals` places and
/// prints exactly that many. Binary fractions that are meant as an exact half (0.9635 × 100)
/// are nudged by a relative 1e-9 first, so 96.35 shows as 96.4 as a person
/// computing by hand expects.
pub fn round_half_away(x: f64, decimals: i32) -> String {
    let scale = 10f64.powi(decimals);
    let scaled = x * scale;
    let nudged = scaled + scaled.signum() * scaled.abs().max(1.0) * 1e-9;
    let rounded = nudged.round() / scale;
    // Avoid printing "-0.0".
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    format!("{rounded:.prec$}", prec = decimals.max(0) as usize)
}

/// The change from `previous` to `current`: percentage points for rates,
/// the plain difference for counts, means and hours.
pub fn change(current: Value, previous: Value, lang: Lang) -> (Option<f64>, String) {
    let (Some(now), Some(before)) = (current.number(), previous.number()) else {
        return (None, "—".into());
    };
    match current {
        Value::Count(_) => {
            let diff = now - before;
            (Some(diff), format!("{}{}", sign(diff), diff.abs()))
        }
        Value::Rate(_) => {
            let diff = now - before;
            let points = round_half_away(diff.abs() * 100.0, 1);
            let unit = lang.pick(" 个百分点", " pp");
            let sign = if points.trim_start_matches(['0', '.']).is_empty() {
                "±"
            } else {
                sign(diff)
            };
            (Some(diff), format!("{sign}{points}{unit}"))
        }
        Value::Mean(_) | Value::Hours(_) => {
            let diff = now - before;
            let decimals = if matches!(current, Value::Mean(_)) {
                2
            } else {
                1
            };
            let shown = round_half_away(diff.abs(), decimals);
            let sign = if shown.trim_start_matches(['0', '.']).is_empty() {
                "±"
            } else {
                sign(diff)
            };
            (Some(diff), format!("{sign}{shown}"))
        }
    }
}

fn sign(x: f64) -> &'static str {
    if x > 0.0 {
        "+"
    } else if x < 0.0 {
        "-"
    } else {
        "±"
    }
}

/// The configured target of a figure and whether it is an upper limit.
pub fn target_of(name: &str, targets: &Targets) -> Option<(f64, bool)> {
    let (value, upper) = match name {
        "repairs.timeliness_rate" => (targets.timeliness_rate, false),
        "repairs.pass_rate" => (targets.pass_rate, false),
        "repairs.rework_rate" => (targets.rework_rate, true),
        "repairs.dispatch_compliance" => (targets.dispatch_compliance, false),
        "complaints.resolution_rate" => (targets.resolution_rate, false),
        "complaints.on_time_rate" => (targets.on_time_rate, false),
        "complaints.callback_rate" => (targets.callback_rate, false),
        "complaints.callback_satisfaction" => (targets.callback_satisfaction, false),
        "surveys.satisfaction_rate" => (targets.satisfaction_rate, false),
        _ => (None, false),
    };
    value.map(|v| (v, upper))
}

/// True when a figure misses its target (a null figure misses nothing).
pub fn misses_target(name: &str, value: Value, targets: &Targets) -> bool {
    match (target_of(name, targets), value.number()) {
        (Some((target, true)), Some(v)) => v > target,
        (Some((target, false)), Some(v)) => v < target,
        _ => false,
    }
}

/// Labels that can follow `by_category`, `by_channel` or `dimensions` in a
/// figure name: every label seen in any period of the metrics.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub repair_categories: BTreeSet<String>,
    pub complaint_categories: BTreeSet<String>,
    pub channels: BTreeSet<String>,
    pub dimensions: BTreeSet<String>,
}

impl Known {
    pub fn of(metrics: &Metrics) -> Known {
        let mut known = Known::default();
        for stats in metrics.repairs.values() {
            known
                .repair_categories
                .extend(stats.by_category.keys().cloned());
        }
        for stats in metrics.complaints.values() {
            known
                .complaint_categories
                .extend(stats.by_category.keys().cloned());
            known.channels.extend(stats.by_channel.keys().cloned());
        }
        known
            .channels
            .extend(CHANNELS.iter().map(|c| c.to_string()));
        for stats in metrics.surveys.values() {
            known.dimensions.extend(stats.dimensions.keys().cloned());
        }
        known
    }

    /// Every figure name, for "did you mean" hints.
    pub fn all_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for field in REPAIR_FIELDS {
            names.push(format!("repairs.{field}"));
        }
        for level in REPAIR_LEVELS {
            names.push(format!("repairs.by_level.{level}"));
            for field in ["n", "median", "p90"] {
                names.push(format!("repairs.completion_hours.{level}.{field}"));
            }
        }
        for label in &self.repair_categories {
            names.push(format!("repairs.by_category.{label}"));
        }
        for field in COMPLAINT_FIELDS {
            names.push(format!("complaints.{field}"));
        }
        for level in COMPLAINT_LEVELS {
            names.push(format!("complaints.by_level.{level}"));
        }
        for label in &self.complaint_categories {
            names.push(format!("complaints.by_category.{label}"));
        }
        for label in &self.channels {
            names.push(format!("complaints.by_channel.{label}"));
        }
        for field in SURVEY_FIELDS {
            names.push(format!("surveys.{field}"));
        }
        for dimension in &self.dimensions {
            for field in ["answered", "satisfied", "rate", "mean"] {
                names.push(format!("surveys.dimensions.{dimension}.{field}"));
            }
        }
        names.push("escalations.count".into());
        names
    }

    /// The known name closest to a misspelt one. A name under a label map
    /// (`repairs.by_category.…`) is only matched with names of the same map.
    pub fn suggest(&self, wrong: &str) -> Option<String> {
        let family = label_of(wrong).map(|(prefix, _)| prefix);
        self.all_names()
            .into_iter()
            .filter(|name| family.is_none_or(|prefix| name.starts_with(prefix)))
            .map(|name| (strsim::damerau_levenshtein(&name, wrong), name))
            .filter(|(distance, name)| *distance <= name.chars().count() / 3 + 1)
            .min()
            .map(|(_, name)| name)
    }
}

/// For a name under a label map, the map's prefix and the label:
/// `complaints.by_category.停车` → (`complaints.by_category.`, `停车`);
/// for a survey item, the label is the item's name.
pub fn label_of(name: &str) -> Option<(&'static str, &str)> {
    const MAPS: [&str; 4] = [
        "repairs.by_category.",
        "complaints.by_category.",
        "complaints.by_channel.",
        "surveys.dimensions.",
    ];
    let prefix = MAPS.iter().find(|prefix| name.starts_with(**prefix))?;
    let rest = &name[prefix.len()..];
    let label = if *prefix == "surveys.dimensions." {
        rest.rsplit_once('.').map_or(rest, |(item, _)| item)
    } else {
        rest
    };
    Some((prefix, label))
}

impl Known {}

const REPAIR_FIELDS: [&str; 14] = [
    "orders",
    "open",
    "completed",
    "due",
    "timely",
    "timeliness_rate",
    "inspected",
    "passed",
    "pass_rate",
    "rework",
    "rework_rate",
    "dispatched",
    "dispatched_in_time",
    "dispatch_compliance",
];

const COMPLAINT_FIELDS: [&str; 11] = [
    "received",
    "resolved",
    "resolution_rate",
    "due",
    "on_time",
    "on_time_rate",
    "callbacks",
    "callback_rate",
    "callback_results",
    "callback_satisfied",
    "callback_satisfaction",
];

const SURVEY_FIELDS: [&str; 5] = [
    "responses",
    "satisfied",
    "satisfaction_rate",
    "overall_mean",
    "response_rate",
];

/// The value of a named figure in a period, or `None` when no such figure
/// exists. Names are metric paths as in the metrics JSON
/// (`repairs.timeliness_rate`, `complaints.by_level.major`,
/// `surveys.dimensions.保洁.rate`, `repairs.completion_hours.minor.p90`)
/// plus `escalations.count`. A label (category, channel, dimension) exists
/// when any period of the metrics has it; a period without it counts 0.
pub fn lookup(stats: &PeriodStats, name: &str, known: &Known) -> Option<Value> {
    let (section, rest) = name.split_once('.')?;
    match section {
        "repairs" => {
            let default = RepairStats::default();
            let s = stats.repairs.as_ref().unwrap_or(&default);
            repair_value(s, rest, known)
        }
        "complaints" => {
            let default = ComplaintStats::default();
            let s = stats.complaints.as_ref().unwrap_or(&default);
            complaint_value(s, rest, known)
        }
        "surveys" => {
            let default = SurveyStats::default();
            let s = stats.surveys.as_ref().unwrap_or(&default);
            survey_value(s, rest, known)
        }
        "escalations" if rest == "count" => Some(Value::Count(stats.escalations)),
        _ => None,
    }
}

fn count_in(map: &BTreeMap<String, u64>, key: &str) -> Value {
    Value::Count(map.get(key).copied().unwrap_or(0))
}

fn repair_value(s: &RepairStats, rest: &str, known: &Known) -> Option<Value> {
    if let Some(level) = rest.strip_prefix("by_level.") {
        return REPAIR_LEVELS
            .contains(&level)
            .then(|| count_in(&s.by_level, level));
    }
    if let Some(label) = rest.strip_prefix("by_category.") {
        return known
            .repair_categories
            .contains(label)
            .then(|| count_in(&s.by_category, label));
    }
    if let Some(path) = rest.strip_prefix("completion_hours.") {
        let (level, field) = path.split_once('.')?;
        if !REPAIR_LEVELS.contains(&level) {
            return None;
        }
        let spread = s.completion_hours.get(level).copied().unwrap_or_default();
        return match field {
            "n" => Some(Value::Count(spread.n)),
            "median" => Some(Value::Hours(spread.median)),
            "p90" => Some(Value::Hours(spread.p90)),
            _ => None,
        };
    }
    Some(match rest {
        "orders" => Value::Count(s.orders),
        "open" => Value::Count(s.open),
        "completed" => Value::Count(s.completed),
        "due" => Value::Count(s.due),
        "timely" => Value::Count(s.timely),
        "timeliness_rate" => Value::Rate(s.timeliness_rate),
        "inspected" => Value::Count(s.inspected),
        "passed" => Value::Count(s.passed),
        "pass_rate" => Value::Rate(s.pass_rate),
        "rework" => Value::Count(s.rework),
        "rework_rate" => Value::Rate(s.rework_rate),
        "dispatched" => Value::Count(s.dispatched),
        "dispatched_in_time" => Value::Count(s.dispatched_in_time),
        "dispatch_compliance" => Value::Rate(s.dispatch_compliance),
        _ => return None,
    })
}

fn complaint_value(s: &ComplaintStats, rest: &str, known: &Known) -> Option<Value> {
    if let Some(level) = rest.strip_prefix("by_level.") {
        return COMPLAINT_LEVELS
            .contains(&level)
            .then(|| count_in(&s.by_level, level));
    }
    if let Some(label) = rest.strip_prefix("by_category.") {
        return known
            .complaint_categories
            .contains(label)
            .then(|| count_in(&s.by_category, label));
    }
    if let Some(label) = rest.strip_prefix("by_channel.") {
        return known
            .channels
            .contains(label)
            .then(|| count_in(&s.by_channel, label));
    }
    Some(match rest {
        "received" => Value::Count(s.received),
        "resolved" => Value::Count(s.resolved),
        "resolution_rate" => Value::Rate(s.resolution_rate),
        "due" => Value::Count(s.due),
        "on_time" => Value::Count(s.on_time),
        "on_time_rate" => Value::Rate(s.on_time_rate),
        "callbacks" => Value::Count(s.callbacks),
        "callback_rate" => Value::Rate(s.callback_rate),
        "callback_results" => Value::Count(s.callback_results),
        "callback_satisfied" => Value::Count(s.callback_satisfied),
        "callback_satisfaction" => Value::Rate(s.callback_satisfaction),
        _ => return None,
    })
}

fn survey_value(s: &SurveyStats, rest: &str, known: &Known) -> Option<Value> {
    if let Some(path) = rest.strip_prefix("dimensions.") {
        let (dimension, field) = path.rsplit_once('.')?;
        if !known.dimensions.contains(dimension) {
            return None;
        }
        let d = s.dimensions.get(dimension).copied().unwrap_or_default();
        return match field {
            "answered" => Some(Value::Count(d.answered)),
            "satisfied" => Some(Value::Count(d.satisfied)),
            "rate" => Some(Value::Rate(d.rate)),
            "mean" => Some(Value::Mean(d.mean)),
            _ => None,
        };
    }
    Some(match rest {
        "responses" => Value::Count(s.responses),
        "satisfied" => Value::Count(s.satisfied),
        "satisfaction_rate" => Value::Rate(s.satisfaction_rate),
        "overall_mean" => Value::Mean(s.overall_mean),
        "response_rate" => Value::Rate(s.response_rate),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_parse_and_step_back_over_the_year() {
        let q = Quarter::parse("2026Q1").unwrap();
        assert_eq!(q.previous().key(), "2025Q4");
        assert_eq!(Quarter::parse("2026Q3").unwrap().previous().key(), "2026Q2");
        assert_eq!(Quarter::parse("2026-03"), None);
        assert_eq!(Quarter::parse("2026Q0"), None);
        assert_eq!(q.months(), ["2026-01", "2026-02", "2026-03"]);
        assert_eq!(
            Quarter::parse("2026Q4").unwrap().months(),
            ["2026-10", "2026-11", "2026-12"]
        );
        assert_eq!(q.label(Lang::ZhCn), "2026年第一季度");
        assert_eq!(
            Quarter::parse("2026Q3").unwrap().label(Lang::ZhCn),
            "2026年第三季度"
        );
        assert_eq!(q.label(Lang::En), "Q1 2026");
        assert_eq!(
            Quarter::parse("2026Q4").unwrap().end().unwrap().to_string(),
            "2027-01-01 00:00:00"
        );
    }

    #[test]
    fn the_last_minute_of_march_is_q1_and_the_first_of_april_q2() {
        let d = |s: &str| crate::datetime::parse_datetime(s).unwrap().date();
        assert_eq!(Quarter::of_date(d("2026-03-31 23:59")).key(), "2026Q1");
        assert_eq!(Quarter::of_date(d("2026-04-01 00:00")).key(), "2026Q2");
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(Value::Rate(Some(0.9635)).text(), "96.4%");
        assert_eq!(Value::Rate(Some(0.96349)).text(), "96.3%");
        assert_eq!(Value::Rate(Some(1.0)).text(), "100.0%");
        assert_eq!(Value::Rate(Some(0.0)).text(), "0.0%");
        assert_eq!(Value::Rate(Some(1.0 / 3.0)).text(), "33.3%");
        assert_eq!(Value::Mean(Some(4.125)).text(), "4.13");
        assert_eq!(Value::Mean(Some(4.0)).text(), "4.00");
        assert_eq!(Value::Hours(Some(2.25)).text(), "2.3");
        assert_eq!(Value::Rate(None).text(), "—");
        assert_eq!(Value::Count(0).text(), "0");
        assert_eq!(round_half_away(-1.25, 1), "-1.3");
        assert_eq!(round_half_away(-0.04, 1), "0.0");
    }

    #[test]
    fn data_values_round_trip_exactly() {
        let x = 0.1 + 0.2;
        let shown = Value::Rate(Some(x)).data_value();
        assert_eq!(shown.parse::<f64>().unwrap(), x);
        assert_eq!(Value::Rate(None).data_value(), "null");
        assert_eq!(Value::Count(17).data_value(), "17");
    }

    #[test]
    fn change_is_in_percentage_points_for_rates() {
        let (diff, text) = change(
            Value::Rate(Some(0.95)),
            Value::Rate(Some(0.938)),
            Lang::ZhCn,
        );
        assert!((diff.unwrap() - 0.012).abs() < 1e-12);
        assert_eq!(text, "+1.2 个百分点");
        let (_, text) = change(Value::Rate(Some(0.9)), Value::Rate(Some(0.925)), Lang::En);
        assert_eq!(text, "-2.5 pp");
        let (_, text) = change(Value::Count(40), Value::Count(52), Lang::ZhCn);
        assert_eq!(text, "-12");
        let (_, text) = change(Value::Count(52), Value::Count(52), Lang::ZhCn);
        assert_eq!(text, "±0");
        let (diff, text) = change(Value::Rate(None), Value::Rate(Some(0.9)), Lang::ZhCn);
        assert_eq!((diff, text.as_str()), (None, "—"));
        let (diff, text) = change(Value::Rate(Some(0.9)), Value::Rate(None), Lang::ZhCn);
        assert_eq!((diff, text.as_str()), (None, "—"));
    }

    #[test]
    fn rework_rate_target_is_an_upper_limit() {
        let targets = Targets {
            rework_rate: Some(0.02),
            timeliness_rate: Some(0.95),
            ..Targets::default()
        };
        assert!(misses_target(
            "repairs.rework_rate",
            Value::Rate(Some(0.021)),
            &targets
        ));
        assert!(!misses_target(
            "repairs.rework_rate",
            Value::Rate(Some(0.02)),
            &targets
        ));
        assert!(misses_target(
            "repairs.timeliness_rate",
            Value::Rate(Some(0.949)),
            &targets
        ));
        assert!(!misses_target(
            "repairs.timeliness_rate",
            Value::Rate(Some(0.95)),
            &targets
        ));
        assert!(!misses_target(
            "repairs.timeliness_rate",
            Value::Rate(None),
            &targets
        ));
        assert!(!misses_target(
            "repairs.pass_rate",
            Value::Rate(Some(0.1)),
            &targets
        ));
    }

    fn repairs(timely: u64, due: u64, orders: u64) -> RepairStats {
        RepairStats {
            orders,
            due,
            timely,
            timeliness_rate: ratio(timely, due),
            by_level: [("minor".to_string(), orders)].into_iter().collect(),
            by_category: [("水电".to_string(), orders)].into_iter().collect(),
            completion_hours: [(
                "minor".to_string(),
                Spread {
                    n: orders,
                    median: Some(3.0),
                    p90: Some(9.0),
                },
            )]
            .into_iter()
            .collect(),
            ..RepairStats::default()
        }
    }

    #[test]
    fn a_year_sums_counts_and_recomputes_rates_from_them() {
        let q1 = PeriodStats {
            repairs: Some(repairs(9, 10, 12)),
            escalations: 1,
            ..PeriodStats::default()
        };
        let q2 = PeriodStats {
            repairs: Some(repairs(1, 2, 3)),
            escalations: 2,
            ..PeriodStats::default()
        };
        let config = crate::config::parse("name = \"x\"\n").unwrap();
        let year = PeriodStats::year(&[&q1, &q2], &config);
        let r = year.repairs.as_ref().unwrap();
        assert_eq!(r.orders, 15);
        assert_eq!(r.timely, 10);
        assert_eq!(r.due, 12);
        // 10/12, not the mean of 90% and 50%.
        assert_eq!(r.timeliness_rate, Some(10.0 / 12.0));
        assert_eq!(r.by_level.get("minor"), Some(&15));
        assert_eq!(r.by_category.get("水电"), Some(&15));
        let hours = r.completion_hours.get("minor").unwrap();
        assert_eq!((hours.n, hours.median, hours.p90), (15, None, None));
        assert_eq!(year.escalations, 3);
        assert!(year.complaints.is_none());
    }

    #[test]
    fn a_year_weights_survey_means_by_their_counts() {
        let part = |responses: u64, satisfied: u64, mean: f64| SurveyStats {
            responses,
            satisfied,
            satisfaction_rate: ratio(satisfied, responses),
            overall_mean: Some(mean),
            response_rate: None,
            dimensions: [(
                "保洁".to_string(),
                DimensionStats {
                    answered: responses,
                    satisfied,
                    rate: ratio(satisfied, responses),
                    mean: Some(mean),
                },
            )]
            .into_iter()
            .collect(),
        };
        let s = sum_surveys(&[&part(3, 3, 5.0), &part(1, 0, 1.0)], Some(100));
        assert_eq!(s.responses, 4);
        assert_eq!(s.satisfaction_rate, Some(0.75));
        assert_eq!(s.overall_mean, Some(4.0));
        assert_eq!(s.response_rate, Some(0.04));
        let d = s.dimensions.get("保洁").unwrap();
        assert_eq!((d.answered, d.rate, d.mean), (4, Some(0.75), Some(4.0)));
        assert_eq!(sum_surveys(&[&part(3, 3, 5.0)], None).response_rate, None);
    }

    #[test]
    fn names_resolve_against_the_metrics_shape() {
        let mut metrics = Metrics::default();
        metrics.repairs.insert("2026Q1".into(), repairs(9, 10, 12));
        let known = Known::of(&metrics);
        let stats = PeriodStats::of_key(&metrics, "2026Q1", 2);
        let get = |name: &str| lookup(&stats, name, &known);
        assert_eq!(get("repairs.timely"), Some(Value::Count(9)));
        assert_eq!(get("repairs.timeliness_rate"), Some(Value::Rate(Some(0.9))));
        assert_eq!(get("repairs.by_level.minor"), Some(Value::Count(12)));
        assert_eq!(get("repairs.by_level.emergency"), Some(Value::Count(0)));
        assert_eq!(get("repairs.by_level.urgent"), None);
        assert_eq!(get("repairs.by_category.水电"), Some(Value::Count(12)));
        assert_eq!(get("repairs.by_category.电梯"), None);
        assert_eq!(
            get("repairs.completion_hours.minor.p90"),
            Some(Value::Hours(Some(9.0)))
        );
        assert_eq!(
            get("repairs.completion_hours.medium.median"),
            Some(Value::Hours(None))
        );
        assert_eq!(get("escalations.count"), Some(Value::Count(2)));
        // No complaints in the period: counts 0, rates "—".
        assert_eq!(get("complaints.received"), Some(Value::Count(0)));
        assert_eq!(get("complaints.on_time_rate"), Some(Value::Rate(None)));
        assert_eq!(get("complaints.by_channel.phone"), Some(Value::Count(0)));
        assert_eq!(get("surveys.satisfaction_rate"), Some(Value::Rate(None)));
        assert_eq!(get("surveys.dimensions.保洁.rate"), None);
        assert_eq!(get("repairs.timelines_rate"), None);
        assert_eq!(get("timeliness_rate"), None);
        assert_eq!(get("escalations"), None);
        assert_eq!(
            known.suggest("repairs.timelines_rate").as_deref(),
            Some("repairs.timeliness_rate")
        );
        assert_eq!(known.suggest("zzz"), None);
        // A label is only matched with labels of its own map.
        assert_eq!(known.suggest("complaints.by_category.停车"), None);
        assert_eq!(
            label_of("surveys.dimensions.保洁.rate"),
            Some(("surveys.dimensions.", "保洁"))
        );
        assert_eq!(
            label_of("complaints.by_channel."),
            Some(("complaints.by_channel.", ""))
        );
        assert_eq!(label_of("repairs.orders"), None);
    }
}
