//! Times each stage of one `wuye build` of an estate, in process, and
//! prints a table (wall-clock milliseconds). Used to write
//! `docs/PERFORMANCE.md`; it does not replace the criterion benches.
//!
//! ```text
//! cargo run --release --example stage_times -- /tmp/wuye-perf/e100x [OUT]
//! ```
//!
//! OUT defaults to `<estate>/output`; the output is really written (twice:
//! the second run shows the cost of a build over an unchanged output).

use std::path::PathBuf;
use std::time::Instant;
use wuye::{charts, config, content, data, metrics, output, render, theme};

type Part = fn(
    &render::RenderInput,
    &render::Engine,
) -> Result<output::OutputTree, Vec<wuye::diagnostics::Diagnostic>>;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: stage_times ESTATE [OUT]");
        std::process::exit(2);
    };
    let out = args
        .next()
        .map_or_else(|| root.join("output"), PathBuf::from);
    let mut rows: Vec<(&str, f64)> = Vec::new();
    let mut lap = {
        let mut last = Instant::now();
        move |name: &'static str, rows: &mut Vec<(&str, f64)>| {
            let now = Instant::now();
            rows.push((name, (now - last).as_secs_f64() * 1000.0));
            last = now;
        }
    };
    let start = Instant::now();
    let config = config::load(&root).unwrap_or_else(|problems| {
        eprintln!("config: {problems:?}");
        std::process::exit(1);
    });
    let as_of = config.as_of.unwrap_or_else(wuye::pipeline::now);
    lap("config", &mut rows);
    let (theme, _) = theme::load(&root, &config.theme);
    lap("theme", &mut rows);
    let (content, _) = content::load(&root, &config, as_of);
    lap("content", &mut rows);
    let logs = data::load_compact(&root, &config, data::Keep::ListableAt(as_of)).0;
    lap("data", &mut rows);
    let metrics = metrics::compute(&logs, &config, as_of);
    lap("metrics", &mut rows);
    let charts = charts::draw(&metrics, &config);
    lap("charts", &mut rows);
    let input = render::RenderInput {
        config: &config,
        content: &content,
        logs: &logs,
        metrics: &metrics,
        charts: &charts,
        theme: &theme,
        as_of,
        warnings: &[],
    };
    let engine = render::Engine::new(&theme).expect("templates compile");
    lap("render: templates", &mut rows);
    for (name, part) in [
        ("render: site", render::site::render as Part),
        ("render: handbook", render::handbook::render),
        ("render: reports", render::reports::render),
        ("render: internal", render::internal::render),
    ] {
        let _ = part(&input, &engine);
        lap(name, &mut rows);
    }
    let tree = render::render_all(&input).unwrap_or_else(|problems| {
        eprintln!("render: {problems:?}");
        std::process::exit(1);
    });
    lap("render (all)", &mut rows);
    // With an output from an earlier build, the first write fills the back
    // folder; from then on only changed files are written.
    let mut files = 0;
    for name in ["write 1", "write 2", "write 3 (unchanged)"] {
        let stats = output::write_atomically_with_stats(&tree, &out).expect("write");
        files = stats.files;
        lap(name, &mut rows);
        eprintln!(
            "{name}: {} written, {} removed",
            stats.written, stats.removed
        );
    }
    for (name, ms) in &rows {
        println!("{name:<20} {ms:>9.1} ms");
    }
    println!(
        "{:<20} {:>9.1} ms  ({files} files)",
        "total",
        start.elapsed().as_secs_f64() * 1000.0
    );
}
