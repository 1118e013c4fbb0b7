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
use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

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
#[derive(Debug)]
pub struct Entry {
    pub doc: Doc,
    pub text: String,
    /// A key of `text` (see [`Entry::new`]).
    key: u64,
}

impl Entry {
    pub fn new(doc: Doc, text: String) -> Entry {
        let key = text_key(&text);
        Entry { doc, text, key }
    }
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
    // A text repeats most of its grams: give back the room of the repeats
    // (held across a batch of documents, it would add up).
    keys.shrink_to_fit();
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
/// manifest's URL (relative to the site root).
pub fn publish<E: Borrow<Entry> + Sync>(entries: &[E], tree: &mut OutputTree) -> String {
    use rayon::prelude::*;
    let entries: Vec<&Entry> = entries.iter().map(Borrow::borrow).collect();
    // Each document's grams on every thread; then, document by document,
    // into the shards (postings stay in document order). In batches, so
    // that the grams of all documents are never all in memory at once
    // (nothing is kept for a next index, unlike `publish_with`).
    let mut postings: Vec<BTreeMap<u64, Vec<u32>>> = (0..SHARDS).map(|_| BTreeMap::new()).collect();
    const BATCH: usize = 256;
    for (batch, chunk) in entries.chunks(BATCH).enumerate() {
        let grams: Vec<Vec<u64>> = chunk.par_iter().map(|e| gram_keys(&e.text)).collect();
        for (i, keys) in grams.iter().enumerate() {
            let number = u32::try_from(batch * BATCH + i).unwrap_or(u32::MAX);
            for &key in keys {
                if let Some(shard) = postings.get_mut(shard_of_key(key)) {
                    shard.entry(key).or_default().push(number);
                }
            }
        }
    }
    let mut memo = SearchMemo {
        postings,
        ..SearchMemo::default()
    };
    write_files(&entries, &mut memo, &[true; SHARDS as usize], tree)
}

/// The shard a gram key belongs to: its first character's code point
/// modulo [`SHARDS`] (see [`shard_of`]).
fn shard_of_key(key: u64) -> usize {
    ((key >> 32) as u32 % SHARDS) as usize
}

/// What one [`publish_with`] leaves for the next, so that `wuye serve`
/// redoes only what an edit changed: the grams of each distinct text, the
/// postings of the last index, and its files.
#[derive(Debug, Default)]
pub struct SearchMemo {
    /// Grams by the key of the text they were found in.
    grams: HashMap<u64, Arc<Vec<u64>>>,
    /// The text key of each document of the last index, in order.
    texts: Vec<u64>,
    /// Gram key → document numbers (ascending), one map per shard.
    postings: Vec<BTreeMap<u64, Vec<u32>>>,
    /// Each shard's file, if not empty.
    shard_files: Vec<Option<ShardFile>>,
    /// The manifest: key of what it lists, path and bytes.
    manifest: Option<(u64, String, Arc<Vec<u8>>)>,
}

/// A shard's file: path under `site/` and bytes.
type ShardFile = (String, Arc<Vec<u8>>);

/// A key of a document's text (fast fixed-seed hash: it runs over every
/// document on every build).
fn text_key(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x73_65_61_72).hash_one(text)
}

