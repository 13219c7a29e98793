//! Typed errors. Candidate numbers in messages are 1-based (as in the ballot
//! file); ballot indices are 0-based positions in the election's list.

use thiserror::Error;

/// A problem with an election's definition or ballots.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ElectionProblem {
    /// No candidates.
    #[error("the election has no candidates")]
    NoCandidates,
    /// More candidates than a preference can name.
    #[error(
        "{candidates} candidates is more than the {} supported",
        crate::ballots::MAX_CANDIDATES
    )]
    TooManyCandidates {
        /// How many.
        candidates: usize,
    },
    /// Zero seats.
    #[error("the election has no seats to fill")]
    NoSeats,
    /// Seats not fewer than the candidates standing.
    #[error(
        "seats {seats} is not fewer than the {standing} candidates standing (no poll is needed)"
    )]
    SeatsNotFewerThanCandidates {
        /// Seats.
        seats: usize,
        /// Candidates not withdrawn.
        standing: usize,
    },
    /// A withdrawn candidate number out of range.
    #[error("withdrawn candidate {candidate} is out of range 1..={candidates}")]
    WithdrawnOutOfRange {
        /// The number given (1-based).
        candidate: usize,
        /// Candidates in the election.
        candidates: usize,
    },
    /// A ballot of weight zero.
    #[error("ballot {ballot}: weight 0")]
    ZeroWeight {
        /// The ballot's index.
        ballot: usize,
    },
    /// A ballot with no preference.
    #[error("ballot {ballot}: no preference")]
    NoPreference {
        /// The ballot's index.
        ballot: usize,
    },
    /// A preference for a candidate that does not exist.
    #[error(
        "ballot {ballot}: preference for candidate {candidate}, out of range 1..={candidates}"
    )]
    PreferenceOutOfRange {
        /// The ballot's index.
        ballot: usize,
        /// The number given (1-based).
        candidate: usize,
        /// Candidates in the election.
        candidates: usize,
    },
    /// The same candidate twice on one paper.
    #[error("ballot {ballot}: candidate {candidate} appears twice")]
    RepeatedPreference {
        /// The ballot's index.
        ballot: usize,
        /// The candidate (1-based).
        candidate: usize,
    },
    /// The papers add up past `u64::MAX` (never clamped): the ballot whose
    /// weight would take the sum past it, and both figures.
    #[error(
        "ballot {ballot}: {papers} papers + weight {weight} is past 18446744073709551615, the largest total of papers a count can hold"
    )]
    TooManyPapers {
        /// The ballot's index.
        ballot: usize,
        /// The papers summed before this ballot (all ballots, or the
        /// ballots of the same preference sequence when merging).
        papers: u64,
        /// The ballot's weight.
        weight: u64,
    },
}

