//! Sentence similarity for the rules that compare statements rather than figures
//! (attribution, coverage, dated events): character bigrams with entity names removed,
//! weighted by their rarity in the document, and an inverted index so that each
//! sentence is compared only with sentences that share a rare bigram.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use crate::claim::text::{Bigrams, bigrams, bigrams_of_chars};
use crate::claim::{Extraction, MentionSpan};
use crate::source::SourceFile;

/// Postings longer than this are too common to propose candidates.
const COMMON: usize = 50;

/// A multiply-rotate hasher for the integer keys here (packed bigrams, sentence
/// indices): these maps are probed millions of times on a large document, and SipHash's
/// protection against chosen keys buys nothing for bigrams of the user's own text.
#[derive(Default, Clone, Copy)]
pub struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

pub type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;
pub type IntSet<K> = std::collections::HashSet<K, BuildHasherDefault<IntHasher>>;

#[derive(Debug, Default)]
pub struct SentenceIndex {
    /// Per sentence: the number in `sets` of the bigrams of its text with entity names
    /// removed ([`SentenceIndex::bigrams`]). A u32 per sentence and each distinct set once,
    /// not a shared set's 16-byte handle and a total per sentence: drafts and translations
    /// repeat sentences, and a dense document has hundreds of thousands.
    of: Vec<u32>,
    /// Each distinct set of the document's sentences once.
    sets: Vec<Bigrams>,
    /// Each bigram of the document: its weight and its run of `postings`.
    bigram_info: IntMap<u64, BigramInfo>,
    /// Per set of `sets`: the sum of its bigrams' weights, summed in the same order as
    /// [`SentenceIndex::wsim`] sums them, so the cached total is the same number.
    totals: Vec<f64>,
    /// The sentences holding each bigram that is not common (see [`COMMON`]),
    /// ascending, one run per bigram: one list instead of a vector per bigram. A common
    /// bigram proposes no candidates, so it has no run (most of the text's bigram
    /// occurrences are of common ones).
    postings: Vec<u32>,
    n: f64,
}

#[derive(Debug, Default, Clone, Copy)]
struct BigramInfo {
    /// [`SentenceIndex::weight`], computed once: the rules ask for it millions of times
    /// on a large document, and a logarithm each time was a tenth of the whole run.
    weight: f64,
    /// Where the bigram's sentences start in `postings` ([`NO_RUN`] for a common
    /// bigram), and how many there are (its document frequency).
    start: u32,
    len: u32,
}

/// The start of a common bigram's run, which it does not have.
const NO_RUN: u32 = u32::MAX;

/// The weight of a bigram found in `df` of `n` sentences.
fn rarity(n: f64, df: u32) -> f64 {
    (1.0 + n / f64::from(df)).ln()
}

/// Bigrams of `text` (at source offset `base`) with the `cut` ranges left out.
pub fn bigrams_without(text: &str, base: usize, cut: &[Range<usize>]) -> Bigrams {
    if cut.is_empty() {
        return bigrams(text);
    }
    // Only letters make bigrams, so a left-out character is as good as a space.
    // A character is left out when a range starting at or before it ends after it: the
    // ranges in order of their start, and the furthest end of those begun so far (one
    // pass, not every range per character: a sentence may hold thousands of names).
    let sorted;
    let cut = if cut.is_sorted_by_key(|r| r.start) {
        cut
    } else {
        sorted = {
            let mut v = cut.to_vec();
            v.sort_by_key(|r| r.start);
            v
        };
        &sorted[..]
    };
    let mut next = 0;
    let mut reach = 0;
    bigrams_of_chars(
        text.char_indices()
            .filter(|&(i, _)| {
                let at = base + i;
                while let Some(r) = cut.get(next).filter(|r| r.start <= at) {
                    reach = reach.max(r.end);
                    next += 1;
                }
                at >= reach
            })
            .map(|(_, c)| c),
    )
}

/// Entity mentions inside `span` (mentions are sorted by position).
pub fn mentions_in<'a>(mentions: &'a [MentionSpan], span: &Range<usize>) -> &'a [MentionSpan] {
    let lo = mentions.partition_point(|m| m.span().start < span.start);
    let hi = mentions.partition_point(|m| m.span().start < span.end);
    &mentions[lo..hi.max(lo)]
}

