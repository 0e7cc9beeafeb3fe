//! `date-mismatch`: one claim, two different dates or periods.

use std::collections::{BTreeMap, HashSet};

use super::{Rule, RuleContext, per_variant, value_classes};
use crate::claim::text::similarity;
use crate::claim::{ClaimKind, Period, Unit};
use crate::report::{Finding, Severity};

pub struct DateMismatch;

/// 2024 and Q1 2024 do not contradict each other: one refines the other.
fn periods_conflict(a: &Period, b: &Period) -> bool {
    use crate::claim::date::Span;
    if a == b {
        return false;
    }
    let fuzzy = |p: &Period| matches!(p.span, Span::After | Span::Since | Span::By | Span::Decade);
    if fuzzy(a) || fuzzy(b) {
        return a.year != b.year
            && !(matches!(a.span, Span::Decade) || matches!(b.span, Span::Decade));
    }
    if a.year != b.year {
        return true;
    }
    let coarse = |p: &Period| matches!(p.span, Span::Year);
    !(coarse(a) || coarse(b))
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
         2016; 2023年收入 vs 2024年收入 for one figure), and a period that changed (前18个月 vs \
         前12个月).\n\n\
         ## Why it matters\n\
         A figure moved to another year is a different fact.\n\n\
         ## Flagged\n\
         版本1: 2023年收入增长300% / 版本二: 2024年收入增长300%\n\
         Draft A: founded in 2015 / Draft B: founded in 2016\n\n\
         ## Not flagged\n\
         2024 Q1 / 2024年Q1 / Q1 2024 (one period); 2024 / 2024 Q1 (one refines the other)"
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let mut reported: HashSet<usize> = HashSet::new();
        for members in ctx.quantity_groups() {
            let durations = members
                .iter()
                .all(|(_, q)| matches!(q.unit, Unit::Duration(_)));
            if durations {
                let classes = value_classes(&members);
                if classes.len() < 2 {
                    continue;
                }
                let major: Vec<usize> = classes[0].iter().map(|(i, _)| *i).collect();
                let rel = per_variant(ctx, &major, 3);
                let Some(&first) = rel.first() else { continue };
                for class in &classes[1..] {
                    for &(i, _) in class {
                        let c = ctx.claim(i);
                        let mut f = ctx.finding(
                            self,
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
                continue;
            }
            // Equal figures with different dates: the figure moved to another period.
            for class in value_classes(&members) {
                let dated: Vec<usize> = class
                    .iter()
                    .map(|(i, _)| *i)
                    .filter(|&i| ctx.claim(i).date.is_some())
                    .collect();
                let mut by_date: BTreeMap<String, Vec<usize>> = BTreeMap::new();
                for &i in &dated {
                    if let Some(d) = &ctx.claim(i).date {
                        by_date.entry(d.label()).or_default().push(i);
                    }
                }
                if by_date.len() < 2 {
                    continue;
                }
                let mut lists: Vec<Vec<usize>> = by_date.into_values().collect();
                lists.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
                let first = lists[0][0];
                let Some(fd) = ctx.claim(first).date.clone() else {
                    continue;
                };
                for list in &lists[1..] {
                    for &i in list {
                        let c = ctx.claim(i);
                        let Some(d) = &c.date else { continue };
                        if !periods_conflict(d, &fd) {
                            continue;
                        }
                        reported.insert(c.sentence);
                        let mut f = ctx.finding(
                            self,
                            c.span.clone(),
                            c.variant,
                            format!(
                                "{} {} is dated {} here, {} in {}",
                                ctx.topic(i),
                                ctx.shown(i),
                                d.label(),
                                fd.label(),
                                ctx.where_(first)
                            ),
                            "give the figure the same date everywhere, or correct the figure for the other period",
                        );
                        f.related = vec![ctx.related(first, format!("dated {} here", fd.label()))];
                        out.push(f);
                    }
                }
            }
        }
        event_dates(self, ctx, &reported, out);
    }
}

/// Dated events without a figure ("founded in 2015"): the same statement, another date.
fn event_dates(
    rule: &DateMismatch,
    ctx: &RuleContext<'_>,
    reported: &HashSet<usize>,
    out: &mut Vec<Finding>,
) {
    let claims = &ctx.a.extraction.claims;
    let with_figure: HashSet<usize> = claims
        .iter()
        .filter(|c| c.quantity().is_some())
        .map(|c| c.sentence)
        .collect();
    let mut buckets: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        let ClaimKind::Date(_) = c.kind else { continue };
        if c.forecast || with_figure.contains(&c.sentence) || reported.contains(&c.sentence) {
            continue;
        }
        if !ctx.a.is_named(c.variant) && ctx.a.named_count() > 0 {
            continue;
        }
        let Some(s) = &c.subject else { continue };
        buckets.entry(s.root.clone()).or_default().push(i);
    }
    let mut done: HashSet<usize> = HashSet::new();
    for list in buckets.values() {
        for (k, &a) in list.iter().enumerate() {
            for &b in list.iter().skip(k + 1).take(64) {
                let (ca, cb) = (&claims[a], &claims[b]);
                if ca.variant == cb.variant || done.contains(&b) {
                    continue;
                }
                let (ClaimKind::Date(pa), ClaimKind::Date(pb)) = (&ca.kind, &cb.kind) else {
                    continue;
                };
                if !periods_conflict(pa, pb) {
                    continue;
                }
                if similarity(&ca.context, &cb.context) < 0.6 {
                    continue;
                }
                done.insert(b);
                let mut f = ctx.finding(
                    rule,
                    cb.span.clone(),
                    cb.variant,
                    format!(
                        "the same statement is dated {} here, {} in {}",
                        pb.label(),
                        pa.label(),
                        ctx.where_(a)
                    ),
                    "check the date against the source and use one date in every variant",
                );
                f.related = vec![ctx.related(a, format!("dated {} here", pa.label()))];
                out.push(f);
            }
        }
    }
}
