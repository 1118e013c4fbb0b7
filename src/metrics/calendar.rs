//! Working days for the complaint time limit: Saturdays, Sundays and the
//! holidays of `holidays.csv` are skipped; a make-up working day listed
//! there (`workday`/班) counts even when it falls on a weekend.

use crate::data::Holidays;
use chrono::{Datelike, NaiveDate, Weekday};

/// True when `date` is a working day under `holidays`.
pub fn is_working_day(date: NaiveDate, holidays: &Holidays) -> bool {
    if holidays.workdays.contains(&date) {
        // A make-up working day wins; the loader refuses a date listed
        // with both kinds, so the order of these checks only matters for
        // hand-built calendars.
        return true;
    }
    if holidays.holidays.contains(&date) {
        return false;
    }
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The last day on which a complaint received on `received` is still
/// handled on time: the `n`-th working day after `received` (the day of
/// receipt itself is never counted; with `n` = 0 it is the day of receipt).
///
/// Every comparison the metrics make with this day involves dates on or
/// before `horizon` (the `as_of` date), so the walk stops as soon as it
/// passes `horizon` and returns that later day: any day after `horizon`
/// compares the same way. This keeps an absurd configured `n` from
/// walking millions of days.
pub fn last_allowed_day(
    received: NaiveDate,
    n: u32,
    holidays: &Holidays,
    horizon: NaiveDate,
) -> NaiveDate {
    let mut day = received;
    let mut counted = 0u32;
    while counted < n {
        let Some(next) = day.succ_opt() else {
            return day;
        };
        day = next;
        if is_working_day(day, holidays) {
            counted += 1;
        }
        if day > horizon {
            return day;
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn far() -> NaiveDate {
        d(2100, 1, 1)
    }

    #[test]
    fn friday_receipt_ends_on_wednesday() {
        // 2026-03-06 is a Friday: Mon 9, Tue 10, Wed 11.
        let none = Holidays::default();
        assert_eq!(
            last_allowed_day(d(2026, 3, 6), 3, &none, far()),
            d(2026, 3, 11)
        );
    }

    #[test]
    fn holiday_is_skipped_and_make_up_day_counts() {
        // Received Thu 2026-09-24; Fri 25 is a holiday, Sat 26 a make-up
        // working day: Sat 26, Mon 28, Tue 29.
        let mut cal = Holidays::default();
        cal.holidays.insert(d(2026, 9, 25));
        cal.workdays.insert(d(2026, 9, 26));
        assert_eq!(
            last_allowed_day(d(2026, 9, 24), 3, &cal, far()),
            d(2026, 9, 29)
        );
        assert!(is_working_day(d(2026, 9, 26), &cal));
        assert!(!is_working_day(d(2026, 9, 25), &cal));
        assert!(!is_working_day(d(2026, 9, 27), &cal));
    }

    #[test]
    fn zero_days_is_the_day_of_receipt() {
        assert_eq!(
            last_allowed_day(d(2026, 3, 7), 0, &Holidays::default(), far()),
            d(2026, 3, 7)
        );
    }

    #[test]
    fn walk_stops_past_the_horizon() {
        let day = last_allowed_day(
            d(2026, 3, 6),
            u32::MAX,
            &Holidays::default(),
            d(2026, 3, 20),
        );
        assert_eq!(day, d(2026, 3, 21));
    }
}
