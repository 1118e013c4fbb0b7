//! Shared helpers of the `reports_*` tests: hand-made metrics, rendering
//! the reports without the other stages, and reading the `data-*` figures
//! back out of the HTML.
#![allow(dead_code)]

use serde_json::Value as Json;
use std::collections::BTreeMap;
use wuye::charts::{Chart, Charts};
use wuye::config::Config;
use wuye::content::Content;
use wuye::data::{Channel, Complaint, Logs, Private};
use wuye::diagnostics::Diagnostic;
use wuye::metrics::{
    ComplaintStats, DimensionStats, Escalation, Metrics, RepairStats, Spread, SurveyStats,
};
use wuye::output::OutputTree;
use wuye::render::{Engine, RenderInput};

pub fn ratio(numerator: u64, denominator: u64) -> Option<f64> {
    (denominator > 0).then(|| numerator as f64 / denominator as f64)
}

fn map(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// Repair stats with consistent rates. `levels` = minor, medium, emergency.
pub fn repairs(
    [orders, due, timely]: [u64; 3],
    [inspected, passed, rework]: [u64; 3],
    [dispatched, in_time]: [u64; 2],
    levels: [u64; 3],
    categories: &[(&str, u64)],
    hours: [(Option<f64>, Option<f64>); 3],
) -> RepairStats {
    let completed = due.min(orders);
    let keys = ["minor", "medium", "emergency"];
    RepairStats {
        orders,
        open: orders - completed,
        completed,
        due,
        timely,
        timeliness_rate: ratio(timely, due),
        inspected,
        passed,
        pass_rate: ratio(passed, inspected),
        rework,
        rework_rate: ratio(rework, orders),
        dispatched,
        dispatched_in_time: in_time,
        dispatch_compliance: ratio(in_time, dispatched),
        by_level: keys
            .iter()
            .zip(levels)
            .map(|(k, n)| (k.to_string(), n))
            .collect(),
        by_category: map(categories),
        completion_hours: keys
            .iter()
            .zip(levels)
            .zip(hours)
            .map(|((k, n), (median, p90))| {
                (
                    k.to_string(),
                    Spread {
                        n: if median.is_some() { n } else { 0 },
                        median,
                        p90,
                    },
                )
            })
            .collect(),
    }
}

/// Complaint stats with consistent rates. `levels` = major, important,
/// minor, unclassified.
pub fn complaints(
    [received, resolved, due, on_time]: [u64; 4],
    [callbacks, results, satisfied]: [u64; 3],
    levels: [u64; 4],
    categories: &[(&str, u64)],
    channels: &[(&str, u64)],
) -> ComplaintStats {
    ComplaintStats {
        received,
        resolved,
        resolution_rate: ratio(resolved, received),
        due,
        on_time,
        on_time_rate: ratio(on_time, due),
        callbacks,
        callback_rate: ratio(callbacks, resolved),
        callback_results: results,
        callback_satisfied: satisfied,
        callback_satisfaction: ratio(satisfied, results),
        by_level: ["major", "important", "minor", "unclassified"]
            .iter()
            .zip(levels)
            .map(|(k, n)| (k.to_string(), n))
            .collect(),
        by_category: map(categories),
        by_channel: map(channels),
    }
}

/// Survey stats; `dimensions` = (name, answered, satisfied, mean).
pub fn surveys(
    responses: u64,
    satisfied: u64,
    mean: f64,
    households: Option<u64>,
    dimensions: &[(&str, u64, u64, f64)],
) -> SurveyStats {
    SurveyStats {
        responses,
        satisfied,
        satisfaction_rate: ratio(satisfied, responses),
        overall_mean: (responses > 0).then_some(mean),
        response_rate: households.and_then(|h| ratio(responses, h)),
        dimensions: dimensions
            .iter()
            .map(|(name, answered, ok, mean)| {
                (
                    name.to_string(),
                    DimensionStats {
                        answered: *answered,
                        satisfied: *ok,
                        rate: ratio(*ok, *answered),
                        mean: (*answered > 0).then_some(*mean),
                    },
                )
            })
            .collect(),
    }
}

pub const HOUSEHOLDS: u64 = 1280;

/// A year and a half of an estate's figures, written by hand:
/// 2025Q3 (September only, the first quarter), 2025Q4, 2026Q1, 2026Q2
/// (no surveys at all), 2026Q3.
pub fn sample_metrics() -> Metrics {
    let mut m = Metrics {
        as_of: "2026-09-30 18:00".into(),
        ..Metrics::default()
    };
    let h = |median: f64, p90: f64| (Some(median), Some(p90));
    let r = &mut m.repairs;
    r.insert(
        "2025-09".into(),
        repairs(
            [40, 38, 35],
            [30, 29, 1],
            [40, 37],
            [30, 8, 2],
            &[("水电", 20), ("门窗", 12), ("管道", 8)],
            [h(5.0, 20.0), h(30.0, 70.0), h(1.5, 3.0)],
        ),
    );
    r.insert(
        "2025Q3".into(),
        repairs(
            [40, 38, 35],
            [30, 29, 1],
            [40, 37],
            [30, 8, 2],
            &[("水电", 20), ("门窗", 12), ("管道", 8)],
            [h(5.0, 20.0), h(30.0, 70.0), h(1.5, 3.0)],
        ),
    );
    r.insert(
        "2025Q4".into(),
        repairs(
            [130, 128, 120],
            [100, 97, 3],
            [130, 121],
            [100, 25, 5],
            &[("水电", 60), ("门窗", 40), ("管道", 25), ("电梯", 5)],
            [h(6.0, 22.0), h(40.0, 71.5), h(2.0, 4.0)],
        ),
    );
    r.insert(
        "2026Q1".into(),
        repairs(
            [150, 150, 138],
            [120, 115, 4],
            [148, 139],
            [110, 32, 8],
            &[("水电", 70), ("门窗", 45), ("管道", 30), ("", 5)],
            [h(7.25, 23.0), h(45.0, 72.0), h(2.5, 5.0)],
        ),
    );
    r.insert(
        "2026-03".into(),
        repairs(
            [51, 51, 47],
            [40, 38, 1],
            [50, 47],
            [38, 11, 2],
            &[("水电", 25), ("门窗", 16), ("管道", 10)],
            [h(7.0, 22.0), h(44.0, 70.0), h(2.0, 4.5)],
        ),
    );
    r.insert(
        "2026Q2".into(),
        repairs(
            [140, 139, 131],
            [110, 108, 2],
            [140, 136],
            [105, 30, 5],
            &[("水电", 66), ("门窗", 40), ("管道", 34)],
            [h(6.5, 21.0), h(42.0, 70.0), h(1.8, 3.9)],
        ),
    );
    r.insert(
        "2026Q3".into(),
        repairs(
            [160, 155, 150],
            [125, 123, 2],
            [158, 154],
            [120, 33, 7],
            &[("水电", 80), ("门窗", 44), ("管道", 36)],
            [h(5.5, 19.0), h(38.0, 66.0), h(1.2, 2.9)],
        ),
    );
    let c = &mut m.complaints;
    c.insert(
        "2025Q3".into(),
        complaints(
            [6, 6, 6, 5],
            [6, 5, 4],
            [0, 1, 4, 1],
            &[("噪音", 3), ("保洁", 3)],
            &[("phone", 4), ("visit", 2)],
        ),
    );
    c.insert(
        "2025Q4".into(),
        complaints(
            [14, 13, 14, 12],
            [12, 12, 10],
            [1, 3, 9, 1],
            &[("噪音", 5), ("保洁", 4), ("停车", 5)],
            &[("phone", 8), ("visit", 3), ("online", 2), ("微信群", 1)],
        ),
    );
    c.insert(
        "2026Q1".into(),
        complaints(
            [18, 17, 18, 15],
            [16, 15, 13],
            [1, 4, 12, 1],
            &[("噪音", 6), ("保洁", 5), ("停车", 7)],
            &[("phone", 10), ("visit", 4), ("online", 3), ("", 1)],
        ),
    );
    c.insert(
        "2026Q2".into(),
        complaints(
            [12, 12, 12, 11],
            [12, 11, 10],
            [0, 2, 10, 0],
            &[("噪音", 4), ("保洁", 4), ("停车", 4)],
            &[("phone", 7), ("visit", 3), ("letter", 2)],
        ),
    );
    c.insert(
        "2026Q3".into(),
        complaints(
            [15, 14, 15, 14],
            [14, 14, 13],
            [1, 2, 11, 1],
            &[("噪音", 5), ("保洁", 6), ("停车", 4)],
            &[("phone", 9), ("visit", 4), ("online", 2)],
        ),
    );
    let hh = Some(HOUSEHOLDS);
    let s = &mut m.surveys;
    s.insert(
        "2025Q3".into(),
        surveys(
            60,
            52,
            4.21,
            hh,
            &[("保洁", 60, 50, 4.1), ("维修", 58, 52, 4.3)],
        ),
    );
    s.insert(
        "2025-09".into(),
        surveys(
            60,
            52,
            4.21,
            hh,
            &[("保洁", 60, 50, 4.1), ("维修", 58, 52, 4.3)],
        ),
    );
    s.insert(
        "2025Q4".into(),
        surveys(
            200,
            170,
            4.155,
            hh,
            &[("保洁", 198, 160, 4.0), ("维修", 190, 168, 4.25)],
        ),
    );
    s.insert(
        "2026Q1".into(),
        surveys(
            180,
            158,
            4.3,
            hh,
            &[("保洁", 180, 150, 4.05), ("维修", 175, 160, 4.4)],
        ),
    );
    s.insert(
        "2026-03".into(),
        surveys(
            70,
            61,
            4.28,
            hh,
            &[("保洁", 70, 58, 4.0), ("维修", 68, 62, 4.41)],
        ),
    );
    // 2026Q2: no surveys at all.
    s.insert(
        "2026Q3".into(),
        surveys(
            220,
            199,
            4.4,
            hh,
            &[("保洁", 220, 190, 4.2), ("维修", 210, 200, 4.6)],
        ),
    );
    m.escalations = vec![
        escalation("C-0331", &["b"]),
        escalation("C-0401", &["a"]),
        escalation("C-0402", &["a", "b"]),
    ];
    m
}

pub fn escalation(id: &str, reasons: &[&str]) -> Escalation {
    Escalation {
        id: id.into(),
        reasons: reasons.iter().map(|r| r.to_string()).collect(),
        level: None,
    }
}

pub fn datetime(text: &str) -> chrono::NaiveDateTime {
    wuye::datetime::parse_datetime(text).expect("a date in a test")
}

/// A complaint row with private fields full of text that must never be
/// published.
pub fn complaint(id: &str, received: &str) -> Complaint {
    Complaint {
        line: 2,
        id: id.into(),
        received_at: datetime(received),
        channel: Channel::Phone,
        room: Private::new("9栋1701室".into()),
        contact: Private::new("欧阳秘密".into()),
        phone: Private::new("13912345678".into()),
        category: "噪音".into(),
        level: None,
        ours: Some(true),
        summary: Private::new("楼上深夜装修扰民SECRET".into()),
        resolved_at: None,
        callback_at: None,
        callback_satisfied: None,
        handler: "客服部".into(),
    }
}

/// The complaints behind the escalations of [`sample_metrics`]: one at the
/// last minute of the first quarter, two at the first minute of the second.
pub fn sample_logs() -> Logs {
    Logs {
        complaints: vec![
            complaint("C-0331", "2026-03-31 23:59"),
            complaint("C-0401", "2026-04-01 00:00"),
            complaint("C-0402", "2026-04-02 09:30"),
        ],
        ..Logs::default()
    }
}

/// Charts for some quarters only (so that a missing one must not break).
pub fn sample_charts() -> Charts {
    let mut charts = Charts::default();
    for id in [
        "2026Q3/repair-rates",
        "2026Q3/satisfaction",
        "2026Q1/complaints-by-level",
        "satisfaction",
    ] {
        charts.charts.insert(
            id.to_string(),
            Chart {
                id: id.to_string(),
                title: format!("图表 {id}"),
                svg: format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 120\" class=\"test-chart\" data-chart=\"{id}\"><rect x=\"10\" y=\"10\" width=\"300\" height=\"80\" fill=\"#0b5cad\"/></svg>"
                ),
                table: vec![vec!["月份".into(), "数值".into()]],
            },
        );
    }
    charts
}

