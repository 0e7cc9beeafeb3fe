//! Block counterparts for `claim-coverage`: which paragraph, list item, heading or table
//! row of one variant renders a given one of another. Drafts and translations keep the
//! order of their blocks, so blocks that share rare anchors (a figure or a date few
//! blocks state, rare Latin words such as names, or most of their wording within one
//! script) are chained in order, a heaviest increasing chain as for sentences in
//! [`crate::counterpart`]; a block between two chained ones corresponds to what stands
//! between their counterparts, and a block with nothing there has no counterpart: the
//! other variant does not discuss it.
//!
//! Work grows with the anchors each block holds, never with pairs of blocks: anchors
//! meet through a sorted index, and a value or word that many blocks hold is no anchor.

use crate::hashing::HashMap;
use std::ops::Range;

use crate::Analysis;

/// A figure or date held by more blocks of a variant than this says nothing about
/// which block renders which.
const RARE_KEY: usize = 6;
/// A Latin word (a name, or any word of an English text) held by more blocks of a
/// variant than this is no anchor.
const RARE_WORD: usize = 2;
/// Weight of a shared rare figure or date, of a shared rare word (at most
/// [`WORDS_CAP`] for one pair of blocks), and of wording (times the similarity).
const KEY_WEIGHT: f64 = 1.0;
const WORD_WEIGHT: f64 = 0.4;
const WORDS_CAP: f64 = 1.2;
const SIM_WEIGHT: f64 = 2.0;
/// Two sentences in one script this similar render one another.
const SIM: f64 = 0.35;
/// How far apart (as a share of each variant) two counterpart blocks may stand.
const DRIFT: f64 = 0.25;
/// Beyond this many named variants, only neighbouring variants are paired.
const ALL_PAIRS: usize = 8;

/// Two units (indices within their variants) that may render one another, weighed.
type Candidate = (usize, usize, f64);

/// One block of prose (a paragraph, list item or heading), or a table's row.
#[derive(Debug, Clone)]
struct Unit {
    /// Its sentences, a run of [`crate::claim::Extraction::sentences`].
    sentences: Range<u32>,
    variant: u32,
    /// Where it stands in its variant, 0.0 to 1.0.
    position: f64,
}

/// Where a block's counterpart stands in another variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The units of the other variant that may render it: the one chained to it; or,
    /// for a block chained to none, those from the counterpart of the chained block
    /// before it to that of the chained block after it, both included (a translation
    /// may merge a list into the paragraph beside it).
    pub theirs: Range<usize>,
    /// The block's own variant's units over the same stretch (the block itself alone
    /// when it is chained).
    pub ours: Range<usize>,
    /// The block is chained to `theirs` (then a single unit).
    pub chained: bool,
    /// Chained by a shared figure or date, or by most of its wording: not by names
    /// alone.
    pub strong: bool,
    /// Nothing of the other variant stands strictly between the chained blocks around
    /// this one: the other variant leaves its stretch out.
    pub left_out: bool,
}

/// The blocks of a document and their counterparts in each other variant.
#[derive(Debug, Default)]
pub struct Blocks {
    /// Per sentence: its unit.
    unit_of: Vec<u32>,
    units: Vec<Unit>,
    /// Per variant index: its units, a run of `units`.
    runs: HashMap<usize, Range<usize>>,
    /// Per pair of variants (v < w): chained units (global indices), increasing in both.
    chains: HashMap<(usize, usize), Vec<(u32, u32)>>,
    /// The named variants with prose, ascending, and whether all pairs of them are
    /// compared (else each with the next).
    named: Vec<usize>,
    all_pairs: bool,
    /// Chained pairs of units (lower variant's first) that share a figure, a date or
    /// most of their wording.
    strong: crate::hashing::HashSet<(u32, u32)>,
    /// The variants written mostly in Chinese.
    chinese: crate::hashing::HashSet<usize>,
}

