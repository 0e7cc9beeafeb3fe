//! `claim-coverage`: a claim that some variants make and others leave out.

use std::collections::{HashMap, HashSet};

use super::{Findings, Rule, RuleContext};
use crate::report::{Related, Severity};
use crate::similar::mentions_in;

pub struct ClaimCoverage;

impl Rule for ClaimCoverage {
    fn code(&self) -> &'static str {
        "claim-coverage"
    }
    fn default_severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "a claim that some variants make and others leave out"
    }
    fn docs(&self) -> &'static str {
        "## What it does\n\
         Finds a statistic about a company, product or person that one variant states while \
         another variant discusses the same subject but leaves the figure out.\n\n\
         ## Why it matters\n\
         A merged edition or a translation that silently drops a fact is incomplete; the \
         reader of one version learns less than the reader of another.\n\n\
         ## Flagged\n\
         版本1: 法国政府投资4亿欧元支持Mistral AI / 版本二: 法国支持Mistral AI (no amount)\n\n\
         ## Not flagged\n\
         A variant that never discusses the point (it is a different text, not a gap)."
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Findings<'_>) {
        let a = ctx.a;
        if a.named_count() < 2 {
            return;
        }
        let claims = &a.extraction.claims;
        let sentences = &a.extraction.sentences;
        let idx = &a.sentences;
        let sentence_variant: Vec<usize> = sentences
            .iter()
            .map(|s| a.variant_at(s.span().start))
            .collect();
        let by_subject = SubjectSentences::build(a, &sentence_variant);
        // Each variant's figures by value: a variant that states the same figure in a
        // sentence like this one has not left it out, whatever the alignment paired.
        // Each figure's value key is numbered (the map of keys is dropped at once), and
        // the index is (variant, key number, claim), sorted: a dense document has a
        // figure every few dozen bytes, and a string and a list per figure was the
        // largest part of this rule's memory.
        let value_ids: Vec<u32> = {
            let mut ids: HashMap<String, u32> = HashMap::new();
            claims
                .iter()
                .map(|o| match o.quantity() {
                    Some(q) => {
                        let next = ids.len() as u32;
                        *ids.entry(value_key(q)).or_insert(next)
                    }
                    None => u32::MAX,
                })
                .collect()
        };
        let mut by_value: Vec<(u32, u32, u32)> = claims
            .iter()
            .zip(&value_ids)
            .enumerate()
            .filter(|(_, (_, id))| **id != u32::MAX)
            .map(|(k, (o, &id))| (o.variant() as u32, id, k as u32))
            .collect();
        by_value.sort_unstable();
        let same_value = |v: usize, id: u32| {
            let key = (v as u32, id);
            let lo = by_value.partition_point(|e| (e.0, e.1) < key);
            by_value[lo..]
                .iter()
                .take_while(move |e| (e.0, e.1) == key)
                .map(|e| e.2 as usize)
        };
        // Each variant's counted figures by noun: a variant that counts the same thing
        // in a sentence like this one states its own figure (60,000 children by 2025 /
        // 75,000 children a year by 2027), a mismatch candidate and not an omission.
        let mut by_noun: HashMap<(usize, &str), Vec<usize>> = HashMap::new();
        for (k, o) in claims.iter().enumerate() {
            if let Some(noun) = o.quantity().and_then(|q| q.noun()) {
                let list = by_noun.entry((o.variant(), noun)).or_default();
                if list.len() < 64 {
                    list.push(k);
                }
            }
        }
        // Sentences by the Latin words they hold (names in Chinese text), to meet a
        // figure's translation: 9 output sinks, including Loki, Elasticsearch and S3 /
        // 支持多种输出目标，包括 Loki、Elasticsearch 和 S3.
        // One list of sentence indices, each word's run of it in sentence order.
        let mut by_word: HashMap<u64, (u32, u32)> = HashMap::new();
        for s in sentences {
            for &w in a.extraction.latin(s) {
                by_word.entry(w).or_default().1 += 1;
            }
        }
        let mut next = 0;
        for (start, len) in by_word.values_mut() {
            *start = next;
            next += std::mem::take(len);
        }
        let mut word_sentences = vec![0u32; next as usize];
        for (k, s) in sentences.iter().enumerate() {
            for w in a.extraction.latin(s) {
                if let Some((start, len)) = by_word.get_mut(w) {
                    word_sentences[(*start + *len) as usize] = k as u32;
                    *len += 1;
                }
            }
        }
        let translations = |k: usize| -> Vec<usize> {
            let own = &sentences[k];
            let mut out: Vec<usize> = a
                .extraction
                .latin(own)
                .iter()
                .filter_map(|w| by_word.get(w))
                .filter(|(_, len)| *len <= 64)
                .flat_map(|&(start, len)| &word_sentences[start as usize..(start + len) as usize])
                .map(|&j| j as usize)
                .filter(|&j| sentences[j].cjk() != own.cjk())
                .collect();
            out.sort_unstable();
            out.dedup();
            out.retain(|&j| {
                crate::claim::text::shared_names(
                    a.extraction.names(own),
                    a.extraction.names(&sentences[j]),
                ) >= 0.6
            });
            out
        };
        let mut done_groups: HashSet<usize> = HashSet::new();
        for (i, c) in claims.iter().enumerate() {
            // Statistics everywhere; any other figure with a count or unit (9 output sinks,
            // 14 kB) only against its translation, where dropping it is plainly a gap.
            let statistic = a.extraction.is_statistic(c);
            let figure = c.quantity().is_some_and(|q| {
                !matches!(q.unit, crate::claim::Unit::Duration(_))
                    && (q.noun().is_some() || !matches!(q.unit, crate::claim::Unit::Count))
            });
            if !(statistic || figure) || !a.is_named(c.variant()) {
                continue;
            }
            let members: Vec<usize> = match a.alignment.group_of(i) {
                Some(g) => {
                    if !done_groups.insert(g) {
                        continue;
                    }
                    a.alignment.groups[g].members.clone()
                }
                None => vec![i],
            };
            let present: HashSet<usize> = members.iter().map(|&m| claims[m].variant()).collect();
            let query = &idx.bigrams[c.sentence()];
            let mut related = Vec::new();
            let mut best_by_variant: Vec<(usize, usize, f64)> = Vec::new(); // (variant, sentence, score)
            let mut cands = idx.candidates(query, 0.15);
            // Sentences that repeat most of the figure's own clause (上调季度股息 for
            // 季度股息提高150%), however long the rest of them.
            let context = a.extraction.context(c);
            if context.len() >= 3 {
                for k in idx.candidates(context, 0.5) {
                    if let Err(at) = cands.binary_search(&k) {
                        cands.insert(at, k);
                    }
                }
            }
            let translated = translations(c.sentence());
            for &k in &translated {
                if let Err(at) = cands.binary_search(&k) {
                    cands.insert(at, k);
                }
            }
            if let Some(subj) = a
                .extraction
                .subject(c)
                .and_then(|s| by_subject.get(s.id.as_str()))
            {
                let found = cands.len();
                for k in subj.near(a.extraction.position(c)) {
                    if cands[..found].binary_search(&k).is_err() {
                        cands.push(k);
                    }
                }
            }
            for j in cands {
                let v = sentence_variant[j];
                if present.contains(&v) || !a.is_named(v) {
                    continue;
                }
                let score = idx.wsim(query, &idx.bigrams[j]);
                // A variant's translation of this sentence is the place to compare with,
                // however many words another sentence shares with it.
                let rank = |j: usize, score: f64| (translated.binary_search(&j).is_ok(), score);
                match best_by_variant.iter_mut().find(|(bv, _, _)| *bv == v) {
                    Some(b) if rank(b.1, b.2) >= rank(j, score) => {}
                    Some(b) => *b = (v, j, score),
                    None => best_by_variant.push((v, j, score)),
                }
            }
            best_by_variant.sort_unstable_by_key(|b| b.0);
            for (v, j, score) in best_by_variant {
                let span = &sentences[j].span();
                let theirs = mentions_in(&a.extraction.mentions, span);
                let names_subject = a.extraction.subject(c).is_some_and(|subj| {
                    theirs
                        .iter()
                        .any(|m| m.entity.id == subj.id || m.entity.root == subj.id)
                });
                // Other names both sentences share (Tesla FSD … Waymo; 法国 … Mistral AI).
                let shared_names =
                    mentions_in(&a.extraction.mentions, &sentences[c.sentence()].span())
                        .iter()
                        .filter(|m| {
                            a.extraction
                                .subject(c)
                                .is_none_or(|subj| m.entity.id != subj.id)
                        })
                        .filter(|m| theirs.iter().any(|t| t.entity.id == m.entity.id))
                        .count();
                let metric_word = a.extraction.metric(c).is_some_and(|metric| {
                    a.lex
                        .metrics
                        .find_all(a.text(span))
                        .any(|(_, &k)| &*a.lex.metric_ids[k] == metric)
                });
                // The other variant discusses the same thing: a close paraphrase, or a
                // sentence about the same subject that shares a name, a metric or wording.
                let term = if context.len() >= 3 {
                    idx.wcontained(context, &idx.bigrams[j])
                } else {
                    0.0
                };
                let is_translation = translated.binary_search(&j).is_ok();
                if !statistic && !is_translation {
                    continue;
                }
                let discusses = score >= 0.4
                    || term >= 0.45
                    || is_translation
                    || (names_subject && (score >= 0.15 || shared_names >= 1 || metric_word));
                // A sentence that states its own figure for this metric is a mismatch
                // candidate, not an omission.
                let states_figure = claims[a.extraction.claims_of(j)].iter().any(|o| {
                    o.quantity().is_some_and(|q| {
                        c.quantity().is_some_and(|cq| {
                            cq.class() == q.class()
                                && (o.metric.is_none()
                                    || o.metric == c.metric
                                    // A translation's metric is read from other
                                    // words; the same figure is the same claim.
                                    || (is_translation && value_key(cq) == value_key(q)))
                        })
                    })
                });
                // (value_ids[i] is the key of c's figure, when c is one.)
                let states_elsewhere = c.quantity().is_some_and(|cq| {
                    same_value(v, value_ids[i]).any(|o| {
                        let o = &claims[o];
                        // 167万名女性 twice: the same count of the same thing.
                        let same_noun = cq.noun().is_some()
                            && o.quantity().is_some_and(|q| q.noun() == cq.noun());
                        o.metric == c.metric
                            || same_noun
                            || idx.wsim(query, &idx.bigrams[o.sentence()]) >= 0.3
                    })
                });
                let counts_same = c
                    .quantity()
                    .and_then(|cq| cq.noun())
                    .and_then(|noun| by_noun.get(&(v, noun)))
                    .is_some_and(|list| {
                        list.iter()
                            .any(|&o| idx.wsim(query, &idx.bigrams[claims[o].sentence()]) >= 0.25)
                    });
                // "an 8-core laptop", "24-bit WAV": the number is there, in a compound
                // that is not read as a figure of its own.
                let written_there = discusses
                    && written_number(a.extraction.text(c))
                        .is_some_and(|n| has_number(a.text(span), &n));
                if discusses
                    && !states_figure
                    && !states_elsewhere
                    && !counts_same
                    && !written_there
                {
                    related.push(Related {
                        file: a.file.clone(),
                        variant: a.variant_id(v),
                        span: span.clone(),
                        message: "discusses the same point here without the figure".to_string(),
                    });
                }
            }
            if related.is_empty() {
                continue;
            }
            let names: Vec<&str> = related
                .iter()
                .filter_map(|r| r.variant.as_deref())
                .collect();
            let mut f = ctx.finding(
                self,
                c.span(),
                c.variant(),
                format!(
                    "{} ({}) is stated here but left out of {}, which {} the same point",
                    ctx.topic(i),
                    ctx.shown(i),
                    names.join(", "),
                    if names.len() == 1 { "makes" } else { "make" }
                ),
                "add the figure to the other variants, or drop it here if it no longer holds",
            );
            f.related = related;
            out.push(f);
        }
    }
}

