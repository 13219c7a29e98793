//! Typed commands for verification, doubtful papers, objections,
//! explanations and the collating officer's decisions: each becomes the
//! count log's wire event at the edge ([`crate::Count::apply`]), checked by
//! the replay's own checks.

use countroom_log as log;
use countroom_model::{BallotBoxId, BundleId, CandidateId, ContestId, CountingAreaId, Papers};
use countroom_rules::RejectionHead;

/// A ballot box received at the count, with its seals as read on arrival
/// (`box_received`; PER r.45(1): the returning officer opens each box in
/// the presence of the counting agents).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BoxReceipt {
    /// The box (defined in the log).
    pub ballot_box: BallotBoxId,
    /// The seal numbers, as read.
    pub seals: Vec<String>,
}

impl BoxReceipt {
    /// A box received; add its seals with [`BoxReceipt::seal`].
    #[must_use]
    pub fn new(ballot_box: BallotBoxId) -> BoxReceipt {
        BoxReceipt {
            ballot_box,
            seals: Vec::new(),
        }
    }

    /// A seal number, as read.
    #[must_use]
    pub fn seal(mut self, seal: impl Into<String>) -> BoxReceipt {
        self.seals.push(seal.into());
        self
    }

    pub(crate) fn event(&self) -> log::Event {
        log::Event::BoxReceived(
            log::BoxReceived::new(self.ballot_box.to_string()).seals(self.seals.clone()),
        )
    }
}

/// The presiding officer's ballot paper account for one poll at one box
/// (`account_entered`; PER r.45(3)–(4): the papers in the box verified
/// against it). Arithmetic that does not balance is flagged on the
/// verification statement, never refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Account {
    /// The box.
    pub ballot_box: BallotBoxId,
    /// The poll.
    pub contest: ContestId,
    /// The serial ranges entrusted to the presiding officer (first, last).
    pub entrusted: Vec<(String, String)>,
    /// Issued to voters: the papers expected in the box.
    pub issued: Papers,
    /// Unused.
    pub unused: Papers,
    /// Spoilt (replaced in the polling station).
    pub spoilt: Papers,
    /// Cancelled.
    pub cancelled: Papers,
    /// Tendered.
    pub tendered: Papers,
}

impl Account {
    /// An account of `issued` papers, the rest none until given.
    #[must_use]
    pub fn new(ballot_box: BallotBoxId, contest: ContestId, issued: Papers) -> Account {
        Account {
            ballot_box,
            contest,
            entrusted: Vec::new(),
            issued,
            unused: Papers::new(0),
            spoilt: Papers::new(0),
            cancelled: Papers::new(0),
            tendered: Papers::new(0),
        }
    }

    /// A serial range entrusted, e.g. `("D0001", "D2000")`.
    #[must_use]
    pub fn entrusted(mut self, first: impl Into<String>, last: impl Into<String>) -> Account {
        self.entrusted.push((first.into(), last.into()));
        self
    }

    /// The unused papers.
    #[must_use]
    pub fn unused(mut self, papers: Papers) -> Account {
        self.unused = papers;
        self
    }

    /// The spoilt papers.
    #[must_use]
    pub fn spoilt(mut self, papers: Papers) -> Account {
        self.spoilt = papers;
        self
    }

    /// The cancelled papers.
    #[must_use]
    pub fn cancelled(mut self, papers: Papers) -> Account {
        self.cancelled = papers;
        self
    }

    /// The tendered papers.
    #[must_use]
    pub fn tendered(mut self, papers: Papers) -> Account {
        self.tendered = papers;
        self
    }

    pub(crate) fn event(&self) -> log::Event {
        log::Event::AccountEntered(
            log::AccountEntered::new(
                self.ballot_box.to_string(),
                self.contest.to_string(),
                self.entrusted
                    .iter()
                    .map(|(first, last)| log::SerialRangeDef::new(first.clone(), last.clone()))
                    .collect(),
                self.issued.get(),
                self.unused.get(),
                self.spoilt.get(),
            )
            .cancelled(self.cancelled.get())
            .tendered(self.tendered.get()),
        )
    }
}

/// One count of a box's papers of one poll at verification
/// (`box_counted`): the first attempt is 1, each recount the next (the
/// Electoral Commission's discrepancy procedure: counted again until two
/// consecutive counts agree).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BoxCount {
    /// The box.
    pub ballot_box: BallotBoxId,
    /// The poll.
    pub contest: ContestId,
    /// 1 for the first count, then 2, 3, …
    pub attempt: u32,
    /// The papers counted.
    pub papers: Papers,
}

impl BoxCount {
    /// Attempt `attempt` at counting the box's papers of `contest`.
    #[must_use]
    pub fn new(ballot_box: BallotBoxId, contest: ContestId, attempt: u32, papers: Papers) -> Self {
        BoxCount {
            ballot_box,
            contest,
            attempt,
            papers,
        }
    }

    pub(crate) fn event(&self) -> log::Event {
        log::Event::BoxCounted(log::BoxCounted::new(
            self.ballot_box.to_string(),
            self.contest.to_string(),
            self.attempt,
            self.papers.get(),
        ))
    }
}

