//! Dates and times as staff type them and spreadsheets export them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(at) = wuye::datetime::parse_datetime(text) {
        // What is accepted prints and reads back to the same minute.
        let printed = wuye::datetime::format_minutes(&at);
        let again = wuye::datetime::parse_datetime(&printed).unwrap();
        assert_eq!(again, at.date().and_time(chrono_minute(at)));
    }
    let _ = wuye::datetime::parse_date(text);
    let _ = wuye::data::values::parse_holiday_date(text);
});

fn chrono_minute(at: chrono::NaiveDateTime) -> chrono::NaiveTime {
    use chrono::Timelike;
    at.time().with_second(0).unwrap().with_nanosecond(0).unwrap()
}
