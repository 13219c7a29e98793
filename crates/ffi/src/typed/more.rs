//! The rest of the typed commands from plain values: verification,
//! doubtful papers, objections, explanations, the collating officer's
//! decisions, single figures, postal openings, saved papers, papers with
//! marks other than crosses (and single transferable vote preference
//! papers), the supplementary vote's second count, and the definitions and
//! appointments recorded after the count has begun. Each value is checked
//! and every problem listed before the command is built; the count then
//! checks it as the replay checks the entry.

use countroom::adjudicate::{BallotPaper, SavingReason};
use countroom::count::authority::{Function, Role};
use countroom::live::{
    Account, AgentAppointment, Appointment, AreaDecision, BallotPapers, BoxCount, BoxReceipt,
    Command, Decision, Definition, DoubtfulDecision, Explanation, LocalSecondCount, Objected,
    Objection, PaperBatch, PapersMove, PersonId, PostalOpening, PostalRejection, PreferenceBatch,
    Saved, SecondPreferenceBundle, SetAside,
};
use countroom::model::{
    BallotBoxId, BundleId, CandidateId, CountingAreaId, Electorate, Papers, PollingPlaceId,
    PollingStationId, RegionId, TableId,
};

use super::Values;
use crate::api::Error;

/// One ballot paper of a batch held in memory, as plain values: its
/// reference (opaque, never the ballot paper number; none: its position
/// in the batch), the official mark, a mark identifying the voter, and its
/// marks, each (the candidate's 0-based position in ballot-paper order,
/// the mark in the ballot-paper CSV's notation `[COLUMN:]KIND[@PLACE]`:
/// `X`, `tick`, `other` or a figure such as `2`; `@box`, `@outside` or
/// `@straddle`; column `1:` or `2:`; several against one candidate joined
/// by `+`, docs/formats.md).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PaperValues<'a> {
    /// The paper's reference.
    pub reference: Option<&'a str>,
    /// The official mark is on it.
    pub official_mark: bool,
    /// Writing or a mark by which the voter can be identified.
    pub identifying_mark: bool,
    /// Its marks: (candidate position, mark).
    pub marks: Vec<(usize, &'a str)>,
}

impl<'a> PaperValues<'a> {
    /// A paper with the official mark, nothing identifying the voter, and
    /// `marks`.
    #[must_use]
    pub fn marked(marks: Vec<(usize, &'a str)>) -> Self {
        PaperValues {
            reference: None,
            official_mark: true,
            identifying_mark: false,
            marks,
        }
    }

    /// Its reference.
    #[must_use]
    pub fn reference(mut self, reference: &'a str) -> Self {
        self.reference = Some(reference);
        self
    }

    /// Whether the official mark is on it, and whether a mark identifies
    /// the voter.
    #[must_use]
    pub fn flags(mut self, official_mark: bool, identifying_mark: bool) -> Self {
        self.official_mark = official_mark;
        self.identifying_mark = identifying_mark;
        self
    }
}

impl Values {
    pub(super) fn opt<T>(
        &mut self,
        field: &str,
        value: Option<&str>,
        new: impl FnOnce(&str) -> Result<T, countroom::model::IdError>,
    ) -> Option<Option<T>> {
        match value {
            None => Some(None),
            Some(v) => self.id(field, v, new).map(Some),
        }
    }

    pub(super) fn ids<T>(
        &mut self,
        field: &str,
        values: &[&str],
        new: impl Fn(&str) -> Result<T, countroom::model::IdError>,
    ) -> Option<Vec<T>> {
        let ids: Vec<Option<T>> = values.iter().map(|v| self.id(field, v, &new)).collect();
        ids.into_iter().collect()
    }

    fn ballot_box(&mut self, field: &str, value: &str) -> Option<BallotBoxId> {
        self.id(field, value, BallotBoxId::new)
    }

    fn area(&mut self, value: &str) -> Option<CountingAreaId> {
        self.id("counting_area", value, CountingAreaId::new)
    }

    fn person(&mut self, value: &str) -> Option<PersonId> {
        match PersonId::new(value) {
            Ok(p) => Some(p),
            Err(e) => {
                self.problem("person", "bad_id", e.to_string());
                None
            }
        }
    }

