//! `vague-citation`: a source that names nobody.

use super::{Findings, Rule, RuleContext};
use crate::report::Severity;

pub struct VagueCitation;

impl Rule for VagueCitation {
    fn code(&self) -> &'static str {
        "vague-citation"
    }
    fn default_severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "a source that names nobody (内部测试显示, studies show, 据统计, experts say)"
    }
    fn docs(&self) -> &'static str {
        "## What it does\n\
         Finds phrases that present themselves as a source but name nobody: 内部测试显示, \
         研究表明, 据统计, studies show, experts say.\n\n\
         ## Why it matters\n\
         A reader cannot check a source that has no name.\n\n\
         ## Flagged\n\
         内部测试显示，用户数据可使模型性能提升23%。\n\
         Studies show that remote teams are 20% more productive.\n\n\
         ## Not flagged\n\
         IDC数据显示…; A 2023 Stanford study found…; according to Gartner…"
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Findings<'_>) {
        for (span, phrase) in &ctx.a.extraction.vague {
            let v = ctx.a.variant_at(span.start);
            out.push(ctx.finding(
                self,
                span.clone(),
                v,
                format!("“{phrase}” presents a source but names nobody"),
                "name the study, report, test or person, with a date or link",
            ));
        }
    }
}
