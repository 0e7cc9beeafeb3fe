//! Bad input through the real binary. A corpus of hostile files is built at test time
//! (encodings, binary files, odd names, FIFOs, symlink loops, pathological Markdown,
//! numbers that overflow) and every run must: exit with the documented code, name each
//! bad file and say what is wrong, still report the good files, never print panic text,
//! never hang, and leave every input byte for byte as it was.

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// Generous: a hang (a FIFO read, a symlink loop) is what this catches, not slowness.
const HANG: Duration = Duration::from_secs(300);

/// A value mismatch across two variants: exit 1 when read.
const GOOD: &str = "## Version 1\n\nAcme revenue was $1.6 billion in 2023.\n\n## Version 2\n\nAcme revenue was $1.2 billion in 2023.\n";

fn temp_dir(name: &str) -> common::Scratch {
    common::Scratch::new("claimlint-bad", name)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::cargo_bin("claimlint").expect("binary");
    cmd.current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .timeout(HANG)
        .args(args);
    cmd.output().expect("run")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn report(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("a report-v1 JSON document on stdout")
}

/// The files the report lists as checked.
fn documents(r: &Value) -> Vec<String> {
    r["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["file"].as_str().expect("file").to_string())
        .collect()
}

fn assert_no_panic(out: &Output) {
    let err = stderr(out);
    assert!(
        !err.contains("panicked")
            && !err.contains("RUST_BACKTRACE")
            && !err.contains("overflowed its stack"),
        "panic text in stderr: {err}"
    );
    let code = out.status.code();
    assert!(
        matches!(code, Some(0..=2)),
        "killed or aborted: {code:?}\n{err}"
    );
}

/// FNV-1a of every regular file under `dir` (symlinks and FIFOs are not opened).
fn checksums(dir: &Path) -> BTreeMap<PathBuf, u64> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            let meta = std::fs::symlink_metadata(&p).expect("metadata");
            if meta.is_dir() {
                stack.push(p);
            } else if meta.is_file() {
                let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                for b in std::fs::read(&p).expect("read") {
                    h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                }
                out.insert(p, h);
            }
        }
    }
    out
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).expect("write");
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

/// Good files with awkward names: each holds a mismatch, so each must be reported.
const ODD_NAMES: &[&str] = &[
    "good.md",
    "with space.md",
    "中文 名字.md",
    "-x.md",
    "--help.md",
];

/// Files that cannot be checked when named, and what the error must say.
fn bad_files(dir: &Path) -> Vec<(&'static str, &'static str)> {
    write(dir, "latin1.md", b"caf\xe9 costs $5\n");
    write(dir, "utf16le.md", b"\xff\xfe#\0 \0h\0i\0\n\0");
    write(dir, "utf16be.md", b"\xfe\xff\0#\0 \0h\0i\0\n");
    write(dir, "binary.md", b"# title\n\0\x01\x02\x03 revenue $5\n");
    let no_bom: Vec<u8> = "# Notes\n\nRevenue was $5.\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    write(dir, "utf16-no-bom.md", no_bom);
    mkfifo(&dir.join("fifo.md"));
    std::os::unix::fs::symlink("self-loop.md", dir.join("self-loop.md")).expect("symlink");
    std::os::unix::fs::symlink("no/such/target.md", dir.join("dangling.md")).expect("symlink");
    // Running as root, permissions do not block reads: a path through a file fails.
    vec![
        ("latin1.md", "offset 3"),
        ("utf16le.md", "UTF-16"),
        ("utf16be.md", "UTF-16"),
        ("binary.md", "binary"),
        ("utf16-no-bom.md", "UTF-16"),
        ("fifo.md", "not a regular file"),
        ("self-loop.md", "cannot read"),
        ("dangling.md", "cannot read"),
        ("good.md/inside.md", "cannot read"),
    ]
}

#[test]
fn named_bad_files_are_errors_and_the_good_ones_are_still_checked() {
    let dir = temp_dir("named");
    for name in ODD_NAMES {
        write(&dir, name, GOOD);
    }
    write(&dir, "bom.md", format!("\u{feff}{GOOD}"));
    let bad = bad_files(&dir);
    let before = checksums(&dir);

    let mut args = vec!["check", "--format", "json", "--"];
    let mut names: Vec<&str> = Vec::new();
    for (i, name) in ODD_NAMES.iter().chain(&["bom.md"]).enumerate() {
        names.push(name);
        // Interleaved, so that a bad file cannot stop the ones after it.
        if let Some((b, _)) = bad.get(i) {
            names.push(b);
        }
    }
    names.extend(bad.iter().skip(ODD_NAMES.len() + 1).map(|(b, _)| *b));
    args.extend(&names);
    let out = run(&dir, &args);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    for (name, what) in &bad {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("{name}:")))
            .unwrap_or_else(|| panic!("{name} not named in stderr:\n{err}"));
        assert!(line.contains(what), "{name}: expected {what:?} in {line:?}");
    }
    let r = report(&out);
    let mut expected: Vec<String> = ODD_NAMES.iter().map(|s| s.to_string()).collect();
    expected.push("bom.md".into());
    assert_eq!(documents(&r), expected);
    let mismatches: Vec<&str> = r["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "value-mismatch")
        .map(|d| d["file"].as_str().expect("file"))
        .collect();
    assert_eq!(mismatches, expected, "one mismatch per good file");
    assert_eq!(checksums(&dir), before, "inputs unchanged");
}

