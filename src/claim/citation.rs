//! Citations: the source a sentence gives for what it states. Parenthetical sources
//! （MIT 2024研究）, (Gartner, 2023); leading source clauses 财报显示，… / 2023年Defcon大会演示：…
//! / According to the IEA, …; links; footnote references; and vague sources that name
//! nobody (内部测试显示, studies show).

use crate::hashing::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::gate::{Gate, Gated};

use super::CitationKind;
use super::entity::Mention;
use super::text::{Sentence, is_han};
use crate::lexicon::{CiteWord, EntityKind, Lexicon};
use crate::markdown::Block;

#[derive(Debug, Clone)]
pub struct Found {
    /// Byte range in the block text.
    pub range: Range<usize>,
    pub kind: CitationKind,
    /// Roots of the entities the source names.
    pub names: Vec<String>,
    /// A source that opens what it covers (财报显示，…; According to X, …) covers what
    /// follows it; one in parentheses, a link or a footnote covers what precedes it.
    pub ahead: bool,
    /// The link target, for a link.
    pub url: Option<String>,
}

impl Found {
    fn new(range: Range<usize>, names: Vec<String>, ahead: bool) -> Self {
        Found {
            range,
            kind: CitationKind::Named,
            names,
            ahead,
            url: None,
        }
    }
}

/// `Gartner, 2023`, `来源：国家统计局 2024`: a name of up to 60 letters and a year. The
/// name's length is checked in [`is_author_year`], not by `{1,60}`: sixty copies of
/// the Unicode letter class made this the costliest regex to compile, a fifth of the
/// start-up of checking a short file. The lazy `+?` takes the shortest name that
/// lets the year follow, so the length check accepts exactly what `{1,60}` did.
static AUTHOR_YEAR: Gated = Gated::new(
    r"^(?:source:\s*|see\s+|来源[:：]\s*)?[A-Z\p{Han}]([\p{L}&.' -]+?)[,，]?\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+)?(?:19|20)\d{2}[a-z]?$",
    Gate::Custom(ends_in_a_year),
);

/// The gate of [`AUTHOR_YEAR`]: a match ends the text with `(?:19|20)\d{2}[a-z]?`, so
/// after an ASCII lower-case letter at its end, the text ends with 19 or 20 and two
/// decimal digits (every character of `\d` is numeric).
fn ends_in_a_year(t: &str) -> bool {
    let t = t
        .strip_suffix(|c: char| c.is_ascii_lowercase())
        .unwrap_or(t);
    let Some(t) = t.strip_suffix(char::is_numeric) else {
        return false;
    };
    t.strip_suffix(char::is_numeric)
        .is_some_and(|t| t.ends_with("19") || t.ends_with("20"))
}

/// The gate of [`PROPER_NAME`]: a match starts the text with `[A-Z]`, and the repeated
/// group after it holds at least one `of`, `and`, `for`, `the` or `[A-Z]`.
fn two_words(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_uppercase())
        && (t[1..].bytes().any(|b| b.is_ascii_uppercase())
            || ["of", "and", "for", "the"]
                .iter()
                .any(|w| t[1..].contains(w)))
}

fn is_author_year(text: &str) -> bool {
    // "(September 2026)" after "Release 3.2.0" dates the release: a month is no author.
    let only_a_date = || {
        super::date::find(text)
            .iter()
            .any(|d| d.range.start == 0 && d.range.end == text.len())
    };
    AUTHOR_YEAR
        .captures(text)
        .and_then(|c| c.get(1))
        .is_some_and(|name| name.as_str().chars().count() <= 60)
        && !only_a_date()
}

/// `city audit, September 2026`, `TechCrunch, 14 April 2026`, `青禾市商务局，2026年3月`: a
/// name and then a date that ends the parenthesis. A lowercase name needs the comma
/// (`up from 2019` is not a source), and none may start with a preposition or name
/// nobody outside (`internal audit, 2024`).
fn is_author_date(text: &str) -> bool {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:in|on|at|as of|since|from|by|until|till|before|after|during|for|to|about|around|vs\.?|versus|up|down|excluding|including|incl\.?|excl\.?|same|each|per|internal|in-house|our)(?-u:\b)|^(?:我们|内部|于|在|截至|截止|自|从|到|约|预计|同比|环比)(?:$|\W)")
            .expect("lead regex")
    });
    let text = text
        .trim()
        .trim_start_matches("see ")
        .trim_end_matches(['.', ' ']);
    // (A date without its year, "Reuters, 12 June", is left as it was read before such
    // dates were: not a source's date.)
    let Some(last) = super::date::find(text)
        .into_iter()
        .rfind(|d| d.period.year_from == super::date::YearFrom::Stated)
    else {
        return false;
    };
    if last.range.end != text.len() {
        return false;
    }
    let name = text[..last.range.start].trim_end();
    // "31 October 2026": the day stands before the month.
    let name = name
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end();
    let comma = name.ends_with([',', '，', ';', '；']);
    let name = name.trim_end_matches([',', '，', ';', '；', ' ']);
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if !(2..=60).contains(&letters)
        || name.chars().any(|c| c.is_ascii_digit())
        || LEAD.is_match(name)
    {
        return false;
    }
    let capital = name
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || is_han(c));
    capital || comma
}

/// A document named by its title, after the year or span it covers and before the part of
/// it cited: `2026–27 Adopted Budget, Form 01`, `FY2025 Annual Report, note 7`, `Adopted
/// Budget, Form 01`. Two or more capitalised words, one of them a kind of document.
static TITLED_DOCUMENT: Gated = Gated::new(
    r"^(?:(?:FY\s?)?(?:19|20)\d{2}(?:\s?[–/-]\s?(?:(?:19|20)\d{2}|\d{2}))?\s+)?(?:(?:[A-Z][A-Za-z'’-]+|of|and|for|the|on)\s+){1,6}(?:Budget|Report|Accounts|Statements?|Survey|Review|Return|Estimates|Census|Register|Audit|Prospectus|Bulletin|Yearbook|Filing|Study|Assessment|Evaluation)(?:,\s*(?:Form|Table|Schedule|Note|Appendix|Annex|Section|Chapter|Part|p\.|page|note|table|form)\s?[A-Za-z0-9.-]{1,8})?$",
    Gate::ContainsCaseless(&[
        "budget",
        "plan",
        "report",
        "accounts",
        "statement",
        "survey",
        "review",
        "return",
        "estimates",
        "census",
        "register",
        "audit",
        "prospectus",
        "bulletin",
        "yearbook",
        "book",
        "filing",
        "study",
        "assessment",
        "evaluation",
    ]),
);

/// `spokewell.org/pricing`, `see example.com`: a web address in place of a source.
static WEB: Gated = Gated::new(
    r"(?i)^(?:see\s+|via\s+|source:\s*)?(?:https?://)?(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|io|dev|ai|co|uk|de|cn|info|int)(?:/\S*)?$",
    Gate::All(&[
        Gate::Contains(&["."]),
        Gate::ContainsCaseless(&[
            "co", "org", "net", "gov", "edu", "io", "dev", "ai", "uk", "de", "cn", "info", "int",
        ]),
    ]),
);

fn is_web_address(text: &str) -> bool {
    WEB.is_match(text.trim())
}

/// What may stand between a name and its reporting verb: 's, 的, a report's title.
/// A source taken up again by a determiner: the study, the authors, 该研究, 这项调查.
static TAKEN_UP: Gated = Gated::new(
    r"(?i)^(?:(?:the|this|that|these|its|their)\s+(?:same\s+|new\s+|latest\s+)?(?:study|studies|paper|report|survey|poll|analysis|authors|researchers|team|research\s+team|scientists|study's\s+authors|report's\s+authors)\s+(?:also\s+|further\s+|then\s+)?(?:found|finds|estimate|estimates|estimated|show|shows|showed|report|reports|reported|say|says|said|conclude|concludes|concluded|calculate|calculated|calculates|note|notes|noted|measured|suggest|suggests|suggested|project|projected|predict|predicted)(?-u:\b)|(?:该|这项|此项|这一|这份|此|上述|前述|这些)(?:研究|报告|调查|调研|论文|研究团队|团队|作者|研究人员|统计)(?:还|也|进一步|同时)?(?:显示|发现|表明|指出|估计|测算|认为|称|预计|预测)|(?:研究|报告|调查|论文)(?:还|也|进一步)(?:显示|发现|表明|指出|估计|测算|预计|预测))",
    // A determiner or a document word opens it, a reporting verb closes it.
    Gate::All(&[
        Gate::StartsWithCaseless(&[
            "th", "its", "该", "这", "此", "上述", "前述", "研究", "报告", "调查", "论文",
        ]),
        Gate::ContainsCaseless(&[
            "found",
            "find",
            "estimate",
            "show",
            "report",
            "say",
            "said",
            "conclude",
            "calculate",
            "note",
            "measured",
            "suggest",
            "project",
            "predict",
            "显示",
            "发现",
            "表明",
            "指出",
            "估计",
            "测算",
            "认为",
            "称",
            "预计",
            "预测",
        ]),
    ]),
);

/// What stands between a body and its reporting verb: a parenthesis, a time ("the
/// Coastal Ecology Laboratory in February 2026 found"), a year, a document word, an adverb.
static CONNECTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[（(][^）)]{1,24}[）)])?(?:'s|’s)?\s*(?:(?:in|on|during)\s+(?:(?:early|late|mid)[\s-]+)?(?:\d{1,2}\s+)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+)?(?:19|20)\d{2},?\s+)?(?:(?:19|20)\d{2}\s*)?(?:[A-Z][A-Za-z]*\s+){0,4}(?:的|发布的|最新)?\s*(?:数据|报告|研究|调查|统计|财报|年报|季报|调研|survey|report|study|analysis|data|index|Index)?\s*(?:此前|日前|近日|近期|早前|曾经|曾|还|也|已)?\s*")
        .expect("connector regex")
});

/// A place's document before a reporting verb: "Lisbon's 2015 climate plan had
/// projected", "The Audience Agency's survey of 4,200 attenders found". The document, not
/// the place, is the source.
static DOC_CONNECTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:'s|’s)\s+(?:(?:19|20)\d{2}\s+)?(?:[A-Za-z-]+\s+){0,3}(?i:plan|strategy|census|review|audit|assessment|survey|report|study|analysis|budget)(?:\s+(?:19|20)\d{2}(?:[–-](?:19|20)?\d{2})?)?(?:\s+of\s+(?:more\s+than\s+|over\s+|some\s+|nearly\s+)?[\d,.]+\s+[A-Za-z-]+)?\s+(?:had\s+|has\s+|have\s+)?")
        .expect("document connector regex")
});

/// The Chinese form of [`DOC_CONNECTOR`], scanned by hand: 里斯本 2015 年的气候规划曾
/// (a year, 的, up to six characters, a document word, an adverb). Its length.
fn doc_connector_zh(after: &str) -> Option<usize> {
    let mut rest = after.trim_start();
    // 2015 年
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 4 {
        let after_year = rest[4..].trim_start();
        if let Some(r) = after_year.strip_prefix('年') {
            rest = r.trim_start();
        }
    }
    rest = rest.strip_prefix('的').unwrap_or(rest);
    // 中冷研究院的《2025 中国冷链发展报告》测算: a document of theirs by its title.
    if let Some(title) = rest.strip_prefix('《') {
        let close = title[..super::text::floor_char(title, title.len().min(120))].find('》')?;
        let end = '《'.len_utf8() + close + '》'.len_utf8();
        return Some(after.len() - rest.len() + end);
    }
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if let Some(doc) = DOC_WORDS_ZH.iter().find(|d| rest[i..].starts_with(*d)) {
            let mut end = i + doc.len();
            for adverb in ["此前", "曾", "还", "也"] {
                if rest[end..].starts_with(adverb) {
                    end += adverb.len();
                    break;
                }
            }
            return Some(after.len() - rest.len() + end);
        }
        if n >= 6 || !super::text::is_han(c) {
            return None;
        }
    }
    None
}

/// Whether a document word stands near the start of `text`, where [`DOC_CONNECTOR`]
/// and [`DOC_LEAD_ZH`] could match: checked first, so that most text never needs them
/// (compiling them was a share of start-up).
fn maybe_document(text: &str) -> bool {
    let head = &text[..super::text::floor_char(text, 80)];
    head.contains("'s ") || head.contains("’s ") || DOC_WORDS_ZH.iter().any(|w| head.contains(w))
}

/// Whether Chinese text ends with the name of a body: a word that ends the names of
/// firms, agencies and institutes (赛迪顾问, 中金公司, 省交通运输厅, 国家能源局).
fn ends_with_body_zh(head: &str) -> bool {
    const ENDS: &[&str] = &[
        "顾问",
        "咨询",
        "证券",
        "研究院",
        "研究所",
        "研究中心",
        "协会",
        "学会",
        "集团",
        "公司",
        "银行",
        "智库",
        "中心",
        "委员会",
        "交易所",
        "联合会",
        "商会",
        "基金会",
        "事务所",
        "实验室",
        "大学",
        "学院",
        "局",
        "委",
        "厅",
        "署",
    ];
    // (At least two characters of name before the ending: 该局 takes one up again.)
    ENDS.iter().any(|w| {
        head.strip_suffix(w).is_some_and(|name| {
            name.chars()
                .rev()
                .take_while(|&c| super::text::is_han(c))
                .count()
                >= 2
                || name.ends_with(|c: char| c.is_ascii_alphanumeric())
        })
    })
}

/// Chinese words for a document someone reports through (规划, 报告, 普查 …).
const DOC_WORDS_ZH: &[&str] = &[
    "规划",
    "计划",
    "报告",
    "调查",
    "研究",
    "普查",
    "评估",
    "统计",
    "预算",
    "年报",
    "白皮书",
];

/// A Chinese clause opening with someone's document and a reporting verb, where the
/// someone is not a known name: 里斯本 2015 年的气候规划曾预计, 该市的交通年报显示.
static DOC_LEAD_ZH: Gated = Gated::new(
    r"^\s*(?:[\x{4E00}-\x{9FFF}]{2,8}?|(?:发布|公布|披露|发表|出具))\s*(?:(?:19|20)\d{2}\s*年\s*)?的[\x{4E00}-\x{9FFF}]{0,6}(?:规划|计划|报告|调查|普查|评估|年报|白皮书)(?:曾|此前|还|也)?(?:预计|预测|估计|显示|指出|提出|发现|统计)",
    Gate::All(&[
        Gate::Contains(&["的"]),
        Gate::Contains(&[
            "预计", "预测", "估计", "显示", "指出", "提出", "发现", "统计",
        ]),
    ]),
);

/// A parenthesis that gives an example, not a source.
static EXAMPLE: Gated = Gated::new(
    r"^(?i:如|例如|比如|包括|类似|参考|e\.g\.|i\.e\.|like |such as|including|see also|vs\.?|versus)",
    Gate::StartsWithCaseless(&[
        "如",
        "例如",
        "比如",
        "包括",
        "类似",
        "参考",
        "e.g.",
        "i.e.",
        "like ",
        "such as",
        "including",
        "see also",
        "vs",
        "versus",
    ]),
);

/// Two or more capitalised words: (Linux Kernel Archives), (Mercom India), a plan with the
/// years it covers (Strategic Plan 2025–2030).
static PROPER_NAME: Gated = Gated::new(
    r"^[A-Z][\w'’&.-]*(?:\s*[/&]?\s*(?:of|and|for|the|[A-Z][\w'’&.-]*))+(?:\s+(?:19|20)\d{2}(?:\s*[–-]\s*(?:(?:19|20)\d{2}|\d{2}))?)?$",
    Gate::Custom(two_words),
);

/// The opening of a clause that says where the figures before it come from: 数据均来自,
/// 以上数据来源于, "all figures are from", "data taken from".
static DATA_FROM: Gated = Gated::new(
    r"(?i)^\s*(?:(?:以上|上述|文中|各项|相关|这些|本段|该)?(?:数据|数字|统计数据)(?:均|都|全部|皆|均为)?(?:来自|来源于|来源为|取自|出自|引自)|(?:all |the |these )?(?:figures|data|numbers|statistics)(?: are| is| come| were| came)?(?: all)? (?:from|taken from|drawn from|sourced from) )",
    Gate::All(&[
        Gate::Custom(opens_with_data),
        Gate::ContainsCaseless(&["来自", "来源", "取自", "出自", "引自", "from"]),
    ]),
);

