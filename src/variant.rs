//! Split stage: a parsed [`Doc`] becomes [`Variant`]s, the sections under headings
//! that name a version (整合版, 版本1, 版本二, 第三版, Version 2, Draft B, v3 …).
//!
//! The level of the variant headings is read from the document: the level at which at
//! least two such headings stand (the most, then the outermost). An introductory
//! paragraph set just above the `---` that precedes a variant heading belongs to the
//! variant it introduces.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::gate::{self, Gate, Gated};
use crate::markdown::{BlockKind, Doc, TopKind};

/// A section of the document that is one version of it.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The short name ("版本二"); `None` for text outside every variant.
    pub id: Option<String>,
    /// The heading text as written.
    pub title: String,
    /// 1-based line of the heading (filled in by the caller that owns the line index).
    pub heading: Range<usize>,
    /// Source range the variant owns.
    pub range: Range<usize>,
}

static DEFAULT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            整合版|综合版|合并版|融合版|汇总版|终版|最终版|最终稿|终稿|定稿|初稿|初版|原版|原稿|原文|译文|修订版|修订稿|正式版|完整版|精简版|
            # Stages of a draft on its way to adoption (征求意见稿 → 送审稿 → 定稿).
            征求意见稿|征求意见版|送审稿|送审版|报批稿|审议稿|讨论稿|修改稿|修改版|正式稿|发布稿|公示稿|
            草案|修订草案|[一二三四五六七八九十]稿|
            (?:草稿|稿|版本)\s*[0-9０-９一二三四五六七八九十]{1,3}|
            第\s*[0-9０-９一二三四五六七八九十]{1,3}\s*(?:版|稿)|
            (?:中文|英文|简体中文|繁體中文|繁体中文|日文|日本語|韩文|法文|德文|西班牙文)(?:版本|版|译本|译文|翻译|原文|原版)?|
            (?:中译本|英译本|中译文|英译文|译本|翻译版|中文翻译|英文翻译)|
            [vV]\s?[0-9]{1,3}|
            (?i:version|draft|variant|revision|rev\.?|edition|take|option)\s*[A-Za-z0-9]{1,3}|
            (?i:draft|version)\s+(?i:one|two|three|four|five)|
            (?i:first|second|third|fourth|fifth|early|earlier|later|working|public|consultation|review)
                \s+(?i:draft|version|edition)|
            (?i:integrated|merged|combined|consolidated|final|original|revised)
                (?:\s+(?i:version|edition|draft|text))?|
            (?i:english|chinese|japanese|korean|french|german|spanish)
                (?:\s+(?i:version|edition|translation|original|text))?|
            (?i:translation|translated\s+version|original\s+text)
        )$",
    )
    .expect("variant heading regex")
});

/// The part of a heading that names the variant: "版本1（初稿）" → "版本1".
fn heading_core(text: &str) -> &str {
    let t = text.trim().trim_end_matches([':', '：', '.', '。']).trim();
    let cut = t
        .find(['（', '(', '—', '–', '：', ':'])
        .filter(|&i| i > 0)
        .unwrap_or(t.len());
    let core = t[..cut].trim();
    core.trim_end_matches(['-', ' ']).trim()
}

/// Does `text` name a variant under the given (or default) pattern?
pub fn variant_name(text: &str, custom: Option<&Regex>) -> Option<String> {
    let core = heading_core(text);
    match custom {
        Some(re) => {
            if re.is_match(text.trim()) || re.is_match(core) {
                Some(core.to_string()).filter(|c| !c.is_empty())
            } else {
                None
            }
        }
        None => (DEFAULT_HEADING.is_match(core) || stage_name(core) || language_tagged(text))
            .then(|| core.to_string())
            .filter(|c| !c.is_empty()),
    }
}

/// A heading that ends by naming its language in brackets, as a bilingual file heads
/// its two texts: 通告（中文）, "Notice to Mariners and Port Users (English)".
fn language_tagged(text: &str) -> bool {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)[（(]\s*(?:
                中文|英文|简体中文|繁體中文|繁体中文|中文版|英文版|中文本|英文本|
                (?i:english|chinese|simplified\s+chinese|traditional\s+chinese)|
                EN|ZH|en|zh(?:-[A-Za-z]{2,4})?
            )\s*[)）]\s*[:：]?$",
        )
        .expect("language tag regex")
    });
    TAG.is_match(text.trim())
}

