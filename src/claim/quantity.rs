//! Figures: a number with its magnitude, unit or currency, rate denominator, qualifier
//! and direction of change, normalised so that 16亿美元, $1.6 billion, US$1.6B and
//! 1,600 million dollars are one value. Numbers that are names (GPT-4, Office 365,
//! Dolly 2.0, v1.2.3), ordinals and dates are not figures.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use crate::gate::{Gate, Gated, holds_caseless};

use super::date::Found as FoundDate;
use super::entity::Mention;
use super::number::{is_cn_digit, parse_arabic, parse_chinese};
use super::text::{Sentence, floor_char, head as head_str, tail};
use crate::lexicon::{Bound, Lexicon};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A plain count or number (1亿用户, 85亿次查询).
    Count,
    /// ISO code: USD, EUR, CNY … The names are the lexicon's, shared by every
    /// figure in the unit.
    Currency(Arc<str>),
    Percent,
    /// Percentage points.
    Points,
    /// 3倍, 2x.
    Multiple,
    Measure(Arc<str>),
    Duration(Arc<str>),
}

impl Unit {
    /// A coarse class: figures of different classes are never the same claim.
    pub fn class(&self) -> &str {
        match self {
            Unit::Count | Unit::Currency(_) => "amount",
            Unit::Percent | Unit::Points => "percent",
            Unit::Multiple => "multiple",
            Unit::Measure(m) => m,
            Unit::Duration(_) => "duration",
        }
    }

    pub fn label(&self) -> String {
        match self {
            Unit::Count => "no unit".into(),
            Unit::Currency(c) => c.to_string(),
            Unit::Percent => "%".into(),
            Unit::Points => "percentage points".into(),
            Unit::Multiple => "×".into(),
            Unit::Measure(m) => m.to_string(),
            Unit::Duration(d) => format!("{d}s"),
        }
    }
}

/// A figure's value, unit and how it is stated. Its range top, rate, counted noun and
/// dimension are read with [`Quantity::high`], [`Quantity::per`], [`Quantity::noun`]
/// and [`Quantity::dimension`]: most figures have none of them, and they are boxed
/// together, so a figure (boxed in its claim) is 56 bytes rather than 120.
#[derive(Debug, Clone)]
pub struct Quantity {
    /// The value in base units: 16亿 → 1.6e9, 30% → 30.0.
    pub value: f64,
    pub unit: Unit,
    pub bound: Bound,
    /// +1 growth, -1 decline, 0 a level.
    pub change: i8,
    pub scale: f64,
    extra: Option<Box<Extra>>,
}

/// What few figures have.
#[derive(Debug, Clone, Default)]
struct Extra {
    /// The top of a range (3-5年 → 5).
    high: Option<f64>,
    /// Rate denominators, canonical ("1k token", "person", "month").
    per: Vec<String>,
    /// The counted noun after the figure, if any (用户, 帧, users).
    noun: Option<Box<str>>,
    /// For a measured unit with a scale (GW, MB): its dimension and the factor already
    /// applied to `value`, so 1 GW and 1,000 MW are one value.
    dimension: Option<Box<str>>,
    /// What the figure is per when the rate table does not know it: [`Quantity::each`].
    each: Vec<Box<str>>,
}

/// What [`Quantity::exact_key`] gives: the value's and the scale's bits, the change,
/// unit and bound, and the boxed rest if there is one (the top of a range as bits, the
/// denominators, the noun, the dimension).
pub(crate) type ExactKey<'a> = (
    u64,
    u64,
    i8,
    &'a Unit,
    Bound,
    Option<(
        Option<u64>,
        &'a [String],
        Option<&'a str>,
        Option<&'a str>,
        &'a [Box<str>],
    )>,
);

impl PartialEq for Quantity {
    fn eq(&self, other: &Quantity) -> bool {
        self.value == other.value
            && self.high() == other.high()
            && self.unit == other.unit
            && self.per() == other.per()
            && self.bound == other.bound
            && self.change == other.change
            && self.noun() == other.noun()
            && self.dimension() == other.dimension()
            && self.each() == other.each()
            && self.scale == other.scale
    }
}

impl Quantity {
    /// An exact level of `value` in `unit`, before qualifiers, rates and scale are read.
    pub fn new(value: f64, unit: Unit) -> Self {
        Quantity {
            value,
            unit,
            bound: Bound::Exact,
            change: 0,
            scale: 1.0,
            extra: None,
        }
    }

    /// The figure bit for bit (its values' bits, so 0.0 and -0.0 are two, and every
    /// field, boxed or not): the figures a document writes alike share one copy in their
    /// claims ([`crate::claim::ClaimKind::Quantity`]; 135,370 distinct figures among
    /// 527,222 in the 50 MB corpus file).
    pub(crate) fn exact_key(&self) -> ExactKey<'_> {
        let extra = self.extra.as_ref().map(|e| {
            (
                e.high.map(f64::to_bits),
                e.per.as_slice(),
                e.noun.as_deref(),
                e.dimension.as_deref(),
                e.each.as_slice(),
            )
        });
        (
            self.value.to_bits(),
            self.scale.to_bits(),
            self.change,
            &self.unit,
            self.bound,
            extra,
        )
    }

    /// The top of a range (3-5年 → 5).
    pub fn high(&self) -> Option<f64> {
        self.extra.as_ref().and_then(|e| e.high)
    }

    /// Rate denominators, canonical ("1k token", "person", "month").
    pub fn per(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.per)
    }

    /// The denominators as compared across variants and languages: a counted one by its
    /// count alone ("per 1,000 rows" and 每千行 are one denominator), joined by '/'.
    pub fn per_key(&self) -> String {
        let parts: Vec<&str> = self
            .per()
            .iter()
            .map(|p| {
                if p.starts_with(|c: char| c.is_ascii_digit()) {
                    p.split(' ').next().unwrap_or(p)
                } else {
                    p.as_str()
                }
            })
            .collect();
        parts.join("/")
    }

    /// Whether two figures have one [`Quantity::per_key`], compared without building
    /// either (alignment asks for every pair of candidates it compares).
    pub fn same_per(&self, other: &Quantity) -> bool {
        if self.per().is_empty() && other.per().is_empty() {
            return true;
        }
        self.per_key_parts()
            .flat_map(str::bytes)
            .eq(other.per_key_parts().flat_map(str::bytes))
    }

    /// The pieces [`Quantity::per_key`] joins, its separators among them.
    fn per_key_parts(&self) -> impl Iterator<Item = &str> {
        self.per().iter().enumerate().flat_map(|(i, p)| {
            let part = if p.starts_with(|c: char| c.is_ascii_digit()) {
                p.split(' ').next().unwrap_or(p)
            } else {
                p.as_str()
            };
            [if i == 0 { "" } else { "/" }, part]
        })
    }

    /// The counted noun after the figure, if any (用户, 帧, users).
    pub fn noun(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.noun.as_deref())
    }

    /// For a measured unit with a scale (GW, MB): its dimension, the scale's factor
    /// already applied to `value`, so 1 GW and 1,000 MW are one value.
    pub fn dimension(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.dimension.as_deref())
    }

    /// What the figure is per when the rate table does not know it, beside
    /// [`Quantity::per`] and not aligned on: the thing named (`server` for "per server"
    /// and 每台服务器, from `rules/units.toml` `[per_nouns]`), an English word the table
    /// lacks as written, singular, after `~` ("~elector"), or `?` for a Chinese 每 whose
    /// noun the table lacks (每位评委: something, not known what).
    pub fn each(&self) -> &[Box<str>] {
        self.extra.as_ref().map_or(&[], |e| &e.each)
    }

    fn push_each(&mut self, thing: Box<str>) {
        let each = &mut self.extra_mut().each;
        if !each.contains(&thing) {
            each.push(thing);
        }
    }

    fn extra_mut(&mut self) -> &mut Extra {
        self.extra.get_or_insert_with(Box::default)
    }

    pub fn set_high(&mut self, high: Option<f64>) {
        if high.is_some() || self.extra.is_some() {
            self.extra_mut().high = high;
        }
    }

    pub fn per_mut(&mut self) -> &mut Vec<String> {
        &mut self.extra_mut().per
    }

    pub fn set_noun(&mut self, noun: Option<Box<str>>) {
        if noun.is_some() || self.extra.is_some() {
            self.extra_mut().noun = noun;
        }
    }

    pub fn set_dimension(&mut self, dimension: Option<Box<str>>) {
        if dimension.is_some() || self.extra.is_some() {
            self.extra_mut().dimension = dimension;
        }
    }

    /// The class of figures this one can be compared with.
    pub fn class(&self) -> &str {
        self.dimension().unwrap_or_else(|| self.unit.class())
    }

    /// The number as written, before its unit's scale (217 for 217 MW and 217 GW).
    pub fn written(&self) -> f64 {
        self.value / self.scale
    }
}

#[derive(Debug, Clone)]
pub struct Found {
    pub range: Range<usize>,
    pub quantity: Quantity,
}

/// After "N times": a period that makes it a frequency (650k times a month).
static HOW_OFTEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:a|an|per|each|every)\s+(?:day|week|month|year|quarter|hour|minute|second)")
        .expect("how-often regex")
});

/// A denominator that is a count: " per 1,000 followed files".
static PER_COUNT: Gated = Gated::new(
    r"^ per (?P<n>\d[\d,]*)\s+(?P<w>[a-z]+(?:\s+[a-z]+)?)",
    Gate::StartsWith(&[" per "]),
);

/// "over" right after another figure and up to three plain words (not to/by/from…).
static OVER_AFTER_FIGURE: Gated = Gated::new(
    r"\d[\d,.]*%?\s+(?:(?:[a-z]+)\s+){0,3}over\s*$",
    // `over\s*$`: the text ends with "over" and white space (what `trim_end` trims).
    Gate::Custom(|t| t.trim_end().ends_with("over")),
);

/// "over" after a verb of spreading: "spread over 214 stations" (not "averaged over 93%", a bound).
static OVER_AFTER_SPREAD: Gated = Gated::new(
    r"(?i-u)\b(?:spread|spreads|spreading|scattered|distributed|split|divided|spaced|staggered)(?:\s+out)?\s+over\s*$",
    Gate::Custom(|t| t.trim_end().ends_with("over")),
);

/// An estimate word on the verb before a Chinese figure: 约占…的, 约为…的, 大约是.
static APPROX_VERB: Gated = Gated::new(
    r"(?:约|大约|大概|将近|接近)(?:占|为|是|有|相当于|需要|需|要|达|花费|耗时|耗资|投入|处理|生产|产出|售出|销售|卖出|覆盖|服务|吸引|接待|完成|节省|带来|实现|吸纳|容纳|运送|运输|出口|进口)[^，。；,;:：]{0,24}?的?\s*$",
    Gate::Contains(&["约", "大概", "将近", "接近"]),
);

/// An upper bound on the verb before a Chinese figure: 最多可达幼树的三倍, 最高可达…的.
static UPPER_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:最多|最高|至多)(?:可|能|将)?(?:达到|达|为|是|相当于|比)[^，。；,;:：]{0,24}?的?\s*$",
    )
    .expect("upper verb regex")
});

/// Verbs of growth that state a multiple: doubled, tripled, quadrupled; 翻了一番 (2x),
/// 翻倍 (2x), 翻了两番 (4x).
static MULTIPLIER_WORD: Gated = Gated::new(
    r"(?i)(?-u:\b)(?:doubled|doubling|tripled|tripling|quadrupled|quadrupling)(?-u:\b)|翻了?(?:一|两)番|翻番|翻了?一?倍",
    Gate::Custom(multiplied),
);

/// The gate of [`MULTIPLIER_WORD`]: an English match holds one of the three stems in any
/// case; a Chinese one holds 翻 and then 番 or 倍.
fn multiplied(t: &str) -> bool {
    holds_caseless(t, &["doubl", "tripl", "quadrupl"])
        || (t.contains('翻') && (t.contains('番') || t.contains('倍')))
}

/// What separates the figures of a list: `[,，、/]|and|or|和|或`.
const LIST_MARKS: &[&str] = &[",", "，", "、", "/", "and", "or", "和", "或"];

/// The gate of [`MODEL_LIST_AFTER`]: `^\s*` then a list mark opens the text after its
/// leading white space (`\s` is what `trim_start` trims), and `[A-Z]` stands in it.
fn opens_with_a_list_mark(t: &str) -> bool {
    let t = t.trim_start();
    LIST_MARKS.iter().any(|m| t.starts_with(m)) && t.bytes().any(|b| b.is_ascii_uppercase())
}

/// The gate of [`MODEL_LIST_BEFORE`]: a list mark and then `\s*$` end the text.
fn ends_with_a_list_mark(t: &str) -> bool {
    let t = t.trim_end();
    LIST_MARKS.iter().any(|m| t.ends_with(m))
}

/// A model name beside a number in a list (3090, V100 and A100; A100、3090).
static MODEL_LIST_AFTER: Gated = Gated::new(
    r"^\s*(?:[,，、/]|and|or|和|或)\s*[A-Z]{1,4}\d{2,4}(?-u:\b)",
    Gate::Custom(opens_with_a_list_mark),
);
static MODEL_LIST_BEFORE: Gated = Gated::new(
    r"(?-u:\b)[A-Z]{1,4}\d{2,4}\s*(?:[,，、/]|and|or|和|或)\s*$",
    Gate::Custom(ends_with_a_list_mark),
);

static ARABIC: LazyLock<Regex> = LazyLock::new(|| {
    // D is a digit; Z a digit that may follow zero-width characters (1\u{200b}600 is
    // 1600, as parse_arabic reads it, not 1 and 600).
    const D: &str = "[0-9０-９]";
    const Z: &str = "[\u{200b}-\u{200d}\u{2060}]*[0-9０-９]";
    let grouped = format!("{D}{Z}{{0,2}}(?:[,，]{Z}{Z}{Z})+(?:[.．]{Z}+)?");
    let plain = format!("{D}{Z}*(?:[.．]{Z}+)?");
    Regex::new(&format!("{grouped}|{plain}")).expect("arabic number regex")
});

static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"百分之[零〇一二两兩三四五六七八九十百点點]+|[零〇一二两兩三四五六七八九十百千万萬亿億]+(?:[点點][零〇一二三四五六七八九]+)?")
        .expect("chinese number regex")
});

/// A model name right before a size (Llama 3 70B, Mistral 7B, Qwen2-72B).
static MODEL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Z][A-Za-z]+(?:[ -]?\d+(?:\.\d+)?)?[ -]$").expect("model regex")
});

/// Words after which a capitalised name and a number form a product name (Office 365).
fn is_name_word(w: &str) -> bool {
    let Some(first) = w.chars().next() else {
        return false;
    };
    if !first.is_ascii_uppercase() {
        return false;
    }
    let not_names = [
        "In",
        "By",
        "Since",
        "From",
        "Until",
        "To",
        "Of",
        "The",
        "Over",
        "About",
        "Around",
        "Nearly",
        "Up",
        "Q",
        "FY",
        "H",
        "Top",
        "Only",
        "Just",
        "Some",
        "All",
        "Page",
        "Step",
        "Rule",
        "Table",
        "Figure",
        "Chapter",
        "Section",
        "Part",
        "Level",
        "Phase",
        "Stage",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "At",
        "For",
        "With",
        "And",
        "Or",
        "Than",
        "Reached",
        "Hit",
        "Was",
        "Is",
        "Are",
        "Were",
        "Has",
        "Had",
        "Have",
    ];
    !not_names.contains(&w)
}

/// Whether `word`, the word before `pos`, is capitalised and follows an article or
/// another word of its sentence ("The Drift 5", "with Drift 5"), not the sentence's
/// first word.
fn mid_sentence_name(text: &str, pos: usize, word: &str) -> bool {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let head = text[..pos].trim_end_matches(' ');
    let before = head[..head.len() - word.len()].trim_end_matches(' ');
    // (Wi-Fi 6: the hyphen joins the name's words.)
    before.ends_with(|c: char| c.is_ascii_alphabetic() || c == ',' || c == '-')
}

fn prev_word(text: &str, pos: usize) -> (&str, bool) {
    let head = &text[..pos];
    let trimmed = head.trim_end_matches(' ');
    let spaced = trimmed.len() < head.len();
    (
        super::text::trailing_run(trimmed, |c| c.is_ascii_alphanumeric()),
        spaced,
    )
}

/// Whether a sentence speaks of network ports (Port 1700/udp takes …, 8080 serves the
/// REST API; 8080 端口提供 …): then a plain integer in it names a port.
fn says_ports(sentence: &str) -> bool {
    sentence.contains("端口")
        || sentence.contains("/udp")
        || sentence.contains("/tcp")
        || sentence.match_indices("port").any(|(i, _)| {
            let before = sentence[..i].chars().next_back();
            let after = &sentence[i + 4..];
            !before.is_some_and(char::is_alphanumeric)
                && (after.is_empty()
                    || after.starts_with(|c: char| !c.is_alphanumeric())
                    || after.starts_with("s ")
                    || after.starts_with("s,"))
        })
        || sentence.match_indices("Port").any(|(i, _)| {
            !sentence[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && sentence[i + 4..].starts_with(' ')
        })
}

/// Whether the word after a figure is a verb taking an object (8080 serves the REST API),
/// not a counted noun (4500 containers).
fn verb_after(after: &str) -> bool {
    let mut words = after.split_whitespace();
    let _verb = words.next();
    words
        .next()
        .is_some_and(|w| ["the", "a", "an", "its", "their", "our", "your", "all"].contains(&w))
}

/// A port number as written: plain digits (no separator, no decimal), 1–65535.
fn is_port_number(written: &str, v: f64) -> bool {
    written.bytes().all(|b| b.is_ascii_digit()) && (1.0..=65535.0).contains(&v)
}

/// Ranges read once, so that whether a range overlaps one of them is found by binary
/// search (a few are simply scanned).
struct Spans {
    /// The ranges by start, and the furthest end of the first k of them; or the ranges
    /// alone when there are few.
    sorted: Vec<Range<usize>>,
    reach: Vec<usize>,
}

impl Spans {
    /// Below this many, a scan is cheaper than sorting.
    const FEW: usize = 8;

    fn new<'a>(ranges: impl Iterator<Item = &'a Range<usize>>) -> Self {
        let mut sorted: Vec<Range<usize>> = ranges.cloned().collect();
        let mut reach = Vec::new();
        if sorted.len() > Self::FEW {
            sorted.sort_by_key(|r| r.start);
            let mut furthest = 0;
            reach = sorted
                .iter()
                .map(|r| {
                    furthest = furthest.max(r.end);
                    furthest
                })
                .collect();
        }
        Spans { sorted, reach }
    }

    /// Whether `r` overlaps one of the ranges (shares a byte with it, as `find` asks).
    fn overlaps(&self, r: &Range<usize>) -> bool {
        if self.reach.is_empty() {
            return self
                .sorted
                .iter()
                .any(|o| r.start < o.end && o.start < r.end);
        }
        // The ranges starting before `r` ends; one of them reaches into it.
        let k = self.sorted.partition_point(|o| o.start < r.end);
        k > 0 && self.reach[k - 1] > r.start
    }
}

