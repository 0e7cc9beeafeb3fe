//! The CI formats from the real binary: SARIF 2.1.0 validated against the OASIS schema,
//! rdjson against reviewdog's schema (with byte columns), and GitHub workflow commands
//! (annotation limits and escaping). The schemas live in tests/data (see its README).

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const ESSAY: &str = "fixtures/essays/open-vs-closed.md";
const AS_OF: &str = "2026-11-28";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn claimlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimlint").expect("binary");
    cmd.current_dir(dir);
    cmd
}

fn temp_dir(name: &str) -> common::Scratch {
    common::Scratch::new("claimlint-formats", name)
}

/// Run `claimlint check ARGS --as-of AS_OF` in `dir`: stdout and exit code.
fn run(dir: &Path, args: &[&str]) -> (String, i32) {
    let out = claimlint(dir)
        .arg("check")
        .args(args)
        .args(["--as-of", AS_OF])
        .output()
        .expect("run");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        out.status.code().unwrap_or(-1),
    )
}

fn json_of(s: &str) -> Value {
    serde_json::from_str(s).expect("JSON output")
}

fn schema_errors(schema_file: &str, doc: &Value) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/data").join(schema_file)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn sarif_errors(doc: &Value) -> Vec<String> {
    schema_errors("sarif-schema-2.1.0.json", doc)
}

// ---------------------------------------------------------------- SARIF

#[test]
fn sarif_of_the_essay_is_valid_and_complete() {
    let (out, code) = run(root(), &[ESSAY, "--format", "sarif"]);
    assert_eq!(code, 1, "an error was found, so exit 1 as for every format");
    let log = json_of(&out);
    let errors = sarif_errors(&log);
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");

    assert_eq!(log["version"], "2.1.0");
    assert!(
        log["$schema"]
            .as_str()
            .unwrap()
            .ends_with("sarif-schema-2.1.0.json")
    );
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let the_run = &runs[0];
    assert_eq!(the_run["columnKind"], "unicodeCodePoints");
    let driver = &the_run["tool"]["driver"];
    assert_eq!(driver["name"], "claimlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver.get("informationUri").is_none(),
        "no repository URL is known, so none is made up"
    );

    // Every rule of the registry, in order, with its docs and default level.
    let rules = driver["rules"].as_array().unwrap();
    let codes: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let registry: Vec<&str> = claimlint::rules::RULES.iter().map(|r| r.code()).collect();
    assert_eq!(codes, registry);
    for (r, rule) in rules.iter().zip(claimlint::rules::RULES) {
        assert_eq!(r["shortDescription"]["text"], rule.summary());
        assert!(!r["name"].as_str().unwrap().contains(' '));
        let full = r["fullDescription"]["text"].as_str().unwrap();
        assert!(!full.is_empty() && full.chars().count() <= 1024);
        assert!(rule.docs().contains(full.split(' ').next().unwrap()));
        assert!(
            r["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## Flagged")
        );
        assert!(r["help"]["text"].as_str().unwrap().contains("Not flagged"));
        let level = match rule.default_severity().as_str() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        assert_eq!(r["defaultConfiguration"]["level"], level, "{}", rule.code());
    }

    // One result per finding of the JSON report, at the same place.
    let (json_out, _) = run(root(), &[ESSAY, "--format", "json"]);
    let report = json_of(&json_out);
    let diags = report["diagnostics"].as_array().unwrap();
    let results = the_run["results"].as_array().unwrap();
    assert_eq!(results.len(), diags.len());
    let text = std::fs::read_to_string(root().join(ESSAY)).unwrap();
    let chars: Vec<char> = text.trim_start_matches('\u{feff}').chars().collect();
    for (res, d) in results.iter().zip(diags) {
        assert_eq!(res["ruleId"], d["code"]);
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], d["code"]);
        let level = match d["severity"].as_str().unwrap() {
            "info" => "note",
            s => s,
        };
        assert_eq!(res["level"], level);
        let msg = res["message"]["text"].as_str().unwrap();
        let first = d["message"].as_str().unwrap();
        assert!(msg.starts_with(first), "{msg}");
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], ESSAY);
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let reg = &loc["region"];
        let (start, end) = (&d["range"]["start"], &d["range"]["end"]);
        assert_eq!(reg["startLine"], start["line"]);
        assert_eq!(reg["startColumn"], start["column"]);
        assert_eq!(reg["endLine"], end["line"]);
        assert_eq!(reg["endColumn"], end["column"]);
        // The char and byte ranges are the same text.
        let b0 = reg["byteOffset"].as_u64().unwrap() as usize;
        let bl = reg["byteLength"].as_u64().unwrap() as usize;
        assert_eq!(b0 as u64, start["offset"].as_u64().unwrap());
        let c0 = reg["charOffset"].as_u64().unwrap() as usize;
        let cl = reg["charLength"].as_u64().unwrap() as usize;
        let by_chars: String = chars[c0..c0 + cl].iter().collect();
        assert_eq!(by_chars, text[b0..b0 + bl]);
        let fp = res["partialFingerprints"]["claimlint/v1"].as_str().unwrap();
        let hex = fp.split(':').next().unwrap();
        assert!(
            hex.len() == 16 && hex.chars().all(|c| c.is_ascii_hexdigit()),
            "{fp}"
        );
    }
    let mut prints: Vec<&str> = results
        .iter()
        .map(|r| r["partialFingerprints"]["claimlint/v1"].as_str().unwrap())
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), results.len(), "fingerprints are unique");

    // The Google/Meta attribution: its related place, linked from the message.
    let attribution = results
        .iter()
        .find(|r| r["ruleId"] == "attribution-mismatch")
        .expect("attribution-mismatch");
    let related = attribution["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["id"], 1);
    assert_eq!(related[0]["message"]["text"], "版本二: credits Meta here");
    let line = related[0]["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .unwrap();
    let msg = attribution["message"]["text"].as_str().unwrap();
    assert!(
        msg.contains(&format!("(see [版本二, line {line}](1))")),
        "{msg}"
    );
    assert!(
        msg.ends_with("credit the same one in every variant."),
        "{msg}"
    );
    let b = related[0]["physicalLocation"]["region"]["byteOffset"]
        .as_u64()
        .unwrap() as usize;
    assert!(text[b..].starts_with("Meta"));
}

#[test]
fn sarif_is_deterministic() {
    let a = run(root(), &[ESSAY, "--format", "sarif"]).0;
    let b = run(root(), &[ESSAY, "--format", "sarif"]).0;
    assert_eq!(a, b);
}

/// (ruleId, fingerprint, startLine) of every result.
fn prints(log: &Value) -> Vec<(String, String, u64)> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["partialFingerprints"]["claimlint/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
            )
        })
        .collect()
}

