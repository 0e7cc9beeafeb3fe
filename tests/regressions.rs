//! Replays every crasher kept in tests/regressions/ (see its README): through the real
//! binary, where a stack overflow or abort shows as a signal, and through the number
//! normaliser line by line. Named after what they broke, as ripgrep names regressions.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use claimlint::claim::number::{format_value, parse_arabic, parse_chinese};

fn cases() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/regressions")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    files.sort();
    files
}

#[test]
fn crashers_replay_through_the_binary() {
    let files = cases();
    assert!(!files.is_empty(), "no regression inputs found");
    for f in &files {
        for lossy in [false, true] {
            let mut cmd = Command::cargo_bin("claimlint").expect("binary");
            cmd.args(["check", "--format", "json", "--as-of", "2026-11-28"]);
            if lossy {
                cmd.arg("--lossy");
            }
            let out = cmd
                .arg(f)
                .env_remove("RUST_BACKTRACE")
                .timeout(Duration::from_secs(300))
                .output()
                .expect("run");
            let err = String::from_utf8_lossy(&out.stderr);
            let code = out.status.code();
            assert!(
                matches!(code, Some(0..=2)) && !err.contains("panicked"),
                "{} (lossy {lossy}): exit {code:?}\n{err}",
                f.display()
            );
            if code == Some(2) {
                let name = f.file_name().and_then(|n| n.to_str()).expect("name");
                assert!(err.contains(name), "the error names the file: {err}");
            } else {
                let _: serde_json::Value =
                    serde_json::from_slice(&out.stdout).expect("a JSON report");
            }
        }
    }
}

#[test]
fn crashers_replay_through_the_number_normaliser() {
    for f in cases() {
        let bytes = std::fs::read(&f).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        for piece in std::iter::once(text.as_ref()).chain(text.lines()) {
            for v in [parse_arabic(piece), parse_chinese(piece)]
                .into_iter()
                .flatten()
            {
                assert!(v.is_finite(), "{}: {v}", f.display());
                let _ = format_value(v);
            }
        }
    }
}
