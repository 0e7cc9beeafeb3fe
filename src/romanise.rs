//! A Chinese personal name against a name in Latin letters: whether a translation that
//! credits 周立衡 in one variant and "Chen Mo" in the other can mean one person.
//!
//! Chinese names reach English in pinyin (周立衡, Zhou Liheng), in Wade-Giles (Chou), or in
//! the spellings of Hong Kong, Taiwan and South-East Asia (盧展鵬, Lo Chin-pang; 陳, Tan).
//! The family name keeps one of a few known spellings in all of them
//! (`rules/surnames.toml`). So a Chinese name and a Latin name plainly name two people
//! when the Latin name is itself a Chinese name in Latin letters with another family name
//! (周立衡 / Chen Mo), or a Western name that shares no first sound with the family name's
//! spellings (周海川 / Kirsty Flett). Anything less plain is left unjudged: a name written
//! like a transliteration (托马斯·林德, 史密斯), a family name the table lacks, a role
//! rather than a name ("Chief Financial Officer").

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

struct Table {
    /// Family name (one or two characters) → its spellings, lower case.
    spellings: HashMap<String, Vec<String>>,
    /// Syllables a Chinese name in Latin letters is made of: every pinyin syllable and
    /// every spelling of the table.
    syllables: HashSet<String>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct File {
            names: HashMap<String, Vec<String>>,
        }
        let file: File = toml::from_str(include_str!("../rules/surnames.toml"))
            .expect("rules/surnames.toml parses");
        let mut spellings = HashMap::new();
        let mut syllables = HashSet::new();
        for (key, forms) in file.names {
            syllables.extend(forms.iter().cloned());
            for name in key.split('/') {
                spellings.insert(name.to_string(), forms.clone());
            }
        }
        use pinyin::ToPinyin;
        for c in '\u{4E00}'..='\u{9FA5}' {
            if let Some(p) = c.to_pinyin() {
                syllables.insert(p.plain().to_string());
            }
        }
        Table {
            spellings,
            syllables,
        }
    })
}

/// Characters that mark a transliterated foreign name (史密斯, 林德, 马丁): a Chinese given
/// name seldom holds them. A name with one is never judged.
const TRANSLITERATION: &str = "斯尔爾姆丝絲娅婭蒂瑟兹茲茨奥奧伊普克特顿頓逊遜萨薩塞赫布贝貝莱萊拉卡科索里尼迪芬夫维維森德丁蕾莎妮娜琳露";

/// Words after a Chinese name that say who the person is, not who: 周海川教授, 盧展鵬先生.
const HONORIFICS: &[&str] = &[
    "先生",
    "女士",
    "小姐",
    "教授",
    "博士",
    "院士",
    "老师",
    "老師",
    "研究员",
    "研究員",
    "同志",
    "医生",
    "醫生",
    "律师",
    "律師",
    "总",
    "總",
];

/// The spellings of the family name of a Chinese personal name, if the text (a speaker as
/// a document credits them: 周立衡, CTO 周立衡, 兼行政總裁盧展鵬先生) ends in one.
fn family_spellings(text: &str) -> Option<&'static [String]> {
    let table = table();
    // The run of Han characters at the end, honorifics aside.
    let mut tail = text.trim();
    let start = tail
        .char_indices()
        .rev()
        .take_while(|&(_, c)| crate::claim::text::is_han(c))
        .last()
        .map(|(i, _)| i)?;
    tail = &tail[start..];
    if let Some(h) = HONORIFICS.iter().find(|h| tail.ends_with(*h)) {
        tail = &tail[..tail.len() - h.len()];
    }
    let chars: Vec<char> = tail.chars().collect();
    if chars.iter().any(|&c| TRANSLITERATION.contains(c)) && chars.len() <= 4 {
        return None;
    }
    // A family name of two characters (欧阳) or one, followed by a given name of one or
    // two; in a longer run (a title before the name), the last such name.
    let n = chars.len();
    let name = |family: usize, given: usize| -> Option<&'static [String]> {
        if family + given > n {
            return None;
        }
        let at = n - family - given;
        let f: String = chars[at..at + family].iter().collect();
        let given_chars = &chars[at + family..];
        if given_chars.iter().any(|&c| TRANSLITERATION.contains(c)) {
            return None;
        }
        table.spellings.get(&f).map(Vec::as_slice)
    };
    match n {
        0 | 1 => None,
        2 => name(1, 1),
        3 => name(2, 1).or_else(|| name(1, 2)),
        4 => name(2, 2),
        // A title before the name: the family name of a three-character name, else of a
        // two-character one (行政总裁王伟: 裁 is no family name).
        _ => name(1, 2).or_else(|| name(1, 1)),
    }
}

