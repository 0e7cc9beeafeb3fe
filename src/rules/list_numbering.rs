//! `list-numbering`: an ordered list whose numbers continue from or collide with another
//! list instead of restarting, or whose written numbers skip or repeat.

use std::ops::Range;

use super::{Findings, Rule, RuleContext};
use crate::markdown::{BlockKind, OrderedList};
use crate::report::{Related, Severity};

pub struct ListNumbering;

fn last_number(l: &OrderedList) -> u64 {
    l.start + (l.items.len() as u64).saturating_sub(1)
}

/// The first line of a list item: where a reader sees its number.
/// An item's lead: its first line, up to a colon or a spaced opening parenthesis after
/// its first words ("4. Download the models" of "4. Download the models: `shudu fetch-models`
/// (about 1.2 GB)"), so the finding points at the number and what it numbers.
fn first_line(text: &str, r: &Range<usize>) -> Range<usize> {
    let item = &text[r.clone()];
    let line = item.find(['\n', '\r']).unwrap_or(item.len());
    // (A parenthesis only after a space: 4. **部分开源（Open-Core）**：keeps its gloss.)
    let first = &item[..line];
    let lead = first
        .char_indices()
        .skip(4)
        .find(|&(i, c)| matches!(c, ':' | '：') || (c == '(' && first[..i].ends_with(' ')))
        .map_or(line, |(i, _)| i);
    let end = r.start + item[..lead].trim_end().len();
    r.start..end.max(r.start)
}

impl Rule for ListNumbering {
    fn code(&self) -> &'static str {
        "list-numbering"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "an ordered list whose numbers continue from or collide with another list instead of restarting"
    }
    fn docs(&self) -> &'static str {
        "## What it does\n\
         Finds an ordered list under a new heading (or in another variant) that starts where \
         an earlier list stopped (4. 5. 6. after 1. 2. 3.) or reuses its numbers, and a list \
         whose written numbers skip or repeat (1. 2. 4.).\n\n\
         ## Why it matters\n\
         Numbering carried over from another section, often by copy and paste or a merge, \
         tells readers that items are missing.\n\n\
         ## Flagged\n\
         ### 四、未来趋势 / 4. **部分开源** … (the list under a new heading starts at 4)\n\n\
         ## Not flagged\n\
         A list that continues at 3. right after a code block in the same section (an \
         interrupted list); 1. 1. 1. (lazy numbering)"
    }
    fn check(&self, ctx: &RuleContext<'_>, out: &mut Findings<'_>) {
        let a = ctx.a;
        let text = &a.source.text;
        // Top-level lists, plus numbered lines that a paragraph swallowed (a list that
        // does not start at 1 cannot interrupt a paragraph, so "23. …" renders as text).
        let mut runs: Vec<Numbered> = a
            .doc
            .lists
            .iter()
            .filter(|l| l.depth == 0 && !l.items.is_empty())
            .map(|l| Numbered {
                start: l.start,
                last: last_number(l),
                range: l.range.clone(),
                first_line: first_line(text, &l.items[0].range),
                swallowed: false,
            })
            .collect();
        for b in &a.doc.blocks {
            if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) {
                continue;
            }
            let src = &text[b.range.clone()];
            let mut offset = b.range.start;
            for (k, line) in src.split_inclusive('\n').enumerate() {
                let here = offset;
                offset += line.len();
                if k == 0 {
                    continue;
                }
                if let Some(n) = numbered_line(line) {
                    // (A year that a wrapped sentence puts at the start of a line, "… slipped
                    // to February\n2027. Japanese text …", numbers no list.)
                    if n != 1 && n < 1000 {
                        let body = line.trim_end_matches(['\n', '\r']);
                        let lead = body.len() - body.trim_start().len();
                        runs.push(Numbered {
                            start: n,
                            last: n,
                            range: here..here + body.len(),
                            first_line: here + lead..here + body.len(),
                            swallowed: true,
                        });
                    }
                }
            }
        }
        runs.sort_by_key(|r| r.range.start);
        let tops: Vec<&OrderedList> = a
            .doc
            .lists
            .iter()
            .filter(|l| l.depth == 0 && !l.items.is_empty())
            .collect();

        let mut prev: Option<(u64, &Numbered)> = None; // (first number of the run, last list)
        for l in &runs {
            let v = a.variant_at(l.range.start);
            if let Some((run_start, p)) = prev {
                let heading_between = a
                    .doc
                    .headings
                    .iter()
                    .any(|h| p.range.end <= h.range.start && h.range.end <= l.range.start);
                let pv = a.variant_at(p.range.start);
                // Two lists each introduced by its own label ("Key finds:" … "Next
                // steps:") may be one list told in parts (For HR teams: 1. 2. For
                // managers: 3. 4.); they are two lists when another variant numbers
                // the same list from 1.
                let labelled = is_labelled(a, text, l.range.start, p.range.end)
                    && is_labelled(a, text, p.range.start, 0)
                    && restarts_elsewhere(a, &tops, l.range.start);
                let new_section = heading_between || pv != v || labelled;
                let continues = l.start == p.last + 1;
                let collides = l.start > 1 && l.start >= run_start && l.start <= p.last;
                if l.start > 1 && new_section && (continues || collides) {
                    let where_p = if pv != v {
                        format!(" in {}", a.variant_label(pv))
                    } else {
                        String::new()
                    };
                    let line = a.source.lines.line_of(p.first_line.start);
                    let what = if continues {
                        "continues"
                    } else {
                        "collides with"
                    };
                    let range = if run_start == p.last {
                        format!("{run_start}")
                    } else {
                        format!("{run_start}–{}", p.last)
                    };
                    let mut msg = format!(
                        "this list starts at {}, so it {what} the numbering ending at line {line}{where_p} ({range}) instead of restarting",
                        l.start
                    );
                    if l.swallowed {
                        msg.push_str("; it also renders as plain text, since a list that does not start at 1 cannot interrupt a paragraph");
                    }
                    let mut f = ctx.finding(
                        self,
                        l.first_line.clone(),
                        v,
                        msg,
                        "number the list from 1 (a new section starts a new list)",
                    );
                    f.related = vec![Related {
                        file: a.file.clone(),
                        variant: a.variant_id(pv),
                        span: p.first_line.clone(),
                        message: format!("the earlier numbering ({range})"),
                    }];
                    out.push(f);
                } else if l.swallowed {
                    out.push(ctx.finding(
                        self,
                        l.first_line.clone(),
                        v,
                        format!(
                            "this line starts with {}. but renders as plain text: a list that does not start at 1 cannot interrupt a paragraph",
                            l.start
                        ),
                        "put a blank line before it, or number the list from 1",
                    ));
                }
                // A list that resumes after an interruption in the same section extends
                // the run; anything else starts a new one.
                let chained = continues && !new_section;
                prev = Some((if chained { run_start } else { l.start }, l));
            } else {
                prev = Some((l.start, l));
            }
        }

        // Written numbers that skip or repeat (lazy 1. 1. 1. is fine).
        for l in &a.doc.lists {
            let written: Vec<Option<u64>> = l.items.iter().map(|i| i.written).collect();
            let all_same = written.windows(2).all(|w| w[0] == w[1]);
            if all_same || written.len() < 2 {
                continue;
            }
            for (k, item) in l.items.iter().enumerate() {
                let expected = l.start + k as u64;
                if let Some(w) = item.written {
                    if w != expected {
                        let v = a.variant_at(item.range.start);
                        let mut f = ctx.finding(
                            self,
                            first_line(text, &item.range),
                            v,
                            format!("item is numbered {w} but renders as {expected}: the list's numbers skip or repeat"),
                            "renumber the list so that the written numbers run in order",
                        );
                        if let Some(first) = l.items.first() {
                            f.related = vec![Related {
                                file: a.file.clone(),
                                variant: a.variant_id(v),
                                span: first_line(text, &first.range),
                                message: format!("the list starts here at {}", l.start),
                            }];
                        }
                        out.push(f);
                        break;
                    }
                }
            }
        }
    }
}

