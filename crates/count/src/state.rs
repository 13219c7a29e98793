//! The state of a count, rebuilt by replaying its log.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use foldhash::fast::FixedState;

use countroom_log as log;
use countroom_log::{Entry, Event};
use countroom_model::{
    BallotBox, BallotBoxId, BallotBoxKind, BundleId, CandidateId, CandidateIdx, Contest, ContestId,
    ContestSpec, CountingArea, CountingAreaId, Country, Date, Election, ElectionId, Electorate,
    Office, PollKind, PollingPlace, PollingPlaceId, PollingStation, PollingStationId, TableId,
    Vacancy, VacancyKind, VotingSystem,
};
use countroom_rules::{ruleset, CountingMethod, RejectionHead, Ruleset};
use countroom_tally::{
    allocate_terms, fptp, seeded_lot, sv_final_count, sv_first_count, sv_second_count,
    SecondCountFigures, SecondPreference, SvDecision, SvTally, Tally, TallyError,
};

use crate::problem::{LogProblem, ProblemKind};
use crate::wire_time::EntryTime;

mod appointments;
mod collation;
mod judgements;
mod list;
mod list_papers;
mod planning;
pub use planning::{PlanDecision, PlanningDecision};
mod stv;
mod verification;

pub use judgements::Objection;
pub use list::{
    list_lot_context, seats_words, stage_words, stage_words_named, AllocationStage,
    ConstituencyReturn, ListContestCount, ListLot, ListOption, ListPerson, ListVacancy,
    Recalculation, LIST_CONTEST_OFFICES,
};
pub use list_papers::{AreaCount, AreaObjection, AreaRecount, AreaRun};
pub use stv::{stv_lot_context, StvCount};

/// Indices by id, hashed with foldhash's fixed seed (several times faster
/// than SipHash on short ids; the maps are only looked up, never iterated,
/// so no output depends on the hasher).
type IdIndex<K> = HashMap<K, usize, FixedState>;

/// The state of every contest after replaying a log (or a prefix of one).
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CountState {
    elections: Vec<Election>,
    contests: Vec<ContestCount>,
    counting_areas: Vec<CountingArea>,
    polling_places: Vec<PollingPlace>,
    polling_stations: Vec<PollingStation>,
    ballot_boxes: Vec<BallotBox>,
    receipts: Vec<Receipt>,
    /// Indices into `polling_places`, `polling_stations`, `ballot_boxes`
    /// and `receipts` by id, so that a step costs the box it names, not
    /// every box defined (verification is linear in the boxes).
    place_index: IdIndex<PollingPlaceId>,
    station_index: IdIndex<PollingStationId>,
    box_index: IdIndex<BallotBoxId>,
    receipt_index: IdIndex<BallotBoxId>,
    /// Indices into `counting_areas` by id, so that defining an area or a
    /// contest naming its areas costs the areas it names, not every area
    /// defined (a region of thousands of areas was quadratic).
    area_index: IdIndex<CountingAreaId>,
    /// The counting area of each postal ballot box given one
    /// (`ballot_box_defined`'s `counting_area`), by box id: where a list
    /// poll's papers are verified area by area (`list_papers`).
    postal_areas: std::collections::BTreeMap<BallotBoxId, CountingAreaId>,
    regions: Vec<countroom_collate::Region>,
    /// List-system contests (`list_contest_defined`), in the order defined.
    list_contests: Vec<list::ListContestCount>,
    /// The local planning authority's decisions on neighbourhood plans
    /// (`planning_decision_recorded`).
    planning_decisions: Vec<planning::PlanningDecision>,
    evidence: Option<crate::Evidence>,
    authority: crate::authority::Authority,
}

/// A ballot box's arrival at the count.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Receipt {
    /// The box.
    pub ballot_box: BallotBoxId,
    /// Seal numbers read on arrival.
    pub seals: Vec<String>,
    /// Who received it.
    pub by: String,
}

/// One contest's count: its definition, its runs, re-count requests and
/// declaration.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ContestCount {
    contest: Contest,
    ballot_paper_id: Option<String>,
    /// The question put, at a poll on a question.
    question: Option<String>,
    /// Counted in counting areas and collated from their local totals.
    collation: Option<countroom_collate::Collation>,
    /// Lots drawn by the collating officer.
    collation_lots: Vec<Lot>,
    verified: Option<u64>,
    verification: countroom_verify::PollVerification,
    runs: Vec<Run>,
    recounts: Vec<RecountRecord>,
    declared: Option<Declared>,
}

/// One count of a contest's ballot papers: the first count, or a re-count.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Run {
    number: u32,
    origin: RunOrigin,
    tally: Tally,
    units: BTreeSet<String>,
    n_bundles: u64,
    n_batches: u64,
    sources: Vec<log::BatchSource>,
    set_aside: BTreeMap<String, SetAside>,
    completed_by: Option<String>,
    lots: Vec<Lot>,
    explanations: Vec<Explanation>,
    /// Supplementary vote: first × second preferences of the papers
    /// counted in batches.
    sv: SvTally,
    /// Supplementary vote: the second count's bundles.
    second: SecondBundles,
    /// Valid papers valid only under the saving clause, by reason.
    saved: [u64; countroom_tally::SavingReason::COUNT],
    /// Each batch's rejected papers by head, for objections naming it.
    batch_rejected: BTreeMap<String, Vec<(RejectionHead, u64)>>,
    /// Objections to rejections recorded by `rejection_objected`.
    objections: Vec<Objection>,
    /// Single transferable vote: the valid papers' preferences (standing
    /// candidates' indices), each distinct sequence with its papers.
    stv: stv::StvLines,
    /// Single transferable vote: the election of a completed run's papers,
    /// built once when it is completed.
    stv_election: Option<std::sync::Arc<Result<countroom_stv::Election, String>>>,
}

/// The bundles of a supplementary-vote second count.
#[derive(Debug, Clone)]
struct SecondBundles {
    /// The bundles' figures, summed (checked).
    figures: SecondCountFigures,
    bundles: BTreeSet<String>,
    completed_by: Option<String>,
}

/// The second count of a supplementary-vote poll, from the batches' second
/// preferences and the bundles counted by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SecondCount {
    /// The candidates remaining after the first count.
    pub remaining: Vec<CandidateIdx>,
    /// Second preferences counted per candidate (zero for the eliminated).
    pub votes: Vec<u64>,
    /// Papers examined with no second preference.
    pub unmarked: u64,
    /// Papers examined whose second preference is for an eliminated
    /// candidate (not counted, not rejected).
    pub for_eliminated: u64,
    /// Papers examined whose second preference is void for uncertainty.
    pub void: u64,
    /// Papers rejected for the second count: `unmarked + void` (PCCEO 2012
    /// r.62(2)).
    pub rejected: u64,
    /// First plus second preferences of each remaining candidate (zero for
    /// the eliminated), as `countroom_tally::sv_final_count` gives them.
    pub totals: Vec<u64>,
    /// The eliminated candidates' first preferences: the papers to examine.
    pub to_examine: u64,
    /// Papers examined.
    pub examined: u64,
    /// Bundles counted by hand.
    pub bundles: usize,
    /// Who completed the second count, once completed.
    pub completed_by: Option<String>,
}

/// A ballot paper set aside as doubtful.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SetAside {
    /// Why it was set aside.
    pub reason: Option<String>,
    /// The returning officer's decision, once made.
    pub decision: Option<PaperDecision>,
}

/// The returning officer's decision on a doubtful paper.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PaperDecision {
    /// Who decided.
    pub by: String,
    /// The decision.
    pub kind: DecisionKind,
    /// The votes counted (valid or rejected in part), as candidate ids.
    pub votes: Vec<String>,
    /// A counting agent objected: endorsed "rejection objected to".
    pub rejection_objected: bool,
    /// The reason given.
    pub reason: Option<String>,
}

/// What the returning officer decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecisionKind {
    /// Allowed: the votes counted.
    Valid,
    /// Rejected in part: some votes counted.
    RejectedInPart,
    /// Rejected under this head.
    Rejected(RejectionHead),
}

/// Up to ten items, then how many more.
fn list_some(items: &[&str]) -> String {
    let mut out = items
        .iter()
        .take(10)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > 10 {
        out.push_str(&format!(" and {} more", items.len() - 10));
    }
    out
}

/// How a run began.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RunOrigin {
    /// The first count.
    First,
    /// A re-count of run `of` (the request and decision are in
    /// [`ContestCount::recounts`]).
    Recount {
        /// The run re-counted.
        of: u32,
    },
}

/// A recorded explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Explanation {
    /// Who gave it.
    pub by: String,
    /// What it says.
    pub text: String,
}

/// Why a lot was drawn: one model for every count, in countroom-rules.
pub use countroom_rules::LotPurpose;

/// A lot drawn and recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Lot {
    /// Why.
    pub purpose: LotPurpose,
    /// Single transferable vote: the stage whose action it decided.
    pub stage: Option<u32>,
    /// The tied candidates, in ballot-paper order.
    pub tied: Vec<CandidateIdx>,
    /// The candidates on whom the lot fell, in the order drawn.
    pub winners: Vec<CandidateIdx>,
    /// How it was drawn.
    pub method: log::LotMethod,
    /// Who drew it.
    pub by: String,
}

/// A request for a re-count and its decision.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecountRecord {
    /// The run whose re-count was requested.
    pub run: u32,
    /// Who asked.
    pub requested_by: String,
    /// For which candidate.
    pub candidate: Option<CandidateIdx>,
    /// The reason given.
    pub reason: Option<String>,
    /// The decision, once made.
    pub decision: Option<RecountDecision>,
}

/// The returning officer's decision on a re-count request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecountDecision {
    /// Granted or refused.
    pub granted: bool,
    /// Who decided.
    pub by: String,
    /// The reason given (e.g. why the request was unreasonable).
    pub reason: Option<String>,
}

/// The declaration of a result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Declared {
    /// The run declared.
    pub run: u32,
    /// Who declared it.
    pub by: String,
    /// When, as recorded.
    pub at: Option<EntryTime>,
}

/// What a completed run's votes and lots decide.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RunOutcome {
    /// The counting of the run is not completed.
    Counting,
    /// An equality of votes must be settled by lot first.
    LotNeeded(LotNeeded),
    /// Everyone elected, with their seats.
    Elected(Vec<ElectedSeat>),
    /// Supplementary vote: no majority at the first count; the second
    /// count of these remaining candidates is under way.
    SecondCountNeeded(Vec<CandidateIdx>),
    /// Referendum: the answer with more votes.
    Answer(CandidateIdx),
    /// Referendum: an exact tie between these answers, reported as such
    /// (no lot is drawn).
    Tie(Vec<CandidateIdx>),
}

/// A lot that the count needs before it can go on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LotNeeded {
    /// Why.
    pub purpose: LotPurpose,
    /// Single transferable vote: the stage whose action it decides (`votes`
    /// is then 0: the tied candidates' totals are on the stage sheet).
    pub stage: Option<u32>,
    /// The tied candidates, in ballot-paper order.
    pub tied: Vec<CandidateIdx>,
    /// How many of them the lot chooses.
    pub places: usize,
    /// Their votes.
    pub votes: u64,
}

/// A candidate elected to a seat.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ElectedSeat {
    /// The candidate.
    pub candidate: CandidateIdx,
    /// Their votes.
    pub votes: u64,
    /// The seat and its term.
    pub vacancy: Vacancy,
    /// Elected by a lot between candidates with equal votes.
    pub by_lot: bool,
}

/// Replays `entries` in order and returns the state, with every problem
/// found. An entry with a problem is skipped; the rest still apply.
#[must_use]
pub fn replay(entries: &[Entry]) -> (CountState, Vec<LogProblem>) {
    let mut state = CountState::default();
    let mut problems = Vec::new();
    for entry in entries {
        if let Err(kinds) = state.apply(entry) {
            problems.extend(kinds.into_iter().map(|kind| LogProblem {
                seq: entry.seq,
                event: entry.event.kind(),
                kind,
            }));
        }
    }
    (state, problems)
}

type Problems = Vec<ProblemKind>;

fn one(kind: ProblemKind) -> Problems {
    vec![kind]
}

fn parse_id<T>(
    field: &str,
    value: &str,
    new: fn(&str) -> Result<T, countroom_model::IdError>,
) -> Result<T, ProblemKind> {
    new(value).map_err(|source| ProblemKind::BadId {
        field: field.to_owned(),
        source,
    })
}

