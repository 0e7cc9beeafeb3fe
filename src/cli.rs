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
    /// Print the documentation of one rule.
    Explain {
        /// A finding code, such as value-mismatch.
        code: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check (folders: every Markdown file, honouring .gitignore).
    /// Language versions of one file (README.md, README.zh-CN.md) are compared as its
    /// variants.
    #[arg(value_name = "PATHS", default_value = ".")]
    pub paths: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Forecasts for periods that ended before this date (YYYY-MM-DD) are stale [default: today].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Exit 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// A regex for headings that start a variant (overrides the built-in detection).
    #[arg(long, value_name = "REGEX")]
    pub variant_heading: Option<String>,

    /// Read files that are not valid UTF-8 with the bad bytes replaced (U+FFFD) and a
    /// warning, instead of refusing them.
    #[arg(long)]
    pub lossy: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
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
