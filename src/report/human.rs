//! Human output: one miette graphical report per finding, the primary span labelled and
//! the related variant's span shown beside it, then a one-line summary.

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, NamedSource, Report, SourceCode, SourceSpan, SpanContents,
};

use std::sync::Arc;

use super::{Finding, Severity};
use crate::Outcome;

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// Render every finding. `color` picks the themed or the plain unicode style.
pub fn render(outcome: &Outcome, color: bool, width: usize) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_context_lines(1)
        .with_links(false);
    let mut out = String::new();
    // Each file's text is shared by its findings, not copied for each one.
    let mut texts: std::collections::HashMap<&str, (Arc<str>, Arc<LineStarts>)> =
        std::collections::HashMap::with_capacity(outcome.sources.len());
    for s in &outcome.sources {
        texts.entry(s.path.as_str()).or_insert_with(|| {
            (
                Arc::from(s.text.as_str()),
                Arc::new(LineStarts::new(&s.text)),
            )
        });
    }
    for f in &outcome.findings {
        let Some((text, lines)) = texts.get(&*f.file) else {
            continue;
        };
        let diag = diagnostic(f, outcome);
        let report = Report::new(diag).with_source_code(
            NamedSource::new(
                f.file.clone(),
                Snippets {
                    text: Arc::clone(text),
                    lines: Arc::clone(lines),
                },
            )
            .with_language("markdown"),
        );
        let _ = handler.render_report(&mut out, report.as_ref());
        out.push('\n');
    }
    out.push_str(&summary_line(outcome));
    out
}

/// A file's text as miette reads it, except that a snippet's line count is the number of
/// lines in the snippet. miette 7.6 counts every line from the top of the file there, and
/// its graphical handler joins two labels into one snippet whenever the first one's line
/// plus that count reaches the second: a finding whose related variant stands 100 lines
/// further down printed all 100 lines between.
///
/// miette's own reader also walks the file from its first byte for every label, so a
/// report of many findings on a long file read it once per label (a tenth of the bundled
/// essay's run). Here miette's reader runs on the text from a few lines above the label
/// instead, found in an index of line starts built once per file, and its line number is
/// shifted by the lines skipped: the same snippet, read in time that does not grow with
/// the label's distance from the top.
struct Snippets {
    text: Arc<str>,
    lines: Arc<LineStarts>,
}

/// The offset after each `\n` of a text, with the number of lines miette counts before
/// it (a `\r\n` is one line break, a lone `\r` is one too).
struct LineStarts {
    starts: Vec<usize>,
    lines_before: Vec<usize>,
}

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut lines_before = vec![0];
        let mut lines = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if b == b'\n' || lone_cr {
                lines += 1;
            }
            if b == b'\n' {
                starts.push(i + 1);
                lines_before.push(lines);
            }
        }
        LineStarts {
            starts,
            lines_before,
        }
    }

    /// A line start at least `back` line breaks above `offset` (or the top), and the
    /// number of lines before it.
    fn above(&self, offset: usize, back: usize) -> (usize, usize) {
        let at = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let k = at.saturating_sub(back);
        (self.starts[k], self.lines_before[k])
    }
}

impl SourceCode for Snippets {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let bytes = self.text.as_bytes();
        let (base, skipped) = if span.offset() <= bytes.len() {
            self.lines.above(span.offset(), context_lines_before + 1)
        } else {
            (0, 0)
        };
        let local = SourceSpan::new((span.offset() - base).into(), span.len());
        let inner = bytes[base..].read_span(&local, context_lines_before, context_lines_after)?;
        let data = inner.data();
        let lines = data.iter().filter(|&&b| b == b'\n').count()
            + usize::from(!data.is_empty() && !data.ends_with(b"\n"));
        let at = inner.span();
        Ok(Box::new(MietteSpanContents::new(
            data,
            SourceSpan::new((at.offset() + base).into(), at.len()),
            inner.line() + skipped,
            inner.column(),
            lines,
        )))
    }
}

