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
//! - Arithmetic is exact fixed point ([`Value`]): integers of 10^-places,
//!   truncated as the statute says.
//!
//! The crate never panics on any input and never prints.

pub mod ballots;
pub mod blt;
pub mod error;
pub mod lots;
pub mod ni;
pub mod render;
pub mod scotland;
pub mod sheet;
pub mod value;

pub use ballots::{Ballot, Candidate, Election};
pub use error::{BltError, BltErrors, BltProblem, ElectionProblem, LotsFileError, StvError};
pub use lots::{LotDrawn, LotMethod, LotPurpose, LotSource, RecordedLot};
pub use sheet::{Action, Elected, Stage, StageSheet, StvRules};
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
