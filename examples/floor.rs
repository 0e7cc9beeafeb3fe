//! The parse-only floor for benchmarks: read every Markdown file under the given paths
//! (the same file list `claimlint check` walks) and run pulldown-cmark over each with
//! byte offsets, with the options claimlint parses with, and nothing else. Prints the
//! file, byte and event counts so the work cannot be optimised away.
//!
//! ```text
//! cargo run --release --example floor -- target/corpus/10mb
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use pulldown_cmark::{Options, Parser};

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let (files, errors) = claimlint::group::expand(&paths);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let (mut bytes, mut events) = (0usize, 0usize);
    for path in &files {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("floor: {path}: {e}");
                return ExitCode::from(2);
            }
        };
        bytes += text.len();
        for (event, range) in Parser::new_ext(&text, options).into_offset_iter() {
            events += 1;
            std::hint::black_box((event, range));
        }
    }
    println!("{} files, {bytes} bytes, {events} events", files.len());
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
