//! Escalation criteria (a) and (b) and the "approaching major" list on
//! hand-made fixtures. Defaults: major_unresolved_days 30,
//! repeat_window_days 90, repeat_threshold 3. as_of = 2026-06-30 12:00.

mod metrics_common;

use metrics_common::*;
use wuye::data::{Complaint, Logs, Private};
use wuye::metrics;

fn ours(mut c: Complaint) -> Complaint {
    c.ours = Some(true);
    c
}

fn series(id: &str, received: &str, room: &str, category: &str) -> Complaint {
    let mut c = complaint(id, received);
    c.room = Private::new(room.to_string());
    c.category = category.to_string();
    c.level = MINOR;
    c
}

fn fixture() -> Logs {
    // --- criterion (a) ---
    // Exactly 30 days unresolved at as_of: not "more than".
    let mut e1 = ours(complaint("E1", "2026-05-31 12:00"));
    e1.level = MINOR;
    // 30 days and 1 minute: (a); unclassified → level null.
    let e2 = ours(complaint("E2", "2026-05-31 11:59"));
    // Resolved 30 days 1 minute after receipt: (a).
    let mut e3 = ours(complaint("E3", "2026-04-01 08:00"));
    e3.resolved_at = opt("2026-05-01 08:01");
    e3.level = IMPORTANT;
    // Resolved exactly 30 days after: not (a).
    let mut e4 = ours(complaint("E4", "2026-04-01 08:00"));
    e4.resolved_at = opt("2026-05-01 08:00");
    // Not our responsibility: never (a).
    let mut e5 = complaint("E5", "2026-03-01 08:00");
    e5.ours = Some(false);
    // Major already: not a finding.
    let mut e6 = ours(complaint("E6", "2026-04-01 08:00"));
    e6.level = MAJOR;
    // Resolved after as_of: unresolved then, 60 days: (a).
    let mut e7 = ours(complaint("E7", "2026-05-01 10:00"));
    e7.resolved_at = opt("2026-07-05 10:00");
    e7.level = MINOR;
    // `ours` not recorded: not (a).
    let e8 = complaint("E8", "2026-03-01 08:00");
    // Exactly 7 days short of the threshold: approaching.
    let e9 = ours(complaint("E9", "2026-06-07 12:00"));
    // 7 days and 1 minute short: not yet approaching.
    let e10 = ours(complaint("E10", "2026-06-07 12:01"));

    // --- criterion (b): room 3-101, category 噪音 ---
    let mut b1 = series("B1", "2026-01-10 09:00", "3-101", "噪音");
    b1.resolved_at = opt("2026-01-11 09:00");
    let mut b2 = series("B2", "2026-02-10 09:00", "3-101", "噪音"); // 2nd: no
    b2.resolved_at = opt("2026-02-11 09:00");
    // Exactly 90 days after B1: window boundary inclusive → 3 → finding.
    let mut b3 = series("B3", "2026-04-10 09:00", "3-101", "噪音");
    b3.resolved_at = opt("2026-04-11 09:00");
    b3.ours = Some(false);
    // One minute later B1 is out of its window: B2 B3 B4 → 3 → finding;
    // also ours, unresolved 81 days → (a).
    let mut b4 = ours(series("B4", "2026-04-10 09:01", "3-101 ", "噪音"));
    b4.level = IMPORTANT;
    // B3 B4 B5 → 3, but recorded as major: not a finding.
    let mut b5 = series("B5", "2026-06-20 09:00", "3-101", "噪音");
    b5.level = MAJOR;
    b5.resolved_at = opt("2026-06-21 09:00");
    // Same room, other category: a series of its own (1).
    let mut b6 = series("B6", "2026-04-11 09:00", "3-101", "保洁");
    b6.resolved_at = opt("2026-04-12 09:00");
    // After as_of: left out.
    let b7 = series("B7", "2026-07-01 09:00", "3-101", "噪音");
    // Empty room or category never forms a series.
    let mut empties = Vec::new();
    for (i, received) in ["2026-06-01 09:00", "2026-06-02 09:00", "2026-06-03 09:00"]
        .iter()
        .enumerate()
    {
        let mut n = series(&format!("N{i}"), received, "", "噪音");
        n.resolved_at = opt("2026-06-04 09:00");
        empties.push(n);
        let mut k = series(&format!("K{i}"), received, "5-202", "");
        k.resolved_at = opt("2026-06-04 09:00");
        empties.push(k);
    }
    let mut complaints = vec![
        e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, b1, b2, b3, b4, b5, b6, b7,
    ];
    complaints.extend(empties);
    Logs {
        complaints,
        ..Logs::default()
    }
}

