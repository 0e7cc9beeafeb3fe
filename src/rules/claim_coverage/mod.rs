//! `claim-coverage`: a claim that some variants make and others leave out.

mod blocks;
mod numbers;

use crate::hashing::{HashMap, HashSet};
use std::ops::Range;

use super::{Findings, Rule, RuleContext};
use crate::align::equal_values;
use crate::claim::Quantity;
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
        // u32s: one per sentence, held through the rule.
        let sentence_variant: Vec<u32> = sentences
            .iter()
            .map(|s| a.variant_at(s.span().start) as u32)
            .collect();
        let by_subject = SubjectSentences::build(a, &sentence_variant);
        let blocks = blocks::Blocks::build(a);
        // Each variant's figures by value: a variant that states the same figure in a
        // sentence like this one has not left it out, whatever the alignment paired.
        // Each figure's value key is numbered (the map of keys is dropped at once), and
        // the index is (variant, key number, claim), sorted: a dense document has a
        // figure every few dozen bytes, and a string and a list per figure was the
        // largest part of this rule's memory.
        let value_ids: Vec<u32> = {
            let mut ids: HashMap<(&str, u64, Option<u64>), u32> = HashMap::default();
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
        let mut by_noun: HashMap<(usize, &str), Vec<usize>> = HashMap::default();
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
        // One list of sentence indices, each word's run of it in sentence order. Only a
        // word of at most COMMON_WORD sentences is looked through, so only such a word
        // has a run (NO_RUN for the others, which keep their count): on a dense document
        // the common words' runs were most of the list.
        const COMMON_WORD: u32 = 64;
        const NO_RUN: u32 = u32::MAX;
        let mut by_word: HashMap<u64, (u32, u32)> = HashMap::default();
        for s in sentences {
            for &w in a.extraction.latin(s) {
                by_word.entry(w).or_default().1 += 1;
            }
        }
        let mut next = 0;
        for (start, len) in by_word.values_mut() {
            if *len > COMMON_WORD {
                *start = NO_RUN;
                continue;
            }
            *start = next;
            next += std::mem::take(len);
        }
        let mut word_sentences = vec![0u32; next as usize];
        for (k, s) in sentences.iter().enumerate() {
            for w in a.extraction.latin(s) {
                if let Some((start, len)) = by_word.get_mut(w) {
                    if *start != NO_RUN {
                        word_sentences[(*start + *len) as usize] = k as u32;
                        *len += 1;
                    }
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
                .filter(|(start, len)| *start != NO_RUN && *len <= COMMON_WORD)
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
        let mut done_groups: HashSet<usize> = HashSet::default();
        let mut places = Places::default();
        for (i, c) in claims.iter().enumerate() {
            // Statistics everywhere; any other figure with a count or unit (9 output sinks,
            // 14 kB) only against its translation, where dropping it is plainly a gap.
            let statistic = a.extraction.is_statistic(c);
            let figure = c.quantity().is_some_and(|q| {
                !matches!(q.unit, crate::claim::Unit::Duration(_))
                    && (q.noun().is_some() || !matches!(q.unit, crate::claim::Unit::Count))
            });
            if !(statistic || figure)
                || !a.is_named(c.variant())
                || !written_as_figure(a.extraction.text(c))
            {
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
            // What each other variant's counterpart of this block says.
            let verdicts: Vec<(usize, Verdict)> = blocks
                .compared(c.variant())
                .into_iter()
                .map(|w| (w, verdict(a, &blocks, &mut places, i, w)))
                .collect();
            // Only a figure that one variant alone states: the counterpart of another
            // variant that states it too makes it a figure the variants share.
            if verdicts.iter().any(|(_, v)| *v == Verdict::States) {
                continue;
            }
            let query = idx.bigrams(c.sentence());
            let figure_values = figure_values(a, c);
            let mut related = Vec::new();
            let mut best_by_variant: Vec<(usize, usize, f64)> = Vec::new(); // (variant, sentence, score)
            // Sentences like this one, searched only for the variants whose blocks
            // could not be placed: the blocks decide for the others.
            let search = verdicts.len() + 1 < a.named_count()
                || verdicts
                    .iter()
                    .any(|(w, x)| *x == Verdict::Unsure && !present.contains(w));
            let mut cands = if search {
                idx.candidates(query, 0.15)
            } else {
                Vec::new()
            };
            // Sentences that repeat most of the figure's own clause (上调季度股息 for
            // 季度股息提高150%), however long the rest of them.
            let context = a.extraction.context(c);
            if search && context.len() >= 3 {
                for k in idx.candidates(context, 0.5) {
                    if let Err(at) = cands.binary_search(&k) {
                        cands.insert(at, k);
                    }
                }
            }
            let translated = if search {
                translations(c.sentence())
            } else {
                Vec::new()
            };
            for &k in &translated {
                if let Err(at) = cands.binary_search(&k) {
                    cands.insert(at, k);
                }
            }
            if let Some(subj) = a
                .extraction
                .subject(c)
                .filter(|_| search)
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
                let v = sentence_variant[j] as usize;
                if present.contains(&v) || !a.is_named(v) {
                    continue;
                }
                let score = idx.wsim(query, idx.bigrams(j));
                // A variant's translation of this sentence is the place to compare with,
                // however many words another sentence shares with it.
                let rank = |j: usize, score: f64| (translated.binary_search(&j).is_ok(), score);
                match best_by_variant.iter_mut().find(|(bv, _, _)| *bv == v) {
                    Some(b) if rank(b.1, b.2) >= rank(j, score) => {}
                    Some(b) => *b = (v, j, score),
                    None => best_by_variant.push((v, j, score)),
                }
            }
            for &(w, x) in &verdicts {
                if let Verdict::Leaves(t) = x {
                    if !present.contains(&w) && !best_by_variant.iter().any(|b| b.0 == w) {
                        best_by_variant.push((w, t, 1.0));
                    }
                }
            }
            best_by_variant.sort_unstable_by_key(|b| b.0);
            for (v, j, score) in best_by_variant {
                let verdict = verdicts
                    .iter()
                    .find(|(w, _)| *w == v)
                    .map_or(Verdict::Unsure, |(_, x)| *x);
                let (j, score, by_block) = match verdict {
                    Verdict::Leaves(t) => (t, score, true),
                    // Blocks that cannot be placed: the sentence most like this one.
                    Verdict::Unsure => (j, score, false),
                    _ => continue,
                };
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
                    idx.wcontained(context, idx.bigrams(j))
                } else {
                    0.0
                };
                let is_translation = translated.binary_search(&j).is_ok();
                if !statistic && !is_translation && !by_block {
                    continue;
                }
                let discusses = by_block
                    || score >= 0.4
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
                            || idx.wsim(query, idx.bigrams(o.sentence())) >= 0.3
                    })
                });
                let counts_same = c
                    .quantity()
                    .and_then(|cq| cq.noun())
                    .and_then(|noun| by_noun.get(&(v, noun)))
                    .is_some_and(|list| {
                        list.iter()
                            .any(|&o| idx.wsim(query, idx.bigrams(claims[o].sentence())) >= 0.25)
                    });
                // "an 8-core laptop", "a 3,900-tonne increase", 两倍 for twice: the
                // number is there, in a form not read as a figure of its own.
                let written_there = discusses && numbers::writes_any(a.text(span), &figure_values);
                // Another count of the same thing in this variant (430 customers
                // against the 340 of its own table), whose value the other variant
                // states: a restatement that disagrees, not a figure left out.
                let restated = c
                    .quantity()
                    .and_then(|cq| cq.noun())
                    .and_then(|noun| by_noun.get(&(c.variant(), noun)))
                    .is_some_and(|list| {
                        list.iter().any(|&o| {
                            o != i
                                && c.metric.is_some()
                                && claims[o].metric == c.metric
                                && value_ids[o] != value_ids[i]
                                && same_value(v, value_ids[o]).next().is_some()
                        })
                    });
                // (The blocks have weighed the figures of the counterpart already,
                // against those of this variant's own block.)
                let states_figure = states_figure && !by_block;
                if discusses
                    && !states_figure
                    && !states_elsewhere
                    && !counts_same
                    && !written_there
                    && !restated
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

/// The longest stretch of blocks read as one place.
const STRETCH: usize = 4;

/// What the counterpart of a figure's block in another variant says about the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// The two variants were not compared, or the counterpart is unclear.
    Unsure,
    /// Nothing there renders the figure's sentence: the other variant does not
    /// discuss it.
    Absent,
    /// The counterpart states this figure.
    States,
    /// The counterpart states another figure of its kind.
    Other,
    /// The sentence that renders the figure's, without it.
    Leaves(usize),
}

