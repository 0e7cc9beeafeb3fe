//! Project configuration: `claimlint.toml`, found by walking up from each checked file
//! to the repository root, and the rule packs it names.
//!
//! Hands on a [`Config`]: rule severities, `as_of`, variant detection (a heading regex,
//! or groups of files that are variants of one document), include and exclude globs, a
//! canonical variant, the tolerance for approximate figures, the lexicon extended by the
//! rule packs, and the packs' house rules. Every mistake is an [`Error::Config`] at its
//! span in the file that holds it.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::error::Error;
use crate::lexicon::{Lexicon, PackFile};
use crate::report::Severity;

pub const FILE_NAME: &str = "claimlint.toml";

/// What `claimlint init` writes.
pub const STARTER: &str = r#"# claimlint configuration. claimlint finds this file by walking up from each checked
# file to the repository root; `claimlint check --config PATH` picks one explicitly.
# Every key is optional: delete what you do not need.

# Forecasts for periods that ended before this date are stale (default: today).
# as_of = "2026-11-28"

# The variant the others must agree with. Findings then read "版本二 disagrees with the
# canonical 整合版"; without it, the majority of variants is the reference.
# canonical = "整合版"

# How far apart two figures may be when one is approximate (约, about, roughly), as a
# fraction of the larger: 0.05 lets "约30%" agree with 31.4%. By default an approximate
# figure agrees with any figure that rounds to it.
# tolerance = 0.05

# Which Markdown files a folder walk checks, as globs relative to this file.
# include = ["docs/**/*.md", "README*.md"]
# exclude = ["vendor/**", "CHANGELOG.md"]

# Folders of rule packs: TOML files named like the built-in data files
# (entities.toml, citations.toml, metrics.toml, qualifiers.toml, units.toml, …) extend
# them; any other .toml file holds house rules:
#   [[rule]]
#   code = "house/no-unsourced-market-share"
#   pattern = "市占率|market share"
#   message = "a market share without a source"
#   help = "cite the study the share comes from"
#   severity = "warning"
#   unless_cited = true
# rule_packs = ["claimlint-rules"]

# Severity per rule: "error", "warning", "info" or "off". `claimlint rules` lists them.
[rules]
# claim-coverage = "off"
# unit-mismatch = "error"

[variants]
# A regex for headings that start a variant (default: 整合版, 版本1, Version 2, Draft B …).
# heading = "^(?:Edition|Draft) [A-Z0-9]+"

# Files that are variants of one document, by glob (README.md and README.zh-CN.md are
# paired without configuration).
# [[variants.group]]
# name = "handbook"
# files = ["docs/handbook.md", "docs/handbook.*.md"]
"#;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    as_of: Option<Spanned<toml::Value>>,
    canonical: Option<String>,
    tolerance: Option<Spanned<f64>>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    rule_packs: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    variants: RawVariants,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariants {
    heading: Option<Spanned<String>>,
    #[serde(default)]
    group: Vec<RawGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    name: Option<String>,
    files: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    #[serde(default)]
    rule: Vec<RawHouseRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHouseRule {
    code: Spanned<String>,
    pattern: Spanned<String>,
    message: String,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    severity: Option<Spanned<String>>,
    #[serde(default)]
    unless_cited: bool,
}

/// A project's own pattern rule, from a rule pack.
#[derive(Debug, Clone)]
pub struct HouseRule {
    /// Namespaced, such as `house/no-unsourced-market-share`.
    pub code: &'static str,
    pub pattern: Regex,
    pub message: String,
    pub help: String,
    pub severity: Severity,
    /// Fire only where the sentence cites no source.
    pub unless_cited: bool,
}

/// Files that are variants of one document.
#[derive(Debug, Clone)]
pub struct FileGroup {
    pub name: String,
    pub set: GlobSet,
}

/// The settings that govern a checked file.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file these settings came from (None: the defaults).
    pub path: Option<String>,
    /// Globs are relative to this folder.
    pub root: PathBuf,
    /// `root` made absolute and normalised, once, for [`Config::relative`].
    root_abs: PathBuf,
    pub as_of: Option<NaiveDate>,
    pub canonical: Option<String>,
    pub tolerance: Option<f64>,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    /// Severity overrides; `None` turns a rule off.
    pub rules: BTreeMap<String, Option<Severity>>,
    pub variant_heading: Option<Regex>,
    pub groups: Vec<FileGroup>,
    /// The lexicon with the rule packs merged in (None: the built-in one).
    pub lexicon: Option<Arc<Lexicon>>,
    pub house: Vec<HouseRule>,
}

