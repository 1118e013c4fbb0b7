//! `wuye serve` reloads only the content files a change names
//! (`content::reload::ContentCache`). After any sequence of edits, adds,
//! removals, renames, broken files, clashing slugs and removed folders, what
//! it holds must equal what a full `content::load` of the same files gives:
//! the same content and the same diagnostics in the same order. The paths
//! handed to the reload are what the watcher would report, sorted by
//! `serve::incremental::classify` as serve does.

use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use wuye::config::Config;
use wuye::content::reload::ContentCache;
use wuye::serve::incremental::{Cache, Changes, Outcome, classify};

const DIRS: [&str; 4] = [
    "content/notices",
    "content/pages",
    "content/handbook",
    "content/reports",
];

/// File names (without `.md`) each folder's files are drawn from: names
/// that differ only in case, a hidden file, reserved and bad names.
const NAMES: [&[&str]; 4] = [
    &["n0", "n1", "N1", "n2", "same", ".hidden", "page"],
    &["about", "About", "fees", "index"],
    &["01-a", "01-A", "02-b", "index", "my chapter"],
    &["2026Q3", "2026q3", "2026Q4", "notes"],
];

/// What a file holds.
#[derive(Debug, Clone)]
struct Spec {
    title: u8,
    day: u8,
    /// An explicit slug from a small set (`same`, `Same`, …) or none.
    slug: Option<u8>,
    draft: bool,
    /// `publish_at` after `as_of`.
    later: bool,
    /// 0..=2 fine; then: unclosed front matter, unknown key, bad value,
    /// binary bytes, not UTF-8, empty file, YAML front matter.
    shape: u8,
}

const SLUGS: [&str; 4] = ["same", "Same", "other", "a/b"];

impl Spec {
    fn bytes(&self, dir: usize) -> Vec<u8> {
        match self.shape {
            4 => return b"\x89PNG\r\n\x1a\n\0\0\0IHDR".to_vec(),
            5 => return b"+++\ntitle = \"\xff\xfe\"\n+++\n".to_vec(),
            6 => return Vec::new(),
            _ => {}
        }
        let mut front = Vec::new();
        let title = format!("标题{}", self.title);
        match dir {
            0 => {
                front.push(format!("title = \"{title}\""));
                front.push(format!("date = \"2026-11-{:02} 09:00\"", 1 + self.day % 28));
                front.push("category = \"停水\"".into());
                if self.later {
                    front.push("publish_at = \"2026-11-21 08:00\"".into());
                }
                if self.day.is_multiple_of(3) {
                    front.push("expires = \"2026-11-19\"".into());
                }
            }
            1 => {
                front.push(format!("title = \"{title}\""));
                front.push(format!("weight = {}", self.day % 3));
            }
            2 => {
                front.push(format!("title = \"{title}\""));
                front.push(format!("weight = {}", self.day % 3));
            }
            _ => {
                if self.title.is_multiple_of(2) {
                    front.push(format!("title = \"{title}\""));
                }
            }
        }
        if dir < 2
            && let Some(slug) = self.slug
        {
            front.push(format!("slug = \"{}\"", SLUGS[slug as usize % SLUGS.len()]));
        }
        if self.draft && dir < 3 {
            front.push("draft = true".into());
        }
        match self.shape {
            1 => front.push("titel = \"拼错\"".into()),
            2 if dir == 0 => front[1] = "date = \"昨天\"".into(),
            2 => front.push("weight = \"重\"".into()),
            _ => {}
        }
        let body = match dir {
            2 => "## 一节\n\n见[下一章](02-b.md)，或[没有的章](missing.md)。\n".to_string(),
            3 => format!(
                "## 本季度主要工作\n\n报修 {{{{ repairs.orders }}}} 单{}。\n",
                {
                    if self.day.is_multiple_of(4) {
                        "，{{ }}"
                    } else {
                        ""
                    }
                }
            ),
            _ => format!("正文 {}。\n", self.day),
        };
        let text = if self.shape == 7 {
            let yaml: Vec<String> = front.iter().map(|l| l.replacen(" = ", ": ", 1)).collect();
            format!("---\n{}\n---\n{body}", yaml.join("\n"))
        } else if self.shape == 3 {
            format!("+++\n{}\n{body}", front.join("\n"))
        } else {
            format!("+++\n{}\n+++\n{body}", front.join("\n"))
        };
        text.into_bytes()
    }
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..4u8,
        0..28u8,
        proptest::option::of(0..4u8),
        proptest::bool::weighted(0.15),
        proptest::bool::weighted(0.15),
        prop_oneof![6 => 0..3u8, 1 => 3..8u8],
    )
        .prop_map(|(title, day, slug, draft, later, shape)| Spec {
            title,
            day,
            slug,
            draft,
            later,
            shape,
        })
}