    fn role(&mut self, code: &str) -> Option<Role> {
        let role = Role::from_code(code);
        if role.is_none() {
            self.problem(
                "role",
                "unknown_code",
                format!("{code:?} is not a role's code (e.g. returning_officer, deputy_returning_officer, count_supervisor, count_clerk, election_agent, counting_agent, observer)"),
            );
        }
        role
    }

    fn papers_held(&mut self, papers: &[PaperValues<'_>]) -> BallotPapers {
        let mut held = BallotPapers::new();
        for (i, p) in papers.iter().enumerate() {
            let mut marks = Vec::with_capacity(p.marks.len());
            let mut good = true;
            for &(candidate, tokens) in &p.marks {
                // Several marks against one candidate: `X+tick`, as in the CSV.
                for token in tokens.split('+') {
                    match countroom::io::papers::parse_mark(token.trim(), candidate) {
                        Ok(m) => marks.push(m),
                        Err(e) => {
                            good = false;
                            self.problem(
                                "papers.marks",
                                "bad_mark",
                                format!("paper {}: candidate {candidate}: {e}", i + 1),
                            );
                        }
                    }
                }
            }
            if !good {
                continue;
            }
            let paper = BallotPaper {
                official_mark: p.official_mark,
                identifying_mark: p.identifying_mark,
                marks,
            };
            let reference = match p.reference {
                Some(r) => r.to_owned(),
                None => (i + 1).to_string(),
            };
            if let Err(e) = held.paper(&reference, paper) {
                self.problem("papers", "papers", e.to_string());
            }
        }
        held
    }
}

fn file_of(file: Option<(&str, &str)>) -> Option<(String, String)> {
    file.map(|(n, s)| (n.to_owned(), s.to_owned()))
}

/// A ballot box received at the count, with its seal numbers as read
/// (`box_received`; PER r.45(1)).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] for an id that is not an identifier.
pub fn receive_box(ballot_box: &str, seals: &[&str]) -> Result<Command, Error> {
    let mut v = Values::default();
    let command = v
        .ballot_box("ballot_box", ballot_box)
        .map(|b| Command::ReceiveBox(seals.iter().fold(BoxReceipt::new(b), |r, s| r.seal(*s))));
    v.finish(command)
}

/// The figures of a presiding officer's ballot paper account
/// (`account_entered`; PER r.45(3)–(4)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct AccountFigures {
    /// Issued to voters: the papers expected in the box.
    pub issued: u64,
    /// Unused.
    pub unused: u64,
    /// Spoilt.
    pub spoilt: u64,
    /// Cancelled.
    pub cancelled: u64,
    /// Tendered.
    pub tendered: u64,
}

impl AccountFigures {
    /// The account's figures.
    #[must_use]
    pub fn new(issued: u64, unused: u64, spoilt: u64, cancelled: u64, tendered: u64) -> Self {
        AccountFigures {
            issued,
            unused,
            spoilt,
            cancelled,
            tendered,
        }
    }
}

/// A presiding officer's ballot paper account for one poll at one box,
/// with the serial ranges entrusted (first, last).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn account(
    ballot_box: &str,
    contest: &str,
    figures: AccountFigures,
    entrusted: &[(&str, &str)],
) -> Result<Command, Error> {
    let mut v = Values::default();
    let b = v.ballot_box("ballot_box", ballot_box);
    let c = v.contest(contest);
    let command = (|| {
        let mut a = Account::new(b?, c?, Papers::new(figures.issued))
            .unused(Papers::new(figures.unused))
            .spoilt(Papers::new(figures.spoilt))
            .cancelled(Papers::new(figures.cancelled))
            .tendered(Papers::new(figures.tendered));
        for &(first, last) in entrusted {
            a = a.entrusted(first, last);
        }
        Some(Command::EnterAccount(a))
    })();
    v.finish(command)
}

/// A box's papers of one poll counted at verification: `attempt` 1 for
/// the first count, then 2, 3, … (`box_counted`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn count_box(
    ballot_box: &str,
    contest: &str,
    attempt: u32,
    papers: u64,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let b = v.ballot_box("ballot_box", ballot_box);
    let c = v.contest(contest);
    let command = (|| {
        Some(Command::CountBox(BoxCount::new(
            b?,
            c?,
            attempt,
            Papers::new(papers),
        )))
    })();
    v.finish(command)
}

/// Verification of a poll completed (`verification_completed`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] for a contest id that is not an
/// identifier.
pub fn complete_verification(contest: &str) -> Result<Command, Error> {
    let mut v = Values::default();
    let command = v
        .contest(contest)
        .map(|contest| Command::CompleteVerification { contest });
    v.finish(command)
}

