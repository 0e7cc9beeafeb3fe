//! Dates and periods: 2023年, 2024 Q1, 2024年Q1, Q1 2024, 2023年3月, March 2023, 2010年代,
//! the 1990s, 2025年后, by 2030, FY2024; and which clauses state a forecast.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::gate::{Gate, Gated, ends_caseless, holds_caseless};

use super::text::{Clause, Sentence};
use crate::lexicon::Lexicon;

/// A period of time a claim is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    /// The year; 0 when [`YearFrom::Unknown`].
    pub year: i32,
    pub span: Span,
    /// Where the year comes from: 6月12日 and 12 June are written without one.
    pub year_from: YearFrom,
}

/// Where a period's year comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum YearFrom {
    /// Written with it: 2024年6月12日, 12 June 2024, Q1 2024.
    Stated,
    /// A month or day written without a year (6月12日, 12 June, 9月底), its year taken
    /// from the nearest year stated before it in its paragraph, else from its section's
    /// heading or the document's title ([`infer_years`]).
    Context,
    /// A month or day written without a year, and none to take: compared as a month and
    /// day only, and never over.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Span {
    Year,
    Quarter(u8),
    Half(u8),
    Month(u8),
    Day(u8, u8),
    Decade,
    /// 2025年后, after 2025: open-ended, never over.
    After,
    /// by 2030, 到2030年: up to the end of the year.
    By,
    /// 2020年以来, since 2020.
    Since,
    /// FY2025, 2025财年 (0), FY2025 Q2, 2025财年第二季度 (2): a fiscal year or quarter,
    /// whose calendar span depends on the company; taken to end with its year at the latest.
    Fiscal(u8),
    /// 2025/26 (0), Q3 2026/27 (3): a year that straddles two calendar years, `year` the
    /// first. Taken to start in April (the UK, India, Japan and Canada count so): Q3
    /// 2026/27 is October to December 2026, the year ends in March.
    Split(u8),
    /// spring (1), summer (2), autumn (3), winter (4) 2026; 2026年春季. Northern seasons:
    /// spring ends in May, summer in August, autumn in November, winter in February.
    Season(u8),
    /// From a month and day to a month and day of one year: 14–16 July (7, 14, 7, 16),
    /// 6月1日至9月30日, 1-3月 (1, 0, 3, 0: a day 0 is the whole month).
    Range(u8, u8, u8, u8),
}

/// A month and a day of it.
type MonthDay = (u8, u8);

impl Period {
    /// A period whose year is written with it.
    pub const fn stated(year: i32, span: Span) -> Period {
        Period {
            year,
            span,
            year_from: YearFrom::Stated,
        }
    }

    /// A month or day written without a year (6月12日, 12 June): its year is
    /// [`YearFrom::Unknown`] until [`infer_years`] finds one.
    pub const fn yearless(span: Span) -> Period {
        Period {
            year: 0,
            span,
            year_from: YearFrom::Unknown,
        }
    }

    /// The last day the period covers; `None` when it never ends, or when its year is
    /// not known.
    pub fn end(&self) -> Option<NaiveDate> {
        if self.year_from == YearFrom::Unknown {
            return None;
        }
        let y = self.year;
        let last_of_month = |m: u32| {
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
        };
        match self.span {
            Span::Year | Span::By | Span::Fiscal(_) => NaiveDate::from_ymd_opt(y, 12, 31),
            Span::Split(q @ 1..=3) => last_of_month(u32::from(q) * 3 + 3),
            Span::Split(_) => NaiveDate::from_ymd_opt(y + 1, 3, 31),
            Span::Quarter(q) => last_of_month(u32::from(q) * 3),
            Span::Half(h) => last_of_month(u32::from(h) * 6),
            Span::Month(m) | Span::Range(_, _, m, 0) => last_of_month(u32::from(m)),
            Span::Day(m, d) | Span::Range(_, _, m, d) => {
                NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d))
            }
            Span::Decade => NaiveDate::from_ymd_opt(y + 9, 12, 31),
            Span::Season(4) => NaiveDate::from_ymd_opt(y + 1, 3, 1).and_then(|d| d.pred_opt()),
            Span::Season(k) => last_of_month(u32::from(k) * 3 + 2),
            Span::After | Span::Since => None,
        }
    }

    /// The first and last (month, day) of a period within a month or a few (a day 31
    /// ends any month: only the order counts), and whether both ends are days.
    fn days(&self) -> Option<(MonthDay, MonthDay, bool)> {
        let start = |d: u8| if d == 0 { 1 } else { d };
        let end = |d: u8| if d == 0 { 31 } else { d };
        match self.span {
            Span::Month(m) => Some(((m, 1), (m, 31), false)),
            Span::Day(m, d) => Some(((m, d), (m, d), true)),
            Span::Range(m0, d0, m1, d1) => {
                Some(((m0, start(d0)), (m1, end(d1)), d0 != 0 && d1 != 0))
            }
            _ => None,
        }
    }

    /// Two periods of months and days in one year: two days (or two ranges of days)
    /// conflict when they differ; anything else only when they do not overlap (a day
    /// inside a range or a month refines it).
    fn days_conflict(&self, other: &Period) -> Option<bool> {
        let (a0, a1, ea) = self.days()?;
        let (b0, b1, eb) = other.days()?;
        let point = |p: &Period| matches!(p.span, Span::Day(..));
        if ea && eb && point(self) == point(other) {
            return Some((a0, a1) != (b0, b1));
        }
        Some(a1 < b0 || b1 < a0)
    }

    /// 2024 and Q1 2024 do not contradict each other: one refines the other. Open periods
    /// (after 2025, by 2030, the 2010s) only conflict on a different year. A month or day
    /// whose year is not written (6月12日, 12 June) is compared by its month and day with
    /// another month or day, and with nothing else.
    pub fn conflicts(&self, other: &Period) -> bool {
        let (a, b) = (self, other);
        if a == b {
            return false;
        }
        if a.year_from != YearFrom::Stated || b.year_from != YearFrom::Stated {
            // A year taken from the text around one date that differs from the year
            // written with the other: two times, not one changed (opened in April 2016 /
            // the 200th station in September, of the report's year).
            let known = |p: &Period| p.year_from != YearFrom::Unknown;
            if known(a)
                && known(b)
                && (a.year_from == YearFrom::Stated || b.year_from == YearFrom::Stated)
                && a.year != b.year
            {
                return false;
            }
            return a.days_conflict(b).unwrap_or(false);
        }
        // A fiscal year is a label of its own; it only conflicts with another fiscal year.
        if let (Span::Fiscal(qa), Span::Fiscal(qb)) | (Span::Split(qa), Span::Split(qb)) =
            (a.span, b.span)
        {
            return a.year != b.year || (qa != 0 && qb != 0 && qa != qb);
        }
        let fiscal = |p: &Period| matches!(p.span, Span::Fiscal(_) | Span::Split(_));
        if fiscal(a) || fiscal(b) {
            return false;
        }
        let open =
            |p: &Period| matches!(p.span, Span::After | Span::Since | Span::By | Span::Decade);
        if open(a) || open(b) {
            if matches!(a.span, Span::Decade) || matches!(b.span, Span::Decade) {
                return a.year / 10 != b.year / 10;
            }
            return a.year != b.year;
        }
        if a.year != b.year {
            return true;
        }
        let coarse = |p: &Period| matches!(p.span, Span::Year);
        if coarse(a) || coarse(b) {
            return false;
        }
        if let Some(c) = a.days_conflict(b) {
            return c;
        }
        // A month inside a quarter or half: a refinement.
        let months = |p: &Period| -> (u8, u8) {
            match p.span {
                Span::Quarter(q) => (q * 3 - 2, q * 3),
                Span::Half(h) => (h * 6 - 5, h * 6),
                Span::Month(m) | Span::Day(m, _) => (m, m),
                Span::Range(m0, _, m1, _) => (m0, m1),
                // Winter straddles two years: it contradicts no month.
                Span::Season(k) if k < 4 => (k * 3, k * 3 + 2),
                _ => (1, 12),
            }
        };
        let (a0, a1) = months(a);
        let (b0, b1) = months(b);
        a1 < b0 || b1 < a0
    }

    /// Whether two periods may be of one year: the same year, or either one's year not
    /// written.
    pub fn same_year(&self, other: &Period) -> bool {
        self.year == other.year
            || self.year_from != YearFrom::Stated
            || other.year_from != YearFrom::Stated
    }

    /// How a reader would write it. A year not known is left out as ISO 8601 does
    /// (--06-12 is 12 June).
    pub fn label(&self) -> String {
        let y = if self.year_from == YearFrom::Unknown {
            "-".to_string()
        } else {
            self.year.to_string()
        };
        match self.span {
            Span::Year => y,
            Span::Quarter(q) => format!("Q{q} {y}"),
            Span::Half(h) => format!("H{h} {y}"),
            Span::Month(m) => format!("{y}-{m:02}"),
            Span::Day(m, d) => format!("{y}-{m:02}-{d:02}"),
            Span::Range(m0, 0, m1, 0) => format!("{y}-{m0:02}/{m1:02}"),
            Span::Range(m0, d0, m1, d1) if m0 == m1 => format!("{y}-{m0:02}-{d0:02}/{d1:02}"),
            Span::Range(m0, d0, m1, d1) => format!("{y}-{m0:02}-{d0:02}/{m1:02}-{d1:02}"),
            Span::Decade => format!("{y}s"),
            Span::After => format!("after {y}"),
            Span::By => format!("by {y}"),
            Span::Since => format!("since {y}"),
            Span::Fiscal(0) => format!("FY{y}"),
            Span::Fiscal(q) => format!("FY{y} Q{q}"),
            Span::Split(0) => format!("{y}/{:02}", (self.year + 1) % 100),
            Span::Split(q) => format!("Q{q} {y}/{:02}", (self.year + 1) % 100),
            Span::Season(k) => {
                let name = ["spring", "summer", "autumn", "winter"][usize::from(k.clamp(1, 4) - 1)];
                format!("{name} {y}")
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Found {
    pub range: Range<usize>,
    pub period: Period,
}

/// Dates and periods. Its `\d` is Unicode's decimal digits (２０２４年 in full-width digits
/// is a date).
const DATE_PATTERN: &str = r"(?x)
        (?P<decade>(?:19|20)\d0)\s*(?:年代|s(?-u:\b))
        | (?P<qy>(?:19|20)\d{2})\s*年?\s*(?:第\s*)?[Qq](?P<q>[1-4])
        | [Qq](?P<q2>[1-4])\s*(?:of\s+)?(?P<qy2>(?:19|20)\d{2})
        | (?P<qcy>(?:19|20)\d{2})\s*年\s*第\s*(?P<qc>[一二三四1-4])\s*季度?
        | (?P<hy>(?:19|20)\d{2})\s*年\s*(?P<h>上|下)半年
        | [Hh](?P<h2>[12])\s*(?P<hy2>(?:19|20)\d{2})
        | (?i:(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?)(?P<qwy>(?:19|20)\d{2})
        | (?i:(?P<hw>first|second|1st|2nd)\s+half\s+(?:of\s+)?)(?P<hwy>(?:19|20)\d{2})
        | (?P<my>(?:19|20)\d{2})\s*年\s*(?P<m>1[0-2]|0?[1-9])\s*月(?:\s*(?P<d>[12]\d|3[01]|0?[1-9])\s*日)?
        | (?P<iy>(?:19|20)\d{2})-(?P<im>1[0-2]|0[1-9])(?:-(?P<id>[12]\d|3[01]|0[1-9]))?
        | (?P<dd>[12]\d|3[01]|0?[1-9])\s+(?P<dmon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?),?\s+(?P<dy>(?:19|20)\d{2})
        | (?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)\s+(?:(?P<md>[12]\d|3[01]|0?[1-9]),?\s+)?(?P<my2>(?:19|20)\d{2})
        | (?:FY\s?|(?i:fiscal)\s+(?:(?i:year)\s+)?)(?P<fy>(?:19|20)\d{2})(?:\s*[Qq](?P<fyq>[1-4]))?
        | (?P<fy2>(?:19|20)\d{2})\s*财年\s*(?:第(?P<fyq2>[一二三四1-4])季度|[Qq](?P<fyq3>[1-4]))?
        | (?P<by_en>(?-u:\b)(?:by|before|until|through)\s+(?:the\s+end\s+of\s+)?)(?P<by>(?:19|20)\d{2})
        | (?P<after_en>(?-u:\b)(?:after|beyond|post-)\s*)(?P<after>(?:19|20)\d{2})
        | (?P<since_en>(?-u:\b)since\s+)(?P<since>(?:19|20)\d{2})
        | (?P<season>(?i:spring|summer|autumn|fall|winter))\s+(?:of\s+)?(?P<sy>(?:19|20)\d{2})
        | (?P<feast>(?i:easter|christmas))\s+(?P<fey>(?:19|20)\d{2})
        | (?P<sy2>(?:19|20)\d{2})\s*年\s*(?P<season2>春|夏|秋|冬)(?:季|天)
        | (?P<y>(?:1\d|20)\d{2})\s*(?P<nian>年)?(?P<suffix>以后|之后|后|以来|底|末|初)?
        | (?P<zm>1[0-2]|0?[1-9])\s*月\s*(?P<zd>[12]\d|3[01]|0?[1-9])\s*(?P<zr>[日号])?
        | (?P<zm0>1[0-2]|0?[1-9])\s*(?:至|到|——|—|–|-|~|～|－)\s*(?P<zm1>1[0-2]|0?[1-9])\s*月
        | (?P<zmo>1[0-2]|0?[1-9])\s*月(?:份|初|底|末|中旬|上旬|下旬)?
        | (?P<ed>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s*(?:–|—|-|to|until|through)\s*(?P<ed2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?P<emon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?-u:\b)
        | (?P<emon2>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)\s+(?P<ed3>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s*(?:–|—|-|to|until|through)\s*(?P<ed4>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)?(?-u:\b)
        | (?i:early|mid|late|(?:the\s+)?(?:end|middle|beginning|start)\s+of)[\s-]+(?P<emon3>January|February|March|April|May|June|July|August|September|October|November|December)(?-u:\b)
        | (?-u:\b)(?:in|during|by)\s+(?P<emon4>January|February|March|April|May|June|July|August|September|October|November|December)(?-u:\b)
        ";

static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&full_width(DATE_PATTERN)).expect("date regex"));

/// [`DATE_PATTERN`] with its literal digits taking their full-width forms too (２０２６年３月,
/// 〔２０２６〕): the pattern's years and months are written with literal digits (19, 20,
/// 1[0-2]), which `\d` being Unicode's does not reach. No group is added, so the groups
/// are [`DATE_ASCII`]'s.
fn full_width(pattern: &str) -> String {
    const FORMS: &[(&str, &str)] = &[
        ("(?:19|20)", "(?:19|20|１９|２０)"),
        (r"(?:1\d|20)", r"(?:1\d|20|１\d|２０)"),
        ("0?[1-9]", "[0０]?[1-9１-９]"),
        ("0[1-9]", "[0０][1-9１-９]"),
        ("1[0-2]", "[1１][0-2０-２]"),
        ("3[01]", "[3３][01０１]"),
        ("[12]", "[12１２]"),
        ("[1-4]", "[1-4１-４]"),
        (r"\d0", r"\d[0０]"),
    ];
    let mut out = pattern.to_string();
    for (ascii, both) in FORMS {
        out = out.replace(ascii, both);
    }
    out
}

/// [`DATE_PATTERN`] with every `\d` written `[0-9]`: in a text whose only decimal digits
/// are ASCII the two classes accept the same characters, so the matches and groups are the
/// same, and this one costs half as much to compile (the Unicode class is dozens of byte
/// sequences, repeated for each `\d`).
static DATE_ASCII: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&DATE_PATTERN.replace(r"\d", "[0-9]")).expect("date regex"));

/// DATE's group names, for [`super::groups::Named::name`].
static DATE_NAMES: LazyLock<super::groups::GroupNames> =
    LazyLock::new(|| super::groups::GroupNames::of(&DATE_ASCII));

fn month_num(name: &str) -> Option<u8> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| n.starts_with(m))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// first / 2nd … fourth → 1..=4 (the quarter or half of "the third quarter of 2026").
fn word_ordinal(s: &str) -> Option<u8> {
    match s.to_ascii_lowercase().as_str() {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" => Some(4),
        _ => None,
    }
}

fn cn_quarter(s: &str) -> Option<u8> {
    Some(match s {
        "一" | "1" => 1,
        "二" | "2" => 2,
        "三" | "3" => 3,
        "四" | "4" => 4,
        _ => return None,
    })
}

/// Every date or period in `text`. A bare four-digit year counts only where it reads as a
/// year: followed by 年, inside a date form, or standing alone (not 1500亿, not 2000 users).
/// The months of "汛期（5—9 月）" right after a year (a word of one to four Chinese
/// characters, then a bracketed range of months), and the length of that text.
fn months_in_brackets(after: &str) -> Option<(u8, u8, usize)> {
    static MONTHS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*\p{Han}{1,4}\s*[（(]\s*(\d{1,2})\s*(?:月\s*)?[—–\-~～至到]\s*(\d{1,2})\s*月(?:份)?\s*[）)]",
        )
        .expect("months in brackets")
    });
    if !after.trim_start().starts_with(|c: char| c > '\u{2E80}') {
        return None;
    }
    let c = MONTHS.captures(after)?;
    let from: u8 = c[1].parse().ok()?;
    let to: u8 = c[2].parse().ok()?;
    let len = c.get(0)?.end();
    ((1..=12).contains(&from) && (from..=12).contains(&to)).then_some((from, to, len))
}

