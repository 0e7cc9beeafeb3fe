//! Benchmark corpus generator: deterministic, realistic multi-variant Markdown, half
//! Chinese and half English, dense with figures, dates, names, quotes and citations.
//!
//! Each document states a list of facts (a company's metric in a year, with a source,
//! a date, a person and a quote) three times, once per variant (初稿/修订版/终稿,
//! Version 1/2/3, English/中文版), in varied wording chosen by a seeded PRNG; a later
//! variant sometimes drifts (a changed figure, a dropped citation, another year), so the
//! rules have real work to do. Same arguments, same bytes.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --size 10MB --out target/corpus/10mb
//! cargo run --release --example gen_corpus -- --size 50MB --single --out target/corpus/50mb.md
//! ```
//!
//! Without `--single`, `--out` is a folder filled with files of about `--file-size`
//! (default 20KB); with it, `--out` is one file holding one document of `--size`.
//! Sizes take KB, MB and GB suffixes (powers of 1000).

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// SplitMix64: tiny, seeded, and the same on every platform.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next_u64() % u64::from(hi - lo + 1)) as u32
    }
    fn chance(&mut self, percent: u32) -> bool {
        self.range(1, 100) <= percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const COMPANIES: &[(&str, &str)] = &[
    ("英伟达", "NVIDIA"),
    ("微软", "Microsoft"),
    ("比亚迪", "BYD"),
    ("特斯拉", "Tesla"),
    ("宁德时代", "CATL"),
    ("阿里巴巴", "Alibaba"),
    ("腾讯", "Tencent"),
    ("Meta", "Meta"),
    ("OpenAI", "OpenAI"),
    ("Databricks", "Databricks"),
    ("星河云科技", "Xinghe Cloud"),
    ("隆基绿能", "LONGi"),
    ("台积电", "TSMC"),
    ("小米", "Xiaomi"),
    ("Mistral AI", "Mistral AI"),
    ("Hugging Face", "Hugging Face"),
];

const METRICS: &[(&str, &str)] = &[
    ("营收", "revenue"),
    ("净利润", "net income"),
    ("数据中心收入", "data-center revenue"),
    ("研发投入", "R&D spending"),
    ("海外收入", "overseas revenue"),
    ("云业务收入", "cloud revenue"),
    ("经营现金流", "operating cash flow"),
    ("广告收入", "advertising revenue"),
];

const COUNTS: &[(&str, &str)] = &[
    ("月活跃用户", "monthly active users"),
    ("付费企业客户", "paying business customers"),
    ("交付量", "deliveries"),
    ("员工人数", "employees"),
    ("开发者", "developers"),
];

const SOURCES: &[(&str, &str)] = &[
    ("Gartner", "Gartner"),
    ("IDC", "IDC"),
    ("国家统计局", "the National Bureau of Statistics"),
    ("公司年报", "the company's annual report"),
    ("彭博社", "Bloomberg"),
    ("路透社", "Reuters"),
    ("中国汽车工业协会", "CAAM"),
    ("国际能源署", "the IEA"),
    ("麦肯锡", "McKinsey"),
    ("Counterpoint", "Counterpoint"),
];

const PEOPLE: &[(&str, &str)] = &[
    ("黄仁勋", "Jensen Huang"),
    ("萨提亚·纳德拉", "Satya Nadella"),
    ("王传福", "Wang Chuanfu"),
    ("埃隆·马斯克", "Elon Musk"),
    ("曾毓群", "Robin Zeng"),
    ("张勇", "Daniel Zhang"),
    ("马化腾", "Pony Ma"),
    ("科莱特·克雷斯", "Colette Kress"),
    ("李开复", "Kai-Fu Lee"),
    ("萨姆·奥尔特曼", "Sam Altman"),
];

const QUOTES: &[(&str, &str)] = &[
    (
        "下一场工业革命已经开始。",
        "The next industrial revolution has begun.",
    ),
    (
        "我们的需求仍然超过供给。",
        "Demand still exceeds our supply.",
    ),
    ("价格战不会持续太久。", "The price war will not last long."),
    (
        "开源是唯一的长期答案。",
        "Open source is the only long-term answer.",
    ),
    (
        "我们会继续加大研发投入。",
        "We will keep raising our R&D spending.",
    ),
    (
        "海外市场是下一个增长引擎。",
        "Overseas markets are the next growth engine.",
    ),
    (
        "今年是真正的转折点。",
        "This year is the real turning point.",
    ),
];

const EVENTS: &[(&str, &str)] = &[
    ("财报电话会", "the earnings call"),
    ("年度开发者大会", "the annual developer conference"),
    ("股东大会", "the shareholder meeting"),
    ("世界人工智能大会", "the World AI Conference"),
    ("一次媒体专访", "a press interview"),
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const ZH_FILLER: &[&str] = &[
    "市场普遍认为，这一趋势仍将延续。",
    "分析人士指出，竞争格局正在快速变化。",
    "与此同时，行业监管也在逐步收紧。",
    "这意味着中小厂商的生存空间被进一步压缩。",
    "从长期看，成本曲线的下降才是关键变量。",
    "不过，供应链的不确定性依然存在。",
];

const EN_FILLER: &[&str] = &[
    "Most analysts expect the trend to continue.",
    "The competitive landscape is shifting quickly.",
    "Regulators, meanwhile, are tightening the rules.",
    "Smaller vendors are being squeezed as a result.",
    "In the long run the cost curve is what matters.",
    "Supply-chain uncertainty has not gone away.",
];

/// One statement of fact, rendered once per variant.
#[derive(Clone, Copy)]
struct Fact {
    company: usize,
    kind: Kind,
    year: u32,
    month: u32,
    day: u32,
    source: usize,
    person: usize,
    quote: usize,
    event: usize,
    pct: u32,
}

#[derive(Clone, Copy)]
enum Kind {
    /// An amount of money in units of 0.01 billion dollars (1234 = $12.34 billion).
    Money { metric: usize, cents_bn: u32 },
    /// A count in units of 10,000 (万).
    Count { metric: usize, wan: u32 },
    /// A forecast for a later year.
    Forecast { metric: usize, cents_bn: u32 },
    /// A quote.
    Quote,
}

impl Fact {
    fn random(rng: &mut Rng) -> Fact {
        let kind = match rng.below(10) {
            0..=3 => Kind::Money {
                metric: rng.below(METRICS.len()),
                cents_bn: rng.range(12, 30_000),
            },
            4 | 5 => Kind::Count {
                metric: rng.below(COUNTS.len()),
                wan: rng.range(3, 90_000),
            },
            6 | 7 => Kind::Forecast {
                metric: rng.below(METRICS.len()),
                cents_bn: rng.range(50, 40_000),
            },
            _ => Kind::Quote,
        };
        Fact {
            company: rng.below(COMPANIES.len()),
            kind,
            year: rng.range(2015, 2025),
            month: rng.range(1, 12),
            day: rng.range(1, 28),
            source: rng.below(SOURCES.len()),
            person: rng.below(PEOPLE.len()),
            quote: rng.below(QUOTES.len()),
            event: rng.below(EVENTS.len()),
            pct: rng.range(1, 480),
        }
    }

    /// A later variant's copy: usually the same, sometimes drifted.
    fn drift(&self, rng: &mut Rng) -> Fact {
        let mut f = *self;
        if rng.chance(6) {
            f.kind = match self.kind {
                Kind::Money { metric, cents_bn } => Kind::Money {
                    metric,
                    cents_bn: cents_bn + rng.range(1, 40),
                },
                Kind::Count { metric, wan } => Kind::Count {
                    metric,
                    wan: wan + rng.range(1, 90),
                },
                Kind::Forecast { metric, cents_bn } => Kind::Forecast {
                    metric,
                    cents_bn: cents_bn + rng.range(1, 40),
                },
                Kind::Quote => Kind::Quote,
            };
        }
        if rng.chance(4) {
            f.year = self.year + 1;
        }
        if rng.chance(5) {
            f.pct = self.pct + rng.range(1, 9);
        }
        f
    }
}

/// 1234 (hundredths of a billion) → "123.4亿美元".
fn zh_money(cents_bn: u32) -> String {
    let yi = f64::from(cents_bn) / 10.0;
    if cents_bn % 10 == 0 {
        format!("{}亿美元", cents_bn / 10)
    } else {
        format!("{yi:.1}亿美元")
    }
}

/// 1234 → "$12.34 billion"; below a billion, millions.
fn en_money(cents_bn: u32, rng: &mut Rng) -> String {
    if cents_bn < 100 {
        return format!("${} million", cents_bn * 10);
    }
    let bn = f64::from(cents_bn) / 100.0;
    match rng.below(3) {
        0 => format!("${bn:.2} billion"),
        1 => format!("US${bn:.2}B"),
        _ => format!("{bn:.2} billion dollars"),
    }
}

fn zh_count(wan: u32) -> String {
    if wan >= 10_000 && wan % 100 == 0 {
        format!("{}亿", wan / 10_000)
    } else {
        format!("{wan}万")
    }
}

fn en_count(wan: u32) -> String {
    let n = u64::from(wan) * 10_000;
    if n >= 1_000_000 {
        format!("{:.1} million", n as f64 / 1e6)
    } else {
        let s = n.to_string();
        let (a, b) = s.split_at(s.len() - 3);
        format!("{a},{b}")
    }
}

fn zh_sentence(f: &Fact, rng: &mut Rng, out: &mut String) {
    let c = COMPANIES[f.company].0;
    let src = SOURCES[f.source].0;
    let cite = rng.chance(85);
    let cite_s = if cite {
        format!("（{src}，{}年）", f.year)
    } else {
        String::new()
    };
    match f.kind {
        Kind::Money { metric, cents_bn } => {
            let m = METRICS[metric].0;
            let v = zh_money(cents_bn);
            let _ = match rng.below(4) {
                0 => write!(
                    out,
                    "{c}{}年{m}达到{v}，同比增长{}%{cite_s}。",
                    f.year, f.pct
                ),
                1 => write!(
                    out,
                    "据{src}统计，{}年{}月{}日，{c}公布的{m}为{v}。",
                    f.year, f.month, f.day
                ),
                2 => write!(out, "{}年，{c}的{m}约为{v}{cite_s}。", f.year),
                _ => write!(
                    out,
                    "{c}披露，{}财年{m}超{v}，较上年提升{}%{cite_s}。",
                    f.year, f.pct
                ),
            };
        }
        Kind::Count { metric, wan } => {
            let m = COUNTS[metric].0;
            let v = zh_count(wan);
            let _ = match rng.below(3) {
                0 => write!(
                    out,
                    "截至{}年{}月，{c}{m}已达{v}{cite_s}。",
                    f.year, f.month
                ),
                1 => write!(out, "{c}在{}年拥有{v}{m}（{src}）。", f.year),
                _ => write!(out, "{}年{c}的{m}同比增长{}%，达到{v}。", f.year, f.pct),
            };
        }
        Kind::Forecast { metric, cents_bn } => {
            let m = METRICS[metric].0;
            let v = zh_money(cents_bn);
            let _ = write!(
                out,
                "{c}预计{}年{m}将达到{v}{cite_s}。",
                f.year + rng.range(1, 6)
            );
        }
        Kind::Quote => {
            let _ = write!(
                out,
                "{}在{}上表示：“{}”",
                PEOPLE[f.person].0, EVENTS[f.event].0, QUOTES[f.quote].0
            );
        }
    }
}

fn en_sentence(f: &Fact, rng: &mut Rng, out: &mut String) {
    let c = COMPANIES[f.company].1;
    let src = SOURCES[f.source].1;
    let cite = rng.chance(85);
    let cite_s = if cite {
        format!(" ({src}, {})", f.year)
    } else {
        String::new()
    };
    let month = MONTHS[(f.month - 1) as usize];
    match f.kind {
        Kind::Money { metric, cents_bn } => {
            let m = METRICS[metric].1;
            let v = en_money(cents_bn, rng);
            let _ = match rng.below(4) {
                0 => write!(
                    out,
                    "{c} reported {m} of {v} in {}, up {}% year on year{cite_s}.",
                    f.year, f.pct
                ),
                1 => write!(
                    out,
                    "According to {src}, on {month} {}, {}, {c} said its {m} reached {v}.",
                    f.day, f.year
                ),
                2 => write!(out, "In {}, {c}'s {m} was about {v}{cite_s}.", f.year),
                _ => write!(
                    out,
                    "{c} disclosed fiscal {} {m} of more than {v}, {}% higher than a year earlier{cite_s}.",
                    f.year, f.pct
                ),
            };
        }
        Kind::Count { metric, wan } => {
            let m = COUNTS[metric].1;
            let v = en_count(wan);
            let _ = match rng.below(3) {
                0 => write!(out, "By {month} {}, {c} had {v} {m}{cite_s}.", f.year),
                1 => write!(out, "{c} counted {v} {m} in {} ({src}).", f.year),
                _ => write!(out, "{c}'s {m} grew {}% in {} to reach {v}.", f.pct, f.year),
            };
        }
        Kind::Forecast { metric, cents_bn } => {
            let m = METRICS[metric].1;
            let v = en_money(cents_bn, rng);
            let _ = write!(
                out,
                "{c} expects its {m} to reach {v} by {}{cite_s}.",
                f.year + rng.range(1, 6)
            );
        }
        Kind::Quote => {
            let _ = write!(
                out,
                "{} said at {}: \"{}\"",
                PEOPLE[f.person].1, EVENTS[f.event].1, QUOTES[f.quote].1
            );
        }
    }
}

/// Render one variant's body from its facts: sections of paragraphs, lists and tables.
fn render_variant(facts: &[Fact], zh: bool, rng: &mut Rng, out: &mut String) {
    let mut i = 0;
    let mut section = 1;
    while i < facts.len() {
        if zh {
            let _ = writeln!(
                out,
                "### {}、{}\n",
                section,
                rng.pick(&["核心数据", "市场格局", "管理层表态", "风险提示", "展望"])
            );
        } else {
            let _ = writeln!(
                out,
                "### {}. {}\n",
                section,
                rng.pick(&[
                    "Key figures",
                    "The market",
                    "What management said",
                    "Risks",
                    "Outlook"
                ])
            );
        }
        section += 1;
        for _ in 0..rng.range(2, 4) {
            if i >= facts.len() {
                break;
            }
            let n = rng.range(2, 5) as usize;
            let chunk = &facts[i..(i + n).min(facts.len())];
            i += chunk.len();
            match rng.below(6) {
                0 => {
                    for f in chunk {
                        out.push_str("- ");
                        sentence(f, zh, rng, out);
                        out.push('\n');
                    }
                }
                1 if chunk.iter().all(|f| matches!(f.kind, Kind::Money { .. })) => {
                    table(chunk, zh, out);
                }
                _ => {
                    for f in chunk {
                        sentence(f, zh, rng, out);
                        if !zh {
                            out.push(' ');
                        }
                    }
                    if rng.chance(40) {
                        out.push_str(if zh {
                            rng.pick(ZH_FILLER)
                        } else {
                            rng.pick(EN_FILLER)
                        });
                    }
                    out.push('\n');
                }
            }
            out.push('\n');
        }
    }
}

fn sentence(f: &Fact, zh: bool, rng: &mut Rng, out: &mut String) {
    if zh {
        zh_sentence(f, rng, out);
    } else {
        en_sentence(f, rng, out);
    }
}

fn table(facts: &[Fact], zh: bool, out: &mut String) {
    out.push_str(if zh {
        "| 公司 | 指标 | 年份 | 数值 | 来源 |\n|---|---|---|---|---|\n"
    } else {
        "| Company | Metric | Year | Value | Source |\n|---|---|---|---|---|\n"
    });
    for f in facts {
        if let Kind::Money { metric, cents_bn } = f.kind {
            let (c, m, s) = if zh {
                (
                    COMPANIES[f.company].0,
                    METRICS[metric].0,
                    SOURCES[f.source].0,
                )
            } else {
                (
                    COMPANIES[f.company].1,
                    METRICS[metric].1,
                    SOURCES[f.source].1,
                )
            };
            let v = if zh {
                zh_money(cents_bn)
            } else {
                format!("${:.2} billion", f64::from(cents_bn) / 100.0)
            };
            let _ = writeln!(out, "| {c} | {m} | {} | {v} | {s} |", f.year);
        }
    }
}

/// One document of about `target` bytes in one language, three variants.
pub fn document(rng: &mut Rng, zh: bool, target: usize, out: &mut String) {
    let start = out.len();
    let c = rng.below(COMPANIES.len());
    if zh {
        let _ = writeln!(
            out,
            "# {}{}年经营情况解读\n\n> 编辑说明：以下为同一篇稿件的三个版本，发稿前需合并核对。\n",
            COMPANIES[c].0,
            rng.range(2018, 2025)
        );
    } else {
        let _ = writeln!(
            out,
            "# {} in {}: the numbers\n\n> Editor's note: three drafts of one story, to be reconciled before publication.\n",
            COMPANIES[c].1,
            rng.range(2018, 2025)
        );
    }
    // About 110 bytes per English fact and 90 per Chinese one, three times over.
    let per = if zh { 95 } else { 120 };
    let n = (target / 3 / per).max(3);
    let base: Vec<Fact> = (0..n).map(|_| Fact::random(rng)).collect();
    let names: [&str; 3] = if zh {
        [
            rng.pick(&["初稿", "版本一", "第一版"]),
            rng.pick(&["修订版", "版本二", "第二版"]),
            rng.pick(&["终稿", "版本三", "定稿"]),
        ]
    } else {
        [
            rng.pick(&["Version 1", "Draft A", "Original"]),
            rng.pick(&["Version 2", "Draft B", "Revised"]),
            rng.pick(&["Version 3", "Draft C", "Final"]),
        ]
    };
    for (k, name) in names.iter().enumerate() {
        let _ = writeln!(out, "## {name}\n");
        if k == 0 {
            render_variant(&base, zh, rng, out);
        } else {
            let drifted: Vec<Fact> = base.iter().map(|f| f.drift(rng)).collect();
            render_variant(&drifted, zh, rng, out);
        }
        if out.len() - start > target * 2 {
            break;
        }
    }
}

fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let upper = s.to_ascii_uppercase();
    let (num, mult) = if let Some(n) = upper.strip_suffix("GB") {
        (n, 1_000_000_000)
    } else if let Some(n) = upper.strip_suffix("MB") {
        (n, 1_000_000)
    } else if let Some(n) = upper.strip_suffix("KB") {
        (n, 1_000)
    } else {
        (upper.as_str(), 1)
    };
    num.trim()
        .parse::<f64>()
        .ok()
        .map(|n| (n * mult as f64) as usize)
}

struct Args {
    size: usize,
    file_size: usize,
    out: PathBuf,
    single: bool,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut size = None;
    let mut file_size = 20_000;
    let mut out = None;
    let mut single = false;
    let mut seed = 5;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--size" => size = parse_size(&value("--size")?),
            "--file-size" => {
                file_size = parse_size(&value("--file-size")?).ok_or("bad --file-size")?;
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--single" => single = true,
            "--seed" => seed = value("--seed")?.parse().map_err(|_| "bad --seed")?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args {
        size: size.ok_or("--size SIZE is required (10MB, 500KB)")?,
        file_size: file_size.max(2_000),
        out: out.ok_or("--out PATH is required")?,
        single,
        seed,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "gen_corpus: {e}\nusage: gen_corpus --size 10MB --out DIR [--file-size 20KB] [--single] [--seed N]"
            );
            return ExitCode::from(2);
        }
    };
    let mut rng = Rng(args.seed);
    if args.single {
        let mut text = String::with_capacity(args.size + args.size / 8);
        // Alternate Chinese and English sections inside the one document's variants.
        document_mixed(&mut rng, args.size, &mut text);
        if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        let len = text.len();
        if let Err(e) = std::fs::write(&args.out, text) {
            eprintln!("gen_corpus: {}: {e}", args.out.display());
            return ExitCode::from(2);
        }
        println!("{}: {len} bytes", args.out.display());
        return ExitCode::SUCCESS;
    }
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("gen_corpus: {}: {e}", args.out.display());
        return ExitCode::from(2);
    }
    let mut total = 0;
    let mut k = 0;
    let mut text = String::with_capacity(args.file_size * 3);
    while total < args.size {
        text.clear();
        // Vary file sizes around the target (±50%) so files are not all alike.
        let target = args.file_size / 2 + rng.below(args.file_size);
        document(&mut rng, k % 2 == 0, target, &mut text);
        let path = args.out.join(format!("doc-{k:06}.md"));
        if let Err(e) = std::fs::write(&path, &text) {
            eprintln!("gen_corpus: {}: {e}", path.display());
            return ExitCode::from(2);
        }
        total += text.len();
        k += 1;
    }
    println!("{}: {k} files, {total} bytes", args.out.display());
    ExitCode::SUCCESS
}

/// One large document: three variants, each alternating Chinese and English sections.
fn document_mixed(rng: &mut Rng, target: usize, out: &mut String) {
    out.push_str("# 年度行业数据汇编 / Industry figures of the year\n\n");
    let per_variant = target / 3;
    // Sections of 200 facts, each in one language; the first variant is written while
    // they are drawn, until it is a third of the target, then the same sections again.
    let _ = writeln!(out, "## 版本一\n");
    let first = out.len();
    let mut sections: Vec<(bool, Vec<Fact>)> = Vec::new();
    let mut zh = true;
    while out.len() - first < per_variant {
        let facts: Vec<Fact> = (0..200).map(|_| Fact::random(rng)).collect();
        render_variant(&facts, zh, rng, out);
        sections.push((zh, facts));
        zh = !zh;
    }
    for name in ["版本二", "版本三"] {
        let _ = writeln!(out, "## {name}\n");
        for (zh, facts) in &sections {
            let drifted: Vec<Fact> = facts.iter().map(|f| f.drift(rng)).collect();
            render_variant(&drifted, *zh, rng, out);
        }
    }
}
