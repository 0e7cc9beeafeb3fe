//! Quotes and who said them: 正如X所言：“…”, X说：“…”, X said "…", "…," said X.
//! A quoted phrase without a speaking verb is emphasis ("数据黑洞"), not a quote.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::gate::{Gate, Gated, ends_caseless, holds_caseless, starts_caseless};

use super::entity::Mention;
use super::text::{Sentence, floor_char};
use crate::lexicon::{EntityKind, Lexicon};

#[derive(Debug, Clone)]
pub struct Found {
    /// The quoted text, marks included, in the block text.
    pub range: Range<usize>,
    /// Letters only, lowercased: what is compared across variants.
    pub normalized: String,
    /// Entity root of the speaker, or the speaker's name as written.
    pub speaker: String,
    /// Where the speaker is named, in the block text (in the next block's text when
    /// `speaker_in_next`).
    pub speaker_range: Range<usize>,
    /// The speaker is named in a byline that is the next block.
    pub speaker_in_next: bool,
}

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"“[^”]{4,}”|「[^」]{4,}」|"[^"]{4,}""#).expect("quote regex"));

static SPEECH_BEFORE: Gated = Gated::new(
    r"(?:所言|所说|曾说|曾言|说过|说道|说|表示|指出|称|写道|强调|坦言|认为|提到|感叹|直言|(?i:said|says|stated|states|wrote|writes|noted|notes|remarked|observed|argued|put it|declared|told [a-z]+)|(?i:called|described|dubbed|branded)(?:\s+[A-Za-z0-9'’-]+){0,4}(?:\s+as)?)\s*[:：,，]?\s*$",
    Gate::Custom(ends_in_speech),
);

static SPEECH_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[,，]?\s*(?:(?i:said|says|wrote|writes|noted|added|argued|according to)\s+|(?:说|表示|指出)?)")
        .expect("speech-after regex")
});

/// The gate of [`SPEECH_BEFORE`]: a match ends the text with a speaking verb (or a
/// `told …`, `called …` phrase) and then only `\s*[:：,，]?\s*`: with that end taken
/// off (`\s` is what `trim_end` trims), the text ends with a verb, or holds the phrase.
fn ends_in_speech(t: &str) -> bool {
    let t = t.trim_end();
    let t = t
        .strip_suffix([':', '：', ',', '，'])
        .unwrap_or(t)
        .trim_end();
    [
        "所言", "曾言", "说", "说过", "说道", "表示", "指出", "称", "写道", "强调", "坦言", "认为",
        "提到", "感叹", "直言",
    ]
    .iter()
    .any(|v| t.ends_with(v))
        || ends_caseless(
            t,
            &[
                "said", "says", "stated", "states", "wrote", "writes", "noted", "notes",
                "remarked", "observed", "argued", "put it", "declared",
            ],
        )
        || holds_caseless(t, &["told ", "called", "described", "dubbed", "branded"])
}

/// The gate of [`AS_PUT`]: `^\s*(?i:as)` opens the text with `as` in any case (`s` also
/// as `ſ`) after its leading white space.
fn opens_with_as(t: &str) -> bool {
    let mut c = t.trim_start().chars();
    matches!(c.next(), Some('a' | 'A')) && matches!(c.next(), Some('s' | 'S' | '\u{17F}'))
}

fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Titles that stand between an organisation and a person's name.
const TITLES: &[&str] = &[
    "总干事",
    "主席",
    "代理主席",
    "首席执行官",
    "执行官",
    "总裁",
    "董事长",
    "创始人",
    "联合创始人",
    "总经理",
    "首席科学家",
    "教授",
    "院士",
    "部长",
    "秘书长",
    "CEO",
    "CTO",
    "CFO",
    "COO",
    "CMO",
    "首席财务官",
    "首席財務官",
    "首席运营官",
    "首席技术官",
    "首席技術官",
    "首席架构师",
    "首席架構師",
    "行政总裁",
    "行政總裁",
    "之父",
    "伦理学家",
    "科学家",
    "负责人",
    "发言人",
    "分析师",
    "经济学家",
    "首席技术官",
    "技术官",
    "总监",
    "研究员",
    "所长",
    "院长",
    "局长",
    "市长",
    "主任",
    "经理",
    "会长",
    "理事长",
    "副总裁",
    "作者",
    "维护者",
    "工程师",
    "馆长",
    "校长",
    "书记",
    "董事",
    "合伙人",
    "队长",
    "教练",
    "博士后",
];