pub fn find(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    // Titles in 《》, found once.
    let mut titles: Vec<Range<usize>> = Vec::new();
    let mut open: Option<usize> = None;
    // Whether a decimal digit beyond ASCII may stand in the text (every one is numeric;
    // the common Han ideographs are not).
    let mut other_digits = false;
    for (i, c) in text.char_indices() {
        match c {
            '《' => open = open.or(Some(i)),
            '》' => {
                if let Some(o) = open.take() {
                    titles.push(o..i + c.len_utf8());
                }
            }
            '\u{80}'.. if !('\u{4E00}'..='\u{9FFF}').contains(&c) && c.is_numeric() => {
                other_digits = true;
            }
            _ => {}
        }
    }
    let date = if other_digits { &DATE } else { &DATE_ASCII };
    let mut at = 0;
    while at < text.len() {
        // The match first (the lazy DFA alone), then its groups: a bare year is read here,
        // anything else by the regex's captures, which run the bounded backtracker over
        // the whole pattern (~9,000 instructions a date).
        let Some(m) = date.find_at(text, at) else {
            break;
        };
        at = m.end().max(m.start() + 1);
        let c = match bare_year(m.as_str()) {
            Some(nian) => DateCaps::Year {
                hay: text,
                y: m.start()..m.start() + 4,
                nian: nian.map(|r| m.start() + r.start..m.start() + r.end),
            },
            None => match date.captures_at(text, m.start()) {
                Some(caps) => DateCaps::Full(text, DATE_NAMES.read(caps)),
                None => continue,
            },
        };
        let num = |name: &str| {
            c.name(name)
                .and_then(|x| ascii(x.as_str()).parse::<i32>().ok())
        };
        let small = |name: &str| {
            c.name(name)
                .and_then(|x| ascii(x.as_str()).parse::<u8>().ok())
        };
        let mut range = m.range();
        let period = if let Some(y) = num("decade") {
            Period::stated(y, Span::Decade)
        } else if let (Some(y), Some(q)) = (num("qy"), small("q")) {
            Period::stated(y, Span::Quarter(q))
        } else if let (Some(y), Some(q)) = (num("qy2"), small("q2")) {
            Period::stated(y, Span::Quarter(q))
        } else if let (Some(y), Some(q)) = (
            num("qcy"),
            c.name("qc").and_then(|x| cn_quarter(x.as_str())),
        ) {
            Period::stated(y, Span::Quarter(q))
        } else if let (Some(y), Some(q)) = (
            num("qwy"),
            c.name("qw").and_then(|x| word_ordinal(x.as_str())),
        ) {
            Period::stated(y, Span::Quarter(q))
        } else if let (Some(y), Some(h)) = (
            num("hwy"),
            c.name("hw").and_then(|x| word_ordinal(x.as_str())),
        ) {
            Period::stated(y, Span::Half(h))
        } else if let Some(y) = num("hy") {
            let h = if c.name("h").is_some_and(|x| x.as_str() == "上") {
                1
            } else {
                2
            };
            Period::stated(y, Span::Half(h))
        } else if let Some(y) = num("sy").or_else(|| num("sy2")) {
            let name = c
                .name("season")
                .or_else(|| c.name("season2"))
                .map_or(String::new(), |x| x.as_str().to_lowercase());
            let k = match name.as_str() {
                "spring" | "春" => 1,
                "summer" | "夏" => 2,
                "autumn" | "fall" | "秋" => 3,
                _ => 4,
            };
            Period::stated(y, Span::Season(k))
        } else if let Some(y) = num("fey") {
            // Easter 2026 (in March or April; by the end of April), Christmas 2025.
            let christmas = c
                .name("feast")
                .is_some_and(|f| f.as_str().eq_ignore_ascii_case("christmas"));
            Period::stated(y, Span::Month(if christmas { 12 } else { 4 }))
        } else if let (Some(y), Some(h)) = (num("hy2"), small("h2")) {
            Period::stated(y, Span::Half(h))
        } else if let (Some(y), Some(mo)) = (num("my"), small("m")) {
            match small("d") {
                Some(d) => Period::stated(y, Span::Day(mo, d)),
                // 2027 年 5 月 21—23 日: the first day's 日 left out before a range.
                None => match day_before_range(text, range.end, mo) {
                    Some((end, d)) => {
                        range.end = end;
                        Period::stated(y, Span::Day(mo, d))
                    }
                    None => Period::stated(y, Span::Month(mo)),
                },
            }
        } else if let (Some(y), Some(mo)) = (num("iy"), small("im")) {
            match small("id") {
                Some(d) => Period::stated(y, Span::Day(mo, d)),
                None => Period::stated(y, Span::Month(mo)),
            }
        } else if let (Some(y), Some(mo), Some(d)) = (
            num("dy"),
            c.name("dmon").and_then(|x| month_num(x.as_str())),
            small("dd"),
        ) {
            // 18 February 2026: the day before the month.
            Period::stated(y, Span::Day(mo, d))
        } else if let (Some(y), Some(mo)) = (
            num("my2"),
            c.name("mon").and_then(|x| month_num(x.as_str())),
        ) {
            match small("md") {
                Some(d) => Period::stated(y, Span::Day(mo, d)),
                None => Period::stated(y, Span::Month(mo)),
            }
        } else if let Some(y) = num("fy").or_else(|| num("fy2")) {
            let q = small("fyq")
                .or_else(|| small("fyq3"))
                .or_else(|| c.name("fyq2").and_then(|x| cn_quarter(x.as_str())))
                .unwrap_or(0);
            Period::stated(y, Span::Fiscal(q))
        } else if let Some(y) = num("by") {
            Period::stated(y, Span::By)
        } else if let Some(y) = num("after") {
            Period::stated(y, Span::After)
        } else if let Some(y) = num("since") {
            Period::stated(y, Span::Since)
        } else if let Some(y) = num("y") {
            let Some(ym) = c.name("y") else { continue };
            let has_nian = c.name("nian").is_some();
            if !has_nian && !bare_year_context(text, ym.range()) {
                continue;
            }
            if y < 1900 && !historical_year(text, ym.range(), has_nian) {
                continue;
            }
            // 到2030年, 截至2025年: up to the end of that year.
            let by_zh = ["到", "至", "截至", "截止到", "截止"]
                .iter()
                .any(|p| text[..ym.start()].trim_end().ends_with(p));
            let span = match c.name("suffix").map(|x| x.as_str()) {
                Some("以后" | "之后" | "后") => Span::After,
                Some("以来") => Span::Since,
                _ if by_zh => Span::By,
                _ => Span::Year,
            };
            range.start = ym.start();
            Period::stated(y, span)
        } else if let (Some(mo), Some(d)) = (small("zm"), small("zd")) {
            // 6月12日, 6 月 12 号; 7月16—18日 leaves the first day's 日 out before a range.
            if c.name("zr").is_none() && range_tail(text, range.end, mo, d).is_none() {
                continue;
            }
            Period::yearless(Span::Day(mo, d))
        } else if let (Some(m0), Some(m1)) = (small("zm0"), small("zm1")) {
            // 1-3月, 6至9月.
            if m0 >= m1 {
                continue;
            }
            Period::yearless(Span::Range(m0, 0, m1, 0))
        } else if let Some(mo) = small("zmo") {
            // 9月, 9月份, 9月底, 9月中旬: the month.
            if text[..range.start].ends_with(['前', '近', '头', '满', '每', '隔', '第']) {
                continue;
            }
            Period::yearless(Span::Month(mo))
        } else if let (Some(mo), Some(d)) = (
            c.name("emon")
                .or_else(|| c.name("emon2"))
                .and_then(|x| month_num(x.as_str())),
            small("ed").or_else(|| small("ed3")),
        ) {
            // 12 June, June 12th, 14–16 July, July 14 to 16.
            match small("ed2").or_else(|| small("ed4")) {
                Some(d2) if d2 > d => Period::yearless(Span::Range(mo, d, mo, d2)),
                Some(_) => continue,
                None => Period::yearless(Span::Day(mo, d)),
            }
        } else if let Some(mx) = c.name("emon3").or_else(|| c.name("emon4")) {
            // mid-July, the end of July, in July: the month (its place is the month's
            // name, as when a year follows: in July 2024).
            let Some(mo) = month_num(mx.as_str()) else {
                continue;
            };
            range.start = mx.start();
            Period::yearless(Span::Month(mo))
        } else {
            continue;
        };
        let mut period = period;
        if period.year_from == YearFrom::Unknown {
            // (Trailing white space is not the date's.)
            range.end = range.start + text[range.clone()].trim_end().len();
            let (m0, d0) = match period.span {
                Span::Day(m, d) | Span::Range(m, d, _, _) => (m, d),
                _ => (1, 1),
            };
            if d0 != 0 && NaiveDate::from_ymd_opt(2000, u32::from(m0), u32::from(d0)).is_none() {
                continue;
            }
            // 14–16 July 2024, July 14th, 2024: the year written after.
            if let Some((end, y)) = year_after(text, range.end) {
                period.year = y;
                period.year_from = YearFrom::Stated;
                range.end = end;
            }
        }
        // 6月1日至9月30日, 7月16日至18日, 30 June to 2 July: a range of days.
        if let Span::Day(m0, d0) = period.span {
            if let Some((end, m1, d1)) = range_tail(text, range.end, m0, d0) {
                period.span = Span::Range(m0, d0, m1, d1);
                range.end = end;
                // 3 April to 30 September 2025: the year after the range's end.
                if period.year_from == YearFrom::Unknown {
                    if let Some((end, y)) = year_after(text, range.end) {
                        period.year = y;
                        period.year_from = YearFrom::Stated;
                        range.end = end;
                    }
                }
            }
        }
        // (The later year of a split year already read.)
        if out
            .last()
            .is_some_and(|f: &Found| f.range.end > range.start)
        {
            continue;
        }
        // 2025/26, Q3 2026/27: a fiscal year that straddles two calendar years, named by
        // the later one (its calendar span depends on where the year starts).
        if let Some(rest) = text[range.end..].strip_prefix('/') {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let next = period.year + 1;
            let written = rest[..digits].parse::<i32>().ok();
            let follows = match digits {
                2 => written == Some(next % 100),
                4 => written == Some(next),
                _ => false,
            };
            if follows {
                if let Span::Year | Span::Quarter(_) = period.span {
                    let q = match period.span {
                        Span::Quarter(q) => q,
                        _ => 0,
                    };
                    period = Period::stated(period.year, Span::Split(q));
                    range.end += 1 + digits;
                }
            }
        }
        // A digit or letter glued on the left means a longer number or a name (A2023).
        let before = text[..range.start].chars().next_back();
        if before.is_some_and(|ch| ch.is_ascii_alphanumeric() || ch == '.' || ch == ',') {
            continue;
        }
        let after = text[range.end..].chars().next();
        if after.is_some_and(|ch| ch.is_ascii_digit())
            && !(matches!(period.span, Span::Day(..)) && hour_after(&text[range.end..]))
        {
            continue;
        }
        // A year inside a title (《…行动计划（2023—2030年）》) names the document.
        let k = titles.partition_point(|t| t.end <= range.start);
        if titles.get(k).is_some_and(|t| t.start <= range.start) {
            continue;
        }
        // 2026 年汛期（5—9 月）: a season of the year the brackets give in months.
        if period.span == Span::Year {
            if let Some((from, to, len)) = months_in_brackets(&text[range.end..]) {
                period = Period::stated(period.year, Span::Range(from, 0, to, 0));
                range.end += len;
            }
        }
        out.push(Found { range, period });
    }
    if text.contains('年') {
        let more = chinese_numeral_dates(text, &out);
        if !more.is_empty() {
            out.extend(more);
            out.sort_by_key(|f| f.range.start);
        }
    }
    out
}

