//! Incremental rebuilds for `wuye serve`.
//!
//! [`Cache`] keeps the result of every stage of the last build: the config,
//! the theme, the content, the logs (each with its own diagnostics), the
//! metrics and charts computed from them, and the last output tree that
//! built without errors. A change set is sorted into the stages it touches
//! ([`classify`]) and only those are redone:
//!
//! | changed path   | reloaded      | recomputed        |
//! |----------------|---------------|-------------------|
//! | `content/**`   | those files¹  | —                 |
//! | `data/**`      | data          | metrics, charts   |
//! | `themes/**`    | theme         | —                 |
//! | `wuye.toml`    | everything    | metrics, charts   |
//!
//! ¹ Only the content files named by the change are read again, and the
//! checks across files redone ([`ContentCache::reload`]); a change without
//! paths (a watcher rescan) reads all of `content/`.
//!
//! Rendering is incremental too: each output family (site, handbook,
//! reports, internal) is rendered again only when an input it reads
//! changed value, and the site through its [`SiteMemo`], which re-renders
//! only the pages whose own inputs changed (an edited notice: its two
//! pages and the list pages that show it). The result is byte for byte
//! what `render::render_all` gives (tests/serve_incremental.rs). The files
//! rendered since the last good tree are compared with it, so the caller
//! learns exactly which files changed. A build with errors leaves the last
//! good tree untouched.

use crate::charts::{self, Charts};
use crate::config::{self, CONFIG_FILE, Config};
use crate::content::reload::{ContentCache, Reloaded};
use crate::data::{self, Logs};
use crate::diagnostics::Diagnostic;
use crate::metrics::{self, Metrics};
use crate::output::OutputTree;
use crate::pipeline;
use crate::render::site::SiteMemo;
use crate::render::{self, Engine, RenderInput};
use crate::theme::{self, Theme};
use chrono::NaiveDateTime;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Which inputs of the build changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub config: bool,
    pub content: bool,
    pub data: bool,
    pub theme: bool,
    /// The paths under `content/` that changed (relative to the estate),
    /// when known: only those files are read again. `None` with `content`
    /// set (a rescan, or a caller that does not know) reloads all content.
    pub content_paths: Option<Vec<PathBuf>>,
}

impl Changes {
    /// Everything (the first build, or a changed `wuye.toml`).
    pub fn all() -> Changes {
        Changes {
            config: true,
            content: true,
            data: true,
            theme: true,
            content_paths: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        !(self.config || self.content || self.data || self.theme)
    }

    pub fn merge(&mut self, other: Changes) {
        self.content_paths = match (self.content, other.content) {
            (true, true) => match (self.content_paths.take(), other.content_paths) {
                (Some(mut mine), Some(theirs)) => {
                    mine.extend(theirs);
                    Some(mine)
                }
                // Either side does not know which files: reload them all.
                _ => None,
            },
            (true, false) => self.content_paths.take(),
            (false, _) => other.content_paths,
        };
        self.config |= other.config;
        self.content |= other.content;
        self.data |= other.data;
        self.theme |= other.theme;
    }

    /// The stages alone, without the paths.
    pub fn stages(&self) -> Changes {
        Changes {
            content_paths: None,
            ..self.clone()
        }
    }
}

/// Sorts changed paths (absolute, or relative to `root`) into the stages
/// they affect, keeping the paths under `content/` so that only those files
/// are read again. Paths outside the four watched inputs, and editors'
/// scratch files (`.x.swp`, `x~`, vim's `4913`), change nothing.
pub fn classify<'a>(root: &Path, paths: impl IntoIterator<Item = &'a Path>) -> Changes {
    let mut changes = Changes::default();
    let mut content_paths = Vec::new();
    for path in paths {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let parts: Vec<&str> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(name) => name.to_str(),
                _ => None,
            })
            .collect();
        let Some((first, _)) = parts.split_first() else {
            continue;
        };
        let last = parts.last().copied().unwrap_or_default();
        // Loading reads every `*.md` file, hidden ones too: those are never
        // scratch files, else the per-file reload would miss them.
        let markdown = *first == "content" && last.ends_with(".md") && !last.starts_with(".#");
        if parts.len() > 1 && is_scratch(last) && !markdown {
            continue;
        }
        match *first {
            CONFIG_FILE if parts.len() == 1 => changes.config = true,
            "content" => {
                changes.content = true;
                content_paths.push(PathBuf::from_iter(&parts));
            }
            "data" => changes.data = true,
            "themes" => changes.theme = true,
            _ => {}
        }
    }
    if changes.content {
        changes.content_paths = Some(content_paths);
    }
    changes
}

