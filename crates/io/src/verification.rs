//! Verification inputs as CSV: the box and ballot-paper-account table, and
//! the verification counts. See `docs/formats.md`.
//!
//! **Accounts** (`--accounts`): one row per box and poll, columns
//! `ballot_box,polling_station,contest,entrusted,issued,unused,spoilt,cancelled,tendered`.
//! `polling_station` is empty for a postal ballot box (whose account
//! columns are then empty: postal papers are recorded by opening). `entrusted`
//! lists serial ranges `FIRST-LAST` separated by `;` (e.g.
//! `D0001-D2000;D4001-D4100`). A box not yet defined in the log is defined
//! by its rows.
//!
//! **Counts** (`--counts`): one row per count of a box, columns
//! `ballot_box,contest,attempt,papers,counted_by`.

// A whole number: thousands separators read, as in every CSV input.
use crate::whole_number as number;
use countroom_log as log;

use crate::problem::{each_record, read_header, CsvProblem, CsvProblemKind, LineCounter, Problems};

/// The accounts table's columns.
pub const ACCOUNT_COLUMNS: [&str; 9] = [
    "ballot_box",
    "polling_station",
    "contest",
    "entrusted",
    "issued",
    "unused",
    "spoilt",
    "cancelled",
    "tendered",
];

/// The counts table's columns.
pub const COUNT_COLUMNS: [&str; 5] = ["ballot_box", "contest", "attempt", "papers", "counted_by"];

/// One row of the accounts table.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AccountRow {
    /// The line it was read from (0 if built in memory).
    pub line: u64,
    /// The box.
    pub ballot_box: String,
    /// The polling station; empty for a postal box.
    pub polling_station: String,
    /// The poll.
    pub contest: String,
    /// The account, for a polling station box.
    pub account: Option<AccountFigures>,
}

/// The figures of a ballot paper account.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AccountFigures {
    /// Serial ranges entrusted, as `(first, last)`.
    pub entrusted: Vec<(String, String)>,
    /// Issued.
    pub issued: u64,
    /// Unused.
    pub unused: u64,
    /// Spoilt.
    pub spoilt: u64,
    /// Cancelled.
    pub cancelled: u64,
    /// Tendered.
    pub tendered: u64,
}

/// One row of the counts table.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CountRow {
    /// The line it was read from (0 if built in memory).
    pub line: u64,
    /// The box.
    pub ballot_box: String,
    /// The poll.
    pub contest: String,
    /// Attempt number.
    pub attempt: u32,
    /// Papers counted.
    pub papers: u64,
    /// Who counted (may be empty).
    pub counted_by: String,
}

/// Reads a table with exactly `columns`, calling `row` for each record.
fn read_table<T>(
    bytes: &[u8],
    columns: &[&str],
    mut row: impl FnMut(u64, &csv::StringRecord, &mut Problems) -> Option<T>,
) -> Result<Vec<T>, Vec<CsvProblem>> {
    let mut problems = Problems::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut lines = LineCounter::new(bytes);
    let mut record = csv::StringRecord::new();
    if !read_header(&mut reader, &mut record, &mut lines, &mut problems, || {
        columns.join(",")
    }) {
        return Err(problems.into_vec(1));
    }
    for (i, name) in columns.iter().enumerate() {
        if record.get(i) != Some(name) {
            problems.push(
                1,
                None,
                CsvProblemKind::MissingColumn {
                    column: format!("{name} (as column {})", i + 1),
                },
            );
        }
    }
    for extra in record.iter().skip(columns.len()) {
        problems.push(
            1,
            Some(extra),
            CsvProblemKind::UnknownColumn {
                column: extra.to_owned(),
            },
        );
    }
    if !problems.is_empty() {
        return Err(problems.into_vec(1));
    }
    let mut rows = Vec::new();
    let last_line = each_record(
        &mut reader,
        &mut lines,
        &mut problems,
        |line, record, problems| {
            if let Some(r) = row(line, record, problems) {
                rows.push(r);
            }
        },
    );
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems.into_vec(last_line))
    }
}

