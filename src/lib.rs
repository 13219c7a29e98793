//! countroom verifies and counts UK elections and produces their results
//! exactly as the law requires.
//!
//! Count-centre software embeds it to run a count live, bundle by bundle;
//! returning officers use it to check a result before it is declared;
//! auditors replay the count data and get the same documents, byte for byte.
//!
//! # The shape
//!
//! A count is an append-only **count log** of typed events
//! ([`log::Event`]): contest defined, bundle counted, rejected papers
//! counted under a head, doubtful paper decided, count completed, re-count
//! requested and decided, lot drawn, result declared, each with who did it
//! and why. [`count::replay`] rebuilds the state of every contest from a
//! log, checking every entry; [`count::report`] projects the documents
//! (declaration or provisional result sheet, statement of rejected ballot
//! papers, reconciliation, turnout, lots, re-counts) as a pure function of
//! that state; [`io::render`] writes them as text, JSON or CSV.
//!
//! Count-centre software runs a count live through [`Count`]
//! ([`live`]): typed commands, each checked as the replay checks its entry
//! and appended (the bytes to write returned), or refused with every
//! problem; one contest's progress and the documents without replaying.
//!
//! Rules are data ([`rules::Ruleset`]), chosen from the country, office and
//! poll date; [`adjudicate::Adjudicator`] applies a ruleset's rejection heads
//! and saving clause to each ballot paper. Arithmetic is exact: votes and papers are integers, and every
//! percentage is rounded once by a named rule ([`arith::Rounding`]).
//! Equalities of votes are reported, never settled by the engine: the lot
//! drawn at the count is an input event.
//!
//! # Example
//!
//! ```
//! let log = std::fs::read("examples/data/abbey-ward.jsonl").unwrap();
//! let report = countroom::report_from_log(&log).unwrap();
//! let abbey = &report.contests[0];
//! assert_eq!(abbey.status, countroom::count::Status::Declared);
//! let elected: Vec<&str> = abbey.elected.iter().map(|e| e.name.as_str()).collect();
//! assert_eq!(elected, ["ASHWORTH, Helen", "CHAUDHRY, Amir", "EVANS, Peter"]);
//! let text = countroom::io::render::report_text(&report);
//! assert!(String::from_utf8(text).unwrap().contains("DECLARATION OF RESULT OF POLL"));
//! ```
//!
//! Counting individual ballot papers:
//!
//! ```
//! use countroom::model::RulesetId;
//! use countroom::rules::ruleset;
//! use countroom::tally::{count_papers, fptp, Adjudicator, Paper};
//!
//! let papers = vec![Paper::marked(&[0]).unwrap(), Paper::marked(&[1]).unwrap(), Paper::marked(&[1]).unwrap()];
//! // A UK Parliamentary poll with three candidates.
//! let rules = Adjudicator::new(ruleset(RulesetId::UkParliamentary), 3, 1).unwrap();
//! let tally = count_papers(&papers, &rules).unwrap();
//! assert_eq!(tally.votes(), &[1, 2, 0]);
//! assert_eq!(fptp(tally.votes(), 1).elected, vec![1]);
//! ```

pub use countroom_accounts as accounts;
pub use countroom_adjudicate as adjudicate;
pub use countroom_arith as arith;
pub use countroom_collate as collate;
pub use countroom_count as count;
pub use countroom_html as html;
pub use countroom_io as io;
pub use countroom_list as list;
pub use countroom_live as live;
pub use countroom_log as log;
pub use countroom_model as model;
pub use countroom_rules as rules;
pub use countroom_stv as stv;
pub use countroom_tally as tally;
pub use countroom_verify as verify;

/// Why a log could not be turned into a report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The log file could not be read: every problem, with its line.
    #[error("the count log could not be read: {}", join(.0))]
    Read(Vec<log::ReadError>),
    /// Entries of the log are invalid: every problem, with its entry.
    #[error("the count log has invalid entries: {}", join(.0))]
    Replay(Vec<count::LogProblem>),
}

fn join<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

pub use count::{append, new_log_header, upgrade_log};
pub use live::Count;

/// Reads a count log (JSON Lines bytes), replays it (with the checks of its
/// header, as [`count::replay_log`] does; each entry applied as it is read,
/// [`count::replay_bytes`]) and projects the documents of every contest, or
/// returns every problem found.
pub fn report_from_log(bytes: &[u8]) -> Result<count::Report, Error> {
    // Each entry is replayed as it is read and then dropped (the same
    // problems as reading the whole log first, `count::replay_log`).
    let replayed = count::replay_bytes(bytes).map_err(Error::Read)?;
    if replayed.problems.is_empty() {
        Ok(count::report(&replayed.state))
    } else {
        Err(Error::Replay(replayed.problems))
    }
}
