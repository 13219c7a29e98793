//! The events of a count, as they are written in the log.

use serde::{Deserialize, Serialize};

use crate::Preferences;

/// One line of the log: an event with who recorded it, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Entry {
    /// Position in the log, from 1, with no gaps.
    pub seq: u64,
    /// Version 2: the SHA-256 (lower-case hex) of the previous line's exact
    /// bytes, without its line feed (the header's for entry 1). Absent in a
    /// version 1 log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    /// Who did it or recorded it (a name and role, e.g. "Jane Smith, Deputy
    /// Returning Officer"; for a recount request, the candidate or agent).
    pub by: String,
    /// When, as recorded by the operator (free text, typically RFC 3339).
    /// The engine never reads a clock and never interprets this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Why: the reason given, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What happened.
    pub event: Event,
}

impl Entry {
    /// Entry `seq`, recorded by `by`: `event`, with no `prev`, time or
    /// reason (add them with [`Entry::prev`], [`Entry::at`] and
    /// [`Entry::reason`]).
    ///
    /// ```
    /// use countroom_log::{Entry, Event, ResultDeclared};
    /// let declared = ResultDeclared::new("abbey", 1);
    /// let e = Entry::new(7, "ro", Event::ResultDeclared(declared))
    ///     .at(Some("2026-05-08T04:31:00+01:00".into()));
    /// assert_eq!(e.at.as_deref(), Some("2026-05-08T04:31:00+01:00"));
    /// ```
    #[must_use]
    pub fn new(seq: u64, by: impl Into<String>, event: Event) -> Entry {
        Entry {
            seq,
            prev: None,
            by: by.into(),
            at: None,
            reason: None,
            event,
        }
    }

    /// The previous line's SHA-256 (lower-case hex; `None`: version 1).
    #[must_use]
    pub fn prev(mut self, prev: Option<String>) -> Entry {
        self.prev = prev;
        self
    }

    /// When, as recorded (`None`: not given).
    #[must_use]
    pub fn at(mut self, at: Option<String>) -> Entry {
        self.at = at;
        self
    }

    /// Why (`None`: no reason given).
    #[must_use]
    pub fn reason(mut self, reason: Option<String>) -> Entry {
        self.reason = reason;
        self
    }
}

/// What happened. Written as an object with one key, the event's type.
///
/// Not `#[non_exhaustive]`: the replay (`countroom_count::CountState::apply`)
/// and the table of who may record each event
/// (`countroom_count::authority`) match every event, so a new event must
/// be given its checks and its role there, which a compile error in the
/// workspace enforces and a `_` arm would turn into a refusal at run time;
/// a new event is a new version of the log's schema, and a breaking change
/// of this crate (0.x: a new minor version). See ARCHITECTURE.md, "The
/// boundary between domain and wire types, and the semver policy".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// An election event (one poll date) is defined.
    ElectionDefined(ElectionDefined),
    /// A contest (poll) is defined, with its seats and candidates.
    ContestDefined(ContestDefined),
    /// A counting area is defined.
    CountingAreaDefined(CountingAreaDefined),
    /// A polling place is defined.
    PollingPlaceDefined(PollingPlaceDefined),
    /// A polling station is defined.
    PollingStationDefined(PollingStationDefined),
    /// A ballot box is defined.
    BallotBoxDefined(BallotBoxDefined),
    /// The number of ballot papers verified for a contest is entered (when
    /// verification is not recorded in the log).
    PapersVerified(PapersVerified),
    /// A ballot box arrives at the count, with its seals.
    BoxReceived(BoxReceived),
    /// The presiding officer's ballot paper account for one poll at one box.
    AccountEntered(AccountEntered),
    /// A box's papers of one poll are counted at verification.
    BoxCounted(BoxCounted),
    /// Ballot papers are moved between boxes or polls (mis-boxed papers).
    PapersMoved(PapersMoved),
    /// A postal opening session: papers placed in postal ballot boxes and the
    /// postal voting statements rejected.
    PostalOpeningRecorded(PostalOpeningRecorded),
    /// The tendered votes list of a box's poll is checked.
    TenderedVotesListed(TenderedVotesListed),
    /// Verification of a poll is completed.
    VerificationCompleted(VerificationCompleted),
    /// A bundle (or a table's batch) of valid ballot papers is counted.
    BundleCounted(BundleCounted),
    /// Papers rejected under one head are counted.
    RejectedCounted(RejectedCounted),
    /// Papers rejected in part are counted (their valid votes are in the
    /// bundles).
    RejectedInPartCounted(RejectedInPartCounted),
    /// A batch of individual ballot papers was adjudicated and counted.
    PaperBatchCounted(PaperBatchCounted),
    /// Papers valid only under the saving clause are counted, by reason
    /// (their votes are in the bundles).
    SavedCounted(SavedCounted),
    /// A counting agent objects to the rejection of ballot papers: a
    /// doubtful paper rejected, or papers counted under a head.
    RejectionObjected(RejectionObjected),
    /// Doubtful papers found at a manual count are set aside for the
    /// returning officer.
    PapersSetAside(PapersSetAside),
    /// The returning officer decided a doubtful paper.
    DoubtfulPaperDecided(DoubtfulPaperDecided),
    /// An explanation is recorded (e.g. of a variance between papers counted
    /// and papers verified).
    ExplanationRecorded(ExplanationRecorded),
    /// The counting of a run is completed.
    CountCompleted(CountCompleted),
    /// A candidate or agent requests a re-count.
    RecountRequested(RecountRequested),
    /// The returning officer grants or refuses a re-count.
    RecountDecided(RecountDecided),
    /// Lots are drawn between candidates with equal votes.
    LotDrawn(LotDrawn),
    /// The result is declared.
    ResultDeclared(ResultDeclared),
    /// Supplementary vote: second preferences counted on a bundle of the
    /// eliminated candidates' papers.
    SecondPreferencesCounted(SecondPreferencesCounted),
    /// Supplementary vote: the second count of a run is completed.
    SecondCountCompleted(SecondCountCompleted),
    /// A region (or nation) into which counting areas are collated.
    RegionDefined(RegionDefined),
    /// A counting area reports its local total to the collating officer.
    LocalTotalReported(LocalTotalReported),
    /// The collating officer authorises a local total to be made public.
    LocalTotalAuthorised(LocalTotalAuthorised),
    /// The collating officer orders a re-count in one counting area.
    AreaRecountOrdered(AreaRecountOrdered),
    /// Supplementary vote across areas: the collating officer directs every
    /// area to count second preferences for the remaining candidates.
    SecondCountDirected(SecondCountDirected),
    /// A counting area reports its count of second preferences.
    LocalSecondCountReported(LocalSecondCountReported),
    /// A person is appointed to an office at the count (or, for the
    /// returning officer, records holding it), with the key they sign with.
    OfficerAppointed(OfficerAppointed),
    /// A candidate, agent or observer is recorded as entitled to attend.
    AgentAppointed(AgentAppointed),
    /// A signed checkpoint over the chain head.
    CheckpointSigned(CheckpointSigned),
    /// A version 1 log was rewritten as version 2.
    LogUpgraded(LogUpgraded),
    /// A list-system contest (the Senedd's closed lists; the regional or
    /// London-wide poll of an additional member system) is defined: its
    /// seats, its constituencies, the parties' lists and the individual
    /// candidates.
    ListContestDefined(ListContestDefined),
    /// The return of a constituency of an additional-member region, counted
    /// elsewhere, is reported to the regional returning officer.
    ConstituencyReturnReported(ConstituencyReturnReported),
    /// A lot drawn between equal highest figures at a list allocation.
    ListLotDrawn(ListLotDrawn),
    /// A candidate or agent asks for the list allocation to be
    /// recalculated.
    AllocationRecalculationRequested(AllocationRecalculationRequested),
    /// The returning officer recalculates the allocation (from the same
    /// totals: no re-count at that stage).
    AllocationRecalculated(AllocationRecalculated),
    /// A later vacancy in a list seat is filled from the same list.
    ListVacancyFilled(ListVacancyFilled),
    /// The local planning authority's decision whether to make a
    /// neighbourhood plan where only one of the residents' and the business
    /// referendums is in favour (Planning and Compulsory Purchase Act 2004
    /// s.38A(5)).
    PlanningDecisionRecorded(PlanningDecisionRecorded),
}

impl Event {
    /// The event's type as written in the log (`"bundle_counted"`, …).
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Event::ElectionDefined(_) => "election_defined",
            Event::ContestDefined(_) => "contest_defined",
            Event::CountingAreaDefined(_) => "counting_area_defined",
            Event::PollingPlaceDefined(_) => "polling_place_defined",
            Event::PollingStationDefined(_) => "polling_station_defined",
            Event::BallotBoxDefined(_) => "ballot_box_defined",
            Event::PapersVerified(_) => "papers_verified",
            Event::BoxReceived(_) => "box_received",
            Event::AccountEntered(_) => "account_entered",
            Event::BoxCounted(_) => "box_counted",
            Event::PapersMoved(_) => "papers_moved",
            Event::PostalOpeningRecorded(_) => "postal_opening_recorded",
            Event::TenderedVotesListed(_) => "tendered_votes_listed",
            Event::VerificationCompleted(_) => "verification_completed",
            Event::BundleCounted(_) => "bundle_counted",
            Event::RejectedCounted(_) => "rejected_counted",
            Event::RejectedInPartCounted(_) => "rejected_in_part_counted",
            Event::PaperBatchCounted(_) => "paper_batch_counted",
            Event::SavedCounted(_) => "saved_counted",
            Event::RejectionObjected(_) => "rejection_objected",
            Event::PapersSetAside(_) => "papers_set_aside",
            Event::DoubtfulPaperDecided(_) => "doubtful_paper_decided",
            Event::ExplanationRecorded(_) => "explanation_recorded",
            Event::CountCompleted(_) => "count_completed",
            Event::RecountRequested(_) => "recount_requested",
            Event::RecountDecided(_) => "recount_decided",
            Event::LotDrawn(_) => "lot_drawn",
            Event::ResultDeclared(_) => "result_declared",
            Event::SecondPreferencesCounted(_) => "second_preferences_counted",
            Event::SecondCountCompleted(_) => "second_count_completed",
            Event::RegionDefined(_) => "region_defined",
            Event::LocalTotalReported(_) => "local_total_reported",
            Event::LocalTotalAuthorised(_) => "local_total_authorised",
            Event::AreaRecountOrdered(_) => "area_recount_ordered",
            Event::SecondCountDirected(_) => "second_count_directed",
            Event::LocalSecondCountReported(_) => "local_second_count_reported",
            Event::OfficerAppointed(_) => "officer_appointed",
            Event::AgentAppointed(_) => "agent_appointed",
            Event::CheckpointSigned(_) => "checkpoint_signed",
            Event::LogUpgraded(_) => "log_upgraded",
            Event::ListContestDefined(_) => "list_contest_defined",
            Event::ConstituencyReturnReported(_) => "constituency_return_reported",
            Event::ListLotDrawn(_) => "list_lot_drawn",
            Event::AllocationRecalculationRequested(_) => "allocation_recalculation_requested",
            Event::AllocationRecalculated(_) => "allocation_recalculated",
            Event::ListVacancyFilled(_) => "list_vacancy_filled",
            Event::PlanningDecisionRecorded(_) => "planning_decision_recorded",
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// An election event: the polls of one polling day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ElectionDefined {
    /// Identifier.
    pub election: String,
    /// Name, e.g. "Exampleshire District Council elections 2026".
    pub name: String,
    /// Day of the poll, `YYYY-MM-DD`.
    pub poll_date: String,
}

impl ElectionDefined {
    /// The event with these fields (`election`, `name`, `poll_date`).
    #[must_use]
    pub fn new(
        election: impl Into<String>,
        name: impl Into<String>,
        poll_date: impl Into<String>,
    ) -> ElectionDefined {
        ElectionDefined {
            election: election.into(),
            name: name.into(),
            poll_date: poll_date.into(),
        }
    }
}

/// A contest: one office for one electoral area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ContestDefined {
    /// Identifier.
    pub contest: String,
    /// The election event it belongs to.
    pub election: String,
    /// Title of the poll, e.g. "Election of District Councillors".
    pub title: String,
    /// Electoral area, e.g. "Abbey Ward".
    pub area: String,
    /// Office code: `uk_parliament`, `principal_councillor`,
    /// `parish_councillor`, `mayor`, `police_and_crime_commissioner`,
    /// `referendum`, or a local poll's: `parish_poll_question`,
    /// `parish_poll_election`, `neighbourhood_planning_referendum`,
    /// `business_referendum`, `council_tax_referendum`,
    /// `governance_referendum`; or `scottish_referendum` (a referendum
    /// throughout Scotland under the Referendums (Scotland) Act 2020).
    pub office: String,
    /// For a mayor (and only a mayor), the kind of authority:
    /// `local_authority`, `combined_authority`, `combined_county_authority`,
    /// `london`. Each has its own rules; a mayor without it is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// For a Welsh principal council only, the voting system the council
    /// has chosen (Local Government and Elections (Wales) Act 2021 s.8):
    /// `simple_majority` or `single_transferable_vote` (refused: its
    /// counting rules are not in countroom). Absent: the simple majority
    /// system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voting_system: Option<String>,
    /// Country code: `england`, `wales`, `scotland`, `northern_ireland`.
    pub country: String,
    /// Electors on the register.
    pub electorate: u64,
    /// One entry per seat.
    pub vacancies: Vec<VacancyDef>,
    /// Candidates in ballot-paper order, withdrawn ones included.
    pub candidates: Vec<CandidateDef>,
    /// The ruleset code, if the log states it; it must match the one the
    /// country, office and poll date select.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruleset: Option<String>,
    /// The counting areas the poll is counted in, when it is counted locally
    /// and collated (a police area's voting areas, a referendum's counting
    /// areas). Empty: counted at one count, by runs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counting_areas: Vec<String>,
    /// Democracy Club's ballot paper id (e.g.
    /// `local.exampleshire.abbey.2026-05-07`), used in the result JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ballot_paper_id: Option<String>,
    /// The question put, at a poll on a question (a parish poll on a
    /// question, a local referendum): the words on the ballot paper. A
    /// parish poll on a question must give it; the referendums whose
    /// question the law prescribes give it in the prescribed form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

