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
use countroom_rules::RejectionHead;
use countroom_tally::{fptp, sv_final_count, sv_first_count, BoundaryTie, FptpOutcome, SvDecision};
use serde::{Serialize, Serializer};

use crate::figures::percentage;

/// The most problems kept in a list; the rest are counted
/// ([`ResultsProblemKind::TooMany`]).
pub const MAX_PROBLEMS: usize = 1_000;

/// One candidate's published result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PublishedCandidate {
    /// The name, as published.
    pub name: String,
    /// The party (or description), as published; empty for none.
    pub party: String,
    /// Votes.
    pub votes: u64,
    /// Whether the file says the candidate was elected, if it says.
    pub elected: Option<bool>,
    /// At a supplementary-vote poll, the second preferences added to the
    /// candidate at the second count, if the file gives a figure (`votes`
    /// is then the first preferences).
    pub second: Option<u64>,
    /// The line of the results file.
    pub line: u64,
}

impl PublishedCandidate {
    /// A candidate's published result: name, party (empty for none), votes and
    /// the line of the results file; add whether elected and the second
    /// preferences with the builders.
    #[must_use]
    pub fn new(
        name: impl Into<String>,
        party: impl Into<String>,
        votes: u64,
        line: u64,
    ) -> PublishedCandidate {
        PublishedCandidate {
            name: name.into(),
            party: party.into(),
            votes,
            elected: None,
            second: None,
            line,
        }
    }

    /// Whether the file says the candidate was elected, if it says.
    #[must_use]
    pub fn elected(mut self, elected: Option<bool>) -> PublishedCandidate {
        self.elected = elected;
        self
    }

    /// At a supplementary-vote poll, the second preferences added to the
    /// candidate at the second count, if the file gives a figure (`votes`
    /// is then the first preferences).
    #[must_use]
    pub fn second(mut self, second: Option<u64>) -> PublishedCandidate {
        self.second = second;
        self
    }
}

/// How a published contest was counted, as its ruleset says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PublishedMethod {
    /// First past the post: the most votes, up to the seats.
    #[default]
    FirstPastThePost,
    /// The supplementary vote: first preferences, then the second
    /// preferences of the eliminated candidates' voters for the top two.
    SupplementaryVote,
}

/// Rejected papers published under one statutory head.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PublishedHead {
    /// The head.
    pub head: RejectionHead,
    /// Papers.
    pub papers: u64,
}

impl PublishedHead {
    /// Papers rejected under `head`.
    #[must_use]
    pub fn new(head: RejectionHead, papers: u64) -> PublishedHead {
        PublishedHead { head, papers }
    }
}

/// One contest's published figures.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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
    /// For a mayor, the kind of authority (`local_authority`, …).
    pub authority: Option<String>,
    /// The ruleset's code, where the poll date or the contests file
    /// settles it (`None`: a Member of Parliament or councillor checked
    /// without a date, counted by first past the post at every date).
    pub ruleset: Option<String>,
    /// How the votes were counted.
    pub method: PublishedMethod,
    /// The day the seats' term ends (`YYYY-MM-DD`), if the contests file
    /// gives it (needed by `--log` for an office with a fixed term).
    pub term_ends: Option<String>,
    /// The country code (`england` unless a file says otherwise).
    pub country: String,
    /// Electors, if published.
    pub electorate: Option<u64>,
    /// Valid votes (papers), if published.
    pub valid: Option<u64>,
    /// Rejected papers in all, if published.
    pub rejected: Option<u64>,
    /// Rejected papers by statutory head, if published (in the ruleset's
    /// order of heads).
    pub rejected_heads: Vec<PublishedHead>,
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

