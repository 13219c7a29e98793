//! The single transferable vote's input files other than the ballots: the
//! recorded-lots file and the Returning Officer's decisions on doubtful
//! papers. Both are read with the csv crate like every other CSV of
//! countroom: fields may be quoted (`"a, b"`, `""` for a quote), a UTF-8
//! byte-order mark is skipped, surrounding spaces are trimmed, blank lines
//! and lines starting with `#` are skipped (quote a value that starts with
//! `#`), and the columns are found by their names in the header, in any
//! order. Every problem is listed with its line and field.
//!
//! # The recorded-lots file
//!
//! Header `stage,purpose,tied,chosen`, one row per lot drawn:
//!
//! - `stage`: the number of the stage whose action the lot decides (the
//!   surplus transferred, or the candidate excluded, at that stage);
//! - `purpose`: `surplus_order` (which of equal surpluses is transferred
//!   first) or `exclusion` (which of the lowest candidates is excluded);
//! - `tied`: the tied candidates' 1-based numbers in the ballot file,
//!   separated by spaces, in any order (at least two, each once);
//! - `chosen`: the 1-based number of the candidate the lot chose (whose
//!   surplus goes first, or who is excluded): one of `tied`.
//!
//! At most one lot per stage. After the count, a lot the count did not use
//! (no tie needing a lot arose at its stage) is an error naming its line
//! ([`countroom_stv::LotSource::unused`]), and so is a lot whose tied set is
//! not the tie that arose ([`countroom_stv::StvError::LotMismatch`], which
//! names the candidates actually tied).
//!
//! ```text
//! stage,purpose,tied,chosen
//! 4,exclusion,5 6,5
//! ```
//!
//! # The decisions file
//!
//! Header `paper,decision,preferences,head`, one row per doubtful paper:
//! its reference, `valid` (with `preferences`: 1-based candidate numbers in
//! ballot-paper order, separated by spaces, first preference first; `head`
//! empty) or `rejected` (with `head`: a head code such as
//! `void_for_uncertainty`; `preferences` empty).
//!
//! ```
//! let lots = countroom_io::stv::read_lots(
//!     b"\xef\xbb\xbfstage,purpose,tied,chosen\n4,exclusion,\"6 5\",5\n",
//!     6,
//! )
//! .unwrap();
//! assert_eq!(lots[0].line, 2);
//! assert_eq!(lots[0].lot.tied, vec![4, 5]);
//! ```

use std::collections::BTreeMap;

use countroom_rules::{LotPurpose, RejectionHead};
use countroom_stv::papers::{Decision, Ruling};
use countroom_stv::RecordedLot;

use crate::problem::{each_record, read_header, LineCounter, Problems};
use crate::{CsvProblem, CsvProblemKind};

/// The header of a recorded-lots file.
pub const LOTS_HEADER: &str = "stage,purpose,tied,chosen";

/// The header of a decisions file.
pub const DECISIONS_HEADER: &str = "paper,decision,preferences,head";

/// A lot read from a recorded-lots file, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LotLine {
    /// The lot.
    pub lot: RecordedLot,
    /// Its 1-based line in the file.
    pub line: u64,
}

fn reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(bytes)
}

/// The file without its byte-order mark and with the text of every comment
/// line (a line starting with `#` outside a quoted field) removed, its line
/// break kept: the csv crate then skips the empty line, and every line keeps
/// its number (the csv crate's own comment handling reports a record after a
/// comment at the comment's line).
fn without_comments(bytes: &[u8]) -> Vec<u8> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut out = Vec::with_capacity(bytes.len());
    let mut quoted = false;
    let mut line_start = true;
    let mut comment = false;
    for &b in bytes {
        if line_start && !quoted && b == b'#' {
            comment = true;
        }
        let newline = b == b'\n' || b == b'\r';
        if comment {
            if newline {
                comment = false;
                out.push(b);
            }
        } else {
            if b == b'"' {
                quoted = !quoted;
            }
            out.push(b);
        }
        line_start = newline && !quoted;
    }
    out
}

