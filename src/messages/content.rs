//! Messages about Markdown content and front matter.

use super::Lang;

pub enum ContentMsg<'a> {
    NotUtf8,
    Unreadable {
        reason: &'a str,
    },
    Unclosed {
        fence: &'a str,
    },
    Syntax {
        detail: &'a str,
    },
    UnknownKey {
        key: &'a str,
        suggestion: Option<&'a str>,
    },
    BadValue {
        key: &'a str,
        detail: &'a str,
    },
    MissingKey {
        key: &'a str,
    },
}

impl ContentMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ContentMsg::NotUtf8, l) => l
                .pick(
                    "文件不是 UTF-8 编码。请在编辑器中“另存为”并选择 UTF-8 编码。",
                    "The file is not UTF-8. Save it again as UTF-8 in your editor.",
                )
                .into(),
            (ContentMsg::Unreadable { reason }, Lang::ZhCn) => format!("无法读取文件：{reason}"),
            (ContentMsg::Unreadable { reason }, Lang::En) => {
                format!("Cannot read the file: {reason}")
            }
            (ContentMsg::Unclosed { fence }, Lang::ZhCn) => format!(
                "文件开头的属性区（front matter）没有结束。请在属性之后单独加一行 {fence}。"
            ),
            (ContentMsg::Unclosed { fence }, Lang::En) => format!(
                "The front matter at the top of the file never closes. Add a line with just {fence} after it."
            ),
            (ContentMsg::Syntax { detail }, Lang::ZhCn) => format!("属性区写法有误：{detail}"),
            (ContentMsg::Syntax { detail }, Lang::En) => {
                format!("The front matter cannot be read: {detail}")
            }
            (
                ContentMsg::UnknownKey {
                    key,
                    suggestion: Some(s),
                },
                Lang::ZhCn,
            ) => {
                format!("未知的属性“{key}”。是否想写“{s}”？")
            }
            (
                ContentMsg::UnknownKey {
                    key,
                    suggestion: None,
                },
                Lang::ZhCn,
            ) => {
                format!("未知的属性“{key}”。请删除它，或查看文档中可用的属性。")
            }
            (
                ContentMsg::UnknownKey {
                    key,
                    suggestion: Some(s),
                },
                Lang::En,
            ) => {
                format!("Unknown front matter key “{key}”. Did you mean “{s}”?")
            }
            (
                ContentMsg::UnknownKey {
                    key,
                    suggestion: None,
                },
                Lang::En,
            ) => {
                format!("Unknown front matter key “{key}”. Remove it or see the documented keys.")
            }
            (ContentMsg::BadValue { key, detail }, Lang::ZhCn) => {
                format!("属性“{key}”的值有误：{detail}")
            }
            (ContentMsg::BadValue { key, detail }, Lang::En) => {
                format!("Bad value for “{key}”: {detail}")
            }
            (ContentMsg::MissingKey { key }, Lang::ZhCn) => format!("缺少必填属性“{key}”。"),
            (ContentMsg::MissingKey { key }, Lang::En) => {
                format!("The required key “{key}” is missing.")
            }
        }
    }
}
