//! A list area's bundle CSV: one row per bundle of a list contest's ballot
//! papers counted at one counting area (`count`/`check --bundles FILE
//! --contest ID --area AREA`).
//!
//! Columns: `run`, `table`, `bundle`, `papers` (as the first past the post
//! bundles CSV, [`crate::bundles`]), then, in any order, one column per
//! party and individual candidate of the list ballot paper, headed by its
//! id as `list_contest_defined` gives it (every one present, once), holding
//! its votes in the bundle, and optionally one `rejected:<head>` column per
//! head of the list contest's statement of rejected papers: the list
//! ruleset's heads where they were read (the Scottish regional paper: SSI
//! 2015/425 Sch 2 r.58(1)(a), (c), (d), (e)), else the one figure
//! `rejected:breakdown_not_given`, as the list area's `rejected_counted`
//! takes them (docs/count-log.md, "Counting a list poll at the
//! constituency count"). `run` may be empty: the area's current run.
//! `rejected_in_part` is refused (a list paper carries one vote, Scotland
//! Act 1998 s.6(2)).
//!
//! Reading accepts a UTF-8 byte-order mark, quoted fields and whole
//! numbers with thousands separators (`"1,234"`); a bundle id given twice
//! for the same run is refused naming the line of the first. Each row
//! becomes the area's `bundle_counted` (with `counting_area`) and a
//! `rejected_counted` (with `counting_area`) per non-zero head
//! ([`to_events`]). See docs/formats.md, "A list area's bundles CSV".

use countroom_count::ListContestCount;
use countroom_log as log;
use countroom_rules::RejectionHead;

use crate::bundles::FIXED_COLUMNS;
use crate::problem::{csv_error, read_header, CsvProblem, CsvProblemKind, LineCounter, Problems};

/// One bundle row of a list area's file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListBundleRow {
    /// The line it was read from.
    pub line: u64,
    /// The area's run it belongs to; `None` (empty): the area's current
    /// run.
    pub run: Option<u32>,
    /// Table (may be empty).
    pub table: String,
    /// Bundle id.
    pub bundle: String,
    /// Valid papers (the sum of the votes, one vote per list paper), if
    /// given.
    pub papers: Option<u64>,
    /// Votes per party and individual candidate, in the list contest's
    /// order of options (parties, then individual candidates).
    pub votes: Vec<u64>,
    /// Rejected papers per head column, in column order.
    pub rejected: Vec<(RejectionHead, u64)>,
}

#[derive(Debug, Clone, Copy)]
enum Column {
    Option(usize),
    Rejected(RejectionHead),
}

/// A whole number of 0 or more: decimal digits, white space around it
/// ignored, thousands separators read (`1,234`; groups of three after the
/// first comma).
fn number(value: &str) -> Result<u64, CsvProblemKind> {
    let bad = || CsvProblemKind::BadNumber {
        value: value.to_owned(),
    };
    let digits = crate::ungroup_thousands(value.trim()).ok_or_else(bad)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    digits.parse().map_err(|_| bad())
}

