//! `wuye serve` renders incrementally: after any sequence of edits the
//! tree it serves must be byte for byte the tree a full build renders from
//! the same files (same file set, same bytes). The oracle here is the
//! pipeline `wuye build` runs (`pipeline::load` → metrics → charts →
//! `pipeline::render_output`, i.e. `render::render_all`), never the cache.

use proptest::prelude::*;
use std::fs;
use std::path::Path;
use wuye::output::OutputTree;
use wuye::pipeline;
use wuye::render::RenderInput;
use wuye::serve::incremental::{Cache, Changes, Outcome, classify};

const CATEGORIES: [&str; 6] = [
    "停水停电",
    "收费公示",
    "会议通知",
    "社区活动",
    "安全提示",
    "综合通知",
];

/// One notice file as the test writes it.
#[derive(Debug, Clone)]
struct Notice {
    file: String,
    title: u32,
    body: u32,
    day: u32,
    category: usize,
    pinned: bool,
    draft: bool,
    /// None: no `expires`; Some(true): expired at `as_of`; Some(false): not yet.
    expired: Option<bool>,
    slug: Option<u32>,
}

impl Notice {
    fn text(&self) -> String {
        let mut front = format!(
            "+++\ntitle = \"第 {} 号通知\"\ndate = \"2026-{:02}-{:02} 09:00\"\ncategory = \"{}\"\n",
            self.title,
            1 + self.day / 28 % 11,
            1 + self.day % 28,
            CATEGORIES[self.category % 6]
        );
        if self.pinned {
            front.push_str("pinned = true\n");
        }
        if self.draft {
            front.push_str("draft = true\n");
        }
        match self.expired {
            Some(true) => front.push_str("expires = \"2026-11-19 00:00\"\n"),
            Some(false) => front.push_str("expires = \"2026-12-31 00:00\"\n"),
            None => {}
        }
        if let Some(slug) = self.slug {
            front.push_str(&format!("slug = \"renamed-{slug}\"\n"));
        }
        format!(
            "{front}+++\n{} 栋住户请注意：正文第 {} 版。\n\n## 说明\n\n请相互转告。\n",
            1 + self.body % 12,
            self.body
        )
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Title(usize, u32),
    Body(usize, u32),
    Date(usize, u32),
    Category(usize, usize),
    Pinned(usize),
    Draft(usize),
    Expires(usize, Option<bool>),
    Slug(usize, Option<u32>),
    Add(u32),
    Delete(usize),
    /// A survey row appended to the data.
    Survey(u32),
    /// A free-standing page's title (the navigation of every page).
    Page(u32),
    /// A handbook chapter's body.
    Handbook(u32),
    /// The site's list template, changed without changing its output.
    Theme(u32),
    /// The page size in `wuye.toml`.
    PageSize(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<usize>(), 0..50u32).prop_map(|(i, n)| Edit::Title(i, n)),
        3 => (any::<usize>(), 0..50u32).prop_map(|(i, n)| Edit::Body(i, n)),
        3 => (any::<usize>(), 0..300u32).prop_map(|(i, n)| Edit::Date(i, n)),
        2 => (any::<usize>(), 0..6usize).prop_map(|(i, c)| Edit::Category(i, c)),
        2 => any::<usize>().prop_map(Edit::Pinned),
        2 => any::<usize>().prop_map(Edit::Draft),
        2 => (any::<usize>(), proptest::option::of(any::<bool>()))
            .prop_map(|(i, e)| Edit::Expires(i, e)),
        2 => (any::<usize>(), proptest::option::of(0..4u32)).prop_map(|(i, s)| Edit::Slug(i, s)),
        3 => (0..1000u32).prop_map(Edit::Add),
        2 => any::<usize>().prop_map(Edit::Delete),
        1 => (0..28u32).prop_map(Edit::Survey),
        1 => (0..10u32).prop_map(Edit::Page),
        1 => (0..10u32).prop_map(Edit::Handbook),
        1 => (0..10u32).prop_map(Edit::Theme),
        1 => (1..5usize).prop_map(Edit::PageSize),
    ]
}

struct Estate {
    dir: tempfile::TempDir,
    notices: Vec<Notice>,
    next_file: u32,
}