fn parse_date(field: &str, value: &str) -> Result<Date, ProblemKind> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(value, &format).map_err(|_| ProblemKind::BadDate {
        field: field.to_owned(),
        value: value.to_owned(),
    })
}

/// The purpose a `lot_drawn` names, among those its kind of count draws
/// lots for: `election` and `longer_term` (first past the post), or
/// `surplus_order` and `exclusion` (the single transferable vote).
pub(crate) fn lot_purpose(code: &str, stv: bool) -> Result<LotPurpose, ProblemKind> {
    LotPurpose::parse(code)
        .filter(|p| p.is_stv() == stv)
        .ok_or_else(|| ProblemKind::UnknownCode {
            field: "purpose".into(),
            what: "lot purpose",
            value: code.to_owned(),
            expected: LotPurpose::ALL
                .iter()
                .filter(|p| p.is_stv() == stv)
                .map(|p| p.code())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

fn parse_head(field: &str, value: &str, rules: &Ruleset) -> Result<RejectionHead, ProblemKind> {
    let head = RejectionHead::from_code(value).ok_or_else(|| ProblemKind::UnknownCode {
        field: field.to_owned(),
        what: "rejection head",
        value: value.to_owned(),
        expected: rules
            .heads
            .iter()
            .map(|h| h.head.code())
            .collect::<Vec<_>>()
            .join(", "),
    })?;
    rules
        .head(head)
        .map(|h| h.head)
        .ok_or(ProblemKind::HeadNotInRuleset {
            field: field.to_owned(),
            head: value.to_owned(),
            ruleset: rules.code,
        })
}

impl CountState {
    /// The elections, in the order defined.
    #[must_use]
    pub fn elections(&self) -> &[Election] {
        &self.elections
    }

    /// The contests, in the order defined.
    #[must_use]
    pub fn contests(&self) -> &[ContestCount] {
        &self.contests
    }

    /// The contest with id `id`.
    #[must_use]
    pub fn contest(&self, id: &ContestId) -> Option<&ContestCount> {
        self.contests.iter().find(|c| c.contest.id() == id)
    }

    /// The ballot boxes, in the order defined.
    #[must_use]
    pub fn ballot_boxes(&self) -> &[BallotBox] {
        &self.ballot_boxes
    }

    /// The polling stations, in the order defined.
    #[must_use]
    pub fn polling_stations(&self) -> &[PollingStation] {
        &self.polling_stations
    }

    /// The polling places, in the order defined.
    #[must_use]
    pub fn polling_places(&self) -> &[PollingPlace] {
        &self.polling_places
    }

    /// The ballot boxes received at the count, in order of arrival.
    #[must_use]
    pub fn receipts(&self) -> &[Receipt] {
        &self.receipts
    }

    /// The ballot box `id`, if defined.
    #[must_use]
    pub fn ballot_box(&self, id: &BallotBoxId) -> Option<&BallotBox> {
        self.box_index
            .get(id)
            .and_then(|&i| self.ballot_boxes.get(i))
    }

    /// The counting area of postal ballot box `id`, where its definition
    /// gave one (`ballot_box_defined`'s `counting_area`).
    #[must_use]
    pub fn postal_box_area(&self, id: &BallotBoxId) -> Option<&CountingAreaId> {
        self.postal_areas.get(id)
    }

    /// The polling station `id`, if defined.
    #[must_use]
    pub fn polling_station(&self, id: &PollingStationId) -> Option<&PollingStation> {
        self.station_index
            .get(id)
            .and_then(|&i| self.polling_stations.get(i))
    }

    /// The receipt of ballot box `id`, once received.
    #[must_use]
    pub fn receipt(&self, id: &BallotBoxId) -> Option<&Receipt> {
        self.receipt_index
            .get(id)
            .and_then(|&i| self.receipts.get(i))
    }

    /// The counting areas, in the order defined.
    #[must_use]
    pub fn counting_areas(&self) -> &[CountingArea] {
        &self.counting_areas
    }

    /// The counting area `id`, if defined (looked up by index).
    pub(crate) fn counting_area(&self, id: &CountingAreaId) -> Option<&CountingArea> {
        self.area_index
            .get(id)
            .and_then(|&i| self.counting_areas.get(i))
    }

    /// A refusal of a list contest's event worded for its own poll: the
    /// officer who allocates the seats there ("at this poll, the
    /// constituency returning officer" at the Senedd from 2026, the
    /// regional returning officer of a Scottish region, the Greater London
    /// returning officer for the London members), never a poll's officer
    /// it does not have.
    fn in_list_terms(
        &self,
        entry: &Entry,
        refusal: crate::authority::Refusal,
    ) -> crate::authority::Refusal {
        let crate::authority::Refusal::NotAllowed {
            person,
            holds,
            what,
            allowed,
            rule,
        } = refusal
        else {
            return refusal;
        };
        // Only the allocation's own events: the others' rules are the count's.
        let allocation = matches!(
            entry.event,
            Event::ListLotDrawn(_)
                | Event::AllocationRecalculationRequested(_)
                | Event::AllocationRecalculated(_)
                | Event::ListVacancyFilled(_)
        );
        let officer = crate::authority::event_contests(&entry.event)
            .first()
            .filter(|_| allocation)
            .and_then(|id| self.list_contests.iter().find(|c| c.id() == *id))
            .map(|c| c.office().allocating_officer());
        crate::authority::Refusal::NotAllowed {
            person,
            holds,
            what,
            allowed,
            rule: match officer {
                Some(o) => format!("{rule}; at this poll, {o}"),
                None => rule,
            },
        }
    }

    /// Applies one entry, or reports why it cannot be applied (leaving the
    /// state unchanged).
    pub fn apply(&mut self, entry: &Entry) -> Result<(), Vec<ProblemKind>> {
        if entry.by.trim().is_empty() {
            return Err(one(ProblemKind::NoActor));
        }
        // Who may record what (from the first appointment on).
        self.authority
            .check(entry)
            .map_err(|r| one(self.in_list_terms(entry, r).into()))?;
        match &entry.event {
            Event::ElectionDefined(e) => self.election_defined(e).map_err(one),
            Event::ContestDefined(e) => self.contest_defined(e),
            Event::CountingAreaDefined(e) => self.counting_area_defined(e).map_err(one),
            Event::PollingPlaceDefined(e) => self.polling_place_defined(e).map_err(one),
            Event::PollingStationDefined(e) => self.polling_station_defined(e).map_err(one),
            Event::BallotBoxDefined(e) => self.ballot_box_defined(e).map_err(one),
            Event::PapersVerified(e) => {
                let c = self.open_contest(&e.contest)?;
                if !c.verification.boxes().is_empty() {
                    return Err(one(ProblemKind::VerifiedFromVerification {
                        contest: e.contest.clone(),
                    }));
                }
                c.verified = Some(e.papers);
                Ok(())
            }
            Event::BoxReceived(e) => self.box_received(e, &entry.by).map_err(one),
            Event::AccountEntered(e) => self.account_entered(e),
            Event::BoxCounted(e) => self.box_counted(e, &entry.by).map_err(one),
            Event::PapersMoved(e) => self.papers_moved(e).map_err(one),
            Event::PostalOpeningRecorded(e) => self.postal_opening(e),
            Event::TenderedVotesListed(e) => self.tendered_listed(e).map_err(one),
            Event::VerificationCompleted(e) => self.verification_completed(e, &entry.by).map_err(one),
            Event::BundleCounted(e) if self.is_list_contest(&e.contest) => self.list_bundle(e),
            Event::PaperBatchCounted(e) if self.is_list_contest(&e.contest) => self.list_batch(e),
            Event::RejectedCounted(e) if self.is_list_contest(&e.contest) => self.list_rejected(e),
            Event::CountCompleted(e) if self.is_list_contest(&e.contest) => {
                self.list_count_completed(entry, e)
            }
            Event::RecountRequested(e) if self.is_list_contest(&e.contest) => {
                self.list_recount_requested(entry, e)
            }
            Event::RecountDecided(e) if self.is_list_contest(&e.contest) => {
                self.list_recount_decided(entry, e)
            }
            Event::PapersSetAside(e) if self.is_list_contest(&e.contest) => {
                self.list_papers_set_aside(e)
            }
            Event::DoubtfulPaperDecided(e) if self.is_list_contest(&e.contest) => {
                self.list_doubtful_decided(entry, e)
            }
            Event::SavedCounted(e) if self.is_list_contest(&e.contest) => self.list_saved(e),
            Event::RejectionObjected(e) if self.is_list_contest(&e.contest) => {
                self.list_objection(entry, e)
            }
            Event::ExplanationRecorded(e)
                if e.ballot_box.is_none() && self.is_list_contest(&e.contest) =>
            {
                match e.run {
                    Some(run) => self.list_explanation(entry, e, run),
                    None => Err(one(ProblemKind::BadDecision {
                        field: "run".into(),
                        reason: "give either `run` (a count run's variance) or `ballot_box` (a box's variance at verification), not both or neither".into(),
                    })),
                }
            }
            Event::ExplanationRecorded(log::ExplanationRecorded {
                counting_area: Some(_),
                ballot_box: Some(b),
                ..
            }) => Err(one(ProblemKind::BadDecision {
                field: "counting_area".into(),
                reason: format!("an explanation of ballot box {b}'s variance at verification names no counting area: the box gives it"),
            })),
            Event::BundleCounted(log::BundleCounted {
                contest,
                counting_area: Some(a),
                ..
            })
            | Event::PaperBatchCounted(log::PaperBatchCounted {
                contest,
                counting_area: Some(a),
                ..
            })
            | Event::RejectedCounted(log::RejectedCounted {
                contest,
                counting_area: Some(a),
                ..
            })
            | Event::CountCompleted(log::CountCompleted {
                contest,
                counting_area: Some(a),
                ..
            })
            | Event::RecountRequested(log::RecountRequested {
                contest,
                counting_area: Some(a),
                ..
            })
            | Event::RecountDecided(log::RecountDecided {
                contest,
                counting_area: Some(a),
                ..
            })
            | Event::PapersSetAside(log::PapersSetAside {
                contest,
                counting_area: Some(a),
                ..
            })
            | Event::DoubtfulPaperDecided(log::DoubtfulPaperDecided {
                contest,
                counting_area: Some(a),
                ..
            })
            | Event::SavedCounted(log::SavedCounted {
                contest,
                counting_area: Some(a),
                ..
            })
            | Event::RejectionObjected(log::RejectionObjected {
                contest,
                counting_area: Some(a),
                ..
            })
            | Event::ExplanationRecorded(log::ExplanationRecorded {
                contest,
                counting_area: Some(a),
                ..
            }) => Err(list_papers::area_not_for_contest(contest, a)),
            Event::BundleCounted(e) => {
                // Only the box the bundle names is looked at.
                let named: Vec<BallotBox> = e
                    .ballot_box
                    .as_deref()
                    .and_then(|b| BallotBoxId::new(b).ok())
                    .and_then(|id| self.ballot_box(&id))
                    .into_iter()
                    .cloned()
                    .collect();
                let c = self.counting_contest(&e.contest, e.run)?;
                c.bundle_counted(e, &named)
            }
            Event::RejectedCounted(e) => {
                let c = self.counting_contest(&e.contest, e.run)?;
                let rules = ruleset(c.contest.ruleset());
                // Rejected papers known only as a total (published results
                // that give no breakdown): accepted here under every
                // ruleset, and shown apart from the statutory heads.
                let head = if e.head == RejectionHead::BreakdownNotGiven.code() {
                    RejectionHead::BreakdownNotGiven
                } else {
                    parse_head("head", &e.head, rules).map_err(one)?
                };
                let mut unit = Tally::new(c.contest.n_standing());
                unit.add_rejected(head, e.papers)
                    .map_err(|x| one(x.into()))?;
                c.add_to_run(&format!("rejected_counted ({})", e.head), &unit)
            }
            Event::RejectedInPartCounted(e) => {
                let c = self.counting_contest(&e.contest, e.run)?;
                c.check_rejected_in_part_applies()?;
                let mut unit = Tally::new(c.contest.n_standing());
                unit.add_rejected_in_part(e.papers)
                    .map_err(|x| one(x.into()))?;
                c.add_to_run("rejected_in_part_counted", &unit)
            }
            Event::PaperBatchCounted(e) => {
                let c = self.counting_contest(&e.contest, e.run)?;
                c.paper_batch_counted(e)
            }
            Event::SavedCounted(e) => {
                let c = self.counting_contest(&e.contest, e.run)?;
                c.saved_counted(e)
            }
            Event::RejectionObjected(e) => {
                let c = self.open_contest(&e.contest)?;
                if c.collation.is_some() {
                    return Err(one(ProblemKind::Collated {
                        contest: e.contest.clone(),
                    }));
                }
                c.check_run(e.run)?;
                c.rejection_objected(e, &entry.by, entry.reason.as_deref())
            }
            Event::PapersSetAside(e) => {
                let c = self.counting_contest(&e.contest, e.run)?;
                let run = c.current_run_mut()?;
                run.set_aside_papers("papers", &e.papers)
            }
            Event::DoubtfulPaperDecided(e) => {
                let c = self.counting_contest(&e.contest, e.run)?;
                c.doubtful_paper_decided(e, &entry.by, entry.reason.as_deref())
            }
            Event::ExplanationRecorded(e) => match (e.run, &e.ballot_box) {
                (Some(run), None) => {
                    let c = self.open_contest(&e.contest)?;
                    let run = c.run_mut(run)?;
                    run.explanations.push(Explanation {
                        by: entry.by.clone(),
                        text: e.text.clone(),
                    });
                    Ok(())
                }
                (None, Some(ballot_box)) => self.box_explained(&e.contest, ballot_box, &e.text).map_err(one),
                _ => Err(one(ProblemKind::BadDecision {
                    field: "run".into(),
                    reason: "give either `run` (a count run's variance) or `ballot_box` (a box's variance at verification), not both or neither".into(),
                })),
            },
            Event::CountCompleted(e) => {
                let c = self.counting_contest(&e.contest, e.run)?;
                c.current_run_mut()?.check_undecided()?;
                // No papers join a completed run: its lines move into the
                // election, which is kept, rather than being copied.
                let election = match c.stv_rules() {
                    Some(_) => {
                        let lines = std::mem::take(&mut c.current_run_mut()?.stv);
                        Some(std::sync::Arc::new(c.stv_election_of(lines)))
                    }
                    None => None,
                };
                let run = c.current_run_mut()?;
                run.completed_by = Some(entry.by.clone());
                run.stv_election = election;
                Ok(())
            }
            Event::RecountRequested(e) => {
                let c = self.completed_contest(&e.contest, e.run)?;
                let candidate = match &e.candidate {
                    Some(id) => Some(c.standing_candidate("candidate", id).map_err(one)?),
                    None => None,
                };
                c.recounts.push(RecountRecord {
                    run: e.run,
                    requested_by: entry.by.clone(),
                    candidate,
                    reason: entry.reason.clone(),
                    decision: None,
                });
                Ok(())
            }
            Event::RecountDecided(e) => {
                let c = self.open_contest(&e.contest)?;
                c.check_run(e.run)?;
                let pending: Vec<usize> = c
                    .recounts
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.run == e.run && r.decision.is_none())
                    .map(|(i, _)| i)
                    .collect();
                if pending.is_empty() {
                    return Err(one(ProblemKind::RecountNotRequested {
                        contest: e.contest.clone(),
                        run: e.run,
                    }));
                }
                for i in pending {
                    if let Some(r) = c.recounts.get_mut(i) {
                        r.decision = Some(RecountDecision {
                            granted: e.granted,
                            by: entry.by.clone(),
                            reason: entry.reason.clone(),
                        });
                    }
                }
                if e.granted {
                    let n = c.contest.n_standing();
                    let next = e.run.checked_add(1).ok_or_else(|| {
                        one(ProblemKind::TotalOverflow {
                            unit: format!("the re-count of run {}", e.run),
                            what: "run numbers".into(),
                            adds: 1,
                            to: u128::from(e.run),
                        })
                    })?;
                    c.runs.push(Run::new(
                        next,
                        RunOrigin::Recount { of: e.run },
                        n,
                    ));
                }
                Ok(())
            }
            Event::LotDrawn(e) if self.is_collated(&e.contest) => {
                self.collated_contest(&e.contest)?.collated_lot(e, &entry.by)
            }
            Event::ResultDeclared(e) if self.is_collated(&e.contest) => {
                let c = self.collated_contest(&e.contest)?;
                c.collated_declared(e, &entry.by, entry.at.as_ref())
            }
            Event::ResultDeclared(e) if self.is_ams_constituency(&e.contest) => {
                // The additional member system: the constituency's return
                // goes to the region's list contest (checked first, so that
                // a contradiction refuses the declaration whole).
                let returns = self.returns_on_declaration(&e.contest, &entry.by)?;
                if self.is_uncontested(&e.contest) {
                    self.uncontested_declared(e, &entry.by, entry.at.as_ref())?;
                } else {
                    self.contest_declared(entry, e)?;
                }
                self.record_returns(returns);
                Ok(())
            }
            Event::ResultDeclared(e) if self.is_uncontested(&e.contest) => {
                self.uncontested_declared(e, &entry.by, entry.at.as_ref())
            }
            Event::LotDrawn(e) => {
                let c = self.completed_contest(&e.contest, e.run)?;
                if c.stv_rules().is_some() {
                    c.stv_lot_drawn(e, &entry.by)
                } else if e.stage.is_some() {
                    Err(one(ProblemKind::NotStv {
                        field: "stage".into(),
                        ruleset: c.rules().code,
                    }))
                } else {
                    c.lot_drawn(e, &entry.by)
                }
            }
            Event::ResultDeclared(e) if self.is_list_contest(&e.contest) => {
                self.list_declared(entry, e)
            }
            Event::ResultDeclared(e) => self.contest_declared(entry, e),
            Event::SecondPreferencesCounted(e) => {
                let c = self.completed_contest(&e.contest, e.run)?;
                c.second_preferences_counted(e)
            }
            Event::SecondCountCompleted(e) => {
                let c = self.completed_contest(&e.contest, e.run)?;
                c.second_count_open(e.run)?;
                let run = c.current_run_mut()?;
                run.second.completed_by = Some(entry.by.clone());
                Ok(())
            }
            Event::RegionDefined(e) => self.region_defined(e).map_err(one),
            Event::LocalTotalReported(e) if self.is_list_contest(&e.contest) => {
                self.list_local_total(entry, e)
            }
            Event::LocalTotalAuthorised(e) if self.is_list_contest(&e.contest) => {
                self.list_authorise(&e.counting_area, &e.contest)
            }
            Event::AreaRecountOrdered(e) if self.is_list_contest(&e.contest) => {
                self.list_recount(entry, &e.counting_area, &e.contest)
            }
            Event::ListContestDefined(e) => self.list_contest_defined(e),
            Event::ConstituencyReturnReported(e) => self.constituency_return(entry, e),
            Event::ListLotDrawn(e) => self.list_lot_drawn(entry, e),
            Event::AllocationRecalculationRequested(e) => self.recalculation_requested(entry, e),
            Event::AllocationRecalculated(e) => self.recalculated(entry, e),
            Event::ListVacancyFilled(e) => self.list_vacancy(entry, e),
            Event::PlanningDecisionRecorded(e) => self.planning_decision(entry, e),
            Event::LocalTotalReported(e) => self.collated_contest(&e.contest)?.local_total(e),
            Event::LocalTotalAuthorised(e) => {
                let c = self.collated_contest(&e.contest)?;
                c.collation_mut()?
                    .authorise(&e.counting_area)
                    .map_err(|x| one(x.into()))
            }
            Event::AreaRecountOrdered(e) => {
                let c = self.collated_contest(&e.contest)?;
                c.collation_mut()?
                    .order_recount(&e.counting_area)
                    .map_err(|x| one(x.into()))
            }
            Event::SecondCountDirected(e) => self.collated_contest(&e.contest)?.second_count_directed(e),
            Event::LocalSecondCountReported(e) => {
                self.collated_contest(&e.contest)?.local_second_count(e)
            }
            Event::OfficerAppointed(e) => self.officer_appointed(entry, e),
            Event::AgentAppointed(e) => self.agent_appointed(entry, e),
            // A signature is verified against the file (`crate::replay_log`);
            // an upgrade changes nothing in the count.
            Event::CheckpointSigned(_) | Event::LogUpgraded(_) => Ok(()),
        }
    }

    /// What the log proves about itself, when the state was replayed from a
    /// log file ([`crate::replay_log`]).
    #[must_use]
    pub fn evidence(&self) -> Option<&crate::Evidence> {
        self.evidence.as_ref()
    }

    /// Who held which office, and from which entry authority was checked.
    #[must_use]
    pub fn authority(&self) -> &crate::authority::Authority {
        &self.authority
    }

    /// Says that the log had `in_log` entries and the rest of the entries
    /// replayed were made from other files ([`crate::Evidence::with_added`]).
    pub fn note_entries_added(&mut self, in_log: u64) {
        if let Some(e) = self.evidence.as_mut() {
            e.with_added(in_log);
        }
    }

    pub(crate) fn set_evidence(&mut self, evidence: crate::Evidence) {
        self.evidence = Some(evidence);
    }

    fn election_defined(&mut self, e: &log::ElectionDefined) -> Result<(), ProblemKind> {
        let id = parse_id("election", &e.election, ElectionId::new)?;
        if self.elections.iter().any(|x| x.id == id) {
            return Err(ProblemKind::Duplicate {
                field: "election".into(),
                what: "election",
                id: e.election.clone(),
            });
        }
        let poll_date = parse_date("poll_date", &e.poll_date)?;
        self.elections
            .push(Election::new(id, e.name.clone(), poll_date));
        Ok(())
    }

    /// The declaration of a contest counted in runs.
    fn contest_declared(
        &mut self,
        entry: &log::Entry,
        e: &log::ResultDeclared,
    ) -> Result<(), Problems> {
        let c = self.completed_contest(&e.contest, e.run)?;
        if !c.verification.boxes().is_empty() && c.verification.completed_by().is_none() {
            return Err(one(ProblemKind::NotDeclarable {
                contest: e.contest.clone(),
                run: e.run,
                reason: "the verification of its ballot papers is not completed".into(),
            }));
        }
        match c.current_outcome() {
            RunOutcome::Elected(_) | RunOutcome::Answer(_) | RunOutcome::Tie(_) => {
                c.declared = Some(Declared {
                    run: e.run,
                    by: entry.by.clone(),
                    at: entry.at.clone().map(EntryTime::from),
                });
                Ok(())
            }
            RunOutcome::LotNeeded(lot) => Err(one(ProblemKind::NotDeclarable {
                contest: e.contest.clone(),
                run: e.run,
                reason: format!(
                    "an equality of votes between {} must first be settled by lot ({})",
                    c.ids(&lot.tied),
                    lot.purpose.code()
                ),
            })),
            RunOutcome::SecondCountNeeded(remaining) => Err(one(ProblemKind::NotDeclarable {
                contest: e.contest.clone(),
                run: e.run,
                reason: format!(
                    "no candidate has more than half the first preferences: the second count of {} must first be completed",
                    c.ids(&remaining)
                ),
            })),
            RunOutcome::Counting => Err(one(ProblemKind::RunNotCompleted {
                contest: e.contest.clone(),
                run: e.run,
            })),
        }
    }

    fn contest_defined(&mut self, e: &log::ContestDefined) -> Result<(), Problems> {
        let mut problems = Vec::new();
        let id = ContestId::new(&e.contest).map_err(|source| ProblemKind::BadId {
            field: "contest".into(),
            source,
        });
        if let Ok(id) = &id {
            // Unique among all contests, the list contests' too (as
            // `list_contest_defined` checks against these).
            if self.contest(id).is_some() || self.is_list_contest(id.as_str()) {
                problems.push(ProblemKind::Duplicate {
                    field: "contest".into(),
                    what: "contest",
                    id: e.contest.clone(),
                });
            }
        }
        let election = parse_id("election", &e.election, ElectionId::new).and_then(|id| {
            self.elections
                .iter()
                .find(|x| x.id == id)
                .cloned()
                .ok_or(ProblemKind::Unknown {
                    field: "election".into(),
                    what: "election",
                    id: e.election.clone(),
                })
        });
        let office = Office::parse(&e.office, e.authority.as_deref()).map_err(|source| {
            // An office of a list system (the Senedd, the Scottish
            // Parliament, the London Assembly) is refused by name, with
            // its rulesets cited, not reported as unknown.
            if let countroom_model::OfficeError::UnknownOffice(code) = &source {
                if let Some(office) = countroom_rules::lists::ListOffice::from_code(code)
                    .filter(|o| list::LIST_CONTEST_OFFICES.contains(o))
                {
                    let rulesets: Vec<&str> = countroom_rules::lists::LIST_RULESETS
                        .iter()
                        .filter(|r| r.office == office)
                        .map(|r| r.code)
                        .collect();
                    return ProblemKind::ListPoll {
                        office: code.clone(),
                        reason: format!(
                            "a contest for office {code} is a list contest ({}): define it with list_contest_defined, whose options are the registered parties and individual candidates, not with contest_defined (docs/count-log.md, \"List contests\")",
                            rulesets.join(", ")
                        ),
                    };
                }
                if let Some(reason) = countroom_rules::lists::refusal_for_office_code(code) {
                    return ProblemKind::ListPoll {
                        office: code.clone(),
                        reason,
                    };
                }
            }
            ProblemKind::Office {
                field: match source {
                    countroom_model::OfficeError::UnknownOffice(_) => "office",
                    _ => "authority",
                },
                source,
            }
        });
        let voting_system = match e.voting_system.as_deref().map(|v| {
            VotingSystem::from_code(v).ok_or_else(|| ProblemKind::UnknownCode {
                field: "voting_system".into(),
                what: "voting system",
                value: v.to_owned(),
                expected: VotingSystem::ALL.map(VotingSystem::code).join(", "),
            })
        }) {
            Some(Err(problem)) => {
                problems.push(problem);
                None
            }
            Some(Ok(v)) => Some(v),
            None => None,
        };
        let country = Country::from_code(&e.country).ok_or_else(|| ProblemKind::UnknownCode {
            field: "country".into(),
            what: "country",
            value: e.country.clone(),
            expected: Country::ALL.map(Country::code).join(", "),
        });
        let mut vacancies = Vec::new();
        for (i, v) in e.vacancies.iter().enumerate() {
            let kind = match v.kind.as_str() {
                "ordinary" => Ok(VacancyKind::Ordinary),
                "casual" => Ok(VacancyKind::Casual),
                other => Err(ProblemKind::UnknownCode {
                    field: format!("vacancies[{i}].kind"),
                    what: "vacancy kind",
                    value: other.to_owned(),
                    expected: "ordinary, casual".into(),
                }),
            };
            let term_ends = v
                .term_ends
                .as_deref()
                .map(|t| parse_date(&format!("vacancies[{i}].term_ends"), t))
                .transpose();
            match (kind, term_ends) {
                (Ok(kind), Ok(term_ends)) => vacancies.push(Vacancy::new(kind, term_ends)),
                (kind, term_ends) => problems.extend(kind.err().into_iter().chain(term_ends.err())),
            }
        }
        let mut candidates = Vec::new();
        for (i, c) in e.candidates.iter().enumerate() {
            match CandidateId::new(&c.id) {
                Ok(id) => candidates.push(
                    countroom_model::Candidate::new(id, c.name.clone())
                        .description(c.description.clone())
                        .withdrawn(c.withdrawn),
                ),
                Err(source) => problems.push(ProblemKind::BadId {
                    field: format!("candidates[{i}].id"),
                    source,
                }),
            }
        }
        let (id, election, office, country) = match (id, election, office, country) {
            (Ok(a), Ok(b), Ok(c), Ok(d)) => (a, b, c, d),
            (a, b, c, d) => {
                problems.extend(a.err());
                problems.extend(b.err());
                problems.extend(c.err());
                problems.extend(d.err());
                return Err(problems);
            }
        };
        let selected = match countroom_rules::select_with_system(
            country,
            office,
            election.poll_date,
            voting_system,
        ) {
            Ok(r) => r,
            Err(e) => {
                problems.push(e.into());
                return Err(problems);
            }
        };
        // The seat constraint of the ruleset; no vacancies, and vacancies
        // at a referendum, are the contest's own errors (ContestError).
        let allowed = ruleset(selected).seats;
        let contest_reports = vacancies.is_empty() || allowed == countroom_rules::SeatRule::NoSeats;
        if !allowed.allows(vacancies.len()) && !contest_reports {
            problems.push(ProblemKind::Seats {
                office: e.office.clone(),
                ruleset: ruleset(selected).code,
                seats: vacancies.len(),
                allowed: allowed.describe(),
            });
        }
        if let Some(given) = &e.ruleset {
            let code = ruleset(selected).code;
            if given != code {
                problems.push(ProblemKind::RulesetMismatch {
                    given: given.clone(),
                    selected: code,
                });
            }
        }
        problems.extend(self.local_poll_problems(e, office, &election.id, selected));
        let spec = ContestSpec {
            id,
            election: election.id.clone(),
            title: e.title.clone(),
            area: e.area.clone(),
            office,
            country,
            poll_date: election.poll_date,
            ruleset: selected,
            voting_system,
            electorate: Electorate::new(e.electorate),
            vacancies,
            candidates,
        };
        let contest = match Contest::new(spec) {
            Ok(contest) => contest,
            Err(errors) => {
                problems.extend(errors.into_iter().map(ProblemKind::from));
                return Err(problems);
            }
        };
        let collation = if e.counting_areas.is_empty() {
            None
        } else {
            match self.collation_plan(&contest, &e.counting_areas) {
                Ok(plan) => match countroom_collate::Collation::new(plan) {
                    Ok(c) => Some(c),
                    Err(errors) => {
                        problems.extend(errors.into_iter().map(ProblemKind::from));
                        None
                    }
                },
                Err(errors) => {
                    problems.extend(errors);
                    None
                }
            }
        };
        // A constituency named in a list contest's explicit party links:
        // the linked candidates must be this contest's (list.rs).
        problems.extend(self.party_link_problems(&contest));
        if !problems.is_empty() {
            return Err(problems);
        }
        let runs = if contest.is_uncontested() || collation.is_some() {
            Vec::new()
        } else {
            vec![Run::new(1, RunOrigin::First, contest.n_standing())]
        };
        self.contests.push(ContestCount {
            contest,
            ballot_paper_id: e.ballot_paper_id.clone(),
            question: e.question.clone(),
            collation,
            collation_lots: Vec::new(),
            verified: None,
            verification: countroom_verify::PollVerification::default(),
            runs,
            recounts: Vec::new(),
            declared: None,
        });
        Ok(())
    }

    /// The rules of a local poll's instrument that its definition must
    /// keep (crates/rules `local_polls`): a parish poll on a question
    /// states its question; a question is given only at a poll on a
    /// question; a Yes/No referendum's answers are "Yes" then "No"; a
    /// governance referendum has two answers (SI 2012/323 Sch 1); a
    /// business referendum is held with the residents' referendum on the
    /// same plan, defined before it in the same election (Town and Country
    /// Planning Act 1990 Sch 4B paras 14-15).
    fn local_poll_problems(
        &self,
        e: &log::ContestDefined,
        office: Office,
        election: &ElectionId,
        selected: countroom_model::RulesetId,
    ) -> Vec<ProblemKind> {
        let mut problems = Vec::new();
        let question = e
            .question
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty());
        if office == Office::LocalPoll(PollKind::ParishPollQuestion) && question.is_none() {
            problems.push(ProblemKind::LocalPoll {
                field: "question",
                message: "a parish poll on a question must give the question put (the question arising at the parish meeting on which the poll was demanded: Local Government Act 1972 Sch 12 para 18(4); Parish and Community Meetings (Polls) Rules 1987)".into(),
            });
        }
        if e.question.is_some() && !office.is_question() {
            problems.push(ProblemKind::LocalPoll {
                field: "question",
                message: format!(
                    "a {} contest is an election, not a poll on a question: give no question",
                    e.office
                ),
            });
        }
        if let Some(answers) = countroom_rules::local_polls::rules(selected).and_then(|r| r.answers)
        {
            let given: Vec<&str> = e
                .candidates
                .iter()
                .filter(|c| !c.withdrawn)
                .map(|c| c.name.as_str())
                .collect();
            if given != answers {
                problems.push(ProblemKind::LocalPoll {
                    field: "candidates",
                    message: format!(
                        "the answers of a {} are {} in that order (the ballot paper's statutory form: {}); given: {}",
                        e.office,
                        answers.join(", "),
                        ruleset(selected).instrument,
                        if given.is_empty() { "none".to_owned() } else { given.join(", ") }
                    ),
                });
            }
        }
        if let Some(rules) = countroom_rules::local_polls::rules(selected).filter(|r| r.two_answers)
        {
            let given: Vec<&str> = e
                .candidates
                .iter()
                .filter(|c| !c.withdrawn)
                .map(|c| c.name.as_str())
                .collect();
            match given[..] {
                [first, second] => {
                    // The words of one paragraph of SI 2012/323 Sch 1, the
                    // arrangements in place first (reg 3).
                    if countroom_rules::local_polls::governance_question(first, second).is_none() {
                        problems.push(ProblemKind::LocalPoll {
                            field: "candidates",
                            message: format!(
                                "the answers of a {} are the words of one paragraph of Sch 1, the arrangements in place first ({}); given: {first:?}, {second:?}",
                                e.office, rules.question_citation
                            ),
                        });
                    }
                }
                _ => problems.push(ProblemKind::LocalPoll {
                    field: "candidates",
                    message: format!(
                        "a {} offers two answers, the arrangements in place and the change proposed ({}); given: {}",
                        e.office,
                        rules.question_citation,
                        given.len()
                    ),
                }),
            }
        }
        if office == Office::LocalPoll(PollKind::NeighbourhoodPlanningBusiness)
            && !self.contests.iter().any(|c| {
                c.contest.election() == election
                    && c.contest.office() == Office::LocalPoll(PollKind::NeighbourhoodPlanning)
            })
        {
            problems.push(ProblemKind::LocalPoll {
                field: "office",
                message: "a business referendum is held only with the residents' referendum on the same neighbourhood plan (Town and Country Planning Act 1990 Sch 4B paras 14-15): define the neighbourhood_planning_referendum contest of this election before it".into(),
            });
        }
        problems
    }

    fn counting_area_defined(&mut self, e: &log::CountingAreaDefined) -> Result<(), ProblemKind> {
        let id = parse_id("counting_area", &e.counting_area, CountingAreaId::new)?;
        if self.area_index.contains_key(&id) {
            return Err(duplicate(
                "counting_area",
                "counting area",
                &e.counting_area,
            ));
        }
        if let Some(region) = &e.region {
            if !self.regions.iter().any(|r| &r.id == region) {
                return Err(unknown("region", "region", region));
            }
        }
        self.area_index
            .insert(id.clone(), self.counting_areas.len());
        self.counting_areas.push(CountingArea {
            id,
            name: e.name.clone(),
            region: e.region.clone(),
            electorate: e.electorate,
        });
        Ok(())
    }

    fn polling_place_defined(&mut self, e: &log::PollingPlaceDefined) -> Result<(), ProblemKind> {
        let id = parse_id("polling_place", &e.polling_place, PollingPlaceId::new)?;
        if self.place_index.contains_key(&id) {
            return Err(duplicate(
                "polling_place",
                "polling place",
                &e.polling_place,
            ));
        }
        let counting_area = match &e.counting_area {
            Some(a) => {
                let area = parse_id("counting_area", a, CountingAreaId::new)?;
                if self.counting_area(&area).is_none() {
                    return Err(unknown("counting_area", "counting area", a));
                }
                Some(area)
            }
            None => None,
        };
        self.place_index
            .insert(id.clone(), self.polling_places.len());
        self.polling_places.push(PollingPlace {
            id,
            name: e.name.clone(),
            counting_area,
        });
        Ok(())
    }

    fn polling_station_defined(
        &mut self,
        e: &log::PollingStationDefined,
    ) -> Result<(), ProblemKind> {
        let id = parse_id("polling_station", &e.polling_station, PollingStationId::new)?;
        if self.station_index.contains_key(&id) {
            return Err(duplicate(
                "polling_station",
                "polling station",
                &e.polling_station,
            ));
        }
        let place = parse_id("polling_place", &e.polling_place, PollingPlaceId::new)?;
        if !self.place_index.contains_key(&place) {
            return Err(unknown("polling_place", "polling place", &e.polling_place));
        }
        self.station_index
            .insert(id.clone(), self.polling_stations.len());
        self.polling_stations.push(PollingStation {
            id,
            polling_place: place,
            name: e.name.clone(),
        });
        Ok(())
    }

    fn ballot_box_defined(&mut self, e: &log::BallotBoxDefined) -> Result<(), ProblemKind> {
        let id = parse_id("ballot_box", &e.ballot_box, BallotBoxId::new)?;
        if self.box_index.contains_key(&id) {
            return Err(duplicate("ballot_box", "ballot box", &e.ballot_box));
        }
        let kind = match &e.polling_station {
            Some(s) => {
                let station = parse_id("polling_station", s, PollingStationId::new)?;
                if !self.station_index.contains_key(&station) {
                    return Err(unknown("polling_station", "polling station", s));
                }
                BallotBoxKind::PollingStation(station)
            }
            None => BallotBoxKind::Postal,
        };
        // A postal box's counting area (a station's box has its station's).
        let postal_area = match (&e.counting_area, &e.polling_station) {
            (None, _) => None,
            (Some(_), Some(s)) => {
                return Err(ProblemKind::ListContest {
                    field: "counting_area".into(),
                    reason: format!(
                        "a box at a polling station ({s}) is in its polling place's counting area; counting_area is given only for a postal ballot box"
                    ),
                })
            }
            (Some(a), None) => {
                let area = parse_id("counting_area", a, CountingAreaId::new)?;
                if !self.area_index.contains_key(&area) {
                    return Err(unknown("counting_area", "counting area", a));
                }
                Some(area)
            }
        };
        let mut contests = Vec::new();
        for (i, c) in e.contests.iter().enumerate() {
            // The field's name is made only for a problem.
            let field = || format!("contests[{i}]");
            let cid = ContestId::new(c).map_err(|source| ProblemKind::BadId {
                field: field(),
                source,
            })?;
            if self.contest(&cid).is_none() && !self.is_list_contest(c) {
                return Err(unknown(&field(), "contest", c));
            }
            contests.push(cid);
        }
        let bx = BallotBox { id, kind, contests };
        let station = self.station_of(&bx)?;
        for cid in &bx.contests {
            if let Some(c) = self.contests.iter_mut().find(|c| c.contest.id() == cid) {
                c.verification.register(&bx.id, station.clone());
            } else if let Some(c) = self
                .list_contests
                .iter_mut()
                .find(|c| c.id() == cid.as_str())
            {
                // A list poll's boxes (its list papers' verification).
                c.verification.register(&bx.id, station.clone());
            }
        }
        if let Some(area) = postal_area {
            self.postal_areas.insert(bx.id.clone(), area);
        }
        self.box_index
            .insert(bx.id.clone(), self.ballot_boxes.len());
        self.ballot_boxes.push(bx);
        Ok(())
    }

    /// A defined contest whose result is not yet declared.
    ///
    /// Found by its text, without making a `ContestId` at each step: a
    /// malformed id matches no contest (every contest's id was checked when
    /// defined), and is then reported as malformed rather than unknown.
    fn open_contest(&mut self, id: &str) -> Result<&mut ContestCount, Problems> {
        let Some(c) = self
            .contests
            .iter_mut()
            .find(|c| c.contest.id().as_str() == id)
        else {
            parse_id("contest", id, ContestId::new).map_err(one)?;
            if self.list_contests.iter().any(|c| c.id() == id) {
                return Err(one(ProblemKind::ListContest {
                    field: "contest".into(),
                    reason: format!("{id} is a list contest: its list votes are counted by counting area (the counting events with `counting_area`) or reported (local_total_reported), its ballot boxes verified box by box, its lots are list_lot_drawn, and it is declared with result_declared run 0; this event is for a contest counted in runs"),
                }));
            }
            return Err(one(unknown("contest", "contest", id)));
        };
        if let Some(d) = &c.declared {
            return Err(one(ProblemKind::AlreadyDeclared {
                contest: id.to_owned(),
                run: d.run,
            }));
        }
        Ok(c)
    }

    /// A contest whose current run is `run` and still counting.
    fn counting_contest(&mut self, id: &str, run: u32) -> Result<&mut ContestCount, Problems> {
        let c = self.open_contest(id)?;
        if c.collation.is_some() {
            return Err(one(ProblemKind::Collated {
                contest: id.to_owned(),
            }));
        }
        c.check_run(run)?;
        if c.current_run().is_some_and(|r| r.completed_by.is_some()) {
            return Err(one(ProblemKind::RunCompleted {
                contest: id.to_owned(),
                run,
            }));
        }
        Ok(c)
    }

    /// A contest whose current run is `run`, completed, with no re-count
    /// request waiting.
    fn completed_contest(&mut self, id: &str, run: u32) -> Result<&mut ContestCount, Problems> {
        let c = self.open_contest(id)?;
        c.check_run(run)?;
        if c.current_run().is_some_and(|r| r.completed_by.is_none()) {
            return Err(one(ProblemKind::RunNotCompleted {
                contest: id.to_owned(),
                run,
            }));
        }
        if c.recounts
            .iter()
            .any(|r| r.run == run && r.decision.is_none())
        {
            return Err(one(ProblemKind::RecountPending {
                contest: id.to_owned(),
                run,
            }));
        }
        Ok(c)
    }
}

fn duplicate(field: &str, what: &'static str, id: &str) -> ProblemKind {
    ProblemKind::Duplicate {
        field: field.to_owned(),
        what,
        id: id.to_owned(),
    }
}

fn unknown(field: &str, what: &'static str, id: &str) -> ProblemKind {
    ProblemKind::Unknown {
        field: field.to_owned(),
        what,
        id: id.to_owned(),
    }
}

impl Run {
    fn new(number: u32, origin: RunOrigin, n_candidates: usize) -> Run {
        Run {
            number,
            origin,
            tally: Tally::new(n_candidates),
            units: BTreeSet::new(),
            n_bundles: 0,
            n_batches: 0,
            sources: Vec::new(),
            set_aside: BTreeMap::new(),
            completed_by: None,
            lots: Vec::new(),
            explanations: Vec::new(),
            sv: SvTally::new(n_candidates),
            second: SecondBundles {
                figures: SecondCountFigures::new(n_candidates),
                bundles: BTreeSet::new(),
                completed_by: None,
            },
            saved: [0; countroom_tally::SavingReason::COUNT],
            batch_rejected: BTreeMap::new(),
            objections: Vec::new(),
            stv: stv::StvLines::default(),
            stv_election: None,
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
    /// Its tally so far.
    #[must_use]
    pub fn tally(&self) -> &Tally {
        &self.tally
    }
    /// Supplementary vote: the first × second preferences of the papers
    /// counted in batches (none for papers counted in bundles by hand).
    #[must_use]
    pub fn sv_preferences(&self) -> &SvTally {
        &self.sv
    }
    /// Bundles counted.
    #[must_use]
    pub fn n_bundles(&self) -> u64 {
        self.n_bundles
    }
    /// Batches of individual papers counted.
    #[must_use]
    pub fn n_batches(&self) -> u64 {
        self.n_batches
    }
    /// The files the batches came from.
    #[must_use]
    pub fn sources(&self) -> &[log::BatchSource] {
        &self.sources
    }
    /// Doubtful papers decided by the returning officer.
    #[must_use]
    pub fn doubtful_decided(&self) -> u64 {
        self.decisions().count() as u64
    }
    /// Rejected papers endorsed "rejection objected to": doubtful papers
    /// (objected to when decided, or by a `rejection_objected` naming the
    /// paper) and papers objected to under a head.
    ///
    /// # Errors
    ///
    /// The sum past `u64::MAX` ([`TallyError::SumOverflow`]). Replay
    /// refuses an objection to more papers than were rejected under its
    /// head, so for a replayed log this is at most the rejected papers.
    pub fn rejection_objected(&self) -> Result<u64, TallyError> {
        let doubtful = self.decisions().filter(|d| d.rejection_objected).count() as u64;
        self.objections
            .iter()
            .filter(|o| o.paper.is_none())
            .try_fold(doubtful, |total, o| {
                total.checked_add(o.papers).ok_or(TallyError::SumOverflow {
                    what: "papers whose rejection was objected to",
                    total,
                    adds: o.papers,
                })
            })
    }
    /// Valid papers valid only under the saving clause, by reason (indexed
    /// by [`countroom_tally::SavingReason::index`]).
    #[must_use]
    pub fn saved(&self) -> &[u64; countroom_tally::SavingReason::COUNT] {
        &self.saved
    }
    /// The objections to rejections recorded by `rejection_objected`
    /// entries, in log order.
    #[must_use]
    pub fn objections(&self) -> &[Objection] {
        &self.objections
    }
    fn decisions(&self) -> impl Iterator<Item = &PaperDecision> {
        self.set_aside.values().filter_map(|s| s.decision.as_ref())
    }
    /// The papers set aside as doubtful, by reference, with the returning
    /// officer's decision once made.
    #[must_use]
    pub fn set_aside(&self) -> &BTreeMap<String, SetAside> {
        &self.set_aside
    }
    /// The papers set aside and not yet decided, in reference order.
    pub fn undecided(&self) -> impl Iterator<Item = &str> {
        self.set_aside
            .iter()
            .filter(|(_, s)| s.decision.is_none())
            .map(|(p, _)| p.as_str())
    }
    fn set_aside_papers(
        &mut self,
        field: &str,
        papers: &[log::SetAsidePaper],
    ) -> Result<(), Problems> {
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
        if !problems.is_empty() {
            return Err(problems);
        }
        for p in papers {
            self.set_aside.insert(
                p.paper.clone(),
                SetAside {
                    reason: p.reason.clone(),
                    decision: None,
                },
            );
        }
        Ok(())
    }
    fn check_undecided(&self) -> Result<(), Problems> {
        let undecided: Vec<&str> = self.undecided().collect();
        if undecided.is_empty() {
            return Ok(());
        }
        Err(one(ProblemKind::UndecidedPapers {
            run: self.number,
            count: undecided.len(),
            papers: list_some(&undecided),
        }))
    }
    /// Who completed the counting, once completed.
    #[must_use]
    pub fn completed_by(&self) -> Option<&str> {
        self.completed_by.as_deref()
    }
    /// Lots drawn in this run.
    #[must_use]
    pub fn lots(&self) -> &[Lot] {
        &self.lots
    }
    /// Explanations recorded for this run.
    #[must_use]
    pub fn explanations(&self) -> &[Explanation] {
        &self.explanations
    }

    fn add_unit(&mut self, contest: &str, field: &str, id: &str) -> Result<(), ProblemKind> {
        let bundle = parse_id(field, id, BundleId::new)?;
        if self.units.contains(bundle.as_str()) {
            return Err(ProblemKind::Duplicate {
                field: field.to_owned(),
                what: "bundle or batch",
                id: format!("{id} in run {} of contest {contest}", self.number),
            });
        }
        self.units.insert(bundle.as_str().to_owned());
        Ok(())
    }
}

impl ContestCount {
    /// The contest's definition.
    #[must_use]
    pub fn contest(&self) -> &Contest {
        &self.contest
    }
    /// The ballot papers verified: the total of a completed verification
    /// recorded in the log, or else the figure entered by `papers_verified`.
    /// `None` while verification is in progress or if nothing was entered.
    #[must_use]
    pub fn verified(&self) -> Option<u64> {
        if self.verification.boxes().is_empty() {
            self.verified
        } else {
            self.verification
                .completed_by()
                .map(|_| self.verification.total_verified())
        }
    }
    /// The verification of this poll.
    #[must_use]
    pub fn verification(&self) -> &countroom_verify::PollVerification {
        &self.verification
    }
    /// The runs (none for an uncontested election).
    #[must_use]
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }
    /// The current (latest) run.
    #[must_use]
    pub fn current_run(&self) -> Option<&Run> {
        self.runs.last()
    }
    /// Re-count requests and decisions.
    #[must_use]
    pub fn recounts(&self) -> &[RecountRecord] {
        &self.recounts
    }
    /// The declaration, once made.
    #[must_use]
    pub fn declared(&self) -> Option<&Declared> {
        self.declared.as_ref()
    }
    /// Democracy Club's ballot paper id, if the log gives one.
    #[must_use]
    pub fn ballot_paper_id(&self) -> Option<&str> {
        self.ballot_paper_id.as_deref()
    }
    /// The question put, at a poll on a question, if the log gives one.
    #[must_use]
    pub fn question(&self) -> Option<&str> {
        self.question.as_deref()
    }
    /// The ruleset.
    #[must_use]
    pub fn rules(&self) -> &'static Ruleset {
        ruleset(self.contest.ruleset())
    }

    /// What the current run decides.
    #[must_use]
    pub fn current_outcome(&self) -> RunOutcome {
        match self.current_run() {
            Some(run) => self.outcome(run),
            None => RunOutcome::Counting,
        }
    }

    /// What `run`'s votes and lots decide, by the ruleset's counting method.
    #[must_use]
    pub fn outcome(&self, run: &Run) -> RunOutcome {
        if run.completed_by.is_none() {
            return RunOutcome::Counting;
        }
        match self.rules().method {
            CountingMethod::FirstPastThePost => self.fptp_outcome(run),
            CountingMethod::Referendum => referendum_outcome(run.tally.votes()),
            CountingMethod::SupplementaryVote => self.sv_outcome(run),
            CountingMethod::SingleTransferableVote(_) => self.stv_outcome(run),
        }
    }

    /// Supplementary vote (GLAA 1999 Sch 2 paras 3–4; LAMR 2007 r.51;
    /// PCCEO 2012 rr.57–60): elected at the first count with more than half
    /// the first preferences; otherwise the second count of the eliminated
    /// candidates' papers, once completed; an equality by lot.
    fn sv_outcome(&self, run: &Run) -> RunOutcome {
        let first = run.tally.votes();
        let Ok((_, decision)) = sv_first_count(first) else {
            return RunOutcome::Counting;
        };
        let (decision, totals) = match decision {
            SvDecision::SecondCount(remaining) => {
                if run.second.completed_by.is_none() {
                    return RunOutcome::SecondCountNeeded(to_idx(&remaining));
                }
                // An error here cannot come from a replayed log (replay
                // refuses the entry whose second count it would be); it is
                // shown on the supplementary-vote statement
                // (`SvStatement::problem`), and the outcome stays open.
                let Ok(Some(second)) = self.second_count(run) else {
                    return RunOutcome::Counting;
                };
                match sv_final_count(first, &remaining, &second.votes) {
                    Ok((totals, d)) => (d, totals),
                    Err(_) => return RunOutcome::Counting,
                }
            }
            d => (d, first.to_vec()),
        };
        let (winner, by_lot) = match decision {
            SvDecision::Elected(c) => (c, false),
            SvDecision::Equality(tied) | SvDecision::SecondCount(tied) => {
                let tied_idx = to_idx(&tied);
                match run
                    .lots
                    .iter()
                    .find(|l| l.purpose == LotPurpose::Election && l.tied == tied_idx)
                    .and_then(|l| l.winners.first())
                {
                    Some(w) => (w.get(), true),
                    None => {
                        let votes = tied.first().and_then(|&c| totals.get(c)).copied();
                        return RunOutcome::LotNeeded(LotNeeded {
                            stage: None,
                            purpose: LotPurpose::Election,
                            tied: tied_idx,
                            places: 1,
                            votes: votes.unwrap_or(0),
                        });
                    }
                }
            }
        };
        let Some(&vacancy) = self.contest.vacancies().first() else {
            return RunOutcome::Counting;
        };
        RunOutcome::Elected(vec![ElectedSeat {
            candidate: CandidateIdx(u32::try_from(winner).unwrap_or(u32::MAX)),
            votes: totals.get(winner).copied().unwrap_or(0),
            vacancy,
            by_lot,
        }])
    }

    /// The second count of `run` of a supplementary-vote poll, if its first
    /// count left candidates to a second count: the batches' second
    /// preferences of the eliminated candidates' papers and the bundles
    /// counted by hand, worked out by `countroom_tally::sv_second_count`
    /// (the one implementation of the second count).
    ///
    /// # Errors
    ///
    /// A sum past `u64::MAX` ([`TallyError::SumOverflow`], naming the
    /// figures). Replay refuses an entry that would make this fail, so a
    /// state built by [`crate::replay`] never gives it.
    pub fn second_count(&self, run: &Run) -> Result<Option<SecondCount>, TallyError> {
        if self.rules().method != CountingMethod::SupplementaryVote || run.completed_by.is_none() {
            return Ok(None);
        }
        self.second_count_with(run, &run.second.figures)
    }

    fn second_count_with(
        &self,
        run: &Run,
        by_hand: &SecondCountFigures,
    ) -> Result<Option<SecondCount>, TallyError> {
        let first = run.tally.votes();
        let (_, SvDecision::SecondCount(remaining)) = sv_first_count(first)? else {
            return Ok(None);
        };
        let s = sv_second_count(first, &remaining, &run.sv, by_hand)?;
        let (totals, _) = sv_final_count(first, &remaining, &s.figures.votes)?;
        let rejected =
            s.figures
                .unmarked
                .checked_add(s.figures.void)
                .ok_or(TallyError::SumOverflow {
                    what: "papers rejected for the second count",
                    total: s.figures.unmarked,
                    adds: s.figures.void,
                })?;
        Ok(Some(SecondCount {
            remaining: to_idx(&remaining),
            rejected,
            totals,
            votes: s.figures.votes,
            unmarked: s.figures.unmarked,
            for_eliminated: s.figures.for_eliminated,
            void: s.figures.void,
            to_examine: s.to_examine,
            examined: s.examined,
            bundles: run.second.bundles.len(),
            completed_by: run.second.completed_by.clone(),
        }))
    }

    fn fptp_outcome(&self, run: &Run) -> RunOutcome {
        let votes = run.tally.votes();
        let seats = self.contest.seats();
        let first = fptp(votes, seats);
        let mut elected: Vec<usize> = first.elected.clone();
        let mut by_lot: Vec<usize> = Vec::new();
        if let Some(tie) = &first.boundary_tie {
            let tied = to_idx(&tie.tied);
            match run
                .lots
                .iter()
                .find(|l| l.purpose == LotPurpose::Election && l.tied == tied)
            {
                Some(lot) => {
                    by_lot = lot.winners.iter().map(|w| w.get()).collect();
                    elected.extend(&by_lot);
                }
                None => {
                    return RunOutcome::LotNeeded(LotNeeded {
                        stage: None,
                        purpose: LotPurpose::Election,
                        tied,
                        places: tie.places,
                        votes: tie.votes,
                    })
                }
            }
        }
        let with_votes: Vec<(usize, u64)> = elected
            .iter()
            .map(|&c| (c, votes.get(c).copied().unwrap_or(0)))
            .collect();
        let mut vacancies = self.contest.vacancies().to_vec();
        // Longest term first; an ordinary seat before a casual vacancy with
        // the same end date.
        vacancies.sort_by(|a, b| b.term_ends.cmp(&a.term_ends).then(a.kind.cmp(&b.kind)));
        let terms: Vec<Option<Date>> = vacancies.iter().map(|v| v.term_ends).collect();
        let mut seats_out = Vec::new();
        let mut position = 0usize;
        for group in allocate_terms(&with_votes, &terms) {
            let mut order: Vec<usize> = group.candidates.clone();
            if group.lot_places > 0 {
                let tied = to_idx(&group.candidates);
                match run
                    .lots
                    .iter()
                    .find(|l| l.purpose == LotPurpose::LongerTerm && l.tied == tied)
                {
                    Some(lot) => {
                        let winners: Vec<usize> = lot.winners.iter().map(|w| w.get()).collect();
                        let rest = group.candidates.iter().filter(|c| !winners.contains(c));
                        order = winners.iter().chain(rest).copied().collect();
                    }
                    None => {
                        return RunOutcome::LotNeeded(LotNeeded {
                            stage: None,
                            purpose: LotPurpose::LongerTerm,
                            tied,
                            places: group.lot_places,
                            votes: group.votes,
                        })
                    }
                }
            }
            for c in order {
                if let Some(&vacancy) = vacancies.get(position) {
                    seats_out.push(ElectedSeat {
                        candidate: CandidateIdx(u32::try_from(c).unwrap_or(u32::MAX)),
                        votes: group.votes,
                        vacancy,
                        by_lot: by_lot.contains(&c),
                    });
                }
                position += 1;
            }
        }
        RunOutcome::Elected(seats_out)
    }

    fn ids(&self, idx: &[CandidateIdx]) -> String {
        idx.iter()
            .filter_map(|&i| self.contest.candidate(i).map(|c| c.id.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn check_run(&self, run: u32) -> Result<(), Problems> {
        let contest = self.contest.id().as_str();
        let Some(current) = self.current_run() else {
            return Err(one(ProblemKind::Uncontested {
                contest: contest.to_owned(),
                standing: self.contest.n_standing(),
                seats: self.contest.seats(),
            }));
        };
        if current.number != run {
            return Err(one(ProblemKind::WrongRun {
                contest: contest.to_owned(),
                run,
                current: current.number,
            }));
        }
        Ok(())
    }

    fn current_run_mut(&mut self) -> Result<&mut Run, Problems> {
        let contest = self.contest.id().as_str().to_owned();
        let (standing, seats) = (self.contest.n_standing(), self.contest.seats());
        self.runs.last_mut().ok_or_else(|| {
            one(ProblemKind::Uncontested {
                contest,
                standing,
                seats,
            })
        })
    }

    fn run_mut(&mut self, run: u32) -> Result<&mut Run, Problems> {
        let contest = self.contest.id().as_str().to_owned();
        let current = self.current_run().map_or(0, |r| r.number);
        self.runs
            .iter_mut()
            .find(|r| r.number == run)
            .ok_or_else(|| {
                one(ProblemKind::WrongRun {
                    contest,
                    run,
                    current,
                })
            })
    }

    fn standing_candidate(&self, field: &str, id: &str) -> Result<CandidateIdx, ProblemKind> {
        let cid = parse_id(field, id, CandidateId::new)?;
        match self.contest.find_candidate(&cid) {
            Some(Ok(idx)) => Ok(idx),
            Some(Err(_)) => Err(ProblemKind::Withdrawn {
                field: field.to_owned(),
                candidate: id.to_owned(),
            }),
            None => Err(ProblemKind::Unknown {
                field: field.to_owned(),
                what: "candidate",
                id: format!("{id} in contest {}", self.contest.id()),
            }),
        }
    }

    /// The standing candidates `ids` (field `field[i]`), every problem
    /// collected.
    pub(super) fn standing_candidates(
        &self,
        field: &str,
        ids: &[String],
        problems: &mut Problems,
    ) -> Vec<CandidateIdx> {
        let mut out = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            match self.standing_candidate(&format!("{field}[{i}]"), id) {
                Ok(idx) => out.push(idx),
                Err(x) => problems.push(x),
            }
        }
        out
    }

    /// Adds `unit` (the figures of `label`: `bundle B7`, `batch b1`, …) to
    /// the current run's tally, refusing it if any figure or total of the
    /// run (each candidate's votes, valid papers, each head, rejected in
    /// part, all votes, all rejected papers, all papers counted, seats ×
    /// valid papers) would pass `u64::MAX`. So every total a report takes
    /// from a run fits.
    fn add_to_run(&mut self, label: &str, unit: &Tally) -> Result<(), Problems> {
        let check = self.check_fits(label, unit);
        let run = self.current_run_mut()?;
        check?;
        let mut merged = run.tally.clone();
        merged.merge(unit).map_err(|x| one(x.into()))?;
        run.tally = merged;
        Ok(())
    }

    fn check_fits(&self, label: &str, unit: &Tally) -> Result<(), Problems> {
        let Some(run) = self.current_run() else {
            return Ok(());
        };
        let before = &run.tally;
        let over = |what: String, adds: u128, to: u64| {
            (adds > 0 && adds + u128::from(to) > u128::from(u64::MAX)).then(|| {
                ProblemKind::TotalOverflow {
                    unit: label.to_owned(),
                    what,
                    adds,
                    to: u128::from(to),
                }
            })
        };
        let mut problems: Problems = Vec::new();
        for (idx, (&b, &u)) in before.votes().iter().zip(unit.votes()).enumerate() {
            let id = self
                .contest
                .candidate(CandidateIdx(u32::try_from(idx).unwrap_or(u32::MAX)))
                .map_or_else(|| format!("candidate {idx}"), |c| c.id.to_string());
            problems.extend(over(format!("votes for {id}"), u128::from(u), b));
        }
        problems.extend(over(
            "valid papers".into(),
            u128::from(unit.valid_papers()),
            before.valid_papers(),
        ));
        for head in RejectionHead::ALL {
            problems.extend(over(
                format!("papers rejected under {}", head.code()),
                u128::from(unit.rejected(head)),
                before.rejected(head),
            ));
        }
        problems.extend(over(
            "papers rejected in part".into(),
            u128::from(unit.rejected_in_part()),
            before.rejected_in_part(),
        ));
        // The run's totals (each figure fits: the sums may still not).
        let unit_votes: u128 = unit.votes().iter().copied().map(u128::from).sum();
        let unit_rejected: u128 = RejectionHead::ALL
            .iter()
            .map(|&h| u128::from(unit.rejected(h)))
            .sum();
        let totals = [
            over("votes in all".into(), unit_votes, before.total_votes()),
            over(
                "rejected papers in all".into(),
                unit_rejected,
                before.rejected_papers(),
            ),
            over(
                "papers counted (valid and rejected)".into(),
                u128::from(unit.valid_papers()) + unit_rejected,
                before.papers_counted(),
            ),
        ];
        if problems.is_empty() {
            problems.extend(totals.into_iter().flatten().take(1));
        }
        // Seats × valid papers, the most votes the valid papers can carry
        // (the reconciliation's `max_votes`; unused votes are taken from
        // it): refused past the largest count, so the report's figure is
        // exact.
        let seats = self.contest.seats() as u128;
        let valid = u128::from(before.valid_papers()) + u128::from(unit.valid_papers());
        if problems.is_empty() && seats * valid > u128::from(u64::MAX) {
            problems.push(ProblemKind::TotalOverflow {
                unit: label.to_owned(),
                what: format!("votes the valid papers can carry ({seats} seats × valid papers)"),
                adds: seats * u128::from(unit.valid_papers()),
                to: seats * u128::from(before.valid_papers()),
            });
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    fn check_rejected_in_part_applies(&self) -> Result<(), Problems> {
        let rules = self.rules();
        if self.contest.seats() < 2 || !rules.rejected_in_part_applies() {
            return Err(one(ProblemKind::RejectedInPartNotApplicable {
                ruleset: rules.code,
            }));
        }
        Ok(())
    }

    /// Checks per-candidate votes against valid papers and builds a tally
    /// of them; collects every problem.
    fn votes_tally(
        &self,
        votes: &[log::CandidateVotes],
        papers: Option<u64>,
        problems: &mut Problems,
    ) -> Tally {
        let seats = self.contest.seats();
        let mut tally = Tally::new(self.contest.n_standing());
        let mut seen = BTreeSet::new();
        for (i, v) in votes.iter().enumerate() {
            let field = format!("votes[{i}].candidate");
            match self.standing_candidate(&field, &v.candidate) {
                Ok(idx) => {
                    if !seen.insert(idx) {
                        problems.push(ProblemKind::Duplicate {
                            field,
                            what: "candidate",
                            id: v.candidate.clone(),
                        });
                        continue;
                    }
                    if let Some(p) = papers {
                        if seats > 1 && v.votes > p {
                            problems.push(ProblemKind::VotesExceedPapers {
                                field: format!("votes[{i}].votes"),
                                candidate: v.candidate.clone(),
                                votes: v.votes,
                                papers: p,
                            });
                        }
                    }
                    if let Err(e) = tally.add_votes(idx.get(), v.votes) {
                        problems.push(e.into());
                    }
                }
                Err(e) => problems.push(e),
            }
        }
        let total = votes.iter().try_fold(0u64, |a, v| a.checked_add(v.votes));
        match (total, papers) {
            (None, _) => problems.push(countroom_tally::TallyError::Overflow.into()),
            (Some(total), Some(p)) if seats == 1 && total != p => {
                problems.push(ProblemKind::PapersVotesMismatch {
                    papers: p,
                    votes: total,
                });
            }
            (Some(total), Some(p)) if u128::from(total) > u128::from(p) * seats as u128 => {
                problems.push(ProblemKind::TooManyVotes {
                    votes: total,
                    seats,
                    papers: p,
                });
            }
            (Some(total), None) if seats == 1 => {
                if let Err(e) = tally.add_valid_papers(total) {
                    problems.push(e.into());
                }
            }
            (Some(_), None) => problems.push(ProblemKind::PapersRequired { seats }),
            _ => {}
        }
        if let Some(p) = papers {
            if let Err(e) = tally.add_valid_papers(p) {
                problems.push(e.into());
            }
        }
        tally
    }

    fn bundle_counted(
        &mut self,
        e: &log::BundleCounted,
        boxes: &[BallotBox],
    ) -> Result<(), Problems> {
        let mut problems = Vec::new();
        if self.stv_rules().is_some() {
            problems.push(ProblemKind::Stv {
                field: "bundle".into(),
                reason: "a single transferable vote poll is counted from its papers' preferences: record them with paper_batch_counted (a bundle gives first preferences only)".into(),
            });
        }
        if let Some(t) = &e.table {
            if let Err(x) = parse_id("table", t, TableId::new) {
                problems.push(x);
            }
        }
        if let Some(b) = &e.ballot_box {
            match parse_id("ballot_box", b, BallotBoxId::new) {
                Ok(id) => match boxes.iter().find(|x| x.id == id) {
                    None => problems.push(unknown("ballot_box", "ballot box", b)),
                    Some(bx) if !bx.contests.contains(self.contest.id()) => {
                        problems.push(ProblemKind::Unknown {
                            field: "ballot_box".into(),
                            what: "ballot box",
                            id: format!("{b} for contest {}", self.contest.id()),
                        });
                    }
                    Some(_) => {}
                },
                Err(x) => problems.push(x),
            }
        }
        let tally = self.votes_tally(&e.votes, e.papers, &mut problems);
        let contest = self.contest.id().as_str().to_owned();
        let fits = self.check_fits(&format!("bundle {}", e.bundle), &tally);
        let run = self.current_run_mut()?;
        if !problems.is_empty() {
            return Err(problems);
        }
        fits?;
        let mut merged = run.tally.clone();
        merged.merge(&tally).map_err(|x| one(x.into()))?;
        run.add_unit(&contest, "bundle", &e.bundle).map_err(one)?;
        run.tally = merged;
        run.n_bundles += 1;
        Ok(())
    }

    fn paper_batch_counted(&mut self, e: &log::PaperBatchCounted) -> Result<(), Problems> {
        let mut problems = Vec::new();
        let mut tally = self.votes_tally(&e.votes, Some(e.valid_papers), &mut problems);
        let rules = self.rules();
        let mut heads = BTreeSet::new();
        for (i, h) in e.rejected.iter().enumerate() {
            let field = format!("rejected[{i}].head");
            match parse_head(&field, &h.head, rules) {
                Ok(head) => {
                    if !heads.insert(head) {
                        problems.push(duplicate(&field, "head", &h.head));
                    } else if let Err(x) = tally.add_rejected(head, h.papers) {
                        problems.push(x.into());
                    }
                }
                Err(x) => problems.push(x),
            }
        }
        if e.rejected_in_part > 0 {
            if let Err(x) = self.check_rejected_in_part_applies() {
                problems.extend(x);
            } else if e.rejected_in_part > e.valid_papers {
                problems.push(ProblemKind::BadDecision {
                    field: "rejected_in_part".into(),
                    reason: format!(
                        "{} papers rejected in part, but only {} valid papers",
                        e.rejected_in_part, e.valid_papers
                    ),
                });
            } else if let Err(x) = tally.add_rejected_in_part(e.rejected_in_part) {
                problems.push(x.into());
            }
        }
        let saved = judgements::saved_by_reason(&e.saved, e.valid_papers, &mut problems);
        let sv = self.batch_second_preferences(&e.second_preferences, tally.votes(), &mut problems);
        let lines = self.batch_preferences(e, tally.votes(), &mut problems);
        let contest = self.contest.id().as_str().to_owned();
        let fits = self.check_fits(&format!("batch {}", e.batch), &tally);
        let run = self.current_run_mut()?;
        if !problems.is_empty() {
            return Err(problems);
        }
        fits?;
        let mut merged = run.tally.clone();
        merged.merge(&tally).map_err(|x| one(x.into()))?;
        let mut merged_sv = run.sv.clone();
        merged_sv.merge(&sv).map_err(|x| one(x.into()))?;
        // The trial run (so that a refused batch changes nothing) is cloned
        // without its STV lines, which the batch's checks do not touch and
        // which grow with every batch.
        let stv_lines = std::mem::take(&mut run.stv);
        let mut trial = run.clone();
        run.stv = stv_lines;
        trial.add_unit(&contest, "batch", &e.batch).map_err(one)?;
        trial.set_aside_papers("set_aside", &e.set_aside)?;
        trial.tally = merged;
        trial.sv = merged_sv;
        let unit = format!("batch {}", e.batch);
        let overflow = |what: &str, adds: u64, to: u64| {
            one(ProblemKind::TotalOverflow {
                unit: unit.clone(),
                what: what.to_owned(),
                adds: u128::from(adds),
                to: u128::from(to),
            })
        };
        for (slot, n) in trial.saved.iter_mut().zip(saved) {
            *slot = slot
                .checked_add(n)
                .ok_or_else(|| overflow("papers saved for one reason", n, *slot))?;
        }
        // Every sequence's new total is checked before anything changes, so
        // a refusal leaves the run as it was. The run's STV lines move into
        // the new run, not copied.
        trial.stv = std::mem::take(&mut run.stv);
        if let Err((adds, to)) = trial.stv.add_batch(lines) {
            run.stv = std::mem::take(&mut trial.stv);
            return Err(overflow(
                "papers with one sequence of preferences",
                adds,
                to,
            ));
        }
        *run = trial;
        // One per entry: bounded by the log's length.
        run.n_batches += 1;
        run.batch_rejected.insert(
            e.batch.clone(),
            rules
                .heads
                .iter()
                .map(|h| (h.head, tally.rejected(h.head)))
                .collect(),
        );
        if let Some(source) = &e.source {
            run.sources.push(source.clone());
        }
        Ok(())
    }

    fn doubtful_paper_decided(
        &mut self,
        e: &log::DoubtfulPaperDecided,
        by: &str,
        reason: Option<&str>,
    ) -> Result<(), Problems> {
        let is_stv = self.stv_rules().is_some();
        // At an STV poll a valid paper gives preferences for up to every
        // standing candidate; elsewhere, up to a vote per seat.
        let seats = if is_stv {
            self.contest.n_standing()
        } else {
            self.contest.seats()
        };
        let mut problems = Vec::new();
        if let Some(run) = self.runs.last() {
            match run.set_aside.get(&e.paper) {
                None => {
                    let refs: Vec<&str> = run.set_aside.keys().map(String::as_str).collect();
                    problems.push(ProblemKind::PaperNotSetAside {
                        paper: e.paper.clone(),
                        run: run.number,
                        set_aside: if refs.is_empty() {
                            "none".into()
                        } else {
                            list_some(&refs)
                        },
                    });
                }
                Some(SetAside {
                    decision: Some(_), ..
                }) => problems.push(ProblemKind::PaperAlreadyDecided {
                    paper: e.paper.clone(),
                    run: run.number,
                }),
                Some(_) => {}
            }
        }
        let mut candidates = Vec::new();
        for (i, id) in e.votes.iter().enumerate() {
            let field = format!("votes[{i}]");
            match self.standing_candidate(&field, id) {
                Ok(idx) if candidates.contains(&idx) => {
                    problems.push(duplicate(&field, "candidate", id))
                }
                Ok(idx) => candidates.push(idx),
                Err(x) => problems.push(x),
            }
        }
        let bad = |reason: String| ProblemKind::BadDecision {
            field: "decision".into(),
            reason,
        };
        let mut tally = Tally::new(self.contest.n_standing());
        let mut kind = DecisionKind::Valid;
        match e.decision.as_str() {
            "valid" => {
                if e.votes.is_empty() || e.votes.len() > seats {
                    problems.push(bad(format!(
                        "a valid paper gives between 1 and {seats} votes; {} given",
                        e.votes.len()
                    )));
                }
                if e.head.is_some() {
                    problems.push(bad("a valid paper has no rejection head".into()));
                }
            }
            "rejected_in_part" => {
                if let Err(x) = self.check_rejected_in_part_applies() {
                    problems.extend(x);
                } else if e.votes.is_empty() || e.votes.len() >= seats {
                    problems.push(bad(format!(
                        "a paper rejected in part has between 1 and {} votes counted; {} given",
                        // Rejected in part applies: at least two seats.
                        seats - 1,
                        e.votes.len()
                    )));
                }
                let _ = tally.add_rejected_in_part(1);
                kind = DecisionKind::RejectedInPart;
            }
            "rejected" => {
                if !e.votes.is_empty() {
                    problems.push(bad("a rejected paper gives no votes".into()));
                }
                match &e.head {
                    Some(h) => match parse_head("head", h, self.rules()) {
                        Ok(head) => {
                            let _ = tally.add_rejected(head, 1);
                            kind = DecisionKind::Rejected(head);
                        }
                        Err(x) => problems.push(x),
                    },
                    None => problems.push(bad("a rejected paper needs its `head`".into())),
                }
            }
            other => problems.push(ProblemKind::UnknownCode {
                field: "decision".into(),
                what: "decision",
                value: other.to_owned(),
                expected: "valid, rejected, rejected_in_part".into(),
            }),
        }
        if e.rejection_objected && e.decision != "rejected" && e.decision != "rejected_in_part" {
            problems.push(bad("only a rejection can be objected to".into()));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        if e.decision != "rejected" {
            let _ = tally.add_valid_papers(1);
            // At an STV poll the paper is a vote for its first preference.
            let counted = if is_stv {
                &candidates[..candidates.len().min(1)]
            } else {
                &candidates[..]
            };
            for c in counted {
                let _ = tally.add_votes(c.get(), 1);
            }
        }
        self.add_to_run(&format!("the decision on paper {}", e.paper), &tally)?;
        let run = self.current_run_mut()?;
        if is_stv && e.decision == "valid" {
            let prefs: Vec<u16> = candidates
                .iter()
                .filter_map(|c| u16::try_from(c.get()).ok())
                .collect();
            // At most the run's valid papers, which `add_to_run` has just
            // checked fit with this paper.
            run.stv.add_decided(prefs);
        }
        if let Some(paper) = run.set_aside.get_mut(&e.paper) {
            paper.decision = Some(PaperDecision {
                by: by.to_owned(),
                kind,
                votes: e.votes.clone(),
                rejection_objected: e.rejection_objected,
                reason: reason.map(str::to_owned),
            });
        }
        Ok(())
    }

    /// The remaining candidates, if `run`'s second count is open.
    fn second_count_open(&self, run: u32) -> Result<Vec<CandidateIdx>, Problems> {
        let rules = self.rules();
        let no = |reason: String| {
            one(ProblemKind::NoSecondCount {
                contest: self.contest.id().to_string(),
                run,
                reason,
            })
        };
        if rules.method != CountingMethod::SupplementaryVote {
            return Err(one(ProblemKind::NotSupplementaryVote {
                field: "contest".into(),
                ruleset: rules.code,
            }));
        }
        let Some(current) = self.current_run() else {
            return Err(no("the poll is uncontested".into()));
        };
        if let Some(by) = &current.second.completed_by {
            return Err(no(format!("the second count was completed by {by}")));
        }
        match self.outcome(current) {
            RunOutcome::SecondCountNeeded(remaining) => Ok(remaining),
            _ => Err(no(
                "the first count decided the result (a majority of the first preferences, or two candidates only)".into(),
            )),
        }
    }

    fn second_preferences_counted(
        &mut self,
        e: &log::SecondPreferencesCounted,
    ) -> Result<(), Problems> {
        let remaining = self.second_count_open(e.run)?;
        let mut problems = Vec::new();
        if let Some(t) = &e.table {
            if let Err(x) = parse_id("table", t, TableId::new) {
                problems.push(x);
            }
        }
        let mut votes = vec![0u64; self.contest.n_standing()];
        let mut seen = BTreeSet::new();
        for (i, v) in e.votes.iter().enumerate() {
            let field = format!("votes[{i}].candidate");
            match self.standing_candidate(&field, &v.candidate) {
                Ok(idx) if !remaining.contains(&idx) => {
                    problems.push(ProblemKind::EliminatedCandidate {
                        field,
                        candidate: v.candidate.clone(),
                        remaining: self.ids(&remaining),
                    });
                }
                Ok(idx) if !seen.insert(idx) => {
                    problems.push(duplicate(&field, "candidate", &v.candidate));
                }
                Ok(idx) => {
                    if let Some(slot) = votes.get_mut(idx.get()) {
                        *slot = v.votes;
                    }
                }
                Err(x) => problems.push(x),
            }
        }
        let contest = self.contest.id().to_string();
        let run = self.current_run_mut()?;
        if run.second.bundles.contains(&e.bundle) {
            problems.push(ProblemKind::Duplicate {
                field: "bundle".into(),
                what: "bundle",
                id: format!(
                    "{} in the second count of run {} of {contest}",
                    e.bundle, e.run
                ),
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        // Every sum of the second count (each remaining candidate's votes,
        // the papers examined) is at most these bundles' papers and the
        // run's first-preference votes together: refuse a bundle that would
        // take that past the largest count, so that they all fit.
        let second_total = |s: &SecondBundles| -> u128 {
            let f = &s.figures;
            f.votes.iter().map(|&v| u128::from(v)).sum::<u128>()
                + u128::from(f.unmarked)
                + u128::from(f.for_eliminated)
                + u128::from(f.void)
        };
        let adds = votes.iter().map(|&v| u128::from(v)).sum::<u128>()
            + u128::from(e.unmarked)
            + u128::from(e.for_eliminated)
            + u128::from(e.void);
        let to = second_total(&run.second) + u128::from(run.tally.total_votes());
        if adds + to > u128::from(u64::MAX) {
            return Err(one(ProblemKind::TotalOverflow {
                unit: format!("second-count bundle {}", e.bundle),
                what: "papers at the second count (counted with its papers before and the run's first-preference votes)".into(),
                adds,
                to,
            }));
        }
        let mut next = run.second.clone();
        next.figures
            .merge(&SecondCountFigures {
                votes,
                unmarked: e.unmarked,
                for_eliminated: e.for_eliminated,
                void: e.void,
            })
            .map_err(|x| one(x.into()))?;
        next.bundles.insert(e.bundle.clone());
        // The second count with this bundle, worked out as the report will
        // (`sv_second_count`): refused here, naming the figures, if it
        // cannot be, so that no document is left without it.
        if let Some(current) = self.current_run() {
            self.second_count_with(current, &next.figures)
                .map_err(|x| one(x.into()))?;
        }
        let run = self.current_run_mut()?;
        run.second = next;
        Ok(())
    }

    /// A batch's second preferences (supplementary vote): one row per
    /// first-preference candidate, each adding up to that candidate's first
    /// preferences in the batch.
    fn batch_second_preferences(
        &self,
        rows: &[log::SecondPreferences],
        first: &[u64],
        problems: &mut Problems,
    ) -> SvTally {
        let n = self.contest.n_standing();
        let mut sv = SvTally::new(n);
        if rows.is_empty() {
            return sv;
        }
        let rules = self.rules();
        if rules.method != CountingMethod::SupplementaryVote {
            problems.push(ProblemKind::NotSupplementaryVote {
                field: "second_preferences".into(),
                ruleset: rules.code,
            });
            return sv;
        }
        let mut covered = vec![false; n];
        for (i, row) in rows.iter().enumerate() {
            let field = format!("second_preferences[{i}].first");
            let f = match self.standing_candidate(&field, &row.first) {
                Ok(f) => f.get(),
                Err(x) => {
                    problems.push(x);
                    continue;
                }
            };
            if covered.get(f) == Some(&true) {
                problems.push(duplicate(&field, "candidate", &row.first));
                continue;
            }
            if let Some(slot) = covered.get_mut(f) {
                *slot = true;
            }
            let mut cells = vec![
                (SecondPreference::None, row.unmarked),
                (SecondPreference::Void, row.void),
            ];
            for (j, v) in row.votes.iter().enumerate() {
                let field = format!("second_preferences[{i}].votes[{j}].candidate");
                match self.standing_candidate(&field, &v.candidate) {
                    Ok(s) => cells.push((SecondPreference::For(s.get()), v.votes)),
                    Err(x) => problems.push(x),
                }
            }
            for (second, papers) in cells {
                if let Err(x) = sv.add(f, second, papers) {
                    problems.push(x.into());
                }
            }
        }
        let rows_first = match sv.first_preferences() {
            Ok(rows) => rows,
            Err(x) => {
                problems.push(x.into());
                Vec::new()
            }
        };
        for (c, (&rows, &votes)) in rows_first.iter().zip(first).enumerate() {
            if rows != votes {
                let id = self
                    .contest
                    .candidate(CandidateIdx(u32::try_from(c).unwrap_or(u32::MAX)))
                    .map_or_else(String::new, |x| x.id.to_string());
                problems.push(ProblemKind::SecondPreferencesMismatch {
                    field: "second_preferences".into(),
                    candidate: id,
                    rows,
                    first: votes,
                });
            }
        }
        sv
    }

    fn lot_drawn(&mut self, e: &log::LotDrawn, by: &str) -> Result<(), Problems> {
        let contest = e.contest.clone();
        let purpose = lot_purpose(&e.purpose, false).map_err(one)?;
        let mut problems = Vec::new();
        let tied = self.standing_candidates("tied", &e.tied, &mut problems);
        let winners = self.standing_candidates("winners", &e.winners, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        let Some(run) = self.current_run() else {
            return Err(one(ProblemKind::Uncontested {
                contest,
                standing: self.contest.n_standing(),
                seats: self.contest.seats(),
            }));
        };
        let needed = match self.outcome(run) {
            RunOutcome::LotNeeded(needed) if needed.purpose == purpose => needed,
            _ => {
                return Err(one(ProblemKind::NoLotNeeded {
                    contest,
                    run: e.run,
                    purpose: purpose.code(),
                }))
            }
        };
        let mut tied_sorted = tied.clone();
        tied_sorted.sort_unstable();
        tied_sorted.dedup();
        let distinct_winners: BTreeSet<_> = winners.iter().collect();
        if tied_sorted != needed.tied
            || tied_sorted.len() != tied.len()
            || winners.len() != needed.places
            || distinct_winners.len() != winners.len()
            || !winners.iter().all(|w| needed.tied.contains(w))
        {
            return Err(one(ProblemKind::LotMismatch {
                contest,
                run: e.run,
                expected: format!(
                    "{} of {} ({} votes each)",
                    needed.places,
                    self.ids(&needed.tied),
                    needed.votes
                ),
                found: format!("{} of {}", self.ids(&winners), self.ids(&tied)),
            }));
        }
        if let log::LotMethod::Seeded { seed } = &e.method {
            let context = format!("{}/{}/{}", self.contest.id(), e.run, purpose.code());
            let tied_usize: Vec<usize> = needed.tied.iter().map(|c| c.get()).collect();
            let drawn = to_idx(&seeded_lot(seed, &context, &tied_usize, needed.places));
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
            stage: None,
            tied: needed.tied,
            winners,
            method: e.method.clone(),
            by: by.to_owned(),
        });
        Ok(())
    }
}

/// Referendum (PVSCA 2011 Sch 2; uk-count-rules §3.5, §7): the answer with
/// more votes; an exact tie is reported, not settled by lot.
fn referendum_outcome(votes: &[u64]) -> RunOutcome {
    let top = votes.iter().copied().max().unwrap_or(0);
    let leaders: Vec<usize> = (0..votes.len())
        .filter(|&c| votes.get(c) == Some(&top))
        .collect();
    match leaders[..] {
        [c] => RunOutcome::Answer(CandidateIdx(u32::try_from(c).unwrap_or(u32::MAX))),
        _ => RunOutcome::Tie(to_idx(&leaders)),
    }
}

pub(crate) fn to_idx(v: &[usize]) -> Vec<CandidateIdx> {
    v.iter()
        .map(|&c| CandidateIdx(u32::try_from(c).unwrap_or(u32::MAX)))
        .collect()
}

/// The context string a seeded lot for `contest`, `run` and `purpose` is
/// drawn with (see [`countroom_tally::seeded_lot`]).
#[must_use]
pub fn lot_context(contest: &ContestId, run: u32, purpose: LotPurpose) -> String {
    format!("{contest}/{run}/{}", purpose.code())
}
