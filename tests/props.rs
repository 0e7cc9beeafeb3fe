//! Properties, checked on generated values with proptest (few cases, so the run takes
//! seconds): a value normalised and printed back reads as the same value; one value
//! written in two different notations in two variants always aligns and never yields a
//! value or unit mismatch; output is the same bytes run after run.

use chrono::NaiveDate;
use claimlint::claim::number::{format_value, parse_arabic, parse_chinese, same_value};
use claimlint::report::{claims, json};
use claimlint::source::SourceFile;
use claimlint::{Options, analyze, check_source, check_sources};
use proptest::prelude::*;

fn options() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"))
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    }
}

/// 1234567 -> "1,234,567".
fn with_commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            ',' => '，',
            '.' => '．',
            c => c,
        })
        .collect()
}

/// 1..=99 in Chinese numerals: 16 -> 十六, 30 -> 三十, 7 -> 七.
fn chinese(n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match (n / 10, n % 10) {
        (0, u) => D[u as usize].to_string(),
        (1, 0) => "十".to_string(),
        (1, u) => format!("十{}", D[u as usize]),
        (t, 0) => format!("{}十", D[t as usize]),
        (t, u) => format!("{}十{}", D[t as usize], D[u as usize]),
    }
}

/// The figures claimlint extracted from `text`, as (surface text, value, alignment group).
fn figures(text: &str) -> Vec<(String, Option<String>, Option<usize>)> {
    let src = SourceFile::new("prop.md", text.to_string());
    let opts = options();
    let analysis = analyze(&src, &opts).expect("analysis");
    claims::rows(&analysis)
        .into_iter()
        .filter(|r| r.kind == "figure")
        .map(|r| (r.text, r.value, r.group))
        .collect()
}

/// Two variants of one sentence, the figure written once in each form.
fn two_variants(sentence: &str, a: &str, b: &str) -> String {
    format!(
        "## 版本1\n\n{}\n\n## 版本2\n\n{}\n",
        sentence.replace("{}", a),
        sentence.replace("{}", b)
    )
}