#[derive(Debug, Clone)]
enum Op {
    Write(usize, usize, Spec),
    /// Write the same bytes again (an editor's save without changes).
    Touch(usize, usize),
    Remove(usize, usize),
    /// `mv`: the watcher reports both names.
    Rename(usize, usize, usize),
    /// `rm -r` of a whole folder: reported as the folder alone.
    RemoveDir(usize),
    /// A link to another file of the folder; editing the target later
    /// reports only the target.
    Link(usize, usize, usize),
    /// Files loading never reads: `x.txt`, `sub/deep.md`, a folder `x.md`.
    Other(usize, u8),
}

fn op() -> impl Strategy<Value = Op> {
    let dir =
        prop_oneof![5 => Just(0usize), 1 => Just(1usize), 1 => Just(2usize), 1 => Just(3usize)];
    prop_oneof![
        8 => (dir.clone(), any::<usize>(), spec()).prop_map(|(d, n, s)| Op::Write(d, n, s)),
        2 => (dir.clone(), any::<usize>()).prop_map(|(d, n)| Op::Touch(d, n)),
        3 => (dir.clone(), any::<usize>()).prop_map(|(d, n)| Op::Remove(d, n)),
        2 => (dir.clone(), any::<usize>(), any::<usize>()).prop_map(|(d, a, b)| Op::Rename(d, a, b)),
        1 => dir.clone().prop_map(Op::RemoveDir),
        1 => (dir.clone(), any::<usize>(), any::<usize>()).prop_map(|(d, a, b)| Op::Link(d, a, b)),
        1 => (dir, 0..3u8).prop_map(|(d, k)| Op::Other(d, k)),
    ]
}

fn file(root: &Path, dir: usize, n: usize) -> PathBuf {
    let names = NAMES[dir];
    root.join(DIRS[dir])
        .join(format!("{}.md", names[n % names.len()]))
}

/// Creates the folder if needed; returns it when it was created (the
/// watcher reports a new folder, and may miss files written into it
/// before it watches it).
fn ensure_dir(root: &Path, dir: usize) -> Option<PathBuf> {
    let path = root.join(DIRS[dir]);
    if path.is_dir() {
        return None;
    }
    let _ = fs::remove_file(&path);
    fs::create_dir_all(&path).unwrap();
    Some(path)
}

/// The file a write to `path` changes: through a link, its target, which
/// is the name inotify reports.
fn written(path: &Path) -> PathBuf {
    match fs::read_link(path) {
        Ok(target) => path.parent().unwrap().join(target),
        Err(_) => path.to_path_buf(),
    }
}

