//! `value-mismatch`: one claim, two different quantities.

use super::{Findings, Rule, RuleContext, per_variant, value_classes};
use crate::report::Severity;

pub struct ValueMismatch;

impl Rule for ValueMismatch {
    fn code(&self) -> &'static str {
        "value-mismatch"
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "one claim, two different quantities across variants or within one"
    }
    fn docs(&self) -> &'static str {
        "## What it does\n\
         Finds a figure (amount, percentage, count, rate, growth) that one variant states \
         differently from another, or that one variant states twice differently. Claims are \
         matched by subject, metric and context, never by the bare number.\n\n\
         ## Why it matters\n\
         When versions of a document drift, readers of one version get the wrong number.\n\n\
         ## Flagged\n\
         整合版: Tesla FSD每日吸收160亿帧 / 版本二: 特斯拉FSD系统每天吸收16亿帧\n\
         Draft A: revenue reached $1.6 billion / Draft B: revenue reached $1.2 billion\n\n\
         ## Not flagged\n\
         16亿美元 / $1.6 billion / 1,600 million dollars / US$1.6B (one value)\n\
         超16亿美元 / 17亿美元 (the exact figure satisfies the bound)"
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Findings<'_>) {
        for members in ctx.quantity_groups() {
            if members.iter().any(|(_, q)| super::is_period(q)) {
                continue; // periods are date-mismatch
            }
            let mut classes = value_classes(&members);
            // On a tie the figure that carries a source is the reference.
            if classes.len() >= 2 && classes[0].len() == classes[1].len() {
                let cited = |c: &Vec<(usize, &crate::claim::Quantity)>| {
                    c.iter().any(|(i, _)| ctx.named_citation(*i).is_some())
                };
                if !cited(&classes[0]) && cited(&classes[1]) {
                    classes.swap(0, 1);
                }
            }
            ctx.canonical_first(&mut classes);
            let Some(major) = classes.first() else {
                continue;
            };
            for class in &classes[1..] {
                if class
                    .iter()
                    .all(|(_, q)| major.iter().all(|(_, m)| ctx.agree(q, m)))
                {
                    continue;
                }
                // Every variant states both figures, side by side: two claims that the
                // alignment put together, not one that changed.
                let variants_of = |c: &[(usize, &crate::claim::Quantity)]| {
                    let mut v: Vec<usize> =
                        c.iter().map(|(i, _)| ctx.claim(*i).variant()).collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                };
                let all: Vec<usize> = variants_of(&members);
                if all.len() >= 2 && variants_of(class) == all && variants_of(major) == all {
                    continue;
                }
                // 217 MW vs 217 GW: the unit changed, not the number (unit-mismatch).
                // (So is 4.86 亿元 vs 4.86 万元: the magnitude word changed.)
                if class.iter().all(|&(i, q)| {
                    major
                        .iter()
                        .any(|&(r, m)| super::unit_mismatch::unit_changed(ctx, (i, q), (r, m)))
                }) {
                    continue;
                }
                let major_ids: Vec<usize> = major.iter().map(|(i, _)| *i).collect();
                let rel = per_variant(ctx, &major_ids, 3);
                for &(i, _) in class {
                    let Some(&first) = rel.first() else { continue };
                    let c = ctx.claim(i);
                    // Two figures of one sentence are two claims (27% were new and 25%
                    // were under 35), whatever the alignment put together.
                    if major
                        .iter()
                        .any(|(m, _)| ctx.claim(*m).sentence() == c.sentence())
                    {
                        continue;
                    }
                    let msg = format!(
                        "{}{}: {} here, {} in {}",
                        ctx.lead(i, &major_ids),
                        ctx.topic(i),
                        ctx.shown(i),
                        ctx.shown(first),
                        ctx.where_ref(first, &major_ids)
                    );
                    let mut f = ctx.finding(
                        self,
                        c.span(),
                        c.variant(),
                        msg,
                        format!(
                            "make the figures agree (check which of {} and {} is right), or cite the source of each",
                            ctx.shown(i),
                            ctx.shown(first)
                        ),
                    );
                    f.related = ctx.related_here(&rel);
                    out.push(f);
                }
            }
        }
    }
}
