//! Reading and writing the log as JSON Lines, and the hash chain that makes
//! a version 2 log tamper-evident.
//!
//! # Version 2: the chain
//!
//! A version 2 log starts with a header naming the format version, the
//! election, the countroom version that wrote it and a digest of the
//! ruleset table. Every entry carries `prev`: the SHA-256 of the previous
//! line's exact bytes (the header's for the first entry), without its line
//! feed. A version 2 log is canonical: every line is exactly what
//! [`write()`] writes for it (no blank lines, no carriage returns, fields in
//! order, no spaces), so any changed, inserted, deleted or reordered byte
//! or line either breaks a line's JSON, breaks its canonical form, or
//! breaks the link of the line after it. What the chain cannot show on its
//! own is a change to the last line or a log cut short: that is what the
//! chain head read aloud at the count (`countroom digest`) and signed
//! checkpoints are for.
//!
//! Version 1 logs (no chain) still read; [`LogFile::tamper_evident`] says
//! which a log is, and [`upgrade`] rewrites a version 1 log as version 2,
//! recording that it did so.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{Entry, Event, LogUpgraded};

mod places;
mod strict;

/// The `schema` value of the header line.
pub const SCHEMA: &str = "countroom-count-log";
/// The log format version this crate writes.
pub const VERSION: u32 = 2;
/// The first, unchained, format version, still read.
pub const VERSION_1: u32 = 1;

/// A SHA-256 digest: of a line of the log, or of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sha256Digest(pub [u8; 32]);

impl Sha256Digest {
    /// The digest of `bytes`.
    #[must_use]
    pub fn of(bytes: &[u8]) -> Sha256Digest {
        Sha256Digest(Sha256::digest(bytes).into())
    }

    /// Lower-case hex, 64 digits.
    #[must_use]
    pub fn to_hex(&self) -> String {
        use std::fmt::Write;
        let mut s = String::with_capacity(64);
        for b in self.0 {
            let _ = write!(s, "{b:02x}");
        }
        s
    }

    /// Parses 64 lower-case hex digits (the only form countroom writes).
    #[must_use]
    pub fn from_hex(text: &str) -> Option<Sha256Digest> {
        let bytes = text.as_bytes();
        if bytes.len() != 64 {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, pair) in bytes.chunks_exact(2).enumerate() {
            let hi = hex_digit(pair[0])?;
            let lo = hex_digit(pair[1])?;
            out[i] = (hi << 4) | lo;
        }
        Some(Sha256Digest(out))
    }

    /// The digest as sixteen groups of four hex digits, to be read aloud.
    #[must_use]
    pub fn to_groups(&self) -> String {
        let hex = self.to_hex();
        let groups: Vec<&str> = (0..16).filter_map(|i| hex.get(i * 4..i * 4 + 4)).collect();
        groups.join(" ")
    }
}

fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    }
}

impl std::fmt::Display for Sha256Digest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// The first line of a log file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Header {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The format version: [`VERSION`], or [`VERSION_1`] for an unchained
    /// log.
    pub version: u32,
    /// Version 2: the election the log records (its `election_defined`
    /// identifier).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub election: Option<String>,
    /// Version 2: the version of countroom that began the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countroom: Option<String>,
    /// Version 2: the SHA-256 (hex) of the ruleset table of that countroom
    /// (`countroom_rules::table_digest`), so an auditor can tell whether the
    /// rules applied on replay are the rules the count was run under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
}

impl Header {
    /// A version 2 header.
    #[must_use]
    pub fn v2(election: &str, countroom: &str, rules: &str) -> Header {
        Header {
            schema: SCHEMA.to_owned(),
            version: VERSION,
            election: Some(election.to_owned()),
            countroom: Some(countroom.to_owned()),
            rules: Some(rules.to_owned()),
        }
    }

    /// A version 1 header (unchained; kept for reading and writing old
    /// logs and tests).
    #[must_use]
    pub fn v1() -> Header {
        Header {
            schema: SCHEMA.to_owned(),
            version: VERSION_1,
            election: None,
            countroom: None,
            rules: None,
        }
    }

    /// Whether logs with this header are hash-chained.
    #[must_use]
    pub fn chained(&self) -> bool {
        self.version >= VERSION
    }
}

/// A log as read from a file: its header, its entries, the line each was
/// on and the digest of each line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LogFile {
    /// The header.
    pub header: Header,
    /// The SHA-256 of the header line.
    pub header_digest: Sha256Digest,
    /// The entries, in order.
    pub entries: Vec<Entry>,
    /// `lines[i]` is the 1-based line of `entries[i]` in the file.
    pub lines: Vec<u64>,
    /// `digests[i]` is the SHA-256 of the line of `entries[i]` (without its
    /// line end): the chain head after that entry.
    pub digests: Vec<Sha256Digest>,
}

impl LogFile {
    /// The line of the entry with sequence number `seq`, if it came from the
    /// file.
    #[must_use]
    pub fn line_of(&self, seq: u64) -> Option<u64> {
        let idx = usize::try_from(seq.checked_sub(1)?).ok()?;
        self.lines.get(idx).copied()
    }

    /// Whether the log is hash-chained (version 2 or later).
    #[must_use]
    pub fn tamper_evident(&self) -> bool {
        self.header.chained()
    }

    /// The chain head: the digest of the last line (the header's when there
    /// are no entries). For a version 1 log this is computed the same way,
    /// but nothing in the file ties the lines together.
    #[must_use]
    pub fn head(&self) -> Sha256Digest {
        self.digests.last().copied().unwrap_or(self.header_digest)
    }

    /// The chain head just before entry `seq` (the `prev` that entry has,
    /// or should have).
    #[must_use]
    pub fn head_before(&self, seq: u64) -> Option<Sha256Digest> {
        match seq {
            0 => None,
            1 => Some(self.header_digest),
            n => {
                let idx = usize::try_from(n.checked_sub(2)?).ok()?;
                self.digests.get(idx).copied()
            }
        }
    }

    /// An appender that extends this log: its next entry follows the last
    /// one, linked to the chain head when the log is chained.
    #[must_use]
    pub fn appender(&self) -> Appender {
        Appender {
            head: self.head(),
            // A sequence number, not a figure: bounded by the log's length.
            next_seq: u64::try_from(self.entries.len())
                .unwrap_or(u64::MAX)
                .saturating_add(1),
            chained: self.tamper_evident(),
        }
    }
}

/// A problem reading a log file, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {kind}")]
#[non_exhaustive]
pub struct ReadError {
    /// 1-based line number.
    pub line: u64,
    /// What is wrong.
    pub kind: ReadErrorKind,
}

/// What is wrong with a line of a log file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// The file has no lines at all.
    #[error("the log is empty: expected a header line {{\"schema\":\"{SCHEMA}\",\"version\":{VERSION},…}}")]
    Empty,
    /// The line is not valid UTF-8.
    #[error("not valid UTF-8 (bad byte at column {column})")]
    NotUtf8 {
        /// 1-based byte column of the first bad byte.
        column: usize,
    },
    /// The line is not a valid header.
    #[error("bad header{}: {message}", field_suffix(path))]
    BadHeader {
        /// The field at fault, as a path (may be empty).
        path: String,
        /// What serde reported.
        message: String,
    },
    /// The header names another schema.
    #[error("header schema is {found:?}, expected {SCHEMA:?}")]
    WrongSchema {
        /// The schema found.
        found: String,
    },
    /// The header names a version this crate does not read.
    #[error(
        "log format version {found} is not supported (this countroom reads versions {VERSION_1} and {VERSION})"
    )]
    UnsupportedVersion {
        /// The version found.
        found: u32,
    },
    /// The line is not a valid entry: bad JSON, a missing or unknown field,
    /// or a value of the wrong type.
    #[error("bad entry{}: {message}", field_suffix(path))]
    BadEntry {
        /// The field at fault as a path, e.g. `event.bundle_counted.votes[0].votes`.
        path: String,
        /// What serde reported.
        message: String,
    },
    /// A string holds a control character or a line break, which could
    /// forge lines in a printed document.
    #[error("field `{path}` holds a control character or line break ({character}): names and free text must be one line of printable text")]
    ControlCharacter {
        /// The field, as a path.
        path: String,
        /// The character, escaped (e.g. `\n`, `U+0007`).
        character: String,
    },
    /// Entries must be numbered 1, 2, 3, … with no gaps: the log is
    /// append-only, so a gap means a line was lost or moved.
    #[error(
        "entry seq is {found}, expected {expected} (entries are numbered from 1 with no gaps)"
    )]
    OutOfSequence {
        /// The sequence number expected here.
        expected: u64,
        /// The one found.
        found: u64,
    },
    /// Version 2: the entry's `prev` is not the digest of the line before
    /// it.
    #[error("entry {seq} does not follow {}: the log was altered at or before {}", entry_name(*.previous), entry_name(*.previous))]
    ChainBroken {
        /// The entry whose link does not match.
        seq: u64,
        /// The entry before it (0: the header).
        previous: u64,
    },
    /// Version 2: an entry without `prev`.
    #[error("entry {seq} has no `prev`: every entry of a version {VERSION} log carries the SHA-256 of the line before it")]
    MissingLink {
        /// The entry.
        seq: u64,
    },
    /// Version 1: an entry with `prev`.
    #[error("entry {seq} has `prev`, but a version 1 log is not chained (upgrade it with `countroom upgrade`)")]
    UnexpectedLink {
        /// The entry.
        seq: u64,
    },
    /// Version 2: a line that is not exactly as countroom writes it.
    #[error("the line is not in the canonical form countroom writes (a version {VERSION} log is written only through countroom, e.g. `countroom append`): expected {expected}")]
    NotCanonical {
        /// The line as countroom would write it.
        expected: String,
    },
    /// Version 2: a blank line.
    #[error("a blank line: a version {VERSION} log has none")]
    BlankLine,
    /// Version 2: a carriage return.
    #[error("a carriage return: a version {VERSION} log ends its lines with a line feed alone")]
    CarriageReturn,
    /// Version 2: the last line has no line feed.
    #[error("the last line has no line feed: the log was cut short or edited")]
    NoFinalNewline,
    /// A file of entries to append holds none.
    #[error("no entry to append: the file holds no JSON object")]
    NoEntries,
    /// An entry to append gives `seq` or `prev`, which countroom sets.
    #[error("an entry to append has no `{field}`: countroom numbers each entry and links it to the chain")]
    NumberedEntry {
        /// `seq` or `prev`.
        field: String,
    },
}

fn entry_name(seq: u64) -> String {
    if seq == 0 {
        "the header".to_owned()
    } else {
        format!("entry {seq}")
    }
}

fn field_suffix(path: &str) -> String {
    if path.is_empty() || path == "." {
        String::new()
    } else {
        format!(" at field `{path}`")
    }
}

/// Reads a log file's bytes, or lists every problem found.
///
/// Version 1: blank lines are skipped, a final line without a newline is
/// read like any other, and lines may end in CRLF. Version 2: every line
/// must be exactly as [`write()`] writes it, and linked to the line before
/// (see the module docs).
///
/// Every entry is kept; [`LogReader`] reads the same lines with the same
/// checks one entry at a time, for a caller that need not hold them all.
pub fn read(bytes: &[u8]) -> Result<LogFile, Vec<ReadError>> {
    // One entry a line at most, and an entry line is longer than 25 bytes
    // (`{"seq":1,"by":"","event":{}}` already is): size the vectors once,
    // as a large log would otherwise be copied each time they grow.
    let capacity = count_newlines(bytes).min(bytes.len() / 25);
    let mut entries = Vec::with_capacity(capacity);
    let mut lines = Vec::with_capacity(capacity);
    let mut digests = Vec::with_capacity(capacity);
    let mut state = LineState::default();
    let mut segments = Lines { rest: Some(bytes) }.peekable();
    while let Some(segment) = segments.next() {
        let is_last = segments.peek().is_none();
        match state.segment(segment, is_last) {
            Step::Entry(read) => {
                entries.push(read.entry);
                lines.push(read.line);
                digests.push(read.digest);
            }
            Step::Nothing => {}
            Step::End => break,
        }
    }
    let (header, header_digest) = state.finish()?;
    Ok(LogFile {
        header,
        header_digest,
        entries,
        lines,
        digests,
    })
}

