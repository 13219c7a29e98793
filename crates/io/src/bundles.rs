//! Bundle (or table) counts, one CSV row per bundle, as in a manual count.
//!
//! Columns: `run`, `table`, `bundle`, `papers`, then one column per
//! candidate on the ballot paper (headed by the candidate's id, any order,
//! every candidate present) holding that candidate's votes in the bundle,
//! then optionally one `rejected:<head>` column per rejection head and a
//! `rejected_in_part` column. `table` may be empty; `papers` (valid papers
//! in the bundle) may be empty only at a single-seat poll. Each row becomes
//! a `bundle_counted` event, plus `rejected_counted` and
//! `rejected_in_part_counted` events for its non-zero rejections. See
//! `docs/formats.md`.

// A whole number: thousands separators read, as in every CSV input.
use crate::whole_number as number;
use countroom_log as log;
use countroom_model::Contest;
use countroom_rules::RejectionHead;

use crate::problem::{
    csv_error, read_header, CandidateColumns, CsvProblem, CsvProblemKind, LineCounter, Problems,
};

/// The columns before the candidates'.
pub const FIXED_COLUMNS: [&str; 4] = ["run", "table", "bundle", "papers"];

/// One bundle row.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BundleRow {
    /// The line it was read from (0 if built in memory).
    pub line: u64,
    /// Count run.
    pub run: u32,
    /// Table (may be empty).
    pub table: String,
    /// Bundle id.
    pub bundle: String,
    /// Valid papers.
    pub papers: Option<u64>,
    /// Votes per candidate, in ballot-paper order.
    pub votes: Vec<u64>,
    /// Rejected papers per head column, in column order.
    pub rejected: Vec<(RejectionHead, u64)>,
    /// Papers rejected in part (if the column is present).
    pub rejected_in_part: Option<u64>,
}

#[derive(Debug, Clone, Copy)]
enum Column {
    Candidate(usize),
    Rejected(RejectionHead),
    RejectedInPart,
}

