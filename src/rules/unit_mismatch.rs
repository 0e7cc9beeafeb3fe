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

/// The same number under another magnitude word: 4.86 亿元 vs 4.86 万元, 3.2 million vs
/// 3.2 billion (figures `i` and `j`, read as `a` and `b`): the number as written is the
/// same, the values differ by a power of ten of a thousand or more.
pub fn remagnified(
    ctx: &RuleContext<'_>,
    (i, a): (usize, &Quantity),
    (j, b): (usize, &Quantity),
) -> bool {
    if a.unit != b.unit || a.dimension() != b.dimension() || a.value <= 0.0 || b.value <= 0.0 {
        return false;
    }
    let k = (a.value.max(b.value) / a.value.min(b.value)).log10();
    if (k - k.round()).abs() > 1e-9 || k.round() < 3.0 {
        return false;
    }
    let written = |c: usize| {
        let t = ctx.a.extraction.text(ctx.claim(c));
        let start = t.find(|ch: char| ch.is_ascii_digit())?;
        let len = t[start..]
            .find(|ch: char| !(ch.is_ascii_digit() || ch == '.' || ch == ','))
            .unwrap_or(t.len() - start);
        Some(
            t[start..start + len]
                .trim_end_matches(['.', ','])
                .replace(',', ""),
        )
    };
    matches!((written(i), written(j)), (Some(x), Some(y)) if x == y)
}

/// The same number with its unit changed: under another scale ([`rescaled`]) or another
/// magnitude word ([`remagnified`]). value-mismatch leaves such a pair to this rule.
pub fn unit_changed(
    ctx: &RuleContext<'_>,
    (i, a): (usize, &Quantity),
    (j, b): (usize, &Quantity),
) -> bool {
    rescaled(a, b) || remagnified(ctx, (i, a), (j, b))
}

/// A figure's unit as a finding names it.
fn unit_name(q: &Quantity) -> String {
    match &q.unit {
        Unit::Count => "no unit".to_string(),
        u => u.label(),
    }
}

fn describe(q: &Quantity) -> String {
    let mut s = unit_name(q);
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
    // Doses, screenings and trains against carriages, where 次 adds nothing (5.18 万剂 and
    // 5.18 万剂次 are one count; 5.18 万人 is another).
    const PLAIN: &[(&str, &str)] = &[
        ("剂", "剂"),
        ("劑", "剂"),
        ("场", "场"),
        ("場", "场"),
        ("列", "列"),
        ("节", "节"),
        ("節", "节"),
    ];
    let after = after.trim_start_matches(' ');
    BASES
        .iter()
        .find_map(|&(c, base)| {
            let rest = after.strip_prefix(c)?;
            Some((base, rest.starts_with('次')))
        })
        .or_else(|| {
            PLAIN
                .iter()
                .find_map(|&(c, base)| after.starts_with(c).then_some((base, false)))
        })
}

/// What a figure is per beyond the rates aligned on ([`Quantity::each`]), as far as the
/// text lets it be told.
#[derive(Clone, PartialEq)]
enum Each {
    /// Per nothing more: no word of a denominator near the figure.
    Nothing,
    /// Per these things (sorted, joined by " per ").
    Things(String),
}

/// The thing a figure is per as [`Each`], `None` when the text names one that cannot be
/// told (每位评委; "for each site" before it; "x 2 per …" the extractor did not read).
fn each_of(ctx: &RuleContext<'_>, i: usize, q: &Quantity) -> Option<Each> {
    if q.each().iter().any(|t| &**t == "?") {
        return None;
    }
    if !q.each().is_empty() {
        let mut things: Vec<&str> = q.each().iter().map(|t| t.trim_start_matches('~')).collect();
        things.sort_unstable();
        return Some(Each::Things(things.join(" per ")));
    }
    let text = &ctx.a.source.text;
    let span = ctx.claim(i).span();
    let infos = &ctx.a.extraction.sentences;
    let sentence = infos.get(ctx.claim(i).sentence())?.span();
    let before = text.get(sentence.start.min(span.start)..span.start)?;
    let after = text.get(span.end..sentence.end.max(span.end))?;
    let before = crate::claim::text::tail(before, 90);
    let after = crate::claim::text::head(after, 60);
    let clause = |ch: char| ",;:，；：。".contains(ch);
    // (Padded, so a cue may open or close the clause: "each site", "a head per".)
    let before = format!(
        " {}",
        before.rsplit(clause).next().unwrap_or("").to_lowercase()
    );
    let after = format!(
        "{} ",
        after.split(clause).next().unwrap_or("").to_lowercase()
    );
    // (A Chinese 每 in the clause was read by the extractor: 每月 is a known rate, 每位
    // 评委 an unknown thing.)
    const CUES: &[&str] = &[
        " per ", "each ", "every ", "/", "／", "人均", "户均", "戶均", "单台", "單台", "单个",
        "單個", "按", "以每",
    ];
    let cued = CUES.iter().any(|w| before.contains(w) || after.contains(w));
    // (A 每 the figure's rates do not account for: 每千瓦时 115 美元, 每段 10 到 30 分钟,
    // 超出部分每次 0.5 元.)
    let unread = before.matches('每').count() > q.per().len();
    (!cued && !unread).then_some(Each::Nothing)
}

