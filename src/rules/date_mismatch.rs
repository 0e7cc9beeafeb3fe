//! `date-mismatch`: one claim, two different dates or periods.

use crate::hashing::{HashMap, HashSet};
use std::collections::BTreeMap;
use std::ops::Range;
use std::rc::Rc;

use super::{Findings, Rule, RuleContext, per_variant, value_classes};
use crate::claim::text::is_english_prose;
use crate::claim::{ClaimKind, Period};
use crate::report::{Finding, Related, Severity};
use crate::similar::IntMap;

pub struct DateMismatch;

/// A sentence's dates and where each stands ([`sentence_dates`]).
type SentenceDates = Vec<(Period, Range<usize>)>;

/// The dates a sentence states (outside its citations).
fn sentence_dates(ctx: &RuleContext<'_>, sentence: usize) -> Vec<(Period, Range<usize>)> {
    let ext = &ctx.a.extraction;
    ext.claims[ext.claims_of(sentence)]
        .iter()
        .filter_map(|c| match &c.kind {
            // (Not a year compared with: "up 27% on 2024".)
            ClaimKind::Date(p)
                if !crate::claim::date::growth_on(&ctx.a.source.text, c.span().start, p) =>
            {
                Some((p.clone(), c.span()))
            }
            _ => None,
        })
        .collect()
}

/// Dates of `a` that no date of `b` agrees with.
#[cfg(test)]
fn unmatched<'x>(
    a: &'x [(Period, Range<usize>)],
    b: &[(Period, Range<usize>)],
) -> Vec<&'x (Period, Range<usize>)> {
    a.iter()
        .filter(|(p, _)| b.iter().all(|(q, _)| p.conflicts(q)))
        .collect()
}

/// The first date of `a` that no date of `b` agrees with (the first of [`unmatched`]),
/// by its place in `a`. Whether two dates conflict depends on their periods alone: each
/// distinct period of `a` is compared once with each distinct period of `b` (a sentence
/// may hold thousands of dates, most of them repeated).
fn first_unmatched(a: &[(Period, Range<usize>)], b: &[(Period, Range<usize>)]) -> Option<usize> {
    if a.len() * b.len() <= FEW_PAIRS {
        return a
            .iter()
            .position(|(p, _)| b.iter().all(|(q, _)| p.conflicts(q)));
    }
    let theirs = DistinctPeriods::new(b);
    let mut known: HashMap<&Period, bool> = HashMap::default();
    a.iter().position(|(p, _)| {
        *known
            .entry(p)
            .or_insert_with(|| theirs.all_conflict(p, |p, q| p.conflicts(q)))
    })
}

/// The distinct periods of a list of dates, to ask of many periods whether each
/// conflicts with all of them, comparing each distinct pair once.
struct DistinctPeriods<'a> {
    set: HashSet<&'a Period>,
    list: Vec<&'a Period>,
}

impl<'a> DistinctPeriods<'a> {
    fn new(dates: &'a [(Period, Range<usize>)]) -> Self {
        let mut set = HashSet::default();
        let list = dates
            .iter()
            .map(|(q, _)| q)
            .filter(|q| set.insert(*q))
            .collect();
        DistinctPeriods { set, list }
    }

    /// Whether `conflict(p, q)` holds for every period `q` of the list. (A period
    /// conflicts with no period equal to it.)
    fn all_conflict(&self, p: &Period, conflict: impl Fn(&Period, &Period) -> bool) -> bool {
        !self.set.contains(p) && self.list.iter().all(|q| conflict(p, q))
    }
}

/// Up to this many pairs of dates are compared one by one, without sets.
const FEW_PAIRS: usize = 64;

/// A sentence of more claims than this keeps what the rule reads of it, once read.
const LONG: usize = 16;

/// A sentence's dates, and the set of their labels (sorted): sentences with equal sets
/// state the same dates.
struct Dated {
    dates: Vec<(Period, Range<usize>)>,
    labels: Labels,
}

/// A set of labels: a long one as a number (per distinct set), compared without reading
/// it again for every class of figures.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Labels {
    Few(Vec<String>),
    Many(usize),
}

impl Rule for DateMismatch {
    fn code(&self) -> &'static str {
        "date-mismatch"
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "one claim, two different dates or periods"
    }
    fn docs(&self) -> &'static str {
        "## What it does\n\
         Finds the same figure or event dated differently in two places (founded in 2015 vs \
         2016; the same price announced in May in one variant and June in another), a \
         period that changed (前18个月 vs 前12个月), and a plan one variant moves to a new \
         date while another still forecasts the old one (postponed to March 2027 / expected \
         in July 2026). A month or day written without its year (6月12日, 14–16 July, 9月底) \
         is compared by its month and day.\n\n\
         ## Why it matters\n\
         A figure or event moved to another date is a different fact.\n\n\
         ## Flagged\n\
         版本1: 2024年5月发布，定价1元 / 版本二: 2024年6月发布，定价1元\n\
         Draft A: founded in 2015 / Draft B: founded in 2016\n\
         版本1: 补贴推迟至2026年11月发放 / 版本二: 力争2026年9月底前发放补贴\n\
         版本1: 6月12日，小麦收获基本结束 / 版本二: 6月18日，小麦收获基本结束\n\
         Draft A: the festival was held on 14–16 July / Draft B: on 14–16 August\n\n\
         ## Not flagged\n\
         2024 Q1 / 2024年Q1 / Q1 2024 (one period); 2024 / 2024 Q1 (one refines the other); \
         6月12日 / 12 June / June 12th (one day); 7月14日至16日 / 7月15日 (a day inside the \
         range); 5月6日开工，9月26日开通 (two events); 6/12, 12:30, 第6章12节 (not dates)"
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Findings<'_>) {
        let mut reported_sentences: HashSet<usize> = HashSet::default();
        let mut reported_spans: HashSet<(usize, usize)> = HashSet::default();
        // Per sentence, its dates (the classes of one long sentence's figures all ask
        // for them); per set of date labels, a number; per pair of sentences, the first
        // date of one that none of the other's agrees with.
        let mut dated_memo: IntMap<usize, Rc<Dated>> = IntMap::default();
        let mut label_sets: HashMap<Vec<String>, usize> = HashMap::default();
        let mut unmatched_memo: IntMap<(usize, usize), Option<usize>> = IntMap::default();
        let long = |s: usize| ctx.a.extraction.claims_of(s).len() > LONG;
        for members in ctx.quantity_groups() {
            if members.iter().all(|(_, q)| super::is_period(q)) {
                // Periods (36 周, 3-5年) that differ are a date-mismatch of their own;
                // equal ones may still be dated differently below.
                durations(self, ctx, &members, out);
            }
            // Equal figures stated with different dates: the figure moved to another period.
            for class in value_classes(&members) {
                let ids: Vec<usize> = class.iter().map(|(i, _)| *i).collect();
                let reps = per_variant(ctx, &ids, 16);
                if reps.len() < 2 {
                    continue;
                }
                let sentences: Vec<usize> = reps.iter().map(|&i| ctx.claim(i).sentence()).collect();
                let read = |s: usize, label_sets: &mut HashMap<Vec<String>, usize>| {
                    let dates = sentence_dates(ctx, s);
                    let mut key: Vec<String> = dates.iter().map(|(p, _)| p.label()).collect();
                    key.sort();
                    let labels = if key.len() > LONG {
                        let n = label_sets.len();
                        Labels::Many(*label_sets.entry(key).or_insert(n))
                    } else {
                        Labels::Few(key)
                    };
                    Rc::new(Dated { dates, labels })
                };
                // (Kept for long sentences only: the 50 MB file's sentences all asked.)
                let dated: Vec<Rc<Dated>> = sentences
                    .iter()
                    .map(|&s| {
                        if long(s) {
                            dated_memo
                                .entry(s)
                                .or_insert_with(|| read(s, &mut label_sets))
                                .clone()
                        } else {
                            read(s, &mut label_sets)
                        }
                    })
                    .collect();
                let dates: Vec<&[(Period, Range<usize>)]> =
                    dated.iter().map(|d| &d.dates[..]).collect();
                // The reference: the most common date set among the dated members.
                let mut counts: BTreeMap<&Labels, (usize, usize)> = BTreeMap::new();
                for (k, d) in dated.iter().enumerate() {
                    if d.dates.is_empty() {
                        continue;
                    }
                    let e = counts.entry(&d.labels).or_insert((0, k));
                    e.0 += 1;
                }
                let Some(&(_, majority)) = counts
                    .values()
                    .max_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)))
                else {
                    continue;
                };
                // A dated canonical variant is the reference whatever the others say.
                let refk = (0..reps.len())
                    .find(|&k| !dates[k].is_empty() && ctx.is_canonical(reps[k]))
                    .unwrap_or(majority);
                // The first date of one sentence's that none of another's agrees with,
                // read once per pair of sentences.
                let mut unmatched = |x: usize, y: usize| {
                    if !long(sentences[x]) && !long(sentences[y]) {
                        return first_unmatched(dates[x], dates[y]);
                    }
                    *unmatched_memo
                        .entry((sentences[x], sentences[y]))
                        .or_insert_with(|| first_unmatched(dates[x], dates[y]))
                };
                let agreeing: Vec<usize> = (0..reps.len())
                    .filter(|&k| unmatched(k, refk).is_none() && !dates[k].is_empty())
                    .map(|k| reps[k])
                    .collect();
                for (k, d) in dates.iter().enumerate() {
                    if k == refk || d.is_empty() {
                        continue;
                    }
                    let (Some(mine), Some(theirs)) = (unmatched(k, refk), unmatched(refk, k))
                    else {
                        continue;
                    };
                    let ((p, span), (q, qspan)) = (&d[mine], &dates[refk][theirs]);
                    if !reported_spans.insert((span.start, span.end)) {
                        continue;
                    }
                    let i = reps[k];
                    let r = reps[refk];
                    reported_sentences.insert(ctx.claim(i).sentence());
                    let c = ctx.claim(i);
                    let mut f = ctx.finding(
                        self,
                        span.clone(),
                        c.variant(),
                        format!(
                            "{}{} {} is dated {} here, {} in {}",
                            ctx.lead(i, &agreeing),
                            ctx.topic(i),
                            ctx.shown(i),
                            p.label(),
                            q.label(),
                            ctx.where_ref(r, &agreeing)
                        ),
                        "check the date against the source and give the same date in every variant",
                    );
                    f.related = vec![Related {
                        file: ctx.a.file.clone(),
                        variant: ctx.a.variant_id(ctx.claim(r).variant()),
                        span: qspan.clone(),
                        message: format!("dated {} here", q.label()),
                    }];
                    out.push(f);
                }
            }
        }
        event_dates(self, ctx, &reported_sentences, out);
    }
}

