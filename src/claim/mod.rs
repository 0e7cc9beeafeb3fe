//! Extract stage: prose blocks become [`Claim`]s — figures, dates and periods, quotes —
//! each with its subject, metric, date, qualifier, forecast flag and citation, and a
//! byte span in the source. The align stage takes these.

pub mod citation;
pub mod date;
pub mod entity;
pub mod groups;
pub mod number;
pub mod quantity;
pub mod quote;
pub mod text;
pub mod words;

use crate::hashing::HashSet;
use std::ops::Range;

use crate::hashing::HashMap;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use crate::gate::{Gate, Gated};

use crate::lexicon::{Bound, CiteWord, Lexicon};
use crate::markdown::{Block, BlockKind, Doc, TopKind};

pub use date::Period;
pub use entity::Mention;
pub use quantity::{Quantity, Unit};

/// How a claim carries its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CitationKind {
    /// A source that can be checked: a named study, a report, a link, a footnote.
    Named,
    /// A source that names nobody: 研究表明, studies show.
    Vague,
}

/// A source a claim rests on: its kind and place, and what it says ([`Source`], shared
/// by the sources of the document written alike, and read through the citation:
/// `cite.text`, `cite.names`, `cite.url`). 24 bytes: a dense document holds a source for
/// nearly every sentence.
#[derive(Debug, Clone)]
pub struct Citation {
    pub kind: CitationKind,
    /// Source bytes of the citation text ([`Citation::span`]).
    bytes: Bytes,
    source: Arc<Source>,
}

/// What a source says.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Source {
    /// The target of a link citation.
    pub url: Option<Arc<str>>,
    pub text: Arc<str>,
    /// Entity roots the citation names (MIT, Gartner), for attribution checks.
    pub names: Arc<[String]>,
}

impl std::ops::Deref for Citation {
    type Target = Source;
    fn deref(&self) -> &Source {
        &self.source
    }
}

impl Citation {
    /// Source bytes of the citation text.
    pub fn span(&self) -> Range<usize> {
        self.bytes.range()
    }

    /// A named source that is its own text (a table's source cell, a "Source:" line).
    fn plain(span: Range<usize>, text: &str) -> Citation {
        Citation {
            kind: CitationKind::Named,
            bytes: Bytes::new(span),
            source: Arc::new(Source {
                url: None,
                text: text.into(),
                names: Arc::default(),
            }),
        }
    }
}

/// What a claim states. A figure and a quote are boxed: a claim is as large as its
/// largest kind, and a date, a third of a dense document's claims, needs 8 bytes
/// (a `Claim` is 272 -> 168 bytes). A figure is shared by the claims of the document
/// that state it alike, bit for bit ([`Quantity::exact_key`]).
#[derive(Debug, Clone)]
pub enum ClaimKind {
    Quantity(Arc<Quantity>),
    /// A date or period the text states (2023年, 2024 Q1, 2010年代, 2025年后).
    Date(Period),
    /// A quote and who said it (and where the speaker is named).
    Quote(Box<QuoteClaim>),
}

/// A quote and who said it.
#[derive(Debug, Clone)]
pub struct QuoteClaim {
    pub text: String,
    pub speaker: String,
    pub speaker_span: Range<usize>,
}

/// One thing the text asserts, with everything needed to compare it elsewhere.
///
/// 64 bytes: a dense document holds a claim every few dozen bytes of text. Its surface
/// text, clause bigrams and forecast cue are ids into tables of the [`Extraction`]
/// ([`Extraction::text`], [`Extraction::context`], [`Extraction::cue`]), its metric an
/// id into the document's metric names ([`Extraction::metric`]), its subject, period
/// and table row one id ([`About`]), and its block, sentence and variant are stored as
/// u32 ([`Claim::block`], [`Claim::sentence`], [`Claim::variant`]).
#[derive(Debug, Clone)]
pub struct Claim {
    pub kind: ClaimKind,
    /// Source bytes of the figure, date or quote ([`Claim::span`]).
    bytes: Bytes,
    /// The surface text at `span` ([`Extraction::text`]), stored once per distinct text
    /// of the document (a figure or date is usually written alike in every variant).
    text: u32,
    /// Its subject, period and table row ([`About`]): an index into
    /// [`Extraction`]'s table of them, each distinct combination stored once.
    about: u32,
    /// Metric id from rules/metrics.toml ("revenue"), if the words around name one: its
    /// name is [`Extraction::metric`]. Two claims name one metric when their ids are equal.
    pub metric: Option<Metric>,
    /// Whether it is stated as a forecast (预计, expected; [`Claim::forecast`]), and for
    /// a forecast date where its forecast word stands ([`Extraction::cue`]).
    forecast: Forecast,
    /// Sources attached to the claim's sentence ([`Extraction::cites`]). Shared by the
    /// claims of a sentence that the same sources cover.
    pub citations: Cites,
    block: u32,
    sentence: u32,
    /// Bigrams of the claim's clause, for similarity ([`Extraction::context`]). Shared
    /// by the claims of a sentence with the same clause, and with the sentence's own
    /// set ([`extract_with_contexts`]) when the clause is the whole sentence.
    context: u32,
    variant: u32,
}

/// What a claim is about besides its own words, as ids into the tables of the
/// [`Extraction`]: held once per distinct combination, not in every claim (a claim is
/// 64 bytes rather than 72, and the 50 MB corpus file's 1,018,380 claims have 48,858
/// combinations).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
struct About {
    /// Entity root of the subject ("tesla"), and how it was written ("特斯拉"): one per
    /// distinct subject ([`Extraction::subject`]).
    subject: Option<Id>,
    /// The period the claim is about (for a figure, if one stands in its clause; a
    /// date's own), each distinct one stored once ([`Extraction::date`]).
    date: Option<Id>,
    /// For a claim in a table: the table index, the row's label (its first cell) and
    /// the column's header ([`Extraction::row`]), one per cell.
    row: Option<Id>,
}

/// The index of the first entry of `list` that `is`, or of `make()` pushed at its end.
fn index_or_push<T>(list: &mut Vec<T>, is: impl Fn(&T) -> bool, make: impl FnOnce() -> T) -> usize {
    match list.iter().position(is) {
        Some(k) => k,
        None => {
            list.push(make());
            list.len() - 1
        }
    }
}

/// A claim for [`Extraction::add`].
pub struct NewClaim<'a> {
    pub kind: ClaimKind,
    pub span: Range<usize>,
    pub text: &'a str,
    pub subject: Option<Subject>,
    pub metric: Option<&'a str>,
    pub date: Option<Period>,
    pub forecast: bool,
    pub block: usize,
    pub sentence: usize,
    pub context: text::Bigrams,
    pub variant: usize,
    pub row: Option<(usize, String, String)>,
}

/// An index into a table of the [`Extraction`], plus one: `Option<Id>` is four bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Id(std::num::NonZeroU32);

impl Id {
    fn new(index: usize) -> Option<Id> {
        u32::try_from(index + 1)
            .ok()
            .and_then(std::num::NonZeroU32::new)
            .map(Id)
    }

