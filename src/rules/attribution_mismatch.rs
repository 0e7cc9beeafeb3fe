//! `attribution-mismatch`: one quote, statement or figure credited to different people,
//! organisations or sources.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{Rule, RuleContext};
use crate::claim::text::similarity;
use crate::claim::{ClaimKind, MentionSpan};
use crate::lexicon::EntityKind;
use crate::report::{Finding, Severity};

pub struct AttributionMismatch;

impl Rule for AttributionMismatch {
    fn code(&self) -> &'static str {
        "attribution-mismatch"
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "one quote, statement or figure credited to different people, organisations or sources"
    }
    fn docs(&self) -> &'static str {
        "## What it does\n\
         Finds a quote attributed to different speakers, a paraphrased statement or example \
         credited to a different company, and a figure cited to different sources.\n\n\
         ## Why it matters\n\
         Crediting the wrong person or company is a factual error even when every number agrees.\n\n\
         ## Flagged\n\
         整合版: 闭源守利润池（Google广告算法） / 版本二: 闭源守利润池（参考Meta的LLaMA+广告算法组合拳）\n\
         Draft A: Jobs said \"…\" / Draft B: Gates said \"…\" (the same words)\n\
         Draft A: (MIT 2024研究) / Draft B: (Stanford 2024研究) for one figure\n\n\
         ## Not flagged\n\
         特斯拉 / Tesla (one company under two names); two different quotes by two people"
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let mut emitted: HashSet<(usize, usize)> = HashSet::new();
        quotes(self, ctx, out, &mut emitted);
        cited_sources(self, ctx, out, &mut emitted);
        statements(self, ctx, out, &mut emitted);
    }
}

fn quotes(
    rule: &AttributionMismatch,
    ctx: &RuleContext<'_>,
    out: &mut Vec<Finding>,
    emitted: &mut HashSet<(usize, usize)>,
) {
    for &(a, b) in &ctx.a.alignment.quote_pairs {
        let (ca, cb) = (ctx.claim(a), ctx.claim(b));
        let (ClaimKind::Quote { speaker: sa, .. }, ClaimKind::Quote { speaker: sb, .. }) =
            (&ca.kind, &cb.kind)
        else {
            continue;
        };
        if sa == sb || !emitted.insert((cb.span.start, cb.span.end)) {
            continue;
        }
        let mut f = ctx.finding(
            rule,
            cb.span.clone(),
            cb.variant,
            format!(
                "this quote is credited to {sb} here, to {sa} in {}",
                ctx.where_(a)
            ),
            "check who said it and credit the same person everywhere",
        );
        f.related = vec![ctx.related(a, format!("credited to {sa} here"))];
        out.push(f);
    }
}

fn cited_sources(
    rule: &AttributionMismatch,
    ctx: &RuleContext<'_>,
    out: &mut Vec<Finding>,
    emitted: &mut HashSet<(usize, usize)>,
) {
    for g in &ctx.a.alignment.groups {
        let cited: Vec<(usize, Vec<String>)> = g
            .members
            .iter()
            .filter_map(|&m| {
                let c = ctx.claim(m);
                let names: Vec<String> = c
                    .citations
                    .iter()
                    .flat_map(|x| x.names.iter().cloned())
                    .collect();
                (!names.is_empty()).then_some((m, names))
            })
            .collect();
        let Some((first, first_names)) = cited.first() else {
            continue;
        };
        for (m, names) in cited.iter().skip(1) {
            let c = ctx.claim(*m);
            if c.variant == ctx.claim(*first).variant
                || names.iter().any(|n| first_names.contains(n))
            {
                continue;
            }
            let Some(cite) = c.citations.iter().find(|x| !x.names.is_empty()) else {
                continue;
            };
            let Some(other) = ctx
                .claim(*first)
                .citations
                .iter()
                .find(|x| !x.names.is_empty())
            else {
                continue;
            };
            if !emitted.insert((cite.span.start, cite.span.end)) {
                continue;
            }
            let mut f = ctx.finding(
                rule,
                cite.span.clone(),
                c.variant,
                format!(
                    "{} is sourced to {} here, to {} in {}",
                    ctx.shown(*m),
                    cite.text.trim(),
                    other.text.trim(),
                    ctx.where_(*first)
                ),
                "check which source the figure comes from and cite it in every variant",
            );
            f.related = vec![crate::report::Related {
                file: ctx.a.source.path.clone(),
                variant: ctx.a.variant_id(ctx.claim(*first).variant),
                span: other.span.clone(),
                message: format!("sourced to {} here", other.text.trim()),
            }];
            out.push(f);
        }
    }
}

/// A clause of a sentence, with a parenthesis kept with the clause before it.
struct Unit {
    span: Range<usize>,
    mentions: Vec<usize>,
    roots: Vec<String>,
    bigrams: HashSet<(char, char)>,
}

fn credited(kind: EntityKind) -> bool {
    !matches!(kind, EntityKind::Place)
}

fn bigrams_without(text: &str, base: usize, cut: &[Range<usize>]) -> HashSet<(char, char)> {
    let kept: String = text
        .char_indices()
        .filter(|(i, _)| !cut.iter().any(|r| r.start <= base + i && base + i < r.end))
        .map(|(_, c)| c)
        .collect();
    crate::claim::text::bigrams(&kept)
}