/// Maps the header's column names to positions; every column of `expected`
/// must be there once, and no other.
fn columns<const N: usize>(
    header: &csv::StringRecord,
    expected: [&str; N],
    problems: &mut Problems,
) -> Option<[usize; N]> {
    let mut at: BTreeMap<&str, usize> = BTreeMap::new();
    let mut ok = true;
    for (i, name) in header.iter().enumerate() {
        let name = name.trim_start_matches('\u{feff}');
        if !expected.contains(&name) {
            problems.push(
                1,
                Some(name),
                CsvProblemKind::UnknownColumn {
                    column: name.to_owned(),
                },
            );
            ok = false;
        } else if at.insert(name, i).is_some() {
            problems.push(
                1,
                Some(name),
                CsvProblemKind::DuplicateColumn {
                    column: name.to_owned(),
                },
            );
            ok = false;
        }
    }
    let mut out = [0; N];
    for (slot, name) in out.iter_mut().zip(expected) {
        match at.get(name) {
            Some(&i) => *slot = i,
            None => {
                problems.push(
                    1,
                    None,
                    CsvProblemKind::MissingColumn {
                        column: name.to_owned(),
                    },
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

fn value(message: String) -> CsvProblemKind {
    CsvProblemKind::Value { message }
}

/// A 1-based candidate number, as 0-based.
fn candidate(s: &str, candidates: usize) -> Option<usize> {
    s.parse::<usize>()
        .ok()
        .filter(|n| (1..=candidates).contains(n))
        .map(|n| n - 1)
}

fn numbers(cs: &[usize]) -> String {
    cs.iter()
        .map(|c| (c + 1).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a table whose header names exactly the columns `names` (in any
/// order), after dropping its byte-order mark and comment lines, calling
/// `row` with the columns' positions, the line and the record for every
/// record. Every problem is listed with its line and field.
fn read_table<const N: usize>(
    bytes: &[u8],
    header: &str,
    names: [&str; N],
    mut row: impl FnMut([usize; N], u64, &csv::StringRecord, &mut Problems),
) -> Result<(), Vec<CsvProblem>> {
    let bytes = &without_comments(bytes)[..];
    let mut problems = Problems::default();
    let mut reader = reader(bytes);
    let mut lines = LineCounter::new(bytes);
    let mut record = csv::StringRecord::new();
    if !read_header(&mut reader, &mut record, &mut lines, &mut problems, || {
        header.to_owned()
    }) {
        return Err(problems.into_vec(1));
    }
    let Some(cols) = columns(&record, names, &mut problems) else {
        return Err(problems.into_vec(1));
    };
    let last = each_record(
        &mut reader,
        &mut lines,
        &mut problems,
        |line, r, problems| {
            row(cols, line, r, problems);
        },
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into_vec(last))
    }
}

/// Reads a recorded-lots file (format in the module docs); `candidates`
/// bounds the numbers. Every problem is listed with its line and field: a
/// malformed row, a bad value, a candidate chosen outside the row's tied
/// set, and a second lot for a stage (naming the first's line).
pub fn read_lots(bytes: &[u8], candidates: usize) -> Result<Vec<LotLine>, Vec<CsvProblem>> {
    let mut out: Vec<LotLine> = Vec::new();
    let mut by_stage: BTreeMap<u32, u64> = BTreeMap::new();
    read_table(
        bytes,
        LOTS_HEADER,
        ["stage", "purpose", "tied", "chosen"],
        |[c_stage, c_purpose, c_tied, c_chosen], line, r, problems| {
            let field = |i: usize| r.get(i).unwrap_or("");
            let mut ok = true;
            let stage = field(c_stage).parse::<u32>().ok().filter(|s| *s >= 1);
            if stage.is_none() {
                problems.push(
                    line,
                    Some("stage"),
                    value(format!(
                        "{:?} is not a stage number (1, 2, …)",
                        field(c_stage)
                    )),
                );
                ok = false;
            }
            let purpose = LotPurpose::parse(field(c_purpose)).filter(|p| p.is_stv());
            if purpose.is_none() {
                problems.push(
                    line,
                    Some("purpose"),
                    value(format!(
                        "{:?} is not surplus_order or exclusion",
                        field(c_purpose)
                    )),
                );
                ok = false;
            }
            let mut tied = Vec::new();
            for s in field(c_tied).split_whitespace() {
                match candidate(s, candidates) {
                    Some(c) if tied.contains(&c) => {
                        problems.push(
                            line,
                            Some("tied"),
                            value(format!("candidate {} is listed twice", c + 1)),
                        );
                        ok = false;
                    }
                    Some(c) => tied.push(c),
                    None => {
                        problems.push(
                            line,
                            Some("tied"),
                            value(format!("{s:?} is not a candidate number 1..={candidates}")),
                        );
                        ok = false;
                    }
                }
            }
            tied.sort_unstable();
            if ok && tied.len() < 2 {
                problems.push(
                    line,
                    Some("tied"),
                    value(format!(
                        "{:?}: a lot is drawn between two or more candidates",
                        field(c_tied)
                    )),
                );
                ok = false;
            }
            let chosen = candidate(field(c_chosen), candidates);
            match chosen {
                None => {
                    problems.push(
                        line,
                        Some("chosen"),
                        value(format!(
                            "{:?} is not a candidate number 1..={candidates}",
                            field(c_chosen)
                        )),
                    );
                    ok = false;
                }
                Some(c) if ok && !tied.contains(&c) => {
                    problems.push(
                        line,
                        Some("chosen"),
                        value(format!(
                            "candidate {} is not one of the tied candidates {}",
                            c + 1,
                            numbers(&tied)
                        )),
                    );
                    ok = false;
                }
                Some(_) => {}
            }
            if let Some(s) = stage {
                if let Some(first) = by_stage.get(&s) {
                    problems.push(
                    line,
                    Some("stage"),
                    value(format!(
                        "a second lot for stage {s} (the first is on line {first}): one lot decides one stage"
                    )),
                );
                    ok = false;
                } else {
                    by_stage.insert(s, line);
                }
            }
            if let (true, Some(stage), Some(purpose), Some(chosen)) = (ok, stage, purpose, chosen) {
                out.push(LotLine {
                    lot: RecordedLot {
                        stage,
                        purpose,
                        tied,
                        chosen,
                    },
                    line,
                });
            }
        },
    )?;
    Ok(out)
}

/// Reads a decisions file (format in the module docs); `candidates` bounds
/// the numbers. Every problem is listed with its line and field.
pub fn read_decisions(bytes: &[u8], candidates: usize) -> Result<Vec<Decision>, Vec<CsvProblem>> {
    let mut out = Vec::new();
    read_table(
        bytes,
        DECISIONS_HEADER,
        ["paper", "decision", "preferences", "head"],
        |[c_paper, c_decision, c_prefs, c_head], line, r, problems| {
            let field = |i: usize| r.get(i).unwrap_or("");
            let (paper, decision, preferences, head) = (
                field(c_paper),
                field(c_decision),
                field(c_prefs),
                field(c_head),
            );
            if paper.is_empty() {
                problems.push(line, Some("paper"), CsvProblemKind::EmptyValue);
                return;
            }
            let ruling = match decision {
                "valid" => {
                    if !head.is_empty() {
                        problems.push(
                            line,
                            Some("head"),
                            value("a paper allowed as valid has no head".to_owned()),
                        );
                        return;
                    }
                    let prefs: Option<Vec<usize>> = preferences
                        .split_whitespace()
                        .map(|s| candidate(s, candidates))
                        .collect();
                    match prefs {
                        Some(p) if !p.is_empty() => Ruling::Valid(p),
                        _ => {
                            problems.push(
                            line,
                            Some("preferences"),
                            value(format!("{preferences:?} is not candidate numbers 1..={candidates} in order of preference")),
                        );
                            return;
                        }
                    }
                }
                "rejected" => {
                    if !preferences.is_empty() {
                        problems.push(
                            line,
                            Some("preferences"),
                            value("a rejected paper has no preferences".to_owned()),
                        );
                        return;
                    }
                    match RejectionHead::from_code(head) {
                        Some(h) => Ruling::Rejected(h),
                        None => {
                            problems.push(
                                line,
                                Some("head"),
                                value(format!(
                                    "{head:?} is not a head code ({})",
                                    RejectionHead::ALL.map(RejectionHead::code).join(", ")
                                )),
                            );
                            return;
                        }
                    }
                }
                other => {
                    problems.push(
                        line,
                        Some("decision"),
                        value(format!("{other:?} is not valid or rejected")),
                    );
                    return;
                }
            };
            out.push(Decision {
                paper: paper.to_owned(),
                ruling,
                line,
            });
        },
    )?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(problems: Vec<CsvProblem>) -> Vec<String> {
        problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn lots_file() {
        let f = b"# drawn by the RO\nstage,purpose,tied,chosen\n4,exclusion,6 5,5\n";
        let lots = read_lots(f, 6).unwrap();
        assert_eq!(
            lots,
            vec![LotLine {
                lot: RecordedLot {
                    stage: 4,
                    purpose: LotPurpose::Exclusion,
                    tied: vec![4, 5],
                    chosen: 4
                },
                line: 3
            }]
        );
        // Quoted, with a byte-order mark, columns in another order, CRLF.
        let f = b"\xef\xbb\xbfchosen,tied,purpose,stage\r\n\"5\",\"5 6\",exclusion,4\r\n";
        assert_eq!(read_lots(f, 6).unwrap()[0].lot, lots[0].lot);
        let bad = read_lots(b"stage,purpose,tied,chosen\n0,coin,1 9,3\n", 6).unwrap_err();
        assert_eq!(
            messages(bad),
            [
                "line 2, field `stage`: \"0\" is not a stage number (1, 2, …)",
                "line 2, field `purpose`: \"coin\" is not surplus_order or exclusion",
                "line 2, field `tied`: \"9\" is not a candidate number 1..=6",
            ]
        );
    }

    #[test]
    fn lots_file_refuses_contradictions() {
        let f = b"stage,purpose,tied,chosen\n4,exclusion,5 6,5\n4,exclusion,5 6,6\n5,surplus_order,1 2,3\n6,exclusion,2,2\n7,exclusion,1 1,1\n";
        assert_eq!(
            messages(read_lots(f, 6).unwrap_err()),
            [
                "line 3, field `stage`: a second lot for stage 4 (the first is on line 2): one lot decides one stage",
                "line 4, field `chosen`: candidate 3 is not one of the tied candidates 1 2",
                "line 5, field `tied`: \"2\": a lot is drawn between two or more candidates",
                "line 6, field `tied`: candidate 1 is listed twice",
            ]
        );
        assert_eq!(
            messages(read_lots(b"", 6).unwrap_err()),
            ["line 1: the file is empty: expected a header row (stage,purpose,tied,chosen)"]
        );
        assert_eq!(
            messages(read_lots(b"stage,purpose,tied\n", 6).unwrap_err()),
            ["line 1: missing column \"chosen\""]
        );
    }

    #[test]
    fn decisions_file() {
        let text = b"paper,decision,preferences,head\n# comment\np1,valid,3 1,\r\n\"p2, box 4\",rejected,,void_for_uncertainty\n";
        assert_eq!(
            read_decisions(text, 4).unwrap(),
            [
                Decision {
                    paper: "p1".into(),
                    ruling: Ruling::Valid(vec![2, 0]),
                    line: 3
                },
                Decision {
                    paper: "p2, box 4".into(),
                    ruling: Ruling::Rejected(RejectionHead::VoidForUncertainty),
                    line: 4
                },
            ]
        );
        // A comment holding a quote or a comma, and a quoted reference
        // starting with `#`, keep every line's number.
        let text = b"paper,decision,preferences,head\n# a \"quote, and a comma\n\"#7\",valid,1,\n\n#\n\"p8\nsecond line\",valid,2,\np9,valid,3,\n";
        let lines: Vec<(String, u64)> = read_decisions(text, 4)
            .unwrap()
            .into_iter()
            .map(|d| (d.paper, d.line))
            .collect();
        assert_eq!(
            lines,
            [
                ("#7".to_owned(), 3),
                ("p8\nsecond line".to_owned(), 6),
                ("p9".to_owned(), 8)
            ]
        );
        let bad = b"paper,decision,preferences,head\np1,valid,5,\np2,maybe,,\np3,rejected,,nonsense\np4,valid\n";
        let msgs = messages(read_decisions(bad, 4).unwrap_err());
        assert_eq!(msgs.len(), 4);
        assert_eq!(msgs[0], "line 2, field `preferences`: \"5\" is not candidate numbers 1..=4 in order of preference");
        assert_eq!(
            msgs[1],
            "line 3, field `decision`: \"maybe\" is not valid or rejected"
        );
        assert!(msgs[2].starts_with("line 4, field `head`: \"nonsense\" is not a head code"));
        assert_eq!(msgs[3], "line 5: 2 fields, but the header has 4");
        assert_eq!(
            messages(read_decisions(b"", 4).unwrap_err()),
            ["line 1: the file is empty: expected a header row (paper,decision,preferences,head)"]
        );
    }
}
