//! The other documents as domain values: the statement of rejected ballot
//! papers, the reconciliation, turnout, deposits, lots and re-counts of a
//! contest, read at the edge from the wire report
//! (`countroom_count::ContestReport`) as [`crate::ResultSheet`] is: ids
//! validated, figures as checked counts, codes as enums with `Display` in
//! the documents' wording. The wire report, and every rendered byte, is
//! unchanged.

use std::fmt;

use countroom_adjudicate::SavingReason;
use countroom_count::{ContestReport, Report};
use countroom_model::{
    BallotBoxId, CandidateId, ContestId, Electorate, Papers, PollingPlaceId, Votes,
};
use countroom_rules::{LotPurpose, RejectionHead};
use countroom_verify::BoxStatus;

use crate::documents::DocumentError;

/// A contest's statements besides its result sheet, each present when the
/// wire report has it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Statements {
    /// The contest.
    pub contest: ContestId,
    /// The statement of rejected ballot papers.
    pub rejected: Option<RejectedPapers>,
    /// Papers counted against papers verified, and votes against papers.
    pub reconciliation: Option<Reconciliation>,
    /// Turnout.
    pub turnout: Option<Turnout>,
    /// Candidates' deposits, where the poll has them.
    pub deposits: Option<Deposits>,
    /// The lots drawn in the run shown.
    pub lots: Vec<Lot>,
    /// Every re-count asked for, and its decision.
    pub recounts: Vec<Recount>,
    /// The verification statement, when verification is recorded in the
    /// log.
    pub verification: Option<Verification>,
}

/// One ballot box on the verification statement.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifiedBox {
    /// The box.
    pub ballot_box: BallotBoxId,
    /// A postal ballot box (else a polling station's).
    pub postal: bool,
    /// The polling place of a polling station's box.
    pub polling_place: Option<PollingPlaceId>,
    /// The papers expected (the ballot paper account, with papers moved).
    pub expected: Option<Papers>,
    /// Each count of the box's papers, in order.
    pub counts: Vec<Papers>,
    /// The figure verified.
    pub verified: Option<Papers>,
    /// Verified − expected.
    pub variance: Option<i128>,
    /// Whether the box is accepted, and why ([`BoxStatus::describe`] is the
    /// statement's wording).
    pub status: BoxStatus,
    /// The explanations recorded for the box.
    pub explanations: Vec<String>,
}

/// The verification statement of a poll (PER r.45(3)–(4): the papers of
/// each box verified against its ballot paper account).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verification {
    /// Whether verification of the poll is completed.
    pub completed: bool,
    /// Who completed it.
    pub completed_by: Option<String>,
    /// Each box.
    pub boxes: Vec<VerifiedBox>,
    /// Polling-station papers verified.
    pub polling_station_papers: Papers,
    /// Postal papers verified.
    pub postal_papers: Papers,
    /// All papers verified.
    pub total_verified: Papers,
    /// The boxes accepted.
    pub boxes_accepted: usize,
    /// Figures that do not add up, in words (data, not errors).
    pub problems: Vec<String>,
}

/// One head of the statement of rejected ballot papers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RejectedHead {
    /// The head.
    pub head: RejectionHead,
    /// Its paragraph letter in the ruleset's rule (`a`, `b`, …; empty for
    /// [`RejectionHead::BreakdownNotGiven`]).
    pub letter: String,
    /// Its statutory wording ("want of an official mark").
    pub wording: String,
    /// The papers rejected under it.
    pub papers: Papers,
}

impl fmt::Display for RejectedHead {
    /// As on the statement: `(a) want of an official mark`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.letter.is_empty() {
            f.write_str(&self.wording)
        } else {
            write!(f, "({}) {}", self.letter, self.wording)
        }
    }
}

/// The statement of rejected ballot papers (e.g. PER r.47(4) as applied;
/// the ruleset's citation names the rule).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RejectedPapers {
    /// Where it is prescribed.
    pub citation: String,
    /// Each head, in statutory order.
    pub heads: Vec<RejectedHead>,
    /// All rejected papers.
    pub total: Papers,
    /// Papers rejected in part (counted among the valid papers), where the
    /// rules provide for it.
    pub rejected_in_part: Option<Papers>,
    /// Rejected papers endorsed "rejection objected to".
    pub rejection_objected: Papers,
    /// Valid papers valid only under the saving clause, by reason (every
    /// reason, in the fixed order), where recorded.
    pub saved: Vec<(SavingReason, Papers)>,
    /// The blank votes on valid papers at a multi-member poll (not a
    /// rejection).
    pub unused_votes: Option<Votes>,
}

