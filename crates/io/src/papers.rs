//! Ballot papers, one CSV row each (from an e-count export or a replay).
//!
//! Columns, in this order: `paper` (an opaque reference, never the ballot
//! paper number), `official_mark` (`Y` or `N`), `identifying_mark` (`Y` or
//! `N`), then one column per candidate on the ballot paper, headed by the
//! candidate's id, in any order. Every candidate on the ballot paper must
//! have a column. See `docs/formats.md`.
//!
//! A candidate's cell is empty (no mark) or one or more marks joined by
//! `+`. A mark is `[COLUMN:]KIND[@PLACE]`:
//!
//! - KIND: `X` (a cross), `tick`, a figure (`1`, `2`, …: a preference on
//!   a preferential paper), or `other` (any other mark: a word, a circle, a
//!   line);
//! - PLACE: `box` (the default), `outside` (outside the box, against the
//!   candidate's name), `straddle` (across the line to the next candidate,
//!   so which of the two it is for is uncertain);
//! - COLUMN: `1:` (the default) or `2:`, the second-choice column of a
//!   supplementary-vote paper.
//!
//! Rows whose cells are all `X` or empty (almost all of them) are read into
//! the compact 8-byte [`Paper`] and counted by table lookup; any other row
//! is kept with its marks and adjudicated in full.

use countroom_adjudicate::{Adjudicator, BallotPaper, Column, Mark, MarkKind, Placement};
use countroom_model::Contest;
use countroom_tally::{Paper, MAX_CANDIDATES};

use crate::problem::{
    each_byte_record, read_byte_header, CandidateColumns, CsvProblem, CsvProblemKind, LineCounter,
    Problems,
};

/// The columns before the candidates'.
pub const FIXED_COLUMNS: [&str; 3] = ["paper", "official_mark", "identifying_mark"];

pub use countroom_count::papers::{batch_event, CountedBatch, MarkedPaper, PaperBatch};

/// Reads a ballot-paper file for `contest` and adjudicates and counts it
/// under the contest's ruleset ([`read`], then [`count`]).
pub fn read_and_count(bytes: &[u8], contest: &Contest) -> Result<CountedBatch, Vec<CsvProblem>> {
    let batch = read(bytes, contest)?;
    let rules = countroom_rules::ruleset(contest.ruleset());
    let adjudicator =
        Adjudicator::new(rules, contest.n_standing(), contest.seats()).map_err(|e| {
            vec![CsvProblem {
                line: 1,
                field: None,
                kind: CsvProblemKind::Malformed {
                    message: e.to_string(),
                },
            }]
        })?;
    count(&batch, &adjudicator)
}

/// Adjudicates and counts a batch: the compact papers by table lookup, the
/// others in full. Doubtful papers are set aside, not counted
/// ([`countroom_count::papers::count_batch`], which a batch held in memory
/// goes through too); a problem is reported on the paper's line.
pub fn count(
    batch: &PaperBatch,
    adjudicator: &Adjudicator,
) -> Result<CountedBatch, Vec<CsvProblem>> {
    countroom_count::papers::count_batch(batch, adjudicator).map_err(|e| {
        vec![CsvProblem {
            line: e.line.unwrap_or(1),
            field: None,
            kind: CsvProblemKind::Malformed { message: e.message },
        }]
    })
}

fn expected_header(contest: &Contest) -> String {
    FIXED_COLUMNS
        .iter()
        .copied()
        .chain(contest.standing().map(|(_, c)| c.id.as_str()))
        .collect::<Vec<_>>()
        .join(",")
}

/// Maps the header to candidate indices, or reports what is wrong with it.
fn header_map(header: &csv::ByteRecord, contest: &Contest, problems: &mut Problems) -> Vec<usize> {
    let (line, fields) = fixed_columns(header, problems);
    let mut columns = CandidateColumns::new(contest, line);
    let map = fields
        .iter()
        .skip(FIXED_COLUMNS.len())
        .map(|name| columns.column(name, problems).unwrap_or(usize::MAX))
        .collect();
    columns.finish(problems);
    map
}

/// The header's line and fields, the fixed columns checked.
fn fixed_columns(header: &csv::ByteRecord, problems: &mut Problems) -> (u64, Vec<String>) {
    let line = header.position().map_or(1, csv::Position::line);
    let fields: Vec<String> = header
        .iter()
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    for (i, name) in FIXED_COLUMNS.iter().enumerate() {
        if fields.get(i).map(String::as_str) != Some(name) {
            problems.push(
                line,
                None,
                CsvProblemKind::MissingColumn {
                    column: format!("{name} (as column {})", i + 1),
                },
            );
        }
    }
    (line, fields)
}

