//! `--against REV`: each checked file is also compared with its own content at a git
//! revision, and findings that were already there at that revision are not reported
//! again.
//!
//! Sits beside the rules stage: it builds small two-variant documents (the old text of
//! a variant first, the current one second) and runs the ordinary rules on them, then
//! maps their findings back onto the current file. A file with named variants
//! (整合版/版本1/版本二) compares each variant with the same-named variant at REV; a
//! file without them, or one file of a language group, compares its whole text with its
//! whole old text. The old side is labelled `版本二@REV` or `README.md@REV`; its spans
//! are offsets into the old text, which [`crate::Outcome::revisions`] keeps.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use crate::error::Error;
use crate::git::{Commit, Repo};
use crate::report::{Finding, fingerprint, sort_findings};
use crate::source::SourceFile;
use crate::{Options, markdown, variant};

/// A file's text at the revision, kept so related places that point into it can be shown.
#[derive(Debug, Clone)]
pub struct Revision {
    /// The revision as the user named it ("main").
    pub rev: String,
    /// The old text; its `path` is the current file's path.
    pub source: SourceFile,
}

impl Revision {
    /// Whether a related place (file, variant) points into this old text: the variant
    /// label ends in `@REV`.
    pub fn holds(&self, file: &str, variant: Option<&str>) -> bool {
        self.source.path == file
            && variant.is_some_and(|v| {
                v.strip_suffix(self.rev.as_str())
                    .is_some_and(|rest| rest.ends_with('@'))
            })
    }
}

/// The revision to compare with, resolved once per run.
pub struct Against {
    pub repo: Repo,
    pub commit: Commit,
}

/// What comparing one group of files with its old revision gives.
pub struct GroupResult {
    /// Findings to report: current findings not present at REV, plus drift since REV.
    pub findings: Vec<Finding>,
    /// Old texts the findings' related places point into.
    pub revisions: Vec<Revision>,
    /// Files that could not be read at REV (outside the repository, not UTF-8 there).
    pub errors: Vec<Error>,
}

/// Rules whose findings between revisions would only describe ordinary editing: a claim
/// added or removed, a list renumbered.
const NOT_BETWEEN_REVISIONS: &[&str] = &["claim-coverage", "list-numbering"];

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

impl Against {
    pub fn new(rev: &str) -> Result<Against, Error> {
        let repo = Repo::discover()?;
        let commit = repo.resolve(rev)?;
        Ok(Against { repo, commit })
    }