/// The ballot papers verified for a poll, as one figure
/// (`papers_verified`; entering it again replaces it).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] for a contest id that is not an
/// identifier.
pub fn verify_papers(contest: &str, papers: u64) -> Result<Command, Error> {
    let mut v = Values::default();
    let command = v.contest(contest).map(|contest| Command::VerifyPapers {
        contest,
        papers: Papers::new(papers),
    });
    v.finish(command)
}

/// Papers of `to_contest` found in `from_box` among `from_contest`'s
/// papers, moved to `to_box`'s account (`papers_moved`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn move_papers(
    from_box: &str,
    from_contest: &str,
    to_box: &str,
    to_contest: &str,
    papers: u64,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let fb = v.ballot_box("from_box", from_box);
    let fc = v.id(
        "from_contest",
        from_contest,
        countroom::model::ContestId::new,
    );
    let tb = v.ballot_box("to_box", to_box);
    let tc = v.id("to_contest", to_contest, countroom::model::ContestId::new);
    let command = (|| {
        Some(Command::MovePapers(PapersMove::new(
            fb?,
            fc?,
            tb?,
            tc?,
            Papers::new(papers),
        )))
    })();
    v.finish(command)
}

/// A postal opening session for one poll (`postal_opening_recorded`; RPR
/// 2001 regs 84–92): the papers placed in each postal ballot box, and the
/// statements rejected by the reason's code (RPR 2001 reg 87:
/// `signature_mismatch`, `date_of_birth_mismatch`, `signature_blank`,
/// `date_of_birth_blank`, `paper_without_statement`,
/// `statement_without_paper`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every value that does not read
/// (code `unknown_code` for a reason; `figure_out_of_range` for a reason's
/// statements past the largest count).
pub fn postal_opening(
    opening: &str,
    contest: &str,
    boxes: &[(&str, u64)],
    rejected: &[(&str, u64)],
) -> Result<Command, Error> {
    let mut v = Values::default();
    let c = v.contest(contest);
    let placed: Vec<Option<(BallotBoxId, u64)>> = boxes
        .iter()
        .map(|&(b, n)| v.ballot_box("boxes.ballot_box", b).map(|b| (b, n)))
        .collect();
    let reasons: Vec<Option<(PostalRejection, u64)>> = rejected
        .iter()
        .map(|&(code, n)| {
            let reason = match code {
                "signature_mismatch" => Some(PostalRejection::SignatureMismatch),
                "date_of_birth_mismatch" => Some(PostalRejection::DateOfBirthMismatch),
                "signature_blank" => Some(PostalRejection::SignatureBlank),
                "date_of_birth_blank" => Some(PostalRejection::DateOfBirthBlank),
                "paper_without_statement" => Some(PostalRejection::PaperWithoutStatement),
                "statement_without_paper" => Some(PostalRejection::StatementWithoutPaper),
                _ => None,
            };
            if reason.is_none() {
                v.problem(
                    "rejected.reason",
                    "unknown_code",
                    format!("{code:?} is not a reason a postal voting statement is rejected (signature_mismatch, date_of_birth_mismatch, signature_blank, date_of_birth_blank, paper_without_statement, statement_without_paper)"),
                );
            }
            reason.map(|r| (r, n))
        })
        .collect();
    let command = (|| {
        let mut o = PostalOpening::new(opening, c?);
        for p in placed {
            let (b, n) = p?;
            o = o.placed(b, Papers::new(n));
        }
        for r in reasons {
            let (reason, n) = r?;
            o = o.rejected(reason, n);
        }
        Some(Command::RecordPostalOpening(o))
    })();
    v.finish(command)
}

/// The tendered votes list of a box's poll: its number of entries
/// (`tendered_votes_listed`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn tendered_votes(ballot_box: &str, contest: &str, entries: u64) -> Result<Command, Error> {
    let mut v = Values::default();
    let b = v.ballot_box("ballot_box", ballot_box);
    let c = v.contest(contest);
    let command = (|| {
        Some(Command::ListTenderedVotes {
            ballot_box: b?,
            contest: c?,
            entries,
        })
    })();
    v.finish(command)
}