/// The gate of [`DATA_FROM`]: a match starts the text, after white space, with one of the
/// words its branches start with (the English ones in either case).
fn opens_with_data(t: &str) -> bool {
    crate::gate::starts_caseless(
        t.trim_start(),
        &[
            "以上",
            "上述",
            "文中",
            "各项",
            "相关",
            "这些",
            "本段",
            "该",
            "数据",
            "数字",
            "统计数据",
            "all ",
            "the ",
            "these ",
            "figures",
            "data",
            "numbers",
            "statistics",
        ],
    )
}

/// A leading clause that names the document the figures after it follow: "Under the
/// 2025 competition rules", "As set out in the council's budget".
static UNDER_DOCUMENT: Gated = Gated::new(
    r"(?i)^(?:under|as set out in|as laid down in|as stated in|as required by|in line with)\s+(?:the\s+|its\s+|their\s+|our\s+)?[^,，;]{0,80}?\b(?:rules|regulations|terms|agreement|contract|statute|bylaws|by-laws|guidelines|policy|framework|budget|plan|licence|license|charter|act)\b[^,，;]{0,20}$",
    Gate::StartsWithCaseless(&[
        "under",
        "as set out",
        "as laid down",
        "as stated",
        "as required",
        "in line with",
    ]),
);

/// One capitalised word, not an acronym: (Steamworks), (Eurostat).
static SINGLE_NAME: Gated = Gated::new(
    r"^[A-Z][a-z][A-Za-z'’&.-]{2,}$",
    Gate::Custom(|t| {
        // A match is the whole text: an upper-case then a lower-case ASCII letter, then
        // two or more of the class.
        let b = t.as_bytes();
        b.len() >= 4
            && b[0].is_ascii_uppercase()
            && b[1].is_ascii_lowercase()
            && t[2..]
                .chars()
                .all(|c| c.is_ascii_alphabetic() || matches!(c, '\'' | '’' | '&' | '.' | '-'))
    }),
);

/// A body of an organisation described in plain words: (Group rail operations dispatch
/// centre), (the council's planning department), (our operations team). Two words or
/// more before the body's word, or a capitalised one: (control unit) is a part.
static DESCRIBED_BODY: Gated = Gated::new(
    r"^(?:(?:the|our|its|their)\s+)?(?:[A-Z][\w'’&-]*\s+(?:[\w'’&-]+\s+){0,4}|(?:[a-z][\w'’&-]*\s+){2,5})(?:centre|center|department|office|bureau|agency|unit|team|division|directorate|authority|committee|secretariat|registry|laboratory)$",
    Gate::Contains(&[
        "centre",
        "center",
        "department",
        "office",
        "bureau",
        "agency",
        "unit",
        "team",
        "division",
        "directorate",
        "authority",
        "committee",
        "secretariat",
        "registry",
        "laboratory",
    ]),
);

/// A body named after a lowercase word or two: (provincial Department of Culture and
/// Tourism), (the city's Transport Authority).
static LED_BODY: Gated = Gated::new(
    r"^(?:[a-z]+(?:'s|’s)?\s+){1,2}(?:[A-Z][\w'’&.-]*\s+(?:(?:of|and|for|the)\s+)?)*(?:Department|Ministry|Bureau|Office|Agency|Institute|Authority|Commission|Council|Administration|Board|Service|Survey|Centre|Center|Agency)(?:\s+(?:(?:of|and|for|the)\s+)*[A-Z][\w'’&.-]*)*$",
    Gate::Contains(&[
        "Department",
        "Ministry",
        "Bureau",
        "Office",
        "Agency",
        "Institute",
        "Authority",
        "Commission",
        "Council",
        "Administration",
        "Board",
        "Service",
        "Survey",
        "Centre",
        "Center",
    ]),
);

/// A short Chinese name alone in parentheses after a figure: （中汽协）, （工信部）.
static SHORT_CJK_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Han}{3,12}$").expect("short name regex"));

/// Parenthesised words that qualify a figure rather than source it.
static NOT_A_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"同比|环比|预计|估计|预估|左右|以上|以下|含税|不含|累计|全年|年度|季度|人民币|美元|欧元|初步|修正|口径|按年|按月|下同|注|估算|数据中心|国产|进口|合计|总计|平均")
        .expect("not-a-source regex")
});

/// A parenthesis that points inward: (internal audit, 2024), (our data), （内部测试）.
static INWARD: Gated = Gated::new(
    r"(?i)^(?:internal|in-house|our|我们|内部|公司内部)",
    Gate::StartsWithCaseless(&["in", "our", "我们", "内部", "公司内部"]),
);

/// A record or a named plan that says the figure itself, opening its clause: "The
/// programme register lists 1,184 households", "The volunteer register records 3,046
/// volunteers", "The entries secretary's records show", "Our visitor survey (n = 1,204)
/// found", "The provincial Coastal Rehabilitation Plan 2025–2030 targets 4,000
/// hectares".
static RECORD_OR_PLAN: Gated = Gated::new(
    r"^(?:(?:The|the|Our|our|Its|its|Their|their)\s+(?:[a-z-]+(?:['’]s)?\s+){0,3}(?:register|registry|records|ledger|roll|log|logs|scans|counts|tally|survey|census)(?:\s*\([^()]{1,40}\))?\s+(?:lists|listed|list|records|recorded|record|shows|showed|show|counts|counted|count|holds|held|hold|logged|found|finds|find)|(?:(?:The|the)\s+)?(?:[a-z]+\s+)?(?:[A-Z][\w'’-]*\s+(?:(?:of|and|for|the|on)\s+)?){1,5}(?:Plan|Strategy|Programme|Program|Framework|Roadmap|Budget)(?:\s+(?:19|20)\d{2}(?:\s*[–-]\s*(?:(?:19|20)\d{2}|\d{2}))?)?\s+(?:targets|targeted|sets|set|aims|aimed|calls\s+for|called\s+for|commits|committed|allocates|allocated|provides\s+for|envisages|projects|projected|forecasts|forecast|expects|expected))(?-u:\b)",
    Gate::ContainsCaseless(&[
        "register",
        "registry",
        "records",
        "ledger",
        "roll",
        "log",
        "scans",
        "counts",
        "tally",
        "survey",
        "census",
        "plan",
        "strategy",
        "programme",
        "program",
        "framework",
        "roadmap",
        "budget",
    ]),
);

/// 來源為教育部《重編國語辭典修訂本》, 数据来自《中国统计年鉴》: the document the figures come
/// from, by its title.
static SOURCE_IS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:数据|數據|资料|資料)?(?:来源|來源|来自|來自|出自)(?:为|為|于|於|是)?\p{Han}{0,20}?《[^》]{2,60}》")
        .expect("source-is regex")
});

/// 经市计量检定测试院对…抽测, 经省质检院检测: a body that tested, counted or audited what
/// follows, opening its clause.
static TESTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(经\p{Han}{2,20}?(?:院|局|所|中心|站|委员会|厅|公司|机构|办公室|实验室|事务所|大学|协会|学会))(?:进行的|开展的|的)?(?:第三方|独立)?(?:对|抽|检|测|核|审|认定|评估|鉴定|统计|调查)")
        .expect("tested-by regex")
});

/// An official document's number: 朔发改价格〔2019〕46 号, 国发〔2024〕7号, [2023] 12 号.
static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[〔\[［(（](?:19|20)\d{2}[〕\]］)）]\s*\d{1,4}\s*号")
        .expect("document number regex")
});

/// A contract or an agreement with a named party: "our contract with Ferrule".
static CONTRACT_WITH: Gated = Gated::new(
    r"(?i:contract|agreement|licen[cs]e\s+agreement|purchase\s+order|invoice)s?\s+with\s+(?:the\s+)?[A-Z]",
    Gate::ContainsCaseless(&[" with "]),
);

/// What "according to" may govern without being a source.
static NOT_A_SOURCE_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the |our |its |their |a )?(?:plans?|schedule|rules?|law|contract|terms|instructions|design|expectations?|tradition|legend|need|size|type|category|region|age|demand|priority|budget)(?-u:\b)")
        .expect("not-a-source regex")
});

/// ", as the city's transport department reported", ", as presented at PyCon US 2026":
/// a closing clause that says who reported what precedes it.
static AS_REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*as\s+(?:(?:presented|published|announced|reported|shown|disclosed)\s+(?:at|in|by|on)\s+\S.*|(?:the\s+|its\s+|their\s+|our\s+)?\S.{0,60}?\s(?:reported|reports|said|says|noted|notes|found|finds|showed|shows|announced|stated|estimated|estimates|wrote|published|disclosed|confirmed)(?-u:\b).*)$")
        .expect("as-reported regex")
});

/// ", the Vietnam Fruit and Vegetable Association (Vinafruit) said.": a closing clause
/// in which a named body says what the sentence before it states.
static SAID_CLOSING: Gated = Gated::new(
    r"^,\s+(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+(?:(?:of|and|for|the|on|de|&)\s+)*[A-Z][\w&'’.-]*){0,8}(?:\s*\([^()]{1,40}\))?\s+(?:said|says|reported|reports|estimated|estimates|announced|stated|noted|added|wrote|told\s+\S+)(?-u:\b)[^,;]{0,80}$",
    Gate::Contains(&[
        "said",
        "says",
        "report",
        "estimate",
        "announced",
        "stated",
        "noted",
        "added",
        "wrote",
        "told",
    ]),
);

/// The kinds of body a results piece or a report names by a common noun once it has named
/// it ("the company said", "the statement shows", "the team's cost model also puts").
macro_rules! own_body {
    () => {
        r"(?:company|group|firm|airline|carrier|bank|insurer|operator|utility|bureau|ministry|agency|council|department|authority|university|museum|trust|charity|team|lab|laboratory|board|committee|organisers|organizers|club|school|hospital|statement|report|release|filing|results|study|survey|paper|accounts|review)"
    };
}

/// ", the company said.", ", the statement shows.": a closing clause in which the body
/// or document the piece is about says what the sentence states.
static OWN_CLOSING: Gated = Gated::new(
    concat!(
        r"^,\s+(?:the|its|our)\s+",
        own_body!(),
        r"\s+(?:said|says|shows|showed|reported|reports|added|adds|noted|notes|stated|states|estimated|estimates|found|finds)(?-u:\b)[^,;]{0,80}$"
    ),
    Gate::Contains(&["the", "its", "our"]),
);

/// "The company said it expects…", "The statement shows…", "The team's cost model also
/// puts…": a sentence that opens with the body or document it comes from.
/// 公司表示，…, 据公司介绍，…, 组委会表示，…, 区妇联反映，…: the body a piece is about, or
/// one named by its kind, saying it at the head of the sentence.
static OWN_OPENING_ZH: Gated = Gated::new(
    r"^(?:据)?(?:该|本)?\p{Han}{0,8}?(?:公司|集团|组委会|委员会|妇联|侨联|残联|工会|主办方|承办方|校方|院方|警方|政府|协会|学会|商会|局|厅|办)(?:还|也|此前|近日|日前|今天|今日)?(?:表示|称|介绍|透露|披露|指出|宣布|公布|反映|通报|汇报)[，,：:]",
    Gate::Contains(&[
        "表示", "称", "介绍", "透露", "披露", "指出", "宣布", "公布", "反映", "通报", "汇报",
    ]),
);

static OWN_OPENING: Gated = Gated::new(
    concat!(
        r"^(?:The|Its|Our)\s+(?:[a-z]+['’]s\s+)?(?:[a-z]+\s+){0,2}?",
        own_body!(),
        r"(?:['’]s\s+(?:[a-z]+\s+){0,2}?(?:model|estimates?|figures|data|analysis|records))?\s+(?:also\s+)?(?:said|says|shows|showed|reported|reports|added|adds|noted|notes|stated|states|estimates|estimated|expects|expected|forecasts|puts|put|calculates|calculated|found|finds)(?-u:\b)"
    ),
    Gate::StartsWith(&["The", "Its", "Our"]),
);

static PER_SOURCE: Gated = Gated::new(
    r"(?-u:\b)per (?:the )?[A-Z][\w'’&.-]*(?:\s+(?:of|and|for|the|[A-Z][\w'’&.-]*))*",
    Gate::Contains(&["per "]),
);

/// Who a vague 据… names: nobody in particular (据行业统计, 据社区调查).
const GENERIC_WHO: &[&str] = &[
    // 据实时监测, 据现场监测, 据抽样调查: how it was found, not who found it.
    "实时",
    "现场",
    "抽样",
    "监测",
    "行业",
    "业内",
    "相关",
    "有关",
    "不完全",
    "初步",
    "粗略",
    "统计",
    "悉",
    "了解",
    "社区",
    "用户",
    "网友",
    "媒体",
    "市场",
    "第三方",
    "网络",
    "坊间",
    "外界",
    "业界",
    "报道",
    "估计",
    "测算",
    "调查",
    "研究",
    "专家",
    "分析",
    "消息",
    "传闻",
    "知情",
    "此",
    "以上",
    "上述",
    "上文",
];

/// 据中汽协统计 / 据国家统计局数据: a named body between 据 and a source word.
static JU_SOURCE: Gated = Gated::new(
    r"据([^，。,；;：:（(]{2,16}?)(?:的|发布的)?(?:统计|数据|报告|显示|测算|调查|估计|估算|报道|公告|年报|财报|研究)",
    Gate::Custom(|t| {
        ju_then(
            t,
            &[
                "统计", "数据", "报告", "显示", "测算", "调查", "估计", "估算", "报道", "公告",
                "年报", "财报", "研究",
            ],
        )
    }),
);

/// 据省气象局监测 / 据市统计局核算: a body and a verb of its own measuring, which names a
/// source only when the words before the verb end like a body's name (not 据实时监测).
static JU_MEASURED: Gated = Gated::new(
    r"据([^，。,；;：:（(]{2,16}?)(?:监测|核算|普查|通报|测定|核查|抽查|评估)",
    Gate::Custom(|t| {
        ju_then(
            t,
            &[
                "监测", "核算", "普查", "通报", "测定", "核查", "抽查", "评估",
            ],
        )
    }),
);

/// The gate of [`JU_SOURCE`] and [`JU_MEASURED`]: in a match, 据 is followed by two or
/// more characters none of which is `，。,；;：:（(`, then (after 的 or 发布的, which hold
/// none either) one of `words`. So some 据 has one of `words` starting two characters or
/// more after it, before the first of those stops.
fn ju_then(t: &str, words: &[&str]) -> bool {
    t.match_indices('据').any(|(i, _)| {
        let rest = &t[i + '据'.len_utf8()..];
        let run = &rest[..rest
            .find(['，', '。', ',', '；', ';', '：', ':', '（', '('])
            .unwrap_or(rest.len())];
        // Two characters in, where a word may start.
        let from = run.char_indices().nth(2).map_or(run.len(), |(k, _)| k);
        words.iter().any(|w| run[from..].contains(w))
    })
}

/// A Chinese organisation name: 艾瑞咨询, 国家统计局, 中国汽车工业协会.
static CJK_BODY: Gated = Gated::new(
    r"^[\p{Han}A-Za-z]{1,16}(?:咨询|研究院|研究所|研究中心|证券|集团|协会|统计局|委员会|基金会|大学|学院|智库|银行|公司|官网|公告|财报|年报)$",
    Gate::EndsWith(&[
        "咨询",
        "研究院",
        "研究所",
        "研究中心",
        "证券",
        "集团",
        "协会",
        "统计局",
        "委员会",
        "基金会",
        "大学",
        "学院",
        "智库",
        "银行",
        "公司",
        "官网",
        "公告",
        "财报",
        "年报",
    ]),
);

/// Filings and releases that name their source by what they are.
static SELF_NAMED: Gated = Gated::new(
    r"(?i)财报|年报|季报|招股书|公告|业绩指引|(?-u:\b)filing|(?-u:\b)10-K(?-u:\b)|annual report|earnings (?:report|release)|press release",
    Gate::ContainsCaseless(&[
        "财报",
        "年报",
        "季报",
        "招股书",
        "公告",
        "业绩指引",
        "filing",
        "10-K",
        "annual report",
        "earnings re",
        "press release",
    ]),
);