    /// Compare a group (one file, or language versions checked together) with REV.
    /// `current` are the group's findings as checked now.
    pub fn compare(
        &self,
        sources: &[&SourceFile],
        current: Vec<Finding>,
        opts: &Options,
    ) -> GroupResult {
        let mut result = GroupResult {
            findings: Vec::new(),
            revisions: Vec::new(),
            errors: Vec::new(),
        };
        let rev = &self.commit.name;
        // The old texts, under the current paths.
        let mut rel = Vec::new();
        let mut asked = Vec::new();
        for (i, s) in sources.iter().enumerate() {
            match self.repo.relative(&s.path) {
                Some(r) => {
                    rel.push(r);
                    asked.push(i);
                }
                None => result.errors.push(Error::OutsideRepo {
                    path: s.path.clone(),
                    root: self.repo.root.to_string_lossy().into_owned(),
                }),
            }
        }
        let blobs = match self.repo.read_at(&self.commit, &rel) {
            Ok(b) => b,
            Err(e) => {
                result.errors.push(e);
                vec![None; rel.len()]
            }
        };
        let mut old: Vec<Option<SourceFile>> = vec![None; sources.len()];
        for (k, blob) in asked.iter().zip(blobs) {
            let Some(bytes) = blob else { continue };
            let path = &sources[*k].path;
            match crate::decode(&format!("{path}@{rev}"), bytes) {
                Ok(s) => old[*k] = Some(SourceFile::new(path.clone(), s.text)),
                Err(e) => result.errors.push(e),
            }
        }

        // Findings that were already there at REV are not news.
        let old_sources: Vec<SourceFile> = old.iter().flatten().cloned().collect();
        let mut kept = current.clone();
        if !old_sources.is_empty() {
            let refs: Vec<&SourceFile> = old_sources.iter().collect();
            let before = if refs.len() == 1 {
                crate::check_source(refs[0], opts)
            } else {
                crate::check_group(&refs, opts)
            };
            if let Ok((_, mut old_findings)) = before {
                let order: Vec<String> = old_sources.iter().map(|s| s.path.clone()).collect();
                sort_findings(&mut old_findings, &order);
                let mut known: HashMap<String, usize> = HashMap::new();
                for fp in fingerprint::fingerprints(&old_findings, &old_sources) {
                    *known.entry(fp).or_insert(0) += 1;
                }
                let order: Vec<String> = sources.iter().map(|s| s.path.clone()).collect();
                let now: Vec<SourceFile> = sources.iter().map(|&s| s.clone()).collect();
                sort_findings(&mut kept, &order);
                let fps = fingerprint::fingerprints(&kept, &now);
                let mut keep = Vec::with_capacity(kept.len());
                for (f, fp) in kept.into_iter().zip(fps) {
                    match known.get_mut(&fp) {
                        Some(n) if *n > 0 => *n -= 1,
                        _ => keep.push(f),
                    }
                }
                kept = keep;
            }
        }
        result.findings = kept;

        // Drift since REV, file by file. Drift the old text already shows against itself
        // (a figure stated two ways in one variant at REV and now) is not news either.
        let grouped = sources.len() > 1;
        for (k, src) in sources.iter().enumerate() {
            let Some(old_src) = &old[k] else { continue };
            let label = grouped.then(|| crate::group::variant_name(&src.path));
            let drift = compare_file(src, old_src, label.clone(), rev, opts);
            let same = compare_file(old_src, old_src, label, rev, opts).findings;
            // A comment that silences drift since REV is in use, though the current
            // text alone would call it unused.
            result.findings.retain(|f| {
                !(f.code == crate::suppress::UNUSED && *f.file == *src.path && drift.used(&f.span))
            });
            let drift = drift.findings;
            let at_rev = |v: Option<&str>| v.is_some_and(|v| v.ends_with(&format!("@{rev}")));
            let mut known: HashMap<String, usize> = HashMap::new();
            for fp in fingerprint::fingerprints_with(&same, |_, _| Some(old_src)) {
                *known.entry(fp).or_insert(0) += 1;
            }
            let fps = fingerprint::fingerprints_with(&drift, |_, v| {
                Some(if at_rev(v) { old_src } else { *src })
            });
            for (f, fp) in drift.into_iter().zip(fps) {
                match known.get_mut(&fp) {
                    Some(n) if *n > 0 => *n -= 1,
                    _ => result.findings.push(f),
                }
            }
            result.revisions.push(Revision {
                rev: rev.clone(),
                source: old_src.clone(),
            });
        }
        result
    }
}

/// Mismatch rules that name one side the reference: when a rule took the current text as
/// the reference (it carries a source, the old figure did not), the finding sits on the
/// old text, and is turned around to sit on the current one.
const SYMMETRIC: &[&str] = &[
    "value-mismatch",
    "date-mismatch",
    "attribution-mismatch",
    "unit-mismatch",
    "qualifier-mismatch",
];

/// A finding on the old side (before `base`) that points at a place on the current side,
/// restated from the current place: "160亿美元 here, 16亿美元 in 版本二@REV".
fn turn_around(f: &Finding, base: usize, text: &SourceFile, then_name: &str) -> Option<Finding> {
    if f.span.start >= base || !SYMMETRIC.contains(&f.code) {
        return None;
    }
    let now = f.related.iter().find(|r| r.span.start >= base)?;
    let (here, there) = (text.slice(&now.span).trim(), text.slice(&f.span).trim());
    Some(Finding {
        message: format!("{here} here, {there} in {then_name}"),
        span: now.span.clone(),
        related: vec![crate::report::Related {
            file: f.file.clone(),
            variant: None,
            span: f.span.clone(),
            message: format!("{there} here"),
        }],
        ..f.clone()
    })
}

/// One variant's place in the current and the old text, and its names.
struct Pair {
    now: Range<usize>,
    then: Range<usize>,
    /// The finding variant for the current side (None for a file without variants).
    id: Option<String>,
    /// Names inside the two-variant document: "版本二" and "版本二@main".
    now_name: String,
    then_name: String,
}

fn pairs(
    now: &SourceFile,
    then: &SourceFile,
    group_label: Option<String>,
    rev: &str,
    opts: &Options,
) -> Vec<Pair> {
    let split = |s: &SourceFile| {
        let doc = markdown::parse(&s.text, s.bom_len());
        variant::split(&doc, s.text.len(), opts.heading())
    };
    let name = file_name(&now.path);
    let now_vars = split(now);
    let named = now_vars.iter().any(|v| v.id.is_some());
    if group_label.is_some() || !named {
        return vec![Pair {
            now: 0..now.text.len(),
            then: 0..then.text.len(),
            now_name: group_label.clone().unwrap_or_else(|| name.clone()),
            then_name: format!("{name}@{rev}"),
            id: group_label,
        }];
    }
    let then_vars = split(then);
    now_vars
        .iter()
        .filter_map(|v| {
            let id = v.id.as_ref()?;
            let old = then_vars.iter().find(|o| o.id.as_ref() == Some(id))?;
            Some(Pair {
                now: v.range.clone(),
                then: old.range.clone(),
                id: Some(id.clone()),
                now_name: id.clone(),
                then_name: format!("{id}@{rev}"),
            })
        })
        .collect()
}