/// The number of a figure as written, digits and decimal point only ("8 核" → "8",
/// "1,240 小时" → "1240"), when it is written in digits.
fn written_number(text: &str) -> Option<String> {
    let n: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    let n = n.trim_end_matches('.').to_string();
    (!n.is_empty()).then_some(n)
}

/// Whether `text` holds `number` as the number of an English compound ("8-core",
/// "24-bit"), not inside another number (180, 1.8).
fn has_number(text: &str, number: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(number).any(|(i, _)| {
        let before = i
            .checked_sub(1)
            .is_some_and(|j| bytes[j].is_ascii_digit() || matches!(bytes[j], b'.' | b','));
        // Only a compound: a bare "5" elsewhere in the sentence is too common to say
        // the figure is there.
        let compound =
            matches!(&bytes[i + number.len()..], [b'-', l, ..] if l.is_ascii_alphabetic());
        !before && compound
    })
}

/// A figure's value and kind as a map key (same_value compares to 9 significant digits).
fn value_key(q: &crate::claim::Quantity) -> String {
    format!(
        "{}|{:.8e}|{:?}",
        q.class(),
        q.value,
        q.high().map(|h| format!("{h:.8e}"))
    )
}

/// A subject named in more sentences than this is compared only with the sentences
/// nearest the claim's place in each variant (see [`Named::near`]).
const MANY: usize = 256;
/// How many sentences on each side of the claim's place, per variant, then.
const WINDOW: usize = 64;