pub const CONFIG: &str = r#"
name = "翠湖苑"
company = "澄湖物业服务有限公司"
households = 1280
as_of = "2026-09-30 18:00"

[targets]
timeliness_rate = 0.95
pass_rate = 0.97
rework_rate = 0.02
satisfaction_rate = 0.9
"#;

pub fn config(text: &str) -> Config {
    wuye::config::parse(text).expect("a valid test config")
}

/// Renders only the reports, as `wuye build` would.
pub fn render(
    config: &Config,
    content: &Content,
    logs: &Logs,
    metrics: &Metrics,
    charts: &Charts,
) -> Result<OutputTree, Vec<Diagnostic>> {
    let theme = wuye::theme::embedded();
    let engine = Engine::new(&theme)?;
    let as_of = config.as_of.unwrap_or_else(|| datetime("2026-09-30 18:00"));
    let input = RenderInput {
        config,
        content,
        logs,
        metrics,
        charts,
        theme: &theme,
        as_of,
        warnings: &[],
    };
    wuye::render::reports::render(&input, &engine)
}

pub fn html(tree: &OutputTree, path: &str) -> String {
    let bytes = tree
        .files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not rendered; have {:?}", tree.files.keys()));
    String::from_utf8(bytes.to_vec()).expect("UTF-8 HTML")
}

