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

const SITE: &[Row] = &[
    ("skip_to_content", "跳到正文", "Skip to content"),
    ("site_nav", "网站导航", "Site navigation"),
    ("archive", "通知归档", "Archive"),
    ("quality_short", "服务质量", "Service quality"),
    ("search", "搜索", "Search"),
    ("page", "页面", "Page"),
    ("category_outage", "停水停电", "Water and power outages"),
    ("category_fee", "收费公示", "Fees"),
    ("category_meeting", "会议通知", "Meetings"),
    ("category_event", "社区活动", "Community events"),
    ("category_safety", "安全提示", "Safety"),
    ("category_general", "综合通知", "General"),
    ("categories", "通知分类", "Categories"),
    ("all_categories", "全部", "All"),
    ("outage_alert", "停水停电提醒", "Outage alerts"),
    ("outage_upcoming", "即将开始", "Upcoming"),
    ("outage_in_effect", "正在进行", "In effect"),
    ("outage_ended", "已结束", "Ended"),
    ("pinned", "置顶", "Pinned"),
    ("expired", "已过期", "Expired"),
    (
        "expired_note",
        "本通知已过期，仅作存档。",
        "This notice has expired and is kept for the record.",
    ),
    ("latest_notices", "最新通知", "Latest notices"),
    ("all_notices", "查看全部通知", "All notices"),
    ("no_notices", "暂无通知。", "No notices."),
    ("contact", "服务信息", "Service information"),
    ("published_on", "发布日期", "Published"),
    ("time_starts", "开始时间", "Starts"),
    ("time_ends", "结束时间", "Ends"),
    ("affected", "影响范围", "Affected"),
    ("expires_on", "有效期至", "Valid until"),
    ("print_view", "打印版（A4）", "Print version (A4)"),
    (
        "print_hint",
        "请使用浏览器的“打印”功能打印本页，纸张选 A4。",
        "Use the browser's Print command; choose A4 paper.",
    ),
    ("back_to_notices", "返回通知列表", "Back to the notices"),
    (
        "back_to_notice",
        "返回网上通知",
        "Back to the online notice",
    ),
    ("pagination", "分页", "Pages"),
    ("prev_page", "上一页", "Previous page"),
    ("next_page", "下一页", "Next page"),
    (
        "archive_intro",
        "所有已发布的通知，按月份排列（含已过期的通知）。",
        "Every published notice by month, expired ones included.",
    ),
    ("items", "条", "notices"),
    (
        "scan_to_read",
        "扫码查看网上通知",
        "Scan to read this notice online",
    ),
    ("online_at", "网上查看", "Online at"),
    (
        "no_qr",
        "未设置网站地址（base_url），因此没有二维码。",
        "No QR code: the site address (base_url) is not set.",
    ),
    ("issuer", "发布单位", "Issued by"),
    (
        "quality_intro",
        "本页公示本小区物业服务的统计结果，只含汇总数字，不含任何住户信息。",
        "The estate's service figures, as totals only: nothing about any resident.",
    ),
    (
        "quality_link_text",
        "满意度、维修及时率、投诉办结情况等统计结果",
        "Satisfaction, repair timeliness, complaint handling and more",
    ),
    ("latest_satisfaction", "满意率", "Satisfaction"),
    ("quality_no_data", "暂无统计数据。", "No figures yet."),
    ("quarterly", "季度数据", "By quarter"),
    ("monthly", "月度数据", "By month"),
    ("charts", "图表", "Charts"),
    ("chart_data", "图表数据", "Chart data"),
    ("quarter_details", "季度详情", "Quarter details"),
    (
        "quality_back",
        "返回服务质量公示",
        "Back to service quality",
    ),
    ("period", "期间", "Period"),
    ("satisfaction", "满意度调查", "Satisfaction survey"),
    ("responses", "有效问卷", "Responses"),
    ("satisfaction_rate", "满意率", "Satisfaction rate"),
    ("overall_mean", "总体平均分", "Mean overall score"),
    ("repairs", "维修服务", "Repairs"),
    ("orders", "报修单数", "Orders"),
    ("completed", "已完成", "Completed"),
    ("timeliness_rate", "维修及时率", "Timeliness rate"),
    ("pass_rate", "维修合格率", "Pass rate"),
    ("rework_rate", "返修率", "Rework rate"),
    ("complaints", "投诉处理", "Complaints"),
    ("received", "受理投诉", "Received"),
    ("level_major", "重大", "Major"),
    ("level_important", "重要", "Important"),
    ("level_minor", "轻微", "Minor"),
    ("level_unclassified", "未分级", "Unclassified"),
    ("resolved", "已办结", "Resolved"),
    ("resolution_rate", "办结率", "Resolution rate"),
    ("on_time_rate", "按时办结率", "On-time rate"),
    ("search_label", "搜索通知", "Search notices"),
    (
        "search_placeholder",
        "例如：停水、电梯、物业费",
        "e.g. water, lift, fee",
    ),
    ("search_button", "搜索", "Search"),
    (
        "search_nojs",
        "搜索功能需要浏览器开启 JavaScript。您也可以按月份浏览全部通知：",
        "Search needs JavaScript. You can also browse every notice by month:",
    ),
    (
        "search_browse_archive",
        "浏览通知归档",
        "Browse the archive",
    ),
    ("search_loading", "正在搜索…", "Searching…"),
    (
        "search_none",
        "没有找到包含“{q}”的通知。",
        "Nothing found for “{q}”.",
    ),
    ("search_count", "找到 {n} 条结果：", "{n} result(s):"),
    (
        "search_failed",
        "暂时无法搜索（从本地文件打开网页时浏览器不允许读取索引）。请浏览通知归档。",
        "Search is not available (browsers do not let a page opened from disk read the index). Browse the archive instead.",
    ),
    ("feed", "订阅更新（Atom）", "Subscribe (Atom)"),
    ("not_found_title", "页面不存在", "Page not found"),
    (
        "not_found_text",
        "您要找的页面不存在，可能已被移除或网址有误。",
        "The page you are looking for does not exist; it may have been removed or the address is wrong.",
    ),
    ("back_home", "返回首页", "Back to the home page"),
];

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
