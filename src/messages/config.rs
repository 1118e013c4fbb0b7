//! Messages about `wuye.toml`.

use super::Lang;

pub enum ConfigMsg<'a> {
    NotUtf8,
    Unreadable {
        path: &'a str,
        reason: &'a str,
    },
    UnknownKey {
        key: &'a str,
        table: &'a str,
        suggestion: Option<&'a str>,
    },
    Syntax {
        detail: &'a str,
    },
    EmptyName,
    MustBePositive,
    SatisfiedMinOutOfScale {
        scale: u32,
    },
    TargetOutOfRange,
    OneOf {
        choices: &'a str,
    },
    UnknownEncoding,
}

impl ConfigMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ConfigMsg::NotUtf8, Lang::ZhCn) => {
                "wuye.toml 必须以 UTF-8 编码保存。请用记事本“另存为”并选择 UTF-8。".into()
            }
            (ConfigMsg::NotUtf8, Lang::En) => "wuye.toml must be saved as UTF-8.".into(),
            (ConfigMsg::Unreadable { path, reason }, Lang::ZhCn) => format!(
                "读不到配置文件 {path}（{reason}）。请在小区目录中运行，或用 --root 指定小区目录；新建小区请用 wuye init。"
            ),
            (ConfigMsg::Unreadable { path, reason }, Lang::En) => format!(
                "Cannot read the config file {path} ({reason}). Run inside the estate folder, name it with --root, or create one with wuye init."
            ),
            (
                ConfigMsg::UnknownKey {
                    key,
                    table,
                    suggestion,
                },
                lang,
            ) => {
                let place = if table.is_empty() {
                    lang.pick("顶层", "the top level").to_string()
                } else {
                    format!("[{table}]")
                };
                match (suggestion, lang) {
                    (Some(s), Lang::ZhCn) => {
                        format!("未知的配置项“{key}”（位于{place}）。是否想写“{s}”？")
                    }
                    (None, Lang::ZhCn) => format!(
                        "未知的配置项“{key}”（位于{place}）。请删除它或查看 README 中的配置说明。"
                    ),
                    (Some(s), Lang::En) => {
                        format!("Unknown key “{key}” in {place}. Did you mean “{s}”?")
                    }
                    (None, Lang::En) => format!(
                        "Unknown key “{key}” in {place}. Remove it or see the configuration section of the README."
                    ),
                }
            }
            (ConfigMsg::Syntax { detail }, Lang::ZhCn) => {
                format!("配置文件写法有误：{detail}。请检查引号、等号和方括号。")
            }
            (ConfigMsg::Syntax { detail }, Lang::En) => {
                format!("The config file cannot be read: {detail}. Check quotes, '=' and brackets.")
            }
            (ConfigMsg::EmptyName, l) => l
                .pick(
                    "小区名称 name 不能为空。",
                    "The estate name (name) must not be empty.",
                )
                .into(),
            (ConfigMsg::MustBePositive, l) => l
                .pick(
                    "这个值必须是大于 0 的整数。",
                    "This value must be a whole number above 0.",
                )
                .into(),
            (ConfigMsg::SatisfiedMinOutOfScale { scale }, Lang::ZhCn) => {
                format!("satisfied_min 必须在 1 到评分满分 {scale} 之间。")
            }
            (ConfigMsg::SatisfiedMinOutOfScale { scale }, Lang::En) => {
                format!("satisfied_min must lie between 1 and the survey scale {scale}.")
            }
            (ConfigMsg::TargetOutOfRange, l) => l
                .pick(
                    "目标值是 0 到 1 之间的小数，例如 95% 写作 0.95。",
                    "A target is a fraction between 0 and 1: write 95% as 0.95.",
                )
                .into(),
            (ConfigMsg::OneOf { choices }, Lang::ZhCn) => format!("只能是以下之一：{choices}。"),
            (ConfigMsg::OneOf { choices }, Lang::En) => format!("Must be one of: {choices}."),
            (ConfigMsg::UnknownEncoding, l) => l
                .pick(
                    "无法识别的编码名称。可用的有 utf-8、gbk、gb18030。",
                    "Unknown encoding name. Use utf-8, gbk or gb18030.",
                )
                .into(),
        }
    }
}