fn durations(
    rule: &DateMismatch,
    ctx: &RuleContext<'_>,
    members: &[(usize, &crate::claim::Quantity)],
    out: &mut Findings<'_>,
) {
    let mut classes = value_classes(members);
    if classes.len() < 2 {
        return;
    }
    ctx.canonical_first(&mut classes);
    let major: Vec<usize> = classes[0].iter().map(|(i, _)| *i).collect();
    let rel = per_variant(ctx, &major, 3);
    let Some(&first) = rel.first() else { return };
    for class in &classes[1..] {
        for &(i, _) in class {
            let c = ctx.claim(i);
            let mut f = ctx.finding(
                rule,
                c.span(),
                c.variant(),
                format!(
                    "{}period differs: {} here, {} in {}",
                    ctx.lead(i, &major),
                    ctx.shown(i),
                    ctx.shown(first),
                    ctx.where_ref(first, &major)
                ),
                "state the same period in every variant, or say why it differs",
            );
            f.related = ctx.related_here(&rel);
            out.push(f);
        }
    }
}

/// The event a date marks: the event word nearest to it in its clause (founded in
/// 2019; 2023年5月发布; 于2018年4月获批).
fn event_of(ctx: &RuleContext<'_>, span: &Range<usize>, header: Option<&str>) -> Option<usize> {
    let text = &ctx.a.source.text;
    // A date in a table takes its event from the column header (获批时间, Released).
    if let Some(h) = header {
        if let Some((_, &e)) = ctx.a.lex.events.find_all(h).next() {
            return Some(e);
        }
    }
    let clause_end = |from: usize| clause_of(text, &(from..from), false).end;
    let Range { start, mut end } = clause_of(text, span, false);
    // A date that is a clause of its own ("2023年10月，江澄市获批…", "In May 2024, the
    // city approved…") dates the clause after it.
    let alone = |r: std::ops::Range<usize>| {
        let rest = text[r].trim();
        rest.is_empty() || ["In", "in", "On", "on", "于", "在", "By", "by"].contains(&rest)
    };
    if alone(start..span.start) && alone(span.end..end) && end < text.len() {
        let next = text[end..].chars().next().map_or(0, char::len_utf8);
        if matches!(&text[end..end + next], "，" | ",") {
            end = clause_end(end + next);
        }
    }
    let clause = &text[start..end];
    ctx.a
        .lex
        .events
        .find_all(clause)
        .map(|(r, &e)| {
            let at = start + r.start;
            let dist = if at >= span.end {
                at - span.end
            } else {
                span.start.saturating_sub(start + r.end)
            };
            (dist, e)
        })
        .min()
        .map(|(_, e)| e)
}

/// The clause around `span`: from the punctuation before it to the punctuation after it
/// (a full stop too when `full_stop`).
fn clause_of(text: &str, span: &Range<usize>, full_stop: bool) -> Range<usize> {
    let stop = |c: char| {
        matches!(
            c,
            '，' | '。' | '；' | '：' | ',' | ';' | ':' | '\n' | '|' | '（' | '）' | '(' | ')'
        ) || (full_stop && c == '.')
    };
    let start = text[..span.start]
        .char_indices()
        .rev()
        .find(|&(_, c)| stop(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[span.end..]
        .char_indices()
        .find(|&(_, c)| stop(c))
        .map_or(text.len(), |(i, _)| span.end + i);
    start..end
}

/// The words of the clause a date stands in, its digits left out: Chinese characters
/// in pairs, Latin words lowercased.
fn clause_words(text: &str, span: &Range<usize>) -> HashSet<String> {
    let clause = &text[clause_of(text, span, true)];
    let mut out = HashSet::default();
    let han: Vec<char> = clause
        .chars()
        .map(|c| {
            if crate::claim::text::is_han(c) {
                c
            } else {
                ' '
            }
        })
        .collect();
    for w in han.windows(2) {
        if w[0] != ' '
            && w[1] != ' '
            && !matches!(w[0], '年' | '月' | '日')
            && !matches!(w[1], '年' | '月' | '日')
        {
            out.insert(w.iter().collect());
        }
    }
    for w in clause.split(|c: char| !c.is_ascii_alphabetic()) {
        if w.len() >= 3 {
            out.insert(w.to_ascii_lowercase());
        }
    }
    out
}

/// Whether a date's clause restates another's: most of the shorter clause's words (three
/// at least) stand in the longer one (滨江新校区 2025 年 9 月启用 in a box, 滨江新校区于
/// 2025 年 3 月正式启用 in the body).
fn clause_restated(text: &str, x: &Range<usize>, y: &Range<usize>) -> bool {
    let (a, b) = (clause_words(text, x), clause_words(text, y));
    let (small, big) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    small.len() >= 3 && 10 * small.iter().filter(|w| big.contains(*w)).count() >= 7 * small.len()
}

/// Latin words, version strings and numbers a sentence shares with another, whatever
/// language the rest is in: v1.0, Quill, IEA.
fn anchors(text: &str) -> HashSet<String> {
    const COMMON: &[&str] = &[
        "the", "and", "for", "with", "from", "that", "this", "was", "were", "its", "ai", "api",
    ];
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .map(|w| w.trim_matches('.').to_ascii_lowercase())
        .filter(|w| {
            w.len() >= 2
                && w.chars().any(|c| c.is_ascii_alphabetic())
                && !COMMON.contains(&w.as_str())
        })
        .collect()
}

/// Version numbers in a sentence (0.01, v1.0, 2.6.0): what tells two releases apart.
/// A version string that names a release: v2, 0.9.2, or a name and its number (Skerry
/// 0.9), not a decimal figure (24.3万辆).
static RELEASED_VERSION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?-u:\b)(?:[vV]\d+(?:\.\d+)*|\d+\.\d+\.\d+)(?-u:\b)|[A-Za-z] \d+\.\d+(?-u:\b)",
    )
    .expect("released version regex")
});

