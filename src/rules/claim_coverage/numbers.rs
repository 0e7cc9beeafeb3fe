//! Every number a sentence writes, in any form, whether or not extraction read it as a
//! figure of its own: digits inside a compound (a 3,900-tonne increase, zoom 14,
//! Harrier 4), Chinese numerals (三秒, 一千倍, 两倍) and English number words (three
//! seconds, a thousand times, twice, a quarter). A sentence that writes the number of
//! a figure has not left the figure out, whatever it is counted in.

use crate::claim::number::{is_cn_numeral_char, parse_arabic, parse_chinese, same_value};

/// English number words and their values ("a quarter" is read from "quarter").
const WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("thousand", 1000.0),
    ("million", 1e6),
    ("billion", 1e9),
    ("twice", 2.0),
    ("double", 2.0),
    ("doubled", 2.0),
    ("triple", 3.0),
    ("tripled", 3.0),
    ("half", 0.5),
    ("third", 1.0 / 3.0),
    ("quarter", 0.25),
];

/// The magnitude a number is counted in, when one follows it (3.6 万, 1.2 million).
fn magnitude(rest: &str) -> f64 {
    let rest = rest.trim_start();
    let lower = rest
        .get(..rest.len().min(12))
        .unwrap_or("")
        .to_ascii_lowercase();
    match rest.chars().next() {
        Some('万' | '萬') => 1e4,
        Some('亿' | '億') => 1e8,
        _ if lower.starts_with("thousand") => 1e3,
        _ if lower.starts_with("million") => 1e6,
        _ if lower.starts_with("billion") => 1e9,
        _ => 1.0,
    }
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Whether the number at `text[start..end]` is part of a date: a year, month or day in
/// Chinese (2024年, 5月, 13日), or a day or year beside an English month (13 May,
/// March 2021).
fn dates(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start();
    if after.starts_with(['年', '月', '日', '号', '號']) {
        return true;
    }
    let month = |word: &str| {
        let w = word.to_ascii_lowercase();
        w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m))
    };
    let next = after
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let before = text[..start].trim_end();
    let prev = before
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    month(next) || month(prev)
}

/// The numbers `text` writes: each as written, and scaled by a magnitude word after it.
pub fn written_numbers(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        let cn = is_cn_numeral_char(c);
        if !(digit || cn) {
            k += 1;
            continue;
        }
        // A run of digits with separators, or of Chinese numeral characters.
        let mut j = k;
        while j < chars.len() {
            let ch = chars[j].1;
            let more = if digit {
                ch.is_ascii_digit()
                    || ('０'..='９').contains(&ch)
                    || (matches!(ch, ',' | '.' | '，' | '．')
                        && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit()))
            } else {
                is_cn_numeral_char(ch) || matches!(ch, '点' | '點')
            };
            if !more {
                break;
            }
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |p| p.0);
        let run = &text[i..end];
        let value = if digit {
            parse_arabic(run)
        } else {
            parse_chinese(run)
        };
        // A number glued to letters is part of a name (GPT-4o, 3090s), and one that
        // dates something (5月13日, 13 May) is not a figure's number.
        let glued = digit && text[end..].starts_with(|ch: char| ch.is_ascii_alphabetic());
        if let Some(v) = value.filter(|_| !glued && !dates(text, i, end)) {
            out.push(v);
            if digit {
                let m = magnitude(&text[end..]);
                if m != 1.0 {
                    out.push(v * m);
                }
            }
        }
        k = j.max(k + 1);
    }
    for word in text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_ascii_lowercase();
        let stem = lower.strip_suffix('s').unwrap_or(&lower);
        if let Some(&(_, v)) = WORDS.iter().find(|(w, _)| *w == lower || *w == stem) {
            out.push(v);
        }
    }
    out
}

/// Whether `text` writes one of `values` (a figure's value, or its number as written).
pub fn writes_any(text: &str, values: &[f64]) -> bool {
    let found = written_numbers(text);
    values
        .iter()
        .any(|&v| v != 0.0 && found.iter().any(|&n| same_value(n, v)))
        || writes_fraction(text, values)
}

/// Whether `text` gives one of `values`, a share (0.46 for 46%), as a fraction in words
/// that rounds it (nearly half, about a third, 近一半): within five points.
fn writes_fraction(text: &str, values: &[f64]) -> bool {
    const FRACTIONS: &[(&str, f64)] = &[
        ("half", 0.5),
        ("third", 1.0 / 3.0),
        ("quarter", 0.25),
        ("一半", 0.5),
        ("三分之一", 1.0 / 3.0),
        ("四分之一", 0.25),
    ];
    let lower = text.to_lowercase();
    FRACTIONS.iter().any(|&(word, f)| {
        lower.contains(word)
            && values
                .iter()
                .any(|&v| v > 0.0 && v < 1.0 && (v - f).abs() <= 0.05)
    })
}

#[cfg(test)]
mod tests {
    use super::writes_any;

    #[test]
    fn numbers_in_any_form() {
        assert!(writes_any("approved a 3,900-tonne increase", &[3900.0]));
        assert!(writes_any("The default build stops at zoom 14;", &[14.0]));
        assert!(writes_any("处理时间在三秒以内", &[3.0]));
        assert!(writes_any("under three seconds", &[3.0]));
        assert!(writes_any(
            "about a thousand times more abundant",
            &[1000.0]
        ));
        assert!(writes_any("吞吐量约为 PgBouncer 的两倍", &[2.0]));
        assert!(writes_any("roughly twice PgBouncer's throughput", &[2.0]));
        assert!(writes_any("runs with a quarter of a vCPU", &[0.25]));
        assert!(writes_any("预售首日订单达 3.6 万台", &[36_000.0]));
        assert!(writes_any("maintained by five people", &[5.0]));
        // Another number, or none.
        assert!(!writes_any("approved a 3,900-tonne increase", &[390.0]));
        assert!(!writes_any("已开通多条夜间公交线路", &[23.0]));
        assert!(!writes_any("180 cities", &[18.0]));
        assert!(!writes_any("打包后体积很小", &[14.0]));
        // A share in words that rounds the figure.
        assert!(writes_any("Nearly half of new enrollees", &[46.0, 0.46]));
        assert!(!writes_any("Nearly half of new enrollees", &[38.0, 0.38]));
        // Dates and names are not figures' numbers.
        assert!(!writes_any("OpenAI于2024年5月13日发布GPT-4o", &[5.0]));
        assert!(!writes_any("OpenAI于2024年5月13日发布GPT-4o", &[4.0]));
        assert!(!writes_any("released on 13 May 2024", &[13.0]));
    }
}
