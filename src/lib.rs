//! claimlint: a linter for the facts in prose.
//!
//! The pipeline, one module per stage: [`source`] loads a file, [`markdown`] parses it
//! with byte offsets, [`variant`] splits it into versions, [`claim`] extracts figures,
//! dates, quotes and citations, [`align`] finds the same claim across versions, [`rules`]
//! report what drifted, and [`report`] renders the findings. The library never prints.

pub mod align;
pub mod claim;
pub mod error;
pub mod group;
pub mod lexicon;
pub mod markdown;
pub mod report;
pub mod rules;
pub mod similar;
pub mod source;
pub mod variant;

use std::ops::Range;

use chrono::NaiveDate;
use regex::Regex;

pub use error::Error;
use lexicon::Lexicon;
use report::{Finding, Summary};
use source::SourceFile;

/// How a check runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Forecasts for periods that ended before this date are stale.
    pub as_of: NaiveDate,
    /// Overrides the built-in variant heading detection.
    pub variant_heading: Option<Regex>,
}

/// A variant as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantInfo {
    pub id: String,
    pub title: String,
    pub line: usize,
}

/// What one document held.
#[derive(Debug, Clone)]
pub struct DocumentReport {
    pub file: String,
    pub variants: Vec<VariantInfo>,
    pub claims: usize,
}

/// The result of checking some files: findings are data; files that could not be read
/// or decoded are listed in `errors` and the others are still checked.
#[derive(Debug, Default)]
pub struct Outcome {
    pub sources: Vec<SourceFile>,
    pub documents: Vec<DocumentReport>,
    pub findings: Vec<Finding>,
    pub errors: Vec<Error>,
    /// Warnings that do not fail the run: binary files skipped in a folder walk, files
    /// decoded with replacement characters under `--lossy`.
    pub notes: Vec<Error>,
    pub summary: Summary,
}

/// One parsed, split, extracted and aligned document: what the rules read.
pub struct Analysis<'a> {
    pub source: &'a SourceFile,
    pub doc: markdown::Doc,
    pub variants: Vec<variant::Variant>,
    pub extraction: claim::Extraction,
    pub alignment: align::Alignment,
    /// Rarity-weighted sentence similarity, for rules that compare statements.
    pub sentences: similar::SentenceIndex,
    pub lex: &'static Lexicon,
}

impl Analysis<'_> {
    /// Index of the variant that owns byte `offset`.
    pub fn variant_at(&self, offset: usize) -> usize {
        let contains = |v: &variant::Variant| v.range.start <= offset && offset < v.range.end;
        // Variants are in document order and do not overlap: a binary search finds the
        // one (rules ask once per sentence; a search per call was quadratic on a
        // document of 20,000 variant headings).
        let k = self
            .variants
            .partition_point(|v| v.range.start <= offset)
            .saturating_sub(1);
        if self.variants.get(k).is_some_and(contains) {
            return k;
        }
        self.variants
            .iter()
            .position(contains)
            .unwrap_or_else(|| self.variants.len().saturating_sub(1))
    }

    pub fn variant_id(&self, index: usize) -> Option<String> {
        self.variants.get(index).and_then(|v| v.id.clone())
    }

    /// Whether a variant is a real one (not the preamble of a split document).
    pub fn is_named(&self, index: usize) -> bool {
        self.variants.get(index).is_some_and(|v| v.id.is_some())
    }

    pub fn named_count(&self) -> usize {
        self.variants.iter().filter(|v| v.id.is_some()).count()
    }

    /// "版本二", or "this document" for an unnamed variant.
    pub fn variant_label(&self, index: usize) -> String {
        self.variant_id(index)
            .unwrap_or_else(|| "this document".to_string())
    }

    pub fn text(&self, span: &Range<usize>) -> &str {
        self.source.slice(span)
    }
}

/// Read a file as claimlint accepts it: UTF-8 (a BOM is fine), not UTF-16, not binary.
pub fn load(path: &str) -> Result<SourceFile, Error> {
    decode(path, read(path)?)
}

