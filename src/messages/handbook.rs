//! Messages about the staff handbook and about printing PDFs.

use super::Lang;

pub enum HandbookMsg<'a> {
    /// Detail for a `title` that is only spaces.
    EmptyTitle,
    BadFileName {
        name: &'a str,
    },
    ReservedFileName {
        name: &'a str,
    },
    /// Two chapter files whose names differ only in upper and lower case.
    SameNameButCase {
        name: &'a str,
        first: &'a str,
    },
    /// A link to `X.md` where no published chapter has that file name.
    MissingChapter {
        target: &'a str,
        chapters: &'a str,
    },
    /// A link to `X.md#frag` (or `#frag`) where the chapter has no such anchor.
    MissingAnchor {
        target: &'a str,
        chapter: &'a str,
        anchors: &'a str,
    },
}

impl HandbookMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (HandbookMsg::EmptyTitle, l) => l
                .pick("章节标题不能为空。", "the chapter title must not be empty.")
                .into(),
            (HandbookMsg::BadFileName { name }, Lang::ZhCn) => format!(
                "文件名“{name}”含有空格或符号，不能用作网页名称。请改名，只用汉字、字母、数字、- 和 _，例如 03-complaints.md。"
            ),
            (HandbookMsg::BadFileName { name }, Lang::En) => format!(
                "The file name “{name}” has spaces or symbols and cannot name a web page. Rename it using only letters, digits, - and _, e.g. 03-complaints.md."
            ),
            (HandbookMsg::SameNameButCase { name, first }, Lang::ZhCn) => format!(
                "文件名“{name}”与 {first} 只有大小写不同，在 Windows、macOS 和很多网站服务器上是同一个网页，会互相覆盖。请改名。"
            ),
            (HandbookMsg::SameNameButCase { name, first }, Lang::En) => format!(
                "The file name “{name}” differs from {first} only in upper and lower case: on Windows, macOS and many web servers they are the same page and would overwrite each other. Rename one."
            ),
            (HandbookMsg::ReservedFileName { name }, Lang::ZhCn) => format!(
                "文件名“{name}”与手册自动生成的页面（index.html 目录页、print.html 打印版）重名。请换一个文件名。"
            ),
            (HandbookMsg::ReservedFileName { name }, Lang::En) => format!(
                "The file name “{name}” clashes with a page the handbook makes itself (index.html, print.html). Choose another name."
            ),
            (HandbookMsg::MissingChapter { target, chapters }, Lang::ZhCn) => format!(
                "链接“{target}”指向的章节文件不存在，或是草稿。请改成手册中已有的章节文件：{chapters}。"
            ),
            (HandbookMsg::MissingChapter { target, chapters }, Lang::En) => format!(
                "The link “{target}” points to a chapter file that does not exist or is a draft. Link to one of: {chapters}."
            ),
            (
                HandbookMsg::MissingAnchor {
                    target,
                    chapter,
                    anchors,
                },
                Lang::ZhCn,
            ) => format!(
                "链接“{target}”中 # 后面的小节在 {chapter} 中找不到。# 后面应写小节标题的文字，可用的有：{anchors}。"
            ),
            (
                HandbookMsg::MissingAnchor {
                    target,
                    chapter,
                    anchors,
                },
                Lang::En,
            ) => format!(
                "The section after # in the link “{target}” is not in {chapter}. Write a heading's text after #; the ones there are: {anchors}."
            ),
        }
    }
}

