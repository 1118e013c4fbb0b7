//! Stage 7: write the rendered files, atomically.
//!
//! Everything is written into a fresh folder beside the output folder;
//! only when that succeeded is it swapped in place of the old output with
//! one `renameat2(RENAME_EXCHANGE)` (Linux), so a reader or a killed build
//! sees either the old output or the new one, never a mix. Where the
//! exchange is not available the swap is two renames, and the old output
//! stays in a `.wuye-old-*` folder until the next build cleans it up.

use crate::diagnostics::WuyeError;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// The files of one build, by path relative to the output folder
/// (`site/index.html`). Paths use `/` and never contain `..`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutputTree {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl OutputTree {
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
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

/// Writes `tree` as the new content of `out`, swapping it in atomically.
/// On any error `out` is left exactly as it was.
pub fn write_atomically(tree: &OutputTree, out: &Path) -> Result<usize, WuyeError> {
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
    remove_leftovers(&parent, &name);

    let staging = parent.join(format!(".{name}.wuye-new-{}", std::process::id()));
    let result = write_tree(tree, &staging).and_then(|()| swap_in(&staging, out, &parent, &name));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result.map(|()| tree.files.len())
}

fn write_tree(tree: &OutputTree, staging: &Path) -> Result<(), WuyeError> {
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(|e| WuyeError::io(staging, e))?;
    }
    fs::create_dir_all(staging).map_err(|e| WuyeError::io(staging, e))?;
    // The loaders refuse clashing names with a diagnostic; this is the last
    // line: no two files of a build may share a path up to case (one would
    // overwrite the other on a case-insensitive disk or server).
    let mut folded: BTreeMap<String, &str> = BTreeMap::new();
    for relative in tree.files.keys() {
        if let Some(first) = folded.insert(relative.to_lowercase(), relative) {
            return Err(WuyeError::Message(format!(
                "two files of the build would overwrite each other: {first} and {relative}"
            )));
        }
    }
    for (relative, bytes) in &tree.files {
        if !is_safe_relative(relative) {
            return Err(WuyeError::Message(format!(
                "refusing to write outside the output folder: {relative}"
            )));
        }
        let path = staging.join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| WuyeError::io(dir, e))?;
        }
        fs::write(&path, bytes).map_err(|e| WuyeError::io(&path, e))?;
    }
    Ok(())
}

fn swap_in(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), WuyeError> {
    if !out.exists() {
        return fs::rename(staging, out).map_err(|e| WuyeError::io(out, e));
    }
    if exchange(staging, out).is_ok() {
        // `staging` now holds the old output.
        let _ = fs::remove_dir_all(staging);
        return Ok(());
    }
    let old = parent.join(format!(".{name}.wuye-old-{}", std::process::id()));
    fs::rename(out, &old).map_err(|e| WuyeError::io(out, e))?;
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        return Err(WuyeError::io(out, e));
    }
    let _ = fs::remove_dir_all(&old);
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
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(leftovers.len(), 1, "only the output folder remains");
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
    fn safe_relative_paths() {
        assert!(is_safe_relative("site/a/b.html"));
        for bad in ["", "../x", "/etc/passwd", "a/../../b", "a\\b", "./a"] {
            assert!(!is_safe_relative(bad), "{bad}");
        }
    }
}