impl ContestDefined {
    /// Contest `contest` of election `election`: its title, area, office
    /// code and country; add its electorate, vacancies and candidates (and
    /// any optional field) with the builders.
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        election: impl Into<String>,
        title: impl Into<String>,
        area: impl Into<String>,
        office: impl Into<String>,
        country: impl Into<String>,
    ) -> ContestDefined {
        ContestDefined {
            contest: contest.into(),
            election: election.into(),
            title: title.into(),
            area: area.into(),
            office: office.into(),
            authority: None,
            voting_system: None,
            country: country.into(),
            electorate: 0,
            vacancies: Vec::new(),
            candidates: Vec::new(),
            ruleset: None,
            counting_areas: Vec::new(),
            ballot_paper_id: None,
            question: None,
        }
    }

    /// Electors on the register.
    #[must_use]
    pub fn electorate(mut self, electorate: u64) -> ContestDefined {
        self.electorate = electorate;
        self
    }

    /// The seats to fill.
    #[must_use]
    pub fn vacancies(mut self, vacancies: Vec<VacancyDef>) -> ContestDefined {
        self.vacancies = vacancies;
        self
    }

    /// The candidates (or answers), in ballot-paper order.
    #[must_use]
    pub fn candidates(mut self, candidates: Vec<CandidateDef>) -> ContestDefined {
        self.candidates = candidates;
        self
    }

    /// A mayor's kind of authority.
    #[must_use]
    pub fn authority(mut self, authority: Option<String>) -> ContestDefined {
        self.authority = authority;
        self
    }

    /// The voting system, where the office does not settle it.
    #[must_use]
    pub fn voting_system(mut self, voting_system: Option<String>) -> ContestDefined {
        self.voting_system = voting_system;
        self
    }

    /// The ruleset stated (checked against the one that governs the poll).
    #[must_use]
    pub fn ruleset(mut self, ruleset: Option<String>) -> ContestDefined {
        self.ruleset = ruleset;
        self
    }

    /// The counting areas it is counted in and collated from.
    #[must_use]
    pub fn counting_areas(mut self, counting_areas: Vec<String>) -> ContestDefined {
        self.counting_areas = counting_areas;
        self
    }

    /// The ballot paper's identifier.
    #[must_use]
    pub fn ballot_paper_id(mut self, ballot_paper_id: Option<String>) -> ContestDefined {
        self.ballot_paper_id = ballot_paper_id;
        self
    }

    /// A local poll's question.
    #[must_use]
    pub fn question(mut self, question: Option<String>) -> ContestDefined {
        self.question = question;
        self
    }
}

/// One seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct VacancyDef {
    /// `ordinary` or `casual`.
    pub kind: String,
    /// Day the term of office ends, `YYYY-MM-DD`. Left out for an office
    /// with no fixed term (a Member of Parliament sits until Parliament is
    /// dissolved); required for every other office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_ends: Option<String>,
}

impl VacancyDef {
    /// A `VacancyDef` with its `kind`; add its `term_ends` with the builders.
    ///
    /// ```
    /// use countroom_log::VacancyDef;
    /// let seat = VacancyDef::new("ordinary").term_ends(Some("2030-05-09".into()));
    /// assert_eq!(seat.term_ends.as_deref(), Some("2030-05-09"));
    /// ```
    #[must_use]
    pub fn new(kind: impl Into<String>) -> VacancyDef {
        VacancyDef {
            kind: kind.into(),
            term_ends: None,
        }
    }

    /// Day the term of office ends, `YYYY-MM-DD`. Left out for an office
    /// with no fixed term (a Member of Parliament sits until Parliament is
    /// dissolved); required for every other office.
    #[must_use]
    pub fn term_ends(mut self, term_ends: Option<String>) -> VacancyDef {
        self.term_ends = term_ends;
        self
    }
}

/// One nominated candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CandidateDef {
    /// Identifier, unique in the contest.
    pub id: String,
    /// Name as on the ballot paper.
    pub name: String,
    /// Description or party as on the ballot paper.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Withdrawn before the deadline (not on the ballot paper).
    #[serde(default, skip_serializing_if = "is_false")]
    pub withdrawn: bool,
}

impl CandidateDef {
    /// A `CandidateDef` with its `id` and `name`; add its `description` and
    /// `withdrawn` with the builders.
    ///
    /// ```
    /// use countroom_log::CandidateDef;
    /// let c = CandidateDef::new("C1", "SMITH, Jane").description(Some("Green Party".into()));
    /// assert_eq!(c.description.as_deref(), Some("Green Party"));
    /// assert!(!c.withdrawn);
    /// ```
    #[must_use]
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> CandidateDef {
        CandidateDef {
            id: id.into(),
            name: name.into(),
            description: None,
            withdrawn: false,
        }
    }

    /// Description or party as on the ballot paper.
    #[must_use]
    pub fn description(mut self, description: Option<String>) -> CandidateDef {
        self.description = description;
        self
    }

    /// Withdrawn before the deadline (not on the ballot paper).
    #[must_use]
    pub fn withdrawn(mut self, withdrawn: bool) -> CandidateDef {
        self.withdrawn = withdrawn;
        self
    }
}

/// A counting area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CountingAreaDefined {
    /// Identifier.
    pub counting_area: String,
    /// Name.
    pub name: String,
    /// The region it is collated into (a `region_defined` id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Electors on the register in the area (for collated polls).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electorate: Option<u64>,
}

impl CountingAreaDefined {
    /// A `counting_area_defined` event with its `counting_area` and `name`; add
    /// its `region` and `electorate` with the builders.
    #[must_use]
    pub fn new(counting_area: impl Into<String>, name: impl Into<String>) -> CountingAreaDefined {
        CountingAreaDefined {
            counting_area: counting_area.into(),
            name: name.into(),
            region: None,
            electorate: None,
        }
    }

    /// The region it is collated into (a `region_defined` id).
    #[must_use]
    pub fn region(mut self, region: Option<String>) -> CountingAreaDefined {
        self.region = region;
        self
    }

    /// Electors on the register in the area (for collated polls).
    #[must_use]
    pub fn electorate(mut self, electorate: Option<u64>) -> CountingAreaDefined {
        self.electorate = electorate;
        self
    }
}

/// A polling place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PollingPlaceDefined {
    /// Identifier.
    pub polling_place: String,
    /// Name and address.
    pub name: String,
    /// Counting area, in a multi-area poll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
}

impl PollingPlaceDefined {
    /// A `polling_place_defined` event with its `polling_place` and `name`; add
    /// its `counting_area` with the builders.
    #[must_use]
    pub fn new(polling_place: impl Into<String>, name: impl Into<String>) -> PollingPlaceDefined {
        PollingPlaceDefined {
            polling_place: polling_place.into(),
            name: name.into(),
            counting_area: None,
        }
    }

    /// Counting area, in a multi-area poll.
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> PollingPlaceDefined {
        self.counting_area = counting_area;
        self
    }
}

/// A polling station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PollingStationDefined {
    /// Identifier.
    pub polling_station: String,
    /// The polling place it is in.
    pub polling_place: String,
    /// Name or number.
    pub name: String,
}

impl PollingStationDefined {
    /// A `polling_station_defined` event with its `polling_station`,
    /// `polling_place` and `name`.
    #[must_use]
    pub fn new(
        polling_station: impl Into<String>,
        polling_place: impl Into<String>,
        name: impl Into<String>,
    ) -> PollingStationDefined {
        PollingStationDefined {
            polling_station: polling_station.into(),
            polling_place: polling_place.into(),
            name: name.into(),
        }
    }
}

/// A ballot box: a polling station's box, or (with no `polling_station`) a
/// postal ballot box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BallotBoxDefined {
    /// Identifier.
    pub ballot_box: String,
    /// The polling station; absent for a postal ballot box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polling_station: Option<String>,
    /// A postal ballot box's counting area (a box at a polling station has
    /// its station's): where a list poll's papers are verified area by
    /// area, the area whose verified papers it adds to. Absent in every
    /// log before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
    /// The contests whose papers it holds.
    pub contests: Vec<String>,
}

impl BallotBoxDefined {
    /// A `ballot_box_defined` event with its `ballot_box` and `contests`; add
    /// its `polling_station` with the builders.
    #[must_use]
    pub fn new(ballot_box: impl Into<String>, contests: Vec<String>) -> BallotBoxDefined {
        BallotBoxDefined {
            ballot_box: ballot_box.into(),
            polling_station: None,
            counting_area: None,
            contests,
        }
    }

    /// The polling station; absent for a postal ballot box.
    #[must_use]
    pub fn polling_station(mut self, polling_station: Option<String>) -> BallotBoxDefined {
        self.polling_station = polling_station;
        self
    }

    /// A postal ballot box's counting area.
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> BallotBoxDefined {
        self.counting_area = counting_area;
        self
    }
}

/// The number of ballot papers verified for a contest (from the verification
/// statement). Entering it again replaces the earlier figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PapersVerified {
    /// Contest.
    pub contest: String,
    /// Ballot papers verified.
    pub papers: u64,
}

impl PapersVerified {
    /// A `papers_verified` event with its `contest` and `papers`.
    #[must_use]
    pub fn new(contest: impl Into<String>, papers: u64) -> PapersVerified {
        PapersVerified {
            contest: contest.into(),
            papers,
        }
    }
}

/// A ballot box arrives at the count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BoxReceived {
    /// The box.
    pub ballot_box: String,
    /// The seal numbers, as read on arrival.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seals: Vec<String>,
}

impl BoxReceived {
    /// A `box_received` event with its `ballot_box`; add its `seals` with the
    /// builders.
    #[must_use]
    pub fn new(ballot_box: impl Into<String>) -> BoxReceived {
        BoxReceived {
            ballot_box: ballot_box.into(),
            seals: Vec::new(),
        }
    }

    /// The seal numbers, as read on arrival.
    #[must_use]
    pub fn seals(mut self, seals: Vec<String>) -> BoxReceived {
        self.seals = seals;
        self
    }
}

/// A range of ballot paper serial numbers, inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SerialRangeDef {
    /// First serial number, e.g. `A000001`.
    pub first: String,
    /// Last serial number, e.g. `A001500`.
    pub last: String,
}

impl SerialRangeDef {
    /// A `SerialRangeDef` with its `first` and `last`.
    #[must_use]
    pub fn new(first: impl Into<String>, last: impl Into<String>) -> SerialRangeDef {
        SerialRangeDef {
            first: first.into(),
            last: last.into(),
        }
    }
}

/// The presiding officer's ballot paper account for one poll at one box.
/// Entering it again replaces the earlier figures (a correction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AccountEntered {
    /// The box.
    pub ballot_box: String,
    /// The poll (contest) the account is for.
    pub contest: String,
    /// The serial ranges entrusted to the presiding officer.
    pub entrusted: Vec<SerialRangeDef>,
    /// Issued to voters (the papers expected in the box).
    pub issued: u64,
    /// Unused.
    pub unused: u64,
    /// Spoilt (replaced in the polling station).
    pub spoilt: u64,
    /// Cancelled.
    #[serde(default)]
    pub cancelled: u64,
    /// Tendered.
    #[serde(default)]
    pub tendered: u64,
}

impl AccountEntered {
    /// An `account_entered` event with its `ballot_box`, `contest`, `entrusted`,
    /// `issued`, `unused` and `spoilt`; add its `cancelled` and `tendered` with
    /// the builders.
    #[must_use]
    pub fn new(
        ballot_box: impl Into<String>,
        contest: impl Into<String>,
        entrusted: Vec<SerialRangeDef>,
        issued: u64,
        unused: u64,
        spoilt: u64,
    ) -> AccountEntered {
        AccountEntered {
            ballot_box: ballot_box.into(),
            contest: contest.into(),
            entrusted,
            issued,
            unused,
            spoilt,
            cancelled: 0,
            tendered: 0,
        }
    }

    /// Cancelled.
    #[must_use]
    pub fn cancelled(mut self, cancelled: u64) -> AccountEntered {
        self.cancelled = cancelled;
        self
    }

    /// Tendered.
    #[must_use]
    pub fn tendered(mut self, tendered: u64) -> AccountEntered {
        self.tendered = tendered;
        self
    }
}

