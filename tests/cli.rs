//! The real binary: exit codes, the JSON contract, determinism, errors that name the
//! file, and that checked files are never written.

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde::Deserialize;

const ESSAY: &str = "fixtures/essays/open-vs-closed.md";

fn claimlint() -> Command {
    let mut cmd = Command::cargo_bin("claimlint").expect("binary");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn temp_dir(name: &str) -> common::Scratch {
    common::Scratch::new("claimlint-cli", name)
}

// The contract of spec/report-v1.md, field for field: a renamed or missing field fails.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    schema: String,
    tool: Tool,
    as_of: String,
    documents: Vec<Document>,
    diagnostics: Vec<Diagnostic>,
    summary: Summary,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Tool {
    name: String,
    version: String,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    file: String,
    variants: Vec<Variant>,
    claims: usize,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Variant {
    id: String,
    title: String,
    line: usize,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pos {
    line: usize,
    column: usize,
    offset: usize,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Range {
    start: Pos,
    end: Pos,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Diagnostic {
    code: String,
    severity: String,
    message: String,
    file: String,
    variant: Option<String>,
    range: Range,
    related: Vec<Related>,
    help: String,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Related {
    file: String,
    variant: Option<String>,
    range: Range,
    message: String,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    files: usize,
    variants: usize,
    claims: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Report {
    /// The diagnostics of one code, in report order.
    fn of(&self, code: &str) -> Vec<&Diagnostic> {
        self.diagnostics.iter().filter(|d| d.code == code).collect()
    }

    /// The lines of one code's findings and of the places they show beside them, sorted.
    fn lines_with_related(&self, code: &str) -> Vec<usize> {
        let mut lines: Vec<usize> = self
            .of(code)
            .iter()
            .flat_map(|d| {
                std::iter::once(d.range.start.line)
                    .chain(d.related.iter().map(|x| x.range.start.line))
            })
            .collect();
        lines.sort_unstable();
        lines
    }

    /// Every diagnostic's message, to show when an assertion fails.
    fn messages(&self) -> Vec<&str> {
        self.diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect()
    }

    /// The messages of one code's findings.
    fn code_messages(&self, code: &str) -> Vec<&str> {
        self.of(code).iter().map(|d| d.message.as_str()).collect()
    }
}

/// The JSON report of `check PATH --format json --as-of 2026-11-28`.
fn check_as_of(path: &std::path::Path) -> Report {
    json_report(&[
        "check",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--as-of",
        "2026-11-28",
    ])
    .0
}

fn json_report(args: &[&str]) -> (Report, i32, String) {
    let out = claimlint().args(args).output().expect("run");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let report: Report = serde_json::from_str(&stdout).expect("report-v1 JSON");
    (
        report,
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// The messages of one finding code when `text` is checked as `file` in a fresh folder.
fn messages_of(folder: &str, file: &str, text: &str, code: &str) -> Vec<String> {
    let dir = temp_dir(folder);
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    let (r, _, _) = json_report(&["check", path.to_str().unwrap(), "--format", "json"]);
    r.of(code).iter().map(|d| d.message.clone()).collect()
}

#[test]
fn essay_json_follows_the_contract() {
    let (r, code, _) = json_report(&["check", ESSAY, "--format", "json", "--as-of", "2026-11-28"]);
    assert_eq!(code, 1, "errors were found, so exit 1");
    assert_eq!(r.schema, "claimlint/report/v1");
    assert_eq!(r.tool.name, "claimlint");
    assert!(!r.tool.version.is_empty());
    assert_eq!(r.as_of, "2026-11-28");
    assert_eq!(r.documents.len(), 1);
    let doc = &r.documents[0];
    assert_eq!(doc.file, ESSAY);
    let ids: Vec<&str> = doc.variants.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["整合版", "版本1", "版本二", "版本三"]);
    assert!(
        doc.variants
            .iter()
            .all(|v| v.line > 0 && !v.title.is_empty())
    );
    assert!(doc.claims > 40);
    assert_eq!(r.summary.files, 1);
    assert_eq!(r.summary.variants, 4);
    assert_eq!(r.summary.claims, doc.claims);
    let counted = r.summary.errors + r.summary.warnings + r.summary.infos;
    assert_eq!(counted, r.diagnostics.len());
    // Sorted by file, then offset, then code; every range points into the file.
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(ESSAY)).unwrap();
    let mut last = (0usize, String::new());
    for d in &r.diagnostics {
        assert!(["error", "warning", "info"].contains(&d.severity.as_str()));
        assert!(!d.message.is_empty() && !d.help.is_empty());
        assert_eq!(d.file, ESSAY);
        let key = (d.range.start.offset, d.code.clone());
        assert!(key >= last, "diagnostics out of order");
        last = key;
        assert!(d.range.start.offset <= d.range.end.offset && d.range.end.offset <= text.len());
        assert!(d.range.start.line >= 1 && d.range.start.column >= 1);
        for rel in &d.related {
            assert_eq!(rel.file, ESSAY);
            assert!(rel.range.end.offset <= text.len() && !rel.message.is_empty());
            let _ = (&rel.variant, rel.range.start.line, rel.range.start.column);
        }
        let _ = (&d.variant, d.range.end.line, d.range.end.column);
    }
    // The findings the issue names.
    let at = |code: &str, snippet: &str| {
        r.diagnostics.iter().any(|d| {
            d.code == code
                && (text[d.range.start.offset..d.range.end.offset].contains(snippet)
                    || d.related
                        .iter()
                        .any(|x| text[x.range.start.offset..x.range.end.offset].contains(snippet)))
        })
    };
    assert!(
        at("attribution-mismatch", "Google"),
        "Google vs Meta ad algorithm"
    );
    assert!(at("unit-mismatch", "60亿"), "60亿 vs 60亿美元");
    assert!(
        at("citation-dropped", "50美元"),
        "Defcon 2023 source dropped"
    );
    assert!(at("stale-forecast", "2024"), "forecast for 2024");
    assert!(at("list-numbering", "4. **部分开源"));
    assert!(!at("value-mismatch", "160亿"), "160亿帧 is consistent");
    assert!(!at("value-mismatch", "427%"));
}

#[test]
fn output_is_deterministic() {
    let run = || {
        claimlint()
            .args(["check", ESSAY, "--format", "json", "--as-of", "2026-11-28"])
            .output()
            .expect("run")
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    // Every fixture folder at once: many documents, checked in parallel.
    let run = |threads: &str| {
        claimlint()
            .args([
                "check",
                "fixtures",
                "--format",
                "json",
                "--as-of",
                "2026-11-28",
            ])
            .args(["--threads", threads])
            .output()
            .expect("run")
            .stdout
    };
    let one = run("1");
    assert!(one.len() > 10_000, "a real report");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

#[test]
fn missing_file_is_named_and_others_still_checked() {
    let (r, code, stderr) = json_report(&["check", "no/such/file.md", ESSAY, "--format", "json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no/such/file.md"), "{stderr}");
    assert_eq!(r.documents.len(), 1, "the readable file is still checked");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn clean_file_exits_zero() {
    let dir = temp_dir("clean");
    let f = dir.join("clean.md");
    std::fs::write(
        &f,
        "# Notes\n\nThe meeting is on Tuesday. Bring the draft.\n",
    )
    .unwrap();
    claimlint()
        .args(["check", f.to_str().unwrap()])
        .assert()
        .code(0);
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = temp_dir("failon");
    let f = dir.join("vague.md");
    std::fs::write(
        &f,
        "# Notes\n\nStudies show that teams ship faster on Fridays.\n",
    )
    .unwrap();
    let p = f.to_str().unwrap();
    claimlint().args(["check", p]).assert().code(0);
    claimlint()
        .args(["check", p, "--fail-on", "info"])
        .assert()
        .code(1);
}

#[test]
fn bad_arguments_exit_two() {
    claimlint()
        .args(["check", ESSAY, "--as-of", "yesterday"])
        .assert()
        .code(2);
    claimlint()
        .args(["check", ESSAY, "--variant-heading", "(unclosed"])
        .assert()
        .code(2);
    claimlint()
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
}

#[test]
fn bad_input_gets_a_clear_error() {
    let dir = temp_dir("bad");
    let bin = dir.join("binary.md");
    std::fs::write(&bin, b"abc\0def").unwrap();
    let latin1 = dir.join("latin1.md");
    std::fs::write(&latin1, b"caf\xe9 costs $5\n").unwrap();
    let utf16 = dir.join("utf16.md");
    std::fs::write(&utf16, b"\xff\xfeh\0i\0").unwrap();
    for (f, what) in [(&bin, "binary"), (&latin1, "UTF-8"), (&utf16, "UTF-16")] {
        let out = claimlint()
            .args(["check", f.to_str().unwrap()])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}");
        assert!(
            stderr.contains(f.file_name().unwrap().to_str().unwrap()),
            "{stderr}"
        );
        assert!(stderr.contains(what), "{stderr}");
        assert!(!stderr.contains("panicked"));
    }
}

#[test]
fn checked_files_are_never_written() {
    let dir = temp_dir("readonly");
    let f = dir.join("essay.md");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(ESSAY), &f).unwrap();
    let before = std::fs::read(&f).unwrap();
    claimlint()
        .args(["check", f.to_str().unwrap()])
        .assert()
        .code(1);
    assert_eq!(std::fs::read(&f).unwrap(), before);
}

#[test]
fn bom_and_crlf_positions() {
    let dir = temp_dir("crlf");
    let f = dir.join("crlf.md");
    let text = "\u{feff}## Version 1\r\n\r\nAcme revenue was $1.6 billion in 2023.\r\n\r\n## Version 2\r\n\r\nAcme revenue was $1.2 billion in 2023.\r\n";
    std::fs::write(&f, text).unwrap();
    let (r, code, _) = json_report(&["check", f.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "value-mismatch")
        .expect("value-mismatch");
    assert_eq!(d.range.start.line, 7);
    assert_eq!(
        d.range.start.column, 18,
        "columns count characters after the CRLF"
    );
    assert_eq!(
        &text[d.range.start.offset..d.range.end.offset],
        "$1.2 billion"
    );
    assert_eq!(d.variant.as_deref(), Some("Version 2"));
}

#[test]
fn rules_and_explain() {
    let out = claimlint().arg("rules").output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    for code in [
        "value-mismatch",
        "date-mismatch",
        "attribution-mismatch",
        "unit-mismatch",
        "qualifier-mismatch",
        "citation-dropped",
        "missing-citation",
        "vague-citation",
        "stale-forecast",
        "list-numbering",
        "claim-coverage",
    ] {
        assert!(s.contains(code), "{code}");
    }
    let out = claimlint()
        .args(["explain", "value-mismatch"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("## Flagged") && s.contains("## Not flagged"));
    claimlint()
        .args(["explain", "no-such-rule"])
        .assert()
        .code(2);
}

#[test]
fn language_versions_are_variants_of_one_document() {
    let dir = temp_dir("bilingual");
    common::write_readme_pair(&dir);
    let (r, _, _) = json_report(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.documents.len(), 1, "one document in two files");
    let ids: Vec<&str> = r.documents[0]
        .variants
        .iter()
        .map(|v| v.id.as_str())
        .collect();
    assert_eq!(ids, ["README.md", "zh-CN"]);
    let zh = dir.join("README.zh-CN.md").to_string_lossy().into_owned();
    let dropped = r
        .diagnostics
        .iter()
        .find(|d| d.code == "citation-dropped")
        .expect("citation-dropped");
    assert_eq!(
        dropped.file, zh,
        "the finding points into the file that lost the link"
    );
    assert!(
        dropped
            .related
            .iter()
            .any(|x| x.file.ends_with("README.md"))
    );
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == "date-mismatch" && d.file == zh)
    );
}

#[test]
fn human_output_shows_far_apart_variants_as_two_snippets() {
    let dir = temp_dir("far-apart");
    let f = dir.join("drafts.md");
    let filler: String = (0..40)
        .map(|i| {
            if i == 20 {
                "The middle paragraph is here.\n\n"
            } else {
                "A filler paragraph says nothing measurable.\n\n"
            }
        })
        .collect();
    let doc = format!(
        "# Draft A\n\nAcme Corp revenue was $12 million in 2023, according to its annual report.\n\n\
         {filler}# Draft B\n\nAcme Corp revenue was $15 million in 2023, according to its annual report.\n"
    );
    std::fs::write(&f, doc).unwrap();
    let out = claimlint()
        .args(["check", f.to_str().unwrap(), "--as-of", "2026-11-28"])
        .output()
        .expect("run");
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(human.contains("value-mismatch"), "{human}");
    assert!(
        human.contains("$12 million") && human.contains("$15 million"),
        "{human}"
    );
    // Both spans are shown with a line of context, not the 80 lines between them.
    assert!(!human.contains("middle paragraph"), "{human}");
}

#[test]
fn a_translation_is_aligned_by_the_figures_its_sentences_share() {
    // No word in common: the Chinese sentences meet their English ones through their
    // figures in order (30%, below 10%; one in five = 五分之一), so the one figure
    // changed in translation (12% -> 21%) is a value-mismatch, and the figures written in
    // other notation are not.
    let dir = temp_dir("counterpart");
    let file = dir.join("press.md");
    std::fs::write(
        &file,
        "# Press note\n\n## English\n\n\
         Cooling rises steeply once canopy cover passes 30%; below 10% it is hard to measure.\n\n\
         In cities with 30% canopy, admissions were 12% lower than in cities below 10%.\n\n\
         Only one in five of the cities has reached 30% canopy.\n\n\
         ## 中文版\n\n\
         树冠覆盖率超过三成后，降温效果急剧上升；低于 10% 时则很难测出。\n\n\
         在树冠覆盖率达到 30% 的城市，住院人数比低于 10% 的城市低 21%。\n\n\
         只有五分之一的城市树冠覆盖率达到了 30%。\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let codes: Vec<(&str, usize)> = r
        .diagnostics
        .iter()
        .filter(|d| d.code.ends_with("-mismatch"))
        .map(|d| (d.code.as_str(), d.range.start.line))
        .collect();
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert_eq!(codes[0].0, "value-mismatch");
}

#[test]
fn a_redated_sentence_is_reported_on_the_odd_variant() {
    // The pilot "covered" schools (no event word): the same sentence with another
    // month in one draft of three is reported there, not in the two that agree.
    let dir = temp_dir("redated");
    let file = dir.join("memo.md");
    let para = |month: &str| {
        format!(
            "The reading pilot covered twelve schools in the eastern district in {month} 2023.\n\n\
             Teachers reported calmer classrooms and longer reading sessions.\n\n"
        )
    };
    std::fs::write(
        &file,
        format!(
            "# Memo\n\n## Draft A\n\n{}## Draft B\n\n{}## Final\n\n{}",
            para("March"),
            para("May"),
            para("March")
        ),
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let dates = r.of("date-mismatch");
    assert_eq!(dates.len(), 1, "{:?}", r.messages());
    assert_eq!(dates[0].variant.as_deref(), Some("Draft B"));
    assert!(
        dates[0].message.contains("the same sentence"),
        "{}",
        dates[0].message
    );
    assert_eq!(dates[0].related.len(), 2, "both agreeing drafts are shown");
}

#[test]
fn a_translated_quote_moved_to_another_person_is_found_without_a_shared_name() {
    // The speakers are written in two scripts. Two people's quotes credited to one
    // person in the translation, and a quote credited to a Chinese name the English
    // text gives in pinyin for someone else, are both attribution-mismatch.
    let dir = temp_dir("speakers");
    let file = dir.join("news.md");
    std::fs::write(
        &file,
        "# Study\n\n## English\n\n\
         \"A street tree is the cheapest air conditioner,\" said Dr. Sofia Brandt, the lead author.\n\n\
         The team worked with Wei Zhou, who maintains the dataset.\n\n\
         \"We were surprised by the poorest districts,\" said Professor Ana Lima, a co-author.\n\n\
         \"The data are open to everyone,\" said Ines Carvalho, the project lead.\n\n\
         ## 中文版\n\n\
         “行道树是最便宜的空调。”第一作者索菲亚·布兰特博士说。\n\n\
         研究团队与维护数据集的周伟合作。\n\n\
         “最贫困的街区让我们惊讶。”布兰特博士说。\n\n\
         “数据向所有人开放。”项目负责人周伟说。\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let lines: Vec<usize> = r
        .of("attribution-mismatch")
        .iter()
        .map(|d| d.range.start.line)
        .collect();
    assert_eq!(lines, [19, 21], "{:?}", r.messages());
}

#[test]
fn a_translated_quote_is_compared_by_the_names_of_its_speakers() {
    // Quotes paired in order across a translation: two Latin names that differ are two
    // people; a Latin name that is the pinyin of the translation's other speaker (Lin Mo
    // / 林默) moved; 林默 = Lin Mo and 奥卡福 = Okafor (a transliteration) are one person.
    // The bylines stand in the block after their quotes.
    let dir = temp_dir("ordered-speakers");
    let file = dir.join("launch.md");
    std::fs::write(
        &file,
        "# Launch\n\n## English\n\n\
         \"We moved every service in a quarter,\" says Mira Okafor, platform lead at Hollis.\n\n\
         > \"We used to book a window a week ahead for every big table.\"\n>\n> — Lin Mo, head of the database team at Yunshan\n\n\
         > \"Parallel apply is the most important change since 2.0.\"\n>\n> — Lin Mo, maintainer\n\n\
         \"Sodium is everywhere and it is cheap,\" Okafor said.\n\n\
         ## 中文版\n\n\
         “我们在一个季度内迁移了所有服务。”Hollis 首席技术官 Daniel Reyes 说。\n\n\
         > “以前改一张大表，要提前一周排窗口。”\n>\n> —— 周启航，云杉证券数据库团队负责人\n\n\
         > “并行回放是 2.0 以来最重要的改动。”\n>\n> —— 林默，维护者\n\n\
         “钠到处都是，而且便宜。”奥卡福说。\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let lines = r.lines_with_related("attribution-mismatch");
    // Okafor / Daniel Reyes (lines 5, 19) and Lin Mo / 周启航 (lines 9, 23), nothing else.
    assert_eq!(lines, [5, 9, 19, 23], "{:?}", r.messages());
}

#[test]
fn quotes_in_traditional_characters_have_their_speakers() {
    // 說 and the titles before a name written in Traditional characters: the quotes are
    // read, and the moved one (沈家豪 / Wu Pei-shan) is found; 葉靜文 = Yip Ching-man.
    let dir = temp_dir("traditional-speakers");
    let file = dir.join("note.md");
    std::fs::write(
        &file,
        "# Harbour ferries\n\n## 繁體中文\n\n\
         “新船讓候船時間縮短了一半。”渡輪公司營運總監沈家豪說。\n\n\
         葉靜文表示：“我們會在明年增加夜班航次。”\n\n\
         ## English\n\n\
         \"The new boats have halved the wait,\" says Wu Pei-shan, the company's head of operations.\n\n\
         Yip Ching-man said: \"We will add night sailings next year.\"\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let lines = r.lines_with_related("attribution-mismatch");
    assert_eq!(lines, [5, 11], "{:?}", r.messages());
}

#[test]
fn a_translated_speaker_glossed_in_latin_letters_is_compared_by_the_gloss() {
    // 托马什·诺瓦克（Tomasz Nowak） is not Agnieszka Wróbel; 玛丽亚·席尔瓦（Maria Silva）
    // is Maria Silva.
    let dir = temp_dir("glossed-speakers");
    let file = dir.join("readme.md");
    std::fs::write(
        &file,
        "# Kit\n\n## English\n\n\
         > \"We moved 40 years of minutes into search in one weekend.\"\n>\n\
         > — Agnieszka Wróbel, head of digitisation at the City Archive\n\n\
         > \"Kit reads every scan we have.\"\n>\n> — Maria Silva, archivist\n\n\
         ## 中文版\n\n\
         > “我们只用一个周末，就把 40 年的会议记录变成了可检索的资料。”\n>\n\
         > ——市档案馆馆长 托马什·诺瓦克（Tomasz Nowak）\n\n\
         > “Kit 能读我们所有的扫描件。”\n>\n> ——档案员 玛丽亚·席尔瓦（Maria Silva）\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let lines = r.lines_with_related("attribution-mismatch");
    assert_eq!(lines, [7, 17], "{:?}", r.messages());
}

#[test]
fn a_translated_quote_credited_to_a_chinese_name_in_no_spelling_of_it_moved() {
    // 周立衡 is not Chen Mo, nor 周海川 Kirsty Flett, in any spelling; 曾詠儀 is Tsang
    // Wing-yee and 盧展鵬 Lo Chin-pang in Hong Kong spelling. A role between commas ("Ms
    // Tsang Wing-yee, Chief Financial Officer, said") is not the speaker.
    let dir = temp_dir("romanised-speakers");
    let file = dir.join("release.md");
    std::fs::write(
        &file,
        "# Release\n\n## English\n\n\
         \"We will not raise prices this year,\" said Chen Mo, the chief architect.\n\n\
         Ms Tsang Wing-yee, Chief Financial Officer, said: \"Volume grew faster than the market.\"\n\n\
         \"Tidal power can be printed in a calendar,\" said Professor Kirsty Flett.\n\n\
         \"Every city needs its own plan,\" said Mr Lo Chin-pang.\n\n\
         ## 中文版\n\n\
         “今年我们不会涨价。”首席架构师周立衡说。\n\n\
         首席财务官曾詠儀女士表示：“充电量增速跑赢了市场。”\n\n\
         “潮流能的发电量可以印在日历上。”周海川教授说。\n\n\
         “每座城市都需要自己的规划。”盧展鵬先生说。\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let lines = r.lines_with_related("attribution-mismatch");
    assert_eq!(lines, [5, 9, 15, 19], "{:?}", r.messages());
}

#[test]
fn two_things_worded_alike_are_not_one_claim() {
    // Containers and reefers, in sentences worded alike in each draft: figures of
    // another order of size are two claims, not a contradiction.
    let dir = temp_dir("worded-alike");
    let file = dir.join("port.md");
    let draft = |containers: &str| {
        format!(
            "全年完成集装箱吞吐量{containers}万标箱，同比增长8.1%。\n\n\
             冷链业务快速发展。冷藏箱吞吐量18.6万标箱，同比增长15%。\n\n"
        )
    };
    std::fs::write(
        &file,
        format!(
            "# 港口\n\n## 初稿\n\n{}## 修订稿\n\n{}",
            draft("621.4"),
            draft("612.4")
        ),
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let values: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "value-mismatch")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(values.len(), 1, "{values:?}");
    assert!(
        values[0].contains("612.4") && values[0].contains("621.4"),
        "{values:?}"
    );
}

#[test]
fn a_translation_that_redates_its_claim_is_a_date_mismatch() {
    // The sentences meet through the names they share (Lodestar, Rust) or a date they
    // agree on (2022); the one date left on each side differs.
    let dir = temp_dir("counterpart-dates");
    let file = dir.join("notes.md");
    std::fs::write(
        &file,
        "# Notes\n\n## English\n\n\
         Lodestar, written in Rust, was first released in March 2023.\n\n\
         The wreck was spotted in 2019 by two fishermen and first surveyed in 2022.\n\n\
         ## 中文版\n\n\
         Lodestar 使用 Rust 编写，于 2022 年 3 月首次发布。\n\n\
         这艘沉船于2021年由两名渔民发现，2022年首次开展调查。\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let lines: Vec<usize> = r
        .of("date-mismatch")
        .iter()
        .map(|d| d.range.start.line)
        .collect();
    assert_eq!(lines, [11, 13], "{:?}", r.messages());
}

#[test]
fn a_translated_table_is_compared_cell_by_cell() {
    // The row labels are translations, so only the cell's place in a table of the same
    // shape says which cell is which: a changed time and a drifted currency are found,
    // the equal cells are not reported.
    let dir = temp_dir("translated-table");
    let file = dir.join("bench.md");
    std::fs::write(
        &file,
        "# Bench\n\n## English\n\n\
         | Tool | Time | Price |\n|---|---|---|\n\
         | loam 0.9 | 41 s | $49 per month |\n| pandas | 254 s | $0 |\n\n\
         ## 中文版\n\n\
         | 工具 | 耗时 | 价格 |\n|---|---|---|\n\
         | loam 0.8 | 48 秒 | 49 元/月 |\n| 熊猫库 | 254 秒 | 0 美元 |\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let mut codes: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code.ends_with("-mismatch"))
        .map(|d| d.code.as_str())
        .collect();
    codes.sort_unstable();
    assert_eq!(
        codes,
        ["unit-mismatch", "value-mismatch"],
        "{:?}",
        r.messages()
    );
}

#[test]
fn a_translation_is_aligned_sentence_by_sentence_between_shared_figures() {
    // The hull length and the catalogue year share nothing with their translations, but
    // each stands alone between sentences that do; the Next steps list is numbered from
    // 1 in English, so the Chinese list that continues at 5 is reported.
    let dir = temp_dir("translation-gaps");
    let file = dir.join("wreck.md");
    std::fs::write(
        &file,
        "# Wreck\n\n## English\n\n\
         It lies 27 metres down where the water stays at 14°C. \
         The surviving hull is 31 metres long. \
         The timbers were felled between 1190 and 1230.\n\n\
         Key finds:\n\n1. More than 16,000 pieces of porcelain.\n2. Nearly 400 copper coins.\n\n\
         Conservation will cost a further 40 million yuan, starting in Q3 2027.\n\n\
         Next steps:\n\n1. Map the keel.\n2. Publish a catalogue, expected in 2027.\n\n\
         ## 中文版\n\n\
         沉船位于水下27米，水温14摄氏度。残存船体长21米。木材砍伐于1190年至1230年之间。\n\n\
         主要发现：\n\n1. 瓷器1.6万余件。\n2. 铜钱近400枚。\n\n\
         保护费用还需4000万美元，2027年第三季度启动。\n\n\
         下一步工作：\n\n3. 测绘龙骨。\n4. 出版图录，预计2025年出版。\n",
    )
    .unwrap();
    let r = check_as_of(&file);
    for code in [
        "value-mismatch",
        "unit-mismatch",
        "date-mismatch",
        "list-numbering",
    ] {
        assert_eq!(r.of(code).len(), 1, "{code}: {:?}", r.messages());
    }
    assert!(
        r.of("value-mismatch")[0].message.contains("21米"),
        "{:?}",
        r.messages()
    );
    assert!(
        r.of("date-mismatch")[0].message.contains("2025"),
        "{:?}",
        r.messages()
    );
}

#[test]
fn lists_told_in_labelled_parts_may_continue_their_numbers() {
    // One list of recommendations told in parts for two audiences, in one variant: the
    // numbering that continues is deliberate.
    let dir = temp_dir("labelled-parts");
    let file = dir.join("recs.md");
    std::fs::write(
        &file,
        "# Recommendations\n\nFor HR teams:\n\n1. Publish a policy.\n2. Measure outcomes.\n\n\
         For managers:\n\n3. Agree on anchor days.\n4. Review workloads.\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    assert!(r.of("list-numbering").is_empty(), "{:?}", r.messages());
}

#[test]
fn a_year_that_a_wrapped_line_starts_with_numbers_no_list() {
    let dir = temp_dir("wrapped-year");
    let file = dir.join("notes.md");
    let doc = |n: &str| {
        format!(
            "# Notes\n\n1. Plan.\n2. Build.\n\nThe Switch port slipped from the third quarter \
             of 2026 to February\n{n}. Japanese text follows later.\n"
        )
    };
    std::fs::write(&file, doc("2027")).unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    assert!(r.of("list-numbering").is_empty(), "{:?}", r.messages());
    // A list number there is still read as one.
    std::fs::write(&file, doc("27")).unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.of("list-numbering").len(), 1, "{:?}", r.messages());
}

#[test]
fn identical_benchmark_tables_are_not_contradictions() {
    // Two tables with the same rows and columns under two headings, the same in both
    // languages: each cell is its own claim, so no row's cells contradict each other and
    // the MMLU table does not contradict the C-Eval table.
    let dir = temp_dir("bench-tables");
    let table = |a: &str, b: &str| {
        format!(
            "| Model | Average | STEM |\n|---|---|---|\n| Bar-6B | {a} | 33.89 |\n| Bar-6B (base) | {b} | 41.20 |\n"
        )
    };
    let en = format!(
        "# Bar\n\n### MMLU\n\n{}\n### C-Eval\n\n{}",
        table("40.63", "47.86"),
        table("38.9", "51.7")
    );
    let zh = format!(
        "# Bar\n\n### MMLU\n\n{}\n### C-Eval\n\n{}",
        table("40.63", "47.86"),
        table("38.9", "51.7")
    );
    std::fs::write(dir.join("README.md"), en).unwrap();
    std::fs::write(dir.join("README.zh-CN.md"), zh.replace("Model", "模型")).unwrap();
    let (r, _, _) = json_report(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert!(r.of("value-mismatch").is_empty(), "{:?}", r.messages());
    // One cell changed in the translation is still found.
    let zh = zh.replacen("33.89", "38.39", 1);
    std::fs::write(dir.join("README.zh-CN.md"), zh).unwrap();
    let (r, _, _) = json_report(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.of("value-mismatch").len(), 1, "{:?}", r.messages());
}

#[test]
fn a_projects_own_sizes_need_no_source_but_its_popularity_does() {
    // Sizes of the system itself (parameters, context length, layers, training tokens)
    // are what a README is the source of; stars and comparisons with others are not.
    let dir = temp_dir("own-sizes");
    std::fs::write(
        dir.join("README.md"),
        "# Bar\n\nBar has 130B parameters and was trained on over 400 billion text tokens. \
         Its context length grew from 2K to 32K, and it scales to 1,500 nodes.\n\n\
         Its tokenizer has a vocabulary of 100,278, and it saw 1.4 trillion high-quality \
         tokens.\n\n\
         Bar has 31k stars on GitHub. It is 40% faster than Baz.\n\n\
         The Bar rocket has a payload capacity of 6,500 kg to low Earth orbit and a lift-off \
         thrust of 7,500 kN. 青鸾二号近地轨道运载能力6500千克。\n\n\
         Its maker shipped 7,000 tonnes of fuel in 2025.\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", dir.to_str().unwrap(), "--format", "json"]);
    let flagged: Vec<&str> = r.code_messages("missing-citation");
    // (A machine's specifications are its own sizes; what its maker shipped is not.)
    assert_eq!(flagged.len(), 3, "{flagged:?}");
    assert!(flagged[0].starts_with("31k"), "{flagged:?}");
    assert!(flagged[1].starts_with("40%"), "{flagged:?}");
    assert!(flagged[2].starts_with("7,000 tonnes"), "{flagged:?}");
}

#[test]
fn a_buildings_a_venues_and_a_vessels_own_sizes_need_no_source() {
    // A building's floor area, an exhibition's space, a library's holdings and a
    // submersible's deepest dive are what the text describes; the visits and the
    // region's land are statistics.
    let flagged = messages_of(
        "venue-sizes",
        "report.md",
        "# 年报\n\n新馆建筑面积 4.6 万平方米，馆藏纸质文献 386 万册。\n\n\
         本届博览会展览面积 12 万平方米。\n\n\
         潜水器最大下潜深度 6,012 米。\n\n\
         The new hall has a floor area of 18,500 square metres.\n\n\
         全年到馆读者 212 万人次。\n\n\
         全市耕地面积 3,200 公顷。\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 2, "{flagged:?}");
    assert!(flagged[0].starts_with("212 万"), "{flagged:?}");
    assert!(flagged[1].starts_with("3,200 公顷"), "{flagged:?}");
}

#[test]
fn sections_about_two_named_things_do_not_contradict_each_other() {
    // One README, one section per platform: each states its own binary size.
    let dir = temp_dir("platform-sections");
    let file = dir.join("README.md");
    std::fs::write(
        &file,
        "# Kit for Android\n\n## Features\n\nKit adds about 50K per architecture to the app.\n\n\
         # Kit for iOS\n\n## Features\n\nKit adds less than 30K per architecture to the app.\n\n\
         # Summary\n\nKit adds about 80K per architecture to the app.\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    // The summary names no platform: it still contradicts what a section says.
    let found: Vec<&str> = r.code_messages("value-mismatch");
    assert!(
        found.iter().all(|m| m.contains("80K")),
        "{:?}",
        r.messages()
    );
    assert!(!found.is_empty(), "{:?}", r.messages());
}

#[test]
fn a_release_of_one_version_is_not_the_first_release() {
    // The translation announces a point release; the original tells when the project
    // first shipped. Two events, not one dated twice.
    let dir = temp_dir("versioned-release");
    std::fs::write(
        dir.join("README.md"),
        "# Skiff\n\nSkiff was first released in March 2023 as a weekend project.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("README.zh-CN.md"),
        "# Skiff\n\nSkiff 0.9.2 已于 2026 年 8 月 18 日发布。\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert!(r.of("date-mismatch").is_empty(), "{:?}", r.messages());
}

#[test]
fn a_rounded_estimate_of_an_exact_figure_is_a_qualifier_mismatch_not_another_value() {
    // "roughly 23,000" for 23,500 rounds the figure; "nearly two in five" for 38.7% is met
    // by it; "about 31,000" is another value.
    let dir = temp_dir("rounded");
    let file = dir.join("review.md");
    std::fs::write(
        &file,
        "# Review\n\n## Version 1\n\nThe learning team reached 23,500 pupils (annual report). \
         Some 38.7% of tickets were sold online (box office data).\n\n\
         ## Version 2\n\nThe learning team reached roughly 23,000 pupils (annual report). \
         Nearly two in five tickets were sold online (box office data).\n\n\
         ## Version 3\n\nThe learning team reached about 31,000 pupils (annual report). \
         Some 38.7% of tickets were sold online (box office data).\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let qualifier = r.of("qualifier-mismatch");
    assert_eq!(qualifier.len(), 1, "{:?}", r.messages());
    assert!(
        qualifier[0].message.contains("roughly 23,000"),
        "{:?}",
        r.messages()
    );
    let value = r.of("value-mismatch");
    assert_eq!(value.len(), 1, "{:?}", r.messages());
    assert!(value[0].message.contains("31,000"), "{:?}", r.messages());
}

#[test]
fn a_summary_rounding_a_sourced_figure_is_sourced_by_it() {
    // The closing paragraph rounds the body's sourced 412.6万吨; a new figure of its own
    // still needs a source.
    let dir = temp_dir("rounded-summary");
    let file = dir.join("report.md");
    std::fs::write(
        &file,
        "# 年报\n\n2025年，全市生活垃圾清运量412.6万吨（市统计局公报）。\n\n\
         ## 结语\n\n2025年，全市清运生活垃圾约412万吨。全市新增就业岗位约3.7万个。\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let flagged: Vec<&str> = r.code_messages("missing-citation");
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].starts_with("约3.7万"), "{flagged:?}");
}

#[test]
fn a_results_piece_sources_its_figures_to_the_company_and_its_statement() {
    // The company, its statement, a named speaker's quote and a comparison carried over
    // from a sourced sentence are sources; a new figure of its own still needs one.
    let flagged = messages_of(
        "own-sources",
        "results.md",
        "# Q3\n\nRevenue rose 8.4% to C$1.62 billion, according to its results statement. \
         A year earlier the airline earned C$174 million on revenue of C$1.49 billion.\n\n\
         Premium cabins accounted for one in five seats sold, the statement shows.\n\n\
         A three-day strike cost C$18 million, the company said.\n\n\
         The company said it expects full-year revenue of about C$6.1 billion.\n\n\
         \"We ended the quarter with C$1.9 billion of liquidity,\" said chief financial \
         officer Marcus Oyelaran.\n\n\
         集团表示，开通初期共投入运营维护人员1860人。\n\n\
         Cargo revenue grew 12% in the quarter.\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].starts_with("12%"), "{flagged:?}");
}

#[test]
fn a_publication_sentence_and_a_reckoning_model_are_sources() {
    // The sentence after says where the work was published; 按…模型测算 names its model;
    // 按每人每月…计算 is a way of counting, not a source.
    let flagged = messages_of(
        "published-after",
        "news.md",
        "# 新闻\n\n研究团队研制出一种电芯，能量密度达到每千克 157 瓦时，可在 12 分钟内从 10% 充至 80%。\
         相关成果于 2026 年 9 月 6 日发表在《自然·能源》上。\n\n\
         按论文附带的团队成本模型测算，一颗成品电芯的成本约为每千瓦时 48 元。\n\n\
         The cell stores 175 watt-hours per kilogram. The work was published in *Nature Energy* \
         on 16 September 2026.\n\n\
         按每人每月1870元计算，全年支出约2.2万元。\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].starts_with("1870元"), "{flagged:?}");
}

#[test]
fn settings_durations_and_repetitions_are_not_statistics() {
    // A default (默认 1000 行, 2,000 rows by default), a time in seconds, and a number of
    // reruns document the tool; a default price and a multiple still need a source.
    let flagged = messages_of(
        "settings",
        "README.md",
        "# Tool\n\n每批默认拷贝 1000 行，从库延迟超过阈值（默认 1500 毫秒）即暂停。\n\n\
         默认内存预算为每个节点 5120 MB，可以调大。\n\n\
         Each batch copies 2,000 rows by default. A checkpoint is written every 3000 ms.\n\n\
         Each suspect is rerun 20 times in a fresh process.\n\n\
         The default cap is $200 per month.\n\n\
         The new engine is 20 times faster than the old one.\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 2, "{flagged:?}");
    assert!(flagged[0].starts_with("$200 per month"), "{flagged:?}");
    assert!(flagged[1].starts_with("20 times"), "{flagged:?}");
}

#[test]
fn terms_of_an_offer_are_not_statistics() {
    // VAT, a discount, a deposit and an equity stake are terms the text sets; growth after
    // a discount campaign and a tax take's rise still need a source.
    let flagged = messages_of(
        "terms",
        "README.md",
        "# Offer\n\nAll prices include 6% VAT. Early sponsors get a 10% discount on every \
         package. A 30% deposit is due on signing.\n\n\
         所有价格均含 6% 增值税。签约时预付 30% 定金。本轮出让股权 10%。\n\n\
         Sales rose 12% after the discount campaign.\n\n增值税收入增长 7%。\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 2, "{flagged:?}");
    assert!(flagged[0].starts_with("12%"), "{flagged:?}");
    assert!(flagged[1].starts_with("7%"), "{flagged:?}");
}

#[test]
fn a_programme_in_quotes_is_no_plan() {
    // "开源之光"计划 names a grant programme; 公司计划 2025 年推出 is a plan (stale at any
    // date after 2025).
    let flagged = messages_of(
        "programme",
        "README.md",
        "# 资助\n\n本项目获得基金会 2025 年度\"开源之光\"计划资助 30 万元（[立项公示](https://x.org/g)）。\
         \n\n公司计划 2025 年推出新品。\n",
        "stale-forecast",
    );
    assert_eq!(flagged.len(), 1, "{flagged:?}");
}

#[test]
fn a_sentence_that_names_the_source_sources_the_next_that_refers_to_it() {
    // "按这组数据" / "On these numbers" open a sentence drawn from the source the sentence
    // before gives; an opening that refers to nothing does not.
    let flagged = messages_of(
        "these-figures",
        "README.md",
        "# Bench\n\n测试脚本与原始数据见 [bench/2026-10/](bench/2026-10/)。按这组数据，本工具比 \
         XeLaTeX 快约 14 倍。\n\n\
         Scripts and raw data are in [bench/2025-04/](bench/2025-04/). On these numbers the \
         tool is about 9.7 times faster than XeLaTeX.\n\n\
         We rebuilt the renderer last spring. On these numbers the tool is 3.5 times faster \
         than Pandoc.\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].starts_with("3.5 times"), "{flagged:?}");
}

#[test]
fn people_of_a_trade_described_are_vague_sources() {
    let flagged = messages_of(
        "trade-groups",
        "README.md",
        "# Review\n\nAirline partners tell us that our turnaround times are among the best.\n\n\
         Tourism economists reckon that each skier day is worth about £85 locally.\n\n\
         有实践者反映，只用夏季影像训练的模型会漏掉约三成冰川边缘。\n\n\
         Lufthansa's network planners told us in March that the route will stay.\n",
        "vague-citation",
    );
    assert_eq!(flagged.len(), 3, "{flagged:?}");
}

#[test]
fn some_of_a_kind_of_people_or_rough_counts_are_vague_sources() {
    // Each introduces a figure and names nobody; the last names its team and is a source.
    let flagged = messages_of(
        "kinds-of-people",
        "README.md",
        "# Review\n\nSome seismologists argue that alerts arrive 2 seconds too late.\n\n\
         Trade bodies estimate that 40% of kettles are never descaled.\n\n\
         Rough counts suggest 41,000 volunteer hours.\n\n\
         Catering staff regularly tell us that 30% of meals come back.\n\n\
         Anecdotal reports suggest a 10% saving.\n\n\
         群众普遍反映，村道硬化后出行时间缩短了一半。\n\n\
         据不少使用者回报，警报平均提前 8 秒。\n\n\
         有社区测评显示，新版快约 20%。\n\n\
         The Kestrel team's kitchen audit found that 12% of meals were wasted.\n",
        "vague-citation",
    );
    assert_eq!(flagged.len(), 8, "{flagged:?}");
}

#[test]
fn a_log_or_a_count_named_in_brackets_is_a_source() {
    let flagged = messages_of(
        "logs",
        "README.md",
        "# Season\n\nLifts ran for 98% of their scheduled hours (lift log).\n\n\
         The taskforce has inspected 1,930 homes (taskforce case log).\n\n\
         Queues fell by more than half on busy weekends (lift-line counts).\n\n\
         全年入园 12.6 万人次（闸机计数）。\n\n\
         意向成交额 62.4 亿元（组委会成交登记）。线下参会人次增长 40.9%（大会注册系统）。\n\n\
         More than 23,000 buyers attended (registration system).\n\n\
         Season passes sold out in 40% fewer days than last year.\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].starts_with("40%"), "{flagged:?}");
}

#[test]
fn instructions_are_not_statistics() {
    // An instruction, the condition before one and a recommendation tell the reader how to
    // use something; "Watch time rose 30%" and 70% of users suggesting a feature are
    // statistics. The translation of an instruction is one too, though it does not read as
    // one.
    let flagged = messages_of(
        "instructions",
        "README.md",
        "# Guide\n\n## English\n\n1. Send 5% of traffic to the new proxy.\n\
         2. Watch for a day, then raise the share in steps of 20%, 50% and 100%.\n\n\
         Budget about 120 MB per 10,000 routes; above 50,000 routes, turn on sharding.\n\n\
         PostgreSQL is recommended above 100,000 items.\n\n\
         Watch time rose 30% last year.\n\n\
         ## 中文\n\n1. 用插件把 5% 的流量切到新代理。\n\n\
         超过 5 万条路由时建议开启分片。項目超過 10 萬筆時建議使用 PostgreSQL。\n\n\
         调查中 70% 的用户建议增加夜间模式。\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 2, "{flagged:?}");
    assert!(flagged[0].starts_with("30%"), "{flagged:?}");
    assert!(flagged[1].starts_with("70%"), "{flagged:?}");
}

#[test]
fn people_and_person_trips_are_different_counts() {
    // 12.8万人 vs 12.8万人次 and 4.5万台 vs 4.5万台次 count other things; 3000万人次 in both
    // and 1.2万名 = 1.2万人 do not.
    let dir = temp_dir("person-trips");
    let file = dir.join("report.md");
    std::fs::write(
        &file,
        "# 报告\n\n## 初稿\n\n开通首日客流12.8万人，投入联合收割机4.5万台次，接待游客3000万人次，\
         志愿者1.2万名。\n\n## 修订稿\n\n开通首日客流12.8万人次，投入联合收割机4.5万台，\
         接待游客3000万人次，志愿者1.2万人。\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let unit: Vec<&str> = r.code_messages("unit-mismatch");
    assert_eq!(unit.len(), 2, "{unit:?}");
    assert!(unit.iter().any(|m| m.contains("counts 人次")), "{unit:?}");
    assert!(unit.iter().any(|m| m.contains("counts 台,")), "{unit:?}");
}

#[test]
fn a_magnitude_word_changed_is_a_unit_mismatch() {
    // 4.86 亿元 vs 4.86 万元 and 3.2 million vs 3.2 billion: the number kept, its magnitude
    // word changed; 1.6 亿元 = 16,000 万元 is one value and 2.5 亿元 vs 2.8 亿元 a value.
    let dir = temp_dir("magnitude-word");
    let file = dir.join("bank.md");
    std::fs::write(
        &file,
        "# 年报\n\n## 初稿\n\n全年缴纳各项税费 4.86 亿元，净利润 1.6 亿元，营业收入 2.5 亿元。\n\n\
         ## 审议稿\n\n全年缴纳各项税费 4.86 万元，净利润 16,000 万元，营业收入 2.8 亿元。\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let unit: Vec<&str> = r.code_messages("unit-mismatch");
    assert_eq!(unit.len(), 1, "{unit:?}");
    assert!(unit[0].contains("4.86"), "{unit:?}");
    let value: Vec<&str> = r.code_messages("value-mismatch");
    assert_eq!(value.len(), 1, "{value:?}");
    assert!(
        value[0].contains("2.8") || value[0].contains("2.5"),
        "{value:?}"
    );
}

#[test]
fn the_start_of_construction_is_not_the_opening() {
    // 开工 and 开通 in one sentence are two events: only the two openings are compared.
    let dir = temp_dir("construction-opening");
    let file = dir.join("metro.md");
    std::fs::write(
        &file,
        "# 地铁\n\n## 征求意见稿\n\n\
         6号线一期工程2021年12月开工建设，2026年9月26日开通初期运营。\n\n\
         ## 定稿\n\n\
         6号线一期工程2021年12月开工建设，2026年9月28日开通初期运营。\n\n\
         ## 终稿\n\n\
         Construction of Line 6 began in December 2021; it opened on 26 September 2026.\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let dates = r.of("date-mismatch");
    assert_eq!(dates.len(), 1, "{:?}", r.messages());
    assert!(
        dates[0].message.contains("(opened)")
            && dates[0].message.contains("2026年9月28日")
            && !dates[0].message.contains("2021"),
        "{:?}",
        r.messages()
    );
}

#[test]
fn a_reopening_is_not_the_first_opening() {
    // One document: the box and the body date the wing's reopening differently (a month
    // against a day in another month); the museum's own opening is another event.
    let dir = temp_dir("reopened");
    let file = dir.join("review.md");
    std::fs::write(
        &file,
        "# Review\n\n## At a glance\n\n\
         - 641,200 visits, the most since the museum opened in 1978\n\
         - The East Wing reopened in March 2025 after a two-year refit\n\n\
         ## The East Wing\n\n\
         The East Wing reopened to the public on 12 May 2025 after a two-year refit.\n\n\
         ## 东翼\n\n\
         博物馆于1978年开放。东翼于2025年5月重新开放。东翼于2025年5月12日重新开放，接待观众。\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let dates = r.of("date-mismatch");
    assert_eq!(dates.len(), 1, "{:?}", r.messages());
    assert!(
        dates[0].message.contains("reopened") && !dates[0].message.contains("1978"),
        "{:?}",
        r.messages()
    );
}

#[test]
fn a_forecast_of_a_plan_that_moved_elsewhere_is_a_date_mismatch() {
    // One variant postpones the route; the other still forecasts the old month. The
    // delivery expected in Q3 and made in August is inside its quarter: no finding.
    let dir = temp_dir("moved-plan-en");
    let file = dir.join("airline.md");
    std::fs::write(
        &file,
        "# Airline\n\n## Version 1\n\n\
         The airline expects to take delivery of its first jet in the third quarter of 2026.\n\n\
         The Vancouver–Seoul route is expected to launch in July 2026.\n\n\
         ## Version 2\n\n\
         The airline took delivery of its first jet in August 2026.\n\n\
         The Vancouver–Seoul route, planned for July 2026, has been postponed to March 2027.\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let dates = r.of("date-mismatch");
    assert_eq!(dates.len(), 1, "{:?}", r.messages());
    assert_eq!(dates[0].range.start.line, 7, "{:?}", r.messages());
    assert!(
        dates[0].message.contains("March 2027"),
        "{:?}",
        r.messages()
    );
}

#[test]
fn a_plan_postponed_in_one_variant_and_forecast_in_another_is_found_in_chinese() {
    // 推迟至 gives the subsidy its new month; the other draft still aims for September.
    // The second phase, forecast for another year, is another plan.
    let dir = temp_dir("moved-plan-zh");
    let file = dir.join("report.md");
    std::fs::write(
        &file,
        "# 报告\n\n## 版本1\n\n\
         一期工程原计划2026年完成，已推迟至2027年。\n\n\
         第二批耕地地力保护补贴因资金拨付调整，推迟至2026年11月发放到户。\n\n\
         ## 版本二\n\n\
         一期工程预计2026年完成，二期工程预计2028年开工。\n\n\
         力争2026年9月底前将第二批耕地地力保护补贴发放到户。\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let mut found: Vec<(usize, bool)> = r
        .of("date-mismatch")
        .iter()
        .map(|d| (d.range.start.line, d.message.contains("2028")))
        .collect();
    found.sort_unstable();
    assert_eq!(found, [(11, false), (13, false)], "{:?}", r.messages());
}

#[test]
fn a_translated_sentence_with_two_slipped_dates_is_two_date_mismatches() {
    // Both dates of one sentence slipped in the translation, each by one part (the
    // year): two findings, though neither date is the sentence's only one.
    let dir = temp_dir("two-slipped-dates");
    std::fs::write(
        dir.join("README.md"),
        "# Kit\n\nThe project began in September 2017, and in April 2022 we opened 3,400 \
         hours of recordings.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("README.zh-CN.md"),
        "# Kit\n\n项目始于 2016 年 9 月；2021 年 4 月，我们开放了 3,400 小时录音。\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", dir.to_str().unwrap(), "--format", "json"]);
    let dates = r.of("date-mismatch");
    assert_eq!(dates.len(), 2, "{:?}", r.messages());
    assert!(
        dates.iter().all(|d| d.range.start.line == 3),
        "{:?}",
        r.messages()
    );
    assert!(dates[0].message.contains("2017"), "{:?}", r.messages());
}

#[test]
fn a_redraft_that_moved_a_cited_figures_sentence_still_dates_it() {
    // The newsletter adds paragraphs before the cattle shed's sentence, which keeps only
    // its cited grant in common with the draft's (other words, another champion before
    // it); its date moved a month.
    let dir = temp_dir("moved-cited-sentence");
    let file = dir.join("review.md");
    std::fs::write(
        &file,
        "# Show review\n\n## Committee draft\n\n\
         Gate receipts counted 41,250 visitors over the two days.\n\n\
         There were 386 trade stands.\n\n\
         Sheep entries reached 1,204.\n\n\
         The sheep championship went to a Texel ewe shown by Anna Rigg of Keld. The new \
         cattle shed, built with a £148,000 grant (Eden Rural Fund award letter), was opened \
         in May 2026 and housed 212 cattle on the day.\n\n\
         ## Newsletter edition\n\n\
         Gate receipts counted 41,250 visitors over the two days.\n\n\
         There were 386 trade stands.\n\n\
         Sheep entries reached 1,204.\n\n\
         The dog show drew 1,150 dogs.\n\n\
         The craft tent hosted 64 makers.\n\n\
         The vintage tractor parade had 87 entries.\n\n\
         Tom Alderson of Muker took the sheep title with a Swaledale tup. The new cattle \
         shed, paid for by a £148,000 grant (Eden Rural Fund award letter), was handed over \
         to the cattle section in June 2026.\n",
    )
    .unwrap();
    let r = check_as_of(&file);
    let dates = r.code_messages("date-mismatch");
    assert_eq!(dates.len(), 1, "{dates:?}");
    assert!(dates[0].contains("June 2026"), "{dates:?}");
}

#[test]
fn a_translation_still_forecasting_a_moved_plan_is_a_date_mismatch() {
    // Across languages the moved sentence's old period (the first half of 2026) ties it
    // to the translation's forecast at the same place.
    let dir = temp_dir("moved-plan-translated");
    let file = dir.join("report.md");
    std::fs::write(
        &file,
        "# Report\n\n## English\n\n\
         Lakemont University reported a sodium cell that kept 91% of its capacity after 3,000 cycles.\n\n\
         Northgate had planned to open a pilot line in the first half of 2026, but now expects \
         production to begin in the second half of 2027.\n\n\
         The team will publish its full results in a peer-reviewed journal next year.\n\n\
         ## 中文版\n\n\
         Lakemont 大学报告了一种钠电池，循环 3000 次后仍保有 91% 的容量。\n\n\
         Northgate 的中试线预计于 2026 年上半年投产。\n\n\
         研究团队将于明年在同行评审期刊上发表完整结果。\n",
    )
    .unwrap();
    let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
    let dates = r.of("date-mismatch");
    assert_eq!(dates.len(), 1, "{:?}", r.messages());
    assert_eq!(dates[0].range.start.line, 15, "{:?}", r.messages());
    assert!(dates[0].message.contains("2027"), "{:?}", r.messages());
}

#[test]
fn benchmark_tables_of_two_releases_are_not_one_claim() {
    // A translation that lags a release behind shows its own release's benchmark: the
    // tables' captions name two releases, so their cells differ without a mismatch.
    // Under one release the same cells are a mismatch.
    let table = |caption: &str, cpu: &str| {
        format!(
            "{caption}\n\n| Scenario | Rooms | CPU | Memory |\n|---|---|---|---|\n\
             | 30 students | 80 | {cpu} | 6.1 GB |\n\n"
        )
    };
    let dir = temp_dir("releases");
    let file = dir.join("bench.md");
    for (second, expected) in [("Results of 3.2.0:", 0), ("Results of 3.1.4:", 1)] {
        std::fs::write(
            &file,
            format!(
                "# Bench\n\n## English\n\n{}## Chinese\n\n{}",
                table("Results of 3.1.4:", "76%"),
                table(second, "71%")
            ),
        )
        .unwrap();
        let (r, _, _) = json_report(&["check", file.to_str().unwrap(), "--format", "json"]);
        assert_eq!(r.of("value-mismatch").len(), expected, "{second}");
    }
}

#[test]
fn a_battery_rating_is_a_specification() {
    let flagged = messages_of(
        "spec-units",
        "launch.md",
        "# Launch\n\nA 4,200 mAh battery lasts 42 days. Sales rose 38% in the quarter.\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].starts_with("38%"), "{flagged:?}");
}

#[test]
fn a_figure_said_again_in_one_text_is_one_statistic() {
    // The box's 14,820 is the body's sourced 14,820 hours, whatever unit each is read
    // with; "40%" restates the sourced "two in five" beside it; the body's "roughly 2,150
    // bikes" is the box's unsourced figure again, reported once; a new figure still counts.
    let flagged = messages_of(
        "restated",
        "report.md",
        "# Report\n\n1. 14,820 volunteer hours.\n2. Fleet: 2,150 bikes at 214 stations.\n\n\
         ## Call-outs\n\nTwo in five call-outs were to walkers who were lost (incident log). \
         Between them the members gave 14,820 hours in 2025 (training records).\n\n\
         ## Fleet\n\nThe fleet now stands at roughly 2,150 bikes, spread over 214 stations. \
         Two in five of our call-outs, 40%, were to lost walkers.\n\n\
         Our fuel bill rose by 31%.\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 2, "{flagged:?}");
    assert!(flagged[0].starts_with("2,150"), "{flagged:?}");
    assert!(flagged[1].starts_with("31%"), "{flagged:?}");
}

#[test]
fn a_source_dropped_from_a_sentence_is_one_finding() {
    // Three figures lose one source together: one finding at the first, the others
    // named beside it; a figure whose own source is dropped elsewhere is its own finding.
    let flagged = messages_of(
        "dropped-once",
        "yearbook.md",
        "# 条目\n\n## 初稿\n\n全年完成造林3.2万亩，其中人工造林1.1万亩、封山育林2.1万亩（县林业局营造林核查）。\
         全年产茶油3,860吨（县林业局）。\n\n\
         ## 终审稿\n\n全年完成造林3.2万亩，其中人工造林1.1万亩、封山育林2.1万亩。\
         全年产茶油3,860吨。\n",
        "citation-dropped",
    );
    assert_eq!(flagged.len(), 2, "{flagged:?}");
    assert!(
        flagged[0].starts_with("3.2万亩 (and 2 more figures in this sentence)"),
        "{flagged:?}"
    );
    assert!(
        flagged[1].starts_with("3,860吨 has no source"),
        "{flagged:?}"
    );
}

#[test]
fn a_labelled_line_under_a_table_sources_it_and_small_counts_a_year_are_counts() {
    // 价格来源：…, 收费依据：…, "Test data: …" under a table source its cells; "40 school groups a year"
    // is a small count, not a statistic; a price with no line under its table still needs
    // a source.
    let flagged = messages_of(
        "table-lines",
        "spec.md",
        "# Spec\n\n| 配置 | 建议零售价 |\n|---|---|\n| 主机 | ¥19,800 |\n\n\
         价格来源：澜拓2026年价格表（9月版）。\n\n\
         | Item | Value |\n|---|---|\n| Rated output | 12,400 W |\n\n\
         Test data: TÜV SÜD test report (May 2026).\n\n\
         | 项目 | 标准 |\n|---|---|\n| 学费 | 22,000 元/学年 |\n\n\
         收费依据：浙江省发展和改革委员会《关于收费标准的批复》（浙发改价格〔2024〕56 号）。\n\n\
         The learning room is used by at least 40 school groups a year.\n\n\
         | Option | Price |\n|---|---|\n| Cylinder | €2,350 |\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].starts_with("€2,350"), "{flagged:?}");
}

#[test]
fn a_headline_rounding_a_sourced_figure_is_sourced_by_it() {
    // £18.4 million restates the table's sourced £18,412,600; £31.5 million rounds
    // nothing the document sources.
    let flagged = messages_of(
        "rounded-headline",
        "sale.md",
        "# Sale\n\nThe collection realised £18.4 million with premium.\n\n\
         Another sale made £31.5 million.\n\n\
         | Item | Total |\n|---|---|\n| Sale total | £18,412,600 |\n\n\
         Source: Halvard & Rowe auction results, 6 November 2026.\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].starts_with("£31.5 million"), "{flagged:?}");
}

#[test]
fn a_target_still_ahead_is_a_plan_but_a_forecast_needs_a_source() {
    // A goal the text sets itself for a period after --as-of is a plan; a forecast of
    // the world ("is expected to") and a goal whose period is over still need a source.
    let dir = temp_dir("goals");
    let path = dir.join("plan.md");
    std::fs::write(
        &path,
        "# Plan\n\n## Next year\n\n1. Reach 2,000 members by September 2027.\n\
         2. Cut the hall's grid use by half by 2030.\n\n\
         Our goal is to reach 75,000 children a year by 2027.\n\n\
         力争2027年全市托位达到1.2万个。\n\n\
         Ridership is expected to pass 5 million trips in 2027.\n\n\
         Our goal was to reach 60,000 children by 2025.\n\n\
         We expect to pass 3,000 connections by the end of December 2026.\n\n\
         我们预计 2027 年接待游客 30 万人次。\n\n\
         We expected to pass 2,000 connections by June 2026.\n",
    )
    .unwrap();
    let r = check_as_of(&path);
    let flagged: Vec<&str> = r.code_messages("missing-citation");
    // (The writer's own forecast for a period still ahead is a plan too; one whose
    // period is over is not.)
    assert_eq!(flagged.len(), 3, "{flagged:?}");
    assert!(flagged[0].starts_with("pass 5 million"), "{flagged:?}");
    assert!(flagged[1].starts_with("60,000"), "{flagged:?}");
    assert!(flagged[2].starts_with("pass 2,000"), "{flagged:?}");
}

#[test]
fn figures_in_a_plan_section_are_targets() {
    // Under a heading that names the writer's own plan (2026 年工作重点, "Priorities for
    // 2026"), a forecast, a figure for a period still ahead and an undated aim are
    // targets; a past figure there, and a forecast under any other heading, still need a
    // source.
    let dir = temp_dir("plan-sections");
    let path = dir.join("report.md");
    std::fs::write(
        &path,
        "# 年报\n\n## 2026 年工作重点\n\n\
         1. 预计 2026 年门急诊量将突破 135 万人次；\n\
         2. 到 2027 年底新增充电端口 15 万个；\n\
         3. 力争全年接待游客 300 万人次。\n\n\
         2025 年全年接待游客 286 万人次。\n\n\
         ## Priorities for 2027\n\n\
         - Open 40 new branches, adding 12,000 members.\n\n\
         ## 市场展望\n\n\
         预计到 2027 年，全市夜间消费额将突破 450 亿元。\n",
    )
    .unwrap();
    let r = check_as_of(&path);
    let flagged: Vec<&str> = r.code_messages("missing-citation");
    assert_eq!(flagged.len(), 2, "{flagged:?}");
    assert!(flagged[0].starts_with("286 万"), "{flagged:?}");
    assert!(flagged[1].contains("450 亿元"), "{flagged:?}");
}

#[test]
fn milestones_plans_and_conversion_rates_are_not_statistics() {
    // An ordinal milestone, a plan in Traditional characters for a period still ahead,
    // and the rate a text converts its amounts with need no source; the market share
    // beside them does.
    let flagged = messages_of(
        "milestones",
        "announcement.md",
        "# 公告\n\n本集團第 10 萬個超級快充樁已於二零二六年五月上線。\n\n\
         本集團計劃於二零二七年底前將超級快充樁增至 20 萬個。\n\n\
         本公告中的人民幣金額按 1 港元兌人民幣 0.9126 元換算。\n\n\
         本集團市場份額達 18.5%。\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].starts_with("18.5%"), "{flagged:?}");
}

#[test]
fn one_amount_per_two_periods_in_one_variant() {
    // $95 per year in one paragraph and $95 per month in another of one variant: the
    // period drifted. Equal percentages per two periods, small amounts, and two amounts
    // of two subjects are not one figure.
    let flagged = messages_of(
        "period-drift",
        "season.md",
        "# Season\n\nThe annual pass costs $95 per year and includes unlimited rides.\n\n\
         Our volunteers gave 309 hours a month on average.\n\n\
         Bike use grew 5% a year in the suburbs.\n\n\
         A day pass is $8 a day at any dock.\n\n\
         Members who renew before March keep the $95 per month price.\n\n\
         Each volunteer gave 309 hours a year, by the training records.\n\n\
         Ridership grew 5% a month in the city centre.\n\n\
         A weekly pass is $8 a week.\n",
        "unit-mismatch",
    );
    assert_eq!(flagged.len(), 2, "{flagged:?}");
    assert!(flagged.iter().any(|m| m.contains("$95")), "{flagged:?}");
    assert!(
        flagged.iter().any(|m| m.contains("309 hours")),
        "{flagged:?}"
    );
}

#[test]
fn a_figure_credited_to_two_local_bodies() {
    // One body the lexicon knows, one it does not: the wording tells them apart. A short
    // form of the same body (中汽协) is no other source.
    let flagged = messages_of(
        "local-bodies",
        "bulletin.md",
        "# 公报\n\n## 初稿\n\n全市农作物受灾面积 2.84 万公顷（市应急管理局）。\
         全年新能源汽车销量 949.5 万辆（据中汽协统计）。\n\n\
         ## 定稿\n\n全市农作物受灾面积 2.84 万公顷（市农业农村局）。\
         全年新能源汽车销量 949.5 万辆（据中国汽车工业协会统计）。\n",
        "attribution-mismatch",
    );
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].contains("2.84 万公顷"), "{flagged:?}");
}

#[test]
fn table_cells_take_the_unit_their_label_names() {
    // 缴存额（亿元） | 98.6 is 98.6亿元: the summary's 96.8 亿元 contradicts it, and its
    // 52.6 亿元 restates the sourced table. A label's （万个） is no figure of its own.
    let text = "# 年报\n\n1. 全年缴存额 96.8 亿元。\n2. 发放贷款 52.6 亿元。\n\n\
                | 指标 | 2025 年 |\n|---|---|\n| 实缴单位（万个） | 2.86 |\n\
                | 缴存额（亿元） | 98.6 |\n| 发放金额（亿元） | 52.6 |\n\n\
                数据来源：市住房公积金综合业务系统。\n";
    let values = messages_of("table-units", "report.md", text, "value-mismatch");
    assert_eq!(values.len(), 1, "{values:?}");
    assert!(
        values[0].contains("96.8") && values[0].contains("98.6"),
        "{values:?}"
    );
    let missing = messages_of("table-units-sources", "report.md", text, "missing-citation");
    assert!(missing.iter().all(|m| !m.contains("52.6")), "{missing:?}");
    let coverage = messages_of("table-units-labels", "report.md", text, "claim-coverage");
    assert!(coverage.iter().all(|m| !m.contains("(万)")), "{coverage:?}");
}

#[test]
fn events_in_other_words_and_languages_are_dated_alike() {
    // 始于 / began, 入列 / entered service, "launching" / went live.
    let flagged = messages_of(
        "event-words",
        "history.md",
        "# History\n\n## English version\n\nSedge began in 2019 as a class exercise.\n\n\
         The research vessel Haiyan 6 entered service in 2022.\n\n\
         Since the metered paywall went live in March 2023, readers pay more.\n\n\
         ## 中文版\n\nSedge 项目始于 2018 年，最初是一项课堂作业。\n\n\
         科考船 Haiyan 6 自 2023 年入列。\n\n\
         Since launching its metered paywall in May 2023, readers pay more.\n",
        "date-mismatch",
    );
    assert_eq!(flagged.len(), 3, "{flagged:?}");
    for (here, there) in [
        ("2018", "2019"),
        ("2023", "2022"),
        ("May 2023", "March 2023"),
    ] {
        assert!(
            flagged
                .iter()
                .any(|m| m.contains(here) && m.contains(there)),
            "{here} / {there}: {flagged:?}"
        );
    }
}

#[test]
fn a_source_line_under_two_tables_covers_both_and_door_numbers_are_names() {
    // One price list in two tables, its source under the second; an address's 1688 号.
    let flagged = messages_of(
        "two-tables",
        "sponsor.md",
        "# 赞助\n\n| 级别 | 价格 |\n|---|---|\n| 钻石 | 30 万元 |\n| 金牌 | 15 万元 |\n\n\
         | 单项 | 价格 |\n|---|---|\n| 直播间冠名 | 12 万元 |\n\n\
         来源：组委会《2026 赞助方案》（2026 年 7 月版）。\n\n\
         地址：滨江大道 1688 号。全市人均购书支出 326 元。\n",
        "missing-citation",
    );
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].contains("326"), "{flagged:?}");
}

#[test]
fn rates_per_area_and_nautical_miles_are_units() {
    let flagged = messages_of(
        "area-units",
        "vintage.md",
        "# Vintage\n\n## Version A\n\nYields were 5.6 tonnes per hectare.\n\n\
         The voyage covered 12,600 km.\n\nExtra booth space costs RMB 1,200 per square metre.\n\n\
         ## Version B\n\nYields were 5.6 tonnes per acre.\n\n\
         The voyage covered 12,600 nautical miles.\n\nExtra booth space costs RMB 1,200.\n",
        "unit-mismatch",
    );
    assert_eq!(flagged.len(), 3, "{flagged:?}");
    for unit in ["per acre", "nautical miles", "RMB 1,200"] {
        assert!(
            flagged.iter().any(|m| m.contains(unit)),
            "{unit}: {flagged:?}"
        );
    }
}

#[test]
fn a_preface_is_checked_against_the_table_row_it_names() {
    // One year a column: the preface's 530.2 万册次 is the row's 503.2, its 约 68.4 万 the
    // row's exact 68.4. A row of two years, or a sentence dated on its own, is not.
    let text = "# 报告\n\n## 前言\n\n这一年，持证读者约 68.4 万人，全年外借图书 530.2 万册次。\n\n\
                到 2030 年，外借图书力争达到 600 万册次。\n\n清运量 412.6 万吨。\n\n\
                ## 一、总体情况\n\n| 指标 | 2025 年 |\n|---|---|\n| 持证读者（万人） | 68.4 |\n\
                | 外借图书（万册次） | 503.2 |\n\n| 指标 | 2025 年 | 2024 年 |\n|---|---|---|\n\
                | 清运量（万吨） | 412.6 | 421.5 |\n\n来源：本馆集群管理系统。\n";
    let values = messages_of("preface-table", "report.md", text, "value-mismatch");
    assert_eq!(values.len(), 1, "{values:?}");
    assert!(
        values[0].contains("530.2") && values[0].contains("503.2"),
        "{values:?}"
    );
    let qualifiers = messages_of("preface-table-q", "report.md", text, "qualifier-mismatch");
    assert_eq!(qualifiers.len(), 1, "{qualifiers:?}");
    assert!(qualifiers[0].contains("68.4"), "{qualifiers:?}");
}

#[test]
fn a_figure_with_two_digits_swapped_in_the_translation_is_a_value_mismatch() {
    // 146 people / 164 位贡献者 and 38,400 tonnes / 34,800 吨: the same place in each
    // language, other words around them (people / 贡献者), two digits swapped. Not
    // reported: 2,350 visitors and 3,250 名游客, far apart in their variants; 2,460
    // postcards and 2,640 张, since the English states 2,640 (stamps) too.
    let dir = temp_dir("swapped-digits");
    let file = dir.join("osprey.md");
    std::fs::write(
        &file,
        "# Osprey\n\n## English\n\n\
         Our open day drew 2,350 visitors.\n\n\
         The project began in 2019 as a weekend script, and 146 people have contributed to it since.\n\n\
         The plant harvested 38,400 tonnes of fish this year.\n\n\
         The museum shop sold 2,460 postcards.\n\n\
         It also sold 2,640 stamps.\n\n\
         Thanks to everyone who tested the beta.\n\n\
         ## 中文\n\n\
         感谢所有参与测试版试用的朋友。\n\n\
         项目始于 2019 年，至今已有 164 位贡献者。\n\n\
         工厂今年收获鱼类 34,800 吨。\n\n\
         博物馆商店售出明信片 2,640 张。\n\n\
         商店还出售纪念邮票。\n\n\
         我们的开放日吸引了 3,250 名游客。\n",
    )
    .unwrap();
    let r = check_as_of(&file);
    let values: Vec<&str> = r.code_messages("value-mismatch");
    assert_eq!(values.len(), 2, "{:?}", r.messages());
    assert!(values.iter().any(|m| m.contains("164")), "{values:?}");
    assert!(values.iter().any(|m| m.contains("34,800")), "{values:?}");
}

#[test]
fn a_translated_sentence_dated_differently_still_pairs_its_figures() {
    // The release's month drifted (June / 9 月) and so did the contributors (187 / 178):
    // both are reported, the second though the sentence's date differs.
    let dir = temp_dir("redated-counterpart");
    let file = dir.join("sedge.md");
    std::fs::write(
        &file,
        "# Sedge\n\n## English\n\n\
         DNS-over-QUIC upstreams arrived in 0.8.0 (June 2024), and the project moved to a \
         foundation-style governance with 5 core maintainers and 187 contributors.\n\n\
         ## 中文\n\n\
         DNS-over-QUIC 上游支持在 0.8.0 版（2024 年 9 月）加入；目前项目由 5 位核心维护者和 178 位贡献者共同维护。\n",
    )
    .unwrap();
    let r = check_as_of(&file);
    assert_eq!(r.of("date-mismatch").len(), 1, "{:?}", r.messages());
    let values = r.of("value-mismatch");
    assert_eq!(values.len(), 1, "{:?}", r.messages());
    assert!(
        values[0].message.contains("178") && values[0].message.contains("187"),
        "{:?}",
        r.messages()
    );
}

#[test]
fn a_translation_that_kept_an_old_benchmark_row_is_a_value_mismatch() {
    // The translation was synced at 1.9.0 and kept that run's row; the original re-ran it
    // for 2.4.0. Its changed cells are reported; the cells of the rows carried over, and
    // the tools' versions in their own column, are not.
    let dir = temp_dir("stale-bench-row");
    std::fs::write(
        dir.join("README.md"),
        "# Sumwise\n\n## Benchmarks\n\n\
         | Engine | Version | Recalc | Peak memory |\n|---|---|---|---|\n\
         | Sumwise | 2.4.0 | 1.82 s | 640 MB |\n\
         | HyperFormula | 2.7.1 | 9.4 s | 2.1 GB |\n\
         | Pandoc + WeasyPrint | 3.6 / 63.1 | 71 s | 2.6 GB |\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("README.zh-CN.md"),
        "# Sumwise\n\n## 基准测试\n\n\
         | 引擎 | 版本 | 重算 | 峰值内存 |\n|---|---|---|---|\n\
         | Sumwise | 1.9.0 | 2.61 秒 | 790 MB |\n\
         | HyperFormula | 2.7.1 | 9.4 秒 | 2.1 GB |\n\
         | Pandoc + WeasyPrint | 3.1 / 60.2 | 71 秒 | 2.6 GB |\n",
    )
    .unwrap();
    let r = check_as_of(&dir);
    let values: Vec<&str> = r.code_messages("value-mismatch");
    assert_eq!(values.len(), 2, "{:?}", r.messages());
    assert!(values.iter().any(|m| m.contains("2.61")), "{values:?}");
    assert!(values.iter().any(|m| m.contains("790")), "{values:?}");
}

#[test]
fn a_translation_that_splits_a_sentence_keeps_its_date() {
    // The English splits the Chinese sentence in two, its date in the first half; the
    // day drifted (5 月 18 日 / 18 June). The area, equal in both, pairs the halves.
    let dir = temp_dir("split-sentence-date");
    let file = dir.join("garden.md");
    std::fs::write(
        &file,
        "# Garden\n\n## 中文\n\n\
         全年接待游客 86.4 万人次。\n\n\
         热带雨林温室于 2025 年 5 月 18 日对外开放，展览面积 1.2 万平方米，是华南地区最大的展览温室之一。\n\n\
         活植物收集 1.46 万种，新增 1,046 号。种子库保存种子 4.2 万份。\n\n\
         科普活动 1,380 场，志愿服务 4.1 万小时。门票收入 2,350 万元。\n\n\
         园区位于城市东郊，三面环山，一面临水。园内道路经过重新设计，游客可以沿着溪流步行，\
         穿过竹林和兰花园，最后到达山顶的观景台。我们感谢所有志愿者、合作单位和捐赠者的支持，\
         也感谢游客对温室开放初期排队问题的理解。明年我们将继续改善导览标识和无障碍设施，\
         并在夏季延长夜间开放时间，让更多市民在凉爽的傍晚走进植物园，认识身边的植物。\n\n\
         ## English\n\n\
         The garden welcomed 864,000 visitors in the year.\n\n\
         The Rainforest Glasshouse opened on 18 June 2025. With 12,000 m² of display space it is \
         one of the largest in southern China.\n\n\
         The living collection holds 14,600 taxa, with 1,046 new accessions. The seed bank holds \
         42,000 collections.\n\n\
         We ran 1,380 public events, and volunteers gave 41,000 hours. Ticket income was \
         RMB 23.5 million.\n\n\
         The garden lies on the eastern edge of the city, with hills on three sides and water on \
         the fourth. Its paths were redesigned so that visitors can walk along the stream, through \
         the bamboo grove and the orchid garden, up to the lookout on the hill. We thank our \
         volunteers, partners and donors, and our visitors for their patience with the queues in \
         the glasshouse's first weeks. Next year we will improve signs and step-free access, and \
         open late on summer evenings so that more people can come when it is cool.\n",
    )
    .unwrap();
    let r = check_as_of(&file);
    let dates = r.of("date-mismatch");
    assert_eq!(dates.len(), 1, "{:?}", r.messages());
}
