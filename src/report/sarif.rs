//! Report stage: SARIF 2.1.0 (`--format sarif`) for GitHub code scanning and other SARIF
//! viewers. One run; every rule of [`RULES`] as a `reportingDescriptor`; one result per
//! finding with its region, its related places and a content fingerprint.
//!
//! It keeps to the properties GitHub documents as supported ("SARIF support for code
//! scanning"): rule `id`/`name`/`shortDescription`/`fullDescription`/`help`/
//! `defaultConfiguration.level`; result `ruleId`/`ruleIndex`/`level`/`message.text`/
//! `locations`/`relatedLocations`/`partialFingerprints`. GitHub links related places
//! only when the message embeds them (`[text](id)`), so the message does.
//!
//! Columns count Unicode scalar values, as in the JSON report, so the run says
//! `columnKind: unicodeCodePoints`; `charOffset`/`charLength` count the same unit (without
//! a BOM, §3.30.2) and `byteOffset`/`byteLength` give the same bytes.

use std::collections::BTreeMap;

use serde::Serialize;

use super::fingerprint::outcome_fingerprints;
use super::text::{message_and_help, place, span, without_dot_slash};
use super::{Finding, Severity};
use crate::Outcome;
use crate::rules::{RULES, Rule};
use crate::source::SourceFile;

/// The OASIS schema of SARIF 2.1.0 with errata 01, the file tests/data holds.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The `partialFingerprints` key: claimlint's own content fingerprint, version 1. GitHub's
/// upload action adds its `primaryLocationLineHash` beside it.
pub const FINGERPRINT_KEY: &str = "claimlint/v1";

/// Relative paths are relative to the checkout root, which GitHub calls `%SRCROOT%`.
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    default_encoding: &'static str,
    artifacts: Vec<Artifact>,
    results: Vec<ResultOut<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    location: ArtifactLocation,
    length: usize,
    roles: [&'static str; 1],
    mime_type: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultOut<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    char_offset: usize,
    char_length: usize,
    byte_offset: usize,
    byte_length: usize,
}

pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `value-mismatch` -> `ValueMismatch`: SARIF wants a name without spaces.
fn rule_name(code: &str) -> String {
    code.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The rule docs are Markdown with `## Heading` sections; plain text drops the marks.
fn docs_text(docs: &str) -> String {
    docs.lines()
        .map(|l| l.strip_prefix("## ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The example lines under "Flagged" and "Not flagged" are one example each: as
/// Markdown they become list items instead of running into one paragraph.
fn docs_markdown(docs: &str) -> String {
    let mut out = Vec::new();
    let mut examples = false;
    for l in docs.lines() {
        if let Some(h) = l.strip_prefix("## ") {
            examples = h == "Flagged" || h == "Not flagged";
            out.push(l.to_string());
        } else if examples && !l.trim().is_empty() {
            // An example that is itself a heading stays text inside the item.
            let escape = if l.starts_with('#') { "\\" } else { "" };
            out.push(format!("- {escape}{l}"));
        } else {
            out.push(l.to_string());
        }
    }
    out.join("\n")
}

/// The "What it does" paragraph, which GitHub shows above an alert (at most 1024
/// characters).
fn full_description(r: &dyn Rule) -> String {
    let docs = r.docs();
    let what = docs
        .split("## ")
        .find_map(|s| s.strip_prefix("What it does"))
        .map(|s| s.trim().split('\n').collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| r.summary().to_string());
    what.chars().take(1024).collect()
}

fn descriptor(r: &dyn Rule) -> Descriptor {
    Descriptor {
        id: r.code(),
        name: rule_name(r.code()),
        short_description: Text {
            text: r.summary().to_string(),
        },
        full_description: Text {
            text: full_description(r),
        },
        help: Help {
            text: docs_text(r.docs()),
            markdown: docs_markdown(r.docs()),
        },
        default_configuration: Configuration {
            level: level(r.default_severity()),
        },
    }
}

/// A code outside the built-in rules (a house rule, a suppression note): described by
/// its first finding, so every result has a rule to point at.
fn extra_descriptor(f: &Finding) -> Descriptor {
    let what = if f.code.contains('/') {
        "A house rule from the project's rule pack."
    } else {
        "A note about a claimlint suppression comment."
    };
    Descriptor {
        id: f.code,
        name: rule_name(f.code),
        short_description: Text { text: what.into() },
        full_description: Text { text: what.into() },
        help: Help {
            text: f.help.to_string(),
            markdown: f.help.to_string(),
        },
        default_configuration: Configuration {
            level: level(f.severity),
        },
    }
}

/// Percent-encode a path for a URI, keeping `/` and the unreserved characters (and `:`
/// where it cannot be read as a scheme).
fn encode(path: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (keep_colon && b == b':');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The path as the user gave it: relative stays relative (to `%SRCROOT%`, without a
/// leading `./`), absolute becomes a `file:` URI. Backslashes are path separators.
pub fn artifact_location(path: &str) -> (String, Option<&'static str>) {
    let p = without_dot_slash(path).replace('\\', "/");
    let bytes = p.as_bytes();
    let drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    if drive {
        (format!("file:///{}", encode(&p, true)), None)
    } else if p.starts_with('/') {
        (format!("file://{}", encode(&p, true)), None)
    } else {
        (encode(&p, false), Some(SRCROOT))
    }
}

fn location_of(file: &str) -> ArtifactLocation {
    let (uri, uri_base_id) = artifact_location(file);
    ArtifactLocation { uri, uri_base_id }
}

fn region(src: &SourceFile, range: &std::ops::Range<usize>) -> Region {
    let (start, end) = span(src, range);
    let char_offset = src.lines.char_offset(&src.text, start.offset);
    let char_end = src.lines.char_offset(&src.text, end.offset);
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        char_offset,
        char_length: char_end - char_offset,
        byte_offset: start.offset,
        byte_length: end.offset - start.offset,
    }
}

/// `src` is the text the range counts in: the file, or its old revision (`--against`).
fn physical(
    src: Option<&SourceFile>,
    file: &str,
    range: &std::ops::Range<usize>,
) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: location_of(file),
        region: src.map(|s| region(s, range)),
    }
}

/// Square brackets and backslashes in an embedded link's text are escaped (§3.11.6).
fn link_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn result<'a>(
    outcome: &Outcome,
    codes: &[&str],
    f: &'a Finding,
    fingerprint: String,
) -> ResultOut<'a> {
    let mut related = Vec::with_capacity(f.related.len());
    let mut links: Vec<(String, usize)> = Vec::new();
    for (i, r) in f.related.iter().enumerate() {
        let id = i + 1;
        let src = outcome.source_for(&r.file, r.variant.as_deref());
        let physical_location = physical(src, &r.file, &r.span);
        let label = match &physical_location.region {
            Some(reg) => format!("{}, line {}", place(f, r), reg.start_line),
            None => place(f, r),
        };
        if !links.iter().any(|(l, _)| *l == label) {
            links.push((label, id));
        }
        let text = match &r.variant {
            Some(v) => format!("{v}: {}", r.message),
            None => r.message.clone(),
        };
        related.push(Location {
            id: Some(id),
            physical_location,
            message: Some(Text { text }),
        });
    }
    let mut text = message_and_help(f);
    if !links.is_empty() {
        let see = links
            .iter()
            .map(|(label, id)| format!("[{}]({id})", link_text(label)))
            .collect::<Vec<_>>()
            .join(", ");
        // "… here, 16亿 in 版本二 (see [版本二, line 218](1)). Make the figures agree."
        let message = f.message.trim_end_matches('.');
        text = format!("{message} (see {see}){}", &text[message.len()..]);
    }
    ResultOut {
        rule_id: f.code,
        rule_index: codes.iter().position(|&c| c == f.code),
        level: level(f.severity),
        message: Text { text },
        locations: vec![Location {
            id: None,
            physical_location: physical(outcome.source_for(&f.file, None), &f.file, &f.span),
            message: None,
        }],
        related_locations: related,
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
    }
}

/// The whole log as one JSON object, pretty-printed, ending in a newline.
pub fn render(outcome: &Outcome) -> String {
    let prints = outcome_fingerprints(outcome);
    let mut descriptors: Vec<Descriptor> = RULES.iter().map(|r| descriptor(*r)).collect();
    let mut codes: Vec<&str> = RULES.iter().map(|r| r.code()).collect();
    let mut extra: Vec<&Finding> = Vec::new();
    for f in &outcome.findings {
        if !codes.contains(&f.code) && !extra.iter().any(|e| e.code == f.code) {
            extra.push(f);
        }
    }
    extra.sort_by_key(|f| f.code);
    for f in extra {
        codes.push(f.code);
        descriptors.push(extra_descriptor(f));
    }
    let results = outcome
        .findings
        .iter()
        .zip(prints)
        .map(|(f, p)| result(outcome, &codes, f, p))
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "claimlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: descriptors,
                },
            },
            invocations: vec![Invocation {
                execution_successful: outcome.errors.is_empty(),
                tool_execution_notifications: outcome
                    .errors
                    .iter()
                    .map(|e| Notification {
                        level: "error",
                        message: Text {
                            text: e.to_string(),
                        },
                    })
                    .collect(),
            }],
            column_kind: "unicodeCodePoints",
            default_encoding: "utf-8",
            artifacts: outcome
                .sources
                .iter()
                .map(|s| Artifact {
                    location: location_of(&s.path),
                    length: s.text.len(),
                    roles: ["analysisTarget"],
                    mime_type: "text/markdown",
                })
                .collect(),
            results,
        }],
    };
    let mut s =
        serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uris() {
        let cases = [
            ("docs/a.md", "docs/a.md", Some(SRCROOT)),
            ("./README.md", "README.md", Some(SRCROOT)),
            ("../up.md", "../up.md", Some(SRCROOT)),
            (
                "文档/说明 1.md",
                "%E6%96%87%E6%A1%A3/%E8%AF%B4%E6%98%8E%201.md",
                Some(SRCROOT),
            ),
            ("a:b.md", "a%3Ab.md", Some(SRCROOT)),
            ("/tmp/x y.md", "file:///tmp/x%20y.md", None),
            (r"C:\docs\a.md", "file:///C:/docs/a.md", None),
            (r"docs\a.md", "docs/a.md", Some(SRCROOT)),
        ];
        for (path, uri, base) in cases {
            assert_eq!(artifact_location(path), (uri.to_string(), base), "{path}");
        }
    }

    #[test]
    fn rule_names_and_levels() {
        assert_eq!(rule_name("value-mismatch"), "ValueMismatch");
        assert_eq!(level(Severity::Info), "note");
        for r in RULES {
            let d = descriptor(*r);
            assert!(!d.full_description.text.is_empty());
            assert!(d.full_description.text.chars().count() <= 1024);
            assert!(
                !d.help.text.lines().any(|l| l.starts_with("## ")),
                "{}",
                d.id
            );
            assert!(d.help.text.contains("What it does\n"), "{}", d.id);
            assert!(d.help.markdown.contains("## Flagged\n- "), "{}", d.id);
        }
    }

    #[test]
    fn link_text_escapes_brackets() {
        assert_eq!(link_text(r"a[0]\b"), r"a\[0\]\\b");
    }
}