/// Doubtful papers found at a manual count, set aside for the returning
/// officer's decision (`papers_set_aside`, in the current run; PER r.47).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SetAside {
    /// The contest.
    pub contest: ContestId,
    /// Each paper's reference (opaque: never the ballot paper number) and
    /// why it was set aside.
    pub papers: Vec<(String, Option<String>)>,
    /// At a list contest, the counting area whose list papers these are
    /// (its current run).
    pub counting_area: Option<CountingAreaId>,
}

impl SetAside {
    /// No papers yet: add them with [`SetAside::paper`].
    #[must_use]
    pub fn new(contest: ContestId) -> SetAside {
        SetAside {
            contest,
            papers: Vec::new(),
            counting_area: None,
        }
    }

    /// A paper, by its reference, and why it is doubtful.
    #[must_use]
    pub fn paper(mut self, reference: impl Into<String>, reason: Option<&str>) -> SetAside {
        self.papers
            .push((reference.into(), reason.map(str::to_owned)));
        self
    }

    /// At a list contest: the counting area (constituency count) whose list papers these are,
    /// in the area's current run.
    #[must_use]
    pub fn in_area(mut self, counting_area: CountingAreaId) -> SetAside {
        self.counting_area = Some(counting_area);
        self
    }

    pub(crate) fn event(&self, run: u32) -> log::Event {
        log::Event::PapersSetAside(
            log::PapersSetAside::new(
                self.contest.to_string(),
                run,
                self.papers
                    .iter()
                    .map(|(paper, reason)| {
                        log::SetAsidePaper::new(paper.clone()).reason(reason.clone())
                    })
                    .collect(),
            )
            .counting_area(self.counting_area.as_ref().map(ToString::to_string)),
        )
    }
}

/// The returning officer's decision on a doubtful paper (PER r.47(1)–(2):
/// the decision is final, subject to review on an election petition).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decision {
    /// Valid: its votes go to these candidates (at a single transferable
    /// vote poll, its preferences in order, the first first).
    Valid(Vec<CandidateId>),
    /// Rejected under a head of the contest's ruleset, or
    /// [`RejectionHead::BreakdownNotGiven`] where its heads were not read
    /// (a list area's rejected papers as one figure: the entry then names
    /// no head, docs/count-log.md).
    Rejected(RejectionHead),
    /// Rejected in part: its counted votes go to these candidates.
    RejectedInPart(Vec<CandidateId>),
}

/// A doubtful paper set aside in the current run, decided
/// (`doubtful_paper_decided`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DoubtfulDecision {
    /// The contest.
    pub contest: ContestId,
    /// The paper's reference, as set aside.
    pub paper: String,
    /// The decision.
    pub decision: Decision,
    /// A counting agent objected to the rejection: the paper is endorsed
    /// "rejection objected to" (PER r.47(3)).
    pub rejection_objected: bool,
    /// At a list contest, the counting area whose list papers these are
    /// (its current run).
    pub counting_area: Option<CountingAreaId>,
}

impl DoubtfulDecision {
    /// The returning officer's decision on `paper`.
    #[must_use]
    pub fn new(contest: ContestId, paper: impl Into<String>, decision: Decision) -> Self {
        DoubtfulDecision {
            contest,
            paper: paper.into(),
            decision,
            rejection_objected: false,
            counting_area: None,
        }
    }

    /// Endorsed "rejection objected to".
    #[must_use]
    pub fn objected(mut self) -> Self {
        self.rejection_objected = true;
        self
    }

    /// At a list contest: the counting area (constituency count) whose list paper this is,
    /// in the area's current run.
    #[must_use]
    pub fn in_area(mut self, counting_area: CountingAreaId) -> Self {
        self.counting_area = Some(counting_area);
        self
    }

    pub(crate) fn event(&self, run: u32) -> log::Event {
        let ids = |v: &[CandidateId]| v.iter().map(ToString::to_string).collect();
        let (decision, votes, head) = match &self.decision {
            Decision::Valid(v) => ("valid", ids(v), None),
            // No head named: the rejected papers' one figure.
            Decision::Rejected(RejectionHead::BreakdownNotGiven) => ("rejected", Vec::new(), None),
            Decision::Rejected(h) => ("rejected", Vec::new(), Some(h.code().to_owned())),
            Decision::RejectedInPart(v) => ("rejected_in_part", ids(v), None),
        };
        log::Event::DoubtfulPaperDecided(
            log::DoubtfulPaperDecided::new(
                self.contest.to_string(),
                run,
                self.paper.clone(),
                decision.to_owned(),
            )
            .votes(votes)
            .head(head)
            .rejection_objected(self.rejection_objected)
            .counting_area(self.counting_area.as_ref().map(ToString::to_string)),
        )
    }
}

