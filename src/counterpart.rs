//! Sentence counterparts: the sentence of another variant that renders this one (its
//! translation, its redraft), found by the figures the two share, in order. Drafts and
//! translations keep the order of their sentences, and a translation keeps most of its
//! figures even when it shares no word with the original: 30% and below 10% in
//! "Cooling rises steeply once canopy cover passes 30%; below 10% it is hard to
//! measure" are 超过三成 and 低于 10% in its Chinese sentence. Two counterparts pair
//! their equal figures, and a lone figure left in each (12% lower / 低 21%) is the same
//! claim stated differently.
//!
//! Work per pair of variants grows with its figures: sentences meet only through
//! figures that few of them share (an index by value), and the order is kept by a
//! heaviest increasing chain (a Fenwick tree), not by comparing every sentence with
//! every other.

use crate::hashing::HashMap;
use std::collections::BTreeMap;

use crate::claim::{Claim, Extraction, Period, SentenceInfo};

/// A value shared by more sentences of a variant than this says nothing about which
/// sentence renders which.
const COMMON: usize = 8;
/// How far apart (as a share of each variant) two counterparts may stand.
const DRIFT: f64 = 0.2;
/// Beyond this many variants with figures, only neighbouring variants are paired.
const ALL_PAIRS: usize = 8;
/// How many sentences on each side of a sentence's place are tried by their names.
const NEAREST: usize = 8;

/// One sentence's figures and dates, each (claim, value key).
#[derive(Clone, Copy)]
struct Sentence<'v> {
    figures: &'v [(usize, u64)],
    dates: &'v [(usize, u64)],
    position: f64,
    info: usize,
}

/// The sentences of one variant with figures or dates. Their figures and dates are
/// runs of two lists for the whole variant: two lists per sentence were most of this
/// stage's memory on a large document.
#[derive(Default)]
struct Variant {
    /// Per sentence: where it stands in its variant (its first claim's place), where its
    /// figures and its dates end (each run starts where the sentence before ends), and
    /// its index in the extraction. 24 bytes a sentence.
    sentences: Vec<(f64, [u32; 3])>,
    figures: Vec<(usize, u64)>,
    dates: Vec<(usize, u64)>,
}

impl Variant {
    fn len(&self) -> usize {
        self.sentences.len()
    }

    fn get(&self, k: usize) -> Sentence<'_> {
        let (position, [f, d, info]) = self.sentences[k];
        let [f0, d0, _] = k
            .checked_sub(1)
            .map_or([0; 3], |before| self.sentences[before].1);
        Sentence {
            figures: &self.figures[f0 as usize..f as usize],
            dates: &self.dates[d0 as usize..d as usize],
            position,
            info: info as usize,
        }
    }

    fn iter(&self) -> impl Iterator<Item = Sentence<'_>> + '_ {
        (0..self.len()).map(|k| self.get(k))
    }
}

/// What the counterpart stage finds: candidate pairs of figures `(score, a, b)` and
/// pairs of dates `(a, b)` (a < b) that counterpart sentences state differently.
#[derive(Debug, Default)]
pub struct Found {
    /// Claim indices as u32, as alignment's other candidate pairs.
    pub figures: Vec<(f64, u32, u32)>,
    pub dates: Vec<(usize, usize)>,
    /// Past dates of two sentences paired only by their place ([`gaps`]): the same
    /// claim only when both date the same event, which the rule asks.
    pub gap_dates: Vec<(usize, usize)>,
}

/// A figure's value, with its class and range top, as a hash: equal when
/// [`crate::align::equal_values`] holds for two figures of one class.
fn value_key(c: &Claim) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let q = c.quantity()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    // (The values by the keys of their `{:.8e}` forms: equal exactly when the strings
    // were, see `sci_key`.)
    q.class().hash(&mut h);
    crate::claim::number::sci_key(q.value, 8).hash(&mut h);
    q.high()
        .map(|v| crate::claim::number::sci_key(v, 8))
        .hash(&mut h);
    q.change.hash(&mut h);
    Some(h.finish())
}

/// A date as a key: two dates of one label (2022, 2022年) share it.
fn date_key(c: &Claim) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let crate::claim::ClaimKind::Date(p) = &c.kind else {
        return None;
    };
    let mut h = std::collections::hash_map::DefaultHasher::new();
    "date".hash(&mut h);
    p.label().hash(&mut h);
    Some(h.finish())
}

/// A date of a month or finer (June, 6月底, 12 June, 2024年3月): one that two sentences
/// share only when they tell the same thing.
fn fine_date(c: &Claim) -> bool {
    use crate::claim::date::Span;
    matches!(
        &c.kind,
        crate::claim::ClaimKind::Date(p)
            if matches!(p.span, Span::Month(_) | Span::Day(..) | Span::Range(..))
    )
}

