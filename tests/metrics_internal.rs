//! The manager's internal report: statistics sheet, findings with the
//! records' details (HTML-escaped), warnings, target marks, hashed assets.

mod metrics_common;

use metrics_common::*;
use wuye::charts::Charts;
use wuye::content::Content;
use wuye::data::{Logs, Private, RepairLevel};
use wuye::diagnostics::{Diagnostic, Kind};
use wuye::metrics;
use wuye::render::{self, Engine, RenderInput};
use wuye::theme;

fn fixture() -> Logs {
    // Minor order completed 25 h after the report: not timely.
    let mut late = repair("R-LATE", "2026-03-02 08:00", RepairLevel::Minor);
    late.completed_at = opt("2026-03-03 09:00");
    // Open and past its deadline: on the overdue list with its details.
    let mut open = repair("R-OPEN", "2026-03-20 08:00", RepairLevel::Minor);
    open.room = Private::new("7栋1203".into());
    open.contact = Private::new("李女士".into());
    open.phone = Private::new("13912345678".into());
    open.note = Private::new("厨房 <b>漏水</b>".into());
    // Ours, unresolved since February: escalation (a) and overdue.
    let mut c = complaint("T-001", "2026-02-02 10:00");
    c.ours = Some(true);
    c.level = MINOR;
    c.room = Private::new("3栋0502".into());
    c.contact = Private::new("王先生".into());
    c.phone = Private::new("13700001111".into());
    c.category = "噪音".into();
    c.summary = Private::new("楼上装修 <script>alert(1)</script> & 噪音".into());
    Logs {
        repairs: vec![late, open],
        complaints: vec![c],
        ..Logs::default()
    }
}

fn render_report(config_extra: &str) -> (String, Vec<String>) {
    let config = config_with(config_extra);
    let logs = fixture();
    let as_of = at("2026-03-31 18:00");
    let metrics = metrics::compute(&logs, &config, as_of);
    let theme = theme::embedded();
    let content = Content::default();
    let charts = Charts::default();
    let warnings = vec![
        Diagnostic::warning(
            "data/repairs.csv",
            Kind::CompletedWithoutInspection,
            "完工未记录验收 <i>",
        )
        .at_line(2)
        .in_column("验收合格"),
    ];
    let input = RenderInput {
        config: &config,
        content: &content,
        logs: &logs,
        metrics: &metrics,
        charts: &charts,
        theme: &theme,
        as_of,
        warnings: &warnings,
    };
    let engine = Engine::new(&theme).expect("templates compile");
    let tree = render::internal::render(&input, &engine).expect("renders");
    let html = String::from_utf8(tree.files["internal/index.html"].to_vec()).unwrap();
    (html, tree.files.keys().cloned().collect())
}

#[test]
fn report_lists_findings_with_escaped_details() {
    let (html, files) = render_report("[targets]\ntimeliness_rate = 0.95\nrework_rate = 0.5\n");
    // Details of the overdue repair and the escalated complaint.
    for text in [
        "R-OPEN",
        "7栋1203",
        "李女士",
        "13912345678",
        "T-001",
        "3栋0502",
        "王先生",
        "13700001111",
    ] {
        assert!(html.contains(text), "missing {text}");
    }
    // Free text is escaped, never raw HTML.
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 噪音"));
    assert!(html.contains("厨房 &lt;b&gt;漏水&lt;/b&gt;"));
    // The data-quality warning, escaped.
    assert!(html.contains("完工未记录验收 &lt;i&gt;"));
    // Monthly sheets, newest first.
    let march = html.find("m-2026-03\"").expect("March sheet");
    let february = html.find("m-2026-02\"").expect("February sheet");
    assert!(march < february);
    // March timeliness is 0 / 1 against a 95 % target: marked missed.
    assert!(html.contains("class=\"missed\""));
    assert!(html.contains("≥ 95.0%"));
    assert!(html.contains("未达标"));
    // Rework 0 % under a 50 % ceiling: shown as an upper limit, not missed.
    assert!(html.contains("≤ 50.0%"));
    // Hashed stylesheets published in the internal folder.
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("internal/static/internal.") && f.ends_with(".css"))
    );
    assert!(html.contains("href=\"static/internal."));
    assert!(html.contains("href=\"metrics.json\""));
}

#[test]
fn no_target_no_mark() {
    let (html, _) = render_report("");
    assert!(!html.contains("class=\"missed\""));
    assert!(!html.contains("≥ "));
}

#[test]
fn english_report_uses_english_labels() {
    let (html, _) = render_report("language = \"en\"\n");
    assert!(html.contains("Monthly work statistics"));
    assert!(html.contains("Escalation findings"));
    assert!(!html.contains("月度工作统计表"));
}