/// Reads bundle rows for `contest`, or lists every problem.
pub fn read(bytes: &[u8], contest: &Contest) -> Result<Vec<BundleRow>, Vec<CsvProblem>> {
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
            .chain(contest.standing().map(|(_, c)| c.id.as_str()))
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
    let mut candidates = CandidateColumns::new(contest, 1);
    let mut seen_other: Vec<&str> = Vec::new();
    let rules = countroom_rules::ruleset(contest.ruleset());
    for name in header.iter().skip(FIXED_COLUMNS.len()) {
        if let Some(code) = name.strip_prefix("rejected:") {
            match RejectionHead::from_code(code) {
                Some(head) if rules.head(head).is_none() => problems.push(
                    1,
                    Some(name),
                    CsvProblemKind::HeadNotInRuleset {
                        head: code.to_owned(),
                        ruleset: rules.code,
                        heads: rules
                            .heads
                            .iter()
                            .map(|h| h.head.code())
                            .collect::<Vec<_>>()
                            .join(", "),
                    },
                ),
                Some(head) if !seen_other.contains(&name.as_str()) => {
                    seen_other.push(name);
                    columns.push(Column::Rejected(head));
                }
                Some(_) => problems.push(
                    1,
                    Some(name),
                    CsvProblemKind::DuplicateColumn {
                        column: name.clone(),
                    },
                ),
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
            if seen_other.contains(&name.as_str()) {
                problems.push(
                    1,
                    Some(name),
                    CsvProblemKind::DuplicateColumn {
                        column: name.clone(),
                    },
                );
            }
            seen_other.push(name);
            columns.push(Column::RejectedInPart);
            continue;
        }
        if let Some(idx) = candidates.column(name, &mut problems) {
            columns.push(Column::Candidate(idx));
        }
    }
    candidates.finish(&mut problems);
    if !problems.is_empty() {
        return Err(problems.into_vec(1));
    }
    let mut rows = Vec::new();
    let mut first_lines = crate::problem::BundleLines::default();
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
        let mut row = BundleRow {
            line,
            run: 0,
            table: field(1).to_owned(),
            bundle: field(2).to_owned(),
            papers: None,
            votes: vec![0; contest.n_standing()],
            rejected: Vec::new(),
            rejected_in_part: None,
        };
        let run = match number(field(0)).map(u32::try_from) {
            Ok(Ok(run)) => Some(run),
            Ok(Err(_)) => {
                problems.push(
                    line,
                    name(0),
                    CsvProblemKind::BadNumber {
                        value: field(0).to_owned(),
                    },
                );
                None
            }
            Err(kind) => {
                problems.push(line, name(0), kind);
                None
            }
        };
        row.run = run.unwrap_or_default();
        if row.bundle.is_empty() {
            problems.push(line, name(2), CsvProblemKind::EmptyValue);
        } else if let Some(run) = run {
            if let Some(kind) = first_lines.given(Some(run), &row.bundle, line) {
                problems.push(line, name(2), kind);
            }
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
                Column::Candidate(idx) => {
                    if let Some(slot) = row.votes.get_mut(idx) {
                        *slot = value;
                    }
                }
                Column::Rejected(head) => row.rejected.push((head, value)),
                Column::RejectedInPart => row.rejected_in_part = Some(value),
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

/// Writes bundle rows as CSV, with the candidates in ballot-paper order and
/// the rejection columns of the first row (all rows must have the same).
#[must_use]
pub fn write(contest: &Contest, rows: &[BundleRow]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let first = rows.first();
    let mut header: Vec<String> = FIXED_COLUMNS.iter().map(|s| (*s).to_owned()).collect();
    header.extend(contest.standing().map(|(_, c)| c.id.to_string()));
    if let Some(first) = first {
        header.extend(
            first
                .rejected
                .iter()
                .map(|(h, _)| format!("rejected:{}", h.code())),
        );
        if first.rejected_in_part.is_some() {
            header.push("rejected_in_part".into());
        }
    }
    let _ = writer.write_record(&header);
    for row in rows {
        let mut record: Vec<String> = vec![
            row.run.to_string(),
            row.table.clone(),
            row.bundle.clone(),
            row.papers.map(|p| p.to_string()).unwrap_or_default(),
        ];
        record.extend(row.votes.iter().map(u64::to_string));
        record.extend(row.rejected.iter().map(|(_, n)| n.to_string()));
        if let Some(n) = row.rejected_in_part {
            record.push(n.to_string());
        }
        let _ = writer.write_record(&record);
    }
    writer.into_inner().unwrap_or_default()
}

/// The log events for `rows` of `contest`: a `bundle_counted` per row, and
/// `rejected_counted` / `rejected_in_part_counted` for non-zero rejections.
/// Each event is paired with the line it came from.
#[must_use]
pub fn to_events(contest: &Contest, rows: &[BundleRow]) -> Vec<(u64, log::Event)> {
    let cid = contest.id().to_string();
    let ids: Vec<String> = contest.standing().map(|(_, c)| c.id.to_string()).collect();
    let mut events = Vec::new();
    for row in rows {
        events.push((
            row.line,
            log::Event::BundleCounted(
                log::BundleCounted::new(
                    cid.clone(),
                    row.run,
                    row.bundle.clone(),
                    ids.iter()
                        .zip(&row.votes)
                        .filter(|(_, &v)| v > 0)
                        .map(|(id, &votes)| log::CandidateVotes::new(id.clone(), votes))
                        .collect(),
                )
                .table((!row.table.is_empty()).then(|| row.table.clone()))
                .papers(row.papers),
            ),
        ));
        for &(head, papers) in &row.rejected {
            if papers > 0 {
                events.push((
                    row.line,
                    log::Event::RejectedCounted(log::RejectedCounted::new(
                        cid.clone(),
                        row.run,
                        head.code().to_owned(),
                        papers,
                    )),
                ));
            }
        }
        if let Some(papers) = row.rejected_in_part.filter(|&p| p > 0) {
            events.push((
                row.line,
                log::Event::RejectedInPartCounted(log::RejectedInPartCounted::new(
                    cid.clone(),
                    row.run,
                    papers,
                )),
            ));
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::papers::tests::contest;

    #[test]
    fn reads_and_round_trips() {
        let text = "run,table,bundle,papers,A,B,C,rejected:too_many_votes,rejected_in_part\n1,T1,B1,50,40,30,20,2,1\n1,,B2,10,5,5,5,0,0\n";
        let c = contest(2);
        let rows = read(text.as_bytes(), &c).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].votes, vec![40, 30, 20]);
        assert_eq!(rows[0].rejected, vec![(RejectionHead::TooManyVotes, 2)]);
        assert_eq!(String::from_utf8(write(&c, &rows)).unwrap(), text);
        let events = to_events(&c, &rows);
        assert_eq!(
            events.len(),
            4,
            "two bundles, one rejected, one rejected in part"
        );
    }

    #[test]
    fn negative_and_non_numeric_counts_name_the_field() {
        let text = "run,table,bundle,papers,A,B,C\n1,T1,B1,50,-4,x,\n";
        let errs: Vec<String> = read(text.as_bytes(), &contest(2))
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errs,
            vec![
                "line 2, field `A`: \"-4\" is not a whole number of 0 or more",
                "line 2, field `B`: \"x\" is not a whole number of 0 or more",
                "line 2, field `C`: \"\" is not a whole number of 0 or more",
            ]
        );
        // One more than u64::MAX is a whole number, too large (its own
        // code), on the file's own line after CRLF line ends.
        let text = "run,table,bundle,papers,A,B,C\r\n\r\n1,T1,B1,50,18446744073709551616,0,0\r\n";
        let errs = read(text.as_bytes(), &contest(2)).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].kind.code(), "number_too_large");
        assert_eq!(
            errs[0].to_string(),
            "line 3, field `A`: \"18446744073709551616\" is too large (at most 18,446,744,073,709,551,615)"
        );
    }

    /// Tally sheets exported from a spreadsheet: a byte-order mark, CRLF,
    /// figures grouped in thousands and quoted (`"1,204"`), white space
    /// around a figure. The same rows as written plainly; a grouping that
    /// is not in threes is refused by name, as the list area's file does.
    #[test]
    fn spreadsheet_exports_read_as_plain_figures() {
        let c = contest(2);
        let plain = read(
            b"run,table,bundle,papers,A,B,C
1,T1,B1,1204,1000,604,1004
",
            &c,
        )
        .unwrap();
        let exported = read(
            "\u{feff}run,table,bundle,papers,A,B,C\r\n1,T1,B1,\"1,204\",\"1,000\", 604 ,\"1,004\"\r\n"
                .as_bytes(),
            &c,
        )
        .unwrap();
        assert_eq!(exported[0].votes, plain[0].votes);
        assert_eq!(exported[0].papers, Some(1204));
        let errs: Vec<String> = read(
            b"run,table,bundle,papers,A,B,C
1,T1,B1,\"12,04\",1,\"1,0000\",\",100\"
",
            &c,
        )
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            errs,
            [
                "line 2, field `papers`: \"12,04\" is not a whole number of 0 or more",
                "line 2, field `B`: \"1,0000\" is not a whole number of 0 or more",
                "line 2, field `C`: \",100\" is not a whole number of 0 or more",
            ]
        );
    }

    /// A bundle given twice for the same run is named with the line of its
    /// first row (the same id in another run is another bundle).
    #[test]
    fn a_bundle_given_twice_names_its_first_line() {
        let text = "run,table,bundle,papers,A,B,C\n1,T1,B1,3,1,1,1\n1,T2,B2,3,1,1,1\n2,T1,B1,3,1,1,1\n1,T3,B1,3,1,1,1\n";
        let errs: Vec<String> = read(text.as_bytes(), &contest(2))
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errs,
            ["line 5, field `bundle`: bundle \"B1\" is given twice for the same run (first on line 2)"]
        );
    }

    #[test]
    fn unknown_columns_are_reported() {
        let errs = |text: &str| -> Vec<String> {
            read(text.as_bytes(), &contest(2))
                .unwrap_err()
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(
            errs("run,table,bundle,papers,A,B,C,rejected:unmarked\n"),
            ["line 1, field `rejected:unmarked`: head \"unmarked\" is not on the statement of rejected ballot papers under england-principal-2006 (its heads: no_official_mark, too_many_votes, identifying_mark, unmarked_or_void)"]
        );
        let errs = errs("run,table,bundle,papers,A,B,C,rejected:spoilt,colour\n");
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].contains("unexpected column \"rejected:spoilt\""));
        assert!(errs[1].contains("unknown candidate \"colour\""));
    }
}