#[test]
fn walking_a_folder_skips_binary_files_and_survives_loops_and_fifos() {
    let dir = temp_dir("walk");
    let tree = dir.join("docs");
    std::fs::create_dir_all(tree.join("sub")).expect("mkdir");
    write(&tree, "a.md", GOOD);
    write(&tree, "sub/b.md", GOOD);
    write(&tree, "image.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    // A folder named like a Markdown file is walked, not read.
    std::fs::create_dir_all(tree.join("folder.md")).expect("mkdir");
    write(&tree, "folder.md/c.md", GOOD);
    mkfifo(&tree.join("pipe.md"));
    std::os::unix::fs::symlink("..", tree.join("sub/up")).expect("symlink");
    std::os::unix::fs::symlink(".", tree.join("here")).expect("symlink");
    std::os::unix::fs::symlink("loop.md", tree.join("loop.md")).expect("symlink");
    let before = checksums(&tree);

    let out = run(&dir, &["check", "--format", "json", "docs"]);
    assert_no_panic(&out);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a skipped binary file is a note, not an error: {err}"
    );
    assert!(
        err.lines()
            .any(|l| l.contains("docs/image.md") && l.contains("skipped")),
        "{err}"
    );
    assert_eq!(
        documents(&report(&out)),
        ["docs/a.md", "docs/folder.md/c.md", "docs/sub/b.md"]
    );

    // A name that is not UTF-8 cannot be reported and reopened as text: an error that
    // shows it, and the walk goes on.
    let other = dir.join("other");
    std::fs::create_dir_all(&other).expect("mkdir");
    std::fs::write(other.join(OsStr::from_bytes(b"caf\xe9.md")), GOOD).expect("write");
    write(&other, "ok.md", GOOD);
    let out = run(&dir, &["check", "--format", "json", "other"]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("caf\u{fffd}.md: cannot read: the file name is not valid UTF-8"),
        "{}",
        stderr(&out)
    );
    assert_eq!(documents(&report(&out)), ["other/ok.md"]);
    assert!(
        checksums(&other)
            .values()
            .all(|&h| h == checksums(&tree)[&tree.join("a.md")])
    );

    // Named directly, the same binary file is an error.
    let out = run(&dir, &["check", "docs/image.md", "docs/a.md"]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("docs/image.md: binary file"));
    assert_eq!(checksums(&tree), before, "inputs unchanged");
}

