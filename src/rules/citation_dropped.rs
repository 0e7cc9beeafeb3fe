//! `citation-dropped`: a claim cites a source in one variant and has none in another.

use super::{Findings, Rule, RuleContext};
use crate::claim::Unit;
use crate::report::{Related, Severity};

pub struct CitationDropped;

impl Rule for CitationDropped {
    fn code(&self) -> &'static str {
        "citation-dropped"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "a claim cites a source in one variant and the same claim has none in another"
    }
    fn docs(&self) -> &'static str {
        "## What it does\n\
         Finds a figure that carries a named source in one variant (a study, a report, a \
         link, a footnote) while the same figure in another variant carries none.\n\n\
         ## Why it matters\n\
         A merged or translated edition that drops the source turns a checkable fact into an \
         assertion.\n\n\
         ## Flagged\n\
         整合版: 易被滥用（50美元伪造Deepfake） / 版本二: 2023年Defcon大会演示：仅需50美元即可…\n\
         Draft A: revenue grew 12% (Gartner, 2023) / Draft B: revenue grew 12%\n\n\
         ## Not flagged\n\
         A vague source (研究表明, studies show) dropped: that is not a source to lose."
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Findings<'_>) {
        // The claims left without a source, as (sentence, source's start, claim, cited
        // claim): one finding per sentence and source, at its first figure, so that a
        // source dropped from a sentence of three figures is one finding, not three.
        let mut dropped: Vec<(usize, usize, usize, usize)> = Vec::new();
        for g in &ctx.a.alignment.groups {
            // A source matters for a figure, not for an age threshold or a period.
            let sourced_kind = g.members.iter().any(|&m| {
                ctx.claim(m).quantity().is_some_and(|q| {
                    !matches!(&q.unit, Unit::Duration(_))
                        && !matches!(&q.unit, Unit::Measure(u) if &**u == "age")
                })
            });
            if !sourced_kind {
                continue;
            }
            let cited: Vec<usize> = g
                .members
                .iter()
                .copied()
                .filter(|&m| {
                    ctx.named_citation(m)
                        .is_some_and(|c| !crate::claim::citation::is_taken_up(&c.text))
                })
                .collect();
            let Some(&first) = cited.first() else {
                continue;
            };
            let Some(cite) = ctx.named_citation(first) else {
                continue;
            };
            // A small count or a year (no statistic) carried along in a sentence whose
            // source backs a statistic the other sentence leaves out (东屿港区新建2个泊位，
            // 总投资3.4亿元（项目批复）… against a sentence without the investment): the
            // source went with that statistic, not with the count.
            let statistic = g
                .members
                .iter()
                .any(|&m| ctx.a.extraction.is_statistic(ctx.claim(m)));
            let cited_variants: Vec<usize> =
                cited.iter().map(|&m| ctx.claim(m).variant()).collect();
            let mut done_variants = Vec::new();
            for &m in &g.members {
                let c = ctx.claim(m);
                if ctx.named_citation(m).is_some()
                    || cited_variants.contains(&c.variant())
                    || done_variants.contains(&c.variant())
                    || !ctx.a.is_named(c.variant())
                {
                    continue;
                }
                done_variants.push(c.variant());
                if !statistic && backs_a_statistic_left_out(ctx, first, m) {
                    continue;
                }
                dropped.push((c.sentence(), cite.span().start, m, first));
            }
        }
        dropped.sort_unstable();
        dropped.dedup_by_key(|&mut (s, at, m, _)| (s, at, m));
        for run in dropped.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
            let (_, _, m, first) = run[0];
            let Some(cite) = ctx.named_citation(first) else {
                continue;
            };
            let c = ctx.claim(m);
            let src = cite
                .text
                .trim()
                .trim_matches(['（', '）', '(', ')', '：', ':', '，', ',']);
            let what = ctx.shown_in_sentence(m, run.len());
            let mut f = ctx.finding(
                self,
                c.span(),
                c.variant(),
                format!(
                    "{what} has no source here; {} cites {}",
                    ctx.where_(first),
                    src
                ),
                format!("add the source ({src}) here too"),
            );
            f.related = vec![
                ctx.related(first, format!("{} here", ctx.shown(first))),
                Related {
                    file: ctx.a.file.clone(),
                    variant: ctx.a.variant_id(ctx.claim(first).variant()),
                    span: cite.span(),
                    message: "the source".to_string(),
                },
            ];
            for &(_, _, other, _) in &run[1..] {
                f.related.push(ctx.related(
                    other,
                    format!("{} here, also without the source", ctx.shown(other)),
                ));
            }
            out.push(f);
        }
    }
}

/// Whether the sentence of `cited` holds a statistic, covered by its source, that the
/// sentence of `bare` does not state in any value.
fn backs_a_statistic_left_out(ctx: &RuleContext<'_>, cited: usize, bare: usize) -> bool {
    let claims = &ctx.a.extraction.claims;
    let of_sentence = |i: usize| {
        let s = claims[i].sentence();
        let lo = claims.partition_point(|c| c.sentence() < s);
        let hi = claims.partition_point(|c| c.sentence() <= s);
        &claims[lo..hi]
    };
    let bare_figures: Vec<&crate::claim::Quantity> = of_sentence(bare)
        .iter()
        .filter_map(|c| c.quantity())
        .collect();
    let ex = &ctx.a.extraction;
    let source = ex.named_citation(&claims[cited]).map(|x| x.span());
    of_sentence(cited).iter().any(|c| {
        ex.is_statistic(c)
            && ex.named_citation(c).map(|x| x.span()) == source
            && c.quantity().is_some_and(|q| {
                // (Stated with another value is a different finding, not left out.)
                !bare_figures
                    .iter()
                    .any(|b| b.unit == q.unit || crate::claim::number::same_value(b.value, q.value))
            })
    })
}
