//! `wuye metrics` output: a readable table, CSV, or the JSON of
//! `metrics-json.md`; and the display rounding every output shares
//! (percentages with one decimal, means with two, half away from zero,
//! "—" for null).

use super::{Metrics, PeriodKind};
use crate::config::Config;
use crate::messages::Lang;
use crate::messages::metrics::MetricsLabel as L;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// What a null figure shows.
pub const NULL: &str = "—";

/// The output of `wuye metrics`. JSON always holds months and quarters;
/// the table and CSV show the periods of kind `period`.
pub fn format(metrics: &Metrics, period: PeriodKind, format: Format, config: &Config) -> String {
    match format {
        Format::Json => json(metrics),
        Format::Table => table(metrics, period, config),
        Format::Csv => csv(metrics, period),
    }
}

/// The metrics object, pretty-printed, with a final newline.
pub fn json(metrics: &Metrics) -> String {
    // Serializing plain maps, strings and finite numbers cannot fail; an
    // empty object is never printed in its place silently (see tests).
    serde_json::to_string_pretty(metrics).unwrap_or_default() + "\n"
}

/// A rate as a percentage with one decimal, half away from zero:
/// `0.0125` → `1.3%`; `None` → `—`.
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) if r.is_finite() => format!("{}%", round_decimal(r, 2, 1)),
        _ => NULL.to_string(),
    }
}

/// A number with `decimals` decimals, half away from zero; `None` → `—`.
pub fn fixed(value: Option<f64>, decimals: usize) -> String {
    match value {
        Some(v) if v.is_finite() => round_decimal(v, 0, decimals),
        _ => NULL.to_string(),
    }
}

