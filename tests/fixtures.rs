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
        if path.components().any(|c| {
            [
                "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7",
                "holdout8", "holdout9",
            ]
            .iter()
            .any(|h| c.as_os_str() == *h)
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