#[test]
fn sarif_fingerprints_survive_lines_inserted_above() {
    let dir = temp_dir("fingerprints");
    let essay = std::fs::read_to_string(root().join(ESSAY)).unwrap();
    std::fs::write(dir.join("essay.md"), &essay).unwrap();
    let before = prints(&json_of(&run(&dir, &["essay.md", "--format", "sarif"]).0));
    std::fs::write(dir.join("essay.md"), format!("<!-- draft -->\n\n\n{essay}")).unwrap();
    let after = prints(&json_of(&run(&dir, &["essay.md", "--format", "sarif"]).0));
    assert!(!before.is_empty());
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(a.0, b.0);
        assert_eq!(a.2, b.2 + 3, "every finding moved down three lines");
        assert_eq!(a.1, b.1, "and kept its fingerprint ({})", a.0);
    }
    // Changing the figure itself changes the fingerprint of what it is about.
    std::fs::write(
        dir.join("essay.md"),
        essay.replace("超10万社区模型", "超20万社区模型"),
    )
    .unwrap();
    let edited = prints(&json_of(&run(&dir, &["essay.md", "--format", "sarif"]).0));
    let first = |v: &[(String, String, u64)]| v.iter().find(|p| p.2 == 11).cloned();
    assert_ne!(first(&edited).unwrap().1, first(&before).unwrap().1);
}