/// A count of a box's papers of one poll at verification. Attempts are
/// numbered from 1; a re-count of the box is the next attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BoxCounted {
    /// The box.
    pub ballot_box: String,
    /// The poll whose papers were counted.
    pub contest: String,
    /// 1 for the first count of this box and poll, then 2, 3, …
    pub attempt: u32,
    /// Papers counted.
    pub papers: u64,
}

impl BoxCounted {
    /// A `box_counted` event with its `ballot_box`, `contest`, `attempt` and
    /// `papers`.
    #[must_use]
    pub fn new(
        ballot_box: impl Into<String>,
        contest: impl Into<String>,
        attempt: u32,
        papers: u64,
    ) -> BoxCounted {
        BoxCounted {
            ballot_box: ballot_box.into(),
            contest: contest.into(),
            attempt,
            papers,
        }
    }
}

/// Papers of `to_contest` found among `from_contest`'s papers in
/// `from_box` (or in the wrong box of the same poll) are moved to
/// `to_box`'s account for `to_contest`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PapersMoved {
    /// The box they were found in.
    pub from_box: String,
    /// The poll they were counted with there.
    pub from_contest: String,
    /// The box whose account they belong to.
    pub to_box: String,
    /// Their poll.
    pub to_contest: String,
    /// How many.
    pub papers: u64,
}

impl PapersMoved {
    /// A `papers_moved` event with its `from_box`, `from_contest`, `to_box`,
    /// `to_contest` and `papers`.
    #[must_use]
    pub fn new(
        from_box: impl Into<String>,
        from_contest: impl Into<String>,
        to_box: impl Into<String>,
        to_contest: impl Into<String>,
        papers: u64,
    ) -> PapersMoved {
        PapersMoved {
            from_box: from_box.into(),
            from_contest: from_contest.into(),
            to_box: to_box.into(),
            to_contest: to_contest.into(),
            papers,
        }
    }
}

/// Papers placed in one postal ballot box at an opening session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PostalBoxPapers {
    /// The postal ballot box.
    pub ballot_box: String,
    /// Ballot papers of the poll placed in it.
    pub papers: u64,
}

impl PostalBoxPapers {
    /// A `PostalBoxPapers` with its `ballot_box` and `papers`.
    #[must_use]
    pub fn new(ballot_box: impl Into<String>, papers: u64) -> PostalBoxPapers {
        PostalBoxPapers {
            ballot_box: ballot_box.into(),
            papers,
        }
    }
}

/// Postal voting statements rejected at an opening session, by reason
/// (Representation of the People (England and Wales) Regulations 2001
/// reg 87).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PostalRejections {
    /// Signature does not match the personal identifier.
    #[serde(default)]
    pub signature_mismatch: u64,
    /// Date of birth does not match.
    #[serde(default)]
    pub date_of_birth_mismatch: u64,
    /// Signature left blank.
    #[serde(default)]
    pub signature_blank: u64,
    /// Date of birth left blank.
    #[serde(default)]
    pub date_of_birth_blank: u64,
    /// Ballot paper received without a valid statement (first list).
    #[serde(default)]
    pub paper_without_statement: u64,
    /// Valid statement received without its ballot paper (second list).
    #[serde(default)]
    pub statement_without_paper: u64,
}

impl PostalRejections {
    /// A `PostalRejections` with every figure 0 (the same as `Default`); set
    /// the figures with the builders.
    ///
    /// ```
    /// use countroom_log::PostalRejections;
    /// let r = PostalRejections::new().signature_mismatch(3).date_of_birth_blank(1);
    /// assert_eq!(r.signature_mismatch, 3);
    /// assert_eq!(r.date_of_birth_blank, 1);
    /// assert_eq!(r.signature_blank, 0);
    /// ```
    #[must_use]
    pub fn new() -> PostalRejections {
        PostalRejections {
            signature_mismatch: 0,
            date_of_birth_mismatch: 0,
            signature_blank: 0,
            date_of_birth_blank: 0,
            paper_without_statement: 0,
            statement_without_paper: 0,
        }
    }

    /// Signature does not match the personal identifier.
    #[must_use]
    pub fn signature_mismatch(mut self, signature_mismatch: u64) -> PostalRejections {
        self.signature_mismatch = signature_mismatch;
        self
    }

    /// Date of birth does not match.
    #[must_use]
    pub fn date_of_birth_mismatch(mut self, date_of_birth_mismatch: u64) -> PostalRejections {
        self.date_of_birth_mismatch = date_of_birth_mismatch;
        self
    }

    /// Signature left blank.
    #[must_use]
    pub fn signature_blank(mut self, signature_blank: u64) -> PostalRejections {
        self.signature_blank = signature_blank;
        self
    }

    /// Date of birth left blank.
    #[must_use]
    pub fn date_of_birth_blank(mut self, date_of_birth_blank: u64) -> PostalRejections {
        self.date_of_birth_blank = date_of_birth_blank;
        self
    }

    /// Ballot paper received without a valid statement (first list).
    #[must_use]
    pub fn paper_without_statement(mut self, paper_without_statement: u64) -> PostalRejections {
        self.paper_without_statement = paper_without_statement;
        self
    }

    /// Valid statement received without its ballot paper (second list).
    #[must_use]
    pub fn statement_without_paper(mut self, statement_without_paper: u64) -> PostalRejections {
        self.statement_without_paper = statement_without_paper;
        self
    }
}

/// A postal opening session for one poll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PostalOpeningRecorded {
    /// The opening session, unique per poll.
    pub opening: String,
    /// The poll.
    pub contest: String,
    /// Duly returned papers placed in each postal ballot box.
    pub boxes: Vec<PostalBoxPapers>,
    /// Postal voting statements rejected.
    #[serde(default)]
    pub rejected_statements: PostalRejections,
}

impl PostalOpeningRecorded {
    /// A `postal_opening_recorded` event with its `opening`, `contest` and
    /// `boxes`; add its `rejected_statements` with the builders.
    #[must_use]
    pub fn new(
        opening: impl Into<String>,
        contest: impl Into<String>,
        boxes: Vec<PostalBoxPapers>,
    ) -> PostalOpeningRecorded {
        PostalOpeningRecorded {
            opening: opening.into(),
            contest: contest.into(),
            boxes,
            rejected_statements: PostalRejections::default(),
        }
    }

    /// Postal voting statements rejected.
    #[must_use]
    pub fn rejected_statements(
        mut self,
        rejected_statements: PostalRejections,
    ) -> PostalOpeningRecorded {
        self.rejected_statements = rejected_statements;
        self
    }
}

/// The tendered votes list for a box's poll, checked against its account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TenderedVotesListed {
    /// The box.
    pub ballot_box: String,
    /// The poll.
    pub contest: String,
    /// Entries on the tendered votes list.
    pub entries: u64,
}

impl TenderedVotesListed {
    /// A `tendered_votes_listed` event with its `ballot_box`, `contest` and
    /// `entries`.
    #[must_use]
    pub fn new(
        ballot_box: impl Into<String>,
        contest: impl Into<String>,
        entries: u64,
    ) -> TenderedVotesListed {
        TenderedVotesListed {
            ballot_box: ballot_box.into(),
            contest: contest.into(),
            entries,
        }
    }
}

/// Verification of a poll is completed: every box and postal box accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct VerificationCompleted {
    /// The poll.
    pub contest: String,
}

impl VerificationCompleted {
    /// A `verification_completed` event with its `contest`.
    #[must_use]
    pub fn new(contest: impl Into<String>) -> VerificationCompleted {
        VerificationCompleted {
            contest: contest.into(),
        }
    }
}

/// Votes for one candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CandidateVotes {
    /// Candidate id.
    pub candidate: String,
    /// Votes.
    pub votes: u64,
}

impl CandidateVotes {
    /// A `CandidateVotes` with its `candidate` and `votes`.
    ///
    /// ```
    /// use countroom_log::{BundleCounted, CandidateVotes};
    /// let votes = vec![CandidateVotes::new("C1", 31), CandidateVotes::new("C2", 19)];
    /// let bundle = BundleCounted::new("abbey", 1, "B1", votes).papers(Some(50));
    /// assert_eq!(bundle.votes[1].votes, 19);
    /// ```
    #[must_use]
    pub fn new(candidate: impl Into<String>, votes: u64) -> CandidateVotes {
        CandidateVotes {
            candidate: candidate.into(),
            votes,
        }
    }
}

/// A bundle of valid ballot papers counted (or one table's tally sheet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BundleCounted {
    /// Contest.
    pub contest: String,
    /// Count run (1 for the first count, then one more for each re-count).
    pub run: u32,
    /// A list contest's counting area whose list papers these are (the
    /// constituency count of a list poll); absent for any other contest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
    /// Bundle identifier, unique within the run.
    pub bundle: String,
    /// Counting table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The ballot box the papers came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ballot_box: Option<String>,
    /// Valid ballot papers in the bundle. Required when more than one seat is
    /// filled (then votes ≠ papers); at a single-seat poll it may be left out
    /// and is then the sum of the votes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub papers: Option<u64>,
    /// Votes per candidate; candidates not listed have none.
    pub votes: Vec<CandidateVotes>,
}

impl BundleCounted {
    /// The list contest's counting area whose papers these are (the
    /// constituency count of a list poll).
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> BundleCounted {
        self.counting_area = counting_area;
        self
    }

    /// Bundle `bundle` of run `run` of `contest`, with its votes; add the
    /// table, box and papers with the builders.
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        run: u32,
        bundle: impl Into<String>,
        votes: Vec<CandidateVotes>,
    ) -> BundleCounted {
        BundleCounted {
            contest: contest.into(),
            run,
            counting_area: None,
            bundle: bundle.into(),
            table: None,
            ballot_box: None,
            papers: None,
            votes,
        }
    }

    /// The table that counted it.
    #[must_use]
    pub fn table(mut self, table: Option<String>) -> BundleCounted {
        self.table = table;
        self
    }

    /// The ballot box its papers came from.
    #[must_use]
    pub fn ballot_box(mut self, ballot_box: Option<String>) -> BundleCounted {
        self.ballot_box = ballot_box;
        self
    }

    /// The ballot papers in it.
    #[must_use]
    pub fn papers(mut self, papers: Option<u64>) -> BundleCounted {
        self.papers = papers;
        self
    }
}

/// Ballot papers rejected under one head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RejectedCounted {
    /// Contest.
    pub contest: String,
    /// Count run.
    pub run: u32,
    /// A list contest's counting area whose list papers these are (the
    /// constituency count of a list poll); absent for any other contest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
    /// Head code, one of the heads of the contest's ruleset:
    /// `no_official_mark`, `too_many_votes`, `no_first_preference`,
    /// `identifying_mark`, `unmarked_or_void`, `unmarked`,
    /// `void_for_uncertainty`.
    pub head: String,
    /// Papers.
    pub papers: u64,
}

impl RejectedCounted {
    /// The list contest's counting area whose papers these are (the
    /// constituency count of a list poll).
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> RejectedCounted {
        self.counting_area = counting_area;
        self
    }

    /// The event with these fields (`contest`, `run`, `head`, `papers`).
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        run: u32,
        head: impl Into<String>,
        papers: u64,
    ) -> RejectedCounted {
        RejectedCounted {
            contest: contest.into(),
            run,
            counting_area: None,
            head: head.into(),
            papers,
        }
    }
}

/// Ballot papers rejected in part (multi-member polls). Their counted votes
/// are already in the bundles; this records how many papers were endorsed
/// "rejected in part".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RejectedInPartCounted {
    /// Contest.
    pub contest: String,
    /// Count run.
    pub run: u32,
    /// Papers.
    pub papers: u64,
}

impl RejectedInPartCounted {
    /// A `rejected_in_part_counted` event with its `contest`, `run` and
    /// `papers`.
    #[must_use]
    pub fn new(contest: impl Into<String>, run: u32, papers: u64) -> RejectedInPartCounted {
        RejectedInPartCounted {
            contest: contest.into(),
            run,
            papers,
        }
    }
}

/// Papers rejected under one head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct HeadPapers {
    /// Head code.
    pub head: String,
    /// Papers.
    pub papers: u64,
}

impl HeadPapers {
    /// A `HeadPapers` with its `head` and `papers`.
    #[must_use]
    pub fn new(head: impl Into<String>, papers: u64) -> HeadPapers {
        HeadPapers {
            head: head.into(),
            papers,
        }
    }
}

/// Where a batch of ballot papers came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BatchSource {
    /// The file's name as given (no directory).
    pub name: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
}

impl BatchSource {
    /// A `BatchSource` with its `name` and `sha256`.
    #[must_use]
    pub fn new(name: impl Into<String>, sha256: impl Into<String>) -> BatchSource {
        BatchSource {
            name: name.into(),
            sha256: sha256.into(),
        }
    }
}

