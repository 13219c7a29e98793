//! Typed commands for the rest of the count: verification's single figure,
//! papers moved, postal openings and tendered votes lists; saved papers,
//! papers rejected in part and single transferable vote batches of
//! preference papers held in memory; the supplementary vote's second
//! count; the collation of local totals and second counts; and the
//! definitions and appointments recorded after the count has begun. Each
//! becomes the count log's wire event at the edge
//! ([`crate::Count::apply`]), checked by the replay's own checks.

use std::fmt;

use countroom_adjudicate::SavingReason;
use countroom_log as log;
use countroom_model::{
    BallotBoxId, BundleId, CandidateId, ContestId, CountingAreaId, Electorate, Papers,
    PollingPlaceId, PollingStationId, RegionId, TableId, Votes,
};
use countroom_rules::RejectionHead;

use crate::papers::BallotPapers;
use crate::person::PersonId;
use crate::Role;

fn votes(v: &[(CandidateId, Votes)]) -> Vec<log::CandidateVotes> {
    v.iter()
        .map(|(c, n)| log::CandidateVotes::new(c.to_string(), n.get()))
        .collect()
}

/// A counting area's local total reported to the collating officer
/// (`local_total_reported`; e.g. PCCEO 2012 Sch 3 r.57: each local
/// returning officer's statement of the votes in their area).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LocalTotal {
    /// The contest.
    pub contest: ContestId,
    /// The counting area.
    pub counting_area: CountingAreaId,
    /// Ballot papers expected (ballot paper accounts and postal papers).
    pub expected: Option<Papers>,
    /// Polling-station papers verified.
    pub polling_station_papers: Option<Papers>,
    /// Postal papers verified.
    pub postal_papers: Option<Papers>,
    /// Ballot papers going forward to the count.
    pub papers_forward: Papers,
    /// Votes (first preferences) per candidate or answer.
    pub votes: Vec<(CandidateId, Votes)>,
    /// Rejected papers per head of the contest's ruleset.
    pub rejected: Vec<(RejectionHead, Papers)>,
    /// The area's explanation of any variance.
    pub explanation: Option<String>,
}

impl LocalTotal {
    /// The local total of `counting_area`, with `papers_forward` papers
    /// going forward to the count; add the votes, the rejected papers and
    /// the verified figures with the other methods.
    #[must_use]
    pub fn new(contest: ContestId, counting_area: CountingAreaId, papers_forward: Papers) -> Self {
        LocalTotal {
            contest,
            counting_area,
            expected: None,
            polling_station_papers: None,
            postal_papers: None,
            papers_forward,
            votes: Vec::new(),
            rejected: Vec::new(),
            explanation: None,
        }
    }

    /// A candidate's (or answer's) votes.
    #[must_use]
    pub fn votes(mut self, candidate: CandidateId, votes: Votes) -> Self {
        self.votes.push((candidate, votes));
        self
    }

    /// Papers rejected under a head.
    #[must_use]
    pub fn rejected(mut self, head: RejectionHead, papers: Papers) -> Self {
        self.rejected.push((head, papers));
        self
    }

    /// The papers expected and verified (polling stations, postal).
    #[must_use]
    pub fn verified(mut self, expected: Papers, polling_station: Papers, postal: Papers) -> Self {
        self.expected = Some(expected);
        self.polling_station_papers = Some(polling_station);
        self.postal_papers = Some(postal);
        self
    }

    /// The area's explanation of a variance.
    #[must_use]
    pub fn explanation(mut self, text: impl Into<String>) -> Self {
        self.explanation = Some(text.into());
        self
    }

    pub(crate) fn event(&self) -> log::Event {
        log::Event::LocalTotalReported(
            log::LocalTotalReported::new(
                self.contest.to_string(),
                self.counting_area.to_string(),
                self.papers_forward.get(),
                votes(&self.votes),
            )
            .expected(self.expected.map(Papers::get))
            .polling_station_papers(self.polling_station_papers.map(Papers::get))
            .postal_papers(self.postal_papers.map(Papers::get))
            .rejected(
                self.rejected
                    .iter()
                    .map(|(h, p)| log::HeadPapers::new(h.code().to_owned(), p.get()))
                    .collect(),
            )
            .explanation(self.explanation.clone()),
        )
    }
}

