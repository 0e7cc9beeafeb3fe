//! Suppressions: HTML comments that silence findings the writer has judged.
//!
//! Runs after the rules, on one document's findings (before they are mapped back to
//! the files of a group). Forms, each taking codes separated by spaces or commas (none
//! means every code) and an optional ` -- why` note:
//!
//! - `<!-- claimlint-disable-next-line value-mismatch -->`: the next non-blank line;
//! - `<!-- claimlint-disable unit-mismatch -->` … `<!-- claimlint-enable -->`: a region
//!   (to the end of the file when never enabled again);
//! - `<!-- claimlint-disable-file -->`: the whole file;
//! - `<!-- claimlint-accept value-mismatch reason="版本二 uses the revised figure" -->`:
//!   one judged claim, in the block that follows; a reason is required.
//!
//! A finding is silenced when its own span or one of its related spans lies in the
//! directive's region, so a comment beside either side of a mismatch works. A directive
//! that silences nothing is reported as `unused-suppression`; one that cannot be
//! understood (an unknown code, an accept without a reason) as `invalid-suppression`.

use std::ops::Range;

use crate::markdown::Comment;
use crate::report::{Finding, Severity};

pub const UNUSED: &str = "unused-suppression";
pub const INVALID: &str = "invalid-suppression";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NextLine,
    Region,
    File,
    Accept,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::NextLine => "claimlint-disable-next-line",
            Kind::Region => "claimlint-disable",
            Kind::File => "claimlint-disable-file",
            Kind::Accept => "claimlint-accept",
        }
    }
}

/// One understood directive and the bytes it covers.
#[derive(Debug, Clone)]
struct Directive {
    kind: Kind,
    /// Empty: every code.
    codes: Vec<String>,
    comment: Range<usize>,
    region: Range<usize>,
    used: bool,
}

impl Directive {
    fn covers(&self, f: &Finding) -> bool {
        let code_ok = self.codes.is_empty() || self.codes.iter().any(|c| c == f.code);
        let inside = |s: &Range<usize>| s.start < self.region.end && self.region.start <= s.start;
        code_ok && (inside(&f.span) || f.related.iter().any(|r| inside(&r.span)))
    }
}

/// What a document's suppressions did.
#[derive(Debug, Default)]
pub struct Applied {
    pub kept: Vec<Finding>,
    pub suppressed: usize,
    /// `unused-suppression` and `invalid-suppression` findings, at the comments.
    pub notes: Vec<Finding>,
}

