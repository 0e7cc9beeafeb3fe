//! Extraction helper: runs a Latin-text pattern over mixed Chinese and English text on an
//! ASCII stand-in of the text, so the regex crate's fast engine can run it.
//!
//! A pattern with a Unicode `\b` (`(?i)\bstudies show\b`) cannot run in the regex crate's
//! lazy DFA over non-ASCII text: the DFA gives up at the first non-ASCII byte and the search
//! starts again in the much slower backtracker. When a pattern can only ever match ASCII
//! characters and assert Unicode word boundaries, each non-ASCII character of the text can
//! be replaced, byte for byte, by an ASCII byte the pattern never matches that is a word
//! character exactly when the character is: every match and every position stay the same,
//! and the search runs in the DFA. Patterns this cannot be proved for are searched as they
//! are.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// CJK Unified Ideographs, the block nearly all Chinese text is written in.
const HAN: std::ops::RangeInclusive<char> = '\u{4E00}'..='\u{9FFF}';

/// How to search one pattern on an ASCII stand-in of a text, when that is exact.
#[derive(Debug, Clone)]
pub struct StandIn {
    /// Stands in for a non-ASCII word character (`\w`): a Latin word character the pattern
    /// never matches.
    word: u8,
    /// Stands in for any other non-ASCII character: a byte the pattern never matches.
    other: u8,
    /// The non-ASCII characters the pattern can match (`(?i)s` also matches `ſ`): a text
    /// holding one of them is searched as it is.
    foreign: Vec<(char, char)>,
}

/// What a pattern can consume and assert.
struct Alphabet {
    ascii: [bool; 128],
    foreign: Vec<(char, char)>,
    /// A byte class beyond ASCII, or an ASCII word boundary: no stand-in is exact.
    unfit: bool,
}

impl Alphabet {
    fn add(&mut self, lo: char, hi: char) {
        for c in lo..=hi.min('\x7f') {
            self.ascii[c as usize] = true;
        }
        if hi > '\x7f' {
            self.foreign.push((lo.max('\u{80}'), hi));
        }
    }

    fn visit(&mut self, hir: &Hir) {
        match hir.kind() {
            HirKind::Empty => {}
            HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
                Ok(s) => s.chars().for_each(|c| self.add(c, c)),
                Err(_) => self.unfit = true,
            },
            HirKind::Class(Class::Unicode(c)) => {
                c.ranges().iter().for_each(|r| self.add(r.start(), r.end()));
            }
            HirKind::Class(Class::Bytes(c)) => {
                for r in c.ranges() {
                    if r.end() > 0x7f {
                        self.unfit = true;
                    } else {
                        self.add(char::from(r.start()), char::from(r.end()));
                    }
                }
            }
            HirKind::Look(look) => {
                // Line and text edges see only ASCII (`\n`, `\r`) or the text's ends, which
                // the stand-in keeps; Unicode word boundaries see word characters, which it
                // keeps as word characters. ASCII word boundaries would see a difference.
                let kept = matches!(
                    look,
                    Look::Start
                        | Look::End
                        | Look::StartLF
                        | Look::EndLF
                        | Look::StartCRLF
                        | Look::EndCRLF
                        | Look::WordUnicode
                        | Look::WordUnicodeNegate
                        | Look::WordStartUnicode
                        | Look::WordEndUnicode
                        | Look::WordStartHalfUnicode
                        | Look::WordEndHalfUnicode
                );
                if !kept {
                    self.unfit = true;
                }
            }
            HirKind::Repetition(r) => self.visit(&r.sub),
            HirKind::Capture(c) => self.visit(&c.sub),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                subs.iter().for_each(|s| self.visit(s));
            }
        }
    }
}

impl StandIn {
    /// The stand-in for `pattern` (regex crate syntax, default flags), or `None` when it
    /// would not help (no Unicode word boundary) or the pattern may match a character the
    /// stand-in would hide, an empty string, or assert something it would change.
    pub fn for_pattern(pattern: &str) -> Option<StandIn> {
        StandIn::for_hir(&regex_syntax::parse(pattern).ok()?)
    }

    /// [`StandIn::for_pattern`] for a pattern already parsed.
    pub fn for_hir(hir: &Hir) -> Option<StandIn> {
        // Without a Unicode word boundary the fast engine runs on any text already.
        if !hir.properties().look_set().contains_word_unicode() {
            return None;
        }
        // An empty match could fall inside a replaced character.
        if hir.properties().minimum_len().is_none_or(|n| n == 0) {
            return None;
        }
        let mut a = Alphabet {
            ascii: [false; 128],
            foreign: Vec::new(),
            unfit: false,
        };
        a.visit(hir);
        if a.unfit {
            return None;
        }
        let free = |b: &u8| !a.ascii[usize::from(*b)];
        let word = b"_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
            .iter()
            .copied()
            .find(free)?;
        // Control bytes other than line ends: nothing here asserts on them.
        let other = (0u8..0x20)
            .filter(|b| *b != b'\n' && *b != b'\r')
            .find(free)?;
        a.foreign.sort_unstable();
        Some(StandIn {
            word,
            other,
            foreign: a.foreign,
        })
    }