/// Honorifics before an English name (Dr. Sofia Brandt): never the name itself.
const HONORIFICS: &[&str] = &["Dr", "Mr", "Mrs", "Ms", "Prof", "Professor"];

/// Titles written after a name: 布兰特博士, 王教授.
const TITLES_AFTER: &[&str] = &["博士", "教授", "先生", "女士", "医生", "院士", "老师"];

/// Speaking verbs that close a speaker clause after a quote, longest first.
const SAID_AFTER_ZH: &[&str] = &[
    "补充说",
    "补充道",
    "解释说",
    "解释道",
    "回忆道",
    "介绍说",
    "说道",
    "写道",
    "表示",
    "指出",
    "坦言",
    "强调",
    "介绍",
    "说",
    "称",
];

/// Who speaks in `range` (the text before a speaking verb): a person the lexicon knows;
/// else a name written right before the verb (国际奥委会主席巴赫说 → 巴赫); else the
/// organisation.
fn speaker_in(
    text: &str,
    mentions: &[Mention],
    range: Range<usize>,
) -> Option<(String, Range<usize>)> {
    let inside: Vec<&Mention> = mentions
        .iter()
        .filter(|m| range.start <= m.range.start && m.range.end <= range.end)
        .collect();
    if let Some(p) = inside.iter().rev().find(|m| m.kind == EntityKind::Person) {
        return Some((p.root.clone(), p.range.clone()));
    }
    let last = inside.last();
    // "Tsang Wing-yee": a name whose last word goes on after a hyphen in lower case,
    // past where the name pattern stopped.
    if let Some(m) = last {
        let rest = &text[m.range.end..range.end];
        let word = rest
            .find(|c: char| !(c.is_alphabetic() || c == '-'))
            .map_or(rest, |i| &rest[..i]);
        let name = &text[m.range.start..m.range.end + word.len()];
        if word.starts_with('-') && word.len() > 1 && rest[word.len()..].trim().is_empty() {
            let name = name
                .split_once(' ')
                .filter(|(first, _)| HONORIFICS.contains(&first.trim_end_matches('.')))
                .map_or(name, |(_, rest)| rest);
            if latin_name(name) {
                let start = m.range.end + word.len() - name.len();
                return Some((name.to_string(), start..start + name.len()));
            }
        }
    }
    let tail_start = last.map_or(range.start, |m| m.range.end);
    let tail = text[tail_start..range.end].trim();
    let mut name = tail;
    for t in TITLES {
        // (A title after the name, 郑启航教授, is taken off below, not here.)
        if let Some(i) = name
            .rfind(t)
            .filter(|&i| !name[i + t.len()..].trim().is_empty())
        {
            name = &name[i + t.len()..];
        }
    }
    // 子午线城市气候研究所的索菲亚·布兰特: the name follows the last 的 or 、.
    if let Some(i) = name.rfind(['的', '、']) {
        let rest = &name[i + '的'.len_utf8()..];
        if !rest.trim().is_empty() {
            name = rest;
        }
    }
    for t in TITLES_AFTER {
        if let Some(rest) = name.trim_end().strip_suffix(t) {
            if rest.chars().count() >= 1 {
                name = rest;
            }
        }
    }
    let mut name = name.trim_matches(|c: char| c == '的' || c.is_whitespace() || c == '、');
    for p in ["正如", "就像", "诚如", "如", "据"] {
        if let Some(rest) = name.strip_prefix(p) {
            name = rest;
        }
    }
    // 克雷斯在电话会上说 / 黄仁勋于发布会中表示: where they said it is not who.
    for marker in ["在", "于"] {
        if let Some(i) = name.rfind(marker) {
            let place = &name[i + marker.len()..];
            // (At the start, only when a name the lexicon knows stands before it.)
            if (i > 0 || last.is_some())
                && place.ends_with(['上', '中', '时', '里', '后', '前', '年', '月', '日'])
            {
                name = name[..i].trim_end();
            }
        }
    }
    let chars = name.chars().count();
    // 她笑着说, 他表示: a pronoun names nobody the other variants could name.
    if name.starts_with(['她', '他', '我', '你', '它']) && chars <= 4 {
        return None;
    }
    if ((1..=12).contains(&chars) || latin_name(name)) && !name.contains(['，', '。', ',', '：'])
    {
        // `name` is a slice of `text`: its offset is where it starts.
        let start = name.as_ptr() as usize - text.as_ptr() as usize;
        return Some((name.to_string(), start..start + name.len()));
    }
    if let Some(m) = last {
        return Some((m.root.clone(), m.range.clone()));
    }
    fallback_name(&text[range.clone()]).map(|n| {
        let end = range.end;
        let start = floor_char(text, end.saturating_sub(n.len()));
        (n, start..end)
    })
}

