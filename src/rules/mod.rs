//! Rules stage: each rule reads the aligned claims of one document and pushes
//! [`Finding`]s. [`RULES`] is the one ordered registry: it drives `claimlint rules`,
//! `claimlint explain` and the order the rules run in.

mod attribution_mismatch;
mod citation_dropped;
mod claim_coverage;
mod date_mismatch;
pub mod house;
mod list_numbering;
mod missing_citation;
mod qualifier_mismatch;
mod stale_forecast;
pub(crate) mod unit_mismatch;
mod vague_citation;
mod value_mismatch;

use std::ops::Range;

use chrono::NaiveDate;

use crate::Analysis;
use crate::align::equal_values;
use crate::claim::number::{same_value, significant_digits};
use crate::claim::{Citation, Claim, Quantity};
use crate::lexicon::Bound;
use crate::report::held::Held;
use crate::report::{Finding, Related, Severity};

/// What a rule sees: one analysed document and the options that matter to rules.
pub struct RuleContext<'a> {
    pub a: &'a Analysis<'a>,
    pub as_of: NaiveDate,
    /// The variant the others must agree with (`canonical = "整合版"`).
    pub canonical: Option<&'a str>,
    /// How far apart an approximate figure may be, as a fraction of the larger.
    pub tolerance: Option<f64>,
}

pub trait Rule: Sync {
    /// The finding code, as in the report contract (`value-mismatch`).
    fn code(&self) -> &'static str;
    fn default_severity(&self) -> Severity;
    /// One line for `claimlint rules`.
    fn summary(&self) -> &'static str;
    /// The documentation `claimlint explain CODE` prints.
    fn docs(&self) -> &'static str;
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Findings<'_>);
}

/// Where a rule puts its findings: each takes the rule's configured severity and is
/// packed as it comes ([`Held`]), so that a rule with a hundred thousand findings does
/// not hold them all as [`Finding`]s until it ends.
pub struct Findings<'h> {
    held: &'h mut Held,
    severity: Severity,
    /// How many findings `held` had before this rule's.
    first: usize,
}

impl<'h> Findings<'h> {
    /// Findings at `severity`, added to `held`.
    pub fn new(held: &'h mut Held, severity: Severity) -> Self {
        let first = held.len();
        Findings {
            held,
            severity,
            first,
        }
    }

    pub fn push(&mut self, mut f: Finding) {
        f.severity = self.severity;
        self.held.push(f);
    }

    /// Call `each` with the span of every finding pushed here so far, and with the
    /// spans of its related places.
    pub fn spans(&self, each: impl FnMut(Range<usize>)) {
        self.held.spans_from(self.first, each);
    }
}

/// Every rule, in the order of the contract's table.
pub static RULES: &[&dyn Rule] = &[
    &value_mismatch::ValueMismatch,
    &date_mismatch::DateMismatch,
    &attribution_mismatch::AttributionMismatch,
    &unit_mismatch::UnitMismatch,
    &qualifier_mismatch::QualifierMismatch,
    &citation_dropped::CitationDropped,
    &missing_citation::MissingCitation,
    &vague_citation::VagueCitation,
    &stale_forecast::StaleForecast,
    &list_numbering::ListNumbering,
    &claim_coverage::ClaimCoverage,
];

pub fn find_rule(code: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.code() == code)
}

