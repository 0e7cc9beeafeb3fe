//! `missing-citation`: a statistic with no source anywhere.

use crate::hashing::HashMap;

use super::{Findings, Rule, RuleContext};
use crate::align::equal_values;
use crate::report::Severity;

pub struct MissingCitation;

impl Rule for MissingCitation {
    fn code(&self) -> &'static str {
        "missing-citation"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "a statistic (percentage, money, growth, large count) with no source anywhere"
    }
    fn docs(&self) -> &'static str {
        "## What it does\n\
         Finds a sentence that states a statistic — a percentage, an amount of money, growth, \
         a multiple, a rate or a count of 1,000 or more — when neither it nor the same claim \
         in any other variant gives a source. One finding per sentence, reported once for a \
         claim that several variants repeat.\n\n\
         ## Why it matters\n\
         An unsourced figure cannot be checked, and it is the first thing a careful reader \
         doubts.\n\n\
         ## Flagged\n\
         Android市占72%\n\
         The market grew 40% last year.\n\n\
         ## Not flagged\n\
         性能差距扩大40%（MIT 2024研究）; grew 40% (Gartner, 2023); 前18个月 (a period, not a statistic)"
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Findings<'_>) {
        let a = ctx.a;
        let claims = &a.extraction.claims;
        let group_cited: Vec<bool> = a
            .alignment
            .groups
            .iter()
            .map(|g| g.members.iter().any(|&m| ctx.named_citation(m).is_some()))
            .collect();
        // Groups reported, with the variant they were reported in.
        let mut reported_groups: HashMap<usize, usize> = HashMap::default();
        // Figures that carry a named source somewhere: a later restatement of one (in a
        // summary, a table, a list) is sourced by it.
        // Cited figures by subject and by metric, so each lookup meets only its peers.
        // (Claim indices as u32: these lists hold most of a dense document's figures.
        // Keyed by whether the name is a metric's, and the name: a key built as a string
        // for every uncited figure looked up was a sizeable share of this rule.)
        let mut cited: HashMap<(bool, &str), Vec<u32>> = HashMap::default();
        for (i, c) in claims.iter().enumerate() {
            if c.quantity().is_none() || ctx.named_citation(i).is_none() {
                continue;
            }
            let Ok(i) = u32::try_from(i) else { break };
            if let Some(s) = ctx.a.extraction.subject(c) {
                cited.entry((false, s.root.as_str())).or_default().push(i);
            }
            if let Some(m) = a.extraction.metric(c) {
                cited.entry((true, m)).or_default().push(i);
            }
        }
        // Cited figures by value: a restatement in other words (the TL;DR's "by a third"
        // of the body's cited "by one-third") is sourced by it.
        // (Its size: "cuts quit rates by a third" may read as a level, "cut … by one-third"
        // as a fall.)
        // (Keyed by the class and the value's key: as the string "class|{:.8e}" was, since
        // a formatted value holds no '|'.)
        fn value_of(q: &crate::claim::Quantity) -> (&str, u64) {
            (q.class(), super::value_key(q.value))
        }
        let mut cited_values: HashMap<(&str, u64), Vec<u32>> = HashMap::default();
        // And those of four significant digits or more by their value alone: the box's
        // "14,820 volunteer hours" is the body's sourced "14,820 hours", whatever unit each
        // was read with.
        let mut cited_distinct: crate::hashing::HashSet<u64> = crate::hashing::HashSet::default();
        for (i, c) in claims.iter().enumerate() {
            if let (Some(q), Some(_), Ok(k)) =
                (c.quantity(), ctx.named_citation(i), u32::try_from(i))
            {
                cited_values.entry(value_of(q)).or_default().push(k);
                if significant_digits(a.extraction.text(c)) >= 4 {
                    cited_distinct.insert(super::value_key(q.value));
                }
            }
        }
        // Cited exact figures by the values a rounding of them could take: a summary's
        // 约412万吨 is the body's sourced 412.6万吨.
        // (By unit, change and value key: as the string "unit|change|key" was, since neither
        // the change nor the key holds a '|'.)
        let mut rounded_cited: crate::hashing::HashSet<(String, i8, u64)> =
            crate::hashing::HashSet::default();
        for (i, c) in claims.iter().enumerate() {
            if let (Some(q), Some(_)) = (c.quantity(), ctx.named_citation(i)) {
                if q.bound == crate::lexicon::Bound::Exact && q.high().is_none() {
                    let label = q.unit.label();
                    for k in super::rounding_keys(q.value) {
                        rounded_cited.insert((label.clone(), q.change, k));
                    }
                }
            }
        }
        let sourced_elsewhere = |i: usize| {
            let (c, Some(q)) = (&claims[i], claims[i].quantity()) else {
                return false;
            };
            // (A figure of four significant digits or more, 41,260 or 1286万, is the same
            // figure again wherever it stands; a round one must be said alike.)
            // (Three are enough where the class and value agree too: 52.6 亿元 in the box
            // and the sourced table's 发放金额（亿元） 52.6.)
            let digits = significant_digits(a.extraction.text(c));
            let distinctive = digits >= 4;
            let restated = cited_values.get(&value_of(q)).is_some_and(|list| {
                list.iter().take(64).any(|&j| {
                    let ex = &a.extraction;
                    // (Or counting the same thing: "Around 1,900 spectators" and the gate
                    // receipts' "1,900 spectators".)
                    let same_noun = q.noun().is_some()
                        && q.noun() == claims[j as usize].quantity().and_then(|o| o.noun());
                    digits >= 3
                        || same_noun
                        || crate::claim::text::similarity(
                            ex.context(c),
                            ex.context(&claims[j as usize]),
                        ) >= 0.3
                })
            });
            if restated || (distinctive && cited_distinct.contains(&super::value_key(q.value))) {
                return true;
            }
            // (Or a rounding written plainly, of three significant digits or more: the
            // headline's £18.4 million of the table's sourced £18,412,600.)
            let rounding = q.bound == crate::lexicon::Bound::Approx
                || (q.bound == crate::lexicon::Bound::Exact
                    && significant_digits(a.extraction.text(c)) >= 3);
            if rounding
                && rounded_cited.contains(&(q.unit.label(), q.change, super::value_key(q.value)))
            {
                return true;
            }
            // A bound or a round figure beside the sourced figure it rounds, in the same
            // paragraph ("… 41,260 applications (UCAS). It is the first time applications
            // have passed 41,000.").
            if q.bound != crate::lexicon::Bound::Exact {
                let lo = claims.partition_point(|o| o.block() < c.block());
                let hi = claims.partition_point(|o| o.block() <= c.block());
                // (The nearest few: a paragraph may hold thousands of figures.)
                let near = (lo.max(i.saturating_sub(32))..hi.min(i + 32)).any(|j| {
                    let Some(oq) = claims[j].quantity() else {
                        return false;
                    };
                    ctx.named_citation(j).is_some()
                        && q.class() == oq.class()
                        && q.change == oq.change
                        && ctx.agree(q, oq)
                        && (q.value - oq.value).abs() <= 0.1 * q.value.abs().max(oq.value.abs())
                });
                if near {
                    return true;
                }
            }
            let keys = [
                ctx.a
                    .extraction
                    .subject(c)
                    .map(|s| (false, s.root.as_str())),
                a.extraction.metric(c).map(|m| (true, m)),
            ];
            let peers = keys
                .iter()
                .flatten()
                .filter_map(|k| cited.get(k))
                .flat_map(|v| v.iter().take(256));
            peers.into_iter().any(|&j| {
                let o = &claims[j as usize];
                let Some(oq) = o.quantity() else { return false };
                let same_about = match (
                    ctx.a.extraction.subject(c),
                    ctx.a.extraction.subject(o),
                    &c.metric,
                    &o.metric,
                ) {
                    (Some(s1), Some(s2), _, _) if s1.root == s2.root => {
                        c.metric.is_none() || o.metric.is_none() || c.metric == o.metric
                    }
                    (_, _, Some(m1), Some(m2)) => m1 == m2,
                    _ => false,
                };
                same_about
                    && q.class() == oq.class()
                    && q.change == oq.change
                    && (equal_values(q, oq)
                        || (ctx.agree(q, oq)
                            && (q.value - oq.value).abs()
                                <= 0.1 * q.value.abs().max(oq.value.abs())))
            })
        };
        // The unsourced statistics, as (sentence, claim): one list for the document, not
        // a list per sentence (a dense document has hundreds of thousands of sentences).
        let mut unsourced: Vec<(u32, u32)> = Vec::new();
        // A heading announces what the text below it says, with its source.
        let heading = |c: &crate::claim::Claim| {
            a.doc
                .blocks
                .get(c.block())
                .is_some_and(|b| matches!(b.kind, crate::markdown::BlockKind::Heading(_)))
        };
        let text = &a.source.text;
        let infos = &a.extraction.sentences;
        // A figure inside the source it names ("according to a Korvo survey of 12,000
        // customers") describes the source.
        // (A sentence of many sources is read once, for its claims in turn: its sources'
        // spans by start, and the furthest end of the first k.)
        let mut reach: (usize, Vec<(usize, usize)>) = (usize::MAX, Vec::new());
        let mut in_source = |c: &crate::claim::Claim| {
            let Some(s) = infos.get(c.sentence()) else {
                return false;
            };
            let cites = a.extraction.cites(s.citations);
            let span = c.span();
            if cites.len() <= 16 {
                return cites
                    .iter()
                    .any(|ct| ct.span().start <= span.start && span.end <= ct.span().end);
            }
            if reach.0 != c.sentence() {
                reach = (c.sentence(), reach_of(cites.iter().map(|ct| ct.span())));
            }
            inside_reach(&reach.1, &span)
        };
        // A question ("Whether Hainan can double its output", 海南产量能否翻番) states
        // nothing to source.
        // (Read once per sentence: a sentence may hold thousands of figures.)
        let mut asked: Vec<Option<bool>> = vec![None; infos.len()];
        let mut question = |c: &crate::claim::Claim| {
            let Some(slot) = asked.get_mut(c.sentence()) else {
                return false;
            };
            *slot.get_or_insert_with(|| {
                let st = text.get(infos[c.sentence()].span()).unwrap_or("").trim();
                let st =
                    st.trim_start_matches(|ch: char| ch.is_ascii_digit() || ".-*) ".contains(ch));
                st.ends_with(['?', '？'])
                    || st.starts_with("Whether ")
                    || st.contains("能否")
                    || st.contains("是否")
            })
        };
        // A figure inside a quote whose speaker is named ("We ended the quarter with
        // C$1.9 billion of liquidity," said chief financial officer Marcus Oyelaran): the
        // speaker is its source.
        // (The quotes as (sentence, span), in sentence order: a sentence may hold
        // thousands of figures, and each looks only at its sentence's quotes.)
        let named_quotes: Vec<(usize, std::ops::Range<usize>)> = claims
            .iter()
            .filter_map(|o| match &o.kind {
                crate::claim::ClaimKind::Quote(q)
                    if q.speaker
                        .chars()
                        .any(|ch| ch.is_ascii_uppercase() || crate::claim::text::is_han(ch)) =>
                {
                    Some((o.sentence(), o.span()))
                }
                _ => None,
            })
            .collect();
        let in_named_quote = |c: &crate::claim::Claim| {
            let s = c.sentence();
            let lo = named_quotes.partition_point(|(k, _)| *k < s);
            named_quotes[lo..]
                .iter()
                .take_while(|(k, _)| *k == s)
                .any(|(_, r)| r.start <= c.span().start && c.span().end <= r.end)
        };
        // "A year earlier the airline earned C$174 million": a comparison that opens the
        // sentence after a sourced one in the same paragraph comes from that source.
        let carried_over = |c: &crate::claim::Claim| {
            let s = c.sentence();
            // (Only its opening: a sentence may hold thousands of figures.)
            let Some(opening) = infos
                .get(s)
                .and_then(|info| text.get(info.span()))
                .map(|t| crate::claim::text::head(t.trim_start(), 64).to_lowercase())
            else {
                return false;
            };
            if s == 0
                || !a
                    .lex
                    .carried_over
                    .iter()
                    .any(|w| opening.starts_with(w.as_str()))
            {
                return false;
            }
            let lo = claims.partition_point(|o| o.sentence() < s - 1);
            let hi = claims.partition_point(|o| o.sentence() < s);
            // (Or the sentence before is the source itself: "测试脚本与原始数据见
            // [bench/2026-10/]。按这组数据，…快约 14 倍".)
            let names_source = infos[s - 1].block == infos[s].block
                && a.extraction
                    .cites(infos[s - 1].citations)
                    .iter()
                    .any(|ct| ct.kind == crate::claim::CitationKind::Named);
            names_source
                || (lo..hi)
                    .any(|j| claims[j].block() == c.block() && ctx.named_citation(j).is_some())
        };
        // "… charges from 10% to 80% in 12 minutes. The work was published in *Nature
        // Energy* on 16 September 2026.": the next sentence says where it comes from.
        // (Read once per sentence, as `question` is.)
        let mut published: Vec<Option<bool>> = vec![None; infos.len()];
        let mut published_after = |c: &crate::claim::Claim| {
            let s = c.sentence();
            let Some(next) = infos.get(s + 1) else {
                return false;
            };
            *published[s].get_or_insert_with(|| {
                let same_block = infos[s].block == next.block;
                let t = text
                    .get(next.span())
                    .unwrap_or("")
                    .trim_start()
                    .to_lowercase();
                same_block
                    && a.lex.published_by.iter().any(|w| t.starts_with(w.as_str()))
                    && a.lex
                        .publication_verbs
                        .iter()
                        .any(|v| t.contains(v.as_str()))
            })
        };
        // "默认 1000 行", "1000 rows per batch by default": a setting the text documents,
        // not a statistic.
        // (An amount of money is a price or a cap, which a reader may still want sourced.)
        // A figure's sentence around it: the text before it, the figure, the text after.
        let around = |c: &crate::claim::Claim| {
            let span = infos.get(c.sentence())?.span();
            let sentence = text.get(span.clone())?;
            let at = c.span().start.saturating_sub(span.start);
            let to = c.span().end.saturating_sub(span.start);
            Some((
                sentence.get(..at)?,
                sentence.get(at..to)?,
                sentence.get(to..)?,
            ))
        };
        let setting = |c: &crate::claim::Claim| {
            if c.quantity()
                .is_some_and(|q| matches!(q.unit, crate::claim::Unit::Currency(_)))
            {
                return false;
            }
            // (Twenty-four characters either side, not bytes: 默认内存预算为每个节点 512 MB
            // holds the word eleven characters, 33 bytes, before the figure.)
            let Some((before, figure, after)) = around(c) else {
                return false;
            };
            let lo = before.char_indices().rev().nth(23).map_or(0, |(i, _)| i);
            let hi = after.char_indices().nth(24).map_or(after.len(), |(i, _)| i);
            let near = format!("{}{figure}{}", &before[lo..], &after[..hi]).to_lowercase();
            a.lex.settings.iter().any(|w| {
                near.match_indices(w.as_str()).any(|(at, _)| {
                    // (A whole word in English: not "defaulted loans", nor a loan's
                    // default rate.)
                    let rest = &near[at + w.len()..];
                    !w.is_ascii()
                        || !(rest.starts_with(|ch: char| ch.is_ascii_alphabetic())
                            || rest.starts_with(" rate")
                            || rest.starts_with(" risk"))
                })
            })
        };
        // "All prices include 6% VAT", "a 10% discount", "50% off the plan", 预付 30% 定金: a
        // term of an offer or a deal the text sets, not a statistic. (A change, "sales rose
        // 12% after the discount campaign", is still one.)
        let term = |c: &crate::claim::Claim| {
            let Some(q) = c.quantity() else { return false };
            if !matches!(q.unit, crate::claim::Unit::Percent) || q.change != 0 {
                return false;
            }
            let Some((before, _, after)) = around(c) else {
                return false;
            };
            // (Within the figure's clause, a dozen characters either side; read in a
            // window of its own: a sentence may hold thousands of figures.)
            let clause = |ch: char| ",;:，；：。、(（".contains(ch);
            let before = crate::claim::text::tail(before, 96);
            let after = crate::claim::text::head(after, 96);
            let before = before.rsplit(clause).next().unwrap_or("");
            let after = after.split(clause).next().unwrap_or("");
            let lo = before.char_indices().rev().nth(11).map_or(0, |(i, _)| i);
            let hi = after.char_indices().nth(12).map_or(after.len(), |(i, _)| i);
            let (before, after) = (before[lo..].to_lowercase(), after[..hi].to_lowercase());
            a.lex
                .terms
                .iter()
                .any(|w| has_word(&before, w) || has_word(&after, w))
        };
        // "4. Send 5% of traffic to Hanguan", "Budget about 120 MB per 10,000 routes; above
        // 50,000 routes, turn on sharding", 超过 5 万条路由时建议开启路由分片, "PostgreSQL 15 is
        // recommended above 100,000 items": an instruction says how to use something, and
        // its figures, or those of the condition right before it, are no statistics.
        // (Whether a sentence's opening clause tells, read once per sentence, as `question`
        // is; and "时" or "時" before each instruction verb in Chinese, built once.)
        let mut opening_told: Vec<Option<bool>> = vec![None; infos.len()];
        let then_verbs: Vec<String> = a
            .lex
            .instruction_verbs
            .iter()
            .filter(|v| !v.is_ascii())
            .flat_map(|v| [format!("时{v}"), format!("時{v}")])
            .collect();
        let mut instruction = |c: &crate::claim::Claim| {
            let Some(info) = infos.get(c.sentence()) else {
                return false;
            };
            let whole = text.get(info.span()).unwrap_or("");
            let at = c.span().start.saturating_sub(info.span().start);
            let Some(before) = whole.get(..at) else {
                return false;
            };
            // (The sentence's opening, and a window round the figure: a sentence may hold
            // thousands of figures.)
            let first = crate::claim::text::head(whole, 160);
            let first = 0..first.find(clause_end).unwrap_or(first.len());
            let before = crate::claim::text::tail(before, 240);
            let sentence = format!("{before}{}", crate::claim::text::head(&whole[at..], 240));
            let at = before.len();
            let mut clauses = Vec::new();
            let mut from = 0;
            for (k, ch) in sentence.char_indices() {
                if clause_end(ch) {
                    clauses.push(from..k);
                    from = k + ch.len_utf8();
                }
            }
            clauses.push(from..sentence.len());
            let Some(k) = clauses.iter().position(|r| r.contains(&at)) else {
                return false;
            };
            let opening = |t: &str| {
                let mut lower = t
                    .trim_start_matches(|ch: char| {
                        ch.is_ascii_digit() || ".-*+)#> \t、".contains(ch)
                    })
                    .to_lowercase();
                let mut t = lower.as_str();
                for lead in ["and then ", "then ", "and "] {
                    t = t.strip_prefix(lead).unwrap_or(t);
                }
                let lead = lower.len() - t.len();
                lower.drain(..lead);
                lower
            };
            let imperative = |t: &str| {
                let t = opening(t);
                a.lex.instruction_verbs.iter().any(|v| {
                    let Some(rest) = t.strip_prefix(v.as_str()) else {
                        return false;
                    };
                    if !v.is_ascii() {
                        // (请假, 请求: a noun, no request.)
                        return !(v == "请" && rest.starts_with(['假', '求', '愿', '示']));
                    }
                    let Some(rest) = rest.strip_prefix(' ') else {
                        return false;
                    };
                    let word = rest.split(' ').next().unwrap_or("");
                    rest.starts_with(|ch: char| ch.is_ascii_digit() || "$£€¥~".contains(ch))
                        || a.lex.instruction_followers.iter().any(|w| w == word)
                })
            };
            // (A clause that opens with a figure continues the list of the one before it:
            // "raise the share in steps of 20%, 50% and 100%".)
            let mut j = k;
            while j > 0
                && k - j < 8
                && sentence[clauses[j].clone()]
                    .trim_start()
                    .starts_with(|ch: char| ch.is_ascii_digit())
            {
                j -= 1;
            }
            let first_told =
                *opening_told[c.sentence()].get_or_insert_with(|| imperative(&whole[first]));
            if first_told || imperative(&sentence[clauses[j].clone()]) {
                return true;
            }
            let own = opening(&sentence[clauses[k].clone()]);
            if a.lex
                .recommendations
                .iter()
                .any(|w| own.contains(w.as_str()))
            {
                return true;
            }
            // A condition before an instruction: "above 50,000 routes, turn on …",
            // 超过 5 万条路由时建议开启….
            const CONDITIONS: &[&str] = &[
                "above ", "over ", "below ", "under ", "beyond ", "past ", "if ", "unless ",
                "once ", "for ", "with ", "如果", "若", "如", "当",
            ];
            let conditional = CONDITIONS.iter().any(|w| own.starts_with(w))
                || own.trim_end().ends_with('时')
                || own.trim_end().ends_with('時');
            let after_at = &sentence[at..clauses[k].end];
            let then_told = then_verbs.iter().any(|w| after_at.contains(w.as_str()));
            then_told
                || (conditional
                    && clauses
                        .get(k + 1)
                        .is_some_and(|r| imperative(&sentence[r.clone()])))
        };
        // "Two in five of our call-outs, 40%, were …": the same figure again in other
        // words beside one that is sourced.
        // A sourced figure of the same sentence as figure `i` that `fits` it, among the
        // nearest few (a sentence may hold thousands of figures).
        let sourced_beside = |i: usize, fits: &dyn Fn(&crate::claim::Quantity) -> bool| {
            let c = &claims[i];
            let lo = claims.partition_point(|o| o.sentence() < c.sentence());
            let hi = claims.partition_point(|o| o.sentence() <= c.sentence());
            (lo.max(i.saturating_sub(8))..hi.min(i + 9)).any(|j| {
                j != i
                    && claims[j].quantity().is_some_and(fits)
                    && (ctx.named_citation(j).is_some() || sourced_elsewhere(j))
            })
        };
        let restates_sourced_beside = |i: usize| {
            let Some(q) = claims[i].quantity() else {
                return false;
            };
            sourced_beside(i, &|oq| {
                oq.class() == q.class() && oq.change == q.change && equal_values(q, oq)
            })
        };
        // "庭语的字错误率为 4.8%，比 Whisper 降低约 65%": a change or a multiple worked out
        // in the sentence that restates the sourced level it is drawn from.
        let level =
            |q: &crate::claim::Quantity| q.change == 0 && q.unit != crate::claim::Unit::Multiple;
        let derived_beside =
            |i: usize| claims[i].quantity().is_some_and(|q| !level(q)) && sourced_beside(i, &level);
        // "Our goal is to reach 75,000 children a year by 2027", "1. Reach 2,000 members by
        // September 2027.", 力争2027年达到…: a target the text sets itself for a period
        // still ahead is a plan, not a statistic. (A forecast, "expected to reach", is a
        // statement about the world and still needs a source.)
        // (Read once per sentence, as `question` is.)
        let mut goal_of: Vec<Option<bool>> = vec![None; infos.len()];
        // A section whose heading names a plan (2026 年工作打算, "Priorities for 2026"):
        // its forecasts, and its figures for a period still ahead or for none, are the
        // targets the text sets (预计 2026 年门急诊量将突破 135 万人次, 力争全年接待游客
        // 300 万人次).
        let plan_sections: Vec<bool> = a
            .doc
            .headings
            .iter()
            .map(|h| {
                let t = h.text.to_lowercase();
                a.lex.plan_headings.iter().any(|w| has_word(&t, w))
            })
            .collect();
        let in_plan = |c: &crate::claim::Claim| {
            a.doc
                .blocks
                .get(c.block())
                .and_then(|b| b.section())
                .is_some_and(|s| plan_sections.get(s) == Some(&true))
        };
        let mut goal = |c: &crate::claim::Claim| {
            let date = a.extraction.date(c);
            let ahead = date
                .and_then(|p| p.end())
                .is_some_and(|end| end > ctx.as_of);
            if in_plan(c) && (c.forecast() || ahead || date.is_none()) {
                return true;
            }
            let Some(slot) = goal_of.get_mut(c.sentence()) else {
                return false;
            };
            ahead
                && *slot.get_or_insert_with(|| {
                    let st = text.get(infos[c.sentence()].span()).unwrap_or("").trim();
                    let lower = crate::claim::text::head(st, 160).to_lowercase();
                    let opening = lower
                        .trim_start_matches(|ch: char| ch.is_ascii_digit() || ".-*) ".contains(ch));
                    let first = opening.split(' ').next().unwrap_or("");
                    a.lex.goals.iter().any(|w| lower.contains(w.as_str()))
                        || a.lex.goal_verbs.iter().any(|v| v == first)
                })
        };
        // 第 10 萬個超級快充樁 (the 100,000th): an ordinal marks a milestone, it counts
        // nothing to source.
        let ordinal = |c: &crate::claim::Claim| {
            text.get(..c.span().start)
                .is_some_and(|t| t.trim_end_matches(' ').ends_with('第'))
        };
        // "按 1 港元兌人民幣 0.9126 元換算", "converted at US$1 = RMB 7.1": the rate a text
        // converts its amounts with is a convention it states, not a statistic.
        // (Read once per sentence, as `question` is.)
        let mut converts: Vec<Option<bool>> = vec![None; infos.len()];
        let mut conversion = |c: &crate::claim::Claim| {
            const WORDS: &[&str] = &[
                "换算",
                "換算",
                "折算",
                "converted at",
                "converted into",
                "translated at",
                "translated into",
                "conversion rate",
            ];
            let currency = c
                .quantity()
                .is_some_and(|q| matches!(q.unit, crate::claim::Unit::Currency(_)));
            let Some(slot) = converts.get_mut(c.sentence()) else {
                return false;
            };
            currency
                && *slot.get_or_insert_with(|| {
                    let sentence = text.get(infos[c.sentence()].span()).unwrap_or("");
                    WORDS.iter().any(|w| sentence.contains(w))
                })
        };
        // The figures the text itself sets or tells (a conversion rate, a setting, a term,
        // an instruction, a goal, a size): no statistics, and neither is the same claim in
        // another variant, whose wording may not say so (把 5% 的流量切到函关 is the
        // original's "Send 5% of traffic to Hanguan").
        // (`setting`, `term` and `instruction` each look for their words in a window round
        // a figure, lower-cased: a sentence that holds none of a list's words anywhere
        // ([`Held`], read once per sentence) is not read round each of its figures.)
        let lists = Held::new(&[
            &a.lex.settings,
            &a.lex.terms,
            &a.lex.instruction_verbs,
            &a.lex.recommendations,
        ]);
        let mut held: Vec<Option<u8>> = vec![None; infos.len()];
        let mut held_in = |c: &crate::claim::Claim| match held.get_mut(c.sentence()) {
            Some(slot) => *slot.get_or_insert_with(|| {
                lists.of(text.get(infos[c.sentence()].span()).unwrap_or(""))
            }),
            None => u8::MAX,
        };
        let told: Vec<bool> = claims
            .iter()
            .map(|c| {
                a.extraction.is_statistic(c) && {
                    let held = held_in(c);
                    conversion(c)
                        || (held & 1 != 0 && setting(c))
                        || (held & 2 != 0 && term(c))
                        || (held & 12 != 0 && instruction(c))
                        || goal(c)
                        || a.extraction.is_size_spec(c, text, a.lex)
                }
            })
            .collect();
        let told_anywhere = |i: usize| {
            told[i]
                || a.alignment.group_of(i).is_some_and(|g| {
                    a.alignment.groups[g]
                        .members
                        .iter()
                        .take(16)
                        .any(|&m| told[m])
                })
        };
        // The same claim in another variant restates a sourced figure (the live copy's
        // "4,860 litres" is the submission's "4,860 hectolitres", which restates its
        // sourced table): that source is this figure's too. (A figure of three significant
        // digits or more: a round 10% matches too much to stand for its source.)
        let restated_elsewhere = |i: usize| {
            a.alignment.group_of(i).is_some_and(|g| {
                a.alignment.groups[g].members.iter().take(16).any(|&m| {
                    m != i
                        && claims[m].variant() != claims[i].variant()
                        && significant_digits(a.extraction.text(&claims[m])) >= 3
                        && sourced_elsewhere(m)
                })
            })
        };
        for (i, c) in claims.iter().enumerate() {
            if a.extraction.is_statistic(c)
                && !ordinal(c)
                && !told_anywhere(i)
                && !in_source(c)
                && !in_named_quote(c)
                && !carried_over(c)
                && !published_after(c)
                && !question(c)
                && ctx.named_citation(i).is_none()
                && !heading(c)
                && !sourced_elsewhere(i)
                && !restated_elsewhere(i)
                && !restates_sourced_beside(i)
                && !derived_beside(i)
            {
                if let (Ok(s), Ok(i)) = (u32::try_from(c.sentence()), u32::try_from(i)) {
                    unsourced.push((s, i));
                }
            }
        }
        // By sentence, and in each sentence in the order of its claims.
        unsourced.sort_unstable();
        // The figures reported, by variant, class and value to two significant digits: a
        // figure the same variant states again (the box's "2,150 bikes", the body's
        // "roughly 2,150 bikes") is one unsourced statistic, reported where it first stands.
        let mut reported_figures: HashMap<(usize, String), Vec<u32>> = HashMap::default();
        let figure_bucket = |i: usize| {
            let q = claims[i].quantity()?;
            Some((
                claims[i].variant(),
                format!("{}|{:.1e}", q.class(), q.value.abs()),
            ))
        };
        let restates_reported = |reported: &HashMap<(usize, String), Vec<u32>>, i: usize| {
            let (c, Some(q), Some(key)) = (&claims[i], claims[i].quantity(), figure_bucket(i))
            else {
                return false;
            };
            let distinctive = significant_digits(a.extraction.text(c)) >= 4;
            let ex = &a.extraction;
            reported.get(&key).is_some_and(|list| {
                list.iter().take(64).any(|&j| {
                    let o = &claims[j as usize];
                    let Some(oq) = o.quantity() else { return false };
                    let alike =
                        || crate::claim::text::similarity(ex.context(c), ex.context(o)) >= 0.3;
                    oq.change == q.change
                        && ((equal_values(q, oq) && (distinctive || alike()))
                            || (q.bound != oq.bound
                                && ctx.agree(q, oq)
                                && (q.value - oq.value).abs()
                                    <= 0.1 * q.value.abs().max(oq.value.abs())
                                && alike()))
                })
            })
        };
        for run in unsourced.chunk_by(|x, y| x.0 == y.0) {
            let list = run.iter().map(|&(_, i)| i as usize);
            // A sentence whose claim was already reported in another variant is the same
            // sentence again: one finding covers it.
            let seen_before = list.clone().any(|i| {
                a.alignment.group_of(i).is_some_and(|g| {
                    reported_groups
                        .get(&g)
                        .is_some_and(|&v| v != claims[i].variant())
                })
            });
            if seen_before {
                continue;
            }
            let fresh: Vec<usize> = list
                .filter(|&i| match a.alignment.group_of(i) {
                    Some(g) => !group_cited[g] && !reported_groups.contains_key(&g),
                    None => true,
                })
                .filter(|&i| !restates_reported(&reported_figures, i))
                .collect();
            let Some(&first) = fresh.first() else {
                continue;
            };
            for &i in &fresh {
                if let (Some(key), Ok(k)) = (figure_bucket(i), u32::try_from(i)) {
                    reported_figures.entry(key).or_default().push(k);
                }
            }
            let mut related = Vec::new();
            for &i in &fresh {
                if let Some(g) = a.alignment.group_of(i) {
                    reported_groups.insert(g, claims[first].variant());
                    for &m in &a.alignment.groups[g].members {
                        if claims[m].variant() != claims[first].variant() && related.len() < 3 {
                            related.push(
                                ctx.related(m, format!("also unsourced here: {}", ctx.shown(m))),
                            );
                        }
                    }
                }
            }
            let c = &claims[first];
            let what = ctx.shown_in_sentence(first, fresh.len());
            let others = if related.is_empty() {
                ""
            } else {
                " in any variant"
            };
            let mut f = ctx.finding(
                self,
                c.span(),
                c.variant(),
                format!("{what} has no source{others}"),
                "cite where the figure comes from: a study, report, filing or link",
            );
            f.related = related;
            out.push(f);
        }
    }
}

