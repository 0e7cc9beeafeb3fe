//! Findings held while a document's rules run: each finding is packed as a rule pushes
//! it (spans and string ranges as u32, messages and help texts as the numbers of their
//! words, each distinct word and string stored once, files, variants and codes as
//! indices into small tables) and
//! unpacked into [`Finding`]s, in the same order, once the claims are released. On a
//! dense document a finding with its related places was ~400 bytes of structs and
//! small strings, held beside every claim at the top of the run's memory; a rule's list
//! of them, held until the rule ended, was the top of the rules' memory.

use crate::hashing::HashMap;
use std::borrow::Cow;
use std::hash::{BuildHasherDefault, Hash};
use std::ops::Range;

use super::{Finding, Related, Severity, SharedStr};
use crate::similar::IntHasher;

/// The findings of a document's rules, in the order they were added.
#[derive(Default)]
pub struct Held {
    chunks: Vec<Chunk>,
    /// The chunk being packed, with the tables that find repeats; they are dropped when
    /// it is sealed ([`Held::seal`]).
    open: Option<Builder>,
}

enum Chunk {
    Packed(Packed),
    /// Findings too large to pack in u32 offsets, kept as they came.
    Full(Vec<Finding>),
}

impl Held {
    /// Add a finding after those already held.
    pub fn push(&mut self, f: Finding) {
        if let Some(b) = self.open.as_mut().filter(|b| b.fits(&f)) {
            b.add(f);
            return;
        }
        self.seal();
        let mut fresh = Builder::default();
        if fresh.fits(&f) {
            fresh.add(f);
            self.open = Some(fresh);
        } else if let Some(Chunk::Full(list)) = self.chunks.last_mut() {
            list.push(f);
        } else {
            self.chunks.push(Chunk::Full(vec![f]));
        }
    }

    /// Add a list of findings after those already held, and seal them.
    pub fn extend(&mut self, list: Vec<Finding>) {
        for f in list {
            self.push(f);
        }
        self.seal();
    }

    /// Close the chunk being packed: its tables of repeats are dropped and its buffers
    /// cut to size. Later findings go into a new chunk.
    pub fn seal(&mut self) {
        if let Some(b) = self.open.take() {
            self.chunks.push(Chunk::Packed(b.finish()));
        }
    }

    /// How many findings are held.
    pub fn len(&self) -> usize {
        let open = self.open.as_ref().map_or(0, |b| b.packed.findings.len());
        self.chunks
            .iter()
            .map(|c| match c {
                Chunk::Packed(p) => p.findings.len(),
                Chunk::Full(l) => l.len(),
            })
            .sum::<usize>()
            + open
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Call `each` with the span of every finding held from the `first`th on, and with
    /// the spans of its related places.
    pub fn spans_from(&self, first: usize, mut each: impl FnMut(Range<usize>)) {
        let mut at = 0usize;
        let packed = self
            .chunks
            .iter()
            .map(|c| match c {
                Chunk::Packed(p) => Ok(p),
                Chunk::Full(l) => Err(l),
            })
            .chain(self.open.as_ref().map(|b| Ok(&b.packed)));
        let span = |s: [u32; 2]| s[0] as usize..s[1] as usize;
        for chunk in packed {
            match chunk {
                Ok(p) => {
                    for e in &p.findings {
                        if at >= first {
                            each(span(e.span));
                            let [k, n] = e.related;
                            for r in &p.related[k as usize..(k + n) as usize] {
                                each(span(r.span));
                            }
                        }
                        at += 1;
                    }
                }
                Err(list) => {
                    for f in list {
                        if at >= first {
                            each(f.span.clone());
                            for r in &f.related {
                                each(r.span.clone());
                            }
                        }
                        at += 1;
                    }
                }
            }
        }
    }

    /// Append every finding held to `out`, in order; each packed chunk is released as
    /// it is unpacked.
    pub fn unpack_into(mut self, out: &mut Vec<Finding>) {
        self.seal();
        out.reserve(self.len());
        for chunk in self.chunks {
            match chunk {
                Chunk::Packed(p) => p.unpack_into(out),
                Chunk::Full(list) => out.extend(list),
            }
        }
    }
}

/// A string in [`Packed::strings`]: the numbers of its words.
#[derive(Clone, Copy)]
struct Str {
    start: u32,
    len: u32,
}

/// A fast hash of a short byte string (words and strings of one chunk, looked up once
/// each; a collision only costs a second copy).
fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    let mut w = [0u8; 8];
    w[..rest.len()].copy_from_slice(rest);
    (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K)
}

/// Append `n` to `out`, seven bits a byte (LEB128).
fn put_number(mut n: u32, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7F) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The largest offset or count a packed chunk holds: `u32::MAX` marks "none".
const NO_VARIANT: u32 = u32::MAX;

/// A help text that is a constant is [`Packed::statics`]`[len]`, not a string of the
/// buffer (whose offsets stay below [`NO_VARIANT`]).
const STATIC_HELP: u32 = u32::MAX;