/// A person's name in Latin letters: two to five capitalised words (Sir Colin Reddaway).
fn latin_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && name.chars().count() <= 40
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| {
                    c.is_alphabetic() && !super::text::is_han(c)
                        || matches!(c, '.' | '-' | '\'' | '’')
                })
        })
}

/// What one sentence's quotes hand on to the next: the speaker of its last quote, when
/// it had one. A sentence that is nothing but a quote continues the speaker before it
/// ("…," Marsh said. "The next step is heavy rare earths.").
/// (The speaker, where it is named and where that quote ends, in the block text.)
pub type Carry = Option<(String, Range<usize>, usize)>;

/// Quotes with a speaker in one sentence. `next_block` is the text of the block after
/// this one, where a quote that ends its block may have its byline (> “…” / > —— 周启航);
/// such a speaker's range is in that block ([`Found::speaker_in_next`]).
pub fn find(
    text: &str,
    s: &Sentence,
    mentions: &[Mention],
    _lex: &Lexicon,
    carry: &mut Carry,
    next_block: Option<&str>,
) -> Vec<Found> {
    let st = &text[s.range.clone()];
    let mut out = Vec::new();
    // The speaker of the quote before, in this sentence or the one before.
    let mut carried = carry.take();
    let mut prev_end = carried.as_ref().map_or(s.range.start, |c| c.2.max(c.1.end));
    for m in QUOTED.find_iter(st) {
        let abs = s.range.start + m.start()..s.range.start + m.end();
        let head = &text[s.range.start..abs.start];
        let inner = &m.as_str()[m.as_str().chars().next().map_or(0, char::len_utf8)..];
        let normalized = normalize(inner);
        if normalized.chars().count() < 4 {
            continue;
        }
        // The speaker stands just before the quote: look at a bounded tail only.
        let head_start = abs.start - super::text::tail(head, 240).len();
        let head = &text[head_start..abs.start];
        let gloss = SPEECH_BEFORE
            .find(head)
            .and_then(|sp| glossed_name(head_start, &head[..sp.start()]));
        let speaker = if let Some(g) = gloss {
            Some(g)
        } else if let Some(sp) = SPEECH_BEFORE.find(head) {
            let before = &head[..sp.start()];
            let delims = ['，', '。', '：', ',', ':', '；', '—', '(', '（'];
            let after = |i: usize| i + before[i..].chars().next().map_or(1, char::len_utf8);
            // "As the Vice-Chancellor, Sir Colin Reddaway, put it": a name set off by
            // commas before the verb.
            let mut end = before.len();
            if let Some(i) = before.rfind(delims) {
                if before[after(i)..].trim().is_empty() && before[i..].starts_with([',', '，']) {
                    end = i;
                }
            }
            let mut who = before[..end].rfind(delims).map_or(0, after)..end;
            // "Ms Tsang Wing-yee, Chief Financial Officer, said": when what stands between
            // the commas is a role, the name is before it.
            if end < before.len() && crate::romanise::role_only(&before[who.clone()]) {
                let comma = who.start.saturating_sub(1);
                if before[..who.start].ends_with([',', '，']) {
                    let start = before[..comma].rfind(delims).map_or(0, after);
                    if !before[start..comma].trim().is_empty() {
                        who = start..comma;
                    }
                }
            }
            speaker_in(text, mentions, head_start + who.start..head_start + who.end)
        } else if let Some(who) = said_after_sentence(text, s, &abs) {
            glossed_name(who.start, &text[who.clone()]).or_else(|| speaker_in(text, mentions, who))
        } else {
            let tail_end = (abs.end + 80).min(s.range.end);
            let tail_end = floor_char(text, tail_end);
            let tail = &text[abs.end..tail_end];
            // (The pattern always matches, often nothing, which counts as no match
            // below: it is searched only where its match could hold a character, so
            // where white space, a comma or a speaking verb opens the tail.)
            let spoken = tail.starts_with(|c: char| c.is_whitespace() || c == ',' || c == '，')
                || starts_caseless(
                    tail,
                    &[
                        "said",
                        "says",
                        "wrote",
                        "writes",
                        "noted",
                        "added",
                        "argued",
                        "according to",
                    ],
                )
                || ["说", "表示", "指出"].iter().any(|v| tail.starts_with(v));
            match spoken.then(|| SPEECH_AFTER.find(tail)).flatten() {
                _ if dash_byline(tail).is_some() => dash_speaker(mentions, abs.end, tail),
                Some(sp) if sp.end() > 0 => {
                    let who = abs.end + sp.end()..tail_end;
                    mentions
                        .iter()
                        .filter(|m| who.start <= m.range.start && m.range.end <= who.end)
                        .filter(|m| {
                            !HONORIFICS.contains(&text[m.range.clone()].trim_end_matches('.'))
                        })
                        .find(|m| m.range.start <= abs.end + sp.end() + 2)
                        .map(|m| (m.root.clone(), m.range.clone()))
                        .or_else(|| capitalised_name(text, who.start, true))
                }
                _ => None,
            }
        };
        // "As deputy mayor Tom Reyes put it, the bikes are “…”".
        let speaker = speaker.or_else(|| {
            let c = AS_PUT.captures(&text[s.range.clone()])?;
            let who = c.name("who")?;
            let at = s.range.start + who.start();
            let in_who =
                |m: &&Mention| at <= m.range.start && m.range.end <= s.range.start + who.end();
            mentions
                .iter()
                .filter(in_who)
                .rfind(|m| m.kind == EntityKind::Person)
                .map(|m| (m.root.clone(), m.range.clone()))
                .or_else(|| last_capitalised(who.as_str(), at))
        });
        let mut speaker_in_next = false;
        let speaker = speaker.or_else(|| {
            // A quote that ends its block, its byline the next block (> — Lin Mo, …).
            let next = next_block?;
            if !text[abs.end..].trim().is_empty() {
                return None;
            }
            let found = dash_speaker(&[], 0, next.trim_end());
            speaker_in_next = found.is_some();
            found
        });
        // A quote standing alone, after a full stop and before the end of the sentence,
        // goes on with the last quote's speaker ("…," said Ingrid Solheim. "Lower prices
        // hurt.").
        // Between the last quote (or its speaker) and this one, only a speaking verb.
        let opens = carried.as_ref().is_some_and(|c| {
            let from = prev_end.max(c.1.end).min(abs.start);
            let gap = text[from..abs.start].trim();
            let words: String = gap
                .chars()
                .filter(|c| c.is_alphabetic() || *c == ' ')
                .collect();
            let closed = gap.is_empty() || gap.ends_with(['.', '。', '!', '?', '！', '？']);
            closed
                && (words.trim().is_empty()
                    || ["said", "says", "added", "说", "表示", "补充道"]
                        .contains(&words.trim().to_lowercase().as_str()))
        });
        let closes = text[abs.end..s.range.end]
            .trim()
            .trim_start_matches(['.', '。'])
            .trim()
            .is_empty();
        prev_end = abs.end;
        let speaker = speaker.or_else(|| {
            (opens && closes)
                .then(|| carried.clone().map(|c| (c.0, c.1)))
                .flatten()
        });
        if let Some((speaker, speaker_range)) = &speaker {
            carried = Some((speaker.clone(), speaker_range.clone(), abs.end))
                .filter(|_| !speaker_in_next);
        }
        if let Some((speaker, speaker_range)) = speaker {
            out.push(Found {
                range: abs,
                normalized,
                speaker,
                speaker_range,
                speaker_in_next,
            });
        }
    }
    *carry = out
        .last()
        .filter(|f| !f.speaker_in_next)
        .map(|f| (f.speaker.clone(), f.speaker_range.clone(), f.range.end));
    out
}

