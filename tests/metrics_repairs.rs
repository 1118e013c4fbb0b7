//! Repair figures on hand-computed fixtures (expected values worked out
//! by hand in the comments, not by the code under test).

mod metrics_common;

use metrics_common::*;
use wuye::data::RepairLevel::{Emergency, Medium, Minor};
use wuye::metrics;

/// Every limit exactly met, and missed by one minute (default standards:
/// dispatch 10 min, emergency arrival 30 min, minor 24 h, medium 3 days).
#[test]
fn limits_exactly_met_and_missed_by_one_minute() {
    let mut r1 = repair("R1", "2026-03-02 08:00", Minor);
    r1.dispatched_at = opt("2026-03-02 08:10"); // exactly 10 min: in time
    r1.completed_at = opt("2026-03-03 08:00"); // exactly 24 h: timely
    let mut r2 = repair("R2", "2026-03-02 09:00", Minor);
    r2.dispatched_at = opt("2026-03-02 09:11"); // 11 min: late
    r2.completed_at = opt("2026-03-03 09:01"); // 24 h 1 min: late
    let mut r3 = repair("R3", "2026-03-02 10:00", Medium);
    r3.dispatched_at = opt("2026-03-02 09:55"); // before the report: in time
    r3.completed_at = opt("2026-03-05 10:00"); // exactly 72 h: timely
    let mut r4 = repair("R4", "2026-03-02 10:00", Medium);
    r4.completed_at = opt("2026-03-05 10:01"); // late
    let mut r5 = repair("R5", "2026-03-02 11:00", Emergency);
    r5.arrived_at = opt("2026-03-02 11:30"); // exactly 30 min: timely
    r5.completed_at = opt("2026-03-02 15:00");
    let mut r6 = repair("R6", "2026-03-02 12:00", Emergency);
    r6.arrived_at = opt("2026-03-02 12:31"); // late
    r6.completed_at = opt("2026-03-02 16:00");
    let logs = logs_of_repairs(vec![r1, r2, r3, r4, r5, r6]);

    let m = metrics::compute(&logs, &config(), at("2026-03-31 23:59"));
    assert_eq!(m.repairs.keys().collect::<Vec<_>>(), ["2026-03", "2026Q1"]);
    for key in ["2026-03", "2026Q1"] {
        let r = &m.repairs[key];
        assert_eq!(r.orders, 6);
        assert_eq!(r.completed, 6);
        assert_eq!(r.open, 0);
        assert_eq!(r.due, 6);
        assert_eq!(r.timely, 3);
        assert_eq!(r.timeliness_rate, Some(0.5));
        assert_eq!(r.dispatched, 3);
        assert_eq!(r.dispatched_in_time, 2);
        close(r.dispatch_compliance, 2.0 / 3.0);
        assert_eq!(r.by_level["minor"], 2);
        assert_eq!(r.by_level["medium"], 2);
        assert_eq!(r.by_level["emergency"], 2);
        assert_eq!(r.by_category["水电"], 6);
        // minor: 24 h and 24 h 1 min; median = 24 + 1/120, p90 = 24 + 0.9/60.
        let minor = r.completion_hours["minor"];
        assert_eq!(minor.n, 2);
        close(minor.median, 24.0 + 1.0 / 120.0);
        close(minor.p90, 24.015);
        let medium = r.completion_hours["medium"];
        close(medium.median, 72.0 + 1.0 / 120.0);
        close(medium.p90, 72.015);
        // emergency: completion hours are report → completion, 4 h each.
        let emergency = r.completion_hours["emergency"];
        assert_eq!(emergency.n, 2);
        assert_eq!(emergency.median, Some(4.0));
        assert_eq!(emergency.p90, Some(4.0));
    }
}

