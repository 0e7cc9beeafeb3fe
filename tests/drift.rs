//! Drifts between variants, and within one, found in their general form through the
//! library: each case names the phrasing it stands for, not a document it came from.

mod common;

use common::{findings, flagged};

/// A heading dating a list of works by its year agrees with any day of that year, so it
/// cannot decide which of two days is right: the two days still conflict.
#[test]
fn a_year_agreeing_with_both_days_does_not_hide_their_conflict() {
    let doc = "# Fabric report\n\n## Paper to Chapter\n\n\
               The north roof was completed on 14 March 2025, ahead of programme.\n\n\
               ### Works completed in 2025\n\n1. The north roof re-covered in lead.\n\
               2. Drains relaid.\n\n\
               ## Annual Letter\n\n\
               The north roof was completed on 14 May 2025, ahead of programme.\n";
    assert_eq!(flagged(doc, "date-mismatch"), ["14 May 2025"]);
}

/// A building consecrated in two different years: one event, two dates.
#[test]
fn a_consecration_dated_twice_is_one_event() {
    let doc = "# Cathedral\n\n## Paper to Chapter\n\n\
               Wrenmouth Cathedral was consecrated in 1218 and is listed Grade I.\n\n\
               ## Annual Letter\n\n\
               Wrenmouth Cathedral was consecrated in 1281, and in 2031 we mark the day.\n";
    assert_eq!(flagged(doc, "date-mismatch").len(), 1);
}

/// 始办于 2009 年 dates the first running of an event as 于 2007 年首次举办 does.
#[test]
fn a_first_running_is_the_event_held() {
    let doc = "# 赛事总结\n\n## 初稿\n\n丰溪龙舟赛始办于 2009 年，今年是第十八届。\n\n\
               ## 定稿\n\n丰溪龙舟赛于 2007 年首次举办，今年是第十八届。\n";
    assert_eq!(flagged(doc, "date-mismatch").len(), 1);
}

/// The last section of a one-variant report restates the body's figures under a heading
/// that does not say so: its founding year and its course count (digits transposed) are
/// compared with the body's as a summary's are.
#[test]
fn a_closing_that_restates_the_body_is_compared_with_it() {
    let doc = "# 老年大学办学报告\n\n## 一、办学规模\n\n\
               学校开设课程 421 门、教学班 684 个（学校教务管理系统）。\n\n\
               在校学员 1.68 万人（学校学籍管理系统）。\n\n\
               ## 二、历史\n\n学校创办于 1986 年，是全省最早的市级老年大学之一。\n\n\
               注册学员志愿者 3,200 名（学校志愿服务台账）。\n\n\
               ## 三、教学\n\n教师 362 名，全年开课 48 周，其中书画系开课 86 门、音乐系 74 门。\n\n\
               全年举办学员作品展 12 场，参观 2.4 万人次（学校展览登记）。\n\n\
               ## 四、经费\n\n全年经费 1,280 万元，其中财政拨款 960 万元（年度决算）。\n\n\
               学费收入 286 万元，社会捐赠 34 万元（年度决算）。\n\n\
               ## 写给新学年\n\n学校创办于 1985 年，一路走来，靠的是坚守。\n\n\
               本学年我们开设了 412 门课程，1.68 万名学员在这里读书。\n\n\
               教师 362 名，很多人已经教了十年以上。\n";
    let found = findings(doc);
    assert!(
        found.contains(&("value-mismatch".into(), "412".into())),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(c, t)| c == "date-mismatch" && t.contains("1985")),
        "{found:?}"
    );
}

/// One body at two levels of government (县疾控中心 / 市疾控中心) is two sources; and a
/// body that ran a third-party assessment (经…学院第三方测评) is a source.
#[test]
fn bodies_of_two_levels_and_third_party_assessments_are_sources() {
    let doc = "# 报告\n\n## 初稿\n\n经县疾控中心对 1,260 份水样开展抽检，水质合格率为 97.3%。\n\n\
               经彤原大学公共管理学院第三方测评，乘客满意度为 89.2 分。\n\n\
               ## 定稿\n\n经市疾控中心对 1,260 份水样开展抽检，水质合格率为 97.3%。\n\n\
               经市统计局社情民意调查中心第三方测评，乘客满意度为 89.2 分。\n";
    let found = flagged(doc, "attribution-mismatch");
    assert!(found.iter().any(|t| t.contains("市疾控中心")), "{found:?}");
    assert!(found.iter().any(|t| t.contains("社情民意")), "{found:?}");
}

/// People of a trade described by a word (Veteran paddlers reckon, 据龙舟老手估计, 有独立
/// 开发者测评发现, "Independent developers' benchmarks suggest") name nobody; the writer's
/// own people ("Our auditors estimate") and a heading asking what people said do not.
#[test]
fn people_described_by_their_trade_are_vague_sources() {
    for t in [
        "Veteran paddlers reckon that a boat costs about RMB 80,000.",
        "Conservation architects generally agree that 40% of the stone is failing.",
        "Independent developers' benchmarks suggest about 40% less memory.",
        "据龙舟老手估计，一条龙舟的造价约为 8 万元。",
        "有独立开发者测评发现，内存占用降低约 40%。",
    ] {
        let doc = format!("# T\n\n{t}\n");
        assert_eq!(flagged(&doc, "vague-citation").len(), 1, "{t}");
    }
    for t in [
        "Our auditors estimate that 5% of stock is lost.",
        "Gartner analysts estimate that 40% of projects will fail.",
        "What tenants told us about 40 homes was clear.",
        "锦水市老龄工作委员会办公室的问卷调查显示，九成以上学员对教学满意。",
    ] {
        let doc = format!("# T\n\n{t}\n");
        assert!(flagged(&doc, "vague-citation").is_empty(), "{t}");
    }
}

/// "(… Bureau of Culture and Tourism estimate)" and "(race rules, No. 1 of 2026)" are
/// sources, and "No. 1" does not end the sentence: the figure after it keeps the source.
#[test]
fn an_estimate_and_numbered_rules_in_brackets_are_sources() {
    let doc = "# T\n\nVisitors spent an average of RMB 1,280 per day (Fengxi Municipal Bureau \
               of Culture and Tourism estimate).\n\n\
               The prize fund totalled RMB 600,000 (race rules, No. 1 of 2026), with RMB \
               80,000 for the winners.\n";
    assert!(flagged(doc, "missing-citation").is_empty());
}

/// A figure sourced in Chinese to one body and in its English translation to a body of
/// another field (公安局 / the Sports Bureau) moved its credit; a translated name of the
/// same field (市文化广电旅游局 / the Bureau of Culture and Tourism) did not.
#[test]
fn a_source_of_another_field_across_a_translation_is_another_source() {
    let doc = "# 赛后总结\n\n## 中文\n\n\
               三天现场观众 32.6 万人次（据市公安局统计）。\n\n\
               全市游客 128 万人次（据市文化广电旅游局统计）。\n\n\
               ## English\n\n\
               Over the three days 326,000 spectators attended, according to the Fengxi \
               Municipal Sports Bureau.\n\n\
               The city welcomed 1.28 million visitors, according to the Fengxi Municipal \
               Bureau of Culture and Tourism.\n";
    let found = flagged(doc, "attribution-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("Sports Bureau"), "{found:?}");
}
