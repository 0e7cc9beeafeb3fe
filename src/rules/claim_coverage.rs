//! `claim-coverage`: a claim that some variants make and others leave out.

use std::collections::HashSet;

use super::{Rule, RuleContext};
use crate::lexicon::EntityKind;
use crate::report::{Finding, Related, Severity};

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
         版本二: Google搜索每天处理85亿次查询 / 整合版 mentions Google but not the figure\n\n\
         ## Not flagged\n\
         A variant that never mentions the subject (it is a different text, not a gap)."
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let a = ctx.a;
        if a.named_count() < 2 {
            return;
        }
        let claims = &a.extraction.claims;
        let mut done_groups: HashSet<usize> = HashSet::new();
        for (i, c) in claims.iter().enumerate() {
            if !c.is_statistic() || !a.is_named(c.variant) {
                continue;
            }
            let Some(subject) = &c.subject else { continue };
            let members: Vec<usize> = match a.alignment.group_of[i] {
                Some(g) => {
                    if !done_groups.insert(g) {
                        continue;
                    }
                    a.alignment.groups[g].members.clone()
                }
                None => vec![i],
            };
            let present: HashSet<usize> = members.iter().map(|&m| claims[m].variant).collect();
            let mut related = Vec::new();
            for (vi, v) in a.variants.iter().enumerate() {
                if v.id.is_none() || present.contains(&vi) {
                    continue;
                }
                let mention = a.extraction.mentions.iter().find(|m| {
                    m.id == subject.id
                        && !matches!(m.kind, EntityKind::Place | EntityKind::Institution)
                        && v.range.start <= m.span.start
                        && m.span.end <= v.range.end
                });
                if let Some(m) = mention {
                    related.push(Related {
                        file: a.source.path.clone(),
                        variant: v.id.clone(),
                        span: m.span.clone(),
                        message: format!("{} is mentioned here without the figure", m.name),
                    });
                }
            }
            if related.is_empty() {
                continue;
            }
            let names: Vec<String> = related.iter().filter_map(|r| r.variant.clone()).collect();
            let mut f = ctx.finding(
                self,
                c.span.clone(),
                c.variant,
                format!(
                    "{} ({}) is stated here but left out of {}, which mention {}",
                    ctx.topic(i),
                    ctx.shown(i),
                    names.join(", "),
                    subject.name
                ),
                "add the figure to the other variants, or drop it here if it no longer holds",
            );
            f.related = related;
            out.push(f);
        }
    }
}
