//! Figures written in words: one in five, a third of, nearly half, twice as many, up to
//! three times, expected to double; 五分之一, 三分之二, 近一半. Shares become
//! percentages (one in five = 20% = 五分之一) and multiples stay multiples, so a figure
//! and its translation in other notation are one value.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::number::parse_chinese;
use super::quantity::{Quantity, Unit};

/// English numbers that take part in these phrases.
const SMALL: &str =
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|\\d{1,3}";

static WORDED: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i-u:\b(?:(?P<num>{SMALL})\s+(?P<mid>(?:[a-z][a-z-]*\s+){{1,2}}?)?(?:in|out\s+of)\s+(?:every\s+)?(?P<den>{SMALL}|a\s+hundred|a\s+thousand)|(?P<fnum>a|one|two|three|four|five|six|seven|eight|nine)[\s-]+(?P<frac>halves|half|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)|(?P<half>half)|(?P<twice>twice)|(?P<times>two|three|four|five|six|seven|eight|nine|ten)\s+times|(?P<double>double|triple|quadruple)s?)\b)|(?P<zden>[一二两三四五六七八九十]+)分之(?P<znum>[一二两三四五六七八九十]+)|(?P<zhalf>一半)"
    );
    Regex::new(&pattern).expect("worded figure regex")
});

/// What a tally is counted over (one goal in five games, one win in ten starts): after
/// "in five", such a word makes a rate of events, not a share.
const TIMES_OR_EVENTS: &[&str] = &[
    "games",
    "matches",
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seasons",
    "races",
    "starts",
    "attempts",
    "tries",
    "innings",
    "appearances",
    "outings",
    "sets",
    "rounds",
    "laps",
    "shots",
    "visits",
];

/// A period after the phrase makes it a frequency (twice a week, three times a year).
static HOW_OFTEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:a|an|per|each|every)\s+(?:day|week|month|year|quarter|hour|minute|second|season|decade)(?-u:\b)")
        .expect("how-often regex")
});

/// What may follow a comparison written as a multiple: three times more, twice as many,
/// four times the rate, ten times higher.
static COMPARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:more|less|fewer|as|the|that|what|higher|lower|larger|smaller|bigger|greater|faster|slower|longer|shorter|likely|over|above|below)(?-u:\b)")
        .expect("compared regex")
});

/// Words before "half" that make it a share of something (nearly half, more than half).
const HALF_LEADS: &[&str] = &[
    "nearly",
    "almost",
    "about",
    "roughly",
    "around",
    "than",
    "over",
    "under",
    "some",
    "by",
    "in",
    "to",
    "just",
    "approximately",
    "only",
    "barely",
];

/// Modal words before "double" that make it a verb of growth (expected to double).
const DOUBLE_LEADS: &[&str] = &[
    "to", "will", "would", "could", "may", "might", "can", "should", "nearly", "almost", "more",
];

fn english_number(w: &str) -> Option<f64> {
    let w = w.to_ascii_lowercase();
    let v = match w.as_str() {
        "a" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "twenty" => 20.0,
        "a hundred" => 100.0,
        "a thousand" => 1000.0,
        _ => {
            let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
            match w.as_str() {
                "a hundred" => 100.0,
                "a thousand" => 1000.0,
                _ => w.parse().ok()?,
            }
        }
    };
    Some(v)
}

fn denominator(frac: &str) -> Option<f64> {
    let f = frac.to_ascii_lowercase();
    let stem = f.trim_end_matches('s');
    Some(match stem {
        "half" | "halve" => 2.0,
        "third" => 3.0,
        "quarter" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "eighth" => 8.0,
        "tenth" => 10.0,
        _ => return None,
    })
}

/// The lowercase word right before byte `at` of `text`.
fn word_before(text: &str, at: usize) -> String {
    super::text::trailing_run(text[..at].trim_end(), |c| c.is_ascii_alphanumeric())
        .to_ascii_lowercase()
}

