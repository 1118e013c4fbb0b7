//! The site's search index: unigrams and bigrams of characters, so that
//! Chinese (written without spaces) is found by any word of it: 停水,
//! 电梯, 物业费 or a single character.
//!
//! Built at build time into a manifest (`static/search-index.<hash>.js`:
//! the documents and the shard file names) plus [`SHARDS`] shard files
//! (`static/search-<n>.<hash>.js`: gram → document numbers). Each file is a
//! script calling `wuyeSearchLoaded(key, data)` rather than plain JSON,
//! because browsers refuse `fetch` on pages opened from disk but do load
//! scripts, so search works from a folder too. A gram lives
//! in shard `first char's code point % SHARDS`, so a query loads only the
//! shards of its own grams, and only when someone searches.
//! `static/search.js` implements the same normalisation and lookup as
//! [`normalize`], [`query_grams`] and [`search`] here.
//!
//! Only public text goes in: titles, summaries and bodies of published
//! notices and pages. Nothing from the logs.

use super::assets::hashed_name;
use crate::output::OutputTree;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub const SHARDS: u32 = 16;

/// One searchable document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Doc {
    /// URL relative to the site root.
    #[serde(rename = "u")]
    pub url: String,
    #[serde(rename = "t")]
    pub title: String,
    /// `YYYY-MM-DD`, empty for pages.
    #[serde(rename = "d")]
    pub date: String,
    /// Category or section label.
    #[serde(rename = "c")]
    pub label: String,
    /// Expired notice.
    #[serde(rename = "x")]
    pub expired: bool,
}

/// A document with the text to index.
pub struct Entry {
    pub doc: Doc,
    pub text: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    v: u32,
    shards: u32,
    /// Shard URLs relative to the site root; `null` for an empty shard.
    files: Vec<Option<String>>,
    docs: Vec<&'a Doc>,
}