impl PublishedContest {
    /// Contest `id` named `name`, first seen at `line` of the results file, as
    /// the reader starts it: one seat, office `uk_parliament`, first past the
    /// post, country `england`, no candidates and no other figure; set the rest
    /// with the builders.
    ///
    /// ```
    /// use countroom_collate::published::{PublishedCandidate, PublishedContest};
    /// let ward = PublishedContest::new("abbey", "Abbey", 2)
    ///     .seats(2)
    ///     .office("principal_councillor")
    ///     .candidates(vec![PublishedCandidate::new("SMITH, Jane", "Green Party", 1_204, 2)]);
    /// assert_eq!(ward.country, "england");
    /// ```
    #[must_use]
    pub fn new(id: impl Into<String>, name: impl Into<String>, line: u64) -> PublishedContest {
        PublishedContest {
            id: id.into(),
            name: name.into(),
            line,
            candidates: Vec::new(),
            seats: 1,
            office: "uk_parliament".to_owned(),
            authority: None,
            ruleset: None,
            method: PublishedMethod::FirstPastThePost,
            term_ends: None,
            country: "england".to_owned(),
            electorate: None,
            valid: None,
            rejected: None,
            rejected_heads: Vec::new(),
            papers: None,
            majority: None,
            winners: Vec::new(),
            contests_line: None,
        }
    }

    /// The candidates, in the file's order.
    #[must_use]
    pub fn candidates(mut self, candidates: Vec<PublishedCandidate>) -> PublishedContest {
        self.candidates = candidates;
        self
    }

    /// Seats to fill (1 unless the contests file says otherwise).
    #[must_use]
    pub fn seats(mut self, seats: u32) -> PublishedContest {
        self.seats = seats;
        self
    }

    /// The office code (`uk_parliament` unless the contests file says
    /// otherwise).
    #[must_use]
    pub fn office(mut self, office: impl Into<String>) -> PublishedContest {
        self.office = office.into();
        self
    }

    /// For a mayor, the kind of authority (`local_authority`, …).
    #[must_use]
    pub fn authority(mut self, authority: Option<String>) -> PublishedContest {
        self.authority = authority;
        self
    }

    /// The ruleset's code, where the poll date or the contests file
    /// settles it (`None`: a Member of Parliament or councillor checked
    /// without a date, counted by first past the post at every date).
    #[must_use]
    pub fn ruleset(mut self, ruleset: Option<String>) -> PublishedContest {
        self.ruleset = ruleset;
        self
    }

    /// How the votes were counted.
    #[must_use]
    pub fn method(mut self, method: PublishedMethod) -> PublishedContest {
        self.method = method;
        self
    }

    /// The day the seats' term ends (`YYYY-MM-DD`), if the contests file
    /// gives it (needed by `--log` for an office with a fixed term).
    #[must_use]
    pub fn term_ends(mut self, term_ends: Option<String>) -> PublishedContest {
        self.term_ends = term_ends;
        self
    }

    /// The country code (`england` unless a file says otherwise).
    #[must_use]
    pub fn country(mut self, country: impl Into<String>) -> PublishedContest {
        self.country = country.into();
        self
    }

    /// Electors, if published.
    #[must_use]
    pub fn electorate(mut self, electorate: Option<u64>) -> PublishedContest {
        self.electorate = electorate;
        self
    }

    /// Valid votes (papers), if published.
    #[must_use]
    pub fn valid(mut self, valid: Option<u64>) -> PublishedContest {
        self.valid = valid;
        self
    }

    /// Rejected papers in all, if published.
    #[must_use]
    pub fn rejected(mut self, rejected: Option<u64>) -> PublishedContest {
        self.rejected = rejected;
        self
    }

    /// Rejected papers by statutory head, if published (in the ruleset's
    /// order of heads).
    #[must_use]
    pub fn rejected_heads(mut self, rejected_heads: Vec<PublishedHead>) -> PublishedContest {
        self.rejected_heads = rejected_heads;
        self
    }

    /// Ballot papers counted, if published.
    #[must_use]
    pub fn papers(mut self, papers: Option<u64>) -> PublishedContest {
        self.papers = papers;
        self
    }

    /// The published majority, if given.
    #[must_use]
    pub fn majority(mut self, majority: Option<u64>) -> PublishedContest {
        self.majority = majority;
        self
    }

    /// The names of the members returned, as the contests file gives them
    /// (empty when it does not).
    #[must_use]
    pub fn winners(mut self, winners: Vec<String>) -> PublishedContest {
        self.winners = winners;
        self
    }