#[test]
fn sarif_of_a_file_pair_points_into_both_files() {
    let dir = temp_dir("pair");
    common::write_readme_pair(&dir);
    // No path: the folder `.` is walked and its files come as `./README.md`; the URIs
    // are relative without the `./`, as GitHub's paths are.
    let (out, _) = run(&dir, &["--format", "sarif"]);
    let log = json_of(&out);
    let errors = sarif_errors(&log);
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    let dropped = results
        .iter()
        .find(|r| r["ruleId"] == "citation-dropped")
        .expect("citation-dropped");
    let uri = |l: &Value| l["physicalLocation"]["artifactLocation"]["uri"].clone();
    assert_eq!(uri(&dropped["locations"][0]), "README.zh-CN.md");
    let related = dropped["relatedLocations"].as_array().unwrap();
    assert!(related.iter().any(|l| uri(l) == "README.md"));
    let msg = dropped["message"]["text"].as_str().unwrap();
    assert!(msg.contains("[README.md, line 3](1)"), "{msg}");
    let artifacts: Vec<Value> = log["runs"][0]["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["location"]["uri"].clone())
        .collect();
    assert_eq!(artifacts, ["README.md", "README.zh-CN.md"]);
    let (out, _) = run(&dir, &["--format", "github"]);
    assert!(
        out.lines()
            .any(|l| l.starts_with("::warning file=README.zh-CN.md,line=3,")),
        "{out}"
    );

    // Absolute paths become file: URIs without a base.
    let (out, _) = run(root(), &[dir.to_str().unwrap(), "--format", "sarif"]);
    let log = json_of(&out);
    let errors = sarif_errors(&log);
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");
    let loc = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert!(
        loc["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("file:///")
    );
    assert!(loc["artifactLocation"].get("uriBaseId").is_none());
}

#[test]
fn sarif_regions_with_a_bom_and_crlf() {
    let dir = temp_dir("bom");
    let text = "\u{feff}## Version 1\r\n\r\nAcme revenue was $1.6 billion in 2023.\r\n\r\n## Version 2\r\n\r\nAcme revenue was $1.2 billion in 2023.\r\n";
    std::fs::write(dir.join("crlf.md"), text).unwrap();
    let log = json_of(&run(&dir, &["crlf.md", "--format", "sarif"]).0);
    assert!(sarif_errors(&log).is_empty());
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "value-mismatch")
        .expect("value-mismatch");
    let reg = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (reg["startLine"].as_u64(), reg["startColumn"].as_u64()),
        (Some(7), Some(18))
    );
    let at = |k: &str| reg[k].as_u64().unwrap() as usize;
    // Bytes count the BOM (it is in the file); characters do not (SARIF §3.30.2).
    assert_eq!(
        &text[at("byteOffset")..at("byteOffset") + at("byteLength")],
        "$1.2 billion"
    );
    let chars: Vec<char> = text.chars().skip(1).collect();
    let by_chars: String = chars[at("charOffset")..at("charOffset") + at("charLength")]
        .iter()
        .collect();
    assert_eq!(by_chars, "$1.2 billion");
}

#[test]
fn sarif_invalid_output_would_be_caught() {
    // The validation is real: a result without a message is rejected.
    let (out, _) = run(root(), &[ESSAY, "--format", "sarif"]);
    let mut log = json_of(&out);
    log["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    log["runs"][0]["columnKind"] = Value::from("bytes");
    assert_eq!(sarif_errors(&log).len(), 2);
}

// ---------------------------------------------------------------- rdjson

/// 1-based UTF-8 byte column of a byte offset on its line.
fn byte_column(text: &str, offset: usize) -> u64 {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    (offset - start + 1) as u64
}

#[test]
fn rdjson_columns_count_utf8_bytes() {
    let dir = temp_dir("rdjson");
    let text = "## 版本1\n\n据公司年报，星河云科技2023年收入为16亿美元。\n\n## 版本2\n\n据公司年报，星河云科技2023年收入为12亿美元。\n";
    std::fs::write(dir.join("收入.md"), text).unwrap();
    let (out, code) = run(&dir, &["收入.md", "--format", "rdjson"]);
    assert_eq!(code, 1);
    let result = json_of(&out);
    let errors = schema_errors("reviewdog-DiagnosticResult.json", &result);
    assert!(errors.is_empty(), "rdjson schema errors: {errors:#?}");
    assert_eq!(result["source"]["name"], "claimlint");
    let diag = result["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"]["value"] == "value-mismatch")
        .expect("value-mismatch");
    assert_eq!(diag["severity"], "ERROR");
    assert_eq!(diag["location"]["path"], "收入.md");
    let at = text.find("12亿美元").unwrap();
    let range = &diag["location"]["range"];
    assert_eq!(range["start"]["line"], 7);
    // 据公司年报，星河云科技2023年收入为: 19 characters before the figure, 49 bytes.
    assert_eq!(range["start"]["column"], 50);
    assert_eq!(range["start"]["column"], byte_column(text, at));
    assert_eq!(
        range["end"]["column"],
        byte_column(text, at + "12亿美元".len())
    );
    let (json_out, _) = run(&dir, &["收入.md", "--format", "json"]);
    let report = json_of(&json_out);
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "value-mismatch")
        .unwrap();
    assert_eq!(
        d["range"]["start"]["column"], 20,
        "the JSON report counts characters"
    );
    let related = diag["related_locations"].as_array().unwrap();
    assert_eq!(related[0]["location"]["range"]["start"]["line"], 3);
    assert_eq!(related[0]["location"]["range"]["start"]["column"], 50);
    assert!(
        related[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("版本1: ")
    );
    assert!(diag["message"].as_str().unwrap().contains("12亿美元"));
}

