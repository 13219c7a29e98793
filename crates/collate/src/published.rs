//! Checking published results: a results file of one row per candidate (the
//! House of Commons Library's general election files, Democracy Club's
//! results, a council's declared results), checked contest by contest and
//! summed by party.
//!
//! Each contest is checked against the law and against itself:
//!
//! - the candidates' votes sum to the published valid votes;
//! - valid votes and rejected papers sum to the ballot papers counted, where
//!   both are published;
//! - the candidates returned are those the rules return: at a first past the
//!   post poll, the candidates with the most votes, up to the number of seats
//!   (Parliamentary Elections Rules (RPA 1983 Sch 1) r.50; Local Elections
//!   (Principal Areas) (England and Wales) Rules 2006 Sch 2 r.49 and the
//!   parish rules' r.49); a published winner whom the votes do not return is
//!   the headline problem;
//! - an equality of votes at the last seat is reported: the rules settle it
//!   by lot (Parliamentary Elections Rules r.49), which the results file does
//!   not record, so the engine names the tied candidates and never picks
//!   one;
//! - the published majority, where given, is the winner's votes less the
//!   next candidate's.
//!
//! The national summary counts, for each party, its candidates, seats
//! (the published winners where the file names them, else those the votes
//! return; a seat an equality leaves open is counted for nobody), votes and
//! share of all valid votes. Shares are exact ratios rounded once, half up
//! to two places ([`crate::percentage`], the Electoral Commission's
//! convention); a change in share is the difference of the two shares as
//! shown (each rounded so), in hundredths of a point, as result tables print
//! it.
//!
//! Nothing here reads a file: `countroom-io` reads the CSVs into
//! [`PublishedResults`], and every problem, from reading or checking, is a
//! [`ResultsProblem`] with a stable [`ResultsProblemKind::code`].

use std::collections::BTreeMap;

use countroom_arith::Percentage;
use countroom_tally::fptp;
use serde::{Serialize, Serializer};

use crate::figures::percentage;

/// The most problems kept in a list; the rest are counted
/// ([`ResultsProblemKind::TooMany`]).
pub const MAX_PROBLEMS: usize = 1_000;

/// One candidate's published result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedCandidate {
    /// The name, as published.
    pub name: String,
    /// The party (or description), as published; empty for none.
    pub party: String,
    /// Votes.
    pub votes: u64,
    /// Whether the file says the candidate was elected, if it says.
    pub elected: Option<bool>,
    /// The line of the results file.
    pub line: u64,
}

/// One contest's published figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedContest {
    /// The contest's identifier (an ONS code, a ballot paper id).
    pub id: String,
    /// Its name (the constituency or ward).
    pub name: String,
    /// The line of the results file where it first appears.
    pub line: u64,
    /// The candidates, in the file's order.
    pub candidates: Vec<PublishedCandidate>,
    /// Seats to fill (1 unless the contests file says otherwise).
    pub seats: u32,
    /// The office code (`uk_parliament` unless the contests file says
    /// otherwise).
    pub office: String,
    /// The country code (`england` unless a file says otherwise).
    pub country: String,
    /// Electors, if published.
    pub electorate: Option<u64>,
    /// Valid votes (papers), if published.
    pub valid: Option<u64>,
    /// Rejected papers in all, if published.
    pub rejected: Option<u64>,
    /// Ballot papers counted, if published.
    pub papers: Option<u64>,
    /// The published majority, if given.
    pub majority: Option<u64>,
    /// The names of the members returned, as the contests file gives them
    /// (empty when it does not).
    pub winners: Vec<String>,
    /// The line of the contests file, if the contest is in one.
    pub contests_line: Option<u64>,
}

/// A results file read, with its contests file if one was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedResults {
    /// The results file's name, for messages.
    pub file: String,
    /// The contests file's name, if one was read.
    pub contests_file: Option<String>,
    /// The contests, in the order they first appear.
    pub contests: Vec<PublishedContest>,
}

