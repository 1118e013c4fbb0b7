//! Stage 7: write the rendered files, atomically, touching only what changed.
//!
//! The output folder is swapped, never edited: a reader (a web server, a
//! browser, a copy job) that looks at `output/` sees either the whole
//! previous build or the whole new one, never a mix.
//!
//! How (Linux), double-buffered so that an unchanged file is not written
//! again and no folder is created or deleted without need:
//! 1. Beside `output/` lives `.output.wuye-back/`, the output of the build
//!    before (nobody reads it: it is not `output/`).
//! 2. That back folder is brought up to date with the new build: a file
//!    whose bytes are already right is left alone; a changed one is
//!    rewritten; files and folders the new build does not have are
//!    removed; missing folders are created.
//! 3. One `renameat2(RENAME_EXCHANGE)` swaps `output/` and the back
//!    folder, atomically. The back folder now holds the previous output,
//!    ready to be brought up to date by the next build.
//!
//! A reader that has resolved `output/` keeps a consistent tree until the
//! next build starts updating the back folder, so files are never written
//! in place while they can be live: the back folder is never `output/`,
//! and a file in it that shares its inode with another name (a hard link
//! someone made) is replaced by a new file rather than overwritten.
//!
//! The first build (no `output/` yet) and systems without the exchange
//! write a fresh staging folder and rename it into place (with two renames
//! where the exchange is missing; the old output then stays in a
//! `.wuye-old-*` folder until the next build cleans it up).
//!
//! Builds into the same folder are serialized with an advisory lock on the
//! parent folder, so two builds never update the back folder at once.

use crate::diagnostics::WuyeError;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// The files of one build, by path relative to the output folder
/// (`site/index.html`). Paths use `/` and never contain `..`.
///
/// The bytes are shared: `wuye serve` puts together a new tree after each
/// edit from the files it kept, and cloning a tree (or a file of it) copies
/// no file contents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutputTree {
    pub files: BTreeMap<String, Arc<Vec<u8>>>,
}

impl OutputTree {
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), Arc::new(bytes.into()));
    }

    /// Adds a file whose bytes another tree already holds.
    pub fn insert_shared(&mut self, path: impl Into<String>, bytes: Arc<Vec<u8>>) {
        self.files.insert(path.into(), bytes);
    }

    pub fn extend(&mut self, other: OutputTree) {
        self.files.extend(other.files);
    }
}

/// True when `path` is a plain relative path that stays inside its folder.
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains('\0')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// What a write did, for benchmarks and `wuye serve`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files in the new output.
    pub files: usize,
    /// Files whose bytes had to be written.
    pub written: usize,
    /// Files and folders removed from the back folder.
    pub removed: usize,
}

/// Writes `tree` as the new content of `out`, swapping it in atomically.
/// On any error `out` is left exactly as it was.
pub fn write_atomically(tree: &OutputTree, out: &Path) -> Result<usize, WuyeError> {
    write_atomically_with_stats(tree, out).map(|stats| stats.files)
}

/// [`write_atomically`], telling how much was really written.
pub fn write_atomically_with_stats(tree: &OutputTree, out: &Path) -> Result<WriteStats, WuyeError> {
    if let Some(bad) = tree.files.keys().find(|p| !is_safe_relative(p)) {
        return Err(unsafe_path(bad));
    }
    let mut staging = Staging::begin(out)?;
    staging.write(tree);
    staging.finish()
}

fn unsafe_path(path: &str) -> WuyeError {
    WuyeError::Message(format!(
        "refusing to write outside the output folder: {path}"
    ))
}

/// Where the next output is being written.
enum Target {
    /// The back folder, brought up to date: what it held before.
    Back(HashMap<String, Found>),
    /// A new, empty staging folder.
    Fresh,
}

