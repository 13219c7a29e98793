//! First past the post: who is elected, and the equality at the boundary.

/// What the votes alone decide at a first-past-the-post poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FptpOutcome {
    /// Every candidate, most votes first; equal votes in ballot-paper order
    /// (an order for display only: it decides nothing).
    pub ranking: Vec<usize>,
    /// The candidates elected by their votes alone, in ranking order.
    pub elected: Vec<usize>,
    /// An equality of votes that a lot must settle, if any.
    pub boundary_tie: Option<BoundaryTie>,
}

/// Candidates with equal votes competing for the last seat(s): "the
/// addition of a vote would entitle any of those candidates to be declared
/// elected" (Parliamentary Elections Rules r.49; local rules r.49).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundaryTie {
    /// The tied candidates, in ballot-paper order.
    pub tied: Vec<usize>,
    /// How many of them are to be elected (fewer than `tied.len()`).
    pub places: usize,
    /// The votes each of them has.
    pub votes: u64,
}

/// Finds who is elected to `seats` seats by `votes` (one entry per candidate,
/// in ballot-paper order).
///
/// The candidates with the most votes, up to the number of seats, are
/// elected. An equality of votes matters only where it straddles the last
/// seat: candidates tied further down, or all elected, need no lot. With no
/// more candidates than seats, all are elected.
#[must_use]
pub fn fptp(votes: &[u64], seats: usize) -> FptpOutcome {
    let mut ranking: Vec<usize> = (0..votes.len()).collect();
    ranking.sort_by(|&a, &b| votes[b].cmp(&votes[a]).then(a.cmp(&b)));
    if votes.len() <= seats {
        return FptpOutcome {
            elected: ranking.clone(),
            ranking,
            boundary_tie: None,
        };
    }
    // votes.len() > seats >= 0: when seats == 0 nobody is elected.
    let Some(&last_seat) = seats.checked_sub(1).and_then(|i| ranking.get(i)) else {
        return FptpOutcome {
            ranking,
            elected: Vec::new(),
            boundary_tie: None,
        };
    };
    let boundary = votes[last_seat];
    let above: Vec<usize> = ranking
        .iter()
        .copied()
        .filter(|&c| votes[c] > boundary)
        .collect();
    let mut at_boundary: Vec<usize> = ranking
        .iter()
        .copied()
        .filter(|&c| votes[c] == boundary)
        .collect();
    let places = seats - above.len();
    if at_boundary.len() == places {
        let mut elected = above;
        elected.extend(at_boundary);
        return FptpOutcome {
            ranking,
            elected,
            boundary_tie: None,
        };
    }
    at_boundary.sort_unstable();
    FptpOutcome {
        ranking,
        elected: above,
        boundary_tie: Some(BoundaryTie {
            tied: at_boundary,
            places,
            votes: boundary,
        }),
    }
}

/// Elected candidates with equal votes whose seats have different terms.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TermGroup<T> {
    /// The candidates, in ballot-paper order.
    pub candidates: Vec<usize>,
    /// Their votes.
    pub votes: u64,
    /// The terms of the seats the group fills, longest first.
    pub terms: Vec<T>,
    /// How many of the group's seats carry a longer term than its last: the
    /// number of candidates a lot must choose, in order, to take them. Zero
    /// when every seat in the group has the same term (no lot needed).
    pub lot_places: usize,
}

