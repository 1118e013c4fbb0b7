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

const HANDBOOK: &[Row] = &[
    ("hb_contents", "目录", "Contents"),
    ("hb_menu", "目录", "Contents"),
    ("hb_prev", "上一章", "Previous"),
    ("hb_next", "下一章", "Next"),
    ("hb_start", "开始阅读", "Start reading"),
    ("hb_version", "版本", "Version"),
    ("hb_edition", "发布日期", "Edition"),
    ("hb_print_edition", "打印版", "Print edition"),
    ("hb_anchor", "本节链接", "Link to this section"),
    (
        "hb_internal",
        "内部资料　注意保管",
        "Internal document: keep safe",
    ),
    // The footer of every printed page; {page} and {pages} are filled in by the browser.
    (
        "hb_page_of",
        "第 {page} 页 / 共 {pages} 页",
        "Page {page} of {pages}",
    ),
];

const REPORTS: &[Row] = &[];

const INTERNAL: &[Row] = &[];

const CHARTS: &[Row] = &[];

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
