//! Apportionment of the costs of combined polls (RPA 1985 s.15(4)).
//!
//! "Where the polls at any elections are combined under this section the
//! cost of taking the combined polls (excluding any cost solely
//! attributable to one election) and any cost attributable to their
//! combination shall be apportioned equally among the elections."
//! (The same formula applies to PCC polls, PCCEO 2012 Sch 4 para 1, and to
//! the 2011 referendum, PVSCA 2011 Sch 7 para 3.)
//!
//! Each cost line is apportioned on its own, net of its refunds, in whole
//! pence:
//!
//! 1. a line solely attributable to one election is charged to it whole;
//! 2. a shared or combination line is divided equally among the *units of
//!    apportionment* it names (each poll is its own unit unless the polls
//!    table groups several, e.g. the parish polls of a district); each unit
//!    gets `net ÷ units` pence, rounded down;
//! 3. the pence left over (`net mod units`, fewer than the units) go one
//!    each to the first units in the order the polls are listed
//!    ([`LEFTOVER_RULE`]); the statute is silent on pence, so the rule is
//!    recorded in every schedule;
//! 4. a unit's share is divided the same way among its polls that the line
//!    names.
//!
//! So every line's shares sum to the line exactly, no penny is made or
//! lost, and the split of a line depends only on that line and the polls
//! table: the order of the ledger's lines changes nothing (property-tested).

use serde::Serialize;

use crate::heads::Head;
use crate::ledger::{CostLine, Ledger};
use crate::money::Money;

/// The rule for pence left over, as recorded on every schedule.
pub const LEFTOVER_RULE: &str = "each line is divided equally in whole pence among the units of apportionment it names; the pence left over (fewer than the units) go one each to the first units in the order the polls are listed, and a unit's share is divided among its polls the same way";

/// One poll's share of a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Share {
    /// The poll.
    pub poll: String,
    /// The poll's unit of apportionment.
    pub unit: String,
    /// Its share.
    pub amount: Money,
}

/// The working of one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LineWorking {
    /// The line.
    pub line: String,
    /// Its head.
    pub category: Head,
    /// `solely`, `shared` or `combination`.
    pub attribution: &'static str,
    /// The line's amount.
    pub amount: Money,
    /// Refunds of it.
    pub refunded: Money,
    /// Net of refunds: what is apportioned.
    pub net: Money,
    /// How many units of apportionment it is divided among.
    pub units: usize,
    /// The equal share of one unit, before the pence left over.
    pub per_unit: Money,
    /// Pence left over and given out by [`LEFTOVER_RULE`] (at both levels).
    pub leftover_pence: i64,
    /// Each poll's share, in the order the polls are listed.
    pub shares: Vec<Share>,
}

/// A poll's totals in the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PollTotals {
    /// The poll.
    pub poll: String,
    /// Costs solely attributable to it.
    pub solely: Money,
    /// Its shares of costs of taking the combined polls.
    pub shared: Money,
    /// Its shares of costs of the combination.
    pub combination: Money,
    /// All three.
    pub total: Money,
}

/// The apportionment schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Apportionment {
    /// The statutory rule.
    pub rule: &'static str,
    /// How pence left over are given out.
    pub leftover_rule: &'static str,
    /// Every cost line's working, in ledger order.
    pub lines: Vec<LineWorking>,
    /// Each poll's totals, in the order the polls are listed.
    pub polls: Vec<PollTotals>,
    /// The ledger's net total (the sum of the polls' totals).
    pub total: Money,
}

/// Divides `pence` into `n` whole-penny parts, the first `pence mod n`
/// one penny larger. `n` is at least 1.
fn split(pence: i64, n: usize) -> (i64, i64, Vec<i64>) {
    // `n` is a Vec's length, at most isize::MAX = i64::MAX on the 64-bit
    // targets countroom builds for: the conversion is exact.
    let n_i = (n as i64).max(1);
    let base = pence.div_euclid(n_i);
    let left = pence.rem_euclid(n_i);
    let parts = (0..n_i).map(|i| base + i64::from(i < left)).collect();
    (base, left, parts)
}

