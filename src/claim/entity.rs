//! Subjects and metrics: which company, product, person or place a figure is about, and
//! what it measures. Names come from the alias lexicon, plus Latin-script names that
//! stand inside Chinese text or mid-sentence in English.

use crate::hashing::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use crate::gate::{Gate, Gated};

use super::Subject;
use super::citation::Found as FoundCitation;
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
    let mut out = HashSet::default();
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

/// A Chinese name the document uses, and what it names.
struct HanName {
    name: String,
    id: String,
    root: String,
    kind: EntityKind,
}

/// The names a document uses, gathered before its blocks are read.
#[derive(Default)]
pub struct Known {
    /// Latin names used where sentence case cannot explain a capital ([`known_names`]).
    latin: HashSet<String>,
    /// Chinese names: those set in bold ([`bold_names`]) name themselves; those the
    /// document gives beside a Latin name ([`translated_names`]) name what it names, so a
    /// translation's 墨嶺黑體 is the original's Ink Ridge Sans.
    han: Vec<HanName>,
    /// `han`'s names, leftmost-longest.
    han_names: Option<AhoCorasick>,
}

impl Known {
    /// `translated` holds (Chinese, Latin) pairs; a Chinese name is taken once, a
    /// translation before a bold name, and a name the lexicon knows is left to it.
    pub fn new(
        latin: HashSet<String>,
        bold: Vec<String>,
        translated: Vec<(String, String)>,
        lex: &Lexicon,
    ) -> Known {
        let mut han: Vec<HanName> = Vec::new();
        let whole = |text: &str| {
            lex.entity_names
                .find_all(text)
                .find(|(r, _)| r.start == 0 && r.end == text.len())
                .map(|(_, &i)| i)
        };
        for (name, latin_name) in translated {
            if whole(&name).is_some() || han.iter().any(|h| h.name == name) {
                continue;
            }
            let (id, root, kind) = match whole(&latin_name) {
                Some(i) => (
                    lex.entities[i].id.clone(),
                    lex.root(i).to_string(),
                    lex.entities[i].kind,
                ),
                None => {
                    let id = latin_id(&latin_name);
                    (id.clone(), id, EntityKind::Org)
                }
            };
            han.push(HanName {
                name,
                id,
                root,
                kind,
            });
        }
        for name in bold {
            if !han.iter().any(|h| h.name == name) {
                han.push(HanName {
                    id: name.clone(),
                    root: name.clone(),
                    name,
                    kind: EntityKind::Org,
                });
            }
        }
        let han_names = (!han.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(han.iter().map(|h| h.name.as_str()))
                    .ok()
            })
            .flatten();
        Known {
            latin,
            han,
            han_names,
        }
    }
}

/// A heading that is one name in both scripts (`墨嶺黑體 Ink Ridge Sans`, `Ferrolux
/// Robotics / 费洛克斯机器人`, `流萤 Liuying`): the (Chinese, Latin) name.
fn title_pair(title: &str) -> Option<(&str, &str)> {
    let name_char = |c: char| is_han(c) || c == '·';
    let title = title.trim();
    let first = title.find(is_han)?;
    let end = title[first..]
        .find(|c: char| !name_char(c))
        .map_or(title.len(), |i| first + i);
    let han = &title[first..end];
    let sep: &[char] = &[' ', '/', '|', '｜', ':', '：', '·', '—', '–', '-'];
    let latin = if first == 0 {
        title[end..].trim_start_matches(sep)
    } else if end == title.len() {
        title[..first].trim_end_matches(sep)
    } else {
        return None;
    };
    let n = han.chars().count();
    ((2..=12).contains(&n) && one_latin_name(latin)).then_some((han, latin))
}

/// What stands in each pair of brackets of `text` (up to 64 bytes, none nested) and the
/// text before it, one space trimmed: (before, inside).
fn bracketed(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.match_indices(['（', '('])
        .filter_map(move |(at, open)| {
            let from = at + open.len();
            // Only the next 64 bytes are searched: a text of unclosed brackets stays
            // linear.
            let (close, _) = text[from..]
                .char_indices()
                .take_while(|&(i, _)| i <= 64)
                .find(|&(_, c)| matches!(c, '）' | ')' | '（' | '('))?;
            if !text[from + close..].starts_with(['）', ')']) {
                return None;
            }
            let inside = &text[from..from + close];
            let before = &text[..at];
            Some((before.strip_suffix(' ').unwrap_or(before), inside.trim()))
        })
}

/// A word of a Latin name: capitalised (Co-op, O’Brien and Ltd. too), or a joining word
/// inside one (Bank of Leeds).
fn name_word(w: &str, inside: bool) -> bool {
    w.starts_with(|c: char| c.is_ascii_uppercase())
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '\'' | '’' | '&'))
        || inside && matches!(w, "of" | "and" | "for" | "the" | "de" | "&")
}