/// Files that editors and file managers write beside the real one.
fn is_scratch(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// How many times each stage has run; tests use it to prove that a
/// change redid only what it affects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StageRuns {
    pub config: u32,
    pub theme: u32,
    pub content: u32,
    pub data: u32,
    pub metrics: u32,
    pub charts: u32,
    /// Rebuilds that got as far as rendering.
    pub render: u32,
    /// Renders of each output family ([`render::site`] itself reuses
    /// every file whose inputs did not change).
    pub site: u32,
    pub handbook: u32,
    pub reports: u32,
    pub internal: u32,
}

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// The stages that were redone.
    pub stages: Changes,
    /// Files added or whose bytes changed, compared with the last good tree.
    pub changed: Vec<String>,
    /// Files the last good tree had and this one has not.
    pub removed: Vec<String>,
    /// Warnings of the whole build (not only of the redone stages).
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

impl Rebuilt {
    /// True when the served files are not byte-for-byte what they were.
    pub fn changed_anything(&self) -> bool {
        !self.changed.is_empty() || !self.removed.is_empty()
    }
}

/// The result of a rebuild: new files, or every error that stopped it.
#[derive(Debug, Clone)]
pub enum Outcome {
    Built(Rebuilt),
    Failed {
        errors: Vec<Diagnostic>,
        warnings: Vec<Diagnostic>,
        elapsed: Duration,
    },
}

/// Everything loaded once the config itself could be read.
struct Stages {
    config: Config,
    as_of: NaiveDateTime,
    theme: Theme,
    theme_problems: Vec<Diagnostic>,
    /// The content, with what each file gave for per-file reloading.
    content: ContentCache,
    logs: Logs,
    data_problems: Vec<Diagnostic>,
    /// Metrics and charts of the current logs; `None` until computed
    /// (they are computed only from logs without errors).
    computed: Option<(Metrics, Charts)>,
    /// Bumped whenever an input changes value; a rendered family is reused
    /// while the generations it was rendered from are current.
    generations: Generations,
}

/// Versions of the inputs the output families render from. The config
/// and `as_of` have none: a changed `wuye.toml` starts from nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Generations {
    theme: u64,
    /// Notices and free-standing pages (the site).
    notices: u64,
    handbook: u64,
    /// Managers' report notes.
    reports: u64,
    /// Logs, hence metrics and charts.
    data: u64,
}

/// What the last renders left: the compiled theme, the site's memo and
/// each other family's files with the input generations they came from.
#[derive(Default)]
struct Rendered {
    engine: Option<(u64, Engine)>,
    site: SiteMemo,
    /// (theme, notices, data) of the files in `site`, when it rendered
    /// without errors.
    site_from: Option<(u64, u64, u64)>,
    handbook: Option<((u64, u64), OutputTree)>,
    reports: Option<((u64, u64, u64), OutputTree)>,
    /// Also keyed by the warnings it lists.
    internal: Option<((u64, u64), Vec<Diagnostic>, OutputTree)>,
    metrics_json: Option<(u64, String)>,
    /// Paths rendered afresh since the last tree that built without
    /// errors: only these can differ from it.
    unpublished: BTreeSet<String>,
}

impl Stages {
    /// Diagnostics of every stage, in the order `pipeline::load` gives them.
    fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.theme_problems
            .iter()
            .chain(self.content.diagnostics())
            .chain(&self.data_problems)
    }
}

/// The results of the last build, stage by stage.
pub struct Cache {
    root: PathBuf,
    as_of_override: Option<NaiveDateTime>,
    stages: Option<Stages>,
    last_good: Option<Arc<OutputTree>>,
    runs: StageRuns,
    rendered: Rendered,
    /// How long the content stage took in the last rebuild that ran it.
    content_time: Option<Duration>,
}

