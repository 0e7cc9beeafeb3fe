//! `attribution-mismatch`: one quote, statement or figure credited to different people,
//! organisations or sources.

use crate::hashing::{HashMap, HashSet};
use std::collections::BTreeMap;
use std::ops::Range;

use super::{Findings, Rule, RuleContext};
use crate::claim::text::{Bigrams, bigrams, similarity};
use crate::claim::{CitationKind, ClaimKind, MentionSpan};
use crate::lexicon::EntityKind;
use crate::report::Severity;
use crate::similar::{IntMap, bigrams_without};

pub struct AttributionMismatch;

impl Rule for AttributionMismatch {
    fn code(&self) -> &'static str {
        "attribution-mismatch"
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "one quote, statement or figure credited to different people, organisations or sources"
    }
    fn docs(&self) -> &'static str {
        "## What it does\n\
         Finds a quote attributed to different speakers, a paraphrased statement or example \
         credited to a different company, and a figure cited to different sources.\n\n\
         ## Why it matters\n\
         Crediting the wrong person or company is a factual error even when every number agrees.\n\n\
         ## Flagged\n\
         整合版: 闭源守利润池（Google广告算法） / 版本二: 闭源守利润池（参考Meta的LLaMA+广告算法组合拳）\n\
         Draft A: Jobs said \"…\" / Draft B: Gates said \"…\" (the same words)\n\
         Draft A: (MIT 2024研究) / Draft B: (Stanford 2024研究) for one figure\n\n\
         ## Not flagged\n\
         特斯拉 / Tesla (one company under two names); two different quotes by two people"
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Findings<'_>) {
        let mut emitted: HashSet<(usize, usize)> = HashSet::default();
        quotes(self, ctx, out, &mut emitted);
        translated_speakers(self, ctx, out, &mut emitted);
        cited_sources(self, ctx, out, &mut emitted);
        statements(self, ctx, out, &mut emitted);
    }
}

/// A quote's speaker as recorded and where the text names them.
fn speaker_of<'c>(ctx: &'c RuleContext<'_>, i: usize) -> Option<(&'c str, Range<usize>)> {
    match &ctx.claim(i).kind {
        ClaimKind::Quote(q) => Some((q.speaker.as_str(), q.speaker_span.clone())),
        _ => None,
    }
}

/// The other variant's speaker, shown beside a quote credited to someone else.
fn credited_here(
    ctx: &RuleContext<'_>,
    variant: usize,
    span: &Range<usize>,
) -> crate::report::Related {
    crate::report::Related {
        file: ctx.a.file.clone(),
        variant: ctx.a.variant_id(variant),
        span: span.clone(),
        message: format!("credited to {} here", ctx.a.text(span)),
    }
}

fn same_speaker(a: &str, b: &str) -> bool {
    // An entity id (jamie-dimon) and the name as written (Jamie Dimon) are one speaker.
    let norm = |s: &str| s.to_lowercase().replace('-', " ");
    let (a, b) = (norm(a), norm(b));
    // Dr Patel and Dr Arjun Patel: every word of one name (titles aside) in the other.
    const TITLES: &[&str] = &[
        "dr",
        "dr.",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "prof",
        "prof.",
        "professor",
        "sir",
        "dame",
    ];
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .filter(|w| !TITLES.contains(w))
            .map(str::to_string)
            .collect()
    };
    let (wa, wb) = (words(&a), words(&b));
    let within = |x: &[String], y: &[String]| !x.is_empty() && x.iter().all(|w| y.contains(w));
    a == b
        || (a.chars().count() >= 2 && b.contains(&a))
        || (b.chars().count() >= 2 && a.contains(&b))
        || within(&wa, &wb)
        || within(&wb, &wa)
}

fn quotes(
    rule: &AttributionMismatch,
    ctx: &RuleContext<'_>,
    out: &mut Findings<'_>,
    emitted: &mut HashSet<(usize, usize)>,
) {
    // Clusters of quotes that say the same words.
    let pairs = &ctx.a.alignment.quote_pairs;
    let mut parent: HashMap<usize, usize> = HashMap::default();
    fn find(p: &mut HashMap<usize, usize>, x: usize) -> usize {
        let mut r = x;
        while let Some(&n) = p.get(&r) {
            if n == r {
                break;
            }
            r = n;
        }
        p.insert(x, r);
        r
    }
    for &(a, b) in pairs {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent.insert(ra.max(rb), ra.min(rb));
        }
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(a, b) in pairs {
        for x in [a, b] {
            let r = find(&mut parent, x);
            let list = clusters.entry(r).or_default();
            if !list.contains(&x) {
                list.push(x);
            }
        }
    }
    let speaker = |i: usize| speaker_of(ctx, i);
    for members in clusters.values_mut() {
        members.sort_unstable();
        // The majority speaker; on a tie, the first one written.
        let mut best: Option<(usize, usize)> = None; // (count, member)
        for &m in members.iter() {
            let Some((sm, _)) = speaker(m) else { continue };
            let n = members
                .iter()
                .filter(|&&o| speaker(o).is_some_and(|(so, _)| same_speaker(sm, so)))
                .count();
            if best.is_none_or(|(bn, _)| n > bn) {
                best = Some((n, m));
            }
        }
        let Some((_, majority)) = best else { continue };
        // A configured canonical variant's speaker is the reference whatever the others say.
        let reference = members
            .iter()
            .copied()
            .find(|&m| speaker(m).is_some() && ctx.is_canonical(m))
            .unwrap_or(majority);
        let Some((ref_speaker, ref_span)) = speaker(reference) else {
            continue;
        };
        let agreeing: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&o| speaker(o).is_some_and(|(so, _)| same_speaker(so, ref_speaker)))
            .collect();
        for &m in members.iter() {
            let Some((sm, span)) = speaker(m) else {
                continue;
            };
            if same_speaker(sm, ref_speaker) || !emitted.insert((span.start, span.end)) {
                continue;
            }
            let c = ctx.claim(m);
            let mut f = ctx.finding(
                rule,
                span.clone(),
                c.variant(),
                format!(
                    "{}this quote is credited to {} here, to {} in {}",
                    ctx.lead(m, &agreeing),
                    ctx.a.text(&span),
                    ctx.a.text(&ref_span),
                    ctx.where_ref(reference, &agreeing)
                ),
                "check who said it and credit the same person everywhere",
            );
            f.related = vec![crate::report::Related {
                file: ctx.a.file.clone(),
                variant: ctx.a.variant_id(ctx.claim(reference).variant()),
                span: ref_span.clone(),
                message: format!("credited to {} here", ctx.a.text(&ref_span)),
            }];
            out.push(f);
        }
    }
}

