//! Messages of the `data` stage: what is wrong in a log and how to fix it.
//!
//! The diagnostic itself carries the file, line, column and value; the
//! sentence repeats the column and value where that makes it read naturally
//! and always says what to do.

use super::Lang;

pub enum DataMsg<'a> {
    /// The file exists but cannot be read.
    Unreadable {
        reason: &'a str,
    },
    /// Bytes that the chosen encoding cannot decode.
    Undecodable {
        encoding: &'a str,
        file_name: &'a str,
        first_line: u64,
        lines: u64,
    },
    /// The file has no header row.
    EmptyFile,
    MissingColumn {
        zh: &'a str,
        en: &'a str,
    },
    DuplicateColumn {
        column: &'a str,
        first: &'a str,
    },
    UnknownColumn {
        column: &'a str,
        suggestion: Option<&'a str>,
    },
    /// A column without a name whose cells hold data.
    UnnamedColumn {
        position: usize,
    },
    /// A row with more cells than the header has columns.
    ExtraCells {
        count: usize,
    },
    MissingValue {
        column: &'a str,
    },
    BadDatetime {
        column: &'a str,
        value: &'a str,
    },
    BadDate {
        column: &'a str,
        value: &'a str,
    },
    BadBoolean {
        column: &'a str,
        value: &'a str,
    },
    BadRepairLevel {
        value: &'a str,
    },
    BadComplaintLevel {
        value: &'a str,
    },
    DuplicateId {
        column: &'a str,
        value: &'a str,
        first_line: u64,
    },
    CompletedBeforeReported {
        completed: &'a str,
        reported: &'a str,
    },
    ResolvedBeforeReceived {
        resolved: &'a str,
        received: &'a str,
    },
    UnknownReworkOf {
        value: &'a str,
    },
    /// A non-numeric overall score.
    OverallNotNumber {
        column: &'a str,
        value: &'a str,
        scale: u32,
    },
    /// A non-numeric cell in a score dimension column.
    DimensionNotNumber {
        column: &'a str,
        value: &'a str,
        scale: u32,
    },
    ScoreOutOfRange {
        column: &'a str,
        value: &'a str,
        scale: u32,
        /// The column is a dimension (not `overall`).
        dimension: bool,
    },
    BadHolidayKind {
        value: &'a str,
    },
    ConflictingHoliday {
        date: &'a str,
        first_kind: &'a str,
        first_line: u64,
    },
    AgreedWithoutReason,
    CompletedWithoutInspection,
    /// A row (or the header) longer than `guard::MAX_CSV_RECORD_BYTES`.
    RowTooLong {
        limit_kib: u64,
    },
    /// A header with more than `guard::MAX_CSV_COLUMNS` columns.
    TooManyColumns {
        count: usize,
        limit: usize,
    },
    /// The file is a link to something outside the estate folder.
    OutsideEstate {
        target: &'a str,
    },
}