/// The verdict on claim `i` in variant `w`: find the blocks of `w` that render its
/// block ([`blocks::Blocks::place`]), then the sentence among them that renders its
/// sentence.
fn verdict<'a>(
    a: &'a crate::Analysis<'_>,
    blocks: &blocks::Blocks,
    places: &mut Places<'a>,
    i: usize,
    w: usize,
) -> Verdict {
    let ex = &a.extraction;
    let c = &ex.claims[i];
    let Some(cq) = c.quantity() else {
        return Verdict::Unsure;
    };
    let s = c.sentence();
    let Some(place) = blocks.unit_of(s).and_then(|x| blocks.place(x, w)) else {
        return Verdict::Unsure;
    };
    // (With nothing between the chained blocks around it, a sentence of theirs may
    // still render it: a translation may merge a list into the paragraph beside it.)
    if place.theirs.len() > STRETCH || place.ours.len() > STRETCH || place.theirs.is_empty() {
        return Verdict::Unsure;
    }
    let span_of = |units: &Range<usize>| {
        blocks.sentences(units.start).start..blocks.sentences(units.end - 1).end
    };
    let (ours, theirs) = (span_of(&place.ours), span_of(&place.theirs));
    let figures = places.get(ex, (ours.clone(), theirs.clone()));
    if figures.states(cq) {
        return Verdict::States;
    }
    if figures.other(cq) {
        return Verdict::Other;
    }
    match counterpart_sentence(a, blocks, &place, i, (ours, theirs)) {
        Some(t) => Verdict::Leaves(t),
        None => Verdict::Absent,
    }
}

