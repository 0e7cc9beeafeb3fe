//! Report stage: wording and positions shared by the CI formats (SARIF, rdjson, GitHub
//! workflow commands), which each carry one plain message per finding.

use super::{Finding, Related};
use crate::source::{Position, SourceFile};

/// Start and end (exclusive) of a byte range as lines and character columns.
pub(crate) fn span(src: &SourceFile, span: &std::ops::Range<usize>) -> (Position, Position) {
    let start = src.lines.position(&src.text, span.start);
    let end = src.lines.position(&src.text, span.end.max(span.start));
    (start, end)
}

/// A relative path without its leading `./` (the same file, as RFC 3986 resolves it):
/// GitHub matches paths against the repository's, which have none.
pub(crate) fn without_dot_slash(path: &str) -> &str {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./").or_else(|| p.strip_prefix(".\\")) {
        p = rest;
    }
    p
}

/// "make the figures agree" -> "Make the figures agree."
pub(crate) fn sentence(s: &str) -> String {
    let s = s.trim();
    let mut chars = s.chars();
    let mut out = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect::<String>(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?', '。', '！', '？']) {
        out.push('.');
    }
    out
}

/// The finding's message, then its help as a second sentence: the first sentence is
/// what a CI view shows when space is short.
pub(crate) fn message_and_help(f: &Finding) -> String {
    format!("{}. {}", f.message.trim_end_matches('.'), sentence(&f.help))
}

/// How a related place is named in a message: its variant when it is in the finding's
/// own file, else its file.
pub(crate) fn place(f: &Finding, r: &Related) -> String {
    if r.file != f.file {
        return without_dot_slash(&r.file).to_string();
    }
    r.variant.as_deref().unwrap_or("this document").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_dot_slashes_go() {
        assert_eq!(without_dot_slash("./docs/a.md"), "docs/a.md");
        assert_eq!(without_dot_slash("././a.md"), "a.md");
        assert_eq!(without_dot_slash(".\\a.md"), "a.md");
        assert_eq!(without_dot_slash("../a.md"), "../a.md");
        assert_eq!(without_dot_slash(".hidden/a.md"), ".hidden/a.md");
    }

    #[test]
    fn sentences_start_upper_and_end_with_a_stop() {
        assert_eq!(
            sentence("make the figures agree"),
            "Make the figures agree."
        );
        assert_eq!(sentence("Done."), "Done.");
        assert_eq!(sentence("补上来源。"), "补上来源。");
        assert_eq!(sentence("  "), "");
    }
}
