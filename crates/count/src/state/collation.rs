//! Collation events: a poll counted in counting areas (a police area's
//! voting areas, a combined authority's councils, a referendum's counting
//! areas) is not counted in runs: each area's local total is reported to
//! the collating officer, who checks and authorises it, may order a
//! re-count of that area only, and (supplementary vote) directs every area
//! to count second preferences. The rules are in `countroom-collate`; this
//! module maps log entries onto its [`Collation`].
//!
//! Police and Crime Commissioner Elections Order 2012 rr.57–62;
//! Parliamentary Voting System and Constituencies Act 2011 Sch 2 rr.39,
//! 42(5).

use std::collections::BTreeSet;

use countroom_collate::{Area, Choice, Collation, LocalTotal, Method, Plan, SecondCountTotal};
use countroom_log as log;
use countroom_model::{Contest, CountingAreaId};

use super::{
    duplicate, one, parse_head, parse_id, to_idx, unknown, ContestCount, CountState, Declared, Lot,
    LotPurpose, Problems,
};
use crate::problem::ProblemKind;
use crate::wire_time::EntryTime;

impl CountState {
    pub(super) fn region_defined(&mut self, e: &log::RegionDefined) -> Result<(), ProblemKind> {
        if e.region.trim().is_empty() {
            return Err(ProblemKind::BadDecision {
                field: "region".into(),
                reason: "a region needs an identifier".into(),
            });
        }
        if self.regions.iter().any(|r| r.id == e.region) {
            return Err(duplicate("region", "region", &e.region));
        }
        self.regions
            .push(countroom_collate::Region::new(&e.region, &e.name));
        Ok(())
    }

    /// The collation plan of a contest counted in `areas`: its candidates
    /// or answers, its ruleset's heads, and the areas with their regions.
    pub(super) fn collation_plan(
        &self,
        contest: &Contest,
        areas: &[String],
    ) -> Result<Plan, Problems> {
        let rules = countroom_rules::ruleset(contest.ruleset());
        let mut problems = Vec::new();
        let method = Method::for_ruleset(rules);
        if method.is_none() || contest.vacancies().len() > 1 {
            problems.push(ProblemKind::MethodNotBuilt {
                ruleset: rules.code,
                method: "collation of local totals for this kind of poll (single-seat, supplementary-vote and referendum polls only)",
            });
        }
        let mut plan_areas = Vec::new();
        for (i, id) in areas.iter().enumerate() {
            let field = format!("counting_areas[{i}]");
            let found = parse_id(&field, id, CountingAreaId::new).and_then(|cid| {
                self.counting_area(&cid)
                    .ok_or_else(|| unknown(&field, "counting area", id))
            });
            match found {
                Ok(a) => plan_areas.push(Area::new(
                    a.id.as_str(),
                    &a.name,
                    a.region.as_deref(),
                    a.electorate,
                )),
                Err(x) => problems.push(x),
            }
        }
        let (Some(method), true) = (method, problems.is_empty()) else {
            return Err(problems);
        };
        let used: BTreeSet<&str> = plan_areas
            .iter()
            .filter_map(|a| a.region.as_deref())
            .collect();
        let regions = self
            .regions
            .iter()
            .filter(|r| used.contains(r.id.as_str()))
            .cloned()
            .collect();
        Ok(Plan::new(
            contest.id().to_string(),
            method,
            contest
                .standing()
                .map(|(_, c)| Choice::new(c.id.as_str(), &c.name))
                .collect(),
            rules.heads.iter().map(|h| h.head).collect(),
            plan_areas,
        )
        .regions(regions))
    }

    pub(super) fn is_collated(&self, contest: &str) -> bool {
        self.contests
            .iter()
            .any(|c| c.contest.id().as_str() == contest && c.collation.is_some())
    }

    /// An open (not declared) contest that is collated.
    pub(super) fn collated_contest(&mut self, id: &str) -> Result<&mut ContestCount, Problems> {
        let c = self.open_contest(id)?;
        if c.collation.is_none() {
            return Err(one(ProblemKind::NotCollated {
                contest: id.to_owned(),
            }));
        }
        Ok(c)
    }
}

