//! Text measuring and number formatting for the charts.
//!
//! No font is available at build time, so label widths are estimated per
//! character, on the wide side so that two labels judged apart are apart on
//! screen too: a CJK character is 1 em, Latin letters and digits a little
//! more than a typical sans-serif face gives them.

/// Estimated advance of one character, in em.
pub fn char_em(c: char) -> f64 {
    match c {
        ' ' => 0.3,
        '0'..='9' => 0.58,
        '%' => 0.9,
        '.' | ',' | ':' | ';' | '\'' | '!' | '|' | 'i' | 'l' | 'j' | 'I' => 0.34,
        '(' | ')' | '[' | ']' | '-' | '/' | 't' | 'f' | 'r' => 0.42,
        '·' => 0.4,
        '–' => 0.6,
        'M' | 'W' | 'm' | 'w' => 0.9,
        'A'..='Z' => 0.72,
        'a'..='z' => 0.6,
        c if c.is_ascii() => 0.65,
        // CJK ideographs, fullwidth punctuation, em dash and the like.
        _ => 1.0,
    }
}

/// Estimated width of `text` at `size` px.
pub fn width(text: &str, size: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * size
}

/// Breaks `text` into lines no wider than `max` px: between words for Latin
/// text, between any two characters for CJK text. A single word wider than
/// `max` stays whole on its own line.
pub fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    // Tokens: a run of non-space ASCII is one word; every other character
    // (CJK) is its own token; spaces stick to the token before them.
    let mut tokens: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c == ' ' {
            word.push(c);
            tokens.push(std::mem::take(&mut word));
        } else if c.is_ascii() {
            word.push(c);
        } else {
            if !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            tokens.push(c.to_string());
        }
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for token in tokens {
        let candidate = format!("{line}{token}");
        if !line.is_empty() && width(candidate.trim_end(), size) > max {
            lines.push(line.trim_end().to_string());
            line = token;
        } else {
            line = candidate;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// `x × 10^decimals` rounded half away from zero, exactly as the decimal
/// that prints for `x` (the shortest decimal that reads back as `x`).
///
/// Multiplying in floating point would turn 0.9635 into 963.4999…; working
/// on the printed digits rounds it to 964 as a person would.
pub fn round_scaled(x: f64, decimals: usize) -> i64 {
    if !x.is_finite() {
        return 0;
    }
    let printed = format!("{}", x.abs());
    let (int_part, frac_part) = printed.split_once('.').unwrap_or((printed.as_str(), ""));
    let mut digits: Vec<u8> = frac_part.bytes().map(|b| b.saturating_sub(b'0')).collect();
    digits.resize(decimals + 1, 0);
    let mut n: i64 = int_part.parse().unwrap_or(0);
    for d in &digits[..decimals] {
        n = n * 10 + i64::from(*d);
    }
    if digits[decimals] >= 5 {
        n += 1;
    }
    if x < 0.0 { -n } else { n }
}

/// A rate (0..=1) as a percentage with one decimal: `0.9635` → `96.4%`.
pub fn percent(rate: f64) -> String {
    tenths(round_scaled(rate, 3)) + "%"
}

/// A rate, or `—` when there is none.
pub fn percent_or_dash(rate: Option<f64>) -> String {
    rate.map(percent).unwrap_or_else(|| "—".to_string())
}

/// Hours with one decimal, or `—`.
pub fn hours_or_dash(hours: Option<f64>) -> String {
    hours
        .map(|h| tenths(round_scaled(h, 1)))
        .unwrap_or_else(|| "—".to_string())
}

/// A number of tenths as a decimal with one place: 964 → `96.4`.
fn tenths(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    format!("{sign}{}.{}", n / 10, n % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_one_em_and_latin_is_narrower() {
        assert_eq!(width("满意率", 10.0), 30.0);
        assert!(width("12", 10.0) < width("月", 10.0) * 2.0);
        assert!(width("3月", 12.0) > 12.0);
    }

    #[test]
    fn percentages_round_half_away_from_zero_on_the_decimal() {
        assert_eq!(percent(0.9635), "96.4%");
        assert_eq!(percent(0.96349), "96.3%");
        assert_eq!(percent(1.0), "100.0%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(percent(2.0 / 3.0), "66.7%");
        assert_eq!(percent(0.0005), "0.1%");
        assert_eq!(percent(0.00049), "0.0%");
        // 1/8 = 0.125 exactly: 12.5%
        assert_eq!(percent(1.0 / 8.0), "12.5%");
        // 0.28 prints as 0.28, not 0.28000000000000003.
        assert_eq!(percent(7.0 / 25.0), "28.0%");
        assert_eq!(percent_or_dash(None), "—");
    }

    #[test]
    fn hours_round_to_one_decimal() {
        assert_eq!(hours_or_dash(Some(2.25)), "2.3");
        assert_eq!(hours_or_dash(Some(2.249)), "2.2");
        assert_eq!(hours_or_dash(Some(36.0)), "36.0");
        assert_eq!(hours_or_dash(None), "—");
        assert_eq!(round_scaled(-1.25, 1), -13);
    }

    #[test]
    fn wraps_cjk_between_characters_and_latin_between_words() {
        let lines = wrap("数据截至2026年11月20日", 10.0, 60.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, 10.0) <= 60.0));
        assert_eq!(lines.concat(), "数据截至2026年11月20日");
        let lines = wrap("Repair timeliness and pass rates", 10.0, 110.0);
        assert_eq!(lines, ["Repair timeliness", "and pass rates"]);
    }
}
