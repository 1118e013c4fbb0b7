//! The spellings accepted in cells (data contract, "General rules" and
//! "Precise readings"). Every function takes the cell as written; values are
//! trimmed, and words are compared case-insensitively.

use super::model::{Channel, ComplaintLevel, RepairLevel};

/// Every boolean spelling in every boolean column; `None` for anything else.
/// The empty cell is handled by the caller ("not recorded").
pub fn parse_bool(text: &str) -> Option<bool> {
    // The usual spellings as written, before the case-folding copy.
    match text.trim() {
        "是" | "合格" | "满意" | "yes" | "true" | "1" => return Some(true),
        "否" | "不合格" | "不满意" | "no" | "false" | "0" => return Some(false),
        _ => {}
    }
    match text.trim().to_lowercase().as_str() {
        "是" | "yes" | "y" | "true" | "1" | "合格" | "满意" => Some(true),
        "否" | "no" | "n" | "false" | "0" | "不合格" | "不满意" => Some(false),
        _ => None,
    }
}

/// `minor`/小修, `medium`/中修, `emergency`/急修.
pub fn parse_repair_level(text: &str) -> Option<RepairLevel> {
    match text.trim() {
        "小修" | "minor" => return Some(RepairLevel::Minor),
        "中修" | "medium" => return Some(RepairLevel::Medium),
        "急修" | "emergency" => return Some(RepairLevel::Emergency),
        _ => {}
    }
    match text.trim().to_lowercase().as_str() {
        "minor" | "小修" => Some(RepairLevel::Minor),
        "medium" | "中修" => Some(RepairLevel::Medium),
        "emergency" | "急修" => Some(RepairLevel::Emergency),
        _ => None,
    }
}

/// `major`/重大, `important`/重要, `minor`/轻微. The empty cell
/// (unclassified) is handled by the caller.
pub fn parse_complaint_level(text: &str) -> Option<ComplaintLevel> {
    match text.trim() {
        "重大" | "major" => return Some(ComplaintLevel::Major),
        "重要" | "important" => return Some(ComplaintLevel::Important),
        "轻微" | "minor" => return Some(ComplaintLevel::Minor),
        _ => {}
    }
    match text.trim().to_lowercase().as_str() {
        "major" | "重大" => Some(ComplaintLevel::Major),
        "important" | "重要" => Some(ComplaintLevel::Important),
        "minor" | "轻微" => Some(ComplaintLevel::Minor),
        _ => None,
    }
}

/// `phone`/来电, `visit`/来访, `online`/网络, `letter`/书面; any other label
/// is kept trimmed as written, the empty cell as `Other("")`.
pub fn parse_channel(text: &str) -> Channel {
    let text = text.trim();
    match text {
        "来电" | "phone" => return Channel::Phone,
        "来访" | "visit" => return Channel::Visit,
        "网络" | "online" => return Channel::Online,
        "书面" | "letter" => return Channel::Letter,
        _ => {}
    }
    match text.to_lowercase().as_str() {
        "phone" | "来电" => Channel::Phone,
        "visit" | "来访" => Channel::Visit,
        "online" | "网络" => Channel::Online,
        "letter" | "书面" => Channel::Letter,
        _ => Channel::Other(text.to_string()),
    }
}

/// `holiday`/休 → `true`, `workday`/班 → `false`.
pub fn parse_holiday_kind(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "holiday" | "休" => Some(true),
        "workday" | "班" => Some(false),
        _ => None,
    }
}

