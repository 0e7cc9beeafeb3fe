//! The whole pipeline, bytes to JSON report: decode (strict, then lossy), parse, split,
//! extract, align, run every rule, render JSON and the human report. Nothing may panic,
//! every finding must point inside the file on character boundaries, and the JSON must
//! parse.
#![no_main]

use chrono::NaiveDate;
use claimlint::report::{human, json};
use claimlint::{Options, check_sources, decode, decode_lossy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = decode("fuzz.md", data.to_vec());
    let Ok((source, _)) = decode_lossy("fuzz.md", data.to_vec()) else {
        return;
    };
    let text = source.text.clone();
    let opts = Options {
        as_of: NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"),
        variant_heading: None,
    };
    let outcome = check_sources(vec![source], &opts);
    for f in &outcome.findings {
        for span in std::iter::once(&f.span).chain(f.related.iter().map(|r| &r.span)) {
            assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
    let report = json::render(&outcome, "2026-11-28");
    let _: serde_json::Value = serde_json::from_str(&report).expect("valid JSON");
    let _ = human::render(&outcome, false, 80);
});
