//! No two labels of any chart overlap, and none leaves the drawing, at the
//! drawing's own width of 360 px (the layout scales uniformly, so this holds
//! at every width): for the fixture, in both languages, zoomed or not, and
//! for very short and very long ranges.

mod charts_fixture;

use charts_fixture as fixture;
use wuye::charts::{self, Charts};
use wuye::messages::Lang;
use wuye::metrics::Metrics;

#[derive(Debug)]
struct Label {
    text: String,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].to_string())
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Every `<text>` with the box it covers, estimated like the layout does
/// (CJK 1 em, Latin narrower; glyphs 0.88 em above and 0.22 em below the
/// baseline), in px.
fn labels(svg: &str) -> (f64, f64, Vec<Label>) {
    let root = svg.lines().next().unwrap();
    let view: Vec<f64> = attr(root, "viewBox")
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    let mut out = Vec::new();
    for chunk in svg.split("<text").skip(1) {
        let open_end = chunk.find('>').unwrap();
        let tag = &chunk[..open_end];
        let body = unescape(&chunk[open_end + 1..chunk.find("</text>").unwrap()]);
        let x = attr(tag, "x").unwrap().parse::<f64>().unwrap() / 10.0;
        let y = attr(tag, "y").unwrap().parse::<f64>().unwrap() / 10.0;
        let size = attr(tag, "font-size").unwrap().parse::<f64>().unwrap() / 10.0;
        let bold = attr(tag, "font-weight").is_some();
        let w = charts::text::width(&body, size) * if bold { 1.05 } else { 1.0 };
        let x0 = match attr(tag, "text-anchor").as_deref() {
            Some("middle") => x - w / 2.0,
            Some("end") => x - w,
            _ => x,
        };
        out.push(Label {
            text: body,
            x0,
            x1: x0 + w,
            y0: y - 0.88 * size,
            y1: y + 0.22 * size,
        });
    }
    (view[2] / 10.0, view[3] / 10.0, out)
}

fn check(charts: &Charts) {
    assert!(!charts.charts.is_empty());
    for chart in charts.charts.values() {
        let (w, h, labels) = labels(&chart.svg);
        assert_eq!(w, 360.0);
        for l in &labels {
            assert!(
                l.x0 >= 0.0 && l.x1 <= w && l.y0 >= 0.0 && l.y1 <= h,
                "{}: “{}” leaves the drawing: {l:?}",
                chart.id,
                l.text
            );
        }
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                let apart = a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0;
                assert!(
                    apart,
                    "{}: “{}” overlaps “{}”\n{a:?}\n{b:?}",
                    chart.id, a.text, b.text
                );
            }
        }
    }
}

#[test]
fn fixture_labels_never_overlap_in_chinese_or_english_zoomed_or_not() {
    for zoom in [false, true] {
        for lang in [Lang::ZhCn, Lang::En] {
            let mut config = fixture::config(zoom);
            config.language = lang;
            check(&charts::draw(&fixture::metrics(), &config));
        }
    }
}

/// The fixture's months shifted to cover `n` months from `first`.
fn stretched(n: usize) -> Metrics {
    let base = fixture::metrics();
    let template_keys: Vec<String> = base.repairs.keys().cloned().collect();
    let mut m = Metrics {
        as_of: "2030-12-31 23:00".into(),
        ..Metrics::default()
    };
    let (mut year, mut month) = (2026, 12);
    for i in 0..n {
        let key = format!("{year}-{month:02}");
        let from = &template_keys[i % template_keys.len()];
        m.repairs.insert(key.clone(), base.repairs[from].clone());
        if let Some(c) = base.complaints.get(from) {
            m.complaints.insert(key.clone(), c.clone());
        }
        if let Some(s) = base.surveys.get(from) {
            m.surveys.insert(key.clone(), s.clone());
        }
        month += 1;
        if month == 13 {
            month = 1;
            year += 1;
        }
    }
    m
}

#[test]
fn short_and_long_ranges_keep_labels_apart() {
    for n in [1, 2, 4, 7, 13, 25, 48] {
        for lang in [Lang::ZhCn, Lang::En] {
            let mut config = fixture::config(false);
            config.language = lang;
            check(&charts::draw(&stretched(n), &config));
        }
    }
}

#[test]
fn the_checker_itself_catches_an_overlap() {
    // Two labels drawn on top of each other must be reported.
    let svg = "<svg viewBox=\"0 0 3600 1000\">\n<text x=\"100\" y=\"200\" font-size=\"110\">3月</text><text x=\"110\" y=\"200\" font-size=\"110\">4月</text></svg>";
    let (_, _, l) = labels(svg);
    assert_eq!(l.len(), 2);
    assert!(l[0].x1 > l[1].x0 && l[0].y0 < l[1].y1);
}
