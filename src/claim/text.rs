//! Sentences and clauses of a block's plain text, and the character-bigram similarity
//! used to tell when two clauses say the same thing.

use std::ops::Range;
use std::sync::Arc;

/// A sentence (byte range of the block text) and its clauses.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub range: Range<usize>,
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone)]
pub struct Clause {
    pub range: Range<usize>,
    /// Inside （…） or (…).
    pub paren: bool,
}

/// Abbreviations a number follows inside a sentence ("No. 1 of 2026", "p. 12", "Art. 5").
const NUMBERED_ABBREVIATIONS: &[&str] = &[
    "no", "nos", "nr", "p", "pp", "vol", "art", "fig", "ch", "sec", "para", "approx", "ca", "op",
    "reg", "tab", "ed", "rev", "cl",
];

/// A Han (Chinese) character.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Marks that end a sentence. A semicolon does not: a source at the end of
/// `…增长21%；…增长31%[^1]。` covers both halves.
fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '」' | '』' | '）' | ')' | '】' | '*')
}

/// Split `text` into sentences; each ends after a terminal mark (and any closing quotes)
/// or an English full stop followed by a space.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut quote_depth = 0i32;
    while i < chars.len() {
        let (pos, c) = chars[i];
        match c {
            '“' | '「' | '『' => quote_depth += 1,
            '”' | '」' | '』' => quote_depth = (quote_depth - 1).max(0),
            // A straight double quote opens or closes, by what stands before it.
            '"' => {
                let prev = i.checked_sub(1).map(|j| chars[j].1);
                let opening = prev.is_none_or(|p| p.is_whitespace() || "([{—–-:：，,".contains(p));
                if opening {
                    quote_depth += 1;
                } else {
                    quote_depth = (quote_depth - 1).max(0);
                }
            }
            _ => {}
        }
        let mut end_here = false;
        // “…。”——Marcus Lee: a byline after the quote belongs to its sentence.
        let byline = || {
            chars[i + 1..]
                .iter()
                .map(|x| x.1)
                .find(|c| *c != ' ')
                .is_some_and(|c| matches!(c, '—' | '―' | '–'))
        };
        let closes_quote = matches!(c, '”' | '」' | '』')
            && quote_depth == 0
            && i.checked_sub(1).is_some_and(|j| is_terminal(chars[j].1))
            && !byline();
        if closes_quote || (is_terminal(c) && quote_depth == 0) {
            end_here = true;
        } else if c == '.' {
            let next = chars.get(i + 1).map(|x| x.1);
            let prev = i.checked_sub(1).map(|j| chars[j].1);
            let prev2 = i.checked_sub(2).map(|j| chars[j].1);
            // "end. Next" but not "U.S. data", "e.g. this", "1. item", "v1.2"; a figure's
            // magnitude ends its sentence ("rose to $5.1M. Nearly half").
            // (An initial stands after a space or another initial; "14°C." ends.)
            let abbrev = prev.is_some_and(|p| p.is_ascii_uppercase())
                && prev2.is_none_or(|p| {
                    p.is_whitespace() || matches!(p, '.' | '(' | '（' | '"' | '“' | '\'' | '‘')
                });
            let short = prev.is_some_and(|p| p.is_ascii_lowercase())
                && prev2.is_some_and(|p| p == '.' || p == ' ');
            // After a number, a full stop ends the sentence when a capital follows
            // ("at PyCon US 2026. Other users"), but not after an item number at the
            // start of the text ("1. Install").
            let after_number = prev.is_some_and(|p| p.is_ascii_digit()) && {
                let mut k = i;
                while k > 0 && chars[k - 1].1.is_ascii_digit() {
                    k -= 1;
                }
                let leading = text[..chars[k].0].trim().is_empty();
                let following = chars[i + 1..]
                    .iter()
                    .map(|x| x.1)
                    .find(|c| !c.is_whitespace());
                !leading && following.is_some_and(|c| c.is_uppercase() || is_han(c))
            };
            // "No. 1 of 2026", "p. 12", "Art. 5": an abbreviation that a number follows.
            let numbered = {
                let mut k = i;
                while k > 0 && chars[k - 1].1.is_ascii_alphabetic() {
                    k -= 1;
                }
                let word = &text[chars[k].0..chars[i].0];
                let following = chars[i + 1..]
                    .iter()
                    .map(|x| x.1)
                    .find(|c| !c.is_whitespace());
                following.is_some_and(|c| c.is_ascii_digit())
                    && NUMBERED_ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
            };
            if next.is_none_or(char::is_whitespace)
                && (prev.is_some_and(|p| !p.is_ascii_digit()) || after_number)
                && !abbrev
                && !numbered
                && !short
                && quote_depth == 0
            {
                end_here = true;
            }
        }
        if end_here {
            let mut j = i + 1;
            while j < chars.len() && (is_closer(chars[j].1) || is_terminal(chars[j].1)) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |x| x.0);
            push_sentence(text, start..end, &mut out);
            start = end;
            i = j;
            continue;
        }
        let _ = pos;
        i += 1;
    }
    if start < text.len() {
        push_sentence(text, start..text.len(), &mut out);
    }
    out
}

