//! Extraction helper: patterns compiled only when a text could match them.
//!
//! Compiling a regex costs far more than searching a short text with it (the Unicode
//! classes and case folding of one pattern become thousands of automaton states), and a
//! short document never needs most of them. A pattern here comes with a *gate*: literals
//! of which every match holds one. A text that holds none of them cannot match, and the
//! pattern is not compiled for it; once a text passes, the pattern is compiled and from
//! then on searched directly, like a `LazyLock<Regex>`.
//!
//! [`needles`] reads such literals from a parsed pattern. The rule packs' vague-source
//! patterns are gated by it at run time; the source code's own patterns ([`Gated`]) carry
//! literals written by hand, and a test checks each against [`needles`] and
//! [`prefixes`].

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use regex::Regex;
use regex_syntax::ast::{
    Ast, ClassSet, ClassSetItem, Literal, LiteralKind, RepetitionKind, RepetitionRange,
};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// One byte of a literal, ASCII letters lower-cased: `caseless` when the pattern matches
/// the letter in either case (`(?i)s` matches `s`, `S` and `ſ`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unit {
    pub byte: u8,
    pub caseless: bool,
}

/// A literal a match must hold.
pub type Needle = Vec<Unit>;

/// At most this many literals per pattern: beyond it a gate costs more than it saves.
const MAX_NEEDLES: usize = 64;

/// The bytes one class stands for when it is a single character, or a single ASCII
/// letter in both cases (with `ſ`, `K` for `s`, `k`).
fn class_unit(class: &Class) -> Option<Needle> {
    let mut chars: Vec<char> = Vec::new();
    match class {
        Class::Unicode(c) => {
            for r in c.ranges() {
                if u32::from(r.end()) - u32::from(r.start()) > 3 || chars.len() > 4 {
                    return None;
                }
                chars.extend(r.start()..=r.end());
            }
        }
        Class::Bytes(c) => {
            for r in c.ranges() {
                if r.end() > 0x7f || r.end() - r.start() > 3 || chars.len() > 4 {
                    return None;
                }
                chars.extend((r.start()..=r.end()).map(char::from));
            }
        }
    }
    match chars.as_slice() {
        [] => None,
        [c] => {
            let mut b = [0; 4];
            Some(
                c.encode_utf8(&mut b)
                    .bytes()
                    .map(|byte| Unit {
                        byte,
                        caseless: false,
                    })
                    .collect(),
            )
        }
        _ => {
            // Every character is one ASCII letter in some case, or folds to it.
            let mut letter: Option<u8> = None;
            for &c in &chars {
                let l = match c {
                    '\u{17F}' => b's',
                    '\u{212A}' => b'k',
                    c if c.is_ascii_alphabetic() => c.to_ascii_lowercase() as u8,
                    _ => return None,
                };
                if letter.is_some_and(|x| x != l) {
                    return None;
                }
                letter = Some(l);
            }
            letter.map(|byte| {
                vec![Unit {
                    byte,
                    caseless: true,
                }]
            })
        }
    }
}

/// Whether `inner` occurs in `outer` such that every text matching `outer` there also
/// holds `inner`.
fn covers(inner: &[Unit], outer: &[Unit]) -> bool {
    inner.len() <= outer.len()
        && outer.windows(inner.len()).any(|w| {
            w.iter()
                .zip(inner)
                .all(|(o, i)| o.byte == i.byte && (i.caseless || !o.caseless))
        })
}

/// The better of two literal sets for a gate: the longer shortest literal, then fewer.
fn better(a: Vec<Needle>, b: Vec<Needle>) -> Vec<Needle> {
    let score = |s: &[Needle]| {
        (
            s.iter().map(Vec::len).min().unwrap_or(0),
            usize::MAX - s.len(),
        )
    };
    if score(&b) > score(&a) { b } else { a }
}

