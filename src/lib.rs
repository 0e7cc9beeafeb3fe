//! claimlint: a linter for the facts in prose.
//!
//! The pipeline, one module per stage: [`source`] loads a file, [`markdown`] parses it
//! with byte offsets, [`variant`] splits it into versions, [`claim`] extracts figures,
//! dates, quotes and citations, [`align`] finds the same claim across versions, [`rules`]
//! report what drifted, and [`report`] renders the findings. The library never prints.

pub mod against;
pub mod align;
pub mod baseline;
pub mod claim;
pub mod config;
pub mod counterpart;
pub mod error;
pub mod fields;
pub mod gate;
pub mod git;
pub mod group;
pub mod hashing;
pub mod lexicon;
pub mod lsp;
pub mod markdown;
pub mod report;
pub mod romanise;
pub mod rules;
pub mod similar;
pub mod source;
pub mod stand_in;
pub mod suppress;
pub mod variant;

#[cfg(test)]
mod testrand;

use crate::hashing::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use rayon::prelude::*;
use regex::Regex;

pub use error::Error;
use lexicon::Lexicon;
use report::{Finding, Summary};
use source::SourceFile;

/// How a check runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Forecasts for periods that ended before this date are stale. A configuration's
    /// `as_of` replaces it unless `as_of_from_flag` says the user gave it.
    pub as_of: NaiveDate,
    pub as_of_from_flag: bool,
    /// Overrides the configured and the built-in variant heading detection.
    pub variant_heading: Option<Regex>,
    /// `--config PATH`: use this file for every checked file instead of discovering one.
    pub config_file: Option<PathBuf>,
    /// The settings in force. [`check_paths`] finds each file's own; [`check_source`]
    /// uses this one as given.
    pub config: Arc<config::Config>,
    /// Findings recorded here are not reported again.
    pub baseline: Option<Arc<baseline::Baseline>>,
    /// How files are decoded (`--lossy`).
    pub read: ReadOptions,
}

impl Options {
    /// Defaults: no configuration file, no baseline.
    pub fn new(as_of: NaiveDate) -> Options {
        Options {
            as_of,
            as_of_from_flag: false,
            variant_heading: None,
            config_file: None,
            config: Arc::default(),
            baseline: None,
            read: ReadOptions::default(),
        }
    }

    /// These options under another configuration: flags still win over its settings.
    fn under(&self, config: Arc<config::Config>) -> Options {
        Options {
            config,
            ..self.clone()
        }
    }

    /// The date forecasts are judged against.
    pub fn effective_as_of(&self) -> NaiveDate {
        match self.config.as_of {
            Some(d) if !self.as_of_from_flag => d,
            _ => self.as_of,
        }
    }

    fn heading(&self) -> Option<&Regex> {
        self.variant_heading
            .as_ref()
            .or(self.config.variant_heading.as_ref())
    }

    /// The lexicon for `text`: the configured one, or the built-in one, which also spells
    /// its Chinese words in Traditional characters for a text written in them.
    fn lexicon(&self, text: &str) -> Result<&Lexicon, Error> {
        match &self.config.lexicon {
            Some(l) => Ok(l),
            None if crate::lexicon::is_traditional(text) => Lexicon::builtin_traditional(),
            None => Lexicon::builtin(),
        }
    }
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
    /// Findings silenced by suppression comments.
    pub suppressed: usize,
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
    /// The date forecasts were judged against.
    pub as_of: Option<NaiveDate>,
    /// Findings left out because the baseline holds them.
    pub baselined: usize,
    /// Old texts of checked files (`--against REV`) that related places point into.
    pub revisions: Vec<against::Revision>,
    /// Where each path first stands in `sources`, built on the first lookup.
    by_path: OnceLock<HashMap<String, usize>>,
}

