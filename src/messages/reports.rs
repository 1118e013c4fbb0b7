//! Messages about the committee reports and the manager's notes
//! (`content/reports/<YYYY>Q<N>.md`).

use super::Lang;

pub enum ReportsMsg<'a> {
    /// A note file whose name is not a quarter such as `2026Q3.md`.
    BadNoteName { name: &'a str },
    /// Two files name the same quarter (`2026Q3.md` and `2026q3.md`).
    DuplicateNote { period: &'a str, first: &'a str },
    /// `{{` without a closing `}}` on the same line.
    UnclosedFigure,
    /// `{{ }}` with nothing inside.
    EmptyFigure,
    /// A placeholder whose label (category, channel, survey item) occurs
    /// in no period of the data.
    UnknownLabel {
        name: &'a str,
        label: &'a str,
        suggestion: Option<&'a str>,
    },
    /// A placeholder naming no figure of the metrics.
    UnknownFigure {
        name: &'a str,
        suggestion: Option<&'a str>,
    },
}

impl ReportsMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReportsMsg::BadNoteName { name }, Lang::ZhCn) => format!(
                "报告说明文件名“{name}”不是季度。请按季度命名，例如 2026Q3.md（2026 年第三季度）。"
            ),
            (ReportsMsg::BadNoteName { name }, Lang::En) => format!(
                "The report note “{name}” is not named after a quarter. Name it like 2026Q3.md (third quarter of 2026)."
            ),
            (ReportsMsg::DuplicateNote { period, first }, Lang::ZhCn) => format!(
                "{period} 已有报告说明文件 {first}。每个季度只能有一个说明文件，请合并后删除其中一个。"
            ),
            (ReportsMsg::DuplicateNote { period, first }, Lang::En) => format!(
                "{period} already has the note {first}. Keep one note per quarter: merge them and delete the other."
            ),
            (ReportsMsg::UnclosedFigure, l) => l
                .pick(
                    "数字占位符缺少结尾的 }}。请写成 {{ repairs.timeliness_rate }} 这样的形式，写在同一行内。",
                    "A figure placeholder has no closing }}. Write it on one line, like {{ repairs.timeliness_rate }}.",
                )
                .into(),
            (ReportsMsg::EmptyFigure, l) => l
                .pick(
                    "数字占位符 {{ }} 中没有写指标名称，例如 {{ complaints.received }}。",
                    "The figure placeholder {{ }} names no figure; write e.g. {{ complaints.received }}.",
                )
                .into(),
            (
                ReportsMsg::UnknownLabel {
                    name,
                    label,
                    suggestion,
                },
                Lang::ZhCn,
            ) => {
                let hint = match suggestion {
                    Some(s) => format!("是否想写“{s}”？"),
                    None => "请核对名称是否与数据表中写的完全一致。".into(),
                };
                format!("没有名为“{name}”的指标：数据中从未出现“{label}”。{hint}")
            }
            (
                ReportsMsg::UnknownLabel {
                    name,
                    label,
                    suggestion,
                },
                Lang::En,
            ) => {
                let hint = match suggestion {
                    Some(s) => format!("Did you mean “{s}”?"),
                    None => "Check that it is spelt exactly as in the log.".into(),
                };
                format!("There is no figure named “{name}”: “{label}” never occurs in the data. {hint}")
            }
            (ReportsMsg::UnknownFigure { name, suggestion }, Lang::ZhCn) => {
                let hint = match suggestion {
                    Some(s) => format!("是否想写“{s}”？"),
                    None => "可用的名称见 docs/REPORTS.md，例如 repairs.timeliness_rate、complaints.received、surveys.satisfaction_rate。".into(),
                };
                format!("没有名为“{name}”的指标。{hint}")
            }
            (ReportsMsg::UnknownFigure { name, suggestion }, Lang::En) => {
                let hint = match suggestion {
                    Some(s) => format!("Did you mean “{s}”?"),
                    None => "See docs/REPORTS.md for the names, e.g. repairs.timeliness_rate, complaints.received, surveys.satisfaction_rate.".into(),
                };
                format!("There is no figure named “{name}”. {hint}")
            }
        }
    }
}