/// What the literal readers need to know of one node of a pattern, parsed ([`Hir`]) or
/// only read ([`Ast`], much cheaper: no classes are built).
pub enum Part<'a, N> {
    /// One character, or several side by side: its bytes; `None` for a class of several.
    Chars(Option<Needle>),
    /// Takes no room: an assertion, a flag, the empty pattern.
    ZeroWidth,
    Repeat(u32, &'a N),
    Group(&'a N),
    Alt(&'a [N]),
    Concat(&'a [N]),
}

/// A pattern's tree, for [`needles`] and [`all_needles`].
pub trait Tree: Sized {
    fn part(&self) -> Part<'_, Self>;
}

impl Tree for Hir {
    fn part(&self) -> Part<'_, Hir> {
        match self.kind() {
            HirKind::Empty | HirKind::Look(_) => Part::ZeroWidth,
            HirKind::Literal(lit) => Part::Chars(Some(
                lit.0
                    .iter()
                    .map(|&byte| Unit {
                        byte,
                        caseless: false,
                    })
                    .collect(),
            )),
            HirKind::Class(c) => Part::Chars(class_unit(c)),
            HirKind::Capture(c) => Part::Group(&c.sub),
            HirKind::Repetition(r) => Part::Repeat(r.min, &r.sub),
            HirKind::Alternation(subs) => Part::Alt(subs),
            HirKind::Concat(subs) => Part::Concat(subs),
        }
    }
}

/// One character of the syntax tree as the literal readers see it, whatever the flags in
/// force: an ASCII letter in either case (`(?i)` may hold); another ASCII character
/// exactly; a character beyond ASCII exactly when written as itself and without case (a
/// Han character), else nothing.
fn ast_char(lit: &Literal) -> Option<Needle> {
    let c = lit.c;
    if c.is_ascii_alphabetic() {
        return Some(vec![Unit {
            byte: c.to_ascii_lowercase() as u8,
            caseless: true,
        }]);
    }
    if c.is_ascii() {
        return Some(vec![Unit {
            byte: c as u8,
            caseless: false,
        }]);
    }
    let caseless = c.to_lowercase().eq([c]) && c.to_uppercase().eq([c]);
    (lit.kind == LiteralKind::Verbatim && caseless).then(|| {
        let mut b = [0; 4];
        c.encode_utf8(&mut b)
            .bytes()
            .map(|byte| Unit {
                byte,
                caseless: false,
            })
            .collect()
    })
}

impl Tree for Ast {
    fn part(&self) -> Part<'_, Ast> {
        match self {
            Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => Part::ZeroWidth,
            Ast::Literal(lit) => Part::Chars(ast_char(lit)),
            Ast::ClassBracketed(c) => Part::Chars(match &c.kind {
                ClassSet::Item(ClassSetItem::Literal(lit)) if !c.negated => ast_char(lit),
                _ => None,
            }),
            Ast::Dot(_) | Ast::ClassPerl(_) | Ast::ClassUnicode(_) => Part::Chars(None),
            Ast::Repetition(r) => {
                let min = match r.op.kind {
                    RepetitionKind::ZeroOrOne | RepetitionKind::ZeroOrMore => 0,
                    RepetitionKind::OneOrMore => 1,
                    RepetitionKind::Range(
                        RepetitionRange::Exactly(n)
                        | RepetitionRange::AtLeast(n)
                        | RepetitionRange::Bounded(n, _),
                    ) => n,
                };
                Part::Repeat(min, &r.ast)
            }
            Ast::Group(g) => Part::Group(&g.ast),
            Ast::Alternation(a) => Part::Alt(&a.asts),
            Ast::Concat(c) => Part::Concat(&c.asts),
        }
    }
}

/// Whether a node takes no room (a group of assertions and flags).
fn zero_width<N: Tree>(n: &N) -> bool {
    match n.part() {
        Part::ZeroWidth => true,
        Part::Group(s) => zero_width(s),
        Part::Concat(subs) => subs.iter().all(zero_width),
        _ => false,
    }
}

/// The runs of single characters side by side in a concatenation (what takes no room
/// between them ignored), and the parts between them: `visit` is given each.
fn runs<N: Tree>(subs: &[N], mut visit: impl FnMut(Result<Needle, &N>)) {
    let mut run: Needle = Vec::new();
    for s in subs {
        match s.part() {
            Part::Chars(Some(u)) => run.extend(u),
            _ if zero_width(s) => {}
            _ => {
                if !run.is_empty() {
                    visit(Ok(std::mem::take(&mut run)));
                }
                visit(Err(s));
            }
        }
    }
    if !run.is_empty() {
        visit(Ok(run));
    }
}

/// Literals of which every match of `n` holds at least one, or `None` when none can be
/// told (the pattern may match the empty string, or only classes). A text that holds
/// none of them, with ASCII letters compared in either case where a literal allows it,
/// and neither `ſ` nor the Kelvin sign, holds no match.
pub fn needles<N: Tree>(n: &N) -> Option<Vec<Needle>> {
    match n.part() {
        Part::ZeroWidth => None,
        Part::Chars(u) => u.map(|u| vec![u]),
        Part::Group(s) => needles(s),
        Part::Repeat(min, s) => (min > 0).then(|| needles(s)).flatten(),
        Part::Alt(subs) => {
            let mut all: Vec<Needle> = Vec::new();
            for s in subs {
                all.extend(needles(s)?);
            }
            // A literal that holds another adds nothing to the gate.
            all.sort_by_key(Vec::len);
            let mut kept: Vec<Needle> = Vec::new();
            for n in all {
                if !kept.iter().any(|k| covers(k, &n)) {
                    kept.push(n);
                }
            }
            (kept.len() <= MAX_NEEDLES).then_some(kept)
        }
        Part::Concat(subs) => {
            // Every match holds a match of each part, and each run.
            let mut best: Option<Vec<Needle>> = None;
            runs(subs, |r| {
                let set = match r {
                    Ok(run) => Some(vec![run]),
                    Err(s) => needles(s),
                };
                if let Some(set) = set {
                    best = Some(match best.take() {
                        Some(b) => better(b, set),
                        None => set,
                    });
                }
            });
            best
        }
    }
}

/// Sets of literals such that every match of `n` holds a literal of each set: the
/// literals of each part of a concatenation (and of each run of single characters in it)
/// that [`needles`] can tell. At most 64 sets; none when nothing can be told.
pub fn all_needles<N: Tree>(n: &N) -> Vec<Vec<Needle>> {
    fn collect<N: Tree>(n: &N, out: &mut Vec<Vec<Needle>>) {
        match n.part() {
            Part::Group(s) => collect(s, out),
            Part::Repeat(min, s) if min > 0 => collect(s, out),
            Part::Concat(subs) => runs(subs, |r| match r {
                Ok(run) => out.push(vec![run]),
                Err(s) => collect(s, out),
            }),
            _ => out.extend(needles(n)),
        }
    }
    let mut out = Vec::new();
    collect(n, &mut out);
    out.truncate(64);
    out
}

/// How a hand-written gate reads a text.
#[derive(Debug, Clone, Copy)]
pub enum Gate {
    /// Every match holds one of these (compared exactly).
    Contains(&'static [&'static str]),
    /// Every match holds one of these, ASCII letters in either case (`(?i)` patterns:
    /// a text with `ſ` or the Kelvin sign passes too).
    ContainsCaseless(&'static [&'static str]),
    /// The pattern is anchored at the text's start, and every match starts with one of
    /// these (compared exactly).
    StartsWith(&'static [&'static str]),
    /// As `StartsWith`, ASCII letters in either case (and `ſ` or the Kelvin sign pass).
    StartsWithCaseless(&'static [&'static str]),
    /// The pattern is anchored at the text's end, and every match ends with one of these.
    EndsWith(&'static [&'static str]),
    /// Every one of these gates.
    All(&'static [Gate]),
    /// A test written for one pattern, with the reason it holds beside the pattern (it is
    /// checked only on sample matches).
    Custom(fn(&str) -> bool),
}