    fn index(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// A claim's forecast flag and its forecast word in one u32 (a bool of its own made a
/// `Claim` 8 bytes larger): 0 for a claim that is not a forecast, [`Forecast::NO_CUE`]
/// for a forecast whose word is not recorded, else its cue's [`Id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Forecast(u32);

impl Forecast {
    const NONE: Forecast = Forecast(0);
    const NO_CUE: Forecast = Forecast(u32::MAX);

    fn new(forecast: bool, cue: Option<Id>) -> Forecast {
        match (forecast, cue) {
            (false, _) => Forecast::NONE,
            (true, None) => Forecast::NO_CUE,
            (true, Some(id)) => Forecast(id.0.get()),
        }
    }

    fn cue(self) -> Option<Id> {
        if self == Forecast::NO_CUE {
            return None;
        }
        std::num::NonZeroU32::new(self.0).map(Id)
    }
}

/// A metric a claim names ([`Extraction::metric`] gives its name). Ids are per
/// document, one per distinct name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Metric(Id);

/// A usize index stored as u32: tables this large would not fit in memory first.
fn small(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Source bytes stored as two u32s, half a `Range<usize>`, and read back as one: a
/// dense document holds a span for every claim, source, mention and sentence (four
/// million of them in 50 MB). A text of 4 GiB or more is not analysed
/// ([`crate::analyze`] refuses it), so every offset fits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Bytes {
    start: u32,
    end: u32,
}

impl Bytes {
    fn new(r: Range<usize>) -> Bytes {
        Bytes {
            start: small(r.start),
            end: small(r.end),
        }
    }

    fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The largest text claimlint analyses: its byte offsets are stored as u32 ([`Bytes`]).
pub const MAX_TEXT: usize = u32::MAX as usize;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Subject {
    pub id: String,
    pub root: String,
    pub name: String,
    /// A place (Portland, Maine; 杭州) standing in for a subject: it says where, not
    /// who, so it does not set two figures apart.
    pub place: bool,
}

impl Claim {
    /// Source bytes of the figure, date or quote.
    pub fn span(&self) -> Range<usize> {
        self.bytes.range()
    }

    /// Stated as a forecast (预计, expected).
    pub fn forecast(&self) -> bool {
        self.forecast != Forecast::NONE
    }

    /// Index of the block the claim stands in.
    pub fn block(&self) -> usize {
        self.block as usize
    }

    /// Index of the claim's sentence in the document ([`Extraction::sentences`]).
    pub fn sentence(&self) -> usize {
        self.sentence as usize
    }

    /// Index of the variant the claim belongs to.
    pub fn variant(&self) -> usize {
        self.variant as usize
    }

    pub fn quantity(&self) -> Option<&Quantity> {
        match &self.kind {
            ClaimKind::Quantity(q) => Some(&**q),
            _ => None,
        }
    }
}

/// Does the text between a closing source and a figure carry the source over to it? Only
/// when no semicolon ends a statement there, or the statement after the last one opens
/// with a comparison (…（据血站信息管理系统）；上年为13.58万人次).
fn carries_over(between: &str, lex: &Lexicon) -> bool {
    between
        .rfind(['；', ';'])
        .is_none_or(|i| opens_with_comparison(&between[i..], lex))
}

/// Whether the statement after a semicolon (`rest` starts at it) opens with a
/// comparison that carries a source over. Only its first words are lowercased: a
/// character lowercases alone except a capital sigma, whose form depends on what
/// follows, so with one in those words the whole rest is lowercased as before.
fn opens_with_comparison(rest: &str, lex: &Lexicon) -> bool {
    let rest = rest.trim_start_matches(['；', ';']).trim_start();
    let longest = lex
        .carried_over
        .iter()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    let head = rest
        .char_indices()
        .nth(longest + 1)
        .map_or(rest, |(i, _)| &rest[..i]);
    let lowered = if head.contains('Σ') {
        rest.to_lowercase()
    } else {
        head.to_lowercase()
    };
    lex.carried_over
        .iter()
        .any(|w| lowered.starts_with(w.as_str()))
}

/// [`NEW_STATEMENT`] on the start of `between` it can match: it is anchored, and a
/// match is the run of spaces, brackets and commas that opens the text and at most a
/// seven-byte word and one character after it.
fn new_statement(between: &str) -> bool {
    let rest = between
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ')' | '）' | ',' | '，'));
    let mut end = (between.len() - rest.len() + 16).min(between.len());
    while !between.is_char_boundary(end) {
        end += 1;
    }
    NEW_STATEMENT.is_match(&between[..end])
}

impl Extraction {
    /// A statistic needs a source: a percentage, money, growth, a multiple, a rate, or a
    /// count of 1,000 or more.
    pub fn is_statistic(&self, c: &Claim) -> bool {
        let Some(q) = c.quantity() else {
            return false;
        };
        match &q.unit {
            Unit::Percent | Unit::Points | Unit::Currency(_) | Unit::Multiple => true,
            Unit::Duration(_) => false,
            // (A time measured in seconds is a duration: 1500 毫秒.)
            Unit::Measure(u) if matches!(&**u, "ms" | "s") => !q.per().is_empty(),
            // (A size per 1,000 rows is how big a thing is, not a rate to source.)
            // (So is a small measure in a period, as a small count is: "95 hectolitres a
            // week", "above 12 litres per hour".)
            Unit::Measure(_) => {
                q.written().abs() >= 1000.0
                    || q.per().iter().any(|p| {
                        !p.starts_with(|c: char| c.is_ascii_digit()) && !quantity::is_period(p)
                    })
            }
            // A bare magnitude (万亿参数, 百人) is an order of size, not a statistic.
            Unit::Count => {
                let digits = self
                    .text(c)
                    .chars()
                    .any(|c| number::is_digit(c) || number::is_cn_digit(c));
                // (A small count in a period is still a small count: "40 school groups a
                // year"; one per head or per 1,000 is a rate.)
                let rate = q.per().iter().any(|p| !quantity::is_period(p));
                digits && (q.change != 0 || rate || q.value.abs() >= 1000.0)
            }
        }
    }
}

impl Extraction {
    /// A size a technical text gives of its own system, not a statistic to source: a
    /// count written with a Latin magnitude glued to it (6B, 32K, 1.4T) or a count of
    /// what a system is made of (2000 tokens, 1300亿个参数, 1,500 nodes; `after` is the
    /// text after the figure). A count of people or uptake (31k stars, 1.2M users) is
    /// still a statistic.
    pub fn is_size_spec(&self, c: &Claim, text: &str, lex: &crate::lexicon::Lexicon) -> bool {
        let Some(q) = c.quantity() else {
            return false;
        };
        let after = text.get(c.span().end..).unwrap_or("");
        let before = text.get(..c.span().start).unwrap_or("");
        if !q.per().is_empty() || q.change != 0 {
            return false;
        }
        if matches!(&q.unit, Unit::Measure(u) if lex.spec_units.iter().any(|s| s == &**u)) {
            return true;
        }
        if dimension(before, after) {
            return true;
        }
        let token = matches!(&q.unit, Unit::Measure(u) if &**u == "token");
        let measure = matches!(&q.unit, Unit::Measure(_));
        if !matches!(q.unit, Unit::Count) && !measure {
            return false;
        }
        const UPTAKE: &[&str] = &[
            "users",
            "downloads",
            "stars",
            "contributors",
            "organizations",
            "countries",
            "stores",
            "population",
            "employees",
            "packages",
        ];
        if self.metric(c).is_some_and(|m| UPTAKE.contains(&m)) {
            return false;
        }
        // (Its noun may stand in parentheses: exceeds 2048 (training length).)
        let next =
            text::head(after.trim_start().trim_start_matches(['(', '（']), 48).to_lowercase();
        let noun_at = |at: &str| {
            lex.system_nouns.iter().any(|w| {
                at.strip_prefix(w.as_str()).is_some_and(|rest| {
                    !w.is_ascii() || !rest.starts_with(|c: char| c.is_ascii_alphanumeric())
                })
            })
        };
        // The noun, or the noun after a word or two that describe it (1.4 trillion
        // high-quality tokens).
        let mut system_noun = noun_at(&next);
        let mut rest = next.as_str();
        for _ in 0..2 {
            if system_noun || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                break;
            }
            rest = rest.split_once(' ').map_or("", |(_, r)| r.trim_start());
            system_noun = noun_at(rest);
        }
        // What the clause before it says the figure is: a vocabulary of 100,278, 上下文
        // 窗口达 20万.
        let clause = text::tail(before, 48);
        let clause = clause
            .rsplit(['.', ',', ';', '。', '，', '；', '\n'])
            .next()
            .unwrap_or("")
            .to_lowercase();
        let sized = lex.system_sizes.iter().any(|w| clause.contains(w.as_str()));
        // (A measure is a size only by what the clause says it is.)
        if measure && !token {
            return sized;
        }
        token || system_noun || sized || glued_magnitude(self.text(c))
    }
}

/// Whether a figure is one side of a dimension: 1920 × 1080, "a dataset of 100,000 rows ×
/// 50 columns", 3 x 4 m.
fn dimension(before: &str, after: &str) -> bool {
    let times = |t: &str| t.starts_with(['×', '✕']) || t.starts_with("x ") || t.starts_with("X ");
    // After it: at most one word, then the sign, then a figure.
    let head = text::head(after, 32).trim_start();
    let head = head
        .split_once(' ')
        .filter(|(w, _)| {
            !w.is_empty() && w.chars().all(char::is_alphabetic) && !matches!(*w, "x" | "X")
        })
        .map_or(head, |(_, rest)| rest.trim_start());
    let operand_after = times(head)
        && head[head.chars().next().map_or(0, char::len_utf8)..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
    // Before it: the sign, after a figure and at most one word.
    let tail = text::tail(before, 32).trim_end();
    let operand_before = ['×', '✕', 'x', 'X'].iter().any(|&sign| {
        tail.strip_suffix(sign).is_some_and(|t| {
            let t = t.trim_end();
            let t = t
                .rsplit_once(' ')
                .filter(|(_, w)| w.chars().all(char::is_alphabetic))
                .map_or(t, |(rest, _)| rest.trim_end());
            (sign == '×' || sign == '✕' || tail.len() > t.len() + 1)
                && t.ends_with(|c: char| c.is_ascii_digit())
        })
    });
    operand_after || operand_before
}

/// A Latin magnitude glued to digits and ending the number: 6B, 32K, 1.4T, 110M (not
/// 3090s, not 4K60).
fn glued_magnitude(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(3).enumerate().any(|(i, w)| {
        w[0].is_ascii_digit()
            && matches!(w[1], 'K' | 'k' | 'M' | 'B' | 'T')
            && !w[2].is_ascii_alphanumeric()
            && i + 3 <= chars.len()
    }) || chars.len() >= 2
        && chars[chars.len() - 2].is_ascii_digit()
        && matches!(chars[chars.len() - 1], 'K' | 'k' | 'M' | 'B' | 'T')
}

/// A sentence of a block, with what was found in it. 24 bytes: a dense document has a
/// sentence every 80 bytes of text.
#[derive(Debug, Clone)]
pub struct SentenceInfo {
    pub block: u32,
    /// Source bytes of the sentence ([`SentenceInfo::span`]).
    bytes: Bytes,
    /// Every source of the sentence ([`Extraction::cites`]). Shared with its claims
    /// that all of them cover.
    pub citations: Cites,
    /// The Latin-script words of the sentence (names in Chinese text), hashed and
    /// sorted: what a translation keeps (Linux, macOS, FreeBSD). Read with
    /// [`Extraction::latin`]; stored once for the sentences of the document with the
    /// same words. The top bit says whether the sentence is written mostly in Chinese
    /// characters ([`SentenceInfo::cjk`]): a bool of its own made the record 40 bytes.
    latin: u32,
}

/// The bit of [`SentenceInfo`]'s `latin` that says the sentence is written in Chinese.
const CJK_BIT: u32 = 1 << 31;

impl SentenceInfo {
    /// Source bytes of the sentence.
    pub fn span(&self) -> Range<usize> {
        self.bytes.range()
    }

    /// Written mostly in Chinese characters.
    pub fn cjk(&self) -> bool {
        self.latin & CJK_BIT != 0
    }
}

/// An entity mention in source coordinates.
#[derive(Debug, Clone)]
pub struct MentionSpan {
    /// Source bytes of the mention ([`MentionSpan::span`]).
    bytes: Bytes,
    /// What it names, shared by every mention of the document that names the same
    /// (a dense document names a few dozen entities tens of thousands of times).
    pub entity: Arc<Entity>,
}

impl MentionSpan {
    /// Source bytes of the mention.
    pub fn span(&self) -> Range<usize> {
        self.bytes.range()
    }
}

/// The entity a mention names: its id, root and kind, and how it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entity {
    pub id: String,
    pub root: String,
    pub name: String,
    pub kind: crate::lexicon::EntityKind,
}

/// The sources of a claim or a sentence: a run of [`Extraction::citations`], read with
/// [`Extraction::cites`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cites {
    start: u32,
    len: u32,
}

impl Cites {
    pub fn len(self) -> usize {
        self.len as usize
    }

    pub fn is_empty(self) -> bool {
        self.len == 0
    }

    /// The first `n` of the run.
    fn first(self, n: usize) -> Cites {
        Cites {
            start: self.start,
            len: self.len.min(u32::try_from(n).unwrap_or(u32::MAX)),
        }
    }
}

/// Everything extracted from one document.
#[derive(Debug, Default)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    /// The sources of every sentence, and of its claims when only some of them cover
    /// a claim, one run each ([`Cites`]): in one table for the document, not a shared
    /// list each (a list's header and an allocation for every sentence of a dense
    /// document).
    pub citations: Vec<Citation>,
    pub sentences: Vec<SentenceInfo>,
    /// Every entity mention, by source span, for coverage and attribution checks.
    pub mentions: Vec<MentionSpan>,
    /// Vague source phrases, by source span.
    pub vague: Vec<(Range<usize>, String)>,
    /// For each sentence, the index of its first claim, and one more entry after the
    /// last sentence: claims are extracted sentence by sentence, so a sentence's claims
    /// run from its start to the next sentence's ([`Extraction::claims_of`]; u32, since
    /// 2^32 claims would not fit in memory; one u32 a sentence, not a pair).
    claim_starts: Vec<u32>,
    /// The claims' surface texts, each distinct text once, one after another
    /// ([`Extraction::text`]), and where each ends.
    texts: String,
    text_ends: Vec<u32>,
    /// The bigram sets of the claims' clauses, each distinct set once
    /// ([`Extraction::context`]).
    contexts: Vec<text::Bigrams>,
    /// The sentences' Latin words ([`Extraction::latin`]), each distinct list once, one
    /// after another, and where each ends.
    latin: Vec<u64>,
    latin_ends: Vec<u32>,
    /// What a claim's place in its variant is computed from ([`Extraction::position`]).
    places: Places,
    /// The metric names the claims name, each once ([`Extraction::metric`]).
    metrics: Vec<Arc<str>>,
    /// The periods the claims are about, each distinct one once ([`Extraction::date`]).
    dates: Vec<Period>,
    /// The claims' subjects, each distinct one once ([`Extraction::subject`]).
    subjects: Vec<Subject>,
    /// The table index, row label and column header of each table cell that holds
    /// claims ([`Extraction::row`]).
    rows: Vec<(usize, String, String)>,
    /// The version strings in the other cells of a row, by row id, for rows that have
    /// any ([`Extraction::row_versions`]).
    row_versions: HashMap<u32, Box<str>>,
    /// Where the forecast word of each forecast date stands ([`Extraction::cue`]).
    cues: Vec<Range<usize>>,
    /// What the claims are about ([`About`]), each distinct combination once.
    abouts: Vec<About>,
}