/// Candidate pairs of figures `(score, a, b)` (a < b) from counterpart sentences of
/// different variants. `accept(a, b, anchored)` says whether two figures may be one
/// claim at all; `anchored` when their sentences share a figure, so that words a
/// translation changes (the metric read from them) need not agree.
pub fn figure_pairs(
    ex: &Extraction,
    in_play: impl Fn(&Claim) -> bool,
    accept: impl Fn(usize, usize, bool) -> bool,
) -> Found {
    let (claims, sentences) = (&ex.claims[..], &ex.sentences[..]);
    let mut by_variant: BTreeMap<usize, Variant> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if !in_play(c) {
            continue;
        }
        let key = value_key(c);
        let date = date_key(c);
        if key.is_none() && date.is_none() {
            continue;
        }
        let Ok(info) = u32::try_from(c.sentence()) else {
            continue;
        };
        let v = by_variant.entry(c.variant()).or_default();
        let (nf, nd) = (v.figures.len() as u32, v.dates.len() as u32);
        if v.sentences.last().is_none_or(|s| s.1[2] != info) {
            v.sentences.push((ex.position(c), [nf, nd, info]));
        }
        if let Some((_, s)) = v.sentences.last_mut() {
            match (key, date) {
                (Some(k), _) => {
                    v.figures.push((i, k));
                    s[0] = nf + 1;
                }
                (None, Some(k)) => {
                    v.dates.push((i, k));
                    s[1] = nd + 1;
                }
                (None, None) => {}
            }
        }
    }
    let variants: Vec<&Variant> = by_variant.values().collect();
    let mut out = Found::default();
    for (x, a) in variants.iter().enumerate() {
        for (y, b) in variants.iter().enumerate().skip(x + 1) {
            if variants.len() > ALL_PAIRS && y != x + 1 {
                break;
            }
            let chained = chain(a, b, ex);
            for &(s, t) in &chained {
                let (s, t) = (a.get(s), b.get(t));
                // Two sentences that give one day or month (Cash at the end of June … /
                // 截至6月底…) are counterparts as surely as two alone between the same
                // anchors: across languages their figures pair up as in a gap.
                let dated = s
                    .dates
                    .iter()
                    .any(|&(d, k)| fine_date(&claims[d]) && t.dates.iter().any(|&(_, kt)| kt == k));
                pair_figures(claims, sentences, &s, &t, &accept, dated, &mut out.figures);
                pair_dates(claims, &s, &t, &mut out.dates);
            }
            // A sentence split in two by the other variant ("The glasshouse opened on 18
            // June 2025. With 12,000 m² …" / "温室于 2025 年 5 月 18 日对外开放，展览面积 1.2
            // 万平方米"): the dates of one counterpart against those of the sentence just
            // before the other, in its paragraph, when the other has none and that one is
            // no counterpart of its own. Across scripts.
            let (taken_a, taken_b): (Vec<usize>, Vec<usize>) = chained.iter().copied().unzip();
            let before_in_block = |v: &Variant, k: usize, taken: &[usize]| -> Option<usize> {
                let before = k.checked_sub(1)?;
                let (p, q) = (v.get(before), v.get(k));
                let same_block = matches!(
                    (sentences.get(p.info), sentences.get(q.info)),
                    (Some(x), Some(y)) if x.block == y.block
                );
                (same_block
                    && q.dates.is_empty()
                    && !p.dates.is_empty()
                    && taken.binary_search(&before).is_err())
                .then_some(before)
            };
            for &(s, t) in &chained {
                // (Translations only: a redraft in one language rewrites its sentences.)
                let cross = matches!(
                    (sentences.get(a.get(s).info), sentences.get(b.get(t).info)),
                    (Some(x), Some(y)) if x.cjk() != y.cjk()
                );
                if !cross {
                    continue;
                }
                if !a.get(s).dates.is_empty() {
                    if let Some(p) = before_in_block(b, t, &taken_b) {
                        pair_dates(claims, &a.get(s), &b.get(p), &mut out.dates);
                    }
                }
                if !b.get(t).dates.is_empty() {
                    if let Some(p) = before_in_block(a, s, &taken_a) {
                        pair_dates(claims, &a.get(p), &b.get(t), &mut out.dates);
                    }
                }
            }
            for (s, t) in gaps(a, b, &chained, sentences) {
                let (s, t) = (a.get(s), b.get(t));
                pair_figures(claims, sentences, &s, &t, &accept, true, &mut out.figures);
                // Paired by place alone, two sentences are one plan moved (expected in
                // 2027 / 预计2025年); two past events may be two releases.
                let mut dates = Vec::new();
                pair_dates(claims, &s, &t, &mut dates);
                out.dates
                    .extend(dates.into_iter().filter(|&(x, _)| claims[x].forecast()));
            }
            // Past dates: the one dated sentence on each side between two counterparts
            // (sentences of figures only do not count), for the rule to pair when both
            // date one event.
            for (s, t) in dated_gaps(a, b, &chained, sentences) {
                let (s, t) = (a.get(s), b.get(t));
                let mut dates = Vec::new();
                pair_dates(claims, &s, &t, &mut dates);
                out.gap_dates
                    .extend(dates.into_iter().filter(|&(x, _)| !claims[x].forecast()));
            }
        }
    }
    out
}

