//! Load stage: a checked file's text and the [`LineIndex`] that turns byte offsets into
//! 1-based lines and character columns. Everything downstream carries byte ranges; only
//! the report edge asks for lines and columns.

use std::ops::Range;

/// One Markdown file as read from disk (or from a git revision).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it; reports repeat it verbatim.
    pub path: String,
    /// The whole text, including a leading BOM if the file had one.
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: String) -> Self {
        let lines = LineIndex::new(&text);
        SourceFile {
            path: path.into(),
            text,
            lines,
        }
    }

    /// Length of a leading UTF-8 byte order mark (0 or 3).
    pub fn bom_len(&self) -> usize {
        if self.text.starts_with('\u{feff}') {
            3
        } else {
            0
        }
    }

    pub fn slice(&self, range: &Range<usize>) -> &str {
        self.text.get(range.clone()).unwrap_or("")
    }
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// Byte offsets of line starts. `\n`, `\r\n` and a lone `\r` all end a line.
/// Checkpoints every [`CHECKPOINT`] bytes keep column lookups cheap on very long lines.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset on a char boundary, characters before it in the file).
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        let mut checkpoints = vec![(0, 0)];
        let mut next = CHECKPOINT;
        for (chars, (i, _)) in text.char_indices().enumerate() {
            if i >= next {
                checkpoints.push((i, chars));
                next = i + CHECKPOINT;
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// Characters before byte `offset` (a char boundary) in the whole text.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let k = self
            .checkpoints
            .partition_point(|&(b, _)| b <= offset)
            .max(1)
            - 1;
        let (b, n) = self.checkpoints[k];
        n + text[b..offset].chars().count()
    }

    /// The position of a byte offset; offsets inside a character snap back to its start.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let mut column = if offset - start > CHECKPOINT {
            self.chars_before(text, offset) - self.chars_before(text, start) + 1
        } else {
            text[start..offset].chars().count() + 1
        };
        if start == 0 && text.starts_with('\u{feff}') && offset > 0 {
            // The BOM is not a character the writer sees.
            column -= 1;
        }
        Position {
            line,
            column,
            offset,
        }
    }

    /// Characters (Unicode scalar values) before byte `offset` in the whole text, not
    /// counting a leading BOM: SARIF's `charOffset`. Offsets inside a character snap
    /// back to its start.
    pub fn char_offset(&self, text: &str, offset: usize) -> usize {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let n = self.chars_before(text, offset);
        if text.starts_with('\u{feff}') && offset > 0 {
            n - 1
        } else {
            n
        }
    }

    /// The 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "第一行\n收入16亿美元";
        let idx = LineIndex::new(text);
        let off = text.find("16").unwrap();
        let p = idx.position(text, off);
        assert_eq!((p.line, p.column), (2, 3));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "a\r\nb\rc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, text.find('b').unwrap()).line, 2);
        assert_eq!(idx.position(text, text.find('c').unwrap()).line, 3);
        let d = idx.position(text, text.find('d').unwrap());
        assert_eq!((d.line, d.column), (4, 1));
    }

    #[test]
    fn long_lines_count_columns_exactly() {
        let text = format!("x\n{}收入16亿", "数".repeat(10_000));
        let idx = LineIndex::new(&text);
        let p = idx.position(&text, text.find("16").unwrap());
        assert_eq!((p.line, p.column), (2, 10_003));
    }

    #[test]
    fn char_offsets_count_characters_and_skip_the_bom() {
        let text = format!("\u{feff}第一行\n{}收入16亿", "数".repeat(5_000));
        let idx = LineIndex::new(&text);
        let off = text.find("16").unwrap();
        assert_eq!(idx.char_offset(&text, off), 3 + 1 + 5_000 + 2);
        assert_eq!(idx.char_offset(&text, 0), 0);
        assert_eq!(idx.char_offset(&text, 3), 0, "the BOM is not a character");
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}abc";
        let idx = LineIndex::new(text);
        let p = idx.position(text, text.find('b').unwrap());
        assert_eq!((p.line, p.column), (1, 2));
    }
}
