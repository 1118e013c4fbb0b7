//! The committee reports rendered from hand-made metrics: contents,
//! comparisons, targets, the annual sums, the manager's note and its
//! figure placeholders, and that every printed figure is the metrics'.

mod reports_support;

use reports_support::*;
use wuye::content::Content;
use wuye::diagnostics::Kind;
use wuye::metrics::Metrics;
use wuye::output::OutputTree;

fn sample_tree() -> OutputTree {
    render(
        &config(CONFIG),
        &Content::default(),
        &sample_logs(),
        &sample_metrics(),
        &sample_charts(),
    )
    .expect("the sample renders")
}

fn text_of(html: &str) -> String {
    // Drop tags: good enough to search the visible words.
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn one_report_per_quarter_and_year_with_data_and_a_list_newest_first() {
    let tree = sample_tree();
    let pages: Vec<&str> = tree
        .files
        .keys()
        .map(String::as_str)
        .filter(|p| p.ends_with(".html"))
        .collect();
    assert_eq!(
        pages,
        [
            "reports/2025/index.html",
            "reports/2025Q3/index.html",
            "reports/2025Q4/index.html",
            "reports/2026/index.html",
            "reports/2026Q1/index.html",
            "reports/2026Q2/index.html",
            "reports/2026Q3/index.html",
            "reports/index.html",
        ]
    );
    let index = html(&tree, "reports/index.html");
    let hrefs: Vec<&str> = index
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.ends_with("index.html"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "2026/index.html",
            "2026Q3/index.html",
            "2026Q2/index.html",
            "2026Q1/index.html",
            "2025/index.html",
            "2025Q4/index.html",
            "2025Q3/index.html",
        ]
    );
    assert!(index.contains("2026年第三季度物业服务工作报告"));
    assert!(index.contains("2026年度物业服务工作报告"));
}

#[test]
fn no_data_gives_only_the_list_saying_so() {
    let tree = render(
        &config(CONFIG),
        &Content::default(),
        &Default::default(),
        &Metrics::default(),
        &Default::default(),
    )
    .unwrap();
    let pages: Vec<&String> = tree.files.keys().filter(|p| p.ends_with(".html")).collect();
    assert_eq!(pages, ["reports/index.html"]);
    assert!(html(&tree, "reports/index.html").contains("还没有报告"));
}

#[test]
fn the_cover_names_estate_company_period_and_date_of_issue() {
    let tree = sample_tree();
    let page = html(&tree, "reports/2026Q3/index.html");
    let cover = &page[page.find("rpt-cover").unwrap()..page.find("rpt-main").unwrap()];
    for words in [
        "翠湖苑",
        "澄湖物业服务有限公司",
        "2026年第三季度",
        "2026年第三季度物业服务工作报告",
        "报告日期：2026年9月30日",
        "报送：业主委员会",
    ] {
        assert!(cover.contains(words), "the cover lacks {words}");
    }
    // 2026Q3 ends at midnight after as_of (18:00 on the last day): not finished.
    assert!(cover.contains("本报告期尚未结束，数据截至 2026-09-30 18:00"));
    let q2 = html(&tree, "reports/2026Q2/index.html");
    assert!(!q2.contains("本报告期尚未结束"));
}

#[test]
fn every_figure_in_every_report_equals_the_metrics() {
    let metrics = sample_metrics();
    let json = serde_json::to_value(&metrics).unwrap();
    let tree = sample_tree();
    // Escalations per quarter of receipt, by hand from sample_logs:
    // C-0331 (2026-03-31 23:59) → Q1; C-0401, C-0402 → Q2.
    let escalations = |period: &str| match period {
        "2026Q1" => 1,
        "2026Q2" => 2,
        "2026" => 3,
        _ => 0,
    };
    let mut checked = 0;
    for (path, bytes) in &tree.files {
        if !path.ends_with(".html") {
            continue;
        }
        let page = String::from_utf8(bytes.to_vec()).unwrap();
        for m in marked(&page) {
            let expected = if m.metric == "escalations.count" {
                serde_json::json!(escalations(&m.period))
            } else if m.period.len() == 4 {
                annual_expected(&json, &m.period, &m.metric, HOUSEHOLDS)
            } else {
                json_value(&json, &m.period, &m.metric).expect("a metrics path")
            };
            assert_matches_json(&m, &expected);
            checked += 1;
        }
    }
    // 5 quarterly and 2 annual reports, each with well over 50 figures.
    assert!(checked > 7 * 50, "only {checked} figures checked");
}