/// The unit a table's header or row label gives its bare figures, in brackets at its end:
/// 缴存额（亿元）, 件数（万件）, "2026 (£)", "Revenue ($m)", "Share (%)". Returns the
/// bracket's range in `label` and the figure 1 in that unit (1亿元 = 1e8 CNY), so a cell's
/// 98.6 reads as 98.6亿元.
pub fn of_label(label: &str, lex: &Lexicon) -> Option<(Range<usize>, Quantity)> {
    static BRACKET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[（(]\s*([^()（）]{1,20}?)\s*[)）]\s*$").expect("label unit regex")
    });
    let caps = BRACKET.captures(label)?;
    let whole = caps.get(0)?.range();
    let inner = caps.get(1)?.as_str();
    // The one figure `probe` holds, when it is all of it (1亿元), or it and its counted
    // noun (1万 个).
    let read = |probe: &str| -> Option<Quantity> {
        let s = super::text::sentences(probe).into_iter().next()?;
        let found = find(probe, &s, lex, &[], &[], None);
        let [one] = found.as_slice() else { return None };
        let q = &one.quantity;
        let rest = probe.get(one.range.end..).unwrap_or("").trim();
        // (Or an abbreviated unit the counted-noun reader leaves: "(10,000 TEU)".)
        let abbreviation = q.noun().is_none()
            && q.unit == Unit::Count
            && (2..=6).contains(&rest.len())
            && rest.bytes().all(|b| b.is_ascii_uppercase());
        let whole =
            one.range.start == 0 && (rest.is_empty() || q.noun() == Some(rest) || abbreviation);
        let plain = q.high().is_none() && q.change == 0;
        (whole && plain).then(|| {
            let mut q = q.clone();
            if abbreviation {
                q.set_noun(Some(rest.into()));
            }
            q
        })
    };
    // A unit with a number is a power of ten of it ("(10,000 units)", "(100 million
    // kWh)"); other numbers in brackets are conditions ("QPS (1M vectors)", "(5/5)").
    // (After a currency's sign or code: "(RMB 100 million)", "(US$1,000)".)
    let lead = inner
        .find(|c: char| {
            !(c.is_ascii_uppercase() || matches!(c, '$' | '£' | '€' | '¥' | '￥' | ' '))
        })
        .unwrap_or(inner.len());
    let run = lead
        + inner[lead..]
            .find(|c: char| !(c.is_ascii_digit() || c == ','))
            .unwrap_or(inner.len() - lead);
    if inner.contains(|c: char| c.is_ascii_digit()) {
        let digits: String = inner[lead..run]
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let power = digits.len() >= 2
            && digits.starts_with('1')
            && digits[1..].bytes().all(|b| b == b'0')
            && !inner[run..].contains(|c: char| c.is_ascii_digit());
        return power
            .then(|| read(inner))
            .flatten()
            .filter(|q| q.per().is_empty())
            .map(|q| (whole, q));
    }
    // The figure 1 in the unit: after a leading currency sign (£1m, US$1 million), else
    // before the unit (1亿元, 1 kWh, 1%).
    let sign_len = inner
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_uppercase() || matches!(c, '$' | '£' | '€' | '¥' | '￥')))
        .map_or(inner.len(), |(k, _)| k);
    let probes = if inner[..sign_len].contains(['$', '£', '€', '¥', '￥']) {
        vec![format!("{}1{}", &inner[..sign_len], &inner[sign_len..])]
    } else {
        vec![format!("1{inner}"), format!("1 {inner}")]
    };
    probes.iter().find_map(|p| {
        let q = read(p)?;
        // (A counted noun alone only when it is a measure word: （家）, （座）; （进口）
        // is a condition.)
        let counter = q.noun().is_some_and(|n| n.chars().count() == 1);
        let informative = q.unit != Unit::Count || q.value != 1.0 || counter;
        informative.then(|| (whole.clone(), q))
    })
}

/// `q`, a bare figure in a table cell, read in its header's or row label's unit (see
/// [`of_label`]). Figures with a unit, a noun or a rate of their own are left as they are.
pub fn in_unit(q: &mut Quantity, unit: &Quantity) {
    if q.unit != Unit::Count || q.noun().is_some() || !q.per().is_empty() || q.scale != 1.0 {
        return;
    }
    // A year under "Opened (year)" is no duration.
    let year_like = q.value.fract() == 0.0 && (1900.0..=2100.0).contains(&q.value);
    if year_like && matches!(unit.unit, Unit::Duration(_)) {
        return;
    }
    let high = q.high().map(|h| h * unit.value);
    let mut out = unit.clone();
    out.value = q.value * unit.value;
    out.set_high(high);
    out.bound = q.bound;
    out.change = q.change;
    *q = out;
}

/// Every figure in the sentence.
pub fn find(
    text: &str,
    s: &Sentence,
    lex: &Lexicon,
    mentions: &[Mention],
    dates: &[FoundDate],
    ordinal: Option<&Range<usize>>,
) -> Vec<Found> {
    let st = &text[s.range.clone()];
    let base = s.range.start;
    let mut out: Vec<Found> = Vec::new();
    let mut taken_until = base;
    let overlaps = |r: &Range<usize>, o: &Range<usize>| r.start < o.end && o.start < r.end;

    let mut cands: Vec<(Range<usize>, f64, bool)> = Vec::new();
    for m in ARABIC.find_iter(st) {
        if let Some(v) = parse_arabic(m.as_str()) {
            cands.push((base + m.start()..base + m.end(), v, false));
        }
    }
    for m in CHINESE.find_iter(st) {
        let mut raw = m.as_str();
        // 每百万千瓦: the 千 of 千瓦 (千米, 千克) is the unit's, not the numeral's.
        if let Some(last) = raw
            .chars()
            .next_back()
            .filter(|c| matches!(c, '千' | '百' | '万'))
        {
            let at = base + m.end() - last.len_utf8();
            if raw.chars().count() > 1 && lex.measure.starting_at(text, at).is_some() {
                raw = &raw[..raw.len() - last.len_utf8()];
            }
        }
        let (core, pct) = match raw.strip_prefix("百分之") {
            Some(rest) => (rest, true),
            None => (raw, false),
        };
        if let Some(v) = parse_chinese(core) {
            cands.push((base + m.start()..base + m.start() + raw.len(), v, true));
            if pct {
                // Marked by the 百分之 prefix; handled below.
            }
        }
    }
    cands.sort_by_key(|c| c.0.start);
    // A sentence about network ports: its plain integers are port numbers.
    let about_ports = says_ports(st);
    // Figures in words (one in five, 五分之一): their digits are not figures of their own.
    let worded = super::words::find(text, s.range.clone());
    // 2小时07分48秒, 48分31秒: a time on the clock or a race record, read as a whole as
    // 2:07:48 is, not three figures.
    let clock: Vec<Range<usize>> = if st.contains('分') || st.contains(" min") {
        COMPOUND_TIME
            .find_iter(st)
            .map(|m| base + m.start()..base + m.end())
            .collect()
    } else {
        Vec::new()
    };

    // (Each candidate asks by binary search: a sentence may hold thousands of names and
    // dates.)
    let worded_at = Spans::new(worded.iter().map(|(w, _)| w));
    let mention_at = Spans::new(mentions.iter().map(|m| &m.range));
    let date_at = Spans::new(dates.iter().map(|d| &d.range));
    for (r, v, chinese) in cands {
        if r.start < taken_until {
            continue;
        }
        if worded_at.overlaps(&r) {
            continue;
        }
        if mention_at.overlaps(&r) {
            continue;
        }
        if date_at.overlaps(&r) {
            continue;
        }
        if ordinal.is_some_and(|o| overlaps(&r, o)) || clock.iter().any(|c| overlaps(&r, c)) {
            continue;
        }
        // 每百万千瓦…带动就业约1.2万人, 每50公斤119元: the base a later figure of the clause
        // is given per, not a figure of its own (每 30 秒 alone is one, and 每 60 秒写入一次
        // counts no other figure).
        let rate_base = text[..r.start].trim_end_matches(' ').ends_with('每') && {
            let rest = &text[r.end..s.range.end.max(r.end)];
            let clause = &rest[..rest
                .find(['，', '。', '；', '！', '？'])
                .unwrap_or(rest.len())];
            clause
                .chars()
                .any(|c| c.is_ascii_digit() || (is_cn_digit(c) && c != '一'))
        };
        // 《中国大学评价报告 2026》, 《"十四五"规划》: a number in a title is part of a name.
        if in_title(text, &r) {
            continue;
        }
        // "3.2 MB of memory per 1,000 rows": the count a figure before it is given per.
        let per_count = !out.is_empty() && text[..r.start].ends_with(" per ");
        if rate_base || per_count || (!chinese && names_a_line_or_code(text, &r)) {
            continue;
        }
        let found = if chinese {
            interpret_chinese(text, r.clone(), v, lex)
        } else {
            interpret_arabic(text, r.clone(), v, lex)
        };
        // chapter 3, room 101, PR 345, 2号线, 3号楼: a label of a series, not an amount;
        // 23时后, 凌晨1时: an hour of the day.
        let label = || {
            let (word, spaced) = prev_word(text, r.start);
            let after = &text[r.end..];
            let hour = after.starts_with('时')
                && !after.starts_with("时间")
                && !after.starts_with("时期")
                && !after.starts_with("时代")
                && v.fract() == 0.0
                && v <= 24.0;
            (spaced && lex.labels.contains(&word.to_ascii_lowercase()))
                || after.starts_with('号')
                || after.trim_start().starts_with("端口")
                || hour
                || after.starts_with("/udp")
                || after.starts_with("/tcp")
        };
        if let Some(f) = found {
            if matches!(f.quantity.unit, Unit::Count) && f.quantity.per().is_empty() && label() {
                continue;
            }
            // A port number names a port, but a counted noun (4500 containers) is counted.
            if about_ports
                && matches!(f.quantity.unit, Unit::Count)
                && (f.quantity.noun().is_none() || verb_after(&text[f.range.end..]))
                && is_port_number(&text[r.clone()], v)
            {
                continue;
            }
            // 10万吨级泊位, 5A级景区: a class named by a figure, not an amount.
            if text[f.range.end..].starts_with('级') && !text[f.range.end..].starts_with("级别")
            {
                continue;
            }
            if f.range.end <= s.range.end {
                taken_until = f.range.end;
                out.push(f);
            }
        }
    }
    let before = out.len();
    let figure_at = Spans::new(out.iter().map(|f| &f.range));
    for (r, q) in worded {
        if figure_at.overlaps(&r) || mention_at.overlaps(&r) || date_at.overlaps(&r) {
            continue;
        }
        let chinese = text[r.clone()].starts_with(|c: char| c > '\u{2E80}');
        if let Some(f) = finish(text, r.start, r.end, q, lex, true, chinese) {
            if f.range.end <= s.range.end {
                out.push(f);
            }
        }
    }
    // Growth said in a word: tripled = 3x, 翻了一番 = 2倍.
    for m in MULTIPLIER_WORD.find_iter(st) {
        let r = base + m.start()..base + m.end();
        if out.iter().any(|f| overlaps(&r, &f.range)) || mention_at.overlaps(&r) {
            continue;
        }
        let w = m.as_str().to_lowercase();
        let value =
            if w.starts_with("doubl") || w.contains('番') && !w.contains('两') || w.contains('倍')
            {
                2.0
            } else if w.starts_with("tripl") {
                3.0
            } else {
                4.0
            };
        out.push(Found {
            range: r,
            quantity: Quantity {
                change: 1,
                ..Quantity::new(value, Unit::Multiple)
            },
        });
    }
    if out.len() > before {
        out.sort_by_key(|f| f.range.start);
    }
    join_ranges(text, &mut out);
    out
}

/// Verbs of change before "from … to …" that are not regular past forms in -ed.
const CHANGE_VERBS: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "risen",
    "fell",
    "fall",
    "falls",
    "fallen",
    "grew",
    "grow",
    "grows",
    "grown",
    "went",
    "goes",
    "go",
    "cut",
    "cuts",
    "up",
    "down",
    "increase",
    "increases",
    "decrease",
    "decreases",
    "drop",
    "drops",
    "climb",
    "climbs",
    "jump",
    "jumps",
    "shrank",
    "shrink",
    "shrinks",
    "improve",
    "improves",
    "move",
    "moves",
    "change",
    "changes",
    "raise",
    "raises",
    "lower",
    "lowers",
    "reduce",
    "reduces",
    "boost",
    "boosts",
    "lift",
    "lifts",
    "push",
    "pushes",
    "take",
    "takes",
    "bring",
    "brings",
    "expand",
    "expands",
    "shift",
    "shifts",
    "hike",
    "hikes",
    "slash",
    "slashes",
];

/// 25%–50%, $10–$20, 10万至20万, 20%～30%: a range with its unit written at both ends is
/// one figure, as 25–50% is. Not "from 25% to 50%" (从20%到30%), a change.
fn join_ranges(text: &str, out: &mut Vec<Found>) {
    let mut joined = vec![false; out.len()];
    let mut k = 0;
    while k + 1 < out.len() {
        let (a, b) = (&out[k], &out[k + 1]);
        let (qa, qb) = (&a.quantity, &b.quantity);
        let between = text.get(a.range.end..b.range.start).unwrap_or("").trim();
        let b_text = &text[b.range.clone()];
        // The separator between the two, or read as the second figure's sign (25%-50%).
        let signed = between.is_empty() && b_text.starts_with(['-', '–', '—']) && qb.value < 0.0;
        let worded = matches!(between, "至" | "到" | "to");
        let separated = worded || matches!(between, "-" | "–" | "—" | "~" | "～" | "－");
        let high = if signed { -qb.value } else { qb.value };
        let change_b = if signed { qa.change } else { qb.change };
        // "rose from 25% to 50%" is a change; "works from -20°C to 45°C" a range.
        let from_before = || {
            let head = super::text::tail(&text[..a.range.start], 48).to_lowercase();
            let Some(before_from) = head.trim_end().strip_suffix("from") else {
                return head.contains('从') || head.contains('從');
            };
            before_from.split_whitespace().rev().take(6).any(|w| {
                // (Not ranging, varying, operating: a span.)
                let span_word = matches!(
                    w,
                    "ranging" | "varying" | "spanning" | "running" | "operating" | "working"
                );
                CHANGE_VERBS.contains(&w)
                    || w.ends_with("ed") && !w.ends_with("eed")
                    || w.ends_with("ing") && !span_word
            })
        };
        // The unit written at both ends, or only at the end after a bare number
        // (10万至20万元, 10至20GW, $10–$20 a month): the range takes the second's unit.
        let bare = qa.unit == Unit::Count
            && qa.scale == 1.0
            && qa.noun().is_none_or(|n| matches!(n, "至" | "到"));
        let same_unit = qa.unit == qb.unit
            && (qa.per() == qb.per() || qa.per().is_empty())
            && qa.scale == qb.scale;
        let low = if same_unit {
            qa.value
        } else {
            qa.value * qb.scale
        };
        let joins = (signed || separated)
            && (same_unit || bare)
            && qa.high().is_none()
            && qb.high().is_none()
            && qa.bound == Bound::Exact
            && qb.bound == Bound::Exact
            && qa.change == change_b
            && high > low
            && !(worded && from_before());
        if joins {
            let (change, end) = (qa.change, b.range.end);
            let mut q = qb.clone();
            q.value = low;
            q.change = change;
            q.set_high(Some(high));
            out[k].range.end = end;
            out[k].quantity = q;
            // The second figure is dropped below (removing it here would make a line of
            // many ranges quadratic).
            joined[k + 1] = true;
            k += 1;
        }
        k += 1;
    }
    if joined.contains(&true) {
        let mut n = 0;
        out.retain(|_| {
            n += 1;
            !joined[n - 1]
        });
    }
}

/// A time in hours, minutes and seconds: 2小时07分48秒, 1时20分, 48分31秒, 3 min 52 s,
/// 2 h 7 min.
static COMPOUND_TIME: Gated = Gated::new(
    r"[0-9]+ ?(?:小时|时) ?[0-9]+ ?分(?:钟)?(?: ?[0-9]+(?:\.[0-9]+)? ?秒)?|[0-9]+ ?分(?:钟)? ?[0-9]+(?:\.[0-9]+)? ?秒|(?-u:\b)[0-9]+ ?(?:h|hrs?|hours?) +[0-9]+ ?(?:min|mins|minutes?)(?-u:\b)(?: +[0-9]+(?:\.[0-9]+)? ?(?:s|secs?|seconds?)(?-u:\b))?|(?-u:\b)[0-9]+ ?(?:min|mins|minutes?) +[0-9]+(?:\.[0-9]+)? ?(?:s|secs?|seconds?)(?-u:\b)",
    Gate::Custom(digit_then_minutes),
);

