//! Writes an HTML page with every chart of a hand-made 15-month fixture,
//! each followed by its table, to look at in a browser:
//!
//! ```text
//! cargo run --example chart_gallery -- /tmp/wuye-gallery [en] [zoom]
//! chromium --headless --window-size=360,2400 --screenshot=/tmp/charts.png file:///tmp/wuye-gallery/index.html
//! ```

#[path = "../tests/charts_fixture/mod.rs"]
mod fixture;

use std::fmt::Write as _;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = std::path::PathBuf::from(
        args.first()
            .cloned()
            .unwrap_or_else(|| "/tmp/wuye-gallery".into()),
    );
    let zoom = args.iter().any(|a| a == "zoom");
    let mut config = fixture::config(zoom);
    if args.iter().any(|a| a == "en") {
        config.language = wuye::messages::Lang::En;
    }
    let charts = wuye::charts::draw(&fixture::metrics(), &config);
    let labels = wuye::messages::ui::labels(config.language);
    let mut head = String::new();
    let _ = write!(
        head,
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>wuye charts</title><style>\
         body{{margin:0 auto;padding:16px;max-width:60em;font-family:'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC',sans-serif;color:#1A1A1A}}\
         figure{{margin:0 0 28px}} table{{border-collapse:collapse;font-size:13px;margin-top:6px}}\
         td,th{{border:1px solid #ccc;padding:2px 6px;text-align:right}} th:first-child,td:first-child{{text-align:left}}\
         .scroll{{overflow-x:auto}}</style></head><body>",
        config.language.code()
    );
    let mut html = head.clone();
    let ids: Vec<String> = wuye::charts::IDS
        .iter()
        .map(|id| id.to_string())
        .chain(wuye::charts::IDS.iter().map(|id| format!("2026Q1/{id}")))
        .collect();
    // One page with everything, and one page per chart (for screenshots
    // of a single chart).
    let mut pages: Vec<(String, String)> = Vec::new();
    for id in ids {
        let Some(chart) = charts.charts.get(&id) else {
            continue;
        };
        let start = html.len();
        let _ = write!(html, "<figure id=\"{}\">{}", escape(&id), chart.svg);
        let _ = write!(
            html,
            "<details><summary>{}</summary><div class=\"scroll\"><table>",
            labels.get("chart_show_table").copied().unwrap_or("table")
        );
        for (i, row) in chart.table.iter().enumerate() {
            html.push_str("<tr>");
            for cell in row {
                let tag = if i == 0 { "th" } else { "td" };
                let _ = write!(html, "<{tag}>{}</{tag}>", escape(cell));
            }
            html.push_str("</tr>");
        }
        html.push_str("</table></div></details></figure>\n");
        let figure = html[start..].replace("<details>", "<details open>");
        pages.push((
            id.replace('/', "-"),
            format!("{head}{figure}</body></html>\n"),
        ));
    }
    html.push_str("</body></html>\n");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("index.html"), html)?;
    for (name, page) in pages {
        std::fs::write(out.join(format!("{name}.html")), page)?;
    }
    for chart in charts.charts.values() {
        let name = chart.id.replace('/', "-") + ".svg";
        std::fs::write(out.join(name), &chart.svg)?;
    }
    println!("{}", out.join("index.html").display());
    Ok(())
}
