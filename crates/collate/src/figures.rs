//! Summable figures of an area, a region or a whole poll.

use countroom_arith::{Percentage, Rounding};

use crate::error::FiguresError;

/// The figures of one area, or the exact sum of several: electorate,
/// verification, ballot papers going forward to the count, votes per choice
/// (first preferences at a supplementary-vote poll), rejected papers per
/// head and the second count.
///
/// [`Figures::merge`] is exact checked addition of every field, so it is
/// associative and commutative: a region's or the poll's figures do not
/// depend on the order or grouping of its areas. An optional figure
/// (electorate, expected, polling station and postal papers) of a sum is
/// known only if it is known for every area summed: one unknown area makes
/// the sum unknown (`None`), never an undercount.
///
/// The derived totals (valid votes, rejected papers, papers counted) are
/// kept with the figures, so they cannot overflow once the figures exist.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Figures {
    areas: u64,
    electorate: Option<u64>,
    expected: Option<u64>,
    polling_station: Option<u64>,
    postal: Option<u64>,
    papers_forward: u64,
    votes: Vec<u64>,
    rejected: Vec<u64>,
    valid: u64,
    rejected_total: u64,
    counted: u64,
    second_counts: u64,
    second_votes: Vec<u64>,
    second_rejected: u64,
    not_published: u64,
}

/// Every percentage here is rounded half up to two places, the Electoral
/// Commission's convention in its published result files (uk-count-rules.md
/// §4.8).
const ROUNDING: Rounding = Rounding::HalfUp;

/// `100 × part / whole` to two places, rounded half up: the rule of every
/// percentage of collated figures (the Electoral Commission's published
/// files; uk-count-rules.md §4.8). `None` when `whole` is zero.
#[must_use]
pub fn percentage(part: u64, whole: u64) -> Option<Percentage> {
    Percentage::of(part, whole, ROUNDING)
}

fn sum(values: &[u64], what: &'static str) -> Result<u64, FiguresError> {
    values
        .iter()
        .try_fold(0u64, |a, &b| a.checked_add(b))
        .ok_or(FiguresError::Overflow { what })
}

fn add(a: u64, b: u64, what: &'static str) -> Result<u64, FiguresError> {
    a.checked_add(b).ok_or(FiguresError::Overflow { what })
}

fn add_known(
    a: Option<u64>,
    b: Option<u64>,
    what: &'static str,
) -> Result<Option<u64>, FiguresError> {
    match (a, b) {
        (Some(a), Some(b)) => add(a, b, what).map(Some),
        _ => Ok(None),
    }
}

fn add_each(a: &[u64], b: &[u64], what: &'static str) -> Result<Vec<u64>, FiguresError> {
    a.iter().zip(b).map(|(&x, &y)| add(x, y, what)).collect()
}

/// Whether every sum of `a` and `b`, place by place, fits: the sums are
/// then made in place by [`add_each_in_place`], with no vector allocated.
fn check_each(a: &[u64], b: &[u64], what: &'static str) -> Result<(), FiguresError> {
    match a.iter().zip(b).all(|(&x, &y)| x.checked_add(y).is_some()) {
        true => Ok(()),
        false => Err(FiguresError::Overflow { what }),
    }
}

/// Adds `b` to `a` place by place, each sum checked (every one was
/// already found to fit by [`check_each`], so no error arises here).
fn add_each_in_place(a: &mut [u64], b: &[u64], what: &'static str) -> Result<(), FiguresError> {
    for (x, &y) in a.iter_mut().zip(b) {
        *x = add(*x, y, what)?;
    }
    Ok(())
}

impl Figures {
    /// The figures of no area: every count zero, every optional figure
    /// known and zero. The identity of [`Figures::merge`].
    #[must_use]
    pub fn zero(choices: usize, heads: usize) -> Figures {
        Figures {
            areas: 0,
            electorate: Some(0),
            expected: Some(0),
            polling_station: Some(0),
            postal: Some(0),
            papers_forward: 0,
            votes: vec![0; choices],
            rejected: vec![0; heads],
            valid: 0,
            rejected_total: 0,
            counted: 0,
            second_counts: 0,
            second_votes: vec![0; choices],
            second_rejected: 0,
            not_published: 0,
        }
    }