/// Maps a list area's header to option indices (the list contest's parties,
/// then its individual candidates), or reports what is wrong with it: a
/// column naming no option, an option named twice, an option with none.
fn list_header_map(
    header: &csv::ByteRecord,
    contest: &str,
    options: &[&str],
    problems: &mut Problems,
) -> Vec<usize> {
    let (line, fields) = fixed_columns(header, problems);
    let mut seen = vec![false; options.len()];
    let map = fields
        .iter()
        .skip(FIXED_COLUMNS.len())
        .map(|name| {
            let kind = match options.iter().position(|o| o == name) {
                Some(i) => match seen.get_mut(i) {
                    Some(s) if !*s => {
                        *s = true;
                        return i;
                    }
                    _ => CsvProblemKind::DuplicateColumn {
                        column: name.clone(),
                    },
                },
                None => CsvProblemKind::UnknownCandidate {
                    candidate: name.clone(),
                    contest: contest.to_owned(),
                    expected: options.join(", "),
                },
            };
            problems.push(line, Some(name), kind);
            usize::MAX
        })
        .collect();
    for (o, _) in options.iter().zip(&seen).filter(|(_, s)| !**s) {
        problems.push(
            line,
            None,
            CsvProblemKind::MissingColumn {
                column: (*o).to_owned(),
            },
        );
    }
    map
}

/// Reads a list area's ballot-paper file for the list contest `list`: the
/// columns `paper`, `official_mark`, `identifying_mark`, then one per
/// party or individual candidate of the list ballot, headed by its id, in
/// any order (the marks as for any ballot-paper file); adjudicated under
/// the list ruleset's heads and counted
/// ([`countroom_count::papers::count_list_batch`]). Every problem is
/// listed with its line and field; a list ruleset whose heads were not
/// read is refused on line 1 (`list_heads_not_read`).
pub fn read_and_count_list(
    bytes: &[u8],
    list: &countroom_count::ListContestCount,
) -> Result<CountedBatch, Vec<CsvProblem>> {
    let options: Vec<&str> = list.options().iter().map(|o| o.id.as_str()).collect();
    let one = |message: String| {
        vec![CsvProblem {
            line: 1,
            field: None,
            kind: CsvProblemKind::Malformed { message },
        }]
    };
    let adjudicator = countroom_adjudicate::ListAdjudicator::new(list.rules(), options.len())
        .map_err(|e| one(e.to_string()))?;
    if options.len() > MAX_CANDIDATES {
        return Err(one(format!(
            "{} parties and individual candidates: ballot papers can be read individually for at most {MAX_CANDIDATES}",
            options.len()
        )));
    }
    let batch = read_with(
        bytes,
        || {
            FIXED_COLUMNS
                .iter()
                .copied()
                .chain(options.iter().copied())
                .collect::<Vec<_>>()
                .join(",")
        },
        |header, problems| list_header_map(header, list.id(), &options, problems),
    )?;
    countroom_count::papers::count_list_batch(&batch, &adjudicator).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| CsvProblem {
                line: e.line.unwrap_or(1),
                field: None,
                kind: CsvProblemKind::Malformed { message: e.message },
            })
            .collect()
    })
}

/// Reads ballot papers for `contest` from CSV bytes, or lists every problem
/// (up to 1,000, then a count of the rest).
pub fn read(bytes: &[u8], contest: &Contest) -> Result<PaperBatch, Vec<CsvProblem>> {
    let mut problems = Problems::default();
    if contest.n_standing() > MAX_CANDIDATES {
        problems.push(
            1,
            None,
            CsvProblemKind::Malformed {
                message: format!(
                    "{} candidates: ballot papers can be read individually for at most {MAX_CANDIDATES}",
                    contest.n_standing()
                ),
            },
        );
        return Err(problems.into_vec(1));
    }
    read_with(
        bytes,
        || expected_header(contest),
        |header, problems| header_map(header, contest, problems),
    )
}

