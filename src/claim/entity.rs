//! Subjects and metrics: which company, product, person or place a figure is about, and
//! what it measures. Names come from the alias lexicon, plus Latin-script names that
//! stand inside Chinese text or mid-sentence in English.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::gate::{Gate, Gated};

use super::Subject;
use super::citation::Found as FoundCitation;
use super::quantity::Found as FoundQuantity;
use super::text::{Clause, Sentence, is_english_prose, is_han, tail};
use crate::lexicon::{EntityKind, Lexicon};

#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte range in the block text.
    pub range: Range<usize>,
    /// Found in the alias lexicon (not guessed from capital letters).
    pub known: bool,
    pub id: String,
    pub root: String,
    pub name: String,
    pub kind: EntityKind,
}

static LATIN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Z][A-Za-z0-9]*(?:(?:[ -]| & | of )[A-Z][A-Za-z0-9]*)*")
        .expect("latin name regex")
});

/// " 1.0", " v2": a version right after a word makes it a product name.
static VERSION_AFTER: Gated = Gated::new(
    r"^ (?:v\d|\d+\.\d)",
    // `^ (?:v\d|\d+\.\d)`: a space, then `v` or a decimal digit (which is numeric).
    Gate::Custom(|t| {
        t.starts_with(" v")
            || t.strip_prefix(' ')
                .is_some_and(|r| r.starts_with(char::is_numeric))
    }),
);

/// Capitalised words that are not names: acronyms of common nouns, sentence openers.
const NOT_NAMES: &[&str] = &[
    "AI",
    "API",
    "APIs",
    "GPU",
    "GPUs",
    "CPU",
    "SaaS",
    "PaaS",
    "IaaS",
    "PMF",
    "CLA",
    "EDA",
    "GDPR",
    "BUG",
    "SDK",
    "LLM",
    "LLMs",
    "IT",
    "UI",
    "UX",
    "IoT",
    "HR",
    "CEO",
    "CTO",
    "CFO",
    "KPI",
    "ROI",
    "B2B",
    "B2C",
    "ML",
    "NLP",
    "OS",
    "PC",
    "AR",
    "VR",
    "TV",
    "PR",
    "QA",
    "FAQ",
    "ID",
    "URL",
    "HTTP",
    "JSON",
    "PDF",
    "CSV",
    "OK",
    "Q",
    "H",
    "FY",
    "YoY",
    "QoQ",
    "GPL",
    "AGPL",
    "MIT License",
    "Apache",
    "BSD",
    "SSPL",
    "Open",
    "Core",
    "Open Core",
    "Open-Core",
    "Plus",
    "Pro",
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "And",
    "But",
    "Or",
    "If",
    "As",
    "It",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "We",
    "Our",
    "They",
    "Their",
    "He",
    "She",
    "His",
    "Her",
    "I",
    "You",
    "Your",
    "With",
    "Without",
    "After",
    "Before",
    "During",
    "Since",
    "Until",
    "While",
    "When",
    "Where",
    "Why",
    "How",
    "What",
    "Which",
    "Who",
    "Some",
    "Many",
    "Most",
    "More",
    "All",
    "Each",
    "Every",
    "No",
    "Not",
    "Yes",
    "Over",
    "Under",
    "About",
    "Around",
    "Nearly",
    "Up",
    "Down",
    "Also",
    "Then",
    "Than",
    "So",
    "Yet",
    "Still",
    "Now",
    "Today",
    "Here",
    "There",
    "Version",
    "Draft",
    "Section",
    "Chapter",
    "Table",
    "Figure",
    "Note",
    "Source",
    "Sources",
    "See",
    "Read",
    "Revenue",
    "Sales",
    "Price",
    "Pricing",
    "Users",
    "Growth",
    "Market",
    "Total",
    "Overall",
    "According",
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
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Integrated",
    "Summary",
    "Conclusion",
    "Introduction",
    "Background",
    "Overview",
    "Key",
    "New",
    "Old",
    "First",
    "Second",
    "Third",
    "Last",
    "Next",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Ten",
    "Hundred",
    "Million",
    "Billion",
    "Deepfake",
    "BUG",
    "TOKEN",
    "Token",
    "Transformer",
    "Pre",
    "Post",
    "Top",
    "Best",
    "Open Source",
    "Closed Source",
    "Red",
    "Blue",
    "Green",
    // Currency codes and units are not names.
    "USD",
    "EUR",
    "CNY",
    "RMB",
    "JPY",
    "GBP",
    "HKD",
    "INR",
    "KRW",
    "GW",
    "MW",
    "KW",
    "GB",
    "TB",
    "MB",
    "PB",
    "GWh",
    "TWh",
    "MWh",
    "CO2",
    "TL",
    "DR",
    "TLDR",
];

