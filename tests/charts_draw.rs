//! The charts stage, end to end on a hand-made `Metrics`: ids, honesty
//! (gaps, nulls, axes), accessibility, tables, determinism, label layout,
//! and that what is plotted is exactly what the metrics say.

mod charts_fixture;

use charts_fixture as fixture;
use std::collections::BTreeMap;
use wuye::charts::{self, Chart, Charts};
use wuye::metrics::Metrics;

fn draw() -> Charts {
    charts::draw(&fixture::metrics(), &fixture::config(false))
}

fn chart<'a>(charts: &'a Charts, id: &str) -> &'a Chart {
    charts
        .charts
        .get(id)
        .unwrap_or_else(|| panic!("no chart {id}"))
}

/// One SVG element: its tag and attributes (values still escaped).
#[derive(Debug)]
struct El {
    tag: String,
    attrs: BTreeMap<String, String>,
    text: String,
}

impl El {
    fn num(&self, name: &str) -> f64 {
        self.attrs
            .get(name)
            .unwrap_or_else(|| panic!("{} has no {name}: {:?}", self.tag, self.attrs))
            .parse()
            .unwrap()
    }
    fn get(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }
}

/// Every element of an SVG, in document order (a tiny reader for the
/// regular markup the charts write).
fn elements(svg: &str) -> Vec<El> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('/') {
            continue;
        }
        let end = rest.find('>').unwrap();
        let tag_text = &rest[..end];
        let name_end = tag_text.find([' ', '/']).unwrap_or(tag_text.len());
        let tag = tag_text[..name_end].to_string();
        let mut attrs = BTreeMap::new();
        let mut a = &tag_text[name_end..];
        while let Some(eq) = a.find("=\"") {
            let name = a[..eq].trim().to_string();
            let after = &a[eq + 2..];
            let close = after.find('"').unwrap();
            attrs.insert(name, after[..close].to_string());
            a = &after[close + 1..];
        }
        let text = if tag == "text" || tag == "title" || tag == "desc" {
            let body = &rest[end + 1..];
            body[..body.find('<').unwrap()].to_string()
        } else {
            String::new()
        };
        out.push(El { tag, attrs, text });
    }
    out
}

/// The plot area of a chart (first one): (left, top, right, bottom, lo, hi) in px.
fn plot_areas(svg: &str) -> Vec<(f64, f64, f64, f64, f64, f64)> {
    elements(svg)
        .into_iter()
        .filter(|e| e.get("class") == Some("plot-area"))
        .map(|e| {
            let (x, y) = (e.num("x") / 10.0, e.num("y") / 10.0);
            let (w, h) = (e.num("width") / 10.0, e.num("height") / 10.0);
            (x, y, x + w, y + h, e.num("data-lo"), e.num("data-hi"))
        })
        .collect()
}

#[test]
fn whole_range_and_every_quarter_get_all_six_charts() {
    let charts = draw();
    let mut expected: Vec<String> = charts::IDS.iter().map(|s| s.to_string()).collect();
    for q in ["2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4"] {
        expected.extend(charts::IDS.iter().map(|id| format!("{q}/{id}")));
    }
    expected.sort();
    let got: Vec<String> = charts.charts.keys().cloned().collect();
    assert_eq!(got, expected);
    for (id, chart) in &charts.charts {
        assert_eq!(&chart.id, id);
        assert!(!chart.title.is_empty());
    }
}

#[test]
fn same_metrics_give_the_same_bytes() {
    assert_eq!(draw(), draw());
}