/// Counterpart sentences of two variants, as indices into their lists, in order.
fn chain(a: &Variant, b: &Variant, ex: &Extraction) -> Vec<(usize, usize)> {
    let infos = &ex.sentences;
    // How many sentences of a variant hold each key, as a sorted list of (key, count):
    // maps and a list per key were most of this stage's memory on a large document.
    let freq = |list: &Variant| {
        let mut all: Vec<u64> = Vec::new();
        let mut keys: Vec<u64> = Vec::new();
        for s in list.iter() {
            keys.clear();
            keys.extend(s.figures.iter().chain(s.dates).map(|f| f.1));
            keys.sort_unstable();
            keys.dedup();
            all.extend_from_slice(&keys);
        }
        all.sort_unstable();
        let mut f: Vec<(u64, u32)> = Vec::new();
        for k in all {
            match f.last_mut() {
                Some((last, n)) if *last == k => *n = n.saturating_add(1),
                _ => f.push((k, 1)),
            }
        }
        f
    };
    let count = |f: &[(u64, u32)], k: u64| {
        f.binary_search_by_key(&k, |e| e.0)
            .ok()
            .map(|i| f[i].1 as usize)
    };
    let (fa, fb) = (freq(a), freq(b));
    // The sentences of `b` holding each key few of them share, as (key, sentence)
    // sorted: a key's sentences are a run, in order.
    let mut index: Vec<(u64, u32)> = Vec::new();
    for (t, s) in b.iter().enumerate() {
        let Ok(t) = u32::try_from(t) else { break };
        for &(_, k) in s.figures.iter().chain(s.dates) {
            if count(&fb, k).is_some_and(|n| n <= COMMON) {
                index.push((k, t));
            }
        }
    }
    index.sort_unstable();
    index.dedup();
    let sentences_with = |k: u64| {
        let lo = index.partition_point(|e| e.0 < k);
        index[lo..]
            .iter()
            .take_while(move |e| e.0 == k)
            .map(|e| e.1 as usize)
    };
    // (s, t, weight) for sentences that share a figure few others have.
    let mut cands: Vec<(usize, usize, f64)> = Vec::new();
    for (si, s) in a.iter().enumerate() {
        let mut keys: Vec<u64> = s.figures.iter().chain(s.dates).map(|f| f.1).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut shared: BTreeMap<usize, usize> = BTreeMap::new();
        for k in keys {
            if count(&fa, k).is_none_or(|n| n > COMMON) {
                continue;
            }
            for t in sentences_with(k) {
                *shared.entry(t).or_default() += 1;
            }
        }
        // A translation's sentence that shares no figure but most of its names
        // (Lodestar, March 2023 / Lodestar … 2022 年 3 月), close by.
        if shared.is_empty() {
            if let Some(x) = infos.get(s.info).filter(|x| !ex.latin(x).is_empty()) {
                // The few sentences nearest this one's place, never a share of the
                // variant: a long document must not compare each sentence with
                // thousands.
                let at = b.sentences.partition_point(|o| o.0 < s.position);
                let lo = at.saturating_sub(NEAREST);
                for (t, o) in b.iter().enumerate().skip(lo).take(2 * NEAREST) {
                    if (o.position - s.position).abs() > 0.05 {
                        continue;
                    }
                    if let Some(y) = infos.get(o.info) {
                        if crate::claim::text::shared_names(ex.names(x), ex.names(y)) >= 0.6 {
                            shared.insert(t, 0);
                        }
                    }
                }
            }
        }
        for (t, n) in shared {
            let drift = (s.position - b.get(t).position).abs();
            if drift > DRIFT {
                continue;
            }
            let names = match (infos.get(s.info), infos.get(b.get(t).info)) {
                (Some(x), Some(y)) => crate::claim::text::shared_names(ex.names(x), ex.names(y)),
                _ => 0.0,
            };
            // One shared figure is a counterpart only close by or with the same names;
            // none, only with the same names.
            // (Or further apart, a figure of one source: "a £148,000 grant (Eden Rural
            // Fund award letter)" in a redraft that moved the paragraph.)
            let one_source = || n == 1 && same_source(ex, s.info, b.get(t).info);
            if (n < 2 && drift > 0.08 && names < 0.5 && !one_source()) || (n == 0 && names < 0.6) {
                continue;
            }
            cands.push((si, t, n as f64 + 0.5 * names + (DRIFT - drift)));
        }
    }
    heaviest_chain(&cands, b.len())
}

/// Whether two sentences name one source (the same text or link).
fn same_source(ex: &Extraction, x: usize, y: usize) -> bool {
    let named = |k: usize| {
        ex.sentences
            .get(k)
            .map_or(&[][..], |s| ex.cites(s.citations))
            .iter()
            .filter(|c| c.kind == crate::claim::CitationKind::Named)
    };
    named(x).any(|c| named(y).any(|d| c.text == d.text || (c.url.is_some() && c.url == d.url)))
}

/// Sentences of a translation that stand alone between two counterparts (or between a
/// counterpart and the end of the variant) on both sides: a translation keeps the order
/// of its sentences, so the one sentence with figures between the same two anchors in
/// each language renders the other (The surviving hull is 31 metres long / 残存船体长
/// 21米), though the two share no figure. Only across scripts, and close by: redrafts in
/// one language replace sentences, and are compared by their words instead.
fn gaps(
    a: &Variant,
    b: &Variant,
    chained: &[(usize, usize)],
    infos: &[SentenceInfo],
) -> Vec<(usize, usize)> {
    if chained.is_empty() {
        return Vec::new();
    }
    let bounds = anchor_bounds(a, b, chained);
    let mut out = Vec::new();
    for w in bounds.windows(2) {
        let ((s0, t0), (s1, t1)) = (w[0], w[1]);
        if s1 - s0 != 2 || t1 - t0 != 2 {
            continue;
        }
        let (s, t) = ((s0 + 1) as usize, (t0 + 1) as usize);
        if across_scripts_near(a, b, infos, (s, t), (s0, s1, t1)) {
            out.push((s, t));
        }
    }
    out
}

/// Whether sentence `s` of `a` and `t` of `b`, found between the counterparts at `s0`
/// and `s1` (`t1` in `b`), are in different scripts and at about the same place: between
/// two counterparts the place is known, at an end of a variant it must be close.
fn across_scripts_near(
    a: &Variant,
    b: &Variant,
    infos: &[SentenceInfo],
    (s, t): (usize, usize),
    (s0, s1, t1): (isize, isize, isize),
) -> bool {
    let (x, y) = (a.get(s), b.get(t));
    let cross = match (infos.get(x.info), infos.get(y.info)) {
        (Some(x), Some(y)) => x.cjk() != y.cjk(),
        _ => false,
    };
    let inside = s0 >= 0 && (s1 as usize) < a.len() && (t1 as usize) < b.len();
    let near = if inside { DRIFT } else { 0.05 };
    cross && (x.position - y.position).abs() <= near
}