/// Doubtful papers set aside in the current run for the returning
/// officer: each (reference, why) (`papers_set_aside`; PER r.47).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] for a contest id that is not an
/// identifier.
pub fn set_aside(contest: &str, papers: &[(&str, Option<&str>)]) -> Result<Command, Error> {
    let mut v = Values::default();
    let command = v.contest(contest).map(|c| {
        Command::SetAside(
            papers
                .iter()
                .fold(SetAside::new(c), |s, &(p, why)| s.paper(p, why)),
        )
    });
    v.finish(command)
}

/// The returning officer's decision on a doubtful paper of the current run
/// (`doubtful_paper_decided`; PER r.47(1)–(2)): `decision` `valid` (its
/// votes, or at a single transferable vote poll its preferences in order,
/// in `votes`), `rejected` (under `head`, by its code) or
/// `rejected_in_part` (its counted votes in `votes`); `rejection_objected`
/// when a counting agent objected (PER r.47(3)).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every value that does not read
/// (a decision that is not one of the three, a rejection without its head,
/// a head with another decision).
pub fn decide_doubtful(
    contest: &str,
    paper: &str,
    decision: &str,
    votes: &[&str],
    head: Option<&str>,
    rejection_objected: bool,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let c = v.contest(contest);
    let votes = v.candidates("votes", votes);
    let d = match (decision, head) {
        ("valid", None) => votes.map(Decision::Valid),
        ("rejected_in_part", None) => votes.map(Decision::RejectedInPart),
        ("rejected", Some(h)) => v.head("head", h).map(Decision::Rejected),
        ("rejected", None) => {
            v.problem(
                "head",
                "missing",
                "a paper decided rejected names the head it is rejected under".to_owned(),
            );
            None
        }
        ("valid" | "rejected_in_part", Some(_)) => {
            v.problem(
                "head",
                "unexpected",
                format!("a paper decided {decision} is rejected under no head"),
            );
            None
        }
        _ => {
            v.problem(
                "decision",
                "unknown_code",
                format!("{decision:?} is not a decision (valid, rejected, rejected_in_part)"),
            );
            None
        }
    };
    let command = (|| {
        let mut d = DoubtfulDecision::new(c?, paper, d?);
        if rejection_objected {
            d = d.objected();
        }
        Some(Command::DecideDoubtful(d))
    })();
    v.finish(command)
}

/// A counting agent's objection to the rejection of a doubtful paper of
/// the current run, by its reference, on behalf of `candidate`
/// (`rejection_objected`; PER r.47(3)).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn object_to_paper(
    contest: &str,
    paper: &str,
    candidate: Option<&str>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let command = object(
        &mut v,
        contest,
        Some(Objected::Paper(paper.to_owned())),
        candidate,
    );
    v.finish(command)
}

/// A counting agent's objection to the rejection of `papers` papers under
/// `head` (its code) in the current run, or in its batch `batch`, on
/// behalf of `candidate`.
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every value that does not read.
pub fn object_to_head(
    contest: &str,
    head: &str,
    papers: u64,
    batch: Option<&str>,
    candidate: Option<&str>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let h = v.head("head", head);
    let b = v.opt("batch", batch, BundleId::new);
    let objected = (|| {
        Some(Objected::Head {
            head: h?,
            papers: Papers::new(papers),
            batch: b?,
        })
    })();
    let command = object(&mut v, contest, objected, candidate);
    v.finish(command)
}

fn object(
    v: &mut Values,
    contest: &str,
    objected: Option<Objected>,
    candidate: Option<&str>,
) -> Option<Command> {
    let c = v.contest(contest);
    let who = v.opt("candidate", candidate, CandidateId::new);
    let mut o = Objection::new(c?, objected?);
    if let Some(who) = who? {
        o = o.for_candidate(who);
    }
    Some(Command::ObjectToRejection(o))
}

/// An explanation recorded: of `ballot_box`'s variance at verification,
/// or (none) of the count's current run (`explanation_recorded`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn explain(contest: &str, ballot_box: Option<&str>, text: &str) -> Result<Command, Error> {
    let mut v = Values::default();
    let c = v.contest(contest);
    let b = v.opt("ballot_box", ballot_box, BallotBoxId::new);
    let command = (|| {
        Some(Command::Explain(match b? {
            Some(b) => Explanation::of_box(c?, b, text),
            None => Explanation::of_run(c?, text),
        }))
    })();
    v.finish(command)
}

