//! Markdown to sanitized HTML, and the nesting check before it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wuye::markdown::{RenderOptions, render, too_deep};

fuzz_target!(|text: &str| {
    let _ = too_deep(text);
    let safe = render(text, RenderOptions::default());
    assert!(!safe.html.contains("<script"));
    let _ = render(text, RenderOptions { trust_html: true });
});