/// One element carrying a figure: `data-period`, `data-metric`,
/// `data-value` and the text it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    pub period: String,
    pub metric: String,
    pub value: String,
    pub text: String,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every element with a `data-metric` attribute, in document order.
pub fn marked(html: &str) -> Vec<Marked> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(" data-metric=\"") {
        let tag_start = rest[..at].rfind('<').unwrap_or(0);
        let tag_end = at + rest[at..].find('>').expect("a closed tag");
        let tag = &rest[tag_start..=tag_end];
        let after = &rest[tag_end + 1..];
        let text = after[..after.find('<').unwrap_or(after.len())].trim();
        found.push(Marked {
            period: attribute(tag, "data-period").expect("data-period"),
            metric: attribute(tag, "data-metric").expect("data-metric"),
            value: attribute(tag, "data-value").expect("data-value"),
            text: unescape(text),
        });
        rest = &rest[tag_end + 1..];
    }
    found
}

/// Marked figures of one metric in one period.
pub fn figures_of<'a>(found: &'a [Marked], period: &str, metric: &str) -> Vec<&'a Marked> {
    found
        .iter()
        .filter(|m| m.period == period && m.metric == metric)
        .collect()
}

/// The one text shown for a metric of a period (all copies must agree).
pub fn shown(html: &str, period: &str, metric: &str) -> String {
    let found = marked(html);
    let all = figures_of(&found, period, metric);
    assert!(!all.is_empty(), "{metric} of {period} is not shown");
    for m in &all {
        assert_eq!(m.text, all[0].text, "{metric} of {period} shown two ways");
    }
    all[0].text.clone()
}

