//! Messages of `wuye serve`: the terminal lines and the words of the
//! preview's own pages (error overlay, 404, 405).

use super::Lang;

pub enum ServeMsg<'a> {
    /// First line after start: where the preview is.
    Listening {
        base: &'a str,
    },
    SiteUrl,
    HandbookUrl,
    ReportsUrl,
    InternalUrl,
    PortTaken {
        wanted: u16,
        got: u16,
    },
    NoFreePort {
        from: u16,
        to: u16,
    },
    StartFailed {
        addr: &'a str,
        reason: &'a str,
    },
    BadBind {
        value: &'a str,
    },
    /// `--bind` to an address other people can reach.
    PublicBind {
        addr: &'a str,
    },
    FirstBuild {
        files: usize,
        millis: u128,
    },
    Rebuilt {
        stages: &'a str,
        changed: usize,
        removed: usize,
        millis: u128,
    },
    Unchanged {
        stages: &'a str,
        millis: u128,
    },
    StageConfig,
    StageContent,
    StageData,
    StageTheme,
    Failed {
        errors: usize,
    },
    FailedNothingToShow {
        errors: usize,
    },
    WriteFailed {
        reason: &'a str,
    },
    WatchFailed {
        reason: &'a str,
    },
    Watching,
    BrowserNotFound,
    Stopped,
    OverlayTitle,
    OverlayKeptOld,
    OverlayNothingYet,
    NotFound,
    MethodNotAllowed,
}