/// A batch of individual ballot papers, adjudicated and counted (from an
/// e-count export or a replay). Only the totals are logged; `source` ties
/// them to the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PaperBatchCounted {
    /// Contest.
    pub contest: String,
    /// Count run.
    pub run: u32,
    /// A list contest's counting area whose list papers these are (the
    /// constituency count of a list poll); absent for any other contest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
    /// Batch identifier, unique within the run (shares the namespace of
    /// bundles).
    pub batch: String,
    /// The file the papers were read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<BatchSource>,
    /// Valid papers (including papers rejected in part).
    pub valid_papers: u64,
    /// Votes per candidate.
    pub votes: Vec<CandidateVotes>,
    /// Rejected papers per head.
    pub rejected: Vec<HeadPapers>,
    /// Papers rejected in part.
    #[serde(default)]
    pub rejected_in_part: u64,
    /// Valid papers (among `valid_papers`) valid only under the saving
    /// clause, by reason, in the order of the reason codes; a reason with no
    /// papers is left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub saved: Vec<SavedPapers>,
    /// Papers the rules leave to the returning officer: not counted in this
    /// batch's figures, each to be settled by a `doubtful_paper_decided`
    /// entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<SetAsidePaper>,
    /// Supplementary vote: the second preferences of the batch's valid
    /// papers, one row per first-preference candidate. When given, the
    /// rows cover every valid paper and the second count is taken from them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub second_preferences: Vec<SecondPreferences>,
    /// Single transferable vote: the valid papers' preferences, each
    /// distinct valid prefix once with the number of papers marked so
    /// (`weight`), in ascending order of the candidates' ballot-paper
    /// positions. Required for a batch of an STV contest with valid papers
    /// (the weights add up to `valid_papers`, and the first preferences to
    /// `votes`); refused for any other contest.
    ///
    /// Held compactly and read in one pass against its canonical form: see
    /// [`Preferences`].
    #[serde(default, skip_serializing_if = "Preferences::is_empty")]
    pub preferences: Preferences,
}

impl PaperBatchCounted {
    /// The list contest's counting area whose papers these are (the
    /// constituency count of a list poll).
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> PaperBatchCounted {
        self.counting_area = counting_area;
        self
    }

    /// Batch `batch` of run `run` of `contest`: its valid papers, votes
    /// and rejected papers by head; add the rest with the builders.
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        run: u32,
        batch: impl Into<String>,
        valid_papers: u64,
        votes: Vec<CandidateVotes>,
        rejected: Vec<HeadPapers>,
    ) -> PaperBatchCounted {
        PaperBatchCounted {
            contest: contest.into(),
            run,
            counting_area: None,
            batch: batch.into(),
            source: None,
            valid_papers,
            votes,
            rejected,
            rejected_in_part: 0,
            saved: Vec::new(),
            set_aside: Vec::new(),
            second_preferences: Vec::new(),
            preferences: Preferences::default(),
        }
    }

    /// The file the papers were read from, or the batch in memory.
    #[must_use]
    pub fn source(mut self, source: Option<BatchSource>) -> PaperBatchCounted {
        self.source = source;
        self
    }

    /// Rejected papers by head.
    #[must_use]
    pub fn rejected(mut self, rejected: Vec<HeadPapers>) -> PaperBatchCounted {
        self.rejected = rejected;
        self
    }

    /// Papers rejected in part.
    #[must_use]
    pub fn rejected_in_part(mut self, rejected_in_part: u64) -> PaperBatchCounted {
        self.rejected_in_part = rejected_in_part;
        self
    }

    /// Valid papers counted only under the saving clause.
    #[must_use]
    pub fn saved(mut self, saved: Vec<SavedPapers>) -> PaperBatchCounted {
        self.saved = saved;
        self
    }

    /// Doubtful papers set aside.
    #[must_use]
    pub fn set_aside(mut self, set_aside: Vec<SetAsidePaper>) -> PaperBatchCounted {
        self.set_aside = set_aside;
        self
    }

    /// A supplementary vote: first by second preferences.
    #[must_use]
    pub fn second_preferences(
        mut self,
        second_preferences: Vec<SecondPreferences>,
    ) -> PaperBatchCounted {
        self.second_preferences = second_preferences;
        self
    }

    /// STV: the preferences of the papers.
    #[must_use]
    pub fn preferences(mut self, preferences: Preferences) -> PaperBatchCounted {
        self.preferences = preferences;
        self
    }
}

/// Single transferable vote: identical valid papers, counted together (a
/// line to add to [`Preferences`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PreferenceLine {
    /// Papers.
    pub weight: u64,
    /// The candidates in order of preference, first preference first (the
    /// valid prefix of the paper: its later marks are not transferable).
    pub order: PreferenceOrder,
}

impl PreferenceLine {
    /// A `PreferenceLine` with its `weight` and `order`.
    #[must_use]
    pub fn new(weight: u64, order: PreferenceOrder) -> PreferenceLine {
        PreferenceLine { weight, order }
    }
}

/// The candidate ids of a [`PreferenceLine`], in order of preference.
///
/// Read and written as the JSON array of ids (`["C2","C1"]`), but held as
/// one string and the end of each id in it, the ends inside the value for
/// up to 15 ids: one allocation a line however many
/// preferences it has, where a `Vec<String>` takes one an id. A large STV
/// batch holds hundreds of thousands of ids, and reading, replaying and
/// dropping a log is dominated by them otherwise.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PreferenceOrder {
    /// The ids, one after the other.
    text: String,
    /// Where each id ends in `text` (the start of the next).
    ends: Ends,
}

/// The most ids a [`PreferenceOrder`] holds the ends of without an
/// allocation of their own.
const INLINE_IDS: usize = 15;

/// The ends of a [`PreferenceOrder`]'s ids. Which form an order takes
/// depends only on its ids (inline while there are at most
/// [`INLINE_IDS`] and the text is at most `u16::MAX` bytes; an order only
/// grows), so equal orders have equal forms and the derived comparisons
/// hold.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Ends {
    /// The first `len` of `ends`; the rest are 0.
    Inline { len: u8, ends: [u16; INLINE_IDS] },
    /// Any number.
    Heap(Vec<usize>),
}

impl Default for Ends {
    fn default() -> Ends {
        Ends::Inline {
            len: 0,
            ends: [0; INLINE_IDS],
        }
    }
}

impl Ends {
    fn len(&self) -> usize {
        match self {
            Ends::Inline { len, .. } => usize::from(*len),
            Ends::Heap(ends) => ends.len(),
        }
    }

    fn get(&self, i: usize) -> Option<usize> {
        match self {
            Ends::Inline { len, ends } => ends
                .get(..usize::from(*len))?
                .get(i)
                .map(|&e| usize::from(e)),
            Ends::Heap(ends) => ends.get(i).copied(),
        }
    }

    fn push(&mut self, end: usize) {
        match self {
            Ends::Inline { len, ends } => {
                let n = usize::from(*len);
                match (ends.get_mut(n), u16::try_from(end), u8::try_from(n + 1)) {
                    (Some(slot), Ok(end), Ok(next)) => {
                        *slot = end;
                        *len = next;
                    }
                    _ => {
                        let mut heap: Vec<usize> = Vec::with_capacity(n + 8);
                        heap.extend(ends.iter().take(n).map(|&e| usize::from(e)));
                        heap.push(end);
                        *self = Ends::Heap(heap);
                    }
                }
            }
            Ends::Heap(ends) => ends.push(end),
        }
    }
}

impl PreferenceOrder {
    /// No preferences.
    #[must_use]
    pub fn new() -> PreferenceOrder {
        PreferenceOrder::default()
    }

    /// Adds `id` as the next preference.
    pub fn push(&mut self, id: &str) {
        self.text.push_str(id);
        self.ends.push(self.text.len());
    }

    /// How many preferences.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ends.len() == 0
    }

    /// The `i`th preference (0: the first).
    #[must_use]
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = self.ends.get(i)?;
        let start = match i.checked_sub(1) {
            Some(j) => self.ends.get(j)?,
            None => 0,
        };
        self.text.get(start..end)
    }

    /// The ids, first preference first.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let mut start = 0;
        (0..self.ends.len()).map(move |i| {
            let end = self.ends.get(i).unwrap_or(start);
            let id = self.text.get(start..end).unwrap_or_default();
            start = end;
            id
        })
    }
}

impl std::fmt::Debug for PreferenceOrder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> FromIterator<S> for PreferenceOrder {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> PreferenceOrder {
        let mut order = PreferenceOrder::new();
        for id in iter {
            order.push(id.as_ref());
        }
        order
    }
}

impl<S: AsRef<str>> From<Vec<S>> for PreferenceOrder {
    fn from(ids: Vec<S>) -> PreferenceOrder {
        ids.into_iter().collect()
    }
}

impl Serialize for PreferenceOrder {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for PreferenceOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(OrderVisitor)
    }
}

/// Reads the array of ids of a [`PreferenceOrder`] without a `String` an id.
struct OrderVisitor;

impl<'de> serde::de::Visitor<'de> for OrderVisitor {
    type Value = PreferenceOrder;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // Room for a typical line (a few short ids) without growing.
        let mut order = PreferenceOrder {
            text: String::with_capacity(32),
            ends: Ends::default(),
        };
        while seq.next_element_seed(IdSeed(&mut order))?.is_some() {}
        Ok(order)
    }
}

/// One id of a [`PreferenceOrder`], appended to it as it is read.
struct IdSeed<'a>(&'a mut PreferenceOrder);

impl<'de> serde::de::DeserializeSeed<'de> for IdSeed<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for IdSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<(), E> {
        self.0.push(id);
        Ok(())
    }
}

/// Valid papers that were valid only under the saving clause, for one
/// reason (Parliamentary Elections Rules r.47(2) and the same rule of the
/// local rules: a vote marked elsewhere than in the proper place,
/// otherwise than by a cross, or by more than one mark, where the intention
/// clearly appears).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SavedPapers {
    /// The reason code: `outside_box`, `tick`, `figure` or
    /// `more_than_one_mark`.
    pub reason: String,
    /// Papers.
    pub papers: u64,
}

impl SavedPapers {
    /// A `SavedPapers` with its `reason` and `papers`.
    #[must_use]
    pub fn new(reason: impl Into<String>, papers: u64) -> SavedPapers {
        SavedPapers {
            reason: reason.into(),
            papers,
        }
    }
}

/// Papers valid only under the saving clause, counted by hand for one
/// reason. Their votes and the papers themselves are already in the
/// bundles; this records how many there were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SavedCounted {
    /// Contest.
    pub contest: String,
    /// Count run.
    pub run: u32,
    /// A list contest's counting area whose list papers these are (the
    /// constituency count of a list poll); absent for any other contest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
    /// The reason code (see [`SavedPapers::reason`]).
    pub reason: String,
    /// Papers.
    pub papers: u64,
}

impl SavedCounted {
    /// The list contest's counting area whose papers these are (the
    /// constituency count of a list poll).
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> SavedCounted {
        self.counting_area = counting_area;
        self
    }

    /// A `saved_counted` event with its `contest`, `run`, `reason` and
    /// `papers`.
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        run: u32,
        reason: impl Into<String>,
        papers: u64,
    ) -> SavedCounted {
        SavedCounted {
            contest: contest.into(),
            run,
            counting_area: None,
            reason: reason.into(),
            papers,
        }
    }
}

/// A counting agent's objection to the rejection of ballot papers, endorsed
/// "rejection objected to" (Parliamentary Elections Rules r.47(3) and the
/// same rule of the local rules). Either `paper` (one doubtful paper set
/// aside and decided rejected or rejected in part) or `head` (papers
/// rejected under that head, in the run or in one `batch`) is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RejectionObjected {
    /// Contest.
    pub contest: String,
    /// Count run (the current run).
    pub run: u32,
    /// A list contest's counting area whose list papers these are (the
    /// constituency count of a list poll); absent for any other contest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
    /// The reference of a doubtful paper set aside in the run and decided
    /// rejected or rejected in part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<String>,
    /// The head the papers objected to were rejected under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// The batch (`paper_batch_counted`) in which those papers were
    /// counted, with `head`; absent, the run as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<String>,
    /// How many papers under `head` the objection covers (required with
    /// `head`; with `paper`, absent or 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub papers: Option<u64>,
    /// The candidate for whom the objection is made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
}

impl RejectionObjected {
    /// The list contest's counting area whose papers these are (the
    /// constituency count of a list poll).
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> RejectionObjected {
        self.counting_area = counting_area;
        self
    }

    /// A `rejection_objected` event with its `contest` and `run`; add its
    /// `paper`, `head`, `batch`, `papers` and `candidate` with the builders.
    #[must_use]
    pub fn new(contest: impl Into<String>, run: u32) -> RejectionObjected {
        RejectionObjected {
            contest: contest.into(),
            run,
            counting_area: None,
            paper: None,
            head: None,
            batch: None,
            papers: None,
            candidate: None,
        }
    }

    /// The reference of a doubtful paper set aside in the run and decided
    /// rejected or rejected in part.
    #[must_use]
    pub fn paper(mut self, paper: Option<String>) -> RejectionObjected {
        self.paper = paper;
        self
    }

    /// The head the papers objected to were rejected under.
    #[must_use]
    pub fn head(mut self, head: Option<String>) -> RejectionObjected {
        self.head = head;
        self
    }

    /// The batch (`paper_batch_counted`) in which those papers were
    /// counted, with `head`; absent, the run as a whole.
    #[must_use]
    pub fn batch(mut self, batch: Option<String>) -> RejectionObjected {
        self.batch = batch;
        self
    }

    /// How many papers under `head` the objection covers (required with
    /// `head`; with `paper`, absent or 1).
    #[must_use]
    pub fn papers(mut self, papers: Option<u64>) -> RejectionObjected {
        self.papers = papers;
        self
    }