    /// The line of the contests file, if the contest is in one.
    #[must_use]
    pub fn contests_line(mut self, contests_line: Option<u64>) -> PublishedContest {
        self.contests_line = contests_line;
        self
    }
}

/// A results file read, with its contests file if one was given.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PublishedResults {
    /// The results file's name, for messages.
    pub file: String,
    /// The contests file's name, if one was read.
    pub contests_file: Option<String>,
    /// The contests, in the order they first appear.
    pub contests: Vec<PublishedContest>,
}

impl PublishedResults {
    /// The contests read from results file `file`; add the contests file's name
    /// with the builder.
    #[must_use]
    pub fn new(file: impl Into<String>, contests: Vec<PublishedContest>) -> PublishedResults {
        PublishedResults {
            file: file.into(),
            contests_file: None,
            contests,
        }
    }

    /// The contests file's name, if one was read.
    #[must_use]
    pub fn contests_file(mut self, contests_file: Option<String>) -> PublishedResults {
        self.contests_file = contests_file;
        self
    }
}

/// A problem with published results: where it is, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{file}{}{}: {kind}", line.map(|l| format!(":{l}")).unwrap_or_default(), field.as_ref().map(|f| format!(": field `{f}`")).unwrap_or_default())]
#[non_exhaustive]
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
    /// A whole number too large for 64 bits.
    #[error("{value:?} is too large (at most 18,446,744,073,709,551,615)")]
    NumberTooLarge {
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
    /// An office or ruleset `results` does not check, with the reason and
    /// what to use instead.
    #[error("office {value:?}: {reason}")]
    UnsupportedOffice {
        /// The value.
        value: String,
        /// Why, and what to use instead.
        reason: String,
    },
    /// A ruleset that cannot be settled or used for the contest.
    #[error("{value:?}: {reason}")]
    BadRuleset {
        /// The value (an office, a kind of authority or a ruleset code).
        value: String,
        /// Why.
        reason: String,
    },
    /// A date that is not `YYYY-MM-DD`.
    #[error("{value:?} is not a date (YYYY-MM-DD)")]
    BadDate {
        /// The value.
        value: String,
    },
    /// A rejected-papers column for a head the contest's ruleset does not
    /// have.
    #[error("contest {contest}: {papers} papers under the head {head}, which the ruleset {ruleset} does not have (its heads: {heads})")]
    HeadNotInRuleset {
        /// The contest.
        contest: String,
        /// The head's code.
        head: &'static str,
        /// Papers published under it.
        papers: u64,
        /// The ruleset's code.
        ruleset: String,
        /// The ruleset's heads, joined.
        heads: String,
    },
    /// The rejected papers by head do not sum to the rejected total.
    #[error("contest {contest}: the rejected papers by head sum to {sum}, but {rejected} are published as rejected in all")]
    HeadsNotRejected {
        /// The contest.
        contest: String,
        /// The sum of the heads.
        sum: u64,
        /// The total published.
        rejected: u64,
    },
    /// At a poll of several seats, the votes are not within the valid
    /// papers: each valid paper has at least one vote and at most one per
    /// seat (valid ≤ votes ≤ seats × valid).
    #[error("contest {contest}: {sum} votes for {seats} seats from {valid} valid ballot papers: each valid paper gives at least one vote and at most {seats}, so the votes must be between {valid} and {}", seats_times_valid.map_or_else(|| "more than the largest count".to_owned(), |s| s.to_string()))]
    VotesNotWithinPapers {
        /// The contest.
        contest: String,
        /// The sum of the candidates' votes.
        sum: u64,
        /// The valid papers published.
        valid: u64,
        /// Seats.
        seats: u32,
        /// Seats × valid papers (`None` past `u64::MAX`).
        seats_times_valid: Option<u64>,
    },
    /// Supplementary vote: second-round figures published although a
    /// candidate has more than half the first preferences (no second count
    /// is held).
    #[error("contest {contest}: {winner} has {votes} of {total} first preferences, more than half, and is returned at the first count; the second-round figures published are not a count the rules hold ({rule})")]
    SecondRoundNotHeld {
        /// The contest.
        contest: String,
        /// The candidate with the majority.
        winner: String,
        /// Their first preferences.
        votes: u64,
        /// All first preferences.
        total: u64,
        /// The rule.
        rule: String,
    },
    /// Supplementary vote: no candidate has a majority of first
    /// preferences, but the file gives no second-round figure for a
    /// candidate who remains.
    #[error("contest {contest}: no candidate has more than half the first preferences, so {candidate} remains for the second count, but the file gives no second-round figure for them ({rule})")]
    SecondRoundMissing {
        /// The contest.
        contest: String,
        /// The candidate.
        candidate: String,
        /// The rule.
        rule: String,
    },
    /// Second-round figures for a contest its ruleset counts by first past
    /// the post, which has no second round.
    #[error("contest {contest}: second-round figures are given, but the contest is counted by first past the post, which has no second round (give the ruleset or --date of a supplementary-vote poll if it was one)")]
    SecondRoundNotSupplementaryVote {
        /// The contest.
        contest: String,
    },
    /// Supplementary vote: second preferences added to a candidate the
    /// first count eliminated.
    #[error("contest {contest}: {votes} second preferences added to {candidate}, who is not among the top two on first preferences ({remaining}) and is eliminated ({rule})")]
    SecondVotesForEliminated {
        /// The contest.
        contest: String,
        /// The candidate.
        candidate: String,
        /// The second preferences published for them.
        votes: u64,
        /// The candidates who remain, joined.
        remaining: String,
        /// The rule.
        rule: String,
    },
    /// Supplementary vote: more second preferences added than there are
    /// papers to examine (the eliminated candidates' first preferences).
    #[error("contest {contest}: {added} second preferences added, but the eliminated candidates' papers, the only ones examined at the second count, are {papers}")]
    SecondVotesExceedPapers {
        /// The contest.
        contest: String,
        /// Second preferences added in all.
        added: u64,
        /// The eliminated candidates' first preferences.
        papers: u64,
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
    /// A contest's figure (seats, electorate, rejected papers) differs
    /// between its rows of a results file that repeats it on each.
    #[error("contest {contest} has {first} on line {first_line} and {second} here")]
    ContestFigureDiffers {
        /// The contest.
        contest: String,
        /// The first figure.
        first: u64,
        /// Its line.
        first_line: u64,
        /// This figure.
        second: u64,
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
    #[error("contest {contest}: published as electing {published}, but the votes elect {by_rules} ({rule})")]
    WrongWinner {
        /// The contest.
        contest: String,
        /// The published winners, joined.
        published: String,
        /// The winners by the rules, joined (with any lot open).
        by_rules: String,
        /// The rule that elects them.
        rule: String,
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
    #[error("contest {contest}: {tied} have {votes} votes each for {places} seat(s): an equality of votes, settled by lot ({rule}); the file does not record the lot")]
    BoundaryTie {
        /// The rule that settles it.
        rule: String,
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
            ResultsProblemKind::NumberTooLarge { .. } => "number_too_large",
            ResultsProblemKind::EmptyValue => "empty_value",
            ResultsProblemKind::BadFlag { .. } => "bad_flag",
            ResultsProblemKind::BadSeats { .. } => "bad_seats",
            ResultsProblemKind::UnsupportedOffice { .. } => "unsupported_office",
            ResultsProblemKind::BadRuleset { .. } => "bad_ruleset",
            ResultsProblemKind::BadDate { .. } => "bad_date",
            ResultsProblemKind::HeadNotInRuleset { .. } => "head_not_in_ruleset",
            ResultsProblemKind::HeadsNotRejected { .. } => "heads_not_rejected",
            ResultsProblemKind::VotesNotWithinPapers { .. } => "votes_not_within_papers",
            ResultsProblemKind::SecondRoundNotHeld { .. } => "second_round_not_held",
            ResultsProblemKind::SecondRoundMissing { .. } => "second_round_missing",
            ResultsProblemKind::SecondRoundNotSupplementaryVote { .. } => {
                "second_round_not_supplementary_vote"
            }
            ResultsProblemKind::SecondVotesForEliminated { .. } => "second_votes_for_eliminated",
            ResultsProblemKind::SecondVotesExceedPapers { .. } => "second_votes_exceed_papers",
            ResultsProblemKind::BadCountry { .. } => "bad_country",
            ResultsProblemKind::CandidateTwice { .. } => "candidate_twice",
            ResultsProblemKind::ContestNameDiffers { .. } => "contest_name_differs",
            ResultsProblemKind::PartyDiffers { .. } => "party_differs",
            ResultsProblemKind::ContestFigureDiffers { .. } => "contest_figure_differs",
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
                | ResultsProblemKind::HeadsNotRejected { .. }
                | ResultsProblemKind::VotesNotWithinPapers { .. }
                | ResultsProblemKind::SecondVotesExceedPapers { .. }
                | ResultsProblemKind::SecondRoundNotSupplementaryVote { .. }
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
                | ResultsProblemKind::SecondRoundNotHeld { .. }
                | ResultsProblemKind::SecondRoundMissing { .. }
                | ResultsProblemKind::SecondVotesForEliminated { .. }
        )
    }
}

/// Collects problems up to [`MAX_PROBLEMS`], then counts the rest.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
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
#[non_exhaustive]
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
    /// Supplementary vote: the second preferences published as added at
    /// the second count (`votes` is then the first preferences).
    pub second: Option<u64>,
    /// Supplementary vote: first plus second preferences, for a candidate
    /// the rules keep for the second count.
    pub total: Option<u64>,
}

/// Rejected papers under one head, as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct HeadCount {
    /// The head's code ([`RejectionHead::code`]).
    pub head: &'static str,
    /// Papers.
    pub papers: u64,
}

