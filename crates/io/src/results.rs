//! Published result files: the Electoral Commission's area result CSV (the
//! 2016 EU referendum layout), generalised to a **local totals CSV** of any
//! collated poll, read into [`countroom_collate`] local totals and written
//! from collated figures.
//!
//! # The local totals CSV
//!
//! One row per counting area, one header row; columns in any order, named
//! as follows.
//!
//! - Required: `Region_Code`, `Region`, `Area_Code`, `Area`, `Electorate`,
//!   `ExpectedBallots`, `VerifiedBallotPapers` (the ballot papers going
//!   forward to the count). `Area_Code` and `VerifiedBallotPapers` must
//!   have a value; the others may be empty (an empty `Region_Code`: the area
//!   is in no region; an empty `Electorate` or `ExpectedBallots`: not
//!   known).
//! - One column per choice (candidate or answer), headed by its name (e.g.
//!   `Remain`) or its id: the votes (first preferences at a
//!   supplementary-vote poll). Every column the format does not name is a
//!   choice column.
//! - One column per rejection head, headed by the head's code (e.g.
//!   `too_many_votes`, see [`RejectionHead::code`]) or, for the heads of a
//!   referendum, the Electoral Commission's name: `No_official_mark`,
//!   `Voting_for_both_answers`, `Writing_or_mark`, `Unmarked_or_void`.
//! - Optional derived columns, **checked** against the figures when present
//!   (a mismatch is a problem naming the line and field): `Votes_Cast` (valid votes plus
//!   rejected papers), `Valid_Votes`, `Rejected_Ballots`, `Pct_Turnout`
//!   (`Votes_Cast` / `Electorate`), `Pct_<choice>` (of `Valid_Votes`),
//!   `Pct_Rejected` (of `Votes_Cast`). Percentages are compared as values to
//!   two places, half up (`61.1` and `61.10` are the same); an empty
//!   percentage is right only where it cannot be computed (no electorate, no
//!   votes).
//! - Optional: `id`, the area's official id (a whole number, unique across
//!   the files read; when every row has one, the areas are in `id` order,
//!   so a region's file may hold any subset of the official ids);
//!   `PollingStationPapers`, `PostalPapers` (verified; may be empty),
//!   `Explanation` (of any variance).
//! - Figures may carry thousands separators as published (`59,390`).
//! - With [`ReadOptions::choices`], the choice columns are declared and any
//!   other column is refused; with [`ReadOptions::published`], an area may
//!   publish only its votes ([`AreaRow::not_published`]).
//! - Supplementary vote, optional: `Second:<choice>` (second preferences
//!   counted for that choice; a choice with no column has none) and
//!   `Second_Rejected` (papers rejected at the second count as unmarked or
//!   void for uncertainty as to the second preference). A row whose second
//!   count cells are all empty has not reported its second count.
//!
//! Line endings may be LF, CRLF or CR alone (the Electoral Commission's
//! 2016 file uses CR alone); a UTF-8 byte order mark is skipped. Problems
//! name the source, the physical line (counting CR, LF and CRLF each as one
//! line break) and the field; readers list every problem (the first 1,000)
//! and never panic.
//!
//! # Reading
//!
//! [`read`] reads a file without knowing the poll: the choice and head
//! columns are found from the header, and the derived columns are checked.
//! [`AreaTable::plan`] builds a [`Plan`] from it (areas in `id` order if
//! every row has one, else in file order; regions in order of first
//! appearance). [`AreaTable::local_totals`] checks it against a plan (every
//! area in the poll, once; region, electorate and `id` as the plan has them;
//! a column for every choice and head) and gives the [`LocalTotal`]s and
//! [`SecondCountTotal`]s in the plan's order of choices and heads.
//! [`read_local_totals`] does both.
//!
//! # Writing
//!
//! [`write_areas`] writes the area CSV from [`Collated`] figures: for a
//! referendum with [`Columns::Published`], exactly the 2016 columns in the
//! 2016 order; [`write_summary`] writes one row per region and one for the
//! whole poll. Lines end in LF (`\n`), not the 2016 file's CR: compare with
//! the published file field by field, not byte by byte.

use std::collections::BTreeMap;
use std::fmt;

use countroom_collate::{
    Area, Choice, Collated, Figures, LocalTotal, Method, Plan, Region, SecondCountTotal,
};
use countroom_rules::RejectionHead;

use crate::problem::LineCounter;
use crate::CsvProblemKind;

/// The columns of the Electoral Commission's 2016 EU referendum result
/// file, in order.
pub const EU_REFERENDUM_2016_COLUMNS: [&str; 21] = [
    "id",
    "Region_Code",
    "Region",
    "Area_Code",
    "Area",
    "Electorate",
    "ExpectedBallots",
    "VerifiedBallotPapers",
    "Pct_Turnout",
    "Votes_Cast",
    "Valid_Votes",
    "Remain",
    "Leave",
    "Rejected_Ballots",
    "No_official_mark",
    "Voting_for_both_answers",
    "Writing_or_mark",
    "Unmarked_or_void",
    "Pct_Remain",
    "Pct_Leave",
    "Pct_Rejected",
];

/// The required columns of a local totals CSV.
pub const REQUIRED_COLUMNS: [&str; 7] = [
    "Region_Code",
    "Region",
    "Area_Code",
    "Area",
    "Electorate",
    "ExpectedBallots",
    "VerifiedBallotPapers",
];

const PCT: &str = "Pct_";
const SECOND: &str = "Second:";

/// The Electoral Commission's column name for a head of the statement of
/// rejected papers at a referendum (PVSCA 2011 Sch 2 r.42(4)), or `None`
/// for a head a referendum does not have.
#[must_use]
pub const fn ec_head_column(head: RejectionHead) -> Option<&'static str> {
    match head {
        RejectionHead::NoOfficialMark => Some("No_official_mark"),
        RejectionHead::TooManyVotes => Some("Voting_for_both_answers"),
        RejectionHead::IdentifyingMark => Some("Writing_or_mark"),
        RejectionHead::UnmarkedOrVoid => Some("Unmarked_or_void"),
        RejectionHead::NoFirstPreference
        | RejectionHead::Unmarked
        | RejectionHead::VoidForUncertainty
        | RejectionHead::BreakdownNotGiven => None,
    }
}

fn head_of_column(name: &str) -> Option<RejectionHead> {
    RejectionHead::from_code(name).or_else(|| {
        RejectionHead::ALL
            .into_iter()
            .find(|&h| ec_head_column(h) == Some(name))
    })
}

/// The column a head is written under: the Electoral Commission's name at a
/// referendum, the head's code otherwise.
#[must_use]
pub fn head_column(method: Method, head: RejectionHead) -> &'static str {
    match (method, ec_head_column(head)) {
        (Method::Referendum, Some(name)) => name,
        _ => head.code(),
    }
}

/// A problem in a result file, with its source, line and field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {}{kind}", field.as_ref().map(|f| format!("field `{f}`: ")).unwrap_or_default())]
#[non_exhaustive]
pub struct ResultsProblem {
    /// The file's name, as the caller gave it (the `source` argument of
    /// [`read`]).
    pub file: String,
    /// 1-based physical line.
    pub line: u64,
    /// The column's header name, if the problem is in one field.
    pub field: Option<String>,
    /// What is wrong.
    pub kind: ResultsProblemKind,
}

/// What is wrong in a result file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResultsProblemKind {
    /// A problem any CSV file can have (see [`CsvProblemKind`]).
    #[error(transparent)]
    Csv(CsvProblemKind),
    /// A derived figure that is not what the figures give.
    #[error("published {published:?}, but the figures give {computed:?}")]
    Mismatch {
        /// The value in the file.
        published: String,
        /// The value computed.
        computed: String,
    },
    /// A percentage that is not a number with at most two places.
    #[error("{value:?} is not a percentage (a number with at most two decimal places)")]
    BadPercentage {
        /// The value.
        value: String,
    },
    /// A sum of the row's figures passes `u64::MAX`.
    #[error("the {what} pass {max} (count overflow)", max = u64::MAX)]
    Overflow {
        /// Which sum.
        what: &'static str,
    },
    /// An area listed twice.
    #[error("area {area} is listed twice (first on line {first_line})")]
    DuplicateArea {
        /// The area code.
        area: String,
        /// The line it was first listed on.
        first_line: u64,
    },
    /// An `id` used twice.
    #[error("id {id} is used twice (first on line {first_line}): each area needs its own official id; correct it, or leave the id column empty to keep the file's order")]
    DuplicateId {
        /// The id.
        id: u64,
        /// The line it was first used on.
        first_line: u64,
    },
    /// One region code with two names.
    #[error("region {region} is named {name:?} here but {first:?} on line {first_line}")]
    RegionName {
        /// The region code.
        region: String,
        /// The first name.
        first: String,
        /// The line of the first name.
        first_line: u64,
        /// This name.
        name: String,
    },
    /// A `Pct_` or `Second:` column for a choice that has no column.
    #[error("column {column:?} names choice {choice:?}, which has no column of votes")]
    NoSuchChoiceColumn {
        /// The column.
        column: String,
        /// The choice named.
        choice: String,
    },
    /// An area that is not in the poll.
    #[error("area {area:?} is not a counting area of poll {poll}")]
    UnknownArea {
        /// The area code.
        area: String,
        /// The poll.
        poll: String,
    },
    /// An area in another region than the poll's plan puts it.
    #[error("area {area} is in region {expected:?} in poll {poll}, not {found:?}")]
    RegionMismatch {
        /// The area.
        area: String,
        /// The poll.
        poll: String,
        /// The plan's region (empty if none).
        expected: String,
        /// The file's.
        found: String,
    },
    /// A choice column that names no choice of the poll.
    #[error("column {column:?} names no choice of poll {poll} (its choices: {expected})")]
    UnknownChoice {
        /// The column.
        column: String,
        /// The poll.
        poll: String,
        /// The poll's choices.
        expected: String,
    },
    /// With declared choices, a column that is neither a column of the
    /// format nor a declared choice.
    #[error("column {column:?} is neither a column of the local totals format nor a declared choice (choices: {choices}): remove the column, or declare it a choice with --choices")]
    NotAChoice {
        /// The column.
        column: String,
        /// The declared choices.
        choices: String,
    },
    /// Published results: a row with its papers going forward but no
    /// rejected papers, or the reverse.
    #[error("{}: give both the ballot papers going forward (VerifiedBallotPapers) and the rejected papers under every head, or neither (only the votes published)", if *forward { "the ballot papers going forward are published but not the rejected papers" } else { "rejected papers are published but not the ballot papers going forward" })]
    PartlyPublished {
        /// Whether the papers going forward are the figure given.
        forward: bool,
    },
    /// The same official `id` in two files.
    #[error("id {id} is also used for area {other} ({other_file}:{other_line}): the id column orders the areas, so each area needs its own; correct it, or leave the id column empty in every file to keep the files' order")]
    IdInTwoFiles {
        /// The id.
        id: u64,
        /// The other area.
        other: String,
        /// Its file.
        other_file: String,
        /// Its line.
        other_line: u64,
    },
    /// The same area in two files.
    #[error("area {area} is also listed in {other_file}:{other_line}: each area's local total is reported once")]
    AreaInTwoFiles {
        /// The area.
        area: String,
        /// The other file.
        other_file: String,
        /// Its line.
        other_line: u64,
    },
    /// A variance stated as explained (`Explained_Variance`,
    /// `Explained_Forward_Variance`) on a row with no `Explanation`.
    #[error("a variance of {value} is stated as explained, but the row has no Explanation: give the local officer's explanation, or leave the column empty")]
    VarianceWithoutExplanation {
        /// The variance as written.
        value: String,
    },
    /// A head column for a head the poll's statement does not have.
    #[error("head {head} is not on the statement of rejected papers of poll {poll} (its heads: {heads})")]
    HeadNotInPlan {
        /// The head.
        head: RejectionHead,
        /// The poll.
        poll: String,
        /// The poll's heads.
        heads: String,
    },
}