    /// The candidate for whom the objection is made.
    #[must_use]
    pub fn candidate(mut self, candidate: Option<String>) -> RejectionObjected {
        self.candidate = candidate;
        self
    }
}

/// The second preferences of the papers with one first preference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SecondPreferences {
    /// The first-preference candidate.
    pub first: String,
    /// Papers by second-preference candidate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<CandidateVotes>,
    /// Papers with no second preference.
    #[serde(default)]
    pub unmarked: u64,
    /// Papers whose second preference is void for uncertainty (more than
    /// one, or unclear).
    #[serde(default)]
    pub void: u64,
}

impl SecondPreferences {
    /// A `SecondPreferences` with its `first`; add its `votes`, `unmarked` and
    /// `void` with the builders.
    #[must_use]
    pub fn new(first: impl Into<String>) -> SecondPreferences {
        SecondPreferences {
            first: first.into(),
            votes: Vec::new(),
            unmarked: 0,
            void: 0,
        }
    }

    /// Papers by second-preference candidate.
    #[must_use]
    pub fn votes(mut self, votes: Vec<CandidateVotes>) -> SecondPreferences {
        self.votes = votes;
        self
    }

    /// Papers with no second preference.
    #[must_use]
    pub fn unmarked(mut self, unmarked: u64) -> SecondPreferences {
        self.unmarked = unmarked;
        self
    }

    /// Papers whose second preference is void for uncertainty (more than
    /// one, or unclear).
    #[must_use]
    pub fn void(mut self, void: u64) -> SecondPreferences {
        self.void = void;
        self
    }
}

/// Supplementary vote: the second preferences found on a bundle of papers
/// whose first preference is for an eliminated candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SecondPreferencesCounted {
    /// Contest.
    pub contest: String,
    /// Count run (its first count must be completed).
    pub run: u32,
    /// Bundle identifier, unique within the run's second count.
    pub bundle: String,
    /// Counting table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Second preferences for each remaining candidate.
    pub votes: Vec<CandidateVotes>,
    /// Papers with no second preference.
    #[serde(default)]
    pub unmarked: u64,
    /// Papers whose second preference is for an eliminated candidate (not
    /// counted, not rejected).
    #[serde(default)]
    pub for_eliminated: u64,
    /// Papers whose second preference is void for uncertainty.
    #[serde(default)]
    pub void: u64,
}

impl SecondPreferencesCounted {
    /// A `second_preferences_counted` event with its `contest`, `run`, `bundle`
    /// and `votes`; add its `table`, `unmarked`, `for_eliminated` and `void`
    /// with the builders.
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        run: u32,
        bundle: impl Into<String>,
        votes: Vec<CandidateVotes>,
    ) -> SecondPreferencesCounted {
        SecondPreferencesCounted {
            contest: contest.into(),
            run,
            bundle: bundle.into(),
            table: None,
            votes,
            unmarked: 0,
            for_eliminated: 0,
            void: 0,
        }
    }

    /// Counting table.
    #[must_use]
    pub fn table(mut self, table: Option<String>) -> SecondPreferencesCounted {
        self.table = table;
        self
    }

    /// Papers with no second preference.
    #[must_use]
    pub fn unmarked(mut self, unmarked: u64) -> SecondPreferencesCounted {
        self.unmarked = unmarked;
        self
    }

    /// Papers whose second preference is for an eliminated candidate (not
    /// counted, not rejected).
    #[must_use]
    pub fn for_eliminated(mut self, for_eliminated: u64) -> SecondPreferencesCounted {
        self.for_eliminated = for_eliminated;
        self
    }

    /// Papers whose second preference is void for uncertainty.
    #[must_use]
    pub fn void(mut self, void: u64) -> SecondPreferencesCounted {
        self.void = void;
        self
    }
}

/// Supplementary vote: the second count of a run is completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SecondCountCompleted {
    /// Contest.
    pub contest: String,
    /// Count run.
    pub run: u32,
}

impl SecondCountCompleted {
    /// A `second_count_completed` event with its `contest` and `run`.
    #[must_use]
    pub fn new(contest: impl Into<String>, run: u32) -> SecondCountCompleted {
        SecondCountCompleted {
            contest: contest.into(),
            run,
        }
    }
}

/// A region or nation of a collated poll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RegionDefined {
    /// Identifier (e.g. the ONS code `E15000006`).
    pub region: String,
    /// Name.
    pub name: String,
}

impl RegionDefined {
    /// A `region_defined` event with its `region` and `name`.
    #[must_use]
    pub fn new(region: impl Into<String>, name: impl Into<String>) -> RegionDefined {
        RegionDefined {
            region: region.into(),
            name: name.into(),
        }
    }
}

/// A counting area's local total, as reported to the collating officer
/// (PCCEO 2012 r.57; PVSCA 2011 Sch 2 r.39).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LocalTotalReported {
    /// Contest.
    pub contest: String,
    /// The counting area. Left out, it reads as empty, and the count
    /// refuses the entry naming the counting areas it could be (not the
    /// reader's "missing field", which has no entry number).
    #[serde(default)]
    pub counting_area: String,
    /// Ballot papers expected (ballot paper accounts and postal papers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<u64>,
    /// Polling-station papers verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polling_station_papers: Option<u64>,
    /// Postal papers verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_papers: Option<u64>,
    /// Ballot papers going forward to the count.
    pub papers_forward: u64,
    /// Votes (first preferences) per candidate or answer.
    pub votes: Vec<CandidateVotes>,
    /// Rejected papers per head.
    #[serde(default)]
    pub rejected: Vec<HeadPapers>,
    /// The area's explanation of any variance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

impl LocalTotalReported {
    /// The local total of `counting_area` in `contest`: papers going
    /// forward and votes; add the rest with the builders.
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        counting_area: impl Into<String>,
        papers_forward: u64,
        votes: Vec<CandidateVotes>,
    ) -> LocalTotalReported {
        LocalTotalReported {
            contest: contest.into(),
            counting_area: counting_area.into(),
            expected: None,
            polling_station_papers: None,
            postal_papers: None,
            papers_forward,
            votes,
            rejected: Vec::new(),
            explanation: None,
        }
    }

    /// Ballot papers expected.
    #[must_use]
    pub fn expected(mut self, expected: Option<u64>) -> LocalTotalReported {
        self.expected = expected;
        self
    }

    /// Polling-station papers verified.
    #[must_use]
    pub fn polling_station_papers(
        mut self,
        polling_station_papers: Option<u64>,
    ) -> LocalTotalReported {
        self.polling_station_papers = polling_station_papers;
        self
    }

    /// Postal papers verified.
    #[must_use]
    pub fn postal_papers(mut self, postal_papers: Option<u64>) -> LocalTotalReported {
        self.postal_papers = postal_papers;
        self
    }

    /// Rejected papers by head.
    #[must_use]
    pub fn rejected(mut self, rejected: Vec<HeadPapers>) -> LocalTotalReported {
        self.rejected = rejected;
        self
    }

    /// The area's explanation of a variance.
    #[must_use]
    pub fn explanation(mut self, explanation: Option<String>) -> LocalTotalReported {
        self.explanation = explanation;
        self
    }
}

/// The collating officer authorises a local total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LocalTotalAuthorised {
    /// Contest.
    pub contest: String,
    /// The counting area.
    pub counting_area: String,
}

impl LocalTotalAuthorised {
    /// A `local_total_authorised` event with its `contest` and `counting_area`.
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        counting_area: impl Into<String>,
    ) -> LocalTotalAuthorised {
        LocalTotalAuthorised {
            contest: contest.into(),
            counting_area: counting_area.into(),
        }
    }
}

/// The collating officer orders a re-count in one counting area: its local
/// total (and second count) is withdrawn until it reports again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AreaRecountOrdered {
    /// Contest.
    pub contest: String,
    /// The counting area.
    pub counting_area: String,
}

impl AreaRecountOrdered {
    /// An `area_recount_ordered` event with its `contest` and `counting_area`.
    #[must_use]
    pub fn new(contest: impl Into<String>, counting_area: impl Into<String>) -> AreaRecountOrdered {
        AreaRecountOrdered {
            contest: contest.into(),
            counting_area: counting_area.into(),
        }
    }
}

/// The collating officer directs every area to count second preferences
/// (PCCEO 2012 r.60(1)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SecondCountDirected {
    /// Contest.
    pub contest: String,
    /// The candidates remaining, as the collating officer found them; they
    /// must be those the first count leaves.
    pub remaining: Vec<String>,
}

impl SecondCountDirected {
    /// A `second_count_directed` event with its `contest` and `remaining`.
    #[must_use]
    pub fn new(contest: impl Into<String>, remaining: Vec<String>) -> SecondCountDirected {
        SecondCountDirected {
            contest: contest.into(),
            remaining,
        }
    }
}

/// A counting area's count of second preferences (PCCEO 2012 r.60(2)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LocalSecondCountReported {
    /// Contest.
    pub contest: String,
    /// The counting area.
    pub counting_area: String,
    /// Second preferences for each remaining candidate.
    pub votes: Vec<CandidateVotes>,
    /// Papers rejected for the second count (void as to the second
    /// preference).
    #[serde(default)]
    pub rejected: u64,
}

impl LocalSecondCountReported {
    /// A `local_second_count_reported` event with its `contest`,
    /// `counting_area` and `votes`; add its `rejected` with the builders.
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        counting_area: impl Into<String>,
        votes: Vec<CandidateVotes>,
    ) -> LocalSecondCountReported {
        LocalSecondCountReported {
            contest: contest.into(),
            counting_area: counting_area.into(),
            votes,
            rejected: 0,
        }
    }

    /// Papers rejected for the second count (void as to the second
    /// preference).
    #[must_use]
    pub fn rejected(mut self, rejected: u64) -> LocalSecondCountReported {
        self.rejected = rejected;
        self
    }
}

/// A ballot paper set aside as doubtful.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SetAsidePaper {
    /// The paper's reference (opaque; never the ballot paper number, which
    /// could link the vote to the voter).
    pub paper: String,
    /// Why: `other_mark`, `uncertain_mark`, `not_a_figure`, or free text
    /// at a manual count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl SetAsidePaper {
    /// A `SetAsidePaper` with its `paper`; add its `reason` with the builders.
    #[must_use]
    pub fn new(paper: impl Into<String>) -> SetAsidePaper {
        SetAsidePaper {
            paper: paper.into(),
            reason: None,
        }
    }

    /// Why: `other_mark`, `uncertain_mark`, `not_a_figure`, or free text
    /// at a manual count.
    #[must_use]
    pub fn reason(mut self, reason: Option<String>) -> SetAsidePaper {
        self.reason = reason;
        self
    }
}

/// Doubtful ballot papers found at a manual count, set aside for the
/// returning officer (they are not in any bundle's figures).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PapersSetAside {
    /// Contest.
    pub contest: String,
    /// Count run.
    pub run: u32,
    /// A list contest's counting area whose list papers these are (the
    /// constituency count of a list poll); absent for any other contest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
    /// The papers.
    pub papers: Vec<SetAsidePaper>,
}

impl PapersSetAside {
    /// The list contest's counting area whose papers these are (the
    /// constituency count of a list poll).
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> PapersSetAside {
        self.counting_area = counting_area;
        self
    }

    /// A `papers_set_aside` event with its `contest`, `run` and `papers`.
    #[must_use]
    pub fn new(contest: impl Into<String>, run: u32, papers: Vec<SetAsidePaper>) -> PapersSetAside {
        PapersSetAside {
            contest: contest.into(),
            run,
            counting_area: None,
            papers,
        }
    }
}

/// The returning officer's decision on a doubtful paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DoubtfulPaperDecided {
    /// Contest.
    pub contest: String,
    /// Count run.
    pub run: u32,
    /// A list contest's counting area whose list papers these are (the
    /// constituency count of a list poll); absent for any other contest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
    /// The reference of the paper, as set aside in this run.
    pub paper: String,
    /// `valid`, `rejected` or `rejected_in_part`.
    pub decision: String,
    /// The candidates the paper's counted votes go to (`valid`,
    /// `rejected_in_part`). At a single transferable vote poll, the
    /// paper's preferences in order, first preference first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<String>,
    /// The head (`rejected`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// A counting agent objected to the rejection: endorsed "rejection
    /// objected to".
    #[serde(default, skip_serializing_if = "is_false")]
    pub rejection_objected: bool,
}

impl DoubtfulPaperDecided {
    /// The list contest's counting area whose papers these are (the
    /// constituency count of a list poll).
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> DoubtfulPaperDecided {
        self.counting_area = counting_area;
        self
    }

    /// A `doubtful_paper_decided` event with its `contest`, `run`, `paper` and
    /// `decision`; add its `votes`, `head` and `rejection_objected` with the
    /// builders.
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        run: u32,
        paper: impl Into<String>,
        decision: impl Into<String>,
    ) -> DoubtfulPaperDecided {
        DoubtfulPaperDecided {
            contest: contest.into(),
            run,
            counting_area: None,
            paper: paper.into(),
            decision: decision.into(),
            votes: Vec::new(),
            head: None,
            rejection_objected: false,
        }
    }

    /// The candidates the paper's counted votes go to (`valid`,
    /// `rejected_in_part`). At a single transferable vote poll, the
    /// paper's preferences in order, first preference first.
    #[must_use]
    pub fn votes(mut self, votes: Vec<String>) -> DoubtfulPaperDecided {
        self.votes = votes;
        self
    }

    /// The head (`rejected`).
    #[must_use]
    pub fn head(mut self, head: Option<String>) -> DoubtfulPaperDecided {
        self.head = head;
        self
    }

    /// A counting agent objected to the rejection: endorsed "rejection
    /// objected to".
    #[must_use]
    pub fn rejection_objected(mut self, rejection_objected: bool) -> DoubtfulPaperDecided {
        self.rejection_objected = rejection_objected;
        self
    }
}