/// `text` is the document's whole text; `files` the byte range of each file in it (one
/// range for a single file, one per member for a group), for `disable-file`.
/// `known` lists the codes a directive may name.
pub fn apply(
    mut findings: Vec<Finding>,
    comments: &[Comment],
    text: &str,
    files: &[Range<usize>],
    known: &[&str],
    mut finding_at: impl FnMut(&'static str, Severity, Range<usize>, String, String) -> Finding,
) -> Applied {
    let mut out = Applied::default();
    let mut directives: Vec<Directive> = Vec::new();
    // Open `disable` regions, by index into `directives`.
    let mut open: Vec<usize> = Vec::new();
    for c in comments {
        let Some(rest) = c.body.strip_prefix("claimlint-") else {
            continue;
        };
        let (word, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        // "-- a note" ends the arguments.
        let args = args.split(" --").next().unwrap_or("").trim();
        let kind = match word {
            "disable-next-line" => Kind::NextLine,
            "disable" => Kind::Region,
            "disable-file" => Kind::File,
            "accept" => Kind::Accept,
            "enable" => {
                let codes = codes_of(args);
                for &i in &open {
                    let d = &mut directives[i];
                    if codes.is_empty() || d.codes.iter().any(|x| codes.contains(x)) {
                        d.region.end = c.range.start;
                    }
                }
                open.retain(|&i| directives[i].region.end == usize::MAX);
                continue;
            }
            other => {
                out.notes.push(finding_at(
                    INVALID,
                    Severity::Warning,
                    c.range.clone(),
                    format!("unknown claimlint directive `claimlint-{other}`"),
                    "use claimlint-disable-next-line, claimlint-disable, claimlint-enable, claimlint-disable-file or claimlint-accept".into(),
                ));
                continue;
            }
        };
        let (codes_part, reason) = match kind {
            Kind::Accept => split_reason(args),
            _ => (args, None),
        };
        let codes = codes_of(codes_part);
        if let Some(bad) = codes.iter().find(|c| !known.contains(&c.as_str())) {
            let hint = crate::config::did_you_mean(bad, known.iter().copied())
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            out.notes.push(finding_at(
                INVALID,
                Severity::Warning,
                c.range.clone(),
                format!("`{}` names an unknown code `{bad}`", kind.name()),
                format!("{hint}`claimlint rules` lists the codes"),
            ));
            continue;
        }
        if kind == Kind::Accept {
            let missing = if codes.is_empty() {
                Some("the code it accepts")
            } else if reason.is_none_or(|r| r.trim().is_empty()) {
                Some("a reason")
            } else {
                None
            };
            if let Some(what) = missing {
                out.notes.push(finding_at(
                    INVALID,
                    Severity::Warning,
                    c.range.clone(),
                    format!("`claimlint-accept` needs {what}"),
                    "write <!-- claimlint-accept value-mismatch reason=\"why this is right\" -->"
                        .into(),
                ));
                continue;
            }
        }
        let after = c.range.end;
        let region = match kind {
            Kind::NextLine => next_line(text, after),
            Kind::Accept => next_block(text, after),
            Kind::Region => after..usize::MAX,
            Kind::File => files
                .iter()
                .find(|r| r.start <= c.range.start && c.range.start < r.end.max(r.start + 1))
                .cloned()
                .unwrap_or(0..text.len()),
        };
        if kind == Kind::Region {
            open.push(directives.len());
        }
        directives.push(Directive {
            kind,
            codes,
            comment: c.range.clone(),
            region,
            used: false,
        });
    }
    // Filtered in place: a second vector of a dense document's findings was the peak
    // of its memory.
    findings.retain(|f| {
        let mut hit = false;
        for d in directives.iter_mut() {
            if d.covers(f) {
                d.used = true;
                hit = true;
            }
        }
        if hit {
            out.suppressed += 1;
        }
        !hit
    });
    out.kept = findings;
    for d in directives.iter().filter(|d| !d.used) {
        let what = if d.codes.is_empty() {
            "any finding".to_string()
        } else {
            d.codes.join(", ")
        };
        out.notes.push(finding_at(
            UNUSED,
            Severity::Info,
            d.comment.clone(),
            format!("`{}` suppresses nothing: no {what} here", d.kind.name()),
            "remove the comment, or move it next to the finding it is meant for".into(),
        ));
    }
    out
}

fn codes_of(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    v.dedup();
    v
}

/// `value-mismatch reason="…"` → ("value-mismatch", Some("…")).
fn split_reason(args: &str) -> (&str, Option<&str>) {
    let Some(at) = args.find("reason=") else {
        return (args, None);
    };
    let value = args[at + "reason=".len()..].trim();
    let reason = ['"', '\'', '“']
        .iter()
        .find_map(|&q| {
            let close = if q == '“' { '”' } else { q };
            value
                .strip_prefix(q)
                .map(|v| v.split(close).next().unwrap_or(v))
        })
        .unwrap_or(value);
    (&args[..at], Some(reason))
}

/// The first non-blank line after `from`.
fn next_line(text: &str, from: usize) -> Range<usize> {
    // The comment's range may already include its line break.
    let from = text[..from].trim_end_matches(['\n', '\r']).len();
    let mut start = text[from..].find('\n').map_or(text.len(), |i| from + i + 1);
    // A directive written at the end of a line covers the line after it; blank lines
    // between the comment and its line are skipped.
    loop {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if start >= text.len() || !text[start..end].trim().is_empty() {
            return start..end.max(start);
        }
        start = end + 1;
    }
}

/// The block after `from`: its next non-blank line up to the next blank line.
fn next_block(text: &str, from: usize) -> Range<usize> {
    let first = next_line(text, from);
    let mut end = first.end;
    while end < text.len() {
        let next_end = text[end + 1..]
            .find('\n')
            .map_or(text.len(), |i| end + 1 + i);
        if text[end + 1..next_end].trim().is_empty() {
            break;
        }
        end = next_end;
    }
    first.start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(text: &str, body: &str) -> Comment {
        let start = text.find(&format!("<!-- {body}")).expect("comment in text");
        let end = start + text[start..].find("-->").expect("closed") + 3;
        Comment {
            range: start..end,
            body: body.to_string(),
        }
    }

    fn finding(code: &'static str, span: Range<usize>) -> Finding {
        Finding {
            code,
            severity: Severity::Error,
            message: String::new(),
            file: "a.md".into(),
            variant: None,
            span,
            related: Vec::new(),
            help: "".into(),
        }
    }

    fn run(text: &str, bodies: &[&str], findings: Vec<Finding>) -> Applied {
        let comments: Vec<Comment> = bodies.iter().map(|b| comment(text, b)).collect();
        apply(
            findings,
            &comments,
            text,
            std::slice::from_ref(&(0..text.len())),
            &["value-mismatch", "unit-mismatch"],
            |code, severity, span, message, help| Finding {
                code,
                severity,
                message,
                file: "a.md".into(),
                variant: None,
                span,
                related: Vec::new(),
                help: help.into(),
            },
        )
    }

    #[test]
    fn next_line_covers_only_the_next_line() {
        let text = "<!-- claimlint-disable-next-line value-mismatch -->\n收入16亿\n收入17亿\n";
        let l2 = text.find("收入16亿").unwrap();
        let l3 = text.find("收入17亿").unwrap();
        let a = run(
            text,
            &["claimlint-disable-next-line value-mismatch"],
            vec![
                finding("value-mismatch", l2..l2 + 6),
                finding("value-mismatch", l3..l3 + 6),
                finding("unit-mismatch", l2..l2 + 6),
            ],
        );
        assert_eq!(a.suppressed, 1);
        assert_eq!(a.kept.len(), 2);
        assert!(a.notes.is_empty());
    }

    #[test]
    fn regions_end_at_enable_and_unused_ones_are_reported() {
        let text = "<!-- claimlint-disable unit-mismatch -->\nA 5%\n<!-- claimlint-enable -->\nB 6%\n<!-- claimlint-disable-next-line -->\nC\n";
        let a_at = text.find("A 5%").unwrap();
        let b_at = text.find("B 6%").unwrap();
        let a = run(
            text,
            &[
                "claimlint-disable unit-mismatch",
                "claimlint-enable",
                "claimlint-disable-next-line",
            ],
            vec![
                finding("unit-mismatch", a_at..a_at + 4),
                finding("unit-mismatch", b_at..b_at + 4),
            ],
        );
        assert_eq!(a.suppressed, 1);
        assert_eq!(a.kept[0].span.start, b_at);
        assert_eq!(a.notes.len(), 1);
        assert_eq!(a.notes[0].code, UNUSED);
    }

    #[test]
    fn accept_needs_a_known_code_and_a_reason() {
        let text = "<!-- claimlint-accept value-mismatch -->\n<!-- claimlint-accept valu-mismatch reason=\"x\" -->\n<!-- claimlint-accept value-mismatch reason=\"revised in 2024\" -->\n收入16亿\n";
        let at = text.find("收入").unwrap();
        let a = run(
            text,
            &[
                "claimlint-accept value-mismatch",
                "claimlint-accept valu-mismatch reason=\"x\"",
                "claimlint-accept value-mismatch reason=\"revised in 2024\"",
            ],
            vec![finding("value-mismatch", at..at + 6)],
        );
        assert_eq!(a.suppressed, 1);
        let invalid: Vec<&str> = a.notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(invalid.len(), 2, "{invalid:?}");
        assert!(invalid[0].contains("reason"));
        assert!(a.notes[1].help.contains("did you mean `value-mismatch`"));
    }

    #[test]
    fn a_related_span_in_the_region_counts() {
        let text = "甲 16亿\n\n<!-- claimlint-disable-next-line -->\n乙 17亿\n";
        let mut f = finding("value-mismatch", 0..3);
        f.related.push(crate::report::Related {
            file: "a.md".into(),
            variant: None,
            span: text.find("乙").unwrap()..text.len(),
            message: String::new(),
        });
        let a = run(text, &["claimlint-disable-next-line"], vec![f]);
        assert_eq!(a.suppressed, 1);
    }
}