/// The value a metric path has in the metrics JSON for a period: the JSON
/// as `wuye metrics --format json` prints it (or as serialized here).
/// A period absent from a section means no records: counts 0, figures
/// null. Returns `None` for a name the JSON cannot answer directly
/// (`escalations.count`).
pub fn json_value(
    json: &serde_json::Value,
    period: &str,
    metric: &str,
) -> Option<serde_json::Value> {
    let (section, rest) = metric.split_once('.')?;
    if section == "escalations" {
        return None;
    }
    let stats = json.get(section).and_then(|s| s.get(period));
    // Which parts of the rest are a key (labels may contain dots).
    let path: Vec<&str> = if let Some(label) = rest.strip_prefix("by_category.") {
        vec!["by_category", label]
    } else if let Some(label) = rest.strip_prefix("by_channel.") {
        vec!["by_channel", label]
    } else if let Some(level) = rest.strip_prefix("by_level.") {
        vec!["by_level", level]
    } else if let Some(tail) = rest.strip_prefix("dimensions.") {
        let (name, field) = tail.rsplit_once('.')?;
        vec!["dimensions", name, field]
    } else if let Some(tail) = rest.strip_prefix("completion_hours.") {
        let (level, field) = tail.split_once('.')?;
        vec!["completion_hours", level, field]
    } else {
        vec![rest]
    };
    let is_count = !matches!(
        path.last().copied(),
        Some(
            "timeliness_rate"
                | "pass_rate"
                | "rework_rate"
                | "dispatch_compliance"
                | "resolution_rate"
                | "on_time_rate"
                | "callback_rate"
                | "callback_satisfaction"
                | "satisfaction_rate"
                | "overall_mean"
                | "response_rate"
                | "rate"
                | "mean"
                | "median"
                | "p90"
        )
    ) || matches!(
        path.first().copied(),
        Some("by_category" | "by_channel" | "by_level")
    );
    let mut value = stats;
    for key in &path {
        value = value.and_then(|v| v.get(*key));
    }
    Some(match value {
        Some(v) => v.clone(),
        None if is_count => serde_json::json!(0),
        None => serde_json::Value::Null,
    })
}