/// Quotes paired in order across a translation ([`crate::counterpart::ordered_quotes`]):
/// the speakers are in two scripts and cannot be compared, but one person must stay one
/// person. When two quotes by different people in one variant are both credited to one
/// person in the other (Sofia Brandt and He Jiayi / 布兰特 twice), or one person's two
/// quotes to two people, the later quote of the translation moved.
fn translated_speakers(
    rule: &AttributionMismatch,
    ctx: &RuleContext<'_>,
    out: &mut Findings<'_>,
    emitted: &mut HashSet<(usize, usize)>,
) {
    let speaker = |i: usize| speaker_of(ctx, i);
    // By pair of variants, in order.
    let mut by_variants: BTreeMap<(usize, usize), Vec<(usize, usize)>> = BTreeMap::new();
    for &(a, b) in &ctx.a.alignment.quote_order_pairs {
        by_variants
            .entry((ctx.claim(a).variant(), ctx.claim(b).variant()))
            .or_default()
            .push((a, b));
    }
    for pairs in by_variants.values() {
        romanised_speakers(rule, ctx, pairs, out, emitted);
        let verdicts: Vec<Option<bool>> = pairs
            .iter()
            .map(|&(a, b)| one_person(ctx, pairs, a, b))
            .collect();
        for (k, &(a, b)) in pairs.iter().enumerate() {
            let (Some((sa, span_a)), Some((sb, span_b))) = (speaker(a), speaker(b)) else {
                continue;
            };
            if verdicts[k] == Some(false) {
                // The two speakers are plainly two people.
                if emitted.contains(&(span_a.start, span_a.end))
                    || !emitted.insert((span_b.start, span_b.end))
                {
                    continue;
                }
                let (va, vb) = (ctx.claim(a).variant(), ctx.claim(b).variant());
                let text = |r: &Range<usize>| ctx.a.text(r).trim().to_string();
                let mut f = ctx.finding(
                    rule,
                    span_b.clone(),
                    vb,
                    format!(
                        "this quote is credited to {} here, to {} in {}",
                        text(&span_b),
                        text(&span_a),
                        ctx.a.variant_label(va)
                    ),
                    "check who said it and credit the same person in every variant",
                );
                f.related = vec![credited_here(ctx, va, &span_a)];
                out.push(f);
                continue;
            }
            if verdicts[k].is_some() {
                continue;
            }
            // An earlier pair that keeps one side's speaker and changes the other's
            // (pairs already told apart are no reference).
            let clash = pairs[..k].iter().enumerate().find_map(|(e, &(pa, pb))| {
                if verdicts[e] == Some(false) {
                    return None;
                }
                let (ea, eb) = (speaker(pa)?, speaker(pb)?);
                (same_speaker(ea.0, sa) != same_speaker(eb.0, sb)).then_some((ea, eb))
            });
            let Some(((ea, span_ea), (eb, span_eb))) = clash else {
                continue;
            };
            if !emitted.insert((span_b.start, span_b.end)) {
                continue;
            }
            let (va, vb) = (ctx.claim(a).variant(), ctx.claim(b).variant());
            let other = ctx.a.variant_label(va);
            let text = |r: &Range<usize>| ctx.a.text(r).to_string();
            let message = if same_speaker(eb, sb) {
                format!(
                    "this quote is credited to {} here, as is the earlier one {} credits to {}; {} credits this one to {}",
                    text(&span_b),
                    other,
                    text(&span_ea),
                    other,
                    text(&span_a)
                )
            } else {
                let _ = ea;
                format!(
                    "this quote is credited to {} here, but {} credits it to {}, whose earlier quote is credited to {} here",
                    text(&span_b),
                    other,
                    text(&span_a),
                    text(&span_eb)
                )
            };
            let mut f = ctx.finding(
                rule,
                span_b.clone(),
                vb,
                message,
                "check who said each quote and credit the same person in every variant",
            );
            f.related = vec![credited_here(ctx, va, &span_a)];
            out.push(f);
        }
    }
}

/// Whether the speakers of two quotes paired in order across a translation are one
/// person: `Some(true)` when they plainly are (the same name, or a Chinese name and its
/// pinyin: 林默 / Lin Mo), `Some(false)` when they plainly are not (two names in Latin
/// letters that differ; a name in Latin letters that is the pinyin of another speaker of
/// the Chinese text, or no spelling of the Chinese name: [`crate::romanise`]), `None` when
/// nothing says (奥卡福 / Okafor may be a transliteration).
fn one_person(ctx: &RuleContext<'_>, pairs: &[(usize, usize)], a: usize, b: usize) -> Option<bool> {
    let (sa, span_a) = speaker_of(ctx, a)?;
    let (sb, span_b) = speaker_of(ctx, b)?;
    if same_speaker(sa, sb) {
        return Some(true);
    }
    let han = |s: &str| s.chars().any(crate::claim::text::is_han);
    // A Chinese name glossed in Latin letters (托马什·诺瓦克（Tomasz Nowak）) is compared by
    // its gloss.
    let gloss = |s: &str, span: &Range<usize>| {
        if han(s) {
            latin_gloss(ctx.a.source.text.get(span.end..).unwrap_or(""))
        } else {
            None
        }
    };
    match (gloss(sa, &span_a), gloss(sb, &span_b)) {
        (Some(ga), None) if !han(sb) => return Some(same_speaker(ga, sb)),
        (None, Some(gb)) if !han(sa) => return Some(same_speaker(sa, gb)),
        _ => {}
    }
    match (han(sa), han(sb)) {
        (false, false) => Some(false),
        (true, true) => None,
        (ha, _) => {
            let (h, l, h_side) = if ha {
                (ctx.a.text(&span_a).trim(), ctx.a.text(&span_b), 0)
            } else {
                (ctx.a.text(&span_b).trim(), ctx.a.text(&span_a), 1)
            };
            let latin = format!(" {} ", words_lower(l));
            let pinyin_of = |name: &str| {
                romanised(name)
                    .iter()
                    .any(|f| latin.contains(&format!(" {f} ")))
            };
            if pinyin_of(h) {
                return Some(true);
            }
            // The Latin name is the pinyin of another Chinese speaker of these pairs.
            let other = pairs.iter().any(|&(x, y)| {
                let q = if h_side == 0 { x } else { y };
                speaker_of(ctx, q).is_some_and(|(_, r)| {
                    let name = ctx.a.text(&r).trim();
                    name != h && pinyin_of(name)
                })
            });
            // Or it is plainly not this Chinese name in any spelling (周立衡 / Chen Mo).
            (other || crate::romanise::plainly_two_people(h, l)).then_some(false)
        }
    }
}

