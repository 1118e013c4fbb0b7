//! Times what `wuye serve` does after one notice is saved, stage by stage,
//! on an estate given on the command line (docs/PERFORMANCE.md, "serve").
//!
//! Usage: cargo run --release --example serve_timing -- <estate> <notice.md> [rounds] [full|rebuild-only]
//! Each round rewrites the notice's title line and rebuilds, handing the
//! rebuild the changed path as serve's watcher does (content reloaded file
//! by file); with `full`, without the path, so that all of `content/` is
//! read again (what serve did before the per-file reload, and still does
//! after a watcher rescan). Prints the rebuild's wall time, the process CPU
//! time it used, the time of its content stage, and the parts measured
//! apart: a full `content::load`, cloning the whole tree (not with
//! `rebuild-only`, which is for profiling the rebuild alone).

use std::path::Path;
use std::time::Instant;
use wuye::serve::incremental::{Cache, Changes, Outcome, classify};

/// User + system CPU time of this process, in ms (Linux, 100 clock ticks a second).
fn cpu_ms() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(") ").map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<u64> = after.split(' ').map(|f| f.parse().unwrap_or(0)).collect();
    // utime and stime are fields 14 and 15, the 12th and 13th after comm.
    (fields.get(11).unwrap_or(&0) + fields.get(12).unwrap_or(&0)) * 10
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(root), Some(notice)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: serve_timing <estate> <notice.md> [rounds] [full]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let full = args.get(4).is_some_and(|mode| mode == "full");
    // `rebuild-only`: no parts measured apart (for a profiler).
    let only_rebuild = args.get(4).is_some_and(|mode| mode == "rebuild-only");
    let root = Path::new(root);
    let notice = Path::new(notice);
    let mut cache = Cache::new(root, None);
    let started = Instant::now();
    let Outcome::Built(first) = cache.rebuild(Changes::all()) else {
        panic!("first build failed");
    };
    println!(
        "first build: {} files, {} ms (content {} ms); mode: {}",
        first.changed.len(),
        started.elapsed().as_millis(),
        cache.content_time().unwrap_or_default().as_millis(),
        if full {
            "full content reload"
        } else {
            "per-file content reload"
        }
    );
    let text = std::fs::read_to_string(notice).unwrap();
    for round in 1..=rounds {
        let edited: String = text
            .lines()
            .map(|line| {
                if line.starts_with("title = ") {
                    format!("title = \"第 {round} 次修改的通知\"")
                } else {
                    line.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        std::fs::write(notice, edited).unwrap();
        let mut changes = classify(root, [notice]);
        if full {
            changes.content_paths = None;
        }
        let (cpu, wall) = (cpu_ms(), Instant::now());
        let Outcome::Built(rebuilt) = cache.rebuild(changes) else {
            panic!("rebuild failed");
        };
        let (rebuild_wall, rebuild_cpu) = (wall.elapsed().as_millis(), cpu_ms() - cpu);
        let content = cache.content_time().unwrap_or_default();

        if only_rebuild {
            println!(
                "round {round}: rebuild {rebuild_wall} ms wall, {rebuild_cpu} ms CPU; {} changed, {} removed",
                rebuilt.changed.len(),
                rebuilt.removed.len(),
            );
            continue;
        }
        let config = cache.config().unwrap().clone();
        let as_of = config.as_of.unwrap_or_else(wuye::pipeline::now);
        let wall = Instant::now();
        let _ = wuye::content::load(root, &config, as_of);
        let load = wall.elapsed().as_millis();
        let tree = cache.last_good().unwrap();
        let wall = Instant::now();
        let copy = (*tree).clone();
        let clone = wall.elapsed().as_millis();
        drop(copy);
        println!(
            "round {round}: rebuild {rebuild_wall} ms wall, {rebuild_cpu} ms CPU, of which content \
             {:.1} ms; {} changed, {} removed, {} site files rendered; apart: full content::load \
             {load} ms, clone of the whole tree {clone} ms",
            content.as_secs_f64() * 1000.0,
            rebuilt.changed.len(),
            rebuilt.removed.len(),
            cache.site_rendered().len(),
        );
    }
    std::fs::write(notice, text).unwrap();
}
