//! Criterion benchmarks of the build's stages, in process.
//!
//! ```text
//! cargo bench --bench stages                         # the sample estate
//! WUYE_BENCH_ESTATE=/tmp/wuye-bench/e10x cargo bench --bench stages
//! WUYE_BENCH_HANDBOOK=/tmp/wuye-bench/hb200 cargo bench --bench stages -- handbook
//! ```
//!
//! `scripts/bench.sh` generates those estates (examples/gen_large_estate.rs)
//! and times whole `wuye build` / `wuye metrics` runs. No timing is
//! asserted anywhere: these only measure.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;
use wuye::data::{self, Keep};
use wuye::{charts, config, content, markdown, metrics, output, render, theme};

fn estate(variable: &str) -> Option<PathBuf> {
    match std::env::var_os(variable) {
        Some(path) => Some(PathBuf::from(path)),
        None if variable == "WUYE_BENCH_ESTATE" => Some(PathBuf::from(env!("CARGO_MANIFEST_DIR"))),
        None => None,
    }
}

fn stages(c: &mut Criterion) {
    let Some(root) = estate("WUYE_BENCH_ESTATE") else {
        return;
    };
    let Ok(config) = config::load(&root) else {
        eprintln!("no estate at {}: stages skipped", root.display());
        return;
    };
    let as_of = config.as_of.unwrap_or_else(wuye::pipeline::now);
    let (theme, _) = theme::load(&root, &config.theme);

    let mut group = c.benchmark_group("stages");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));

    group.bench_function("content_load", |b| {
        b.iter(|| content::load(black_box(&root), &config, as_of))
    });
    let (content, _) = content::load(&root, &config, as_of);

    group.bench_function("csv_load", |b| {
        b.iter(|| data::load_compact(black_box(&root), &config, Keep::Nothing))
    });
    let (logs, _) = data::load_compact(&root, &config, Keep::ListableAt(as_of));

    group.bench_function("metrics_compute", |b| {
        b.iter(|| metrics::compute(black_box(&logs), &config, as_of))
    });
    let figures = metrics::compute(&logs, &config, as_of);

    group.bench_function("charts_draw", |b| {
        b.iter(|| charts::draw(black_box(&figures), &config))
    });
    let drawn = charts::draw(&figures, &config);

    let input = render::RenderInput {
        config: &config,
        content: &content,
        logs: &logs,
        metrics: &figures,
        charts: &drawn,
        theme: &theme,
        as_of,
        warnings: &[],
    };
    group.bench_function("render_all", |b| {
        b.iter(|| render::render_all(black_box(&input)))
    });

    if let Some(notice) = content.notices.first() {
        group.bench_function("markdown_notice", |b| {
            b.iter(|| markdown::render(black_box(&notice.body), Default::default()))
        });
    }
    group.bench_function("qr_svg", |b| {
        b.iter(|| {
            render::qr::svg(
                black_box("https://cuihu.example.org/notices/2026-11-18-water-tank/"),
                "扫码阅读",
            )
        })
    });

    // Writing over an output that already holds these bytes: what every
    // build after the second one does when little has changed.
    let tree = render::render_all(&input).expect("renders");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("output");
    output::write_atomically(&tree, &out).expect("writes");
    output::write_atomically(&tree, &out).expect("writes");
    group.bench_function("write_unchanged", |b| {
        b.iter(|| output::write_atomically(black_box(&tree), &out).expect("writes"))
    });
    group.finish();
}

/// The staff handbook alone (web and print), on an estate with many
/// chapters (`WUYE_BENCH_HANDBOOK`, e.g. 200 chapters).
fn handbook(c: &mut Criterion) {
    let Some(root) = estate("WUYE_BENCH_HANDBOOK") else {
        return;
    };
    let Ok(config) = config::load(&root) else {
        eprintln!("no estate at {}: handbook skipped", root.display());
        return;
    };
    let as_of = config.as_of.unwrap_or_else(wuye::pipeline::now);
    let (theme, _) = theme::load(&root, &config.theme);
    let mut group = c.benchmark_group("handbook");
    group.sample_size(20);
    group.bench_function("load_and_render", |b| {
        b.iter(|| {
            let (content, _) = content::load(&root, &config, as_of);
            let logs = data::Logs::default();
            let figures = metrics::Metrics::default();
            let drawn = charts::Charts::default();
            let input = render::RenderInput {
                config: &config,
                content: &content,
                logs: &logs,
                metrics: &figures,
                charts: &drawn,
                theme: &theme,
                as_of,
                warnings: &[],
            };
            let engine = render::Engine::new(&theme).expect("templates compile");
            render::handbook::render(&input, &engine).expect("renders")
        })
    });
    group.finish();
}

criterion_group!(benches, stages, handbook);
criterion_main!(benches);