/// Apportions every line of the ledger among its polls.
///
/// # Errors
///
/// A poll's total (by column, or in all) past the largest amount,
/// `i64::MAX` pence ([`LedgerProblemKind::Overflow`](crate::ledger::LedgerProblemKind::Overflow)
/// naming the cost line whose share would take it past). A [`Ledger`]
/// refuses lines whose amounts sum past it, and each poll's totals are parts
/// of that sum, so this does not happen for a ledger built by
/// [`Ledger::new`]; it is checked, never clamped.
pub fn apportion(ledger: &Ledger) -> Result<Apportionment, crate::ledger::LedgerProblem> {
    let overflow = || crate::ledger::LedgerProblem {
        input: crate::ledger::Source::Ledger,
        line: 0,
        field: "amount",
        kind: crate::ledger::LedgerProblemKind::Overflow,
    };
    let polls = ledger.polls();
    let mut totals: Vec<[i64; 3]> = vec![[0; 3]; polls.len()];
    let mut lines = Vec::new();
    for (line, refunded, net) in ledger.net_lines() {
        let working = apportion_line(ledger, line, refunded, net);
        let column = match line.attribution {
            crate::ledger::Attribution::Solely(_) => 0,
            crate::ledger::Attribution::Shared(_) => 1,
            crate::ledger::Attribution::Combination(_) => 2,
        };
        for share in &working.shares {
            if let Some(i) = ledger.poll_index(&share.poll) {
                if let Some(t) = totals.get_mut(i) {
                    t[column] = t[column]
                        .checked_add(share.amount.pence())
                        .ok_or_else(overflow)?;
                }
            }
        }
        lines.push(working);
    }
    let polls_out = polls
        .iter()
        .zip(&totals)
        .map(|(p, t)| {
            let total = t[0]
                .checked_add(t[1])
                .and_then(|x| x.checked_add(t[2]))
                .ok_or_else(overflow)?;
            Ok(PollTotals {
                poll: p.id.clone(),
                solely: Money::from_pence(t[0]),
                shared: Money::from_pence(t[1]),
                combination: Money::from_pence(t[2]),
                total: Money::from_pence(total),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Apportionment {
        rule: "Representation of the People Act 1985 s.15(4): costs of taking the combined polls (other than costs solely attributable to one election) and costs attributable to their combination are apportioned equally among the elections",
        leftover_rule: LEFTOVER_RULE,
        lines,
        polls: polls_out,
        total: ledger.net_total().ok_or_else(overflow)?,
    })
}

fn apportion_line(ledger: &Ledger, line: &CostLine, refunded: Money, net: Money) -> LineWorking {
    let polls = ledger.polls();
    let members = ledger.polls_of(line);
    // Units in the order of their first poll listed.
    let mut units: Vec<(&str, Vec<usize>)> = Vec::new();
    for &i in &members {
        let Some(p) = polls.get(i) else { continue };
        match units.iter_mut().find(|(u, _)| *u == p.unit) {
            Some((_, ps)) => ps.push(i),
            None => units.push((p.unit.as_str(), vec![i])),
        }
    }
    let (per_unit, mut leftover, unit_parts) = split(net.pence(), units.len());
    let mut shares = Vec::with_capacity(members.len());
    for ((unit, ps), part) in units.iter().zip(unit_parts) {
        let (_, left, poll_parts) = split(part, ps.len());
        leftover += left;
        for (&i, amount) in ps.iter().zip(poll_parts) {
            if let Some(p) = polls.get(i) {
                shares.push(Share {
                    poll: p.id.clone(),
                    unit: (*unit).to_owned(),
                    amount: Money::from_pence(amount),
                });
            }
        }
    }
    shares.sort_by_key(|s| ledger.poll_index(&s.poll));
    LineWorking {
        line: line.id.clone(),
        category: line.category,
        attribution: line.attribution.code(),
        amount: line.amount,
        refunded,
        net,
        units: units.len(),
        per_unit: Money::from_pence(per_unit),
        leftover_pence: leftover,
        shares,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_gives_leftover_pence_to_the_first() {
        // £100.00 among three: 3,334 + 3,333 + 3,333 pence.
        assert_eq!(split(10_000, 3), (3_333, 1, vec![3_334, 3_333, 3_333]));
        // £0.05 among four: 2 + 1 + 1 + 1.
        assert_eq!(split(5, 4), (1, 1, vec![2, 1, 1, 1]));
        // £0.02 among three: 1 + 1 + 0.
        assert_eq!(split(2, 3), (0, 2, vec![1, 1, 0]));
        assert_eq!(split(900, 1), (900, 0, vec![900]));
    }
}
