//! The service quality page (服务质量公示): figures only from the metrics,
//! charts only from the charts stage, by id; rates as percentages with
//! one decimal, null as —.
//!
//! Set `WUYE_SITE_DUMP=<dir>` to write the rendered site there (for
//! looking at it in a browser).

use std::collections::BTreeMap;
use wuye::charts::{Chart, Charts};
use wuye::content::Content;
use wuye::data::Logs;
use wuye::metrics::{ComplaintStats, Metrics, RepairStats, SurveyStats};
use wuye::render::{Engine, RenderInput};

fn repairs(
    orders: u64,
    timely: u64,
    due: u64,
    passed: u64,
    inspected: u64,
    rework: u64,
) -> RepairStats {
    RepairStats {
        orders,
        completed: inspected,
        due,
        timely,
        timeliness_rate: (due > 0).then(|| timely as f64 / due as f64),
        inspected,
        passed,
        pass_rate: (inspected > 0).then(|| passed as f64 / inspected as f64),
        rework,
        rework_rate: (orders > 0).then(|| rework as f64 / orders as f64),
        ..RepairStats::default()
    }
}

fn complaints(received: u64, resolved: u64, levels: [u64; 4]) -> ComplaintStats {
    let by_level: BTreeMap<String, u64> = ["major", "important", "minor", "unclassified"]
        .iter()
        .zip(levels)
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    ComplaintStats {
        received,
        resolved,
        resolution_rate: (received > 0).then(|| resolved as f64 / received as f64),
        by_level,
        ..ComplaintStats::default()
    }
}

fn surveys(responses: u64, satisfied: u64, mean: f64) -> SurveyStats {
    SurveyStats {
        responses,
        satisfied,
        satisfaction_rate: (responses > 0).then(|| satisfied as f64 / responses as f64),
        overall_mean: Some(mean),
        ..SurveyStats::default()
    }
}

fn metrics() -> Metrics {
    let mut m = Metrics {
        as_of: "2026-11-20 18:00".into(),
        ..Metrics::default()
    };
    m.repairs
        .insert("2026-09".into(), repairs(40, 38, 40, 30, 31, 1));
    m.repairs
        .insert("2026-10".into(), repairs(80, 77, 80, 50, 50, 2));
    m.repairs
        .insert("2026-11".into(), repairs(0, 0, 0, 0, 0, 0));
    m.repairs
        .insert("2026Q3".into(), repairs(40, 38, 40, 30, 31, 1));
    m.repairs
        .insert("2026Q4".into(), repairs(80, 77, 80, 50, 50, 2));
    m.complaints
        .insert("2026-10".into(), complaints(6, 5, [0, 1, 4, 1]));
    m.complaints
        .insert("2026Q4".into(), complaints(6, 5, [0, 1, 4, 1]));
    m.surveys.insert("2026-10".into(), surveys(80, 77, 4.125));
    m.surveys.insert("2026Q4".into(), surveys(80, 77, 4.125));
    m
}

fn chart(id: &str, title: &str) -> Chart {
    Chart {
        id: id.into(),
        title: title.into(),
        svg: format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\" data-chart=\"{id}\"><rect width=\"60\" height=\"40\" fill=\"#0b5cad\"/></svg>"
        ),
        table: vec![
            vec!["月份".into(), "满意率".into()],
            vec!["2026-10".into(), "96.3%".into()],
        ],
    }
}

fn render(charts: &Charts) -> BTreeMap<String, String> {
    let config =
        wuye::config::parse("name = \"翠湖苑\"\ncompany = \"澄湖物业服务有限公司\"\n").unwrap();
    let theme = wuye::theme::embedded();
    let content = Content::default();
    let logs = Logs::default();
    let metrics = metrics();
    let input = RenderInput {
        config: &config,
        content: &content,
        logs: &logs,
        metrics: &metrics,
        charts,
        theme: &theme,
        as_of: wuye::datetime::parse_datetime("2026-11-20 18:00").unwrap(),
        warnings: &[],
    };
    let engine = Engine::new(&theme).unwrap();
    let tree = wuye::render::site::render(&input, &engine).unwrap();
    if let Ok(dir) = std::env::var("WUYE_SITE_DUMP") {
        for (path, bytes) in &tree.files {
            let target = std::path::Path::new(&dir).join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, bytes.as_slice()).unwrap();
        }
    }
    tree.files
        .into_iter()
        .map(|(p, b)| (p, String::from_utf8(b.to_vec()).unwrap()))
        .collect()
}