impl ResultsProblemKind {
    /// The stable snake_case code of this kind
    /// ([`crate::Problem::code`]).
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            ResultsProblemKind::Csv(kind) => kind.code(),
            ResultsProblemKind::Mismatch { .. } => "mismatch",
            ResultsProblemKind::BadPercentage { .. } => "bad_percentage",
            ResultsProblemKind::Overflow { .. } => "overflow",
            ResultsProblemKind::DuplicateArea { .. } => "duplicate_area",
            ResultsProblemKind::DuplicateId { .. } => "duplicate_id",
            ResultsProblemKind::RegionName { .. } => "region_name",
            ResultsProblemKind::NoSuchChoiceColumn { .. } => "no_such_choice_column",
            ResultsProblemKind::UnknownArea { .. } => "unknown_area",
            ResultsProblemKind::RegionMismatch { .. } => "region_mismatch",
            ResultsProblemKind::UnknownChoice { .. } => "unknown_choice",
            ResultsProblemKind::NotAChoice { .. } => "not_a_choice",
            ResultsProblemKind::PartlyPublished { .. } => "partly_published",
            ResultsProblemKind::IdInTwoFiles { .. } => "id_in_two_files",
            ResultsProblemKind::AreaInTwoFiles { .. } => "area_in_two_files",
            ResultsProblemKind::HeadNotInPlan { .. } => "head_not_in_plan",
            ResultsProblemKind::VarianceWithoutExplanation { .. } => "variance_without_explanation",
        }
    }
}

impl From<&ResultsProblem> for crate::Problem {
    fn from(p: &ResultsProblem) -> Self {
        crate::Problem::new(&p.file, p.kind.code(), p.kind.to_string())
            .at_line(p.line)
            .in_field(p.field.as_deref())
    }
}

/// One area's row of a result file, as read (choices and heads in the
/// file's column order: see [`AreaTable`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AreaRow {
    /// The physical line it was read from.
    pub line: u64,
    /// `id`, if the column is present and the cell is not empty.
    pub id: Option<u64>,
    /// `Region_Code` (empty: no region).
    pub region_code: String,
    /// `Region`.
    pub region: String,
    /// `Area_Code`.
    pub area_code: String,
    /// `Area`.
    pub area: String,
    /// `Electorate`.
    pub electorate: Option<u64>,
    /// `ExpectedBallots`.
    pub expected: Option<u64>,
    /// `VerifiedBallotPapers`: ballot papers going forward to the count.
    pub papers_forward: u64,
    /// `PollingStationPapers`.
    pub polling_station_papers: Option<u64>,
    /// `PostalPapers`.
    pub postal_papers: Option<u64>,
    /// Votes per choice column.
    pub votes: Vec<u64>,
    /// Rejected papers per head column.
    pub rejected: Vec<u64>,
    /// `Explanation`.
    pub explanation: Option<String>,
    /// `Explained_Variance`: the variance (votes counted plus rejected
    /// papers less the papers going forward) the explanation explains.
    pub explained_variance: Option<i128>,
    /// `Explained_Forward_Variance`: the variance (papers going forward
    /// less polling station plus postal papers) the explanation explains.
    pub explained_forward_variance: Option<i128>,
    /// The second count, if reported: second preferences per choice column
    /// (zero where there is no `Second:` column) and `Second_Rejected`.
    pub second: Option<(Vec<u64>, u64)>,
    /// Read with [`ReadOptions::published`], a row with no ballot papers
    /// going forward and no rejected papers: only its votes were published
    /// (`papers_forward` and `rejected` are zero and are not figures).
    pub not_published: bool,
}

/// How [`read_with`] reads a result file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// The poll's choices (its answers or candidates), in ballot-paper
    /// order, as their columns are headed. Given, a column that is neither
    /// a column the format names nor one of these is refused, naming the
    /// file, line 1 and the column (an extra "Total" column is not taken
    /// for a third answer), and a choice with no column is refused too.
    /// Not given, every column the format does not name is a choice.
    /// (The rulesets carry no answers: a referendum's answers are in the
    /// question its order sets, so they are declared here.)
    pub choices: Option<Vec<String>>,
    /// Published results: only `Area_Code` is required, and a row whose
    /// `VerifiedBallotPapers` and rejection heads are all absent or empty
    /// published only its votes ([`AreaRow::not_published`]); its
    /// `Votes_Cast`, `Rejected_Ballots`, `Pct_Turnout` and `Pct_Rejected`,
    /// which need its papers counted, are not checked.
    pub published: bool,
}

impl ReadOptions {
    /// Every column the format does not name is a choice; not published
    /// results (the default).
    #[must_use]
    pub fn new() -> ReadOptions {
        ReadOptions::default()
    }

    /// The poll's choices, as their columns are headed (`None`: every
    /// column the format does not name).
    #[must_use]
    pub fn choices(mut self, choices: Option<Vec<String>>) -> ReadOptions {
        self.choices = choices;
        self
    }

    /// Published results (only `Area_Code` required).
    #[must_use]
    pub fn published(mut self, published: bool) -> ReadOptions {
        self.published = published;
        self
    }
}

/// A result file as read, before it is checked against a poll.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AreaTable {
    /// The source name given to [`read`].
    pub source: String,
    /// The choice columns, in file order.
    pub choices: Vec<String>,
    /// The head columns, in file order.
    pub heads: Vec<(String, RejectionHead)>,
    /// The rows, in file order.
    pub rows: Vec<AreaRow>,
    /// Read as published results ([`ReadOptions::published`]).
    pub published: bool,
}

/// An area's totals read from a local totals CSV, in the plan's order of
/// choices and heads.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AreaTotals {
    /// The physical line it was read from.
    pub line: u64,
    /// The local total.
    pub total: LocalTotal,
    /// The second-count total, if the row has one.
    pub second: Option<SecondCountTotal>,
}

// ------------------------------------------------------------------ reading

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    RegionCode,
    Region,
    AreaCode,
    Area,
    Electorate,
    Expected,
    Verified,
    PctTurnout,
    VotesCast,
    ValidVotes,
    RejectedBallots,
    PctRejected,
    PollingStation,
    Postal,
    Explanation,
    ExplainedVariance,
    ExplainedForwardVariance,
    SecondRejected,
    Choice(usize),
    Head(usize),
    PctChoice(usize),
    Second(usize),
}

fn fixed_column(name: &str) -> Option<Col> {
    Some(match name {
        "id" => Col::Id,
        "Region_Code" => Col::RegionCode,
        "Region" => Col::Region,
        "Area_Code" => Col::AreaCode,
        "Area" => Col::Area,
        "Electorate" => Col::Electorate,
        "ExpectedBallots" => Col::Expected,
        "VerifiedBallotPapers" => Col::Verified,
        "Pct_Turnout" => Col::PctTurnout,
        "Votes_Cast" => Col::VotesCast,
        "Valid_Votes" => Col::ValidVotes,
        "Rejected_Ballots" => Col::RejectedBallots,
        "Pct_Rejected" => Col::PctRejected,
        "PollingStationPapers" => Col::PollingStation,
        "PostalPapers" => Col::Postal,
        "Explanation" => Col::Explanation,
        "Explained_Variance" => Col::ExplainedVariance,
        "Explained_Forward_Variance" => Col::ExplainedForwardVariance,
        "Second_Rejected" => Col::SecondRejected,
        _ => return None,
    })
}

/// Whether `name` can head a choice column: not a column the format names,
/// not a head, not `Pct_…` or `Second:…`, not empty.
fn is_choice_name(name: &str) -> bool {
    !name.is_empty()
        && fixed_column(name).is_none()
        && head_of_column(name).is_none()
        && !name.starts_with(PCT)
        && !name.starts_with(SECOND)
}

const LIMIT: usize = 1_000;

struct Problems<'a> {
    source: &'a str,
    list: Vec<ResultsProblem>,
    more: u64,
}

impl<'a> Problems<'a> {
    fn new(source: &'a str) -> Self {
        Problems {
            source,
            list: Vec::new(),
            more: 0,
        }
    }

    fn push(&mut self, line: u64, field: Option<&str>, kind: ResultsProblemKind) {
        if self.list.len() < LIMIT {
            self.list.push(ResultsProblem {
                file: self.source.to_owned(),
                line,
                field: field.map(str::to_owned),
                kind,
            });
        } else {
            // One per problem found, at most a few per line read: bounded
            // by the input's length.
            self.more += 1;
        }
    }

    fn csv(&mut self, line: u64, field: Option<&str>, kind: CsvProblemKind) {
        self.push(line, field, ResultsProblemKind::Csv(kind));
    }

    fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    fn into_vec(mut self, last_line: u64) -> Vec<ResultsProblem> {
        if self.more > 0 {
            let more = self.more;
            self.list.push(ResultsProblem {
                file: self.source.to_owned(),
                line: last_line,
                field: None,
                kind: ResultsProblemKind::Csv(CsvProblemKind::More { more }),
            });
        }
        self.list
    }
}

fn csv_error_kind(e: &csv::Error) -> CsvProblemKind {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => CsvProblemKind::FieldCount {
            expected: *expected_len,
            found: *len,
        },
        csv::ErrorKind::Utf8 { .. } => CsvProblemKind::NotUtf8,
        _ => CsvProblemKind::Malformed {
            message: e.to_string(),
        },
    }
}

/// A whole number, optionally with thousands separators as published
/// (`crate::whole_number`): empty is [`CsvProblemKind::EmptyValue`], too large for
/// 64 bits [`CsvProblemKind::NumberTooLarge`], anything else
/// [`CsvProblemKind::BadNumber`].
fn number(value: &str) -> Result<u64, CsvProblemKind> {
    if value.trim().is_empty() {
        return Err(CsvProblemKind::EmptyValue);
    }
    crate::whole_number(value)
}

/// A signed variance as the statement prints it: `-4`, `+29,996`, `0`
/// (thousands separators allowed, as for a whole number); empty: `None`.
fn optional_signed(value: &str) -> Result<Option<i128>, CsvProblemKind> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let (negative, digits) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, trimmed.get(1..).unwrap_or("")),
        Some(b'+') => (false, trimmed.get(1..).unwrap_or("")),
        _ => (false, trimmed),
    };
    if digits.trim() != digits {
        return Err(CsvProblemKind::BadNumber {
            value: value.to_owned(),
        });
    }
    let magnitude = i128::from(number(digits).map_err(|e| match e {
        CsvProblemKind::NumberTooLarge { .. } => CsvProblemKind::NumberTooLarge {
            value: value.to_owned(),
        },
        _ => CsvProblemKind::BadNumber {
            value: value.to_owned(),
        },
    })?);
    Ok(Some(if negative { -magnitude } else { magnitude }))
}

fn optional_number(value: &str) -> Result<Option<u64>, CsvProblemKind> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        number(value).map(Some)
    }
}

/// A percentage in hundredths (basis points): `61.1` is 6110.
fn basis_points(value: &str) -> Option<u64> {
    let trimmed = value.trim();
    let (whole, frac) = trimmed.split_once('.').unwrap_or((trimmed, ""));
    if whole.is_empty()
        || frac.len() > 2
        || (trimmed.contains('.') && frac.is_empty())
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    let frac: u64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<u64>().ok()?.checked_mul(10)?,
        _ => frac.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(frac)
}

