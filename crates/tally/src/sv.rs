//! The supplementary vote: the first count, who remains, and the second
//! count.
//!
//! Greater London Authority Act 1999 Sch 2 paras 3–4; Local Authorities
//! (Mayoral Elections) (England and Wales) Regulations 2007 r.51; Police and
//! Crime Commissioner Elections Order 2012 r.57–60 in its
//! supplementary-vote form; Combined Authorities (Mayoral Elections) Order
//! 2017 r.55–56. The same steps in each:
//!
//! 1. A candidate who "receives more than half of all the first preference
//!    votes given" is elected: 2 × first preferences > all valid first
//!    preferences.
//! 2. Otherwise the two candidates with the most first preferences remain,
//!    and "if, by reason of an equality of first preference votes, three or
//!    more candidates are qualified to remain … all of them remain" (GLAA
//!    Sch 2 para 4(3)); the others are eliminated, with no lot.
//! 3. The second count: the second preferences for a remaining candidate on
//!    the papers whose first preference is for an eliminated candidate; the
//!    papers of the remaining candidates' own supporters are not examined.
//! 4. The remaining candidate with the most first plus second preferences
//!    is returned; an equality is decided by lot (para 4(8)).
//!
//! With two candidates there is no second preference (the paper has one
//! column): the one with more votes is returned, an equality by lot.

use countroom_adjudicate::{
    Adjudicator, BallotPaper, Doubt, Outcome, SavingReason, SecondPreference,
};
use countroom_rules::RejectionHead;

use crate::tally::{Tally, TallyError};

/// First and second preferences of a supplementary-vote poll: for each
/// first-preference candidate, the papers by second preference.
///
/// Filled from adjudicated papers ([`SvTally::add`]) or from a count sheet,
/// and merged exactly, like [`crate::Tally`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SvTally {
    n: usize,
    /// `pairs[first * (n + 2) + s]`: `s < n` a second preference for
    /// candidate `s`, `s == n` none, `s == n + 1` void.
    pairs: Vec<u64>,
}

impl SvTally {
    /// An empty tally for `n` candidates.
    #[must_use]
    pub fn new(n: usize) -> SvTally {
        SvTally {
            n,
            // A product past usize::MAX could not be allocated either: the
            // allocation fails the same way for any length that large.
            pairs: vec![0; n.saturating_mul(n.saturating_add(2))],
        }
    }

    /// Candidates.
    #[must_use]
    pub fn candidates(&self) -> usize {
        self.n
    }

    fn slot(&self, first: usize, second: SecondPreference) -> Result<usize, TallyError> {
        let out = |index| TallyError::MarkOutOfRange { index, n: self.n };
        if first >= self.n {
            return Err(out(first));
        }
        let s = match second {
            SecondPreference::For(c) if c >= self.n => return Err(out(c)),
            SecondPreference::For(c) => c,
            SecondPreference::None => self.n,
            SecondPreference::Void => self.n + 1,
        };
        Ok(first * (self.n + 2) + s)
    }

    /// Adds `papers` papers with this first and second preference.
    pub fn add(
        &mut self,
        first: usize,
        second: SecondPreference,
        papers: u64,
    ) -> Result<(), TallyError> {
        let i = self.slot(first, second)?;
        let slot = self.pairs.get_mut(i).ok_or(TallyError::Overflow)?;
        *slot = slot.checked_add(papers).ok_or(TallyError::Overflow)?;
        Ok(())
    }

    /// Papers with this first and second preference.
    #[must_use]
    pub fn papers(&self, first: usize, second: SecondPreference) -> u64 {
        self.slot(first, second)
            .ok()
            .and_then(|i| self.pairs.get(i).copied())
            .unwrap_or(0)
    }

