//! The whole pipeline, bytes to JSON report: decode (strict, then lossy), parse, split,
//! extract, align, run every rule, render JSON and the human report. Nothing may panic,
//! every finding must point inside its file on character boundaries, and the JSON must
//! parse. A first byte 0x01 splits the rest into two language versions of one document
//! (README.md + README.zh-CN.md), so the grouped path is fuzzed too.
#![no_main]

use chrono::NaiveDate;
use claimlint::report::{human, json};
use claimlint::source::SourceFile;
use claimlint::{Options, check_sources, decode, decode_lossy};
use libfuzzer_sys::fuzz_target;

fn load(path: &str, bytes: &[u8]) -> Option<SourceFile> {
    let _ = decode(path, bytes.to_vec());
    decode_lossy(path, bytes.to_vec()).ok().map(|(s, _)| s)
}

fuzz_target!(|data: &[u8]| {
    let sources: Vec<SourceFile> = match data.split_first() {
        Some((&1, rest)) => {
            let cut = rest.len() / 2;
            let (a, b) = rest.split_at(cut);
            match (load("README.md", a), load("README.zh-CN.md", b)) {
                (Some(a), Some(b)) => vec![a, b],
                _ => return,
            }
        }
        _ => match load("fuzz.md", data) {
            Some(s) => vec![s],
            None => return,
        },
    };
    let texts: Vec<(String, String)> = sources
        .iter()
        .map(|s| (s.path.clone(), s.text.clone()))
        .collect();
    let opts = Options::new(NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"));
    let outcome = check_sources(sources, &opts);
    for f in &outcome.findings {
        let spans = std::iter::once((&f.file, &f.span))
            .chain(f.related.iter().map(|r| (&r.file, &r.span)));
        for (file, span) in spans {
            let (_, text) = texts
                .iter()
                .find(|(p, _)| p == file)
                .expect("a finding names a checked file");
            assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
    let report = json::render(&outcome, "2026-11-28");
    let _: serde_json::Value = serde_json::from_str(&report).expect("valid JSON");
    let _ = human::render(&outcome, false, 80);
});