/// Stage and audience names (see [`stage_name`]).
static STAGE: Gated = Gated::new(
    r"(?x)^(?:
            (?P<han>\p{Han}{1,3})稿|
            (?:工作|内部|公开|对外|对内|审定|审核|发布|公示|报送|上报|网络|网页|印刷|纸质|
               删节|节选|简明|详细|公众|媒体|报告|会议|校对|排版|
               # A channel's cut: 微博版, 公众号版, 官网版, 短视频版.
               微博|公众号|微信|官网|网站|客户端|短视频|视频|头条|小红书|抖音|新闻稿|通稿|海报)版|
            (?:中文|英文|中英文)?摘要|
            (?i:(?:english|chinese)\s+)?(?i:abstract)|
            (?i:as\s+(?:published|submitted|sent|filed|delivered|edited|approved|adopted|amended|released))|
            (?i:(?:published|submitted|approved|adopted|amended|edited|copy-edited|internal|public|
               press|web|print|online|board|staff|committee|plain[\s-]language|easy[\s-]read)
               \s+(?:version|edition|text|copy))|
            (?P<lead>(?i:[a-z]+(?:-[a-z]+)?))(?:\s+(?i:[a-z]+(?:-[a-z]+)?))?\s+(?i:draft)
        )$",
    Gate::Custom(may_name_stage),
);

/// Names of a draft's stage or audience that the list above leaves out, as real
/// writers coin them: 工作稿, 审定稿, 公开版; Internal draft, Edited draft, As published,
/// Print version; an abstract in each language (摘要 / Abstract). Product editions
/// (社区版, 企业版, Enterprise Edition) are other products, not versions of one text,
/// and a word that says what is done with drafts (投稿, 审稿) names none.
fn stage_name(core: &str) -> bool {
    // One character before 稿 names a stage only in these: 供稿 (as contributed), 底稿,
    // 成稿, 改稿, 清稿, 样稿; not 投稿, 审稿, 征稿 (what is done with drafts) nor 文稿.
    const ONE_HAN: [&str; 6] = ["供", "底", "成", "改", "清", "样"];
    const NOT_LEAD: [&str; 12] = [
        "the", "this", "that", "a", "an", "our", "your", "their", "about", "on", "of", "drafting",
    ];
    let Some(c) = STAGE.captures(core) else {
        return false;
    };
    if let Some(han) = c.name("han") {
        if han.as_str().chars().count() == 1 && !ONE_HAN.contains(&han.as_str()) {
            return false;
        }
    }
    if let Some(lead) = c.name("lead") {
        if NOT_LEAD.contains(&lead.as_str().to_ascii_lowercase().as_str()) {
            return false;
        }
    }
    true
}

/// The gate of `stage_name`'s pattern: it is anchored at both ends, and every branch but
/// one ends with 稿, 版, 摘要, abstract, version, edition, text, copy or draft (the ASCII
/// words in either case); the other (as published, as submitted …) starts with `as`.
fn may_name_stage(core: &str) -> bool {
    gate::ends_caseless(
        core,
        &[
            "稿", "版", "摘要", "abstract", "version", "edition", "text", "copy", "draft",
        ],
    ) || gate::starts_caseless(core, &["as"])
}

/// Split a document into variants. The first entry is the preamble (`id: None`) when
/// there is text before the first variant heading; a document without variant headings
/// is one unnamed variant covering the whole text.
/// Whether the paragraph at `range` reads as an introduction to what follows it: it
/// ends with a colon or points ahead (以下, 如下, below, following, this version).
fn introduces(doc: &Doc, range: &std::ops::Range<usize>) -> bool {
    const AHEAD: [&str; 14] = [
        "以下",
        "如下",
        "下面",
        "下文",
        "本版",
        "此版",
        "该版",
        "这一版",
        "below",
        "following",
        "here is",
        "here are",
        "this version",
        "this draft",
    ];
    let text: String = doc
        .blocks
        .iter()
        .filter(|b| range.start <= b.range.start && b.range.end <= range.end)
        .map(|b| b.text.as_str())
        .collect();
    let trimmed = text.trim_end();
    let lower = trimmed.to_lowercase();
    trimmed.ends_with([':', '：']) || AHEAD.iter().any(|w| lower.contains(w))
}