/// The bytes of a regular file. Anything else (a FIFO, a socket, a device, a folder) is
/// refused before it is opened: reading a FIFO would wait forever for a writer.
fn read(path: &str) -> Result<Vec<u8>, Error> {
    let fail = |message: String| Error::Read {
        path: path.to_string(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(e.to_string()))?;
    if meta.is_dir() {
        return Err(fail("is a folder".to_string()));
    }
    if !meta.is_file() {
        return Err(fail(
            "not a regular file (a FIFO, socket or device)".to_string(),
        ));
    }
    std::fs::read(path).map_err(|e| fail(e.to_string()))
}

/// Decode bytes already read (from disk or a git revision).
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<SourceFile, Error> {
    check_bytes(path, &bytes)?;
    let text = String::from_utf8(bytes).map_err(|e| Error::Utf8 {
        path: path.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    Ok(SourceFile::new(path, text))
}

/// Decode like [`decode`], but replace invalid UTF-8 with U+FFFD instead of refusing
/// the file. The second value is the warning to show when anything was replaced.
pub fn decode_lossy(path: &str, bytes: Vec<u8>) -> Result<(SourceFile, Option<Error>), Error> {
    check_bytes(path, &bytes)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((SourceFile::new(path, text), None)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let warning = Error::Lossy {
                path: path.to_string(),
                offset,
            };
            Ok((SourceFile::new(path, text), Some(warning)))
        }
    }
}

/// UTF-16 and binary files are refused whatever the UTF-8 policy.
fn check_bytes(path: &str, bytes: &[u8]) -> Result<(), Error> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::Utf16 {
            path: path.to_string(),
        });
    }
    if bytes.contains(&0) {
        if looks_like_utf16(bytes) {
            return Err(Error::Utf16 {
                path: path.to_string(),
            });
        }
        return Err(Error::Binary {
            path: path.to_string(),
        });
    }
    Ok(())
}

/// UTF-16 without a byte order mark: mostly-ASCII text has a NUL in every other byte
/// (the high half of each code unit) and almost none in between.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    if head.len() < 4 {
        return false;
    }
    let nul_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = head.len() / 2;
    let (even, odd) = (nul_at(0), nul_at(1));
    let mostly = |n: usize| n * 10 >= half * 4;
    let hardly = |n: usize| n * 20 <= half;
    (mostly(even) && hardly(odd)) || (mostly(odd) && hardly(even))
}

/// Parse, split, extract and align one file.
pub fn analyze<'a>(source: &'a SourceFile, opts: &Options) -> Result<Analysis<'a>, Error> {
    let doc = markdown::parse(&source.text, source.bom_len());
    let variants = variant::split(&doc, source.text.len(), opts.variant_heading.as_ref());
    analyze_parts(source, doc, variants)
}

fn analyze_parts(
    source: &SourceFile,
    doc: markdown::Doc,
    variants: Vec<variant::Variant>,
) -> Result<Analysis<'_>, Error> {
    let lex = Lexicon::builtin()?;
    let mut extraction = claim::extract(&doc, lex);
    let starts: Vec<usize> = variants.iter().map(|v| v.range.start).collect();
    let variant_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    for c in &mut extraction.claims {
        c.variant = variant_of(c.span.start);
        let r = &variants[c.variant].range;
        c.position = (c.span.start.saturating_sub(r.start)) as f64 / r.len().max(1) as f64;
    }
    let named: Vec<bool> = variants.iter().map(|v| v.id.is_some()).collect();
    let alignment = align::align(&extraction.claims, &named);
    let sentences = similar::SentenceIndex::build(source, &extraction);
    Ok(Analysis {
        source,
        doc,
        variants,
        extraction,
        alignment,
        sentences,
        lex,
    })
}

/// The named variants as the report lists them.
fn variant_infos(
    analysis: &Analysis<'_>,
    line_of: impl Fn(&variant::Variant) -> usize,
) -> Vec<VariantInfo> {
    analysis
        .variants
        .iter()
        .filter_map(|v| {
            v.id.as_ref().map(|id| VariantInfo {
                id: id.clone(),
                title: v.title.clone(),
                line: line_of(v),
            })
        })
        .collect()
}

fn run_rules(analysis: &Analysis<'_>, opts: &Options) -> Vec<Finding> {
    let mut findings = Vec::new();
    let ctx = rules::RuleContext {
        a: analysis,
        as_of: opts.as_of,
    };
    for rule in rules::RULES {
        rule.check(&ctx, &mut findings);
    }
    findings
}

/// Check one loaded file: its report entry and its findings.
pub fn check_source(
    source: &SourceFile,
    opts: &Options,
) -> Result<(DocumentReport, Vec<Finding>), Error> {
    let analysis = analyze(source, opts)?;
    let findings = run_rules(&analysis, opts);
    let variants = variant_infos(&analysis, |v| source.lines.line_of(v.heading.start));
    let report = DocumentReport {
        file: source.path.clone(),
        variants,
        claims: analysis.extraction.claims.len(),
    };
    Ok((report, findings))
}