fn versions(text: &str) -> HashSet<String> {
    static VERSION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?-u:\b)[vV]?\d+(?:\.\d+)+(?-u:\b)|(?-u:\b)[vV]\d+(?-u:\b)")
            .expect("version regex")
    });
    VERSION
        .find_iter(text)
        .map(|m| m.as_str().trim_start_matches(['v', 'V']).to_string())
        .collect()
}

/// Words numbered in `ids` (a new word takes the next number), sorted, added to `all`
/// as a run `[start, length]`: a set of strings for every date of a dense document
/// was the largest part of this rule's memory, and then a list of numbers for each.
fn numbered(
    words: HashSet<String>,
    ids: &mut HashMap<String, u32>,
    all: &mut Vec<u32>,
) -> [u32; 2] {
    let start = all.len();
    all.extend(words.into_iter().map(|w| {
        let next = ids.len() as u32;
        *ids.entry(w).or_insert(next)
    }));
    all[start..].sort_unstable();
    [start as u32, (all.len() - start) as u32]
}

/// A run of a list ([`numbered`]).
fn run(all: &[u32], r: [u32; 2]) -> &[u32] {
    all.get(r[0] as usize..(r[0] as usize).saturating_add(r[1] as usize))
        .unwrap_or(&[])
}

/// What two dates found to conflict date, for the message.
#[derive(Clone, Copy)]
enum What {
    /// A version, by its number among the versions the dates name.
    Version(u32),
    /// An event of the lexicon (u32: a conflict is kept for every pair found).
    Event(u32),
    Entry,
}

