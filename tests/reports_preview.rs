//! Writes the reports of the hand-made sample metrics to a folder, to look
//! at them in a browser or print them before the other stages exist:
//!
//! ```text
//! WUYE_PREVIEW_DIR=/tmp/reports [WUYE_PREVIEW_LANG=en] cargo test --test reports_preview -- --ignored
//! ```

mod reports_support;

use reports_support::*;

#[test]
#[ignore = "writes files for a person to look at"]
fn write_preview() {
    let Some(dir) = std::env::var_os("WUYE_PREVIEW_DIR") else {
        panic!("set WUYE_PREVIEW_DIR to the folder to write into");
    };
    let note = "## 本季度主要工作\n\n本季度共受理报修 {{ repairs.orders }} 单，维修及时率 {{ repairs.timeliness_rate }}，\
返修率 {{ repairs.rework_rate }}；受理投诉 {{ complaints.received }} 件，按时办结率 {{ complaints.on_time_rate }}。\n\n\
1. 完成 3栋、5栋 二次供水水箱清洗；\n2. 更换地下车库照明 120 盏。\n\n\
## 需业委会协助支持的事项\n\n- 停车位不足，相关投诉 {{ complaints.by_category.停车 }} 件，建议业委会牵头讨论临时停车方案。\n\n\
## 下季度工作计划\n\n- 保洁满意率 {{ surveys.dimensions.保洁.rate }}，计划增加楼道保洁频次。\n";
    let dir_notes = tempfile::tempdir().unwrap();
    let reports = dir_notes.path().join("content/reports");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::write(reports.join("2026Q3.md"), note).unwrap();
    let mut problems = Vec::new();
    let notes = wuye::content::reports::load(dir_notes.path(), &config(CONFIG), &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    let content = wuye::content::Content {
        reports: notes,
        ..Default::default()
    };
    // Many complaint categories in 2026Q3, to see a long table run over
    // a page with its header repeated.
    let mut metrics = sample_metrics();
    if let Some(q3) = metrics.complaints.get_mut("2026Q3") {
        for i in 1..=40 {
            q3.by_category.insert(format!("其他类别{i:02}"), i % 3);
        }
    }
    // WUYE_PREVIEW_LANG=en previews the English reports.
    let config_text = match std::env::var("WUYE_PREVIEW_LANG") {
        Ok(lang) => format!("language = \"{lang}\"\n{CONFIG}"),
        Err(_) => CONFIG.to_string(),
    };
    let tree = render(
        &config(&config_text),
        &content,
        &sample_logs(),
        &metrics,
        &sample_charts(),
    )
    .expect("renders");
    for (path, bytes) in &tree.files {
        let target = std::path::Path::new(&dir).join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes.as_slice()).unwrap();
    }
}