/// What is wrong with one line of a BLT file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum BltProblem {
    /// The file ends before the part named.
    #[error("file ends early: expected {expected}")]
    Truncated {
        /// What was expected.
        expected: &'static str,
    },
    /// A field that should be a number is not.
    #[error("{field}: {value:?} is not a number")]
    NotANumber {
        /// The field.
        field: &'static str,
        /// The text found (lossy).
        value: String,
    },
    /// The header is not `<candidates> <seats>`.
    #[error("the first line must be `<candidates> <seats>`, found {found:?}")]
    BadHeader {
        /// The text found (lossy).
        found: String,
    },
    /// A ballot line does not end with `0`.
    #[error("ballot line does not end with the 0 terminator")]
    MissingTerminator,
    /// A ballot weight of zero or less.
    #[error("ballot weight {weight} must be at least 1")]
    BadWeight {
        /// The weight as written.
        weight: String,
    },
    /// A preference number out of range.
    #[error("preference {candidate} is out of range 1..={candidates}")]
    PreferenceOutOfRange {
        /// The number as written.
        candidate: String,
        /// Candidates in the election.
        candidates: usize,
    },
    /// The same candidate twice on one paper.
    #[error("candidate {candidate} appears twice on one paper")]
    RepeatedPreference {
        /// The candidate (1-based).
        candidate: usize,
    },
    /// A ballot line with no preference.
    #[error("ballot line has no preference")]
    NoPreference,
    /// A withdrawn number out of range.
    #[error("withdrawn candidate {candidate} is out of range 1..={candidates}")]
    WithdrawnOutOfRange {
        /// The number as written.
        candidate: String,
        /// Candidates in the election.
        candidates: usize,
    },
    /// Seats and candidates do not make a contest.
    #[error("{0}")]
    Election(ElectionProblem),
    /// A candidate name line that cannot be read.
    #[error("bad candidate line: {reason}")]
    BadName {
        /// Why.
        reason: &'static str,
    },
    /// The file is larger than the reader's limit.
    #[error("file is {size} bytes, more than the limit of {limit}")]
    TooLarge {
        /// The file size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The file gave more bytes than the reader's limit while it was read
    /// (its size was not known before, or it grew while being read); the
    /// reader stops at the limit.
    #[error("file is more than the limit of {limit} bytes (read up to the limit and stopped)")]
    LargerThanLimit {
        /// The limit.
        limit: usize,
    },
    /// A line longer than the reader's limit: refused once that many bytes
    /// of it are read, without reading the rest.
    #[error("line is longer than the limit of {limit} bytes")]
    LineTooLong {
        /// The limit.
        limit: usize,
    },
    /// The file could not be read to its end (an I/O error while reading).
    #[error("the file could not be read: {error}")]
    Unreadable {
        /// The operating system's message.
        error: String,
    },
    /// Too many ballot lines or preferences for the reader's limit.
    #[error("more than {limit} {what}")]
    LimitExceeded {
        /// What was counted.
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// The weights add up past `u64::MAX` (never clamped): the line is the
    /// [`BltError`]'s, the figures are named.
    #[error(
        "{papers} papers + weight {weight} is past 18446744073709551615, the largest total of papers a count can hold"
    )]
    TooManyPapers {
        /// The papers summed before this line (every line before it, or
        /// the lines of the same preference sequence when merging).
        papers: u64,
        /// The line's weight.
        weight: u64,
    },
    /// Text after the title line.
    #[error("unexpected text after the title line")]
    TrailingText,
}

impl BltProblem {
    /// Every stable code [`BltProblem::code`] gives, in declaration order: the
    /// table "Stable codes" of docs/formats.md lists them.
    pub const CODES: &'static [&'static str] = &[
        "truncated",
        "not_a_number",
        "bad_header",
        "missing_terminator",
        "bad_weight",
        "preference_out_of_range",
        "repeated_preference",
        "no_preference",
        "withdrawn_out_of_range",
        "election",
        "bad_name",
        "too_large",
        "larger_than_limit",
        "line_too_long",
        "unreadable",
        "limit_exceeded",
        "too_many_papers",
        "trailing_text",
    ];

    /// The stable snake_case code of this kind of problem, for
    /// machine-readable output (`countroom_io::Problem::code`): written out
    /// here, never derived from the variant's name, so renaming a variant
    /// does not change it; listed in docs/formats.md, "Stable codes".
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            BltProblem::Truncated { .. } => "truncated",
            BltProblem::NotANumber { .. } => "not_a_number",
            BltProblem::BadHeader { .. } => "bad_header",
            BltProblem::MissingTerminator => "missing_terminator",
            BltProblem::BadWeight { .. } => "bad_weight",
            BltProblem::PreferenceOutOfRange { .. } => "preference_out_of_range",
            BltProblem::RepeatedPreference { .. } => "repeated_preference",
            BltProblem::NoPreference => "no_preference",
            BltProblem::WithdrawnOutOfRange { .. } => "withdrawn_out_of_range",
            BltProblem::Election(..) => "election",
            BltProblem::BadName { .. } => "bad_name",
            BltProblem::TooLarge { .. } => "too_large",
            BltProblem::LargerThanLimit { .. } => "larger_than_limit",
            BltProblem::LineTooLong { .. } => "line_too_long",
            BltProblem::Unreadable { .. } => "unreadable",
            BltProblem::LimitExceeded { .. } => "limit_exceeded",
            BltProblem::TooManyPapers { .. } => "too_many_papers",
            BltProblem::TrailingText => "trailing_text",
        }
    }
}

