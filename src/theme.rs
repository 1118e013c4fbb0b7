//! The theme: Tera templates and static assets.
//!
//! The default theme is embedded in the binary (from `themes/default/` of
//! this repository), so wuye works anywhere. A file under the estate's
//! `themes/<name>/` replaces the embedded file with the same path.
//! Loading reads files; rendering only ever sees the [`Theme`] value.

use crate::diagnostics::{Diagnostic, Kind, display_path};
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Templates by name (path under `templates/`, e.g. `site/index.html`) and
/// static files by path under `static/` (e.g. `style.css`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Theme {
    pub templates: BTreeMap<String, String>,
    pub assets: BTreeMap<String, Vec<u8>>,
}

/// The embedded default theme alone.
pub fn embedded() -> Theme {
    let mut theme = Theme::default();
    collect_embedded(&DEFAULT_THEME, &mut theme);
    theme
}

fn collect_embedded(dir: &Dir<'static>, theme: &mut Theme) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        add(theme, &path, file.contents().to_vec());
    }
    for sub in dir.dirs() {
        collect_embedded(sub, theme);
    }
}

/// Files of the embedded theme, by path (for `wuye init`).
pub fn embedded_files() -> Vec<(String, &'static [u8])> {
    fn walk(dir: &Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
        for file in dir.files() {
            out.push((
                file.path().to_string_lossy().replace('\\', "/"),
                file.contents(),
            ));
        }
        for sub in dir.dirs() {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&DEFAULT_THEME, &mut out);
    out.sort();
    out
}

/// Sorts one theme file into templates or assets. Returns false for a
/// template that is not UTF-8.
fn add(theme: &mut Theme, path: &str, bytes: Vec<u8>) -> bool {
    if let Some(name) = path.strip_prefix("templates/") {
        match String::from_utf8(bytes) {
            Ok(text) => {
                theme.templates.insert(name.to_string(), text);
            }
            Err(_) => return false,
        }
    } else if let Some(name) = path.strip_prefix("static/") {
        theme.assets.insert(name.to_string(), bytes);
    }
    true
}

/// The embedded theme with the estate's `themes/<name>/` laid over it.
pub fn load(root: &Path, name: &str) -> (Theme, Vec<Diagnostic>) {
    let mut theme = embedded();
    let mut diagnostics = Vec::new();
    let dir = root.join("themes").join(name);
    if crate::guard::outside_estate(root, &dir) {
        // Links inside the folder are never followed (see `walk_dir`); a
        // theme folder that is itself a link out of the estate is skipped.
        let target = crate::guard::link_target(&dir);
        diagnostics.push(Diagnostic::warning(
            display_path(root, &dir),
            Kind::OutsideEstate,
            crate::messages::content::ContentMsg::OutsideEstate { target: &target }
                .text(crate::messages::Lang::default()),
        ));
    } else if dir.is_dir() {
        let mut files = Vec::new();
        walk_dir(&dir, &mut files);
        files.sort();
        for path in files {
            let relative = display_path(&dir, &path);
            match std::fs::read(&path) {
                Ok(bytes) => {
                    if !add(&mut theme, &relative, bytes) {
                        diagnostics.push(Diagnostic::error(
                            display_path(root, &path),
                            Kind::Encoding,
                            crate::messages::content::ContentMsg::NotUtf8
                                .text(crate::messages::Lang::default()),
                        ));
                    }
                }
                Err(err) => diagnostics.push(Diagnostic::error(
                    display_path(root, &path),
                    Kind::Io,
                    crate::messages::content::ContentMsg::Unreadable {
                        reason: &err.to_string(),
                    }
                    .text(crate::messages::Lang::default()),
                )),
            }
        }
    }
    (theme, diagnostics)
}

fn walk_dir(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk_dir(&path, out);
        } else if kind.is_file() {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_theme_has_base_template_and_css() {
        let theme = embedded();
        assert!(theme.templates.contains_key("base.html"));
        assert!(theme.assets.contains_key("style.css"));
    }

    #[test]
    fn estate_file_overrides_embedded_one() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("themes/default/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(templates.join("base.html"), "mine").unwrap();
        let (theme, problems) = load(dir.path(), "default");
        assert!(problems.is_empty());
        assert_eq!(theme.templates["base.html"], "mine");
        assert!(theme.assets.contains_key("style.css"));
    }
}
