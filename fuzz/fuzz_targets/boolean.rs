//! Booleans and the other small cell values of the logs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wuye::data::values;

fuzz_target!(|text: &str| {
    if let Some(value) = values::parse_bool(text) {
        // Accepted spellings do not depend on padding.
        assert_eq!(values::parse_bool(&format!(" {text}\u{3000}")), Some(value));
    }
    let _ = values::parse_repair_level(text);
    let _ = values::parse_complaint_level(text);
    let _ = values::parse_channel(text);
    let _ = values::parse_holiday_kind(text);
    if let Some(score) = values::parse_score(text) {
        assert!(score.is_finite());
    }
});