/// Findings of drift between `now` and `then` (the same file at REV), on `now`'s spans.
fn compare_file(
    now: &SourceFile,
    then: &SourceFile,
    group_label: Option<String>,
    rev: &str,
    opts: &Options,
) -> Drift {
    let mut out = Drift::default();
    for p in pairs(now, then, group_label, rev, opts) {
        // The old text first: on a tie the rules take the first variant as the reference.
        let mut text = String::new();
        let mut doc = markdown::Doc::default();
        let old_slice = then.slice(&p.then);
        let skip = |s: &SourceFile, r: &Range<usize>| if r.start == 0 { s.bom_len() } else { 0 };
        text.push_str(old_slice);
        text.push_str("\n\n");
        doc.append(markdown::parse(old_slice, skip(then, &p.then)), 0);
        let base = text.len();
        let now_slice = now.slice(&p.now);
        text.push_str(now_slice);
        doc.append(markdown::parse(now_slice, skip(now, &p.now)), base);
        let variants = vec![
            variant::Variant {
                id: Some(p.then_name.clone()),
                title: p.then_name.clone(),
                heading: 0..0,
                range: 0..base,
            },
            variant::Variant {
                id: Some(p.now_name.clone()),
                title: p.now_name.clone(),
                heading: base..base,
                range: base..text.len(),
            },
        ];
        let combined = SourceFile::new(now.path.clone(), text);
        let Ok(lex) = opts.lexicon(&combined.text) else {
            continue;
        };
        let Ok(mut analysis) =
            crate::analyze_parts(&combined, doc, variants, lex, crate::Prose::for_rules(opts))
        else {
            continue;
        };
        // Suppression comments apply here too: each side is one file of the pair.
        let files = [0..old_slice.len(), base..combined.text.len()];
        let (findings, _) = crate::run_rules(&mut analysis, opts, &files);
        // Which suppression comments of the current side silenced nothing here.
        let now_span = |r: &Range<usize>| r.start - base + p.now.start..r.end - base + p.now.start;
        out.compared.push(p.now.clone());
        out.unused.extend(
            findings
                .iter()
                .filter(|f| f.code == crate::suppress::UNUSED && f.span.start >= base)
                .map(|f| now_span(&f.span)),
        );
        let mut pair_out: Vec<Finding> = Vec::new();
        for f in &findings {
            if NOT_BETWEEN_REVISIONS.contains(&f.code) {
                continue;
            }
            let mut f = if f.span.start >= base && f.related.iter().any(|r| r.span.start < base) {
                f.clone()
            } else if let Some(turned) = turn_around(f, base, &combined, &p.then_name) {
                turned
            } else {
                continue;
            };
            let file: crate::report::SharedStr = now.path.as_str().into();
            let id: Option<crate::report::SharedStr> = p.id.as_deref().map(Into::into);
            f.file = file.clone();
            f.variant = id.clone();
            f.span = f.span.start - base + p.now.start..f.span.end - base + p.now.start;
            for r in &mut f.related {
                r.file = file.clone();
                if r.span.start >= base {
                    r.variant = id.clone();
                    r.span = r.span.start - base + p.now.start..r.span.end - base + p.now.start;
                } else {
                    r.variant = Some(p.then_name.as_str().into());
                    r.span = r.span.start + p.then.start..r.span.end + p.then.start;
                }
            }
            // A turned-around finding where the rule already reported one stays out.
            if !pair_out
                .iter()
                .any(|o| o.code == f.code && o.span == f.span)
            {
                pair_out.push(f);
            }
        }
        out.findings.extend(pair_out);
    }
    out
}

/// What comparing a file with its old text gives.
#[derive(Default)]
struct Drift {
    findings: Vec<Finding>,
    /// Ranges of the current text that were compared.
    compared: Vec<Range<usize>>,
    /// Suppression comments (current spans) that silenced nothing in the comparison.
    unused: Vec<Range<usize>>,
}

impl Drift {
    /// Whether the suppression comment at `span` silenced a drift finding.
    fn used(&self, span: &Range<usize>) -> bool {
        self.compared
            .iter()
            .any(|r| r.start <= span.start && span.start < r.end)
            && !self.unused.contains(span)
    }
}