impl Cache {
    /// An empty cache for the estate at `root`; the first [`Cache::rebuild`]
    /// loads everything whatever it is told.
    pub fn new(root: impl Into<PathBuf>, as_of: Option<NaiveDateTime>) -> Cache {
        Cache {
            root: root.into(),
            as_of_override: as_of,
            stages: None,
            last_good: None,
            runs: StageRuns::default(),
            rendered: Rendered::default(),
            content_time: None,
        }
    }

    /// How long reading `content/` took in the last rebuild that read it
    /// (for the timings in docs/PERFORMANCE.md).
    pub fn content_time(&self) -> Option<Duration> {
        self.content_time
    }

    /// Paths (`site/...`) the site render of the last rebuild produced
    /// afresh rather than reused; tests use it to prove that an edited
    /// notice re-renders its own pages and the lists, not other notices.
    pub fn site_rendered(&self) -> &[String] {
        self.rendered.site.rendered()
    }

    /// The last tree that built without errors.
    pub fn last_good(&self) -> Option<Arc<OutputTree>> {
        self.last_good.clone()
    }

    pub fn runs(&self) -> StageRuns {
        self.runs
    }

    /// The config of the last build whose `wuye.toml` could be read.
    pub fn config(&self) -> Option<&Config> {
        self.stages.as_ref().map(|s| &s.config)
    }

    /// Redoes the stages that `changes` affects, then renders.
    pub fn rebuild(&mut self, changes: Changes) -> Outcome {
        let started = Instant::now();
        let mut redone = changes.stages();
        if changes.config || self.stages.is_none() {
            redone = Changes::all();
            // A new config can change any page: start rendering afresh.
            let unpublished = std::mem::take(&mut self.rendered.unpublished);
            self.rendered = Rendered {
                unpublished,
                ..Rendered::default()
            };
            match self.load_all() {
                Ok(stages) => self.stages = Some(stages),
                Err(errors) => {
                    // Without a readable config nothing else can be judged;
                    // the next change of any kind tries everything again.
                    self.stages = None;
                    return Outcome::Failed {
                        errors,
                        warnings: Vec::new(),
                        elapsed: started.elapsed(),
                    };
                }
            }
        } else if let Some(stages) = self.stages.as_mut() {
            let generations = &mut stages.generations;
            if changes.theme {
                self.runs.theme += 1;
                let (theme, problems) = theme::load(&self.root, &stages.config.theme);
                if theme != stages.theme {
                    generations.theme += 1;
                }
                stages.theme = theme;
                stages.theme_problems = problems;
            }
            if changes.content {
                self.runs.content += 1;
                let content_started = Instant::now();
                let (root, config, as_of) = (&self.root, &stages.config, stages.as_of);
                let reloaded = match &changes.content_paths {
                    Some(paths) => stages.content.reload(root, config, as_of, paths),
                    None => {
                        // Nothing says which files changed: read them all.
                        let fresh = ContentCache::load(root, config, as_of);
                        let (old, new) = (stages.content.content(), fresh.content());
                        let reloaded = Reloaded {
                            notices: new.notices != old.notices,
                            pages: new.pages != old.pages,
                            handbook: new.handbook != old.handbook,
                            reports: new.reports != old.reports,
                            diagnostics: true,
                        };
                        stages.content = fresh;
                        reloaded
                    }
                };
                if reloaded.notices || reloaded.pages {
                    generations.notices += 1;
                }
                if reloaded.handbook {
                    generations.handbook += 1;
                }
                if reloaded.reports {
                    generations.reports += 1;
                }
                self.content_time = Some(content_started.elapsed());
            }
            if changes.data {
                self.runs.data += 1;
                let (logs, problems) = data::load(&self.root, &stages.config);
                stages.logs = logs;
                stages.data_problems = problems;
                stages.computed = None;
                generations.data += 1;
            }
        }
        let Some(stages) = self.stages.as_mut() else {
            return Outcome::Failed {
                errors: Vec::new(),
                warnings: Vec::new(),
                elapsed: started.elapsed(),
            };
        };

        let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = stages
            .diagnostics()
            .cloned()
            .partition(Diagnostic::is_error);
        if !errors.is_empty() {
            return Outcome::Failed {
                errors,
                warnings,
                elapsed: started.elapsed(),
            };
        }

        if stages.computed.is_none() {
            self.runs.metrics += 1;
            let metrics = metrics::compute(&stages.logs, &stages.config, stages.as_of);
            self.runs.charts += 1;
            let charts = charts::draw(&metrics, &stages.config);
            stages.computed = Some((metrics, charts));
        }
        let Some((metrics, charts)) = stages.computed.as_ref() else {
            return Outcome::Failed {
                errors: Vec::new(),
                warnings,
                elapsed: started.elapsed(),
            };
        };
        self.runs.render += 1;
        let input = RenderInput {
            config: &stages.config,
            content: stages.content.content(),
            logs: &stages.logs,
            metrics,
            charts,
            theme: &stages.theme,
            as_of: stages.as_of,
            warnings: &warnings,
        };
        let tree = match render_families(
            &input,
            stages.generations,
            &mut self.rendered,
            &mut self.runs,
        ) {
            Ok(tree) => tree,
            Err(errors) => {
                return Outcome::Failed {
                    errors,
                    warnings,
                    elapsed: started.elapsed(),
                };
            }
        };
        let candidates = std::mem::take(&mut self.rendered.unpublished);
        let (changed, removed) = match self.last_good.as_deref() {
            Some(old) => diff_candidates(old, &tree, &candidates),
            None => diff(None, &tree),
        };
        self.last_good = Some(Arc::new(tree));
        Outcome::Built(Rebuilt {
            stages: redone,
            changed,
            removed,
            warnings,
            elapsed: started.elapsed(),
        })
    }