/// Agreed times, emergencies, open orders inside and past their deadline,
/// and `as_of` in the middle of the data. as_of = 2026-04-10 12:00.
#[test]
fn agreed_times_open_orders_and_snapshot() {
    // A1: start moves to the agreed time; 24 h after it: timely.
    let mut a1 = repair("A1", "2026-04-01 08:00", Minor);
    a1.agreed_at = opt("2026-04-03 09:00");
    a1.completed_at = opt("2026-04-04 09:00");
    a1.passed = Some(true);
    // A2: medium, 72 h 1 min after the agreed time: late; a rework.
    let mut a2 = repair("A2", "2026-04-01 08:00", Medium);
    a2.agreed_at = opt("2026-04-02 08:00");
    a2.completed_at = opt("2026-04-05 08:01");
    a2.passed = Some(false);
    a2.rework_of = Some("A1".into());
    // A3: an agreed time never moves an emergency: arrival after 60 min is late.
    let mut a3 = repair("A3", "2026-04-01 08:00", Emergency);
    a3.agreed_at = opt("2026-04-01 10:00");
    a3.arrived_at = opt("2026-04-01 09:00");
    a3.completed_at = opt("2026-04-01 12:00");
    // A4: agreed after as_of is kept: deadline 04-13 09:00, not due.
    let mut a4 = repair("A4", "2026-04-05 08:00", Minor);
    a4.agreed_at = opt("2026-04-12 09:00");
    // A5: open past its deadline (04-06 08:00): due, not timely.
    let a5 = repair("A5", "2026-04-05 08:00", Minor);
    // A6: open inside its deadline: not due.
    let a6 = repair("A6", "2026-04-10 11:00", Minor);
    // A7: open emergency, nobody arrived, limit 11:30 passed: due, not timely.
    let a7 = repair("A7", "2026-04-10 11:00", Emergency);
    // A8: open emergency, limit 12:10 not reached: not due.
    let a8 = repair("A8", "2026-04-10 11:40", Emergency);
    // A9: completed emergency without an arrival time: due, not timely.
    let mut a9 = repair("A9", "2026-04-02 08:00", Emergency);
    a9.completed_at = opt("2026-04-02 10:00");
    // A10: reported after as_of: left out entirely.
    let mut a10 = repair("A10", "2026-04-10 12:01", Minor);
    a10.completed_at = opt("2026-04-10 13:00");
    // A11: completion after as_of reads as open; deadline 04-10 08:00
    // passed: due, not timely; its `passed` is ignored while open.
    let mut a11 = repair("A11", "2026-04-09 08:00", Minor);
    a11.completed_at = opt("2026-04-10 13:00");
    a11.passed = Some(true);
    a11.dispatched_at = opt("2026-04-10 12:30"); // after as_of: not dispatched
    // A12: reported exactly at as_of: included, open, not due.
    let a12 = repair("A12", "2026-04-10 12:00", Minor);
    // A13: open emergency that arrived in time: due and timely.
    let mut a13 = repair("A13", "2026-04-08 08:00", Emergency);
    a13.arrived_at = opt("2026-04-08 08:20");
    let logs = logs_of_repairs(vec![a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13]);

    let as_of = at("2026-04-10 12:00");
    let m = metrics::compute(&logs, &config(), as_of);
    assert_eq!(m.as_of, "2026-04-10 12:00");
    assert_eq!(m.repairs.keys().collect::<Vec<_>>(), ["2026-04", "2026Q2"]);
    let r = &m.repairs["2026-04"];
    assert_eq!(r.orders, 12);
    assert_eq!(r.completed, 4); // A1 A2 A3 A9
    assert_eq!(r.open, 8);
    assert_eq!(r.due, 8); // 4 completed + A5 A7 A11 A13
    assert_eq!(r.timely, 2); // A1 A13
    assert_eq!(r.timeliness_rate, Some(0.25));
    assert_eq!(r.inspected, 2);
    assert_eq!(r.passed, 1);
    assert_eq!(r.pass_rate, Some(0.5));
    assert_eq!(r.rework, 1);
    close(r.rework_rate, 1.0 / 12.0);
    assert_eq!(r.dispatched, 0);
    assert_eq!(r.dispatch_compliance, None);
    assert_eq!(r.by_level["minor"], 6);
    assert_eq!(r.by_level["medium"], 1);
    assert_eq!(r.by_level["emergency"], 5);
    // minor: A1 only, 04-01 08:00 → 04-04 09:00 = 73 h (from the report).
    assert_eq!(r.completion_hours["minor"].n, 1);
    assert_eq!(r.completion_hours["minor"].median, Some(73.0));
    assert_eq!(r.completion_hours["minor"].p90, Some(73.0));
    close(r.completion_hours["medium"].median, 96.0 + 1.0 / 60.0);
    // emergency: A3 4 h, A9 2 h → median 3, p90 2 + 0.9·2 = 3.8.
    assert_eq!(r.completion_hours["emergency"].n, 2);
    assert_eq!(r.completion_hours["emergency"].median, Some(3.0));
    close(r.completion_hours["emergency"].p90, 3.8);
    assert_eq!(m.repairs["2026Q2"], *r);

    // Overdue list: open, deadline passed, standard not met; most overdue first.
    let found = metrics::findings(&logs, &config(), as_of);
    let ids: Vec<&str> = found
        .overdue_repairs
        .iter()
        .map(|o| o.repair.id.as_str())
        .collect();
    assert_eq!(ids, ["A5", "A11", "A7"]);
    assert_eq!(found.overdue_repairs[0].deadline, opt("2026-04-06 08:00"));
    assert_eq!(found.overdue_repairs[0].overdue_by.num_hours(), 100);
    assert_eq!(found.overdue_repairs[2].overdue_by.num_minutes(), 30);
}