/// For each entity id, the sentences that name it: built once per document, instead of
/// a pass over every mention for every claim (quadratic on a long document).
struct SubjectSentences<'a>(HashMap<&'a str, Named>);

/// The sentences naming one entity, ascending, and per variant their places in it.
struct Named {
    sentences: Vec<usize>,
    /// Per variant: (place in the variant 0.0–1.0, sentence), ascending.
    by_variant: Vec<(usize, Vec<(f64, usize)>)>,
}

impl<'a> SubjectSentences<'a> {
    fn build(a: &'a crate::Analysis<'_>, sentence_variant: &[usize]) -> Self {
        let sentences = &a.extraction.sentences;
        let mut map: HashMap<&'a str, Named> = HashMap::new();
        for m in &a.extraction.mentions {
            // The sentence that holds (or follows) the mention, as the rule always took it.
            let k = sentences.partition_point(|s| s.span().end <= m.span().start);
            if k >= sentences.len() {
                continue;
            }
            let named = map.entry(m.entity.id.as_str()).or_insert_with(|| Named {
                sentences: Vec::new(),
                by_variant: Vec::new(),
            });
            // Mentions come in document order, so sentence indices never go down.
            if named.sentences.last() != Some(&k) {
                named.sentences.push(k);
            }
        }
        for named in map.values_mut() {
            if named.sentences.len() <= MANY {
                continue;
            }
            for &k in &named.sentences {
                let v = sentence_variant[k];
                let r = &a.variants[v].range;
                let place = (sentences[k].span().start.saturating_sub(r.start)) as f64
                    / r.len().max(1) as f64;
                match named.by_variant.iter_mut().find(|(bv, _)| *bv == v) {
                    Some((_, list)) => list.push((place, k)),
                    None => named.by_variant.push((v, vec![(place, k)])),
                }
            }
            // `near` reads only the places now.
            named.sentences = Vec::new();
            for (_, list) in &mut named.by_variant {
                list.shrink_to_fit();
            }
        }
        SubjectSentences(map)
    }

