//! Complaint figures on hand-computed fixtures: working days across a
//! weekend, a holiday and a make-up working day; due and on time; the
//! callback figures; the snapshot.

mod metrics_common;

use metrics_common::*;
use wuye::data::{Channel, Holidays, Logs};
use wuye::metrics;

/// 2026-03-18 (Wed) a holiday, 2026-03-28 (Sat) a make-up working day.
fn calendar() -> Holidays {
    let mut holidays = Holidays::default();
    holidays.holidays.insert(day("2026-03-18"));
    holidays.workdays.insert(day("2026-03-28"));
    holidays
}

fn fixture() -> Logs {
    // Received Fri 03-06 17:00: allowed Mon 9, Tue 10, Wed 11.
    let mut c1 = complaint("C1", "2026-03-06 17:00");
    c1.resolved_at = opt("2026-03-11 23:59"); // on time
    c1.callback_at = opt("2026-03-12 10:00");
    c1.callback_satisfied = Some(true);
    c1.level = MAJOR;
    c1.category = "保洁".into();
    let mut c2 = complaint("C2", "2026-03-06 09:00");
    c2.resolved_at = opt("2026-03-12 00:00"); // Thursday: late
    c2.callback_at = opt("2026-04-03 09:00"); // after as_of: no callback, no result
    c2.callback_satisfied = Some(true);
    c2.level = IMPORTANT;
    c2.channel = Channel::Visit;
    // Received Tue 03-17; Wed 18 is a holiday: allowed Thu 19, Fri 20, Mon 23.
    let mut c3 = complaint("C3", "2026-03-17 10:00");
    c3.resolved_at = opt("2026-03-23 18:00"); // on time
    c3.callback_at = opt("2026-03-24 09:00");
    c3.callback_satisfied = Some(false);
    c3.level = MINOR;
    c3.channel = Channel::Online;
    let mut c4 = complaint("C4", "2026-03-17 10:00");
    c4.resolved_at = opt("2026-03-24 09:00"); // late
    c4.channel = Channel::Letter;
    // Received Fri 03-27; Sat 28 is a make-up working day: allowed Sat 28, Mon 30, Tue 31.
    let mut c5 = complaint("C5", "2026-03-27 10:00");
    c5.resolved_at = opt("2026-03-31 17:00"); // on time
    c5.callback_satisfied = Some(true); // a result without a callback time
    c5.channel = Channel::Other("微信".into());
    let mut c6 = complaint("C6", "2026-03-27 10:00");
    c6.resolved_at = opt("2026-04-01 08:00"); // late
    c6.channel = Channel::Other(String::new());
    // Unresolved, last day Tue 03-31 ended before as_of: due, not on time.
    let mut c7 = complaint("C7", "2026-03-27 15:00");
    c7.callback_satisfied = Some(false); // recorded result on an open complaint
    // Received Mon 03-30: allowed Tue 31, Wed 1, Thu 2: last day not ended.
    let c8 = complaint("C8", "2026-03-30 09:00");
    // Received Tue 03-03: allowed Wed 4, Thu 5, Fri 6; resolved Saturday: late.
    let mut c9 = complaint("C9", "2026-03-03 10:00");
    c9.resolved_at = opt("2026-03-07 10:00");
    // Resolved after as_of: unresolved, not due; its callback result is not recorded.
    let mut c10 = complaint("C10", "2026-03-30 10:00");
    c10.resolved_at = opt("2026-04-05 10:00");
    c10.callback_at = opt("2026-04-06 10:00");
    c10.callback_satisfied = Some(true);
    // Received after as_of: left out (and April has no period).
    let c11 = complaint("C11", "2026-04-02 12:01");
    let mut all = vec![c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11];
    for c in &mut all {
        if c.category.is_empty() && c.id != "C2" {
            c.category = "保洁".into();
        }
    }
    Logs {
        complaints: all,
        holidays: calendar(),
        ..Logs::default()
    }
}

