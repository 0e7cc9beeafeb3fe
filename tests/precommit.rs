//! The pre-commit hook for real: `.pre-commit-hooks.yaml` of this checkout, installed by
//! the real `pre-commit` from PyPI into a throw-away repository, refuses a commit whose
//! Markdown contradicts itself (or its staged README.md contradicts the README.zh-CN.md
//! beside it) and lets the fixed commit through.
//!
//! Everything lives under the cargo target dir (`CARGO_TARGET_TMPDIR/precommit`): a venv
//! with a pinned pre-commit, pre-commit's cache (reused only for the exact same hook
//! revision) and the cargo target dir that pre-commit's `cargo install` builds in, so a
//! second run recompiles claimlint but not its dependencies. The first run downloads
//! pre-commit and builds claimlint in release mode: minutes on a small machine.
//!
//! pre-commit clones the hook repository at a commit. On a clean checkout (CI clones
//! one) that is this checkout at HEAD. With uncommitted changes the test commits a
//! snapshot of the working tree (tracked and untracked, not ignored) into a scratch
//! repository — what `pre-commit try-repo` does — so the hook under test is the code
//! under test. Outside a git checkout it skips, loudly. Set CLAIMLINT_SKIP_PRECOMMIT=1 to
//! skip on a machine without network access to PyPI and crates.io.

// The test says loudly when it skips and how long the hook build took.
#![allow(clippy::print_stderr)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

const PRE_COMMIT: &str = "pre-commit==4.0.1";

fn base() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("precommit")
}