impl Estate {
    fn new() -> Estate {
        let dir = tempfile::tempdir().unwrap();
        wuye::init::create(dir.path()).unwrap();
        let config = dir.path().join("wuye.toml");
        let text = fs::read_to_string(&config).unwrap();
        let text = text
            .replacen(
                "language = \"zh-CN\"",
                "language = \"zh-CN\"\nas_of = \"2026-11-20 18:00\"",
                1,
            )
            .replacen("page_size = 10 ", "page_size = 2 ", 1);
        assert!(text.contains("as_of = ") && text.contains("page_size = 2 "));
        fs::write(&config, text).unwrap();
        let mut estate = Estate {
            dir,
            notices: Vec::new(),
            next_file: 0,
        };
        for n in 0..5 {
            estate.add(n * 7);
        }
        estate
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path_of(&self, notice: &Notice) -> std::path::PathBuf {
        self.root().join("content/notices").join(&notice.file)
    }

    fn add(&mut self, n: u32) -> std::path::PathBuf {
        let notice = Notice {
            file: format!("gen-{:03}.md", self.next_file),
            title: n % 50,
            body: n,
            day: n % 300,
            category: (n % 6) as usize,
            pinned: false,
            draft: false,
            expired: None,
            slug: None,
        };
        self.next_file += 1;
        let path = self.path_of(&notice);
        fs::write(&path, notice.text()).unwrap();
        self.notices.push(notice);
        path
    }

    /// Applies one edit to the files; returns the paths it touched.
    fn apply(&mut self, edit: &Edit) -> Vec<std::path::PathBuf> {
        let root = self.root().to_path_buf();
        if let Edit::Add(n) = edit {
            return vec![self.add(*n)];
        }
        let count = self.notices.len();
        let pick = |i: &usize| (count > 0).then(|| i % count);
        match edit {
            Edit::Delete(i) => {
                let Some(i) = pick(i) else { return Vec::new() };
                let notice = self.notices.remove(i);
                let path = self.path_of(&notice);
                fs::remove_file(&path).unwrap();
                return vec![path];
            }
            Edit::Survey(day) => {
                let path = root.join("data/surveys.csv");
                let mut text = fs::read_to_string(&path).unwrap();
                let n = text.lines().count();
                text.push_str(&format!(
                    "S{n:04},2026-10-{:02},3-1-{:03},{},5,4,5,4,5,\n",
                    1 + day % 28,
                    100 + n,
                    3 + day % 3
                ));
                fs::write(&path, text).unwrap();
                return vec![path];
            }
            Edit::Page(n) => {
                let path = root.join("content/pages/contact.md");
                let text = fs::read_to_string(&path).unwrap();
                let (_, rest) = text.split_once("title = ").unwrap();
                let (_, rest) = rest.split_once('\n').unwrap();
                fs::write(&path, format!("+++\ntitle = \"联系我们 {n}\"\n{rest}")).unwrap();
                return vec![path];
            }
            Edit::Handbook(n) => {
                let path = root.join("content/handbook/02-polite-phrases.md");
                let mut text = fs::read_to_string(&path).unwrap();
                text.push_str(&format!("\n补充说明第 {n} 条。\n"));
                fs::write(&path, text).unwrap();
                return vec![path];
            }
            Edit::Theme(n) => {
                let dir = root.join("themes/default/templates/site");
                fs::create_dir_all(&dir).unwrap();
                let path = dir.join("list.html");
                let embedded = wuye::theme::embedded();
                let list = &embedded.templates["site/list.html"];
                fs::write(&path, format!("{list}{{# edit {n} #}}")).unwrap();
                return vec![path];
            }
            Edit::PageSize(size) => {
                let path = root.join("wuye.toml");
                let text = fs::read_to_string(&path).unwrap();
                let (head, tail) = text.split_once("page_size = ").unwrap();
                let (_, tail) = tail.split_once(' ').unwrap();
                fs::write(&path, format!("{head}page_size = {size} {tail}")).unwrap();
                return vec![path];
            }
            _ => {}
        }
        let index = match edit {
            Edit::Title(i, _)
            | Edit::Body(i, _)
            | Edit::Date(i, _)
            | Edit::Category(i, _)
            | Edit::Pinned(i)
            | Edit::Draft(i)
            | Edit::Expires(i, _)
            | Edit::Slug(i, _) => pick(i),
            _ => None,
        };
        let Some(i) = index else { return Vec::new() };
        let notice = &mut self.notices[i];
        match edit {
            Edit::Title(_, n) => notice.title = *n,
            Edit::Body(_, n) => notice.body = *n,
            Edit::Date(_, n) => notice.day = *n,
            Edit::Category(_, c) => notice.category = *c,
            Edit::Pinned(_) => notice.pinned = !notice.pinned,
            Edit::Draft(_) => notice.draft = !notice.draft,
            Edit::Expires(_, e) => notice.expired = *e,
            Edit::Slug(_, s) => notice.slug = *s,
            _ => {}
        }
        let notice = notice.clone();
        let path = self.path_of(&notice);
        fs::write(&path, notice.text()).unwrap();
        vec![path]
    }
}

/// What `wuye build` renders from the estate now, or its errors.
fn full_render(root: &Path) -> Result<OutputTree, usize> {
    let loaded = pipeline::load(root, None).map_err(|e| e.len())?;
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        return Err(errors);
    }
    let metrics = pipeline::compute_metrics(&loaded);
    let charts = wuye::charts::draw(&metrics, &loaded.config);
    let warnings: Vec<_> = loaded
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
    pipeline::render_output(&input).map_err(|e| e.len())
}

