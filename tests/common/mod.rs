//! Pieces shared by the integration tests that drive real git repositories.

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