/// A counting area's second count (the supplementary vote's second
/// preferences for the remaining candidates) reported to the collating
/// officer (`local_second_count_reported`; PCCEO 2012 Sch 3 r.60(5)).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LocalSecondCount {
    /// The contest.
    pub contest: ContestId,
    /// The counting area.
    pub counting_area: CountingAreaId,
    /// Second preferences for each remaining candidate.
    pub votes: Vec<(CandidateId, Votes)>,
    /// Papers rejected for the second count (void as to the second
    /// preference).
    pub rejected: Papers,
}

impl LocalSecondCount {
    /// The second count of `counting_area`; add the votes with
    /// [`LocalSecondCount::votes`].
    #[must_use]
    pub fn new(contest: ContestId, counting_area: CountingAreaId, rejected: Papers) -> Self {
        LocalSecondCount {
            contest,
            counting_area,
            votes: Vec::new(),
            rejected,
        }
    }

    /// A remaining candidate's second preferences.
    #[must_use]
    pub fn votes(mut self, candidate: CandidateId, votes: Votes) -> Self {
        self.votes.push((candidate, votes));
        self
    }

    pub(crate) fn event(&self) -> log::Event {
        log::Event::LocalSecondCountReported(
            log::LocalSecondCountReported::new(
                self.contest.to_string(),
                self.counting_area.to_string(),
                votes(&self.votes),
            )
            .rejected(self.rejected.get()),
        )
    }
}

/// A bundle of the supplementary vote's second count at one count: the
/// second preferences on the papers of the eliminated candidates
/// (`second_preferences_counted`, in the current run; PCCEO 2012 Sch 3
/// r.60; the Local Authorities (Mayoral Elections) Regulations).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SecondPreferenceBundle {
    /// The contest.
    pub contest: ContestId,
    /// The bundle, unique in the run's second count.
    pub bundle: BundleId,
    /// The table that counted it.
    pub table: Option<TableId>,
    /// Second preferences for each remaining candidate.
    pub votes: Vec<(CandidateId, Votes)>,
    /// Papers with no second preference.
    pub unmarked: Papers,
    /// Papers whose second preference is for an eliminated candidate (not
    /// counted, not rejected).
    pub for_eliminated: Papers,
    /// Papers whose second preference is void for uncertainty.
    pub void: Papers,
}

impl SecondPreferenceBundle {
    /// A bundle with no second preferences yet.
    #[must_use]
    pub fn new(contest: ContestId, bundle: BundleId) -> Self {
        SecondPreferenceBundle {
            contest,
            bundle,
            table: None,
            votes: Vec::new(),
            unmarked: Papers::new(0),
            for_eliminated: Papers::new(0),
            void: Papers::new(0),
        }
    }

    /// A remaining candidate's second preferences.
    #[must_use]
    pub fn votes(mut self, candidate: CandidateId, votes: Votes) -> Self {
        self.votes.push((candidate, votes));
        self
    }

    /// The table that counted it.
    #[must_use]
    pub fn table(mut self, table: TableId) -> Self {
        self.table = Some(table);
        self
    }

    /// The papers not counted for a remaining candidate: no second
    /// preference, one for an eliminated candidate, one void for
    /// uncertainty.
    #[must_use]
    pub fn not_counted(mut self, unmarked: Papers, for_eliminated: Papers, void: Papers) -> Self {
        self.unmarked = unmarked;
        self.for_eliminated = for_eliminated;
        self.void = void;
        self
    }

    pub(crate) fn event(&self, run: u32) -> log::Event {
        log::Event::SecondPreferencesCounted(
            log::SecondPreferencesCounted::new(
                self.contest.to_string(),
                run,
                self.bundle.to_string(),
                votes(&self.votes),
            )
            .table(self.table.as_ref().map(ToString::to_string))
            .unmarked(self.unmarked.get())
            .for_eliminated(self.for_eliminated.get())
            .void(self.void.get()),
        )
    }
}

