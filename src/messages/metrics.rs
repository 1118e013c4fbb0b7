//! Messages of the `metrics` stage: the labels of `wuye metrics` tables
//! and of the internal report's statistics sheet.

use super::Lang;

/// A label for a figure or a heading of the metrics output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricsLabel {
    AsOf,
    Period,
    ByMonth,
    ByQuarter,
    // repairs
    Repairs,
    Orders,
    Open,
    Completed,
    Due,
    Timely,
    TimelinessRate,
    Inspected,
    Passed,
    PassRate,
    NotInspected,
    Rework,
    ReworkRate,
    Dispatched,
    DispatchedInTime,
    DispatchCompliance,
    Minor,
    Medium,
    Emergency,
    MedianHours,
    P90Hours,
    // complaints
    Complaints,
    Received,
    Resolved,
    ResolutionRate,
    ComplaintsDue,
    OnTime,
    OnTimeRate,
    Callbacks,
    CallbackRate,
    CallbackResults,
    CallbackSatisfied,
    CallbackSatisfaction,
    Major,
    Important,
    MinorComplaint,
    Unclassified,
    // surveys
    Surveys,
    Responses,
    SatisfiedCount,
    SatisfactionRate,
    OverallMean,
    ResponseRate,
    // escalations
    Escalations,
    Reasons,
    Level,
    ReasonA,
    ReasonB,
    NoData,
    NoEscalations,
}

impl MetricsLabel {
    pub fn text(self, lang: Lang) -> &'static str {
        use MetricsLabel::*;
        let (zh, en) = match self {
            AsOf => ("数据截至", "Data as of"),
            Period => ("期间", "Period"),
            ByMonth => ("按月", "by month"),
            ByQuarter => ("按季度", "by quarter"),
            Repairs => ("报修与维修", "Repairs"),
            Orders => ("报修单数", "Orders"),
            Open => ("未完工", "Open"),
            Completed => ("已完工", "Completed"),
            Due => ("应计报修次数", "Due"),
            Timely => ("及时维修次数", "Timely"),
            TimelinessRate => ("维修及时率", "Timeliness rate"),
            Inspected => ("已验收", "Inspected"),
            Passed => ("验收合格", "Passed"),
            PassRate => ("维修合格率", "Pass rate"),
            NotInspected => ("完工未记录验收", "Completed, no inspection recorded"),
            Rework => ("返修单数", "Reworks"),
            ReworkRate => ("返修率", "Rework rate"),
            Dispatched => ("已派单", "Dispatched"),
            DispatchedInTime => ("按时派单", "Dispatched in time"),
            DispatchCompliance => ("派单及时率", "Dispatch compliance"),
            Minor => ("小修", "Minor"),
            Medium => ("中修", "Medium"),
            Emergency => ("急修", "Emergency"),
            MedianHours => ("完工时长中位数（小时）", "Median hours to completion"),
            P90Hours => ("完工时长90分位（小时）", "90th percentile hours"),
            Complaints => ("投诉", "Complaints"),
            Received => ("受理投诉", "Received"),
            Resolved => ("已办结", "Resolved"),
            ResolutionRate => ("办结率", "Resolution rate"),
            ComplaintsDue => ("应按时办结", "Due"),
            OnTime => ("按时办结", "On time"),
            OnTimeRate => ("按时办结率", "On-time rate"),
            Callbacks => ("已回访", "Called back"),
            CallbackRate => ("回访率", "Callback rate"),
            CallbackResults => ("有回访结果", "Callback results"),
            CallbackSatisfied => ("回访满意", "Satisfied at callback"),
            CallbackSatisfaction => ("回访满意率", "Callback satisfaction"),
            Major => ("重大", "Major"),
            Important => ("重要", "Important"),
            MinorComplaint => ("轻微", "Minor"),
            Unclassified => ("未定级", "Unclassified"),
            Surveys => ("满意度调查", "Satisfaction surveys"),
            Responses => ("问卷份数", "Responses"),
            SatisfiedCount => ("满意份数", "Satisfied"),
            SatisfactionRate => ("满意率", "Satisfaction rate"),
            OverallMean => ("总体平均分", "Mean overall score"),
            ResponseRate => ("问卷回收率", "Response rate"),
            Escalations => ("重大投诉预警", "Escalation findings"),
            Reasons => ("依据", "Criteria"),
            Level => ("记录级别", "Recorded level"),
            ReasonA => (
                "a：我方责任且超期未办结",
                "a: our responsibility, unresolved too long",
            ),
            ReasonB => (
                "b：同一房号同类问题重复投诉",
                "b: repeated by the same room on the same matter",
            ),
            NoData => ("没有数据。", "No data."),
            NoEscalations => ("没有需要升级的投诉。", "No complaint needs escalating."),
        };
        lang.pick(zh, en)
    }

    /// The label of a complaint level key (`major`, …, `unclassified`).
    pub fn complaint_level(key: Option<&str>, lang: Lang) -> &'static str {
        match key {
            Some("major") => MetricsLabel::Major.text(lang),
            Some("important") => MetricsLabel::Important.text(lang),
            Some("minor") => MetricsLabel::MinorComplaint.text(lang),
            _ => MetricsLabel::Unclassified.text(lang),
        }
    }

    /// The label of a repair level key (`minor`, `medium`, `emergency`).
    pub fn repair_level(key: &str, lang: Lang) -> &'static str {
        match key {
            "medium" => MetricsLabel::Medium.text(lang),
            "emergency" => MetricsLabel::Emergency.text(lang),
            _ => MetricsLabel::Minor.text(lang),
        }
    }
}
