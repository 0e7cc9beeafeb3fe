//! Typed views of the data files in `rules/`, embedded at build time so the binary stands
//! alone. Each file is parsed once; phrase lists become Aho-Corasick automata (leftmost
//! longest), so scanning a block for every alias costs one pass over its text.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use crate::error::Error;

/// The data files, by name, as compiled in.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "rules/entities.toml",
        include_str!("../rules/entities.toml"),
    ),
    (
        "rules/magnitudes.toml",
        include_str!("../rules/magnitudes.toml"),
    ),
    (
        "rules/currencies.toml",
        include_str!("../rules/currencies.toml"),
    ),
    ("rules/units.toml", include_str!("../rules/units.toml")),
    (
        "rules/qualifiers.toml",
        include_str!("../rules/qualifiers.toml"),
    ),
    (
        "rules/forecasts.toml",
        include_str!("../rules/forecasts.toml"),
    ),
    (
        "rules/citations.toml",
        include_str!("../rules/citations.toml"),
    ),
    ("rules/metrics.toml", include_str!("../rules/metrics.toml")),
    ("rules/events.toml", include_str!("../rules/events.toml")),
    (
        "rules/sections.toml",
        include_str!("../rules/sections.toml"),
    ),
];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    #[default]
    Org,
    Institution,
    Product,
    Person,
    Place,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    #[serde(default)]
    pub kind: EntityKind,
    #[serde(default)]
    pub owner: Option<String>,
    pub names: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct EntitiesFile {
    entity: Vec<Entity>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct MagnitudesFile {
    zh: BTreeMap<String, f64>,
    en: BTreeMap<String, f64>,
    suffix: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    pub code: String,
    pub prefix: Vec<String>,
    pub suffix: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct CurrenciesFile {
    currency: Vec<Currency>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PercentSection {
    suffix: Vec<String>,
    prefix_zh: Vec<String>,
    points: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct MultipleSection {
    suffix: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ClassifierSection {
    zh: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct UnitsFile {
    percent: PercentSection,
    multiple: MultipleSection,
    measure: BTreeMap<String, String>,
    scale: BTreeMap<String, Scale>,
    duration: BTreeMap<String, String>,
    per: BTreeMap<String, String>,
    per_words: BTreeMap<String, String>,
    per_nouns: BTreeMap<String, String>,
    classifiers: ClassifierSection,
    labels: EnWords,
    not_nouns: EnWords,
    system_nouns: ZhEnWords,
    system_sizes: ZhEnWords,
    spec_units: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ZhEnWords {
    zh: Vec<String>,
    en: Vec<String>,
}

impl ZhEnWords {
    /// Both lists, lower-cased, in one.
    fn lowered(&self) -> Vec<String> {
        self.zh
            .iter()
            .chain(&self.en)
            .map(|w| w.to_lowercase())
            .collect()
    }
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct EnWords {
    en: Vec<String>,
}

/// A measured unit's dimension and its factor to the dimension's base unit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub dimension: String,
    pub factor: f64,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct QualifierLang {
    lower: Vec<String>,
    upper: Vec<String>,
    approx: Vec<String>,
    /// Estimates that come close from below (近, nearly): met by the figure they
    /// approach, unlike an estimate around a figure (约, about).
    near: Vec<String>,
    lower_after: Vec<String>,
    upper_after: Vec<String>,
    approx_after: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct QualifiersFile {
    zh: QualifierLang,
    en: QualifierLang,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct CueLang {
    cues: Vec<String>,
    /// Words that give a plan its new date (postponed to, 推迟至).
    moved: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventEntry {
    id: String,
    words: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct EventsFile {
    event: Vec<EventEntry>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SectionLang {
    summary: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SectionsFile {
    zh: SectionLang,
    en: SectionLang,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ForecastsFile {
    zh: CueLang,
    en: CueLang,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct CitationLang {
    source_words: Vec<String>,
    weak_source_words: Vec<String>,
    vague_patterns: Vec<String>,
    attribution_verbs: Vec<String>,
    verbs: Vec<String>,
    openers: Vec<String>,
    vague: Vec<String>,
    carried_over: Vec<String>,
    published_by: Vec<String>,
    publication_verbs: Vec<String>,
    settings: Vec<String>,
    terms: Vec<String>,
    goals: Vec<String>,
    goal_verbs: Vec<String>,
    plan_headings: Vec<String>,
    instruction_verbs: Vec<String>,
    instruction_followers: Vec<String>,
    recommendations: Vec<String>,
    figure_notes: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct CitationsFile {
    zh: CitationLang,
    en: CitationLang,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: String,
    /// Counted nouns (companies, 平台) name the metric only right after the figure.
    #[serde(default)]
    pub noun_only: bool,
    pub zh: Vec<String>,
    pub en: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ChangeSection {
    up_zh: Vec<String>,
    up_en: Vec<String>,
    down_zh: Vec<String>,
    down_en: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct MetricsFile {
    metric: Vec<Metric>,
    change: ChangeSection,
}

/// A set of phrases found in one pass, leftmost-longest, with Latin phrases held to word
/// boundaries (so "Meta" does not fire inside "metadata" and "up" not inside "update").
#[derive(Debug)]
pub struct PhraseSet<T> {
    /// Built when first searched: many sets are only compared at a position
    /// (`ending_at`, `starting_at`), and a short document never searches some others.
    ac: OnceLock<Option<Staged>>,
    /// Bytes searched without the automaton, by comparing phrases where their first
    /// character stands ([`SCAN_BYTES_PER_PHRASE`]).
    scanned: AtomicUsize,
    firsts: OnceLock<FirstChars>,
    caseless: bool,
    phrases: Vec<String>,
    values: Vec<T>,
    /// Phrase indices by their last byte and by their first byte (ASCII-lowercased), so
    /// `ending_at` and `starting_at` compare only the phrases that can match there.
    by_last: ByteIndex,
    by_first: ByteIndex,
}

/// How many bytes a phrase set searches without its automaton, per phrase. Building an
/// Aho-Corasick automaton costs ~14,000 instructions a phrase (18 M for the 1,266 phrases
/// of the sets the bundled essay searches, which scan 77 KB in all), and comparing the
/// phrases that start with each character of a text ~40 instructions a byte more than
/// scanning with the automaton: the automaton pays for itself after ~350 bytes a phrase.
/// Stopping short of that, a long input spends less than the automaton's cost again on
/// scans before building it.
const SCAN_BYTES_PER_PHRASE: usize = 256;

/// How many bytes an automaton searches as a contiguous NFA, per pattern, before it is
/// rebuilt as a DFA ([`Staged`]). The DFA scans a byte in one table lookup where the NFA
/// follows failure links, ~4% of the 10 MB corpus's time; but it costs several times as
/// much to build and hold (0.1-2.5 MB for the sets here), which a short document, like
/// the bundled essay (77 KB searched by all its sets), never earns back.
const DFA_BYTES_PER_PATTERN: usize = 4096;

/// An Aho-Corasick automaton that starts as a contiguous NFA, cheap to build, and is
/// rebuilt as a DFA once it has searched [`DFA_BYTES_PER_PATTERN`] bytes a pattern. Both
/// report the same matches; if the DFA cannot be built the NFA goes on searching.
#[derive(Debug)]
pub(crate) struct Staged {
    nfa: AhoCorasick,
    dfa: OnceLock<Option<AhoCorasick>>,
    searched: AtomicUsize,
    budget: usize,
    builder: AhoCorasickBuilder,
}

impl Staged {
    /// The NFA of `patterns` as `builder` configures it (its kind is set here).
    pub(crate) fn new<P: AsRef<[u8]>>(
        builder: &AhoCorasickBuilder,
        patterns: &[P],
    ) -> Result<Staged, aho_corasick::BuildError> {
        let nfa = builder
            .clone()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(patterns)?;
        Ok(Staged {
            nfa,
            dfa: OnceLock::new(),
            searched: AtomicUsize::new(0),
            budget: patterns.len().saturating_mul(DFA_BYTES_PER_PATTERN),
            builder: builder.clone(),
        })
    }

    /// The automaton to search a text of `len` bytes with; `patterns` are the ones it was
    /// built from (kept by the caller, not copied here).
    pub(crate) fn for_len<P: AsRef<[u8]>>(&self, len: usize, patterns: &[P]) -> &AhoCorasick {
        if let Some(dfa) = self.dfa.get() {
            return dfa.as_ref().unwrap_or(&self.nfa);
        }
        if self.searched.fetch_add(len, Ordering::Relaxed) + len <= self.budget {
            return &self.nfa;
        }
        self.dfa
            .get_or_init(|| self.dfa_of(patterns))
            .as_ref()
            .unwrap_or(&self.nfa)
    }

    fn dfa_of<P: AsRef<[u8]>>(&self, patterns: &[P]) -> Option<AhoCorasick> {
        self.builder
            .clone()
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns)
            .ok()
    }
}

/// A set's phrases by their first character (an ASCII letter lower-cased), for a search
/// without the automaton.
#[derive(Debug)]
struct FirstChars {
    /// Sorted; the phrases starting with `keys[i]` are `ids[starts[i]..starts[i + 1]]`,
    /// in phrase order.
    keys: Box<[u32]>,
    starts: Box<[u32]>,
    ids: Box<[u32]>,
    /// Bit `k % 4096` is set for every key `k`: most characters that start no phrase are
    /// passed over without the binary search.
    bits: [u64; 64],
}

impl FirstChars {
    fn new(phrases: &[String]) -> FirstChars {
        let key = |c: char| u32::from(c.to_ascii_lowercase());
        let mut pairs: Vec<(u32, u32)> = phrases
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.chars().next().map(|c| (key(c), i as u32)))
            .collect();
        pairs.sort_unstable();
        let mut keys = Vec::new();
        let mut starts = Vec::new();
        for (i, &(k, _)) in pairs.iter().enumerate() {
            if keys.last() != Some(&k) {
                keys.push(k);
                starts.push(i as u32);
            }
        }
        starts.push(pairs.len() as u32);
        let mut bits = [0u64; 64];
        for &k in &keys {
            bits[(k as usize >> 6) & 63] |= 1 << (k & 63);
        }
        FirstChars {
            keys: keys.into_boxed_slice(),
            starts: starts.into_boxed_slice(),
            ids: pairs.into_iter().map(|(_, i)| i).collect(),
            bits,
        }
    }

    /// The phrases starting with `c` in any ASCII case, in phrase order.
    #[inline]
    fn group(&self, c: char) -> &[u32] {
        let k = u32::from(c.to_ascii_lowercase());
        if self.bits[(k as usize >> 6) & 63] & (1 << (k & 63)) == 0 {
            return &[];
        }
        self.keyed(k)
    }

    fn keyed(&self, k: u32) -> &[u32] {
        match self.keys.binary_search(&k) {
            Ok(i) => &self.ids[self.starts[i] as usize..self.starts[i + 1] as usize],
            Err(_) => &[],
        }
    }
}

/// How a phrase set searches a text.
#[derive(Clone, Copy)]
enum Search<'a> {
    Automaton(&'a AhoCorasick),
    Scan(&'a FirstChars),
    Nothing,
}

/// Phrase indices grouped by one byte of each phrase, in phrase order within a group.
#[derive(Debug)]
struct ByteIndex {
    /// Group `b` is `ids[starts[b]..starts[b + 1]]`.
    starts: Box<[u32]>,
    ids: Box<[u32]>,
}

impl ByteIndex {
    fn new(phrases: &[String], key: impl Fn(&[u8]) -> u8) -> ByteIndex {
        let mut counts = vec![0u32; 257];
        for p in phrases {
            counts[usize::from(key(p.as_bytes())) + 1] += 1;
        }
        for b in 1..257 {
            counts[b] += counts[b - 1];
        }
        let mut next = counts[..256].to_vec();
        let mut ids = vec![0u32; phrases.len()];
        for (i, p) in phrases.iter().enumerate() {
            let b = usize::from(key(p.as_bytes()));
            ids[next[b] as usize] = i as u32;
            next[b] += 1;
        }
        ByteIndex {
            starts: counts.into_boxed_slice(),
            ids: ids.into_boxed_slice(),
        }
    }

    /// The phrases whose key byte is `b` in any ASCII case, in phrase order.
    fn group(&self, b: u8) -> &[u32] {
        let b = usize::from(b.to_ascii_lowercase());
        &self.ids[self.starts[b] as usize..self.starts[b + 1] as usize]
    }
}

/// The Traditional forms of the Simplified characters the lexicon uses
/// (rules/hant.toml): each character's first form and its last.
static HANT: LazyLock<HashMap<char, (char, char)>> = LazyLock::new(|| {
    #[derive(Deserialize)]
    struct HantFile {
        chars: BTreeMap<String, Vec<String>>,
    }
    let file: HantFile =
        toml::from_str(include_str!("../rules/hant.toml")).expect("rules/hant.toml parses");
    file.chars
        .iter()
        .filter_map(|(s, forms)| {
            let one = |t: &str| t.chars().next();
            let simplified = one(s)?;
            let first = forms.first().and_then(|f| one(f))?;
            let last = forms.last().and_then(|f| one(f))?;
            Some((simplified, (first, last)))
        })
        .collect()
});

/// Each Traditional form of rules/hant.toml and its Simplified character, sorted, for
/// the forms that are not Simplified characters in their own right (範 → 范, not 范 → 范)
/// and are as long in UTF-8 (every one is: three bytes).
static SIMPLIFIED: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    let mut out: Vec<(char, char)> = HANT
        .iter()
        .flat_map(|(&s, &(first, last))| [(first, s), (last, s)])
        .filter(|&(t, s)| t != s && !HANT.contains_key(&t) && t.len_utf8() == s.len_utf8())
        .collect();
    // (Two Simplified characters with one form: the smaller, so that the map does not
    // depend on the table's order.)
    out.sort_unstable();
    out.dedup_by_key(|e| e.0);
    out
});

/// `text` with each Traditional form of rules/hant.toml written as its Simplified
/// character (專案發起人林思妤說 → 专案发起人林思妤说), byte for byte as long, so that
/// every offset into it is an offset into `text`; borrowed when nothing changes.
pub fn fold_traditional(text: &str) -> std::borrow::Cow<'_, str> {
    let map = &*SIMPLIFIED;
    let simplified = |c: char| map.binary_search_by_key(&c, |e| e.0).ok().map(|i| map[i].1);
    let Some(at) = text
        .char_indices()
        .find(|&(_, c)| !c.is_ascii() && simplified(c).is_some())
        .map(|(i, _)| i)
    else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..at]);
    out.extend(text[at..].chars().map(|c| {
        if c.is_ascii() {
            c
        } else {
            simplified(c).unwrap_or(c)
        }
    }));
    debug_assert_eq!(out.len(), text.len());
    std::borrow::Cow::Owned(out)
}

thread_local! {
    /// Whether the lexicon being built also spells its Chinese in Traditional characters
    /// (set while [`Lexicon::builtin_traditional`] builds it).
    static TRADITIONAL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Characters found only in Traditional Chinese and common in any text written in it
/// (們, 這, 來, 說, 資, 據, 萬 …): a text holding a few of them is read with the
/// Traditional lexicon.
pub fn is_traditional(text: &str) -> bool {
    const MARKS: &str = "們這來說為與會國時實對發經數據萬億資業後臺灣學點體過還開關間種樣當應從將區專總處條網線號電腦計劃軟導標準質變證統議務極險權歷隨類順預題顯風驗個";
    // Sorted for a binary search: every document is read through once, and searching
    // the string for each character was a few percent of a dense corpus's run.
    static SORTED: LazyLock<Vec<char>> = LazyLock::new(|| {
        let mut marks: Vec<char> = MARKS.chars().collect();
        marks.sort_unstable();
        marks
    });
    text.chars()
        .filter(|c| !c.is_ascii() && SORTED.binary_search(c).is_ok())
        .take(3)
        .count()
        >= 3
}

/// The entries, and after them each Chinese phrase again in Traditional characters
/// (资料来源 → 資料來源), with the same value, where that spells it differently — only
/// for the Traditional lexicon.
fn with_traditional<T: Clone>(entries: Vec<(String, T)>) -> Vec<(String, T)> {
    // (Most phrases are English: they are passed over without a lookup.)
    if !TRADITIONAL.with(|t| t.get()) || entries.iter().all(|(p, _)| p.is_ascii()) {
        return entries;
    }
    let mut extra: Vec<(String, T)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (p, v) in &entries {
        if p.is_ascii() || !p.chars().any(|c| HANT.contains_key(&c)) {
            continue;
        }
        for pick_last in [false, true] {
            let t: String = p
                .chars()
                .map(|c| match HANT.get(&c) {
                    Some(&(first, last)) => {
                        if pick_last {
                            last
                        } else {
                            first
                        }
                    }
                    None => c,
                })
                .collect();
            if t != *p && seen.insert(t.clone()) {
                extra.push((t, v.clone()));
            }
        }
    }
    // (A Traditional spelling that is itself an entry keeps that entry's value.)
    if !extra.is_empty() {
        let own: HashSet<&str> = entries.iter().map(|(p, _)| p.as_str()).collect();
        extra.retain(|(t, _)| !own.contains(t.as_str()));
    }
    let mut out = entries;
    out.extend(extra);
    out
}

/// A regular expression that also matches its Chinese words written in Traditional
/// characters: 据业内人士估算 → 据業內人士估算 too. A character with Traditional forms
/// becomes a class of all of them, or, inside a class, is joined by them.
fn traditional_pattern(pattern: &str) -> String {
    if !TRADITIONAL.with(|t| t.get()) || pattern.is_ascii() {
        return pattern.to_string();
    }
    let mut out = String::with_capacity(pattern.len());
    let mut in_class = false;
    let mut escaped = false;
    for c in pattern.chars() {
        if escaped {
            escaped = false;
            out.push(c);
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' => in_class = true,
            ']' => in_class = false,
            _ => {}
        }
        match HANT.get(&c) {
            Some(&(first, last)) => {
                if !in_class {
                    out.push('[');
                }
                out.push(c);
                out.push(first);
                if last != first {
                    out.push(last);
                }
                if !in_class {
                    out.push(']');
                }
            }
            None => out.push(c),
        }
    }
    out
}

impl<T> PhraseSet<T> {
    fn new(entries: Vec<(String, T)>) -> Result<Self, Error>
    where
        T: Clone,
    {
        Self::build(entries, false)
    }

    /// Latin letters match in any case ("Studies show", "studies show").
    fn caseless(entries: Vec<(String, T)>) -> Result<Self, Error>
    where
        T: Clone,
    {
        Self::build(entries, true)
    }

    fn build(entries: Vec<(String, T)>, caseless: bool) -> Result<Self, Error>
    where
        T: Clone,
    {
        let (phrases, values): (Vec<String>, Vec<T>) = with_traditional(entries)
            .into_iter()
            .filter(|(p, _)| !p.is_empty())
            .unzip();
        // Phrases are not empty (filtered above); a lower-cased byte is the key, which
        // holds every phrase an exact or ASCII-caseless comparison can accept.
        let by_last = ByteIndex::new(&phrases, |p| p[p.len() - 1].to_ascii_lowercase());
        let by_first = ByteIndex::new(&phrases, |p| p[0].to_ascii_lowercase());
        Ok(PhraseSet {
            ac: OnceLock::new(),
            scanned: AtomicUsize::new(0),
            firsts: OnceLock::new(),
            caseless,
            phrases,
            values,
            by_last,
            by_first,
        })
    }

    fn automaton(&self) -> Result<Option<Staged>, Error> {
        if self.phrases.is_empty() {
            return Ok(None);
        }
        let mut builder = AhoCorasick::builder();
        builder
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(self.caseless);
        Staged::new(&builder, &self.phrases)
            .map(Some)
            .map_err(|e| Error::Rules {
                file: "rules".into(),
                message: e.to_string(),
            })
    }

    /// Builds the set's automaton now, or says why it cannot be built (a rule pack's
    /// phrases are checked so when they are loaded). A set whose automaton cannot be built
    /// finds nothing.
    fn ready(&self) -> Result<(), Error> {
        if self.ac.get().is_none() {
            let _ = self.ac.set(self.automaton()?);
        }
        Ok(())
    }

    /// Every match in `text`, left to right, as (byte range, value): leftmost-longest,
    /// non-overlapping; a match rejected for its word boundary lets the search go on from
    /// its next character rather than hiding a later match.
    pub fn find_all<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (Range<usize>, &'a T)> + 'a {
        let how = self.search_for(text.len());
        let mut at = 0usize;
        std::iter::from_fn(move || {
            while at < text.len() {
                let (start, end, k) = self.find_from(how, text, at)?;
                if on_word_boundary(text, start, end) {
                    at = end;
                    return Some((start..end, &self.values[k]));
                }
                at = next_char(text, start);
            }
            None
        })
    }

    /// The automaton once built, or a scan while the set has searched fewer than
    /// [`SCAN_BYTES_PER_PHRASE`] bytes a phrase; the two find the same matches.
    fn search_for(&self, len: usize) -> Search<'_> {
        let ac = match self.ac.get() {
            Some(ac) => ac,
            None => {
                if self.phrases.is_empty() {
                    return Search::Nothing;
                }
                let budget = self.phrases.len() * SCAN_BYTES_PER_PHRASE;
                if self.scanned.fetch_add(len, Ordering::Relaxed) + len <= budget {
                    return Search::Scan(
                        self.firsts.get_or_init(|| FirstChars::new(&self.phrases)),
                    );
                }
                self.ac.get_or_init(|| self.automaton().ok().flatten())
            }
        };
        ac.as_ref().map_or(Search::Nothing, |ac| {
            Search::Automaton(ac.for_len(len, &self.phrases))
        })
    }

    /// The leftmost match in `text[at..]`, the longest there, the first phrase among equals
    /// (as the automaton reports it): (start, end, phrase).
    fn find_from(&self, how: Search<'_>, text: &str, at: usize) -> Option<(usize, usize, usize)> {
        match how {
            Search::Automaton(ac) => {
                let m = ac.find(aho_corasick::Input::new(text).span(at..text.len()))?;
                Some((m.start(), m.end(), m.pattern().as_usize()))
            }
            Search::Scan(firsts) => {
                // A phrase starts with a whole character, so a match starts where one does.
                text[at..].char_indices().find_map(|(off, c)| {
                    let group = firsts.group(c);
                    if group.is_empty() {
                        return None;
                    }
                    let start = at + off;
                    let tail = &text[start..];
                    let mut best: Option<(usize, usize)> = None;
                    for &k in group {
                        let p = &self.phrases[k as usize];
                        if starts_with(tail, p, self.caseless)
                            && best.is_none_or(|(len, _)| p.len() > len)
                        {
                            best = Some((p.len(), k as usize));
                        }
                    }
                    best.map(|(len, k)| (start, start + len, k))
                })
            }
            Search::Nothing => None,
        }
    }

    /// The longest phrase that ends exactly at `pos` (ignoring one space for Latin text).
    pub fn ending_at(&self, text: &str, pos: usize) -> Option<(Range<usize>, &T)> {
        let head = &text[..pos];
        let trimmed = head.trim_end_matches(' ');
        // Only phrases ending in the byte before `pos` (or before the trimmed spaces) can
        // match; they are tried in phrase order, each at `head` then at `trimmed`, as a scan
        // of every phrase would, so ties go the same way.
        let group = |h: &str| {
            h.as_bytes()
                .last()
                .map_or(&[][..], |&b| self.by_last.group(b))
        };
        let at_head = group(head);
        // Without trailing spaces the second try is the first again, and cannot win.
        let at_trimmed = if trimmed.len() < head.len() {
            group(trimmed)
        } else {
            &[]
        };
        let mut best: Option<(Range<usize>, &T)> = None;
        let mut consider = |k: u32, h: &str| {
            let p = &self.phrases[k as usize];
            if ends_with(h, p, self.caseless) {
                let start = h.len() - p.len();
                // Only the left edge: the right one touches the figure by design.
                if left_boundary(text, start) && best.as_ref().is_none_or(|(r, _)| r.start > start)
                {
                    best = Some((start..h.len(), &self.values[k as usize]));
                }
            }
        };
        let (mut i, mut j) = (0, 0);
        while i < at_head.len() || j < at_trimmed.len() {
            let k = match (at_head.get(i), at_trimmed.get(j)) {
                (Some(&x), Some(&y)) => x.min(y),
                (Some(&x), None) => x,
                (None, Some(&y)) => y,
                (None, None) => break,
            };
            if at_head.get(i) == Some(&k) {
                consider(k, head);
                i += 1;
            }
            if at_trimmed.get(j) == Some(&k) {
                consider(k, trimmed);
                j += 1;
            }
        }
        best
    }

    /// The longest phrase that starts exactly at `pos` (allowing one space before Latin words).
    pub fn starting_at(&self, text: &str, pos: usize) -> Option<(Range<usize>, &T)> {
        let tail = &text[pos..];
        let &first = tail.as_bytes().first()?;
        let mut best: Option<(Range<usize>, &T)> = None;
        for &k in self.by_first.group(first) {
            let p = &self.phrases[k as usize];
            if starts_with(tail, p, self.caseless) {
                let end = pos + p.len();
                if right_boundary(text, end) && best.as_ref().is_none_or(|(r, _)| r.end < end) {
                    best = Some((pos..end, &self.values[k as usize]));
                }
            }
        }
        best
    }
}

fn ends_with(h: &str, p: &str, caseless: bool) -> bool {
    if caseless {
        h.len() >= p.len()
            && h.is_char_boundary(h.len() - p.len())
            && h[h.len() - p.len()..].eq_ignore_ascii_case(p)
    } else {
        h.ends_with(p)
    }
}

fn starts_with(t: &str, p: &str, caseless: bool) -> bool {
    if caseless {
        t.get(..p.len()).is_some_and(|x| x.eq_ignore_ascii_case(p))
    } else {
        t.starts_with(p)
    }
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}

fn is_latin_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A match starting at `start` does not continue a Latin word on its left.
fn left_boundary(text: &str, start: usize) -> bool {
    let first = text[start..].chars().next();
    let before = text[..start].chars().next_back();
    !(first.is_some_and(is_latin_word) && before.is_some_and(|c| c.is_ascii_alphabetic()))
}

/// A match ending at `end` is not continued by a Latin word on its right.
fn right_boundary(text: &str, end: usize) -> bool {
    let last = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    !(last.is_some_and(is_latin_word) && after.is_some_and(is_latin_word))
}

/// A match that begins or ends with a Latin letter or digit must not continue a Latin word.
pub fn on_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let left_ok = !(first.is_some_and(is_latin_word) && before.is_some_and(is_latin_word));
    let right_ok = !(last.is_some_and(is_latin_word) && after.is_some_and(is_latin_word));
    left_ok && right_ok
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bound {
    Exact,
    Lower,
    Upper,
    Approx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiteWord {
    SourceWord,
    /// A source word that needs help to mark a source (数据, data).
    WeakSourceWord,
    Verb,
    Opener,
    Vague,
}

/// Everything the extractors know, compiled.
#[derive(Debug)]
pub struct Lexicon {
    pub entities: Vec<Entity>,
    pub entity_names: PhraseSet<usize>,
    pub magnitudes_zh: Vec<(String, f64)>,
    pub magnitudes_en: Vec<(String, f64)>,
    pub magnitude_suffix: Vec<(String, f64)>,
    pub currencies: Vec<Currency>,
    /// Each currency's code, shared by the figures in it.
    pub currency_codes: Vec<std::sync::Arc<str>>,
    pub currency_prefix: PhraseSet<usize>,
    pub currency_suffix: PhraseSet<usize>,
    pub percent_suffix: PhraseSet<()>,
    pub percent_prefix_zh: Vec<String>,
    pub points: PhraseSet<()>,
    pub multiple_suffix: PhraseSet<()>,
    /// Measured units and durations by their canonical name, shared by the figures in
    /// them.
    pub measure: PhraseSet<std::sync::Arc<str>>,
    /// Canonical measured unit -> dimension and factor.
    pub scales: BTreeMap<String, Scale>,
    pub duration: PhraseSet<std::sync::Arc<str>>,
    pub per: PhraseSet<String>,
    pub per_words: PhraseSet<String>,
    /// Things a figure may be per that the rate table does not know (server, 进程,
    /// household), by their canonical English name: [`crate::claim::Quantity::each`].
    pub per_nouns: PhraseSet<String>,
    pub classifiers: Vec<String>,
    /// Estimates that come close from below (近九成, nearly two in five), lower case.
    pub near_words: Vec<String>,
    /// Openings that carry the previous sentence's source over to this one (A year
    /// earlier, 上年同期), lower case.
    pub carried_over: Vec<String>,
    /// Openings of a sentence that says where the work the previous one reports was
    /// published (The work was published in …, 相关成果发表在…), lower case, and the
    /// verbs it says so with.
    pub published_by: Vec<String>,
    pub publication_verbs: Vec<String>,
    /// Words that make the figure beside them a setting, not a statistic (默认 1000 行,
    /// 1,500 ms by default), lower case.
    pub settings: Vec<String>,
    /// Words that make a percentage beside them a term of an offer or a deal (6% VAT, 预付
    /// 30% 定金, 50% off), not a statistic, lower case.
    pub terms: Vec<String>,
    /// Words that make a figure a target the text sets itself (目标, "our goal"), and the
    /// verbs that open a list item setting one ("Reach …"), lower case.
    pub goals: Vec<String>,
    pub goal_verbs: Vec<String>,
    /// Words in a heading that make its section a plan (工作打算, "Priorities for 2026"),
    /// lower case: the section's forecasts and its figures for a period ahead are targets.
    pub plan_headings: Vec<String>,
    /// Words that open an instruction (请, 建议; "Send", "Budget" when one of the
    /// followers comes next: "Send 5% of traffic", "Budget about 120 MB"), and phrases of
    /// a recommendation ("is recommended"), lower case: a figure in one is no statistic.
    pub instruction_verbs: Vec<String>,
    pub instruction_followers: Vec<String>,
    pub recommendations: Vec<String>,
    /// Words that, alone in parentheses after a figure, say what kind of figure it is
    /// ((Median), (Provisional), (January)) rather than where it comes from, lower case.
    pub figure_notes: Vec<String>,
    /// Nouns whose number is a label (chapter 3, room 101), lower case.
    pub labels: std::collections::BTreeSet<String>,
    /// Nouns of a system's own size (layers, nodes, tokens, 参数), lower case.
    pub system_nouns: Vec<String>,
    /// Words before a figure that make it a size of the system: vocabulary, 上下文.
    pub system_sizes: Vec<String>,
    /// Units that only rate a product (a battery's mAh): a figure in one is its
    /// specification, not a statistic.
    pub spec_units: Vec<String>,
    /// English words that are never a figure's counted noun (says, only, today).
    pub not_nouns: std::collections::BTreeSet<String>,
    pub bound_before: PhraseSet<Bound>,
    pub bound_after: PhraseSet<Bound>,
    pub forecast: PhraseSet<()>,
    /// Words before the new date of a plan that moved (postponed to March 2027,
    /// 推迟至2026年11月).
    pub moved: PhraseSet<()>,
    pub cite: PhraseSet<CiteWord>,
    /// Verbs after a named body that make it a source (IDC预计, Gartner estimates).
    pub attribution_verbs: PhraseSet<()>,
    /// Vague-source patterns beyond the phrase list, each compiled when a text first
    /// holds one of its literals, and searched on an ASCII stand-in where that is exact.
    pub vague_patterns: crate::gate::LazyPatterns,
    pub metrics: PhraseSet<usize>,
    /// Shared with every claim that names the metric.
    pub metric_ids: Vec<std::sync::Arc<str>>,
    pub metric_noun_only: Vec<bool>,
    pub change: PhraseSet<i8>,
    /// Event words, each with the index of its event in `event_ids` (成立 and founded
    /// are one event).
    pub events: PhraseSet<usize>,
    pub event_ids: Vec<String>,
    /// Section names that mark a summary (TL;DR, 要点), lowercased.
    pub summary_sections: Vec<String>,
}

/// A project's addition to one of the built-in data files: a file of a rule pack named
/// like it (`entities.toml` adds aliases, `citations.toml` cue phrases …).
#[derive(Debug, Clone)]
pub struct PackFile {
    /// The built-in file it extends, such as `entities.toml`.
    pub name: String,
    /// Where it was read, for errors.
    pub path: String,
    pub text: String,
}

/// The built-in file `name` with every pack file of that name merged in. Each pack file
/// is first checked alone, so its mistakes are reported at their span in that file.
fn parse_file<T: for<'de> Deserialize<'de>>(name: &str, packs: &[PackFile]) -> Result<T, Error> {
    let builtin = format!("rules/{name}");
    // Without a pack file to merge, the file is read straight into its type (no table
    // built and read again: a share of start-up).
    if !packs.iter().any(|p| p.name == name) {
        return toml::from_str(file(name)).map_err(|e| Error::Rules {
            file: builtin,
            message: e.to_string(),
        });
    }
    let mut merged: toml::Table = toml::from_str(file(name)).map_err(|e| Error::Rules {
        file: builtin.clone(),
        message: e.to_string(),
    })?;
    for p in packs.iter().filter(|p| p.name == name) {
        let table: toml::Table = toml::from_str(&p.text)
            .and_then(|t: toml::Table| toml::from_str::<T>(&p.text).map(|_| t))
            .map_err(|e| Error::in_file(&p.path, &p.text, e.span(), e.message(), None))?;
        merge(&mut merged, table);
    }
    T::deserialize(merged).map_err(|e| Error::Rules {
        file: builtin,
        message: e.to_string(),
    })
}

/// Deep merge: tables merge, arrays extend, other values are replaced. Array entries
/// that are tables with the same `id` merge into one (a pack adding names to `tesla`).
fn merge(into: &mut toml::Table, from: toml::Table) {
    use toml::Value;
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(Value::Table(a)), Value::Table(b)) => merge(a, b),
            (Some(Value::Array(a)), Value::Array(b)) => {
                for item in b {
                    let id = item.get("id").and_then(Value::as_str).map(str::to_string);
                    let same = id.and_then(|id| {
                        a.iter_mut()
                            .find(|x| x.get("id").and_then(Value::as_str) == Some(id.as_str()))
                    });
                    match (same, item) {
                        (Some(Value::Table(x)), Value::Table(y)) => merge(x, y),
                        (_, item) => a.push(item),
                    }
                }
            }
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}

fn file(name: &str) -> &'static str {
    BUILTIN
        .iter()
        .find(|(n, _)| n.ends_with(name))
        .map_or("", |(_, t)| t)
}

/// A word list of both languages, lower case (the Chinese words are unchanged).
/// The words of both languages, lower case, with the Traditional spelling of each
/// Chinese one when the document is Traditional (規劃 for 规划).
fn lowered_both(zh: &[String], en: &[String]) -> Vec<String> {
    let entries = zh
        .iter()
        .chain(en)
        .map(|w| (w.to_lowercase(), ()))
        .collect();
    with_traditional(entries)
        .into_iter()
        .map(|(w, ())| w)
        .collect()
}

fn sorted_desc(map: BTreeMap<String, f64>) -> Vec<(String, f64)> {
    let mut v: Vec<(String, f64)> = map.into_iter().collect();
    v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    v
}

fn unit_set(list: &[String]) -> Result<PhraseSet<()>, Error> {
    PhraseSet::new(list.iter().map(|s| (s.clone(), ())).collect())
}

fn map_set_shared(map: BTreeMap<String, String>) -> Result<PhraseSet<std::sync::Arc<str>>, Error> {
    PhraseSet::new(map.into_iter().map(|(k, v)| (k, v.into())).collect())
}

/// (With Traditional spellings in a Traditional document: 每週 as 每周.)
fn map_set_caseless(map: BTreeMap<String, String>) -> Result<PhraseSet<String>, Error> {
    PhraseSet::caseless(with_traditional(map.into_iter().collect()))
}

impl Lexicon {
    /// The lexicon compiled from the embedded `rules/` files.
    pub fn builtin() -> Result<&'static Lexicon, Error> {
        static LEX: OnceLock<Result<Lexicon, Error>> = OnceLock::new();
        LEX.get_or_init(Lexicon::load)
            .as_ref()
            .map_err(Clone::clone)
    }

    fn load() -> Result<Lexicon, Error> {
        Lexicon::with_packs(&[])
    }

    /// The built-in lexicon with every Chinese phrase and pattern also spelt in
    /// Traditional characters (資料來源, 據業內人士估算, 萬): built only for a text written in
    /// them, since the longer phrase sets and patterns cost start-up time.
    pub fn builtin_traditional() -> Result<&'static Lexicon, Error> {
        static LEX: OnceLock<Result<Lexicon, Error>> = OnceLock::new();
        LEX.get_or_init(|| {
            TRADITIONAL.with(|t| t.set(true));
            let lex = Lexicon::with_packs(&[]);
            TRADITIONAL.with(|t| t.set(false));
            lex
        })
        .as_ref()
        .map_err(Clone::clone)
    }

    /// Builds the automaton of every phrase set now.
    fn sets_ready(&self) -> Result<(), Error> {
        self.entity_names.ready()?;
        self.currency_prefix.ready()?;
        self.currency_suffix.ready()?;
        self.percent_suffix.ready()?;
        self.points.ready()?;
        self.multiple_suffix.ready()?;
        self.measure.ready()?;
        self.duration.ready()?;
        self.per.ready()?;
        self.per_words.ready()?;
        self.bound_before.ready()?;
        self.bound_after.ready()?;
        self.forecast.ready()?;
        self.moved.ready()?;
        self.cite.ready()?;
        self.attribution_verbs.ready()?;
        self.metrics.ready()?;
        self.change.ready()?;
        self.events.ready()
    }

    /// The names of the built-in data files a rule pack may extend.
    pub fn file_names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(n, _)| n.trim_start_matches("rules/"))
    }

    /// The built-in lexicon extended by a project's rule-pack files.
    pub fn with_packs(packs: &[PackFile]) -> Result<Lexicon, Error> {
        let ents: EntitiesFile = parse_file("entities.toml", packs)?;
        let mags: MagnitudesFile = parse_file("magnitudes.toml", packs)?;
        let curs: CurrenciesFile = parse_file("currencies.toml", packs)?;
        let units: UnitsFile = parse_file("units.toml", packs)?;
        let quals: QualifiersFile = parse_file("qualifiers.toml", packs)?;
        let fc: ForecastsFile = parse_file("forecasts.toml", packs)?;
        let cites: CitationsFile = parse_file("citations.toml", packs)?;
        let metrics: MetricsFile = parse_file("metrics.toml", packs)?;
        let events: EventsFile = parse_file("events.toml", packs)?;
        let sections: SectionsFile = parse_file("sections.toml", packs)?;

        let mut names = Vec::new();
        for (i, e) in ents.entity.iter().enumerate() {
            for n in &e.names {
                names.push((n.clone(), i));
            }
        }
        let mut cur_pre = Vec::new();
        let mut cur_suf = Vec::new();
        for (i, c) in curs.currency.iter().enumerate() {
            cur_pre.extend(c.prefix.iter().map(|p| (p.clone(), i)));
            cur_suf.extend(c.suffix.iter().map(|p| (p.clone(), i)));
        }
        let mut before = Vec::new();
        let mut after = Vec::new();
        for q in [&quals.zh, &quals.en] {
            before.extend(q.lower.iter().map(|s| (s.clone(), Bound::Lower)));
            before.extend(q.upper.iter().map(|s| (s.clone(), Bound::Upper)));
            before.extend(q.approx.iter().map(|s| (s.clone(), Bound::Approx)));
            after.extend(q.lower_after.iter().map(|s| (s.clone(), Bound::Lower)));
            after.extend(q.upper_after.iter().map(|s| (s.clone(), Bound::Upper)));
            after.extend(q.approx_after.iter().map(|s| (s.clone(), Bound::Approx)));
        }
        let mut cite = Vec::new();
        let mut attribution = Vec::new();
        // A rule pack's patterns are compiled now, so that a mistake in one is reported
        // before any text is read; the built-in ones (compiled by a test) when first needed.
        let vague_patterns = crate::gate::LazyPatterns::new(
            &[&cites.zh, &cites.en]
                .iter()
                .flat_map(|c| c.vague_patterns.iter().map(|p| traditional_pattern(p)))
                .collect::<Vec<_>>(),
            packs.iter().any(|p| p.name == "citations.toml"),
        )
        .map_err(|e| Error::Rules {
            file: "rules/citations.toml".into(),
            message: format!("vague_patterns: {e}"),
        })?;
        for c in [&cites.zh, &cites.en] {
            attribution.extend(c.attribution_verbs.iter().map(|v| (v.clone(), ())));
            cite.extend(c.source_words.iter().map(|s| {
                let w = if c.weak_source_words.contains(s) {
                    CiteWord::WeakSourceWord
                } else {
                    CiteWord::SourceWord
                };
                (s.clone(), w)
            }));
            cite.extend(c.verbs.iter().map(|s| (s.clone(), CiteWord::Verb)));
            cite.extend(c.openers.iter().map(|s| (s.clone(), CiteWord::Opener)));
            cite.extend(c.vague.iter().map(|s| (s.clone(), CiteWord::Vague)));
        }
        let mut metric_words = Vec::new();
        for (i, m) in metrics.metric.iter().enumerate() {
            metric_words.extend(m.zh.iter().chain(&m.en).map(|w| (w.clone(), i)));
        }
        let ch = &metrics.change;
        let mut change = Vec::new();
        change.extend(ch.up_zh.iter().chain(&ch.up_en).map(|w| (w.clone(), 1i8)));
        change.extend(
            ch.down_zh
                .iter()
                .chain(&ch.down_en)
                .map(|w| (w.clone(), -1i8)),
        );

        let lex = Lexicon {
            entity_names: PhraseSet::new(names)?,
            entities: ents.entity,
            magnitudes_zh: sorted_desc(
                with_traditional(mags.zh.into_iter().collect())
                    .into_iter()
                    .collect(),
            ),
            magnitudes_en: sorted_desc(mags.en),
            magnitude_suffix: sorted_desc(mags.suffix),
            currency_prefix: PhraseSet::new(cur_pre)?,
            currency_suffix: PhraseSet::new(cur_suf)?,
            currency_codes: curs
                .currency
                .iter()
                .map(|c| c.code.as_str().into())
                .collect(),
            currencies: curs.currency,
            percent_suffix: unit_set(&units.percent.suffix)?,
            percent_prefix_zh: units.percent.prefix_zh,
            points: unit_set(&units.percent.points)?,
            multiple_suffix: unit_set(&units.multiple.suffix)?,
            measure: map_set_shared(units.measure)?,
            scales: units.scale,
            duration: map_set_shared(units.duration)?,
            per: map_set_caseless(units.per)?,
            per_words: map_set_caseless(units.per_words)?,
            per_nouns: map_set_caseless(units.per_nouns)?,
            classifiers: units.classifiers.zh,
            carried_over: lowered_both(&cites.zh.carried_over, &cites.en.carried_over),
            settings: lowered_both(&cites.zh.settings, &cites.en.settings),
            terms: lowered_both(&cites.zh.terms, &cites.en.terms),
            goals: lowered_both(&cites.zh.goals, &cites.en.goals),
            goal_verbs: lowered_both(&cites.zh.goal_verbs, &cites.en.goal_verbs),
            plan_headings: lowered_both(&cites.zh.plan_headings, &cites.en.plan_headings),
            instruction_verbs: lowered_both(
                &cites.zh.instruction_verbs,
                &cites.en.instruction_verbs,
            ),
            instruction_followers: lowered_both(
                &cites.zh.instruction_followers,
                &cites.en.instruction_followers,
            ),
            recommendations: lowered_both(&cites.zh.recommendations, &cites.en.recommendations),
            figure_notes: lowered_both(&cites.zh.figure_notes, &cites.en.figure_notes),
            published_by: lowered_both(&cites.zh.published_by, &cites.en.published_by),
            publication_verbs: lowered_both(
                &cites.zh.publication_verbs,
                &cites.en.publication_verbs,
            ),
            near_words: lowered_both(&quals.zh.near, &quals.en.near),
            labels: units.labels.en.iter().map(|w| w.to_lowercase()).collect(),
            system_nouns: units.system_nouns.lowered(),
            system_sizes: units.system_sizes.lowered(),
            spec_units: units.spec_units,
            not_nouns: units
                .not_nouns
                .en
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            bound_before: PhraseSet::caseless(before)?,
            bound_after: PhraseSet::caseless(after)?,
            forecast: PhraseSet::caseless(
                fc.zh
                    .cues
                    .iter()
                    .chain(&fc.en.cues)
                    .map(|s| (s.clone(), ()))
                    .collect(),
            )?,
            moved: PhraseSet::caseless(
                fc.zh
                    .moved
                    .iter()
                    .chain(&fc.en.moved)
                    .map(|s| (s.clone(), ()))
                    .collect(),
            )?,
            cite: PhraseSet::caseless(cite)?,
            vague_patterns,
            attribution_verbs: PhraseSet::caseless(attribution)?,
            metrics: PhraseSet::caseless(metric_words)?,
            metric_ids: metrics
                .metric
                .iter()
                .map(|m| m.id.as_str().into())
                .collect(),
            metric_noun_only: metrics.metric.iter().map(|m| m.noun_only).collect(),
            change: PhraseSet::caseless(change)?,
            events: PhraseSet::caseless(
                events
                    .event
                    .iter()
                    .enumerate()
                    .flat_map(|(i, e)| e.words.iter().map(move |w| (w.clone(), i)))
                    .collect(),
            )?,
            event_ids: events.event.iter().map(|e| e.id.clone()).collect(),
            summary_sections: sections
                .zh
                .summary
                .iter()
                .chain(&sections.en.summary)
                .map(|w| w.to_lowercase())
                .collect(),
        };
        // A rule pack's phrases are built into their automata now, so that a set too large
        // to build is reported when it is loaded; the built-in sets (built by a test) when
        // first searched.
        if !packs.is_empty() {
            lex.sets_ready()?;
        }
        Ok(lex)
    }

    /// The id a figure about this entity is filed under: a product's owner when it has
    /// one, so 英伟达's figures and CUDA's land in one bucket.
    pub fn root(&self, entity: usize) -> &str {
        let e = &self.entities[entity];
        e.owner
            .as_deref()
            .filter(|o| !o.is_empty())
            .unwrap_or(&e.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan, the automaton's NFA and its DFA find the same match from every position
    /// of `texts`.
    fn scan_agrees<T>(set: &PhraseSet<T>, texts: &[String]) {
        let Some(ac) = set.automaton().unwrap() else {
            return;
        };
        let dfa = ac.dfa_of(&set.phrases).expect("the DFA builds");
        let firsts = FirstChars::new(&set.phrases);
        for t in texts {
            for (at, _) in t.char_indices() {
                let scan = set.find_from(Search::Scan(&firsts), t, at);
                assert_eq!(
                    scan,
                    set.find_from(Search::Automaton(&ac.nfa), t, at),
                    "{t:?} from {at}"
                );
                assert_eq!(
                    scan,
                    set.find_from(Search::Automaton(&dfa), t, at),
                    "{t:?} from {at}, DFA"
                );
            }
        }
    }

    /// A staged automaton searches with its NFA until it has searched its budget, then
    /// with its DFA, and the two report the same overlapping matches.
    #[test]
    fn staged_automaton_turns_dfa_after_its_budget() {
        let lex = Lexicon::builtin().unwrap();
        let phrases = &lex.cite.phrases;
        let mut builder = AhoCorasick::builder();
        builder.ascii_case_insensitive(true);
        let staged = Staged::new(&builder, phrases).unwrap();
        let texts = texts_of(phrases, 300);
        let bytes: usize = texts.iter().map(String::len).sum();
        // Through the budget, then the texts once more with the DFA.
        let rounds = phrases.len() * DFA_BYTES_PER_PATTERN / bytes + 2;
        let mut turned = false;
        for t in texts.iter().cycle().take(rounds * texts.len()) {
            let used = staged.for_len(t.len(), phrases);
            turned |= used.kind() == AhoCorasickKind::DFA;
            let all = |ac: &AhoCorasick| {
                ac.find_overlapping_iter(t.as_str())
                    .map(|m| (m.span(), m.pattern()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(all(used), all(&staged.nfa), "{t:?}");
        }
        assert!(
            turned,
            "{} bytes a pattern never reached",
            DFA_BYTES_PER_PATTERN
        );
        assert_eq!(staged.nfa.kind(), AhoCorasickKind::ContiguousNFA);
    }

    /// Texts of pieces of `phrases` (whole, cut, in another case, run together) and other
    /// words, from a fixed seed.
    fn texts_of(phrases: &[String], count: usize) -> Vec<String> {
        let mut next = crate::testrand::below(0x2545_F491_4F6C_DD1D);
        let filler = ["", " ", "的", "a", "X", "，", "2024年", "Ab", "ſ", "数"];
        (0..count)
            .map(|_| {
                let mut t = String::new();
                for _ in 0..1 + next(6) {
                    let p = &phrases[next(phrases.len())];
                    let piece = match next(4) {
                        0 => p.to_uppercase(),
                        1 => p.chars().take(1 + next(4)).collect(),
                        2 => p.to_lowercase(),
                        _ => p.clone(),
                    };
                    t.push_str(&piece);
                    t.push_str(filler[next(filler.len())]);
                }
                t
            })
            .collect()
    }

    #[test]
    fn a_scan_finds_what_the_automaton_does() {
        for lex in [
            Lexicon::builtin().unwrap(),
            Lexicon::builtin_traditional().unwrap(),
        ] {
            scan_agrees(&lex.entity_names, &texts_of(&lex.entity_names.phrases, 300));
            scan_agrees(&lex.cite, &texts_of(&lex.cite.phrases, 300));
            scan_agrees(&lex.metrics, &texts_of(&lex.metrics.phrases, 300));
            scan_agrees(&lex.per_words, &texts_of(&lex.per_words.phrases, 300));
            scan_agrees(&lex.change, &texts_of(&lex.change.phrases, 300));
            scan_agrees(&lex.events, &texts_of(&lex.events.phrases, 300));
            scan_agrees(&lex.forecast, &texts_of(&lex.forecast.phrases, 300));
            scan_agrees(&lex.moved, &texts_of(&lex.moved.phrases, 300));
            scan_agrees(&lex.measure, &texts_of(&lex.measure.phrases, 300));
        }
        // Duplicates, and phrases equal but for case: the first one wins, as in the
        // automaton.
        let set = PhraseSet::caseless(
            ["ab", "AB", "abc", "Abc", "b", "ab", "数据", "数"]
                .iter()
                .enumerate()
                .map(|(i, p)| (p.to_string(), i))
                .collect(),
        )
        .unwrap();
        let texts: Vec<String> = ["xaby", "xABCy", "aBc", "数据ab", "b数", "ſab"]
            .iter()
            .map(|t| t.to_string())
            .collect();
        scan_agrees(&set, &texts);
        scan_agrees(&set, &texts_of(&set.phrases, 300));
    }

    #[test]
    fn builtin_rules_load() {
        let lex = Lexicon::builtin().expect("rules parse");
        assert!(lex.entities.len() > 100);
        // What is built when first needed builds.
        lex.sets_ready().expect("phrase sets build");
        lex.vague_patterns
            .compile_all()
            .expect("vague patterns compile");
    }

    #[test]
    fn traditional_text_folds_to_simplified_at_the_same_offsets() {
        let t = "“平安下山。”專案發起人林思妤說。范先生說 30 萬";
        let folded = fold_traditional(t);
        assert_eq!(folded, "“平安下山。”专案发起人林思妤说。范先生说 30 万");
        assert_eq!(folded.len(), t.len());
        // Simplified text, and characters that are Simplified in their own right (范,
        // 干, 着), are left as they are.
        let plain = "范先生说若干着 30 万";
        assert!(matches!(
            fold_traditional(plain),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn chinese_phrases_are_also_found_in_traditional_characters() {
        assert!(is_traditional(
            "根據我們的測試，這個庫每秒可轉換 210 萬字。"
        ));
        assert!(!is_traditional(
            "根据我们的测试，这个库每秒可转换 210 万字。"
        ));
        let lex = Lexicon::builtin_traditional().expect("rules parse");
        let words = |t: &str| lex.cite.find_all(t).map(|(_, w)| *w).collect::<Vec<_>>();
        assert_eq!(words("资料来源"), words("資料來源"));
        assert!(!words("資料來源").is_empty());
        TRADITIONAL.with(|t| t.set(true));
        let pattern = traditional_pattern("据(?:业内)?[^，。]{0,4}说");
        let whole = traditional_pattern("据业内人士估算");
        TRADITIONAL.with(|t| t.set(false));
        assert_eq!(pattern, "[据據](?:[业業][内內])?[^，。]{0,4}[说說説]");
        assert!(
            regex::Regex::new(&whole)
                .unwrap()
                .is_match("據業內人士估算")
        );
        // The Simplified lexicon is left as it was.
        let plain = Lexicon::builtin().expect("rules parse");
        assert!(plain.cite.find_all("資料來源").next().is_none());
    }

    #[test]
    fn a_file_read_alone_reads_as_when_merged_with_an_empty_pack() {
        // The built-in files are read straight into their types when no pack extends
        // them, and through a merged table when one does.
        let empty: Vec<PackFile> = Lexicon::file_names()
            .map(|n| PackFile {
                name: n.to_string(),
                path: format!("pack/{n}"),
                text: String::new(),
            })
            .collect();
        let alone = Lexicon::with_packs(&[]).unwrap();
        let merged = Lexicon::with_packs(&empty).unwrap();
        alone.sets_ready().unwrap();
        alone.vague_patterns.compile_all().unwrap();
        merged.vague_patterns.compile_all().unwrap();
        assert_eq!(format!("{alone:?}"), format!("{merged:?}"));
    }

    #[test]
    fn entity_names_respect_latin_word_boundaries() {
        let lex = Lexicon::builtin().unwrap();
        let text = "metadata and Meta开源LLaMA后，特斯拉FSD";
        let found: Vec<&str> = lex
            .entity_names
            .find_all(text)
            .map(|(r, _)| &text[r])
            .collect();
        assert_eq!(found, vec!["Meta", "LLaMA", "特斯拉", "FSD"]);
    }

    #[test]
    fn every_product_owner_exists() {
        let lex = Lexicon::builtin().unwrap();
        for e in &lex.entities {
            if let Some(o) = e.owner.as_deref().filter(|o| !o.is_empty()) {
                assert!(lex.entities.iter().any(|x| x.id == o), "{} owner {o}", e.id);
            }
        }
    }
}
