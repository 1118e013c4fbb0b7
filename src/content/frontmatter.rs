//! Front matter at the top of a Markdown file: TOML between `+++` lines or
//! YAML between `---` lines. Errors carry the file's own line numbers.

use super::SourceFile;
use crate::diagnostics::{Diagnostic, Kind};
use crate::messages::Lang;
use crate::messages::content::ContentMsg;
use serde::de::DeserializeOwned;

/// A file split into its typed front matter and its Markdown body.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub meta: T,
    pub body: String,
    /// Line of the file on which the body starts (1-based).
    pub body_line: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Toml,
    Yaml,
}

/// Splits `text` into (format, front matter, body, first line of the front
/// matter, first line of the body). No fence: no front matter.
#[allow(clippy::type_complexity)]
fn split(text: &str) -> Result<Option<(Format, &str, &str, u64, u64)>, &'static str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let fence = text[..first_line_end].trim_end();
    let format = match fence {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ => return Ok(None),
    };
    let rest = &text[first_line_end..];
    let mut offset = 0;
    let mut line_count = 0u64;
    for line in rest.split_inclusive('\n') {
        line_count += 1;
        if line.trim_end() == fence {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Some((format, front, body, 2, line_count + 2)));
        }
        offset += line.len();
    }
    Err(if format == Format::Toml { "+++" } else { "---" })
}

/// Parses a file's front matter into `T` (which should deny unknown
/// fields). `keys` are the valid keys, for "did you mean" hints. A file
/// without front matter is parsed as an empty table.
pub fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    keys: &[&str],
    lang: Lang,
) -> Result<Parsed<T>, Vec<Diagnostic>> {
    let (format, front, body, front_line, body_line) = match split(&file.text) {
        Ok(Some(parts)) => parts,
        Ok(None) => {
            let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
            (Format::Toml, "", text, 1, 1)
        }
        Err(fence) => {
            return Err(vec![
                Diagnostic::error(
                    &file.path,
                    Kind::FrontMatterUnclosed,
                    ContentMsg::Unclosed { fence }.text(lang),
                )
                .at_line(1),
            ]);
        }
    };
    let meta = match format {
        Format::Toml => toml::from_str::<T>(front).map_err(|err| {
            let line = err
                .span()
                .map(|span| {
                    front[..span.start.min(front.len())].matches('\n').count() as u64 + front_line
                })
                .unwrap_or(front_line);
            describe(file, err.message(), line, keys, lang)
        }),
        Format::Yaml => {
            if front.trim().is_empty() {
                toml::from_str::<T>("")
                    .map_err(|err| describe(file, err.message(), front_line, keys, lang))
            } else {
                serde_saphyr::from_str::<T>(front).map_err(|err| {
                    let line = err
                        .location()
                        .map(|location| location.line().saturating_sub(1) + front_line)
                        .unwrap_or(front_line);
                    describe(file, &yaml_message(&err), line, keys, lang)
                })
            }
        }
    }
    .map_err(|d| vec![d])?;
    Ok(Parsed {
        meta,
        body: body.to_string(),
        body_line,
    })
}

fn yaml_message(err: &serde_saphyr::Error) -> String {
    match err {
        serde_saphyr::Error::SerdeUnknownField { field, .. } => format!("unknown field `{field}`"),
        serde_saphyr::Error::SerdeMissingField { field, .. } => format!("missing field `{field}`"),
        other => {
            // The first line only: saphyr adds a source snippet below it.
            other
                .to_string()
                .lines()
                .next()
                .unwrap_or_default()
                .to_string()
        }
    }
}

/// Turns a serde message into a diagnostic a clerk can act on.
fn describe(file: &SourceFile, message: &str, line: u64, keys: &[&str], lang: Lang) -> Diagnostic {
    let quoted = |prefix: &str| {
        message
            .find(prefix)
            .map(|i| &message[i + prefix.len()..])
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    if let Some(key) = quoted("unknown field `") {
        let suggestion = keys
            .iter()
            .map(|k| (strsim::damerau_levenshtein(k, &key), *k))
            .filter(|(d, k)| *d <= k.len() / 2 + 1)
            .min()
            .map(|(_, k)| k);
        return Diagnostic::error(
            &file.path,
            Kind::UnknownFrontMatterKey,
            ContentMsg::UnknownKey {
                key: &key,
                suggestion,
            }
            .text(lang),
        )
        .at_line(line)
        .in_column(key.clone())
        .with_value(key);
    }
    if let Some(key) = quoted("missing field `") {
        return Diagnostic::error(
            &file.path,
            Kind::MissingFrontMatterKey,
            ContentMsg::MissingKey { key: &key }.text(lang),
        )
        .at_line(line)
        .in_column(key);
    }
    Diagnostic::error(
        &file.path,
        Kind::FrontMatterSyntax,
        ContentMsg::Syntax {
            detail: message.trim(),
        }
        .text(lang),
    )
    .at_line(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Meta {
        title: String,
        #[serde(default)]
        pinned: bool,
    }

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "content/notices/a.md".into(),
            text: text.into(),
        }
    }

    #[test]
    fn toml_and_yaml_give_the_same_meta() {
        let toml = parse::<Meta>(
            &file("+++\ntitle = \"停水\"\npinned = true\n+++\n正文\n"),
            &[],
            Lang::ZhCn,
        )
        .unwrap();
        let yaml = parse::<Meta>(
            &file("---\ntitle: 停水\npinned: true\n---\n正文\n"),
            &[],
            Lang::ZhCn,
        )
        .unwrap();
        assert_eq!(toml.meta, yaml.meta);
        assert_eq!(toml.body, "正文\n");
        assert_eq!(toml.body_line, 5);
        assert_eq!(yaml.body_line, 5);
    }

    #[test]
    fn unknown_key_has_line_and_suggestion() {
        let errors = parse::<Meta>(
            &file("+++\ntitle = \"x\"\npined = true\n+++\n"),
            &["title", "pinned"],
            Lang::ZhCn,
        )
        .unwrap_err();
        assert_eq!(errors[0].kind, Kind::UnknownFrontMatterKey);
        assert_eq!(errors[0].line, Some(3));
        assert!(errors[0].message.contains("pinned"));
        let errors = parse::<Meta>(
            &file("---\ntitle: x\npined: true\n---\n"),
            &["title", "pinned"],
            Lang::ZhCn,
        )
        .unwrap_err();
        assert_eq!(errors[0].kind, Kind::UnknownFrontMatterKey);
        assert_eq!(errors[0].line, Some(3));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let errors = parse::<Meta>(&file("+++\ntitle = \"x\"\n正文"), &[], Lang::ZhCn).unwrap_err();
        assert_eq!(errors[0].kind, Kind::FrontMatterUnclosed);
    }

    #[test]
    fn missing_key_is_named() {
        let errors = parse::<Meta>(&file("+++\npinned = true\n+++\n"), &[], Lang::En).unwrap_err();
        assert_eq!(errors[0].kind, Kind::MissingFrontMatterKey);
        assert_eq!(errors[0].column.as_deref(), Some("title"));
    }
}
