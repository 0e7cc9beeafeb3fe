//! `date-mismatch`: one claim, two different dates or periods.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use super::{Rule, RuleContext, per_variant, value_classes};
use crate::claim::date::Span;
use crate::claim::text::similarity;
use crate::claim::{ClaimKind, Period, Unit};
use crate::report::{Finding, Related, Severity};

pub struct DateMismatch;

/// 2024 and Q1 2024 do not contradict each other: one refines the other. Open periods
/// (after 2025, by 2030, the 2010s) only conflict on a different year.
fn periods_conflict(a: &Period, b: &Period) -> bool {
    if a == b {
        return false;
    }
    let open = |p: &Period| matches!(p.span, Span::After | Span::Since | Span::By | Span::Decade);
    if open(a) || open(b) {
        if matches!(a.span, Span::Decade) || matches!(b.span, Span::Decade) {
            return a.year / 10 != b.year / 10;
        }
        return a.year != b.year;
    }
    if a.year != b.year {
        return true;
    }
    let coarse = |p: &Period| matches!(p.span, Span::Year);
    if coarse(a) || coarse(b) {
        return false;
    }
    // A month inside a quarter or half, a day inside its month: refinements.
    let months = |p: &Period| -> (u8, u8) {
        match p.span {
            Span::Quarter(q) => (q * 3 - 2, q * 3),
            Span::Half(h) => (h * 6 - 5, h * 6),
            Span::Month(m) | Span::Day(m, _) => (m, m),
            _ => (1, 12),
        }
    };
    let (a0, a1) = months(a);
    let (b0, b1) = months(b);
    if let (Span::Day(ma, da), Span::Day(mb, db)) = (a.span, b.span) {
        return (ma, da) != (mb, db);
    }
    a1 < b0 || b1 < a0
}

/// The dates a sentence states (outside its citations).
fn sentence_dates(ctx: &RuleContext<'_>, sentence: usize) -> Vec<(Period, Range<usize>)> {
    ctx.a
        .extraction
        .claims
        .iter()
        .filter(|c| c.sentence == sentence)
        .filter_map(|c| match &c.kind {
            ClaimKind::Date(p) => Some((p.clone(), c.span.clone())),
            _ => None,
        })
        .collect()
}

/// Dates of `a` that no date of `b` agrees with.
fn unmatched<'x>(
    a: &'x [(Period, Range<usize>)],
    b: &[(Period, Range<usize>)],
) -> Vec<&'x (Period, Range<usize>)> {
    a.iter()
        .filter(|(p, _)| b.iter().all(|(q, _)| periods_conflict(p, q)))
        .collect()
}

impl Rule for DateMismatch {
    fn code(&self) -> &'static str {
        "date-mismatch"
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "one claim, two different dates or periods"
    }
    fn docs(&self) -> &'static str {
        "## What it does\n\
         Finds the same figure or event dated differently in two places (founded in 2015 vs \
         2016; the same price announced in May in one variant and June in another), and a \
         period that changed (前18个月 vs 前12个月).\n\n\
         ## Why it matters\n\
         A figure or event moved to another date is a different fact.\n\n\
         ## Flagged\n\
         版本1: 2024年5月发布，定价1元 / 版本二: 2024年6月发布，定价1元\n\
         Draft A: founded in 2015 / Draft B: founded in 2016\n\n\
         ## Not flagged\n\
         2024 Q1 / 2024年Q1 / Q1 2024 (one period); 2024 / 2024 Q1 (one refines the other)"
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let mut reported_sentences: HashSet<usize> = HashSet::new();
        let mut reported_spans: HashSet<(usize, usize)> = HashSet::new();
        for members in ctx.quantity_groups() {
            if members
                .iter()
                .all(|(_, q)| matches!(q.unit, Unit::Duration(_)))
            {
                durations(self, ctx, &members, out);
                continue;
            }
            // Equal figures stated with different dates: the figure moved to another period.
            for class in value_classes(&members) {
                let ids: Vec<usize> = class.iter().map(|(i, _)| *i).collect();
                let reps = per_variant(ctx, &ids, 16);
                if reps.len() < 2 {
                    continue;
                }
                let dates: Vec<Vec<(Period, Range<usize>)>> = reps
                    .iter()
                    .map(|&i| sentence_dates(ctx, ctx.claim(i).sentence))
                    .collect();
                // The reference: the most common date set among the dated members.
                let mut counts: BTreeMap<Vec<String>, (usize, usize)> = BTreeMap::new();
                for (k, d) in dates.iter().enumerate() {
                    if d.is_empty() {
                        continue;
                    }
                    let mut key: Vec<String> = d.iter().map(|(p, _)| p.label()).collect();
                    key.sort();
                    let e = counts.entry(key).or_insert((0, k));
                    e.0 += 1;
                }
                let Some(&(_, refk)) = counts
                    .values()
                    .max_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)))
                else {
                    continue;
                };
                for (k, d) in dates.iter().enumerate() {
                    if k == refk || d.is_empty() {
                        continue;
                    }
                    let mine = unmatched(d, &dates[refk]);
                    let theirs = unmatched(&dates[refk], d);
                    let (Some((p, span)), Some((q, qspan))) = (mine.first(), theirs.first()) else {
                        continue;
                    };
                    if !reported_spans.insert((span.start, span.end)) {
                        continue;
                    }
                    let i = reps[k];
                    let r = reps[refk];
                    reported_sentences.insert(ctx.claim(i).sentence);
                    let c = ctx.claim(i);
                    let mut f = ctx.finding(
                        self,
                        span.clone(),
                        c.variant,
                        format!(
                            "{} {} is dated {} here, {} in {}",
                            ctx.topic(i),
                            ctx.shown(i),
                            p.label(),
                            q.label(),
                            ctx.where_(r)
                        ),
                        "check the date against the source and give the same date in every variant",
                    );
                    f.related = vec![Related {
                        file: ctx.a.source.path.clone(),
                        variant: ctx.a.variant_id(ctx.claim(r).variant),
                        span: qspan.clone(),
                        message: format!("dated {} here", q.label()),
                    }];
                    out.push(f);
                }
            }
        }
        event_dates(self, ctx, &reported_sentences, out);
    }
}