impl Outcome {
    /// The text a place (file, variant) points into: the file's text at a revision when
    /// the variant is labelled `…@REV`, the checked file otherwise. Renderers ask once
    /// per finding, so the checked files are looked up by path, not searched.
    pub fn source_for(&self, file: &str, variant: Option<&str>) -> Option<&SourceFile> {
        if variant.is_some() {
            if let Some(r) = self.revisions.iter().find(|r| r.holds(file, variant)) {
                return Some(&r.source);
            }
        }
        let index = self.by_path.get_or_init(|| {
            let mut map = HashMap::with_capacity_and_hasher(self.sources.len(), Default::default());
            for (i, s) in self.sources.iter().enumerate() {
                map.entry(s.path.clone()).or_insert(i);
            }
            map
        });
        // A hit is checked against `sources`, which is public and could have changed
        // since the index was built; a miss or a stale hit falls back to a search.
        index
            .get(file)
            .and_then(|&i| self.sources.get(i))
            .filter(|s| s.path == file)
            .or_else(|| self.sources.iter().find(|s| s.path == file))
    }
}

/// Which files to check and what to compare them with, from git.
#[derive(Debug, Clone, Default)]
pub struct GitOptions {
    /// Compare each file with its content at this revision; report only what is new.
    pub against: Option<String>,
    /// Check only Markdown files changed since this revision (and their groups).
    pub changed_since: Option<String>,
}

/// For each claim, the names (entity roots, hashed and sorted) of the headings it stands
/// under, its own section's and every enclosing one's: the sections "MMKV for Android"
/// and "MMKV for iOS/macOS" are about two things, so their figures are two claims.
fn heading_scopes(
    doc: &markdown::Doc,
    extraction: &claim::Extraction,
    table_release: Vec<u64>,
) -> align::Scopes {
    let mentions = &extraction.mentions;
    let mut stack: Vec<(u8, Vec<u64>)> = Vec::new();
    let mut names: Vec<Box<[u64]>> = Vec::with_capacity(doc.headings.len());
    for h in &doc.headings {
        while stack.last().is_some_and(|(level, _)| *level >= h.level) {
            stack.pop();
        }
        let first = mentions.partition_point(|m| m.span().start < h.range.start);
        let own: Vec<u64> = mentions[first..]
            .iter()
            .take_while(|m| m.span().start < h.range.end)
            .filter(|m| m.span().end <= h.range.end)
            .map(|m| hash_str(&m.entity.root))
            .collect();
        stack.push((h.level, own));
        let mut all: Vec<u64> = stack.iter().flat_map(|(_, v)| v.iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        names.push(all.into());
    }
    let of_claim = extraction
        .claims
        .iter()
        .map(|c| {
            doc.blocks
                .get(c.block())
                .and_then(|b| b.section())
                .filter(|&s| s < names.len())
                .map_or(u32::MAX, |s| s as u32)
        })
        .collect();
    let mut stack: Vec<(u8, u64)> = Vec::new();
    let mut section_release = Vec::with_capacity(doc.headings.len());
    for h in &doc.headings {
        while stack.last().is_some_and(|(level, _)| *level >= h.level) {
            stack.pop();
        }
        let own = release_named(&h.text);
        let r = if own != 0 {
            own
        } else {
            stack.last().map_or(0, |&(_, r)| r)
        };
        stack.push((h.level, r));
        section_release.push(r);
    }
    align::Scopes {
        of_claim,
        names,
        section_release: if section_release.iter().any(|&r| r != 0) {
            section_release
        } else {
            Vec::new()
        },
        table_release,
    }
}

/// The release a heading or a table's caption names (x.y.z, or x.y after v, version,
/// release or 版本), hashed; 0 for none.
fn release_named(t: &str) -> u64 {
    RELEASE
        .captures(t)
        .and_then(|c| c.get(1).or_else(|| c.get(2)))
        .map_or(0, |m| hash_str(m.as_str()).max(1))
}

/// A name's hash, to compare names without keeping them.
fn hash_str(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut hasher);
    hasher.finish()
}

/// The release each table's caption (the paragraph right above it) names, or 0; empty
/// when no caption names one. Read before extraction releases the prose.
fn table_releases(doc: &markdown::Doc) -> Vec<u64> {
    let table_release = doc
        .tables
        .iter()
        .map(|t| {
            let k = doc.top.partition_point(|b| b.range.end <= t.start);
            k.checked_sub(1)
                .and_then(|k| doc.top.get(k))
                .filter(|b| b.kind == markdown::TopKind::Paragraph)
                .and_then(|b| {
                    let i = doc
                        .blocks
                        .partition_point(|x| x.range.start < b.range.start);
                    doc.blocks.get(i).filter(|x| x.range.start == b.range.start)
                })
                .map_or(0, |b| release_named(&b.text))
        })
        .collect::<Vec<u64>>();
    if table_release.iter().any(|&r| r != 0) {
        table_release
    } else {
        Vec::new()
    }
}

