//! List-system contests through the log (issue 19): the Senedd's closed
//! lists from 2026, and the regional (London-wide) polls of the additional
//! member system (the Senedd 2007–2021, the Scottish Parliament, the
//! London Assembly).
//!
//! A list contest is defined by `list_contest_defined`: its options are the
//! registered parties (each with its list, in order) and the individual
//! candidates; its constituencies are counting areas. Each constituency's
//! count reports its list votes as a local total (`local_total_reported`,
//! the existing collation of `countroom-collate`, whose choices are here
//! the options), which the regional returning officer authorises (or
//! orders re-counted). For the additional member system the constituency
//! results of the region are reported by `constituency_return_reported`
//! (who was returned, for which party); the allocation is refused until
//! every constituency has one. The seats are then allocated by
//! `countroom-list` with the ruleset's divisor rule, threshold and tie
//! rule; a lot is a recorded input (`list_lot_drawn`), never guessed.
//! A recalculation asked for by a candidate or agent, and the officer's
//! recalculation from the same totals, are recorded; a later vacancy in a
//! list seat is filled from the same list (`list_vacancy_filled`,
//! checked against [`countroom_list::fill_vacancy`]).

use std::collections::BTreeSet;

use countroom_collate::{
    Area, Choice, CollateError, Collated, Collation, LocalTotal, Method as CollateMethod, Plan,
};
use countroom_list::{AreaAllocation, Contestant, ListMember, MemberStatus, Options, Status};
use countroom_log as log;
use countroom_model::{CountingAreaId, Country, Date};
use countroom_rules::lists::{
    list_ruleset, select_list, DivisorRule, ListMethod, ListOffice, ListRuleset, ListRulesetId,
    Source,
};
use countroom_rules::RejectionHead;

use super::{duplicate, one, parse_id, unknown, CountState, Declared, Problems};
use crate::problem::ProblemKind;
use crate::wire_time::EntryTime;

/// The list offices counted through the log: the list polls. The
/// constituency polls of the additional member system (first past the
/// post) are not list contests; their returns are reported with
/// `constituency_return_reported`.
pub const LIST_CONTEST_OFFICES: [ListOffice; 4] = [
    ListOffice::SeneddMember,
    ListOffice::SeneddRegionalMember,
    ListOffice::ScottishParliamentRegionalMember,
    ListOffice::LondonAssemblyLondonMember,
];

/// A party or individual candidate on the list ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListOption {
    /// Identifier in the log.
    pub id: String,
    /// Name as on the ballot paper.
    pub name: String,
    /// An individual candidate (one seat at most).
    pub individual: bool,
    /// A party's list, in order (empty for an individual).
    pub list: Vec<ListPerson>,
}

/// One person on a party's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPerson {
    /// Name.
    pub name: String,
    /// Withdrawn from the list.
    pub withdrawn: bool,
    /// Died.
    pub died: bool,
}

/// A constituency's return reported to the regional returning officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstituencyReturn {
    /// The constituency.
    pub constituency: String,
    /// The member returned.
    pub member: String,
    /// The option (party) they stood for, if any.
    pub party: Option<String>,
    /// Who reported it (or declared the constituency's result).
    pub by: String,
    /// The constituency contest of the log whose declared result gave the
    /// return, if it was taken from one (else it was reported with
    /// `constituency_return_reported`).
    pub from_contest: Option<String>,
}

/// A lot drawn between equal highest figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListLot {
    /// The round it decides.
    pub round: u32,
    /// Those tied (option ids, as given).
    pub tied: Vec<String>,
    /// The one on whom it fell.
    pub winner: String,
    /// How it was drawn.
    pub method: String,
    /// A rehearsal draw from a published seed (`seeded`): the contest
    /// cannot be declared.
    pub rehearsal: bool,
    /// Who drew it.
    pub by: String,
    /// When, as recorded.
    pub at: Option<EntryTime>,
}

/// A recalculation asked for, and (once made) the officer's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recalculation {
    /// Who asked.
    pub requested_by: String,
    /// When, as recorded.
    pub requested_at: Option<EntryTime>,
    /// For which option, if given.
    pub party: Option<String>,
    /// Who recalculated it, and when, once done.
    pub recalculated: Option<(String, Option<EntryTime>)>,
    /// What the recalculation found (`unchanged`).
    pub outcome: Option<String>,
}

/// A later vacancy in a list seat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListVacancy {
    /// The member who vacated the seat.
    pub vacating: String,
    /// The party (option id) whose seat it is.
    pub party: String,
    /// Those who said they will not serve.
    pub declined: Vec<String>,
    /// The new member, with their position on the list, or none (the seat
    /// remains vacant).
    pub filled_by: Option<(usize, String)>,
    /// The seat of a member returned as an individual candidate: the
    /// statute under which it remains vacant until the next general
    /// election (the ruleset's `individual_vacancy`).
    pub remains_vacant_under: Option<&'static str>,
    /// Who recorded it.
    pub by: String,
    /// When, as recorded.
    pub at: Option<EntryTime>,
}

/// Where the allocation of a list contest stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllocationStage {
    /// Not every constituency's list total is reported and authorised.
    AwaitingTotals {
        /// Constituencies with no local total.
        missing: Vec<String>,
        /// Constituencies whose total is not authorised.
        unauthorised: Vec<String>,
    },
    /// Additional member system: constituencies whose return is not yet
    /// reported.
    AwaitingReturns(Vec<String>),
    /// The allocation cannot be made under this ruleset (a point not read).
    Refused(String),
    /// The allocation (its status says whether it is complete).
    Allocated(AreaAllocation),
}

/// One list contest's state.
#[derive(Debug, Clone)]
pub struct ListContestCount {
    pub(super) id: String,
    pub(super) election: String,
    pub(super) title: String,
    pub(super) area: String,
    pub(super) office: ListOffice,
    pub(super) country: Country,
    pub(super) poll_date: Date,
    pub(super) ruleset: ListRulesetId,
    pub(super) seats: u32,
    pub(super) options: Vec<ListOption>,
    pub(super) constituencies: Vec<String>,
    pub(super) collation: Collation,
    pub(super) returns: Vec<ConstituencyReturn>,
    pub(super) lots: Vec<ListLot>,
    pub(super) recalculations: Vec<Recalculation>,
    pub(super) declared: Option<Declared>,
    pub(super) vacancies: Vec<ListVacancy>,
    /// The areas whose list papers are counted in the log, by area id
    /// (`list_papers`).
    pub(super) area_counts: std::collections::BTreeMap<String, super::list_papers::AreaCount>,
    /// The entry (`seq`) of each area's reported local total that stands.
    pub(super) reported: std::collections::BTreeMap<String, u64>,
    /// The list poll's verification (its ballot boxes, box by box).
    pub(super) verification: countroom_verify::PollVerification,
    /// The explicit party of constituency candidates: (constituency,
    /// candidate id, party id), from `constituency_parties`.
    pub(super) constituency_parties: Vec<(String, String, String)>,
}

fn list_problem(field: &str, reason: impl Into<String>) -> ProblemKind {
    ProblemKind::ListContest {
        field: field.to_owned(),
        reason: reason.into(),
    }
}