fn followed_by_of(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start();
    // Bytes, not a string slice: the text after the fraction may start with a CJK
    // character ("a quarter两"), and byte 2 is then inside it.
    rest.len() >= 3
        && rest.as_bytes()[..2].eq_ignore_ascii_case(b"of")
        && !rest[2..].starts_with(char::is_alphanumeric)
}

/// Whether a fraction is of one unit ("a quarter of an hour", "a third of a mile"): a
/// length of time or way, not a share of something counted.
fn of_one_unit(after: &str) -> bool {
    const UNITS: &[&str] = &[
        "hour",
        "minute",
        "second",
        "day",
        "week",
        "month",
        "year",
        "century",
        "decade",
        "mile",
        "kilometre",
        "kilometer",
        "metre",
        "meter",
        "inch",
        "foot",
        "litre",
        "liter",
        "tonne",
        "ton",
        "pound",
        "point",
    ];
    let rest = after.trim_start().to_ascii_lowercase();
    let Some(rest) = rest.strip_prefix("of ") else {
        return false;
    };
    let rest = rest.trim_start();
    let Some(rest) = rest.strip_prefix("an ").or_else(|| rest.strip_prefix("a ")) else {
        return false;
    };
    let word: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
    UNITS.contains(&word.as_str())
}

/// The start and low end of a range written in words before a multiple ("two to three
/// times", "two or three times"): the number word before "to"/"or", below `high`.
fn range_start(text: &str, start: usize, high: f64) -> Option<(usize, f64)> {
    let head = text[..start].trim_end();
    let link = super::text::trailing_run(head, |c| c.is_ascii_alphabetic());
    if !link.eq_ignore_ascii_case("to") && !link.eq_ignore_ascii_case("or") {
        return None;
    }
    let head = head[..head.len() - link.len()].trim_end();
    let word = super::text::trailing_run(head, |c| c.is_ascii_alphanumeric());
    let low = english_number(word)?;
    (!word.is_empty() && low >= 1.0 && low < high).then(|| (head.len() - word.len(), low))
}

fn share(value: f64) -> Quantity {
    Quantity::new(value, Unit::Percent)
}