struct Entry {
    span: [u32; 2],
    message: Str,
    /// Its related places: `related[first..first + count]`.
    related: [u32; 2],
    file: u32,
    variant: u32,
    /// In the buffer, or a constant ([`STATIC_HELP`]).
    help: Str,
    code: u16,
    severity: Severity,
}

struct RelatedEntry {
    span: [u32; 2],
    message: Str,
    file: u32,
    variant: u32,
}

#[derive(Default)]
struct Packed {
    /// The distinct words of the chunk's strings (split at single spaces), one after
    /// another: word `k` ends at `word_ends[k]`.
    words: String,
    word_ends: Vec<u32>,
    /// Each distinct string as the numbers of its words ([`put_number`]): a finding's
    /// message and help repeat the same few words and figures, and this is about a
    /// fifth of their text.
    strings: Vec<u8>,
    codes: Vec<&'static str>,
    /// Files and variant names.
    names: Vec<SharedStr>,
    /// Help texts that are constants, borrowed as they came.
    statics: Vec<&'static str>,
    findings: Vec<Entry>,
    related: Vec<RelatedEntry>,
}

/// A chunk being packed, and what finds the repeats in it.
#[derive(Default)]
struct Builder {
    packed: Packed,
    /// By hash of a string's word numbers: the last string stored with that hash.
    seen: HashMap<u64, Str, BuildHasherDefault<IntHasher>>,
    /// By hash of a word: the last word numbered with that hash.
    word_ids: HashMap<u64, u32, BuildHasherDefault<IntHasher>>,
    /// The word numbers of the string being added.
    scratch: Vec<u8>,
    name_ids: HashMap<SharedStr, u32>,
    static_ids: HashMap<&'static str, u32>,
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

impl Builder {
    /// Whether `f` fits this chunk: its spans, the buffers with its strings, and the
    /// tables with its entries stay below [`NO_VARIANT`]. (A string of `n` bytes has at
    /// most `n + 1` words, each stored in at most five bytes and numbered once.)
    fn fits(&self, f: &Finding) -> bool {
        let small = |n: usize| u32::try_from(n).is_ok_and(|n| n < NO_VARIANT);
        let span_ok = |r: &Range<usize>| small(r.start) && small(r.end);
        let p = &self.packed;
        let words = f.related.iter().fold(
            (f.message.len() + 1).saturating_add(f.help.len() + 1),
            |n, r| n.saturating_add(r.message.len() + 1),
        );
        let bytes = p
            .words
            .len()
            .saturating_add(p.strings.len())
            .saturating_add(words.saturating_mul(6));
        let entries = p
            .findings
            .len()
            .saturating_add(p.related.len())
            .saturating_add(f.related.len())
            .saturating_add(1);
        let code_ok = p.codes.contains(&f.code) || p.codes.len() < usize::from(u16::MAX);
        span_ok(&f.span)
            && f.related.iter().all(|r| span_ok(&r.span))
            && small(bytes)
            && small(p.word_ends.len().saturating_add(words))
            && small(entries)
            && code_ok
    }

    /// The number of word `w`, numbered when it is new.
    fn word(&mut self, w: &str) -> u32 {
        let key = hash_bytes(w.as_bytes());
        let p = &mut self.packed;
        if let Some(&k) = self.word_ids.get(&key) {
            if word_of(&p.words, &p.word_ends, k) == Some(w) {
                return k;
            }
        }
        // `fits` bounded the words, so these do not truncate.
        let k = p.word_ends.len() as u32;
        p.words.push_str(w);
        p.word_ends.push(p.words.len() as u32);
        self.word_ids.insert(key, k);
        k
    }

    /// Store `s` as the numbers of its words, or find it stored before.
    fn add_str(&mut self, s: &str) -> Str {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        for w in s.split(' ') {
            put_number(self.word(w), &mut scratch);
        }
        let key = hash_bytes(&scratch);
        let strings = &mut self.packed.strings;
        let found = self.seen.get(&key).copied().filter(|old| {
            let at = old.start as usize..(old.start + old.len) as usize;
            strings.get(at) == Some(&scratch[..])
        });
        let stored = found.unwrap_or_else(|| {
            let new = Str {
                start: strings.len() as u32,
                len: scratch.len() as u32,
            };
            strings.extend_from_slice(&scratch);
            self.seen.insert(key, new);
            new
        });
        self.scratch = scratch;
        stored
    }

    fn name(&mut self, v: &SharedStr) -> u32 {
        index_of(&mut self.packed.names, &mut self.name_ids, v)
    }

    /// Pack `f`, which [`Builder::fits`].
    fn add(&mut self, f: Finding) {
        let span = |r: &Range<usize>| [r.start as u32, r.end as u32];
        let file = self.name(&f.file);
        let variant = f.variant.as_ref().map_or(NO_VARIANT, |v| self.name(v));
        let first = self.packed.related.len() as u32;
        for r in &f.related {
            let entry = RelatedEntry {
                span: span(&r.span),
                message: self.add_str(&r.message),
                file: self.name(&r.file),
                variant: r.variant.as_ref().map_or(NO_VARIANT, |v| self.name(v)),
            };
            self.packed.related.push(entry);
        }
        let help = match &f.help {
            Cow::Borrowed(h) => Str {
                start: STATIC_HELP,
                len: index_of(&mut self.packed.statics, &mut self.static_ids, h),
            },
            Cow::Owned(h) => self.add_str(h),
        };
        let codes = &mut self.packed.codes;
        let code = match codes.iter().position(|c| *c == f.code) {
            Some(k) => k,
            None => {
                codes.push(f.code);
                codes.len() - 1
            }
        };
        let entry = Entry {
            span: span(&f.span),
            message: self.add_str(&f.message),
            related: [first, f.related.len() as u32],
            file,
            variant,
            help,
            // `fits` bounds the codes.
            code: code as u16,
            severity: f.severity,
        };
        self.packed.findings.push(entry);
    }

