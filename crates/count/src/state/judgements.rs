//! Judgements on the record: papers valid only under the saving clause,
//! objections to rejections, and the declaration of an uncontested
//! election.
//!
//! - The saving clause: a vote marked elsewhere than in the proper place,
//!   otherwise than by means of a cross, or by more than one mark is not
//!   void where the intention clearly appears (Parliamentary Elections Rules
//!   r.47(2); Local Elections (Principal Areas) (England and Wales) Rules
//!   2006 Sch 2 r.47(3) and the parish rules' r.47(3), r.47(2) there being
//!   the "rejected in part" proviso; the contest's
//!   ruleset's `void_citation` names its own rule). A batch records such
//!   papers by reason (`paper_batch_counted.saved`), a hand count with
//!   `saved_counted`.
//! - Objections: the returning officer endorses a rejected paper "rejected"
//!   and adds "rejection objected to" where a counting agent objects
//!   (Parliamentary Elections Rules r.47(3); Electoral Commission guidance
//!   on doubtful ballot papers). The local rules have the same duty, in
//!   their own paragraph: read in the Local Authorities (Mayoral Elections)
//!   (England and Wales) Regulations 2007 Sch 1 r.48(4), the Police and
//!   Crime Commissioner Elections Order 2012 Sch 3 r.53(6) and the Local
//!   Elections (Principal Areas) (Wales) Rules 2021 Sch 2 r.60(5)-(6).
//!   Doubt (not printed): the paragraph of the Local Elections (Principal
//!   Areas) (England and Wales) Rules 2006 Sch 2 r.47 that holds it was
//!   not read (r.47(2) there is the "rejected in part" proviso and r.47(3)
//!   the saving clause, `countroom_rules::ALL`, so it is a later paragraph,
//!   r.47(4) if the statement is r.47(5)); nothing countroom prints cites a
//!   paragraph of the local rules for it. `rejection_objected` records an
//!   objection to a doubtful paper rejected, or to papers counted under a
//!   head.
//! - Uncontested elections: where the candidates remaining validly
//!   nominated do not exceed the seats, no poll is taken and the returning
//!   officer declares them elected (Local Elections (Principal Areas)
//!   (England and Wales) Rules 2006 Sch 2 r.14, the method of election, in
//!   Part 2 (read: Part 3 Chapter 1 holds r.16, the ballot papers); Local
//!   Authorities
//!   (Mayoral Elections) (England and Wales) Regulations 2007 Sch 1
//!   r.54(3); Electoral Commission guidance "Will the election be contested
//!   or uncontested?"). Doubt (not printed): r.14's own words, and the rule
//!   of the declaration it points to, were not read. `result_declared` with
//!   `run` 0 records it.

use countroom_log as log;
use countroom_model::CandidateIdx;
use countroom_rules::RejectionHead;
use countroom_tally::SavingReason;

use super::{
    duplicate, list_some, one, parse_head, ContestCount, CountState, DecisionKind, Declared,
    Problems, SetAside,
};
use crate::problem::ProblemKind;
use crate::wire_time::EntryTime;

/// A counting agent's objection to a rejection, as recorded by a
/// `rejection_objected` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Objection {
    /// Who recorded it (the entry's `by`).
    pub by: String,
    /// The reason given.
    pub reason: Option<String>,
    /// The doubtful paper objected to, by reference.
    pub paper: Option<String>,
    /// The head of the papers objected to (a paper's own head, if it was
    /// rejected; none for a paper rejected in part).
    pub head: Option<RejectionHead>,
    /// The batch the papers were counted in.
    pub batch: Option<String>,
    /// Papers covered.
    pub papers: u64,
    /// For whom the objection is made.
    pub candidate: Option<CandidateIdx>,
}

/// The problem for a reason code that is not known.
pub(super) fn unknown_reason(field: String, value: &str) -> ProblemKind {
    ProblemKind::UnknownCode {
        field,
        what: "saving-clause reason",
        value: value.to_owned(),
        expected: SavingReason::ALL.map(SavingReason::code).join(", "),
    }
}