/// What a claim's place in its variant is computed from ([`Extraction::position`]).
#[derive(Debug, Default)]
struct Places {
    /// Per variant: its first byte, the comment bytes before it, and its length less
    /// its comments (at least 1).
    variants: Vec<[usize; 3]>,
    /// The comments' first bytes, in order.
    comment_starts: Vec<usize>,
    /// The comment bytes before each comment, and after the last: one more than
    /// `comment_starts`.
    comment_bytes: Vec<usize>,
}

impl Places {
    /// Comment bytes before `offset`.
    fn commented_before(&self, offset: usize) -> usize {
        let k = self.comment_starts.partition_point(|&s| s < offset);
        self.comment_bytes.get(k).copied().unwrap_or(0)
    }
}

impl Extraction {
    /// Once the document is split into variants (`variants`, in order, each starting
    /// at its first byte): set each claim's variant, the one its start falls in, and
    /// keep what its position is computed from. `comments` are the document's
    /// comments, in order: a claim's position in its variant counts prose, not
    /// comments, so that a suppression comment does not move a figure away from its
    /// translation.
    pub fn locate(&mut self, variants: &[Range<usize>], comments: &[Range<usize>]) {
        let starts: Vec<usize> = variants.iter().map(|v| v.start).collect();
        let variant_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
        for c in &mut self.claims {
            c.variant = small(variant_of(c.span().start));
        }
        let mut places = Places {
            variants: Vec::with_capacity(variants.len()),
            comment_starts: Vec::with_capacity(comments.len()),
            comment_bytes: Vec::with_capacity(comments.len() + 1),
        };
        places.comment_bytes.push(0);
        for c in comments {
            places.comment_starts.push(c.start);
            let before = places.comment_bytes.last().copied().unwrap_or(0);
            places.comment_bytes.push(before + c.len());
        }
        for r in variants {
            let before = places.commented_before(r.start);
            let skip_all = places.commented_before(r.end) - before;
            places
                .variants
                .push([r.start, before, r.len().saturating_sub(skip_all).max(1)]);
        }
        self.places = places;
    }

    /// Where a claim stands in its variant, 0.0 (start) to 1.0 (end): drafts and
    /// translations keep their order, so position helps align across languages.
    /// Computed from its start and its variant's place ([`Extraction::locate`]), not
    /// stored: a dense document holds a million claims. 0.0 before the claims are
    /// located.
    pub fn position(&self, c: &Claim) -> f64 {
        let Some(&[start, before, len]) = self.places.variants.get(c.variant()) else {
            return 0.0;
        };
        let at = c.span().start;
        let skip_before = self.places.commented_before(at) - before;
        let at = at.saturating_sub(start).saturating_sub(skip_before);
        at as f64 / len as f64
    }

    /// The claims of a sentence, as indices into `claims` (none for a sentence that is
    /// not there).
    pub fn claims_of(&self, sentence: usize) -> Range<usize> {
        match (
            self.claim_starts.get(sentence),
            self.claim_starts.get(sentence + 1),
        ) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// The surface text of a claim: the text at its span, as the block's prose gives it.
    pub fn text(&self, c: &Claim) -> &str {
        self.text_of(c.text)
    }

    fn text_of(&self, id: u32) -> &str {
        let i = id as usize;
        let start = match i.checked_sub(1) {
            Some(k) => self.text_ends.get(k).map_or(0, |&e| e as usize),
            None => 0,
        };
        let end = self.text_ends.get(i).map_or(start, |&e| e as usize);
        self.texts.get(start..end).unwrap_or("")
    }

    /// The Latin-script words of a sentence, hashed and sorted ([`SentenceInfo`]).
    pub fn latin(&self, s: &SentenceInfo) -> &[u64] {
        self.latin_of(s.latin & !CJK_BIT)
    }

    fn latin_of(&self, id: u32) -> &[u64] {
        let i = id as usize;
        let start = match i.checked_sub(1) {
            Some(k) => self.latin_ends.get(k).map_or(0, |&e| e as usize),
            None => 0,
        };
        let end = self.latin_ends.get(i).map_or(start, |&e| e as usize);
        self.latin.get(start..end).unwrap_or(&[])
    }

    /// A sentence's Latin words and whether it is written in Chinese, as
    /// [`text::shared_names`] takes them.
    pub fn names(&self, s: &SentenceInfo) -> (&[u64], bool) {
        (self.latin(s), s.cjk())
    }

    /// The bigrams of a claim's clause, for similarity.
    pub fn context(&self, c: &Claim) -> &text::Bigrams {
        static EMPTY: LazyLock<text::Bigrams> = LazyLock::new(text::Bigrams::default);
        self.contexts.get(c.context as usize).unwrap_or(&EMPTY)
    }

    /// The name of the metric a claim names ("revenue").
    pub fn metric(&self, c: &Claim) -> Option<&str> {
        self.metric_name(c.metric?)
    }

    /// The name of a metric.
    pub fn metric_name(&self, m: Metric) -> Option<&str> {
        self.metrics.get(m.0.index()).map(|n| &**n)
    }

    /// The period a claim is about: for a figure the one its clause states, if any;
    /// for a date the date itself.
    pub fn date(&self, c: &Claim) -> Option<&Period> {
        self.dates.get(self.about(c).date?.index())
    }

    fn about(&self, c: &Claim) -> About {
        self.abouts
            .get(c.about as usize)
            .copied()
            .unwrap_or_default()
    }

    /// What a claim is about: the entity its words name (or a place standing in).
    pub fn subject(&self, c: &Claim) -> Option<&Subject> {
        self.subjects.get(self.about(c).subject?.index())
    }

    /// For a claim in a table: the table index, the row's label (its first cell) and
    /// the column's header.
    pub fn row(&self, c: &Claim) -> Option<&(usize, String, String)> {
        self.rows.get(self.about(c).row?.index())
    }

    /// For a claim in a table: the versions its row names ("| Skerry | 0.9.2 | 0.58 |"),
    /// joined by spaces; empty when there are none.
    pub fn row_versions(&self, c: &Claim) -> &str {
        self.about(c)
            .row
            .and_then(|r| u32::try_from(r.index()).ok())
            .and_then(|r| self.row_versions.get(&r))
            .map_or("", |v| v)
    }

    /// For a forecast date: where its forecast word stands.
    pub fn cue(&self, c: &Claim) -> Option<&Range<usize>> {
        self.cues.get(c.forecast.cue()?.index())
    }

    /// Add a claim built outside extraction (benchmarks, tests), with no source and no
    /// forecast cue; its text, clause bigrams and metric go into the tables.
    pub fn add(&mut self, c: NewClaim<'_>) {
        self.texts.push_str(c.text);
        self.text_ends.push(small(self.texts.len()));
        self.contexts.push(c.context);
        let metric = c.metric.and_then(|name| {
            Id::new(index_or_push(
                &mut self.metrics,
                |m| &**m == name,
                || name.into(),
            ))
            .map(Metric)
        });
        let subject = c
            .subject
            .and_then(|s| Id::new(index_or_push(&mut self.subjects, |o| *o == s, || s.clone())));
        let date = c
            .date
            .and_then(|d| Id::new(index_or_push(&mut self.dates, |o| *o == d, || d.clone())));
        let row = c.row.and_then(|r| {
            self.rows.push(r);
            Id::new(self.rows.len() - 1)
        });
        // (One entry per claim: claims built one by one are few.)
        self.abouts.push(About { subject, date, row });
        self.claims.push(Claim {
            kind: c.kind,
            bytes: Bytes::new(c.span),
            text: small(self.text_ends.len() - 1),
            about: small(self.abouts.len() - 1),
            metric,
            forecast: Forecast::new(c.forecast, None),
            citations: Cites::default(),
            block: small(c.block),
            sentence: small(c.sentence),
            context: small(self.contexts.len() - 1),
            variant: small(c.variant),
        });
    }

    /// The sources of a run ([`Claim::citations`], [`SentenceInfo::citations`]).
    pub fn cites(&self, list: Cites) -> &[Citation] {
        let start = list.start as usize;
        self.citations
            .get(start..start.saturating_add(list.len()))
            .unwrap_or(&[])
    }

    /// The first named source of a claim.
    pub fn named_citation(&self, c: &Claim) -> Option<&Citation> {
        self.cites(c.citations)
            .iter()
            .find(|x| x.kind == CitationKind::Named)
    }

    /// Add `list` to the table as a run.
    fn add_cites<'c>(&mut self, list: impl Iterator<Item = &'c Citation>) -> Cites {
        let start = self.citations.len();
        self.citations.extend(list.cloned());
        // 2^32 sources in one document would take hundreds of gigabytes before this
        // table reached them; a run that did not fit would read as no source.
        match (
            u32::try_from(start),
            u32::try_from(self.citations.len() - start),
        ) {
            (Ok(start), Ok(len)) => Cites { start, len },
            _ => Cites::default(),
        }
    }
}

/// What a table cell inherits from its table: the row's label and the column's header
/// (so 4.27亿美元 in the 专业可视化 row is about 专业可视化), and the source the table
/// gives for its rows (a Source column, or a "Source:" line under the table).
#[derive(Debug, Default, Clone)]
struct CellContext {
    prefix: String,
    /// Table index, the row's first cell and the column's header.
    row: (usize, String, String),
    source: Option<Citation>,
    /// The unit its column's header or its row's label gives bare figures (缴存额（亿元）).
    unit: Option<Quantity>,
    /// The unit bracket at the end of the cell's own text (a label's （万个）): its
    /// numerals name the unit, they are no figure.
    own_unit: Option<Range<usize>>,
    /// The version strings in the row's other cells ("| Skerry | 0.9.2 | 0.58 |"): a row
    /// measuring another release is another claim.
    versions: Box<str>,
}

static SOURCE_HEADER: Gated = Gated::new(
    r"(?i)^\s*(?:来源|数据来源|资料来源|出处|引用|來源|數據來源|資料來源|出處|sources?|references?|citations?|data source)\s*$",
    // `^\s*` and then one of the names opens the text (`\s` is what `trim_start` trims).
    Gate::Custom(|t| {
        crate::gate::starts_caseless(
            t.trim_start(),
            &[
                "来源",
                "数据来源",
                "资料来源",
                "出处",
                "引用",
                "來源",
                "數據來源",
                "資料來源",
                "出處",
                "source",
                "reference",
                "citation",
                "data source",
            ],
        )
    }),
);

/// What opens a new statement after a closing source: ", and the channel recorded …",
/// "，而…", "，但…".
static NEW_STATEMENT: Gated = Gated::new(
    r"^\s*[)）]?\s*[,，]\s*(?:and|but|while|whereas|而|但|但是|同时|此外|另外|另有)(?:\s|[^\x00-\x7f])",
    Gate::Contains(&[",", "，"]),
);

/// A "Source: …" sentence: the paragraph's first, or one after a full stop ("Test
/// machine: Chrome 128. Source: [benchmark report](…)").
static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    // (In Simplified or Traditional characters: 资料来源 / 資料來源.)
    Regex::new(r"(?i)(?:^|[.!?]\s+|[。！？]\s*)((?:\p{Han}{0,4}(?:来源|來源|依据|依據)|出处|出處|(?:[a-z]+\s+){0,2}(?:sources?|data|figures|results)|prices?)\s*[:：]\s*\S)")
        .expect("source line regex")
});