/// Folds what a person may type differently: full-width ASCII to ASCII,
/// letters to lower case.
pub fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Runs of letters and digits (CJK included) of normalized text.
fn runs(text: &str) -> Vec<Vec<char>> {
    let mut runs = Vec::new();
    let mut current = Vec::new();
    for c in normalize(text).chars() {
        if c.is_alphanumeric() {
            current.push(c);
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// Every unigram and bigram of a document's text.
pub fn index_grams(text: &str) -> BTreeSet<String> {
    let mut grams = BTreeSet::new();
    for run in runs(text) {
        for (i, c) in run.iter().enumerate() {
            grams.insert(c.to_string());
            if let Some(next) = run.get(i + 1) {
                grams.insert([*c, *next].iter().collect());
            }
        }
    }
    grams
}

/// The grams a query needs: a lone character itself, otherwise its bigrams.
pub fn query_grams(query: &str) -> BTreeSet<String> {
    let mut grams = BTreeSet::new();
    for run in runs(query) {
        if run.len() == 1 {
            grams.insert(run[0].to_string());
        } else {
            for pair in run.windows(2) {
                grams.insert(pair.iter().collect());
            }
        }
    }
    grams
}

/// [`index_grams`] as numbers, ascending in the grams' string order:
/// `first << 32 | second` (0 for a unigram; no letter or digit is NUL),
/// which UTF-8 byte order and code point order agree on.
fn gram_keys(text: &str) -> Vec<u64> {
    let mut keys = Vec::new();
    // The previous letter or digit of the current run.
    let mut previous: Option<char> = None;
    let mut push = |c: char, keys: &mut Vec<u64>| {
        if c.is_alphanumeric() {
            keys.push(u64::from(c as u32) << 32);
            if let Some(p) = previous {
                keys.push(u64::from(p as u32) << 32 | u64::from(c as u32));
            }
            previous = Some(c);
        } else {
            previous = None;
        }
    };
    // What `normalize` does, character by character, with quick ways for
    // ASCII and for CJK ideographs (no case, always letters).
    for c in text.chars() {
        match c {
            _ if c.is_ascii() => push(c.to_ascii_lowercase(), &mut keys),
            '\u{4e00}'..='\u{9fff}' => push(c, &mut keys),
            '\u{ff01}'..='\u{ff5e}' => {
                let c = char::from_u32(c as u32 - 0xfee0).unwrap_or(c);
                for lower in c.to_lowercase() {
                    push(lower, &mut keys);
                }
            }
            '\u{3000}' => push(' ', &mut keys),
            _ => {
                for lower in c.to_lowercase() {
                    push(lower, &mut keys);
                }
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The gram a key stands for.
fn gram_of(key: u64) -> String {
    [(key >> 32) as u32, key as u32]
        .into_iter()
        .filter(|&c| c != 0)
        .filter_map(char::from_u32)
        .collect()
}

fn shard_of(gram: &str) -> u32 {
    gram.chars().next().map_or(0, |c| c as u32 % SHARDS)
}

/// Writes the manifest and shards under `site/static/`; returns the
/// manifest's URL relative to the site root.
pub fn publish(entries: &[Entry], tree: &mut OutputTree) -> String {
    use rayon::prelude::*;
    // Each document's grams on every thread; then, document by document,
    // into the shards (postings stay in document order).
    // (In batches, so that the grams of all documents are never all in
    // memory at once.)
    let mut keyed: Vec<BTreeMap<u64, Vec<usize>>> = (0..SHARDS).map(|_| BTreeMap::new()).collect();
    for (batch, chunk) in entries.chunks(1024).enumerate() {
        let grams: Vec<Vec<u64>> = chunk.par_iter().map(|e| gram_keys(&e.text)).collect();
        for (i, keys) in grams.iter().enumerate() {
            let number = batch * 1024 + i;
            for &key in keys {
                let shard = (key >> 32) as u32 % SHARDS;
                if let Some(shard) = keyed.get_mut(shard as usize) {
                    shard.entry(key).or_default().push(number);
                }
            }
        }
    }
    let shards: Vec<BTreeMap<String, Vec<usize>>> = keyed
        .into_iter()
        .map(|shard| {
            shard
                .into_iter()
                .map(|(key, postings)| (gram_of(key), postings))
                .collect()
        })
        .collect();
    let mut files = Vec::new();
    for (n, shard) in shards.iter().enumerate() {
        if shard.is_empty() {
            files.push(None);
            continue;
        }
        let script = as_script(
            &n.to_string(),
            &serde_json::to_string(shard).unwrap_or_default(),
        );
        let url = format!(
            "static/{}",
            hashed_name(&format!("search-{n}.js"), script.as_bytes())
        );
        tree.insert(format!("site/{url}"), script);
        files.push(Some(url));
    }
    let manifest = Manifest {
        v: 1,
        shards: SHARDS,
        files,
        docs: entries.iter().map(|e| &e.doc).collect(),
    };
    let script = as_script(
        "\"index\"",
        &serde_json::to_string(&manifest).unwrap_or_default(),
    );
    let url = format!(
        "static/{}",
        hashed_name("search-index.js", script.as_bytes())
    );
    tree.insert(format!("site/{url}"), script);
    url
}

const CALLBACK: &str = "wuyeSearchLoaded(";

/// Wraps JSON in the callback that `search.js` defines.
fn as_script(key: &str, json: &str) -> String {
    format!("{CALLBACK}{key},{json});\n")
}

/// The JSON inside a published index script.
pub fn script_payload(script: &str) -> Option<&str> {
    let rest = script.strip_prefix(CALLBACK)?;
    let (_, json) = rest.split_once(',')?;
    json.trim_end().strip_suffix(");")
}

/// Runs a query against a published index the way `search.js` does:
/// documents holding every gram of the query, titles containing the query
/// first, otherwise in index order (newest notice first). Returns URLs.
/// `read` gives the text of a file by its URL relative to the site root.
pub fn search(
    manifest_url: &str,
    read: impl Fn(&str) -> Option<String>,
    query: &str,
) -> Vec<String> {
    let Some(manifest) = read(manifest_url)
        .and_then(|t| serde_json::from_str::<serde_json::Value>(script_payload(&t)?).ok())
    else {
        return Vec::new();
    };
    let docs = manifest["docs"].as_array().cloned().unwrap_or_default();
    let grams = query_grams(query);
    if grams.is_empty() {
        return Vec::new();
    }
    let mut hits: Option<BTreeSet<u64>> = None;
    for gram in &grams {
        let file = &manifest["files"][shard_of(gram) as usize];
        let postings: BTreeSet<u64> = file
            .as_str()
            .and_then(&read)
            .and_then(|t| serde_json::from_str::<serde_json::Value>(script_payload(&t)?).ok())
            .and_then(|shard| shard.get(gram.as_str()).and_then(|v| v.as_array()).cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(serde_json::Value::as_u64)
            .collect();
        hits = Some(match hits {
            None => postings,
            Some(previous) => previous.intersection(&postings).copied().collect(),
        });
    }
    let wanted = normalize(query.trim());
    let mut found: Vec<(bool, u64)> = hits
        .unwrap_or_default()
        .into_iter()
        .map(|n| {
            let title = docs
                .get(n as usize)
                .and_then(|d| d["t"].as_str())
                .unwrap_or_default();
            (!normalize(title).contains(&wanted), n)
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .filter_map(|(_, n)| docs.get(n as usize)?["u"].as_str().map(str::to_string))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gram_keys_are_index_grams_in_order() {
        for text in [
            "关于3栋、4栋停水的通知 Water OFF ２０２６",
            "电梯 elevator, 电梯! a",
            "",
            "x",
            "物业费 缴纳 ＡＢＣ abc",
            "İstanbul ΣΑΣ straße Ⅻ ①② 〇 ｶﾀｶﾅ ﾟ",
            "é\u{301}x\u{3000}y\u{ff10}\u{ff3f}z_ 1.5% 😀a",
            "ǅ ǈ ΐ ﬁ",
        ] {
            let keys: Vec<String> = gram_keys(text).into_iter().map(gram_of).collect();
            let grams: Vec<String> = index_grams(text).into_iter().collect();
            assert_eq!(keys, grams, "{text}");
        }
    }

    fn entry(url: &str, title: &str, text: &str) -> Entry {
        Entry {
            doc: Doc {
                url: url.into(),
                title: title.into(),
                date: String::new(),
                label: String::new(),
                expired: false,
            },
            text: format!("{title} {text}"),
        }
    }

    fn run(entries: &[Entry], query: &str) -> Vec<String> {
        let mut tree = OutputTree::default();
        let manifest = publish(entries, &mut tree);
        search(
            &manifest,
            |url| {
                tree.files
                    .get(&format!("site/{url}"))
                    .map(|b| String::from_utf8_lossy(b).into_owned())
            },
            query,
        )
    }

    #[test]
    fn grams_of_chinese_text() {
        let grams: Vec<_> = index_grams("停水，通知").into_iter().collect();
        assert_eq!(grams, ["停", "停水", "水", "知", "通", "通知"]);
        let q: Vec<_> = query_grams("物业费").into_iter().collect();
        assert_eq!(q, ["业费", "物业"]);
        assert_eq!(query_grams("水").into_iter().collect::<Vec<_>>(), ["水"]);
        assert_eq!(normalize("ＡＢ１"), "ab1");
    }

    #[test]
    fn finds_words_inside_unspaced_chinese() {
        let entries = [
            entry("a/", "3栋停水通知", "因管道维修，11月21日停水。"),
            entry("b/", "电梯年检", "5栋电梯将于周三年检。"),
            entry("c/", "缴纳物业费提醒", "请于月底前缴纳。"),
        ];
        assert_eq!(run(&entries, "停水"), ["a/"]);
        assert_eq!(run(&entries, "电梯"), ["b/"]);
        assert_eq!(run(&entries, "物业费"), ["c/"]);
        assert_eq!(run(&entries, "栋"), ["a/", "b/"]);
        assert_eq!(run(&entries, "停电"), Vec::<String>::new());
        assert_eq!(run(&entries, "  "), Vec::<String>::new());
    }

    #[test]
    fn title_matches_come_first() {
        let entries = [
            entry("body/", "年检安排", "电梯检修期间请走楼梯。"),
            entry("title/", "电梯检修", "周三上午。"),
        ];
        assert_eq!(run(&entries, "电梯"), ["title/", "body/"]);
    }
}