/// `value · 10^shift` rounded to `decimals` decimals, half away from zero.
///
/// Rounds the shortest decimal spelling of the f64 (what a spreadsheet
/// shows), not its binary expansion: 0.0145 is stored as
/// 0.01449999…, yet reads and must round as 1.45% → 1.5%. A ratio of two
/// counts that is exactly a decimal half therefore rounds up, as a person
/// checking by hand expects.
pub fn round_decimal(value: f64, shift: usize, decimals: usize) -> String {
    if !value.is_finite() {
        return NULL.to_string();
    }
    // Rust's Display for f64 is the shortest round-trip spelling and never
    // uses an exponent.
    let text = format!("{}", value.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut digits: Vec<u8> = int_part
        .bytes()
        .chain(frac_part.bytes())
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    let mut point = int_part.len() + shift;
    let keep = point + decimals;
    while digits.len() <= keep {
        digits.push(0);
    }
    let round_up = digits.get(keep).is_some_and(|d| *d >= 5);
    digits.truncate(keep);
    if round_up {
        let mut carried = true;
        for digit in digits.iter_mut().rev() {
            if *digit == 9 {
                *digit = 0;
            } else {
                *digit += 1;
                carried = false;
                break;
            }
        }
        if carried {
            digits.insert(0, 1);
            point += 1;
        }
    }
    let (whole, fraction) = digits.split_at(point.min(digits.len()));
    let mut whole: String = whole.iter().map(|d| char::from(b'0' + d)).collect();
    let trimmed = whole.trim_start_matches('0');
    whole = if trimmed.is_empty() {
        "0".to_string()
    } else {
        trimmed.to_string()
    };
    let fraction: String = fraction.iter().map(|d| char::from(b'0' + d)).collect();
    let negative = value < 0.0 && digits.iter().any(|d| *d != 0);
    let sign = if negative { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// Terminal columns a string takes (CJK and full-width forms take two).
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = matches!(c as u32,
                0x1100..=0x115F
                | 0x2E80..=0x303E
                | 0x3041..=0x33FF
                | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF
                | 0xA000..=0xA4CF
                | 0xAC00..=0xD7A3
                | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F
                | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6
                | 0x20000..=0x3FFFD);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// Lays out rows under a header: first column left-aligned, the others
/// right-aligned, two spaces apart.
fn layout(header: &[String], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| display_width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            widths[i] = widths[i].max(display_width(cell));
        }
    }
    let line = |cells: &[String]| -> String {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate().take(columns) {
            let pad = " ".repeat(widths[i].saturating_sub(display_width(cell)));
            if i == 0 {
                out.push_str(cell);
                out.push_str(&pad);
            } else {
                out.push_str("  ");
                out.push_str(&pad);
                out.push_str(cell);
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(header);
    let total: usize = widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1);
    out.push_str(&"─".repeat(total));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

fn heading(out: &mut String, title: &str) {
    out.push('\n');
    out.push_str(title);
    out.push('\n');
}

/// The readable terminal table for one kind of period.
pub fn table(metrics: &Metrics, period: PeriodKind, config: &Config) -> String {
    let lang = config.language;
    let t = |label: L| label.text(lang).to_string();
    let kind_label = match period {
        PeriodKind::Month => L::ByMonth,
        PeriodKind::Quarter => L::ByQuarter,
    };
    let mut out = format!("{}  {} {}\n", config.name, t(L::AsOf), metrics.as_of);
    let of_kind = |key: &&String| PeriodKind::of_key(key) == period;

    heading(&mut out, &L::section(L::Repairs, kind_label, lang));
    let rows: Vec<Vec<String>> = metrics
        .repairs
        .iter()
        .filter(|(key, _)| of_kind(key))
        .map(|(key, r)| {
            vec![
                key.clone(),
                r.orders.to_string(),
                r.open.to_string(),
                r.due.to_string(),
                r.timely.to_string(),
                percent(r.timeliness_rate),
                r.inspected.to_string(),
                percent(r.pass_rate),
                percent(r.rework_rate),
                percent(r.dispatch_compliance),
            ]
        })
        .collect();
    push_table(
        &mut out,
        &[
            L::Period,
            L::Orders,
            L::Open,
            L::Due,
            L::Timely,
            L::TimelinessRate,
            L::Inspected,
            L::PassRate,
            L::ReworkRate,
            L::DispatchCompliance,
        ],
        &rows,
        lang,
    );

    heading(&mut out, &L::section(L::Complaints, kind_label, lang));
    let rows: Vec<Vec<String>> = metrics
        .complaints
        .iter()
        .filter(|(key, _)| of_kind(key))
        .map(|(key, c)| {
            vec![
                key.clone(),
                c.received.to_string(),
                c.resolved.to_string(),
                percent(c.resolution_rate),
                c.due.to_string(),
                c.on_time.to_string(),
                percent(c.on_time_rate),
                percent(c.callback_rate),
                percent(c.callback_satisfaction),
            ]
        })
        .collect();
    push_table(
        &mut out,
        &[
            L::Period,
            L::Received,
            L::Resolved,
            L::ResolutionRate,
            L::ComplaintsDue,
            L::OnTime,
            L::OnTimeRate,
            L::CallbackRate,
            L::CallbackSatisfaction,
        ],
        &rows,
        lang,
    );

    heading(&mut out, &L::section(L::Surveys, kind_label, lang));
    let rows: Vec<Vec<String>> = metrics
        .surveys
        .iter()
        .filter(|(key, _)| of_kind(key))
        .map(|(key, s)| {
            vec![
                key.clone(),
                s.responses.to_string(),
                s.satisfied.to_string(),
                percent(s.satisfaction_rate),
                fixed(s.overall_mean, 2),
                percent(s.response_rate),
            ]
        })
        .collect();
    push_table(
        &mut out,
        &[
            L::Period,
            L::Responses,
            L::SatisfiedCount,
            L::SatisfactionRate,
            L::OverallMean,
            L::ResponseRate,
        ],
        &rows,
        lang,
    );

    heading(&mut out, &t(L::Escalations));
    if metrics.escalations.is_empty() {
        out.push_str(&t(L::NoEscalations));
        out.push('\n');
    } else {
        let rows: Vec<Vec<String>> = metrics
            .escalations
            .iter()
            .map(|e| {
                vec![
                    e.id.clone(),
                    e.reasons.join(", "),
                    L::complaint_level(e.level.map(|l| l.key()), lang).to_string(),
                ]
            })
            .collect();
        out.push_str(&layout(&[t(L::Id), t(L::Reasons), t(L::Level)], &rows));
        out.push_str(&format!("{}\n{}\n", t(L::ReasonA), t(L::ReasonB)));
    }
    out
}

fn push_table(out: &mut String, header: &[L], rows: &[Vec<String>], lang: Lang) {
    if rows.is_empty() {
        out.push_str(L::NoData.text(lang));
        out.push('\n');
        return;
    }
    let header: Vec<String> = header.iter().map(|l| l.text(lang).to_string()).collect();
    out.push_str(&layout(&header, rows));
}

/// The stable English columns of `--format csv`, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "period",
    "repairs_orders",
    "repairs_open",
    "repairs_completed",
    "repairs_due",
    "repairs_timely",
    "repairs_timeliness_rate",
    "repairs_inspected",
    "repairs_passed",
    "repairs_pass_rate",
    "repairs_rework",
    "repairs_rework_rate",
    "repairs_dispatched",
    "repairs_dispatched_in_time",
    "repairs_dispatch_compliance",
    "repairs_minor",
    "repairs_medium",
    "repairs_emergency",
    "repairs_minor_hours_median",
    "repairs_minor_hours_p90",
    "repairs_medium_hours_median",
    "repairs_medium_hours_p90",
    "repairs_emergency_hours_median",
    "repairs_emergency_hours_p90",
    "complaints_received",
    "complaints_resolved",
    "complaints_resolution_rate",
    "complaints_due",
    "complaints_on_time",
    "complaints_on_time_rate",
    "complaints_callbacks",
    "complaints_callback_rate",
    "complaints_callback_results",
    "complaints_callback_satisfied",
    "complaints_callback_satisfaction",
    "complaints_major",
    "complaints_important",
    "complaints_minor",
    "complaints_unclassified",
    "surveys_responses",
    "surveys_satisfied",
    "surveys_satisfaction_rate",
    "surveys_overall_mean",
    "surveys_response_rate",
];

/// One row per period of kind `period` (every period any log has), the
/// columns of [`CSV_COLUMNS`]. Counts are integers, rates and means
/// unrounded as in the JSON, an empty cell for null or for a log with no
/// record in that period.
pub fn csv(metrics: &Metrics, period: PeriodKind) -> String {
    let periods: BTreeSet<&String> = metrics
        .repairs
        .keys()
        .chain(metrics.complaints.keys())
        .chain(metrics.surveys.keys())
        .filter(|key| PeriodKind::of_key(key) == period)
        .collect();
    let count = |n: u64| n.to_string();
    let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![CSV_COLUMNS.iter().map(|c| c.to_string()).collect()];
    for key in periods {
        let mut row = vec![key.clone()];
        match metrics.repairs.get(key) {
            Some(r) => {
                row.extend([
                    count(r.orders),
                    count(r.open),
                    count(r.completed),
                    count(r.due),
                    count(r.timely),
                    number(r.timeliness_rate),
                    count(r.inspected),
                    count(r.passed),
                    number(r.pass_rate),
                    count(r.rework),
                    number(r.rework_rate),
                    count(r.dispatched),
                    count(r.dispatched_in_time),
                    number(r.dispatch_compliance),
                ]);
                for level in ["minor", "medium", "emergency"] {
                    row.push(count(r.by_level.get(level).copied().unwrap_or(0)));
                }
                for level in ["minor", "medium", "emergency"] {
                    let spread = r.completion_hours.get(level);
                    row.push(number(spread.and_then(|s| s.median)));
                    row.push(number(spread.and_then(|s| s.p90)));
                }
            }
            None => row.extend(std::iter::repeat_n(String::new(), 23)),
        }
        match metrics.complaints.get(key) {
            Some(c) => {
                row.extend([
                    count(c.received),
                    count(c.resolved),
                    number(c.resolution_rate),
                    count(c.due),
                    count(c.on_time),
                    number(c.on_time_rate),
                    count(c.callbacks),
                    number(c.callback_rate),
                    count(c.callback_results),
                    count(c.callback_satisfied),
                    number(c.callback_satisfaction),
                ]);
                for level in ["major", "important", "minor", super::UNCLASSIFIED] {
                    row.push(count(c.by_level.get(level).copied().unwrap_or(0)));
                }
            }
            None => row.extend(std::iter::repeat_n(String::new(), 15)),
        }
        match metrics.surveys.get(key) {
            Some(s) => row.extend([
                count(s.responses),
                count(s.satisfied),
                number(s.satisfaction_rate),
                number(s.overall_mean),
                number(s.response_rate),
            ]),
            None => row.extend(std::iter::repeat_n(String::new(), 5)),
        }
        rows.push(row);
    }
    for row in rows {
        // Writing to memory cannot fail but for a bug; never panic on it.
        if writer.write_record(&row).is_err() {
            return String::new();
        }
    }
    writer
        .into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_half_away_from_zero() {
        assert_eq!(percent(Some(0.0125)), "1.3%");
        assert_eq!(percent(Some(0.0145)), "1.5%");
        // 29 / 2000 is exactly 1.45 % — as a ratio of counts too.
        assert_eq!(percent(Some(29.0 / 2000.0)), "1.5%");
        assert_eq!(percent(Some(0.0144999)), "1.4%");
        assert_eq!(percent(Some(1.0 / 3.0)), "33.3%");
        assert_eq!(percent(Some(2.0 / 3.0)), "66.7%");
        assert_eq!(percent(Some(0.9995)), "100.0%");
        assert_eq!(percent(Some(0.99949)), "99.9%");
        assert_eq!(percent(Some(1.0)), "100.0%");
        assert_eq!(percent(Some(0.0)), "0.0%");
        assert_eq!(percent(Some(0.0005)), "0.1%");
        assert_eq!(percent(Some(0.00049)), "0.0%");
        assert_eq!(percent(Some(0.963)), "96.3%");
        assert_eq!(percent(None), "—");
        assert_eq!(percent(Some(f64::NAN)), "—");
    }

    #[test]
    fn means_round_to_two_decimals() {
        assert_eq!(fixed(Some(4.125), 2), "4.13");
        assert_eq!(fixed(Some(4.005), 2), "4.01");
        assert_eq!(fixed(Some(4.0), 2), "4.00");
        assert_eq!(fixed(Some(9.999), 2), "10.00");
        assert_eq!(fixed(Some(13.0 / 3.0), 2), "4.33");
        assert_eq!(fixed(Some(-1.005), 2), "-1.01");
        assert_eq!(fixed(Some(-0.001), 2), "0.00");
        assert_eq!(fixed(Some(2.5), 0), "3");
        assert_eq!(fixed(None, 2), "—");
    }

    #[test]
    fn width_counts_chinese_as_two() {
        assert_eq!(display_width("期间"), 4);
        assert_eq!(display_width("2026-03"), 7);
        assert_eq!(display_width("率（%）"), 7);
    }
}