/// The gate of [`COMPOUND_TIME`]: every branch holds an ASCII digit, an optional space and
/// 分 or `min` (the minutes, or a time in minutes and seconds).
fn digit_then_minutes(t: &str) -> bool {
    ["分", "min"].iter().any(|w| {
        t.match_indices(w).any(|(i, _)| {
            let before = t[..i].strip_suffix(' ').unwrap_or(&t[..i]);
            before.ends_with(|c: char| c.is_ascii_digit())
        })
    })
}

/// Whether a number stands inside a 《title》 (looked for at most 60 bytes either side).
fn in_title(text: &str, r: &Range<usize>) -> bool {
    let before = super::text::tail(&text[..r.start], 60);
    let after = &text[r.end..floor_char(text, (r.end + 60).min(text.len()))];
    let opened = before
        .rfind('《')
        .is_some_and(|i| !before[i..].contains('》'));
    opened && after.find('》').is_some_and(|i| !after[..i].contains('《'))
}

/// A number that names a telephone line, a hotline or a listed code rather than
/// counting anything: 01632 960418, 0597-8821 6600, 12345热线, （股份代号：2476）,
/// "call 0800 123 456", "HKEX: 9988".
fn names_a_line_or_code(text: &str, r: &Range<usize>) -> bool {
    static LABEL_BEFORE: Gated = Gated::new(
        r"(?:股份代号|股票代码|证券代码|股票代号|代码|代号|电话|热线|传真|编号|邮编|邮政编码|分类号|书号|刊号|注册号|登记号|批准号|股份代號|股票代碼|證券代碼|股票代號|代碼|代號|電話|熱線|傳真|編號|郵編|郵政編碼|分類號|書號|刊號|註冊號|登記號|批准號|拨打|致电|拨通|呼叫|撥打|致電|撥通|端口|連接埠|连接埠|(?i-u:tel|phone|fax|call|hotline|codes?|batch(?: numbers?)?|ports?|helpline|ticker|stock code|hkex|sehk|nyse|nasdaq|lse|asx|tse|sse|szse|issn|isbn|postcode|zip code|no\.|nr\.|registration number|registration no|registered charity|charity number|charity no|company number|entry|reference|ref|docket|patent|serial|permit)\.?|(?-i:GB/T|GB|ISO|IEC|RFC|ASTM|DIN|EN|BS|JIS|IEEE))[ 　]?[:：]?[ 　]?[(（]?(?:(?i-u:from|between) )?(?:[(（][0-9]{1,4}[)）][ 　]?)?(?:\+?[0-9][0-9 -]*(?:(?i-u:to|and) [0-9]*)?)?$",
        Gate::ContainsCaseless(&[
            "代号",
            "代码",
            // (Traditional forms.)
            "代號",
            "代碼",
            "編號",
            "郵編",
            "郵政編碼",
            "分類號",
            "書號",
            "刊號",
            "註冊號",
            "登記號",
            "批准號",
            "電話",
            "熱線",
            "傳真",
            "编号",
            "邮编",
            "邮政编码",
            "分类号",
            "书号",
            "刊号",
            "注册号",
            "登记号",
            "批准号",
            "issn",
            "isbn",
            "postcode",
            "zip code",
            "no.",
            "nr.",
            "number",
            "registration no",
            // Register entries and references: "list entry 1042876", "ref 20931".
            "entry",
            "ref",
            "docket",
            "patent",
            "serial",
            "permit",
            "gb",
            "iso",
            "iec",
            "rfc",
            "astm",
            "din",
            "en",
            "bs",
            "jis",
            "ieee",
            "电话",
            "热线",
            "传真",
            // Dialling it: 拨打 12345.
            "拨打",
            "致电",
            "拨通",
            "呼叫",
            "撥打",
            "致電",
            "撥通",
            "tel",
            "phone",
            "fax",
            "call",
            "hotline",
            "helpline",
            "ticker",
            "batch",
            "port",
            "端口",
            "連接埠",
            "连接埠",
            "stock code",
            "code",
            "hkex",
            "sehk",
            "nyse",
            "nasdaq",
            "lse",
            "asx",
            "tse",
            "sse",
            "szse",
            "charity",
        ]),
    );
    let digits = &text[r.clone()];
    // A leading zero: a dialling code or a number that continues one.
    // (In ASCII or full-width digits: ０５７５－８８３４１０２７.)
    let zero = |t: &str| {
        t.strip_prefix('0')
            .or_else(|| t.strip_prefix('０'))
            .is_some_and(|rest| !rest.starts_with(['.', ',']))
    };
    if zero(digits) && digits.len() >= 3 {
        return true;
    }
    let before = &text[..r.start];
    let head = before
        .trim_end_matches(|c: char| super::number::is_digit(c) || matches!(c, ' ' | '-' | '－'));
    let group = &before[head.len()..];
    // (…or a group after one, or after a country code: +86 597 8821 6600.)
    if zero(group.trim_start()) && group.trim().len() >= 3
        || head.ends_with('+') && !group.is_empty()
    {
        return true;
    }
    let after = &text[r.end..];
    // +852 2385 6610: the country code itself.
    if head.ends_with('+') && group.is_empty() && after.starts_with([' ', '-']) {
        return true;
    }
    // K18+600, DK7+200: a chainage, a place along a road, a railway or a channel.
    if let Some(mark) = head.strip_suffix('+') {
        let km = mark.trim_end_matches(|c: char| c.is_ascii_digit());
        if km.len() < mark.len()
            && km.ends_with(|c: char| c.is_ascii_uppercase())
            && !km[..km.len() - 1]
                .ends_with(|c: char| c.is_ascii_alphanumeric() && !c.is_ascii_uppercase())
        {
            return true;
        }
    }
    // 滨江大道 1688 号, 〔2015〕26 号, 3 号线: a number that names a door, a document or a
    // line (not 号称, "claimed").
    let numbered = after.trim_start_matches(' ');
    if (numbered.starts_with('号') || numbered.starts_with('號'))
        && !["号称", "號稱", "号召", "號召"]
            .iter()
            .any(|w| numbered.starts_with(w))
    {
        return true;
    }
    // 391 Wen'er Road, 14 High Street, 2200 Pennsylvania Ave: a number that names a door.
    // (Only when a capital follows: the pattern is read for few figures.)
    static STREET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^ (?:[A-Z][\w'’.-]*\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Way|Drive|Dr|Boulevard|Blvd|Place|Pl|Square|Sq|Court|Ct|Crescent|Terrace|Row|Quay|Wharf|Parade|Close|Gardens|Highway|Hwy)\b",
        )
        .expect("street regex")
    });
    if after.starts_with(' ')
        && after[1..].starts_with(|c: char| c.is_ascii_uppercase())
        && STREET.is_match(after)
    {
        return true;
    }
    // 12 樓 1203 室, Room 1203: a room; 3 楼 305 室: the floor before it.
    let room = |t: &str| {
        let t = t.trim_start();
        t.starts_with('室') || t.starts_with("號室") || t.starts_with("号室")
    };
    if room(after)
        || after
            .trim_start()
            .strip_prefix(['楼', '樓', '层', '層'])
            .is_some_and(|t| {
                let t = t.trim_start();
                let n = t.bytes().take_while(u8::is_ascii_digit).count();
                n > 0 && room(&t[n..])
            })
        || super::text::tail(before, 8)
            .to_ascii_lowercase()
            .ends_with("room ")
    {
        return true;
    }
    // (1761), （2026）: a year alone in brackets; (1889–1961), （1736—1795）: two, a
    // lifetime or a reign.
    let year = |t: &str| {
        t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) && ("1000".."2101").contains(&t)
    };
    fn dash(t: &str) -> Option<&str> {
        t.strip_prefix(['-', '–', '—', '~', '～', '至'])
    }
    let opens = |t: &str| t.ends_with(['(', '（']);
    let closes = |t: &str| t.starts_with([')', '）']);
    if year(digits)
        && ((opens(before) && closes(after))
            || (opens(before)
                && dash(after).is_some_and(|t| t.len() >= 5 && year(&t[..4]) && closes(&t[4..])))
            || (closes(after)
                && before
                    .strip_suffix(|c: char| matches!(c, '-' | '–' | '—' | '~' | '～' | '至'))
                    .is_some_and(|t| {
                        t.len() >= 5 && year(&t[t.len() - 4..]) && opens(&t[..t.len() - 4])
                    })))
    {
        return true;
    }
    // 汐能装备（688517）, Tencent (0700): a listed company's stock code, six plain digits
    // (or four or five with a leading zero, as Hong Kong writes them) alone in brackets
    // right after its name.
    let code = (digits.len() == 6 || (4..=5).contains(&digits.len()) && digits.starts_with('0'))
        && digits.bytes().all(|b| b.is_ascii_digit());
    let named = before
        .strip_suffix(['(', '（'])
        .map(|t| t.trim_end_matches(' '))
        .and_then(|t| t.chars().next_back())
        .is_some_and(|ch| ch.is_alphabetic());
    if code && named && closes(after) {
        return true;
    }
    // pdfminer.six 20240706: a date written as one number (yyyymmdd) names a release or a
    // build, it counts nothing.
    if digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let (y, m, d) = (&digits[..4], &digits[4..6], &digits[6..]);
        if ("1900".."2101").contains(&y) && ("01".."13").contains(&m) && ("01".."32").contains(&d) {
            return true;
        }
    }
    // 12345热线, 12345 政务服务便民热线: a hotline's number, its name after it.
    let after = after.strip_prefix(' ').unwrap_or(after);
    let hotline_name = after
        .char_indices()
        .take(10)
        .find(|&(_, c)| !super::text::is_han(c))
        .map_or(after.len().min(30), |(i, _)| i);
    if after[..hotline_name].contains("热线")
        // 7×24 小时, 7x24 support: a schedule, not a multiple.
        || (digits == "7" && SCHEDULE_7X24.is_match(after))
        // (founded 1889), since 1962: a year.
        || (digits.len() == 4
            && ("1500".."2101").contains(&digits)
            && FOUNDED_YEAR.is_match(super::text::tail(&text[..r.start], 24)))
        // (Compared in place: lowering `after`, the rest of the block, for every
        // number would make a long paragraph's figures quadratic.)
        || after
            .trim_start()
            .as_bytes()
            .get(..7)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"hotline"))
    {
        return true;
    }
    // A Chinese postcode after its town in an address or an affiliation: "（1. 洞溪湖湿地
    // 生态研究所，洞溪 415200；2. …武汉 430072）".
    // (In ASCII or full-width digits: １２３４５.)
    let bare = digits.chars().all(super::number::is_digit);
    if digits.len() == 6 && bare && is_postcode(text, r) {
        return true;
    }
    // 413 臺中市霧峰區…: a postcode of three or five digits before a city and its district.
    static CITY_DISTRICT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^ ?\p{Han}{1,3}[市縣县]\p{Han}{1,3}[區区鄉乡鎮镇]").expect("address regex")
    });
    if bare && matches!(digits.len(), 3 | 5) && CITY_DISTRICT.is_match(after) {
        return true;
    }
    // 1720 號 3 樓: the floor of a door.
    if bare
        && after.trim_start().starts_with(['樓', '楼', '层', '層'])
        && before.trim_end().ends_with(['號', '号'])
    {
        return true;
    }
    // *Appetite* 151: 104688. / 25(9): 2411–2420: a journal's article number or pages
    // after its volume (and issue).
    if journal_pages(before, after, digits) || journal_volume(after) {
        return true;
    }
    // (The label right before a bare run of three digits or more: "股份代号：2476", "call
    // 0800 123 456"; not "电话3,000余个".)
    let near = super::text::tail(before, 24);
    (digits.len() >= 3 && bare || leading_run(digits) >= 3 && is_range(digits))
        && LABEL_BEFORE.is_match(near)
}

/// The length of the run of digits a text opens with.
fn leading_run(t: &str) -> usize {
    t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len()
}

/// Two bare numbers joined by a dash or "to" (2511 to 2534, 2330-1720).
fn is_range(t: &str) -> bool {
    let n = leading_run(t);
    let rest = &t[n..];
    let rest = rest
        .strip_prefix(" to ")
        .or_else(|| rest.strip_prefix(['-', '–', '—']))
        .unwrap_or("");
    n > 0 && !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
}

/// Whether the text after a number makes it a journal's volume: its issue, a colon and
/// the pages or article number, ending the reference's part ("151: 104688.", "25(9):
/// 2411–2420").
fn journal_volume(after: &str) -> bool {
    static PAGES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\([0-9]{1,3}(?:[–-][0-9]{1,3})?\))?: ?[0-9]{3,}(?:[–-][0-9]+)?(?:[.,;]|$)")
            .expect("pages regex")
    });
    after.starts_with([':', '(']) && PAGES.is_match(super::text::head(after, 40))
}

/// Whether a number is the article number or the pages of a journal reference, after
/// its volume and issue: "151: 104688." (four digits or more, nothing after but the end
/// of the reference) or "25(9): 2411–2420" (an issue makes it one whatever follows).
fn journal_pages(before: &str, after: &str, digits: &str) -> bool {
    static VOLUME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9:])[0-9]{1,4}(?P<issue>\([0-9]{1,3}(?:[–-][0-9]{1,3})?\))?: ?$")
            .expect("volume regex")
    });
    let Some(c) = VOLUME.captures(super::text::tail(before, 16)) else {
        return false;
    };
    let ends = after.is_empty() || after.starts_with(['.', ',', ';', '\n']);
    c.name("issue").is_some()
        || (leading_run(digits) >= 4
            && ends
            && (digits.bytes().all(|b| b.is_ascii_digit()) || is_range(digits)))
}

/// "×24 小时", "x24 support", "/24": the hours of a seven-day schedule.
static SCHEDULE_7X24: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s?[×xX*]\s?24(?:\s?(?:小时|h\b|hours?\b)|[^0-9.,])").expect("schedule regex")
});

/// The word before the year a body was founded in: (founded 1889), since 1962.
static FOUNDED_YEAR: Gated = Gated::new(
    r"(?i-u)\b(?:founded|established|est\.|formed|since|dating from|dates from|c\.)\s*(?:in\s+)?$",
    Gate::Custom(|t| {
        // A match ends the text: one of the words or `in`, then ASCII white space.
        let t = t.trim_end_matches(['\t', '\n', '\x0B', '\x0C', '\r', ' ']);
        crate::gate::ends_caseless(
            t,
            &[
                "founded",
                "established",
                "est.",
                "formed",
                "since",
                "from",
                "c.",
                "in",
            ],
        )
    }),
);

/// Six digits after a space and a town of two to four Han characters that follow a
/// comma, an enumeration comma or an opening bracket, and before the end of the entry.
fn is_postcode(text: &str, r: &Range<usize>) -> bool {
    let Some(before) = text[..r.start].strip_suffix(' ') else {
        return false;
    };
    let town = before
        .chars()
        .rev()
        .take_while(|&c| super::text::is_han(c))
        .count();
    let opens = before
        .chars()
        .rev()
        .nth(town)
        .is_some_and(|c| matches!(c, '，' | '、' | '（' | '(' | ','));
    let closes = text[r.end..]
        .chars()
        .next()
        .is_none_or(|c| matches!(c, '；' | ';' | '）' | ')' | '。' | '\n'));
    (2..=4).contains(&town) && opens && closes
}

