//! Parse stage: pulldown-cmark offset events become [`Doc`]: prose blocks whose plain
//! text maps back to source byte ranges, the headings, the ordered lists with their
//! start numbers, and the top-level block sequence the variant splitter reads.
//!
//! Code blocks, inline code, HTML and math never reach the prose text; tables, lists,
//! quotes, headings and emphasis do.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, TextMergeWithOffset};

/// What kind of container a prose block came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    ListItem,
    TableCell,
}

/// One piece of the plain text and the source bytes it came from. The pieces cover the
/// plain text in order, so a piece starts where the one before ends (the first at 0):
/// only its end is stored.
#[derive(Debug, Clone)]
struct Seg {
    plain_end: usize,
    src: Range<usize>,
    /// The plain text equals the source slice byte for byte, so positions inside the
    /// segment map one to one. Otherwise (escapes, entities) the whole segment maps to the
    /// whole source range.
    exact: bool,
}

/// A run of prose: a paragraph, heading, tight list item or table cell.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// Source range of the container.
    pub range: Range<usize>,
    /// The visible text, emphasis markers and link syntax removed.
    pub text: String,
    /// The map of the text to the source, its emphasis, links and footnote marks: boxed,
    /// and none once the prose is released ([`Doc::release_prose`]), so that a block
    /// kept for the rules is its kind, ranges and place, not four empty vectors.
    marks: Option<Box<Marks>>,
    /// Inside a footnote definition: source text, not prose to check.
    pub in_footnote: bool,
    /// One more than the index into [`Doc::headings`] of the heading this block sits
    /// under, 0 for none ([`Block::section`]; a u32 and no `Option`, four bytes rather
    /// than eight: a block is kept for the whole run, and a dense document has hundreds
    /// of thousands).
    section: u32,
    /// For a table cell: which table, row and column (row 0 is the header).
    pub cell: Option<Cell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub table: u32,
    pub row: u32,
    pub col: u32,
}

/// What a block's text holds besides its characters: the map to the source, and the
/// marks few blocks have, boxed (a dense document's prose is held whole while it is
/// parsed, and its size sets how far the heap grows).
#[derive(Debug, Clone, Default)]
struct Marks {
    segs: Vec<Seg>,
    rare: Option<Box<Rare>>,
}

#[derive(Debug, Clone, Default)]
struct Rare {
    /// Plain ranges set in bold or italics.
    emphasis: Vec<Range<usize>>,
    /// Plain ranges of link text, with the destination.
    links: Vec<(Range<usize>, String)>,
    /// Plain positions where a footnote reference stands, with its label.
    footnotes: Vec<(usize, String)>,
}

impl Block {
    /// Drop the block's visible text and its map to the source
    /// ([`Doc::release_prose`] for the whole document).
    pub fn release_prose(&mut self) {
        self.text = String::new();
        self.marks = None;
    }

    /// Index into [`Doc::headings`] of the heading this block sits under, if any.
    pub fn section(&self) -> Option<usize> {
        (self.section as usize).checked_sub(1)
    }

    fn segs(&self) -> &[Seg] {
        self.marks.as_deref().map_or(&[], |m| &m.segs)
    }

    fn marks_mut(&mut self) -> &mut Marks {
        self.marks.get_or_insert_default()
    }

    fn rare(&self) -> Option<&Rare> {
        self.marks.as_deref().and_then(|m| m.rare.as_deref())
    }

    fn rare_mut(&mut self) -> &mut Rare {
        self.marks_mut().rare.get_or_insert_default()
    }

    /// Give back the slack of the text and its map, once the block is complete.
    fn tighten(&mut self) {
        self.text.shrink_to_fit();
        if let Some(m) = &mut self.marks {
            m.segs.shrink_to_fit();
        }
    }

    /// Plain ranges set in bold or italics.
    pub fn emphasis(&self) -> &[Range<usize>] {
        self.rare().map_or(&[], |m| &m.emphasis)
    }