/// The counterparts as places in both variants, between a place before the first
/// sentence of each and one after the last.
fn anchor_bounds(a: &Variant, b: &Variant, chained: &[(usize, usize)]) -> Vec<(isize, isize)> {
    let mut bounds: Vec<(isize, isize)> = vec![(-1, -1)];
    bounds.extend(chained.iter().map(|&(s, t)| (s as isize, t as isize)));
    bounds.push((a.len() as isize, b.len() as isize));
    bounds
}

/// As [`gaps`], for dates: between two counterparts (or a counterpart and an end of the
/// variant, close by), the one sentence with dates on each side, across scripts,
/// whatever sentences of figures alone stand beside it.
fn dated_gaps(
    a: &Variant,
    b: &Variant,
    chained: &[(usize, usize)],
    infos: &[SentenceInfo],
) -> Vec<(usize, usize)> {
    if chained.is_empty() {
        return Vec::new();
    }
    let bounds = anchor_bounds(a, b, chained);
    // The one sentence strictly between `lo` and `hi` of `v` that holds a date.
    let one_dated = |v: &Variant, lo: isize, hi: isize| -> Option<usize> {
        let mut found = None;
        for k in (lo + 1)..hi {
            let k = k as usize;
            if !v.get(k).dates.is_empty() {
                if found.is_some() {
                    return None;
                }
                found = Some(k);
            }
        }
        found
    };
    let mut out = Vec::new();
    for w in bounds.windows(2) {
        let ((s0, t0), (s1, t1)) = (w[0], w[1]);
        // (A long stretch between anchors is no gap to read a translation's order in.)
        if s1 - s0 > 6 || t1 - t0 > 6 {
            continue;
        }
        if let (Some(s), Some(t)) = (one_dated(a, s0, s1), one_dated(b, t0, t1)) {
            if across_scripts_near(a, b, infos, (s, t), (s0, s1, t1)) {
                out.push((s, t));
            }
            continue;
        }
        // Several dated sentences on a side (a translation's sync note above its first
        // paragraph): a sentence of two to four dates pairs with the one sentence of the
        // other side, close by, that holds as many (the rule then asks that each two
        // differ in one part only and date one event).
        let many = |v: &Variant, k: isize| (2..=4).contains(&v.get(k as usize).dates.len());
        for s in (s0 + 1)..s1 {
            if !many(a, s) {
                continue;
            }
            let n = a.get(s as usize).dates.len();
            let mut found = None;
            for t in (t0 + 1)..t1 {
                if b.get(t as usize).dates.len() != n
                    || !across_scripts_near(a, b, infos, (s as usize, t as usize), (s0, s1, t1))
                {
                    continue;
                }
                if found.is_some() {
                    found = None;
                    break;
                }
                found = Some(t as usize);
            }
            if let Some(t) = found {
                out.push((s as usize, t));
            }
        }
    }
    out
}

/// The heaviest chain of candidate pairs `(s, t, weight)`, sorted by `s`, increasing
/// in both indices, each index used at most once: for other stages that pair things
/// of two variants in order (claim-coverage's blocks).
pub fn ordered_chain(cands: &[(usize, usize, f64)], len_b: usize) -> Vec<(usize, usize)> {
    heaviest_chain(cands, len_b)
}

/// The heaviest chain of candidates increasing in both indices (each sentence used at
/// most once): a weighted longest increasing subsequence, `cands` sorted by `s`.
fn heaviest_chain(cands: &[(usize, usize, f64)], len_b: usize) -> Vec<(usize, usize)> {
    // Fenwick tree over t of (best chain weight ending at t or before, its candidate).
    let mut tree: Vec<(f64, Option<usize>)> = vec![(0.0, None); len_b + 1];
    let query = |tree: &[(f64, Option<usize>)], t: usize| {
        let (mut best, mut i) = ((0.0, None), t);
        while i > 0 {
            if tree[i].0 > best.0 {
                best = tree[i];
            }
            i &= i - 1;
        }
        best
    };
    let mut dp: Vec<(f64, Option<usize>)> = vec![(0.0, None); cands.len()];
    let mut start = 0;
    while start < cands.len() {
        let s = cands[start].0;
        let end = start + cands[start..].iter().take_while(|c| c.0 == s).count();
        // Chains ending at an earlier sentence of `a` and an earlier one of `b`.
        for k in start..end {
            let (w, prev) = query(&tree, cands[k].1);
            dp[k] = (w + cands[k].2, prev);
        }
        for (k, d) in dp.iter().enumerate().take(end).skip(start) {
            let mut i = cands[k].1 + 1;
            while i <= len_b {
                if d.0 > tree[i].0 {
                    tree[i] = (d.0, Some(k));
                }
                i += i & i.wrapping_neg();
            }
        }
        start = end;
    }
    let mut best = None;
    let mut weight = 0.0;
    for (k, d) in dp.iter().enumerate() {
        if d.0 > weight {
            weight = d.0;
            best = Some(k);
        }
    }
    let mut out = Vec::new();
    while let Some(k) = best {
        out.push((cands[k].0, cands[k].1));
        best = dp[k].1;
    }
    out.reverse();
    out
}