/// The name in Latin letters in brackets right after a Chinese name ("（Tomasz Nowak）"
/// after 托马什·诺瓦克), from the text after it: two to five words of letters.
fn latin_gloss(after: &str) -> Option<&str> {
    let rest = after.trim_start_matches([' ', '\u{3000}']);
    let rest = rest.strip_prefix('（').or_else(|| rest.strip_prefix('('))?;
    let end = rest.find(['）', ')'])?;
    let name = rest[..end].trim();
    let words = name.split_whitespace().count();
    let lettered = name
        .chars()
        .all(|ch| ch.is_alphabetic() && !crate::claim::text::is_han(ch) || " .'-".contains(ch));
    (lettered && (2..=5).contains(&words) && name.len() <= 64).then_some(name)
}

/// A Chinese speaker's name in pinyin, both orders ("zhou wei", "wei zhou"), when it is
/// a name of two to four Han characters.
fn romanised(name: &str) -> Vec<String> {
    use pinyin::ToPinyin;
    let chars: Vec<char> = name.chars().collect();
    if !(2..=4).contains(&chars.len()) || !chars.iter().all(|&c| crate::claim::text::is_han(c)) {
        return Vec::new();
    }
    let syllables: Option<Vec<&str>> = name.to_pinyin().map(|p| p.map(|p| p.plain())).collect();
    let Some(syllables) = syllables else {
        return Vec::new();
    };
    // Family name first (周伟 = Zhou Wei), or given name first (Wei Zhou); a two-character
    // given name is one word (欧阳 aside, the family name is one character).
    let (family, given) = (syllables[0], syllables[1..].concat());
    vec![format!("{family} {given}"), format!("{given} {family}")]
}

/// Lowercase words of `text` joined by single spaces, for finding a name in it.
fn words_lower(text: &str) -> String {
    text.split(|c: char| !c.is_alphabetic() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A translated quote credited to a Chinese name that the other variant writes in pinyin
/// for someone else (周伟 / "Ines Carvalho … maintains it with Wei Zhou"): the quote
/// moved to another person.
fn romanised_speakers(
    rule: &AttributionMismatch,
    ctx: &RuleContext<'_>,
    pairs: &[(usize, usize)],
    out: &mut Findings<'_>,
    emitted: &mut HashSet<(usize, usize)>,
) {
    let speaker = |i: usize| speaker_of(ctx, i).map(|(_, span)| span);
    let mut variant_words: HashMap<usize, String> = HashMap::default();
    for &(a, b) in pairs {
        let (Some(sa), Some(sb)) = (speaker(a), speaker(b)) else {
            continue;
        };
        // (han, latin) sides.
        let (h, hs, l, ls) = if ctx.a.text(&sa).chars().any(crate::claim::text::is_han) {
            (a, sa, b, sb)
        } else {
            (b, sb, a, sa)
        };
        let forms = romanised(ctx.a.text(&hs).trim());
        if forms.is_empty() {
            continue;
        }
        let latin_speaker = format!(" {} ", words_lower(ctx.a.text(&ls)));
        if forms
            .iter()
            .any(|f| latin_speaker.contains(&format!(" {f} ")))
        {
            continue;
        }
        let lv = ctx.claim(l).variant();
        let words = variant_words.entry(lv).or_insert_with(|| {
            let r = &ctx.a.variants[lv].range;
            format!(" {} ", words_lower(&ctx.a.source.text[r.clone()]))
        });
        let Some(form) = forms.iter().find(|f| words.contains(&format!(" {f} "))) else {
            continue;
        };
        if !emitted.insert((hs.start, hs.end)) {
            continue;
        }
        let hv = ctx.claim(h).variant();
        let mut f = ctx.finding(
            rule,
            hs.clone(),
            hv,
            format!(
                "this quote is credited to {} ({form}) here, to {} in {}",
                ctx.a.text(&hs).trim(),
                ctx.a.text(&ls).trim(),
                ctx.a.variant_label(lv)
            ),
            "check who said it and credit the same person in every variant",
        );
        f.related = vec![crate::report::Related {
            file: ctx.a.file.clone(),
            variant: ctx.a.variant_id(lv),
            span: ls.clone(),
            message: format!("credited to {} here", ctx.a.text(&ls).trim()),
        }];
        out.push(f);
    }
}

/// The named sources of a claim that have words to compare (not bare footnote marks).
fn worded_sources<'x>(
    ctx: &RuleContext<'x>,
    c: &crate::claim::Claim,
) -> Vec<&'x crate::claim::Citation> {
    ctx.a
        .extraction
        .cites(c.citations)
        .iter()
        .filter(|x| x.kind == CitationKind::Named)
        .filter(|x| x.text.chars().filter(|ch| ch.is_alphabetic()).count() >= 2)
        .collect()
}

/// A source's own words: without the words every source uses (研究, 财报, report,
/// 显示), its year and its brackets.
fn source_bigrams(ctx: &RuleContext<'_>, text: &str) -> Bigrams {
    let mut t = text.to_string();
    let cut: Vec<std::ops::Range<usize>> = ctx.a.lex.cite.find_all(text).map(|(r, _)| r).collect();
    for r in cut.into_iter().rev() {
        t.replace_range(r, " ");
    }
    let t: String = t.chars().filter(|c| *c != '年').collect();
    bigrams(&t)
}

