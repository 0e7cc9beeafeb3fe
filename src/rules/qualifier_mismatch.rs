//! `qualifier-mismatch`: one figure exact in one place and a bound or estimate in another.

use super::{Findings, Rule, RuleContext, majority_first, per_variant, value_classes};
use crate::claim::{Quantity, bound_word};
use crate::lexicon::Bound;
use crate::report::Severity;

pub struct QualifierMismatch;

impl Rule for QualifierMismatch {
    fn code(&self) -> &'static str {
        "qualifier-mismatch"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "one figure stated exactly in one place and as a bound or estimate in another"
    }
    fn docs(&self) -> &'static str {
        "## What it does\n\
         Finds a figure that one variant states exactly and another qualifies (超, 近, 约, \
         over, nearly, about, up to).\n\n\
         ## Why it matters\n\
         \"Over 1.6 billion\" and \"1.6 billion\" are different claims; a reader cannot tell \
         which one the source supports.\n\n\
         ## Flagged\n\
         版本1: 年收入超16亿美元 / 版本二: 创造16亿美元收入\n\
         Draft A: more than 100 customers / Draft B: 100 customers\n\n\
         ## Not flagged\n\
         超1亿 / over 100 million (the same bound in two languages)"
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Findings<'_>) {
        for members in ctx.quantity_groups() {
            rounded(self, ctx, &members, out);
            for class in value_classes(&members) {
                let mut by_bound: Vec<Vec<(usize, &Quantity)>> = Vec::new();
                for &(i, q) in &class {
                    match by_bound.iter_mut().find(|b| b[0].1.bound == q.bound) {
                        Some(b) => b.push((i, q)),
                        None => by_bound.push(vec![(i, q)]),
                    }
                }
                if by_bound.len() < 2 {
                    continue;
                }
                let mut by_bound = majority_first(by_bound);
                // On a tie the exact statement is the reference, the qualified one the finding.
                if by_bound[0].len() == by_bound[1].len()
                    && by_bound[0][0].1.bound != Bound::Exact
                    && by_bound[1][0].1.bound == Bound::Exact
                {
                    by_bound.swap(0, 1);
                }
                ctx.canonical_first(&mut by_bound);
                let major: Vec<usize> = by_bound[0].iter().map(|(i, _)| *i).collect();
                let rel = per_variant(ctx, &major, 3);
                let Some(&first) = rel.first() else { continue };
                let mb = by_bound[0][0].1.bound;
                for group in &by_bound[1..] {
                    for &(i, q) in group {
                        out.push(finding(
                            self,
                            ctx,
                            (i, q.bound),
                            (first, mb),
                            &major,
                            &rel,
                            "state the figure with the same qualifier everywhere, as the source gives it",
                        ));
                    }
                }
            }
        }
    }
}

/// An estimate that rounds the exact figure stated elsewhere (约412万吨 for 412.6万吨,
/// roughly 23,000 for 23,500): one figure, told as exact in one place and as an estimate
/// in another. An estimate from below (近九成 for 88%, nearly two in five for 38.7%) is
/// met by the figure, not a rounding of it.
fn rounded(
    rule: &QualifierMismatch,
    ctx: &RuleContext<'_>,
    members: &[(usize, &Quantity)],
    out: &mut Findings<'_>,
) {
    let classes = value_classes(members);
    if classes.len() < 2 {
        return;
    }
    // The reference: the largest class stated exactly.
    let Some(exact) = classes.iter().find(|c| {
        c.iter()
            .all(|(_, q)| q.bound == Bound::Exact && q.high().is_none())
    }) else {
        return;
    };
    let (_, eq) = exact[0];
    let major: Vec<usize> = exact.iter().map(|(i, _)| *i).collect();
    let rel = per_variant(ctx, &major, 3);
    let Some(&first) = rel.first() else { return };
    for class in &classes {
        for &(i, q) in class {
            let c = ctx.claim(i);
            let near = {
                let t = ctx.a.extraction.text(c).to_lowercase();
                ctx.a
                    .lex
                    .near_words
                    .iter()
                    .any(|w| t.starts_with(w.as_str()))
            };
            if q.bound != Bound::Approx
                || q.high().is_some()
                || near
                || q.change != eq.change
                || !crate::rules::rounds_to(eq.value.abs(), q.value.abs())
            {
                continue;
            }
            out.push(finding(
                rule,
                ctx,
                (i, q.bound),
                (first, Bound::Exact),
                &major,
                &rel,
                "state the figure as the source gives it, exact everywhere or rounded everywhere",
            ));
        }
    }
}

/// A finding on `claim` told with its qualifier, against the reference `first` of the
/// `major` class told with its own.
fn finding(
    rule: &QualifierMismatch,
    ctx: &RuleContext<'_>,
    (i, bound): (usize, Bound),
    (first, first_bound): (usize, Bound),
    major: &[usize],
    rel: &[usize],
    help: &'static str,
) -> crate::report::Finding {
    ctx.odd_one_out(
        rule,
        (i, major, first, rel),
        ("is", bound_word(bound), bound_word(first_bound)),
        help,
    )
}