    fn finish(self) -> Packed {
        let mut p = self.packed;
        p.words.shrink_to_fit();
        p.word_ends.shrink_to_fit();
        p.strings.shrink_to_fit();
        p.findings.shrink_to_fit();
        p.related.shrink_to_fit();
        p
    }
}

/// Word `k` of a chunk.
fn word_of<'w>(words: &'w str, ends: &[u32], k: u32) -> Option<&'w str> {
    let k = k as usize;
    let start = match k.checked_sub(1) {
        Some(before) => *ends.get(before)? as usize,
        None => 0,
    };
    words.get(start..*ends.get(k)? as usize)
}

impl Packed {
    /// The words of the string stored at `s`.
    fn words_of(&self, s: Str) -> impl Iterator<Item = &str> + Clone {
        let bytes = self
            .strings
            .get(s.start as usize..(s.start + s.len) as usize)
            .unwrap_or(&[]);
        let (mut n, mut shift) = (0u32, 0u32);
        bytes.iter().filter_map(move |&b| {
            n |= u32::from(b & 0x7F) << shift;
            if b & 0x80 != 0 {
                shift += 7;
                return None;
            }
            let k = n;
            (n, shift) = (0, 0);
            Some(word_of(&self.words, &self.word_ends, k).unwrap_or(""))
        })
    }

    /// The string stored at `s`: its words, joined by single spaces, in a String of
    /// its exact length (all of a document's findings are unpacked at once).
    fn text(&self, s: Str) -> String {
        let words = self.words_of(s);
        let len = words.clone().map(|w| w.len() + 1).sum::<usize>();
        let mut out = String::with_capacity(len.saturating_sub(1));
        for (k, w) in words.enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    }

    fn unpack_into(self, out: &mut Vec<Finding>) {
        let text = |s: Str| self.text(s);
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
            let help = if e.help.start == STATIC_HELP {
                Cow::Borrowed(self.statics[e.help.len as usize])
            } else {
                Cow::Owned(text(e.help))
            };
            out.push(Finding {
                code: self.codes[usize::from(e.code)],
                severity: e.severity,
                message: text(e.message),
                file: self.names[e.file as usize].clone(),
                variant: variant(e.variant),
                span: span(e.span),
                related,
                help,
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
        held.extend(first.clone());
        held.extend(Vec::new());
        for f in second.clone() {
            held.push(f);
        }
        assert_eq!(held.len(), 4);
        let mut all = first;
        all.extend(second);
        let mut out = Vec::new();
        held.unpack_into(&mut out);
        assert_eq!(out, all);
    }

    #[test]
    fn strings_come_back_with_their_spaces() {
        let odd = ["", " ", "  two  spaces ", "a", "a a a", "末尾 ", "\n x\ty "];
        let list: Vec<Finding> = odd
            .iter()
            .map(|m| {
                let mut f = finding("value-mismatch", m, 2);
                f.related[0].message = format!("{m}{m} here");
                f
            })
            .collect();
        let mut held = Held::default();
        held.extend(list.clone());
        let mut out = Vec::new();
        held.unpack_into(&mut out);
        assert_eq!(out, list);
    }

    #[test]
    fn spans_beyond_u32_are_kept_as_they_came() {
        let mut f = finding("value-mismatch", "far", 1);
        f.span = usize::MAX - 1..usize::MAX;
        let mut held = Held::default();
        held.push(f.clone());
        let mut out = Vec::new();
        held.unpack_into(&mut out);
        assert_eq!(out, vec![f]);
    }

    #[test]
    fn a_finding_too_far_keeps_its_place_between_packed_ones() {
        let mut far = finding("value-mismatch", "far", 2);
        far.span = usize::MAX - 1..usize::MAX;
        let all = vec![
            finding("value-mismatch", "near", 1),
            far.clone(),
            far,
            finding("value-mismatch", "near again", 2),
        ];
        let mut held = Held::default();
        for f in all.clone() {
            held.push(f);
        }
        assert_eq!(held.len(), 4);
        let mut spans = Vec::new();
        held.spans_from(1, |r| spans.push(r));
        let want: Vec<Range<usize>> = all[1..]
            .iter()
            .flat_map(|f| {
                std::iter::once(f.span.clone()).chain(f.related.iter().map(|r| r.span.clone()))
            })
            .collect();
        assert_eq!(spans, want);
        let mut out = Vec::new();
        held.unpack_into(&mut out);
        assert_eq!(out, all);
    }
}