    fn load_all(&mut self) -> Result<Stages, Vec<Diagnostic>> {
        self.runs.config += 1;
        let config = config::load(&self.root)?;
        let as_of = pipeline::resolve_as_of(&config, self.as_of_override);
        self.runs.theme += 1;
        let (theme, theme_problems) = theme::load(&self.root, &config.theme);
        self.runs.content += 1;
        let content_started = Instant::now();
        let content = ContentCache::load(&self.root, &config, as_of);
        self.content_time = Some(content_started.elapsed());
        self.runs.data += 1;
        let (logs, data_problems) = data::load(&self.root, &config);
        Ok(Stages {
            config,
            as_of,
            theme,
            theme_problems,
            content,
            logs,
            data_problems,
            computed: None,
            generations: Generations::default(),
        })
    }
}

/// Renders each output family whose inputs changed since it was last
/// rendered (the site page by page, through its memo), reuses the others,
/// and puts together the whole tree exactly as [`pipeline::render_output`]
/// gives it. Errors come in the order `render_all` gives them.
fn render_families(
    input: &RenderInput,
    generations: Generations,
    rendered: &mut Rendered,
    runs: &mut StageRuns,
) -> Result<OutputTree, Vec<Diagnostic>> {
    let g = generations;
    if rendered.engine.as_ref().map(|(theme, _)| *theme) != Some(g.theme) {
        rendered.engine = None;
        rendered.engine = Some((g.theme, Engine::new(input.theme)?));
    }
    let Some((_, engine)) = rendered.engine.as_ref() else {
        return Err(Vec::new());
    };
    let mut errors = Vec::new();

    let site_from = (g.theme, g.notices, g.data);
    if rendered.site_from != Some(site_from) {
        runs.site += 1;
        rendered.site_from = None;
        let result = render::site::render_with(input, engine, &mut rendered.site);
        rendered
            .unpublished
            .extend(rendered.site.rendered().iter().cloned());
        match result {
            Ok(()) => rendered.site_from = Some(site_from),
            Err(mut problems) => errors.append(&mut problems),
        }
    }

    let handbook_from = (g.theme, g.handbook);
    if rendered.handbook.as_ref().map(|(from, _)| *from) != Some(handbook_from) {
        runs.handbook += 1;
        rendered.handbook = None;
        match render::handbook::render(input, engine) {
            Ok(files) => {
                rendered.unpublished.extend(files.files.keys().cloned());
                rendered.handbook = Some((handbook_from, files));
            }
            Err(mut problems) => errors.append(&mut problems),
        }
    }

    let reports_from = (g.theme, g.reports, g.data);
    if rendered.reports.as_ref().map(|(from, _)| *from) != Some(reports_from) {
        runs.reports += 1;
        rendered.reports = None;
        match render::reports::render(input, engine) {
            Ok(files) => {
                rendered.unpublished.extend(files.files.keys().cloned());
                rendered.reports = Some((reports_from, files));
            }
            Err(mut problems) => errors.append(&mut problems),
        }
    }

    let internal_from = (g.theme, g.data);
    let internal_current = rendered
        .internal
        .as_ref()
        .is_some_and(|(from, warnings, _)| *from == internal_from && warnings == input.warnings);
    if !internal_current {
        runs.internal += 1;
        rendered.internal = None;
        match render::internal::render(input, engine) {
            Ok(files) => {
                rendered.unpublished.extend(files.files.keys().cloned());
                rendered.internal = Some((internal_from, input.warnings.to_vec(), files));
            }
            Err(mut problems) => errors.append(&mut problems),
        }
    }

    if rendered.metrics_json.as_ref().map(|(data, _)| *data) != Some(g.data) {
        let json = serde_json::to_string_pretty(input.metrics).map_err(|e| {
            vec![Diagnostic::error(
                METRICS_JSON,
                crate::diagnostics::Kind::Output,
                e.to_string(),
            )]
        })?;
        rendered.unpublished.insert(METRICS_JSON.to_string());
        rendered.metrics_json = Some((g.data, json + "\n"));
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    let mut tree = OutputTree::default();
    rendered.site.copy_into(&mut tree);
    for files in [
        rendered.handbook.as_ref().map(|(_, files)| files),
        rendered.reports.as_ref().map(|(_, files)| files),
        rendered.internal.as_ref().map(|(_, _, files)| files),
    ]
    .into_iter()
    .flatten()
    {
        for (path, bytes) in &files.files {
            tree.insert_shared(path.clone(), Arc::clone(bytes));
        }
    }
    if let Some((_, json)) = &rendered.metrics_json {
        tree.insert(METRICS_JSON, json.clone());
    }
    Ok(tree)
}

const METRICS_JSON: &str = "internal/metrics.json";

/// [`diff`] when only `candidates` (and files that appeared or vanished)
/// can differ: the other files of `new` were reused byte for byte.
fn diff_candidates(
    old: &OutputTree,
    new: &OutputTree,
    candidates: &BTreeSet<String>,
) -> (Vec<String>, Vec<String>) {
    let changed = candidates
        .iter()
        .filter(|path| {
            new.files
                .get(*path)
                .is_some_and(|bytes| old.files.get(*path) != Some(bytes))
        })
        .cloned()
        .collect();
    let removed = old
        .files
        .keys()
        .filter(|path| !new.files.contains_key(*path))
        .cloned()
        .collect();
    (changed, removed)
}

/// Files of `new` that are not byte-identical in `old`, and files of `old`
/// missing from `new`.
pub fn diff(old: Option<&OutputTree>, new: &OutputTree) -> (Vec<String>, Vec<String>) {
    let Some(old) = old else {
        return (new.files.keys().cloned().collect(), Vec::new());
    };
    let changed = new
        .files
        .iter()
        .filter(|(path, bytes)| old.files.get(*path) != Some(*bytes))
        .map(|(path, _)| path.clone())
        .collect();
    let removed = old
        .files
        .keys()
        .filter(|path| !new.files.contains_key(*path))
        .cloned()
        .collect();
    (changed, removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn classify_one(path: &str) -> Changes {
        classify(Path::new("/estate"), [Path::new(path)])
    }

    #[test]
    fn paths_are_sorted_into_stages() {
        assert_eq!(
            classify_one("/estate/content/notices/a.md"),
            Changes {
                content: true,
                content_paths: Some(vec![PathBuf::from("content/notices/a.md")]),
                ..Changes::default()
            }
        );
        assert_eq!(
            classify_one("/estate/data/repairs.csv"),
            Changes {
                data: true,
                ..Changes::default()
            }
        );
        assert_eq!(
            classify_one("/estate/themes/default/templates/base.html"),
            Changes {
                theme: true,
                ..Changes::default()
            }
        );
        assert_eq!(
            classify_one("/estate/wuye.toml"),
            Changes {
                config: true,
                ..Changes::default()
            }
        );
        // Relative paths work too.
        assert!(classify_one("content/pages/about.md").content);
        // A whole folder appearing or vanishing counts.
        assert!(classify_one("/estate/data").data);
    }

    #[test]
    fn output_other_files_and_scratch_files_change_nothing() {
        for path in [
            "/estate/output/site/index.html",
            "/estate/.output.wuye-new-12/site/index.html",
            "/estate/README.md",
            "/estate/content/notices/.a.md.swp",
            "/estate/content/notices/a.md~",
            "/estate/content/notices/4913",
            "/estate/data/.~lock.repairs.csv#",
            "/estate/sub/wuye.toml",
            "/elsewhere/content/a.md",
        ] {
            assert!(classify_one(path).is_empty(), "{path}");
        }
    }

    #[test]
    fn a_burst_merges_into_one_change_set() {
        let changes = classify(
            Path::new("/e"),
            [
                Path::new("/e/content/notices/a.md"),
                Path::new("/e/content/notices/a.md~"),
                Path::new("/e/data/surveys.csv"),
            ],
        );
        assert_eq!(
            changes,
            Changes {
                content: true,
                data: true,
                content_paths: Some(vec![PathBuf::from("content/notices/a.md")]),
                ..Changes::default()
            }
        );
    }

    #[test]
    fn hidden_markdown_files_are_content_but_editor_locks_are_not() {
        // Loading reads `.draft.md` like any `*.md` file.
        assert_eq!(
            classify_one("/estate/content/notices/.draft.md").content_paths,
            Some(vec![PathBuf::from("content/notices/.draft.md")])
        );
        assert!(classify_one("/estate/content/notices/.#a.md").is_empty());
        // A folder is kept as a path too: the reload lists it again.
        assert_eq!(
            classify_one("/estate/content").content_paths,
            Some(vec![PathBuf::from("content")])
        );
    }

    #[test]
    fn merging_keeps_paths_only_while_both_sides_know_them() {
        let a = classify_one("/estate/content/notices/a.md");
        let b = classify_one("/estate/content/pages/b.md");
        let mut both = a.clone();
        both.merge(b);
        assert_eq!(
            both.content_paths,
            Some(vec![
                PathBuf::from("content/notices/a.md"),
                PathBuf::from("content/pages/b.md")
            ])
        );
        let mut unknown = a.clone();
        unknown.merge(Changes {
            content: true,
            ..Changes::default()
        });
        assert_eq!(unknown.content_paths, None);
        let mut with_data = classify_one("/estate/data/repairs.csv");
        with_data.merge(a.clone());
        assert_eq!(with_data.content_paths, a.content_paths);
        assert!(with_data.data && with_data.content);
        assert_eq!(Changes::all().stages(), Changes::all());
        assert_eq!(a.stages().content_paths, None);
    }

    #[test]
    fn diff_lists_changed_added_and_removed_files() {
        let mut old = OutputTree::default();
        old.insert("site/a.html", "a");
        old.insert("site/b.html", "b");
        old.insert("site/gone.html", "g");
        let mut new = OutputTree::default();
        new.insert("site/a.html", "a");
        new.insert("site/b.html", "B");
        new.insert("site/new.html", "n");
        let (changed, removed) = diff(Some(&old), &new);
        assert_eq!(changed, vec!["site/b.html", "site/new.html"]);
        assert_eq!(removed, vec!["site/gone.html"]);
        let (all, none) = diff(None, &new);
        assert_eq!(all.len(), 3);
        assert!(none.is_empty());
    }

    fn estate() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        crate::init::create(dir.path()).unwrap();
        dir
    }

    fn built(outcome: Outcome) -> Rebuilt {
        match outcome {
            Outcome::Built(rebuilt) => rebuilt,
            Outcome::Failed { errors, .. } => panic!("build failed: {errors:?}"),
        }
    }

    #[test]
    fn content_change_reuses_data_metrics_and_charts() {
        let dir = estate();
        let mut cache = Cache::new(dir.path(), None);
        built(cache.rebuild(Changes::default()));
        let first = cache.runs();
        assert_eq!(
            (first.config, first.data, first.metrics, first.render),
            (1, 1, 1, 1)
        );

        fs::create_dir_all(dir.path().join("content/notices")).unwrap();
        fs::write(
            dir.path().join("content/notices/a.md"),
            "+++\ntitle = \"停水\"\ndate = \"2026-11-03\"\ncategory = \"停水停电\"\n+++\n正文\n",
        )
        .unwrap();
        let rebuilt = built(cache.rebuild(Changes {
            content: true,
            ..Changes::default()
        }));
        let runs = cache.runs();
        assert_eq!(runs.content, first.content + 1);
        assert_eq!(runs.render, 2);
        assert_eq!(
            (
                runs.config,
                runs.data,
                runs.metrics,
                runs.charts,
                runs.theme
            ),
            (1, 1, 1, 1, 1),
            "content change must not reload config, data or theme nor recompute"
        );
        assert!(rebuilt.stages.content);
        assert!(!rebuilt.stages.data);
    }

    #[test]
    fn data_change_recomputes_metrics_and_charts_only() {
        let dir = estate();
        let mut cache = Cache::new(dir.path(), None);
        built(cache.rebuild(Changes::all()));
        built(cache.rebuild(Changes {
            data: true,
            ..Changes::default()
        }));
        let runs = cache.runs();
        assert_eq!(
            (runs.config, runs.theme, runs.content),
            (1, 1, 1),
            "data change must not reload config, theme or content"
        );
        assert_eq!(
            (runs.data, runs.metrics, runs.charts, runs.render),
            (2, 2, 2, 2)
        );
    }

    #[test]
    fn config_change_redoes_everything_and_shows_in_the_output() {
        let dir = estate();
        let mut cache = Cache::new(dir.path(), None);
        built(cache.rebuild(Changes::all()));
        let config_path = dir.path().join(CONFIG_FILE);
        let text = fs::read_to_string(&config_path).unwrap();
        assert!(text.contains("某某小区"));
        fs::write(&config_path, text.replace("某某小区", "翠湖苑测试")).unwrap();
        let rebuilt = built(cache.rebuild(Changes {
            config: true,
            ..Changes::default()
        }));
        assert_eq!(rebuilt.stages, Changes::all());
        assert!(rebuilt.changed.iter().any(|p| p == "site/index.html"));
        let runs = cache.runs();
        assert_eq!((runs.config, runs.data, runs.metrics), (2, 2, 2));
        let tree = cache.last_good().unwrap();
        let home = String::from_utf8_lossy(&tree.files["site/index.html"]).into_owned();
        assert!(home.contains("翠湖苑测试"));
    }

    #[test]
    fn unchanged_input_gives_an_empty_diff() {
        let dir = estate();
        let mut cache = Cache::new(dir.path(), None);
        built(cache.rebuild(Changes::all()));
        let again = built(cache.rebuild(Changes {
            theme: true,
            ..Changes::default()
        }));
        assert!(!again.changed_anything());
    }

    #[test]
    fn broken_config_keeps_the_last_good_tree_and_fixing_it_recovers() {
        let dir = estate();
        let mut cache = Cache::new(dir.path(), None);
        built(cache.rebuild(Changes::all()));
        let good = cache.last_good().unwrap();
        let config_path = dir.path().join(CONFIG_FILE);
        let text = fs::read_to_string(&config_path).unwrap();
        fs::write(
            &config_path,
            text.replace("households = 500", "housholds = 500"),
        )
        .unwrap();
        match cache.rebuild(Changes {
            config: true,
            ..Changes::default()
        }) {
            Outcome::Failed { errors, .. } => {
                assert!(!errors.is_empty());
                assert_eq!(errors[0].file, CONFIG_FILE);
                assert!(errors[0].line.is_some());
            }
            Outcome::Built(_) => panic!("a misspelt key must fail"),
        }
        assert!(Arc::ptr_eq(&good, &cache.last_good().unwrap()));
        // Even a content-only change retries everything while the config is broken.
        fs::write(&config_path, text).unwrap();
        built(cache.rebuild(Changes {
            content: true,
            ..Changes::default()
        }));
        assert_eq!(cache.runs().config, 3);
    }

    #[test]
    fn template_error_fails_and_names_the_template() {
        let dir = estate();
        let mut cache = Cache::new(dir.path(), None);
        built(cache.rebuild(Changes::all()));
        let templates = dir.path().join("themes/default/templates/site");
        fs::create_dir_all(&templates).unwrap();
        fs::write(templates.join("index.html"), "{% if %}").unwrap();
        match cache.rebuild(Changes {
            theme: true,
            ..Changes::default()
        }) {
            Outcome::Failed { errors, .. } => assert!(!errors.is_empty()),
            Outcome::Built(_) => panic!("a broken template must fail"),
        }
        assert_eq!(cache.runs().metrics, 1, "a theme change never recomputes");
    }
}