/// Reads a result file (a local totals CSV, or the Electoral Commission's
/// 2016 area file) without knowing the poll; `source` names it in problems.
///
/// # Errors
///
/// Every problem found (the first 1,000): a missing or repeated column, a
/// `Pct_`/`Second:` column for no choice, a value that is not a whole number
/// or a percentage, a derived figure that does not match, an area or id
/// listed twice, a region code with two names, malformed CSV, bytes that are
/// not UTF-8.
pub fn read(bytes: &[u8], source: &str) -> Result<AreaTable, Vec<ResultsProblem>> {
    read_with(bytes, source, &ReadOptions::default())
}

/// [`read`] with the poll's declared choices and whether the figures are
/// published results ([`ReadOptions`]).
///
/// # Errors
///
/// As [`read`]; and, with declared choices, a column that is neither a
/// column of the format nor a declared choice, or a declared choice with
/// no column; with `published`, a row that publishes its ballot papers
/// going forward without its rejected papers, or the reverse.
pub fn read_with(
    bytes: &[u8],
    source: &str,
    options: &ReadOptions,
) -> Result<AreaTable, Vec<ResultsProblem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut problems = Problems::new(source);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut lines = LineCounter::new(bytes);
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            problems.csv(
                1,
                None,
                CsvProblemKind::Empty {
                    expected: REQUIRED_COLUMNS.join(","),
                },
            );
            return Err(problems.into_vec(1));
        }
        Err(e) => {
            let line = lines.line_of(e.position());
            problems.csv(line, None, csv_error_kind(&e));
            return Err(problems.into_vec(line));
        }
    }
    let header: Vec<String> = record.iter().map(str::to_owned).collect();
    let (columns, choices, heads) = classify(&header, options, &mut problems);
    if !problems.is_empty() {
        return Err(problems.into_vec(1));
    }
    let mut rows = Vec::new();
    let mut last_line = 1;
    let mut seen_areas: BTreeMap<String, u64> = BTreeMap::new();
    let mut seen_ids: BTreeMap<u64, u64> = BTreeMap::new();
    let mut region_names: BTreeMap<String, (String, u64)> = BTreeMap::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                last_line = lines.line_of(e.position());
                problems.csv(last_line, None, csv_error_kind(&e));
                continue;
            }
        }
        let line = lines.line_of(record.position());
        last_line = line;
        let Some(row) = read_row(
            line,
            &record,
            &header,
            &columns,
            Shape {
                n_choices: choices.len(),
                n_heads: heads.len(),
                published: options.published,
            },
            &mut problems,
        ) else {
            continue;
        };
        if let Some(&first_line) = seen_areas.get(&row.area_code) {
            problems.push(
                line,
                Some("Area_Code"),
                ResultsProblemKind::DuplicateArea {
                    area: row.area_code.clone(),
                    first_line,
                },
            );
        } else {
            seen_areas.insert(row.area_code.clone(), line);
        }
        if let Some(id) = row.id {
            if let Some(&first_line) = seen_ids.get(&id) {
                problems.push(
                    line,
                    Some("id"),
                    ResultsProblemKind::DuplicateId { id, first_line },
                );
            } else {
                seen_ids.insert(id, line);
            }
        }
        if !row.region_code.is_empty() {
            match region_names.get(&row.region_code) {
                Some((first, first_line)) if *first != row.region => problems.push(
                    line,
                    Some("Region"),
                    ResultsProblemKind::RegionName {
                        region: row.region_code.clone(),
                        first: first.clone(),
                        first_line: *first_line,
                        name: row.region.clone(),
                    },
                ),
                Some(_) => {}
                None => {
                    region_names.insert(row.region_code.clone(), (row.region.clone(), line));
                }
            }
        }
        rows.push(row);
    }
    if problems.is_empty() {
        Ok(AreaTable {
            source: source.to_owned(),
            choices,
            heads,
            rows,
            published: options.published,
        })
    } else {
        Err(problems.into_vec(last_line))
    }
}

type Classified = (Vec<Option<Col>>, Vec<String>, Vec<(String, RejectionHead)>);

fn classify(header: &[String], options: &ReadOptions, problems: &mut Problems<'_>) -> Classified {
    let mut choices: Vec<String> = Vec::new();
    let mut heads: Vec<(String, RejectionHead)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for name in header {
        if seen.contains(&name.as_str()) {
            problems.csv(
                1,
                Some(name),
                CsvProblemKind::DuplicateColumn {
                    column: name.clone(),
                },
            );
        }
        seen.push(name);
        if name.is_empty() {
            problems.csv(1, None, CsvProblemKind::EmptyValue);
        } else if let Some(head) = head_of_column(name) {
            if let Some((other, _)) = heads.iter().find(|(_, h)| *h == head) {
                problems.csv(
                    1,
                    Some(name),
                    CsvProblemKind::DuplicateColumn {
                        column: format!("{name} (the same head as {other})"),
                    },
                );
            } else {
                heads.push((name.clone(), head));
            }
        } else if is_choice_name(name) && !choices.contains(name) {
            match &options.choices {
                Some(declared) if !declared.contains(name) => problems.push(
                    1,
                    Some(name),
                    ResultsProblemKind::NotAChoice {
                        column: name.clone(),
                        choices: declared.join(", "),
                    },
                ),
                _ => choices.push(name.clone()),
            }
        }
    }
    if let Some(declared) = &options.choices {
        // The declared order (the ballot paper's), not the file's.
        for c in declared {
            if !choices.contains(c) {
                problems.csv(
                    1,
                    None,
                    CsvProblemKind::MissingColumn {
                        column: format!("{c} (a declared choice)"),
                    },
                );
            }
        }
        choices.clone_from(declared);
    }
    let mut columns = Vec::with_capacity(header.len());
    for name in header {
        let choice_of = |rest: &str, problems: &mut Problems<'_>| {
            let found = choices.iter().position(|c| c == rest);
            if found.is_none() {
                problems.push(
                    1,
                    Some(name),
                    ResultsProblemKind::NoSuchChoiceColumn {
                        column: name.clone(),
                        choice: rest.to_owned(),
                    },
                );
            }
            found
        };
        let col = if let Some(col) = fixed_column(name) {
            Some(col)
        } else if let Some(head) = head_of_column(name) {
            heads.iter().position(|(_, h)| *h == head).map(Col::Head)
        } else if let Some(rest) = name.strip_prefix(PCT) {
            choice_of(rest, problems).map(Col::PctChoice)
        } else if let Some(rest) = name.strip_prefix(SECOND) {
            choice_of(rest, problems).map(Col::Second)
        } else {
            choices.iter().position(|c| c == name).map(Col::Choice)
        };
        // `None`: a column reported above, so no row is read.
        columns.push(col);
    }
    let required: &[&str] = if options.published {
        &["Area_Code"]
    } else {
        &REQUIRED_COLUMNS
    };
    for &required in required {
        if !header.iter().any(|h| h == required) {
            problems.csv(
                1,
                None,
                CsvProblemKind::MissingColumn {
                    column: required.to_owned(),
                },
            );
        }
    }
    if choices.is_empty() {
        problems.csv(
            1,
            None,
            CsvProblemKind::MissingColumn {
                column: "a column of votes for each choice".to_owned(),
            },
        );
    }
    (columns, choices, heads)
}

/// The derived cells of a row, checked once its figures are read.
#[derive(Default)]
struct Derived<'r> {
    cells: Vec<(usize, Col, &'r str)>,
}

/// The table a row is read into: its choice and head columns, and whether
/// it holds published results.
#[derive(Clone, Copy)]
struct Shape {
    n_choices: usize,
    n_heads: usize,
    published: bool,
}

fn read_row(
    line: u64,
    record: &csv::StringRecord,
    header: &[String],
    columns: &[Option<Col>],
    shape: Shape,
    problems: &mut Problems<'_>,
) -> Option<AreaRow> {
    let Shape {
        n_choices,
        n_heads,
        published,
    } = shape;
    let mut ok = true;
    let mut row = AreaRow {
        line,
        id: None,
        region_code: String::new(),
        region: String::new(),
        area_code: String::new(),
        area: String::new(),
        electorate: None,
        expected: None,
        papers_forward: 0,
        polling_station_papers: None,
        postal_papers: None,
        votes: vec![0; n_choices],
        rejected: vec![0; n_heads],
        explanation: None,
        explained_variance: None,
        explained_forward_variance: None,
        second: None,
        not_published: false,
    };
    let mut stated_cells: Vec<(usize, &str)> = Vec::new();
    // With `published`: whether the row gives its papers going forward and
    // any rejected papers (an absent column gives nothing).
    let mut gives_forward = false;
    let mut gives_rejected = false;
    let mut second_votes = vec![0u64; n_choices];
    let mut second_rejected = 0u64;
    let mut second_cells: Vec<(usize, &str)> = Vec::new();
    let mut derived = Derived::default();
    for (i, (&col, value)) in columns.iter().zip(record.iter()).enumerate() {
        let Some(col) = col else {
            continue;
        };
        let name = header.get(i).map(String::as_str);
        let mut report = |kind: CsvProblemKind, problems: &mut Problems<'_>| {
            problems.csv(line, name, kind);
            ok = false;
        };
        match col {
            Col::Id => match optional_number(value) {
                Ok(id) => row.id = id,
                Err(kind) => report(kind, problems),
            },
            Col::RegionCode => value.clone_into(&mut row.region_code),
            Col::Region => value.clone_into(&mut row.region),
            Col::AreaCode => {
                if value.is_empty() {
                    report(CsvProblemKind::EmptyValue, problems);
                }
                value.clone_into(&mut row.area_code);
            }
            Col::Area => value.clone_into(&mut row.area),
            Col::Electorate => match optional_number(value) {
                Ok(v) => row.electorate = v,
                Err(kind) => report(kind, problems),
            },
            Col::Expected => match optional_number(value) {
                Ok(v) => row.expected = v,
                Err(kind) => report(kind, problems),
            },
            Col::PollingStation => match optional_number(value) {
                Ok(v) => row.polling_station_papers = v,
                Err(kind) => report(kind, problems),
            },
            Col::Postal => match optional_number(value) {
                Ok(v) => row.postal_papers = v,
                Err(kind) => report(kind, problems),
            },
            Col::Verified if published && value.trim().is_empty() => {}
            Col::Verified => match number(value) {
                Ok(v) => {
                    gives_forward = true;
                    row.papers_forward = v;
                }
                Err(kind) => report(kind, problems),
            },
            Col::Choice(c) => match number(value) {
                Ok(v) => {
                    if let Some(slot) = row.votes.get_mut(c) {
                        *slot = v;
                    }
                }
                Err(kind) => report(kind, problems),
            },
            Col::Head(_) if published && value.trim().is_empty() => {}
            Col::Head(h) => match number(value) {
                Ok(v) => {
                    gives_rejected = true;
                    if let Some(slot) = row.rejected.get_mut(h) {
                        *slot = v;
                    }
                }
                Err(kind) => report(kind, problems),
            },
            Col::Explanation => {
                if !value.is_empty() {
                    row.explanation = Some(value.to_owned());
                }
            }
            Col::ExplainedVariance | Col::ExplainedForwardVariance => {
                match optional_signed(value) {
                    Ok(v) => {
                        if v.is_some() {
                            stated_cells.push((i, value));
                        }
                        if col == Col::ExplainedVariance {
                            row.explained_variance = v;
                        } else {
                            row.explained_forward_variance = v;
                        }
                    }
                    Err(kind) => report(kind, problems),
                }
            }
            Col::Second(_) | Col::SecondRejected => second_cells.push((i, value)),
            Col::PctTurnout
            | Col::VotesCast
            | Col::ValidVotes
            | Col::RejectedBallots
            | Col::PctRejected
            | Col::PctChoice(_) => derived.cells.push((i, col, value)),
        }
    }
    if row
        .explanation
        .as_deref()
        .is_none_or(|e| e.trim().is_empty())
    {
        for &(i, value) in &stated_cells {
            problems.push(
                line,
                header.get(i).map(String::as_str),
                ResultsProblemKind::VarianceWithoutExplanation {
                    value: value.to_owned(),
                },
            );
            ok = false;
        }
    }
    if second_cells.iter().any(|(_, v)| !v.trim().is_empty()) {
        for &(i, value) in &second_cells {
            let name = header.get(i).map(String::as_str);
            match (number(value), columns.get(i)) {
                (Ok(v), Some(Some(Col::Second(c)))) => {
                    if let Some(slot) = second_votes.get_mut(*c) {
                        *slot = v;
                    }
                }
                (Ok(v), _) => second_rejected = v,
                (Err(kind), _) => {
                    problems.csv(line, name, kind);
                    ok = false;
                }
            }
        }
        row.second = Some((second_votes, second_rejected));
    }
    if published {
        match (gives_forward, gives_rejected) {
            (false, false) => row.not_published = true,
            (true, true) => {}
            (forward, _) => {
                problems.push(
                    line,
                    Some("VerifiedBallotPapers"),
                    ResultsProblemKind::PartlyPublished { forward },
                );
                ok = false;
            }
        }
        // A head published empty beside others given is a problem too.
        if gives_rejected {
            for (i, (&col, value)) in columns.iter().zip(record.iter()).enumerate() {
                if matches!(col, Some(Col::Head(_))) && value.trim().is_empty() {
                    problems.csv(
                        line,
                        header.get(i).map(String::as_str),
                        CsvProblemKind::EmptyValue,
                    );
                    ok = false;
                }
            }
        }
    }
    if !ok {
        return None;
    }
    if check_derived(&row, &derived, header, problems) {
        Some(row)
    } else {
        None
    }
}