impl ContestCount {
    /// The collation, if the contest is counted in counting areas.
    #[must_use]
    pub fn collation(&self) -> Option<&Collation> {
        self.collation.as_ref()
    }

    /// Lots drawn by the collating officer.
    #[must_use]
    pub fn collation_lots(&self) -> &[Lot] {
        &self.collation_lots
    }

    pub(super) fn collation_mut(&mut self) -> Result<&mut Collation, Problems> {
        let contest = self.contest.id().to_string();
        self.collation
            .as_mut()
            .ok_or_else(|| one(ProblemKind::NotCollated { contest }))
    }

    /// Votes per standing candidate (answers), in ballot-paper order, from
    /// `votes`; every problem collected. With `only`, a candidate outside it
    /// is refused as eliminated.
    fn votes_vector(
        &self,
        votes: &[log::CandidateVotes],
        only: Option<&[usize]>,
        problems: &mut Problems,
    ) -> Vec<u64> {
        let mut out = vec![0u64; self.contest.n_standing()];
        let mut seen = BTreeSet::new();
        for (i, v) in votes.iter().enumerate() {
            let field = format!("votes[{i}].candidate");
            match self.standing_candidate(&field, &v.candidate) {
                Ok(idx) if only.is_some_and(|o| !o.contains(&idx.get())) => {
                    problems.push(ProblemKind::EliminatedCandidate {
                        field,
                        candidate: v.candidate.clone(),
                        remaining: self.ids(&to_idx(only.unwrap_or_default())),
                    });
                }
                Ok(idx) if !seen.insert(idx) => {
                    problems.push(duplicate(&field, "candidate", &v.candidate));
                }
                Ok(idx) => {
                    if let Some(slot) = out.get_mut(idx.get()) {
                        *slot = v.votes;
                    }
                }
                Err(x) => problems.push(x),
            }
        }
        out
    }

