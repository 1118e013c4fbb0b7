//! Snapshots of whole SVGs for the fixed fixture: any change to the drawing
//! shows up as a reviewable diff (`cargo insta review`, or rerun with
//! `INSTA_UPDATE=always` after checking the gallery by eye).

mod charts_fixture;

use charts_fixture as fixture;

fn svg(id: &str) -> String {
    let charts = wuye::charts::draw(&fixture::metrics(), &fixture::config(false));
    charts.charts[id].svg.clone()
}

#[test]
fn satisfaction_whole_range() {
    insta::assert_snapshot!(svg("satisfaction"));
}

#[test]
fn repair_rates_whole_range() {
    insta::assert_snapshot!(svg("repair-rates"));
}

#[test]
fn complaints_by_level_first_quarter() {
    insta::assert_snapshot!(svg("2026Q1/complaints-by-level"));
}

#[test]
fn completion_hours_whole_range() {
    insta::assert_snapshot!(svg("completion-hours"));
}
