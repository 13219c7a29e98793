//! The Scottish rules: the Scottish Local Government Elections Order 2011
//! (SSI 2011/399), Sch 1 rr.46–53, as amended by SSI 2021/437 (r.53).
//!
//! - r.46: the first stage credits each valid paper to its first
//!   preference. Preferences for withdrawn candidates are skipped; a paper
//!   with no preference for a standing candidate is not a valid paper
//!   (it has no first preference) and is left out of the count. \[K\]
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
//! Papers with the same preferences are one parcel: they always move
//! together at one value, so the work per stage is proportional to the
//! number of distinct preference sequences the transferring candidate
//! holds, not to the number of papers.

use std::collections::BTreeMap;

use crate::ballots::Election;
use crate::error::StvError;
use crate::lots::{break_by_history, LookBack, LotPurpose, LotSource, Prefer};
use crate::sheet::{Action, Elected, Stage, StageSheet, StvRules};
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
    /// Start of the sequence in `Count::prefs`.
    start: u32,
    /// Length of the sequence.
    len: u32,
    /// Index (within the sequence) of the candidate holding the papers.
    pos: u32,
    /// The value of each paper, in units of 10^-5.
    value: i64,
    /// How many papers.
    papers: u64,
}

struct Count<'a> {
    election: &'a Election,
    lots: &'a mut LotSource,
    prefs: Vec<u16>,
    parcels: Vec<Parcel>,
    piles: Vec<Vec<u32>>,
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

    // Distinct preference sequences, standing candidates only.
    let mut seqs: BTreeMap<Vec<u16>, u64> = BTreeMap::new();
    for b in election.ballots() {
        let standing: Vec<u16> = b
            .prefs
            .iter()
            .copied()
            .filter(|&p| status.get(usize::from(p)) == Some(&Status::Continuing))
            .collect();
        if standing.is_empty() {
            continue;
        }
        let e = seqs.entry(standing).or_insert(0);
        *e = e
            .checked_add(b.weight)
            .ok_or(StvError::Overflow { stage: 1 })?;
    }
    let mut prefs = Vec::new();
    let mut parcels = Vec::with_capacity(seqs.len());
    let mut piles: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut valid: u64 = 0;
    let one = Value::whole(1, PLACES).ok_or(StvError::Overflow { stage: 1 })?;
    for (seq, papers) in seqs {
        let start = u32::try_from(prefs.len()).map_err(|_| StvError::Overflow { stage: 1 })?;
        let len = u32::try_from(seq.len()).map_err(|_| StvError::Overflow { stage: 1 })?;
        let first = usize::from(seq[0]);
        prefs.extend_from_slice(&seq);
        let idx = u32::try_from(parcels.len()).map_err(|_| StvError::Overflow { stage: 1 })?;
        parcels.push(Parcel {
            start,
            len,
            pos: 0,
            value: one.units(),
            papers,
        });
        piles[first].push(idx);
        valid = valid
            .checked_add(papers)
            .ok_or(StvError::Overflow { stage: 1 })?;
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
        for &p in pile {
            let p = parcels[p as usize];
            t = Value::from_units(p.value)
                .checked_mul_int(p.papers)
                .and_then(|v| t.checked_add(v))
                .ok_or(StvError::Overflow { stage: 1 })?;
        }
        totals[c] = t;
    }
    let mut count = Count {
        election,
        lots,
        prefs,
        parcels,
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
        notes: Vec::new(),
    };
    count.finish_stage(&mut first);
    count.stages.push(first);
    count.run()?;

    Ok(StageSheet {
        rules: StvRules::Scotland,
        places: PLACES,
        title: election.title().to_vec(),
        seats: election.seats(),
        valid_papers: valid,
        quota,
        candidates: election.candidates().to_vec(),
        withdrawn: election.withdrawn().iter().copied().collect(),
        stages: count.stages,
        elected: count.elected,
        lots: count.lots_drawn,
    })
}

impl Count<'_> {
    fn vacancies(&self) -> usize {
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

    fn run(&mut self) -> Result<(), StvError> {
        while self.vacancies() > 0 {
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
        Ok(())
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
            self.totals[tied[0]].fixed(PLACES)
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
    fn next_continuing(&self, p: &Parcel) -> Option<(usize, u32)> {
        let seq = &self.prefs[p.start as usize..(p.start + p.len) as usize];
        (p.pos + 1..p.len).find_map(|k| {
            let c = usize::from(seq[k as usize]);
            (self.status[c] == Status::Continuing).then_some((c, k))
        })
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
        value_of: impl Fn(&Parcel) -> Option<i64>,
    ) -> Result<Value, StvError> {
        let overflow = StvError::Overflow {
            stage: stage.number,
        };
        let pile = std::mem::take(&mut self.piles[from]);
        let mut nt = Value::ZERO;
        for idx in pile {
            let mut p = self.parcels[idx as usize];
            let v = value_of(&p).ok_or_else(|| overflow.clone())?;
            let amount = Value::from_units(v)
                .checked_mul_int(p.papers)
                .ok_or_else(|| overflow.clone())?;
            match self.next_continuing(&p) {
                Some((to, pos)) => {
                    p.pos = pos;
                    p.value = v;
                    self.parcels[idx as usize] = p;
                    if v > 0 {
                        self.piles[to].push(idx);
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
        let nt = self.move_pile(e, &mut stage, |p| {
            surplus
                .mul_div_floor(Value::from_units(p.value), total)
                .map(Value::units)
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
