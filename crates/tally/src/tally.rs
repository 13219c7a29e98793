//! Tallies: votes per candidate and papers per category, merged exactly.

use countroom_rules::RejectionHead;

use countroom_adjudicate::{Adjudicator, Class, Outcome, Paper, MAX_CANDIDATES};

/// The counts of one bundle, table, box, batch or whole run.
///
/// All fields are exact integers; [`Tally::merge`] adds them with overflow
/// checks, so merging is associative and commutative and any split of the
/// papers gives the same total.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Tally {
    votes: Vec<u64>,
    valid_papers: u64,
    rejected: [u64; RejectionHead::COUNT],
    rejected_in_part: u64,
    /// The sum of `votes`, kept so that it is checked on every addition.
    total_votes: u64,
    /// The sum of `rejected`, likewise.
    rejected_papers: u64,
    /// `valid_papers + rejected_papers`, likewise.
    papers_counted: u64,
}

/// A tally could not be formed or merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TallyError {
    /// The two tallies are for different numbers of candidates.
    #[error("cannot merge a tally of {left} candidates with one of {right}")]
    CandidateMismatch {
        /// Candidates in the first.
        left: usize,
        /// Candidates in the second.
        right: usize,
    },
    /// A sum passed `u64::MAX`.
    #[error("count overflow: a total passed {max}", max = u64::MAX)]
    Overflow,
    /// Adding a figure to a total would pass `u64::MAX`: the figures are
    /// named, and nothing was added.
    #[error("{what}: {total} + {adds} exceeds the largest count, {max}", max = u64::MAX)]
    SumOverflow {
        /// The total (`votes in all`, `papers counted`, …).
        what: &'static str,
        /// Its value before.
        total: u64,
        /// What was being added.
        adds: u64,
    },
    /// More candidates than a [`Paper`] can hold.
    #[error(
        "{n} candidates: ballot papers can be counted individually for at most {MAX_CANDIDATES}"
    )]
    TooManyCandidates {
        /// Candidates given.
        n: usize,
    },
    /// Compact papers (crosses) cannot be counted under these rules.
    #[error("{rules}: a cross is not a vote on this ballot paper; adjudicate each paper's marks instead")]
    NotCrosses {
        /// The ruleset's code.
        rules: &'static str,
    },
    /// A paper is marked for a candidate index that does not exist.
    #[error(
        "a ballot paper is marked for candidate index {index}, but there are only {n} candidates"
    )]
    MarkOutOfRange {
        /// The index.
        index: usize,
        /// Candidates.
        n: usize,
    },
    /// A ballot paper's marks do not fit the poll.
    #[error("ballot paper {index}: {source}")]
    BadPaper {
        /// The paper's position in the batch, from 0.
        index: usize,
        /// What is wrong.
        source: countroom_adjudicate::MarkError,
    },
    /// Second preferences given to a candidate eliminated at the first
    /// count of a supplementary-vote poll.
    #[error("candidate index {index} was eliminated at the first count: no second preferences are counted for it")]
    EliminatedCandidate {
        /// The candidate.
        index: usize,
    },
}

impl Tally {
    /// An empty tally for `n_candidates` candidates.
    #[must_use]
    pub fn new(n_candidates: usize) -> Tally {
        Tally {
            votes: vec![0; n_candidates],
            valid_papers: 0,
            rejected: [0; RejectionHead::COUNT],
            rejected_in_part: 0,
            total_votes: 0,
            rejected_papers: 0,
            papers_counted: 0,
        }
    }

    /// Votes per candidate, in ballot-paper order.
    #[must_use]
    pub fn votes(&self) -> &[u64] {
        &self.votes
    }

    /// Valid papers (papers rejected in part included).
    #[must_use]
    pub fn valid_papers(&self) -> u64 {
        self.valid_papers
    }

    /// Papers rejected under `head`.
    #[must_use]
    pub fn rejected(&self, head: RejectionHead) -> u64 {
        self.rejected[head.index()]
    }

    /// Papers rejected in part (counted among the valid papers).
    #[must_use]
    pub fn rejected_in_part(&self) -> u64 {
        self.rejected_in_part
    }

    /// All rejected papers. Exact: every addition checks that this sum
    /// fits.
    #[must_use]
    pub fn rejected_papers(&self) -> u64 {
        self.rejected_papers
    }

    /// Papers counted: valid plus rejected. Exact: every addition checks
    /// that this sum fits.
    #[must_use]
    pub fn papers_counted(&self) -> u64 {
        self.papers_counted
    }