/// Where the speaker of a quote that ends its sentence is named, at the start of the
/// next one: “算力不是瓶颈，电力才是。”穹顶算力首席技术官沈亦舟说。
/// Or in the rest of its own sentence: “生物状况好于……，”首席财务官亨里克·奥斯表示，“……”
fn said_after_sentence(text: &str, _s: &Sentence, quote: &Range<usize>) -> Option<Range<usize>> {
    // Scanned by hand: as a regex, forty repeats of a negated Unicode class took a
    // noticeable share of start-up to compile.
    let rest = &text[quote.end..];
    let lead = rest.len() - rest.trim_start().len();
    let body = &rest[lead..];
    for (n, (i, c)) in body.char_indices().enumerate() {
        if n > 60
            || matches!(
                c,
                '“' | '”' | '"' | '。' | '！' | '？' | '!' | '?' | '\n' | '，' | ',' | '：' | ':'
            )
        {
            return None;
        }
        if i == 0 {
            continue;
        }
        for verb in SAID_AFTER_ZH {
            if let Some(after) = body[i..].strip_prefix(verb) {
                if after.starts_with(['。', '，', ',', '.']) {
                    let start = quote.end + lead;
                    return Some(start..start + i);
                }
            }
        }
    }
    None
}

/// A sentence that opens by naming who put it so: "As JPMorgan's Jamie Dimon put it, …".
static AS_PUT: Gated = Gated::new(
    r"^\s*(?i:as)\s+(?P<who>[^,，]{2,60}?)\s+(?i:put it|said|says|noted|wrote|writes|observed|remarked|argued)(?:\s+[^,，]{1,24}?)?\s*[,，]",
    Gate::All(&[
        Gate::Custom(opens_with_as),
        Gate::ContainsCaseless(&[
            "put it", "said", "says", "noted", "wrote", "writes", "observed", "remarked", "argued",
        ]),
    ]),
);

