//! Commands: what happens at the count, typed, before it becomes an entry
//! of the log.

use countroom_log as log;
use countroom_model::{
    BallotBoxId, BundleId, CandidateId, ContestId, CountingAreaId, ElectionId, Papers, TableId,
    Votes,
};
use countroom_rules::{LotPurpose, RejectionHead};

use crate::definition::{Appointment, ContestDefinition};
use crate::list_commands::{
    ConstituencyReturn, ListBatch, ListContestDefinition, ListLot, ListVacancy,
};
use crate::more_commands::{
    AgentAppointment, Definition, LocalSecondCount, LocalTotal, PapersMove, PostalOpening,
    PreferenceBatch, Saved, SecondPreferenceBundle,
};
use crate::papers::BallotPapers;
use crate::verify_commands::{
    Account, AreaDecision, BoxCount, BoxReceipt, DoubtfulDecision, Explanation, Objection, SetAside,
};

/// What happens at the count. Each is applied to the contest's current run
/// (the first count, or the re-count granted last), which the [`crate::Count`]
/// knows: a command never names a run.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Command {
    /// A bundle (or a table's tally) counted by hand.
    Bundle(Bundle),
    /// Ballot papers rejected under a head of the contest's ruleset.
    Rejected(Rejected),
    /// Individual ballot papers held in memory (from a scanner or a
    /// data-entry screen), adjudicated under the contest's ruleset and
    /// counted as one batch.
    PaperBatch(PaperBatch),
    /// The count of the current run is completed.
    CompleteCount {
        /// The contest.
        contest: ContestId,
    },
    /// A re-count of the completed run is requested (by a candidate or an
    /// agent, or by the returning officer of their own motion).
    RequestRecount {
        /// The contest.
        contest: ContestId,
        /// The candidate on whose behalf it is asked, if any.
        candidate: Option<CandidateId>,
    },
    /// The returning officer decides a request for a re-count: granted, a
    /// new run begins.
    DecideRecount {
        /// The contest.
        contest: ContestId,
        /// Whether it is granted.
        granted: bool,
    },
    /// A lot drawn between candidates with equal votes.
    DrawLot(Lot),
    /// The result of the current run is declared (at an uncontested
    /// election, the candidates remaining validly nominated).
    Declare {
        /// The contest.
        contest: ContestId,
    },
    /// A ballot box received at verification, with its seals.
    ReceiveBox(BoxReceipt),
    /// A presiding officer's ballot paper account entered.
    EnterAccount(Account),
    /// A box's papers of one poll counted at verification (one attempt).
    CountBox(BoxCount),
    /// Verification of a poll is completed.
    CompleteVerification {
        /// The contest (poll).
        contest: ContestId,
    },
    /// Doubtful papers set aside in the current run for the returning
    /// officer.
    SetAside(SetAside),
    /// A doubtful paper of the current run decided by the returning
    /// officer.
    DecideDoubtful(DoubtfulDecision),
    /// A counting agent objects to the rejection of papers in the current
    /// run.
    ObjectToRejection(Objection),
    /// An explanation recorded (of a variance at verification, or of the
    /// current run).
    Explain(Explanation),
    /// The collating officer authorises a counting area's local total.
    AuthoriseLocalTotal(AreaDecision),
    /// The collating officer orders a re-count in one counting area.
    OrderAreaRecount(AreaDecision),
    /// The number of ballot papers verified for a poll, as one figure (from
    /// the verification statement; entering it again replaces it).
    VerifyPapers {
        /// The contest (poll).
        contest: ContestId,
        /// The papers verified.
        papers: Papers,
    },
    /// Papers found among another poll's papers (or in the wrong box),
    /// moved to the account they belong to.
    MovePapers(PapersMove),
    /// A postal opening session.
    RecordPostalOpening(PostalOpening),
    /// The tendered votes list of a box's poll (checked against its
    /// account).
    ListTenderedVotes {
        /// The box.
        ballot_box: BallotBoxId,
        /// The poll.
        contest: ContestId,
        /// The entries on the list.
        entries: u64,
    },
    /// Valid papers of the current run counted only under the saving
    /// clause.
    Saved {
        /// The contest.
        contest: ContestId,
        /// The reason and the papers.
        saved: Saved,
    },
    /// Papers of the current run rejected in part (their counted votes are
    /// already in the bundles): the number endorsed "rejected in part".
    RejectedInPart {
        /// The contest.
        contest: ContestId,
        /// The papers.
        papers: Papers,
    },
    /// A single transferable vote batch of preference papers held in
    /// memory.
    PreferenceBatch(PreferenceBatch),
    /// A bundle of the supplementary vote's second count.
    CountSecondPreferences(SecondPreferenceBundle),
    /// The second count of the current run is completed.
    CompleteSecondCount {
        /// The contest.
        contest: ContestId,
    },
    /// A counting area's local total reported to the collating officer.
    ReportLocalTotal(LocalTotal),
    /// The collating officer directs the second count: the candidates
    /// remaining (those the first count leaves).
    DirectSecondCount {
        /// The contest.
        contest: ContestId,
        /// The candidates remaining.
        remaining: Vec<CandidateId>,
    },
    /// A counting area's second count reported to the collating officer.
    ReportLocalSecondCount(LocalSecondCount),
    /// A counting area, region, polling place, polling station or ballot
    /// box defined after the count has begun.
    Define(Definition),
    /// A contest of an election defined after the count has begun (a
    /// by-election added to the log, a poll combined later).
    DefineContest {
        /// The election it belongs to (as the log defines it).
        election: ElectionId,
        /// The contest.
        contest: ContestDefinition,
    },
    /// An officer appointed after the count has begun.
    Appoint(Appointment),
    /// A candidate, an agent or an observer appointed.
    AppointAgent(AgentAppointment),
    /// A list contest defined (`list_contest_defined`; its counting areas
    /// defined before it).
    DefineListContest {
        /// The election it belongs to (as the log defines it).
        election: ElectionId,
        /// The list contest.
        contest: ListContestDefinition,
    },
    /// A constituency's return reported to the regional returning officer
    /// (additional member system).
    ReportConstituencyReturn(ConstituencyReturn),
    /// A batch of a list area's papers counted by figures, in the area's
    /// current run.
    ListBatch(ListBatch),
    /// The count of a list area's current run completed: the area's list
    /// total (`count_completed` with `counting_area`).
    CompleteAreaCount {
        /// The list contest.
        contest: ContestId,
        /// The counting area.
        counting_area: CountingAreaId,
    },
    /// A re-count of a list area's completed run requested at the
    /// constituency count (`recount_requested` with `counting_area`).
    RequestAreaRecount {
        /// The list contest.
        contest: ContestId,
        /// The counting area.
        counting_area: CountingAreaId,
        /// The party or individual candidate on whose behalf it is asked.
        option: Option<CandidateId>,
    },
    /// The constituency returning officer decides a request for a
    /// re-count of a list area (granted: the area's next run begins).
    DecideAreaRecount {
        /// The list contest.
        contest: ContestId,
        /// The counting area.
        counting_area: CountingAreaId,
        /// Whether it is granted.
        granted: bool,
    },
    /// A lot drawn between equal highest figures at a seat of a list
    /// allocation.
    DrawListLot(ListLot),
    /// A candidate or agent asks for the list allocation to be
    /// recalculated (`allocation_recalculation_requested`).
    RequestRecalculation {
        /// The list contest.
        contest: ContestId,
        /// The party or individual candidate for whom it is asked.
        option: Option<CandidateId>,
    },
    /// The returning officer recalculates the list allocation from the
    /// same totals (`allocation_recalculated`, outcome `unchanged`: the
    /// replay recalculates it).
    RecalculateAllocation {
        /// The list contest.
        contest: ContestId,
    },
    /// A later vacancy in a list seat, filled from the same list or left
    /// vacant.
    FillListVacancy(ListVacancy),
    /// An entry of the count log's wire format (any event, for which there
    /// is no typed command):
    /// checked exactly as a typed command.
    /// `checkpoint_signed` and `log_upgraded` are refused (a checkpoint is
    /// signed over the log written by [`crate::Count::sign_checkpoint`];
    /// an upgrade rewrites a version 1 file, `countroom upgrade`).
    Event(Box<log::Event>),
}

