//! `--against REV` and `--changed-since REV` on throw-away git repositories: drift
//! between revisions is reported with the old revision named, old findings are not
//! repeated, and revisions or files named like options never become options.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use assert_cmd::Command;
use serde_json::Value;

/// A fresh folder under the target dir, named after the test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("git-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Git that ignores the user's and the system's configuration and any repository the
/// test itself runs in (GIT_DIR from a hook).
fn hermetic(cmd: &mut Std) {
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("GIT_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1");
}

fn git(dir: &Path, args: &[&str]) {
    let mut cmd = Std::new("git");
    hermetic(&mut cmd);
    let out = cmd
        .args(common::GIT_SETTINGS)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn write(dir: &Path, file: &str, text: &str) {
    let p = dir.join(file);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(p, text).expect("write");
}

/// A repository whose first commit holds `files`.
fn repo(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = temp_dir(name);
    git(&dir, &["init", "-q"]);
    for (f, t) in files {
        write(&dir, f, t);
    }
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "first"]);
    dir
}

/// `claimlint check` in `dir`, with the same hermetic git environment.
fn claimlint_check(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimlint").expect("binary");
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("GIT_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .current_dir(dir)
        .args(["check", "--as-of", "2026-01-01"]);
    cmd
}

/// `claimlint check --format json ARGS` in `dir`: (exit code, report, stderr).
fn check_json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = claimlint_check(dir)
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let report = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap_or(-1),
        report,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn diagnostics(report: &Value) -> Vec<&Value> {
    report["diagnostics"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn codes(report: &Value) -> Vec<String> {
    diagnostics(report)
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

const CITED: &str = "# Acme\n\n据IDC统计，2023年星河公司收入16亿美元。\n";

#[test]
fn a_changed_figure_is_reported_with_the_old_revision_named() {
    let dir = repo("changed-figure", &[("README.md", CITED)]);
    let now = "# Acme\n\n新的一段。\n\n据IDC统计，2023年星河公司收入160亿美元。\n";
    write(&dir, "README.md", now);
    git(&dir, &["commit", "-q", "-am", "second"]);

    // Without --against the file agrees with itself.
    let (code, report, _) = check_json(&dir, &["README.md"]);
    assert_eq!((code, codes(&report)), (0, vec![]));

    let (code, report, stderr) = check_json(&dir, &["--against", "HEAD~1", "README.md"]);
    assert_eq!(code, 1, "{stderr}");
    let d = diagnostics(&report);
    assert_eq!(d.len(), 1, "{report:#}");
    let d = d[0];
    assert_eq!(d["code"], "value-mismatch");
    assert!(
        d["message"].as_str().unwrap().contains("README.md@HEAD~1"),
        "{d:#}"
    );
    // The finding points at the current text.
    let at = now.find("160亿美元").unwrap();
    assert_eq!(d["range"]["start"]["offset"], at);
    assert_eq!(d["range"]["start"]["line"], 5);
    // Its related place is in the old text: same path, the revision in the variant,
    // the range counted in the old text (line 3 there, not line 3 of today's file).
    let r = &d["related"][0];
    assert_eq!(r["file"], "README.md");
    assert_eq!(r["variant"], "README.md@HEAD~1");
    assert_eq!(
        r["range"]["start"]["offset"],
        CITED.find("16亿美元").unwrap()
    );
    assert_eq!(r["range"]["start"]["line"], 3);

    // The human report names the old revision and its line.
    let out = claimlint_check(&dir)
        .args(["--against", "HEAD~1", "README.md"])
        .output()
        .unwrap();
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(human.contains("README.md@HEAD~1, line 3"), "{human}");
}

#[test]
fn ci_formats_and_baselines_read_old_places_from_the_old_text() {
    let dir = repo("old-places", &[("README.md", CITED)]);
    let now = "# Acme\n\n新的一段。\n\n据IDC统计，2023年星河公司收入160亿美元。\n";
    write(&dir, "README.md", now);
    let out = claimlint_check(&dir)
        .args(["--against", "HEAD", "--format", "sarif", "README.md"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("sarif");
    let result = &sarif["runs"][0]["results"][0];
    let here = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(here["startLine"], 5, "{result:#}");
    let there = &result["relatedLocations"][0]["physicalLocation"]["region"];
    assert_eq!(there["startLine"], 3, "{result:#}");
    assert_eq!(
        there["byteOffset"],
        CITED.find("16亿").unwrap(),
        "{result:#}"
    );

    // A baseline written with --against absorbs the same findings on the next run.
    let baseline = dir.join("baseline.json");
    let written = claimlint_check(&dir)
        .args(["--against", "HEAD", "--write-baseline"])
        .arg(&baseline)
        .arg("README.md")
        .output()
        .unwrap();
    assert!(written.status.success(), "{written:?}");
    let baseline = baseline.to_string_lossy().into_owned();
    let (code, report, stderr) = check_json(
        &dir,
        &["--against", "HEAD", "--baseline", &baseline, "README.md"],
    );
    assert_eq!((code, codes(&report)), (0, vec![]), "{stderr}");
    // Another figure now is another finding.
    write(&dir, "README.md", &now.replace("160亿", "170亿"));
    let (code, _, stderr) = check_json(
        &dir,
        &["--against", "HEAD", "--baseline", &baseline, "README.md"],
    );
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn a_changed_figure_that_gained_a_source_is_still_reported() {
    let old = "# Acme\n\n2023年星河公司收入16亿美元。\n";
    let dir = repo("gained-source", &[("README.md", old)]);
    let now = "# Acme\n\n据IDC统计，2023年星河公司收入160亿美元。\n";
    write(&dir, "README.md", now);
    let (code, report, stderr) = check_json(&dir, &["--against", "HEAD", "README.md"]);
    assert_eq!(code, 1, "{stderr}");
    let d = diagnostics(&report);
    assert_eq!(d.len(), 1, "{report:#}");
    assert_eq!(d[0]["code"], "value-mismatch");
    assert_eq!(d[0]["range"]["start"]["offset"], now.find("160亿").unwrap());
    assert_eq!(d[0]["related"][0]["variant"], "README.md@HEAD");
    assert_eq!(
        d[0]["related"][0]["range"]["start"]["offset"],
        old.find("16亿").unwrap()
    );
}

#[test]
fn drift_inside_a_variant_at_both_revisions_is_not_reported_again() {
    let old = "# Acme\n\n## 版本1\n\n据IDC统计，2023年星河公司收入16亿美元。\n\n总之，据IDC统计，2023年星河公司收入160亿美元。\n\n## 版本二\n\n其他内容。\n";
    let dir = repo("inner-drift", &[("essay.md", old)]);
    let (_, report, _) = check_json(&dir, &["essay.md"]);
    assert_eq!(codes(&report), vec!["value-mismatch"], "{report:#}");
    write(&dir, "essay.md", &old.replace("其他内容", "别的内容"));
    let (code, report, stderr) = check_json(&dir, &["--against", "HEAD", "essay.md"]);
    assert_eq!((code, codes(&report)), (0, vec![]), "{stderr}{report:#}");
}

#[test]
fn a_suppression_comment_can_accept_drift_since_the_revision() {
    let dir = repo("suppressed-drift", &[("README.md", CITED)]);
    let comment = "<!-- claimlint-disable-next-line value-mismatch -- IDC revised it -->\n";
    let now = format!("# Acme\n\n{comment}据IDC统计，2023年星河公司收入160亿美元。\n");
    write(&dir, "README.md", &now);
    let (code, report, stderr) = check_json(&dir, &["--against", "HEAD", "README.md"]);
    assert_eq!((code, codes(&report)), (0, vec![]), "{stderr}{report:#}");
    // Without --against nothing drifted, so the comment silences nothing.
    let (_, report, _) = check_json(&dir, &["README.md"]);
    assert_eq!(codes(&report), vec!["unused-suppression"], "{report:#}");
    // With the figure as it was, the comment is unused against the revision too.
    write(
        &dir,
        "README.md",
        &format!("# Acme\n\n{comment}据IDC统计，2023年星河公司收入16亿美元。\n"),
    );
    let (_, report, _) = check_json(&dir, &["--against", "HEAD", "README.md"]);
    assert_eq!(codes(&report), vec!["unused-suppression"], "{report:#}");
}

#[test]
fn a_finding_present_at_both_revisions_is_not_reported_again() {
    let old = "# Acme\n\n星河公司员工人数增长了35%。\n";
    let dir = repo("both-revisions", &[("notes.md", old)]);
    // The old unsourced figure moves down a paragraph; a new one arrives.
    let now = "# Acme\n\n背景介绍。\n\n星河公司员工人数增长了35%。\n\n星河公司的利润增长了48%。\n";
    write(&dir, "notes.md", now);

    let (_, report, _) = check_json(&dir, &["notes.md"]);
    assert_eq!(
        codes(&report),
        vec!["missing-citation", "missing-citation"],
        "{report:#}"
    );
    let (code, report, stderr) = check_json(&dir, &["--against", "HEAD", "notes.md"]);
    // Missing citations are warnings: exit 0 at the default --fail-on error.
    assert_eq!(code, 0, "{stderr}");
    let d = diagnostics(&report);
    assert_eq!(d.len(), 1, "{report:#}");
    assert_eq!(d[0]["range"]["start"]["offset"], now.find("48%").unwrap());
}

#[test]
fn a_dropped_citation_is_caught_in_the_same_named_variant() {
    let variant = |cite: &str| {
        format!(
            "# Acme\n\n## 版本1\n\n{cite}2023年星河公司收入16亿美元。\n\n## 版本二\n\n{cite}2023年星河公司收入16亿美元。\n"
        )
    };
    let old = variant("据IDC统计，");
    let dir = repo("dropped-citation", &[("essay.md", &old)]);
    let now = old.replacen("## 版本二\n\n据IDC统计，", "## 版本二\n\n", 1);
    assert_ne!(now, old);
    write(&dir, "essay.md", &now);

    let (code, report, stderr) = check_json(&dir, &["--against", "HEAD", "essay.md"]);
    assert_eq!(code, 0, "{stderr}");
    let dropped: Vec<&Value> = diagnostics(&report)
        .into_iter()
        .filter(|d| {
            d["related"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["variant"].as_str().unwrap_or("").ends_with("@HEAD"))
        })
        .collect();
    assert_eq!(dropped.len(), 1, "{report:#}");
    let d = dropped[0];
    assert_eq!(d["code"], "citation-dropped");
    assert_eq!(d["variant"], "版本二");
    assert_eq!(d["related"][0]["variant"], "版本二@HEAD");
    assert_eq!(
        d["range"]["start"]["offset"],
        now.rfind("16亿美元").unwrap()
    );
    // Related places in the old text are counted in the old text.
    assert_eq!(
        d["related"][0]["range"]["start"]["offset"],
        old.rfind("16亿美元").unwrap()
    );
}

#[test]
fn a_file_new_since_the_revision_is_checked_normally() {
    let dir = repo("new-file", &[("README.md", CITED)]);
    write(&dir, "new.md", "# New\n\n星河公司的利润增长了48%。\n");
    let (code, report, stderr) = check_json(&dir, &["--against", "HEAD", "new.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(codes(&report), vec!["missing-citation"]);
}

#[test]
fn revisions_named_like_options_are_refused() {
    let dir = repo("option-rev", &[("README.md", CITED)]);
    for flag in ["--against", "--changed-since"] {
        for rev in ["--output=x", "-x"] {
            let (code, _, stderr) = check_json(&dir, &[&format!("{flag}={rev}"), "README.md"]);
            assert_eq!(code, 2, "{flag}={rev}: {stderr}");
            assert!(stderr.contains(rev), "{stderr}");
            assert!(stderr.contains("cannot start with '-'"), "{stderr}");
        }
    }
    assert!(!dir.join("x").exists());
    // A revision that merely contains an option is just an unknown revision.
    let (code, _, stderr) = check_json(&dir, &["--against", "main --output=x", "README.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("main --output=x"), "{stderr}");
    assert!(!dir.join("x").exists());
}

#[test]
fn files_named_like_options_stay_files() {
    let dir = repo(
        "option-file",
        &[
            ("-x.md", CITED),
            ("--output=y.md", CITED),
            ("my notes.md", CITED),
        ],
    );
    let now = CITED.replace("16亿", "160亿");
    write(&dir, "-x.md", &now);
    write(&dir, "--output=y.md", &now);
    write(&dir, "my notes.md", &now);
    let args = [
        "--against",
        "HEAD",
        "--",
        "-x.md",
        "--output=y.md",
        "my notes.md",
    ];
    let (code, report, stderr) = check_json(&dir, &args);
    assert_eq!(code, 1, "{stderr}");
    let files: Vec<&str> = diagnostics(&report)
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, args[3..], "{report:#}");
    // Walking the folder finds them as changed files.
    let (code, report, stderr) =
        check_json(&dir, &["--changed-since", "HEAD", "--against", "HEAD"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(report["summary"]["files"], 3);
    assert!(!dir.join("y").exists() && !dir.join("x").exists());
}

#[test]
fn outside_a_repository_or_with_an_unknown_revision_exits_2() {
    // A folder in the system temp dir, with git told not to look above it.
    let dir = std::env::temp_dir().join(format!("claimlint-norepo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    write(&dir, "a.md", CITED);
    let out = claimlint_check(&dir)
        .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
        .args(["--against", "HEAD", "a.md"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not in a git repository"), "{stderr}");
    assert!(out.stdout.is_empty());
    let _ = std::fs::remove_dir_all(&dir);

    let dir = repo("unknown-rev", &[("README.md", CITED)]);
    for flag in ["--against", "--changed-since"] {
        let (code, _, stderr) = check_json(&dir, &[flag, "no-such-branch", "README.md"]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("no-such-branch"), "{stderr}");
    }
}

#[test]
fn changed_since_checks_changed_files_and_their_language_versions() {
    let pair_en = "# Acme\n\nAcme revenue reached $1.6 billion in 2023, according to IDC.\n";
    let pair_zh = "# Acme\n\n据IDC统计，Acme 2023年收入为16亿美元。\n";
    let dir = repo(
        "changed-since",
        &[
            ("same.md", CITED),
            ("committed.md", CITED),
            ("unstaged.md", CITED),
            ("docs/README.md", pair_en),
            ("docs/README.zh-CN.md", pair_zh),
            (".gitignore", "ignored.md\n"),
        ],
    );
    let base = "HEAD";
    write(&dir, "committed.md", &CITED.replace("Acme", "Acme Inc"));
    git(&dir, &["commit", "-q", "-am", "second"]);
    write(&dir, "unstaged.md", &CITED.replace("Acme", "Acme Ltd"));
    write(&dir, "staged.md", CITED);
    git(&dir, &["add", "staged.md"]);
    write(&dir, "untracked.md", CITED);
    write(&dir, "ignored.md", CITED);
    write(&dir, "notes.txt", "not markdown");
    // Only the translation changed; the original comes along.
    write(
        &dir,
        "docs/README.zh-CN.md",
        &pair_zh.replace("16亿", "26亿"),
    );

    let (code, report, stderr) = check_json(&dir, &["--changed-since", "HEAD~1"]);
    assert_eq!(code, 1, "{stderr}");
    let mut files: Vec<String> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["file"]
                .as_str()
                .unwrap()
                .trim_start_matches("./")
                .to_string()
        })
        .collect();
    files.sort();
    assert_eq!(
        files,
        vec![
            "committed.md",
            "docs/README.md",
            "staged.md",
            "unstaged.md",
            "untracked.md"
        ],
        "{report:#}"
    );
    assert_eq!(report["summary"]["files"], 6);
    assert_eq!(codes(&report), vec!["value-mismatch"]);

    // Since HEAD the committed change is no longer news; PATHS narrow further.
    let (_, report, _) = check_json(&dir, &["--changed-since", base, "docs"]);
    assert_eq!(report["summary"]["files"], 2, "{report:#}");
    let (_, report, _) = check_json(&dir, &["--changed-since", base, "committed.md"]);
    assert_eq!(report["summary"]["files"], 0, "{report:#}");
}

#[test]
fn language_versions_are_compared_with_their_old_texts() {
    let en = "# Acme\n\nAcme revenue reached $1.6 billion in 2023, according to IDC.\n";
    let zh = "# Acme\n\n据IDC统计，Acme 2023年收入为16亿美元。\n";
    let dir = repo(
        "pair-against",
        &[("README.md", en), ("README.zh-CN.md", zh)],
    );
    write(&dir, "README.zh-CN.md", &zh.replace("16亿", "26亿"));
    let (code, report, stderr) = check_json(&dir, &["--against", "HEAD", "README.md"]);
    assert_eq!(code, 1, "{stderr}");
    let mut seen: Vec<(String, String)> = diagnostics(&report)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    seen.sort();
    assert_eq!(seen.len(), 2, "{report:#}");
    assert!(seen.iter().all(|(f, _)| f == "README.zh-CN.md"), "{seen:?}");
    assert!(
        seen.iter().any(|(_, m)| m.contains("in README.md")),
        "{seen:?}"
    );
    assert!(
        seen.iter().any(|(_, m)| m.contains("README.zh-CN.md@HEAD")),
        "{seen:?}"
    );
}
