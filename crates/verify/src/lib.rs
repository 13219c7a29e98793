//! Ballot paper verification: every box of a poll checked against the
//! presiding officer's ballot paper account, postal papers counted, and the
//! verification statement.
//!
//! A [`PollVerification`] holds one [`BoxRecord`] per box and poll: the
//! account (what the box should hold), the count attempts, and papers moved
//! in or out (mis-boxed papers of combined polls). [`PollVerification::status`]
//! applies the Electoral Commission's discrepancy procedure as rules:
//! a box is accepted when it matches its account, when the variances of all
//! the poll's boxes in its polling place balance (compensating errors), or
//! when it has been recounted at least twice and the last two counts agree
//! ([`MIN_RECOUNTS`]); otherwise it is unresolved, and says why. A variance is data on the statement, never an error.
//!
//! The crate is pure: no files, no log format. `countroom-count` feeds it
//! the events of the count log and puts its statements in the report.
//!
//! ```
//! use countroom_model::{BallotBoxId, BallotPaperAccount, PollingPlaceId};
//! use countroom_verify::{BoxStatus, PollVerification, Station};
//!
//! let place = PollingPlaceId::new("VILLAGE-HALL").unwrap();
//! let b101 = BallotBoxId::new("101").unwrap();
//! let b102 = BallotBoxId::new("102").unwrap();
//! let mut poll = PollVerification::default();
//! for (b, issued) in [(&b101, 612), (&b102, 455)] {
//!     let station = Station::Polling { place: place.clone() };
//!     let account = BallotPaperAccount { entrusted: vec![], issued, unused: 0, spoilt: 0, cancelled: 0, tendered: 0 };
//!     poll.enter_account(b, station, account);
//! }
//! poll.count(&b101, 1, 610, "table 1").unwrap();
//! poll.count(&b102, 1, 457, "table 2").unwrap();
//! // −2 and +2 in the same polling place: a compensating error.
//! assert_eq!(poll.status(&b101), BoxStatus::CompensatingError);
//! assert_eq!(poll.total_verified(), 1_067);
//! ```

mod poll;
mod statement;

pub use poll::{
    Attempt, BoxRecord, BoxStatus, Opening, PollVerification, PostalRejections, Station,
    VerifyError, MIN_RECOUNTS,
};
pub use statement::{statement, BoxLine, PostalLine, TenderedLine, VerificationStatement};