/// A bracketed reference key: [3], [2–4], and with a letter or two before the number, as
/// impact case studies and reports key their sources and references ([S3], [R2]).
static BRACKET_REF: Gated = Gated::new(
    r"\[(?:[A-Z]{1,2})?\d{1,3}(?:[,–-]\s*(?:[A-Z]{1,2})?\d{1,3})*\]",
    Gate::Contains(&["["]),
);

static HAS_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[0-9０-９][0-9０-９.,]*\s*(?:%|％|[万亿]|美元|元|倍|x(?-u:\b)|billion|million)|[+＋][0-9]",
    )
    .expect("figure regex")
});

fn names_in(mentions: &[Mention], r: &Range<usize>) -> Vec<String> {
    within(mentions, r)
        .iter()
        .filter(|m| r.start <= m.range.start && m.range.end <= r.end)
        .map(|m| m.root.clone())
        .collect()
}

/// The names (sorted by start, as a sentence's are) that start inside `r`; those that
/// also end inside it are the ones it holds. (Found by their place: a sentence may hold
/// thousands of names and of parentheses.)
fn within<'m>(mentions: &'m [Mention], r: &Range<usize>) -> &'m [Mention] {
    let lo = mentions.partition_point(|m| m.range.start < r.start);
    let hi = mentions.partition_point(|m| m.range.start <= r.end);
    &mentions[lo..hi.max(lo)]
}

/// The texts (trimmed) of the known names of `mentions` of the kinds `kind` accepts.
fn known_names<'t>(
    text: &'t str,
    mentions: &[Mention],
    kind: impl Fn(&EntityKind) -> bool,
) -> HashSet<&'t str> {
    mentions
        .iter()
        .filter(|m| m.known && kind(&m.kind))
        .map(|m| text[m.range.clone()].trim())
        .collect()
}

fn has_year(s: &str) -> bool {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:19|20)\d{2}").expect("year regex"));
    YEAR.is_match(s)
}

/// Whether `range` overlaps a source already found.
fn overlaps_any(out: &[Found], range: &Range<usize>) -> bool {
    out.iter()
        .any(|f| f.range.start < range.end && range.start < f.range.end)
}

/// Keeps `found` unless it overlaps a source already found (the first reading wins).
fn push_new(out: &mut Vec<Found>, overlaps: &mut Overlaps, found: Found) {
    if !overlaps.any(out, &found.range) {
        out.push(found);
    }
}

/// Up to this many sources a sentence's list is scanned ([`overlaps_any`]); above, indexed.
const SCAN_SOURCES: usize = 16;

/// [`overlaps_any`] for a sentence that may hold thousands of sources (one of 据X统计 a
/// clause): the sources so far by their start in the sentence, each place's furthest end
/// kept in a tree of prefix maxima (a Fenwick tree), so that whether one starts before a
/// range's end and ends after its start is one prefix's maximum. The list is read as it
/// grows (the sources it holds beyond `seen`, however they were pushed); after a `retain`
/// the index is rebuilt ([`Overlaps::forget`]). Sources that start outside the sentence,
/// or end before it, are kept apart and scanned.
struct Overlaps {
    base: usize,
    /// Places a source can start at: the sentence's bytes and its end.
    places: usize,
    /// How many of the list's sources are in the index.
    seen: usize,
    /// 1-based; at each node the furthest `end - base + 1` of the starts it covers, 0 for none.
    tree: Vec<u32>,
    outside: Vec<Range<usize>>,
}

impl Overlaps {
    fn new(sentence: &Range<usize>) -> Self {
        Overlaps {
            base: sentence.start,
            places: sentence.end.saturating_sub(sentence.start) + 1,
            seen: 0,
            tree: Vec::new(),
            outside: Vec::new(),
        }
    }

    /// Whether `range` overlaps one of `out`, as [`overlaps_any`] answers.
    fn any(&mut self, out: &[Found], range: &Range<usize>) -> bool {
        if out.len() <= SCAN_SOURCES {
            return overlaps_any(out, range);
        }
        if self.tree.is_empty() {
            self.tree = vec![0; self.places + 1];
        }
        for f in &out[self.seen.min(out.len())..] {
            self.add(&f.range);
        }
        self.seen = out.len();
        let below = range.end.saturating_sub(self.base).min(self.places);
        let mut furthest = 0;
        let mut i = below;
        while i > 0 {
            furthest = furthest.max(self.tree[i]);
            i &= i - 1;
        }
        // (An end after `range.start`: stored as `end - base + 1`.)
        furthest as usize > range.start.saturating_add(1).saturating_sub(self.base)
            || self
                .outside
                .iter()
                .any(|r| r.start < range.end && range.start < r.end)
    }

    fn add(&mut self, r: &Range<usize>) {
        let end = r
            .end
            .checked_sub(self.base)
            .and_then(|e| u32::try_from(e + 1).ok());
        let at = r
            .start
            .checked_sub(self.base)
            .filter(|&at| at < self.places);
        let (Some(end), Some(at)) = (end, at) else {
            self.outside.push(r.clone());
            return;
        };
        let mut i = at + 1;
        while i <= self.places {
            self.tree[i] = self.tree[i].max(end);
            i += i & i.wrapping_neg();
        }
    }

    /// After sources were removed from the list: the index is read again from its start.
    fn forget(&mut self) {
        self.seen = 0;
        self.tree.clear();
        self.outside.clear();
    }
}

/// Whether a phrase that presents a source is a vague one (研究表明, studies show).
fn names_nobody(phrase: &str, lex: &Lexicon) -> bool {
    lex.vague_patterns.is_match(phrase)
        || lex
            .cite
            .find_all(phrase)
            .any(|(_, w)| *w == CiteWord::Vague)
}

/// A closing clause read as the sentence's source, without its surrounding space and
/// final stop.
fn closing_source(text: &str, clause: &Range<usize>, mentions: &[Mention]) -> Found {
    let words = &text[clause.clone()];
    let lead = words.len() - words.trim_start().len();
    let body = words.trim_end_matches(['.', '。', ' ', '\n']);
    let range = clause.start + lead..clause.start + body.len();
    Found::new(range.clone(), names_in(mentions, &range), false)
}

/// The places the sources found so far hold, read once: by start, and the furthest end of
/// the first k.
struct Held {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Held {
    fn new(out: &[Found]) -> Self {
        let mut ranges: Vec<(usize, usize)> =
            out.iter().map(|f| (f.range.start, f.range.end)).collect();
        ranges.sort_unstable();
        let mut furthest = 0;
        let reach = ranges
            .iter()
            .map(|&(_, end)| {
                furthest = furthest.max(end);
                furthest
            })
            .collect();
        Held {
            starts: ranges.into_iter().map(|(start, _)| start).collect(),
            reach,
        }
    }