/// [`publish`], reusing what `memo` holds from the previous index: grams
/// of unchanged texts, and, when the documents are as many as before, the
/// postings (only the changed documents' grams are taken out and put in)
/// and the files of the shards no posting of which changed. The files are
/// byte for byte those [`publish`] writes.
pub fn publish_with<E: Borrow<Entry> + Sync>(
    entries: &[E],
    memo: &mut SearchMemo,
    tree: &mut OutputTree,
) -> String {
    use rayon::prelude::*;
    let entries: Vec<&Entry> = entries.iter().map(Borrow::borrow).collect();
    let texts: Vec<u64> = entries.iter().map(|e| e.key).collect();
    // Grams of texts not seen before, on every thread.
    let mut missing: Vec<usize> = (0..entries.len())
        .filter(|&i| !memo.grams.contains_key(&texts[i]))
        .collect();
    missing.dedup_by_key(|i| texts[*i]);
    let found: Vec<(u64, Arc<Vec<u64>>)> = missing
        .par_iter()
        .map(|&i| (texts[i], Arc::new(gram_keys(&entries[i].text))))
        .collect();
    let mut grams = std::mem::take(&mut memo.grams);
    grams.extend(found);
    let empty = Arc::new(Vec::new());
    let grams_of = |key: &u64| {
        grams
            .get(key)
            .cloned()
            .unwrap_or_else(|| Arc::clone(&empty))
    };

    let mut dirty = vec![false; SHARDS as usize];
    let changed: Vec<usize> =
        if memo.texts.len() == entries.len() && memo.postings.len() == SHARDS as usize {
            (0..entries.len())
                .filter(|&i| memo.texts[i] != texts[i])
                .collect()
        } else {
            (0..entries.len()).collect()
        };
    if changed.len() * 8 > entries.len() || memo.postings.len() != SHARDS as usize {
        // Many changes (or the first index): all postings afresh, document
        // by document, so that each list is in document order.
        let mut postings: Vec<BTreeMap<u64, Vec<u32>>> =
            (0..SHARDS).map(|_| BTreeMap::new()).collect();
        for (number, key) in texts.iter().enumerate() {
            let number = u32::try_from(number).unwrap_or(u32::MAX);
            for &gram in grams_of(key).iter() {
                if let Some(shard) = postings.get_mut(shard_of_key(gram)) {
                    shard.entry(gram).or_default().push(number);
                }
            }
        }
        memo.postings = postings;
        dirty.iter_mut().for_each(|d| *d = true);
    } else {
        for &i in &changed {
            let number = u32::try_from(i).unwrap_or(u32::MAX);
            let old = grams_of(&memo.texts[i]);
            let new = grams_of(&texts[i]);
            for &gram in old.iter().filter(|g| new.binary_search(g).is_err()) {
                let shard = shard_of_key(gram);
                if let Some(list) = memo.postings[shard].get_mut(&gram)
                    && let Ok(at) = list.binary_search(&number)
                {
                    list.remove(at);
                    if list.is_empty() {
                        memo.postings[shard].remove(&gram);
                    }
                    dirty[shard] = true;
                }
            }
            for &gram in new.iter().filter(|g| old.binary_search(g).is_err()) {
                let shard = shard_of_key(gram);
                let list = memo.postings[shard].entry(gram).or_default();
                if let Err(at) = list.binary_search(&number) {
                    list.insert(at, number);
                    dirty[shard] = true;
                }
            }
        }
    }
    // Only the grams of the documents still indexed are kept.
    let live: HashSet<u64> = texts.iter().copied().collect();
    grams.retain(|key, _| live.contains(key));
    memo.grams = grams;
    memo.texts = texts;
    write_files(&entries, memo, &dirty, tree)
}

/// Writes the shards marked `dirty` (and any shard without a file yet)
/// from `memo.postings`, reuses the others' files, then the manifest;
/// returns the manifest's URL.
fn write_files(
    entries: &[&Entry],
    memo: &mut SearchMemo,
    dirty: &[bool],
    tree: &mut OutputTree,
) -> String {
    use rayon::prelude::*;
    memo.shard_files.resize(SHARDS as usize, None);
    let redo: Vec<usize> = (0..SHARDS as usize)
        .filter(|&n| {
            dirty.get(n).copied().unwrap_or(true)
                || (memo.shard_files[n].is_none() && !memo.postings[n].is_empty())
        })
        .collect();
    let written: Vec<(usize, Option<ShardFile>)> = redo
        .par_iter()
        .map(|&n| (n, shard_file(n, &memo.postings[n])))
        .collect();
    for (n, file) in written {
        memo.shard_files[n] = file;
    }
    let files: Vec<Option<String>> = memo
        .shard_files
        .iter()
        .map(|f| {
            f.as_ref()
                .map(|(path, _)| path.strip_prefix("site/").unwrap_or(path).to_string())
        })
        .collect();
    for (path, bytes) in memo.shard_files.iter().flatten() {
        tree.insert_shared(path.clone(), Arc::clone(bytes));
    }

    // The manifest: written again only when a document's title, date,
    // label or state, or a shard's file, changed.
    let docs: Vec<&Doc> = entries.iter().map(|e| &e.doc).collect();
    let key = {
        use std::hash::BuildHasher;
        let state = foldhash::fast::FixedState::with_seed(0x6d_61_6e);
        let listed: Vec<(&str, &str, &str, &str, bool)> = docs
            .iter()
            .map(|d| {
                (
                    d.url.as_str(),
                    d.title.as_str(),
                    d.date.as_str(),
                    d.label.as_str(),
                    d.expired,
                )
            })
            .collect();
        state.hash_one((&listed, &files))
    };
    let (path, bytes) = match memo.manifest.take() {
        Some((old_key, path, bytes)) if old_key == key => (path, bytes),
        _ => {
            let manifest = Manifest {
                v: 1,
                shards: SHARDS,
                files,
                docs,
            };
            let script = as_script(
                "\"index\"",
                &serde_json::to_string(&manifest).unwrap_or_default(),
            );
            let url = format!(
                "static/{}",
                hashed_name("search-index.js", script.as_bytes())
            );
            (format!("site/{url}"), Arc::new(script.into_bytes()))
        }
    };
    tree.insert_shared(path.clone(), Arc::clone(&bytes));
    let url = path.strip_prefix("site/").unwrap_or(&path).to_string();
    memo.manifest = Some((key, path, bytes));
    url
}