/// A batch's `saved` (of a contest's run or a list area's): each reason
/// known and listed once, and no more papers than the batch's `valid`
/// papers. Gives the papers by reason.
pub(super) fn saved_by_reason(
    saved: &[log::SavedPapers],
    valid: u64,
    problems: &mut Problems,
) -> [u64; SavingReason::COUNT] {
    let mut out = [0u64; SavingReason::COUNT];
    let mut seen = [false; SavingReason::COUNT];
    let mut total = 0u128;
    for (i, s) in saved.iter().enumerate() {
        let field = format!("saved[{i}].reason");
        let Some(reason) = SavingReason::from_code(&s.reason) else {
            problems.push(unknown_reason(field, &s.reason));
            continue;
        };
        if seen.get(reason.index()).copied().unwrap_or(false) {
            problems.push(duplicate(&field, "saving-clause reason", &s.reason));
            continue;
        }
        if let (Some(seen), Some(slot)) =
            (seen.get_mut(reason.index()), out.get_mut(reason.index()))
        {
            *seen = true;
            *slot = s.papers;
        }
        total += u128::from(s.papers);
    }
    if total > u128::from(valid) {
        problems.push(ProblemKind::SavedExceedValid {
            field: "saved".into(),
            saved: total,
            valid,
            place: "the batch".into(),
        });
    }
    out
}

/// `saved_counted`'s `papers` added to a run's papers saved under
/// `reason`: refused when the run's papers saved would be more than its
/// `valid` papers (`place` names the run in the problem).
pub(super) fn add_saved(
    saved: &mut [u64; SavingReason::COUNT],
    valid: u64,
    reason: SavingReason,
    papers: u64,
    place: impl FnOnce() -> String,
) -> Result<(), Problems> {
    // Summed exactly in 128 bits, so the check cannot overflow; the run's
    // papers saved stay at most its valid papers, so every sum of them
    // fits.
    let before: u128 = saved.iter().map(|&b| u128::from(b)).sum();
    let after = before + u128::from(papers);
    if after > u128::from(valid) {
        return Err(one(ProblemKind::SavedExceedValid {
            field: "papers".into(),
            saved: after,
            valid,
            place: place(),
        }));
    }
    if let Some(slot) = saved.get_mut(reason.index()) {
        // slot + papers ≤ after ≤ valid: fits.
        *slot += papers;
    }
    Ok(())
}

impl CountState {
    /// Whether `contest` is defined, counted at one count, and uncontested
    /// (it has no runs).
    pub(super) fn is_uncontested(&self, contest: &str) -> bool {
        self.contests.iter().any(|c| {
            c.contest.id().as_str() == contest && c.collation.is_none() && c.runs.is_empty()
        })
    }

    /// `result_declared` for an uncontested election: the candidates
    /// remaining validly nominated are declared elected, with `run` 0.
    pub(super) fn uncontested_declared(
        &mut self,
        e: &log::ResultDeclared,
        by: &str,
        at: Option<&String>,
    ) -> Result<(), Problems> {
        let c = self.open_contest(&e.contest)?;
        if e.run != 0 {
            return Err(one(ProblemKind::UncontestedRun {
                contest: e.contest.clone(),
                standing: c.contest.n_standing(),
                seats: c.contest.seats(),
                run: e.run,
            }));
        }
        c.declared = Some(Declared {
            run: 0,
            by: by.to_owned(),
            at: at.cloned().map(EntryTime::from),
        });
        Ok(())
    }
}

impl ContestCount {
    /// `saved_counted`: papers valid only under the saving clause counted
    /// by hand; the run's papers saved may not exceed its valid papers.
    pub(super) fn saved_counted(&mut self, e: &log::SavedCounted) -> Result<(), Problems> {
        let Some(reason) = SavingReason::from_code(&e.reason) else {
            return Err(one(unknown_reason("reason".into(), &e.reason)));
        };
        let run = self.current_run_mut()?;
        let valid = run.tally.valid_papers();
        let number = run.number;
        add_saved(&mut run.saved, valid, reason, e.papers, || {
            format!("run {number}")
        })
    }