impl ServeMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ServeMsg::Listening { base }, Lang::ZhCn) => {
                format!("正在预览：{base}  （按 Ctrl-C 停止）")
            }
            (ServeMsg::Listening { base }, Lang::En) => {
                format!("Preview running at {base}  (press Ctrl-C to stop)")
            }
            (ServeMsg::SiteUrl, l) => l.pick("公告栏网站", "Notice board").into(),
            (ServeMsg::HandbookUrl, l) => l.pick("员工手册", "Staff handbook").into(),
            (ServeMsg::ReportsUrl, l) => l.pick("业委会报告", "Committee reports").into(),
            (ServeMsg::InternalUrl, l) => l
                .pick("内部报告（仅限物业内部）", "Internal report (staff only)")
                .into(),
            (ServeMsg::PortTaken { wanted, got }, Lang::ZhCn) => {
                format!("端口 {wanted} 已被占用，改用端口 {got}。")
            }
            (ServeMsg::PortTaken { wanted, got }, Lang::En) => {
                format!("Port {wanted} is in use; using port {got} instead.")
            }
            (ServeMsg::NoFreePort { from, to }, Lang::ZhCn) => format!(
                "端口 {from} 到 {to} 都已被占用。请关闭占用端口的程序，或用 --port 指定其他端口。"
            ),
            (ServeMsg::NoFreePort { from, to }, Lang::En) => format!(
                "Ports {from} to {to} are all in use. Close the program using them or choose another with --port."
            ),
            (ServeMsg::StartFailed { addr, reason }, Lang::ZhCn) => {
                format!("无法在 {addr} 上启动预览：{reason}")
            }
            (ServeMsg::StartFailed { addr, reason }, Lang::En) => {
                format!("Cannot start the preview on {addr}: {reason}")
            }
            (ServeMsg::BadBind { value }, Lang::ZhCn) => format!(
                "“{value}”不是有效的 IP 地址。请写 127.0.0.1（只有本机能打开）或本机的局域网地址。"
            ),
            (ServeMsg::BadBind { value }, Lang::En) => format!(
                "“{value}” is not an IP address. Use 127.0.0.1 (this computer only) or this computer's LAN address."
            ),
            (ServeMsg::PublicBind { addr }, Lang::ZhCn) => format!(
                "注意：预览正在 {addr} 上开放，同一网络中的其他人也能打开，包括含有住户房号、姓名和电话的内部报告（/internal/）。不需要时请去掉 --bind。"
            ),
            (ServeMsg::PublicBind { addr }, Lang::En) => format!(
                "Warning: the preview is open on {addr}; other people on the network can open it, including the internal report (/internal/) with residents' rooms, names and phones. Leave out --bind unless you need it."
            ),
            (ServeMsg::FirstBuild { files, millis }, Lang::ZhCn) => {
                format!("构建完成：{files} 个文件，用时 {millis} 毫秒。")
            }
            (ServeMsg::FirstBuild { files, millis }, Lang::En) => {
                format!("Built {files} files in {millis} ms.")
            }
            (
                ServeMsg::Rebuilt {
                    stages,
                    changed,
                    removed,
                    millis,
                },
                Lang::ZhCn,
            ) => format!(
                "已重新构建（{stages}）：{changed} 个文件有变化，{removed} 个文件删除，用时 {millis} 毫秒。打开的页面会自动刷新。"
            ),
            (
                ServeMsg::Rebuilt {
                    stages,
                    changed,
                    removed,
                    millis,
                },
                Lang::En,
            ) => format!(
                "Rebuilt ({stages}): {changed} file(s) changed, {removed} removed, in {millis} ms. Open pages reload by themselves."
            ),
            (ServeMsg::Unchanged { stages, millis }, Lang::ZhCn) => {
                format!("已重新构建（{stages}），输出没有变化，用时 {millis} 毫秒。")
            }
            (ServeMsg::Unchanged { stages, millis }, Lang::En) => {
                format!("Rebuilt ({stages}) in {millis} ms; the output did not change.")
            }
            (ServeMsg::StageConfig, l) => l.pick("配置", "config").into(),
            (ServeMsg::StageContent, l) => l.pick("内容", "content").into(),
            (ServeMsg::StageData, l) => l.pick("数据", "data").into(),
            (ServeMsg::StageTheme, l) => l.pick("主题", "theme").into(),
            (ServeMsg::Failed { errors }, Lang::ZhCn) => format!(
                "构建出错：{errors} 个错误（见上）。预览继续显示上一次成功构建的页面；改好文件并保存后会自动重新构建。"
            ),
            (ServeMsg::Failed { errors }, Lang::En) => format!(
                "Build failed: {errors} error(s) (above). The preview keeps showing the last good pages; fix the files and save to rebuild."
            ),
            (ServeMsg::FailedNothingToShow { errors }, Lang::ZhCn) => format!(
                "构建出错：{errors} 个错误（见上）。还没有成功构建过，浏览器中会显示错误说明；改好文件并保存后会自动重新构建。"
            ),
            (ServeMsg::FailedNothingToShow { errors }, Lang::En) => format!(
                "Build failed: {errors} error(s) (above). Nothing has built yet, so the browser shows the errors; fix the files and save to rebuild."
            ),
            (ServeMsg::WriteFailed { reason }, Lang::ZhCn) => {
                format!("未能更新 output 文件夹（预览不受影响）：{reason}")
            }
            (ServeMsg::WriteFailed { reason }, Lang::En) => {
                format!("Could not update the output folder (the preview is not affected): {reason}")
            }
            (ServeMsg::WatchFailed { reason }, Lang::ZhCn) => format!(
                "无法监视文件变化：{reason}。预览可以打开，但修改文件后需要重新运行 wuye serve。"
            ),
            (ServeMsg::WatchFailed { reason }, Lang::En) => format!(
                "Cannot watch for changes: {reason}. The preview works, but after editing files run wuye serve again."
            ),
            (ServeMsg::Watching, l) => l
                .pick(
                    "正在监视 wuye.toml、content/、data/ 和 themes/ 的变化。",
                    "Watching wuye.toml, content/, data/ and themes/ for changes.",
                )
                .into(),
            (ServeMsg::BrowserNotFound, l) => l
                .pick(
                    "没有找到可以自动打开的浏览器，请手动打开上面的地址。",
                    "No browser found to open; open the address above yourself.",
                )
                .into(),
            (ServeMsg::Stopped, l) => l.pick("预览已停止。", "Preview stopped.").into(),
            (ServeMsg::OverlayTitle, l) => l.pick("构建出错", "Build error").into(),
            (ServeMsg::OverlayKeptOld, l) => l
                .pick(
                    "下面的文件有问题。现在显示的是上一次成功构建的页面；改好并保存后，页面会自动刷新。",
                    "The files below have problems. This is the last page that built; fix and save them and the page reloads by itself.",
                )
                .into(),
            (ServeMsg::OverlayNothingYet, l) => l
                .pick(
                    "下面的文件有问题，还没有可以显示的页面。改好并保存后，页面会自动刷新。",
                    "The files below have problems and nothing has built yet. Fix and save them and the page reloads by itself.",
                )
                .into(),
            (ServeMsg::NotFound, l) => l
                .pick("找不到这个页面。", "There is no such page.")
                .into(),
            (ServeMsg::MethodNotAllowed, l) => l
                .pick(
                    "预览只接受 GET 和 HEAD 请求。",
                    "The preview accepts only GET and HEAD requests.",
                )
                .into(),
        }
    }
}