    /// First preferences per candidate.
    pub fn first_preferences(&self) -> Result<Vec<u64>, TallyError> {
        let width = self.n + 2;
        self.pairs
            .chunks(width.max(1))
            .map(|row| {
                row.iter().try_fold(0u64, |total, &adds| {
                    total.checked_add(adds).ok_or(TallyError::SumOverflow {
                        what: "first preferences for one candidate",
                        total,
                        adds,
                    })
                })
            })
            .collect()
    }

    /// Adds `other` into `self`; on error `self` is unchanged.
    pub fn merge(&mut self, other: &SvTally) -> Result<(), TallyError> {
        if self.n != other.n {
            return Err(TallyError::CandidateMismatch {
                left: self.n,
                right: other.n,
            });
        }
        let mut merged = self.pairs.clone();
        for (a, &b) in merged.iter_mut().zip(&other.pairs) {
            *a = a.checked_add(b).ok_or(TallyError::Overflow)?;
        }
        self.pairs = merged;
        Ok(())
    }
}

/// Supplementary-vote papers adjudicated and counted: the first count's
/// tally and the second preferences behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SvCount {
    /// First preferences per candidate, valid papers, rejected per head.
    pub tally: Tally,
    /// First × second preferences of the valid papers.
    pub sv: SvTally,
    /// The positions of the papers the rules leave to the returning
    /// officer (not counted), with the doubt.
    pub doubtful: Vec<(usize, Doubt)>,
    /// Valid papers allowed under the saving clause, by reason (indexed by
    /// [`SavingReason::index`]).
    pub saved: [u64; SavingReason::COUNT],
}

/// Adjudicates and counts supplementary-vote ballot papers under the
/// adjudicator's rules: each valid paper adds one first preference and one
/// cell of the first × second matrix; a rejected paper counts under its
/// head; a doubtful paper is listed, not counted. No allocation per paper.
pub fn count_sv_papers<'a>(
    papers: impl IntoIterator<Item = &'a BallotPaper>,
    adjudicator: &Adjudicator,
) -> Result<SvCount, TallyError> {
    let n = adjudicator.candidates();
    let mut sv = SvTally::new(n);
    let mut rejected = [0u64; RejectionHead::COUNT];
    let mut doubtful = Vec::new();
    let mut saved = [0u64; SavingReason::COUNT];
    let mut save = |paper: &BallotPaper, s: bool| -> Result<(), TallyError> {
        if let Some(reason) = SavingReason::of(paper).filter(|_| s) {
            let slot = saved.get_mut(reason.index()).ok_or(TallyError::Overflow)?;
            *slot = slot.checked_add(1).ok_or(TallyError::Overflow)?;
        }
        Ok(())
    };
    for (index, paper) in papers.into_iter().enumerate() {
        let outcome = adjudicator
            .adjudicate(paper)
            .map_err(|source| TallyError::BadPaper { index, source })?;
        match outcome {
            Outcome::FirstPreference {
                first,
                second,
                saved: s,
            } => {
                sv.add(first, second, 1)?;
                save(paper, s)?;
            }
            Outcome::Valid { votes, saved: s } => {
                // A one-column paper (two candidates): no second preference.
                let Some(&first) = votes.first() else {
                    return Err(TallyError::Overflow);
                };
                sv.add(first, SecondPreference::None, 1)?;
                save(paper, s)?;
            }
            Outcome::Rejected(head) => {
                let slot = rejected.get_mut(head.index()).ok_or(TallyError::Overflow)?;
                *slot = slot.checked_add(1).ok_or(TallyError::Overflow)?;
            }
            Outcome::Doubtful(doubt) => doubtful.push((index, doubt)),
            Outcome::RejectedInPart { .. } | Outcome::Preferences { .. } => {
                return Err(TallyError::NotCrosses {
                    rules: adjudicator.rules().code,
                })
            }
        }
    }
    let mut tally = Tally::new(n);
    for (c, votes) in sv.first_preferences()?.into_iter().enumerate() {
        tally.add_votes(c, votes)?;
        tally.add_valid_papers(votes)?;
    }
    for head in RejectionHead::ALL {
        tally.add_rejected(head, rejected.get(head.index()).copied().unwrap_or(0))?;
    }
    Ok(SvCount {
        tally,
        sv,
        doubtful,
        saved,
    })
}