    /// The sum of all candidates' votes. Exact: every addition checks that
    /// this sum fits.
    #[must_use]
    pub fn total_votes(&self) -> u64 {
        self.total_votes
    }

    /// Adds `votes` to candidate `idx`; refused ([`TallyError::SumOverflow`])
    /// if the candidate's votes or the votes in all would pass `u64::MAX`.
    /// On error `self` is unchanged.
    pub fn add_votes(&mut self, idx: usize, votes: u64) -> Result<(), TallyError> {
        let n = self.votes.len();
        let total = checked(self.total_votes, votes, "votes in all")?;
        let slot = self
            .votes
            .get_mut(idx)
            .ok_or(TallyError::MarkOutOfRange { index: idx, n })?;
        *slot = checked(*slot, votes, "votes for one candidate")?;
        self.total_votes = total;
        Ok(())
    }

    /// Adds `papers` valid papers; refused if the valid papers or the
    /// papers counted would pass `u64::MAX`. On error `self` is unchanged.
    pub fn add_valid_papers(&mut self, papers: u64) -> Result<(), TallyError> {
        let valid = checked(self.valid_papers, papers, "valid papers")?;
        let counted = checked(self.papers_counted, papers, "papers counted")?;
        self.valid_papers = valid;
        self.papers_counted = counted;
        Ok(())
    }

    /// Adds `papers` papers rejected under `head`; refused if that head,
    /// the rejected papers in all or the papers counted would pass
    /// `u64::MAX`. On error `self` is unchanged.
    pub fn add_rejected(&mut self, head: RejectionHead, papers: u64) -> Result<(), TallyError> {
        let all = checked(self.rejected_papers, papers, "rejected papers in all")?;
        let counted = checked(self.papers_counted, papers, "papers counted")?;
        let slot = &mut self.rejected[head.index()];
        *slot = checked(*slot, papers, "papers rejected under one head")?;
        self.rejected_papers = all;
        self.papers_counted = counted;
        Ok(())
    }

    /// Adds `papers` papers rejected in part.
    pub fn add_rejected_in_part(&mut self, papers: u64) -> Result<(), TallyError> {
        self.rejected_in_part = self
            .rejected_in_part
            .checked_add(papers)
            .ok_or(TallyError::Overflow)?;
        Ok(())
    }

    /// Counts one adjudicated paper: a valid paper's votes (the first
    /// preference of a preferential or supplementary-vote paper), a paper
    /// rejected in part with the votes counted, or a rejected paper under
    /// its head. A doubtful paper is not counted until the returning
    /// officer decides it: returns `false` for it and changes nothing. On
    /// error `self` is unchanged.
    pub fn add_outcome(&mut self, outcome: &Outcome) -> Result<bool, TallyError> {
        let mut next = self.clone();
        match outcome {
            Outcome::Doubtful(_) => return Ok(false),
            Outcome::Rejected(head) => next.add_rejected(*head, 1)?,
            Outcome::RejectedInPart { .. } => {
                next.add_rejected_in_part(1)?;
                next.add_valid_papers(1)?;
            }
            Outcome::Valid { .. }
            | Outcome::FirstPreference { .. }
            | Outcome::Preferences { .. } => {
                next.add_valid_papers(1)?;
            }
        }
        for &idx in outcome.counted_votes() {
            next.add_votes(idx, 1)?;
        }
        *self = next;
        Ok(true)
    }

    /// Adds `other` into `self`. On error `self` is unchanged.
    pub fn merge(&mut self, other: &Tally) -> Result<(), TallyError> {
        if self.votes.len() != other.votes.len() {
            return Err(TallyError::CandidateMismatch {
                left: self.votes.len(),
                right: other.votes.len(),
            });
        }
        let mut merged = self.clone();
        for (idx, &b) in other.votes.iter().enumerate() {
            merged.add_votes(idx, b)?;
        }
        for head in RejectionHead::ALL {
            merged.add_rejected(head, other.rejected(head))?;
        }
        merged.add_valid_papers(other.valid_papers)?;
        merged.add_rejected_in_part(other.rejected_in_part)?;
        *self = merged;
        Ok(())
    }
}

/// `total + adds`, or [`TallyError::SumOverflow`] naming the figures.
fn checked(total: u64, adds: u64, what: &'static str) -> Result<u64, TallyError> {
    total
        .checked_add(adds)
        .ok_or(TallyError::SumOverflow { what, total, adds })
}

/// Above this many candidates the per-paper path is used instead of the
/// histogram (2^(14+2) buckets of 4 bytes = 256 KiB, the most that stays in
/// a typical L2 cache).
const HISTOGRAM_MAX_CANDIDATES: usize = 14;