/// A problem with published results: where it is, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{file}{}{}: {kind}", line.map(|l| format!(":{l}")).unwrap_or_default(), field.as_ref().map(|f| format!(": field `{f}`")).unwrap_or_default())]
pub struct ResultsProblem {
    /// The file.
    pub file: String,
    /// The 1-based line, if the problem is on one.
    pub line: Option<u64>,
    /// The column, if the problem is in one field.
    pub field: Option<String>,
    /// The value at fault, if one.
    pub value: Option<String>,
    /// The contest, if the problem is in one.
    pub contest: Option<String>,
    /// Its stable code ([`ResultsProblemKind::code`]).
    pub code: &'static str,
    /// What is wrong.
    pub kind: ResultsProblemKind,
}

impl ResultsProblem {
    /// A problem of `kind` in `file`.
    #[must_use]
    pub fn new(file: &str, kind: ResultsProblemKind) -> ResultsProblem {
        ResultsProblem {
            file: file.to_owned(),
            line: None,
            field: None,
            value: None,
            contest: None,
            code: kind.code(),
            kind,
        }
    }

    /// The same, on `line`.
    #[must_use]
    pub fn at(mut self, line: u64) -> ResultsProblem {
        self.line = Some(line);
        self
    }

    /// The same, in the column `field`.
    #[must_use]
    pub fn field(mut self, field: &str) -> ResultsProblem {
        self.field = Some(field.to_owned());
        self
    }

    /// The same, naming the value at fault.
    #[must_use]
    pub fn value(mut self, value: &str) -> ResultsProblem {
        self.value = Some(value.to_owned());
        self
    }

    /// The same, in `contest`.
    #[must_use]
    pub fn contest(mut self, contest: &str) -> ResultsProblem {
        self.contest = Some(contest.to_owned());
        self
    }
}