/// The figures of a place's two sides (its own variant's sentences, the other
/// variant's), read once per place: every figure of a sentence asks about the same
/// place, and a long sentence has thousands.
struct PlaceFigures<'a> {
    spans: (Range<usize>, Range<usize>),
    ours: Vec<&'a Quantity>,
    theirs: Vec<&'a Quantity>,
    /// For a place of more than [`SCAN_FIGURES`] figures: theirs by value, and the
    /// classes of theirs that none of ours states (sorted).
    index: Option<(ByValue<'a>, Vec<&'a str>)>,
}

/// Up to this many figures in a place, its figures are compared one by one.
const SCAN_FIGURES: usize = 32;

impl<'a> PlaceFigures<'a> {
    /// The index of a place of many figures: theirs by value, and the classes of theirs
    /// that none of ours states (sorted).
    fn index_of(ours: &[&'a Quantity], theirs: &[&'a Quantity]) -> (ByValue<'a>, Vec<&'a str>) {
        let our_values = ByValue::new(ours);
        let mut unstated: Vec<&str> = theirs
            .iter()
            .filter(|q| !our_values.any_equal(q))
            .map(|q| q.class())
            .collect();
        unstated.sort_unstable();
        unstated.dedup();
        (ByValue::new(theirs), unstated)
    }

    fn new(ex: &'a crate::claim::Extraction, spans: (Range<usize>, Range<usize>)) -> Self {
        let figures = |r: Range<usize>| -> Vec<&'a Quantity> {
            r.flat_map(|k| ex.claims_of(k))
                .filter_map(|o| ex.claims[o].quantity())
                .collect()
        };
        let (ours, theirs) = (figures(spans.0.clone()), figures(spans.1.clone()));
        let index = (ours.len() + theirs.len() > SCAN_FIGURES)
            .then(|| PlaceFigures::index_of(&ours, &theirs));
        PlaceFigures {
            spans,
            ours,
            theirs,
            index,
        }
    }

    /// A figure there equal to `cq`.
    fn states(&self, cq: &Quantity) -> bool {
        match &self.index {
            Some((by_value, _)) => by_value.any_equal(cq),
            None => self.theirs.iter().any(|q| equal_values(q, cq)),
        }
    }

    /// A figure of `cq`'s kind there that none of ours states: another figure for the
    /// same thing (a mismatch), or one that cannot be told apart from it.
    /// (A bound or an estimate that a figure there satisfies is that figure, stated
    /// otherwise: 突破2万亿元 against 2.0059万亿元.)
    fn other(&self, cq: &Quantity) -> bool {
        let bound = cq.bound != crate::lexicon::Bound::Exact;
        match &self.index {
            Some((_, unstated)) => {
                unstated.binary_search(&cq.class()).is_ok()
                    || (bound
                        && self
                            .theirs
                            .iter()
                            .any(|q| q.class() == cq.class() && super::bounds_agree(cq, q)))
            }
            None => self.theirs.iter().any(|q| {
                q.class() == cq.class()
                    && (!self.ours.iter().any(|o| equal_values(o, q))
                        || (bound && super::bounds_agree(cq, q)))
            }),
        }
    }
}