/// The figures of two counterpart sentences: equal values pair up in order; then a
/// figure left alone in its class on each side is the same claim changed, when the
/// sentences share enough to say so.
fn pair_figures(
    claims: &[Claim],
    infos: &[SentenceInfo],
    s: &Sentence,
    t: &Sentence,
    accept: &impl Fn(usize, usize, bool) -> bool,
    gap: bool,
    out: &mut Vec<(f64, u32, u32)>,
) {
    // (A claim index beyond u32 is dropped, as alignment counts claims in u32.)
    let mut add = |score: f64, a: usize, b: usize| {
        if let (Ok(lo), Ok(hi)) = (u32::try_from(a.min(b)), u32::try_from(a.max(b))) {
            out.push((score, lo, hi));
        }
    };
    let mut used_t = vec![false; t.figures.len()];
    let mut used_s = vec![false; s.figures.len()];
    let mut anchors = 0;
    for (x, &(a, ka)) in s.figures.iter().enumerate() {
        if let Some(y) = (0..t.figures.len()).find(|&y| !used_t[y] && t.figures[y].1 == ka) {
            used_t[y] = true;
            used_s[x] = true;
            anchors += 1;
            let b = t.figures[y].0;
            if accept(a, b, true) {
                add(1.05, a, b);
            }
        }
    }
    if anchors == 0 && !gap {
        return;
    }
    let scripts_differ = match (infos.get(s.info), infos.get(t.info)) {
        (Some(x), Some(y)) => x.cjk() != y.cjk(),
        _ => false,
    };
    if !scripts_differ && anchors < 2 {
        return;
    }
    let class = |i: usize| claims[i].quantity().map(|q| q.class().to_string());
    let left = |figs: &[(usize, u64)], used: &[bool]| -> Vec<usize> {
        figs.iter()
            .zip(used)
            .filter(|(_, u)| !**u)
            .map(|(f, _)| f.0)
            .collect()
    };
    let (ls, lt) = (left(s.figures, &used_s), left(t.figures, &used_t));
    for &a in &ls {
        let ca = class(a);
        let same_a = ls.iter().filter(|&&o| class(o) == ca).count();
        let mates: Vec<usize> = lt.iter().copied().filter(|&o| class(o) == ca).collect();
        // Sentences paired only by their place are held to every check of a claim, and
        // their figures must be of one size: a slip of a digit or two (31 metres / 21米),
        // not 700+ theme variables against "Vant 2".
        let comparable = anchors > 0 || mates.len() != 1 || of_one_size(claims, a, mates[0]);
        if same_a == 1 && mates.len() == 1 && comparable && accept(a, mates[0], anchors > 0) {
            let b = mates[0];
            add(0.4 + 0.1 * anchors as f64, a, b);
        }
    }
}

/// Whether two figures are within a factor of ten of each other, or the same number in
/// two scales of one unit (36 TB / 36 GB).
fn of_one_size(claims: &[Claim], a: usize, b: usize) -> bool {
    match (claims[a].quantity(), claims[b].quantity()) {
        (Some(x), Some(y)) => {
            let rescaled = crate::rules::unit_mismatch::rescaled(x, y);
            let (x, y) = (x.value.abs(), y.value.abs());
            x.max(y) <= 10.0 * x.min(y) || rescaled
        }
        _ => false,
    }
}

/// Quotes of two variants written in two languages, paired in order, when both
/// variants hold the same number of them at about the same places: a translation keeps
/// its quotes in order even when no word or name can be compared (Sofia Brandt /
/// 索菲亚·布兰特), and its speakers are then the original's.
pub fn ordered_quotes(ex: &Extraction, quotes: &[usize]) -> Vec<(usize, usize)> {
    let (claims, sentences) = (&ex.claims[..], &ex.sentences[..]);
    const NEAR: f64 = 0.1;
    let cjk = |q: usize| sentences.get(claims[q].sentence()).is_some_and(|s| s.cjk());
    let mut by_variant: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &q in quotes {
        by_variant.entry(claims[q].variant()).or_default().push(q);
    }
    let lists: Vec<&Vec<usize>> = by_variant.values().collect();
    let mut out = Vec::new();
    for (i, la) in lists.iter().enumerate() {
        for lb in lists.iter().skip(i + 1).take(ALL_PAIRS) {
            if la.len() != lb.len() {
                continue;
            }
            let fits = la.iter().zip(lb.iter()).all(|(&a, &b)| {
                cjk(a) != cjk(b)
                    && (ex.position(&claims[a]) - ex.position(&claims[b])).abs() <= NEAR
            });
            if fits {
                out.extend(la.iter().zip(lb.iter()).map(|(&a, &b)| (a, b)));
            }
        }
    }
    out
}

/// Up to this many pairs of dates, [`pair_dates`] compares the dates one by one.
const SCAN_DATES: usize = 64;

/// The dates of two counterpart sentences: when, after those that agree, one date is
/// left on each side and the two disagree (first released March 2023 / 2022 年 3 月首次
/// 发布), the same claim is dated differently. Forecasts pair only with forecasts.
fn pair_dates(claims: &[Claim], s: &Sentence, t: &Sentence, out: &mut Vec<(usize, usize)>) {
    use crate::claim::ClaimKind;
    let period = |i: usize| match &claims[i].kind {
        ClaimKind::Date(p) => Some(p),
        _ => None,
    };
    let (ds, dt): (Vec<usize>, Vec<usize>) = (
        s.dates.iter().map(|d| d.0).collect(),
        t.dates.iter().map(|d| d.0).collect(),
    );
    let scan = ds.len() * dt.len() <= SCAN_DATES;
    let (left_s, left_t) = unmatched_dates(&period, &ds, &dt, scan);
    if let ([a], [b]) = (left_s.as_slice(), left_t.as_slice()) {
        if claims[*a].forecast() == claims[*b].forecast() {
            out.push(((*a).min(*b), (*a).max(*b)));
        }
        return;
    }
    // Two to four left on each side ("began in September 2017 … in April 2022 we opened"
    // / 始于 2016 年 9 月…2021 年 4 月…开放): in order, when each two are written alike and
    // differ in one part only (the year, the month or the day), as a slip does.
    let n = left_s.len();
    if n != left_t.len() || !(2..=4).contains(&n) {
        return;
    }
    let slips = left_s.iter().zip(&left_t).all(|(&a, &b)| {
        claims[a].forecast() == claims[b].forecast()
            && matches!((period(a), period(b)), (Some(p), Some(q)) if one_part_differs(p, q))
    });
    if slips {
        out.extend(
            left_s
                .iter()
                .zip(&left_t)
                .map(|(&a, &b)| (a.min(b), a.max(b))),
        );
    }
}