    fn get(&self, id: &str) -> Option<&Named> {
        self.0.get(id)
    }
}

impl Named {
    /// The sentences to compare a claim at `place` with, ascending: all of them, or for
    /// a subject named in more than [`MANY`] sentences (only on very long documents)
    /// the [`WINDOW`] nearest on each side of the same place in each variant, since
    /// drafts keep their order. Without that bound every claim about a common subject
    /// meets every sentence naming it, and a 50 MB document never finishes.
    fn near(&self, place: f64) -> Vec<usize> {
        if self.by_variant.is_empty() {
            return self.sentences.clone();
        }
        let mut out = Vec::new();
        for (_, list) in &self.by_variant {
            let at = list.partition_point(|&(p, _)| p < place);
            let lo = at.saturating_sub(WINDOW);
            let hi = (at + WINDOW).min(list.len());
            out.extend(list[lo..hi].iter().map(|&(_, k)| k));
        }
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{has_number, written_number};

    #[test]
    fn a_number_written_in_a_compound() {
        assert_eq!(written_number("8 核").as_deref(), Some("8"));
        assert_eq!(written_number("1,240 小时").as_deref(), Some("1240"));
        assert!(has_number("on an 8-core laptop.", "8"));
        assert!(has_number("24-bit WAV", "24"));
        assert!(!has_number("180 cities", "8"));
        assert!(!has_number("1.8 GB", "8"));
        assert!(!has_number("8-5 GB", "5"));
        assert!(!has_number("5 Python versions", "5"));
    }
}