pub enum PdfMsg<'a> {
    NoChromium,
    ConfiguredChromiumMissing { path: &'a str },
    ChromiumFailed { detail: &'a str },
    ChromiumTimeout { seconds: u64 },
    NoPdfWritten,
    NoHandbook,
    NoReport { period: &'a str, available: &'a str },
    BadPeriod { period: &'a str },
    MissingPeriod,
    UnknownTarget { what: &'a str },
    Printing { html: &'a str },
    Done { pdf: &'a str, kib: u64 },
}

impl PdfMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (PdfMsg::NoChromium, Lang::ZhCn) => "找不到 Chromium 浏览器，wuye 要用它把网页打印成 PDF。\
                 请安装浏览器和中文字体：sudo apt-get install chromium fonts-noto-cjk\n\
                 已安装在别处的话，请在 wuye.toml 中写明路径：[pdf] chromium = \"/path/to/chromium\""
                .into(),
            (PdfMsg::NoChromium, Lang::En) => "Chromium was not found; wuye prints PDFs with it. \
                 Install it with Chinese fonts: sudo apt-get install chromium fonts-noto-cjk\n\
                 If it is installed elsewhere, name it in wuye.toml: [pdf] chromium = \"/path/to/chromium\""
                .into(),
            (PdfMsg::ConfiguredChromiumMissing { path }, Lang::ZhCn) => format!(
                "wuye.toml 中 [pdf] chromium 写的浏览器“{path}”不存在。请改正路径，或删除这一行让 wuye 自动查找（需先安装：sudo apt-get install chromium fonts-noto-cjk）。"
            ),
            (PdfMsg::ConfiguredChromiumMissing { path }, Lang::En) => format!(
                "The browser “{path}” named by [pdf] chromium in wuye.toml does not exist. Fix the path, or remove the line to let wuye look for one (install: sudo apt-get install chromium fonts-noto-cjk)."
            ),
            (PdfMsg::ChromiumFailed { detail }, Lang::ZhCn) => {
                format!("Chromium 打印 PDF 失败：{detail}")
            }
            (PdfMsg::ChromiumFailed { detail }, Lang::En) => {
                format!("Chromium could not print the PDF: {detail}")
            }
            (PdfMsg::ChromiumTimeout { seconds }, Lang::ZhCn) => {
                format!("Chromium 在 {seconds} 秒内没有完成打印，已停止。请重试。")
            }
            (PdfMsg::ChromiumTimeout { seconds }, Lang::En) => {
                format!("Chromium did not finish printing within {seconds} seconds and was stopped. Try again.")
            }
            (PdfMsg::NoPdfWritten, l) => l
                .pick(
                    "Chromium 已退出，但没有写出有效的 PDF 文件。",
                    "Chromium exited without writing a valid PDF file.",
                )
                .into(),
            (PdfMsg::NoHandbook, l) => l
                .pick(
                    "手册还没有任何章节：请在 content/handbook/ 中添加章节文件（每章一个 .md 文件）后再打印。",
                    "The handbook has no chapters yet: add one .md file per chapter in content/handbook/, then print.",
                )
                .into(),
            (PdfMsg::NoReport { period, available }, Lang::ZhCn) => {
                if available.is_empty() {
                    format!("没有 {period} 的报告：本次构建没有生成任何季度报告。")
                } else {
                    format!("没有 {period} 的报告。已生成的报告期有：{available}。")
                }
            }
            (PdfMsg::NoReport { period, available }, Lang::En) => {
                if available.is_empty() {
                    format!("There is no report for {period}: the build made no quarterly reports.")
                } else {
                    format!("There is no report for {period}. Reports built: {available}.")
                }
            }
            (PdfMsg::BadPeriod { period }, Lang::ZhCn) => {
                format!("“{period}”不是报告期。请写成 年份Q季度，例如 2026Q1。")
            }
            (PdfMsg::BadPeriod { period }, Lang::En) => {
                format!("“{period}” is not a report period. Write it as year, Q and quarter, e.g. 2026Q1.")
            }
            (PdfMsg::MissingPeriod, l) => l
                .pick(
                    "请指明报告期，例如：wuye pdf report 2026Q1",
                    "Name the report period, e.g.: wuye pdf report 2026Q1",
                )
                .into(),
            (PdfMsg::UnknownTarget { what }, Lang::ZhCn) => format!(
                "不知道怎样打印“{what}”。可以打印：wuye pdf handbook（员工手册）或 wuye pdf report 2026Q1（季度报告）。"
            ),
            (PdfMsg::UnknownTarget { what }, Lang::En) => format!(
                "Cannot print “{what}”. Use wuye pdf handbook or wuye pdf report 2026Q1."
            ),
            (PdfMsg::Printing { html }, Lang::ZhCn) => format!("正在用 Chromium 打印 {html} …"),
            (PdfMsg::Printing { html }, Lang::En) => format!("Printing {html} with Chromium…"),
            (PdfMsg::Done { pdf, kib }, Lang::ZhCn) => format!("已生成 PDF：{pdf}（{kib} KB）"),
            (PdfMsg::Done { pdf, kib }, Lang::En) => format!("PDF written: {pdf} ({kib} KB)"),
        }
    }
}
