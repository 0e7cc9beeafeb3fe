//! Findings held while a document's rules run: each rule's list is packed when the rule
//! ends (spans and string ranges as u32, messages in one buffer with repeats stored
//! once, files, variants, codes and help texts as indices into small tables) and
//! unpacked into [`Finding`]s, in the same order, once the claims are released. On a
//! dense document a finding with its related places was ~400 bytes of structs and
//! small strings, held beside every claim at the top of the run's memory.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::ops::Range;

use super::{Finding, Related, Severity, SharedStr};
use crate::similar::IntHasher;

/// The findings of a document's rules, in the order they were added.
#[derive(Default)]
pub struct Held {
    chunks: Vec<Chunk>,
}

enum Chunk {
    Packed(Packed),
    /// A list too large to pack in u32 offsets, kept as it came.
    Full(Vec<Finding>),
}

impl Held {
    /// Add a rule's findings after those already held.
    pub fn push(&mut self, list: Vec<Finding>) {
        if list.is_empty() {
            return;
        }
        let chunk = if Packed::fits(&list) {
            Chunk::Packed(Packed::new(list))
        } else {
            Chunk::Full(list)
        };
        self.chunks.push(chunk);
    }

    /// How many findings are held.
    pub fn len(&self) -> usize {
        self.chunks
            .iter()
            .map(|c| match c {
                Chunk::Packed(p) => p.findings.len(),
                Chunk::Full(l) => l.len(),
            })
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Append every finding held to `out`, in order; each packed list is released as
    /// it is unpacked.
    pub fn unpack_into(self, out: &mut Vec<Finding>) {
        out.reserve(self.len());
        for chunk in self.chunks {
            match chunk {
                Chunk::Packed(p) => p.unpack_into(out),
                Chunk::Full(list) => out.extend(list),
            }
        }
    }
}

/// A string in [`Packed::text`].
#[derive(Clone, Copy)]
struct Str {
    start: u32,
    len: u32,
}

const NO_VARIANT: u32 = u32::MAX;

struct Entry {
    span: [u32; 2],
    message: Str,
    /// Its related places: `related[first..first + count]`.
    related: [u32; 2],
    file: u32,
    variant: u32,
    help: u32,
    code: u16,
    severity: Severity,
}

struct RelatedEntry {
    span: [u32; 2],
    message: Str,
    file: u32,
    variant: u32,
}

struct Packed {
    text: String,
    codes: Vec<&'static str>,
    /// Files and variant names.
    names: Vec<SharedStr>,
    helps: Vec<Cow<'static, str>>,
    findings: Vec<Entry>,
    related: Vec<RelatedEntry>,
}

/// Packs strings into one buffer, storing a string seen before once.
struct Strings {
    text: String,
    /// By hash of the string: the last string stored with that hash.
    seen: HashMap<u64, Str, BuildHasherDefault<IntHasher>>,
}

impl Strings {
    fn add(&mut self, s: &str) -> Str {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        s.hash(&mut h);
        let key = h.finish();
        if let Some(&old) = self.seen.get(&key) {
            let at = old.start as usize..(old.start + old.len) as usize;
            if self.text.get(at) == Some(s) {
                return old;
            }
        }
        // `fits` bounded the whole buffer, so these do not truncate.
        let new = Str {
            start: self.text.len() as u32,
            len: s.len() as u32,
        };
        self.text.push_str(s);
        self.seen.insert(key, new);
        new
    }
}

/// Index of `v` in `table`, added at the end when it is not there yet.
fn index_of<T: Clone + Eq + Hash>(table: &mut Vec<T>, map: &mut HashMap<T, u32>, v: &T) -> u32 {
    if let Some(&i) = map.get(v) {
        return i;
    }
    let i = table.len() as u32;
    table.push(v.clone());
    map.insert(v.clone(), i);
    i
}

impl Packed {
    /// Whether every span, string and count of `list` fits the packed form.
    fn fits(list: &[Finding]) -> bool {
        let small = |n: usize| u32::try_from(n).is_ok_and(|n| n < NO_VARIANT);
        let span_ok = |r: &Range<usize>| small(r.start) && small(r.end);
        let mut text = 0usize;
        let mut related = 0usize;
        for f in list {
            if !span_ok(&f.span) {
                return false;
            }
            text = text
                .saturating_add(f.message.len())
                .saturating_add(f.help.len());
            related = related.saturating_add(f.related.len());
            for r in &f.related {
                if !span_ok(&r.span) {
                    return false;
                }
                text = text.saturating_add(r.message.len());
            }
        }
        let mut codes: Vec<&str> = Vec::new();
        for f in list {
            if !codes.contains(&f.code) {
                if codes.len() == usize::from(u16::MAX) {
                    return false;
                }
                codes.push(f.code);
            }
        }
        // Every other table holds at most one entry per finding or related place.
        small(text) && small(list.len().saturating_add(related))
    }

