//! Align stage: find the same claim across variants (and, more strictly, twice within
//! one) and gather it into [`Group`]s; pair up paraphrased statements whose named
//! companies differ. Claims are bucketed by (subject, metric), so the work grows with
//! the number of claims, not its square; a bucket that grows past a cap is compared
//! only with its nearest neighbours.

use crate::hashing::{HashMap, HashSet};
use std::collections::BTreeMap;

use crate::claim::number::same_value;
use crate::claim::text::{Bigrams, similarity};
use crate::claim::{Claim, ClaimKind, Extraction, Quantity, Unit};
use crate::similar::{IntMap, IntSet};

/// Most candidates a claim is compared with in one other variant.
const CANDIDATE_CAP: usize = 48;

/// Claims found to be one claim.
#[derive(Debug, Clone)]
pub struct Group {
    /// Claim indices in document order.
    pub members: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct Alignment {
    pub groups: Vec<Group>,
    /// For each claim, its group ([`Alignment::group_of`]), [`NO_GROUP`] for none: a
    /// u32, not an `Option<usize>` (16 bytes) for every claim of a large document.
    group_of: Vec<u32>,
    /// Pairs of quotes (claim indices) that say the same thing.
    pub quote_pairs: Vec<(usize, usize)>,
    /// Quotes of two variants in two languages whose speakers are written in two
    /// scripts, paired by order ([`crate::counterpart::ordered_quotes`]): their speakers
    /// cannot be compared, but each must stay the same person throughout.
    pub quote_order_pairs: Vec<(usize, usize)>,
    /// Dates (claim indices) that counterpart sentences of two variants state
    /// differently ([`crate::counterpart`]).
    pub date_pairs: Vec<(usize, usize)>,
    /// Past dates of two sentences of two languages paired only by their place
    /// ([`crate::counterpart`]): one claim only if both date the same event.
    pub gap_date_pairs: Vec<(usize, usize)>,
}

const NO_GROUP: u32 = u32::MAX;

impl Alignment {
    /// The group of a claim, if it is in one.
    pub fn group_of(&self, claim: usize) -> Option<usize> {
        self.group_of
            .get(claim)
            .filter(|&&g| g != NO_GROUP)
            .map(|&g| g as usize)
    }
}

/// The variants of a group's claims: a bit per variant while they are all below 64 (a
/// map entry for every group of a large document held a list each).
#[derive(Debug, Clone)]
enum VariantSet {
    Bits(u64),
    /// Boxed so that a set is 16 bytes (a boxed slice would make it 24): few
    /// documents have 64 variants.
    #[allow(clippy::box_collection)]
    List(Box<Vec<usize>>),
}

impl VariantSet {
    fn one(v: usize) -> Self {
        if v < 64 {
            VariantSet::Bits(1 << v)
        } else {
            VariantSet::List(Box::new(vec![v]))
        }
    }

    fn list(&self) -> Vec<usize> {
        match self {
            VariantSet::Bits(b) => (0..64).filter(|v| b & (1 << v) != 0).collect(),
            VariantSet::List(l) => l.to_vec(),
        }
    }

    fn overlaps(&self, other: &VariantSet) -> bool {
        match (self, other) {
            (VariantSet::Bits(a), VariantSet::Bits(b)) => a & b != 0,
            _ => {
                let theirs = other.list();
                self.list().iter().any(|v| theirs.contains(v))
            }
        }
    }

    fn union(self, other: VariantSet) -> VariantSet {
        match (self, other) {
            (VariantSet::Bits(a), VariantSet::Bits(b)) => VariantSet::Bits(a | b),
            (a, b) => {
                let mut l = a.list();
                l.extend(b.list());
                VariantSet::List(Box::new(l))
            }
        }
    }
}

/// Union-find over claim indices, stored as u32 (claims are counted in u32 throughout;
/// an index beyond stays alone).
struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n)
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
        }
    }
    fn find(&mut self, x: usize) -> usize {
        let Ok(mut x) = u32::try_from(x) else {
            return x;
        };
        while self.parent[x as usize] != x {
            self.parent[x as usize] = self.parent[self.parent[x as usize] as usize];
            x = self.parent[x as usize];
        }
        x as usize
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            if let (Ok(lo), Some(slot)) = (u32::try_from(lo), self.parent.get_mut(hi)) {
                *slot = lo;
            }
        }
    }
}

/// Do two figures state the same value (magnitudes applied, units aside)?
pub fn equal_values(a: &Quantity, b: &Quantity) -> bool {
    same_value(a.value, b.value)
        && match (a.high(), b.high()) {
            (Some(x), Some(y)) => same_value(x, y),
            (None, None) => true,
            _ => false,
        }
}

fn unit_key(q: &Quantity) -> String {
    format!("{}|{}|{}", q.unit.label(), q.per_key(), q.change)
}

/// Figures specific enough to be recognised by value alone: money, percentages with a
/// fraction or above 10, and large counts.
fn distinctive(q: &Quantity) -> bool {
    match q.unit {
        Unit::Currency(_) => true,
        Unit::Percent | Unit::Points => q.value.fract() != 0.0 || q.value > 10.0,
        Unit::Count | Unit::Measure(_) => q.value.abs() >= 1000.0,
        Unit::Multiple => q.value >= 2.0,
        Unit::Duration(_) => false,
    }
}

/// The bigrams inside each word of a label (never across words), lowercased: what a
/// sentence must contain to name the same row.
fn label_keys(label: &str) -> HashSet<(char, char)> {
    let mut out = HashSet::default();
    let lower = label.to_lowercase();
    for word in lower.split(|c: char| !c.is_alphabetic()) {
        let chars: Vec<char> = word.chars().collect();
        let latin = chars.iter().all(|c| c.is_ascii_alphabetic());
        if latin && chars.len() < 3 {
            continue;
        }
        for w in chars.windows(2) {
            out.insert((w[0], w[1]));
        }
    }
    out
}

/// How many of a label's word pairs (see [`label_keys`]) the sentence of `c` holds, and
/// how many the label has.
fn label_named(label: &str, contexts: &[Bigrams], c: &Claim) -> (usize, usize) {
    let keys = label_keys(label);
    let sentence = sentence_of(contexts, c);
    let found = keys
        .iter()
        .filter(|&&(p, q)| sentence.contains_pair(p, q))
        .count();
    (found, keys.len())
}

/// The bigrams of a claim's sentence (with its table cell's prefix), from the
/// extraction's per-sentence sets; empty when there are none.
fn sentence_of<'a>(contexts: &'a [Bigrams], c: &Claim) -> &'a Bigrams {
    static EMPTY: std::sync::LazyLock<Bigrams> = std::sync::LazyLock::new(Bigrams::default);
    contexts.get(c.sentence()).unwrap_or(&EMPTY)
}

/// Whether a table's column header names a column of versions.
fn version_column(header: &str) -> bool {
    let h = header.trim().trim_end_matches(['s', 'S']);
    ["version", "ver.", "release", "版本", "版本号", "版本號"]
        .iter()
        .any(|v| h.eq_ignore_ascii_case(v))
}