    pub(super) fn local_total(&mut self, e: &log::LocalTotalReported) -> Result<(), Problems> {
        if e.counting_area.is_empty() {
            let areas = self.collation.as_ref().map_or_else(String::new, |c| {
                c.plan()
                    .areas
                    .iter()
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            return Err(one(ProblemKind::MissingField {
                field: "counting_area".into(),
                reason: format!(
                    "{} is collated from its counting areas' local totals: name the counting area whose total this is (one of: {areas})",
                    self.contest.id()
                ),
            }));
        }
        let mut problems = Vec::new();
        let votes = self.votes_vector(&e.votes, None, &mut problems);
        let rules = self.rules();
        let mut rejected = vec![0u64; rules.heads.len()];
        let mut seen = BTreeSet::new();
        for (i, h) in e.rejected.iter().enumerate() {
            let field = format!("rejected[{i}].head");
            match parse_head(&field, &h.head, rules) {
                Ok(head) if !seen.insert(head) => problems.push(duplicate(&field, "head", &h.head)),
                Ok(head) => {
                    if let Some(slot) = rules
                        .heads
                        .iter()
                        .position(|s| s.head == head)
                        .and_then(|p| rejected.get_mut(p))
                    {
                        *slot = h.papers;
                    }
                }
                Err(x) => problems.push(x),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let total = LocalTotal::new(e.counting_area.clone(), e.papers_forward, votes, rejected)
            .expected(e.expected)
            .polling_station_papers(e.polling_station_papers)
            .postal_papers(e.postal_papers)
            .explanation(e.explanation.clone());
        self.collation_mut()?
            .report(total)
            .map_err(|errors| errors.into_iter().map(ProblemKind::from).collect())
    }

    pub(super) fn second_count_directed(
        &mut self,
        e: &log::SecondCountDirected,
    ) -> Result<(), Problems> {
        let mut problems = Vec::new();
        let mut given: Vec<usize> = self
            .standing_candidates("remaining", &e.remaining, &mut problems)
            .iter()
            .map(|c| c.get())
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        given.sort_unstable();
        given.dedup();
        let contest = self.contest.id().to_string();
        let found = match self.collation_mut()?.first_count() {
            Ok(first) => match first.decision {
                countroom_tally::SvDecision::SecondCount(remaining) => remaining,
                _ => {
                    return Err(one(ProblemKind::NoSecondCount {
                        contest,
                        run: 1,
                        reason: "the first count decided the result".into(),
                    }))
                }
            },
            Err(x) => return Err(one(x.into())),
        };
        if found != given {
            return Err(one(ProblemKind::NoSecondCount {
                contest,
                run: 1,
                reason: format!(
                    "the first preferences leave {} in the contest, not {}",
                    self.ids(&to_idx(&found)),
                    self.ids(&to_idx(&given))
                ),
            }));
        }
        self.collation_mut()?
            .direct_second_count()
            .map(|_| ())
            .map_err(|x| one(x.into()))
    }

    pub(super) fn local_second_count(
        &mut self,
        e: &log::LocalSecondCountReported,
    ) -> Result<(), Problems> {
        let remaining = self
            .collation
            .as_ref()
            .and_then(Collation::direction)
            .map(<[usize]>::to_vec);
        let mut problems = Vec::new();
        let votes = self.votes_vector(&e.votes, remaining.as_deref(), &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        self.collation_mut()?
            .report_second(SecondCountTotal::new(
                e.counting_area.clone(),
                votes,
                e.rejected,
            ))
            .map_err(|errors| errors.into_iter().map(ProblemKind::from).collect())
    }

    pub(super) fn collated_lot(&mut self, e: &log::LotDrawn, by: &str) -> Result<(), Problems> {
        let mut problems = Vec::new();
        if e.purpose != "election" {
            problems.push(ProblemKind::UnknownCode {
                field: "purpose".into(),
                what: "lot purpose at a collated poll",
                value: e.purpose.clone(),
                expected: "election".into(),
            });
        }
        let tied = self.standing_candidates("tied", &e.tied, &mut problems);
        let winners = self.standing_candidates("winners", &e.winners, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        let [winner] = winners[..] else {
            return Err(one(ProblemKind::LotMismatch {
                contest: self.contest.id().to_string(),
                run: e.run,
                expected: "one winner".into(),
                found: self.ids(&winners),
            }));
        };
        let mut tied_usize: Vec<usize> = tied.iter().map(|c| c.get()).collect();
        tied_usize.sort_unstable();
        self.collation_mut()?
            .record_lot(&tied_usize, winner.get())
            .map_err(|x| one(x.into()))?;
        self.collation_lots.push(Lot {
            stage: None,
            purpose: LotPurpose::Election,
            tied: to_idx(&tied_usize),
            winners: vec![winner],
            method: e.method.clone(),
            by: by.to_owned(),
        });
        Ok(())
    }

    pub(super) fn collated_declared(
        &mut self,
        e: &log::ResultDeclared,
        by: &str,
        at: Option<&String>,
    ) -> Result<(), Problems> {
        use countroom_collate::Outcome;
        let contest = self.contest.id().to_string();
        let collated = self
            .collation
            .as_ref()
            .map(Collation::collated)
            .transpose()
            .map_err(|x| one(x.into()))?;
        let reason = match collated.map(|c| c.outcome) {
            Some(Outcome::Winner(_) | Outcome::WonByLot { .. }) => None,
            Some(Outcome::Equality(_)) if self.contest.is_referendum() => None,
            Some(Outcome::Equality(tied)) => Some(format!(
                "an equality of votes between {} must first be settled by lot",
                self.ids(&to_idx(&tied))
            )),
            Some(Outcome::Incomplete) | None => {
                Some("not every counting area's local total is reported and authorised".into())
            }
            Some(Outcome::SecondCountNeeded(_)) => {
                Some("no candidate has a majority of the first preferences: the second count must first be directed".into())
            }
            Some(Outcome::SecondCountInProgress { awaiting, .. }) => Some(format!(
                "the second count is awaited from {}",
                awaiting.join(", ")
            )),
        };
        if let Some(reason) = reason {
            return Err(one(ProblemKind::NotDeclarable {
                contest,
                run: e.run,
                reason,
            }));
        }
        self.declared = Some(Declared {
            run: e.run,
            by: by.to_owned(),
            at: at.cloned().map(EntryTime::from),
        });
        Ok(())
    }
}
