//! Where in a text file a record starts, as its 1-based line.

/// Finds the line a record of a text file starts on, from its byte offset.
///
/// The `csv` crate's own line numbers lag after CRLF line endings and blank
/// lines (rust-csv issues #395 and #208), and its byte offsets point at or
/// just before a record, among the line breaks. So: skip line breaks forward
/// from the offset, and count the line breaks before that point. A line
/// break is LF, CRLF (counted once) or a CR alone (the Electoral
/// Commission's 2016 referendum file ends its lines with CR). Offsets only
/// grow while a file is read, so the count is incremental; an offset before
/// the last one counts again from the start.
///
/// ```
/// use countroom_model::LineCounter;
///
/// let text = b"head\r\nrow one\r\n\r\nrow two\r\n";
/// let mut lines = LineCounter::new(text);
/// assert_eq!(lines.line_at(Some(0)), 1);
/// assert_eq!(lines.line_at(Some(6)), 2);
/// // An offset among the line breaks before a record is the record's.
/// assert_eq!(lines.line_at(Some(15)), 4);
/// ```
#[derive(Debug, Clone)]
pub struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    /// A counter over a file's bytes (after any byte-order mark the reader
    /// was given without, so that offsets agree).
    #[must_use]
    pub fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            pos: 0,
            line: 1,
        }
    }

    /// The 1-based line of the record at byte offset `byte`; `None` (a
    /// reader that gave no position) is the line last found.
    pub fn line_at(&mut self, byte: Option<u64>) -> u64 {
        let Some(byte) = byte.and_then(|b| usize::try_from(b).ok()) else {
            return self.line;
        };
        let mut target = byte.min(self.bytes.len());
        while matches!(self.bytes.get(target), Some(b'\r' | b'\n')) {
            target += 1;
        }
        if target < self.pos {
            self.pos = 0;
            self.line = 1;
        }
        let newlines = (self.pos..target)
            .filter(|&i| match self.bytes.get(i) {
                Some(b'\n') => true,
                Some(b'\r') => self.bytes.get(i + 1) != Some(&b'\n'),
                _ => false,
            })
            .count();
        // Lines of the input: at most its length in bytes, so no overflow.
        self.line += newlines as u64;
        self.pos = target;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::LineCounter;
    use proptest::prelude::*;

    /// Hand-counted: LF, CRLF and CR alone each end one line.
    #[test]
    fn every_line_break_counts_once() {
        let text = b"a\nb\r\nc\rd\r\n\r\ne";
        let mut lines = LineCounter::new(text);
        let starts = [0u64, 2, 5, 7, 12];
        let got: Vec<u64> = starts.iter().map(|&s| lines.line_at(Some(s))).collect();
        assert_eq!(got, [1, 2, 3, 4, 6]);
        // Going back starts again; no position keeps the last line.
        assert_eq!(lines.line_at(Some(2)), 2);
        assert_eq!(lines.line_at(None), 2);
        // An offset past the end is the end's line.
        assert_eq!(lines.line_at(Some(1_000)), 6);
    }

    proptest! {
        /// The line of every line's first byte is its index + 1, whatever
        /// the line breaks, read forward in one pass or each fresh.
        #[test]
        fn each_lines_start_is_its_line(
            lines in proptest::collection::vec(("[a-z,]{1,6}", 0usize..3), 1..20)
        ) {
            let mut text = Vec::new();
            let mut starts = Vec::new();
            for (body, brk) in &lines {
                starts.push(text.len() as u64);
                text.extend_from_slice(body.as_bytes());
                text.extend_from_slice([&b"\n"[..], b"\r\n", b"\r"][*brk]);
            }
            let mut forward = LineCounter::new(&text);
            for (i, &s) in starts.iter().enumerate() {
                prop_assert_eq!(forward.line_at(Some(s)), i as u64 + 1);
                prop_assert_eq!(LineCounter::new(&text).line_at(Some(s)), i as u64 + 1);
            }
        }
    }
}