/// Whether two dates are written to the same detail (a year, a month, a day, both with
/// their year) and differ in exactly one of year, month and day.
fn one_part_differs(p: &Period, q: &Period) -> bool {
    use crate::claim::date::{Span, YearFrom};
    if p.year_from != YearFrom::Stated || q.year_from != YearFrom::Stated {
        return false;
    }
    let years = usize::from(p.year != q.year);
    match (p.span, q.span) {
        (Span::Year, Span::Year) => years == 1,
        (Span::Month(m), Span::Month(n)) => years + usize::from(m != n) == 1,
        (Span::Day(m, d), Span::Day(n, e)) => {
            years + usize::from(m != n) + usize::from(d != e) == 1
        }
        _ => false,
    }
}

/// The dates of each side (claim indices) that no date of the other agrees with (a
/// claim that is no date agrees with none). `scan`: each date against each of the
/// other side's, as always for short sentences; else each distinct period once,
/// against the other side's distinct periods (equal periods never conflict, so an
/// equal one agrees at once).
fn unmatched_dates<'c>(
    period: &dyn Fn(usize) -> Option<&'c Period>,
    ds: &[usize],
    dt: &[usize],
    scan: bool,
) -> (Vec<usize>, Vec<usize>) {
    if scan {
        let agrees = |i: usize, others: &[usize]| {
            others.iter().any(|&o| match (period(i), period(o)) {
                (Some(p), Some(q)) => !p.conflicts(q),
                _ => false,
            })
        };
        return (
            ds.iter().copied().filter(|&i| !agrees(i, dt)).collect(),
            dt.iter().copied().filter(|&i| !agrees(i, ds)).collect(),
        );
    }
    let distinct = |list: &[usize]| -> Vec<&Period> {
        let mut v: Vec<&Period> = list.iter().filter_map(|&i| period(i)).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (ps, pt) = (distinct(ds), distinct(dt));
    let agreeing = |mine: &[&Period], theirs: &[&Period]| -> Vec<bool> {
        mine.iter()
            .map(|p| theirs.binary_search(p).is_ok() || theirs.iter().any(|q| !p.conflicts(q)))
            .collect()
    };
    let (agree_s, agree_t) = (agreeing(&ps, &pt), agreeing(&pt, &ps));
    let left = |list: &[usize], mine: &[&Period], agree: &[bool]| -> Vec<usize> {
        list.iter()
            .copied()
            .filter(|&i| !period(i).is_some_and(|p| mine.binary_search(&p).is_ok_and(|k| agree[k])))
            .collect()
    };
    (left(ds, &ps, &agree_s), left(dt, &pt, &agree_t))
}

/// The digits of a figure as written (3002亿元 → "3002"), if it has three to nine.
fn written_digits(ex: &Extraction, c: &Claim) -> Option<String> {
    let digits: String = ex.text(c).chars().filter(char::is_ascii_digit).collect();
    (3..=9).contains(&digits.len()).then_some(digits)
}

/// Figures of one variant, in different paragraphs, that restate one specific figure
/// wrongly: the same digits with two neighbours swapped (3002亿元 in the body, 3020亿元
/// in the conclusion), or the same value with another period (年均1870元 / 每月1870元).
/// Only figures with at least three significant digits count: round figures recur by
/// chance. Pairs `(a, b)`, a < b; buckets by unit and sorted digits keep it linear.
pub fn restated_figures(ex: &Extraction, in_play: impl Fn(&Claim) -> bool) -> Vec<(usize, usize)> {
    let claims = &ex.claims;
    /// Beyond this many figures with one key, none of them is specific.
    const MANY: usize = 6;
    let mut buckets: HashMap<(usize, String, String), Vec<usize>> = HashMap::default();
    for (i, c) in claims.iter().enumerate() {
        let Some(q) = c.quantity() else { continue };
        if !in_play(c) || matches!(q.unit, crate::claim::Unit::Duration(_)) || ex.row(c).is_some() {
            continue;
        }
        let Some(digits) = written_digits(ex, c) else {
            continue;
        };
        if digits.trim_end_matches('0').len() < 3 {
            continue;
        }
        let mut sorted: Vec<char> = digits.chars().collect();
        sorted.sort_unstable();
        buckets
            .entry((c.variant(), q.unit.label(), sorted.into_iter().collect()))
            .or_default()
            .push(i);
    }
    let mut out = Vec::new();
    for (a, qa, b, qb) in bucket_pairs(&buckets, MANY, claims) {
        let (ca, cb) = (&claims[a], &claims[b]);
        // (2,460 postcards and 2,640 stamps count two things.)
        let nouns_differ = matches!((qa.noun(), qb.noun()), (Some(x), Some(y)) if x != y);
        if ca.block() == cb.block()
            || qa.change != qb.change
            || ca.forecast() != cb.forecast()
            || nouns_differ
        {
            continue;
        }
        let (da, db) = (written_digits(ex, ca), written_digits(ex, cb));
        let same_value = crate::align::equal_values(qa, qb);
        let swapped = da != db
            && da
                .as_deref()
                .zip(db.as_deref())
                .is_some_and(|(x, y)| transposed(x, y));
        let other_period = same_value && qa.per() != qb.per();
        let close = (qa.value - qb.value).abs() <= 0.1 * qa.value.abs().max(qb.value.abs());
        if other_period || (swapped && close && qa.per() == qb.per()) {
            out.push((a.min(b), a.max(b)));
        }
    }
    out.sort_unstable();
    out
}

/// Every pair of figures (claim index and quantity, in bucket order) that share a bucket
/// of two to `many` figures: more than `many` with one key and none of them is specific.
fn bucket_pairs<'c, K>(
    buckets: &'c HashMap<K, Vec<usize>>,
    many: usize,
    claims: &'c [Claim],
) -> impl Iterator<
    Item = (
        usize,
        &'c crate::claim::Quantity,
        usize,
        &'c crate::claim::Quantity,
    ),