    /// Plain ranges of link text, with the destination.
    pub fn links(&self) -> &[(Range<usize>, String)] {
        self.rare().map_or(&[], |m| &m.links)
    }

    /// Plain positions where a footnote reference stands, with its label.
    pub fn footnotes(&self) -> &[(usize, String)] {
        self.rare().map_or(&[], |m| &m.footnotes)
    }

    /// Map a range of [`Block::text`] back to source bytes.
    pub fn to_src(&self, plain: Range<usize>) -> Range<usize> {
        let start = self.map_pos(plain.start, false);
        let end = self.map_pos(plain.end, true).max(start);
        start..end
    }

    fn map_pos(&self, pos: usize, is_end: bool) -> usize {
        let segs = self.segs();
        let i = if is_end {
            segs.partition_point(|s| s.plain_end < pos)
        } else {
            segs.partition_point(|s| s.plain_end <= pos)
        };
        let (i, seg) = match segs.get(i) {
            Some(seg) => (i, seg),
            None => match segs.last() {
                Some(seg) => (segs.len() - 1, seg),
                None => return self.range.start,
            },
        };
        let plain_start = i.checked_sub(1).map_or(0, |before| segs[before].plain_end);
        if pos <= plain_start {
            return seg.src.start;
        }
        if pos >= seg.plain_end {
            return seg.src.end;
        }
        if seg.exact {
            seg.src.start + (pos - plain_start)
        } else if is_end {
            seg.src.end
        } else {
            seg.src.start
        }
    }

    fn push_text(&mut self, text: &str, src: Range<usize>, source: &str) {
        let start = self.text.len();
        self.text.push_str(text);
        let exact = source.get(src.clone()) == Some(text);
        let end = self.text.len();
        debug_assert_eq!(start, self.segs().last().map_or(0, |s| s.plain_end));
        self.marks_mut().segs.push(Seg {
            plain_end: end,
            src,
            exact,
        });
    }
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub range: Range<usize>,
    pub text: String,
}

/// An ordered list: its start number and, per item, the number written in the source.
#[derive(Debug, Clone)]
pub struct OrderedList {
    pub start: u64,
    pub range: Range<usize>,
    pub items: Vec<ListItem>,
    /// Nesting depth: 0 for a list that is not inside another list.
    pub depth: usize,
    pub section: Option<usize>,
    /// Index of this list's top-level block in [`Doc::top`].
    pub top_index: usize,
}

#[derive(Debug, Clone)]
pub struct ListItem {
    pub range: Range<usize>,
    pub written: Option<u64>,
}

/// The kinds of top-level block the variant splitter needs to see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopKind {
    Paragraph,
    Heading,
    Rule,
    List,
    Other,
}

#[derive(Debug, Clone)]
pub struct TopBlock {
    pub kind: TopKind,
    pub range: Range<usize>,
    /// For headings, the index into [`Doc::headings`].
    pub heading: Option<usize>,
}

/// An HTML comment, kept for suppressions.
#[derive(Debug, Clone)]
pub struct Comment {
    pub range: Range<usize>,
    pub body: String,
}

#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
    pub headings: Vec<Heading>,
    pub lists: Vec<OrderedList>,
    pub top: Vec<TopBlock>,
    pub comments: Vec<Comment>,
    /// Source range of each table, by table index.
    pub tables: Vec<Range<usize>>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// An index stored as u32 (a document with more headings or table cells than that
