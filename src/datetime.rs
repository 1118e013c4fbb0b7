//! Date and time spellings that staff type and spreadsheets export.
//!
//! Accepted (data contract, "General rules"): `2026-03-05 14:30`,
//! `2026-03-05 14:30:00`, `2026-03-05T14:30:00`, `2026/3/5 14:30`,
//! `2026年3月5日 14:30`, and a bare date meaning 00:00. Also accepted, because
//! spreadsheets write them: `.` as the date separator, one-digit months,
//! days and hours, fractional seconds (dropped), and `2026年3月5日14:30`
//! without a space. Times are the estate's local wall-clock time.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// An example of an accepted spelling, for error messages.
pub const EXAMPLE: &str = "2026-03-05 14:30";

/// Parses a date with an optional time; `None` when it is not one.
pub fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    if let Some(canonical) = parse_canonical(text.as_bytes()) {
        return canonical;
    }
    if text.is_empty() || text.len() > 40 {
        return None;
    }
    let (date, rest) = split_date(text)?;
    let rest = rest.trim_start_matches(['T', ' ', '\u{3000}']);
    let time = if rest.is_empty() {
        NaiveTime::MIN
    } else {
        parse_time(rest)?
    };
    Some(date.and_time(time))
}

/// The spellings wuye and most spreadsheets write, `2026-03-05`,
/// `2026-03-05 14:30` and `2026-03-05 14:30:00`, read without the general
/// parser's steps (a log has millions of them). `None` = not one of these
/// shapes (the general parser decides); `Some(None)` = the shape with an
/// impossible date or time, which the general parser refuses too.
fn parse_canonical(b: &[u8]) -> Option<Option<NaiveDateTime>> {
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let mut value = 0u32;
        for &c in b.get(range)? {
            if !c.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(c - b'0');
        }
        Some(value)
    };
    if !matches!(b.len(), 10 | 16 | 19) || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = match b.len() {
        10 => (0, 0, 0),
        16 if b[10] == b' ' && b[13] == b':' => (digits(11..13)?, digits(14..16)?, 0),
        19 if b[10] == b' ' && b[13] == b':' && b[16] == b':' => {
            (digits(11..13)?, digits(14..16)?, digits(17..19)?)
        }
        _ => return None,
    };
    Some(
        NaiveDate::from_ymd_opt(year as i32, month, day)
            .and_then(|date| date.and_hms_opt(hour, minute, second)),
    )
}

/// Parses a bare date (a datetime with a time part is refused).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let (date, rest) = split_date(text.trim())?;
    rest.trim().is_empty().then_some(date)
}

/// Reads the date at the start of `text`; returns it and what follows.
fn split_date(text: &str) -> Option<(NaiveDate, &str)> {
    let (year, rest) = take_digits(text, 4, 4)?;
    let chinese = rest.starts_with('年');
    let rest = if chinese {
        &rest['年'.len_utf8()..]
    } else {
        let sep = rest.chars().next()?;
        if !matches!(sep, '-' | '/' | '.') {
            return None;
        }
        let rest = &rest[1..];
        // The same separator must be used twice.
        let (month, after_month) = take_digits(rest, 1, 2)?;
        let after_month = after_month.strip_prefix(sep)?;
        let (day, after_day) = take_digits(after_month, 1, 2)?;
        let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
        return Some((date, after_day));
    };
    let (month, rest) = take_digits(rest, 1, 2)?;
    let rest = rest.strip_prefix('月')?;
    let (day, rest) = take_digits(rest, 1, 2)?;
    let rest = rest
        .strip_prefix('日')
        .or_else(|| rest.strip_prefix('号'))?;
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    Some((date, rest))
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    let (hour, rest) = take_digits(text, 1, 2)?;
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
    let (minute, rest) = take_digits(rest, 2, 2)?;
    let (second, rest) = match rest.strip_prefix(':').or_else(|| rest.strip_prefix('：')) {
        Some(rest) => {
            let (second, rest) = take_digits(rest, 2, 2)?;
            // Fractional seconds from spreadsheets are dropped.
            let rest = match rest.strip_prefix('.') {
                Some(fraction) => {
                    let (_, after) = take_digits(fraction, 1, 9)?;
                    after
                }
                None => rest,
            };
            (second, rest)
        }
        None => (0, rest),
    };
    if !rest.trim().is_empty() {
        return None;
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// Takes `min..=max` ASCII digits from the front of `text`.
fn take_digits(text: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let count = text.bytes().take_while(u8::is_ascii_digit).count();
    if count < min || count > max {
        return None;
    }
    let value = text[..count].parse().ok()?;
    Some((value, &text[count..]))
}

/// `2026-03-05 14:30` — the canonical spelling wuye writes.
pub fn format_minutes(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, s)
            .unwrap()
    }

    #[test]
    fn contract_spellings() {
        let expected = at(2026, 3, 5, 14, 30, 0);
        for text in [
            "2026-03-05 14:30",
            "2026-03-05 14:30:00",
            "2026-03-05T14:30:00",
            "2026/3/5 14:30",
            "2026年3月5日 14:30",
            " 2026年03月05日14:30 ",
            "2026.3.5 14:30",
            "2026-3-5 14:30:00.000",
        ] {
            assert_eq!(parse_datetime(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn bare_date_is_midnight() {
        for text in ["2026-03-05", "2026/3/5", "2026年3月5日"] {
            assert_eq!(
                parse_datetime(text),
                Some(at(2026, 3, 5, 0, 0, 0)),
                "{text}"
            );
            assert_eq!(parse_date(text), NaiveDate::from_ymd_opt(2026, 3, 5));
        }
        assert_eq!(parse_date("2026-03-05 10:00"), None);
    }

    #[test]
    fn seconds_are_kept() {
        assert_eq!(
            parse_datetime("2026-03-05 09:05:07"),
            Some(at(2026, 3, 5, 9, 5, 7))
        );
        assert_eq!(
            parse_datetime("2026-03-05 9:05"),
            Some(at(2026, 3, 5, 9, 5, 0))
        );
    }

    #[test]
    fn refuses_nonsense() {
        for text in [
            "",
            "2026-02-30",
            "2026-13-01",
            "2026-03-05 24:00",
            "2026-03-05 14:3",
            "2026-03/05",
            "03/05/2026",
            "26-3-5",
            "2026-03-05 14:30 下午",
            "昨天",
            "2026年3月5",
        ] {
            assert_eq!(parse_datetime(text), None, "{text}");
        }
    }
}