/// Could these two figures be the same claim at all?
fn compatible(
    ex: &Extraction,
    a: &Claim,
    qa: &Quantity,
    b: &Claim,
    qb: &Quantity,
    contexts: &[Bigrams],
) -> bool {
    compatible_at(ex, a, qa, b, qb, contexts, false)
}

/// [`compatible`], for two cells at one place of two tables of one shape when
/// `same_cell`: their row labels may be translations of each other.
fn compatible_at(
    ex: &Extraction,
    a: &Claim,
    qa: &Quantity,
    b: &Claim,
    qb: &Quantity,
    contexts: &[Bigrams],
    same_cell: bool,
) -> bool {
    if qa.class() != qb.class() {
        return false;
    }
    // Rows measuring two releases ("| Skerry | 0.9.2 |" and "| Skerry | 1.0.0 |") are two
    // claims, however alike their tables.
    // A column of versions ("| Version |", "| 版本 |") holds names, not amounts
    // (WeasyPrint 60.2 / 63.1).
    if [a, b].iter().any(|c| {
        ex.row(c)
            .is_some_and(|(_, _, header)| version_column(header))
    }) {
        return false;
    }
    let (va, vb) = (ex.row_versions(a), ex.row_versions(b));
    if !va.is_empty() && !vb.is_empty() && va != vb && !same_cell {
        return false;
    }
    let same = equal_values(qa, qb);
    // 60亿 and 60亿美元 may be one figure missing its currency; 123万 and 150亿美元 are not.
    if qa.unit != qb.unit && !same && !crate::rules::unit_mismatch::rescaled(qa, qb) {
        return false;
    }
    // A table row's figure matches prose stating another value only where the prose
    // names the row (| 汽车 | 3.29亿美元 | is not the company's total revenue). Equal
    // values need no such evidence.
    for (x, y) in [(a, b), (b, a)] {
        if same {
            break;
        }
        if let (Some((_, label, _)), None) = (ex.row(x), ex.row(y)) {
            // Only when the row label is what the cell is about: a cell that names its
            // own subject (直接收费（OpenAI年收16亿）) stands on its own.
            let own_subject = ex
                .subject(x)
                .is_some_and(|s| !label.contains(s.name.as_str()));
            // Both name one entity (United States = US): that is the evidence.
            let same_entity =
                matches!((ex.subject(x), ex.subject(y)), (Some(p), Some(q)) if p.root == q.root);
            if own_subject || same_entity {
                continue;
            }
            // The share (in tenths) of a label's word pairs the sentence holds, at least
            // `tenths` of them; a label without words asks for nothing.
            let named = |label: &str, tenths: usize| {
                let (found, of) = label_named(label, contexts, y);
                found * 10 >= of * tenths
            };
            if !named(label, 7) {
                return false;
            }
            // And its column: a table's "Peak memory" is not the file size a sentence
            // naming the same tools gives, unless the two share a metric.
            let column = ex.row(x).map_or("", |(_, _, h)| h.as_str());
            if (x.metric.is_none() || x.metric != y.metric) && !named(column, 4) {
                return false;
            }
        }
    }
    // Table rows with different labels are different claims (二价 vs 九价).
    if let (Some((_, ra, _)), Some((_, rb, _))) = (ex.row(a), ex.row(b)) {
        if !same_cell
            && !ra.is_empty()
            && !rb.is_empty()
            && ra != rb
            && !ra.contains(rb.as_str())
            && !rb.contains(ra.as_str())
        {
            return false;
        }
    }
    // (A cell's metric comes from the words of its row, which a translation changes.)
    if let (Some(ma), Some(mb)) = (&a.metric, &b.metric) {
        if ma != mb && !same_cell {
            return false;
        }
    }
    if qa.change != qb.change && !same {
        return false;
    }
    if !qa.same_per(qb) && !same {
        return false;
    }
    if let (Some(da), Some(db)) = (ex.date(a), ex.date(b)) {
        // Another period is another claim, unless the two sentences are one sentence
        // with its date and count both changed ("Linux 1.0 … 176,250 lines" in 1994 and
        // "… 176,520 lines" in 1995): the date drifted along with the figure. Nor at one
        // place of two counterparts: a translated sentence whose date drifted (June 2024 /
        // 2024 年 9 月) still renders the figures beside it.
        let twin = qa.noun().is_some()
            && qa.noun() == qb.noun()
            && ex.subject(a).map(|s| &s.id) == ex.subject(b).map(|s| &s.id)
            && ex.subject(a).is_some()
            && similarity(sentence_of(contexts, a), sentence_of(contexts, b)) >= 0.5;
        if da.conflicts(db) && !same && !twin && !same_cell {
            return false;
        }
    }
    // One value at one place of two counterparts (a translated sentence, one cell of two
    // tables) is one claim, whichever of the sentence's names each side reads as its
    // subject (从尖竹汶到广州 … 约4200元: Chanthaburi or Guangzhou).
    let placed = same_cell;
    if let (Some(sa), Some(sb), false) = (ex.subject(a), ex.subject(b), placed) {
        // Two products of one owner are different subjects (iPhone vs Mac). A place
        // only says where (ending the year with 412 stores in Portland, Maine).
        if sa.root != sb.root && !sa.place && !sb.place {
            return false;
        }
        if sa.id != sb.id && sa.id != sa.root && sb.id != sb.root {
            return false;
        }
    }
    if a.forecast() != b.forecast() && !same {
        return false;
    }
    true
}

fn score(
    ex: &Extraction,
    a: &Claim,
    qa: &Quantity,
    b: &Claim,
    qb: &Quantity,
    names: f64,
    contexts: &[Bigrams],
) -> Option<f64> {
    let sim = similarity(ex.context(a), ex.context(b));
    let ssim = similarity(sentence_of(contexts, a), sentence_of(contexts, b));
    let same = equal_values(qa, qb);
    let both_subject = ex.subject(a).is_some() && ex.subject(b).is_some();
    let one_subject = ex.subject(a).is_some() != ex.subject(b).is_some();
    let both_metric = a.metric.is_some() && b.metric.is_some();
    // Drafts and translations keep their order: a claim at the same place in the other
    // variant, about the same subject or metric, is the same claim even when the words
    // around it are in another language.
    let drift = (ex.position(a) - ex.position(b)).abs();
    let near = drift <= 0.06
        && (both_subject || both_metric || (qa.noun().is_some() && qa.noun() == qb.noun()));
    let ok = if both_subject {
        (both_metric && (sim >= 0.12 || ssim >= 0.2 || same)) || sim >= 0.3 || (same && sim >= 0.15)
    } else if one_subject {
        sim >= 0.5 || (same && sim >= 0.35)
    } else {
        sim >= 0.45 || (same && sim >= 0.3)
    };
    // A translation: the Chinese sentence's names (Linux, macOS, FreeBSD) all stand in
    // the English one, at about the same place.
    let translated = names >= 0.6 && drift <= 0.15;
    if !ok && !near && !translated {
        return None;
    }
    let mut s = sim + 0.3 * ssim;
    if translated {
        s += 0.5 * names;
    }
    if near {
        s += 0.3 * (1.0 - drift / 0.06);
    }
    if same {
        s += 1.0;
    }
    if ex.date(a).is_some() && ex.date(a) == ex.date(b) {
        s += 0.3;
    }
    if qa.noun().is_some() && qa.noun() == qb.noun() {
        s += 0.2;
    }
    // The same number in another unit of its dimension (4,860 litres beside 4,860
    // hectolitres = 486,000 litres) is the figure with its unit changed, before any other
    // figure in that unit.
    if crate::rules::unit_mismatch::rescaled(qa, qb) {
        s += 0.3;
    }
    Some(s)
}