impl Command {
    /// The contest the command is for, when it is a typed one.
    #[must_use]
    pub fn contest(&self) -> Option<&ContestId> {
        match self {
            Command::Bundle(b) => Some(&b.contest),
            Command::Rejected(r) => Some(&r.contest),
            Command::PaperBatch(p) => Some(&p.contest),
            Command::CompleteCount { contest }
            | Command::RequestRecount { contest, .. }
            | Command::DecideRecount { contest, .. }
            | Command::Declare { contest } => Some(contest),
            Command::DrawLot(l) => Some(&l.contest),
            Command::EnterAccount(a) => Some(&a.contest),
            Command::CountBox(b) => Some(&b.contest),
            Command::CompleteVerification { contest } => Some(contest),
            Command::SetAside(s) => Some(&s.contest),
            Command::DecideDoubtful(d) => Some(&d.contest),
            Command::ObjectToRejection(o) => Some(&o.contest),
            Command::Explain(e) => Some(&e.contest),
            Command::AuthoriseLocalTotal(a) | Command::OrderAreaRecount(a) => Some(&a.contest),
            Command::VerifyPapers { contest, .. }
            | Command::ListTenderedVotes { contest, .. }
            | Command::Saved { contest, .. }
            | Command::RejectedInPart { contest, .. }
            | Command::CompleteSecondCount { contest }
            | Command::DirectSecondCount { contest, .. } => Some(contest),
            Command::MovePapers(m) => Some(&m.to_contest),
            Command::RecordPostalOpening(o) => Some(&o.contest),
            Command::PreferenceBatch(b) => Some(&b.contest),
            Command::CountSecondPreferences(b) => Some(&b.contest),
            Command::ReportLocalTotal(t) => Some(&t.contest),
            Command::ReportLocalSecondCount(t) => Some(&t.contest),
            Command::DefineListContest { .. } => None,
            Command::ReportConstituencyReturn(r) => Some(&r.contest),
            Command::ListBatch(b) => Some(&b.contest),
            Command::CompleteAreaCount { contest, .. }
            | Command::RequestAreaRecount { contest, .. }
            | Command::DecideAreaRecount { contest, .. }
            | Command::RequestRecalculation { contest, .. }
            | Command::RecalculateAllocation { contest } => Some(contest),
            Command::DrawListLot(l) => Some(&l.contest),
            Command::FillListVacancy(v) => Some(&v.contest),
            Command::ReceiveBox(_)
            | Command::Define(_)
            | Command::DefineContest { .. }
            | Command::Appoint(_)
            | Command::AppointAgent(_)
            | Command::Event(_) => None,
        }
    }

