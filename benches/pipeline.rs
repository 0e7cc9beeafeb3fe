//! Microbenchmarks of the pipeline's stages (divan): number normalisation, claim
//! extraction per megabyte of generated Markdown, and alignment as the number of claims
//! grows. Run with `cargo bench --bench pipeline`; whole-process figures come from
//! `benches/run.sh`, and BENCHMARKS.md records both.

use std::hint::black_box;

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, bench};

use claimlint::claim::number::{parse_arabic, parse_chinese};
use claimlint::claim::text::{Bigrams, bigrams};
use claimlint::claim::{ClaimKind, Extraction, NewClaim, Quantity, Subject, Unit};
use claimlint::lexicon::Lexicon;

// The corpus generator, shared with `cargo run --example gen_corpus`.
#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

fn main() {
    divan::main();
}

const ARABIC: &[&str] = &["1,600", "26.0", "0.06", "12,345,678.9", "３０", "148.8"];
const CHINESE: &[&str] = &[
    "十六",
    "一百二十三",
    "三千五百万",
    "两亿",
    "百分之三十",
    "一点五",
];

#[bench]
fn number_arabic(bencher: Bencher) {
    bencher.counter(ItemsCount::new(ARABIC.len())).bench(|| {
        ARABIC
            .iter()
            .filter_map(|s| parse_arabic(black_box(s)))
            .sum::<f64>()
    });
}

#[bench]
fn number_chinese(bencher: Bencher) {
    bencher.counter(ItemsCount::new(CHINESE.len())).bench(|| {
        CHINESE
            .iter()
            .filter_map(|s| parse_chinese(black_box(s)))
            .sum::<f64>()
    });
}

/// About `bytes` of generated multi-variant Markdown, half Chinese and half English.
fn corpus(bytes: usize) -> String {
    let mut rng = gen_corpus::Rng(5);
    let mut out = String::with_capacity(bytes + 40_000);
    let mut zh = true;
    while out.len() < bytes {
        gen_corpus::document(&mut rng, zh, 20_000, &mut out);
        out.push('\n');
        zh = !zh;
    }
    out
}

/// Parse and extract every claim from one megabyte (variants split apart, nothing
/// aligned): throughput in bytes.
#[bench(sample_count = 10)]
fn extract_per_mb(bencher: Bencher) {
    let text = corpus(1_000_000);
    let lex = Lexicon::builtin().expect("built-in lexicon");
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let doc = claimlint::markdown::parse(black_box(&text), 0);
        claimlint::claim::extract(&doc, lex).claims.len()
    });
}

const COMPANIES: &[&str] = &["nvidia", "tesla", "byd", "openai", "catl", "meta", "tsmc"];
const UNITS: &[&str] = &["USD", "CNY", "EUR"];

/// `n` synthetic figure claims in three variants: each base claim stated once per
/// variant, a few with a drifted value, spread over subjects, currencies and sentences;
/// and the bigrams of each claim's sentence (one sentence per claim).
fn claims(n: usize) -> (Extraction, Vec<Bigrams>) {
    let mut rng = gen_corpus::Rng(7);
    let per_variant = n / 3;
    let mut out = Extraction::default();
    let mut contexts = Vec::with_capacity(n);
    for variant in 0..3 {
        for i in 0..per_variant {
            let company = COMPANIES[i % COMPANIES.len()];
            let mut value = ((i * 7919) % 100_000) as f64 * 1e6;
            if variant > 0 && rng.next_u64() % 20 == 0 {
                value += 1e6;
            }
            let sentence = format!("{company} revenue {i} year {}", 2015 + i % 10);
            let context = bigrams(&sentence);
            let text = value.to_string();
            out.add(NewClaim {
                kind: ClaimKind::Quantity(std::sync::Arc::new(Quantity::new(
                    value,
                    Unit::Currency(UNITS[i % UNITS.len()].into()),
                ))),
                // One byte a claim, so that its position is `i / per_variant`.
                span: variant * per_variant + i..variant * per_variant + i + 1,
                text: &text,
                subject: Some(Subject {
                    id: company.to_string(),
                    root: company.to_string(),
                    name: company.to_string(),
                    place: false,
                }),
                metric: Some("revenue"),
                date: None,
                forecast: false,
                block: i,
                sentence: variant * per_variant + i,
                context: context.clone(),
                variant,
                row: None,
            });
            contexts.push(context);
        }
    }
    let variants: Vec<_> = (0..3)
        .map(|v| v * per_variant..(v + 1) * per_variant)
        .collect();
    out.locate(&variants, &[]);
    (out, contexts)
}

/// Alignment of 10k, 100k and 1M claims: linear growth means the time per claim stays
/// flat across the three. One sample each: a million claims take minutes.
#[bench(args = [10_000, 100_000, 1_000_000], sample_count = 1, sample_size = 1)]
fn align(bencher: Bencher, n: usize) {
    let (claims, contexts) = claims(n);
    let named = [true, true, true];
    bencher
        .counter(ItemsCount::new(claims.claims.len()))
        .bench(|| {
            claimlint::align::align(black_box(&claims), &named, &contexts)
                .groups
                .len()
        });
}
