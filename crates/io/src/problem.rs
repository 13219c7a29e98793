//! Problems found reading a CSV file.

/// A problem in a CSV file, with its line and field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}{}: {kind}", field.as_ref().map(|f| format!(", field `{f}`")).unwrap_or_default())]
pub struct CsvProblem {
    /// 1-based line.
    pub line: u64,
    /// The column's header name, if the problem is in one field.
    pub field: Option<String>,
    /// What is wrong.
    pub kind: CsvProblemKind,
}

/// What is wrong in a CSV file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CsvProblemKind {
    /// No header row.
    #[error("the file is empty: expected a header row ({expected})")]
    Empty {
        /// The columns expected.
        expected: String,
    },
    /// A required column is missing from the header.
    #[error("missing column {column:?}")]
    MissingColumn {
        /// The column.
        column: String,
    },
    /// A header names a column twice.
    #[error("column {column:?} appears twice")]
    DuplicateColumn {
        /// The column.
        column: String,
    },
    /// A header names a candidate who is not in the contest.
    #[error("unknown candidate {candidate:?} in contest {contest} (candidates on the ballot paper: {expected})")]
    UnknownCandidate {
        /// The column name.
        candidate: String,
        /// The contest.
        contest: String,
        /// The candidates standing.
        expected: String,
    },
    /// A header names a withdrawn candidate.
    #[error("candidate {candidate:?} withdrew and is not on the ballot paper")]
    WithdrawnCandidate {
        /// The candidate.
        candidate: String,
    },
    /// A header column that the format does not have.
    #[error("unexpected column {column:?}")]
    UnknownColumn {
        /// The column.
        column: String,
    },
    /// A row with more or fewer fields than the header.
    #[error("{found} fields, but the header has {expected}")]
    FieldCount {
        /// Fields in the header.
        expected: u64,
        /// Fields in this row.
        found: u64,
    },
    /// A mark that is not in the mark grammar.
    #[error("{value:?} is not a mark: use X for a cross, tick, a figure (1, 2, …) or other, optionally followed by @outside or @straddle and preceded by 2: for the second-choice column; join several marks with +; leave empty for none")]
    BadMark {
        /// The value.
        value: String,
    },
    /// A head that is not on the contest's ruleset's statement.
    #[error("head {head:?} is not on the statement of rejected ballot papers under {ruleset} (its heads: {heads})")]
    HeadNotInRuleset {
        /// The head code.
        head: String,
        /// The ruleset.
        ruleset: &'static str,
        /// Its heads.
        heads: String,
    },
    /// A figure that is not a whole number.
    #[error("figure {value:?} is not a number: write preferences as whole numbers (1, 2, 3, …)")]
    BadFigure {
        /// The value.
        value: String,
    },
    /// A flag that is not `Y` or `N`.
    #[error("{value:?} is not Y or N")]
    BadFlag {
        /// The value.
        value: String,
    },
    /// A count that is not a whole number ≥ 0.
    #[error("{value:?} is not a whole number of 0 or more")]
    BadNumber {
        /// The value.
        value: String,
    },
    /// A required value is empty.
    #[error("empty value")]
    EmptyValue,
    /// A value that is not of its column's kind (the message says why).
    #[error("{message}")]
    Value {
        /// Why.
        message: String,
    },
    /// Bytes that are not UTF-8.
    #[error("not valid UTF-8")]
    NotUtf8,
    /// The CSV itself is malformed.
    #[error("malformed CSV: {message}")]
    Malformed {
        /// What the CSV reader reported.
        message: String,
    },
    /// Too many problems to list.
    #[error("{more} more problems not listed")]
    More {
        /// How many.
        more: u64,
    },
}

/// Collects problems, keeping at most `LIMIT` and counting the rest, so a
/// bad file of millions of lines cannot exhaust memory.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<CsvProblem>,
    more: u64,
}

const LIMIT: usize = 1_000;

