//! Pieces shared by the integration tests: git settings for throw-away repositories,
//! and a small README language pair. Each test crate uses some of them.
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
