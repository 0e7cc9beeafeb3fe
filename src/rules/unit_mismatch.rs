//! `unit-mismatch`: one figure with a different or a missing unit, currency or rate.

use super::{Findings, Rule, RuleContext, majority_first, per_variant, value_classes};
use crate::claim::{Quantity, Unit};
use crate::report::Severity;

pub struct UnitMismatch;

fn unit_key(q: &Quantity) -> String {
    // 1 GW and 1,000 MW are one unit for this purpose: the values already agree.
    let unit = q.dimension().map_or_else(|| q.unit.label(), str::to_string);
    format!("{unit}|{}", q.per_key())
}

/// The same number under another scale of one dimension: 217 MW vs 217 GW.
pub fn rescaled(a: &Quantity, b: &Quantity) -> bool {
    a.dimension().is_some()
        && a.dimension() == b.dimension()
        && a.scale != b.scale
        && crate::claim::number::same_value(a.written(), b.written())
}

fn describe(q: &Quantity) -> String {
    let mut s = match &q.unit {
        Unit::Count => "no unit".to_string(),
        u => u.label(),
    };
    if !q.per().is_empty() {
        s.push_str(&format!(" per {}", q.per().join(" per ")));
    }
    s
}

/// What a Chinese count counts, told by the classifier right after it: people (人, 名, 位)
/// or machines (台) against the times they travelled or worked (人次, 台次, 架次).
/// `None` when no such classifier follows.
fn count_kind(after: &str) -> Option<(&'static str, bool)> {
    const BASES: &[(&str, &str)] = &[
        ("人", "人"),
        ("名", "人"),
        ("位", "人"),
        ("台", "台"),
        ("架", "架"),
        ("辆", "辆"),
        ("艘", "艘"),
        ("户", "户"),
        ("车", "车"),
        ("班", "班"),
        ("航", "航"),
    ];
    let after = after.trim_start_matches(' ');
    BASES.iter().find_map(|&(c, base)| {
        let rest = after.strip_prefix(c)?;
        Some((base, rest.starts_with('次')))
    })
}

impl Rule for UnitMismatch {
    fn code(&self) -> &'static str {
        "unit-mismatch"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "one figure given with a different or a missing unit, currency or rate"
    }
    fn docs(&self) -> &'static str {
        "## What it does\n\
         Finds the same figure written with a unit, currency or rate denominator in one place \
         and without it, or with another, in a different place.\n\n\
         ## Why it matters\n\
         60亿 without a currency reads as a count; $20 per month is not $20 per user per month.\n\n\
         ## Flagged\n\
         整合版: 2024预计创收60亿 / 版本二: 预计2024年带来60亿美元新增收入\n\
         Draft A: $20 per user per month / Draft B: $20 per month\n\n\
         ## Not flagged\n\
         16亿美元 / $1.6 billion (the same currency in two notations)"
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Findings<'_>) {
        for members in ctx.quantity_groups() {
            // The number kept, the scale changed.
            let classes = value_classes(&members);
            if let Some(major) = classes.first() {
                for class in &classes[1..] {
                    for &(i, q) in class {
                        let Some(&(r, rq)) = major.iter().find(|(_, m)| rescaled(q, m)) else {
                            continue;
                        };
                        let c = ctx.claim(i);
                        let mut f = ctx.finding(
                            self,
                            c.span(),
                            c.variant(),
                            format!(
                                "{}: {} here, {} in {}: the same number in another unit",
                                ctx.topic(i),
                                ctx.shown(i),
                                ctx.shown(r),
                                ctx.where_(r)
                            ),
                            format!("check the unit: {} or {}", describe(q), describe(rq)),
                        );
                        f.related = vec![ctx.related(r, format!("{} here", ctx.shown(r)))];
                        out.push(f);
                    }
                }
            }
            // 12.8万人 against 12.8万人次, 4.5万台 against 4.5万台次, 架次 against 人次: the
            // same count of other things.
            let text = &ctx.a.source.text;
            for class in value_classes(&members) {
                let kinds: Vec<(usize, (&str, bool))> = class
                    .iter()
                    .filter(|(_, q)| matches!(q.unit, Unit::Count))
                    .filter_map(|&(i, _)| {
                        let end = ctx.claim(i).span().end;
                        count_kind(text.get(end..).unwrap_or("")).map(|k| (i, k))
                    })
                    .collect();
                let mut by_kind: Vec<Vec<(usize, (&str, bool))>> = Vec::new();
                for &(i, k) in &kinds {
                    match by_kind.iter_mut().find(|g| g[0].1 == k) {
                        Some(g) => g.push((i, k)),
                        None => by_kind.push(vec![(i, k)]),
                    }
                }
                if by_kind.len() < 2 {
                    continue;
                }
                let by_kind = majority_first(by_kind);
                let major: Vec<usize> = by_kind[0].iter().map(|(i, _)| *i).collect();
                let rel = per_variant(ctx, &major, 3);
                let Some(&first) = rel.first() else { continue };
                let word = |(base, times): (&str, bool)| {
                    if times {
                        format!("{base}次")
                    } else {
                        base.to_string()
                    }
                };
                for group in &by_kind[1..] {
                    for &(i, k) in group {
                        out.push(ctx.odd_one_out(
                            self,
                            (i, &major, first, &rel),
                            ("counts", &word(k), &word(by_kind[0][0].1)),
                            format!(
                                "count the same thing everywhere ({} or {})",
                                word(by_kind[0][0].1),
                                word(k)
                            ),
                        ));
                    }
                }
            }
            for class in value_classes(&members) {
                let mut by_unit: Vec<Vec<(usize, &Quantity)>> = Vec::new();
                for &(i, q) in &class {
                    match by_unit.iter_mut().find(|u| unit_key(u[0].1) == unit_key(q)) {
                        Some(u) => u.push((i, q)),
                        None => by_unit.push(vec![(i, q)]),
                    }
                }
                if by_unit.len() < 2 {
                    continue;
                }
                // The fuller form wins a tie: a figure without a currency is the odd one.
                let mut by_unit = majority_first(by_unit);
                if by_unit[0].len() == by_unit[1].len() {
                    // On a tie the reference is the fuller form, then the cited one.
                    let cited = |g: &Vec<(usize, &Quantity)>| {
                        g.iter().any(|(i, _)| ctx.named_citation(*i).is_some())
                    };
                    let bare = matches!(by_unit[0][0].1.unit, Unit::Count)
                        && !matches!(by_unit[1][0].1.unit, Unit::Count);
                    if bare || (!cited(&by_unit[0]) && cited(&by_unit[1])) {
                        by_unit.swap(0, 1);
                    }
                }
                ctx.canonical_first(&mut by_unit);
                let major: Vec<usize> = by_unit[0].iter().map(|(i, _)| *i).collect();
                let rel = per_variant(ctx, &major, 3);
                let Some(&first) = rel.first() else { continue };
                let mq = by_unit[0][0].1;
                for group in &by_unit[1..] {
                    for &(i, q) in group {
                        out.push(ctx.odd_one_out(
                            self,
                            (i, &major, first, &rel),
                            ("has", &describe(q), &describe(mq)),
                            format!(
                                "write the figure with the same unit everywhere ({})",
                                describe(mq)
                            ),
                        ));
                    }
                }
            }
        }
    }
}
