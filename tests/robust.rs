//! claimlint never panics on input: thousands of generated documents built from the
//! pieces real documents are made of (CJK and Latin text, figures in every notation,
//! Markdown syntax, stray marks) go through the whole pipeline, and pathological
//! Markdown finishes.

use chrono::NaiveDate;
use claimlint::source::SourceFile;
use claimlint::{Options, check_source};

const PIECES: &[&str] = &[
    "16亿美元",
    "$1.6 billion",
    "US$1.6B",
    "1,600 million dollars",
    "十六亿",
    "百分之三十",
    "三成",
    "超",
    "近",
    "约",
    "over ",
    "about ",
    "+",
    "-",
    "−",
    "%",
    "％",
    "倍",
    "x",
    "/千token",
    "/人/月",
    " per user per month",
    "2023年",
    "2024 Q1",
    "Q3 2024",
    "2010年代",
    "2025年后",
    "by 2030",
    "预计",
    "expected to reach",
    "（MIT 2024研究）",
    "(Gartner, 2023)",
    "研究表明，",
    "Studies show ",
    "据IDC统计，",
    "according to the IEA, ",
    "正如Linus所言：“开源不是乌托邦。”",
    "\"quote,\" said Jobs",
    "特斯拉",
    "Tesla",
    "GPT-4",
    "Office 365",
    "v1.2.3",
    "H100",
    "ISO 27001",
    "《规划（2023—2030年）》",
    "，",
    "。",
    "；",
    "：",
    ",",
    ".",
    ";",
    ":",
    "（",
    "）",
    "(",
    ")",
    "“",
    "”",
    "\"",
    "'",
    "《",
    "》",
    "\n",
    "\n\n",
    "\n\n---\n\n",
    "## 整合版\n",
    "## 版本1\n",
    "### 版本二\n",
    "# Version 2\n",
    "- ",
    "1. ",
    "4. ",
    "23. ",
    "   - ",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "**",
    "*",
    "`",
    "```\n",
    "[link](http://x.y)",
    "[^1]",
    "\n[^1]: note\n",
    "<!-- c -->",
    "> ",
    "\u{feff}",
    "\r\n",
    "\r",
    "\u{200b}",
    "０１２",
    "1e400",
    "99999999999999999999999999999999999999",
    "0",
    "0.0",
    "1.",
    ".5",
    "5.",
    "1,2,3",
    "一、",
    "第三",
    "十分",
    "千万",
    "万一",
    "数百万",
    "2-3",
    "3~5年",
    "5月15日",
    "FY2025 Q2",
    "2025财年第二季度",
    "截至2024年8月",
    "ä",
    "é",
    "😀",
    "ﬁ",
    "\t",
];

/// A small deterministic generator (xorshift), so a failure reproduces.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

fn options() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"))
}

#[test]
fn generated_documents_never_panic() {
    // CLAIMLINT_ROBUST_CASES and CLAIMLINT_ROBUST_SEED widen the search by hand.
    let cases: u64 = std::env::var("CLAIMLINT_ROBUST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500);
    let seed: u64 = std::env::var("CLAIMLINT_ROBUST_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    let mut rng = Rng(seed.max(1));
    for case in 0..cases {
        let n = 5 + (rng.next() % 120) as usize;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(PIECES[(rng.next() % PIECES.len() as u64) as usize]);
        }
        let src = SourceFile::new(format!("case-{case}.md"), text.clone());
        let result = std::panic::catch_unwind(|| check_source(&src, &options()));
        assert!(result.is_ok(), "panic on case {case}: {text:?}");
    }
}

#[test]
fn pathological_markdown_finishes() {
    let cases = [
        ">".repeat(10_000) + " deep",
        "- ".repeat(5_000) + "nested",
        "*".repeat(100_000),
        "[".repeat(50_000),
        "收入16亿美元，".repeat(20_000),
        format!("|{}\n|{}\n", "a|".repeat(5_000), "-|".repeat(5_000)),
        "1. a\n".repeat(10_000),
    ];
    for (i, text) in cases.iter().enumerate() {
        let src = SourceFile::new(format!("patho-{i}.md"), text.clone());
        let result = std::panic::catch_unwind(|| check_source(&src, &options()));
        assert!(result.is_ok(), "panic on pathological case {i}");
    }
}

/// Real documents, cut and spliced at random character boundaries: every shape a
/// half-edited file can take.
#[test]
fn mutated_fixtures_never_panic() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in ["fixtures/essays", "fixtures/eval"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "md") {
                texts.push(std::fs::read_to_string(&p).expect("fixture"));
            }
        }
    }
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for case in 0..300 {
        let base = &texts[(rng.next() % texts.len() as u64) as usize];
        let bounds: Vec<usize> = base
            .char_indices()
            .map(|(i, _)| i)
            .chain([base.len()])
            .collect();
        let mut text = String::new();
        for _ in 0..4 {
            let ia = (rng.next() % bounds.len() as u64) as usize;
            let ib = (ia + (rng.next() % 1500) as usize).min(bounds.len() - 1);
            text.push_str(&base[bounds[ia]..bounds[ib]]);
        }
        let src = SourceFile::new(format!("mutant-{case}.md"), text.clone());
        let result = std::panic::catch_unwind(|| check_source(&src, &options()));
        assert!(result.is_ok(), "panic on mutant {case}: {text:?}");
    }
}