/// A release named in a heading or a caption: 2.3.1, v3.1, version 2.4, 版本 1.2.
static RELEASE: gate::Gated = gate::Gated::new(
    r"(?:^|[^\d.])(\d{1,3}\.\d{1,3}\.\d{1,4})(?:[^\d.]|$)|(?:(?-u:\b)[vV]|(?-u:\b)[Vv]ersion ?|(?-u:\b)[Rr]elease ?|版本 ?)(\d{1,3}\.\d{1,3})(?:[^\d.]|$)",
    gate::Gate::Custom(digit_dot_digit),
);

/// The gate of [`RELEASE`]: both branches hold `\d\.\d`, and every decimal digit `\d`
/// stands for is numeric. A heading numbered "1. 技术" holds none.
fn digit_dot_digit(t: &str) -> bool {
    let mut prev = ' ';
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '.' && prev.is_numeric() && chars.peek().is_some_and(|n| n.is_numeric()) {
            return true;
        }
        prev = c;
    }
    false
}

/// One parsed, split, extracted and aligned document: what the rules read.
pub struct Analysis<'a> {
    pub source: &'a SourceFile,
    /// The source's path, shared by the findings that point into it.
    pub file: report::SharedStr,
    /// Each variant's id, shared by the findings that name it.
    variant_ids: Vec<Option<report::SharedStr>>,
    pub doc: markdown::Doc,
    pub variants: Vec<variant::Variant>,
    pub extraction: claim::Extraction,
    pub alignment: align::Alignment,
    /// Rarity-weighted sentence similarity, for rules that compare statements.
    pub sentences: similar::SentenceIndex,
    /// For each block, whether it stands in a summary ([`variant::summary_blocks`]).
    pub summary: Vec<bool>,
    pub lex: &'a Lexicon,
}

impl Analysis<'_> {
    /// Drop what only the rules read: the claims, sentences and mentions, the alignment
    /// and the sentence index. The text, the document's structure and the variants stay.
    pub fn release_claims(&mut self) {
        self.extraction = claim::Extraction::default();
        self.alignment = align::Alignment::default();
        self.sentences = similar::SentenceIndex::default();
    }

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

    pub fn variant_id(&self, index: usize) -> Option<report::SharedStr> {
        self.variant_ids.get(index).cloned().flatten()
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
            .map_or_else(|| "this document".to_string(), |id| id.to_string())
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
pub fn analyze<'a>(source: &'a SourceFile, opts: &'a Options) -> Result<Analysis<'a>, Error> {
    analyze_keeping(source, opts, Prose::Keep)
}

/// Whether an analysis keeps the blocks' prose (their visible text and its map to the
/// source) past extraction: only the house rules read it later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prose {
    Keep,
    Release,
}

impl Prose {
    /// What the rules configured in `opts` need.
    fn for_rules(opts: &Options) -> Prose {
        if opts.config.house.is_empty() {
            Prose::Release
        } else {
            Prose::Keep
        }
    }
}

fn analyze_keeping<'a>(
    source: &'a SourceFile,
    opts: &'a Options,
    prose: Prose,
) -> Result<Analysis<'a>, Error> {
    let doc = markdown::parse(&source.text, source.bom_len());
    let variants = variant::split(&doc, source.text.len(), opts.heading());
    analyze_parts(source, doc, variants, opts.lexicon(&source.text)?, prose)
}

