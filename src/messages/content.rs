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
    /// Bytes that are no text at all (an image saved as `.md`).
    NotText,
    TooLarge {
        limit_mib: u64,
    },
    TooDeep {
        limit: usize,
    },
    /// A symbolic link to a file or folder outside the estate.
    OutsideEstate {
        target: &'a str,
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
            (ContentMsg::NotText, l) => l
                .pick(
                    "这不是文本文件（看起来是图片或其他二进制文件），却以 .md 结尾。请把它移出这个文件夹，或改回正确的扩展名（如 .png）。",
                    "This is not a text file (it looks like an image or other binary file) but its name ends in .md. Move it out of this folder or give it its proper extension (such as .png).",
                )
                .into(),
            (ContentMsg::TooLarge { limit_mib }, Lang::ZhCn) => format!(
                "文件超过 {limit_mib} MB，不予读取。请把内容拆成几个文件，大表格可放进附件。"
            ),
            (ContentMsg::TooLarge { limit_mib }, Lang::En) => format!(
                "The file is larger than {limit_mib} MB and is not read. Split it into several files; put large tables in an attachment."
            ),
            (ContentMsg::TooDeep { limit }, Lang::ZhCn) => format!(
                "从这一行起，列表、引用或 HTML 标签嵌套超过 {limit} 层，不予处理。请减少嵌套层数（正常文档不超过十层）。"
            ),
            (ContentMsg::TooDeep { limit }, Lang::En) => format!(
                "From this line on, lists, quotes or HTML tags are nested more than {limit} levels deep and are not processed. Reduce the nesting (ordinary documents stay under ten levels)."
            ),
            (ContentMsg::OutsideEstate { target }, Lang::ZhCn) => format!(
                "这是一个指向小区文件夹以外（{target}）的链接，已跳过，不会读取或发布。请把文件本身复制到小区文件夹中。"
            ),
            (ContentMsg::OutsideEstate { target }, Lang::En) => format!(
                "This is a link to something outside the estate folder ({target}); it is skipped, never read or published. Copy the file itself into the estate folder."
            ),
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

// ---- SITE: notices and free-standing pages ----

/// Problems in the values of a notice's or page's front matter.
pub enum SiteContentMsg<'a> {
    /// A date/time key whose value is not a date.
    BadDatetime {
        key: &'a str,
        example: &'a str,
    },
    /// A category that is neither a key, a Chinese name nor an alias.
    UnknownCategory {
        choices: &'a str,
    },
    /// A slug with characters that cannot be a folder name in a URL.
    BadSlug,
    /// A slug that the site uses for its own pages.
    ReservedSlug,
    /// The same slug in two files.
    DuplicateSlug {
        slug: &'a str,
        first: &'a str,
    },
    EmptyTitle,
    /// `affected` is not a list of building names.
    BadAffected,
    /// `ends` lies before `starts`.
    EndsBeforeStarts,
}

impl SiteContentMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (SiteContentMsg::BadDatetime { key, example }, Lang::ZhCn) => {
                format!("“{key}”不是有效的日期时间。请写成 {example} 这样的格式，或只写日期。")
            }
            (SiteContentMsg::BadDatetime { key, example }, Lang::En) => format!(
                "“{key}” is not a valid date and time. Write it like {example}, or just the date."
            ),
            (SiteContentMsg::UnknownCategory { choices }, Lang::ZhCn) => {
                format!("未知的通知类别。可用的类别：{choices}。")
            }
            (SiteContentMsg::UnknownCategory { choices }, Lang::En) => {
                format!("Unknown notice category. Use one of: {choices}.")
            }
            (SiteContentMsg::BadSlug, l) => l
                .pick(
                    "网页名称（slug，不写时取文件名）只能包含字母、数字、汉字、“-”和“_”（不能有空格、斜杠或点）。请给文件改名，或在属性区写 slug = \"water-outage\" 这样的名称。",
                    "The page name (slug; the file name unless set) may only contain letters, digits, Chinese characters, “-” and “_” (no spaces, slashes or dots). Rename the file, or set a name such as slug = \"water-outage\" in the front matter.",
                )
                .into(),
            (SiteContentMsg::ReservedSlug, l) => l
                .pick(
                    "这个 slug 已被网站自身使用（例如分页），请换一个。",
                    "This slug is used by the site itself (for example for paging); choose another.",
                )
                .into(),
            (SiteContentMsg::DuplicateSlug { slug, first }, Lang::ZhCn) => format!(
                "slug“{slug}”与 {first} 重复，两个文件会生成同一个网址。请在其中一个文件里写上不同的 slug。"
            ),
            (SiteContentMsg::DuplicateSlug { slug, first }, Lang::En) => format!(
                "The slug “{slug}” is also used by {first}; both would get the same address. Give one of them another slug."
            ),
            (SiteContentMsg::EmptyTitle, l) => l
                .pick("标题不能为空。", "The title must not be empty.")
                .into(),
            (SiteContentMsg::BadAffected, l) => l
                .pick(
                    "affected 应是楼栋列表，例如 [\"3栋\", \"5栋\"]。",
                    "affected must be a list of buildings, e.g. [\"3栋\", \"5栋\"].",
                )
                .into(),
            (SiteContentMsg::EndsBeforeStarts, l) => l
                .pick(
                    "结束时间（ends）早于开始时间（starts）。",
                    "The end (ends) is before the start (starts).",
                )
                .into(),
        }
    }
}
