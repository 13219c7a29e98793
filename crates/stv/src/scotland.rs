//! The Scottish rules: the Scottish Local Government Elections Order 2011
//! (SSI 2011/399), Sch 1 rr.46–53, as amended by SSI 2021/437 (r.53).
//!
//! - r.46: the first stage credits each valid paper to its first
//!   preference. Preferences for withdrawn candidates are skipped; a paper
//!   with no preference for a standing candidate is not a valid paper
//!   (it has no first preference) and is left out of the count. This is
//!   the BLT format's withdrawn list, not a rule of the Order: under the
//!   Order a candidate withdraws before the poll (Sch 1 r.8, "Withdrawal of
//!   candidates", in Part II, before the poll; read in the Order's table of
//!   contents) and is not on the ballot paper, so no paper at a Scottish
//!   poll has a preference for a withdrawn candidate. Doubt (not printed):
//!   r.46's own words on a paper without a first preference were not read
//!   (the Order's rejection heads, r.44, have one for it: such a paper is
//!   rejected at adjudication before any stage, `countroom_adjudicate`).
//! - r.47: quota = floor(valid papers / (seats + 1)) + 1.
//! - r.48: a continuing candidate whose votes equal or exceed the quota at
//!   the end of a stage is deemed elected (in order of votes, highest first).
//! - r.49: a surplus is transferred by weighted inclusive Gregory: every
//!   paper the elected candidate holds goes to its next available
//!   preference for a **continuing** candidate (never to one already
//!   elected, even with a surplus still to transfer) at the value
//!   floor(surplus × value received / total votes), truncated to five
//!   places, in integer units of 10^-5. Papers with no next available
//!   preference are non-transferable at that value; what truncation loses
//!   (surplus − value transferred − value non-transferable) is kept apart
//!   as the rounding loss. The candidate keeps exactly the quota.
//! - r.50: the highest surplus first; equal surpluses by the higher votes
//!   at the most recent preceding stage at which they differed, then lot.
//! - r.51: otherwise the lowest continuing candidate is excluded, all their
//!   papers transferred at the values at which they were received, in one
//!   stage (one exclusion per stage).
//! - r.52: equal lowest candidates: the one lower at the most recent
//!   preceding stage at which they differed is excluded, then lot.
//! - r.53: when the continuing candidates are as many as the vacancies
//!   left, they are deemed elected and no further transfer is made
//!   (SSI 2021/437: "no further transfer … is required"). An exclusion
//!   stage is completed (its papers transferred) before the check, as on
//!   the official 2017 Glasgow sheets.
//! - The count stops when every seat is filled: a surplus left then is
//!   never transferred.
//!
//! Each ballot line is a parcel of identical papers (a BLT line has a
//! weight, and a preference profile lists each sequence once): its papers
//! always move together at one value, so the work per stage is
//! proportional to the number of lines the transferring candidate holds,
//! not to the number of papers. The sheet does not depend on the order of
//! the lines (every figure is a sum).

use crate::ballots::Election;
use crate::error::StvError;
use crate::lots::{break_by_history, LookBack, LotPurpose, LotSource, Prefer};
use crate::sheet::{Action, Elected, Stage, StageSheet, StvRules, TransferValue};
use crate::value::{Value, SCOTLAND_PLACES};

const PLACES: u32 = SCOTLAND_PLACES;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Continuing,
    Elected,
    Excluded,
    Withdrawn,
}

/// Papers with one preference sequence, at one value.
#[derive(Debug, Clone, Copy)]
struct Parcel {
    /// Start of the sequence in `Count::prefs` (the election's lines, held
    /// flat).
    start: u32,
    /// Length of the sequence (a paper names each candidate at most once,
    /// and there are at most `u16::MAX` candidates).
    len: u16,
    /// Index (within the sequence) of the candidate holding the papers.
    pos: u16,
    /// The value of each paper, in units of 10^-5.
    value: i64,
    /// How many papers.
    papers: u64,
}

struct Count<'a> {
    valid: u64,
    election: &'a Election,
    lots: &'a mut LotSource,
    prefs: &'a [u16],
    /// The parcels each candidate holds.
    piles: Vec<Vec<Parcel>>,
    status: Vec<Status>,
    totals: Vec<Value>,
    quota: Value,
    non_transferable: Value,
    rounding_loss: Value,
    stages: Vec<Stage>,
    history: Vec<Vec<Value>>,
    elected: Vec<Elected>,
    /// Elected candidates whose surplus is still to transfer.
    pending: Vec<usize>,
    lots_drawn: Vec<crate::lots::LotDrawn>,
}