/// Does one source name abbreviate the other, once the words that open or close a
/// source (据, 统计, 数据) are gone: 中汽协 for 中国汽车工业协会, its characters in order
/// and its first character the long name's.
/// Two Chinese bodies of one kind at two levels of government: 县疾控中心 and 市疾控中心,
/// 省统计局 and 市统计局. The same name but for the level's one character.
fn levels_differ(a: &str, b: &str) -> bool {
    let core = |t: &str| -> Vec<char> {
        let mut t = t.trim();
        for p in ["根据", "据", "经", "由"] {
            t = t.strip_prefix(p).unwrap_or(t);
        }
        t.chars().collect()
    };
    let (x, y) = (core(a), core(b));
    let common = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take_while(|(p, q)| p == q)
        .count();
    let level = |c: &[char]| match c {
        [l] if "省市县区镇乡村州".contains(*l) => Some(*l),
        _ => None,
    };
    common >= 2
        && x[..x.len() - common]
            .iter()
            .chain(&y[..y.len() - common])
            .all(|c| crate::claim::text::is_han(*c))
        && matches!(
            (level(&x[..x.len() - common]), level(&y[..y.len() - common])),
            (Some(p), Some(q)) if p != q
        )
}

fn abbreviates(a: &str, b: &str) -> bool {
    let core = |t: &str| -> Vec<char> {
        let mut t = t.trim();
        for p in ["根据", "据", "来源：", "来源:"] {
            t = t.strip_prefix(p).unwrap_or(t);
        }
        for s in ["统计", "数据", "测算", "发布", "公布", "显示", "介绍"] {
            t = t.strip_suffix(s).unwrap_or(t);
        }
        t.chars()
            .filter(|c| *c > '\u{2E80}' && c.is_alphabetic())
            .collect()
    };
    let (a, b) = (core(a), core(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 2 || short.len() == long.len() || short.first() != long.first() {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|c| rest.any(|l| l == c))
}

/// Chinese text: at least three Chinese characters, or more of them than letters of
/// other scripts (digits and punctuation count for neither: 2026 年 6 月价目表; a file
/// path or a product name in Latin letters does not make 来源：参考机器上的导入测试，见
/// docs/benchmarks.md English).
fn cjk(text: &str) -> bool {
    let (han, letters) = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(h, l), c| {
            if c > '\u{2E80}' {
                (h + 1, l)
            } else {
                (h, l + 1)
            }
        });
    han >= 3 || han > letters
}

fn same_url(a: &str, b: &str) -> bool {
    let norm = |u: &str| {
        u.trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_start_matches("www.")
            .trim_end_matches('/')
            .to_ascii_lowercase()
    };
    let (a, b) = (norm(a), norm(b));
    let host = |u: &str| u.split('/').next().unwrap_or("").to_string();
    a == b || host(&a) == host(&b)
}

fn cited_sources(
    rule: &AttributionMismatch,
    ctx: &RuleContext<'_>,
    out: &mut Findings<'_>,
    emitted: &mut HashSet<(usize, usize)>,
) {
    for g in &ctx.a.alignment.groups {
        let cited: Vec<usize> = g
            .members
            .iter()
            .copied()
            .filter(|&m| !worded_sources(ctx, ctx.claim(m)).is_empty())
            .collect();
        let Some(&first) = cited.first() else {
            continue;
        };
        let theirs = worded_sources(ctx, ctx.claim(first));
        let their_names: Vec<&String> = theirs.iter().flat_map(|x| x.names.iter()).collect();
        for &m in cited.iter().skip(1) {
            let c = ctx.claim(m);
            if c.variant() == ctx.claim(first).variant() {
                continue;
            }
            let mine = worded_sources(ctx, c);
            let my_names: Vec<&String> = mine.iter().flat_map(|x| x.names.iter()).collect();
            let differs = if !my_names.is_empty() && !their_names.is_empty() {
                // Names in two scripts that the alias lexicon does not join (省文物考古
                // 研究所 / Provincial Institute of Cultural Relics and Archaeology) may be
                // a translation: only names written in one script are compared.
                let scripts = |names: &[&String]| {
                    (names.iter().any(|n| cjk(n)), names.iter().any(|n| !cjk(n)))
                };
                let ((mh, ml), (th, tl)) = (scripts(&my_names), scripts(&their_names));
                (mh && th || ml && tl) && !my_names.iter().any(|n| their_names.contains(n))
            } else if my_names.is_empty() != their_names.is_empty()
                && !mine.iter().chain(&theirs).all(|x| cjk(&x.text))
            {
                // A name on one side only is compared by wording only in Chinese, where
                // local bodies are often unknown to the lexicon (市应急管理局).
                false
            } else {
                // Without names on both sides (or on one, in Chinese), the sources must
                // read clearly differently once the words every source shares are gone:
                // 《柳叶刀》 vs 《新英格兰医学杂志》, but not 英伟达财报 vs 财报显示, and a
                // link is compared by where it points. 中汽协 and 中国汽车工业协会 are one
                // body: a short form that takes its characters in order from the long one.
                !mine
                    .iter()
                    .any(|x| theirs.iter().any(|y| abbreviates(&x.text, &y.text)))
                    && (mine
                        .iter()
                        .all(|x| theirs.iter().all(|y| levels_differ(&x.text, &y.text)))
                        || mine.iter().all(|x| {
                            theirs.iter().all(|y| match (&x.url, &y.url) {
                                // Links inside the project (#评测结果, docs/zh/bench.md) differ
                                // between translations by design.
                                (Some(ux), Some(uy))
                                    if !ux.contains("://") || !uy.contains("://") =>
                                {
                                    false
                                }
                                (Some(ux), Some(uy)) => !same_url(ux, uy),
                                // Texts in two languages cannot be compared word for word.
                                (None, None) if cjk(&x.text) != cjk(&y.text) => false,
                                (None, None) => {
                                    let (bx, by) = (
                                        source_bigrams(ctx, &x.text),
                                        source_bigrams(ctx, &y.text),
                                    );
                                    !bx.is_empty() && !by.is_empty() && similarity(&bx, &by) < 0.3
                                }
                                _ => false,
                            })
                        }))
            };
            if !differs && !fields_differ(&mine, &theirs) {
                continue;
            }
            let (Some(cite), Some(other)) = (mine.first(), theirs.first()) else {
                continue;
            };
            if !emitted.insert((cite.span().start, cite.span().end)) {
                continue;
            }
            let mut f = ctx.finding(
                rule,
                cite.span(),
                c.variant(),
                format!(
                    "{} is sourced to {} here, to {} in {}",
                    ctx.shown(m),
                    cite.text.trim(),
                    other.text.trim(),
                    ctx.where_(first)
                ),
                "check which source the figure comes from and cite it in every variant",
            );
            f.related = vec![crate::report::Related {
                file: ctx.a.file.clone(),
                variant: ctx.a.variant_id(ctx.claim(first).variant()),
                span: other.span(),
                message: format!("sourced to {} here", other.text.trim()),
            }];
            out.push(f);
        }
    }
}

/// Sources in two languages, every one of one side against every one of the other,
/// that name bodies of two fields of work (据市公安局统计 / "according to the Municipal
/// Sports Bureau": [`crate::fields`]) and do not link to one page.
fn fields_differ(mine: &[&crate::claim::Citation], theirs: &[&crate::claim::Citation]) -> bool {
    !mine.is_empty()
        && !theirs.is_empty()
        && mine.iter().all(|x| {
            theirs.iter().all(|y| {
                cjk(&x.text) != cjk(&y.text)
                    && !matches!((&x.url, &y.url), (Some(ux), Some(uy)) if same_url(ux, uy))
                    && crate::fields::plainly_differ(&x.text, &y.text)
            })
        })
}

/// A clause of a sentence, with a parenthesis kept with the clause before it.
struct Unit {
    span: Range<usize>,
    /// The numbers the clause states, as they are written (found once: `numbers_agree`
    /// compares them for every pair of clauses).
    numbers: Vec<Range<usize>>,
    mentions: Vec<usize>,
    roots: Vec<String>,
    bigrams: Bigrams,
    /// The summed weights of `bigrams` (`SentenceIndex::weights_of`), kept: each clause
    /// is compared with every clause of the sentences like its own.
    weight: f64,
}

fn credited(kind: EntityKind) -> bool {
    !matches!(kind, EntityKind::Place)
}

fn units(ctx: &RuleContext<'_>, span: &Range<usize>, mentions: &[MentionSpan]) -> Vec<Unit> {
    let text = ctx.a.text(span);
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    let mut cuts = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            '，' | '；' | ';' | '。' if depth <= 0 => {
                cuts.push(start..i);
                start = i + c.len_utf8();
            }
            ',' if depth <= 0 && !text[..i].ends_with(|d: char| d.is_ascii_digit()) => {
                cuts.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    cuts.push(start..text.len());
    for r in cuts {
        if r.is_empty() {
            continue;
        }
        let abs = span.start + r.start..span.start + r.end;
        // Mentions are sorted by start: only those starting inside the clause can lie
        // in it, and a binary search finds them without a pass over the document.
        let lo = mentions.partition_point(|m| m.span().start < abs.start);
        let hi = mentions
            .partition_point(|m| m.span().start <= abs.end)
            .max(lo);
        let inside = || {
            mentions[lo..hi]
                .iter()
                .enumerate()
                .filter(|(_, m)| m.span().end <= abs.end)
                .map(|(k, m)| (lo + k, m))
        };
        let ms: Vec<usize> = inside()
            .filter(|(_, m)| credited(m.entity.kind))
            .map(|(i, _)| i)
            .collect();
        let cut: Vec<Range<usize>> = inside().map(|(_, m)| m.span()).collect();
        let mut roots: Vec<String> = ms
            .iter()
            .map(|&i| mentions[i].entity.root.clone())
            .collect();
        roots.sort();
        roots.dedup();
        let bigrams = bigrams_without(&text[r.clone()], abs.start, &cut);
        out.push(Unit {
            weight: ctx.a.sentences.weights_of(&bigrams),
            bigrams,
            numbers: numbers(&text[r.clone()], abs.start),
            span: abs,
            mentions: ms,
            roots,
        });
    }
    out
}

/// The mentions inside `span` (mentions are in source order).
fn mentions_in<'m>(
    mentions: &'m [crate::claim::MentionSpan],
    span: &std::ops::Range<usize>,
) -> impl Iterator<Item = &'m crate::claim::MentionSpan> {
    let first = mentions.partition_point(|m| m.span().start < span.start);
    mentions[first..]
        .iter()
        .take_while(move |m| m.span().start < span.end)
}