fn push_sentence(text: &str, range: Range<usize>, out: &mut Vec<Sentence>) {
    if text[range.clone()].trim().is_empty() {
        return;
    }
    let clauses = clauses(text, range.clone());
    out.push(Sentence { range, clauses });
}

/// Clauses split at commas, colons, dashes and parentheses (a parenthesis is a clause of
/// its own). A comma between digits (1,600) does not split.
fn clauses(text: &str, range: Range<usize>) -> Vec<Clause> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let base = range.start;
    let mut start = 0;
    let mut paren = false;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut title = 0i32;
    for (k, &(i, c)) in chars.iter().enumerate() {
        // A title in 《》 is one piece, parentheses and all.
        match c {
            '《' => title += 1,
            '》' => title = (title - 1).max(0),
            _ => {}
        }
        if title > 0 {
            continue;
        }
        // Inside a parenthesis only the closing mark splits: （火山引擎发布会，2024年5月15日）
        // and (Gartner, 2023) are one clause each.
        if paren && !matches!(c, '）' | ')') {
            continue;
        }
        let split = match c {
            '，' | '：' | '、' | '—' | '；' | ';' => true,
            ',' | ':' => {
                let prev = k.checked_sub(1).map(|j| chars[j].1);
                let next = chars.get(k + 1).map(|x| x.1);
                !(prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit()))
            }
            '（' | '(' | '）' | ')' => true,
            _ => false,
        };
        if split {
            if i > start {
                out.push(Clause {
                    range: base + start..base + i,
                    paren,
                });
            }
            match c {
                '（' | '(' => paren = true,
                '）' | ')' => paren = false,
                _ => {}
            }
            start = i + c.len_utf8();
        }
    }
    if start < s.len() {
        out.push(Clause {
            range: base + start..base + s.len(),
            paren,
        });
    }
    out.retain(|c| !text[c.range.clone()].trim().is_empty());
    if out.is_empty() {
        out.push(Clause {
            range,
            paren: false,
        });
    }
    out
}

/// The Latin-script words of `text` that hold a letter and are at least two characters
/// long (lowercased, hashed, sorted, deduplicated), and whether Chinese characters
/// outnumber Latin letters.
pub fn latin_words(text: &str) -> (Box<[u64]>, bool) {
    let mut words: Vec<u64> = Vec::new();
    let (mut han, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    for w in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-')) {
        let w = w.trim_matches(['.', '-']);
        if w.len() < 2 || !w.bytes().any(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        // FNV-1a over the lowercased bytes.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in w.bytes() {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        words.push(h);
    }
    words.sort_unstable();
    words.dedup();
    // A Chinese character carries about a word, a Latin letter a fifth of one.
    (words.into_boxed_slice(), han * 3 > latin)
}

/// Of two sentences in different languages, the share of the Chinese one's Latin words
/// (its names) that the other also has, when it has at least two: 0.0 otherwise.
pub fn shared_names(a: (&[u64], bool), b: (&[u64], bool)) -> f64 {
    let (zh, other) = match (a.1, b.1) {
        (true, false) => (a.0, b.0),
        (false, true) => (b.0, a.0),
        _ => return 0.0,
    };
    if zh.len() < 2 {
        return 0.0;
    }
    let shared = zh.iter().filter(|w| other.binary_search(w).is_ok()).count();
    if shared < 2 {
        return 0.0;
    }
    shared as f64 / zh.len() as f64
}

/// The last `n` bytes of `text` (on a character boundary): enough context for a pattern
/// anchored at the end, without rescanning a long paragraph for every match.
/// The run of characters matching `keep` that ends `text` ("" when it ends otherwise):
/// the word before a figure or a year.
pub fn trailing_run(text: &str, keep: impl Fn(char) -> bool) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| keep(c))
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

