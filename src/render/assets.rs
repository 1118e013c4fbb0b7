//! Static assets with a content hash in their names (WeChat's browser
//! caches hard): `style.css` is published as `style.3f2a9c1b.css`.

use crate::output::OutputTree;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The first 8 hex digits of the SHA-256 of `bytes`.
pub fn short_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// `dir/name.ext` becomes `dir/name.<hash>.ext`.
pub fn hashed_name(path: &str, bytes: &[u8]) -> String {
    let hash = short_hash(bytes);
    match path.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !stem.ends_with('/') => {
            format!("{stem}.{hash}.{ext}")
        }
        _ => format!("{path}.{hash}"),
    }
}

/// Copies the theme's assets into `section/static/` under hashed names and
/// returns the map from plain name to URL relative to the section root.
pub fn publish(
    assets: &BTreeMap<String, Vec<u8>>,
    section: &str,
    tree: &mut OutputTree,
) -> BTreeMap<String, String> {
    let mut urls = BTreeMap::new();
    for (name, bytes) in assets {
        let hashed = format!("static/{}", hashed_name(name, bytes));
        tree.insert(format!("{section}/{hashed}"), bytes.clone());
        urls.insert(name.clone(), hashed);
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_goes_before_extension() {
        let name = hashed_name("style.css", b"body{}");
        assert!(name.starts_with("style.") && name.ends_with(".css"));
        assert_eq!(name.len(), "style..css".len() + 8);
        assert_ne!(name, hashed_name("style.css", b"body{ }"));
    }
}