/// A later `as_of` sees the completion A11 had after the earlier one.
#[test]
fn later_as_of_sees_later_events() {
    let mut a = repair("A", "2026-04-09 08:00", Minor);
    a.completed_at = opt("2026-04-10 08:00"); // exactly 24 h
    let logs = logs_of_repairs(vec![a]);
    let early = metrics::compute(&logs, &config(), at("2026-04-10 07:59"));
    let r = &early.repairs["2026-04"];
    assert_eq!((r.open, r.due, r.timely), (1, 0, 0));
    assert_eq!(r.timeliness_rate, None);
    let late = metrics::compute(&logs, &config(), at("2026-04-10 08:00"));
    let r = &late.repairs["2026-04"];
    assert_eq!((r.open, r.due, r.timely), (0, 1, 1));
    assert_eq!(r.timeliness_rate, Some(1.0));
}

/// Configured standards replace the defaults.
#[test]
fn configured_standards_apply() {
    let mut a = repair("A", "2026-05-04 08:00", Minor);
    a.completed_at = opt("2026-05-04 20:00"); // 12 h
    a.dispatched_at = opt("2026-05-04 08:05");
    let mut b = repair("B", "2026-05-04 08:00", Medium);
    b.completed_at = opt("2026-05-06 08:01"); // 48 h 1 min
    let logs = logs_of_repairs(vec![a, b]);
    let config =
        config_with("[standards]\nminor_hours = 12\nmedium_days = 2\ndispatch_minutes = 4\n");
    let m = metrics::compute(&logs, &config, at("2026-06-01 00:00"));
    let r = &m.repairs["2026-05"];
    assert_eq!(r.timely, 1); // A met 12 h exactly, B missed 2 days by a minute
    assert_eq!(r.dispatched_in_time, 0); // 5 min > 4
}

/// Zero denominators give null, never 0 or 100 %; a rate with a
/// non-zero denominator and nothing counted is 0.
#[test]
fn zero_denominators_are_null() {
    let mut a = repair("A", "2026-05-04 08:00", Minor);
    a.passed = Some(true); // ignored: open
    let logs = logs_of_repairs(vec![a]);
    let m = metrics::compute(&logs, &config(), at("2026-05-04 09:00"));
    let r = &m.repairs["2026-05"];
    assert_eq!(r.due, 0);
    assert_eq!(r.timeliness_rate, None);
    assert_eq!(r.inspected, 0);
    assert_eq!(r.pass_rate, None);
    assert_eq!(r.dispatch_compliance, None);
    assert_eq!(r.rework_rate, Some(0.0));
    for level in ["minor", "medium", "emergency"] {
        let spread = r.completion_hours[level];
        assert_eq!((spread.n, spread.median, spread.p90), (0, None, None));
    }
    // An empty log has no periods at all.
    let none = metrics::compute(&logs, &config(), at("2026-05-04 07:59"));
    assert!(none.repairs.is_empty());
}

/// Percentiles of completion hours with odd and even counts.
#[test]
fn completion_percentiles_odd_and_even() {
    // Completion hours 1, 2, 4, 8, 16 (odd): median 4, p90 12.8.
    let hours = [16, 1, 8, 2, 4];
    let mut repairs = Vec::new();
    for (i, h) in hours.iter().enumerate() {
        let mut r = repair(&format!("M{i}"), "2026-06-01 00:00", Minor);
        r.completed_at = Some(at("2026-06-01 00:00") + chrono::TimeDelta::hours(*h));
        repairs.push(r);
    }
    // Medium: 10, 20, 30, 100 hours (even): median 25, p90 30 + 0.7·70 = 79.
    for (i, h) in [100, 30, 10, 20].iter().enumerate() {
        let mut r = repair(&format!("D{i}"), "2026-06-01 00:00", Medium);
        r.completed_at = Some(at("2026-06-01 00:00") + chrono::TimeDelta::hours(*h));
        repairs.push(r);
    }
    let logs = logs_of_repairs(repairs);
    let m = metrics::compute(&logs, &config(), at("2026-06-30 00:00"));
    let spread = &m.repairs["2026-06"].completion_hours;
    assert_eq!(spread["minor"].n, 5);
    assert_eq!(spread["minor"].median, Some(4.0));
    close(spread["minor"].p90, 12.8);
    assert_eq!(spread["medium"].n, 4);
    assert_eq!(spread["medium"].median, Some(25.0));
    close(spread["medium"].p90, 79.0);
    assert_eq!(spread["emergency"].n, 0);
}
