//! `stale-forecast`: a forecast for a time already past.

use super::{Findings, Rule, RuleContext};
use crate::claim::ClaimKind;
use crate::report::Severity;

pub struct StaleForecast;

impl Rule for StaleForecast {
    fn code(&self) -> &'static str {
        "stale-forecast"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "a forecast or \"expected\" figure for a time already past at --as-of"
    }
    fn docs(&self) -> &'static str {
        "## What it does\n\
         Finds forecasts (预计, 有望, 将达到, expected, forecast, projected, will) about a \
         period that ended before the --as-of date (default: today).\n\n\
         ## Why it matters\n\
         \"Expected to reach $6 billion in 2024\" read in 2026 is either a known fact by now \
         or a forecast that missed.\n\n\
         ## Flagged\n\
         预计2024年带来60亿美元新增收入 (as of 2026)\n\
         Revenue is expected to reach $5B in Q3 2025.\n\
         The 2026 race is expected to take place on 15 November 2026 (as of 28 November).\n\
         预计9月底前完成 in a report on 2026 (a month without its year takes the year \
         stated before it, or its section's or the document's).\n\n\
         ## Not flagged\n\
         预计2025年后AI平台化 (open-ended); by 2030; 未来3-5年 (relative); expected by the end \
         of September with no year anywhere before it"
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Findings<'_>) {
        for (i, c) in ctx.a.extraction.claims.iter().enumerate() {
            let ClaimKind::Date(p) = &c.kind else {
                continue;
            };
            if !c.forecast() {
                continue;
            }
            // A single day is when something was said or published, not what a forecast
            // is about ("guidance issued on March 6, 2025 expects …"), unless the
            // forecast word leads straight to it ("expected to take place on 15 November
            // 2026", 预计于2026年11月8日举行).
            if matches!(p.span, crate::claim::date::Span::Day(..)) {
                let text = &ctx.a.source.text;
                // (An expectation, not a schedule: "将于2026年9月9日支付" and "will take
                // effect on" tell a date fixed when the text was written.)
                let led = ctx.a.extraction.cue(c).is_some_and(|cue| {
                    let word = text.get(cue.clone()).unwrap_or("").to_lowercase();
                    ["expect", "anticipat", "预计", "预期", "有望", "due "]
                        .iter()
                        .any(|w| word.starts_with(w))
                        && cue.end <= c.span().start
                        && c.span().start - cue.end <= 40
                        && text.get(cue.end..c.span().start).is_some_and(|gap| {
                            !gap.contains([',', '.', ';', '，', '。', '；', '\n'])
                        })
                });
                if !led {
                    continue;
                }
            }
            let Some(end) = p.end() else { continue };
            if end >= ctx.as_of {
                continue;
            }
            let _ = i;
            // The forecast as a reader sees it: from its word to its date.
            let span = match ctx.a.extraction.cue(c) {
                Some(cue) => cue.start.min(c.span().start)..cue.end.max(c.span().end),
                None => c.span(),
            };
            out.push(ctx.finding(
                self,
                span,
                c.variant(),
                format!(
                    "forecast for {} is still worded as a forecast, but that period ended before {}",
                    p.label(),
                    ctx.as_of
                ),
                "replace the forecast with the actual outcome, or drop it",
            ));
        }
    }
}
