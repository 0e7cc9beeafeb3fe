//! Sentence similarity for the rules that compare statements rather than figures
//! (attribution, coverage, dated events): character bigrams with entity names removed,
//! weighted by their rarity in the document, and an inverted index so that each
//! sentence is compared only with sentences that share a rare bigram.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::claim::text::bigrams;
use crate::claim::{Extraction, MentionSpan};
use crate::source::SourceFile;

/// Postings longer than this are too common to propose candidates.
const COMMON: usize = 50;

#[derive(Debug, Default)]
pub struct SentenceIndex {
    /// Per sentence: bigrams of its text with entity names removed.
    pub bigrams: Vec<HashSet<(char, char)>>,
    df: HashMap<(char, char), usize>,
    postings: HashMap<(char, char), Vec<usize>>,
    n: f64,
}

/// Bigrams of `text` (at source offset `base`) with the `cut` ranges left out.
pub fn bigrams_without(text: &str, base: usize, cut: &[Range<usize>]) -> HashSet<(char, char)> {
    if cut.is_empty() {
        return bigrams(text);
    }
    let kept: String = text
        .char_indices()
        .map(|(i, c)| {
            if cut.iter().any(|r| r.start <= base + i && base + i < r.end) {
                ' '
            } else {
                c
            }
        })
        .collect();
    bigrams(&kept)
}

/// Entity mentions inside `span` (mentions are sorted by position).
pub fn mentions_in<'a>(mentions: &'a [MentionSpan], span: &Range<usize>) -> &'a [MentionSpan] {
    let lo = mentions.partition_point(|m| m.span.start < span.start);
    let hi = mentions.partition_point(|m| m.span.start < span.end);
    &mentions[lo..hi.max(lo)]
}

impl SentenceIndex {
    pub fn build(source: &SourceFile, ext: &Extraction) -> Self {
        let mut idx = SentenceIndex {
            n: ext.sentences.len().max(1) as f64,
            ..Default::default()
        };
        for (i, s) in ext.sentences.iter().enumerate() {
            let cut: Vec<Range<usize>> = mentions_in(&ext.mentions, &s.span)
                .iter()
                .filter(|m| m.span.end <= s.span.end)
                .map(|m| m.span.clone())
                .collect();
            let b = bigrams_without(source.slice(&s.span), s.span.start, &cut);
            for bg in &b {
                *idx.df.entry(*bg).or_default() += 1;
                idx.postings.entry(*bg).or_default().push(i);
            }
            idx.bigrams.push(b);
        }
        idx
    }

    /// How telling a bigram is: rare ones weigh more.
    pub fn weight(&self, bg: &(char, char)) -> f64 {
        (1.0 + self.n / *self.df.get(bg).unwrap_or(&1) as f64).ln()
    }

    /// Rarity-weighted Dice similarity, 0.0 to 1.0.
    pub fn wsim(&self, a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> f64 {
        let total: f64 = a.iter().map(|x| self.weight(x)).sum::<f64>()
            + b.iter().map(|x| self.weight(x)).sum::<f64>();
        if total == 0.0 {
            return 0.0;
        }
        let (small, large) = if a.len() < b.len() { (a, b) } else { (b, a) };
        let shared: f64 = small
            .iter()
            .filter(|x| large.contains(x))
            .map(|x| self.weight(x))
            .sum();
        2.0 * shared / total
    }

    /// Sentences that share at least `min_share` of the query's bigrams (counting only
    /// bigrams that are not common), in index order.
    pub fn candidates(&self, query: &HashSet<(char, char)>, min_share: f64) -> Vec<usize> {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for bg in query {
            let Some(list) = self.postings.get(bg) else {
                continue;
            };
            if list.len() > COMMON {
                continue;
            }
            for &j in list {
                *counts.entry(j).or_default() += 1;
            }
        }
        let need = ((query.len() as f64) * min_share).ceil().max(1.0) as usize;
        let mut out: Vec<usize> = counts
            .into_iter()
            .filter(|&(j, n)| n >= need.min(self.bigrams[j].len().max(1)))
            .map(|(j, _)| j)
            .collect();
        out.sort_unstable();
        out
    }
}