/// Within one variant a figure repeated differently is a contradiction only when the
/// two sentences clearly say the same thing.
fn within_ok(
    ex: &Extraction,
    (ia, qa): (usize, &Quantity),
    (ib, qb): (usize, &Quantity),
    contexts: &[Bigrams],
) -> bool {
    let (a, b) = (&ex.claims[ia], &ex.claims[ib]);
    if a.sentence() == b.sentence() || a.block() == b.block() {
        return false;
    }
    // Two rows of one table are two claims by construction.
    if let (Some((ta, _, _)), Some((tb, _, _))) = (ex.row(a), ex.row(b)) {
        if ta == tb {
            return false;
        }
    }
    // (The summary box often drops the year and the subject the body gives.)
    let differ = |x: Option<&str>, y: Option<&str>| matches!((x, y), (Some(x), Some(y)) if x != y);
    if period_drift(qa, qb)
        && qa.change == qb.change
        && !differ(
            ex.subject(a).map(|s| s.root.as_str()),
            ex.subject(b).map(|s| s.root.as_str()),
        )
        && !matches!((ex.date(a), ex.date(b)), (Some(x), Some(y)) if x != y)
    {
        return true;
    }
    // A table row and a sentence that names it (外借图书（万册次） | 503.2 and 全年外借图书
    // 530.2 万册次): one figure, when the sentence gives no other date and the row holds
    // no other figure of its kind (one year a column).
    for (ix, qx, y, qy) in [(ia, qa, b, qb), (ib, qb, a, qa)] {
        let x = &ex.claims[ix];
        let (Some((table, label, _)), None) = (ex.row(x), ex.row(y)) else {
            continue;
        };
        // (Another figure of its kind in the row: a year or a place a column, which the
        // sentence does not say.)
        let lo = ix.saturating_sub(8);
        let hi = (ix + 8).min(ex.claims.len());
        let crowded = (lo..hi).any(|k| {
            k != ix
                && ex
                    .row(&ex.claims[k])
                    .is_some_and(|(t, l, _)| t == table && l == label)
                && ex.claims[k]
                    .quantity()
                    .is_some_and(|o| o.class() == qx.class())
        });
        if crowded {
            return false;
        }
        let label = label
            .rfind(['（', '('])
            .map_or(label.as_str(), |k| &label[..k]);
        let (named, of) = label_named(label, contexts, y);
        // (A sentence dated on its own, "60,000 by the end of 2027", is about another time
        // than an undated table's.)
        let dated_apart = ex.date(y).is_some() && ex.date(x) != ex.date(y);
        let (lo, hi) = (
            qx.value.abs().min(qy.value.abs()),
            qx.value.abs().max(qy.value.abs()),
        );
        if of >= 3
            && named == of
            && !dated_apart
            && qx.unit == qy.unit
            && qx.noun() == qy.noun()
            && qx.same_per(qy)
            && qx.change == qy.change
            && x.forecast() == y.forecast()
            && hi <= 1.5 * lo
        {
            return true;
        }
        break;
    }
    if ex.date(a) != ex.date(b) || qa.change != qb.change || a.forecast() != b.forecast() {
        return false;
    }
    if !qa.same_per(qb) && !equal_values(qa, qb) {
        return false;
    }
    let sim = similarity(sentence_of(contexts, a), sentence_of(contexts, b));
    // Two sentences worded alike about two things (集装箱吞吐量621.4万标箱 and
    // 冷藏箱吞吐量18.6万标箱): without a subject to tell them apart, figures of another
    // order of size are two claims.
    let (lo, hi) = (
        qa.value.abs().min(qb.value.abs()),
        qa.value.abs().max(qb.value.abs()),
    );
    let same_size = hi <= 3.0 * lo;
    match (ex.subject(a), ex.subject(b)) {
        (Some(sa), Some(sb)) => {
            let ctx_sim = similarity(ex.context(a), ex.context(b));
            sa.id == sb.id
                && a.metric == b.metric
                && if a.metric.is_some() {
                    ctx_sim >= 0.5 || sim >= 0.45 || equal_values(qa, qb)
                } else {
                    // No metric word: the wording must carry the match.
                    ctx_sim >= 0.4 || sim >= 0.45
                }
        }
        // Without a named subject the two sentences must say nearly the same thing.
        _ => a.metric == b.metric && qa.noun() == qb.noun() && sim >= 0.5 && same_size,
    }
}

/// One specific amount given per two different spans of time in one variant ($95 per
/// year and $95 per month, 309 hours a month and a year, 日均 and 每周 9,300 件): the
/// same figure with its period changed, not two figures that happen to be equal. Only
/// amounts of two or more significant digits from 10 up, of one unit and one counted
/// noun; never percentages or multiples (5% a year and 5% a month are two rates).
fn period_drift(qa: &Quantity, qb: &Quantity) -> bool {
    use crate::claim::quantity::is_period;
    fn timed(q: &Quantity) -> Option<(&str, Vec<&str>)> {
        let (periods, others): (Vec<&str>, Vec<&str>) =
            q.per().iter().map(String::as_str).partition(|p| {
                is_period(p) || matches!(*p, "season" | "quarter" | "academic year")
            });
        (periods.len() == 1).then(|| (periods[0], others))
    }
    let (Some((pa, oa)), Some((pb, ob))) = (timed(qa), timed(qb)) else {
        return false;
    };
    pa != pb
        && oa == ob
        && equal_values(qa, qb)
        && qa.unit == qb.unit
        && !matches!(qa.unit, Unit::Percent | Unit::Points | Unit::Multiple)
        && qa.noun() == qb.noun()
        && qa.value.abs() >= 10.0
        && crate::claim::number::significant_digits(qa.value) >= 2
}

/// Two sentences of one variant whose other figures of one kind are of another order
/// of size (集装箱 612.4万标箱 … 同比增长8.1% and 冷藏箱 18.6万标箱 … 同比增长15%): they
/// are about two things, so their figures are not one claim stated twice.
fn neighbours_differ(claims: &[Claim], a: usize, b: usize) -> bool {
    let others = |i: usize| {
        let s = claims[i].sentence();
        let lo = claims.partition_point(|c| c.sentence() < s);
        let hi = claims.partition_point(|c| c.sentence() <= s);
        claims[lo..hi.max(lo)]
            .iter()
            .enumerate()
            .filter(move |&(k, _)| lo + k != i)
            .filter_map(|(_, c)| c.quantity())
            .collect::<Vec<_>>()
    };
    let (xs, ys) = (others(a), others(b));
    xs.iter().any(|x| {
        let peers: Vec<&&Quantity> = ys
            .iter()
            .filter(|y| y.class() == x.class() && y.unit == x.unit && y.change == x.change)
            .collect();
        !peers.is_empty()
            && peers.iter().all(|y| {
                let (lo, hi) = (
                    x.value.abs().min(y.value.abs()),
                    x.value.abs().max(y.value.abs()),
                );
                hi > 3.0 * lo
            })
    })
}