/// Valid papers counted only under the saving clause, for one reason
/// (`saved_counted`, in the current run; PER r.47(2); the reasons are
/// [`SavingReason`]'s, the log's codes).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Saved {
    /// The reason the papers were saved.
    pub reason: SavingReason,
    /// How many.
    pub papers: Papers,
    /// At a list contest, the counting area whose list papers these are
    /// (its current run).
    pub counting_area: Option<CountingAreaId>,
}

impl Saved {
    /// `papers` valid under the saving clause for `reason`.
    #[must_use]
    pub fn new(reason: SavingReason, papers: Papers) -> Saved {
        Saved {
            reason,
            papers,
            counting_area: None,
        }
    }

    /// At a list contest: the counting area (constituency count) whose
    /// list papers these are, in the area's current run.
    #[must_use]
    pub fn in_area(mut self, counting_area: CountingAreaId) -> Saved {
        self.counting_area = Some(counting_area);
        self
    }
}

/// Ballot papers of a single transferable vote contest held in memory
/// (figures, from a scanner or a data-entry screen), adjudicated under the
/// contest's ruleset and counted as one batch with their preferences: the
/// same entry as `countroom tally-papers` gives for the same papers in the
/// preferential ballot-paper CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PreferenceBatch {
    /// The contest.
    pub contest: ContestId,
    /// The batch, unique in its run (it shares the bundles' namespace).
    pub batch: BundleId,
    /// The papers, each marked with figures
    /// ([`countroom_adjudicate::MarkKind::Figure`]).
    pub papers: BallotPapers,
    /// The file the papers were read from, when there is one: its name and
    /// its SHA-256 (lower-case hex). Without it, the batch is tied to its
    /// papers by their content hash ([`BallotPapers::content_hash`]).
    pub file: Option<(String, String)>,
}

impl PreferenceBatch {
    /// A batch of preference papers held in memory.
    #[must_use]
    pub fn new(contest: ContestId, batch: BundleId, papers: BallotPapers) -> Self {
        PreferenceBatch {
            contest,
            batch,
            papers,
            file: None,
        }
    }

    /// The file the papers came from, and its SHA-256 (lower-case hex).
    #[must_use]
    pub fn from_file(mut self, name: impl Into<String>, sha256: impl Into<String>) -> Self {
        self.file = Some((name.into(), sha256.into()));
        self
    }

    pub(crate) fn source(&self) -> log::BatchSource {
        match &self.file {
            Some((name, sha256)) => log::BatchSource::new(name.clone(), sha256.clone()),
            None => log::BatchSource::new(
                format!("memory:{}", self.batch),
                self.papers.content_hash(&self.contest),
            ),
        }
    }
}

/// Papers of one poll found among another poll's papers (or in the wrong
/// box of the same poll) at verification, moved to the account they
/// belong to (`papers_moved`; PER r.45: each poll's papers verified
/// against its own accounts at a combined count).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PapersMove {
    /// The box they were found in.
    pub from_box: BallotBoxId,
    /// The poll they were counted with there.
    pub from_contest: ContestId,
    /// The box whose account they belong to.
    pub to_box: BallotBoxId,
    /// Their poll.
    pub to_contest: ContestId,
    /// How many.
    pub papers: Papers,
}

impl PapersMove {
    /// `papers` of `to_contest` found in `from_box` among `from_contest`'s
    /// papers, moved to `to_box`.
    #[must_use]
    pub fn new(
        from_box: BallotBoxId,
        from_contest: ContestId,
        to_box: BallotBoxId,
        to_contest: ContestId,
        papers: Papers,
    ) -> Self {
        PapersMove {
            from_box,
            from_contest,
            to_box,
            to_contest,
            papers,
        }
    }

    pub(crate) fn event(&self) -> log::Event {
        log::Event::PapersMoved(log::PapersMoved::new(
            self.from_box.to_string(),
            self.from_contest.to_string(),
            self.to_box.to_string(),
            self.to_contest.to_string(),
            self.papers.get(),
        ))
    }
}

/// Why a postal voting statement was rejected at an opening session
/// (Representation of the People (England and Wales) Regulations 2001
/// reg 87; the log's `rejected_statements` fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum PostalRejection {
    /// The signature does not match the personal identifier.
    SignatureMismatch,
    /// The date of birth does not match.
    DateOfBirthMismatch,
    /// The signature was left blank.
    SignatureBlank,
    /// The date of birth was left blank.
    DateOfBirthBlank,
    /// A ballot paper received without a valid statement (the first list).
    PaperWithoutStatement,
    /// A valid statement received without its ballot paper (the second
    /// list).
    StatementWithoutPaper,
}