/// Reads a log file's bytes with every check of [`read()`] (the same
/// problems, on the same lines), handing each entry to `each` with the
/// header as it is read instead of keeping them, as [`LogReader`] does
/// for a stream: memory follows the longest entry, not the log, and each
/// entry can be used and dropped while its bytes are still in the
/// processor's cache.
///
/// Once a problem has been found the log will be refused, and no more
/// entries are handed over (the rest of the log is read only for its
/// problems).
///
/// In a version 1 log (unchained: no line's digest is checked) the
/// SHA-256 of an entry's line is computed only when asked for
/// ([`EachEntry::head_before`]) and for the last line (the chain head of
/// the [`LogTail`]); in a version 2 log every line's is computed, to check
/// the chain.
///
/// # Errors
///
/// Every problem found, as [`read()`] lists them.
pub fn read_each<'a, F: FnMut(&Header, EachEntry<'a>)>(
    bytes: &'a [u8],
    mut each: F,
) -> Result<LogTail, Vec<ReadError>> {
    let mut state = LineState {
        lazy_digests: true,
        ..LineState::default()
    };
    let mut entries: u64 = 0;
    // The line whose digest is the chain head so far, in a version 1 log
    // (the header's, then each entry's): its digest is computed when
    // needed.
    let mut last: Option<&'a [u8]> = None;
    let mut head = None;
    let mut segments = Lines { rest: Some(bytes) }.peekable();
    while let Some(segment) = segments.next() {
        let is_last = segments.peek().is_none();
        let had_header = state.header.is_some();
        match state.segment(segment, is_last) {
            Step::Entry(read) => {
                // An entry counter, not a figure: bounded by the log's length.
                entries = entries.saturating_add(1);
                let before = match (state.chained, last) {
                    (false, Some(line)) => Before::Line(line),
                    _ => Before::Digest(read.head_before),
                };
                if state.chained {
                    head = Some(read.digest);
                } else {
                    last = Some(segment);
                }
                if state.errors.is_empty() {
                    if let Some(header) = &state.header {
                        each(
                            header,
                            EachEntry {
                                entry: read.entry,
                                line: read.line,
                                before,
                            },
                        );
                    }
                }
            }
            Step::Nothing => {
                if !had_header && state.header.is_some() {
                    last = Some(segment);
                }
            }
            Step::End => break,
        }
    }
    let (header, header_digest) = state.finish()?;
    let head = match (header.chained(), entries) {
        (_, 0) => header_digest,
        (true, _) => head.unwrap_or(header_digest),
        (false, _) => last.map_or(header_digest, Sha256Digest::of),
    };
    Ok(LogTail {
        head,
        header,
        header_digest,
        entries,
    })
}

/// An entry handed over by [`read_each`], with its line and its place in
/// the chain.
#[derive(Debug)]
#[non_exhaustive]
pub struct EachEntry<'a> {
    /// The entry.
    pub entry: Entry,
    /// The 1-based line of the file it was on.
    pub line: u64,
    before: Before<'a>,
}

impl EachEntry<'_> {
    /// The SHA-256 of the line before it (the header's for the first
    /// entry): the chain head before it, as [`ReadEntry::head_before`]
    /// gives it (computed now in a version 1 log).
    #[must_use]
    pub fn head_before(&self) -> Sha256Digest {
        match self.before {
            Before::Digest(d) => d,
            Before::Line(line) => Sha256Digest::of(line),
        }
    }
}

/// The chain head before an entry: its digest, or the line to take it of.
#[derive(Debug, Clone, Copy)]
enum Before<'a> {
    Digest(Sha256Digest),
    Line(&'a [u8]),
}

/// An entry read by [`LogReader`], with where it was and its place in the
/// chain.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadEntry {
    /// The entry.
    pub entry: Entry,
    /// The 1-based line of the file it was on.
    pub line: u64,
    /// The SHA-256 of its line (without the line feed): the chain head
    /// after it.
    pub digest: Sha256Digest,
    /// The SHA-256 of the line before it (the header's for the first
    /// entry): the chain head before it, which its `prev` names in a
    /// version 2 log.
    pub head_before: Sha256Digest,
}

/// What [`LogReader::finish`] gives once every line has been read without
/// a problem: what a [`LogFile`] holds besides its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LogTail {
    /// The header.
    pub header: Header,
    /// The SHA-256 of the header line.
    pub header_digest: Sha256Digest,
    /// How many entries the log has.
    pub entries: u64,
    /// The chain head: the digest of the last line (the header's when there
    /// are no entries).
    pub head: Sha256Digest,
}

impl LogTail {
    /// The tail of a log with this header (and its line's digest), this
    /// many entries and this chain head.
    #[must_use]
    pub fn new(
        header: Header,
        header_digest: Sha256Digest,
        entries: u64,
        head: Sha256Digest,
    ) -> LogTail {
        LogTail {
            header,
            header_digest,
            entries,
            head,
        }
    }
}

/// Reads a log from a stream one line at a time, with every check of
/// [`read()`] (the same problems, on the same lines), handing over each
/// entry as it is read instead of keeping them: memory follows the longest
/// line, not the log.
///
/// [`LogReader::next_entry`] gives each entry as [`read()`] would keep it
/// (a line that is not an entry at all is passed over); once it has given
/// `None`, [`LogReader::finish`] says whether the whole log read, or lists
/// every problem found, as [`read()`] lists them. Once a problem has been
/// found ([`LogReader::has_problems`]) the log will be refused, and the
/// entries handed over are of no account.
#[derive(Debug)]
#[non_exhaustive]
pub struct LogReader<R> {
    input: R,
    state: LineState,
    /// The line being read, with its line feed.
    buf: Vec<u8>,
    /// Whether the end of the input was reached.
    done: bool,
    entries: u64,
    head: Sha256Digest,
}

impl<R: std::io::BufRead> LogReader<R> {
    /// A reader of the log `input` holds, from its first line.
    pub fn new(input: R) -> LogReader<R> {
        LogReader {
            input,
            state: LineState::default(),
            buf: Vec::new(),
            done: false,
            entries: 0,
            head: Sha256Digest([0; 32]),
        }
    }

    /// The next entry, or `None` at the end of the log. Problems are kept
    /// for [`LogReader::finish`] (a line that is not an entry is passed
    /// over); an error reading the input is returned as it is.
    pub fn next_entry(&mut self) -> std::io::Result<Option<ReadEntry>> {
        while !self.done {
            self.buf.clear();
            let n = self.input.read_until(b'\n', &mut self.buf)?;
            // As `split` on `\n` gives the lines of the whole file: a line
            // with no line feed after it is the last (empty when the file
            // ends in a line feed, or is empty).
            let (segment, is_last) = match self.buf.strip_suffix(b"\n") {
                Some(segment) if n > 0 => (segment, false),
                _ => (self.buf.as_slice(), true),
            };
            self.done = is_last;
            match self.state.segment(segment, is_last) {
                Step::Entry(read) => {
                    // An entry counter, not a figure: bounded by the log's length.
                    self.entries = self.entries.saturating_add(1);
                    self.head = read.digest;
                    return Ok(Some(read));
                }
                Step::Nothing => {}
                Step::End => self.done = true,
            }
        }
        Ok(None)
    }

    /// The header, once its line has been read (a version 1 header stands
    /// in for one that could not be read).
    #[must_use]
    pub fn header(&self) -> Option<&Header> {
        self.state.header.as_ref()
    }

    /// Whether a problem has been found so far.
    #[must_use]
    pub fn has_problems(&self) -> bool {
        !self.state.errors.is_empty()
    }

    /// Reads what is left of the log (passing over its entries), and gives
    /// the header, the number of entries and the chain head, or every
    /// problem found in the whole log.
    pub fn finish(mut self) -> Result<Result<LogTail, Vec<ReadError>>, std::io::Error> {
        while self.next_entry()?.is_some() {}
        let entries = self.entries;
        let head = self.head;
        Ok(self.state.finish().map(|(header, header_digest)| LogTail {
            head: if entries == 0 { header_digest } else { head },
            header,
            header_digest,
            entries,
        }))
    }
}

impl<R> LogReader<R> {
    /// Goes on reading a log that is still being written: `input` holds
    /// the bytes appended after those of the input read so far, which
    /// must all have been read ([`LogReader::next_entry`] gave `None`) and
    /// must have ended in a line feed (every line complete). Returns
    /// `false`, and reads nothing more, when the input read so far did not
    /// end in a line feed (its last line was read as the last of the log).
    ///
    /// A reader of a growing file (`countroom serve`) hands over only
    /// complete lines, so a half-written entry is never read.
    pub fn follow(&mut self, input: R) -> bool {
        // At the end of an input ending in a line feed, the last read gave
        // nothing (`buf` empty) and its empty segment was counted as a line.
        if !self.done || !self.buf.is_empty() {
            return false;
        }
        self.input = input;
        self.done = false;
        // A position, not a figure: stepping back over the segment just read.
        self.state.idx = self.state.idx.saturating_sub(1);
        true
    }

    /// The problems found so far, in the order found (every one of them
    /// is in what [`LogReader::finish`] gives).
    #[must_use]
    pub fn problems(&self) -> &[ReadError] {
        &self.state.errors
    }

    /// The header, the number of entries and the chain head of the lines
    /// read so far, as [`LogReader::finish`] would give them if the input
    /// ended here; `None` before the header has been read or once a
    /// problem has been found.
    #[must_use]
    pub fn tail(&self) -> Option<LogTail> {
        if !self.state.errors.is_empty() {
            return None;
        }
        let header = self.state.header.clone()?;
        Some(LogTail {
            head: if self.entries == 0 {
                self.state.header_digest
            } else {
                self.head
            },
            header,
            header_digest: self.state.header_digest,
            entries: self.entries,
        })
    }
}

impl<R: std::io::BufRead> Iterator for LogReader<R> {
    type Item = std::io::Result<ReadEntry>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_entry().transpose()
    }
}

/// What one line gave. Returned and taken apart at once: boxing the entry
/// would cost an allocation a line.
#[allow(clippy::large_enum_variant)]
enum Step {
    /// An entry (its line may have had problems, which are kept).
    Entry(ReadEntry),
    /// No entry: a problem (kept), a skipped blank line, or the header.
    Nothing,
    /// The end of the log (the empty segment after the last line feed).
    End,
}

/// Reading a log one line at a time: what the lines before have shown.
#[derive(Debug)]
struct LineState {
    errors: Vec<ReadError>,
    header: Option<Header>,
    header_digest: Sha256Digest,
    expected_seq: u64,
    /// The digest of the previous line (header or entry), for the chain.
    prev: Sha256Digest,
    chained: bool,
    /// Reused by the canonical-form check of every line.
    canonical: Vec<u8>,
    /// Reused by `read_batch` for the part of a batch's line before its
    /// preferences.
    rest_buf: String,
    /// The number of the last line read.
    idx: u64,
    /// Set by [`read_each`]: in a version 1 log the digests of the entries'
    /// lines are not computed here (the digest, `prev` and the head before
    /// of an entry read are then zeros, not to be used: no check of a
    /// version 1 log uses them, and `read_each` takes them of the lines
    /// when asked).
    lazy_digests: bool,
}

impl Default for LineState {
    fn default() -> LineState {
        LineState {
            errors: Vec::new(),
            header: None,
            header_digest: Sha256Digest([0; 32]),
            expected_seq: 1,
            prev: Sha256Digest([0; 32]),
            chained: false,
            canonical: Vec::new(),
            rest_buf: String::new(),
            idx: 0,
            lazy_digests: false,
        }
    }
}

impl LineState {
    /// The header and its digest, or every problem found.
    fn finish(mut self) -> Result<(Header, Sha256Digest), Vec<ReadError>> {
        let header = match self.header {
            Some(h) => h,
            None => {
                self.errors.push(ReadError {
                    line: 1,
                    kind: ReadErrorKind::Empty,
                });
                Header::v1()
            }
        };
        if self.errors.is_empty() {
            Ok((header, self.header_digest))
        } else {
            Err(self.errors)
        }
    }