/// The name at the start of `text[at..]` after any lowercase title words ("council member
/// Aisha Okafor when …" → Aisha Okafor).
fn capitalised_name(text: &str, at: usize, skip_titles: bool) -> Option<(String, Range<usize>)> {
    let rest = &text[at..floor_char(text, (at + 80).min(text.len()))];
    let mut offset = 0;
    let mut words = rest.split_inclusive(char::is_whitespace);
    let mut start = None;
    let mut end = 0;
    for w in words.by_ref() {
        let word = w.trim_end();
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        // Dr. Sofia Brandt, Prof. Lee: an honorific before the name is not the name.
        let honorific = HONORIFICS.contains(&word.trim_end_matches('.'));
        if honorific && start.is_none() {
            offset += w.len();
            continue;
        }
        // "said our director, Dr Helen Achterberg": a title set off by a comma.
        let title = word
            .strip_suffix(',')
            .is_some_and(|t| !t.is_empty() && t.chars().all(char::is_lowercase));
        if title && start.is_none() && skip_titles {
            offset += w.len();
            continue;
        }
        if capital {
            start.get_or_insert(offset);
            end = offset + word.trim_end_matches([',', '.', ';', ':']).len();
            if word.ends_with([',', '.', ';', ':']) {
                break;
            }
        } else if start.is_some() || !skip_titles || !word.chars().all(char::is_lowercase) {
            break;
        }
        offset += w.len();
    }
    let start = start?;
    let name = &rest[start..end];
    // One word is a name when a speaking verb follows it ("…," Okafor said).
    let verb_next = starts_caseless(
        rest[end..].trim_start(),
        &[
            "said", "says", "added", "adds", "noted", "wrote", "writes", "told",
        ],
    ) && rest[end..].starts_with(' ');
    ((name.split(' ').count() >= 2 || verb_next) && name.chars().count() <= 40)
        .then(|| (name.to_string(), at + start..at + end))
}

