//! The evaluation: run claimlint on every annotated document in `fixtures/eval/` (and the
//! bundled essay), score its findings against the annotations, print precision and
//! recall per finding code, and fail when a score falls below `fixtures/eval/ratchet.toml`
//! or a trap fires more often than the ratchet allows.
//!
//! A plain `main` (harness = false) so that the table is printed in every `cargo test`.

// This test exists to print its table.
#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use claimlint::report::Finding;
use claimlint::source::SourceFile;
use claimlint::{Options, check_source};
use serde::Deserialize;

/// The finding codes, in the order of the contract's table (the registry's order).
fn codes() -> Vec<&'static str> {
    claimlint::rules::RULES.iter().map(|r| r.code()).collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Annotations {
    #[serde(default)]
    expect: Vec<Expect>,
    #[serde(default)]
    trap: Vec<Trap>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    code: String,
    variant: Option<String>,
    text: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Trap {
    variant: Option<String>,
    text: String,
    #[serde(default)]
    codes: Vec<String>,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
struct Ratchet {
    max_traps_fired: usize,
    #[serde(default)]
    min: BTreeMap<String, Floor>,
}

#[derive(Deserialize, Clone, Copy, Default)]
struct Floor {
    precision: f64,
    recall: f64,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    findings: usize,
    true_findings: usize,
    expects: usize,
    recalled: usize,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1)
}

/// Where an annotation's text stands: its first occurrence inside the named variant.
fn locate(
    src: &SourceFile,
    variants: &BTreeMap<String, Range<usize>>,
    variant: Option<&str>,
    text: &str,
) -> Result<Range<usize>, String> {
    let area = match variant {
        Some(v) => variants.get(v).cloned().ok_or_else(|| {
            format!(
                "no variant {v:?} (have {:?})",
                variants.keys().collect::<Vec<_>>()
            )
        })?,
        None => 0..src.text.len(),
    };
    let hay = &src.text[area.clone()];
    hay.find(text)
        .map(|i| area.start + i..area.start + i + text.len())
        .ok_or_else(|| {
            format!(
                "text {text:?} not found in {}",
                variant.unwrap_or("the file")
            )
        })
}

fn documents(root: &Path, dirs: &[&str]) -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for md in files {
            if md.extension().is_some_and(|e| e == "md") {
                let expect = md.with_extension("expect.toml");
                if expect.exists() {
                    out.push((md, expect));
                }
            }
        }
    }
    out
}

struct Scores {
    tally: BTreeMap<&'static str, Tally>,
    traps_fired: usize,
    problems: Vec<String>,
    documents: usize,
}

/// Run claimlint on annotated documents and count what matches the annotations.
fn score(root: &Path, docs: &[(PathBuf, PathBuf)], opts: &Options, verbose: bool) -> Scores {
    let mut tally: BTreeMap<&'static str, Tally> =
        codes().into_iter().map(|c| (c, Tally::default())).collect();
    let mut traps_fired = 0usize;
    let mut problems = Vec::new();
    for (md, expect_path) in docs {
        let rel = md
            .strip_prefix(root)
            .unwrap_or(md)
            .to_string_lossy()
            .to_string();
        let text = std::fs::read_to_string(md).expect("read fixture");
        let ann: Annotations =
            match toml::from_str(&std::fs::read_to_string(expect_path).expect("read expect")) {
                Ok(a) => a,
                Err(e) => {
                    problems.push(format!("{}: {e}", expect_path.display()));
                    continue;
                }
            };
        let src = SourceFile::new(rel.clone(), text);
        let analysis = claimlint::analyze(&src, opts).expect("analyze");
        let variants: BTreeMap<String, Range<usize>> = analysis
            .variants
            .iter()
            .filter_map(|v| v.id.clone().map(|id| (id, v.range.clone())))
            .collect();
        let (_, findings): (_, Vec<Finding>) = check_source(&src, opts).expect("check");

        let mut expects = Vec::new();
        for e in &ann.expect {
            match locate(&src, &variants, e.variant.as_deref(), &e.text) {
                Ok(r) => expects.push((e, r)),
                Err(msg) => problems.push(format!("{rel}: expect {}: {msg}", e.code)),
            }
        }
        let matches = |f: &Finding, code: &str, r: &Range<usize>| {
            f.code == code
                && (overlaps(&f.span, r) || f.related.iter().any(|x| overlaps(&x.span, r)))
        };
        for f in &findings {
            let Some(t) = tally.get_mut(f.code) else {
                continue;
            };
            t.findings += 1;
            if expects.iter().any(|(e, r)| matches(f, &e.code, r)) {
                t.true_findings += 1;
            } else if verbose {
                let p = src.lines.position(&src.text, f.span.start);
                println!(
                    "  FP {rel}:{} {} [{}] {}",
                    p.line,
                    f.code,
                    src.slice(&f.span),
                    f.message
                );
            }
        }
        for (e, r) in &expects {
            let Some(t) = tally.get_mut(e.code.as_str()) else {
                problems.push(format!("{rel}: unknown code {}", e.code));
                continue;
            };
            t.expects += 1;
            if findings.iter().any(|f| matches(f, &e.code, r)) {
                t.recalled += 1;
            } else if verbose {
                println!(
                    "  FN {rel} {} {:?} [{}] {}",
                    e.code, e.variant, e.text, e.note
                );
            }
        }
        for trap in &ann.trap {
            let r = match locate(&src, &variants, trap.variant.as_deref(), &trap.text) {
                Ok(r) => r,
                Err(msg) => {
                    problems.push(format!("{rel}: trap: {msg}"));
                    continue;
                }
            };
            for f in &findings {
                let listed = trap.codes.is_empty() || trap.codes.iter().any(|c| c == f.code);
                if listed && overlaps(&f.span, &r) {
                    traps_fired += 1;
                    if verbose {
                        println!(
                            "  TRAP {rel} {} [{}] {} ({})",
                            f.code, trap.text, f.message, trap.note
                        );
                    }
                }
            }
        }
    }

    Scores {
        tally,
        traps_fired,
        problems,
        documents: docs.len(),
    }
}