#[test]
fn rdjson_of_the_essay_matches_the_json_report() {
    let (out, code) = run(root(), &[ESSAY, "--format", "rdjson"]);
    assert_eq!(code, 1);
    let result = json_of(&out);
    let errors = schema_errors("reviewdog-DiagnosticResult.json", &result);
    assert!(errors.is_empty(), "rdjson schema errors: {errors:#?}");
    let report = json_of(&run(root(), &[ESSAY, "--format", "json"]).0);
    let text = std::fs::read_to_string(root().join(ESSAY)).unwrap();
    let diags = result["diagnostics"].as_array().unwrap();
    let report_diags = report["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), report_diags.len());
    let mut wider = 0;
    for (d, r) in diags.iter().zip(report_diags) {
        assert_eq!(d["code"]["value"], r["code"]);
        assert_eq!(
            d["severity"],
            r["severity"].as_str().unwrap().to_uppercase()
        );
        let start = r["range"]["start"]["offset"].as_u64().unwrap() as usize;
        let end = r["range"]["end"]["offset"].as_u64().unwrap() as usize;
        let range = &d["location"]["range"];
        assert_eq!(range["start"]["line"], r["range"]["start"]["line"]);
        assert_eq!(range["start"]["column"], byte_column(&text, start));
        assert_eq!(range["end"]["column"], byte_column(&text, end));
        if range["start"]["column"] != r["range"]["start"]["column"] {
            wider += 1;
        }
        assert_eq!(
            d["related_locations"].as_array().map_or(0, Vec::len),
            r["related"].as_array().unwrap().len()
        );
    }
    assert!(
        wider > 0,
        "Chinese text before a span makes byte columns differ"
    );
}

// ---------------------------------------------------------------- github

#[test]
fn github_annotations_keep_to_ten_per_type_most_severe_first() {
    let (out, code) = run(root(), &[ESSAY, "--format", "github"]);
    assert_eq!(code, 1);
    let report = json_of(&run(root(), &[ESSAY, "--format", "json"]).0);
    let s = &report["summary"];
    let count = |k: &str| s[k].as_u64().unwrap() as usize;
    let (errors, warnings, infos) = (count("errors"), count("warnings"), count("infos"));
    assert!(warnings > 10, "the essay has more than ten warnings");
    let lines: Vec<&str> = out.lines().collect();
    let kind = |l: &str| {
        ["::error ", "::warning ", "::notice "]
            .iter()
            .position(|p| l.starts_with(p))
    };
    let kinds: Vec<usize> = lines.iter().filter_map(|l| kind(l)).collect();
    let shown = [errors.min(10), warnings.min(10), infos.min(10)];
    assert_eq!(kinds.len(), shown.iter().sum::<usize>());
    for (k, n) in shown.iter().enumerate() {
        assert_eq!(kinds.iter().filter(|&&x| x == k).count(), *n);
    }
    assert!(
        kinds.windows(2).all(|w| w[0] <= w[1]),
        "errors, warnings, notices"
    );
    // Annotations first, then the rest as plain log lines, then the summary and the count.
    let first_plain = lines.iter().position(|l| kind(l).is_none()).unwrap();
    assert!(lines[first_plain..].iter().all(|l| !l.starts_with("::")));
    let total = errors + warnings + infos;
    let hidden = total - kinds.len();
    assert_eq!(lines.len(), kinds.len() + hidden + 2);
    assert_eq!(
        lines.last().unwrap(),
        &format!(
            "claimlint: {hidden} more findings are not shown as annotations (GitHub shows 10 per type); run `claimlint check` locally to see all"
        )
    );
    assert!(lines[lines.len() - 2].starts_with("claimlint: 1 file, 4 variants"));
    // The first warning annotation is the first warning of the report, in full.
    let first = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "warning")
        .unwrap();
    let (st, en) = (&first["range"]["start"], &first["range"]["end"]);
    let expect = format!(
        "::warning file={ESSAY},line={},col={},endLine={},endColumn={},title=claimlint {}::",
        st["line"],
        st["column"],
        en["line"],
        en["column"],
        first["code"].as_str().unwrap()
    );
    let line = lines.iter().find(|l| l.starts_with("::warning ")).unwrap();
    assert!(line.starts_with(&expect), "{line}\n{expect}");
    // Related places are named in the message; % is escaped.
    let error = lines.iter().find(|l| l.starts_with("::error ")).unwrap();
    assert!(
        error.contains("credits Google here, Meta in 版本二 (see 版本二 at line "),
        "{error}"
    );
    assert!(out.contains("+300%25 has no source"), "% is escaped as %25");
    assert!(!out.contains("+300% "));
}