impl Problems {
    pub(crate) fn push(&mut self, line: u64, field: Option<&str>, kind: CsvProblemKind) {
        if self.list.len() < LIMIT {
            self.list.push(CsvProblem {
                line,
                field: field.map(str::to_owned),
                kind,
            });
        } else {
            self.more += 1;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub(crate) fn into_vec(mut self, last_line: u64) -> Vec<CsvProblem> {
        if self.more > 0 {
            self.list.push(CsvProblem {
                line: last_line,
                field: None,
                kind: CsvProblemKind::More { more: self.more },
            });
        }
        self.list
    }
}

/// Checks the candidate columns of a header: each names a candidate on the
/// ballot paper, once, and every such candidate has one.
pub(crate) struct CandidateColumns<'a> {
    contest: &'a countroom_model::Contest,
    seen: Vec<bool>,
    line: u64,
}

impl<'a> CandidateColumns<'a> {
    pub(crate) fn new(contest: &'a countroom_model::Contest, line: u64) -> Self {
        CandidateColumns {
            contest,
            seen: vec![false; contest.n_standing()],
            line,
        }
    }

    /// The index of the candidate a column names, or `None` after reporting
    /// why it names none (unknown, withdrawn, or named twice).
    pub(crate) fn column(&mut self, name: &str, problems: &mut Problems) -> Option<usize> {
        let found = countroom_model::CandidateId::new(name)
            .ok()
            .and_then(|id| self.contest.find_candidate(&id));
        let kind = match found {
            Some(Ok(idx)) => match self.seen.get_mut(idx.get()) {
                Some(seen) if !*seen => {
                    *seen = true;
                    return Some(idx.get());
                }
                _ => CsvProblemKind::DuplicateColumn {
                    column: name.to_owned(),
                },
            },
            Some(Err(_)) => CsvProblemKind::WithdrawnCandidate {
                candidate: name.to_owned(),
            },
            None => CsvProblemKind::UnknownCandidate {
                candidate: name.to_owned(),
                contest: self.contest.id().to_string(),
                expected: self
                    .contest
                    .standing()
                    .map(|(_, c)| c.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            },
        };
        problems.push(self.line, Some(name), kind);
        None
    }

    /// Reports every candidate on the ballot paper that has no column.
    pub(crate) fn finish(self, problems: &mut Problems) {
        for (idx, cand) in self.contest.standing() {
            if !self.seen.get(idx.get()).copied().unwrap_or(false) {
                problems.push(
                    self.line,
                    None,
                    CsvProblemKind::MissingColumn {
                        column: cand.id.to_string(),
                    },
                );
            }
        }
    }
}

/// Finds the line a CSV record starts on from its byte offset.
///
/// The `csv` crate's own line numbers are off after CRLF line endings and
/// blank lines (rust-csv issues #395 and #208); its byte offsets point at or
/// just before the record, among the line breaks. So: skip line breaks
/// forward from the offset, and count the newlines before that point.
/// Offsets only grow while a file is read, so the count is incremental.
pub(crate) struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            pos: 0,
            line: 1,
        }
    }

    /// The 1-based line of the record at byte offset `byte`.
    pub(crate) fn line_of(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(byte) = position.and_then(|p| usize::try_from(p.byte()).ok()) else {
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
        // A line break is LF, CRLF (counted once, at its LF) or a CR alone
        // (the Electoral Commission's 2016 file ends its lines with CR).
        let newlines = (self.pos..target)
            .filter(|&i| match self.bytes.get(i) {
                Some(b'\n') => true,
                Some(b'\r') => self.bytes.get(i + 1) != Some(&b'\n'),
                _ => false,
            })
            .count();
        // Lines of the input: at most its length in bytes.
        self.line += newlines as u64;
        self.pos = target;
        self.line
    }
}