#[test]
fn every_svg_is_responsive_and_accessible() {
    for chart in draw().charts.values() {
        let svg = &chart.svg;
        let root = svg.lines().next().unwrap();
        assert!(root.starts_with("<svg "), "{}", chart.id);
        assert!(root.contains(" viewBox=\"0 0 3600 "), "{root}");
        assert!(
            !root.contains(" width=\"") && !root.contains(" height=\""),
            "{root}"
        );
        assert!(root.contains("role=\"img\""));
        assert!(root.contains("'Noto Sans CJK SC'") && root.contains("'PingFang SC'"));
        assert!(root.contains("'Microsoft YaHei'") && root.ends_with('>'));
        let els = elements(svg);
        let title = els.iter().find(|e| e.tag == "title").expect("title");
        assert_eq!(title.text, chart.title);
        let desc = els.iter().find(|e| e.tag == "desc").expect("desc");
        assert!(
            desc.text.contains("数据截至 2026年11月20日 18:00"),
            "{}",
            desc.text
        );
        // No id may repeat between charts that share a page.
        let ids: Vec<&str> = els.iter().filter_map(|e| e.get("id")).collect();
        for id in &ids {
            assert!(id.starts_with("wuye-chart-"), "{id}");
        }
        // Nothing but text elements carries a font family of its own.
        assert!(els.iter().skip(1).all(|e| e.get("font-family").is_none()));
    }
}

#[test]
fn ids_of_charts_on_one_page_never_collide() {
    let charts = draw();
    let mut seen = std::collections::BTreeSet::new();
    for chart in charts.charts.values() {
        for el in elements(&chart.svg) {
            if let Some(id) = el.get("id") {
                assert!(seen.insert(id.to_string()), "duplicate id {id}");
            }
        }
    }
}

#[test]
fn period_and_as_of_are_stated_in_the_chart() {
    let charts = draw();
    let whole = chart(&charts, "satisfaction");
    let texts: Vec<String> = elements(&whole.svg)
        .into_iter()
        .filter(|e| e.tag == "text")
        .map(|e| e.text)
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("2025年9月–2026年11月")
                && t.contains("数据截至 2026年11月20日 18:00")),
        "{texts:?}"
    );
    let desc = &elements(&whole.svg)[2];
    assert!(
        desc.text.contains("2026年11月的数据只到 20 日"),
        "{}",
        desc.text
    );
    assert!(desc.text.contains("2026年2月"), "{}", desc.text);
    let quarter = chart(&charts, "2026Q1/satisfaction");
    assert!(quarter.svg.contains("2026年第1季度"));
}

#[test]
fn satisfaction_points_are_the_metrics_and_sit_where_the_axis_says() {
    let metrics = fixture::metrics();
    let charts = draw();
    let svg = &chart(&charts, "satisfaction").svg;
    let (left, top, right, bottom, lo, hi) = plot_areas(svg)[0];
    assert_eq!((lo, hi), (0.0, 1.0), "rates run 0–100 %");
    let points: Vec<El> = elements(svg)
        .into_iter()
        .filter(|e| e.get("class") == Some("point"))
        .collect();
    let expected: Vec<(&String, f64)> = metrics
        .surveys
        .iter()
        .filter_map(|(k, s)| s.satisfaction_rate.map(|r| (k, r)))
        .collect();
    assert_eq!(points.len(), expected.len());
    assert_eq!(points.len(), 14, "15 months, 2026-02 without surveys");
    let slot = (right - left) / 15.0;
    for (point, (month, rate)) in points.iter().zip(&expected) {
        assert_eq!(point.get("data-month"), Some(month.as_str()));
        assert_eq!(point.num("data-value"), *rate);
        let y = bottom - (rate - lo) / (hi - lo) * (bottom - top);
        assert!(
            (point.num("cy") / 10.0 - y).abs() <= 0.051,
            "{month}: {} vs {y}",
            point.num("cy")
        );
        // Months sit in equal slots from 2025-09; 2026-02 is slot 5.
        let index = [
            "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04",
            "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11",
        ]
        .iter()
        .position(|m| m == month)
        .unwrap();
        let x = left + (index as f64 + 0.5) * slot;
        assert!((point.num("cx") / 10.0 - x).abs() <= 0.051);
    }
}

