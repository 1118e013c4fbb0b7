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

const INTERNAL: &[Row] = &[
    ("int_title", "内部工作报告", "Internal report"),
    (
        "int_confidential",
        "内部资料：含业主个人信息，仅供服务中心经理使用，请勿外传。",
        "Internal: contains residents' personal data. For the service centre manager only; do not pass on.",
    ),
    ("int_contents", "目录", "Contents"),
    (
        "int_monthly_sheet",
        "月度工作统计表",
        "Monthly work statistics",
    ),
    ("int_figure", "项目", "Figure"),
    ("int_value", "数值", "Value"),
    ("int_counts", "计数", "Counts"),
    ("int_target", "目标", "Target"),
    ("int_missed", "未达标", "Target missed"),
    ("int_escalations", "重大投诉预警", "Escalation findings"),
    (
        "int_overdue_repairs",
        "超期未完工的报修",
        "Open repairs past their deadline",
    ),
    (
        "int_overdue_repairs_note",
        "截至数据时点仍未完工且已超过完成时限的报修单（急修以到场时限为准，已按时到场的不列入）。",
        "Orders still open past their deadline (for emergencies the arrival limit; an emergency reached in time is not listed).",
    ),
    (
        "int_overdue_complaints",
        "超过办结时限的投诉",
        "Complaints past their working-day limit",
    ),
    (
        "int_approaching",
        "即将达到重大投诉时限的投诉",
        "Complaints approaching the major-complaint limit",
    ),
    ("int_warnings", "数据质量提示", "Data-quality warnings"),
    ("int_none", "无。", "None."),
    ("int_id", "编号", "Id"),
    ("int_received", "受理时间", "Received"),
    ("int_reported", "报修时间", "Reported"),
    ("int_room", "房号", "Room"),
    ("int_contact", "联系人", "Contact"),
    ("int_phone", "电话", "Phone"),
    ("int_category", "类别", "Category"),
    ("int_level", "级别", "Level"),
    ("int_summary", "内容", "Summary"),
    ("int_note", "备注", "Note"),
    ("int_handler", "处理部门", "Handled by"),
    ("int_deadline", "时限", "Deadline"),
    ("int_arrived", "到场时间", "Arrived"),
    ("int_overdue_by", "已超时", "Overdue by"),
    ("int_last_day", "最后办结日", "Last allowed day"),
    ("int_resolved", "办结时间", "Resolved"),
    ("int_unresolved", "未办结", "Unresolved"),
    ("int_open_for", "历时", "Open for"),
    ("int_reasons", "依据", "Criteria"),
    (
        "int_repeats",
        "窗口内同类投诉",
        "Same room and category in window",
    ),
    ("int_threshold_at", "达到时限", "Limit reached at"),
    ("int_remaining", "剩余", "Time left"),
    ("int_ours", "我方责任", "Our responsibility"),
    ("int_yes", "是", "yes"),
    ("int_no", "否", "no"),
    ("int_unknown", "未记录", "not recorded"),
    ("int_days", "天", "days"),
    ("int_hours", "小时", "hours"),
    ("int_file", "文件", "File"),
    ("int_line", "行", "Line"),
    ("int_column", "列", "Column"),
    ("int_cell", "值", "Value"),
    ("int_message", "说明", "Explanation"),
    ("int_metrics_json", "全部指标（JSON）", "All metrics (JSON)"),
    (
        "int_no_month_data",
        "本月没有记录。",
        "No records this month.",
    ),
];

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