/// would not fit in memory first).
fn small(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A block's stored section ([`Block::section`]): 0 for none, else the heading's index
/// plus one.
fn section_of(h: Option<usize>) -> u32 {
    h.map_or(0, |h| small(h.saturating_add(1)))
}

fn level_num(level: HeadingLevel) -> u8 {
    level as u8
}

impl Doc {
    /// Drop what only extraction, summary detection and house rules read: each
    /// block's visible text and its map back to the source, its emphasis, links and
    /// footnote marks. Kinds and ranges stay, as do headings, lists, comments and
    /// tables. After this a block's [`Block::to_src`] gives its start.
    pub fn release_prose(&mut self) {
        for b in &mut self.blocks {
            b.release_prose();
        }
    }

    /// Append `other`, a document parsed from text placed at byte `base` of a combined
    /// text (a group of files checked as variants of one document).
    pub fn append(&mut self, other: Doc, base: usize) {
        let shift = |r: &Range<usize>| r.start + base..r.end + base;
        let (h0, t0, tb0) = (self.headings.len(), self.top.len(), self.tables.len());
        for mut b in other.blocks {
            b.range = shift(&b.range);
            if let Some(m) = &mut b.marks {
                for seg in &mut m.segs {
                    seg.src = shift(&seg.src);
                }
            }
            b.section = section_of(b.section().map(|h| h + h0));
            if let Some(c) = b.cell.as_mut() {
                c.table = small(c.table as usize + tb0);
            }
            self.blocks.push(b);
        }
        for mut h in other.headings {
            h.range = shift(&h.range);
            self.headings.push(h);
        }
        for mut l in other.lists {
            l.range = shift(&l.range);
            for it in &mut l.items {
                it.range = shift(&it.range);
            }
            l.section = l.section.map(|h| h + h0);
            l.top_index += t0;
            self.lists.push(l);
        }
        for mut t in other.top {
            t.range = shift(&t.range);
            t.heading = t.heading.map(|h| h + h0);
            self.top.push(t);
        }
        for mut c in other.comments {
            c.range = shift(&c.range);
            self.comments.push(c);
        }
        for t in other.tables {
            self.tables.push(shift(&t));
        }
    }
}

/// Parse `text` (the whole file; `skip` leading bytes such as a BOM are ignored, and so
/// is a front matter block after them).
pub fn parse(text: &str, skip: usize) -> Doc {
    let skip = skip + front_matter_len(text.get(skip..).unwrap_or(""));
    let body = &text[skip..];
    let mut doc = Doc::default();
    // Open prose containers, innermost last.
    let mut open: Vec<Block> = Vec::new();
    let mut emphasis_starts: Vec<usize> = Vec::new();
    let mut link_stack: Vec<(usize, String)> = Vec::new();
    let mut list_stack: Vec<Option<usize>> = Vec::new();
    let mut depth = 0usize;
    let mut footnote_depth = 0usize;
    let mut skip_text = 0usize; // inside code blocks, images, metadata
    let mut section: Option<usize> = None;
    let mut table_pos: Option<(usize, usize, usize)> = None; // (table, row, col)

    let new_block =
        |kind: BlockKind, range: Range<usize>, in_fn: bool, section: Option<usize>| Block {
            kind,
            range,
            text: String::new(),
            marks: None,
            in_footnote: in_fn,
            section: section_of(section),
            cell: None,
        };

    let parser = Parser::new_ext(body, options()).into_offset_iter();
    for (event, range) in TextMergeWithOffset::new(parser) {
        let range = range.start + skip..range.end + skip;
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    let kind = match &tag {
                        Tag::Paragraph => TopKind::Paragraph,
                        Tag::Heading { .. } => TopKind::Heading,
                        Tag::List(_) => TopKind::List,
                        _ => TopKind::Other,
                    };
                    doc.top.push(TopBlock {
                        kind,
                        range: range.clone(),
                        heading: None,
                    });
                }
                depth += 1;
                match tag {
                    Tag::Paragraph => {
                        open.push(new_block(
                            BlockKind::Paragraph,
                            range,
                            footnote_depth > 0,
                            section,
                        ));
                    }
                    Tag::Heading { level, .. } => {
                        open.push(new_block(
                            BlockKind::Heading(level_num(level)),
                            range,
                            footnote_depth > 0,
                            section,
                        ));
                    }
                    Tag::TableCell => {
                        let mut b =
                            new_block(BlockKind::TableCell, range, footnote_depth > 0, section);
                        if let Some((table, row, col)) = table_pos.as_mut() {
                            b.cell = Some(Cell {
                                table: small(*table),
                                row: small(*row),
                                col: small(*col),
                            });
                            *col += 1;
                        }
                        open.push(b);
                    }
                    Tag::TableHead | Tag::TableRow => {
                        if let Some((_, row, col)) = table_pos.as_mut() {
                            if *col > 0 || *row > 0 {
                                *row += 1;
                            }
                            *col = 0;
                        }
                    }
                    Tag::Item => {
                        if let Some(Some(li)) = list_stack.last() {
                            let written = parse_marker(&text[range.clone()]);
                            doc.lists[*li].items.push(ListItem {
                                range: range.clone(),
                                written,
                            });
                        }
                        open.push(new_block(
                            BlockKind::ListItem,
                            range,
                            footnote_depth > 0,
                            section,
                        ));
                    }
                    Tag::List(start) => {
                        flush_item(&mut open, &mut doc.blocks, range.start);
                        match start {
                            Some(n) => {
                                doc.lists.push(OrderedList {
                                    start: n,
                                    range,
                                    items: Vec::new(),
                                    depth: list_stack.len(),
                                    section,
                                    top_index: doc.top.len().saturating_sub(1),
                                });
                                list_stack.push(Some(doc.lists.len() - 1));
                            }
                            None => list_stack.push(None),
                        }
                    }
                    Tag::BlockQuote(_) => {
                        flush_item(&mut open, &mut doc.blocks, range.start);
                    }
                    Tag::Table(_) => {
                        flush_item(&mut open, &mut doc.blocks, range.start);
                        doc.tables.push(range.clone());
                        table_pos = Some((doc.tables.len() - 1, 0, 0));
                    }
                    Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                        flush_item(&mut open, &mut doc.blocks, range.start);
                        skip_text += 1;
                    }
                    Tag::Image { .. } => skip_text += 1,
                    Tag::FootnoteDefinition(_) => footnote_depth += 1,
                    Tag::Emphasis | Tag::Strong => {
                        emphasis_starts.push(open.last().map_or(0, |b| b.text.len()));
                    }
                    Tag::Link { dest_url, .. } => {
                        link_stack.push((
                            open.last().map_or(0, |b| b.text.len()),
                            dest_url.to_string(),
                        ));
                    }
                    _ => {}
                }
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                match end {
                    TagEnd::Paragraph | TagEnd::TableCell | TagEnd::Item => {
                        if let Some(b) = open.pop() {
                            finish(b, &mut doc.blocks);
                        }
                    }
                    TagEnd::Heading(level) => {
                        if let Some(b) = open.pop() {
                            doc.headings.push(Heading {
                                level: level_num(level),
                                range: b.range.clone(),
                                text: b.text.trim().to_string(),
                            });
                            let h = doc.headings.len() - 1;
                            section = Some(h);
                            if depth == 0 {
                                if let Some(t) = doc.top.last_mut() {
                                    t.heading = Some(h);
                                }
                            }
                            let mut b = b;
                            b.section = section_of(Some(h));
                            finish(b, &mut doc.blocks);
                        }
                    }
                    TagEnd::List(_) => {
                        list_stack.pop();
                    }
                    TagEnd::Table => table_pos = None,
                    TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                        skip_text = skip_text.saturating_sub(1);
                    }
                    TagEnd::Image => skip_text = skip_text.saturating_sub(1),
                    TagEnd::FootnoteDefinition => {
                        footnote_depth = footnote_depth.saturating_sub(1);
                    }
                    TagEnd::Emphasis | TagEnd::Strong => {
                        if let (Some(start), Some(b)) = (emphasis_starts.pop(), open.last_mut()) {
                            if start < b.text.len() {
                                let r = start..b.text.len();
                                b.rare_mut().emphasis.push(r);
                            }
                        }
                    }
                    TagEnd::Link => {
                        if let (Some((start, url)), Some(b)) = (link_stack.pop(), open.last_mut()) {
                            let r = start..b.text.len();
                            b.rare_mut().links.push((r, url));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if skip_text == 0 {
                    if let Some(b) = open.last_mut() {
                        b.push_text(&t, range, text);
                    }
                }
            }
            // A soft break is a wrapped line, not a new statement: it reads as a space, so
            // "ending with 412\nstores" keeps its noun. A hard break stays a line break.
            Event::SoftBreak => {
                if let Some(b) = open.last_mut() {
                    b.push_text(" ", range, text);
                }
            }
            Event::HardBreak => {
                if let Some(b) = open.last_mut() {
                    b.push_text("\n", range, text);
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                // Inline code is not prose: keep a placeholder so words do not fuse.
                if let Some(b) = open.last_mut() {
                    b.text.push(' ');
                    let end = b.text.len();
                    b.marks_mut().segs.push(Seg {
                        plain_end: end,
                        src: range,
                        exact: false,
                    });
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let s = h.trim();
                if s.starts_with("<!--") {
                    doc.comments.push(Comment {
                        range,
                        body: s
                            .trim_start_matches("<!--")
                            .trim_end_matches("-->")
                            .trim()
                            .to_string(),
                    });
                }
            }
            Event::FootnoteReference(label) => {
                if let Some(b) = open.last_mut() {
                    let pos = b.text.len();
                    b.rare_mut().footnotes.push((pos, label.to_string()));
                }
            }
            Event::Rule => {
                if depth == 0 {
                    doc.top.push(TopBlock {
                        kind: TopKind::Rule,
                        range,
                        heading: None,
                    });
                }
            }
            Event::TaskListMarker(_) => {}
        }
    }
    while let Some(b) = open.pop() {
        finish(b, &mut doc.blocks);
    }
    doc.blocks.sort_by_key(|b| b.range.start);
    // The lists live as long as the document's analysis: without their doubling slack.
    doc.blocks.shrink_to_fit();
    doc.top.shrink_to_fit();
    doc.headings.shrink_to_fit();
    doc
}

/// When a list item holds a nested block, the text so far is a block of its own.
fn flush_item(open: &mut [Block], out: &mut Vec<Block>, at: usize) {
    if let Some(b) = open.last_mut() {
        if b.kind == BlockKind::ListItem && !b.text.trim().is_empty() {
            let mut done = b.clone();
            done.range.end = at;
            finish(done, out);
            b.text.clear();
            b.marks = None;
            b.range.start = at;
        }
    }
}

fn finish(mut b: Block, out: &mut Vec<Block>) {
    if !b.text.trim().is_empty() {
        b.tighten();
        out.push(b);
    }
}

/// The length of the front matter a static-site generator reads at the top of a page
/// (Hugo, Jekyll, Docusaurus, VitePress: `---` YAML `---` or `+++` TOML `+++`), 0 for
/// none: the page's metadata (its `date`, `lastmod`, `weight`), not its prose.
/// (By hand, not pulldown-cmark's metadata blocks: those are also read after a blank line
/// in the middle of a document, where `---` is a rule.)
fn front_matter_len(body: &str) -> usize {
    let mut lines = body.split_inclusive('\n');
    let Some(first) = lines.next() else { return 0 };
    let (close, key_sign): (&[&str], char) = match first.trim_end() {
        "---" => (&["---", "..."], ':'),
        "+++" => (&["+++"], '='),
        _ => return 0,
    };
    // Every line at the left margin is a key (`title: "…"`, `weight = 10`); indented
    // lines, list items, comments and blank lines continue a value. Its first line is a
    // key, and a lone key starts in lower case: "Note: the figures are from 2025." between
    // two rules is prose.
    fn key_of(t: &str, sign: char) -> Option<&str> {
        let (key, _) = t.split_once(sign)?;
        let key = key.trim_end();
        let plain = !key.is_empty()
            && key
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || "_-\"'".contains(ch));
        plain.then_some(key)
    }
    let mut at = first.len();
    let (mut keys, mut lower) = (0, false);
    // (A page's front matter is a few dozen lines; a rule that opens a long document is
    // no front matter.)
    for line in lines.take(200) {
        at += line.len();
        let t = line.trim_end();
        if close.contains(&t) {
            return if keys >= 2 || lower { at } else { 0 };
        }
        let continued = t.is_empty()
            || t.starts_with([' ', '\t', '-', '#', '[', ']', '}'])
                && !(keys == 0 && t.starts_with('-'));
        if keys == 0 && t.is_empty() {
            return 0;
        }
        if continued {
            continue;
        }
        let Some(key) = key_of(t, key_sign) else {
            return 0;
        };
        keys += 1;
        lower |= key.starts_with(|ch: char| ch.is_ascii_lowercase());
    }
    0
}