/// Reads ballot papers from CSV bytes whose header `map_header` maps to
/// candidate (or option) indices, `expected` the header to suggest when
/// there is none.
fn read_with(
    bytes: &[u8],
    expected: impl FnOnce() -> String,
    map_header: impl FnOnce(&csv::ByteRecord, &mut Problems) -> Vec<usize>,
) -> Result<PaperBatch, Vec<CsvProblem>> {
    let mut problems = Problems::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut lines = LineCounter::new(bytes);
    let mut record = csv::ByteRecord::new();
    if !read_byte_header(
        &mut reader,
        &mut record,
        &mut lines,
        &mut problems,
        expected,
    ) {
        return Err(problems.into_vec(1));
    }
    let header = record.clone();
    let map = map_header(&header, &mut problems);
    if !problems.is_empty() {
        return Err(problems.into_vec(1));
    }
    // The rows after the header: a plain file is read directly; anything
    // else (or any problem) is read again, row by row, by the CSV reader.
    let body = usize::try_from(reader.position().byte())
        .ok()
        .and_then(|start| bytes.get(start..));
    if let Some(papers) = body.and_then(|body| read_plain(body, &map)) {
        return Ok(PaperBatch {
            papers,
            marked: Vec::new(),
        });
    }
    let names: Vec<String> = header
        .iter()
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    let mut papers = Vec::with_capacity(bytes.len() / (8 + 2 * map.len()).max(1));
    let mut marked = Vec::new();
    let last_line = each_byte_record(
        &mut reader,
        &mut lines,
        &mut problems,
        |line, record, problems| match parse_row(record, &map) {
            Ok(Row::Crosses(paper)) => papers.push(paper),
            Ok(Row::Marked(paper)) => marked.push(MarkedPaper {
                reference: String::from_utf8_lossy(record.get(0).unwrap_or_default()).into_owned(),
                line,
                paper,
            }),
            Err((column, kind)) => {
                problems.push(line, names.get(column).map(String::as_str), kind);
            }
        },
    );
    if problems.is_empty() {
        Ok(PaperBatch { papers, marked })
    } else {
        Err(problems.into_vec(last_line))
    }
}

/// A preferential ballot-paper file read with no contest definition: the
/// candidates are the header's candidate columns in ballot-paper order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct PreferencePapers {
    /// The candidates, as the header names them, in column order.
    pub candidates: Vec<String>,
    /// Every row, in file order, kept with its reference and line (rows of
    /// crosses too: at a preferential poll a cross is not a figure, and the
    /// paper may be set aside by reference).
    pub papers: Vec<MarkedPaper>,
}