/// Dated events (founded in 2015, 2023年5月发布): the same event of the same thing,
/// another date. Table cells with the same row and column are compared directly.
fn event_dates(
    rule: &DateMismatch,
    ctx: &RuleContext<'_>,
    reported: &HashSet<usize>,
    out: &mut Findings<'_>,
) {
    let a = ctx.a;
    let claims = &a.extraction.claims;
    let single = a.named_count() < 2;
    // 40 bytes a dated claim (claim and event numbers as u32); the numbered words of
    // all of them in one list.
    struct Dated {
        claim: u32,
        event: Option<u32>,
        /// The sentence's anchors ([`anchors`]), numbered ([`numbered`]): a run of
        /// `words`.
        anchors: [u32; 2],
        /// The sentence's versions ([`versions`]), numbered: a run of `words`.
        versions: [u32; 2],
        /// The one version the sentence dates, if it names exactly one: its number
        /// among the versions (`version_names`).
        version: Option<u32>,
        /// Whether it names a release by a version string (0.9.2, v2, Skerry 0.9), not
        /// just a decimal figure.
        released_version: bool,
    }
    let mut dated: Vec<Dated> = Vec::new();
    let mut words: Vec<u32> = Vec::new();
    // Dates that mark no known event, alone in their sentence.
    let mut plain: Vec<usize> = Vec::new();
    let mut anchor_ids: HashMap<String, u32> = HashMap::default();
    let mut version_ids: HashMap<String, u32> = HashMap::default();
    struct SentenceMemo {
        sentence: usize,
        /// Its versions ([`versions`]) and whether it holds one date.
        versions: HashSet<String>,
        one_date: bool,
        /// Its anchors and versions numbered, and whether it names a release by a
        /// version string: once the first of its dates is kept.
        numbered: Option<([u32; 2], [u32; 2], bool)>,
    }
    let mut memo: Option<SentenceMemo> = None;
    for (i, c) in claims.iter().enumerate() {
        let ClaimKind::Date(_) = c.kind else { continue };
        if c.forecast() || reported.contains(&c.sentence()) {
            continue;
        }
        if !single && !a.is_named(c.variant()) {
            continue;
        }
        let event = event_of(
            ctx,
            &c.span(),
            ctx.a.extraction.row(c).map(|(_, _, h)| h.as_str()),
        );
        // What the sentence says, read once for all its dates (they are listed
        // together): a sentence of thousands of dates must not be read for each.
        if memo.as_ref().is_none_or(|m| m.sentence != c.sentence()) {
            let text = a.text(&a.extraction.sentences[c.sentence()].span());
            memo = Some(SentenceMemo {
                sentence: c.sentence(),
                versions: versions(text),
                one_date: sentence_dates(ctx, c.sentence()).len() == 1,
                numbered: None,
            });
        }
        let Some(m) = memo.as_mut() else { continue };
        let sentence = &a.extraction.sentences[c.sentence()].span();
        // | v1.0 | March 2023 |: a table row named by a version dates that version.
        let label_versions = match ctx.a.extraction.row(c) {
            Some((_, label, _)) if m.versions.is_empty() => Some(self::versions(label)),
            _ => None,
        };
        let versions = label_versions.as_ref().unwrap_or(&m.versions);
        // "Version 0.01 followed in September 1991": a sentence about one version with
        // one date dates that version, whatever verb it uses.
        let one_date = m.one_date;
        let version = (versions.len() == 1 && one_date)
            .then(|| versions.iter().next().cloned())
            .flatten();
        if event.is_none() && ctx.a.extraction.row(c).is_none() && version.is_none() {
            if !single && one_date {
                plain.push(i);
            }
            continue;
        }
        let Ok(claim) = u32::try_from(i) else { break };
        let (anchors, sentence_versions, released_version) = *m.numbered.get_or_insert_with(|| {
            let text = a.text(sentence);
            (
                numbered(anchors(text), &mut anchor_ids, &mut words),
                numbered(m.versions.clone(), &mut version_ids, &mut words),
                RELEASED_VERSION.is_match(text),
            )
        });
        let versions = match label_versions {
            Some(v) => numbered(v, &mut version_ids, &mut words),
            None => sentence_versions,
        };
        dated.push(Dated {
            claim,
            event: event.and_then(|e| u32::try_from(e).ok()),
            anchors,
            released_version,
            versions,
            version: version.and_then(|v| version_ids.get(&v).copied()),
        });
    }
    drop(anchor_ids);
    dated.shrink_to_fit();
    // The versions' names by number, for the buckets and the messages.
    let mut version_names: Vec<String> = vec![String::new(); version_ids.len()];
    for (name, k) in version_ids {
        if let Some(slot) = version_names.get_mut(k as usize) {
            *slot = name;
        }
    }
    // Bucket by event (and table cell), so each date meets only its peers.
    let mut buckets: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (k, d) in dated.iter().enumerate() {
        let Ok(k) = u32::try_from(k) else { break };
        let c = &claims[d.claim as usize];
        if let Some((_, label, header)) = ctx.a.extraction.row(c) {
            buckets
                .entry(format!("cell:{label}|{header}"))
                .or_default()
                .push(k);
        }
        if let Some(e) = d.event {
            buckets.entry(format!("event:{e}")).or_default().push(k);
        }
        if let Some(v) = d.version.and_then(|v| version_names.get(v as usize)) {
            buckets.entry(format!("version:{v}")).or_default().push(k);
        }
    }
    // Pairs of dates of one thing (claim indices), and what they date: the dates that
    // disagree, and those that agree (which decide which side is the odd one).
    // (Claim indices as u32, as in `Dated`: a dense document has hundreds of thousands
    // of each.)
    let mut conflicts: Vec<(u32, u32, What)> = Vec::new();
    let mut agreements: Vec<(u32, u32)> = Vec::new();
    // Pairs judged, two claim numbers in one key.
    let mut seen: crate::similar::IntSet<u64> = Default::default();
    let pair = |x: u32, y: u32| (u64::from(x) << 32) | u64::from(y);
    // A sentence's dates, each date's event and whether a sentence is English prose, read
    // once, not for each pair: a date meets up to 64 others, and a sentence may hold
    // thousands of dates.
    let mut dates_of: crate::similar::IntMap<usize, Vec<(Period, Range<usize>)>> =
        Default::default();
    let mut events: crate::similar::IntMap<(usize, usize), Option<u32>> = Default::default();
    let mut english: crate::similar::IntMap<usize, bool> = Default::default();
    for (key, list) in &buckets {
        let by_cell = key.starts_with("cell:");
        let by_version = key.starts_with("version:");
        for (n, &x) in list.iter().enumerate() {
            for &y in list.iter().skip(n + 1).take(64) {
                let (dx, dy) = (&dated[x as usize], &dated[y as usize]);
                let (ix, iy) = (dx.claim as usize, dy.claim as usize);
                let (cx, cy) = (&claims[ix], &claims[iy]);
                if single {
                    if cx.block() == cy.block() {
                        continue;
                    }
                } else if cx.variant() == cy.variant() {
                    continue;
                }
                if seen.contains(&pair(dx.claim, dy.claim)) {
                    continue;
                }
                // One version's two events (released on 3 November, synced on 7 November).
                if by_version && dx.event.is_some() && dy.event.is_some() && dx.event != dy.event {
                    continue;
                }
                let (ClaimKind::Date(px), ClaimKind::Date(py)) = (&cx.kind, &cy.kind) else {
                    continue;
                };
                let conflict = px.conflicts(py);
                // Two rows of a table are two things (二价 and 九价 were approved apart).
                if let (Some((_, lx, _)), Some((_, ly, _))) =
                    (ctx.a.extraction.row(cx), ctx.a.extraction.row(cy))
                {
                    if lx != ly {
                        continue;
                    }
                }
                // The other sentence states this date too (原定2022年举办 in both): no conflict.
                if conflict
                    && dates_of
                        .entry(cx.sentence())
                        .or_insert_with(|| sentence_dates(ctx, cx.sentence()))
                        .iter()
                        .any(|(p, span)| {
                            !p.conflicts(py)
                                && (by_cell
                                    || *events.entry((span.start, span.end)).or_insert_with(|| {
                                        event_of(ctx, span, None)
                                            .and_then(|e| u32::try_from(e).ok())
                                    }) == dy.event)
                        })
                {
                    continue;
                }
                // Version 0.01 and version 0.12 are two releases; a release of 0.9.2 is
                // not the product's first release, which names no version.
                let (vx, vy) = (run(&words, dx.versions), run(&words, dy.versions));
                if dx.released_version != dy.released_version
                    || (!vx.is_empty()
                        && !vy.is_empty()
                        && !vx.iter().any(|v| vy.binary_search(v).is_ok()))
                {
                    continue;
                }
                let same = if by_cell || by_version {
                    true
                } else {
                    let sim = a.sentences.wsim(
                        a.sentences.bigrams(cx.sentence()),
                        a.sentences.bigrams(cy.sentence()),
                    );
                    let row_named =
                        |row: Option<&(usize, String, String)>, other: &crate::claim::Claim| {
                            row.is_some_and(|(_, label, _)| {
                                label.chars().count() >= 2
                                    && a.text(&a.extraction.sentences[other.sentence()].span())
                                        .contains(label.as_str())
                            })
                        };
                    // The same subject: one entity, or a table row whose label the other
                    // sentence names (| 九价 | 2018年4月 | and 九价疫苗于2018年5月获批).
                    let same_subject = matches!((ctx.a.extraction.subject(cx), ctx.a.extraction.subject(cy)), (Some(p), Some(q)) if p.root == q.root)
                        || row_named(ctx.a.extraction.row(cx), cy)
                        || row_named(ctx.a.extraction.row(cy), cx);
                    let ay = run(&words, dy.anchors);
                    let shared_anchor = run(&words, dx.anchors)
                        .iter()
                        .any(|w| ay.binary_search(w).is_ok());
                    let by_row = row_named(ctx.a.extraction.row(cx), cy)
                        || row_named(ctx.a.extraction.row(cy), cx);
                    // At the same place in the other variant (drafts and translations keep
                    // their order).
                    let near = !single
                        && (a.extraction.position(cx) - a.extraction.position(cy)).abs() <= 0.1;
                    // A translation shares no words with its original: the same subject
                    // and event at the same place in a variant in the other language is
                    // the same sentence.
                    let mut prose = |k: usize| {
                        *english.entry(k).or_insert_with(|| {
                            is_english_prose(a.text(&a.extraction.sentences[k].span()))
                        })
                    };
                    let translated =
                        near && same_subject && prose(cx.sentence()) != prose(cy.sentence());
                    // A summary's date against the body of its own text (智能派单系统于
                    // 2026 年 3 月上线 / 2026 年 4 月 1 日，智能派单系统正式上线): the box
                    // restates the event in fewer words.
                    let in_summary = |c: &crate::claim::Claim| {
                        ctx.a.summary.get(c.block()).copied().unwrap_or(false)
                    };
                    let restated = cx.variant() == cy.variant()
                        && in_summary(cx) != in_summary(cy)
                        && (sim >= 0.25
                            || same_subject
                            || clause_restated(&a.source.text, &cx.span(), &cy.span()));
                    by_row
                        || translated
                        || restated
                        || (same_subject && (sim >= 0.2 || shared_anchor))
                        || sim >= 0.45
                        || (shared_anchor && sim >= 0.2)
                        || (near && shared_anchor)
                };
                if !same {
                    continue;
                }
                // Judged once, in the first bucket that finds them the same thing.
                seen.insert(pair(dx.claim, dy.claim));
                if !conflict {
                    // Only a date of the same calendar and year agrees (a fiscal quarter
                    // in the same clause says nothing about a release day).
                    let fiscal = |p: &Period| {
                        matches!(
                            p.span,
                            crate::claim::date::Span::Fiscal(_)
                                | crate::claim::date::Span::Split(_)
                        )
                    };
                    // Nor does a coarser date: "Works completed in 2025" agrees with 14
                    // March 2025 and 14 May 2025 alike, so it cannot say which is right.
                    let coarser = std::mem::discriminant(&px.span)
                        != std::mem::discriminant(&py.span)
                        && (px.span == crate::claim::date::Span::Year
                            || py.span == crate::claim::date::Span::Year);
                    if fiscal(px) == fiscal(py) && px.year == py.year && !coarser {
                        agreements.push((dx.claim, dy.claim));
                    }
                    continue;
                }
                let what = match (dx.version, dx.event) {
                    (Some(v), _) if by_version => What::Version(v),
                    (_, Some(e)) if !by_cell => What::Event(e),
                    _ => What::Entry,
                };
                conflicts.push((dx.claim, dy.claim, what));
            }
        }
    }
    // What the pairs were found with is not needed any more (on a dense document,
    // a third of this rule's memory).
    drop((dated, words, buckets, seen, dates_of, events, english));
    conflicts.shrink_to_fit();
    // The side of a date: its variant, or in a document of one variant its block (u32,
    // as a claim index: fewer blocks than bytes, and the text is below 4 GiB).
    let side = |i: u32| {
        let c = &claims[i as usize];
        let s = if single { c.block() } else { c.variant() };
        u32::try_from(s).unwrap_or(u32::MAX)
    };
    // (date, side of another date, where the pair was found): the first pair found for
    // each date and side, sorted by date and side (a map per date was a third of this
    // rule's memory on a dense document). Where it was found is twice the conflict's
    // place, plus one for its second date: sorting by it too keeps the first found of
    // each date and side first without a stable sort's buffer, and the conflict says
    // which the other date is and what they date.
    let mut differ: Vec<(u32, u32, usize)> = Vec::with_capacity(conflicts.len() * 2);
    for (n, &(x, y, _)) in conflicts.iter().enumerate() {
        differ.push((x, side(y), 2 * n));
        differ.push((y, side(x), 2 * n + 1));
    }
    differ.sort_unstable();
    differ.dedup_by_key(|&mut (p, side, _)| (p, side));
    differ.shrink_to_fit();
    // The other date and what the two date, of a pair as `differ` holds it.
    let other = |found: usize| -> (usize, What) {
        let (x, y, what) = conflicts[found / 2];
        let o = if found % 2 == 0 { y } else { x };
        (o as usize, what)
    };
    // The sides each date agrees with: (date, side), sorted, without repeats (a set
    // per date cost a table for one or two sides).
    let mut agree: Vec<(u32, u32)> = Vec::with_capacity(agreements.len() * 2);
    for &(x, y) in &agreements {
        agree.push((x, side(y)));
        agree.push((y, side(x)));
    }
    drop(agreements);
    agree.sort_unstable();
    agree.dedup();
    let mut paired: HashSet<(usize, usize)> = HashSet::default();
    let mut reported_sentences: HashSet<usize> = HashSet::default();
    for others in differ.chunk_by(|x, y| x.0 == y.0) {
        let z32 = others[0].0;
        let z = z32 as usize;
        let agreeing = &agree
            [agree.partition_point(|&(d, _)| d < z32)..agree.partition_point(|&(d, _)| d <= z32)];
        let others: Vec<(u32, (usize, What))> = others
            .iter()
            .filter(|(_, s, _)| agreeing.iter().all(|(_, t)| t != s))
            .map(|&(_, s, found)| (s, other(found)))
            .collect();
        let Some(&(last, _)) = others.last() else {
            continue;
        };
        let n_agree = agreeing.len();

        // The odd one out: more sides give another date than this one, or one against
        // one and this is the later side.
        let odd = others.len() > n_agree + 1 || (others.len() == n_agree + 1 && side(z32) > last);
        if !odd {
            continue;
        }
        let cz = &claims[z];
        paired.insert((cz.span().start, cz.span().end));
        for (_, (o, _)) in &others {
            paired.insert((claims[*o].span().start, claims[*o].span().end));
        }
        if !reported_sentences.insert(cz.sentence()) {
            continue;
        }
        let (first, what) = others[0].1;
        let what = match what {
            What::Version(v) => format!(
                "version {}",
                version_names.get(v as usize).map_or("", String::as_str)
            ),
            What::Event(e) => format!("the same event ({})", a.lex.event_ids[e as usize]),
            What::Entry => "the same entry".to_string(),
        };
        let mut f = ctx.finding(
            rule,
            cz.span(),
            cz.variant(),
            format!(
                "{what} is dated {} here, {} in {}",
                ctx.shown(z),
                ctx.shown(first),
                ctx.where_(first)
            ),
            "check the date against the source and use one date in every variant",
        );
        f.related = others
            .iter()
            .take(3)
            .map(|(_, (o, _))| ctx.related(*o, format!("dated {} here", ctx.shown(*o))))
            .collect();
        out.push(f);
    }
    redated_sentences(rule, ctx, &plain, &paired, out);
    counterpart_dates(rule, ctx, &paired, out);
    moved_plans(rule, ctx, out);
    plan_outcomes(rule, ctx, out);
}