/// `prose`: with [`Prose::Release`], each block's prose is released as soon as
/// extraction has read it ([`claim::extract_releasing`]; summary detection reads it
/// first), so that the claims do not grow beside the whole document's prose, rather
/// than when the rules start.
fn analyze_parts<'a>(
    source: &'a SourceFile,
    mut doc: markdown::Doc,
    variants: Vec<variant::Variant>,
    lex: &'a Lexicon,
    prose: Prose,
) -> Result<Analysis<'a>, Error> {
    // Claims, sources, mentions and sentences hold their offsets as u32s.
    if source.text.len() > claim::MAX_TEXT {
        return Err(Error::Read {
            path: source.path.clone(),
            message: "4 GiB or more: too large to check".into(),
        });
    }
    // Summary detection reads the prose, which extraction may release block by block.
    let summary = variant::summary_blocks(&doc, &variants, lex);
    let table_release = table_releases(&doc);
    let (mut extraction, contexts) = match prose {
        Prose::Keep => claim::extract_with_contexts(&doc, lex),
        Prose::Release => {
            let extracted = claim::extract_releasing(&mut doc, lex);
            // The top-level blocks served the variant split and the tables' sources;
            // nothing after extraction reads them (a dense document has hundreds of
            // thousands).
            doc.top = Vec::new();
            extracted
        }
    };
    let starts: Vec<usize> = variants.iter().map(|v| v.range.start).collect();
    let variant_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let ranges: Vec<Range<usize>> = variants.iter().map(|v| v.range.clone()).collect();
    let comments: Vec<Range<usize>> = doc.comments.iter().map(|c| c.range.clone()).collect();
    extraction.locate(&ranges, &comments);
    let named: Vec<bool> = variants.iter().map(|v| v.id.is_some()).collect();
    // Each table's place among its variant's tables, and its shape.
    let mut shapes: Vec<(u32, u32)> = vec![(0, 0); doc.tables.len()];
    for b in &doc.blocks {
        if let Some(c) = b.cell {
            if let Some(s) = shapes.get_mut(c.table as usize) {
                s.0 = s.0.max(c.row.saturating_add(1));
                s.1 = s.1.max(c.col.saturating_add(1));
            }
        }
    }
    let mut seen_in_variant: crate::hashing::HashMap<usize, u32> = Default::default();
    let ordinals: Vec<u32> = doc
        .tables
        .iter()
        .map(|r| {
            let n = seen_in_variant.entry(variant_of(r.start)).or_default();
            *n += 1;
            *n - 1
        })
        .collect();
    // Only the claims in a table cell: an entry for every claim was a tenth of
    // alignment's memory on a large document.
    let cells: Vec<(usize, align::CellAt)> = extraction
        .claims
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let cell = doc.blocks.get(c.block())?.cell?;
            let (rows, cols) = *shapes.get(cell.table as usize)?;
            let at = align::CellAt {
                ordinal: *ordinals.get(cell.table as usize)?,
                rows,
                cols,
                row: cell.row,
                col: cell.col,
            };
            Some((i, at))
        })
        .collect();
    let scopes = heading_scopes(&doc, &extraction, table_release);
    let alignment = align::align_with(&extraction, &named, &summary, &contexts, &cells, &scopes);
    drop(cells);
    drop(scopes);
    // The sentences' own bigram sets served alignment only.
    drop(contexts);
    let sentences = similar::SentenceIndex::build(source, &extraction);
    let variant_ids = variants
        .iter()
        .map(|v| v.id.as_deref().map(report::SharedStr::from))
        .collect();
    Ok(Analysis {
        source,
        file: source.path.as_str().into(),
        variant_ids,
        doc,
        variants,
        extraction,
        alignment,
        sentences,
        summary,
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

/// Run every enabled rule at its configured severity, then the house rules, then the
/// document's suppression comments. `files` is the byte range of each file in the
/// analysed text. The house rules, the only ones that read the blocks' visible text,
/// run first, into a list of their own that follows the other rules' findings as
/// before; the blocks' prose is then released ([`markdown::Doc::release_prose`]): on a
/// large document it is a sixth of what the rules would otherwise run beside. The
/// claims are released after the rules ([`Analysis::release_claims`]).
fn run_rules(
    analysis: &mut Analysis<'_>,
    opts: &Options,
    files: &[Range<usize>],
) -> (Vec<Finding>, usize) {
    let cfg = &opts.config;
    fn context<'a>(a: &'a Analysis<'a>, opts: &'a Options) -> rules::RuleContext<'a> {
        rules::RuleContext {
            a,
            as_of: opts.effective_as_of(),
            canonical: opts.config.canonical.as_deref(),
            tolerance: opts.config.tolerance,
        }
    }
    let mut house = Vec::new();
    for h in &cfg.house {
        if let Some(level) = cfg.severity_of(h.code, h.severity) {
            rules::house::check(&context(analysis, opts), h, level, &mut house);
        }
    }
    analysis.doc.release_prose();
    // Each rule's findings are packed as the rule pushes them ([`report::held`]): held
    // as they were built, a dense document's findings were a quarter of the run's
    // memory, beside every claim. The lists are joined in the rules' order, whatever
    // order they ran in.
    let mut lists: Vec<report::held::Held> = Vec::new();
    lists.resize_with(rules::RULES.len() + 1, Default::default);
    let mut run = |analysis: &Analysis<'_>, k: usize| {
        let rule = rules::RULES[k];
        if let Some(level) = cfg.severity_of(rule.code(), rule.default_severity()) {
            let ctx = context(analysis, opts);
            rule.check(&ctx, &mut rules::Findings::new(&mut lists[k], level));
            lists[k].seal();
        }
    };
    for k in run_order().take(SCRATCH_FIRST.len()) {
        run(analysis, k);
    }
    // The sentence index and the mentions are read by these rules only (the test
    // `only_the_first_rules_read_the_sentence_index_or_the_mentions` holds it): the
    // others run without them.
    analysis.sentences = similar::SentenceIndex::default();
    analysis.extraction.mentions = Vec::new();
    for k in run_order().skip(SCRATCH_FIRST.len()) {
        run(analysis, k);
    }
    lists[rules::RULES.len()].extend(house);
    // Suppression reads the comments, the text and the variants, not the claims: they
    // go before the lists are unpacked and joined into one.
    analysis.release_claims();
    let analysis = &*analysis;
    let mut findings = Vec::with_capacity(lists.iter().map(report::held::Held::len).sum());
    for list in lists {
        list.unpack_into(&mut findings);
    }
    let mut known: Vec<&str> = rules::RULES.iter().map(|r| r.code()).collect();
    known.extend(cfg.house.iter().map(|h| h.code));
    let applied = suppress::apply(
        findings,
        &analysis.doc.comments,
        &analysis.source.text,
        files,
        &known,
        |code, severity, span, message, help| Finding {
            code,
            severity,
            variant: analysis.variant_id(analysis.variant_at(span.start)),
            file: analysis.file.clone(),
            span,
            message,
            related: Vec::new(),
            help: help.into(),
        },
    );
    let mut out = applied.kept;
    for n in applied.notes {
        if let Some(level) = cfg.severity_of(n.code, n.severity) {
            out.push(Finding {
                severity: level,
                ..n
            });
        }
    }
    (out, applied.suppressed)
}