/// Whether `hay` holds `ſ` or the Kelvin sign (UTF-8 `C5 BF`, `E2 84 AA`): the two
/// characters beyond ASCII that Unicode case folding makes equal to an ASCII letter (`s`,
/// `k`). A text holding one passes every caseless gate.
fn has_fold(hay: &[u8]) -> bool {
    let mut rest = hay;
    while let Some(i) = rest.iter().position(|&b| b == 0xC5 || b == 0xE2) {
        let tail = &rest[i..];
        if tail.starts_with(&[0xC5, 0xBF]) || tail.starts_with(&[0xE2, 0x84, 0xAA]) {
            return true;
        }
        rest = &rest[i + 1..];
    }
    false
}

/// Whether `hay` holds one of `lits`, ASCII letters in either case, or `ſ` or the Kelvin
/// sign (which `(?i)` matches as `s` and `k`). One pass over the text: only where a
/// literal's first byte stands are the literals compared.
pub fn holds_caseless(hay: &str, lits: &[&str]) -> bool {
    let hay = hay.as_bytes();
    let mut first = [false; 256];
    for l in lits {
        let Some(&b) = l.as_bytes().first() else {
            return true;
        };
        first[usize::from(b.to_ascii_lowercase())] = true;
        first[usize::from(b.to_ascii_uppercase())] = true;
    }
    // The lead bytes of the two folding characters.
    first[0xC5] = true;
    first[0xE2] = true;
    hay.iter().enumerate().any(|(i, &c)| {
        first[usize::from(c)] && {
            let rest = &hay[i..];
            rest.starts_with(&[0xC5, 0xBF])
                || rest.starts_with(&[0xE2, 0x84, 0xAA])
                || lits.iter().any(|l| {
                    rest.len() >= l.len() && rest[..l.len()].eq_ignore_ascii_case(l.as_bytes())
                })
        }
    })
}

/// The bytes at either end of a text where a match of a literal of at most `n` bytes
/// could stand, written with folding characters (three bytes for one letter at most).
fn edge(n: usize) -> usize {
    3 * n
}

/// Whether `hay` starts with one of `lits`, as [`holds_caseless`] compares.
pub fn starts_caseless(hay: &str, lits: &[&str]) -> bool {
    let hay = hay.as_bytes();
    let longest = lits.iter().map(|l| l.len()).max().unwrap_or(0);
    lits.iter().any(|l| {
        hay.get(..l.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(l.as_bytes()))
    }) || has_fold(&hay[..hay.len().min(edge(longest))])
}

/// Whether `hay` ends with one of `lits`, as [`holds_caseless`] compares.
pub fn ends_caseless(hay: &str, lits: &[&str]) -> bool {
    let hay = hay.as_bytes();
    let longest = lits.iter().map(|l| l.len()).max().unwrap_or(0);
    lits.iter().any(|l| {
        hay.len() >= l.len() && hay[hay.len() - l.len()..].eq_ignore_ascii_case(l.as_bytes())
    }) || has_fold(&hay[hay.len().saturating_sub(edge(longest))..])
}

