//! The local planning authority's decision on a neighbourhood plan
//! (`planning_decision_recorded`).
//!
//! Where a neighbourhood planning referendum is held with a business
//! referendum and only one of the two is in favour, the local planning
//! authority may make the plan but need not (Planning and Compulsory
//! Purchase Act 2004 s.38A(5); countroom_rules::local_polls::CombinedResult).
//! The decision is the authority's: countroom never takes it, but records
//! it when the log gives it (who decided, on what day, the decision and the
//! resolution's reference) and shows it on the documents. It is refused
//! where the combined result does not call for it (both in favour: the plan
//! must be made, s.38A(4)(a); neither: no duty arises), before both results
//! are declared, and a second time.

use countroom_log as log;
use countroom_model::{Date, Office, PollKind};
use countroom_rules::local_polls::{more_than_half_in_favour, CombinedResult};

use super::{one, parse_date, unknown, ContestCount, CountState, Problems};
use crate::problem::ProblemKind;

/// What the authority decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanDecision {
    /// The authority makes the plan.
    Make,
    /// The authority does not make the plan.
    NotMake,
}

impl PlanDecision {
    /// The code in the log and in JSON: `make`, `not_make`.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            PlanDecision::Make => "make",
            PlanDecision::NotMake => "not_make",
        }
    }

    /// Reads a code of [`PlanDecision::code`].
    #[must_use]
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "make" => Some(PlanDecision::Make),
            "not_make" => Some(PlanDecision::NotMake),
            _ => None,
        }
    }
}

/// The local planning authority's decision, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PlanningDecision {
    /// The residents' referendum.
    pub residents: String,
    /// The business referendum.
    pub business: String,
    /// The decision.
    pub decision: PlanDecision,
    /// Who decided (the authority's officer, or the body that resolved).
    pub decided_by: String,
    /// The day of the decision.
    pub decided_on: Date,
    /// The resolution's reference.
    pub resolution: Option<String>,
    /// Who recorded it in the log (the entry's `by`).
    pub recorded_by: String,
    /// The entry that recorded it.
    pub seq: u64,
}

fn problem(field: &'static str, message: impl Into<String>) -> ProblemKind {
    ProblemKind::LocalPoll {
        field,
        message: message.into(),
    }
}

/// Whether `c`'s declared result is in favour ("more than half of those
/// voting", PCPA 2004 s.38A(4)(a)), or `None` if no run of it is declared.
fn declared_in_favour(c: &ContestCount) -> Option<bool> {
    let d = c.declared()?;
    let run = c.runs().iter().find(|r| r.number() == d.run)?;
    // The answers are "Yes" then "No" (checked when the contest was
    // defined).
    let votes = run.tally().votes();
    let yes = votes.first().copied().unwrap_or(0);
    let no = votes.get(1).copied().unwrap_or(0);
    Some(more_than_half_in_favour(yes, no))
}

impl CountState {
    /// The local planning authority's decisions recorded, in log order.
    #[must_use]
    pub fn planning_decisions(&self) -> &[PlanningDecision] {
        &self.planning_decisions
    }

    pub(super) fn planning_decision(
        &mut self,
        entry: &log::Entry,
        e: &log::PlanningDecisionRecorded,
    ) -> Result<(), Problems> {
        let np = Office::LocalPoll(PollKind::NeighbourhoodPlanning);
        let business = Office::LocalPoll(PollKind::NeighbourhoodPlanningBusiness);
        let Some(residents) = self
            .contests
            .iter()
            .find(|c| c.contest().id().as_str() == e.contest)
        else {
            return Err(one(unknown("contest", "contest", &e.contest)));
        };
        if residents.contest().office() != np {
            return Err(one(problem(
                "contest",
                format!(
                    "{} is a {} contest: the local planning authority's decision follows a neighbourhood planning referendum held with a business referendum (Planning and Compulsory Purchase Act 2004 s.38A(5))",
                    e.contest,
                    residents.contest().office().code()
                ),
            )));
        }
        let Some(bus) = self.contests.iter().find(|c| {
            c.contest().office() == business
                && c.contest().election() == residents.contest().election()
        }) else {
            return Err(one(problem(
                "contest",
                format!(
                    "no business referendum is held with {}: without one, the plan is made if more than half of those voting are in favour (s.38A(4)(a)) and there is no decision for the local planning authority to record",
                    e.contest
                ),
            )));
        };
        let (Some(rf), Some(bf)) = (declared_in_favour(residents), declared_in_favour(bus)) else {
            return Err(one(problem(
                "contest",
                format!(
                    "the results of {} and {} are not both declared: the local planning authority's decision follows the declared results (s.38A(5))",
                    e.contest,
                    bus.contest().id()
                ),
            )));
        };
        match CombinedResult::of(rf, bf) {
            CombinedResult::AuthorityDecides { .. } => {}
            CombinedResult::MustBeMade => {
                return Err(one(problem(
                    "decision",
                    "both referendums are in favour: the local planning authority must make the plan (Planning and Compulsory Purchase Act 2004 s.38A(4)(a)); there is no decision to record",
                )))
            }
            CombinedResult::NotMade => {
                return Err(one(problem(
                    "decision",
                    "neither referendum is in favour: no duty to make the plan arises, and s.38A(5) gives no decision to record",
                )))
            }
        }
        if let Some(earlier) = self
            .planning_decisions
            .iter()
            .find(|d| d.residents == e.contest)
        {
            return Err(one(problem(
                "contest",
                format!(
                    "the local planning authority's decision on {} is already recorded (entry {})",
                    e.contest, earlier.seq
                ),
            )));
        }
        let mut problems = Vec::new();
        let decision = PlanDecision::parse(&e.decision);
        if decision.is_none() {
            problems.push(ProblemKind::UnknownCode {
                field: "decision".into(),
                what: "decision",
                value: e.decision.clone(),
                expected: "make, not_make".into(),
            });
        }
        if e.decided_by.trim().is_empty() {
            problems.push(problem(
                "decided_by",
                "the decision must say who took it: the authority's officer or the body that resolved it",
            ));
        }
        let poll_date = residents.contest().poll_date();
        let decided_on = match parse_date("decided_on", &e.decided_on) {
            Ok(d) if d < poll_date => {
                problems.push(problem(
                    "decided_on",
                    format!(
                        "{} is before the poll ({poll_date}): the decision follows the referendums' results",
                        e.decided_on
                    ),
                ));
                None
            }
            Ok(d) => Some(d),
            Err(p) => {
                problems.push(p);
                None
            }
        };
        let (Some(decision), Some(decided_on), true) = (decision, decided_on, problems.is_empty())
        else {
            return Err(problems);
        };
        let record = PlanningDecision {
            residents: e.contest.clone(),
            business: bus.contest().id().to_string(),
            decision,
            decided_by: e.decided_by.clone(),
            decided_on,
            resolution: e.resolution.clone(),
            recorded_by: entry.by.clone(),
            seq: entry.seq,
        };
        self.planning_decisions.push(record);
        Ok(())
    }
}