/// The rules that build large indexes of their own (claim-coverage's sentences by
/// subject, attribution-mismatch's and date-mismatch's per-sentence tables) run first,
/// while few findings are held: on a dense document the last rule ran beside every
/// other rule's findings, and its index was the top of the run's memory. They are also
/// the only rules that read the sentence index and the mentions, which are released
/// when they are done ([`run_rules`]).
const SCRATCH_FIRST: [&str; 3] = ["claim-coverage", "attribution-mismatch", "date-mismatch"];

/// Indices into [`rules::RULES`] in the order they run: [`SCRATCH_FIRST`], then the
/// others in their order.
fn run_order() -> impl Iterator<Item = usize> {
    let position = |code: &str| rules::RULES.iter().position(|r| r.code() == code);
    let first = SCRATCH_FIRST.into_iter().filter_map(position);
    let rest =
        (0..rules::RULES.len()).filter(|&k| !SCRATCH_FIRST.contains(&rules::RULES[k].code()));
    first.chain(rest)
}

/// Check one loaded file: its report entry and its findings.
pub fn check_source(
    source: &SourceFile,
    opts: &Options,
) -> Result<(DocumentReport, Vec<Finding>), Error> {
    let mut analysis = analyze_keeping(source, opts, Prose::for_rules(opts))?;
    let claims = analysis.extraction.claims.len();
    let (findings, suppressed) = run_rules(
        &mut analysis,
        opts,
        std::slice::from_ref(&(0..source.text.len())),
    );
    let variants = variant_infos(&analysis, |v| source.lines.line_of(v.heading.start));
    let report = DocumentReport {
        file: source.path.clone(),
        variants,
        claims,
        suppressed,
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
    let mut analysis = analyze_parts(
        &combined,
        doc,
        variants,
        opts.lexicon(&combined.text)?,
        Prose::for_rules(opts),
    )?;
    let claims = analysis.extraction.claims.len();
    let ranges: Vec<Range<usize>> = bases
        .iter()
        .zip(sources)
        .map(|(&b, s)| b..b + s.text.len())
        .collect();
    let (mut findings, suppressed) = run_rules(&mut analysis, opts, &ranges);
    // Back from the combined text to each file.
    let files: Vec<report::SharedStr> = sources.iter().map(|s| s.path.as_str().into()).collect();
    let locate = |offset: usize| bases.partition_point(|&b| b <= offset).saturating_sub(1);
    for f in &mut findings {
        let k = locate(f.span.start);
        f.file = files[k].clone();
        f.span = f.span.start - bases[k]..f.span.end - bases[k];
        for r in &mut f.related {
            let k = locate(r.span.start);
            r.file = files[k].clone();
            r.span = r.span.start - bases[k]..r.span.end - bases[k];
        }
    }
    let report = DocumentReport {
        file: sources[0].path.clone(),
        // Each file is a variant, starting at its first line.
        variants: variant_infos(&analysis, |_| 1),
        claims,
        suppressed,
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
/// honouring .gitignore). Each file is checked under its own `claimlint.toml` (the
/// nearest walking up to the repository root, or `--config`), which may leave it out
/// (include/exclude) or group it with other files as variants of one document. Files
/// that are language versions of one document (README.md, README.zh-CN.md) are checked
/// together as its variants. Unreadable files and broken configurations become errors;
/// the rest are still checked.
pub fn check_paths(paths: &[String], opts: &Options) -> Outcome {
    let (files, walk_errors) = group::expand(paths);
    check_files(files, walk_errors, opts, None, paths)
}

/// [`check_paths`] with a choice of how files are decoded.
pub fn check_paths_with(paths: &[String], opts: &Options, read_opts: ReadOptions) -> Outcome {
    let opts = Options {
        read: read_opts,
        ..opts.clone()
    };
    check_paths(paths, &opts)
}

/// [`check_paths`] with git: `--changed-since` narrows the files to those changed since
/// a revision, `--against` compares each with its content at a revision. A revision
/// that does not resolve, or a folder outside any repository, fails the whole run.
pub fn check_paths_git(
    paths: &[String],
    opts: &Options,
    git: &GitOptions,
) -> Result<Outcome, Error> {
    let against = git
        .against
        .as_deref()
        .map(against::Against::new)
        .transpose()?;
    let (mut files, walk_errors) = group::walk(paths);
    if let Some(rev) = &git.changed_since {
        let repo = match &against {
            Some(a) => a.repo.clone(),
            None => git::Repo::discover()?,
        };
        let commit = repo.resolve(rev)?;
        let changed = repo.changed_since(&commit)?;
        // A named file that does not exist stays, so reading it names the mistake.
        files.retain(|f| match std::fs::canonicalize(f) {
            Ok(abs) => changed.contains(&abs),
            Err(_) => !std::path::Path::new(f).exists(),
        });
    }
    let files = group::complete(&files);
    Ok(check_files(
        files,
        walk_errors,
        opts,
        against.as_ref(),
        paths,
    ))
}

/// Read one file as `read_opts` says: the source, and a warning when bytes were
/// replaced.
fn read_source(path: &str, read_opts: ReadOptions) -> Result<(SourceFile, Option<Error>), Error> {
    let bytes = read(path)?;
    if read_opts.lossy {
        decode_lossy(path, bytes)
    } else {
        decode(path, bytes).map(|s| (s, None))
    }
}

/// Check `files` (from `named`, the paths the user gave). A binary file found by
/// walking a folder is skipped with a note (folders hold images and archives with
/// Markdown names); a binary file named on the command line is an error.
fn check_files(
    mut files: Vec<String>,
    walk_errors: Vec<Error>,
    opts: &Options,
    against: Option<&against::Against>,
    named: &[String],
) -> Outcome {
    let mut out = Outcome::default();
    out.errors.extend(walk_errors);
    let mut resolver = config::Resolver::new(opts.config_file.as_deref());
    let mut configs: Vec<Arc<config::Config>> = Vec::new();
    let mut bad_configs: Vec<String> = Vec::new();
    let mut kept = Vec::with_capacity(files.len());
    // Each configured group's folder is walked once, however many of its members come.
    let mut listed: crate::hashing::HashSet<String> = files.iter().cloned().collect();
    let mut walked_groups: crate::hashing::HashSet<(usize, String)> = Default::default();
    let mut i = 0;
    while i < files.len() {
        let p = files[i].clone();
        i += 1;
        match resolver.for_file(Path::new(&p)) {
            Ok(cfg) => {
                if !cfg.selects(Path::new(&p)) {
                    continue;
                }
                // A configured group is read whole, even when one member was named.
                if let Some(g) = cfg.group_of(Path::new(&p)) {
                    if walked_groups.insert((Arc::as_ptr(&cfg) as usize, g.name.clone())) {
                        for m in group_members(&cfg, g) {
                            if listed.insert(m.clone()) {
                                files.push(m);
                            }
                        }
                    }
                }
                kept.push(p);
                configs.push(cfg);
            }
            Err(e) => {
                let key = e.to_string();
                if !bad_configs.contains(&key) {
                    bad_configs.push(key);
                    out.errors.push(e);
                }
            }
        }
    }
    // Files are read in parallel; `collect` keeps them in input order.
    let loaded: Vec<_> = map_in_order(&kept, |p| read_source(p, opts.read));
    let mut loaded_configs = Vec::new();
    for ((l, cfg), p) in loaded.into_iter().zip(configs).zip(&kept) {
        match l {
            Ok((src, warning)) => {
                out.notes.extend(warning);
                out.sources.push(src);
                loaded_configs.push(cfg);
            }
            Err(Error::Binary { path }) if !named.contains(p) => {
                out.notes.push(Error::SkippedBinary { path });
            }
            Err(e) => out.errors.push(e),
        }
    }
    check_loaded(out, &loaded_configs, opts, against)
}

/// `f` of each item, in order: on rayon's pool, or on this thread when there is only one
/// item, so that checking one document starts no pool and hands its work to no other
/// thread (on a busy machine, waiting for that thread to be scheduled cost more than the
/// work of a short file).
fn map_in_order<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    if items.len() <= 1 {
        items.iter().map(f).collect()
    } else {
        items.par_iter().map(f).collect()
    }
}

/// Check files already loaded, in the order given, under `opts`' configuration,
/// grouping language versions of one document as [`check_paths`] does.
pub fn check_sources(sources: Vec<SourceFile>, opts: &Options) -> Outcome {
    let configs = vec![opts.config.clone(); sources.len()];
    let out = Outcome {
        sources,
        ..Outcome::default()
    };
    check_loaded(out, &configs, opts, None)
}

/// Group the loaded sources of `out` into documents, check each under its own
/// configuration, compare with a revision when asked, then apply the baseline.
fn check_loaded(
    mut out: Outcome,
    loaded_configs: &[Arc<config::Config>],
    opts: &Options,
    against: Option<&against::Against>,
) -> Outcome {
    let order: Vec<String> = out.sources.iter().map(|s| s.path.clone()).collect();
    // Documents are checked in parallel (rayon's global pool, so RAYON_NUM_THREADS and
    // `--threads` apply); `collect` keeps the results in input order, so the output is
    // the same bytes whatever the thread count.
    let groups = document_groups(&order, loaded_configs);
    let results: Vec<_> = map_in_order(&groups, |members| {
        let srcs: Vec<&SourceFile> = members.iter().map(|&i| &out.sources[i]).collect();
        let eff = opts.under(loaded_configs[members[0]].clone());
        let result = if srcs.len() == 1 {
            check_source(srcs[0], &eff)
        } else {
            check_group(&srcs, &eff)
        };
        (srcs, eff, result)
    });
    for (srcs, eff, result) in results {
        out.as_of.get_or_insert(eff.effective_as_of());
        match result {
            Ok((doc, mut findings)) => {
                if let Some(a) = against {
                    let r = a.compare(&srcs, findings, &eff);
                    findings = r.findings;
                    out.revisions.extend(r.revisions);
                    out.errors.extend(r.errors);
                }
                out.summary.files += srcs.len();
                out.summary.variants += doc.variants.len().max(1);
                out.summary.claims += doc.claims;
                out.documents.push(doc);
                if out.findings.is_empty() {
                    out.findings = findings;
                } else {
                    out.findings.extend(findings);
                }
            }
            Err(e) => out.errors.push(e),
        }
    }
    report::sort_findings(&mut out.findings, &order);
    if let Some(b) = &opts.baseline {
        let before = out.findings.len();
        let findings = std::mem::take(&mut out.findings);
        out.findings = b.filter(findings, &out);
        out.baselined = before - out.findings.len();
    }
    let findings = std::mem::take(&mut out.findings);
    out.summary.count(&findings);
    out.findings = findings;
    out
}

/// Every file of a configured group, found under the configuration's folder.
fn group_members(cfg: &config::Config, g: &config::FileGroup) -> Vec<String> {
    let mut found: Vec<String> = ignore::WalkBuilder::new(&cfg.root)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter(|e| g.set.is_match(cfg.relative(e.path())))
        .map(|e| {
            let p = e.path();
            p.strip_prefix("./")
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    found.sort();
    found
}

/// Split loaded files into documents: configured groups first, then language pairs.
fn document_groups(order: &[String], configs: &[Arc<config::Config>]) -> Vec<Vec<usize>> {
    let mut configured: Vec<((usize, String), Vec<usize>)> = Vec::new();
    let mut rest = Vec::new();
    for (i, p) in order.iter().enumerate() {
        let cfg = &configs[i];
        match cfg.group_of(Path::new(p)) {
            Some(g) => {
                let key = (Arc::as_ptr(cfg) as usize, g.name.clone());
                match configured.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, v)) => v.push(i),
                    None => configured.push((key, vec![i])),
                }
            }
            None => rest.push(i),
        }
    }
    let rest_paths: Vec<String> = rest.iter().map(|&i| order[i].clone()).collect();
    let mut all: Vec<Vec<usize>> = configured.into_iter().map(|(_, v)| v).collect();
    all.extend(
        group::groups(&rest_paths)
            .into_iter()
            .map(|g| g.into_iter().map(|k| rest[k]).collect()),
    );
    all.sort_by_key(|g| g[0]);
    all
}

#[cfg(test)]
mod tests {
    use super::SCRATCH_FIRST;

    #[test]
    fn only_the_first_rules_read_the_sentence_index_or_the_mentions() {
        // run_rules releases both once the SCRATCH_FIRST rules are done: a later rule
        // that read them would see none. Each rule's source is searched for the ways
        // rules reach them (`a.sentences`, `idx`, `.mentions`).
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules");
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    files.push(p);
                }
            }
        }
        let allowed: Vec<String> = SCRATCH_FIRST.iter().map(|c| c.replace('-', "_")).collect();
        let reads = [
            ".sentences.wsim",
            ".sentences.bigrams",
            "&a.sentences",
            "= &a.sentences",
            "ctx.a.sentences",
            ".mentions",
        ];
        let mut seen = 0;
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            let path = f.to_string_lossy().replace('\\', "/");
            let own = allowed.iter().any(|r| path.contains(&format!("/{r}")));
            let reading = reads.iter().any(|r| text.contains(r));
            seen += usize::from(reading);
            assert!(
                own || !reading,
                "{path} reads the sentence index or the mentions"
            );
        }
        // (The search does find the readers.)
        assert!(seen >= 3, "{seen}");
    }

    #[test]
    fn every_rule_runs_once() {
        let mut order: Vec<usize> = super::run_order().collect();
        assert_eq!(order.len(), super::rules::RULES.len());
        order.sort_unstable();
        assert!(order.iter().copied().eq(0..super::rules::RULES.len()));
    }

    #[test]
    fn the_release_gate_admits_every_release() {
        crate::gate::assert_sound(&super::RELEASE);
        assert!(super::digit_dot_digit("版本 １.２"));
        assert!(!super::digit_dot_digit("**1. 技术优势**"));
        assert!(!super::digit_dot_digit("v2. or .5"));
    }
}
