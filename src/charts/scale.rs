//! Vertical scales: rates (0–100 % unless zoomed), counts and hours.

use super::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Rate,
    Count,
    Hours,
}

/// A linear vertical scale from `lo` to `hi` with labelled ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub kind: Kind,
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
    /// True when a rate axis does not start at 0.
    pub zoomed: bool,
    /// Decimals shown on tick labels.
    decimals: usize,
}

impl Scale {
    /// A rate axis. Without `zoom` it always spans 0–100 %; with `zoom` it
    /// spans the data and targets, on whole 5 % steps, at least 10 % tall.
    pub fn rate(values: &[f64], zoom: bool, max_intervals: u32) -> Scale {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        if !zoom || finite.is_empty() {
            let step = if max_intervals >= 5 { 20 } else { 50 };
            return Scale::from_percent(0, 100, step, false);
        }
        let min = finite.iter().copied().fold(f64::INFINITY, f64::min);
        let max = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // Whole percents, with a little air, snapped to 5 %.
        let mut lo = (((min * 100.0).floor() as i64 - 2).div_euclid(5) * 5).clamp(0, 100);
        let mut hi = ((((max * 100.0).ceil() as i64 + 2) + 4).div_euclid(5) * 5).clamp(0, 100);
        if hi - lo < 10 {
            lo = (hi - 10).max(0);
            hi = (lo + 10).min(100);
        }
        let step = [1, 2, 5, 10, 20, 25, 50]
            .into_iter()
            .find(|s| (hi - lo) / s <= i64::from(max_intervals))
            .unwrap_or(50);
        lo = lo.div_euclid(step) * step;
        hi = ((hi + step - 1).div_euclid(step) * step).min(100);
        Scale::from_percent(lo, hi, step, lo > 0)
    }

    fn from_percent(lo: i64, hi: i64, step: i64, zoomed: bool) -> Scale {
        let mut ticks = Vec::new();
        let mut t = lo;
        while t <= hi {
            ticks.push(t as f64 / 100.0);
            t += step;
        }
        Scale {
            kind: Kind::Rate,
            lo: lo as f64 / 100.0,
            hi: hi as f64 / 100.0,
            ticks,
            zoomed,
            decimals: 0,
        }
    }

    /// A count axis from 0 to a round number at or above `max`.
    pub fn count(max: f64, max_intervals: u32) -> Scale {
        Scale::nice(Kind::Count, max, max_intervals, 1.0)
    }

    /// An hours axis from 0 to a round number at or above `max`.
    pub fn hours(max: f64, max_intervals: u32) -> Scale {
        Scale::nice(Kind::Hours, max, max_intervals, 0.1)
    }

    /// 0 to the first multiple of a 1-2-5 step that holds `max` within
    /// `max_intervals` steps (steps never below `min_step`).
    fn nice(kind: Kind, max: f64, max_intervals: u32, min_step: f64) -> Scale {
        let max = if max.is_finite() && max > 0.0 {
            max
        } else {
            0.0
        };
        let intervals = f64::from(max_intervals.max(1));
        // Steps as (mantissa, exponent) so tick values are exact decimals.
        let mut exp = ((max / intervals).max(min_step)).log10().floor() as i32;
        let (mantissa, exp) = loop {
            let found = [1i64, 2, 5].into_iter().find(|m| {
                let step = *m as f64 * 10f64.powi(exp);
                step >= min_step - 1e-12 && (max / step).ceil() <= intervals
            });
            match found {
                Some(m) => break (m, exp),
                None => exp += 1,
            }
        };
        let step = mantissa as f64 * 10f64.powi(exp);
        let n = ((max / step).ceil() as i64).max(1);
        let decimals = if exp < 0 { (-exp) as usize } else { 0 };
        let ticks: Vec<f64> = (0..=n)
            .map(|k| {
                // Built from integers and rounded so 0.1 × 3 prints as 0.3.
                let v = (k * mantissa) as f64 * 10f64.powi(exp);
                (v * 1e6).round() / 1e6
            })
            .collect();
        Scale {
            kind,
            lo: 0.0,
            hi: ticks.last().copied().unwrap_or(1.0),
            ticks,
            zoomed: false,
            decimals,
        }
    }

    /// Vertical position of `value` in a plot from `top` to `bottom` (px).
    pub fn y(&self, value: f64, top: f64, bottom: f64) -> f64 {
        let span = self.hi - self.lo;
        if span <= 0.0 {
            return bottom;
        }
        bottom - (value - self.lo) / span * (bottom - top)
    }

    pub fn label(&self, value: f64) -> String {
        match self.kind {
            Kind::Rate => format!("{}%", text::round_scaled(value, 2)),
            Kind::Count | Kind::Hours if self.decimals == 0 => {
                format!("{}", text::round_scaled(value, 0))
            }
            Kind::Count | Kind::Hours => {
                let scaled = text::round_scaled(value, self.decimals);
                let div = 10i64.pow(self.decimals as u32);
                format!(
                    "{}.{:0width$}",
                    scaled / div,
                    scaled % div,
                    width = self.decimals
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &Scale) -> Vec<String> {
        s.ticks.iter().map(|t| s.label(*t)).collect()
    }

    #[test]
    fn rates_span_0_to_100_unless_zoomed() {
        let s = Scale::rate(&[0.95, 0.97], false, 5);
        assert_eq!((s.lo, s.hi, s.zoomed), (0.0, 1.0, false));
        assert_eq!(labels(&s), ["0%", "20%", "40%", "60%", "80%", "100%"]);
        let s = Scale::rate(&[0.95, 0.97], false, 2);
        assert_eq!(labels(&s), ["0%", "50%", "100%"]);
    }

    #[test]
    fn zoomed_rates_cover_data_and_say_so() {
        let s = Scale::rate(&[0.912, 0.97, 0.9], true, 5);
        assert!(s.zoomed);
        assert!(s.lo <= 0.9 && s.hi >= 0.97 && s.hi <= 1.0, "{s:?}");
        assert_eq!(labels(&s), ["85%", "90%", "95%", "100%"]);
        // Data near 0 keeps 0 at the bottom and is then not "zoomed".
        let s = Scale::rate(&[0.01, 0.97], true, 5);
        assert!(!s.zoomed);
        assert_eq!(s.lo, 0.0);
    }

    #[test]
    fn counts_get_round_steps() {
        let s = Scale::count(23.0, 5);
        assert_eq!(labels(&s), ["0", "5", "10", "15", "20", "25"]);
        let s = Scale::count(0.0, 5);
        assert_eq!(labels(&s), ["0", "1"]);
        let s = Scale::count(130.0, 4);
        assert_eq!(labels(&s), ["0", "50", "100", "150"]);
    }

    #[test]
    fn hours_may_have_decimals() {
        let s = Scale::hours(1.3, 3);
        assert_eq!(labels(&s), ["0.0", "0.5", "1.0", "1.5"]);
        let s = Scale::hours(70.0, 3);
        assert_eq!(labels(&s), ["0", "50", "100"]);
    }

    #[test]
    fn positions_are_linear() {
        let s = Scale::rate(&[], false, 5);
        assert_eq!(s.y(0.0, 10.0, 110.0), 110.0);
        assert_eq!(s.y(1.0, 10.0, 110.0), 10.0);
        assert_eq!(s.y(0.25, 10.0, 110.0), 85.0);
    }
}