/// Papers counted against papers verified; votes against papers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reconciliation {
    /// Valid papers.
    pub valid_papers: Papers,
    /// Rejected papers.
    pub rejected_papers: Papers,
    /// Valid and rejected.
    pub papers_counted: Papers,
    /// Papers verified, if entered.
    pub papers_verified: Option<Papers>,
    /// Counted − verified, if verified was entered.
    pub variance: Option<i128>,
    /// The explanations recorded for the run.
    pub explanations: Vec<String>,
    /// All candidates' votes.
    pub total_votes: Votes,
    /// Seats × valid papers: the most votes the valid papers can carry.
    pub max_votes: Votes,
    /// Votes the valid papers could have carried but did not (multi-seat).
    pub unused_votes: Option<Votes>,
}

/// A percentage to two decimal places, held exactly in hundredths of a
/// percent (no floating point): `7728` is 77.28%.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percentage(u32);

impl Percentage {
    /// Hundredths of a percent.
    #[must_use]
    pub fn hundredths(self) -> u32 {
        self.0
    }

    /// `NN.NN` (digits, a point, exactly two digits), as the wire report
    /// writes it.
    pub(crate) fn parse(text: &str) -> Option<Percentage> {
        let (whole, frac) = text.split_once('.')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || frac.len() != 2 || !digits(frac) {
            return None;
        }
        let whole: u32 = whole.parse().ok()?;
        let frac: u32 = frac.parse().ok()?;
        whole.checked_mul(100)?.checked_add(frac).map(Percentage)
    }
}

impl fmt::Display for Percentage {
    /// `77.28`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// Turnout, each figure rounded half up to two decimal places from exact
/// integers (none when the electorate is 0 or smaller than the papers).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Turnout {
    /// Electors.
    pub electorate: Electorate,
    /// (Valid + rejected papers) / electorate.
    pub ballot_box: Option<Percentage>,
    /// Valid papers / electorate.
    pub valid_vote: Option<Percentage>,
}

/// Candidates' deposits (e.g. RPA 1983 Sch 1 r.53: forfeited by a
/// candidate not elected polling not more than one-twentieth of the votes).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Deposits {
    /// The deposit, in whole pounds.
    pub pounds: u32,
    /// The rule in words.
    pub rule: String,
    /// Where it is.
    pub citation: String,
    /// The votes against which it is measured.
    pub total_votes: Votes,
    /// A candidate not elected with this many votes or fewer forfeits it.
    pub forfeited_at_or_below: Votes,
    /// Each candidate, and whether their deposit is forfeited.
    pub candidates: Vec<(CandidateId, bool)>,
}

/// A lot drawn (the law gives it to the Returning Officer: countroom never
/// draws one).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Lot {
    /// What it decided.
    pub purpose: LotPurpose,
    /// The candidates with equal votes.
    pub tied: Vec<CandidateId>,
    /// Those on whom it fell, in the order drawn.
    pub winners: Vec<CandidateId>,
    /// How it was drawn.
    pub method: String,
    /// Who drew it.
    pub by: String,
    /// The statement for the notice of result.
    pub statement: String,
}

/// The Returning Officer's decision on a request for a re-count (PER
/// r.46(1)–(3)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecountDecision {
    /// Granted: a new run.
    Granted,
    /// Refused as unreasonable.
    Refused,
    /// Not yet decided.
    Pending,
}

impl fmt::Display for RecountDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RecountDecision::Granted => "re-count granted",
            RecountDecision::Refused => "re-count refused",
            RecountDecision::Pending => "not yet decided",
        })
    }
}

/// A re-count asked for, and its decision.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Recount {
    /// The run whose re-count was asked for.
    pub run: u32,
    /// Who asked (as recorded).
    pub requested_by: String,
    /// For which candidate.
    pub candidate: Option<CandidateId>,
    /// The reason given.
    pub reason: Option<String>,
    /// The decision.
    pub decision: RecountDecision,
    /// Who decided.
    pub decided_by: Option<String>,
    /// The reason for the decision.
    pub decision_reason: Option<String>,
}

struct Reader<'a> {
    contest: &'a str,
}