/// The collating officer orders a re-count in one counting area
/// (`area_recount_ordered`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn order_area_recount(contest: &str, counting_area: &str) -> Result<Command, Error> {
    let mut v = Values::default();
    let c = v.contest(contest);
    let a = v.area(counting_area);
    let command = (|| Some(Command::OrderAreaRecount(AreaDecision::new(c?, a?))))();
    v.finish(command)
}

/// Valid papers of the current run counted only under the saving clause,
/// for one reason by its code (`outside_box`, `tick`, `figure`,
/// `more_than_one_mark`: `saved_counted`; PER r.47(2)).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every value that does not read.
pub fn saved(contest: &str, reason: &str, papers: u64) -> Result<Command, Error> {
    let mut v = Values::default();
    let c = v.contest(contest);
    let r = SavingReason::from_code(reason);
    if r.is_none() {
        v.problem(
            "reason",
            "unknown_code",
            format!("{reason:?} is not a reason of the saving clause (outside_box, tick, figure, more_than_one_mark)"),
        );
    }
    let command = (|| {
        Some(Command::Saved {
            contest: c?,
            saved: Saved::new(r?, Papers::new(papers)),
        })
    })();
    v.finish(command)
}

/// Papers of the current run rejected in part: the number endorsed
/// "rejected in part" (`rejected_in_part_counted`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] for a contest id that is not an
/// identifier.
pub fn rejected_in_part(contest: &str, papers: u64) -> Result<Command, Error> {
    let mut v = Values::default();
    let command = v.contest(contest).map(|contest| Command::RejectedInPart {
        contest,
        papers: Papers::new(papers),
    });
    v.finish(command)
}

/// A batch of ballot papers held in memory with any marks (ticks, marks
/// outside the box, other marks, papers without the official mark or with
/// an identifying mark), adjudicated under the contest's ruleset and
/// counted as one batch (`paper_batch_counted`): doubtful papers are set
/// aside for the returning officer, never decided here. `file`: the file
/// they came from and its SHA-256; none: tied to the papers by their
/// content hash.
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every value that does not read
/// (code `bad_mark` for a mark, `papers` for a reference or a position).
pub fn marked_batch(
    contest: &str,
    batch: &str,
    papers: &[PaperValues<'_>],
    file: Option<(&str, &str)>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let c = v.contest(contest);
    let id = v.id("batch", batch, BundleId::new);
    let held = v.papers_held(papers);
    let command = (|| {
        let mut b = PaperBatch::new(c?, id?, held);
        if let Some((name, sha)) = file_of(file) {
            b = b.from_file(name, sha);
        }
        Some(Command::PaperBatch(b))
    })();
    v.finish(command)
}

/// A single transferable vote batch of preference papers held in memory,
/// each marked with figures (`1`, `2`, …; other marks as
/// [`marked_batch`]), adjudicated under the contest's ruleset and counted
/// with their preferences: the entry `countroom tally-papers` makes from
/// the same papers in the preferential ballot-paper CSV.
///
/// # Errors
///
/// As [`marked_batch`].
pub fn preference_batch(
    contest: &str,
    batch: &str,
    papers: &[PaperValues<'_>],
    file: Option<(&str, &str)>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let c = v.contest(contest);
    let id = v.id("batch", batch, BundleId::new);
    let held = v.papers_held(papers);
    let command = (|| {
        let mut b = PreferenceBatch::new(c?, id?, held);
        if let Some((name, sha)) = file_of(file) {
            b = b.from_file(name, sha);
        }
        Some(Command::PreferenceBatch(b))
    })();
    v.finish(command)
}

/// The papers of a second-count bundle not counted for a remaining
/// candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct NotCounted {
    /// No second preference.
    pub unmarked: u64,
    /// A second preference for an eliminated candidate.
    pub for_eliminated: u64,
    /// A second preference void for uncertainty.
    pub void: u64,
}

impl NotCounted {
    /// The three figures.
    #[must_use]
    pub fn new(unmarked: u64, for_eliminated: u64, void: u64) -> Self {
        NotCounted {
            unmarked,
            for_eliminated,
            void,
        }
    }
}

/// A bundle of the supplementary vote's second count at one count
/// (`second_preferences_counted`; PCCEO 2012 Sch 3 r.60).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn second_preferences(
    contest: &str,
    bundle: &str,
    votes: &[(&str, u64)],
    not_counted: NotCounted,
    table: Option<&str>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let c = v.contest(contest);
    let id = v.id("bundle", bundle, BundleId::new);
    let votes = v.votes(votes);
    let t = v.opt("table", table, TableId::new);
    let command = (|| {
        let mut b = SecondPreferenceBundle::new(c?, id?).not_counted(
            Papers::new(not_counted.unmarked),
            Papers::new(not_counted.for_eliminated),
            Papers::new(not_counted.void),
        );
        for (cand, n) in votes? {
            b = b.votes(cand, n);
        }
        if let Some(t) = t? {
            b = b.table(t);
        }
        Some(Command::CountSecondPreferences(b))
    })();
    v.finish(command)
}