/// Whether `latin` is one Latin name, not a phrase or a common acronym.
fn one_latin_name(latin: &str) -> bool {
    let words: Vec<&str> = latin.split(' ').collect();
    let last = words.len() - 1;
    words.len() <= 8
        && words
            .iter()
            .enumerate()
            .all(|(k, w)| name_word(w, k > 0 && k < last))
        && latin.chars().filter(char::is_ascii_alphabetic).count() >= 2
        && !NOT_NAMES.contains(&latin)
}

/// The Latin name `head` ends with: its capitalised words, back to the first word that
/// is not one.
fn latin_name_before(head: &str) -> Option<&str> {
    // Only what follows the last character no Latin name holds (马来西亚Musang King).
    // A name is at most eight words: a longer run of Latin text holds none.
    let from = head
        .char_indices()
        .rev()
        .take(121)
        .find(|&(_, c)| {
            !(c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | '\'' | '’' | '&'))
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let head = &head[from..];
    if head.len() > 120 {
        return None;
    }
    let mut start = head.len();
    for (k, w) in head.rsplit(' ').enumerate() {
        if !name_word(w, k > 0) {
            break;
        }
        start -= w.len();
        start = start.saturating_sub(1);
    }
    let name = head[start..].trim_start();
    // It starts with a capitalised word, not a joining word.
    let name = name.trim_start_matches(|c: char| !c.is_ascii_uppercase());
    (!name.is_empty() && one_latin_name(name)).then_some(name)
}

/// The id English text gives a Latin name: the part of it [`LATIN_NAME`] finds, as
/// [`find_with`] reads it (Harbourline Type Co-op is found as Harbourline Type Co).
fn latin_id(latin: &str) -> String {
    let name = LATIN_NAME.find(latin).map_or(latin, |m| m.as_str());
    let name = name.trim_end_matches(['.', '-', ' ']);
    let name = ["The ", "A ", "An "]
        .iter()
        .find_map(|a| name.strip_prefix(a))
        .unwrap_or(name);
    name.to_lowercase()
}

/// One word of capitals (IEA, BEV, NdPr): a body's short name or a term's.
fn is_acronym(latin: &str) -> bool {
    !latin.contains(' ')
        && latin.chars().filter(char::is_ascii_uppercase).count() >= 2
        && latin.len() <= 8
}

/// Kinds of body, not names: a translation of one of these is no alias.
const GENERIC_HAN: &[&str] = &[
    "公司", "集团", "银行", "大学", "协会", "政府", "项目", "团队", "我们", "用户", "客户", "平台",
    "模型", "产品", "基金", "资本", "科技", "中心",
];

/// The characters after which a name may start inside a run of Han characters: function
/// words (据, 由, 与 …) and the ends of titles before a person's name (首席执行官, 主任).
const NAME_MAY_FOLLOW: &[char] = &[
    '据', '由', '与', '和', '及', '的', '是', '对', '向', '在', '从', '被', '将', '把', '为', '经',
    '于', '自', '称', '说', '示', '家', '长', '师', '官', '人', '员', '者', '授', '士', '任', '理',
    '席', '裁', '监', '问', '旗', '下',
];

/// Characters that open a phrase pointing at something, not a name: 其中, 这, 该, 各.
const PRONOUN: &[char] = &['其', '这', '這', '该', '該', '此', '那', '各', '每', '本'];

/// Characters a Chinese organisation's name ends with (国际能源署, 灼识咨询, 奥维云网): an
/// acronym in brackets after one of these is the body's; after anything else it is
/// a term's (纯电动车（BEV）, 地区生产总值（GDP）).
const BODY_END: &[char] = &[
    '署', '会', '局', '部', '院', '所', '司', '网', '社', '心', '团', '行', '学', '金', '本', '委',
    '办', '厅', '馆', '台', '报', '询', '盟', '处', '组', '站', '厂', '店', '园', '校',
];

/// Words a documentation heading opens with before the project's name (部署 Gannet,
/// 关于 Korvo, 为什么选择 Quill): the heading is about the name, not a translation of it.
const HEADING_VERBS: &[&str] = &[
    "部署",
    "安装",
    "关于",
    "使用",
    "升级",
    "配置",
    "开始",
    "入门",
    "介绍",
    "下载",
    "构建",
    "选择",
    "为什么",
    "欢迎",
    "如何",
    "快速",
    "更新",
    "迁移",
    "运行",
    "编译",
    "测试",
    "贡献",
    "发布",
    "认识",
    "了解",
    "简介",
];

/// The (Chinese, Latin) names a document gives for one thing, in document order: a
/// title (a heading of level 1, in `titles`) that is one name in both scripts, and a name with its translation in brackets. Where the Chinese name in
/// front of the brackets may have words before it (本轮由北门资本（Northgate Ventures）),
/// the name is the longest tail of the run starting after a function word or a title.
/// A Chinese name counts only when the document uses it again: a gloss in brackets
/// (Red Hat（服务盈利）) is said once.
pub fn translated_names(titles: &[&str], texts: &[&str]) -> Vec<(String, String)> {
    const MAX_PAIRS: usize = 200;
    // (Chinese names to choose from, longest first, Latin name).
    let mut candidates: Vec<(Vec<String>, String)> = Vec::new();
    for (han, latin) in titles.iter().filter_map(|t| title_pair(t)) {
        if !HEADING_VERBS.iter().any(|v| han.starts_with(v)) {
            candidates.push((vec![han.to_string()], latin.to_string()));
        }
    }
    let name_char = |c: char| is_han(c) || c == '·';
    for text in texts {
        for (before, inside) in bracketed(text) {
            if candidates.len() >= MAX_PAIRS {
                break;
            }
            // 北门资本（Northgate Ventures）: the run of Han characters before the
            // bracket (at most 16) holds the name.
            let latin = inside.trim_end_matches(['.', ' ']);
            if one_latin_name(latin) {
                let run_start = before
                    .char_indices()
                    .rev()
                    .take(16)
                    .take_while(|&(_, c)| name_char(c))
                    .last()
                    .map_or(before.len(), |(i, _)| i);
                let run = &before[run_start..];
                if run.chars().count() < 2 {
                    continue;
                }
                // A run right after a Latin word (OTA 升级（Ed25519）) is the end of a
                // phrase in two scripts, not a name on its own.
                let after_latin = before[..run_start]
                    .trim_end_matches(' ')
                    .ends_with(|c: char| c.is_ascii_alphanumeric());
                let cut = before[..run_start].ends_with(name_char);
                candidates.push((name_tails(run, !after_latin && !cut), latin.to_string()));
            } else if (2..=12).contains(&inside.chars().count())
                && inside.starts_with(is_han)
                && inside.chars().all(name_char)
            {
                // Harbourline Type Co-op（港線字體合作社）.
                if let Some(latin) = latin_name_before(before) {
                    candidates.push((vec![inside.to_string()], latin.to_string()));
                }
            }
        }
    }
    // Keep the names that could stand for their Latin name, then count them all over
    // the document at once.
    for (names, latin) in &mut candidates {
        names.retain(|n| {
            !GENERIC_HAN.contains(&n.as_str()) && (!is_acronym(latin) || n.ends_with(BODY_END))
        });
    }
    let mut all: Vec<String> = candidates
        .iter()
        .flat_map(|(names, _)| names.iter().cloned())
        .collect();
    all.sort_unstable();
    all.dedup();
    if all.is_empty() {
        return Vec::new();
    }
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&all)
    else {
        return Vec::new();
    };
    let mut counts = vec![0usize; all.len()];
    for text in texts {
        for m in ac.find_overlapping_iter(*text) {
            counts[m.pattern().as_usize()] += 1;
        }
    }
    let used_again = |n: &String| all.binary_search(n).is_ok_and(|i| counts[i] >= 2);
    candidates
        .into_iter()
        .filter_map(|(names, latin)| {
            let name = names.into_iter().find(|n| used_again(n))?;
            Some((name, latin))
        })
        .collect()
}

