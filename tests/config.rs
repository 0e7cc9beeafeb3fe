//! The configuration surface through the real binary: claimlint.toml discovery and
//! --config, every configuration error rendered by miette (snapshots), claimlint init,
//! --exit-zero, and baselines that survive edits which move lines.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const DOC: &str = "# 报告\n\n## 版本1\n\n据公司年报，星河云2023年营收为16亿美元（2023年年报）。\n\n## 版本2\n\n据公司年报，星河云2023年营收为18亿美元（2023年年报）。\n";

fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("config-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    // A repository root, so discovery stops here and never reads the crate's own files.
    std::fs::create_dir_all(dir.join(".git")).expect(".git");
    dir
}

fn claimlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimlint").expect("binary");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = claimlint(dir).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("parent");
    }
    std::fs::write(p, text).expect("write");
}

/// A broken configuration: exit 2, the file named, the other files still checked, and
/// the error rendered at its span.
fn config_error(name: &str, config: &str, extra: &[(&str, &str)]) -> String {
    let dir = temp_dir(name);
    let sub = dir.join("docs");
    std::fs::create_dir_all(&sub).expect("docs");
    write(&sub, "claimlint.toml", config);
    write(&sub, "a.md", DOC);
    for (n, t) in extra {
        write(&sub, n, t);
    }
    // A second document outside the broken configuration's reach is still checked.
    write(&dir, "b.md", DOC);
    let (code, stdout, stderr) = run(&dir, &["check", "--format", "json", "docs/a.md", "b.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("docs/claimlint.toml") || stderr.contains("docs/pack/"),
        "the broken file is named: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stdout.contains("\"file\": \"b.md\""),
        "b.md still checked: {stdout}"
    );
    stderr
}

#[test]
fn config_errors_are_shown_at_their_span() {
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        ("bad-toml", "[rules\nvalue-mismatch = \"off\"\n", &[]),
        ("unknown-key", "canonicall = \"整合版\"\n", &[]),
        ("unknown-rule", "[rules]\nvalue-mismach = \"off\"\n", &[]),
        ("bad-severity", "[rules]\nunit-mismatch = \"loud\"\n", &[]),
        ("bad-regex", "[variants]\nheading = \"^(Edition\"\n", &[]),
        ("look-around", "[variants]\nheading = \"^(?!Draft)\"\n", &[]),
        ("bad-date", "as_of = \"next week\"\n", &[]),
        (
            "pack-unknown-key",
            "rule_packs = [\"pack\"]\n",
            &[(
                "pack/house.toml",
                "[[rule]]\ncode = \"house/x\"\npatern = \"x\"\nmessage = \"m\"\n",
            )],
        ),
        (
            "pack-duplicate-code",
            "rule_packs = [\"pack\"]\n",
            &[(
                "pack/house.toml",
                "[[rule]]\ncode = \"house/x\"\npattern = \"a\"\nmessage = \"m\"\n\n[[rule]]\ncode = \"house/x\"\npattern = \"b\"\nmessage = \"m\"\n",
            )],
        ),
        (
            "pack-no-namespace",
            "rule_packs = [\"pack\"]\n",
            &[(
                "pack/house.toml",
                "[[rule]]\ncode = \"market-share\"\npattern = \"a\"\nmessage = \"m\"\n",
            )],
        ),
        (
            "pack-lookbehind",
            "rule_packs = [\"pack\"]\n",
            &[(
                "pack/house.toml",
                "[[rule]]\ncode = \"house/x\"\npattern = \"(?<!据)市占率\"\nmessage = \"m\"\n",
            )],
        ),
        (
            "pack-bad-lexicon",
            "rule_packs = [\"pack\"]\n",
            &[(
                "pack/entities.toml",
                "[[entity]]\nid = \"acme\"\nkind = \"company\"\nnames = [\"Acme\"]\n",
            )],
        ),
        ("missing-pack", "rule_packs = [\"nowhere\"]\n", &[]),
    ];
    for (name, config, extra) in cases {
        let stderr = config_error(name, config, extra);
        insta::assert_snapshot!(format!("config_error_{name}"), stderr);
    }
}