fn interpret_arabic(text: &str, r: Range<usize>, v: f64, lex: &Lexicon) -> Option<Found> {
    let before = text[..r.start].chars().next_back();
    let before2 = text[..r.start].chars().rev().nth(1);
    // Glued to a name: GPT-4, PaLM-2, AGPLv4, H100, v1.2, x86_64, #3, Pass@1, and the
    // list after it (Pass@1,10,100).
    if before
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '#' || c == '^' || c == '@')
        || text[..r.start]
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == ',')
            .ends_with('@')
    {
        return None;
    }
    if matches!(before, Some('-' | '–' | '—' | '.' | '/' | ':'))
        && before2.is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    if before == Some('第') || text[..r.start].ends_with("No.") || text[..r.start].ends_with("No. ")
    {
        return None;
    }
    let after = &text[r.end..];
    // 845765@qq.com: an address. (1,2048): two numbers, not a thousands group.
    if after.starts_with('@') || after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // "cards such as 3090, V100 and A100": a number listed among model names is one.
    // (Only where an upper-case letter stands near: most numbers have none.)
    let (near_after, near_before) = (head_str(after, 24), tail(&text[..r.start], 24));
    if (near_after.bytes().any(|b| b.is_ascii_uppercase()) && MODEL_LIST_AFTER.is_match(near_after))
        || (near_before.bytes().any(|b| b.is_ascii_uppercase())
            && MODEL_LIST_BEFORE.is_match(near_before))
    {
        return None;
    }
    // A version string: 1.2.3, 2.0.1; 1.0 版本, 第 3 代.
    if after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if ["版本", "版", "代", " 版本", " 版", " 代"]
        .iter()
        .any(|w| after.starts_with(w))
    {
        return None;
    }
    // 版本 1.2, version 2.1, release 3.0, 当前版本为 1.2: the number names a version.
    let head = text[..r.start]
        .trim_end_matches([' ', '：', ':'])
        .trim_end_matches(['为', '是']);
    if [
        "版本",
        "版本号",
        "version",
        "Version",
        "release",
        "Release",
        "v.",
        "V.",
    ]
    .iter()
    .any(|w| head.ends_with(w))
    {
        return None;
    }
    // Footnote-like [1] and superscript-like markers.
    if before == Some('[') && after.starts_with(']') {
        return None;
    }
    // Office 365, Windows 11, Dolly 2.0, TensorFlow 1.0: a name and its number.
    let (pw, spaced) = prev_word(text, r.start);
    // Standards and the like: ISO 27001, SOC 2, RFC 9110, PEP 8.
    let standard = [
        "ISO", "IEC", "RFC", "SOC", "PEP", "ECMA", "IEEE", "GB", "EN", "CVE", "ANSI", "DIN", "JIS",
        "NIST", "SP", "FIPS", "ES",
    ];
    // …but "Supports 12 compression formats" counts formats: a whole number followed
    // by a lowercase word is a count, not a version.
    let counted = !text[r.start..r.end].contains(['.', '．'])
        && text[r.end..]
            .strip_prefix(' ')
            .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_lowercase()))
        && !text[r.end..].starts_with(" is ")
        && !text[r.end..].starts_with(" was ")
        && !text[r.end..].starts_with(" and ")
        // "The Drift 5 weighs": a capitalised word inside a sentence is a name, and the
        // number after it part of the name ("Supports 12 formats" starts the sentence).
        && !mid_sentence_name(text, r.start, pw);
    // An acronym names a product when a whole number of three or more digits follows
    // it (RTX 3090, GTX 1080), not a currency (USD 1000).
    let all_caps = pw.chars().all(|c| c.is_ascii_uppercase());
    let acronym_model = all_caps
        && pw.len() >= 2
        && r.end - r.start >= 3
        && text[r.clone()].bytes().all(|b| b.is_ascii_digit())
        && lex.currency_prefix.ending_at(text, r.start).is_none();
    let name_before = spaced
        && (standard.contains(&pw)
            || (!counted && is_name_word(pw) && (!all_caps || acronym_model)));
    let mut q = Quantity::new(v, Unit::Count);
    let mut end = r.end;
    let mut start = r.start;
    let mut has_scale = false;
    let mut has_unit = false;

    // Range: 3-5年, 10~20%, 3至5年.
    if let Some((hi_end, hi)) = range_tail(text, end, false) {
        // Strategy 2026–2030: a span of years, not an amount.
        let year = |v: f64| v.fract() == 0.0 && (1900.0..=2100.0).contains(&v);
        if year(v)
            && year(hi)
            && hi > v
            && !text[hi_end..]
                .starts_with(|c: char| c.is_alphanumeric() || c == '%' || c > '\u{2E80}')
        {
            return None;
        }
        q.set_high(Some(hi));
        end = hi_end;
    }
    // Chinese text often sets a space between a figure and its unit (420 万行, 2.4 倍,
    // 9 个平台): read through it, and give it back if nothing follows.
    let core_end = end;
    let skipped_space = text[end..].starts_with(' ') && text[end + 1..].starts_with(is_cjk);
    if skipped_space {
        end += 1;
    }
    if let Some(e) = lower_marker(text, end) {
        q.bound = Bound::Lower;
        end = e;
    }
    if let Some((e, mult)) = magnitude(text, end, lex) {
        // Llama 3 70B, Mistral 7B: a model's size is part of its name.
        let glued_b = e == end + 1 && text[end..e].eq_ignore_ascii_case("b");
        // (The pattern only after a glued B: most figures never need it.)
        let named_model = || MODEL_BEFORE.is_match(super::text::tail(&text[..r.start], 48));
        if glued_b && named_model() && lex.currency_prefix.ending_at(text, r.start).is_none() {
            return None;
        }
        q.value *= mult;
        q.set_high(q.high().map(|h| h * mult));
        end = e;
        has_scale = true;
        if let Some(e2) = lower_marker(text, end) {
            q.bound = Bound::Lower;
            end = e2;
        }
    }
    // £712.8m, $5m: after a currency sign a lowercase m is a million, not a metre.
    let currency_before = lex.currency_prefix.ending_at(text, r.start).is_some();
    if !has_scale
        && currency_before
        && text[end..].starts_with('m')
        && !text[end + 1..].starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        q.value *= 1e6;
        end += 1;
        has_scale = true;
    }
    // Letters glued on the right that are not a unit make a name (5G, 3D, 4o).
    if !has_scale {
        let glued: String = text[end..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if !glued.is_empty() {
            let known = lex.multiple_suffix.starting_at(text, end).is_some()
                || lex.measure.starting_at(text, end).is_some()
                || lex.per.starting_at(text, end).is_some()
                || glued == "s";
            if !known {
                return None;
            }
        }
    }
    if let Some((e, unit)) = unit_after(text, end, lex) {
        // 5月15日, 5月: a month or a day of the month, not a duration.
        let word = &text[end..e];
        if matches!(word, "月" | "日" | "号") {
            return None;
        }
        // 2024年 is a year, never a duration of 2024 years.
        if word == "年" && (1900.0..2100.0).contains(&v) && v.fract() == 0.0 {
            return None;
        }
        // 29亿度, 2100万度: degrees counted in 万 and 亿 are kilowatt-hours of electricity.
        let unit = match unit {
            Unit::Measure(m)
                if &*m == "deg" && text[..end].trim_end().ends_with(['万', '亿', '萬', '億']) =>
            {
                Unit::Measure("kWh".into())
            }
            u => u,
        };
        if let Unit::Measure(m) = &unit {
            if let Some(sc) = lex.scales.get(&**m) {
                q.value *= sc.factor;
                q.set_high(q.high().map(|h| h * sc.factor));
                q.scale = sc.factor;
                q.set_dimension(Some(sc.dimension.as_str().into()));
            }
        }
        q.unit = unit;
        end = e;
        has_unit = true;
    }
    // Currency before: $1.6B, US$ 1.6 billion, €400m, RMB 16亿.
    if let Some((cr, &ci)) = lex.currency_prefix.ending_at(text, r.start) {
        let code = lex.currency_codes[ci].clone();
        if matches!(q.unit, Unit::Count) || q.unit == Unit::Currency(code.clone()) {
            q.unit = Unit::Currency(code);
            start = cr.start;
            has_unit = true;
        }
    }
    if matches!(q.unit, Unit::Count | Unit::Currency(_)) {
        if let Some((e, code)) = currency_after(text, end, lex) {
            // 新台币60万元, 港币100元: 元 after a named currency is that currency's unit,
            // not the yuan.
            let generic = matches!(text.get(end..e).map(str::trim), Some("元"));
            if !(generic && matches!(q.unit, Unit::Currency(_))) {
                q.unit = Unit::Currency(code);
            }
            end = e;
            has_unit = true;
        }
    }
    if name_before && !has_scale && !has_unit {
        return None;
    }
    if skipped_space && end == core_end + 1 {
        end = core_end;
    }
    finish(text, start, end, q, lex, has_scale || has_unit, false)
}

fn interpret_chinese(text: &str, r: Range<usize>, v: f64, lex: &Lexicon) -> Option<Found> {
    let raw = &text[r.clone()];
    let before = text[..r.start].chars().next_back();
    if matches!(
        before,
        Some('第' | '周' | '星' | '数' | '几' | '上' | '成' | '逐' | '统' | '唯' | '之')
    ) {
        return None;
    }
    let pct_prefix = raw.starts_with("百分之");
    let core = raw.trim_start_matches("百分之");
    let has_big = core.contains(['万', '亿', '萬', '億']);
    let has_small = core.contains(['十', '百', '千']);
    let has_digit = core.chars().any(is_cn_digit);
    if ["万一", "一一", "一二", "三三两两", "千千万万", "万万"].contains(&core) {
        return None;
    }
    if core == "千万" && text[r.end..].starts_with(['不', '别', '要', '记', '注']) {
        return None;
    }
    // A magnitude alone (千问, 万物, 百度): a word, not a figure; and magnitudes without a
    // digit before 规模 or 级 (千亿规模的参数, 万亿级) are an order of size.
    // (百人合规团队 counts people: a magnitude before a measure word stays.)
    let rest = &text[r.end..];
    let counts_after =
        rest.starts_with('人') || lex.classifiers.iter().any(|c| rest.starts_with(c.as_str()));
    if !pct_prefix && matches!(core, "百" | "千" | "万" | "亿") && !counts_after {
        return None;
    }
    if !pct_prefix
        && !has_digit
        && !core.contains('十')
        && ["规模", "级", "量级"]
            .iter()
            .any(|w| text[r.end..].starts_with(w))
    {
        return None;
    }
    let mut q = Quantity::new(
        v,
        if pct_prefix {
            Unit::Percent
        } else {
            Unit::Count
        },
    );
    let mut end = r.end;
    if let Some((hi_end, hi)) = range_tail(text, end, true) {
        q.set_high(Some(hi));
        end = hi_end;
    }
    if let Some(e) = lower_marker(text, end) {
        q.bound = Bound::Lower;
        end = e;
    }
    let mut has_unit = pct_prefix;
    if !pct_prefix {
        if text[end..].starts_with('成') && has_digit && !has_big && v < 10.0 {
            // 三成 = 30%; 三到四成 = 30–40%.
            q.value = v * 10.0;
            q.set_high(q.high().map(|h| h * 10.0));
            q.unit = Unit::Percent;
            end += '成'.len_utf8();
            has_unit = true;
        } else if let Some((e, unit)) = unit_after(text, end, lex) {
            q.unit = unit;
            end = e;
            has_unit = true;
        }
        if matches!(q.unit, Unit::Count) {
            if let Some((e, code)) = currency_after(text, end, lex) {
                q.unit = Unit::Currency(code);
                end = e;
                has_unit = true;
            }
        }
    }
    let noun_follows = classifier_or_noun(text, end, lex).is_some();
    let ok = has_unit
        || (has_big && (noun_follows || has_digit))
        || (has_small && noun_follows && (has_digit || core.chars().count() >= 2 || v >= 100.0))
        || (has_digit && noun_follows && v >= 2.0 && core.chars().count() >= 2);
    if !ok {
        return None;
    }
    if !has_unit && !has_big && v < 10.0 {
        return None;
    }
    finish(text, r.start, end, q, lex, true, true)
}

/// Whether the words after "a year" make it a time, not a rate: "57% a year earlier",
/// "$1.4M a year ago".
/// A rate denominator that is a span of time (per year, 每秒), not a thing counted.
pub fn is_period(per: &str) -> bool {
    matches!(
        per,
        "year" | "month" | "week" | "day" | "hour" | "minute" | "second"
    )
}

/// 每 1000 个班次, 每万人口, 每 1 万条路由: a count after 每 and the noun it counts, in the
/// clause before a figure, as a denominator ("1000 班次"). Not a span of time (每 5 分钟 is
/// how often), and not when the clause's figure is that count itself.
fn per_count_zh(clause: &str) -> Option<String> {
    static PER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"每\s*(?P<n>\d[\d,]*(?:\.\d+)?\s*[十百千万]?|[十百千万]{1,2})\s*(?:个|条|名|位|张|件|份|户|台|辆|家|所)?(?P<w>\p{Han}{1,2})",
        )
        .expect("per-count pattern")
    });
    if !clause.contains('每') {
        return None;
    }
    let c = PER.captures_iter(clause).last()?;
    let (n, w) = (c.name("n")?.as_str(), c.name("w")?.as_str());
    const TIMES: [&str; 9] = ["年", "月", "周", "週", "天", "日", "小", "分", "秒"];
    if TIMES.iter().any(|t| w.starts_with(t)) {
        return None;
    }
    // 每千瓦时, 每千克, 每万千瓦: a magnitude that is part of a unit of measure.
    const MEASURES: [&str; 12] = [
        "瓦", "克", "米", "升", "焦", "伏", "安", "帕", "赫", "卡", "字", "吨",
    ];
    let bare = n.trim_start_matches(['十', '百', '千', '万']).is_empty();
    if bare && MEASURES.iter().any(|m| w.starts_with(m)) {
        return None;
    }
    let n: String = n.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = n.trim_end_matches(['十', '百', '千', '万']);
    let value = if digits.is_empty() {
        crate::claim::number::parse_chinese(&n)?
    } else {
        let unit = match &n[digits.len()..] {
            "" => 1.0,
            "十" => 10.0,
            "百" => 100.0,
            "千" => 1e3,
            "万" => 1e4,
            _ => return None,
        };
        crate::claim::number::parse_arabic(digits)? * unit
    };
    (value >= 2.0 && value.fract() == 0.0).then(|| format!("{value} {w}"))
}

/// The period of "of <up to three words> per second / a year" right after a figure at
/// `end` (1.9 GB of JSON logs per second); `None` when the words run on or no span of
/// time follows them.
fn period_after_of(text: &str, end: usize, lex: &Lexicon) -> Option<String> {
    text.get(end..)?.strip_prefix(" of ")?;
    let mut at = end + 4;
    for _ in 0..3 {
        let word = rest_word(&text[at..])?;
        if matches!(
            word,
            "and" | "or" | "to" | "from" | "than" | "in" | "on" | "at"
        ) {
            return None;
        }
        at += word.len();
        let after = &text[at..];
        for lead in [" per ", " a ", " an ", " every ", " each "] {
            if !after.starts_with(lead) {
                continue;
            }
            let (pr, canon) = lex.per.starting_at(text, at + lead.len())?;
            let ends = text[pr.end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            let timed = lead == " per " || !names_a_time(&text[pr.end..]);
            return (is_period(canon) && ends && timed).then(|| canon.clone());
        }
        at += after.strip_prefix(' ').map(|_| 1)?;
    }
    None
}

/// Where the thing a figure ending at `end` is per begins: after " per " right after it,
/// or after "of" and up to three words ("1.6 GB of GPU memory per audio stream"). A line
/// break inside a paragraph counts as the space it stands for.
fn per_after(text: &str, end: usize) -> Option<usize> {
    let space = |at: usize| text.get(at..at + 1).is_some_and(|c| c == " " || c == "\n");
    let per = |at: usize| {
        space(at)
            && text
                .get(at + 1..at + 4)
                .is_some_and(|w| w.eq_ignore_ascii_case("per"))
            && space(at + 4)
    };
    if per(end) {
        return Some(end + 5);
    }
    if !(space(end) && text.get(end + 1..end + 3) == Some("of") && space(end + 3)) {
        return None;
    }
    let mut at = end + 4;
    for _ in 0..3 {
        at += rest_word(text.get(at..)?)?.len();
        if per(at) {
            return Some(at + 5);
        }
        if !space(at) {
            return None;
        }
        at += 1;
    }
    None
}

/// The words that name the thing after "per" (`rest` starts after it), with their
/// offsets in `rest`: up to three words of letters and hyphens, ending at a word that
/// joins (and, of, per…) and at anything else.
fn thing_words(rest: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut from = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let word = &rest[from..];
        let len = word
            .bytes()
            .take_while(|b| b.is_ascii_alphabetic() || *b == b'-')
            .count();
        let w = &word[..len];
        if len < 2 || joins_a_thing(&w.to_ascii_lowercase()) {
            return None;
        }
        let at = from;
        from += len;
        if !rest[from..].starts_with([' ', '\n']) {
            done = true;
        }
        from += 1;
        Some((at, w))
    })
    .take(3)
}

/// The end of the thing a figure ending at `end` is per, as [`Quantity::each`] reads it:
/// "£2.4 million per player" to the end of "player".
pub fn per_thing_end(text: &str, end: usize) -> Option<usize> {
    let at = per_after(text, end)?;
    let (k, w) = thing_words(text.get(at..)?).last()?;
    Some(at + k + w.len())
}

/// A lower-case word that ends the name of a thing after "per".
fn joins_a_thing(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "or"
            | "of"
            | "per"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "from"
            | "than"
            | "by"
            | "a"
            | "an"
            | "the"
            | "each"
            | "every"
            | "that"
            | "which"
            | "who"
            | "is"
            | "are"
            | "was"
            | "were"
            | "while"
            | "but"
            | "cent"
            | "capita"
            | "annum"
            | "se"
    )
}

/// The thing named right after "per" at `at` ("elector", "worker thread", "CPU core"),
/// when the rate table does not know it: its canonical name from `[per_nouns]`, or its
/// last word as written, singular, after `~`. Up to three words of letters, ending at a
/// word that joins (and, of, per…).
fn each_en(text: &str, at: usize, lex: &Lexicon) -> Option<Box<str>> {
    let words: Vec<&str> = thing_words(text.get(at..)?).map(|(_, w)| w).collect();
    let last = words.last()?;
    if let Some((_, canon)) = lex
        .per_nouns
        .starting_at(last, 0)
        .filter(|(r, _)| r.end == last.len())
    {
        return Some(canon.as_str().into());
    }
    let lower = last.to_ascii_lowercase();
    let one = singular(&lower);
    if let Some((r, canon)) = lex.per_nouns.starting_at(&one, 0) {
        if r.end == one.len() {
            return Some(canon.as_str().into());
        }
    }
    // (A capitalised word is a name, "per Apple", not a thing counted.)
    if last.starts_with(|c: char| c.is_ascii_uppercase()) && words.len() == 1 {
        return None;
    }
    Some(format!("~{one}").into())
}

/// An English noun in the singular: streams → stream, bodies → body, boxes → box.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        if stem.len() >= 2 {
            return format!("{stem}y");
        }
    }
    for tail in ["ches", "shes", "sses", "xes"] {
        if word.ends_with(tail) {
            return word[..word.len() - 2].to_string();
        }
    }
    if word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// The thing a Chinese 每 in the clause before a figure names (每台电梯, 每个进程, 每路
/// 并发音频), when the rate table does not know it: its canonical name from
/// `[per_nouns]`, or `?`. `None` for a 每 of a known rate (每月, 每人, 每吨), a count
/// (每万人口: [`per_count_zh`]), or no 每.
fn each_zh(clause: &str, lex: &Lexicon) -> Option<Box<str>> {
    if !clause.contains('每') {
        return None;
    }
    // (The last 每 that is not a known rate: 每个站点每月 is per site.)
    clause
        .match_indices('每')
        .rev()
        .find_map(|(k, _)| each_zh_at(clause, k, lex))
}

