//! Inputs: paths become files (folders are walked for Markdown, honouring .gitignore),
//! and files that are language versions of one document — README.md beside
//! README.zh-CN.md, docs/en/guide.md beside docs/zh/guide.md — are grouped so that
//! they are checked as variants of one document.

use crate::error::Error;
use crate::gate::{Gate, Gated};
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Language tags as they appear in file and folder names.
static LANG: Gated = Gated::new(
    r"(?i)^(?:zh|zh[-_](?:cn|tw|hk|sg|hans|hant)|cn|chs|cht|en|en[-_](?:us|gb)|ja|jp|ko|kr|fr|de|es|pt|pt[-_]br|ru|it|vi|id|th|ar|tr|pl|nl|uk)$",
    // A tag is two or three letters, or five to seven characters with a `-` or `_` (a
    // letter folded by `(?i)` is still one character).
    Gate::Custom(|t| {
        let n = t.chars().count();
        (2..=3).contains(&n) || ((5..=7).contains(&n) && t.contains(['-', '_']))
    }),
);

/// A stem ending in a language tag: README.zh-CN, guide_en, index-ja.
static STEM_LANG: Gated = Gated::new(
    r"^(?P<base>.+?)[._-](?P<lang>[A-Za-z]{2}(?:[-_][A-Za-z]{2,4})?)$",
    Gate::Custom(ends_in_a_tag),
);

/// The gate of [`STEM_LANG`]: a match ends with `[._-]` and two letters, or with `[-_]`
/// and two to four letters, so the run of ASCII letters ending the stem is two to four
/// long and follows one of `._-`.
fn ends_in_a_tag(t: &str) -> bool {
    let letters = t.bytes().rev().take_while(u8::is_ascii_alphabetic).count();
    (2..=4).contains(&letters)
        && t.len() > letters
        && b"._-".contains(&t.as_bytes()[t.len() - letters - 1])
}

pub(crate) fn is_markdown(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "md" | "markdown" | "mdown" | "mkd"
        )
    })
}

/// Files named by `paths`, folders walked in sorted order, and each named file's
/// language siblings: `README.md` alone also brings `README.zh-CN.md` (see
/// [`complete`]). A path that does not exist is passed on, so that reading it reports
/// the error with its name.
pub fn expand(paths: &[String]) -> (Vec<String>, Vec<Error>) {
    let (files, errors) = walk(paths);
    (complete(&files), errors)
}

/// Files named by `paths`, folders walked in sorted order (every Markdown file,
/// honouring .gitignore). Named files are passed on as they are.
pub fn walk(paths: &[String]) -> (Vec<String>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if !path.is_dir() {
            files.push(p.clone());
            continue;
        }
        let mut found = Vec::new();
        let walker = ignore::WalkBuilder::new(path)
            .hidden(true)
            .git_ignore(true)
            .require_git(false)
            .follow_links(false)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    if e.file_type().is_some_and(|t| t.is_file()) && is_markdown(e.path()) {
                        // Paths are reported and re-opened as text: a name that is not
                        // UTF-8 could be shown but not opened again.
                        match e.path().to_str() {
                            Some(path) => found.push(path.to_string()),
                            None => errors.push(Error::Read {
                                path: e.path().to_string_lossy().into_owned(),
                                message: "the file name is not valid UTF-8".to_string(),
                            }),
                        }
                    }
                }
                Err(e) => errors.push(Error::Read {
                    path: p.clone(),
                    message: e.to_string(),
                }),
            }
        }
        files.extend(found);
    }
    (files, errors)
}

/// Complete variant groups from disk: after each file come the other language versions
/// of its document (README.md → README.zh-CN.md; docs/en/guide.md → docs/zh/guide.md),
/// so that a pre-commit hook that passes only the staged README.md still compares it
/// with its translation. Each path appears once, first mention first.
pub fn complete(files: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(files.len());
    let mut dirs = Dirs::default();
    for f in files {
        if seen.insert(f.clone()) {
            out.push(f.clone());
        }
        for s in siblings(f, &mut dirs) {
            if seen.insert(s.clone()) {
                out.push(s);
            }
        }
    }
    out
}

/// Folder listings read once per run, so completing a thousand files in one folder
/// stays linear.
#[derive(Default)]
struct Dirs {
    /// Folder (as written) → Markdown files in it, by document key.
    files: HashMap<PathBuf, HashMap<String, Vec<String>>>,
    /// Folder (as written) → its sub-folders named like a language.
    langs: HashMap<PathBuf, Vec<std::ffi::OsString>>,
}

impl Dirs {
    /// Markdown files beside `path` (named with its folder prefix), by document key.
    fn files_beside(&mut self, path: &Path) -> &HashMap<String, Vec<String>> {
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        self.files.entry(dir.clone()).or_insert_with(|| {
            let mut by_key: HashMap<String, Vec<String>> = HashMap::new();
            let listed = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                &dir
            };
            for e in std::fs::read_dir(listed).into_iter().flatten().flatten() {
                let name = e.file_name();
                let p = dir.join(&name);
                if name.to_string_lossy().starts_with('.')
                    || !is_markdown(&p)
                    || !e.file_type().is_ok_and(|t| t.is_file())
                {
                    continue;
                }
                let p = p.to_string_lossy().into_owned();
                by_key.entry(document_key(&p).0).or_default().push(p);
            }
            by_key
        })
    }

    fn lang_dirs(&mut self, grand: &Path) -> &[std::ffi::OsString] {
        self.langs.entry(grand.to_path_buf()).or_insert_with(|| {
            let listed = if grand.as_os_str().is_empty() {
                Path::new(".")
            } else {
                grand
            };
            std::fs::read_dir(listed)
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.file_name())
                .filter(|n| n.to_str().is_some_and(|n| LANG.is_match(n)))
                .collect()
        })
    }
}