#[test]
fn unknown_keys_suggest_the_near_one() {
    let stderr = config_error("suggest", "[rulez]\n", &[]);
    assert!(stderr.contains("did you mean `rules`?"), "{stderr}");
}

#[test]
fn discovery_walks_up_and_config_flag_overrides() {
    let dir = temp_dir("discovery");
    write(
        &dir,
        "claimlint.toml",
        "[rules]\nvalue-mismatch = \"off\"\n",
    );
    write(&dir, "deep/er/a.md", DOC);
    let (code, stdout, _) = run(&dir, &["check", "--format", "json", "deep/er/a.md"]);
    assert_eq!(code, 0, "value-mismatch is off for files below: {stdout}");
    assert!(!stdout.contains("value-mismatch"));
    write(
        &dir,
        "strict.toml",
        "[rules]\nvalue-mismatch = \"warning\"\n",
    );
    let (code, stdout, _) = run(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--config",
            "strict.toml",
            "deep/er/a.md",
        ],
    );
    assert_eq!(
        code, 0,
        "a warning does not fail the default --fail-on error"
    );
    assert!(stdout.contains("\"severity\": \"warning\""), "{stdout}");
    let (code, _, stderr) = run(&dir, &["check", "--config", "missing.toml", "deep/er/a.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.toml"), "{stderr}");
}

#[test]
fn init_writes_a_valid_starter_once() {
    let dir = temp_dir("init");
    let (code, _, stderr) = run(&dir, &["init"]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(dir.join("claimlint.toml")).expect("written");
    assert!(text.contains("[rules]") && text.contains("canonical"));
    write(&dir, "a.md", DOC);
    let (code, stdout, stderr) = run(&dir, &["check", "--format", "json", "a.md"]);
    assert_eq!(code, 1, "the starter changes nothing: {stderr}");
    assert!(stdout.contains("value-mismatch"));
    let (code, _, stderr) = run(&dir, &["init"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("claimlint.toml")).expect("kept"),
        text
    );
}

#[test]
fn exit_zero_reports_but_passes() {
    let dir = temp_dir("exit-zero");
    write(&dir, "a.md", DOC);
    let (code, stdout, _) = run(&dir, &["check", "--exit-zero", "a.md"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("value-mismatch"), "{stdout}");
    let (code, _, _) = run(&dir, &["check", "--exit-zero", "a.md", "missing.md"]);
    assert_eq!(code, 2, "input errors still exit 2");
}

#[test]
fn baseline_survives_moved_lines_and_catches_new_findings() {
    let dir = temp_dir("baseline");
    write(&dir, "a.md", DOC);
    let (code, _, stderr) = run(&dir, &["check", "--write-baseline", "base.json", "a.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("recorded 1 finding"), "{stderr}");
    let base = std::fs::read_to_string(dir.join("base.json")).expect("baseline");
    assert!(base.contains("claimlint/baseline/v1") && base.contains("value-mismatch"));
    assert!(!base.contains("\"line\""), "never keyed on lines: {base}");

    // Lines inserted above both sides: still the judged finding.
    let moved = DOC
        .replace("## 版本1\n", "## 版本1\n\n新的引言段落。\n\n另一段。\n")
        .replace("## 版本2\n", "## 版本2\n\n补充说明。\n");
    write(&dir, "a.md", &moved);
    let (code, stdout, _) = run(&dir, &["check", "--baseline", "base.json", "a.md"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("(1 in the baseline)"), "{stdout}");

    // A new disagreement is reported.
    let changed = moved.replace("18亿美元", "19亿美元");
    write(&dir, "a.md", &changed);
    let (code, stdout, _) = run(&dir, &["check", "--baseline", "base.json", "a.md"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("19亿美元"), "{stdout}");

    let (code, _, stderr) = run(&dir, &["check", "--baseline", "a.md", "a.md"]);
    assert_eq!(code, 2, "not a baseline");
    assert!(stderr.contains("a.md"), "{stderr}");
}
