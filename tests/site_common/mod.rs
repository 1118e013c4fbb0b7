//! Fixture estates for the site tests: written to a temporary folder and
//! built with the real `wuye` binary.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Estate {
    pub dir: tempfile::TempDir,
}

/// `wuye.toml` of the fixtures; `extra` is appended.
pub fn config(extra: &str) -> String {
    format!(
        "name = \"翠湖苑\"\ncompany = \"澄湖物业服务有限公司\"\nservice_phone = \"0571-8888 6666\"\nemergency_phone = \"0571-8888 6110\"\nservice_hours = \"每天 8:00—20:00\"\naddress = \"1栋一层 物业服务中心\"\nbase_url = \"https://cuihu.example.org/board\"\nas_of = \"2026-11-20 18:00\"\n{extra}"
    )
}

impl Estate {
    pub fn new(config_text: &str) -> Estate {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("wuye.toml"), config_text).expect("config");
        Estate { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, text: &str) -> &Estate {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
        std::fs::write(path, text).expect("write");
        self
    }

    /// A TOML notice; `extra` are further front matter lines.
    pub fn notice(
        &self,
        slug: &str,
        title: &str,
        date: &str,
        category: &str,
        extra: &str,
        body: &str,
    ) -> &Estate {
        self.write(
            &format!("content/notices/{slug}.md"),
            &format!("+++\ntitle = \"{title}\"\ndate = \"{date}\"\ncategory = \"{category}\"\n{extra}+++\n{body}\n"),
        )
    }

    /// Runs `wuye build --root <estate> [--out <out>]`; returns the
    /// process output.
    pub fn run_build(&self, out: Option<&Path>) -> std::process::Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_wuye"));
        command.arg("build").arg("--root").arg(self.root());
        if let Some(out) = out {
            command.arg("--out").arg(out);
        }
        command.output().expect("run wuye")
    }

    /// Builds and returns every file under `output/site/` by path.
    pub fn build(&self) -> Site {
        let output = self.run_build(None);
        assert!(
            output.status.success(),
            "build failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        Site::read(&self.root().join("output/site"))
    }
}

/// The files of a built site.
pub struct Site {
    pub dir: PathBuf,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Site {
    pub fn read(dir: &Path) -> Site {
        let mut files = BTreeMap::new();
        walk(dir, dir, &mut files);
        Site {
            dir: dir.to_path_buf(),
            files,
        }
    }

    pub fn text(&self, path: &str) -> String {
        let bytes = self.files.get(path).unwrap_or_else(|| {
            panic!(
                "{path} missing; have {:?}",
                self.files.keys().collect::<Vec<_>>()
            )
        });
        String::from_utf8(bytes.clone()).expect("utf-8")
    }

    pub fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub fn html_pages(&self) -> impl Iterator<Item = (&String, String)> {
        self.files
            .iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .map(|(p, b)| (p, String::from_utf8_lossy(b).into_owned()))
    }

    /// The one file under `static/` whose name starts with `prefix`.
    pub fn static_file(&self, prefix: &str) -> String {
        let found: Vec<_> = self
            .files
            .keys()
            .filter(|p| p.starts_with(&format!("static/{prefix}")))
            .collect();
        assert_eq!(found.len(), 1, "{prefix}: {found:?}");
        found[0].clone()
    }
}

fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, files);
        } else {
            let relative = path
                .strip_prefix(root)
                .expect("inside")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.insert(relative, std::fs::read(&path).expect("read"));
        }
    }
}

/// Every value of `attribute="…"` in `html`.
pub fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let needle = format!(" {attribute}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            values.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    values
}

/// Titles of the notice list items (`<h3 class="item-title">`) in order.
pub fn list_titles(html: &str) -> Vec<String> {
    html.split("<h3 class=\"item-title\">")
        .skip(1)
        .filter_map(|part| {
            let start = part.find('>')? + 1;
            let end = part[start..].find('<')? + start;
            Some(part[start..end].to_string())
        })
        .collect()
}

/// Undoes percent-encoding of a URL path.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(Ok(b)) = text.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16))
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("utf-8 path")
}
