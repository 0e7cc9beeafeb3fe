//! House rules: a project's own pattern rules from a rule pack (`[[rule]]` with a code
//! such as `house/no-unsourced-market-share`, a regex, a message and a severity). The
//! pattern runs over the prose of every block (code and comments excluded), so a
//! match points at its exact source bytes; `unless_cited` keeps sentences that carry
//! a source quiet.

use super::RuleContext;
use crate::config::HouseRule;
use crate::report::{Finding, Severity};

pub fn check(ctx: &RuleContext<'_>, rule: &HouseRule, level: Severity, out: &mut Vec<Finding>) {
    let a = ctx.a;
    let sentences = &a.extraction.sentences;
    for block in &a.doc.blocks {
        for m in rule.pattern.find_iter(&block.text) {
            if m.is_empty() {
                continue;
            }
            let span = block.to_src(m.range());
            if rule.unless_cited {
                // Sentences are in source order: the one holding the match, if any.
                let k = sentences.partition_point(|s| s.span().end <= span.start);
                let inside = sentences
                    .get(k)
                    .is_some_and(|s| s.span().start <= span.start);
                let cited = inside
                    && (!sentences[k].citations.is_empty()
                        || a.extraction.claims[a.extraction.claims_of(k)]
                            .iter()
                            .any(|c| !c.citations.is_empty()));
                if cited {
                    continue;
                }
            }
            let variant = a.variant_at(span.start);
            out.push(Finding {
                code: rule.code,
                severity: level,
                message: format!("{}: “{}”", rule.message, a.text(&span).trim()),
                file: a.file.clone(),
                variant: a.variant_id(variant),
                span,
                related: Vec::new(),
                help: rule.help.clone().into(),
            });
        }
    }
}