/// The result of a supplementary-vote count.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SvOutcome {
    /// First preferences per candidate.
    pub first: Vec<u64>,
    /// All valid first preferences.
    pub total_first: u64,
    /// Elected at the first count with more than half the first
    /// preferences (or, with two candidates, more votes).
    pub first_count_winner: Option<usize>,
    /// The candidates remaining for the second count (ascending), empty if
    /// there is none.
    pub remaining: Vec<usize>,
    /// Second preferences counted for each candidate (zero for those not
    /// remaining).
    pub second: Vec<u64>,
    /// Papers examined at the second count (first preference for an
    /// eliminated candidate) that gave no second preference for a remaining
    /// candidate: none, for an eliminated candidate, or void.
    pub second_count_not_counted: u64,
    /// Of those, papers whose second preference was void (more than one, or
    /// uncertain): the figure for papers "rejected for the purposes of the
    /// count of second preference votes". Read (the Combined Authority
    /// Mayoral Elections Rules, Sch 1 to SI 2017/67, as made): r.55(2), a
    /// paper not otherwise void "on which not more than one second
    /// preference vote is marked" is valid as respects that vote "if, but
    /// only if, a valid first preference vote has also been marked"; r.55(3)
    /// applies r.51 (the rejected papers rule, except its para (3)) to the
    /// count of second preference votes "as if references to first
    /// preference votes were references to second preference votes"; the
    /// provisional statement of r.56(2)(d) gives "the number of ballot
    /// papers that were" rejected. Doubt (not printed): the rest of
    /// r.56(2)(d) was not read (the stored copy stops there), so which
    /// papers the statutory figure counts is this narrow reading: papers
    /// examined at the second count whose second preference is void under
    /// r.51 as applied, not those that simply give no second preference.
    pub second_count_void: u64,
    /// First plus second preferences, for the remaining candidates.
    pub totals: Vec<u64>,
    /// Returned, if no lot is needed.
    pub elected: Option<usize>,
    /// Candidates equal on the highest total: a lot decides (ascending).
    pub tie: Vec<usize>,
}

/// What the first count decides (or, after the second count, the totals).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SvDecision {
    /// Returned.
    Elected(usize),
    /// Candidates equal on the most votes (ascending): a lot decides which
    /// is returned (GLAA 1999 Sch 2 para 4(8); LAMR 2007 r.51(5)).
    Equality(Vec<usize>),
    /// No majority: these candidates (ascending) remain for the second
    /// count; the others are eliminated.
    SecondCount(Vec<usize>),
}

/// The first count of a supplementary-vote poll, from the first preferences
/// per candidate: the total of valid first preferences and the decision.
///
/// - With two candidates or fewer the paper has one column: more votes
///   wins, an equality is decided by lot.
/// - A candidate with more than half the first preferences
///   (2 × votes > total) is returned.
/// - Otherwise the two with most first preferences remain, with every
///   candidate equal to the second of them; no lot is drawn at this point.
pub fn sv_first_count(first: &[u64]) -> Result<(u64, SvDecision), TallyError> {
    let n = first.len();
    let total = first
        .iter()
        .try_fold(0u64, |a, &b| a.checked_add(b).ok_or(TallyError::Overflow))?;
    let top = first.iter().copied().max().unwrap_or(0);
    let leaders: Vec<usize> = (0..n).filter(|&c| first.get(c) == Some(&top)).collect();
    if n <= 2 {
        return Ok((total, decide(leaders)));
    }
    if let [c] = leaders[..] {
        if u128::from(top) * 2 > u128::from(total) {
            return Ok((total, SvDecision::Elected(c)));
        }
    }
    let mut sorted = first.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let second_place = sorted.get(1).copied().unwrap_or(0);
    let remaining = (0..n)
        .filter(|&c| first.get(c).is_some_and(|&v| v >= second_place))
        .collect();
    Ok((total, SvDecision::SecondCount(remaining)))
}