impl DataMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        use DataMsg::*;
        match (self, lang) {
            (RowTooLong { limit_kib }, Lang::ZhCn) => format!(
                "从这一行开始的一行超过 {limit_kib} KB，读取到此为止，本文件其余内容未读取。通常是某个引号没有配对（一个单元格吞掉了后面的内容），或者这不是导出的台账。请用表格软件打开检查这一行后重新导出。"
            ),
            (RowTooLong { limit_kib }, Lang::En) => format!(
                "The row starting on this line is longer than {limit_kib} KB; reading stops here and the rest of the file is not read. Usually a quote is not closed (one cell swallows what follows) or this is not an exported log. Check the row in your spreadsheet and export again."
            ),
            (TooManyColumns { count, limit }, Lang::ZhCn) => format!(
                "表头有 {count} 列，超过上限 {limit} 列，此文件未读取。请确认导出的是正确的台账，并删除多余的空列。"
            ),
            (TooManyColumns { count, limit }, Lang::En) => format!(
                "The header has {count} columns, more than the limit of {limit}; the file is not read. Make sure this is the right log and delete the extra columns."
            ),
            (OutsideEstate { target }, Lang::ZhCn) => format!(
                "这个文件是指向小区文件夹以外（{target}）的链接，已跳过，按没有记录处理。请把台账文件本身复制到 data 文件夹中。"
            ),
            (OutsideEstate { target }, Lang::En) => format!(
                "This file is a link to something outside the estate folder ({target}); it is skipped and read as having no records. Copy the log itself into the data folder."
            ),
            (Unreadable { reason }, Lang::ZhCn) => {
                format!("无法读取这个文件（{reason}）。请确认文件没有被其他程序占用，并且有读取权限。")
            }
            (Unreadable { reason }, Lang::En) => format!(
                "This file cannot be read ({reason}). Make sure no other program holds it open and that it is readable."
            ),
            (
                Undecodable {
                    encoding,
                    file_name,
                    first_line,
                    lines,
                },
                Lang::ZhCn,
            ) => format!(
                "文件按 {encoding} 编码读取时，从第 {first_line} 行起共有 {lines} 行含有无法识别的字节（显示为 �）。请在表格软件中“另存为”“CSV UTF-8”后重新放入 data 目录；如果确知文件的编码，可在 wuye.toml 的 [data.encoding] 中写明，例如 \"{file_name}\" = \"gbk\"。"
            ),
            (
                Undecodable {
                    encoding,
                    file_name,
                    first_line,
                    lines,
                },
                Lang::En,
            ) => format!(
                "Read as {encoding}, {lines} line(s) from line {first_line} on hold bytes that cannot be decoded (shown as �). Save the file again from the spreadsheet as “CSV UTF-8”; if you know its encoding, name it in wuye.toml under [data.encoding], e.g. \"{file_name}\" = \"gbk\"."
            ),
            (EmptyFile, l) => l
                .pick(
                    "文件是空的，没有表头行，按没有记录处理。请保留第一行的列名（可从 wuye init 生成的模板复制）。",
                    "The file is empty (no header row) and is read as having no records. Keep the column names in the first line (copy them from the template wuye init writes).",
                )
                .into(),
            (MissingColumn { zh, en }, Lang::ZhCn) => format!(
                "缺少必填列“{zh}”（也可写作 {en}）。请在第一行加上这一列并填好每一行，然后重新检查。此文件在补上之前不会被读取。"
            ),
            (MissingColumn { zh, en }, Lang::En) => format!(
                "The required column “{en}” (or “{zh}”) is missing. Add it to the first line and fill it in on every row. The file is not read until it is there."
            ),
            (DuplicateColumn { column, first }, Lang::ZhCn) => format!(
                "列“{column}”与前面的列“{first}”是同一列，出现了两次。请删除其中一列（保留内容正确的那一列）。此文件在改正之前不会被读取。"
            ),
            (DuplicateColumn { column, first }, Lang::En) => format!(
                "The column “{column}” is the same column as “{first}” before it. Delete one of them (keep the one with the right content). The file is not read until this is fixed."
            ),
            (UnknownColumn { column, suggestion }, Lang::ZhCn) => match suggestion {
                Some(s) => format!(
                    "不认识的列“{column}”，它的内容不参与统计。是否想写“{s}”？如果是，请改正列名；如果这列只是备注，可以保留。"
                ),
                None => format!(
                    "不认识的列“{column}”，它的内容不参与统计。如果这列只是备注，可以保留；否则请按数据说明改正列名。"
                ),
            },
            (UnknownColumn { column, suggestion }, Lang::En) => match suggestion {
                Some(s) => format!(
                    "Unknown column “{column}”; its content is left out of every figure. Did you mean “{s}”? If so, rename it; if it is only a note, it may stay."
                ),
                None => format!(
                    "Unknown column “{column}”; its content is left out of every figure. If it is only a note it may stay; otherwise rename it as the data guide says."
                ),
            },
            (UnnamedColumn { position }, Lang::ZhCn) => format!(
                "第 {position} 列没有列名，但这一行的这一格有内容，这些内容不会被读取。请给这一列加上列名，或删除这一列。"
            ),
            (UnnamedColumn { position }, Lang::En) => format!(
                "Column {position} has no name in the header, but this row has something in it; that content is not read. Name the column or delete it."
            ),
            (ExtraCells { count }, Lang::ZhCn) => format!(
                "这一行比表头多出 {count} 个有内容的单元格，各列可能错位了。常见原因是某一格里有逗号却没有用引号括起来。请在表格软件中打开文件，核对这一行后重新导出 CSV。"
            ),
            (ExtraCells { count }, Lang::En) => format!(
                "This row has {count} more non-empty cell(s) than the header has columns, so its columns may be shifted. Usually a cell holds a comma without quotes. Open the file in the spreadsheet, check this row and export the CSV again."
            ),
            (MissingValue { column }, Lang::ZhCn) => {
                format!("“{column}”是必填项，这一行是空的。请补上。")
            }
            (MissingValue { column }, Lang::En) => {
                format!("“{column}” is required and is empty on this row. Fill it in.")
            }
            (BadDatetime { column, value }, Lang::ZhCn) => format!(
                "“{column}”中的“{value}”不是可识别的日期时间。请写成 {example} 这样的格式（也可写 2026/3/5 14:30、2026年3月5日 14:30，只有日期时按当天 0:00 计）。",
                example = crate::datetime::EXAMPLE
            ),
            (BadDatetime { column, value }, Lang::En) => format!(
                "“{value}” in “{column}” is not a date and time wuye can read. Write it like {example} (2026/3/5 14:30 and 2026年3月5日 14:30 also work; a bare date means 00:00).",
                example = crate::datetime::EXAMPLE
            ),
            (BadDate { column, value }, Lang::ZhCn) => format!(
                "“{column}”中的“{value}”不是可识别的日期。请写成 2026-10-01 这样的格式（也可写 2026/10/1 或 2026年10月1日）。"
            ),
            (BadDate { column, value }, Lang::En) => format!(
                "“{value}” in “{column}” is not a date wuye can read. Write it like 2026-10-01 (2026/10/1 and 2026年10月1日 also work)."
            ),
            (BadBoolean { column, value }, Lang::ZhCn) => format!(
                "“{column}”中的“{value}”不是“是/否”。请填 是 或 否（也可用 yes/no、y/n、true/false、1/0、合格/不合格、满意/不满意），未记录就留空。"
            ),
            (BadBoolean { column, value }, Lang::En) => format!(
                "“{value}” in “{column}” is not a yes/no value. Write yes or no (是/否, y/n, true/false, 1/0, 合格/不合格, 满意/不满意 also work), or leave it empty when not recorded."
            ),
            (BadRepairLevel { value }, Lang::ZhCn) => format!(
                "级别“{value}”无法识别。请填 小修、中修 或 急修（也可写 minor、medium、emergency）。"
            ),
            (BadRepairLevel { value }, Lang::En) => format!(
                "Unknown level “{value}”. Write minor, medium or emergency (or 小修, 中修, 急修)."
            ),
            (BadComplaintLevel { value }, Lang::ZhCn) => format!(
                "级别“{value}”无法识别。请填 重大、重要 或 轻微（也可写 major、important、minor）；尚未定级就留空。"
            ),
            (BadComplaintLevel { value }, Lang::En) => format!(
                "Unknown level “{value}”. Write major, important or minor (or 重大, 重要, 轻微); leave it empty when not yet classified."
            ),
            (
                DuplicateId {
                    column,
                    value,
                    first_line,
                },
                Lang::ZhCn,
            ) => format!(
                "{column}“{value}”在第 {first_line} 行已经用过，编号不能重复。如果是同一条记录，请删除这一行；如果是另一条记录，请给它一个新编号。第 {first_line} 行的记录照常统计。"
            ),
            (
                DuplicateId {
                    column,
                    value,
                    first_line,
                },
                Lang::En,
            ) => format!(
                "{column} “{value}” is already used on line {first_line}; numbers must be unique. If this is the same record, delete this row; if it is another one, give it a new number. Line {first_line} still counts."
            ),
            (
                CompletedBeforeReported {
                    completed,
                    reported,
                },
                Lang::ZhCn,
            ) => format!(
                "完工时间 {completed} 早于报修时间 {reported}，不可能先完工后报修。请核对这两个时间（常见的是日期或上午/下午写错）。"
            ),
            (
                CompletedBeforeReported {
                    completed,
                    reported,
                },
                Lang::En,
            ) => format!(
                "Completed at {completed}, before it was reported at {reported}. Check both times (often the date or AM/PM is wrong)."
            ),
            (ResolvedBeforeReceived { resolved, received }, Lang::ZhCn) => format!(
                "办结时间 {resolved} 早于受理时间 {received}。请核对这两个时间。"
            ),
            (ResolvedBeforeReceived { resolved, received }, Lang::En) => format!(
                "Resolved at {resolved}, before it was received at {received}. Check both times."
            ),
            (UnknownReworkOf { value }, Lang::ZhCn) => format!(
                "返修单号“{value}”在本文件中找不到对应的工单。请核对编号（字母区分大小写），或在原工单补录后再填；不是返修就留空。"
            ),
            (UnknownReworkOf { value }, Lang::En) => format!(
                "Rework of “{value}”: no order with that number is in this file. Check the number (letters are case-sensitive) or add the original order; leave it empty when this is not a rework."
            ),
            (
                OverallNotNumber {
                    column,
                    value,
                    scale,
                },
                Lang::ZhCn,
            ) => format!("“{column}”中的“{value}”不是分数。请填 1 到 {scale} 之间的数字（可以有小数）。"),
            (
                OverallNotNumber {
                    column,
                    value,
                    scale,
                },
                Lang::En,
            ) => format!(
                "“{value}” in “{column}” is not a score. Write a number from 1 to {scale} (decimals allowed)."
            ),
            (
                DimensionNotNumber {
                    column,
                    value,
                    scale,
                },
                Lang::ZhCn,
            ) => format!(
                "“{column}”列被当作评分项，但“{value}”不是分数。请填 1 到 {scale} 之间的数字，未回答就留空；如果这一列记的是文字，请把列名改为“备注”。"
            ),
            (
                DimensionNotNumber {
                    column,
                    value,
                    scale,
                },
                Lang::En,
            ) => format!(
                "The column “{column}” is read as a score, but “{value}” is not a number. Write a number from 1 to {scale} or leave it empty when not answered; if this column holds free text, rename it to 备注 (note)."
            ),
            (
                ScoreOutOfRange {
                    column,
                    value,
                    scale,
                    dimension,
                },
                Lang::ZhCn,
            ) => {
                let mut text = format!(
                    "“{column}”的分数 {value} 超出范围。评分是 1 到 {scale} 分（满分在 wuye.toml 的 [standards] survey_scale 设置），请改正。"
                );
                if *dimension {
                    text.push_str("如果这一列记的不是评分，请把列名改为“备注”。");
                }
                text
            }
            (
                ScoreOutOfRange {
                    column,
                    value,
                    scale,
                    dimension,
                },
                Lang::En,
            ) => {
                let mut text = format!(
                    "The score {value} in “{column}” is out of range. Scores run from 1 to {scale} (the scale is survey_scale under [standards] in wuye.toml)."
                );
                if *dimension {
                    text.push_str(" If this column does not hold scores, rename it to 备注 (note).");
                }
                text
            }
            (BadHolidayKind { value }, Lang::ZhCn) => format!(
                "类型“{value}”无法识别。请填 休（放假）或 班（周末调休上班），也可写 holiday、workday。"
            ),
            (BadHolidayKind { value }, Lang::En) => format!(
                "Unknown kind “{value}”. Write holiday (休) or workday (班, a weekend make-up working day)."
            ),
            (
                ConflictingHoliday {
                    date,
                    first_kind,
                    first_line,
                },
                Lang::ZhCn,
            ) => format!(
                "{date} 在第 {first_line} 行已登记为“{first_kind}”，这里又登记为另一种类型。同一天只能有一种类型：请删除错误的那一行（第 {first_line} 行照常生效）。"
            ),
            (
                ConflictingHoliday {
                    date,
                    first_kind,
                    first_line,
                },
                Lang::En,
            ) => format!(
                "{date} is already listed as “{first_kind}” on line {first_line} and is listed here with another kind. A date has one kind: delete the wrong row (line {first_line} still counts)."
            ),
            (AgreedWithoutReason, l) => l
                .pick(
                    "填了约定时间，但没有填延期原因。约定时间仍按计时起点使用；请补上原因（业主原因或外部条件），以备核查。",
                    "An agreed time is set but no delay reason. The agreed time is still used as the start; add the reason (the resident's or outside conditions) so it can be checked.",
                )
                .into(),
            (CompletedWithoutInspection, l) => l
                .pick(
                    "工单已完工，但没有验收结果。它不计入合格率，请补填 是 或 否。",
                    "The order is completed but has no inspection result, so it is left out of the pass rate. Fill in yes or no.",
                )
                .into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_datetime_names_value_column_and_example() {
        let msg = DataMsg::BadDatetime {
            column: "报修时间",
            value: "2026-13-01",
        };
        let zh = msg.text(Lang::ZhCn);
        assert!(
            zh.contains("报修时间") && zh.contains("2026-13-01") && zh.contains("2026-03-05 14:30")
        );
        let en = msg.text(Lang::En);
        assert!(en.contains("2026-03-05 14:30") && en.starts_with("“2026-13-01”"));
    }
}