#[test]
fn working_days_due_on_time_and_callbacks() {
    let m = metrics::compute(&fixture(), &config(), at("2026-04-02 12:00"));
    assert_eq!(
        m.complaints.keys().collect::<Vec<_>>(),
        ["2026-03", "2026Q1"]
    );
    let c = &m.complaints["2026-03"];
    assert_eq!(c.received, 10);
    assert_eq!(c.resolved, 7); // C1 C2 C3 C4 C5 C6 C9
    close(c.resolution_rate, 0.7);
    assert_eq!(c.due, 8); // the 7 resolved + C7
    assert_eq!(c.on_time, 3); // C1 C3 C5
    assert_eq!(c.on_time_rate, Some(0.375));
    assert_eq!(c.callbacks, 2); // C1 C3
    close(c.callback_rate, 2.0 / 7.0);
    assert_eq!(c.callback_results, 4); // C1 C3 C5 C7
    assert_eq!(c.callback_satisfied, 2); // C1 C5
    assert_eq!(c.callback_satisfaction, Some(0.5));
    assert_eq!(c.by_level["major"], 1);
    assert_eq!(c.by_level["important"], 1);
    assert_eq!(c.by_level["minor"], 1);
    assert_eq!(c.by_level["unclassified"], 7);
    assert_eq!(c.by_category["保洁"], 9);
    assert_eq!(c.by_category[""], 1);
    assert_eq!(c.by_channel["phone"], 5);
    assert_eq!(c.by_channel["visit"], 1);
    assert_eq!(c.by_channel["online"], 1);
    assert_eq!(c.by_channel["letter"], 1);
    assert_eq!(c.by_channel["微信"], 1);
    assert_eq!(c.by_channel[""], 1);
    assert_eq!(c.by_channel.len(), 6);
    assert_eq!(m.complaints["2026Q1"], *c);
}

/// The last allowed day ends at 00:00 of the next day.
#[test]
fn due_from_midnight_after_the_last_allowed_day() {
    let logs = Logs {
        complaints: vec![complaint("C8", "2026-03-30 09:00")], // last day Thu 04-02
        ..Logs::default()
    };
    let before = metrics::compute(&logs, &config(), at("2026-04-02 23:59"));
    assert_eq!(before.complaints["2026-03"].due, 0);
    assert_eq!(before.complaints["2026-03"].on_time_rate, None);
    let after = metrics::compute(&logs, &config(), at("2026-04-03 00:00"));
    assert_eq!(after.complaints["2026-03"].due, 1);
    assert_eq!(after.complaints["2026-03"].on_time, 0);
    assert_eq!(after.complaints["2026-03"].on_time_rate, Some(0.0));
    let found = metrics::findings(&logs, &config(), at("2026-04-03 00:00"));
    assert_eq!(found.overdue_complaints.len(), 1);
    assert_eq!(
        found.overdue_complaints[0].last_allowed_day,
        day("2026-04-02")
    );
    assert!(
        metrics::findings(&logs, &config(), at("2026-04-02 23:59"))
            .overdue_complaints
            .is_empty()
    );
}

/// Without holidays.csv only weekends are skipped; N is configurable.
#[test]
fn configured_working_days_without_calendar() {
    let mut c = complaint("C", "2026-03-06 17:00"); // Friday
    c.resolved_at = opt("2026-03-09 12:00"); // Monday
    let mut d = complaint("D", "2026-03-06 17:00");
    d.resolved_at = opt("2026-03-10 08:00"); // Tuesday
    let logs = Logs {
        complaints: vec![c, d],
        ..Logs::default()
    };
    let config = config_with("[standards]\ncomplaint_resolve_working_days = 1\n");
    let m = metrics::compute(&logs, &config, at("2026-03-31 00:00"));
    assert_eq!(m.complaints["2026-03"].on_time, 1);
    assert_eq!(m.complaints["2026-03"].due, 2);
}

/// No resolved complaint: callback rate null; no result: satisfaction null.
#[test]
fn zero_denominators_are_null() {
    let logs = Logs {
        complaints: vec![complaint("C", "2026-03-30 09:00")],
        ..Logs::default()
    };
    let m = metrics::compute(&logs, &config(), at("2026-03-30 10:00"));
    let c = &m.complaints["2026-03"];
    assert_eq!(c.resolution_rate, Some(0.0));
    assert_eq!(c.on_time_rate, None);
    assert_eq!(c.callback_rate, None);
    assert_eq!(c.callback_satisfaction, None);
}
