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

const REPORTS: &[Row] = &[
    (
        "rpt_recipient",
        "报送：业主委员会",
        "To the owners' committee",
    ),
    ("rpt_prepared_by", "编制单位", "Prepared by"),
    ("rpt_estate", "小区", "Estate"),
    ("rpt_period", "报告期", "Period"),
    ("rpt_quarterly", "季度报告", "Quarterly reports"),
    ("rpt_annual", "年度报告", "Annual report"),
    ("rpt_back", "全部报告", "All reports"),
    ("rpt_contents", "目录", "Contents"),
    ("rpt_s_key", "主要指标", "Key figures"),
    ("rpt_s_months", "分月情况", "Month by month"),
    ("rpt_s_repairs", "维修服务", "Repairs"),
    ("rpt_s_complaints", "投诉处理", "Complaints"),
    ("rpt_s_surveys", "业主满意度", "Resident satisfaction"),
    ("rpt_s_charts", "图表", "Charts"),
    ("rpt_s_note", "服务中心工作汇报", "From the service centre"),
    ("rpt_t_repairs_main", "维修主要指标", "Repair figures"),
    (
        "rpt_t_repairs_level",
        "按级别统计的报修与完工时长",
        "Orders and completion time by level",
    ),
    (
        "rpt_t_repairs_level_year",
        "按级别统计的报修单数",
        "Orders by level",
    ),
    (
        "rpt_t_hours_year",
        "各季度完工时长（小时）",
        "Completion hours per quarter",
    ),
    (
        "rpt_t_repairs_category",
        "按类别统计的报修单数",
        "Orders by category",
    ),
    (
        "rpt_t_complaints_main",
        "投诉处理主要指标",
        "Complaint figures",
    ),
    (
        "rpt_t_complaints_level",
        "按级别统计的投诉",
        "Complaints by level",
    ),
    (
        "rpt_t_complaints_category",
        "按类别统计的投诉",
        "Complaints by category",
    ),
    (
        "rpt_t_complaints_channel",
        "按渠道统计的投诉",
        "Complaints by channel",
    ),
    ("rpt_t_surveys_main", "满意度调查主要指标", "Survey figures"),
    ("rpt_t_surveys_month", "各月满意度", "Satisfaction by month"),
    (
        "rpt_t_surveys_dimension",
        "分项满意度",
        "Satisfaction by item",
    ),
    ("rpt_h_metric", "指标", "Figure"),
    ("rpt_h_this_quarter", "本季度", "This quarter"),
    ("rpt_h_previous", "上季度", "Previous quarter"),
    ("rpt_h_change", "变化", "Change"),
    ("rpt_h_target", "目标", "Target"),
    ("rpt_h_year", "全年", "Year"),
    ("rpt_h_level", "级别", "Level"),
    ("rpt_h_category", "类别", "Category"),
    ("rpt_h_channel", "渠道", "Channel"),
    ("rpt_h_month", "月份", "Month"),
    ("rpt_h_quarter", "季度", "Quarter"),
    ("rpt_h_dimension", "调查项目", "Item"),
    ("rpt_h_orders", "报修单数", "Orders"),
    ("rpt_h_completed_n", "已完工单数", "Completed"),
    ("rpt_h_median", "完工时长中位数（小时）", "Median hours"),
    (
        "rpt_h_p90",
        "完工时长第90百分位（小时）",
        "90th percentile hours",
    ),
    ("rpt_h_responses", "调查份数", "Responses"),
    ("rpt_h_answered", "回答份数", "Answered"),
    ("rpt_h_satisfied", "满意份数", "Satisfied"),
    ("rpt_h_rate", "满意率", "Satisfaction"),
    ("rpt_h_mean", "平均分", "Mean score"),
    ("rpt_missed", "未达标", "Missed"),
    ("rpt_target_min", "不低于", "at least"),
    ("rpt_target_max", "不高于", "at most"),
    ("rpt_m_repairs_orders", "报修单数", "Repair orders"),
    ("rpt_m_repairs_open", "未完工单数", "Still open"),
    ("rpt_m_repairs_completed", "已完工单数", "Completed"),
    ("rpt_m_repairs_due", "应计报修次数", "Due"),
    ("rpt_m_repairs_timely", "及时维修次数", "Timely"),
    (
        "rpt_m_repairs_timeliness_rate",
        "维修及时率",
        "Repair timeliness",
    ),
    ("rpt_m_repairs_inspected", "已验收单数", "Inspected"),
    ("rpt_m_repairs_passed", "验收合格单数", "Passed inspection"),
    ("rpt_m_repairs_pass_rate", "维修合格率", "Pass rate"),
    ("rpt_m_repairs_rework", "返修单数", "Rework orders"),
    ("rpt_m_repairs_rework_rate", "返修率", "Rework rate"),
    ("rpt_m_repairs_dispatched", "已派单数", "Dispatched"),
    (
        "rpt_m_repairs_dispatched_in_time",
        "按时派单数",
        "Dispatched in time",
    ),
    (
        "rpt_m_repairs_dispatch_compliance",
        "派单及时率",
        "Dispatch compliance",
    ),
    (
        "rpt_m_complaints_received",
        "受理投诉",
        "Complaints received",
    ),
    ("rpt_m_complaints_resolved", "已办结", "Resolved"),
    (
        "rpt_m_complaints_resolution_rate",
        "投诉办结率",
        "Resolution rate",
    ),
    ("rpt_m_complaints_due", "应计办结件数", "Due"),
    (
        "rpt_m_complaints_on_time",
        "按时办结件数",
        "Resolved on time",
    ),
    (
        "rpt_m_complaints_on_time_rate",
        "按时办结率",
        "On-time rate",
    ),
    ("rpt_m_complaints_callbacks", "已回访件数", "Called back"),
    ("rpt_m_complaints_callback_rate", "回访率", "Callback rate"),
    (
        "rpt_m_complaints_callback_results",
        "有回访结果件数",
        "Callback results",
    ),
    (
        "rpt_m_complaints_callback_satisfied",
        "回访满意件数",
        "Satisfied at callback",
    ),
    (
        "rpt_m_complaints_callback_satisfaction",
        "回访满意率",
        "Callback satisfaction",
    ),
    (
        "rpt_m_escalations_count",
        "重大投诉线索",
        "Escalation findings",
    ),
    ("rpt_m_surveys_responses", "调查份数", "Survey responses"),
    ("rpt_m_surveys_satisfied", "满意份数", "Satisfied"),
    (
        "rpt_m_surveys_satisfaction_rate",
        "业主满意率",
        "Satisfaction rate",
    ),
    (
        "rpt_m_surveys_overall_mean",
        "总体平均分",
        "Overall mean score",
    ),
    ("rpt_m_surveys_response_rate", "调查参与率", "Response rate"),
    ("rpt_level_minor", "小修", "Minor"),
    ("rpt_level_medium", "中修", "Medium"),
    ("rpt_level_emergency", "急修", "Emergency"),
    ("rpt_clevel_major", "重大", "Major"),
    ("rpt_clevel_important", "重要", "Important"),
    ("rpt_clevel_minor", "轻微", "Minor"),
    ("rpt_clevel_unclassified", "未定级", "Not classified"),
    ("rpt_channel_phone", "来电", "Phone"),
    ("rpt_channel_visit", "来访", "Visit"),
    ("rpt_channel_online", "网络", "Online"),
    ("rpt_channel_letter", "书面", "Letter"),
    ("rpt_unlabelled", "未填写", "Not recorded"),
];

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