/// Gives out seats with different terms (`terms`, any order) to the
/// `elected` candidates (index, votes): the most votes takes the longest
/// term, and so on.
///
/// Returns the candidates in groups of equal votes, most votes first; a
/// group with `lot_places > 0` spans seats of different terms, and a lot
/// decides who takes the longer ones. Where every term is the same, no group
/// needs a lot.
#[must_use]
pub fn allocate_terms<T: Ord + Copy>(elected: &[(usize, u64)], terms: &[T]) -> Vec<TermGroup<T>> {
    let mut terms = terms.to_vec();
    terms.sort_by(|a, b| b.cmp(a));
    let mut ranked = elected.to_vec();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut groups = Vec::new();
    let mut start = 0;
    while start < ranked.len() {
        let votes = ranked[start].1;
        let end = ranked[start..]
            .iter()
            .position(|&(_, v)| v != votes)
            .map_or(ranked.len(), |n| start + n);
        let group_terms: Vec<T> = terms
            .iter()
            .skip(start)
            .take(end - start)
            .copied()
            .collect();
        let lot_places = match group_terms.last() {
            Some(shortest) => group_terms.iter().filter(|t| *t > shortest).count(),
            None => 0,
        };
        let mut candidates: Vec<usize> = ranked[start..end].iter().map(|&(c, _)| c).collect();
        candidates.sort_unstable();
        groups.push(TermGroup {
            candidates,
            votes,
            terms: group_terms,
            lot_places,
        });
        start = end;
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn single_member_most_votes() {
        let o = fptp(&[6_518, 450, 17_008, 3_108], 1);
        assert_eq!(o.elected, vec![2]);
        assert_eq!(o.ranking, vec![2, 0, 3, 1]);
        assert_eq!(o.boundary_tie, None);
    }

    #[test]
    fn single_member_tie_for_first() {
        let o = fptp(&[100, 250, 250, 40], 1);
        assert_eq!(o.elected, Vec::<usize>::new());
        assert_eq!(
            o.boundary_tie,
            Some(BoundaryTie {
                tied: vec![1, 2],
                places: 1,
                votes: 250
            })
        );
    }

    /// uk-count-rules.md §4.4 worked example: P 1,204; Q 1,190; R 1,190;
    /// S 655 for two seats. Q and R tie for the second seat.
    #[test]
    fn two_seats_tie_for_second() {
        let o = fptp(&[1_204, 1_190, 1_190, 655], 2);
        assert_eq!(o.elected, vec![0]);
        assert_eq!(
            o.boundary_tie,
            Some(BoundaryTie {
                tied: vec![1, 2],
                places: 1,
                votes: 1_190
            })
        );
    }

    /// EC guidance: "If a candidate is already elected with a majority, you
    /// do not need to draw lots to reconcile an equality of votes between
    /// other candidates further down the list."
    #[test]
    fn ties_below_or_above_the_boundary_need_no_lot() {
        let below = fptp(&[900, 800, 700, 300, 300], 3);
        assert_eq!(below.elected, vec![0, 1, 2]);
        assert_eq!(below.boundary_tie, None);
        let above = fptp(&[900, 900, 700, 300], 2);
        assert_eq!(above.elected, vec![0, 1]);
        assert_eq!(above.boundary_tie, None);
    }

    #[test]
    fn three_way_tie_for_two_places() {
        let o = fptp(&[500, 200, 500, 500, 100], 3);
        // 500 × 3 fills all three seats exactly: no tie.
        assert_eq!(o.boundary_tie, None);
        let o = fptp(&[600, 500, 500, 500, 100], 3);
        assert_eq!(o.elected, vec![0]);
        assert_eq!(
            o.boundary_tie,
            Some(BoundaryTie {
                tied: vec![1, 2, 3],
                places: 2,
                votes: 500
            })
        );
    }

    #[test]
    fn all_zero_votes_is_a_tie() {
        let o = fptp(&[0, 0, 0], 1);
        assert_eq!(o.boundary_tie.map(|t| t.tied), Some(vec![0, 1, 2]));
    }

    #[test]
    fn uncontested_elects_all() {
        let o = fptp(&[0, 0], 3);
        assert_eq!(o.elected, vec![0, 1]);
        assert_eq!(o.boundary_tie, None);
    }

    /// §4.4: most votes takes the longest term.
    #[test]
    fn terms_by_votes() {
        let groups = allocate_terms(&[(0, 1_204), (2, 1_190)], &[2028, 2030]);
        assert_eq!(groups.len(), 2);
        assert_eq!(
            (groups[0].candidates.clone(), groups[0].terms.clone()),
            (vec![0], vec![2030])
        );
        assert_eq!(
            (groups[1].candidates.clone(), groups[1].terms.clone()),
            (vec![2], vec![2028])
        );
        assert!(groups.iter().all(|g| g.lot_places == 0));
    }

    /// §4.4: "Had P and R tied for first (both elected), a second lot
    /// (purpose LongerTerm) would allocate the longer term."
    #[test]
    fn equal_votes_across_two_terms_need_a_lot() {
        let groups = allocate_terms(&[(0, 1_204), (2, 1_204)], &[2028, 2030]);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].candidates, vec![0, 2]);
        assert_eq!(groups[0].terms, vec![2030, 2028]);
        assert_eq!(groups[0].lot_places, 1);
    }

    #[test]
    fn equal_votes_with_equal_terms_need_no_lot() {
        let groups = allocate_terms(&[(0, 900), (1, 900), (2, 800)], &[2030, 2030, 2028]);
        assert_eq!(groups[0].lot_places, 0);
        let groups = allocate_terms(&[(0, 900), (1, 800), (2, 800)], &[2030, 2030, 2028]);
        assert_eq!(groups[1].candidates, vec![1, 2]);
        assert_eq!(groups[1].lot_places, 1);
    }

    proptest! {
        /// One more vote never lowers a candidate's total nor removes them
        /// from the elected (nor from the boundary tie, if they were in it).
        #[test]
        fn monotone(votes in prop::collection::vec(0u64..20, 2..8), seats in 1usize..4, who in 0usize..8) {
            let who = who % votes.len();
            let before = fptp(&votes, seats);
            let mut more = votes.clone();
            more[who] += 1;
            let after = fptp(&more, seats);
            if before.elected.contains(&who) {
                prop_assert!(after.elected.contains(&who));
            }
            if before.boundary_tie.as_ref().is_some_and(|t| t.tied.contains(&who)) {
                prop_assert!(after.elected.contains(&who)
                    || after.boundary_tie.as_ref().is_some_and(|t| t.tied.contains(&who)));
            }
        }

        /// Elected + tie places = seats (when contested); the elected beat
        /// everyone else.
        #[test]
        fn fills_exactly_the_seats(votes in prop::collection::vec(0u64..10, 1..10), seats in 1usize..5) {
            let o = fptp(&votes, seats);
            let filled = o.elected.len() + o.boundary_tie.as_ref().map_or(0, |t| t.places);
            prop_assert_eq!(filled, seats.min(votes.len()));
            for &e in &o.elected {
                for c in 0..votes.len() {
                    if !o.elected.contains(&c) {
                        prop_assert!(votes[e] > votes[c] || o.boundary_tie.is_none());
                    }
                }
            }
        }
    }
}
