//! Snapshot tests: every Markdown fixture gets a snapshot of its JSON report and of its
//! human report (miette's plain unicode theme, width 80), as a user would see them.
//! Review changes with `cargo insta review`.

use chrono::NaiveDate;
use claimlint::report::{human, json};
use claimlint::{Options, check_paths};

fn options() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"))
}

#[test]
fn fixture_reports() {
    insta::glob!("../fixtures", "**/*.md", |path| {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.eq_ignore_ascii_case("README.md") || name.eq_ignore_ascii_case("INDEX.md") {
            return;
        }
        // The held-out sets are only scored, never snapshotted: they must stay unseen.
        // (fixtures/holdout and fixtures/holdoutN, whatever N: a later set is held out
        // before any of its documents exists.)
        if path.components().any(|c| {
            c.as_os_str().to_str().is_some_and(|s| {
                s.strip_prefix("holdout")
                    .is_some_and(|n| n.is_empty() || n.bytes().all(|b| b.is_ascii_digit()))
            })
        }) {
            return;
        }
        // Report paths relative to the repository, as a user would type them.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let rel = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let cwd = std::env::current_dir().expect("cwd");
        std::env::set_current_dir(root).expect("chdir");
        let outcome = check_paths(&[rel], &options());
        std::env::set_current_dir(cwd).expect("chdir back");
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
        insta::assert_snapshot!("json", json::render(&outcome, "2026-11-28"));
        insta::assert_snapshot!("human", human::render(&outcome, false, 80));
    });
}