impl RuleContext<'_> {
    pub fn claim(&self, i: usize) -> &Claim {
        &self.a.extraction.claims[i]
    }

    /// The first named source of a claim.
    pub fn named_citation(&self, claim: usize) -> Option<&Citation> {
        self.a.extraction.named_citation(self.claim(claim))
    }

    /// A finding at `span` in this document.
    pub fn finding(
        &self,
        rule: &dyn Rule,
        span: Range<usize>,
        variant: usize,
        message: String,
        help: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Finding {
        Finding {
            code: rule.code(),
            severity: rule.default_severity(),
            message,
            file: self.a.file.clone(),
            variant: self.a.variant_id(variant),
            span,
            related: Vec::new(),
            help: help.into(),
        }
    }

    pub fn related(&self, claim: usize, message: String) -> Related {
        let c = self.claim(claim);
        Related {
            file: self.a.file.clone(),
            variant: self.a.variant_id(c.variant()),
            span: c.span(),
            message,
        }
    }

    /// "160亿 here" for each claim: the usual related list of a mismatch.
    pub fn related_here(&self, claims: &[usize]) -> Vec<Related> {
        claims
            .iter()
            .map(|&r| self.related(r, format!("{} here", self.shown(r))))
            .collect()
    }

    /// The first of `count` figures of one sentence, for a finding that covers them all:
    /// "3.2万亩 (and 2 more figures in this sentence)".
    pub fn shown_in_sentence(&self, claim: usize, count: usize) -> String {
        match count {
            0 | 1 => self.shown(claim),
            2 => format!("{} (and 1 more figure in this sentence)", self.shown(claim)),
            n => format!(
                "{} (and {} more figures in this sentence)",
                self.shown(claim),
                n - 1
            ),
        }
    }

    /// The surface text of a claim, trimmed for a message.
    pub fn shown(&self, claim: usize) -> String {
        let t = self.a.extraction.text(self.claim(claim)).trim();
        t.to_string()
    }

    /// "Tesla FSD frames" — what a claim is about, for messages.
    pub fn topic(&self, claim: usize) -> String {
        let c = self.claim(claim);
        let mut parts = Vec::new();
        if let Some(s) = self.a.extraction.subject(c) {
            parts.push(s.name.clone());
        }
        if let Some(m) = self.a.extraction.metric(c) {
            parts.push(m.replace('-', " "));
        }
        // Without a subject or a metric, the counted noun says what the figure counts
        // ("trips: 4.3 million here").
        let noun = c
            .quantity()
            .and_then(|q| q.noun())
            .filter(|n| n.chars().all(|ch| ch.is_ascii_alphabetic()) && *n != "count");
        if parts.is_empty() {
            noun.map_or_else(|| "this figure".to_string(), str::to_string)
        } else {
            parts.join(" ")
        }
    }

    pub fn where_(&self, claim: usize) -> String {
        self.a.variant_label(self.claim(claim).variant())
    }

    fn is_canonical(&self, claim: usize) -> bool {
        self.canonical
            .is_some_and(|c| self.a.variant_id(self.claim(claim).variant()).as_deref() == Some(c))
    }

    /// With a canonical variant configured, put the class that holds it first: it is
    /// the reference the others are measured against.
    pub fn canonical_first<T>(&self, classes: &mut [Vec<(usize, T)>]) {
        if let Some(k) = classes
            .iter()
            .position(|c| c.iter().any(|(i, _)| self.is_canonical(*i)))
        {
            classes[..=k].rotate_right(1);
        }
    }

    /// How a finding opens when the reference is the canonical variant:
    /// "版本二 disagrees with the canonical 整合版 on ".
    pub fn lead(&self, claim: usize, reference: &[usize]) -> String {
        match self.canonical {
            Some(c) if reference.iter().any(|&r| self.is_canonical(r)) => {
                format!(
                    "{} disagrees with the canonical {c} on ",
                    self.where_(claim)
                )
            }
            _ => String::new(),
        }
    }

    /// Where the reference value is held: its variant, and when several variants agree
    /// on it (the majority), how many ("版本二 and 2 other variants").
    pub fn where_ref(&self, first: usize, reference: &[usize]) -> String {
        let mut variants: Vec<usize> = reference.iter().map(|&r| self.claim(r).variant()).collect();
        variants.sort_unstable();
        variants.dedup();
        let others = variants.len().saturating_sub(1);
        if self.lead(first, reference).is_empty() && others > 0 {
            format!(
                "{} and {others} other variant{}",
                self.where_(first),
                if others == 1 { "" } else { "s" }
            )
        } else {
            self.where_(first)
        }
    }

    /// The finding on claim `i`, which differs from the `major` class (`first` its
    /// reference, `rel` the places shown beside it): "… {shown} here {verb} {here},
    /// {shown} in … {verb} {there}".
    pub fn odd_one_out(
        &self,
        rule: &dyn Rule,
        (i, major, first, rel): (usize, &[usize], usize, &[usize]),
        (verb, here, there): (&str, &str, &str),
        help: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Finding {
        let c = self.claim(i);
        let msg = format!(
            "{}{}: {} here {verb} {here}, {} in {} {verb} {there}",
            self.lead(i, major),
            self.topic(i),
            self.shown(i),
            self.shown(first),
            self.where_ref(first, major),
        );
        let mut f = self.finding(rule, c.span(), c.variant(), msg, help);
        f.related = self.related_here(rel);
        f
    }

    /// Do two figures agree, given their qualifiers and the configured tolerance for
    /// approximate ones?
    pub fn agree(&self, a: &Quantity, b: &Quantity) -> bool {
        bounds_agree(a, b)
            || self.tolerance.is_some_and(|t| {
                (a.bound == Bound::Approx || b.bound == Bound::Approx)
                    && a.high().is_none()
                    && b.high().is_none()
                    && (a.value - b.value).abs() <= t * a.value.abs().max(b.value.abs())
            })
    }

    /// Groups of quantity claims with the claims they hold.
    pub fn quantity_groups(&self) -> impl Iterator<Item = Vec<(usize, &Quantity)>> + '_ {
        self.a.alignment.groups.iter().map(|g| {
            g.members
                .iter()
                .filter_map(|&m| self.claim(m).quantity().map(|q| (m, q)))
                .collect()
        })
    }
}