/// An explanation: of a box's variance at verification (with
/// `ballot_box`), or of the variance between papers counted and papers
/// verified in a count run (with `run`). Exactly one of the two is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ExplanationRecorded {
    /// Contest.
    pub contest: String,
    /// Count run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<u32>,
    /// A list contest's counting area whose list papers these are (the
    /// constituency count of a list poll); absent for any other contest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
    /// Ballot box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ballot_box: Option<String>,
    /// The explanation.
    pub text: String,
}

impl ExplanationRecorded {
    /// The list contest's counting area whose papers these are (the
    /// constituency count of a list poll).
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> ExplanationRecorded {
        self.counting_area = counting_area;
        self
    }

    /// An `explanation_recorded` event with its `contest` and `text`; add its
    /// `run` and `ballot_box` with the builders.
    #[must_use]
    pub fn new(contest: impl Into<String>, text: impl Into<String>) -> ExplanationRecorded {
        ExplanationRecorded {
            contest: contest.into(),
            run: None,
            counting_area: None,
            ballot_box: None,
            text: text.into(),
        }
    }

    /// Count run.
    #[must_use]
    pub fn run(mut self, run: Option<u32>) -> ExplanationRecorded {
        self.run = run;
        self
    }

    /// Ballot box.
    #[must_use]
    pub fn ballot_box(mut self, ballot_box: Option<String>) -> ExplanationRecorded {
        self.ballot_box = ballot_box;
        self
    }
}

/// The counting of a run is completed: no more papers are counted in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CountCompleted {
    /// Contest.
    pub contest: String,
    /// Count run.
    pub run: u32,
    /// A list contest's counting area whose list papers these are (the
    /// constituency count of a list poll); absent for any other contest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
}

impl CountCompleted {
    /// The list contest's counting area whose papers these are (the
    /// constituency count of a list poll).
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> CountCompleted {
        self.counting_area = counting_area;
        self
    }

    /// The event with these fields (`contest`, `run`).
    #[must_use]
    pub fn new(contest: impl Into<String>, run: u32) -> CountCompleted {
        CountCompleted {
            contest: contest.into(),
            run,
            counting_area: None,
        }
    }
}

/// A candidate or agent requests a re-count of a completed run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RecountRequested {
    /// Contest.
    pub contest: String,
    /// The completed run to be re-counted.
    pub run: u32,
    /// A list contest's counting area whose list papers these are (the
    /// constituency count of a list poll); absent for any other contest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
    /// The candidate for whom the request is made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
}

impl RecountRequested {
    /// A `recount_requested` event with its `contest` and `run`; add its
    /// `candidate` with the builders.
    #[must_use]
    pub fn new(contest: impl Into<String>, run: u32) -> RecountRequested {
        RecountRequested {
            contest: contest.into(),
            run,
            counting_area: None,
            candidate: None,
        }
    }

    /// A list contest's counting area whose list papers these are.
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> RecountRequested {
        self.counting_area = counting_area;
        self
    }

    /// The candidate for whom the request is made.
    #[must_use]
    pub fn candidate(mut self, candidate: Option<String>) -> RecountRequested {
        self.candidate = candidate;
        self
    }
}

/// The returning officer grants or refuses a re-count request. Granting
/// starts run `run + 1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RecountDecided {
    /// Contest.
    pub contest: String,
    /// The run whose re-count was requested.
    pub run: u32,
    /// A list contest's counting area whose list papers these are (the
    /// constituency count of a list poll); absent for any other contest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
    /// Granted (a new run starts) or refused as unreasonable.
    pub granted: bool,
}

impl RecountDecided {
    /// A `recount_decided` event with its `contest`, `run` and `granted`.
    #[must_use]
    pub fn new(contest: impl Into<String>, run: u32, granted: bool) -> RecountDecided {
        RecountDecided {
            contest: contest.into(),
            run,
            counting_area: None,
            granted,
        }
    }

    /// A list contest's counting area whose list papers these are.
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> RecountDecided {
        self.counting_area = counting_area;
        self
    }
}

/// How a lot was drawn.
///
/// Not `#[non_exhaustive]`: whether a lot was drawn at the count or is a
/// rehearsal that must never be declared is decided by matching it
/// (`countroom-count`'s report and list allocation, `countroom-live`'s
/// commands, the STV stage sheet), so a new method must be weighed at each,
/// which a compile error enforces and a `_` arm would not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum LotMethod {
    /// Drawn physically at the count, as described (e.g. "names in sealed
    /// envelopes drawn from a ballot box"); the outcome is as recorded.
    Recorded {
        /// How it was drawn.
        description: String,
    },
    /// A rehearsal draw from a published seed: countroom recomputes the draw
    /// and rejects a record that does not match.
    Seeded {
        /// The published seed.
        seed: String,
    },
}

/// Lots drawn between candidates with equal votes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LotDrawn {
    /// Contest.
    pub contest: String,
    /// Count run.
    pub run: u32,
    /// `election` (who is elected) or `longer_term` (who takes the seat with
    /// the longer term); at a single transferable vote poll,
    /// `surplus_order` (whose equal surplus is transferred first) or
    /// `exclusion` (which of the equal lowest candidates is excluded).
    pub purpose: String,
    /// Single transferable vote: the stage whose action the lot decides
    /// (required there; not given at other polls).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<u32>,
    /// The candidates with equal votes.
    pub tied: Vec<String>,
    /// The candidates on whom the lot fell, in the order drawn.
    pub winners: Vec<String>,
    /// How the lot was drawn.
    pub method: LotMethod,
}

impl LotDrawn {
    /// A `lot_drawn` event with its `contest`, `run`, `purpose`, `tied`,
    /// `winners` and `method`; add its `stage` with the builders.
    ///
    /// ```
    /// use countroom_log::{LotDrawn, LotMethod};
    /// let method = LotMethod::Recorded { description: "names drawn from a box".into() };
    /// let tied = vec!["C1".to_string(), "C2".to_string()];
    /// let lot = LotDrawn::new("abbey", 1, "election", tied, vec!["C2".into()], method);
    /// assert_eq!(lot.stage, None);
    /// ```
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        run: u32,
        purpose: impl Into<String>,
        tied: Vec<String>,
        winners: Vec<String>,
        method: LotMethod,
    ) -> LotDrawn {
        LotDrawn {
            contest: contest.into(),
            run,
            purpose: purpose.into(),
            stage: None,
            tied,
            winners,
            method,
        }
    }

    /// Single transferable vote: the stage whose action the lot decides
    /// (required there; not given at other polls).
    #[must_use]
    pub fn stage(mut self, stage: Option<u32>) -> LotDrawn {
        self.stage = stage;
        self
    }
}

/// The result of a run is declared; at an uncontested election (no poll),
/// the candidates remaining validly nominated are declared elected, with
/// `run` 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ResultDeclared {
    /// Contest.
    pub contest: String,
    /// The run declared; 0 for an uncontested election, which has no runs.
    pub run: u32,
}

impl ResultDeclared {
    /// The event with these fields (`contest`, `run`).
    #[must_use]
    pub fn new(contest: impl Into<String>, run: u32) -> ResultDeclared {
        ResultDeclared {
            contest: contest.into(),
            run,
        }
    }
}

/// A person appointed to an office of the count. The returning officer
/// (or acting returning officer) holds the office by law and records it
/// themselves; every other appointment is made by someone whose office
/// allows it (checked on replay).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OfficerAppointed {
    /// The person's identifier: what `by` names in the entries they record.
    pub person: String,
    /// Their name as it appears on the documents.
    pub name: String,
    /// The office: `returning_officer`, `acting_returning_officer`,
    /// `deputy_returning_officer`, `count_supervisor`, `count_clerk`,
    /// `collating_officer`.
    pub role: String,
    /// A deputy's delegated functions (empty: all the returning officer's
    /// functions): `define`, `appoint`, `verify`, `count`, `adjudicate`,
    /// `recount`, `lot`, `complete`, `declare`, `collate`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<String>,
    /// The contests the appointment is for (empty: every contest of the
    /// log).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contests: Vec<String>,
    /// At a poll counted in counting areas and collated: the counting area
    /// whose returning officer (the local returning officer) this is. Each
    /// area has its own, and they report only their own area's totals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_area: Option<String>,
    /// The Ed25519 public key they sign checkpoints with (64 lower-case hex
    /// digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
}

impl OfficerAppointed {
    /// An `officer_appointed` event with its `person`, `name` and `role`; add
    /// its `functions`, `contests`, `counting_area` and `public_key` with the
    /// builders.
    ///
    /// ```
    /// use countroom_log::OfficerAppointed;
    /// let deputy = OfficerAppointed::new("dro", "A. Deputy", "deputy_returning_officer")
    ///     .functions(vec!["count".into(), "verify".into()]);
    /// assert!(deputy.contests.is_empty());
    /// ```
    #[must_use]
    pub fn new(
        person: impl Into<String>,
        name: impl Into<String>,
        role: impl Into<String>,
    ) -> OfficerAppointed {
        OfficerAppointed {
            person: person.into(),
            name: name.into(),
            role: role.into(),
            functions: Vec::new(),
            contests: Vec::new(),
            counting_area: None,
            public_key: None,
        }
    }

    /// A deputy's delegated functions (empty: all the returning officer's
    /// functions): `define`, `appoint`, `verify`, `count`, `adjudicate`,
    /// `recount`, `lot`, `complete`, `declare`, `collate`.
    #[must_use]
    pub fn functions(mut self, functions: Vec<String>) -> OfficerAppointed {
        self.functions = functions;
        self
    }

    /// The contests the appointment is for (empty: every contest of the
    /// log).
    #[must_use]
    pub fn contests(mut self, contests: Vec<String>) -> OfficerAppointed {
        self.contests = contests;
        self
    }

    /// At a poll counted in counting areas and collated: the counting area
    /// whose returning officer (the local returning officer) this is. Each
    /// area has its own, and they report only their own area's totals.
    #[must_use]
    pub fn counting_area(mut self, counting_area: Option<String>) -> OfficerAppointed {
        self.counting_area = counting_area;
        self
    }

    /// The Ed25519 public key they sign checkpoints with (64 lower-case hex
    /// digits).
    #[must_use]
    pub fn public_key(mut self, public_key: Option<String>) -> OfficerAppointed {
        self.public_key = public_key;
        self
    }
}

/// A candidate, an agent or an observer recorded as entitled to attend
/// (the returning officer records the notice of appointment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AgentAppointed {
    /// The person's identifier: what `by` names in the entries they record.
    pub person: String,
    /// Their name.
    pub name: String,
    /// `candidate`, `election_agent`, `counting_agent` or `observer`.
    pub role: String,
    /// The contest (required for candidates and agents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contest: Option<String>,
    /// The candidate they are, or act for (required for candidates and
    /// agents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
    /// The Ed25519 public key they sign checkpoints with (64 lower-case hex
    /// digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
}

impl AgentAppointed {
    /// An `agent_appointed` event with its `person`, `name` and `role`; add its
    /// `contest`, `candidate` and `public_key` with the builders.
    #[must_use]
    pub fn new(
        person: impl Into<String>,
        name: impl Into<String>,
        role: impl Into<String>,
    ) -> AgentAppointed {
        AgentAppointed {
            person: person.into(),
            name: name.into(),
            role: role.into(),
            contest: None,
            candidate: None,
            public_key: None,
        }
    }

    /// The contest (required for candidates and agents).
    #[must_use]
    pub fn contest(mut self, contest: Option<String>) -> AgentAppointed {
        self.contest = contest;
        self
    }

    /// The candidate they are, or act for (required for candidates and
    /// agents).
    #[must_use]
    pub fn candidate(mut self, candidate: Option<String>) -> AgentAppointed {
        self.candidate = candidate;
        self
    }

    /// The Ed25519 public key they sign checkpoints with (64 lower-case hex
    /// digits).
    #[must_use]
    pub fn public_key(mut self, public_key: Option<String>) -> AgentAppointed {
        self.public_key = public_key;
        self
    }
}

/// A checkpoint signed by the entry's `by` over the chain head: the
/// SHA-256 of the line of entry `through` (the entry just before this one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CheckpointSigned {
    /// The last entry the signature covers: the one before this entry.
    pub through: u64,
    /// The chain head signed (64 lower-case hex digits).
    pub head: String,
    /// The Ed25519 signature (128 lower-case hex digits).
    pub signature: String,
}

impl CheckpointSigned {
    /// A `checkpoint_signed` event with its `through`, `head` and `signature`.
    #[must_use]
    pub fn new(
        through: u64,
        head: impl Into<String>,
        signature: impl Into<String>,
    ) -> CheckpointSigned {
        CheckpointSigned {
            through,
            head: head.into(),
            signature: signature.into(),
        }
    }
}