/// A figure in a summary and one in the body of the same variant: the same claim when
/// nothing sets them apart (another year, company, metric, direction) and the words
/// around the two figures agree. The summary often drops the year or the company.
fn summary_restates(
    ex: &Extraction,
    a: &Claim,
    qa: &Quantity,
    b: &Claim,
    qb: &Quantity,
) -> Option<f64> {
    if a.block() == b.block() || qa.change != qb.change || a.forecast() != b.forecast() {
        return None;
    }
    if !qa.same_per(qb) && !equal_values(qa, qb) {
        return None;
    }
    if let (Some(da), Some(db)) = (ex.date(a), ex.date(b)) {
        if da != db {
            return None;
        }
    }
    if let (Some(sa), Some(sb)) = (ex.subject(a), ex.subject(b)) {
        if sa.root != sb.root {
            return None;
        }
    }
    if let (Some(ma), Some(mb)) = (&a.metric, &b.metric) {
        if ma != mb {
            return None;
        }
    }
    // A restatement may round or misstate the figure, not change its size: 612.4万标箱
    // of containers and 18.6万标箱 of reefers are two figures worded alike. (The same
    // number under another unit of its dimension, 94,200 miles against 94,200 km, is a
    // unit misstated.)
    let (lo, hi) = (
        qa.value.abs().min(qb.value.abs()),
        qa.value.abs().max(qb.value.abs()),
    );
    if hi > 1.5 * lo && !crate::rules::unit_mismatch::rescaled(qa, qb) {
        return None;
    }
    let ctx = similarity(ex.context(a), ex.context(b));
    // (The same number as written under another unit of its dimension is most of the
    // evidence: less of the wording need agree.)
    // Nor need it for the same value (a qualifier or a unit changed) or the same digits
    // in another order (412 courses against 421: a slip of the keyboard).
    let least = if crate::rules::unit_mismatch::rescaled(qa, qb) || transposed(qa, qb) {
        0.25
    } else if equal_values(qa, qb) {
        0.4
    } else {
        0.55
    };
    (ctx >= least).then_some(ctx)
}

/// Two figures written with the same digits in another order (412 and 421, 3.82 and
/// 3.28): at least three significant digits, and not the same number.
fn transposed(qa: &Quantity, qb: &Quantity) -> bool {
    let digits = |q: &Quantity| {
        let mut d: Vec<u8> = format!("{}", q.written().abs())
            .bytes()
            .filter(u8::is_ascii_digit)
            .collect();
        while d.last() == Some(&b'0') {
            d.pop();
        }
        d.sort_unstable();
        d
    };
    let (x, y) = (digits(qa), digits(qb));
    x.len() >= 3 && x == y && !equal_values(qa, qb) && qa.written() != qb.written()
}

/// Two indices below 2^32 (claims, variants) as one set key: `a` in the high half, and
/// in the low half `b` mixed with `a`, since the integer hasher's buckets follow the
/// low bits (with `b` alone there, every key of one variant fell in one bucket). The
/// mapping is one to one.
fn pack(a: usize, b: usize) -> u64 {
    let (a, b) = (a as u64 & 0xFFFF_FFFF, b as u64 & 0xFFFF_FFFF);
    (a << 32) | (b ^ (a.wrapping_mul(0x9E37_79B9) & 0xFFFF_FFFF))
}

/// Where each figure stands in its unit class's bucket: its place in its variant's list
/// there and that list's length, so that a subject bucket can tell which of its pairs
/// the class bucket met (alignment's candidate loop). 8 bytes a claim.
struct ClassPlaces(Vec<(u32, u32)>);

impl ClassPlaces {
    fn new(n: usize) -> ClassPlaces {
        ClassPlaces(vec![(0, 0); n])
    }

    /// One variant's list of a class bucket.
    fn record(&mut self, list: &[usize]) {
        let len = u32::try_from(list.len()).unwrap_or(u32::MAX);
        for (pos, &m) in list.iter().enumerate() {
            if let Some(p) = self.0.get_mut(m) {
                *p = (u32::try_from(pos).unwrap_or(u32::MAX), len);
            }
        }
    }

    /// Whether the class bucket's loop reached `b` from `a` (a's variant's list against
    /// b's, `b` among the [`CANDIDATE_CAP`] nearest): the same window it takes.
    fn met(&self, a: usize, b: usize) -> bool {
        let (Some(&(pa, la)), Some(&(pb, lb))) = (self.0.get(a), self.0.get(b)) else {
            return false;
        };
        let (pa, la, pb, lb) = (pa as usize, la as usize, pb as usize, lb as usize);
        if lb <= CANDIDATE_CAP {
            return true;
        }
        let centre = pa * lb / la.max(1);
        let lo = centre.saturating_sub(CANDIDATE_CAP / 2);
        let hi = (lo + CANDIDATE_CAP).min(lb);
        (lo..hi).contains(&pb)
    }
}

/// A candidate pair of claims across variants: its score and the two claim indices.
type Candidate = (f64, u32, u32);

/// Best first: by score, then by the two claims. Pairs that compare equal are the same
/// pair with the same score (scores are finite).
fn best_first(x: &Candidate, y: &Candidate) -> std::cmp::Ordering {
    y.0.partial_cmp(&x.0)
        .unwrap_or(std::cmp::Ordering::Equal)
        .then(x.1.cmp(&y.1))
        .then(x.2.cmp(&y.2))
}

/// Entries in a run of [`Candidates`] (1 MiB).
const RUN: usize = 1 << 16;

/// The candidate pairs, gathered in sorted runs of at most [`RUN`] and read back in one
/// merged order ([`Candidates::best_first`]). A large document has millions of
/// candidate pairs: in one list, grown by doubling, copied when it was shrunk and
/// extended, they were the top of alignment's memory (2.1 M pairs, 34 MB, held in
/// 67 MB of capacity on the 50 MB file). Runs hold what was pushed and no more, and a
/// run is freed as soon as the merge has read it.
#[derive(Default)]
struct Candidates {
    runs: Vec<Vec<Candidate>>,
    open: Vec<Candidate>,
}

impl Candidates {
    fn push(&mut self, pair: Candidate) {
        if self.open.capacity() == 0 {
            self.open.reserve_exact(RUN);
        }
        self.open.push(pair);
        if self.open.len() >= RUN {
            let run = std::mem::take(&mut self.open);
            self.add_run(run);
        }
    }

    /// Add a list of pairs as a run of its own (sorted here; not copied).
    fn add_run(&mut self, mut run: Vec<Candidate>) {
        if run.is_empty() {
            return;
        }
        run.sort_unstable_by(best_first);
        self.runs.push(run);
    }