#[test]
fn changes_are_in_percentage_points_against_the_previous_quarter() {
    let tree = sample_tree();
    let page = html(&tree, "reports/2026Q3/index.html");
    let change = |metric: &str| -> (String, String) {
        let at = page
            .find(&format!("data-change-of=\"{metric}\""))
            .unwrap_or_else(|| panic!("no change for {metric}"));
        let tag_end = at + page[at..].find('>').unwrap();
        let value_at = page[at..tag_end].find("data-value=\"").unwrap() + at + 12;
        let value = page[value_at..].split('"').next().unwrap().to_string();
        let text = page[tag_end + 1..].split('<').next().unwrap().to_string();
        (value, text)
    };
    // 150/155 − 131/139 = 0.0252958…
    let (value, text) = change("repairs.timeliness_rate");
    assert_eq!(text, "+2.5 个百分点");
    assert_eq!(value.parse::<f64>().unwrap(), 150.0 / 155.0 - 131.0 / 139.0);
    // Counts: 160 − 140.
    assert_eq!(change("repairs.orders").1, "+20");
    // Complaints 15 vs 12.
    assert_eq!(change("complaints.received").1, "+3");
    // 2026Q2 has no surveys: the previous side is null.
    assert_eq!(
        change("surveys.satisfaction_rate"),
        ("null".to_string(), "—".to_string())
    );
    // The previous quarter's figures are shown beside this quarter's.
    assert_eq!(shown(&page, "2026Q2", "repairs.orders"), "140");
    assert!(text_of(&page).contains("变化一栏的“—”表示本季度或上季度该项没有可计算的数据"));
}

#[test]
fn the_first_quarter_has_nothing_to_compare_with() {
    let tree = sample_tree();
    let page = html(&tree, "reports/2025Q3/index.html");
    let changes: Vec<&str> = page.split("data-change-of=").skip(1).collect();
    assert_eq!(changes.len(), 15);
    for change in changes {
        let text = change.split('>').nth(1).unwrap().split('<').next().unwrap();
        assert_eq!(text, "—");
        assert!(change.contains("data-value=\"null\""));
    }
    assert!(text_of(&page).contains("本季度是第一个有记录的季度，没有上季度数据可比"));
    // No previous quarter's figure is marked at all.
    assert!(
        marked(&page)
            .iter()
            .all(|m| m.period == "2025Q3" || m.period.starts_with("2025-"))
    );
}

#[test]
fn a_quarter_without_surveys_shows_a_dash_and_says_why() {
    let tree = sample_tree();
    let page = html(&tree, "reports/2026Q2/index.html");
    assert_eq!(shown(&page, "2026Q2", "surveys.satisfaction_rate"), "—");
    assert_eq!(shown(&page, "2026Q2", "surveys.overall_mean"), "—");
    assert_eq!(shown(&page, "2026Q2", "surveys.response_rate"), "—");
    assert_eq!(shown(&page, "2026Q2", "surveys.responses"), "0");
    let surveys = &page[page.find("id=\"surveys\"").unwrap()..];
    let survey_figures = marked(surveys);
    assert!(survey_figures.len() >= 5);
    for m in survey_figures {
        assert_ne!(m.text, "0.0%", "{} shown as 0%", m.metric);
    }
    assert!(
        text_of(surveys).contains("本期没有满意度调查记录，满意率和平均分以“—”表示（不是 0%）。")
    );
    // The repairs of the same quarter are there as usual.
    assert_eq!(shown(&page, "2026Q2", "repairs.timeliness_rate"), "94.2%");
}

#[test]
fn escalations_count_in_the_quarter_their_complaint_was_received() {
    let tree = sample_tree();
    let q1 = html(&tree, "reports/2026Q1/index.html");
    let q2 = html(&tree, "reports/2026Q2/index.html");
    // 2026-03-31 23:59 belongs to Q1; 2026-04-01 00:00 to Q2.
    assert_eq!(shown(&q1, "2026Q1", "escalations.count"), "1");
    assert_eq!(shown(&q2, "2026Q2", "escalations.count"), "2");
    assert_eq!(shown(&q2, "2026Q1", "escalations.count"), "1");
    // Nothing of those complaints but the count is published.
    for page in [&q1, &q2] {
        assert!(!page.contains("C-0331") && !page.contains("C-0401"));
    }
}

