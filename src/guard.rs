//! Defences against hostile or broken input, in one place: every size and
//! depth limit the loaders enforce, and the rule that reading never follows
//! a symbolic link out of the estate folder.
//!
//! The limits are far above anything a service centre writes by hand or a
//! spreadsheet exports, and low enough that one bad file cannot make a build
//! hang or take the machine's memory. Going over a limit is an error with
//! the file, the line and what to do (see `docs/HARDENING.md`).

use std::path::Path;

/// The longest CSV row (the header included) that is read, in decoded
/// bytes: 1 MiB, about 350,000 Chinese characters. Longer rows are what a
/// broken export or a file that is not a log at all looks like; the reader
/// stops there instead of buffering the rest of the file as one cell.
pub const MAX_CSV_RECORD_BYTES: u64 = 1024 * 1024;

/// The most columns a log's header may have. The widest log (surveys, one
/// column per scored dimension) has a few dozen.
pub const MAX_CSV_COLUMNS: usize = 1000;

/// The largest Markdown file that is read: 16 MiB (a notice with a 5 MB
/// price table still builds).
pub const MAX_MARKDOWN_BYTES: u64 = 16 * 1024 * 1024;

/// The deepest nesting of Markdown containers and HTML elements (a list in
/// a list counts two: the list and its item). The HTML sanitizer takes time
/// that grows with the square of the depth, so a 10,000-level list would
/// take minutes; real documents stay under ten levels.
pub const MAX_NESTING: usize = 100;

/// True when `path` exists and, with every symbolic link resolved, lies
/// outside `root`. Such files are not read (a link in `content/` to
/// `/etc/passwd` must not end up on the public site); a broken link is not
/// "outside" and fails as unreadable where it is opened.
pub fn outside_estate(root: &Path, path: &Path) -> bool {
    let (Ok(real_root), Ok(real)) = (root.canonicalize(), path.canonicalize()) else {
        return false;
    };
    !real.starts_with(real_root)
}

/// Where a symbolic link leads, for a warning ("→ /etc/passwd").
pub fn link_target(path: &Path) -> String {
    path.canonicalize()
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_estate_are_outside() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("estate");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("secret.md"), "x").unwrap();
        std::fs::write(root.join("content/own.md"), "x").unwrap();
        std::os::unix::fs::symlink(elsewhere.join("secret.md"), root.join("content/out.md"))
            .unwrap();
        std::os::unix::fs::symlink(root.join("content/own.md"), root.join("content/in.md"))
            .unwrap();
        std::os::unix::fs::symlink(&elsewhere, root.join("linked")).unwrap();
        assert!(outside_estate(&root, &root.join("content/out.md")));
        assert!(outside_estate(&root, &root.join("linked/secret.md")));
        assert!(!outside_estate(&root, &root.join("content/in.md")));
        assert!(!outside_estate(&root, &root.join("content/own.md")));
        assert!(!outside_estate(&root, &root.join("content/missing.md")));
        // A root given through a link is compared by where it really is.
        std::os::unix::fs::symlink(&root, dir.path().join("alias")).unwrap();
        let alias = dir.path().join("alias");
        assert!(!outside_estate(&alias, &alias.join("content/in.md")));
        assert!(outside_estate(&alias, &alias.join("content/out.md")));
    }
}