/// A Chinese numeral digit's value: 〇/零 … 九.
fn cn_digit(c: char) -> Option<u8> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A number from 1 to 31 in Chinese numerals at the start of `s` (五, 十二, 二十一, 三十),
/// and its length in bytes.
fn cn_small(s: &str) -> Option<(u8, usize)> {
    let mut chars = s.char_indices().peekable();
    let mut value: u8 = 0;
    let mut end = 0;
    if let Some(&(_, c)) = chars.peek() {
        if let Some(d) = cn_digit(c).filter(|&d| d > 0) {
            value = d;
            end = c.len_utf8();
            chars.next();
        }
    }
    if let Some(&(i, '十')) = chars.peek() {
        value = if value == 0 { 10 } else { value * 10 };
        end = i + '十'.len_utf8();
        chars.next();
        if let Some(&(i, c)) = chars.peek() {
            if let Some(d) = cn_digit(c).filter(|&d| d > 0) {
                value += d;
                end = i + c.len_utf8();
            }
        }
    } else if value > 0 && end > 0 {
        // One digit alone (五月); two digits without 十 are not a month or day.
        if s[end..].starts_with(|c: char| cn_digit(c).is_some()) {
            return None;
        }
    }
    (value > 0 && value <= 31).then_some((value, end))
}