fn units(ctx: &RuleContext<'_>, span: &Range<usize>, mentions: &[MentionSpan]) -> Vec<Unit> {
    let text = ctx.a.text(span);
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    let mut cuts = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            '，' | '；' | ';' | '。' if depth <= 0 => {
                cuts.push(start..i);
                start = i + c.len_utf8();
            }
            ',' if depth <= 0 && !text[..i].ends_with(|d: char| d.is_ascii_digit()) => {
                cuts.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    cuts.push(start..text.len());
    for r in cuts {
        if r.is_empty() {
            continue;
        }
        let abs = span.start + r.start..span.start + r.end;
        let ms: Vec<usize> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| abs.start <= m.span.start && m.span.end <= abs.end && credited(m.kind))
            .map(|(i, _)| i)
            .collect();
        let cut: Vec<Range<usize>> = mentions
            .iter()
            .filter(|m| abs.start <= m.span.start && m.span.end <= abs.end)
            .map(|m| m.span.clone())
            .collect();
        let mut roots: Vec<String> = ms.iter().map(|&i| mentions[i].root.clone()).collect();
        roots.sort();
        roots.dedup();
        out.push(Unit {
            bigrams: bigrams_without(&text[r.clone()], abs.start, &cut),
            span: abs,
            mentions: ms,
            roots,
        });
    }
    out
}

fn statements(
    rule: &AttributionMismatch,
    ctx: &RuleContext<'_>,
    out: &mut Vec<Finding>,
    emitted: &mut HashSet<(usize, usize)>,
) {
    let a = ctx.a;
    if a.named_count() < 2 {
        return;
    }
    let mentions = &a.extraction.mentions;
    let sentences = &a.extraction.sentences;
    // Sentence bigrams (names removed) and an inverted index over them.
    let mut sent_bigrams = Vec::with_capacity(sentences.len());
    let mut variant = Vec::with_capacity(sentences.len());
    for s in sentences {
        let cut: Vec<Range<usize>> = mentions
            .iter()
            .filter(|m| s.span.start <= m.span.start && m.span.end <= s.span.end)
            .map(|m| m.span.clone())
            .collect();
        sent_bigrams.push(bigrams_without(a.text(&s.span), s.span.start, &cut));
        variant.push(a.variant_at(s.span.start));
    }
    let mut index: HashMap<(char, char), Vec<usize>> = HashMap::new();
    for (i, b) in sent_bigrams.iter().enumerate() {
        if a.is_named(variant[i]) {
            for bg in b {
                index.entry(*bg).or_default().push(i);
            }
        }
    }
    for i in 0..sentences.len() {
        if !a.is_named(variant[i]) || sent_bigrams[i].len() < 4 {
            continue;
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for bg in &sent_bigrams[i] {
            let Some(list) = index.get(bg) else { continue };
            if list.len() > 40 {
                continue;
            }
            for &j in list {
                if j > i && variant[j] != variant[i] {
                    *shared.entry(j).or_default() += 1;
                }
            }
        }
        let mut cands: Vec<usize> = shared
            .into_iter()
            .filter(|&(j, n)| n * 4 >= sent_bigrams[i].len().min(sent_bigrams[j].len()))
            .map(|(j, _)| j)
            .collect();
        cands.sort_unstable();
        for j in cands {
            if similarity(&sent_bigrams[i], &sent_bigrams[j]) < 0.4 {
                continue;
            }
            let ua = units(ctx, &sentences[i].span, mentions);
            let ub = units(ctx, &sentences[j].span, mentions);
            for x in ua.iter().filter(|u| !u.roots.is_empty()) {
                let best = ub
                    .iter()
                    .filter(|u| !u.roots.is_empty())
                    .map(|u| (similarity(&x.bigrams, &u.bigrams), u))
                    .filter(|(s, _)| *s >= 0.5)
                    .max_by(|p, q| p.0.partial_cmp(&q.0).unwrap_or(std::cmp::Ordering::Equal));
                let Some((_, y)) = best else { continue };
                if x.roots.iter().any(|r| y.roots.contains(r)) {
                    continue;
                }
                let (Some(&mx), Some(&my)) = (x.mentions.first(), y.mentions.first()) else {
                    continue;
                };
                let (mx, my) = (&mentions[mx], &mentions[my]);
                if !emitted.insert((mx.span.start, mx.span.end)) {
                    continue;
                }
                let vb = a.variant_label(variant[j]);
                let mut f = ctx.finding(
                    rule,
                    mx.span.clone(),
                    variant[i],
                    format!(
                        "this statement credits {} here, {} in {}",
                        mx.name, my.name, vb
                    ),
                    format!(
                        "check whether it is {} or {} and credit the same one in every variant",
                        mx.name, my.name
                    ),
                );
                f.related = vec![crate::report::Related {
                    file: a.source.path.clone(),
                    variant: a.variant_id(variant[j]),
                    span: my.span.clone(),
                    message: format!("credits {} here", my.name),
                }];
                let _ = &x.span;
                out.push(f);
            }
        }
    }
}
