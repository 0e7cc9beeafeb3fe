//! Extraction helper: a regex's named groups looked up without hashing.
//!
//! `regex::Captures::name` finds a group's index in a SipHash map on every call; the date
//! and worded-figure scanners ask for a dozen names per match, hundreds of thousands of
//! times on a large corpus. A pattern's names are looked up with a cheap hash instead.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use regex::{Captures, Match, Regex};

use crate::similar::IntHasher;

/// A pattern's group names with their indices.
pub struct GroupNames(HashMap<String, usize, BuildHasherDefault<IntHasher>>);

impl GroupNames {
    pub fn of(re: &Regex) -> GroupNames {
        GroupNames(
            re.capture_names()
                .enumerate()
                .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
                .collect(),
        )
    }

    /// Captures read by name through this table.
    pub fn read<'h, 'n>(&'n self, caps: Captures<'h>) -> Named<'h, 'n> {
        Named { caps, names: self }
    }
}

/// A match's captures, with `name` as `Captures::name` but looked up in a [`GroupNames`].
pub struct Named<'h, 'n> {
    caps: Captures<'h>,
    names: &'n GroupNames,
}

impl<'h> Named<'h, '_> {
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.caps.get(*self.names.0.get(name)?)
    }
}

#[cfg(test)]
mod tests {
    use super::GroupNames;

    #[test]
    fn names_read_as_captures_name_reads_them() {
        let re = regex::Regex::new(r"(?P<y>\d{4})-(?P<m>\d\d)|(?P<q>Q[1-4])(x)?").unwrap();
        let names = GroupNames::of(&re);
        for text in ["2024-03", "Q2", "Q3x", "none"] {
            for c in re.captures_iter(text) {
                let direct: Vec<_> = ["y", "m", "q", "z"].map(|n| c.name(n)).into();
                let named = names.read(c);
                let read: Vec<_> = ["y", "m", "q", "z"].map(|n| named.name(n)).into();
                assert_eq!(direct, read, "{text}");
            }
        }
    }
}