/// Reads a ballot-paper file whose candidate columns are the candidates, in
/// ballot-paper order (a single transferable vote poll counted from papers
/// with no count log): the header `paper,official_mark,identifying_mark`
/// and then one column per candidate (non-empty, each named once; at most
/// [`countroom_adjudicate::MAX_MARKED_CANDIDATES`]). Each row is kept with
/// its marks; a paper reference used twice is a problem (a doubtful paper
/// is decided by reference), and so is a mark in the second-choice column
/// (`2:`), which a preferential paper does not have. Every problem is listed with line and field
/// (up to 1,000, then a count of the rest).
pub fn read_preferential(bytes: &[u8]) -> Result<PreferencePapers, Vec<CsvProblem>> {
    let mut problems = Problems::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut lines = LineCounter::new(bytes);
    let mut record = csv::ByteRecord::new();
    if !read_byte_header(&mut reader, &mut record, &mut lines, &mut problems, || {
        "paper,official_mark,identifying_mark,<a column per candidate>".to_owned()
    }) {
        return Err(problems.into_vec(1));
    }
    let line = record.position().map_or(1, csv::Position::line);
    let mut names: Vec<String> = Vec::new();
    for (i, f) in record.iter().enumerate() {
        match std::str::from_utf8(f) {
            Ok(name) => names.push(name.to_owned()),
            Err(_) => {
                problems.push(line, None, CsvProblemKind::NotUtf8);
                names.push(format!("column {}", i + 1));
            }
        }
    }
    for (i, name) in FIXED_COLUMNS.iter().enumerate() {
        if names.get(i).map(String::as_str) != Some(name) {
            problems.push(
                line,
                None,
                CsvProblemKind::MissingColumn {
                    column: format!("{name} (as column {})", i + 1),
                },
            );
        }
    }
    let candidates: Vec<String> = names.iter().skip(FIXED_COLUMNS.len()).cloned().collect();
    if candidates.is_empty() {
        problems.push(
            line,
            None,
            CsvProblemKind::MissingColumn {
                column: "a column per candidate".to_owned(),
            },
        );
    }
    if candidates.len() > countroom_adjudicate::MAX_MARKED_CANDIDATES {
        problems.push(
            line,
            None,
            CsvProblemKind::Malformed {
                message: format!(
                    "{} candidates: ballot papers can be adjudicated for at most {}",
                    candidates.len(),
                    countroom_adjudicate::MAX_MARKED_CANDIDATES
                ),
            },
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for name in &candidates {
        if name.trim().is_empty() {
            problems.push(line, None, CsvProblemKind::EmptyValue);
        } else if FIXED_COLUMNS.contains(&name.as_str()) || !seen.insert(name.as_str()) {
            problems.push(
                line,
                Some(name),
                CsvProblemKind::DuplicateColumn {
                    column: name.clone(),
                },
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_vec(1));
    }
    let mut papers = Vec::new();
    // Keyed by the reference as it is kept (bytes that are not UTF-8 are
    // replaced), so two references that read the same are caught here.
    let mut references: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    let last_line = each_byte_record(
        &mut reader,
        &mut lines,
        &mut problems,
        |line, record, problems| match preference_row(record, candidates.len()) {
            Ok(paper) => {
                let reference =
                    String::from_utf8_lossy(record.get(0).unwrap_or_default()).into_owned();
                if let Some(first) = references.get(&reference) {
                    problems.push(
                        line,
                        Some("paper"),
                        CsvProblemKind::Value {
                            message: format!(
                                "paper reference {reference:?} is already used on line {first}"
                            ),
                        },
                    );
                    return;
                }
                references.insert(reference.clone(), line);
                papers.push(MarkedPaper {
                    reference,
                    line,
                    paper,
                });
            }
            Err((column, kind)) => {
                problems.push(line, names.get(column).map(String::as_str), kind);
            }
        },
    );
    if problems.is_empty() {
        Ok(PreferencePapers { candidates, papers })
    } else {
        Err(problems.into_vec(last_line))
    }
}

/// One row of a preferential file, every cell parsed as marks.
fn preference_row(
    record: &csv::ByteRecord,
    candidates: usize,
) -> Result<BallotPaper, (usize, CsvProblemKind)> {
    let field = |i: usize| record.get(i).unwrap_or_default();
    if field(0).is_empty() {
        return Err((0, CsvProblemKind::EmptyValue));
    }
    let official_mark = flag(field(1)).map_err(|kind| (1, kind))?;
    let identifying_mark = flag(field(2)).map_err(|kind| (2, kind))?;
    let mut marks = Vec::new();
    for idx in 0..candidates {
        let column = idx + FIXED_COLUMNS.len();
        match field(column) {
            b"" => {}
            cell => parse_cell(cell, idx, &mut marks).map_err(|kind| (column, kind))?,
        }
        if marks.iter().any(|m| m.column == Column::Second) {
            return Err((
                column,
                CsvProblemKind::Value {
                    message: "a preferential ballot paper has no second-choice column (2:)"
                        .to_owned(),
                },
            ));
        }
    }
    Ok(BallotPaper {
        official_mark,
        identifying_mark,
        marks,
    })
}

/// Reads the rows after the header when every row is plain and valid, or
/// returns `None` for the CSV reader to read them and report any problems.
///
/// A row is plain when it is the values separated by commas, with no quotes
/// and ending in `\n`, `\r\n`, or a `\r` or nothing at the end of the file;
/// empty lines are skipped, as the CSV reader skips them. Only the paper reference can hold other
/// bytes, so a quote or carriage return in it (or any value that is not a
/// valid flag or mark, or a row of the wrong width) means `None`. When this
/// returns papers, they are exactly the papers the CSV reader would read.
fn read_plain(body: &[u8], map: &[usize]) -> Option<Vec<Paper>> {
    let mut papers = Vec::with_capacity(body.len() / (8 + 2 * map.len()).max(1));
    let mut rest = body;
    loop {
        rest = match rest {
            [] => return Some(papers),
            [b'\n', tail @ ..] | [b'\r', b'\n', tail @ ..] => tail,
            [b'\r'] => &[],
            _ => {
                let (paper, tail) = plain_row(rest, map)?;
                papers.push(paper);
                tail
            }
        };
    }
}

/// The plain row at the start of `row` and the bytes after it (its line
/// ending included), if the row is valid.
fn plain_row<'a>(row: &'a [u8], map: &[usize]) -> Option<(Paper, &'a [u8])> {
    /// Whether a one-byte value ends before `rest`.
    fn ends(rest: &[u8]) -> bool {
        matches!(rest.first(), None | Some(b',' | b'\n' | b'\r'))
    }
    let end = row
        .iter()
        .position(|&b| matches!(b, b',' | b'\n' | b'\r' | b'"'))?;
    let (reference, mut rest) = row.split_at(end);
    if reference.is_empty() {
        return None;
    }
    let mut flags = [false; 2];
    for flag in &mut flags {
        match rest {
            [b',', value, tail @ ..] if ends(tail) => {
                *flag = match value {
                    b'Y' | b'y' => true,
                    b'N' | b'n' => false,
                    _ => return None,
                };
                rest = tail;
            }
            _ => return None,
        }
    }
    let [official_mark, identifying_mark] = flags;
    let mut bits = 0u64;
    for &idx in map {
        match rest {
            [b',', b'X' | b'x', tail @ ..] if ends(tail) => {
                bits |= 1u64 << (idx & 63);
                rest = tail;
            }
            [b',', tail @ ..] if ends(tail) => rest = tail,
            _ => return None,
        }
    }
    let rest = match rest {
        [] | [b'\r'] => &[],
        [b'\n', tail @ ..] | [b'\r', b'\n', tail @ ..] => tail,
        _ => return None,
    };
    let paper = Paper::from_bits(bits)
        .with_no_official_mark(!official_mark)
        .with_identifying_mark(identifying_mark);
    Some((paper, rest))
}

/// A row: crosses only, or marks to adjudicate in full.
enum Row {
    Crosses(Paper),
    Marked(BallotPaper),
}

fn parse_row(record: &csv::ByteRecord, map: &[usize]) -> Result<Row, (usize, CsvProblemKind)> {
    let field = |i: usize| record.get(i).unwrap_or_default();
    if field(0).is_empty() {
        return Err((0, CsvProblemKind::EmptyValue));
    }
    let no_official_mark = !flag(field(1)).map_err(|kind| (1, kind))?;
    let identifying_mark = flag(field(2)).map_err(|kind| (2, kind))?;
    let mut bits = 0u64;
    let mut marks = Vec::new();
    let mut plain = true;
    for (offset, &idx) in map.iter().enumerate() {
        let column = offset + FIXED_COLUMNS.len();
        match field(column) {
            b"" => {}
            b"X" | b"x" => {
                bits |= 1u64 << (idx & 63);
                marks.push(Mark::cross(idx));
            }
            other => {
                plain = false;
                parse_cell(other, idx, &mut marks).map_err(|kind| (column, kind))?;
            }
        }
    }
    if plain {
        return Ok(Row::Crosses(
            Paper::from_bits(bits)
                .with_no_official_mark(no_official_mark)
                .with_identifying_mark(identifying_mark),
        ));
    }
    Ok(Row::Marked(BallotPaper {
        official_mark: !no_official_mark,
        identifying_mark,
        marks,
    }))
}

/// Parses one candidate's cell: marks joined by `+`.
fn parse_cell(value: &[u8], candidate: usize, out: &mut Vec<Mark>) -> Result<(), CsvProblemKind> {
    let text = std::str::from_utf8(value).map_err(|_| CsvProblemKind::NotUtf8)?;
    for token in text.split('+') {
        out.push(parse_mark(token.trim(), candidate)?);
    }
    Ok(())
}

/// Parses one mark in the ballot-paper CSV's notation, `[COLUMN:]KIND[@PLACE]`
/// (`X`, `tick`, `other` or a figure; `box`, `outside` or `straddle`;
/// column `1` or `2`: docs/formats.md), against `candidate` (0-based, in
/// ballot-paper order). The bindings take a paper's marks in this notation.
///
/// ```
/// use countroom_adjudicate::{Mark, Placement};
/// let mark = countroom_io::papers::parse_mark("2@outside", 0).unwrap();
/// assert_eq!(mark, Mark::figure(0, 2).at(Placement::Outside));
/// ```
///
/// # Errors
///
/// [`CsvProblemKind::BadMark`] or [`CsvProblemKind::BadFigure`] naming the
/// token.
pub fn parse_mark(token: &str, candidate: usize) -> Result<Mark, CsvProblemKind> {
    let bad = || CsvProblemKind::BadMark {
        value: token.to_owned(),
    };
    let (column, rest) = match token.split_once(':') {
        Some(("1", rest)) => (Column::First, rest),
        Some(("2", rest)) => (Column::Second, rest),
        Some(_) => return Err(bad()),
        None => (Column::First, token),
    };
    let (kind, place) = match rest.split_once('@') {
        Some((kind, place)) => (kind, Some(place)),
        None => (rest, None),
    };
    let placement = match place {
        None => Placement::InBox,
        Some(p) if p.eq_ignore_ascii_case("box") => Placement::InBox,
        Some(p) if p.eq_ignore_ascii_case("outside") => Placement::Outside,
        Some(p) if p.eq_ignore_ascii_case("straddle") => Placement::Straddling,
        Some(_) => return Err(bad()),
    };
    let kind = if kind.eq_ignore_ascii_case("x") {
        MarkKind::Cross
    } else if kind.eq_ignore_ascii_case("tick") {
        MarkKind::Tick
    } else if kind.eq_ignore_ascii_case("other") {
        MarkKind::Other
    } else if !kind.is_empty() && kind.bytes().all(|b| b.is_ascii_digit()) {
        MarkKind::Figure(kind.parse().map_err(|_| CsvProblemKind::BadFigure {
            value: kind.to_owned(),
        })?)
    } else if kind.bytes().any(|b| b.is_ascii_digit()) {
        return Err(CsvProblemKind::BadFigure {
            value: kind.to_owned(),
        });
    } else {
        return Err(bad());
    };
    let mark = Mark::cross(candidate).kind(kind).at(placement);
    Ok(match column {
        Column::First => mark,
        Column::Second => mark.second(),
    })
}

fn flag(value: &[u8]) -> Result<bool, CsvProblemKind> {
    match value {
        b"Y" | b"y" => Ok(true),
        b"N" | b"n" => Ok(false),
        other => Err(CsvProblemKind::BadFlag {
            value: String::from_utf8_lossy(other).into_owned(),
        }),
    }
}

/// Writes `papers` for `contest` as CSV: the header with the candidates in
/// ballot-paper order, then one row per paper, numbered from 1.
#[must_use]
pub fn write(contest: &Contest, papers: &[Paper]) -> Vec<u8> {
    let mut out = expected_header(contest).into_bytes();
    out.push(b'\n');
    let n = contest.n_standing();
    for (i, paper) in papers.iter().enumerate() {
        out.extend_from_slice((i + 1).to_string().as_bytes());
        out.extend_from_slice(if paper.no_official_mark() {
            b",N"
        } else {
            b",Y"
        });
        out.extend_from_slice(if paper.identifying_mark() {
            b",Y"
        } else {
            b",N"
        });
        for idx in 0..n {
            out.push(b',');
            if paper.marks() >> idx & 1 == 1 {
                out.push(b'X');
            }
        }
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use countroom_log as log;
    use countroom_model::{
        Candidate, CandidateId, ContestId, ContestSpec, Country, ElectionId, Electorate, Office,
        RulesetId, Vacancy, VacancyKind,
    };
    use time::macros::date;

    /// A ward with candidates A, B, W (withdrawn) and C.
    pub(crate) fn contest(seats: usize) -> Contest {
        let cand = |id: &str, withdrawn| {
            Candidate::new(CandidateId::new(id).unwrap(), id.to_owned()).withdrawn(withdrawn)
        };
        Contest::new(ContestSpec {
            id: ContestId::new("ward").unwrap(),
            election: ElectionId::new("e").unwrap(),
            title: "t".into(),
            area: "a".into(),
            office: Office::PrincipalCouncillor,
            country: Country::England,
            poll_date: date!(2026 - 05 - 07),
            ruleset: RulesetId::EnglandPrincipal2006,
            voting_system: None,
            electorate: Electorate::new(100),
            vacancies: vec![
                Vacancy::new(VacancyKind::Ordinary, Some(date!(2030 - 05 - 06)));
                seats
            ],
            candidates: vec![
                cand("A", false),
                cand("B", false),
                cand("W", true),
                cand("C", false),
            ],
        })
        .unwrap()
    }

    fn problems(text: &str) -> Vec<String> {
        read(text.as_bytes(), &contest(2))
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn reads_marks_and_flags_with_columns_in_any_order() {
        let text = "paper,official_mark,identifying_mark,C,A,B\n1,Y,N,X,x,\n2,N,Y,,,\n";
        let batch = read(text.as_bytes(), &contest(2)).unwrap();
        assert_eq!(
            batch.papers,
            vec![
                Paper::marked(&[2, 0]).unwrap(),
                Paper::marked(&[])
                    .unwrap()
                    .with_no_official_mark(true)
                    .with_identifying_mark(true),
            ]
        );
    }

    #[test]
    fn round_trips() {
        let c = contest(2);
        let papers = vec![
            Paper::marked(&[0, 2]).unwrap(),
            Paper::marked(&[1]).unwrap().with_identifying_mark(true),
        ];
        let bytes = write(&c, &papers);
        assert_eq!(
            String::from_utf8(bytes.clone()).unwrap(),
            "paper,official_mark,identifying_mark,A,B,C\n1,Y,N,X,,X\n2,Y,Y,,X,\n"
        );
        assert_eq!(read(&bytes, &c).unwrap().papers, papers);
    }

    #[test]
    fn header_problems_name_the_column() {
        assert_eq!(
            problems("paper,official_mark,identifying_mark,A,B,Z\n"),
            vec![
                "line 1, field `Z`: unknown candidate \"Z\" in contest ward (candidates on the ballot paper: A, B, C)",
                "line 1: missing column \"C\"",
            ]
        );
        assert_eq!(
            problems("paper,official_mark,identifying_mark,A,B,C,W\n"),
            vec!["line 1, field `W`: candidate \"W\" withdrew and is not on the ballot paper"]
        );
        assert_eq!(
            problems("paper,identifying_mark,A,B,C\n")[0],
            "line 1: missing column \"official_mark (as column 2)\""
        );
    }

    #[test]
    fn row_problems_name_line_and_field() {
        let text = "paper,official_mark,identifying_mark,A,B,C\n1,Y,N,X,,\n2,Y,N,Q,,\n3,Y,N,X\n4,maybe,N,,,X\n5,Y,N,1a,,\n";
        assert_eq!(
            problems(text),
            vec![
                "line 3, field `A`: \"Q\" is not a mark: use X for a cross, tick, a figure (1, 2, …) or other, optionally followed by @outside or @straddle and preceded by 2: for the second-choice column; join several marks with +; leave empty for none",
                "line 4: 4 fields, but the header has 6",
                "line 5, field `official_mark`: \"maybe\" is not Y or N",
                "line 6, field `A`: figure \"1a\" is not a number: write preferences as whole numbers (1, 2, 3, …)",
            ]
        );
    }

    /// Plain rows (CRLF, blank lines, no final newline) are read directly;
    /// a quoted value sends the rows to the CSV reader; either way the
    /// papers are the same.
    #[test]
    fn plain_and_quoted_rows_read_alike() {
        let c = contest(2);
        let expected = vec![
            Paper::marked(&[0, 2]).unwrap(),
            Paper::marked(&[1])
                .unwrap()
                .with_no_official_mark(true)
                .with_identifying_mark(true),
        ];
        for text in [
            "paper,official_mark,identifying_mark,A,B,C\n1,Y,N,X,,X\n2,N,Y,,X,\n",
            "paper,official_mark,identifying_mark,A,B,C\r\n1,y,n,x,,X\r\n\r\n2,n,y,,x,",
            "paper,official_mark,identifying_mark,A,B,C\n\"1\",Y,N,X,,X\n2,N,Y,,X,\n",
            "paper,official_mark,identifying_mark,A,B,C\n1,Y,N,X,,X\n2,N,Y,,\"X\",\n",
        ] {
            assert_eq!(
                read(text.as_bytes(), &c).unwrap().papers,
                expected,
                "{text:?}"
            );
        }
        // A quoted newline is part of the reference, not the end of the row.
        let text = "paper,official_mark,identifying_mark,A,B,C\n\"1\n2\",Y,N,X,,X\n";
        assert_eq!(read(text.as_bytes(), &c).unwrap().papers, expected[..1]);
    }

    /// rust-csv reports lines one early after CRLF and blank lines; the
    /// reader counts them itself.
    #[test]
    fn lines_are_right_with_crlf_and_blank_lines() {
        let text = "paper,official_mark,identifying_mark,A,B,C\r\n1,Y,N,X,,\r\n\r\n2,Y,N,Q,,\r\n3,Y,N,X\r\n";
        assert_eq!(
            problems(text),
            vec![
                "line 4, field `A`: \"Q\" is not a mark: use X for a cross, tick, a figure (1, 2, …) or other, optionally followed by @outside or @straddle and preceded by 2: for the second-choice column; join several marks with +; leave empty for none",
                "line 5: 4 fields, but the header has 6",
            ]
        );
    }

    /// The mark grammar: ticks, figures, other marks, placements, the
    /// second-choice column, several marks in one cell; rows of crosses
    /// stay compact.
    #[test]
    fn reads_marks_other_than_crosses() {
        let text = "paper,official_mark,identifying_mark,A,B,C\n\
                    p1,Y,N,X,,X\n\
                    p2,Y,N,tick@outside,,\n\
                    p3,Y,N,X+X,2:X,\n\
                    p4,Y,N,1,3@straddle,OTHER\n";
        let batch = read(text.as_bytes(), &contest(2)).unwrap();
        assert_eq!(batch.papers, vec![Paper::marked(&[0, 2]).unwrap()]);
        let refs: Vec<(&str, u64)> = batch
            .marked
            .iter()
            .map(|m| (m.reference.as_str(), m.line))
            .collect();
        assert_eq!(refs, [("p2", 3), ("p3", 4), ("p4", 5)]);
        assert_eq!(
            batch.marked[0].paper.marks,
            [Mark::cross(0).kind(MarkKind::Tick).at(Placement::Outside)]
        );
        assert_eq!(
            batch.marked[1].paper.marks,
            [Mark::cross(0), Mark::cross(0), Mark::cross(1).second()]
        );
        assert_eq!(
            batch.marked[2].paper.marks,
            [
                Mark::figure(0, 1),
                Mark::figure(1, 3).at(Placement::Straddling),
                Mark::cross(2).kind(MarkKind::Other),
            ]
        );
    }

    /// Counting a batch adjudicates each row under the contest's rules and
    /// sets doubtful papers aside by reference (two-seat English ward).
    #[test]
    fn count_adjudicates_and_sets_aside() {
        let c = contest(2);
        let text = "paper,official_mark,identifying_mark,A,B,C\n\
                    p1,Y,N,X,,X\n\
                    p2,Y,N,tick,,\n\
                    p3,Y,N,X,X@straddle,\n\
                    p4,Y,N,other,,\n\
                    p5,Y,N,X,X,X\n";
        let batch = read(text.as_bytes(), &c).unwrap();
        let adj = Adjudicator::new(countroom_rules::ruleset(c.ruleset()), 3, 2).unwrap();
        let counted = count(&batch, &adj).unwrap();
        assert_eq!(counted.tally.votes(), &[3, 0, 1]);
        assert_eq!(counted.tally.valid_papers(), 3);
        assert_eq!(counted.tally.rejected_in_part(), 1);
        assert_eq!(
            counted
                .tally
                .rejected(countroom_rules::RejectionHead::TooManyVotes),
            1
        );
        // p2's tick: valid under the saving clause, reason (b), a tick.
        assert_eq!(counted.saved, [0, 1, 0, 0]);
        let event = batch_event(&c, 1, "b".into(), None, &counted);
        assert_eq!(event.saved, [log::SavedPapers::new("tick", 1)]);
        assert_eq!(
            counted.set_aside,
            [log::SetAsidePaper::new("p4").reason(Some("other_mark".into()))]
        );
        // A second-choice mark at a first-past-the-post poll: named by line.
        let bad = read(
            "paper,official_mark,identifying_mark,A,B,C\nq1,Y,N,2:X,,\n".as_bytes(),
            &c,
        )
        .unwrap();
        let errs = count(&bad, &adj).unwrap_err();
        assert_eq!(errs[0].line, 2);
        assert!(
            errs[0].to_string().contains("second-choice column"),
            "{}",
            errs[0]
        );
    }

    /// A preferential file: the header's columns are the candidates; every
    /// row is kept by reference, crosses included; problems name line and
    /// field.
    /// Found by fuzzing: two references whose bytes differ but which read
    /// the same once bytes that are not UTF-8 are replaced are one
    /// reference used twice (a decision by reference could not tell them
    /// apart).
    #[test]
    fn preferential_references_that_read_the_same_are_duplicates() {
        let csv = b"paper,official_mark,identifying_mark,Ann,Bob\np\xd3,Y,N,1,2\np\x87,Y,N,2,1\n";
        let problems = read_preferential(csv).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 3);
        assert_eq!(problems[0].field.as_deref(), Some("paper"));
    }

    #[test]
    fn reads_preferential_papers() {
        let text = "paper,official_mark,identifying_mark,Ann,Bob,Cat\np1,Y,N,1,2,\np2,Y,N,X,,\np3,N,Y,,1+2@outside,3@straddle\n";
        let read = read_preferential(text.as_bytes()).unwrap();
        assert_eq!(read.candidates, ["Ann", "Bob", "Cat"]);
        let refs: Vec<(&str, u64)> = read
            .papers
            .iter()
            .map(|m| (m.reference.as_str(), m.line))
            .collect();
        assert_eq!(refs, [("p1", 2), ("p2", 3), ("p3", 4)]);
        assert_eq!(
            read.papers[0].paper.marks,
            [Mark::figure(0, 1), Mark::figure(1, 2)]
        );
        assert_eq!(read.papers[1].paper.marks, [Mark::cross(0)]);
        assert!(!read.papers[2].paper.official_mark && read.papers[2].paper.identifying_mark);
        assert_eq!(
            read.papers[2].paper.marks,
            [
                Mark::figure(1, 1),
                Mark::figure(1, 2).at(Placement::Outside),
                Mark::figure(2, 3).at(Placement::Straddling)
            ]
        );
        let msgs = |t: &str| -> Vec<String> {
            read_preferential(t.as_bytes())
                .unwrap_err()
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(
            msgs("paper,official_mark,identifying_mark,Ann,Ann\n"),
            ["line 1, field `Ann`: column \"Ann\" appears twice"]
        );
        assert_eq!(
            msgs("paper,official_mark,identifying_mark\n"),
            ["line 1: missing column \"a column per candidate\""]
        );
        assert_eq!(
            msgs("paper,official_mark,identifying_mark,Ann,Bob\np1,Y,N,1,\np1,Y,N,,1\np2,Y,N,one,\n"),
            [
                "line 3, field `paper`: paper reference \"p1\" is already used on line 2",
                "line 4, field `Ann`: \"one\" is not a mark: use X for a cross, tick, a figure (1, 2, …) or other, optionally followed by @outside or @straddle and preceded by 2: for the second-choice column; join several marks with +; leave empty for none",
            ]
        );
        assert!(msgs("")[0].starts_with("line 1: the file is empty"));
        assert_eq!(
            msgs("paper,official_mark,identifying_mark,Ann,Bob\np1,Y,N,1,2:2\n"),
            ["line 2, field `Bob`: a preferential ballot paper has no second-choice column (2:)"]
        );
    }

    #[test]
    fn empty_and_non_utf8() {
        assert!(problems("")[0].starts_with("line 1: the file is empty: expected a header row (paper,official_mark,identifying_mark,A,B,C)"));
        let mut bytes = b"paper,official_mark,identifying_mark,A,B,C\n1,Y,N,".to_vec();
        bytes.extend_from_slice(b"\xff,,\n");
        let errs = read(&bytes, &contest(2)).unwrap_err();
        assert_eq!(errs[0].line, 2);
        assert_eq!(errs[0].field.as_deref(), Some("A"));
    }
}