/// [`each_zh`] for the 每 at `k`.
fn each_zh_at(clause: &str, k: usize, lex: &Lexicon) -> Option<Box<str>> {
    let at = k + '每'.len_utf8();
    let rest = &clause[at..];
    const KNOWN: &[&str] = &[
        "年", "月", "周", "週", "天", "日", "小时", "小時", "分钟", "分鐘", "秒", "季", "次", "人",
        "吨", "噸", "公斤", "千克", "公里", "平方", "亩", "畝", "公顷", "公頃",
    ];
    if lex.per_words.starting_at(clause, k).is_some()
        || rest.starts_with(|c: char| c.is_ascii_digit() || c.is_whitespace())
        || rest.starts_with(['十', '百', '千', '万', '萬', '一', '两', '兩'])
        || KNOWN.iter().any(|t| rest.starts_with(t))
    {
        return None;
    }
    // (The classifier, if one opens it, is the thing when nothing follows it that the
    // table knows: 每户, 每路.)
    const CLASSIFIERS: &str = "个個位名条條家所张張件份辆輛台臺户戶路块塊间間套座栋棟艘架";
    let classifier = rest.chars().next().filter(|c| CLASSIFIERS.contains(*c));
    let body_at = at + classifier.map_or(0, char::len_utf8);
    // The noun: the first the table knows in the run of Chinese characters after it.
    let run_end = clause[body_at..]
        .char_indices()
        .take_while(|(_, c)| super::text::is_han(*c) || c.is_ascii_alphabetic() || *c == ' ')
        .take(10)
        .last()
        .map_or(body_at, |(i, c)| body_at + i + c.len_utf8());
    let mut i = body_at;
    while i < run_end {
        if let Some((_, canon)) = lex.per_nouns.starting_at(clause, i) {
            return Some(canon.as_str().into());
        }
        i += clause[i..].chars().next().map_or(1, char::len_utf8);
    }
    let by_classifier = classifier.and_then(|c| {
        lex.per_nouns
            .starting_at(&clause[at..], 0)
            .filter(|(r, _)| r.end == c.len_utf8())
            .map(|(_, canon)| canon.as_str().into())
    });
    Some(by_classifier.unwrap_or_else(|| "?".into()))
}

/// The word (letters, digits, hyphens) at the start of `s`, if one starts it.
fn rest_word(s: &str) -> Option<&str> {
    let len = s
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    (len > 0).then(|| &s[..len])
}

fn names_a_time(after: &str) -> bool {
    let rest = after.trim_start();
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    // "A year on, …" and "a year on from the launch" are a time; "a year on servers" is
    // a rate and what it is spent on.
    let on_its_own = || {
        let next = rest[word.len()..].trim_start();
        !next.starts_with(|c: char| c.is_alphanumeric()) || next.starts_with("from ")
    };
    match word.as_str() {
        "earlier" | "ago" | "before" | "later" | "after" | "prior" | "previously" | "back" => true,
        "on" => on_its_own(),
        _ => false,
    }
}

/// Common tail: rate denominators, counted noun, qualifiers, direction of change.
fn finish(
    text: &str,
    start: usize,
    mut end: usize,
    mut q: Quantity,
    lex: &Lexicon,
    meaningful: bool,
    chinese: bool,
) -> Option<Found> {
    // Rates: /千token, /人/月, per user per month, a year.
    loop {
        let rest = &text[end..];
        // 元/人·年: a dot between two denominators joins them as a slash would.
        let joined = (!q.per().is_empty())
            .then(|| rest.strip_prefix(['·', '・', '‧']))
            .flatten();
        if let Some(after_slash) = rest
            .strip_prefix('/')
            .or_else(|| rest.strip_prefix('／'))
            .or(joined)
        {
            let at = end + (rest.len() - after_slash.len());
            if let Some((pr, canon)) = lex.per.starting_at(text, at) {
                q.per_mut().push(canon.clone());
                end = pr.end;
                continue;
            }
        }
        // Only the next few words matter: never copy the rest of a long block.
        let lower = rest[..floor_char(rest, 32)].to_ascii_lowercase();
        let mut matched = false;
        // "35 MB per 1,000 followed files": a counted denominator.
        if let Some(c) = PER_COUNT.captures(&lower) {
            if let (Some(n), Some(w)) = (c.name("n"), c.name("w")) {
                if let Some(v) = parse_arabic(n.as_str()) {
                    q.per_mut()
                        .push(format!("{v} {}", w.as_str().trim_end_matches('s')));
                    end += c.get(0).map_or(0, |m| m.end());
                    continue;
                }
            }
        }
        // "$12 per committer per month": a denominator the lexicon does not know, followed
        // by one more, is passed over so the rate keeps the period it is given per.
        if let Some(word) = lower.strip_prefix(" per ") {
            let len = word.bytes().take_while(u8::is_ascii_alphabetic).count();
            let more = &word[len..];
            if (2..=20).contains(&len)
                && lex.per.starting_at(text, end + 5).is_none()
                && (more.starts_with(" per ")
                    || more.starts_with(" a ")
                    || more.starts_with(" each "))
            {
                if let Some(thing) = each_en(text, end + 5, lex) {
                    q.push_each(thing);
                }
                end += 5 + len;
                continue;
            }
        }
        // (£1.2 billion-a-year market: the rate hyphenated into an adjective.)
        for lead in [" per ", " a ", " an ", " each ", "-a-", "-per-"] {
            if lower.starts_with(lead) {
                let at = end + lead.len();
                if let Some((pr, canon)) = lex.per.starting_at(text, at) {
                    if (*lead == *" a "
                        || *lead == *" an "
                        || *lead == *" each "
                        || *lead == *"-a-")
                        && (!is_period(canon) || names_a_time(&text[pr.end..]))
                    {
                        break;
                    }
                    q.per_mut().push(canon.clone());
                    end = pr.end;
                    matched = true;
                    break;
                }
            }
        }
        if !matched {
            if let Some((pr, canon)) = lex.per_words.starting_at(text, end).or_else(|| {
                text[end..]
                    .starts_with(' ')
                    .then(|| lex.per_words.starting_at(text, end + 1))
                    .flatten()
            }) {
                if !q.per().contains(canon) && !names_a_time(&text[pr.end..]) {
                    q.per_mut().push(canon.clone());
                    end = pr.end;
                    continue;
                }
            }
            break;
        }
    }
    // "£4.19 per elector", "1.6 GB per audio stream": what the figure is per, when the
    // rate table does not know it.
    if let Some(at) = per_after(text, end) {
        if lex.per.starting_at(text, at).is_none() {
            if let Some(thing) = each_en(text, at, lex) {
                q.push_each(thing);
            }
        }
    }
    // 每天/月均 before the figure in its sentence make it a rate (我国每年新发病例约15万例，
    // 死亡约5.6万例: both are per year).
    let clause_start = clause_start(text, start);
    // 每台电梯补贴 20 万元, 每个进程约 38 MB: the thing a figure is per, before it in
    // Chinese.
    if matches!(q.unit, Unit::Count | Unit::Currency(_) | Unit::Measure(_)) {
        if let Some(thing) = each_zh(&text[clause_start..start], lex) {
            q.push_each(thing);
        }
    }
    // Look back at most a long sentence's length: a paragraph with no full stop must
    // not make every figure rescan it.
    let floor = floor_char(text, start.saturating_sub(LOOKBACK));
    let sentence_start = text[floor..start]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '。' | '！' | '？' | '\n'))
        .map_or(floor, |(i, c)| floor + i + c.len_utf8());
    let head = &text[sentence_start..start];
    // A Chinese 每年 reaches across the sentence's commas; "daily" reaches only its clause.
    let per_before = lex
        .per_words
        .find_all(head)
        .filter(|(r, _)| {
            let cjk = head[r.clone()].starts_with(|c: char| c > '\u{2E80}');
            cjk || sentence_start + r.start >= clause_start
        })
        // 全年产量 is the year's total, not 年产 (a yearly rate); in 2025年产出 the 年 is
        // the date's.
        .filter(|(r, _)| {
            let dated = head[r.clone()].starts_with(['年', '月', '日'])
                && head[..r.start].ends_with(|c: char| {
                    c.is_ascii_digit() || "〇零一二三四五六七八九十".contains(c)
                });
            !head[..r.start].ends_with('全') && !dated
        })
        // A rate word right before another figure is that figure's (每年 4.99 美元，含
        // 200 GB: the storage is not per year), and so is an English one right after
        // another figure (US$4.99 per month with 200 GB).
        .filter(|(r, _)| {
            let between = head[r.end..].trim_start();
            let owned_after = !between.is_empty()
                && between.starts_with(|c: char| c.is_ascii_digit() || "$€£¥￥".contains(c));
            let word = &head[r.clone()];
            // ($0.48 per share per quarter: the last few words before it, back to a
            // figure, are that figure's.)
            let owned_before = word.is_ascii()
                && head[..r.start]
                    .split_whitespace()
                    .rev()
                    .take(4)
                    .take_while(|t| {
                        !t.ends_with([',', ';'])
                            && !matches!(*t, "and" | "or" | "with" | "while" | "but")
                    })
                    .any(|t| t.chars().any(|c| c.is_ascii_digit()));
            // (7 个每日快照、4 个每周快照: 每日 is the 7's, right after its classifier.)
            let owned_before_zh = !word.is_ascii() && {
                let t = head[..r.start].trim_end();
                let t = t
                    .strip_suffix(|c: char| lex.classifiers.iter().any(|k| k.starts_with(c)))
                    .unwrap_or(t)
                    .trim_end();
                t.ends_with(|c: char| c.is_ascii_digit())
            };
            !owned_after && !owned_before && !owned_before_zh
        })
        // 每秒请求数，64 个连接: a clause that ends in the name of a measure (…数, …量) says
        // what is measured, not that the next clause's figures are per second.
        .filter(|(r, _)| {
            let rest = &head[r.end..];
            match rest.find(['，', ',', '；', ';', '：', ':']) {
                Some(k) => !rest[..k].trim_end().ends_with(['数', '數', '量']),
                None => true,
            }
        })
        // "rose a quarter to £9.6 million": before a figure, "a quarter" is a share or a
        // time, never "per quarter" (that is "$5 a day", after it).
        .filter(|(r, _)| {
            let w = head[r.clone()].to_ascii_lowercase();
            !w.starts_with("a ") && !w.starts_with("an ")
        })
        .collect::<Vec<_>>();
    // (Two written together are both the figure's: 每席位每月 99 元 is per seat per month.)
    let per_before = match per_before.as_slice() {
        [.., (first, first_canon), last] if first.end == last.0.start => {
            if !q.per().contains(*first_canon)
                && matches!(q.unit, Unit::Count | Unit::Currency(_) | Unit::Measure(_))
                && *first_canon != last.1
            {
                q.per_mut().push((*first_canon).clone());
            }
            Some(last.clone())
        }
        list => list.last().cloned(),
    };
    if let Some((r, canon)) = per_before {
        // An average growth rate (年均增长约12%, grow 12% a year) is a rate too.
        let timed = matches!(&head[r], "年均" | "月均" | "日均");
        if !q.per().contains(canon)
            && (matches!(q.unit, Unit::Count | Unit::Currency(_) | Unit::Measure(_))
                || (timed && matches!(q.unit, Unit::Percent)))
        {
            q.per_mut().push(canon.clone());
        }
    }
    // 每万人口托位数3.4个, 每 1000 个班次 14 条, 每万行 3.2 MB: a counted denominator
    // before the figure in its clause ("per 10,000 residents").
    if matches!(q.unit, Unit::Count | Unit::Currency(_) | Unit::Measure(_))
        && !q
            .per()
            .iter()
            .any(|p| p.starts_with(|c: char| c.is_ascii_digit()))
    {
        if let Some(per) = per_count_zh(&text[clause_start.max(sentence_start)..start]) {
            q.per_mut().push(per);
        }
    }
    // "1.9 GB of JSON logs per second": a size or sum of something, per a span of time
    // after up to three words.
    if matches!(q.unit, Unit::Measure(_) | Unit::Currency(_)) && q.per().is_empty() {
        if let Some(period) = period_after_of(text, end, lex) {
            q.per_mut().push(period);
        }
    }
    // The counted noun, and a rate after it ("0.3 dioptres per year").
    if matches!(q.unit, Unit::Count) {
        if let Some((e, noun)) = classifier_or_noun(text, end, lex) {
            let classifier = lex.classifiers.contains(&noun);
            // 4 个每周快照 ("4 weekly snapshots"): a rate word that opens the counted noun
            // is the figure's.
            if let Some((_, canon)) = lex.per_words.starting_at(&noun, 0) {
                if !q.per().contains(canon) && !noun.is_ascii() {
                    q.per_mut().push(canon.clone());
                }
            }
            q.set_noun(Some(noun.into()));
            // 1.1万台左右, 200 万构件以内的模型: a Chinese bound right after the classifier
            // or a short noun, ending the phrase (not 20万字超长上下文).
            let bound = lex
                .bound_after
                .starting_at(text, e)
                .filter(|_| classifier || q.noun().is_some_and(|n| n.chars().count() <= 3))
                .filter(|(r, _)| {
                    text[r.end..]
                        .chars()
                        .next()
                        .is_none_or(|c| !is_cjk(c) || "的，。；、）".contains(c))
                });
            if let Some((_, &b)) = bound {
                if q.bound == Bound::Exact || (q.bound == Bound::Approx && b != Bound::Approx) {
                    q.bound = b;
                }
            }
            // (After up to three more plain words: "3.4 million repeat trips a year",
            // "3,000 difficult addresses by hand every day".)
            let mut at = e;
            for _ in 0..4 {
                let rest = &text[at..];
                let mut found = false;
                for lead in [" per ", " a ", " an ", " each ", " every "] {
                    if !rest.starts_with(lead) {
                        continue;
                    }
                    if let Some((pr, canon)) = lex.per.starting_at(text, at + lead.len()) {
                        let period = is_period(canon);
                        if (lead == " per " || (period && !names_a_time(&text[pr.end..])))
                            && !q.per().contains(canon)
                        {
                            q.per_mut().push(canon.clone());
                            found = true;
                        }
                    }
                }
                let word = rest.strip_prefix(' ').map_or("", |w| {
                    &w[..w.bytes().take_while(u8::is_ascii_lowercase).count()]
                });
                let joins = matches!(
                    word,
                    "" | "and"
                        | "or"
                        | "but"
                        | "with"
                        | "than"
                        | "from"
                        | "to"
                        | "of"
                        | "in"
                        | "on"
                        | "at"
                        | "for"
                        | "per"
                        | "a"
                        | "an"
                        | "each"
                        | "every"
                        | "the"
                );
                if found || joins || !rest[1 + word.len()..].starts_with(' ') {
                    break;
                }
                at += 1 + word.len();
            }
        }
    }
    if !meaningful && q.noun().is_none() && q.per().is_empty() && q.value.abs() < 10.0 {
        return None;
    }
    if !meaningful && q.noun().is_none() && q.per().is_empty() && !chinese {
        // A bare number with nothing around it: keep it only when a qualifier or a
        // metric word makes it a statement ("over 100", "revenue of 300").
        let has_qual = lex.bound_before.ending_at(text, start).is_some();
        if !has_qual && q.value.fract() == 0.0 && q.value < 100.0 {
            return None;
        }
    }
    // Qualifiers: 超16亿, over $1.6B, 约30%, 16亿以上, 50+.
    let mut span_start = start;
    if let Some((br, &b)) = lex.bound_before.ending_at(text, start) {
        // "12,000 queries per second over 100 million vectors": after another figure
        // and its words, "over" is a preposition.
        let before = tail(&text[..br.end], 64);
        // "passes 99.2% of the conformance cases": a share of tests passed, not a bound.
        let passes_a_share = q.unit == Unit::Percent
            && matches!(
                text[br.clone()].to_ascii_lowercase().as_str(),
                "passes" | "passed" | "to pass" | "will pass" | "would pass" | "could pass"
            )
            && text[end..].starts_with(" of ");
        if !OVER_AFTER_FIGURE.is_match(before)
            && !OVER_AFTER_SPREAD.is_match(before)
            && !passes_a_share
        {
            q.bound = b;
            // "to exceed 550 GW": the span starts at the verb, not at its auxiliary.
            let phrase = &text[br.clone()];
            let aux = ["to ", "would ", "will ", "could "].iter().find(|a| {
                phrase.len() > a.len()
                    && phrase
                        .get(..a.len())
                        .is_some_and(|h| h.eq_ignore_ascii_case(a))
            });
            span_start = br.start + aux.map_or(0, |a| a.len());
        }
    } else if let Some((cr, _)) = lex.change.ending_at(text, start) {
        // 最多降低70%, up to a 30% cut: the qualifier stands before the change word.
        if let Some((br, &b)) = lex.bound_before.ending_at(text, cr.start) {
            q.bound = b;
            span_start = br.start;
        }
    }
    // 90% 以上, 40 多种: a Chinese bound after one space.
    let after_bound = lex.bound_after.starting_at(text, end).or_else(|| {
        text[end..]
            .strip_prefix(' ')
            .filter(|rest| rest.starts_with(|c: char| c > '\u{2E80}'))
            .and_then(|_| lex.bound_after.starting_at(text, end + 1))
    });
    if let Some((ar, &b)) = after_bound {
        // "an estimated 2,000 or more", 约2000多: the bound says more than the estimate.
        if q.bound == Bound::Exact || (q.bound == Bound::Approx && b != Bound::Approx) {
            q.bound = b;
        }
        end = ar.end;
    }
    // 约占零售总额的30%, 约为同规模系统的2.4倍: the estimate word binds to the verb, a few
    // words before the figure. The span stays on the figure.
    if q.bound == Bound::Exact && APPROX_VERB.is_match(tail(&text[..start], 96)) {
        q.bound = Bound::Approx;
    }
    let head = tail(&text[..start], 96);
    if q.bound == Bound::Exact
        && ["最多", "最高", "至多"].iter().any(|w| head.contains(w))
        && UPPER_VERB.is_match(head)
    {
        q.bound = Bound::Upper;
    }
    // Sign and direction of change.
    let before = text[..start].chars().next_back();
    if before == Some('+') {
        q.change = 1;
        span_start = span_start.min(start - 1);
    } else if matches!(before, Some('-' | '−'))
        && !text[..start - before.map_or(0, char::len_utf8)]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c.is_numeric())
    {
        // (降至-15℃: a Chinese word may stand right before the sign.)
        q.value = -q.value;
        span_start = span_start.min(start - before.map_or(0, char::len_utf8));
    } else if matches!(&q.unit, Unit::Measure(u) if matches!(&**u, "°C" | "°F"))
        && ["零下", "minus ", "Minus "]
            .iter()
            .any(|w| text[..start].trim_end_matches(' ').ends_with(w.trim_end()))
    {
        // 零下20摄氏度 = −20°C.
        q.value = -q.value;
    }
    if q.change == 0 && matches!(q.unit, Unit::Percent | Unit::Points | Unit::Multiple) {
        let window_start = floor_char(text, start.saturating_sub(18).max(clause_start));
        // A bound found before a change word (approximately下降1%) can start the span
        // before the window: the window is then empty.
        let window = text.get(window_start..span_start).unwrap_or("");
        // "made up 40% of trips", "make up": a share, not a rise.
        let phrasal = |r: &Range<usize>| {
            window[r.clone()].eq_ignore_ascii_case("up")
                && ["made ", "make ", "makes ", "making "]
                    .iter()
                    .any(|v| window[..r.start].to_ascii_lowercase().ends_with(v))
        };
        if let Some((_, &dir)) = lex
            .change
            .find_all(window)
            .filter(|(r, _)| !phrasal(r))
            .last()
        {
            q.change = dir;
        } else if window.to_ascii_lowercase().trim_end().ends_with(" by") {
            // "cut red CI runs on the main branch by 63%": the verb of a change "by" a
            // figure may stand further back in its clause.
            let from = floor_char(text, start.saturating_sub(120).max(clause_start));
            let clause = text.get(from..span_start).unwrap_or("");
            if let Some((_, &dir)) = lex.change.find_all(clause).last() {
                q.change = dir;
            }
        }
    }
    Some(Found {
        range: span_start..end,
        quantity: q,
    })
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

