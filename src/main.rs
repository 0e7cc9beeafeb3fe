//! The `claimlint` binary: parse arguments, run the library, render, pick the exit code
//! (0 clean, 1 findings at or above --fail-on, 2 usage or input errors). Nothing else.

// The binary is the one place that talks to the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Parser;
use regex::Regex;

use claimlint::report::{Severity, human, json};
use claimlint::{Error, Options, rules};
use cli::{CheckArgs, ClaimsFormat, Cli, Command, FailOn, Format};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
        Command::Claims { path, format } => claims(&path, format),
        Command::Rules => {
            let mut out = String::new();
            for r in rules::RULES {
                out.push_str(&format!(
                    "{:<22} {:<8} {}\n",
                    r.code(),
                    r.default_severity().as_str(),
                    r.summary()
                ));
            }
            emit(&out)
        }
        Command::Explain { code } => match rules::find_rule(&code) {
            Some(r) => emit(&format!(
                "{} ({})\n\n{}\n",
                r.code(),
                r.default_severity().as_str(),
                r.docs()
            )),
            None => {
                eprintln!("claimlint: unknown rule {code:?}; `claimlint rules` lists them");
                ExitCode::from(2)
            }
        },
    }
}

/// Write to stdout; a closed pipe (`claimlint … | head`) is not an error.
fn emit(s: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(s.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}

fn report_error(e: &Error) {
    let handler = miette::GraphicalReportHandler::new_themed(if std::io::stderr().is_terminal() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    });
    let mut s = String::new();
    if handler.render_report(&mut s, e).is_err() {
        s = format!("error: {e}\n");
    }
    eprint!("{s}");
}

fn check(args: CheckArgs) -> ExitCode {
    let as_of = match &args.as_of {
        None => chrono::Local::now().date_naive(),
        Some(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => d,
            Err(_) => {
                report_error(&Error::AsOf { value: s.clone() });
                return ExitCode::from(2);
            }
        },
    };
    let variant_heading = match &args.variant_heading {
        None => None,
        Some(p) => match Regex::new(p) {
            Ok(r) => Some(r),
            Err(e) => {
                report_error(&Error::Pattern {
                    message: e.to_string(),
                });
                return ExitCode::from(2);
            }
        },
    };
    let opts = Options {
        as_of,
        variant_heading,
    };
    let read = claimlint::ReadOptions { lossy: args.lossy };
    let outcome = claimlint::check_paths_with(&args.paths, &opts, read);
    for e in outcome.errors.iter().chain(&outcome.notes) {
        report_error(e);
    }
    let rendered = match args.format {
        Format::Json => json::render(&outcome, &as_of.to_string()),
        Format::Human => human::render(&outcome, std::io::stdout().is_terminal(), 100),
    };
    let written = emit(&rendered);
    if written != ExitCode::SUCCESS {
        return written;
    }
    if !outcome.errors.is_empty() {
        return ExitCode::from(2);
    }
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    if outcome.findings.iter().any(|f| f.severity >= threshold) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn claims(path: &str, format: ClaimsFormat) -> ExitCode {
    let source = match claimlint::load(path) {
        Ok(s) => s,
        Err(e) => {
            report_error(&e);
            return ExitCode::from(2);
        }
    };
    let opts = Options {
        as_of: chrono::Local::now().date_naive(),
        variant_heading: None,
    };
    let analysis = match claimlint::analyze(&source, &opts) {
        Ok(a) => a,
        Err(e) => {
            report_error(&e);
            return ExitCode::from(2);
        }
    };
    let rows = claimlint::report::claims::rows(&analysis);
    match format {
        ClaimsFormat::Table => emit(&claimlint::report::claims::table(&rows)),
        ClaimsFormat::Json => {
            emit(&(serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"))
        }
    }
}