/// A figure's or a date's value as a key: two claims with one key state one value.
fn claim_key(c: &crate::claim::Claim) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match &c.kind {
        crate::claim::ClaimKind::Quantity(q) => {
            q.class().hash(&mut h);
            nine_digits(q.value).hash(&mut h);
            q.high().map(nine_digits).hash(&mut h);
        }
        crate::claim::ClaimKind::Date(p) => {
            "date".hash(&mut h);
            p.label().hash(&mut h);
        }
        _ => return None,
    }
    Some(h.finish())
}

/// A value to nine significant digits, as (mantissa, exponent): two values that agree
/// to nine digits (as [`crate::claim::number::same_value`] compares) share it, but for
/// the rare pair that rounds apart.
fn nine_digits(v: f64) -> (i64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v.to_bits() as i64, 0);
    }
    let e = v.abs().log10().floor() as i32;
    ((v / 10f64.powi(e - 8)).round() as i64, e)
}

/// A pair of units (global indices, the lower variant's first) as one u64, ordered as
/// the pair.
fn pack(x: u32, y: u32) -> u64 {
    (u64::from(x) << 32) | u64::from(y)
}

/// What the units of one pair of variants share: a packed pair of units ([`pack`]) for
/// each rare figure or date and each rare word they share, and each wording similarity
/// (times [`SIM_WEIGHT`]).
#[derive(Debug, Default)]
struct Anchors {
    keys: Vec<u64>,
    words: Vec<u64>,
    sims: Vec<(u64, f64)>,
}

impl Anchors {
    /// The candidate pairs (local indices: less `x0` and `y0`), sorted, with their
    /// weight, and whether each is strong: a pair of units with what they share
    /// weighed, unless they stand too far apart in their variants.
    fn candidates(&mut self, units: &[Unit], x0: usize, y0: usize) -> (Vec<Candidate>, Vec<bool>) {
        self.keys.sort_unstable();
        self.words.sort_unstable();
        self.sims.sort_unstable_by_key(|s| s.0);
        let mut cands = Vec::new();
        let mut strong = Vec::new();
        let (mut i, mut j, mut k) = (0, 0, 0);
        loop {
            let next = [
                self.keys.get(i).copied(),
                self.words.get(j).copied(),
                self.sims.get(k).map(|s| s.0),
            ];
            let Some(pair) = next.into_iter().flatten().min() else {
                break;
            };
            // Figures and dates, words, wording: summed and taken at their largest as
            // one weight per pair of units would be.
            let mut w = [0.0f64; 3];
            while self.keys.get(i) == Some(&pair) {
                w[0] += KEY_WEIGHT;
                i += 1;
            }
            while self.words.get(j) == Some(&pair) {
                w[1] += WORD_WEIGHT;
                j += 1;
            }
            while let Some(&(_, sim)) = self.sims.get(k).filter(|s| s.0 == pair) {
                w[2] = w[2].max(sim);
                k += 1;
            }
            let (x, y) = ((pair >> 32) as usize, (pair & u64::from(u32::MAX)) as usize);
            let (Some(ux), Some(uy)) = (units.get(x), units.get(y)) else {
                continue;
            };
            if (ux.position - uy.position).abs() > DRIFT {
                continue;
            }
            cands.push((x - x0, y - y0, w[0] + w[1].min(WORDS_CAP) + w[2]));
            strong.push(w[0] > 0.0 || w[2] > 0.0);
        }
        (cands, strong)
    }
}