    /// Writes into `out` the stand-in of `text` and returns true, or returns false when
    /// `text` holds a character the pattern could match beyond ASCII.
    pub fn write(&self, text: &str, out: &mut String) -> bool {
        out.clear();
        let (lo, hi) = match (self.foreign.first(), self.foreign.iter().map(|r| r.1).max()) {
            (Some(first), Some(hi)) => (first.0, hi),
            _ => (char::MAX, '\0'),
        };
        let mut rest = text;
        loop {
            // ASCII runs are copied whole.
            let n = rest
                .bytes()
                .position(|b| !b.is_ascii())
                .unwrap_or(rest.len());
            out.push_str(&rest[..n]);
            rest = &rest[n..];
            let Some(c) = rest.chars().next() else {
                return true;
            };
            if lo <= c && c <= hi && self.foreign.iter().any(|&(a, b)| a <= c && c <= b) {
                return false;
            }
            // The common Han ideographs are all word characters (a test checks the block).
            let word = HAN.contains(&c) || regex_syntax::is_word_character(c);
            let b = char::from(if word { self.word } else { self.other });
            (0..c.len_utf8()).for_each(|_| out.push(b));
            rest = &rest[c.len_utf8()..];
        }
    }

    /// Gives the stand-ins that use the same bytes one list of foreign characters (the union
    /// of theirs), so one stand-in of a text serves them all; a longer list only sends more
    /// texts to the direct search.
    pub fn share(list: &mut [Option<StandIn>]) {
        for i in 0..list.len() {
            let Some(a) = list[i].clone() else { continue };
            let mut union = a.foreign.clone();
            for b in list.iter().flatten() {
                if (b.word, b.other) == (a.word, a.other) {
                    union.extend_from_slice(&b.foreign);
                }
            }
            union.sort_unstable();
            union.dedup();
            if let Some(x) = list[i].as_mut() {
                x.foreign = union;
            }
        }
    }

    /// Whether two stand-ins write the same text.
    pub fn same_as(&self, other: &StandIn) -> bool {
        self.word == other.word && self.other == other.other && self.foreign == other.foreign
    }
}

#[cfg(test)]
mod tests {
    use super::StandIn;

    type Spans = Vec<(usize, usize)>;

    /// Every match of `pattern` in `text`, found directly and on the stand-in.
    fn both(pattern: &str, text: &str) -> (Spans, Option<Spans>) {
        let re = regex::Regex::new(pattern).unwrap();
        let direct = re.find_iter(text).map(|m| (m.start(), m.end())).collect();
        let standin = StandIn::for_pattern(pattern).and_then(|s| {
            let mut buf = String::new();
            s.write(text, &mut buf)
                .then(|| re.find_iter(&buf).map(|m| (m.start(), m.end())).collect())
        });
        (direct, standin)
    }

    #[test]
    fn matches_are_the_same_on_the_stand_in() {
        let pattern = r"(?i)\b(?:some )?(?:studies|experts) (?:show|say)\b";
        for text in [
            "据报道，studies show 30%的增长。",
            "研究studies show不算：前面是汉字，没有词边界。",
            "（Studies show）数据 experts say、experts sayé",
            "Experts say — studies show… «experts say»",
            "ſtudies show: the long s folds to s, so this text is searched as it is",
            "",
        ] {
            let (direct, standin) = both(pattern, text);
            if let Some(s) = standin {
                assert_eq!(direct, s, "{text}");
            }
        }
        let (_, standin) = both(pattern, "ſtudies show");
        assert!(standin.is_none());
        let (direct, standin) = both(pattern, "据报道，studies show 30%。研究studies show");
        assert_eq!(direct.len(), 1);
        assert_eq!(standin, Some(direct));
    }

    #[test]
    fn the_han_block_is_all_word_characters() {
        let mut han = super::HAN;
        assert!(han.all(regex_syntax::is_word_character));
    }

    #[test]
    fn patterns_it_cannot_prove_are_left_alone() {
        for p in [
            r"(?-u:\b)studies show",
            "研究显示",
            r"[^a]+",
            r"\bx*",
            r"(?s).",
            r"\w+ show",
        ] {
            assert!(StandIn::for_pattern(p).is_none(), "{p}");
        }
        assert!(StandIn::for_pattern(r"(?i)\bit is (?:widely )?said\b").is_some());
    }
}