/// Split members into classes of equal value; the majority class first (ties: the class
/// whose first member comes first).
pub fn value_classes<'q>(members: &[(usize, &'q Quantity)]) -> Vec<Vec<(usize, &'q Quantity)>> {
    let mut classes: Vec<Vec<(usize, &Quantity)>> = Vec::new();
    for &(i, q) in members {
        match classes.iter_mut().find(|c| equal_values(c[0].1, q)) {
            Some(c) => c.push((i, q)),
            None => classes.push(vec![(i, q)]),
        }
    }
    majority_first(classes)
}

pub fn majority_first<T: Copy>(mut classes: Vec<Vec<(usize, T)>>) -> Vec<Vec<(usize, T)>> {
    classes.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].0.cmp(&b[0].0)));
    classes
}

/// Do two figures with different values still agree, given their qualifiers?
/// (超16亿 and 17亿; 约30% and 31%.)
pub fn bounds_agree(a: &Quantity, b: &Quantity) -> bool {
    // A figure inside a stated range agrees with it (8–12 and 12).
    let inside = |r: &Quantity, x: &Quantity| {
        r.high()
            .is_some_and(|h| x.high().is_none() && r.value <= x.value && x.value <= h)
    };
    if inside(a, b) || inside(b, a) {
        return true;
    }
    // An estimate agrees with a figure that rounds to it: 约30% and 31.5%, 近九成 and 88%;
    // but 约5.6万 and 约5.9万 are two different estimates.
    let close = |x: f64, y: f64| {
        let (dx, dy) = (significant_digits(x), significant_digits(y));
        if dx == dy {
            return same_value(x, y);
        }
        let (coarse, fine) = if dx < dy { (x, y) } else { (y, x) };
        rounds_to(fine, coarse)
    };
    match (a.bound, b.bound) {
        (Bound::Lower, Bound::Exact) => b.value >= a.value,
        (Bound::Exact, Bound::Lower) => a.value >= b.value,
        (Bound::Upper, Bound::Exact) => b.value <= a.value,
        (Bound::Exact, Bound::Upper) => a.value <= b.value,
        // "Under 0.8 ms" and "under 0.6 ms" are two different claims.
        (Bound::Lower, Bound::Lower) | (Bound::Upper, Bound::Upper) => same_value(a.value, b.value),
        (Bound::Approx, _) | (_, Bound::Approx) => close(a.value, b.value),
        _ => false,
    }
}