/// Markdown files on disk that [`groups`] would put in one group with `file`, sorted,
/// without `file` itself. Empty unless the group would name a language.
fn siblings(file: &str, dirs: &mut Dirs) -> Vec<String> {
    let path = Path::new(file);
    if !is_markdown(path) || !path.is_file() {
        return Vec::new();
    }
    let (key, lang) = document_key(file);
    let Some(name) = path.file_name() else {
        return Vec::new();
    };
    // Same folder: README.md, README.zh-CN.md.
    let mut out: Vec<String> = dirs
        .files_beside(path)
        .get(&key)
        .cloned()
        .unwrap_or_default();
    // Language folders beside this one: docs/en/guide.md, docs/zh/guide.md.
    if let Some(parent) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let grand = parent.parent().unwrap_or(Path::new(""));
        for lang_dir in dirs.lang_dirs(grand).to_vec() {
            let candidate = grand.join(&lang_dir).join(name);
            if candidate.is_file() {
                let c = candidate.to_string_lossy().into_owned();
                if document_key(&c).0 == key {
                    out.push(c);
                }
            }
        }
    }
    out.retain(|c| c != file);
    out.sort();
    out.dedup();
    // A group needs at least one language-tagged member (notes.md is no group).
    if lang.is_none() && out.iter().all(|c| document_key(c).1.is_none()) {
        out.clear();
    }
    out
}

/// The document a file belongs to, and its language if its name gives one.
fn document_key(path: &str) -> (String, Option<String>) {
    let p = Path::new(path);
    let dir = p
        .parent()
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = p
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if let Some(c) = STEM_LANG.captures(stem) {
        if let (Some(base), Some(lang)) = (c.name("base"), c.name("lang")) {
            if LANG.is_match(lang.as_str()) {
                return (
                    format!("{dir}/{}.{ext}", base.as_str()),
                    Some(lang.as_str().to_string()),
                );
            }
        }
    }
    // docs/en/guide.md and docs/zh/guide.md.
    if let Some(parent) = p.parent() {
        let last = parent.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if LANG.is_match(last) {
            let grand = parent
                .parent()
                .map(|g| g.to_string_lossy().into_owned())
                .unwrap_or_default();
            return (format!("{grand}/*/{stem}.{ext}"), Some(last.to_string()));
        }
    }
    (format!("{dir}/{stem}.{ext}"), None)
}

/// The variant name of a file in a group: its language tag, or its file name.
pub fn variant_name(path: &str) -> String {
    match document_key(path).1 {
        Some(lang) => lang,
        None => Path::new(path)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(path)
            .to_string(),
    }
}

/// Group file indices by document. A group has several members only when at least
/// one of them names a language; groups keep the order of their first member.
pub fn groups(paths: &[String]) -> Vec<Vec<usize>> {
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let (key, _) = document_key(p);
        if !by_key.contains_key(&key) {
            order.push(key.clone());
        }
        by_key.entry(key).or_default().push(i);
    }
    let mut out = Vec::new();
    for key in order {
        let Some(members) = by_key.remove(&key) else {
            continue;
        };
        let with_lang = members
            .iter()
            .filter(|&&i| document_key(&paths[i]).1.is_some())
            .count();
        if members.len() > 1 && with_lang > 0 {
            // The file without a language tag (the original) first.
            let mut m = members;
            m.sort_by_key(|&i| (document_key(&paths[i]).1.is_some(), paths[i].clone()));
            out.push(m);
        } else {
            out.extend(members.into_iter().map(|i| vec![i]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_gate_admits_the_matches_of_its_pattern() {
        crate::gate::assert_sound(&super::LANG);
        crate::gate::assert_sound(&super::STEM_LANG);
    }

    use super::*;

    #[test]
    fn language_versions_group_together() {
        let paths: Vec<String> = [
            "README.md",
            "README.zh-CN.md",
            "CHANGELOG.md",
            "docs/en/guide.md",
            "docs/zh/guide.md",
            "notes_zh.md",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let g = groups(&paths);
        assert_eq!(g, vec![vec![0, 1], vec![2], vec![3, 4], vec![5]]);
        assert_eq!(variant_name("README.zh-CN.md"), "zh-CN");
        assert_eq!(variant_name("README.md"), "README.md");
        assert_eq!(variant_name("docs/zh/guide.md"), "zh");
    }

    #[test]
    fn words_that_look_like_tags_do_not_group() {
        let paths: Vec<String> = ["notes.md", "notes-final.md"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(groups(&paths), vec![vec![0], vec![1]]);
    }

    #[test]
    fn a_named_file_brings_its_language_versions() {
        let dir = std::env::temp_dir().join(format!("claimlint-group-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for f in [
            "README.md",
            "README.zh-CN.md",
            "notes.md",
            "notes-final.md",
            "docs/en/guide.md",
            "docs/zh/guide.md",
            "docs/zh/other.md",
        ] {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "# x\n").unwrap();
        }
        let at = |f: &str| dir.join(f).to_string_lossy().into_owned();
        let given = vec![at("README.md"), at("notes.md"), at("docs/en/guide.md")];
        assert_eq!(
            complete(&given),
            vec![
                at("README.md"),
                at("README.zh-CN.md"),
                at("notes.md"),
                at("docs/en/guide.md"),
                at("docs/zh/guide.md"),
            ]
        );
        // The translation alone brings the original; nothing appears twice.
        let given = vec![at("README.zh-CN.md"), at("README.md")];
        assert_eq!(
            complete(&given),
            vec![at("README.zh-CN.md"), at("README.md")]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