/// 二零二六年五月十二日, 二〇二一年七月, 二零二六年第三季度, 一九九八年: dates written
/// in Chinese numerals, as official texts in Hong Kong and the mainland write them. A
/// year is four numeral digits before 年; `regex_found` are the dates found already.
fn chinese_numeral_dates(text: &str, regex_found: &[Found]) -> Vec<Found> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('年') {
        let head = &text[..at];
        let digits: Vec<(usize, char)> = head.char_indices().rev().take(5).collect();
        if digits.len() < 4 || !digits[..4].iter().all(|&(_, c)| cn_digit(c).is_some()) {
            continue;
        }
        // A fifth numeral digit before them is a longer number.
        if digits
            .get(4)
            .is_some_and(|&(_, c)| cn_digit(c).is_some() || c == '十')
        {
            continue;
        }
        let start = digits[3].0;
        let year = digits[..4].iter().rev().fold(0i32, |y, &(_, c)| {
            y * 10 + i32::from(cn_digit(c).unwrap_or(0))
        });
        if !(1900..=2199).contains(&year) {
            continue;
        }
        let mut end = at + '年'.len_utf8();
        let rest = &text[end..];
        // 第三季度: the quarter and its length in bytes.
        let quarter = rest.strip_prefix('第').and_then(|r| {
            let c = r.chars().next()?;
            let q = cn_quarter(c.encode_utf8(&mut [0; 4]))?;
            r[c.len_utf8()..]
                .starts_with("季度")
                .then_some((q, '第'.len_utf8() + c.len_utf8() + "季度".len()))
        });
        let span = if let Some((q, n)) = quarter {
            end += n;
            Span::Quarter(q)
        } else if let Some(h) = ["上半年", "下半年"]
            .iter()
            .position(|p| rest.starts_with(p))
        {
            end += "上半年".len();
            Span::Half(h as u8 + 1)
        } else if let Some((mo, n)) =
            cn_small(rest).filter(|&(m, n)| m <= 12 && rest[n..].starts_with('月'))
        {
            end += n + '月'.len_utf8();
            let rest = &text[end..];
            match cn_small(rest).filter(|&(_, n)| rest[n..].starts_with(['日', '号'])) {
                Some((d, n))
                    if NaiveDate::from_ymd_opt(year, u32::from(mo), u32::from(d)).is_some() =>
                {
                    end += n + '日'.len_utf8();
                    Span::Day(mo, d)
                }
                _ => Span::Month(mo),
            }
        } else if ["以来"].iter().any(|p| rest.starts_with(p)) {
            Span::Since
        } else if ["以后", "之后", "后"].iter().any(|p| rest.starts_with(p)) {
            Span::After
        } else if ["到", "至", "截至", "截止到", "截止"]
            .iter()
            .any(|p| head[..start].trim_end().ends_with(p))
        {
            Span::By
        } else {
            Span::Year
        };
        let range = start..end;
        if regex_found
            .iter()
            .any(|f| f.range.start < range.end && range.start < f.range.end)
        {
            continue;
        }
        out.push(Found {
            range,
            period: Period::stated(year, span),
        });
    }
    out
}

/// A date's groups: read from the regex's captures, or a bare year's ([`bare_year`]).
enum DateCaps<'h, 'n> {
    Full(&'h str, super::groups::Named<'h, 'n>),
    Year {
        hay: &'h str,
        y: Range<usize>,
        nian: Option<Range<usize>>,
    },
}

/// One group of a date's match.
struct Group<'h> {
    hay: &'h str,
    range: Range<usize>,
}

impl<'h> Group<'h> {
    fn as_str(&self) -> &'h str {
        &self.hay[self.range.clone()]
    }

    fn start(&self) -> usize {
        self.range.start
    }

    fn range(&self) -> Range<usize> {
        self.range.clone()
    }
}

impl<'h> DateCaps<'h, '_> {
    fn name(&self, name: &str) -> Option<Group<'h>> {
        match self {
            DateCaps::Full(hay, c) => c.name(name).map(|m| Group {
                hay,
                range: m.range(),
            }),
            DateCaps::Year { hay, y, nian } => {
                let range = match name {
                    "y" => y.clone(),
                    "nian" => nian.clone()?,
                    _ => return None,
                };
                Some(Group { hay, range })
            }
        }
    }
}

/// A match of the date pattern that is a bare year, `(?:1\d|20)\d{2}` in ASCII digits then
/// white space and 年 or not: the byte range of its 年, if any. Only the `y` branch
/// matches such a text (every other branch needs a letter, a sign or another character
/// beyond the year, or its digits elsewhere), so its groups are `y` (the first four
/// bytes) and `nian`. A test checks this against the regex's captures.
/// A number as the pattern matched it, with full-width digits (２０２６) written in ASCII
/// for parsing: the pattern's `\d` takes both.
fn ascii(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return s.into();
    }
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect::<String>()
        .into()
}

fn bare_year(m: &str) -> Option<Option<Range<usize>>> {
    let b = m.as_bytes();
    if b.len() < 4
        || !b[..4].iter().all(u8::is_ascii_digit)
        || !(b[0] == b'1' || (b[0] == b'2' && b[1] == b'0'))
    {
        return None;
    }
    let rest = m[4..].trim_start();
    match rest {
        "" => Some(None),
        "年" => Some(Some(m.len() - rest.len()..m.len())),
        _ => None,
    }
}

/// An hour of the day right after a day (7月16日20时, 6月12日8点, 6月12日 20:30): the
/// day is still a date.
fn hour_after(rest: &str) -> bool {
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (1..=2).contains(&digits) && rest[digits..].starts_with(['时', '点', ':', '：'])
}

/// The end of a range after a day: 至18日, —9月30日, to 2 July, – August 2. Returns where
/// it ends and its month and day, when it comes after `(m0, d0)` in the year.
/// A day written without its 日 right after a month, where a range of days follows
/// (5 月 21—23 日): where the day ends, and the day.
fn day_before_range(text: &str, at: usize, mo: u8) -> Option<(usize, u8)> {
    let rest = text.get(at..)?;
    let digits_at = rest.len() - rest.trim_start_matches([' ', '\u{3000}']).len();
    let digits = rest[digits_at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let d: u8 = rest[digits_at..digits_at + digits].parse().ok()?;
    let end = at + digits_at + digits;
    range_tail(text, end, mo, d).map(|_| (end, d))
}

fn range_tail(text: &str, at: usize, m0: u8, d0: u8) -> Option<(usize, u8, u8)> {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(?:至|到|——|—|–|-|~|～|－|(?:to|until|till|through)\s)\s*(?:(?:(?P<zm>1[0-2]|0?[1-9])\s*月\s*)?(?P<zd>[12]\d|3[01]|0?[1-9])\s*[日号]|(?P<ed>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<emon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?-u:\b)|(?P<emon2>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)\s+(?P<ed2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?-u:\b))",
        )
        .expect("range tail regex")
    });
    let c = TAIL.captures(text.get(at..)?)?;
    let small = |name: &str| {
        c.name(name)
            .and_then(|x| ascii(x.as_str()).parse::<u8>().ok())
    };
    let (m1, d1) = if let Some(d) = small("zd") {
        (small("zm").unwrap_or(m0), d)
    } else {
        let mon = c.name("emon").or_else(|| c.name("emon2"))?;
        (
            month_num(mon.as_str())?,
            small("ed").or_else(|| small("ed2"))?,
        )
    };
    let end = at + c.get(0)?.end();
    // (A digit glued on: a longer number, 18日 is not 180.)
    if text[end..].starts_with(|ch: char| ch.is_ascii_digit())
        || NaiveDate::from_ymd_opt(2000, u32::from(m1), u32::from(d1)).is_none()
        || (m1, d1) <= (m0, d0)
    {
        return None;
    }
    Some((end, m1, d1))
}

/// A year written after a month or day without one (14–16 July 2024, July 14th, 2024):
/// where it ends, and the year.
fn year_after(text: &str, at: usize) -> Option<(usize, i32)> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:,\s*|\s+)((?:19|20)[0-9]{2})").expect("year after regex")
    });
    let c = YEAR.captures(text.get(at..)?)?;
    let y = c.get(1)?;
    let end = at + y.end();
    if text[end..].starts_with(|ch: char| ch.is_alphanumeric()) {
        return None;
    }
    Some((end, ascii(y.as_str()).parse().ok()?))
}

/// Words right before a year that compare with it rather than say when the text is:
/// 比2023年, 仅次于2020年, 较2019年同期, than in 2019, compared with 2023.
fn compared(before: &str) -> bool {
    let b = super::text::tail(before.trim_end(), 24).to_ascii_lowercase();
    [
        "比",
        "较",
        "仅次于",
        "相比",
        "对比",
        "同比",
        "超过",
        "低于",
        "高于",
    ]
    .iter()
    .any(|w| b.ends_with(w))
        || [
            "than",
            "than in",
            "compared with",
            "compared to",
            "versus",
            "vs",
            "vs.",
            "over",
        ]
        .iter()
        .any(|w| {
            b.ends_with(w) && !b[..b.len() - w.len()].ends_with(|c: char| c.is_ascii_alphabetic())
        })
}

/// A year a figure is compared with, not the period it counts: 比2023年, than in 2019,
/// and "on 2024" right after a figure (taproom sales were up 27% on 2024).
pub fn is_base(text: &str, d: &Found) -> bool {
    matches!(d.period.span, Span::Year)
        && (compared(&text[..d.range.start]) || growth_on(text, d.range.start, &d.period))
}

/// "up 27% on 2024": a year right after a percentage and "on", the base of a growth.
pub fn growth_on(text: &str, start: usize, period: &Period) -> bool {
    matches!(period.span, Span::Year)
        && text
            .get(..start)
            .and_then(|b| b.trim_end().strip_suffix(" on"))
            .is_some_and(|b| {
                let b = b.trim_end();
                b.ends_with(['%', '％']) || b.ends_with("per cent") || b.ends_with("percent")
            })
}

/// Gives the months and days of `found` (the dates of `text`, in order) written
/// without a year the year of the nearest date before them that states one and says
/// when the text is (…2024年…。6月12日; not 比2023年, not by 2030), else `context`
/// (the section's or the document's year). Returns the year the text leaves for what
/// follows it: its last such year, else `context`.
pub fn infer_years(text: &str, found: &mut [Found], context: Option<i32>) -> Option<i32> {
    let mut year = context;
    for f in found.iter_mut() {
        match f.period.year_from {
            YearFrom::Stated => {
                let sets = !matches!(
                    f.period.span,
                    Span::After
                        | Span::Since
                        | Span::By
                        | Span::Decade
                        | Span::Fiscal(_)
                        | Span::Split(_)
                );
                if sets && !compared(&text[..f.range.start]) {
                    year = Some(f.period.year);
                }
            }
            YearFrom::Unknown => {
                if let Some(y) = year {
                    f.period.year = y;
                    f.period.year_from = YearFrom::Context;
                }
            }
            YearFrom::Context => {}
        }
    }
    year
}

/// The run of ASCII letters that ends `text` ("" when it ends otherwise).
fn last_word(text: &str) -> &str {
    super::text::trailing_run(text, |c| c.is_ascii_alphabetic())
}

/// A year before 1900 is a date only where it cannot be a count or a duration: 1225年
/// (not 1200年前, 1500年历史), or after a word that dates ("minted in 1225", "between
/// 1190 and 1230").
fn historical_year(text: &str, r: Range<usize>, has_nian: bool) -> bool {
    let after = text[r.end..].trim_start();
    if has_nian {
        let rest = after.trim_start_matches('年');
        return ![
            "前",
            "历史",
            "左右",
            "以上",
            "之久",
            "间",
            "里",
            "中",
            "来",
            "多",
            "的历史",
        ]
        .iter()
        .any(|w| rest.starts_with(w));
    }
    let word = last_word(text[..r.start].trim_end());
    [
        "in", "since", "from", "between", "until", "till", "around", "circa", "and", "to", "year",
        "AD", "CE",
    ]
    .contains(&word)
        && (!after.starts_with(|c: char| c.is_alphabetic())
            || ["and ", "to ", "or ", "when "]
                .iter()
                .any(|w| after.starts_with(w)))
        || after.starts_with("AD")
        || after.starts_with("CE")
        || after.starts_with("BC")
}

