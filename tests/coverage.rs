//! claim-coverage through the library: a figure one variant states and the block of
//! another variant that renders the same point leaves out, found by the blocks' order
//! and the anchors they share, across scripts and within one.

use chrono::NaiveDate;
use claimlint::source::SourceFile;
use claimlint::{Options, check_source};

/// The flagged texts of `text`'s claim-coverage findings, checked as of 2026-11-28.
fn coverage(text: &str) -> Vec<String> {
    let opts = Options::new(NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"));
    let src = SourceFile::new("doc.md", text.to_string());
    let (_, found) = check_source(&src, &opts).expect("check");
    found
        .iter()
        .filter(|f| f.code == "claim-coverage")
        .map(|f| text[f.span.clone()].to_string())
        .collect()
}

/// An English original and its Chinese translation, paragraph for paragraph; `last`
/// is the translation's last paragraph.
fn pair(last: &str) -> String {
    format!(
        "# Report\n\n## English\n\n\
         Harvest volumes rose to 31,200 tonnes in the second quarter, against 27,900 tonnes \
         a year earlier. Revenue reached NOK 2.41 billion.\n\n\
         The new plant in Hitra opened in March 2026 after a delay of two months.\n\n\
         Nordvik kept its guidance of 142,000 tonnes for 2026. The board proposed a dividend \
         of NOK 3.50 per share, payable on 9 September 2026.\n\n\
         ## 中文\n\n\
         第二季度收获量增至31,200吨，上年同期为27,900吨。营业收入达到24.1亿挪威克朗。\n\n\
         位于Hitra的新工厂在推迟两个月后于2026年3月投产。\n\n\
         {last}\n"
    )
}

#[test]
fn a_translation_that_drops_a_figure_from_its_sentence_leaves_it_out() {
    let found = coverage(&pair(
        "Nordvik维持2026年142,000吨的收获指引。董事会提议派发中期股息，将于2026年9月9日支付。",
    ));
    assert_eq!(found, vec!["NOK 3.50 per share".to_string()]);
}

#[test]
fn a_translation_that_states_the_figure_or_another_leaves_nothing_out() {
    // The same amount in other words.
    let same = pair(
        "Nordvik维持2026年142,000吨的收获指引。董事会提议派发每股3.50挪威克朗的中期股息，\
         将于2026年9月9日支付。",
    );
    assert!(coverage(&same).is_empty(), "{:?}", coverage(&same));
    // Another amount for the same dividend: a mismatch, not a gap.
    let other = pair(
        "Nordvik维持2026年142,000吨的收获指引。董事会提议派发每股3.20挪威克朗的中期股息，\
         将于2026年9月9日支付。",
    );
    assert!(coverage(&other).is_empty(), "{:?}", coverage(&other));
}

#[test]
fn a_translation_without_the_paragraph_does_not_discuss_it() {
    // The translation ends before the paragraph: nothing renders it.
    let doc = "# Report\n\n## English\n\n\
               Harvest volumes rose to 31,200 tonnes in the second quarter, against 27,900 \
               tonnes a year earlier.\n\n\
               The board proposed a dividend of NOK 3.50 per share, payable on 9 September \
               2026.\n\n\
               ## 中文\n\n\
               第二季度收获量增至31,200吨，上年同期为27,900吨。\n";
    assert!(coverage(doc).is_empty(), "{:?}", coverage(doc));
}

#[test]
fn a_figure_two_drafts_state_is_not_one_variant_s_alone() {
    let doc = "# Memo\n\n## Draft 1\n\n\
               Average league attendance was 40,235, a record for the top flight. Revenue \
               rose 11% to £6.1bn.\n\n\
               ## Draft 2\n\n\
               Average league attendance was 40,235, a record for the top flight. Revenue \
               rose 11% to £6.1bn.\n\n\
               ## Draft 3\n\n\
               Attendance was at a record for the top flight. Revenue rose 11% to £6.1bn.\n";
    assert!(coverage(doc).is_empty(), "{:?}", coverage(doc));
    // Stated in one draft alone, it is left out of the others.
    let doc = "# Memo\n\n## Draft 1\n\n\
               Average league attendance was 40,235, a record for the top flight. Revenue \
               rose 11% to £6.1bn.\n\n\
               ## Draft 2\n\n\
               Attendance was at a record for the top flight. Revenue rose 11% to £6.1bn.\n";
    assert_eq!(coverage(doc), vec!["40,235".to_string()]);
}

#[test]
fn a_bound_that_the_other_variant_s_exact_figure_satisfies_is_not_left_out() {
    let doc = "# 综述\n\n## 第一版\n\n2023年杭州GDP首次突破2万亿元，达到20059亿元，比上年增长5.6%。\n\n\
               ## 第二版\n\n2023年杭州GDP为2.0059万亿元，比上年增长5.6%。\n";
    assert!(coverage(doc).is_empty(), "{:?}", coverage(doc));
    // A share the other variant gives as a fraction in words.
    let doc = "# Letter\n\n## Draft A\n\n\
               We enrolled 1,850 new students this year. 46% of new enrollees came from \
               families receiving SNAP benefits.\n\n\
               ## Draft B\n\n\
               We enrolled 1,850 new students this year. Nearly half of new enrollees came \
               from families receiving SNAP benefits.\n";
    assert!(coverage(doc).is_empty(), "{:?}", coverage(doc));
}