/// Applies one operation; returns the paths the watcher would report.
fn apply(root: &Path, op: &Op) -> Vec<PathBuf> {
    let mut events = Vec::new();
    match op {
        Op::Write(d, n, spec) => {
            events.extend(ensure_dir(root, *d));
            let path = file(root, *d, *n);
            if path.is_dir() {
                fs::remove_dir_all(&path).unwrap();
            }
            let bytes = spec.bytes(*d);
            if fs::write(&path, &bytes).is_err() {
                // A link nothing can be written through (links in a loop):
                // an editor saving there puts a file in its place.
                fs::remove_file(&path).unwrap();
                fs::write(&path, &bytes).unwrap();
            }
            events.push(written(&path));
        }
        Op::Touch(d, n) => {
            let path = file(root, *d, *n);
            if let Ok(bytes) = fs::read(&path) {
                fs::write(&path, bytes).unwrap();
                events.push(written(&path));
            }
        }
        Op::Remove(d, n) => {
            let path = file(root, *d, *n);
            if path.symlink_metadata().is_ok() {
                if path.is_dir() {
                    fs::remove_dir_all(&path).unwrap();
                } else {
                    fs::remove_file(&path).unwrap();
                }
                events.push(path);
            }
        }
        Op::Rename(d, a, b) => {
            let (from, to) = (file(root, *d, *a), file(root, *d, *b));
            if from != to && from.is_file() && !to.is_dir() {
                fs::rename(&from, &to).unwrap();
                events.push(from);
                events.push(to);
            }
        }
        Op::RemoveDir(d) => {
            let path = root.join(DIRS[*d]);
            if path.is_dir() {
                fs::remove_dir_all(&path).unwrap();
                events.push(path);
            }
        }
        Op::Link(d, a, b) => {
            let (link, target) = (file(root, *d, *a), file(root, *d, *b));
            if link != target && target.is_file() && link.symlink_metadata().is_err() {
                let name = target.file_name().unwrap();
                std::os::unix::fs::symlink(name, &link).unwrap();
                events.push(link);
            }
        }
        Op::Other(d, kind) => {
            events.extend(ensure_dir(root, *d));
            let folder = root.join(DIRS[*d]);
            let path = match kind {
                0 => {
                    fs::write(folder.join("x.txt"), "不是 Markdown").unwrap();
                    folder.join("x.txt")
                }
                1 => {
                    fs::create_dir_all(folder.join("sub")).unwrap();
                    fs::write(folder.join("sub/deep.md"), "+++\ntitle = \"深\"\n+++\n").unwrap();
                    folder.join("sub/deep.md")
                }
                _ => {
                    let path = folder.join("x.md");
                    if path.symlink_metadata().is_err() {
                        fs::create_dir_all(&path).unwrap();
                    }
                    path
                }
            };
            events.push(path);
        }
    }
    events
}

fn config() -> Config {
    wuye::config::parse("name = \"翠湖苑\"\nlanguage = \"zh-CN\"\n").unwrap()
}

fn as_of() -> chrono::NaiveDateTime {
    wuye::datetime::parse_datetime("2026-11-20 18:00").unwrap()
}

/// Differences between the cache and a full load, as readable lines.
fn differences(root: &Path, cache: &ContentCache) -> Vec<String> {
    let (full, diagnostics) = wuye::content::load(root, &config(), as_of());
    let held = cache.content();
    let mut out = Vec::new();
    if held.notices != full.notices {
        out.push(format!(
            "notices: {:?} vs full {:?}",
            held.notices.iter().map(|n| &n.path).collect::<Vec<_>>(),
            full.notices.iter().map(|n| &n.path).collect::<Vec<_>>()
        ));
    }
    if held.pages != full.pages {
        out.push(format!("pages: {:?} vs full {:?}", held.pages, full.pages));
    }
    if held.handbook != full.handbook {
        out.push(format!(
            "handbook: {:?} vs full {:?}",
            held.handbook, full.handbook
        ));
    }
    if held.reports != full.reports {
        out.push(format!(
            "reports: {:?} vs full {:?}",
            held.reports, full.reports
        ));
    }
    if cache.diagnostics() != diagnostics.as_slice() {
        out.push(format!(
            "diagnostics: {:?} vs full {:?}",
            cache.diagnostics(),
            diagnostics
        ));
    }
    out
}

fn seeded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (d, folder) in DIRS.iter().enumerate() {
        fs::create_dir_all(root.join(folder)).unwrap();
        let spec = Spec {
            title: d as u8,
            day: 5,
            slug: None,
            draft: false,
            later: false,
            shape: 0,
        };
        fs::write(file(root, d, 0), spec.bytes(d)).unwrap();
    }
    dir
}