impl Gate {
    /// Whether `hay` could hold a match.
    pub fn admits(&self, hay: &str) -> bool {
        match *self {
            Gate::Contains(lits) => lits.iter().any(|l| hay.contains(l)),
            Gate::ContainsCaseless(lits) => holds_caseless(hay, lits),
            Gate::StartsWith(lits) => lits.iter().any(|l| hay.starts_with(l)),
            Gate::StartsWithCaseless(lits) => starts_caseless(hay, lits),
            Gate::EndsWith(lits) => lits.iter().any(|l| hay.ends_with(l)),
            Gate::All(gates) => gates.iter().all(|g| g.admits(hay)),
            Gate::Custom(f) => f(hay),
        }
    }

    /// Whether the pattern `hir` proves the gate: every text it matches in passes. Custom
    /// gates are not proved here.
    fn proved_by(&self, hir: &Hir) -> Result<(), String> {
        let units = |l: &str, caseless: bool| -> Needle {
            l.bytes()
                .map(|b| Unit {
                    byte: if caseless { b.to_ascii_lowercase() } else { b },
                    caseless: caseless && b.is_ascii_alphabetic(),
                })
                .collect()
        };
        // The gate literal `g` stands wherever the pattern's literal `n` does: a caseless
        // gate letter accepts the letter in any case, an exact one needs it exact.
        let same = |g: &[Unit], n: &[Unit]| {
            g.len() == n.len()
                && g.iter().zip(n).all(|(g, n)| {
                    if g.caseless {
                        g.byte == n.byte.to_ascii_lowercase()
                    } else {
                        g.byte == n.byte && !n.caseless
                    }
                })
        };
        let (lits, caseless) = match *self {
            Gate::Contains(l) | Gate::StartsWith(l) | Gate::EndsWith(l) => (l, false),
            Gate::ContainsCaseless(l) | Gate::StartsWithCaseless(l) => (l, true),
            Gate::All(gates) => return gates.iter().try_for_each(|g| g.proved_by(hir)),
            Gate::Custom(_) => return Ok(()),
        };
        let gate: Vec<Needle> = lits.iter().map(|l| units(l, caseless)).collect();
        let ok = match *self {
            Gate::Contains(_) | Gate::ContainsCaseless(_) => proves(hir, Side::Inside, &|n| {
                gate.iter().any(|g| n.windows(g.len()).any(|w| same(g, w)))
            }),
            Gate::StartsWith(_) | Gate::StartsWithCaseless(_) => {
                hir.properties().look_set_prefix().contains(Look::Start)
                    && proves(hir, Side::Start, &|n| {
                        gate.iter()
                            .any(|g| n.len() >= g.len() && same(g, &n[..g.len()]))
                    })
            }
            _ => {
                hir.properties().look_set_suffix().contains(Look::End)
                    && proves(hir, Side::End, &|n| {
                        gate.iter()
                            .any(|g| n.len() >= g.len() && same(g, &n[n.len() - g.len()..]))
                    })
            }
        };
        if ok {
            Ok(())
        } else {
            Err("the pattern does not prove its gate".into())
        }
    }
}

/// Where a literal must stand in a match for [`proves`].
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Inside,
    Start,
    End,
}

/// Whether every match of `hir` holds a literal that `ok` accepts: anywhere in it, at its
/// start or at its end. A concatenation proves it by one part (or run of single
/// characters side by side) that does, an alternation by every branch.
fn proves(hir: &Hir, side: Side, ok: &dyn Fn(&[Unit]) -> bool) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(_) | HirKind::Class(_) => {
            needles(hir).is_some_and(|v| v.iter().all(|n| ok(n)))
        }
        HirKind::Capture(c) => proves(&c.sub, side, ok),
        HirKind::Repetition(r) => r.min > 0 && proves(&r.sub, side, ok),
        HirKind::Alternation(subs) => subs.iter().all(|s| proves(s, side, ok)),
        HirKind::Concat(subs) => {
            // Runs of single characters, zero-width assertions taking no room.
            let unit = |s: &Hir| match s.kind() {
                HirKind::Literal(_) | HirKind::Class(_) => needles(s).and_then(|mut v| v.pop()),
                _ => None,
            };
            let zero = |s: &Hir| matches!(s.kind(), HirKind::Look(_) | HirKind::Empty);
            match side {
                Side::Inside => {
                    let mut run: Needle = Vec::new();
                    for s in subs {
                        match unit(s) {
                            Some(u) => run.extend(u),
                            None if zero(s) => {}
                            None => {
                                if !run.is_empty() && ok(&std::mem::take(&mut run)) {
                                    return true;
                                }
                                if proves(s, side, ok) {
                                    return true;
                                }
                            }
                        }
                    }
                    !run.is_empty() && ok(&run)
                }
                Side::Start | Side::End => {
                    let ordered: Vec<&Hir> = if side == Side::Start {
                        subs.iter().collect()
                    } else {
                        subs.iter().rev().collect()
                    };
                    let mut run: Needle = Vec::new();
                    for s in ordered {
                        match unit(s) {
                            Some(u) if side == Side::Start => run.extend(u),
                            Some(mut u) => {
                                u.extend(run);
                                run = u;
                            }
                            None if zero(s) && run.is_empty() => {}
                            None if run.is_empty() => return proves(s, side, ok),
                            None => break,
                        }
                    }
                    !run.is_empty() && ok(&run)
                }
            }
        }
    }
}