/// Words right before a link that send the reader to where a table's figures come from:
/// "Full results and scripts: see [benchmarks/2026-10]", 完整结果与复现脚本见 [...].
static RESULTS_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(?:see|in|at|from)|详见|参见|见于|见|載於|载于|详情|請見|请见)\s*[:：]?\s*$",
    )
    .expect("results cue regex")
});

/// The note under a table that links to its full results ("Full results and scripts: see
/// [benchmarks/2026-10](…)", 完整结果与复现脚本见 [...]): the link is the rows' source.
fn results_link(b: &Block) -> Option<Citation> {
    let (r, _) = b.links().iter().find(|(r, _)| {
        let before = &b.text[..r.start];
        let sentence = before
            .rfind(['。', '.', '!', '?', '！', '？'])
            .map_or(before, |i| &before[i..])
            .to_lowercase();
        RESULTS_CUE.is_match(before.trim_end_matches(['(', '（', ' ']))
            && [
                "result",
                "benchmark",
                "script",
                "method",
                "data",
                "detail",
                "结果",
                "复现",
                "脚本",
                "方法",
                "数据",
                "详情",
                "基准",
            ]
            .iter()
            .any(|w| sentence.contains(w))
    })?;
    let text = &b.text[r.clone()];
    Some(Citation::plain(b.to_src(r.clone()), text))
}

/// A cell that is a release's version: 0.9.2, v1.0.0, 2.1.0-rc1.
static VERSION_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[vV]?\d+\.\d+\.\d+(?:[-.][0-9A-Za-z.]+)?$").expect("version cell regex")
});

/// The context of each table cell, by block index. Only cells have one: an entry for
/// every block (200 bytes each) was 58 MB of a dense document's 292,130 blocks, held
/// through extraction for its 8,210 cells.
fn cell_contexts(doc: &Doc, lex: &Lexicon) -> HashMap<usize, CellContext> {
    let blocks = &doc.blocks;
    let mut out: HashMap<usize, CellContext> = HashMap::default();
    // Cells by (table, row, col).
    let mut cells: HashMap<(usize, usize, usize), usize> = HashMap::default();
    for (i, b) in blocks.iter().enumerate() {
        if let Some(c) = b.cell {
            cells.insert((c.table as usize, c.row as usize, c.col as usize), i);
        }
    }
    for (ti, trange) in doc.tables.iter().enumerate() {
        let source_col = (0..64).find(|&col| {
            cells
                .get(&(ti, 0, col))
                .is_some_and(|&i| SOURCE_HEADER.is_match(&blocks[i].text))
        });
        // A "Source: …" paragraph right under the table cites every row (under the last
        // of tables that follow one another: one price list in two tables).
        let under = doc
            .top
            .iter()
            .position(|t| t.range.start >= trange.end)
            .and_then(|k| {
                doc.top[k..].iter().find(|t| {
                    t.kind != TopKind::Other || !doc.tables.iter().any(|r| r.start == t.range.start)
                })
            })
            .filter(|t| t.kind == TopKind::Paragraph)
            .and_then(|t| blocks.iter().find(|b| b.range.start == t.range.start))
            .and_then(|b| {
                let Some(at) = SOURCE_LINE.captures(&b.text).and_then(|c| c.get(1)) else {
                    return results_link(b);
                };
                let at = at.start();
                if b.text[..at].trim().is_empty() {
                    return Some(Citation::plain(b.range.clone(), b.text.trim()));
                }
                let line = b.text[at..].trim_end();
                Some(Citation::plain(b.to_src(at..at + line.len()), line))
            });
        // Units (and their brackets) by column header and by row label, read once per
        // table.
        type Labelled = Option<(Range<usize>, Quantity)>;
        let mut units: HashMap<(bool, usize), Labelled> = HashMap::default();
        let mut unit_of = |key: (bool, usize), cell: Option<&usize>| -> Labelled {
            units
                .entry(key)
                .or_insert_with(|| cell.and_then(|&k| quantity::of_label(&blocks[k].text, lex)))
                .clone()
        };
        for (&(t, row, col), &i) in &cells {
            if t != ti || row == 0 {
                continue;
            }
            let mut prefix = String::new();
            if col > 0 {
                if let Some(&first) = cells.get(&(t, row, 0)) {
                    prefix.push_str(&blocks[first].text);
                    prefix.push(' ');
                }
            }
            if let Some(&head) = cells.get(&(t, 0, col)) {
                prefix.push_str(&blocks[head].text);
            }
            let source = source_col
                .filter(|&sc| sc != col)
                .and_then(|sc| cells.get(&(t, row, sc)))
                .map(|&si| &blocks[si])
                .filter(|sb| sb.text.chars().any(char::is_alphanumeric))
                .map(|sb| Citation::plain(sb.range.clone(), sb.text.trim()))
                .or_else(|| under.clone());
            let label = cells
                .get(&(t, row, 0))
                .map(|&f| blocks[f].text.trim().to_string())
                .unwrap_or_default();
            let header = cells
                .get(&(t, 0, col))
                .map(|&h| blocks[h].text.trim().to_string())
                .unwrap_or_default();
            // The column's unit, else the row's (a table of 指标 rows, one year a column).
            let row_unit = unit_of((false, row), cells.get(&(t, row, 0)));
            let unit = unit_of((true, col), cells.get(&(t, 0, col)))
                .or_else(|| row_unit.clone().filter(|_| col > 0))
                .map(|(_, q)| q);
            // (The row's label is this cell when it stands first.)
            let own_unit = row_unit.filter(|_| col == 0).map(|(r, _)| r);
            let versions: Vec<&str> = (0..64)
                .filter(|&c| c != col)
                .filter_map(|c| cells.get(&(t, row, c)))
                .map(|&k| blocks[k].text.trim())
                .filter(|x| VERSION_CELL.is_match(x))
                .collect();
            out.insert(
                i,
                CellContext {
                    prefix,
                    row: (t, label, header),
                    source,
                    unit,
                    own_unit,
                    versions: versions.join(" ").into(),
                },
            );
        }
    }
    out
}

/// Extract claims from every prose block of a document.
pub fn extract(doc: &Doc, lex: &Lexicon) -> Extraction {
    extract_with_contexts(doc, lex).0
}

/// [`extract`], and for each sentence the bigrams of its text (after its table cell's
/// prefix) when it holds a claim, empty otherwise: what alignment compares
/// ([`crate::align::align_with`]) and nothing after it, so the check drops them once
/// the claims are aligned.
pub fn extract_with_contexts(doc: &Doc, lex: &Lexicon) -> (Extraction, Vec<text::Bigrams>) {
    let mut ex = Extractor::new(doc, lex);
    for (bi, block) in doc.blocks.iter().enumerate() {
        ex.block(bi, block, doc.blocks.get(bi + 1));
    }
    ex.finish()
}

/// [`extract_with_contexts`], releasing each block's prose ([`Doc::release_prose`]) as
/// soon as its claims are extracted: on a large document the prose is a sixth of what
/// extraction would otherwise end beside.
pub fn extract_releasing(doc: &mut Doc, lex: &Lexicon) -> (Extraction, Vec<text::Bigrams>) {
    let mut ex = Extractor::new(doc, lex);
    for bi in 0..doc.blocks.len() {
        ex.block(bi, &doc.blocks[bi], doc.blocks.get(bi + 1));
        doc.blocks[bi].release_prose();
    }
    ex.finish()
}

/// What extraction keeps from block to block.
struct Extractor<'l> {
    lex: &'l Lexicon,
    /// By block index ([`cell_contexts`]).
    cells: HashMap<usize, CellContext>,
    known: entity::Known,
    subjects: Subjects,
    names: Names,
    texts: Texts,
    ids: Ids,
    out: Extraction,
    contexts: Vec<text::Bigrams>,
    years: Years,
    /// Lists reused from sentence to sentence.
    scratch: entity::Scratch,
}

/// The year a month or day written without one is taken to be in ([`date::infer_years`]):
/// the last year stated before it in its paragraph, else in an earlier paragraph of its
/// section, else its section's heading's (or an enclosing heading's), else the
/// document's (the year its opening, before any heading or under its title, states
/// first).
#[derive(Default)]
struct Years {
    /// By heading ([`Doc::headings`]): the year its text or an enclosing heading states.
    heading: Vec<Option<i32>>,
    document: Option<i32>,
    /// The section of the last block read, and the year its text left.
    carry: Option<(Option<usize>, i32)>,
}

