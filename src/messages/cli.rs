//! Messages printed by the command line itself.

use super::Lang;

pub enum CliMsg<'a> {
    BuildDone {
        out: &'a str,
        files: usize,
    },
    BuildFailed {
        errors: usize,
    },
    CheckSummary {
        files: usize,
        errors: usize,
        warnings: usize,
    },
    InitDone {
        dir: &'a str,
    },
    InitNotEmpty {
        dir: &'a str,
    },
    Skipped {
        rows: usize,
    },
    ErrorLabel,
    WarningLabel,
    LineLabel,
    ColumnLabel,
    ValueLabel,
}

impl CliMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (CliMsg::BuildDone { out, files }, Lang::ZhCn) => {
                format!("构建完成：已写入 {files} 个文件到 {out}")
            }
            (CliMsg::BuildDone { out, files }, Lang::En) => {
                format!("Build finished: {files} files written to {out}")
            }
            (CliMsg::BuildFailed { errors }, Lang::ZhCn) => format!(
                "构建未完成：发现 {errors} 个错误。上一次的输出保持原样，未做任何改动。请按上面的提示修改后重新运行。"
            ),
            (CliMsg::BuildFailed { errors }, Lang::En) => format!(
                "Build stopped: {errors} error(s). The previous output was left exactly as it was. Fix the problems above and run again."
            ),
            (
                CliMsg::CheckSummary {
                    files,
                    errors,
                    warnings,
                },
                Lang::ZhCn,
            ) => {
                format!("检查完成：{errors} 个错误，{warnings} 个警告（涉及 {files} 个文件）。")
            }
            (
                CliMsg::CheckSummary {
                    files,
                    errors,
                    warnings,
                },
                Lang::En,
            ) => {
                format!(
                    "Check finished: {errors} error(s), {warnings} warning(s) in {files} file(s)."
                )
            }
            (CliMsg::InitDone { dir }, Lang::ZhCn) => {
                format!("已在 {dir} 创建新的小区目录。下一步：cd {dir} 然后运行 wuye build")
            }
            (CliMsg::InitDone { dir }, Lang::En) => {
                format!("Created a new estate in {dir}. Next: cd {dir} and run wuye build")
            }
            (CliMsg::InitNotEmpty { dir }, Lang::ZhCn) => format!(
                "目录 {dir} 不是空的，wuye init 不会覆盖已有文件。请指定一个新的或空的目录。"
            ),
            (CliMsg::InitNotEmpty { dir }, Lang::En) => format!(
                "{dir} is not empty; wuye init never overwrites files. Name a new or empty folder."
            ),
            (CliMsg::Skipped { rows }, Lang::ZhCn) => {
                format!("按 --skip-bad-rows 跳过了 {rows} 行有错误的记录，这些行未计入任何统计：")
            }
            (CliMsg::Skipped { rows }, Lang::En) => {
                format!("--skip-bad-rows left out {rows} bad row(s) from every figure:")
            }
            (CliMsg::ErrorLabel, l) => l.pick("错误", "error").into(),
            (CliMsg::WarningLabel, l) => l.pick("警告", "warning").into(),
            (CliMsg::LineLabel, l) => l.pick("第 {} 行", "line {}").into(),
            (CliMsg::ColumnLabel, l) => l.pick("列", "column").into(),
            (CliMsg::ValueLabel, l) => l.pick("值", "value").into(),
        }
    }
}