/// Latin names the document uses where sentence case cannot explain a capital: mid-
/// sentence, or inside Chinese text. A sentence-initial word in this set is a name too
/// ("Ferrolux was founded in 2016" when Ferrolux appears mid-sentence elsewhere).
pub fn known_names(texts: &[&str]) -> HashSet<String> {
    let mut out = HashSet::new();
    for text in texts {
        // In Chinese text a capital is never sentence case.
        let english = is_english_prose(text);
        for m in LATIN_NAME.find_iter(text) {
            let name = m.as_str().trim_end_matches(['.', '-', ' ']);
            if name.len() >= 2
                && !NOT_NAMES.contains(&name)
                && (!english || !starts_sentence(text, m.start()))
            {
                out.insert(name.to_string());
            }
        }
    }
    out
}

/// Chinese names a writer set in bold (**星河云** 营收…) and used again in the
/// document: a run of 2–8 characters with no function word, not a list label
/// (**生态捆绑**：) and not a figure. Latin names need no bold to be found.
pub fn bold_names(blocks: &[&crate::markdown::Block]) -> Vec<String> {
    const FUNCTION: &[char] = &[
        '的', '是', '在', '了', '和', '与', '或', '不', '要', '将', '可', '能', '会', '为', '把',
        '被', '让', '有', '无', '更', '最', '很', '也', '都', '就', '才', '而', '但', '如', '即',
    ];
    let mut candidates: Vec<String> = Vec::new();
    for b in blocks {
        for r in b.emphasis() {
            let Some(raw) = b.text.get(r.clone()) else {
                continue;
            };
            let name = raw.trim();
            let n = name.chars().count();
            let after = b.text[r.end..].trim_start().chars().next();
            if !(2..=8).contains(&n)
                || matches!(after, Some('：' | ':'))
                || name.len() == b.text.trim().len()
                || !name.chars().any(super::text::is_han)
                || !name.chars().all(|c| {
                    super::text::is_han(c)
                        || c.is_ascii_alphabetic()
                        || matches!(c, '·' | ' ' | '&')
                })
                || name.contains(FUNCTION)
            {
                continue;
            }
            if !candidates.iter().any(|c| c == name) {
                candidates.push(name.to_string());
            }
        }
    }
    // A name recurs; one emphasised phrase does not make a company.
    candidates.retain(|c| {
        blocks
            .iter()
            .map(|b| b.text.matches(c.as_str()).count())
            .sum::<usize>()
            >= 2
    });
    candidates.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    candidates.truncate(100);
    candidates
}

/// Every entity mention in `text`: lexicon aliases first, then unknown Latin names.
pub fn find(text: &str, lex: &Lexicon) -> Vec<Mention> {
    find_with(text, lex, &known_names(&[text]))
}