impl SentenceIndex {
    pub fn build(source: &SourceFile, ext: &Extraction) -> Self {
        let mut idx = SentenceIndex {
            n: ext.sentences.len().max(1) as f64,
            ..Default::default()
        };
        idx.of.reserve_exact(ext.sentences.len());
        let mut numbers: crate::hashing::HashMap<Bigrams, u32> = Default::default();
        // Counted first, then each bigram's run is placed and filled in sentence order.
        for s in &ext.sentences {
            let cut: Vec<Range<usize>> = mentions_in(&ext.mentions, &s.span())
                .iter()
                .filter(|m| m.span().end <= s.span().end)
                .map(|m| m.span())
                .collect();
            let b = bigrams_without(source.slice(&s.span()), s.span().start, &cut);
            for bg in b.iter() {
                idx.bigram_info.entry(bg).or_default().len += 1;
            }
            let next = idx.sets.len() as u32;
            let k = *numbers.entry(b).or_insert_with_key(|b| {
                idx.sets.push(b.clone());
                next
            });
            idx.of.push(k);
        }
        drop(numbers);
        idx.sets.shrink_to_fit();
        let n = idx.n;
        let mut next = 0;
        for info in idx.bigram_info.values_mut() {
            info.weight = rarity(n, info.len);
            if info.len as usize > COMMON {
                info.start = NO_RUN;
            } else {
                info.start = next;
                next += std::mem::take(&mut info.len);
            }
        }
        idx.postings = vec![0; next as usize];
        for (i, &k) in idx.of.iter().enumerate() {
            for bg in idx.sets[k as usize].iter() {
                if let Some(info) = idx.bigram_info.get_mut(&bg) {
                    if info.start != NO_RUN {
                        idx.postings[(info.start + info.len) as usize] = i as u32;
                        info.len += 1;
                    }
                }
            }
        }
        idx.totals = idx.sets.iter().map(|b| idx.sum_weights(b)).collect();
        idx
    }

    /// The bigrams of sentence `s`'s text with entity names removed.
    pub fn bigrams(&self, s: usize) -> &Bigrams {
        &self.sets[self.of[s] as usize]
    }

    /// [`SentenceIndex::bigrams`], or none for a sentence the index does not hold.
    pub fn get(&self, s: usize) -> Option<&Bigrams> {
        self.of.get(s).map(|&k| &self.sets[k as usize])
    }

    /// How many sentences the index holds.
    pub fn len(&self) -> usize {
        self.of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.of.is_empty()
    }

    /// How telling a bigram is: rare ones weigh more.
    pub fn weight(&self, bg: u64) -> f64 {
        match self.bigram_info.get(&bg) {
            Some(info) => info.weight,
            None => rarity(self.n, 1),
        }
    }

    #[inline]
    fn sum_weights(&self, a: &Bigrams) -> f64 {
        a.iter().map(|x| self.weight(x)).sum::<f64>()
    }

    /// The summed weights of `a`: cached when `a` is one of this index's own sentences'
    /// sets (the rules compare those most), computed otherwise.
    fn total(&self, a: &Bigrams) -> f64 {
        let range = self.sets.as_ptr_range();
        let at = a as *const Bigrams as usize;
        let (lo, hi) = (range.start as usize, range.end as usize);
        if (lo..hi).contains(&at) {
            let k = (at - lo) / std::mem::size_of::<Bigrams>();
            if let Some(&t) = self.totals.get(k) {
                return t;
            }
        }
        self.sum_weights(a)
    }

    /// Rarity-weighted Dice similarity, 0.0 to 1.0.
    pub fn wsim(&self, a: &Bigrams, b: &Bigrams) -> f64 {
        self.wsim_totals((a, self.total(a)), (b, self.total(b)))
    }

    /// The summed weights of `a`, to keep for [`SentenceIndex::wsim_totals`] when a set
    /// that is not one of the index's sentences is compared many times.
    pub fn weights_of(&self, a: &Bigrams) -> f64 {
        self.total(a)
    }

