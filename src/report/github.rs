//! Report stage: GitHub Actions workflow commands (`--format github`), so a workflow
//! step shows findings as annotations on the changed files without uploading anything.
//!
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=claimlint <code>::message`,
//! with `::warning` for warnings and `::notice` for infos. GitHub shows at most
//! [`PER_TYPE`] annotations of each type per step, so the most severe come first
//! (errors, warnings, notices; report order within each), at most [`PER_TYPE`] of each
//! as annotations; the rest are printed as plain log lines, and a last line says how
//! many findings are not annotations.

use std::fmt::Write as _;

use super::human::summary_line;
use super::text::{message_and_help, place, span, without_dot_slash};
use super::{Finding, Severity};
use crate::Outcome;

/// Annotations GitHub shows per type (error, warning, notice) in one step.
pub const PER_TYPE: usize = 10;

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escaping of a command's message (GitHub's `escapeData` in @actions/core).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping of a command's property values (`escapeProperty`): also `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// "(see 版本二 at line 218; README.zh-CN.md at line 3)", each place once.
fn see_also(outcome: &Outcome, f: &Finding) -> String {
    let mut places: Vec<String> = Vec::new();
    for r in &f.related {
        let name = place(f, r);
        let p = match outcome.source_for(&r.file, r.variant.as_deref()) {
            Some(src) => format!("{name} at line {}", span(src, &r.span).0.line),
            None => name,
        };
        if !places.contains(&p) {
            places.push(p);
        }
    }
    if places.is_empty() {
        String::new()
    } else {
        format!(" (see {})", places.join("; "))
    }
}

/// The message with its related places and its help.
fn message(outcome: &Outcome, f: &Finding) -> String {
    let full = message_and_help(f);
    let head = f.message.trim_end_matches('.');
    format!("{head}{}{}", see_also(outcome, f), &full[head.len()..])
}

fn annotation(outcome: &Outcome, f: &Finding) -> String {
    let mut props = vec![format!(
        "file={}",
        escape_property(without_dot_slash(&f.file))
    )];
    if let Some(src) = outcome.source_for(&f.file, None) {
        let (start, end) = span(src, &f.span);
        props.push(format!("line={}", start.line));
        // GitHub takes columns only for a range on one line.
        if start.line == end.line {
            props.push(format!("col={}", start.column));
        }
        props.push(format!("endLine={}", end.line));
        if start.line == end.line {
            props.push(format!("endColumn={}", end.column));
        }
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("claimlint {}", f.code))
    ));
    format!(
        "::{} {}::{}\n",
        command(f.severity),
        props.join(","),
        escape_data(&message(outcome, f))
    )
}

/// A finding past the annotation limit, as an ordinary log line. Line breaks become
/// spaces, so quoted document text can never start a workflow command.
fn log_line(outcome: &Outcome, f: &Finding) -> String {
    let at = match outcome.source_for(&f.file, None) {
        Some(src) => {
            let (start, _) = span(src, &f.span);
            format!("{}:{}:{}", f.file, start.line, start.column)
        }
        None => f.file.to_string(),
    };
    let line = format!(
        "{at}: {}[{}] {}",
        f.severity.as_str(),
        f.code,
        message(outcome, f)
    );
    line.replace(['\r', '\n'], " ") + "\n"
}

/// Every finding: annotations first (most severe first), then the overflow as log
/// lines, the summary, and how many findings are not annotations.
pub fn render(outcome: &Outcome) -> String {
    let mut shown = String::new();
    let mut rest = String::new();
    let mut hidden = 0usize;
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        for (i, f) in outcome
            .findings
            .iter()
            .filter(|f| f.severity == sev)
            .enumerate()
        {
            if i < PER_TYPE {
                shown.push_str(&annotation(outcome, f));
            } else {
                rest.push_str(&log_line(outcome, f));
                hidden += 1;
            }
        }
    }
    let mut out = shown;
    out.push_str(&rest);
    out.push_str(&summary_line(outcome));
    if hidden > 0 {
        let _ = writeln!(
            out,
            "claimlint: {hidden} more finding{} {} not shown as annotations (GitHub shows {PER_TYPE} per type); run `claimlint check` locally to see all",
            if hidden == 1 { "" } else { "s" },
            if hidden == 1 { "is" } else { "are" },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(escape_data("a:b,c"), "a:b,c");
    }
}