/// The closest of `candidates` to `word`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Turn a toml error into one at its span, adding "did you mean" to unknown keys.
fn toml_error(path: &str, text: &str, e: &toml::de::Error) -> Error {
    let msg = e.message();
    let mut help = None;
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let mut names = rest.split('`').step_by(2);
        if let Some(bad) = names.next() {
            let expected: Vec<&str> = names.collect();
            help = Some(match did_you_mean(bad, expected.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("known keys here: {}", expected.join(", ")),
            });
        }
    }
    Error::in_file(path, text, e.span(), msg, help)
}

fn at(path: &str, text: &str, span: Range<usize>, message: String, help: Option<String>) -> Error {
    Error::in_file(path, text, Some(span), &message, help)
}

fn severity(word: &str) -> Result<Option<Severity>, ()> {
    match word {
        "off" => Ok(None),
        "info" => Ok(Some(Severity::Info)),
        "warning" => Ok(Some(Severity::Warning)),
        "error" => Ok(Some(Severity::Error)),
        _ => Err(()),
    }
}

fn globs(path: &str, text: &str, patterns: &[Spanned<String>]) -> Result<Option<GlobSet>, Error> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let g = Glob::new(p.get_ref()).map_err(|e| {
            at(
                path,
                text,
                p.span(),
                format!("bad glob: {}", e.kind()),
                None,
            )
        })?;
        b.add(g);
    }
    b.build()
        .map(Some)
        .map_err(|e| Error::in_file(path, text, None, &e.to_string(), None))
}