/// What an objection to a rejection is about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Objected {
    /// A doubtful paper of the current run, decided rejected (or rejected
    /// in part), by its reference.
    Paper(String),
    /// Papers rejected under a head in the current run (or in one batch of
    /// it).
    Head {
        /// The head.
        head: RejectionHead,
        /// How many of the papers under it.
        papers: Papers,
        /// The batch they were counted in; none for the run as a whole.
        batch: Option<BundleId>,
    },
}

/// A counting agent's objection to the rejection of ballot papers
/// (`rejection_objected`; PER r.47(3): the paper is marked "rejection
/// objected to").
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Objection {
    /// The contest.
    pub contest: ContestId,
    /// What is objected to.
    pub objected: Objected,
    /// The candidate for whom the objection is made.
    pub candidate: Option<CandidateId>,
    /// At a list contest, the counting area whose list papers these are
    /// (its current run).
    pub counting_area: Option<CountingAreaId>,
}

impl Objection {
    /// An objection.
    #[must_use]
    pub fn new(contest: ContestId, objected: Objected) -> Objection {
        Objection {
            contest,
            objected,
            candidate: None,
            counting_area: None,
        }
    }

    /// The candidate for whom it is made.
    #[must_use]
    pub fn for_candidate(mut self, candidate: CandidateId) -> Objection {
        self.candidate = Some(candidate);
        self
    }

    /// At a list contest: the counting area (constituency count) whose rejected list papers are objected to,
    /// in the area's current run.
    #[must_use]
    pub fn in_area(mut self, counting_area: CountingAreaId) -> Objection {
        self.counting_area = Some(counting_area);
        self
    }

    pub(crate) fn event(&self, run: u32) -> log::Event {
        let (paper, head, batch, papers) = match &self.objected {
            Objected::Paper(p) => (Some(p.clone()), None, None, None),
            Objected::Head {
                head,
                papers,
                batch,
            } => (
                None,
                Some(head.code().to_owned()),
                batch.as_ref().map(ToString::to_string),
                Some(papers.get()),
            ),
        };
        log::Event::RejectionObjected(
            log::RejectionObjected::new(self.contest.to_string(), run)
                .paper(paper)
                .head(head)
                .batch(batch)
                .papers(papers)
                .candidate(self.candidate.as_ref().map(ToString::to_string))
                .counting_area(self.counting_area.as_ref().map(ToString::to_string)),
        )
    }
}

/// An explanation recorded (`explanation_recorded`): of a ballot box's
/// variance at verification, or of the count's current run (e.g. papers
/// counted against papers verified) (PER r.45(4); the Electoral
/// Commission's discrepancy guidance).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Explanation {
    /// The contest.
    pub contest: ContestId,
    /// The box whose variance at verification it explains; none for the
    /// count's current run.
    pub ballot_box: Option<BallotBoxId>,
    /// The explanation.
    pub text: String,
    /// At a list contest, the counting area whose list papers these are
    /// (its current run).
    pub counting_area: Option<CountingAreaId>,
}

impl Explanation {
    /// An explanation of a box's variance at verification.
    #[must_use]
    pub fn of_box(contest: ContestId, ballot_box: BallotBoxId, text: impl Into<String>) -> Self {
        Explanation {
            contest,
            ballot_box: Some(ballot_box),
            text: text.into(),
            counting_area: None,
        }
    }

    /// An explanation of the count's current run.
    #[must_use]
    pub fn of_run(contest: ContestId, text: impl Into<String>) -> Explanation {
        Explanation {
            contest,
            ballot_box: None,
            text: text.into(),
            counting_area: None,
        }
    }

    /// At a list contest: the counting area (constituency count) whose run it explains (never with a ballot box: the box gives the area),
    /// in the area's current run.
    #[must_use]
    pub fn in_area(mut self, counting_area: CountingAreaId) -> Explanation {
        self.counting_area = Some(counting_area);
        self
    }

    pub(crate) fn event(&self, run: u32) -> log::Event {
        log::Event::ExplanationRecorded(
            log::ExplanationRecorded::new(self.contest.to_string(), self.text.clone())
                .run(self.ballot_box.is_none().then_some(run))
                .ballot_box(self.ballot_box.as_ref().map(ToString::to_string))
                .counting_area(self.counting_area.as_ref().map(ToString::to_string)),
        )
    }
}

/// The collating officer's decision on one counting area's local total.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AreaDecision {
    /// The contest.
    pub contest: ContestId,
    /// The counting area.
    pub counting_area: CountingAreaId,
}

impl AreaDecision {
    /// The decision on `counting_area`'s local total.
    #[must_use]
    pub fn new(contest: ContestId, counting_area: CountingAreaId) -> AreaDecision {
        AreaDecision {
            contest,
            counting_area,
        }
    }

    pub(crate) fn authorised(&self) -> log::Event {
        log::Event::LocalTotalAuthorised(log::LocalTotalAuthorised::new(
            self.contest.to_string(),
            self.counting_area.to_string(),
        ))
    }

    pub(crate) fn recount(&self) -> log::Event {
        log::Event::AreaRecountOrdered(log::AreaRecountOrdered::new(
            self.contest.to_string(),
            self.counting_area.to_string(),
        ))
    }
}
