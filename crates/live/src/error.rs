//! Why a command was refused, or a log could not be opened.

use countroom_count::papers::BatchError;
use countroom_count::{LogProblem, ProblemKind};
use countroom_log::{ReadError, ReadErrorKind};
use countroom_model::ContestId;

use crate::person::PersonError;

/// One problem with a command.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// The command names a contest the count does not have.
    #[error("unknown contest {0}")]
    UnknownContest(ContestId),
    /// The person is not a valid identifier.
    #[error("{0}")]
    Person(#[from] PersonError),
    /// A wire entry ([`crate::Count::apply_entry`]) does not say who
    /// records it.
    #[error("no `by`: say who records the entry")]
    NoBy,
    /// The log records appointments, and the person holds none.
    #[error("{person} holds no appointment in this count (the log records appointments, so every entry is checked against them)")]
    NotAppointed {
        /// The person named.
        person: String,
    },
    /// The entry, as it would be written, would not read (a control
    /// character in a name or a reason, …).
    #[error("the entry would not read: {0}")]
    Entry(ReadErrorKind),
    /// The ballot papers of a batch could not be adjudicated.
    #[error("the papers could not be counted: {0}")]
    Papers(BatchError),
    /// The papers cannot be adjudicated under the contest's rules: a list
    /// ruleset whose heads were not read (`list_heads_not_read`).
    #[error("the papers could not be counted: {0}")]
    Adjudicator(countroom_adjudicate::AdjudicatorError),
    /// A figure of the command adds up past the largest count.
    #[error("{what} overflows: the figures add up past the largest count")]
    Overflow {
        /// The figure, in words.
        what: String,
    },
    /// The event cannot be appended through a live count.
    #[error("{event} cannot be recorded through a live count: {why}")]
    NotBuilt {
        /// The event.
        event: &'static str,
        /// Why, and what to do instead.
        why: &'static str,
    },
    /// The time given for the entry (`at`) cannot be written as the log's
    /// RFC 3339 text (a year before 0 or after 9999, an offset with
    /// seconds): refused, never written as empty text.
    #[error("the time {at} cannot be written in RFC 3339 (`at`): {why}")]
    UnformattableAt {
        /// The time given, as `time` displays it.
        at: String,
        /// Why it cannot be written.
        why: String,
    },
    /// The count refuses the entry: the same problem as replaying it would
    /// report (an unknown candidate, a figure past the largest count, a
    /// role that may not record it, a run already completed, a second
    /// declaration, …).
    #[error("{0}")]
    Count(ProblemKind),
}

/// A command refused: every problem found. The count is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("refused ({} entry {seq}): {}", event, join(problems))]
#[non_exhaustive]
pub struct Rejection {
    /// The `seq` the entry would have had.
    pub seq: u64,
    /// The event's type (`bundle_counted`, …), or `command` when the
    /// command was refused before it became an event.
    pub event: &'static str,
    /// Every problem.
    pub problems: Vec<Problem>,
}

impl Rejection {
    pub(crate) fn new(seq: u64, event: &'static str, problems: Vec<Problem>) -> Rejection {
        Rejection {
            seq,
            event,
            problems,
        }
    }
}

/// Why a count could not be begun or opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// The log does not read: every problem, with its line.
    #[error("the count log could not be read: {}", join(.0))]
    Read(Vec<ReadError>),
    /// An entry of the definition is refused: the count is not begun.
    #[error("the election definition is refused: {0}")]
    Definition(Rejection),
    /// The log has problems (entries its replay refuses): a live count goes
    /// on only from a log that replays cleanly.
    #[error("the count log has invalid entries: {}", join(.0))]
    Replay(Vec<LogProblem>),
    /// The log's last line is cut short (no line feed after it, as a
    /// crash while writing leaves it) and is its only problem: every line
    /// before it reads. [`crate::Count::open_truncating_torn_tail`] opens
    /// the count without it and returns it.
    #[error("{0}")]
    TornTail(TornTail),
}

/// A log's last line cut short: bytes after the last line feed, which the
/// log's reader refuses (a version 2 log ends every line with a line feed;
/// in a version 1 log, a last line without one is read like any other,
/// so it is torn only when it does not read). Every complete line (ending
/// in a line feed) is before `offset`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "line {line}: the last line is cut short ({} bytes with no line feed after the last complete line, at byte {offset}): {}; open the count with `Count::open_truncating_torn_tail` to go on without it",
    .bytes.len(),
    join(.problems)
)]
#[non_exhaustive]
pub struct TornTail {
    /// The 1-based line of the file it is on.
    pub line: u64,
    /// Where it begins: the length of the log without it (the file is
    /// truncated to this many bytes to go on).
    pub offset: usize,
    /// Its bytes, exactly as found (to be shown, kept aside, or entered
    /// again).
    pub bytes: Vec<u8>,
    /// What the log's reader says of it.
    pub problems: Vec<ReadError>,
}

fn join<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
