//! Front matter (`+++` TOML or `---` YAML) at the top of a Markdown file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wuye::content::{SourceFile, frontmatter};
use wuye::messages::Lang;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Meta {
    title: String,
    #[serde(default)]
    pinned: bool,
    #[serde(default)]
    date: Option<toml::Value>,
}

fuzz_target!(|text: &str| {
    let file = SourceFile {
        path: "content/notices/fuzz.md".into(),
        text: text.to_string(),
    };
    if let Ok(parsed) = frontmatter::parse::<toml::Table>(&file, &[], Lang::ZhCn) {
        assert!(parsed.body_line >= 1);
        assert!(text.ends_with(&parsed.body));
    }
    if let Err(problems) = frontmatter::parse::<Meta>(&file, &["title", "pinned", "date"], Lang::En) {
        assert!(!problems.is_empty());
    }
});