/// One contest, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ContestCheck {
    /// The identifier.
    pub id: String,
    /// The name.
    pub name: String,
    /// Seats.
    pub seats: u32,
    /// How the votes were counted.
    pub method: PublishedMethod,
    /// The ruleset's code, where it is settled.
    pub ruleset: Option<String>,
    /// The candidates, most votes first (equal votes in the file's order;
    /// at a supplementary-vote poll, those in the second count first, by
    /// their totals).
    pub candidates: Vec<CandidateCheck>,
    /// Valid votes: the sum of the candidates' votes (at a single-seat
    /// poll, the valid papers).
    pub votes: u64,
    /// The valid votes published, if given.
    pub valid_published: Option<u64>,
    /// Rejected papers, if published (in all, or the sum of the heads).
    pub rejected: Option<u64>,
    /// Rejected papers by head, if published.
    pub rejected_heads: Vec<HeadCount>,
    /// Ballot papers counted, if published.
    pub papers: Option<u64>,
    /// Electors, if published.
    pub electorate: Option<u64>,
    /// The lead of the last candidate elected over the first not elected
    /// (`None` with an equality at the last seat, or no one unelected).
    pub majority: Option<u64>,
    /// Why there is no majority, where `majority` is `None`.
    pub no_majority: Option<NoMajority>,
    /// Whether the published winners are those the rules elect (`None`
    /// when the files do not say who was elected).
    pub published_winners_agree: Option<bool>,
}