/// Checks the derived cells; `false` if any is wrong (each reported).
fn check_derived(
    row: &AreaRow,
    derived: &Derived<'_>,
    header: &[String],
    problems: &mut Problems<'_>,
) -> bool {
    let line = row.line;
    let sum = |values: &[u64]| values.iter().try_fold(0u64, |a, &b| a.checked_add(b));
    let (Some(valid), Some(rejected)) = (sum(&row.votes), sum(&row.rejected)) else {
        problems.push(
            line,
            None,
            ResultsProblemKind::Overflow {
                what: "valid votes or rejected papers",
            },
        );
        return false;
    };
    let Some(counted) = valid.checked_add(rejected) else {
        problems.push(
            line,
            None,
            ResultsProblemKind::Overflow {
                what: "votes counted plus rejected papers",
            },
        );
        return false;
    };
    let percentage = |part: u64, whole: Option<u64>| {
        whole
            .and_then(|w| countroom_collate::percentage(part, w))
            .map(|p| (p.basis_points(), p.to_string()))
    };
    let mut ok = true;
    for &(i, col, value) in &derived.cells {
        let name = header.get(i).map(String::as_str);
        if row.not_published
            && matches!(
                col,
                Col::VotesCast | Col::RejectedBallots | Col::PctTurnout | Col::PctRejected
            )
        {
            // They need the papers counted, which were not published.
            continue;
        }
        let expected_number = match col {
            Col::VotesCast => Some(counted),
            Col::ValidVotes => Some(valid),
            Col::RejectedBallots => Some(rejected),
            _ => None,
        };
        if let Some(computed) = expected_number {
            match number(value) {
                Ok(v) if v == computed => {}
                Ok(_) => {
                    problems.push(
                        line,
                        name,
                        ResultsProblemKind::Mismatch {
                            published: value.to_owned(),
                            computed: computed.to_string(),
                        },
                    );
                    ok = false;
                }
                Err(kind) => {
                    problems.csv(line, name, kind);
                    ok = false;
                }
            }
            continue;
        }
        let computed = match col {
            Col::PctTurnout => percentage(counted, row.electorate),
            Col::PctRejected => percentage(rejected, Some(counted)),
            Col::PctChoice(c) => row.votes.get(c).and_then(|&v| percentage(v, Some(valid))),
            _ => continue,
        };
        let published = if value.trim().is_empty() {
            None
        } else if let Some(bp) = basis_points(value) {
            Some(bp)
        } else {
            problems.push(
                line,
                name,
                ResultsProblemKind::BadPercentage {
                    value: value.to_owned(),
                },
            );
            ok = false;
            continue;
        };
        // A turnout is never written above 100% (`Figures::turnout`): the
        // area CSV leaves it empty where the papers counted exceed the
        // electorate, and reads back; the collation lists such an area.
        let above = col == Col::PctTurnout && row.electorate.is_some_and(|e| counted > e);
        if published != computed.as_ref().map(|(bp, _)| *bp) && !(above && published.is_none()) {
            problems.push(
                line,
                name,
                ResultsProblemKind::Mismatch {
                    published: value.to_owned(),
                    computed: computed.map(|(_, text)| text).unwrap_or_default(),
                },
            );
            ok = false;
        }
    }
    ok
}

impl AreaTable {
    /// A plan of the poll this file describes: choices from the choice
    /// columns (id and name both the column's header), the given heads (the
    /// ruleset's, in statutory order), regions and areas from the rows.
    ///
    /// Areas are in `id` order if every row has an `id`, else in file order;
    /// regions in order of first appearance among them. An area with an
    /// empty `Region_Code` is in no region.
    #[must_use]
    pub fn plan(&self, poll: &str, method: Method, heads: &[RejectionHead]) -> Plan {
        let mut rows: Vec<&AreaRow> = self.rows.iter().collect();
        if rows.iter().all(|r| r.id.is_some()) {
            rows.sort_by_key(|r| r.id);
        }
        let mut regions: Vec<Region> = Vec::new();
        for row in &rows {
            if !row.region_code.is_empty() && !regions.iter().any(|r| r.id == row.region_code) {
                regions.push(Region::new(&row.region_code, &row.region));
            }
        }
        Plan::new(
            poll.to_owned(),
            method,
            self.choices.iter().map(|c| Choice::new(c, c)).collect(),
            heads.to_vec(),
            rows.iter()
                .map(|r| {
                    Area::new(
                        &r.area_code,
                        &r.area,
                        (!r.region_code.is_empty()).then_some(r.region_code.as_str()),
                        r.electorate,
                    )
                })
                .collect(),
        )
        .regions(regions)
    }

    /// The rows as local totals of the poll `plan`, in file order, with
    /// votes and rejected papers in the plan's order.
    ///
    /// # Errors
    ///
    /// Every problem found: a choice column naming no choice of the poll (a
    /// column matches a choice by name, else by id), a choice or head of the
    /// poll with no column, a head the poll does not have, an area not in
    /// the poll, an area in another region than the plan's, an electorate
    /// other than the plan's.
    pub fn local_totals(&self, plan: &Plan) -> Result<Vec<AreaTotals>, Vec<ResultsProblem>> {
        let mut problems = Problems::new(&self.source);
        let choice_map = self.choice_map(plan, &mut problems);
        let head_map = self.head_map(plan, &mut problems);
        if !problems.is_empty() {
            return Err(problems.into_vec(1));
        }
        let index: BTreeMap<&str, usize> = plan
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let mut out = Vec::with_capacity(self.rows.len());
        let mut last_line = 1;
        for row in &self.rows {
            last_line = row.line;
            let Some(area) = index
                .get(row.area_code.as_str())
                .and_then(|&i| plan.areas.get(i))
            else {
                problems.push(
                    row.line,
                    Some("Area_Code"),
                    ResultsProblemKind::UnknownArea {
                        area: row.area_code.clone(),
                        poll: plan.poll.clone(),
                    },
                );
                continue;
            };
            let plan_region = area.region.clone().unwrap_or_default();
            if !row.region_code.is_empty() && row.region_code != plan_region {
                problems.push(
                    row.line,
                    Some("Region_Code"),
                    ResultsProblemKind::RegionMismatch {
                        area: area.id.clone(),
                        poll: plan.poll.clone(),
                        expected: plan_region,
                        found: row.region_code.clone(),
                    },
                );
            }
            if let (Some(found), Some(expected)) = (row.electorate, area.electorate) {
                if found != expected {
                    problems.push(
                        row.line,
                        Some("Electorate"),
                        ResultsProblemKind::Mismatch {
                            published: found.to_string(),
                            computed: expected.to_string(),
                        },
                    );
                }
            }
            let mut votes = vec![0u64; plan.choices.len()];
            for (&v, &c) in row.votes.iter().zip(&choice_map) {
                if let Some(slot) = votes.get_mut(c) {
                    *slot = v;
                }
            }
            let mut rejected = vec![0u64; plan.heads.len()];
            for (&v, &h) in row.rejected.iter().zip(&head_map) {
                if let Some(slot) = rejected.get_mut(h) {
                    *slot = v;
                }
            }
            let second = row.second.as_ref().map(|(second_votes, second_rejected)| {
                let mut votes = vec![0u64; plan.choices.len()];
                for (&v, &c) in second_votes.iter().zip(&choice_map) {
                    if let Some(slot) = votes.get_mut(c) {
                        *slot = v;
                    }
                }
                SecondCountTotal::new(area.id.clone(), votes, *second_rejected)
            });
            out.push(AreaTotals {
                line: row.line,
                total: LocalTotal::new(area.id.clone(), row.papers_forward, votes, rejected)
                    .expected(row.expected)
                    .polling_station_papers(row.polling_station_papers)
                    .postal_papers(row.postal_papers)
                    .explanation(row.explanation.clone())
                    .explained_variance(row.explained_variance)
                    .explained_forward_variance(row.explained_forward_variance)
                    .not_published(row.not_published),
                second,
            });
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems.into_vec(last_line))
        }
    }

    /// For each choice column, the plan's choice index.
    fn choice_map(&self, plan: &Plan, problems: &mut Problems<'_>) -> Vec<usize> {
        let mut map = Vec::with_capacity(self.choices.len());
        let mut matched = vec![false; plan.choices.len()];
        for column in &self.choices {
            let found = plan
                .choices
                .iter()
                .position(|c| c.name == *column)
                .or_else(|| plan.choices.iter().position(|c| c.id == *column));
            match found {
                Some(c) if matched.get(c) == Some(&false) => {
                    if let Some(m) = matched.get_mut(c) {
                        *m = true;
                    }
                    map.push(c);
                }
                Some(_) => {
                    problems.csv(
                        1,
                        Some(column),
                        CsvProblemKind::DuplicateColumn {
                            column: column.clone(),
                        },
                    );
                    map.push(usize::MAX);
                }
                None => {
                    problems.push(
                        1,
                        Some(column),
                        ResultsProblemKind::UnknownChoice {
                            column: column.clone(),
                            poll: plan.poll.clone(),
                            expected: plan
                                .choices
                                .iter()
                                .map(|c| c.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", "),
                        },
                    );
                    map.push(usize::MAX);
                }
            }
        }
        for (choice, _) in plan.choices.iter().zip(&matched).filter(|(_, &m)| !m) {
            problems.csv(
                1,
                None,
                CsvProblemKind::MissingColumn {
                    column: choice.name.clone(),
                },
            );
        }
        map
    }

    /// For each head column, the plan's head index.
    fn head_map(&self, plan: &Plan, problems: &mut Problems<'_>) -> Vec<usize> {
        let mut map = Vec::with_capacity(self.heads.len());
        for (column, head) in &self.heads {
            match plan.heads.iter().position(|h| h == head) {
                Some(h) => map.push(h),
                None => {
                    problems.push(
                        1,
                        Some(column),
                        ResultsProblemKind::HeadNotInPlan {
                            head: *head,
                            poll: plan.poll.clone(),
                            heads: plan
                                .heads
                                .iter()
                                .map(|h| h.code())
                                .collect::<Vec<_>>()
                                .join(", "),
                        },
                    );
                    map.push(usize::MAX);
                }
            }
        }
        // Published results with no head column at all published only their
        // votes (every row is `not_published`, or refused as partly
        // published).
        let none_published = self.published && self.heads.is_empty();
        for &head in &plan.heads {
            if !none_published && !self.heads.iter().any(|(_, h)| *h == head) {
                problems.csv(
                    1,
                    None,
                    CsvProblemKind::MissingColumn {
                        column: head_column(plan.method, head).to_owned(),
                    },
                );
            }
        }
        map
    }
}

