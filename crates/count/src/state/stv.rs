//! Single transferable vote polls in the count log.
//!
//! The papers of an STV poll enter a run as batches (`paper_batch_counted`
//! with `preferences`: each distinct valid prefix of preferences with its
//! papers) and as the returning officer's decisions on doubtful papers
//! (`doubtful_paper_decided`, whose `votes` are the paper's preferences in
//! order). The run keeps them merged into weighted ballot lines, so the
//! order of batches and papers changes nothing. Once the run is completed,
//! the stage sheet is counted from those lines by `countroom-stv`, with the
//! lots recorded in the log (`lot_drawn` naming the stage and purpose) as
//! its only source of lots: a lot the count needs and the log does not hold
//! stops the count, and is reported as needed at its stage, never guessed.

use std::collections::{BTreeMap, BTreeSet};

use countroom_log as log;
use countroom_model::CandidateIdx;
use countroom_rules::CountingMethod;
use countroom_stv::{self as stv, LotSource, RecordedLot, StageSheet, StvError};
use countroom_tally::seeded_lot;

use super::{
    one, to_idx, ContestCount, ElectedSeat, Lot, LotNeeded, LotPurpose, Problems, Run, RunOutcome,
};
use crate::problem::ProblemKind;

/// What the engine makes of a completed STV run.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StvCount {
    /// The count ran to the end: the stage sheet.
    Sheet(Box<StageSheet>),
    /// The count needs a lot at this stage that the log does not record.
    LotRequired {
        /// The stage whose action the lot decides.
        stage: u32,
        /// What it decides.
        purpose: LotPurpose,
        /// The tied candidates, in ballot-paper order.
        tied: Vec<CandidateIdx>,
    },
    /// The papers cannot be counted (e.g. no valid papers): why.
    Failed(String),
}

fn stv_purpose(p: LotPurpose) -> Option<stv::LotPurpose> {
    match p {
        LotPurpose::SurplusOrder => Some(stv::LotPurpose::SurplusOrder),
        LotPurpose::Exclusion => Some(stv::LotPurpose::Exclusion),
        LotPurpose::Election | LotPurpose::LongerTerm => None,
    }
}

fn count_purpose(p: stv::LotPurpose) -> LotPurpose {
    match p {
        stv::LotPurpose::SurplusOrder => LotPurpose::SurplusOrder,
        _ => LotPurpose::Exclusion,
    }
}

fn stv_problem(field: &str, reason: String) -> ProblemKind {
    ProblemKind::Stv {
        field: field.to_owned(),
        reason,
    }
}

impl ContestCount {
    /// The STV rules the contest is counted under, if it is an STV poll.
    #[must_use]
    pub fn stv_rules(&self) -> Option<stv::StvRules> {
        match self.rules().method {
            CountingMethod::SingleTransferableVote(countroom_rules::StvRules::Scotland2011) => {
                Some(stv::StvRules::Scotland)
            }
            CountingMethod::SingleTransferableVote(
                countroom_rules::StvRules::NorthernIreland1962,
            ) => Some(stv::StvRules::NorthernIreland),
            _ => None,
        }
    }