    /// Reads the next line of the file, `segment` (without its line feed;
    /// `is_last`: no line feed followed it).
    fn segment(&mut self, segment: &[u8], is_last: bool) -> Step {
        let errors = &mut self.errors;
        let canonical = &mut self.canonical;
        // A line index, not a figure: bounded by the log's length.
        self.idx = self.idx.saturating_add(1);
        let line = self.idx;
        if is_last && segment.is_empty() {
            return Step::End;
        }
        let chained = self.chained;
        if chained {
            if is_last {
                errors.push(ReadError {
                    line,
                    kind: ReadErrorKind::NoFinalNewline,
                });
            }
            if segment.is_empty() {
                errors.push(ReadError {
                    line,
                    kind: ReadErrorKind::BlankLine,
                });
                return Step::Nothing;
            }
            if segment.contains(&b'\r') {
                errors.push(ReadError {
                    line,
                    kind: ReadErrorKind::CarriageReturn,
                });
            }
        }
        let raw = if chained {
            segment
        } else {
            segment.strip_suffix(b"\r").unwrap_or(segment)
        };
        // The header's digest is always taken (a version 1 log's chain head
        // when it has no entry), and every line's in a version 2 log.
        let digest = if self.lazy_digests && !chained && self.header.is_some() {
            Sha256Digest([0; 32])
        } else {
            Sha256Digest::of(segment)
        };
        let text = match std::str::from_utf8(raw) {
            Ok(text) => text,
            Err(e) => {
                errors.push(ReadError {
                    line,
                    kind: ReadErrorKind::NotUtf8 {
                        column: e.valid_up_to() + 1,
                    },
                });
                if self.header.is_none() {
                    // An unreadable header: read on as version 1 to report
                    // what else is wrong.
                    self.header = Some(Header::v1());
                }
                self.prev = digest;
                return Step::Nothing;
            }
        };
        if !chained && text.trim().is_empty() {
            return Step::Nothing;
        }
        let Some(_) = &self.header else {
            match read_header(text) {
                Ok(h) => {
                    self.chained = h.chained();
                    if self.chained && !is_canonical(canonical, text, &h) {
                        errors.push(ReadError {
                            line,
                            kind: ReadErrorKind::NotCanonical {
                                expected: canonical_line(&h),
                            },
                        });
                    }
                    if self.chained && is_last {
                        errors.push(ReadError {
                            line,
                            kind: ReadErrorKind::NoFinalNewline,
                        });
                    }
                    self.header = Some(h);
                }
                Err(kind) => {
                    errors.push(ReadError { line, kind });
                    self.header = Some(Header::v1());
                }
            }
            self.header_digest = digest;
            self.prev = digest;
            return Step::Nothing;
        };
        let prev = self.prev;
        self.prev = digest;
        // The fast path: plain serde_json; only a line that fails is parsed
        // again with its field path tracked, for the message.
        // A batch with preferences that is canonical is read in two parts
        // first (see `read_batch`): `canonical_read` says so, and the
        // canonical-form check below is then already made.
        // Other lines are read first by a parse that refuses a struct
        // written as an array (`strict`): a line it reads is read to the
        // entry the plain parse gives, and `strict_read` says so; a line
        // it refuses is read again as before.
        // Each entry is moved as little as may be (an `Entry` is hundreds
        // of bytes): taken straight from whichever parse read it.
        let mut canonical_read = false;
        let mut strict_read = false;
        let mut entry = match read_batch(canonical, &mut self.rest_buf, text) {
            Some(entry) => {
                canonical_read = true;
                entry
            }
            None => match strict::from_str::<Entry>(text) {
                Ok(entry) => {
                    strict_read = true;
                    entry
                }
                Err(_) => {
                    match serde_json::from_str::<Entry>(text).or_else(|_| parse::<Entry>(text)) {
                        Ok(entry) => entry,
                        Err((path, message)) => {
                            errors.push(ReadError {
                                line,
                                kind: entry_problem(text, path, &message),
                            });
                            // A sequence number, not a figure: bounded by the
                            // log's length.
                            self.expected_seq = self.expected_seq.saturating_add(1);
                            return Step::Nothing;
                        }
                    }
                }
            },
        };
        if entry.seq != self.expected_seq {
            errors.push(ReadError {
                line,
                kind: ReadErrorKind::OutOfSequence {
                    expected: self.expected_seq,
                    found: entry.seq,
                },
            });
        }
        if let Some(kind) = control_character(text) {
            errors.push(ReadError { line, kind });
        }
        if chained {
            match &entry.prev {
                None => errors.push(ReadError {
                    line,
                    kind: ReadErrorKind::MissingLink { seq: entry.seq },
                }),
                Some(link) if Sha256Digest::from_hex(link) != Some(prev) => {
                    errors.push(ReadError {
                        line,
                        kind: ReadErrorKind::ChainBroken {
                            seq: entry.seq,
                            // A sequence number, not a figure: the one before.
                            previous: entry.seq.saturating_sub(1),
                        },
                    });
                }
                Some(_) => {}
            }
            if !canonical_read && !is_canonical(canonical, text, &entry) {
                errors.push(ReadError {
                    line,
                    kind: shape_problem(text, &entry).unwrap_or_else(|| {
                        ReadErrorKind::NotCanonical {
                            expected: canonical_line(&entry),
                        }
                    }),
                });
            }
        } else {
            if entry.prev.is_some() {
                errors.push(ReadError {
                    line,
                    kind: ReadErrorKind::UnexpectedLink { seq: entry.seq },
                });
            }
            // A canonical line has no array in place of an object, and
            // `shape_problem` finds none in it: the canonical comparison,
            // which costs a serialisation of every line, is not made first.
            // Nor has a line the strict parse read, except in a batch's
            // preferences, which are parsed on their own (not through the
            // strict parse): a batch's line is checked as before.
            let shape_known = strict_read && !matches!(entry.event, Event::PaperBatchCounted(_));
            if !canonical_read && !shape_known {
                if let Some(kind) = shape_problem(text, &entry) {
                    errors.push(ReadError { line, kind });
                }
            }
        }
        // The bytes of a batch's preferences were kept only for the check
        // above.
        if let Event::PaperBatchCounted(batch) = &mut entry.event {
            batch.preferences.forget_raw();
        }
        // A sequence number, not a figure: the next one expected (a seq
        // out of sequence, even u64::MAX, is already reported above).
        self.expected_seq = entry.seq.saturating_add(1);
        Step::Entry(ReadEntry {
            entry,
            line,
            digest,
            head_before: prev,
        })
    }
}

/// The key that starts a batch's preferences in a canonical line.
const PREFERENCES_KEY: &str = ",\"preferences\":";

/// Reads a line that is the canonical form of a `paper_batch_counted`
/// entry with preferences, without serde going over the preferences:
/// `None` for any other line (which is then read as every line is).
///
/// A canonical batch line is `H,"preferences":P}}}`, where `H}}}` is the
/// canonical line of the same entry without preferences (`preferences` is
/// the batch's last field and `event` the entry's, and an empty
/// `preferences` is left out), and `P` is the canonical form of the
/// (non-empty) preferences. So the line is split at the key, `H}}}` read by
/// serde and checked canonical as any line is, and `P` read by
/// [`crate::parse_canonical`], which accepts only that form. Both checks
/// passing is exactly the line being what countroom writes for the entry
/// read (the entry's line is `H}}}` with `,"preferences":P` before its last
/// three bytes), whichever occurrence of the key the line was split at;
/// either failing leaves the line to the ordinary path, which finds the
/// same entry or the same problems as before.
fn read_batch(canonical: &mut Vec<u8>, rest: &mut String, text: &str) -> Option<Entry> {
    // The end of the last line of preferences (`…]}`), of the array, the
    // batch, the event and the entry: looked at first, so that other
    // lines cost no search.
    if !text.ends_with("]}]}}}") {
        return None;
    }
    let at = text.find(PREFERENCES_KEY)?;
    let head = text.get(..at)?;
    let value = text
        .get(at + PREFERENCES_KEY.len()..)?
        .strip_suffix("}}}")?;
    if !value.starts_with('[') {
        return None;
    }
    let preferences = crate::parse_canonical(value).ok()?;
    if preferences.is_empty() {
        return None;
    }
    rest.clear();
    rest.push_str(head);
    rest.push_str("}}}");
    let mut entry: Entry = serde_json::from_str(rest).ok()?;
    let Event::PaperBatchCounted(batch) = &mut entry.event else {
        return None;
    };
    if !batch.preferences.is_empty() || !is_canonical(canonical, rest, &entry) {
        return None;
    }
    if let Event::PaperBatchCounted(batch) = &mut entry.event {
        batch.preferences = preferences;
    }
    Some(entry)
}

fn read_header(text: &str) -> Result<Header, ReadErrorKind> {
    let header: Header = parse(text).map_err(|(path, message)| ReadErrorKind::BadHeader {
        message: field_message(&path, message),
        path,
    })?;
    if header.schema != SCHEMA {
        return Err(ReadErrorKind::WrongSchema {
            found: header.schema,
        });
    }
    if header.version != VERSION && header.version != VERSION_1 {
        return Err(ReadErrorKind::UnsupportedVersion {
            found: header.version,
        });
    }
    let missing = |field: &str| {
        ReadErrorKind::BadHeader {
        path: field.to_owned(),
        message: format!("a version {VERSION} header names the election, the countroom version and the ruleset digest: `{field}` is missing"),
    }
    };
    let extra = |field: &str| {
        ReadErrorKind::BadHeader {
        path: field.to_owned(),
        message: format!(
            "a version {VERSION_1} header has only `schema` and `version`: `{field}` belongs to version {VERSION}"
        ),
    }
    };
    let fields = [
        ("election", &header.election),
        ("countroom", &header.countroom),
        ("rules", &header.rules),
    ];
    for (name, value) in fields {
        match (header.chained(), value) {
            (true, None) => return Err(missing(name)),
            (false, Some(_)) => return Err(extra(name)),
            _ => {}
        }
    }
    if let Some(kind) = control_character(text) {
        return Err(kind);
    }
    if let Some(rules) = &header.rules {
        if Sha256Digest::from_hex(rules).is_none() {
            return Err(ReadErrorKind::BadHeader {
                path: "rules".into(),
                message: format!("{rules:?} is not a SHA-256 digest (64 lower-case hex digits)"),
            });
        }
    }
    Ok(header)
}

pub(crate) fn parse<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, (String, String)> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| (e.path().to_string(), message(e.inner())))?;
    de.end().map_err(|e| (String::new(), message(&e)))?;
    Ok(value)
}

/// serde_json's message without its "at line 1 column N" suffix (every
/// line of the log is parsed alone, so its line is always 1), with the
/// column kept.
pub(crate) fn message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) if e.column() > 0 => format!("{} (column {})", &text[..i], e.column()),
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// The problem with an entry that does not parse: a whole entry written as
/// an array (serde would read a struct from it field by field, and name the
/// second element's type) is named as such; any other message is
/// [`number_message`]'s.
pub(crate) fn entry_problem(text: &str, path: String, message: &str) -> ReadErrorKind {
    if text.trim_start().starts_with('[') {
        return ReadErrorKind::BadEntry {
            path: String::new(),
            message: "an array where the format has an object: an entry is one JSON object, `{…}`"
                .to_owned(),
        };
    }
    ReadErrorKind::BadEntry {
        message: field_message(&path, number_message(text, message)),
        path,
    }
}

/// serde_json reads an integer beyond `u64` as a floating-point number and
/// says "invalid type: floating point"; say what is wrong instead.
pub(crate) fn number_message(text: &str, message: &str) -> String {
    if !message.starts_with("invalid type: floating point") {
        return message.to_owned();
    }
    match oversized_integer(text) {
        Some(literal) => format!("{literal} is more than the largest count, {}", u64::MAX),
        None => message.to_owned(),
    }
}

/// Whether serde_path_to_error's `path` is the line as a whole: empty,
/// `.`, or `?` (a place it could not name, as in input cut short after a
/// complete field).
pub(crate) fn whole_line(path: &str) -> bool {
    path.is_empty() || path == "." || path == "?"
}

/// A message about the field at `path` in plain words (`crate::plain`); a
/// message about the whole line (no path) is left as serde wrote it, for
/// the reader of the problem to describe the line as a whole
/// (`countroom_io::problem`: "this line is the number 6").
pub(crate) fn field_message(path: &str, message: String) -> String {
    if whole_line(path) {
        message
    } else {
        crate::plain::plain(&message)
    }
}

/// The first integer literal outside strings that does not fit in `u64`.
fn oversized_integer(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        if b == b'"' {
            in_string = true;
            i += 1;
            continue;
        }
        if b.is_ascii_digit() || b == b'-' {
            let start = i;
            i += 1;
            while i < bytes.len() && (bytes[i].is_ascii_digit()) {
                i += 1;
            }
            let literal = &text[start..i];
            let is_integer = !matches!(bytes.get(i), Some(b'.' | b'e' | b'E'));
            if is_integer && !literal.starts_with('-') && literal.parse::<u64>().is_err() {
                return Some(literal);
            }
            continue;
        }
        i += 1;
    }
    None
}