#[test]
fn github_escapes_properties_and_keeps_exit_codes() {
    let dir = temp_dir("github");
    std::fs::write(
        dir.join("notes, v2.md"),
        "# Notes\n\nStudies show that teams ship faster on Fridays.\n",
    )
    .unwrap();
    let (out, code) = run(&dir, &["notes, v2.md", "--format", "github"]);
    assert_eq!(code, 0, "an info is below the default --fail-on");
    let line = out.lines().next().unwrap();
    assert!(
        line.starts_with("::notice file=notes%2C v2.md,line=3,col=1,"),
        "{line}"
    );
    assert!(line.contains(",title=claimlint vague-citation::"), "{line}");
    assert_eq!(out.lines().count(), 2, "one annotation and the summary");
}

// ---------------------------------------------------------------- all formats

#[test]
fn exit_codes_are_the_same_for_every_format() {
    let dir = temp_dir("exit");
    std::fs::write(
        dir.join("clean.md"),
        "# Notes\n\nBring the draft on Tuesday.\n",
    )
    .unwrap();
    let clean = json_of(&run(&dir, &["clean.md", "--format", "sarif"]).0);
    assert!(sarif_errors(&clean).is_empty());
    assert_eq!(clean["runs"][0]["results"], Value::Array(Vec::new()));
    let clean = json_of(&run(&dir, &["clean.md", "--format", "rdjson"]).0);
    assert!(schema_errors("reviewdog-DiagnosticResult.json", &clean).is_empty());
    assert_eq!(clean["diagnostics"], Value::Array(Vec::new()));
    for format in ["human", "json", "sarif", "rdjson", "github"] {
        assert_eq!(
            run(&dir, &["clean.md", "--format", format]).1,
            0,
            "{format}"
        );
        assert_eq!(run(root(), &[ESSAY, "--format", format]).1, 1, "{format}");
        let (out, code) = run(root(), &["no/such.md", ESSAY, "--format", format]);
        assert_eq!(code, 2, "{format}");
        assert!(
            !out.is_empty(),
            "{format}: the readable file is still reported"
        );
    }
    // An unreadable file is a failed invocation in SARIF, and still valid SARIF.
    let (out, _) = run(root(), &["no/such.md", ESSAY, "--format", "sarif"]);
    let log = json_of(&out);
    assert!(sarif_errors(&log).is_empty());
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let note = inv["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(note.contains("no/such.md"), "{note}");
}

#[test]
fn help_lists_the_formats() {
    let out = claimlint(root())
        .args(["check", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for f in ["human", "json", "sarif", "rdjson", "github"] {
        assert!(help.contains(f), "{f}: {help}");
    }
}
