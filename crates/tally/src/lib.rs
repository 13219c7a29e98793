//! The counting core: compact ballot papers, tallies that merge exactly, and
//! the first-past-the-post outcome.
//!
//! - [`Paper`] (from `countroom-adjudicate`) is one ballot paper in 8 bytes:
//!   a bit per candidate marked, and two flags (no official mark; writing or
//!   mark identifying the voter); an [`Adjudicator`] classifies it under the
//!   poll's ruleset.
//! - [`count_papers`] adjudicates and counts a slice of papers into a
//!   [`Tally`] (votes per candidate, valid papers, rejected papers per head,
//!   papers rejected in part). [`count_papers_parallel`] splits the work
//!   into chunks and merges them; because [`Tally::merge`] is exact integer
//!   addition, the result is identical on any number of threads.
//! - [`fptp`] finds who is elected and the equality of votes, if any, at the
//!   boundary between the last seat and the first unsuccessful candidate;
//!   [`allocate_terms`] gives out seats with different terms.
//! - [`seeded_lot`] draws a rehearsal lot reproducibly from a published seed.
//! - [`supplementary_vote`] counts a supplementary-vote poll from an
//!   [`SvTally`] of first and second preferences: a majority at the first
//!   count, or the top two (and all equal second) and the second count.
//!
//! The crate knows nothing of identifiers, files or documents: candidates are
//! dense indices in ballot-paper order.
//!
//! ```
//! use countroom_model::RulesetId;
//! use countroom_rules::ruleset;
//! use countroom_tally::{count_papers, fptp, Adjudicator, Paper};
//!
//! // Three seats, four candidates (indices 0..4).
//! let papers = [
//!     Paper::marked(&[0, 1, 2]).unwrap(),
//!     Paper::marked(&[0, 3]).unwrap(),
//!     Paper::marked(&[0, 1, 2, 3]).unwrap(), // four crosses for three seats: void
//!     Paper::marked(&[]).unwrap(),           // unmarked: void
//! ];
//! // An English district ward: heads (a)-(d) of the 2006 rules.
//! let rules = Adjudicator::new(ruleset(RulesetId::EnglandPrincipal2006), 4, 3).unwrap();
//! let tally = count_papers(&papers, &rules).unwrap();
//! assert_eq!(tally.votes(), &[2, 1, 1, 1]);
//! assert_eq!(tally.valid_papers(), 2);
//! assert_eq!(tally.rejected_papers(), 2);
//!
//! let outcome = fptp(tally.votes(), 3);
//! assert_eq!(outcome.elected, vec![0]);           // certainly elected
//! let tie = outcome.boundary_tie.unwrap();        // 1, 2 and 3 tie for two seats
//! assert_eq!((tie.tied, tie.places), (vec![1, 2, 3], 2));
//! ```

mod fptp;
mod lot;
mod sv;
mod tally;

pub use countroom_adjudicate::{
    Adjudicator, Class, Paper, PaperError, SavingReason, SecondPreference, MAX_CANDIDATES,
};
pub use fptp::{allocate_terms, fptp, BoundaryTie, FptpOutcome, TermGroup};
pub use lot::seeded_lot;
pub use sv::{
    count_sv_papers, supplementary_vote, sv_final_count, sv_first_count, sv_second_count,
    SecondCountFigures, SvCount, SvDecision, SvOutcome, SvSecondCount, SvTally,
};
pub use tally::{count_papers, count_papers_parallel, Tally, TallyError};