/// How many texts a gate turns away before its pattern is compiled anyway. Reading a gate
/// costs a pass over the text; this many passes cost about what compiling a pattern does,
/// so a long input (which is likely to need the pattern, and whose start-up matters
/// little) stops paying for the gate, while a short document never reaches it.
const GATE_BUDGET: u32 = 2000;

/// A pattern of the source code compiled the first time a text passes its gate.
pub struct Gated {
    pattern: &'static str,
    gate: Gate,
    re: OnceLock<Regex>,
    /// Texts the gate has read.
    read: AtomicU32,
}

impl Gated {
    pub const fn new(pattern: &'static str, gate: Gate) -> Gated {
        Gated {
            pattern,
            gate,
            re: OnceLock::new(),
            read: AtomicU32::new(0),
        }
    }

    /// The compiled pattern when `hay` could hold a match, else `None`. Once compiled it
    /// is returned for any text: the gate only spares the compiling.
    pub fn for_text(&self, hay: &str) -> Option<&Regex> {
        if let Some(re) = self.re.get() {
            return Some(re);
        }
        let spent = self.read.fetch_add(1, Ordering::Relaxed) >= GATE_BUDGET;
        (spent || self.gate.admits(hay)).then(|| {
            self.re
                .get_or_init(|| Regex::new(self.pattern).expect("built-in pattern (tested)"))
        })
    }

    pub fn is_match(&self, hay: &str) -> bool {
        self.for_text(hay).is_some_and(|re| re.is_match(hay))
    }

    pub fn find<'h>(&self, hay: &'h str) -> Option<regex::Match<'h>> {
        self.for_text(hay).and_then(|re| re.find(hay))
    }

    pub fn captures<'h>(&self, hay: &'h str) -> Option<regex::Captures<'h>> {
        self.for_text(hay).and_then(|re| re.captures(hay))
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        hay: &'h str,
    ) -> impl Iterator<Item = regex::Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.for_text(hay)
            .into_iter()
            .flat_map(move |re| re.captures_iter(hay))
    }

    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = regex::Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.for_text(hay)
            .into_iter()
            .flat_map(move |re| re.find_iter(hay))
    }

    /// The pattern's text.
    pub fn as_str(&self) -> &'static str {
        self.pattern
    }

    /// Checks that the pattern compiles and proves its gate (see [`Gate`]). For tests.
    pub fn check(&self) -> Result<(), String> {
        let hir = regex_syntax::parse(self.pattern).map_err(|e| e.to_string())?;
        Regex::new(self.pattern).map_err(|e| e.to_string())?;
        self.gate
            .proved_by(&hir)
            .map_err(|e| format!("{}: {e}", self.pattern))
    }
}

/// Patterns read from data (the rule packs' vague sources), each compiled the first time a
/// text holds one of the literals [`needles`] reads from it, and searched only in texts
/// that hold them (every match holds one of each set, so the others cannot match).
#[derive(Debug)]
pub struct LazyPatterns {
    patterns: Vec<LazyPattern>,
    /// Every gated pattern's literals (`lits`, each once), ASCII letters in either case,
    /// rebuilt as a DFA once the gate has read enough text ([`crate::lexicon::Staged`]);
    /// `owner` gives each literal's patterns and the sets of them (see [`all_needles`]) the
    /// literal is in.
    gate: Option<crate::lexicon::Staged>,
    lits: Vec<Vec<u8>>,
    /// (An overlapping search reports every pattern that matches at a place: a literal
    /// searched once per set that holds it was reported once per set.)
    owner: Vec<Vec<(usize, usize)>>,
    /// How to search each pattern on an ASCII stand-in of a text: worked out for all of
    /// them (see [`crate::stand_in::StandIn::share`]) when the first pattern that may use
    /// one is compiled.
    stand_ins: OnceLock<Vec<Option<crate::stand_in::StandIn>>>,
}

#[derive(Debug)]
struct LazyPattern {
    text: String,
    /// How many literal sets gate it: a text must hold a literal of each. Without any, a
    /// pattern is compiled for any text.
    sets: usize,
    re: OnceLock<Regex>,
    /// Whether the pattern may assert a word boundary, which a stand-in needs (every
    /// such assertion is written `\b…`, `\B`, `\<` or `\>`).
    may_need_stand_in: bool,
}