#[test]
fn the_quarter_of_a_record_is_its_metrics_key() {
    // A repair at 2026-03-31 23:59 is in 2026Q1's figures, one at
    // 2026-04-01 00:00 in 2026Q2's: the reports print those keys' numbers
    // and never move a record between quarters themselves.
    let mut metrics = Metrics::default();
    let one = |minor: u64| {
        repairs(
            [1, 1, 1],
            [1, 1, 0],
            [1, 1],
            [minor, 1 - minor, 0],
            &[("水电", 1)],
            [(Some(1.0), Some(1.0)), (None, None), (None, None)],
        )
    };
    metrics.repairs.insert("2026-03".into(), one(1));
    metrics.repairs.insert("2026Q1".into(), one(1));
    metrics.repairs.insert("2026-04".into(), one(0));
    metrics.repairs.insert("2026Q2".into(), one(0));
    let tree = render(
        &config(CONFIG),
        &Content::default(),
        &Default::default(),
        &metrics,
        &Default::default(),
    )
    .unwrap();
    let q1 = html(&tree, "reports/2026Q1/index.html");
    let q2 = html(&tree, "reports/2026Q2/index.html");
    assert_eq!(shown(&q1, "2026Q1", "repairs.by_level.minor"), "1");
    assert_eq!(shown(&q1, "2026Q1", "repairs.by_level.medium"), "0");
    assert_eq!(shown(&q2, "2026Q2", "repairs.by_level.minor"), "0");
    assert_eq!(shown(&q2, "2026Q2", "repairs.by_level.medium"), "1");
    // Each month row sits in its own quarter only.
    assert!(figures_of(&marked(&q1), "2026-04", "repairs.orders").is_empty());
    assert_eq!(shown(&q1, "2026-03", "repairs.orders"), "1");
    assert_eq!(shown(&q2, "2026-04", "repairs.orders"), "1");
    let year = html(&tree, "reports/2026/index.html");
    assert_eq!(shown(&year, "2026", "repairs.orders"), "2");
}

#[test]
fn missed_targets_are_marked_and_rework_is_an_upper_limit() {
    let tree = sample_tree();
    let q1 = html(&tree, "reports/2026Q1/index.html");
    let found = marked(&q1);
    let cell = |metric: &str| -> String {
        let at = q1
            .find(&format!("data-period=\"2026Q1\" data-metric=\"{metric}\""))
            .unwrap();
        let start = q1[..at].rfind('<').unwrap();
        let end = at + q1[at..].find("</td>").unwrap();
        q1[start..end].to_string()
    };
    // Timeliness 138/150 = 92.0% < 95%: missed.
    assert_eq!(shown(&q1, "2026Q1", "repairs.timeliness_rate"), "92.0%");
    assert!(cell("repairs.timeliness_rate").contains("未达标"));
    // Rework 4/150 = 2.7% > 2% (an upper limit): missed.
    assert!(cell("repairs.rework_rate").contains("未达标"));
    // Pass rate 115/120 = 95.8% < 97%: missed; satisfaction 158/180 = 87.8% < 90%.
    assert!(cell("repairs.pass_rate").contains("未达标"));
    assert!(cell("surveys.satisfaction_rate").contains("未达标"));
    // No target for dispatch compliance: never marked.
    assert!(!cell("repairs.dispatch_compliance").contains("未达标"));
    // 2026Q3: timeliness 96.8% and rework 1.3% meet their targets.
    let q3 = html(&tree, "reports/2026Q3/index.html");
    let at = q3
        .find("data-period=\"2026Q3\" data-metric=\"repairs.rework_rate\"")
        .unwrap();
    let cell = &q3[at..at + q3[at..].find("</td>").unwrap()];
    assert!(!cell.contains("未达标"), "{cell}");
    assert!(text_of(&q1).contains("不高于 2.0%"));
    assert!(text_of(&q1).contains("不低于 95.0%"));
    assert!(!found.is_empty());
}

