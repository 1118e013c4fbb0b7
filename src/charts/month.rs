//! Calendar months and quarters as the metrics key them (`2026-03`, `2026Q1`).

/// One calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1..=12
    pub month: u32,
}

impl Month {
    /// Reads a month key such as `2026-03`; anything else is `None`.
    pub fn parse(key: &str) -> Option<Month> {
        let (year, month) = key.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let month: u32 = month.parse().ok()?;
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// The metrics key, e.g. `2026-03`.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn quarter(self) -> Quarter {
        Quarter {
            year: self.year,
            q: (self.month - 1) / 3 + 1,
        }
    }

    /// Every month from `first` to `last`, both included, with no holes.
    pub fn span(first: Month, last: Month) -> Vec<Month> {
        let mut months = Vec::new();
        let mut m = first;
        while m <= last {
            months.push(m);
            m = m.next();
        }
        months
    }
}

/// One calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1..=4
    pub q: u32,
}

impl Quarter {
    /// Reads a quarter key such as `2026Q1`.
    pub fn parse(key: &str) -> Option<Quarter> {
        let (year, q) = key.split_once('Q')?;
        if year.len() != 4 || q.len() != 1 {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let q: u32 = q.parse().ok()?;
        (1..=4).contains(&q).then_some(Quarter { year, q })
    }

    pub fn key(self) -> String {
        format!("{:04}Q{}", self.year, self.q)
    }

    /// The three months of the quarter.
    pub fn months(self) -> Vec<Month> {
        let first = Month {
            year: self.year,
            month: (self.q - 1) * 3 + 1,
        };
        Month::span(
            first,
            Month {
                year: self.year,
                month: first.month + 2,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_and_rejects_others() {
        assert_eq!(
            Month::parse("2026-03"),
            Some(Month {
                year: 2026,
                month: 3
            })
        );
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("2026Q1"), None);
        assert_eq!(Month::parse("2026-3"), None);
        assert_eq!(Quarter::parse("2026Q4"), Some(Quarter { year: 2026, q: 4 }));
        assert_eq!(Quarter::parse("2026Q5"), None);
        assert_eq!(Quarter::parse("2026-03"), None);
    }

    #[test]
    fn span_crosses_the_year_without_holes() {
        let first = Month::parse("2025-11").unwrap();
        let last = Month::parse("2026-02").unwrap();
        let keys: Vec<String> = Month::span(first, last)
            .into_iter()
            .map(Month::key)
            .collect();
        assert_eq!(keys, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert!(Month::span(last, first).is_empty());
    }

    #[test]
    fn quarters_hold_their_three_months() {
        let q = Quarter::parse("2026Q4").unwrap();
        let keys: Vec<String> = q.months().into_iter().map(Month::key).collect();
        assert_eq!(keys, ["2026-10", "2026-11", "2026-12"]);
        assert_eq!(Month::parse("2026-10").unwrap().quarter(), q);
        assert_eq!(Month::parse("2026-03").unwrap().quarter().key(), "2026Q1");
    }
}