/// The numbers in `s` (which starts at `offset`): runs of digits and dots, without the
/// dots at their ends.
fn numbers(s: &str, offset: usize) -> Vec<Range<usize>> {
    s.split(|c: char| !c.is_ascii_digit() && c != '.')
        .filter(|x| x.chars().any(|c| c.is_ascii_digit()))
        .map(|x| {
            let t = x.trim_matches('.');
            // Each piece and its trimmed form are slices of `s`.
            let start = offset + (t.as_ptr() as usize - s.as_ptr() as usize);
            start..start + t.len()
        })
        .collect()
}

/// Whether two sentences (their clauses) that both state numbers share one.
fn sentences_share_a_number(ctx: &RuleContext<'_>, a: &[Unit], b: &[Unit]) -> bool {
    let mut na = a.iter().flat_map(|u| &u.numbers).peekable();
    let mut nb = b.iter().flat_map(|u| &u.numbers).peekable();
    if na.peek().is_none() || nb.peek().is_none() {
        return true;
    }
    let theirs: HashSet<&str> = nb.map(|y| ctx.a.text(y)).collect();
    na.any(|x| theirs.contains(ctx.a.text(x)))
}

/// Two clauses that both state numbers are one statement only if they share one.
fn numbers_agree(ctx: &RuleContext<'_>, a: &Unit, b: &Unit) -> bool {
    a.numbers.is_empty()
        || b.numbers.is_empty()
        || a.numbers
            .iter()
            .any(|x| b.numbers.iter().any(|y| ctx.a.text(x) == ctx.a.text(y)))
}

/// Two clauses alike by at least this much are one statement.
const ALIKE: f64 = 0.5;

/// Or by at least this much when they state a figure in common (a number of two digits
/// or more that is no year): "It was paid for by a £180,000 grant from X" and "…, thanks
/// to a £180,000 grant from Y".
const ALIKE_WITH_FIGURE: f64 = 0.42;

/// A number as written that marks a figure two clauses may share: two digits or more,
/// not all zeros (the "000" of "180,000"), and no year.
fn figure(t: &str) -> bool {
    t.len() >= 2
        && t.bytes().any(|b| b != b'0' && b != b'.')
        && !(t.len() == 4 && (t.starts_with("19") || t.starts_with("20")))
}