#[test]
fn a_null_rate_or_a_missing_month_breaks_the_line() {
    let charts = draw();
    let svg = &chart(&charts, "repair-rates").svg;
    let (left, _, right, _, _, _) = plot_areas(svg)[0];
    let slot = (right - left) / 15.0;
    // Series groups: the polylines inside the pass-rate group.
    let start = svg.find("data-series=\"pass_rate\"").unwrap();
    let end = start + svg[start..].find("</g>").unwrap();
    let group = &svg[start..end];
    let lines: Vec<El> = elements(group)
        .into_iter()
        .filter(|e| e.tag == "polyline")
        .collect();
    // 2026-02 (no data) and 2026-04 (nothing inspected) split the months
    // into 2025-09..2026-01, 2026-03 alone (marker only), 2026-05..2026-11.
    assert_eq!(lines.len(), 2, "{group}");
    let xs = |e: &El| -> Vec<usize> {
        e.get("points")
            .unwrap()
            .split_whitespace()
            .map(|p| {
                let x: f64 = p.split(',').next().unwrap().parse().unwrap();
                ((x / 10.0 - left) / slot - 0.5).round() as usize
            })
            .collect()
    };
    assert_eq!(xs(&lines[0]), [0, 1, 2, 3, 4]);
    assert_eq!(xs(&lines[1]), [8, 9, 10, 11, 12, 13, 14]);
    let months: Vec<String> = elements(group)
        .into_iter()
        .filter_map(|e| e.get("data-month").map(str::to_string))
        .collect();
    assert!(months.contains(&"2026-03".to_string()));
    assert!(!months.contains(&"2026-04".to_string()));
    assert!(!months.contains(&"2026-02".to_string()));
}

#[test]
fn stacked_bars_are_the_level_counts_and_missing_months_are_marked() {
    let metrics = fixture::metrics();
    let charts = draw();
    let svg = &chart(&charts, "complaints-by-level").svg;
    let (_, top, _, bottom, lo, hi) = plot_areas(svg)[0];
    assert_eq!(lo, 0.0);
    let bars: Vec<El> = elements(svg)
        .into_iter()
        .filter(|e| e.get("class") == Some("bar"))
        .collect();
    let mut per_month: BTreeMap<String, u64> = BTreeMap::new();
    for bar in &bars {
        let value = bar.num("data-value");
        let h = bar.num("height") / 10.0;
        let expected_h = value / (hi - lo) * (bottom - top);
        assert!((h - expected_h).abs() <= 0.11, "{h} vs {expected_h}");
        *per_month
            .entry(bar.get("data-month").unwrap().into())
            .or_default() += value as u64;
    }
    let expected: BTreeMap<String, u64> = metrics
        .complaints
        .iter()
        .map(|(k, c)| (k.clone(), c.by_level.values().sum()))
        .collect();
    assert_eq!(per_month, expected);
    // The three levels of 2026-07 (major 1, important 5, minor 6, unclassified 2).
    let july: Vec<(String, f64)> = bars
        .iter()
        .filter(|b| b.get("data-month") == Some("2026-07"))
        .map(|b| (b.attrs["fill"].clone(), b.num("data-value")))
        .collect();
    assert_eq!(july.len(), 4);
    assert_eq!(july[0], ("#B0232A".to_string(), 1.0));
    assert!(
        july[1]
            .0
            .starts_with("url(#wuye-chart-complaints-by-level-important)")
    );
    // 2025-10 and 2026-02 have no complaints record: a dash, not a bar.
    let gaps = elements(svg)
        .into_iter()
        .filter(|e| e.get("class") == Some("gap"))
        .count();
    assert_eq!(gaps, 2);
}