/// The dates of a plan that moved, when `date` is its new date: a word of moving
/// (postponed to, 推迟至) stands before it in its sentence with no other date between,
/// or only the old one ("pushed back from July 2026 to spring 2027"). Returns the
/// other dates of the sentence before the new one: the plan's old dates.
fn moved_from(ctx: &RuleContext<'_>, date: usize) -> Option<Vec<Period>> {
    /// How far before the date a word of moving is looked for.
    const REACH: usize = 120;
    let a = ctx.a;
    let c = ctx.claim(date);
    let sentence = &a.extraction.sentences[c.sentence()].span();
    let mut from = c.span().start.saturating_sub(REACH).max(sentence.start);
    let text = &a.source.text;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let cue = a.lex.moved.find_all(&text[from..c.span().start]).last()?.0;
    let cue_end = from + cue.end;
    let dates = sentence_dates(ctx, c.sentence());
    let mut old = Vec::new();
    for (p, span) in &dates {
        if span.start >= c.span().start {
            break;
        }
        if span.start >= cue_end {
            // Only the old date may stand between the word and the new one.
            let between = text[cue_end..span.start].trim().to_ascii_lowercase();
            if !["from", "从", "由", "back from"].contains(&between.as_str()) {
                return None;
            }
        }
        old.push(p.clone());
    }
    Some(old)
}

/// How far apart (a share of each variant) two sentences of two languages may stand
/// and still be one claim's (a translation keeps its order).
const NEAR_ACROSS: f64 = 0.1;
/// How many dates of another variant on each side of a plan's place are tried.
const TRIED: usize = 12;
/// Beyond this many variants, a plan is compared with neighbouring variants only.
const ALL_PAIRS: usize = 8;

/// Plans moved to another date in one variant (postponed to March 2027, 推迟至2026年11月)
/// and still forecast for the old date in another (expected to launch in July 2026,
/// 力争2026年9月底前): the stale forecast is reported. The forecast is found near the
/// new date's place in each other variant, in a sentence of the same words, or across
/// languages in one that gives the old date the moved sentence still names.
fn moved_plans(rule: &DateMismatch, ctx: &RuleContext<'_>, out: &mut Findings<'_>) {
    /// How far apart (a share of each variant) two sentences of one language may stand
    /// (a redraft moves paragraphs).
    const NEAR: f64 = 0.3;
    let a = ctx.a;
    if a.named_count() < 2 {
        return;
    }
    let claims = &a.extraction.claims;
    let period = |i: usize| match &claims[i].kind {
        ClaimKind::Date(p) => Some(p),
        _ => None,
    };
    // Forecast dates of each named variant, in order of place.
    let mut forecasts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if c.forecast() && period(i).is_some() && a.is_named(c.variant()) {
            forecasts.entry(c.variant()).or_default().push(i);
        }
    }
    if forecasts.is_empty() {
        return;
    }
    let mut taken: HashSet<(usize, usize)> = HashSet::default();
    out.spans(|r| {
        taken.insert((r.start, r.end));
    });
    let mut reported: HashSet<usize> = HashSet::default();
    // Where a sentence stands in its variant: its first claim's place.
    let place = |s: usize| {
        a.extraction
            .claims_of(s)
            .next()
            .map_or(0.0, |k| a.extraction.position(&claims[k]))
    };
    let idx = &a.sentences;
    let infos = &a.extraction.sentences;
    for (m, cm) in claims.iter().enumerate() {
        let Some(pm) = period(m) else { continue };
        if !a.is_named(cm.variant()) {
            continue;
        }
        let Some(old) = moved_from(ctx, m) else {
            continue;
        };
        let sm = cm.sentence();
        let anchors_m = anchors(a.text(&infos[sm].span()));
        let near = if forecasts.len() > ALL_PAIRS {
            cm.variant().saturating_sub(1)..=cm.variant().saturating_add(1)
        } else {
            0..=usize::MAX
        };
        for (&v, list) in forecasts.range(near) {
            if v == cm.variant() {
                continue;
            }
            let here = a.extraction.position(cm);
            let at = list.partition_point(|&k| a.extraction.position(&claims[k]) < here);
            let lo = at.saturating_sub(TRIED);
            // The best forecast of this variant: (score, claim).
            let mut best: Option<(f64, usize)> = None;
            for &f in list.iter().skip(lo).take(2 * TRIED) {
                let cf = &claims[f];
                let drift = (place(cf.sentence()) - place(sm)).abs();
                let Some(pf) = period(f) else { continue };
                if drift > NEAR || !pf.conflicts(pm) || reported.contains(&f) {
                    continue;
                }
                let sf = cf.sentence();
                let dates_f = sentence_dates(ctx, sf);
                // The other variant tells the new date too, or a move of its own.
                if dates_f.iter().any(|(p, _)| !p.conflicts(pm))
                    || a.lex
                        .moved
                        .find_all(a.text(&infos[sf].span()))
                        .next()
                        .is_some()
                {
                    continue;
                }
                // The moved sentence names its old date: the forecast must give it, as
                // finely (a year or a quarter holds the old July without being that plan).
                let old_agrees = old.iter().any(|o| {
                    !o.conflicts(pf)
                        && std::mem::discriminant(&o.span) == std::mem::discriminant(&pf.span)
                });
                if !old.is_empty() && !old_agrees {
                    continue;
                }
                let score = if infos[sf].cjk() == infos[sm].cjk() {
                    let sim = idx.wsim(idx.bigrams(sm), idx.bigrams(sf));
                    if sim < 0.3 && !(old_agrees && sim >= 0.15) {
                        continue;
                    }
                    sim
                } else {
                    // Across languages only the place, the old date and the names
                    // the two share can tell.
                    let shared = anchors(a.text(&infos[sf].span()))
                        .intersection(&anchors_m)
                        .count();
                    if drift > NEAR_ACROSS || !(old_agrees || (shared > 0 && drift <= 0.05)) {
                        continue;
                    }
                    1.0 - drift
                };
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, f));
                }
            }
            let Some((_, f)) = best else { continue };
            let cf = &claims[f];
            if taken.contains(&(cf.span().start, cf.span().end)) || !reported.insert(f) {
                continue;
            }
            let mut finding = ctx.finding(
                rule,
                cf.span(),
                cf.variant(),
                format!(
                    "the plan is dated {} here, but {} moves it to {}",
                    ctx.shown(f),
                    ctx.where_(m),
                    ctx.shown(m)
                ),
                "give the plan's current date in every variant, or say it moved",
            );
            finding.related = vec![ctx.related(m, format!("moved to {} here", ctx.shown(m)))];
            out.push(finding);
        }
    }
}