#[test]
fn escalation_findings_a_and_b() {
    let m = metrics::compute(&fixture(), &config(), at("2026-06-30 12:00"));
    let found: Vec<(&str, Vec<&str>, Option<&str>)> = m
        .escalations
        .iter()
        .map(|e| {
            (
                e.id.as_str(),
                e.reasons.iter().map(String::as_str).collect(),
                e.level.map(|l| l.key()),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("B3", vec!["b"], Some("minor")),
            ("B4", vec!["a", "b"], Some("important")),
            ("E2", vec!["a"], None),
            ("E3", vec!["a"], Some("important")),
            ("E7", vec!["a"], Some("minor")),
        ]
    );
    let json = serde_json::to_value(&m.escalations).unwrap();
    assert_eq!(
        json[1],
        serde_json::json!({"id": "B4", "reasons": ["a", "b"], "level": "important"})
    );
    assert_eq!(json[2]["level"], serde_json::Value::Null);
}

#[test]
fn internal_findings_carry_details_and_approaching_list() {
    let logs = fixture();
    let found = metrics::findings(&logs, &config(), at("2026-06-30 12:00"));
    assert_eq!(found.escalations.len(), 5);
    let b4 = &found.escalations[1];
    assert_eq!(b4.complaint.id, "B4");
    assert_eq!(b4.repeats, 3);
    assert_eq!(b4.resolved_at, None);
    assert_eq!(b4.open_for.num_days(), 81);
    let e7 = &found.escalations[4];
    assert_eq!(e7.complaint.id, "E7");
    assert_eq!(e7.resolved_at, None); // resolved only after as_of
    let approaching: Vec<(&str, i64)> = found
        .approaching_major
        .iter()
        .map(|a| (a.complaint.id.as_str(), a.remaining.num_minutes()))
        .collect();
    assert_eq!(approaching, vec![("E1", 0), ("E9", 7 * 24 * 60)]);
    assert_eq!(
        found.approaching_major[0].threshold_at,
        opt("2026-06-30 12:00")
    );
}

/// An earlier as_of: B4 is then only (b), E2 not yet (a).
#[test]
fn escalations_follow_the_snapshot() {
    let m = metrics::compute(&fixture(), &config(), at("2026-04-10 09:01"));
    let ids: Vec<(&str, usize)> = m
        .escalations
        .iter()
        .map(|e| (e.id.as_str(), e.reasons.len()))
        .collect();
    // E5 E8: not ours; B3 (b); B4 (b) at the very minute it is received.
    assert_eq!(ids, vec![("B3", 1), ("B4", 1)]);
    assert_eq!(m.escalations[1].reasons, ["b"]);
}

/// The configured window and threshold apply.
#[test]
fn configured_window_and_threshold() {
    let logs = fixture();
    let config = config_with("[standards]\nrepeat_threshold = 2\nrepeat_window_days = 30\n");
    let m = metrics::compute(&logs, &config, at("2026-06-30 12:00"));
    let b: Vec<&str> = m
        .escalations
        .iter()
        .filter(|e| e.reasons.contains(&"b".to_string()))
        .map(|e| e.id.as_str())
        .collect();
    // Within 30 days of each other: B1–B2 (31 days: no), B2–B3 (59: no),
    // B3–B4 (1 minute: B4 yes), B4–B5 (71 days: no).
    assert_eq!(b, vec!["B4"]);
}