    /// A batch's preference lines, checked against the poll and against
    /// the batch's own figures: each candidate standing and named once per
    /// line, every weight at least 1, the weights adding up to the valid
    /// papers and the first preferences to `first` (the batch's votes).
    /// The lines come back in ascending order of their preferences, each
    /// sequence once (identical lines merged).
    pub(super) fn batch_preferences(
        &self,
        e: &log::PaperBatchCounted,
        first: &[u64],
        problems: &mut Problems,
    ) -> Vec<(Vec<u16>, u64)> {
        let mut lines = Vec::new();
        if self.stv_rules().is_none() {
            if !e.preferences.is_empty() {
                problems.push(ProblemKind::NotStv {
                    field: "preferences".into(),
                    ruleset: self.rules().code,
                });
            }
            return lines;
        }
        if e.valid_papers > 0 && e.preferences.is_empty() {
            problems.push(stv_problem(
                "preferences",
                format!(
                    "a batch of a single transferable vote poll gives its valid papers' preferences; {} valid papers and none given",
                    e.valid_papers
                ),
            ));
            return lines;
        }
        // The batch's distinct ids (a small table: the lines name their
        // ids by index into it) looked up once each: an id of up to 7 bytes
        // (most are) as one integer in a small hash table, a longer one by
        // binary search. Each preference is then one index into `known`.
        let mut short = IdTable::default();
        let mut long: Vec<(&str, u16)> = Vec::new();
        let standing: Vec<(u16, &str)> = self
            .contest
            .standing()
            .filter_map(|(idx, c)| Some((u16::try_from(idx.get()).ok()?, c.id.as_str())))
            .collect();
        short.reserve(standing.len());
        for &(i, id) in &standing {
            match packed_id(id) {
                Some(key) => short.insert(key, i),
                None => long.push((id, i)),
            }
        }
        long.sort_unstable();
        let lookup = |id: &str| match packed_id(id) {
            Some(key) => short.get(key),
            None => {
                let i = long.binary_search_by(|(k, _)| (*k).cmp(id)).ok()?;
                long.get(i).map(|&(_, c)| c)
            }
        };
        let ids = e.preferences.ids();
        let known: Vec<Option<u16>> = ids.iter().map(|id| lookup(id)).collect();
        let n_standing = self.contest.n_standing();
        let mut firsts = vec![0u64; n_standing];
        // `seen[c]` is 1 + the line on which candidate `c` was last named:
        // a repeat within a line is found without searching the line.
        let mut seen = vec![0usize; n_standing];
        // Summed exactly: the weights are figures read from the log.
        let mut total: u128 = 0;
        let before = problems.len();
        lines.reserve(e.preferences.len());
        for (i, line) in e.preferences.iter().enumerate() {
            if line.weight == 0 {
                problems.push(stv_problem(
                    &format!("preferences[{i}].weight"),
                    "a line of papers has at least one paper".into(),
                ));
            }
            if line.order.is_empty() {
                problems.push(stv_problem(
                    &format!("preferences[{i}].order"),
                    "a valid paper has a first preference".into(),
                ));
            }
            // `i` indexes the batch's lines: `+ 1` cannot overflow.
            let stamp = i + 1;
            let refs = line.order.refs();
            let mut prefs = Vec::with_capacity(refs.len());
            for (j, &r) in refs.iter().enumerate() {
                // Formatted only for a problem: this loop runs for every
                // preference of every line.
                let field = || format!("preferences[{i}].order[{j}]");
                let known = known.get(r).copied().flatten();
                match known.and_then(|c| seen.get_mut(usize::from(c)).map(|s| (c, s))) {
                    Some((_, s)) if *s == stamp => {
                        let id = ids.get(r).map_or("", String::as_str);
                        problems.push(stv_problem(
                            &field(),
                            format!("{id} is given two preferences on one paper"),
                        ));
                    }
                    Some((c, s)) => {
                        *s = stamp;
                        prefs.push(c);
                    }
                    None => {
                        let id = ids.get(r).map_or("", String::as_str);
                        problems.push(
                            self.standing_candidate(&field(), id)
                                .err()
                                .unwrap_or_else(|| {
                                    stv_problem(&field(), format!("{id} is unknown"))
                                }),
                        );
                    }
                }
            }
            let too_many = |what: &str, total: u64| {
                stv_problem(
                    &format!("preferences[{i}].weight"),
                    format!(
                        "{total} + {} {what} exceeds the largest count, {}",
                        line.weight,
                        u64::MAX
                    ),
                )
            };
            if let Some(slot) = prefs.first().and_then(|&c| firsts.get_mut(usize::from(c))) {
                match slot.checked_add(line.weight) {
                    Some(n) => *slot = n,
                    None => problems.push(too_many("first preferences for one candidate", *slot)),
                }
            }
            total += u128::from(line.weight);
            lines.push((prefs, line.weight));
        }
        // In order, identical sequences merged. A batch written by
        // countroom is in order already, which the stable sort sees in one
        // pass.
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        let mut overflow = None;
        lines.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                match kept.1.checked_add(later.1) {
                    Some(n) => kept.1 = n,
                    None => overflow = Some((kept.1, later.1)),
                }
            }
            same
        });
        if let Some((total, adds)) = overflow {
            problems.push(stv_problem(
                "preferences",
                format!(
                    "{total} + {adds} papers with one sequence of preferences exceeds the largest count, {}",
                    u64::MAX
                ),
            ));
        }
        if problems.len() > before {
            return lines;
        }
        if total != u128::from(e.valid_papers) {
            problems.push(stv_problem(
                "preferences",
                format!(
                    "the lines hold {total} papers, but the batch has {} valid papers",
                    e.valid_papers
                ),
            ));
        } else if firsts != first {
            let ids: Vec<String> = self
                .contest
                .standing()
                .zip(firsts.iter().zip(first))
                .filter(|(_, (a, b))| a != b)
                .map(|((_, c), (a, b))| format!("{} {a} (votes: {b})", c.id))
                .collect();
            problems.push(stv_problem(
                "preferences",
                format!(
                    "the first preferences of the lines are not the batch's votes: {}",
                    ids.join(", ")
                ),
            ));
        }
        lines
    }

    /// The STV election of `run`'s valid papers: the standing candidates in
    /// ballot-paper order (named as on the paper, with their descriptions),
    /// the seats and the merged ballot lines. The title is the contest's
    /// area.
    pub fn stv_election(&self, run: &Run) -> Result<stv::Election, String> {
        if let Some(cached) = &run.stv_election {
            return cached.as_ref().clone();
        }
        self.build_stv_election(run)
    }

    /// Builds `run`'s election (see [`ContestCount::stv_election`]).
    pub(super) fn build_stv_election(&self, run: &Run) -> Result<stv::Election, String> {
        self.stv_election_of(run.stv.clone())
    }

    /// The election of these lines (see [`ContestCount::stv_election`]); a
    /// completed run keeps it, since no papers can join it.
    pub(super) fn stv_election_of(&self, lines: StvLines) -> Result<stv::Election, String> {
        let lines = lines.into_lines()?;
        let candidates = self
            .contest
            .standing()
            .map(|(_, c)| stv::Candidate {
                name: c.name.as_bytes().to_vec(),
                party: c.description.as_ref().map(|d| d.as_bytes().to_vec()),
            })
            .collect();
        let ballots = lines
            .into_iter()
            .map(|(prefs, weight)| stv::Ballot { weight, prefs })
            .collect();
        stv::Election::new(
            self.contest.area().as_bytes(),
            candidates,
            self.contest.seats(),
            BTreeSet::new(),
            ballots,
        )
        .map_err(|e| {
            e.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// Counts `run`'s papers by STV with the lots the run records.
    #[must_use]
    pub fn stv_count(&self, run: &Run) -> StvCount {
        let Some(rules) = self.stv_rules() else {
            return StvCount::Failed("the poll is not counted by STV".into());
        };
        let built;
        let election = match &run.stv_election {
            Some(cached) => cached.as_ref(),
            None => {
                built = self.build_stv_election(run);
                &built
            }
        };
        let election = match election {
            Ok(e) => e,
            Err(why) => return StvCount::Failed(why.clone()),
        };
        let recorded = run
            .lots
            .iter()
            .filter_map(|l| {
                Some(RecordedLot {
                    stage: l.stage?,
                    purpose: stv_purpose(l.purpose)?,
                    tied: l.tied.iter().map(|c| c.get()).collect(),
                    chosen: l.winners.first()?.get(),
                })
            })
            .collect();
        match stv::count(rules, election, &mut LotSource::recorded(recorded)) {
            Ok(sheet) => StvCount::Sheet(Box::new(sheet)),
            Err(StvError::LotRequired {
                stage,
                purpose,
                tied,
            }) => StvCount::LotRequired {
                stage,
                purpose: count_purpose(purpose),
                tied: to_idx(&tied),
            },
            Err(e) => StvCount::Failed(e.to_string()),
        }
    }

    /// What a completed STV run decides: those elected, in the order the
    /// sheet elects them (each with their first preferences as `votes`),
    /// or the lot needed next.
    pub(super) fn stv_outcome(&self, run: &Run) -> RunOutcome {
        self.stv_outcome_of(run, &self.stv_count(run))
    }

    /// `ContestCount::stv_outcome` from a count already made.
    #[must_use]
    pub fn stv_outcome_of(&self, run: &Run, count: &StvCount) -> RunOutcome {
        match count {
            StvCount::Sheet(sheet) => {
                let votes = run.tally.votes();
                let vacancies = self.contest.vacancies();
                RunOutcome::Elected(
                    sheet
                        .elected
                        .iter()
                        .enumerate()
                        .filter_map(|(i, e)| {
                            Some(ElectedSeat {
                                candidate: CandidateIdx(u32::try_from(e.candidate).ok()?),
                                votes: votes.get(e.candidate).copied().unwrap_or(0),
                                vacancy: *vacancies.get(i).or(vacancies.first())?,
                                by_lot: false,
                            })
                        })
                        .collect(),
                )
            }
            StvCount::LotRequired {
                stage,
                purpose,
                tied,
            } => RunOutcome::LotNeeded(LotNeeded {
                purpose: *purpose,
                tied: tied.clone(),
                places: 1,
                votes: 0,
                stage: Some(*stage),
            }),
            StvCount::Failed(_) => RunOutcome::Counting,
        }
    }

    /// A lot at an STV poll: it must be the lot the count needs next (its
    /// stage, purpose and tied candidates), choose one of them, and be the
    /// only lot for its stage.
    pub(super) fn stv_lot_drawn(&mut self, e: &log::LotDrawn, by: &str) -> Result<(), Problems> {
        let Some(stage) = e.stage else {
            return Err(one(stv_problem(
                "stage",
                "a lot at a single transferable vote poll names the stage whose action it decides"
                    .into(),
            )));
        };
        let purpose = super::lot_purpose(&e.purpose, true).map_err(one)?;
        let mut problems = Vec::new();
        let tied = self.standing_candidates("tied", &e.tied, &mut problems);
        let winners = self.standing_candidates("winners", &e.winners, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        let contest = self.contest.id().to_string();
        let run = self.current_run_mut()?.clone();
        if let Some(earlier) = run.lots.iter().find(|l| l.stage == Some(stage)) {
            return Err(one(stv_problem(
                "stage",
                format!(
                    "a lot for stage {stage} of run {} was already drawn (by {}, choosing {})",
                    e.run,
                    earlier.by,
                    self.ids(&earlier.winners)
                ),
            )));
        }
        let (needed_stage, needed_purpose, needed_tied) = match self.stv_count(&run) {
            StvCount::LotRequired {
                stage,
                purpose,
                tied,
            } => (stage, purpose, tied),
            StvCount::Sheet(_) => {
                return Err(one(stv_problem(
                    "stage",
                    format!(
                        "the count of run {} needs no lot at stage {stage} ({}): no equality arises there that the rules settle by lot",
                        e.run,
                        purpose.code()
                    ),
                )))
            }
            StvCount::Failed(why) => return Err(one(stv_problem("run", why))),
        };
        if needed_stage != stage || needed_purpose != purpose {
            return Err(one(stv_problem(
                "stage",
                format!(
                    "the count of run {} needs no lot at stage {stage} ({}); the next lot it needs is at stage {needed_stage} ({}) between {}",
                    e.run,
                    purpose.code(),
                    needed_purpose.code(),
                    self.ids(&needed_tied)
                ),
            )));
        }
        let mut tied_sorted = tied.clone();
        tied_sorted.sort_unstable();
        tied_sorted.dedup();
        if tied_sorted != needed_tied
            || tied_sorted.len() != tied.len()
            || winners.len() != 1
            || !winners.iter().all(|w| needed_tied.contains(w))
        {
            return Err(one(ProblemKind::LotMismatch {
                contest,
                run: e.run,
                expected: format!(
                    "one of {} chosen at stage {stage} ({})",
                    self.ids(&needed_tied),
                    purpose.code()
                ),
                found: format!("{} of {}", self.ids(&winners), self.ids(&tied)),
            }));
        }
        if let log::LotMethod::Seeded { seed } = &e.method {
            let context = stv_lot_context(&contest, e.run, stage, purpose);
            let tied_usize: Vec<usize> = needed_tied.iter().map(|c| c.get()).collect();
            let drawn = to_idx(&seeded_lot(seed, &context, &tied_usize, 1));
            if drawn != winners {
                return Err(one(ProblemKind::SeededLotMismatch {
                    contest,
                    run: e.run,
                    seed: seed.clone(),
                    expected: self.ids(&drawn),
                    found: self.ids(&winners),
                }));
            }
        }
        let run = self.current_run_mut()?;
        run.lots.push(Lot {
            purpose,
            stage: Some(stage),
            tied: needed_tied,
            winners,
            method: e.method.clone(),
            by: by.to_owned(),
        });
        Ok(())
    }
}

/// A run's valid papers' preferences: the batches' lines, in ascending
/// order of their sequences, each sequence once with its papers, kept as
/// one vector (a batch's lines, sorted when it is read, are merged into it
/// in one pass); and the sequences of decided doubtful papers, which come
/// one at a time, kept apart and merged in when the election is built.
#[derive(Debug, Clone, Default)]
pub(super) struct StvLines {
    lines: Vec<(Vec<u16>, u64)>,
    decided: BTreeMap<Vec<u16>, u64>,
}

impl StvLines {
    /// Adds a batch's lines (in ascending order, each sequence once, as
    /// [`ContestCount::batch_preferences`] gives them). A sequence whose
    /// papers would pass `u64::MAX` refuses the whole batch, changing
    /// nothing: `Err((papers added, papers before))`.
    pub(super) fn add_batch(&mut self, batch: Vec<(Vec<u16>, u64)>) -> Result<(), (u64, u64)> {
        if self.lines.is_empty() {
            self.lines = batch;
            return Ok(());
        }
        // Every sequence's new total is checked before anything changes.
        let mut kept = self.lines.iter().peekable();
        for (prefs, weight) in &batch {
            while kept.next_if(|(k, _)| k < prefs).is_some() {}
            if let Some((_, before)) = kept.next_if(|(k, _)| k == prefs) {
                if before.checked_add(*weight).is_none() {
                    return Err((*weight, *before));
                }
            }
        }
        let old = std::mem::take(&mut self.lines);
        let mut merged = Vec::with_capacity(old.len() + batch.len());
        let mut old = old.into_iter().peekable();
        let mut new = batch.into_iter().peekable();
        loop {
            let next = match (old.peek(), new.peek()) {
                (Some(a), Some(b)) => match a.0.cmp(&b.0) {
                    std::cmp::Ordering::Less => old.next(),
                    std::cmp::Ordering::Greater => new.next(),
                    std::cmp::Ordering::Equal => match (old.next(), new.next()) {
                        // Checked above: the sum fits.
                        (Some((prefs, a)), Some((_, b))) => {
                            Some((prefs, a.checked_add(b).unwrap_or(a)))
                        }
                        _ => None,
                    },
                },
                (Some(_), None) => old.next(),
                (None, Some(_)) => new.next(),
                (None, None) => None,
            };
            match next {
                Some(line) => merged.push(line),
                None => break,
            }
        }
        self.lines = merged;
        Ok(())
    }

    /// Adds one decided doubtful paper's sequence. A sequence's decided
    /// papers are at most the run's valid papers, which are checked to fit
    /// before this is called.
    pub(super) fn add_decided(&mut self, prefs: Vec<u16>) {
        let slot = self.decided.entry(prefs).or_insert(0);
        *slot += 1;
    }

    /// Every line, in ascending order, each sequence once: the batches'
    /// lines with the decided papers merged in; a sequence whose papers
    /// would pass `u64::MAX` is an error (it cannot happen in a run whose
    /// valid papers fit).
    pub(super) fn into_lines(self) -> Result<Vec<(Vec<u16>, u64)>, String> {
        let StvLines { mut lines, decided } = self;
        if decided.is_empty() {
            return Ok(lines);
        }
        let mut extra = Vec::new();
        for (prefs, n) in decided {
            match lines.binary_search_by(|(k, _)| k.cmp(&prefs)) {
                Ok(i) => {
                    if let Some((_, w)) = lines.get_mut(i) {
                        *w = w.checked_add(n).ok_or_else(|| {
                            format!(
                                "{w} + {n} papers with one sequence of preferences exceeds the largest count, {}",
                                u64::MAX
                            )
                        })?;
                    }
                }
                Err(_) => extra.push((prefs, n)),
            }
        }
        if !extra.is_empty() {
            lines.extend(extra);
            lines.sort_by(|a, b| a.0.cmp(&b.0));
        }
        Ok(lines)
    }
}

/// An id of at most 7 bytes as one integer (its bytes, then its length in
/// the top byte), distinct for distinct ids; `None` for a longer id.
fn packed_id(id: &str) -> Option<u64> {
    let bytes = id.as_bytes();
    let len = u8::try_from(bytes.len()).ok().filter(|&n| n <= 7)?;
    let mut buf = [0u8; 8];
    buf.get_mut(..bytes.len())?.copy_from_slice(bytes);
    buf[7] = len;
    Some(u64::from_le_bytes(buf))
}

/// Candidates by packed id ([`packed_id`]): open addressing with linear
/// probing in a table at least twice the size of its keys (so a probe
/// always ends at an empty slot), indexed by the top bits of the key times
/// an odd constant (Fibonacci hashing).
#[derive(Default)]
struct IdTable {
    slots: Vec<Option<(u64, u16)>>,
    /// 64 less the bits of the table's size.
    shift: u32,
}

impl IdTable {
    /// Sizes the table for `n` keys; called before any insertion.
    fn reserve(&mut self, n: usize) {
        // `n` is at most 2^16 (candidates are indexed by `u16`), so the
        // size always fits; the fallback is never taken.
        let size = n
            .max(4)
            .checked_next_power_of_two()
            .and_then(|p| p.checked_mul(2))
            .unwrap_or(1 << 17);
        self.shift = 64 - size.trailing_zeros();
        self.slots = vec![None; size];
    }

    fn home(&self, key: u64) -> usize {
        let hashed = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // The top bits (fewer than the size's) fit in a `usize`.
        usize::try_from(hashed.checked_shr(self.shift).unwrap_or(0)).unwrap_or(0)
    }

    /// Adds `key`, unless it is there (ids are distinct) or the table is
    /// full (never, as sized by `reserve`).
    fn insert(&mut self, key: u64, value: u16) {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.home(key);
        for _ in 0..self.slots.len() {
            match self.slots.get_mut(i & mask) {
                Some(slot @ None) => {
                    *slot = Some((key, value));
                    return;
                }
                Some(Some((k, _))) if *k == key => return,
                _ => i = i.wrapping_add(1),
            }
        }
    }

    fn get(&self, key: u64) -> Option<u16> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.home(key);
        for _ in 0..self.slots.len() {
            match self.slots.get(i & mask)? {
                None => return None,
                Some((k, v)) if *k == key => return Some(*v),
                Some(_) => i = i.wrapping_add(1),
            }
        }
        None
    }
}

/// The context string a seeded STV lot is drawn with:
/// `<contest>/<run>/stage-<n>/<purpose>`.
#[must_use]
pub fn stv_lot_context(contest: &str, run: u32, stage: u32, purpose: LotPurpose) -> String {
    format!("{contest}/{run}/stage-{stage}/{}", purpose.code())
}

#[cfg(test)]
mod tests {
    use super::{packed_id, IdTable, StvLines};

    #[test]
    fn batches_and_decided_papers_merge_into_one_line_a_sequence() {
        let mut lines = StvLines::default();
        lines
            .add_batch(vec![(vec![0, 1], 3), (vec![1], 2), (vec![2, 0], 1)])
            .unwrap();
        lines
            .add_batch(vec![(vec![0], 4), (vec![1], 5), (vec![2, 1], 1)])
            .unwrap();
        lines.add_decided(vec![1]);
        lines.add_decided(vec![0, 2]);
        lines.add_decided(vec![0, 2]);
        assert_eq!(
            lines.clone().into_lines().unwrap(),
            vec![
                (vec![0], 4),
                (vec![0, 1], 3),
                (vec![0, 2], 2),
                (vec![1], 8),
                (vec![2, 0], 1),
                (vec![2, 1], 1),
            ]
        );
        // A sum past the largest count refuses the batch and changes
        // nothing.
        let before = lines.clone().into_lines().unwrap();
        assert_eq!(
            lines.add_batch(vec![(vec![0], 1), (vec![1], u64::MAX)]),
            Err((u64::MAX, 7))
        );
        assert_eq!(lines.into_lines().unwrap(), before);
    }

    #[test]
    fn the_id_table_finds_every_id_and_no_other() {
        // Many ids in a small table: collisions and wrap-around probing.
        let ids: Vec<String> = (0..300).map(|i| format!("C{i}")).collect();
        let mut table = IdTable::default();
        table.reserve(ids.len());
        for (i, id) in ids.iter().enumerate() {
            table.insert(packed_id(id).unwrap(), u16::try_from(i).unwrap());
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(
                table.get(packed_id(id).unwrap()),
                Some(u16::try_from(i).unwrap())
            );
        }
        for id in ["C300", "C", "", "c1", "C01", "1C"] {
            assert_eq!(table.get(packed_id(id).unwrap()), None, "{id}");
        }
        assert_eq!(IdTable::default().get(0), None);
    }

    #[test]
    fn packed_ids_are_distinct_for_distinct_ids() {
        let ids = ["", "a", "a\0", "\0", "C1", "C10", "C1\0\0\0\0\0", "MACLEOD"];
        let keys: Vec<u64> = ids.iter().map(|id| packed_id(id).unwrap()).collect();
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(packed_id("ABCDEFGH"), None);
    }
}