/// Plans that another variant dates otherwise: a forecast (expected in Q3 2026, 预计 2026
/// 年第二季度推出) against the same thing done at a date outside it (shipped in 1.0.0
/// (October 2026)) or planned for another (expected by March 2027). The counterpart is
/// the other variant's sentence most like the forecast's near its place: by its words in
/// the same language, by the names the two share across languages (names the whole
/// document repeats, such as the product's own, tell nothing). A forecast is reported
/// against an outcome; of two plans, the odd one out (the later variant, one against one).
fn plan_outcomes(rule: &DateMismatch, ctx: &RuleContext<'_>, out: &mut Findings<'_>) {
    /// How alike two sentences of one language must be.
    const SAME: f64 = 0.3;
    let a = ctx.a;
    if a.named_count() < 2 {
        return;
    }
    let claims = &a.extraction.claims;
    let infos = &a.extraction.sentences;
    let idx = &a.sentences;
    let period = |i: usize| match &claims[i].kind {
        ClaimKind::Date(p) => Some(p),
        _ => None,
    };
    // Dates of each named variant, in order of place.
    let mut dates: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut any_forecast = false;
    for (i, c) in claims.iter().enumerate() {
        if period(i).is_some() && a.is_named(c.variant()) {
            any_forecast |= c.forecast();
            dates.entry(c.variant()).or_default().push(i);
        }
    }
    if !any_forecast || dates.len() < 2 {
        return;
    }
    let mut taken: HashSet<(usize, usize)> = HashSet::default();
    out.spans(|r| {
        taken.insert((r.start, r.end));
    });
    // The Latin names of each dated sentence ([`Extraction::latin`]), and in how many
    // dated sentences each stands: a name in more than two a variant is the document's,
    // not the thing's. (Counted by hashed word: a set of strings per dated sentence was
    // 180 MB on a 50 MB file.)
    let mut dated: Vec<usize> = dates
        .values()
        .flatten()
        .map(|&i| claims[i].sentence())
        .collect();
    dated.sort_unstable();
    dated.dedup();
    let mut spread: HashMap<u64, u32> = HashMap::default();
    for &s in &dated {
        for &w in a.extraction.latin(&infos[s]) {
            *spread.entry(w).or_default() += 1;
        }
    }
    drop(dated);
    let names = |s: usize| a.extraction.latin(&infos[s]);
    let rare = |w: u64| {
        spread
            .get(&w)
            .is_some_and(|&n| n as usize <= 2 * dates.len())
    };
    // Names two sentences share that the document does not repeat (both lists sorted).
    let shared_rare = |x: usize, y: usize| {
        let ny = names(y);
        names(x)
            .iter()
            .filter(|&&w| ny.binary_search(&w).is_ok() && rare(w))
            .count()
    };
    // Whether a sentence tells a plan moved, read once per sentence (every forecast date
    // of a long sentence asks, for it and its counterparts).
    // (Kept for long sentences only: every sentence of a large file asks once.)
    let long = |s: usize| a.extraction.claims_of(s).len() > LONG;
    let moved_memo: std::cell::RefCell<IntMap<usize, bool>> = Default::default();
    // And its dates: as `sentence_dates` gives them, and its claims that are dates with
    // their distinct periods.
    let mut dates_memo: IntMap<usize, Rc<SentenceDates>> = IntMap::default();
    type Dates<'p> = Rc<(Vec<usize>, Vec<&'p Period>)>;
    let dated_memo: std::cell::RefCell<IntMap<usize, Dates<'_>>> = Default::default();
    let dated_claims = |s: usize| -> Dates<'_> {
        if let Some(d) = dated_memo.borrow().get(&s) {
            return d.clone();
        }
        let ks: Vec<usize> = a
            .extraction
            .claims_of(s)
            .filter(|&k| period(k).is_some())
            .collect();
        let mut distinct: Vec<&Period> = ks.iter().filter_map(|&k| period(k)).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let d = Rc::new((ks, distinct));
        if long(s) {
            dated_memo.borrow_mut().insert(s, d.clone());
        }
        d
    };
    // Whether a date of sentence `s` agrees with `pf` (per sentence and period).
    let agree_memo: std::cell::RefCell<HashMap<(usize, Period), bool>> = Default::default();
    let agrees_with = |s: usize, pf: &Period| {
        let dated = dated_claims(s);
        if dated.1.len() <= FEW_PAIRS / 8 {
            return dated.1.iter().any(|p| !p.conflicts(pf));
        }
        if let Some(&b) = agree_memo.borrow().get(&(s, pf.clone())) {
            return b;
        }
        let b = dated.1.iter().any(|p| !p.conflicts(pf));
        agree_memo.borrow_mut().insert((s, pf.clone()), b);
        b
    };
    // The outcomes of a counterpart's dates `here` against a forecast sentence's dates:
    // those not forecast at a date no date of the forecast's sentence gives (each
    // distinct period compared with each distinct one of the sentence), per pair.
    let outcomes_of = |here: &[usize], dates_f: &[(Period, Range<usize>)]| -> Vec<usize> {
        if here.len() * dates_f.len() <= FEW_PAIRS {
            return here
                .iter()
                .copied()
                .filter(|&k| !claims[k].forecast())
                .filter(|&k| period(k).is_some_and(|p| dates_f.iter().all(|(q, _)| q.conflicts(p))))
                .collect();
        }
        let theirs = DistinctPeriods::new(dates_f);
        let mut known: HashMap<&Period, bool> = HashMap::default();
        here.iter()
            .copied()
            .filter(|&k| !claims[k].forecast())
            .filter(|&k| {
                period(k).is_some_and(|p| {
                    *known
                        .entry(p)
                        .or_insert_with(|| theirs.all_conflict(p, |p, q| q.conflicts(p)))
                })
            })
            .collect()
    };
    let mut outcomes_memo: IntMap<(usize, usize), Rc<Vec<usize>>> = IntMap::default();
    let moved = |s: usize| {
        if let Some(&m) = moved_memo.borrow().get(&s) {
            return m;
        }
        let m = a
            .lex
            .moved
            .find_all(a.text(&infos[s].span()))
            .next()
            .is_some();
        if long(s) {
            moved_memo.borrow_mut().insert(s, m);
        }
        m
    };
    let event = |i: usize| {
        let c = &claims[i];
        event_of(
            ctx,
            &c.span(),
            a.extraction.row(c).map(|(_, _, h)| h.as_str()),
        )
    };
    for (&vf, list) in &dates {
        for &f in list {
            let cf = &claims[f];
            let Some(pf) = period(f) else { continue };
            let sf = cf.sentence();
            if !cf.forecast() || taken.contains(&(cf.span().start, cf.span().end)) || moved(sf) {
                continue;
            }
            let near = if dates.len() > ALL_PAIRS {
                vf.saturating_sub(1)..=vf.saturating_add(1)
            } else {
                0..=usize::MAX
            };
            // Per other variant: its counterpart's one date that differs, or agreement.
            // (variant, its date, whether that is a plan too)
            let mut differ: Vec<(usize, usize, bool)> = Vec::new();
            let mut agree = 0;
            let dates_f = if long(sf) {
                dates_memo
                    .entry(sf)
                    .or_insert_with(|| Rc::new(sentence_dates(ctx, sf)))
                    .clone()
            } else {
                Rc::new(sentence_dates(ctx, sf))
            };
            // Same-language counterparts: the sentences most like this one, dated or not
            // (a redraft that drops the plan's date has not dated it otherwise).
            let alike: Vec<(usize, f64)> = idx
                .candidates(idx.bigrams(sf), SAME)
                .into_iter()
                .filter(|&j| j != sf && infos[j].cjk() == infos[sf].cjk())
                .map(|j| (j, idx.wsim(idx.bigrams(sf), idx.bigrams(j))))
                .collect();
            for (&v, others) in dates.range(near) {
                if v == vf {
                    continue;
                }
                // The best counterpart sentence: (score, sentence).
                let mut best: Option<(f64, usize)> = None;
                let mut consider = |score: f64, sd: usize| {
                    if best.is_none_or(|(b, k)| score > b || (score == b && sd < k)) {
                        best = Some((score, sd));
                    }
                };
                for &(j, sim) in &alike {
                    if sim >= SAME && a.variant_at(infos[j].span().start) == v {
                        consider(sim, j);
                    }
                }
                // Across languages: dated sentences near the same place that share a
                // name the document does not repeat.
                let at = others.partition_point(|&k| {
                    a.extraction.position(&claims[k]) < a.extraction.position(cf)
                });
                for &d in others.iter().skip(at.saturating_sub(TRIED)).take(2 * TRIED) {
                    let sd = claims[d].sentence();
                    if infos[sd].cjk() == infos[sf].cjk()
                        || (a.extraction.position(&claims[d]) - a.extraction.position(cf)).abs()
                            > NEAR_ACROSS
                    {
                        continue;
                    }
                    let shared = shared_rare(sf, sd);
                    if shared > 0 {
                        consider(
                            shared as f64
                                - (a.extraction.position(&claims[d]) - a.extraction.position(cf))
                                    .abs(),
                            sd,
                        );
                    }
                }
                let Some((_, sd)) = best else { continue };
                // Another sentence as like this one gives its date: the plan is told there.
                let told_elsewhere = alike.iter().any(|&(j, sim)| {
                    j != sd
                        && sim >= SAME
                        && a.variant_at(infos[j].span().start) == v
                        && agrees_with(j, pf)
                });
                if told_elsewhere {
                    agree += 1;
                    continue;
                }
                let dated_sd = dated_claims(sd);
                // A plan moved there ("originally projected to finish in 2025, is now
                // expected … by March 2027") is dated by its new date.
                let (here, outcomes, agrees): (
                    std::borrow::Cow<'_, [usize]>,
                    Rc<Vec<usize>>,
                    bool,
                ) = if moved(sd) {
                    let here: Vec<usize> = dated_sd
                        .0
                        .iter()
                        .copied()
                        .filter(|&k| moved_from(ctx, k).is_some())
                        .collect();
                    if here.len() != 1 {
                        continue;
                    }
                    let outcomes = Rc::new(outcomes_of(&here, &dates_f));
                    let agrees = here
                        .iter()
                        .any(|&k| period(k).is_some_and(|p| !p.conflicts(pf)));
                    (here.into(), outcomes, agrees)
                } else {
                    let outcomes = if long(sf) || long(sd) {
                        outcomes_memo
                            .entry((sf, sd))
                            .or_insert_with(|| Rc::new(outcomes_of(&dated_sd.0, &dates_f)))
                            .clone()
                    } else {
                        Rc::new(outcomes_of(&dated_sd.0, &dates_f))
                    };
                    (dated_sd.0[..].into(), outcomes, agrees_with(sd, pf))
                };
                let here = &here[..];
                // (The same event, when the counterpart also gives this plan's date, or
                // when this sentence dates more than one thing.)
                let same_event = |d: usize| event(f).is_some() && event(f) == event(d);
                let d = match (outcomes.as_slice(), here) {
                    // (A sentence that dates other things too tells its outcome by the
                    // same event: "was worth $3.1 billion in 2023 and is forecast to…".)
                    ([d], _) if same_event(*d) || (!agrees && here.len() == 1) => *d,
                    _ if agrees => {
                        agree += 1;
                        continue;
                    }
                    (_, [d]) if claims[*d].forecast() => *d,
                    _ => continue,
                };
                if dates_f.len() > 1 && !same_event(d) {
                    continue;
                }
                // Two events of one thing (construction began / the terminal opens), two
                // figures of one plan (30% by 2025 / 35% by 2027).
                // (In one language, two subjects are two things: TSMC's revenue and
                // Tencent's, in sentences cut from one template.)
                let subjects = (a.extraction.subject(cf), a.extraction.subject(&claims[d]));
                let other_subject = infos[sd].cjk() == infos[sf].cjk()
                    && matches!(subjects, (Some(x), Some(y)) if x.root != y.root);
                if other_subject
                    || matches!((event(f), event(d)), (Some(x), Some(y)) if x != y)
                    || taken.contains(&(claims[d].span().start, claims[d].span().end))
                    || other_figures(ctx, sf, sd)
                {
                    continue;
                }
                differ.push((v, d, claims[d].forecast() || moved(sd)));
            }
            let Some(&(last, _, _)) = differ.last() else {
                continue;
            };
            let done: Vec<usize> = differ
                .iter()
                .filter(|&&(_, _, plan)| !plan)
                .map(|&(_, d, _)| d)
                .collect();
            let plans: Vec<usize> = differ.iter().map(|&(_, d, _)| d).collect();
            let (there, message) = if let Some(&d) = done.first() {
                (
                    done.clone(),
                    format!(
                        "the plan is dated {} here, but {} tells it done in {}",
                        ctx.shown(f),
                        ctx.where_(d),
                        ctx.shown(d)
                    ),
                )
            } else {
                // The odd one out: more variants plan another date than this one, or
                // one against one and this is the later variant.
                let odd = differ.len() > agree + 1 || (differ.len() == agree + 1 && vf > last);
                if !odd {
                    continue;
                }
                (
                    plans.clone(),
                    format!(
                        "the plan is dated {} here, {} in {}",
                        ctx.shown(f),
                        ctx.shown(plans[0]),
                        ctx.where_(plans[0])
                    ),
                )
            };
            let mut finding = ctx.finding(
                rule,
                cf.span().clone(),
                cf.variant(),
                message,
                "give the plan's outcome or its current date in every variant",
            );
            finding.related = there
                .iter()
                .take(3)
                .map(|&d| ctx.related(d, format!("dated {} here", ctx.shown(d))))
                .collect();
            out.push(finding);
            taken.insert((cf.span().start, cf.span().end));
        }
    }
}

