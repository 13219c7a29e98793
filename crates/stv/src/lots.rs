//! Ties that the rules settle by lot, and the earlier-stage tie-breaks that
//! come before a lot.
//!
//! A lot is never guessed. It is either **recorded** (drawn by the returning
//! officer at the count and given as input) or **seeded** (a rehearsal draw
//! from a published seed with [`countroom_tally::seeded_lot`]); either way
//! it is recorded on the stage sheet ([`LotDrawn`]). When a lot is needed and
//! neither settles it, the count stops with [`StvError::LotRequired`] naming
//! the stage and the tied candidates.
//!
//! Recorded lots are read from a file by `countroom_io::stv::read_lots`
//! (the format is described there); after the count,
//! [`LotSource::unused`] lists the recorded lots no tie called for.

pub use countroom_rules::LotPurpose;

use crate::error::StvError;
use crate::value::Value;

/// A lot drawn at the count and recorded as input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedLot {
    /// The stage whose action it decides.
    pub stage: u32,
    /// What it decides.
    pub purpose: LotPurpose,
    /// The tied candidates (0-based, ascending).
    pub tied: Vec<usize>,
    /// The candidate chosen (0-based).
    pub chosen: usize,
}

/// How a lot on the sheet was settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LotMethod {
    /// Recorded as input (drawn by the returning officer).
    Recorded,
    /// Drawn with [`countroom_tally::seeded_lot`] from this seed.
    Seeded {
        /// The published seed.
        seed: String,
        /// The context string passed to the draw.
        context: String,
    },
}

/// A lot as recorded on the stage sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotDrawn {
    /// The stage whose action it decided.
    pub stage: u32,
    /// What it decided.
    pub purpose: LotPurpose,
    /// The tied candidates (0-based, ascending).
    pub tied: Vec<usize>,
    /// The candidate chosen (0-based).
    pub chosen: usize,
    /// Recorded or seeded.
    pub method: LotMethod,
}

/// Where lots come from during a count.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct LotSource {
    recorded: Vec<RecordedLot>,
    used: Vec<bool>,
    seed: Option<(String, String)>,
}

impl LotSource {
    /// No lots: a count that needs one stops with [`StvError::LotRequired`].
    #[must_use]
    pub fn none() -> Self {
        LotSource::default()
    }

    /// Lots recorded at the count.
    #[must_use]
    pub fn recorded(lots: Vec<RecordedLot>) -> Self {
        LotSource {
            used: vec![false; lots.len()],
            recorded: lots,
            seed: None,
        }
    }

    /// Also draw lots not recorded from a published `seed`; `context` names
    /// the contest (each draw's context is `<context>/stage-<n>/<purpose>`).
    #[must_use]
    pub fn with_seed(mut self, seed: impl Into<String>, context: impl Into<String>) -> Self {
        self.seed = Some((seed.into(), context.into()));
        self
    }

    /// The published seed lots not recorded are drawn from, if any
    /// ([`LotSource::with_seed`]): the count is then a rehearsal.
    #[must_use]
    pub fn seed(&self) -> Option<&str> {
        self.seed.as_ref().map(|(s, _)| s.as_str())
    }

    /// The recorded lots, in the order given.
    #[must_use]
    pub fn recorded_lots(&self) -> &[RecordedLot] {
        &self.recorded
    }

    /// The positions (in the list given to [`LotSource::recorded`]) of the
    /// recorded lots the count did not use: no tie needing a lot for that
    /// purpose arose at that stage. A recorded lot never used is an error of
    /// the lots given (the reader of the file names its line).
    #[must_use]
    pub fn unused(&self) -> Vec<usize> {
        (0..self.recorded.len())
            .filter(|i| !self.used.get(*i).copied().unwrap_or(false))
            .collect()
    }

    /// Settles a tie at `stage` between `tied` (0-based): a recorded lot for
    /// that stage and purpose (its tied set must be the same), else a seeded
    /// draw, else [`StvError::LotRequired`].
    pub fn draw(
        &mut self,
        stage: u32,
        purpose: LotPurpose,
        tied: &[usize],
    ) -> Result<LotDrawn, StvError> {
        let mut tied = tied.to_vec();
        tied.sort_unstable();
        tied.dedup();
        if let Some((index, lot)) = self
            .recorded
            .iter()
            .enumerate()
            .find(|(_, l)| l.stage == stage && l.purpose == purpose)
        {
            if let Some(u) = self.used.get_mut(index) {
                *u = true;
            }
            if lot.tied != tied || !tied.contains(&lot.chosen) {
                return Err(StvError::LotMismatch {
                    index,
                    stage,
                    purpose,
                    tied,
                    recorded_tied: lot.tied.clone(),
                    chosen: lot.chosen,
                });
            }
            return Ok(LotDrawn {
                stage,
                purpose,
                chosen: lot.chosen,
                tied,
                method: LotMethod::Recorded,
            });
        }
        if let Some((seed, context)) = &self.seed {
            let context = format!("{context}/stage-{stage}/{}", purpose.code());
            let order = countroom_tally::seeded_lot(seed, &context, &tied, 1);
            if let Some(&chosen) = order.first() {
                return Ok(LotDrawn {
                    stage,
                    purpose,
                    tied,
                    chosen,
                    method: LotMethod::Seeded {
                        seed: seed.clone(),
                        context,
                    },
                });
            }
        }
        Err(StvError::LotRequired {
            stage,
            purpose,
            tied,
        })
    }
}