/// Sentences printed in the reports themselves.
pub enum ReportText<'a> {
    /// Default title of a quarterly report.
    QuarterTitle {
        period: &'a str,
    },
    AnnualTitle {
        year: i32,
    },
    /// Date of issue on the cover.
    IssuedOn {
        date: &'a str,
    },
    /// The period has not ended at `as_of`.
    Unfinished {
        as_of: &'a str,
    },
    /// No quarter with data before this one.
    FirstQuarter,
    /// The previous quarter has no record at all.
    PreviousMissing {
        previous: &'a str,
    },
    /// A "—" in the change column.
    NullChange,
    Targets,
    NoRepairs,
    NoComplaints,
    NoSurveys,
    Emergency {
        minutes: u32,
    },
    Escalations,
    AnnualMethod,
    HoursPerQuarter,
    ResponseRate {
        households: Option<u32>,
    },
    AggregatesOnly,
    NoReports,
    /// Under a chart from the whole data range in an annual report.
    WholeRangeCharts,
}

impl ReportText<'_> {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReportText::QuarterTitle { period }, Lang::ZhCn) => format!("{period}物业服务工作报告"),
            (ReportText::QuarterTitle { period }, Lang::En) => format!("Property service report, {period}"),
            (ReportText::AnnualTitle { year }, Lang::ZhCn) => format!("{year}年度物业服务工作报告"),
            (ReportText::AnnualTitle { year }, Lang::En) => format!("Annual property service report {year}"),
            (ReportText::IssuedOn { date }, Lang::ZhCn) => format!("报告日期：{date}"),
            (ReportText::IssuedOn { date }, Lang::En) => format!("Issued {date}"),
            (ReportText::Unfinished { as_of }, Lang::ZhCn) => {
                format!("本报告期尚未结束，数据截至 {as_of}。")
            }
            (ReportText::Unfinished { as_of }, Lang::En) => {
                format!("The period has not ended yet: figures as of {as_of}.")
            }
            (ReportText::FirstQuarter, l) => l
                .pick(
                    "本季度是第一个有记录的季度，没有上季度数据可比，“变化”一栏以“—”表示。",
                    "This is the first quarter with records: there is no previous quarter to compare with, so the change column shows “—”.",
                )
                .into(),
            (ReportText::PreviousMissing { previous }, Lang::ZhCn) => {
                format!("上季度（{previous}）没有任何记录，无法比较，“变化”一栏以“—”表示。")
            }
            (ReportText::PreviousMissing { previous }, Lang::En) => format!(
                "The previous quarter ({previous}) has no records, so the change column shows “—”."
            ),
            (ReportText::NullChange, l) => l
                .pick(
                    "变化一栏的“—”表示本季度或上季度该项没有可计算的数据（分母为 0）。比率的变化以百分点表示。",
                    "A “—” in the change column means this or the previous quarter has nothing to compute that figure from (a zero denominator). Changes of rates are in percentage points.",
                )
                .into(),
            (ReportText::Targets, l) => l
                .pick(
                    "“未达标”表示该项未达到 wuye.toml 中设定的目标；返修率的目标是上限，高于目标即为未达标。",
                    "“Missed” marks a figure that misses its target in wuye.toml; the rework rate's target is an upper limit.",
                )
                .into(),
            (ReportText::NoRepairs, l) => l
                .pick(
                    "本期没有报修记录：数量为 0，比率以“—”表示。",
                    "No repair was reported in this period: counts are 0 and rates show “—”.",
                )
                .into(),
            (ReportText::NoComplaints, l) => l
                .pick(
                    "本期没有投诉记录：数量为 0，比率以“—”表示。",
                    "No complaint was received in this period: counts are 0 and rates show “—”.",
                )
                .into(),
            (ReportText::NoSurveys, l) => l
                .pick(
                    "本期没有满意度调查记录，满意率和平均分以“—”表示（不是 0%）。",
                    "No satisfaction survey was recorded in this period: rates and means show “—” (not 0%).",
                )
                .into(),
            (ReportText::Emergency { minutes }, Lang::ZhCn) => format!(
                "急修以报修后 {minutes} 分钟内到场为及时，已计入上表的维修及时率；统计口径中不单列急修及时率，此处列出急修单数与完工时长。"
            ),
            (ReportText::Emergency { minutes }, Lang::En) => format!(
                "An emergency repair is timely when staff arrive within {minutes} minutes; it is counted in the timeliness rate above. The metrics have no separate emergency rate: the number of emergency orders and their completion hours are shown here."
            ),
            (ReportText::Escalations, l) => l
                .pick(
                    "重大投诉线索：符合服务标准中“重大投诉”条件、但登记级别不是“重大”的投诉，按受理时间计入所在期间；明细只见于内部报告。",
                    "Escalation findings: complaints that meet the service standard's criteria for a major complaint while their recorded level is not major, counted in the period they were received. Details are in the internal report only.",
                )
                .into(),
            (ReportText::AnnualMethod, l) => l
                .pick(
                    "全年数字由各季度汇总：数量直接相加；比率用合计后的分子和分母重新计算（例如全年维修及时率 = 全年及时维修次数 ÷ 全年应计报修次数），不是各季度比率的平均；平均分按份数加权。",
                    "Annual figures come from the quarters: counts are added up; rates are recomputed from the summed numerators and denominators (e.g. the year's timeliness rate = timely orders ÷ due orders of the year), not averaged; means are weighted by their counts.",
                )
                .into(),
            (ReportText::HoursPerQuarter, l) => l
                .pick(
                    "完工时长的中位数和第90百分位数无法由各季度合并得出，因此按季度列示。",
                    "Medians and 90th percentiles cannot be combined from quarters, so completion hours are shown per quarter.",
                )
                .into(),
            (ReportText::ResponseRate { households: Some(h) }, Lang::ZhCn) => {
                format!("调查参与率 = 调查份数 ÷ 总户数 {h} 户（按份数计，不按户去重）。")
            }
            (ReportText::ResponseRate { households: Some(h) }, Lang::En) => format!(
                "Response rate = responses ÷ {h} households (responses, not distinct homes)."
            ),
            (ReportText::ResponseRate { households: None }, l) => l
                .pick(
                    "wuye.toml 中没有设置总户数 households，因此不计算调查参与率。",
                    "wuye.toml sets no households, so there is no response rate.",
                )
                .into(),
            (ReportText::AggregatesOnly, l) => l
                .pick(
                    "本报告只含汇总数字，不含任何住户的房号、姓名、电话或投诉内容。",
                    "This report holds totals only: no resident's room, name, phone or words.",
                )
                .into(),
            (ReportText::NoReports, l) => l
                .pick(
                    "还没有报告：数据中没有任何季度的报修、投诉或满意度调查记录。",
                    "No report yet: the logs hold no repair, complaint or survey in any quarter.",
                )
                .into(),
            (ReportText::WholeRangeCharts, l) => l
                .pick(
                    "以下图表涵盖全部数据期间，便于与往年对照。",
                    "These charts cover the whole period of the records, for comparison with other years.",
                )
                .into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_figure_names_the_name_and_the_suggestion_in_both_languages() {
        for lang in [Lang::ZhCn, Lang::En] {
            let text = ReportsMsg::UnknownFigure {
                name: "repairs.timelines_rate",
                suggestion: Some("repairs.timeliness_rate"),
            }
            .text(lang);
            assert!(text.contains("repairs.timelines_rate"), "{text}");
            assert!(text.contains("repairs.timeliness_rate"), "{text}");
        }
    }
}