/// What is wrong with published results. [`ResultsProblemKind::code`] is a
/// stable snake_case code for machine-readable output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ResultsProblemKind {
    /// The file has no bytes (or only a byte-order mark).
    #[error("the file is empty: expected a header row naming at least {expected}")]
    Empty {
        /// The columns needed.
        expected: String,
    },
    /// A header and no rows.
    #[error("the file has a header row and no results")]
    HeaderOnly,
    /// Not UTF-8 text.
    #[error("not valid UTF-8 text")]
    NotUtf8,
    /// The CSV is malformed.
    #[error("malformed CSV: {message}")]
    Malformed {
        /// What the CSV reader reported.
        message: String,
    },
    /// A line longer than the limit.
    #[error("the line is longer than {limit} bytes: not a results file")]
    LineTooLong {
        /// The limit in bytes.
        limit: u64,
    },
    /// A column the layout needs is missing.
    #[error("no column for the {role} (recognised names: {names}); name it with --columns {role}=HEADER")]
    MissingColumn {
        /// The role (`contest`, `votes`, …).
        role: &'static str,
        /// The names recognised for it.
        names: String,
    },
    /// A header that is neither recognised nor mapped.
    #[error("unknown column {column:?}: map it with --columns ROLE={column} or leave it out with --columns ignore={column}")]
    UnknownColumn {
        /// The header.
        column: String,
    },
    /// Two columns for one role.
    #[error("columns {first:?} and {second:?} both give the {role}")]
    DuplicateColumn {
        /// The role.
        role: &'static str,
        /// The first column.
        first: String,
        /// The second.
        second: String,
    },
    /// A `--columns` mapping that cannot be used.
    #[error("--columns: {message}")]
    BadMapping {
        /// Why.
        message: String,
    },
    /// A row with more or fewer fields than the header.
    #[error("{found} fields, but the header has {expected}")]
    FieldCount {
        /// Fields in the header.
        expected: u64,
        /// Fields in the row.
        found: u64,
    },
    /// A count that is not a whole number.
    #[error("{value:?} is not a whole number of votes or papers (0 or more, digits only, thousands separated by commas at most)")]
    NotWholeNumber {
        /// The value.
        value: String,
    },
    /// A required value is empty.
    #[error("empty value")]
    EmptyValue,
    /// An elected flag that is not yes or no.
    #[error("{value:?} is not an elected flag: use Y/N, yes/no, true/false, 1/0 or elected/empty")]
    BadFlag {
        /// The value.
        value: String,
    },
    /// A seat count that is not 1 or more.
    #[error("{value:?} is not a number of seats (1 or more)")]
    BadSeats {
        /// The value.
        value: String,
    },
    /// An office `results` does not check.
    #[error("office {value:?}: `countroom results` checks first past the post polls (uk_parliament, principal_councillor, parish_councillor)")]
    UnsupportedOffice {
        /// The value.
        value: String,
    },
    /// A country code that is not one of the four.
    #[error("{value:?} is not a country (England, Wales, Scotland, Northern Ireland)")]
    BadCountry {
        /// The value.
        value: String,
    },
    /// A candidate listed twice in one contest.
    #[error(
        "candidate {candidate:?} is listed twice in contest {contest} (first on line {first_line})"
    )]
    CandidateTwice {
        /// The contest.
        contest: String,
        /// The candidate.
        candidate: String,
        /// The line of the first listing.
        first_line: u64,
    },
    /// A contest's rows give it two names.
    #[error("contest {contest} is named {first:?} on line {first_line} and {second:?} here")]
    ContestNameDiffers {
        /// The contest.
        contest: String,
        /// The first name.
        first: String,
        /// The line of the first.
        first_line: u64,
        /// This name.
        second: String,
    },
    /// A candidate's rows give two parties.
    #[error("candidate {candidate:?} in contest {contest} stands for {first:?} on line {first_line} and {second:?} here")]
    PartyDiffers {
        /// The contest.
        contest: String,
        /// The candidate.
        candidate: String,
        /// The first party.
        first: String,
        /// Its line.
        first_line: u64,
        /// This party.
        second: String,
    },
    /// A contest in the contests file twice.
    #[error("contest {contest} is in the contests file twice (first on line {first_line})")]
    ContestTwice {
        /// The contest.
        contest: String,
        /// The first line.
        first_line: u64,
    },
    /// A contest in the contests file with no results.
    #[error("contest {contest} is in the contests file but has no results")]
    NoResults {
        /// The contest.
        contest: String,
    },
    /// A contest with results that the contests file does not list.
    #[error("contest {contest} has results but is not in the contests file")]
    NotInContests {
        /// The contest.
        contest: String,
    },
    /// A published winner who is not a candidate.
    #[error("the member returned, {name:?}, is not a candidate in contest {contest}")]
    UnknownWinner {
        /// The contest.
        contest: String,
        /// The name.
        name: String,
    },
    /// The candidates' votes do not sum to the published valid votes.
    #[error("contest {contest}: the candidates' votes sum to {sum}, but the valid votes published are {valid}")]
    VotesNotValid {
        /// The contest.
        contest: String,
        /// The sum of the candidates' votes.
        sum: u64,
        /// The valid votes published.
        valid: u64,
    },
    /// Valid votes and rejected papers do not sum to the papers counted.
    #[error("contest {contest}: {valid} valid + {rejected} rejected = {}, but {papers} ballot papers are published as counted", sum.map_or_else(|| "more than the largest count".to_owned(), |s| s.to_string()))]
    PapersNotValidPlusRejected {
        /// The contest.
        contest: String,
        /// Valid votes.
        valid: u64,
        /// Rejected papers.
        rejected: u64,
        /// Their sum (`None` past `u64::MAX`).
        sum: Option<u64>,
        /// Papers counted as published.
        papers: u64,
    },
    /// The published majority is not the winner's lead.
    #[error(
        "contest {contest}: the majority published is {published}, but the votes give {computed}"
    )]
    MajorityDiffers {
        /// The contest.
        contest: String,
        /// As published.
        published: u64,
        /// From the votes.
        computed: u64,
    },
    /// The published winners are not those the rules elect: the headline
    /// problem.
    #[error("contest {contest}: published as electing {published}, but the votes elect {by_rules} (first past the post: the most votes, RPA 1983 Sch 1 r.50)")]
    WrongWinner {
        /// The contest.
        contest: String,
        /// The published winners, joined.
        published: String,
        /// The winners by the rules, joined (with any lot open).
        by_rules: String,
    },
    /// The file names a different number of winners from the seats.
    #[error("contest {contest}: {published} candidates published as elected for {seats} seat(s)")]
    WinnersNotSeats {
        /// The contest.
        contest: String,
        /// Winners published.
        published: u64,
        /// Seats.
        seats: u32,
    },
    /// An equality of votes at the last seat: a lot decides (never the
    /// engine).
    #[error("contest {contest}: {tied} have {votes} votes each for {places} seat(s): an equality of votes, settled by lot (RPA 1983 Sch 1 r.49); the file does not record the lot")]
    BoundaryTie {
        /// The contest.
        contest: String,
        /// The tied candidates, joined.
        tied: String,
        /// Their votes each.
        votes: u64,
        /// Seats among them.
        places: u64,
    },
    /// A sum past `u64::MAX`.
    #[error("{what} passes {max}", max = u64::MAX)]
    Overflow {
        /// What was being summed.
        what: String,
    },
    /// More problems than are listed.
    #[error("{more} more problems not listed")]
    TooMany {
        /// How many more.
        more: u64,
    },
}