/// Every file that differs between the two trees, for a readable failure.
fn differences(served: &OutputTree, full: &OutputTree) -> Vec<String> {
    let mut out = Vec::new();
    for (path, bytes) in &full.files {
        match served.files.get(path) {
            None => out.push(format!("missing {path}")),
            Some(b) if b != bytes => out.push(format!("differs {path}")),
            Some(_) => {}
        }
    }
    for path in served.files.keys() {
        if !full.files.contains_key(path) {
            out.push(format!("extra {path}"));
        }
    }
    out
}

fn check_sequence(edits: &[Edit]) -> Result<(), TestCaseError> {
    let mut estate = Estate::new();
    let mut cache = Cache::new(estate.root(), None);
    let Outcome::Built(_) = cache.rebuild(Changes::all()) else {
        return Err(TestCaseError::fail("the first build failed"));
    };
    let mut previous = cache.last_good().unwrap();
    for (step, edit) in edits.iter().enumerate() {
        let paths = estate.apply(edit);
        let changes = classify(estate.root(), paths.iter().map(|p| p.as_path()));
        let outcome = cache.rebuild(changes);
        match (full_render(estate.root()), outcome) {
            (Ok(full), Outcome::Built(rebuilt)) => {
                let served = cache.last_good().unwrap();
                let diff = differences(&served, &full);
                prop_assert!(
                    diff.is_empty(),
                    "step {step} ({edit:?}): served tree is not the full render: {diff:?}"
                );
                // The reported change set is exactly what changed.
                let (changed, removed) = wuye::serve::incremental::diff(Some(&previous), &served);
                prop_assert_eq!(&rebuilt.changed, &changed, "step {} ({:?})", step, edit);
                prop_assert_eq!(&rebuilt.removed, &removed, "step {} ({:?})", step, edit);
                previous = served;
            }
            (Err(_), Outcome::Failed { .. }) => {}
            (Ok(_), Outcome::Failed { errors, .. }) => {
                return Err(TestCaseError::fail(format!(
                    "step {step} ({edit:?}): serve failed where build succeeds: {errors:?}"
                )));
            }
            (Err(n), Outcome::Built(_)) => {
                return Err(TestCaseError::fail(format!(
                    "step {step} ({edit:?}): serve built where build has {n} errors"
                )));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn incremental_render_equals_full_render(edits in proptest::collection::vec(edit(), 1..10)) {
        check_sequence(&edits)?;
    }
}

/// The edits the issue names, in one fixed sequence, so a failure here
/// does not depend on what proptest happens to draw.
#[test]
fn named_edit_kinds_equal_full_render() {
    check_sequence(&[
        Edit::Title(0, 41),
        Edit::Body(1, 7),
        Edit::Date(2, 250),
        Edit::Category(3, 0),
        Edit::Pinned(4),
        Edit::Add(77),
        Edit::Delete(0),
        Edit::Slug(1, Some(2)),
        Edit::Draft(2),
        Edit::Draft(2),
        Edit::Expires(3, Some(true)),
        Edit::Expires(3, Some(false)),
        Edit::Survey(3),
        Edit::Page(4),
        Edit::Handbook(1),
        Edit::Theme(1),
        Edit::PageSize(3),
        Edit::Title(0, 9),
    ])
    .unwrap();
}

/// Editing one notice's title renders that notice's two pages and the
/// pages that list it, and no other notice's pages; the handbook, reports
/// and internal report are not rendered, nor Markdown other than its own.
#[test]
fn an_edited_notice_renders_only_its_pages_and_lists() {
    let mut estate = Estate::new();
    for n in 0..20 {
        estate.add(100 + n);
    }
    let mut cache = Cache::new(estate.root(), None);
    let Outcome::Built(_) = cache.rebuild(Changes::all()) else {
        panic!("first build failed");
    };
    let before = cache.runs();
    let target = estate.notices[7].clone();
    let paths = estate.apply(&Edit::Title(7, 49));
    let changes = classify(estate.root(), paths.iter().map(|p| p.as_path()));
    let Outcome::Built(rebuilt) = cache.rebuild(changes) else {
        panic!("rebuild failed");
    };
    let runs = cache.runs();
    assert_eq!(runs.site, before.site + 1);
    assert_eq!(
        (runs.handbook, runs.reports, runs.internal, runs.metrics),
        (
            before.handbook,
            before.reports,
            before.internal,
            before.metrics
        ),
        "a notice edit renders neither handbook, reports nor internal report"
    );
    let stem = target.file.trim_end_matches(".md");
    let own = [
        format!("site/notices/{stem}/index.html"),
        format!("site/notices/{stem}/print.html"),
    ];
    let rendered = cache.site_rendered();
    for path in &own {
        assert!(
            rendered.contains(path),
            "{path} not re-rendered: {rendered:?}"
        );
    }
    let other_notices: Vec<&String> = rendered
        .iter()
        .filter(|p| p.starts_with("site/notices/gen-") && !own.contains(p))
        .collect();
    assert!(other_notices.is_empty(), "{other_notices:?}");
    // Besides its own two pages: the one page of the notice list, of its
    // category and of its month that show it, and the search page (whose
    // index changed). Not the other 24 notices' 48 pages nor other lists.
    let pages: Vec<&String> = rendered
        .iter()
        .filter(|p| p.ends_with(".html") && !own.contains(p))
        .collect();
    assert_eq!(pages.len(), 4, "{pages:?}");
    assert_eq!(
        pages
            .iter()
            .filter(|p| p.starts_with("site/notices/page/"))
            .count(),
        1
    );
    assert!(pages.iter().any(|p| p.starts_with("site/category/")));
    assert!(pages.iter().any(|p| p.starts_with("site/archive/2026-")));
    assert!(rendered.iter().any(|p| p == "site/feed.xml"));
    assert!(rebuilt.changed.iter().any(|p| p == &own[0]));
    assert_eq!(
        full_render(estate.root()).unwrap(),
        *cache.last_good().unwrap()
    );
}

/// A survey row recomputes metrics and renders the quality pages, reports
/// and internal report, but not one notice page.
#[test]
fn a_data_change_renders_no_notice_page() {
    let mut estate = Estate::new();
    let mut cache = Cache::new(estate.root(), None);
    let Outcome::Built(_) = cache.rebuild(Changes::all()) else {
        panic!("first build failed");
    };
    let before = cache.runs();
    let paths = estate.apply(&Edit::Survey(4));
    let changes = classify(estate.root(), paths.iter().map(|p| p.as_path()));
    let Outcome::Built(rebuilt) = cache.rebuild(changes) else {
        panic!("rebuild failed");
    };
    let runs = cache.runs();
    assert_eq!(runs.metrics, before.metrics + 1);
    assert_eq!(runs.handbook, before.handbook, "the handbook shows no data");
    assert_eq!(runs.reports, before.reports + 1);
    assert_eq!(runs.internal, before.internal + 1);
    let rendered = cache.site_rendered();
    assert!(rendered.iter().any(|p| p == "site/quality/index.html"));
    assert!(
        !rendered.iter().any(|p| p.starts_with("site/notices/")),
        "{rendered:?}"
    );
    assert!(rebuilt.changed.iter().any(|p| p == "internal/metrics.json"));
    assert_eq!(
        full_render(estate.root()).unwrap(),
        *cache.last_good().unwrap()
    );
}
