//! The single transferable vote: the Scottish local government rules and the
//! Northern Ireland rules, BLT ballot files and stage sheets.
//!
//! - [`Election`]: candidates (names kept as raw bytes), seats, withdrawn
//!   candidates and the valid papers as weighted ballot lines.
//! - [`count`]: runs a count under [`StvRules`] and gives the
//!   [`StageSheet`]: every stage's action, transfers, totals,
//!   non-transferable value and loss to truncation, and who was elected or
//!   excluded. Ties the rules settle by lot come from a [`LotSource`]
//!   (recorded at the count, or seeded for rehearsal) and are recorded.
//! - [`adjudicate`] (module [`papers`]): counting from ballot papers. Each
//!   paper is adjudicated under the poll's STV ruleset (countroom-rules,
//!   countroom-adjudicate); the valid prefixes are merged into weighted
//!   ballot lines, the void papers counted under the ruleset's heads, the
//!   doubtful papers left to the Returning Officer's [`Decision`]s
//!   (the renderers of countroom-io add the statement of rejected papers).
//! - [`check::check`]: checks a published stage sheet (read by
//!   [`check::read`]) against the rules without the ballots.
//! - Arithmetic is exact fixed point ([`Value`]): integers of 10^-places,
//!   truncated as the statute says.
//!
//! The crate never panics on any input and never prints. The stage sheet's
//! renderers (JSON, CSV, text) and the readers of the lots and decisions
//! files are in countroom-io (`countroom_io::render::stv`,
//! `countroom_io::stv`).
//!
//! ```
//! use countroom_stv::{blt, count, Action, LotSource, StvRules, Value};
//!
//! // Three candidates, one seat; quota floor(9 / 2) + 1 = 5 (SLGEO 2011 r.47).
//! let file = b"3 1\n4 1 0\n3 2 0\n2 3 2 0\n0\n\"Ann\"\n\"Bob\"\n\"Cat\"\n\"Example\"\n";
//! let election = blt::read(file).unwrap();
//! let sheet = count(StvRules::Scotland, &election, &mut LotSource::none()).unwrap();
//! assert_eq!(sheet.quota, Value::whole(5, 5).unwrap());
//! // Cat (2) is excluded at stage 2 and her papers go to Bob, who then has
//! // 5 and is elected (r.48); Bob is the only continuing candidate left.
//! assert_eq!(sheet.stages[1].action, Action::Exclusion(2));
//! assert_eq!(sheet.stages[1].totals[1].fixed(5).to_string(), "5.00000");
//! assert_eq!(sheet.elected[0].candidate, 1);
//! ```

pub mod ballots;
pub mod blt;
pub mod check;
pub mod error;
pub mod lots;
pub mod ni;
pub mod papers;
pub mod scotland;
pub mod sheet;
pub mod value;

pub use ballots::{Ballot, BallotRef, Ballots, Candidate, Election};
pub use countroom_rules::StvRules;
pub use error::{BltError, BltErrors, BltProblem, ElectionProblem, StvError};
pub use lots::{LotDrawn, LotMethod, LotPurpose, LotSource, RecordedLot};
pub use papers::{
    adjudicate, Adjudicated, Decision, PaperRef, PapersErrors, PapersProblem, Ruling,
};
pub use sheet::{Action, Elected, Stage, StageSheet, TransferValue};
pub use value::Value;

/// Counts `election` under `rules`, settling any lot from `lots`.
///
/// Errors: a lot needed and not recorded ([`StvError::LotRequired`]), a
/// recorded lot that does not fit its tie, arithmetic overflow, or a
/// ruleset whose engine is not built.
pub fn count(
    rules: StvRules,
    election: &Election,
    lots: &mut LotSource,
) -> Result<StageSheet, StvError> {
    match rules {
        StvRules::Scotland => scotland::count(election, lots),
        StvRules::NorthernIreland => ni::count(election, lots),
    }
}