/// Counts `election` under the Scottish rules.
pub fn count(election: &Election, lots: &mut LotSource) -> Result<StageSheet, StvError> {
    let mut count = Count::start(election, lots)?;
    while count.step()? {}
    Ok(count.into_sheet())
}

impl<'a> Count<'a> {
    /// Stage 1 (r.46) and the quota (r.47).
    fn start(election: &'a Election, lots: &'a mut LotSource) -> Result<Self, StvError> {
        let n = election.candidates().len();
        let status: Vec<Status> = (0..n)
            .map(|c| {
                if election.withdrawn().contains(&c) {
                    Status::Withdrawn
                } else {
                    Status::Continuing
                }
            })
            .collect();

        // One parcel per ballot line (a line already holds identical
        // papers), at the first preference for a standing candidate.
        let overflow = StvError::Overflow { stage: 1 };
        let prefs: &[u16] = election.ballots().all_prefs();
        let mut piles: Vec<Vec<Parcel>> = vec![Vec::new(); n];
        let mut valid: u64 = 0;
        let one = Value::whole(1, PLACES).ok_or_else(|| overflow.clone())?;
        let mut at: usize = 0;
        for b in election.ballots() {
            let start = at;
            at += b.prefs.len();
            let Some(pos) = b
                .prefs
                .iter()
                .position(|&p| status.get(usize::from(p)) == Some(&Status::Continuing))
            else {
                continue;
            };
            let start = u32::try_from(start).map_err(|_| overflow.clone())?;
            let len = u16::try_from(b.prefs.len()).map_err(|_| overflow.clone())?;
            let first = usize::from(b.prefs[pos]);
            piles[first].push(Parcel {
                start,
                len,
                pos: u16::try_from(pos).map_err(|_| overflow.clone())?,
                value: one.units(),
                papers: b.weight,
            });
            valid = valid
                .checked_add(b.weight)
                .ok_or_else(|| overflow.clone())?;
        }
        // Every value in the count is at most the valid papers at 5 places.
        Value::whole(valid, PLACES).ok_or(StvError::Overflow { stage: 1 })?;
        let seats = election.seats() as u64;
        let quota_votes = (valid / (seats + 1))
            .checked_add(1)
            .ok_or(StvError::Overflow { stage: 1 })?;
        let quota = Value::whole(quota_votes, PLACES).ok_or(StvError::Overflow { stage: 1 })?;

        let mut totals = vec![Value::ZERO; n];
        for (c, pile) in piles.iter().enumerate() {
            let mut t = Value::ZERO;
            for p in pile {
                t = Value::from_units(p.value)
                    .checked_mul_int(p.papers)
                    .and_then(|v| t.checked_add(v))
                    .ok_or(StvError::Overflow { stage: 1 })?;
            }
            totals[c] = t;
        }
        let mut count = Count {
            valid,
            election,
            lots,
            prefs,
            piles,
            status,
            totals: totals.clone(),
            quota,
            non_transferable: Value::ZERO,
            rounding_loss: Value::ZERO,
            stages: Vec::new(),
            history: Vec::new(),
            elected: Vec::new(),
            pending: Vec::new(),
            lots_drawn: Vec::new(),
        };
        let mut first = Stage {
            number: 1,
            action: Action::FirstPreferences,
            transfers: totals,
            totals: count.totals.clone(),
            non_transferable: Value::ZERO,
            rounding_loss: Value::ZERO,
            elected: Vec::new(),
            excluded: Vec::new(),
            transfer_values: Vec::new(),
            notes: Vec::new(),
        };
        count.finish_stage(&mut first);
        count.stages.push(first);
        Ok(count)
    }

    fn into_sheet(self) -> StageSheet {
        StageSheet {
            rules: StvRules::Scotland,
            places: PLACES,
            title: self.election.title().to_vec(),
            poll_date: self.election.poll_date(),
            seats: self.election.seats(),
            valid_papers: self.valid,
            quota: self.quota,
            candidates: self.election.candidates().to_vec(),
            withdrawn: self.election.withdrawn().iter().copied().collect(),
            stages: self.stages,
            elected: self.elected,
            lots: self.lots_drawn,
            rehearsal_seed: self.lots.seed().map(str::to_owned),
        }
    }