/// The number written before an ordered item's `.` or `)`.
fn parse_marker(item_src: &str) -> Option<u64> {
    let s = item_src.trim_start();
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_maps_back_through_emphasis() {
        let src = "- **API税制**：GPT-4 API定价0.06美元/千token。\n";
        let doc = parse(src, 0);
        assert_eq!(doc.blocks.len(), 1);
        let b = &doc.blocks[0];
        assert_eq!(b.text, "API税制：GPT-4 API定价0.06美元/千token。");
        let p = b.text.find("0.06").unwrap();
        let r = b.to_src(p..p + 4);
        assert_eq!(&src[r], "0.06");
        assert_eq!(b.emphasis().len(), 1);
    }

    #[test]
    fn front_matter_is_not_prose() {
        let src = "---\ntitle: \"关于\"\nlastmod: 2026-10-15\n\ntags: [a]\n---\n\n## 我们\n\n始于 2016 年。\n";
        let doc = parse(src, 0);
        assert_eq!(doc.blocks.len(), 2, "{:?}", doc.blocks);
        assert!(doc.blocks.iter().all(|b| !b.text.contains("2026")));
        assert_eq!(&src[doc.headings[0].range.clone()], "## 我们\n");
        let toml = "+++\nweight = 10\ndate = 2019-03-01\n+++\nText from 2019.\n";
        assert_eq!(parse(toml, 0).blocks.len(), 1);
        assert_eq!(parse(toml, 0).blocks[0].text, "Text from 2019.");
        // A rule that opens a page, then prose and another rule, is no front matter; nor
        // is front matter anywhere but the top.
        for src in [
            "---\nThe 2025 figures.\n---\n",
            "---\n\nNote: 2025 figures.\n\n---\n",
            "Intro.\n\n---\ntitle: x\n---\n",
        ] {
            let doc = parse(src, 0);
            assert!(
                doc.blocks
                    .iter()
                    .any(|b| b.text.contains('2') || b.text.contains("title")),
                "{src:?}: {:?}",
                doc.blocks
            );
        }
    }

    #[test]
    fn code_is_not_prose() {
        let src = "Price is `$5` and\n\n```\n$6\n```\n";
        let doc = parse(src, 0);
        assert_eq!(doc.blocks.len(), 1);
        assert!(!doc.blocks[0].text.contains('$'));
    }

    #[test]
    fn ordered_lists_keep_start_and_written_numbers() {
        let src = "# A\n\n4. one\n5. two\n\n# B\n\n1. x\n3. y\n";
        let doc = parse(src, 0);
        assert_eq!(doc.lists.len(), 2);
        assert_eq!(doc.lists[0].start, 4);
        assert_eq!(doc.lists[1].items[1].written, Some(3));
        assert_eq!(doc.lists[1].section, Some(1));
    }

    #[test]
    fn table_cells_are_blocks() {
        let src = "| a | b |\n|---|---|\n| OpenAI年收16亿 | x |\n";
        let doc = parse(src, 0);
        assert!(doc.blocks.iter().any(|b| b.text == "OpenAI年收16亿"));
    }
}