impl Blocks {
    pub fn build(a: &Analysis<'_>) -> Blocks {
        let ex = &a.extraction;
        let sentences = &ex.sentences;
        let mut b = Blocks {
            unit_of: Vec::with_capacity(sentences.len()),
            ..Blocks::default()
        };
        // Units: runs of sentences of one block, or of one table row, in one variant.
        let mut last: Option<((u32, u32, u32), u32)> = None;
        for (k, s) in sentences.iter().enumerate() {
            let block = s.block as usize;
            let key = match a.doc.blocks.get(block).and_then(|bl| bl.cell) {
                Some(cell) => (1, cell.table, cell.row),
                None => (0, s.block, 0),
            };
            let v = a.variant_at(s.span().start);
            let vu = u32::try_from(v).unwrap_or(u32::MAX);
            let k32 = u32::try_from(k).unwrap_or(u32::MAX);
            if last == Some((key, vu)) {
                if let Some(u) = b.units.last_mut() {
                    u.sentences.end = k32 + 1;
                }
            } else {
                let r = &a.variants[v].range;
                let position =
                    s.span().start.saturating_sub(r.start) as f64 / r.len().max(1) as f64;
                b.units.push(Unit {
                    sentences: k32..k32 + 1,
                    variant: vu,
                    position,
                });
                last = Some((key, vu));
            }
            b.unit_of
                .push(u32::try_from(b.units.len() - 1).unwrap_or(u32::MAX));
        }
        let mut scripts: HashMap<usize, (usize, usize)> = HashMap::default();
        for u in &b.units {
            let e = scripts.entry(u.variant as usize).or_default();
            let run = &sentences[u.sentences.start as usize..u.sentences.end as usize];
            e.0 += run.iter().filter(|s| s.cjk()).count();
            e.1 += run.len();
        }
        b.chinese = scripts
            .into_iter()
            .filter(|(_, (zh, all))| 2 * zh > *all)
            .map(|(v, _)| v)
            .collect();
        for (i, u) in b.units.iter().enumerate() {
            b.runs
                .entry(u.variant as usize)
                .and_modify(|r| r.end = i + 1)
                .or_insert(i..i + 1);
        }
        let mut named: Vec<usize> = b.runs.keys().copied().filter(|&v| a.is_named(v)).collect();
        named.sort_unstable();
        if named.len() < 2 {
            return b;
        }
        let all_pairs = named.len() <= ALL_PAIRS;
        b.named = named.clone();
        b.all_pairs = all_pairs;
        // The pairs of variants compared: all of them, or each with the next.
        let next_of: HashMap<usize, usize> = named.windows(2).map(|w| (w[0], w[1])).collect();
        let paired = |v: usize, w: usize| {
            v != w
                && a.is_named(v)
                && a.is_named(w)
                && (all_pairs || next_of.get(&v.min(w)) == Some(&v.max(w)))
        };
        // The Latin words of the sentences written in Chinese: the names a
        // translation keeps. (Two English drafts meet by their figures and wording;
        // every word of theirs would be most of the work.)
        let mut names: crate::similar::IntSet<u64> = crate::similar::IntSet::default();
        for u in b.units.iter().filter(|u| a.is_named(u.variant as usize)) {
            let run = &sentences[u.sentences.start as usize..u.sentences.end as usize];
            for sentence in run.iter().filter(|s| s.cjk()) {
                names.extend(ex.latin(sentence).iter().copied());
            }
        }
        // Anchors: (key, variant, unit) for figures and dates, and for names.
        let mut keys: Vec<(u64, u32, u32)> = Vec::with_capacity(ex.claims.len());
        let mut words: Vec<(u64, u32, u32)> = Vec::new();
        for (ui, u) in b.units.iter().enumerate() {
            if !a.is_named(u.variant as usize) {
                continue;
            }
            let ui = u32::try_from(ui).unwrap_or(u32::MAX);
            let first = u.sentences.start as usize;
            let run = &sentences[first..u.sentences.end as usize];
            for (k, sentence) in run.iter().enumerate() {
                for c in &ex.claims[ex.claims_of(first + k)] {
                    if let Some(key) = claim_key(c) {
                        keys.push((key, u.variant, ui));
                    }
                }
                if !names.is_empty() {
                    let latin = ex.latin(sentence).iter();
                    words.extend(
                        latin
                            .filter(|w| names.contains(w))
                            .map(|&w| (w, u.variant, ui)),
                    );
                }
            }
        }
        // What each pair of units shares, gathered per pair of variants (the lower
        // variant's unit first): a pair of units packed in a u64 (`pack`) for each
        // rare figure or date and each rare word they share, and each wording
        // similarity of theirs. Counted per pair of variants once sorted, not summed in
        // a map over every pair of units: on a dense document (a million figures) that
        // map was the top of the run's memory. (Keyed by a pair of variant indices,
        // looked up for every anchor: the integer hasher, not SipHash.)
        let mut anchors: crate::similar::IntMap<(usize, usize), Anchors> = Default::default();
        let units = &b.units;
        let mut meet = |list: &mut Vec<(u64, u32, u32)>, rare: usize, words: bool| {
            list.sort_unstable();
            list.dedup();
            let mut start = 0;
            while start < list.len() {
                let key = list[start].0;
                let end = start + list[start..].iter().take_while(|e| e.0 == key).count();
                // The key's units, grouped by variant.
                let run = &list[start..end];
                let mut groups: Vec<&[(u64, u32, u32)]> = Vec::new();
                let mut g = 0;
                while g < run.len() {
                    let v = run[g].1;
                    let n = run[g..].iter().take_while(|e| e.1 == v).count();
                    groups.push(&run[g..g + n]);
                    g += n;
                }
                for (i, gx) in groups.iter().enumerate() {
                    if gx.len() > rare {
                        continue;
                    }
                    for gy in groups.iter().skip(i + 1) {
                        let (vx, vy) = (gx[0].1 as usize, gy[0].1 as usize);
                        if gy.len() > rare || !paired(vx, vy) {
                            continue;
                        }
                        let to = anchors.entry((vx, vy)).or_default();
                        let to = if words { &mut to.words } else { &mut to.keys };
                        for x in gx.iter() {
                            to.extend(gy.iter().map(|y| pack(x.2, y.2)));
                        }
                    }
                }
                start = end;
            }
        };
        meet(&mut keys, RARE_KEY, false);
        meet(&mut words, RARE_WORD, true);
        drop(keys);
        drop(words);
        // Wording within one script: each sentence with a figure against the sentences
        // that share its rare bigrams.
        let idx = &a.sentences;
        for (k, s) in sentences.iter().enumerate() {
            let x = b.unit_of[k];
            let vx = units[x as usize].variant as usize;
            if !a.is_named(vx) || ex.claims_of(k).is_empty() {
                continue;
            }
            let Some(query) = idx.get(k) else {
                continue;
            };
            for j in idx.candidates(query, 0.3) {
                let y = b.unit_of[j];
                let vy = units[y as usize].variant as usize;
                if !paired(vx, vy) || sentences[j].cjk() != s.cjk() {
                    continue;
                }
                let sim = idx.wsim(query, idx.bigrams(j));
                if sim < SIM {
                    continue;
                }
                let (pair, variants) = if vx < vy {
                    (pack(x, y), (vx, vy))
                } else {
                    (pack(y, x), (vy, vx))
                };
                anchors
                    .entry(variants)
                    .or_default()
                    .sims
                    .push((pair, SIM_WEIGHT * sim));
            }
        }
        // Per pair of variants: the candidates, as local indices, then the chain. A
        // chained pair of units is strong when they share a figure, a date or most of
        // their wording (only chained pairs are asked).
        let mut pairs: Vec<(usize, usize)> = anchors.keys().copied().collect();
        pairs.sort_unstable();
        let mut chains = HashMap::default();
        for (vx, vy) in pairs {
            let Some(mut found) = anchors.remove(&(vx, vy)) else {
                continue;
            };
            let (Some(rx), Some(ry)) = (b.runs.get(&vx), b.runs.get(&vy)) else {
                continue;
            };
            let (cands, strong) = found.candidates(units, rx.start, ry.start);
            drop(found);
            let chain = crate::counterpart::ordered_chain(&cands, ry.len());
            let as_global: Vec<(u32, u32)> = chain
                .into_iter()
                .map(|(x, y)| ((rx.start + x) as u32, (ry.start + y) as u32))
                .collect();
            for &(x, y) in &as_global {
                let local = ((x as usize - rx.start), (y as usize - ry.start));
                let at = cands.partition_point(|c| (c.0, c.1) < local);
                if strong.get(at).copied().unwrap_or(false) {
                    b.strong.insert((x, y));
                }
            }
            chains.insert((vx, vy), as_global);
        }
        b.chains = chains;
        b
    }