fn clause_start(text: &str, pos: usize) -> usize {
    let floor = floor_char(text, pos.saturating_sub(LOOKBACK));
    text[floor..pos]
        .char_indices()
        .rev()
        .find(|(_, c)| {
            matches!(
                c,
                '，' | '。' | '；' | '：' | '（' | '(' | ',' | ';' | '！' | '？'
            )
        })
        .map_or(floor, |(i, c)| floor + i + c.len_utf8())
}

/// How far back a figure looks for its clause and sentence, in bytes.
const LOOKBACK: usize = 600;

/// 3-5, 3–5, 3~5, 3至5, 三到五.
fn range_tail(text: &str, end: usize, chinese: bool) -> Option<(usize, f64)> {
    let rest = &text[end..];
    let sep = ['-', '–', '—', '~', '～', '至', '到'];
    // "30 to 40 percent", but not "from 30 to 40" (a change).
    let (sep_len, after) = match rest.strip_prefix(" to ") {
        Some(after)
            if !chinese
                && !prev_word(text, end_of_number_start(text, end))
                    .0
                    .eq_ignore_ascii_case("from") =>
        {
            (4, after)
        }
        _ => {
            let c = rest.chars().next()?;
            if !sep.contains(&c) {
                return None;
            }
            (c.len_utf8(), &rest[c.len_utf8()..])
        }
    };
    let re: &Regex = if chinese { &CHINESE } else { &ARABIC };
    let m = re.find(after)?;
    if m.start() != 0 {
        return None;
    }
    let v = if chinese {
        parse_chinese(m.as_str())?
    } else {
        parse_arabic(m.as_str())?
    };
    Some((end + sep_len + m.end(), v))
}

/// Where the number ending at `end` starts (digits, separators and a decimal point).
fn end_of_number_start(text: &str, end: usize) -> usize {
    let head = &text[..end];
    let n = head
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.')
        .count();
    end - n
}

fn lower_marker(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    for m in ["多", "余"] {
        if let Some(after) = rest.strip_prefix(m) {
            if after.starts_with([
                '万', '亿', '千', '百', '个', '家', '名', '年', '人', '倍', '元', '美',
            ]) {
                return Some(end + m.len());
            }
        }
    }
    None
}

/// 亿, 万亿, billion, bn, k, M, B.
fn magnitude(text: &str, end: usize, lex: &Lexicon) -> Option<(usize, f64)> {
    let rest = &text[end..];
    for (w, m) in &lex.magnitudes_zh {
        // 千赫, 千米, 千克: a unit that starts with a magnitude word is the unit.
        if rest.starts_with(w.as_str())
            && lex
                .measure
                .starting_at(text, end)
                .is_none_or(|(r, _)| r.end <= end + w.len())
        {
            // 千/百 only when a unit follows (5千元), never 3千token in a rate.
            return Some((end + w.len(), *m));
        }
    }
    // (A 200-million-row table: a compound adjective joins them with a hyphen.)
    let spaced = rest
        .strip_prefix(' ')
        .or_else(|| rest.strip_prefix('-'))
        .unwrap_or(rest);
    let offset = rest.len() - spaced.len();
    for (w, m) in &lex.magnitudes_en {
        if spaced
            .get(..w.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(w))
        {
            let e = end + offset + w.len();
            if !text[e..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                return Some((e, *m));
            }
        }
    }
    for (w, m) in &lex.magnitude_suffix {
        if rest.starts_with(w.as_str()) {
            let e = end + w.len();
            if !text[e..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                return Some((e, *m));
            }
        }
    }
    None
}

/// Whether a word before "N times" says something was done N times (rerun, retried,
/// called, ran), not that a size grew N-fold (grew, increased, rose, multiplied).
fn done_again(word: &str) -> bool {
    const GROWTH: &[&str] = &[
        "increas",
        "grow",
        "grew",
        "ris",
        "rose",
        "expand",
        "multipl",
        "jump",
        "surg",
        "climb",
        "soar",
        "boost",
        "improv",
        "doubl",
        "accelerat",
        "balloon",
        "scal",
        "speed",
        "sped",
        "magnif",
        "amplif",
        "enlarg",
        "reduc",
        "lower",
        "shrank",
        "decreas",
        "outperform",
        "outsold",
        "exceed",
    ];
    const AGAIN: &[&str] = &[
        "run",
        "rerun",
        "ran",
        "retry",
        "try",
        "called",
        "repeat",
        "executed",
        "invoked",
        "restarted",
        "rebooted",
        "attempted",
        "tried",
        "retried",
        "repeated",
        "played",
        "visited",
        "clicked",
        "viewed",
        "loaded",
        "reloaded",
        "sampled",
    ];
    AGAIN.contains(&word) || (word.ends_with("ed") && !GROWTH.iter().any(|g| word.starts_with(g)))
}