/// The places asked about last (a few: a claim's verdicts ask one place per other
/// variant, and claims come in document order).
#[derive(Default)]
struct Places<'a>(Vec<PlaceFigures<'a>>);

impl<'a> Places<'a> {
    fn get(
        &mut self,
        ex: &'a crate::claim::Extraction,
        spans: (Range<usize>, Range<usize>),
    ) -> &PlaceFigures<'a> {
        let at = match self.0.iter().position(|p| p.spans == spans) {
            Some(at) => at,
            None => {
                if self.0.len() >= 8 {
                    self.0.remove(0);
                }
                self.0.push(PlaceFigures::new(ex, spans));
                self.0.len() - 1
            }
        };
        &self.0[at]
    }
}

/// Figures found by value: [`equal_values`] holds only within 1e-9 of the larger
/// value, so a window around a value in a list sorted by value holds every figure
/// equal to it (each then compared). Values that are not finite (which
/// `same_value` calls equal to an infinite one) are kept apart and always compared.
struct ByValue<'a> {
    sorted: Vec<&'a Quantity>,
    odd: Vec<&'a Quantity>,
}

impl<'a> ByValue<'a> {
    fn new(figures: &[&'a Quantity]) -> Self {
        let (mut sorted, odd): (Vec<&Quantity>, Vec<&Quantity>) =
            figures.iter().partition(|q| q.value.is_finite());
        sorted.sort_by(|x, y| x.value.total_cmp(&y.value));
        ByValue { sorted, odd }
    }

    fn any_equal(&self, q: &Quantity) -> bool {
        if !q.value.is_finite() {
            return self
                .sorted
                .iter()
                .chain(&self.odd)
                .any(|o| equal_values(o, q));
        }
        // |a − b| ≤ 1e-9·max(|a|, |b|) gives |a − b| < 2e-9·|a|; the rest is margin for
        // rounding and for values too small for the product.
        let tol = q.value.abs() * 4e-9 + 1e-300;
        let (lo, hi) = (q.value - tol, q.value + tol);
        let from = self.sorted.partition_point(|o| o.value < lo);
        self.sorted[from..]
            .iter()
            .take_while(|o| o.value <= hi)
            .any(|o| equal_values(o, q))
            || self.odd.iter().any(|o| equal_values(o, q))
    }
}

/// Of the sentences `theirs`, the one that renders claim `i`'s sentence: in one
/// script the most similar, if similar enough; across scripts the one that shares its
/// other figures, dates or names; else, within two chained blocks of as many
/// sentences, the one at the same place.
fn counterpart_sentence(
    a: &crate::Analysis<'_>,
    blocks: &blocks::Blocks,
    place: &blocks::Place,
    i: usize,
    (ours, theirs): (Range<usize>, Range<usize>),
) -> Option<usize> {
    let ex = &a.extraction;
    let idx = &a.sentences;
    let c = &ex.claims[i];
    let s = c.sentence();
    let own = &ex.sentences[s];
    let query = idx.bigrams(s);
    let context = ex.context(c);
    let w = a.variant_at(ex.sentences[theirs.start].span().start);
    let cross = blocks.chinese(c.variant()) != blocks.chinese(w);
    if !cross {
        let best = theirs
            .clone()
            .map(|t| {
                let sim = idx.wsim(query, idx.bigrams(t));
                let term = if context.len() >= 3 {
                    idx.wcontained(context, idx.bigrams(t))
                } else {
                    0.0
                };
                (sim + 0.5 * term, sim >= 0.25 || term >= 0.5, t)
            })
            .max_by(|x, y| x.0.total_cmp(&y.0));
        if let Some((_, true, t)) = best {
            // The sentence of this variant that `t` renders best must be this one:
            // else `t` renders another, and this one is a sentence this variant alone
            // has (an outlook only one draft adds to its paragraph).
            let back = ours
                .clone()
                .map(|o| (idx.wsim(idx.bigrams(t), idx.bigrams(o)), o))
                .max_by(|x, y| x.0.total_cmp(&y.0));
            return back.filter(|&(_, o)| o == s).map(|_| t);
        }
    } else {
        // The other claims of the sentence, as values.
        let others: Vec<&crate::claim::Claim> = ex.claims[ex.claims_of(s)]
            .iter()
            .enumerate()
            .filter(|(k, _)| ex.claims_of(s).start + k != i)
            .map(|(_, o)| o)
            .collect();
        let shares = |t: usize| {
            let theirs = &ex.claims[ex.claims_of(t)];
            let values = others
                .iter()
                .filter(|o| theirs.iter().any(|x| same_claim_value(o, x)))
                .count();
            let names = crate::claim::text::shared_names(ex.names(own), ex.names(&ex.sentences[t]));
            values as f64 + names
        };
        let mut best: Vec<(f64, usize)> = theirs
            .clone()
            .map(|t| (shares(t), t))
            .filter(|(x, _)| *x > 0.0)
            .collect();
        best.sort_by(|x, y| y.0.total_cmp(&x.0));
        match best.as_slice() {
            [(_, t)] => return Some(*t),
            [(x, t), (y, _), ..] if x > y => return Some(*t),
            _ => {}
        }
    }
    // By place, in chained blocks of as many sentences: across scripts, where a
    // translation keeps the names; in one script, only blocks chained by a figure, a
    // date or their wording (two drafts name the same companies everywhere).
    if place.chained && (cross || place.strong) {
        let ours = blocks.sentences(place.ours.start);
        if ours.len() == theirs.len() {
            return Some(theirs.start + (s - ours.start));
        }
    }
    None
}

/// Two claims that state one value: equal figures, or dates of one label.
fn same_claim_value(x: &crate::claim::Claim, y: &crate::claim::Claim) -> bool {
    use crate::claim::ClaimKind;
    match (&x.kind, &y.kind) {
        (ClaimKind::Quantity(p), ClaimKind::Quantity(q)) => equal_values(p, q),
        (ClaimKind::Date(p), ClaimKind::Date(q)) => p.label() == q.label(),
        _ => false,
    }
}

/// The values a sentence may write a figure's number as: its value, its number as
/// written (3.6 for 3.6 万), for a percentage its fraction (25% as a quarter), and
/// between percentage points and basis points the other (0.25 percentage points as
/// 25 basis points, which extraction reads as a bare 25).
fn figure_values(a: &crate::Analysis<'_>, c: &crate::claim::Claim) -> Vec<f64> {
    let Some(q) = c.quantity() else {
        return Vec::new();
    };
    let mut out = vec![q.value, q.written()];
    match q.unit {
        crate::claim::Unit::Percent => out.push(q.value / 100.0),
        crate::claim::Unit::Points => out.push(q.value * 100.0),
        _ => {}
    }
    let after = a.source.text.get(c.span().end..).unwrap_or("").trim_start();
    let head = after
        .get(..after.len().min(16))
        .unwrap_or("")
        .to_ascii_lowercase();
    if head.starts_with("basis point")
        || head.starts_with("bp")
        || after.starts_with("个基点")
        || after.starts_with("基点")
    {
        out.push(q.value / 100.0);
    }
    out
}

/// Whether a figure's text writes a number of its own: digits, a Chinese numeral with
/// a digit in it (四十五, 两倍), or words (Nine, a quarter). A bare magnitude (百亿美元)
/// and Chinese digits read one by one (二三线, 二〇二四) are not figures to report.
fn written_as_figure(text: &str) -> bool {
    use crate::claim::number::{is_cn_digit, is_cn_numeral_char, is_digit};
    if text.chars().any(is_digit) {
        return true;
    }
    let numeral: Vec<char> = text.chars().filter(|&ch| is_cn_numeral_char(ch)).collect();
    if numeral.is_empty() {
        return text.chars().any(|ch| ch.is_ascii_alphabetic());
    }
    let digits = numeral.iter().filter(|&&ch| is_cn_digit(ch)).count();
    digits > 0 && !(digits == numeral.len() && digits > 1)
}

/// A figure's value and kind as a map key (same_value compares to 9 significant digits):
/// the class, and the keys of `format!("{:.8e}")` of the value and of the range's top
/// ([`crate::claim::number::sci_key`]). Equal exactly when the string
/// "class|{value:.8e}|{top:?}" it replaces was: neither formatted part holds a '|'.
fn value_key(q: &crate::claim::Quantity) -> (&str, u64, Option<u64>) {
    use crate::claim::number::sci_key;
    (
        q.class(),
        sci_key(q.value, 8),
        q.high().map(|h| sci_key(h, 8)),
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
    /// u32s: an entity of a dense document is named in hundreds of thousands.
    sentences: Vec<u32>,
    /// Per variant: (place in the variant 0.0–1.0, sentence), ascending.
    by_variant: Vec<(usize, Vec<(f64, usize)>)>,
}

impl<'a> SubjectSentences<'a> {
    fn build(a: &'a crate::Analysis<'_>, sentence_variant: &[u32]) -> Self {
        let sentences = &a.extraction.sentences;
        let mut map: HashMap<&'a str, Named> = HashMap::default();
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
            let k = k as u32;
            if named.sentences.last() != Some(&k) {
                named.sentences.push(k);
            }
        }
        for named in map.values_mut() {
            if named.sentences.len() <= MANY {
                continue;
            }
            for &k in &named.sentences {
                let k = k as usize;
                let v = sentence_variant[k] as usize;
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
            return self.sentences.iter().map(|&k| k as usize).collect();
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
    use super::{PlaceFigures, Quantity, written_as_figure};
    use crate::claim::Unit;
    use crate::lexicon::Bound;

    /// The index of a place's figures answers as the scan over them (`index: None`),
    /// on generated lists of figures with near-equal, zero, negative, infinite and
    /// NaN values, ranges, bounds and several classes.
    #[test]
    fn place_index_answers_as_the_scan() {
        let mut below = crate::testrand::below(0x5eed_cafe);
        let values = [
            0.0,
            -0.0,
            1.0,
            1.0 + 1e-10,
            1.0 + 3e-9,
            1.0 - 1e-10,
            12.0,
            12.000_000_01,
            -12.0,
            30.0,
            31.5,
            1.6e9,
            1.600_000_001e9,
            1e-310,
            2e-310,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        let figure = |below: &mut dyn FnMut(usize) -> usize| {
            let unit = match below(4) {
                0 => Unit::Percent,
                1 => Unit::Count,
                2 => Unit::Multiple,
                _ => Unit::Points,
            };
            let mut q = Quantity::new(values[below(values.len())], unit);
            q.bound = [Bound::Exact, Bound::Lower, Bound::Upper, Bound::Approx][below(4)];
            if below(5) == 0 {
                q.set_high(Some(values[below(values.len())]));
            }
            q
        };
        let mut checked = 0;
        for _ in 0..3_000 {
            let ours: Vec<Quantity> = (0..below(40)).map(|_| figure(&mut below)).collect();
            let theirs: Vec<Quantity> = (0..below(40)).map(|_| figure(&mut below)).collect();
            let queries: Vec<Quantity> = (0..20).map(|_| figure(&mut below)).collect();
            let ours: Vec<&Quantity> = ours.iter().collect();
            let theirs: Vec<&Quantity> = theirs.iter().collect();
            let indexed = PlaceFigures {
                spans: (0..0, 0..0),
                ours: ours.clone(),
                theirs: theirs.clone(),
                index: Some(PlaceFigures::index_of(&ours, &theirs)),
            };
            let scanned = PlaceFigures {
                spans: (0..0, 0..0),
                ours,
                theirs,
                index: None,
            };
            for cq in queries.iter().chain(scanned.ours.iter().copied()) {
                assert_eq!(indexed.states(cq), scanned.states(cq), "{cq:?}");
                assert_eq!(indexed.other(cq), scanned.other(cq), "{cq:?}");
                checked += 1;
            }
        }
        assert!(checked > 60_000);
    }

    #[test]
    fn a_figure_writes_a_number() {
        for text in [
            "8 核",
            "1,240 小时",
            "四十五亿元",
            "两倍",
            "Nine",
            "a quarter",
        ] {
            assert!(written_as_figure(text), "{text}");
        }
        for text in ["百亿美元", "二三", "二〇二四"] {
            assert!(!written_as_figure(text), "{text}");
        }
    }
}