    /// Whether one of the sources holds the byte at `at`.
    fn holds(&self, at: usize) -> bool {
        let k = self.starts.partition_point(|&s| s <= at);
        k > 0 && self.reach[k - 1] > at
    }
}

/// The named sources of one sentence. Vague sources are returned by [`vague`].
pub fn find(
    text: &str,
    s: &Sentence,
    block: &Block,
    mentions: &[Mention],
    lex: &Lexicon,
) -> Vec<Found> {
    let mut out = Vec::new();
    let sr = s.range.clone();
    // (Whether a range overlaps a source so far: each later reading asks.)
    let mut overlaps = Overlaps::new(&sr);
    // The sentence's words, read when a parenthesis first asks.
    let mut words: Option<Words> = None;

    // Parenthetical sources.
    for c in s.clauses.iter().filter(|c| c.paren) {
        let inner = text[c.range.clone()].trim();
        if inner.is_empty() {
            continue;
        }
        let words: Vec<CiteWord> = lex.cite.find_all(inner).map(|(_, w)| *w).collect();
        let strong_word = words.contains(&CiteWord::SourceWord);
        let weak_word = words.contains(&CiteWord::WeakSourceWord);
        let vague = words.contains(&CiteWord::Vague);
        let names = names_in(mentions, &c.range);
        let figure = HAS_FIGURE.is_match(inner);
        let author_year =
            ((is_author_year(inner) || is_author_date(inner) || is_web_address(inner)) && !figure)
                || TITLED_DOCUMENT.is_match(inner);
        // A parenthesis that holds a figure is data unless a strong word says "source",
        // or a part of its own after the figure names whose data it is: （6.5%，交通运输部
        // 数据）, not （联合健康集团掌控17%美国医疗数据）.
        let full = &text[c.range.clone()];
        let owned_part = figure
            && full.rfind(['，', ',', ';', '；']).is_some_and(|i| {
                let (head, tail) = full.split_at(i);
                let at = c.range.start + i;
                HAS_FIGURE.is_match(head)
                    && !HAS_FIGURE.is_match(tail)
                    && lex
                        .cite
                        .find_all(tail)
                        .any(|(_, w)| *w == CiteWord::WeakSourceWord)
                    && within(mentions, &(at..c.range.end))
                        .iter()
                        .any(|m| m.range.end <= c.range.end)
            });
        // (our contract with Ferrule): a document with a party outside, named; or a
        // document by its number (朔发改价格〔2019〕46 号) or its title (市民政局《…办法》).
        let with_party = CONTRACT_WITH.is_match(inner)
            || DOC_NUMBER.is_match(inner)
            || (inner.contains('《') && !figure && !EXAMPLE.is_match(inner));
        // （初步统计）, （估算）: how the figure was made, by nobody named.
        let bare_method = names.is_empty() && !has_year(inner) && {
            let mut rest = inner.to_string();
            for w in [
                "初步", "粗略", "大致", "抽样", "综合", "统计", "統計", "估算", "测算", "測算",
                "估计", "估計", "调查", "調查", "调研", "調研", "研究", "数据", "數據", "监测",
                "監測", "推算",
            ] {
                rest = rest.replace(w, "");
            }
            rest.trim().is_empty()
        };
        let strong = (strong_word && !bare_method)
            || (weak_word && (!figure || owned_part) && !bare_method)
            || with_party;
        // (internal audit, 2024), （内部测试）: a source that names nobody outside.
        let inward = INWARD.is_match(inner) && !with_party;
        if (strong || author_year) && !inward && !(vague && names.is_empty() && !has_year(inner)) {
            // （6.5%，交通运输部数据）: the source is the part after the figure, which
            // stays a claim of its own.
            let range = if figure && !strong_word {
                let full = &text[c.range.clone()];
                match full.rfind(['，', ',', ';', '；']) {
                    Some(i) if HAS_FIGURE.is_match(&full[..i]) => {
                        let cut = i + full[i..].chars().next().map_or(1, char::len_utf8);
                        c.range.start + cut..c.range.end
                    }
                    _ => c.range.clone(),
                }
            } else {
                c.range.clone()
            };
            out.push(Found::new(range, names, false));
        }
    }

    // A leading source clause: "2024年Q1财报显示，", "According to the IEA,", "A 2023
    // Stanford study found that".
    if let Some(first) = s.clauses.first() {
        let fr = first.range.clone();
        let clause = &text[fr.clone()];
        let words: Vec<(Range<usize>, CiteWord)> =
            lex.cite.find_all(clause).map(|(r, w)| (r, *w)).collect();
        let verb_at_end = words
            .iter()
            .any(|(r, w)| *w == CiteWord::Verb && clause[r.end..].trim().is_empty());
        let verb_inside = words.iter().any(|(_, w)| *w == CiteWord::Verb);
        let opener_at_start = words
            .iter()
            .any(|(r, w)| *w == CiteWord::Opener && clause[..r.start].trim().is_empty());
        let source_word = words
            .iter()
            .any(|(_, w)| matches!(w, CiteWord::SourceWord | CiteWord::WeakSourceWord));
        let vague = words.iter().any(|(_, w)| *w == CiteWord::Vague);
        let names = names_in(mentions, &fr);
        // 财报显示: a company's own filing names its source.
        let own_filing = SELF_NAMED.is_match(clause);
        // 赛迪顾问数据显示, 省交通运输厅统计显示: a body the lexicon does not know,
        // told by the end of its name.
        let body_named = words
            .iter()
            .find(|(_, w)| {
                matches!(
                    w,
                    CiteWord::SourceWord
                        | CiteWord::WeakSourceWord
                        | CiteWord::Verb
                        | CiteWord::Vague
                )
            })
            .is_some_and(|(r, _)| {
                let before = clause[..r.start].trim_end_matches('的');
                // (Or data a name owns that no suffix tells: 星幕专业版数据显示.)
                ends_with_body_zh(before)
                    || data_owner_before(&clause[..r.start], &clause[r.start..])
            });
        // 集团表示，…, 该公司称，…: the body the piece is about, taken up by its kind.
        let own_said = {
            let c = clause.trim();
            let c = c
                .strip_prefix("该")
                .or_else(|| c.strip_prefix("本"))
                .unwrap_or(c);
            [
                "集团", "公司", "企业", "银行", "局", "厅", "委", "中心", "学校", "大学", "医院",
            ]
            .iter()
            .filter_map(|b| c.strip_prefix(b))
            .any(|v| ["表示", "称", "透露", "介绍", "披露"].contains(&v))
        };
        // (数据显示 at the end of the clause is a verb after a body, not a vague source.)
        let phrase_at_end = words.iter().any(|(r, w)| {
            matches!(w, CiteWord::Verb | CiteWord::Vague) && clause[r.end..].trim().is_empty()
        });
        let named = !names.is_empty()
            || (source_word && has_year(clause))
            || own_filing
            || body_named
            || clause.contains('《');
        let sentence_continues = fr.end < sr.end;
        if sentence_continues
            && !first.paren
            && ((verb_at_end && (named || source_word) && !vague)
                || (body_named && phrase_at_end)
                || own_said
                || (opener_at_start && (named || !names.is_empty()))
                || (verb_inside && source_word && named && !vague))
        {
            // The source is the clause up to its verb (or its last name), so a figure
            // stated in the same clause stays a claim of its own.
            let last_verb = words
                .iter()
                .filter(|(_, w)| *w == CiteWord::Verb)
                .map(|(r, _)| r.end)
                .max();
            let last_name = mentions
                .iter()
                .filter(|m| fr.start <= m.range.start && m.range.end <= fr.end)
                .map(|m| m.range.end - fr.start)
                .max();
            let cut = last_verb.or(last_name).unwrap_or(clause.len());
            out.push(Found::new(fr.start..fr.start + cut, names, true));
        }
    }
    // A source named before, taken up again: "The authors estimate …", "The study also
    // found …", 该研究显示…, 这项调查发现…. What it says is sourced, by that earlier name.
    // Or a record or a named plan that says it ("The programme register lists …").
    for c in s.clauses.iter().filter(|c| !c.paren) {
        let clause = &text[c.range.clone()];
        let lead = clause.len() - clause.trim_start().len();
        let opening = &clause[lead..];
        // (A record's name may hold a parenthesis: "Our visitor survey (n = 1,204) found".)
        let on = &text[c.range.start + lead..sr.end.max(c.range.start + lead)];
        // (Or a clause that says where the figures come from: …，來源為教育部《…》.)
        if let Some(m) = TAKEN_UP
            .find(opening)
            .or_else(|| RECORD_OR_PLAN.find(on))
            .or_else(|| SOURCE_IS.find(opening))
        {
            let range = c.range.start + lead..c.range.start + lead + m.end();
            push_new(&mut out, &mut overlaps, Found::new(range, Vec::new(), true));
        }
    }
    // 经市计量检定测试院对 3,600 户居民室温抽测，…: the body that tested or counted, named
    // before what it did.
    if let Some(first) = s.clauses.first().filter(|c| !c.paren) {
        let clause = &text[first.range.clone()];
        let lead = clause.len() - clause.trim_start().len();
        if let Some(m) = TESTED_BY.captures(&clause[lead..]).and_then(|c| c.get(1)) {
            let range = first.range.start + lead..first.range.start + lead + m.end();
            push_new(&mut out, &mut overlaps, Found::new(range, Vec::new(), true));
        }
    }
    // A named body followed by a reporting verb: IDC预计…, Gartner estimates…,
    // 英伟达财报显示…, Microsoft's Work Trend Index found….
    for m in mentions
        .iter()
        .filter(|m| sr.start <= m.range.start && m.range.end <= sr.end)
    {
        let after = &text[m.range.end..sr.end];
        let body = matches!(m.kind, EntityKind::Institution | EntityKind::Org);
        // A body reports itself (IDC预计); anyone reports through a document of theirs
        // ("Lisbon's 2015 climate plan had projected").
        let gaps = [
            body.then(|| CONNECTOR.find(after).map_or(0, |g| g.end())),
            if after.starts_with("'s ") || after.starts_with("’s ") {
                DOC_CONNECTOR.find(after).map(|g| g.end())
            } else {
                doc_connector_zh(after)
            },
        ];
        let Some(at) = gaps
            .into_iter()
            .flatten()
            .map(|gap| m.range.end + gap)
            .find(|&at| lex.attribution_verbs.starting_at(text, at).is_some())
        else {
            continue;
        };
        if let Some((vr, _)) = lex.attribution_verbs.starting_at(text, at) {
            let range = m.range.start..vr.end;
            push_new(
                &mut out,
                &mut overlaps,
                Found::new(range, vec![m.root.clone()], true),
            );
        }
    }
    if let Some(first) = s.clauses.first().filter(|c| !c.paren) {
        // The words before the sentence's first comma, a parenthesis inside them kept
        // (Kestrel稀土（澳交所代码：KRE）周二发布的年报显示，…).
        let st = &text[first.range.start..sr.end];
        let clause = &st[..st.find(['，', ',', '。', '；']).unwrap_or(st.len())];
        // (的 first: most clauses hold none, and then no document word need be sought.)
        let lead = clause.contains('的') && maybe_document(clause);
        // (Or whoever published it, named in any script: Kestrel稀土（…）周二发布的年报显示.)
        let published = || {
            ["发布的", "公布的", "披露的", "发表的", "出具的"]
                .iter()
                .filter_map(|w| clause.find(w))
                .min()
                .filter(|&at| at >= 6 && clause[..at].chars().count() <= 40)
        };
        let found = lead
            .then(|| {
                DOC_LEAD_ZH.find(clause).map(|m| m.range()).or_else(|| {
                    published()
                        .and_then(|at| DOC_LEAD_ZH.find(&clause[at..]).map(|m| 0..at + m.end()))
                })
            })
            .flatten();
        if let Some(whole) = found {
            let range = first.range.start + whole.start..first.range.start + whole.end;
            // Its name is not a known entity: nothing to compare with another variant's
            // source by name.
            push_new(&mut out, &mut overlaps, Found::new(range, Vec::new(), true));
        }
    }
    // A name alone in parentheses right after a figure: (Linux Kernel Archives), （艾瑞咨询）.
    // The texts of the sentence's known names of some kinds, read when first asked for.
    let (mut bodies, mut others): (Option<HashSet<&str>>, Option<HashSet<&str>>) = (None, None);
    // (The sources so far by their place: each parenthesis asks.)
    let mut taken: HashSet<Range<usize>> = out.iter().map(|f| f.range.clone()).collect();
    for c in s.clauses.iter().filter(|c| c.paren) {
        if taken.contains(&c.range) {
            continue;
        }
        let inner = text[c.range.clone()].trim();
        let before = &text[sr.start..c.range.start];
        // A figure shortly before it, not a name's number (GLM-130B is an open bilingual
        // (English & Chinese) model).
        let near = super::text::tail(before, 60);
        let figure_before = near.char_indices().any(|(i, ch)| {
            ch.is_ascii_digit()
                && !near[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_ascii_alphabetic() || p == '-' || p.is_ascii_digit())
        }) || chinese_figure(near);
        if !figure_before || EXAMPLE.is_match(inner) {
            continue;
        }
        // A known body ((Gartner), （IDC）); an unknown acronym in parentheses is an
        // abbreviation ((BEV), (ARR)), not a source.
        let whole_entity = bodies
            .get_or_insert_with(|| {
                known_names(text, mentions, |k| {
                    matches!(k, EntityKind::Institution | EntityKind::Org)
                })
            })
            .contains(inner);
        // A gloss of the term just before it, not a source: 纯电动车（BEV） (a Latin
        // word after a Chinese term that is not a known body), 中国汽车工业协会（中汽协）
        // (an abbreviation whose characters all stand in the words before it).
        let open = before.trim_end_matches(['（', '(', ' ']);
        let last: Vec<char> = open.chars().rev().take(12).collect();
        let after_term = last.first().is_some_and(|&ch| is_han(ch))
            && !last
                .iter()
                .take(3)
                .any(|ch| ch.is_ascii_digit() || matches!(ch, '%' | '％'));
        let latin = inner
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == ' ');
        let abbreviation = inner.chars().count() >= 2 && inner.chars().all(|ch| last.contains(&ch));
        if after_term && !whole_entity && (latin || abbreviation) {
            continue;
        }
        // General Language Model (GLM): an acronym of the words before it.
        let words = words.get_or_insert_with(|| Words::new(&text[sr.clone()]));
        if words.initials_before(&text[sr.clone()], open.len(), inner) {
            continue;
        }
        let title = inner.starts_with('《');
        // A body's short name ends like one (中汽协, 网信办, 市商务局); （开发者） after
        // 人为 is a gloss.
        let body_like = [
            "协",
            "会",
            "局",
            "办",
            "委",
            "部",
            "院",
            "所",
            "署",
            "社",
            "网",
            "司",
            "行",
            "厅",
            "组",
            "团",
            "台",
            "报",
            "站",
            "办公室",
            "中心",
            "集团",
            "公司",
            // An app's or a data service's name (猫眼专业版), a named platform, a report
            // or a yearbook.
            "专业版",
            "平台",
            "报告",
            "年鉴",
        ]
        .iter()
        .any(|w| inner.ends_with(w));
        // (The pattern only where the words end like a body: most text never needs it.)
        let short_name =
            body_like && SHORT_CJK_NAME.is_match(inner) && !NOT_A_SOURCE.is_match(inner);
        // （国家发展改革委等部门公布）, （省统计局发布）: a body and its publishing verb.
        let published_by_body = ["公布", "发布", "提供", "披露"]
            .iter()
            .find_map(|v| inner.strip_suffix(v))
            .map(|who| {
                ["等部门", "等单位", "等机构", "联合", "等"]
                    .iter()
                    .fold(who, |w, s| w.strip_suffix(s).unwrap_or(w))
            })
            .is_some_and(ends_with_body_zh);
        // (Steamworks), (Eurostat): one capitalised name closing the clause of the figure
        // before it. Not a known product, place or person ((Windows), (Japan)), nor a word
        // that says what kind of figure it is ((Median), (Provisional)).
        let single_name = SINGLE_NAME.is_match(inner)
            && text[c.range.end..]
                .trim_start_matches([')', '）'])
                .chars()
                .next()
                .is_none_or(|ch| matches!(ch, '.' | ',' | ';' | ':' | '\n'))
            && !lex
                .figure_notes
                .iter()
                .any(|w| w.eq_ignore_ascii_case(inner))
            && !others
                .get_or_insert_with(|| {
                    known_names(text, mentions, |k| {
                        matches!(
                            k,
                            EntityKind::Product | EntityKind::Place | EntityKind::Person
                        )
                    })
                })
                .contains(inner);
        if whole_entity
            || title
            || published_by_body
            || short_name
            || single_name
            || PROPER_NAME.is_match(inner)
            || LED_BODY.is_match(inner)
            || DESCRIBED_BODY.is_match(inner)
            || CJK_BODY.is_match(inner)
        {
            taken.insert(c.range.clone());
            out.push(Found::new(
                c.range.clone(),
                names_in(mentions, &c.range),
                false,
            ));
        }
    }
    // "according to X" / "据X统计" anywhere in the sentence.
    // (Whether a source so far holds a place, by binary search over the sources found
    // before this loop and a scan of those it adds: a sentence may hold thousands.)
    let held = Held::new(&out);
    let held_before = out.len();
    // (And of those this loop adds, the latest start and the furthest end: when none
    // starts after a place, one holds it exactly when the furthest end passes it.)
    let (mut added_start, mut added_reach) = (0, 0);
    for (r, w) in lex.cite.find_all(&text[sr.clone()]) {
        if *w != CiteWord::Opener {
            continue;
        }
        let abs = sr.start + r.start..sr.start + r.end;
        if text[abs.clone()].starts_with('据') && in_a_word(&text[..abs.start]) {
            continue;
        }
        // (A comma between digits is a thousands separator: "a study of 1,200 cities".)
        let tail_end = text[abs.end..sr.end]
            .match_indices(['，', ',', '。', '；', ';', '：', ':'])
            .find(|&(i, m)| {
                let at = abs.end + i;
                !(m == ","
                    && text[..at].ends_with(|c: char| c.is_ascii_digit())
                    && text[at + 1..].starts_with(|c: char| c.is_ascii_digit()))
            })
            .map_or(sr.end, |(i, _)| abs.end + i);
        // The sentence's full stop is not part of the source.
        let tail_end = abs.end
            + text[abs.end..tail_end]
                .trim_end_matches(['.', ' ', '\n'])
                .len();
        let tail = abs.start..tail_end;
        // 据此估算, 据行业统计: 据 that names nobody.
        let after_opener = &text[abs.end..tail_end];
        if GENERIC_WHO.iter().any(|g| after_opener.starts_with(g)) {
            continue;
        }
        let names = names_in(mentions, &tail);
        let titled = text[tail.clone()].contains('《');
        // "according to its annual report": a named kind of document is a source even
        // when the text does not repeat whose it is; "according to reports" is vague.
        let kinds = lex
            .cite
            .find_all(after_opener)
            .map(|(_, w)| *w)
            .collect::<Vec<_>>();
        let document = kinds.contains(&CiteWord::SourceWord) && !kinds.contains(&CiteWord::Vague);
        // "according to the city's open-data portal", "according to crates.io", "going by
        // the addresses in the house's client records": in
        // English the phrase attributes whatever it names, unless that is nobody
        // ("according to sources": vague) or not a source at all ("according to plan").
        let english = text[abs.clone()].eq_ignore_ascii_case("according to")
            || text[abs.clone()].eq_ignore_ascii_case("going by");
        let attributed = english
            && after_opener.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && !kinds.contains(&CiteWord::Vague)
            && !lex.vague_patterns.is_match(&text[tail.clone()])
            && !NOT_A_SOURCE_EN.is_match(after_opener.trim_start());
        if (!names.is_empty() || titled || document || attributed)
            && !held.holds(abs.start)
            && !(if added_start <= abs.start {
                added_reach > abs.start
            } else {
                out[held_before..]
                    .iter()
                    .any(|f| f.range.start <= abs.start && abs.start < f.range.end)
            })
        {
            // At the start of a sentence it opens what follows; later ("…, according
            // to the IEA's report") it closes what came before.
            let opens = text[sr.start..abs.start].trim().is_empty();
            added_start = added_start.max(tail.start);
            added_reach = added_reach.max(tail.end);
            out.push(Found::new(tail, names, opens));
        }
    }