/// %, 个百分点, 倍, x, GB, 个月, years.
fn unit_after(text: &str, end: usize, lex: &Lexicon) -> Option<(usize, Unit)> {
    if let Some((r, _)) = lex.points.starting_at(text, end) {
        // "180 points" on a test, 50 points on an index: plain "points" are percentage
        // points only beside a percentage ("rose 2.1 points to 34%").
        let word = text[r.clone()].trim().to_ascii_lowercase();
        let plain = word == "points" || word == "pts";
        let near = &text[floor_char(text, end.saturating_sub(120))
            ..floor_char(text, (r.end + 60).min(text.len()))];
        if !plain || near.contains(['%', '％']) || near.to_ascii_lowercase().contains("percent") {
            return Some((r.end, Unit::Points));
        }
    }
    if let Some((r, _)) = lex.percent_suffix.starting_at(text, end) {
        return Some((r.end, Unit::Percent));
    }
    if let Some((r, _)) = lex.multiple_suffix.starting_at(text, end) {
        // "downloaded 650k times a month": how often, not how many times larger.
        let times = text[r.start..r.end].trim().eq_ignore_ascii_case("times");
        let often = times
            && HOW_OFTEN.is_match(&text[r.end..floor_char(text, (r.end + 16).min(text.len()))]);
        // "writing an int for 1000 times", "each suspect is rerun 20 times": a number of
        // repetitions, not a multiple (but "grew 3 times" is one).
        let before_word = text[..end]
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.')
            .trim_end()
            .rsplit(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let repeated = times && (before_word == "for" || done_again(&before_word));
        // "killed nodes 12,000 times": a count that large is repetitions, unless a
        // comparison follows (1000 times faster).
        let digits = text[..end]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .filter(char::is_ascii_digit)
            .count();
        let after_times =
            text[r.end..floor_char(text, (r.end + 24).min(text.len()))].to_ascii_lowercase();
        let compared = after_times
            .trim_start()
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .is_some_and(|w| {
                w.ends_with("er")
                    || matches!(
                        w,
                        "more"
                            | "less"
                            | "fewer"
                            | "as"
                            | "the"
                            | "that"
                            | "over"
                            | "what"
                            | "higher"
                    )
            });
        // ("downloaded 1.4 million times": a count with a magnitude word is as large.)
        let magnitude = {
            let head = text[..end].trim_end().to_ascii_lowercase();
            ["thousand", "million", "billion", "万", "亿"]
                .iter()
                .any(|m| head.ends_with(m))
        };
        let many = times && (digits >= 3 || magnitude) && !compared;
        if (compared || !repeated) && !often && !many {
            return Some((r.end, Unit::Multiple));
        }
    }
    let spaced = if text[end..].starts_with(' ') {
        end + 1
    } else {
        end
    };
    for at in [end, spaced] {
        if let Some((r, u)) = lex.measure.starting_at(text, at) {
            return Some((r.end, Unit::Measure(u.clone())));
        }
    }
    // A figure joined to its unit as an adjective: "a 4.6-mile stretch", "an 18-km ride"
    // (a word of a unit, not a letter: "3-in-1", "5-s" are not measures).
    if let Some(rest) = text[end..].strip_prefix('-') {
        if let Some((r, u)) = lex.measure.starting_at(text, end + 1) {
            let word = &text[r.clone()];
            if r.start == end + 1
                && word.len() >= 2
                && word.bytes().all(|b| b.is_ascii_alphabetic())
                && !matches!(word, "in" | "ms")
                && rest.len() >= word.len()
            {
                return Some((r.end, Unit::Measure(u.clone())));
            }
        }
    }
    for at in [end, spaced] {
        if let Some((r, u)) = lex.duration.starting_at(text, at) {
            // 年 after a figure is a duration only when it is not a rate (/年) or a date.
            return Some((r.end, Unit::Duration(u.clone())));
        }
    }
    None
}

fn currency_after(text: &str, end: usize, lex: &Lexicon) -> Option<(usize, Arc<str>)> {
    let spaced = if text[end..].starts_with(' ') {
        end + 1
    } else {
        end
    };
    for at in [end, spaced] {
        if let Some((r, &ci)) = lex.currency_suffix.starting_at(text, at) {
            let w = &text[r.clone()];
            // "元" alone after a Latin-only context is still CNY; "dollars" needs a space.
            if at == end && w.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            return Some((r.end, lex.currency_codes[ci].clone()));
        }
    }
    None
}

/// A measure word and/or noun after a Chinese figure (个社区贡献模型 → 模型), or an English
/// lowercase noun after a space.
fn classifier_or_noun(text: &str, end: usize, lex: &Lexicon) -> Option<(usize, String)> {
    // 8 卡服务器: a space may stand between a figure and its Chinese noun.
    let end = if text[end..].starts_with(' ') && text[end + 1..].starts_with(is_cjk) {
        end + 1
    } else {
        end
    };
    let rest = &text[end..];
    let mut at = end;
    for c in &lex.classifiers {
        if rest.starts_with(c.as_str()) {
            at = end + c.len();
            break;
        }
    }
    // 万册次, 架次, 辆次: a measure word and 次 count visits or trips, one unit.
    if at > end && text[at..].starts_with('次') && !text[end..at].ends_with('次') {
        let unit_end = at + '次'.len_utf8();
        return Some((unit_end, text[end..unit_end].to_string()));
    }
    let after = &text[at..];
    let stop = |c: char| {
        !(('\u{4E00}'..='\u{9FFF}').contains(&c))
            || "的是在和与及或将被把对向为了就也都而但".contains(c)
    };
    // (1.1万台左右: a bound after the classifier is not part of the noun.)
    let mut noun = String::new();
    for c in after.chars().take_while(|&c| !stop(c)).take(4) {
        if (at > end || !noun.is_empty())
            && lex.bound_after.starting_at(text, at + noun.len()).is_some()
        {
            break;
        }
        noun.push(c);
    }
    if !noun.is_empty() {
        return Some((at + noun.len(), noun));
    }
    if at > end {
        return Some((at, text[end..at].to_string()));
    }
    if let Some(word) = rest.strip_prefix(' ') {
        let w: String = word
            .chars()
            .take_while(|c| c.is_ascii_lowercase())
            .collect();
        let stop_words = [
            "and", "or", "to", "of", "in", "on", "at", "by", "for", "the", "a", "an", "is", "was",
            "were", "are", "be", "that", "this", "with", "from", "as", "than", "per", "over",
            "into", "it", "its", "has", "had", "have", "will", "would", "after", "before", "since",
            "while", "but", "so", "if", "when", "which", "who",
        ];
        if w.len() >= 3 && !stop_words.contains(&w.as_str()) && !lex.not_nouns.contains(&w) {
            return Some((end + 1 + w.len(), w));
        }
    }
    None
}

#[cfg(test)]
mod tests {

    /// A measure word with 次 (万册次, 架次, 辆次) is one unit; a measure word before a
    /// noun (412 门课程) gives the noun.
    #[test]
    fn a_measure_word_with_ci_is_one_unit() {
        let lex = crate::lexicon::Lexicon::builtin().expect("lexicon");
        let noun = |t: &str| super::classifier_or_noun(t, 0, lex).map(|(_, n)| n);
        assert_eq!(noun("册次，接待读者").as_deref(), Some("册次"));
        assert_eq!(noun("架次。").as_deref(), Some("架次"));
        assert_eq!(noun("人次，").as_deref(), Some("人次"));
        assert_eq!(noun("门课程，").as_deref(), Some("课程"));
    }

    /// Figures equal as numbers but not bit for bit are not shared: 0.0 and -0.0, a
    /// figure with a noun and one without.
    #[test]
    fn exact_compares_bit_for_bit() {
        use super::{Quantity, Unit};
        use std::collections::HashSet;
        let q = |v: f64| Quantity::new(v, Unit::Percent);
        let mut noun = q(12.0);
        noun.set_noun(Some("users".into()));
        assert!(q(0.0) == q(-0.0), "equal as numbers");
        let all = [q(12.0), q(12.0), q(0.0), q(-0.0), noun, q(12.0)];
        let set: HashSet<_> = all.iter().map(Quantity::exact_key).collect();
        assert_eq!(set.len(), 4);
        assert!(set.contains(&q(-0.0).exact_key()));
        assert!(!set.contains(&Quantity::new(12.0, Unit::Count).exact_key()));
    }

    /// [`super::Quantity::same_per`] answers what comparing the two joined keys did.
    #[test]
    fn same_per_as_by_the_joined_keys() {
        use super::{Quantity, Unit};
        let mut next = crate::testrand::below(0xD1B5_4A32_D192_ED03);
        let words = [
            "", "1k token", "1", "1k", "a/b", "a", "b", "person", "10 rows", "/", "1 k",
        ];
        let per = |next: &mut dyn FnMut(usize) -> usize| {
            let mut q = Quantity::new(1.0, Unit::Percent);
            for _ in 0..next(4) {
                q.per_mut().push(words[next(words.len())].to_string());
            }
            q
        };
        let mut same = 0;
        for _ in 0..20_000 {
            let (a, b) = (per(&mut next), per(&mut next));
            let want = a.per_key() == b.per_key();
            assert_eq!(a.same_per(&b), want, "{:?} {:?}", a.per(), b.per());
            same += usize::from(want);
        }
        assert!(same > 1_000, "{same}");
    }

    /// [`super::Spans`] answers what scanning every range did, for lists of every size
    /// (the scan below eight, the search above), unordered, nested, touching and empty.
    #[test]
    fn ranges_searched_overlap_what_a_scan_found() {
        use std::ops::Range;
        let mut next = crate::testrand::below(0x2545_F491_4F6C_DD1D);
        let (mut asked, mut hit) = (0, 0);
        for _ in 0..3000 {
            let ranges: Vec<Range<usize>> = (0..next(30))
                .map(|_| {
                    let start = next(200);
                    start..start + next(15)
                })
                .collect();
            let spans = super::Spans::new(ranges.iter());
            for _ in 0..20 {
                let start = next(210);
                let r = start..start + next(6);
                let want = ranges.iter().any(|o| r.start < o.end && o.start < r.end);
                assert_eq!(spans.overlaps(&r), want, "{r:?} in {ranges:?}");
                asked += 1;
                hit += usize::from(want);
            }
        }
        assert!(hit > 10_000 && asked > hit + 10_000, "{hit} of {asked}");
    }

    #[test]
    fn every_gate_admits_the_matches_of_its_pattern() {
        for g in [
            &super::PER_COUNT,
            &super::OVER_AFTER_FIGURE,
            &super::APPROX_VERB,
            &super::MULTIPLIER_WORD,
            &super::MODEL_LIST_AFTER,
            &super::MODEL_LIST_BEFORE,
            &super::COMPOUND_TIME,
            &super::FOUNDED_YEAR,
        ] {
            crate::gate::assert_sound(g);
        }
    }

    use super::*;
    use crate::claim::{date, entity, text};

    fn figures(t: &str) -> Vec<(String, Quantity)> {
        // (The lexicon a document in this script is read with.)
        let lex = if crate::lexicon::is_traditional(t) {
            Lexicon::builtin_traditional().unwrap()
        } else {
            Lexicon::builtin().unwrap()
        };
        let mentions = entity::find(t, lex);
        let dates = date::find(t);
        let mut out = Vec::new();
        for s in text::sentences(t) {
            for f in find(t, &s, lex, &mentions, &dates, None) {
                out.push((t[f.range.clone()].to_string(), f.quantity));
            }
        }
        out
    }

    #[test]
    fn a_label_names_the_unit_of_its_cells() {
        let lex = Lexicon::builtin().unwrap();
        let unit = |label: &str| of_label(label, lex).map(|(r, q)| (label[r].to_string(), q));
        let (bracket, q) = unit("缴存额（亿元）").expect("亿元");
        assert_eq!(bracket, "（亿元）");
        assert_eq!((q.value, q.unit.label()), (1e8, "CNY".to_string()));
        let (_, q) = unit("实缴单位（万个）").expect("万个");
        assert_eq!((q.value, q.noun()), (1e4, Some("个")));
        assert_eq!(unit("Share (%)").expect("%").1.unit, Unit::Percent);
        let (_, q) = unit("Revenue (£m)").expect("£m");
        assert_eq!((q.value, q.unit.label()), (1e6, "GBP".to_string()));
        let (_, q) = unit("Registered users (10,000)").expect("10,000");
        assert_eq!(q.value, 1e4);
        let (_, q) = unit("Containers (10,000 TEU)").expect("10,000 TEU");
        assert_eq!((q.value, q.noun()), (1e4, Some("TEU")));
        let (_, q) = unit("Cargo value (RMB 100 million)").expect("RMB 100 million");
        assert_eq!((q.value, q.unit.label()), (1e8, "CNY".to_string()));
        // Conditions and names in brackets are no unit.
        for label in [
            "QPS (1M vectors)",
            "Pass rate (5/5)",
            "指标（进口）",
            "Downloads (README.md)",
            "平均气温（1991—2020 年）",
            "Charging stations",
        ] {
            assert!(unit(label).is_none(), "{label}: {:?}", unit(label));
        }
        // A cell's bare figure takes the unit; a year under a duration does not.
        let mut cell = Quantity::new(98.6, Unit::Count);
        in_unit(&mut cell, &unit("缴存额（亿元）").unwrap().1);
        assert_eq!((cell.value, cell.unit.label()), (9.86e9, "CNY".to_string()));
        let mut year = Quantity::new(2019.0, Unit::Count);
        in_unit(
            &mut year,
            &Quantity::new(1.0, Unit::Duration("year".into())),
        );
        assert_eq!(year.unit, Unit::Count);
    }

    #[test]
    fn version_numbers_after_the_word_version_are_names() {
        for t in [
            "当前版本 1.2 支持 9 个平台",
            "version 2.1 adds SSH",
            "the latest release 3.0 ships",
        ] {
            let lex = Lexicon::builtin().unwrap();
            let found: Vec<f64> = text::sentences(t)
                .iter()
                .flat_map(|s| find(t, s, lex, &[], &[], None))
                .map(|f| f.quantity.value)
                .collect();
            assert!(
                !found.iter().any(|v| [1.2, 2.1, 3.0].contains(v)),
                "{t}: {found:?}"
            );
        }
    }

    #[test]
    fn an_estimate_word_on_the_verb_makes_an_estimate() {
        assert_eq!(
            one("夜间消费约占社会消费品零售总额的30%").bound,
            Bound::Approx
        );
        assert_eq!(
            one("训练速度约为同规模 A100 系统的 2.4 倍").bound,
            Bound::Approx
        );
        assert_eq!(one("夜间消费占社会消费品零售总额的30%").bound, Bound::Exact);
    }

    #[test]
    fn over_after_another_figure_is_a_preposition() {
        let lex = Lexicon::builtin().unwrap();
        let t = "It serves 12,000 queries per second over 100 million vectors.";
        let found: Vec<(f64, Bound)> = text::sentences(t)
            .iter()
            .flat_map(|s| find(t, s, lex, &[], &[], None))
            .map(|f| (f.quantity.value, f.quantity.bound))
            .collect();
        assert!(found.contains(&(1e8, Bound::Exact)), "{found:?}");
        assert_eq!(one("Revenue reached over $100 million").bound, Bound::Lower);
        assert_eq!(one("bikes spread over 214 stations").bound, Bound::Exact);
        assert_eq!(one("Bed occupancy averaged over 93%").bound, Bound::Lower);
        assert_eq!(one("The club held over 200 events").bound, Bound::Lower);
    }

    #[test]
    fn rates_per_a_count_and_after_a_noun() {
        // Two rate words written together: per seat and per month.
        let mut per = one("托管版每席位每月 99 元。").per().to_vec();
        per.sort();
        assert_eq!(per, ["month", "person"]);
        assert_eq!(one("托管版每月 99 元。").per(), ["month"]);
        assert_eq!(
            one("Memory stays under 35 MB per 1,000 followed files").per(),
            ["1000 followed file"]
        );
        assert_eq!(
            one("Lenses slow progression by 0.3 dioptres per year").per(),
            ["year"]
        );
        // Plain points are percentage points only beside a percentage.
        assert_eq!(
            one("HSK level 4 with at least 180 points.").unit,
            Unit::Count
        );
        assert_eq!(
            figures("Turnout rose 2.1 points, to 34% of voters.")[0]
                .1
                .unit,
            Unit::Points
        );
        assert_eq!(one("须达到 HSK 四级 180 分及以上").bound, Bound::Lower);
        // The count of a denominator is no figure of its own.
        assert_eq!(
            one("That is about 3.2 MB of memory per 1,000 rows.").value,
            3.2e6
        );
        // Weeks, and a rate word opening the counted noun or right after another
        // figure's classifier.
        assert_eq!(one("上半年平均每周受理诉求 9,300 件").per(), ["week"]);
        assert_eq!(one("It costs $5 a week.").per(), ["week"]);
        assert!(one("A week earlier it had 300 users.").per().is_empty());
        let f = figures("保留 7 个每日快照、4 个每周快照和 12 个每月快照。");
        let per: Vec<&[String]> = f.iter().map(|(_, q)| q.per()).collect();
        assert_eq!(per, [["day"], ["week"], ["month"]]);
        // A dot joins two denominators; people of any kind are persons.
        assert_eq!(one("医疗保险 800 元/人·年").per(), ["person", "year"]);
        assert_eq!(
            one("住宿费 4,800 元/人・学年").per(),
            ["person", "academic year"]
        );
        assert_eq!(one("RMB 600 per applicant").per(), ["person"]);
        assert_eq!(one("RMB 22,000 per academic year").per(), ["academic year"]);
        // A dot after a figure with no denominator is not one.
        assert!(one("共 800 元·另计运费").per().is_empty());
    }

    #[test]
    fn rates_per_minute_and_second() {
        assert_eq!(
            one("The batch mode recognises about 35 pages a minute.").per(),
            ["minute"]
        );
        assert_eq!(one("批量模式的识别速度约为每秒 35 页").per(), ["second"]);
        assert_eq!(one("| 600 requests per minute |").per(), ["minute"]);
        assert_eq!(one("| 每秒 600 次请求 |").per(), ["second"]);
        // A size or sum of something per a span of time, after a few words.
        assert_eq!(
            one("Filters 1.9 GB of JSON logs per second on a single core.").per(),
            ["second"]
        );
        assert_eq!(
            one("Each device sends 2.6 MB of data a day.").per(),
            ["day"]
        );
        assert!(one("It keeps 10 GB of logs per user.").per().is_empty());
        assert!(one("It stores 4 GB of logs a year ago.").per().is_empty());
        // A rate hyphenated into an adjective, and a rate followed by what it is spent on.
        assert_eq!(
            one("UK craft beer is a £1.2 billion-a-year market.").per(),
            ["year"]
        );
        assert_eq!(
            one("It saves about RMB 860,000 a year on servers.").per(),
            ["year"]
        );
        assert!(
            one("Sales hit £4 million a year on, by the accounts.")
                .per()
                .is_empty()
        );
        // A clause that names the measure (每秒请求数) does not make the next clause's
        // figure a rate.
        assert!(
            one("JSON 路由的每秒请求数，64 个连接，单核")
                .per()
                .is_empty()
        );
        assert_eq!(
            one("我国每年新发病例约15万例，死亡人数下降").per(),
            ["year"]
        );
    }

    #[test]
    fn chinese_counted_denominators_before_the_figure() {
        assert_eq!(one("每万人口托位数3.4个").per(), ["10000 人口"]);
        assert_eq!(one("| 每 1000 个班次 14 条 |").per(), ["1000 班次"]);
        assert_eq!(one("内存约为每万行 3.2 MB").per(), ["10000 行"]);
        // The same denominator in English and Chinese is one key.
        assert_eq!(
            one("内存约为每万行 3.2 MB").per_key(),
            one("That is 3.2 MB per 10,000 rows.").per_key()
        );
        // How often, and a magnitude inside a unit, are no counted denominator.
        assert!(
            one("每 5 分钟读取 300 条记录")
                .per()
                .iter()
                .all(|p| p != "5 分钟")
        );
        assert!(
            one("储能成本降至每千瓦时 115 美元")
                .per()
                .iter()
                .all(|p| !p.starts_with('1'))
        );
    }

    #[test]
    fn an_estimate_before_the_verb() {
        assert_eq!(
            one("每台设备每月约产生 2.6 MB 数据流量").bound,
            Bound::Approx
        );
        assert_eq!(one("一块电池约可使用 9 个月").bound, Bound::Approx);
        assert_eq!(one("处理一部方志约需 3 小时").bound, Bound::Approx);
        assert_eq!(one("处理一部方志需 3 小时").bound, Bound::Exact);
    }

    #[test]
    fn currencies_named_by_their_code_keep_the_hedge_before_them() {
        let q = one("Treating sea lice cost about NOK 310 million in the half-year.");
        assert_eq!(
            (q.unit.clone(), q.bound, q.value),
            (Unit::Currency("NOK".into()), Bound::Approx, 310e6)
        );
        assert_eq!(
            one("上半年费用约3.1亿挪威克朗").unit,
            Unit::Currency("NOK".into())
        );
        assert_eq!(one("R$ 12 bilhões").unit, Unit::Currency("BRL".into()));
    }

    #[test]
    fn traditional_characters_and_a_named_currency_before_yuan() {
        let q = one("Bopo 的經費來自新臺幣 60 萬元的補助");
        assert_eq!(
            (q.unit.clone(), q.value),
            (Unit::Currency("TWD".into()), 6e5)
        );
        assert_eq!(one("补贴港币100元").unit, Unit::Currency("HKD".into()));
        assert_eq!(one("營收十六億美元").value, 1.6e9);
        assert_eq!(one("人民币100元").unit, Unit::Currency("CNY".into()));
    }

    #[test]
    fn a_denominator_the_lexicon_does_not_know_keeps_the_period_after_it() {
        assert_eq!(
            one("It costs $12 per committer per month.").per(),
            ["month"]
        );
        assert_eq!(one("RMB 1,200 per gateway per year").per(), ["year"]);
        assert_eq!(one("$45 per child per month").per(), ["month"]);
        assert!(one("It costs $45 per child.").per().is_empty());
    }

    #[test]
    fn what_a_figure_is_per_beyond_the_rate_table() {
        let each =
            |t: &str| -> Vec<String> { one(t).each().iter().map(|e| e.to_string()).collect() };
        // Known things by their canonical name, in either language.
        assert_eq!(each("about 1.6 GB of GPU memory per server."), ["server"]);
        assert_eq!(each("每台服务器每月 120 欧元"), ["server"]);
        assert_eq!(each("每个构建执行器每个 CPU 核需要约 2 GB 内存"), ["core"]);
        assert_eq!(each("38 MB per worker thread"), ["thread"]);
        assert_eq!(each("每个进程约 38 MB"), ["process"]);
        assert_eq!(each("每户补贴20万元"), ["household"]);
        assert_eq!(each("£495 per family"), ["household"]);
        // Unknown English words as written, singular; unknown Chinese ones unreadable.
        assert_eq!(each("£4.19 per elector"), ["~elector"]);
        assert_eq!(
            each("It costs $12 per committer per month."),
            ["~committer"]
        );
        assert_eq!(each("每位评委打分 8.6 分"), ["?"]);
        // A known rate is no thing: per month, 每月, per cent, a name.
        assert!(each("€9 per month").is_empty());
        assert!(each("每月 9 欧元").is_empty());
        assert!(each("$45 per user").is_empty());
        assert_eq!(each("$45 per child"), ["~child"]);
        assert!(each("12 per cent of them").is_empty());
        assert!(each("120 units per Apple").is_empty());
        assert_eq!(singular("batches"), "batch");
        assert_eq!(singular("bodies"), "body");
        assert_eq!(singular("campus"), "campus");
    }

    #[test]
    fn the_base_of_a_rate_is_not_a_figure_of_its_own() {
        let f = figures("今年小麦最低收购价为每50公斤119元");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "119元");
        assert_eq!(one("未满的批次每 60 秒写入一次").value, 60.0);
    }

    #[test]
    fn degrees_counted_in_wan_and_yi_are_kilowatt_hours() {
        let kwh = one("年发电量约29亿千瓦时");
        let du = one("年发电量约29亿度");
        assert_eq!((du.unit.clone(), du.value), (kwh.unit.clone(), kwh.value));
        assert_eq!(one("气温达到35度").unit, Unit::Measure("deg".into()));
    }

    #[test]
    fn a_bound_after_a_short_noun_ends_the_phrase() {
        assert_eq!(one("对于 200 万构件以内的模型").bound, Bound::Upper);
        assert_eq!(one("保护区内江豚达到500头以上。").bound, Bound::Lower);
        // Not a bound of the figure: a longer noun, or a phrase that goes on.
        assert_eq!(one("支持20万字超长上下文").bound, Bound::Exact);
    }

    #[test]
    fn doses_and_currents_in_their_small_units() {
        let mg = one("a 300 mg injection");
        assert_eq!(mg.unit, Unit::Measure("mg".into()));
        assert_eq!(one("每剂 300 毫克").value, mg.value);
        let ug = one("每2周皮下注射300微克");
        assert_eq!(ug.unit, Unit::Measure("ug".into()));
        assert!(super::super::number::same_value(ug.written(), mg.written()));
        assert!((mg.value / ug.value - 1000.0).abs() < 1e-6);
        let ua = one("the board draws 38 µA");
        assert_eq!(ua.unit, Unit::Measure("uA".into()));
        assert_eq!(one("电流为 38 μA").unit, ua.unit);
        assert!((one("电流为 38 mA").value / ua.value - 1000.0).abs() < 1e-6);
    }

    #[test]
    fn a_magnitude_that_starts_a_unit_is_the_units() {
        let q = one("百万千瓦海上风电");
        assert_eq!((q.value, q.unit.clone()), (1e6, Unit::Measure("kW".into())));
    }

    #[test]
    fn times_a_month_is_a_frequency() {
        let q = one("The package is downloaded 650k times a month");
        assert_eq!(
            (q.unit.clone(), q.per().to_vec()),
            (Unit::Count, vec!["month".to_string()])
        );
        assert_eq!(one("Writes are 3 times faster").unit, Unit::Multiple);
    }

    #[test]
    fn a_change_by_a_figure_keeps_its_verb_from_further_back() {
        let q = one("Sandpiper cut red CI runs on the main branch by 63% over the quarter");
        assert_eq!(q.change, -1);
        let q = one("The city increased the share of buses running on time by 12%");
        assert_eq!(q.change, 1);
        assert_eq!(
            one("Its share of the market stood at 12% by June").change,
            0
        );
    }

    #[test]
    fn made_up_of_is_a_share_not_a_rise() {
        assert_eq!(one("E-bikes made up about 40% of all trips").change, 0);
        assert_eq!(one("Sales were up 40% on last year").change, 1);
    }

    #[test]
    fn repetitions_are_counts_and_a_capital_x_is_a_multiple() {
        assert_eq!(
            one("Writing an int for 1000 times, we get").unit,
            Unit::Count
        );
        assert_eq!(one("up to 2.5X faster").unit, Unit::Multiple);
        assert_eq!(one("1000 times faster").unit, Unit::Multiple);
        assert_ne!(
            one("the suite killed nodes 12,000 times without a loss").unit,
            Unit::Multiple
        );
        assert_ne!(
            one("Each suspect is rerun 20 times in a fresh process").unit,
            Unit::Multiple
        );
        assert_ne!(one("The request is retried 5 times").unit, Unit::Multiple);
        assert_eq!(
            one("Revenue grew 3 times in two years").unit,
            Unit::Multiple
        );
        assert_eq!(one("Costs increased 4 times").unit, Unit::Multiple);
        assert_eq!(one("It is priced 3 times higher").unit, Unit::Multiple);
        assert_ne!(
            one("Sedge has been downloaded 1.4 million times.").unit,
            Unit::Multiple
        );
        assert_eq!(one("2 million times faster").unit, Unit::Multiple);
    }

    #[test]
    fn growth_verbs_state_multiples() {
        for (t, v) in [
            ("ARR tripled in 2024", 3.0),
            ("收入翻了一番", 2.0),
            ("用户翻了两番", 4.0),
            ("sales doubled", 2.0),
        ] {
            let q = one(t);
            assert_eq!(
                (q.value, q.unit.clone(), q.change),
                (v, Unit::Multiple, 1),
                "{t}"
            );
        }
    }

    #[test]
    fn a_range_with_its_unit_at_both_ends_is_one_figure() {
        for (t, lo, hi) in [
            ("25%–50% of visitors decline.", 25.0, 50.0),
            ("declines 25%-50% of the time.", 25.0, 50.0),
            ("访问量增加了 20%～30%。", 20.0, 30.0),
            ("预算 10万至20万元。", 1e5, 2e5),
            ("It works from -20°C to 45°C.", -20.0, 45.0),
            ("Plans cost $10–$20 a month.", 10.0, 20.0),
        ] {
            let q = one(t);
            assert_eq!((q.value, q.high()), (lo, Some(hi)), "{t}");
        }
        // A change from one level to another is two figures.
        for t in [
            "Prices rose from 25% to 50%.",
            "raising the bill from $58 to $63.80 a year",
        ] {
            assert_eq!(figures(t).len(), 2, "{t}");
        }
    }

    fn one(t: &str) -> Quantity {
        let f = figures(t);
        assert_eq!(f.len(), 1, "{t}: {f:?}");
        f[0].1.clone()
    }

    #[test]
    fn one_value_in_many_notations() {
        let usd = Unit::Currency("USD".into());
        for t in [
            "收入16亿美元。",
            "revenue of $1.6 billion.",
            "revenue of 1,600 million dollars.",
            "revenue of US$1.6B.",
            "revenue of USD 1.6bn.",
            "收入十六亿美元。",
        ] {
            let q = one(t);
            assert!(
                super::super::number::same_value(q.value, 1.6e9),
                "{t}: {q:?}"
            );
            assert_eq!(q.unit, usd, "{t}");
        }
        // A range in shares of ten or in English words, with its unit after the top.
        let q = one("数据库 CPU 可节省三到四成。");
        assert_eq!(
            (q.value, q.high(), q.unit.clone()),
            (30.0, Some(40.0), Unit::Percent)
        );
        let q = one("It saves 30 to 40 percent of the CPU.");
        assert_eq!(
            (q.value, q.high(), q.unit.clone()),
            (30.0, Some(40.0), Unit::Percent)
        );
        assert_eq!(
            figures("Staff rose from 30 to 40 people.")
                .last()
                .map(|f| f.1.high()),
            Some(None)
        );
        // Other dollars are not US dollars.
        let aud = Unit::Currency("AUD".into());
        for t in [
            "The A$412 million expansion.",
            "营业收入4.12亿澳元。",
            "AUD 412 million.",
        ] {
            let q = one(t);
            assert!(
                super::super::number::same_value(q.value, 4.12e8),
                "{t}: {q:?}"
            );
            assert_eq!(q.unit, aud, "{t}");
        }
    }

    #[test]
    fn percentages_and_cjk_forms() {
        assert_eq!(one("占比30%。").value, 30.0);
        let q = one("占比百分之三十。");
        assert_eq!((q.value, &q.unit), (30.0, &Unit::Percent));
        let q = one("占三成。");
        assert_eq!((q.value, &q.unit), (30.0, &Unit::Percent));
        assert_eq!(one("吸收超10万社区模型").value, 1e5);
    }

    #[test]
    fn qualifiers_and_change() {
        assert_eq!(one("累计获取超1亿用户").bound, Bound::Lower);
        assert_eq!(one("revenue of over $1.6 billion.").bound, Bound::Lower);
        assert_eq!(one("about 30% of users").bound, Bound::Approx);
        let q = one("同比暴涨427%。");
        assert_eq!(q.change, 1);
        let q = one("（2023收入+300%）");
        assert_eq!((q.value, q.change), (300.0, 1));
        // Bounds a translation writes with a verb or a space between.
        assert_eq!(one("导入程序每秒约处理 41 万个节点。").bound, Bound::Approx);
        assert_eq!(one("缓存命中率保持在 90% 以上。").bound, Bound::Lower);
        assert_eq!(one("支持 40 多种语言").bound, Bound::Lower);
        assert_eq!(one("单条消息最大 16 MB。").bound, Bound::Upper);
        assert_eq!(
            one("expects the line to pass 5 million units").bound,
            Bound::Lower
        );
        assert_eq!(
            one("hoped exports would top 1 million tonnes").bound,
            Bound::Lower
        );
        // A share of tests passed is exact; a share passing a mark is a bound.
        assert_eq!(
            one("The parser passes 99.2% of the conformance cases.").bound,
            Bound::Exact
        );
        assert_eq!(one("Coverage passed 80% in May.").bound, Bound::Lower);
    }

    #[test]
    fn rates() {
        let q = one("GPT-4 API定价0.06美元/千token。");
        assert_eq!(q.per(), vec!["1k token".to_string()]);
        let q = one("收取30美元/人/月的费用");
        assert_eq!(q.per(), vec!["person".to_string(), "month".to_string()]);
        let q = one("costs $30 per user per month.");
        assert_eq!(q.per(), vec!["person".to_string(), "month".to_string()]);
        let q = one("形成价值1500亿美元/年的闭环");
        assert_eq!(
            (q.value, q.per().to_vec()),
            (1.5e11, vec!["year".to_string()])
        );
        // A price per weight, after or before the figure.
        let q = one("sold for RMB 168 per kg in Shanghai");
        assert_eq!(q.per(), vec!["kg".to_string()]);
        let q = one("榴莲售价为每斤168元。");
        assert_eq!(q.per(), vec!["jin".to_string()]);
        // A rate word belongs to the figure it stands beside, not to the next one.
        let f = figures("自动备份素材，每年 4.99 美元，含 200 GB 存储空间。");
        assert_eq!(f[0].1.per(), vec!["year".to_string()]);
        assert!(f[1].1.per().is_empty(), "{f:?}");
        let f = figures("backs up footage for US$4.99 per month with 200 GB of storage.");
        assert_eq!(f[0].1.per(), vec!["month".to_string()]);
        assert!(f[1].1.per().is_empty(), "{f:?}");
        let f = figures(
            "raised the dividend to $0.48 per share per quarter and bought $250 million of stock.",
        );
        assert!(f[1].1.per().is_empty(), "{f:?}");
        let f = figures("我国每年新发病例约15万例，死亡约5.6万例。");
        assert!(
            f.iter().all(|x| x.1.per() == vec!["year".to_string()]),
            "{f:?}"
        );
        // The 年 of a date is not 年产 (per year).
        let q = one("在2025年产出约2000吨。");
        assert!(q.per().is_empty(), "{q:?}");
    }

    #[test]
    fn a_year_earlier_is_a_time_not_a_rate() {
        let q = one("Thailand's share fell from 57% a year earlier.");
        assert!(q.per().is_empty(), "{q:?}");
        let q = one("up from $1.4M a year ago");
        assert!(q.per().is_empty(), "{q:?}");
        let q = one("It costs $5 a day.");
        assert_eq!(q.per(), vec!["day".to_string()]);
        // Before the figure, "a quarter" is a share or a time.
        // Signs: 零下20摄氏度 = 降至-15℃'s sign = −20°C; a compound adjective's magnitude.
        assert_eq!(one("在零下 20 摄氏度时").value, -20.0);
        assert_eq!(one("气温降至-15℃。").value, -15.0);
        assert_eq!(one("At −20°C it keeps its charge.").value, -20.0);
        assert_eq!(one("We replayed a 200-million-row table.").value, 2e8);
        let q = one("全省投入联合收割机1.1万台左右。");
        assert_eq!(
            (q.value, q.bound, q.noun()),
            (1.1e4, Bound::Approx, Some("台"))
        );
        let q = one("Research income rose a quarter to £9.6 million.");
        assert!(q.per().is_empty(), "{q:?}");
        // A growth rate per year, in either language.
        let q = one("市场将保持年均约12%的增长。");
        assert_eq!(q.per(), vec!["year".to_string()]);
        let q = one("The market will grow about 12% a year.");
        assert_eq!(q.per(), vec!["year".to_string()]);
    }

    #[test]
    fn ranges_and_durations() {
        let q = one("未来3-5年，");
        assert_eq!(
            (q.value, q.high(), &q.unit),
            (3.0, Some(5.0), &Unit::Duration("year".into()))
        );
        let q = one("前18个月用开源");
        assert_eq!(q.unit, Unit::Duration("month".into()));
    }

    #[test]
    fn frequencies_are_measures_not_thousands() {
        let zh = figures("采样率为 48 千赫。");
        let en = figures("The sample rate is 48 kHz.");
        assert_eq!(zh.len(), 1, "{zh:?}");
        assert_eq!(en.len(), 1, "{en:?}");
        assert_eq!(zh[0].1.dimension(), Some("frequency"));
        assert_eq!(zh[0].1.value, en[0].1.value);
    }

    #[test]
    fn labels_of_a_series_are_not_figures() {
        for t in [
            "See chapter 3 for the method.",
            "The meeting is in room 101 today.",
            "PR 345 fixed the crash.",
            "Level 4 autonomy arrives later.",
        ] {
            assert!(figures(t).is_empty(), "{t}: {:?}", figures(t));
        }
        for t in [
            "多数商圈在23时后打车难，凌晨1时至3时客流最少。",
            "地铁2号线和5号线延长运营，3号楼已封顶。",
        ] {
            assert!(figures(t).is_empty(), "{t}: {:?}", figures(t));
        }
        assert_eq!(figures("全程耗时3小时，新建住宅120户。").len(), 2);
        let f = figures("The hotel has 120 rooms on 12 floors and a 40% share of line 3 trips.");
        let shown: Vec<&str> = f.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(shown, ["120", "12", "40%"], "{f:?}");
    }

    #[test]
    fn electricity_prices_per_kilowatt_hour() {
        let f = figures("工业电价 0.62 元/千瓦时，居民 0.56 元/度，商业 0.71 元/千瓦時。");
        assert_eq!(f.len(), 3, "{f:?}");
        for (t, q) in &f {
            assert_eq!(q.per(), ["kWh"], "{t}");
        }
    }

    #[test]
    fn telephone_lines_codes_and_clock_times_are_not_figures() {
        for t in [
            "请拨打 01632 960418 或 0597-8821 6600 咨询。",
            "市民可拨打12345热线反映。",
            "栖木咖啡（股份代号：2476）今日公布业绩。",
            "瀚途充電控股有限公司（股份代號：2918）今日公佈業績。",
            "Call 0800 123 456 or the helpline: 020 7946 0958, or +86 597 8821 6600.",
            "A full build takes 3 min 52 s; the record is 2 h 7 min 48 s.",
            "男子冠军以2小时07分48秒夺得，女子冠军用时2小时24分03秒。",
            "（1. 洞溪湖湿地生态研究所，洞溪 415200；2. 华中水生生物保护中心，武汉 430072）",
            "文章编号：1000-3207(2026)06-1123-09",
            "ISSN 1000 3207; postcode 4152",
            "a registered charity (no. 1098342), following GB/T 2260 and ISO 9001",
            "拨打12345政务服务便民热线咨询。",
            "群众可拨打 １２３４５ 或登录 App 反映诉求，也可拨打 12345 热线。",
            "招生办电话：０５７５－８８３４１０２７。",
            "可拨打邮政业用户申诉电话　１２３０５。",
            "Kettleby Green CC (founded 1889) has played here since 1962.",
            "地址：12 樓 1203 室；电话 +852 2385 6610。",
            "Room 1203, the silk panel (1761) and 《年鉴（2026）》.",
            "It was formed by Sir Edmund Carrow (1889–1961) in Shanghai.",
            "乾隆（1736—1795）年间",
            "Jinghu University (institution code 14187) is in Shaoxing.",
            "Zhusu Publishing · 391 Wen'er Road, Xihu District; 14 High Street, Ditchling.",
            "学校在《中国大学评价报告 2026》综合排名中靠前。",
            "with batch codes 2511 to 2534 printed under the base; a batch code from 2511 to 2534.",
            "測站以 MQTT over TLS（連接埠 8883）上傳，or on port 1883.",
            "協會，413 臺中市霧峰區中正路 1720 號 3 樓，電話 (04) 2330-1720。",
            "Marsh H (2020). *Appetite* 151: 104688. Adeyemi T (2022). *PHN* 25(9): 2411–2420.",
            "包括汐能装备（688517）和海澄生物（301296），以及 Tencent (0700)。",
            "| pdfminer.six 20240706 | and the build of 20251130 |",
            "Porthkennick lifeboat station, registered charity 1098764.",
            "The station is a registered charity (1098764), founded in 1869.",
            "主航道（K0+000—K18+600）分两段：K0+000—K7+200，DK7+200 以后。",
        ] {
            assert!(figures(t).is_empty(), "{t}: {:?}", figures(t));
        }
        // (Not a figure after a year and a colon, nor a figure with its unit.)
        let f = figures("In 2024: 1200 visitors came; volume 12: 4500 MB.");
        assert_eq!(f.len(), 2, "{f:?}");
        // 7×24 小时: a schedule, not a multiple (24 小时 stays, a duration).
        let f = figures("享受 7×24 小时支持，support is 24/7.");
        assert!(f.iter().all(|(_, q)| q.unit != Unit::Multiple), "{f:?}");
        // (A count in brackets is still one: 注册会员（120000）; so is one of six digits
        // after a figure, 688517 after 共计.)
        let f = figures("注册会员（120000 人），共计 688517 次。");
        assert_eq!(f.len(), 2, "{f:?}");
        let f = figures("全市人口 415200，其中城镇人口 298,000。");
        assert_eq!(f.len(), 2, "{f:?}");
        let f = figures("接到电话3,000个，营收增长0.5%，售出2,476台。");
        let shown: Vec<&str> = f.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(shown, ["3,000", "0.5%", "2,476"], "{f:?}");
    }

    #[test]
    fn a_period_after_the_counted_words_makes_a_rate() {
        assert_eq!(
            one("saving some 3.4 million repeat trips a year").per(),
            ["year"]
        );
        assert_eq!(
            one("We checked more than 3,000 difficult addresses by hand every day.").per(),
            ["day"]
        );
        // (Not across a preposition that starts another phrase.)
        assert!(
            one("The plant employs 1,200 people on two shifts a day")
                .per()
                .is_empty()
        );
        let f = figures("The club built 1200 homes and opened 1999 pitches.");
        assert_eq!(f.len(), 2, "{f:?}");
    }

    #[test]
    fn a_verb_or_adverb_is_not_a_counted_noun() {
        let f = figures("Sales reached 300 today, and 450 customers renewed.");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].1.noun(), None);
        assert_eq!(f[1].1.noun(), Some("customers"));
    }

    #[test]
    fn names_and_ordinals_are_not_figures() {
        for t in [
            "GPT-4的闭源策略",
            "PaLM-2模型",
            "Office 365绑定",
            "Databricks开源Dolly 2.0模型",
            "TensorFlow 1.0建立标准",
            "AGPLv4可能加入",
            "Apache 2.0允许商用",
            "released v2.3.1 today",
            "H100 chips",
            "HumanEval (Pass@1,10,100)",
            "recall@10 on the test set",
            "Windows 11 is",
            "第三版",
            "三体运动",
            "十分重要",
            "千万不要",
            "一个模型",
            "see [3] for",
            "Llama 3 70B runs on",
            "Mistral 7B is small",
            "write to 845765@qq.com for help",
            "阿里云（千问）已接入",
            "输入输出长度为（1,2048）时",
            "on cards such as 3090, V100 and A100",
            "A100、3090 等显卡",
            "对千亿规模的参数进行推理",
            "a single server with 4 * RTX 3090 (24G) is possible",
            "The Drift 5 weighs little.",
            "Wi-Fi 6 streams a preview.",
            "The University's Recruitment Strategy 2026–2030 expects more.",
        ] {
            assert!(figures(t).is_empty(), "{t}: {:?}", figures(t));
        }
    }

    #[test]
    fn scaled_units_share_one_value() {
        let gw = one("added 1 GW of capacity.");
        let mw = one("added 1,000 MW of capacity.");
        assert!(super::super::number::same_value(gw.value, mw.value));
        assert_eq!(gw.class(), "power");
        assert_eq!((gw.written(), mw.written()), (1.0, 1000.0));
    }

    #[test]
    fn spans_cover_the_whole_figure() {
        for (t, want) in [
            ("Android市占72%。", "72%"),
            ("（2023收入+300%）", "+300%"),
            ("每秒 420 万行", "420 万"),
            ("约为 A100 的 2.4 倍", "约为 A100 的 2.4 倍"),
            ("revenue of over $1.6 billion.", "over $1.6 billion"),
            ("定价0.06美元/千token。", "0.06美元/千token"),
        ] {
            let f = figures(t);
            assert!(
                f.iter()
                    .any(|(s, _)| s == want || want.ends_with(s.as_str())),
                "{t}: {f:?}"
            );
        }
    }

    #[test]
    fn bare_magnitudes_with_units() {
        // A port and a class named by a figure are not amounts.
        assert!(figures("服务默认监听 7700 端口。").is_empty());
        // Ports listed in one sentence, in either language.
        let f = figures(
            "Port 1700/udp takes Semtech UDP packets, 8080 serves the REST API and 9100 the metrics.",
        );
        assert!(f.is_empty(), "{f:?}");
        assert!(
            figures("1700/udp 端口接收数据包，8080 端口提供 REST API，9100 端口提供指标。")
                .is_empty()
        );
        // A harbour's figures are amounts, and so is a count with a separator.
        assert_eq!(
            figures("The port handled 1,700 ships and 4500 containers in 2025.").len(),
            2
        );
        assert!(figures("新建10万吨级泊位。").is_empty());
        assert_eq!(one("百亿美元级别的年收入").value, 1e10);
        // A bound after the figure says more than an estimate before it.
        assert_eq!(
            one("There are an estimated 2,000 or more wrecks.").bound,
            Bound::Lower
        );
        // An estimate or a bound on the verb before the figure; a monthly count.
        assert_eq!(one("在一块 GPU 上训练约需 14 小时。").bound, Bound::Approx);
        assert_eq!(
            one("内存占用最多可比 pandas 低 30 倍。").bound,
            Bound::Upper
        );
        assert_eq!(one("月下载量为 5 万次。").per(), ["month"]);
        // 千赫 is a unit, not 千 and 赫: the same 48 kHz as in English.
        let q = one("采样率为 48 千赫。");
        assert_eq!((q.value, q.written()), (48000.0, 48.0));
        let q = one("月均支出超百万美元。");
        assert_eq!((q.value, q.bound), (1e6, Bound::Lower));
        assert_eq!(one("万亿参数以上模型").value, 1e12);
    }

    #[test]
    fn a_bound_before_a_change_word_close_to_the_start_does_not_panic() {
        // The bound moved the span's start before the change-word window's start, and
        // the window was sliced backwards (found by tests/no_panic.rs).
        assert_eq!(figures("approximately下降1%")[0].1.value, 1.0);
        for t in ["about下降30%", "最多降低70%", "up to下降2倍"] {
            let _ = figures(t);
        }
    }
}