/// A version 1 log was rewritten as version 2 (`countroom upgrade`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LogUpgraded {
    /// The version the log was.
    pub from_version: u32,
    /// The SHA-256 (hex) of the version 1 file.
    pub source_sha256: String,
    /// How many entries it had (the entries before this one).
    pub entries: u64,
}

impl LogUpgraded {
    /// A `log_upgraded` event with its `from_version`, `source_sha256` and
    /// `entries`.
    #[must_use]
    pub fn new(from_version: u32, source_sha256: impl Into<String>, entries: u64) -> LogUpgraded {
        LogUpgraded {
            from_version,
            source_sha256: source_sha256.into(),
            entries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_kind_matches_its_serialized_tag() {
        let event = Event::CountCompleted(CountCompleted {
            contest: "c".into(),
            run: 1,
            counting_area: None,
        });
        let json = serde_json::to_string(&event).unwrap();
        assert_eq!(json, r#"{"count_completed":{"contest":"c","run":1}}"#);
        assert!(json.contains(event.kind()));
    }

    #[test]
    fn an_order_of_many_or_long_ids_holds_them_all() {
        // More ids than the ends held inline, and a text past u16::MAX.
        let many: Vec<String> = (0..40).map(|i| format!("C{i}")).collect();
        let order = PreferenceOrder::from(many.clone());
        assert_eq!(order.len(), 40);
        assert_eq!(order.iter().collect::<Vec<_>>(), many);
        assert_eq!(order.get(14), Some("C14"));
        assert_eq!(order.get(15), Some("C15"));
        assert_eq!(order.get(39), Some("C39"));
        assert_eq!(order.get(40), None);
        let mut pushed = PreferenceOrder::new();
        for id in &many {
            pushed.push(id);
        }
        assert_eq!(pushed, order);
        let json = serde_json::to_string(&order).unwrap();
        assert_eq!(
            serde_json::from_str::<PreferenceOrder>(&json).unwrap(),
            order
        );
        let long = "x".repeat(70_000);
        let order = PreferenceOrder::from(vec!["a", long.as_str(), "b"]);
        assert_eq!(order.len(), 3);
        assert_eq!(
            order.iter().collect::<Vec<_>>(),
            vec!["a", long.as_str(), "b"]
        );
        assert_eq!(order.get(2), Some("b"));
        // The same text cut differently is another order.
        assert_ne!(
            PreferenceOrder::from(vec!["C1", "C2"]),
            PreferenceOrder::from(vec!["C1C", "2"])
        );
        assert!(PreferenceOrder::new().is_empty());
        assert_eq!(PreferenceOrder::new().iter().count(), 0);
    }

    #[test]
    fn a_preference_order_reads_and_writes_as_the_array_of_ids() {
        // Escapes and non-ASCII ids survive the round trip unchanged.
        let json = r#"{"weight":3,"order":["C2","A\"B","Ó1",""]}"#;
        let line: PreferenceLine = serde_json::from_str(json).unwrap();
        assert_eq!(line.order.len(), 4);
        assert_eq!(
            line.order.iter().collect::<Vec<_>>(),
            vec!["C2", "A\"B", "Ó1", ""]
        );
        assert_eq!(line.order.get(1), Some("A\"B"));
        assert_eq!(line.order.get(3), Some(""));
        assert_eq!(line.order.get(4), None);
        assert_eq!(serde_json::to_string(&line).unwrap(), json);
        assert_eq!(format!("{:?}", line.order), r#"["C2", "A\"B", "Ó1", ""]"#);
        assert_eq!(
            line.order,
            PreferenceOrder::from(vec!["C2", "A\"B", "Ó1", ""])
        );
        assert_ne!(
            line.order,
            PreferenceOrder::from(vec!["C2A", "\"B", "Ó1", ""])
        );
        let empty: PreferenceLine = serde_json::from_str(r#"{"weight":1,"order":[]}"#).unwrap();
        assert!(empty.order.is_empty());
    }

    #[test]
    fn a_preference_order_refuses_what_a_list_of_strings_refuses() {
        let err =
            crate::jsonl::parse::<PreferenceLine>(r#"{"weight":1,"order":["C1",5]}"#).unwrap_err();
        assert_eq!(err.0, "order[1]");
        assert!(
            err.1
                .starts_with("invalid type: integer `5`, expected a string"),
            "{}",
            err.1
        );
        let err =
            crate::jsonl::parse::<PreferenceLine>(r#"{"weight":1,"order":"C1"}"#).unwrap_err();
        assert_eq!(err.0, "order");
        assert!(err.1.contains("expected a sequence"), "{}", err.1);
    }
}

/// A list-system contest: one region's (or the Senedd constituency's, or
/// London's) list poll. Its options are the registered parties and the
/// individual candidates; votes for them are reported by each constituency
/// (counting area) as a `local_total_reported`, whose `votes[].candidate`
/// names a party or individual candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ListContestDefined {
    /// Identifier.
    pub contest: String,
    /// The election event it belongs to.
    pub election: String,
    /// Title of the poll, e.g. "Election of Members of the Senedd".
    pub title: String,
    /// The region (or Senedd constituency, or London), e.g. "Mid and West
    /// Wales".
    pub area: String,
    /// The list office: `senedd_member` (closed lists, from 2026),
    /// `senedd_regional_member`, `scottish_parliament_regional_member` or
    /// `london_assembly_london_member`.
    pub office: String,
    /// Country code.
    pub country: String,
    /// Seats to fill; must be the ruleset's number for the area.
    pub seats: u32,
    /// The ruleset code, if the log states it; it must match the one the
    /// country, office and poll date select.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruleset: Option<String>,
    /// The registered parties, in ballot-paper order, each with its list.
    #[serde(default)]
    pub parties: Vec<ListPartyDef>,
    /// The individual candidates on the list ballot, in ballot-paper order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub individuals: Vec<CandidateDef>,
    /// The counting areas whose local totals of list votes are collated
    /// into the contest (each constituency's count; `counting_area_defined`
    /// ids).
    pub counting_areas: Vec<String>,
    /// Additional member system: the constituencies of the region (or of
    /// London), each of whose returns (`constituency_return_reported`)
    /// enters the divisors. Required there; not given under D'Hondt.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constituencies: Vec<String>,
    /// Additional member system: the list party each constituency
    /// candidate stood for, where it is stated explicitly (used before the
    /// match of the candidate's ballot-paper description with a party's
    /// name or id). Left out: the description decides, as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constituency_parties: Vec<ConstituencyParty>,
}

/// The list party a candidate at a constituency poll of the additional
/// member system stood for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ConstituencyParty {
    /// The constituency (one of the list contest's `constituencies`: the
    /// constituency contest's id where it is counted in the same log).
    pub constituency: String,
    /// The candidate's id in the constituency contest.
    pub candidate: String,
    /// The list contest's party id (a registered party on its list
    /// ballot).
    pub party: String,
}

impl ConstituencyParty {
    /// A constituency candidate's list party: the `constituency`, the
    /// `candidate`'s id there and the list contest's `party` id.
    #[must_use]
    pub fn new(
        constituency: impl Into<String>,
        candidate: impl Into<String>,
        party: impl Into<String>,
    ) -> ConstituencyParty {
        ConstituencyParty {
            constituency: constituency.into(),
            candidate: candidate.into(),
            party: party.into(),
        }
    }
}

impl ListContestDefined {
    /// A `list_contest_defined` event with its `contest`, `election`, `title`,
    /// `area`, `office`, `country` and `seats`; add its `ruleset`, `parties`,
    /// `individuals`, `counting_areas` and `constituencies` with the builders.
    ///
    /// ```
    /// use countroom_log::{ListContestDefined, ListPartyDef};
    /// let title = "Election of Members of the Senedd";
    /// let region = ListContestDefined::new("mid", "senedd", title, "Mid", "senedd_member", "wales", 6)
    ///     .counting_areas(vec!["north".into(), "south".into()])
    ///     .parties(vec![ListPartyDef::new("P1", "Example Party")]);
    /// assert_eq!(region.seats, 6);
    /// ```
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        election: impl Into<String>,
        title: impl Into<String>,
        area: impl Into<String>,
        office: impl Into<String>,
        country: impl Into<String>,
        seats: u32,
    ) -> ListContestDefined {
        ListContestDefined {
            contest: contest.into(),
            election: election.into(),
            title: title.into(),
            area: area.into(),
            office: office.into(),
            country: country.into(),
            seats,
            ruleset: None,
            parties: Vec::new(),
            individuals: Vec::new(),
            counting_areas: Vec::new(),
            constituencies: Vec::new(),
            constituency_parties: Vec::new(),
        }
    }

    /// The ruleset code, if the log states it; it must match the one the
    /// country, office and poll date select.
    #[must_use]
    pub fn ruleset(mut self, ruleset: Option<String>) -> ListContestDefined {
        self.ruleset = ruleset;
        self
    }

    /// The registered parties, in ballot-paper order, each with its list.
    #[must_use]
    pub fn parties(mut self, parties: Vec<ListPartyDef>) -> ListContestDefined {
        self.parties = parties;
        self
    }

    /// The individual candidates on the list ballot, in ballot-paper order.
    #[must_use]
    pub fn individuals(mut self, individuals: Vec<CandidateDef>) -> ListContestDefined {
        self.individuals = individuals;
        self
    }

    /// The counting areas whose local totals of list votes are collated
    /// into the contest (each constituency's count; `counting_area_defined`
    /// ids).
    #[must_use]
    pub fn counting_areas(mut self, counting_areas: Vec<String>) -> ListContestDefined {
        self.counting_areas = counting_areas;
        self
    }

    /// Additional member system: the constituencies of the region (or of
    /// London), each of whose returns (`constituency_return_reported`)
    /// enters the divisors. Required there; not given under D'Hondt.
    #[must_use]
    pub fn constituencies(mut self, constituencies: Vec<String>) -> ListContestDefined {
        self.constituencies = constituencies;
        self
    }

    /// Additional member system: the list party each constituency
    /// candidate stood for, used before the match of the candidate's
    /// description with a party's name or id.
    #[must_use]
    pub fn constituency_parties(
        mut self,
        constituency_parties: Vec<ConstituencyParty>,
    ) -> ListContestDefined {
        self.constituency_parties = constituency_parties;
        self
    }
}

/// A registered party on a list ballot and its list, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ListPartyDef {
    /// Identifier, unique among the contest's parties and individuals.
    pub id: String,
    /// The party's registered name as on the ballot paper.
    pub name: String,
    /// The party's candidates in the order of its list. Empty (left out):
    /// the list is not recorded in the log (a replay of published figures),
    /// so seats are allocated to the party without naming its members, and
    /// a later vacancy cannot be filled from it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub list: Vec<ListCandidateDef>,
}

impl ListPartyDef {
    /// A `ListPartyDef` with its `id` and `name`; add its `list` with the
    /// builders.
    #[must_use]
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> ListPartyDef {
        ListPartyDef {
            id: id.into(),
            name: name.into(),
            list: Vec::new(),
        }
    }

    /// The party's candidates in the order of its list. Empty (left out):
    /// the list is not recorded in the log (a replay of published figures),
    /// so seats are allocated to the party without naming its members, and
    /// a later vacancy cannot be filled from it.
    #[must_use]
    pub fn list(mut self, list: Vec<ListCandidateDef>) -> ListPartyDef {
        self.list = list;
        self
    }
}

/// One person on a party's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ListCandidateDef {
    /// Name as on the list.
    pub name: String,
    /// Withdrawn from the list before the poll.
    #[serde(default, skip_serializing_if = "is_false")]
    pub withdrawn: bool,
    /// Died before the allocation.
    #[serde(default, skip_serializing_if = "is_false")]
    pub died: bool,
}

impl ListCandidateDef {
    /// A `ListCandidateDef` with its `name`; add its `withdrawn` and `died`
    /// with the builders.
    #[must_use]
    pub fn new(name: impl Into<String>) -> ListCandidateDef {
        ListCandidateDef {
            name: name.into(),
            withdrawn: false,
            died: false,
        }
    }

    /// Withdrawn from the list before the poll.
    #[must_use]
    pub fn withdrawn(mut self, withdrawn: bool) -> ListCandidateDef {
        self.withdrawn = withdrawn;
        self
    }

    /// Died before the allocation.
    #[must_use]
    pub fn died(mut self, died: bool) -> ListCandidateDef {
        self.died = died;
        self
    }
}

/// The return of one constituency of an additional-member region, counted
/// at another count (or in another log), reported to the regional
/// returning officer: who was returned and for which party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ConstituencyReturnReported {
    /// The list contest of the region.
    pub contest: String,
    /// The constituency (one of the contest's `constituencies`).
    pub constituency: String,
    /// The member returned, as on the constituency's declaration.
    pub member: String,
    /// The list contest's party id the member stood for; absent for an
    /// independent or a party with no list in the region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

impl ConstituencyReturnReported {
    /// A `constituency_return_reported` event with its `contest`,
    /// `constituency` and `member`; add its `party` with the builders.
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        constituency: impl Into<String>,
        member: impl Into<String>,
    ) -> ConstituencyReturnReported {
        ConstituencyReturnReported {
            contest: contest.into(),
            constituency: constituency.into(),
            member: member.into(),
            party: None,
        }
    }

    /// The list contest's party id the member stood for; absent for an
    /// independent or a party with no list in the region.
    #[must_use]
    pub fn party(mut self, party: Option<String>) -> ConstituencyReturnReported {
        self.party = party;
        self
    }
}

/// A lot drawn between equal highest figures at one round of a list
/// allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ListLotDrawn {
    /// The list contest.
    pub contest: String,
    /// The round (seat number, from 1) the lot decides.
    pub round: u32,
    /// The parties or individual candidates with equal highest figures.
    pub tied: Vec<String>,
    /// The one on whom the lot fell.
    pub winner: String,
    /// How the lot was drawn.
    pub method: LotMethod,
}

