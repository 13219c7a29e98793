//! Entries to append, as an operator writes them: without `seq` and `prev`,
//! which countroom sets when it appends them (see [`crate::Appender`]).

use serde::{Deserialize, Serialize};

use crate::jsonl::{control_character, parse, shape_problem};
use crate::{Entry, Event, ReadError, ReadErrorKind};

/// An entry to append: an [`Entry`] without its place in the log. `by` may
/// be left out when the appending tool supplies it (`countroom append
/// --by`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct NewEntry {
    /// Who did it or recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When, as recorded by the operator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Why, if a reason was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What happened.
    pub event: Event,
}

impl NewEntry {
    /// A new entry recorded by `by`.
    #[must_use]
    pub fn new(by: impl Into<String>, event: Event) -> NewEntry {
        NewEntry {
            by: Some(by.into()),
            at: None,
            reason: None,
            event,
        }
    }

    /// A new entry with no `by` (given when it is appended, as
    /// `countroom append --by` gives it).
    #[must_use]
    pub fn of(event: Event) -> NewEntry {
        NewEntry {
            by: None,
            at: None,
            reason: None,
            event,
        }
    }

    /// Who did it or recorded it (`None`: given when appended).
    #[must_use]
    pub fn by(mut self, by: Option<String>) -> NewEntry {
        self.by = by;
        self
    }

    /// When, as recorded (`None`: not given).
    #[must_use]
    pub fn at(mut self, at: Option<String>) -> NewEntry {
        self.at = at;
        self
    }

    /// Why (`None`: no reason given).
    #[must_use]
    pub fn reason(mut self, reason: Option<String>) -> NewEntry {
        self.reason = reason;
        self
    }

    /// The entry as it is appended, `by` given (`seq` and `prev` are set by
    /// the [`crate::Appender`]).
    #[must_use]
    pub fn into_entry(self, by: String) -> Entry {
        Entry {
            seq: 0,
            prev: None,
            by,
            at: self.at,
            reason: self.reason,
            event: self.event,
        }
    }

    /// The entry in the form [`read_new_entries`] reads: one compact JSON
    /// line ending in a line feed.
    #[must_use]
    pub fn to_line(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if serde_json::to_writer(&mut out, self).is_ok() {
            out.push(b'\n');
        }
        out
    }
}

/// Entries to append, each with the line of its file it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewEntries {
    /// The entries, in order.
    pub entries: Vec<NewEntry>,
    /// `lines[i]` is the 1-based line `entries[i]` starts on.
    pub lines: Vec<u64>,
}