#[test]
fn tables_hold_the_same_numbers() {
    let charts = draw();
    let sat = &chart(&charts, "satisfaction").table;
    assert_eq!(sat[0], ["月份", "满意率", "有效问卷（份）"]);
    assert_eq!(sat[1], ["2025年9月", "87.5%", "40"]);
    assert_eq!(sat[6], ["2026年2月", "—", "—"]);
    assert_eq!(sat.last().unwrap(), &["目标", "90.0%", ""]);
    assert_eq!(sat.len(), 1 + 15 + 1);

    let rates = &chart(&charts, "repair-rates").table;
    assert_eq!(rates[0], ["月份", "及时率", "合格率", "返工率"]);
    // 2026-04: 53/55 timely, nothing inspected, 2/55 rework.
    assert_eq!(rates[8], ["2026年4月", "96.4%", "—", "3.6%"]);
    assert_eq!(
        rates.last().unwrap(),
        &["目标", "≥95.0%", "≥98.0%", "≤3.0%"]
    );

    let dims = &chart(&charts, "satisfaction-dimensions").table;
    assert_eq!(dims[0], ["月份", "保洁", "安保", "客服", "维修", "绿化"]);
    // 2026-01: 绿化 answered by nobody.
    assert_eq!(
        dims[5],
        ["2026年1月", "82.8%", "89.3%", "90.0%", "76.9%", "—"]
    );

    let volume = &chart(&charts, "repair-volume").table;
    assert_eq!(volume[0], ["月份", "小修", "中修", "急修", "合计"]);
    assert_eq!(volume[11], ["2026年7月", "66", "21", "8", "95"]);

    let complaints = &chart(&charts, "complaints-by-level").table;
    assert_eq!(
        complaints[0],
        ["月份", "重大", "重要", "轻微", "未分级", "合计"]
    );
    assert_eq!(complaints[2], ["2025年10月", "—", "—", "—", "—", "—"]);

    let hours = &chart(&charts, "completion-hours").table;
    assert_eq!(hours[0][1], "小修中位数（小时）");
    assert_eq!(
        hours[1],
        ["2025年9月", "6.5", "20.0", "40.0", "70.5", "1.5", "2.8"]
    );

    let q = &chart(&charts, "2026Q4/repair-volume").table;
    assert_eq!(q.len(), 3, "October and November; December is after as_of");
}

#[test]
fn targets_are_dashed_reference_lines_with_a_label() {
    let charts = draw();
    let svg = &chart(&charts, "repair-rates").svg;
    let targets: Vec<El> = elements(svg)
        .into_iter()
        .filter(|e| e.get("data-target").is_some())
        .collect();
    let keys: Vec<&str> = targets
        .iter()
        .map(|e| e.get("data-target").unwrap())
        .collect();
    assert_eq!(keys, ["timeliness_rate", "pass_rate", "rework_rate"]);
    assert!(targets.iter().all(|e| e.get("stroke-dasharray").is_some()));
    let (_, top, _, bottom, lo, hi) = plot_areas(svg)[0];
    let y = |v: f64| bottom - (v - lo) / (hi - lo) * (bottom - top);
    let rework = &targets[2];
    let pts = rework.get("points").unwrap();
    let first_y: f64 = pts
        .split_whitespace()
        .next()
        .unwrap()
        .split(',')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert!((first_y / 10.0 - y(0.03)).abs() <= 0.051);
    for label in ["及时率目标 95.0%", "合格率目标 98.0%", "返工率上限 3.0%"] {
        assert!(svg.contains(&format!(">{label}</text>")), "{label}");
    }
}