    /// The first-count figures of one area.
    ///
    /// # Errors
    ///
    /// [`FiguresError::Overflow`] if the valid votes, the rejected papers,
    /// their sum or the verified papers pass `u64::MAX`.
    pub fn area(
        electorate: Option<u64>,
        total: &crate::LocalTotal,
    ) -> Result<Figures, FiguresError> {
        let valid = sum(&total.votes, "valid votes")?;
        if total.not_published {
            // Only the votes: nothing else is a figure.
            return Ok(Figures {
                areas: 1,
                electorate,
                expected: None,
                polling_station: None,
                postal: None,
                papers_forward: 0,
                votes: total.votes.clone(),
                rejected: vec![0; total.rejected.len()],
                valid,
                rejected_total: 0,
                counted: 0,
                second_counts: 0,
                second_votes: vec![0; total.votes.len()],
                second_rejected: 0,
                not_published: 1,
            });
        }
        let rejected_total = sum(&total.rejected, "rejected papers")?;
        let counted = add(valid, rejected_total, "votes counted plus rejected papers")?;
        if let (Some(ps), Some(postal)) = (total.polling_station_papers, total.postal_papers) {
            add(ps, postal, "verified ballot papers")?;
        }
        Ok(Figures {
            areas: 1,
            electorate,
            expected: total.expected,
            polling_station: total.polling_station_papers,
            postal: total.postal_papers,
            papers_forward: total.papers_forward,
            votes: total.votes.clone(),
            rejected: total.rejected.clone(),
            valid,
            rejected_total,
            counted,
            second_counts: 0,
            second_votes: vec![0; total.votes.len()],
            second_rejected: 0,
            not_published: 0,
        })
    }

    /// These figures with one area's second-count total added.
    ///
    /// # Errors
    ///
    /// [`FiguresError::Shape`] if the second count has another number of
    /// choices; [`FiguresError::Overflow`] if a sum passes `u64::MAX`.
    pub fn with_second(&self, second: &crate::SecondCountTotal) -> Result<Figures, FiguresError> {
        if second.votes.len() != self.votes.len() {
            return Err(FiguresError::Shape {
                left_choices: self.votes.len(),
                left_heads: self.rejected.len(),
                right_choices: second.votes.len(),
                right_heads: self.rejected.len(),
            });
        }
        let mut out = self.clone();
        out.second_votes = add_each(&self.second_votes, &second.votes, "second preference votes")?;
        out.second_rejected = add(
            self.second_rejected,
            second.rejected,
            "papers rejected at the second count",
        )?;
        out.second_counts = add(self.second_counts, 1, "second counts")?;
        Ok(out)
    }

    /// Adds `other` into `self` exactly; on error `self` is unchanged.
    ///
    /// # Errors
    ///
    /// [`FiguresError::Shape`] if the two have different numbers of choices
    /// or heads; [`FiguresError::Overflow`] if any sum passes `u64::MAX`.
    pub fn merge(&mut self, other: &Figures) -> Result<(), FiguresError> {
        if self.votes.len() != other.votes.len()
            || self.rejected.len() != other.rejected.len()
            || self.second_votes.len() != other.second_votes.len()
        {
            return Err(FiguresError::Shape {
                left_choices: self.votes.len(),
                left_heads: self.rejected.len(),
                right_choices: other.votes.len(),
                right_heads: other.rejected.len(),
            });
        }
        // Every sum is checked, in the order of the fields (the first that
        // does not fit is the error), before anything is changed; the
        // vectors are then added in place.
        let mut merged = Figures {
            areas: add(self.areas, other.areas, "areas")?,
            electorate: add_known(self.electorate, other.electorate, "electorate")?,
            expected: add_known(self.expected, other.expected, "expected ballot papers")?,
            polling_station: add_known(
                self.polling_station,
                other.polling_station,
                "polling station papers",
            )?,
            postal: add_known(self.postal, other.postal, "postal papers")?,
            papers_forward: add(
                self.papers_forward,
                other.papers_forward,
                "ballot papers going forward to the count",
            )?,
            votes: {
                check_each(&self.votes, &other.votes, "votes")?;
                Vec::new()
            },
            rejected: {
                check_each(&self.rejected, &other.rejected, "rejected papers")?;
                Vec::new()
            },
            valid: add(self.valid, other.valid, "valid votes")?,
            rejected_total: add(self.rejected_total, other.rejected_total, "rejected papers")?,
            counted: add(
                self.counted,
                other.counted,
                "votes counted plus rejected papers",
            )?,
            second_counts: add(self.second_counts, other.second_counts, "second counts")?,
            second_votes: {
                check_each(
                    &self.second_votes,
                    &other.second_votes,
                    "second preference votes",
                )?;
                Vec::new()
            },
            second_rejected: add(
                self.second_rejected,
                other.second_rejected,
                "papers rejected at the second count",
            )?,
            not_published: add(self.not_published, other.not_published, "areas")?,
        };
        if let (Some(ps), Some(postal)) = (merged.polling_station, merged.postal) {
            add(ps, postal, "verified ballot papers")?;
        }
        // Checked above: these additions fit, so `self` is never left
        // half merged.
        add_each_in_place(&mut self.votes, &other.votes, "votes")?;
        add_each_in_place(&mut self.rejected, &other.rejected, "rejected papers")?;
        add_each_in_place(
            &mut self.second_votes,
            &other.second_votes,
            "second preference votes",
        )?;
        merged.votes = std::mem::take(&mut self.votes);
        merged.rejected = std::mem::take(&mut self.rejected);
        merged.second_votes = std::mem::take(&mut self.second_votes);
        *self = merged;
        Ok(())
    }