impl Config {
    /// Read and validate a configuration file.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Error::Read {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Config::parse(&shown, &text, root)
    }

    /// Validate configuration text; `root` is the folder globs and packs are relative to.
    pub fn parse(path: &str, text: &str, root: PathBuf) -> Result<Config, Error> {
        let raw: Raw = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
        let mut cfg = Config {
            path: Some(path.to_string()),
            root_abs: normalize(&std::path::absolute(&root).unwrap_or_else(|_| root.clone())),
            root,
            canonical: raw.canonical,
            ..Config::default()
        };
        if let Some(v) = raw.as_of {
            let s = match v.get_ref() {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(d) => d.to_string(),
                _ => String::new(),
            };
            cfg.as_of = Some(NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
                at(
                    path,
                    text,
                    v.span(),
                    "`as_of` must be a date written YYYY-MM-DD".into(),
                    None,
                )
            })?);
        }
        if let Some(t) = raw.tolerance {
            let v = *t.get_ref();
            if !(0.0..1.0).contains(&v) {
                return Err(at(
                    path,
                    text,
                    t.span(),
                    format!("`tolerance` must be a fraction from 0 to below 1, not {v}"),
                    Some("0.05 lets figures 5% apart agree when one is approximate".into()),
                ));
            }
            cfg.tolerance = Some(v);
        }
        cfg.include = globs(path, text, &raw.include)?;
        cfg.exclude = globs(path, text, &raw.exclude)?;
        if let Some(h) = raw.variants.heading {
            cfg.variant_heading =
                Some(Regex::new(h.get_ref()).map_err(|e| regex_error(path, text, h.span(), &e))?);
        }
        for (i, g) in raw.variants.group.iter().enumerate() {
            let set = globs(path, text, &g.files)?.unwrap_or_else(GlobSet::empty);
            cfg.groups.push(FileGroup {
                name: g.name.clone().unwrap_or_else(|| format!("group {}", i + 1)),
                set,
            });
        }
        // Packs first: their codes may be configured in [rules].
        let mut pack_files = Vec::new();
        for p in &raw.rule_packs {
            let dir = cfg.root.join(p.get_ref());
            let entries = std::fs::read_dir(&dir).map_err(|e| {
                at(
                    path,
                    text,
                    p.span(),
                    format!("cannot read rule pack folder {}: {e}", dir.display()),
                    None,
                )
            })?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            pack_files.extend(files);
        }
        cfg.load_packs(&pack_files)?;
        for (code, sev) in &raw.rules {
            let known = crate::rules::RULES
                .iter()
                .any(|r| r.code() == code.get_ref())
                || cfg.house.iter().any(|h| h.code == code.get_ref());
            if !known {
                let codes = crate::rules::RULES
                    .iter()
                    .map(|r| r.code())
                    .chain(cfg.house.iter().map(|h| h.code));
                let help = did_you_mean(code.get_ref(), codes)
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "`claimlint rules` lists the codes".into());
                return Err(at(
                    path,
                    text,
                    code.span(),
                    format!("unknown rule `{}`", code.get_ref()),
                    Some(help),
                ));
            }
            let level = severity(sev.get_ref()).map_err(|()| {
                at(
                    path,
                    text,
                    sev.span(),
                    format!("unknown severity `{}`", sev.get_ref()),
                    Some("use \"error\", \"warning\", \"info\" or \"off\"".into()),
                )
            })?;
            cfg.rules.insert(code.get_ref().clone(), level);
        }
        Ok(cfg)
    }

    fn load_packs(&mut self, files: &[PathBuf]) -> Result<(), Error> {
        let lexicon_names: Vec<&str> = Lexicon::file_names().collect();
        let mut extends = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for f in files {
            let shown = f.display().to_string();
            let text = std::fs::read_to_string(f).map_err(|e| Error::Read {
                path: shown.clone(),
                message: e.to_string(),
            })?;
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if lexicon_names.contains(&name.as_str()) {
                extends.push(PackFile {
                    name,
                    path: shown,
                    text,
                });
                continue;
            }
            let raw: RawPack = toml::from_str(&text).map_err(|e| toml_error(&shown, &text, &e))?;
            for r in raw.rule {
                let code = r.code.get_ref();
                if !code.contains('/') || code.starts_with('/') || code.ends_with('/') {
                    return Err(at(
                        &shown,
                        &text,
                        r.code.span(),
                        format!("house rule code `{code}` needs a namespace"),
                        Some("write it as `house/what-it-finds`, so it never collides with a built-in code".into()),
                    ));
                }
                if let Some(first) = seen.get(code) {
                    return Err(at(
                        &shown,
                        &text,
                        r.code.span(),
                        format!("duplicate rule code `{code}` (first defined in {first})"),
                        Some("give each rule its own code".into()),
                    ));
                }
                seen.insert(code.clone(), shown.clone());
                let pattern = Regex::new(r.pattern.get_ref())
                    .map_err(|e| regex_error(&shown, &text, r.pattern.span(), &e))?;
                let severity = match &r.severity {
                    None => Severity::Warning,
                    Some(s) => match severity(s.get_ref()) {
                        Ok(Some(level)) => level,
                        _ => {
                            return Err(at(
                                &shown,
                                &text,
                                s.span(),
                                format!("unknown severity `{}`", s.get_ref()),
                                Some("use \"error\", \"warning\" or \"info\"".into()),
                            ));
                        }
                    },
                };
                self.house.push(HouseRule {
                    // Codes live as long as the process, like the built-in ones.
                    code: Box::leak(code.clone().into_boxed_str()),
                    pattern,
                    message: r.message,
                    help: r.help.unwrap_or_default(),
                    severity,
                    unless_cited: r.unless_cited,
                });
            }
        }
        if !extends.is_empty() {
            self.lexicon = Some(Arc::new(Lexicon::with_packs(&extends)?));
        }
        Ok(())
    }

    /// Whether a walked file is in scope: matches `include` (when set) and not `exclude`.
    pub fn selects(&self, file: &Path) -> bool {
        let rel = self.relative(file);
        self.include.as_ref().is_none_or(|s| s.is_match(&rel))
            && !self.exclude.as_ref().is_some_and(|s| s.is_match(&rel))
    }

    /// `file` relative to the configuration's folder, for glob matching.
    pub fn relative(&self, file: &Path) -> PathBuf {
        let f = normalize(&std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()));
        f.strip_prefix(&self.root_abs)
            .map(Path::to_path_buf)
            .unwrap_or(f)
    }

    /// The severity a rule runs at, or None when it is off.
    pub fn severity_of(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(code) {
            Some(level) => *level,
            None => Some(default),
        }
    }

    /// The configured group `file` belongs to, if any.
    pub fn group_of(&self, file: &Path) -> Option<&FileGroup> {
        let rel = self.relative(file);
        self.groups.iter().find(|g| g.set.is_match(&rel))
    }
}

/// Drop `.` and resolve `..` without touching the disk.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A regex error at a pattern's span: the message, and help for what to do.
fn regex_error(path: &str, text: &str, span: Range<usize>, e: &regex::Error) -> Error {
    let s = e.to_string();
    if s.contains("look-around") || s.contains("backreferences") {
        at(
            path,
            text,
            span,
            "look-around and backreferences are not supported".into(),
            Some(
                "claimlint's regex engine runs in linear time and lacks them: match more and \
                 use `unless_cited`, or split the pattern into two rules"
                    .into(),
            ),
        )
    } else {
        let last = s.lines().last().unwrap_or(&s).trim();
        let detail = last.strip_prefix("error: ").unwrap_or(last);
        at(path, text, span, format!("bad regex: {detail}"), None)
    }
}

