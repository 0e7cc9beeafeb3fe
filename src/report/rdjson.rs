//! Report stage: reviewdog's Diagnostic Format as one `DiagnosticResult` (`--format
//! rdjson`), for `reviewdog -f=rdjson`, which comments on the lines a pull request
//! changed.
//!
//! The field names follow reviewdog's `proto/rdf/reviewdog.proto` in its JSON form.
//! Lines are 1-based; columns are 1-based and count UTF-8 *bytes* from the start of the
//! line (the proto: "Column number, starting at 1 (byte count in UTF-8)"), not characters
//! as in the JSON report. The end position is exclusive.

use serde::Serialize;

use super::text::{message_and_help, span};
use super::{Finding, Severity};
use crate::Outcome;
use crate::source::SourceFile;

#[derive(Serialize)]
struct DiagnosticResult<'a> {
    source: Source,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: String,
    location: Location<'a>,
    severity: &'static str,
    code: Code<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<Range>,
}

#[derive(Serialize)]
struct RelatedLocation<'a> {
    message: String,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// 1-based UTF-8 byte column of `offset` (a char boundary) on its line. A BOM on the
/// first line is not part of the text a reviewer sees, so it is not counted.
fn byte_column(src: &SourceFile, offset: usize) -> usize {
    let text = &src.text;
    let start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let bom = if start == 0 {
        src.bom_len().min(offset)
    } else {
        0
    };
    offset - start - bom + 1
}

fn range(src: &SourceFile, r: &std::ops::Range<usize>) -> Range {
    let (start, end) = span(src, r);
    Range {
        start: Position {
            line: start.line,
            column: byte_column(src, start.offset),
        },
        end: Position {
            line: end.line,
            column: byte_column(src, end.offset),
        },
    }
}

/// `src` is the text the range counts in: the file, or its old revision (`--against`).
fn location<'a>(
    src: Option<&SourceFile>,
    file: &'a str,
    r: &std::ops::Range<usize>,
) -> Location<'a> {
    Location {
        path: file,
        range: src.map(|s| range(s, r)),
    }
}

fn diagnostic<'a>(outcome: &Outcome, f: &'a Finding) -> Diagnostic<'a> {
    Diagnostic {
        message: message_and_help(f),
        location: location(outcome.source_for(&f.file, None), &f.file, &f.span),
        severity: severity(f.severity),
        code: Code { value: f.code },
        related_locations: f
            .related
            .iter()
            .map(|r| RelatedLocation {
                message: match &r.variant {
                    Some(v) => format!("{v}: {}", r.message),
                    None => r.message.clone(),
                },
                location: location(
                    outcome.source_for(&r.file, r.variant.as_deref()),
                    &r.file,
                    &r.span,
                ),
            })
            .collect(),
    }
}

/// The whole result as one JSON object, pretty-printed, ending in a newline.
pub fn render(outcome: &Outcome) -> String {
    let result = DiagnosticResult {
        source: Source { name: "claimlint" },
        diagnostics: outcome
            .findings
            .iter()
            .map(|f| diagnostic(outcome, f))
            .collect(),
    };
    let mut s =
        serde_json::to_string_pretty(&result).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf8_bytes_after_the_line_start() {
        let src = SourceFile::new("a.md", "第一行\r\n收入16亿美元\n".into());
        let off = src.text.find("16").unwrap();
        // 收入 is two characters and six bytes.
        assert_eq!(byte_column(&src, off), 7);
        assert_eq!(byte_column(&src, 0), 1);
        let bom = SourceFile::new("b.md", "\u{feff}a𐐀b".into());
        assert_eq!(byte_column(&bom, bom.text.find('b').unwrap()), 6);
        assert_eq!(byte_column(&bom, 0), 1);
    }
}
