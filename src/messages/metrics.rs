//! Messages of the `metrics` stage: the labels of `wuye metrics` tables
//! and of the internal report's statistics sheet.

use super::Lang;

/// A label for a figure or a heading of the metrics output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricsLabel {
    AsOf,
    Id,
    ByLevel,
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
    Yes,
    No,
    NotRecorded,
    MeanScore,
}

impl MetricsLabel {
    pub fn text(self, lang: Lang) -> &'static str {
        use MetricsLabel::*;
        let (zh, en) = match self {
            AsOf => ("数据截至", "Data as of"),
            Id => ("编号", "Id"),
            ByLevel => ("按级别", "By level"),
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
            Yes => ("是", "yes"),
            No => ("否", "no"),
            NotRecorded => ("未记录", "not recorded"),
            MeanScore => ("平均分", "mean score"),
        };
        lang.pick(zh, en)
    }

    /// A section title with its kind of period: `投诉（按月）`, `Complaints (by month)`.
    pub fn section(title: MetricsLabel, kind: MetricsLabel, lang: Lang) -> String {
        match lang {
            Lang::ZhCn => format!("{}（{}）", title.text(lang), kind.text(lang)),
            Lang::En => format!("{} ({})", title.text(lang), kind.text(lang)),
        }
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

/// Sentences of the internal report built from figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricsMsg {
    /// Explains criterion (a) and (b) with the configured standards.
    EscalationRule {
        major_days: u32,
        window_days: u32,
        threshold: u32,
    },
    /// Explains the "approaching" list.
    ApproachingRule { major_days: u32, warn_days: i64 },
    /// Explains the complaint working-day limit.
    ComplaintLimitRule { working_days: u32 },
    /// A target as a lower limit: `≥ 95.0%`.
    AtLeast,
    /// A target as an upper limit: `≤ 2.0%`.
    AtMost,
}

impl MetricsMsg {
    pub fn text(&self, lang: Lang) -> String {
        match (*self, lang) {
            (
                MetricsMsg::EscalationRule {
                    major_days,
                    window_days,
                    threshold,
                },
                Lang::ZhCn,
            ) => format!(
                "以下投诉符合重大投诉条件但记录的级别不是“重大”，请核实后升级处理：a＝我方责任且超过 {major_days} 天未办结（或办结时已超过）；b＝同一房号、同一类别在 {window_days} 天内被投诉 {threshold} 次及以上（本条为第 {threshold} 次或之后）。"
            ),
            (
                MetricsMsg::EscalationRule {
                    major_days,
                    window_days,
                    threshold,
                },
                Lang::En,
            ) => format!(
                "These complaints meet the criteria of a major complaint but are not recorded as major; check them and escalate: a = our responsibility and unresolved for more than {major_days} days (or resolved later than that); b = the same room and category complained about {threshold} or more times within {window_days} days (this one being the {threshold}th or a later one)."
            ),
            (
                MetricsMsg::ApproachingRule {
                    major_days,
                    warn_days,
                },
                Lang::ZhCn,
            ) => format!(
                "我方责任、尚未办结、距 {major_days} 天重大投诉时限不超过 {warn_days} 天的投诉。"
            ),
            (
                MetricsMsg::ApproachingRule {
                    major_days,
                    warn_days,
                },
                Lang::En,
            ) => format!(
                "Complaints that are our responsibility, still unresolved, and at most {warn_days} days short of the {major_days}-day major-complaint limit."
            ),
            (MetricsMsg::ComplaintLimitRule { working_days }, Lang::ZhCn) => format!(
                "受理后第 {working_days} 个工作日结束仍未办结的投诉（不计受理当天，周末和节假日不计，调休上班日计入）。"
            ),
            (MetricsMsg::ComplaintLimitRule { working_days }, Lang::En) => format!(
                "Complaints still unresolved after the {working_days}th working day after receipt (the day of receipt, weekends and holidays not counted; make-up working days counted)."
            ),
            (MetricsMsg::AtLeast, _) => "≥".into(),
            (MetricsMsg::AtMost, _) => "≤".into(),
        }
    }
}