    /// The variants compared with variant `v`.
    pub fn compared(&self, v: usize) -> Vec<usize> {
        let Ok(at) = self.named.binary_search(&v) else {
            return Vec::new();
        };
        if self.all_pairs {
            return self.named.iter().copied().filter(|&w| w != v).collect();
        }
        let mut out = Vec::new();
        if let Some(k) = at.checked_sub(1) {
            out.push(self.named[k]);
        }
        if let Some(&w) = self.named.get(at + 1) {
            out.push(w);
        }
        out
    }

    /// Whether variant `v` is written mostly in Chinese.
    pub fn chinese(&self, v: usize) -> bool {
        self.chinese.contains(&v)
    }

    /// The unit of sentence `k`.
    pub fn unit_of(&self, k: usize) -> Option<usize> {
        self.unit_of.get(k).map(|&u| u as usize)
    }

    /// The sentences of a unit.
    pub fn sentences(&self, unit: usize) -> Range<usize> {
        self.units.get(unit).map_or(0..0, |u| {
            u.sentences.start as usize..u.sentences.end as usize
        })
    }

    /// Where unit `x` finds its counterpart in variant `w`, when its variant and `w`
    /// were compared.
    pub fn place(&self, x: usize, w: usize) -> Option<Place> {
        let v = self.units.get(x)?.variant as usize;
        if !self.compared(v).contains(&w) {
            return None;
        }
        let none = Vec::new();
        let (chain, flip) = if v < w {
            (self.chains.get(&(v, w)).unwrap_or(&none), false)
        } else {
            (self.chains.get(&(w, v)).unwrap_or(&none), true)
        };
        let (ours_run, theirs_run) = (self.runs.get(&v)?, self.runs.get(&w)?);
        let pick = |p: &(u32, u32)| -> (usize, usize) {
            if flip {
                (p.1 as usize, p.0 as usize)
            } else {
                (p.0 as usize, p.1 as usize)
            }
        };
        // Chains increase in both indices, so either side is sorted.
        let at = chain.partition_point(|p| pick(p).0 < x);
        if let Some(p) = chain.get(at).map(pick).filter(|p| p.0 == x) {
            return Some(Place {
                theirs: p.1..p.1 + 1,
                ours: x..x + 1,
                chained: true,
                strong: {
                    let (x32, y32) = (x as u32, p.1 as u32);
                    self.strong
                        .contains(&if flip { (y32, x32) } else { (x32, y32) })
                },
                left_out: false,
            });
        }
        // The chained blocks around it, or the ends of the variants.
        let before = at.checked_sub(1).map(|i| pick(&chain[i]));
        let after = chain.get(at).map(pick);
        let (x0, y0) = before.unwrap_or((ours_run.start, theirs_run.start));
        let (x1, y1) = after.map_or((ours_run.end, theirs_run.end), |(x, y)| (x + 1, y + 1));
        let inner = before.map_or(theirs_run.start, |(_, y)| y + 1)
            ..after.map_or(theirs_run.end, |(_, y)| y);
        Some(Place {
            theirs: y0..y1.max(y0),
            ours: x0..x1.max(x0),
            chained: false,
            strong: false,
            left_out: inner.is_empty(),
        })
    }
}
