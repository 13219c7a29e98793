//! A list poll's papers counted at each constituency's count (issue 19
//! item 3): the counting events (`bundle_counted`, `paper_batch_counted`,
//! `rejected_counted`, `count_completed`, `recount_requested`,
//! `recount_decided`) addressed to a list contest and one of its counting
//! areas (`counting_area`), each area counted in runs as any poll is, and
//! the completed count standing as the area's list total in the collation
//! (docs/count-log.md, "Counting a list poll at the constituency count").
//!
//! A list ballot paper carries one vote, for a registered party or an
//! individual candidate (a "regional vote": Scotland Act 1998 s.6(2)), so
//! a bundle's papers are its votes. Rejected papers go under the list
//! ruleset's heads where they were read (the Scottish regional paper:
//! SSI 2015/425 Sch 2 r.58(1)(a), (c), (d), (e)), otherwise only as one
//! figure (`breakdown_not_given`), never under a head not read.

use std::collections::{BTreeMap, BTreeSet};

use countroom_collate::LocalTotal;
use countroom_log as log;
use countroom_model::BundleId;
use countroom_rules::RejectionHead;
use countroom_tally::{SavingReason, Tally};

use super::judgements::{add_saved, saved_by_reason, unknown_reason};
use super::list::ListContestCount;
use super::{
    duplicate, list_some, one, parse_id, unknown, CountState, DecisionKind, Explanation,
    PaperDecision, Problems, RunOrigin, SetAside,
};
use crate::problem::ProblemKind;

/// One counting area's count of a list poll's papers: its runs (the first
/// count, then each re-count) and the re-counts asked for.
#[derive(Debug, Clone)]
pub struct AreaCount {
    pub(super) runs: Vec<AreaRun>,
    pub(super) recounts: Vec<AreaRecount>,
}

/// One count of an area's list papers.
#[derive(Debug, Clone)]
pub struct AreaRun {
    pub(super) number: u32,
    pub(super) origin: RunOrigin,
    pub(super) tally: Tally,
    pub(super) units: BTreeSet<String>,
    pub(super) bundles: u64,
    pub(super) batches: u64,
    /// Who completed it, and the entry.
    pub(super) completed: Option<(String, u64)>,
    /// Doubtful papers set aside in the run, by reference, each with the
    /// returning officer's decision once made.
    pub(super) set_aside: BTreeMap<String, SetAside>,
    /// Papers valid only under the saving clause, by reason
    /// ([`SavingReason::index`]).
    pub(super) saved: [u64; SavingReason::COUNT],
    /// Objections to rejections, in the order recorded.
    pub(super) objections: Vec<AreaObjection>,
    /// Explanations of the run's variance, in the order recorded.
    pub(super) explanations: Vec<Explanation>,
    /// Each batch's rejected papers by head, for objections naming a batch.
    pub(super) batch_rejected: BTreeMap<String, Vec<(RejectionHead, u64)>>,
}

/// A counting agent's objection to a rejection at an area's count of list
/// papers (`rejection_objected` with `counting_area`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AreaObjection {
    /// Who recorded it (the entry's `by`).
    pub by: String,
    /// The reason given.
    pub reason: Option<String>,
    /// The doubtful paper objected to, by reference.
    pub paper: Option<String>,
    /// The head of the papers objected to (a doubtful paper's own head).
    pub head: Option<RejectionHead>,
    /// The batch the papers were counted in.
    pub batch: Option<String>,
    /// Papers covered.
    pub papers: u64,
    /// The party or individual candidate for whom it is made, by id.
    pub option: Option<String>,
}

/// A re-count of an area's list papers asked for (at the constituency
/// count) or ordered (by the regional returning officer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaRecount {
    /// The run re-counted.
    pub run: u32,
    /// Who asked for it or ordered it.
    pub requested_by: String,
    /// The party or individual candidate for whom it was asked.
    pub option: Option<String>,
    /// Ordered by the regional returning officer (`area_recount_ordered`):
    /// no decision is needed.
    pub ordered: bool,
    /// The decision, once made: (granted, by whom).
    pub decision: Option<(bool, String)>,
}

