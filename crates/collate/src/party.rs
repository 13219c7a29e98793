//! Summing contests' results by party (a general election's national
//! totals).

use std::collections::BTreeMap;

use crate::error::CollateError;

/// One candidate's result in a contest.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CandidateResult {
    /// The party (or `Ind` for an independent), as the results name it.
    pub party: String,
    /// Votes.
    pub votes: u64,
    /// Whether the candidate was returned.
    pub elected: bool,
}

impl CandidateResult {
    /// A candidate's result: party, votes and whether returned.
    #[must_use]
    pub fn new(party: impl Into<String>, votes: u64, elected: bool) -> CandidateResult {
        CandidateResult {
            party: party.into(),
            votes,
            elected,
        }
    }
}

/// One contest's result: every candidate who stood.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContestResult {
    /// The contest's identifier, for messages.
    pub contest: String,
    /// The candidates.
    pub candidates: Vec<CandidateResult>,
}

impl ContestResult {
    /// A contest's result: its identifier and every candidate's result.
    #[must_use]
    pub fn new(contest: impl Into<String>, candidates: Vec<CandidateResult>) -> ContestResult {
        ContestResult {
            contest: contest.into(),
            candidates,
        }
    }
}

/// A party's totals over several contests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PartyTotal {
    /// Candidates it stood.
    pub candidates: u64,
    /// Votes for its candidates.
    pub votes: u64,
    /// Its candidates returned.
    pub seats: u64,
}

/// Sums contests' results by party: candidates, votes and seats, in party
/// order (a `BTreeMap`, so the output is deterministic).
///
/// Who is returned in each contest is the caller's input (the declared
/// result); nothing here decides it.
///
/// # Errors
///
/// [`CollateError::Overflow`] naming the contest at which a party's total
/// passed `u64::MAX`.
pub fn party_totals(
    contests: &[ContestResult],
) -> Result<BTreeMap<String, PartyTotal>, CollateError> {
    let mut out: BTreeMap<String, PartyTotal> = BTreeMap::new();
    for contest in contests {
        for candidate in &contest.candidates {
            let overflow = |what| CollateError::Overflow {
                scope: format!("contest {}", contest.contest),
                what,
            };
            let total = out.entry(candidate.party.clone()).or_default();
            let mut next = *total;
            next.candidates = next
                .candidates
                .checked_add(1)
                .ok_or_else(|| overflow("party's candidates"))?;
            next.votes = next
                .votes
                .checked_add(candidate.votes)
                .ok_or_else(|| overflow("party's votes"))?;
            if candidate.elected {
                next.seats = next
                    .seats
                    .checked_add(1)
                    .ok_or_else(|| overflow("party's seats"))?;
            }
            *total = next;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(party: &str, votes: u64, elected: bool) -> CandidateResult {
        CandidateResult {
            party: party.into(),
            votes,
            elected,
        }
    }

    #[test]
    fn sums_by_party() {
        let contests = [
            ContestResult {
                contest: "one".into(),
                candidates: vec![
                    cand("Lab", 100, true),
                    cand("Con", 90, false),
                    cand("Ind", 5, false),
                ],
            },
            ContestResult {
                contest: "two".into(),
                candidates: vec![
                    cand("Con", 80, true),
                    cand("Lab", 70, false),
                    cand("Ind", 3, false),
                    cand("Ind", 2, false),
                ],
            },
        ];
        let t = party_totals(&contests).unwrap();
        assert_eq!(t.keys().collect::<Vec<_>>(), ["Con", "Ind", "Lab"]);
        assert_eq!(
            t["Lab"],
            PartyTotal {
                candidates: 2,
                votes: 170,
                seats: 1
            }
        );
        assert_eq!(
            t["Ind"],
            PartyTotal {
                candidates: 3,
                votes: 10,
                seats: 0
            }
        );
    }

    #[test]
    fn overflow_names_the_contest() {
        let contests = [
            ContestResult {
                contest: "one".into(),
                candidates: vec![cand("X", u64::MAX, true)],
            },
            ContestResult {
                contest: "two".into(),
                candidates: vec![cand("X", 1, true)],
            },
        ];
        let err = party_totals(&contests).unwrap_err();
        assert_eq!(
            err,
            CollateError::Overflow {
                scope: "contest two".into(),
                what: "party's votes"
            }
        );
        assert!(err
            .to_string()
            .starts_with("contest two: the party's votes pass"));
    }
}
