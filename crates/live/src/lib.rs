//! A live count: the typed API that count-centre software embeds to run a
//! count, command by command.
//!
//! A [`Count`] is created from an [`ElectionDefinition`] (the poll, its
//! contests, candidates and seats, and the officers appointed) or from the
//! bytes of an existing count log. It takes typed [`Command`]s — validated
//! identifiers, rejection heads as the ruleset's [`RejectionHead`], figures
//! as the model's checked [`Votes`] and [`Papers`], the person recording
//! as an [`Actor`] — and returns either the entry it appended with the
//! bytes to write ([`Applied`], chained when the log is chained) or a
//! [`Rejection`] with every problem, leaving the count unchanged.
//!
//! Every command goes through the same checks as the replay of a log file
//! (`countroom_count::CountState::apply`), so the log a `Count` writes
//! replays to the same state, and [`Count::documents`] gives the same
//! documents, byte for byte, as replaying it. The state is kept up to date
//! as each entry is applied: applying an entry and reading the
//! [`Progress`] of one contest cost the entry and the contest, not the
//! log.
//!
//! The types here are the domain surface: the count log's wire types
//! (`countroom_log`) are made at the edge, when a command becomes an entry.
//!
//! ```
//! use countroom_live::{
//!     Actor, Appointment, Bundle, Command, ContestDefinition, Count, ElectionDefinition,
//!     PersonId, Role, Seat, Status,
//! };
//! use countroom_model::{CandidateId, ContestId, Country, ElectionId, Electorate, Office, Votes};
//! use time::macros::date;
//!
//! let ro = PersonId::new("ro")?;
//! let ward = ContestId::new("abbey")?;
//! let definition = ElectionDefinition::new(
//!     ElectionId::new("district-2026")?,
//!     "District council elections",
//!     date!(2026 - 05 - 07),
//!     ro.clone(),
//! )
//! .contest(
//!     ContestDefinition::new(ward.clone(), "Abbey", Office::PrincipalCouncillor, Country::England)
//!         .electorate(Electorate::new(4_000))
//!         .seat(Seat::ordinary(date!(2030 - 05 - 10)))
//!         .candidate(CandidateId::new("A")?, "ADAMS, Jo")
//!         .candidate(CandidateId::new("B")?, "BAKER, Sam"),
//! )
//! .appoint(Appointment::new(ro.clone(), "Jane Marsh", Role::ReturningOfficer));
//! let (mut count, log) = Count::new(&definition)?;
//! assert!(log.starts_with(br#"{"schema":"countroom-count-log","version":2"#));
//!
//! let by = count.actor("ro")?;
//! let bundle = Bundle::new(ward.clone(), countroom_model::BundleId::new("B1")?)
//!     .votes(CandidateId::new("A")?, Votes::new(30))
//!     .votes(CandidateId::new("B")?, Votes::new(20));
//! let applied = count.apply(&by, Command::Bundle(bundle))?;
//! assert_eq!(applied.entry.seq, 4); // after the election, the contest and the appointment
//! let progress = count.progress(&ward).unwrap();
//! assert_eq!(progress.votes[0].1, Votes::new(30));
//! // One vote a paper: the bundle's 50 votes are 50 papers.
//! assert_eq!(progress.papers_counted, countroom_model::Papers::new(50));
//!
//! count.apply(&by, Command::CompleteCount { contest: ward.clone() })?;
//! count.apply(&by, Command::Declare { contest: ward.clone() })?;
//! assert_eq!(count.progress(&ward).unwrap().status, Status::Declared);
//! // A second declaration contradicts the count: refused, nothing changes.
//! let refused = count.apply(&by, Command::Declare { contest: ward.clone() }).unwrap_err();
//! assert_eq!(refused.problems.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

#[cfg(test)]
mod blt_sheet_tests;
mod collation;
mod command;
mod count;
mod definition;
mod documents;
mod error;
mod list_commands;
#[cfg(test)]
mod list_tests;
mod more_commands;
#[cfg(test)]
mod more_tests;
mod papers;
mod person;
#[cfg(test)]
mod sign_tests;
mod statements;
mod stv_sheet;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod torn_tests;
mod verify_commands;
#[cfg(test)]
mod verify_tests;
#[cfg(test)]
mod views_tests;

pub use collation::{
    AreaStatus, Authorisation, CollatedArea, CollatedRegion, Collation, ListCollatedArea,
    ListCollation, ListTotal, PollTotals, SecondCount, SecondCountLine,
};
pub use command::{Applied, Bundle, Command, Lot, LotDraw, PaperBatch, Rejected};
pub use count::{Count, Progress};
pub use countroom_verify::BoxStatus;
pub use definition::{Appointment, ContestDefinition, ElectionDefinition, Seat};
pub use documents::{CandidateLine, Declaration, DocumentError, Elected, ResultSheet, SeatKind};
pub use error::{OpenError, Problem, Rejection, TornTail};
pub use list_commands::{
    ConstituencyLink, ConstituencyReturn, ListBatch, ListContestDefinition, ListLot, ListMember,
    ListParty, ListVacancy,
};
pub use more_commands::{
    AgentAppointment, Definition, LocalSecondCount, LocalTotal, PapersMove, PostalOpening,
    PostalRejection, PreferenceBatch, Saved, SecondPreferenceBundle,
};
pub use papers::{BallotPapers, PapersError, CANONICAL_PAPERS_SCHEMA};
pub use person::{Actor, PersonError, PersonId};
pub use statements::{
    Deposits, Lot as LotStatement, Percentage, Reconciliation, Recount, RecountDecision,
    RejectedHead, RejectedPapers, Statements, Turnout, Verification, VerifiedBox,
};
pub use stv_sheet::{
    BltSheetError, StageAction, StageLine, StageTransferValue, StvLot, StvSheet, StvStage,
    VoteValue,
};
pub use verify_commands::{
    Account, AreaDecision, BoxCount, BoxReceipt, Decision, DoubtfulDecision, Explanation, Objected,
    Objection, SetAside,
};

pub use countroom_adjudicate::SavingReason;
pub use countroom_count::authority::{Function, Role};
pub use countroom_count::Status;
pub use countroom_model::{
    BallotBoxId, BundleId, CandidateId, ContestId, CountingAreaId, Electorate, Papers,
    PollingPlaceId, PollingStationId, RegionId, TableId, Votes,
};
pub use countroom_rules::lists::{ListOffice, ListRulesetId};
pub use countroom_rules::{LotPurpose, RejectionHead};
