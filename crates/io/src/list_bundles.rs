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

// A whole number: thousands separators read, as in every CSV input.
use crate::whole_number as number;
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
        } else if let Some(kind) = first_lines.given(row.run, &row.bundle, line) {
            problems.push(line, name(2), kind);
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A Scottish region (`scottish-parliament-regional-2016`: the heads of
    /// SSI 2015/425 Sch 2 r.58(1)) whose list ballot paper has parties A
    /// and B and the individual candidate I, counted at area `n`.
    const LOG: &str = concat!(
        "{\"schema\":\"countroom-count-log\",\"version\":1}\n",
        "{\"seq\":1,\"by\":\"ro\",\"event\":{\"election_defined\":{\"election\":\"e\",\"name\":\"S\",\"poll_date\":\"2026-05-07\"}}}\n",
        "{\"seq\":2,\"by\":\"ro\",\"event\":{\"counting_area_defined\":{\"counting_area\":\"n\",\"name\":\"N\"}}}\n",
        "{\"seq\":3,\"by\":\"ro\",\"event\":{\"list_contest_defined\":{\"contest\":\"r\",\"election\":\"e\",\"title\":\"R\",\"area\":\"R\",\"office\":\"scottish_parliament_regional_member\",\"country\":\"scotland\",\"seats\":7,\"parties\":[{\"id\":\"A\",\"name\":\"A\"},{\"id\":\"B\",\"name\":\"B\"}],\"individuals\":[{\"id\":\"I\",\"name\":\"I\"}],\"counting_areas\":[\"n\"],\"constituencies\":[\"S1\"]}}}\n",
    );

    fn state() -> countroom_count::CountState {
        let log = countroom_log::read(LOG.as_bytes()).unwrap();
        let (state, problems) = countroom_count::replay(&log.entries);
        assert!(problems.is_empty(), "{problems:?}");
        state
    }

    /// A BOM, CRLF, quoted fields, thousands separators, the options out of
    /// order, an empty run: the figures as written, in the contest's order
    /// of options; the entries as the list area's.
    #[test]
    fn reads_a_list_areas_file_into_the_areas_entries() {
        let state = state();
        let list = &state.list_contests()[0];
        let text = b"\xEF\xBB\xBFrun,table,bundle,papers,I,A,B,rejected:too_many_votes\r\n,T1,N1,\"1,000\",100,\"  500 \",400,2\r\n2,,N2,,0,\"1,234,567\",0,0\r\n";
        let rows = read(text, list).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].run, None);
        assert_eq!(rows[0].papers, Some(1_000));
        assert_eq!(rows[0].votes, vec![500, 400, 100]);
        assert_eq!(rows[0].rejected, vec![(RejectionHead::TooManyVotes, 2)]);
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].run, Some(2));
        assert_eq!(rows[1].votes, vec![1_234_567, 0, 0]);
        let events = to_events(list, "n", 1, &rows);
        let json: Vec<String> = events
            .iter()
            .map(|(line, e)| format!("{line} {}", serde_json::to_string(e).unwrap()))
            .collect();
        assert_eq!(
            json,
            [
                r#"2 {"bundle_counted":{"contest":"r","run":1,"counting_area":"n","bundle":"N1","table":"T1","papers":1000,"votes":[{"candidate":"A","votes":500},{"candidate":"B","votes":400},{"candidate":"I","votes":100}]}}"#,
                r#"2 {"rejected_counted":{"contest":"r","run":1,"counting_area":"n","head":"too_many_votes","papers":2}}"#,
                r#"3 {"bundle_counted":{"contest":"r","run":2,"counting_area":"n","bundle":"N2","votes":[{"candidate":"A","votes":1234567}]}}"#,
            ]
        );
    }

    /// A head the statement does not have, a column naming no option, an
    /// option without one, rejected in part: all on line 1.
    #[test]
    fn the_headers_problems_are_listed_together() {
        let state = state();
        let list = &state.list_contests()[0];
        let errs: Vec<String> = read(
            b"run,table,bundle,papers,A,Z,rejected:breakdown_not_given,rejected_in_part\n",
            list,
        )
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(errs.len(), 5, "{errs:?}");
        assert!(
            errs[0].contains(
                "unknown candidate \"Z\" in contest r (candidates on the ballot paper: A, B, I)"
            ),
            "{errs:?}"
        );
        assert!(errs[1].contains("head \"breakdown_not_given\" is not on the statement of rejected ballot papers under scottish-parliament-regional-2016"), "{errs:?}");
        assert!(errs[2].contains("no paper is rejected in part"), "{errs:?}");
        assert_eq!(errs[3], "line 1: missing column \"B\"");
        assert_eq!(errs[4], "line 1: missing column \"I\"");
    }

    /// `n` with its thousands separated by commas.
    fn grouped(n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    proptest! {
        /// Any figures, written plain or grouped in thousands and quoted,
        /// read back as written, and each row gives one `bundle_counted`
        /// whose votes sum to the row's (no vote lost or made).
        #[test]
        fn figures_read_back_as_written(
            rows in proptest::collection::vec((any::<[u32; 3]>(), any::<bool>(), any::<u64>()), 1..20)
        ) {
            let state = state();
            let list = &state.list_contests()[0];
            let mut text = String::from("run,table,bundle,papers,A,B,I,rejected:unmarked_or_void\n");
            for (i, (votes, group, rejected)) in rows.iter().enumerate() {
                let f = |n: u64| if *group { format!("\"{}\"", grouped(n)) } else { n.to_string() };
                text.push_str(&format!("1,,B{i},,{},{},{},{}\n", f(votes[0].into()), f(votes[1].into()), f(votes[2].into()), f(*rejected)));
            }
            let read = read(text.as_bytes(), list).unwrap();
            prop_assert_eq!(read.len(), rows.len());
            for (r, (votes, _, rejected)) in read.iter().zip(&rows) {
                prop_assert_eq!(&r.votes, &votes.map(u64::from).to_vec());
                prop_assert_eq!(&r.rejected, &vec![(RejectionHead::UnmarkedOrVoid, *rejected)]);
            }
            let events = to_events(list, "n", 1, &read);
            let mut bundles = 0;
            for (line, e) in &events {
                if let log::Event::BundleCounted(b) = e {
                    bundles += 1;
                    let sum: u64 = b.votes.iter().map(|v| v.votes).sum();
                    let row = &rows[usize::try_from(line - 2).unwrap()].0;
                    prop_assert_eq!(sum, row.iter().map(|&v| u64::from(v)).sum::<u64>());
                }
            }
            prop_assert_eq!(bundles, rows.len());
        }
    }
}