/// A character that ends a clause, for [`MissingCitation`]'s instructions.
fn clause_end(ch: char) -> bool {
    matches!(
        ch,
        ',' | ';' | ':' | '，' | '；' | '：' | '。' | '!' | '?' | '！' | '？' | '\n'
    )
}

/// Which of a few word lists a text, lower-cased, holds a word of anywhere
/// ([`Held::of`]). A part of the text, lower-cased, can hold a word only where the
/// whole text does, but for a word with a Greek sigma (the one letter whose lower case
/// depends on the letters beside it): such a list is always held.
struct Held {
    /// Every list's words, in one automaton (None if it could not be built: then every
    /// list is held).
    words: Option<aho_corasick::AhoCorasick>,
    /// For each word, the bit of its list.
    bits: Vec<u8>,
    /// The bits of the lists always held.
    always: u8,
}

impl Held {
    /// Bit k stands for `lists[k]` (at most eight lists).
    fn new(lists: &[&[String]]) -> Held {
        let mut words = Vec::new();
        let mut bits = Vec::new();
        let mut always = 0;
        for (k, list) in lists.iter().enumerate().take(8) {
            for w in list.iter() {
                if w.contains(['σ', 'ς']) {
                    always |= 1 << k;
                }
                words.push(w.as_str());
                bits.push(1 << k);
            }
        }
        Held {
            words: aho_corasick::AhoCorasick::new(words).ok(),
            bits,
            always,
        }
    }