impl fmt::Display for PostalRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PostalRejection::SignatureMismatch => {
                "signature does not match the personal identifier"
            }
            PostalRejection::DateOfBirthMismatch => {
                "date of birth does not match the personal identifier"
            }
            PostalRejection::SignatureBlank => "signature not given",
            PostalRejection::DateOfBirthBlank => "date of birth not given",
            PostalRejection::PaperWithoutStatement => {
                "ballot paper received without a postal voting statement"
            }
            PostalRejection::StatementWithoutPaper => {
                "postal voting statement received without a ballot paper"
            }
        })
    }
}

/// A postal opening session for one poll (`postal_opening_recorded`): the
/// duly returned papers placed in each postal ballot box, and the postal
/// voting statements rejected by reason (RPR 2001 regs 84–92).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PostalOpening {
    /// The opening session, unique per poll.
    pub opening: String,
    /// The poll.
    pub contest: ContestId,
    /// Papers placed in each postal ballot box.
    pub boxes: Vec<(BallotBoxId, Papers)>,
    /// Statements rejected, by reason (a reason given twice adds up).
    pub rejected: Vec<(PostalRejection, u64)>,
}

impl PostalOpening {
    /// The opening session `opening` of `contest`.
    #[must_use]
    pub fn new(opening: impl Into<String>, contest: ContestId) -> Self {
        PostalOpening {
            opening: opening.into(),
            contest,
            boxes: Vec::new(),
            rejected: Vec::new(),
        }
    }

    /// Papers placed in a postal ballot box.
    #[must_use]
    pub fn placed(mut self, ballot_box: BallotBoxId, papers: Papers) -> Self {
        self.boxes.push((ballot_box, papers));
        self
    }

    /// Statements rejected for a reason.
    #[must_use]
    pub fn rejected(mut self, reason: PostalRejection, statements: u64) -> Self {
        self.rejected.push((reason, statements));
        self
    }

    /// The wire event, or the reason whose statements overflow.
    pub(crate) fn event(&self) -> Result<log::Event, PostalRejection> {
        let mut r = log::PostalRejections::default();
        for &(reason, n) in &self.rejected {
            let slot = match reason {
                PostalRejection::SignatureMismatch => &mut r.signature_mismatch,
                PostalRejection::DateOfBirthMismatch => &mut r.date_of_birth_mismatch,
                PostalRejection::SignatureBlank => &mut r.signature_blank,
                PostalRejection::DateOfBirthBlank => &mut r.date_of_birth_blank,
                PostalRejection::PaperWithoutStatement => &mut r.paper_without_statement,
                PostalRejection::StatementWithoutPaper => &mut r.statement_without_paper,
            };
            *slot = slot.checked_add(n).ok_or(reason)?;
        }
        Ok(log::Event::PostalOpeningRecorded(
            log::PostalOpeningRecorded::new(
                self.opening.clone(),
                self.contest.to_string(),
                self.boxes
                    .iter()
                    .map(|(b, p)| log::PostalBoxPapers::new(b.to_string(), p.get()))
                    .collect(),
            )
            .rejected_statements(r),
        ))
    }
}

/// Something defined after the count has begun (a definition event;
/// docs/count-log.md).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Definition {
    /// A counting area of a poll counted locally and collated.
    CountingArea {
        /// Its identifier.
        id: CountingAreaId,
        /// Its name.
        name: String,
        /// The region it is collated into (a defined region's id).
        region: Option<RegionId>,
        /// Electors on the register in the area.
        electorate: Option<Electorate>,
    },
    /// A region that counting areas are collated into.
    Region {
        /// Its identifier (e.g. the ONS code `E15000006`).
        id: RegionId,
        /// Its name.
        name: String,
    },
    /// A polling place (a building).
    PollingPlace {
        /// Its identifier.
        id: PollingPlaceId,
        /// Its name and address.
        name: String,
        /// Its counting area, in a poll of several.
        counting_area: Option<CountingAreaId>,
    },
    /// A polling station in a polling place.
    PollingStation {
        /// Its identifier.
        id: PollingStationId,
        /// The polling place it is in.
        polling_place: PollingPlaceId,
        /// Its name or number.
        name: String,
    },
    /// A ballot box: a polling station's, or (with none) a postal ballot
    /// box.
    BallotBox {
        /// Its identifier.
        id: BallotBoxId,
        /// The polling station; none for a postal ballot box.
        polling_station: Option<PollingStationId>,
        /// The polls whose papers it holds.
        contests: Vec<ContestId>,
    },
}