/// One problem in a BLT file, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}: {problem}")]
#[non_exhaustive]
pub struct BltError {
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub problem: BltProblem,
}

/// Every problem found in a BLT file (at least one).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{} problem(s) in the ballot file; first: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
pub struct BltErrors(pub Vec<BltError>);

/// Why a count could not be completed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum StvError {
    /// The ruleset's engine is not part of this build.
    #[error("the {rules} STV count is not built yet")]
    NotBuilt {
        /// The ruleset's name.
        rules: &'static str,
    },
    /// A lot is needed and no recorded lot or seed settles it.
    #[error("stage {stage}: a lot is needed to decide the {purpose} between candidates {} and none was recorded", numbers(.tied))]
    LotRequired {
        /// The stage whose decision needs the lot.
        stage: u32,
        /// What the lot decides.
        purpose: crate::lots::LotPurpose,
        /// The tied candidates (0-based).
        tied: Vec<usize>,
    },
    /// A recorded lot does not fit the tie it was used for: its tied set is
    /// not the candidates tied, or its choice is not one of them.
    #[error("stage {stage}: the recorded lot (tied {}; chosen {}) does not fit the tie: the candidates tied for the {purpose} are {}{}", numbers(.recorded_tied), .chosen + 1, numbers(.tied), if .tied.contains(.chosen) { String::new() } else { format!(", and candidate {} is not one of them", .chosen + 1) })]
    LotMismatch {
        /// The lot's position in the list of recorded lots.
        index: usize,
        /// The stage.
        stage: u32,
        /// What the tie was for.
        purpose: crate::lots::LotPurpose,
        /// The candidates tied at the count (0-based, ascending).
        tied: Vec<usize>,
        /// The tied candidates the recorded lot names (0-based, ascending).
        recorded_tied: Vec<usize>,
        /// The recorded choice (0-based).
        chosen: usize,
    },
    /// A sum does not fit in the fixed-point type.
    #[error("stage {stage}: arithmetic overflow")]
    Overflow {
        /// The stage.
        stage: u32,
    },
    /// A figure of the count does not fit in its type (never clamped): the
    /// operation and both figures named.
    #[error(
        "stage {stage}: {what}: {left} {op} {right} is past the largest figure the count can hold"
    )]
    FigureOverflow {
        /// The stage.
        stage: u32,
        /// What was being worked out (e.g. "papers with no next preference").
        what: &'static str,
        /// The left figure, as on the sheet.
        left: String,
        /// The operation: `+`, `-` or `×`.
        op: &'static str,
        /// The right figure, as on the sheet.
        right: String,
    },
}

impl StvError {
    /// Every stable code [`StvError::code`] gives, in declaration order: the
    /// table "Stable codes" of docs/formats.md lists them.
    pub const CODES: &'static [&'static str] = &[
        "not_built",
        "lot_required",
        "lot_mismatch",
        "overflow",
        "figure_overflow",
    ];

    /// The stable snake_case code of this kind of problem, for
    /// machine-readable output (`countroom_io::Problem::code`): written out
    /// here, never derived from the variant's name, so renaming a variant
    /// does not change it; listed in docs/formats.md, "Stable codes".
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            StvError::NotBuilt { .. } => "not_built",
            StvError::LotRequired { .. } => "lot_required",
            StvError::LotMismatch { .. } => "lot_mismatch",
            StvError::Overflow { .. } => "overflow",
            StvError::FigureOverflow { .. } => "figure_overflow",
        }
    }
}

fn numbers(tied: &[usize]) -> String {
    tied.iter()
        .map(|c| (c + 1).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