/// Units and measure words that make a four-digit number before them an amount (2000吨,
/// 1500米, 3000亩, 1200套).
const MEASURE_CHARS: &str =
    "吨米克斤亩箱件套株头只户份本部场起种款升度瓦页册盒包桶粒片枚艘架座所例株间";

/// A four-digit number without 年 is a year unless a magnitude, currency, unit or noun
/// follows it (1500亿, 2000万, 2024家, 2000 users).
fn bare_year_context(text: &str, r: Range<usize>) -> bool {
    let after = &text[r.end..];
    let next = after.chars().next();
    let Some(next) = next else { return true };
    if next.is_ascii_digit()
        || matches!(next, ',' | '.' | '%' | '％')
            && after[next.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    // (Chinese text spaced around its figures: 在受访的 1900 个工程团队中.)
    let cjk_next = after
        .trim_start_matches(' ')
        .chars()
        .next()
        .filter(|c| super::text::is_han(*c));
    if matches!(
        cjk_next.unwrap_or(next),
        '%' | '％'
            | '万'
            | '亿'
            | '千'
            | '百'
            | '倍'
            | '元'
            | '美'
            | '欧'
            | '人'
            | '个'
            | '家'
            | '名'
            | '位'
            | '次'
            | '台'
            | '辆'
            | '条'
            | '项'
            | '篇'
            | '帧'
            | '多'
            | '余'
            | '+'
    ) || MEASURE_CHARS.contains(cjk_next.unwrap_or(next))
    {
        return false;
    }
    let before = text[..r.start].trim_end();
    if before.ends_with(['$', '€', '£', '¥', '￥']) {
        return false;
    }
    // 约2000 / 超过2000 without 年, "exceeds 2048": an amount bounded or hedged, not a
    // year (约2000年 keeps its 年; "over 2024" may compare with the year).
    let lower_before = super::text::tail(before, 24).to_ascii_lowercase();
    let hedged_en = [
        "exceeds",
        "exceeding",
        "exceeded",
        "exceed",
        "more than",
        "less than",
        "fewer than",
        "at least",
        "at most",
        "nearly",
        "approximately",
        "roughly",
        "maximum",
        "max",
        "maximum of",
    ]
    .iter()
    .any(|w| {
        lower_before.ends_with(w)
            && !lower_before[..lower_before.len() - w.len()]
                .ends_with(|c: char| c.is_ascii_alphabetic())
    });
    if hedged_en
        || [
            "约", "近", "超", "逾", "约为", "大约", "将近", "超过", "不到", "不足",
        ]
        .iter()
        .any(|w| before.ends_with(w))
    {
        return false;
    }
    if next == ' ' {
        let word: String = after[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let lower_word = word.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let prep = [
            "in",
            "by",
            "since",
            "from",
            "until",
            "to",
            "of",
            "before",
            "after",
            "during",
            "through",
            "for",
            "and",
            "or",
            "early",
            "late",
            "mid",
            "fiscal",
            // Verbs whose object is a stretch of time: ended 2025 in deficit, began 2024
            // with a surplus.
            "ended",
            "ending",
            "ends",
            "began",
            "begins",
            "started",
            "starts",
            "closed",
            "finished",
            "entered",
            "entering",
            "throughout",
        ];
        let prev_word = last_word(before);
        // A determiner or a possessive before it makes the number an attribute: "a 2022
        // screening", "the 2023 survey", "Gallup's 2024 poll" (never "a 2022 pupils").
        let determiner = [
            "a", "an", "the", "its", "their", "our", "his", "her", "this", "that",
        ];
        let possessive = before.ends_with("'s") || before.ends_with("’s");
        if lower_word
            && (possessive || determiner.contains(&prev_word.to_ascii_lowercase().as_str()))
        {
            return true;
        }
        if lower_word && !prep.contains(&prev_word.to_ascii_lowercase().as_str()) {
            let ok_after = [
                "and", "to", "or", "the", "was", "were", "is", "when", "as", "with", "that",
                "which", "revenue", "sales", "figures", "data", "study", "report", "survey",
            ];
            return ok_after.contains(&word.as_str());
        }
    }
    true
}

/// Words right before a forecast cue that tell it as past: "higher than expected", 原预计.
static PAST: Gated = Gated::new(
    r"(?i)(?:(?-u:\b)(?:than|as|had|had\s+been|originally|initially)\s+|原|原本|此前|当时|当初|曾|曾经|一度)$",
    Gate::Custom(|t| {
        ends_with_word(
            t,
            &["than", "as", "had", "been", "originally", "initially"],
            &["原", "原本", "此前", "当时", "当初", "曾", "曾经", "一度"],
        )
    }),
);

/// Told as history (had projected, 曾预计): what the forecast said goes with it, 曾预计，
/// 到2025年…将达到25%. "此前预测…将突破" only dates the prediction: its target still reads
/// as ahead.
static HISTORY: Gated = Gated::new(
    r"(?i)(?:(?-u:\b)(?:had|had\s+been|originally|initially)\s+|原|原本|当初|曾|曾经|一度)$",
    Gate::Custom(|t| {
        ends_with_word(
            t,
            &["had", "been", "originally", "initially"],
            &["原", "原本", "当初", "曾", "曾经", "一度"],
        )
    }),
);

/// "expected by the end of 2025 but slipped", "The boardwalk, planned for October 2025,
/// was held up by the monsoon", 原计划2025年完成，但已推迟: a forecast followed by its
/// failure is history.
static MISSED: Gated = Gated::new(
    r"(?i)(?-u:\b)but\s+(?:it\s+|this\s+|that\s+|the\s+date\s+)?(?:slipped|slid|was\s+(?:delayed|postponed|pushed|dropped|cancell?ed|missed|shelved)|has\s+been\s+(?:delayed|postponed|pushed|dropped|cancell?ed|shelved)|never|did\s+not|didn't|failed|missed|fell\s+through)|,\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:delayed|postponed|pushed\s+back|held\s+up|dropped|cancell?ed|shelved|deferred)(?-u:\b)|[，,]?\s*(?:但|却|后)(?:已|因故|随后)?(?:推迟|延期|延后|搁置|取消|未能|落空)",
    Gate::ContainsCaseless(&[
        "but", "been", "was", "were", "推迟", "延期", "延后", "搁置", "取消", "未能", "落空",
    ]),
);

/// The gate of [`PAST`] and [`HISTORY`]: a match ends the text with one of `words` in any
/// case and then `\s+$` (white space, what `trim_end` trims), or with one of `zh`.
fn ends_with_word(t: &str, words: &[&str], zh: &[&str]) -> bool {
    let trimmed = t.trim_end();
    (trimmed.len() < t.len() && ends_caseless(trimmed, words)) || zh.iter().any(|w| t.ends_with(w))
}

/// The gate of [`DONE`]: a Chinese match ends the text with its word; an English one holds
/// its verb, and ends with white space or the last letter of `in|on|at|during|since|from`.
fn told_as_done(t: &str) -> bool {
    ["已于", "曾于", "早在", "已在", "自"]
        .iter()
        .any(|w| t.ends_with(w))
        || (t.ends_with(|c: char| c.is_whitespace() || "ntgemNTGEM".contains(c))
            && holds_caseless(
                t,
                &[
                    "ed", "began", "begun", "built", "made", "won", "held", "took", "saw", "hit",
                    "grew", "rose", "fell", "was", "were", "had", "set",
                ],
            ))
}

/// Forecast cues of a sentence that really look ahead: not "was forecast to", "higher
/// than expected", 原预计 (a past forecast reported as such).
pub fn live_cues(text: &str, s: &Sentence, lex: &Lexicon) -> Vec<Range<usize>> {
    let st = &text[s.range.clone()];
    let missed_at = MISSED.find(st).map_or(usize::MAX, |m| m.start());
    // A forecast reported as past carries what it said with it: 曾预计，到2025年…将达到.
    let mut reported = false;
    lex.forecast
        .find_all(st)
        .filter(|(r, _)| r.start > missed_at || missed_at == usize::MAX)
        .filter(|(r, _)| {
            let before = super::text::tail(&st[..r.start], 32);
            reported = reported || HISTORY.is_match(before);
            !reported && !PAST.is_match(before)
        })
        // A cue right after a closing quote names a programme: 2025 年度"开源之光"计划资助,
        // 「星火」计划.
        .filter(|(r, _)| {
            !(st[r.clone()].starts_with("计划") || st[r.clone()].starts_with("計劃"))
                || !st[..r.start].ends_with(['"', '”', '」', '』'])
        })
        // A cue right after a number is the counted noun: "14 targets", "12 projects",
        // "18 research projects" (a word may describe it).
        .filter(|(r, _)| {
            let words: Vec<&str> = st[..r.start].split_whitespace().rev().take(2).collect();
            let counted = |w: &str| {
                w.starts_with(|c: char| c.is_ascii_digit())
                    && w.chars().all(|c| c.is_ascii_digit() || c == ',')
            };
            let noun =
                ["projects", "targets", "forecasts", "projections"].contains(&&st[r.clone()]);
            !st[..r.start].ends_with(' ')
                || !(words.first().is_some_and(|w| counted(w))
                    || noun
                        && words.get(1).is_some_and(|w| counted(w))
                        && words[0].chars().all(|c| c.is_ascii_lowercase()))
        })
        // 计划 ending its clause or before 的 names a plan (实施营养改善计划。, 计划的实施): a
        // noun, looking ahead to nothing.
        .filter(|(r, _)| {
            let cue = &st[r.clone()];
            !(cue == "计划" || cue == "計劃")
                || !st[r.end..]
                    .trim_start_matches(' ')
                    .chars()
                    .next()
                    .is_none_or(|c| "，。；、：）)」』”\"的（(".contains(c))
        })
        .map(|(r, _)| s.range.start + r.start..s.range.start + r.end)
        .collect()
}

/// Words right before a date that tell it as done: "launched in", "was founded in", 已于.
static DONE: Gated = Gated::new(
    r"(?i)(?:(?-u:\b)(?:[a-z]+ed|began|begun|built|made|won|held|took|saw|hit|grew|rose|fell|was|were|had|set)\s+(?:by\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?\s+)?(?:in|on|at|during|since|from)?\s*(?:the\s+)?(?:end\s+of\s+|spring\s+of\s+)?|已于|曾于|早在|已在|自)$",
    Gate::Custom(told_as_done),
);

/// Whether the date at `at` is told as done: "launched in June 2023", "was founded in",
/// 已于2023年, 早在2019年.
fn in_the_past(text: &str, clause_start: usize, at: usize) -> bool {
    let from = super::text::floor_char(text, at.saturating_sub(48).max(clause_start));
    if DONE.is_match(&text[from..at]) {
        return true;
    }
    // 2026年5月批准了…: a verb with 了 right after the date tells it as done.
    let after = &text[at..];
    let date_len = after
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || "年月日季度第一二三四上下半 ".contains(c)))
        .map_or(after.len(), |(i, _)| i);
    let rest = &after[date_len..];
    rest.chars()
        .take(4)
        .position(|c| c == '了')
        .is_some_and(|k| k >= 1)
        && rest
            .chars()
            .take_while(|&c| c != '了')
            .all(|c| c > '\u{2E80}' && c != '，')
}