/// The second count of the current run completed
/// (`second_count_completed`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] for a contest id that is not an
/// identifier.
pub fn complete_second_count(contest: &str) -> Result<Command, Error> {
    let mut v = Values::default();
    let command = v
        .contest(contest)
        .map(|contest| Command::CompleteSecondCount { contest });
    v.finish(command)
}

/// The collating officer directs the second count: the candidates
/// remaining (`second_count_directed`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn direct_second_count(contest: &str, remaining: &[&str]) -> Result<Command, Error> {
    let mut v = Values::default();
    let c = v.contest(contest);
    let r = v.candidates("remaining", remaining);
    let command = (|| {
        Some(Command::DirectSecondCount {
            contest: c?,
            remaining: r?,
        })
    })();
    v.finish(command)
}

/// A counting area's second count reported to the collating officer
/// (`local_second_count_reported`; PCCEO 2012 Sch 3 r.60(5)).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn local_second_count(
    contest: &str,
    counting_area: &str,
    votes: &[(&str, u64)],
    rejected: u64,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let c = v.contest(contest);
    let a = v.area(counting_area);
    let votes = v.votes(votes);
    let command = (|| {
        let mut t = LocalSecondCount::new(c?, a?, Papers::new(rejected));
        for (cand, n) in votes? {
            t = t.votes(cand, n);
        }
        Some(Command::ReportLocalSecondCount(t))
    })();
    v.finish(command)
}

/// A counting area defined (`counting_area_defined`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn define_counting_area(
    id: &str,
    name: &str,
    region: Option<&str>,
    electorate: Option<u64>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let a = v.id("counting_area", id, CountingAreaId::new);
    let r = v.opt("region", region, RegionId::new);
    let command = (|| {
        Some(Command::Define(Definition::CountingArea {
            id: a?,
            name: name.to_owned(),
            region: r?,
            electorate: electorate.map(Electorate::new),
        }))
    })();
    v.finish(command)
}

/// A region defined (`region_defined`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] for an id that is not an identifier.
pub fn define_region(id: &str, name: &str) -> Result<Command, Error> {
    let mut v = Values::default();
    let command = v.id("region", id, RegionId::new).map(|id| {
        Command::Define(Definition::Region {
            id,
            name: name.to_owned(),
        })
    });
    v.finish(command)
}

/// A polling place defined, in `counting_area` at a poll of several
/// (`polling_place_defined`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn define_polling_place(
    id: &str,
    name: &str,
    counting_area: Option<&str>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let p = v.id("polling_place", id, PollingPlaceId::new);
    let a = v.opt("counting_area", counting_area, CountingAreaId::new);
    let command = (|| {
        Some(Command::Define(Definition::PollingPlace {
            id: p?,
            name: name.to_owned(),
            counting_area: a?,
        }))
    })();
    v.finish(command)
}

/// A polling station defined in a polling place
/// (`polling_station_defined`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn define_polling_station(id: &str, polling_place: &str, name: &str) -> Result<Command, Error> {
    let mut v = Values::default();
    let s = v.id("polling_station", id, PollingStationId::new);
    let p = v.id("polling_place", polling_place, PollingPlaceId::new);
    let command = (|| {
        Some(Command::Define(Definition::PollingStation {
            id: s?,
            polling_place: p?,
            name: name.to_owned(),
        }))
    })();
    v.finish(command)
}