/// At most the first `n` bytes of `text`, cut at a character boundary.
pub fn head(text: &str, n: usize) -> &str {
    &text[..floor_char(text, n.min(text.len()))]
}

pub fn tail(text: &str, n: usize) -> &str {
    &text[floor_char(text, text.len().saturating_sub(n))..]
}

/// The nearest character boundary at or before byte `i`.
pub fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Mostly Latin text: English prose, where a capital may only be sentence case.
pub fn is_english_prose(text: &str) -> bool {
    let cjk = text.chars().filter(|&c| c > '\u{2E80}').count();
    cjk * 5 < text.chars().count()
}

/// A set of character bigrams, compact: sorted and without duplicates, each pair packed
/// into one `u32` (first char in the high half) when both chars lie below U+FFFF, as
/// nearly all letters do. A set holding a pair outside the Basic Multilingual Plane
/// stores every pair as two `u32` halves of its `u64` packing, after a [`WIDE`] mark.
/// Either way a set lists its pairs in the order of their `u64` packing ([`pack`]),
/// which is what [`Bigrams::iter`] gives. Four bytes a bigram and no hashing: a claim
/// keeps two of these, and a dense document has millions of claims. The pairs sit
/// behind an `Arc`, so the claims of a sentence or clause share one set, in one
/// allocation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Bigrams(Arc<[u32]>);

/// One shared copy of each distinct set: drafts and translations repeat sentences
/// and clauses, and a repeated one then costs a reference, not a set.
#[derive(Default)]
pub struct Interner(crate::hashing::HashSet<Bigrams>);

impl Interner {
    pub fn intern(&mut self, set: Bigrams) -> Bigrams {
        if let Some(shared) = self.0.get(&set) {
            return shared.clone();
        }
        self.0.insert(set.clone());
        set
    }
}

/// The first entry of a wide set. No narrow pair is `u32::MAX`: U+FFFF is not a letter.
const WIDE: u32 = u32::MAX;

/// One bigram as [`Bigrams`] stores it.
pub fn pack(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// The narrow form of a packed pair, if both its chars lie below U+FFFF: the same order
/// as the `u64` packing.
fn narrow(packed: u64) -> Option<u32> {
    let (a, b) = (packed >> 32, packed & 0xFFFF_FFFF);
    (a < 0xFFFF && b < 0xFFFF).then_some(((a << 16) | b) as u32)
}

fn widen(x: u32) -> u64 {
    (u64::from(x >> 16) << 32) | u64::from(x & 0xFFFF)
}

/// The pairs of a set, in ascending order of their `u64` packing.
#[derive(Clone)]
pub struct Iter<'a> {
    /// The stored entries after the [`WIDE`] mark, if any.
    rest: &'a [u32],
    wide: bool,
}

impl Iterator for Iter<'_> {
    type Item = u64;

    #[inline(always)]
    fn next(&mut self) -> Option<u64> {
        if self.wide {
            let (&[hi, lo], rest) = self.rest.split_first_chunk::<2>()?;
            self.rest = rest;
            Some((u64::from(hi) << 32) | u64::from(lo))
        } else {
            let (&x, rest) = self.rest.split_first()?;
            self.rest = rest;
            Some(widen(x))
        }
    }

    /// One loop per form, chosen once: sums and counts over a set run through here.
    #[inline(always)]
    fn fold<B, F: FnMut(B, u64) -> B>(self, init: B, mut f: F) -> B {
        if self.wide {
            let mut acc = init;
            let mut rest = self.rest;
            while let Some((&[hi, lo], tail)) = rest.split_first_chunk::<2>() {
                acc = f(acc, (u64::from(hi) << 32) | u64::from(lo));
                rest = tail;
            }
            acc
        } else {
            self.rest.iter().fold(init, |acc, &x| f(acc, widen(x)))
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = if self.wide {
            self.rest.len() / 2
        } else {
            self.rest.len()
        };
        (n, Some(n))
    }
}