pub fn split(doc: &Doc, text_len: usize, custom: Option<&Regex>) -> Vec<Variant> {
    // Candidate headings per level.
    let mut by_level: [Vec<usize>; 7] = Default::default();
    let mut names = Vec::with_capacity(doc.headings.len());
    for (i, h) in doc.headings.iter().enumerate() {
        let name = variant_name(&h.text, custom);
        if name.is_some() {
            by_level[h.level.min(6) as usize].push(i);
        }
        names.push(name);
    }
    let min_count = if custom.is_some() { 1 } else { 2 };
    let mut level = (1..=6)
        .filter(|&l| by_level[l].len() >= min_count)
        .max_by_key(|&l| (by_level[l].len(), std::cmp::Reverse(l)));
    // Headings no list knows ("Initial report", 微博版) over sections that tell the same
    // figures: versions of one text all the same.
    if level.is_none() && custom.is_none() {
        if let Some((l, run)) = parallel_sections(doc) {
            for &hi in &run {
                names[hi] = Some(heading_core(&doc.headings[hi].text).to_string())
                    .filter(|n| !n.is_empty());
            }
            by_level[l] = run.into_iter().filter(|&hi| names[hi].is_some()).collect();
            level = (by_level[l].len() >= 2).then_some(l);
        }
    }
    let Some(level) = level else {
        return vec![Variant {
            id: None,
            title: String::new(),
            heading: 0..0,
            range: 0..text_len,
        }];
    };

    // Where each variant starts: its heading, or an introduction just above `---`.
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (heading index, start offset)
    // Top-level block of each heading, looked up once (a document of 20,000 variant
    // headings was quadratic here).
    let top_of: HashMap<usize, usize> = doc
        .top
        .iter()
        .enumerate()
        .filter_map(|(ti, t)| t.heading.map(|hi| (hi, ti)))
        .rev()
        .collect();
    for &hi in &by_level[level] {
        let h = &doc.headings[hi];
        let mut start = h.range.start;
        if let Some(&ti) = top_of.get(&hi) {
            if ti >= 2
                && doc.top[ti - 1].kind == TopKind::Rule
                && doc.top[ti - 2].kind == TopKind::Paragraph
            {
                // Do not take the paragraph that directly follows the previous variant's
                // heading: that one is the previous variant's own opening.
                let prev_is_heading = ti >= 3 && doc.top[ti - 3].kind == TopKind::Heading;
                // A closing paragraph of the previous variant can stand there too ("Kestrel
                // is expected to reach 60,000 children by 2025."): the paragraph joins the
                // next variant when it is fenced off by a rule above as well, or reads as an
                // introduction (以下是…：, "The version below …").
                let fenced = ti >= 3 && doc.top[ti - 3].kind == TopKind::Rule;
                if !prev_is_heading && (fenced || introduces(doc, &doc.top[ti - 2].range)) {
                    start = doc.top[ti - 2].range.start;
                }
            }
        }
        starts.push((hi, start));
    }

    let mut out = Vec::new();
    if let Some(&(_, first)) = starts.first() {
        if first > 0 {
            out.push(Variant {
                id: None,
                title: String::new(),
                heading: 0..0,
                range: 0..first,
            });
        }
    }
    for (k, &(hi, start)) in starts.iter().enumerate() {
        let h = &doc.headings[hi];
        // A variant ends at the next variant, or at any other heading of its level or
        // above (## Appendix after ## Option B is not part of Option B).
        let next = starts.get(k + 1).map_or(text_len, |&(_, s)| s);
        let mut end = next;
        // Headings are in document order: stop at the first one past `end`.
        if let Some(outer) = doc.headings[hi + 1..]
            .iter()
            .take_while(|o| o.range.start < end)
            .find(|o| o.level <= level as u8 && o.range.start > h.range.start)
        {
            end = outer.range.start;
        }
        out.push(Variant {
            id: names[hi].clone(),
            title: h.text.clone(),
            heading: h.range.clone(),
            range: start..end,
        });
        if end < next {
            out.push(Variant {
                id: None,
                title: String::new(),
                heading: end..end,
                range: end..next,
            });
        }
    }
    // Make the ids unique ("版本1", "版本1 (2)") so every finding names one place.
    // `next` remembers where each base name's count got to, so 20,000 headings named
    // 版本1 do not each count up from 2 again.
    let mut seen: HashSet<String> = HashSet::new();
    let mut next: HashMap<String, usize> = HashMap::new();
    for v in out.iter_mut() {
        if let Some(id) = &mut v.id {
            let base = id.clone();
            let n = next.entry(base.clone()).or_insert(2);
            while seen.contains(id.as_str()) {
                *id = format!("{base} ({n})");
                *n += 1;
            }
            seen.insert(id.clone());
        }
    }
    out
}