impl AreaRun {
    fn new(number: u32, origin: RunOrigin, n_options: usize) -> AreaRun {
        AreaRun {
            number,
            origin,
            tally: Tally::new(n_options),
            units: BTreeSet::new(),
            bundles: 0,
            batches: 0,
            completed: None,
            set_aside: BTreeMap::new(),
            saved: [0; SavingReason::COUNT],
            objections: Vec::new(),
            explanations: Vec::new(),
            batch_rejected: BTreeMap::new(),
        }
    }
    /// The run's number (1 for the first count).
    #[must_use]
    pub fn number(&self) -> u32 {
        self.number
    }
    /// How it began.
    #[must_use]
    pub fn origin(&self) -> &RunOrigin {
        &self.origin
    }
    /// Its figures: votes per option (the contest's options' order),
    /// valid papers, rejected papers by head, papers counted.
    #[must_use]
    pub fn tally(&self) -> &Tally {
        &self.tally
    }
    /// Bundles counted.
    #[must_use]
    pub fn bundles(&self) -> u64 {
        self.bundles
    }
    /// Batches counted.
    #[must_use]
    pub fn batches(&self) -> u64 {
        self.batches
    }
    /// Who completed it, and the entry's `seq`.
    #[must_use]
    pub fn completed(&self) -> Option<(&str, u64)> {
        self.completed.as_ref().map(|(b, s)| (b.as_str(), *s))
    }
    /// The doubtful papers set aside in the run, by reference (in
    /// reference order), each with its decision once made.
    #[must_use]
    pub fn set_aside(&self) -> &BTreeMap<String, SetAside> {
        &self.set_aside
    }
    /// Papers valid only under the saving clause, by reason (indexed by
    /// [`SavingReason::index`]).
    #[must_use]
    pub fn saved(&self) -> &[u64; SavingReason::COUNT] {
        &self.saved
    }
    /// Objections to rejections, in the order recorded.
    #[must_use]
    pub fn objections(&self) -> &[AreaObjection] {
        &self.objections
    }
    /// Explanations of the run's variance, in the order recorded.
    #[must_use]
    pub fn explanations(&self) -> &[Explanation] {
        &self.explanations
    }
    /// The references of the papers set aside and not yet decided.
    fn undecided(&self) -> Vec<&str> {
        self.set_aside
            .iter()
            .filter(|(_, p)| p.decision.is_none())
            .map(|(k, _)| k.as_str())
            .collect()
    }
    /// The papers set aside in the run, as a problem's list.
    fn set_aside_list(&self) -> String {
        let refs: Vec<&str> = self.set_aside.keys().map(String::as_str).collect();
        if refs.is_empty() {
            "none".into()
        } else {
            list_some(&refs)
        }
    }
    /// Checks `papers` can be set aside in the run: none already set aside
    /// or listed twice.
    fn check_set_aside(&self, field: &str, papers: &[log::SetAsidePaper]) -> Result<(), Problems> {
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        for (i, p) in papers.iter().enumerate() {
            if self.set_aside.contains_key(&p.paper) || !seen.insert(p.paper.as_str()) {
                problems.push(ProblemKind::PaperSetAsideTwice {
                    field: format!("{field}[{i}].paper"),
                    paper: p.paper.clone(),
                    run: self.number,
                });
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
    fn add_set_aside(&mut self, papers: &[log::SetAsidePaper]) {
        for p in papers {
            self.set_aside.insert(
                p.paper.clone(),
                SetAside {
                    reason: p.reason.clone(),
                    decision: None,
                },
            );
        }
    }
}

impl AreaCount {
    fn new(n_options: usize) -> AreaCount {
        AreaCount {
            runs: vec![AreaRun::new(1, RunOrigin::First, n_options)],
            recounts: Vec::new(),
        }
    }
    /// Its runs, first count first.
    #[must_use]
    pub fn runs(&self) -> &[AreaRun] {
        &self.runs
    }
    /// The current run (the latest).
    #[must_use]
    pub fn current(&self) -> Option<&AreaRun> {
        self.runs.last()
    }
    /// Re-counts asked for or ordered, in order.
    #[must_use]
    pub fn recounts(&self) -> &[AreaRecount] {
        &self.recounts
    }
    fn waiting(&self) -> Option<&AreaRecount> {
        self.recounts.iter().find(|r| r.decision.is_none())
    }
}

/// The contest's name in run messages: `cwm, area north`.
fn scope(contest: &str, area: &str) -> String {
    format!("{contest}, area {area}")
}

fn list_problem(field: &str, reason: impl Into<String>) -> ProblemKind {
    ProblemKind::ListContest {
        field: field.to_owned(),
        reason: reason.into(),
    }
}

/// A counting event's `counting_area` on a contest that is not a list
/// contest: refused.
pub(super) fn area_not_for_contest(contest: &str, area: &str) -> Problems {
    one(list_problem(
        "counting_area",
        format!("counting area {area}: contest {contest} is not a list contest; `counting_area` on a counting event belongs to a list contest's constituency count (a collated poll's areas report local totals)"),
    ))
}

impl ListContestCount {
    /// The ids of the contest's counting areas, for a message ("cwm-north,
    /// cwm-south").
    fn area_ids(&self) -> String {
        self.collation
            .plan()
            .areas
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A party or individual candidate not on the contest's list ballot:
    /// the id quoted and the valid ids listed, as an unknown counting area
    /// is ("one of: LAB, PC, …").
    pub(super) fn unknown_option(&self, field: String, id: &str, what: &str) -> ProblemKind {
        list_problem(
            &field,
            format!(
                "unknown {what} {id:?} on the list ballot of {} (one of: {})",
                self.id,
                self.options
                    .iter()
                    .filter(|o| what != "party" || !o.individual)
                    .map(|o| o.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    }

    /// The counting area `area` of this contest (checked).
    pub(super) fn counting_area(&self, area: Option<&str>) -> Result<String, Problems> {
        let Some(a) = area else {
            return Err(one(list_problem(
                "counting_area",
                format!(
                    "{} is a list contest: its papers are counted at each counting area's count; name the counting area (one of: {})",
                    self.id,
                    self.area_ids()
                ),
            )));
        };
        if self.collation.plan().areas.iter().any(|x| x.id == a) {
            Ok(a.to_owned())
        } else {
            Err(one(list_problem(
                "counting_area",
                format!(
                    "unknown counting area {a:?} of list contest {} (one of: {})",
                    self.id,
                    self.area_ids()
                ),
            )))
        }
    }

    /// The count of `area`'s list papers, if any was recorded.
    #[must_use]
    pub fn area_count(&self, area: &str) -> Option<&AreaCount> {
        self.area_counts.get(area)
    }

    /// The entry (`seq`) of the local total reported for `area` that
    /// stands (not withdrawn by a re-count), if any.
    #[must_use]
    pub fn reported_entry(&self, area: &str) -> Option<u64> {
        self.reported.get(area).copied()
    }

    /// The run `run` of `area`, current and still counting: its number is
    /// checked and the run is not completed. A run not yet begun is the
    /// first, empty.
    fn check_counting(&self, area: &str, run: u32) -> Result<(), Problems> {
        let (current, completed) = self
            .area_counts
            .get(area)
            .and_then(AreaCount::current)
            .map_or((1, false), |r| (r.number, r.completed.is_some()));
        if current != run {
            return Err(one(ProblemKind::WrongRun {
                contest: scope(&self.id, area),
                run,
                current,
            }));
        }
        if completed {
            return Err(one(ProblemKind::RunCompleted {
                contest: scope(&self.id, area),
                run,
            }));
        }
        Ok(())
    }

    /// Adds a counted unit (bundle or batch, `unit` its id; `None`: rejected
    /// papers) to the current run of `area`, once every check has passed.
    fn add_to_area(
        &mut self,
        area: &str,
        label: &str,
        unit: Option<(&str, &str, bool)>,
        tally: &Tally,
    ) -> Result<(), Problems> {
        let n = self.options.len();
        let contest = self.id.clone();
        let (mut merged, units_has) = match self.area_counts.get(area).and_then(AreaCount::current)
        {
            Some(r) => (
                r.tally.clone(),
                unit.is_some_and(|(_, id, _)| r.units.contains(id)),
            ),
            None => (Tally::new(n), false),
        };
        if let Some((field, id, _)) = unit {
            let bundle = parse_id(field, id, BundleId::new).map_err(one)?;
            if units_has {
                return Err(one(duplicate(
                    field,
                    "bundle or batch",
                    &format!(
                        "{} in run {} of {}",
                        bundle.as_str(),
                        self.area_counts
                            .get(area)
                            .and_then(AreaCount::current)
                            .map_or(1, |r| r.number),
                        scope(&contest, area)
                    ),
                )));
            }
        }
        merged.merge(tally).map_err(|x| {
            one(ProblemKind::ListContest {
                field: "votes".into(),
                reason: format!("{label}: {x}"),
            })
        })?;
        let ac = self
            .area_counts
            .entry(area.to_owned())
            .or_insert_with(|| AreaCount::new(n));
        let Some(run) = ac.runs.last_mut() else {
            return Err(one(list_problem("run", "the area has no run")));
        };
        run.tally = merged;
        if let Some((_, id, batch)) = unit {
            run.units.insert(id.to_owned());
            if batch {
                run.batches += 1;
            } else {
                run.bundles += 1;
            }
        }
        Ok(())
    }

    /// The votes of a bundle or batch as a tally (one vote per paper:
    /// valid papers = the sum of the votes).
    fn votes_tally(&self, votes: &[log::CandidateVotes], problems: &mut Vec<ProblemKind>) -> Tally {
        let mut tally = Tally::new(self.options.len());
        let mut seen = BTreeSet::new();
        for (i, v) in votes.iter().enumerate() {
            let field = format!("votes[{i}].candidate");
            match self.options.iter().position(|o| o.id == v.candidate) {
                Some(_) if !seen.insert(v.candidate.as_str()) => problems.push(duplicate(
                    &field,
                    "party or individual candidate",
                    &v.candidate,
                )),
                Some(k) => {
                    if let Err(x) = tally.add_votes(k, v.votes) {
                        problems.push(x.into());
                    }
                }
                None => problems.push(self.unknown_option(
                    field,
                    &v.candidate,
                    "party or individual candidate",
                )),
            }
        }
        tally
    }

    /// The head `code` on this contest's statement of rejected papers (the
    /// plan's heads: the ruleset's where read, else `breakdown_not_given`
    /// only).
    fn head(&self, field: &str, code: &str) -> Result<RejectionHead, ProblemKind> {
        RejectionHead::from_code(code)
            .filter(|h| self.collation.plan().heads.contains(h))
            .ok_or_else(|| ProblemKind::HeadNotInRuleset {
                field: field.to_owned(),
                head: code.to_owned(),
                ruleset: self.rules().code,
            })
    }

    /// The area's completed count as a local total (papers forward: the
    /// papers counted; papers expected: the area's verified list papers,
    /// where the log verifies them).
    fn counted_total(&self, area: &str, run: &AreaRun, verified: Option<u64>) -> LocalTotal {
        let heads = &self.collation.plan().heads;
        LocalTotal::new(
            area,
            run.tally.papers_counted(),
            run.tally.votes().to_vec(),
            heads.iter().map(|h| run.tally.rejected(*h)).collect(),
        )
        .expected(verified)
    }

    /// Where a reported total and a counted one differ, in words (`None`:
    /// they agree option by option and head by head).
    fn disagreement(&self, reported: &LocalTotal, counted: &LocalTotal) -> Option<String> {
        let mut diffs = Vec::new();
        for (o, (r, c)) in self
            .options
            .iter()
            .zip(reported.votes.iter().zip(&counted.votes))
        {
            if r != c {
                diffs.push(format!(
                    "{} {} reported, {} counted",
                    o.id,
                    countroom_arith::thousands(*r),
                    countroom_arith::thousands(*c)
                ));
            }
        }
        for (h, (r, c)) in self
            .collation
            .plan()
            .heads
            .iter()
            .zip(reported.rejected.iter().zip(&counted.rejected))
        {
            if r != c {
                diffs.push(format!(
                    "rejected ({}) {} reported, {} counted",
                    h.code(),
                    countroom_arith::thousands(*r),
                    countroom_arith::thousands(*c)
                ));
            }
        }
        if diffs.is_empty() {
            None
        } else {
            Some(diffs.join("; "))
        }
    }
}

impl CountState {
    pub(super) fn list_bundle(&mut self, e: &log::BundleCounted) -> Result<(), Problems> {
        // The box named must hold the list poll's papers.
        let box_problem = e.ballot_box.as_deref().and_then(|b| {
            match parse_id("ballot_box", b, countroom_model::BallotBoxId::new) {
                Err(x) => Some(x),
                Ok(id) => match self.ballot_box(&id) {
                    None => Some(unknown("ballot_box", "ballot box", b)),
                    Some(bx) if !bx.contests.iter().any(|k| k.as_str() == e.contest) => {
                        Some(ProblemKind::Unknown {
                            field: "ballot_box".into(),
                            what: "ballot box",
                            id: format!("{b} for contest {}", e.contest),
                        })
                    }
                    Some(_) => None,
                },
            }
        });
        let c = self.open_list_contest(&e.contest)?;
        let area = c.counting_area(e.counting_area.as_deref())?;
        c.check_counting(&area, e.run)?;
        let mut problems: Vec<ProblemKind> = box_problem.into_iter().collect();
        if let Some(t) = &e.table {
            if let Err(x) = parse_id("table", t, countroom_model::TableId::new) {
                problems.push(x);
            }
        }
        let mut tally = c.votes_tally(&e.votes, &mut problems);
        // One vote per list paper (Scotland Act 1998 s.6(2)): the bundle's
        // papers are its votes (exact: the tally's total is checked).
        let sum = tally.total_votes();
        match e.papers {
            Some(p) if p != sum => {
                problems.push(ProblemKind::PapersVotesMismatch {
                    papers: p,
                    votes: sum,
                });
            }
            _ => {
                if let Err(x) = tally.add_valid_papers(sum) {
                    problems.push(x.into());
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        c.add_to_area(
            &area,
            &format!("bundle {}", e.bundle),
            Some(("bundle", &e.bundle, false)),
            &tally,
        )
    }

    pub(super) fn list_batch(&mut self, e: &log::PaperBatchCounted) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        let area = c.counting_area(e.counting_area.as_deref())?;
        c.check_counting(&area, e.run)?;
        let mut problems = Vec::new();
        let not_built = |field: &str| {
            list_problem(
                field,
                format!("a batch of list papers carries valid_papers, votes and rejected only: `{field}` is not built for a list contest"),
            )
        };
        if e.rejected_in_part > 0 {
            problems.push(not_built("rejected_in_part"));
        }
        if !e.second_preferences.is_empty() {
            problems.push(not_built("second_preferences"));
        }
        if !e.preferences.is_empty() {
            problems.push(not_built("preferences"));
        }
        let mut tally = c.votes_tally(&e.votes, &mut problems);
        let sum = tally.total_votes();
        if e.valid_papers != sum {
            problems.push(ProblemKind::ListContest {
                field: "valid_papers".into(),
                reason: format!(
                    "{} valid papers but {sum} votes: a list ballot paper carries one vote (Scotland Act 1998 s.6(2))",
                    e.valid_papers
                ),
            });
        } else if let Err(x) = tally.add_valid_papers(e.valid_papers) {
            problems.push(x.into());
        }
        let mut seen = BTreeSet::new();
        let mut batch_rejected = Vec::new();
        for (i, h) in e.rejected.iter().enumerate() {
            let field = format!("rejected[{i}].head");
            match c.head(&field, &h.head) {
                Ok(head) if !seen.insert(head) => problems.push(duplicate(&field, "head", &h.head)),
                Ok(head) => {
                    if let Err(x) = tally.add_rejected(head, h.papers) {
                        problems.push(x.into());
                    }
                    batch_rejected.push((head, h.papers));
                }
                Err(x) => problems.push(x),
            }
        }
        let batch_saved = c.batch_saved(&e.saved, e.valid_papers, &mut problems);
        // The run's papers saved with the batch's, summed before anything
        // changes (checked: a sum past the largest count is refused).
        let mut saved = batch_saved;
        if let Some(run) = c.area_counts.get(&area).and_then(AreaCount::current) {
            // The batch id used before in the run: named with the rest.
            if run.units.contains(e.batch.as_str()) {
                problems.push(duplicate(
                    "batch",
                    "bundle or batch",
                    &format!(
                        "{} in run {} of {}",
                        e.batch,
                        run.number,
                        scope(&e.contest, &area)
                    ),
                ));
            }
            if let Err(x) = run.check_set_aside("set_aside", &e.set_aside) {
                problems.extend(x);
            }
            for (slot, before) in saved.iter_mut().zip(run.saved) {
                match slot.checked_add(before) {
                    Some(sum) => *slot = sum,
                    None => problems.push(ProblemKind::SavedExceedValid {
                        field: "saved".into(),
                        saved: u128::from(*slot) + u128::from(before),
                        valid: run.tally.valid_papers(),
                        place: format!("run {} of {}", run.number, scope(&e.contest, &area)),
                    }),
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        c.add_to_area(
            &area,
            &format!("batch {}", e.batch),
            Some(("batch", &e.batch, true)),
            &tally,
        )?;
        // The papers set aside are in none of the batch's figures: each is
        // counted by its decision. The papers saved are among the batch's
        // valid papers (at most them: checked above).
        let run = c.area_run_mut(&area)?;
        run.add_set_aside(&e.set_aside);
        run.saved = saved;
        run.batch_rejected.insert(e.batch.clone(), batch_rejected);
        Ok(())
    }

    pub(super) fn list_rejected(&mut self, e: &log::RejectedCounted) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        let area = c.counting_area(e.counting_area.as_deref())?;
        c.check_counting(&area, e.run)?;
        let head = c.head("head", &e.head).map_err(one)?;
        let mut unit = Tally::new(c.options.len());
        unit.add_rejected(head, e.papers)
            .map_err(|x| one(x.into()))?;
        c.add_to_area(
            &area,
            &format!("rejected_counted ({})", e.head),
            None,
            &unit,
        )
    }

    pub(super) fn list_count_completed(
        &mut self,
        entry: &log::Entry,
        e: &log::CountCompleted,
    ) -> Result<(), Problems> {
        let verified = e
            .counting_area
            .as_deref()
            .and_then(|a| self.list_area_verified(&e.contest, a).ok());
        let c = self.open_list_contest(&e.contest)?;
        let area = c.counting_area(e.counting_area.as_deref())?;
        c.check_counting(&area, e.run)?;
        let n = c.options.len();
        let run = c
            .area_counts
            .get(&area)
            .and_then(AreaCount::current)
            .cloned()
            .unwrap_or_else(|| AreaRun::new(1, RunOrigin::First, n));
        // Every paper set aside in the run is decided before it is
        // completed.
        let undecided = run.undecided();
        if !undecided.is_empty() {
            return Err(one(ProblemKind::UndecidedPapers {
                run: run.number,
                count: undecided.len(),
                papers: list_some(&undecided),
            }));
        }
        let counted = c.counted_total(&area, &run, verified);
        // The completion is the area's report to the regional returning
        // officer, unless a reported total stands: then the two must agree.
        match (c.reported.get(&area), c.collation.local_total(&area)) {
            (Some(seq), Some(reported)) => {
                if let Some(diff) = c.disagreement(reported, &counted) {
                    return Err(one(list_problem(
                        "run",
                        format!(
                            "area {area}: the count of its list papers (run {}) disagrees with the local total reported at entry {seq}: {diff}",
                            e.run
                        ),
                    )));
                }
            }
            _ => c.collation.report(counted).map_err(|errors| {
                errors
                    .into_iter()
                    .map(ProblemKind::from)
                    .collect::<Vec<_>>()
            })?,
        }
        let ac = c
            .area_counts
            .entry(area)
            .or_insert_with(|| AreaCount::new(n));
        if let Some(r) = ac.runs.last_mut() {
            r.completed = Some((entry.by.clone(), entry.seq));
        }
        Ok(())
    }

    pub(super) fn list_recount_requested(
        &mut self,
        entry: &log::Entry,
        e: &log::RecountRequested,
    ) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        let area = c.counting_area(e.counting_area.as_deref())?;
        if let Some(p) = &e.candidate {
            if c.option_index(p).is_none() {
                return Err(one(c.unknown_option(
                    "candidate".to_owned(),
                    p,
                    "party or individual candidate",
                )));
            }
        }
        let ac = c.area_counts.get(&area);
        let current = ac.and_then(AreaCount::current).map_or(1, |r| r.number);
        if current != e.run {
            return Err(one(ProblemKind::WrongRun {
                contest: scope(&c.id, &area),
                run: e.run,
                current,
            }));
        }
        if ac
            .and_then(AreaCount::current)
            .is_none_or(|r| r.completed.is_none())
        {
            return Err(one(ProblemKind::RunNotCompleted {
                contest: scope(&c.id, &area),
                run: e.run,
            }));
        }
        if ac.and_then(AreaCount::waiting).is_some() {
            return Err(one(ProblemKind::RecountPending {
                contest: scope(&c.id, &area),
                run: e.run,
            }));
        }
        if let Some(ac) = c.area_counts.get_mut(&area) {
            ac.recounts.push(AreaRecount {
                run: e.run,
                requested_by: entry.by.clone(),
                option: e.candidate.clone(),
                ordered: false,
                decision: None,
            });
        }
        Ok(())
    }

    pub(super) fn list_recount_decided(
        &mut self,
        entry: &log::Entry,
        e: &log::RecountDecided,
    ) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        let area = c.counting_area(e.counting_area.as_deref())?;
        let n = c.options.len();
        let id = c.id.clone();
        let waiting = c
            .area_counts
            .get(&area)
            .and_then(AreaCount::waiting)
            .map(|r| r.run);
        if waiting != Some(e.run) {
            return Err(one(ProblemKind::RecountNotRequested {
                contest: scope(&id, &area),
                run: e.run,
            }));
        }
        if e.granted {
            // The area's total is withdrawn until the re-count is completed.
            if c.collation.local_total(&area).is_some() {
                c.collation
                    .order_recount(&area)
                    .map_err(|x| one(x.into()))?;
            }
            c.reported.remove(&area);
        }
        let Some(ac) = c.area_counts.get_mut(&area) else {
            return Err(one(unknown("counting_area", "counting area", &area)));
        };
        for r in ac.recounts.iter_mut().filter(|r| r.decision.is_none()) {
            r.decision = Some((e.granted, entry.by.clone()));
        }
        if e.granted {
            let next = e.run.checked_add(1).ok_or_else(|| {
                one(ProblemKind::TotalOverflow {
                    unit: format!("the re-count of run {}", e.run),
                    what: "run numbers".into(),
                    adds: 1,
                    to: u128::from(e.run),
                })
            })?;
            ac.runs
                .push(AreaRun::new(next, RunOrigin::Recount { of: e.run }, n));
        }
        Ok(())
    }

    /// `area_recount_ordered` for a list contest: the area's total is
    /// withdrawn; an area whose papers are counted in the log and whose
    /// current run is completed counts them again in its next run.
    pub(super) fn list_area_recount(
        &mut self,
        entry: &log::Entry,
        area: &str,
        contest: &str,
    ) -> Result<(), Problems> {
        let c = self.open_list_contest(contest)?;
        let n = c.options.len();
        // The run the area counts next, if its papers are counted in the
        // log and its current run is completed (worked out before anything
        // changes).
        let next = match c
            .area_counts
            .get(area)
            .and_then(AreaCount::current)
            .filter(|r| r.completed.is_some())
        {
            Some(run) => {
                let of = run.number;
                let next = of.checked_add(1).ok_or_else(|| {
                    one(ProblemKind::TotalOverflow {
                        unit: format!("the re-count of run {of}"),
                        what: "run numbers".into(),
                        adds: 1,
                        to: u128::from(of),
                    })
                })?;
                Some((of, next))
            }
            None => None,
        };
        c.collation.order_recount(area).map_err(|x| one(x.into()))?;
        c.reported.remove(area);
        if let (Some((of, next)), Some(ac)) = (next, c.area_counts.get_mut(area)) {
            ac.recounts.push(AreaRecount {
                run: of,
                requested_by: entry.by.clone(),
                option: None,
                ordered: true,
                decision: Some((true, entry.by.clone())),
            });
            ac.runs
                .push(AreaRun::new(next, RunOrigin::Recount { of }, n));
        }
        Ok(())
    }

    /// `local_total_reported` for an area whose list papers are counted in
    /// the log: it must agree with the completed count (refused naming both
    /// entries otherwise); agreeing, it is recorded and the counted total
    /// stands. `Ok(true)`: handled here; `Ok(false)`: report it as usual.
    pub(super) fn list_report_against_count(
        &mut self,
        entry: &log::Entry,
        e: &log::LocalTotalReported,
        reported: &LocalTotal,
    ) -> Result<bool, Problems> {
        let area = e.counting_area.as_str();
        // Most areas report without a count in the log: nothing more to do
        // (the collation of many reported totals stays as cheap as before).
        let counted = self.list_contests.iter().any(|c| {
            c.id == e.contest
                && !c.reported.contains_key(area)
                && c.area_counts
                    .get(area)
                    .and_then(AreaCount::current)
                    .is_some_and(|r| r.completed.is_some())
        });
        if !counted {
            return Ok(false);
        }
        let verified = self.list_area_verified(&e.contest, area).ok();
        let c = self.open_list_contest(&e.contest)?;
        let Some(run) = c
            .area_counts
            .get(area)
            .and_then(AreaCount::current)
            .filter(|r| r.completed.is_some())
            .cloned()
        else {
            return Ok(false);
        };
        if c.reported.contains_key(area) {
            return Ok(false);
        }
        let counted = c.counted_total(area, &run, verified);
        let seq = run.completed.as_ref().map_or(0, |x| x.1);
        if let Some(diff) = c.disagreement(reported, &counted) {
            return Err(one(list_problem(
                "votes",
                format!(
                    "area {area}: the local total reported disagrees with the count of its list papers completed at entry {seq} (run {}): {diff}",
                    run.number
                ),
            )));
        }
        c.reported.insert(area.to_owned(), entry.seq);
        Ok(true)
    }
}

impl CountState {
    /// The verified list papers of `area` of list contest `contest`: the
    /// verified figures of the list poll's polling station boxes whose
    /// polling place is in the area and of its postal ballot boxes (each
    /// given its area by `ballot_box_defined`'s `counting_area`), once the
    /// poll's verification is completed; or why there is none. While the
    /// list poll has a postal box that names no area, no area has a
    /// verified figure, never a figure that leaves its papers out.
    ///
    /// # Errors
    ///
    /// Why the area has no verified figure, in words.
    pub fn list_area_verified(&self, contest: &str, area: &str) -> Result<u64, String> {
        let Some(c) = self.list_contests.iter().find(|c| c.id == contest) else {
            return Err(format!("no list contest {contest}"));
        };
        let v = &c.verification;
        if v.boxes().is_empty() {
            return Err("the list papers are not verified in the log".into());
        }
        if v.completed_by().is_none() {
            return Err("the verification of the list poll is not completed".into());
        }
        let mut sum: u128 = 0;
        let mut boxes = 0usize;
        for b in v.boxes() {
            let in_area = match &b.station {
                countroom_verify::Station::Polling { place } => self
                    .place_index
                    .get(place)
                    .and_then(|&i| self.polling_places.get(i))
                    .and_then(|p| p.counting_area.as_ref())
                    .is_some_and(|a| a.as_str() == area),
                // A postal box is in the area its definition gave; one
                // with none belongs to no area, and no area then has a
                // verified figure that could leave its papers out.
                _ => match self.postal_areas.get(&b.ballot_box) {
                    Some(a) => a.as_str() == area,
                    None => {
                        return Err(format!(
                            "postal ballot box {} of the list poll names no counting area (ballot_box_defined's counting_area)",
                            b.ballot_box
                        ))
                    }
                },
            };
            if in_area {
                // Every box is accepted once the verification is completed,
                // so each has its verified figure; the sum of u64 figures
                // over the boxes is exact in 128 bits.
                let Some(papers) = b.verified() else {
                    return Err(format!(
                        "ballot box {} has no verified figure",
                        b.ballot_box
                    ));
                };
                sum += u128::from(papers);
                boxes += 1;
            }
        }
        if boxes == 0 {
            return Err(format!("no ballot box of the list poll is in area {area}"));
        }
        u64::try_from(sum)
            .map_err(|_| format!("the area's verified papers, {sum}, pass the largest count"))
    }
}

/// The problem for a decision that does not fit a list paper.
fn bad_decision(field: &str, reason: impl Into<String>) -> ProblemKind {
    ProblemKind::BadDecision {
        field: field.to_owned(),
        reason: reason.into(),
    }
}

impl ListContestCount {
    /// The current run of `area`, made (run 1, empty) if the area has not
    /// been counted yet.
    fn area_run_mut(&mut self, area: &str) -> Result<&mut AreaRun, Problems> {
        let n = self.options.len();
        self.area_counts
            .entry(area.to_owned())
            .or_insert_with(|| AreaCount::new(n))
            .runs
            .last_mut()
            .ok_or_else(|| one(list_problem("run", "the area has no run")))
    }

    /// Whether the list ruleset's heads were read (else rejected papers
    /// are one figure, `breakdown_not_given`).
    fn heads_read(&self) -> bool {
        self.rules().heads.is_some()
    }

    /// Refuses papers valid under the saving clause where the list
    /// ruleset's saving clause was not read.
    fn check_saving_clause(&self, field: &str) -> Result<(), ProblemKind> {
        if self.rules().void_citation.is_some() {
            return Ok(());
        }
        Err(list_problem(
            field,
            format!(
                "papers valid under the saving clause are not recorded under {}: its saving clause ({}) was not read, so none is applied",
                self.rules().code,
                self.rules().heads_citation
            ),
        ))
    }

    /// A batch's `saved` for a list area: each reason known and listed
    /// once, no more papers than the batch's valid papers; the papers by
    /// reason.
    fn batch_saved(
        &self,
        saved: &[log::SavedPapers],
        valid: u64,
        problems: &mut Vec<ProblemKind>,
    ) -> [u64; SavingReason::COUNT] {
        if saved.is_empty() {
            return [0; SavingReason::COUNT];
        }
        if let Err(x) = self.check_saving_clause("saved") {
            problems.push(x);
            return [0; SavingReason::COUNT];
        }
        saved_by_reason(saved, valid, problems)
    }
}

impl CountState {
    /// `papers_set_aside` at an area's count of list papers.
    pub(super) fn list_papers_set_aside(
        &mut self,
        e: &log::PapersSetAside,
    ) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        let area = c.counting_area(e.counting_area.as_deref())?;
        c.check_counting(&area, e.run)?;
        let run = c.area_run_mut(&area)?;
        run.check_set_aside("papers", &e.papers)?;
        run.add_set_aside(&e.papers);
        Ok(())
    }

    /// `doubtful_paper_decided` at an area's count of list papers: the
    /// constituency returning officer's decision on one paper set aside,
    /// checked against the list ruleset (one vote per paper; the heads
    /// where read, else one figure), counted into the area's run exactly
    /// as a bundle of one paper (valid) or a rejected paper (rejected).
    pub(super) fn list_doubtful_decided(
        &mut self,
        entry: &log::Entry,
        e: &log::DoubtfulPaperDecided,
    ) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        let area = c.counting_area(e.counting_area.as_deref())?;
        c.check_counting(&area, e.run)?;
        let mut problems = Vec::new();
        match c.area_counts.get(&area).and_then(AreaCount::current) {
            None => problems.push(ProblemKind::PaperNotSetAside {
                paper: e.paper.clone(),
                run: e.run,
                set_aside: "none".into(),
            }),
            Some(run) => match run.set_aside.get(&e.paper) {
                None => problems.push(ProblemKind::PaperNotSetAside {
                    paper: e.paper.clone(),
                    run: run.number,
                    set_aside: run.set_aside_list(),
                }),
                Some(SetAside {
                    decision: Some(_), ..
                }) => problems.push(ProblemKind::PaperAlreadyDecided {
                    paper: e.paper.clone(),
                    run: run.number,
                }),
                Some(_) => {}
            },
        }
        let mut options = Vec::new();
        for (i, id) in e.votes.iter().enumerate() {
            let field = format!("votes[{i}]");
            match c.option_index(id) {
                Some(k) if options.contains(&k) => {
                    problems.push(duplicate(&field, "party or individual candidate", id));
                }
                Some(k) => options.push(k),
                None => problems.push(c.unknown_option(field, id, "party or individual candidate")),
            }
        }
        let mut tally = Tally::new(c.options.len());
        let mut kind = DecisionKind::Valid;
        match e.decision.as_str() {
            "valid" => {
                if e.votes.len() != 1 {
                    problems.push(bad_decision(
                        "votes",
                        format!(
                            "a list ballot paper carries one vote (Scotland Act 1998 s.6(2)): a valid paper names exactly one party or individual candidate; {} given",
                            e.votes.len()
                        ),
                    ));
                }
                if e.head.is_some() {
                    problems.push(bad_decision(
                        "head",
                        "a valid paper has no rejection head",
                    ));
                }
                if let Some(&k) = options.first() {
                    if let Err(x) = tally.add_votes(k, 1) {
                        problems.push(x.into());
                    }
                    if let Err(x) = tally.add_valid_papers(1) {
                        problems.push(x.into());
                    }
                }
            }
            "rejected_in_part" => problems.push(bad_decision(
                "decision",
                "a list ballot paper carries one vote (Scotland Act 1998 s.6(2)): it is valid or rejected, never rejected in part",
            )),
            "rejected" => {
                if !e.votes.is_empty() {
                    problems.push(bad_decision("votes", "a rejected paper gives no votes"));
                }
                let head = match (&e.head, c.heads_read()) {
                    (Some(h), true) => c.head("head", h).map_err(|x| problems.push(x)).ok(),
                    (None, true) => {
                        problems.push(bad_decision(
                            "head",
                            format!(
                                "a rejected paper needs its `head`: one of the heads of {} ({})",
                                c.rules().code,
                                c.rules().heads_citation
                            ),
                        ));
                        None
                    }
                    // The heads were not read: none is applied, and the
                    // paper goes to the rejected papers as one figure.
                    (Some(h), false) => {
                        problems.push(ProblemKind::HeadNotInRuleset {
                            field: "head".into(),
                            head: h.clone(),
                            ruleset: c.rules().code,
                        });
                        None
                    }
                    (None, false) => Some(RejectionHead::BreakdownNotGiven),
                };
                if let Some(head) = head {
                    if let Err(x) = tally.add_rejected(head, 1) {
                        problems.push(x.into());
                    }
                    kind = DecisionKind::Rejected(head);
                }
            }
            other => problems.push(ProblemKind::UnknownCode {
                field: "decision".into(),
                what: "decision",
                value: other.to_owned(),
                expected: "valid, rejected".into(),
            }),
        }
        if e.rejection_objected && e.decision != "rejected" {
            problems.push(bad_decision(
                "rejection_objected",
                "only a rejection can be objected to",
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        c.add_to_area(
            &area,
            &format!("the decision on paper {}", e.paper),
            None,
            &tally,
        )?;
        let run = c.area_run_mut(&area)?;
        if let Some(paper) = run.set_aside.get_mut(&e.paper) {
            paper.decision = Some(PaperDecision {
                by: entry.by.clone(),
                kind,
                votes: e.votes.clone(),
                rejection_objected: e.rejection_objected,
                reason: entry.reason.clone(),
            });
        }
        Ok(())
    }

    /// `saved_counted` at an area's count of list papers.
    pub(super) fn list_saved(&mut self, e: &log::SavedCounted) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        let area = c.counting_area(e.counting_area.as_deref())?;
        c.check_counting(&area, e.run)?;
        c.check_saving_clause("reason").map_err(one)?;
        let Some(reason) = SavingReason::from_code(&e.reason) else {
            return Err(one(unknown_reason("reason".into(), &e.reason)));
        };
        let run = c.area_run_mut(&area)?;
        let valid = run.tally.valid_papers();
        let number = run.number;
        add_saved(&mut run.saved, valid, reason, e.papers, || {
            format!("run {number} of {}", scope(&e.contest, &area))
        })
    }

    /// `rejection_objected` at an area's count of list papers: to one
    /// doubtful paper decided rejected, or to papers under a head of the
    /// area's statement (in the run, or in one batch).
    pub(super) fn list_objection(
        &mut self,
        entry: &log::Entry,
        e: &log::RejectionObjected,
    ) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        let area = c.counting_area(e.counting_area.as_deref())?;
        let current = c
            .area_counts
            .get(&area)
            .and_then(AreaCount::current)
            .map_or(1, |r| r.number);
        if current != e.run {
            return Err(one(ProblemKind::WrongRun {
                contest: scope(&c.id, &area),
                run: e.run,
                current,
            }));
        }
        if let Some(p) = &e.candidate {
            if c.option_index(p).is_none() {
                return Err(one(c.unknown_option(
                    "candidate".to_owned(),
                    p,
                    "party or individual candidate",
                )));
            }
        }
        let head = match &e.head {
            Some(code) => Some(c.head("head", code).map_err(one)?),
            None => None,
        };
        let mut objection = AreaObjection {
            by: entry.by.clone(),
            reason: entry.reason.clone(),
            paper: None,
            head: None,
            batch: e.batch.clone(),
            papers: 0,
            option: e.candidate.clone(),
        };
        let run = c.area_run_mut(&area)?;
        match (&e.paper, head) {
            (Some(paper), None) => {
                if e.batch.is_some() {
                    return Err(one(bad_decision(
                        "batch",
                        "an objection to one doubtful paper names no batch",
                    )));
                }
                if e.papers.is_some_and(|n| n != 1) {
                    return Err(one(bad_decision(
                        "papers",
                        "an objection to one doubtful paper covers that paper only: give `papers` 1 or leave it out",
                    )));
                }
                let number = run.number;
                let list = run.set_aside_list();
                let Some(SetAside { decision, .. }) = run.set_aside.get_mut(paper) else {
                    return Err(one(ProblemKind::PaperNotSetAside {
                        paper: paper.clone(),
                        run: number,
                        set_aside: list,
                    }));
                };
                let Some(d) = decision else {
                    return Err(one(bad_decision(
                        "paper",
                        format!("paper {paper:?} is not yet decided in run {number}: only a rejection can be objected to"),
                    )));
                };
                let DecisionKind::Rejected(h) = d.kind else {
                    return Err(one(bad_decision(
                        "paper",
                        format!("paper {paper:?} was decided valid in run {number}: only a rejection can be objected to"),
                    )));
                };
                if d.rejection_objected {
                    return Err(one(bad_decision(
                        "paper",
                        format!("the rejection of paper {paper:?} is already objected to in run {number}"),
                    )));
                }
                d.rejection_objected = true;
                objection.head = Some(h);
                objection.paper = Some(paper.clone());
                objection.papers = 1;
            }
            (None, Some(head)) => {
                let code = head.code().to_owned();
                let papers = match e.papers {
                    Some(n) if n > 0 => n,
                    _ => {
                        return Err(one(bad_decision(
                            "papers",
                            "an objection to papers rejected under a head says how many papers it covers (at least 1)",
                        )))
                    }
                };
                let objected_in = |batch: Option<&str>| {
                    run.objections
                        .iter()
                        .filter(|o| {
                            o.paper.is_none()
                                && o.head == Some(head)
                                && (batch.is_none() || o.batch.as_deref() == batch)
                        })
                        .map(|o| u128::from(o.papers))
                        .sum::<u128>()
                };
                let doubtful_objected = run
                    .set_aside
                    .values()
                    .filter_map(|s| s.decision.as_ref())
                    .filter(|d| d.rejection_objected && d.kind == DecisionKind::Rejected(head))
                    .count() as u128;
                if let Some(batch) = &e.batch {
                    let Some(figures) = run.batch_rejected.get(batch) else {
                        return Err(one(ProblemKind::Unknown {
                            field: "batch".into(),
                            what: "batch",
                            id: format!("{batch} in run {}", run.number),
                        }));
                    };
                    let rejected = figures
                        .iter()
                        .find(|(h, _)| *h == head)
                        .map_or(0, |(_, n)| *n);
                    let objected = objected_in(Some(batch));
                    if objected + u128::from(papers) > u128::from(rejected) {
                        return Err(one(ProblemKind::ObjectionExceedsRejected {
                            head: code,
                            papers,
                            place: format!("batch {batch} of run {}", run.number),
                            rejected,
                            objected,
                        }));
                    }
                }
                let rejected = run.tally.rejected(head);
                let objected = objected_in(None) + doubtful_objected;
                if objected + u128::from(papers) > u128::from(rejected) {
                    return Err(one(ProblemKind::ObjectionExceedsRejected {
                        head: code,
                        papers,
                        place: format!("run {}", run.number),
                        rejected,
                        objected,
                    }));
                }
                objection.head = Some(head);
                objection.papers = papers;
            }
            _ => {
                return Err(one(bad_decision(
                    "paper",
                    "give either `paper` (a doubtful paper rejected) or `head` (papers rejected under a head), not both or neither",
                )))
            }
        }
        run.objections.push(objection);
        Ok(())
    }

    /// `explanation_recorded` with `run` for a list contest: the variance
    /// of an area's run of list papers explained.
    pub(super) fn list_explanation(
        &mut self,
        entry: &log::Entry,
        e: &log::ExplanationRecorded,
        run: u32,
    ) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        let area = c.counting_area(e.counting_area.as_deref())?;
        let id = c.id.clone();
        let Some(ac) = c.area_counts.get_mut(&area) else {
            return Err(one(list_problem(
                "counting_area",
                format!("area {area}'s list papers are not counted in the log (its total, if any, is reported): there is no run of its count to explain"),
            )));
        };
        let current = ac.current().map_or(1, |r| r.number);
        let Some(r) = ac.runs.iter_mut().find(|r| r.number == run) else {
            return Err(one(ProblemKind::WrongRun {
                contest: scope(&id, &area),
                run,
                current,
            }));
        };
        r.explanations.push(Explanation {
            by: entry.by.clone(),
            text: e.text.clone(),
        });
        Ok(())
    }
}