    /// `rejection_objected`: an objection to a doubtful paper's rejection,
    /// or to papers counted under a head (in the run, or in one batch).
    pub(super) fn rejection_objected(
        &mut self,
        e: &log::RejectionObjected,
        by: &str,
        reason: Option<&str>,
    ) -> Result<(), Problems> {
        let candidate = match &e.candidate {
            Some(id) => Some(self.standing_candidate("candidate", id).map_err(one)?),
            None => None,
        };
        let bad = |field: &str, reason: String| {
            one(ProblemKind::BadDecision {
                field: field.to_owned(),
                reason,
            })
        };
        let rules = self.rules();
        let mut objection = Objection {
            by: by.to_owned(),
            reason: reason.map(str::to_owned),
            paper: None,
            head: None,
            batch: e.batch.clone(),
            papers: 0,
            candidate,
        };
        let run = self.current_run_mut()?;
        match (&e.paper, &e.head) {
            (Some(paper), None) => {
                if e.batch.is_some() {
                    return Err(bad(
                        "batch",
                        "an objection to one doubtful paper names no batch".into(),
                    ));
                }
                if e.papers.is_some_and(|n| n != 1) {
                    return Err(bad(
                        "papers",
                        "an objection to one doubtful paper covers that paper only: give `papers` 1 or leave it out".into(),
                    ));
                }
                let refs: Vec<&str> = run.set_aside.keys().map(String::as_str).collect();
                let not_set_aside = ProblemKind::PaperNotSetAside {
                    paper: paper.clone(),
                    run: run.number,
                    set_aside: if refs.is_empty() {
                        "none".into()
                    } else {
                        list_some(&refs)
                    },
                };
                let number = run.number;
                let Some(SetAside { decision, .. }) = run.set_aside.get_mut(paper) else {
                    return Err(one(not_set_aside));
                };
                let Some(d) = decision else {
                    return Err(bad(
                        "paper",
                        format!("paper {paper:?} is not yet decided in run {number}: only a rejection can be objected to"),
                    ));
                };
                objection.head = match d.kind {
                    DecisionKind::Valid => {
                        return Err(bad(
                            "paper",
                            format!("paper {paper:?} was decided valid in run {number}: only a rejection can be objected to"),
                        ))
                    }
                    DecisionKind::Rejected(h) => Some(h),
                    DecisionKind::RejectedInPart => None,
                };
                if d.rejection_objected {
                    return Err(bad(
                        "paper",
                        format!("the rejection of paper {paper:?} is already objected to in run {number}"),
                    ));
                }
                d.rejection_objected = true;
                objection.paper = Some(paper.clone());
                objection.papers = 1;
            }
            (None, Some(code)) => {
                let head = parse_head("head", code, rules).map_err(one)?;
                let papers = match e.papers {
                    Some(n) if n > 0 => n,
                    _ => {
                        return Err(bad(
                            "papers",
                            "an objection to papers rejected under a head says how many papers it covers (at least 1)".into(),
                        ))
                    }
                };
                // Papers under the head already objected to: by head, and
                // doubtful papers rejected under it and objected to.
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
                let exceeds = |place: String, rejected: u64, objected: u128| {
                    one(ProblemKind::ObjectionExceedsRejected {
                        head: code.clone(),
                        papers,
                        place,
                        rejected,
                        objected,
                    })
                };
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
                        return Err(exceeds(
                            format!("batch {batch} of run {}", run.number),
                            rejected,
                            objected,
                        ));
                    }
                }
                let rejected = run.tally.rejected(head);
                let objected = objected_in(None) + doubtful_objected;
                if objected + u128::from(papers) > u128::from(rejected) {
                    return Err(exceeds(format!("run {}", run.number), rejected, objected));
                }
                objection.head = Some(head);
                objection.papers = papers;
            }
            _ => {
                return Err(bad(
                    "paper",
                    "give either `paper` (a doubtful paper rejected) or `head` (papers rejected under a head), not both or neither".into(),
                ))
            }
        }
        run.objections.push(objection);
        Ok(())
    }
}
