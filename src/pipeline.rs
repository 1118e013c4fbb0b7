//! The build, stage by stage: config → content → data → metrics → charts →
//! render → output. Each stage is a plain function in its own module; this
//! one only strings them together and decides when errors stop the build.

use crate::charts;
use crate::config::{self, Config};
use crate::content::{self, Content};
use crate::data::{self, CompactLogs, Keep};
use crate::diagnostics::{Diagnostic, WuyeError};
use crate::metrics::{self, Metrics};
use crate::output;
use crate::render::{self, RenderInput};
use crate::theme::{self, Theme};
use chrono::NaiveDateTime;
use std::path::{Path, PathBuf};

/// What `wuye build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Default: `<root>/output`.
    pub out: Option<PathBuf>,
    /// Overrides the config's `as_of`.
    pub as_of: Option<NaiveDateTime>,
    /// Leave rows with errors out of every figure instead of refusing.
    pub skip_bad_rows: bool,
}

/// Everything loaded from an estate, before computing.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub theme: Theme,
    pub content: Content,
    /// The logs, compactly; private texts only as [`load_with`] was asked.
    pub logs: CompactLogs,
    pub as_of: NaiveDateTime,
    /// Errors and warnings from every file, in stage order.
    pub diagnostics: Vec<Diagnostic>,
}

/// What a finished build reports.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub out: PathBuf,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    /// Rows left out by `--skip-bad-rows`: (file, line).
    pub skipped_rows: Vec<(String, u64)>,
}

/// The current local time, to the minute, as the default `as_of`.
pub fn now() -> NaiveDateTime {
    let now = chrono::Local::now().naive_local();
    now.date()
        .and_hms_opt(
            chrono::Timelike::hour(&now),
            chrono::Timelike::minute(&now),
            0,
        )
        .unwrap_or(now)
}

/// Loads config, theme, content and data; collects every diagnostic.
/// Fails only when the config itself cannot be read. Keeps no private
/// text of the logs (enough for `wuye metrics` and `wuye check`).
pub fn load(root: &Path, as_of: Option<NaiveDateTime>) -> Result<Loaded, Vec<Diagnostic>> {
    load_with(root, as_of, |_| Keep::Nothing)
}

/// [`load`], keeping the private texts `keep` asks for as of the build's
/// `as_of`. The content and the logs are read at the same time.
pub fn load_with(
    root: &Path,
    as_of: Option<NaiveDateTime>,
    keep: impl FnOnce(NaiveDateTime) -> Keep + Send,
) -> Result<Loaded, Vec<Diagnostic>> {
    let config = config::load(root)?;
    let as_of = as_of.or(config.as_of).unwrap_or_else(now);
    let mut diagnostics = Vec::new();
    let (theme, mut theme_problems) = theme::load(root, &config.theme);
    diagnostics.append(&mut theme_problems);
    let ((content, mut content_problems), (logs, mut data_problems)) = rayon::join(
        || content::load(root, &config, as_of),
        || data::load_compact(root, &config, keep(as_of)),
    );
    diagnostics.append(&mut content_problems);
    diagnostics.append(&mut data_problems);
    Ok(Loaded {
        config,
        theme,
        content,
        logs,
        as_of,
        diagnostics,
    })
}

/// Diagnostics for `wuye check`: config, content, theme and data.
pub fn check(root: &Path) -> Vec<Diagnostic> {
    match load(root, None) {
        Ok(loaded) => loaded.diagnostics,
        Err(config_problems) => config_problems,
    }
}

/// Computes the metrics of loaded data (what `wuye metrics` prints).
pub fn compute_metrics(loaded: &Loaded) -> Metrics {
    metrics::compute(&loaded.logs, &loaded.config, loaded.as_of)
}

/// Runs the whole build. On any error nothing is written and the previous
/// output stays exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, WuyeError> {
    // The internal report lists open repair orders and complaints with
    // their details: only those texts are kept.
    let mut loaded = load_with(&options.root, options.as_of, Keep::ListableAt)
        .map_err(WuyeError::Diagnostics)?;
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("output"));

    // Row errors in the logs may be skipped on request (the loader has
    // already left those rows out); every other error stops the build.
    let is_bad_row = |d: &Diagnostic| {
        d.line.is_some_and(|line| {
            loaded
                .logs
                .bad_rows
                .get(&d.file)
                .is_some_and(|lines| lines.contains(&line))
        })
    };
    let errors: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    let blocking = errors.iter().any(|d| !is_bad_row(d));
    if blocking || (!options.skip_bad_rows && !errors.is_empty()) {
        return Err(WuyeError::Diagnostics(errors));
    }
    let skipped_rows: Vec<(String, u64)> = loaded
        .logs
        .bad_rows
        .iter()
        .flat_map(|(file, lines)| lines.iter().map(move |line| (file.clone(), *line)))
        .collect();

    let metrics = compute_metrics(&loaded);
    let charts = charts::draw(&metrics, &loaded.config);
    // The figures are made: only the rows the internal report can list
    // stay in memory while the pages are rendered.
    loaded.logs.keep_listable();
    let warnings: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .cloned()
        .collect();
    let input = RenderInput {
        config: &loaded.config,
        content: &loaded.content,
        logs: &loaded.logs,
        metrics: &metrics,
        charts: &charts,
        theme: &loaded.theme,
        as_of: loaded.as_of,
        warnings: &warnings,
    };
    let json =
        serde_json::to_string_pretty(&metrics).map_err(|e| WuyeError::Message(e.to_string()))?;
    // The files go to the next output as they are rendered (the output
    // folder itself changes only at the swap in `finish`).
    let mut staging = output::Staging::begin(&out)?;
    render::render_into(&input, &mut |part| staging.write(&part))
        .map_err(WuyeError::Diagnostics)?;
    let mut last = output::OutputTree::default();
    last.insert("internal/metrics.json", json + "\n");
    staging.write(&last);
    let files = staging.finish()?.files;
    Ok(BuildSummary {
        out,
        files,
        warnings,
        skipped_rows,
    })
}

// ─────────────────────────────────────────────────────────────────────────
// Stage helpers shared with `wuye serve` (src/serve/incremental.rs), which
// keeps each stage's result and redoes only the stages a change affects.
// Kept apart from the functions above so they merge without conflict; the
// functions above could later call these instead of repeating them.
// ─────────────────────────────────────────────────────────────────────────

/// The cut-off a build uses: the override, else the config's, else now
/// (the same rule as [`load`]).
pub fn resolve_as_of(config: &Config, as_of: Option<NaiveDateTime>) -> NaiveDateTime {
    as_of.or(config.as_of).unwrap_or_else(now)
}

/// Renders every output file from computed stages, `internal/metrics.json`
/// included, exactly as [`build`] does before writing.
pub fn render_output(input: &RenderInput) -> Result<output::OutputTree, Vec<Diagnostic>> {
    let mut tree = render::render_all(input)?;
    let json = serde_json::to_string_pretty(input.metrics).map_err(|e| {
        vec![Diagnostic::error(
            "internal/metrics.json",
            crate::diagnostics::Kind::Output,
            e.to_string(),
        )]
    })?;
    tree.insert("internal/metrics.json", json + "\n");
    Ok(tree)
}
