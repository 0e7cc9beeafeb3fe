//! The library's one error type. Findings are data, not errors: a run with ten
//! mismatches is `Ok`. These are failures to read or understand an input.

use miette::Diagnostic;
use thiserror::Error;

#[derive(Debug, Clone, Error, Diagnostic)]
pub enum Error {
    #[error("{path}: cannot read: {message}")]
    #[diagnostic(
        code(claimlint::io),
        help("check that the path exists and is readable")
    )]
    Read { path: String, message: String },

    #[error("{path}: not valid UTF-8 (first bad byte at offset {offset})")]
    #[diagnostic(code(claimlint::encoding), help("save the file as UTF-8"))]
    Utf8 { path: String, offset: usize },

    #[error("{path}: looks like UTF-16 text")]
    #[diagnostic(code(claimlint::encoding), help("save the file as UTF-8"))]
    Utf16 { path: String },

    #[error("{path}: binary file (contains a NUL byte)")]
    #[diagnostic(code(claimlint::binary), help("claimlint checks Markdown text files"))]
    Binary { path: String },

    #[error("{file}: bad rule data: {message}")]
    #[diagnostic(code(claimlint::rules))]
    Rules { file: String, message: String },

    #[error("invalid --variant-heading pattern: {message}")]
    #[diagnostic(code(claimlint::usage))]
    Pattern { message: String },

    #[error("invalid --as-of date {value:?}: expected YYYY-MM-DD")]
    #[diagnostic(code(claimlint::usage))]
    AsOf { value: String },

    #[error("not in a git repository ({dir}): {message}")]
    #[diagnostic(
        code(claimlint::git),
        help(
            "--against and --changed-since read git history: run claimlint inside the repository"
        )
    )]
    NotARepo { dir: String, message: String },

    #[error("git revision {rev:?}: {message}")]
    #[diagnostic(
        code(claimlint::git),
        help(
            "name a commit, branch or tag that exists here (git fetch it first in a shallow CI clone)"
        )
    )]
    Revision { rev: String, message: String },

    #[error("git: {message}")]
    #[diagnostic(code(claimlint::git))]
    Git { message: String },

    #[error("{path}: outside the git repository at {root}, so it has no earlier revision")]
    #[diagnostic(code(claimlint::git))]
    OutsideRepo { path: String, root: String },
}
