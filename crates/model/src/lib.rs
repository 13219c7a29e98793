//! The domain model of a UK poll, with no rules, no file formats and no rounding.
//!
//! An [`Election`] (one poll date) holds [`Contest`]s; a contest has vacancies
//! (each with the date its term ends), an electorate and [`Candidate`]s in
//! ballot-paper order. The venues of the poll are [`CountingArea`]s,
//! [`PollingPlace`]s, [`PollingStation`]s and [`BallotBox`]es.
//!
//! Every identifier is a validated newtype ([`ContestId`], [`CandidateId`], …)
//! and every count is a newtype with checked arithmetic ([`Votes`],
//! [`Papers`]): a count never silently wraps.
//!
//! ```
//! use countroom_model::{CandidateId, Papers, Votes};
//!
//! let id = CandidateId::new("C-ADAMS").unwrap();
//! assert_eq!(id.as_str(), "C-ADAMS");
//! assert!(CandidateId::new("has space").is_err());
//!
//! let total = Votes::new(1_204).checked_add(Votes::new(1_190)).unwrap();
//! assert_eq!(total.get(), 2_394);
//! assert_eq!(Papers::new(3).checked_sub(Papers::new(5)), None);
//! ```

mod account;
mod contest;
mod counts;
mod ids;
mod lines;
mod venue;

pub use account::{BallotPaperAccount, SerialError, SerialRange};
pub use contest::{
    AmsParliament, Candidate, CandidateIdx, Contest, ContestError, ContestSpec, Country, Election,
    MayorKind, Office, OfficeError, PollKind, RulesetId, Vacancy, VacancyKind, VotingSystem,
    Withdrawn,
};
pub use counts::{Electorate, Papers, Votes};
pub use ids::{
    BallotBoxId, BundleId, CandidateId, ContestId, CountingAreaId, ElectionId, IdError,
    PollingPlaceId, PollingStationId, RegionId, TableId, MAX_ID_LEN,
};
pub use lines::LineCounter;
pub use time::Date;
pub use venue::{BallotBox, BallotBoxKind, CountingArea, PollingPlace, PollingStation};
