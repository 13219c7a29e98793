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
//! # The recorded-lots file
//!
//! CSV, UTF-8, one lot per line after the header `stage,purpose,tied,chosen`.
//! Blank lines and lines starting with `#` are ignored.
//!
//! - `stage`: the number of the stage whose action the lot decides (the
//!   surplus transferred or the candidate excluded at that stage);
//! - `purpose`: `surplus_order` (which of equal surpluses is transferred
//!   first) or `exclusion` (which of the lowest candidates is excluded);
//! - `tied`: the tied candidates' 1-based numbers in the ballot file,
//!   separated by spaces, in any order;
//! - `chosen`: the 1-based number of the candidate the lot chose (whose
//!   surplus goes first, or who is excluded).
//!
//! ```text
//! stage,purpose,tied,chosen
//! 4,exclusion,5 6,5
//! ```

use crate::error::{LotsFileError, StvError};
use crate::value::Value;

pub use countroom_rules::LotPurpose;

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
pub struct LotSource {
    recorded: Vec<RecordedLot>,
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

    /// Reads a recorded-lots file (format in the module docs); every problem
    /// is listed with its line. `candidates` bounds the numbers.
    pub fn parse_recorded(
        bytes: &[u8],
        candidates: usize,
    ) -> Result<Vec<RecordedLot>, Vec<LotsFileError>> {
        let mut lots = Vec::new();
        let mut problems = Vec::new();
        let text = String::from_utf8_lossy(bytes);
        let mut header_seen = false;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let l = raw.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            if !header_seen {
                header_seen = true;
                if l.replace(' ', "") != "stage,purpose,tied,chosen" {
                    problems.push(LotsFileError {
                        line,
                        message: format!(
                            "expected the header `stage,purpose,tied,chosen`, found {l:?}"
                        ),
                    });
                }
                continue;
            }
            let fields: Vec<&str> = l.split(',').map(str::trim).collect();
            if fields.len() != 4 {
                problems.push(LotsFileError {
                    line,
                    message: format!("expected 4 fields, found {}", fields.len()),
                });
                continue;
            }
            let stage = fields[0].parse::<u32>().ok().filter(|s| *s >= 1);
            let purpose = LotPurpose::parse(fields[1]);
            let number = |s: &str| {
                s.parse::<usize>()
                    .ok()
                    .filter(|n| (1..=candidates).contains(n))
                    .map(|n| n - 1)
            };
            let tied: Option<Vec<usize>> = fields[2].split_whitespace().map(number).collect();
            let chosen = number(fields[3]);
            match (stage, purpose, tied, chosen) {
                (Some(stage), Some(purpose), Some(mut tied), Some(chosen)) => {
                    tied.sort_unstable();
                    tied.dedup();
                    if tied.len() < 2 || !tied.contains(&chosen) {
                        problems.push(LotsFileError {
                            line,
                            message: "a lot needs at least two tied candidates, and the chosen one among them"
                                .to_string(),
                        });
                    } else {
                        lots.push(RecordedLot {
                            stage,
                            purpose,
                            tied,
                            chosen,
                        });
                    }
                }
                (stage, purpose, tied, chosen) => {
                    let mut bad = Vec::new();
                    if stage.is_none() {
                        bad.push(format!("stage {:?} is not a stage number", fields[0]));
                    }
                    if purpose.is_none() {
                        bad.push(format!(
                            "purpose {:?} is not surplus_order or exclusion",
                            fields[1]
                        ));
                    }
                    if tied.is_none() {
                        bad.push(format!(
                            "tied {:?} is not candidate numbers 1..={candidates}",
                            fields[2]
                        ));
                    }
                    if chosen.is_none() {
                        bad.push(format!(
                            "chosen {:?} is not a candidate number 1..={candidates}",
                            fields[3]
                        ));
                    }
                    problems.push(LotsFileError {
                        line,
                        message: bad.join("; "),
                    });
                }
            }
        }
        if problems.is_empty() {
            Ok(lots)
        } else {
            Err(problems)
        }
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
        if let Some(lot) = self
            .recorded
            .iter()
            .find(|l| l.stage == stage && l.purpose == purpose)
        {
            if lot.tied != tied || !tied.contains(&lot.chosen) {
                return Err(StvError::LotMismatch {
                    stage,
                    tied,
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
pub enum LookBack {
    /// The most recent preceding stage at which they differed (Scotland
    /// rr.50 and 52).
    MostRecent,
    /// The earliest stage at which they differed (NI rr.50(a), 51(13)(a)).
    Earliest,
}

/// Which side of a difference wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    fn recorded_lots_file() {
        let f = b"# drawn by the RO\nstage,purpose,tied,chosen\n4,exclusion,6 5,5\n";
        let lots = LotSource::parse_recorded(f, 6).unwrap();
        assert_eq!(
            lots,
            vec![RecordedLot {
                stage: 4,
                purpose: LotPurpose::Exclusion,
                tied: vec![4, 5],
                chosen: 4
            }]
        );
        let mut src = LotSource::recorded(lots);
        assert_eq!(
            src.draw(4, LotPurpose::Exclusion, &[5, 4]).unwrap().chosen,
            4
        );
        assert!(matches!(
            src.draw(4, LotPurpose::Exclusion, &[3, 4]),
            Err(StvError::LotMismatch { .. })
        ));
        let bad =
            LotSource::parse_recorded(b"stage,purpose,tied,chosen\n0,coin,1 9,3\n", 6).unwrap_err();
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].line, 2);
        assert!(bad[0].message.contains("stage"));
        assert!(bad[0].message.contains("purpose"));
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
