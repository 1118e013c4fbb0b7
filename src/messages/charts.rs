//! Words of the charts: titles, series, axes, legends, table headers and
//! the sentences of each chart's description.

use super::Lang;

pub enum ChartMsg<'a> {
    // Titles.
    TitleSatisfaction,
    TitleDimensions,
    TitleRepairRates,
    TitleRepairVolume,
    TitleComplaints,
    TitleCompletion,
    // Series.
    Satisfaction,
    Timeliness,
    PassRate,
    ReworkRate,
    Median,
    P90,
    /// A repair level by key (`minor`, `medium`, `emergency`).
    RepairLevel(&'a str),
    /// A complaint level by key (`major`, `important`, `minor`, `unclassified`).
    ComplaintLevel(&'a str),
    /// Reference line of a target the rate should reach.
    Target {
        series: &'a str,
        value: &'a str,
    },
    /// Reference line of a limit the rate should stay under.
    Limit {
        series: &'a str,
        value: &'a str,
    },
    // Axes.
    AxisOrders,
    AxisComplaints,
    AxisHours,
    MonthShort(u32),
    YearShort(i32),
    MonthFull {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        q: u32,
    },
    Range {
        from: &'a str,
        to: &'a str,
    },
    AsOf(&'a str),
    DateTime {
        year: i32,
        month: u32,
        day: u32,
        time: &'a str,
    },
    ZoomNote,
    OwnScales,
    NoRecordLegend,
    NoData,
    NoDimensions,
    // Tables.
    HeaderMonth,
    HeaderTotal,
    HeaderResponses,
    HeaderTarget,
    /// `小修 中位数` style column header.
    HeaderLevelStat {
        level: &'a str,
        stat: &'a str,
    },
    // Descriptions (one sentence each).
    DescLines {
        what: &'a str,
        period: &'a str,
    },
    DescBars {
        what: &'a str,
        period: &'a str,
    },
    DescPanels {
        what: &'a str,
        period: &'a str,
        panels: &'a str,
    },
    DescRateAxis,
    DescZoomAxis {
        lo: &'a str,
        hi: &'a str,
    },
    DescTargets(&'a str),
    DescGaps(&'a str),
    DescPartial {
        month: &'a str,
        day: u32,
    },
    DescTable,
    /// Separator between list items in a sentence.
    ListSep,
}

impl ChartMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        use ChartMsg::*;
        let zh = lang == Lang::ZhCn;
        match self {
            TitleSatisfaction => lang
                .pick("月度业主满意率", "Monthly resident satisfaction")
                .into(),
            TitleDimensions => lang
                .pick("各服务项目满意率", "Satisfaction by service")
                .into(),
            TitleRepairRates => lang
                .pick(
                    "维修及时率、合格率与返工率",
                    "Repair timeliness, pass and rework rates",
                )
                .into(),
            TitleRepairVolume => lang
                .pick("每月报修量（按级别）", "Repair orders per month by level")
                .into(),
            TitleComplaints => lang
                .pick("每月投诉量（按级别）", "Complaints per month by level")
                .into(),
            TitleCompletion => lang
                .pick(
                    "维修完成用时（中位数与90百分位）",
                    "Repair completion time (median and 90th percentile)",
                )
                .into(),
            Satisfaction => lang.pick("满意率", "Satisfaction").into(),
            Timeliness => lang.pick("及时率", "Timeliness").into(),
            PassRate => lang.pick("合格率", "Pass rate").into(),
            ReworkRate => lang.pick("返工率", "Rework rate").into(),
            Median => lang.pick("中位数", "Median").into(),
            P90 => lang.pick("90百分位", "90th percentile").into(),
            RepairLevel(key) => match *key {
                "minor" => lang.pick("小修", "Minor"),
                "medium" => lang.pick("中修", "Medium"),
                "emergency" => lang.pick("急修", "Emergency"),
                other => other,
            }
            .into(),
            ComplaintLevel(key) => match *key {
                "major" => lang.pick("重大", "Major"),
                "important" => lang.pick("重要", "Important"),
                "minor" => lang.pick("轻微", "Minor"),
                "unclassified" => lang.pick("未分级", "Unclassified"),
                other => other,
            }
            .into(),
            Target { series, value } if zh => format!("{series}目标 {value}"),
            Target { series, value } => format!("{series} target {value}"),
            Limit { series, value } if zh => format!("{series}上限 {value}"),
            Limit { series, value } => format!("{series} limit {value}"),
            AxisOrders => lang.pick("报修单（件）", "Orders").into(),
            AxisComplaints => lang.pick("投诉（件）", "Complaints").into(),
            AxisHours => lang.pick("小时", "Hours").into(),
            MonthShort(m) if zh => format!("{m}月"),
            MonthShort(m) => month_abbr(*m).into(),
            YearShort(y) if zh => format!("{y}年"),
            YearShort(y) => y.to_string(),
            MonthFull { year, month } if zh => format!("{year}年{month}月"),
            MonthFull { year, month } => format!("{} {year}", month_abbr(*month)),
            Quarter { year, q } if zh => format!("{year}年第{q}季度"),
            Quarter { year, q } => format!("{year} Q{q}"),
            Range { from, to } if zh => format!("{from}–{to}"),
            Range { from, to } => format!("{from} – {to}"),
            AsOf(when) if zh => format!("数据截至 {when}"),
            AsOf(when) => format!("Data as of {when}"),
            DateTime {
                year,
                month,
                day,
                time,
            } if zh => format!("{year}年{month}月{day}日 {time}"),
            DateTime {
                year,
                month,
                day,
                time,
            } => format!("{year}-{month:02}-{day:02} {time}"),
            ZoomNote => lang
                .pick("纵轴未从 0 开始", "Vertical axis does not start at 0")
                .into(),
            OwnScales => lang
                .pick(
                    "各小图纵轴刻度不同",
                    "Each panel has its own vertical scale",
                )
                .into(),
            NoRecordLegend => lang.pick("— 该月无记录", "— no records that month").into(),
            NoData => lang.pick("暂无数据", "No data yet").into(),
            NoDimensions => lang
                .pick("调查表没有分项评分", "The survey has no per-service scores")
                .into(),
            HeaderMonth => lang.pick("月份", "Month").into(),
            HeaderTotal => lang.pick("合计", "Total").into(),
            HeaderResponses => lang.pick("有效问卷（份）", "Responses").into(),
            HeaderTarget => lang.pick("目标", "Target").into(),
            HeaderLevelStat { level, stat } if zh => format!("{level}{stat}（小时）"),
            HeaderLevelStat { level, stat } => format!("{level} {stat} (h)"),
            DescLines { what, period } if zh => format!("折线图：{period}每月的{what}。"),
            DescLines { what, period } => format!("Line chart of the monthly {what}, {period}."),
            DescBars { what, period } if zh => format!("堆叠柱形图：{period}每月的{what}。"),
            DescBars { what, period } => {
                format!("Stacked bar chart of the monthly {what}, {period}.")
            }
            DescPanels {
                what,
                period,
                panels,
            } if zh => format!("分组小图：{period}每月的{what}，每个小图一项：{panels}。"),
            DescPanels {
                what,
                period,
                panels,
            } => format!(
                "Small multiples of the monthly {what}, {period}, one panel each: {panels}."
            ),
            DescRateAxis => lang
                .pick(
                    "纵轴为百分比，从 0% 到 100%。",
                    "The vertical axis runs from 0% to 100%.",
                )
                .into(),
            DescZoomAxis { lo, hi } if zh => {
                format!("纵轴为百分比，从 {lo} 到 {hi}，未从 0 开始。")
            }
            DescZoomAxis { lo, hi } => {
                format!("The vertical axis runs from {lo} to {hi}; it does not start at 0.")
            }
            DescTargets(list) if zh => format!("虚线为参考线：{list}。"),
            DescTargets(list) => format!("Dashed lines mark {list}."),
            DescGaps(list) if zh => format!("以下月份没有数据，图中留空：{list}。"),
            DescGaps(list) => format!("No data, left blank: {list}."),
            DescPartial { month, day } if zh => {
                format!("{month}的数据只到 {day} 日，不是整月。")
            }
            DescPartial { month, day } => {
                format!("{month} holds data up to day {day} only, not a full month.")
            }
            DescTable => lang
                .pick(
                    "图后的数据表列出了同样的数字。",
                    "The table after the chart holds the same numbers.",
                )
                .into(),
            ListSep => lang.pick("、", ", ").into(),
        }
    }
}

fn month_abbr(m: u32) -> &'static str {
    match m {
        1 => "Jan",
        2 => "Feb",
        3 => "Mar",
        4 => "Apr",
        5 => "May",
        6 => "Jun",
        7 => "Jul",
        8 => "Aug",
        9 => "Sep",
        10 => "Oct",
        11 => "Nov",
        _ => "Dec",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_naturally_in_both_languages() {
        assert_eq!(ChartMsg::MonthShort(3).text(Lang::ZhCn), "3月");
        assert_eq!(ChartMsg::MonthShort(3).text(Lang::En), "Mar");
        assert_eq!(
            ChartMsg::MonthFull {
                year: 2026,
                month: 11
            }
            .text(Lang::ZhCn),
            "2026年11月"
        );
        assert_eq!(
            ChartMsg::Quarter { year: 2026, q: 1 }.text(Lang::ZhCn),
            "2026年第1季度"
        );
        assert_eq!(
            ChartMsg::ComplaintLevel("unclassified").text(Lang::ZhCn),
            "未分级"
        );
        assert_eq!(
            ChartMsg::RepairLevel("emergency").text(Lang::En),
            "Emergency"
        );
    }
}