/// Which clauses of a sentence state a forecast (for figures), by its [`live_cues`].
pub fn forecast_clauses(s: &Sentence, cues: &[Range<usize>]) -> Vec<usize> {
    // (Where the cues start, in order: each clause asks by binary search.)
    let mut cues: Vec<usize> = cues.iter().map(|p| p.start).collect();
    cues.sort_unstable();
    s.clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            let k = cues.partition_point(|&p| p < c.range.start);
            cues.get(k).is_some_and(|&p| p < c.range.end)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Which dates of a sentence are the target of a forecast. A cue looks ahead: the dates
/// after it in its clause (预计2024年, expected to reach $5B by 2025); failing that the
/// date just before it (2024预计创收); and a cue in a clause without a date reaches into
/// the neighbouring clause (据预测，到2024年，…将达到…). `cues` are the sentence's
/// [`live_cues`] (read once for its figures and its dates).
pub fn forecast_dates(
    text: &str,
    s: &Sentence,
    dates: &[&Found],
    cues: &[Range<usize>],
) -> Vec<Option<Range<usize>>> {
    let mut out: Vec<Option<Range<usize>>> = vec![None; dates.len()];
    // Cues only ever mark dates: without dates there is nothing to look for.
    if dates.is_empty() {
        return out;
    }
    let clause_of = |pos: usize| {
        let k = s.clauses.partition_point(|c| c.range.end <= pos);
        s.clauses.get(k).filter(|c| c.range.start <= pos).map(|_| k)
    };
    // (Asked once: a sentence may hold thousands of dates and of cues.)
    let sorted = dates.is_sorted_by_key(|d| d.range.start);
    for cue_range in cues.iter().cloned() {
        let cue = cue_range.start;
        let Some(ci) = clause_of(cue) else { continue };
        let c = &s.clauses[ci];
        let in_clause: Vec<usize> = starting_in(dates, sorted, &c.range).collect();
        let after: Vec<usize> = in_clause
            .iter()
            .copied()
            .filter(|&k| dates[k].range.start >= cue)
            .collect();
        if !after.is_empty() {
            for k in after {
                out[k] = Some(cue_range.clone());
            }
            continue;
        }
        if let Some(&k) = in_clause
            .iter()
            // 到2025年全市城镇化率力争达到75%: the target year stands well before the cue.
            .filter(|&&k| dates[k].range.end <= cue && cue - dates[k].range.end <= 48)
            .filter(|&&k| !in_the_past(text, c.range.start, dates[k].range.start))
            .max_by_key(|&&k| dates[k].range.end)
        {
            // (A cue before it that looks ahead to it keeps it: "is expected to launch in
            // the first half of 2026 and will cost £59".)
            if out[k].is_none() {
                out[k] = Some(cue_range.clone());
            }
            continue;
        }
        if in_clause.is_empty() {
            // ("we expect to open a third taproom, in Kendal, by summer 2026": a short
            // clause without a date between the cue and its date is passed over.)
            let short = |k: usize| {
                s.clauses.get(k).is_some_and(|n| {
                    n.range.end - n.range.start <= 24
                        && starting_in(dates, sorted, &n.range).next().is_none()
                })
            };
            let ahead = if short(ci + 1) { ci + 2 } else { ci + 1 };
            for cj in [ci.wrapping_sub(1), ahead] {
                let Some(n) = s.clauses.get(cj) else { continue };
                let near: Vec<usize> = starting_in(dates, sorted, &n.range).collect();
                let pick = if cj < ci { near.last() } else { near.first() };
                // "Summer Pages, which we launched in June 2023, will come to more schools":
                // a date of something done is not what the cue looks ahead to.
                let pick =
                    pick.filter(|&&k| !in_the_past(text, n.range.start, dates[k].range.start));
                // ("is expected to launch in the first half of 2026 and will cost £59": a
                // date its own clause's cue looks ahead to keeps that cue.)
                if let Some(&k) = pick
                    && out[k].is_none()
                {
                    out[k] = Some(cue_range.clone());
                }
            }
        }
    }
    out
}

/// The indices of the dates that start inside `r`, in order: found by binary search when
/// the dates are in order of their start (`sorted`), as a sentence's are (a sentence may
/// hold thousands of dates and of cues).
fn starting_in<'a>(
    dates: &'a [&Found],
    sorted: bool,
    r: &'a Range<usize>,
) -> impl Iterator<Item = usize> + 'a {
    let inside = |k: &usize| r.start <= dates[*k].range.start && dates[*k].range.start < r.end;
    let (lo, hi) = if sorted {
        let lo = dates.partition_point(|d| d.range.start < r.start);
        (lo, dates.partition_point(|d| d.range.start < r.end).max(lo))
    } else {
        (0, dates.len())
    };
    (lo..hi).filter(inside)
}

/// A sentence's dates stated with a year, read once for all its figures: see
/// [`Stated::nearest`].
pub struct Stated<'a> {
    all: &'a [&'a Found],
    dates: Vec<&'a Found>,
    /// Whether their starts and their ends both rise (no date holds another), so that
    /// both can be searched.
    in_order: bool,
}

impl<'a> Stated<'a> {
    pub fn new(dates: &'a [&'a Found]) -> Self {
        let stated: Vec<&Found> = dates
            .iter()
            .copied()
            .filter(|d| d.period.year_from == YearFrom::Stated)
            .collect();
        let in_order = stated
            .windows(2)
            .all(|w| w[0].range.start <= w[1].range.start && w[0].range.end <= w[1].range.end);
        Stated {
            all: dates,
            dates: stated,
            in_order,
        }
    }

    /// What [`nearest`] answers, by binary search: the date in the clause nearest the
    /// figure at `pos` (the first of equally near ones), else the latest ending before it.
    pub fn nearest(&self, s: &Sentence, clause: &Clause, pos: usize) -> Option<Period> {
        if !self.in_order {
            return nearest(self.all, s, clause, pos);
        }
        let d = &self.dates;
        // In the clause: starting in it and ending in it, a run of the dates in order.
        let lo = d.partition_point(|x| x.range.start < clause.range.start);
        let hi = d
            .partition_point(|x| x.range.end <= clause.range.end)
            .max(lo);
        let inside = &d[lo..hi];
        let at = inside.partition_point(|x| x.range.start < pos);
        // The last starting before `pos` (the first of those starting where it does) and
        // the first starting at or after it.
        let before = at
            .checked_sub(1)
            .map(|k| inside.partition_point(|x| x.range.start < inside[k].range.start));
        let after = (at < inside.len()).then_some(at);
        let pick = match (before, after) {
            (Some(b), Some(a)) => Some(
                if pos - inside[b].range.start <= inside[a].range.start - pos {
                    b
                } else {
                    a
                },
            ),
            (b, a) => b.or(a),
        };
        if let Some(k) = pick {
            return Some(inside[k].period.clone());
        }
        // Else the latest ending by `pos` that starts in the sentence.
        let q = d.partition_point(|x| x.range.end <= pos);
        let l = d.partition_point(|x| x.range.start < s.range.start);
        (q > l).then(|| d[q - 1].period.clone())
    }
}

/// The period a figure is about: the date in its clause, else the nearest earlier date in
/// its sentence.
pub fn nearest(dates: &[&Found], s: &Sentence, clause: &Clause, pos: usize) -> Option<Period> {
    // A month or day written without a year is a date of its own sentence's events, not
    // the period a figure counts (截至6月30日累计收购186.3万吨 counts the season).
    let dates: Vec<&&Found> = dates
        .iter()
        .filter(|d| d.period.year_from == YearFrom::Stated)
        .collect();
    let in_clause = dates
        .iter()
        .filter(|d| clause.range.start <= d.range.start && d.range.end <= clause.range.end)
        .min_by_key(|d| d.range.start.abs_diff(pos));
    if let Some(d) = in_clause {
        return Some(d.period.clone());
    }
    dates
        .iter()
        .filter(|d| s.range.start <= d.range.start && d.range.end <= pos)
        .max_by_key(|d| d.range.end)
        .map(|d| d.period.clone())
}

#[cfg(test)]
mod tests {
    use super::{Clause, Found, Sentence, Stated, find, nearest};

    /// [`Stated::nearest`] answers what [`nearest`] (the dates filtered and searched for
    /// each figure) did, at every position of every clause of generated sentences.
    #[test]
    fn dates_read_once_give_the_period_a_search_per_figure_did() {
        let pieces = [
            "2024年",
            "3月",
            "2023年5月",
            "5月8日",
            " in March 2024 ",
            " 2025 ",
            "到2026年",
            "Q3 2025",
            "2024-05-01",
            "，",
            "；",
            "（",
            "）",
            "增长12%",
            " grew 4% ",
            "去年",
            "。",
        ];
        let mut next = crate::testrand::below(0x2545_F491_4F6C_DD1D);
        let (mut asked, mut dated, mut ordered) = (0, 0, 0);
        for _ in 0..2000 {
            let t: String = (0..1 + next(20))
                .map(|_| pieces[next(pieces.len())])
                .collect();
            let mut found = find(&t);
            super::infer_years(&t, &mut found, Some(2024));
            for s in crate::claim::text::sentences(&t) {
                let s_dates: Vec<&Found> = found
                    .iter()
                    .filter(|d| s.range.start <= d.range.start && d.range.end <= s.range.end)
                    .collect();
                let stated = Stated::new(&s_dates);
                // (Searched, not scanned, when the dates are in order.)
                ordered += usize::from(stated.in_order && stated.dates.len() > 1);
                let check = |s: &Sentence, clause: &Clause, pos: usize| {
                    let want = nearest(&s_dates, s, clause, pos);
                    assert_eq!(stated.nearest(s, clause, pos), want, "{t:?} at {pos}");
                    want.is_some()
                };
                for clause in &s.clauses {
                    for pos in (s.range.start..=s.range.end).filter(|&i| t.is_char_boundary(i)) {
                        dated += usize::from(check(&s, clause, pos));
                        asked += 1;
                    }
                }
            }
        }
        assert!(dated > 10_000 && asked > dated, "{dated} of {asked}");
        assert!(ordered > 1000, "{ordered}");
    }