/// Whether the list at `start` is, by its place among its variant's lists and its
/// length, a list that another variant with as many lists numbers from 1.
fn restarts_elsewhere(a: &crate::Analysis<'_>, tops: &[&OrderedList], start: usize) -> bool {
    let mut by_variant: std::collections::BTreeMap<usize, Vec<&OrderedList>> =
        std::collections::BTreeMap::new();
    for l in tops {
        by_variant
            .entry(a.variant_at(l.range.start))
            .or_default()
            .push(l);
    }
    let v = a.variant_at(start);
    let Some(mine) = by_variant.get(&v) else {
        return false;
    };
    let Some(k) = mine.iter().position(|l| l.range.start == start) else {
        return false;
    };
    by_variant.iter().any(|(&w, theirs)| {
        w != v
            && theirs.len() == mine.len()
            && theirs[k].start == 1
            && theirs[k].items.len() == mine[k].items.len()
    })
}

/// Whether the block right before `start` (and after `after`) is a short one-line label
/// ending in a colon that introduces what follows ("Next steps:", 下一步工作：).
fn is_labelled(a: &crate::Analysis<'_>, text: &str, start: usize, after: usize) -> bool {
    let blocks = &a.doc.blocks;
    let k = blocks.partition_point(|b| b.range.start < start);
    let Some(b) = blocks[..k].iter().rev().find(|b| b.range.end <= start) else {
        return false;
    };
    if b.kind != BlockKind::Paragraph || b.range.start < after {
        return false;
    }
    let label = text[b.range.clone()]
        .trim()
        .trim_end_matches(['*', '_'])
        .trim_end();
    !label.contains('\n')
        && label.chars().count() <= 40
        && (label.ends_with(':') || label.ends_with('：'))
}

struct Numbered {
    start: u64,
    last: u64,
    range: Range<usize>,
    first_line: Range<usize>,
    swallowed: bool,
}

/// "23. text" at the start of a line: the number.
fn numbered_line(line: &str) -> Option<u64> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let rest = &t[digits.len()..];
    let mut chars = rest.chars();
    if !matches!(chars.next(), Some('.' | ')')) || !matches!(chars.next(), Some(' ' | '\t')) {
        return None;
    }
    digits.parse().ok()
}