    fn vacancies(&self) -> usize {
        // Never clamps: no more candidates are elected than seats (r.48
        // elects at most the vacancies, r.53 the continuing candidates
        // left for them).
        self.election.seats().saturating_sub(self.elected.len())
    }

    fn continuing(&self) -> Vec<usize> {
        (0..self.status.len())
            .filter(|&c| self.status[c] == Status::Continuing)
            .collect()
    }

    fn stage_number(&self) -> u32 {
        u32::try_from(self.stages.len()).unwrap_or(u32::MAX)
    }

    /// The end of a stage: r.48 (quota reached) and r.53 (continuing equal
    /// to vacancies), recorded on `stage`; the history gets its totals.
    fn finish_stage(&mut self, stage: &mut Stage) {
        // r.48: deemed elected on reaching the quota, highest first.
        let mut reached: Vec<usize> = self
            .continuing()
            .into_iter()
            .filter(|&c| self.totals[c] >= self.quota)
            .collect();
        reached.sort_by(|&a, &b| self.totals[b].cmp(&self.totals[a]).then(a.cmp(&b)));
        for c in reached {
            if self.vacancies() == 0 {
                break;
            }
            self.elect(c, stage);
            if self.totals[c] > self.quota {
                self.pending.push(c);
            }
        }
        // r.53: as many continuing candidates as vacancies left.
        let continuing = self.continuing();
        if self.vacancies() > 0 && continuing.len() <= self.vacancies() {
            let mut rest = continuing;
            rest.sort_by(|&a, &b| self.totals[b].cmp(&self.totals[a]).then(a.cmp(&b)));
            for c in rest {
                self.elect(c, stage);
            }
            stage.notes.push(
                "the continuing candidates are as many as the vacancies left and are deemed elected (r.53)"
                    .to_string(),
            );
        }
        stage.totals = self.totals.clone();
        stage.non_transferable = self.non_transferable;
        stage.rounding_loss = self.rounding_loss;
        self.history.push(self.totals.clone());
    }

    fn elect(&mut self, c: usize, stage: &mut Stage) {
        self.status[c] = Status::Elected;
        stage.elected.push(c);
        self.elected.push(Elected {
            candidate: c,
            stage: stage.number,
        });
    }

    /// One stage after the first; `false` once every seat is filled.
    fn step(&mut self) -> Result<bool, StvError> {
        if self.vacancies() == 0 {
            return Ok(false);
        }
        {
            let number = self.stage_number() + 1;
            let mut notes = Vec::new();
            let stage = if self.pending.is_empty() {
                let x = self.lowest(number, &mut notes)?;
                self.exclude(x, number)?
            } else {
                let e = self.highest_surplus(number, &mut notes)?;
                self.pending.retain(|&c| c != e);
                self.transfer_surplus(e, number)?
            };
            let mut stage = stage;
            stage.notes = notes;
            self.finish_stage(&mut stage);
            self.stages.push(stage);
        }
        Ok(true)
    }

    /// r.50: the highest surplus; equal ones by the most recent preceding
    /// stage at which the candidates' votes differed, then lot.
    fn highest_surplus(&mut self, number: u32, notes: &mut Vec<String>) -> Result<usize, StvError> {
        let best = self
            .pending
            .iter()
            .map(|&c| self.totals[c])
            .max()
            .unwrap_or(Value::ZERO);
        let mut tied: Vec<usize> = self
            .pending
            .iter()
            .copied()
            .filter(|&c| self.totals[c] == best)
            .collect();
        tied.sort_unstable();
        if tied.len() == 1 {
            return Ok(tied[0]);
        }
        let (left, at) =
            break_by_history(&self.history, &tied, LookBack::MostRecent, Prefer::Highest);
        self.settle(
            number,
            LotPurpose::SurplusOrder,
            &tied,
            left,
            at,
            notes,
            "surplus transferred first",
        )
    }