/// Checks one marked figure against the JSON: the same number exactly,
/// and the text is that number rounded as the data contract says.
pub fn assert_matches_json(m: &Marked, expected: &serde_json::Value) {
    match expected {
        serde_json::Value::Null => {
            assert_eq!(m.value, "null", "{} of {}", m.metric, m.period);
            assert_eq!(m.text, "—", "{} of {}", m.metric, m.period);
        }
        serde_json::Value::Number(n) => {
            let shown: f64 = m
                .value
                .parse()
                .unwrap_or_else(|_| panic!("{} of {}: {}", m.metric, m.period, m.value));
            let want = n.as_f64().expect("a number");
            assert_eq!(shown, want, "{} of {}", m.metric, m.period);
            assert_eq!(
                m.text,
                display(&m.metric, want),
                "{} of {} is shown wrongly",
                m.metric,
                m.period
            );
        }
        other => panic!("{} of {}: unexpected JSON {other}", m.metric, m.period),
    }
}

/// How the data contract says a value is displayed: percentages with one
/// decimal, means with two, hours with one, counts as integers (half away
/// from zero, on the decimal value the JSON prints).
pub fn display(metric: &str, value: f64) -> String {
    let last = metric.rsplit('.').next().unwrap_or_default();
    let by_label = ["by_category.", "by_channel.", "by_level."]
        .iter()
        .any(|p| metric.contains(p));
    let rate = !by_label
        && matches!(
            last,
            "timeliness_rate"
                | "pass_rate"
                | "rework_rate"
                | "dispatch_compliance"
                | "resolution_rate"
                | "on_time_rate"
                | "callback_rate"
                | "callback_satisfaction"
                | "satisfaction_rate"
                | "response_rate"
                | "rate"
        );
    let mean = !by_label && matches!(last, "overall_mean" | "mean");
    let hours = !by_label && matches!(last, "median" | "p90");
    if rate {
        format!("{}%", decimal_round(value * 100.0, 1))
    } else if mean {
        decimal_round(value, 2)
    } else if hours {
        decimal_round(value, 1)
    } else {
        format!("{}", value as u64)
    }
}