/// Reads the accounts table, or lists every problem.
pub fn read_accounts(bytes: &[u8]) -> Result<Vec<AccountRow>, Vec<CsvProblem>> {
    read_table(bytes, &ACCOUNT_COLUMNS, |line, r, problems| {
        let field = |i: usize| r.get(i).unwrap_or_default();
        let mut ok = true;
        for i in [0, 2] {
            if field(i).trim().is_empty() {
                problems.push(line, Some(ACCOUNT_COLUMNS[i]), CsvProblemKind::EmptyValue);
                ok = false;
            }
        }
        let account = if field(1).is_empty() {
            for (i, name) in ACCOUNT_COLUMNS.iter().enumerate().skip(3) {
                if !field(i).trim().is_empty() {
                    problems.push(
                        line,
                        Some(name),
                        CsvProblemKind::Malformed {
                            message: "a postal ballot box (empty polling_station) has no ballot paper account: leave the account columns empty".into(),
                        },
                    );
                    ok = false;
                }
            }
            None
        } else {
            let mut entrusted = Vec::new();
            for part in field(3).split(';').map(str::trim).filter(|p| !p.is_empty()) {
                match part.split_once('-') {
                    Some((a, b)) if !a.is_empty() && !b.is_empty() => {
                        entrusted.push((a.to_owned(), b.to_owned()))
                    }
                    _ => {
                        problems.push(
                            line,
                            Some("entrusted"),
                            CsvProblemKind::Malformed {
                                message: format!("{part:?} is not a serial range FIRST-LAST"),
                            },
                        );
                        ok = false;
                    }
                }
            }
            let mut figures = [0u64; 5];
            for (slot, i) in figures.iter_mut().zip(4..9) {
                match number(field(i)) {
                    Ok(n) => *slot = n,
                    Err(kind) => {
                        problems.push(line, Some(ACCOUNT_COLUMNS[i]), kind);
                        ok = false;
                    }
                }
            }
            let [issued, unused, spoilt, cancelled, tendered] = figures;
            Some(AccountFigures {
                entrusted,
                issued,
                unused,
                spoilt,
                cancelled,
                tendered,
            })
        };
        ok.then(|| AccountRow {
            line,
            ballot_box: field(0).to_owned(),
            polling_station: field(1).to_owned(),
            contest: field(2).to_owned(),
            account,
        })
    })
}

/// Reads the counts table, or lists every problem.
pub fn read_counts(bytes: &[u8]) -> Result<Vec<CountRow>, Vec<CsvProblem>> {
    read_table(bytes, &COUNT_COLUMNS, |line, r, problems| {
        let field = |i: usize| r.get(i).unwrap_or_default();
        let mut ok = true;
        for i in [0, 1] {
            if field(i).is_empty() {
                problems.push(line, Some(COUNT_COLUMNS[i]), CsvProblemKind::EmptyValue);
                ok = false;
            }
        }
        let attempt = match number(field(2)).map(u32::try_from) {
            Ok(Ok(n)) => n,
            Ok(Err(_)) | Err(_) => {
                problems.push(
                    line,
                    Some("attempt"),
                    CsvProblemKind::BadNumber {
                        value: field(2).to_owned(),
                    },
                );
                ok = false;
                0
            }
        };
        let papers = match number(field(3)) {
            Ok(n) => n,
            Err(kind) => {
                problems.push(line, Some("papers"), kind);
                ok = false;
                0
            }
        };
        ok.then(|| CountRow {
            line,
            ballot_box: field(0).to_owned(),
            contest: field(1).to_owned(),
            attempt,
            papers,
            counted_by: field(4).to_owned(),
        })
    })
}

/// Writes the accounts table.
#[must_use]
pub fn write_accounts(rows: &[AccountRow]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(ACCOUNT_COLUMNS);
    for r in rows {
        let mut record = vec![
            r.ballot_box.clone(),
            r.polling_station.clone(),
            r.contest.clone(),
        ];
        match &r.account {
            Some(a) => {
                record.push(
                    a.entrusted
                        .iter()
                        .map(|(x, y)| format!("{x}-{y}"))
                        .collect::<Vec<_>>()
                        .join(";"),
                );
                record.extend(
                    [a.issued, a.unused, a.spoilt, a.cancelled, a.tendered].map(|n| n.to_string()),
                );
            }
            None => record.extend(std::iter::repeat_n(String::new(), 6)),
        }
        let _ = w.write_record(&record);
    }
    w.into_inner().unwrap_or_default()
}