impl ResultsProblemKind {
    /// A stable snake_case code, for machine-readable output.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            ResultsProblemKind::Empty { .. } => "empty_file",
            ResultsProblemKind::HeaderOnly => "header_only",
            ResultsProblemKind::NotUtf8 => "not_utf8",
            ResultsProblemKind::Malformed { .. } => "malformed_csv",
            ResultsProblemKind::LineTooLong { .. } => "line_too_long",
            ResultsProblemKind::MissingColumn { .. } => "missing_column",
            ResultsProblemKind::UnknownColumn { .. } => "unknown_column",
            ResultsProblemKind::DuplicateColumn { .. } => "duplicate_column",
            ResultsProblemKind::BadMapping { .. } => "bad_column_mapping",
            ResultsProblemKind::FieldCount { .. } => "field_count",
            ResultsProblemKind::NotWholeNumber { .. } => "not_whole_number",
            ResultsProblemKind::EmptyValue => "empty_value",
            ResultsProblemKind::BadFlag { .. } => "bad_flag",
            ResultsProblemKind::BadSeats { .. } => "bad_seats",
            ResultsProblemKind::UnsupportedOffice { .. } => "unsupported_office",
            ResultsProblemKind::BadCountry { .. } => "bad_country",
            ResultsProblemKind::CandidateTwice { .. } => "candidate_twice",
            ResultsProblemKind::ContestNameDiffers { .. } => "contest_name_differs",
            ResultsProblemKind::PartyDiffers { .. } => "party_differs",
            ResultsProblemKind::ContestTwice { .. } => "contest_twice",
            ResultsProblemKind::NoResults { .. } => "no_results",
            ResultsProblemKind::NotInContests { .. } => "not_in_contests",
            ResultsProblemKind::UnknownWinner { .. } => "unknown_winner",
            ResultsProblemKind::VotesNotValid { .. } => "votes_not_valid",
            ResultsProblemKind::PapersNotValidPlusRejected { .. } => {
                "papers_not_valid_plus_rejected"
            }
            ResultsProblemKind::MajorityDiffers { .. } => "majority_differs",
            ResultsProblemKind::WrongWinner { .. } => "wrong_winner",
            ResultsProblemKind::WinnersNotSeats { .. } => "winners_not_seats",
            ResultsProblemKind::BoundaryTie { .. } => "boundary_tie",
            ResultsProblemKind::Overflow { .. } => "overflow",
            ResultsProblemKind::TooMany { .. } => "too_many_problems",
        }
    }

    /// Whether the problem is a finding about published figures that do
    /// not agree with one another: listed on the report with `--published`,
    /// and otherwise a reason to refuse the file (its figures cannot all be
    /// true). Findings about the result itself (a wrong winner, an
    /// equality) are always on the report; problems reading the file are
    /// always refusals.
    #[must_use]
    pub const fn is_inconsistency(&self) -> bool {
        matches!(
            self,
            ResultsProblemKind::VotesNotValid { .. }
                | ResultsProblemKind::PapersNotValidPlusRejected { .. }
                | ResultsProblemKind::MajorityDiffers { .. }
        )
    }

    /// Whether the problem is a finding about the result (shown on the
    /// report, never a refusal).
    #[must_use]
    pub const fn is_finding(&self) -> bool {
        matches!(
            self,
            ResultsProblemKind::WrongWinner { .. }
                | ResultsProblemKind::WinnersNotSeats { .. }
                | ResultsProblemKind::BoundaryTie { .. }
        )
    }
}

