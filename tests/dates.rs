//! Dates written without their year (6月12日, 12 June, 9月底) through the library: which
//! year a forecast of one is for, and which drifts between variants are reported.

use chrono::NaiveDate;
use claimlint::source::SourceFile;
use claimlint::{Options, check_source};

/// The codes and flagged texts of `text`'s findings, checked as of 2026-11-28.
fn findings(text: &str) -> Vec<(String, String)> {
    let opts = Options::new(NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"));
    let src = SourceFile::new("doc.md", text.to_string());
    let (_, found) = check_source(&src, &opts).expect("check");
    found
        .iter()
        .map(|f| (f.code.to_string(), text[f.span.clone()].to_string()))
        .collect()
}

fn stale(text: &str) -> Vec<String> {
    findings(text)
        .into_iter()
        .filter(|(code, _)| code == "stale-forecast")
        .map(|(_, t)| t)
        .collect()
}

#[test]
fn a_forecast_without_its_year_is_stale_only_in_a_year_that_is_over() {
    // The document's year (its title), the paragraph's, a section heading's.
    assert_eq!(
        stale("# 2025年工作总结\n\n预计9月底前完成验收。\n").len(),
        1
    );
    assert_eq!(
        stale("# 工作总结\n\n2024年，园区完成扩建。预计9月底前完成验收。\n").len(),
        1
    );
    assert_eq!(
        stale("# 工作总结\n\n## 2025年\n\nRepairs are expected by the end of September.\n").len(),
        1
    );
    // A month of the year not yet over, or no year to take: never stale.
    assert!(stale("# 2026年工作计划\n\n预计12月底前完成验收。\n").is_empty());
    assert!(stale("# 工作计划\n\n预计9月底前完成验收。\n").is_empty());
    assert!(stale("# Plan\n\nRepairs are expected by the end of September.\n").is_empty());
    // A year compared with is not the year the text is in.
    assert!(stale("# 工作计划\n\n降雨量仅次于2020年。预计9月底前完成验收。\n").is_empty());
}

#[test]
fn a_day_without_its_year_drifts_between_variants() {
    let doc = "# 纪要\n\n## 版本1\n\n6月12日，全省小麦收获基本结束。\n\n\
               ## 版本二\n\n6月18日，全省小麦收获基本结束。\n";
    let dates: Vec<(String, String)> = findings(doc)
        .into_iter()
        .filter(|(code, _)| code == "date-mismatch")
        .collect();
    assert_eq!(dates.len(), 1, "{dates:?}");
    // One day written two ways, and a range with a day inside it, are not drifts.
    for doc in [
        "# 纪要\n\n## Draft A\n\nThe race was held on 12 June.\n\n\
         ## Draft B\n\nThe race was held on June 12th.\n",
        "# 纪要\n\n## 版本1\n\n灯会于7月14日至16日举行。\n\n\
         ## 版本二\n\n灯会于7月14日举行。\n",
    ] {
        let dates: Vec<(String, String)> = findings(doc)
            .into_iter()
            .filter(|(code, _)| code == "date-mismatch")
            .collect();
        assert!(dates.is_empty(), "{doc}: {dates:?}");
    }
}
