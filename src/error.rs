//! The library's one error type. Findings are data, not errors: a run with ten
//! mismatches is `Ok`. These are failures to read or understand an input.

use std::ops::Range;

use miette::{Diagnostic, NamedSource, SourceSpan};
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

    /// A mistake in a configuration or rule-pack file, shown at its span.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(Box<ConfigError>),

    #[error("{path}: {message}")]
    #[diagnostic(code(claimlint::baseline))]
    Baseline { path: String, message: String },

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

/// A mistake at a span of a configuration or rule-pack file.
#[derive(Debug, Clone, Error, Diagnostic)]
#[error("{path}: {message}")]
#[diagnostic(code(claimlint::config))]
pub struct ConfigError {
    pub path: String,
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

impl Error {
    /// An error at `span` of a configuration or rule-pack file.
    pub fn in_file(
        path: &str,
        text: &str,
        span: Option<Range<usize>>,
        message: &str,
        help: Option<String>,
    ) -> Error {
        let message = message.trim().to_string();
        Error::Config(Box::new(ConfigError {
            path: path.to_string(),
            // The label sits under the span: the message without its list of options.
            label: message
                .split(", expected")
                .next()
                .unwrap_or(&message)
                .to_string(),
            message,
            src: NamedSource::new(path, text.to_string()).with_language("toml"),
            span: span.map(|r| SourceSpan::from(r.start..r.end.max(r.start))),
            help,
        }))
    }
}