/// Collects problems up to [`MAX_PROBLEMS`], then counts the rest.
#[derive(Debug, Clone, Default)]
pub struct Problems {
    list: Vec<ResultsProblem>,
    more: u64,
}

impl Problems {
    /// Adds a problem (counted only, past the limit).
    pub fn push(&mut self, problem: ResultsProblem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(problem);
        } else {
            // Bounded by the input's length.
            self.more += 1;
        }
    }

    /// Whether none was found.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The list, with a final [`ResultsProblemKind::TooMany`] naming `file`
    /// when some were only counted.
    #[must_use]
    pub fn finish(mut self, file: &str) -> Vec<ResultsProblem> {
        if self.more > 0 {
            self.list.push(ResultsProblem::new(
                file,
                ResultsProblemKind::TooMany { more: self.more },
            ));
        }
        self.list
    }
}

fn share<S: Serializer>(value: &Option<Percentage>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(p) => s.serialize_str(&p.to_string()),
        None => s.serialize_none(),
    }
}

/// One candidate, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateCheck {
    /// The name.
    pub name: String,
    /// The party.
    pub party: String,
    /// Votes.
    pub votes: u64,
    /// Share of the contest's valid votes, half up to two places.
    #[serde(serialize_with = "share")]
    pub share: Option<Percentage>,
    /// Elected by the votes under the rules.
    pub elected_by_rules: bool,
    /// In an equality at the last seat that a lot settles.
    pub tied: bool,
    /// Elected as published, if the files say.
    pub elected_as_published: Option<bool>,
}

/// One contest, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContestCheck {
    /// The identifier.
    pub id: String,
    /// The name.
    pub name: String,
    /// Seats.
    pub seats: u32,
    /// The candidates, most votes first (equal votes in the file's order).
    pub candidates: Vec<CandidateCheck>,
    /// Valid votes: the sum of the candidates' votes (at a single-seat
    /// poll, the valid papers).
    pub votes: u64,
    /// The valid votes published, if given.
    pub valid_published: Option<u64>,
    /// Rejected papers, if published.
    pub rejected: Option<u64>,
    /// Ballot papers counted, if published.
    pub papers: Option<u64>,
    /// Electors, if published.
    pub electorate: Option<u64>,
    /// The lead of the last candidate elected over the first not elected
    /// (`None` with an equality at the last seat, or no one unelected).
    pub majority: Option<u64>,
    /// Whether the published winners are those the rules elect (`None`
    /// when the files do not say who was elected).
    pub published_winners_agree: Option<bool>,
}

/// A party's national totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyLine {
    /// The party, as the results name it.
    pub party: String,
    /// Candidates it stood.
    pub candidates: u64,
    /// Seats won.
    pub seats: u64,
    /// Votes.
    pub votes: u64,
    /// Share of all valid votes, half up to two places.
    #[serde(serialize_with = "share")]
    pub share: Option<Percentage>,
    /// Seats at the previous election (with `--previous`).
    pub previous_seats: Option<u64>,
    /// Share at the previous election.
    #[serde(serialize_with = "share")]
    pub previous_share: Option<Percentage>,
    /// Seats won less seats before (with `--previous`).
    pub seat_change: Option<i64>,
    /// Share less share before, in hundredths of a percentage point, as
    /// shown (each share rounded half up to two places first).
    pub share_change_hundredths: Option<i64>,
}