/// Whether `st` may hold a figure in words: checked before [`WORDED`] runs, so that
/// text without one never compiles it.
fn maybe(st: &str) -> bool {
    if st.contains("分之") || st.contains("一半") {
        return true;
    }
    if !st.bytes().any(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let lower = st.to_ascii_lowercase();
    const WORDS: &[&str] = &[
        "half",
        "third",
        "quarter",
        "fifth",
        "sixth",
        "eighth",
        "tenth",
        "twice",
        " times",
        "double",
        "triple",
        "quadruple",
    ];
    if WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    // "one in five", "1 out of 10": a number word or digits right before in / out of.
    ["in ", "out of "].iter().any(|link| {
        lower.match_indices(link).any(|(i, _)| {
            let head = lower[..i].trim_end();
            // (Or a word or two before: one visitor in ten.)
            i > 0
                && lower[..i].ends_with(' ')
                && head
                    .rsplit(' ')
                    .take(3)
                    .any(|word| english_number(word).is_some() && word != "a")
        })
    })
}

/// Every figure written in words in `text[range]`, with its range in `text`.
pub fn find(text: &str, range: Range<usize>) -> Vec<(Range<usize>, Quantity)> {
    let st = &text[range.clone()];
    let base = range.start;
    let mut out = Vec::new();
    if !maybe(st) {
        return out;
    }
    for c in WORDED.captures_iter(st) {
        let Some(m) = c.get(0) else { continue };
        let (start, end) = (base + m.start(), base + m.end());
        let after = &text[end..];
        let before = word_before(text, start);
        let q = if let (Some(n), Some(d)) = (c.name("num"), c.name("den")) {
            // one in five; a numerator below its denominator, and not a year (1 in 2024).
            let (Some(n), Some(d)) = (english_number(n.as_str()), english_number(d.as_str()))
            else {
                continue;
            };
            if !(n >= 1.0 && n < d && d <= 1000.0) {
                continue;
            }
            // One visitor in ten: one of what is counted, said before its share; not one
            // goal in five games, nor three goals in four.
            if let Some(mid) = c.name("mid") {
                let noun = mid.as_str().trim_end();
                let next = after
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let next = next.trim_end_matches(|ch: char| !ch.is_ascii_alphabetic());
                if n != 1.0 || noun.ends_with('s') || TIMES_OR_EVENTS.contains(&next) {
                    continue;
                }
            }
            share(100.0 * n / d)
        } else if let (Some(n), Some(f)) = (c.name("fnum"), c.name("frac")) {
            // a third of the clips, fell by a quarter; never a period ($5 a quarter).
            let (Some(n), Some(d)) = (english_number(n.as_str()), denominator(f.as_str())) else {
                continue;
            };
            let lead = HALF_LEADS.contains(&before.as_str());
            // "moved 40 services in a quarter": three months, not 25%.
            let period = before == "in" && f.as_str().starts_with("quarter");
            let of = followed_by_of(text, end);
            if !(of || (lead && !period)) || n >= d || before == "and" || of_one_unit(after) {
                continue;
            }
            share(100.0 * n / d)
        } else if c.name("half").is_some() {
            // nearly half, half of the staff; not the second half of 2026, half an hour,
            // one and a half.
            let lead = HALF_LEADS.contains(&before.as_str());
            let of = followed_by_of(text, end);
            let part = matches!(
                before.as_str(),
                "first" | "second" | "latter" | "other" | "a" | "the" | "and" | "1st" | "2nd"
            );
            // Half an hour, half a day, half a million: half of one thing, not a share.
            let glued = after.starts_with('-')
                || after.trim_start().starts_with("an ")
                || after.trim_start().starts_with("a ");
            if part || glued || !(lead || of) {
                continue;
            }
            share(50.0)
        } else if c.name("twice").is_some() {
            if HOW_OFTEN.is_match(after) || !COMPARED.is_match(after) {
                continue;
            }
            Quantity::new(2.0, Unit::Multiple)
        } else if let Some(n) = c.name("times") {
            let Some(v) = english_number(n.as_str()) else {
                continue;
            };
            let bounded = matches!(
                before.as_str(),
                "to" | "or" | "about" | "nearly" | "roughly"
            );
            if HOW_OFTEN.is_match(after) || !(COMPARED.is_match(after) || bounded) {
                continue;
            }
            // "two to three times faster", "two or three times": a range from the number
            // before.
            if let Some((from, low)) = range_start(text, start, v).filter(|r| r.0 >= base) {
                let mut q = Quantity::new(low, Unit::Multiple);
                q.set_high(Some(v));
                out.push((from..end, q));
                continue;
            }
            Quantity::new(v, Unit::Multiple)
        } else if let Some(w) = c.name("double") {
            // expected to double, sales will triple: growth by a multiple.
            let w = w.as_str().to_ascii_lowercase();
            let verb = m.as_str().to_ascii_lowercase().ends_with('s')
                || DOUBLE_LEADS.contains(&before.as_str());
            if !verb || after.starts_with('-') {
                continue;
            }
            let v = match w.as_str() {
                "double" => 2.0,
                "triple" => 3.0,
                _ => 4.0,
            };
            let mut q = Quantity::new(v, Unit::Multiple);
            q.change = 1;
            q
        } else if let (Some(d), Some(n)) = (c.name("zden"), c.name("znum")) {
            // 五分之一, 三分之二.
            let (Some(d), Some(n)) = (parse_chinese(d.as_str()), parse_chinese(n.as_str())) else {
                continue;
            };
            if !(n >= 1.0 && n < d) {
                continue;
            }
            share(100.0 * n / d)
        } else if c.name("zhalf").is_some() {
            share(50.0)
        } else {
            continue;
        };
        out.push((start..end, q));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, f64, &'static str)> {
        find(text, 0..text.len())
            .into_iter()
            .map(|(r, q)| {
                let unit = match q.unit {
                    Unit::Percent => "%",
                    Unit::Multiple => "x",
                    _ => "?",
                };
                (text[r].to_string(), (q.value * 100.0).round() / 100.0, unit)
            })
            .collect()
    }

    #[test]
    fn a_range_of_multiples_and_a_fraction_of_one_unit() {
        let text = "Benchmarks suggest it is two to three times faster than Foo.";
        let found = find(text, 0..text.len());
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].0.clone()], "two to three times");
        assert_eq!((found[0].1.value, found[0].1.high()), (2.0, Some(3.0)));
        assert_eq!(
            values("It is two or three times faster.")[0].0,
            "two or three times"
        );
        assert_eq!(
            values("It is up to three times faster.")[0].0,
            "three times"
        );
        assert!(values("cuts the run to a quarter of an hour").is_empty());
        assert!(values("within a third of a mile of the school").is_empty());
        assert_eq!(values("a quarter of the crew")[0].1, 25.0);
    }

    #[test]
    fn shares_in_words() {
        assert_eq!(
            values("Only one in five cities has reached it."),
            vec![("one in five".into(), 20.0, "%")]
        );
        assert_eq!(
            values("Only one regular visitor in ten renews online."),
            vec![("one regular visitor in ten".into(), 10.0, "%")]
        );
        assert_eq!(
            values("He scored one goal in five games and three goals in four matches."),
            vec![]
        );
        assert_eq!(
            values("Two out of three users agree; 1 in 10 do not."),
            vec![
                ("Two out of three".into(), 66.67, "%"),
                ("1 in 10".into(), 10.0, "%")
            ]
        );
        assert_eq!(values("Roughly one third of clips")[0].1, 33.33);
        assert_eq!(values("Two-thirds of revenue")[0].1, 66.67);
        assert_eq!(values("Sales fell by a quarter.")[0].1, 25.0);
        assert_eq!(values("Nearly half of the staff")[0].1, 50.0);
        assert!(values("reproduced in about half a day").is_empty());
        assert_eq!(values("所研究城市中，只有五分之一的城市")[0].1, 20.0);
        assert_eq!(values("三分之二的用户")[0].1, 66.67);
        assert_eq!(values("近一半的员工")[0].1, 50.0);
    }

    #[test]
    fn multiples_in_words() {
        assert_eq!(values("up to three times more")[0].2, "x");
        assert_eq!(values("twice as many readers")[0].1, 2.0);
        assert_eq!(values("deaths are expected to double by 2050")[0].1, 2.0);
        assert_eq!(values("revenue triples every year")[0].1, 3.0);
    }

    #[test]
    fn not_figures() {
        for text in [
            "In the second half of 2026 we ship.",
            "It takes half an hour.",
            "one and a half years",
            "We pay $5 a quarter.",
            "He ran three times in a row.",
            "We meet twice a week and three times a month.",
            "ranked 1 in 2024",
            "a double-blind trial",
            "in the first quarter of 2026",
            "We moved 40 services off RabbitMQ in a quarter and slept.",
            "a third party audit",
        ] {
            assert!(values(text).is_empty(), "{text}: {:?}", values(text));
        }
    }

    #[test]
    fn a_fraction_before_a_cjk_character_does_not_panic() {
        // "of" was looked for in the first two bytes after the fraction, which split 两
        // (found by tests/no_panic.rs).
        for text in [
            "a quarter两",
            "a quarter 两千",
            "one third两千",
            "a half。",
            "a fifth 𝟙",
        ] {
            let _ = values(text);
        }
    }
}