/// The pairs two sets both hold, in ascending order (a merge of two sorted lists).
pub enum Shared<'a> {
    /// Both sets narrow: compared as stored.
    Narrow { a: &'a [u32], b: &'a [u32] },
    /// A wide set on either side: compared as `u64`.
    Mixed {
        a: std::iter::Peekable<Iter<'a>>,
        b: std::iter::Peekable<Iter<'a>>,
    },
}

impl Iterator for Shared<'_> {
    type Item = u64;

    // Inlined into the callers' sums: a call per shared pair was a tenth of a run.
    #[inline(always)]
    fn next(&mut self) -> Option<u64> {
        use std::cmp::Ordering;
        match self {
            Shared::Narrow { a, b } => {
                while let (Some(&x), Some(&y)) = (a.first(), b.first()) {
                    match x.cmp(&y) {
                        Ordering::Less => *a = &a[1..],
                        Ordering::Greater => *b = &b[1..],
                        Ordering::Equal => {
                            *a = &a[1..];
                            *b = &b[1..];
                            return Some(widen(x));
                        }
                    }
                }
                None
            }
            Shared::Mixed { a, b } => {
                while let (Some(&x), Some(&y)) = (a.peek(), b.peek()) {
                    match x.cmp(&y) {
                        Ordering::Less => {
                            a.next();
                        }
                        Ordering::Greater => {
                            b.next();
                        }
                        Ordering::Equal => {
                            a.next();
                            b.next();
                            return Some(x);
                        }
                    }
                }
                None
            }
        }
    }

    /// The merge as one loop for the whole walk (sums and counts run through here).
    #[inline(always)]
    fn fold<B, F: FnMut(B, u64) -> B>(self, init: B, mut f: F) -> B {
        use std::cmp::Ordering;
        match self {
            Shared::Narrow { a, b } => {
                let (mut acc, mut i, mut j) = (init, 0, 0);
                while i < a.len() && j < b.len() {
                    match a[i].cmp(&b[j]) {
                        Ordering::Less => i += 1,
                        Ordering::Greater => j += 1,
                        Ordering::Equal => {
                            acc = f(acc, widen(a[i]));
                            i += 1;
                            j += 1;
                        }
                    }
                }
                acc
            }
            mixed => {
                let mut acc = init;
                // `next`, not `fold`: a `for` loop does not come back here.
                for x in mixed {
                    acc = f(acc, x);
                }
                acc
            }
        }
    }
}

impl Bigrams {
    /// The set of the given packed bigrams.
    pub fn from_packed(mut v: Vec<u64>) -> Self {
        v.sort_unstable();
        v.dedup();
        Self::from_sorted(&v)
    }

    /// The set of packed bigrams already sorted and without duplicates.
    fn from_sorted(v: &[u64]) -> Self {
        if v.iter().all(|&p| narrow(p).is_some()) {
            // Both halves below 0x10000: shifting the high one down meets the low one.
            return Bigrams(
                v.iter()
                    .map(|&p| ((p >> 16) | (p & 0xFFFF)) as u32)
                    .collect(),
            );
        }
        let mut wide = Vec::with_capacity(1 + 2 * v.len());
        wide.push(WIDE);
        for &p in v {
            wide.extend([(p >> 32) as u32, p as u32]);
        }
        Bigrams(wide.into())
    }

    fn is_wide(&self) -> bool {
        self.0.first() == Some(&WIDE)
    }