impl Definition {
    pub(crate) fn event(&self) -> log::Event {
        match self {
            Definition::CountingArea {
                id,
                name,
                region,
                electorate,
            } => log::Event::CountingAreaDefined(
                log::CountingAreaDefined::new(id.to_string(), name.clone())
                    .region(region.as_ref().map(ToString::to_string))
                    .electorate(electorate.map(Electorate::get)),
            ),
            Definition::Region { id, name } => {
                log::Event::RegionDefined(log::RegionDefined::new(id.to_string(), name.clone()))
            }
            Definition::PollingPlace {
                id,
                name,
                counting_area,
            } => log::Event::PollingPlaceDefined(
                log::PollingPlaceDefined::new(id.to_string(), name.clone())
                    .counting_area(counting_area.as_ref().map(ToString::to_string)),
            ),
            Definition::PollingStation {
                id,
                polling_place,
                name,
            } => log::Event::PollingStationDefined(log::PollingStationDefined::new(
                id.to_string(),
                polling_place.to_string(),
                name.clone(),
            )),
            Definition::BallotBox {
                id,
                polling_station,
                contests,
            } => log::Event::BallotBoxDefined(
                log::BallotBoxDefined::new(
                    id.to_string(),
                    contests.iter().map(ToString::to_string).collect(),
                )
                .polling_station(polling_station.as_ref().map(ToString::to_string)),
            ),
        }
    }
}

/// A candidate, an agent or an observer appointed (`agent_appointed`; PER
/// r.30 counting agents, r.44(2) who may attend the count, PPERA 2000
/// ss.6A–6D observers). Officers are appointed with
/// [`crate::Appointment`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AgentAppointment {
    /// The person: what `by` names in the entries they record.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// [`Role::Candidate`], [`Role::ElectionAgent`],
    /// [`Role::CountingAgent`] or [`Role::Observer`] (another is refused
    /// by the count, as in the log).
    pub role: Role,
    /// The contest (required for candidates and agents).
    pub contest: Option<ContestId>,
    /// The candidate they are, or act for (required for candidates and
    /// agents).
    pub candidate: Option<CandidateId>,
    /// The Ed25519 public key they sign checkpoints with (64 lower-case
    /// hex digits).
    pub public_key: Option<String>,
}

impl AgentAppointment {
    /// An observer (no contest or candidate).
    #[must_use]
    pub fn observer(person: PersonId, name: impl Into<String>) -> Self {
        AgentAppointment {
            person,
            name: name.into(),
            role: Role::Observer,
            contest: None,
            candidate: None,
            public_key: None,
        }
    }

    /// A candidate, or an agent (`role`) for `candidate` in `contest`.
    #[must_use]
    pub fn for_candidate(
        person: PersonId,
        name: impl Into<String>,
        role: Role,
        contest: ContestId,
        candidate: CandidateId,
    ) -> Self {
        AgentAppointment {
            person,
            name: name.into(),
            role,
            contest: Some(contest),
            candidate: Some(candidate),
            public_key: None,
        }
    }

    /// The public key they sign checkpoints with.
    #[must_use]
    pub fn public_key(mut self, hex: impl Into<String>) -> Self {
        self.public_key = Some(hex.into());
        self
    }

    pub(crate) fn event(&self) -> log::Event {
        log::Event::AgentAppointed(
            log::AgentAppointed::new(
                self.person.to_string(),
                self.name.clone(),
                self.role.code().to_owned(),
            )
            .contest(self.contest.as_ref().map(ToString::to_string))
            .candidate(self.candidate.as_ref().map(ToString::to_string))
            .public_key(self.public_key.clone()),
        )
    }
}