/// The one year `text` states, if it states one.
fn one_year(text: &str) -> Option<i32> {
    let mut found = date::find(text);
    date::infer_years(text, &mut found, None)?;
    let mut years = found
        .iter()
        .filter(|f| f.period.year_from == date::YearFrom::Stated)
        .map(|f| f.period.year);
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

impl Years {
    fn new(doc: &Doc) -> Years {
        let mut heading = Vec::with_capacity(doc.headings.len());
        // (level, year) of the enclosing headings.
        let mut stack: Vec<(u8, Option<i32>)> = Vec::new();
        for h in &doc.headings {
            while stack.last().is_some_and(|&(l, _)| l >= h.level) {
                stack.pop();
            }
            let year = one_year(&h.text).or_else(|| stack.last().and_then(|&(_, y)| y));
            stack.push((h.level, year));
            heading.push(year);
        }
        let document = doc
            .blocks
            .iter()
            // The opening: before any heading, or under a title (a first heading of
            // level 1), not a first variant's text.
            .take_while(|b| {
                b.section()
                    .is_none_or(|s| s == 0 && doc.headings.first().is_some_and(|h| h.level == 1))
            })
            .filter(|b| !b.in_footnote)
            .find_map(|b| {
                let mut found = date::find(&b.text);
                date::infer_years(&b.text, &mut found, None)?;
                found
                    .iter()
                    .find(|f| f.period.year_from == date::YearFrom::Stated)
                    .map(|f| f.period.year)
            });
        Years {
            heading,
            document,
            carry: None,
        }
    }

    /// The year a block of `section` starts in.
    fn context(&self, section: Option<usize>) -> Option<i32> {
        match self.carry {
            Some((s, y)) if s == section => Some(y),
            _ => section
                .and_then(|s| self.heading.get(s).copied().flatten())
                .or(self.document),
        }
    }
}

impl<'l> Extractor<'l> {
    /// What the blocks of `doc` share: their table cells' context and the names the
    /// document uses.
    fn new(doc: &Doc, lex: &'l Lexicon) -> Self {
        let cells = cell_contexts(doc, lex);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        let blocks: Vec<&Block> = doc.blocks.iter().collect();
        // Titles: headings of level 1 (each file of a folder has its own).
        let titles: Vec<&str> = doc
            .headings
            .iter()
            .filter(|h| h.level == 1)
            .map(|h| h.text.as_str())
            .collect();
        let known = entity::Known::new(
            entity::known_names(&texts),
            entity::bold_names(&blocks),
            entity::translated_names(&titles, &texts),
            lex,
        );
        Extractor {
            lex,
            cells,
            known,
            subjects: Subjects::default(),
            names: Names::default(),
            texts: Texts::default(),
            ids: Ids::default(),
            out: Extraction::default(),
            contexts: Vec::new(),
            years: Years::new(doc),
            scratch: entity::Scratch::default(),
        }
    }

    /// Extract the claims of block `bi`, in document order; `next` is the block after
    /// it (where a quote's byline may stand).
    fn block(&mut self, bi: usize, block: &Block, next: Option<&Block>) {
        if block.in_footnote {
            return;
        }
        let section = block.section();
        let context = self.years.context(section);
        let year = extract_block(
            bi,
            block,
            context,
            next.filter(|n| !n.in_footnote && n.cell.is_none()),
            self.cells.get(&bi),
            self.lex,
            &self.known,
            &mut self.subjects,
            &mut self.names,
            &mut self.texts,
            &mut self.ids,
            &mut self.out,
            &mut self.contexts,
            &mut self.scratch,
        );
        if let Some(y) = year {
            self.years.carry = Some((section, y));
        }
    }

    fn finish(self) -> (Extraction, Vec<text::Bigrams>) {
        let Extractor {
            mut out,
            mut contexts,
            ..
        } = self;
        // A dense document has a claim every few dozen bytes: the vectors' doubling
        // slack is given back before the rules run (a reallocation in place for large
        // ones).
        out.claims.shrink_to_fit();
        out.sentences.shrink_to_fit();
        out.mentions.shrink_to_fit();
        out.citations.shrink_to_fit();
        out.texts.shrink_to_fit();
        out.latin.shrink_to_fit();
        out.latin_ends.shrink_to_fit();
        out.text_ends.shrink_to_fit();
        out.contexts.shrink_to_fit();
        out.cues.shrink_to_fit();
        out.subjects.shrink_to_fit();
        out.dates.shrink_to_fit();
        out.rows.shrink_to_fit();
        out.abouts.shrink_to_fit();
        debug_assert!(out.claims.is_sorted_by_key(|c| c.sentence));
        // Sorted by sentence, so the claims before sentence s's first are those of
        // the sentences before it.
        let mut starts = Vec::with_capacity(out.sentences.len() + 1);
        let mut k = 0;
        for s in 0..=out.sentences.len() {
            while out.claims.get(k).is_some_and(|c| c.sentence() < s) {
                k += 1;
            }
            starts.push(small(k));
        }
        out.claim_starts = starts;
        contexts.shrink_to_fit();
        (out, contexts)
    }
}

/// One entry of [`Extraction::subject`]'s table per distinct subject of a document:
/// claims hold its id instead of each holding three strings.
#[derive(Default)]
struct Subjects(HashMap<Subject, Id>);

impl Subjects {
    fn intern(&mut self, s: Option<Subject>, out: &mut Extraction) -> Option<Id> {
        let s = s?;
        if let Some(&id) = self.0.get(&s) {
            return Some(id);
        }
        let id = Id::new(out.subjects.len())?;
        out.subjects.push(s.clone());
        self.0.insert(s, id);
        Some(id)
    }
}

/// One `Arc<Entity>` per distinct entity of a document, for mentions.
#[derive(Default)]
struct Names(HashSet<Arc<Entity>>);

impl Names {
    fn intern(&mut self, e: Entity) -> Arc<Entity> {
        if let Some(shared) = self.0.get(&e) {
            return shared.clone();
        }
        let shared = Arc::new(e);
        self.0.insert(shared.clone());
        shared
    }
}

/// What finds a claim's text, clause bigrams and metric already in the tables of the
/// [`Extraction`], so that each distinct one is stored once.
#[derive(Default)]
struct Ids {
    /// By hash of a text: the last text id stored with that hash.
    texts: HashMap<u64, u32, std::hash::BuildHasherDefault<crate::similar::IntHasher>>,
    sets: HashMap<text::Bigrams, u32>,
    metrics: HashMap<Arc<str>, Metric>,
    dates: HashMap<Period, Id>,
    /// (Integer ids: the integer hasher. Claims of a sentence are often about the same,
    /// so the last one is looked at first.)
    abouts: crate::similar::IntMap<About, u32>,
    last_about: Option<(About, u32)>,
    /// By hash of a figure bit for bit: the last figure stored with that hash.
    quantities:
        HashMap<u64, Arc<Quantity>, std::hash::BuildHasherDefault<crate::similar::IntHasher>>,
    /// By hash of a list of Latin words: the last list stored with that hash.
    latin: HashMap<u64, u32, std::hash::BuildHasherDefault<crate::similar::IntHasher>>,
}

impl Ids {
    /// The id of `s` in [`Extraction::text`]'s table, added when it is not there.
    fn text(&mut self, s: &str, out: &mut Extraction) -> u32 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        s.hash(&mut h);
        let key = h.finish();
        if let Some(&id) = self.texts.get(&key) {
            if out.text_of(id) == s {
                return id;
            }
        }
        out.texts.push_str(s);
        out.text_ends.push(small(out.texts.len()));
        let id = small(out.text_ends.len() - 1);
        self.texts.insert(key, id);
        id
    }

    /// The id of a sentence's list of Latin words in [`Extraction::latin`]'s table.
    fn latin(&mut self, words: &[u64], out: &mut Extraction) -> u32 {
        use std::hash::{Hash, Hasher};
        let mut h = crate::similar::IntHasher::default();
        words.hash(&mut h);
        let key = h.finish();
        if let Some(&id) = self.latin.get(&key) {
            if out.latin_of(id) == words {
                return id;
            }
        }
        out.latin.extend_from_slice(words);
        out.latin_ends.push(small(out.latin.len()));
        let id = small(out.latin_ends.len() - 1);
        self.latin.insert(key, id);
        id
    }

    /// The id of a bigram set in [`Extraction::context`]'s table.
    fn set(&mut self, set: text::Bigrams, out: &mut Extraction) -> u32 {
        if let Some(&id) = self.sets.get(&set) {
            return id;
        }
        let id = small(out.contexts.len());
        out.contexts.push(set.clone());
        self.sets.insert(set, id);
        id
    }

    /// The index of a claim's [`About`] in [`Extraction`]'s table of them.
    fn about(&mut self, a: About, out: &mut Extraction) -> u32 {
        if let Some((last, k)) = self.last_about {
            if last == a {
                return k;
            }
        }
        let k = *self.abouts.entry(a).or_insert_with(|| {
            out.abouts.push(a);
            small(out.abouts.len() - 1)
        });
        self.last_about = Some((a, k));
        k
    }

    /// The document's shared copy of a figure.
    fn quantity(&mut self, q: Quantity) -> Arc<Quantity> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        q.exact_key().hash(&mut h);
        let key = h.finish();
        if let Some(shared) = self.quantities.get(&key) {
            if shared.exact_key() == q.exact_key() {
                return shared.clone();
            }
        }
        let shared = Arc::new(q);
        self.quantities.insert(key, shared.clone());
        shared
    }

    /// The id of a period in [`Extraction::date`]'s table.
    fn date(&mut self, p: Option<Period>, out: &mut Extraction) -> Option<Id> {
        let p = p?;
        if let Some(&id) = self.dates.get(&p) {
            return Some(id);
        }
        let id = Id::new(out.dates.len())?;
        out.dates.push(p.clone());
        self.dates.insert(p, id);
        Some(id)
    }

    /// The id of a metric name.
    fn metric(&mut self, name: Arc<str>, out: &mut Extraction) -> Option<Metric> {
        if let Some(&m) = self.metrics.get(&name) {
            return Some(m);
        }
        let m = Metric(Id::new(out.metrics.len())?);
        out.metrics.push(name.clone());
        self.metrics.insert(name, m);
        Some(m)
    }
}

/// One `Arc` per distinct claim text, source text and list of source names of a
/// document: a figure or date is usually written alike in every variant, and so is
/// the source it cites.
#[derive(Default)]
struct Texts {
    texts: HashSet<Arc<str>>,
    names: HashSet<Arc<[String]>>,
    sources: HashSet<Arc<Source>>,
}

/// The set's shared copy of `v`, added when it is not there yet.
fn intern_in<T: ?Sized + std::hash::Hash + Eq>(set: &mut HashSet<Arc<T>>, v: &T) -> Arc<T>
where
    for<'a> Arc<T>: From<&'a T>,
{
    if let Some(shared) = set.get(v) {
        return shared.clone();
    }
    let shared: Arc<T> = v.into();
    set.insert(shared.clone());
    shared
}

impl Texts {
    fn intern(&mut self, s: &str) -> Arc<str> {
        intern_in(&mut self.texts, s)
    }

    /// The document's shared copy of what a source says.
    fn source(&mut self, text: &str, names: &[String], url: Option<&str>) -> Arc<Source> {
        let s = Source {
            text: self.intern(text),
            names: self.intern_names(names),
            url: url.map(Arc::from),
        };
        if let Some(shared) = self.sources.get(&s) {
            return shared.clone();
        }
        let shared = Arc::new(s);
        self.sources.insert(shared.clone());
        shared
    }

    fn intern_names(&mut self, names: &[String]) -> Arc<[String]> {
        if names.is_empty() {
            return Arc::default();
        }
        intern_in(&mut self.names, names)
    }
}

/// A sentence's sources, read once so that each of its claims finds the sources that
/// cover it by binary search: a sentence may hold thousands of figures and sources.
struct Covering<'a> {
    t: &'a str,
    s: &'a text::Sentence,
    cites: &'a [citation::Found],
    mentions: &'a [Mention],
    /// The opening sources, in order (the sources are sorted by start).
    ahead: Vec<usize>,
    /// The sources a claim before them takes as its own: a closing one, or an opening one
    /// with no figure after it.
    own: Vec<usize>,
    /// The closing sources, and from each on the least end of it and those after it.
    closing: Vec<usize>,
    least_end: Vec<usize>,
    /// The furthest end of the first k sources.
    reach: Vec<usize>,
    /// Where the semicolons are from the least end of a closing source to the
    /// sentence's end (`semicolons.1`), in order.
    semicolons: (Vec<usize>, Range<usize>),
}

/// The sources that cover a claim, as [`Covering::at`] finds them (indices into the
/// sentence's sources).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Cover {
    One(usize),
    /// The first `.0` opening sources, then a closing source that carries over.
    Opening(usize, Option<usize>),
}

impl Cover {
    fn indices<'a>(self, ahead: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
        let (opening, last) = match self {
            Cover::One(k) => (&ahead[..0], Some(k)),
            Cover::Opening(m, last) => (&ahead[..m], last),
        };
        opening.iter().copied().chain(last)
    }

    fn is_empty(self) -> bool {
        self == Cover::Opening(0, None)
    }

    /// Whether it is every one of `n` sources, in order.
    fn is_all(self, ahead: &[usize], n: usize) -> bool {
        match self {
            Cover::One(k) => n == 1 && k == 0,
            Cover::Opening(m, last) => {
                m + usize::from(last.is_some()) == n
                    && (m == 0 || ahead[m - 1] == m - 1)
                    && last.is_none_or(|k| k == m)
            }
        }
    }
}