/// The totals after the second count: first plus second preferences for
/// each remaining candidate (zero for the others), and who is returned or
/// which candidates are equal on the highest total.
///
/// `second` holds the second preferences counted per candidate; a
/// candidate not in `remaining` with second preferences is an error
/// ([`TallyError::EliminatedCandidate`]).
pub fn sv_final_count(
    first: &[u64],
    remaining: &[usize],
    second: &[u64],
) -> Result<(Vec<u64>, SvDecision), TallyError> {
    let n = first.len();
    if second.len() != n {
        return Err(TallyError::CandidateMismatch {
            left: n,
            right: second.len(),
        });
    }
    let mut totals = vec![0u64; n];
    for (c, total) in totals.iter_mut().enumerate() {
        let s = second.get(c).copied().unwrap_or(0);
        if remaining.contains(&c) {
            let f = first.get(c).copied().unwrap_or(0);
            *total = f.checked_add(s).ok_or(TallyError::Overflow)?;
        } else if s > 0 {
            return Err(TallyError::EliminatedCandidate { index: c });
        }
    }
    let best = remaining
        .iter()
        .filter_map(|&c| totals.get(c).copied())
        .max()
        .unwrap_or(0);
    let leaders = remaining
        .iter()
        .copied()
        .filter(|&c| totals.get(c) == Some(&best))
        .collect();
    Ok((totals, decide(leaders)))
}

fn decide(leaders: Vec<usize>) -> SvDecision {
    match leaders[..] {
        [c] => SvDecision::Elected(c),
        _ => SvDecision::Equality(leaders),
    }
}

/// The figures of a supplementary-vote second count: the second
/// preferences counted for each candidate and the papers examined that are
/// not counted, by reason. Filled by hand from bundles (a count log's
/// `second_preferences_counted`), or from an [`SvTally`] by
/// [`sv_second_count`]; merged exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondCountFigures {
    /// Second preferences counted per candidate (zero for the eliminated).
    pub votes: Vec<u64>,
    /// Papers examined with no second preference.
    pub unmarked: u64,
    /// Papers examined whose second preference is for an eliminated
    /// candidate (not counted, not rejected).
    pub for_eliminated: u64,
    /// Papers examined whose second preference is void for uncertainty.
    pub void: u64,
}

impl SecondCountFigures {
    /// No papers examined yet, for `n` candidates.
    #[must_use]
    pub fn new(n: usize) -> SecondCountFigures {
        SecondCountFigures {
            votes: vec![0; n],
            unmarked: 0,
            for_eliminated: 0,
            void: 0,
        }
    }

    /// Papers examined: the votes counted, unmarked, for an eliminated
    /// candidate and void, summed; [`TallyError::SumOverflow`] past
    /// `u64::MAX`.
    pub fn examined(&self) -> Result<u64, TallyError> {
        let what = "papers examined at the second count";
        [self.unmarked, self.for_eliminated, self.void]
            .iter()
            .chain(&self.votes)
            .try_fold(0u64, |total, &adds| {
                total
                    .checked_add(adds)
                    .ok_or(TallyError::SumOverflow { what, total, adds })
            })
    }

    /// Adds `other` into `self`, every figure checked; on error `self` is
    /// unchanged.
    pub fn merge(&mut self, other: &SecondCountFigures) -> Result<(), TallyError> {
        if self.votes.len() != other.votes.len() {
            return Err(TallyError::CandidateMismatch {
                left: self.votes.len(),
                right: other.votes.len(),
            });
        }
        let add = |total: u64, adds: u64, what: &'static str| {
            total
                .checked_add(adds)
                .ok_or(TallyError::SumOverflow { what, total, adds })
        };
        let mut next = self.clone();
        for (a, &b) in next.votes.iter_mut().zip(&other.votes) {
            *a = add(*a, b, "second preferences for one candidate")?;
        }
        next.unmarked = add(
            next.unmarked,
            other.unmarked,
            "papers unmarked as to the second preference",
        )?;
        next.for_eliminated = add(
            next.for_eliminated,
            other.for_eliminated,
            "second preferences for eliminated candidates",
        )?;
        next.void = add(
            next.void,
            other.void,
            "papers void as to the second preference",
        )?;
        *self = next;
        Ok(())
    }
}