    /// Areas summed.
    #[must_use]
    pub fn areas(&self) -> u64 {
        self.areas
    }

    /// Areas summed that published only their votes
    /// ([`crate::LocalTotal::not_published`]). While any is, the ballot
    /// papers going forward, the rejected papers and the papers counted
    /// below are the sums of the other areas only (zero for such an area:
    /// not a figure, never shown as one), and the turnout and rejected
    /// share, which need every area's papers counted, are `None`.
    #[must_use]
    pub fn not_published(&self) -> u64 {
        self.not_published
    }

    /// The electorate, if known for every area.
    #[must_use]
    pub fn electorate(&self) -> Option<u64> {
        self.electorate
    }

    /// Ballot papers expected (the Electoral Commission's `ExpectedBallots`:
    /// papers issued at polling stations plus postal papers returned), if
    /// known for every area.
    #[must_use]
    pub fn expected(&self) -> Option<u64> {
        self.expected
    }

    /// Polling station papers verified, if known for every area.
    #[must_use]
    pub fn polling_station_papers(&self) -> Option<u64> {
        self.polling_station
    }

    /// Postal papers verified, if known for every area.
    #[must_use]
    pub fn postal_papers(&self) -> Option<u64> {
        self.postal
    }

    /// Polling station plus postal papers verified, if both are known.
    #[must_use]
    pub fn verified(&self) -> Option<u64> {
        self.polling_station?.checked_add(self.postal?)
    }

    /// Ballot papers going forward to the count (the Electoral Commission's
    /// `VerifiedBallotPapers`).
    #[must_use]
    pub fn papers_forward(&self) -> u64 {
        self.papers_forward
    }

    /// Votes per choice (first preferences at a supplementary-vote poll),
    /// in the plan's order.
    #[must_use]
    pub fn votes(&self) -> &[u64] {
        &self.votes
    }

    /// Rejected papers per head, in the plan's order.
    #[must_use]
    pub fn rejected(&self) -> &[u64] {
        &self.rejected
    }

    /// Valid votes: the sum of the votes (`Valid_Votes`).
    #[must_use]
    pub fn valid(&self) -> u64 {
        self.valid
    }

    /// Rejected papers under every head (`Rejected_Ballots`).
    #[must_use]
    pub fn rejected_total(&self) -> u64 {
        self.rejected_total
    }

    /// Valid votes plus rejected papers: the ballot papers counted
    /// (`Votes_Cast`).
    #[must_use]
    pub fn counted(&self) -> u64 {
        self.counted
    }

    /// Areas whose second-count total is included.
    #[must_use]
    pub fn second_counts(&self) -> u64 {
        self.second_counts
    }

    /// Second preferences counted per choice (zero for a choice that does
    /// not remain).
    #[must_use]
    pub fn second_votes(&self) -> &[u64] {
        &self.second_votes
    }

    /// Papers rejected for the purposes of the second count as unmarked or
    /// void for uncertainty as to the second preference (PCCEO 2012
    /// r.62(2)(d)(ii)).
    #[must_use]
    pub fn second_rejected(&self) -> u64 {
        self.second_rejected
    }

    /// Ballot-box turnout: papers counted (valid votes plus rejected papers)
    /// as a percentage of the electorate, to two places, half up; the
    /// Electoral Commission's `Pct_Turnout` (uk-count-rules.md §2.7, §4.8).
    /// `None` if the electorate is unknown or zero, an area published
    /// only its votes ([`Figures::not_published`]), or the papers counted
    /// exceed the electorate: never a turnout over 100%
    /// ([`Percentage::turnout`], the count's rule too; such an area is
    /// listed by the collator's check, [`crate::AreaCheck::above_electorate`],
    /// and not authorised).
    #[must_use]
    pub fn turnout(&self) -> Option<Percentage> {
        if self.not_published > 0 {
            return None;
        }
        Percentage::turnout(self.counted, self.electorate?, ROUNDING)
    }