/// [`find`], accepting a sentence-initial word when `known_elsewhere` (from
/// [`known_names`] over the whole document, this text included) holds it.
pub fn find_with(text: &str, lex: &Lexicon, known_elsewhere: &HashSet<String>) -> Vec<Mention> {
    let mut out: Vec<Mention> = lex
        .entity_names
        .find_all(text)
        // "US$26B" is a currency, not the United States.
        .filter(|(r, _)| !text[r.end..].starts_with(['$', '＄']))
        .map(|(r, &i)| {
            let e = &lex.entities[i];
            Mention {
                name: text[r.clone()].to_string(),
                known: true,
                range: r,
                id: e.id.clone(),
                root: lex.root(i).to_string(),
                kind: e.kind,
            }
        })
        .collect();
    // Mostly Latin text is English prose, where sentence case hides names.
    let english = is_english_prose(text);
    // The lexicon's mentions, sorted: each name looks only at the ones around it.
    let known: Vec<std::ops::Range<usize>> = out.iter().map(|m| m.range.clone()).collect();
    for m in LATIN_NAME.find_iter(text) {
        let r = m.range();
        let k = known.partition_point(|o| o.end <= r.start);
        if known.get(k).is_some_and(|o| o.start < r.end) {
            continue;
        }
        let mut name = m.as_str().trim_end_matches(['.', '-', ' ']);
        let mut r = r;
        for article in ["The ", "A ", "An "] {
            if let Some(rest) = name.strip_prefix(article) {
                r.start += article.len();
                name = rest;
            }
        }
        // "Install Rust", "Read CONTRIBUTING": a sentence-initial word glued to a name the
        // document uses elsewhere (or an opener such as See) is an imperative, not part
        // of the name.
        if english && starts_sentence(text, r.start) && !known_elsewhere.contains(name) {
            if let Some((first, rest)) = name.split_once(' ') {
                let rest_known = known_elsewhere.contains(rest)
                    || rest
                        .split(' ')
                        .next()
                        .is_some_and(|w| known_elsewhere.contains(w));
                if NOT_NAMES.contains(&first) || rest_known {
                    r.start += first.len() + 1;
                    name = rest;
                }
            }
        }
        // Q1, H2, A1: one letter and digits is a label, not a name.
        let letters = name.chars().filter(|c| c.is_ascii_alphabetic()).count();
        if name.len() < 2 || letters < 2 || NOT_NAMES.contains(&name) {
            continue;
        }
        // A word glued to digits or letters on its left is part of something else.
        let before = text[..r.start].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-') {
            continue;
        }
        // In English prose a capitalised word that opens a sentence is no evidence, unless
        // a version follows it (Quill 1.0) or the document uses it mid-sentence.
        // A version (Quill 1.0) or a possessive (Acme's revenue) marks a name.
        let after_name = &text[r.start + name.len()..];
        let versioned = VERSION_AFTER.is_match(after_name)
            || after_name.starts_with("'s ")
            || after_name.starts_with("’s ");
        if english
            && starts_sentence(text, r.start)
            && !name.contains(' ')
            && !has_inner_capital(name)
            && !versioned
            && !known_elsewhere.contains(name)
        {
            continue;
        }
        // "in Portland, Maine": a name the lexicon does not know, after "in" (or after
        // such a place and a comma), is a place.
        let head = text[..r.start].to_ascii_lowercase();
        let place = head.ends_with(" in ")
            || head == "in "
            || (head.ends_with(", ")
                && out.last().is_some_and(|m| {
                    m.kind == EntityKind::Place
                        && text
                            .get(m.range.end..r.start)
                            .is_some_and(|t| t.trim() == ",")
                }));
        out.push(Mention {
            known: false,
            range: r.start..r.start + name.len(),
            id: name.to_lowercase(),
            root: name.to_lowercase(),
            name: name.to_string(),
            kind: if place {
                EntityKind::Place
            } else {
                EntityKind::Org
            },
        });
    }
    // Names the document set in bold somewhere, wherever they stand.
    for name in known_elsewhere.iter().filter(|n| n.chars().any(is_han)) {
        for (at, _) in text.match_indices(name.as_str()) {
            let r = at..at + name.len();
            if out
                .iter()
                .any(|o| o.range.start < r.end && r.start < o.range.end)
            {
                continue;
            }
            out.push(Mention {
                known: false,
                id: name.clone(),
                root: name.clone(),
                name: name.clone(),
                range: r,
                kind: EntityKind::Org,
            });
        }
    }
    // Chinese organisation names the lexicon does not know: 星河云科技, 沧澜市统计局,
    // 北辰汽车集团 — a name ending in an organisation word, set in bold or not.
    out.sort_by_key(|m| m.range.start);
    let n0 = out.len();
    let mut removed = vec![false; n0];
    for m in CJK_ORG.find_iter(text) {
        let mut r = m.range();
        // Drop words the regex may have taken in before the name (据, 根据, 的, 和 …).
        const FUNCTION: &[&str] = &[
            "根据", "按照", "依据", "据", "的", "和", "与", "及", "由", "向", "对", "在", "从",
            "被", "将", "把", "是", "为", "经", "于", "自", "令", "让", "请",
        ];
        const SCOPE: &[&str] = &[
            "年",
            "月",
            "日",
            "全国",
            "全球",
            "全年",
            "国内",
            "国际",
            "全行业",
        ];
        // Kinds of thing, not names: 新能源汽车, 消费电子, 移动通信, 民用航空.
        const CATEGORY: &[&str] = &[
            "新能源",
            "电动",
            "智能",
            "燃油",
            "传统",
            "国产",
            "进口",
            "消费",
            "移动",
            "民用",
            "商用",
            "半导体",
        ];
        // Whether a stripped word was a function word (据, 与) rather than a time or
        // scope word (年, 全国) that may sit in the middle of a run of words.
        let mut after_function_word = false;
        loop {
            let head = &text[r.clone()];
            let strip = |words: &[&'static str]| {
                words
                    .iter()
                    .find(|p| head.starts_with(**p) && head.len() > p.len())
                    .map(|p| p.len())
            };
            if let Some(n) = strip(FUNCTION) {
                after_function_word = true;
                r.start += n;
            } else if let Some(n) = strip(SCOPE) {
                r.start += n;
            } else {
                break;
            }
        }
        // A guessed name must start where a name can: after punctuation, a space, bold
        // marks or a word like 据/与 — not in the middle of a run of Han characters
        // (比亚迪全年销售新能源汽车 holds no name ending in 汽车).
        let boundary_at = |pos: usize| text[..pos].chars().next_back().is_none_or(|c| !is_han(c));
        let boundary = after_function_word || boundary_at(r.start) || boundary_at(m.start());
        if !boundary
            || text[r.clone()].chars().count() < 3
            || CATEGORY.iter().any(|c| text[r.clone()].starts_with(c))
        {
            continue;
        }
        // A known place inside the name (中国 in 中国汽车工业协会, 北京 in 北京大学) gives
        // way to the organisation; any other known name keeps its place.
        // `out[..n0]` is sorted by start and does not overlap itself.
        let first = out[..n0].partition_point(|o| o.range.end <= r.start);
        let overlapping: Vec<usize> = (first..n0)
            .take_while(|&i| out[i].range.start < r.end)
            .filter(|&i| !removed[i])
            .collect();
        if overlapping.iter().any(|&i| {
            let o = &out[i];
            o.kind != EntityKind::Place || o.range.start < r.start || o.range.end > r.end
        }) {
            continue;
        }
        for &i in &overlapping {
            removed[i] = true;
        }
        let name = text[r.clone()].to_string();
        out.push(Mention {
            known: false,
            id: name.clone(),
            root: name.clone(),
            name,
            range: r,
            kind: EntityKind::Org,
        });
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !removed.get(k - 1).copied().unwrap_or(false)
    });
    out.sort_by_key(|m| m.range.start);
    out
}