#[test]
fn repairs_complaints_and_surveys_are_broken_down() {
    let tree = sample_tree();
    let page = html(&tree, "reports/2026Q1/index.html");
    let text = text_of(&page);
    for label in [
        "小修",
        "中修",
        "急修",
        "水电",
        "门窗",
        "管道",
        "未填写",
        "重大",
        "重要",
        "轻微",
        "未定级",
        "来电",
        "来访",
        "网络",
        "书面",
        "噪音",
        "停车",
        "保洁",
        "维修",
        "2026年3月",
    ] {
        assert!(text.contains(label), "{label} is missing");
    }
    assert_eq!(shown(&page, "2026Q1", "repairs.by_level.medium"), "32");
    assert_eq!(shown(&page, "2026Q1", "repairs.by_category."), "5");
    assert_eq!(
        shown(&page, "2026Q1", "repairs.completion_hours.minor.median"),
        "7.3"
    );
    assert_eq!(
        shown(&page, "2026Q1", "repairs.completion_hours.emergency.p90"),
        "5.0"
    );
    assert_eq!(shown(&page, "2026Q1", "complaints.by_channel.letter"), "0");
    assert_eq!(shown(&page, "2026Q1", "complaints.by_channel."), "1");
    assert_eq!(
        shown(&page, "2026Q1", "complaints.callback_satisfaction"),
        "86.7%"
    );
    assert_eq!(
        shown(&page, "2026Q1", "surveys.dimensions.维修.mean"),
        "4.40"
    );
    assert_eq!(
        shown(&page, "2026-03", "surveys.satisfaction_rate"),
        "87.1%"
    );
    // Response rate = 180 / 1280.
    assert_eq!(shown(&page, "2026Q1", "surveys.response_rate"), "14.1%");
    assert!(text.contains("急修以报修后 30 分钟内到场为及时"));
}

#[test]
fn the_annual_report_sums_quarters_and_recomputes_rates() {
    let tree = sample_tree();
    let page = html(&tree, "reports/2026/index.html");
    assert!(page.contains("2026年度物业服务工作报告"));
    // 150 + 140 + 160.
    assert_eq!(shown(&page, "2026", "repairs.orders"), "450");
    // (138 + 131 + 150) / (150 + 139 + 155) = 419/444 = 94.37%.
    assert_eq!(shown(&page, "2026", "repairs.timeliness_rate"), "94.4%");
    // (158 + 199) / (180 + 220) = 0.8925: half away from zero gives 89.3%.
    assert_eq!(shown(&page, "2026", "surveys.satisfaction_rate"), "89.3%");
    // (180 × 4.3 + 220 × 4.4) / 400 = 4.355 → 4.36 (half away from zero).
    assert_eq!(shown(&page, "2026", "surveys.overall_mean"), "4.36");
    assert_eq!(shown(&page, "2026", "escalations.count"), "3");
    assert_eq!(shown(&page, "2026", "complaints.by_category.停车"), "15");
    // The quarters stand beside the year.
    assert_eq!(shown(&page, "2026Q2", "repairs.orders"), "140");
    assert_eq!(shown(&page, "2026Q2", "surveys.satisfaction_rate"), "—");
    // Percentiles per quarter only, with the reason.
    let found = marked(&page);
    assert!(
        found.iter().all(|m| !(m.period == "2026"
            && (m.metric.ends_with("median") || m.metric.ends_with("p90"))))
    );
    assert_eq!(
        shown(&page, "2026Q3", "repairs.completion_hours.medium.p90"),
        "66.0"
    );
    let text = text_of(&page);
    assert!(text.contains("完工时长的中位数和第90百分位数无法由各季度合并得出"));
    assert!(text.contains("比率用合计后的分子和分母重新计算"));
    // Months of the year with data.
    assert_eq!(shown(&page, "2026-03", "repairs.orders"), "51");
}