/// The first control character or line break in a string of the line,
/// raw or escaped, with the field it is in.
pub(crate) fn control_character(text: &str) -> Option<ReadErrorKind> {
    // The fast path: every forbidden character is a byte below 0x20, DEL,
    // a C1 control (lead byte 0xC2), U+2028 or U+2029 (lead byte 0xE2), or
    // an escape (a backslash). A line with none of these bytes has none.
    if !may_hold_control(text.as_bytes()) {
        return None;
    }
    let mut chars = text.chars();
    let mut found = None;
    while let Some(c) = chars.next() {
        if c == '\\' {
            let escaped = match chars.next() {
                Some('n') => Some('\n'),
                Some('r') => Some('\r'),
                Some('t') => Some('\t'),
                Some('b') => Some('\u{8}'),
                Some('f') => Some('\u{c}'),
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                }
                _ => None,
            };
            if let Some(e) = escaped.filter(|&e| forbidden(e)) {
                found = Some(e);
                break;
            }
        } else if forbidden(c) {
            found = Some(c);
            break;
        }
    }
    let c = found?;
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let path = string_path(&value, c).unwrap_or_default();
    Some(ReadErrorKind::ControlCharacter {
        path,
        character: match c {
            '\n' => "\\n".to_owned(),
            '\r' => "\\r".to_owned(),
            '\t' => "\\t".to_owned(),
            c => format!("U+{:04X}", u32::from(c)),
        },
    })
}

/// The lines of a file, as `split` on `\n` gives them, each line end found
/// 64 bytes at a time (a batch of an STV contest is one line of
/// megabytes).
struct Lines<'a> {
    rest: Option<&'a [u8]>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let rest = self.rest?;
        match find_newline(rest).and_then(|i| Some((rest.get(..i)?, rest.get(i + 1..)?))) {
            Some((line, after)) => {
                self.rest = Some(after);
                Some(line)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// How many `\n` bytes hold, counted 64 bytes at a time: a block's count
/// fits a byte, so the compiler adds the block in vector instructions
/// (a count of each byte into a `usize` was 5% of reading a log of local
/// totals).
fn count_newlines(bytes: &[u8]) -> usize {
    let mut blocks = bytes.chunks_exact(64);
    let mut n = 0usize;
    for block in &mut blocks {
        // At most 64: never wraps.
        let k = block
            .iter()
            .fold(0u8, |a, &b| a.wrapping_add(u8::from(b == b'\n')));
        // A count of bytes: at most `bytes.len()`, so it cannot overflow.
        n += usize::from(k);
    }
    n + blocks.remainder().iter().filter(|&&b| b == b'\n').count()
}

/// Whether `bytes` hold `byte`, looked for 64 bytes at a time without
/// stopping early inside a block (vector instructions).
fn has_byte(bytes: &[u8], byte: u8) -> bool {
    let mut blocks = bytes.chunks_exact(64);
    for block in &mut blocks {
        if block.iter().fold(false, |any, &b| any | (b == byte)) {
            return true;
        }
    }
    blocks.remainder().contains(&byte)
}

/// Where the first `\n` is: blocks of 64 bytes are looked through without
/// stopping early (vector instructions), then the block holding one is
/// searched byte by byte.
fn find_newline(bytes: &[u8]) -> Option<usize> {
    let mut base = 0;
    let mut blocks = bytes.chunks_exact(64);
    for block in &mut blocks {
        if block.iter().fold(false, |any, &b| any | (b == b'\n')) {
            return block.iter().position(|&b| b == b'\n').map(|i| base + i);
        }
        base += 64;
    }
    blocks
        .remainder()
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| base + i)
}

/// The last, short, block of a scan (fewer than 64 bytes) padded to 64
/// with spaces, which no scan here looks for, so that it is looked through
/// as a whole block (vector instructions) and not byte by byte.
fn padded(rest: &[u8]) -> [u8; 64] {
    let mut block = [b' '; 64];
    if let Some(head) = block.get_mut(..rest.len()) {
        head.copy_from_slice(rest);
    }
    block
}

/// Whether `bytes` hold a byte that may begin a control character, raw or
/// escaped (see [`control_character`]). Looked for 64 bytes at a time
/// without stopping early inside a block, which the compiler turns into
/// vector instructions: a long line of preferences is scanned several
/// times faster than byte by byte.
fn may_hold_control(bytes: &[u8]) -> bool {
    let suspect = |b: u8| b < 0x20 || b == 0x7f || b == b'\\' || b == 0xc2 || b == 0xe2;
    let mut blocks = bytes.chunks_exact(64);
    for block in &mut blocks {
        if block.iter().fold(false, |any, &b| any | suspect(b)) {
            return true;
        }
    }
    // The rest of the line (a few dozen bytes, byte by byte a third of
    // this scan's time on a log of local totals) as one padded block.
    padded(blocks.remainder())
        .iter()
        .fold(false, |any, &b| any | suspect(b))
}

/// Characters that must not appear in a name or free text: C0 and C1
/// controls, DEL, and the Unicode line and paragraph separators.
fn forbidden(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

/// The path (`event.contest_defined.candidates[2].name`) of the first string
/// or key holding `c`.
fn string_path(value: &serde_json::Value, c: char) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) => s.contains(c).then(String::new),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| string_path(v, c).map(|p| join_path(&format!("[{i}]"), &p, true))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            if k.contains(c) {
                return Some(k.clone());
            }
            string_path(v, c).map(|p| join_path(k, &p, false))
        }),
        _ => None,
    }
}

fn join_path(head: &str, rest: &str, index: bool) -> String {
    let _ = index;
    if rest.is_empty() {
        head.to_owned()
    } else if rest.starts_with('[') {
        format!("{head}{rest}")
    } else {
        format!("{head}.{rest}")
    }
}

/// Where the line has an array (or other value) in place of the object the
/// format has there: serde reads a struct from an array of its fields in
/// order, which the format does not allow.
pub(crate) fn shape_problem<T: Serialize>(text: &str, parsed: &T) -> Option<ReadErrorKind> {
    // A line with no array at all has none in place of an object: the
    // (costly) comparison of the two values is made only for a line with
    // one. Exact: every array of the parsed input is a `[` outside a
    // string.
    if !has_array(text) {
        return None;
    }
    // A second exact filter, before building the two values: an array at
    // some place in the input where the entry written has an object has
    // the same place in both, so the same signature (the nearest key above
    // it and the number of arrays between that key and it; see
    // `place_signatures`). A line none of whose arrays has the signature of
    // an object of the entry written has none in place of an object. Keys
    // written with an escape are compared only as values (the filter then
    // lets the line through).
    // The objects' places are found by walking the entry
    // (`places::object_places`, which writes nothing); where the walk does
    // not model the written form (a map, raw JSON, a key needing an
    // escape), the entry is written and its text read, as the walk's
    // answer is checked against (`object_places_are_the_written_ones`).
    let written;
    let objects = match places::object_places(parsed) {
        Some(objects) => Some(objects),
        None => {
            written = serde_json::to_vec(parsed).ok()?;
            place_signatures(&written, b'{')
        }
    };
    if let (Some(arrays), Some(objects)) = (place_signatures(text.as_bytes(), b'['), objects) {
        if !arrays.iter().any(|a| objects.contains(a)) {
            return None;
        }
    }
    shape_compared(text, parsed)
}

/// The comparison behind [`shape_problem`], without its filters: the
/// input's value against the entry's, place by place.
fn shape_compared<T: Serialize>(text: &str, parsed: &T) -> Option<ReadErrorKind> {
    let input: serde_json::Value = serde_json::from_str(text).ok()?;
    let canonical = serde_json::to_value(parsed).ok()?;
    let path = shape_mismatch(&input, &canonical)?;
    Some(ReadErrorKind::BadEntry {
        message: "an array where the format has an object".to_owned(),
        path,
    })
}

/// A place in a JSON text: the nearest key above a value (none at the top)
/// and the number of arrays between that key and the value.
type Place<'a> = (Option<&'a [u8]>, usize);

/// The place of every value of JSON `text` that opens with `open` (`[`
/// or `{`), as (the nearest key above it, the number of arrays between
/// that key and it): two values at the same path (keys and indices) have
/// the same signature, whatever the order of the keys. `None` if a key has
/// an escape (`\`), whose text is not its value, or the text is not JSON
/// of this shape (the caller then makes the full comparison).
fn place_signatures(text: &[u8], open: u8) -> Option<Vec<Place<'_>>> {
    /// An object, with its last key read, or an array.
    enum Frame<'a> {
        Object(Option<&'a [u8]>),
        Array,
    }
    // A few places a line: a vector searched is cheaper than a set.
    let mut out = Vec::new();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    // In an object, whether the next string is a key.
    let mut expect_key = false;
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        match b {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut has_escape = false;
                loop {
                    // The next quote or backslash, found a slice at a time.
                    j += text
                        .get(j..)?
                        .iter()
                        .position(|&c| c == b'"' || c == b'\\')?;
                    match *text.get(j)? {
                        b'\\' => {
                            has_escape = true;
                            j += 2;
                        }
                        _ => break,
                    }
                }
                if expect_key {
                    if has_escape {
                        return None;
                    }
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        *key = Some(text.get(start..j)?);
                    }
                    expect_key = false;
                }
                i = j + 1;
                continue;
            }
            b'{' | b'[' => {
                if b == open {
                    let mut arrays = 0;
                    let mut key = None;
                    for f in stack.iter().rev() {
                        match f {
                            Frame::Array => arrays += 1,
                            Frame::Object(k) => {
                                key = *k;
                                break;
                            }
                        }
                    }
                    // The values of an array share a place: the last
                    // one noted is looked at first.
                    if out.last() != Some(&(key, arrays)) && !out.contains(&(key, arrays)) {
                        out.push((key, arrays));
                    }
                }
                if b == b'{' {
                    stack.push(Frame::Object(None));
                    expect_key = true;
                } else {
                    stack.push(Frame::Array);
                }
            }
            b'}' | b']' => {
                stack.pop()?;
            }
            b',' => expect_key = matches!(stack.last(), Some(Frame::Object(_))),
            _ => {}
        }
        i += 1;
    }
    Some(out)
}

/// Whether JSON text has a `[` outside its strings (an array).
fn has_array(text: &str) -> bool {
    // The fast path: a line with no `[` byte at all (most lines) has no
    // array, found 64 bytes at a time (vector instructions); a line with
    // one is read as before, strings skipped.
    if !has_byte(text.as_bytes(), b'[') {
        return false;
    }
    let mut in_string = false;
    let mut escaped = false;
    for &b in text.as_bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'[' {
            return true;
        }
    }
    false
}

fn shape_mismatch(input: &serde_json::Value, canonical: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match (input, canonical) {
        (Value::Array(_), Value::Object(_)) => Some(String::new()),
        (Value::Object(a), Value::Object(b)) => a.iter().find_map(|(k, v)| {
            let w = b.get(k)?;
            shape_mismatch(v, w).map(|p| join_path(k, &p, false))
        }),
        (Value::Array(a), Value::Array(b)) => {
            a.iter().zip(b).enumerate().find_map(|(i, (v, w))| {
                shape_mismatch(v, w).map(|p| join_path(&format!("[{i}]"), &p, true))
            })
        }
        _ => None,
    }
}