/// Words of a title or role, not of a name.
const NOT_NAME: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "madam",
    "madame",
    "lord",
    "lady",
    "rev",
    "hon",
    "the",
    "chief",
    "officer",
    "executive",
    "financial",
    "technology",
    "technical",
    "operating",
    "director",
    "president",
    "vice",
    "deputy",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "ceo",
    "cfo",
    "cto",
    "coo",
    "head",
    "manager",
    "general",
    "minister",
    "secretary",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "founder",
    "co",
    "lead",
    "architect",
    "engineer",
    "senior",
    "principal",
    "mayor",
    "governor",
    "editor",
    "curator",
    "analyst",
    "researcher",
    "member",
    "partner",
    "board",
    "of",
    "and",
];

/// The words of the name in a credit written in Latin letters ("Ms Tsang Wing-yee" →
/// tsang, wing, yee, wingyee), lower case, without diacritics, with the number of words as
/// written; `None` when the credit holds no name (a role: "Chief Financial Officer", or a
/// Chinese one).
fn latin_name(text: &str) -> Option<(Vec<String>, usize)> {
    let mut runs: Vec<Vec<String>> = vec![Vec::new()];
    for word in text.split(|c: char| !(c.is_alphabetic() || c == '-' || c == '\'' || c == '’')) {
        let word = word.trim_matches(|c: char| c == '-' || c == '\'' || c == '’');
        if word.is_empty() {
            continue;
        }
        let lower: String = word
            .chars()
            .filter(|&c| c != '\'' && c != '’')
            .map(fold)
            .collect::<String>()
            .to_lowercase();
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let han = word.chars().any(crate::claim::text::is_han);
        if han {
            return None;
        }
        // (Vice-Mayor, Co-Founder: a title in parts.)
        let title = lower
            .split('-')
            .all(|part| part.is_empty() || NOT_NAME.contains(&part));
        if !capital || title {
            if runs.last().is_some_and(|r| !r.is_empty()) {
                runs.push(Vec::new());
            }
            continue;
        }
        runs.last_mut().expect("one run").push(lower);
    }
    // The last run of capitalised words that are not a title: the name.
    let run = runs.into_iter().rev().find(|r| !r.is_empty())?;
    let count = run.len();
    let mut words = Vec::new();
    for w in run {
        if w.contains('-') {
            // Wing-yee: its parts and the word joined (Au-Yeung is auyeung).
            words.extend(w.split('-').filter(|p| !p.is_empty()).map(str::to_string));
            words.push(w.replace('-', ""));
        } else {
            words.push(w);
        }
    }
    Some((words, count))
}

/// Whether a credit in Latin letters is a role and no name ("Chief Financial Officer",
/// "R&D director"): its words are all words of a title.
pub fn role_only(text: &str) -> bool {
    let mut words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 1)
        .peekable();
    words.peek().is_some()
        && words.all(|w| {
            let lower = w.to_lowercase();
            NOT_NAME.contains(&lower.as_str())
        })
}

/// ü as u, é as e: the letters a name keeps when typed without diacritics.
fn fold(c: char) -> char {
    match c {
        'ü' | 'ú' | 'ù' | 'ǔ' | 'ū' | 'ǘ' | 'ǚ' | 'ǜ' | 'Ü' => 'u',
        'á' | 'à' | 'ǎ' | 'ā' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ě' | 'ē' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'ǐ' | 'ī' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ǒ' | 'ō' | 'ô' | 'ö' => 'o',
        _ => c,
    }
}

