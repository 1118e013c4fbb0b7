//! Survey figures on a hand-computed fixture.

mod metrics_common;

use metrics_common::*;
use wuye::data::{Logs, SurveyLog};
use wuye::metrics;

fn fixture() -> Logs {
    Logs {
        surveys: SurveyLog {
            dimensions: vec!["客服".into(), "维修".into(), "绿化".into()],
            responses: vec![
                survey("S1", "2026-03-02 00:00", 5.0, vec![Some(4.0), None, None]),
                survey(
                    "S2",
                    "2026-03-10 00:00",
                    3.0,
                    vec![Some(2.0), Some(4.5), None],
                ),
                survey("S3", "2026-03-20 00:00", 4.0, vec![None, Some(3.0), None]),
                // Dated exactly at as_of: included.
                survey("S4", "2026-03-31 00:00", 4.5, vec![Some(5.0), None, None]),
                // After as_of: left out.
                survey(
                    "S5",
                    "2026-04-01 00:00",
                    1.0,
                    vec![Some(1.0), Some(1.0), Some(1.0)],
                ),
            ],
        },
        ..Logs::default()
    }
}

#[test]
fn satisfaction_means_and_dimensions() {
    let config = config_with("households = 100\n");
    let m = metrics::compute(&fixture(), &config, at("2026-03-31 00:00"));
    assert_eq!(m.surveys.keys().collect::<Vec<_>>(), ["2026-03", "2026Q1"]);
    let s = &m.surveys["2026-03"];
    assert_eq!(s.responses, 4);
    assert_eq!(s.satisfied, 3); // 5, 4, 4.5 ≥ 4
    assert_eq!(s.satisfaction_rate, Some(0.75));
    assert_eq!(s.overall_mean, Some(4.125)); // 16.5 / 4
    assert_eq!(s.response_rate, Some(0.04));
    let service = s.dimensions["客服"];
    assert_eq!((service.answered, service.satisfied), (3, 2));
    close(service.rate, 2.0 / 3.0);
    close(service.mean, 11.0 / 3.0);
    let repair = s.dimensions["维修"];
    assert_eq!((repair.answered, repair.satisfied), (2, 1));
    assert_eq!(repair.rate, Some(0.5));
    assert_eq!(repair.mean, Some(3.75));
    let green = s.dimensions["绿化"];
    assert_eq!((green.answered, green.satisfied), (0, 0));
    assert_eq!((green.rate, green.mean), (None, None));
    assert_eq!(
        metrics::format::fixed(s.overall_mean, 2),
        "4.13",
        "4.125 shows half away from zero"
    );
}

#[test]
fn response_rate_needs_households_and_satisfied_min_applies() {
    let config = config_with("[standards]\nsatisfied_min = 4.5\n");
    let m = metrics::compute(&fixture(), &config, at("2026-04-30 00:00"));
    let s = &m.surveys["2026-03"];
    assert_eq!(s.response_rate, None);
    assert_eq!(s.satisfied, 2); // 5 and 4.5
    let april = &m.surveys["2026-04"];
    assert_eq!((april.responses, april.satisfied), (1, 0));
    assert_eq!(april.satisfaction_rate, Some(0.0));
    let q = &m.surveys["2026Q1"];
    assert_eq!(q.responses, 4);
    assert_eq!(m.surveys["2026Q2"].responses, 1);
}