/// The last run of capitalised words of `who` ("JPMorgan's Jamie Dimon" → Jamie Dimon).
fn last_capitalised(who: &str, at: usize) -> Option<(String, Range<usize>)> {
    let words: Vec<(usize, &str)> = who
        .split(' ')
        .scan(0usize, |pos, w| {
            let here = *pos;
            *pos += w.len() + 1;
            Some((here, w))
        })
        .collect();
    let mut k = words.len();
    while k > 0
        && words[k - 1]
            .1
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        && !words[k - 1].1.ends_with("'s")
        && !words[k - 1].1.ends_with("’s")
    {
        k -= 1;
    }
    if k == words.len() || words.len() - k < 2 {
        return None;
    }
    let start = words[k].0;
    Some((who[start..].to_string(), at + start..at + who.len()))
}

/// A testimonial's byline: "…" — Priya Raman, SRE at Fathom; “…”——Marcus Lee，Quillmark CTO.
static DASH_LEAD: Gated = Gated::new(
    r"^\s*(?:—{1,2}|――|―|--|–)\s*",
    // After `^\s*` (what `trim_start` trims), a dash opens every match.
    Gate::Custom(|t| t.trim_start().starts_with(['—', '―', '-', '–'])),
);

/// The name of a dash byline opening `tail` (— Dana Whitfield, …): a capital or Han
/// character, then at most 40 letters, dots, apostrophes, hyphens and spaces, ending at the
/// first comma, parenthesis, semicolon or the end. Scanned by hand: the same pattern as a
/// regex repeats a Unicode letter class 40 times and took a quarter of start-up to compile.
fn dash_byline(tail: &str) -> Option<Range<usize>> {
    let lead = DASH_LEAD.find(tail)?.end();
    let rest = &tail[lead..];
    let first = rest.chars().next()?;
    if !(first.is_uppercase() || super::text::is_han(first)) {
        return None;
    }
    let mut end = first.len_utf8();
    for _ in 0..=40 {
        let after = rest[end..].trim_start();
        if after.is_empty() || after.starts_with([',', '，', '(', '（', ';', '；']) {
            return Some(lead..lead + end);
        }
        let c = rest[end..].chars().next()?;
        // (、 joins a Chinese byline's titles: ——党工委书记、管委会主任 周立群.)
        if !(c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '·' | '-' | ' ' | '、')) {
            return None;
        }
        end += c.len_utf8();
    }
    None
}

/// The speaker of a dash byline after a quote ending at `at`: a known person, or the name
/// as written.
fn dash_speaker(mentions: &[Mention], at: usize, tail: &str) -> Option<(String, Range<usize>)> {
    let n = dash_byline(tail)?;
    let range = at + n.start..at + n.end;
    if let Some(m) = mentions.iter().find(|m| {
        m.kind == EntityKind::Person && range.start <= m.range.start && m.range.end <= range.end
    }) {
        return Some((m.root.clone(), m.range.clone()));
    }
    let written = &tail[n.clone()];
    let lead = written.len() - written.trim_start().len();
    let mut name = written.trim();
    let mut start = range.start + lead;
    // —— Fernhill Books 首席技术官 Tomasz Wierzbicki: the name after the title.
    for t in TITLES {
        if let Some(i) = name.rfind(t) {
            let rest = &name[i + t.len()..];
            if rest.trim().chars().count() >= 2 {
                start += i + t.len() + (rest.len() - rest.trim_start().len());
                name = rest.trim();
            }
        }
    }
    (name.chars().count() >= 2).then(|| (name.to_string(), start..start + name.len()))
}