static CJK_ORG: LazyLock<Regex> = LazyLock::new(|| {
    // A name may hold an organisation word inside it (中国汽车工业协会, 星河云科技集团):
    // after one suffix the name may run on to another.
    const SUFFIX: &str = "股份有限公司|有限公司|公司|集团|科技|银行|大学|研究院|研究所|实验室|基金会|医院|协会|委员会|统计局|证券|资本|汽车|电子|通信|航空";
    // Government bodies: 市工信局, 国家统计局, 省发改委, 网信办 (a short prefix or none).
    const BUREAU: &str = "工信局|商务局|财政局|文旅局|交通局|交通运输局|公安局|环保局|生态环境局|气象局|管理局|监管局|税务局|教育局|住建局|规划局|水利局|民航局|能源局|药监局|农业农村局|卫健委|发改委|国资委|网信办|工信部|商务部|财政部|教育部|外交部|农业农村部|交通运输部|证监会|统计局";
    Regex::new(&format!(
        r"\p{{Han}}{{2,6}}(?:{SUFFIX})(?:\p{{Han}}{{0,4}}(?:{SUFFIX}))?|(?:国家|省|市|区|县)?(?:{BUREAU})"
    ))
    .expect("chinese organisation regex")
});

fn has_inner_capital(s: &str) -> bool {
    s.chars().skip(1).any(|c| c.is_ascii_uppercase())
}

fn starts_sentence(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end();
    if before.is_empty() {
        return true;
    }
    let last = before.chars().next_back();
    matches!(
        last,
        Some('.' | '!' | '?' | ':' | '"' | '“' | '*' | '-' | '(' | '[')
    ) && before.chars().next_back().is_none_or(|c| c <= '\u{2E80}')
}

fn rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Org | EntityKind::Product => 0,
        EntityKind::Person => 1,
        EntityKind::Institution => 2,
        EntityKind::Place => 3,
    }
}

fn to_subject(m: &Mention) -> Subject {
    Subject {
        id: m.id.clone(),
        root: m.root.clone(),
        name: m.name.clone(),
        place: m.kind == EntityKind::Place,
    }
}