    /// The bits of the lists that `text`, lower-cased, holds a word of.
    fn of(&self, text: &str) -> u8 {
        let Some(words) = &self.words else {
            return u8::MAX;
        };
        let lower = text.to_lowercase();
        let mut held = self.always;
        for m in words.find_overlapping_iter(&lower) {
            held |= self
                .bits
                .get(m.pattern().as_usize())
                .copied()
                .unwrap_or(u8::MAX);
        }
        held
    }
}

/// Whether `hay` holds `w`, as a whole word when `w` is in Latin letters ("off" in "50%
/// off", not in "offer"; any 折扣).
fn has_word(hay: &str, w: &str) -> bool {
    hay.match_indices(w).any(|(k, _)| {
        let left = hay[..k].chars().next_back();
        let right = hay[k + w.len()..].chars().next();
        !w.is_ascii()
            || !(left.is_some_and(|ch| ch.is_ascii_alphabetic())
                || right.is_some_and(|ch| ch.is_ascii_alphabetic()))
    })
}

/// The significant digits a figure is written with: 4 for 41,260 and 1286万, 2 for 16亿.
fn significant_digits(written: &str) -> usize {
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len()
}

/// Spans by start, each with the furthest end of it and those before it: whether a range
/// lies inside one of them is then a binary search ([`inside_reach`]).
fn reach_of(spans: impl Iterator<Item = std::ops::Range<usize>>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = spans.map(|r| (r.start, r.end)).collect();
    out.sort_unstable();
    let mut furthest = 0;
    for x in &mut out {
        furthest = furthest.max(x.1);
        x.1 = furthest;
    }
    out
}