    /// Every pair, best first, each pair met twice in a row (in two buckets) once: the
    /// order one sort of all of them gives.
    fn best_first(mut self) -> Merged {
        let mut open = std::mem::take(&mut self.open);
        open.shrink_to_fit();
        self.add_run(open);
        let mut runs: Vec<std::vec::IntoIter<Candidate>> =
            self.runs.into_iter().map(Vec::into_iter).collect();
        let mut heap = std::collections::BinaryHeap::with_capacity(runs.len());
        for (k, run) in runs.iter_mut().enumerate() {
            if let Some(first) = run.next() {
                heap.push(Head(first, k));
            }
        }
        Merged {
            runs,
            heap,
            last: None,
        }
    }
}

/// The next pair of each run of [`Candidates`], ordered so that the heap's greatest is
/// the best (ties between runs by run: equal pairs are one pair).
struct Head(Candidate, usize);

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Head {}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Head {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        best_first(&other.0, &self.0).then(other.1.cmp(&self.1))
    }
}

/// The merged runs of [`Candidates`], best first, without a pair repeated in a row.
struct Merged {
    runs: Vec<std::vec::IntoIter<Candidate>>,
    heap: std::collections::BinaryHeap<Head>,
    last: Option<(u32, u32)>,
}

impl Iterator for Merged {
    type Item = Candidate;

    fn next(&mut self) -> Option<Candidate> {
        loop {
            let Head(pair, k) = self.heap.pop()?;
            match self.runs.get_mut(k).map(Iterator::next) {
                Some(Some(next)) => self.heap.push(Head(next, k)),
                // A run read to its end gives its memory back.
                Some(None) => self.runs[k] = Vec::new().into_iter(),
                None => {}
            }
            if self.last != Some((pair.1, pair.2)) {
                self.last = Some((pair.1, pair.2));
                return Some(pair);
            }
        }
    }
}

/// Align the claims of one document whose variants are `variant_of` (per claim);
/// `named` tells which variants are real (not the preamble). `contexts` holds the
/// bigrams of each sentence ([`crate::claim::extract_with_contexts`]).
pub fn align(ex: &Extraction, named: &[bool], contexts: &[Bigrams]) -> Alignment {
    align_with(ex, named, &[], contexts, &[], &Scopes::default())
}

/// The names of the headings above each claim (see `heading_scopes` in lib.rs): an
/// index per claim into one list per heading.
#[derive(Debug, Default)]
pub struct Scopes {
    /// Per claim, the index of its section's names; `u32::MAX` outside any section.
    pub of_claim: Vec<u32>,
    /// Per heading, the hashed names of it and the headings above it, sorted.
    pub names: Vec<Box<[u64]>>,
    /// Per heading, the hashed release its section's tables describe ("Benchmarks
    /// (2.3.1)", or one above it); 0 for none.
    pub section_release: Vec<u64>,
    /// Per table, the hashed release its caption names ("Load-test results of 3.1.4
    /// …:"), or 0.
    pub table_release: Vec<u64>,
}

impl Scopes {
    fn of(&self, claim: usize) -> &[u64] {
        self.of_claim
            .get(claim)
            .and_then(|&k| self.names.get(k as usize))
            .map_or(&[], |n| n)
    }

    /// The release a claim's table describes, by its caption or its section's heading,
    /// if any. (Prose under such a heading may still state what both texts claim.)
    fn release(&self, ex: &Extraction, claim: usize) -> u64 {
        let c = &ex.claims[claim];
        let Some((t, _, _)) = ex.row(c) else {
            return 0;
        };
        let table = self.table_release.get(*t).copied().unwrap_or(0);
        if table != 0 {
            return table;
        }
        self.of_claim
            .get(claim)
            .and_then(|&k| self.section_release.get(k as usize))
            .copied()
            .unwrap_or(0)
    }

    /// Figures measured on two releases (a translation that lags one behind shows its
    /// own release's benchmark): not one claim, whatever their places.
    pub fn releases_differ(&self, ex: &Extraction, a: usize, b: usize) -> bool {
        if self.section_release.is_empty() && self.table_release.is_empty() {
            return false;
        }
        let (x, y) = (self.release(ex, a), self.release(ex, b));
        x != 0 && y != 0 && x != y
    }

    /// Sections about two named things (MMKV for Android / MMKV for iOS): each names
    /// something the other does not.
    pub fn apart(&self, a: usize, b: usize) -> bool {
        let (x, y) = (self.of(a), self.of(b));
        x.iter().any(|n| y.binary_search(n).is_err())
            && y.iter().any(|n| x.binary_search(n).is_err())
    }
}

/// Two table labels that say the same, ignoring case, spaces and emphasis.
fn same_label(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric() || !c.is_ascii())
            .flat_map(char::to_lowercase)
            .collect()
    };
    norm(a) == norm(b)
}

/// Where a figure in a table stands: the table's place among its variant's tables, the
/// table's shape, and the cell's row and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellAt {
    pub ordinal: u32,
    pub rows: u32,
    pub cols: u32,
    pub row: u32,
    pub col: u32,
}