impl ListContestCount {
    /// The contest's id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The election it belongs to.
    #[must_use]
    pub fn election(&self) -> &str {
        &self.election
    }
    /// Title of the poll.
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }
    /// The region (or Senedd constituency, or London).
    #[must_use]
    pub fn area(&self) -> &str {
        &self.area
    }
    /// The list office.
    #[must_use]
    pub fn office(&self) -> ListOffice {
        self.office
    }
    /// The country.
    #[must_use]
    pub fn country(&self) -> Country {
        self.country
    }
    /// The poll date.
    #[must_use]
    pub fn poll_date(&self) -> Date {
        self.poll_date
    }
    /// The list ruleset.
    #[must_use]
    pub fn rules(&self) -> &'static ListRuleset {
        list_ruleset(self.ruleset)
    }
    /// Seats to fill.
    #[must_use]
    pub fn seats(&self) -> u32 {
        self.seats
    }
    /// Parties and individual candidates, parties first, each in
    /// ballot-paper order.
    #[must_use]
    pub fn options(&self) -> &[ListOption] {
        &self.options
    }
    /// Additional member system: the constituencies of the region.
    #[must_use]
    pub fn constituencies(&self) -> &[String] {
        &self.constituencies
    }
    /// The collation of the constituencies' list totals.
    #[must_use]
    pub fn collation(&self) -> &Collation {
        &self.collation
    }
    /// Constituency returns reported, in the order reported.
    #[must_use]
    pub fn returns(&self) -> &[ConstituencyReturn] {
        &self.returns
    }
    /// Lots drawn.
    #[must_use]
    pub fn lots(&self) -> &[ListLot] {
        &self.lots
    }
    /// Recalculations asked for and made.
    #[must_use]
    pub fn recalculations(&self) -> &[Recalculation] {
        &self.recalculations
    }
    /// The declaration, once made.
    #[must_use]
    pub fn declared(&self) -> Option<&Declared> {
        self.declared.as_ref()
    }
    /// Later vacancies filled.
    #[must_use]
    pub fn vacancies(&self) -> &[ListVacancy] {
        &self.vacancies
    }
    /// The verification of the list poll's ballot boxes.
    #[must_use]
    pub fn verification(&self) -> &countroom_verify::PollVerification {
        &self.verification
    }

    /// Whether the additional member system governs the allocation (the
    /// constituency seats count in the divisor).
    #[must_use]
    pub fn is_ams(&self) -> bool {
        matches!(
            self.rules().method,
            ListMethod::DHondt {
                divisor: DivisorRule::AmsConstituencySeatsPlusList,
                ..
            }
        )
    }

    /// The list party constituency candidate `candidate` of `constituency`
    /// stood for: the one `constituency_parties` names, else the party
    /// whose name or id is the candidate's description ([`party_of`]).
    fn party_of(
        &self,
        constituency: &str,
        candidate: &str,
        description: Option<&str>,
    ) -> Option<String> {
        self.constituency_parties
            .iter()
            .find(|l| l.0 == constituency && l.1 == candidate)
            .map(|l| l.2.clone())
            .or_else(|| party_of(&self.options, description))
    }

    pub(super) fn option_index(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }

    /// [`ListContestCount::option_index`], looking first at `hint` (a
    /// local total usually lists the ballot in its order). The ids of a
    /// list contest are distinct (`list_contest_defined` refuses one
    /// repeated), so an option at `hint` with the id is the one the search
    /// finds.
    fn option_index_from(&self, id: &str, hint: usize) -> Option<usize> {
        match self.options.get(hint) {
            Some(o) if o.id == id => Some(hint),
            _ => self.option_index(id),
        }
    }

    /// Constituency seats won in the region by the option.
    #[must_use]
    pub fn constituency_seats(&self, option: &str) -> u32 {
        let n = self
            .returns
            .iter()
            .filter(|r| r.party.as_deref() == Some(option))
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// The allocation's options for `countroom-list`, from the ruleset
    /// (`countroom_list::Options::from_ruleset`, the one mapping
    /// `countroom allocate --poll` uses too), or why it cannot be made.
    fn options_for_allocation(&self) -> Result<Options, String> {
        Options::from_ruleset(self.rules()).map_err(|e| e.to_string())
    }

    /// The names of everyone returned for a constituency of the region.
    fn constituency_members(&self) -> BTreeSet<&str> {
        self.returns.iter().map(|r| r.member.as_str()).collect()
    }

    /// Where the allocation stands, from the collated totals, the
    /// constituency returns and the lots recorded.
    #[must_use]
    pub fn allocation(&self) -> AllocationStage {
        self.allocation_with_lots(&self.lots)
    }

    /// The allocation ([`ListContestCount::allocation`]) and the
    /// collation it is made from, collated once (a report needs both).
    pub(crate) fn allocation_and_collated(&self) -> (AllocationStage, Option<Collated>) {
        let collated = self.collation.collated();
        let stage = self.allocation_of(collated.as_ref(), &self.lots);
        (stage, collated.ok())
    }

    fn allocation_with_lots(&self, lots: &[ListLot]) -> AllocationStage {
        self.allocation_of(self.collation.collated().as_ref(), lots)
    }

    /// The allocation from `collated`, this contest's collation.
    fn allocation_of(
        &self,
        collated: Result<&Collated, &CollateError>,
        lots: &[ListLot],
    ) -> AllocationStage {
        let collated = match collated {
            Ok(c) => c,
            Err(e) => return AllocationStage::Refused(e.to_string()),
        };
        if !collated.missing.is_empty() || !collated.unauthorised.is_empty() {
            return AllocationStage::AwaitingTotals {
                missing: collated.missing.clone(),
                unauthorised: collated.unauthorised.clone(),
            };
        }
        if self.is_ams() {
            let reported: BTreeSet<&str> = self
                .returns
                .iter()
                .map(|r| r.constituency.as_str())
                .collect();
            let awaiting: Vec<String> = self
                .constituencies
                .iter()
                .filter(|a| !reported.contains(a.as_str()))
                .cloned()
                .collect();
            if !awaiting.is_empty() {
                return AllocationStage::AwaitingReturns(awaiting);
            }
        }
        let options = match self.options_for_allocation() {
            Ok(o) => o,
            Err(why) => return AllocationStage::Refused(why),
        };
        let returned = self.constituency_members();
        let ams = self.is_ams();
        let mut area = countroom_list::Area::new(&self.area, self.seats);
        for (o, votes) in self.options.iter().zip(collated.total.votes()) {
            let mut c = if o.individual {
                let mut c = Contestant::individual(&o.id, *votes);
                // An individual returned for a constituency of the region
                // is disregarded (Scotland Act 1998 s.8(3)).
                if ams && returned.contains(o.name.as_str()) {
                    c = c.constituency_seats(1);
                }
                c
            } else {
                let mut c = Contestant::party(&o.id, *votes);
                if ams {
                    c = c.constituency_seats(self.constituency_seats(&o.id));
                }
                c
            };
            if !o.individual && !o.list.is_empty() {
                c.list = Some(
                    o.list
                        .iter()
                        .map(|p| ListMember {
                            name: p.name.clone(),
                            // Someone returned for a constituency is no
                            // longer on the list (Scotland Act 1998 s.8(5)).
                            status: if p.died {
                                MemberStatus::Died
                            } else if p.withdrawn {
                                MemberStatus::Withdrawn
                            } else if returned.contains(p.name.as_str()) {
                                MemberStatus::Returned
                            } else {
                                MemberStatus::Standing
                            },
                        })
                        .collect(),
                );
            }
            area = area.contestant(c);
        }
        for lot in lots {
            area = area.lot(lot.round, lot.winner.clone());
        }
        match countroom_list::allocate_area(&area, &options) {
            // Scotland Act 1998 s.8(7) with more tied than seats left is
            // countroom-list's `Status::MoreTiedThanSeatsLeft`: the
            // allocation stops there, shown as such, never settled.
            Ok(a) => AllocationStage::Allocated(a),
            Err(e) => AllocationStage::Refused(e.to_string()),
        }
    }

    /// The members returned, seat by seat: (seat, option id, member name).
    fn members(&self) -> Vec<(u32, String, String)> {
        self.members_in(&self.allocation())
    }

    /// The members returned by the allocation `stage` already made (that
    /// of [`Self::allocation`]): those declared, once the result is
    /// declared, never changed by a later vacancy. (seat, option id, name).
    #[must_use]
    pub fn members_in(&self, stage: &AllocationStage) -> Vec<(u32, String, String)> {
        match stage {
            AllocationStage::Allocated(a) => a
                .rounds
                .iter()
                .map(|r| {
                    let name = if r.individual {
                        self.options
                            .iter()
                            .find(|o| o.id == r.contestant)
                            .map_or_else(|| r.contestant.clone(), |o| o.name.clone())
                    } else {
                        r.member.clone().unwrap_or_default()
                    };
                    (r.seat, r.contestant.clone(), name)
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The members sitting now: those returned at the declaration, with
    /// each later vacancy applied in order. (seat, option id, name).
    #[must_use]
    pub fn sitting(&self) -> Vec<(u32, String, String)> {
        self.sitting_in(&self.allocation())
    }

    /// [`Self::sitting`] from the allocation `stage` already made (that of
    /// [`Self::allocation`]), so that a report allocates once.
    #[must_use]
    pub fn sitting_in(&self, stage: &AllocationStage) -> Vec<(u32, String, String)> {
        let mut members = self.members_in(stage);
        for v in &self.vacancies {
            if let Some(m) = members.iter_mut().find(|m| m.2 == v.vacating) {
                match &v.filled_by {
                    Some((_, name)) => m.2.clone_from(name),
                    None => m.2.clear(),
                }
            }
        }
        members
    }

    fn is_complete(&self) -> Result<AreaAllocation, String> {
        match self.allocation() {
            AllocationStage::Allocated(a) => match &a.status {
                Status::Complete | Status::Unfilled { .. } => Ok(a),
                Status::LotRequired { round, tied, .. } => Err(format!(
                    "equal highest figures at seat {round} between {} must first be settled by lot (list_lot_drawn)",
                    tied.join(", ")
                )),
                Status::TieRuleUnsettled { round, tied } => Err(format!(
                    "equal highest figures at seat {round} between {}: the rule for equal figures under {} is not settled in countroom",
                    tied.join(", "),
                    self.rules().code
                )),
                // Scotland Act 1998 s.8(7) with too few seats left (countroom-list).
                Status::MoreTiedThanSeatsLeft { round, tied, seats_left } => Err(format!(
                    "equal highest figures at seat {round} between {} for {} left: the rule for more tied than seats left under {} was not read ({})",
                    tied.join(", "),
                    seats_words(*seats_left),
                    self.rules().code,
                    self.rules().equal_figures.citation
                )),
            },
            AllocationStage::AwaitingTotals {
                missing,
                unauthorised,
            } => Err(format!(
                "not every counting area's list total is in (missing: {}; not authorised: {})",
                none_if_empty(&missing),
                none_if_empty(&unauthorised)
            )),
            AllocationStage::AwaitingReturns(a) => Err(format!(
                "the return of every constituency {} is needed for the divisors (awaiting: {})",
                self.office().in_area(),
                a.join(", ")
            )),
            AllocationStage::Refused(why) => Err(why),
        }
    }

    fn open(&self) -> Result<(), Problems> {
        if self.declared.is_some() {
            return Err(one(ProblemKind::AlreadyDeclared {
                contest: self.id.clone(),
                run: 0,
            }));
        }
        Ok(())
    }
}

/// The party on the list ballot a constituency candidate stood for: the
/// party whose name (or id) is the candidate's description on the ballot
/// paper exactly; none for an independent or a party with no list in the
/// region.
fn party_of(options: &[ListOption], description: Option<&str>) -> Option<String> {
    let d = description?;
    options
        .iter()
        .find(|o| !o.individual && (o.name == d || o.id == d))
        .map(|o| o.id.clone())
}

/// How a list lot's method is shown: a recorded lot's description, or a
/// seeded rehearsal draw, named as such (never a lot drawn at the count).
fn lot_method_words(method: &log::LotMethod) -> String {
    match method {
        log::LotMethod::Recorded { description } => description.clone(),
        log::LotMethod::Seeded { seed } => format!(
            "rehearsal draw from the published seed {seed:?} (countroom-lot-v1): a rehearsal, never a declared result"
        ),
    }
}

/// The context a seeded rehearsal lot at seat `round` of list contest (or
/// area) `contest` is drawn with (see [`countroom_tally::seeded_lot`]):
/// `<contest>/0/seat-<round>/election` (run 0: a list contest is declared
/// with run 0).
#[must_use]
pub fn list_lot_context(contest: &str, round: u32) -> String {
    format!("{contest}/0/seat-{round}/election")
}

fn none_if_empty(v: &[String]) -> String {
    if v.is_empty() {
        "none".to_owned()
    } else {
        v.join(", ")
    }
}

impl CountState {
    /// The list contests, in the order defined.
    #[must_use]
    pub fn list_contests(&self) -> &[ListContestCount] {
        &self.list_contests
    }

    pub(super) fn is_list_contest(&self, id: &str) -> bool {
        self.list_contests.iter().any(|c| c.id == id)
    }

    pub(super) fn list_contest_mut(&mut self, id: &str) -> Result<&mut ListContestCount, Problems> {
        self.list_contests
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or_else(|| one(unknown("contest", "list contest", id)))
    }

    /// The list contest `id`, open (not yet declared): the prologue of every
    /// list event but a later vacancy.
    pub(super) fn open_list_contest(
        &mut self,
        id: &str,
    ) -> Result<&mut ListContestCount, Problems> {
        let c = self.list_contest_mut(id)?;
        c.open()?;
        Ok(c)
    }

    /// Whether `option` is a party or individual candidate of list contest
    /// `contest` (for an agent's appointment).
    pub(super) fn list_option(&self, contest: &str, option: &str) -> Option<bool> {
        self.list_contests
            .iter()
            .find(|c| c.id == contest)
            .map(|c| c.option_index(option).is_some())
    }

    /// Whether `contest` is a constituency contest of the additional member
    /// system counted in this log (one count, not collated), whose declared
    /// result gives a list contest its return.
    pub(super) fn is_ams_constituency(&self, contest: &str) -> bool {
        self.contests.iter().any(|c| {
            c.contest.id().as_str() == contest
                && matches!(
                    c.contest.office(),
                    countroom_model::Office::AmsConstituency(_)
                )
                && c.collation.is_none()
        })
    }

    /// The member returned by a constituency contest of the log, with their
    /// description on the ballot paper, as its outcome stands now (whether
    /// or not declared): the one candidate of an uncontested poll, or the
    /// candidate elected by the completed current run.
    fn constituency_member(c: &super::ContestCount) -> Option<(String, String, Option<String>)> {
        let idx = if c.contest.is_uncontested() {
            c.contest.standing().next().map(|(i, _)| i)?
        } else {
            match c.current_outcome() {
                super::RunOutcome::Elected(seats) => seats.first().map(|s| s.candidate)?,
                _ => return None,
            }
        };
        c.contest
            .candidate(idx)
            .map(|k| (k.id.to_string(), k.name.clone(), k.description.clone()))
    }

    /// A declared constituency contest's member (candidate id and name),
    /// description and declarer.
    #[allow(clippy::type_complexity)]
    fn declared_constituency(
        &self,
        contest: &str,
    ) -> Option<(String, String, Option<String>, String)> {
        if !self.is_ams_constituency(contest) {
            return None;
        }
        let c = self
            .contests
            .iter()
            .find(|c| c.contest.id().as_str() == contest)?;
        let by = c.declared.as_ref()?.by.clone();
        Self::constituency_member(c).map(|(id, m, d)| (id, m, d, by))
    }

    /// Before a constituency contest's declaration: the return it gives to
    /// each list contest naming it among its constituencies, or the
    /// contradiction with a return already reported there (refused: the
    /// declaration is not recorded).
    pub(super) fn returns_on_declaration(
        &self,
        contest: &str,
        by: &str,
    ) -> Result<Vec<(usize, ConstituencyReturn)>, Problems> {
        let Some(c) = self
            .contests
            .iter()
            .find(|c| c.contest.id().as_str() == contest)
        else {
            return Ok(Vec::new());
        };
        // Not elected yet: the declaration itself is refused, by its own
        // checks.
        let Some((candidate, member, description)) = Self::constituency_member(c) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for (i, l) in self.list_contests.iter().enumerate() {
            if !l.is_ams() || !l.constituencies.iter().any(|k| k == contest) {
                continue;
            }
            let party = l.party_of(contest, &candidate, description.as_deref());
            match l.returns.iter().find(|r| r.constituency == contest) {
                Some(r) if r.member == member && r.party == party => {}
                Some(r) => problems.push(list_problem(
                    "contest",
                    format!(
                        "list contest {} has the return of constituency {contest} reported as {} ({}), but this declaration returns {member} ({})",
                        l.id,
                        r.member,
                        r.party.as_deref().unwrap_or("no party on the list ballot"),
                        party.as_deref().unwrap_or("no party on the list ballot")
                    ),
                )),
                None => out.push((
                    i,
                    ConstituencyReturn {
                        constituency: contest.to_owned(),
                        member: member.clone(),
                        party,
                        by: by.to_owned(),
                        from_contest: Some(contest.to_owned()),
                    },
                )),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }

    /// A contest defined after the list contests whose explicit party links
    /// (`constituency_parties`) name it as a constituency: each link's
    /// candidate must be one of its candidates, or the link could never be
    /// used and the return would silently fall back to the description
    /// match. Refused, naming the list contest, the link and the
    /// candidates the contest has.
    pub(super) fn party_link_problems(
        &self,
        contest: &countroom_model::Contest,
    ) -> Vec<ProblemKind> {
        let id = contest.id().as_str();
        let candidates = contest.all_candidates();
        let mut out = Vec::new();
        for l in &self.list_contests {
            for (k, candidate, party) in &l.constituency_parties {
                if k == id && !candidates.iter().any(|c| c.id.as_str() == candidate) {
                    out.push(list_problem(
                        "candidates",
                        format!(
                            "list contest {} links candidate {candidate} of constituency {id} to party {party}, but this contest has no candidate {candidate} (its candidates: {})",
                            l.id,
                            candidates
                                .iter()
                                .map(|c| c.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
            }
        }
        out
    }

    /// Records the returns of a constituency contest just declared.
    pub(super) fn record_returns(&mut self, returns: Vec<(usize, ConstituencyReturn)>) {
        for (i, r) in returns {
            if let Some(l) = self.list_contests.get_mut(i) {
                l.returns.push(r);
            }
        }
    }

    pub(super) fn list_contest_defined(
        &mut self,
        e: &log::ListContestDefined,
    ) -> Result<(), Problems> {
        let mut problems = Vec::new();
        if let Err(x) = parse_id("contest", &e.contest, countroom_model::ContestId::new) {
            problems.push(x);
        }
        if self
            .contests
            .iter()
            .any(|c| c.contest.id().as_str() == e.contest)
            || self.is_list_contest(&e.contest)
        {
            problems.push(duplicate("contest", "contest", &e.contest));
        }
        let election = self.elections.iter().find(|x| x.id.as_str() == e.election);
        if election.is_none() {
            problems.push(unknown("election", "election", &e.election));
        }
        let office = match ListOffice::from_code(&e.office) {
            Some(o) if LIST_CONTEST_OFFICES.contains(&o) => Some(o),
            Some(o) => {
                problems.push(ProblemKind::ListPoll {
                    office: e.office.clone(),
                    reason: format!(
                        "a contest for office {} is a constituency poll of the additional member system (first past the post), not a list contest: define it with contest_defined where countroom counts it (a Scottish Parliament constituency from 2016, a Senedd constituency 2007-2021) and name it among the list contest's constituencies, or report its return to the regional returning officer with constituency_return_reported",
                        o.code()
                    ),
                });
                None
            }
            None => {
                problems.push(ProblemKind::UnknownCode {
                    field: "office".into(),
                    what: "list office",
                    value: e.office.clone(),
                    expected: LIST_CONTEST_OFFICES.map(ListOffice::code).join(", "),
                });
                None
            }
        };
        let country = Country::from_code(&e.country);
        if country.is_none() {
            problems.push(ProblemKind::UnknownCode {
                field: "country".into(),
                what: "country",
                value: e.country.clone(),
                expected: Country::ALL.map(Country::code).join(", "),
            });
        }
        let (Some(election), Some(office), Some(country)) = (election.cloned(), office, country)
        else {
            return Err(problems);
        };
        let id = match select_list(country, office, election.poll_date) {
            Ok(id) => id,
            Err(x) => {
                problems.push(list_problem("office", x.to_string()));
                return Err(problems);
            }
        };
        let rules = list_ruleset(id);
        if let Some(given) = &e.ruleset {
            if given != rules.code {
                problems.push(ProblemKind::RulesetMismatch {
                    given: given.clone(),
                    selected: rules.code,
                });
            }
        }
        if e.seats != rules.seats.per_area {
            problems.push(list_problem(
                "seats",
                format!(
                    "{} seats, but {} fills {} ({})",
                    e.seats, rules.code, rules.seats.per_area, rules.seats.citation
                ),
            ));
        }
        let individuals_allowed = matches!(
            rules.method,
            ListMethod::DHondt {
                individuals: true,
                ..
            }
        );
        if !individuals_allowed && !e.individuals.is_empty() {
            problems.push(list_problem(
                "individuals",
                format!(
                    "{} has no individual candidates on the list ballot",
                    rules.code
                ),
            ));
        }
        let mut options = Vec::new();
        let mut seen = BTreeSet::new();
        for (i, p) in e.parties.iter().enumerate() {
            let field = format!("parties[{i}].id");
            if let Err(x) = parse_id(&field, &p.id, countroom_model::CandidateId::new) {
                problems.push(x);
            } else if !seen.insert(p.id.clone()) {
                problems.push(duplicate(&field, "party or individual candidate", &p.id));
            }
            let mut names = BTreeSet::new();
            for (j, m) in p.list.iter().enumerate() {
                if !names.insert(m.name.as_str()) {
                    problems.push(duplicate(
                        &format!("parties[{i}].list[{j}].name"),
                        "list member",
                        &m.name,
                    ));
                }
            }
            options.push(ListOption {
                id: p.id.clone(),
                name: p.name.clone(),
                individual: false,
                list: p
                    .list
                    .iter()
                    .map(|m| ListPerson {
                        name: m.name.clone(),
                        withdrawn: m.withdrawn,
                        died: m.died,
                    })
                    .collect(),
            });
        }
        for (i, c) in e.individuals.iter().enumerate() {
            let field = format!("individuals[{i}].id");
            if let Err(x) = parse_id(&field, &c.id, countroom_model::CandidateId::new) {
                problems.push(x);
            } else if !seen.insert(c.id.clone()) {
                problems.push(duplicate(&field, "party or individual candidate", &c.id));
            }
            options.push(ListOption {
                id: c.id.clone(),
                name: c.name.clone(),
                individual: true,
                list: Vec::new(),
            });
        }
        if options.is_empty() {
            problems.push(list_problem(
                "parties",
                "a list contest needs at least one party or individual candidate",
            ));
        }
        let mut areas = Vec::new();
        // Seen by place among the counting areas defined (an id is
        // written as it is defined, and names one area): no set of
        // strings built for a region.
        let mut seen_areas = vec![false; self.counting_areas.len()];
        for (i, a) in e.counting_areas.iter().enumerate() {
            // The field is named only for a problem (a region of many
            // areas names none).
            let field = || format!("counting_areas[{i}]");
            match CountingAreaId::new(a)
                .map_err(|source| ProblemKind::BadId {
                    field: field(),
                    source,
                })
                .and_then(|cid| {
                    self.area_index
                        .get(&cid)
                        .and_then(|&k| Some((k, self.counting_areas.get(k)?)))
                        .ok_or_else(|| unknown(&field(), "counting area", a))
                }) {
                Ok((k, x)) if seen_areas.get(k).copied().unwrap_or(false) => {
                    problems.push(duplicate(&field(), "counting area", &x.id.to_string()));
                }
                Ok((k, x)) => {
                    if let Some(s) = seen_areas.get_mut(k) {
                        *s = true;
                    }
                    areas.push(Area::new(x.id.as_str(), &x.name, None, x.electorate));
                }
                Err(x) => problems.push(x),
            }
        }
        let ams = matches!(
            rules.method,
            ListMethod::DHondt {
                divisor: DivisorRule::AmsConstituencySeatsPlusList,
                ..
            }
        );
        let mut seen_constituencies = BTreeSet::new();
        for (i, k) in e.constituencies.iter().enumerate() {
            if k.trim().is_empty() {
                problems.push(list_problem(
                    &format!("constituencies[{i}]"),
                    "a constituency needs an identifier",
                ));
            } else if !seen_constituencies.insert(k.as_str()) {
                problems.push(duplicate(
                    &format!("constituencies[{i}]"),
                    "constituency",
                    k,
                ));
            }
        }
        if ams && e.constituencies.is_empty() {
            problems.push(list_problem(
                "constituencies",
                format!(
                    "{} is an additional member system: name the constituencies {}, whose returns enter the divisors",
                    rules.code,
                    rules.office.in_area()
                ),
            ));
        }
        if !ams && !e.constituencies.is_empty() {
            problems.push(list_problem(
                "constituencies",
                format!(
                    "{} allocates on list seats alone (D'Hondt): constituency seats do not enter its divisors",
                    rules.code
                ),
            ));
        }
        if e.counting_areas.is_empty() {
            problems.push(list_problem(
                "counting_areas",
                "a list contest is counted in its constituencies: name at least one counting area",
            ));
        }
        // The explicit party of each constituency candidate: a constituency
        // of this contest, a registered party on its list ballot, once for
        // each candidate, and (where the constituency contest is counted in
        // this log) one of its candidates.
        let mut links: Vec<(String, String, String)> = Vec::new();
        for (i, l) in e.constituency_parties.iter().enumerate() {
            let field = |f: &str| format!("constituency_parties[{i}].{f}");
            if !e.constituencies.contains(&l.constituency) {
                problems.push(list_problem(
                    &field("constituency"),
                    format!(
                        "{} is not one of this contest's constituencies ({})",
                        l.constituency,
                        none_if_empty(&e.constituencies)
                    ),
                ));
            }
            if !options.iter().any(|o| !o.individual && o.id == l.party) {
                problems.push(list_problem(
                    &field("party"),
                    format!(
                        "{} is not a registered party on the list ballot {} (its parties: {})",
                        l.party,
                        rules.office.in_area(),
                        none_if_empty(
                            &options
                                .iter()
                                .filter(|o| !o.individual)
                                .map(|o| o.id.clone())
                                .collect::<Vec<_>>()
                        )
                    ),
                ));
            }
            if let Some(k) = self
                .contests
                .iter()
                .find(|c| c.contest.id().as_str() == l.constituency)
            {
                if !k
                    .contest
                    .all_candidates()
                    .iter()
                    .any(|c| c.id.as_str() == l.candidate)
                {
                    problems.push(unknown(
                        &field("candidate"),
                        "candidate of the constituency contest",
                        &l.candidate,
                    ));
                }
            }
            if links
                .iter()
                .any(|x| x.0 == l.constituency && x.1 == l.candidate)
            {
                problems.push(duplicate(
                    &field("candidate"),
                    "constituency candidate",
                    &l.candidate,
                ));
            }
            links.push((l.constituency.clone(), l.candidate.clone(), l.party.clone()));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        // The heads of the statement of rejected papers: the ruleset's,
        // where read; otherwise rejected papers are reported as a total
        // only (`breakdown_not_given`), never under heads not read.
        let heads = rules.heads.map_or_else(
            || vec![RejectionHead::BreakdownNotGiven],
            |h| h.iter().map(|s| s.head).collect(),
        );
        let plan = Plan::new(
            e.contest.clone(),
            CollateMethod::List,
            options
                .iter()
                .map(|o| Choice::new(&o.id, &o.name))
                .collect(),
            heads,
            areas,
        );
        let collation = Collation::new(plan).map_err(|errors| {
            errors
                .into_iter()
                .map(ProblemKind::from)
                .collect::<Vec<_>>()
        })?;
        // Constituency contests of this log already declared give their
        // returns now (a later declaration gives its return then).
        let mut returns = Vec::new();
        if ams {
            for k in &e.constituencies {
                if let Some((candidate, member, description, by)) = self.declared_constituency(k) {
                    let party = links
                        .iter()
                        .find(|l| &l.0 == k && l.1 == candidate)
                        .map(|l| l.2.clone())
                        .or_else(|| party_of(&options, description.as_deref()));
                    returns.push(ConstituencyReturn {
                        constituency: k.clone(),
                        member,
                        party,
                        by,
                        from_contest: Some(k.clone()),
                    });
                }
            }
        }
        self.list_contests.push(ListContestCount {
            id: e.contest.clone(),
            election: e.election.clone(),
            title: e.title.clone(),
            area: e.area.clone(),
            office,
            country,
            poll_date: election.poll_date,
            ruleset: id,
            seats: e.seats,
            options,
            constituencies: e.constituencies.clone(),
            collation,
            returns,
            lots: Vec::new(),
            recalculations: Vec::new(),
            declared: None,
            vacancies: Vec::new(),
            area_counts: std::collections::BTreeMap::new(),
            reported: std::collections::BTreeMap::new(),
            verification: countroom_verify::PollVerification::default(),
            constituency_parties: links,
        });
        Ok(())
    }

    pub(super) fn list_local_total(
        &mut self,
        entry: &log::Entry,
        e: &log::LocalTotalReported,
    ) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        // Left out, the area reads as empty: refused in the same words as a
        // counting event without it ("name the counting area (one of: …)").
        if e.counting_area.is_empty() {
            c.counting_area(None)?;
        }
        let mut problems = Vec::new();
        let mut votes = vec![0u64; c.options.len()];
        // Seen by place on the ballot (an id has one place): no set of
        // strings built for each report.
        let mut seen = vec![false; c.options.len()];
        // The field is named only for a problem (a report of many areas
        // names none).
        let field = |i: usize| format!("votes[{i}].candidate");
        for (i, v) in e.votes.iter().enumerate() {
            match c.option_index_from(&v.candidate, i) {
                Some(k) if seen.get(k).copied().unwrap_or(false) => {
                    problems.push(duplicate(
                        &field(i),
                        "party or individual candidate",
                        &v.candidate,
                    ));
                }
                Some(k) => {
                    if let Some(slot) = votes.get_mut(k) {
                        *slot = v.votes;
                    }
                    if let Some(s) = seen.get_mut(k) {
                        *s = true;
                    }
                }
                None => problems.push(c.unknown_option(
                    field(i),
                    &v.candidate,
                    "party or individual candidate",
                )),
            }
        }
        let heads = &c.collation.plan().heads;
        let mut rejected = vec![0u64; heads.len()];
        let mut seen_heads = vec![false; heads.len()];
        for (i, h) in e.rejected.iter().enumerate() {
            let field = format!("rejected[{i}].head");
            match RejectionHead::from_code(&h.head).and_then(|x| heads.iter().position(|y| *y == x))
            {
                Some(p) if seen_heads.get(p).copied().unwrap_or(false) => {
                    problems.push(duplicate(&field, "head", &h.head));
                }
                Some(p) => {
                    if let Some(slot) = rejected.get_mut(p) {
                        *slot = h.papers;
                    }
                    if let Some(s) = seen_heads.get_mut(p) {
                        *s = true;
                    }
                }
                None => problems.push(ProblemKind::HeadNotInRuleset {
                    field,
                    head: h.head.clone(),
                    ruleset: c.rules().code,
                }),
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
        // An area whose list papers are counted in the log: the report must
        // agree with the completed count (list_papers).
        if self.list_report_against_count(entry, e, &total)? {
            return Ok(());
        }
        let c = self.open_list_contest(&e.contest)?;
        c.collation.report(total).map_err(|errors| {
            errors
                .into_iter()
                .map(ProblemKind::from)
                .collect::<Vec<_>>()
        })?;
        c.reported.insert(e.counting_area.clone(), entry.seq);
        Ok(())
    }

    pub(super) fn list_authorise(&mut self, area: &str, contest: &str) -> Result<(), Problems> {
        let c = self.open_list_contest(contest)?;
        // A re-count asked for at the area's count waits for its decision.
        if let Some(r) = c
            .area_counts
            .get(area)
            .and_then(|a| a.recounts().iter().find(|r| r.decision.is_none()))
        {
            return Err(one(ProblemKind::RecountPending {
                contest: format!("{contest}, area {area}"),
                run: r.run,
            }));
        }
        c.collation.authorise(area).map_err(|x| one(x.into()))
    }

    pub(super) fn list_recount(
        &mut self,
        entry: &log::Entry,
        area: &str,
        contest: &str,
    ) -> Result<(), Problems> {
        self.list_area_recount(entry, area, contest)
    }

    pub(super) fn constituency_return(
        &mut self,
        entry: &log::Entry,
        e: &log::ConstituencyReturnReported,
    ) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        let mut problems = Vec::new();
        if !c.is_ams() {
            problems.push(list_problem(
                "contest",
                format!(
                    "{} allocates on list seats alone (D'Hondt): constituency returns do not enter its divisors",
                    c.rules().code
                ),
            ));
        }
        if !c.constituencies.contains(&e.constituency) {
            problems.push(ProblemKind::Unknown {
                field: "constituency".into(),
                what: "constituency of this list contest",
                id: e.constituency.clone(),
            });
        } else if let Some(r) = c.returns.iter().find(|r| r.constituency == e.constituency) {
            match &r.from_contest {
                // The return is taken from the constituency's contest in
                // this log: a report that agrees with it is recorded as
                // well (nothing changes); one that contradicts it is
                // refused.
                Some(_) if r.member == e.member && r.party == e.party && problems.is_empty() => {
                    return Ok(());
                }
                Some(_) if r.member == e.member && r.party == e.party => {}
                Some(k) => problems.push(list_problem(
                    "member",
                    format!(
                        "the result of constituency {} declared in this log (contest {k}) returned {} ({}), not {} ({})",
                        e.constituency,
                        r.member,
                        r.party.as_deref().unwrap_or("no party on the list ballot"),
                        e.member,
                        e.party.as_deref().unwrap_or("no party")
                    ),
                )),
                None => problems.push(duplicate(
                    "constituency",
                    "constituency return",
                    &e.constituency,
                )),
            }
        }
        if let Some(p) = &e.party {
            match c.option_index(p) {
                Some(k) if c.options.get(k).is_some_and(|o| o.individual) => {
                    problems.push(list_problem(
                        "party",
                        format!("{p} is an individual candidate on the list ballot, not a party: a constituency member who stood as an individual is reported with no party"),
                    ));
                }
                Some(_) => {}
                None => problems.push(c.unknown_option("party".to_owned(), p, "party")),
            }
        }
        if e.member.trim().is_empty() {
            problems.push(list_problem("member", "the member returned has no name"));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        c.returns.push(ConstituencyReturn {
            constituency: e.constituency.clone(),
            member: e.member.clone(),
            party: e.party.clone(),
            by: entry.by.clone(),
            from_contest: None,
        });
        Ok(())
    }

    pub(super) fn list_lot_drawn(
        &mut self,
        entry: &log::Entry,
        e: &log::ListLotDrawn,
    ) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        let method = lot_method_words(&e.method);
        if c.lots.iter().any(|l| l.round == e.round) {
            return Err(one(list_problem(
                "round",
                format!("a lot for seat {} is already recorded", e.round),
            )));
        }
        // The lot must be the one the allocation asks for now.
        match c.allocation() {
            AllocationStage::Allocated(a) => match a.status {
                Status::LotRequired { round, tied, .. } if round == e.round => {
                    let mut given = e.tied.clone();
                    given.sort();
                    let mut want = tied.clone();
                    want.sort();
                    if given != want {
                        return Err(one(list_problem(
                            "tied",
                            format!(
                                "the equal highest figures at seat {round} are those of {}, not {}",
                                tied.join(", "),
                                e.tied.join(", ")
                            ),
                        )));
                    }
                    if !tied.contains(&e.winner) {
                        return Err(one(list_problem(
                            "winner",
                            format!("{} is not among those tied ({})", e.winner, tied.join(", ")),
                        )));
                    }
                    // A rehearsal draw from a published seed: recomputed
                    // (countroom-lot-v1), the tied numbered by their place
                    // on the list ballot as defined (parties, then
                    // individual candidates, from 0).
                    if let log::LotMethod::Seeded { seed } = &e.method {
                        let positions: Vec<usize> =
                            tied.iter().filter_map(|t| c.option_index(t)).collect();
                        let drawn = countroom_tally::seeded_lot(
                            seed,
                            &list_lot_context(&c.id, round),
                            &positions,
                            1,
                        );
                        let drawn = drawn
                            .first()
                            .and_then(|&i| c.options.get(i))
                            .map(|o| o.id.clone())
                            .unwrap_or_default();
                        if drawn != e.winner {
                            return Err(one(ProblemKind::SeededLotMismatch {
                                contest: e.contest.clone(),
                                run: 0,
                                seed: seed.clone(),
                                expected: drawn,
                                found: e.winner.clone(),
                            }));
                        }
                    }
                }
                Status::LotRequired { round, .. } => {
                    return Err(one(list_problem(
                        "round",
                        format!("the allocation needs a lot at seat {round}, not {}", e.round),
                    )))
                }
                _ => {
                    return Err(one(list_problem(
                        "round",
                        format!("no lot is needed at seat {}: the allocation has no equality to settle by lot there", e.round),
                    )))
                }
            },
            other => {
                return Err(one(list_problem(
                    "round",
                    format!(
                        "no lot can be drawn before the allocation: {}",
                        stage_words(&other)
                    ),
                )))
            }
        }
        c.lots.push(ListLot {
            round: e.round,
            tied: e.tied.clone(),
            winner: e.winner.clone(),
            method,
            rehearsal: matches!(e.method, log::LotMethod::Seeded { .. }),
            by: entry.by.clone(),
            at: entry.at.clone().map(EntryTime::from),
        });
        Ok(())
    }

    pub(super) fn recalculation_requested(
        &mut self,
        entry: &log::Entry,
        e: &log::AllocationRecalculationRequested,
    ) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        if let Some(p) = &e.party {
            if c.option_index(p).is_none() {
                return Err(one(c.unknown_option(
                    "party".to_owned(),
                    p,
                    "party or individual candidate",
                )));
            }
        }
        if let Err(why) = c.is_complete() {
            return Err(one(list_problem(
                "contest",
                format!("there is no allocation to recalculate yet: {why}"),
            )));
        }
        if c.recalculations.iter().any(|r| r.outcome.is_none()) {
            return Err(one(list_problem(
                "contest",
                "a recalculation already asked for is waiting for the returning officer",
            )));
        }
        c.recalculations.push(Recalculation {
            requested_by: entry.by.clone(),
            requested_at: entry.at.clone().map(EntryTime::from),
            party: e.party.clone(),
            recalculated: None,
            outcome: None,
        });
        Ok(())
    }

    pub(super) fn recalculated(
        &mut self,
        entry: &log::Entry,
        e: &log::AllocationRecalculated,
    ) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        if e.outcome != "unchanged" {
            return Err(one(ProblemKind::UnknownCode {
                field: "outcome".into(),
                what: "recalculation outcome",
                value: e.outcome.clone(),
                expected: "unchanged (the recalculation is made from the same totals; a figure found wrong is corrected by a local total reported again after a re-count ordered with area_recount_ordered)".into(),
            }));
        }
        if let Err(why) = c.is_complete() {
            return Err(one(list_problem(
                "contest",
                format!("there is no allocation to recalculate: {why}"),
            )));
        }
        let Some(r) = c.recalculations.iter_mut().find(|r| r.outcome.is_none()) else {
            return Err(one(list_problem(
                "contest",
                "no recalculation has been asked for (allocation_recalculation_requested)",
            )));
        };
        r.recalculated = Some((entry.by.clone(), entry.at.clone().map(EntryTime::from)));
        r.outcome = Some(e.outcome.clone());
        Ok(())
    }

    pub(super) fn list_declared(
        &mut self,
        entry: &log::Entry,
        e: &log::ResultDeclared,
    ) -> Result<(), Problems> {
        let c = self.open_list_contest(&e.contest)?;
        if e.run != 0 {
            return Err(one(list_problem(
                "run",
                "a list contest is collated, not counted in runs: its result is declared with run 0",
            )));
        }
        if let Err(why) = c.is_complete() {
            return Err(one(ProblemKind::NotDeclarable {
                contest: e.contest.clone(),
                run: 0,
                reason: why,
            }));
        }
        if let Some(l) = c.lots.iter().find(|l| l.rehearsal) {
            return Err(one(ProblemKind::NotDeclarable {
                contest: e.contest.clone(),
                run: 0,
                reason: format!(
                    "seat {} was settled by a rehearsal draw from a published seed, never by the lot drawn at the count: a rehearsal is not declared",
                    l.round
                ),
            }));
        }
        if c.recalculations.iter().any(|r| r.outcome.is_none()) {
            return Err(one(ProblemKind::NotDeclarable {
                contest: e.contest.clone(),
                run: 0,
                reason: "a recalculation asked for is waiting for the returning officer".into(),
            }));
        }
        c.declared = Some(Declared {
            run: 0,
            by: entry.by.clone(),
            at: entry.at.clone().map(EntryTime::from),
        });
        Ok(())
    }

    pub(super) fn list_vacancy(
        &mut self,
        entry: &log::Entry,
        e: &log::ListVacancyFilled,
    ) -> Result<(), Problems> {
        let c = self.list_contest_mut(&e.contest)?;
        if c.declared.is_none() {
            return Err(one(list_problem(
                "contest",
                "the result is not declared: a vacancy arises only in a seat filled at the declaration",
            )));
        }
        let sitting = c.sitting();
        let Some((_, party, _)) = sitting
            .iter()
            .find(|m| m.2 == e.vacating && !m.2.is_empty())
        else {
            return Err(one(list_problem(
                "vacating",
                format!(
                    "{} does not hold a list seat of this contest (sitting: {})",
                    e.vacating,
                    none_if_empty(
                        &sitting
                            .iter()
                            .filter(|m| !m.2.is_empty())
                            .map(|m| m.2.clone())
                            .collect::<Vec<_>>()
                    )
                ),
            )));
        };
        let Some(option) = c.options.iter().find(|o| &o.id == party) else {
            return Err(one(unknown("vacating", "party", party)));
        };
        if option.individual {
            // A member returned as an individual candidate: the seat is not
            // filled from a list and remains vacant until the next general
            // election, as the ruleset's statute says where it was read
            // (Scotland Act 1998 s.10(2); Government of Wales Act 2006
            // s.11(2) as substituted by the Senedd Cymru (Members and
            // Elections) Act 2024); refused where it was not read.
            let rules = c.rules();
            let rule = rules.individual_vacancy;
            if rule.source == Source::NotRead {
                return Err(one(list_problem(
                    "vacating",
                    format!(
                        "{} was returned as an individual candidate: the rule for a vacancy in that seat under {} was not read in the statute ({}), so it is not applied (not yet)",
                        e.vacating, rules.code, rule.citation
                    ),
                )));
            }
            if e.filled_by.is_some() || !e.declined.is_empty() {
                return Err(one(list_problem(
                    if e.filled_by.is_some() {
                        "filled_by"
                    } else {
                        "declined"
                    },
                    format!(
                        "{} was returned as an individual candidate: no one fills the seat from a list, it remains vacant ({})",
                        e.vacating, rule.citation
                    ),
                )));
            }
            let party = party.clone();
            c.vacancies.push(ListVacancy {
                vacating: e.vacating.clone(),
                party,
                declined: Vec::new(),
                filled_by: None,
                remains_vacant_under: Some(rule.citation),
                by: entry.by.clone(),
                at: entry.at.clone().map(EntryTime::from),
            });
            return Ok(());
        }
        if option.list.is_empty() {
            return Err(one(list_problem(
                "vacating",
                format!(
                    "{}'s list is not recorded in the log (list_contest_defined): the next person on it cannot be found",
                    option.name
                ),
            )));
        }
        let mut problems = Vec::new();
        for (i, d) in e.declined.iter().enumerate() {
            if !option.list.iter().any(|p| &p.name == d) {
                problems.push(list_problem(
                    &format!("declined[{i}]"),
                    format!("{d} is not on {}'s list", option.name),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let list: Vec<ListMember> = option
            .list
            .iter()
            .map(|p| ListMember {
                name: p.name.clone(),
                status: if p.died {
                    MemberStatus::Died
                } else if p.withdrawn {
                    MemberStatus::Withdrawn
                } else {
                    MemberStatus::Standing
                },
            })
            .collect();
        // Returned already: every member ever returned for the contest
        // (sitting or having vacated) and the region's constituency
        // members.
        let mut returned: BTreeSet<String> = c.members().into_iter().map(|m| m.2).collect();
        returned.extend(
            c.vacancies
                .iter()
                .filter_map(|v| v.filled_by.clone().map(|f| f.1)),
        );
        returned.extend(c.returns.iter().map(|r| r.member.clone()));
        let returned: Vec<&str> = returned.iter().map(String::as_str).collect();
        let declined: Vec<&str> = e.declined.iter().map(String::as_str).collect();
        let found = countroom_list::fill_vacancy(&list, &returned, &declined);
        let rules = c.rules();
        let filled_by = match (&found, &e.filled_by) {
            (countroom_list::Vacancy::Filled { position, name }, Some(given)) if name == given => {
                Some((*position, name.clone()))
            }
            (countroom_list::Vacancy::RemainsVacant, None) => None,
            (countroom_list::Vacancy::Filled { name, .. }, _) => {
                return Err(one(list_problem(
                    "filled_by",
                    format!(
                        "the next willing person on {}'s list is {name} ({}), not {}",
                        option.name,
                        rules.list_vacancy_citation(),
                        e.filled_by.as_deref().unwrap_or("no one")
                    ),
                )))
            }
            (countroom_list::Vacancy::RemainsVacant, Some(given)) => {
                return Err(one(list_problem(
                    "filled_by",
                    format!(
                        "no one on {}'s list can fill the seat (every other person is returned, withdrawn, dead or declined), so it remains vacant; {given} cannot fill it",
                        option.name
                    ),
                )))
            }
        };
        let party = party.clone();
        c.vacancies.push(ListVacancy {
            vacating: e.vacating.clone(),
            party,
            declined: e.declined.clone(),
            filled_by,
            remains_vacant_under: None,
            by: entry.by.clone(),
            at: entry.at.clone().map(EntryTime::from),
        });
        Ok(())
    }
}

/// Words for where an allocation stands, for messages (the parties and
/// individual candidates by id).
#[must_use]
pub fn stage_words(stage: &AllocationStage) -> String {
    stage_words_named(stage, &|id: &str| id.to_owned())
}

/// [`stage_words`] with each party or individual candidate given by
/// `name` (their names on the ballot, for the documents: "a lot is
/// required at seat 6 between Plaid Cymru and Rhys Morgan").
#[must_use]
pub fn stage_words_named(stage: &AllocationStage, name: &dyn Fn(&str) -> String) -> String {
    let tied_words = |tied: &[String]| and_list(&tied.iter().map(|t| name(t)).collect::<Vec<_>>());
    match stage {
        AllocationStage::AwaitingTotals {
            missing,
            unauthorised,
        } => format!(
            "awaiting the counting areas' list totals (missing: {}; not authorised: {})",
            none_if_empty(missing),
            none_if_empty(unauthorised)
        ),
        AllocationStage::AwaitingReturns(a) => format!(
            "awaiting the returns of constituencies {} (the divisors count each party's constituency seats)",
            a.join(", ")
        ),
        AllocationStage::Refused(why) => format!("refused: {why}"),
        AllocationStage::Allocated(a) => match &a.status {
            Status::Complete => "allocated".to_owned(),
            Status::Unfilled { seats } => format!("allocated, {} unfilled", seats_words(*seats)),
            Status::LotRequired { round, tied, .. } => format!(
                "a lot is required at seat {round} between {}",
                tied_words(tied)
            ),
            Status::TieRuleUnsettled { round, tied } => format!(
                "equal highest figures at seat {round} between {}, and the rule for them is not settled",
                tied_words(tied)
            ),
            Status::MoreTiedThanSeatsLeft { round, tied, seats_left } => format!(
                "equal highest figures at seat {round} between {} for {} left, and the rule for that case is not read",
                tied_words(tied),
                seats_words(*seats_left)
            ),
        },
    }
}

/// "1 seat", "2 seats".
#[must_use]
pub fn seats_words(n: u32) -> String {
    if n == 1 {
        "1 seat".to_owned()
    } else {
        format!("{n} seats")
    }
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
