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
    #[diagnostic(
        code(claimlint::encoding),
        help("save the file as UTF-8, or pass --lossy to read it with the bad bytes replaced")
    )]
    Utf8 { path: String, offset: usize },

    #[error("{path}: looks like UTF-16 text")]
    #[diagnostic(code(claimlint::encoding), help("save the file as UTF-8"))]
    Utf16 { path: String },

    #[error("{path}: binary file (contains a NUL byte)")]
    #[diagnostic(code(claimlint::binary), help("claimlint checks Markdown text files"))]
    Binary { path: String },

    #[error("{path}: skipped: binary file (contains a NUL byte)")]
    #[diagnostic(
        code(claimlint::binary),
        severity(Warning),
        help("found while walking a folder; name the file to make this an error")
    )]
    SkippedBinary { path: String },

    #[error(
        "{path}: not valid UTF-8 (first bad byte at offset {offset}); bad bytes replaced with U+FFFD"
    )]
    #[diagnostic(
        code(claimlint::encoding),
        severity(Warning),
        help("positions after the first bad byte may be off; save the file as UTF-8")
    )]
    Lossy { path: String, offset: usize },

    #[error("{file}: bad rule data: {message}")]
    #[diagnostic(code(claimlint::rules))]
    Rules { file: String, message: String },

    #[error("invalid --variant-heading pattern: {message}")]
    #[diagnostic(code(claimlint::usage))]
    Pattern { message: String },

    #[error("invalid --as-of date {value:?}: expected YYYY-MM-DD")]
    #[diagnostic(code(claimlint::usage))]
    AsOf { value: String },
}