fn table(title: &str, s: &Scores, floors: Option<&Ratchet>) -> usize {
    println!(
        "\n{title}: {} annotated documents (as of 2026-11-28)",
        s.documents
    );
    println!(
        "{:<22} {:>9} {:>7} {:>9} {:>7}   floor P/R",
        "code", "precision", "found", "recall", "expect"
    );
    let mut failed = 0usize;
    for code in codes() {
        let t = s.tally[code];
        let p = if t.findings == 0 {
            1.0
        } else {
            t.true_findings as f64 / t.findings as f64
        };
        let r = if t.expects == 0 {
            1.0
        } else {
            t.recalled as f64 / t.expects as f64
        };
        let floor = floors.and_then(|f| f.min.get(code).copied());
        let ok = floor.is_none_or(|f| p + 1e-9 >= f.precision && r + 1e-9 >= f.recall);
        if !ok {
            failed += 1;
        }
        println!(
            "{:<22} {:>9.3} {:>7} {:>9.3} {:>7}   {}{}",
            code,
            p,
            format!("{}/{}", t.true_findings, t.findings),
            r,
            format!("{}/{}", t.recalled, t.expects),
            floor.map_or("-".to_string(), |f| format!(
                "{:.2}/{:.2}",
                f.precision, f.recall
            )),
            if ok { "" } else { "  BELOW FLOOR" }
        );
    }
    println!("traps fired: {}", s.traps_fired);
    for p in &s.problems {
        println!("annotation problem: {p}");
    }
    failed
}

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let opts = Options::new(NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"));
    let verbose = std::env::var_os("CLAIMLINT_EVAL_VERBOSE").is_some();
    let ratchet: Ratchet = toml::from_str(
        &std::fs::read_to_string(root.join("fixtures/eval/ratchet.toml")).expect("read ratchet"),
    )
    .expect("parse ratchet");
    let main_set = score(
        root,
        &documents(root, &["fixtures/eval", "fixtures/essays"]),
        &opts,
        verbose,
    );
    let mut failed = table("claimlint evaluation", &main_set, Some(&ratchet));
    let mut passed = codes().len() - failed;
    if main_set.traps_fired > ratchet.max_traps_fired {
        println!(
            "more traps fired than the {} allowed",
            ratchet.max_traps_fired
        );
        failed += 1;
    } else {
        passed += 1;
    }
    // The held-out set is scored and shown, never tuned on: how claimlint does on
    // documents it was not developed against.
    let holdout_docs = documents(root, &["fixtures/holdout"]);
    let holdout = score(
        root,
        &holdout_docs,
        &opts,
        verbose && std::env::var_os("CLAIMLINT_EVAL_HOLDOUT").is_some(),
    );
    if !holdout_docs.is_empty() {
        table("held-out set (not gated)", &holdout, None);
    }
    let problems = main_set.problems.len() + holdout.problems.len();
    if problems > 0 {
        failed += 1;
    } else {
        passed += 1;
    }
    println!("eval: {passed} passed, {failed} failed");
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