#[test]
fn rate_axes_start_at_zero_unless_zoom_is_asked_for_and_then_say_so() {
    let plain = draw();
    assert!(
        !chart(&plain, "satisfaction")
            .svg
            .contains("纵轴未从 0 开始")
    );
    let zoomed = charts::draw(&fixture::metrics(), &fixture::config(true));
    let svg = &chart(&zoomed, "satisfaction").svg;
    assert!(svg.contains(">纵轴未从 0 开始</text>") || svg.contains("纵轴未从 0 开始</text>"));
    let (_, _, _, _, lo, hi) = plot_areas(svg)[0];
    assert!(lo > 0.0 && lo <= 0.833 && hi >= 0.938, "{lo}..{hi}");
    let desc = &elements(svg)[2];
    assert!(desc.text.contains("未从 0 开始"));
    // Rework rates near 0 keep 0 at the bottom, zoom or not.
    let (_, _, _, _, lo, _) = plot_areas(&chart(&zoomed, "repair-rates").svg)[0];
    assert_eq!(lo, 0.0);
}

#[test]
fn no_metrics_still_gives_the_whole_range_charts_saying_no_data() {
    let metrics = Metrics {
        as_of: fixture::AS_OF.into(),
        ..Metrics::default()
    };
    let charts = charts::draw(&metrics, &fixture::config(false));
    assert_eq!(charts.charts.len(), 6);
    for chart in charts.charts.values() {
        assert!(chart.svg.contains(">暂无数据</text>"), "{}", chart.id);
        assert_eq!(chart.table.len(), 1, "header only");
    }
}

#[test]
fn english_is_used_when_configured() {
    let mut config = fixture::config(false);
    config.language = wuye::messages::Lang::En;
    let charts = charts::draw(&fixture::metrics(), &config);
    let c = chart(&charts, "complaints-by-level");
    assert_eq!(c.title, "Complaints per month by level");
    assert_eq!(
        c.table[0],
        [
            "Month",
            "Major",
            "Important",
            "Minor",
            "Unclassified",
            "Total"
        ]
    );
    assert!(c.svg.contains(">Sep</text>") && c.svg.contains(">2025</text>"));
    assert!(c.svg.contains("lang=\"en\""));
}

#[test]
fn target_labels_find_a_place_off_the_data_when_there_is_one() {
    let charts = draw();
    for id in ["satisfaction", "repair-rates", "2026Q1/repair-rates"] {
        let svg = &chart(&charts, id).svg;
        let start = svg.find("class=\"target-labels\"").unwrap();
        let labels: Vec<El> = elements(&svg[start..])
            .into_iter()
            .take_while(|e| e.tag == "g" || e.tag == "text")
            .filter(|e| e.tag == "text")
            .collect();
        assert!(!labels.is_empty(), "{id}");
        let markers: Vec<(f64, f64)> = elements(svg)
            .into_iter()
            .filter(|e| e.get("class") == Some("point"))
            .map(|e| match e.tag.as_str() {
                "circle" => (e.num("cx") / 10.0, e.num("cy") / 10.0),
                "rect" => (
                    (e.num("x") + e.num("width") / 2.0) / 10.0,
                    (e.num("y") + e.num("height") / 2.0) / 10.0,
                ),
                _ => {
                    let pts: Vec<f64> = e.attrs["points"]
                        .split([' ', ','])
                        .filter(|s| !s.is_empty())
                        .map(|n| n.parse::<f64>().unwrap() / 10.0)
                        .collect();
                    (
                        (pts[0] + pts[2] + pts[4]) / 3.0,
                        (pts[1] + pts[3] + pts[5]) / 3.0,
                    )
                }
            })
            .collect();
        for label in &labels {
            let size = label.num("font-size") / 10.0;
            let (x1, y) = (label.num("x") / 10.0, label.num("y") / 10.0);
            let x0 = x1 - wuye::charts::text::width(&label.text, size);
            let (y0, y1) = (y - 0.88 * size, y + 0.22 * size);
            for (mx, my) in &markers {
                let clear =
                    *mx + 3.0 <= x0 || *mx - 3.0 >= x1 || *my + 3.0 <= y0 || *my - 3.0 >= y1;
                assert!(
                    clear,
                    "{id}: “{}” covers the marker at {mx},{my}",
                    label.text
                );
            }
        }
    }
}