    /// The counting area of a list contest the command is addressed to,
    /// if any.
    #[must_use]
    pub fn counting_area(&self) -> Option<&CountingAreaId> {
        match self {
            Command::Bundle(b) => b.counting_area.as_ref(),
            Command::Rejected(r) => r.counting_area.as_ref(),
            Command::ListBatch(b) => Some(&b.counting_area),
            Command::PaperBatch(p) => p.counting_area.as_ref(),
            Command::CompleteAreaCount { counting_area, .. }
            | Command::RequestAreaRecount { counting_area, .. }
            | Command::DecideAreaRecount { counting_area, .. } => Some(counting_area),
            Command::ReportLocalTotal(t) => Some(&t.counting_area),
            Command::SetAside(s) => s.counting_area.as_ref(),
            Command::DecideDoubtful(d) => d.counting_area.as_ref(),
            Command::ObjectToRejection(o) => o.counting_area.as_ref(),
            Command::Explain(e) => e.counting_area.as_ref(),
            Command::Saved { saved, .. } => saved.counting_area.as_ref(),
            Command::AuthoriseLocalTotal(a) | Command::OrderAreaRecount(a) => {
                Some(&a.counting_area)
            }
            _ => None,
        }
    }
}

/// A bundle counted by hand: its votes per candidate, and optionally the
/// papers in it, the table and the ballot box.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Bundle {
    /// The contest.
    pub contest: ContestId,
    /// The bundle, unique in its run.
    pub bundle: BundleId,
    /// The votes per candidate (candidates with none may be left out).
    pub votes: Vec<(CandidateId, Votes)>,
    /// The ballot papers in the bundle.
    pub papers: Option<Papers>,
    /// The table that counted it.
    pub table: Option<TableId>,
    /// At a list contest, the counting area whose list papers these are.
    pub counting_area: Option<CountingAreaId>,
}