/// Adjudicates (by [`Adjudicator::classify`]) and counts `papers` for the
/// adjudicator's poll.
///
/// Identical papers are counted once with a weight: with up to 14
/// candidates, each paper increments one bucket of a histogram keyed by its
/// marks and flags, and each distinct bucket is then classified and counted
/// once. With more candidates, each paper is classified and its marks added.
pub fn count_papers(papers: &[Paper], adjudicator: &Adjudicator) -> Result<Tally, TallyError> {
    let n_candidates = adjudicator.candidates();
    if !adjudicator.counts_crosses() {
        return Err(TallyError::NotCrosses {
            rules: adjudicator.rules().code,
        });
    }
    if n_candidates > MAX_CANDIDATES {
        return Err(TallyError::TooManyCandidates { n: n_candidates });
    }
    let out_of_range = if n_candidates == MAX_CANDIDATES {
        0
    } else {
        ((1u64 << MAX_CANDIDATES) - 1) & !((1u64 << n_candidates) - 1)
    };
    let mut tally = Tally::new(n_candidates);
    if n_candidates <= HISTOGRAM_MAX_CANDIDATES {
        // Each chunk's bucket counts fit in a u32.
        for chunk in papers.chunks(u32::MAX as usize) {
            count_by_histogram(chunk, adjudicator, out_of_range, &mut tally)?;
        }
    } else {
        for &paper in papers {
            if paper.marks() & out_of_range != 0 {
                return Err(mark_error(paper, out_of_range, n_candidates));
            }
            count_one(paper, adjudicator, 1, &mut tally)?;
        }
    }
    Ok(tally)
}

fn mark_error(paper: Paper, out_of_range: u64, n: usize) -> TallyError {
    TallyError::MarkOutOfRange {
        index: (paper.marks() & out_of_range).trailing_zeros() as usize,
        n,
    }
}

fn count_by_histogram(
    papers: &[Paper],
    adjudicator: &Adjudicator,
    out_of_range: u64,
    tally: &mut Tally,
) -> Result<(), TallyError> {
    let n_candidates = adjudicator.candidates();
    let mark_bits = n_candidates;
    let mask = (1u64 << mark_bits) - 1;
    let mut histogram = vec![0u32; 1 << (mark_bits + 2)];
    let mut stray = 0u64;
    for &paper in papers {
        let bits = paper.bits();
        stray |= bits;
        // Marks in the low bits, the two flags just above them.
        let key = (bits & mask) | ((bits >> 62) << mark_bits);
        // Lossless: key < 2^(mark_bits + 2) = histogram.len().
        if let Some(bucket) = histogram.get_mut(key as usize) {
            *bucket += 1;
        }
    }
    if stray & out_of_range != 0 {
        let bad = papers
            .iter()
            .copied()
            .find(|p| p.marks() & out_of_range != 0)
            .unwrap_or_default();
        return Err(mark_error(bad, out_of_range, n_candidates));
    }
    for (key, &weight) in histogram.iter().enumerate() {
        if weight == 0 {
            continue;
        }
        let key = key as u64;
        let paper = Paper::from_bits((key & mask) | ((key >> mark_bits) << 62));
        count_one(paper, adjudicator, u64::from(weight), tally)?;
    }
    Ok(())
}

fn count_one(
    paper: Paper,
    adjudicator: &Adjudicator,
    weight: u64,
    tally: &mut Tally,
) -> Result<(), TallyError> {
    match adjudicator.classify(paper) {
        Class::Valid => {
            tally.add_valid_papers(weight)?;
            for idx in paper.candidates() {
                tally.add_votes(idx, weight)?;
            }
        }
        Class::Rejected(head) => tally.add_rejected(head, weight)?,
    }
    Ok(())
}