/// The next output, written part by part as it is rendered (so that the
/// whole output never needs to be in memory), then swapped in at once by
/// [`Staging::finish`]. Until then `out` is untouched; dropping a staging
/// without finishing leaves `out` as it was.
pub struct Staging {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    dir: PathBuf,
    target: Target,
    /// Every file written so far, and the folders made or kept for them.
    files: HashSet<String>,
    /// Every path written so far, lowercased, with its spelling.
    folded: HashMap<String, String>,
    dirs: HashSet<String>,
    stats: WriteStats,
    /// The first failure; later writes are skipped.
    error: Option<WuyeError>,
    finished: bool,
    _lock: Option<fs::File>,
}

impl Staging {
    /// Starts a new output for `out`: locks the parent folder against
    /// another build, removes what a killed build left, and finds what the
    /// back folder holds.
    pub fn begin(out: &Path) -> Result<Staging, WuyeError> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent).map_err(|e| WuyeError::io(&parent, e))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        // Held until the staging is dropped; a failure to lock (an odd
        // file system) only loses the protection against concurrent builds.
        let lock = lock(&parent);
        remove_leftovers(&parent, &name);
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |e| WuyeError::io(&path, e)
        };
        let (dir, target) = if cfg!(target_os = "linux") && out.is_dir() {
            let back = parent.join(format!(".{name}.wuye-back"));
            let mut found = HashMap::new();
            match fs::symlink_metadata(&back) {
                Ok(meta) if meta.is_dir() => walk(&back, "", &mut found).map_err(io(&back))?,
                Ok(_) => {
                    fs::remove_file(&back).map_err(io(&back))?;
                    fs::create_dir(&back).map_err(io(&back))?;
                }
                Err(_) => fs::create_dir(&back).map_err(io(&back))?,
            }
            (back, Target::Back(found))
        } else {
            let staging = parent.join(format!(".{name}.wuye-new-{}", std::process::id()));
            if staging.exists() {
                fs::remove_dir_all(&staging).map_err(io(&staging))?;
            }
            fs::create_dir_all(&staging).map_err(io(&staging))?;
            (staging, Target::Fresh)
        };
        Ok(Staging {
            out: out.to_path_buf(),
            parent,
            name,
            dir,
            target,
            files: HashSet::new(),
            folded: HashMap::new(),
            dirs: HashSet::new(),
            stats: WriteStats::default(),
            error: None,
            finished: false,
            _lock: lock,
        })
    }

    /// Adds files to the next output (a path given twice keeps the last
    /// bytes). A failure is kept for [`Self::finish`].
    pub fn write(&mut self, tree: &OutputTree) {
        if self.error.is_none()
            && let Err(e) = self.try_write(tree)
        {
            self.error = Some(e);
        }
    }

    fn try_write(&mut self, tree: &OutputTree) -> Result<(), WuyeError> {
        if let Some(bad) = tree.files.keys().find(|p| !is_safe_relative(p)) {
            return Err(unsafe_path(bad));
        }
        // The loaders refuse clashing names with a diagnostic; this is the
        // last line: no two files of a build may share a path up to case
        // (one would overwrite the other on a case-insensitive disk or
        // server).
        for relative in tree.files.keys() {
            let first = self
                .folded
                .entry(relative.to_lowercase())
                .or_insert_with(|| relative.clone());
            if first != relative {
                return Err(WuyeError::Message(format!(
                    "two files of the build would overwrite each other: {first} and {relative}"
                )));
            }
        }
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |e| WuyeError::io(&path, e)
        };
        // Folders first, parents before children; whatever stands in the
        // way of one (a file of an older build) goes.
        for dir in folders_of(tree) {
            if !self.dirs.insert(dir.clone()) {
                continue;
            }
            let path = self.dir.join(&dir);
            if let Target::Back(found) = &mut self.target {
                match found.get(&dir) {
                    Some(Found::Dir) => continue,
                    Some(_) => {
                        fs::remove_file(&path).map_err(io(&path))?;
                        found.remove(&dir);
                        self.stats.removed += 1;
                    }
                    None => {}
                }
            }
            fs::create_dir(&path).map_err(io(&path))?;
        }
        // A folder of an older build where a file goes now.
        if let Target::Back(found) = &mut self.target {
            for relative in tree.files.keys() {
                if found.get(relative) == Some(&Found::Dir) {
                    let path = self.dir.join(relative);
                    fs::remove_dir_all(&path).map_err(io(&path))?;
                    let inside = format!("{relative}/");
                    found.retain(|p, _| p != relative && !p.starts_with(&inside));
                    self.stats.removed += 1;
                }
            }
        }
        let found = match &self.target {
            Target::Back(found) => Some(found),
            Target::Fresh => None,
        };
        let dir = &self.dir;
        let files: Vec<(&String, &Arc<Vec<u8>>)> = tree.files.iter().collect();
        let written: Vec<bool> = files
            .par_iter()
            .map(|(relative, bytes)| {
                let path = dir.join(relative);
                match found.and_then(|f| f.get(*relative)) {
                    Some(Found::File { len, shared: false }) => {
                        if *len == bytes.len() as u64 && same_bytes(&path, bytes) {
                            return Ok(false);
                        }
                        fs::write(&path, bytes.as_slice()).map_err(io(&path))?;
                    }
                    Some(Found::File { shared: true, .. }) => {
                        // Another name points at this inode: never write
                        // through it; put a new file in its place.
                        if same_bytes(&path, bytes) {
                            return Ok(false);
                        }
                        let temp = dir.join(format!("{relative}.wuye-tmp"));
                        fs::write(&temp, bytes.as_slice()).map_err(io(&temp))?;
                        fs::rename(&temp, &path).map_err(io(&path))?;
                    }
                    _ => fs::write(&path, bytes.as_slice()).map_err(io(&path))?,
                }
                Ok(true)
            })
            .collect::<Result<_, WuyeError>>()?;
        for relative in tree.files.keys() {
            if self.files.insert(relative.clone()) {
                self.stats.files += 1;
            }
        }
        self.stats.written += written.iter().filter(|w| **w).count();
        Ok(())
    }

    /// Removes what the new output does not have and swaps it in place of
    /// `out` atomically. On any error `out` is as it was.
    pub fn finish(mut self) -> Result<WriteStats, WuyeError> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.finished = true;
        let result = self.swap();
        if result.is_err() && matches!(self.target, Target::Fresh) {
            let _ = fs::remove_dir_all(&self.dir);
        }
        result.map(|()| self.stats)
    }

    fn swap(&mut self) -> Result<(), WuyeError> {
        match &self.target {
            Target::Back(found) => {
                // What the new build does not have, deepest first, so that
                // a folder is empty when its turn comes.
                let mut stale: Vec<(&String, Found)> = found
                    .iter()
                    .filter(|(path, kind)| match kind {
                        Found::Dir => !self.dirs.contains(*path),
                        Found::File { .. } => !self.files.contains(*path),
                        Found::Other => true,
                    })
                    .map(|(path, kind)| (path, *kind))
                    .collect();
                stale.sort_by(|a, b| b.0.cmp(a.0));
                for (relative, kind) in &stale {
                    let path = self.dir.join(relative);
                    let removed = match kind {
                        Found::Dir => fs::remove_dir(&path),
                        Found::File { .. } | Found::Other => fs::remove_file(&path),
                    };
                    removed.map_err(|e| WuyeError::io(&path, e))?;
                }
                self.stats.removed += stale.len();
                if exchange(&self.dir, &self.out).is_err() {
                    // No exchange on this file system: two renames, keeping
                    // the old output as the next back folder.
                    swap_in(
                        &self.dir,
                        &self.out,
                        &self.parent,
                        &self.name,
                        Some(&self.dir),
                    )?;
                }
                Ok(())
            }
            Target::Fresh => swap_in(&self.dir, &self.out, &self.parent, &self.name, None),
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // An abandoned fresh staging folder is of no use to anyone.
        if !self.finished && matches!(self.target, Target::Fresh) {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn lock(parent: &Path) -> Option<fs::File> {
    #[cfg(target_os = "linux")]
    {
        let dir = fs::File::open(parent).ok()?;
        rustix::fs::flock(&dir, rustix::fs::FlockOperation::LockExclusive).ok()?;
        Some(dir)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = parent;
        None
    }
}

/// Every folder that must exist for `tree`'s files, parents first.
fn folders_of(tree: &OutputTree) -> BTreeSet<String> {
    let mut dirs = BTreeSet::new();
    for path in tree.files.keys() {
        let mut end = 0;
        while let Some(slash) = path[end..].find('/') {
            end += slash;
            dirs.insert(path[..end].to_string());
            end += 1;
        }
    }
    dirs
}

/// An entry found in the back folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    File { len: u64, shared: bool },
    Dir,
    Other,
}

/// Lists everything under `dir` by relative path (`/`-separated).
fn walk(dir: &Path, prefix: &str, found: &mut HashMap<String, Found>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let Ok(name) = entry.file_name().into_string() else {
            // A name that is not UTF-8 cannot be one of ours: remove it.
            let path = entry.path();
            let _ = fs::remove_dir_all(&path).or_else(|_| fs::remove_file(&path));
            continue;
        };
        let relative = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let kind = entry.file_type()?;
        if kind.is_dir() {
            found.insert(relative.clone(), Found::Dir);
            walk(&entry.path(), &relative, found)?;
        } else if kind.is_file() {
            let meta = entry.metadata()?;
            found.insert(
                relative,
                Found::File {
                    len: meta.len(),
                    shared: nlink(&meta) > 1,
                },
            );
        } else {
            found.insert(relative, Found::Other);
        }
    }
    Ok(())
}

#[cfg(unix)]
fn nlink(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn nlink(_: &fs::Metadata) -> u64 {
    1
}

/// True when the file at `path` holds exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let mut buffer = vec![0u8; bytes.len() + 1];
    let mut filled = 0;
    loop {
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => {
                filled += n;
                if filled > bytes.len() {
                    return false;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    buffer[..filled] == *bytes
}

/// Replaces `out` with `new` by renames. With `keep`, the old output is
/// moved there (the next back folder) instead of being deleted.
fn swap_in(
    new: &Path,
    out: &Path,
    parent: &Path,
    name: &str,
    keep: Option<&Path>,
) -> Result<(), WuyeError> {
    if !out.exists() {
        return fs::rename(new, out).map_err(|e| WuyeError::io(out, e));
    }
    if keep.is_none() && exchange(new, out).is_ok() {
        // `new` now holds the old output.
        let _ = fs::remove_dir_all(new);
        return Ok(());
    }
    let old = parent.join(format!(".{name}.wuye-old-{}", std::process::id()));
    fs::rename(out, &old).map_err(|e| WuyeError::io(out, e))?;
    if let Err(e) = fs::rename(new, out) {
        let _ = fs::rename(&old, out);
        return Err(WuyeError::io(out, e));
    }
    match keep {
        Some(back) if fs::rename(&old, back).is_ok() => {}
        _ => {
            let _ = fs::remove_dir_all(&old);
        }
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange on this system"))
}

/// Removes staging and old folders that a killed build left behind.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let new_prefix = format!(".{name}.wuye-new-");
    let old_prefix = format!(".{name}.wuye-old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&new_prefix) || file_name.starts_with(&old_prefix) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> OutputTree {
        let mut t = OutputTree::default();
        for (p, c) in files {
            t.insert(*p, c.as_bytes());
        }
        t
    }

    #[test]
    fn replaces_the_whole_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_atomically(
            &tree(&[("site/index.html", "one"), ("site/old.html", "x")]),
            &out,
        )
        .unwrap();
        write_atomically(&tree(&[("site/index.html", "two")]), &out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("site/index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("site/old.html").exists());
        // No staging folder remains; the back folder keeps the previous
        // output for the next build to update.
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".output.wuye-back", "output"]);
        assert_eq!(
            fs::read_to_string(dir.path().join(".output.wuye-back/site/index.html")).unwrap(),
            "one"
        );
    }

    fn read_all(dir: &Path) -> BTreeMap<String, String> {
        let mut found = HashMap::new();
        walk(dir, "", &mut found).unwrap();
        found
            .into_iter()
            .filter(|(_, kind)| matches!(kind, Found::File { .. }))
            .map(|(path, _)| {
                let text = fs::read_to_string(dir.join(&path)).unwrap();
                (path, text)
            })
            .collect()
    }

    #[test]
    fn writes_only_what_changed_and_removes_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let first = tree(&[
            ("site/index.html", "home"),
            ("site/a/index.html", "a"),
            ("site/b/index.html", "b"),
            ("site/b/print.html", "b print"),
        ]);
        // Builds 1 and 2 write everything (no back folder yet).
        assert_eq!(
            write_atomically_with_stats(&first, &out).unwrap().written,
            4
        );
        assert_eq!(
            write_atomically_with_stats(&first, &out).unwrap().written,
            4
        );
        // Build 3 finds every byte already right in the back folder.
        let stats = write_atomically_with_stats(&first, &out).unwrap();
        assert_eq!((stats.files, stats.written, stats.removed), (4, 0, 0));
        assert_eq!(
            read_all(&out),
            first
                .files
                .iter()
                .map(|(p, b)| (p.clone(), String::from_utf8(b.to_vec()).unwrap()))
                .collect()
        );

        // One page changes, a notice folder goes, a file becomes a folder.
        let second = tree(&[
            ("site/index.html", "home, edited"),
            ("site/a/index.html", "a"),
            ("site/a/print.html", "new"),
        ]);
        write_atomically_with_stats(&second, &out).unwrap();
        let stats = write_atomically_with_stats(&second, &out).unwrap();
        // The back folder held build 3's files: home and a/print differ;
        // b/index.html, b/print.html and the folder b are removed.
        assert_eq!((stats.written, stats.removed), (2, 3));
        let want: BTreeMap<String, String> = second
            .files
            .iter()
            .map(|(p, b)| (p.clone(), String::from_utf8(b.to_vec()).unwrap()))
            .collect();
        assert_eq!(read_all(&out), want);
        let third = tree(&[("site/index.html/x", "deeper")]);
        write_atomically_with_stats(&third, &out).unwrap();
        write_atomically_with_stats(&third, &out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("site/index.html/x")).unwrap(),
            "deeper"
        );
    }

    #[test]
    #[cfg(unix)]
    fn a_hard_linked_file_is_replaced_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let one = tree(&[("site/index.html", "one")]);
        write_atomically(&one, &out).unwrap();
        write_atomically(&one, &out).unwrap();
        // Someone keeps a hard link to a file of the back folder.
        let kept = dir.path().join("kept.html");
        fs::hard_link(dir.path().join(".output.wuye-back/site/index.html"), &kept).unwrap();
        write_atomically(&tree(&[("site/index.html", "two")]), &out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("site/index.html")).unwrap(),
            "two"
        );
        assert_eq!(fs::read_to_string(&kept).unwrap(), "one");
    }

    #[test]
    fn unsafe_path_fails_and_keeps_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_atomically(&tree(&[("site/index.html", "one")]), &out).unwrap();
        let result = write_atomically(&tree(&[("site/index.html", "two"), ("../evil", "x")]), &out);
        assert!(result.is_err());
        assert_eq!(
            fs::read_to_string(out.join("site/index.html")).unwrap(),
            "one"
        );
        assert!(!dir.path().join("evil").exists());
    }

    #[test]
    fn paths_equal_up_to_case_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let result = write_atomically(
            &tree(&[
                ("site/notices/Water/index.html", "a"),
                ("site/notices/water/index.html", "b"),
            ]),
            &out,
        );
        assert!(result.is_err());
        assert!(!out.exists());
    }

    #[test]
    fn paths_equal_up_to_case_in_different_parts_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let mut staging = Staging::begin(&out).unwrap();
        staging.write(&tree(&[("site/notices/Water/index.html", "a")]));
        staging.write(&tree(&[("site/notices/water/index.html", "b")]));
        assert!(staging.finish().is_err());
        assert!(!out.exists());
    }

    #[test]
    fn safe_relative_paths() {
        assert!(is_safe_relative("site/a/b.html"));
        for bad in ["", "../x", "/etc/passwd", "a/../../b", "a\\b", "./a"] {
            assert!(!is_safe_relative(bad), "{bad}");
        }
    }
}