/// Whether `coarse`, written with fewer significant digits, is `fine` rounded or cut
/// short (412万 for 412.6万, 23,000 for 23,500, 30% for 31.5%).
pub fn rounds_to(fine: f64, coarse: f64) -> bool {
    let digits = significant_digits(coarse);
    if digits >= significant_digits(fine) {
        return false;
    }
    // (Cut short only past the first digit: 46% is not "about 40%".)
    same_value(round_to(fine, digits), coarse)
        || (digits >= 2 && same_value(cut_to(fine, digits), coarse))
}

/// The values a coarser figure of 3 or 4 significant digits could give for `fine`
/// (rounded or cut short), as keys: a summary's 约412万吨 finds the body's 412.6万吨 by
/// looking up its own value. (Rounder figures, 约1200万, meet too many others by chance.)
pub fn rounding_keys(fine: f64) -> Vec<u64> {
    let mut keys = Vec::new();
    for digits in 3..significant_digits(fine).min(5) {
        for v in [round_to(fine, digits), cut_to(fine, digits)] {
            let k = value_key(v);
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    keys
}

/// A value as a map key, to 9 significant digits: the key of `format!("{:.8e}", v.abs())`
/// ([`crate::claim::number::sci_key`]).
pub fn value_key(v: f64) -> u64 {
    crate::claim::number::sci_key(v.abs(), 8)
}

fn cut_to(v: f64, digits: u32) -> f64 {
    to_digits(v, digits, f64::trunc)
}

fn round_to(v: f64, digits: u32) -> f64 {
    to_digits(v, digits, f64::round)
}

/// `v` kept to `digits` significant digits, the rest dropped by `keep` (round or trunc).
fn to_digits(v: f64, digits: u32, keep: fn(f64) -> f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let mag = v.abs().log10().floor() as i32;
    let scale = 10f64.powi(mag - digits as i32 + 1);
    keep(v / scale) * scale
}

/// One representative per variant from a class, for `related`.
pub fn per_variant(ctx: &RuleContext<'_>, class: &[usize], limit: usize) -> Vec<usize> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for &i in class {
        let v = ctx.claim(i).variant();
        if !seen.contains(&v) {
            seen.push(v);
            out.push(i);
        }
        if out.len() >= limit {
            break;
        }
    }
    out
}

/// A duration that is a period of the calendar (前18个月, 3-5年, 36 周, 90 days): a
/// date-mismatch when it differs. A time measured in hours or minutes (charges in 18
/// minutes) is a figure like any other.
pub fn is_period(q: &crate::claim::Quantity) -> bool {
    matches!(&q.unit, crate::claim::Unit::Duration(u) if matches!(&**u, "year" | "month" | "week" | "day"))
}

#[cfg(test)]
mod tests {
    use super::rounds_to;

    #[test]
    fn a_coarser_figure_rounds_or_cuts_the_finer_one() {
        for (fine, coarse) in [
            (412.6, 412.0),
            (23_500.0, 23_000.0),
            (2.37, 2.4),
            (91.3, 91.0),
            (11.8, 12.0),
        ] {
            assert!(rounds_to(fine, coarse), "{fine} → {coarse}");
        }
        // Another value, or as many digits: not a rounding.
        for (fine, coarse) in [
            (412.6, 415.0),
            (23_500.0, 25_000.0),
            (2.37, 2.2),
            (91.3, 91.4),
            (12.0, 12.0),
        ] {
            assert!(!rounds_to(fine, coarse), "{fine} → {coarse}");
        }
    }
}
