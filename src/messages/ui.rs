//! Labels that templates show, by key, in both languages.
//!
//! Templates read them as `t.<key>`; add a row here, never a literal
//! sentence in a template. Sections belong to the page families.

use super::Lang;
use std::collections::BTreeMap;

/// (key, zh-CN, en)
type Row = (&'static str, &'static str, &'static str);

const COMMON: &[Row] = &[
    ("home", "首页", "Home"),
    ("notices", "通知公告", "Notices"),
    ("service_hours", "服务时间", "Service hours"),
    ("service_phone", "服务电话", "Service phone"),
    ("emergency_phone", "紧急电话", "Emergency phone"),
    ("address", "办公地址", "Office address"),
    ("quality", "服务质量公示", "Published service quality"),
    ("handbook", "员工手册", "Staff handbook"),
    ("reports", "业委会报告", "Reports to the owners' committee"),
    ("internal", "内部报告", "Internal report"),
    ("no_data", "—", "—"),
    ("generated_by", "由 wuye 生成", "Made with wuye"),
    ("as_of", "数据截至", "Data as of"),
];

const SITE: &[Row] = &[];

const HANDBOOK: &[Row] = &[];

const REPORTS: &[Row] = &[];

const INTERNAL: &[Row] = &[];

const CHARTS: &[Row] = &[
    ("chart_table", "数据表", "Data table"),
    ("chart_show_table", "查看数据表", "Show the numbers"),
    ("chart_no_data", "暂无数据", "No data yet"),
    (
        "chart_note_gap",
        "没有数据的月份留空，不按 0 计。",
        "A month without data is left blank, not drawn as 0.",
    ),
];

/// Every label in one language, for a template context.
pub fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    [COMMON, SITE, HANDBOOK, REPORTS, INTERNAL, CHARTS]
        .iter()
        .flat_map(|rows| rows.iter())
        .map(|(key, zh, en)| (*key, lang.pick(zh, en)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_key_is_unique_and_translated() {
        let mut seen = BTreeSet::new();
        for rows in [COMMON, SITE, HANDBOOK, REPORTS, INTERNAL, CHARTS] {
            for (key, zh, en) in rows {
                assert!(seen.insert(*key), "duplicate label key {key}");
                assert!(!zh.is_empty() && !en.is_empty(), "untranslated {key}");
            }
        }
    }
}
