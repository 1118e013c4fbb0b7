//! Small numeric helpers: ratios with `None` for an empty denominator,
//! means, and PERCENTILE.INC.

/// `part / whole`, unrounded; `None` when `whole` is 0.
pub fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The arithmetic mean, `None` for no values. Summed in the given order.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    Some(values.iter().sum::<f64>() / values.len() as f64)
}

/// The `num/den` quantile of `values` by linear interpolation between
/// closest ranks, as a spreadsheet's PERCENTILE.INC: rank h = (n − 1)·p
/// (0-based), result x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
///
/// The rank is computed in integers (p is a fraction `num/den`) so that
/// an exact rank such as 9.0 never becomes 8.999… in floating point.
/// `values` need not be sorted. `None` when empty.
pub fn percentile_inc(values: &[f64], num: u64, den: u64) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    percentile_sorted(&sorted, num, den)
}

/// [`percentile_inc`] of values already sorted by [`f64::total_cmp`].
pub fn percentile_sorted(sorted: &[f64], num: u64, den: u64) -> Option<f64> {
    if sorted.is_empty() || den == 0 || num > den {
        return None;
    }
    let scaled = (sorted.len() as u64 - 1) * num;
    let low_index = (scaled / den) as usize;
    let remainder = scaled % den;
    let low = *sorted.get(low_index)?;
    if remainder == 0 {
        return Some(low);
    }
    let high = *sorted.get(low_index + 1)?;
    if 2 * remainder == den {
        // The exact midpoint: the same value a spreadsheet's MEDIAN gives.
        return Some((low + high) / 2.0);
    }
    Some(low + (remainder as f64 / den as f64) * (high - low))
}

/// The median (PERCENTILE.INC at 0.5).
pub fn median(values: &[f64]) -> Option<f64> {
    percentile_inc(values, 1, 2)
}

/// The 90th percentile (PERCENTILE.INC at 0.9).
pub fn p90(values: &[f64]) -> Option<f64> {
    percentile_inc(values, 9, 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_of_nothing_is_none() {
        assert_eq!(ratio(0, 0), None);
        assert_eq!(ratio(0, 4), Some(0.0));
        assert_eq!(ratio(3, 4), Some(0.75));
    }

    #[test]
    fn percentiles_odd_count() {
        // Sorted 1, 2, 4, 8, 16: median rank 2 → 4; p90 rank 3.6 → 8 + 0.6·8 = 12.8.
        let v = [16.0, 1.0, 8.0, 2.0, 4.0];
        assert_eq!(median(&v), Some(4.0));
        assert!((p90(&v).unwrap() - 12.8).abs() < 1e-12);
    }

    #[test]
    fn percentiles_even_count() {
        // Sorted 1, 2, 3, 10: median rank 1.5 → 2.5; p90 rank 2.7 → 3 + 0.7·7 = 7.9.
        let v = [10.0, 3.0, 1.0, 2.0];
        assert_eq!(median(&v), Some(2.5));
        assert!((p90(&v).unwrap() - 7.9).abs() < 1e-12);
    }

    #[test]
    fn percentile_exact_rank_and_single_value() {
        // n = 11: p90 rank is exactly 9 → the 10th smallest value.
        let v: Vec<f64> = (0..11).map(f64::from).collect();
        assert_eq!(p90(&v), Some(9.0));
        assert_eq!(median(&[7.5]), Some(7.5));
        assert_eq!(p90(&[7.5]), Some(7.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn mean_of_nothing_is_none() {
        assert_eq!(mean(&[]), None);
        assert_eq!(mean(&[4.0, 5.0, 3.0]), Some(4.0));
    }
}