/// Reads a CSV file's header row into `record`. An empty file, or a
/// malformed first row, is recorded in `problems` (an empty file with the
/// columns `expected`) and gives `false`.
pub(crate) fn read_header<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    record: &mut csv::StringRecord,
    lines: &mut LineCounter<'_>,
    problems: &mut Problems,
    expected: impl FnOnce() -> String,
) -> bool {
    match reader.read_record(record) {
        Ok(true) => true,
        Ok(false) => {
            problems.push(
                1,
                None,
                CsvProblemKind::Empty {
                    expected: expected(),
                },
            );
            false
        }
        Err(e) => {
            csv_error(&e, problems, lines);
            false
        }
    }
}

/// [`read_header`] for byte records.
pub(crate) fn read_byte_header<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    record: &mut csv::ByteRecord,
    lines: &mut LineCounter<'_>,
    problems: &mut Problems,
    expected: impl FnOnce() -> String,
) -> bool {
    match reader.read_byte_record(record) {
        Ok(true) => true,
        Ok(false) => {
            problems.push(
                1,
                None,
                CsvProblemKind::Empty {
                    expected: expected(),
                },
            );
            false
        }
        Err(e) => {
            csv_error(&e, problems, lines);
            false
        }
    }
}

/// Calls `row` with each record after the header, and its line; a
/// malformed record is recorded in `problems` and passed over. Gives the
/// last line read.
pub(crate) fn each_record<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    lines: &mut LineCounter<'_>,
    problems: &mut Problems,
    mut row: impl FnMut(u64, &csv::StringRecord, &mut Problems),
) -> u64 {
    let mut record = csv::StringRecord::new();
    let mut last = 1;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return last,
            Ok(true) => {
                last = lines.line_of(record.position());
                row(last, &record, problems);
            }
            Err(e) => last = csv_error(&e, problems, lines),
        }
    }
}

/// [`each_record`] for byte records (files whose cells need not be UTF-8).
pub(crate) fn each_byte_record<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    lines: &mut LineCounter<'_>,
    problems: &mut Problems,
    mut row: impl FnMut(u64, &csv::ByteRecord, &mut Problems),
) -> u64 {
    let mut record = csv::ByteRecord::new();
    let mut last = 1;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => return last,
            Ok(true) => {
                last = lines.line_of(record.position());
                row(last, &record, problems);
            }
            Err(e) => last = csv_error(&e, problems, lines),
        }
    }
}

pub(crate) fn csv_error(
    e: &csv::Error,
    problems: &mut Problems,
    lines: &mut LineCounter<'_>,
) -> u64 {
    let line = lines.line_of(e.position());
    let kind = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => CsvProblemKind::FieldCount {
            expected: *expected_len,
            found: *len,
        },
        csv::ErrorKind::Utf8 { .. } => CsvProblemKind::NotUtf8,
        _ => CsvProblemKind::Malformed {
            message: e.to_string(),
        },
    };
    problems.push(line, None, kind);
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> Vec<u64> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut counter = LineCounter::new(text.as_bytes());
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            out.push(counter.line_of(record.position()));
        }
        out
    }

    #[test]
    fn lines_after_crlf_blank_lines_and_quoted_newlines() {
        assert_eq!(lines_of("h\r\na\r\nb\r\n"), vec![1, 2, 3]);
        assert_eq!(lines_of("h\n\n\nrow\n"), vec![1, 4]);
        assert_eq!(lines_of("h\r\n\r\nrow\r\nx,y\r\n"), vec![1, 3, 4]);
        assert_eq!(lines_of("h\n\"a\nb\"\nc\n"), vec![1, 2, 4]);
    }

    /// CR alone ends a line too (the Electoral Commission's 2016 result
    /// file), so problems in such a file name the right line.
    #[test]
    fn lines_after_cr_alone() {
        assert_eq!(lines_of("h\ra\rb\r"), vec![1, 2, 3]);
        assert_eq!(lines_of("h\r\ra\r\nb"), vec![1, 3, 4]);
    }
}