/// Finds the configuration of each file: the nearest `claimlint.toml` walking up to the
/// repository root (the folder holding `.git`), loaded once per file found.
#[derive(Default)]
pub struct Resolver {
    explicit: Option<Result<Arc<Config>, Error>>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Result<Arc<Config>, Error>>,
    defaults: Arc<Config>,
}

impl Resolver {
    /// With `explicit`, every file uses that configuration (`--config PATH`).
    pub fn new(explicit: Option<&Path>) -> Resolver {
        Resolver {
            explicit: explicit.map(|p| Config::load(p).map(Arc::new)),
            ..Resolver::default()
        }
    }

    /// The configuration governing `file`.
    pub fn for_file(&mut self, file: &Path) -> Result<Arc<Config>, Error> {
        if let Some(e) = &self.explicit {
            return e.clone();
        }
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        let found = self.find(&dir);
        match found {
            None => Ok(self.defaults.clone()),
            Some(p) => self
                .loaded
                .entry(p.clone())
                .or_insert_with(|| Config::load(&shorten(&p)).map(Arc::new))
                .clone(),
        }
    }

    fn find(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(hit) = self.by_dir.get(dir) {
            return hit.clone();
        }
        let candidate = dir.join(FILE_NAME);
        let hit = if candidate.is_file() {
            Some(candidate)
        } else if dir.join(".git").exists() {
            None
        } else {
            dir.parent().and_then(|p| self.find(p))
        };
        self.by_dir.insert(dir.to_path_buf(), hit.clone());
        hit
    }
}

/// Show a found configuration relative to the working folder when it is inside it.
fn shorten(p: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Error> {
        Config::parse("claimlint.toml", text, PathBuf::from("."))
    }

    fn message(e: Error) -> (String, Option<String>) {
        match e {
            Error::Config(c) => (c.message, c.help),
            other => (other.to_string(), None),
        }
    }

    #[test]
    fn the_starter_file_is_valid_and_sets_nothing() {
        let c = parse(STARTER).expect("starter parses");
        assert!(c.rules.is_empty() && c.as_of.is_none() && c.canonical.is_none());
    }

    #[test]
    fn settings_are_read() {
        let c = parse(
            "as_of = 2025-01-01\ncanonical = \"整合版\"\ntolerance = 0.05\nexclude = [\"vendor/**\"]\n[rules]\nclaim-coverage = \"off\"\nunit-mismatch = \"error\"\n[variants]\nheading = \"^Edition \"\n[[variants.group]]\nfiles = [\"a.md\", \"a.*.md\"]\n",
        )
        .expect("parses");
        assert_eq!(c.as_of, NaiveDate::from_ymd_opt(2025, 1, 1));
        assert_eq!(c.canonical.as_deref(), Some("整合版"));
        assert_eq!(c.severity_of("claim-coverage", Severity::Info), None);
        assert_eq!(
            c.severity_of("unit-mismatch", Severity::Warning),
            Some(Severity::Error)
        );
        assert!(!c.selects(Path::new("vendor/x.md")));
        assert!(c.selects(Path::new("docs/x.md")));
        assert_eq!(
            c.group_of(Path::new("a.de.md")).map(|g| g.name.as_str()),
            Some("group 1")
        );
        assert!(c.variant_heading.is_some());
    }

    #[test]
    fn unknown_keys_and_codes_suggest_the_near_one() {
        let (m, h) = message(parse("[rulez]\n").unwrap_err());
        assert!(m.contains("rulez"), "{m}");
        assert_eq!(h.as_deref(), Some("did you mean `rules`?"));
        let (m, h) = message(parse("[rules]\nvalue-mismach = \"off\"\n").unwrap_err());
        assert!(m.contains("unknown rule"), "{m}");
        assert_eq!(h.as_deref(), Some("did you mean `value-mismatch`?"));
        let (m, _) = message(parse("[rules]\nvalue-mismatch = \"loud\"\n").unwrap_err());
        assert!(m.contains("unknown severity"), "{m}");
    }

    #[test]
    fn bad_values_are_errors_at_their_span() {
        for bad in [
            "as_of = \"yesterday\"\n",
            "tolerance = 2.0\n",
            "[variants]\nheading = \"(\"\n",
            "include = [\"a/[\"]\n",
        ] {
            match parse(bad) {
                Err(Error::Config(c)) if c.span.is_some() => {
                    assert!(
                        c.span.is_some_and(|s| s.offset() > 0),
                        "{bad}: span at the value"
                    );
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn look_around_is_refused_with_a_reason() {
        let (m, _) = message(parse("[variants]\nheading = \"(?=x)\"\n").unwrap_err());
        assert!(m.contains("look-around"), "{m}");
    }
}
