//! The evaluation: run claimlint on every annotated document in `fixtures/eval/` (and the
//! bundled essay), score its findings against the annotations, print precision and
//! recall per finding code, and fail when a score falls below `fixtures/eval/ratchet.toml`
//! or a trap fires more often than the ratchet allows.
//!
//! A document is a Markdown file `NAME.md`, or a folder `NAME/` of Markdown files
//! (README.md beside README.zh-CN.md) checked together as a user's run over the folder
//! would; `NAME.expect.toml` beside it holds the annotations. `fixtures/holdout/` and, with
//! `CLAIMLINT_EVAL_HOLDOUT=1`, the later blind sets `fixtures/holdout2/` to
//! the last numbered one present are scored and shown but never gated.
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
use claimlint::{Options, check_source, check_sources};
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
    /// In a folder document: the file the text is in, relative to the folder.
    file: Option<String>,
    variant: Option<String>,
    text: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Trap {
    file: Option<String>,
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

/// An annotated document: a Markdown file or a folder of them, and its annotations.
struct Document {
    path: PathBuf,
    expect: PathBuf,
}

fn documents(root: &Path, dirs: &[&str]) -> Vec<Document> {
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for path in files {
            let expect = if path.is_dir() {
                let Some(name) = path.file_name() else {
                    continue;
                };
                let mut name = name.to_os_string();
                name.push(".expect.toml");
                path.with_file_name(name)
            } else if path.extension().is_some_and(|e| e == "md") {
                path.with_extension("expect.toml")
            } else {
                continue;
            };
            if expect.exists() {
                out.push(Document { path, expect });
            }
        }
    }
    out
}

/// One checked file of a document, and the variants an annotation may name in it
/// (id → byte range): the variants of its headings, or for a file checked as a language
/// version of another (README.zh-CN.md) the variant id the report gives the whole file.
struct Checked {
    src: SourceFile,
    variants: BTreeMap<String, Range<usize>>,
}

/// Run claimlint on a document: its files and all findings.
fn check(
    root: &Path,
    doc: &Document,
    opts: &Options,
    problems: &mut Vec<String>,
) -> (Vec<Checked>, Vec<Finding>) {
    let rel = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .to_string()
    };
    let heading_variants = |src: &SourceFile| -> BTreeMap<String, Range<usize>> {
        claimlint::analyze(src, opts)
            .expect("analyze")
            .variants
            .iter()
            .filter_map(|v| v.id.clone().map(|id| (v, id)))
            // An annotator may name a variant by its heading as written ("Trade update
            // (English)") or by the short name the report gives it ("Trade update").
            .flat_map(|(v, id)| {
                [
                    (v.title.trim().to_string(), v.range.clone()),
                    (id, v.range.clone()),
                ]
            })
            .collect()
    };
    if !doc.path.is_dir() {
        let text = std::fs::read_to_string(&doc.path).expect("read fixture");
        let src = SourceFile::new(rel(&doc.path), text);
        let variants = heading_variants(&src);
        let (_, findings) = check_source(&src, opts).expect("check");
        return (vec![Checked { src, variants }], findings);
    }
    // The folder's Markdown files, found as `claimlint FOLDER` finds them, checked
    // together so that language versions are grouped as in a user's run.
    let (paths, errors) = claimlint::group::walk(&[doc.path.to_string_lossy().to_string()]);
    problems.extend(errors.iter().map(|e| format!("{}: {e}", rel(&doc.path))));
    let sources: Vec<SourceFile> = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read fixture");
            SourceFile::new(rel(Path::new(p)), text)
        })
        .collect();
    let outcome = check_sources(sources, opts);
    problems.extend(
        outcome
            .errors
            .iter()
            .map(|e| format!("{}: {e}", rel(&doc.path))),
    );
    // A file checked as one variant of a group is listed by the report under its path.
    let mut file_variant: BTreeMap<&str, &str> = BTreeMap::new();
    for d in &outcome.documents {
        for v in &d.variants {
            file_variant.insert(v.title.as_str(), v.id.as_str());
        }
    }
    let checked = outcome
        .sources
        .iter()
        .map(|src| {
            let variants = match file_variant.get(src.path.as_str()) {
                Some(id) => BTreeMap::from([(id.to_string(), 0..src.text.len())]),
                None => heading_variants(src),
            };
            Checked {
                src: src.clone(),
                variants,
            }
        })
        .collect();
    (checked, outcome.findings)
}

/// The checked file an annotation's text is in: the only one of a single-file document,
/// the one named by `file` (relative to the folder) in a folder document.
fn annotated<'a>(
    root: &Path,
    doc: &Document,
    checked: &'a [Checked],
    file: Option<&str>,
) -> Result<&'a Checked, String> {
    match (doc.path.is_dir(), file) {
        (false, None) => Ok(&checked[0]),
        (false, Some(_)) => Err("`file` is only for a folder document".to_string()),
        (true, None) => Err("an entry of a folder document needs `file`".to_string()),
        (true, Some(f)) => {
            let want = doc.path.join(f);
            let want = want.strip_prefix(root).unwrap_or(&want);
            checked
                .iter()
                .find(|c| Path::new(&c.src.path) == want)
                .ok_or_else(|| format!("no checked file {f:?}"))
        }
    }
}