impl<'a> Covering<'a> {
    fn new(
        t: &'a str,
        s: &'a text::Sentence,
        cites: &'a [citation::Found],
        mentions: &'a [Mention],
    ) -> Self {
        debug_assert!(cites.is_sorted_by_key(|c| c.range.start));
        // An opening source that ends its sentence with no figure after it (…1.2 million
        // units in 2023, according to its annual report.) closes what precedes it.
        let last_digit = t[s.range.clone()]
            .rfind(|ch: char| ch.is_ascii_digit())
            .map(|i| s.range.start + i);
        let trailing = |c: &citation::Found| {
            if c.range.end >= s.range.start {
                last_digit.is_none_or(|d| d < c.range.end)
            } else {
                !t[c.range.end..s.range.end.max(c.range.end)]
                    .chars()
                    .any(|ch| ch.is_ascii_digit())
            }
        };
        let indices = |keep: &dyn Fn(&citation::Found) -> bool| -> Vec<usize> {
            (0..cites.len()).filter(|&k| keep(&cites[k])).collect()
        };
        let ahead = indices(&|c| c.ahead);
        let own = indices(&|c| !c.ahead || trailing(c));
        let closing = indices(&|c| !c.ahead);
        let mut least_end = vec![0; closing.len()];
        let mut least = usize::MAX;
        for (j, &k) in closing.iter().enumerate().rev() {
            least = least.min(cites[k].range.end);
            least_end[j] = least;
        }
        let mut furthest = 0;
        let reach = cites
            .iter()
            .map(|c| {
                furthest = furthest.max(c.range.end);
                furthest
            })
            .collect();
        let semicolons = match least_end.first() {
            Some(&lo) if lo <= s.range.end => {
                let lo = lo.min(s.range.start);
                let found = t[lo..s.range.end]
                    .match_indices(['；', ';'])
                    .map(|(i, _)| lo + i)
                    .collect();
                (found, lo..s.range.end)
            }
            _ => (Vec::new(), 0..0),
        };
        Covering {
            t,
            s,
            cites,
            mentions,
            ahead,
            own,
            closing,
            least_end,
            reach,
            semicolons,
        }
    }

    /// Whether `r` lies inside one of the sources.
    fn inside(&self, r: &Range<usize>) -> bool {
        let k = self.cites.partition_point(|c| c.range.start <= r.start);
        k > 0 && self.reach[k - 1] >= r.end
    }

    /// The first of `list` (indices of sources, in order) that starts at or after `pos`.
    fn first_from(&self, list: &[usize], pos: usize) -> Option<usize> {
        list.get(list.partition_point(|&k| self.cites[k].range.start < pos))
            .copied()
    }

    /// The sources that cover a claim at `pos` (indices into the sources): an opening
    /// source before it, or the first closing source (parenthesis, link, footnote) after
    /// it.
    fn at(&self, pos: usize, lex: &Lexicon) -> Cover {
        let (t, s, cites) = (self.t, self.s, self.cites);
        // A figure describing the study that a source opens with (A survey of 4,100
        // attendees by Indigo Research found that …; 一项覆盖 2 万人的调查显示…) is
        // that source's.
        // (Clauses are in order and the plain ones do not overlap: the last plain one
        // starting at or before `pos` is the only one that can hold it; a sentence
        // may have thousands of clauses.)
        let clause = s.clauses[..s.clauses.partition_point(|c| c.range.start <= pos)]
            .iter()
            .rev()
            .find(|c| !c.paren)
            .filter(|c| pos < c.range.end);
        // (The first opening source at or after `pos` is the only one to ask: the later
        // ones start later still.)
        if let (Some(k), Some(cl)) = (self.first_from(&self.ahead, pos), clause) {
            // (Near the figure: a long clause must not be scanned per figure.)
            let from = text::floor_char(t, pos.saturating_sub(120).max(cl.range.start));
            if cites[k].range.start < cl.range.end
                && lex
                    .cite
                    .find_all(&t[from..pos])
                    .any(|(_, w)| *w == CiteWord::SourceWord)
            {
                return Cover::One(k);
            }
        }
        // The nearest source is the figure's own: a parenthesis right after it
        // overrides a source that opened the sentence.
        if let Some(k) = self.first_from(&self.own, pos) {
            return Cover::One(k);
        }
        let opening = self.ahead.partition_point(|&k| cites[k].range.start <= pos);
        let mut last = None;
        // After the last closing source, a figure that continues the same clause
        // chain (…（官网定价），约为GPT-4的百分之一) is still covered by it; one
        // after a semicolon starts a new statement, as does one after a
        // conjunction and a name of its own (…viewers (Barb), and the league's
        // YouTube channel recorded 9 million views; not "(YouGov fan survey), and
        // one in four fans is under 25").
        // (The last closing source ending at or before `pos`: the least ends from each on
        // rise, and the last place where it is at most `pos` is that source.)
        let j = self.least_end.partition_point(|&e| e <= pos);
        if let Some(k) = j.checked_sub(1).map(|j| self.closing[j]) {
            let from = cites[k].range.end;
            let between = &t[from..pos];
            let own_subject = new_statement(between) && {
                let ms = self.mentions;
                let lo = ms.partition_point(|m| m.range.start < from);
                let hi = ms.partition_point(|m| m.range.start <= pos);
                ms[lo..hi.max(lo)].iter().any(|m| m.range.end <= pos)
            };
            // (…（据血站信息管理系统）；上年为13.58万人次: a comparison that
            // carries the source over.)
            // (The last semicolon between, from the sentence's list of them: a sentence
            // may hold thousands of figures after its last closing source.)
            let (semicolons, read) = &self.semicolons;
            let carried = if read.start <= from && pos <= read.end {
                let before = semicolons.partition_point(|&i| i < pos);
                semicolons[..before]
                    .last()
                    .filter(|&&i| i >= from)
                    .is_none_or(|&i| opens_with_comparison(&t[i..pos], lex))
            } else {
                carries_over(between, lex)
            };
            if carried && !own_subject {
                last = Some(k);
            }
        }
        Cover::Opening(opening, last)
    }
}

