//! The `claimlint` binary: parse arguments, run the library, render, pick the exit code
//! (0 clean, 1 findings at or above --fail-on, 2 usage or input errors). Nothing else.

// The binary is the one place that talks to the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod cli;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::NaiveDate;
use clap::Parser;
use regex::Regex;

use claimlint::baseline::Baseline;
use claimlint::config::Resolver;
use claimlint::report::{Severity, github, human, json, rdjson, sarif};
use claimlint::{Error, Options, rules};
use cli::{CheckArgs, ClaimsFormat, Cli, Command, FailOn, Format};

use mimalloc::MiMalloc;

/// mimalloc instead of glibc's malloc: the analysis makes millions of small allocations, and
/// glibc keeps tens of megabytes of freed heap at the 50 MB file's peak (Cargo.toml says which
/// build and why).
#[global_allocator]
static GLOBAL: MiMalloc = MiMalloc;

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
        Command::Init => init(),
        Command::Lsp { config, stdio: _ } => lsp(config),
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
            // The project's house rules, from the claimlint.toml governing this folder.
            if let Ok(cfg) = Resolver::new(None).for_file(Path::new("claimlint.md")) {
                for h in &cfg.house {
                    let level = cfg
                        .severity_of(h.code, h.severity)
                        .map_or("off", |s| s.as_str());
                    out.push_str(&format!("{:<22} {:<8} {}\n", h.code, level, h.message));
                }
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
                let house = Resolver::new(None)
                    .for_file(Path::new("claimlint.md"))
                    .ok()
                    .and_then(|cfg| cfg.house.iter().find(|h| h.code == code).cloned());
                match house {
                    Some(h) => emit(&format!(
                        "{} ({}, a house rule from {})\n\n{}\n\nPattern: {}\n{}{}\n",
                        h.code,
                        h.severity.as_str(),
                        claimlint::config::FILE_NAME,
                        h.message,
                        h.pattern.as_str(),
                        if h.unless_cited {
                            "Sentences that cite a source are not flagged.\n"
                        } else {
                            ""
                        },
                        h.help
                    )),
                    None => {
                        eprintln!("claimlint: unknown rule {code:?}; `claimlint rules` lists them");
                        ExitCode::from(2)
                    }
                }
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
    let baseline = match &args.baseline {
        None => None,
        Some(p) => match Baseline::load(p) {
            Ok(b) => Some(Arc::new(b)),
            Err(e) => {
                report_error(&e);
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
        as_of_from_flag: args.as_of.is_some(),
        variant_heading,
        config_file: args.config.as_ref().map(PathBuf::from),
        baseline,
        read: claimlint::ReadOptions { lossy: args.lossy },
        ..Options::new(as_of)
    };
    if let Some(n) = args.threads {
        // Only fails if a pool already exists, and none does yet.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    let git = claimlint::GitOptions {
        against: args.against.clone(),
        changed_since: args.changed_since.clone(),
    };
    let outcome = if git.against.is_none() && git.changed_since.is_none() {
        claimlint::check_paths(&args.paths, &opts)
    } else {
        match claimlint::check_paths_git(&args.paths, &opts, &git) {
            Ok(o) => o,
            Err(e) => {
                report_error(&e);
                return ExitCode::from(2);
            }
        }
    };
    for e in outcome.errors.iter().chain(&outcome.notes) {
        report_error(e);
    }
    if let Some(path) = &args.write_baseline {
        return write_baseline(path, &outcome);
    }
    let as_of = outcome.as_of.unwrap_or(as_of);
    let written = match args.format {
        // Streamed: on a large corpus the JSON is many times the size of the input.
        Format::Json => {
            let stdout = std::io::stdout().lock();
            let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout);
            let result = json::write(&outcome, &as_of.to_string(), &mut w).and_then(|()| w.flush());
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(_) => ExitCode::from(2),
            }
        }
        Format::Human => emit(&human::render(
            &outcome,
            std::io::stdout().is_terminal(),
            100,
        )),
        Format::Sarif => emit(&sarif::render(&outcome)),
        Format::Rdjson => emit(&rdjson::render(&outcome)),
        Format::Github => emit(&github::render(&outcome)),
    };
    if written != ExitCode::SUCCESS {
        return written;
    }
    if !outcome.errors.is_empty() {
        return ExitCode::from(2);
    }
    if args.exit_zero {
        return ExitCode::SUCCESS;
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

/// Record the findings in a baseline file; the checked files are never written.
fn write_baseline(path: &str, outcome: &claimlint::Outcome) -> ExitCode {
    if outcome
        .sources
        .iter()
        .any(|s| Path::new(&s.path) == Path::new(path))
    {
        eprintln!("claimlint: refusing to write the baseline over {path}, a checked file");
        return ExitCode::from(2);
    }
    let text = claimlint::baseline::render(outcome);
    match std::fs::write(path, text) {
        Ok(()) => {
            eprintln!(
                "claimlint: recorded {} finding{} in {path}; check with --baseline {path} to see only new ones",
                outcome.findings.len(),
                if outcome.findings.len() == 1 { "" } else { "s" }
            );
            if outcome.errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            }
        }
        Err(e) => {
            eprintln!("claimlint: cannot write {path}: {e}");
            ExitCode::from(2)
        }
    }
}

/// `claimlint lsp`: serve one editor over stdio until it says `exit`. Exit 0 after a
/// clean `shutdown` + `exit`, 1 when the client left without one, 2 on a protocol error.
fn lsp(config: Option<String>) -> ExitCode {
    let (conn, io) = lsp_server::Connection::stdio();
    let ended = claimlint::lsp::run(&conn, config.map(PathBuf::from));
    // The writer thread ends when the connection is dropped; then stdout is flushed.
    drop(conn);
    let joined = io.join();
    match ended {
        Ok(claimlint::lsp::Ending::Clean) if joined.is_ok() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) => {
            eprintln!("claimlint lsp: {e}");
            ExitCode::from(2)
        }
    }
}

/// `claimlint init`: a commented starter configuration, never over an existing one.
fn init() -> ExitCode {
    let path = Path::new(claimlint::config::FILE_NAME);
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(claimlint::config::STARTER.as_bytes()))
    {
        Ok(()) => {
            eprintln!(
                "claimlint: wrote {}; every setting in it is commented out",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "claimlint: {} already exists; not overwriting it",
                path.display()
            );
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("claimlint: cannot write {}: {e}", path.display());
            ExitCode::from(2)
        }
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
    let config = match claimlint::config::Resolver::new(None).for_file(Path::new(path)) {
        Ok(c) => c,
        Err(e) => {
            report_error(&e);
            return ExitCode::from(2);
        }
    };
    let opts = Options {
        config,
        ..Options::new(chrono::Local::now().date_naive())
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
