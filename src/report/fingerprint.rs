//! Report stage: a content fingerprint for each finding, for baselines, SARIF
//! `partialFingerprints` and "already present at REV" filtering.
//!
//! A fingerprint is built from what the finding is about — its code, file, variant and
//! the text of its primary and related spans with whitespace collapsed — and never from
//! line numbers or offsets, so it survives edits elsewhere in the file. Two findings with
//! the same content in one file get an occurrence suffix (`…:1`, `…:2`) in report order.

use std::collections::HashMap;

use super::Finding;
use crate::Outcome;
use crate::source::SourceFile;

/// FNV-1a, 64 bits: stable across Rust versions and platforms, unlike `DefaultHasher`.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn field(&mut self, s: &str) {
        for &b in s.as_bytes().iter().chain(std::iter::once(&0xff)) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Whitespace runs hash as one space, so re-wrapping a paragraph changes nothing.
    fn text(&mut self, s: &str) {
        let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
        self.field(&collapsed);
    }
}

/// One fingerprint per finding, in the same order: 16 hex digits, plus `:n` when the
/// same content occurs more than once.
pub fn fingerprints(findings: &[Finding], sources: &[SourceFile]) -> Vec<String> {
    fingerprints_with(findings, |file, _| sources.iter().find(|s| s.path == file))
}

/// [`fingerprints`] of a whole outcome: a related place in an old revision
/// (`--against`, variant `版本二@REV`) is read from that revision's text.
pub fn outcome_fingerprints(outcome: &Outcome) -> Vec<String> {
    fingerprints_with(&outcome.findings, |file, variant| {
        outcome.source_for(file, variant)
    })
}

/// [`fingerprints`] with the text of each place (file, variant) looked up by `source`.
pub fn fingerprints_with<'a>(
    findings: &[Finding],
    source: impl Fn(&str, Option<&str>) -> Option<&'a SourceFile>,
) -> Vec<String> {
    let text_of = |file: &str, variant: Option<&str>, span: &std::ops::Range<usize>| {
        source(file, variant).map(|s| s.slice(span)).unwrap_or("")
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let mut h = Fnv::new();
            h.field(f.code);
            h.field(&f.file);
            h.field(f.variant.as_deref().unwrap_or(""));
            h.text(text_of(&f.file, None, &f.span));
            for r in &f.related {
                h.field(r.variant.as_deref().unwrap_or(""));
                let t = text_of(&r.file, r.variant.as_deref(), &r.span);
                // A related place outside the loaded sources (an old revision) is known
                // by its message, which quotes its text.
                h.text(if t.is_empty() { &r.message } else { t });
            }
            let base = format!("{:016x}", h.0);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}:{n}") }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Related, Severity};

    fn finding(span: std::ops::Range<usize>, other: std::ops::Range<usize>) -> Finding {
        Finding {
            code: "value-mismatch",
            severity: Severity::Error,
            message: "m".into(),
            file: "a.md".into(),
            variant: Some("版本1".into()),
            span,
            related: vec![Related {
                file: "a.md".into(),
                variant: Some("版本二".into()),
                span: other,
                message: "r".into(),
            }],
            help: "h".into(),
        }
    }

    #[test]
    fn moving_lines_keeps_the_fingerprint_and_changing_text_does_not() {
        let before = SourceFile::new("a.md", "收入16亿美元\n\n收入60亿美元\n".into());
        let after = SourceFile::new(
            "a.md",
            "新的一段。\n\n收入16亿美元\n\n收入60亿美元\n".into(),
        );
        let edited = SourceFile::new("a.md", "收入17亿美元\n\n收入60亿美元\n".into());
        let fp = |src: SourceFile, shift: usize| {
            let n = "收入16亿美元".len();
            let f = finding(shift..shift + n, shift + n + 2..shift + 2 * n + 2);
            fingerprints(&[f], &[src]).remove(0)
        };
        let a = fp(before, 0);
        assert_eq!(a, fp(after, "新的一段。\n\n".len()));
        assert_ne!(a, fp(edited, 0));
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn repeated_content_is_numbered() {
        let src = SourceFile::new("a.md", "x 5% y 5%".into());
        let fs = [finding(2..4, 2..4), finding(7..9, 7..9)];
        let fps = fingerprints(&fs, &[src]);
        assert_eq!(fps[1], format!("{}:2", fps[0]));
    }

    #[test]
    fn an_old_revision_place_is_read_from_the_old_text() {
        let now = SourceFile::new("a.md", "收入160亿美元\n".into());
        let outcome = |old: &str| {
            let mut f = finding(6..18, 6..17);
            f.related[0].variant = Some("a.md@HEAD".into());
            crate::Outcome {
                sources: vec![now.clone()],
                findings: vec![f],
                revisions: vec![crate::against::Revision {
                    rev: "HEAD".into(),
                    source: SourceFile::new("a.md", old.to_string()),
                }],
                ..Default::default()
            }
        };
        let a = outcome_fingerprints(&outcome("收入16亿美元\n"));
        assert_eq!(a, outcome_fingerprints(&outcome("收入16亿美元\n")));
        assert_ne!(a, outcome_fingerprints(&outcome("收入17亿美元\n")));
    }
}