    // "per the National Energy Administration", "per Gartner".
    for m in PER_SOURCE.find_iter(&text[sr.clone()]) {
        let range = sr.start + m.start()..sr.start + m.end();
        // "2 GB per CPU", "$3 per GPU hour": a rate's base, an acronym no body is known
        // by, not a source.
        let word = m.as_str()[4..]
            .trim_start_matches("the ")
            .trim_end_matches(['.', '-', '’', '\'']);
        let acronym = word.len() <= 5 && word.chars().all(|c| c.is_ascii_uppercase());
        let known = mentions
            .iter()
            .any(|x| x.known && x.range.start >= range.start && x.range.end <= range.end);
        if acronym && !known {
            continue;
        }
        if !overlaps.any(&out, &range) {
            let names = names_in(mentions, &range);
            out.push(Found::new(range, names, false));
        }
    }
    // ", as the transport department reported in its bulletin": a closing clause.
    for c in s.clauses.iter().skip(1).filter(|c| !c.paren) {
        let clause = &text[c.range.clone()];
        let opens_with_as = clause
            .trim_start()
            .get(..3)
            .is_some_and(|w| w.eq_ignore_ascii_case("as "));
        if opens_with_as && AS_REPORTED.is_match(clause) && !names_nobody(clause, lex) {
            push_new(
                &mut out,
                &mut overlaps,
                closing_source(text, &c.range, mentions),
            );
        }
    }
    // "…，数据均来自血站信息管理系统。", "…; all figures are from the Steamworks sales
    // report.": a closing clause that says where the sentence's figures come from.
    for c in s.clauses.iter().skip(1).filter(|c| !c.paren) {
        let clause = &text[c.range.clone()];
        let Some(m) = DATA_FROM.find(clause) else {
            continue;
        };
        let source = &clause[m.end()..];
        if source.trim().chars().count() >= 2
            && !names_nobody(source, lex)
            && !INWARD.is_match(source.trim_start())
        {
            push_new(
                &mut out,
                &mut overlaps,
                closing_source(text, &c.range, mentions),
            );
        }
    }
    // "…, the Vietnam Fruit and Vegetable Association (Vinafruit) said.": who said it,
    // named at the end.
    let sentence = &text[sr.clone()];
    if let Some(comma) = sentence.rfind(", ") {
        let tail = sentence[comma..].trim_end_matches(['.', ' ', '\n', '"', '”']);
        if (SAID_CLOSING.is_match(tail) || OWN_CLOSING.is_match(tail))
            && !lex.vague_patterns.is_match(tail)
        {
            let range = sr.start + comma + 2..sr.start + comma + tail.len();
            // The body and its verb inside the clause were read as a source of what
            // follows them; at the end of the sentence it sources what came before.
            out.retain(|f| !(f.ahead && range.start <= f.range.start && f.range.end <= range.end));
            overlaps.forget();
            push_new(
                &mut out,
                &mut overlaps,
                Found::new(range.clone(), names_in(mentions, &range), false),
            );
        }
    }
    // "The company said it expects…": the body the piece is about, named by its kind.
    let lead_ws = sentence.len() - sentence.trim_start().len();
    if let Some(m) = OWN_OPENING
        .find(sentence.trim_start())
        .or_else(|| OWN_OPENING_ZH.find(sentence.trim_start()))
    {
        let range = sr.start + lead_ws..sr.start + lead_ws + m.end();
        push_new(&mut out, &mut overlaps, Found::new(range, Vec::new(), true));
    }
    // "Under the 2025 Lianjiang Marathon competition rules, …", "As set out in the
    // council's budget, …": a leading clause that names the document the figures follow.
    if let Some(first) = s
        .clauses
        .first()
        .filter(|c| !c.paren && c.range.end < sr.end)
    {
        let clause = text[first.range.clone()].trim_start();
        if UNDER_DOCUMENT.is_match(clause) {
            let lead = first.range.end - first.range.start - clause.len();
            let range = first.range.start + lead..first.range.end;
            push_new(
                &mut out,
                &mut overlaps,
                Found::new(range, names_in(mentions, &first.range), true),
            );
        }
    }
    // 据星河云官网价目表（2024年10月），…: a leading 据/根据 clause names its source.
    if let Some(first) = s.clauses.first() {
        let clause = text[first.range.clone()].trim_start();
        let lead = first.range.end - first.range.start - clause.len();
        // (按 alone, 按论文附带的团队成本模型测算, only with a word for a source in it: 按年
        // or 按每人计算 is a way of counting.)
        let an = clause
            .strip_prefix('按')
            .filter(|rest| !rest.starts_with('照'))
            .filter(|rest| {
                lex.cite
                    .find_all(rest)
                    .any(|(_, w)| *w == CiteWord::SourceWord)
            });
        if let Some(rest) = ["根据", "按照", "依据", "据"]
            .iter()
            .find_map(|p| clause.strip_prefix(p))
            .or(an)
        {
            let generic = GENERIC_WHO.iter().any(|g| rest.starts_with(g));
            let vague_tail = lex.cite.find_all(rest).any(|(_, w)| *w == CiteWord::Vague);
            // 按照每只猫每月1870元计算: a figure to reckon with, not where one comes from.
            let premise = HAS_FIGURE.is_match(rest)
                && !lex
                    .cite
                    .find_all(rest)
                    .any(|(_, w)| matches!(w, CiteWord::SourceWord | CiteWord::WeakSourceWord));
            if rest.chars().count() >= 2
                && !generic
                && !vague_tail
                && !premise
                && first.range.end < sr.end
            {
                let range = first.range.start + lead..first.range.end;
                push_new(
                    &mut out,
                    &mut overlaps,
                    Found::new(range, names_in(mentions, &first.range), true),
                );
            }
        }
    }
    // （据穹顶算力官网）, (source: IDC): a parenthesis that says where it comes from.
    // (The sources so far by their place: each parenthesis asks.)
    let mut taken: HashSet<Range<usize>> = out.iter().map(|f| f.range.clone()).collect();
    for c in s.clauses.iter().filter(|c| c.paren) {
        let inner = text[c.range.clone()].trim();
        let said = [
            "据",
            "来源",
            "资料来源",
            "数据来源",
            "據",
            "來源",
            "資料來源",
            "數據來源",
            "引自",
            "source",
            "Source",
            "via ",
        ]
        .iter()
        .find_map(|p| inner.strip_prefix(p));
        if let Some(rest) = said {
            let rest = rest.trim_start_matches(['：', ':', ' ']);
            if rest.chars().count() >= 2
                && !GENERIC_WHO.iter().any(|g| rest.starts_with(g))
                && !taken.contains(&c.range)
            {
                taken.insert(c.range.clone());
                out.push(Found::new(
                    c.range.clone(),
                    names_in(mentions, &c.range),
                    false,
                ));
            }
        }
    }
    let measured = JU_MEASURED
        .captures_iter(&text[sr.clone()])
        .filter(|m| m.get(1).is_some_and(|who| ends_with_body_zh(who.as_str())));
    for m in JU_SOURCE.captures_iter(&text[sr.clone()]).chain(measured) {
        let (Some(all), Some(who)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let generic = GENERIC_WHO;
        if generic.iter().any(|g| who.as_str().starts_with(g))
            || in_a_word(&text[..sr.start + all.start()])
        {
            continue;
        }
        let range = sr.start + all.start()..sr.start + all.end();
        if !overlaps.any(&out, &range) {
            let names = names_in(mentions, &range);
            out.push(Found::new(range, names, true));
        }
    }

    // Links and footnotes.
    for (r, url) in block.links() {
        if r.start >= sr.start && r.end <= sr.end {
            let Some(ahead) = link_source(text, r, s, lex, url.starts_with('#')) else {
                continue;
            };
            let mut f = Found::new(r.clone(), names_in(mentions, r), ahead);
            f.url = Some(url.clone());
            out.push(f);
        }
    }
    for (pos, _) in block.footnotes() {
        if *pos >= sr.start && *pos <= sr.end {
            let p = (*pos).min(text.len());
            out.push(Found::new(p..p, Vec::new(), false));
        }
    }
    for m in BRACKET_REF.find_iter(&text[sr.clone()]) {
        out.push(Found::new(
            sr.start + m.start()..sr.start + m.end(),
            Vec::new(),
            false,
        ));
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// Whether a 据 after `before` is inside a word (数据集, 证据, 占据, 票据), not an opener.
fn in_a_word(before: &str) -> bool {
    before.ends_with(['数', '证', '占', '单', '票', '收', '论', '凭', '割', '考'])
}

/// The words of a sentence (split at white space, as [`str::split_whitespace`] does), read
/// once so that each parenthesis asks about the words before it without scanning back
/// over them: a sentence of thousands of parentheses and no space is one long word.
#[derive(Default)]
struct Words {
    words: Vec<Word>,
    /// The words that are not a joining word (of, and, for, the, &), in order.
    kept: Vec<usize>,
}

struct Word {
    start: usize,
    end: usize,
    /// Where its first character after any opening bracket or quote is, if it has one.
    first: Option<usize>,
    /// The end of its leading run of lower-case ASCII letters and hyphens.
    lower_end: usize,
}

/// Whether a word is one the initials of a name skip.
fn joining(w: &str) -> bool {
    ["of", "and", "for", "the", "&"]
        .iter()
        .any(|j| w.eq_ignore_ascii_case(j))
}

impl Words {
    fn new(st: &str) -> Self {
        let mut out = Words::default();
        let base = st.as_ptr() as usize;
        for w in st.split_whitespace() {
            let start = w.as_ptr() as usize - base;
            let trimmed = w.trim_start_matches(['[', '(', '"', '“']);
            let lower = w.len()
                - w.trim_start_matches(|c: char| c.is_ascii_lowercase() || c == '-')
                    .len();
            if !joining(w) {
                out.kept.push(out.words.len());
            }
            out.words.push(Word {
                start,
                end: start + w.len(),
                first: (!trimmed.is_empty()).then(|| start + w.len() - trimmed.len()),
                lower_end: start + lower,
            });
        }
        out
    }

    /// Whether `acronym` is the initials of the last words of `st[..end]` (General
    /// Language Model / GLM, Office of Agricultural Economics / OAE, Net Revenue Retention
    /// / NRR), `st` the sentence these words were read from.
    fn initials_before(&self, st: &str, end: usize, acronym: &str) -> bool {
        let n = acronym.chars().count();
        if !(2..=8).contains(&n) || !acronym.chars().all(|c| c.is_ascii_uppercase()) {
            return false;
        }
        // The words before `end`: the last one cut there.
        let t = self.words.partition_point(|w| w.start < end);
        let Some(last) = t.checked_sub(1).map(|k| &self.words[k]) else {
            return false;
        };
        let last_end = last.end.min(end);
        let first_char = |w: &Word, end: usize| {
            w.first
                .filter(|&f| f < end)
                .and_then(|f| st[f..].chars().next())
        };
        // The last words that are not joining words, from the end: their first letters.
        let mut initials: Vec<Option<char>> = Vec::with_capacity(n);
        if !joining(&st[last.start..last_end]) {
            initials.push(first_char(last, last_end));
        }
        let p = self.kept.partition_point(|&k| k < t - 1);
        initials.extend(
            self.kept[..p]
                .iter()
                .rev()
                .take(n - initials.len())
                .map(|&k| first_char(&self.words[k], self.words[k].end)),
        );
        let mut letters = initials
            .iter()
            .rev()
            .flatten()
            .map(char::to_ascii_uppercase);
        if letters.by_ref().eq(acronym.chars()) {
            return true;
        }
        // The same initials in another order, of words in lower case: "tonnes gutted
        // weight (GWT)".
        if initials.len() == n
            && initials
                .iter()
                .all(|c| c.is_some_and(|c| c.is_ascii_lowercase()))
        {
            let mut have: Vec<char> = initials
                .iter()
                .flatten()
                .map(char::to_ascii_uppercase)
                .collect();
            let mut want: Vec<char> = acronym.chars().collect();
            have.sort_unstable();
            want.sort_unstable();
            if have == want {
                return true;
            }
        }
        // Loosely: a term of two words or more whose first and last words start the acronym's
        // first and last letters (lithium iron phosphate / LFP, polyvinylidene fluoride /
        // PVDF), the words written in lower case (a name would be capitalised).
        let lower = |w: &Word, end: usize| w.lower_end >= end;
        if !lower(last, last_end) {
            return false;
        }
        let initial = |w: &Word| st[w.start..].chars().next().map(|c| c.to_ascii_uppercase());
        let (Some(first), Some(final_letter)) = (acronym.chars().next(), acronym.chars().last())
        else {
            return false;
        };
        initial(last) == Some(final_letter)
            && self.words[..t - 1]
                .iter()
                .rev()
                .take_while(|w| lower(w, w.end))
                .take(n - 1)
                .any(|w| initial(w) == Some(first))
    }
}

/// Whether a link gives the source of its sentence rather than naming a thing, and if
/// so whether it opens what it sources ([评测结果](…)显示，…; according to [X](…), …): its
/// words are a source's ([benchmark page], [基准测试], [2025 annual report]), it stands
/// in parentheses or after a cue (according to [pypistats.org], 详见[报告]), or its text
/// is an address. "[ChatGLM2](…) reaches 47.86" and "built on [Multi-Query
/// Attention](…)" link a project and a technique, not where a figure comes from.
///
/// A link to a place in the document itself (#evaluation-results, a table of contents)
/// is a source only by its words or a verb after it ([评测结果](#评测结果)显示).
fn link_source(
    text: &str,
    r: &Range<usize>,
    s: &Sentence,
    lex: &Lexicon,
    in_document: bool,
) -> Option<bool> {
    let words = text.get(r.clone())?;
    let words = words.trim();
    let source_word = lex
        .cite
        .find_all(words)
        .any(|(_, w)| matches!(w, CiteWord::SourceWord | CiteWord::WeakSourceWord));
    let address = !words.contains(' ')
        && (words.starts_with("http")
            || (words.contains('.') || words.contains('/'))
                && words.chars().any(char::is_alphabetic))
        && !words.chars().next().is_some_and(|c| c.is_ascii_digit());
    let in_parens = s
        .clauses
        .iter()
        .any(|c| c.paren && c.range.start <= r.start && r.end <= c.range.end);
    let before = text[s.range.start.min(r.start)..r.start].trim_end();
    let before = super::text::tail(before, 24).to_lowercase();
    let opener = lex
        .cite
        .find_all(&before)
        .any(|(m, w)| *w == CiteWord::Opener && m.end == before.len());
    let cue = opener
        || [
            "see", "via", "per", "from", "详见", "参见", "见", "参考", "来自",
        ]
        .iter()
        .any(|c| before.ends_with(c));
    let after = super::text::head(text[r.end..].trim_start(), 16);
    let verb = lex
        .cite
        .find_all(after)
        .any(|(m, w)| *w == CiteWord::Verb && m.start == 0);
    let source = if in_document {
        source_word || verb
    } else {
        source_word || address || in_parens || cue || verb
    };
    source.then_some((verb || opener) && !in_parens)
}

/// Vague source phrases in a sentence: 研究表明, studies show. A phrase right after a
/// name ("IDC数据显示") names its source and is not vague.
pub fn vague(text: &str, s: &Sentence, mentions: &[Mention], lex: &Lexicon) -> Vec<Range<usize>> {
    let sr = s.range.clone();
    let mut out: Vec<Range<usize>> = Vec::new();
    let st = &text[sr.clone()];
    let mut found: Vec<Range<usize>> = lex
        .cite
        .find_all(st)
        .filter(|(_, w)| **w == CiteWord::Vague)
        .map(|(r, _)| r)
        .collect();
    // Latin patterns run on an ASCII stand-in of a sentence that is not ASCII (the same
    // matches at the same places, in the regex crate's fast engine); one is written per
    // stand-in kind and reused by the patterns that share it.
    let mut stand_in: Option<(&crate::stand_in::StandIn, bool)> = None;
    let mut ascii = String::new();
    for (re, si) in lex.vague_patterns.for_text(st) {
        let hay = match si {
            Some(si) if !st.is_ascii() => {
                let fits = match stand_in {
                    Some((prev, fits)) if prev.same_as(si) => fits,
                    _ => {
                        let fits = si.write(st, &mut ascii);
                        stand_in = Some((si, fits));
                        fits
                    }
                };
                if fits { ascii.as_str() } else { st }
            }
            _ => st,
        };
        for m in re.find_iter(hay) {
            let r = m.range();
            // ("Visitor research suggests" over "research suggests": the longer phrase,
            // which holds the shorter, is the source.)
            if let Some(f) = found
                .iter_mut()
                .find(|f| f.start < r.end && r.start < f.end)
            {
                if r.start <= f.start && f.end <= r.end && r.len() > f.len() {
                    *f = r;
                }
            } else {
                found.push(r);
            }
        }
    }
    // (Holding a shorter phrase found above, "growers often tell us", it replaces it: the
    // description opens the source.)
    if let Some(r) = group_reports(text, st, sr.start, mentions) {
        found.retain(|f| !(r.start <= f.start && f.end <= r.end));
        if !found.iter().any(|f| f.start < r.end && r.start < f.end) {
            found.push(r);
        }
    }
    found.sort_by_key(|r| r.start);
    for r in found {
        let abs = sr.start + r.start..sr.start + r.end;
        let head = text[sr.start..abs.start].trim_end_matches(['的', ' ']);
        let cjk_phrase = text[abs.clone()].starts_with(|c: char| c > '\u{2E80}');
        // "Morningstar analysts say": a capitalised word right before a lower-case
        // vague phrase names whose analysts they are, even at a sentence start.
        const DETERMINERS: &[&str] = &[
            "Some",
            "Many",
            "Most",
            "Other",
            "Several",
            "Few",
            "The",
            "These",
            "Those",
            "Our",
            "Industry",
            "Independent",
            "Leading",
            "Top",
            "Outside",
            "Market",
            "Wall",
            // A field or a kind, not an owner: "Security researchers say", "Commercial
            // analysts reckon".
            "Security",
            "Commercial",
            "Financial",
            "Medical",
            "Academic",
            "Legal",
            "Political",
            "Economic",
            "Retail",
            "Energy",
            "Climate",
            "Health",
            "Education",
            "Science",
            "Art",
            "Tech",
            "Technology",
            "Travel",
            "Transport",
            "Housing",
            "Property",
            "Local",
            "Regional",
            "National",
            "Foreign",
            "Western",
            "Internal",
            "External",
            "Private",
            "Public",
            "Sector",
            "City",
            "Trade",
            "Sports",
            "Games",
            "Gaming",
        ];
        let last_word = head.rsplit(' ').next().unwrap_or("");
        // ("by Indigo Research found": a capitalised phrase after a capitalised word is
        // the end of a name.)
        let capitalised_owner = !cjk_phrase
            && (text[abs.clone()].starts_with(|c: char| c.is_ascii_lowercase())
                || text[abs.clone()].starts_with(|c: char| c.is_ascii_uppercase())
                    && head.ends_with(|c: char| c.is_ascii_alphanumeric()))
            && last_word.starts_with(|c: char| c.is_ascii_uppercase())
            && last_word.len() > 1
            && last_word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '&')
            && !DETERMINERS.contains(&last_word);
        // (A common word opening the sentence is part of the description: the finding
        // starts at it, "Disability groups estimate".)
        let described_by = (!cjk_phrase
            && capitalised_owner
            && common_word_opening(text, sr.start, head, last_word))
        .then(|| sr.start + head.len() - last_word.len());
        let capitalised_owner = capitalised_owner && described_by.is_none();
        // 国际能源署（IEA）数据显示: the name stands before its gloss.
        let unglossed = head
            .strip_suffix(['）', ')'])
            .and_then(|h| h.rfind(['（', '(']).map(|i| h[..i].trim_end()))
            .unwrap_or(head);
        // (数据统计页, 數據統計: the word 数据 runs into 据统计, which then is no phrase.)
        let inside_a_word = (text[abs.clone()].starts_with('据')
            || text[abs.clone()].starts_with('據'))
            && text[sr.start..abs.start].ends_with(['数', '數']);
        // ("Lufthansa's network planners told us": whose planners the possessive says.)
        let possessed = !cjk_phrase
            && head.rsplit(' ').take(3).any(|w| {
                w.starts_with(|c: char| c.is_ascii_uppercase())
                    && (w.ends_with("'s") || w.ends_with("’s"))
            });
        // ("Our auditors estimate", "The authors estimate": people the writer has, or
        // named before; "Veteran paddlers reckon" describes them.)
        let owned_people = !cjk_phrase
            && [
                "our", "the", "their", "its", "these", "those", "his", "her", "my",
            ]
            .contains(&last_word.to_ascii_lowercase().as_str())
            && text[abs.clone()].split(' ').next().is_some_and(|w| {
                w.starts_with(|c: char| c.is_ascii_lowercase())
                    && ["ers", "ists", "ians", "ects", "ors", "ants"]
                        .iter()
                        .any(|e| w.ends_with(e))
            });
        let named_before = capitalised_owner
            || owned_people
            || possessed
            || inside_a_word
            || mentions.iter().any(|m| {
                m.range.end == sr.start + head.len() || m.range.end == sr.start + unglossed.len()
            })
            || (cjk_phrase && head.ends_with(|c: char| c.is_ascii_alphanumeric()))
            || ["财报", "报告", "年报", "调查", "研究"]
                .iter()
                .any(|w| head.ends_with(w))
            || ends_with_body_zh(head)
            || data_owner_before(
                text[sr.start..abs.start].trim_end_matches(' '),
                &text[abs.clone()],
            )
            // 该研究显示, "the researchers found": a source named before, taken up again.
            || ["该", "这项", "此项", "这一", "这份", "上述", "前述", "这些"]
                .iter()
                .any(|w| head.ends_with(w))
            || TAKEN_UP.is_match(&text[sr.start + head.len()..sr.end])
            // "Many people in this study told us", 本研究中许多人告诉我们: the people of a
            // study the text names.
            || ["本研究中", "本研究", "本试验中", "该研究中", "这项研究中"]
                .iter()
                .any(|w| head.ends_with(w))
            || ["in this study", "in the study", "in our study", "in this trial", "in the trial"]
                .iter()
                .any(|w| text[abs.clone()].to_ascii_lowercase().contains(w));
        if !named_before {
            out.push(described_by.map_or(abs.clone(), |start| start..abs.end));
        }
    }
    out
}

/// A sentence that opens with people or bodies of a kind, described in a word or three
/// (and where they are: "Estate agents in the dale") and named no further, saying what
/// they reckon or have seen: "Hikers reckon that …",
/// "Money-advice workers estimate that …", "Rescue volunteers have observed that …",
/// "Allotment growers often tell us …". The range within the sentence `st`, which starts
/// at `offset` of `text` (the text that `mentions` index).
///
/// A verb that also reports what a thing does ("Workers report progress every 10 s",
/// "Nodes say hello") counts only before "that"; a possessive or a determiner opening the
/// sentence ("Our auditors", "The trustees") and a known name ("Gartner analysts") make
/// the group someone's own.
fn group_reports(
    text: &str,
    st: &str,
    offset: usize,
    mentions: &[Mention],
) -> Option<Range<usize>> {
    static GROUP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)^[\s\-*+>\#\d.)]*(?:\*\*)?
            (?P<g>[A-Z][a-z]+(?:-[a-z]+)*(?:\ [a-z]+(?:-[a-z]+)*){0,2}?)
            # Where they are, in lower-case words: Estate agents in the dale reckon.
            (?:\ (?:in|at|across|around|near|on|from)\ (?:the\ |our\ |this\ |local\ )?[a-z]+(?:-[a-z]+)?)?
            \ (?:(?:often|regularly|frequently|repeatedly|sometimes|also|generally|widely|
                   broadly|now|increasingly|consistently|privately|informally)\ )?
            (?P<v>estimate|reckon|believe|think|tell\ us|told\ us|observe|say|said|report|
                  reported|note|suggest|find|found|warn|
                  have\ (?:observed|reported|noticed|noted|found|estimated|said|told\ us|
                        suggested|warned|seen))
            (?P<that>\ that)?\b",
        )
        .expect("group reports regex")
    });
    const OWN: &[&str] = &[
        "The", "This", "These", "Those", "Our", "Its", "Their", "His", "Her", "My", "Your", "We",
        "They", "It", "Both", "All", "Each", "Every", "Such", "What", "How", "Why", "When",
        "Where", "Which", "Who",
    ];
    // Verbs that say what people think or have seen, with or without "that".
    const OPINION: &[&str] = &[
        "estimate",
        "reckon",
        "believe",
        "think",
        "tell us",
        "told us",
        "observe",
        "have observed",
        "have noticed",
        "have reported",
        "have told us",
        "have estimated",
    ];
    let c = GROUP.captures(st)?;
    let g = c.name("g")?;
    let v = c.name("v")?.as_str();
    let words: Vec<&str> = g.as_str().split(' ').collect();
    let head = words.last()?;
    let plural = head.len() >= 4
        && head.ends_with('s')
        && !["ss", "us", "is", "ics", "news"]
            .iter()
            .any(|e| head.ends_with(e));
    if !plural || OWN.contains(&words[0]) {
        return None;
    }
    if c.name("that").is_none() && !OPINION.contains(&v) {
        return None;
    }
    // ("Korvo analysts estimate": a first word of a description of two words or more
    // that the text capitalises mid-sentence too names whose they are.)
    if words.len() >= 2
        && !common_word(text, offset, words[0])
        && capitalised_mid_sentence(text, offset, words[0])
    {
        return None;
    }
    let at = offset + g.start()..offset + g.end();
    if mentions
        .iter()
        .any(|m| m.known && m.range.start < at.end && at.start < m.range.end)
    {
        return None;
    }
    let end = c.name("v")?.end();
    Some(g.start()..end)
}