/// [`align`], knowing which blocks stand in a summary section (TL;DR, 要点; by block
/// index, see [`crate::variant::summary_blocks`]): a summary restates the body of its
/// own variant, often without the year or the company the body gives.
///
/// The extraction's sentences (none for claims built without any) let a figure meet
/// its translation by the names its sentence shares with it. `cells` lists the claims that stand in a table
/// cell, by claim index in increasing order, with where the cell stands.
pub fn align_with(
    ex: &Extraction,
    named: &[bool],
    summary: &[bool],
    contexts: &[Bigrams],
    cells: &[(usize, CellAt)],
    scopes: &Scopes,
) -> Alignment {
    let (claims, sentences) = (&ex.claims[..], &ex.sentences[..]);
    // Where a claim stands in a table, if it does (`cells` is sorted by claim).
    let cell_of = |i: usize| {
        cells
            .binary_search_by_key(&i, |&(c, _)| c)
            .ok()
            .map(|k| cells[k].1)
    };
    let scoped_apart = |a: usize, b: usize| scopes.apart(a, b);
    let names_shared =
        |a: &Claim, b: &Claim| match (sentences.get(a.sentence()), sentences.get(b.sentence())) {
            (Some(x), Some(y)) => crate::claim::text::shared_names(ex.names(x), ex.names(y)),
            _ => 0.0,
        };
    let n = claims.len();
    let in_summary = |c: &Claim| summary.get(c.block()).copied().unwrap_or(false);
    let in_play = |c: &Claim| named.get(c.variant()).copied().unwrap_or(false) || named.len() == 1;

    // Figures of counterpart sentences (a translation's, a redraft's), paired by the
    // figures the sentences share in order. Found first, so that the counterpart
    // stage's lists of every variant's figures are gone before the candidate pairs
    // below are gathered; its pairs join theirs after them, as if found after.
    let counterparts = crate::counterpart::figure_pairs(ex, in_play, |a, b, anchored| {
        // Counterparts in two scripts that share a figure: the metrics read from
        // their words may differ as translations do (cost / 费用).
        let cross = anchored
            && matches!(
                (sentences.get(claims[a].sentence()), sentences.get(claims[b].sentence())),
                (Some(x), Some(y)) if x.cjk() != y.cjk()
            );
        match (claims[a].quantity(), claims[b].quantity()) {
            (Some(qa), Some(qb)) => {
                compatible_at(ex, &claims[a], qa, &claims[b], qb, contexts, cross)
            }
            _ => false,
        }
    });
    // Buckets of figures: by subject root, and by unit class for subjectless matching.
    // (Claim indices as u32: a large document's figures stand in two buckets each, and
    // the buckets are held at the top of alignment's memory.)
    let mut buckets: BTreeMap<(String, String), Vec<u32>> = BTreeMap::new();
    // Keyed by variant, unit key and value: the unit keys (a few per document) by
    // number, so that a key is not a string of its own for every figure.
    let mut unit_ids: HashMap<String, u32> = HashMap::default();
    let mut unit_id = |q: &Quantity| -> u32 {
        let key = unit_key(q);
        let next = u32::try_from(unit_ids.len()).unwrap_or(u32::MAX);
        *unit_ids.entry(key).or_insert(next)
    };
    // (Integer keys probed for every figure: the integer hasher, not SipHash.)
    let mut value_count: IntMap<(usize, u32, u64), u32> = IntMap::default();
    for (i, c) in claims.iter().enumerate() {
        let Some(q) = c.quantity() else { continue };
        let Ok(k) = u32::try_from(i) else { break };
        if !in_play(c) {
            continue;
        }
        if let Some(s) = ex.subject(c) {
            buckets
                .entry((s.root.clone(), String::new()))
                .or_default()
                .push(k);
        }
        buckets
            .entry((String::new(), q.class().to_string()))
            .or_default()
            .push(k);
        let n = value_count
            .entry((c.variant(), unit_id(q), q.value.to_bits()))
            .or_default();
        *n = n.saturating_add(1);
    }
    // A figure that appears once in each of two variants, with the same value and unit, is
    // very likely one claim even when the sentences around it were rewritten.
    // Worked out once per claim: the pair loops below ask for every pair compared, and
    // formatting the unit key each time was a third of alignment's time.
    let unique_flags: Vec<bool> = claims
        .iter()
        .map(|c| {
            c.quantity().is_some_and(|q| {
                in_play(c)
                    && distinctive(q)
                    && value_count.get(&(c.variant(), unit_id(q), q.value.to_bits())) == Some(&1)
            })
        })
        .collect();
    let unique = |i: usize| unique_flags[i];
    drop(value_count);
    // A measured number written once in its variant in a unit of some dimension (18 km,
    // 310 MB): the same number in another unit of that dimension at about the same place
    // of another variant (18 英里, 310 KB) is that figure with its unit changed, however
    // the words around them differ.
    // (Or anywhere in the two variants, when it is the only figure of its dimension in
    // each.)
    let mut written_count: HashMap<(usize, &str, u64), u32> = HashMap::default();
    let mut class_count: HashMap<(usize, &str), u32> = HashMap::default();
    for c in claims.iter().filter(|c| in_play(c)) {
        if let Some(q) = c.quantity().filter(|q| q.dimension().is_some()) {
            *written_count
                .entry((c.variant(), q.class(), q.written().to_bits()))
                .or_default() += 1;
            *class_count.entry((c.variant(), q.class())).or_default() += 1;
        }
    }
    let written_once = |c: &Claim, q: &Quantity| {
        written_count.get(&(c.variant(), q.class(), q.written().to_bits())) == Some(&1)
    };
    let alone = |c: &Claim, q: &Quantity| class_count.get(&(c.variant(), q.class())) == Some(&1);

    // Candidate pairs across variants, best first, matched one to one per variant pair.
    // Claim indices are stored as u32 here and in the sets below (two in one u64 key,
    // see `pack`): a large document has millions of candidate pairs, and these were
    // most of alignment's memory.
    let mut pairs = Candidates::default();
    let mut within: Vec<(u32, u32)> = Vec::new();
    // (score, a, b): a summary's figure and a body figure of its variant it may restate.
    let mut restated: Vec<(f64, u32, u32)> = Vec::new();
    // A pair met in two buckets (its unit class's, then its subject's) is tested the
    // same both times: the subject bucket passes over a pair its class bucket already
    // met ([`ClassPlaces::met`]). (Before, pairs within a variant went through a set
    // of every such pair compared, 19 MB at the top of alignment's memory on the
    // 50 MB file, and pairs across variants were pushed twice and deduplicated after
    // sorting.) The class buckets, keyed ("", class), are read before every subject
    // bucket, keyed (root, ""), unless a key is ("", ""), an empty class or root: then
    // the set and the deduplication after sorting serve as before.
    let degenerate = buckets.contains_key(&(String::new(), String::new()));
    let mut seen_within: IntSet<u64> = IntSet::default();
    let mut places = ClassPlaces::new(if degenerate { 0 } else { n });
    for ((root, _), members) in &buckets {
        let subject_bucket = !root.is_empty();
        let mut by_variant: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &m in members {
            let m = m as usize;
            by_variant.entry(claims[m].variant()).or_default().push(m);
        }
        if !subject_bucket {
            for list in by_variant.values() {
                places.record(list);
            }
        }
        for (&va, list_a) in &by_variant {
            for (pos, &a) in list_a.iter().enumerate() {
                let ca = &claims[a];
                let Some(qa) = ca.quantity() else { continue };
                for (&vb, list_b) in by_variant.range(va..) {
                    let same_variant = vb == va;
                    // Nearest candidates by position in their variant.
                    let take: &[usize] = if list_b.len() <= CANDIDATE_CAP {
                        list_b
                    } else {
                        let centre = pos * list_b.len() / list_a.len().max(1);
                        let lo = centre.saturating_sub(CANDIDATE_CAP / 2);
                        let hi = (lo + CANDIDATE_CAP).min(list_b.len());
                        &list_b[lo..hi]
                    };
                    for &b in take {
                        if (same_variant && b <= a) || a == b {
                            continue;
                        }
                        let cb = &claims[b];
                        let Some(qb) = cb.quantity() else { continue };
                        let placed = |c: &Claim| ex.subject(c).is_some_and(|s| s.place);
                        // Left to the subject bucket by the class bucket (both have a
                        // subject there).
                        let left = || {
                            ex.subject(ca).is_some()
                                && ex.subject(cb).is_some()
                                && !placed(ca)
                                && !placed(cb)
                                && !(same_variant || unique(a) && unique(b) && equal_values(qa, qb))
                        };
                        if !subject_bucket && left() {
                            continue; // compared in their subject bucket
                        }
                        if subject_bucket
                            && !degenerate
                            && qa.class() == qb.class()
                            && places.met(a, b)
                            && !left()
                        {
                            continue; // compared in their class bucket
                        }
                        if !compatible(ex, ca, qa, cb, qb, contexts) {
                            continue;
                        }
                        let key = (a.min(b) as u32, a.max(b) as u32);
                        if same_variant {
                            // Two cells of one variant are two places of its tables.
                            if matches!((cell_of(a), cell_of(b)), (Some(_), Some(_)))
                                || scoped_apart(a, b)
                            {
                                continue;
                            }
                            if degenerate
                                && !seen_within.insert(pack(key.0 as usize, key.1 as usize))
                            {
                                continue;
                            }
                            if within_ok(ex, (a, qa), (b, qb), contexts)
                                && !neighbours_differ(claims, a, b)
                            {
                                within.push(key);
                            } else if in_summary(ca) != in_summary(cb) {
                                if let Some(s) = summary_restates(ex, ca, qa, cb, qb) {
                                    restated.push((s, key.0, key.1));
                                }
                            }
                        } else if let Some(s) =
                            score(ex, ca, qa, cb, qb, names_shared(ca, cb), contexts)
                        {
                            pairs.push((s, key.0, key.1));
                        } else if unique(a)
                            && unique(b)
                            && equal_values(qa, qb)
                            && qa.unit == qb.unit
                        {
                            pairs.push((0.5, key.0, key.1));
                        } else if crate::rules::unit_mismatch::rescaled(qa, qb)
                            && written_once(ca, qa)
                            && written_once(cb, qb)
                            && ((ex.position(ca) - ex.position(cb)).abs() <= 0.1
                                || alone(ca, qa) && alone(cb, qb))
                        {
                            pairs.push((0.3, key.0, key.1));
                        }
                    }
                }
            }
        }
    }
    // The buckets and the set of pairs within a variant served the loop above; the
    // lists it filled lose their doubling slack before the counterpart stage adds to
    // the top of alignment's memory.
    drop((buckets, seen_within, places));
    within.shrink_to_fit();
    pairs.add_run(counterparts.figures);
    let date_pairs = counterparts.dates;
    let gap_date_pairs = counterparts.gap_dates;
    // Figures at one place of two tables of one shape (the k-th table of each variant):
    // a translated table whose row labels are translations (Developer / 开发者版).
    let mut by_cell: HashMap<CellAt, BTreeMap<usize, Vec<usize>>> = HashMap::default();
    for &(i, at) in cells {
        if let Some(c) = claims.get(i).filter(|c| c.quantity().is_some()) {
            if in_play(c) {
                by_cell
                    .entry(at)
                    .or_default()
                    .entry(c.variant())
                    .or_default()
                    .push(i);
            }
        }
    }
    let mut cell_pairs: Vec<(f64, u32, u32)> = Vec::new();
    for variants in by_cell.values() {
        let lists: Vec<&Vec<usize>> = variants.values().collect();
        for (k, la) in lists.iter().enumerate() {
            for lb in &lists[k + 1..] {
                if la.len() != lb.len() {
                    continue;
                }
                for (&a, &b) in la.iter().zip(lb.iter()) {
                    let (ca, cb) = (&claims[a], &claims[b]);
                    if let (Some(qa), Some(qb)) = (ca.quantity(), cb.quantity()) {
                        if compatible_at(ex, ca, qa, cb, qb, contexts, true) {
                            cell_pairs.push((1.1, a.min(b) as u32, a.max(b) as u32));
                        }
                    }
                }
            }
        }
    }
    cell_pairs.sort_by_key(|p| (p.1, p.2));
    // A figure of each of two variants with two digits swapped (164 / 146), when
    // nothing else pairs them: below every other pair's score.
    cell_pairs.extend(
        crate::counterpart::swapped_figures(ex, in_play)
            .into_iter()
            .map(|(a, b)| (0.05, a as u32, b as u32)),
    );
    pairs.add_run(cell_pairs);
    // At most one claim per variant in a group: chains of pairs must not glue two
    // different claims of one variant together. (So each claim has one partner per
    // other variant: a claim whose group holds a claim of a variant meets no other
    // claim of that variant.)
    let mut uf = UnionFind::new(n);
    let mut variants_of: IntMap<u32, VariantSet> = IntMap::default();
    // Two table cells are one claim only at one place of one table: the k-th table of
    // each variant, in the same row and column (by place when the tables have one
    // shape, by their labels otherwise). The STEM column is not the Average column, and
    // the MMLU table is not the C-Eval table, though their rows name the same model.
    let same_place = |a: usize, b: usize| match (cell_of(a), cell_of(b)) {
        (Some(x), Some(y)) => {
            x == y
                || (claims[a].variant() != claims[b].variant()
                    && x.ordinal == y.ordinal
                    && match (ex.row(&claims[a]), ex.row(&claims[b])) {
                        (Some((_, ra, ha)), Some((_, rb, hb))) => {
                            same_label(ra, rb) && same_label(ha, hb)
                        }
                        _ => false,
                    })
        }
        _ => true,
    };
    for (_, a, b) in pairs.best_first() {
        let (a, b) = (a as usize, b as usize);
        if !same_place(a, b) || scopes.releases_differ(ex, a, b) {
            continue;
        }
        let (va, vb) = (claims[a].variant(), claims[b].variant());
        let (ra, rb) = (uf.find(a), uf.find(b));
        // (Roots are claim indices, below 2^32 as every index alignment keeps.)
        let (Ok(ka), Ok(kb)) = (u32::try_from(ra), u32::try_from(rb)) else {
            continue;
        };
        if ra == rb {
            continue;
        }
        let sa = variants_of
            .get(&ka)
            .cloned()
            .unwrap_or_else(|| VariantSet::one(va));
        let sb = variants_of
            .get(&kb)
            .cloned()
            .unwrap_or_else(|| VariantSet::one(vb));
        if sa.overlaps(&sb) {
            continue;
        }
        uf.union(a, b);
        let root = if uf.find(a) == ra { ka } else { kb };
        // The root that lost its place keeps no set.
        variants_of.remove(&ka);
        variants_of.remove(&kb);
        variants_of.insert(root, sa.union(sb));
    }
    // A specific figure restated in the same variant with its digits swapped or its
    // period changed (3002亿元 / 3020亿元; 年均1870元 / 每月1870元).
    within.extend(
        crate::counterpart::restated_figures(ex, in_play)
            .into_iter()
            .map(|(a, b)| (a as u32, b as u32)),
    );
    // A figure that names no section's subject (an overview's) must not join two
    // figures of sections scoped apart into one claim.
    let mut scoped_members: HashMap<usize, Vec<usize>> = HashMap::default();
    for (a, b) in within {
        let (a, b) = (a as usize, b as usize);
        let (ra, rb) = (uf.find(a), uf.find(b));
        if ra == rb {
            continue;
        }
        let members = |r: usize, i: usize, m: &HashMap<usize, Vec<usize>>| {
            m.get(&r).cloned().unwrap_or_else(|| vec![i])
        };
        let (ma, mb) = (
            members(ra, a, &scoped_members),
            members(rb, b, &scoped_members),
        );
        if ma
            .iter()
            .take(16)
            .any(|&x| mb.iter().take(16).any(|&y| scoped_apart(x, y)))
        {
            continue;
        }
        uf.union(a, b);
        let mut merged = ma;
        merged.extend(mb);
        scoped_members.remove(&ra);
        scoped_members.remove(&rb);
        scoped_members.insert(uf.find(a), merged);
    }
    // Each summary figure restates at most one body figure: the closest wording
    // ("87% of employees" rather than "85% of leaders" in the same sentence).
    restated.sort_by(|x, y| {
        y.0.partial_cmp(&x.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(x.1.cmp(&y.1))
            .then(x.2.cmp(&y.2))
    });
    // A restatement joins two groups only when no other variant has a claim in both:
    // a summary figure already matched across variants to other figures than the body
    // one (a price table against a price forecast) is another claim.
    let mut group_variants: HashMap<usize, Vec<usize>> = HashMap::default();
    if !restated.is_empty() {
        for (i, c) in claims.iter().enumerate() {
            if c.quantity().is_some() {
                group_variants
                    .entry(uf.find(i))
                    .or_default()
                    .push(c.variant());
            }
        }
    }
    let mut restating: HashSet<usize> = HashSet::default();
    for (_, a, b) in restated {
        let (a, b) = (a as usize, b as usize);
        let s = if in_summary(&claims[a]) { a } else { b };
        if restating.contains(&s) {
            continue;
        }
        let (ra, rb) = (uf.find(a), uf.find(b));
        let own = claims[a].variant();
        let va = group_variants.get(&ra).cloned().unwrap_or_default();
        let vb = group_variants.get(&rb).cloned().unwrap_or_default();
        if ra == rb || va.iter().any(|v| *v != own && vb.contains(v)) {
            continue;
        }
        restating.insert(s);
        uf.union(a, b);
        let mut merged = va;
        merged.extend(vb);
        group_variants.insert(uf.find(a), merged);
    }

    // Quotes: the same words, whoever said them.
    let quotes: Vec<usize> = (0..n)
        .filter(|&i| matches!(claims[i].kind, ClaimKind::Quote(_)) && in_play(&claims[i]))
        .collect();
    let mut quote_pairs = Vec::new();
    let quote_bigrams: HashMap<usize, Bigrams> = quotes
        .iter()
        .map(|&q| (q, quote_bigrams(&claims[q])))
        .collect();
    let mut by_bigram: HashMap<u64, Vec<usize>> = HashMap::default();
    for &q in &quotes {
        for bg in quote_bigrams[&q].iter() {
            by_bigram.entry(bg).or_default().push(q);
        }
    }
    let mut qseen = HashSet::default();
    for &q in &quotes {
        let mut counts: HashMap<usize, usize> = HashMap::default();
        for bg in quote_bigrams[&q].iter() {
            if let Some(list) = by_bigram.get(&bg) {
                if list.len() > 200 {
                    continue;
                }
                for &o in list {
                    if o > q {
                        *counts.entry(o).or_default() += 1;
                    }
                }
            }
        }
        let mut cands: Vec<usize> = counts.into_keys().collect();
        cands.sort_unstable();
        for o in cands {
            if similarity(&quote_bigrams[&q], &quote_bigrams[&o]) >= 0.6 && qseen.insert((q, o)) {
                quote_pairs.push((q, o));
            }
        }
    }

    translated_quotes(ex, &quotes, &mut qseen, &mut quote_pairs);

    let mut groups: Vec<Group> = Vec::new();
    let mut group_of = vec![NO_GROUP; n];
    // The figures by their root, as (root, claim) sorted: a group's members are a run,
    // in document order, and the groups come in the order of their roots.
    let mut members: Vec<(u32, u32)> = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        if c.quantity().is_some() {
            if let (Ok(r), Ok(k)) = (u32::try_from(uf.find(i)), u32::try_from(i)) {
                members.push((r, k));
            }
        }
    }
    drop(uf);
    members.sort_unstable();
    for run in members.chunk_by(|x, y| x.0 == y.0) {
        let list: Vec<usize> = run.iter().map(|&(_, k)| k as usize).collect();
        if list.len() < 2 {
            continue;
        }
        let id = groups.len();
        // Fewer groups than claims, and 2^32 claims would not fit in memory; a group
        // beyond would read as none.
        let tag = u32::try_from(id).unwrap_or(NO_GROUP);
        for &m in &list {
            group_of[m] = tag;
        }
        groups.push(Group { members: list });
    }
    let quote_order_pairs = crate::counterpart::ordered_quotes(ex, &quotes);
    Alignment {
        groups,
        group_of,
        quote_pairs,
        quote_order_pairs,
        date_pairs,
        gap_date_pairs,
    }
}