fn durations(
    rule: &DateMismatch,
    ctx: &RuleContext<'_>,
    members: &[(usize, &crate::claim::Quantity)],
    out: &mut Vec<Finding>,
) {
    let classes = value_classes(members);
    if classes.len() < 2 {
        return;
    }
    let major: Vec<usize> = classes[0].iter().map(|(i, _)| *i).collect();
    let rel = per_variant(ctx, &major, 3);
    let Some(&first) = rel.first() else { return };
    for class in &classes[1..] {
        for &(i, _) in class {
            let c = ctx.claim(i);
            let mut f = ctx.finding(
                rule,
                c.span.clone(),
                c.variant,
                format!(
                    "period differs: {} here, {} in {}",
                    ctx.shown(i),
                    ctx.shown(first),
                    ctx.where_(first)
                ),
                "state the same period in every variant, or say why it differs",
            );
            f.related = rel
                .iter()
                .map(|&r| ctx.related(r, format!("{} here", ctx.shown(r))))
                .collect();
            out.push(f);
        }
    }
}

/// Dated events ("founded in 2015", 2023年5月发布): the same statement, another date.
fn event_dates(
    rule: &DateMismatch,
    ctx: &RuleContext<'_>,
    reported: &HashSet<usize>,
    out: &mut Vec<Finding>,
) {
    let a = ctx.a;
    let claims = &a.extraction.claims;
    let lex = a.lex;
    let mut per_sentence: BTreeMap<usize, usize> = BTreeMap::new();
    for c in claims {
        if matches!(c.kind, ClaimKind::Date(_)) {
            *per_sentence.entry(c.sentence).or_default() += 1;
        }
    }
    let is_event = |i: usize| {
        let c = &claims[i];
        let s = &a.extraction.sentences[c.sentence];
        lex.events.find_all(a.text(&s.span)).next().is_some()
    };
    let mut buckets: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        let ClaimKind::Date(_) = c.kind else { continue };
        if c.forecast || reported.contains(&c.sentence) || per_sentence.get(&c.sentence) != Some(&1)
        {
            continue;
        }
        if a.named_count() > 0 && !a.is_named(c.variant) {
            continue;
        }
        if !is_event(i) {
            continue;
        }
        let key = c.subject.as_ref().map_or(String::new(), |s| s.root.clone());
        buckets.entry(key).or_default().push(i);
    }
    let mut done: HashSet<usize> = HashSet::new();
    for (key, list) in &buckets {
        for (k, &x) in list.iter().enumerate() {
            for &y in list.iter().skip(k + 1).take(64) {
                let (cx, cy) = (&claims[x], &claims[y]);
                if done.contains(&y) || cx.block == cy.block {
                    continue;
                }
                let (ClaimKind::Date(px), ClaimKind::Date(py)) = (&cx.kind, &cy.kind) else {
                    continue;
                };
                if !periods_conflict(px, py) {
                    continue;
                }
                let sim = similarity(&cx.sentence_context, &cy.sentence_context);
                let need = if key.is_empty() { 0.6 } else { 0.4 };
                if sim < need {
                    continue;
                }
                done.insert(y);
                let mut f = ctx.finding(
                    rule,
                    cy.span.clone(),
                    cy.variant,
                    format!(
                        "the same event is dated {} here, {} in {}",
                        py.label(),
                        px.label(),
                        ctx.where_(x)
                    ),
                    "check the date against the source and use one date in every variant",
                );
                f.related = vec![ctx.related(x, format!("dated {} here", px.label()))];
                out.push(f);
            }
        }
    }
}