fn canonical_line<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Whether `value` serialises to exactly `text`: written into `buf` (cleared
/// first; its capacity is kept from line to line, so no line allocates once
/// it has grown to a chunk) and compared with `text` a chunk of
/// [`CHUNK`] bytes at a time.
///
/// This is the canonical-form check of a version 2 line: one content, one
/// byte form. `text` parsed to `value`; if writing `value` gives `text`
/// back byte for byte, no other line parses to the same value and is
/// accepted (any other line differs from what `value` writes), and any
/// altered byte either fails to parse, fails this check, or changes the
/// value (and so the chain). serde_json writes a compact line as many
/// small pieces (a quote, a key, a colon, each figure); copying them into
/// a buffer and comparing a chunk at once costs less than checking each
/// piece as it comes, which is what `is_canonical_streamed`, kept as the
/// tests' oracle, does.
fn is_canonical<T: Serialize>(buf: &mut Vec<u8>, text: &str, value: &T) -> bool {
    buf.clear();
    let mut compare = ChunkCompare {
        rest: text.as_bytes(),
        buf,
    };
    serde_json::to_writer(&mut compare, value).is_ok()
        && compare.compare_chunk()
        && compare.rest.is_empty()
}

/// How much of a line [`is_canonical`] holds before comparing it: small
/// enough to stay in the processor's cache on a line of many megabytes
/// (one batch of an STV contest is one line), large enough that a
/// comparison covers hundreds of pieces.
const CHUNK: usize = 16 * 1024;

/// A writer that collects what is written and compares it with the bytes
/// expected a chunk at a time.
struct ChunkCompare<'a, 'b> {
    rest: &'a [u8],
    buf: &'b mut Vec<u8>,
}

impl ChunkCompare<'_, '_> {
    /// Compares what is held with the next bytes expected, and empties it.
    fn compare_chunk(&mut self) -> bool {
        match self.rest.strip_prefix(self.buf.as_slice()) {
            Some(rest) => {
                self.rest = rest;
                self.buf.clear();
                true
            }
            None => false,
        }
    }
}

impl std::io::Write for ChunkCompare<'_, '_> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() + data.len() > CHUNK && !self.compare_chunk() {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
        if data.len() > CHUNK {
            // A piece of a chunk or more (a batch's preferences written
            // back as they were read): compared where it is, not copied.
            return match self.rest.strip_prefix(data) {
                Some(rest) => {
                    self.rest = rest;
                    Ok(data.len())
                }
                None => Err(std::io::ErrorKind::InvalidData.into()),
            };
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Whether `value` serialises to exactly `text`: compared as it is written,
/// without building the canonical line, and stopping at the first byte that
/// differs. The check the reader made before [`is_canonical`]; kept as the
/// oracle [`is_canonical`] is tested against.
#[cfg(test)]
fn is_canonical_streamed<T: Serialize>(text: &str, value: &T) -> bool {
    let mut compare = Compare {
        rest: text.as_bytes(),
    };
    serde_json::to_writer(&mut compare, value).is_ok() && compare.rest.is_empty()
}

/// A writer that checks what is written against the bytes expected.
#[cfg(test)]
struct Compare<'a> {
    rest: &'a [u8],
}

#[cfg(test)]
impl std::io::Write for Compare<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.rest.strip_prefix(buf) {
            Some(rest) => {
                self.rest = rest;
                Ok(buf.len())
            }
            None => Err(std::io::ErrorKind::InvalidData.into()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes a log: the header line, then one line per entry, each ending in
/// `\n`. With a version 2 header each entry's `prev` is set to link it to
/// the line before (whatever it held); with a version 1 header `prev` is
/// left out. Entries keep their `seq`. The output is canonical: reading it
/// back and writing again gives the same bytes.
#[must_use]
pub fn write(header: &Header, entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut appender = Appender::start(header, &mut out);
    for entry in entries {
        appender.write_entry(&mut out, entry.clone());
    }
    out
}

/// Appends one entry as a line to `out`, as it is (no chain link is
/// computed: use an [`Appender`] to extend a chained log).
pub fn write_entry(out: &mut Vec<u8>, entry: &Entry) {
    write_line(out, entry);
}

fn write_line<T: Serialize>(out: &mut Vec<u8>, value: &T) {
    // Serializing these plain structs to a Vec cannot fail: no maps with
    // non-string keys, no custom Serialize impls, and a Vec never errors.
    if serde_json::to_writer(&mut *out, value).is_ok() {
        out.push(b'\n');
    }
}

/// Extends a log one entry at a time: numbers each entry and, in a chained
/// log, links it to the chain head.
#[derive(Debug, Clone)]
pub struct Appender {
    head: Sha256Digest,
    next_seq: u64,
    chained: bool,
}

impl Appender {
    /// Writes `header` to `out` and returns an appender for the entries
    /// that follow it.
    pub fn start(header: &Header, out: &mut Vec<u8>) -> Appender {
        let start = out.len();
        write_line(out, header);
        let line = out
            // A position, not a figure: the line without its newline.
            .get(start..out.len().saturating_sub(1))
            .unwrap_or_default();
        Appender {
            head: Sha256Digest::of(line),
            next_seq: 1,
            chained: header.chained(),
        }
    }

    /// The chain head: the digest of the last line written.
    #[must_use]
    pub fn head(&self) -> Sha256Digest {
        self.head
    }

    /// The sequence number the next entry gets.
    #[must_use]
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Appends an event as the next entry, returning the entry written.
    pub fn append(
        &mut self,
        out: &mut Vec<u8>,
        by: String,
        at: Option<String>,
        reason: Option<String>,
        event: Event,
    ) -> Entry {
        let entry = Entry {
            seq: self.next_seq,
            prev: None,
            by,
            at,
            reason,
            event,
        };
        self.write_entry_numbered(out, entry)
    }

    /// Appends `entry` as the next entry: its `seq` and `prev` are set here.
    pub fn append_entry(&mut self, out: &mut Vec<u8>, mut entry: Entry) -> Entry {
        entry.seq = self.next_seq;
        self.write_entry_numbered(out, entry)
    }

    /// Writes `entry` keeping its `seq` (the next sequence number follows
    /// it) and setting its `prev`.
    fn write_entry(&mut self, out: &mut Vec<u8>, entry: Entry) -> Entry {
        self.write_entry_numbered(out, entry)
    }

    fn write_entry_numbered(&mut self, out: &mut Vec<u8>, mut entry: Entry) -> Entry {
        entry.prev = self.chained.then(|| self.head.to_hex());
        let start = out.len();
        write_line(out, &entry);
        let line = out
            // A position, not a figure: the line without its newline.
            .get(start..out.len().saturating_sub(1))
            .unwrap_or_default();
        self.head = Sha256Digest::of(line);
        // A sequence number, not a figure: bounded by the log's length.
        self.next_seq = entry.seq.saturating_add(1);
        entry
    }
}

/// Why a log could not be upgraded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UpgradeError {
    /// The log is already chained.
    #[error("the log is already version {found}: nothing to upgrade")]
    AlreadyChained {
        /// Its version.
        found: u32,
    },
    /// The new header is not a version 2 header.
    #[error("the new header must be version {VERSION}")]
    NotChainedHeader,
}

/// Rewrites a version 1 log as version 2: the same entries, chained under
/// `header`, followed by a `log_upgraded` entry recording the version 1
/// file's SHA-256 and who upgraded it.
pub fn upgrade(
    log: &LogFile,
    source: Sha256Digest,
    header: &Header,
    by: String,
    at: Option<String>,
) -> Result<Vec<u8>, UpgradeError> {
    if log.tamper_evident() {
        return Err(UpgradeError::AlreadyChained {
            found: log.header.version,
        });
    }
    if !header.chained() {
        return Err(UpgradeError::NotChainedHeader);
    }
    let mut out = Vec::new();
    let mut appender = Appender::start(header, &mut out);
    for entry in &log.entries {
        appender.write_entry(&mut out, entry.clone());
    }
    appender.append(
        &mut out,
        by,
        at,
        None,
        Event::LogUpgraded(LogUpgraded {
            from_version: log.header.version,
            source_sha256: source.to_hex(),
            // An entry count, not a figure: bounded by the log's length.
            entries: u64::try_from(log.entries.len()).unwrap_or(u64::MAX),
        }),
    );
    Ok(out)
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BundleCounted, CandidateVotes, Event};

    /// `has_array`, the exact filter before the shape comparison: a `[`
    /// inside a string (escaped quotes included) is no array; one outside
    /// is; and a line whose event is an array where the format has an
    /// object is still found (the filter lets it through).
    #[test]
    fn an_array_is_a_bracket_outside_strings() {
        assert!(!has_array(r#"{"by":"a [b]","event":{"x":{"y":"\"["}}}"#));
        assert!(!has_array(r#"{"by":"\\","event":{}}"#));
        assert!(has_array(r#"{"by":"\\","event":{"x":[]}}"#));
        assert!(has_array(r#"{"by":"q\"","v":[1]}"#));
        let text = r#"{"seq":1,"by":"RO","event":{"count_completed":["abbey",1]}}"#;
        let parsed: Entry = serde_json::from_str(text).unwrap();
        assert!(shape_problem(text, &parsed).is_some());
    }

    const HEADER: &str = "{\"schema\":\"countroom-count-log\",\"version\":1}\n";

    fn entry(seq: u64) -> Entry {
        Entry {
            seq,
            prev: None,
            by: "Count supervisor, table 3".into(),
            at: None,
            reason: None,
            event: Event::BundleCounted(BundleCounted {
                contest: "abbey".into(),
                run: 1,
                counting_area: None,
                bundle: format!("T3-{seq}"),
                table: Some("T3".into()),
                ballot_box: None,
                papers: Some(50),
                votes: vec![CandidateVotes {
                    candidate: "C1".into(),
                    votes: 31,
                }],
            }),
        }
    }

    #[test]
    fn lines_are_split_as_split_splits_them() {
        let long = format!("{}\n{}", "a".repeat(200), "b".repeat(63));
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\n\nb",
            "\n\n",
            long.as_str(),
            &format!("{long}\n"),
        ] {
            let ours: Vec<&[u8]> = Lines {
                rest: Some(text.as_bytes()),
            }
            .collect();
            let std: Vec<&[u8]> = text.as_bytes().split(|&b| b == b'\n').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn round_trips_exactly() {
        let entries = vec![entry(1), entry(2)];
        let bytes = write(&Header::v1(), &entries);
        let log = read(&bytes).unwrap();
        assert_eq!(log.entries, entries);
        assert_eq!(log.lines, vec![2, 3]);
        assert!(!log.tamper_evident());
        assert_eq!(write(&log.header, &log.entries), bytes);
    }

    #[test]
    fn empty_file_is_an_error() {
        let errs = read(b"").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].kind, ReadErrorKind::Empty);
        assert!(read(b"\n\n").is_err());
    }

    #[test]
    fn every_bad_line_is_reported_with_its_field() {
        let text = format!(
            "{HEADER}{}\n{}\n{}\n",
            r#"{"seq":1,"by":"x","event":{"bundle_counted":{"contest":"a","run":1,"bundle":"b","votes":[{"candidate":"C1","votes":-5}]}}}"#,
            r#"{"seq":2,"by":"x","event":{"count_completed":{"contest":"a","run":1,"colour":"red"}}}"#,
            r#"{"seq":3,"by":"x","event":{"count_compl"#,
        );
        let errs = read(text.as_bytes()).unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:#?}");
        assert_eq!(errs[0].line, 2);
        assert!(
            errs[0]
                .to_string()
                .starts_with("line 2: bad entry at field `event.bundle_counted.votes[0].votes`: -5 is not a whole number of 0 or more"),
            "{}",
            errs[0]
        );
        assert_eq!(errs[1].line, 3);
        assert!(
            errs[1].to_string().contains("unknown field `colour`"),
            "{}",
            errs[1]
        );
        assert_eq!(errs[2].line, 4);
        assert!(
            errs[2].to_string().contains("the line is cut short"),
            "{}",
            errs[2]
        );
    }

    #[test]
    fn non_utf8_is_reported_with_column() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"{\"seq\":1,\"by\":\"\xff\"}\n");
        let errs = read(&bytes).unwrap_err();
        assert_eq!(
            errs,
            vec![ReadError {
                line: 2,
                kind: ReadErrorKind::NotUtf8 { column: 16 }
            }]
        );
    }

    #[test]
    fn gaps_in_sequence_are_reported() {
        let mut bytes = HEADER.as_bytes().to_vec();
        write_entry(&mut bytes, &entry(1));
        write_entry(&mut bytes, &entry(3));
        let errs = read(&bytes).unwrap_err();
        assert_eq!(
            errs[0].kind,
            ReadErrorKind::OutOfSequence {
                expected: 2,
                found: 3
            }
        );
    }

    #[test]
    fn header_is_checked() {
        let errs = read(b"{\"schema\":\"other\",\"version\":1}\n").unwrap_err();
        assert!(matches!(errs[0].kind, ReadErrorKind::WrongSchema { .. }));
        let errs = read(b"{\"schema\":\"countroom-count-log\",\"version\":3}\n").unwrap_err();
        assert_eq!(errs[0].kind, ReadErrorKind::UnsupportedVersion { found: 3 });
    }

    #[test]
    fn crlf_and_blank_lines_are_accepted() {
        let text = format!("{}\r\n\r\n", HEADER.trim_end());
        assert_eq!(read(text.as_bytes()).unwrap().entries.len(), 0);
    }

    fn v2_header() -> Header {
        Header::v2("exampleshire-2026", "0.1.0", &"ab".repeat(32))
    }

    fn chained(n: u64) -> Vec<u8> {
        let entries: Vec<Entry> = (1..=n).map(entry).collect();
        write(&v2_header(), &entries)
    }

    #[test]
    fn a_v2_log_round_trips_byte_for_byte_and_links_every_line() {
        let bytes = chained(3);
        let log = read(&bytes).unwrap();
        assert!(log.tamper_evident());
        assert_eq!(write(&log.header, &log.entries), bytes);
        let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
        // Entry 1 links to the header; each later entry to the line before.
        assert_eq!(
            log.entries[0].prev.as_deref(),
            Some(Sha256Digest::of(lines[0]).to_hex().as_str())
        );
        assert_eq!(
            log.entries[2].prev.as_deref(),
            Some(Sha256Digest::of(lines[2]).to_hex().as_str())
        );
        assert_eq!(log.head(), Sha256Digest::of(lines[3]));
        assert_eq!(log.head_before(1), Some(log.header_digest));
        assert_eq!(log.head_before(3), Some(log.digests[1]));
    }

    #[test]
    fn an_edited_figure_breaks_the_link_of_the_next_entry() {
        let bytes = chained(3);
        let text = String::from_utf8(bytes).unwrap();
        // Entry 2's votes 31 -> 32 (the line stays canonical JSON).
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        lines[2] = lines[2].replace("\"votes\":31", "\"votes\":32");
        let altered = lines.join("\n") + "\n";
        let errs = read(altered.as_bytes()).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].line, 4);
        assert_eq!(
            errs[0].to_string(),
            "line 4: entry 3 does not follow entry 2: the log was altered at or before entry 2"
        );
    }

    #[test]
    fn a_removed_or_reordered_line_is_found() {
        let text = String::from_utf8(chained(3)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let removed = format!("{}\n{}\n{}\n", lines[0], lines[1], lines[3]);
        let errs = read(removed.as_bytes()).unwrap_err();
        assert!(errs.iter().any(|e| matches!(
            e.kind,
            ReadErrorKind::ChainBroken {
                seq: 3,
                previous: 2
            }
        )));
        let swapped = format!("{}\n{}\n{}\n{}\n", lines[0], lines[2], lines[1], lines[3]);
        assert!(read(swapped.as_bytes()).is_err());
    }

    #[test]
    fn a_v2_log_must_be_canonical() {
        let text = String::from_utf8(chained(1)).unwrap();
        let spaced = text.replacen("\"seq\":1", "\"seq\": 1", 1);
        let errs = read(spaced.as_bytes()).unwrap_err();
        assert!(
            matches!(errs[0].kind, ReadErrorKind::NotCanonical { .. }),
            "{errs:?}"
        );
        let crlf = text.replace('\n', "\r\n");
        assert!(read(crlf.as_bytes()).is_err());
        let blank = format!("{text}\n");
        assert_eq!(
            read(blank.as_bytes()).unwrap_err()[0].kind,
            ReadErrorKind::BlankLine
        );
        let cut = text.trim_end_matches('\n');
        assert_eq!(
            read(cut.as_bytes()).unwrap_err()[0].kind,
            ReadErrorKind::NoFinalNewline
        );
    }

    #[test]
    fn a_v2_entry_without_a_link_and_a_v1_entry_with_one_are_refused() {
        let mut v2 = Vec::new();
        write_line(&mut v2, &v2_header());
        write_entry(&mut v2, &entry(1));
        assert!(read(&v2)
            .unwrap_err()
            .iter()
            .any(|e| e.kind == ReadErrorKind::MissingLink { seq: 1 }));
        let mut v1 = HEADER.as_bytes().to_vec();
        let mut linked = entry(1);
        linked.prev = Some("00".repeat(32));
        write_entry(&mut v1, &linked);
        assert_eq!(
            read(&v1).unwrap_err()[0].kind,
            ReadErrorKind::UnexpectedLink { seq: 1 }
        );
    }

    #[test]
    fn a_v2_header_names_election_countroom_and_rules() {
        let errs =
            read(b"{\"schema\":\"countroom-count-log\",\"version\":2,\"countroom\":\"0.1.0\"}\n")
                .unwrap_err();
        assert!(
            errs[0].to_string().contains("`election` is missing"),
            "{}",
            errs[0]
        );
        let errs = read(b"{\"schema\":\"countroom-count-log\",\"version\":1,\"election\":\"e\"}\n")
            .unwrap_err();
        assert!(
            errs[0].to_string().contains("belongs to version 2"),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn an_appender_extends_the_chain_of_a_log_read() {
        let bytes = chained(2);
        let log = read(&bytes).unwrap();
        let mut appender = log.appender();
        let mut out = bytes.clone();
        let e = entry(99);
        let written = appender.append_entry(&mut out, e);
        assert_eq!(written.seq, 3);
        let again = read(&out).unwrap();
        assert_eq!(again.entries.len(), 3);
        assert_eq!(again.head(), appender.head());
    }

    #[test]
    fn upgrade_chains_a_v1_log_and_records_it() {
        let v1 = write(&Header::v1(), &[entry(1), entry(2)]);
        let log = read(&v1).unwrap();
        let out = upgrade(
            &log,
            Sha256Digest::of(&v1),
            &v2_header(),
            "Auditor".into(),
            None,
        )
        .unwrap();
        let up = read(&out).unwrap();
        assert!(up.tamper_evident());
        assert_eq!(up.entries.len(), 3);
        assert_eq!(
            up.entries[..2].iter().map(|e| &e.event).collect::<Vec<_>>(),
            log.entries.iter().map(|e| &e.event).collect::<Vec<_>>()
        );
        match &up.entries[2].event {
            Event::LogUpgraded(u) => {
                assert_eq!(u.from_version, 1);
                assert_eq!(u.entries, 2);
                assert_eq!(u.source_sha256, Sha256Digest::of(&v1).to_hex());
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            upgrade(&up, Sha256Digest::of(&out), &v2_header(), "x".into(), None),
            Err(UpgradeError::AlreadyChained { found: 2 })
        );
    }

    #[test]
    fn arrays_in_place_of_objects_are_refused() {
        let text = format!(
            "{HEADER}{}\n",
            r#"{"seq":1,"by":"x","event":{"count_completed":["a",1]}}"#
        );
        let errs = read(text.as_bytes()).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(
            errs[0].to_string(),
            "line 2: bad entry at field `event.count_completed`: an array where the format has an object"
        );
        let whole = format!(
            "{HEADER}{}\n",
            r#"[1,"x",null,null,{"count_completed":{"contest":"a","run":1}}]"#
        );
        assert!(read(whole.as_bytes()).is_err());
    }

    /// The strict parse refuses a struct written as an array anywhere in a
    /// line, and the reader then finds and reports it as before: in a
    /// local total's votes and rejected papers, with every other line read
    /// (and reported out of sequence after a line not read), and in the
    /// entry and one streamed.
    #[test]
    fn arrays_in_place_of_objects_inside_arrays_are_refused_in_order() {
        let lines = [
            r#"{"by":"x","event":{"local_total_reported":{"contest":"r","counting_area":"a","papers_forward":3,"votes":[{"candidate":"P","votes":2},["Q",1]]}},"seq":1}"#,
            r#"{"by":"x","event":{"local_total_reported":{"contest":"r","counting_area":"b","papers_forward":3,"rejected":[["unmarked",1]],"votes":[{"candidate":"P","votes":2}]}},"seq":2}"#,
            r#"{"by":"x","event":{"local_total_reported":{"contest":"r","counting_area":"c","papers_forward":3,"votes":[{"candidate":"P","votes":3}]}},"seq":3}"#,
            r#"{"by":"x","event":{"local_total_authorised":["r","c"]},"seq":4}"#,
        ];
        let text = format!("{HEADER}{}\n", lines.join("\n"));
        let errs = read(text.as_bytes()).unwrap_err();
        let found: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "line 2: bad entry at field `event.local_total_reported.votes[1]`: an array where the format has an object",
                "line 3: bad entry at field `event.local_total_reported.rejected[0]`: an array where the format has an object",
                "line 5: bad entry at field `event.local_total_authorised`: an array where the format has an object",
            ]
        );
        let mut streamed = 0;
        let tail = read_each(text.as_bytes(), |_, _| streamed += 1);
        assert_eq!(tail.unwrap_err(), errs);
        // Only the entry before the first problem is handed over.
        assert_eq!(streamed, 0);
        let good = format!("{HEADER}{}\n", lines[2].replace("\"seq\":3", "\"seq\":1"));
        let mut seen = Vec::new();
        let tail = read_each(good.as_bytes(), |h, e| seen.push((h.version, e))).unwrap();
        let file = read(good.as_bytes()).unwrap();
        assert_eq!(tail.entries, 1);
        assert_eq!(tail.head, file.head());
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].1.entry, file.entries[0]);
        assert_eq!(seen[0].1.head_before(), file.header_digest);
    }

    #[test]
    fn control_characters_in_text_are_refused_with_their_field() {
        let text = format!(
            "{HEADER}{}\n",
            r#"{"seq":1,"by":"x","event":{"explanation_recorded":{"contest":"a","run":1,"text":"fine\nDECLARATION OF RESULT"}}}"#
        );
        let errs = read(text.as_bytes()).unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "line 2: field `event.explanation_recorded.text` holds a control character or line break (\\n): names and free text must be one line of printable text"
        );
        let bell = format!(
            "{HEADER}{}\n",
            r#"{"seq":1,"by":"a\u0007b","event":{"count_completed":{"contest":"a","run":1}}}"#
        );
        assert!(read(bell.as_bytes()).unwrap_err()[0]
            .to_string()
            .contains("`by`"));
        // An escaped backslash followed by n is not a line break.
        let fine = format!(
            "{HEADER}{}\n",
            r#"{"seq":1,"by":"a\\nb","event":{"count_completed":{"contest":"a","run":1}}}"#
        );
        assert!(read(fine.as_bytes()).is_ok());
    }

    /// The signature filter of `shape_problem` (`place_signatures`) lets
    /// through every line the full comparison finds a problem in, and
    /// gives the same answer as the comparison alone: an array for a
    /// struct at a field, inside an array of objects, for the whole entry,
    /// behind a key written with an escape; none in a line in any key
    /// order whose arrays are the format's.
    #[test]
    fn the_signature_filter_agrees_with_the_full_comparison() {
        let lines = [
            (
                r#"{"seq":1,"by":"x","event":{"count_completed":["a",1]}}"#,
                true,
            ),
            (
                r#"{"by":"RO","event":{"local_total_reported":{"contest":"c","counting_area":"a","papers_forward":5,"votes":[["A",5]]}},"seq":1}"#,
                true,
            ),
            (
                r#"{"by":"RO","event":{"local_total_reported":{"contest":"c","counting_area":"a","papers_forward":5,"votes":[{"candidate":"A","votes":5}]}},"seq":1}"#,
                false,
            ),
            (
                r#"{"event":{"local_total_reported":{"votes":[{"votes":5,"candidate":"A"}],"rejected":[],"papers_forward":5,"counting_area":"a","contest":"c"}},"seq":1,"by":"RO"}"#,
                false,
            ),
            (
                r#"{"seq":1,"b\u0079":"x","event":{"count_completed":["a",1]}}"#,
                true,
            ),
            (
                r#"{"seq":1,"by":"[{\"","event":{"count_completed":["a",1]}}"#,
                true,
            ),
        ];
        for (text, problem) in lines {
            let parsed: Entry = serde_json::from_str(text).unwrap();
            let filtered = shape_problem(text, &parsed);
            assert_eq!(filtered.is_some(), problem, "{text}");
            assert_eq!(filtered, shape_compared(text, &parsed), "{text}");
        }
        // Signatures: a place is its nearest key and the arrays below it.
        let sigs = place_signatures(br#"{"a":[{"b":[[1],[2]]}],"c":{"d":[]}}"#, b'[').unwrap();
        let want: Vec<Place<'_>> = vec![
            (Some(&b"a"[..]), 0),
            (Some(&b"b"[..]), 0),
            (Some(&b"b"[..]), 1),
            (Some(&b"d"[..]), 0),
        ];
        assert_eq!(sigs, want);
        assert!(place_signatures(br#"{"a\"b":[1]}"#, b'[').is_none());
        assert!(place_signatures(br#"{"a":[1]"#, b'[').is_some());
        assert!(place_signatures(br#"{"a":[1]}]"#, b'[').is_none());
    }

    proptest::proptest! {
        /// A local total in any key order, with any of its vote objects
        /// written as arrays: `shape_problem` (filtered) finds a problem
        /// exactly when one is written as an array, and says what the full
        /// comparison says.
        #[test]
        fn shape_problem_agrees_with_the_comparison(
            as_array in proptest::collection::vec(proptest::bool::ANY, 1..6),
            reversed in proptest::bool::ANY,
        ) {
            let votes: Vec<serde_json::Value> = as_array
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    if *a {
                        serde_json::json!([format!("C{i}"), i])
                    } else {
                        serde_json::json!({"votes": i, "candidate": format!("C{i}")})
                    }
                })
                .collect();
            let body = serde_json::json!({"contest": "c", "counting_area": "a", "papers_forward": 9, "votes": votes});
            let text = if reversed {
                serde_json::json!({"seq": 1, "by": "RO", "event": {"local_total_reported": body}}).to_string()
            } else {
                format!(
                    r#"{{"event":{{"local_total_reported":{body}}},"by":"RO","seq":1}}"#
                )
            };
            let parsed: Entry = serde_json::from_str(&text).unwrap();
            let filtered = shape_problem(&text, &parsed);
            proptest::prop_assert_eq!(filtered.is_some(), as_array.iter().any(|a| *a));
            proptest::prop_assert_eq!(filtered, shape_compared(&text, &parsed));
        }
    }

    #[test]
    fn numbers_past_u64_are_named_as_such() {
        let text = format!(
            "{HEADER}{}\n",
            r#"{"seq":1,"by":"x","event":{"papers_verified":{"contest":"a","papers":18446744073709551616}}}"#
        );
        let errs = read(text.as_bytes()).unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "line 2: bad entry at field `event.papers_verified.papers`: 18446744073709551616 is more than the largest count, 18446744073709551615"
        );
    }
}

/// The canonical-form check against the check it replaced: on entries
/// written by countroom and then altered (whitespace, key order, escapes,
/// number forms, duplicate and defaulted keys, any byte), the buffered
/// check, with a batch's preferences read in one pass and written back as
/// read, accepts exactly what the streamed check of the entry written from
/// its content accepts, and what it accepts is exactly what countroom
/// writes for the entry read. The entries include batches with preference
/// lines whose ids need escapes, weights of 0 and of `u64::MAX`; the
/// mutations reach inside them (a `\u` escape or `\/` in an id, spaces,
/// key order inside a line, number forms, a digit added to a weight, past
/// `u64`).
#[cfg(test)]
mod canonical_equivalence {
    use super::*;
    use crate::{
        BatchSource, BundleCounted, CandidateVotes, CountCompleted, ExplanationRecorded,
        HeadPapers, PaperBatchCounted, PreferenceLine, SetAsidePaper,
    };
    use proptest::prelude::*;

    /// Text with characters serde_json escapes (quote, backslash), may
    /// escape (`/`) or writes raw (non-ASCII), and digits.
    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 ,.:'\"\\\\/é€ñ中\\[\\]{}-]{0,10}"
    }

    fn id() -> impl Strategy<Value = String> {
        prop_oneof!["C[0-9]{1,2}", "[a-zA-Z0-9\"\\\\é/]{0,9}",]
    }

    fn event() -> impl Strategy<Value = Event> {
        prop_oneof![
            (
                text(),
                any::<u32>(),
                text(),
                proptest::option::of(text()),
                proptest::option::of(any::<u64>()),
                proptest::collection::vec((id(), any::<u64>()), 0..4),
                proptest::option::of(text()),
            )
                .prop_map(|(contest, run, bundle, table, papers, votes, area)| {
                    Event::BundleCounted(BundleCounted {
                        contest,
                        run,
                        // A list poll's counting area, or none.
                        counting_area: area,
                        bundle,
                        table,
                        ballot_box: None,
                        papers,
                        votes: votes
                            .into_iter()
                            .map(|(candidate, votes)| CandidateVotes { candidate, votes })
                            .collect(),
                    })
                }),
            (
                (
                    text(),
                    0u32..3,
                    text(),
                    proptest::option::of((text(), "[0-9a-f]{4}"))
                ),
                (
                    0u64..1000,
                    proptest::collection::vec((id(), 0u64..500), 0..3)
                ),
                (
                    proptest::collection::vec((text(), 0u64..9), 0..2),
                    0u64..3,
                    proptest::collection::vec((text(), proptest::option::of(text())), 0..2),
                ),
                proptest::collection::vec(
                    (
                        prop_oneof![Just(0u64), Just(u64::MAX), 1u64..100_000, any::<u64>()],
                        proptest::collection::vec(
                            prop_oneof![id(), "[a-zA-Z0-9\"\\\\/\u{1}\u{8}\n\t\u{1f}\u{7f}]{0,4}"],
                            0..5
                        ),
                    ),
                    0..6,
                ),
            )
                .prop_map(
                    |(
                        (contest, run, batch, source),
                        (valid_papers, votes),
                        (rejected, rejected_in_part, set_aside),
                        preferences,
                    )| {
                        Event::PaperBatchCounted(PaperBatchCounted {
                            contest,
                            run,
                            counting_area: None,
                            batch,
                            source: source.map(|(name, sha256)| BatchSource { name, sha256 }),
                            valid_papers,
                            votes: votes
                                .into_iter()
                                .map(|(candidate, votes)| CandidateVotes { candidate, votes })
                                .collect(),
                            rejected: rejected
                                .into_iter()
                                .map(|(head, papers)| HeadPapers { head, papers })
                                .collect(),
                            rejected_in_part,
                            saved: Vec::new(),
                            set_aside: set_aside
                                .into_iter()
                                .map(|(paper, reason)| SetAsidePaper { paper, reason })
                                .collect(),
                            second_preferences: Vec::new(),
                            preferences: preferences
                                .into_iter()
                                .map(|(weight, order)| PreferenceLine {
                                    weight,
                                    order: order.into(),
                                })
                                .collect::<Vec<_>>()
                                .into(),
                        })
                    },
                ),
            (text(), any::<u32>()).prop_map(|(contest, run)| Event::CountCompleted(
                CountCompleted {
                    contest,
                    run,
                    counting_area: None,
                }
            )),
            (text(), proptest::option::of(any::<u32>()), text()).prop_map(
                |(contest, run, text)| {
                    Event::ExplanationRecorded(ExplanationRecorded {
                        contest,
                        run,
                        counting_area: None,
                        ballot_box: None,
                        text,
                    })
                }
            ),
        ]
    }

    fn entry() -> impl Strategy<Value = Entry> {
        (
            any::<u64>(),
            proptest::option::of("[0-9a-f]{64}"),
            text(),
            proptest::option::of(text()),
            proptest::option::of(text()),
            event(),
        )
            .prop_map(|(seq, prev, by, at, reason, event)| Entry {
                seq,
                prev,
                by,
                at,
                reason,
                event,
            })
    }

    /// One alteration of a written line.
    #[derive(Debug, Clone)]
    enum Mutation {
        /// Insert this text before the character at (index mod chars).
        Insert(usize, &'static str),
        /// The character at (index mod chars), if ASCII, as a `\u` escape
        /// (upper-case hex when the flag is set).
        Escape(usize, bool),
        /// The digits at (index mod the runs of digits) written another way.
        Number(usize, &'static str),
        /// The byte at (index mod bytes) replaced.
        Byte(usize, u8),
        /// The byte at (index mod bytes) removed.
        Remove(usize),
        /// Written through `serde_json::Value` (keys in sorted order).
        Sorted,
        /// A key repeated at the start of the object.
        Duplicate(&'static str),
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        let inserts = prop_oneof![
            Just(" "),
            Just("\t"),
            Just("\r"),
            Just(","),
            Just("\"prev\":null,"),
            Just("\"at\":null,"),
            Just("\"rejected_in_part\":0,"),
            Just("\"saved\":[],"),
            Just("\"preferences\":[],"),
            Just("\\/"),
            Just("0"),
            Just("-"),
        ];
        let forms = prop_oneof![
            Just("{}.0"),
            Just("{}e0"),
            Just("{}E0"),
            Just("0{}"),
            Just("-{}"),
            Just("+{}"),
            Just("-0"),
            Just("{}.00"),
        ];
        let keys = prop_oneof![
            Just("\"seq\":1,"),
            Just("\"by\":\"x\","),
            Just("\"event\":{\"count_completed\":{\"contest\":\"a\",\"run\":1}},"),
        ];
        prop_oneof![
            (any::<usize>(), inserts).prop_map(|(i, t)| Mutation::Insert(i, t)),
            (any::<usize>(), any::<bool>()).prop_map(|(i, u)| Mutation::Escape(i, u)),
            (any::<usize>(), forms).prop_map(|(i, f)| Mutation::Number(i, f)),
            (any::<usize>(), 0x20u8..0x7f).prop_map(|(i, b)| Mutation::Byte(i, b)),
            any::<usize>().prop_map(Mutation::Remove),
            Just(Mutation::Sorted),
            keys.prop_map(Mutation::Duplicate),
        ]
    }

    fn mutate(line: &str, m: &Mutation) -> Vec<u8> {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let at = |i: usize| {
            chars
                .get(i % chars.len().max(1))
                .map_or(line.len(), |c| c.0)
        };
        match m {
            Mutation::Insert(i, t) => {
                let p = at(*i);
                format!("{}{t}{}", &line[..p], &line[p..]).into_bytes()
            }
            Mutation::Escape(i, upper) => {
                let p = at(*i);
                match line[p..].chars().next() {
                    Some(c) if c.is_ascii() => {
                        let code = u32::from(c);
                        let esc = if *upper {
                            format!("\\u{code:04X}")
                        } else {
                            format!("\\u{code:04x}")
                        };
                        format!("{}{esc}{}", &line[..p], &line[p + 1..]).into_bytes()
                    }
                    _ => line.as_bytes().to_vec(),
                }
            }
            Mutation::Number(i, form) => {
                let bytes = line.as_bytes();
                let mut runs = Vec::new();
                let mut k = 0;
                while k < bytes.len() {
                    if bytes[k].is_ascii_digit() {
                        let start = k;
                        while k < bytes.len() && bytes[k].is_ascii_digit() {
                            k += 1;
                        }
                        runs.push((start, k));
                    } else {
                        k += 1;
                    }
                }
                match runs.get(i % runs.len().max(1)) {
                    Some(&(s, e)) => {
                        let digits = &line[s..e];
                        let new = form.replace("{}", digits);
                        format!("{}{new}{}", &line[..s], &line[e..]).into_bytes()
                    }
                    None => line.as_bytes().to_vec(),
                }
            }
            Mutation::Byte(i, b) => {
                let mut v = line.as_bytes().to_vec();
                let n = v.len();
                if let Some(x) = v.get_mut(i % n.max(1)) {
                    *x = *b;
                }
                v
            }
            Mutation::Remove(i) => {
                let mut v = line.as_bytes().to_vec();
                let n = v.len();
                if n > 0 {
                    v.remove(i % n);
                }
                v
            }
            Mutation::Sorted => match serde_json::from_str::<serde_json::Value>(line) {
                Ok(value) => serde_json::to_vec(&value).unwrap(),
                Err(_) => line.as_bytes().to_vec(),
            },
            Mutation::Duplicate(key) => format!("{{{key}{}", &line[1..]).into_bytes(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn the_buffered_check_accepts_exactly_what_the_streamed_one_accepts(
            entry in entry(),
            mutations in proptest::collection::vec(mutation(), 0..3),
        ) {
            let mut buf = Vec::new();
            let line = serde_json::to_string(&entry).unwrap();
            prop_assert!(is_canonical(&mut buf, &line, &entry));
            prop_assert!(is_canonical_streamed(&line, &entry));
            let batch = matches!(
                &entry.event,
                Event::PaperBatchCounted(b) if !b.preferences.is_empty()
            );
            prop_assert_eq!(
                read_batch(&mut Vec::new(), &mut String::new(), &line),
                batch.then(|| entry.clone())
            );
            let mut altered = line.clone().into_bytes();
            for m in &mutations {
                let Ok(text) = String::from_utf8(altered.clone()) else { break };
                altered = mutate(&text, m);
            }
            let Ok(text) = std::str::from_utf8(&altered) else { return Ok(()) };
            // As the reader parses: the plain path, then the tracked one.
            let Ok(parsed) = serde_json::from_str::<Entry>(text).or_else(|_| parse::<Entry>(text))
            else {
                return Ok(());
            };
            // The check before batches' preferences were read in one pass:
            // the entry written from its content alone (no bytes kept).
            let mut plain = parsed.clone();
            if let Event::PaperBatchCounted(b) = &mut plain.event {
                b.preferences.forget_raw();
            }
            let buffered = is_canonical(&mut buf, text, &parsed);
            prop_assert_eq!(buffered, is_canonical_streamed(text, &plain), "{}", text);
            prop_assert_eq!(&parsed, &plain);
            // One content, one byte form: what is accepted is what
            // countroom writes for it, and an altered line is accepted
            // only if it reads as another entry.
            // The reader's two-part path for a batch's line: it reads a
            // line exactly when the line is canonical and a batch with
            // preferences, and reads the same entry.
            let (mut c, mut r) = (Vec::new(), String::new());
            let two_part = read_batch(&mut c, &mut r, text);
            let with_preferences = matches!(
                &plain.event,
                Event::PaperBatchCounted(b) if !b.preferences.is_empty()
            );
            prop_assert_eq!(two_part.is_some(), buffered && with_preferences, "{}", text);
            if let Some(read) = two_part {
                prop_assert_eq!(&read, &plain);
            }
            if buffered {
                prop_assert_eq!(serde_json::to_string(&plain).unwrap(), text);
                prop_assert!(text == line || parsed != entry, "{}", text);
            }
        }
    }

    proptest! {
        /// `has_array` with its fast path says what the scan of the
        /// text alone says: a `[` outside the strings, on JSON-like text
        /// of any length (brackets inside and outside strings, escaped
        /// quotes).
        #[test]
        fn has_array_agrees_with_the_scan(
            parts in proptest::collection::vec(
                prop_oneof![Just("["), Just("]"), Just("\""), Just("\\\""), Just("{\"a\":1}"), Just("x")],
                0..200,
            ),
        ) {
            let text: String = parts.concat();
            let mut in_string = false;
            let mut escaped = false;
            let mut scan = false;
            for &b in text.as_bytes() {
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                    }
                } else if b == b'"' {
                    in_string = true;
                } else if b == b'[' {
                    scan = true;
                    break;
                }
            }
            prop_assert_eq!(has_array(&text), scan, "{}", text);
        }

        /// The first line feed found 64 bytes at a time (the last block
        /// padded) is the first byte by byte, and the scan for bytes that
        /// may begin a control character says what a scan byte by byte
        /// says, at any length and offset.
        #[test]
        fn line_feeds_and_suspect_bytes_are_found_as_byte_by_byte(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'\n'), Just(b' '), Just(b'a'), any::<u8>()],
                0..300,
            ),
            skip in 0usize..70,
        ) {
            let bytes = bytes.get(skip.min(bytes.len())..).unwrap();
            prop_assert_eq!(find_newline(bytes), bytes.iter().position(|&b| b == b'\n'));
            let suspect = |b: u8| b < 0x20 || b == 0x7f || b == b'\\' || b == 0xc2 || b == 0xe2;
            prop_assert_eq!(may_hold_control(bytes), bytes.iter().any(|&b| suspect(b)));
        }

        /// The newline count that sizes the reader's vectors, 64 bytes at a
        /// time, is the count byte by byte, at any length and offset.
        #[test]
        fn newlines_are_counted_as_byte_by_byte(
            bytes in proptest::collection::vec(prop_oneof![Just(b'\n'), any::<u8>()], 0..700),
            skip in 0usize..70,
        ) {
            let bytes = bytes.get(skip.min(bytes.len())..).unwrap();
            prop_assert_eq!(
                count_newlines(bytes),
                bytes.iter().filter(|&&b| b == b'\n').count()
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        /// The shape filter's walk (`places::object_places`) against the
        /// text it stands in for: for any entry, and for the entry read
        /// back from its line (a batch's preferences then kept as the raw
        /// JSON read, which the walk leaves to the text), the places of
        /// the objects are those read from the entry written, in the same
        /// order; and `shape_problem` still agrees with the full
        /// comparison on the line with any of its objects written as an
        /// array of its values.
        #[test]
        fn object_places_are_the_written_ones(entry in entry(), pick in any::<usize>()) {
            let line = serde_json::to_string(&entry).unwrap();
            let read: Entry = serde_json::from_str(&line).unwrap();
            for e in [&entry, &read] {
                let written = serde_json::to_vec(e).unwrap();
                let from_text = place_signatures(&written, b'{');
                match places::object_places(e) {
                    Some(walked) => prop_assert_eq!(Some(walked), from_text, "{}", line),
                    // Only raw preferences kept as read are left to the text.
                    None => prop_assert!(matches!(
                        &e.event,
                        Event::PaperBatchCounted(b) if !b.preferences.is_empty()
                    ), "{}", line),
                }
            }
            // One object of the line (the entry, its event, or one inside)
            // rewritten as the array of its values, as serde reads a struct.
            let mut value: serde_json::Value = serde_json::from_str(&line).unwrap();
            let mut objects = Vec::new();
            fn collect(v: &serde_json::Value, path: Vec<String>, out: &mut Vec<Vec<String>>) {
                match v {
                    serde_json::Value::Object(m) => {
                        out.push(path.clone());
                        for (k, x) in m {
                            let mut p = path.clone();
                            p.push(k.clone());
                            collect(x, p, out);
                        }
                    }
                    serde_json::Value::Array(a) => {
                        for (i, x) in a.iter().enumerate() {
                            let mut p = path.clone();
                            p.push(i.to_string());
                            collect(x, p, out);
                        }
                    }
                    _ => {}
                }
            }
            collect(&value, Vec::new(), &mut objects);
            let path = &objects[pick % objects.len()];
            let mut at = &mut value;
            for k in path {
                at = match at {
                    serde_json::Value::Object(m) => m.get_mut(k).unwrap(),
                    serde_json::Value::Array(a) => a.get_mut(k.parse::<usize>().unwrap()).unwrap(),
                    _ => unreachable!(),
                };
            }
            if let serde_json::Value::Object(m) = at {
                let values: Vec<serde_json::Value> = m.values().cloned().collect();
                *at = serde_json::Value::Array(values);
            }
            let text = value.to_string();
            if let Ok(parsed) = serde_json::from_str::<Entry>(&text) {
                prop_assert_eq!(shape_problem(&text, &parsed), shape_compared(&text, &parsed), "{}", text);
            }
        }
    }

    /// A local total (the commonest line of a collated list count), with
    /// rejected papers by head: objects inside two arrays.
    fn local_total() -> impl Strategy<Value = Entry> {
        (
            (any::<u64>(), text(), text(), text()),
            (
                proptest::option::of(any::<u64>()),
                any::<u64>(),
                proptest::collection::vec((id(), any::<u64>()), 0..4),
                proptest::collection::vec((text(), any::<u64>()), 0..3),
                proptest::option::of(text()),
            ),
        )
            .prop_map(
                |((seq, by, contest, area), (expected, forward, votes, rejected, explanation))| {
                    Entry {
                        seq,
                        prev: None,
                        by,
                        at: None,
                        reason: None,
                        event: Event::LocalTotalReported(crate::LocalTotalReported {
                            contest,
                            counting_area: area,
                            expected,
                            polling_station_papers: None,
                            postal_papers: None,
                            papers_forward: forward,
                            votes: votes
                                .into_iter()
                                .map(|(candidate, votes)| CandidateVotes { candidate, votes })
                                .collect(),
                            rejected: rejected
                                .into_iter()
                                .map(|(head, papers)| HeadPapers { head, papers })
                                .collect(),
                            explanation,
                        }),
                    }
                },
            )
    }

    /// `line` with its object number `pick` (mod the number of objects, in
    /// the order of a walk from the top) written as the array of its
    /// values, as serde would read a struct.
    fn with_array_for_object(line: &str, pick: usize) -> String {
        fn collect(v: &serde_json::Value, path: Vec<String>, out: &mut Vec<Vec<String>>) {
            match v {
                serde_json::Value::Object(m) => {
                    out.push(path.clone());
                    for (k, x) in m {
                        let mut p = path.clone();
                        p.push(k.clone());
                        collect(x, p, out);
                    }
                }
                serde_json::Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        let mut p = path.clone();
                        p.push(i.to_string());
                        collect(x, p, out);
                    }
                }
                _ => {}
            }
        }
        let Ok(mut value) = serde_json::from_str::<serde_json::Value>(line) else {
            return line.to_owned();
        };
        let mut objects = Vec::new();
        collect(&value, Vec::new(), &mut objects);
        let Some(path) = objects.get(pick % objects.len().max(1)) else {
            return line.to_owned();
        };
        let mut at = &mut value;
        for k in path {
            at = match at {
                serde_json::Value::Object(m) => m.get_mut(k).unwrap(),
                serde_json::Value::Array(a) => a.get_mut(k.parse::<usize>().unwrap()).unwrap(),
                _ => unreachable!(),
            };
        }
        if let serde_json::Value::Object(m) = at {
            let values: Vec<serde_json::Value> = m.values().cloned().collect();
            *at = serde_json::Value::Array(values);
        }
        value.to_string()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The reader's strict parse (`strict::from_str`), which lets it
        /// skip the shape check, against the plain parse and the full
        /// shape comparison (`shape_compared`), on lines with up to two of
        /// their objects written as arrays and up to two other
        /// alterations: whatever it reads the plain parse reads to the
        /// same entry, with no array in place of an object (outside a
        /// batch, whose line the reader still checks); and every line the
        /// plain parse reads that it refuses has one (so the reader's
        /// second, old, path is taken only for a line with a problem).
        #[test]
        fn the_strict_parse_refuses_exactly_the_shape_problems(
            entry in prop_oneof![entry(), local_total()],
            picks in proptest::collection::vec(any::<usize>(), 0..3),
            mutations in proptest::collection::vec(mutation(), 0..3),
        ) {
            let mut text = serde_json::to_string(&entry).unwrap();
            for &pick in &picks {
                text = with_array_for_object(&text, pick);
            }
            let mut altered = text.into_bytes();
            for m in &mutations {
                let Ok(t) = String::from_utf8(altered.clone()) else { break };
                altered = mutate(&t, m);
            }
            let Ok(text) = std::str::from_utf8(&altered) else { return Ok(()) };
            let strict = strict::from_str::<Entry>(text);
            let plain = serde_json::from_str::<Entry>(text);
            match (strict, plain) {
                (Ok(s), Ok(p)) => {
                    prop_assert_eq!(&s, &p, "{}", text);
                    if !matches!(p.event, Event::PaperBatchCounted(_)) {
                        prop_assert_eq!(shape_compared(text, &p), None, "{}", text);
                        prop_assert_eq!(shape_problem(text, &p), None, "{}", text);
                    }
                }
                (Ok(s), Err(e)) => prop_assert!(false, "{text}: strict read {s:?}, plain refused: {e}"),
                (Err(e), Ok(p)) => {
                    if !matches!(p.event, Event::PaperBatchCounted(_)) {
                        prop_assert!(shape_compared(text, &p).is_some(), "{text}: {e}");
                    }
                }
                (Err(_), Err(_)) => {}
            }
        }
    }

    #[test]
    fn a_line_of_many_chunks_is_compared_to_its_last_byte() {
        let entry = Entry {
            seq: 1,
            prev: None,
            by: "x".into(),
            at: None,
            reason: None,
            event: Event::PaperBatchCounted(PaperBatchCounted {
                contest: "c".into(),
                run: 1,
                counting_area: None,
                batch: "b".into(),
                source: None,
                valid_papers: 1,
                votes: Vec::new(),
                rejected: Vec::new(),
                rejected_in_part: 0,
                saved: Vec::new(),
                set_aside: Vec::new(),
                second_preferences: Vec::new(),
                preferences: (0..5_000u64)
                    .map(|i| PreferenceLine {
                        weight: i + 1,
                        order: vec![format!("C{}", i % 97), "C2".to_owned()].into(),
                    })
                    .collect(),
            }),
        };
        let line = serde_json::to_string(&entry).unwrap();
        assert!(line.len() > 4 * CHUNK);
        let mut buf = Vec::new();
        assert!(is_canonical(&mut buf, &line, &entry));
        // A space in each chunk, and at the end: refused by both checks.
        for at in [CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7, line.len() - 1] {
            let p = (0..=at)
                .rev()
                .find(|&p| line.as_bytes()[p] == b',')
                .unwrap();
            let text = format!("{} {}", &line[..p], &line[p..]);
            let parsed: Entry = serde_json::from_str(&text).unwrap();
            assert!(!is_canonical(&mut buf, &text, &parsed), "{at}");
            assert!(!is_canonical_streamed(&text, &parsed), "{at}");
        }
        // A longer or shorter line than the entry writes.
        assert!(!is_canonical(&mut buf, &line[..line.len() - 1], &entry));
        assert!(!is_canonical(&mut buf, &format!("{line} "), &entry));
        assert!(buf.capacity() <= 2 * CHUNK, "{}", buf.capacity());
    }

    #[test]
    fn the_usual_alterations_are_refused_by_both() {
        let entry = Entry {
            seq: 10,
            prev: Some("ab".repeat(32)),
            by: "A/B".into(),
            at: None,
            reason: None,
            event: Event::CountCompleted(CountCompleted {
                contest: "a".into(),
                run: 1,
                counting_area: None,
            }),
        };
        let line = serde_json::to_string(&entry).unwrap();
        let mut buf = Vec::new();
        let altered = [
            line.replace("\"seq\":10", "\"seq\": 10"),
            line.replace("\"seq\":10", "\"seq\":1e1"),
            line.replace("\"seq\":10", "\"seq\":010"),
            line.replace("\"run\":1", "\"run\":1.0"),
            line.replace("A/B", "A\\/B"),
            line.replace("A/B", "\\u0041/B"),
            line.replace("{\"seq\":10,", "{\"at\":null,\"seq\":10,"),
            line.replace("\"seq\":10,\"prev\"", "\"prev\""),
        ];
        for text in &altered {
            let Ok(parsed) = serde_json::from_str::<Entry>(text) else {
                continue;
            };
            assert!(!is_canonical(&mut buf, text, &parsed), "{text}");
            assert!(!is_canonical_streamed(text, &parsed), "{text}");
        }
    }
}