#[test]
fn lossy_replaces_bad_bytes_and_warns() {
    let dir = temp_dir("lossy");
    write(
        &dir,
        "latin1.md",
        b"## Version 1\n\nCaf\xe9 revenue was $1.6 billion in 2023.\n\n## Version 2\n\nCaf\xe9 revenue was $1.2 billion in 2023.\n",
    );
    write(&dir, "utf16.md", b"\xff\xfe#\0");
    let before = checksums(&dir);
    let out = run(&dir, &["check", "--format", "json", "latin1.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("latin1.md: not valid UTF-8 (first bad byte at offset 17)"));

    let out = run(&dir, &["check", "--lossy", "--format", "json", "latin1.md"]);
    assert_no_panic(&out);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("latin1.md: not valid UTF-8 (first bad byte at offset 17)")
            && err.contains("U+FFFD"),
        "{err}"
    );
    let r = report(&out);
    assert!(
        r["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .any(|d| d["code"] == "value-mismatch")
    );

    // --lossy is about UTF-8 only: UTF-16 is still refused.
    let out = run(&dir, &["check", "--lossy", "utf16.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("utf16.md: looks like UTF-16"));
    assert_eq!(checksums(&dir), before, "inputs unchanged");
}

#[test]
fn lone_cr_and_crlf_lines_and_columns() {
    let dir = temp_dir("eol");
    for (name, eol) in [("cr.md", "\r"), ("crlf.md", "\r\n"), ("mixed.md", "\r\n\n")] {
        write(&dir, name, GOOD.replace('\n', eol));
    }
    let out = run(
        &dir,
        &["check", "--format", "json", "cr.md", "crlf.md", "mixed.md"],
    );
    assert_no_panic(&out);
    let r = report(&out);
    let found: Vec<(String, u64, u64)> = r["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "value-mismatch")
        .map(|d| {
            let s = &d["range"]["start"];
            (
                d["file"].as_str().expect("file").to_string(),
                s["line"].as_u64().expect("line"),
                s["column"].as_u64().expect("column"),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("cr.md".to_string(), 7, 18),
            ("crlf.md".to_string(), 7, 18),
            // "\r\n\n" is two line ends.
            ("mixed.md".to_string(), 13, 18),
        ]
    );
}

/// Numbers in every awkward form: parsed to the right value or not taken as a figure,
/// never an overflow.
#[test]
fn awkward_numbers_parse_or_are_refused() {
    let dir = temp_dir("numbers");
    let nines = "9".repeat(500);
    let text = format!(
        "# Figures\n\n\
         收入１６亿美元。\n\n\
         用户十六亿人。\n\n\
         成本1\u{200b}600万元。\n\n\
         Acme grew by {nines} dollars.\n\n\
         Acme lost 1e400 dollars.\n\n\
         收入{}元。\n\n\
         Profit fell -5% to 0 dollars.\n",
        "亿".repeat(20_000)
    );
    write(&dir, "numbers.md", &text);
    let out = run(&dir, &["claims", "--format", "json", "numbers.md"]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("claims JSON");
    let value_of = |text: &str| {
        rows.iter()
            .find(|r| r["text"].as_str().is_some_and(|t| t.contains(text)))
            .and_then(|r| r["value"].as_str().map(str::to_string))
    };
    assert_eq!(value_of("１６亿").as_deref(), Some("1.6 billion"));
    assert_eq!(value_of("十六亿").as_deref(), Some("1.6 billion"));
    assert_eq!(value_of("600万").as_deref(), Some("16 million"));
    assert_eq!(value_of("0 dollars").as_deref(), Some("0"));
    for r in &rows {
        let v = r["value"].as_str().unwrap_or("");
        assert!(
            !v.contains("inf") && !v.contains("NaN") && v.len() < 40,
            "{r}"
        );
    }
}

/// Pathological Markdown through the real binary, one file per run: deep nesting is a
/// stack-overflow risk that only the real process (with its real stack) can show.
#[test]
fn pathological_markdown_through_the_binary() {
    let dir = temp_dir("patho");
    let cases: Vec<(&str, String)> = vec![
        ("deep-quote.md", ">".repeat(10_000) + " 收入16亿美元\n"),
        (
            "deep-quote-lines.md",
            (1..=10_000)
                .map(|i| format!("{} x\n", ">".repeat(i.min(200))))
                .collect(),
        ),
        ("deep-list.md", "- ".repeat(10_000) + "收入16亿美元\n"),
        ("deep-mixed.md", "> - 1. ".repeat(3_400) + "收入16亿美元\n"),
        ("many-items.md", "- item $5\n".repeat(10_000)),
        ("emphasis.md", "*".repeat(100_000)),
        ("emphasis-words.md", "*a _b ".repeat(20_000)),
        ("brackets.md", "[".repeat(50_000)),
        ("links.md", "[a](".repeat(50_000)),
        ("long-line.md", "收入16亿美元，".repeat(50_000)),
        (
            "wide-table.md",
            format!(
                "|{}\n|{}\n|{}\n",
                "a|".repeat(5_000),
                "-|".repeat(5_000),
                "$5|".repeat(5_000)
            ),
        ),
        ("backticks.md", "`".repeat(100_000)),
        ("html.md", "<div>".repeat(50_000)),
        ("headings.md", "## 版本1\n".repeat(20_000)),
    ];
    for (name, text) in &cases {
        write(&dir, name, text);
    }
    let before = checksums(&dir);
    for (name, _) in &cases {
        let out = run(&dir, &["check", "--format", "json", name]);
        assert_no_panic(&out);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{name}: {}",
            stderr(&out)
        );
        assert_eq!(documents(&report(&out)), [name.to_string()]);
    }
    assert_eq!(checksums(&dir), before, "inputs unchanged");
}

#[test]
fn a_folder_of_twenty_thousand_files() {
    let dir = temp_dir("many");
    let tree = dir.join("docs");
    for i in 0..20_000 {
        let sub = tree.join(format!("d{:02}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).expect("mkdir");
        }
        std::fs::write(
            sub.join(format!("f{i:05}.md")),
            format!("# Note {i}\n\nRevenue was ${i} million.\n"),
        )
        .expect("write");
    }
    let out = run(&dir, &["check", "--format", "json", "docs"]);
    assert_no_panic(&out);
    let r = report(&out);
    assert_eq!(r["summary"]["files"], 20_000);
    let docs = documents(&r);
    assert_eq!(docs.first().map(String::as_str), Some("docs/d00/f00000.md"));
    assert_eq!(docs.last().map(String::as_str), Some("docs/d19/f19999.md"));
}
