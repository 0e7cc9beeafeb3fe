//! Report stage: the [`Finding`] model every rule produces, its deterministic order, and
//! the summary. `json` writes the report-v1 contract; `human` renders with miette;
//! `sarif`, `rdjson` and `github` are the CI formats.

pub mod claims;
pub mod fingerprint;
pub mod github;
pub mod held;
pub mod human;
pub mod json;
pub mod rdjson;
pub mod sarif;
mod text;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A string many findings hold (a file's path, a variant's name): one allocation per
/// distinct string instead of one per finding. It reads and compares as a `str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedStr(Arc<str>);

impl std::ops::Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for SharedStr {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_ref().as_ref()
    }
}

impl std::borrow::Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for SharedStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&*self.0, f)
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> Self {
        SharedStr(s.into())
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> Self {
        SharedStr(s.into())
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        **self == *other.0
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        **self == *other.0
    }
}

/// Another place a finding rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Shared by the findings of a file (a dense document has tens of thousands).
    pub file: SharedStr,
    pub variant: Option<SharedStr>,
    pub span: Range<usize>,
    pub message: String,
}

/// One problem found, pointing at the exact bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Shared by the findings of a file, as the variant's name is by its findings.
    pub file: SharedStr,
    pub variant: Option<SharedStr>,
    pub span: Range<usize>,
    pub related: Vec<Related>,
    /// Most rules give the same advice every time: a constant is borrowed, not copied
    /// into every finding.
    pub help: Cow<'static, str>,
}

/// Sort by file (in the order given), then offset, then code; drop exact duplicates.
pub fn sort_findings(findings: &mut Vec<Finding>, file_order: &[String]) {
    // Looked up, not searched: a folder of 20,000 files made the search quadratic.
    let mut ranks: HashMap<&str, usize> = HashMap::with_capacity(file_order.len());
    for (i, f) in file_order.iter().enumerate() {
        ranks.entry(f.as_str()).or_insert(i);
    }
    let rank = |f: &str| ranks.get(f).copied().unwrap_or(usize::MAX);
    // Each finding's rank is looked up once, not twice per comparison; the findings are
    // sorted as a list of indices (stable, as sorting them in place was) and then put in
    // that order, which needs 16 bytes a finding rather than a second list of findings.
    let ranks: Vec<usize> = findings.iter().map(|f| rank(&f.file)).collect();
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&findings[i], &findings[j]);
        ranks[i]
            .cmp(&ranks[j])
            .then(a.file.cmp(&b.file))
            .then(a.span.start.cmp(&b.span.start))
            .then(a.code.cmp(b.code))
            .then(a.span.end.cmp(&b.span.end))
            .then(a.message.cmp(&b.message))
    });
    // Position i takes the finding first at order[i]: follow where earlier swaps moved it.
    for i in 0..order.len() {
        let mut j = order[i];
        while j < i {
            j = order[j];
        }
        findings.swap(i, j);
    }
    findings.dedup();
}

#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files: usize,
    pub variants: usize,
    pub claims: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn count(&mut self, findings: &[Finding]) {
        for f in findings {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}