/// A quote and its translation share no words: pair quotes of two variants written in
/// different languages when each is the other's nearest quote, at about the same place,
/// their sentences share most of the Chinese one's Latin names (tidewatch, Fathom
/// Analytics), and their speakers are written in one script (Marcus Lee vs Priya Raman can be
/// compared; 黄仁勋 vs Jensen Huang cannot, without the lexicon).
fn translated_quotes(
    ex: &Extraction,
    quotes: &[usize],
    seen: &mut HashSet<(usize, usize)>,
    pairs: &mut Vec<(usize, usize)>,
) {
    let (claims, sentences) = (&ex.claims[..], &ex.sentences[..]);
    const DRIFT: f64 = 0.05;
    /// Beyond this many variants holding quotes, pairs of variants are not tried.
    const MAX_VARIANTS: usize = 32;
    if sentences.is_empty() {
        return;
    }
    let cjk = |q: usize| sentences.get(claims[q].sentence()).is_some_and(|s| s.cjk());
    let han_speaker = |q: usize| match &claims[q].kind {
        ClaimKind::Quote(q) => Some(q.speaker.chars().any(crate::claim::text::is_han)),
        _ => None,
    };
    let mut by_variant: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &q in quotes {
        by_variant.entry(claims[q].variant()).or_default().push(q);
    }
    if by_variant.len() > MAX_VARIANTS {
        return;
    }
    let nearest = |list: &[usize], pos: f64| {
        let k = list.partition_point(|&o| ex.position(&claims[o]) < pos);
        [k.checked_sub(1), Some(k)]
            .into_iter()
            .flatten()
            .filter_map(|i| list.get(i).copied())
            .min_by(|&x, &y| {
                let dx = (ex.position(&claims[x]) - pos).abs();
                let dy = (ex.position(&claims[y]) - pos).abs();
                dx.partial_cmp(&dy).unwrap_or(std::cmp::Ordering::Equal)
            })
    };
    let lists: Vec<&Vec<usize>> = by_variant.values().collect();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (i, la) in lists.iter().enumerate() {
        for lb in &lists[i + 1..] {
            for &a in la.iter() {
                let Some(b) = nearest(lb, ex.position(&claims[a])) else {
                    continue;
                };
                let names = match (
                    sentences.get(claims[a].sentence()),
                    sentences.get(claims[b].sentence()),
                ) {
                    (Some(x), Some(y)) => {
                        crate::claim::text::shared_names(ex.names(x), ex.names(y))
                    }
                    _ => 0.0,
                };
                if cjk(a) == cjk(b)
                    || (ex.position(&claims[a]) - ex.position(&claims[b])).abs() > DRIFT
                    || nearest(la, ex.position(&claims[b])) != Some(a)
                    || han_speaker(a) != han_speaker(b)
                    || names < 0.5
                {
                    continue;
                }
                found.push((a.min(b), a.max(b)));
            }
        }
    }
    // A quote already paired by its words keeps those pairs.
    let paired: HashSet<usize> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    for (a, b) in found {
        if !paired.contains(&a) && !paired.contains(&b) && seen.insert((a, b)) {
            pairs.push((a, b));
        }
    }
}

fn quote_bigrams(c: &Claim) -> Bigrams {
    match &c.kind {
        ClaimKind::Quote(q) => crate::claim::text::bigrams(&q.text),
        _ => Bigrams::default(),
    }
}