    #[test]
    fn dates_in_full_width_digits() {
        assert_eq!(one("２０２６年３月开工。"), one("2026年3月开工。"));
        assert_eq!(
            one("于２０２６年１０月８日开工"),
            one("于2026年10月8日开工")
        );
        let f = find("白港航通〔２０２６〕１７ 号");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].period.year, 2026);
    }

    #[test]
    fn dates_in_chinese_numerals() {
        let t = "二零二六年五月十二日公告；二〇二一年七月上市；二零二六年第三季度；一九九八年以来；\
                 截至二零二五年；二零二六年二月三十日；一二三四五年；十二万二千年";
        let found: Vec<String> = super::find(t)
            .iter()
            .map(|f| format!("{} {}", &t[f.range.clone()], f.period.label()))
            .collect();
        assert_eq!(
            found,
            [
                "二零二六年五月十二日 2026-05-12",
                "二〇二一年七月 2021-07",
                "二零二六年第三季度 Q3 2026",
                "一九九八年 since 1998",
                "二零二五年 by 2025",
                // No 30 February: the month alone.
                "二零二六年二月 2026-02",
            ]
        );
    }

    #[test]
    fn a_bare_year_has_the_groups_the_regex_gives_it() {
        let mut texts: Vec<String> = Vec::new();
        for y in ["1999", "2024", "2030", "1066", "2100", "1850", "２０２４"] {
            for before in [
                "", "in ", "到", "A", "Q3 ", "FY", "since ", "1", "比", "截至",
            ] {
                for after in [
                    "",
                    " ",
                    "年",
                    " 年",
                    "\u{3000}年",
                    "年底",
                    "年以来",
                    "年代",
                    "s",
                    "-06",
                    "年6月",
                    "年第三季度",
                    " users",
                    "0",
                    "年 ",
                    "财年",
                    "/25",
                    "年春季",
                    "  ",
                    "\n年",
                ] {
                    texts.push(format!("{before}{y}{after}，其他"));
                    texts.push(format!("{before}{y}{after}"));
                }
            }
        }
        let mut fast = 0;
        for re in [&*super::DATE_ASCII, &*super::DATE] {
            let names: Vec<&str> = re.capture_names().flatten().collect();
            for t in &texts {
                for caps in re.captures_iter(t) {
                    let m = caps.get(0).unwrap();
                    let Some(nian) = super::bare_year(m.as_str()) else {
                        continue;
                    };
                    fast += 1;
                    let c = super::DateCaps::Year {
                        hay: t,
                        y: m.start()..m.start() + 4,
                        nian: nian.map(|r| m.start() + r.start..m.start() + r.end),
                    };
                    for n in &names {
                        assert_eq!(
                            c.name(n).map(|g| g.range()),
                            caps.name(n).map(|x| x.range()),
                            "{t:?} group {n}"
                        );
                    }
                }
            }
        }
        assert!(fast > 300, "{fast}");
    }

    #[test]
    fn the_ascii_date_pattern_finds_what_the_full_one_does() {
        // Every `\d` of the pattern is the digit class (no escaped backslash precedes one).
        assert!(!super::DATE_PATTERN.contains(r"\\"));
        let texts = [
            "2024年3月15日发布，Q3 2023 营收；1990s; 2025-06-01; FY2024 Q2; 2024年上半年",
            "by the end of 2030, since 2019, after 2020, spring of 2024, 15 March 2024",
            "H1 2025, 2024财年第三季度, 2019年以后, 2023年秋季, 20 Dec. 2021 und 3 Jan 2020",
        ];
        for t in texts {
            let spans = |re: &regex::Regex| -> Vec<Vec<Option<(usize, usize)>>> {
                re.captures_iter(t)
                    .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                    .collect()
            };
            assert_eq!(spans(&super::DATE), spans(&super::DATE_ASCII), "{t}");
            assert!(!spans(&super::DATE).is_empty());
        }
        // Full-width digits differ, and are numeric: a text holding them is searched with
        // the full pattern.
        assert_eq!(
            super::DATE.find("于20２４年３月").map(|m| m.as_str()),
            Some("20２４年３月")
        );
        assert_eq!(
            super::DATE_ASCII.find("于20２４年３月").map(|m| m.as_str()),
            None
        );
        assert!('２'.is_numeric() && '٣'.is_numeric());
    }

    #[test]
    fn every_gate_admits_the_matches_of_its_pattern() {
        for g in [&super::PAST, &super::HISTORY, &super::MISSED, &super::DONE] {
            crate::gate::assert_sound(g);
        }
    }

    use super::*;

    fn one(text: &str) -> Period {
        let f = find(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        f[0].period.clone()
    }

    /// The dates of `text` (one sentence) that a forecast cue looks ahead to.
    fn targets(text: &str) -> Vec<String> {
        let lex = Lexicon::builtin().unwrap();
        let s = &super::super::text::sentences(text)[0];
        let found = find(text);
        let dates: Vec<&Found> = found.iter().collect();
        forecast_dates(text, s, &dates, &live_cues(text, s, lex))
            .iter()
            .zip(&found)
            .filter(|(cue, _)| cue.is_some())
            .map(|(_, d)| text[d.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn a_plan_or_projects_counted_are_nouns() {
        // 计划 that ends its clause names a programme; "18 research projects" counts them.
        assert!(targets("2025 年，全县 186 所学校全部实施营养改善计划。").is_empty());
        assert!(targets("Seed from the bank supported 18 research projects in 2025.").is_empty());
        assert_eq!(targets("项目计划于 2025 年底完工。"), ["2025 年底"]);
        assert_eq!(
            targets("For 2024, management expects revenue to rise."),
            ["2024"]
        );
    }

    #[test]
    fn a_year_compared_with_is_a_base() {
        let base = |t: &str| {
            let f = find(t);
            f.iter().map(|d| super::is_base(t, d)).collect::<Vec<_>>()
        };
        assert_eq!(base("Taproom sales were up 27% on 2024."), [true]);
        assert_eq!(base("营收比2023年增长12%"), [true]);
        assert_eq!(base("Revenue grew 27% in 2024."), [false]);
        assert_eq!(
            base("The shop opened on 2024-05-01 with 12 staff."),
            [false]
        );
        assert_eq!(base("We relied on 2024 data for 40% of it."), [false]);
    }

    #[test]
    fn a_cue_reaches_past_a_short_clause_to_its_date() {
        assert_eq!(
            targets(
                "With this raise, we expect to open a third taproom, in Kendal, by summer 2026."
            ),
            ["summer 2026"]
        );
        // A long clause between them is another statement.
        assert!(
            targets(
                "We expect to open a taproom, whatever the weather turns out to be, by summer 2026."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_forecast_told_as_past_has_no_target() {
        for past in [
            "Lisbon's 2015 plan had projected a canopy of 25% by 2025.",
            "里斯本 2015 年的规划曾预计，到 2025 年树冠覆盖率将达到 25%。",
            "Summer Pages, which we launched in June 2023, will come to more schools.",
            "The expansion, approved by the board in May 2026, will lift capacity.",
            "董事会于2026年5月批准了扩建计划，产能将提升至7000吨。",
            "The pipe replacement was originally projected to finish in 2025.",
            "The Kubernetes operator was expected by the end of 2025 but slipped.",
            "该功能预计2025年上线，但已推迟。",
            "原计划2025年底前完成的回收试验，已因平台改装推迟至2027年。",
        ] {
            assert!(targets(past).is_empty(), "{past}: {:?}", targets(past));
        }
        assert_eq!(
            targets("Revenue is expected to reach $5 billion by 2025."),
            ["by 2025"]
        );
        assert_eq!(targets("预计2024年带来60亿美元新增收入。"), ["2024年"]);
        // A deadline still ahead is a forecast; one met is history.
        assert_eq!(
            targets("在 2026 年 9 月底前完成全部试点。"),
            ["2026 年 9 月"]
        );
        assert_eq!(targets("力争2027年底前建成。"), ["2027年底"]);
        assert!(targets("该项目已于2025年6月前完成验收。").is_empty());
        assert_eq!(
            targets("Delivery is expected in the third quarter of 2026."),
            ["third quarter of 2026"]
        );
    }

    #[test]
    fn a_date_keeps_the_cue_that_looks_ahead_to_it() {
        // The later "will"/将 belongs to the next statement, not to the date before it.
        let lex = Lexicon::builtin().unwrap();
        for (text, cue) in [
            (
                "The pass is expected to launch in the first half of 2026 and will cost £59 a year.",
                "expected",
            ),
            ("该通行证预计2026年上半年推出并将收费59英镑。", "预计"),
        ] {
            let s = &super::super::text::sentences(text)[0];
            let found = find(text);
            let dates: Vec<&Found> = found.iter().collect();
            let cues = forecast_dates(text, s, &dates, &live_cues(text, s, lex));
            assert_eq!(cues.len(), 1, "{text}");
            let r = cues[0].clone().expect("a cue");
            assert_eq!(&text[r], cue, "{text}");
        }
    }

    #[test]
    fn a_year_before_a_noun_after_a_determiner_is_a_date() {
        for text in [
            "A 2022 screening of pupils",
            "the 2023 survey found",
            "Gallup's 2024 poll",
        ] {
            assert_eq!(one(text).span, Span::Year, "{text}");
        }
        for text in ["it has 2022 pupils", "Sold 2024 units"] {
            assert!(find(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_year_before_1900_is_a_date_where_it_reads_as_one() {
        assert_eq!(one("the latest of them minted in 1225.").year, 1225);
        assert_eq!(one("年代最晚的铸于1225年。").year, 1225);
        assert_eq!(find("felled between 1190 and 1230").len(), 2);
        // Counts and durations: 1500 users, 1200年前, 1500年历史, 1800 pieces.
        for text in [
            "about 1500 users",
            "约1200年前",
            "有1500年历史",
            "1800 pieces",
        ] {
            assert!(find(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn day_month_year() {
        assert_eq!(one("released on 18 February 2026").span, Span::Day(2, 18));
        assert!(one("18 February 2026").conflicts(&one("2026年2月8日")));
    }

    #[test]
    fn seasons() {
        assert_eq!(one("expected by summer 2026").span, Span::Season(2));
        assert_eq!(one("2026年春季上线").span, Span::Season(1));
        // A season of the year given in months in brackets.
        assert_eq!(
            one("预计 2026 年汛期（5—9 月）全市降水偏多").span,
            Span::Range(5, 0, 9, 0)
        );
        assert_eq!(one("2026 年（全年）").span, Span::Year);
        let spring = one("in spring 2026");
        assert_eq!(spring.end(), NaiveDate::from_ymd_opt(2026, 5, 31));
        assert_eq!(spring.label(), "spring 2026");
        assert_eq!(
            one("winter 2025").end(),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        assert!(one("spring 2026").conflicts(&one("2026年秋季")));
        assert!(!one("spring 2026").conflicts(&one("April 2026")));
        // Feasts of a year: Easter by the end of April, Christmas in December.
        assert_eq!(one("to open by Easter 2026").span, Span::Month(4));
        assert_eq!(one("ready by Christmas 2025").span, Span::Month(12));
    }

    #[test]
    fn date_forms() {
        assert_eq!(one("2023年收入").span, Span::Year);
        assert_eq!(one("2024 Q1数据").span, Span::Quarter(1));
        assert_eq!(one("2024年Q1财报").span, Span::Quarter(1));
        assert_eq!(one("in Q3 2024 the").span, Span::Quarter(3));
        // Quarters and halves in words: the quarter, not the year.
        let q = one("in the third quarter of 2026.");
        assert_eq!((q.year, q.span), (2026, Span::Quarter(3)));
        assert_eq!(one("First quarter 2025 sales").span, Span::Quarter(1));
        assert_eq!(one("in the second half of 2027,").span, Span::Half(2));
        assert!(one("the fourth quarter of 2026").conflicts(&one("2026年第一季度")));
        // 第三季 without 度, as Hong Kong and Taiwan write it after a year.
        assert_eq!(one("預計 2026 年第三季推出").span, Span::Quarter(3));
        assert_eq!(one("2010年代深度学习").span, Span::Decade);
        assert_eq!(one("预计2025年后AI平台化").span, Span::After);
        assert_eq!(one("revenue by 2030 will").span, Span::By);
        assert_eq!(one("2023年3月发布").span, Span::Month(3));
        assert_eq!(one("released in March 2023.").span, Span::Month(3));
        assert_eq!(one("（MIT 2024研究）").year, 2024);
        assert_eq!(one("(Gartner, 2023)").year, 2023);
    }

    #[test]
    fn numbers_that_are_not_years() {
        assert!(find("形成价值1500亿美元/年").is_empty());
        assert!(find("2000万用户").is_empty());
        assert!(find("over 2000 users signed up").is_empty());
        assert!(find("$2024 per seat").is_empty());
        assert!(find("v2023.1").is_empty());
        assert!(
            find("在2025年产出约2000吨")
                .iter()
                .all(|d| d.period.label() != "2000")
        );
        assert!(find("种植面积1500亩").is_empty());
        assert!(find("在受访的 1900 个工程团队中").is_empty());
        assert!(find("全市共有 2010 名志愿者").is_empty());
        assert_eq!(find("约2000年前后").len(), 1);
        // A split fiscal year is named by its later year.
        let f = find("by the end of Q3 2026/27.");
        assert_eq!((f[0].period.year, f[0].period.span), (2026, Span::Split(3)));
        assert_eq!(f[0].period.end(), NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(f[0].period.label(), "Q3 2026/27");
        let f = find("In 2025/26 the trust treated 5,000 patients.");
        assert_eq!((f[0].period.year, f[0].period.span), (2025, Span::Split(0)));
        assert_eq!(f[0].period.end(), NaiveDate::from_ymd_opt(2026, 3, 31));
        assert_eq!(find("in 2024/2025").len(), 1);
        assert!(find("after the total length exceeds 2048 (training length)").is_empty());
        assert!(find("supports a maximum of 8192 tokens").is_empty());
        assert_eq!(find("revenue grew 10% over 2024").len(), 1);
        // Quarters and halves in words.
        let f = find("delivery in the third quarter of 2026.");
        assert_eq!(f[0].period.label(), "Q3 2026");
        assert_eq!(
            find("in the Fourth Quarter 2025")[0].period.label(),
            "Q4 2025"
        );
        let f = find("expected in the first half of 2026");
        assert_eq!((f[0].period.year, f[0].period.span), (2026, Span::Half(1)));
        assert_eq!(
            find("the second half of 2027")[0].period.end(),
            NaiveDate::from_ymd_opt(2027, 12, 31)
        );
        // A verb whose object is a stretch of time.
        assert_eq!(find("One in three clubs ended 2025 in deficit.").len(), 1);
        // (June is a month of its own.)
        assert!(
            find("The plant shipped 2025 in June.")
                .iter()
                .all(|d| d.period.year_from == YearFrom::Unknown)
        );
    }

    /// The one date of `text` as (its text, its label).
    fn read(text: &str) -> (String, String) {
        let f = find(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        (text[f[0].range.clone()].to_string(), f[0].period.label())
    }

    #[test]
    fn a_month_and_day_without_a_year() {
        for (text, date, label) in [
            ("6月12日，全省小麦收获基本结束。", "6月12日", "--06-12"),
            ("于 9 月 6 日 发表", "9 月 6 日", "--09-06"),
            ("6月12号开通", "6月12号", "--06-12"),
            ("published on 16 September.", "16 September", "--09-16"),
            ("on 16th September,", "16th September", "--09-16"),
            ("the 12th of June", "12th of June", "--06-12"),
            ("June 12th was the day", "June 12th", "--06-12"),
            ("Due on Sept. 3 at noon", "Sept. 3", "--09-03"),
            ("到9月底前完成", "9月底", "--09"),
            ("9月中旬开工", "9月中旬", "--09"),
            ("3月份的数据", "3月份", "--03"),
            ("in mid-July we", "July", "--07"),
            ("by the end of August", "August", "--08"),
            ("opened in May.", "May", "--05"),
        ] {
            assert_eq!(read(text), (date.to_string(), label.to_string()), "{text}");
        }
    }

    #[test]
    fn ranges_of_days_and_months() {
        for (text, date, label) in [
            ("The festival runs 14–16 July.", "14–16 July", "--07-14/16"),
            ("from 14 to 16 July", "14 to 16 July", "--07-14/16"),
            ("July 14 to 16 and", "July 14 to 16", "--07-14/16"),
            ("7月16日至18日出现强降雨", "7月16日至18日", "--07-16/18"),
            ("7月16—18日出现强降雨", "7月16—18日", "--07-16/18"),
            (
                "定于 2027 年 5 月 21—23 日在澄州举行",
                "2027 年 5 月 21—23 日",
                "2027-05-21/23",
            ),
            (
                "主汛期（6月1日至9月30日）",
                "6月1日至9月30日",
                "--06-01/09-30",
            ),
            ("from 30 June – 2 July", "30 June – 2 July", "--06-30/07-02"),
            ("1-3月营收增长", "1-3月", "--01/03"),
            (
                "2023年9月24日至10月8日举行",
                "2023年9月24日至10月8日",
                "2023-09-24/10-08",
            ),
            ("runs 14–16 July 2026.", "14–16 July 2026", "2026-07-14/16"),
            ("On June 12th, 2024 we", "June 12th, 2024", "2024-06-12"),
            (
                "sold from 3 April to 30 September 2025. We",
                "3 April to 30 September 2025",
                "2025-04-03/09-30",
            ),
        ] {
            assert_eq!(read(text), (date.to_string(), label.to_string()), "{text}");
        }
        // A range that runs backwards is not one.
        assert!(find("12-1月").is_empty());
    }

    #[test]
    fn what_is_not_a_month_or_day() {
        for text in [
            "版本 6/12 发布",
            "时间 12:30 开始",
            "见第6章12节",
            "共3个月",
            "前3月累计",
            "6月12",
            "比例为6:12",
            "v6.12 released",
            "section 6.12",
            "may 12 users",
            "it may 3 times",
            "31 February",
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
        // An hour after the day leaves the day a date.
        assert_eq!(read("县防指于7月16日20时启动").0, "7月16日");
    }

    #[test]
    fn the_year_of_a_month_or_day_comes_from_the_text_before_it() {
        let years = |text: &str, context: Option<i32>| -> Vec<String> {
            let mut f = find(text);
            infer_years(text, &mut f, context);
            f.iter().map(|d| d.period.label()).collect()
        };
        assert_eq!(
            years("2024年，全省小麦丰收。6月12日，收获基本结束。", None),
            ["2024", "2024-06-12"]
        );
        // A year compared with is not the year the text is in.
        assert_eq!(
            years("降雨量仅次于2020年。7月16日启动响应。", Some(2026)),
            ["2020", "2026-07-16"]
        );
        assert_eq!(
            years("by 2030 we aim; on 12 June we met", None),
            ["by 2030", "--06-12"]
        );
        assert_eq!(years("On 12 June we met.", Some(2025)), ["2025-06-12"]);
    }

    #[test]
    fn months_and_days_without_a_year_conflict_by_month_and_day() {
        let p = |text: &str| one(text);
        // The same day written three ways.
        assert!(!p("6月12日").conflicts(&p("12 June")));
        assert!(!p("June 12th").conflicts(&p("2024年6月12日")));
        // Another day, another month.
        assert!(p("6月12日").conflicts(&p("6月18日")));
        assert!(p("14–16 July").conflicts(&p("14–16 August")));
        assert!(p("16 September").conflicts(&p("2026 年 9 月 6 日")));
        // A day inside a range or a month refines it.
        assert!(!p("7月16日至18日").conflicts(&p("7月17日")));
        assert!(!p("9月底").conflicts(&p("9月28日")));
        assert!(p("10月").conflicts(&p("9月28日")));
        // A year, a quarter: nothing to compare a day without its year with.
        assert!(!p("6月12日").conflicts(&p("2023年")));
        assert!(!p("6月12日").conflicts(&p("2023年第一季度")));
        // A year taken from the text that differs from one written: two times.
        let mut inferred = p("9月");
        inferred.year = 2025;
        inferred.year_from = YearFrom::Context;
        assert!(!inferred.conflicts(&p("2016年4月")));
        assert!(inferred.conflicts(&p("2025年4月")));
        // No year, no end: never stale.
        assert_eq!(p("9月底").end(), None);
        inferred.span = Span::Month(9);
        assert_eq!(inferred.end(), NaiveDate::from_ymd_opt(2025, 9, 30));
    }

    #[test]
    fn period_ends() {
        let p = Period::stated(2024, Span::Quarter(1));
        assert_eq!(p.end(), NaiveDate::from_ymd_opt(2024, 3, 31));
        let p = Period::stated(2025, Span::After);
        assert_eq!(p.end(), None);
    }
}
