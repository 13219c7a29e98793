//! Reading and writing the log as JSON Lines.

use serde::{Deserialize, Serialize};

use crate::Entry;

/// The `schema` value of the header line.
pub const SCHEMA: &str = "countroom-count-log";
/// The log format version this crate reads and writes.
pub const VERSION: u32 = 1;

/// The first line of a log file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The format version, [`VERSION`].
    pub version: u32,
}

impl Header {
    /// The header this crate writes.
    #[must_use]
    pub fn current() -> Header {
        Header {
            schema: SCHEMA.to_owned(),
            version: VERSION,
        }
    }
}

/// A log as read from a file: its entries, and the line each was on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFile {
    /// The entries, in order.
    pub entries: Vec<Entry>,
    /// `lines[i]` is the 1-based line of `entries[i]` in the file.
    pub lines: Vec<u64>,
}

impl LogFile {
    /// The line of the entry with sequence number `seq`, if it came from the
    /// file.
    #[must_use]
    pub fn line_of(&self, seq: u64) -> Option<u64> {
        let idx = usize::try_from(seq.checked_sub(1)?).ok()?;
        self.lines.get(idx).copied()
    }
}

/// A problem reading a log file, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {kind}")]
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
    #[error("the log is empty: expected the header line {{\"schema\":\"{SCHEMA}\",\"version\":{VERSION}}}")]
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
        "log format version {found} is not supported (this countroom reads version {VERSION})"
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
/// Blank lines are skipped; a final line without a newline is read like any
/// other (a line cut short shows as a JSON error on that line). Lines may end
/// in CRLF.
pub fn read(bytes: &[u8]) -> Result<LogFile, Vec<ReadError>> {
    let mut errors = Vec::new();
    let mut entries = Vec::new();
    let mut lines = Vec::new();
    let mut header_seen = false;
    let mut expected_seq: u64 = 1;

    for (idx, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = u64::try_from(idx).unwrap_or(u64::MAX).saturating_add(1);
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let text = match std::str::from_utf8(raw) {
            Ok(text) => text,
            Err(e) => {
                errors.push(ReadError {
                    line,
                    kind: ReadErrorKind::NotUtf8 {
                        column: e.valid_up_to() + 1,
                    },
                });
                if !header_seen {
                    header_seen = true;
                }
                continue;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        if !header_seen {
            header_seen = true;
            if let Err(kind) = read_header(text) {
                errors.push(ReadError { line, kind });
            }
            continue;
        }
        match parse::<Entry>(text) {
            Ok(entry) => {
                if entry.seq != expected_seq {
                    errors.push(ReadError {
                        line,
                        kind: ReadErrorKind::OutOfSequence {
                            expected: expected_seq,
                            found: entry.seq,
                        },
                    });
                }
                expected_seq = entry.seq.saturating_add(1);
                entries.push(entry);
                lines.push(line);
            }
            Err((path, message)) => {
                errors.push(ReadError {
                    line,
                    kind: ReadErrorKind::BadEntry { path, message },
                });
                expected_seq = expected_seq.saturating_add(1);
            }
        }
    }
    if !header_seen {
        errors.push(ReadError {
            line: 1,
            kind: ReadErrorKind::Empty,
        });
    }
    if errors.is_empty() {
        Ok(LogFile { entries, lines })
    } else {
        Err(errors)
    }
}

fn read_header(text: &str) -> Result<(), ReadErrorKind> {
    let header: Header =
        parse(text).map_err(|(path, message)| ReadErrorKind::BadHeader { path, message })?;
    if header.schema != SCHEMA {
        return Err(ReadErrorKind::WrongSchema {
            found: header.schema,
        });
    }
    if header.version != VERSION {
        return Err(ReadErrorKind::UnsupportedVersion {
            found: header.version,
        });
    }
    Ok(())
}

fn parse<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, (String, String)> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| (e.path().to_string(), message(e.inner())))?;
    de.end().map_err(|e| (String::new(), message(&e)))?;
    Ok(value)
}

/// serde_json's message without its "at line 1 column N" suffix (every
/// line of the log is parsed alone, so its line is always 1), with the
/// column kept.
fn message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) if e.column() > 0 => format!("{} (column {})", &text[..i], e.column()),
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// Writes a log: the header line, then one line per entry, each ending in
/// `\n`. The output is canonical: reading it back and writing again gives
/// the same bytes.
#[must_use]
pub fn write(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    write_line(&mut out, &Header::current());
    for entry in entries {
        write_entry(&mut out, entry);
    }
    out
}

/// Appends one entry as a line to `out`.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BundleCounted, CandidateVotes, Event};

    const HEADER: &str = "{\"schema\":\"countroom-count-log\",\"version\":1}\n";

    fn entry(seq: u64) -> Entry {
        Entry {
            seq,
            by: "Count supervisor, table 3".into(),
            at: None,
            reason: None,
            event: Event::BundleCounted(BundleCounted {
                contest: "abbey".into(),
                run: 1,
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
    fn round_trips_exactly() {
        let entries = vec![entry(1), entry(2)];
        let bytes = write(&entries);
        let log = read(&bytes).unwrap();
        assert_eq!(log.entries, entries);
        assert_eq!(log.lines, vec![2, 3]);
        assert_eq!(write(&log.entries), bytes);
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
                .starts_with("line 2: bad entry at field `event.bundle_counted.votes[0].votes`: invalid value: integer `-5`"),
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
            errs[2].to_string().contains("EOF while parsing"),
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
        let errs = read(b"{\"schema\":\"countroom-count-log\",\"version\":2}\n").unwrap_err();
        assert_eq!(errs[0].kind, ReadErrorKind::UnsupportedVersion { found: 2 });
    }

    #[test]
    fn crlf_and_blank_lines_are_accepted() {
        let text = format!("{}\r\n\r\n", HEADER.trim_end());
        assert_eq!(read(text.as_bytes()).unwrap().entries.len(), 0);
    }
}