/// Whether two sentences both state figures and share none: they tell two claims.
fn other_figures(ctx: &RuleContext<'_>, x: usize, y: usize) -> bool {
    let ext = &ctx.a.extraction;
    let figures = |s: usize| -> Vec<&crate::claim::Quantity> {
        ext.claims_of(s)
            .filter_map(|k| ext.claims[k].quantity())
            .collect()
    };
    let (fx, fy) = (figures(x), figures(y));
    !fx.is_empty()
        && !fy.is_empty()
        && !fx
            .iter()
            .any(|p| fy.iter().any(|q| crate::align::equal_values(p, q)))
}

/// Counterpart sentences of two variants (a translation, a redraft; found by the figures
/// and names they share) that date their one claim differently: first released March
/// 2023 / 2022 年 3 月首次发布. Reported on the later variant, unless a finding above
/// already holds either date.
fn counterpart_dates(
    rule: &DateMismatch,
    ctx: &RuleContext<'_>,
    paired: &HashSet<(usize, usize)>,
    out: &mut Findings<'_>,
) {
    let a = ctx.a;
    let claims = &a.extraction.claims;
    // The places of the findings above (all this rule's) and of their related dates.
    let mut taken: HashSet<(usize, usize)> = HashSet::default();
    out.spans(|r| {
        taken.insert((r.start, r.end));
    });
    taken.extend(paired.iter().copied());
    let mut done: HashSet<usize> = HashSet::default();
    // Two sentences of a translation paired by their place alone (published on 16
    // September / 于9月6日发表) are one claim when both date the same event.
    let same_event = |x: usize, y: usize| {
        let event = |i: usize| {
            let c = &claims[i];
            event_of(
                ctx,
                &c.span(),
                ctx.a.extraction.row(c).map(|(_, _, h)| h.as_str()),
            )
        };
        // (Releases of two versions are two events: Skerry 1.0.0 was released on 14
        // October / Skerry 0.9.2 已于 8 月 18 日发布.)
        let named =
            |i: usize| versions(a.text(&a.extraction.sentences[claims[i].sentence()].span()));
        let (vx, vy) = (named(x), named(y));
        event(x).is_some_and(|e| event(y) == Some(e))
            && (vx.is_empty() || vy.is_empty() || !vx.is_disjoint(&vy))
    };
    let gap_pairs = a
        .alignment
        .gap_date_pairs
        .iter()
        .filter(|&&(x, y)| same_event(x, y));
    for &(x, y) in a.alignment.date_pairs.iter().chain(gap_pairs) {
        let (cx, cy) = (&claims[x], &claims[y]);
        let key = |c: &crate::claim::Claim| (c.span().start, c.span().end);
        // (A year a growth is counted on, "up 27% on 2024", dates no event.)
        let base = |c: &crate::claim::Claim| match &c.kind {
            ClaimKind::Date(p) => crate::claim::date::growth_on(&a.source.text, c.span().start, p),
            _ => false,
        };
        if base(cx) || base(cy) {
            continue;
        }
        if taken.contains(&key(cx))
            || taken.contains(&key(cy))
            || !a.is_named(cx.variant())
            || !a.is_named(cy.variant())
        {
            continue;
        }
        // Reported on the later variant, once for each date there.
        let (early, late) = if cx.variant() < cy.variant() {
            (x, y)
        } else {
            (y, x)
        };
        if !done.insert(late) {
            continue;
        }
        out.push(redated(rule, ctx, late, &[early]));
    }
}

