//! Election accounts: the Returning Officer's claim under a charges order,
//! the apportionment of the costs of combined polls, maximum recoverable
//! amounts, the account of a local poll against the council's scale, and
//! candidates' spending limits with the deadline for their returns.
//!
//! Money is exact ([`Money`]: pence as a `rust_decimal` of scale 2); the
//! only division is the equal apportionment of a line among elections, in
//! whole pence, with a recorded rule for the pence left over
//! ([`apportion::LEFTOVER_RULE`]).
//!
//! ```
//! use countroom_accounts::{apportion, Attribution, CostLine, Framework, Head, Ledger, LineType, Money, Poll};
//! # use time::macros::date;
//! let poll = |id: &str, framework| Poll::new(id, id, framework, "A", true);
//! let polls = vec![poll("ukpge", Framework::UkParliamentary2017), poll("district", Framework::CouncilScale), poll("town", Framework::CouncilScale)];
//! let hall = CostLine::new("L1", LineType::Cost, date!(2024-07-04), Head::Premises, Attribution::Combination(vec![]), Money::parse("100.00")?)
//!     .payee("Village hall")
//!     .evidence("INV-1")
//!     .description("Hall hire");
//! let ledger = Ledger::new(polls, vec![hall]).map_err(|p| p[0].clone())?;
//! let schedule = apportion::apportion(&ledger)?;
//! // £100.00 among three elections: 3,334 + 3,333 + 3,333 pence.
//! let shares: Vec<_> = schedule.lines[0].shares.iter().map(|s| s.amount.to_string()).collect();
//! assert_eq!(shares, ["33.34", "33.33", "33.33"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod apportion;
pub mod authorisation;
pub mod claim;
mod heads;
mod ledger;
mod money;
pub mod orders;
pub mod spending;

pub use authorisation::{Authorisation, Event};
pub use claim::{
    accounts, accounts_with, Accounts, CapStatus, Caps, Claim, PollAccount, ScaleAccount,
    ScaleItem, ScheduleLine,
};
pub use heads::{Citation, Framework, Head, Kind, ScaleRule};
pub use ledger::{
    Attribution, CostLine, Ledger, LedgerProblem, LedgerProblemKind, LineType, Poll, Source,
};
pub use money::{Money, MoneyError};
pub use orders::{ChargesOrder, OrderFigure, OrderStatus, PollKind};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as printed on a document: `9 August 2024`.
#[must_use]
pub fn date_text(d: time::Date) -> String {
    let month = MONTHS
        .get(usize::from(u8::from(d.month())) - 1)
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", d.day(), d.year())
}

/// A date as `YYYY-MM-DD`.
#[must_use]
pub fn iso_date(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

pub(crate) fn serialize_date<S: serde::Serializer>(
    d: &time::Date,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_str(&iso_date(*d))
}

#[cfg(test)]
mod tests;