/// One plan for several files read ([`AreaTable::plan`] of each, in turn):
/// the first file's choices, the given heads, every file's regions and
/// areas. If every row of every file has an official `id`, the areas are
/// in `id` order across the files (a region's file holds any subset of the
/// official ids); otherwise in the files' order.
///
/// # Errors
///
/// An `id`, or an area, in two files (each problem names both places).
pub fn plan_of_tables(
    tables: &[AreaTable],
    poll: &str,
    method: Method,
    heads: &[RejectionHead],
) -> Result<Plan, Vec<ResultsProblem>> {
    let mut problems = Vec::new();
    let mut ids: BTreeMap<u64, (&str, &str, u64)> = BTreeMap::new();
    let mut areas: BTreeMap<&str, (&str, u64)> = BTreeMap::new();
    let mut order: Vec<(Option<u64>, &AreaRow)> = Vec::new();
    for t in tables {
        for row in &t.rows {
            if let Some(&(other_file, other_line)) = areas.get(row.area_code.as_str()) {
                if other_file != t.source {
                    problems.push(ResultsProblem {
                        file: t.source.clone(),
                        line: row.line,
                        field: Some("Area_Code".into()),
                        kind: ResultsProblemKind::AreaInTwoFiles {
                            area: row.area_code.clone(),
                            other_file: other_file.to_owned(),
                            other_line,
                        },
                    });
                }
            } else {
                areas.insert(&row.area_code, (&t.source, row.line));
            }
            if let Some(id) = row.id {
                match ids.get(&id) {
                    Some(&(other_file, other, other_line)) if other_file != t.source => {
                        problems.push(ResultsProblem {
                            file: t.source.clone(),
                            line: row.line,
                            field: Some("id".into()),
                            kind: ResultsProblemKind::IdInTwoFiles {
                                id,
                                other: other.to_owned(),
                                other_file: other_file.to_owned(),
                                other_line,
                            },
                        });
                    }
                    Some(_) => {}
                    None => {
                        ids.insert(id, (&t.source, &row.area_code, row.line));
                    }
                }
            }
            order.push((row.id, row));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if order.iter().all(|(id, _)| id.is_some()) {
        order.sort_by_key(|(id, _)| *id);
    }
    let mut regions: Vec<Region> = Vec::new();
    for (_, row) in &order {
        if !row.region_code.is_empty() && !regions.iter().any(|r| r.id == row.region_code) {
            regions.push(Region::new(&row.region_code, &row.region));
        }
    }
    Ok(Plan::new(
        poll.to_owned(),
        method,
        tables
            .first()
            .map(|t| t.choices.iter().map(|c| Choice::new(c, c)).collect())
            .unwrap_or_default(),
        heads.to_vec(),
        order
            .iter()
            .map(|(_, r)| {
                Area::new(
                    &r.area_code,
                    &r.area,
                    (!r.region_code.is_empty()).then_some(r.region_code.as_str()),
                    r.electorate,
                )
            })
            .collect(),
    )
    .regions(regions))
}

/// Reads a local totals CSV of the poll `plan`: [`read`] then
/// [`AreaTable::local_totals`].
///
/// # Errors
///
/// Every problem either finds.
pub fn read_local_totals(
    bytes: &[u8],
    source: &str,
    plan: &Plan,
) -> Result<Vec<AreaTotals>, Vec<ResultsProblem>> {
    read(bytes, source)?.local_totals(plan)
}

// ------------------------------------------------------------------ writing

/// Which columns [`write_areas`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    /// The Electoral Commission's published columns: for a referendum of
    /// two answers, exactly [`EU_REFERENDUM_2016_COLUMNS`] with the answers'
    /// names.
    Published,
    /// The published columns, then `PollingStationPapers`, `PostalPapers`,
    /// `Explanation` and, at a supplementary-vote poll, `Second:<choice>`
    /// for every choice and `Second_Rejected`: everything a local total
    /// holds, so that the file reads back to the same totals.
    Full,
}

/// How percentages are written. Either way they are computed exactly and
/// rounded half up to two places ([`Figures::turnout`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentFormat {
    /// Always two places: `61.10`, `0.00`.
    TwoPlaces,
    /// As in the Electoral Commission's 2016 file: trailing zeros and a
    /// bare point dropped (`61.1`, `0`, `55.01`).
    TrailingZerosDropped,
}

/// The order of the rows of [`write_areas`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowOrder {
    /// The plan's order of areas (the `id` order).
    Plan,
    /// By area name (bytewise, then by id), as the 2016 file is.
    AreaName,
}

/// How [`write_areas`] and [`write_summary`] write. No `Default`: the
/// caller chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WriteOptions {
    /// Which columns.
    pub columns: Columns,
    /// How percentages are written.
    pub percentages: PercentFormat,
    /// The order of the area rows.
    pub order: RowOrder,
}

impl WriteOptions {
    /// Write these columns, percentages and row order.
    #[must_use]
    pub const fn new(
        columns: Columns,
        percentages: PercentFormat,
        order: RowOrder,
    ) -> WriteOptions {
        WriteOptions {
            columns,
            percentages,
            order,
        }
    }

    /// The Electoral Commission's 2016 layout: published columns,
    /// percentages with trailing zeros dropped, rows by area name.
    pub const EC_2016: WriteOptions = WriteOptions {
        columns: Columns::Published,
        percentages: PercentFormat::TrailingZerosDropped,
        order: RowOrder::AreaName,
    };
}

