//! The report-v1 JSON contract (`spec/report-v1.md`), field for field. Hand-written
//! structs, so the shape is ours and not a serializer's.

use serde::Serialize;

use super::{Finding, Severity};
use crate::source::SourceFile;
use crate::{DocumentReport, Outcome};

#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    tool: Tool,
    as_of: String,
    documents: Vec<Document<'a>>,
    diagnostics: Diagnostics<'a>,
    summary: Summary,
}

/// The findings as diagnostics, each built as it is written: on a dense document the
/// list of them all was a third of the memory of the run's end.
struct Diagnostics<'a>(&'a Outcome);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let outcome = self.0;
        s.collect_seq(outcome.findings.iter().map(|f| diagnostic(outcome, f)))
    }
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Document<'a> {
    file: &'a str,
    variants: Vec<Variant<'a>>,
    claims: usize,
}

#[derive(Serialize)]
struct Variant<'a> {
    id: &'a str,
    title: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct Pos {
    line: usize,
    column: usize,
    offset: usize,
}

#[derive(Serialize)]
struct Range {
    start: Pos,
    end: Pos,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    code: &'a str,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    variant: Option<&'a str>,
    range: Range,
    related: Vec<RelatedOut<'a>>,
    help: &'a str,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    file: &'a str,
    variant: Option<&'a str>,
    range: Range,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    variants: usize,
    claims: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

fn range(source: Option<&SourceFile>, span: &std::ops::Range<usize>) -> Range {
    let pos = |offset: usize| match source {
        Some(s) => {
            let p = s.lines.position(&s.text, offset);
            Pos {
                line: p.line,
                column: p.column,
                offset: p.offset,
            }
        }
        None => Pos {
            line: 1,
            column: 1,
            offset,
        },
    };
    Range {
        start: pos(span.start),
        end: pos(span.end),
    }
}

fn document(d: &DocumentReport) -> Document<'_> {
    Document {
        file: &d.file,
        variants: d
            .variants
            .iter()
            .map(|v| Variant {
                id: &v.id,
                title: &v.title,
                line: v.line,
            })
            .collect(),
        claims: d.claims,
    }
}

fn diagnostic<'a>(outcome: &Outcome, f: &'a Finding) -> Diagnostic<'a> {
    Diagnostic {
        code: f.code,
        severity: f.severity,
        message: &f.message,
        file: &f.file,
        variant: f.variant.as_deref(),
        range: range(outcome.source_for(&f.file, None), &f.span),
        related: f
            .related
            .iter()
            .map(|r| RelatedOut {
                file: &r.file,
                variant: r.variant.as_deref(),
                // An old revision's place (variant `版本二@REV`) counts in the old text.
                range: range(outcome.source_for(&r.file, r.variant.as_deref()), &r.span),
                message: &r.message,
            })
            .collect(),
        help: &f.help,
    }
}

/// The report's structure, borrowing from the outcome.
fn report<'a>(outcome: &'a Outcome, as_of: &str) -> Report<'a> {
    Report {
        schema: "claimlint/report/v1",
        tool: Tool {
            name: "claimlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        as_of: as_of.to_string(),
        documents: outcome.documents.iter().map(document).collect(),
        diagnostics: Diagnostics(outcome),
        summary: Summary {
            files: outcome.summary.files,
            variants: outcome.summary.variants,
            claims: outcome.summary.claims,
            errors: outcome.summary.errors,
            warnings: outcome.summary.warnings,
            infos: outcome.summary.infos,
        },
    }
}

/// Write the report to `w` as it is built, without holding the whole text in memory
/// (on a large corpus the JSON is many times the size of the input).
pub fn write(outcome: &Outcome, as_of: &str, mut w: impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut w, &report(outcome, as_of))?;
    w.write_all(b"\n")
}

/// The whole report as one JSON object, pretty-printed, ending in a newline.
pub fn render(outcome: &Outcome, as_of: &str) -> String {
    let report = report(outcome, as_of);
    let mut s =
        serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
