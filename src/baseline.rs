//! Baselines: findings a team has already judged, recorded so that only new ones are
//! reported. Entries are matched on code, file and the finding's content fingerprint
//! (see [`crate::report::fingerprint`]), never on line numbers, so a baseline survives
//! edits that move lines.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Outcome;
use crate::error::Error;
use crate::report::Finding;
use crate::report::fingerprint::{fingerprints_with, outcome_fingerprints};

pub const SCHEMA: &str = "claimlint/baseline/v1";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    schema: String,
    findings: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    code: String,
    file: String,
    fingerprint: String,
    /// For the people reading the file; not matched.
    message: String,
}

/// Recorded findings, as a multiset of (code, file, fingerprint).
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    entries: BTreeMap<(String, String, String), usize>,
}

impl Baseline {
    /// Read a baseline written by `--write-baseline`.
    pub fn load(path: &str) -> Result<Baseline, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Read {
            path: path.to_string(),
            message: e.to_string(),
        })?;
        Baseline::parse(path, &text)
    }

    pub fn parse(path: &str, text: &str) -> Result<Baseline, Error> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| Error::Baseline {
            path: path.to_string(),
            message: format!("not a claimlint baseline: {e}"),
        })?;
        if file.schema != SCHEMA {
            return Err(Error::Baseline {
                path: path.to_string(),
                message: format!(
                    "unknown baseline schema {:?}, expected {SCHEMA:?}",
                    file.schema
                ),
            });
        }
        let mut entries = BTreeMap::new();
        for e in file.findings {
            *entries.entry((e.code, e.file, e.fingerprint)).or_insert(0) += 1;
        }
        Ok(Baseline { entries })
    }

    /// The findings the baseline does not hold. Each entry absorbs one finding. Texts
    /// come from `outcome` (its files, and their old revisions under `--against`).
    pub fn filter(&self, findings: Vec<Finding>, outcome: &Outcome) -> Vec<Finding> {
        let fps = fingerprints_with(&findings, |file, variant| outcome.source_for(file, variant));
        let mut left = self.entries.clone();
        findings
            .into_iter()
            .zip(fps)
            .filter(|(f, fp)| {
                let key = (f.code.to_string(), f.file.to_string(), fp.clone());
                match left.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .map(|(f, _)| f)
            .collect()
    }
}

/// The baseline file recording the outcome's findings, in report order.
pub fn render(outcome: &Outcome) -> String {
    let findings = &outcome.findings;
    let fps = outcome_fingerprints(outcome);
    let file = BaselineFile {
        schema: SCHEMA.to_string(),
        findings: findings
            .iter()
            .zip(fps)
            .map(|(f, fingerprint)| Entry {
                code: f.code.to_string(),
                file: f.file.to_string(),
                fingerprint,
                message: f.message.clone(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}