/// A command that sees neither the user's git configuration, nor the git repository
/// the tests may run in (GIT_DIR from a hook), nor the variables `cargo test` sets for
/// this crate (they would leak into pre-commit's `cargo install`).
fn command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(program);
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        let cargo_own = k == "CARGO" || (k.starts_with("CARGO_") && k != "CARGO_HOME");
        if k.starts_with("GIT_") || k.starts_with("PRE_COMMIT") || cargo_own {
            cmd.env_remove(&k);
        }
    }
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
        .env("PRE_COMMIT_HOME", base().join("cache"))
        .env("CARGO_TARGET_DIR", base().join("cargo-target"))
        // pre-commit builds the hook with `cargo install` (a release build). The test
        // needs the hook's behaviour, not its speed: an unoptimised build without debug
        // info compiles several times faster on a fresh CI machine.
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "0")
        .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "false");
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"))
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(out.status.success(), "{cmd:?} failed:\n{}", text(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn git(dir: &Path) -> Command {
    let mut cmd = command("git");
    cmd.current_dir(dir).args(common::GIT_SETTINGS);
    cmd
}

/// The venv's pre-commit, installed once per pinned version.
fn pre_commit() -> PathBuf {
    let venv = base().join(format!("venv-{}", PRE_COMMIT.replace("==", "-")));
    let bin = venv.join("bin").join("pre-commit");
    let ready = command(&bin)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ready {
        let _ = std::fs::remove_dir_all(&venv);
        ok(command("python3").args(["-m", "venv"]).arg(&venv));
        ok(command(venv.join("bin").join("pip")).args(["install", "--quiet", PRE_COMMIT]));
    }
    bin
}

/// The hook repository and revision pre-commit should clone: this checkout at HEAD when
/// it is clean, else a snapshot commit of its working tree. None outside a git checkout.
fn hook_repo() -> Option<(PathBuf, String)> {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let status = run(git(&here).args(["status", "--porcelain", "--untracked-files=normal"]));
    if !status.status.success() {
        return None;
    }
    if status.stdout.is_empty() {
        let head = ok(git(&here).args(["rev-parse", "HEAD"]));
        return Some((here, head.trim().to_string()));
    }
    eprintln!("precommit: the checkout has uncommitted changes; testing a snapshot of them");
    let shadow = base().join("snapshot");
    let _ = std::fs::remove_dir_all(&shadow);
    std::fs::create_dir_all(&shadow).expect("snapshot folder");
    ok(git(&shadow).args(["init", "-q"]));
    let listed = ok(git(&here).args([
        "ls-files",
        "-z",
        "--cached",
        "--others",
        "--exclude-standard",
    ]));
    for name in listed.split('\0').filter(|n| !n.is_empty()) {
        let from = here.join(name);
        if !from.is_file() {
            continue; // deleted in the working tree
        }
        let to = shadow.join(name);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("folder");
        std::fs::copy(&from, &to).expect("copy");
    }
    ok(git(&shadow).args(["add", "-A"]));
    // Fixed dates: the same working tree gives the same commit, so pre-commit's cache
    // of the built hook is reused until the code changes.
    ok(git(&shadow)
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
        .args(["commit", "-q", "-m", "snapshot"]));
    let head = ok(git(&shadow).args(["rev-parse", "HEAD"]));
    Some((shadow, head.trim().to_string()))
}

/// A fresh repository using the hook, with the hook environment built.
fn project(name: &str, pre_commit: &Path, repo: &Path, rev: &str) -> PathBuf {
    // pre-commit's cache holds one build per hook revision: start over when it changes.
    let cache = base().join("cache");
    let marker = base().join("cache-rev");
    let key = format!("{} {rev}", repo.display());
    if std::fs::read_to_string(&marker).ok().as_deref() != Some(key.as_str()) {
        let _ = std::fs::remove_dir_all(&cache);
        std::fs::create_dir_all(base()).expect("base");
        std::fs::write(&marker, &key).expect("marker");
    }
    let dir = base().join(format!("work-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("work folder");
    ok(git(&dir).args(["init", "-q"]));
    let config = format!(
        // The hook as users add it: its default `args: [--]` keeps -x.md a file. (No
        // --as-of needed: the documents hold no forecasts that could go stale.)
        "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: claimlint\n",
        repo.display()
    );
    std::fs::write(dir.join(".pre-commit-config.yaml"), config).expect("config");
    ok(git(&dir).args(["add", ".pre-commit-config.yaml"]));
    ok(command(pre_commit).current_dir(&dir).arg("install"));
    let started = Instant::now();
    ok(command(pre_commit).current_dir(&dir).arg("install-hooks"));
    eprintln!(
        "precommit: hook environment ready in {:.1?} (pre-commit clone + cargo install, or its cache)",
        started.elapsed()
    );
    dir
}

/// `git commit` with the hook: (committed, output).
fn commit(dir: &Path, files: &[&str], message: &str) -> (bool, String) {
    ok(git(dir).arg("add").arg("--").args(files));
    let out = run(git(dir).args(["commit", "-q", "-m", message]));
    (out.status.success(), text(&out))
}

fn setup(name: &str) -> Option<PathBuf> {
    if std::env::var_os("CLAIMLINT_SKIP_PRECOMMIT").is_some() {
        eprintln!("precommit: SKIPPED because CLAIMLINT_SKIP_PRECOMMIT is set");
        return None;
    }
    let Some((repo, rev)) = hook_repo() else {
        eprintln!(
            "precommit: SKIPPED: {} is not a git checkout, so pre-commit cannot clone the hook",
            env!("CARGO_MANIFEST_DIR")
        );
        return None;
    };
    let started = Instant::now();
    let pc = pre_commit();
    eprintln!("precommit: {PRE_COMMIT} ready in {:.1?}", started.elapsed());
    Some(project(name, &pc, &repo, &rev))
}

// Both cases in one test: they share the venv and the hook build, and cargo runs tests
// of one file in parallel threads.
#[test]
fn the_hook_refuses_contradictions_and_accepts_the_fix() {
    let Some(dir) = setup("hook") else { return };

    // A document whose two versions disagree.
    let bad = "# 报告\n\n## 版本1\n\n据IDC统计，2023年星河公司收入16亿美元。\n\n## 版本二\n\n据IDC统计，2023年星河公司收入160亿美元。\n";
    std::fs::write(dir.join("report.md"), bad).expect("write");
    let (committed, out) = commit(&dir, &["report.md"], "add report");
    assert!(!committed, "the commit went through:\n{out}");
    assert!(out.contains("value-mismatch"), "{out}");
    assert!(out.contains("160亿美元 here, 16亿美元 in 版本1"), "{out}");

    let good = bad.replace("160亿", "16亿");
    std::fs::write(dir.join("report.md"), &good).expect("write");
    let (committed, out) = commit(&dir, &["report.md"], "add report");
    assert!(committed, "the fixed commit was refused:\n{out}");

    // A file named like an option is still a file to check.
    std::fs::write(dir.join("-x.md"), bad).expect("write");
    let (committed, out) = commit(&dir, &["-x.md"], "dash");
    assert!(!committed, "the commit went through:\n{out}");
    assert!(out.contains("[-x.md:"), "{out}");
    std::fs::write(dir.join("-x.md"), &good).expect("write");
    let (committed, out) = commit(&dir, &["-x.md"], "dash");
    assert!(committed, "the fixed commit was refused:\n{out}");

    // A language pair: only README.md is staged, its translation disagrees.
    let en = "# Acme\n\nAcme revenue reached $1.6 billion in 2023, according to IDC.\n";
    let zh = "# Acme\n\n据IDC统计，Acme 2023年收入为16亿美元。\n";
    std::fs::write(dir.join("README.md"), en).expect("write");
    std::fs::write(dir.join("README.zh-CN.md"), zh).expect("write");
    let (committed, out) = commit(&dir, &["README.md", "README.zh-CN.md"], "readme");
    assert!(committed, "agreeing README pair refused:\n{out}");

    std::fs::write(dir.join("README.md"), en.replace("$1.6", "$2.6")).expect("write");
    let (committed, out) = commit(&dir, &["README.md"], "bump revenue");
    assert!(!committed, "the commit went through:\n{out}");
    assert!(out.contains("value-mismatch"), "{out}");
    assert!(out.contains("README.zh-CN.md"), "{out}");
    assert!(out.contains("$2.6 billion"), "{out}");
}
