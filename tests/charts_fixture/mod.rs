//! A hand-made `Metrics` of 15 months (2025-09 .. 2026-11) for the chart
//! tests and the gallery example. Rates are computed from the counts the
//! way the metrics stage does (count / count, unrounded).
//!
//! Deliberate holes: 2026-02 has no record in any log (a gap month on the
//! axis); complaints have no record in 2025-10; nobody answered 绿化 in
//! 2026-01 (a null dimension rate); no order was inspected in 2026-04 (a
//! null pass rate).
#![allow(dead_code)]

use std::collections::BTreeMap;
use wuye::metrics::{ComplaintStats, DimensionStats, Metrics, RepairStats, Spread, SurveyStats};

pub const AS_OF: &str = "2026-11-20 18:00";

fn rate(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// (month, orders, due, timely, inspected, passed, rework, minor, medium, emergency,
///  minor median/p90, medium median/p90, emergency median/p90)
type RepairRow = (
    &'static str,
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    [f64; 6],
);

const REPAIRS: &[RepairRow] = &[
    (
        "2025-09",
        52,
        50,
        48,
        40,
        39,
        1,
        38,
        11,
        3,
        [6.5, 20.0, 40.0, 70.5, 1.5, 2.75],
    ),
    (
        "2025-10",
        61,
        60,
        57,
        44,
        43,
        2,
        45,
        12,
        4,
        [7.0, 22.5, 44.0, 71.0, 1.25, 2.5],
    ),
    (
        "2025-11",
        58,
        57,
        55,
        41,
        41,
        1,
        42,
        13,
        3,
        [5.5, 19.0, 38.5, 66.0, 1.0, 2.0],
    ),
    (
        "2025-12",
        70,
        68,
        62,
        50,
        48,
        3,
        50,
        15,
        5,
        [8.0, 23.0, 46.0, 80.0, 1.75, 3.25],
    ),
    (
        "2026-01",
        88,
        85,
        76,
        60,
        57,
        4,
        60,
        20,
        8,
        [9.5, 23.5, 50.0, 92.0, 2.0, 3.5],
    ),
    (
        "2026-03",
        64,
        63,
        61,
        45,
        44,
        1,
        47,
        13,
        4,
        [6.0, 18.5, 39.0, 68.0, 1.25, 2.25],
    ),
    (
        "2026-04",
        55,
        55,
        53,
        0,
        0,
        2,
        41,
        11,
        3,
        [5.0, 17.0, 36.0, 62.5, 1.0, 2.0],
    ),
    (
        "2026-05",
        59,
        58,
        56,
        43,
        42,
        1,
        43,
        12,
        4,
        [5.5, 18.0, 37.5, 64.0, 1.5, 2.5],
    ),
    (
        "2026-06",
        72,
        70,
        68,
        52,
        51,
        2,
        52,
        15,
        5,
        [6.5, 19.5, 41.0, 69.0, 1.25, 2.75],
    ),
    (
        "2026-07",
        95,
        93,
        86,
        70,
        67,
        5,
        66,
        21,
        8,
        [8.5, 22.0, 48.5, 85.0, 1.75, 3.0],
    ),
    (
        "2026-08",
        91,
        90,
        85,
        66,
        65,
        3,
        64,
        20,
        7,
        [8.0, 21.5, 47.0, 83.5, 1.5, 3.0],
    ),
    (
        "2026-09",
        66,
        65,
        63,
        48,
        48,
        1,
        48,
        14,
        4,
        [6.0, 18.0, 40.0, 67.0, 1.25, 2.25],
    ),
    (
        "2026-10",
        60,
        59,
        58,
        45,
        44,
        1,
        44,
        12,
        4,
        [5.5, 17.5, 38.0, 65.5, 1.0, 2.0],
    ),
    (
        "2026-11",
        38,
        30,
        29,
        25,
        25,
        0,
        28,
        8,
        2,
        [5.0, 16.5, 35.5, 60.0, 1.0, 1.75],
    ),
];

/// (month, received, major, important, minor, unclassified)
const COMPLAINTS: &[(&str, u64, u64, u64, u64, u64)] = &[
    ("2025-09", 6, 0, 2, 3, 1),
    ("2025-11", 5, 0, 1, 4, 0),
    ("2025-12", 9, 1, 3, 4, 1),
    ("2026-01", 12, 1, 4, 5, 2),
    ("2026-03", 7, 0, 2, 5, 0),
    ("2026-04", 4, 0, 1, 2, 1),
    ("2026-05", 6, 0, 2, 4, 0),
    ("2026-06", 8, 1, 2, 5, 0),
    ("2026-07", 14, 1, 5, 6, 2),
    ("2026-08", 11, 0, 4, 6, 1),
    ("2026-09", 6, 0, 2, 4, 0),
    ("2026-10", 5, 0, 1, 3, 1),
    ("2026-11", 3, 0, 1, 1, 1),
];

/// (month, responses, satisfied, then (answered, satisfied) for
/// 客服, 维修, 保洁, 安保, 绿化)
type SurveyRow = (&'static str, u64, u64, [(u64, u64); 5]);

const SURVEYS: &[SurveyRow] = &[
    (
        "2025-09",
        40,
        35,
        [(40, 36), (30, 25), (40, 33), (38, 35), (20, 16)],
    ),
    (
        "2025-10",
        36,
        32,
        [(36, 33), (28, 24), (36, 31), (35, 33), (18, 15)],
    ),
    (
        "2025-11",
        45,
        41,
        [(45, 42), (33, 29), (44, 38), (43, 40), (21, 18)],
    ),
    (
        "2025-12",
        38,
        33,
        [(38, 34), (30, 24), (37, 31), (36, 33), (10, 8)],
    ),
    (
        "2026-01",
        30,
        25,
        [(30, 27), (26, 20), (29, 24), (28, 25), (0, 0)],
    ),
    (
        "2026-03",
        42,
        38,
        [(42, 39), (31, 27), (41, 36), (40, 37), (25, 21)],
    ),
    (
        "2026-04",
        44,
        40,
        [(44, 41), (32, 28), (43, 38), (42, 39), (30, 26)],
    ),
    (
        "2026-05",
        47,
        44,
        [(47, 44), (35, 32), (46, 41), (45, 42), (33, 29)],
    ),
    (
        "2026-06",
        41,
        38,
        [(41, 38), (30, 27), (40, 36), (39, 37), (29, 25)],
    ),
    (
        "2026-07",
        39,
        35,
        [(39, 35), (29, 25), (38, 33), (37, 34), (27, 22)],
    ),
    (
        "2026-08",
        43,
        39,
        [(43, 40), (33, 29), (42, 37), (41, 38), (30, 26)],
    ),
    (
        "2026-09",
        46,
        43,
        [(46, 43), (34, 31), (45, 41), (44, 41), (32, 29)],
    ),
    (
        "2026-10",
        48,
        45,
        [(48, 45), (36, 33), (47, 43), (46, 43), (34, 31)],
    ),
    (
        "2026-11",
        25,
        23,
        [(25, 23), (18, 16), (24, 22), (24, 22), (15, 13)],
    ),
];

pub const DIMENSIONS: [&str; 5] = ["客服", "维修", "保洁", "安保", "绿化"];

pub fn metrics() -> Metrics {
    let mut m = Metrics {
        as_of: AS_OF.into(),
        ..Metrics::default()
    };
    for &(month, orders, due, timely, inspected, passed, rework, minor, medium, emergency, h) in
        REPAIRS
    {
        let mut completion_hours = BTreeMap::new();
        for (i, level) in ["minor", "medium", "emergency"].iter().enumerate() {
            completion_hours.insert(
                level.to_string(),
                Spread {
                    n: [minor, medium, emergency][i],
                    median: Some(h[2 * i]),
                    p90: Some(h[2 * i + 1]),
                },
            );
        }
        let by_level = BTreeMap::from([
            ("minor".to_string(), minor),
            ("medium".to_string(), medium),
            ("emergency".to_string(), emergency),
        ]);
        m.repairs.insert(
            month.into(),
            RepairStats {
                orders,
                completed: orders - 2,
                open: 2,
                due,
                timely,
                timeliness_rate: rate(timely, due),
                inspected,
                passed,
                pass_rate: rate(passed, inspected),
                rework,
                rework_rate: rate(rework, orders),
                by_level,
                completion_hours,
                ..RepairStats::default()
            },
        );
    }
    for &(month, received, major, important, minor, unclassified) in COMPLAINTS {
        m.complaints.insert(
            month.into(),
            ComplaintStats {
                received,
                by_level: BTreeMap::from([
                    ("major".to_string(), major),
                    ("important".to_string(), important),
                    ("minor".to_string(), minor),
                    ("unclassified".to_string(), unclassified),
                ]),
                ..ComplaintStats::default()
            },
        );
    }
    for &(month, responses, satisfied, dims) in SURVEYS {
        let dimensions = DIMENSIONS
            .iter()
            .zip(dims)
            .map(|(name, (answered, sat))| {
                (
                    name.to_string(),
                    DimensionStats {
                        answered,
                        satisfied: sat,
                        rate: rate(sat, answered),
                        mean: None,
                    },
                )
            })
            .collect();
        m.surveys.insert(
            month.into(),
            SurveyStats {
                responses,
                satisfied,
                satisfaction_rate: rate(satisfied, responses),
                dimensions,
                ..SurveyStats::default()
            },
        );
    }
    m
}

/// The sample's configuration with targets, as `wuye.toml` would give it.
pub fn config(zoom: bool) -> wuye::config::Config {
    let text = format!(
        "name = \"翠湖苑\"\n\
         [targets]\n\
         timeliness_rate = 0.95\n\
         pass_rate = 0.98\n\
         rework_rate = 0.03\n\
         satisfaction_rate = 0.9\n\
         [charts]\n\
         zoom = {zoom}\n"
    );
    wuye::config::parse(&text).expect("fixture config parses")
}