    pub fn len(&self) -> usize {
        if self.is_wide() {
            (self.0.len() - 1) / 2
        } else {
            self.0.len()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The packed bigrams, in ascending order.
    pub fn iter(&self) -> Iter<'_> {
        let wide = self.is_wide();
        Iter {
            rest: if wide { &self.0[1..] } else { &self.0 },
            wide,
        }
    }

    pub fn contains(&self, packed: u64) -> bool {
        if self.is_wide() {
            // Pairs of halves: a binary search by hand over the pairs after the mark.
            let halves = &self.0[1..];
            let (mut lo, mut hi) = (0, halves.len() / 2);
            while lo < hi {
                let mid = (lo + hi) / 2;
                let at = (u64::from(halves[2 * mid]) << 32) | u64::from(halves[2 * mid + 1]);
                match at.cmp(&packed) {
                    std::cmp::Ordering::Less => lo = mid + 1,
                    std::cmp::Ordering::Greater => hi = mid,
                    std::cmp::Ordering::Equal => return true,
                }
            }
            false
        } else {
            narrow(packed).is_some_and(|x| self.0.binary_search(&x).is_ok())
        }
    }

    pub fn contains_pair(&self, a: char, b: char) -> bool {
        self.contains(pack(a, b))
    }

    /// The bigrams both sets hold, in ascending order (a merge of two sorted lists).
    pub fn shared<'a>(&'a self, other: &'a Bigrams) -> Shared<'a> {
        if self.is_wide() || other.is_wide() {
            Shared::Mixed {
                a: self.iter().peekable(),
                b: other.iter().peekable(),
            }
        } else {
            Shared::Narrow {
                a: &self.0,
                b: &other.0,
            }
        }
    }
}

/// Character bigrams of the text with digits, spaces and punctuation removed: what a
/// clause says, not which figure it gives.
pub fn bigrams(text: &str) -> Bigrams {
    bigrams_of_chars(text.chars())
}

/// [`bigrams`] of a run of characters: callers join pieces (a table cell's prefix and
/// its text) or leave some out (entity names) without building a `String` first. Only
/// letters count, so a left-out character and a space between pieces change nothing.
pub fn bigrams_of_chars(chars: impl Iterator<Item = char>) -> Bigrams {
    // Collected in buffers reused on this thread, so each set costs one allocation of
    // its exact size (not a growing vector and a shrink). Pairs go to the narrow buffer
    // until one does not fit, then all to the wide one.
    thread_local! {
        static BUFFERS: std::cell::RefCell<(Vec<u32>, Vec<u64>)> =
            const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    BUFFERS.with_borrow_mut(|(narrow_buf, wide_buf)| {
        narrow_buf.clear();
        wide_buf.clear();
        let mut wide = false;
        collect_bigrams(chars, |p| {
            if !wide {
                if let Some(x) = narrow(p) {
                    narrow_buf.push(x);
                    return;
                }
                wide = true;
                wide_buf.extend(narrow_buf.iter().map(|&x| widen(x)));
            }
            wide_buf.push(p);
        });
        if wide {
            wide_buf.sort_unstable();
            wide_buf.dedup();
            Bigrams::from_sorted(wide_buf)
        } else {
            narrow_buf.sort_unstable();
            narrow_buf.dedup();
            Bigrams(narrow_buf.as_slice().into())
        }
    })
}

/// Each bigram of `chars`, packed, in text order (with repeats).
fn collect_bigrams(chars: impl Iterator<Item = char>, mut out: impl FnMut(u64)) {
    let mut prev: Option<char> = None;
    let mut count = 0usize;
    let mut push = |c: char| {
        if let Some(p) = prev {
            out(pack(p, c));
        }
        prev = Some(c);
        count += 1;
    };
    for c in chars {
        // The same as `is_alphabetic` then `to_lowercase`, without the Unicode tables
        // for ASCII and for the common Han characters (letters without case).
        if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                push(c.to_ascii_lowercase());
            }
        } else if is_caseless_han(c) {
            push(c);
        } else if c.is_alphabetic() {
            for l in c.to_lowercase() {
                push(l);
            }
        }
    }
    if count == 1 {
        if let Some(p) = prev {
            out(pack(p, ' '));
        }
    }
}