/// A percentage as written: empty if there is none.
fn pct<P: fmt::Display>(p: Option<P>, format: PercentFormat) -> String {
    let Some(p) = p else {
        return String::new();
    };
    let text = p.to_string();
    match format {
        PercentFormat::TwoPlaces => text,
        PercentFormat::TrailingZerosDropped => {
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
    }
}

/// The column each choice is written under: its name, unless the name is
/// empty, is a column the format names, a head, starts with `Pct_` or
/// `Second:`, or is shared with another choice; then its id.
#[must_use]
pub fn choice_columns(plan: &Plan) -> Vec<String> {
    plan.choices
        .iter()
        .map(|c| {
            let unique = plan.choices.iter().filter(|o| o.name == c.name).count() == 1;
            if unique && is_choice_name(&c.name) {
                c.name.clone()
            } else {
                c.id.clone()
            }
        })
        .collect()
}

fn figure_cells(
    figures: &Figures,
    choice_cols: usize,
    format: PercentFormat,
) -> (Vec<String>, Vec<String>) {
    let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    // Figures of areas that published only their votes are left empty,
    // never written as zero.
    let published = figures.not_published() == 0;
    let known = |v: u64| {
        if published {
            v.to_string()
        } else {
            String::new()
        }
    };
    let mut before = vec![
        opt(figures.electorate()),
        opt(figures.expected()),
        known(figures.papers_forward()),
        pct(figures.turnout(), format),
        known(figures.counted()),
        figures.valid().to_string(),
    ];
    before.extend(figures.votes().iter().map(u64::to_string));
    before.push(known(figures.rejected_total()));
    before.extend(figures.rejected().iter().map(|&v| known(v)));
    let mut after: Vec<String> = (0..choice_cols)
        .map(|c| pct(figures.share(c), format))
        .collect();
    after.push(pct(figures.rejected_share(), format));
    (before, after)
}

fn figure_header(plan: &Plan, choices: &[String]) -> (Vec<String>, Vec<String>) {
    let mut before: Vec<String> = [
        "Electorate",
        "ExpectedBallots",
        "VerifiedBallotPapers",
        "Pct_Turnout",
        "Votes_Cast",
        "Valid_Votes",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    before.extend(choices.iter().cloned());
    before.push("Rejected_Ballots".to_owned());
    before.extend(
        plan.heads
            .iter()
            .map(|&h| head_column(plan.method, h).to_owned()),
    );
    let mut after: Vec<String> = choices.iter().map(|c| format!("{PCT}{c}")).collect();
    after.push("Pct_Rejected".to_owned());
    (before, after)
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Vec<u8> {
    writer.into_inner().unwrap_or_default()
}

/// The area CSV of `collated` (the figures of every area with a local
/// total; areas never reported, or withdrawn for a re-count, have no row).
///
/// Columns: `id` (the area's 1-based position in the plan), `Region_Code`,
/// `Region`, `Area_Code`, `Area`, `Electorate`, `ExpectedBallots`,
/// `VerifiedBallotPapers`, `Pct_Turnout`, `Votes_Cast`, `Valid_Votes`, a
/// column per choice ([`choice_columns`]), `Rejected_Ballots`, a column per
/// head ([`head_column`]), `Pct_<choice>`, `Pct_Rejected`; then, with
/// [`Columns::Full`], the optional columns of a local totals CSV. Lines end
/// in LF.
#[must_use]
pub fn write_areas(plan: &Plan, collated: &Collated, options: &WriteOptions) -> Vec<u8> {
    let choices = choice_columns(plan);
    let sv = plan.method == Method::SupplementaryVote;
    let full = options.columns == Columns::Full;
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let (before, after) = figure_header(plan, &choices);
    let mut header: Vec<String> = ["id", "Region_Code", "Region", "Area_Code", "Area"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    header.extend(before);
    header.extend(after);
    if full {
        header.extend(
            [
                "PollingStationPapers",
                "PostalPapers",
                "Explanation",
                "Explained_Variance",
                "Explained_Forward_Variance",
            ]
            .iter()
            .map(|s| (*s).to_owned()),
        );
        if sv {
            header.extend(choices.iter().map(|c| format!("{SECOND}{c}")));
            header.push("Second_Rejected".to_owned());
        }
    }
    let _ = writer.write_record(&header);
    let positions: BTreeMap<&str, usize> = plan
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut rows: Vec<(usize, &Area, &countroom_collate::AreaResult)> = collated
        .areas
        .iter()
        .filter_map(|r| {
            let i = *positions.get(r.area.as_str())?;
            Some((i, plan.areas.get(i)?, r))
        })
        .collect();
    if options.order == RowOrder::AreaName {
        rows.sort_by(|a, b| {
            (a.1.name.as_str(), a.1.id.as_str()).cmp(&(b.1.name.as_str(), b.1.id.as_str()))
        });
    }
    for (i, area, result) in rows {
        let region = area
            .region
            .as_deref()
            .and_then(|r| plan.regions.iter().find(|x| x.id == r));
        let f = &result.figures;
        let mut record = vec![
            // A position in a Vec: its successor fits.
            (i + 1).to_string(),
            region.map(|r| r.id.clone()).unwrap_or_default(),
            region.map(|r| r.name.clone()).unwrap_or_default(),
            area.id.clone(),
            area.name.clone(),
        ];
        let (before, after) = figure_cells(f, choices.len(), options.percentages);
        record.extend(before);
        record.extend(after);
        if full {
            let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
            record.push(opt(f.polling_station_papers()));
            record.push(opt(f.postal_papers()));
            record.push(result.explanation.clone().unwrap_or_default());
            let signed = |v: Option<i128>| v.map(|v| v.to_string()).unwrap_or_default();
            record.push(signed(result.explained_variance));
            record.push(signed(result.explained_forward_variance));
            if sv {
                if f.second_counts() > 0 {
                    record.extend(f.second_votes().iter().map(u64::to_string));
                    record.push(f.second_rejected().to_string());
                } else {
                    record.extend((0..=choices.len()).map(|_| String::new()));
                }
            }
        }
        let _ = writer.write_record(&record);
    }
    finish(writer)
}

/// A summary CSV: one row per region (the sum of its authorised areas) in
/// the plan's order, then one for the whole poll (`Region_Code` empty,
/// `Region` `Total`). Columns: `Region_Code`, `Region`, `Areas`, then the
/// figures as in [`write_areas`] (`Electorate` … `Pct_Rejected`). Lines end
/// in LF. Not a local totals CSV: it does not read back with [`read`].
#[must_use]
pub fn write_summary(plan: &Plan, collated: &Collated, options: &WriteOptions) -> Vec<u8> {
    let choices = choice_columns(plan);
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let (before, after) = figure_header(plan, &choices);
    let mut header: Vec<String> = ["Region_Code", "Region", "Areas"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    header.extend(before);
    header.extend(after);
    let _ = writer.write_record(&header);
    let rows = collated
        .regions
        .iter()
        .map(|r| {
            let name = plan
                .regions
                .iter()
                .find(|x| x.id == r.region)
                .map(|x| x.name.clone())
                .unwrap_or_default();
            (r.region.clone(), name, &r.figures)
        })
        .chain(std::iter::once((
            String::new(),
            "Total".to_owned(),
            &collated.total,
        )));
    for (code, name, figures) in rows {
        let mut record = vec![code, name, figures.areas().to_string()];
        let (before, after) = figure_cells(figures, choices.len(), options.percentages);
        record.extend(before);
        record.extend(after);
        let _ = writer.write_record(&record);
    }
    finish(writer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use countroom_collate::Collation;
    use proptest::prelude::*;

    fn plan(method: Method) -> Plan {
        Plan::new(
            "p",
            method,
            vec![
                Choice::new("a", "Alpha"),
                Choice::new("b", "Beta"),
                Choice::new("c", "Gamma"),
            ],
            vec![RejectionHead::NoOfficialMark, RejectionHead::UnmarkedOrVoid],
            vec![
                Area::new("X1", "One", Some("R"), Some(1_000)),
                Area::new("X2", "Two, the second", None, None),
            ],
        )
        .regions(vec![Region::new("R", "Region")])
    }

    const HEADER: &str = "Region_Code,Region,Area_Code,Area,Electorate,ExpectedBallots,VerifiedBallotPapers,Alpha,Beta,Gamma,no_official_mark,unmarked_or_void";

    fn problems_of(csv: &str) -> Vec<String> {
        match read(csv.as_bytes(), "t.csv") {
            Ok(t) => t
                .local_totals(&plan(Method::FirstPastThePost))
                .err()
                .unwrap_or_default()
                .iter()
                .map(ToString::to_string)
                .collect(),
            Err(p) => p.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn lines_count_cr_lf_and_crlf_each_as_one_break() {
        for (text, expected) in [
            ("h\ra\rb\r", vec![2, 3]),
            ("h\na\nb", vec![2, 3]),
            ("h\r\na\r\nb\r\n", vec![2, 3]),
            ("h\r\r\ra\rb", vec![4, 5]),
            ("h\n\"x\ry\"\rb\n", vec![2, 4]),
            ("h\ra\r\nb\nc", vec![2, 3, 4]),
        ] {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut lines = LineCounter::new(text.as_bytes());
            let mut record = csv::ByteRecord::new();
            let mut out = Vec::new();
            while reader.read_byte_record(&mut record).unwrap() {
                out.push(lines.line_of(record.position()));
            }
            assert_eq!(out[1..], expected[..], "{text:?}");
        }
    }

    #[test]
    fn percentages_parse_to_two_places() {
        assert_eq!(basis_points("61.1"), Some(6110));
        assert_eq!(basis_points("61.10"), Some(6110));
        assert_eq!(basis_points("0"), Some(0));
        assert_eq!(basis_points("0.05"), Some(5));
        assert_eq!(basis_points("100"), Some(10_000));
        for bad in ["", ".5", "5.", "1.234", "-1", "1e2", "1.2.3", " . "] {
            assert_eq!(basis_points(bad), None, "{bad:?}");
        }
    }

    /// Columns in another order, a byte order mark, choices named by id or
    /// name, derived columns checked: X1's papers counted 503 of 1,000
    /// electors is 50.30%; Beta's 200 of 501 valid votes is 39.92%.
    #[test]
    fn reads_a_local_totals_file_in_plan_order() {
        let csv = "\u{feff}Area_Code,Region_Code,Region,Area,Electorate,ExpectedBallots,VerifiedBallotPapers,c,Beta,a,unmarked_or_void,no_official_mark,Votes_Cast,Pct_Turnout,Pct_Beta,Explanation,id\n\
                   X1,R,Region,One,1000,500,503,1,200,300,2,0,503,50.3,39.92,,1\n\
                   X2,,,\"Two, the second\",,,10,1,2,3,4,0,10,,33.33,a tear,\n";
        let totals =
            read_local_totals(csv.as_bytes(), "t.csv", &plan(Method::FirstPastThePost)).unwrap();
        assert_eq!(totals.len(), 2);
        assert_eq!(totals[0].line, 2);
        assert_eq!(
            totals[0].total,
            LocalTotal::new("X1", 503, vec![300, 200, 1], vec![0, 2]).expected(Some(500))
        );
        assert_eq!(totals[1].total.votes, [3, 2, 1]);
        assert_eq!(totals[1].total.explanation.as_deref(), Some("a tear"));
        assert_eq!(totals[1].second, None);
    }

    #[test]
    fn header_problems_are_all_listed() {
        assert_eq!(
            problems_of(""),
            ["t.csv:1: the file is empty: expected a header row (Region_Code,Region,Area_Code,Area,Electorate,ExpectedBallots,VerifiedBallotPapers)"]
        );
        assert_eq!(
            problems_of("Area_Code,Alpha,Alpha,Pct_Omega,Second:Omega,no_official_mark,No_official_mark\n"),
            [
                "t.csv:1: field `Alpha`: column \"Alpha\" appears twice",
                "t.csv:1: field `No_official_mark`: column \"No_official_mark (the same head as no_official_mark)\" appears twice",
                "t.csv:1: field `Pct_Omega`: column \"Pct_Omega\" names choice \"Omega\", which has no column of votes",
                "t.csv:1: field `Second:Omega`: column \"Second:Omega\" names choice \"Omega\", which has no column of votes",
                "t.csv:1: missing column \"Region_Code\"",
                "t.csv:1: missing column \"Region\"",
                "t.csv:1: missing column \"Area\"",
                "t.csv:1: missing column \"Electorate\"",
                "t.csv:1: missing column \"ExpectedBallots\"",
                "t.csv:1: missing column \"VerifiedBallotPapers\"",
            ]
        );
        // Against the plan: a misspelt choice, a missing choice and head, a
        // head the poll does not have.
        assert_eq!(
            problems_of("Region_Code,Region,Area_Code,Area,Electorate,ExpectedBallots,VerifiedBallotPapers,Alpha,Betta,no_official_mark,too_many_votes\n"),
            [
                "t.csv:1: field `Betta`: column \"Betta\" names no choice of poll p (its choices: Alpha, Beta, Gamma)",
                "t.csv:1: missing column \"Beta\"",
                "t.csv:1: missing column \"Gamma\"",
                "t.csv:1: field `too_many_votes`: head too_many_votes is not on the statement of rejected papers of poll p (its heads: no_official_mark, unmarked_or_void)",
                "t.csv:1: missing column \"unmarked_or_void\"",
            ]
        );
    }

    #[test]
    fn row_problems_name_line_and_field() {
        let csv = format!(
            "{HEADER},Votes_Cast,Valid_Votes,Rejected_Ballots,Pct_Alpha,Pct_Rejected,id\n\
             R,Region,X1,One,1000,,10,1,2,3,4,0,10,6,4,16.67,40,1\n\
             R,Region,X2,Two,5,,x,1,2,3,4,0,10,6,4,16.67,40,2\n\
             R,Region,X3,One,1000,,10,1,2,3,4,0\n\
             R,Region,,One,1000,,10,1,2,3,4,0,10,6,4,16.67,40,5\n\
             R,Region,X6,One,1000,,10,1,2,3,4,0,10,6,4,16.666,40,6\n\
             R,Region Again,X7,One,1000,,10,1,2,3,4,0,10,6,4,16.67,40,7\n\
             R,Region,X1,One,1000,,10,1,2,3,4,0,10,6,4,16.67,40,8\n\
             R,Region,X9,One,1000,,10,1,2,3,4,0,11,6,4,16.67,40.1,9\n\
             R,Region,X10,One,1000,,10,1,2,3,4,0,10,6,4,16.67,40,1\n"
        );
        assert_eq!(
            problems_of(&csv),
            [
                "t.csv:3: field `VerifiedBallotPapers`: \"x\" is not a whole number of 0 or more",
                "t.csv:4: 12 fields, but the header has 18",
                "t.csv:5: field `Area_Code`: empty value",
                "t.csv:6: field `Pct_Alpha`: \"16.666\" is not a percentage (a number with at most two decimal places)",
                "t.csv:7: field `Region`: region R is named \"Region Again\" here but \"Region\" on line 2",
                "t.csv:8: field `Area_Code`: area X1 is listed twice (first on line 2)",
                "t.csv:9: field `Votes_Cast`: published \"11\", but the figures give \"10\"",
                "t.csv:9: field `Pct_Rejected`: published \"40.1\", but the figures give \"40.00\"",
                "t.csv:10: field `id`: id 1 is used twice (first on line 2): each area needs its own official id; correct it, or leave the id column empty to keep the file's order",
            ]
        );
    }

    /// An official `id` is not a position in the plan: it orders the areas
    /// and is refused only when two areas share it.
    #[test]
    fn rows_are_checked_against_the_plan() {
        let csv = format!(
            "{HEADER},id\n\
             R,Region,X1,One,999,,10,1,2,3,4,0,2\n\
             R,Region,X2,Two,,,10,1,2,3,4,0,\n\
             R,Region,X3,Three,,,10,1,2,3,4,0,\n"
        );
        assert_eq!(
            problems_of(&csv),
            [
                "t.csv:2: field `Electorate`: published \"999\", but the figures give \"1000\"",
                "t.csv:3: field `Region_Code`: area X2 is in region \"\" in poll p, not \"R\"",
                "t.csv:4: field `Area_Code`: area \"X3\" is not a counting area of poll p",
            ]
        );
    }

    #[test]
    fn second_count_columns() {
        let header = format!("{HEADER},Second:Alpha,Second:Beta,Second_Rejected");
        let csv = format!(
            "{header}\n\
             R,Region,X1,One,1000,,10,1,2,3,4,0,,,\n\
             ,,X2,Two,,,10,1,2,3,4,0,1,,0\n"
        );
        assert_eq!(
            problems_of(&csv),
            ["t.csv:3: field `Second:Beta`: empty value"]
        );
        let csv = format!(
            "{header}\n\
             R,Region,X1,One,1000,,10,1,2,3,4,0,,,\n\
             ,,X2,Two,,,10,1,2,3,4,0,1,0,2\n"
        );
        let totals =
            read_local_totals(csv.as_bytes(), "t.csv", &plan(Method::SupplementaryVote)).unwrap();
        assert_eq!(totals[0].second, None);
        assert_eq!(
            totals[1].second,
            Some(SecondCountTotal::new("X2", vec![1, 0, 0], 2))
        );
    }

    /// A supplementary-vote collation written in full reads back to the
    /// same local and second-count totals; percentages are written to two
    /// places or, as the 2016 file does, without trailing zeros.
    /// A stated variance is written as the statement prints it (`-4`,
    /// `+29,996`) or plainly (`12`); anything else is not a number.
    #[test]
    fn stated_variances_are_signed_whole_numbers() {
        assert_eq!(optional_signed("-4"), Ok(Some(-4)));
        assert_eq!(optional_signed(" +29,996 "), Ok(Some(29_996)));
        assert_eq!(optional_signed("12"), Ok(Some(12)));
        assert_eq!(optional_signed("0"), Ok(Some(0)));
        assert_eq!(optional_signed(""), Ok(None));
        for bad in ["- 4", "--4", "+-4", "-", "4.0", "minus four", "-1,0000"] {
            assert!(
                matches!(optional_signed(bad), Err(CsvProblemKind::BadNumber { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn written_files_read_back() {
        let p = plan(Method::SupplementaryVote);
        let mut c = Collation::new(p.clone()).unwrap();
        let x1 = LocalTotal::new("X1", 600, vec![250, 200, 140], vec![4, 6])
            .expected(Some(600))
            .polling_station_papers(Some(400))
            .postal_papers(Some(200));
        let x2 = LocalTotal::new("X2", 101, vec![40, 50, 10], vec![0, 0])
            .explanation(Some("one paper, \"found\"\nlater".into()));
        for t in [&x1, &x2] {
            c.report(t.clone()).unwrap();
            c.authorise(&t.area).unwrap();
        }
        assert_eq!(c.direct_second_count().unwrap(), [0, 1]);
        let s1 = SecondCountTotal::new("X1", vec![50, 60, 0], 10);
        c.report_second(s1.clone()).unwrap();
        let collated = c.collated().unwrap();
        let options = WriteOptions {
            columns: Columns::Full,
            percentages: PercentFormat::TwoPlaces,
            order: RowOrder::AreaName,
        };
        let bytes = write_areas(&p, &collated, &options);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(
            text.lines().next().unwrap(),
            "id,Region_Code,Region,Area_Code,Area,Electorate,ExpectedBallots,VerifiedBallotPapers,Pct_Turnout,Votes_Cast,Valid_Votes,Alpha,Beta,Gamma,Rejected_Ballots,no_official_mark,unmarked_or_void,Pct_Alpha,Pct_Beta,Pct_Gamma,Pct_Rejected,PollingStationPapers,PostalPapers,Explanation,Explained_Variance,Explained_Forward_Variance,Second:Alpha,Second:Beta,Second:Gamma,Second_Rejected"
        );
        assert!(text.contains("\n1,R,Region,X1,One,1000,600,600,60.00,600,590,250,200,140,10,4,6,42.37,33.90,23.73,1.67,400,200,,,,50,60,0,10\n"));
        assert!(!text.contains('\r'));
        let back = read_local_totals(&bytes, "w.csv", &p).unwrap();
        // By area name: "One" before "Two, the second".
        assert_eq!(back[0].total, x1);
        assert_eq!(back[0].second, Some(s1));
        assert_eq!(back[1].total, x2);
        assert_eq!(back[1].second, None);

        let published = write_areas(
            &p,
            &collated,
            &WriteOptions {
                columns: Columns::Published,
                percentages: PercentFormat::TrailingZerosDropped,
                order: RowOrder::Plan,
            },
        );
        let text = String::from_utf8(published).unwrap();
        assert!(text.contains("\n1,R,Region,X1,One,1000,600,600,60,600,590,250,200,140,10,4,6,42.37,33.9,23.73,1.67\n"));
        assert!(text
            .contains("\n2,,,X2,\"Two, the second\",,,101,,100,100,40,50,10,0,0,0,40,50,10,0\n"));

        let summary = String::from_utf8(write_summary(&p, &collated, &options)).unwrap();
        assert_eq!(
            summary.lines().collect::<Vec<_>>()[1..],
            [
                "R,Region,1,1000,600,600,60.00,600,590,250,200,140,10,4,6,42.37,33.90,23.73,1.67",
                ",Total,2,,,701,,700,690,290,250,150,10,4,6,42.03,36.23,21.74,1.43",
            ]
        );
    }

    #[test]
    fn head_columns() {
        assert_eq!(
            head_column(Method::Referendum, RejectionHead::TooManyVotes),
            "Voting_for_both_answers"
        );
        assert_eq!(
            head_column(Method::SupplementaryVote, RejectionHead::TooManyVotes),
            "too_many_votes"
        );
        assert_eq!(
            head_column(Method::Referendum, RejectionHead::Unmarked),
            "unmarked"
        );
        assert_eq!(
            head_of_column("Writing_or_mark"),
            Some(RejectionHead::IdentifyingMark)
        );
        // A choice whose name is a column of the format is written under its id.
        let mut p = plan(Method::Referendum);
        p.choices[0].name = "Area".into();
        p.choices[1].name = "Gamma".into();
        assert_eq!(choice_columns(&p), ["a", "b", "c"]);
    }

    proptest! {
        /// Any bytes: the reader never panics.
        #[test]
        fn never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_local_totals(&bytes, "fuzz", &plan(Method::SupplementaryVote));
        }

        /// Rows built from a valid header, with fields drawn from a small
        /// alphabet: never panics.
        #[test]
        fn never_panics_on_near_valid_rows(
            cells in prop::collection::vec(prop::sample::select(vec!["", "0", "1", "x", "1.5", "X1", "R", "99999999999999999999", "\r", "\""]), 0..60)
        ) {
            let mut csv = format!("{HEADER},Votes_Cast,Pct_Turnout,Pct_Alpha,Second:Alpha,Second_Rejected\n");
            for chunk in cells.chunks(17) {
                csv.push_str(&chunk.join(","));
                csv.push('\n');
            }
            let _ = read_local_totals(csv.as_bytes(), "fuzz", &plan(Method::SupplementaryVote));
        }
    }

    fn with(csv: &str, options: &ReadOptions) -> Result<AreaTable, Vec<String>> {
        read_with(csv.as_bytes(), "t.csv", options)
            .map_err(|p| p.iter().map(ToString::to_string).collect())
    }

    fn declared(choices: &[&str], published: bool) -> ReadOptions {
        ReadOptions {
            choices: Some(choices.iter().map(|&c| c.to_owned()).collect()),
            published,
        }
    }

    /// Issue 16: with `--published`, an extra whole-number "Total" column
    /// became a third answer. Declared choices refuse it, naming the file,
    /// line 1 and the column; a declared choice with no column is refused
    /// too. Undeclared, the old reading stands (every other column is a
    /// choice).
    #[test]
    fn declared_choices_refuse_any_other_column() {
        let csv = "Area_Code,Area,Electorate,Remain,Leave,Total\nA1,One,100,40,50,90\n";
        assert_eq!(
            with(csv, &declared(&["Remain", "Leave"], true)).unwrap_err(),
            ["t.csv:1: field `Total`: column \"Total\" is neither a column of the local totals format nor a declared choice (choices: Remain, Leave): remove the column, or declare it a choice with --choices"]
        );
        assert_eq!(
            with(
                csv,
                &declared(&["Remain", "Leave", "Total", "Abstain"], true)
            )
            .unwrap_err(),
            ["t.csv:1: missing column \"Abstain (a declared choice)\""]
        );
        // Declared in ballot-paper order, whatever the file's order.
        let csv = "Area_Code,Area,Leave,Remain\nA1,One,50,40\n";
        let t = with(csv, &declared(&["Remain", "Leave"], true)).unwrap();
        assert_eq!(t.choices, ["Remain", "Leave"]);
        assert_eq!(t.rows[0].votes, [40, 50]);
        let t = with(
            "Area_Code,Area,Remain,Leave,Total\nA1,One,40,50,90\n",
            &ReadOptions {
                choices: None,
                published: true,
            },
        )
        .unwrap();
        assert_eq!(t.choices, ["Remain", "Leave", "Total"]);
    }

    /// Figures as published with thousands separators ("59,390") read as
    /// whole numbers; a misplaced separator is refused.
    #[test]
    fn thousands_separators() {
        assert_eq!(number("59,390"), Ok(59_390));
        assert_eq!(number("1,617,989"), Ok(1_617_989));
        assert_eq!(number(" 999 "), Ok(999));
        for bad in ["59,39", "5939,0", ",590", "1,,000", "1,0000", "1.000", "-1"] {
            assert_eq!(
                number(bad),
                Err(CsvProblemKind::BadNumber { value: bad.into() }),
                "{bad}"
            );
        }
        // Quoted in a CSV file, as published.
        let csv = format!("{HEADER}\nR,Region,X1,One,\"1,000\",,\"1,010\",1,\"1,002\",3,4,0\n");
        let t = read(csv.as_bytes(), "t.csv").unwrap();
        assert_eq!(t.rows[0].electorate, Some(1_000));
        assert_eq!(t.rows[0].papers_forward, 1_010);
        assert_eq!(t.rows[0].votes, [1, 1_002, 3]);
    }

    proptest! {
        /// Every whole number reads back the same written plainly and with
        /// thousands separators as countroom prints them
        /// (`countroom_arith::thousands`); one separator moved is refused.
        #[test]
        fn thousands_separators_round_trip(n in any::<u64>()) {
            let grouped = countroom_arith::thousands(n);
            prop_assert_eq!(number(&n.to_string()), Ok(n));
            prop_assert_eq!(number(&grouped), Ok(n));
            if let Some(i) = grouped.find(',') {
                let mut moved = grouped.clone();
                moved.remove(i);
                moved.insert(i + 1, ',');
                prop_assert!(number(&moved).is_err(), "{}", moved);
            }
        }
    }

    /// The 2014 Scottish independence referendum by council publishes Yes,
    /// No and the turnout only. With `published`, such a row is read as
    /// publishing only its votes (Glasgow City Council's declaration: Yes
    /// 194,779, No 169,347, turnout 75.00%); a row that publishes its
    /// papers going forward without the rejected papers is refused.
    #[test]
    fn areas_that_publish_only_their_votes() {
        let csv = "Area_Code,Area,Yes,No,Pct_Turnout\nS12000046,Glasgow City,\"194,779\",\"169,347\",75.0\n";
        let t = with(csv, &declared(&["Yes", "No"], true)).unwrap();
        assert!(t.rows[0].not_published);
        assert_eq!(t.rows[0].votes, [194_779, 169_347]);
        let plan = t.plan(
            "scotland-2014",
            Method::Referendum,
            &[RejectionHead::NoOfficialMark],
        );
        let totals = t.local_totals(&plan).unwrap();
        assert!(totals[0].total.not_published);
        // Not published, the same file is refused for its missing columns.
        assert!(with(csv, &declared(&["Yes", "No"], false)).is_err());
        let csv = format!("{HEADER}\nR,Region,X1,One,1000,,10,1,2,3,,\n");
        let options = ReadOptions {
            choices: None,
            published: true,
        };
        assert_eq!(
            with(&csv, &options).unwrap_err(),
            ["t.csv:2: field `VerifiedBallotPapers`: the ballot papers going forward are published but not the rejected papers: give both the ballot papers going forward (VerifiedBallotPapers) and the rejected papers under every head, or neither (only the votes published)"]
        );
        let csv = format!("{HEADER}\nR,Region,X1,One,1000,,10,1,2,3,4,\n");
        assert_eq!(
            with(&csv, &options).unwrap_err(),
            ["t.csv:2: field `unmarked_or_void`: empty value"]
        );
    }

    /// Region files carry the official ids of their areas, any subset of
    /// them: read together, the areas are in id order across the files;
    /// an id or an area in two files is refused, naming both places and
    /// what to do.
    #[test]
    fn official_ids_across_files() {
        let north = format!("{HEADER},id\nR,Region,X3,Three,,,10,1,2,3,4,0,143\nR,Region,X1,One,1000,,10,1,2,3,4,0,18\n");
        let south = format!("{HEADER},id\nR,Region,X2,Two,,,10,1,2,3,4,0,20\n");
        let tables = [
            read(north.as_bytes(), "north.csv").unwrap(),
            read(south.as_bytes(), "south.csv").unwrap(),
        ];
        let plan = plan_of_tables(
            &tables,
            "p",
            Method::FirstPastThePost,
            &[RejectionHead::NoOfficialMark, RejectionHead::UnmarkedOrVoid],
        )
        .unwrap();
        let ids: Vec<&str> = plan.areas.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["X1", "X2", "X3"]);
        for t in &tables {
            assert!(t.local_totals(&plan).is_ok());
        }
        let again = format!(
            "{HEADER},id\nR,Region,X4,Four,,,10,1,2,3,4,0,18\nR,Region,X3,Three,,,10,1,2,3,4,0,1\n"
        );
        let tables = [
            read(north.as_bytes(), "north.csv").unwrap(),
            read(again.as_bytes(), "again.csv").unwrap(),
        ];
        let problems: Vec<String> = plan_of_tables(&tables, "p", Method::FirstPastThePost, &[])
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            problems,
            [
                "again.csv:2: field `id`: id 18 is also used for area X1 (north.csv:3): the id column orders the areas, so each area needs its own; correct it, or leave the id column empty in every file to keep the files' order",
                "again.csv:3: field `Area_Code`: area X3 is also listed in north.csv:2: each area's local total is reported once",
            ]
        );
    }

    /// Every kind of problem converts into the one problem shape, with its
    /// stable code.
    #[test]
    fn results_problems_convert_to_the_one_shape() {
        let csv = format!("{HEADER}\nR,Region,X1,One,1000,,x,1,2,3,4,0\n");
        let p = read(csv.as_bytes(), "t.csv").unwrap_err();
        let one = crate::Problem::from(&p[0]);
        assert_eq!(
            (
                one.file.as_str(),
                one.line,
                one.field.as_deref(),
                one.code.as_str()
            ),
            ("t.csv", Some(2), Some("VerifiedBallotPapers"), "bad_number")
        );
        assert_eq!(one.to_string(), p[0].to_string());
    }
}

// ------------------------------------------------------------- collation JSON

/// A percentage as exact text (`"72.21"`), never a float; `None`: unknown.
fn pct_text<P: fmt::Display>(p: Option<P>) -> Option<String> {
    p.map(|p| p.to_string())
}

#[derive(serde::Serialize)]
struct HeadView<'a> {
    code: &'static str,
    letter: &'a str,
    label: &'a str,
}

#[derive(serde::Serialize)]
struct FiguresView {
    areas: u64,
    not_published: u64,
    electorate: Option<u64>,
    expected: Option<u64>,
    papers_forward: Option<u64>,
    counted: Option<u64>,
    valid: u64,
    votes: Vec<u64>,
    rejected: Option<Vec<u64>>,
    rejected_total: Option<u64>,
    turnout: Option<String>,
    shares: Vec<Option<String>>,
}

impl FiguresView {
    fn of(f: &Figures) -> Self {
        let published = f.not_published() == 0;
        FiguresView {
            areas: f.areas(),
            not_published: f.not_published(),
            electorate: f.electorate(),
            expected: f.expected(),
            papers_forward: published.then(|| f.papers_forward()),
            counted: published.then(|| f.counted()),
            valid: f.valid(),
            votes: f.votes().to_vec(),
            rejected: published.then(|| f.rejected().to_vec()),
            rejected_total: published.then(|| f.rejected_total()),
            turnout: pct_text(f.turnout()),
            shares: (0..f.votes().len()).map(|c| pct_text(f.share(c))).collect(),
        }
    }
}

#[derive(serde::Serialize)]
struct CheckView<'a> {
    differs: bool,
    forward_less_expected: Option<String>,
    forward_less_verified: Option<String>,
    counted_less_forward: Option<String>,
    explanation: Option<&'a str>,
    explained_variance: Option<String>,
    explained_forward_variance: Option<String>,
    above_electorate: Vec<AboveElectorateView>,
}

#[derive(serde::Serialize)]
struct AboveElectorateView {
    figure: &'static str,
    papers: u64,
    electorate: u64,
}

#[derive(serde::Serialize)]
struct AreaView<'a> {
    area: &'a str,
    name: &'a str,
    region: Option<&'a str>,
    authorised: bool,
    figures: FiguresView,
    check: Option<CheckView<'a>>,
}

#[derive(serde::Serialize)]
struct RegionView<'a> {
    region: &'a str,
    name: &'a str,
    figures: FiguresView,
}

#[derive(serde::Serialize)]
struct CollationView<'a> {
    poll: &'a str,
    method: String,
    choices: Vec<&'a str>,
    heads: Vec<HeadView<'a>>,
    areas: Vec<AreaView<'a>>,
    regions: Vec<RegionView<'a>>,
    total: FiguresView,
    differing_areas: Vec<&'a str>,
    not_published_areas: Vec<&'a str>,
    missing: &'a [String],
    unauthorised: &'a [String],
    not_authorised: &'a [Withheld],
    outcome: OutcomeView<'a>,
}

/// An area not authorised, with why: the collation's stable code
/// (`countroom_collate::CollateError::code`, e.g. `above_electorate`) and
/// its message, as the JSON's `not_authorised` lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Withheld {
    /// The stable code.
    pub code: &'static str,
    /// The message, naming the area and the figures.
    pub message: String,
}

#[derive(serde::Serialize)]
struct OutcomeView<'a> {
    kind: &'static str,
    choices: Vec<&'a str>,
}

/// The collation as JSON (serde): the poll, its choices and heads (code,
/// paragraph letter and statutory wording), every area's figures and
/// check, each region's and the poll's figures, the areas whose papers
/// expected, verified and counted differ (as data), those that published
/// only their votes, those missing or not authorised (`not_authorised`:
/// each with its code and the reason given), and the outcome. Counts are JSON integers;
/// percentages and signed variances are exact text (`"72.21"`, `"-20"`);
/// a figure not published is `null`, never `0`.
///
/// # Errors
///
/// If serde_json fails to write it.
pub fn collation_json(
    plan: &Plan,
    collated: &Collated,
    checks: &[countroom_collate::AreaCheck],
    heads: &[countroom_rules::HeadSpec],
    not_authorised: &[Withheld],
) -> Result<Vec<u8>, serde_json::Error> {
    let name_of = |i: usize| plan.choices.get(i).map_or("", |c| c.name.as_str());
    let (kind, chosen): (&'static str, Vec<usize>) = match &collated.outcome {
        countroom_collate::Outcome::Incomplete => ("incomplete", Vec::new()),
        countroom_collate::Outcome::Winner(w) => ("winner", vec![*w]),
        countroom_collate::Outcome::WonByLot { winner, .. } => ("won_by_lot", vec![*winner]),
        countroom_collate::Outcome::Equality(t) => ("equality", t.clone()),
        countroom_collate::Outcome::SecondCountNeeded(r) => ("second_count_needed", r.clone()),
        countroom_collate::Outcome::SecondCountInProgress { .. } => {
            ("second_count_in_progress", Vec::new())
        }
    };
    let areas: Vec<AreaView<'_>> = collated
        .areas
        .iter()
        .filter_map(|r| {
            let area = plan.areas.iter().find(|a| a.id == r.area)?;
            let check = checks.iter().find(|c| c.area == r.area).map(|c| CheckView {
                differs: c.differs(),
                forward_less_expected: c.forward_less_expected.map(|v| v.to_string()),
                forward_less_verified: c.forward_less_verified.map(|v| v.to_string()),
                counted_less_forward: (!c.not_published)
                    .then(|| c.counted_less_forward.to_string()),
                explanation: c.explanation.as_deref(),
                explained_variance: r.explained_variance.map(|v| v.to_string()),
                explained_forward_variance: r.explained_forward_variance.map(|v| v.to_string()),
                above_electorate: c
                    .above_electorate
                    .iter()
                    .map(|a| AboveElectorateView {
                        figure: a.what,
                        papers: a.papers,
                        electorate: a.electorate,
                    })
                    .collect(),
            });
            Some(AreaView {
                area: &area.id,
                name: &area.name,
                region: area.region.as_deref(),
                authorised: r.authorised,
                figures: FiguresView::of(&r.figures),
                check,
            })
        })
        .collect();
    let view = CollationView {
        poll: &plan.poll,
        method: plan.method.to_string(),
        choices: plan.choices.iter().map(|c| c.name.as_str()).collect(),
        heads: plan
            .heads
            .iter()
            .map(|&h| {
                let spec = heads.iter().find(|s| s.head == h);
                HeadView {
                    code: h.code(),
                    letter: spec.map_or("", |s| s.letter),
                    label: spec.map_or_else(
                        || {
                            if h == RejectionHead::BreakdownNotGiven {
                                RejectionHead::BREAKDOWN_NOT_GIVEN_LABEL
                            } else {
                                ""
                            }
                        },
                        |s| s.label,
                    ),
                }
            })
            .collect(),
        regions: collated
            .regions
            .iter()
            .map(|r| RegionView {
                region: &r.region,
                name: plan
                    .regions
                    .iter()
                    .find(|x| x.id == r.region)
                    .map_or("", |x| x.name.as_str()),
                figures: FiguresView::of(&r.figures),
            })
            .collect(),
        total: FiguresView::of(&collated.total),
        differing_areas: checks
            .iter()
            .filter(|c| c.differs())
            .map(|c| c.area.as_str())
            .collect(),
        not_published_areas: checks
            .iter()
            .filter(|c| c.not_published)
            .map(|c| c.area.as_str())
            .collect(),
        missing: &collated.missing,
        unauthorised: &collated.unauthorised,
        not_authorised,
        outcome: OutcomeView {
            kind,
            choices: chosen.into_iter().map(name_of).collect(),
        },
        areas,
    };
    let mut out = serde_json::to_vec_pretty(&view)?;
    out.push(b'\n');
    Ok(out)
}