/// Reads entries to append: one JSON object (which may span several lines),
/// or several, one after another (JSON Lines). Every object is read as the
/// log reader reads an entry (unknown fields, arrays for objects, control
/// characters and oversized numbers are refused), but without `seq` and
/// `prev`. Every problem is listed with the line its object starts on.
pub fn read_new_entries(bytes: &[u8]) -> Result<NewEntries, Vec<ReadError>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let line = line_at(before, before.len());
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            return Err(vec![ReadError {
                line,
                kind: ReadErrorKind::NotUtf8 {
                    column: before.len() - line_start + 1,
                },
            }]);
        }
    };
    let mut errors = Vec::new();
    let mut out = NewEntries {
        entries: Vec::new(),
        lines: Vec::new(),
    };
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde::de::IgnoredAny>();
    let mut end = 0;
    loop {
        let item = stream.next();
        let start = end;
        end = stream.byte_offset();
        match item {
            None => break,
            Some(Err(e)) => {
                // A file cut short: the entry it cuts starts after the last
                // one read (white space skipped), not on the line where
                // serde ran out of input (the line after a final line feed).
                let rest = text.get(start..).unwrap_or_default();
                let skipped = rest.len() - rest.trim_start().len();
                let (line, message) = if e.is_eof() {
                    (
                        line_at(bytes, start + skipped),
                        "the entry is cut short: the file ends before its closing `}`".to_owned(),
                    )
                } else {
                    // A line number, not a figure: bounded by the input's length.
                    (
                        u64::try_from(e.line()).unwrap_or(u64::MAX),
                        crate::plain::plain(&crate::jsonl::message(&e)),
                    )
                };
                errors.push(ReadError {
                    line,
                    kind: ReadErrorKind::BadEntry {
                        path: String::new(),
                        message,
                    },
                });
                break;
            }
            Some(Ok(_)) => {
                let raw = text.get(start..end).unwrap_or_default();
                let skipped = raw.len() - raw.trim_start().len();
                let line = line_at(bytes, start + skipped);
                match read_one(raw.trim_start()) {
                    Ok(entry) => {
                        out.entries.push(entry);
                        out.lines.push(line);
                    }
                    Err(kind) => errors.push(ReadError { line, kind }),
                }
            }
        }
    }
    if errors.is_empty() && out.entries.is_empty() {
        errors.push(ReadError {
            line: 1,
            kind: ReadErrorKind::NoEntries,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The 1-based line of byte `at`.
fn line_at(bytes: &[u8], at: usize) -> u64 {
    let before = bytes.get(..at).unwrap_or(bytes);
    let newlines = before.iter().filter(|&&b| b == b'\n').count();
    // A line number, not a figure: bounded by the input's length.
    u64::try_from(newlines)
        .unwrap_or(u64::MAX)
        .saturating_add(1)
}

fn read_one(text: &str) -> Result<NewEntry, ReadErrorKind> {
    let entry: NewEntry = parse(text).map_err(|(path, message)| {
        if path == "seq" || path == "prev" {
            ReadErrorKind::NumberedEntry { field: path }
        } else {
            crate::jsonl::entry_problem(text, path, &message)
        }
    })?;
    if let Some(kind) = shape_problem(text, &entry) {
        return Err(kind);
    }
    // The compact form: a line break between tokens of a pretty-printed
    // object is not a line break in a string.
    let compact = serde_json::to_string(&entry).unwrap_or_default();
    if let Some(kind) = control_character(&compact) {
        return Err(kind);
    }
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CountCompleted;

    fn completed(by: Option<&str>) -> NewEntry {
        NewEntry {
            by: by.map(str::to_owned),
            at: None,
            reason: None,
            event: Event::CountCompleted(CountCompleted {
                contest: "abbey".into(),
                run: 1,
                counting_area: None,
            }),
        }
    }

    #[test]
    fn one_object_over_several_lines() {
        let text = "\n{\n  \"by\": \"DRO\",\n  \"event\": {\"count_completed\": {\"contest\": \"abbey\", \"run\": 1}}\n}\n";
        let read = read_new_entries(text.as_bytes()).unwrap();
        assert_eq!(read.entries, vec![completed(Some("DRO"))]);
        assert_eq!(read.lines, vec![2]);
    }

    #[test]
    fn json_lines_of_several_entries_in_order() {
        let text = concat!(
            r#"{"event":{"count_completed":{"contest":"abbey","run":1}}}"#,
            "\n\n",
            r#"{"by":"RO","event":{"count_completed":{"contest":"abbey","run":1}}}"#,
            "\n"
        );
        let read = read_new_entries(text.as_bytes()).unwrap();
        assert_eq!(read.entries, vec![completed(None), completed(Some("RO"))]);
        assert_eq!(read.lines, vec![1, 3]);
        assert_eq!(
            completed(Some("RO")).to_line(),
            format!("{}\n", text.lines().nth(2).unwrap()).into_bytes()
        );
    }

    #[test]
    fn seq_and_prev_are_refused_by_name() {
        let text = r#"{"seq":4,"by":"RO","event":{"count_completed":{"contest":"abbey","run":1}}}"#;
        let errs = read_new_entries(text.as_bytes()).unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "line 1: an entry to append has no `seq`: countroom numbers each entry and links it to the chain"
        );
    }

    #[test]
    fn every_bad_object_is_reported_with_its_line() {
        let text = concat!(
            r#"{"by":"RO","event":{"count_completed":{"contest":"abbey","run":-1}}}"#,
            "\n",
            r#"{"by":"RO","event":{"count_completed":{"contest":"abbey","run":1}}}"#,
            "\n",
            r#"{"by":"R\u0007O","event":{"count_completed":{"contest":"abbey","run":1}}}"#,
            "\n",
            r#"{"by":"RO","event":{"count_completed":["abbey",1]}}"#,
            "\n",
        );
        let errs = read_new_entries(text.as_bytes()).unwrap_err();
        let shown: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        assert!(
            shown[0].starts_with("line 1: bad entry at field `event.count_completed.run`"),
            "{}",
            shown[0]
        );
        assert_eq!(
            shown[1],
            "line 3: field `by` holds a control character or line break (U+0007): names and free text must be one line of printable text"
        );
        assert_eq!(
            shown[2],
            "line 4: bad entry at field `event.count_completed`: an array where the format has an object"
        );
    }

    #[test]
    fn broken_json_empty_files_and_bad_utf8() {
        // A cut entry is named on the line it starts on (the object's line,
        // as every problem here), not where the input ran out.
        let errs = read_new_entries(b"{\"by\":\"RO\",\n\"event\":").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 1);
        assert!(
            errs[0].to_string().contains("the entry is cut short"),
            "{}",
            errs[0]
        );
        // The auditor's case: one line, its last `}` missing, then a line
        // feed: line 1, not line 2.
        let errs = read_new_entries(
            b"{\"by\":\"RO\",\"event\":{\"count_completed\":{\"contest\":\"c\",\"run\":1}}\n",
        )
        .unwrap_err();
        assert_eq!(errs[0].line, 1, "{}", errs[0]);
        // A second entry cut after a whole first one: its own line.
        let errs = read_new_entries(b"{\"by\":\"RO\",\"event\":{\"count_completed\":{\"contest\":\"c\",\"run\":1}}}\n\n{\"by\":")
            .unwrap_err();
        assert_eq!(errs[0].line, 3, "{}", errs[0]);
        assert_eq!(
            read_new_entries(b" \n\n").unwrap_err()[0].kind,
            ReadErrorKind::NoEntries
        );
        let errs = read_new_entries(b"\n{\"by\":\"\xff\"}").unwrap_err();
        assert_eq!(
            errs[0],
            ReadError {
                line: 2,
                kind: ReadErrorKind::NotUtf8 { column: 8 }
            }
        );
    }
}