/// The figures a section states, as written without separators (1,284 → 1284), for
/// telling whether two sections are versions of one text. Small numbers, numbers in a
/// name or a reference (#123, v2, [12], x.y.z versions) are left out.
fn section_figures(text: &str, into: &mut HashSet<String>) {
    static FIGURE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d[\d,]*(?:\.\d+)*").expect("section figure regex"));
    for m in FIGURE.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        if before.is_some_and(|c| {
            c.is_ascii_alphabetic() || matches!(c, '#' | '[' | '-' | '_' | '.' | '/')
        }) {
            continue;
        }
        let t = m.as_str().trim_end_matches([',', '.']);
        if t.matches('.').count() > 1 {
            continue;
        }
        let digits: String = t.chars().filter(|&c| c != ',').collect();
        let Ok(value) = digits.parse::<f64>() else {
            continue;
        };
        // A magnitude after it is read: 12.6 万 and 126,000 are one figure, as are 14.7 亿
        // and 1.47 billion (a translation writes them so).
        let after = text[m.start() + t.len()..].trim_start_matches([' ', '\u{a0}']);
        let scale = [
            ("万", 1e4),
            ("萬", 1e4),
            ("亿", 1e8),
            ("億", 1e8),
            ("thousand", 1e3),
            ("million", 1e6),
            ("billion", 1e9),
            ("trillion", 1e12),
        ]
        .iter()
        .find(|(w, _)| after.starts_with(w))
        .map_or(1.0, |&(_, s)| s);
        let value = value * scale;
        if value >= 10.0 {
            into.insert(if scale == 1.0 {
                digits
            } else {
                format!("{}", (value * 1e4).round() / 1e4)
            });
        }
    }
}

/// Sibling headings whose sections state mostly the same figures, when no heading
/// names a version: drafts or translations under headings the lists do not know
/// ("Initial report" / "Interim report" / "Final report", 微博版 / 公众号版), short labels
/// without a number in them. Each pair of
/// neighbours must share at least four figures, half of the smaller section's and a
/// third of the larger's, under headings that differ. Returns the level and the longest
/// such run of headings (two or more), preferring the outermost level.
fn parallel_sections(doc: &Doc) -> Option<(usize, Vec<usize>)> {
    let mut best: Option<(usize, Vec<usize>)> = None;
    for level in 1..=6u8 {
        let at: Vec<usize> = (0..doc.headings.len())
            .filter(|&i| doc.headings[i].level == level)
            .collect();
        if at.len() < 2 {
            continue;
        }
        // Each heading's section: to the next heading of its level or above.
        let figures: Vec<HashSet<String>> = at
            .iter()
            .map(|&hi| {
                let h = &doc.headings[hi];
                let end = doc.headings[hi + 1..]
                    .iter()
                    .find(|o| o.level <= level)
                    .map_or(usize::MAX, |o| o.range.start);
                let lo = doc.blocks.partition_point(|b| b.range.start < h.range.end);
                let mut set = HashSet::new();
                for b in doc.blocks[lo..].iter().take_while(|b| b.range.start < end) {
                    section_figures(&b.text, &mut set);
                }
                set
            })
            .collect();
        // `strict`: half of the smaller section's figures and a third of the larger's;
        // otherwise a third of each, enough for an early draft beside a run already
        // found (an initial report whose figures later ones revised).
        let alike_at = |k: usize, j: usize, strict: bool| {
            let (a, b) = (&figures[k], &figures[j]);
            let (ha, hb) = (&doc.headings[at[k]], &doc.headings[at[j]]);
            // (Siblings: no heading above this level between them.)
            let siblings = !doc.headings[at[k] + 1..at[j]]
                .iter()
                .any(|o| o.level < level);
            let shared = a.intersection(b).count();
            let (small, large) = (a.len().min(b.len()), a.len().max(b.len()));
            // (A label, not a release or a period: "2021-07-29, Version 16.6.0" and
            // "2024" head sections about different things.)
            // (Nor a numbered chapter: 一、基本情况 is a part of the text, whatever it
            // shares with the 要点 box before it.)
            let numbered = |t: &str| {
                let t = t.trim_start();
                let t = t.strip_prefix('第').unwrap_or(t);
                let rest = t.trim_start_matches(|c: char| "一二三四五六七八九十百〇零".contains(c));
                rest.len() < t.len()
                    && rest.starts_with(['、', '章', '节', '節', '部', '篇', '.', '．', ' '])
            };
            let label = |t: &str| {
                t.chars().count() <= 40 && !t.chars().any(|c| c.is_numeric()) && !numbered(t)
            };
            siblings
                && label(&ha.text)
                && label(&hb.text)
                && ha.text.trim() != hb.text.trim()
                && shared >= 4
                && shared * if strict { 2 } else { 3 } >= small
                && shared * 3 >= large
        };
        let alike = |k: usize, strict: bool| alike_at(k, k + 1, strict);
        let mut k = 0;
        while k + 1 < at.len() {
            if !alike(k, true) {
                k += 1;
                continue;
            }
            let mut end = k + 1;
            while end + 1 < at.len() && alike(end, true) {
                end += 1;
            }
            // Widen the run by its looser neighbours, or by a section like the run's first
            // (a press statement cut from the board paper rather than from the staff note
            // before it).
            while end + 1 < at.len() && (alike(end, false) || alike_at(k, end + 1, false)) {
                end += 1;
            }
            let mut start = k;
            while start > 0 && alike(start - 1, false) {
                start -= 1;
            }
            let run: Vec<usize> = at[start..=end].to_vec();
            if best.as_ref().is_none_or(|(_, b)| run.len() > b.len()) {
                best = Some((level as usize, run));
            }
            k = end + 1;
        }
    }
    best
}