/// Whether a word is made of Chinese syllables (liheng, wing, yee).
fn syllabic(word: &str, syllables: &HashSet<String>) -> bool {
    // Split from the left, longest syllable first, with backtracking over at most six
    // letters a syllable (zhuang).
    fn split(rest: &str, syllables: &HashSet<String>, depth: usize) -> bool {
        if rest.is_empty() {
            return true;
        }
        if depth > 4 {
            return false;
        }
        (1..=rest.len().min(6)).rev().any(|k| {
            rest.is_char_boundary(k)
                && syllables.contains(&rest[..k])
                && split(&rest[k..], syllables, depth + 1)
        })
    }
    word.is_ascii() && split(word, syllables, 0)
}

/// Whether a credit to a Chinese personal name and one to a name in Latin letters plainly
/// name two people (周立衡 / Chen Mo, 盧展鵬 / Ms Tsang Wing-yee, 周海川教授 / Professor
/// Kirsty Flett). `false` says nothing: they may be one person, or nothing tells.
pub fn plainly_two_people(han: &str, latin: &str) -> bool {
    let Some(family) = family_spellings(han) else {
        return false;
    };
    let Some((words, written)) = latin_name(latin) else {
        return false;
    };
    if words.iter().any(|w| family.contains(w)) {
        return false;
    }
    let syllables = &table().syllables;
    if written >= 2 && words.iter().all(|w| syllabic(w, syllables)) {
        // A Chinese name in Latin letters (a family name and a given name) with another
        // family name.
        return true;
    }
    // A Western name: a transliteration of it would begin with a sound of its own (马丁,
    // Martin), so one whose words share a first letter with the family name is left be.
    let first = |w: &str| w.chars().next();
    !words
        .iter()
        .any(|w| family.iter().any(|f| first(f) == first(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_with_other_family_names_are_two_people() {
        assert!(plainly_two_people("周立衡", "Chen Mo"));
        assert!(plainly_two_people("兼行政總裁盧展鵬", "Ms Tsang Wing-yee"));
        assert!(plainly_two_people("周海川教授", "Professor Kirsty Flett"));
        assert!(plainly_two_people("CTO 沈一鸣", "Dr Gu Hang"));
        assert!(plainly_two_people("陈志远", "Vice-Mayor Zhou Hang"));
    }

    #[test]
    fn one_person_or_unknown_is_not_judged() {
        // The family name's spellings in any system.
        assert!(!plainly_two_people("盧展鵬", "Mr Lo Chin-pang"));
        assert!(!plainly_two_people("陳大文", "Tan Tai Boon"));
        assert!(!plainly_two_people("周立衡", "Liheng Zhou"));
        assert!(!plainly_two_people("欧阳娜娜", "Nana Ouyang"));
        assert!(!plainly_two_people("歐陽靖", "Au-Yeung Ching"));
        assert!(!plainly_two_people("吕方", "Lü Fang"));
        // Transliterations and Western names that may be one.
        assert!(!plainly_two_people("托马斯·林德", "Tomas Lindh"));
        assert!(!plainly_two_people("史密斯", "Smith"));
        assert!(!plainly_two_people("马丁", "Martin"));
        // A role, not a name; a family name the table lacks.
        assert!(!plainly_two_people("周立衡", "Chief Financial Officer"));
        assert!(!plainly_two_people("那英", "Kirsty Flett"));
        // No Chinese name at all.
        assert!(!plainly_two_people("索菲亚·布兰特", "Sofia Brandt"));
        assert!(!plainly_two_people("Sofia", "Sofia Brandt"));
    }

    #[test]
    fn roles_are_not_names() {
        assert!(role_only("Chief Financial Officer"));
        assert!(role_only(" R&D director"));
        assert!(!role_only("Ms Tsang Wing-yee"));
        assert!(!role_only("the exhibition's curator"));
        assert!(!role_only(""));
    }

    #[test]
    fn every_spelling_is_plain_lower_case() {
        for forms in table().spellings.values() {
            for f in forms {
                assert!(f.chars().all(|c| c.is_ascii_lowercase()), "{f}");
            }
        }
        assert!(table().spellings.len() > 250);
    }
}
