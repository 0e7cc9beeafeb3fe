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
    let mut texts: std::collections::HashMap<&str, Arc<str>> =
        std::collections::HashMap::with_capacity(outcome.sources.len());
    for s in &outcome.sources {
        texts
            .entry(s.path.as_str())
            .or_insert_with(|| Arc::from(s.text.as_str()));
    }
    for f in &outcome.findings {
        let Some(text) = texts.get(&*f.file) else {
            continue;
        };
        let diag = diagnostic(f, outcome);
        let report = Report::new(diag).with_source_code(
            NamedSource::new(f.file.clone(), Snippets(Arc::clone(text))).with_language("markdown"),
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
struct Snippets(Arc<str>);

impl SourceCode for Snippets {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .0
            .as_ref()
            .read_span(span, context_lines_before, context_lines_after)?;
        let data = inner.data();
        let lines = data.iter().filter(|&&b| b == b'\n').count()
            + usize::from(!data.is_empty() && !data.ends_with(b"\n"));
        Ok(Box::new(MietteSpanContents::new(
            data,
            *inner.span(),
            inner.line(),
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