> {
    buckets
        .values()
        .filter(move |l| l.len() >= 2 && l.len() <= many)
        .flat_map(|list| {
            list.iter()
                .enumerate()
                .flat_map(move |(k, &a)| list[k + 1..].iter().map(move |&b| (a, b)))
        })
        .filter_map(|(a, b)| Some((a, claims[a].quantity()?, b, claims[b].quantity()?)))
}

/// The significant digits of a value (1,348 → 1348, 4,600 → 46, 1.3% → 13) and its
/// order of size (the exponent of its first digit), for values of two or more
/// significant digits.
fn digits_of(v: f64) -> Option<(u64, i32)> {
    let key = crate::claim::number::sci_key(v.abs(), 9);
    let (mut digits, exp) = (key & ((1 << 39) - 1), (key >> 40) as i32 - 400);
    while digits != 0 && digits % 10 == 0 {
        digits /= 10;
    }
    (digits >= 10).then_some((digits, exp))
}

/// How many times each decimal digit occurs in `n`, packed four bits a digit: equal
/// for two numbers written with the same digits in any order.
fn digit_counts(mut n: u64) -> u64 {
    let mut counts = 0u64;
    while n != 0 {
        counts += 1 << (4 * (n % 10));
        n /= 10;
    }
    counts
}

/// Figures of two variants that state one figure with two of its digits swapped (164
/// 位贡献者 / 146 people, 34,800吨 / 38,400 tonnes, 87.4 / 78.4): the commonest slip of
/// a translator or a redraft, found whatever the words around it. Both must stand at
/// about the same place in their variants, be of one unit, rate, change and order of
/// size, name no other subject or metric, and be the only such figure for each other;
/// and neither variant may state the other's value anywhere. Pairs `(a, b)`, a < b;
/// buckets by unit and digits keep it linear.
pub fn swapped_figures(ex: &Extraction, in_play: impl Fn(&Claim) -> bool) -> Vec<(usize, usize)> {
    /// Beyond this many figures with one key, none of them is specific.
    const MANY: usize = 6;
    /// How far apart (as a share of each variant) the two may stand.
    const NEAR: f64 = 0.1;
    /// How far apart two that name different subjects or metrics may stand.
    const CLOSE: f64 = 0.04;
    let claims = &ex.claims;
    type Key = (String, u64, i32);
    let mut buckets: HashMap<Key, Vec<usize>> = HashMap::default();
    // Every value each variant states, by class: a value the other variant also
    // states is no slip.
    let mut stated: crate::hashing::HashSet<(usize, &str, u64)> = Default::default();
    for (i, c) in claims.iter().enumerate() {
        let Some(q) = c.quantity() else { continue };
        if !in_play(c) {
            continue;
        }
        stated.insert((c.variant(), q.class(), q.value.to_bits()));
        if matches!(q.unit, crate::claim::Unit::Duration(_)) || q.high().is_some() {
            continue;
        }
        let Some((digits, exp)) = digits_of(q.value) else {
            continue;
        };
        let key = format!("{}|{}|{}", q.unit.label(), q.per_key(), q.change);
        buckets
            .entry((key, digit_counts(digits), exp))
            .or_default()
            .push(i);
    }
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (a, qa, b, qb) in bucket_pairs(&buckets, MANY, claims) {
        let (ca, cb) = (&claims[a], &claims[b]);
        if ca.variant() == cb.variant()
            || qa.value == qb.value
            || ca.forecast() != cb.forecast()
            || (ex.position(ca) - ex.position(cb)).abs() > NEAR
            || stated.contains(&(cb.variant(), qa.class(), qa.value.to_bits()))
            || stated.contains(&(ca.variant(), qb.class(), qb.value.to_bits()))
        {
            continue;
        }
        // Names and metrics read from a translation's words often differ; where
        // they do, the two must stand at one place.
        let metrics_differ = matches!((ca.metric, cb.metric), (Some(x), Some(y)) if x != y);
        let subjects_differ = matches!(
            (ex.subject(ca), ex.subject(cb)),
            (Some(sa), Some(sb)) if sa.root != sb.root && !sa.place && !sb.place
        );
        if (metrics_differ || subjects_differ) && (ex.position(ca) - ex.position(cb)).abs() > CLOSE
        {
            continue;
        }
        let swapped = match (digits_of(qa.value), digits_of(qb.value)) {
            (Some((x, _)), Some((y, _))) => one_swap(&x.to_string(), &y.to_string()),
            _ => false,
        };
        if swapped {
            found.push((a.min(b), a.max(b)));
        }
    }
    // Only a figure with one such partner in the other variant.
    let mut partners: HashMap<(usize, usize), usize> = HashMap::default();
    for &(a, b) in &found {
        *partners.entry((a, claims[b].variant())).or_default() += 1;
        *partners.entry((b, claims[a].variant())).or_default() += 1;
    }
    found.retain(|&(a, b)| {
        partners[&(a, claims[b].variant())] == 1 && partners[&(b, claims[a].variant())] == 1
    });
    found.sort_unstable();
    found
}

/// Two digit strings of one length that differ by one swap of two digits.
fn one_swap(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    matches!(diff.as_slice(), [i, j] if a[*i] == b[*j] && a[*j] == b[*i])
}