/// The second count of a supplementary-vote poll, worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SvSecondCount {
    /// Its figures: the papers of `by_hand` and of the eliminated
    /// candidates in the [`SvTally`] together.
    pub figures: SecondCountFigures,
    /// The eliminated candidates' first preferences: the papers to examine.
    pub to_examine: u64,
    /// Papers examined ([`SecondCountFigures::examined`]).
    pub examined: u64,
}

/// The second count (step 3 above): the papers of the `papers` tally whose
/// first preference is for a candidate not in `remaining`, examined for
/// their second preference, added to the figures counted `by_hand` (from
/// bundles with no paper-level record); with the papers to examine (the
/// eliminated candidates' `first` preferences) and the papers examined.
///
/// The one implementation of the second count: [`supplementary_vote`] and
/// the count log's live count (`countroom-count`) both call it. Every sum
/// is checked: past `u64::MAX` is [`TallyError::SumOverflow`] naming the
/// figures, never a clamped total.
pub fn sv_second_count(
    first: &[u64],
    remaining: &[usize],
    papers: &SvTally,
    by_hand: &SecondCountFigures,
) -> Result<SvSecondCount, TallyError> {
    let n = first.len();
    if papers.candidates() != n || by_hand.votes.len() != n {
        return Err(TallyError::CandidateMismatch {
            left: n,
            right: if papers.candidates() == n {
                by_hand.votes.len()
            } else {
                papers.candidates()
            },
        });
    }
    let mut examined = SecondCountFigures::new(n);
    let mut to_examine = 0u64;
    for f in (0..n).filter(|f| !remaining.contains(f)) {
        let adds = first.get(f).copied().unwrap_or(0);
        to_examine = to_examine
            .checked_add(adds)
            .ok_or(TallyError::SumOverflow {
                what: "papers to examine at the second count",
                total: to_examine,
                adds,
            })?;
        let mut row = SecondCountFigures::new(n);
        for s in 0..n {
            let p = papers.papers(f, SecondPreference::For(s));
            match row.votes.get_mut(s) {
                Some(v) if remaining.contains(&s) => *v = p,
                _ => {
                    row.for_eliminated =
                        row.for_eliminated
                            .checked_add(p)
                            .ok_or(TallyError::SumOverflow {
                                what: "second preferences for eliminated candidates",
                                total: row.for_eliminated,
                                adds: p,
                            })?
                }
            }
        }
        row.unmarked = papers.papers(f, SecondPreference::None);
        row.void = papers.papers(f, SecondPreference::Void);
        examined.merge(&row)?;
    }
    examined.merge(by_hand)?;
    let total = examined.examined()?;
    Ok(SvSecondCount {
        figures: examined,
        to_examine,
        examined: total,
    })
}

