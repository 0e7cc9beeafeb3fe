//! Quotes and who said them: 正如X所言：“…”, X说：“…”, X said "…", "…," said X.
//! A quoted phrase without a speaking verb is emphasis ("数据黑洞"), not a quote.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

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
    /// Where the speaker is named, in the block text.
    pub speaker_range: Range<usize>,
}

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"“[^”]{4,}”|「[^」]{4,}」|"[^"]{4,}""#).expect("quote regex"));

static SPEECH_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:所言|所说|曾说|曾言|说过|说道|说|表示|指出|称|写道|强调|坦言|认为|提到|感叹|直言|(?i:said|says|stated|states|wrote|writes|noted|notes|remarked|observed|argued|put it|declared|told [a-z]+))\s*[:：,，]?\s*$",
    )
    .expect("speech regex")
});

static SPEECH_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[,，]?\s*(?:(?i:said|says|wrote|writes|noted|added|argued|according to)\s+|(?:说|表示|指出)?)")
        .expect("speech-after regex")
});

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
    "首席运营官",
    "之父",
    "伦理学家",
    "科学家",
    "负责人",
    "发言人",
    "分析师",
    "经济学家",
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
    let tail_start = last.map_or(range.start, |m| m.range.end);
    let tail = text[tail_start..range.end].trim();
    let mut name = tail;
    for t in TITLES {
        if let Some(i) = name.rfind(t) {
            name = &name[i + t.len()..];
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
            if i > 0 && place.ends_with(['上', '中', '时', '里', '后', '前']) {
                name = &name[..i];
            }
        }
    }
    let chars = name.chars().count();
    if (1..=12).contains(&chars) && !name.contains(['，', '。', ',', '：']) {
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

/// Quotes with a speaker in one sentence.
pub fn find(text: &str, s: &Sentence, mentions: &[Mention], _lex: &Lexicon) -> Vec<Found> {
    let st = &text[s.range.clone()];
    let mut out = Vec::new();
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
        let speaker = if let Some(sp) = SPEECH_BEFORE.find(head) {
            let who_start = head[..sp.start()]
                .rfind(['，', '。', '：', ',', ':', '；', '—', '(', '（'])
                .map_or(head_start, |i| {
                    head_start + i + head[i..].chars().next().map_or(1, char::len_utf8)
                });
            speaker_in(text, mentions, who_start..head_start + sp.start())
        } else {
            let tail_end = (abs.end + 80).min(s.range.end);
            let tail_end = floor_char(text, tail_end);
            let tail = &text[abs.end..tail_end];
            match SPEECH_AFTER.find(tail) {
                Some(sp) if sp.end() > 0 => {
                    let who = abs.end + sp.end()..tail_end;
                    mentions
                        .iter()
                        .filter(|m| who.start <= m.range.start && m.range.end <= who.end)
                        .find(|m| m.range.start <= abs.end + sp.end() + 2)
                        .map(|m| (m.root.clone(), m.range.clone()))
                }
                _ => None,
            }
        };
        if let Some((speaker, speaker_range)) = speaker {
            out.push(Found {
                range: abs,
                normalized,
                speaker,
                speaker_range,
            });
        }
    }
    out
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
    use super::*;
    use crate::claim::{entity, text};

    fn quotes(t: &str) -> Vec<Found> {
        let lex = Lexicon::builtin().unwrap();
        let mentions = entity::find(t, lex);
        text::sentences(t)
            .iter()
            .flat_map(|s| find(t, s, &mentions, lex))
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
    }

    #[test]
    fn scare_quotes_are_not_quotes() {
        assert!(quotes("形成AI界的“数据黑洞”。").is_empty());
    }
}