fn diagnostic(f: &Finding, outcome: &Outcome) -> MietteDiagnostic {
    let here = match &f.variant {
        Some(v) => format!("{v}: {}", f.code),
        None => f.code.to_string(),
    };
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        Some(here),
        f.span.start..f.span.end.max(f.span.start),
    )];
    let mut elsewhere = Vec::new();
    for r in &f.related {
        let old = outcome
            .revisions
            .iter()
            .find(|rev| rev.holds(&r.file, r.variant.as_deref()));
        if let Some(rev) = old {
            // The old text is not on disk: name the revision and its line instead.
            let line = rev.source.lines.line_of(r.span.start);
            let at = r.variant.as_deref().unwrap_or(&rev.rev);
            elsewhere.push(format!("{at}, line {line}: {}", r.message));
        } else if r.file == f.file {
            let label = match &r.variant {
                Some(v) => format!("{v}: {}", r.message),
                None => r.message.clone(),
            };
            labels.push(LabeledSpan::new_with_span(
                Some(label),
                r.span.start..r.span.end.max(r.span.start),
            ));
        } else {
            elsewhere.push(format!("{}: {}", r.file, r.message));
        }
    }
    let mut help = f.help.to_string();
    if !elsewhere.is_empty() {
        help.push_str(&format!(" (see {})", elsewhere.join("; ")));
    }
    MietteDiagnostic::new(f.message.clone())
        .with_code(f.code)
        .with_severity(miette_severity(f.severity))
        .with_labels(labels)
        .with_help(help)
}

/// "claimlint: 1 file, 4 variants, 180 claims — 3 errors, 12 warnings, 20 infos"
pub fn summary_line(outcome: &Outcome) -> String {
    let s = &outcome.summary;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "claimlint: {}, {}, {} — {}, {}, {}",
        plural(s.files, "file"),
        plural(s.variants, "variant"),
        plural(s.claims, "claim"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info")
    );
    if !outcome.errors.is_empty() {
        line.push_str(&format!(
            ", {} unreadable",
            plural(outcome.errors.len(), "file")
        ));
    }
    let suppressed: usize = outcome.documents.iter().map(|d| d.suppressed).sum();
    if suppressed > 0 {
        line.push_str(&format!(" ({suppressed} suppressed by comments)"));
    }
    if outcome.baselined > 0 {
        line.push_str(&format!(" ({} in the baseline)", outcome.baselined));
    }
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every span of a text with `\n`, `\r\n`, lone `\r`, blank lines and Chinese text
    /// reads as miette's own reader reads it, but for the snippet's line count.
    #[test]
    fn snippets_read_as_miette_reads_the_whole_file() {
        let text = "第一行 16亿美元\n\nline two\r\nthird\rfourth 1.6 billion\n\n\n末行";
        let snippets = Snippets {
            text: Arc::from(text),
            lines: Arc::new(LineStarts::new(text)),
        };
        let mut checked = 0;
        for offset in 0..=text.len() {
            for len in 0..=(text.len() - offset) {
                for before in 0..3 {
                    for after in 0..3 {
                        let span = SourceSpan::new(offset.into(), len);
                        let ours = snippets.read_span(&span, before, after);
                        let theirs = text.as_bytes().read_span(&span, before, after);
                        match (ours, theirs) {
                            (Ok(o), Ok(t)) => {
                                assert_eq!(o.data(), t.data(), "{offset}+{len} {before}/{after}");
                                assert_eq!(o.span(), t.span(), "{offset}+{len} {before}/{after}");
                                assert_eq!(o.line(), t.line(), "{offset}+{len} {before}/{after}");
                                assert_eq!(o.column(), t.column(), "{offset}+{len}");
                                checked += 1;
                            }
                            (Err(_), Err(_)) => {}
                            (o, t) => panic!(
                                "{offset}+{len} {before}/{after}: ours ok {}, miette's ok {}",
                                o.is_ok(),
                                t.is_ok()
                            ),
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }
}