/// [`count_papers`] on `threads` threads: the papers are cut into that many
/// contiguous chunks, each counted on its own thread, and the tallies merged
/// in chunk order. The result is identical to [`count_papers`] for any
/// number of threads.
pub fn count_papers_parallel(
    papers: &[Paper],
    adjudicator: &Adjudicator,
    threads: usize,
) -> Result<Tally, TallyError> {
    let threads = threads.max(1);
    if threads == 1 || papers.len() < 2 * threads {
        return count_papers(papers, adjudicator);
    }
    let chunk = papers.len().div_ceil(threads);
    let parts: Vec<Result<Tally, TallyError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = papers
            .chunks(chunk)
            .map(|part| scope.spawn(move || count_papers(part, adjudicator)))
            .collect();
        handles
            .into_iter()
            // `count_papers` does not panic; were a worker to die anyway, its
            // part could not be counted, which is reported as an overflow
            // rather than a wrong total.
            .map(|h| h.join().unwrap_or(Err(TallyError::Overflow)))
            .collect()
    });
    let mut total = Tally::new(adjudicator.candidates());
    for part in parts {
        total.merge(&part?)?;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use countroom_model::RulesetId;
    use countroom_rules::ruleset;
    use proptest::prelude::*;

    fn adj(n: usize, seats: usize) -> Adjudicator {
        Adjudicator::new(ruleset(RulesetId::EnglandPrincipal2006), n, seats).unwrap()
    }

    fn naive(papers: &[Paper], n: usize, seats: usize) -> Tally {
        let mut t = Tally::new(n);
        for &p in papers {
            count_one(p, &adj(n, seats), 1, &mut t).unwrap();
        }
        t
    }

    #[test]
    fn rejects_marks_past_the_candidates() {
        let papers = [Paper::marked(&[0]).unwrap(), Paper::marked(&[5]).unwrap()];
        assert_eq!(
            count_papers(&papers, &adj(3, 1)),
            Err(TallyError::MarkOutOfRange { index: 5, n: 3 })
        );
        assert_eq!(
            count_papers(&papers, &adj(20, 1)).map(|t| t.votes()[5]),
            Ok(1)
        );
        assert_eq!(
            count_papers(&papers, &adj(63, 1)),
            Err(TallyError::TooManyCandidates { n: 63 })
        );
    }

    #[test]
    fn merge_checks_shape_and_overflow() {
        let mut a = Tally::new(2);
        assert_eq!(
            a.merge(&Tally::new(3)),
            Err(TallyError::CandidateMismatch { left: 2, right: 3 })
        );
        let mut big = Tally::new(2);
        big.add_votes(0, u64::MAX).unwrap();
        a.add_votes(0, 1).unwrap();
        let before = a.clone();
        assert_eq!(
            a.merge(&big),
            Err(TallyError::SumOverflow {
                what: "votes in all",
                total: 1,
                adds: u64::MAX
            })
        );
        assert_eq!(a, before, "a failed merge leaves the tally unchanged");
    }

    /// Every total a tally reports is exact: an addition that would make
    /// the votes in all, the rejected papers in all or the papers counted
    /// pass `u64::MAX` is refused, naming the figures, and changes nothing
    /// (each figure alone fits: only the sums overflow).
    #[test]
    fn sums_are_checked_not_clamped() {
        let mut t = Tally::new(2);
        t.add_votes(0, u64::MAX - 1).unwrap();
        let before = t.clone();
        assert_eq!(
            t.add_votes(1, 2),
            Err(TallyError::SumOverflow {
                what: "votes in all",
                total: u64::MAX - 1,
                adds: 2
            })
        );
        assert_eq!(t, before);
        assert_eq!(t.total_votes(), u64::MAX - 1);
        let mut t = Tally::new(2);
        t.add_rejected(RejectionHead::Unmarked, u64::MAX).unwrap();
        let e = t
            .add_rejected(RejectionHead::NoOfficialMark, 1)
            .unwrap_err();
        assert_eq!(
            e,
            TallyError::SumOverflow {
                what: "rejected papers in all",
                total: u64::MAX,
                adds: 1
            }
        );
        assert_eq!(
            e.to_string(),
            "rejected papers in all: 18446744073709551615 + 1 exceeds the largest count, 18446744073709551615"
        );
        assert_eq!(
            t.add_valid_papers(1),
            Err(TallyError::SumOverflow {
                what: "papers counted",
                total: u64::MAX,
                adds: 1
            })
        );
        assert_eq!((t.valid_papers(), t.papers_counted()), (0, u64::MAX));
    }

    fn arb_papers(n: usize) -> impl Strategy<Value = Vec<Paper>> {
        let mask = (1u64 << n) - 1;
        prop::collection::vec(
            (
                any::<u64>(),
                prop::bool::weighted(0.05),
                prop::bool::weighted(0.05),
            )
                .prop_map(move |(m, a, c)| {
                    Paper::from_bits(m & mask)
                        .with_no_official_mark(a)
                        .with_identifying_mark(c)
                }),
            0..400,
        )
    }

    /// Figures near the largest count, so that sums overflow often.
    fn arb_big() -> impl Strategy<Value = u64> {
        prop_oneof![0u64..4, (u64::MAX - 4)..=u64::MAX, 1u64 << 62..=1u64 << 63]
    }

    proptest! {
        /// Every addition either keeps each total equal to the exact
        /// (128-bit) sum of its figures, or is refused and changes nothing:
        /// no total is ever clamped.
        #[test]
        fn totals_are_exact_or_the_addition_is_refused(
            ops in prop::collection::vec((0u8..3, 0usize..3, arb_big()), 0..12)
        ) {
            let mut t = Tally::new(3);
            for (kind, i, n) in ops {
                let before = t.clone();
                let head = RejectionHead::ALL[i];
                let r = match kind {
                    0 => t.add_votes(i, n),
                    1 => t.add_valid_papers(n),
                    _ => t.add_rejected(head, n),
                };
                let votes: u128 = t.votes().iter().map(|&v| u128::from(v)).sum();
                let rejected: u128 = RejectionHead::ALL.iter().map(|&h| u128::from(t.rejected(h))).sum();
                prop_assert_eq!(u128::from(t.total_votes()), votes);
                prop_assert_eq!(u128::from(t.rejected_papers()), rejected);
                prop_assert_eq!(u128::from(t.papers_counted()), u128::from(t.valid_papers()) + rejected);
                // Refused exactly when a figure or a total would pass u64::MAX.
                let max = u128::from(u64::MAX);
                let n = u128::from(n);
                let fits = match kind {
                    0 => u128::from(before.votes()[i]) + n <= max
                        && u128::from(before.total_votes()) + n <= max,
                    1 => u128::from(before.papers_counted()) + n <= max,
                    _ => u128::from(before.rejected_papers()) + n <= max
                        && u128::from(before.papers_counted()) + n <= max,
                };
                prop_assert_eq!(r.is_ok(), fits);
                if let Err(e) = r {
                    prop_assert_eq!(&t, &before);
                    let named = matches!(e, TallyError::SumOverflow { .. });
                    prop_assert!(named);
                }
            }
        }

        /// Papers counted = valid + rejected; votes ≤ seats × valid papers.
        #[test]
        fn conservation(papers in arb_papers(12), seats in 1usize..5) {
            let t = count_papers(&papers, &adj(12, seats)).unwrap();
            prop_assert_eq!(t.papers_counted(), papers.len() as u64);
            prop_assert!(t.total_votes() <= seats as u64 * t.valid_papers());
            for &v in t.votes() {
                prop_assert!(v <= t.valid_papers());
            }
        }

        /// The histogram path, the per-paper path and the parallel path agree.
        #[test]
        fn paths_agree(papers in arb_papers(12), seats in 1usize..5, threads in 1usize..6) {
            let fast = count_papers(&papers, &adj(12, seats)).unwrap();
            prop_assert_eq!(&fast, &naive(&papers, 12, seats));
            prop_assert_eq!(&fast, &count_papers_parallel(&papers, &adj(12, seats), threads).unwrap());
        }

        /// The order of the papers does not matter.
        #[test]
        fn order_independent(papers in arb_papers(20), seats in 1usize..4, seed in any::<u64>()) {
            let mut shuffled = papers.clone();
            // A deterministic permutation driven by the seed.
            let mut s = seed | 1;
            for i in (1..shuffled.len()).rev() {
                s ^= s << 13; s ^= s >> 7; s ^= s << 17;
                shuffled.swap(i, (s % (i as u64 + 1)) as usize);
            }
            prop_assert_eq!(count_papers(&papers, &adj(20, seats)).unwrap(), count_papers(&shuffled, &adj(20, seats)).unwrap());
        }

        /// Counting in two parts and merging gives the same as counting once,
        /// in either order, and grouping does not matter.
        #[test]
        fn merge_is_associative_and_commutative(
            a in arb_papers(8), b in arb_papers(8), c in arb_papers(8), seats in 1usize..4
        ) {
            let count = |p: &[Paper]| count_papers(p, &adj(8, seats)).unwrap();
            let (ta, tb, tc) = (count(&a), count(&b), count(&c));
            let mut ab = ta.clone(); ab.merge(&tb).unwrap();
            let mut ba = tb.clone(); ba.merge(&ta).unwrap();
            prop_assert_eq!(&ab, &ba);
            let mut ab_c = ab.clone(); ab_c.merge(&tc).unwrap();
            let mut bc = tb.clone(); bc.merge(&tc).unwrap();
            let mut a_bc = ta.clone(); a_bc.merge(&bc).unwrap();
            prop_assert_eq!(&ab_c, &a_bc);
            let all: Vec<Paper> = a.iter().chain(&b).chain(&c).copied().collect();
            prop_assert_eq!(&ab_c, &count(&all));
        }
    }
}