#[test]
fn charts_are_placed_when_they_exist_and_skipped_when_not() {
    let tree = sample_tree();
    let q3 = html(&tree, "reports/2026Q3/index.html");
    assert!(q3.contains("data-chart=\"2026Q3/repair-rates\""));
    assert!(q3.contains("data-chart=\"2026Q3/satisfaction\""));
    assert!(q3.contains("图表 2026Q3/repair-rates"));
    // The repair chart sits in the repairs section, the survey chart in surveys.
    let surveys_at = q3.find("id=\"surveys\"").unwrap();
    assert!(q3.find("data-chart=\"2026Q3/repair-rates\"").unwrap() < surveys_at);
    assert!(q3.find("data-chart=\"2026Q3/satisfaction\"").unwrap() > surveys_at);
    let q2 = html(&tree, "reports/2026Q2/index.html");
    assert!(!q2.contains("<svg"));
    let q1 = html(&tree, "reports/2026Q1/index.html");
    assert!(q1.contains("data-chart=\"2026Q1/complaints-by-level\""));
    assert!(!q1.contains("data-chart=\"2026Q3/"));
    let year = html(&tree, "reports/2026/index.html");
    assert!(year.contains("data-chart=\"satisfaction\""));
}

fn notes_from(files: &[(&str, &str)]) -> (Content, Vec<wuye::diagnostics::Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("content/reports");
    std::fs::create_dir_all(&reports).unwrap();
    for (name, text) in files {
        std::fs::write(reports.join(name), text).unwrap();
    }
    let mut diagnostics = Vec::new();
    let notes = wuye::content::reports::load(dir.path(), &config(CONFIG), &mut diagnostics);
    (
        Content {
            reports: notes,
            ..Content::default()
        },
        diagnostics,
    )
}

const NOTE: &str = "+++\ntitle = \"翠湖苑2026年第三季度服务工作报告\"\n+++\n## 本季度主要工作\n\n本季度维修及时率 {{ repairs.timeliness_rate }}，受理投诉 {{complaints.received}} 件，\n急修 {{ repairs.by_level.emergency }} 单，满意率 {{ surveys.satisfaction_rate }}，重大投诉线索 {{ escalations.count }} 条。\n\n## 需业委会协助支持的事项\n\n- 停车位不足（投诉 {{ complaints.by_category.停车 }} 件）\n\n## 下季度工作计划\n\n保洁满意率 {{ surveys.dimensions.保洁.rate }}，争取提高。<script>alert(1)</script>\n";

#[test]
fn the_managers_note_is_rendered_with_its_figures() {
    let (content, diagnostics) = notes_from(&[("2026Q3.md", NOTE)]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let tree = render(
        &config(CONFIG),
        &content,
        &sample_logs(),
        &sample_metrics(),
        &sample_charts(),
    )
    .unwrap();
    let page = html(&tree, "reports/2026Q3/index.html");
    let note = &page[page.find("rpt-manager-note").expect("the note is there")..];
    let text = text_of(note);
    assert!(
        text.contains("本季度维修及时率 96.8%，受理投诉 15 件，"),
        "{text}"
    );
    assert!(text.contains("急修 7 单，满意率 90.5%，重大投诉线索 0 条。"));
    assert!(text.contains("停车位不足（投诉 4 件）"));
    assert!(text.contains("保洁满意率 86.4%，争取提高。"));
    assert!(text.contains("需业委会协助支持的事项"));
    assert!(!note.contains("<script"), "raw HTML must be sanitized");
    assert!(!note.contains("{{"));
    // The figures in the prose are marked like those in the tables.
    let found = marked(note);
    assert_eq!(found.len(), 7);
    assert_eq!(found[0].metric, "repairs.timeliness_rate");
    assert_eq!(found[0].value, format!("{}", 150.0 / 155.0));
    // The note's title is the report's title.
    assert!(page.contains("<h1>翠湖苑2026年第三季度服务工作报告</h1>"));
    // Other quarters have no note section.
    let q2 = html(&tree, "reports/2026Q2/index.html");
    assert!(!q2.contains("rpt-manager-note"));
}

#[test]
fn an_unknown_figure_is_an_error_with_file_and_line() {
    let note = "## 本季度主要工作\n\n及时率 {{ repairs.timeliness_rate }}。\n返修率 {{ repairs.rework_rte }}，\n电梯 {{ repairs.by_category.电梯故障 }} 单。\n";
    // A note for a quarter without data is checked too.
    let (content, diagnostics) = notes_from(&[
        ("2026Q3.md", note),
        ("2027Q1.md", "计划 {{ plans.count }}\n"),
    ]);
    assert!(diagnostics.is_empty());
    let errors = render(
        &config(CONFIG),
        &content,
        &sample_logs(),
        &sample_metrics(),
        &sample_charts(),
    )
    .expect_err("unknown names stop the build");
    let found: Vec<(&str, Option<u64>, Option<&str>)> = errors
        .iter()
        .map(|e| (e.file.as_str(), e.line, e.value.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "content/reports/2026Q3.md",
                Some(4),
                Some("repairs.rework_rte")
            ),
            (
                "content/reports/2026Q3.md",
                Some(5),
                Some("repairs.by_category.电梯故障")
            ),
            ("content/reports/2027Q1.md", Some(1), Some("plans.count")),
        ]
    );
    assert!(
        errors
            .iter()
            .all(|e| e.kind == Kind::UnknownFigure && e.is_error())
    );
    assert!(
        errors[0].message.contains("repairs.rework_rate"),
        "{}",
        errors[0].message
    );
}