    fn new(list: Vec<Finding>) -> Packed {
        let n_related = list.iter().map(|f| f.related.len()).sum();
        let mut strings = Strings {
            text: String::new(),
            seen: HashMap::default(),
        };
        let mut codes: Vec<&'static str> = Vec::new();
        let mut names = Vec::new();
        let mut name_ids: HashMap<SharedStr, u32> = HashMap::new();
        let mut helps = Vec::new();
        let mut help_ids: HashMap<Cow<'static, str>, u32> = HashMap::new();
        let mut findings = Vec::with_capacity(list.len());
        let mut related = Vec::with_capacity(n_related);
        let span = |r: &Range<usize>| [r.start as u32, r.end as u32];
        for f in list {
            let mut name = |v: &SharedStr| index_of(&mut names, &mut name_ids, v);
            let file = name(&f.file);
            let variant = f.variant.as_ref().map_or(NO_VARIANT, &mut name);
            let first = related.len() as u32;
            for r in &f.related {
                related.push(RelatedEntry {
                    span: span(&r.span),
                    message: strings.add(&r.message),
                    file: name(&r.file),
                    variant: r.variant.as_ref().map_or(NO_VARIANT, &mut name),
                });
            }
            let code = match codes.iter().position(|c| *c == f.code) {
                Some(k) => k,
                None => {
                    codes.push(f.code);
                    codes.len() - 1
                }
            };
            findings.push(Entry {
                span: span(&f.span),
                message: strings.add(&f.message),
                related: [first, f.related.len() as u32],
                file,
                variant,
                help: index_of(&mut helps, &mut help_ids, &f.help),
                // `fits` bounds the codes by the findings.
                code: code as u16,
                severity: f.severity,
            });
        }
        let mut text = strings.text;
        text.shrink_to_fit();
        Packed {
            text,
            codes,
            names,
            helps,
            findings,
            related,
        }
    }

    fn unpack_into(self, out: &mut Vec<Finding>) {
        let text = |s: Str| self.text[s.start as usize..(s.start + s.len) as usize].to_string();
        let span = |s: [u32; 2]| s[0] as usize..s[1] as usize;
        let variant = |v: u32| (v != NO_VARIANT).then(|| self.names[v as usize].clone());
        for e in &self.findings {
            let [first, count] = e.related;
            let related = self.related[first as usize..(first + count) as usize]
                .iter()
                .map(|r| Related {
                    file: self.names[r.file as usize].clone(),
                    variant: variant(r.variant),
                    span: span(r.span),
                    message: text(r.message),
                })
                .collect();
            out.push(Finding {
                code: self.codes[usize::from(e.code)],
                severity: e.severity,
                message: text(e.message),
                file: self.names[e.file as usize].clone(),
                variant: variant(e.variant),
                span: span(e.span),
                related,
                help: self.helps[e.help as usize].clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: &'static str, message: &str, related: usize) -> Finding {
        Finding {
            code,
            severity: Severity::Warning,
            message: message.to_string(),
            file: "a.md".into(),
            variant: (related % 2 == 1).then(|| "版本二".into()),
            span: related..related + 3,
            related: (0..related)
                .map(|k| Related {
                    file: "a.md".into(),
                    variant: None,
                    span: k..k + 1,
                    message: format!("{k} here"),
                })
                .collect(),
            help: if related == 2 {
                Cow::Owned(format!("add {message}"))
            } else {
                Cow::Borrowed("check it")
            },
        }
    }

    #[test]
    fn unpacks_what_was_packed_in_order() {
        let first = vec![
            finding("value-mismatch", "16亿 here, 17亿 there", 1),
            finding("value-mismatch", "16亿 here, 17亿 there", 2),
            finding("date-mismatch", "", 0),
        ];
        let second = vec![finding("claim-coverage", "only here", 3)];
        let mut held = Held::default();
        held.push(first.clone());
        held.push(Vec::new());
        held.push(second.clone());
        assert_eq!(held.len(), 4);
        let mut all = first;
        all.extend(second);
        let mut out = Vec::new();
        held.unpack_into(&mut out);
        assert_eq!(out, all);
    }

    #[test]
    fn spans_beyond_u32_are_kept_as_they_came() {
        let mut f = finding("value-mismatch", "far", 1);
        f.span = usize::MAX - 1..usize::MAX;
        let mut held = Held::default();
        held.push(vec![f.clone()]);
        let mut out = Vec::new();
        held.unpack_into(&mut out);
        assert_eq!(out, vec![f]);
    }
}