/// Both figures are found, share one alignment group, and the rules see no drift.
fn assert_one_value(doc: &str) -> Result<(), TestCaseError> {
    let figs = figures(doc);
    prop_assert_eq!(figs.len(), 2, "two figures in {:?}: {:?}", doc, figs);
    prop_assert!(figs[0].2.is_some(), "not aligned: {:?} in {:?}", figs, doc);
    prop_assert_eq!(figs[0].2, figs[1].2, "different groups: {:?}", figs);
    prop_assert_eq!(&figs[0].1, &figs[1].1, "different values: {:?}", figs);
    let src = SourceFile::new("prop.md", doc.to_string());
    let (_, findings) = check_source(&src, &options()).expect("check");
    for f in &findings {
        prop_assert!(
            f.code != "value-mismatch" && f.code != "unit-mismatch",
            "{}: {} in {:?}",
            f.code,
            f.message,
            doc
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// Arabic notations (commas, full-width digits, a zero-width mark) read as one value,
    /// and the short form claimlint prints reads back, through the extractor, as it.
    #[test]
    fn normalised_values_print_back_equal(m in 1u64..=9999, e in 0u32..=9, cents in any::<bool>()) {
        let (v, plain) = if cents {
            (m as f64 / 100.0, format!("{}.{:02}", m / 100, m % 100))
        } else {
            let n = m * 10u64.pow(e);
            (n as f64, n.to_string())
        };
        prop_assert_eq!(parse_arabic(&plain), Some(v));
        let grouped = if cents { plain.clone() } else { with_commas(m * 10u64.pow(e)) };
        prop_assert_eq!(parse_arabic(&grouped), Some(v));
        prop_assert_eq!(parse_arabic(&full_width(&grouped)), Some(v));
        let zw: String = plain.chars().flat_map(|c| [c, '\u{200b}']).collect();
        prop_assert_eq!(parse_arabic(zw.trim_end_matches('\u{200b}')), Some(v));

        let printed = format_value(v);
        let figs = figures(&format!("Acme revenue was ${printed} in 2023.\n"));
        prop_assert_eq!(figs.len(), 1, "{}: {:?}", printed, figs);
        let back = figs[0].1.clone().unwrap_or_default();
        prop_assert_eq!(&back, &printed, "printed {} read back as {}", printed, back);
        // And the value itself survives: the printed text is exact for four digits.
        let text = printed.replace(" trillion", "e12").replace(" billion", "e9").replace(" million", "e6");
        let (num, exp) = text.split_once('e').map_or((text.as_str(), 0), |(a, b)| (a, b.parse().unwrap_or(0)));
        let reread = parse_arabic(num).map(|x| x * 10f64.powi(exp));
        prop_assert!(reread.is_some_and(|x| same_value(x, v)), "{} -> {:?} != {}", printed, reread, v);
    }

    /// 1.6 billion dollars in five notations, any two of them, in two variants.
    #[test]
    fn money_in_any_two_notations_aligns(k in 1u64..=99, a in 0usize..5, b in 0usize..5) {
        let billions = format_value(k as f64 / 10.0);
        let forms = [
            format!("{k}亿美元"),
            format!("{}亿美元", chinese(k)),
            format!("${billions} billion"),
            format!("US${billions}B"),
            format!("{} million dollars", with_commas(k * 100)),
        ];
        let doc = two_variants("特斯拉2023年收入为{}。", &forms[a], &forms[b]);
        assert_one_value(&doc)?;
        let doc = two_variants("Tesla's revenue in 2023 was {}.", &forms[a], &forms[b]);
        assert_one_value(&doc)?;
    }

    /// 10万 = 100,000 = 十万.
    #[test]
    fn wan_counts_align(n in 1u64..=99, a in 0usize..3, b in 0usize..3) {
        let forms = [
            format!("{n}万"),
            with_commas(n * 10_000),
            format!("{}万", chinese(n)),
        ];
        let doc = two_variants("该市2023年人口增加了{}人。", &forms[a], &forms[b]);
        assert_one_value(&doc)?;
    }

    /// 30% = 百分之三十 = 三成.
    #[test]
    fn percentages_align(p in 1u64..=9, a in 0usize..4, b in 0usize..4) {
        let forms = [
            format!("{}%", p * 10),
            format!("百分之{}", chinese(p * 10)),
            format!("{}成", chinese(p)),
            format!("{}％", full_width(&(p * 10).to_string())),
        ];
        prop_assert_eq!(parse_chinese(&chinese(p * 10)), Some((p * 10) as f64));
        let doc = two_variants("2023年该公司有{}的员工远程办公。", &forms[a], &forms[b]);
        assert_one_value(&doc)?;
    }

    /// The same input gives the same bytes, run after run.
    #[test]
    fn output_is_deterministic(parts in proptest::collection::vec(0usize..PIECES.len(), 1..40)) {
        let body: String = parts.iter().map(|&i| PIECES[i]).collect();
        let doc = format!("## 版本1\n\n{body}\n\n## 版本2\n\n{}\n", body.replace('6', "2"));
        let render = || {
            let outcome = check_sources(vec![SourceFile::new("prop.md", doc.clone())], &options());
            json::render(&outcome, "2026-11-28")
        };
        let first = render();
        prop_assert_eq!(&first, &render());
        prop_assert_eq!(&first, &render());
    }
}

const PIECES: &[&str] = &[
    "特斯拉2023年收入为16亿美元",
    "Acme revenue was $1.6 billion in 2023",
    "（IDC, 2024）",
    "according to Gartner, ",
    "用户超过10万",
    "三成",
    "30%",
    "正如Linus所言：“开源不是乌托邦。”",
    "预计2025年达到",
    "。",
    ". ",
    "\n\n",
    "- ",
    "1. ",
    "**",
];