/// Whether a figure stands in Chinese text (a Chinese character within a few either side).
fn in_chinese(ctx: &RuleContext<'_>, i: usize) -> bool {
    let text = &ctx.a.source.text;
    let span = ctx.claim(i).span();
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    text.get(span.clone())
        .unwrap_or("")
        .chars()
        .any(crate::claim::text::is_han)
        || crate::claim::text::tail(before, 12)
            .chars()
            .any(crate::claim::text::is_han)
        || crate::claim::text::head(after, 12)
            .chars()
            .any(crate::claim::text::is_han)
}

impl UnitMismatch {
    /// "£4.19 per elector" against "£4.19 per voter", "€9 per site per month" against 每月
    /// 9 欧元, 每户补贴 20 万元 against 每台电梯补贴 20 万元: one figure, per another thing,
    /// or per nothing where another variant names what.
    fn each_thing(
        &self,
        ctx: &RuleContext<'_>,
        members: &[(usize, &Quantity)],
        out: &mut Findings<'_>,
    ) {
        for class in value_classes(members) {
            // (Only figures already alike in unit and rate: the passes after this report
            // those that are not.)
            let Some(&(_, q0)) = class.first() else {
                continue;
            };
            let key = unit_key(q0);
            let told: Vec<(usize, &Quantity, Each, bool)> = class
                .iter()
                .filter(|(_, q)| unit_key(q) == key)
                .filter_map(|&(i, q)| Some((i, q, each_of(ctx, i, q)?, in_chinese(ctx, i))))
                .collect();
            // An English word the table lacks cannot be compared with a Chinese noun.
            let alike = |a: &(usize, &Quantity, Each, bool), b: &(usize, &Quantity, Each, bool)| {
                a.2 == b.2
                    || (a.3 != b.3
                        && matches!((&a.2, &b.2), (Each::Things(_), Each::Things(_)))
                        && a.1
                            .each()
                            .iter()
                            .chain(b.1.each())
                            .any(|t| t.starts_with('~')))
            };
            let mut by_each: Vec<Vec<(usize, &Quantity)>> = Vec::new();
            let mut reps: Vec<usize> = Vec::new();
            for (k, x) in told.iter().enumerate() {
                match reps.iter().position(|&r| alike(&told[r], x)) {
                    Some(g) => by_each[g].push((x.0, x.1)),
                    None => {
                        reps.push(k);
                        by_each.push(vec![(x.0, x.1)]);
                    }
                }
            }
            if by_each.len() != 2 {
                continue;
            }
            let variants = |g: &Vec<(usize, &Quantity)>| {
                let mut v: Vec<usize> = g.iter().map(|(i, _)| ctx.claim(*i).variant()).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            // (Two variants at least, and none on both sides: a variant that writes the
            // figure per a site and per nothing is not told apart from another.)
            let (va, vb) = (variants(&by_each[0]), variants(&by_each[1]));
            if va.iter().any(|v| vb.contains(v)) {
                continue;
            }
            let mut by_each = majority_first(by_each);
            if by_each[0].len() == by_each[1].len() && by_each[0][0].1.each().is_empty() {
                // On a tie the reference is the form that names what the figure is per.
                by_each.swap(0, 1);
            }
            let major: Vec<usize> = by_each[0].iter().map(|(i, _)| *i).collect();
            let rel = per_variant(ctx, &major, 3);
            let Some(&first) = rel.first() else { continue };
            let mq = by_each[0][0].1;
            for &(i, q) in &by_each[1] {
                let mut f = ctx.odd_one_out(
                    self,
                    (i, &major, first, &rel),
                    ("is", &describe_each(q), &describe_each(mq)),
                    format!(
                        "say what the figure is per the same way everywhere ({})",
                        describe_each(mq)
                    ),
                );
                // (The span reaches over what it is per: "£2.4 million per player".)
                if let Some(end) =
                    crate::claim::quantity::per_thing_end(&ctx.a.source.text, f.span.end)
                {
                    f.span.end = end;
                }
                out.push(f);
            }
        }
    }
}

/// A figure's unit with what it is per, the things [`Quantity::each`] names among them.
fn describe_each(q: &Quantity) -> String {
    let mut s = unit_name(q);
    for t in q.each() {
        s.push_str(&format!(" per {}", t.trim_start_matches('~')));
    }
    if !q.per().is_empty() {
        s.push_str(&format!(" per {}", q.per().join(" per ")));
    }
    s
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
                        let Some(&(r, rq)) = major
                            .iter()
                            .find(|&&(r, m)| unit_changed(ctx, (i, q), (r, m)))
                        else {
                            continue;
                        };
                        let c = ctx.claim(i);
                        let fix = if rescaled(q, rq) {
                            format!("check the unit: {} or {}", describe(q), describe(rq))
                        } else {
                            format!("check the magnitude: {} or {}", ctx.shown(i), ctx.shown(r))
                        };
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
                            fix,
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
            self.each_thing(ctx, &members, out);
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

#[cfg(test)]
mod tests {
    use super::count_kind;

    #[test]
    fn what_a_chinese_count_counts() {
        // (The text right after a figure such as 5.18 万.) People against the times they
        // came; doses with or without 次 are doses.
        assert_eq!(count_kind("人次接种"), Some(("人", true)));
        assert_eq!(count_kind(" 人"), Some(("人", false)));
        assert_eq!(count_kind("剂次"), count_kind("剂"));
        assert_ne!(count_kind("剂次"), count_kind("人"));
        // Screenings, trains and carriages are each their own count.
        assert_eq!(count_kind("场"), Some(("场", false)));
        assert_ne!(count_kind("节"), count_kind("列"));
        assert_eq!(count_kind("元"), None);
    }
}