/// Which earlier stage decides a tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LookBack {
    /// The most recent preceding stage at which they differed (Scotland
    /// rr.50 and 52).
    MostRecent,
    /// The earliest stage at which they differed (NI rr.50(a), 51(13)(a)).
    Earliest,
}

/// Which side of a difference wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Prefer {
    /// The candidate(s) with the most votes at that stage (surplus order).
    Highest,
    /// The candidate(s) with the fewest votes at that stage (exclusion).
    Lowest,
}

/// Narrows a tie by the candidates' totals at earlier stages: `history[k]`
/// holds every candidate's total at the end of stage k+1. Stages are looked
/// at in the `look` order; at each stage where the remaining tied candidates
/// differ, only those with the `prefer`red total stay, and the search
/// continues with them. Returns the candidates still tied (ascending), one
/// if the history settles it, and the stage number that settled it last.
///
/// With more than two candidates the rule's wording ("the candidate … at
/// the most recent preceding stage at which they had unequal numbers of
/// votes") is applied to the group that remains tied after each stage.
#[must_use]
pub fn break_by_history(
    history: &[Vec<Value>],
    tied: &[usize],
    look: LookBack,
    prefer: Prefer,
) -> (Vec<usize>, Option<u32>) {
    let mut left: Vec<usize> = tied.to_vec();
    left.sort_unstable();
    left.dedup();
    let mut settled_at = None;
    let order: Vec<usize> = match look {
        LookBack::MostRecent => (0..history.len()).rev().collect(),
        LookBack::Earliest => (0..history.len()).collect(),
    };
    for k in order {
        if left.len() < 2 {
            break;
        }
        let totals = &history[k];
        let at = |c: usize| totals.get(c).copied().unwrap_or(Value::ZERO);
        let best = match prefer {
            Prefer::Highest => left.iter().map(|&c| at(c)).max(),
            Prefer::Lowest => left.iter().map(|&c| at(c)).min(),
        };
        let Some(best) = best else { break };
        let keep: Vec<usize> = left.iter().copied().filter(|&c| at(c) == best).collect();
        if keep.len() < left.len() {
            left = keep;
            settled_at = u32::try_from(k + 1).ok();
        }
    }
    (left, settled_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(x: i64) -> Value {
        Value::from_units(x)
    }

    #[test]
    fn most_recent_and_earliest_differ() {
        // Candidates 0 and 1 end equal; at stage 1 candidate 0 was ahead, at
        // stage 2 candidate 1 was ahead.
        let h = vec![vec![v(5), v(3)], vec![v(6), v(7)], vec![v(8), v(8)]];
        assert_eq!(
            break_by_history(&h, &[0, 1], LookBack::MostRecent, Prefer::Lowest),
            (vec![0], Some(2))
        );
        assert_eq!(
            break_by_history(&h, &[0, 1], LookBack::Earliest, Prefer::Lowest),
            (vec![1], Some(1))
        );
        assert_eq!(
            break_by_history(&h, &[0, 1], LookBack::MostRecent, Prefer::Highest),
            (vec![1], Some(2))
        );
    }

    #[test]
    fn equal_throughout_needs_a_lot() {
        let h = vec![vec![v(2), v(2), v(9)]];
        assert_eq!(
            break_by_history(&h, &[1, 0], LookBack::MostRecent, Prefer::Lowest),
            (vec![0, 1], None)
        );
        let mut none = LotSource::none();
        assert_eq!(
            none.draw(3, LotPurpose::Exclusion, &[1, 0]),
            Err(StvError::LotRequired {
                stage: 3,
                purpose: LotPurpose::Exclusion,
                tied: vec![0, 1]
            })
        );
    }

    #[test]
    fn recorded_lots() {
        let lot = |stage, tied: Vec<usize>, chosen| RecordedLot {
            stage,
            purpose: LotPurpose::Exclusion,
            tied,
            chosen,
        };
        let mut src = LotSource::recorded(vec![lot(4, vec![4, 5], 4), lot(9, vec![1, 2], 1)]);
        assert_eq!(
            src.draw(4, LotPurpose::Exclusion, &[5, 4]).unwrap().chosen,
            4
        );
        assert_eq!(src.unused(), vec![1]);
        let mut src = LotSource::recorded(vec![lot(4, vec![3, 4], 3)]);
        let err = src.draw(4, LotPurpose::Exclusion, &[5, 4]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "stage 4: the recorded lot (tied 4, 5; chosen 4) does not fit the tie: the candidates tied for the exclusion are 5, 6, and candidate 4 is not one of them"
        );
        assert!(src.unused().is_empty());
    }

    #[test]
    fn seeded_lot_is_recorded_and_reproducible() {
        let mut a = LotSource::none().with_seed("published", "ward-1");
        let mut b = LotSource::none().with_seed("published", "ward-1");
        let x = a.draw(5, LotPurpose::Exclusion, &[2, 7]).unwrap();
        let y = b.draw(5, LotPurpose::Exclusion, &[7, 2]).unwrap();
        assert_eq!(x, y);
        assert!([2, 7].contains(&x.chosen));
        assert_eq!(
            x.method,
            LotMethod::Seeded {
                seed: "published".into(),
                context: "ward-1/stage-5/exclusion".into()
            }
        );
    }
}