/// Whether a capitalised word that opens a sentence right before a vague phrase is a
/// common word describing the people ("Disability groups estimate", "Logistics analysts
/// reckon", "Rescue colleagues … tell us"), not an owner's name ("Gartner analysts say"):
/// it ends as English adjectives and abstract nouns do (-ing, -ity, -ics, -al…), or the
/// text around writes it in lower case too (a name is capitalised wherever it stands).
fn common_word_opening(text: &str, sentence: usize, head: &str, word: &str) -> bool {
    head.trim_start_matches(['-', '*', '>', ' ']).trim() == word
        && common_word(text, sentence, word)
}

/// Whether a capitalised word opening the sentence at `sentence` is a common word, not a
/// name: see [`common_word_opening`]. (A compound, "Money-advice", is one too.)
fn common_word(text: &str, sentence: usize, word: &str) -> bool {
    if word.len() < 4 {
        return false;
    }
    if word.contains('-')
        && word
            .split('-')
            .skip(1)
            .all(|w| w.starts_with(|c: char| c.is_ascii_lowercase()))
    {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    const ENDINGS: &[&str] = &[
        "ing", "ity", "ics", "ial", "al", "ive", "ary", "ous", "ory", "ion", "ism", "ure",
    ];
    if ENDINGS.iter().any(|e| lower.ends_with(e)) {
        return true;
    }
    let near = around(text, sentence);
    near.match_indices(lower.as_str()).any(|(i, _)| {
        let before = near[..i].chars().next_back();
        let after = near[i + lower.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The text around the sentence at `sentence` that a word's other uses are looked for in:
/// a window, since a document may be megabytes.
fn around(text: &str, sentence: usize) -> &str {
    let lo = super::text::floor_char(text, sentence.saturating_sub(16 * 1024));
    let hi = super::text::floor_char(text, (sentence + 16 * 1024).min(text.len()));
    &text[lo..hi]
}

/// Whether the text around `sentence` writes `word` capitalised inside a sentence, as a
/// name is written wherever it stands ("… sold through Korvo's stores").
fn capitalised_mid_sentence(text: &str, sentence: usize, word: &str) -> bool {
    let near = around(text, sentence);
    near.match_indices(word).any(|(i, _)| {
        let after = near[i + word.len()..].chars().next();
        let before = near[..i]
            .trim_end_matches([' ', '*', '_'])
            .chars()
            .next_back();
        near[..i].ends_with([' ', '*', '_'])
            && after.is_none_or(|c| !c.is_alphanumeric())
            && before.is_some_and(|c| c.is_alphanumeric() || ",;'’(".contains(c))
    })
}

/// Whether the data of a 数据显示 belong to someone the text names, if only by a name the
/// lexicon does not know (星幕专业版数据显示, 话务平台数据显示), not to data only described
/// (最新数据显示, 行业统计数据显示).
fn data_owner_before(head: &str, phrase: &str) -> bool {
    // (And a questionnaire's: 2025 年大会问卷显示, not 一项针对本市高校学生的问卷显示.)
    let survey = phrase.starts_with("问卷") || phrase.starts_with("問卷");
    if !(phrase.starts_with("数据") || phrase.starts_with("數據") || survey) {
        return false;
    }
    /// Words that describe data without saying whose they are.
    const DESCRIBED: &[&str] = &[
        "最新",
        "相关",
        "有关",
        "官方",
        "公开",
        "统计",
        "統計",
        "行业",
        "行業",
        "市场",
        "市場",
        "第三方",
        "监测",
        "監測",
        "调查",
        "調查",
        "调研",
        "調研",
        "历史",
        "歷史",
        "初步",
        "权威",
        "權威",
        "研究",
        "实验",
        "實驗",
        "测试",
        "測試",
        "大量",
        "大",
        "一些",
        "部分",
        "多项",
        "多項",
        "多份",
        "不少",
        "许多",
        "許多",
        "很多",
        "近期",
        "最近",
        "网络",
        "網絡",
        "全球",
        "全国",
        "全國",
        "国际",
        "國際",
        "国内",
        "國內",
        "海外",
        "各地",
        "业内",
        "業內",
        "行内",
        "行內",
        "抽样",
        "抽樣",
        "样本",
        "樣本",
        "现有",
        "現有",
        "已有",
        "同期",
        "往年",
        "去年",
        "今年",
        "年度",
        "月度",
        "季度",
        "实时",
        "實時",
        "最终",
        "最終",
        "早期",
        "此前",
        "以往",
        "过去",
        "過去",
        "有",
        "新",
        "其他",
        "其它",
        "另一组",
        "另一組",
        "这组",
        "這組",
        "该组",
        "該組",
        "上述",
        "以上",
        "以下",
        "下列",
        "综合",
        "綜合",
        "汇总",
        "匯總",
        "整体",
        "整體",
    ];
    let run: Vec<char> = head
        .chars()
        .rev()
        .take_while(|&c| crate::claim::text::is_han(c))
        .take(16)
        .collect();
    let run: String = run.into_iter().rev().collect();
    let run = ["根据", "根據", "据", "據"]
        .iter()
        .find_map(|p| run.strip_prefix(p))
        .unwrap_or(&run);
    // (What 的 joins is a description: 针对本市高校学生的问卷; unless it is a body's
    // name: 市老龄工作委员会办公室的问卷调查.)
    let run_bare = run.trim_end_matches('的');
    let body = [
        "会",
        "會",
        "局",
        "院",
        "办公室",
        "辦公室",
        "部",
        "系",
        "所",
        "委",
        "司",
        "厅",
        "廳",
        "中心",
        "学校",
        "學校",
        "大学",
        "大學",
        "公司",
        "集团",
        "集團",
        "政府",
        "办",
        "辦",
    ]
    .iter()
    .any(|b| run_bare.ends_with(b));
    let described = run.ends_with('的') && !body;
    let run = run_bare;
    run.chars().count() >= 2
        && !DESCRIBED.iter().any(|d| run.ends_with(d))
        && !(survey && described)
}

/// Whether Chinese text holds a figure written in Chinese numerals or full-width digits:
/// 八成, 三分之二, 两倍, 十二万, ４５％.
fn chinese_figure(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).any(|w| {
        let numeral = "一二三四五六七八九十两半百千".contains(w[0]);
        (numeral && "成倍万亿千百".contains(w[1]) && w[0] != w[1]) || ('０'..='９').contains(&w[0])
    }) || text.contains("分之")
}

/// Whether a source only takes up one named before ("The authors estimate", 该研究显示):
/// it sources its own claim, but names nothing another variant could be asked to add.
pub fn is_taken_up(text: &str) -> bool {
    TAKEN_UP.is_match(text.trim_start())
}

/// Whether a citation is one that names a source.
pub fn is_named(kind: &CitationKind) -> bool {
    *kind == CitationKind::Named
}

#[cfg(test)]
mod tests {

    /// [`super::Held`] answers what scanning every source did, for unordered, nested,
    /// empty and touching ranges at every place.
    #[test]
    fn places_held_by_search_agree_with_a_scan() {
        let mut next = crate::testrand::below(0x2545_F491_4F6C_DD1D);
        let mut hit = 0;
        for _ in 0..2000 {
            let out: Vec<super::Found> = (0..next(20))
                .map(|_| {
                    let start = next(100);
                    super::Found::new(start..start + next(12), Vec::new(), next(2) == 0)
                })
                .collect();
            let held = super::Held::new(&out);
            for at in 0..115 {
                let want = out.iter().any(|f| f.range.start <= at && at < f.range.end);
                assert_eq!(held.holds(at), want, "{at}");
                hit += usize::from(want);
            }
        }
        assert!(hit > 20_000, "{hit}");
    }

    /// [`super::Overlaps`] answers what [`super::overlaps_any`] does, for lists grown by
    /// pushes with and without the check and cut by a `retain`, past the scan's size:
    /// nested, empty, inverted and touching ranges, some outside the sentence.
    #[test]
    fn overlaps_by_index_as_by_scan() {
        use super::{Found, Overlaps, overlaps_any, push_new};
        let mut next = crate::testrand::below(0x9E37_79B9_7F4A_7C15);
        let (mut asked, mut hit) = (0, 0);
        for _ in 0..1500 {
            let base = next(40);
            let sentence = base..base + next(300);
            let range = |next: &mut dyn FnMut(usize) -> usize| {
                let start = match next(20) {
                    0 => next(base + 1),
                    1 => sentence.end + next(20),
                    _ => base + next(sentence.len() + 2),
                };
                let end = match next(12) {
                    0 => start.saturating_sub(next(4)),
                    1 => start,
                    _ => {
                        let long = next(4) == 0;
                        start + 1 + next(if long { 60 } else { 8 })
                    }
                };
                start..end
            };
            let mut out: Vec<Found> = Vec::new();
            let mut overlaps = Overlaps::new(&sentence);
            for _ in 0..next(200) {
                let r = range(&mut next);
                let (op, ahead, cut) = (next(10), next(2) == 0, next(8) == 0);
                match op {
                    0..=2 => out.push(Found::new(r, Vec::new(), ahead)),
                    3..=5 => push_new(&mut out, &mut overlaps, Found::new(r, Vec::new(), false)),
                    6 if cut => {
                        out.retain(|f| !(f.ahead && r.start <= f.range.start));
                        overlaps.forget();
                    }
                    _ => {
                        let want = overlaps_any(&out, &r);
                        assert_eq!(overlaps.any(&out, &r), want, "{r:?} {sentence:?}");
                        asked += usize::from(out.len() > super::SCAN_SOURCES);
                        hit += usize::from(want);
                    }
                }
            }
        }
        assert!(asked > 20_000 && hit > 10_000, "{asked} {hit}");
    }

    /// The reference for [`Words::initials_before`]: the words before a parenthesis
    /// split and read again for each one. Whether `acronym` is the initials of the last words of `before` (General Language
    /// Model / GLM, Office of Agricultural Economics / OAE, Net Revenue Retention / NRR).
    fn initials_of(before: &str, acronym: &str) -> bool {
        let letters: Vec<char> = acronym.chars().collect();
        if !(2..=8).contains(&letters.len()) || !letters.iter().all(char::is_ascii_uppercase) {
            return false;
        }
        let initials: String = before
            .split_whitespace()
            .rev()
            .filter(|w| {
                !matches!(
                    w.to_ascii_lowercase().as_str(),
                    "of" | "and" | "for" | "the" | "&"
                )
            })
            .take(letters.len())
            .filter_map(|w| w.trim_start_matches(['[', '(', '"', '“']).chars().next())
            .collect::<Vec<char>>()
            .into_iter()
            .rev()
            .collect();
        if initials.to_ascii_uppercase() == acronym {
            return true;
        }
        // The same initials in another order, of words in lower case.
        if initials.chars().count() == letters.len()
            && initials.chars().all(|c| c.is_ascii_lowercase())
        {
            let mut have: Vec<char> = initials.to_ascii_uppercase().chars().collect();
            let mut want = letters.clone();
            have.sort_unstable();
            want.sort_unstable();
            if have == want {
                return true;
            }
        }
        // Loosely: a term of two words or more whose first and last words start the acronym's
        // first and last letters (lithium iron phosphate / LFP, polyvinylidene fluoride /
        // PVDF), the words written in lower case (a name would be capitalised).
        let words: Vec<&str> = before
            .split_whitespace()
            .rev()
            .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            .take(letters.len())
            .collect();
        let (Some(first), Some(last)) = (letters.first(), letters.last()) else {
            return false;
        };
        (2..=words.len()).any(|k| {
            let initial = |w: &str| w.chars().next().map(|c| c.to_ascii_uppercase());
            initial(words[k - 1]) == Some(*first) && initial(words[0]) == Some(*last)
        })
    }

    /// [`Words::initials_before`] reads the words once per sentence and answers what
    /// [`initials_of`] did, at every position of generated sentences (words of capitals
    /// and lower case, joining words, brackets and quotes, spaces and none).
    #[test]
    fn initials_from_the_words_read_once_agree_with_reading_them_each_time() {
        let pieces = [
            "General",
            "Language",
            "Model",
            "of",
            "OF",
            "and",
            "the",
            "&",
            "for",
            "lithium",
            "iron",
            "phosphate",
            "net-zero",
            "[Net",
            "(Revenue",
            "\"Retention",
            "“Model",
            "[",
            "((",
            "GLM",
            "特斯拉",
            "增长",
            "12%",
            "（",
            "(",
            " ",
            "  ",
            "\n",
            "\u{3000}",
        ];
        let acronyms = [
            "GLM",
            "LFP",
            "NRR",
            "OAE",
            "LM",
            "NRRM",
            "G",
            "ABCDEFGHI",
            "Glm",
            "特斯",
        ];
        let mut next = crate::testrand::below(0x2545_F491_4F6C_DD1D);
        let mut yes = 0;
        for _ in 0..2000 {
            let st: String = (0..next(14))
                .map(|_| {
                    let p = pieces[next(pieces.len())];
                    if next(3) == 0 {
                        format!("{p} ")
                    } else {
                        p.to_string()
                    }
                })
                .collect();
            let words = super::Words::new(&st);
            for end in (0..=st.len()).filter(|&i| st.is_char_boundary(i)) {
                for a in acronyms {
                    let want = initials_of(&st[..end], a);
                    assert_eq!(
                        words.initials_before(&st, end, a),
                        want,
                        "{a} before {:?}",
                        &st[..end]
                    );
                    yes += usize::from(want);
                }
            }
        }
        // (Both answers came up.)
        assert!(yes > 200, "{yes}");
    }
    #[test]
    fn every_gate_admits_the_matches_of_its_pattern() {
        for g in [
            &super::AUTHOR_YEAR,
            &super::WEB,
            &super::TITLED_DOCUMENT,
            &super::TAKEN_UP,
            &super::EXAMPLE,
            &super::PROPER_NAME,
            &super::LED_BODY,
            &super::DESCRIBED_BODY,
            &super::INWARD,
            &super::CJK_BODY,
            &super::SELF_NAMED,
            &super::PER_SOURCE,
            &super::DATA_FROM,
            &super::UNDER_DOCUMENT,
            &super::BRACKET_REF,
            &super::SAID_CLOSING,
            &super::OWN_CLOSING,
            &super::OWN_OPENING,
            &super::DOC_LEAD_ZH,
            &super::SINGLE_NAME,
            &super::JU_SOURCE,
            &super::JU_MEASURED,
        ] {
            crate::gate::assert_sound(g);
        }
    }

    #[test]
    fn author_year_accepts_what_the_bounded_pattern_did() {
        // The pattern as it was, with the name bounded inside the regex.
        let bounded = regex::Regex::new(r"^(?:source:\s*|see\s+|来源[:：]\s*)?[A-Z\p{Han}][\p{L}&.' -]{1,60}[,，]?\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+)?(?:19|20)\d{2}[a-z]?$").unwrap();
        let long = |n: usize| format!("A{} 2023", "b".repeat(n));
        let cases = [
            "Gartner, 2023".to_string(),
            "Gartner 2023a".to_string(),
            "source: IDC, March 2024".to_string(),
            "see Smith & Jones 2019".to_string(),
            "来源：国家统计局 2024".to_string(),
            "国家统计局，2024".to_string(),
            "Reuters, Jan. 2021".to_string(),
            "G 2023".to_string(),
            "2023".to_string(),
            "gartner 2023".to_string(),
            "IDC 1899".to_string(),
            long(59),
            long(60),
            long(61),
            format!("A{} March 2023", "b".repeat(60)),
            format!("A{} March 2023", "b".repeat(55)),
        ];
        for c in &cases {
            assert_eq!(super::is_author_year(c), bounded.is_match(c), "{c:?}");
        }
        assert!(super::is_author_year(&long(59)));
        assert!(!super::is_author_year(&long(61)));
    }

    use crate::claim::{CitationKind, extract};
    use crate::lexicon::Lexicon;
    use crate::markdown::parse;

    /// The citations attached to the first figure of `text`.
    fn cites(text: &str) -> Vec<(CitationKind, String)> {
        let doc = parse(text, 0);
        let ext = extract(&doc, Lexicon::builtin().unwrap());
        let c = ext
            .claims
            .iter()
            .find(|c| c.quantity().is_some())
            .unwrap_or_else(|| panic!("no figure in {text}"));
        ext.cites(c.citations)
            .iter()
            .map(|x| (x.kind.clone(), x.text.to_string()))
            .collect()
    }

    /// The sources of the figure written `figure` in `text`.
    fn cites_of(text: &str, figure: &str) -> Vec<String> {
        let doc = parse(text, 0);
        let ext = extract(&doc, Lexicon::builtin().unwrap());
        let c = ext
            .claims
            .iter()
            .find(|c| c.quantity().is_some() && ext.text(c) == figure)
            .unwrap_or_else(|| panic!("no {figure} in {text}"));
        ext.cites(c.citations)
            .iter()
            .map(|x| x.text.to_string())
            .collect()
    }

    /// A bracketed key cites its reference: [12], [2–4], and keys with a letter ([S3],
    /// [R2]); not a bracketed word or a figure.
    /// An acronym of the words before it, in any order, is no source: (GWT) after
    /// "tonnes gutted weight".
    #[test]
    fn an_acronym_of_the_words_before_it_is_no_source() {
        let t = "The farm harvested 38,400 tonnes gutted weight (GWT) of salmon.";
        assert!(cites_of(t, "38,400 tonnes").is_empty());
        let t = "The farm harvested 38,400 tonnes of salmon (NOAA).";
        assert_eq!(cites_of(t, "38,400 tonnes"), ["NOAA"]);
    }

    #[test]
    fn bracketed_reference_keys_are_sources() {
        for (text, figure, key) in [
            ("Waste fell by 21% per pupil [R2].", "21% per pupil", "[R2]"),
            ("Costs fell by 15% [S5]. Staff grew.", "15%", "[S5]"),
            ("Revenue grew 12% [3].", "12%", "[3]"),
            ("Revenue grew 12% [2–4].", "12%", "[2–4]"),
        ] {
            assert_eq!(cites_of(text, figure), [key], "{text}");
        }
        for text in [
            "Revenue grew 12% [sic].",
            "Revenue grew 12% [ABC12].",
            "Revenue grew 12% [s3].",
        ] {
            assert!(cites_of(text, "12%").is_empty(), "{text}");
        }
    }

    #[test]
    fn a_leading_clause_names_the_document_a_figure_follows() {
        assert!(named(
            "Under the 2025 Lianjiang Marathon competition rules, total prize money was RMB 1.8 million."
        ));
        assert!(named(
            "As set out in the council's 2026 budget, spending rises 4%."
        ));
        assert!(!named("Under pressure, the firm cut 400 jobs."));
        // A rate's base is no source.
        assert!(!named("Each node needs 2 GB per CPU."));
    }

    #[test]
    fn a_closing_clause_that_says_where_the_data_come_from() {
        let t = "全年采血量56.3万单位，其中全血48.9万单位，数据均来自血站信息管理系统。";
        assert_eq!(cites_of(t, "48.9万").len(), 1);
        let t = "Revenue was £5.9 million, all figures from the Steamworks sales report.";
        assert!(named(t));
        assert!(!named("收入增长了16%，数据均来自内部测试。"));
    }

    #[test]
    fn a_closing_source_covers_its_statement_not_the_next_one() {
        let t = "Games averaged 412,000 viewers (Barb), and the league's YouTube channel \
                 recorded 9.4 million views.";
        assert_eq!(cites_of(t, "412,000"), ["Barb"]);
        assert!(cites_of(t, "9.4 million").is_empty());
        // The same statement goes on: no name of its own after the conjunction.
        let t = "Women make up 41% of holders (YouGov fan survey, March 2026), and one in \
                 four fans is under 25.";
        assert_eq!(cites_of(t, "one in four").len(), 1);
        assert_eq!(
            cites_of("收入16亿美元（官网定价），约为对手的一半。", "一半").len(),
            1
        );
        // A semicolon starts a new statement, unless it opens with a comparison.
        let t = "全年采集14.26万人次（据血站信息管理系统）；上年为13.58万人次。";
        assert_eq!(cites_of(t, "13.58万").len(), 1);
        let t = "全年采集14.26万人次（据血站信息管理系统）；新建献血屋12个。";
        assert!(cites_of(t, "12").is_empty());
    }

    fn named(text: &str) -> bool {
        cites(text).iter().any(|(k, _)| *k == CitationKind::Named)
    }

    #[test]
    fn records_plans_contracts_and_a_body_with_its_time() {
        for text in [
            "An independent survey by the Coastal Ecology Laboratory of Universitas Mabaru in February 2026 found that 71% of the seedlings were alive.",
            "The programme register lists 1,184 households in the scheme.",
            "The volunteer register records 3,046 volunteers over the year.",
            "The entries secretary's records show 2,318 livestock entries.",
            "The gate and ticket scans counted 41,250 visitors.",
            "Our visitor survey (n = 1,204) found that 62% of visitors came from nearby.",
            "The provincial Coastal Rehabilitation Plan 2025–2030 targets 4,000 hectares of restored mangrove.",
            "The ports cost £180,000 per platform (our contract with Ferrule).",
            "The district will draw $6.7 million from reserves (2026–27 Adopted Budget, Form 01).",
            "全年新增专项债券85亿元（市财政局债务管理系统）。",
            "受理供热诉求 3.84 万件，办结率 99.2%（市 12345 热线平台）。",
            "居民供热价格执行每平方米每采暖季 24 元（朔发改价格〔2019〕46 号）。",
            "补贴标准为每户每采暖季 1,200 元（市民政局《困难群众取暖补贴实施办法》）。",
            "经市计量检定测试院对 3,600 户居民室温抽测，室温达标率 98.6%。",
            "內建詞典收錄 16.2 萬個詞條，來源為教育部《重編國語辭典修訂本》。",
            // An own system or monitoring, an audited statement, a board's resolution.
            "Our nurses made 9,318 visits to patients at home (rota system).",
            "Network uptime over the last twelve months was 99.96% (network monitoring).",
            "全年受理呼救电话 21.6 万次（中心调度指挥系统）。",
            "全年实现销售收入 2.47 亿元（经审计的 2025 年度财务报表）。",
            "保底收购价为每斤 4.6 元（2025 年理事会第 3 号决议）。",
        ] {
            assert!(named(text), "{text}");
        }
        for text in [
            "The ports cost £180,000 per platform (our own estimate).",
            "The register grew by 1,184 households.",
            "A survey found that 62% of visitors came from nearby.",
            "The survey's critics say 62% is too high.",
            "We plan to restore 4,000 hectares by 2030.",
            "The plan targets 4,000 hectares of restored mangrove.",
        ] {
            assert!(!named(text), "{text}");
        }
    }

    #[test]
    fn a_link_is_a_source_by_its_words_its_place_or_a_cue() {
        for text in [
            "Queries return in 38 ms on a 1 TB corpus ([benchmark page](https://x.dev/bench)).",
            "It has 2,300 dependents according to [crates.io](https://crates.io/crates/x).",
            "The [evaluation results](#evaluation-results) show a gain of 23%.",
            "[评测结果](#评测结果)显示，性能提升了 23%。",
            "Downloads reached 650,000 a month ([pypistats.org](https://pypistats.org/x)).",
        ] {
            assert!(named(text), "{text}");
        }
        // Links that name a project or a technique, and a table of contents.
        for text in [
            "Based on [Multi-Query Attention](http://arxiv.org/abs/1911.02150), speed rose 42%.",
            "[Bar-6B](https://github.com/x/bar) reaches 47.86 on 12,000 questions.",
            "See [Install](#install) for the 3,000 packages.",
        ] {
            assert!(!named(text), "{text}");
        }
    }

    #[test]
    fn sources_named_with_a_date_an_address_or_a_reporting_clause() {
        for text in [
            "Bikes were available at 94% of checks (city audit, September 2026).",
            "Membership reached 62,000 (Spokewell membership records, 31 October 2026).",
            "The round raised $48 million (TechCrunch, 14 April 2026).",
            "夜间消费额达386亿元（青禾市商务局，2026年3月）。",
            "A pass costs $95 per year (see spokewell.org/pricing).",
            "Fare revenue was $7.8 million (2026 audited accounts, draft).",
            "Riders took 4.3 million trips, according to the city's open-data portal.",
            "The crate has 2,300 dependents according to crates.io.",
            "Trips rose 22%, as the city's transport department reported in its bulletin.",
            "It serves 40 million requests a day, as presented at PyCon US 2026.",
            "Exports reached US$3.2 billion in 2025, the Vietnam Fruit and Vegetable Association (Vinafruit) said.",
            "Revenue rose 8% to $40 million, Acme Holdings reported on Monday.",
            "China holds about 70% of supply, the International Energy Agency said in its Global Critical Minerals Outlook 2026.",
            "Kestrel稀土（澳交所代码：KRE）周二发布的年报显示，公司共生产稀土氧化物4850吨。",
            "全年航班准点率96.3%，较上年提高1.2个百分点（交通运输部东海海事局通报）。",
            "全县林地面积186.4万亩，森林覆盖率71.36%\n（县林业局森林资源年度监测）。",
            "植树62万株，参加群众14.8万人次\n（县绿化委员会办公室）。",
            "全年清理疫木1.26万株（县林业局森防站）。",
            "全县登记古树名木3,418株（县古树名木普查）。",
            "公司还表示，过去两年研发投入超过 2.1 亿元。",
            "组委会表示，本届赛事共招募志愿者4500名。",
            "区妇联反映，去年共受理托育相关咨询和投诉1,420件。",
            "The organising committee said 4,500 volunteers helped on race day.",
            "The University's Recruitment Strategy 2026–2030 expects applications to exceed 45,000.",
        ] {
            assert!(named(text), "{text}");
        }
        for text in [
            "The index holds 12,000 documents (internal audit, 2024).",
            "Sales rose 12% (up from 2019).",
            "Output grew 30%, according to plan.",
            "Output grew 30%, according to sources.",
            "Sales rose 30% in 2024, people familiar with the matter said.",
            "Sales rose 30% in 2024, the association said.",
            // A month is no author: the parenthesis dates the release.
            "Release 3.2.0 (September 2026) cut memory use by 40%.",
            "Sales rose 30% (Sept. 2026).",
            "张女士表示，每月花费近两千元。",
        ] {
            assert!(!named(text), "{text}");
        }
    }

    #[test]
    fn bodies_and_their_documents_reporting() {
        // A government body, an adverb between a body and its verb, a place's
        // document, a report taken up again without a determiner.
        assert!(named("市工信局预计，到2025年全市产业规模将超过260亿元。"));
        assert!(named("宠业研究院此前预测，2025年市场规模将突破3500亿元。"));
        assert!(named(
            "Lisbon's 2015 climate plan had projected a canopy of 25% by 2025."
        ));
        assert!(named(
            "里斯本 2015 年的气候规划曾预计，到 2025 年树冠覆盖率将达到 25%。"
        ));
        // The document's size between it and its verb.
        assert!(named(
            "The Lisbon Tourism Board's survey of 2,300 visitors found that 31% came by train."
        ));
        assert!(named("报告还预计，这一市场有望在2030年突破5000亿元。"));
        // A figure and whose data it is, in one parenthesis; not a gloss with a name.
        assert!(named("增速高于全国平均水平（6.5%，交通运输部数据）。"));
        assert!(!named("如联合健康集团（掌控17%美国医疗数据）的做法。"));
        assert!(!named("减少约 40％ 的人为（开发者）导致错误。"));
        assert!(!named("在 7 个 CLUE 数据集和 5 个 FewCLUE 数据集上评测。"));
        // Not sources: a place's figure, a market's layout.
        assert!(!named("Lisbon's canopy grew 25% by 2025."));
        assert!(!named("市场格局预计将在2025年改变，份额超过30%。"));
    }

    #[test]
    fn named_sources() {
        assert!(named("开源社区性能差距扩大40%（MIT 2024研究）。"));
        assert!(named(
            "The museum could draw 1.5 million visitors a year (provincial Department of Culture and Tourism)."
        ));
        assert!(!named(
            "The plan costs $40 million (mostly new pumps and Pipes)."
        ));
        assert!(named("The market grew 12% (Gartner, 2023)."));
        assert!(named("OpenAI年收入超16亿美元（2023年数据）。"));
        assert!(named("2024年Q1财报显示，数据中心业务收入同比暴涨427%。"));
        assert!(named("2023年Defcon大会演示：仅需50美元即可微调模型。"));
        assert!(named("According to the IEA, solar grew 50% in 2023."));
        assert!(named("IDC预计2026年市场规模将达到211亿美元。"));
        assert!(named(
            "Linux 1.0 had 176,250 lines of code (Linux Kernel Archives)."
        ));
        assert!(named("Revenue grew 12% [^1].\n\n[^1]: Annual report."));
        assert!(named(
            "据星河云官网价目表（2024年10月），H100 按需实例为每卡每小时 2.49 美元。"
        ));
        assert!(named(
            "MI300X 实例为每卡每小时 2.10 美元（据穹顶算力官网）。"
        ));
        assert!(!named("据行业统计，价格下降了30%。"));
        // A body told by the end of its name, which the lexicon need not know.
        assert!(named(
            "赛迪顾问数据显示，2025年我国商业航天市场规模达2.3万亿元。"
        ));
        assert!(named("省交通运输厅统计显示，全年客运量增长7.4%。"));
        assert!(!named("内部数据显示，转化率提升了30%。"));
        assert!(named("Revenue grew 12% ([report](https://example.com))."));
        // A link to a file or folder of the repository is an address: "Raw data are in
        // [bench/2025-04/](bench/2025-04/)".
        assert!(named(
            "Raw data for the 9.7x result are in [bench/2025-04/](bench/2025-04/)."
        ));
        assert!(!named(
            "Built on [Skerry](https://x.dev), it is 9.7 times faster."
        ));
        // A body and its own measuring, after a time phrase; a way of measuring is not one.
        assert!(named("5月中下旬，据省气象局监测，全省受影响面积83.2万亩。"));
        assert!(!named("5月中下旬，据实时监测，全省受影响面积83.2万亩。"));
        // A body and its publishing verb in parentheses.
        assert!(named(
            "今年小麦最低收购价为每50公斤119元（国家发展改革委等部门公布）。"
        ));
        assert!(!named("今年小麦最低收购价为每50公斤119元（去年公布）。"));
        // A plan named with its years; the system that holds the records.
        assert!(named(
            "By 2030 we aim to welcome 750,000 visits a year (Strategic Plan 2025–2030)."
        ));
        assert!(named(
            "33.4% of some 96,000 objects is now online (collections management system)."
        ));
    }

    #[test]
    fn data_in_parentheses_is_not_a_source() {
        assert!(!named("驱动GPU销量（2024 Q1数据中心收入+427%）。"));
        assert!(!named(
            "企业训练需付费使用MosaicML云平台（2023收入+300%）。"
        ));
        assert!(!named("收取30美元/人/月（2024预计创收60亿）。"));
        assert!(!named("Android市占72%（如Google）。"));
    }

    #[test]
    fn a_gloss_is_not_a_source_but_a_name_after_a_verb_is() {
        assert!(!named("其中纯电动车（BEV）157万辆。"));
        assert!(named("已有190个生成式AI服务完成备案（网信办）。"));
        assert!(named("销量302万辆（艾瑞咨询）。"));
        assert!(named("出货量增长12%（IDC）。"));
        // A data service's name, after a figure in Chinese numerals; data a name owns.
        assert!(named("前三名影片合计拿下超过八成的票房（星幕专业版）。"));
        assert!(named("星幕专业版数据显示，档期内票房 36.8 亿元。"));
        assert!(!named("档期内票房增长约30%（初步统计）。"));
        // A body's document by its title.
        assert!(named(
            "中冷研究院的《2025 中国冷链发展报告》测算，2024 年全国冷链物流市场规模为 5,361 亿元。"
        ));
        assert!(named(
            "Acme shipped 1.2 million units, according to its annual report."
        ));
        // A term's acronym, loosely made (phosphate gives the P of LFP), is a gloss.
        assert!(!named(
            "It stores 175 Wh/kg, close to the lithium iron phosphate (LFP) cells in cars."
        ));
        assert!(named("Exports grew 12% last year (ONS)."));
        assert!(named(
            "Buyers in Hong Kong accounted for 46% of the value, going by the addresses in the house's client records."
        ));
        // One capitalised name closing the figure's clause is its source; a word that says
        // what kind of figure it is, or a known place or product, is not.
        assert!(named("Our refund rate settled at 6.8% (Steamworks)."));
        assert!(named(
            "Exports grew 12% last year (Eurostat), the most since 2019."
        ));
        assert!(!named("Median latency was 12 ms (Median)."));
        assert!(!named("Revenue was £4.1 million (Provisional)."));
        assert!(!named("Sales reached 5,000 units (Japan)."));
        assert!(!named("The app uses 40 MB (Windows)."));
        assert!(!named(
            "It reached 5,000 units (Steamworks and more) quickly."
        ));
    }

    #[test]
    fn a_vague_phrase_inside_a_word_is_none() {
        let vague = |t: &str| cites(t).iter().any(|(k, _)| *k == CitationKind::Vague);
        assert!(!vague(
            "详见（[数据统计页](https://x.org/stats/)）。已转写的文本累计 2,860 万字。"
        ));
        assert!(vague("据统计，已转写的文本累计 2,860 万字。"));
        assert!(vague("根据统计，已转写的文本累计 2,860 万字。"));
    }

    #[test]
    fn people_of_a_kind_opening_a_sentence_are_vague() {
        let vague = |t: &str| cites(t).iter().any(|(k, _)| *k == CitationKind::Vague);
        for t in [
            "Hikers reckon that about 70% of hikers set off without a map.",
            "Money-advice workers estimate that members saved around £1.9 million.",
            // (A first word the sentence also writes in lower case is a common one.)
            "Rescue volunteers have observed that 3 in 5 hikers they rescue carry no map.",
            "Allotment growers often tell us that 9 in 10 allotment packets germinate.",
            "Pilots have reported cross-currents of 3 knots at the bend.",
            "Seed-saving networks estimate that more than 2,400 varieties have been lost.",
            "有引航员反映，航道每年淤积 120 万立方米。",
            "据乡镇干部估算，3,400 户农户增收约 1,800 万元。",
            "不少客户经理谈到，小微企业贷款难度上升 20%。",
            "據救難隊員觀察，約六成迷途山友手機裡只有 1 張截圖。",
            // Where they are, and a go-between's trade.
            "Estate agents in the dale reckon that fibre adds around £8,000 to a house.",
            "Teachers at local schools tell us that 3 in 4 pupils walk to school.",
            "据果业经纪人估算，收购均价同比下跌约 12%。",
        ] {
            assert!(vague(t), "{t}");
        }
        for t in [
            "Workers report progress every 10 seconds.",
            "Korvo analysts estimate that 40% of the projects run with Korvo will fail.",
            "Our auditors estimate that 5% of stock is lost.",
            "The trustees believe that 40% is achievable.",
            "Gartner analysts estimate that 40% of projects will fail.",
            "What tenants told us about 40 homes",
            "据该公司员工反映，产量增长 12%。",
            "Analysts at Morgan Stanley estimate that 40% of projects will fail.",
        ] {
            assert!(!vague(t), "{t}");
        }
    }

    #[test]
    fn vague_sources_name_nobody() {
        let c = cites("内部测试显示，用户数据可使模型性能提升23%。");
        assert!(c.iter().all(|(k, _)| *k == CitationKind::Vague) && !c.is_empty());
        let c = cites("Studies show that teams are 20% faster.");
        assert!(
            c.iter()
                .any(|(k, t)| *k == CitationKind::Vague && t == "Studies show")
        );
        let named = |t: &str| cites(t).iter().any(|(k, _)| *k == CitationKind::Vague);
        assert!(!named(
            "Morningstar analysts say the category held up, up 12%."
        ));
        assert!(named("Some analysts say the category held up, up 12%."));
        // A name opening the sentence owns the analysts; a common word describes them.
        // (A name is capitalised wherever else the text writes it.)
        assert!(!named(
            "Korvo analysts estimate that the category grew 12% on the year at Korvo."
        ));
        assert!(!named("据中国汽车工业协会统计，销量增长 12%。"));
        let c = cites("业内人士认为，价格将下降30%。");
        assert!(c.iter().any(|(k, _)| *k == CitationKind::Vague));
        for t in [
            "Visitor research suggests that free entry doubles the share to 30%.",
            "It is widely accepted in the sector that members visit 4 times as often.",
            "Evidence from other regional museums indicates that about 15% come back.",
            "Industry watchers put the airline's share of the market at about 40%.",
            "By industry estimates, it now holds about 40% of the market.",
            "People familiar with the talks said it is close to a C$2.3 billion deal.",
            "据有关部门抽样检测，三等以上小麦占比达到91.5%。",
            "经有关方面匡算，6号线将带动沿线土地增值约120亿元。",
            "据社区用户反馈，它通常比 gh-ost 快 40% 左右。",
            "Research has long shown that readers are four times more likely to finish.",
            "Independent tests suggest it is 30% faster.",
            "According to our internal benchmarks, it serves 12,000 queries per second.",
            "Many users report that it halves their bill by 50%.",
            "Retail demand grew 30%, according to market sources.",
            "据社区反馈，延迟降低了 30%。",
            "据视障团体估计，香港约有 17.4 万名视障人士。",
            "据社区医生粗略估算，约四成老人担心不良反应。",
            "当地住宿业者估计，观星游客每年带来 320 万英镑。",
            "有出版研究者发现，只有不足 5% 同时推出无障碍版本。",
            "有基层执法人员反映，约 20% 的摊贩无证经营。",
            "Disability groups estimate that 174,000 people have a visual impairment.",
            "Logistics analysts reckon that rail costs about a fifth as much as air.",
            "Local accommodation providers estimate that visitors bring £3.2 million.",
            "Education researchers generally agree that small classes lift results by 10%.",
            "Community dataminers estimate that only 12% of players finished it.",
            "Judges we work with estimate that 40% of hearing time goes on notes.",
            "有学者研究发现，约六成受害人未报案。",
            "有数据挖掘玩家估计，只有 12% 的玩家通关。",
            "有法官估计，约四成庭审时间用于记录。",
            "教育研究者普遍认为，小班教学可使成绩提高 10%。",
            "据业内估算，市场规模达 50 亿元。",
            "Sector commentators say the ban cut demand by a third.",
            "Surveys of local businesses suggest spending rose 20%.",
            "According to local businesses, footfall rose 30%.",
            "In our tests it used 40% less memory.",
            "有第三方测试表明，速度快30%。",
            "多家机构预测，2026年渗透率将超过70%。",
            "根据内部基准测试，每秒可处理1.2万次查询。",
            // A group described, not named.
            "Research on commuter habits suggests that 25% of riders drive instead.",
            "Companies that switched from Jenkins tell us builds run 40% faster.",
            "Maintainers we have talked to put the saving at 20 percent.",
            "Economists generally expect inflation to ease to 3% next year.",
            "相关机构初步测算，项目可带动就业1.2万人。",
            "多份报告显示，渗透率已超过六成。",
            "很多从旧版本升级上来的用户反馈，内存占用下降了三成。",
            "据我们走访过的商家估计，客流增加了两成。",
            "Many teachers tell us that CO2 fell by about 30%.",
            "Publishers we pitched to told us that 40% of pitches fail.",
            "Community leaders estimate that illegal cutting fell by 60%.",
            "不少老师反馈，教室里的二氧化碳浓度下降了约 30%。",
            "有研究提示，多达60%的成人睡眠不佳。",
            "有用户反馈，识别速度提高了三成。",
            "游客普遍反映，周末停车费涨了50%。",
            "Designers we talk to say it saves 40% of their time.",
            "Experience in practice suggests adherence is below 60%.",
            "It is generally reckoned that a club needs 40 members to field a side.",
            "Many agencies report that chasing errors takes up to 30% of the week.",
            "The market widely expects new-energy vehicles to exceed 55% of sales.",
            "Some analysts point out that margins fell 3%.",
            "By rough count, more than 5,000 public repositories depend on it.",
            "Visitors consistently tell us that 94% rated their visit good.",
            "Dealers say private sales rose by about 20% this year.",
            "Education experts believe that graduates earn 30% more.",
            "市场普遍预期，全年渗透率将超过55%。",
            "有关方面分析，知晓率提高了 15 个百分点。",
            "市场观察人士估计，竞投人中 40 岁以下者已占 25%。",
            "据行内人士说，私人洽购成交额增长约 20%。",
            "最新数据显示，票房增长了 18%。",
            "Observers around the league rate the club among the 3 best-value sides.",
            "业内人士评价，青隼是本赛季性价比最高的 3 支球队之一。",
            "Independent reviewers have found that imports run 40% faster.",
            "Preliminary counts suggest 17 new species were collected.",
            "Many in the trade reckon that sales rose 17%.",
            "Media analysts say the title grew 22% in a year.",
            "Several past sponsors have told us that leads tripled.",
            "不少往届赞助商反馈，展位带来的销售线索是其他渠道的 3 倍。",
            "有调研显示，赞助成本约为广告的三分之一。",
            "有资料显示，监测可使产量提高 15%。",
            "一项针对本市高校学生的问卷显示，超过六成的首次献血者愿意再次献血。",
            "Archivists tell us that 40% of their scans are skewed.",
            "Linguists estimate that 20% of the dialects are endangered.",
            "An independent assessment puts the zone's costs 15% below the region's.",
            "据志愿者反馈，转写一小时录音约需 14 个工时。",
            "据村民反映，野猪出没增加了三成。",
            "有语言学家估计，约两成方言濒危。",
            "据第三方评估，园区综合成本低 15%。",
        ] {
            assert!(named(t), "{t}");
            // (Vague only: no source named beside it.)
            assert!(
                cites(t).iter().all(|(k, _)| *k == CitationKind::Vague),
                "{t}: {:?}",
                cites(t)
            );
        }
        // Described with a name, or a statement about a group rather than a source.
        for t in [
            "Research by the Brookings Institution suggests a 12% rise.",
            "Most users expect sub-second responses, and 95% get one.",
            "87% of attendees said they would come back next year.",
            // The people of a study the text names.
            "Many people in this study told us the itch eased within 2 weeks.",
            "本研究中许多人告诉我们，瘙痒在2周内减轻。",
            "Evidence in the NHS Digital dataset shows 12% fewer visits.",
        ] {
            assert!(!named(t), "{t}");
        }
        // Data someone owns, if only by a name the lexicon does not know.
        for t in [
            "IDC数据显示，出货量增长30%。",
            "星幕专业版数据显示，档期票房达 36.8 亿元，增长 18%。",
            "话务平台数据显示，接通率为 96.5%。",
            "2025 年大会问卷显示，87% 的参会者表示明年还会再来。",
        ] {
            assert!(
                !cites(t).iter().any(|(k, _)| *k == CitationKind::Vague),
                "{t}"
            );
        }
        // A field before the group is no owner; a name is.
        for t in [
            "Security researchers say the gang has hit at least 14 councils.",
            "Commercial analysts reckon the deal is worth £8 million a year.",
            "Hill-walking clubs estimate that 40% of walkers carry no map.",
            "据第三方评测，该产品续航提升了20%。",
            "Internal tests show a 35% speed-up.",
        ] {
            let c = cites(t);
            assert!(
                c.iter().any(|(k, _)| *k == CitationKind::Vague),
                "{t}: {c:?}"
            );
        }
        let c = cites("Morningstar analysts say the fund returned 12% last year.");
        assert!(c.iter().all(|(k, _)| *k != CitationKind::Vague), "{c:?}");
    }

    #[test]
    fn a_source_taken_up_again_is_named_not_vague() {
        // The end of a name that is not in the lexicon is not a vague source.
        for t in [
            "A survey of 4,100 attendees by Indigo Research found that 76% rated it excellent.",
            "赛迪顾问数据显示，2025年商业发射达到36次。",
        ] {
            let c = cites(t);
            assert!(
                !c.iter().any(|(k, _)| *k == CitationKind::Vague),
                "{t}: {c:?}"
            );
        }
        for t in [
            "The authors estimate that 30% of streets lack shade.",
            "该研究显示，树冠覆盖率下降了12%。",
            "The study also found a 2.8°C gap.",
        ] {
            let c = cites(t);
            assert!(
                c.iter().any(|(k, _)| *k == CitationKind::Named)
                    && !c.iter().any(|(k, _)| *k == CitationKind::Vague),
                "{t}: {c:?}"
            );
        }
        assert!(super::is_taken_up("The researchers found"));
        assert!(!super::is_taken_up("Researchers found"));
        let c = cites("研究显示，45%的树木死亡。");
        assert!(c.iter().any(|(k, _)| *k == CitationKind::Vague));
    }
}