/// Rounds half away from zero by looking at the decimal digits, an
/// implementation independent of the one in the crate.
fn decimal_round(value: f64, decimals: usize) -> String {
    // 12 significant decimals are far beyond what the ratios of counts
    // need, and turn 96.34999999999999 back into 96.35.
    let text = format!("{:.12}", value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
    let keep = int.len() + decimals;
    let round_up = frac.as_bytes().get(decimals).is_some_and(|d| *d >= b'5');
    digits.truncate(keep);
    if round_up {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let int_len = digits.len() - decimals;
    let mut out: String = digits[..int_len]
        .iter()
        .map(|d| (b'0' + d) as char)
        .collect();
    if decimals > 0 {
        out.push('.');
        out.extend(digits[int_len..].iter().map(|d| (b'0' + d) as char));
    }
    let zero = out.bytes().all(|b| b == b'0' || b == b'.');
    if value < 0.0 && !zero {
        out.insert(0, '-');
    }
    out
}

/// The independent reading of an annual figure: counts summed over the
/// year's quarters in the JSON, rates from the summed parts.
pub fn annual_expected(json: &Json, year: &str, metric: &str, households: u64) -> Json {
    let quarters: Vec<String> = (1..=4).map(|q| format!("{year}Q{q}")).collect();
    let sum = |name: &str| -> u64 {
        quarters
            .iter()
            .map(|q| {
                json_value(json, q, name)
                    .and_then(|v| v.as_u64())
                    .unwrap_or(0)
            })
            .sum()
    };
    let rate = |num: &str, den: &str| -> Json {
        let (n, d) = (sum(num), sum(den));
        if d == 0 {
            Json::Null
        } else {
            serde_json::json!(n as f64 / d as f64)
        }
    };
    let weighted = |mean: &str, count: &str| -> Json {
        let (mut total, mut n) = (0.0, 0u64);
        for q in &quarters {
            let m = json_value(json, q, mean).and_then(|v| v.as_f64());
            let c = json_value(json, q, count)
                .and_then(|v| v.as_u64())
                .unwrap_or(0);
            if let Some(m) = m {
                total += m * c as f64;
                n += c;
            }
        }
        if n == 0 {
            Json::Null
        } else {
            serde_json::json!(total / n as f64)
        }
    };
    let ratios = [
        ("repairs.timeliness_rate", "repairs.timely", "repairs.due"),
        ("repairs.pass_rate", "repairs.passed", "repairs.inspected"),
        ("repairs.rework_rate", "repairs.rework", "repairs.orders"),
        (
            "repairs.dispatch_compliance",
            "repairs.dispatched_in_time",
            "repairs.dispatched",
        ),
        (
            "complaints.resolution_rate",
            "complaints.resolved",
            "complaints.received",
        ),
        (
            "complaints.on_time_rate",
            "complaints.on_time",
            "complaints.due",
        ),
        (
            "complaints.callback_rate",
            "complaints.callbacks",
            "complaints.resolved",
        ),
        (
            "complaints.callback_satisfaction",
            "complaints.callback_satisfied",
            "complaints.callback_results",
        ),
        (
            "surveys.satisfaction_rate",
            "surveys.satisfied",
            "surveys.responses",
        ),
    ];
    if let Some((_, num, den)) = ratios.iter().find(|(name, _, _)| *name == metric) {
        return rate(num, den);
    }
    if metric == "surveys.response_rate" {
        return serde_json::json!(sum("surveys.responses") as f64 / households as f64);
    }
    if metric == "surveys.overall_mean" {
        return weighted(metric, "surveys.responses");
    }
    if let Some(dimension) = metric
        .strip_prefix("surveys.dimensions.")
        .and_then(|rest| rest.rsplit_once('.'))
    {
        let (name, field) = dimension;
        let answered = format!("surveys.dimensions.{name}.answered");
        let satisfied = format!("surveys.dimensions.{name}.satisfied");
        return match field {
            "rate" => rate(&satisfied, &answered),
            "mean" => weighted(metric, &answered),
            _ => serde_json::json!(sum(metric)),
        };
    }
    assert!(
        !metric.ends_with(".median") && !metric.ends_with(".p90"),
        "a percentile for a whole year cannot come from quarters: {metric}"
    );
    serde_json::json!(sum(metric))
}
