//! Dates written without their year (6月12日, 12 June, 9月底) through the library: which
//! year a forecast of one is for, and which drifts between variants are reported.

mod common;

use common::{findings, flagged};

fn stale(text: &str) -> Vec<String> {
    flagged(text, "stale-forecast")
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
fn a_plan_told_as_planned_is_a_forecast_until_its_failure_is_told() {
    assert_eq!(
        stale("# Roadmap\n\n- Native Windows builds, planned for the second half of 2025.\n"),
        ["planned for the second half of 2025"]
    );
    assert_eq!(
        stale("# Notes\n\nThe PS5 version is scheduled for the third quarter of 2026.\n").len(),
        1
    );
    for doc in [
        "# Report\n\nThe boardwalk, planned for October 2025, was held up by the monsoon and \
         opened in January 2026.\n",
        "# Report\n\nThe Seoul route, planned for July 2026, has been postponed to March 2027.\n",
    ] {
        assert!(stale(doc).is_empty(), "{doc}");
    }
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

fn date_mismatches(text: &str) -> Vec<String> {
    flagged(text, "date-mismatch")
}

#[test]
fn a_plan_that_another_variant_dates_otherwise() {
    // Told as done outside the planned period, in a redraft and across languages.
    let redraft = "# Review\n\n## Version 1\n\nColdharbour Hall is expected to reopen in March 2026, \
                   once its refurbishment ends.\n\n## Version 2\n\nColdharbour Hall reopened in \
                   September 2026, once its refurbishment ended.\n";
    assert_eq!(date_mismatches(redraft), ["March 2026"]);
    let translation = "# Skerry\n\n## English\n\nSkerry is a columnar store.\n\n\
                       - Arrow Flight SQL endpoint — shipped in 1.0.0 (October 2026).\n\
                       - Parquet export, with zstd compression.\n\n\
                       ## 中文版\n\nSkerry 是一个列式存储。\n\n\
                       - Arrow Flight SQL 接口 —— 预计 2026 年第三季度发布。\n\
                       - Parquet 导出，支持 zstd 压缩。\n";
    assert_eq!(date_mismatches(translation), ["2026 年第三季度"]);
    // Planned for another date: the odd plan out.
    let plans = "# Plan\n\n## Draft 1\n\nThe smart-meter rollout is expected to be complete by the end of 2025.\n\n\
                 ## Draft 2\n\nThe smart-meter rollout is expected to be complete by March 2027.\n\n\
                 ## Final\n\nThe smart-meter rollout is expected to be complete by March 2027.\n";
    assert_eq!(date_mismatches(plans), ["by the end of 2025"]);
    // Done inside the planned period, the plan's date restated, another thing dated: no
    // mismatch.
    for doc in [
        "# Review\n\n## Version 1\n\nColdharbour Hall is expected to reopen in 2026.\n\n\
         ## Version 2\n\nColdharbour Hall reopened in September 2026.\n",
        "# Review\n\n## Version 1\n\nThe market was worth $3.1 billion in 2023. Experts say the \
         category will consolidate around three platforms by 2030.\n\n## Version 2\n\nThe \
         market was worth $3.1 billion in 2023.\n",
        "# 规划\n\n## 版本1\n\n预计到2025年底全县机采面积占比达到30%。\n\n\
         ## 版本二\n\n预计到2027年全县机采面积占比提高到35%以上。\n",
    ] {
        assert!(date_mismatches(doc).is_empty(), "{doc}");
    }
}

#[test]
fn an_expected_day_that_has_passed_is_stale_but_a_schedule_or_a_dateline_is_not() {
    assert_eq!(
        stale("# Race\n\nThe 2026 race is expected to take place on 15 November 2026.\n").len(),
        1
    );
    assert_eq!(
        stale("# 赛事\n\n2026年赛事预计于2026年11月8日举行。\n").len(),
        1
    );
    // A payment fixed when the text was written, and the day a forecast was made.
    assert!(stale("# 股息\n\n董事会提议派发中期股息，将于2026年9月9日支付。\n").is_empty());
    assert!(
        stale("# Guidance\n\nGuidance issued on 6 March 2025 expects revenue to rise.\n")
            .is_empty()
    );
    assert!(stale("# Race\n\nThe race is expected in 2027, on 15 November 2027.\n").is_empty());
}