impl LazyPatterns {
    /// Parses each pattern; with `eager`, compiles each now and returns the first error.
    /// Without it a pattern is compiled when first needed and must be known to compile
    /// (the built-in files, which a test compiles).
    pub fn new(patterns: &[String], eager: bool) -> Result<LazyPatterns, regex::Error> {
        let mut list = Vec::with_capacity(patterns.len());
        let mut lits: Vec<Vec<u8>> = Vec::new();
        let mut owner: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut lit_index: crate::hashing::HashMap<Vec<u8>, usize> = Default::default();
        for (i, p) in patterns.iter().enumerate() {
            let re = OnceLock::new();
            if eager {
                let _ = re.set(Regex::new(p)?);
            }
            // Only read, not parsed: building the classes (case folding above all) would
            // cost most of what a gate saves.
            let ast = match regex_syntax::ast::parse::Parser::new().parse(p) {
                Ok(ast) => ast,
                // The regex crate reports the same mistake in its own words.
                Err(_) => {
                    return Err(Regex::new(p)
                        .err()
                        .unwrap_or(regex::Error::Syntax(p.clone())));
                }
            };
            // A set with a literal of one byte (the space between two words, a comma) is
            // held by nearly every text: it turns nothing away, and searching for it costs
            // a reported match at every space. It is left out of the gate, which stays
            // sound (it only asks less of a text).
            let sets: Vec<Vec<Needle>> = all_needles(&ast)
                .into_iter()
                .filter(|set| set.iter().all(|n| n.len() > 1))
                .collect();
            for (k, set) in sets.iter().enumerate() {
                for n in set {
                    let bytes: Vec<u8> = n.iter().map(|u| u.byte).collect();
                    let at = *lit_index.entry(bytes).or_insert_with_key(|bytes| {
                        lits.push(bytes.clone());
                        owner.push(Vec::new());
                        lits.len() - 1
                    });
                    if !owner[at].contains(&(i, k)) {
                        owner[at].push((i, k));
                    }
                }
            }
            list.push(LazyPattern {
                text: p.clone(),
                sets: sets.len(),
                re,
                may_need_stand_in: ["\\b", "\\B", "\\<", "\\>"].iter().any(|w| p.contains(w)),
            });
        }
        let gate = if lits.is_empty() {
            None
        } else {
            let mut builder = aho_corasick::AhoCorasick::builder();
            builder.ascii_case_insensitive(true);
            crate::lexicon::Staged::new(&builder, &lits).ok()
        };
        if gate.is_none() {
            // (No literals, or too many for the automaton: no gate, compiled when used.)
            list.iter_mut().for_each(|p| p.sets = 0);
        }
        Ok(LazyPatterns {
            patterns: list,
            gate,
            lits,
            owner,
            stand_ins: OnceLock::new(),
        })
    }

    fn stand_ins(&self) -> &[Option<crate::stand_in::StandIn>] {
        self.stand_ins.get_or_init(|| {
            let mut list: Vec<_> = self
                .patterns
                .iter()
                .map(|p| {
                    regex_syntax::parse(&p.text)
                        .ok()
                        .and_then(|hir| crate::stand_in::StandIn::for_hir(&hir))
                })
                .collect();
            crate::stand_in::StandIn::share(&mut list);
            list
        })
    }

    /// Whether each pattern could match in `hay`, by its literals alone.
    fn admitted(&self, hay: &str) -> Vec<bool> {
        // The literal sets of each pattern that the text holds one of, as bits.
        let mut held = vec![0u64; self.patterns.len()];
        if let Some(gate) = &self.gate {
            for m in gate
                .for_len(hay.len(), &self.lits)
                .find_overlapping_iter(hay)
            {
                for &(i, k) in &self.owner[m.pattern().as_usize()] {
                    held[i] |= 1 << k;
                }
            }
        }
        let folds = has_fold(hay.as_bytes());
        self.patterns
            .iter()
            .zip(held)
            .map(|(p, h)| folds || h.count_ones() as usize == p.sets)
            .collect()
    }

    /// Compiles every pattern now. For tests of the built-in patterns.
    pub fn compile_all(&self) -> Result<(), regex::Error> {
        for p in &self.patterns {
            if p.re.get().is_none() {
                let _ = p.re.set(Regex::new(&p.text)?);
            }
        }
        Ok(())
    }

    /// The patterns that could match in `hay`, in their order, compiled, each with its
    /// stand-in. The gate is read for every text, also once every pattern is compiled:
    /// one pass of its automaton costs less than searching the patterns it turns away
    /// (on a dense corpus nearly all of them, for nearly every sentence).
    pub fn for_text<'a>(
        &'a self,
        hay: &str,
    ) -> impl Iterator<Item = (&'a Regex, Option<&'a crate::stand_in::StandIn>)> + 'a {
        // (Without a gate no pattern is gated: see `new`.)
        let admitted = self.gate.as_ref().map(|_| self.admitted(hay));
        self.patterns.iter().enumerate().filter_map(move |(i, p)| {
            if p.sets > 0 && admitted.as_ref().is_some_and(|a| !a[i]) {
                return None;
            }
            let re =
                p.re.get_or_init(|| Regex::new(&p.text).expect("built-in pattern (tested)"));
            let stand_in = if p.may_need_stand_in {
                self.stand_ins()[i].as_ref()
            } else {
                None
            };
            Some((re, stand_in))
        })
    }

    /// Whether any pattern matches in `hay`.
    pub fn is_match(&self, hay: &str) -> bool {
        self.for_text(hay).any(|(re, _)| re.is_match(hay))
    }
}

