//! `claimlint claims`: the extracted claims themselves, as a table or JSON, so users can
//! see what claimlint understood.

use serde::Serialize;

use crate::Analysis;
use crate::claim::number::format_value;
use crate::claim::{ClaimKind, Unit, bound_word};

#[derive(Serialize)]
pub struct Row {
    pub variant: Option<String>,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub kind: &'static str,
    pub value: Option<String>,
    pub unit: Option<String>,
    pub per: Vec<String>,
    pub qualifier: Option<&'static str>,
    pub change: i8,
    pub subject: Option<String>,
    pub metric: Option<String>,
    pub date: Option<String>,
    pub forecast: bool,
    pub citation: Option<String>,
    pub group: Option<usize>,
}

pub fn rows(a: &Analysis<'_>) -> Vec<Row> {
    let src = a.source;
    a.extraction
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let p = src.lines.position(&src.text, c.span().start);
            let (kind, value, unit, per, qualifier, change) = match &c.kind {
                ClaimKind::Quantity(q) => (
                    "figure",
                    Some(match q.high() {
                        Some(h) => format!("{}–{}", format_value(q.value), format_value(h)),
                        None => format_value(q.value),
                    }),
                    Some(match &q.unit {
                        Unit::Count => q.noun().unwrap_or("count").to_string(),
                        u => u.label(),
                    }),
                    q.per().to_vec(),
                    Some(bound_word(q.bound)),
                    q.change,
                ),
                ClaimKind::Date(p) => ("date", Some(p.label()), None, Vec::new(), None, 0),
                ClaimKind::Quote(quote) => (
                    "quote",
                    None,
                    Some(format!("said by {}", quote.speaker)),
                    Vec::new(),
                    None,
                    0,
                ),
            };
            Row {
                variant: a.variant_id(c.variant()).as_deref().map(str::to_string),
                line: p.line,
                column: p.column,
                text: a.extraction.text(c).to_string(),
                kind,
                value,
                unit,
                per,
                qualifier,
                change,
                subject: a.extraction.subject(c).map(|s| s.name.clone()),
                metric: a.extraction.metric(c).map(str::to_string),
                date: a.extraction.date(c).map(|d| d.label()),
                forecast: c.forecast(),
                citation: a.extraction.cites(c.citations).first().map(|x| {
                    let kind = if x.kind == crate::claim::CitationKind::Named {
                        ""
                    } else {
                        "vague: "
                    };
                    format!("{kind}{}", x.text.trim())
                }),
                group: a.alignment.group_of(i),
            }
        })
        .collect()
}

pub fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    out.push_str("variant\tline:col\tkind\ttext\tvalue\tunit\tqualifier\tsubject\tmetric\tdate\tforecast\tcitation\tgroup\n");
    for r in rows {
        let unit = if r.per.is_empty() {
            r.unit.clone().unwrap_or_default()
        } else {
            format!("{}/{}", r.unit.clone().unwrap_or_default(), r.per.join("/"))
        };
        out.push_str(&format!(
            "{}\t{}:{}\t{}\t{}\t{}{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            r.variant.as_deref().unwrap_or("-"),
            r.line,
            r.column,
            r.kind,
            r.text,
            match r.change {
                1 => "+",
                -1 => "-",
                _ => "",
            },
            r.value.as_deref().unwrap_or("-"),
            unit,
            r.qualifier.unwrap_or("-"),
            r.subject.as_deref().unwrap_or("-"),
            r.metric.as_deref().unwrap_or("-"),
            r.date.as_deref().unwrap_or("-"),
            if r.forecast { "yes" } else { "-" },
            r.citation.as_deref().unwrap_or("-"),
            r.group.map_or("-".to_string(), |g| g.to_string()),
        ));
    }
    out
}
