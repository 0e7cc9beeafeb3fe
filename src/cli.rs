//! Command-line arguments (clap derive).

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "claimlint",
    version,
    about = "A linter for the facts in prose: finds figures, dates, quotes and citations that drifted between versions of a Markdown document"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check Markdown files for claims that disagree across their variants.
    Check(CheckArgs),
    /// Show the claims claimlint extracted from a file: what it understood.
    Claims {
        /// The Markdown file.
        path: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ClaimsFormat::Table)]
        format: ClaimsFormat,
    },
    /// List every rule with its code, default severity and summary.
    Rules,
    /// Write a commented starter claimlint.toml in the current folder.
    Init,
    /// Print the documentation of one rule.
    Explain {
        /// A finding code, such as value-mismatch.
        code: String,
    },
    /// Run a Language Server over stdin/stdout: editors show findings as you type.
    Lsp {
        /// Use this configuration for every document instead of the nearest claimlint.toml.
        #[arg(long, value_name = "PATH")]
        config: Option<String>,
        /// Accepted for editor clients that pass it; stdio is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check (folders: every Markdown file, honouring .gitignore).
    /// Language versions of one file (README.md, README.zh-CN.md) are compared as its
    /// variants.
    #[arg(value_name = "PATHS", default_value = ".")]
    pub paths: Vec<String>,

    /// Output format. The exit code is the same for every format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Forecasts for periods that ended before this date (YYYY-MM-DD) are stale [default: today].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Exit 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// A regex for headings that start a variant (overrides the configured and the
    /// built-in detection).
    #[arg(long, value_name = "REGEX")]
    pub variant_heading: Option<String>,

    /// Also compare each file with its content at this git revision (a figure changed,
    /// a citation dropped since REV); findings already present at REV are not repeated.
    #[arg(long, value_name = "REV")]
    pub against: Option<String>,

    /// Check only Markdown files changed since this git revision (committed, staged,
    /// unstaged or untracked), within PATHS, with their language versions.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,

    /// Use this configuration for every file instead of the nearest claimlint.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<String>,

    /// Report findings but exit 0 (input errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,

    /// Report only findings that are not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<String>,

    /// Record today's findings in FILE (a baseline for --baseline) instead of reporting.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<String>,
    /// Check this many documents at once [default: RAYON_NUM_THREADS, else one per core].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Read files that are not valid UTF-8 with the bad bytes replaced (U+FFFD) and a
    /// warning, instead of refusing them.
    #[arg(long)]
    pub lossy: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Annotated source excerpts for a terminal.
    Human,
    /// The claimlint report-v1 JSON contract.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning (upload with github/codeql-action/upload-sarif).
    Sarif,
    /// reviewdog's Diagnostic Format (reviewdog -f=rdjson); columns count UTF-8 bytes.
    Rdjson,
    /// GitHub Actions workflow commands: annotations on the files (10 per type shown).
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClaimsFormat {
    Table,
    Json,
}