/// Two digit strings that differ by one swap of neighbouring digits.
fn transposed(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    matches!(diff.as_slice(), [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i])
}

#[cfg(test)]
mod tests {
    use super::{digit_counts, digits_of, heaviest_chain, one_swap, transposed, unmatched_dates};

    /// Significant digits and order of size: 4,600 and 6,400 share their digits and
    /// their order; 46 million and 4.6 亿 (460 million) share digits, not order.
    #[test]
    fn digits_and_order_of_a_value() {
        assert_eq!(digits_of(1348.0), Some((1348, 3)));
        assert_eq!(digits_of(4600.0), Some((46, 3)));
        assert_eq!(digits_of(0.013), Some((13, -2)));
        assert_eq!(digits_of(78.4), Some((784, 1)));
        assert_eq!(digits_of(5000.0), None, "one significant digit");
        assert_eq!(digit_counts(46), digit_counts(64));
        assert_ne!(digit_counts(46), digit_counts(66));
        assert_ne!(digits_of(46e6).map(|d| d.1), digits_of(460e6).map(|d| d.1));
    }

    /// A swap of any two digits, neighbours or not; never two changes.
    #[test]
    fn dates_that_differ_in_one_part() {
        use crate::claim::date::{Period, Span, YearFrom};
        let at = |year, span| Period {
            year,
            span,
            year_from: YearFrom::Stated,
        };
        let yes = [
            (at(2017, Span::Month(9)), at(2016, Span::Month(9))),
            (at(2026, Span::Month(5)), at(2026, Span::Month(6))),
            (at(2022, Span::Day(10, 14)), at(2022, Span::Day(10, 4))),
            (at(2019, Span::Year), at(2018, Span::Year)),
        ];
        for (p, q) in yes {
            assert!(super::one_part_differs(&p, &q), "{p:?} {q:?}");
        }
        let no = [
            (at(2019, Span::Month(3)), at(2018, Span::Month(5))),
            (at(2019, Span::Month(3)), at(2019, Span::Month(3))),
            (at(2019, Span::Month(3)), at(2018, Span::Year)),
            (at(2022, Span::Day(10, 14)), at(2022, Span::Month(10))),
        ];
        for (p, q) in no {
            assert!(!super::one_part_differs(&p, &q), "{p:?} {q:?}");
        }
    }

    #[test]
    fn one_swap_of_two_digits() {
        assert!(one_swap("164", "146"));
        assert!(one_swap("283", "382"));
        assert!(one_swap("46", "64"));
        assert!(!one_swap("164", "164"));
        assert!(!one_swap("1234", "2143"));
        assert!(!one_swap("123", "1234"));
        assert!(!one_swap("123", "124"));
    }
    use crate::claim::Period;
    use crate::claim::date::{Span, YearFrom};

    /// The distinct periods compared once answer as each date against each.
    #[test]
    fn unmatched_dates_by_period_as_by_date() {
        let mut below = crate::testrand::below(0xda7e_5eed);
        let mut periods: Vec<Option<Period>> = vec![None];
        for year in [2019, 2020, 2021] {
            for span in [
                Span::Year,
                Span::Quarter(1),
                Span::Quarter(3),
                Span::Half(2),
                Span::Month(3),
                Span::Month(9),
                Span::Day(3, 12),
                Span::Decade,
                Span::After,
                Span::By,
                Span::Since,
                Span::Fiscal(0),
                Span::Fiscal(2),
                Span::Split(3),
                Span::Season(1),
                Span::Range(7, 14, 7, 16),
            ] {
                for year_from in [YearFrom::Stated, YearFrom::Context, YearFrom::Unknown] {
                    let year = if year_from == YearFrom::Unknown {
                        0
                    } else {
                        year
                    };
                    periods.push(Some(Period {
                        year,
                        span,
                        year_from,
                    }));
                }
            }
        }
        let mut compared = 0;
        for _ in 0..4_000 {
            // A small palette per case, so that sides share periods now and then.
            let palette: Vec<usize> = (0..1 + below(8)).map(|_| below(periods.len())).collect();
            let claims: Vec<usize> = (0..2 + below(60))
                .map(|_| palette[below(palette.len())])
                .collect();
            let period = |i: usize| periods[claims[i]].as_ref();
            let cut = below(claims.len());
            let ds: Vec<usize> = (0..cut).collect();
            let dt: Vec<usize> = (cut..claims.len()).collect();
            assert_eq!(
                unmatched_dates(&period, &ds, &dt, false),
                unmatched_dates(&period, &ds, &dt, true),
                "{:?} | {:?}",
                ds.iter().map(|&i| period(i)).collect::<Vec<_>>(),
                dt.iter().map(|&i| period(i)).collect::<Vec<_>>()
            );
            compared += 1;
        }
        assert_eq!(compared, 4_000);
    }

    #[test]
    fn swapped_neighbours() {
        assert!(transposed("3002", "3020"));
        assert!(transposed("1870", "1780"));
        assert!(!transposed("3002", "3200"));
        assert!(!transposed("3002", "3002"));
        assert!(!transposed("123", "1234"));
    }

    #[test]
    fn chain_keeps_order_and_weight() {
        // (0,1) and (1,0) cross: the heavier wins; (2,2) follows either.
        let cands = [(0, 1, 1.0), (1, 0, 3.0), (2, 2, 1.0)];
        assert_eq!(heaviest_chain(&cands, 3), vec![(1, 0), (2, 2)]);
        // Each sentence once: two candidates of one `s` never chain together.
        let cands = [(0, 0, 1.0), (0, 1, 1.0)];
        assert_eq!(heaviest_chain(&cands, 2).len(), 1);
        assert!(heaviest_chain(&[], 0).is_empty());
    }
}