/// The whole check: contests, problems and the summary by party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultsReport {
    /// The results file.
    pub file: String,
    /// Each contest, in the file's order.
    pub contests: Vec<ContestCheck>,
    /// Every problem found, the headline ones (a wrong winner) first.
    pub problems: Vec<ResultsProblem>,
    /// Each party, most seats first, then most votes, then name.
    pub parties: Vec<PartyLine>,
    /// Seats in all.
    pub seats: u64,
    /// Seats an equality of votes leaves to a lot the file does not record.
    pub seats_undecided: u64,
    /// Valid votes in all.
    pub votes: u64,
    /// Valid votes in all at the previous election (with `--previous`).
    pub previous_votes: Option<u64>,
}

/// Party totals of an earlier election, from its results.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PreviousTotals {
    /// Seats and votes by party.
    pub parties: BTreeMap<String, (u64, u64)>,
    /// Valid votes in all.
    pub votes: u64,
}

struct Decided {
    /// Index of each elected candidate (published where the files say,
    /// else by the rules).
    seated: Vec<usize>,
    undecided: u64,
}

/// Checks every contest of `results`; `previous`, if given, is an earlier
/// election's party totals (from [`previous_totals`]).
#[must_use]
pub fn check_results(
    results: &PublishedResults,
    previous: Option<&PreviousTotals>,
) -> ResultsReport {
    let file = results.file.as_str();
    let contests_file = results.contests_file.as_deref().unwrap_or(file);
    let mut headline = Problems::default();
    let mut others = Problems::default();
    let mut contests = Vec::with_capacity(results.contests.len());
    let mut parties: BTreeMap<&str, (u64, u64, u64)> = BTreeMap::new();
    let mut total_votes: u64 = 0;
    let mut total_seats: u64 = 0;
    let mut undecided: u64 = 0;
    for contest in &results.contests {
        let (check, decided) =
            check_contest(contest, file, contests_file, &mut headline, &mut others);
        for &i in &decided.seated {
            if let Some(c) = contest.candidates.get(i) {
                parties.entry(c.party.as_str()).or_default().1 += 1;
            }
        }
        for c in &contest.candidates {
            let entry = parties.entry(c.party.as_str()).or_default();
            // Bounded by the number of rows.
            entry.0 += 1;
            match entry.2.checked_add(c.votes) {
                Some(v) => entry.2 = v,
                None => others.push(
                    ResultsProblem::new(
                        file,
                        ResultsProblemKind::Overflow {
                            what: format!("the votes of party {:?}", c.party),
                        },
                    )
                    .at(c.line),
                ),
            }
        }
        match total_votes.checked_add(check.votes) {
            Some(v) => total_votes = v,
            None => others.push(ResultsProblem::new(
                file,
                ResultsProblemKind::Overflow {
                    what: "the valid votes of all contests".into(),
                },
            )),
        }
        // Bounded by the number of rows.
        total_seats += u64::from(contest.seats);
        undecided += decided.undecided;
        contests.push(check);
    }
    let mut lines: Vec<PartyLine> = parties
        .into_iter()
        .map(|(party, (candidates, seats, votes))| {
            let share = percentage(votes, total_votes);
            let before = previous.map(|p| {
                let (s, v) = p.parties.get(party).copied().unwrap_or_default();
                (s, percentage(v, p.votes))
            });
            let previous_seats = before.map(|b| b.0);
            let previous_share = before.and_then(|b| b.1);
            PartyLine {
                party: party.to_owned(),
                candidates,
                seats,
                votes,
                share,
                previous_seats,
                previous_share,
                seat_change: previous_seats.and_then(|b| signed_difference(seats, b)),
                share_change_hundredths: match (share, previous_share) {
                    (Some(now), Some(then)) => {
                        signed_difference(now.basis_points(), then.basis_points())
                    }
                    _ => None,
                },
            }
        })
        .collect();
    // Parties that stood before but not now keep their line (change only).
    if let Some(p) = previous {
        for (party, &(seats, votes)) in &p.parties {
            if lines.iter().all(|l| &l.party != party) {
                let previous_share = percentage(votes, p.votes);
                lines.push(PartyLine {
                    party: party.clone(),
                    candidates: 0,
                    seats: 0,
                    votes: 0,
                    share: percentage(0, total_votes),
                    previous_seats: Some(seats),
                    previous_share,
                    seat_change: signed_difference(0, seats),
                    share_change_hundredths: match (percentage(0, total_votes), previous_share) {
                        (Some(now), Some(then)) => {
                            signed_difference(now.basis_points(), then.basis_points())
                        }
                        _ => None,
                    },
                });
            }
        }
    }
    lines.sort_by(|a, b| {
        b.seats
            .cmp(&a.seats)
            .then(b.votes.cmp(&a.votes))
            .then(a.party.cmp(&b.party))
    });
    let mut problems = headline.finish(file);
    problems.extend(others.finish(file));
    ResultsReport {
        file: file.to_owned(),
        contests,
        problems,
        parties: lines,
        seats: total_seats,
        seats_undecided: undecided,
        votes: total_votes,
        previous_votes: previous.map(|p| p.votes),
    }
}

