//! The verification statement and the tendered papers statement.

use serde::Serialize;

use crate::poll::{BoxStatus, PollVerification, PostalRejections, Station};

/// The statement as to the result of the verification of one poll, which
/// any election or counting agent may copy (Parliamentary Elections Rules
/// r.45(4); local rules r.45(4)): per box the papers expected and verified,
/// the variance and its explanation; postal totals; the total ballot papers
/// verified for the poll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct VerificationStatement {
    /// `in_progress` or `completed`.
    pub status: &'static str,
    /// Who completed it.
    pub completed_by: Option<String>,
    /// One line per box with a record, polling station boxes first.
    pub boxes: Vec<BoxLine>,
    /// Polling-station papers verified.
    pub polling_station_papers: u64,
    /// Postal papers verified.
    pub postal_papers: u64,
    /// Total ballot papers verified for the poll.
    pub total_verified: u64,
    /// Boxes accepted, out of all boxes with a record.
    pub boxes_accepted: usize,
    /// Postal opening sessions and statements rejected.
    pub postal: PostalLine,
    /// The tendered papers statement.
    pub tendered: Vec<TenderedLine>,
    /// Figures that cannot be true, in words. [`statement`] leaves it
    /// empty: a poll's verification does not know its electorate. The
    /// count (`countroom-count`), which does, adds the poll's total
    /// verified above the poll's electorate. Data, not an error. Left out
    /// of the JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

/// One box's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BoxLine {
    /// The box.
    pub ballot_box: String,
    /// `polling_station` or `postal`.
    pub kind: &'static str,
    /// The polling place, for a station box.
    pub polling_place: Option<String>,
    /// Papers expected (account's "issued", or placed in a postal box).
    pub expected: Option<u64>,
    /// Every count, in order.
    pub counts: Vec<u64>,
    /// Papers moved in.
    pub moved_in: u64,
    /// Papers moved out.
    pub moved_out: u64,
    /// The moves described.
    pub moves: Vec<String>,
    /// Papers verified.
    pub verified: Option<u64>,
    /// Verified − expected.
    pub variance: Option<i128>,
    /// Status code.
    pub status: &'static str,
    /// Status in words, with the reason.
    pub status_text: String,
    /// Explanations recorded.
    pub explanations: Vec<String>,
    /// Whether the ballot paper account balances (entrusted = issued +
    /// unused + spoilt + cancelled + tendered); none without an account. An
    /// account that does not balance is flagged, not rejected.
    pub account_balances: Option<bool>,
    /// Papers entrusted, per the account.
    pub entrusted: Option<u64>,
    /// The serial ranges entrusted.
    pub serials: Vec<String>,
    /// The account was entered more than once (corrected).
    pub account_corrected: bool,
}

/// Postal papers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PostalLine {
    /// Opening sessions recorded.
    pub openings: Vec<String>,
    /// Postal voting statements rejected, by reason.
    pub rejected_statements: PostalRejections,
}

/// One line of the tendered papers statement: tendered papers are verified
/// against the tendered votes list and never counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TenderedLine {
    /// The box.
    pub ballot_box: String,
    /// Tendered papers per the account.
    pub account: Option<u64>,
    /// Entries on the tendered votes list.
    pub listed: Option<u64>,
    /// Listed − account, when both are known.
    pub difference: Option<i128>,
}

/// The statements of `poll`.
#[must_use]
pub fn statement(poll: &PollVerification) -> VerificationStatement {
    let mut records: Vec<_> = poll.boxes().iter().collect();
    // Polling station boxes first, each group in the order first seen.
    records.sort_by_key(|r| matches!(r.station, Station::Postal));
    // Each box's status, worked out once.
    let statuses: Vec<BoxStatus> = records.iter().map(|r| poll.record_status(r)).collect();
    let boxes_accepted = statuses.iter().filter(|s| s.accepted()).count();
    let boxes: Vec<BoxLine> = records
        .iter()
        .zip(statuses)
        .map(|(r, status)| BoxLine {
            ballot_box: r.ballot_box.to_string(),
            kind: match r.station {
                Station::Postal => "postal",
                Station::Polling { .. } => "polling_station",
            },
            polling_place: match &r.station {
                Station::Polling { place } => Some(place.to_string()),
                Station::Postal => None,
            },
            expected: r.expected(),
            counts: r.attempts.iter().map(|a| a.papers).collect(),
            moved_in: r.moved_in,
            moved_out: r.moved_out,
            moves: r.moves.clone(),
            verified: r.verified(),
            variance: r.variance(),
            status: status.code(),
            status_text: status.describe(),
            explanations: r.explanations.clone(),
            account_balances: r
                .account
                .as_ref()
                .map(countroom_model::BallotPaperAccount::balances),
            entrusted: r
                .account
                .as_ref()
                .and_then(countroom_model::BallotPaperAccount::entrusted_total),
            serials: r
                .account
                .as_ref()
                .map(|a| a.entrusted.iter().map(ToString::to_string).collect())
                .unwrap_or_default(),
            account_corrected: r.account_entries > 1,
        })
        .collect();
    let tendered = records
        .iter()
        .filter(|r| {
            r.account.as_ref().is_some_and(|a| a.tendered > 0) || r.tendered_listed.is_some()
        })
        .map(|r| {
            let account = r.account.as_ref().map(|a| a.tendered);
            TenderedLine {
                ballot_box: r.ballot_box.to_string(),
                account,
                listed: r.tendered_listed,
                difference: match (account, r.tendered_listed) {
                    (Some(a), Some(l)) => Some(i128::from(l) - i128::from(a)),
                    _ => None,
                },
            }
        })
        .collect();
    VerificationStatement {
        status: if poll.completed_by().is_some() {
            "completed"
        } else {
            "in_progress"
        },
        completed_by: poll.completed_by().map(str::to_owned),
        boxes_accepted,
        boxes,
        polling_station_papers: poll.polling_station_verified(),
        postal_papers: poll.postal_verified(),
        total_verified: poll.total_verified(),
        postal: PostalLine {
            openings: poll.openings().iter().map(|o| o.id.clone()).collect(),
            rejected_statements: poll.postal_rejections(),
        },
        tendered,
        problems: Vec::new(),
    }
}