impl ListLotDrawn {
    /// A `list_lot_drawn` event with its `contest`, `round`, `tied`, `winner`
    /// and `method`.
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        round: u32,
        tied: Vec<String>,
        winner: impl Into<String>,
        method: LotMethod,
    ) -> ListLotDrawn {
        ListLotDrawn {
            contest: contest.into(),
            round,
            tied,
            winner: winner.into(),
            method,
        }
    }
}

/// A candidate or agent asks for the list allocation to be recalculated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AllocationRecalculationRequested {
    /// The list contest.
    pub contest: String,
    /// The party or individual candidate for whom the request is made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

impl AllocationRecalculationRequested {
    /// An `allocation_recalculation_requested` event with its `contest`; add its
    /// `party` with the builders.
    #[must_use]
    pub fn new(contest: impl Into<String>) -> AllocationRecalculationRequested {
        AllocationRecalculationRequested {
            contest: contest.into(),
            party: None,
        }
    }

    /// The party or individual candidate for whom the request is made.
    #[must_use]
    pub fn party(mut self, party: Option<String>) -> AllocationRecalculationRequested {
        self.party = party;
        self
    }
}

/// The returning officer recalculates the allocation from the same totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AllocationRecalculated {
    /// The list contest.
    pub contest: String,
    /// What the recalculation found: `unchanged` (the same seats in the
    /// same order; the replay recomputes the allocation and refuses any
    /// other outcome, since the totals are the same).
    pub outcome: String,
}

impl AllocationRecalculated {
    /// An `allocation_recalculated` event with its `contest` and `outcome`.
    #[must_use]
    pub fn new(contest: impl Into<String>, outcome: impl Into<String>) -> AllocationRecalculated {
        AllocationRecalculated {
            contest: contest.into(),
            outcome: outcome.into(),
        }
    }
}

/// A later vacancy in a list seat, filled from the same list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ListVacancyFilled {
    /// The list contest.
    pub contest: String,
    /// The member whose seat is vacant.
    pub vacating: String,
    /// Those on the list, before the new member, who said they will not
    /// serve.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declined: Vec<String>,
    /// The new member (the next willing person on the list), or absent
    /// where no one on the list can fill it and the seat remains vacant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filled_by: Option<String>,
}

impl ListVacancyFilled {
    /// A `list_vacancy_filled` event with its `contest` and `vacating`; add its
    /// `declined` and `filled_by` with the builders.
    #[must_use]
    pub fn new(contest: impl Into<String>, vacating: impl Into<String>) -> ListVacancyFilled {
        ListVacancyFilled {
            contest: contest.into(),
            vacating: vacating.into(),
            declined: Vec::new(),
            filled_by: None,
        }
    }

    /// Those on the list, before the new member, who said they will not
    /// serve.
    #[must_use]
    pub fn declined(mut self, declined: Vec<String>) -> ListVacancyFilled {
        self.declined = declined;
        self
    }

    /// The new member (the next willing person on the list), or absent
    /// where no one on the list can fill it and the seat remains vacant.
    #[must_use]
    pub fn filled_by(mut self, filled_by: Option<String>) -> ListVacancyFilled {
        self.filled_by = filled_by;
        self
    }
}

/// The local planning authority's decision on a neighbourhood plan where
/// only one of the two referendums held on it (the residents' and the
/// business referendum) is in favour: the authority may make the plan but
/// need not (Planning and Compulsory Purchase Act 2004 s.38A(5)). The
/// decision is the authority's; the log records it, with who took it, when
/// and by what resolution, and the documents show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PlanningDecisionRecorded {
    /// The residents' referendum (a `neighbourhood_planning_referendum`
    /// contest); its business referendum is the one of the same election.
    pub contest: String,
    /// `make` (the authority makes the plan) or `not_make` (it does not).
    pub decision: String,
    /// Who decided: the authority's officer acting under delegated powers,
    /// or the body (cabinet, committee, council) that resolved it.
    pub decided_by: String,
    /// The day of the decision, `YYYY-MM-DD` (not before the poll).
    pub decided_on: String,
    /// The reference of the resolution or decision notice (a minute
    /// number, a decision record), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
}

impl PlanningDecisionRecorded {
    /// A `planning_decision_recorded` event with its `contest`, `decision`,
    /// `decided_by` and `decided_on`; add its `resolution` with the builders.
    #[must_use]
    pub fn new(
        contest: impl Into<String>,
        decision: impl Into<String>,
        decided_by: impl Into<String>,
        decided_on: impl Into<String>,
    ) -> PlanningDecisionRecorded {
        PlanningDecisionRecorded {
            contest: contest.into(),
            decision: decision.into(),
            decided_by: decided_by.into(),
            decided_on: decided_on.into(),
            resolution: None,
        }
    }

    /// The reference of the resolution or decision notice (a minute
    /// number, a decision record), if any.
    #[must_use]
    pub fn resolution(mut self, resolution: Option<String>) -> PlanningDecisionRecorded {
        self.resolution = resolution;
        self
    }
}

#[cfg(test)]
mod constructor_tests {
    use super::*;

    /// Each constructor gives what the reader makes of an entry with only
    /// the fields the wire format requires (every other field at its serde
    /// default), so building an event with it never changes the bytes
    /// written; and the value reads back from what it writes.
    #[test]
    fn a_constructor_gives_what_the_reader_makes_of_the_required_fields() {
        fn check<T>(json: &str, built: T)
        where
            T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
        {
            let read: T = serde_json::from_str(json).unwrap();
            assert_eq!(read, built, "{json}");
            let written = serde_json::to_string(&built).unwrap();
            assert_eq!(
                serde_json::from_str::<T>(&written).unwrap(),
                built,
                "{written}"
            );
        }
        check(r#"{"kind":"x"}"#, VacancyDef::new("x"));
        check(r#"{"id":"x","name":"x"}"#, CandidateDef::new("x", "x"));
        check(
            r#"{"counting_area":"x","name":"x"}"#,
            CountingAreaDefined::new("x", "x"),
        );
        check(
            r#"{"polling_place":"x","name":"x"}"#,
            PollingPlaceDefined::new("x", "x"),
        );
        check(
            r#"{"polling_station":"x","polling_place":"x","name":"x"}"#,
            PollingStationDefined::new("x", "x", "x"),
        );
        check(
            r#"{"ballot_box":"x","contests":[]}"#,
            BallotBoxDefined::new("x", Vec::new()),
        );
        check(r#"{"contest":"x","papers":7}"#, PapersVerified::new("x", 7));
        check(r#"{"ballot_box":"x"}"#, BoxReceived::new("x"));
        check(r#"{"first":"x","last":"x"}"#, SerialRangeDef::new("x", "x"));
        check(
            r#"{"ballot_box":"x","contest":"x","entrusted":[],"issued":7,"unused":7,"spoilt":7}"#,
            AccountEntered::new("x", "x", Vec::new(), 7, 7, 7),
        );
        check(
            r#"{"ballot_box":"x","contest":"x","attempt":7,"papers":7}"#,
            BoxCounted::new("x", "x", 7, 7),
        );
        check(
            r#"{"from_box":"x","from_contest":"x","to_box":"x","to_contest":"x","papers":7}"#,
            PapersMoved::new("x", "x", "x", "x", 7),
        );
        check(
            r#"{"ballot_box":"x","papers":7}"#,
            PostalBoxPapers::new("x", 7),
        );
        check(r#"{}"#, PostalRejections::new());
        check(
            r#"{"opening":"x","contest":"x","boxes":[]}"#,
            PostalOpeningRecorded::new("x", "x", Vec::new()),
        );
        check(
            r#"{"ballot_box":"x","contest":"x","entries":7}"#,
            TenderedVotesListed::new("x", "x", 7),
        );
        check(r#"{"contest":"x"}"#, VerificationCompleted::new("x"));
        check(
            r#"{"candidate":"x","votes":7}"#,
            CandidateVotes::new("x", 7),
        );
        check(
            r#"{"contest":"x","run":7,"papers":7}"#,
            RejectedInPartCounted::new("x", 7, 7),
        );
        check(r#"{"head":"x","papers":7}"#, HeadPapers::new("x", 7));
        check(r#"{"name":"x","sha256":"x"}"#, BatchSource::new("x", "x"));
        check(
            r#"{"weight":7,"order":[]}"#,
            PreferenceLine::new(7, PreferenceOrder::new()),
        );
        check(r#"{"reason":"x","papers":7}"#, SavedPapers::new("x", 7));
        check(
            r#"{"contest":"x","run":7,"reason":"x","papers":7}"#,
            SavedCounted::new("x", 7, "x", 7),
        );
        check(r#"{"contest":"x","run":7}"#, RejectionObjected::new("x", 7));
        check(r#"{"first":"x"}"#, SecondPreferences::new("x"));
        check(
            r#"{"contest":"x","run":7,"bundle":"x","votes":[]}"#,
            SecondPreferencesCounted::new("x", 7, "x", Vec::new()),
        );
        check(
            r#"{"contest":"x","run":7}"#,
            SecondCountCompleted::new("x", 7),
        );
        check(r#"{"region":"x","name":"x"}"#, RegionDefined::new("x", "x"));
        check(
            r#"{"contest":"x","counting_area":"x"}"#,
            LocalTotalAuthorised::new("x", "x"),
        );
        check(
            r#"{"contest":"x","counting_area":"x"}"#,
            AreaRecountOrdered::new("x", "x"),
        );
        check(
            r#"{"contest":"x","remaining":[]}"#,
            SecondCountDirected::new("x", Vec::new()),
        );
        check(
            r#"{"contest":"x","counting_area":"x","votes":[]}"#,
            LocalSecondCountReported::new("x", "x", Vec::new()),
        );
        check(r#"{"paper":"x"}"#, SetAsidePaper::new("x"));
        check(
            r#"{"contest":"x","run":7,"papers":[]}"#,
            PapersSetAside::new("x", 7, Vec::new()),
        );
        check(
            r#"{"contest":"x","run":7,"paper":"x","decision":"x"}"#,
            DoubtfulPaperDecided::new("x", 7, "x", "x"),
        );
        check(
            r#"{"contest":"x","text":"x"}"#,
            ExplanationRecorded::new("x", "x"),
        );
        check(r#"{"contest":"x","run":7}"#, RecountRequested::new("x", 7));
        check(
            r#"{"contest":"x","run":7,"granted":true}"#,
            RecountDecided::new("x", 7, true),
        );
        check(
            r#"{"contest":"x","run":7,"purpose":"x","tied":[],"winners":[],"method":{"seeded":{"seed":"s"}}}"#,
            LotDrawn::new(
                "x",
                7,
                "x",
                Vec::new(),
                Vec::new(),
                LotMethod::Seeded { seed: "s".into() },
            ),
        );
        check(
            r#"{"person":"x","name":"x","role":"x"}"#,
            OfficerAppointed::new("x", "x", "x"),
        );
        check(
            r#"{"person":"x","name":"x","role":"x"}"#,
            AgentAppointed::new("x", "x", "x"),
        );
        check(
            r#"{"through":7,"head":"x","signature":"x"}"#,
            CheckpointSigned::new(7, "x", "x"),
        );
        check(
            r#"{"from_version":7,"source_sha256":"x","entries":7}"#,
            LogUpgraded::new(7, "x", 7),
        );
        check(
            r#"{"contest":"x","election":"x","title":"x","area":"x","office":"x","country":"x","seats":7,"counting_areas":[]}"#,
            ListContestDefined::new("x", "x", "x", "x", "x", "x", 7),
        );
        check(r#"{"id":"x","name":"x"}"#, ListPartyDef::new("x", "x"));
        check(r#"{"name":"x"}"#, ListCandidateDef::new("x"));
        check(
            r#"{"contest":"x","constituency":"x","member":"x"}"#,
            ConstituencyReturnReported::new("x", "x", "x"),
        );
        check(
            r#"{"contest":"x","round":7,"tied":[],"winner":"x","method":{"seeded":{"seed":"s"}}}"#,
            ListLotDrawn::new(
                "x",
                7,
                Vec::new(),
                "x",
                LotMethod::Seeded { seed: "s".into() },
            ),
        );
        check(
            r#"{"contest":"x"}"#,
            AllocationRecalculationRequested::new("x"),
        );
        check(
            r#"{"contest":"x","outcome":"x"}"#,
            AllocationRecalculated::new("x", "x"),
        );
        check(
            r#"{"contest":"x","vacating":"x"}"#,
            ListVacancyFilled::new("x", "x"),
        );
        check(
            r#"{"contest":"x","decision":"x","decided_by":"x","decided_on":"x"}"#,
            PlanningDecisionRecorded::new("x", "x", "x", "x"),
        );
    }
}