    /// r.51–52: the lowest continuing candidate; equal ones by the most
    /// recent preceding stage at which they differed, then lot.
    fn lowest(&mut self, number: u32, notes: &mut Vec<String>) -> Result<usize, StvError> {
        let continuing = self.continuing();
        let low = continuing
            .iter()
            .map(|&c| self.totals[c])
            .min()
            .unwrap_or(Value::ZERO);
        let tied: Vec<usize> = continuing
            .into_iter()
            .filter(|&c| self.totals[c] == low)
            .collect();
        if tied.len() == 1 {
            return Ok(tied[0]);
        }
        let (left, at) =
            break_by_history(&self.history, &tied, LookBack::MostRecent, Prefer::Lowest);
        self.settle(
            number,
            LotPurpose::Exclusion,
            &tied,
            left,
            at,
            notes,
            "excluded",
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn settle(
        &mut self,
        number: u32,
        purpose: LotPurpose,
        tied: &[usize],
        left: Vec<usize>,
        at: Option<u32>,
        notes: &mut Vec<String>,
        what: &str,
    ) -> Result<usize, StvError> {
        let names = |cs: &[usize]| {
            cs.iter()
                .map(|&c| self.election.candidates()[c].display_name())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let equal = format!(
            "{} equal on {}",
            names(tied),
            tied.first()
                .map_or(Value::ZERO, |&c| self.totals[c])
                .fixed(PLACES)
        );
        if left.len() == 1 {
            let rule = if purpose == LotPurpose::Exclusion {
                "r.52"
            } else {
                "r.50"
            };
            let stage = at.map_or_else(String::new, |s| format!(" (stage {s})"));
            notes.push(format!(
                "{equal}: {} {what}, decided by the most recent preceding stage at which they had unequal votes{stage} ({rule})",
                names(&left)
            ));
            return Ok(left[0]);
        }
        if left.is_empty() {
            // Unreachable: a tie is among the candidates found tied.
            return Err(StvError::Overflow { stage: number });
        }
        let lot = self.lots.draw(number, purpose, &left)?;
        let how = match &lot.method {
            crate::lots::LotMethod::Recorded => "a recorded lot".to_string(),
            crate::lots::LotMethod::Seeded { seed, context } => {
                format!("a lot drawn from seed {seed:?}, context {context:?}")
            }
        };
        notes.push(format!(
            "{equal} at every stage: {} {what}, decided by {how} between {}",
            names(&[lot.chosen]),
            names(&left)
        ));
        let chosen = lot.chosen;
        self.lots_drawn.push(lot);
        Ok(chosen)
    }

    /// The next continuing candidate on a parcel's sequence after its
    /// current position.
    fn next_continuing(&self, p: &Parcel) -> Option<(usize, u16)> {
        let start = p.start as usize;
        let rest = self
            .prefs
            .get(start + usize::from(p.pos) + 1..start + usize::from(p.len))?;
        let i = rest
            .iter()
            .position(|&c| self.status.get(usize::from(c)) == Some(&Status::Continuing))?;
        let c = usize::from(rest[i]);
        Some((c, p.pos + 1 + i as u16))
    }

    fn new_stage(&self, number: u32, action: Action) -> Stage {
        Stage {
            number,
            action,
            transfers: vec![Value::ZERO; self.totals.len()],
            totals: Vec::new(),
            non_transferable: Value::ZERO,
            rounding_loss: Value::ZERO,
            elected: Vec::new(),
            excluded: Vec::new(),
            transfer_values: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Moves every parcel of `from` on to its next continuing preference,
    /// each at the value `value_of(parcel)`; returns the value that went
    /// to non-transferable papers.
    fn move_pile(
        &mut self,
        from: usize,
        stage: &mut Stage,
        mut value_of: impl FnMut(&Parcel) -> Option<i64>,
    ) -> Result<Value, StvError> {
        let overflow = StvError::Overflow {
            stage: stage.number,
        };
        let pile = std::mem::take(&mut self.piles[from]);
        let mut nt = Value::ZERO;
        for mut p in pile {
            let v = value_of(&p).ok_or_else(|| overflow.clone())?;
            let (received, value) = (Value::from_units(p.value), Value::from_units(v));
            match stage
                .transfer_values
                .iter_mut()
                .find(|t| t.received == received && t.value == value)
            {
                Some(t) => {
                    t.papers =
                        t.papers
                            .checked_add(p.papers)
                            .ok_or_else(|| StvError::FigureOverflow {
                                stage: stage.number,
                                what: "papers transferred at one value",
                                left: t.papers.to_string(),
                                op: "+",
                                right: p.papers.to_string(),
                            })?;
                }
                None => stage.transfer_values.push(TransferValue {
                    received,
                    value,
                    papers: p.papers,
                }),
            }
            let amount = Value::from_units(v)
                .checked_mul_int(p.papers)
                .ok_or_else(|| overflow.clone())?;
            match self.next_continuing(&p) {
                Some((to, pos)) => {
                    p.pos = pos;
                    p.value = v;
                    if v > 0 {
                        self.piles[to].push(p);
                    }
                    stage.transfers[to] = stage.transfers[to]
                        .checked_add(amount)
                        .ok_or_else(|| overflow.clone())?;
                }
                None => {
                    nt = nt.checked_add(amount).ok_or_else(|| overflow.clone())?;
                }
            }
        }
        for (c, t) in stage.transfers.iter().enumerate() {
            if c != from && *t != Value::ZERO {
                self.totals[c] = self.totals[c]
                    .checked_add(*t)
                    .ok_or_else(|| overflow.clone())?;
            }
        }
        Ok(nt)
    }

    /// r.49: the surplus of `e`, every paper at
    /// floor(surplus × value received / total), to five places.
    fn transfer_surplus(&mut self, e: usize, number: u32) -> Result<Stage, StvError> {
        let overflow = StvError::Overflow { stage: number };
        let total = self.totals[e];
        let surplus = total
            .checked_sub(self.quota)
            .ok_or_else(|| overflow.clone())?;
        let mut stage = self.new_stage(number, Action::Surplus(e));
        // Parcels received at the same value get the same transfer value:
        // remember the last one worked out (most parcels share a value).
        let mut last: Option<(i64, i64)> = None;
        let nt = self.move_pile(e, &mut stage, |p| match last {
            Some((from, to)) if from == p.value => Some(to),
            _ => {
                let to = surplus
                    .mul_div_floor(Value::from_units(p.value), total)
                    .map(Value::units)?;
                last = Some((p.value, to));
                Some(to)
            }
        })?;
        let moved = stage
            .transfers
            .iter()
            .try_fold(Value::ZERO, |a, t| a.checked_add(*t))
            .ok_or_else(|| overflow.clone())?;
        let loss = surplus
            .checked_sub(moved)
            .and_then(|r| r.checked_sub(nt))
            .ok_or_else(|| overflow.clone())?;
        stage.transfers[e] = surplus.checked_neg().ok_or_else(|| overflow.clone())?;
        self.totals[e] = self.quota;
        self.non_transferable = self
            .non_transferable
            .checked_add(nt)
            .ok_or_else(|| overflow.clone())?;
        self.rounding_loss = self.rounding_loss.checked_add(loss).ok_or(overflow)?;
        Ok(stage)
    }

    /// r.51: exclude `x`, every paper at the value at which it was received.
    fn exclude(&mut self, x: usize, number: u32) -> Result<Stage, StvError> {
        let overflow = StvError::Overflow { stage: number };
        self.status[x] = Status::Excluded;
        let mut stage = self.new_stage(number, Action::Exclusion(x));
        stage.excluded.push(x);
        let nt = self.move_pile(x, &mut stage, |p| Some(p.value))?;
        stage.transfers[x] = self.totals[x]
            .checked_neg()
            .ok_or_else(|| overflow.clone())?;
        self.totals[x] = Value::ZERO;
        self.non_transferable = self.non_transferable.checked_add(nt).ok_or(overflow)?;
        Ok(stage)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::*;
    use crate::ballots::{Ballot, Candidate};

    /// An election of candidates A, B, C, … from ballot lines with 1-based
    /// preferences.
    fn election(n: usize, seats: usize, withdrawn: &[usize], lines: &[(u64, &[u16])]) -> Election {
        let names = (0..n)
            .map(|i| Candidate::new(vec![b'A' + i as u8]))
            .collect();
        let ballots = lines
            .iter()
            .map(|(w, p)| Ballot {
                weight: *w,
                prefs: p.iter().map(|c| c - 1).collect(),
            })
            .collect();
        Election::new(
            "test",
            names,
            seats,
            withdrawn.iter().map(|w| w - 1).collect::<BTreeSet<_>>(),
            ballots,
        )
        .unwrap()
    }

    fn v(s: &str) -> Value {
        Value::parse(s, 5).unwrap()
    }

    fn run(e: &Election) -> StageSheet {
        count(e, &mut LotSource::none()).unwrap()
    }

    fn actions(s: &StageSheet) -> Vec<Action> {
        s.stages.iter().map(|s| s.action.clone()).collect()
    }

    fn elected(s: &StageSheet) -> Vec<(usize, u32)> {
        s.elected.iter().map(|e| (e.candidate, e.stage)).collect()
    }

    /// rr.48–50 and r.53. Quota floor(20/4)+1 = 6 (r.47). A (8) and B (7)
    /// both reach it at stage 1 (r.48). A's surplus goes first (r.50: 2 > 1)
    /// and skips B, deemed elected though B's own surplus is still to come:
    /// only continuing candidates receive transfers (r.49; definition of
    /// "next available preference"). TV = floor(2 × 1 / 8) = 0.25000, so
    /// C gets 8 × 0.25 = 2. B's surplus: TV = floor(1 / 7) = 0.14285; D
    /// gets 7 × 0.14285 = 0.99995 and 0.00005 is lost to truncation. E then
    /// D are excluded (r.51), leaving C alone for the last vacancy, deemed
    /// elected below the quota (r.53).
    #[test]
    fn two_reach_the_quota_at_once() {
        let e = election(
            5,
            3,
            &[],
            &[
                (8, &[1, 2, 3]),
                (7, &[2, 1, 4]),
                (2, &[3]),
                (2, &[4]),
                (1, &[5]),
            ],
        );
        let s = run(&e);
        assert_eq!(s.quota, v("6"));
        assert_eq!(s.stages[0].elected, [0, 1]);
        assert_eq!(
            actions(&s),
            [
                Action::FirstPreferences,
                Action::Surplus(0),
                Action::Surplus(1),
                Action::Exclusion(4),
                Action::Exclusion(3)
            ]
        );
        assert_eq!(
            s.stages[1].transfers,
            [v("-2"), v("0"), v("2"), v("0"), v("0")]
        );
        assert_eq!(s.stages[1].totals, [v("6"), v("7"), v("4"), v("2"), v("1")]);
        assert_eq!(
            s.stages[2].transfers,
            [v("0"), v("-1"), v("0"), v("0.99995"), v("0")]
        );
        assert_eq!(s.stages[2].rounding_loss, v("0.00005"));
        assert_eq!(s.stages[2].non_transferable, v("0"));
        assert_eq!(s.stages[3].non_transferable, v("1"));
        // D's own 2 papers and B's 7 at 0.14285 have no further preference.
        assert_eq!(s.stages[4].non_transferable, v("3.99995"));
        assert_eq!(s.stages[4].totals, [v("6"), v("6"), v("4"), v("0"), v("0")]);
        assert_eq!(elected(&s), [(0, 1), (1, 1), (2, 5)]);
    }

    /// r.50: B (index 0 here, "A" by name) and the other surplus are equal
    /// at stage 2 (12 each, quota floor(40/4)+1 = 11) but differed at stage
    /// 1 (9 and 10): the candidate with more votes at the most recent
    /// preceding stage at which they differed goes first, not the first on
    /// the ballot.
    #[test]
    fn equal_surpluses_by_most_recent_stage() {
        let e = election(
            5,
            3,
            &[],
            &[
                (9, &[1, 4]),
                (10, &[2, 3]),
                (9, &[3]),
                (7, &[4]),
                (2, &[5, 2, 3]),
                (3, &[5, 1, 4]),
            ],
        );
        let s = run(&e);
        assert_eq!(s.quota, v("11"));
        assert_eq!(s.stages[1].action, Action::Exclusion(4));
        assert_eq!(s.stages[1].totals[..2], [v("12"), v("12")]);
        assert_eq!(s.stages[1].elected, [0, 1]);
        assert_eq!(s.stages[2].action, Action::Surplus(1));
        assert!(
            s.stages[2].notes[0].contains("(stage 1)"),
            "{:?}",
            s.stages[2].notes
        );
        assert_eq!(s.stages[3].action, Action::Surplus(0));
        // TV = floor(1 × 1 / 12) = 0.08333 on each of 12 papers.
        assert_eq!(s.stages[2].transfers[2], v("0.99996"));
        assert_eq!(s.stages[2].rounding_loss, v("0.00004"));
        assert!(s.lots.is_empty());
    }

    /// r.52: X and Y are equal lowest at stage 3 (7 each); at stage 2 X had
    /// 6 and Y 7, at stage 1 X 6 and Y 5. The most recent preceding stage
    /// at which they differed is stage 2, so X is excluded (the NI rule,
    /// earliest stage, would exclude Y).
    #[test]
    fn exclusion_tie_by_most_recent_stage() {
        // A=1 (15), X=2 (6), Y=3 (5), P=4 (4), Q=5 (3); quota 17.
        let e = election(
            5,
            1,
            &[],
            &[
                (15, &[1]),
                (6, &[2]),
                (5, &[3]),
                (1, &[4, 2]),
                (3, &[4]),
                (2, &[5, 3]),
                (1, &[5]),
            ],
        );
        let s = run(&e);
        assert_eq!(s.quota, v("17"));
        assert_eq!(s.stages[2].totals[1..3], [v("7"), v("7")]);
        assert_eq!(s.stages[3].action, Action::Exclusion(1));
        assert!(
            s.stages[3].notes[0].contains("(stage 2)"),
            "{:?}",
            s.stages[3].notes
        );
        assert_eq!(elected(&s), [(0, 5)]);
    }

    /// r.48: a candidate exactly on the quota is elected with no surplus,
    /// so there is no surplus stage. Quota floor(10/3)+1 = 4.
    #[test]
    fn exactly_on_quota_has_no_surplus_stage() {
        let e = election(
            4,
            2,
            &[],
            &[(4, &[1, 2]), (3, &[2]), (2, &[3]), (1, &[4, 2])],
        );
        let s = run(&e);
        assert_eq!(s.quota, v("4"));
        assert_eq!(
            actions(&s),
            [Action::FirstPreferences, Action::Exclusion(3)]
        );
        assert_eq!(elected(&s), [(0, 1), (1, 2)]);
        assert_eq!(s.stages[1].totals, [v("4"), v("4"), v("2"), v("0")]);
    }

    /// r.53 (as amended by SSI 2021/437): once the continuing candidates
    /// are as many as the vacancies they are elected, below the quota, and
    /// no surplus is transferred after that.
    #[test]
    fn elected_below_quota_without_further_transfer() {
        // Quota floor(12/3)+1 = 5: A (6) elected with a surplus of 1.
        let e = election(3, 2, &[], &[(6, &[1, 3]), (4, &[2]), (2, &[3])]);
        let s = run(&e);
        assert_eq!(s.quota, v("5"));
        // Stage 2: A's surplus of 1 (TV 1/6 = 0.16666 on 6 papers = 0.99996)
        // to C; stage 3: C (2.99996) excluded; B alone for the last seat.
        assert_eq!(
            actions(&s),
            [
                Action::FirstPreferences,
                Action::Surplus(0),
                Action::Exclusion(2)
            ]
        );
        assert_eq!(s.stages[1].totals[2], v("2.99996"));
        assert_eq!(elected(&s), [(0, 1), (1, 3)]);
        assert!(s.stages[2].totals[1] < s.quota);
        // Two continuing for one vacancy at the start: a 1-seat count where
        // the winner is elected when the other is excluded, and the
        // elected candidate's surplus at the last stage is never transferred.
        let e = election(3, 1, &[], &[(5, &[1]), (3, &[2, 1]), (1, &[3, 1])]);
        let s = run(&e);
        assert_eq!(s.quota, v("5"));
        assert_eq!(actions(&s), [Action::FirstPreferences]);
        assert_eq!(elected(&s), [(0, 1)]);
    }

    /// A withdrawn candidate's preferences are skipped (the paper counts for
    /// the next standing candidate); a paper for withdrawn candidates only
    /// has no first preference and is not a valid paper (r.46; the withdrawn
    /// list is the BLT format's, see the module's docs).
    #[test]
    fn withdrawn_candidate() {
        let e = election(
            4,
            1,
            &[2],
            &[
                (3, &[2, 1]),
                (2, &[1]),
                (4, &[3]),
                (1, &[2]),
                (2, &[4, 2, 1]),
            ],
        );
        let s = run(&e);
        // B's 3 papers count for A; the 1 paper for B alone is not valid.
        assert_eq!(s.valid_papers, 11);
        assert_eq!(s.quota, v("6")); // floor(11/2)+1
        assert_eq!(s.stages[0].totals, [v("5"), v("0"), v("4"), v("2")]);
        // D's papers skip the withdrawn B and reach A.
        assert_eq!(s.stages[1].action, Action::Exclusion(3));
        assert_eq!(s.stages[1].transfers[1], v("0"));
        assert_eq!(elected(&s), [(0, 2)]);
        assert_eq!(s.withdrawn, [1]);
    }

    #[test]
    fn lot_needed_and_not_recorded_names_the_stage() {
        // Quota 3; B and C equal at every stage for exclusion.
        let e = election(3, 1, &[], &[(3, &[1]), (1, &[2]), (1, &[3])]);
        let s = run(&e);
        assert_eq!(elected(&s), [(0, 1)]);
        let e = election(4, 1, &[], &[(2, &[1]), (2, &[2]), (1, &[3]), (1, &[4])]);
        let err = count(&e, &mut LotSource::none()).unwrap_err();
        assert_eq!(
            err,
            StvError::LotRequired {
                stage: 2,
                purpose: LotPurpose::Exclusion,
                tied: vec![2, 3]
            }
        );
        let s = count(&e, &mut LotSource::none().with_seed("seed", "test")).unwrap();
        // C and D tie at stage 2; later A and B (2 each throughout) too.
        assert_eq!(s.lots.len(), 2);
        assert_eq!(s.lots[0].stage, 2);
        assert_eq!(s.stages[1].action, Action::Exclusion(s.lots[0].chosen));
        assert!(
            s.stages[1].notes[0].contains("seed"),
            "{:?}",
            s.stages[1].notes
        );
    }

    fn arb_election() -> impl Strategy<Value = Election> {
        (3usize..8).prop_flat_map(|n| {
            let ballot = (
                1u64..40,
                Just(n).prop_perturb(|n, mut rng| {
                    let mut c: Vec<u16> = (0..n as u16).collect();
                    for i in (1..c.len()).rev() {
                        c.swap(i, rng.random_range(0..=i));
                    }
                    let k = rng.random_range(1..=c.len());
                    c.truncate(k);
                    c
                }),
            );
            (
                1..n - 1,
                proptest::option::of(0..n),
                proptest::collection::vec(ballot, 1..40),
            )
                .prop_filter_map(
                    "a valid election",
                    move |(seats, withdrawn, lines)| {
                        let names = (0..n)
                            .map(|i| Candidate::new(vec![b'A' + i as u8]))
                            .collect();
                        let ballots = lines
                            .into_iter()
                            .map(|(weight, prefs)| Ballot { weight, prefs })
                            .collect();
                        Election::new("p", names, seats, withdrawn.into_iter().collect(), ballots)
                            .ok()
                    },
                )
        })
    }

    fn seeded() -> LotSource {
        LotSource::none().with_seed("proptest", "p")
    }

    proptest! {
        /// At every stage, Σ totals + non-transferable + rounding loss =
        /// valid papers, exactly; and the count fills every seat.
        #[test]
        fn every_stage_balances(e in arb_election()) {
            let s = count(&e, &mut seeded()).unwrap();
            let valid = Value::whole(s.valid_papers, 5).unwrap();
            for st in &s.stages {
                let sum = st.totals.iter().fold(Value::ZERO, |a, t| a.checked_add(*t).unwrap());
                prop_assert_eq!(sum.checked_add(st.non_transferable).unwrap().checked_add(st.rounding_loss).unwrap(), valid);
                prop_assert!(st.rounding_loss >= Value::ZERO);
            }
            prop_assert_eq!(s.elected.len(), e.seats());
        }

        /// The order of the ballot lines does not matter: the same sheet.
        #[test]
        fn ballot_order_does_not_matter(e in arb_election(), seed in any::<u64>()) {
            let mut lines = e.ballots().to_vec();
            let k = lines.len();
            for i in (1..k).rev() {
                lines.swap(i, (seed as usize ^ i.wrapping_mul(2654435761)) % (i + 1));
            }
            let shuffled = Election::new("p", e.candidates().to_vec(), e.seats(), e.withdrawn().clone(), lines).unwrap();
            let a = count(&e, &mut seeded()).unwrap();
            let b = count(&shuffled, &mut seeded()).unwrap();
            let ea: BTreeSet<usize> = a.elected.iter().map(|x| x.candidate).collect();
            let eb: BTreeSet<usize> = b.elected.iter().map(|x| x.candidate).collect();
            prop_assert_eq!(ea, eb);
            prop_assert_eq!(a, b);
        }

        /// r.49: a paper's new value never exceeds the value at which it was
        /// received; an exclusion keeps it unchanged (r.51).
        #[test]
        fn transfer_values_never_exceed_value_received(e in arb_election()) {
            let mut lots = seeded();
            let mut c = Count::start(&e, &mut lots).unwrap();
            loop {
                let before: std::collections::BTreeMap<u32, i64> =
                    c.piles.iter().flatten().map(|p| (p.start, p.value)).collect();
                let more = c.step().unwrap();
                for p in c.piles.iter().flatten() {
                    prop_assert!(p.value <= before[&p.start]);
                    prop_assert!(p.value >= 0);
                }
                if !more { break; }
            }
        }
    }
}