/// Reads a list area's bundle rows for the list contest `list`, or lists
/// every problem (up to 1,000, then a count of the rest): the header's
/// problems all together (the rows are then not read), else every
/// problem of every row.
pub fn read(bytes: &[u8], list: &ListContestCount) -> Result<Vec<ListBundleRow>, Vec<CsvProblem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let options: Vec<&str> = list.options().iter().map(|o| o.id.as_str()).collect();
    let heads = &list.collation().plan().heads;
    let mut problems = Problems::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut lines = LineCounter::new(bytes);
    let mut record = csv::StringRecord::new();
    if !read_header(&mut reader, &mut record, &mut lines, &mut problems, || {
        FIXED_COLUMNS
            .iter()
            .copied()
            .chain(options.iter().copied())
            .collect::<Vec<_>>()
            .join(",")
    }) {
        return Err(problems.into_vec(1));
    }
    let header: Vec<String> = record.iter().map(str::to_owned).collect();
    for (i, name) in FIXED_COLUMNS.iter().enumerate() {
        if header.get(i).map(String::as_str) != Some(name) {
            problems.push(
                1,
                None,
                CsvProblemKind::MissingColumn {
                    column: format!("{name} (as column {})", i + 1),
                },
            );
        }
    }
    let mut columns = Vec::new();
    let mut seen = vec![false; options.len()];
    let mut seen_heads: Vec<RejectionHead> = Vec::new();
    for name in header.iter().skip(FIXED_COLUMNS.len()) {
        if let Some(code) = name.strip_prefix("rejected:") {
            match RejectionHead::from_code(code) {
                Some(head) if !heads.contains(&head) => problems.push(
                    1,
                    Some(name),
                    CsvProblemKind::HeadNotInRuleset {
                        head: code.to_owned(),
                        ruleset: list.rules().code,
                        heads: heads
                            .iter()
                            .map(|h| h.code())
                            .collect::<Vec<_>>()
                            .join(", "),
                    },
                ),
                Some(head) if seen_heads.contains(&head) => problems.push(
                    1,
                    Some(name),
                    CsvProblemKind::DuplicateColumn {
                        column: name.clone(),
                    },
                ),
                Some(head) => {
                    seen_heads.push(head);
                    columns.push(Column::Rejected(head));
                }
                None => problems.push(
                    1,
                    Some(name),
                    CsvProblemKind::UnknownColumn {
                        column: name.clone(),
                    },
                ),
            }
            continue;
        }
        if name == "rejected_in_part" {
            problems.push(
                1,
                Some(name),
                CsvProblemKind::Value {
                    message: "a list ballot paper carries one vote (Scotland Act 1998 s.6(2)), so no paper is rejected in part: this column is not read for a list contest".to_owned(),
                },
            );
            continue;
        }
        let kind = match options.iter().position(|o| o == name) {
            Some(i) => match seen.get_mut(i) {
                Some(s) if !*s => {
                    *s = true;
                    columns.push(Column::Option(i));
                    continue;
                }
                _ => CsvProblemKind::DuplicateColumn {
                    column: name.clone(),
                },
            },
            None => CsvProblemKind::UnknownCandidate {
                candidate: name.clone(),
                contest: list.id().to_owned(),
                expected: options.join(", "),
            },
        };
        problems.push(1, Some(name), kind);
    }
    for (o, _) in options.iter().zip(&seen).filter(|(_, s)| !**s) {
        problems.push(
            1,
            None,
            CsvProblemKind::MissingColumn {
                column: (*o).to_owned(),
            },
        );
    }
    if !problems.is_empty() {
        return Err(problems.into_vec(1));
    }
    let mut rows: Vec<ListBundleRow> = Vec::new();
    let mut last_line = 1;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                last_line = csv_error(&e, &mut problems, &mut lines);
                continue;
            }
        }
        let line = lines.line_of(record.position());
        last_line = line;
        let field = |i: usize| record.get(i).unwrap_or_default();
        let name = |i: usize| header.get(i).map(String::as_str);
        let mut row = ListBundleRow {
            line,
            run: None,
            table: field(1).to_owned(),
            bundle: field(2).to_owned(),
            papers: None,
            votes: vec![0; options.len()],
            rejected: Vec::new(),
        };
        if !field(0).trim().is_empty() {
            match number(field(0)).map(u32::try_from) {
                Ok(Ok(run)) => row.run = Some(run),
                Ok(Err(_)) => problems.push(
                    line,
                    name(0),
                    CsvProblemKind::BadNumber {
                        value: field(0).to_owned(),
                    },
                ),
                Err(kind) => problems.push(line, name(0), kind),
            }
        }
        if row.bundle.is_empty() {
            problems.push(line, name(2), CsvProblemKind::EmptyValue);
        } else if let Some(first) = rows
            .iter()
            .find(|r| r.bundle == row.bundle && r.run == row.run)
        {
            problems.push(
                line,
                name(2),
                CsvProblemKind::DuplicateBundle {
                    bundle: row.bundle.clone(),
                    first_line: first.line,
                },
            );
        }
        if !field(3).trim().is_empty() {
            match number(field(3)) {
                Ok(p) => row.papers = Some(p),
                Err(kind) => problems.push(line, name(3), kind),
            }
        }
        for (offset, column) in columns.iter().enumerate() {
            let i = offset + FIXED_COLUMNS.len();
            let value = match number(field(i)) {
                Ok(v) => v,
                Err(kind) => {
                    problems.push(line, name(i), kind);
                    continue;
                }
            };
            match *column {
                Column::Option(idx) => {
                    if let Some(slot) = row.votes.get_mut(idx) {
                        *slot = value;
                    }
                }
                Column::Rejected(head) => row.rejected.push((head, value)),
            }
        }
        rows.push(row);
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems.into_vec(last_line))
    }
}

/// The log events for `rows` of the list contest `list` at its counting
/// area `area`: a `bundle_counted` per row (with `counting_area`, in the
/// row's run, else `current_run`; the votes of each option with more than
/// 0, in the contest's order of options), and a `rejected_counted` (with
/// `counting_area`) for each head with more than 0 papers. Each event is
/// paired with the line it came from.
#[must_use]
pub fn to_events(
    list: &ListContestCount,
    area: &str,
    current_run: u32,
    rows: &[ListBundleRow],
) -> Vec<(u64, log::Event)> {
    let cid = list.id();
    let mut events = Vec::new();
    for row in rows {
        let run = row.run.unwrap_or(current_run);
        events.push((
            row.line,
            log::Event::BundleCounted(
                log::BundleCounted::new(
                    cid,
                    run,
                    row.bundle.clone(),
                    list.options()
                        .iter()
                        .zip(&row.votes)
                        .filter(|(_, &v)| v > 0)
                        .map(|(o, &votes)| log::CandidateVotes::new(o.id.clone(), votes))
                        .collect(),
                )
                .counting_area(Some(area.to_owned()))
                .table((!row.table.is_empty()).then(|| row.table.clone()))
                .papers(row.papers),
            ),
        ));
        for &(head, papers) in &row.rejected {
            if papers > 0 {
                events.push((
                    row.line,
                    log::Event::RejectedCounted(
                        log::RejectedCounted::new(cid, run, head.code().to_owned(), papers)
                            .counting_area(Some(area.to_owned())),
                    ),
                ));
            }
        }
    }
    events
}