/// 达娜·惠特菲尔德（Dana Whitfield）说: a transliterated name glossed with the original in
/// parentheses right before the verb; the original names the speaker across languages.
fn glossed_name(head_start: usize, before_verb: &str) -> Option<(String, Range<usize>)> {
    let trimmed = before_verb.trim_end();
    let inner_end = trimmed.strip_suffix(['）', ')'])?.len();
    let open = trimmed[..inner_end].rfind(['（', '('])?;
    let inner_start = open + trimmed[open..].chars().next().map_or(1, char::len_utf8);
    let inner = &trimmed[inner_start..inner_end];
    let latin_name = (2..=40).contains(&inner.chars().count())
        && inner.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && inner
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\''));
    latin_name.then(|| {
        (
            inner.to_string(),
            head_start + inner_start..head_start + inner_end,
        )
    })
}

/// The last few characters before a speaking verb, trimmed of "正如" and titles: a name
/// the lexicon does not know.
fn fallback_name(head: &str) -> Option<String> {
    let cut = head
        .rfind(['，', '。', '：', ',', ':', '；', '—'])
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let mut name = head[cut..].trim();
    for p in ["正如", "就像", "如", "据"] {
        name = name.trim_start_matches(p);
    }
    let name: String = name
        .chars()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let name = name.trim().to_string();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_gate_admits_the_matches_of_its_pattern() {
        for g in [&super::SPEECH_BEFORE, &super::AS_PUT, &super::DASH_LEAD] {
            crate::gate::assert_sound(g);
        }
    }

    use super::*;
    use crate::claim::{entity, text};

    fn quotes(t: &str) -> Vec<Found> {
        let lex = Lexicon::builtin().unwrap();
        let mentions = entity::find(t, lex);
        let mut carry = None;
        text::sentences(t)
            .iter()
            .flat_map(|s| find(t, s, &mentions, lex, &mut carry, None))
            .collect()
    }

    #[test]
    fn speakers() {
        let q = quotes(
            "正如Linux之父Linus Torvalds所言：“开源不是乌托邦，而是控制权的另一种分配方式。”",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].speaker, "linus-torvalds");
        let q = quotes(
            r#"Steve Jobs said "people don't know what they want until you show it to them.""#,
        );
        assert_eq!(q[0].speaker, "steve-jobs");
        // Where it was said is not who said it; a title is not a name.
        let q = quotes("CFO科莱特·克雷斯在电话会上说：“下一场工业革命已经开始。”");
        assert_eq!(q[0].speaker, "科莱特·克雷斯");
        // A title after the name, behind the body it works for.
        let q = quotes("大会主席、澄州理工大学郑启航教授表示：“地下空间是城市的第二张地图。”");
        assert_eq!(q[0].speaker, "郑启航");
    }

    #[test]
    fn bylines_and_glossed_names() {
        let q =
            quotes(r#""tidewatch replaced three tools in our kit." — Priya Raman, SRE at Fathom"#);
        assert_eq!(q[0].speaker, "Priya Raman");
        let q = quotes("“这套查询语言我十分钟就学会了。”——Marcus Lee，Northwind Freight");
        assert_eq!(q[0].speaker, "Marcus Lee");
        let q = quotes(
            "首席执行官达娜·惠特菲尔德（Dana Whitfield）说：“叉车是仓库里最后一种大型机器。”",
        );
        assert_eq!(q[0].speaker, "Dana Whitfield");
    }

    #[test]
    fn speakers_named_before_or_after_without_a_lexicon() {
        let q = quotes(
            r#"As JPMorgan's Jamie Dimon put it, remote work is "an aberration we will correct.""#,
        );
        assert_eq!(q[0].speaker, "Jamie Dimon");
        let q = quotes(
            "As deputy mayor Tom Reyes put it, the bikes are “the fastest way across the river”.",
        );
        assert_eq!(q[0].speaker, "Tom Reyes");
        let q = quotes(
            "“The bikes are the fastest way across,” said council member Aisha Okafor when it opened.",
        );
        assert_eq!(q[0].speaker, "Aisha Okafor");
    }

    #[test]
    fn speaker_named_in_the_sentence_after_the_quote() {
        let q = quotes("“算力不是瓶颈，电力才是。”穹顶算力首席技术官沈亦舟说。预计价格将下跌。");
        assert_eq!(q[0].speaker, "沈亦舟");
        let q = quotes(
            "“行道树是最便宜的空调。”该研究第一作者、子午线城市气候研究所的索菲亚·布兰特博士说。",
        );
        assert_eq!(q[0].speaker, "索菲亚·布兰特");
        let q = quotes("“我们惊讶地发现，贫困街区获益最多。”布兰特博士说。");
        assert_eq!(q[0].speaker, "布兰特");
        // A pronoun names nobody: no speaker to compare.
        assert!(quotes("“算下来比我自己的伙食费还高。”她笑着说。").is_empty());
        let q = quotes(
            r#""A street tree is the cheapest air conditioner," said Dr. Sofia Brandt, the lead author."#,
        );
        assert_eq!(q[0].speaker, "Sofia Brandt");
    }

    #[test]
    fn names_set_off_by_commas_and_single_names_before_the_verb() {
        let q = quotes(
            r#"As the Vice-Chancellor, Sir Colin Reddaway, put it: "Fair access is how we run admissions.""#,
        );
        assert_eq!(q[0].speaker.to_lowercase(), "sir colin reddaway");
        let q = quotes(
            r#""A museum about making should be a place where people make things," said our director, Dr Helen Achterberg, on the day."#,
        );
        assert_eq!(q[0].speaker, "Helen Achterberg");
        let q = quotes(r#""Sodium is everywhere and it is cheap," Okafor said."#);
        assert_eq!(q[0].speaker, "Okafor");
        let q = quotes(
            "As board chair Tom Reyes put it this year, bike share is \"public transit with pedals\".",
        );
        assert_eq!(q[0].speaker, "Tom Reyes");
        // A capitalised word before an ordinary verb is no speaker.
        assert!(quotes(r#""Sodium is everywhere and it is cheap," Tuesday began."#).is_empty());
    }

    #[test]
    fn a_quote_alone_after_a_full_stop_goes_on_with_its_speaker() {
        let q = quotes(
            "\"Biology was better than in any quarter since 2019,\" said chief executive Ingrid Solheim.\n\"Lower prices hurt, but we harvested bigger fish.\"",
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].speaker, "Ingrid Solheim");
        // Not across a sentence of other words.
        let q = quotes(
            "\"Biology was better than ever,\" said Ingrid Solheim. Prices fell. \"Lower prices hurt us all.\"",
        );
        assert_eq!(q.len(), 1);
    }

    #[test]
    fn speaker_named_after_the_quote_inside_its_sentence() {
        let q =
            quotes("“第一个月我们的图片流量费用就降了一半，”Fieldnote 技术总监 Marco Ruiz 说。");
        assert_eq!(q[0].speaker.to_lowercase(), "marco ruiz");
        let q = quotes(
            "“生物状况好于以往任何一个第二季度，”首席财务官亨里克·奥斯（Henrik Aas）表示，“价格下跌带来压力。”",
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].speaker, "Henrik Aas");
        assert_eq!(q[1].speaker, "Henrik Aas");
        let q = quotes("“我们在哈尔滨测试了整整两个冬天。”沈一鸣补充道。");
        assert_eq!(q[0].speaker, "沈一鸣");
        // When and where it was said is not who said it.
        let q = quotes(
            "“迁移工具是我们发布过的最难做的东西。”项目联合创始人 Daniel Reyes 于 2026 年 9 月在大会上说。",
        );
        assert_eq!(q[0].speaker.to_lowercase(), "daniel reyes");
        let q = quotes("“钠到处都是，而且便宜。”负责正极研究的博士后李文说。");
        assert_eq!(q[0].speaker, "李文");
    }

    #[test]
    fn a_byline_after_its_title() {
        let q = quotes(
            "“我们用一个进程替换了三节点的集群”\n—— Fernhill Books 首席技术官 Tomasz Wierzbicki",
        );
        assert_eq!(q[0].speaker, "Tomasz Wierzbicki");
        let q = quotes("“企业有需要，我们随叫随到”\n——经开区党工委书记、管委会主任 周立群");
        assert_eq!(q[0].speaker, "周立群");
    }

    #[test]
    fn scare_quotes_are_not_quotes() {
        assert!(quotes("形成AI界的“数据黑洞”。").is_empty());
    }
}
