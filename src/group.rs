//! Inputs: paths become files (folders are walked for Markdown, honouring .gitignore),
//! and files that are language versions of one document — README.md beside
//! README.zh-CN.md, docs/en/guide.md beside docs/zh/guide.md — are grouped so that
//! they are checked as variants of one document.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::error::Error;

/// Language tags as they appear in file and folder names.
static LANG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:zh|zh[-_](?:cn|tw|hk|sg|hans|hant)|cn|chs|cht|en|en[-_](?:us|gb)|ja|jp|ko|kr|fr|de|es|pt|pt[-_]br|ru|it|vi|id|th|ar|tr|pl|nl|uk)$")
        .expect("language regex")
});

/// A stem ending in a language tag: README.zh-CN, guide_en, index-ja.
static STEM_LANG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<base>.+?)[._-](?P<lang>[A-Za-z]{2}(?:[-_][A-Za-z]{2,4})?)$")
        .expect("stem regex")
});

fn is_markdown(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "md" | "markdown" | "mdown" | "mkd"
        )
    })
}

/// A file to check, and whether it was found by walking a folder (rather than named).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: String,
    pub walked: bool,
}

/// Files named by `paths`, folders walked in sorted order. A path that does not exist
/// is passed on, so that reading it reports the error with its name. Symbolic links
/// inside a folder are not followed, so a link loop cannot trap the walk.
pub fn expand(paths: &[String]) -> (Vec<Input>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if !path.is_dir() {
            files.push(Input {
                path: p.clone(),
                walked: false,
            });
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
                            Some(path) => found.push(Input {
                                path: path.to_string(),
                                walked: true,
                            }),
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
}