impl Bundle {
    /// A bundle with no votes yet.
    #[must_use]
    pub fn new(contest: ContestId, bundle: BundleId) -> Bundle {
        Bundle {
            contest,
            bundle,
            votes: Vec::new(),
            papers: None,
            table: None,
            counting_area: None,
        }
    }

    /// At a list contest: the counting area (constituency count) whose
    /// list papers these are, counted in the area's current run.
    #[must_use]
    pub fn in_area(mut self, counting_area: CountingAreaId) -> Bundle {
        self.counting_area = Some(counting_area);
        self
    }

    /// Adds a candidate's votes.
    #[must_use]
    pub fn votes(mut self, candidate: CandidateId, votes: Votes) -> Bundle {
        self.votes.push((candidate, votes));
        self
    }

    /// The papers in the bundle.
    #[must_use]
    pub fn papers(mut self, papers: Papers) -> Bundle {
        self.papers = Some(papers);
        self
    }

    /// The table that counted it.
    #[must_use]
    pub fn table(mut self, table: TableId) -> Bundle {
        self.table = Some(table);
        self
    }

    pub(crate) fn event(&self, run: u32) -> log::Event {
        log::Event::BundleCounted(
            log::BundleCounted::new(
                self.contest.to_string(),
                run,
                self.bundle.to_string(),
                self.votes
                    .iter()
                    .map(|(c, v)| log::CandidateVotes::new(c.to_string(), v.get()))
                    .collect(),
            )
            .table(self.table.as_ref().map(ToString::to_string))
            .papers(self.papers.map(Papers::get))
            .counting_area(self.counting_area.as_ref().map(ToString::to_string)),
        )
    }
}

/// Ballot papers rejected under a head.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rejected {
    /// The contest.
    pub contest: ContestId,
    /// The head (one of the contest's ruleset's heads, or
    /// [`RejectionHead::BreakdownNotGiven`]).
    pub head: RejectionHead,
    /// How many papers.
    pub papers: Papers,
    /// At a list contest, the counting area whose list papers these are.
    pub counting_area: Option<CountingAreaId>,
}

impl Rejected {
    /// `papers` rejected under `head`.
    #[must_use]
    pub fn new(contest: ContestId, head: RejectionHead, papers: Papers) -> Rejected {
        Rejected {
            contest,
            head,
            papers,
            counting_area: None,
        }
    }

    /// At a list contest: the counting area whose list papers these are.
    #[must_use]
    pub fn in_area(mut self, counting_area: CountingAreaId) -> Rejected {
        self.counting_area = Some(counting_area);
        self
    }
}