/// Counts a supplementary-vote poll from its first and second preferences:
/// [`sv_first_count`], then, if it leaves one, the second count
/// ([`sv_second_count`]) and [`sv_final_count`].
pub fn supplementary_vote(t: &SvTally) -> Result<SvOutcome, TallyError> {
    let n = t.candidates();
    let first = t.first_preferences()?;
    let (total_first, decision) = sv_first_count(&first)?;
    let mut out = SvOutcome {
        first: first.clone(),
        total_first,
        first_count_winner: None,
        remaining: Vec::new(),
        second: vec![0; n],
        second_count_not_counted: 0,
        second_count_void: 0,
        totals: first.clone(),
        elected: None,
        tie: Vec::new(),
    };
    let remaining = match decision {
        SvDecision::Elected(c) => {
            out.first_count_winner = Some(c);
            out.elected = Some(c);
            return Ok(out);
        }
        SvDecision::Equality(tied) => {
            out.tie = tied;
            return Ok(out);
        }
        SvDecision::SecondCount(remaining) => remaining,
    };
    let second = sv_second_count(&first, &remaining, t, &SecondCountFigures::new(n))?;
    out.remaining = remaining;
    let f = &second.figures;
    out.second_count_void = f.void;
    out.second_count_not_counted = SecondCountFigures {
        votes: Vec::new(),
        ..f.clone()
    }
    .examined()?;
    out.second = second.figures.votes;
    let (totals, decision) = sv_final_count(&first, &out.remaining, &out.second)?;
    for &c in &out.remaining {
        if let (Some(slot), Some(&t)) = (out.totals.get_mut(c), totals.get(c)) {
            *slot = t;
        }
    }
    match decision {
        SvDecision::Elected(c) => out.elected = Some(c),
        SvDecision::Equality(tied) | SvDecision::SecondCount(tied) => out.tie = tied,
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use SecondPreference::{For, None as NoSecond, Void};

    const A: usize = 0;
    const B: usize = 1;
    const C: usize = 2;
    const D: usize = 3;

    /// uk-count-rules.md §5.3, worked example: FP A 40,000, B 35,000,
    /// C 15,000, D 10,000 (100,000 in all): no majority; A and B remain. Of
    /// the 25,000 C and D papers, 6,000 give A a second preference, 9,500 B,
    /// the rest none, C/D, or void. A is returned with 46,000.
    #[test]
    fn worked_example() {
        let mut t = SvTally::new(4);
        t.add(A, NoSecond, 30_000).unwrap();
        t.add(A, For(B), 10_000).unwrap();
        t.add(B, For(A), 35_000).unwrap();
        t.add(C, For(A), 4_000).unwrap();
        t.add(C, For(B), 5_000).unwrap();
        t.add(C, For(D), 3_000).unwrap();
        t.add(C, NoSecond, 2_500).unwrap();
        t.add(C, Void, 500).unwrap();
        t.add(D, For(A), 2_000).unwrap();
        t.add(D, For(B), 4_500).unwrap();
        t.add(D, For(C), 1_000).unwrap();
        t.add(D, NoSecond, 2_500).unwrap();
        let o = supplementary_vote(&t).unwrap();
        assert_eq!(o.first, [40_000, 35_000, 15_000, 10_000]);
        assert_eq!(o.total_first, 100_000);
        assert_eq!(o.first_count_winner, Option::None);
        assert_eq!(o.remaining, [A, B]);
        // A's and B's own supporters' second preferences are not examined.
        assert_eq!(o.second, [6_000, 9_500, 0, 0]);
        assert_eq!(o.totals[A], 46_000);
        assert_eq!(o.totals[B], 44_500);
        assert_eq!(o.second_count_not_counted, 9_500);
        assert_eq!(o.second_count_void, 500);
        assert_eq!(o.elected, Some(A));
        assert!(o.tie.is_empty());
    }

    /// §5.3 tie variant: FP A 40,000, B 30,000, C 30,000, D 10,000: B and C
    /// are equal second, so A, B and C all remain (GLAA Sch 2 para 4(3));
    /// only D's papers are examined.
    #[test]
    fn equality_for_second_place_keeps_all_tied() {
        let mut t = SvTally::new(4);
        t.add(A, NoSecond, 40_000).unwrap();
        t.add(B, For(C), 30_000).unwrap();
        t.add(C, For(B), 30_000).unwrap();
        t.add(D, For(C), 6_000).unwrap();
        t.add(D, For(A), 1_000).unwrap();
        t.add(D, NoSecond, 3_000).unwrap();
        let o = supplementary_vote(&t).unwrap();
        assert_eq!(o.remaining, [A, B, C]);
        assert_eq!(o.second, [1_000, 0, 6_000, 0]);
        assert_eq!(o.totals[..3], [41_000, 30_000, 36_000]);
        assert_eq!(o.elected, Some(A));
    }

    /// More than half the first preferences: elected at the first count,
    /// no second count. Exactly half is not more than half.
    #[test]
    fn majority_at_the_first_count() {
        let mut t = SvTally::new(3);
        t.add(A, For(B), 501).unwrap();
        t.add(B, For(A), 300).unwrap();
        t.add(C, For(B), 199).unwrap();
        let o = supplementary_vote(&t).unwrap();
        assert_eq!((o.first_count_winner, o.elected), (Some(A), Some(A)));
        assert!(o.remaining.is_empty());
        let mut t = SvTally::new(3);
        t.add(A, NoSecond, 500).unwrap();
        t.add(B, NoSecond, 300).unwrap();
        t.add(C, For(B), 200).unwrap();
        let o = supplementary_vote(&t).unwrap();
        assert_eq!(o.first_count_winner, Option::None);
        assert_eq!(o.remaining, [A, B]);
        assert_eq!(o.totals[..2], [500, 500]);
        // Equal totals: a lot decides between A and B (GLAA para 4(8)).
        assert_eq!((o.elected, o.tie), (Option::None, vec![A, B]));
    }

    /// Two candidates: one column; more votes wins; an equality by lot.
    #[test]
    fn two_candidates() {
        let mut t = SvTally::new(2);
        t.add(A, NoSecond, 10).unwrap();
        t.add(B, NoSecond, 10).unwrap();
        let o = supplementary_vote(&t).unwrap();
        assert_eq!((o.elected, o.tie), (Option::None, vec![A, B]));
        t.add(B, NoSecond, 1).unwrap();
        assert_eq!(supplementary_vote(&t).unwrap().elected, Some(B));
    }

    /// The second count is one computation ([`sv_second_count`]) whether
    /// its papers come from adjudicated papers or bundles counted by hand:
    /// worked example's figures (§5.3), half from each, give the same
    /// totals; and a sum past `u64::MAX` is an error naming the figures,
    /// never a clamped total.
    #[test]
    fn second_count_by_hand_and_from_papers_agree_and_overflow_is_an_error() {
        let first = [40_000, 35_000, 15_000, 10_000];
        let mut papers = SvTally::new(4);
        papers.add(C, For(A), 4_000).unwrap();
        papers.add(C, For(B), 5_000).unwrap();
        papers.add(C, For(D), 3_000).unwrap();
        papers.add(C, NoSecond, 2_500).unwrap();
        papers.add(C, Void, 500).unwrap();
        // D's 10,000 papers counted by hand in bundles.
        let by_hand = SecondCountFigures {
            votes: vec![2_000, 4_500, 0, 0],
            unmarked: 2_500,
            for_eliminated: 1_000,
            void: 0,
        };
        let s = sv_second_count(&first, &[A, B], &papers, &by_hand).unwrap();
        assert_eq!(s.figures.votes, [6_000, 9_500, 0, 0]);
        assert_eq!(
            (s.figures.unmarked, s.figures.for_eliminated, s.figures.void),
            (5_000, 4_000, 500)
        );
        assert_eq!((s.to_examine, s.examined), (25_000, 25_000));

        let huge = SecondCountFigures {
            unmarked: u64::MAX,
            ..SecondCountFigures::new(4)
        };
        let e = sv_second_count(&first, &[A, B], &papers, &huge).unwrap_err();
        assert_eq!(
            e,
            TallyError::SumOverflow {
                what: "papers unmarked as to the second preference",
                total: 2_500,
                adds: u64::MAX
            }
        );
        let mut one = SecondCountFigures::new(4);
        one.void = 1;
        let mut big = huge.clone();
        big.merge(&one).unwrap();
        assert_eq!(
            big.examined(),
            Err(TallyError::SumOverflow {
                what: "papers examined at the second count",
                total: u64::MAX,
                adds: 1
            })
        );
    }

    #[test]
    fn bad_indices_are_errors() {
        let mut t = SvTally::new(3);
        assert!(t.add(3, NoSecond, 1).is_err());
        assert!(t.add(0, For(3), 1).is_err());
        assert!(t.merge(&SvTally::new(4)).is_err());
        assert_eq!(t, SvTally::new(3));
    }

    fn arb_tally() -> impl Strategy<Value = SvTally> {
        prop::collection::vec((0usize..5, 0usize..7, 0u64..1_000), 0..40).prop_map(|cells| {
            let mut t = SvTally::new(5);
            for (f, s, p) in cells {
                let second = match s {
                    5 => NoSecond,
                    6 => Void,
                    c => For(c),
                };
                t.add(f, second, p).unwrap();
            }
            t
        })
    }

    /// Supplementary-vote papers: each mark a cross in the first or second
    /// column for one of 5 candidates; some papers without the official
    /// mark.
    fn arb_papers() -> impl Strategy<Value = Vec<BallotPaper>> {
        use countroom_adjudicate::Mark;
        let paper = (
            any::<bool>(),
            prop::collection::vec((0usize..5, any::<bool>()), 0..4),
        )
            .prop_map(|(official, marks)| BallotPaper {
                official_mark: official,
                identifying_mark: false,
                marks: marks
                    .into_iter()
                    .map(|(c, second)| {
                        let m = Mark::cross(c);
                        if second {
                            m.second()
                        } else {
                            m
                        }
                    })
                    .collect(),
            });
        prop::collection::vec(paper, 0..200)
    }

    proptest! {
        /// The count, and who is returned, do not depend on the order of
        /// the ballot papers; every paper is counted once (valid, rejected,
        /// or set aside).
        #[test]
        fn order_of_papers_does_not_matter(papers in arb_papers(), rotate in 0usize..200) {
            let rules = countroom_rules::ruleset(countroom_model::RulesetId::MayorSv2026);
            let adj = Adjudicator::new(rules, 5, 1).unwrap();
            let a = count_sv_papers(&papers, &adj).unwrap();
            let mut shuffled = papers.clone();
            shuffled.reverse();
            let k = if shuffled.is_empty() { 0 } else { rotate % shuffled.len() };
            shuffled.rotate_left(k);
            let b = count_sv_papers(&shuffled, &adj).unwrap();
            prop_assert_eq!(&a.tally, &b.tally);
            prop_assert_eq!(&a.sv, &b.sv);
            prop_assert_eq!(a.tally.papers_counted() + a.doubtful.len() as u64, papers.len() as u64);
            prop_assert_eq!(supplementary_vote(&a.sv).unwrap(), supplementary_vote(&b.sv).unwrap());
        }

        /// Conservation: the second count adds exactly the examined papers
        /// that are counted; counted plus not counted is every paper of the
        /// eliminated candidates; the result does not depend on how the
        /// papers were split into tallies.
        #[test]
        fn second_count_conserves_papers(a in arb_tally(), b in arb_tally()) {
            let mut t = a.clone();
            t.merge(&b).unwrap();
            let o = supplementary_vote(&t).unwrap();
            if !o.remaining.is_empty() {
                let eliminated: u64 = (0..5).filter(|c| !o.remaining.contains(c)).map(|c| o.first[c]).sum();
                let counted: u64 = o.second.iter().sum();
                prop_assert_eq!(counted + o.second_count_not_counted, eliminated);
                prop_assert!(o.remaining.len() >= 2);
            }
            let mut other = b.clone();
            other.merge(&a).unwrap();
            prop_assert_eq!(supplementary_vote(&other).unwrap(), o.clone());
            prop_assert!(o.elected.is_some() != (o.tie.len() >= 2));
        }
    }
}