    /// [`SentenceIndex::wsim`] of two sets given with their [`SentenceIndex::weights_of`]:
    /// the same number, without summing them again.
    pub fn wsim_totals(&self, (a, ta): (&Bigrams, f64), (b, tb): (&Bigrams, f64)) -> f64 {
        let total: f64 = ta + tb;
        if total == 0.0 {
            return 0.0;
        }
        let shared: f64 = a.shared(b).map(|x| self.weight(x)).sum();
        2.0 * shared / total
    }

    /// The rarity-weighted share of `part`'s bigrams that `whole` also holds, 0.0 to 1.0:
    /// how much of a clause ("季度股息提高") another sentence repeats.
    pub fn wcontained(&self, part: &Bigrams, whole: &Bigrams) -> f64 {
        let total: f64 = part.iter().map(|x| self.weight(x)).sum();
        if total == 0.0 {
            return 0.0;
        }
        part.shared(whole).map(|x| self.weight(x)).sum::<f64>() / total
    }

    /// Sentences that share at least `min_share` of the query's bigrams (counting only
    /// bigrams that are not common), in index order.
    pub fn candidates(&self, query: &Bigrams, min_share: f64) -> Vec<usize> {
        // Counts in a dense array indexed by sentence, reused between calls on this
        // thread (only the touched entries are reset): a map of counts, or sorting the
        // hits, was most of the cost of a query. The list of touched sentences is reused
        // too: grown afresh for every query, it was a fifth of the query's cost.
        thread_local! {
            static COUNTS: std::cell::RefCell<(Vec<u32>, Vec<usize>)> =
                const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
        }
        let need = ((query.len() as f64) * min_share).ceil().max(1.0) as usize;
        COUNTS.with_borrow_mut(|(counts, touched)| {
            if counts.len() < self.of.len() {
                counts.resize(self.of.len(), 0);
            }
            touched.clear();
            for bg in query.iter() {
                let Some(info) = self.bigram_info.get(&bg) else {
                    continue;
                };
                if info.len as usize > COMMON {
                    continue;
                }
                let list = &self.postings[info.start as usize..(info.start + info.len) as usize];
                for &j in list {
                    let n = &mut counts[j as usize];
                    if *n == 0 {
                        touched.push(j as usize);
                    }
                    *n += 1;
                }
            }
            let mut kept = Vec::with_capacity(touched.len());
            for &j in touched.iter() {
                let n = std::mem::take(&mut counts[j]) as usize;
                if n >= need.min(self.bigrams(j).len().max(1)) {
                    kept.push(j);
                }
            }
            kept.sort_unstable();
            kept
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`bigrams_without`] leaves out the characters the search of every range per
    /// character did, on generated texts with nested, overlapping, touching, empty and
    /// unordered ranges.
    #[test]
    fn one_pass_over_the_ranges_leaves_out_what_a_search_per_character_did() {
        fn reference(text: &str, base: usize, cut: &[Range<usize>]) -> Bigrams {
            if cut.is_empty() {
                return bigrams(text);
            }
            bigrams_of_chars(
                text.char_indices()
                    .filter(|&(i, _)| !cut.iter().any(|r| r.start <= base + i && base + i < r.end))
                    .map(|(_, c)| c),
            )
        }
        let pieces = [
            "特斯拉",
            "增长",
            "ab",
            "Tesla ",
            "，",
            "12%",
            "营收",
            " x",
            "数据",
        ];
        let mut next = crate::testrand::below(0x2545_F491_4F6C_DD1D);
        let mut differ = 0;
        for _ in 0..3000 {
            let text: String = (0..next(30)).map(|_| pieces[next(pieces.len())]).collect();
            let base = next(3) * 7;
            let mut cut: Vec<Range<usize>> = (0..next(8))
                .map(|_| {
                    let start = base + next(text.len() + 2);
                    start..start + next(12)
                })
                .collect();
            if next(2) == 0 {
                cut.sort_by_key(|r| r.start);
            }
            let got = bigrams_without(&text, base, &cut);
            assert_eq!(
                got.iter().collect::<Vec<_>>(),
                reference(&text, base, &cut).iter().collect::<Vec<_>>(),
                "{text:?} at {base}, cut {cut:?}"
            );
            differ += usize::from(got.iter().count() != bigrams(&text).iter().count());
        }
        // (The ranges did leave characters out.)
        assert!(differ > 500, "{differ}");
    }
}