#[test]
fn reports_show_no_private_data() {
    let (content, _) = notes_from(&[("2026Q3.md", NOTE)]);
    let tree = render(
        &config(CONFIG),
        &content,
        &sample_logs(),
        &sample_metrics(),
        &sample_charts(),
    )
    .unwrap();
    for (path, bytes) in &tree.files {
        let text = String::from_utf8_lossy(bytes);
        for secret in [
            "9栋1701",
            "欧阳秘密",
            "13912345678",
            "SECRET",
            "C-0331",
            "C-0402",
        ] {
            assert!(!text.contains(secret), "{path} shows {secret}");
        }
    }
}

#[test]
fn reports_are_made_for_a4_print() {
    let tree = sample_tree();
    let page = html(&tree, "reports/2026Q3/index.html");
    let css_path = tree
        .files
        .keys()
        .find(|p| p.starts_with("reports/static/report.") && p.ends_with(".css"))
        .expect("report.css is published")
        .clone();
    let href = css_path.trim_start_matches("reports/");
    assert!(page.contains(&format!("href=\"../{href}\"")));
    assert!(
        page.contains("href=\"../static/style."),
        "the site's style.css is linked"
    );
    let css = String::from_utf8(tree.files[&css_path].to_vec()).unwrap();
    for rule in [
        "size: A4",
        "break-inside: avoid",
        "thead { display: table-header-group; }",
        "break-after: page",
    ] {
        assert!(css.contains(rule), "report.css lacks {rule}");
    }
    // Page numbers in the footer, none on the cover.
    assert!(page.contains("counter(page)") && page.contains("counter(pages)"));
    assert!(page.contains("@page :first"));
    // Short tables are kept whole, long ones are marked as such.
    assert!(page.contains("class=\"rpt-table short\""));
    let index = html(&tree, "reports/index.html");
    assert!(index.contains(&format!("href=\"./{href}\"")));
}

#[test]
fn english_reports_use_english_words() {
    // `language` is a top-level key: it goes before the tables.
    let text = format!("language = \"en\"\n{CONFIG}");
    let tree = render(
        &config(&text),
        &Content::default(),
        &sample_logs(),
        &sample_metrics(),
        &sample_charts(),
    )
    .unwrap();
    let page = html(&tree, "reports/2026Q3/index.html");
    assert!(page.contains("Property service report, Q3 2026"));
    assert!(page.contains("+2.5 pp"));
    assert!(page.contains("lang=\"en\""));
}

#[test]
fn a_gap_before_a_quarter_is_said_and_not_compared() {
    let mut metrics = sample_metrics();
    metrics.repairs.remove("2025Q4");
    metrics.complaints.remove("2025Q4");
    metrics.surveys.remove("2025Q4");
    let tree = render(
        &config(CONFIG),
        &Content::default(),
        &sample_logs(),
        &metrics,
        &Default::default(),
    )
    .unwrap();
    assert!(!tree.files.contains_key("reports/2025Q4/index.html"));
    let page = html(&tree, "reports/2026Q1/index.html");
    assert!(text_of(&page).contains("上季度（2025年第四季度）没有任何记录，无法比较"));
    assert!(!text_of(&page).contains("本季度是第一个有记录的季度"));
    assert!(page.contains("data-change-of=\"repairs.orders\" data-value=\"null\">—<"));
}

#[test]
fn the_same_input_gives_byte_identical_reports() {
    assert_eq!(sample_tree(), sample_tree());
}
