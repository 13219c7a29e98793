//! Collation of counting areas: local totals checked, authorised, re-counted
//! one area at a time and summed to regions and the whole poll.
//!
//! At a poll counted in several areas, each local officer verifies and
//! counts the papers of one area and reports a **local total**; a collating
//! officer checks it, authorises its publication, may direct a re-count of
//! that area only, and sums the areas:
//!
//! - a police and crime commissioner: each local returning officer reports
//!   to the police area returning officer (PARO), who aggregates the first
//!   preferences and, without a majority, directs every area to count second
//!   preferences for the candidates remaining (Police and Crime Commissioner
//!   Elections Order 2012 (PCCEO) rr.57–62; Electoral Commission guidance for
//!   PAROs);
//! - a combined-authority mayor: the same, to the combined authority
//!   returning officer (CARO);
//! - a UK-wide referendum: each counting officer reports to the Regional
//!   Counting Officer, who checks and authorises the local total, and the
//!   regional totals go to the Chief Counting Officer (Parliamentary Voting
//!   System and Constituencies Act 2011 (PVSCA) Sch 2 rr.39, 42(5), and the
//!   regulations made in the same form for the 2016 referendum).
//!
//! [`Collation`] is a plain state machine: every step is a method that
//! returns a `Result` and leaves the state unchanged when it is refused.
//! Figures that disagree are not refused at report: a variance is data
//! ([`Collation::checks`]); what is refused is authorising a total whose
//! variance is unexplained, and input that cannot be true (an area not in
//! the poll, second preferences for an eliminated candidate, a sum past
//! `u64::MAX`).
//!
//! The crate is pure: no files, no printing, no floating point; votes are
//! `u64` with checked addition ([`Figures::merge`] is exact, so collation
//! gives the same totals for any grouping and order of areas), and every
//! percentage is a [`countroom_arith::Percentage`] rounded half up.
//!
//! ```
//! use countroom_collate::{Area, Choice, Collation, LocalTotal, Method, Outcome, Plan, Region};
//! use countroom_rules::RejectionHead;
//!
//! let plan = Plan::new(
//!     "ref",
//!     Method::Referendum,
//!     vec![Choice::new("Remain", "Remain"), Choice::new("Leave", "Leave")],
//!     vec![RejectionHead::NoOfficialMark, RejectionHead::TooManyVotes],
//!     vec![
//!         Area::new("A1", "Alpha", Some("R1"), Some(1_000)),
//!         Area::new("A2", "Beta", Some("R1"), Some(1_500)),
//!     ],
//! )
//! .regions(vec![Region::new("R1", "North")]);
//! let mut collation = Collation::new(plan).unwrap();
//! for (area, votes) in [("A1", [300, 400]), ("A2", [600, 500])] {
//!     let papers_forward = votes[0] + votes[1] + 2;
//!     let total = LocalTotal::new(area, papers_forward, votes.to_vec(), vec![0, 2]);
//!     collation.report(total).unwrap();
//!     collation.authorise(area).unwrap();
//! }
//! let collated = collation.collated().unwrap();
//! assert_eq!(collated.total.votes(), &[900, 900]);
//! // An exact tie between the answers is reported; there is no lot.
//! assert_eq!(collated.outcome, Outcome::Equality(vec![0, 1]));
//! assert_eq!(collated.total.turnout().unwrap().to_string(), "72.16");
//! ```

mod collation;
mod error;
mod figures;
mod party;
mod plan;
pub mod published;

pub use collation::{
    AboveElectorate, AreaCheck, AreaResult, Collated, Collation, FirstCount, LocalTotal, Outcome,
    RegionResult, SecondCountTotal, VarianceMismatch,
};
pub use error::{CollateError, FiguresError};
pub use figures::{percentage, Figures};
pub use party::{party_totals, CandidateResult, ContestResult, PartyTotal};
pub use plan::{Area, Choice, Method, Plan, Region};

#[cfg(test)]
mod published_tests;
#[cfg(test)]
mod tests;