/// Check several files that are variants of one document (README.md and
/// README.zh-CN.md): each file is one variant, and findings point into the file they
/// concern.
pub fn check_group(
    sources: &[&SourceFile],
    opts: &Options,
) -> Result<(DocumentReport, Vec<Finding>), Error> {
    let mut text = String::new();
    let mut bases = Vec::with_capacity(sources.len());
    let mut doc = markdown::Doc::default();
    let mut variants = Vec::with_capacity(sources.len());
    for src in sources {
        let base = text.len();
        bases.push(base);
        text.push_str(&src.text);
        text.push_str("\n\n");
        doc.append(markdown::parse(&src.text, src.bom_len()), base);
        variants.push(variant::Variant {
            id: Some(group::variant_name(&src.path)),
            title: src.path.clone(),
            heading: base..base,
            range: base..text.len(),
        });
    }
    let label = sources
        .iter()
        .map(|s| s.path.as_str())
        .collect::<Vec<_>>()
        .join(" + ");
    let combined = SourceFile::new(label, text);
    let analysis = analyze_parts(&combined, doc, variants)?;
    let mut findings = run_rules(&analysis, opts);
    // Back from the combined text to each file.
    let locate = |offset: usize| bases.partition_point(|&b| b <= offset).saturating_sub(1);
    for f in &mut findings {
        let k = locate(f.span.start);
        f.file = sources[k].path.clone();
        f.span = f.span.start - bases[k]..f.span.end - bases[k];
        for r in &mut f.related {
            let k = locate(r.span.start);
            r.file = sources[k].path.clone();
            r.span = r.span.start - bases[k]..r.span.end - bases[k];
        }
    }
    let report = DocumentReport {
        file: sources[0].path.clone(),
        // Each file is a variant, starting at its first line.
        variants: variant_infos(&analysis, |_| 1),
        claims: analysis.extraction.claims.len(),
    };
    Ok((report, findings))
}

/// How [`check_paths_with`] reads files.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Decode invalid UTF-8 with replacement characters (and a warning) instead of
    /// refusing the file.
    pub lossy: bool,
}

/// Check files by path, in the order given (folders are walked for Markdown files,
/// honouring .gitignore). Files that are language versions of one document
/// (README.md, README.zh-CN.md) are checked together as its variants. Unreadable files
/// become errors; the rest are still checked.
pub fn check_paths(paths: &[String], opts: &Options) -> Outcome {
    check_paths_with(paths, opts, ReadOptions::default())
}

/// [`check_paths`] with a choice of how files are decoded. A binary file found by
/// walking a folder is skipped with a note (folders hold images and archives with
/// Markdown names); a binary file named on the command line is an error.
pub fn check_paths_with(paths: &[String], opts: &Options, read_opts: ReadOptions) -> Outcome {
    let (files, walk_errors) = group::expand(paths);
    let mut sources = Vec::new();
    let mut errors = walk_errors;
    let mut notes = Vec::new();
    for f in &files {
        let decoded = read(&f.path).and_then(|bytes| {
            if read_opts.lossy {
                decode_lossy(&f.path, bytes)
            } else {
                decode(&f.path, bytes).map(|s| (s, None))
            }
        });
        match decoded {
            Ok((src, warning)) => {
                notes.extend(warning);
                sources.push(src);
            }
            Err(Error::Binary { path }) if f.walked => notes.push(Error::SkippedBinary { path }),
            Err(e) => errors.push(e),
        }
    }
    let mut out = check_sources(sources, opts);
    errors.append(&mut out.errors);
    out.errors = errors;
    out.notes = notes;
    out
}

/// Check files already loaded, in the order given, grouping language versions of one
/// document as [`check_paths`] does.
pub fn check_sources(sources: Vec<SourceFile>, opts: &Options) -> Outcome {
    let mut out = Outcome {
        sources,
        ..Outcome::default()
    };
    let order: Vec<String> = out.sources.iter().map(|s| s.path.clone()).collect();
    for members in group::groups(&order) {
        let srcs: Vec<&SourceFile> = members.iter().map(|&i| &out.sources[i]).collect();
        let result = if srcs.len() == 1 {
            check_source(srcs[0], opts)
        } else {
            check_group(&srcs, opts)
        };
        match result {
            Ok((doc, findings)) => {
                out.summary.files += srcs.len();
                out.summary.variants += doc.variants.len().max(1);
                out.summary.claims += doc.claims;
                out.documents.push(doc);
                out.findings.extend(findings);
            }
            Err(e) => out.errors.push(e),
        }
    }
    report::sort_findings(&mut out.findings, &order);
    let findings = std::mem::take(&mut out.findings);
    out.summary.count(&findings);
    out.findings = findings;
    out
}
