//! The one message catalogue: every sentence wuye shows a person, in
//! Simplified Chinese (the default) and English.
//!
//! Each area of the tool has its own file here with a message enum whose
//! `text(lang)` holds both languages side by side, so a message can never
//! exist in one language only. Labels used by templates live in [`ui`].

use serde::{Deserialize, Serialize};

pub mod charts;
pub mod cli;
pub mod config;
pub mod content;
pub mod data;
pub mod handbook;
pub mod metrics;
pub mod render;
pub mod reports;
pub mod serve;
pub mod ui;

/// The language of everything wuye prints and renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// The value for HTML `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Picks the sentence for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "zh-cn" | "zh" | "zh-hans" | "zh_cn" => Some(Lang::ZhCn),
            "en" | "en-us" | "en-gb" | "en_us" => Some(Lang::En),
            _ => None,
        }
    }
}