/// The subject of a figure at `pos`: the nearest company or product before it in its
/// clause, then in its sentence, then just after it in its clause; places and
/// institutions only when nothing better stands there. Names inside a citation are
/// sources, not subjects.
pub fn subject_for(
    text: &str,
    mentions: &[Mention],
    s: &Sentence,
    clause: &Clause,
    pos: usize,
    cites: &[FoundCitation],
) -> Option<Subject> {
    // 比Redis小30%, 30% smaller than Redis: the thing compared with is not the subject
    // while something else is named.
    let compared = |m: &Mention| {
        // Only the few words before the name matter; never rescan the whole block.
        COMPARED.is_match(tail(&text[..m.range.start], 48).trim_end())
    };
    let pool: Vec<&Mention> = mentions.iter().filter(|m| !compared(m)).collect();
    let chosen = pick_subject(&pool, s, clause, pos, cites);
    if chosen.is_some() {
        return chosen;
    }
    let all: Vec<&Mention> = mentions.iter().collect();
    pick_subject(&all, s, clause, pos, cites)
}

static COMPARED: Gated = Gated::new(
    r"(?i)(?:(?:比|较|相比|相比于|相较于|相对于|对比)[^，。；,;]{0,8}|(?-u:\b)(?:than|vs\.?|versus|compared (?:with|to)|over)(?:\s+[a-z-]+){0,3}\s*)$",
    Gate::Custom(may_compare),
);

/// The gate of [`COMPARED`]: a Chinese match ends with at most 8 characters after a word
/// that ends with 比, 较 or 于, so one of them stands among the last 9 characters; an
/// English one holds one of its words (in either case).
fn may_compare(t: &str) -> bool {
    t.chars()
        .rev()
        .take(9)
        .any(|c| matches!(c, '比' | '较' | '于'))
        || crate::gate::holds_caseless(t, &["than", "vs", "versus", "compared", "over"])
}

fn pick_subject(
    mentions: &[&Mention],
    s: &Sentence,
    clause: &Clause,
    pos: usize,
    cites: &[FoundCitation],
) -> Option<Subject> {
    // A name inside a source is the source, not the subject — except a company that
    // reports on itself (OpenAI表示…, Microsoft says…).
    let usable = |m: &&&Mention| {
        !cites.iter().any(|c| {
            c.range.start <= m.range.start
                && m.range.end <= c.range.end
                && !(c.range.start == m.range.start
                    && matches!(m.kind, EntityKind::Org | EntityKind::Product))
        })
    };
    for max_rank in [0u8, 1, 3] {
        let before_clause = mentions
            .iter()
            .filter(usable)
            .filter(|m| rank(m.kind) <= max_rank)
            .filter(|m| clause.range.start <= m.range.start && m.range.end <= pos)
            .max_by_key(|m| (m.range.end, m.range.len()));
        if let Some(m) = before_clause {
            return Some(to_subject(m));
        }
        let before_sentence = mentions
            .iter()
            .filter(usable)
            .filter(|m| rank(m.kind) <= max_rank)
            .filter(|m| s.range.start <= m.range.start && m.range.end <= pos)
            .max_by_key(|m| (m.range.end, m.range.len()));
        if let Some(m) = before_sentence {
            return Some(to_subject(m));
        }
        let after_clause = mentions
            .iter()
            .filter(usable)
            .filter(|m| rank(m.kind) <= max_rank)
            .find(|m| m.range.start >= pos && m.range.end <= clause.range.end);
        if let Some(m) = after_clause {
            return Some(to_subject(m));
        }
    }
    None
}

/// The first company or product of a sentence — usually its grammatical subject — is
/// what a following sentence in the same block inherits (OpenAI的GPT-4 API…。这种模式
/// 为其创造16亿美元收入; Fastq is a Rust library…. It parses 2.1 GB/s).
pub fn last_subject(
    mentions: &[Mention],
    s: &Sentence,
    cites: &[FoundCitation],
) -> Option<Subject> {
    mentions
        .iter()
        .filter(|m| s.range.start <= m.range.start && m.range.end <= s.range.end)
        .filter(|m| rank(m.kind) == 0)
        .find(|m| {
            !cites
                .iter()
                .any(|c| c.range.start <= m.range.start && m.range.end <= c.range.end)
        })
        .map(to_subject)
}