/// For each block of `doc`, whether it stands in a summary section: under a heading, or
/// after a paragraph that is only a bold label, naming one (TL;DR, Key facts, 要点,
/// Bottom line; see `rules/sections.toml`). A heading-led summary runs to the next
/// heading at its level or above; a label-led one to the next heading. The document's
/// title (a first heading at level 1) and variant headings never start one.
pub fn summary_blocks(doc: &Doc, variants: &[Variant], lex: &crate::lexicon::Lexicon) -> Vec<bool> {
    let names_summary = |text: &str| {
        let t = text
            .trim()
            .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ')' | '、'))
            .trim()
            .trim_end_matches([':', '：'])
            .to_lowercase();
        // A label, not a sentence: short, and the cue is most of it.
        t.chars().count() <= 40 && lex.summary_sections.iter().any(|w| t.contains(w.as_str()))
    };
    let variant_heads: HashSet<usize> = variants
        .iter()
        .filter(|v| v.id.is_some() && !v.heading.is_empty())
        .map(|v| v.heading.start)
        .collect();
    let mut out = Vec::with_capacity(doc.blocks.len());
    // The level of the heading that opened the current summary (0: a bold label).
    let mut open: Option<u8> = None;
    let mut seen_heading = false;
    for b in &doc.blocks {
        match b.kind {
            BlockKind::Heading(level) => {
                let title = !seen_heading && level == 1;
                seen_heading = true;
                if open.is_some_and(|l| l == 0 || level <= l) {
                    open = None;
                }
                // A subheading of a summary is part of it.
                out.push(open.is_some());
                if open.is_none()
                    && !title
                    && !variant_heads.contains(&b.range.start)
                    && names_summary(&b.text)
                {
                    open = Some(level);
                }
            }
            BlockKind::Paragraph
                if b.emphasis().len() == 1
                    && b.emphasis()[0].len()
                        >= b.text.trim_end_matches([':', '：']).trim().len()
                    && names_summary(&b.text) =>
            {
                open = Some(0);
                out.push(false);
            }
            _ => out.push(open.is_some()),
        }
    }
    // A box of figures under any heading ("Season snapshot", "2025 on one page", 全年
    // 成绩单): a section that is only a list of three or more short items, each with a
    // number in it, restates the body's figures as a summary does.
    let mut k = 0;
    while k < doc.blocks.len() {
        let BlockKind::Heading(level) = doc.blocks[k].kind else {
            k += 1;
            continue;
        };
        let end = doc.blocks[k + 1..]
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading(l) if l <= level))
            .map_or(doc.blocks.len(), |e| k + 1 + e);
        let items = &doc.blocks[k + 1..end];
        let boxed = items.len() >= 3
            && !variant_heads.contains(&doc.blocks[k].range.start)
            && items.iter().all(|b| {
                b.kind == BlockKind::ListItem
                    && b.text.chars().count() <= 100
                    && b.text.chars().any(|c| c.is_ascii_digit())
            });
        if boxed {
            for flag in &mut out[k + 1..end] {
                *flag = true;
            }
        }
        // (On to the next block: the sections inside this one are boxes of their own.
        // Each block is passed by at most one enclosing heading of each level.)
        k += 1;
    }
    restating_closings(doc, variants, &variant_heads, &mut out);
    out
}

/// The figures written in digits in `text`, each given to `found` (separators dropped;
/// one-digit numbers, which list items and dates are full of, left out).
fn digit_figures(text: &str, mut found: impl FnMut(&str)) {
    let mut cur = String::new();
    let mut flush = |cur: &mut String| {
        let t = cur.trim_end_matches('.');
        if t.len() >= 2 {
            found(t);
        }
        cur.clear();
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if !cur.is_empty()
            && matches!(c, ',' | '.')
            && chars.peek().is_some_and(char::is_ascii_digit)
        {
            if c == '.' {
                cur.push('.');
            }
        } else if !cur.is_empty() {
            flush(&mut cur);
        }
    }
    if !cur.is_empty() {
        flush(&mut cur);
    }
}

