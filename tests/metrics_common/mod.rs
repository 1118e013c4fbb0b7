//! Builders for hand-made log fixtures shared by the `metrics_*` tests.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use wuye::config::{self, Config};
use wuye::data::{Channel, Complaint, ComplaintLevel, Logs, Private, Repair, RepairLevel, Survey};

/// `"2026-03-05 14:30"` → the datetime (panics on a typo in a test).
pub fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("test datetime")
}

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

pub fn opt(text: &str) -> Option<NaiveDateTime> {
    Some(at(text))
}

/// A config with the contract's default standards.
pub fn config() -> Config {
    config::parse("name = \"翠湖苑\"\n").expect("config")
}

pub fn config_with(extra: &str) -> Config {
    config::parse(&format!("name = \"翠湖苑\"\n{extra}")).expect("config")
}

pub fn repair(id: &str, reported: &str, level: RepairLevel) -> Repair {
    Repair {
        line: 2,
        id: id.to_string(),
        reported_at: at(reported),
        room: Private::new("1栋101".to_string()),
        contact: Private::new("张先生".to_string()),
        phone: Private::new("13800000000".to_string()),
        category: "水电".to_string(),
        level,
        dispatched_at: None,
        arrived_at: None,
        agreed_at: None,
        delay_reason: Private::new(String::new()),
        completed_at: None,
        passed: None,
        rework_of: None,
        technician: Private::new(String::new()),
        note: Private::new(String::new()),
    }
}

pub fn complaint(id: &str, received: &str) -> Complaint {
    Complaint {
        line: 2,
        id: id.to_string(),
        received_at: at(received),
        channel: Channel::Phone,
        room: Private::new(String::new()),
        contact: Private::new(String::new()),
        phone: Private::new(String::new()),
        category: String::new(),
        level: None,
        ours: None,
        summary: Private::new(String::new()),
        resolved_at: None,
        callback_at: None,
        callback_satisfied: None,
        handler: String::new(),
    }
}

pub fn survey(id: &str, date: &str, overall: f64, scores: Vec<Option<f64>>) -> Survey {
    Survey {
        line: 2,
        id: id.to_string(),
        date: at(date),
        room: Private::new(String::new()),
        overall,
        comment: Private::new(String::new()),
        note: Private::new(String::new()),
        scores,
    }
}

pub fn logs_of_repairs(repairs: Vec<Repair>) -> Logs {
    Logs {
        repairs,
        ..Logs::default()
    }
}

pub fn logs_of_complaints(complaints: Vec<Complaint>) -> Logs {
    Logs {
        complaints,
        ..Logs::default()
    }
}

pub const MAJOR: Option<ComplaintLevel> = Some(ComplaintLevel::Major);
pub const IMPORTANT: Option<ComplaintLevel> = Some(ComplaintLevel::Important);
pub const MINOR: Option<ComplaintLevel> = Some(ComplaintLevel::Minor);

/// `|a − b| < 1e-9`, with a readable failure.
pub fn close(actual: Option<f64>, expected: f64) {
    let value = actual.unwrap_or_else(|| panic!("expected {expected}, got null"));
    assert!(
        (value - expected).abs() < 1e-9,
        "expected {expected}, got {value}"
    );
}