/// Whether clauses `x` and `u`, alike by `score`, are one statement.
fn one_statement(ctx: &RuleContext<'_>, x: &Unit, u: &Unit, score: f64) -> bool {
    if score >= ALIKE {
        return true;
    }
    if score < ALIKE_WITH_FIGURE {
        return false;
    }
    x.numbers
        .iter()
        .map(|n| ctx.a.text(n))
        .any(|t| figure(t) && u.numbers.iter().any(|m| ctx.a.text(m) == t))
}

/// A sentence that mentions more names than this keeps them in a set for the clauses
/// that ask whether it credits theirs.
const MANY_NAMES: usize = 16;

/// Above this many pairs of clauses, two sentences' clauses are paired through
/// [`Clauses`] rather than by [`best_by_scan`].
const SCAN_PAIRS: usize = 256;

/// The clause of `ub` that `x` (a clause with names) states again: of the clauses with
/// names whose numbers agree with `x`'s, the most like it by weighted similarity (see
/// [`one_statement`]), and the last of equals. Every clause of `ub` is compared.
fn best_by_scan(ctx: &RuleContext<'_>, x: &Unit, ub: &[Unit]) -> Option<usize> {
    let idx = &ctx.a.sentences;
    ub.iter()
        .enumerate()
        .filter(|(_, u)| !u.roots.is_empty())
        .filter(|(_, u)| numbers_agree(ctx, x, u))
        .map(|(k, u)| {
            (
                idx.wsim_totals((&x.bigrams, x.weight), (&u.bigrams, u.weight)),
                k,
            )
        })
        .filter(|&(s, k)| one_statement(ctx, x, &ub[k], s))
        .max_by(|p, q| p.0.partial_cmp(&q.0).unwrap_or(std::cmp::Ordering::Equal))
        .map(|(_, k)| k)
}

/// A sentence's clauses with names, indexed for [`Clauses::best`], which answers as
/// [`best_by_scan`] does while comparing a clause with few of them: clauses with one
/// bigram set are one group (they are equally like any clause), and a group is compared
/// only if it shares one of the clause's bigrams that could lift it to the best found so
/// far.
struct Clauses<'t> {
    groups: Vec<Group>,
    /// Per bigram: the groups holding it, ascending.
    postings: IntMap<u64, Vec<u32>>,
    /// Per group and number as written: the last clause of the group stating it.
    by_number: HashMap<(u32, &'t str), usize>,
    /// Per group: the query that last compared it (`query` counts them).
    seen: Vec<u32>,
    query: u32,
    /// Scratch: a query's bigrams (how many groups hold each, the bigram, its weight)
    /// and the summed weights from each on.
    order: Vec<(usize, u64, f64)>,
    rest: Vec<f64>,
}

struct Group {
    /// A clause of the group, the last one and the last one that states no number.
    first: usize,
    last: usize,
    last_bare: Option<usize>,
}

impl<'t> Clauses<'t> {
    fn new(ctx: &'t RuleContext<'_>, ub: &[Unit]) -> Self {
        let mut by_set: HashMap<&Bigrams, u32> = HashMap::default();
        let mut c = Clauses {
            groups: Vec::new(),
            postings: IntMap::default(),
            by_number: HashMap::default(),
            seen: Vec::new(),
            query: 0,
            order: Vec::new(),
            rest: Vec::new(),
        };
        for (k, u) in ub.iter().enumerate() {
            if u.roots.is_empty() {
                continue;
            }
            let g = *by_set.entry(&u.bigrams).or_insert_with(|| {
                let g = c.groups.len() as u32;
                c.groups.push(Group {
                    first: k,
                    last: k,
                    last_bare: None,
                });
                for bg in u.bigrams.iter() {
                    c.postings.entry(bg).or_default().push(g);
                }
                g
            });
            let group = &mut c.groups[g as usize];
            group.last = k;
            if u.numbers.is_empty() {
                group.last_bare = Some(k);
            }
            for n in &u.numbers {
                c.by_number.insert((g, ctx.a.text(n)), k);
            }
        }
        c.seen = vec![0; c.groups.len()];
        c
    }

    /// [`best_by_scan`] of `x` over the clauses this index was built from (`ub`).
    fn best(&mut self, ctx: &RuleContext<'_>, x: &Unit, ub: &[Unit]) -> Option<usize> {
        let idx = &ctx.a.sentences;
        self.query += 1;
        // The clause's bigrams, those fewest groups hold first, and the weight of each
        // one's and the later ones'. A group that shares none of the first k shares at
        // most rest[k] of the weight, and its similarity 2·shared / (ta + tb), with
        // tb ≥ shared, is at most 2·rest[k] / (ta + rest[k]); it can reach s only if
        // rest[k] ≥ s·ta / (2 − s). The bound is kept with a margin far above the
        // rounding of sums taken in another order.
        self.order.clear();
        self.order.extend(x.bigrams.iter().map(|bg| {
            let held = self.postings.get(&bg).map_or(0, Vec::len);
            (held, bg, idx.weight(bg))
        }));
        self.order.sort_unstable_by_key(|p| (p.0, p.1));
        self.rest.clear();
        self.rest.resize(self.order.len() + 1, 0.0);
        for k in (0..self.order.len()).rev() {
            self.rest[k] = self.rest[k + 1] + self.order[k].2;
        }
        let ta = x.weight;
        let mut best: Option<(f64, usize)> = None;
        for k in 0..self.order.len() {
            let s = best.map_or(ALIKE_WITH_FIGURE, |(s, _)| s.max(ALIKE_WITH_FIGURE));
            if self.rest[k] < s * ta / (2.0 - s) * (1.0 - 1e-9) {
                break;
            }
            let Some(groups) = self.postings.get(&self.order[k].1) else {
                continue;
            };
            for &g in groups {
                let seen = &mut self.seen[g as usize];
                if *seen == self.query {
                    continue;
                }
                *seen = self.query;
                let group = &self.groups[g as usize];
                let u = &ub[group.first];
                let score = idx.wsim_totals((&x.bigrams, x.weight), (&u.bigrams, u.weight));
                if score < ALIKE_WITH_FIGURE {
                    continue;
                }
                // The last clause of the group whose numbers agree with x's.
                let last = if x.numbers.is_empty() {
                    Some(group.last)
                } else {
                    x.numbers
                        .iter()
                        .filter_map(|n| self.by_number.get(&(g, ctx.a.text(n))).copied())
                        .chain(group.last_bare)
                        .max()
                };
                // (Below [`ALIKE`], the last clause of the group stating a figure of x's.)
                let last = if score >= ALIKE {
                    last
                } else {
                    x.numbers
                        .iter()
                        .filter(|n| figure(ctx.a.text(n)))
                        .filter_map(|n| self.by_number.get(&(g, ctx.a.text(n))).copied())
                        .max()
                };
                let Some(last) = last else { continue };
                if best.is_none_or(|(s, m)| score > s || score == s && last > m) {
                    best = Some((score, last));
                }
            }
        }
        best.map(|(_, m)| m)
    }
}