/// The finding for a sentence dated `here` that `there` (up to three shown) dates
/// otherwise.
fn redated(rule: &DateMismatch, ctx: &RuleContext<'_>, here: usize, there: &[usize]) -> Finding {
    let c = ctx.claim(here);
    let first = there[0];
    let mut f = ctx.finding(
        rule,
        c.span(),
        c.variant(),
        format!(
            "the same sentence is dated {} here, {} in {}",
            ctx.shown(here),
            ctx.shown(first),
            ctx.where_(first)
        ),
        "check the date against the source and use one date in every variant",
    );
    f.related = there
        .iter()
        .take(3)
        .map(|&y| ctx.related(y, format!("dated {} here", ctx.shown(y))))
        .collect();
    f
}

/// The same sentence in another variant with another date ("Since our founding in
/// 2011" / "in 2009"; "2023年10月，江澄市获批…" / "2023年12月，…"): the words around the
/// date are nearly all the same and each sentence holds one date. Reported on the date
/// fewer variants give (on the later variant when two disagree).
fn redated_sentences(
    rule: &DateMismatch,
    ctx: &RuleContext<'_>,
    plain: &[usize],
    done: &HashSet<(usize, usize)>,
    out: &mut Findings<'_>,
) {
    const SAME: f64 = 0.7;
    let a = ctx.a;
    let claims = &a.extraction.claims;
    let idx = &a.sentences;
    let date_claims = |sentence: usize| -> Vec<usize> {
        a.extraction
            .claims_of(sentence)
            .filter(|&k| matches!(claims[k].kind, ClaimKind::Date(_)))
            .collect()
    };
    for &x in plain {
        let cx = &claims[x];
        let ClaimKind::Date(px) = &cx.kind else {
            continue;
        };
        if done.contains(&(cx.span().start, cx.span().end)) {
            continue;
        }
        let query = idx.bigrams(cx.sentence());
        if query.len() < 6 {
            continue;
        }
        // Per other variant: does a sentence this close give this date, or else the
        // closest one's lone date.
        let mut agree: HashSet<usize> = HashSet::default();
        let mut differ: BTreeMap<usize, (f64, usize)> = BTreeMap::new();
        for j in idx.candidates(query, SAME) {
            let v = a.variant_at(a.extraction.sentences[j].span().start);
            if v == cx.variant() || !a.is_named(v) {
                continue;
            }
            let sim = idx.wsim(query, idx.bigrams(j));
            if sim < SAME {
                continue;
            }
            let dates = date_claims(j);
            let agrees = |&k: &usize| match &claims[k].kind {
                ClaimKind::Date(p) => !p.conflicts(px),
                _ => false,
            };
            if dates.iter().any(agrees) {
                agree.insert(v);
            } else if let [y] = dates.as_slice() {
                let e = differ.entry(v).or_insert((0.0, *y));
                if sim > e.0 {
                    *e = (sim, *y);
                }
            }
        }
        differ.retain(|v, _| !agree.contains(v));
        let Some(&last) = differ.keys().next_back() else {
            continue;
        };
        // The odd one out is reported: this date when more variants differ from it
        // than give it, else (one against one) the later variant's.
        let here = differ.len() > agree.len() + 1
            || (differ.len() == agree.len() + 1 && cx.variant() > last);
        if differ
            .values()
            .any(|&(_, y)| done.contains(&(claims[y].span().start, claims[y].span().end)))
        {
            continue;
        }
        if !here {
            continue;
        }
        let there: Vec<usize> = differ.values().map(|&(_, y)| y).collect();
        out.push(redated(rule, ctx, x, &there));
    }
}

#[cfg(test)]
mod tests {
    use super::{first_unmatched, unmatched};
    use crate::claim::Period;
    use crate::claim::date::{Span, YearFrom};

    #[test]
    fn the_first_unmatched_date_is_the_scans_first() {
        let mut next = crate::testrand::below(0x2545_F491_4F6C_DD1D);
        let period = |next: &mut dyn FnMut(usize) -> usize| {
            let span = match next(13) {
                0 => Span::Year,
                1 => Span::Quarter(1 + next(4) as u8),
                2 => Span::Half(1 + next(2) as u8),
                3 => Span::Month(1 + next(12) as u8),
                4 => Span::Day(1 + next(12) as u8, 1 + next(28) as u8),
                5 => Span::Decade,
                6 => Span::After,
                7 => Span::By,
                8 => Span::Since,
                9 => Span::Fiscal(next(3) as u8),
                10 => Span::Split(next(4) as u8),
                11 => Span::Season(1 + next(4) as u8),
                _ => Span::Range(
                    1 + next(12) as u8,
                    next(29) as u8,
                    1 + next(12) as u8,
                    next(29) as u8,
                ),
            };
            let year_from = [
                YearFrom::Stated,
                YearFrom::Stated,
                YearFrom::Context,
                YearFrom::Unknown,
            ][next(4)];
            let year = if year_from == YearFrom::Unknown {
                0
            } else {
                2013 + next(12) as i32
            };
            Period {
                year,
                span,
                year_from,
            }
        };
        let (mut some, mut none, mut large) = (0, 0, 0);
        for _ in 0..5000 {
            let dates = |n: usize, next: &mut dyn FnMut(usize) -> usize| {
                (0..n)
                    .map(|k| (period(next), k * 10..k * 10 + 4))
                    .collect::<Vec<_>>()
            };
            let (na, nb) = (next(40), next(5) + next(2) * next(12));
            let a = dates(na, &mut next);
            let mut b = dates(nb, &mut next);
            // Some of `a`'s dates again in `b`.
            for (p, _) in a.iter().take(next(4) * next(2)) {
                b.insert(next(b.len() + 1), (p.clone(), 999..1000));
            }
            large += usize::from(a.len() * b.len() > super::FEW_PAIRS);
            let want = unmatched(&a, &b).first().map(|(_, r)| r.clone());
            assert_eq!(
                first_unmatched(&a, &b).map(|k| a[k].1.clone()),
                want,
                "{a:?} {b:?}"
            );
            if want.is_some() { some += 1 } else { none += 1 }
        }
        // (Both answers were met often, and lists large enough for the sets.)
        assert!(
            some > 500 && none > 1000 && large > 1000,
            "{some} {none} {large}"
        );
    }
}