/// Han characters of the two main blocks: every one is a letter and lowercases to
/// itself (a test checks the whole range).
fn is_caseless_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// Dice coefficient of two bigram sets, 0.0 to 1.0.
pub fn similarity(a: &Bigrams, b: &Bigrams) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.shared(b).count();
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_fast_path_matches_the_unicode_tables() {
        for c in ('\u{3400}'..='\u{4DBF}').chain('\u{4E00}'..='\u{9FFF}') {
            assert!(is_caseless_han(c));
            assert!(c.is_alphabetic(), "{c:?}");
            assert!(c.to_lowercase().eq(std::iter::once(c)), "{c:?}");
        }
    }

    /// Narrow and wide sets answer as plain sorted lists of `u64` pairs would: the
    /// same pairs in the same order, so sums over them are the same numbers.
    #[test]
    fn narrow_and_wide_sets_agree_with_sorted_pairs() {
        let texts = [
            "特斯拉营收增长",
            "Revenue grew 𠀀𠀁 in 𪚥 2023",
            "𠀀",
            "",
            "ÉCOLE İstanbul und Straße",
            "𠀀特斯拉 Revenue",
        ];
        let model = |t: &str| -> Vec<u64> {
            let mut v = Vec::new();
            collect_bigrams(t.chars(), |p| v.push(p));
            v.sort_unstable();
            v.dedup();
            v
        };
        for a in texts {
            let (sa, ma) = (bigrams(a), model(a));
            assert_eq!(sa.iter().collect::<Vec<_>>(), ma, "{a}");
            assert_eq!(sa.len(), ma.len());
            assert_eq!(sa.is_empty(), ma.is_empty());
            assert_eq!(sa, Bigrams::from_packed(ma.iter().rev().copied().collect()));
            for &p in &ma {
                assert!(sa.contains(p), "{a}");
            }
            assert!(!sa.contains(pack('𠀂', 'x')));
            assert!(!sa.contains(pack('q', 'z')));
            for b in texts {
                let (sb, mb) = (bigrams(b), model(b));
                let both: Vec<u64> = ma.iter().copied().filter(|p| mb.contains(p)).collect();
                assert_eq!(sa.shared(&sb).collect::<Vec<_>>(), both, "{a} / {b}");
            }
        }
        assert!(bigrams("𠀀𠀁").is_wide());
        assert!(!bigrams("特斯拉").is_wide());
    }

    #[test]
    fn bigrams_of_joined_and_blanked_text() {
        let a = bigrams("特斯拉 Revenue, 2023: ÉCOLE İstanbul");
        let b = bigrams_of_chars(
            "特斯拉"
                .chars()
                .chain("Revenue, 2023: ÉCOLE İstanbul".chars()),
        );
        assert_eq!(a, b);
        assert_eq!(bigrams("a"), Bigrams::from_packed(vec![pack('a', ' ')]));
    }

    #[test]
    fn splits_chinese_and_english_sentences() {
        let t = "OpenAI通过ChatGPT积累1亿用户。内部测试显示，性能提升23%。Revenue was $1.6 billion. It grew.";
        let s = sentences(t);
        assert_eq!(s.len(), 4);
        assert_eq!(&t[s[1].range.clone()], "内部测试显示，性能提升23%。");
        assert_eq!(s[1].clauses.len(), 2);
    }

    #[test]
    fn a_magnitude_ends_its_sentence_but_initials_do_not() {
        let t = "Donations rose 22% to $5.1M. Nearly half came from SNAP families (Survey, 2024).";
        assert_eq!(sentences(t).len(), 2);
        let t = "U.S. data and J. Smith agree. Next.";
        assert_eq!(sentences(t).len(), 2);
        let t = "The water stays at 14°C. The hull is 31 metres long.";
        assert_eq!(sentences(t).len(), 2);
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        let t = "正如Linus所言：“开源不是乌托邦。”下一句。";
        let s = sentences(t);
        assert_eq!(s.len(), 2);
        assert!(t[s[0].range.clone()].ends_with('”'));
    }

    #[test]
    fn thousands_separator_is_not_a_clause_break() {
        let t = "It cost 1,600 million dollars, they said.";
        let s = sentences(t);
        assert_eq!(s[0].clauses.len(), 2);
    }

    #[test]
    fn parenthesis_is_its_own_clause() {
        let t = "收取30美元/人/月（2024预计创收60亿）。";
        let s = sentences(t);
        assert!(
            s[0].clauses
                .iter()
                .any(|c| c.paren && &t[c.range.clone()] == "2024预计创收60亿")
        );
    }
}