#[allow(clippy::too_many_arguments)]
fn extract_block(
    bi: usize,
    block: &Block,
    year: Option<i32>,
    next: Option<&Block>,
    cell: Option<&CellContext>,
    lex: &Lexicon,
    known: &entity::Known,
    subjects: &mut Subjects,
    names: &mut Names,
    texts: &mut Texts,
    ids: &mut Ids,
    out: &mut Extraction,
    contexts: &mut Vec<text::Bigrams>,
    scratch: &mut entity::Scratch,
) -> Option<i32> {
    let t = &block.text;
    let sentences = text::sentences(t);
    let mentions = entity::find_with(t, lex, known);
    let ordinal = heading_ordinal(block);
    // A cell's row, once for all its claims (dropped again if it has none).
    let claims_at_start = out.claims.len();
    let row = cell.and_then(|c| {
        out.rows.push(c.row.clone());
        if !c.versions.is_empty() {
            if let Ok(k) = u32::try_from(out.rows.len() - 1) {
                out.row_versions.insert(k, c.versions.clone());
            }
        }
        Id::new(out.rows.len() - 1)
    });
    let mut dates = date::find(t);
    let year = date::infer_years(t, &mut dates, year);
    let mut prev_subject: Option<Subject> = None;
    let mut carry: quote::Carry = None;
    // Quotes and their speakers are read by code that spells its Chinese in Simplified
    // characters (说, 表示, 首席执行官): a Traditional text is read folded (專案發起人林思妤說
    // as 专案发起人林思妤说), at the same offsets.
    let quote_text = if t.contains(['“', '「', '"']) {
        crate::lexicon::fold_traditional(t)
    } else {
        std::borrow::Cow::Borrowed(t.as_str())
    };

    for s in &sentences {
        // Only this sentence's names and dates: a long paragraph must not make every
        // sentence scan all of them.
        let lo = mentions.partition_point(|m| m.range.start < s.range.start);
        let hi = mentions.partition_point(|m| m.range.start < s.range.end);
        let mentions = &mentions[lo..hi.max(lo)];
        let dlo = dates.partition_point(|d| d.range.start < s.range.start);
        let dhi = dates.partition_point(|d| d.range.start < s.range.end);
        let dates = &dates[dlo..dhi.max(dlo)];
        let mut cites = citation::find(t, s, block, mentions, lex);
        let mut vague = citation::vague(t, s, mentions, lex);
        // "一项研究显示…（《柳叶刀》2020年研究）": a source named later in the sentence names
        // the study the phrase presents.
        vague.retain(|v| {
            !cites
                .iter()
                .any(|c| c.kind == CitationKind::Named && !c.ahead && c.range.start >= v.end)
        });
        // An opening clause that is a vague source (多项调查表明，…; Research on audiences
        // suggests …) names nothing, though its words read like a source's: it is not
        // also a named one.
        cites.retain(|c| {
            !(c.ahead
                && c.names.is_empty()
                && vague
                    .iter()
                    .any(|v| v.start < c.range.end && c.range.start < v.end))
        });
        for v in &vague {
            out.vague
                .push((block.to_src(v.clone()), t[v.clone()].to_string()));
        }
        // Each source once; the lists of the claims it covers hold clones of it.
        let found: Vec<Citation> = cites
            .iter()
            .map(|c| Citation {
                kind: c.kind.clone(),
                bytes: Bytes::new(block.to_src(c.range.clone())),
                source: texts.source(&t[c.range.clone()], &c.names, c.url.as_deref()),
            })
            .collect();
        // Sources every claim of the sentence shares: the table's, and vague ones.
        let mut shared: Vec<Citation> = Vec::new();
        if let Some(src) = cell.and_then(|c| c.source.clone()) {
            shared.push(src);
        }
        shared.extend(vague.iter().map(|v| Citation {
            kind: CitationKind::Vague,
            bytes: Bytes::new(block.to_src(v.clone())),
            source: texts.source(&t[v.clone()], &[], None),
        }));
        let src_cites = out.add_cites(found.iter().chain(&shared));
        // The sources that cover a claim at `pos` (indices into `cites`; the shared ones
        // always follow): see [`Covering::at`].
        let cover = Covering::new(t, s, &cites, mentions);
        // Claims covered by the same sources share one list of them.
        let mut covering_memo: HashMap<Cover, Cites> = HashMap::default();
        // Many opening sources (…, IDC预计…, IDC预计…): the first k of them are a run
        // of one list of them all, not a list each (a claim after each was a list of
        // all before it, quadratic in the sentence).
        let mut opening_run: Option<Cites> = None;
        let mut covering = |pos: usize, table: &mut Extraction| -> Cites {
            let key = cover.at(pos, lex);
            // Covered by all of them: the sentence's own list.
            if key.is_all(&cover.ahead, cites.len()) {
                return src_cites;
            }
            if let Some(list) = covering_memo.get(&key) {
                return *list;
            }
            let list = match key {
                _ if key.is_empty() && shared.is_empty() => Cites::default(),
                Cover::Opening(m, None) if shared.is_empty() && cover.ahead.len() > 8 => {
                    let run = *opening_run.get_or_insert_with(|| {
                        table.add_cites(cover.ahead.iter().map(|&k| &found[k]))
                    });
                    run.first(m)
                }
                _ => table.add_cites(key.indices(&cover.ahead).map(|k| &found[k]).chain(&shared)),
            };
            covering_memo.insert(key, list);
            list
        };
        let sentence_index = out.sentences.len();
        let claims_before = out.claims.len();
        let (latin, cjk) = text::latin_words(&t[s.range.clone()]);
        let latin = ids.latin(&latin, out);
        out.sentences.push(SentenceInfo {
            block: small(bi),
            bytes: Bytes::new(block.to_src(s.range.clone())),
            citations: src_cites,
            latin: latin | if cjk { CJK_BIT } else { 0 },
        });
        let in_citation = |r: &Range<usize>| cover.inside(r);
        let prefix = cell.map_or("", |c| c.prefix.as_str());
        // The prefix and the text, as if joined by a space (which no bigram holds).
        let joined =
            |r: &Range<usize>| text::bigrams_of_chars(prefix.chars().chain(t[r.clone()].chars()));
        // The sentence's own set enters the table only when a claim refers to it.
        let mut sentence_set: Option<u32> = None;
        let sentence_bigrams = joined(&s.range);
        let mut sentence_id = |ids: &mut Ids, out: &mut Extraction| -> u32 {
            *sentence_set.get_or_insert_with(|| ids.set(sentence_bigrams.clone(), out))
        };
        // Claims of one clause share its bigrams: a dense sentence holds several figures
        // and a date in each clause.
        // (By the clause's place: a sentence of 50,000 clauses must not search a list.)
        let mut clause_memo: HashMap<(usize, usize), u32> = HashMap::default();
        let mut clause_bigrams = |r: &Range<usize>, ids: &mut Ids, out: &mut Extraction| -> u32 {
            if let Some(&id) = clause_memo.get(&(r.start, r.end)) {
                return id;
            }
            let b = joined(r);
            let id = if b == sentence_bigrams {
                sentence_id(ids, out)
            } else {
                ids.set(b, out)
            };
            clause_memo.insert((r.start, r.end), id);
            id
        };
        let prefix_subject = || {
            entity::find(prefix, lex)
                .into_iter()
                .next()
                .map(|m| Subject {
                    place: m.kind == crate::lexicon::EntityKind::Place,
                    id: m.id,
                    root: m.root,
                    name: m.name,
                })
        };
        let prefix_metric = || {
            lex.metrics
                .find_all(prefix)
                .next()
                .map(|(_, &i)| lex.metric_ids[i].clone())
        };

        let s_dates: Vec<&date::Found> = dates
            .iter()
            .filter(|d| s.range.start <= d.range.start && d.range.end <= s.range.end)
            .collect();
        let mut quantities = quantity::find(t, s, lex, mentions, dates, ordinal.as_ref());
        // A cell holding only a number, in a column or row that names its unit (缴存额
        // （亿元） | 2.86): a figure, however small, though bare numbers are not.
        if let Some(unit) = cell.and_then(|c| c.unit.as_ref()) {
            let trimmed = t.trim();
            let at = t.len() - t.trim_start().len();
            let whole = at..at + trimmed.len();
            if quantities.is_empty() && s.range.start <= at && whole.end <= s.range.end {
                if let Some(v) = number::parse_arabic(trimmed) {
                    // (Bare: the loop below reads it in the unit, once.)
                    let bare = Quantity::new(v, quantity::Unit::Count);
                    let mut read = bare.clone();
                    quantity::in_unit(&mut read, unit);
                    if read.unit != quantity::Unit::Count || read.value != v {
                        quantities.push(quantity::Found {
                            range: whole,
                            quantity: bare,
                        });
                    }
                }
            }
        }
        // The sentence's forecast cues, read once for its figures and its dates.
        let cues = if quantities.is_empty() && s_dates.is_empty() {
            Vec::new()
        } else {
            date::live_cues(t, s, lex)
        };
        // Only figures ask which clauses forecast.
        let forecast_clauses = if quantities.is_empty() {
            Vec::new()
        } else {
            date::forecast_clauses(s, &cues)
        };

        // Clauses are in order: find the one holding `pos` by binary search.
        let clause_of = |pos: usize| {
            let k = s.clauses.partition_point(|c| c.range.end < pos);
            if s.clauses.get(k).is_some_and(|c| c.range.start <= pos) {
                k
            } else {
                0
            }
        };

        let mut subject_index =
            entity::SubjectIndex::new(t, mentions, s, &cites, &mut scratch.subjects);
        let forecast_dates = date::forecast_dates(t, s, &s_dates, &cues);
        // A year compared with (up 27% on 2024, 比2023年增长12%) is no figure's period.
        let period_dates: std::borrow::Cow<[&date::Found]> =
            if s_dates.iter().any(|d| date::is_base(t, d)) {
                s_dates
                    .iter()
                    .copied()
                    .filter(|d| !date::is_base(t, d))
                    .collect()
            } else {
                std::borrow::Cow::Borrowed(&s_dates[..])
            };
        // Dates as claims of their own (for stale forecasts and dated events).
        for (k, d) in s_dates.iter().enumerate() {
            if in_citation(&d.range) {
                continue;
            }
            let ci = clause_of(d.range.start);
            let clause = &s.clauses[ci];
            let citations = covering(d.range.start, out);
            let context = clause_bigrams(&clause.range, ids, out);
            let cue = forecast_dates[k].clone().and_then(|r| {
                out.cues.push(block.to_src(r));
                Id::new(out.cues.len() - 1)
            });
            let text = ids.text(&t[d.range.clone()], out);
            let subject = subjects.intern(
                subject_index
                    .subject_for(clause, d.range.start)
                    .or_else(|| prev_subject.clone()),
                out,
            );
            let date = ids.date(Some(d.period.clone()), out);
            let about = ids.about(About { subject, date, row }, out);
            out.claims.push(Claim {
                kind: ClaimKind::Date(d.period.clone()),
                bytes: Bytes::new(block.to_src(d.range.clone())),
                text,
                about,
                metric: None,
                forecast: Forecast::new(forecast_dates[k].is_some(), cue),
                citations,
                block: small(bi),
                sentence: small(sentence_index),
                context,
                variant: 0,
            });
        }

        let mut metrics = entity::Metrics::new(t, s, lex, mentions, &mut scratch.metrics);
        // The sentence's dates with a year, read once for all its figures.
        let stated = date::Stated::new(&period_dates);
        for q in quantities {
            // A header cell names a column ("QPS (1M vectors)"); its figures are
            // conditions of the rows, not claims.
            // A figure inside a source is part of the source's name, except the size of
            // what it studied (瑞典一项覆盖167万名女性的队列研究发现; a survey of 1,200 CFOs),
            // which is a claim of its own.
            let v = q.quantity.value;
            let year_like = v.fract() == 0.0 && (1900.0..=2100.0).contains(&v);
            let sample = q.quantity.noun().is_some() && v >= 100.0 && !year_like;
            if (in_citation(&q.range) && !sample) || block.cell.is_some_and(|c| c.row == 0) {
                continue;
            }
            let in_own_unit = cell
                .and_then(|c| c.own_unit.as_ref())
                .is_some_and(|r| r.start <= q.range.start && q.range.end <= r.end);
            if in_own_unit {
                continue;
            }
            let mut q = q;
            // A bare figure filling its cell is in the unit its header or row names.
            if let Some(unit) = cell.and_then(|c| c.unit.as_ref()) {
                if t[q.range.clone()].trim() == t.trim() {
                    quantity::in_unit(&mut q.quantity, unit);
                }
            }
            let ci = clause_of(q.range.start);
            let clause = &s.clauses[ci];
            let subject = subject_index
                .subject_for(clause, q.range.start)
                .or_else(|| prev_subject.clone())
                .or_else(prefix_subject);
            let metric = metrics.of(ci, &q.range).or_else(prefix_metric);
            let date = stated.nearest(s, clause, q.range.start);
            // (In order: found by binary search.)
            let forecast = forecast_clauses.binary_search(&ci).is_ok();
            let citations = covering(q.range.start, out);
            let context = clause_bigrams(&gloss_context(t, s, ci, &q.range), ids, out);
            let metric = metric.and_then(|m| ids.metric(m, out));
            let text = ids.text(&t[q.range.clone()], out);
            let subject = subjects.intern(subject, out);
            let date = ids.date(date, out);
            let about = ids.about(About { subject, date, row }, out);
            out.claims.push(Claim {
                bytes: Bytes::new(block.to_src(q.range.clone())),
                text,
                kind: ClaimKind::Quantity(ids.quantity(q.quantity)),
                about,
                metric,
                forecast: Forecast::new(forecast, None),
                citations,
                block: small(bi),
                sentence: small(sentence_index),
                context,
                variant: 0,
            });
        }

        for qt in quote::find(
            &quote_text,
            s,
            mentions,
            lex,
            &mut carry,
            next.map(|n| n.text.as_str()),
        ) {
            let text = ids.text(&t[qt.range.clone()], out);
            let context = sentence_id(ids, out);
            let speaker_span = match next {
                Some(n) if qt.speaker_in_next => n.to_src(qt.speaker_range.clone()),
                _ => block.to_src(qt.speaker_range.clone()),
            };
            let about = ids.about(
                About {
                    row,
                    ..About::default()
                },
                out,
            );
            out.claims.push(Claim {
                bytes: Bytes::new(block.to_src(qt.range.clone())),
                text,
                kind: ClaimKind::Quote(Box::new(QuoteClaim {
                    text: qt.normalized,
                    speaker: qt.speaker,
                    speaker_span,
                })),
                about,
                metric: None,
                forecast: Forecast::NONE,
                citations: src_cites,
                block: small(bi),
                sentence: small(sentence_index),
                context,
                variant: 0,
            });
        }

        contexts.push(if out.claims.len() > claims_before {
            let id = sentence_id(ids, out);
            out.contexts.get(id as usize).cloned().unwrap_or_default()
        } else {
            text::Bigrams::default()
        });
        if let Some(last) = subject_index.last_subject() {
            prev_subject = Some(last);
        }
    }
    if row.is_some() && out.claims.len() == claims_at_start {
        out.rows.pop();
        if let Ok(k) = u32::try_from(out.rows.len()) {
            out.row_versions.remove(&k);
        }
    }
    for m in mentions {
        out.mentions.push(MentionSpan {
            bytes: Bytes::new(block.to_src(m.range.clone())),
            entity: names.intern(Entity {
                id: m.id,
                root: m.root,
                name: m.name,
                kind: m.kind,
            }),
        });
    }
    year
}