/// `a − b` as a signed figure; `None` if it does not fit in an `i64`.
fn signed_difference(a: u64, b: u64) -> Option<i64> {
    i64::try_from(i128::from(a) - i128::from(b)).ok()
}

fn joined(contest: &PublishedContest, indices: &[usize]) -> String {
    let names: Vec<&str> = indices
        .iter()
        .filter_map(|&i| contest.candidates.get(i).map(|c| c.name.as_str()))
        .collect();
    if names.is_empty() {
        "no one".into()
    } else {
        names.join(", ")
    }
}

fn check_contest(
    contest: &PublishedContest,
    file: &str,
    contests_file: &str,
    headline: &mut Problems,
    others: &mut Problems,
) -> (ContestCheck, Decided) {
    let id = contest.id.as_str();
    let (where_file, where_line) = match contest.contests_line {
        Some(line) => (contests_file, line),
        None => (file, contest.line),
    };
    let at = |kind: ResultsProblemKind, field: &str| {
        ResultsProblem::new(where_file, kind)
            .at(where_line)
            .field(field)
            .contest(id)
    };
    let votes: Vec<u64> = contest.candidates.iter().map(|c| c.votes).collect();
    let mut sum: Option<u64> = Some(0);
    for &v in &votes {
        sum = sum.and_then(|s| s.checked_add(v));
    }
    let sum = match sum {
        Some(s) => s,
        None => {
            others.push(at(
                ResultsProblemKind::Overflow {
                    what: format!("the votes of contest {id}"),
                },
                "votes",
            ));
            0
        }
    };
    if let Some(valid) = contest.valid {
        if valid != sum {
            others.push(
                at(
                    ResultsProblemKind::VotesNotValid {
                        contest: id.to_owned(),
                        sum,
                        valid,
                    },
                    "valid",
                )
                .value(&valid.to_string()),
            );
        }
    }
    if let (Some(rejected), Some(papers)) = (contest.rejected, contest.papers) {
        let valid = contest.valid.unwrap_or(sum);
        let total = valid.checked_add(rejected);
        if total != Some(papers) {
            others.push(
                at(
                    ResultsProblemKind::PapersNotValidPlusRejected {
                        contest: id.to_owned(),
                        valid,
                        rejected,
                        sum: total,
                        papers,
                    },
                    "papers",
                )
                .value(&papers.to_string()),
            );
        }
    }
    let seats = usize::try_from(contest.seats).unwrap_or(usize::MAX);
    let outcome = fptp(&votes, seats);
    let tie = outcome.boundary_tie.as_ref();
    let majority = if tie.is_some() {
        None
    } else {
        match (
            outcome.elected.last(),
            outcome.ranking.get(outcome.elected.len()),
        ) {
            (Some(&last), Some(&next)) => votes[last].checked_sub(votes[next]),
            _ => None,
        }
    };
    if let (Some(published), Some(computed)) = (contest.majority, majority) {
        if published != computed {
            others.push(
                at(
                    ResultsProblemKind::MajorityDiffers {
                        contest: id.to_owned(),
                        published,
                        computed,
                    },
                    "majority",
                )
                .value(&published.to_string()),
            );
        }
    }
    if let Some(t) = tie {
        headline.push(
            ResultsProblem::new(
                file,
                ResultsProblemKind::BoundaryTie {
                    contest: id.to_owned(),
                    tied: joined(contest, &t.tied),
                    votes: t.votes,
                    places: t.places as u64,
                },
            )
            .at(contest.line)
            .field("votes")
            .contest(id),
        );
    }
    // The published winners: the elected flags, else the contests file's
    // names.
    let mut published: Option<Vec<usize>> = None;
    if contest.candidates.iter().any(|c| c.elected.is_some()) {
        published = Some(
            contest
                .candidates
                .iter()
                .enumerate()
                .filter(|(_, c)| c.elected == Some(true))
                .map(|(i, _)| i)
                .collect(),
        );
    } else if !contest.winners.is_empty() {
        let mut found = Vec::new();
        for name in &contest.winners {
            match contest
                .candidates
                .iter()
                .position(|c| same_name(&c.name, name))
            {
                Some(i) => found.push(i),
                None => others.push(
                    at(
                        ResultsProblemKind::UnknownWinner {
                            contest: id.to_owned(),
                            name: name.clone(),
                        },
                        "winner",
                    )
                    .value(name),
                ),
            }
        }
        found.sort_unstable();
        published = Some(found);
    }
    let mut agree = None;
    let mut seated = outcome.elected.clone();
    let mut open = tie.map_or(0, |t| t.places as u64);
    if let Some(p) = &published {
        let mut by_rules = outcome.elected.clone();
        by_rules.sort_unstable();
        let ok = match tie {
            None => *p == by_rules,
            Some(t) => {
                let above_ok = by_rules.iter().all(|i| p.contains(i));
                let rest: Vec<usize> = p
                    .iter()
                    .copied()
                    .filter(|i| !by_rules.contains(i))
                    .collect();
                above_ok && rest.len() == t.places && rest.iter().all(|i| t.tied.contains(i))
            }
        };
        agree = Some(ok);
        if p.len() != seats {
            headline.push(at(
                ResultsProblemKind::WinnersNotSeats {
                    contest: id.to_owned(),
                    published: p.len() as u64,
                    seats: contest.seats,
                },
                "elected",
            ));
        }
        if !ok {
            let mut rules_text = joined(contest, &by_rules);
            if let Some(t) = tie {
                rules_text = format!(
                    "{rules_text} and {} of {} by lot",
                    t.places,
                    joined(contest, &t.tied)
                );
            }
            headline.push(
                ResultsProblem::new(
                    file,
                    ResultsProblemKind::WrongWinner {
                        contest: id.to_owned(),
                        published: joined(contest, p),
                        by_rules: rules_text,
                    },
                )
                .at(contest.line)
                .field("elected")
                .contest(id),
            );
        }
        // The published result stands for the seats: it is what was
        // declared.
        seated = p.clone();
        open = 0;
    }
    let candidates = outcome
        .ranking
        .iter()
        .map(|&i| {
            let c = &contest.candidates[i];
            CandidateCheck {
                name: c.name.clone(),
                party: c.party.clone(),
                votes: c.votes,
                share: percentage(c.votes, sum),
                elected_by_rules: outcome.elected.contains(&i),
                tied: tie.is_some_and(|t| t.tied.contains(&i)),
                elected_as_published: published.as_ref().map(|p| p.contains(&i)),
            }
        })
        .collect();
    (
        ContestCheck {
            id: contest.id.clone(),
            name: contest.name.clone(),
            seats: contest.seats,
            candidates,
            votes: sum,
            valid_published: contest.valid,
            rejected: contest.rejected,
            papers: contest.papers,
            electorate: contest.electorate,
            majority,
            published_winners_agree: agree,
        },
        Decided {
            seated,
            undecided: open,
        },
    )
}

/// Whether two renderings of a name are the same person's: equal ignoring
/// case and runs of white space.
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    norm(a) == norm(b)
}

/// An earlier election's party totals from its results: seats as the
/// results name the winners (else by the rules), votes as published.
#[must_use]
pub fn previous_totals(results: &PublishedResults) -> PreviousTotals {
    let report = check_results(results, None);
    PreviousTotals {
        parties: report
            .parties
            .iter()
            .map(|p| (p.party.clone(), (p.seats, p.votes)))
            .collect(),
        votes: report.votes,
    }
}