/// A ballot box defined: a polling station's, or (none) a postal ballot
/// box, holding the papers of `contests` (`ballot_box_defined`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn define_ballot_box(
    id: &str,
    polling_station: Option<&str>,
    contests: &[&str],
) -> Result<Command, Error> {
    let mut v = Values::default();
    let b = v.ballot_box("ballot_box", id);
    let s = v.opt("polling_station", polling_station, PollingStationId::new);
    let c = v.ids("contests", contests, countroom::model::ContestId::new);
    let command = (|| {
        Some(Command::Define(Definition::BallotBox {
            id: b?,
            polling_station: s?,
            contests: c?,
        }))
    })();
    v.finish(command)
}

/// What an officer's appointment is limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct AppointmentScope<'a> {
    /// A deputy's functions, by code (empty: all).
    pub functions: &'a [&'a str],
    /// The contests (empty: all).
    pub contests: &'a [&'a str],
    /// The counting area whose local returning officer this is.
    pub counting_area: Option<&'a str>,
    /// The Ed25519 public key they sign checkpoints with (64 lower-case
    /// hex digits).
    pub public_key: Option<&'a str>,
}

impl<'a> AppointmentScope<'a> {
    /// Every contest, every function, no key.
    #[must_use]
    pub fn all() -> Self {
        AppointmentScope::default()
    }

    /// A deputy's functions.
    #[must_use]
    pub fn functions(mut self, functions: &'a [&'a str]) -> Self {
        self.functions = functions;
        self
    }

    /// The contests.
    #[must_use]
    pub fn contests(mut self, contests: &'a [&'a str]) -> Self {
        self.contests = contests;
        self
    }

    /// The counting area.
    #[must_use]
    pub fn counting_area(mut self, area: &'a str) -> Self {
        self.counting_area = Some(area);
        self
    }

    /// The public key.
    #[must_use]
    pub fn public_key(mut self, hex: &'a str) -> Self {
        self.public_key = Some(hex);
        self
    }
}

/// An officer appointed (`officer_appointed`): `role` by its code. The
/// Returning Officer, an acting returning officer and a collating officer
/// (or a local returning officer) record their own appointment: `by` may
/// then be the person appointed.
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every value that does not read.
pub fn appoint(
    person: &str,
    name: &str,
    role: &str,
    scope: AppointmentScope<'_>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let p = v.person(person);
    let r = v.role(role);
    let functions: Vec<Option<Function>> = scope
        .functions
        .iter()
        .map(|code| {
            let f = Function::from_code(code);
            if f.is_none() {
                v.problem(
                    "functions",
                    "unknown_code",
                    format!(
                        "{code:?} is not a function's code (docs/count-log.md, officer_appointed)"
                    ),
                );
            }
            f
        })
        .collect();
    let contests = v.ids("contests", scope.contests, countroom::model::ContestId::new);
    let area = v.opt("counting_area", scope.counting_area, CountingAreaId::new);
    let command = (|| {
        let mut a = Appointment::new(p?, name, r?);
        for f in functions {
            a = a.function(f?);
        }
        for c in contests? {
            a = a.for_contest(c);
        }
        if let Some(area) = area? {
            a = a.counting_area(area);
        }
        if let Some(key) = scope.public_key {
            a = a.public_key(key);
        }
        Some(Command::Appoint(a))
    })();
    v.finish(command)
}

/// A candidate, an agent or an observer appointed (`agent_appointed`):
/// `role` by its code (`candidate`, `election_agent`, `counting_agent`,
/// `observer`); a candidate or an agent names the contest and the
/// candidate.
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every value that does not read
/// (a candidate or agent without the contest and candidate: code
/// `missing`).
pub fn appoint_agent(
    person: &str,
    name: &str,
    role: &str,
    contest: Option<&str>,
    candidate: Option<&str>,
    public_key: Option<&str>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let p = v.person(person);
    let r = v.role(role);
    let c = v.opt("contest", contest, countroom::model::ContestId::new);
    let who = v.opt("candidate", candidate, CandidateId::new);
    let command = (|| {
        let mut a = match (c?, who?) {
            (Some(c), Some(who)) => AgentAppointment::for_candidate(p?, name, r?, c, who),
            (None, None) if r? == Role::Observer => AgentAppointment::observer(p?, name),
            _ => return None,
        };
        if let Some(key) = public_key {
            a = a.public_key(key);
        }
        Some(Command::AppointAgent(a))
    })();
    if command.is_none() && v.problems.is_empty() {
        v.problem(
            "contest",
            "missing",
            "a candidate or an agent is appointed for a contest and a candidate, an observer for neither".to_owned(),
        );
    }
    v.finish(command)
}