/// A shard's file (path under `site/` and bytes), `None` when empty.
fn shard_file(n: usize, postings: &BTreeMap<u64, Vec<u32>>) -> Option<ShardFile> {
    if postings.is_empty() {
        return None;
    }
    // In the grams' string order, which the keys' order is (see
    // [`gram_keys`]).
    let shard: Vec<(String, &Vec<u32>)> = postings
        .iter()
        .map(|(key, list)| (gram_of(*key), list))
        .collect();
    let json = serialize_map(&shard);
    let script = as_script(&n.to_string(), &json);
    let url = format!(
        "static/{}",
        hashed_name(&format!("search-{n}.js"), script.as_bytes())
    );
    Some((format!("site/{url}"), Arc::new(script.into_bytes())))
}

/// A JSON object of the pairs, in their order.
fn serialize_map(pairs: &[(String, &Vec<u32>)]) -> String {
    use serde::ser::{SerializeMap, Serializer};
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::new(&mut out);
    let written = (|| {
        let mut map = serializer.serialize_map(Some(pairs.len()))?;
        for (gram, list) in pairs {
            map.serialize_entry(gram, list)?;
        }
        map.end()
    })();
    if written.is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
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
        Entry::new(
            Doc {
                url: url.into(),
                title: title.into(),
                date: String::new(),
                label: String::new(),
                expired: false,
            },
            format!("{title} {text}"),
        )
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

    #[test]
    fn incremental_index_equals_a_fresh_one_after_each_edit() {
        let texts = [
            "3栋停水 水箱清洗",
            "电梯维保 5栋",
            "物业费 缴纳 2027",
            "燃气检修完毕 已恢复供气",
            "Lift service FULL-WIDTH ＡＢＣ",
        ];
        let mut docs: Vec<(String, String)> = (0..40)
            .map(|i| {
                (
                    format!("n/{i}"),
                    format!("{} 第{i}号", texts[i % texts.len()]),
                )
            })
            .collect();
        let entries_of = |docs: &[(String, String)]| -> Vec<Entry> {
            docs.iter()
                .map(|(url, text)| entry(url, url, text))
                .collect()
        };
        let mut memo = SearchMemo::default();
        // Edits: one text, a title-like prefix, a doc emptied, two at
        // once, a new document (count changes), one removed, many at once.
        for step in 0..9 {
            match step {
                0 => {}
                1 => docs[3].1 = "全新的内容 停电".into(),
                2 => docs[7].1.insert_str(0, "更正："),
                3 => docs[11].1.clear(),
                4 => {
                    docs[0].1.push_str(" 追加");
                    docs[39].1 = docs[0].1.clone();
                }
                5 => docs.push(("n/new".into(), "新通知 停水".into())),
                6 => {
                    docs.remove(5);
                }
                7 => docs.iter_mut().for_each(|d| d.1.push('了')),
                _ => docs[2].1 = "电梯维保 5栋 第2号".into(),
            }
            let entries = entries_of(&docs);
            let mut fresh = OutputTree::default();
            let fresh_url = publish(&entries, &mut fresh);
            let mut kept = OutputTree::default();
            let kept_url = publish_with(&entries, &mut memo, &mut kept);
            assert_eq!(kept_url, fresh_url, "step {step}");
            assert_eq!(kept, fresh, "step {step}");
        }
    }
}
