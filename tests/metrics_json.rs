//! `wuye metrics --format json` has exactly the keys of metrics-json.md,
//! and the table and CSV outputs show the figures as documented.

mod metrics_common;

use metrics_common::*;
use serde_json::Value;
use wuye::data::{Logs, RepairLevel, SurveyLog};
use wuye::metrics::format::{self, Format};
use wuye::metrics::{self, Metrics, PeriodKind};

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn sorted(mut list: Vec<&str>) -> Vec<&str> {
    list.sort_unstable();
    list
}

fn sample() -> (Logs, Metrics) {
    let mut r = repair("R1", "2026-03-02 08:00", RepairLevel::Minor);
    r.completed_at = opt("2026-03-02 10:00");
    r.passed = Some(true);
    let mut c = complaint("C1", "2026-03-02 08:00");
    c.ours = Some(true);
    c.level = MINOR;
    let logs = Logs {
        repairs: vec![r],
        complaints: vec![c],
        surveys: SurveyLog {
            dimensions: vec!["客服".into()],
            responses: vec![survey("S1", "2026-03-05 00:00", 5.0, vec![Some(4.0)])],
        },
        ..Logs::default()
    };
    let metrics = metrics::compute(
        &logs,
        &config_with("households = 8\n"),
        at("2026-05-01 00:00"),
    );
    (logs, metrics)
}

#[test]
fn json_has_exactly_the_documented_keys() {
    let (_, m) = sample();
    let text = format::format(&m, PeriodKind::Month, Format::Json, &config());
    assert!(text.ends_with("}\n"));
    assert!(
        text.contains("\n  \"as_of\": \"2026-05-01 00:00\""),
        "pretty-printed"
    );
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        keys(&json),
        sorted(vec![
            "as_of",
            "repairs",
            "complaints",
            "surveys",
            "escalations"
        ])
    );
    // Months and quarters both, whatever --period says.
    assert_eq!(keys(&json["repairs"]), ["2026-03", "2026Q1"]);

    let repair = &json["repairs"]["2026-03"];
    assert_eq!(
        keys(repair),
        sorted(vec![
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
            "by_level",
            "by_category",
            "completion_hours",
        ])
    );
    assert_eq!(
        keys(&repair["by_level"]),
        sorted(vec!["minor", "medium", "emergency"])
    );
    assert_eq!(
        keys(&repair["completion_hours"]),
        sorted(vec!["minor", "medium", "emergency"])
    );
    assert_eq!(
        keys(&repair["completion_hours"]["minor"]),
        sorted(vec!["n", "median", "p90"])
    );
    assert_eq!(repair["completion_hours"]["minor"]["median"], 2.0);
    assert_eq!(repair["completion_hours"]["medium"]["n"], 0);
    assert_eq!(repair["completion_hours"]["medium"]["median"], Value::Null);
    assert_eq!(repair["dispatch_compliance"], Value::Null);
    assert_eq!(repair["orders"], 1);
    assert!(repair["orders"].is_u64(), "counts are integers");

    let complaint = &json["complaints"]["2026-03"];
    assert_eq!(
        keys(complaint),
        sorted(vec![
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
            "by_level",
            "by_category",
            "by_channel",
        ])
    );
    assert_eq!(
        keys(&complaint["by_level"]),
        sorted(vec!["major", "important", "minor", "unclassified"])
    );
    assert_eq!(keys(&complaint["by_channel"]), ["phone"]);
    assert_eq!(keys(&complaint["by_category"]), [""]);

    let survey = &json["surveys"]["2026-03"];
    assert_eq!(
        keys(survey),
        sorted(vec![
            "responses",
            "satisfied",
            "satisfaction_rate",
            "overall_mean",
            "response_rate",
            "dimensions",
        ])
    );
    assert_eq!(
        keys(&survey["dimensions"]["客服"]),
        sorted(vec!["answered", "satisfied", "rate", "mean"])
    );
    assert_eq!(survey["response_rate"], 0.125);

    // C1: ours, unresolved 60 days at as_of → (a).
    let escalations = json["escalations"].as_array().unwrap();
    assert_eq!(escalations.len(), 1);
    assert_eq!(
        keys(&escalations[0]),
        sorted(vec!["id", "reasons", "level"])
    );
    assert_eq!(escalations[0]["reasons"], serde_json::json!(["a"]));
    assert_eq!(escalations[0]["level"], "minor");
}

#[test]
fn escalations_counted_by_period_of_receipt() {
    let (logs, m) = sample();
    assert_eq!(metrics::escalations_received_in(&m, &logs, "2026Q1"), 1);
    assert_eq!(metrics::escalations_received_in(&m, &logs, "2026-03"), 1);
    assert_eq!(metrics::escalations_received_in(&m, &logs, "2026Q2"), 0);
}

#[test]
fn table_shows_percentages_labels_and_dashes() {
    let (_, m) = sample();
    let zh = format::format(&m, PeriodKind::Month, Format::Table, &config());
    assert!(zh.contains("维修及时率"), "{zh}");
    assert!(zh.contains("100.0%"), "{zh}");
    assert!(zh.contains("—"), "null shown as a dash: {zh}");
    assert!(zh.contains("2026-03"));
    assert!(!zh.contains("2026Q1"), "month table only: {zh}");
    assert!(zh.contains("C1"));
    let quarter = format::format(&m, PeriodKind::Quarter, Format::Table, &config());
    assert!(quarter.contains("2026Q1") && !quarter.contains("2026-03"));
    let en = format::format(
        &m,
        PeriodKind::Month,
        Format::Table,
        &config_with("language = \"en\"\n"),
    );
    assert!(en.contains("Timeliness rate"), "{en}");
    assert!(!en.contains("维修及时率"));
}

#[test]
fn csv_has_stable_english_columns_one_row_per_period() {
    let (_, m) = sample();
    let text = format::format(&m, PeriodKind::Quarter, Format::Csv, &config());
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), format::CSV_COLUMNS.join(","));
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(row.len(), format::CSV_COLUMNS.len());
    assert!(lines.next().is_none(), "one quarter, one row");
    let cell = |name: &str| {
        let i = format::CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
        row[i]
    };
    assert_eq!(cell("period"), "2026Q1");
    assert_eq!(cell("repairs_orders"), "1");
    assert_eq!(cell("repairs_timeliness_rate"), "1");
    assert_eq!(cell("repairs_dispatch_compliance"), "");
    assert_eq!(cell("repairs_minor_hours_median"), "2");
    assert_eq!(cell("complaints_received"), "1");
    assert_eq!(cell("complaints_minor"), "1");
    assert_eq!(cell("surveys_response_rate"), "0.125");
}