/// Texts that match `pattern`, generated from its parts with a fixed seed, some inside
/// other text: a gate must admit every one. For tests.
#[cfg(test)]
pub fn samples(pattern: &str, count: usize) -> Vec<String> {
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n.max(1) as u64) as usize
        }
    }
    fn write(h: &Hir, rng: &mut Rng, out: &mut Vec<u8>) {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(l) => out.extend_from_slice(&l.0),
            HirKind::Class(Class::Unicode(c)) => {
                let r = c.ranges()[rng.below(c.ranges().len())];
                let span = u32::from(r.end()) - u32::from(r.start());
                // Near either end of the range, or anywhere in it.
                let off = match rng.below(3) {
                    0 => 0,
                    1 => span,
                    _ => rng.below(span as usize + 1) as u32,
                };
                let ch = char::from_u32(u32::from(r.start()) + off).unwrap_or(r.start());
                let mut b = [0; 4];
                out.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
            }
            HirKind::Class(Class::Bytes(c)) => {
                let r = c.ranges()[rng.below(c.ranges().len())];
                out.push(r.start() + rng.below(usize::from(r.end() - r.start()) + 1) as u8);
            }
            HirKind::Repetition(r) => {
                let max = r.max.unwrap_or(r.min + 3).min(r.min + 6);
                let n = r.min as usize + rng.below((max - r.min) as usize + 1);
                (0..n).for_each(|_| write(&r.sub, rng, out));
            }
            HirKind::Capture(c) => write(&c.sub, rng, out),
            HirKind::Concat(subs) => subs.iter().for_each(|s| write(s, rng, out)),
            HirKind::Alternation(subs) => write(&subs[rng.below(subs.len())], rng, out),
        }
    }
    let hir = regex_syntax::parse(pattern).expect("pattern parses");
    let re = Regex::new(pattern).expect("pattern compiles");
    let around = ["", " ", "据说，", "The ", "x", "，", "2024年", " and "];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::new();
    for _ in 0..count * 20 {
        if out.len() >= count {
            break;
        }
        let mut b = Vec::new();
        write(&hir, &mut rng, &mut b);
        let Ok(m) = String::from_utf8(b) else {
            continue;
        };
        let text = format!(
            "{}{m}{}",
            around[rng.below(around.len())],
            around[rng.below(around.len())]
        );
        for t in [m, text] {
            if re.is_match(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// Checks a gate as [`Gated::check`] does, and on sample matches. For tests.
#[cfg(test)]
pub fn assert_sound(g: &Gated) {
    assert_eq!(g.check(), Ok(()), "{}", g.pattern);
    let texts = samples(g.pattern, 1000);
    assert!(texts.len() >= 20, "few samples of {}", g.pattern);
    for t in texts {
        assert!(
            g.gate.admits(&t),
            "{} matches {t:?} past its gate",
            g.pattern
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(pattern: &str) -> Vec<String> {
        let hir = regex_syntax::parse(pattern).unwrap();
        needles(&hir)
            .unwrap_or_default()
            .into_iter()
            .map(|n| String::from_utf8(n.iter().map(|u| u.byte).collect()).unwrap())
            .collect()
    }

    #[test]
    fn literals_every_match_holds() {
        assert_eq!(lits(r"(?i)\bit is (?:widely )?said\b"), ["it is "]);
        assert_eq!(lits("据(?:行业|业内)?(?:统计|估计)"), ["统计", "估计"]);
        assert_eq!(lits("据(?:行业|业内)?(?:统计|悉)"), ["据"]);
        assert_eq!(lits(r"(?:a|b)\w+(?:xyz|uvw)"), ["xyz", "uvw"]);
        // A literal holding another is dropped: the shorter one is in every text the
        // longer is in.
        assert_eq!(lits("(?:业内人士|业内)说"), ["业内"]);
        for p in [r"\w+", "a*", "(?:a|)", r"[a-z]+\d"] {
            assert!(lits(p).is_empty(), "{p}");
        }
    }

    #[test]
    fn a_text_without_the_literals_has_no_match() {
        // Exhaustive over short texts made of the pattern's own letters and others.
        let patterns = [
            r"(?i)\bin our (?:own )?tests\b",
            r"(?i)ſk|sK",
            r"(?:ab|cd)e+f",
            r"x(?:y|z)?w",
        ];
        let alphabet = [
            'a', 'b', 'c', 'd', 'e', 'f', 'k', 'K', 's', 'S', 'ſ', 'K', 'x', 'w',
        ];
        for p in patterns {
            let re = Regex::new(p).unwrap();
            let hir = regex_syntax::parse(p).unwrap();
            let Some(ns) = needles(&hir) else { continue };
            let gate = |t: &str| {
                has_fold(t.as_bytes())
                    || ns.iter().any(|n| {
                        let b: Vec<u8> = n.iter().map(|u| u.byte).collect();
                        t.as_bytes()
                            .windows(b.len())
                            .any(|w| w.eq_ignore_ascii_case(&b))
                    })
            };
            let mut texts = vec![String::new()];
            let mut level = texts.clone();
            for _ in 0..4 {
                level = level
                    .iter()
                    .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                    .collect();
                texts.extend(level.iter().cloned());
            }
            for t in texts.iter().chain([&"in our tests".to_string()]) {
                if re.is_match(t) {
                    assert!(gate(t), "{p} matches {t:?} past its gate");
                }
            }
        }
    }

    #[test]
    fn the_vague_patterns_admit_their_matches() {
        let file: toml::Table = toml::from_str(include_str!("../rules/citations.toml")).unwrap();
        let list: Vec<String> = ["zh", "en"]
            .iter()
            .flat_map(|l| file[*l]["vague_patterns"].as_array().unwrap().clone())
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let lazy = LazyPatterns::new(&list, false).unwrap();
        assert!(
            lazy.patterns
                .iter()
                .all(|p| p.sets > 0 && p.re.get().is_none())
        );
        for (i, p) in list.iter().enumerate() {
            let texts = samples(p, 1000);
            assert!(texts.len() >= 20, "few samples of {p}");
            for t in texts {
                assert!(lazy.admitted(&t)[i], "{p} matches {t:?} past its gate");
            }
        }
        // A text without the literals compiles nothing.
        assert_eq!(lazy.for_text("数据显示，营收增长30%。").count(), 0);
        assert!(lazy.patterns.iter().all(|p| p.re.get().is_none()));
        assert!(lazy.is_match("Industry insiders say it will double."));
        lazy.compile_all().unwrap();
        for (p, q) in list.iter().zip(&lazy.patterns) {
            let some = crate::stand_in::StandIn::for_pattern(p).is_some();
            assert!(!some || q.may_need_stand_in, "{p}");
        }
    }

    #[test]
    fn literals_read_from_the_syntax_tree_hold_whatever_the_flags() {
        let tricky = [
            r"(?i)Études? montrent",
            r"a(?i)bc|d(?-i)EF",
            r"(?i:Straße)|STRASSE",
            r"(?x) studies \ show  # comment",
            r"[é][k]elvin\x41\u{17F}x",
            r"(?-u:\b)per(?i) cent\b",
            r"据(?:行业|业内)?(?:统计|估计)|(?i)Σίσυφος",
            r"(?:ab)+(?:cd){2,3}e?f{0}g",
        ];
        let list: Vec<String> = tricky.iter().map(|p| p.to_string()).collect();
        let lazy = LazyPatterns::new(&list, false).unwrap();
        for (i, p) in tricky.iter().enumerate() {
            let texts = samples(p, 300);
            assert!(!texts.is_empty(), "no samples of {p}");
            for t in texts
                .iter()
                .chain([&"ÉTUDES MONTRENT".to_string(), &"ſtraße".to_string()])
            {
                if Regex::new(p).unwrap().is_match(t) {
                    assert!(lazy.admitted(t)[i], "{p} matches {t:?} past its gate");
                }
            }
        }
        // Only patterns that may assert a word boundary are worked out a stand-in for.
        for (p, q) in list.iter().zip(&lazy.patterns) {
            let some = crate::stand_in::StandIn::for_pattern(p).is_some();
            assert!(!some || q.may_need_stand_in, "{p}");
        }
    }

    #[test]
    #[should_panic(expected = "past its gate")]
    fn a_wrong_custom_gate_is_caught_on_samples() {
        static WRONG: Gated = Gated::new(r"(?:ab|cd)+e", Gate::Custom(|t| t.contains("ab")));
        assert_sound(&WRONG);
    }

    #[test]
    fn hand_written_gates_are_checked() {
        static GOOD: Gated = Gated::new(
            r"(?i)^(?:the|its) (?:study|paper)",
            Gate::StartsWithCaseless(&["th", "its"]),
        );
        static BAD: Gated = Gated::new(
            r"(?i)^(?:the|its) (?:study|paper)",
            Gate::StartsWith(&["th", "its"]),
        );
        static LOOSE: Gated = Gated::new(r"per (?:the )?[A-Z]", Gate::Contains(&["per the"]));
        static END: Gated =
            Gated::new(r"^\w{1,4}(?:公司|集团)$", Gate::EndsWith(&["公司", "集团"]));
        assert_eq!(GOOD.check(), Ok(()));
        assert!(BAD.check().is_err());
        assert!(LOOSE.check().is_err());
        assert_eq!(END.check(), Ok(()));
        assert!(!GOOD.is_match("a study"));
        assert!(GOOD.is_match("The study"));
        assert!(GOOD.is_match("ITS paper"));
    }
}