fn charts() -> Charts {
    let mut charts = Charts::default();
    for (id, title) in [
        ("satisfaction", "满意率（月度）"),
        ("2026Q4/repair-rates", "2026年第四季度维修指标"),
        ("unknown-id", "不应出现"),
    ] {
        charts.charts.insert(id.into(), chart(id, title));
    }
    charts
}

/// The cells of the table row whose header cell is `label`, in the table
/// that follows `caption`.
fn row(html: &str, caption: &str, label: &str) -> Vec<String> {
    let table = &html[html
        .find(&format!("<caption>{caption}</caption>"))
        .unwrap_or_else(|| panic!("{caption}"))..];
    let table = &table[..table.find("</table>").unwrap()];
    let start = table
        .find(&format!("<th scope=\"row\">{label}</th>"))
        .or_else(|| table.find(&format!(">{label}</a></th>")))
        .unwrap_or_else(|| panic!("{caption}: {label}"));
    let tr = &table[start..table[start..].find("</tr>").unwrap() + start];
    tr.split("<td>")
        .skip(1)
        .map(|cell| cell.split("</td>").next().unwrap().to_string())
        .collect()
}

#[test]
fn monthly_and_quarterly_tables_come_from_the_metrics() {
    let site = render(&charts());
    let page = &site["site/quality/index.html"];
    // 77/80 = 96.25% rounds half away from zero to 96.3%.
    assert_eq!(
        row(page, "月度数据 · 满意度调查", "2026年10月"),
        ["80", "96.3%", "4.13"]
    );
    // A month without surveys shows dashes, never 0%.
    assert_eq!(
        row(page, "月度数据 · 满意度调查", "2026年9月"),
        ["—", "—", "—"]
    );
    assert_eq!(
        row(page, "月度数据 · 维修服务", "2026年9月"),
        ["40", "31", "95.0%", "96.8%", "2.5%"]
    );
    // Zero denominators are null, shown as —.
    assert_eq!(
        row(page, "月度数据 · 维修服务", "2026年11月"),
        ["0", "0", "—", "—", "—"]
    );
    assert_eq!(
        row(page, "月度数据 · 投诉处理", "2026年10月"),
        ["6", "0", "1", "4", "1", "5", "83.3%", "—"]
    );
    assert_eq!(
        row(page, "季度数据 · 维修服务", "2026年第四季度"),
        ["80", "50", "96.3%", "100.0%", "2.5%"]
    );
    // Newest month first.
    let oct = page.find("2026年10月").unwrap();
    let sep = page.find("2026年9月").unwrap();
    assert!(page.find("2026年11月").unwrap() < oct && oct < sep);
}

#[test]
fn charts_are_taken_by_id_and_missing_ones_skipped() {
    let site = render(&charts());
    let page = &site["site/quality/index.html"];
    assert!(page.contains("data-chart=\"satisfaction\""));
    assert!(page.contains("满意率（月度）"));
    assert!(!page.contains("不应出现"), "only known ids are shown");
    assert!(
        !page.contains("data-chart=\"2026Q4/repair-rates\""),
        "quarter charts are on the quarter page"
    );
    let quarter = &site["site/quality/2026Q4/index.html"];
    assert!(quarter.contains("data-chart=\"2026Q4/repair-rates\""));
    assert!(!quarter.contains("data-chart=\"satisfaction\""));
    // The quarter page shows its own months only.
    assert_eq!(
        row(quarter, "月度数据 · 维修服务", "2026年10月"),
        ["80", "50", "96.3%", "100.0%", "2.5%"]
    );
    assert!(!quarter.contains("2026年9月"));
    assert!(site.contains_key("site/quality/2026Q3/index.html"));
}

#[test]
fn without_charts_the_tables_still_show() {
    let site = render(&Charts::default());
    let page = &site["site/quality/index.html"];
    assert!(!page.contains("<figure"));
    assert_eq!(
        row(page, "月度数据 · 满意度调查", "2026年10月"),
        ["80", "96.3%", "4.13"]
    );
    // The home page links to the page and quotes the latest quarter.
    let home = &site["site/index.html"];
    assert!(home.contains("href=\"./quality/index.html\""));
    assert!(
        home.contains("2026年第四季度满意率 <strong>96.3%</strong>"),
        "{home}"
    );
}