fn statements(
    rule: &AttributionMismatch,
    ctx: &RuleContext<'_>,
    out: &mut Findings<'_>,
    emitted: &mut HashSet<(usize, usize)>,
) {
    let a = ctx.a;
    if a.named_count() < 2 {
        return;
    }
    let mentions = &a.extraction.mentions;
    let sentences = &a.extraction.sentences;
    let idx = &a.sentences;
    let variant: Vec<usize> = sentences
        .iter()
        .map(|s| a.variant_at(s.span().start))
        .collect();
    // Each sentence's clauses, split once however many sentences it is compared with;
    // a sentence's entry is dropped when the loop reaches it (only later ones ask).
    // Sentences a finding of this kind stands in.
    let mut stated: HashSet<usize> = HashSet::default();
    let mut unit_cache: Vec<Option<Vec<Unit>>> = Vec::new();
    unit_cache.resize_with(sentences.len(), || None);
    for i in 0..sentences.len() {
        let cached = unit_cache[i].take();
        if !a.is_named(variant[i]) || idx.bigrams(i).len() < 4 {
            continue;
        }
        let mut ua_cache: Option<Vec<Unit>> = cached;
        let candidates = idx.candidates(idx.bigrams(i), 0.25);
        // Per other sentence k: its likeness to this one, read once for all the `j`
        // whose clauses ask for it.
        let mut sim_to: IntMap<usize, f64> = IntMap::default();
        for &j in &candidates {
            if j <= i || variant[j] == variant[i] || !a.is_named(variant[j]) {
                continue;
            }
            let sim_j = idx.wsim(idx.bigrams(i), idx.bigrams(j));
            if sim_j < 0.4 {
                continue;
            }
            let ua = ua_cache.get_or_insert_with(|| units(ctx, &sentences[i].span(), mentions));
            let ub =
                unit_cache[j].get_or_insert_with(|| units(ctx, &sentences[j].span(), mentions));
            let ub: &[Unit] = ub;
            // A long sentence's clauses are compared through an index of the other's
            // (every clause of one with every clause of the other was quadratic in a
            // sentence of thousands of credited clauses); a short one's by a scan.
            let mut index = (ua.len() * ub.len() > SCAN_PAIRS).then(|| Clauses::new(ctx, ub));
            // Read once per pair of sentences, at the first clause that asks.
            let mut share_a_number: Option<bool> = None;
            // Per other sentence k: whether it is as like this one as `j` is, and when it
            // mentions many names, their set.
            let mut alike: IntMap<usize, Option<Option<HashSet<&str>>>> = IntMap::default();
            for x in ua.iter().filter(|u| !u.roots.is_empty()) {
                let best = match &mut index {
                    Some(index) => index.best(ctx, x, ub),
                    None => best_by_scan(ctx, x, ub),
                };
                let Some(y) = best.map(|k| &ub[k]) else {
                    continue;
                };
                // A clause that is little more than its source (", according to the
                // Workforce Report") says nothing of its own: the two sentences must
                // then state a figure in common.
                let source_only = |u: &Unit| {
                    let t = ctx.a.text(&u.span).trim_start().to_lowercase();
                    ["according to", "per ", "据", "根据", "(", "（"]
                        .iter()
                        .any(|p| t.starts_with(p))
                };
                let bare = source_only(x) || source_only(y);
                if bare
                    && !*share_a_number.get_or_insert_with(|| sentences_share_a_number(ctx, ua, ub))
                {
                    continue;
                }
                // 龙头企业翼展科技 and 翼展科技: one name with and without a description.
                let one = |p: &String, q: &String| {
                    p == q
                        || (q.chars().count() >= 2 && p.contains(q.as_str()))
                        || (p.chars().count() >= 2 && q.contains(p.as_str()))
                };
                if x.roots.iter().any(|r| y.roots.iter().any(|o| one(r, o))) {
                    continue;
                }
                // Parallel sentences about two subjects (A's revenue was …; B's revenue
                // was …): when the other variant states this one about the same subject
                // too, nothing moved.
                // Another sentence like this one, as like it as `j` is, that credits this
                // side's name. (Each sentence's likeness read once per sentence `i` and
                // compared once per pair; the names of one that mentions many kept in a
                // set: every clause may ask.)
                let mut credits_x_alike = |k: usize| {
                    let names = alike.entry(k).or_insert_with(|| {
                        let sim = *sim_to
                            .entry(k)
                            .or_insert_with(|| idx.wsim(idx.bigrams(i), idx.bigrams(k)));
                        (sim >= sim_j - 0.1).then(|| {
                            let span = sentences[k].span();
                            (mentions_in(mentions, &span).nth(MANY_NAMES).is_some()).then(|| {
                                mentions_in(mentions, &span)
                                    .map(|m| m.entity.root.as_str())
                                    .collect()
                            })
                        })
                    });
                    match names {
                        None => false,
                        Some(Some(set)) => x.roots.iter().any(|r| set.contains(r.as_str())),
                        Some(None) => mentions_in(mentions, &sentences[k].span())
                            .any(|m| x.roots.contains(&m.entity.root)),
                    }
                };
                let twin = candidates
                    .iter()
                    .any(|&k| k != j && variant[k] == variant[j] && credits_x_alike(k));
                if twin {
                    continue;
                }
                let (Some(&mx), Some(&my)) = (x.mentions.first(), y.mentions.first()) else {
                    continue;
                };
                let (mx, my) = (&mentions[mx], &mentions[my]);
                // Names in two scripts that neither the lexicon nor the document joins
                // (杭州知行课堂科技有限公司 / Hangzhou Zhixing Classroom Technology Co.) may
                // be one name and its translation: nothing says the credit moved.
                if cjk(&mx.entity.root) != cjk(&my.entity.root) {
                    continue;
                }
                // The finding goes where the credit moved: when a third variant credits
                // this side's name in a sentence like this one, the other side is the odd
                // one.
                let backed = candidates.iter().any(|&k| {
                    variant[k] != variant[i]
                        && variant[k] != variant[j]
                        && a.is_named(variant[k])
                        && credits_x_alike(k)
                });
                let ((here, vh, sh), (there, vt)) = if backed {
                    ((my, variant[j], j), (mx, variant[i]))
                } else {
                    ((mx, variant[i], i), (my, variant[j]))
                };
                // One finding per sentence: its other credits moved with the first.
                if stated.contains(&sh) {
                    continue;
                }
                // The other side's credit was reported already (a quote moved to
                // another speaker is one finding, on the side that moved it).
                if emitted.contains(&(there.span().start, there.span().end))
                    || !emitted.insert((here.span().start, here.span().end))
                {
                    continue;
                }
                stated.insert(sh);
                let mut f = ctx.finding(
                    rule,
                    here.span(),
                    vh,
                    format!(
                        "this statement credits {} here, {} in {}",
                        here.entity.name,
                        there.entity.name,
                        a.variant_label(vt)
                    ),
                    format!(
                        "check whether it is {} or {} and credit the same one in every variant",
                        here.entity.name, there.entity.name
                    ),
                );
                f.related = vec![crate::report::Related {
                    file: a.file.clone(),
                    variant: a.variant_id(vt),
                    span: there.span(),
                    message: format!("credits {} here", there.entity.name),
                }];
                let _ = &x.span;
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{
        Clauses, abbreviates, best_by_scan, cjk, latin_gloss, romanised, same_speaker, units,
    };

    #[test]
    fn a_latin_gloss_after_a_chinese_name() {
        assert_eq!(latin_gloss("（Tomasz Nowak）说"), Some("Tomasz Nowak"));
        assert_eq!(latin_gloss(" (Agnieszka Wróbel)"), Some("Agnieszka Wróbel"));
        assert_eq!(latin_gloss("（2024）"), None);
        assert_eq!(latin_gloss("（Nowak）"), None);
        assert_eq!(latin_gloss("说（Tomasz Nowak）"), None);
        assert_eq!(latin_gloss("（馆长 Tomasz Nowak）"), None);
    }

    #[test]
    fn the_clause_index_pairs_clauses_as_the_scan_does() {
        // Two variants of generated sentences of credited, dated and bare clauses; every
        // clause with names of each sentence paired with the other variant's sentences,
        // by the index and by the scan.
        let pieces = [
            "特斯拉",
            "比亚迪",
            "蔚来",
            "Tesla",
            "BYD",
            "张伟",
            "于",
            "2024年",
            "3月",
            "12%",
            "发布",
            "新款轿车",
            "电池平台",
            "销量增长",
            "据",
            "统计",
            "称",
            "，",
            "，",
            "，",
            "（IDC）",
            " launched ",
            " grew ",
            "7",
            "2.5",
            ", ",
            "根据",
        ];
        let mut next = crate::testrand::below(0x2545_F491_4F6C_DD1D);
        let opts = crate::Options::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        let (mut found, mut compared) = (0, 0);
        for _ in 0..150 {
            // The second variant: the first's sentences with a few pieces replaced.
            let first: Vec<Vec<usize>> = (0..1 + next(3))
                .map(|_| (0..5 + next(60)).map(|_| next(pieces.len())).collect())
                .collect();
            let mut text = String::new();
            for (v, edits) in [("初稿", 0), ("终稿", 1 + next(8))] {
                text += &format!("## {v}\n\n");
                for s in &first {
                    for &p in s {
                        let p = if next(16) < edits {
                            next(pieces.len())
                        } else {
                            p
                        };
                        text += pieces[p];
                    }
                    text += "。";
                }
                text += "\n\n";
            }
            let source = crate::source::SourceFile::new("t.md", text);
            let a = crate::analyze(&source, &opts).unwrap();
            let ctx = crate::rules::RuleContext {
                a: &a,
                as_of: opts.as_of,
                canonical: None,
                tolerance: None,
            };
            let sentences = &a.extraction.sentences;
            let mentions = &a.extraction.mentions;
            for si in sentences {
                for sj in sentences {
                    if a.variant_at(si.span().start) == a.variant_at(sj.span().start) {
                        continue;
                    }
                    let ua = units(&ctx, &si.span(), mentions);
                    let ub = units(&ctx, &sj.span(), mentions);
                    let mut index = Clauses::new(&ctx, &ub);
                    for x in ua.iter().filter(|u| !u.roots.is_empty()) {
                        let want = best_by_scan(&ctx, x, &ub);
                        assert_eq!(index.best(&ctx, x, &ub), want, "{:?}", source.text);
                        compared += 1;
                        found += usize::from(want.is_some());
                    }
                }
            }
        }
        // (Many clauses found their like.)
        assert!(found > 500 && compared > 2 * found, "{found} of {compared}");
    }

    #[test]
    fn a_body_and_its_short_form_are_one_source() {
        assert!(abbreviates("据中汽协统计", "据中国汽车工业协会"));
        assert!(abbreviates("中物联", "中国物流与采购联合会数据"));
        assert!(!abbreviates("市应急管理局", "市农业农村局"));
        assert!(!abbreviates("据国家统计局数据", "国家发展改革委"));
    }

    #[test]
    fn chinese_source_text_with_digits_and_paths() {
        assert!(cjk("2026 年 6 月价目表"));
        assert!(cjk(
            "来源：参考机器（32 核，NVMe）上的导入测试，见 docs/benchmarks.md。"
        ));
        assert!(!cjk("price list, June 2026"));
        assert!(!cjk("据 Geofabrik"));
    }

    #[test]
    fn a_name_and_its_short_form_are_one_speaker() {
        assert!(same_speaker("Dr Patel", "Dr Arjun Patel"));
        assert!(same_speaker("arjun-patel", "Arjun Patel"));
        assert!(!same_speaker("Dr Patel", "Dr Helen Marsh"));
    }

    #[test]
    fn chinese_names_in_pinyin_both_ways() {
        assert_eq!(romanised("周伟"), ["zhou wei", "wei zhou"]);
        assert_eq!(romanised("沈亦舟"), ["shen yizhou", "yizhou shen"]);
        assert!(romanised("Ines").is_empty());
        assert!(romanised("中国宠物行业协会").is_empty());
    }
}