/// Why a contest has no majority (the lead of the last candidate elected
/// over the first not elected).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NoMajority {
    /// No more candidates than seats: no one is left unelected, so there
    /// is no lead to state (an uncontested return has no poll at all).
    NoOneUnelected,
    /// An equality of votes at the last seat: only a lot settles it.
    EqualityOfVotes,
    /// The figures do not decide the result (a supplementary-vote contest
    /// without its second round).
    NotDecided,
}

impl NoMajority {
    /// In words, for the report: "not applicable (1 candidate for 1
    /// seat)".
    #[must_use]
    pub fn describe(self, candidates: usize, seats: u32) -> String {
        match self {
            NoMajority::NoOneUnelected => format!(
                "not applicable ({candidates} candidate{} for {seats} seat{}: no one unelected)",
                if candidates == 1 { "" } else { "s" },
                if seats == 1 { "" } else { "s" }
            ),
            NoMajority::EqualityOfVotes => "none (equality of votes)".to_owned(),
            NoMajority::NotDecided => "not known (the figures do not decide the result)".to_owned(),
        }
    }
}

/// A party's national totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
    let sv = contest.method == PublishedMethod::SupplementaryVote;
    if let Some(valid) = contest.valid {
        if contest.seats == 1 || sv {
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
        } else {
            // Several seats: each valid paper gives one vote or more, and
            // at most one per seat (the valid papers are published, not the
            // votes).
            let most = valid.checked_mul(u64::from(contest.seats));
            if sum < valid || most.is_none_or(|m| sum > m) {
                others.push(
                    at(
                        ResultsProblemKind::VotesNotWithinPapers {
                            contest: id.to_owned(),
                            sum,
                            valid,
                            seats: contest.seats,
                            seats_times_valid: most,
                        },
                        "valid",
                    )
                    .value(&valid.to_string()),
                );
            }
        }
    }
    let mut heads_sum: Option<u64> = None;
    if !contest.rejected_heads.is_empty() {
        let mut total: u64 = 0;
        let mut fits = true;
        for h in &contest.rejected_heads {
            match total.checked_add(h.papers) {
                Some(t) => total = t,
                None => fits = false,
            }
        }
        if fits {
            heads_sum = Some(total);
            if let Some(rejected) = contest.rejected {
                if rejected != total {
                    others.push(
                        at(
                            ResultsProblemKind::HeadsNotRejected {
                                contest: id.to_owned(),
                                sum: total,
                                rejected,
                            },
                            "rejected",
                        )
                        .value(&rejected.to_string()),
                    );
                }
            }
        } else {
            others.push(at(
                ResultsProblemKind::Overflow {
                    what: format!("the rejected papers by head of contest {id}"),
                },
                "rejected",
            ));
        }
    }
    if let (Some(rejected), Some(papers)) = (contest.rejected.or(heads_sum), contest.papers) {
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
    if !sv && contest.candidates.iter().any(|c| c.second.is_some()) {
        others.push(at(
            ResultsProblemKind::SecondRoundNotSupplementaryVote {
                contest: id.to_owned(),
            },
            "second",
        ));
    }
    let seats = usize::try_from(contest.seats).unwrap_or(usize::MAX);
    let rule = winner_rule(contest);
    // The outcome by the rules, and each candidate's figure that decides
    // it (first past the post: the votes; the supplementary vote: first
    // plus second preferences for those in the second count, first
    // preferences for the others). `None`: the figures cannot decide it.
    let (outcome, score, totals) = if sv {
        match sv_outcome(contest, &votes, &rule, &at, headline, others) {
            Some((o, score, totals)) => (Some(o), score, totals),
            None => (None, votes.clone(), vec![None; votes.len()]),
        }
    } else {
        (
            Some(fptp(&votes, seats)),
            votes.clone(),
            vec![None; votes.len()],
        )
    };
    let decided = outcome.is_some();
    let outcome = outcome.unwrap_or_else(|| FptpOutcome {
        ranking: first_ranking(&votes),
        elected: Vec::new(),
        boundary_tie: None,
    });
    let tie = outcome.boundary_tie.as_ref();
    let (majority, no_majority) = if tie.is_some() {
        (None, Some(NoMajority::EqualityOfVotes))
    } else if !decided {
        (None, Some(NoMajority::NotDecided))
    } else {
        match (
            outcome.elected.last(),
            outcome.ranking.get(outcome.elected.len()),
        ) {
            (Some(&last), Some(&next)) => match score[last].checked_sub(score[next]) {
                Some(m) => (Some(m), None),
                None => (None, Some(NoMajority::NotDecided)),
            },
            _ => (None, Some(NoMajority::NoOneUnelected)),
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
                    rule: lot_rule(contest),
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
    let mut open = if decided {
        tie.map_or(0, |t| t.places as u64)
    } else {
        u64::from(contest.seats)
    };
    if let Some(p) = &published {
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
        if decided {
            agree = Some(ok);
        }
        if decided && !ok {
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
                        rule: rule.clone(),
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
                second: c.second,
                total: totals.get(i).copied().flatten(),
            }
        })
        .collect();
    (
        ContestCheck {
            id: contest.id.clone(),
            name: contest.name.clone(),
            seats: contest.seats,
            method: contest.method,
            ruleset: contest.ruleset.clone(),
            candidates,
            votes: sum,
            valid_published: contest.valid,
            rejected: contest.rejected.or(heads_sum),
            rejected_heads: contest
                .rejected_heads
                .iter()
                .map(|h| HeadCount {
                    head: h.head.code(),
                    papers: h.papers,
                })
                .collect(),
            papers: contest.papers,
            electorate: contest.electorate,
            majority,
            no_majority,
            published_winners_agree: agree,
        },
        Decided {
            seated,
            undecided: open,
        },
    )
}

/// The rule that returns the candidates of `contest`, for messages.
fn winner_rule(contest: &PublishedContest) -> String {
    let instrument = contest
        .ruleset
        .as_deref()
        .and_then(countroom_rules::by_code)
        .map(|r| r.instrument);
    match (contest.method, instrument) {
        (PublishedMethod::SupplementaryVote, Some(i)) => format!(
            "the supplementary vote: more than half the first preferences, else the most first and second preferences of the top two, {i}"
        ),
        (PublishedMethod::SupplementaryVote, None) => "the supplementary vote: more than half the first preferences, else the most first and second preferences of the top two".to_owned(),
        (_, Some(i)) if contest.office != "uk_parliament" => {
            format!("first past the post: the most votes, up to the number of seats, {i}")
        }
        (_, None) if contest.office != "uk_parliament" => "first past the post: the most votes, up to the number of seats, Local Elections (Principal Areas) (England and Wales) Rules 2006 Sch 2 r.49 and the parish rules' r.49".to_owned(),
        _ => "first past the post: the most votes, RPA 1983 Sch 1 r.50".to_owned(),
    }
}

/// The rule that settles an equality of votes in `contest` by lot.
fn lot_rule(contest: &PublishedContest) -> String {
    let instrument = contest
        .ruleset
        .as_deref()
        .and_then(countroom_rules::by_code)
        .map(|r| r.instrument);
    match (contest.office.as_str(), instrument) {
        ("uk_parliament", _) => "RPA 1983 Sch 1 r.49".to_owned(),
        (_, Some(i)) => i.to_owned(),
        (_, None) => "the local elections rules' r.49".to_owned(),
    }
}

/// Candidates by first preferences (or votes), most first, equal ones in
/// the file's order.
fn first_ranking(votes: &[u64]) -> Vec<usize> {
    let mut ranking: Vec<usize> = (0..votes.len()).collect();
    ranking.sort_by(|&a, &b| votes[b].cmp(&votes[a]).then(a.cmp(&b)));
    ranking
}

/// The outcome, score and second-count totals of a supplementary-vote
/// contest, with its problems; `None` when the file's figures cannot
/// decide it (no second-round figure for a candidate who remains, or a sum
/// past `u64::MAX`).
///
/// The steps ([`countroom_tally::sv_first_count`], then
/// [`countroom_tally::sv_final_count`]): a candidate with
/// more than half the first preferences is returned and no second count is
/// held; otherwise the two with the most first preferences (and any equal
/// to the second) remain, the second preferences on the other candidates'
/// papers are added to them, and the remaining candidate with the most
/// first plus second preferences is returned, an equality by lot.
type SvResult = (FptpOutcome, Vec<u64>, Vec<Option<u64>>);

fn sv_outcome(
    contest: &PublishedContest,
    first: &[u64],
    rule: &str,
    at: &dyn Fn(ResultsProblemKind, &str) -> ResultsProblem,
    headline: &mut Problems,
    others: &mut Problems,
) -> Option<SvResult> {
    let id = contest.id.as_str();
    let n = first.len();
    let name = |i: usize| contest.candidates.get(i).map_or("", |c| c.name.as_str());
    let overflow = |others: &mut Problems| {
        others.push(at(
            ResultsProblemKind::Overflow {
                what: format!("the first and second preferences of contest {id}"),
            },
            "votes",
        ));
    };
    let Ok((total, decision)) = sv_first_count(first) else {
        overflow(others);
        return None;
    };
    let seconds: Vec<Option<u64>> = contest.candidates.iter().map(|c| c.second).collect();
    let one = |ranking: Vec<usize>, elected: Vec<usize>, tie: Option<BoundaryTie>| FptpOutcome {
        ranking,
        elected,
        boundary_tie: tie,
    };
    let remaining = match decision {
        SvDecision::Elected(w) => {
            if seconds.iter().any(|s| s.is_some_and(|v| v > 0)) {
                headline.push(at(
                    ResultsProblemKind::SecondRoundNotHeld {
                        contest: id.to_owned(),
                        winner: name(w).to_owned(),
                        votes: first.get(w).copied().unwrap_or(0),
                        total,
                        rule: rule.to_owned(),
                    },
                    "second",
                ));
            }
            let outcome = one(first_ranking(first), vec![w], None);
            return Some((outcome, first.to_vec(), vec![None; n]));
        }
        SvDecision::Equality(tied) => {
            let votes = tied
                .first()
                .and_then(|&i| first.get(i))
                .copied()
                .unwrap_or(0);
            let tie = BoundaryTie {
                tied,
                places: 1,
                votes,
            };
            let outcome = one(first_ranking(first), Vec::new(), Some(tie));
            return Some((outcome, first.to_vec(), vec![None; n]));
        }
        SvDecision::SecondCount(remaining) => remaining,
    };
    let mut missing = false;
    let mut second = vec![0u64; n];
    let mut added: u64 = 0;
    let mut to_examine: u64 = 0;
    for (i, slot) in second.iter_mut().enumerate() {
        let s = seconds.get(i).copied().flatten();
        if remaining.contains(&i) {
            match s {
                Some(v) => {
                    *slot = v;
                    added = added.checked_add(v).or_else(|| {
                        overflow(others);
                        None
                    })?;
                }
                None => {
                    missing = true;
                    headline.push(at(
                        ResultsProblemKind::SecondRoundMissing {
                            contest: id.to_owned(),
                            candidate: name(i).to_owned(),
                            rule: rule.to_owned(),
                        },
                        "second",
                    ));
                }
            }
        } else {
            to_examine = to_examine
                .checked_add(first.get(i).copied().unwrap_or(0))
                .or_else(|| {
                    overflow(others);
                    None
                })?;
            if let Some(v) = s.filter(|&v| v > 0) {
                let names: Vec<&str> = remaining.iter().map(|&r| name(r)).collect();
                headline.push(at(
                    ResultsProblemKind::SecondVotesForEliminated {
                        contest: id.to_owned(),
                        candidate: name(i).to_owned(),
                        votes: v,
                        remaining: names.join(", "),
                        rule: rule.to_owned(),
                    },
                    "second",
                ));
            }
        }
    }
    if added > to_examine {
        others.push(at(
            ResultsProblemKind::SecondVotesExceedPapers {
                contest: id.to_owned(),
                added,
                papers: to_examine,
            },
            "second",
        ));
    }
    if missing {
        return None;
    }
    let Ok((totals, decision)) = sv_final_count(first, &remaining, &second) else {
        overflow(others);
        return None;
    };
    let score: Vec<u64> = (0..n)
        .map(|i| {
            if remaining.contains(&i) {
                totals.get(i).copied().unwrap_or(0)
            } else {
                first.get(i).copied().unwrap_or(0)
            }
        })
        .collect();
    let mut ranking: Vec<usize> = remaining.clone();
    ranking.sort_by(|&a, &b| score[b].cmp(&score[a]).then(a.cmp(&b)));
    ranking.extend(
        first_ranking(first)
            .into_iter()
            .filter(|i| !remaining.contains(i)),
    );
    let (elected, tie) = match decision {
        SvDecision::Elected(w) => (vec![w], None),
        SvDecision::Equality(tied) | SvDecision::SecondCount(tied) => {
            let votes = tied.first().map_or(0, |&i| score[i]);
            (
                Vec::new(),
                Some(BoundaryTie {
                    tied,
                    places: 1,
                    votes,
                }),
            )
        }
    };
    let totals = (0..n)
        .map(|i| remaining.contains(&i).then(|| score[i]))
        .collect();
    Some((one(ranking, elected, tie), score, totals))
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
