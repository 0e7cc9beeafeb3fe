//! Pieces shared by the integration tests: git settings for throw-away repositories,
//! a small README language pair, a document's findings read through the library, and
//! scratch folders that remove themselves. Each test crate uses some of them.
#![allow(dead_code)]

use std::path::Path;

/// `git -c …` settings for a throw-away repository: an identity to commit with, no
/// signing, and a fixed first branch, whatever the machine's configuration says.
pub const GIT_SETTINGS: [&str; 8] = [
    "-c",
    "user.name=claimlint test",
    "-c",
    "user.email=test@example.invalid",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "init.defaultBranch=main",
];

/// Write README.md and its Chinese translation README.zh-CN.md into `dir`: the same
/// throughput in both, and the 1.0 release moved from March to May 2023.
pub fn write_readme_pair(dir: &Path) {
    std::fs::write(
        dir.join("README.md"),
        "# Quill\n\nQuill handles 1.2 million reads per second on one core ([benchmarks](https://quill.dev/bench)).\n\nQuill 1.0 was released in March 2023.\n",
    )
    .expect("write README.md");
    std::fs::write(
        dir.join("README.zh-CN.md"),
        "# Quill\n\nQuill单核每秒可处理120万次读取。\n\nQuill 1.0于2023年5月发布。\n",
    )
    .expect("write README.zh-CN.md");
}

/// The codes and flagged texts of `text`'s findings, checked as of 2026-11-28.
pub fn findings(text: &str) -> Vec<(String, String)> {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    let opts = claimlint::Options::new(date);
    let src = claimlint::source::SourceFile::new("doc.md", text.to_string());
    let (_, found) = claimlint::check_source(&src, &opts).expect("check");
    found
        .iter()
        .map(|f| (f.code.to_string(), text[f.span.clone()].to_string()))
        .collect()
}

/// The flagged texts of `text`'s findings of one code.
pub fn flagged(text: &str, code: &str) -> Vec<String> {
    findings(text)
        .into_iter()
        .filter(|(c, _)| c == code)
        .map(|(_, t)| t)
        .collect()
}

/// A scratch folder under the system's temporary folder, named for the test and the
/// process, emptied when made and removed when dropped: the tests leave nothing behind.
pub struct Scratch(std::path::PathBuf);

impl Scratch {
    pub fn new(prefix: &str, name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("{prefix}-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = std::path::PathBuf;
    fn deref(&self) -> &std::path::PathBuf {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