/// A heading or list label that starts with a section number ("一、", "1.", "(2)") owns
/// that number: it is an ordinal, not a figure.
fn heading_ordinal(block: &Block) -> Option<Range<usize>> {
    if !matches!(
        block.kind,
        BlockKind::Heading(_) | BlockKind::ListItem | BlockKind::Paragraph
    ) {
        return None;
    }
    let t = &block.text;
    let lead = t.len() - t.trim_start().len();
    let rest = &t[lead..];
    let mut end = lead;
    let mut chars = rest.char_indices().peekable();
    let mut any = false;
    while let Some(&(i, c)) = chars.peek() {
        if number::is_digit(c) || number::is_cn_numeral_char(c) {
            any = true;
            end = lead + i + c.len_utf8();
            chars.next();
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    let after = t[end..].chars().next()?;
    // "4.1 million trips" opening a list item is a decimal; "4.1 Scope" opening a
    // heading is a section number.
    let decimal = matches!(after, '.' | '．')
        && t[end + after.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
        && !matches!(block.kind, BlockKind::Heading(_));
    (!decimal && matches!(after, '、' | '.' | '．' | ')' | '）' | ':' | '：')).then_some(lead..end)
}

/// Forecast or not, for stale checks: kept public for the rules.
pub fn bound_word(b: Bound) -> &'static str {
    match b {
        Bound::Exact => "exact",
        Bound::Lower => "a lower bound",
        Bound::Upper => "an upper bound",
        Bound::Approx => "an estimate",
    }
}

/// The words a figure's clause is about. A figure that is all of its parenthesis glosses
/// the words around it ("Just over half (55%) of employees", 近三成（28%）的用户): its
/// context is the clauses on either side, not the bare parenthesis.
fn gloss_context(t: &str, s: &text::Sentence, ci: usize, figure: &Range<usize>) -> Range<usize> {
    let clause = &s.clauses[ci];
    let rest = t[clause.range.start..figure.start.max(clause.range.start)]
        .chars()
        .chain(t[figure.end.min(clause.range.end)..clause.range.end].chars())
        .filter(|c| c.is_alphanumeric())
        .count();
    if !clause.paren || rest > 2 {
        return clause.range.clone();
    }
    let start = ci
        .checked_sub(1)
        .map(|k| &s.clauses[k])
        .filter(|c| !c.paren)
        .map_or(clause.range.start, |c| c.range.start);
    let end = s
        .clauses
        .get(ci + 1)
        .filter(|c| !c.paren)
        .map_or(clause.range.end, |c| c.range.end);
    start..end
}

#[cfg(test)]
mod tests {

    use super::*;

    /// The reference for [`Covering::at`]: every source of the sentence read for each
    /// claim.
    fn covering_scan(
        t: &str,
        s: &text::Sentence,
        cites: &[citation::Found],
        mentions: &[Mention],
        lex: &Lexicon,
        pos: usize,
    ) -> Vec<usize> {
        let mut v: Vec<usize> = (0..cites.len())
            .filter(|&k| cites[k].ahead && cites[k].range.start <= pos)
            .collect();
        // An opening source that ends its sentence with no figure after it
        // (…1.2 million units in 2023, according to its annual report.) closes
        // what precedes it.
        let trailing = |c: &citation::Found| {
            !t[c.range.end..s.range.end.max(c.range.end)]
                .chars()
                .any(|ch| ch.is_ascii_digit())
        };
        // A figure describing the study that a source opens with (A survey of 4,100
        // attendees by Indigo Research found that …; 一项覆盖 2 万人的调查显示…) is
        // that source's.
        // (Clauses are in order and the plain ones do not overlap: the last plain one
        // starting at or before `pos` is the only one that can hold it; a sentence
        // may have thousands of clauses.)
        let clause = s.clauses[..s.clauses.partition_point(|c| c.range.start <= pos)]
            .iter()
            .rev()
            .find(|c| !c.paren)
            .filter(|c| pos < c.range.end);
        let describes = |c: &citation::Found| {
            c.ahead
                && c.range.start >= pos
                && clause.is_some_and(|cl| {
                    // (Near the figure: a long clause must not be scanned per figure.)
                    let from = text::floor_char(t, pos.saturating_sub(120).max(cl.range.start));
                    c.range.start < cl.range.end
                        && lex
                            .cite
                            .find_all(&t[from..pos])
                            .any(|(_, w)| *w == CiteWord::SourceWord)
                })
        };
        if let Some(k) = cites.iter().position(describes) {
            return vec![k];
        }
        match cites
            .iter()
            .position(|c| (!c.ahead || trailing(c)) && c.range.start >= pos)
        {
            // The nearest source is the figure's own: a parenthesis right after it
            // overrides a source that opened the sentence.
            Some(k) => v = vec![k],
            // After the last closing source, a figure that continues the same clause
            // chain (…（官网定价），约为GPT-4的百分之一) is still covered by it; one
            // after a semicolon starts a new statement, as does one after a
            // conjunction and a name of its own (…viewers (Barb), and the league's
            // YouTube channel recorded 9 million views; not "(YouGov fan survey), and
            // one in four fans is under 25").
            None => {
                if let Some(k) = cites.iter().rposition(|c| !c.ahead && c.range.end <= pos) {
                    let from = cites[k].range.end;
                    let between = &t[from..pos];
                    let own_subject = NEW_STATEMENT.is_match(between)
                        && mentions
                            .iter()
                            .any(|m| m.range.start >= from && m.range.end <= pos);
                    // (…（据血站信息管理系统）；上年为13.58万人次: a comparison that
                    // carries the source over.)
                    let carried = carries_over(between, lex);
                    if carried && !own_subject {
                        v.push(k);
                    }
                }
            }
        }
        v
    }

    /// [`Covering`] (the sentence's sources read once) gives the sources the reading of
    /// all of them per claim did, and the same answer whether a range lies inside one, at
    /// every position of generated sentences: opening and closing sources, sources at the
    /// end, figures describing a study, semicolons, conjunctions and names between.
    #[test]
    fn sources_read_once_cover_what_a_search_per_claim_did() {
        let pieces = [
            "特斯拉",
            "IDC",
            "（IDC）",
            " (Gartner)",
            "（据IDC）",
            "据IDC统计，",
            "IDC预计",
            "增长",
            "12%",
            "4,100",
            " grew 3%",
            "2024年",
            "，",
            "；",
            "; ",
            ", ",
            ", and Tesla ",
            "，而特斯拉",
            "上年为",
            "一项覆盖2万人的调查显示，",
            "A survey of 4,100 attendees by Indigo Research found that ",
            "according to its annual report",
            "According to the IEA, ",
            "[^1]",
            "（官网定价）",
            "约为",
            "数据显示",
            "。",
            "; By comparison ",
            " ，  but ",
            "）",
        ];
        let lex = Lexicon::builtin().unwrap();
        let known = entity::Known::default();
        let doc = crate::markdown::parse("x\n", 0);
        let block = &doc.blocks[0];
        let mut next = crate::testrand::below(0x2545_F491_4F6C_DD1D);
        let (mut asked, mut covered) = (0, 0);
        for _ in 0..1500 {
            let mut t = String::new();
            for _ in 0..1 + next(24) {
                t.push_str(pieces[next(pieces.len())]);
            }
            let mentions = entity::find_with(&t, lex, &known);
            for s in text::sentences(&t) {
                let lo = mentions.partition_point(|m| m.range.start < s.range.start);
                let hi = mentions.partition_point(|m| m.range.start < s.range.end);
                let ms = &mentions[lo..hi.max(lo)];
                let cites = citation::find(&t, &s, block, ms, lex);
                let cover = Covering::new(&t, &s, &cites, ms);
                let positions: Vec<usize> = (s.range.start..=s.range.end)
                    .filter(|&i| t.is_char_boundary(i))
                    .collect();
                for &pos in &positions {
                    let want = covering_scan(&t, &s, &cites, ms, lex, pos);
                    covered += usize::from(!want.is_empty());
                    asked += 1;
                    let got = cover.at(pos, lex);
                    assert_eq!(
                        got.indices(&cover.ahead).collect::<Vec<_>>(),
                        want,
                        "{t:?} at {pos}"
                    );
                    assert_eq!(
                        got.is_all(&cover.ahead, cites.len()),
                        want.iter().copied().eq(0..cites.len())
                    );
                    let end = positions[next(positions.len())].max(pos);
                    let r = pos..end;
                    assert_eq!(
                        cover.inside(&r),
                        cites
                            .iter()
                            .any(|c| c.range.start <= r.start && r.end <= c.range.end),
                        "{t:?} {r:?}"
                    );
                }
            }
        }
        assert!(covered > 10_000 && asked > covered, "{covered} of {asked}");
    }
    /// The comparison after a semicolon read from its first words, and a new statement
    /// from the start of the text, answer as the whole text did.
    #[test]
    fn the_start_of_a_statement_answers_as_the_whole() {
        let pieces = [
            ";",
            "；",
            " ",
            "\u{3000}",
            "上年为",
            "By Comparison",
            "BY COMPARISON",
            "ΣΣ",
            "Σ",
            "a year earlier",
            "A YEAR EARLIER",
            "In the same quarter a year earlier",
            ",",
            "，",
            "）",
            ")",
            "and",
            "And ",
            "而",
            "但是",
            "whereas",
            "x",
            "İ",
            "12%",
            "\n",
        ];
        let lex = Lexicon::builtin().unwrap();
        let whole = |between: &str| {
            between.rfind(['；', ';']).is_none_or(|i| {
                let rest = between[i..]
                    .trim_start_matches(['；', ';'])
                    .trim_start()
                    .to_lowercase();
                lex.carried_over
                    .iter()
                    .any(|w| rest.starts_with(w.as_str()))
            })
        };
        let mut next = crate::testrand::below(0x9e37_79b9_7f4a_7c15);
        let (mut carried, mut statements) = (0, 0);
        for _ in 0..30_000 {
            let mut t = String::new();
            for _ in 0..next(12) {
                t.push_str(pieces[next(pieces.len())]);
            }
            let want = whole(&t);
            assert_eq!(super::carries_over(&t, lex), want, "{t:?}");
            carried += usize::from(want && t.contains([';', '；']));
            let want = NEW_STATEMENT.is_match(&t);
            assert_eq!(super::new_statement(&t), want, "{t:?}");
            statements += usize::from(want);
        }
        assert!(
            carried > 1_000 && statements > 200,
            "{carried} {statements}"
        );
    }

    #[test]
    fn every_gate_admits_the_matches_of_its_pattern() {
        crate::gate::assert_sound(&super::SOURCE_HEADER);
    }

    #[test]
    fn both_sides_of_a_dimension() {
        use super::dimension;
        // (before the figure, after it)
        assert!(dimension("a dataset of ", " rows × 50 columns (M1)"));
        assert!(dimension("a dataset of 100,000 rows × ", " columns (M1)"));
        assert!(dimension("screens of ", "×1080 pixels"));
        assert!(dimension("a room of 3 x ", " m"));
        assert!(dimension("a room of ", " x 4 m"));
        assert!(!dimension("it grew ", "% to 1,080 users"));
        assert!(!dimension("the max ", " users"));
        assert!(!dimension("", " rows, and x is 4"));
    }

    /// The records a dense document holds by the million stay the size their docs say
    /// (BENCHMARKS.md, "Where the memory goes").
    #[test]
    fn a_cell_is_read_in_its_label_unit_once() {
        // Small cells (no figure alone) and large ones alike: 7.9 under (10,000) is
        // 79,000, not 790 million; a label's own （万个） is no figure.
        let md = "| 指标 | 2026 |\n|---|---|\n| Registered users (10,000) | 7.9 |\n\
                  | Stations (10,000 units) | 2,360 |\n| 实缴单位（万个） | 2.86 |\n\
                  | 缴存额（亿元） | 98.6 |\n";
        let doc = crate::markdown::parse(md, 0);
        let ex = extract(&doc, Lexicon::builtin().unwrap());
        let values: Vec<(String, f64)> = ex
            .claims
            .iter()
            .filter_map(|c| Some((ex.text(c).to_string(), c.quantity()?.value)))
            .collect();
        let want = [
            ("7.9", 79_000.0),
            ("2,360", 23_600_000.0),
            ("2.86", 28_600.0),
            ("98.6", 9.86e9),
        ];
        assert_eq!(values.len(), want.len(), "{values:?}");
        for ((text, value), (t, v)) in values.iter().zip(want) {
            assert_eq!(text, t);
            assert!((value - v).abs() < 1e-6 * v, "{text}: {value} (want {v})");
        }
    }

    #[test]
    fn records_keep_their_size() {
        use std::mem::size_of;
        assert_eq!(size_of::<super::Claim>(), 64);
        assert_eq!(size_of::<super::Citation>(), 24);
        assert_eq!(size_of::<super::MentionSpan>(), 16);
        assert_eq!(size_of::<super::SentenceInfo>(), 24);
    }
}