/// Whether `r` lies inside one of the spans [`reach_of`] read.
fn inside_reach(reach: &[(usize, usize)], r: &std::ops::Range<usize>) -> bool {
    let k = reach.partition_point(|x| x.0 <= r.start);
    k > 0 && reach[k - 1].1 >= r.end
}

#[cfg(test)]
mod tests {
    /// A range inside one of many spans, by their reach, as by a scan of them all
    /// (unordered, nested, empty spans).
    #[test]
    fn inside_by_reach_as_by_scan() {
        let mut below = crate::testrand::below(0x1d5_0cce);
        let mut inside = 0;
        for _ in 0..2_000 {
            let spans: Vec<std::ops::Range<usize>> = (0..below(40))
                .map(|_| {
                    let start = below(200);
                    start..start + below(30)
                })
                .collect();
            let reach = super::reach_of(spans.iter().cloned());
            for _ in 0..50 {
                let start = below(220);
                let r = start..start + below(12);
                let want = spans.iter().any(|s| s.start <= r.start && r.end <= s.end);
                assert_eq!(super::inside_reach(&reach, &r), want, "{spans:?} {r:?}");
                inside += usize::from(want);
            }
        }
        assert!(inside > 10_000, "{inside}");
    }

    /// What a sentence holds ([`super::Held::of`], read once per sentence) includes every
    /// list a part of it holds, lower-cased: a figure's window round it is not read where
    /// the sentence holds no word of the list (capitals, a dotted İ, a sigma, words cut
    /// by the window's edges).
    #[test]
    fn a_part_holds_no_list_its_sentence_does_not() {
        let lists: Vec<Vec<String>> = vec![
            vec!["default".into(), "默认".into()],
            vec!["off".into(), "vat".into(), "折扣".into()],
            vec!["set".into(), "请".into()],
            vec!["is recommended".into(), "σας".into()],
        ];
        let refs: Vec<&[String]> = lists.iter().map(|l| &l[..]).collect();
        let held = super::Held::new(&refs);
        let pieces = [
            "Default",
            "DEFAULT",
            "de",
            "fault",
            "OFF",
            "Of",
            "f",
            "SeT",
            "s",
            "et",
            "请",
            "默认",
            "折",
            "扣",
            " ",
            "İ",
            "Σ",
            "ΣΑΣ",
            "x",
            "VAT",
            "is ",
            "Recommended",
            ",",
            "。",
        ];
        let mut below = crate::testrand::below(0x04e1_d5e7);
        let mut held_lists = 0;
        for _ in 0..2_000 {
            let text: String = (0..below(10))
                .map(|_| pieces[below(pieces.len())])
                .collect();
            let bits = held.of(&text);
            let bounds: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for (x, &i) in bounds.iter().enumerate() {
                for &j in &bounds[x..] {
                    let lower = text[i..j].to_lowercase();
                    for (k, list) in lists.iter().enumerate() {
                        if list.iter().any(|w| lower.contains(w.as_str())) {
                            assert!(bits & (1 << k) != 0, "{text:?} {:?} {k}", &text[i..j]);
                            held_lists += 1;
                        }
                    }
                }
            }
        }
        assert!(held_lists > 1_000, "{held_lists}");
    }
}