struct Scores {
    tally: BTreeMap<&'static str, Tally>,
    traps_fired: usize,
    problems: Vec<String>,
    documents: usize,
}

/// Run claimlint on annotated documents and count what matches the annotations.
fn score(root: &Path, docs: &[Document], opts: &Options, verbose: bool) -> Scores {
    let mut tally: BTreeMap<&'static str, Tally> =
        codes().into_iter().map(|c| (c, Tally::default())).collect();
    let mut traps_fired = 0usize;
    let mut problems = Vec::new();
    for doc in docs {
        let rel = doc
            .path
            .strip_prefix(root)
            .unwrap_or(&doc.path)
            .to_string_lossy()
            .to_string();
        let ann: Annotations =
            match toml::from_str(&std::fs::read_to_string(&doc.expect).expect("read expect")) {
                Ok(a) => a,
                Err(e) => {
                    problems.push(format!("{}: {e}", doc.expect.display()));
                    continue;
                }
            };
        let (checked, findings) = check(root, doc, opts, &mut problems);
        // Where an entry's text stands: its checked file and the byte range in it.
        let place = |file: Option<&str>, variant: Option<&str>, text: &str| {
            let c = annotated(root, doc, &checked, file)?;
            locate(&c.src, &c.variants, variant, text).map(|r| (c, r))
        };

        let mut expects = Vec::new();
        for e in &ann.expect {
            match place(e.file.as_deref(), e.variant.as_deref(), &e.text) {
                Ok((c, r)) => expects.push((e, c, r)),
                Err(msg) => problems.push(format!("{rel}: expect {}: {msg}", e.code)),
            }
        }
        // A finding matches when its primary or a related place overlaps the text, in
        // the same file.
        let matches = |f: &Finding, code: &str, c: &Checked, r: &Range<usize>| {
            f.code == code
                && ((f.file == c.src.path && overlaps(&f.span, r))
                    || f.related
                        .iter()
                        .any(|x| x.file == c.src.path && overlaps(&x.span, r)))
        };
        for f in &findings {
            let Some(t) = tally.get_mut(f.code) else {
                continue;
            };
            t.findings += 1;
            if expects.iter().any(|(e, c, r)| matches(f, &e.code, c, r)) {
                t.true_findings += 1;
            } else if verbose {
                match checked.iter().find(|c| c.src.path == f.file) {
                    Some(c) => {
                        let p = c.src.lines.position(&c.src.text, f.span.start);
                        println!(
                            "  FP {}:{} {} [{}] {}",
                            f.file,
                            p.line,
                            f.code,
                            c.src.slice(&f.span),
                            f.message
                        );
                    }
                    None => println!("  FP {} {} {}", f.file, f.code, f.message),
                }
            }
        }
        for (e, c, r) in &expects {
            let Some(t) = tally.get_mut(e.code.as_str()) else {
                problems.push(format!("{rel}: unknown code {}", e.code));
                continue;
            };
            t.expects += 1;
            if findings.iter().any(|f| matches(f, &e.code, c, r)) {
                t.recalled += 1;
            } else if verbose {
                println!(
                    "  FN {} {} {:?} [{}] {}",
                    c.src.path, e.code, e.variant, e.text, e.note
                );
            }
        }
        for trap in &ann.trap {
            let (c, r) = match place(trap.file.as_deref(), trap.variant.as_deref(), &trap.text) {
                Ok(p) => p,
                Err(msg) => {
                    problems.push(format!("{rel}: trap: {msg}"));
                    continue;
                }
            };
            for f in &findings {
                let listed = trap.codes.is_empty() || trap.codes.iter().any(|c| c == f.code);
                if listed && f.file == c.src.path && overlaps(&f.span, &r) {
                    traps_fired += 1;
                    if verbose {
                        println!(
                            "  TRAP {} {} [{}] {} ({})",
                            c.src.path, f.code, trap.text, f.message, trap.note
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
    // A second held-out set, written blind (fixtures/holdout2/INDEX.md): scored and shown
    // only with CLAIMLINT_EVAL_HOLDOUT=1, never gated (its annotation problems are printed
    // with its table but fail nothing) and never tuned on.
    if std::env::var_os("CLAIMLINT_EVAL_HOLDOUT").is_some() {
        // Later blind sets (fixtures/holdoutN/INDEX.md), shown the same way, up to the
        // first number with no folder.
        for n in 2.. {
            let folder = format!("fixtures/holdout{n}");
            if !root.join(&folder).is_dir() {
                break;
            }
            let docs = documents(root, &[&folder]);
            if !docs.is_empty() {
                let scores = score(root, &docs, &opts, verbose);
                table(&format!("held-out {n} (blind)"), &scores, None);
            }
        }
    }
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