/// A survey score as written: digits with at most one decimal point and an
/// optional leading minus (so that `-1` is reported as out of range rather
/// than as "not a number"). Exponents, `inf`, `NaN` and thousands
/// separators are refused.
pub fn parse_score(text: &str) -> Option<f64> {
    let text = text.trim();
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let mut dots = 0;
    let mut seen_digit = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => seen_digit = true,
            '.' => dots += 1,
            _ => return None,
        }
    }
    if !seen_digit || dots > 1 {
        return None;
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A holiday date: a bare date, or a date at exactly 00:00 (spreadsheets
/// sometimes export date cells as `2026/10/1 0:00`).
pub fn parse_holiday_date(text: &str) -> Option<chrono::NaiveDate> {
    crate::datetime::parse_date(text).or_else(|| {
        let at = crate::datetime::parse_datetime(text)?;
        (at.time() == chrono::NaiveTime::MIN).then(|| at.date())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_boolean_spelling() {
        for yes in [
            "是",
            "yes",
            "YES",
            "Yes",
            "y",
            "Y",
            "true",
            "TRUE",
            "True",
            "1",
            "合格",
            "满意",
            " 是 ",
            "\u{3000}满意",
        ] {
            assert_eq!(parse_bool(yes), Some(true), "{yes}");
        }
        for no in [
            "否",
            "no",
            "NO",
            "No",
            "n",
            "N",
            "false",
            "FALSE",
            "False",
            "0",
            "不合格",
            "不满意",
            " 否",
        ] {
            assert_eq!(parse_bool(no), Some(false), "{no}");
        }
        for bad in ["", "ok", "√", "2", "yes!", "对", "合 格"] {
            assert_eq!(parse_bool(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_repair_level_spelling() {
        for (text, level) in [
            ("minor", RepairLevel::Minor),
            ("Minor", RepairLevel::Minor),
            (" MINOR ", RepairLevel::Minor),
            ("小修", RepairLevel::Minor),
            ("medium", RepairLevel::Medium),
            ("Medium", RepairLevel::Medium),
            ("中修", RepairLevel::Medium),
            ("emergency", RepairLevel::Emergency),
            ("EMERGENCY", RepairLevel::Emergency),
            (" 急修", RepairLevel::Emergency),
        ] {
            assert_eq!(parse_repair_level(text), Some(level), "{text}");
        }
        for bad in ["", "urgent", "大修", "急", "minor repair"] {
            assert_eq!(parse_repair_level(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_complaint_level_spelling() {
        for (text, level) in [
            ("major", ComplaintLevel::Major),
            ("MAJOR", ComplaintLevel::Major),
            ("重大", ComplaintLevel::Major),
            ("important", ComplaintLevel::Important),
            ("Important", ComplaintLevel::Important),
            ("重要", ComplaintLevel::Important),
            ("minor", ComplaintLevel::Minor),
            ("轻微", ComplaintLevel::Minor),
        ] {
            assert_eq!(parse_complaint_level(text), Some(level), "{text}");
        }
        assert_eq!(parse_complaint_level("一般"), None);
        assert_eq!(parse_complaint_level(""), None);
    }

    #[test]
    fn channels_known_and_other() {
        assert_eq!(parse_channel("phone"), Channel::Phone);
        assert_eq!(parse_channel("PHONE"), Channel::Phone);
        assert_eq!(parse_channel("来电"), Channel::Phone);
        assert_eq!(parse_channel("visit"), Channel::Visit);
        assert_eq!(parse_channel("来访"), Channel::Visit);
        assert_eq!(parse_channel("Online"), Channel::Online);
        assert_eq!(parse_channel("网络"), Channel::Online);
        assert_eq!(parse_channel("letter"), Channel::Letter);
        assert_eq!(parse_channel("书面"), Channel::Letter);
        assert_eq!(
            parse_channel(" 12345热线 "),
            Channel::Other("12345热线".into())
        );
        // Other labels are kept as written, case included.
        assert_eq!(parse_channel("WeChat"), Channel::Other("WeChat".into()));
        assert_eq!(parse_channel("  "), Channel::Other(String::new()));
    }

    #[test]
    fn holiday_kinds() {
        for (text, kind) in [
            ("holiday", true),
            ("Holiday", true),
            ("休", true),
            ("workday", false),
            ("WORKDAY", false),
            ("班", false),
        ] {
            assert_eq!(parse_holiday_kind(text), Some(kind), "{text}");
        }
        assert_eq!(parse_holiday_kind("假"), None);
        assert_eq!(parse_holiday_kind(""), None);
    }

    #[test]
    fn scores() {
        assert_eq!(parse_score("5"), Some(5.0));
        assert_eq!(parse_score(" 4.5 "), Some(4.5));
        assert_eq!(parse_score("3."), Some(3.0));
        assert_eq!(parse_score(".5"), Some(0.5));
        assert_eq!(parse_score("-1"), Some(-1.0));
        for bad in [
            "", "五", "4分", "1e1", "inf", "NaN", "4,5", "1.2.3", ".", "-", "4 5",
        ] {
            assert_eq!(parse_score(bad), None, "{bad}");
        }
    }

    #[test]
    fn holiday_dates() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 10, 1);
        assert_eq!(parse_holiday_date("2026-10-01"), d);
        assert_eq!(parse_holiday_date("2026/10/1"), d);
        assert_eq!(parse_holiday_date("2026年10月1日"), d);
        assert_eq!(parse_holiday_date("2026/10/1 0:00"), d);
        assert_eq!(parse_holiday_date("2026-10-01 08:00"), None);
        assert_eq!(parse_holiday_date("十月一日"), None);
    }
}