/// The tails of a run of Han characters before a bracket that could be a name, longest
/// first: the whole run unless it opens with a function word or a pronoun (其中纯电动车
/// （BEV）), and each tail after a function word or a title (据|国际能源署, 经济学家|梅农).
fn name_tails(run: &str, whole: bool) -> Vec<String> {
    let chars: Vec<(usize, char)> = run.char_indices().collect();
    let opens_clean = whole
        && chars
            .first()
            .is_some_and(|&(_, c)| !NAME_MAY_FOLLOW.contains(&c) && !PRONOUN.contains(&c));
    let mut out = Vec::new();
    for (k, &(at, _)) in chars.iter().enumerate() {
        let n = chars.len() - k;
        let starts = if k == 0 {
            opens_clean
        } else {
            NAME_MAY_FOLLOW.contains(&chars[k - 1].1)
        };
        if (2..=12).contains(&n) && starts {
            out.push(run[at..].to_string());
        }
    }
    out
}

/// Every entity mention in `text`: lexicon aliases first, then unknown Latin names.
pub fn find(text: &str, lex: &Lexicon) -> Vec<Mention> {
    let known = Known::new(known_names(&[text]), Vec::new(), Vec::new(), lex);
    find_with(text, lex, &known)
}

/// [`find`], with the names the whole document uses ([`Known`]): a sentence-initial word
/// its Latin names hold is a name, and its Chinese names are found wherever they stand.
pub fn find_with(text: &str, lex: &Lexicon, names: &Known) -> Vec<Mention> {
    let known_elsewhere = &names.latin;
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
        // A word glued to digits or letters on its left is part of something else, and
        // one glued to a dollar sign is a currency (HK$, NT$, A$).
        let before = text[..r.start].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
            || text[r.start + name.len()..].starts_with(['$', '＄'])
        {
            continue;
        }
        // A unit after a number (310 KB, 36 TB, 12 kWh) is the figure's, not a name.
        if text[..r.start]
            .trim_end_matches(' ')
            .ends_with(|c: char| c.is_ascii_digit())
            && lex
                .measure
                .starting_at(text, r.start)
                .is_some_and(|(u, _)| u.end >= r.start + name.len())
        {
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
    // The document's Chinese names (set in bold, or given beside their Latin name),
    // wherever they stand.
    if let Some(ac) = &names.han_names {
        for m in ac.find_iter(text) {
            let r = m.range();
            if out
                .iter()
                .any(|o| o.range.start < r.end && r.start < o.range.end)
            {
                continue;
            }
            let h = &names.han[m.pattern().as_usize()];
            out.push(Mention {
                known: false,
                id: h.id.clone(),
                root: h.root.clone(),
                name: h.name.clone(),
                range: r,
                kind: h.kind,
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

/// The names of one sentence, indexed once for all its figures and dates: a sentence
/// of thousands of figures, each with a name and a source, must not read every name and
/// every source for each figure.
pub struct SubjectIndex<'a> {
    text: &'a str,
    s: &'a Sentence,
    mentions: &'a [Mention],
    buf: &'a mut SubjectScratch,
}

/// The lists [`SubjectIndex`] fills, kept from sentence to sentence.
pub struct SubjectScratch {
    /// The sentence's sources by start, and the furthest end among the first k.
    cites: Vec<(usize, usize)>,
    reach: Vec<usize>,
    /// Per name: [`UNUSABLE`], [`IN_SOURCE`], [`COMPARED_NAME`].
    flags: Vec<u8>,
    /// Indices of names in order of (end, length, place in the list).
    order: Vec<u32>,
    /// The names each of the six searches may choose from (the names not compared,
    /// then all; up to rank 0, 1 and 3): by (end, length, place) in `by_end`, by place
    /// (start) in `by_start`; `spans` says where each search's names lie. Built at the
    /// first figure or date that asks.
    by_end: Vec<u32>,
    by_start: Vec<u32>,
    spans: [(Range<usize>, Range<usize>); 6],
    built: bool,
    /// Whether [`COMPARED_NAME`] has been read (at the first figure or date: a sentence
    /// that asks for no subject must not compile the comparison pattern).
    compared_read: bool,
    /// A sentence of at most this many names is searched by reading them all.
    linear_up_to: usize,
}

impl Default for SubjectScratch {
    fn default() -> Self {
        SubjectScratch {
            cites: Vec::new(),
            reach: Vec::new(),
            flags: Vec::new(),
            order: Vec::new(),
            by_end: Vec::new(),
            by_start: Vec::new(),
            spans: Default::default(),
            built: false,
            compared_read: false,
            linear_up_to: 8,
        }
    }
}

/// Inside a source that does not open with it as a company reporting on itself
/// (OpenAI表示…, Microsoft says…): the source, not a subject.
const UNUSABLE: u8 = 1;
/// Inside any source.
const IN_SOURCE: u8 = 2;
/// What a comparison names (比Redis小30%, 30% smaller than Redis).
const COMPARED_NAME: u8 = 4;

const RANKS: [u8; 3] = [0, 1, 3];

impl<'a> SubjectIndex<'a> {
    /// `mentions`: the sentence's names, sorted by start; `cites`: its sources.
    pub fn new(
        text: &'a str,
        mentions: &'a [Mention],
        s: &'a Sentence,
        cites: &[FoundCitation],
        buf: &'a mut SubjectScratch,
    ) -> Self {
        buf.cites.clear();
        buf.cites
            .extend(cites.iter().map(|c| (c.range.start, c.range.end)));
        buf.cites.sort_unstable();
        buf.reach.clear();
        let mut furthest = 0;
        buf.reach.extend(buf.cites.iter().map(|&(_, e)| {
            furthest = furthest.max(e);
            furthest
        }));
        // Whether a source starting at or before (or strictly before) `m` holds it.
        let held = |m: &Mention, strictly: bool| {
            let k = buf.cites.partition_point(|&(st, _)| {
                st < m.range.start || (!strictly && st == m.range.start)
            });
            k > 0 && buf.reach[k - 1] >= m.range.end
        };
        let mut flags = std::mem::take(&mut buf.flags);
        flags.clear();
        flags.extend(mentions.iter().map(|m| {
            let own = matches!(m.kind, EntityKind::Org | EntityKind::Product);
            let in_source = held(m, false);
            let unusable = if own { held(m, true) } else { in_source };
            (if unusable { UNUSABLE } else { 0 }) | (if in_source { IN_SOURCE } else { 0 })
        }));
        buf.flags = flags;
        buf.built = false;
        buf.compared_read = false;
        SubjectIndex {
            text,
            s,
            mentions,
            buf,
        }
    }

    fn build(&mut self) {
        let buf = &mut *self.buf;
        let mentions = self.mentions;
        buf.order.clear();
        buf.order.extend(0..mentions.len() as u32);
        buf.order.sort_unstable_by_key(|&i| {
            let r = &mentions[i as usize].range;
            (r.end, r.len(), i)
        });
        buf.by_end.clear();
        buf.by_start.clear();
        for f in 0..6 {
            let (all, max_rank) = (f >= 3, RANKS[f % 3]);
            let flags = &buf.flags;
            let may = |i: u32| {
                let i = i as usize;
                flags[i] & UNUSABLE == 0
                    && (all || flags[i] & COMPARED_NAME == 0)
                    && rank(mentions[i].kind) <= max_rank
            };
            let e = buf.by_end.len();
            buf.by_end
                .extend(buf.order.iter().copied().filter(|&i| may(i)));
            let b = buf.by_start.len();
            buf.by_start
                .extend((0..mentions.len() as u32).filter(|&i| may(i)));
            buf.spans[f] = (e..buf.by_end.len(), b..buf.by_start.len());
        }
        buf.built = true;
    }

    /// The subject of a figure at `pos` in `clause`: the nearest company or product
    /// before it in its clause, then in its sentence, then just after it in its clause;
    /// people, then institutions and places, only when nothing better stands there. Names
    /// inside a citation are sources, not subjects; a name compared with (比Redis小30%,
    /// 30% smaller than Redis) is not the subject while something else is named.
    pub fn subject_for(&mut self, clause: &Clause, pos: usize) -> Option<Subject> {
        if !self.buf.compared_read {
            for (m, f) in self.mentions.iter().zip(self.buf.flags.iter_mut()) {
                // Only the few words before the name matter; never rescan the block.
                if COMPARED.is_match(tail(&self.text[..m.range.start], 48).trim_end()) {
                    *f |= COMPARED_NAME;
                }
            }
            self.buf.compared_read = true;
        }
        if self.mentions.len() <= self.buf.linear_up_to {
            return self.subject_among_few(clause, pos);
        }
        if !self.buf.built {
            self.build();
        }
        let buf = &*self.buf;
        let m = |i: u32| &self.mentions[i as usize];
        // The name ending last at or before `pos` (the longest, then the last listed,
        // among equals) that starts at or after `lo`.
        let before = |f: usize, lo: usize| {
            let list = &buf.by_end[buf.spans[f].0.clone()];
            let k = list.partition_point(|&i| m(i).range.end <= pos);
            list[..k]
                .iter()
                .rev()
                .take_while(|&&i| m(i).range.end >= lo)
                .find(|&&i| m(i).range.start >= lo)
        };
        // The first name listed that starts at or after `pos` and ends in the clause.
        let after = |f: usize| {
            let list = &buf.by_start[buf.spans[f].1.clone()];
            let k = list.partition_point(|&i| m(i).range.start < pos);
            list[k..]
                .iter()
                .take_while(|&&i| m(i).range.start <= clause.range.end)
                .find(|&&i| m(i).range.end <= clause.range.end)
        };
        (0..6)
            .find_map(|f| {
                before(f, clause.range.start)
                    .or_else(|| before(f, self.s.range.start))
                    .or_else(|| after(f))
            })
            .map(|&i| to_subject(m(i)))
    }

    /// [`Self::subject_for`] for a sentence of few names, by reading them all: cheaper than
    /// building the lists.
    fn subject_among_few(&self, clause: &Clause, pos: usize) -> Option<Subject> {
        let flags = &self.buf.flags;
        let mentions = self.mentions;
        let m = |i: usize| &mentions[i];
        let search = |f: usize| {
            let (all, max_rank) = (f >= 3, RANKS[f % 3]);
            let may = |&i: &usize| {
                flags[i] & UNUSABLE == 0
                    && (all || flags[i] & COMPARED_NAME == 0)
                    && rank(m(i).kind) <= max_rank
            };
            let before = |lo: usize| {
                (0..mentions.len())
                    .filter(may)
                    .filter(|&i| lo <= m(i).range.start && m(i).range.end <= pos)
                    .max_by_key(|&i| (m(i).range.end, m(i).range.len()))
            };
            before(clause.range.start)
                .or_else(|| before(self.s.range.start))
                .or_else(|| {
                    (0..mentions.len())
                        .filter(may)
                        .find(|&i| m(i).range.start >= pos && m(i).range.end <= clause.range.end)
                })
        };
        (0..6).find_map(search).map(|i| to_subject(m(i)))
    }

    /// The first company or product of the sentence — usually its grammatical subject —
    /// is what a following sentence in the same block inherits (OpenAI的GPT-4 API…。这种
    /// 模式为其创造16亿美元收入; Fastq is a Rust library…. It parses 2.1 GB/s).
    pub fn last_subject(&self) -> Option<Subject> {
        let s = &self.s.range;
        self.mentions
            .iter()
            .zip(&self.buf.flags)
            .find(|&(m, &f)| {
                s.start <= m.range.start
                    && m.range.end <= s.end
                    && rank(m.kind) == 0
                    && f & IN_SOURCE == 0
            })
            .map(|(m, _)| to_subject(m))
    }
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

/// The metric words of one sentence, found once for all its figures: a sentence of
/// 20,000 figures must not be searched 20,000 times. The words of each clause are found
/// when a figure of that clause first asks (a clause is searched on its own, as words at
/// its edges are read against the clause), those of the whole sentence when a figure
/// finds none in its clause.
pub struct Metrics<'a> {
    text: &'a str,
    s: &'a Sentence,
    lex: &'a Lexicon,
    mentions: &'a [Mention],
    buf: &'a mut MetricScratch,
}

/// Lists the per-sentence indexes fill, kept from sentence to sentence of a document.
#[derive(Default)]
pub struct Scratch {
    pub metrics: MetricScratch,
    pub subjects: SubjectScratch,
}

/// The lists [`Metrics`] fills, kept from sentence to sentence so that a sentence costs
/// no allocation.
#[derive(Default)]
pub struct MetricScratch {
    /// The furthest end among the sentence's first k names (sorted by start): a word
    /// lies inside a name when a name starting at or before it reaches its end. Filled
    /// when first needed.
    reach: Vec<usize>,
    reach_ready: bool,
    /// The words found, range after range, each as (range, phrase).
    all: Vec<(Range<usize>, usize)>,
    /// The words that may measure a figure on either side (outside any name and not
    /// noun-only), range after range.
    plain: Vec<(Range<usize>, usize)>,
    /// Where each clause's words lie in `all` and `plain`, once searched.
    clauses: Vec<Option<(Range<usize>, Range<usize>)>>,
    sentence: Option<(Range<usize>, Range<usize>)>,
}

impl<'a> Metrics<'a> {
    /// `mentions`: the sentence's names, sorted by start.
    pub fn new(
        text: &'a str,
        s: &'a Sentence,
        lex: &'a Lexicon,
        mentions: &'a [Mention],
        buf: &'a mut MetricScratch,
    ) -> Self {
        buf.reach.clear();
        buf.reach_ready = false;
        buf.all.clear();
        buf.plain.clear();
        buf.clauses.clear();
        buf.clauses.resize(s.clauses.len(), None);
        buf.sentence = None;
        Metrics {
            text,
            s,
            lex,
            mentions,
            buf,
        }
    }

    /// Search `range` for metric words, adding them to the lists: where they lie.
    fn search(&mut self, range: Range<usize>) -> (Range<usize>, Range<usize>) {
        let buf = &mut *self.buf;
        let (a, p) = (buf.all.len(), buf.plain.len());
        let lex = self.lex;
        buf.all.extend(
            lex.metrics
                .find_all(&self.text[range.clone()])
                .map(|(r, &i)| (range.start + r.start..range.start + r.end, i)),
        );
        for k in a..buf.all.len() {
            let (r, i) = buf.all[k].clone();
            if lex.metric_noun_only[i] {
                continue;
            }
            ready_reach(buf, self.mentions);
            if !inside_name(self.mentions, &buf.reach, &r) {
                buf.plain.push((r, i));
            }
        }
        (a..buf.all.len(), p..buf.plain.len())
    }

    /// The metric figure `q` of clause `ci` measures: the nearest metric word in its
    /// clause (ties go to the word after the figure, as in 160亿帧), else in its sentence.
    pub fn of(&mut self, ci: usize, q: &Range<usize>) -> Option<std::sync::Arc<str>> {
        let clause = &self.s.clauses[ci];
        let words = match self.buf.clauses[ci].clone() {
            Some(w) => w,
            None => {
                let w = self.search(clause.range.clone());
                self.buf.clauses[ci] = Some(w.clone());
                w
            }
        };
        let i = match self.nearest(words, clause, q) {
            Some(i) => i,
            None => {
                let words = match self.buf.sentence.clone() {
                    Some(w) => w,
                    None => {
                        let w = self.search(self.s.range.clone());
                        self.buf.sentence = Some(w.clone());
                        w
                    }
                };
                self.nearest(words, clause, q)?
            }
        };
        Some(self.lex.metric_ids[i].clone())
    }

    /// The nearest of the words at `all` and `plain` to `q` that may measure it: a plain
    /// word on either side, or a noun-only word at most 8 bytes after it and not in
    /// another clause's parenthesis (a counted noun in a parenthesis after the figure is
    /// not the figure's noun: 119元（国家发展改革委等部门公布）). At equal distance the
    /// word after wins.
    fn nearest(
        &mut self,
        (all, plain): (Range<usize>, Range<usize>),
        clause: &Clause,
        q: &Range<usize>,
    ) -> Option<usize> {
        let noun_only = &self.lex.metric_noun_only;
        // The words starting at most 8 bytes after the figure.
        let words = &self.buf.all[all.clone()];
        let j = words.partition_point(|(r, _)| r.start < q.end);
        let near = all.start + j
            ..all.start + j + words[j..].partition_point(|(r, _)| r.start - q.end <= 8);
        if self.buf.all[near.clone()]
            .iter()
            .any(|(_, i)| noun_only[*i])
        {
            ready_reach(self.buf, self.mentions);
        }
        let buf = &*self.buf;
        let right_after = &buf.all[near];
        let near = right_after.iter().find(|(r, i)| {
            noun_only[*i] && !inside_name(self.mentions, &buf.reach, r) && !aside(self.s, clause, r)
        });
        let plain = &buf.plain[plain];
        let k = plain.partition_point(|(r, _)| r.end <= q.start);
        let before = k.checked_sub(1).map(|k| &plain[k]);
        let k = plain.partition_point(|(r, _)| r.start < q.end);
        let mut after = plain.get(k);
        if let Some(n) = near {
            if after.is_none_or(|a| n.0.start < a.0.start) {
                after = Some(n);
            }
        }
        match (before, after) {
            (Some(b), Some(a)) => {
                let ahead = (a.0.start - q.end) * 2;
                let behind = (q.start - b.0.end) * 2 + 1;
                Some(if ahead < behind { a.1 } else { b.1 })
            }
            (b, a) => a.or(b).map(|w| w.1),
        }
    }
}

/// Fill `buf.reach` for `mentions` (sorted by start) if not yet filled.
fn ready_reach(buf: &mut MetricScratch, mentions: &[Mention]) {
    if !buf.reach_ready {
        let mut furthest = 0;
        buf.reach.extend(mentions.iter().map(|m| {
            furthest = furthest.max(m.range.end);
            furthest
        }));
        buf.reach_ready = true;
    }
}

/// Whether `r` lies inside one of `mentions` (sorted by start; `reach` from
/// [`ready_reach`]).
fn inside_name(mentions: &[Mention], reach: &[usize], r: &Range<usize>) -> bool {
    let k = mentions.partition_point(|m| m.range.start <= r.start);
    k > 0 && reach[k - 1] >= r.end
}

/// Whether `r` lies in a parenthesis of `s` other than `clause` (the clauses are in order
/// and do not overlap: only the last one starting at or before `r` can hold it).
fn aside(s: &Sentence, clause: &Clause, r: &Range<usize>) -> bool {
    let k = s.clauses.partition_point(|c| c.range.start <= r.start);
    k > 0 && {
        let c = &s.clauses[k - 1];
        c.paren && c.range != clause.range && r.end <= c.range.end
    }
}

#[cfg(test)]
mod tests {
    /// The subject of a figure at `pos`: the nearest company or product before it in its
    /// clause, then in its sentence, then just after it in its clause; places and
    /// institutions only when nothing better stands there. Names inside a citation are
    /// sources, not subjects.
    fn subject_for(
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
    fn last_subject(
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

    use super::super::quantity::Found as FoundQuantity;

    /// The metric a figure measures, searched for each figure (the reference [`Metrics`]
    /// must agree with): the nearest metric word in its clause (ties go to the
    /// word after the figure, as in 160亿帧), else in its sentence.
    fn metric_for(
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
                c.paren
                    && c.range != clause.range
                    && c.range.start <= r.start
                    && r.end <= c.range.end
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

    /// [`SubjectIndex`] picks the subject the search per figure did, from every position
    /// of generated sentences (names of each kind, compared names, names inside and
    /// opening sources, clauses and parentheses), and the same subject for the next
    /// sentence.
    #[test]
    fn subjects_indexed_once_agree_with_a_search_per_figure() {
        let pieces = [
            "特斯拉",
            "Tesla",
            "OpenAI",
            "星河云",
            "比亚迪",
            "Microsoft",
            "Acme Corp",
            "北京",
            "中国",
            "张伟",
            "Elon Musk",
            "国家统计局",
            "IDC",
            "Gartner",
            "据",
            "统计",
            "显示",
            "表示",
            "says",
            "according to ",
            "比",
            "than ",
            "相比",
            "（",
            "）",
            " (",
            ") ",
            "，",
            "；",
            ", ",
            "、",
            "增长",
            "12%",
            "16亿美元",
            " grew ",
            "2024年",
            "的",
            "与",
            "[^1]",
            "报告",
            "《白皮书》",
        ];
        let lex = Lexicon::builtin().unwrap();
        let block = crate::markdown::parse("x\n", 0);
        let block = &block.blocks[0];
        let mut next = crate::testrand::below(0x2545_F491_4F6C_DD1D);
        let (mut asked, mut found) = (0, 0);
        let mut buf = SubjectScratch::default();
        // The same with the lists built for every sentence.
        let mut lists = SubjectScratch {
            linear_up_to: 0,
            ..SubjectScratch::default()
        };
        for _ in 0..2_000 {
            let mut t = String::new();
            for _ in 0..2 + next(40) {
                t.push_str(pieces[next(pieces.len())]);
            }
            t.push('。');
            let mentions = find(&t, lex);
            for s in super::super::text::sentences(&t) {
                let lo = mentions.partition_point(|m| m.range.start < s.range.start);
                let hi = mentions.partition_point(|m| m.range.start < s.range.end);
                let ms = &mentions[lo..hi.max(lo)];
                let cites = super::super::citation::find(&t, &s, block, ms, lex);
                let mut index = SubjectIndex::new(&t, ms, &s, &cites, &mut buf);
                let mut listed = SubjectIndex::new(&t, ms, &s, &cites, &mut lists);
                let key = |x: Option<Subject>| x.map(|x| (x.id, x.root, x.name, x.place));
                assert_eq!(
                    key(index.last_subject()),
                    key(last_subject(ms, &s, &cites)),
                    "{t:?}"
                );
                for clause in &s.clauses {
                    for (pos, _) in t[s.range.clone()].char_indices() {
                        let pos = s.range.start + pos;
                        let want = key(subject_for(&t, ms, &s, clause, pos, &cites));
                        found += usize::from(want.is_some());
                        asked += 1;
                        assert_eq!(key(index.subject_for(clause, pos)), want, "{t:?} at {pos}");
                        assert_eq!(key(listed.subject_for(clause, pos)), want, "{t:?} at {pos}");
                    }
                }
            }
        }
        assert!(found > 20_000 && asked > found, "{found} of {asked}");
    }

    /// [`Metrics`] (one search of each clause and of the sentence) picks the metric the
    /// search per figure did, for every figure of generated sentences: metric words on
    /// both sides of figures, noun-only words right after them and in parentheses, names
    /// holding metric words, and long clauses.
    #[test]
    fn metrics_found_once_agree_with_a_search_per_figure() {
        let pieces = [
            "收入",
            "营收",
            "用户",
            "家公司",
            "公司",
            "平台",
            "种语言",
            "门店",
            "星河云",
            "OpenAI",
            "特斯拉",
            "Tesla",
            "revenue",
            "users",
            "companies",
            "Acme Corp",
            "developers",
            "markets",
            "16亿美元",
            "12%",
            "3,000",
            "5家",
            "300万",
            "40 ",
            "2.5 million",
            "1.6",
            "，",
            "、",
            "；",
            ", ",
            "; ",
            "（",
            "）",
            " (",
            ") ",
            "：",
            "的",
            "增长",
            "达到",
            " grew ",
            " to ",
            " and ",
            "约",
            "比亚迪",
            "Microsoft",
            "2024年",
            "国家",
            "countries",
        ];
        let lex = Lexicon::builtin().unwrap();
        let mut next = crate::testrand::below(0x9E37_79B9_7F4A_7C15);
        let mut figures = 0;
        let mut buf = MetricScratch::default();
        for _ in 0..3_000 {
            let mut t = String::new();
            for _ in 0..2 + next(40) {
                t.push_str(pieces[next(pieces.len())]);
            }
            t.push('。');
            let mentions = find(&t, lex);
            let dates = super::super::date::find(&t);
            for s in super::super::text::sentences(&t) {
                let lo = mentions.partition_point(|m| m.range.start < s.range.start);
                let hi = mentions.partition_point(|m| m.range.start < s.range.end);
                let ms = &mentions[lo..hi.max(lo)];
                let mut metrics = Metrics::new(&t, &s, lex, ms, &mut buf);
                for q in super::super::quantity::find(&t, &s, lex, ms, &dates, None) {
                    for (ci, clause) in s.clauses.iter().enumerate() {
                        assert_eq!(
                            metrics.of(ci, &q.range),
                            metric_for(&t, &s, clause, &q, lex, ms),
                            "{t:?}: {:?} in clause {ci}",
                            &t[q.range.clone()]
                        );
                    }
                    figures += 1;
                }
            }
        }
        assert!(figures > 5_000, "{figures}");
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
        let known = Known::new(HashSet::default(), bold, Vec::new(), lex);
        let n: Vec<String> = find_with("星河云营收18亿美元。", lex, &known)
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert!(n.contains(&"星河云".to_string()), "{n:?}");
    }

    #[test]
    fn names_given_in_both_scripts() {
        let texts = [
            "墨嶺黑體 Ink Ridge Sans",
            "墨嶺黑體於 2018 年首次發佈。",
            "本轮由北门资本（Northgate Ventures）领投。北门资本此前投过两家公司。",
            "马来西亚Musang King（猫山王）到港，猫山王每公斤 180 元。",
            "Harbourline Type Co-op（港線字體合作社）成立於 2016 年，港線字體合作社有 40 人。",
            // A name used once, a gloss, a term's acronym, and a bracket that holds a
            // phrase give nothing.
            "由星桥资本（Starbridge Capital）跟投，Red Hat（服务盈利）详见官网（see the website）。",
            "其中纯电动车（BEV）157万辆，纯电动车增长最快。OTA 升级（Ed25519）；升级很快。",
        ];
        let pairs = translated_names(&texts[..1], &texts);
        let has = |h: &str, l: &str| pairs.iter().any(|(x, y)| x == h && y == l);
        assert!(has("墨嶺黑體", "Ink Ridge Sans"), "{pairs:?}");
        assert!(has("北门资本", "Northgate Ventures"), "{pairs:?}");
        assert!(has("猫山王", "Musang King"), "{pairs:?}");
        assert!(has("港線字體合作社", "Harbourline Type Co-op"), "{pairs:?}");
        assert_eq!(pairs.len(), 4, "{pairs:?}");
        // A documentation heading is about the name, not a translation of it.
        assert!(translated_names(&["部署 Gannet"], &["部署 Gannet", "部署很快。"]).is_empty());
        // The Chinese name then names what the Latin name names.
        let lex = Lexicon::builtin().unwrap();
        let known = Known::new(HashSet::default(), Vec::new(), pairs, lex);
        let m = find_with("北门资本去年管理规模达 80 亿元。", lex, &known);
        assert_eq!(m[0].name, "北门资本");
        assert_eq!(m[0].root, "northgate ventures");
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