/// Writes the counts table.
#[must_use]
pub fn write_counts(rows: &[CountRow]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(COUNT_COLUMNS);
    for r in rows {
        let _ = w.write_record([
            r.ballot_box.as_str(),
            r.contest.as_str(),
            &r.attempt.to_string(),
            &r.papers.to_string(),
            r.counted_by.as_str(),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// The log events for the accounts table: a `ballot_box_defined` for each
/// box not in `defined` (holding the polls of its rows), then an
/// `account_entered` per polling station row. Each is paired with its line.
#[must_use]
pub fn accounts_to_events(rows: &[AccountRow], defined: &[String]) -> Vec<(u64, log::Event)> {
    let mut events = Vec::new();
    let mut new_boxes: Vec<&str> = Vec::new();
    for r in rows {
        if defined.contains(&r.ballot_box) || new_boxes.contains(&r.ballot_box.as_str()) {
            continue;
        }
        new_boxes.push(&r.ballot_box);
        let mut contests: Vec<String> = Vec::new();
        for x in rows.iter().filter(|x| x.ballot_box == r.ballot_box) {
            if !contests.contains(&x.contest) {
                contests.push(x.contest.clone());
            }
        }
        events.push((
            r.line,
            log::Event::BallotBoxDefined(
                log::BallotBoxDefined::new(r.ballot_box.clone(), contests).polling_station(
                    (!r.polling_station.is_empty()).then(|| r.polling_station.clone()),
                ),
            ),
        ));
    }
    for r in rows {
        if let Some(a) = &r.account {
            events.push((
                r.line,
                log::Event::AccountEntered(
                    log::AccountEntered::new(
                        r.ballot_box.clone(),
                        r.contest.clone(),
                        a.entrusted
                            .iter()
                            .map(|(first, last)| {
                                log::SerialRangeDef::new(first.clone(), last.clone())
                            })
                            .collect(),
                        a.issued,
                        a.unused,
                        a.spoilt,
                    )
                    .cancelled(a.cancelled)
                    .tendered(a.tendered),
                ),
            ));
        }
    }
    events
}

/// The `box_counted` event of a counts row.
#[must_use]
pub fn count_event(r: &CountRow) -> log::Event {
    log::Event::BoxCounted(log::BoxCounted::new(
        r.ballot_box.clone(),
        r.contest.clone(),
        r.attempt,
        r.papers,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_round_trip_and_define_boxes() {
        let text = "ballot_box,polling_station,contest,entrusted,issued,unused,spoilt,cancelled,tendered\n101,N1,north,N0001-N1500,612,880,6,0,2\nPV1,,north,,,,,,\n";
        let rows = read_accounts(text.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(String::from_utf8(write_accounts(&rows)).unwrap(), text);
        let events = accounts_to_events(&rows, &["101".to_owned()]);
        assert_eq!(events.len(), 2, "PV1 is defined; 101 gets its account");
        assert!(
            matches!(&events[0].1, log::Event::BallotBoxDefined(b) if b.ballot_box == "PV1" && b.polling_station.is_none())
        );
    }

    #[test]
    fn counts_round_trip() {
        let text = "ballot_box,contest,attempt,papers,counted_by\n101,north,1,609,Table 1\n101,north,2,609,\n";
        let rows = read_counts(text.as_bytes()).unwrap();
        assert_eq!(String::from_utf8(write_counts(&rows)).unwrap(), text);
    }

    /// A ballot paper account and a verification count exported from a
    /// spreadsheet: figures grouped in thousands and quoted, a byte-order
    /// mark and CRLF read as the plain figures.
    #[test]
    fn thousands_separators_read() {
        let rows = read_accounts(
            "\u{feff}ballot_box,polling_station,contest,entrusted,issued,unused,spoilt,cancelled,tendered\r\n101,N1,north,N0001-N2500,\"1,612\",880,6,0,2\r\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(rows[0].account.as_ref().map(|a| a.issued), Some(1612));
        let rows = read_counts(
            b"ballot_box,contest,attempt,papers,counted_by\n101,north,1,\"1,609\",Table 1\n",
        )
        .unwrap();
        assert_eq!(rows[0].papers, 1609);
        let errs: Vec<String> =
            read_counts(b"ballot_box,contest,attempt,papers,counted_by\n101,north,1,\"16,09\",x\n")
                .unwrap_err()
                .iter()
                .map(ToString::to_string)
                .collect();
        assert_eq!(
            errs,
            ["line 2, field `papers`: \"16,09\" is not a whole number of 0 or more"]
        );
    }

    #[test]
    fn problems_name_line_and_field() {
        let text = "ballot_box,contest,attempt,papers,counted_by\n101,north,1,-5,x\n,north,x,1,y\n";
        let errs: Vec<String> = read_counts(text.as_bytes())
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errs,
            vec![
                "line 2, field `papers`: \"-5\" is not a whole number of 0 or more",
                "line 3, field `ballot_box`: empty value",
                "line 3, field `attempt`: \"x\" is not a whole number of 0 or more",
            ]
        );
        let text = "ballot_box,polling_station,contest,entrusted,issued,unused,spoilt,cancelled,tendered\n101,N1,north,N0001,612,880,6,0,2\nPV1,,north,,5,,,,\n";
        let errs: Vec<String> = read_accounts(text.as_bytes())
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].contains(
            "field `entrusted`: malformed CSV: \"N0001\" is not a serial range FIRST-LAST"
        ));
        assert!(errs[1].starts_with("line 3, field `issued`"));
        assert!(read_counts(b"").is_err());
        assert!(read_accounts(b"ballot_box,contest\n").is_err());
    }
}