fn check_ops(ops: &[Op]) -> Result<(), TestCaseError> {
    let dir = seeded();
    let root = dir.path();
    let mut cache = ContentCache::load(root, &config(), as_of());
    prop_assert!(differences(root, &cache).is_empty());
    for (step, op) in ops.iter().enumerate() {
        let events = apply(root, op);
        let changes = classify(root, events.iter().map(PathBuf::as_path));
        if let Some(paths) = changes.content_paths {
            cache.reload(root, &config(), as_of(), &paths);
        }
        let diff = differences(root, &cache);
        prop_assert!(
            diff.is_empty(),
            "step {} ({:?}, events {:?}): {:#?}",
            step,
            op,
            events,
            diff
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn per_file_reload_equals_full_load(ops in proptest::collection::vec(op(), 1..25)) {
        check_ops(&ops)?;
    }
}

/// The cases the task names, in one fixed sequence.
#[test]
fn named_cases_equal_full_load() {
    let fine = |title, slug| Spec {
        title,
        day: 3,
        slug,
        draft: false,
        later: false,
        shape: 0,
    };
    let shaped = |shape| Spec {
        shape,
        ..fine(1, None)
    };
    check_ops(&[
        Op::Write(0, 1, fine(1, None)),
        // `N1.md` and `n1.md`: one slug but for case.
        Op::Write(0, 2, fine(2, None)),
        // An explicit slug clashing with another file's name.
        Op::Write(0, 3, fine(3, Some(0))),
        Op::Write(0, 4, fine(3, Some(1))),
        Op::Touch(0, 3),
        Op::Write(0, 1, shaped(3)),
        Op::Write(0, 1, shaped(4)),
        Op::Write(0, 1, shaped(5)),
        Op::Write(0, 1, shaped(6)),
        Op::Write(0, 1, shaped(7)),
        Op::Write(0, 1, fine(1, None)),
        Op::Rename(0, 1, 3),
        Op::Write(0, 5, fine(2, None)),
        Op::Link(0, 6, 3),
        Op::Write(0, 3, fine(0, None)),
        Op::Other(0, 0),
        Op::Other(0, 1),
        Op::Other(0, 2),
        Op::RemoveDir(0),
        Op::Write(0, 0, fine(0, None)),
        Op::Write(1, 1, fine(1, None)),
        Op::Write(2, 1, fine(1, None)),
        Op::Write(2, 3, fine(1, None)),
        Op::Write(3, 1, fine(1, None)),
        Op::Rename(3, 1, 2),
        // A link left dangling, then its target written again.
        Op::Link(3, 1, 0),
        Op::Remove(3, 0),
        Op::Write(3, 0, fine(2, None)),
        Op::RemoveDir(2),
    ])
    .unwrap();
}

/// Found by the property test: a link to a link that leads back to it
/// (a loop) cannot be written through; the save puts a file in its place,
/// and the other link then reads that file.
#[test]
fn a_save_over_links_in_a_loop_equals_full_load() {
    let spec = Spec {
        title: 0,
        day: 0,
        slug: None,
        draft: false,
        later: false,
        shape: 0,
    };
    check_ops(&[
        Op::Link(1, 7530116084723367146, 5068797256674917876),
        Op::Rename(1, 9862710979472734018, 7591081454964318032),
        Op::Write(1, 15287876864947947252, spec),
    ])
    .unwrap();
}

/// Serve hands only the changed paths to the content stage: a file written
/// without an event is not seen by a per-file reload, and is by a reload
/// that knows no paths (what a watcher rescan asks for).
#[test]
fn serve_reads_only_the_named_files_and_everything_when_paths_are_lost() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    wuye::init::create(root).unwrap();
    let notices = root.join("content/notices");
    fs::create_dir_all(&notices).unwrap();
    let mut cache = Cache::new(root, Some(as_of()));
    let Outcome::Built(_) = cache.rebuild(Changes::all()) else {
        panic!("first build failed");
    };
    let write = |name: &str, title: &str| {
        let text = format!(
            "+++\ntitle = \"{title}\"\ndate = \"2026-11-03\"\ncategory = \"停水\"\n+++\n正文\n"
        );
        fs::write(notices.join(name), text).unwrap();
        notices.join(name)
    };
    let shown = |cache: &Cache, slug: &str| {
        cache
            .last_good()
            .unwrap()
            .files
            .contains_key(&format!("site/notices/{slug}/index.html"))
    };
    let seen = write("seen.md", "有事件的通知");
    write("unseen.md", "没有事件的通知");
    let Outcome::Built(rebuilt) = cache.rebuild(classify(root, [seen.as_path()])) else {
        panic!("rebuild failed");
    };
    assert!(rebuilt.stages.content);
    assert!(shown(&cache, "seen"));
    assert!(
        !shown(&cache, "unseen"),
        "a file without an event is not read"
    );
    let Outcome::Built(_) = cache.rebuild(Changes {
        content: true,
        ..Changes::default()
    }) else {
        panic!("rebuild failed");
    };
    assert!(shown(&cache, "unseen"), "no paths: every file is read");
}