/// Ballot papers held in memory, adjudicated and counted as one batch.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PaperBatch {
    /// The contest.
    pub contest: ContestId,
    /// The batch, unique in its run (it shares the bundles' namespace).
    pub batch: BundleId,
    /// The papers.
    pub papers: BallotPapers,
    /// The file the papers were read from, when there is one: its name and
    /// its SHA-256 (lower-case hex). Without it, the batch is tied to its
    /// papers by their content hash ([`BallotPapers::content_hash`]).
    pub file: Option<(String, String)>,
    /// At a list contest: the counting area whose list papers these are
    /// (the papers adjudicated under the list ruleset's heads; marks name
    /// the contest's parties, then its individual candidates, by 0-based
    /// position).
    pub counting_area: Option<CountingAreaId>,
}

impl PaperBatch {
    /// A batch of papers held in memory.
    #[must_use]
    pub fn new(contest: ContestId, batch: BundleId, papers: BallotPapers) -> PaperBatch {
        PaperBatch {
            contest,
            batch,
            papers,
            file: None,
            counting_area: None,
        }
    }

    /// At a list contest: the counting area whose list papers these are.
    #[must_use]
    pub fn in_area(mut self, counting_area: CountingAreaId) -> PaperBatch {
        self.counting_area = Some(counting_area);
        self
    }

    /// The file the papers came from, and its SHA-256 (lower-case hex).
    #[must_use]
    pub fn from_file(mut self, name: impl Into<String>, sha256: impl Into<String>) -> PaperBatch {
        self.file = Some((name.into(), sha256.into()));
        self
    }

    /// The batch's `source` in the log: the file, or `memory:BATCH` and the
    /// content hash.
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

/// How a lot was drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LotDraw {
    /// Drawn at the count, as described ("names drawn from a hat"); the
    /// outcome is as recorded.
    Recorded(String),
    /// A rehearsal draw from a published seed, recomputed and checked.
    Seeded(String),
}

impl LotDraw {
    /// The log's lot method.
    pub(crate) fn method(&self) -> log::LotMethod {
        match self {
            LotDraw::Recorded(description) => log::LotMethod::Recorded {
                description: description.clone(),
            },
            LotDraw::Seeded(seed) => log::LotMethod::Seeded { seed: seed.clone() },
        }
    }
}

/// A lot drawn between candidates with equal votes (the law gives it to
/// the Returning Officer, PER r.49: countroom never draws one itself).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Lot {
    /// The contest.
    pub contest: ContestId,
    /// What the lot decides.
    pub purpose: LotPurpose,
    /// The candidates with equal votes.
    pub tied: Vec<CandidateId>,
    /// The candidates on whom the lot fell, in the order drawn.
    pub winners: Vec<CandidateId>,
    /// How it was drawn.
    pub draw: LotDraw,
}

impl Lot {
    /// A lot between `tied` that fell on `winners`.
    #[must_use]
    pub fn new(
        contest: ContestId,
        purpose: LotPurpose,
        tied: Vec<CandidateId>,
        winners: Vec<CandidateId>,
        draw: LotDraw,
    ) -> Lot {
        Lot {
            contest,
            purpose,
            tied,
            winners,
            draw,
        }
    }

    pub(crate) fn event(&self, run: u32) -> log::Event {
        log::Event::LotDrawn(log::LotDrawn::new(
            self.contest.to_string(),
            run,
            self.purpose.code().to_owned(),
            self.tied.iter().map(ToString::to_string).collect(),
            self.winners.iter().map(ToString::to_string).collect(),
            self.draw.method(),
        ))
    }
}

/// A command applied: the entry appended, and the bytes to write to the
/// log file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Applied {
    /// The entry, as written (numbered, and linked when the log is
    /// chained).
    pub entry: log::Entry,
    /// Its line, ending in a line feed: append these bytes to the file.
    pub bytes: Vec<u8>,
    /// The chain head after it (the digest of its line).
    pub head: log::Sha256Digest,
}
