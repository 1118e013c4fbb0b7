//! Chapter and section numbers: 第一章 / 一、 / （一）, 1 / 1.1 / 1.1.1, or none.

/// How the handbook numbers its chapters (`[handbook] numbering`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    Chinese,
    Arabic,
    None,
}

impl Numbering {
    /// The config value; anything unknown (the config stage already
    /// rejects it) numbers nothing.
    pub fn from_config(value: &str) -> Numbering {
        match value {
            "chinese" => Numbering::Chinese,
            "arabic" => Numbering::Arabic,
            _ => Numbering::None,
        }
    }

    /// The number of the chapter at 1-based position `chapter`.
    pub fn chapter(self, chapter: u32) -> Option<String> {
        match self {
            Numbering::Chinese => Some(format!("第{}章", chinese_numeral(chapter))),
            Numbering::Arabic => Some(chapter.to_string()),
            Numbering::None => None,
        }
    }

    /// The number of a section (`##`, depth 1) or subsection (`###`, depth 2).
    /// `section` and `subsection` are 1-based counters within the chapter.
    pub fn heading(self, chapter: u32, section: u32, subsection: Option<u32>) -> Option<String> {
        match (self, subsection) {
            (Numbering::Chinese, None) => Some(format!("{}、", chinese_numeral(section))),
            (Numbering::Chinese, Some(sub)) => Some(format!("（{}）", chinese_numeral(sub))),
            (Numbering::Arabic, None) => Some(format!("{chapter}.{section}")),
            (Numbering::Arabic, Some(sub)) => Some(format!("{chapter}.{section}.{sub}")),
            (Numbering::None, _) => None,
        }
    }

    /// Whether a space separates the number from the title (`1.2 标题`,
    /// `第一章 标题`) or not (`一、标题`, `（一）标题`).
    pub fn spaced(self, is_chapter: bool) -> bool {
        match self {
            Numbering::Chinese => is_chapter,
            Numbering::Arabic => true,
            Numbering::None => false,
        }
    }
}

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// A number in Chinese numerals as used in document numbering:
/// 十, 十一, 二十, 二十一, 一百零五, 一百一十, 一千零一, 一万零二十.
/// Numbers from 1 亿 up are written in digits.
pub fn chinese_numeral(n: u32) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    if n >= 100_000_000 {
        return n.to_string();
    }
    let high = n / 10_000;
    let low = n % 10_000;
    let mut out = String::new();
    if high > 0 {
        out.push_str(&below_ten_thousand(high, true));
        out.push('万');
        if low > 0 {
            if low < 1000 {
                out.push('零');
            }
            out.push_str(&below_ten_thousand(low, false));
        }
    } else {
        out.push_str(&below_ten_thousand(low, true));
    }
    out
}

/// 1..=9999. `leading` means nothing comes before it, so 10–19 drop the
/// 一 of 一十 (十一, but 一百一十).
fn below_ten_thousand(n: u32, leading: bool) -> String {
    let units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")];
    let mut out = String::new();
    let mut pending_zero = false;
    for (value, unit) in units {
        let digit = (n / value % 10) as usize;
        if digit == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push_str(DIGITS[0]);
            pending_zero = false;
        }
        let skip_one = leading && value == 10 && digit == 1 && out.is_empty();
        if !skip_one {
            out.push_str(DIGITS[digit]);
        }
        out.push_str(unit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_beyond_ten() {
        let cases = [
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (30, "三十"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (105, "一百零五"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (120, "一百二十"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (1100, "一千一百"),
            (2026, "二千零二十六"),
            (10_000, "一万"),
            (10_020, "一万零二十"),
            (12_345, "一万二千三百四十五"),
            (100_000, "十万"),
            (110_000, "十一万"),
        ];
        for (n, expected) in cases {
            assert_eq!(chinese_numeral(n), expected, "{n}");
        }
    }

    #[test]
    fn chinese_style_numbers() {
        let n = Numbering::Chinese;
        assert_eq!(n.chapter(1).as_deref(), Some("第一章"));
        assert_eq!(n.chapter(11).as_deref(), Some("第十一章"));
        assert_eq!(n.chapter(20).as_deref(), Some("第二十章"));
        assert_eq!(n.heading(3, 21, None).as_deref(), Some("二十一、"));
        assert_eq!(n.heading(3, 2, Some(12)).as_deref(), Some("（十二）"));
        assert!(n.spaced(true) && !n.spaced(false));
    }

    #[test]
    fn arabic_and_no_numbers() {
        let n = Numbering::Arabic;
        assert_eq!(n.chapter(12).as_deref(), Some("12"));
        assert_eq!(n.heading(12, 3, None).as_deref(), Some("12.3"));
        assert_eq!(n.heading(12, 3, Some(4)).as_deref(), Some("12.3.4"));
        assert_eq!(Numbering::None.chapter(1), None);
        assert_eq!(Numbering::None.heading(1, 1, Some(1)), None);
        assert_eq!(Numbering::from_config("arabic"), Numbering::Arabic);
        assert_eq!(Numbering::from_config("chinese"), Numbering::Chinese);
        assert_eq!(Numbering::from_config("none"), Numbering::None);
    }
}
