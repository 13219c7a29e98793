//! The count: replaying a count log into the state of every contest, and
//! the documents projected from that state.
//!
//! [`replay`] applies a log's entries in order. Each entry is checked
//! against everything before it (the contest exists, the candidate stands,
//! the run is the current one and not completed, a lot matches the equality
//! of votes it settles, …); an entry with a problem is skipped and the
//! problem reported with its sequence number, so one pass lists every
//! problem in a log. [`report`] projects the documents of every contest from
//! the state: a pure function, so any prefix of a log gives the documents
//! of the count at that point.
//!
//! ```
//! use countroom_count::{replay, report};
//!
//! let text = include_str!("../../../examples/data/two-seat-tie.jsonl");
//! let log = countroom_log::read(text.as_bytes()).unwrap();
//! let (state, problems) = replay(&log.entries);
//! assert!(problems.is_empty(), "{problems:?}");
//! let report = report(&state);
//! assert_eq!(report.contests[0].status, countroom_count::Status::Declared);
//! ```

mod append;
pub mod authority;
#[cfg(test)]
mod authority_tests;
mod evidence;
#[cfg(test)]
mod judgement_tests;
mod list_report;
pub mod papers;
mod problem;
mod report;
mod state;
#[cfg(test)]
mod tests;
mod wire_time;

pub use append::{
    append, new_log_header, upgrade_log, AppendError, AppendProblem, Appended, NewEntryProblem,
    UpgradeLogError, Upgraded,
};
pub use evidence::{
    check_checkpoint, replay_bytes, replay_log, replay_reader, Coverage, Evidence, LogReplay,
    OfficeHeld, Signer, StreamError, StreamedReplay,
};
pub use list_report::{
    list_reports, ConstituencyReturnLine, ListAreaCountLine, ListAreaLine, ListAreaRecountLine,
    ListContestReport, ListExplanationLine, ListHeadLine, ListLotLine, ListOptionLine,
    ListPersonLine, ListVacancyLine, MemberLine, NextLine, RecalculationLine, RoundLine,
};
pub use problem::{LogProblem, ProblemKind};
pub use report::*;
pub use state::{
    list_lot_context, seats_words, stage_words, stage_words_named, AllocationStage,
    ConstituencyReturn, ListContestCount, ListLot, ListOption, ListPerson, ListVacancy,
    Recalculation, LIST_CONTEST_OFFICES,
};
pub use state::{
    lot_context, replay, stv_lot_context, ContestCount, CountState, DecisionKind, Declared,
    ElectedSeat, Explanation, Lot, LotNeeded, LotPurpose, Objection, PaperDecision,
    RecountDecision, RecountRecord, Run, RunOrigin, RunOutcome, SecondCount, SetAside, StvCount,
};
pub use state::{AreaCount, AreaObjection, AreaRecount, AreaRun};
pub use state::{PlanDecision, PlanningDecision};
pub use wire_time::EntryTime;