/// The metric a figure measures: the nearest metric word in its clause (ties go to the
/// word after the figure, as in 160亿帧), else in its sentence.
pub fn metric_for(
    text: &str,
    s: &Sentence,
    clause: &Clause,
    q: &FoundQuantity,
    lex: &Lexicon,
    mentions: &[Mention],
) -> Option<std::sync::Arc<str>> {
    let inside_name = |r: &Range<usize>| {
        mentions
            .iter()
            .any(|m| m.range.start <= r.start && r.end <= m.range.end)
    };
    // (A counted noun in a parenthesis after the figure is not the figure's noun:
    // 119元（国家发展改革委等部门公布）.)
    let aside = |r: &Range<usize>| {
        s.clauses.iter().any(|c| {
            c.paren && c.range != clause.range && c.range.start <= r.start && r.end <= c.range.end
        })
    };
    let pick = |range: Range<usize>| -> Option<std::sync::Arc<str>> {
        let slice = &text[range.clone()];
        lex.metrics
            .find_all(slice)
            .map(|(r, &i)| (range.start + r.start..range.start + r.end, i))
            .filter(|(r, _)| !inside_name(r))
            .filter(|(r, _)| r.end <= q.range.start || r.start >= q.range.end)
            .filter(|(r, i)| {
                !lex.metric_noun_only[*i]
                    || (r.start >= q.range.end && r.start - q.range.end <= 8 && !aside(r))
            })
            .min_by_key(|(r, _)| {
                if r.start >= q.range.end {
                    (r.start - q.range.end) * 2
                } else {
                    (q.range.start - r.end) * 2 + 1
                }
            })
            .map(|(_, i)| lex.metric_ids[i].clone())
    };
    pick(clause.range.clone()).or_else(|| pick(s.range.clone()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_gate_admits_the_matches_of_its_pattern() {
        crate::gate::assert_sound(&super::VERSION_AFTER);
        crate::gate::assert_sound(&super::COMPARED);
    }

    use super::*;

    fn names(t: &str) -> Vec<String> {
        find(t, Lexicon::builtin().unwrap())
            .into_iter()
            .map(|m| m.name)
            .collect()
    }

    #[test]
    fn a_name_after_an_overlapping_known_name_does_not_panic() {
        // The lexicon's mention (US$) ends after the unknown name's start: "GB, US$ China"
        // once sliced backwards.
        for t in ["GB, US$ China", "MB, US$ China", "GB US$ China"] {
            let _ = names(t);
        }
    }

    #[test]
    fn chinese_organisations_by_their_suffix() {
        let n = names("据杭州市统计局数据，星河云科技的营收增长。");
        assert!(n.contains(&"杭州市统计局".to_string()), "{n:?}");
        assert!(n.contains(&"星河云科技".to_string()), "{n:?}");
        // A place inside a name gives way; a run of words is not a name.
        let n = names("据中国汽车工业协会统计，比亚迪全年销售新能源汽车302万辆。");
        assert!(n.contains(&"中国汽车工业协会".to_string()), "{n:?}");
        assert!(!n.iter().any(|x| x.ends_with("新能源汽车")), "{n:?}");
    }

    #[test]
    fn names_in_bold_are_names_everywhere_but_labels_are_not() {
        let doc = crate::markdown::parse(
            "**星河云**营收16亿美元。\n\n- **价格战**：降价。\n\n星河云营收18亿美元。价格战继续。\n",
            0,
        );
        let blocks: Vec<&crate::markdown::Block> = doc.blocks.iter().collect();
        let bold = bold_names(&blocks);
        assert_eq!(bold, vec!["星河云".to_string()]);
        let lex = Lexicon::builtin().unwrap();
        let known: HashSet<String> = bold.into_iter().collect();
        let n: Vec<String> = find_with("星河云营收18亿美元。", lex, &known)
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert!(n.contains(&"星河云".to_string()), "{n:?}");
    }

    #[test]
    fn aliases_and_latin_names() {
        let n = names("特斯拉与Tesla都是一家公司；Databricks开源Dolly。");
        assert!(n.contains(&"特斯拉".to_string()) && n.contains(&"Tesla".to_string()));
        assert!(n.contains(&"Databricks".to_string()));
    }

    #[test]
    fn sentence_case_is_not_a_name_in_english() {
        let n = names("Revenue grew fast. Companies hired more.");
        assert!(n.is_empty(), "{n:?}");
        let n = names("Acme's revenue grew. Quill 1.0 shipped.");
        assert!(
            n.contains(&"Acme".to_string()) && n.contains(&"Quill".to_string()),
            "{n:?}"
        );
    }
}
