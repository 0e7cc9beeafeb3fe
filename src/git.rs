//! Git plumbing for `--against` and `--changed-since`: find the repository, resolve a
//! revision to a commit, read files as they were at that commit, and list the files
//! changed since it.
//!
//! Git runs through [`std::process::Command`] with separate arguments, never a shell.
//! A user's revision is passed only after `--end-of-options` and is refused outright
//! when it starts with `-`; file names reach git only inside `<sha>:<path>` object
//! names (which start with hex digits) or on stdin, so neither can become an option.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::Error;

/// A git work tree: its top-level folder, canonical.
#[derive(Debug, Clone)]
pub struct Repo {
    pub root: PathBuf,
}

/// A revision the user named, resolved to a commit.
#[derive(Debug, Clone)]
pub struct Commit {
    /// As the user wrote it ("main", "HEAD~1"): reports show this.
    pub name: String,
    /// The full commit id.
    pub sha: String,
}

fn git_error(e: &std::io::Error) -> Error {
    Error::Git {
        message: format!("cannot run git: {e}"),
    }
}

/// Run git in `dir` with `args`; stdout on success, stderr's first line otherwise.
fn run(dir: &Path, args: &[&str]) -> Result<Result<Vec<u8>, String>, Error> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| git_error(&e))?;
    if out.status.success() {
        Ok(Ok(out.stdout))
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let line = err
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("git failed")
            .trim_start_matches("fatal: ")
            .to_string();
        Ok(Err(line))
    }
}

/// NUL-separated names, as `-z` prints them.
fn split_z(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|&b| b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect()
}

impl Repo {
    /// The repository that holds the current folder.
    pub fn discover() -> Result<Repo, Error> {
        let cwd = std::env::current_dir().map_err(|e| Error::Git {
            message: format!("cannot read the current folder: {e}"),
        })?;
        match run(&cwd, &["rev-parse", "--show-toplevel"])? {
            Ok(out) => {
                let top = String::from_utf8_lossy(&out)
                    .trim_end_matches('\n')
                    .to_string();
                let root = std::fs::canonicalize(&top).unwrap_or_else(|_| PathBuf::from(top));
                Ok(Repo { root })
            }
            Err(message) => Err(Error::NotARepo {
                dir: cwd.to_string_lossy().into_owned(),
                message,
            }),
        }
    }

    /// Resolve `rev` to a commit. A name starting with `-` is refused before git sees it.
    pub fn resolve(&self, rev: &str) -> Result<Commit, Error> {
        if rev.starts_with('-') {
            return Err(Error::Revision {
                rev: rev.to_string(),
                message: "a revision cannot start with '-'".to_string(),
            });
        }
        let spec = format!("{rev}^{{commit}}");
        let args = [
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ];
        match run(&self.root, &args)? {
            Ok(out) => {
                let sha = String::from_utf8_lossy(&out).trim().to_string();
                if sha.is_empty() || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(Error::Revision {
                        rev: rev.to_string(),
                        message: "git did not name a commit".to_string(),
                    });
                }
                Ok(Commit {
                    name: rev.to_string(),
                    sha,
                })
            }
            Err(message) => Err(Error::Revision {
                rev: rev.to_string(),
                message: if message == "git failed" {
                    "unknown revision or not a commit".to_string()
                } else {
                    message
                },
            }),
        }
    }

    /// A file's path inside the repository, with `/` separators; `None` when the file
    /// lies outside it or does not exist.
    pub fn relative(&self, file: &str) -> Option<String> {
        let abs = std::fs::canonicalize(file).ok()?;
        let rel = abs.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        (!parts.is_empty()).then(|| parts.join("/"))
    }

    /// The contents of `paths` (repository-relative) at `commit`, in order; `None` for a
    /// path that was not a file there. One `git cat-file --batch` reads them all.
    pub fn read_at(
        &self,
        commit: &Commit,
        paths: &[String],
    ) -> Result<Vec<Option<Vec<u8>>>, Error> {
        let mut out = vec![None; paths.len()];
        // The batch protocol is line-based: a name with a line break cannot be asked for
        // (git could not have stored it at that name portably either).
        let asked: Vec<usize> = (0..paths.len())
            .filter(|&i| !paths[i].contains(['\n', '\r']))
            .collect();
        if asked.is_empty() {
            return Ok(out);
        }
        let mut input = Vec::new();
        for &i in &asked {
            input.extend_from_slice(format!("{}:{}\n", commit.sha, paths[i]).as_bytes());
        }
        let mut child = Command::new("git")
            .args(["cat-file", "--batch"])
            .current_dir(&self.root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| git_error(&e))?;
        let mut stdin = child.stdin.take().ok_or_else(|| Error::Git {
            message: "cannot write to git cat-file".to_string(),
        })?;
        // Write from a thread: git answers while we ask, and a full pipe would block both.
        let writer = std::thread::spawn(move || stdin.write_all(&input));
        let mut bytes = Vec::new();
        if let Some(mut stdout) = child.stdout.take() {
            stdout.read_to_end(&mut bytes).map_err(|e| git_error(&e))?;
        }
        let _ = writer.join();
        let status = child.wait().map_err(|e| git_error(&e))?;
        if !status.success() {
            return Err(Error::Git {
                message: format!("git cat-file failed reading {}", commit.name),
            });
        }
        let mut rest = &bytes[..];
        for &i in &asked {
            let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
                break;
            };
            let header = String::from_utf8_lossy(&rest[..nl]).into_owned();
            rest = &rest[nl + 1..];
            // "<sha> <type> <size>" or "<name> missing" / "<name> ambiguous".
            let fields: Vec<&str> = header.split(' ').collect();
            let size = match fields.as_slice() {
                [_, kind, size] => size.parse::<usize>().ok().map(|s| (*kind, s)),
                _ => None,
            };
            let Some((kind, size)) = size else { continue };
            if rest.len() < size + 1 {
                break;
            }
            if kind == "blob" {
                out[i] = Some(rest[..size].to_vec());
            }
            rest = &rest[size + 1..];
        }
        Ok(out)
    }

    /// Files changed since `commit`, absolute: committed, staged and unstaged changes
    /// (`git diff REV`), plus untracked files that are not ignored.
    pub fn changed_since(&self, commit: &Commit) -> Result<HashSet<PathBuf>, Error> {
        let diff = [
            "diff",
            "--name-only",
            "-z",
            "--no-ext-diff",
            "--no-renames",
            commit.sha.as_str(),
            "--",
        ];
        let untracked = ["ls-files", "-o", "--exclude-standard", "-z", "--full-name"];
        let mut set = HashSet::new();
        for args in [&diff[..], &untracked[..]] {
            let out = run(&self.root, args)?.map_err(|message| Error::Git { message })?;
            set.extend(split_z(&out).into_iter().map(|p| self.root.join(p)));
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_separated_names_keep_spaces_and_dashes() {
        assert_eq!(
            split_z(b"a b.md\0-x.md\0\0"),
            vec!["a b.md".to_string(), "-x.md".to_string()]
        );
    }
}