    /// Valid-vote turnout: valid votes as a percentage of the electorate
    /// (uk-count-rules.md §4.8). `None` if the electorate is unknown or
    /// zero, or the valid votes exceed it (never over 100%).
    #[must_use]
    pub fn valid_turnout(&self) -> Option<Percentage> {
        Percentage::turnout(self.valid, self.electorate?, ROUNDING)
    }

    /// A choice's share of the valid votes (`Pct_Remain`); `None` for an
    /// index out of range or no valid votes.
    #[must_use]
    pub fn share(&self, choice: usize) -> Option<Percentage> {
        percentage(*self.votes.get(choice)?, self.valid)
    }

    /// Rejected papers as a percentage of papers counted (`Pct_Rejected`);
    /// `None` if no paper was counted, or an area published only its votes.
    #[must_use]
    pub fn rejected_share(&self) -> Option<Percentage> {
        if self.not_published > 0 {
            return None;
        }
        percentage(self.rejected_total, self.counted)
    }

    /// First plus second preferences of each choice in `remaining` (zero
    /// for the others): the totals after the second count.
    ///
    /// # Errors
    ///
    /// [`FiguresError::Overflow`] if a total passes `u64::MAX`.
    pub fn final_totals(&self, remaining: &[usize]) -> Result<Vec<u64>, FiguresError> {
        self.votes
            .iter()
            .zip(&self.second_votes)
            .enumerate()
            .map(|(c, (&first, &second))| {
                if remaining.contains(&c) {
                    add(first, second, "first plus second preferences")
                } else {
                    Ok(0)
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LocalTotal, SecondCountTotal};
    use proptest::prelude::*;

    fn total(votes: Vec<u64>, rejected: Vec<u64>) -> LocalTotal {
        LocalTotal {
            area: "A".into(),
            expected: Some(10),
            polling_station_papers: Some(5),
            postal_papers: Some(5),
            papers_forward: 10,
            votes,
            rejected,
            explanation: None,
            explained_variance: None,
            explained_forward_variance: None,
            not_published: false,
        }
    }

    /// uk-count-rules.md §2.7, Peterborough as published: electorate
    /// 120,892; Remain 34,176, Leave 53,216; rejected 0/32/7/38 (77);
    /// `Votes_Cast` 87,469; `Pct_Turnout` 72.35; `Pct_Remain` 39.11 (34,176 /
    /// 87,392 = 39.106…); `Pct_Rejected` 0.09 (77 / 87,469 = 0.088…).
    #[test]
    fn peterborough_percentages() {
        let f = Figures::area(
            Some(120_892),
            &LocalTotal {
                area: "E06000031".into(),
                expected: Some(87_474),
                polling_station_papers: None,
                postal_papers: None,
                papers_forward: 87_469,
                votes: vec![34_176, 53_216],
                rejected: vec![0, 32, 7, 38],
                explanation: None,
                explained_variance: None,
                explained_forward_variance: None,
                not_published: false,
            },
        )
        .unwrap();
        assert_eq!(
            (f.valid(), f.rejected_total(), f.counted()),
            (87_392, 77, 87_469)
        );
        assert_eq!(f.turnout().unwrap().to_string(), "72.35");
        assert_eq!(f.share(0).unwrap().to_string(), "39.11");
        assert_eq!(f.share(1).unwrap().to_string(), "60.89");
        assert_eq!(f.rejected_share().unwrap().to_string(), "0.09");
        // Valid-vote turnout: 87,392 / 120,892 = 72.289…
        assert_eq!(f.valid_turnout().unwrap().to_string(), "72.29");
        assert_eq!(f.share(2), None);
    }

    #[test]
    fn unknown_figures_make_the_sum_unknown() {
        let mut a = Figures::area(Some(100), &total(vec![4, 5], vec![1])).unwrap();
        let mut b_total = total(vec![1, 1], vec![0]);
        b_total.expected = None;
        let b = Figures::area(None, &b_total).unwrap();
        a.merge(&b).unwrap();
        assert_eq!(a.electorate(), None);
        assert_eq!(a.expected(), None);
        assert_eq!(a.turnout(), None);
        assert_eq!(a.polling_station_papers(), Some(10));
        assert_eq!(a.areas(), 2);
        assert_eq!(a.counted(), 12);
    }

    #[test]
    fn merge_refuses_other_shapes_and_overflow_and_leaves_self_unchanged() {
        let mut a = Figures::area(Some(100), &total(vec![4, 5], vec![1])).unwrap();
        let before = a.clone();
        let other = Figures::zero(3, 1);
        assert!(matches!(a.merge(&other), Err(FiguresError::Shape { .. })));
        let big = Figures::area(None, &total(vec![u64::MAX - 1, 0], vec![0])).unwrap();
        assert_eq!(a.merge(&big), Err(FiguresError::Overflow { what: "votes" }));
        assert_eq!(a, before);
        assert_eq!(
            Figures::area(None, &total(vec![u64::MAX, 1], vec![0])),
            Err(FiguresError::Overflow {
                what: "valid votes"
            })
        );
        assert_eq!(
            Figures::area(None, &total(vec![u64::MAX, 0], vec![1])),
            Err(FiguresError::Overflow {
                what: "votes counted plus rejected papers"
            })
        );
    }

    /// The sums are made in place only after every one is checked: an
    /// overflow in the rejected papers (after the votes, which fit) is
    /// named as such and leaves the figures as they were, votes included.
    #[test]
    fn merge_checks_every_sum_before_adding_any_in_place() {
        let mut a = Figures::area(Some(100), &total(vec![4, 5], vec![u64::MAX - 20])).unwrap();
        let before = a.clone();
        let other = Figures::area(None, &total(vec![1, 1], vec![30])).unwrap();
        assert_eq!(
            a.merge(&other),
            Err(FiguresError::Overflow {
                what: "rejected papers"
            })
        );
        assert_eq!(a, before);
        let ok = Figures::area(None, &total(vec![1, 2], vec![3])).unwrap();
        a.merge(&ok).unwrap();
        assert_eq!(a.votes(), &[5, 7]);
        assert_eq!(a.rejected(), &[u64::MAX - 17]);
    }

    #[test]
    fn second_count_and_final_totals() {
        // uk-count-rules.md §5.3: FP A 40,000, B 35,000; second preferences
        // A 6,000, B 9,500; A and B remain: A 46,000, B 44,500.
        let f = Figures::area(
            None,
            &total(vec![40_000, 35_000, 15_000, 10_000], vec![400]),
        )
        .unwrap()
        .with_second(&SecondCountTotal {
            area: "A".into(),
            votes: vec![6_000, 9_500, 0, 0],
            rejected: 500,
        })
        .unwrap();
        assert_eq!(f.final_totals(&[0, 1]).unwrap(), [46_000, 44_500, 0, 0]);
        assert_eq!(f.second_rejected(), 500);
        assert_eq!(f.second_counts(), 1);
    }

    fn arb_figures() -> impl Strategy<Value = Figures> {
        (
            prop::option::of(0u64..1 << 40),
            prop::option::of(0u64..1 << 40),
            prop::option::of(0u64..1 << 40),
            0u64..1 << 40,
            prop::collection::vec(0u64..1 << 40, 3),
            prop::collection::vec(0u64..1 << 40, 2),
            prop::option::of((prop::collection::vec(0u64..1 << 40, 3), 0u64..1 << 40)),
        )
            .prop_map(
                |(electorate, expected, ps, forward, votes, rejected, second)| {
                    let t = LocalTotal {
                        area: "X".into(),
                        expected,
                        polling_station_papers: ps,
                        postal_papers: ps.map(|p| p / 2),
                        papers_forward: forward,
                        votes,
                        rejected,
                        explanation: None,
                        explained_variance: None,
                        explained_forward_variance: None,
                        not_published: false,
                    };
                    let f = Figures::area(electorate, &t).unwrap();
                    match second {
                        Some((votes, rejected)) => f
                            .with_second(&SecondCountTotal {
                                area: "X".into(),
                                votes,
                                rejected,
                            })
                            .unwrap(),
                        None => f,
                    }
                },
            )
    }

    fn merged(a: &Figures, b: &Figures) -> Figures {
        let mut out = a.clone();
        out.merge(b).unwrap();
        out
    }

    proptest! {
        /// Merging is exact addition: associative, commutative, with
        /// `zero` as identity.
        #[test]
        fn merge_is_associative_and_commutative(
            a in arb_figures(), b in arb_figures(), c in arb_figures()
        ) {
            prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
            prop_assert_eq!(merged(&a, &b), merged(&b, &a));
            prop_assert_eq!(merged(&Figures::zero(3, 2), &a), a.clone());
            let s = merged(&a, &b);
            prop_assert_eq!(s.counted(), s.valid() + s.rejected_total());
            prop_assert_eq!(s.valid(), s.votes().iter().sum::<u64>());
        }
    }
}
