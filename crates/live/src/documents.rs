//! The documents as domain values: a typed view of a contest's result
//! (ids validated, dates as `time::Date`, figures as checked counts, codes
//! as enums), converted at the edge from the wire report
//! (`countroom_count::ContestReport`, the serde types whose JSON is the
//! `--format json` output). The wire report, and so every rendered byte,
//! is unchanged: this view is read from it, never written back.

use std::fmt;

use countroom_count::{ContestReport, Report, Status};
use countroom_model::{CandidateId, ContestId, Votes};
use time::Date;

/// A contest's result sheet (provisional until declared): who stood, their
/// votes, who is elected, and the declaration once made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResultSheet {
    /// The contest.
    pub contest: ContestId,
    /// The contest's title ("Election of a District Councillor for the
    /// Abbey Ward").
    pub title: String,
    /// The electoral area.
    pub area: String,
    /// The day of the poll.
    pub poll_date: Date,
    /// Where the count stands.
    pub status: Status,
    /// The run the figures are from (none when uncontested).
    pub run: Option<u32>,
    /// Every candidate, in ballot-paper order.
    pub candidates: Vec<CandidateLine>,
    /// Those elected, in the order of the declaration.
    pub elected: Vec<Elected>,
    /// The majority (single-seat contests), once the count is complete.
    pub majority: Option<Votes>,
    /// The declaration, once made.
    pub declaration: Option<Declaration>,
}

/// One candidate's line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CandidateLine {
    /// The candidate.
    pub candidate: CandidateId,
    /// The name, as on the ballot paper.
    pub name: String,
    /// The description or party.
    pub description: Option<String>,
    /// The votes (none when uncontested).
    pub votes: Option<Votes>,
    /// Whether elected.
    pub elected: bool,
}

/// The kind of seat a candidate is elected to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SeatKind {
    /// An ordinary vacancy (the seat falling vacant at the end of the
    /// term).
    Ordinary,
    /// A casual vacancy filled at the same poll.
    Casual,
}

impl fmt::Display for SeatKind {
    /// The wording of the declaration ("casual vacancy"; an ordinary seat
    /// is not qualified on it, so "ordinary vacancy").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SeatKind::Ordinary => "ordinary vacancy",
            SeatKind::Casual => "casual vacancy",
        })
    }
}

/// A candidate elected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Elected {
    /// The candidate.
    pub candidate: CandidateId,
    /// The name.
    pub name: String,
    /// The votes (none when uncontested).
    pub votes: Option<Votes>,
    /// The seat.
    pub seat: SeatKind,
    /// The day the term ends (none for an office with no fixed term, or
    /// when an uncontested election leaves it to a lot).
    pub term_ends: Option<Date>,
    /// Elected by lot after an equality of votes.
    pub by_lot: bool,
}

/// The declaration of the result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Declaration {
    /// The run declared (0 for an uncontested election).
    pub run: u32,
    /// Who declared (the entry's `by`).
    pub by: String,
    /// When, as recorded (the log's `at` as written, typically RFC 3339:
    /// [`countroom_count::EntryTime::rfc3339`] reads it), if recorded.
    pub at: Option<countroom_count::EntryTime>,
    /// In a log with appointments: the declaring officer's name and office.
    pub officer: Option<String>,
}

/// A value of the wire report that does not read as its domain type (it
/// cannot happen for a report made by countroom from a log that
/// replays; the conversion says so rather than guess).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("contest {contest}: field `{field}`: {value:?} is not {expected}")]
#[non_exhaustive]
pub struct DocumentError {
    /// The contest's id, as in the report.
    pub contest: String,
    /// The field of the wire report.
    pub field: &'static str,
    /// The value found.
    pub value: String,
    /// What it should be.
    pub expected: &'static str,
}

fn candidate(
    contest: &str,
    field: &'static str,
    value: &str,
) -> Result<CandidateId, DocumentError> {
    CandidateId::new(value).map_err(|_| DocumentError {
        contest: contest.to_owned(),
        field,
        value: value.to_owned(),
        expected: "a candidate's id",
    })
}

impl ResultSheet {
    /// The result sheet of one contest's wire report.
    ///
    /// # Errors
    ///
    /// A [`DocumentError`] naming the field when a value of the report
    /// does not read as its domain type.
    pub fn from_report(report: &ContestReport) -> Result<ResultSheet, DocumentError> {
        let id = report.contest.id.as_str();
        let contest = ContestId::new(id).map_err(|_| DocumentError {
            contest: id.to_owned(),
            field: "contest.id",
            value: id.to_owned(),
            expected: "a contest's id",
        })?;
        let candidates = report
            .candidates
            .iter()
            .map(|c| {
                Ok(CandidateLine {
                    candidate: candidate(id, "candidates[].id", &c.id)?,
                    name: c.name.clone(),
                    description: c.description.clone(),
                    votes: c.votes.map(Votes::new),
                    elected: c.elected,
                })
            })
            .collect::<Result<Vec<_>, DocumentError>>()?;
        let elected = report
            .elected
            .iter()
            .map(|e| {
                let seat = match e.seat {
                    "ordinary" => SeatKind::Ordinary,
                    "casual" => SeatKind::Casual,
                    other => {
                        return Err(DocumentError {
                            contest: id.to_owned(),
                            field: "elected[].seat",
                            value: other.to_owned(),
                            expected: "ordinary or casual",
                        })
                    }
                };
                Ok(Elected {
                    candidate: candidate(id, "elected[].id", &e.id)?,
                    name: e.name.clone(),
                    votes: e.votes.map(Votes::new),
                    seat,
                    term_ends: e.term_ends,
                    by_lot: e.by_lot,
                })
            })
            .collect::<Result<Vec<_>, DocumentError>>()?;
        Ok(ResultSheet {
            contest,
            title: report.contest.title.clone(),
            area: report.contest.area.clone(),
            poll_date: report.contest.poll_date,
            status: report.status,
            run: report.run,
            candidates,
            elected,
            majority: report.majority.map(Votes::new),
            declaration: report.declaration.as_ref().map(|d| Declaration {
                run: d.run,
                by: d.by.clone(),
                at: d.at.clone(),
                officer: d.officer.clone(),
            }),
        })
    }

    /// The result sheet of every contest of a wire report, in its order.
    ///
    /// # Errors
    ///
    /// The first [`DocumentError`].
    pub fn all(report: &Report) -> Result<Vec<ResultSheet>, DocumentError> {
        report
            .contests
            .iter()
            .map(ResultSheet::from_report)
            .collect()
    }
}