impl Reader<'_> {
    fn error(&self, field: &'static str, value: &str, expected: &'static str) -> DocumentError {
        DocumentError {
            contest: self.contest.to_owned(),
            field,
            value: value.to_owned(),
            expected,
        }
    }

    fn candidate(&self, field: &'static str, value: &str) -> Result<CandidateId, DocumentError> {
        CandidateId::new(value).map_err(|_| self.error(field, value, "a candidate's id"))
    }

    fn candidates(
        &self,
        field: &'static str,
        values: &[String],
    ) -> Result<Vec<CandidateId>, DocumentError> {
        values.iter().map(|v| self.candidate(field, v)).collect()
    }

    fn percentage(
        &self,
        field: &'static str,
        value: Option<&str>,
    ) -> Result<Option<Percentage>, DocumentError> {
        value
            .map(|v| {
                Percentage::parse(v).ok_or_else(|| self.error(field, v, "a percentage (NN.NN)"))
            })
            .transpose()
    }
}

impl Statements {
    /// The statements of one contest's wire report.
    ///
    /// ```
    /// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/two-seat-tie.jsonl"))?;
    /// let count = countroom_live::Count::open(&log)?;
    /// let s = countroom_live::Statements::from_report(&count.documents().contests[0])?;
    /// assert_eq!(s.turnout.unwrap().ballot_box.unwrap().to_string(), "77.28");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`DocumentError`] naming the field when a value of the report
    /// does not read as its domain type.
    pub fn from_report(report: &ContestReport) -> Result<Statements, DocumentError> {
        let id = report.contest.id.as_str();
        let r = Reader { contest: id };
        let contest =
            ContestId::new(id).map_err(|_| r.error("contest.id", id, "a contest's id"))?;
        let rejected = report
            .rejected
            .as_ref()
            .map(|s| {
                let heads = s
                    .heads
                    .iter()
                    .map(|h| {
                        Ok(RejectedHead {
                            head: RejectionHead::from_code(h.code).ok_or_else(|| {
                                r.error("rejected.heads[].code", h.code, "a rejection head")
                            })?,
                            letter: h.letter.to_owned(),
                            wording: h.label.to_owned(),
                            papers: Papers::new(h.papers),
                        })
                    })
                    .collect::<Result<Vec<_>, DocumentError>>()?;
                let saved = s
                    .saving_clause
                    .as_ref()
                    .map(|c| {
                        c.reasons
                            .iter()
                            .map(|l| {
                                Ok((
                                    SavingReason::from_code(l.code).ok_or_else(|| {
                                        r.error(
                                            "rejected.saving_clause.reasons[].code",
                                            l.code,
                                            "a saving-clause reason",
                                        )
                                    })?,
                                    Papers::new(l.papers),
                                ))
                            })
                            .collect::<Result<Vec<_>, DocumentError>>()
                    })
                    .transpose()?
                    .unwrap_or_default();
                Ok(RejectedPapers {
                    citation: s.citation.to_owned(),
                    heads,
                    total: Papers::new(s.total),
                    rejected_in_part: s.rejected_in_part.map(Papers::new),
                    rejection_objected: Papers::new(s.rejection_objected),
                    saved,
                    unused_votes: s.unused_votes.map(Votes::new),
                })
            })
            .transpose()?;
        let reconciliation = report.reconciliation.as_ref().map(|x| Reconciliation {
            valid_papers: Papers::new(x.valid_papers),
            rejected_papers: Papers::new(x.rejected_papers),
            papers_counted: Papers::new(x.papers_counted),
            papers_verified: x.papers_verified.map(Papers::new),
            variance: x.variance,
            explanations: x.explanations.clone(),
            total_votes: Votes::new(x.total_votes),
            max_votes: Votes::new(x.max_votes),
            unused_votes: x.unused_votes.map(Votes::new),
        });
        let turnout = report
            .turnout
            .as_ref()
            .map(|t| {
                Ok(Turnout {
                    electorate: Electorate::new(t.electorate),
                    ballot_box: r.percentage("turnout.ballot_box", t.ballot_box.as_deref())?,
                    valid_vote: r.percentage("turnout.valid_vote", t.valid_vote.as_deref())?,
                })
            })
            .transpose()?;
        let deposits = report
            .deposits
            .as_ref()
            .map(|d| {
                Ok(Deposits {
                    pounds: d.pounds,
                    rule: d.rule.clone(),
                    citation: d.citation.to_owned(),
                    total_votes: Votes::new(d.total_votes),
                    forfeited_at_or_below: Votes::new(d.forfeited_at_or_below),
                    candidates: d
                        .candidates
                        .iter()
                        .map(|(c, f)| Ok((r.candidate("deposits.candidates[]", c)?, *f)))
                        .collect::<Result<Vec<_>, DocumentError>>()?,
                })
            })
            .transpose()?;
        let lots = report
            .lots
            .iter()
            .map(|l| {
                Ok(Lot {
                    purpose: LotPurpose::parse(l.purpose)
                        .ok_or_else(|| r.error("lots[].purpose", l.purpose, "a lot's purpose"))?,
                    tied: r.candidates("lots[].tied", &l.tied)?,
                    winners: r.candidates("lots[].winners", &l.winners)?,
                    method: l.method.clone(),
                    by: l.by.clone(),
                    statement: l.statement.clone(),
                })
            })
            .collect::<Result<Vec<_>, DocumentError>>()?;
        let recounts = report
            .recounts
            .iter()
            .map(|x| {
                Ok(Recount {
                    run: x.run,
                    requested_by: x.requested_by.clone(),
                    candidate: x
                        .candidate
                        .as_deref()
                        .map(|c| r.candidate("recounts[].candidate", c))
                        .transpose()?,
                    reason: x.reason.clone(),
                    decision: match x.decision {
                        "granted" => RecountDecision::Granted,
                        "refused" => RecountDecision::Refused,
                        "pending" => RecountDecision::Pending,
                        other => {
                            return Err(r.error(
                                "recounts[].decision",
                                other,
                                "granted, refused or pending",
                            ))
                        }
                    },
                    decided_by: x.decided_by.clone(),
                    decision_reason: x.decision_reason.clone(),
                })
            })
            .collect::<Result<Vec<_>, DocumentError>>()?;
        let verification = report
            .verification
            .as_ref()
            .map(|v| {
                let boxes = v
                    .boxes
                    .iter()
                    .map(|b| {
                        let status = match b.status {
                            "awaiting_count" => BoxStatus::AwaitingCount,
                            "matched" => BoxStatus::Matched,
                            "compensating_error" => BoxStatus::CompensatingError,
                            "consistent_recount" => BoxStatus::ConsistentRecount,
                            "counted" => BoxStatus::Counted,
                            "unresolved" => BoxStatus::Unresolved(
                                b.status_text
                                    .strip_prefix("unresolved: ")
                                    .unwrap_or(&b.status_text)
                                    .to_owned(),
                            ),
                            other => {
                                return Err(r.error(
                                    "verification.boxes[].status",
                                    other,
                                    "a box's status",
                                ))
                            }
                        };
                        Ok(VerifiedBox {
                            ballot_box: BallotBoxId::new(&b.ballot_box).map_err(|_| {
                                r.error(
                                    "verification.boxes[].ballot_box",
                                    &b.ballot_box,
                                    "a ballot box's id",
                                )
                            })?,
                            postal: b.kind == "postal",
                            polling_place: b
                                .polling_place
                                .as_deref()
                                .map(|p| {
                                    PollingPlaceId::new(p).map_err(|_| {
                                        r.error(
                                            "verification.boxes[].polling_place",
                                            p,
                                            "a polling place's id",
                                        )
                                    })
                                })
                                .transpose()?,
                            expected: b.expected.map(Papers::new),
                            counts: b.counts.iter().copied().map(Papers::new).collect(),
                            verified: b.verified.map(Papers::new),
                            variance: b.variance,
                            status,
                            explanations: b.explanations.clone(),
                        })
                    })
                    .collect::<Result<Vec<_>, DocumentError>>()?;
                Ok(Verification {
                    completed: v.status == "completed",
                    completed_by: v.completed_by.clone(),
                    boxes,
                    polling_station_papers: Papers::new(v.polling_station_papers),
                    postal_papers: Papers::new(v.postal_papers),
                    total_verified: Papers::new(v.total_verified),
                    boxes_accepted: v.boxes_accepted,
                    problems: v.problems.clone(),
                })
            })
            .transpose()?;
        Ok(Statements {
            verification,
            contest,
            rejected,
            reconciliation,
            turnout,
            deposits,
            lots,
            recounts,
        })
    }

    /// The statements of every contest of a wire report, in its order.
    ///
    /// # Errors
    ///
    /// The first [`DocumentError`].
    pub fn all(report: &Report) -> Result<Vec<Statements>, DocumentError> {
        report
            .contests
            .iter()
            .map(Statements::from_report)
            .collect()
    }
}