/// A closing that restates the body's figures under a heading that does not say so
/// (写给新学年, "Last lengths"): the last section of a variant, a third of the rest or
/// less, most of whose figures (three at least) the rest of the variant states too. A
/// summary in all but name, so its figures are compared with the body as a summary's are.
fn restating_closings(
    doc: &Doc,
    variants: &[Variant],
    variant_heads: &HashSet<usize>,
    out: &mut [bool],
) {
    let whole = [Variant {
        id: None,
        title: String::new(),
        heading: 0..0,
        range: 0..usize::MAX,
    }];
    let named: Vec<&Variant> = variants.iter().filter(|v| v.id.is_some()).collect();
    let spans: Vec<&Variant> = if named.is_empty() {
        whole.iter().collect()
    } else {
        named
    };
    for v in spans {
        let first = doc
            .blocks
            .partition_point(|b| b.range.start < v.range.start);
        let last = doc.blocks.partition_point(|b| b.range.start < v.range.end);
        let blocks = &doc.blocks[first..last];
        // The variant's sections: its headings at the highest level under it (not the
        // variant's own heading, nor a document title).
        let heads: Vec<(usize, u8)> = blocks
            .iter()
            .enumerate()
            .filter_map(|(k, b)| match b.kind {
                BlockKind::Heading(l) if !variant_heads.contains(&b.range.start) => Some((k, l)),
                _ => None,
            })
            .collect();
        let Some(top) = heads.iter().map(|&(_, l)| l).filter(|&l| l > 1).min() else {
            continue;
        };
        let Some(&(start, _)) = heads.iter().rev().find(|&&(_, l)| l == top) else {
            continue;
        };
        // Only the last section, and only if the variant has others before it.
        if heads.iter().filter(|&&(_, l)| l == top).count() < 3
            || out[first + start + 1..last].iter().any(|&s| s)
        {
            continue;
        }
        // (The closing's figures first, then only those looked for in the rest: a dense
        // document's rest holds millions of figures.)
        let is_prose =
            |b: &&crate::markdown::Block| !matches!(b.kind, BlockKind::Heading(l) if l <= top);
        let (body, closing) = blocks.split_at(start + 1);
        let mut mine: HashSet<String> = HashSet::default();
        let mut mine_len = 0;
        for b in closing.iter().filter(is_prose) {
            digit_figures(&b.text, |f| {
                mine.insert(f.to_string());
            });
            mine_len += b.text.len();
        }
        let rest_len: usize = body.iter().filter(is_prose).map(|b| b.text.len()).sum();
        if mine.len() < 3 || 3 * mine_len > rest_len {
            continue;
        }
        let mut restated: HashSet<&str> = HashSet::default();
        for b in body.iter().filter(is_prose) {
            digit_figures(&b.text, |f| {
                if let Some(m) = mine.get(f) {
                    restated.insert(m.as_str());
                }
            });
        }
        let restated = restated.len();
        if 2 * restated >= mine.len() {
            for flag in &mut out[first + start + 1..last] {
                *flag = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    #[test]
    fn the_stage_gate_admits_every_stage_name() {
        crate::gate::assert_sound(&STAGE);
        for core in [
            "As  published",
            "AS SUBMITTED",
            "Plain-language Version",
            "ſtaff copy",
        ] {
            assert!(may_name_stage(core), "{core}");
        }
        assert!(!may_name_stage("一、战略本质与核心逻辑"));
    }

    fn summary_of(md: &str) -> Vec<(String, bool)> {
        let doc = parse(md, 0);
        let variants = split(&doc, md.len(), None);
        let lex = crate::lexicon::Lexicon::builtin().expect("lexicon");
        doc.blocks
            .iter()
            .map(|b| b.text.clone())
            .zip(summary_blocks(&doc, &variants, lex))
            .collect()
    }

    /// The texts of the blocks of `md` that stand in a summary.
    fn inside_summaries(md: &str) -> Vec<String> {
        summary_of(md)
            .into_iter()
            .filter(|(_, s)| *s)
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn summary_sections_run_from_their_label_to_the_next_heading() {
        let md = "# Report summary\n\n**TL;DR**\n\n- Revenue rose 5%.\n\n## 1. Details\n\nRevenue rose 4%.\n\n\
                  ## 6. Bottom line\n\nUp 5%.\n\n### More\n\nStill in it.\n\n## Next\n\nOut.\n";
        let inside = inside_summaries(md);
        assert_eq!(
            inside,
            ["Revenue rose 5%.", "Up 5%.", "More", "Still in it."]
        );
        let zh = summary_of("## 要点\n\n- 收入16亿。\n\n## 正文\n\n收入15亿。\n");
        assert_eq!(zh.iter().filter(|(_, s)| *s).count(), 1);
    }

    #[test]
    fn a_section_of_only_short_figure_items_is_a_summary() {
        // (Under a title, and a heading that names no summary.)
        let md = "# Season\n\n## The season\n\n1. 118,640 swims.\n2. 1,742 season tickets.\n\
                  3. 96 volunteers.\n\n## Swims\n\nWe recorded 118,460 swims.\n\n\
                  ## How to help\n\n1. Volunteer on the gate.\n2. Give 5 pounds.\n3. Join us.\n";
        let inside = inside_summaries(md);
        // (Not a list of steps without figures.)
        assert_eq!(
            inside,
            ["118,640 swims.", "1,742 season tickets.", "96 volunteers."]
        );
    }

    fn variant_ids(md: &str) -> Vec<String> {
        let doc = parse(md, 0);
        split(&doc, md.len(), None)
            .into_iter()
            .filter_map(|v| v.id)
            .collect()
    }

    #[test]
    fn a_translation_that_writes_figures_in_other_magnitudes_is_a_version() {
        // 12.6 万 is 126,000 and 14.7 亿元 is 1.47 billion: the English communiqué states
        // the Chinese one's figures.
        let md = "# 公报 / Communiqué\n\n## 闭幕公报\n\n展览面积 12.6 万平方米，展商 1,680 家，\
                  观众 15 万人次，意向成交 14.7 亿元，同比增长 23%，境外买家 8,600 名。\n\n\
                  ## Closing Communiqué\n\nThe floor covered 126,000 square metres with 1,680 \
                  exhibitors and 150,000 visits; intended deals reached RMB 1.47 billion, up 23%, \
                  and 8,600 overseas buyers came.\n";
        assert_eq!(variant_ids(md), ["闭幕公报", "Closing Communiqué"]);
        // A summary box and the numbered chapter that gives its figures again are parts of
        // one text.
        let md = "# 年度报告\n\n## 要点\n\n全市长者食堂 421 家，服务 1400 万人次，补贴 1.12 亿元，\
                  满意度 96.2%。\n\n## 一、基本情况\n\n截至年底建成长者食堂 421 家，全年服务 \
                  1400 万人次，市级补贴 1.12 亿元，满意度 96.2%，覆盖 86 个街道。\n";
        assert!(variant_ids(md).is_empty(), "{:?}", variant_ids(md));
    }

    #[test]
    fn sections_that_tell_the_same_figures_are_versions_whatever_their_names() {
        let body = |a: &str, b: &str| {
            format!(
                "### What happened\n\nOn 14 March {a} devices were encrypted and 38 servers \
                 taken offline; 1,100 staff could not work.\n\n### Cost\n\nRecovery cost \
                 £{b} so far, with 640 claims and 72 hours of downtime; 186 systems restored.\n\n"
            )
        };
        let md = format!(
            "# Incident\n\n## Initial report\n\n{}## Interim report\n\n{}## Final report\n\n{}",
            body("960", "1.2 million"),
            body("960", "1.9 million"),
            body("980", "2.3 million")
        );
        assert_eq!(
            variant_ids(&md),
            ["Initial report", "Interim report", "Final report"]
        );
        // A short statement cut from the first text rather than from its neighbour: it
        // shares too little with the staff note, enough with the board paper.
        let md = "# Results\n\n## Board paper\n\nWe had 43,100 subscribers, up 22%; revenue \
                  £1.52m; print 18,900 a day, down 9.6%; churn 2.1% a month; 38% on the app; \
                  28.4 million page views; target 60,000 by 2028.\n\n## All-staff note\n\n\
                  We had 43,100 subscribers, up 22%; print 18,900 a day, down 9.6%; 28.4 \
                  million page views; £6.40 each; 1,250 trial sign-ups; 640 cancellations; \
                  14 new roles; 320 comments.\n\n## Press statement\n\n43,100 subscribers, \
                  up 22%, 38% on the app, aiming at 60,000 by 2028; founded 1862.\n";
        assert_eq!(
            variant_ids(md),
            ["Board paper", "All-staff note", "Press statement"]
        );
        // A summary box beside the body's sections, releases and periods under headings
        // with numbers, and sections that share a figure or two are one text.
        let md = "# Report\n\n## Key facts\n\n- 41,260 applications, 25,000 offers, 18.4% from \
                  quintile 1, 22.4% international.\n\n## Applications\n\nApplications rose 6.2% to \
                  41,260. Offers: 25,000, of which 3,100 contextual.\n\n## International\n\n\
                  International students were 22.4% of 4,950 entrants, down from 26.1%.\n";
        assert!(variant_ids(md).is_empty(), "{:?}", variant_ids(md));
        let md = format!(
            "# Changelog\n\n## 16.6.0 (2021-07-29)\n\n{}## 16.5.0 (2021-07-14)\n\n{}",
            body("960", "1.2 million"),
            body("960", "1.2 million")
        );
        assert!(variant_ids(&md).is_empty());
    }

    #[test]
    fn a_language_in_brackets_names_a_version() {
        for h in [
            "通告（中文）",
            "Notice to Mariners and Port Users (English)",
            "Release notes (zh-TW)",
            "公告 (英文)",
        ] {
            assert!(variant_name(h, None).is_some(), "{h}");
        }
        for h in ["通告", "Glossary (terms)"] {
            assert!(variant_name(h, None).is_none(), "{h}");
        }
    }

    #[test]
    fn names_versions_in_both_languages() {
        for ok in [
            "整合版",
            "中文版本",
            "微博版",
            "公众号版",
            "版本1",
            "版本二",
            "第三版",
            "Version 2",
            "Draft B",
            "v3",
            "**版本1**",
            "版本1（初稿）",
            "Integrated",
            "English",
            "中文译本",
            "英文原文",
            "Chinese translation",
            "English original",
            "译本",
            "征求意见稿",
            "送审稿",
            "二稿",
            "First draft",
            "Consultation draft",
            "Draft two",
            "工作稿",
            "审定稿",
            "供稿",
            "终审稿",
            "公开版",
            "摘要",
            "Abstract",
            "Internal draft",
            "Edited draft",
            "Copy-edited draft",
            "As published",
            "Print version",
        ] {
            let plain = ok.trim_matches('*');
            assert!(variant_name(plain, None).is_some(), "{ok}");
        }
        for no in [
            "Version 2.0.1",
            "v1.2",
            "版本管理",
            "Introduction",
            "2024年版本规划",
            "Translation notes",
            "中文翻译说明",
            "征求意见稿说明",
            "Drafting notes",
            "First steps",
            "社区版",
            "企业版",
            "Enterprise Edition",
            "投稿",
            "审稿",
            "文稿",
            "About this draft",
            "The draft",
        ] {
            assert!(variant_name(no, None).is_none(), "{no}");
        }
    }

    #[test]
    fn intro_paragraph_before_rule_joins_next_variant() {
        let src = "## 整合版\n正文A\n\n尾段A\n\n以下是版本1的写法：\n\n---\n\n## 版本1\n正文B\n";
        let doc = parse(src, 0);
        let vs = split(&doc, src.len(), None);
        assert_eq!(vs.len(), 2);
        assert!(src[vs[1].range.clone()].starts_with("以下是"));
        assert!(src[vs[0].range.clone()].contains("尾段A"));
        // Fenced by a rule above as well: an introduction, whatever it says.
        let src = "## 整合版\n正文A\n\n---\n\n介绍B\n\n---\n\n## 版本1\n正文B\n";
        let doc = parse(src, 0);
        let vs = split(&doc, src.len(), None);
        assert!(src[vs[1].range.clone()].starts_with("介绍B"));
    }

    #[test]
    fn closing_paragraph_before_rule_stays_with_its_variant() {
        let src = "## Draft A\n\nText A.\n\n- one\n- two\n\nWe expect 500 readers by 2025.\n\n---\n\n## Draft B\n\nText B.\n";
        let doc = parse(src, 0);
        let vs = split(&doc, src.len(), None);
        assert!(src[vs[0].range.clone()].contains("500 readers"));
        assert!(src[vs[1].range.clone()].starts_with("## Draft B"));
    }

    #[test]
    fn a_non_variant_heading_ends_the_variant() {
        let src = "## Option A\n\na\n\n## Option B\n\nb\n\n## Appendix\n\nc\n";
        let doc = parse(src, 0);
        let vs = split(&doc, src.len(), None);
        let b = vs
            .iter()
            .find(|v| v.id.as_deref() == Some("Option B"))
            .unwrap();
        assert!(!src[b.range.clone()].contains("Appendix"));
        assert!(vs.last().unwrap().id.is_none());
    }

    #[test]
    fn single_heading_is_not_a_variant_split() {
        let src = "# Title\n\n## Version 2\n\ntext\n";
        let doc = parse(src, 0);
        let vs = split(&doc, src.len(), None);
        assert_eq!(vs.len(), 1);
        assert!(vs[0].id.is_none());
    }
}
