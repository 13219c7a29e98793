//! The documents of a count, projected from its state.
//!
//! These types are output only: they implement `Serialize` (their JSON is
//! the `--format json` document, pinned by golden tests) and never
//! `Deserialize`. Inputs go through the log format.

use countroom_arith::{Percentage, Rounding};
use countroom_log::LotMethod;
use countroom_model::{CandidateIdx, VacancyKind};
use countroom_rules::RejectionHead;
use countroom_tally::fptp;
use serde::Serialize;
use time::Date;

use crate::wire_time::EntryTime;

use crate::authority::Role;
use crate::state::{to_idx, ContestCount, CountState, LotPurpose, Run, RunOrigin, RunOutcome};

/// The `schema` of a report.
pub const REPORT_SCHEMA: &str = "countroom-report";
/// The report format version.
pub const REPORT_VERSION: u32 = 1;

/// The rounding rule for every percentage in a report: half up to two
/// places, computed once from exact integers (the Electoral Commission's
/// published files follow it; see `countroom_arith::Rounding::HalfUp`).
pub const PERCENT_ROUNDING: Rounding = Rounding::HalfUp;

/// Every contest's documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// Always [`REPORT_SCHEMA`].
    pub schema: &'static str,
    /// [`REPORT_VERSION`].
    pub version: u32,
    /// One per contest, in the order defined in the log.
    pub contests: Vec<ContestReport>,
    /// One per list-system contest (`list_contest_defined`), in the order
    /// defined; left out of the JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub list_contests: Vec<crate::ListContestReport>,
    /// Every ballot box, box by box, for count-centre screens.
    pub boxes: Vec<BoxProgress>,
    /// What the log proves about itself (when the report was made from a
    /// log file): its chain head, whether it is tamper-evident, and the
    /// countroom version that made the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<crate::Evidence>,
}

impl Report {
    /// The documents of `contests` ([`REPORT_SCHEMA`], [`REPORT_VERSION`]),
    /// with no list contests, boxes or evidence (add them with the
    /// builders).
    #[must_use]
    pub fn new(contests: Vec<ContestReport>) -> Report {
        Report {
            schema: REPORT_SCHEMA,
            version: REPORT_VERSION,
            contests,
            list_contests: Vec::new(),
            boxes: Vec::new(),
            evidence: None,
        }
    }

    /// The list-system contests' documents.
    #[must_use]
    pub fn list_contests(mut self, list_contests: Vec<crate::ListContestReport>) -> Report {
        self.list_contests = list_contests;
        self
    }

    /// Every ballot box's progress.
    #[must_use]
    pub fn boxes(mut self, boxes: Vec<BoxProgress>) -> Report {
        self.boxes = boxes;
        self
    }

    /// What the log proves about itself.
    #[must_use]
    pub fn evidence(mut self, evidence: Option<crate::Evidence>) -> Report {
        self.evidence = evidence;
        self
    }
}

/// One ballot box's progress through receipt and verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BoxProgress {
    /// The box.
    pub ballot_box: String,
    /// `polling_station` or `postal`.
    pub kind: &'static str,
    /// The polling station.
    pub polling_station: Option<String>,
    /// Received at the count.
    pub received: bool,
    /// Seals read on arrival.
    pub seals: Vec<String>,
    /// Each poll the box holds, with its verification status.
    pub polls: Vec<BoxPollProgress>,
}

/// A box's status for one poll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BoxPollProgress {
    /// The contest.
    pub contest: String,
    /// Whether its ballot paper account is entered.
    pub account_entered: bool,
    /// Counts made.
    pub counts: usize,
    /// Papers verified so far.
    pub verified: Option<u64>,
    /// Status code (see the verification statement).
    pub status: &'static str,
    /// Status in words.
    pub status_text: String,
}

/// Where a contest's count stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// No more candidates than seats: no poll is taken, and the candidates
    /// are to be declared elected; the declaration is not yet recorded.
    Uncontested,
    /// No more candidates than seats: the returning officer has declared
    /// the candidates elected without a poll (`result_declared` with run 0).
    UncontestedDeclared,
    /// Ballot papers are being counted.
    Counting,
    /// A re-count has been requested and awaits the decision.
    RecountRequested,
    /// The counting is completed and an equality of votes awaits a lot.
    LotRequired,
    /// Supplementary vote: no candidate has more than half the first
    /// preferences; the second preferences on the eliminated candidates'
    /// papers are being counted.
    SecondCountRequired,
    /// The counting is completed and the result can be declared.
    ReadyToDeclare,
    /// The result is declared.
    Declared,
}

impl Status {
    /// The stable code, as in the JSON report (`lot_required`, …).
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Status::Uncontested => "uncontested",
            Status::UncontestedDeclared => "uncontested_declared",
            Status::Counting => "counting",
            Status::RecountRequested => "recount_requested",
            Status::LotRequired => "lot_required",
            Status::SecondCountRequired => "second_count_required",
            Status::ReadyToDeclare => "ready_to_declare",
            Status::Declared => "declared",
        }
    }

    /// A short phrase for display.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Status::Uncontested => "uncontested: no poll; not yet declared",
            Status::UncontestedDeclared => "uncontested: declared elected without a poll",
            Status::Counting => "counting in progress",
            Status::RecountRequested => "re-count requested, awaiting decision",
            Status::LotRequired => "equality of votes: lots to be drawn",
            Status::SecondCountRequired => {
                "no majority of first preferences: second preferences being counted"
            }
            Status::ReadyToDeclare => "count completed, ready to declare",
            Status::Declared => "result declared",
        }
    }
}

impl std::fmt::Display for Status {
    /// [`Status::describe`]: "count completed, ready to declare".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}

/// The documents of one contest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ContestReport {
    /// What the contest is.
    pub contest: ContestInfo,
    /// What the log the report was made from proves about itself (set when
    /// the report is made from a log file; the renderers state it on every
    /// document). In a whole report's JSON it is given once, at the top.
    #[serde(skip)]
    pub evidence: Option<crate::Evidence>,
    /// Where its count stands.
    pub status: Status,
    /// The run these figures are from (the declared run, else the current
    /// one); none when uncontested.
    pub run: Option<u32>,
    /// Every candidate on the ballot paper, in ballot-paper order.
    pub candidates: Vec<CandidateResult>,
    /// The candidates elected, most votes first, with their seats (empty
    /// until the outcome is known).
    pub elected: Vec<ElectedLine>,
    /// Seats left unfilled (uncontested elections with too few candidates).
    pub unfilled_seats: usize,
    /// The lot the count is waiting for, if any.
    pub lot_required: Option<LotRequired>,
    /// First's votes minus second's, at a single-seat poll once counted.
    pub majority: Option<u64>,
    /// The statement of rejected ballot papers.
    pub rejected: Option<RejectedStatement>,
    /// Papers counted against papers verified, and votes against papers.
    pub reconciliation: Option<Reconciliation>,
    /// Turnout.
    pub turnout: Option<Turnout>,
    /// Supplementary vote: the statements of the first and second counts.
    pub supplementary_vote: Option<SvStatement>,
    /// Referendum: the answer with more votes, or a tie.
    pub referendum: Option<ReferendumResult>,
    /// Candidates' deposits, where the poll has them.
    pub deposits: Option<Deposits>,
    /// A poll counted in counting areas: the local totals, their checks and
    /// the regional sums.
    pub collation: Option<CollationStatement>,
    /// Statements of lots drawn in the run shown.
    pub lots: Vec<LotStatement>,
    /// Every re-count request and its decision.
    pub recounts: Vec<RecountLine>,
    /// Every run, with its figures (earlier runs stay in the record).
    pub runs: Vec<RunSummary>,
    /// The declaration, once made.
    pub declaration: Option<DeclarationLine>,
    /// The verification statement, when verification is recorded in the
    /// log.
    pub verification: Option<countroom_verify::VerificationStatement>,
    /// Figures that cannot be worked out exactly (a sum past the largest
    /// count, `u64::MAX`), each naming the figures: the document that
    /// would hold one is left out, never shown with a clamped figure.
    /// Replay refuses the entry that would cause one, so a report of a
    /// replayed log has none (left out of the JSON when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub arithmetic_problems: Vec<String>,
    /// Single transferable vote: the count of the run shown, once its
    /// counting is completed (left out of the JSON otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stv: Option<StvStatement>,
    /// Single transferable vote: the stage sheet of the run shown, counted
    /// from its preferences and the lots the log records (a projection of
    /// the log; rendered by `countroom_io::render::stv`).
    #[serde(skip)]
    pub stage_sheet: Option<countroom_stv::StageSheet>,
}

impl ContestReport {
    /// The office the declaration's "I, the … at the above election" names:
    /// the conduct rules' own officer where they name one (the Mayor of
    /// London's), else the office of whoever declared where the log
    /// appoints one (an Acting Returning Officer at a UK Parliamentary
    /// election in England and Wales, RPA 1983 s.28(1)), else the
    /// Returning Officer. The same in every document.
    #[must_use]
    pub fn declaring_office(&self) -> &'static str {
        self.contest
            .declaration
            .as_ref()
            .map(|d| d.officer)
            .or_else(|| self.declaration.as_ref().and_then(|d| d.office))
            .unwrap_or("Returning Officer")
    }
}

/// Single transferable vote: what the count of a completed run came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StvStatement {
    /// `scotland` or `ni`.
    pub rules: &'static str,
    /// The stages counted (up to the stage needing a lot, if one is
    /// needed: none are shown before the lot is drawn).
    pub stages: Option<u32>,
    /// The quota, as on the sheet.
    pub quota: Option<String>,
    /// The stage at which a lot is required and not recorded.
    pub lot_required_at: Option<u32>,
    /// Why the papers cannot be counted, if they cannot (e.g. no valid
    /// papers).
    pub problem: Option<String>,
}

/// What a contest is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ContestInfo {
    /// Contest id.
    pub id: String,
    /// Election id.
    pub election: String,
    /// Election name.
    pub election_name: String,
    /// Title of the poll.
    pub title: String,
    /// Electoral area.
    pub area: String,
    /// Office code.
    pub office: &'static str,
    /// What the member is called.
    pub member_title: &'static str,
    /// Country code.
    pub country: &'static str,
    /// Poll date (serialised `YYYY-MM-DD`).
    #[serde(serialize_with = "crate::wire_time::date")]
    pub poll_date: Date,
    /// Poll date in words, e.g. "Thursday 7 May 2026".
    pub poll_day: String,
    /// Ruleset code.
    pub ruleset: &'static str,
    /// The statutory instrument.
    pub instrument: &'static str,
    /// How the poll is counted: `first_past_the_post`, `supplementary_vote`,
    /// `referendum`.
    pub method: &'static str,
    /// Democracy Club's ballot paper id, if the log gives one.
    pub ballot_paper_id: Option<String>,
    /// Seats.
    pub seats: usize,
    /// The seats' terms.
    pub vacancies: Vec<VacancyLine>,
    /// Electors on the register.
    pub electorate: u64,
    /// A by-election: every seat is a casual vacancy, each filled for the
    /// rest of the vacated seat's term (Local Government Act 1972 s.89; the
    /// most votes takes the longest term, s.89(4)). Left out when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub by_election: bool,
    /// The question put, at a poll on a question, if the log gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// A local poll's counting officer and where that is said
    /// (`countroom_rules::local_polls`); absent for other polls.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counting_officer: Option<CitedText>,
    /// The declaration's own wording where the conduct rules give one (the
    /// Mayor of London); `None`: the general wording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declaration: Option<DeclarationWording>,
}

/// Who declares, and as what, where the conduct rules say so in their own
/// words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclarationWording {
    /// The officer who declares the result.
    pub officer: &'static str,
    /// What the person returned is declared elected as.
    pub elected_as: &'static str,
    /// The rule.
    pub citation: &'static str,
}

/// The Mayor of London's declaration: the Greater London Returning Officer
/// "must declare to be elected as the Mayor of London the candidate who …
/// is to be returned as the Mayor" (Greater London Authority Elections
/// Rules 2007 (SI 2007/3541), Sch 3 r.57(1), read as in force on
/// 31 December 2019 on legislation.gov.uk), and gives public notice of the
/// name and description, the first preferences of each candidate, the
/// second preferences of those remaining, the rejected papers under each
/// head, and the papers on which no second preference was counted under
/// each head (r.57(2)(a)–(e)). The same officer and words from 2023 (first
/// past the post): SI 2022/1111 amends rr.15, 50, 53 and 54 of the
/// Mayoral Election Rules as read (its r.5 for Sch 7); its amendment of
/// r.57, if any, was not read, and (c) and (e) have nothing to show at a
/// first past the post count.
const LONDON_DECLARATION: DeclarationWording = DeclarationWording {
    officer: "Greater London Returning Officer",
    elected_as: "the Mayor of London",
    citation:
        "Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 3 and Sch 7 r.57(1)-(2)",
};

fn declaration_wording(id: countroom_model::RulesetId) -> Option<DeclarationWording> {
    match id {
        countroom_model::RulesetId::LondonMayorSv2008
        | countroom_model::RulesetId::LondonMayorFptp2023 => Some(LONDON_DECLARATION),
        _ => None,
    }
}

/// A sentence with the provision it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitedText {
    /// The words.
    pub text: &'static str,
    /// Where they are.
    pub citation: &'static str,
}

/// One seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct VacancyLine {
    /// `ordinary` or `casual`.
    pub kind: &'static str,
    /// Term end (serialised `YYYY-MM-DD`); none for an office with no
    /// fixed term (a Member of Parliament).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::wire_time::option_date"
    )]
    pub term_ends: Option<Date>,
}

/// A candidate's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateResult {
    /// Position on the ballot paper, from 1.
    pub ballot_order: usize,
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description or party.
    pub description: Option<String>,
    /// Votes (none when uncontested).
    pub votes: Option<u64>,
    /// Elected.
    pub elected: bool,
    /// Supplementary vote: second preferences counted at the second count
    /// (remaining candidates only).
    pub second_preferences: Option<u64>,
    /// Supplementary vote: first plus second preferences (remaining
    /// candidates only).
    pub total: Option<u64>,
}

/// The statements of a supplementary-vote count (LAMR 2007 r.51; PCCEO
/// 2012 rr.57–62; CAMER 2017 rr.55–56).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SvStatement {
    /// Ballot papers counted at the first count (valid and rejected).
    pub papers_counted: u64,
    /// Papers rejected at the first count (heads in the statement of
    /// rejected ballot papers).
    pub rejected: u64,
    /// All valid first preferences.
    pub total_first_preferences: u64,
    /// First preferences a candidate must exceed to be elected at the first
    /// count: half the total (more than half is needed).
    pub half_of_first_preferences: String,
    /// What the first count decided: `elected` (more than half),
    /// `second_count` (no majority), `equality` (two candidates equal), or
    /// `counting`.
    pub first_count: &'static str,
    /// The candidates remaining for the second count.
    pub remaining: Vec<String>,
    /// The candidates eliminated after the first count.
    pub eliminated: Vec<String>,
    /// The second count, once the first count leaves one.
    pub second_count: Option<SvSecondCount>,
    /// The first and second preferences, correlated: where the conduct
    /// rules require the table (the Mayor of London) and every valid paper
    /// was counted in a batch that records its second preference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preference_table: Option<PreferenceTable>,
}

/// "The total number \[of\] second preference votes given for each candidate
/// correlated with the way the first preference votes have been cast"
/// (Greater London Authority Elections Rules 2007, Sch 3 and Sch 7
/// r.53(1)(c)(iii), the statement at the conclusion of the local count):
/// one row per first-preference candidate, one column per candidate for
/// the second preference, then none and void.
///
/// A paper marked with the same candidate as first and second preference
/// is in the diagonal cell: it counts as that candidate's first preference
/// only. Its second preference is never added: a second preference counts
/// only for a candidate remaining in the contest on a paper whose first
/// preference is not for one of them (GLA Act 1999 Sch 2 para 4(5)), so on
/// a remaining candidate's paper nothing is added, and on an eliminated
/// candidate's paper the second preference is for an eliminated candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreferenceTable {
    /// The rule requiring it.
    pub citation: &'static str,
    /// Candidate ids, in ballot order: the columns (and rows).
    pub candidates: Vec<String>,
    /// One row per candidate, in ballot order.
    pub rows: Vec<PreferenceRow>,
    /// Each column's total: second preferences for each candidate over all
    /// valid papers.
    pub second_totals: Vec<u64>,
    /// Papers with no second preference.
    pub none_total: u64,
    /// Papers whose second preference is void for uncertainty.
    pub void_total: u64,
    /// Valid papers: the first preferences of every candidate.
    pub total: u64,
}

/// The papers with one candidate's first preference, by second preference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreferenceRow {
    /// The first-preference candidate's id.
    pub first: String,
    /// Papers by second-preference candidate, in ballot order (the row's
    /// own candidate: the same candidate marked twice).
    pub second: Vec<u64>,
    /// No second preference.
    pub none: u64,
    /// Second preference void for uncertainty.
    pub void: u64,
    /// The candidate's first preferences (the row's sum).
    pub first_preferences: u64,
}

/// The rule that requires the first-by-second preference table.
const LONDON_PREFERENCE_TABLE: &str =
    "Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 3 and Sch 7 r.53(1)(c)(iii)";

/// The preference table of a run, where the ruleset requires it (the Mayor
/// of London's supplementary vote) and the batches' second preferences
/// account for every valid paper (each row sums to the candidate's first
/// preferences); otherwise `None`, never a partial table.
fn preference_table(c: &ContestCount, run: &Run) -> Option<PreferenceTable> {
    if c.rules().id != countroom_model::RulesetId::LondonMayorSv2008 {
        return None;
    }
    let prefs = run.sv_preferences();
    let first = run.tally().votes();
    let n = prefs.candidates();
    if first.len() != n {
        return None;
    }
    let all: Vec<CandidateIdx> = c.contest().standing().map(|(i, _)| i).collect();
    let mut rows = Vec::with_capacity(n);
    let mut second_totals = vec![0u64; n];
    let (mut none_total, mut void_total, mut total) = (0u64, 0u64, 0u64);
    for f in 0..n {
        let second: Vec<u64> = (0..n)
            .map(|s| prefs.papers(f, countroom_tally::SecondPreference::For(s)))
            .collect();
        let none = prefs.papers(f, countroom_tally::SecondPreference::None);
        let void = prefs.papers(f, countroom_tally::SecondPreference::Void);
        let sum = second
            .iter()
            .try_fold(none, |a, &b| a.checked_add(b))?
            .checked_add(void)?;
        if Some(&sum) != first.get(f) {
            return None;
        }
        for (t, v) in second_totals.iter_mut().zip(&second) {
            *t = t.checked_add(*v)?;
        }
        none_total = none_total.checked_add(none)?;
        void_total = void_total.checked_add(void)?;
        total = total.checked_add(sum)?;
        rows.push(PreferenceRow {
            first: ids(c, &[*all.get(f)?]).join(""),
            second,
            none,
            void,
            first_preferences: sum,
        });
    }
    Some(PreferenceTable {
        citation: LONDON_PREFERENCE_TABLE,
        candidates: ids(c, &all),
        rows,
        second_totals,
        none_total,
        void_total,
        total,
    })
}

/// The statement of the second count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SvSecondCount {
    /// Completed.
    pub completed: bool,
    /// Papers to examine: the eliminated candidates' first preferences.
    pub to_examine: u64,
    /// Papers examined (not known when collated from local totals, which
    /// report only the votes and the rejected papers).
    pub examined: Option<u64>,
    /// Examined minus to examine (zero when every paper was examined).
    pub variance: Option<i128>,
    /// Second preferences for each remaining candidate, as `[id, votes]`.
    pub votes: Vec<(String, u64)>,
    /// Papers rejected for the second count as unmarked or void as to the
    /// second preference (PCCEO 2012 r.62(2)): `unmarked + void`.
    pub rejected: u64,
    /// Of those, unmarked as to the second preference.
    pub unmarked: Option<u64>,
    /// Of those, void for uncertainty as to the second preference.
    pub void: Option<u64>,
    /// Papers whose second preference is for an eliminated candidate: not
    /// counted, and not rejected.
    pub for_eliminated: Option<u64>,
    /// Bundles counted by hand.
    pub bundles: usize,
}

/// The collation of a poll's local totals (PCCEO 2012 rr.57–62; PVSCA
/// 2011 Sch 2 rr.39, 42(5)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CollationStatement {
    /// Counting areas in the poll.
    pub areas_in_poll: usize,
    /// Each area, in the order the poll lists them.
    pub areas: Vec<CollatedArea>,
    /// Each region, in the order defined.
    pub regions: Vec<CollatedRegion>,
    /// Areas that have not reported.
    pub missing: Vec<String>,
    /// Areas reported but not authorised.
    pub unauthorised: Vec<String>,
    /// Supplementary vote: the candidates for whom every area was directed
    /// to count second preferences.
    pub second_count_directed: Option<Vec<String>>,
}

/// One counting area's local total and the collating officer's checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CollatedArea {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Region.
    pub region: Option<String>,
    /// `awaiting`, `reported` or `authorised`.
    pub status: &'static str,
    /// Re-counts ordered in this area.
    pub recounts: u32,
    /// Electorate.
    pub electorate: Option<u64>,
    /// Ballot papers going forward to the count.
    pub papers_forward: Option<u64>,
    /// Votes per candidate or answer.
    pub votes: Vec<u64>,
    /// Rejected papers, all heads.
    pub rejected: Option<u64>,
    /// Ballot papers counted (valid + rejected) minus papers going forward.
    pub counted_less_forward: Option<i128>,
    /// Papers going forward minus polling-station and postal papers
    /// verified.
    pub forward_less_verified: Option<i128>,
    /// The area's explanation of its variances.
    pub explanation: Option<String>,
    /// A variance waits for an explanation before the total can be
    /// authorised.
    pub needs_explanation: bool,
    /// Second preferences counted per candidate (supplementary vote).
    pub second_votes: Option<Vec<u64>>,
    /// Papers rejected at the second count.
    pub second_rejected: Option<u64>,
    /// Ballot-box turnout, percent.
    pub turnout: Option<String>,
}

/// A region's sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CollatedRegion {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Areas reported in it.
    pub areas: u64,
    /// Electorate of those areas.
    pub electorate: Option<u64>,
    /// Ballot papers going forward.
    pub papers_forward: u64,
    /// Votes per candidate or answer.
    pub votes: Vec<u64>,
    /// Rejected papers.
    pub rejected: u64,
    /// Ballot-box turnout, percent.
    pub turnout: Option<String>,
}

/// The result of a referendum count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ReferendumResult {
    /// The answer with more votes (its id), if there is no tie.
    pub answer: Option<String>,
    /// The answers with equal votes, in an exact tie.
    pub tie: Vec<String>,
    /// The sentence of the result.
    pub statement: String,
    /// At a referendum whose proposal is carried only by more than half of
    /// those voting (a neighbourhood planning referendum and its business
    /// referendum): the test, worked. Absent for other polls.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposal: Option<ProposalResult>,
    /// At a neighbourhood planning referendum held with a business
    /// referendum: what the two give together, once both are counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub combined: Option<CombinedStatement>,
}

/// The "more than half of those voting" test at a Yes/No referendum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposalResult {
    /// `more_than_half_in_favour`.
    pub rule: &'static str,
    /// Votes for "Yes".
    pub yes: u64,
    /// Votes for "No".
    pub no: u64,
    /// Those voting: `yes + no` (`None` only if the sum passes the largest
    /// count, which replay refuses before a report is made).
    pub voting: Option<u64>,
    /// Whether more than half of those voting voted "Yes" (exactly half
    /// is not).
    pub in_favour: bool,
    /// Where the rule is.
    pub citation: &'static str,
}

/// The combined result of a neighbourhood planning referendum and its
/// business referendum (Planning and Compulsory Purchase Act 2004
/// s.38A(4)-(5)). Where only one is in favour, the law gives the decision
/// to the local planning authority: stated here as data, never taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CombinedStatement {
    /// The residents' referendum (contest id).
    pub residents: String,
    /// The business referendum (contest id).
    pub business: String,
    /// `must_be_made`, `authority_decides` or `not_made`.
    pub result: &'static str,
    /// The sentence, with the provision.
    pub statement: &'static str,
    /// Whether both referendums' results are declared; until then the
    /// combined result is provisional.
    pub final_result: bool,
    /// Where only one referendum is in favour: the local planning
    /// authority's decision, once the log records it
    /// (`planning_decision_recorded`). Absent until then, and always absent
    /// for the other combined results.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<PlanningDecisionLine>,
}

/// The local planning authority's decision on the plan, as the log records
/// it (Planning and Compulsory Purchase Act 2004 s.38A(5)): the authority's
/// decision, never countroom's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanningDecisionLine {
    /// `make` or `not_make`.
    pub decision: &'static str,
    /// The sentence on the documents.
    pub statement: String,
    /// Who decided (the authority's officer, or the body that resolved).
    pub decided_by: String,
    /// The day of the decision (serialised `YYYY-MM-DD`).
    #[serde(serialize_with = "crate::wire_time::date")]
    pub decided_on: Date,
    /// The resolution's reference, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// Who recorded it in the log.
    pub recorded_by: String,
    /// The log entry that recorded it.
    pub entry: u64,
    /// Where the decision is given to the authority.
    pub citation: &'static str,
}

/// The line of a recorded decision.
fn planning_decision_line(d: &crate::PlanningDecision) -> PlanningDecisionLine {
    let what = match d.decision {
        crate::PlanDecision::Make => "decided to make the plan",
        crate::PlanDecision::NotMake => "decided not to make the plan",
    };
    let resolution = d
        .resolution
        .as_ref()
        .map_or_else(String::new, |r| format!(" ({r})"));
    PlanningDecisionLine {
        decision: d.decision.code(),
        statement: format!(
            "The local planning authority {what}: decided by {} on {}{resolution}.",
            d.decided_by, d.decided_on
        ),
        decided_by: d.decided_by.clone(),
        decided_on: d.decided_on,
        resolution: d.resolution.clone(),
        recorded_by: d.recorded_by.clone(),
        entry: d.seq,
        citation: "Planning and Compulsory Purchase Act 2004 s.38A(5)",
    }
}

/// Candidates' deposits (uk-count-rules §4.9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Deposits {
    /// The deposit, in whole pounds.
    pub pounds: u32,
    /// The rule in words.
    pub rule: String,
    /// Where it is.
    pub citation: &'static str,
    /// The votes against which it is measured.
    pub total_votes: u64,
    /// A candidate not elected with this many votes or fewer forfeits it.
    pub forfeited_at_or_below: u64,
    /// Each candidate: `[id, forfeited]`.
    pub candidates: Vec<(String, bool)>,
}

/// A candidate elected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ElectedLine {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description or party.
    pub description: Option<String>,
    /// Votes (none when uncontested).
    pub votes: Option<u64>,
    /// `ordinary` or `casual`.
    pub seat: &'static str,
    /// The day the term ends (none when an uncontested election leaves it to
    /// a lot at the council's first meeting, or the office has no fixed
    /// term). Serialised `YYYY-MM-DD`.
    #[serde(serialize_with = "crate::wire_time::option_date")]
    pub term_ends: Option<Date>,
    /// The seat has no term end because the office has no fixed term (a
    /// Member of Parliament, whose seat lasts until Parliament is
    /// dissolved): the declaration prints no term. Left out of JSON when
    /// false (so a log that gives a Member of Parliament a term end reads
    /// as before).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_fixed_term: bool,
    /// Elected by lot after an equality of votes.
    pub by_lot: bool,
}

/// A lot the count is waiting for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LotRequired {
    /// `election` or `longer_term`; at an STV poll, `surplus_order` or
    /// `exclusion`.
    pub purpose: &'static str,
    /// Single transferable vote: the stage whose action the lot decides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<u32>,
    /// The tied candidates' ids.
    pub tied: Vec<String>,
    /// How many the lot chooses.
    pub places: usize,
    /// Their votes each.
    pub votes: u64,
}

/// The statement of rejected ballot papers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RejectedStatement {
    /// Where it is prescribed.
    pub citation: &'static str,
    /// Each head in statutory order.
    pub heads: Vec<HeadLine>,
    /// Total rejected.
    pub total: u64,
    /// Papers rejected in part (counted among the valid papers), where the
    /// rules provide for it.
    pub rejected_in_part: Option<u64>,
    /// Rejected papers endorsed "rejection objected to": doubtful papers
    /// and papers objected to under a head.
    pub rejection_objected: u64,
    /// Each `rejection_objected` entry, in log order.
    pub objections: Vec<ObjectionLine>,
    /// Valid papers that were valid only under the saving clause, by
    /// reason; counted among the valid papers, their votes counted (none
    /// for a collated poll, whose local totals do not report them).
    pub saving_clause: Option<SavingClause>,
    /// Unused votes: the blank votes on valid papers at a multi-member poll
    /// (seats × valid papers − votes). Not a rejection; kept apart and
    /// shown for information.
    pub unused_votes: Option<u64>,
    /// The doubtful papers set aside and the returning officer's decisions.
    pub adjudication: AdjudicationRecord,
}

/// Valid papers that needed the saving clause (Parliamentary Elections
/// Rules r.47(2) and the same rule of each ruleset, cited in `citation`):
/// valid papers, counted as valid votes, shown by reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SavingClause {
    /// The ruleset's void-paper rule and saving clause.
    pub citation: &'static str,
    /// All of them.
    pub total: u64,
    /// Each reason, in the fixed order (`outside_box`, `tick`, `figure`,
    /// `more_than_one_mark`).
    pub reasons: Vec<SavedLine>,
}

/// Papers valid under the saving clause for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SavedLine {
    /// The reason code.
    pub code: &'static str,
    /// In words.
    pub label: &'static str,
    /// Papers.
    pub papers: u64,
}

/// A counting agent's objection to a rejection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ObjectionLine {
    /// Who objected (as recorded).
    pub by: String,
    /// The doubtful paper objected to.
    pub paper: Option<String>,
    /// The head's code (none for a paper rejected in part).
    pub head: Option<&'static str>,
    /// The head as on the statement: "(c) writing or mark …".
    pub head_label: Option<String>,
    /// The batch the papers were counted in.
    pub batch: Option<String>,
    /// Papers covered.
    pub papers: u64,
    /// For whom the objection is made (candidate id).
    pub candidate: Option<String>,
    /// The reason given.
    pub reason: Option<String>,
}

/// The doubtful papers of a run and the returning officer's decisions on
/// them (Electoral Commission guidance: adjudicated in view of the
/// candidates and agents; endorsed "rejected", "rejected in part", and
/// "rejection objected to" where an agent objects).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AdjudicationRecord {
    /// Papers set aside as doubtful.
    pub set_aside: u64,
    /// Allowed (counted as valid).
    pub allowed: u64,
    /// Rejected.
    pub rejected: u64,
    /// Rejected in part.
    pub rejected_in_part: u64,
    /// Not yet decided.
    pub undecided: u64,
    /// Each paper, in reference order.
    pub papers: Vec<DecisionLine>,
}

/// One doubtful paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DecisionLine {
    /// The paper's reference.
    pub paper: String,
    /// Why it was set aside.
    pub set_aside_because: Option<String>,
    /// `valid`, `rejected`, `rejected_in_part`, or `undecided`.
    pub decision: &'static str,
    /// The head, for a rejection: "(c) writing or mark …".
    pub head: Option<String>,
    /// The candidates whose votes were counted (names).
    pub votes: Vec<String>,
    /// Endorsed "rejection objected to".
    pub rejection_objected: bool,
    /// Who decided.
    pub by: Option<String>,
    /// The reason given.
    pub reason: Option<String>,
}

/// One head's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct HeadLine {
    /// Paragraph letter.
    pub letter: &'static str,
    /// Code.
    pub code: &'static str,
    /// Statutory wording.
    pub label: &'static str,
    /// Papers.
    pub papers: u64,
}

/// Papers counted against papers verified; votes against papers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Reconciliation {
    /// Valid papers.
    pub valid_papers: u64,
    /// Rejected papers.
    pub rejected_papers: u64,
    /// Valid + rejected.
    pub papers_counted: u64,
    /// Papers verified, if entered.
    pub papers_verified: Option<u64>,
    /// Counted − verified, if verified was entered.
    pub variance: Option<i128>,
    /// Explanations recorded for this run.
    pub explanations: Vec<String>,
    /// Sum of all candidates' votes.
    pub total_votes: u64,
    /// Seats × valid papers: the most votes the valid papers can carry.
    pub max_votes: u64,
    /// Votes the valid papers could have carried but did not (multi-seat
    /// polls; not a rejection).
    pub unused_votes: Option<u64>,
    /// Figures that cannot be true, in words: ballot papers counted or
    /// verified above the electorate (each elector has one ballot paper,
    /// and tendered papers are never counted). Data, not an error: the
    /// count goes on and the Returning Officer looks into it. Left out of
    /// the JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

/// Ballot papers counted or verified above the electorate, in words
/// (nothing when the electorate is 0, i.e. not given).
fn impossible_figures(electorate: u64, counted: u64, verified: Option<u64>) -> Vec<String> {
    [("counted", Some(counted)), ("verified", verified)]
        .into_iter()
        .filter_map(|(what, n)| above_electorate(electorate, what, n?))
        .collect()
}

/// `papers` ballot papers `what` ("counted", "verified") above the
/// electorate, in words; nothing when they do not exceed it or the
/// electorate is 0 (not given).
fn above_electorate(electorate: u64, what: &str, papers: u64) -> Option<String> {
    (electorate != 0 && papers > electorate).then(|| {
        format!(
            "ballot papers {what} ({}) exceed the electorate ({}): each elector has one ballot paper, so these figures cannot be true",
            thousands(papers),
            thousands(electorate)
        )
    })
}

/// The turnout, once the count's figures exist: `final_figures` is whether
/// the count is completed (the run's `count_completed`, or at a collated
/// poll every counting area's total authorised) or declared; before that,
/// `None` (a provisional sheet shows no turnout). A turnout above 100% (more
/// papers than electors, which cannot be: see [`impossible_figures`]) is not
/// given.
fn turnout(final_figures: bool, electorate: u64, counted: u64, valid: u64) -> Option<Turnout> {
    let percent =
        |n: u64| Percentage::turnout(n, electorate, PERCENT_ROUNDING).map(|p| p.to_string());
    final_figures.then(|| Turnout {
        electorate,
        ballot_box: percent(counted),
        valid_vote: percent(valid),
        rounding: "half up to 2 decimal places, from exact integers",
    })
}

/// Turnout, to two places, rounded half up from exact integers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Turnout {
    /// Electors.
    pub electorate: u64,
    /// Ballot-box turnout: (valid + rejected papers) / electorate, percent;
    /// none when the electorate is 0 or smaller than the papers.
    pub ballot_box: Option<String>,
    /// Valid-vote turnout: valid papers / electorate, percent; none when
    /// the electorate is 0 or smaller than the valid papers.
    pub valid_vote: Option<String>,
    /// The rounding rule.
    pub rounding: &'static str,
}

/// A lot drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LotStatement {
    /// `election` or `longer_term`.
    pub purpose: &'static str,
    /// Tied candidates' ids.
    pub tied: Vec<String>,
    /// Winners' ids, in the order drawn.
    pub winners: Vec<String>,
    /// How it was drawn.
    pub method: String,
    /// Who drew it.
    pub by: String,
    /// The statement for the notice of result.
    pub statement: String,
}

/// A re-count request and its decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RecountLine {
    /// The run whose re-count was asked for.
    pub run: u32,
    /// Who asked.
    pub requested_by: String,
    /// For which candidate.
    pub candidate: Option<String>,
    /// The reason given.
    pub reason: Option<String>,
    /// `granted`, `refused` or `pending`.
    pub decision: &'static str,
    /// Who decided.
    pub decided_by: Option<String>,
    /// The reason for the decision.
    pub decision_reason: Option<String>,
}

/// One run's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RunSummary {
    /// Run number.
    pub run: u32,
    /// `first count` or `re-count of run N`.
    pub origin: String,
    /// Whether its counting is completed.
    pub completed: bool,
    /// Bundles counted.
    pub bundles: u64,
    /// Batches of individual papers counted.
    pub batches: u64,
    /// Doubtful papers decided.
    pub doubtful_decided: u64,
    /// Votes per candidate in ballot-paper order.
    pub votes: Vec<u64>,
    /// Valid papers.
    pub valid_papers: u64,
    /// Rejected papers.
    pub rejected_papers: u64,
    /// Files the batches came from (name and SHA-256).
    pub sources: Vec<String>,
}

/// Who declared which run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DeclarationLine {
    /// The run declared (0 for an uncontested election, which has no poll).
    pub run: u32,
    /// Who declared.
    pub by: String,
    /// When, as recorded (the log's `at`, as written).
    pub at: Option<EntryTime>,
    /// In a log with appointments: the declaring officer's name and office
    /// ("Jane Marsh, Returning Officer").
    pub officer: Option<String>,
    /// In a log with appointments, where the declaring officer is a
    /// Returning, Acting Returning or Deputy Returning Officer: that
    /// office's title, for the declaration's "I, the … at the above
    /// election" (the document names the office of whoever declared, not
    /// always "Returning Officer"). Not in the JSON, which has `officer`.
    #[serde(skip)]
    pub office: Option<&'static str>,
}

/// Projects every contest's documents from `state`.
#[must_use]
pub fn report(state: &CountState) -> Report {
    report_with_evidence(state, state.evidence())
}

/// [`report`], with the evidence `evidence` stated on every document in
/// place of the state's own: for a live count (`countroom-live`), which
/// keeps its log's evidence up to date as it appends rather than replaying
/// the file.
#[must_use]
pub fn report_with_evidence(state: &CountState, evidence: Option<&crate::Evidence>) -> Report {
    let mut report = Report {
        schema: REPORT_SCHEMA,
        version: REPORT_VERSION,
        contests: state
            .contests()
            .iter()
            .map(|c| {
                let name = state
                    .elections()
                    .iter()
                    .find(|e| &e.id == c.contest().election())
                    .map_or("", |e| e.name.as_str());
                let mut r = contest_report_in(c, name);
                r.evidence = evidence.cloned();
                r
            })
            .collect(),
        list_contests: crate::list_reports(state, evidence),
        boxes: box_progress(state),
        evidence: evidence.cloned(),
    };
    combine_neighbourhood_referendums(&mut report.contests, state.planning_decisions());
    for d in report
        .contests
        .iter_mut()
        .filter_map(|c| c.declaration.as_mut())
    {
        let holder = state.authority().holder(&d.by);
        d.officer = holder.map(|a| format!("{}, {}", a.name, a.role.title()));
        d.office = holder
            .map(|a| a.role)
            .filter(|r| {
                matches!(
                    r,
                    Role::ReturningOfficer
                        | Role::ActingReturningOfficer
                        | Role::DeputyReturningOfficer
                )
            })
            .map(Role::title);
    }
    report
}

fn box_progress(state: &CountState) -> Vec<BoxProgress> {
    state
        .ballot_boxes()
        .iter()
        .map(|bx| {
            let receipt = state.receipt(&bx.id);
            BoxProgress {
                ballot_box: bx.id.to_string(),
                kind: match bx.kind {
                    countroom_model::BallotBoxKind::Postal => "postal",
                    countroom_model::BallotBoxKind::PollingStation(_) => "polling_station",
                },
                polling_station: match &bx.kind {
                    countroom_model::BallotBoxKind::PollingStation(s) => Some(s.to_string()),
                    countroom_model::BallotBoxKind::Postal => None,
                },
                received: receipt.is_some(),
                seals: receipt.map(|r| r.seals.clone()).unwrap_or_default(),
                polls: bx
                    .contests
                    .iter()
                    .filter_map(|cid| {
                        // A contest's poll, or a list contest's (its list
                        // papers).
                        state
                            .contest(cid)
                            .map(|c| (c.contest().id().to_string(), c.verification()))
                            .or_else(|| {
                                state
                                    .list_contests()
                                    .iter()
                                    .find(|l| l.id() == cid.as_str())
                                    .map(|l| (l.id().to_owned(), l.verification()))
                            })
                    })
                    .map(|(contest, v)| {
                        let record = v.record(&bx.id);
                        let status = record
                            .map_or(countroom_verify::BoxStatus::AwaitingCount, |r| {
                                v.record_status(r)
                            });
                        BoxPollProgress {
                            contest,
                            account_entered: record.is_some_and(|r| r.account.is_some()),
                            counts: record.map_or(0, |r| r.attempts.len()),
                            verified: record.and_then(countroom_verify::BoxRecord::verified),
                            status: status.code(),
                            status_text: status.describe(),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

fn ids(c: &ContestCount, idx: &[CandidateIdx]) -> Vec<String> {
    idx.iter()
        .filter_map(|&i| c.contest().candidate(i).map(|x| x.id.to_string()))
        .collect()
}

fn names(c: &ContestCount, idx: &[CandidateIdx]) -> String {
    let names: Vec<&str> = idx
        .iter()
        .filter_map(|&i| c.contest().candidate(i).map(|x| x.name.as_str()))
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn vacancy_kind(kind: VacancyKind) -> &'static str {
    match kind {
        VacancyKind::Ordinary => "ordinary",
        VacancyKind::Casual => "casual",
    }
}

/// "Thursday 7 May 2026".
fn long_date(date: countroom_model::Date) -> String {
    format!(
        "{} {} {} {}",
        date.weekday(),
        date.day(),
        date.month(),
        date.year()
    )
}

/// One contest's documents.
#[must_use]
pub fn contest_report(c: &ContestCount) -> ContestReport {
    contest_report_in(c, "")
}

fn contest_report_in(c: &ContestCount, election_name: &str) -> ContestReport {
    let contest = c.contest();
    let rules = c.rules();
    let info = ContestInfo {
        id: contest.id().to_string(),
        election: contest.election().to_string(),
        election_name: election_name.to_owned(),
        title: contest.title().to_owned(),
        area: contest.area().to_owned(),
        office: contest.office().code(),
        member_title: contest.office().member_title(),
        country: contest.country().code(),
        poll_date: contest.poll_date(),
        poll_day: long_date(contest.poll_date()),
        ruleset: rules.code,
        instrument: rules.instrument,
        method: rules.method.code(),
        ballot_paper_id: c.ballot_paper_id().map(str::to_owned),
        seats: contest.seats(),
        vacancies: contest
            .vacancies()
            .iter()
            .map(|v| VacancyLine {
                kind: vacancy_kind(v.kind),
                term_ends: v.term_ends,
            })
            .collect(),
        electorate: contest.electorate().get(),
        declaration: declaration_wording(rules.id),
        by_election: !contest.vacancies().is_empty()
            && contest
                .vacancies()
                .iter()
                .all(|v| v.kind == VacancyKind::Casual),
        question: c.question().map(str::to_owned),
        counting_officer: countroom_rules::local_polls::rules(contest.ruleset()).map(|r| {
            CitedText {
                text: r.counting_officer,
                citation: r.counting_officer_citation,
            }
        }),
    };
    let recounts = c
        .recounts()
        .iter()
        .map(|r| RecountLine {
            run: r.run,
            requested_by: r.requested_by.clone(),
            candidate: r
                .candidate
                .and_then(|i| contest.candidate(i).map(|x| x.id.to_string())),
            reason: r.reason.clone(),
            decision: match &r.decision {
                None => "pending",
                Some(d) if d.granted => "granted",
                Some(_) => "refused",
            },
            decided_by: r.decision.as_ref().map(|d| d.by.clone()),
            decision_reason: r.decision.as_ref().and_then(|d| d.reason.clone()),
        })
        .collect();
    let runs: Vec<RunSummary> = c.runs().iter().map(run_summary).collect();

    if let Some(collation) = c.collation() {
        return collated_report(c, collation, info);
    }
    let Some(run) = c.current_run() else {
        return uncontested_report(c, info);
    };
    let tally = run.tally();
    let is_stv = c.stv_rules().is_some();
    // An STV run is counted once here, for its outcome and its sheet.
    let stv_count = (is_stv && run.completed_by().is_some()).then(|| c.stv_count(run));
    let outcome = match &stv_count {
        Some(count) => c.stv_outcome_of(run, count),
        None => c.outcome(run),
    };
    let (stv, stage_sheet) = match (&stv_count, c.stv_rules()) {
        (Some(count), Some(rules)) => {
            let (statement, sheet) = match count {
                crate::StvCount::Sheet(sheet) => (
                    StvStatement {
                        rules: rules.as_str(),
                        stages: sheet.stages.last().map(|s| s.number),
                        quota: Some(sheet.quota.fixed(sheet.places).to_string()),
                        lot_required_at: None,
                        problem: None,
                    },
                    // The log knows the poll date: the sheet names the
                    // instrument in force on it (StvRules::instrument).
                    Some(
                        (**sheet)
                            .clone()
                            .with_poll_date(Some(c.contest().poll_date())),
                    ),
                ),
                crate::StvCount::LotRequired { stage, .. } => (
                    StvStatement {
                        rules: rules.as_str(),
                        stages: None,
                        quota: None,
                        lot_required_at: Some(*stage),
                        problem: None,
                    },
                    None,
                ),
                crate::StvCount::Failed(why) => (
                    StvStatement {
                        rules: rules.as_str(),
                        stages: None,
                        quota: None,
                        lot_required_at: None,
                        problem: Some(why.clone()),
                    },
                    None,
                ),
            };
            (Some(statement), sheet)
        }
        _ => (None, None),
    };
    let pending_recount = c
        .recounts()
        .iter()
        .any(|r| r.run == run.number() && r.decision.is_none());
    let status = if c.declared().is_some() {
        Status::Declared
    } else if run.completed_by().is_none() {
        Status::Counting
    } else if pending_recount {
        Status::RecountRequested
    } else {
        match &outcome {
            RunOutcome::LotNeeded(_) => Status::LotRequired,
            RunOutcome::SecondCountNeeded(_) => Status::SecondCountRequired,
            RunOutcome::Elected(_) | RunOutcome::Answer(_) | RunOutcome::Tie(_) => {
                Status::ReadyToDeclare
            }
            RunOutcome::Counting => Status::Counting,
        }
    };
    let (elected, lot_required) = match &outcome {
        RunOutcome::Elected(seats) => (
            seats
                .iter()
                .filter_map(|s| {
                    let cand = contest.candidate(s.candidate)?;
                    Some(ElectedLine {
                        id: cand.id.to_string(),
                        name: cand.name.clone(),
                        description: cand.description.clone(),
                        votes: Some(s.votes),
                        seat: vacancy_kind(s.vacancy.kind),
                        term_ends: s.vacancy.term_ends,
                        no_fixed_term: s.vacancy.term_ends.is_none()
                            && !contest.office().has_fixed_term(),
                        by_lot: s.by_lot,
                    })
                })
                .collect(),
            None,
        ),
        RunOutcome::LotNeeded(l) => (
            Vec::new(),
            Some(LotRequired {
                purpose: l.purpose.code(),
                stage: l.stage,
                tied: ids(c, &l.tied),
                places: l.places,
                votes: l.votes,
            }),
        ),
        RunOutcome::Counting
        | RunOutcome::SecondCountNeeded(_)
        | RunOutcome::Answer(_)
        | RunOutcome::Tie(_) => (Vec::new(), None),
    };
    let mut arithmetic_problems = Vec::new();
    // An error is reported by `sv_statement` below.
    let second = c.second_count(run).ok().flatten();
    let second_for = |idx: CandidateIdx| {
        let sc = second.as_ref()?;
        if !sc.remaining.contains(&idx) || sc.completed_by.is_none() {
            return None;
        }
        sc.votes.get(idx.get()).copied()
    };
    let total_for = |idx: CandidateIdx| {
        second_for(idx)?;
        second.as_ref()?.totals.get(idx.get()).copied()
    };
    let elected_ids: Vec<&str> = elected
        .iter()
        .map(|e: &ElectedLine| e.id.as_str())
        .collect();
    let candidates = contest
        .standing()
        .map(|(idx, cand)| CandidateResult {
            ballot_order: idx.get() + 1,
            id: cand.id.to_string(),
            name: cand.name.clone(),
            description: cand.description.clone(),
            votes: Some(tally.votes().get(idx.get()).copied().unwrap_or(0)),
            elected: elected_ids.contains(&cand.id.as_str()),
            second_preferences: second_for(idx),
            total: total_for(idx),
        })
        .collect::<Vec<_>>();
    let majority = match (&outcome, contest.seats()) {
        (RunOutcome::Elected(_) | RunOutcome::Answer(_), 1) => {
            // The final figures: first plus second preferences of the
            // remaining candidates after a second count, else the votes.
            let finals: Vec<u64> = match candidates.iter().any(|x| x.total.is_some()) {
                true => candidates.iter().map(|x| x.total.unwrap_or(0)).collect(),
                false => tally.votes().to_vec(),
            };
            let ranked = fptp(&finals, 1).ranking;
            // Ranked most votes first, so first's minus second's is not
            // negative.
            match (ranked.first(), ranked.get(1)) {
                (Some(&a), Some(&b)) => finals
                    .get(a)
                    .copied()
                    .unwrap_or(0)
                    .checked_sub(finals.get(b).copied().unwrap_or(0)),
                _ => None,
            }
        }
        _ => None,
    };
    let supplementary_vote = (rules.method == countroom_rules::CountingMethod::SupplementaryVote)
        .then(|| sv_statement(c, run, &outcome, &mut arithmetic_problems));
    let referendum = match &outcome {
        RunOutcome::Answer(a) => Some(referendum_result(c, &[*a], tally.votes())),
        RunOutcome::Tie(t) => Some(referendum_result(c, t, tally.votes())),
        _ => None,
    };
    let deposits = match deposits(c, &candidates, tally.votes(), tally.total_votes()) {
        Ok(d) => d,
        Err(e) => {
            arithmetic_problems.push(format!("deposits: {e}"));
            None
        }
    };
    // Seats × valid papers, and what of it the votes leave unused (a
    // multi-seat poll). Replay refuses an entry that would take either out
    // of range (`ProblemKind::TotalOverflow`), so they are exact here.
    let seats = contest.seats() as u64;
    let max_votes = seats.checked_mul(tally.valid_papers());
    let unused = max_votes.and_then(|m| m.checked_sub(tally.total_votes()));
    if max_votes.is_none() || (seats > 1 && !is_stv && unused.is_none()) {
        arithmetic_problems.push(format!(
            "{seats} seats × {valid} valid papers, less {votes} votes, is not a count from 0 to {max}: the unused votes and the reconciliation are left out",
            valid = tally.valid_papers(),
            votes = tally.total_votes(),
            max = u64::MAX
        ));
    }
    let unused_votes = (seats > 1 && !is_stv).then_some(unused).flatten();
    let objected = run.rejection_objected().map_err(|e| {
        arithmetic_problems.push(format!(
            "the statement of rejected ballot papers is left out: {e}"
        ));
    });
    let saving = saving_clause(rules, run, &mut arithmetic_problems);
    // Where every rejected paper was given only as a total (a published
    // result read back), the statutory heads are not listed at 0: a head's
    // 0 would say no paper was rejected under it, which the source does
    // not say. Where some were given by head, the heads are listed as
    // given and the rest after them.
    let not_given = tally.rejected(RejectionHead::BreakdownNotGiven);
    let only_total = not_given > 0 && rules.heads.iter().all(|h| tally.rejected(h.head) == 0);
    let rejected = objected.ok().map(|rejection_objected| RejectedStatement {
        citation: rules.heads_citation,
        heads: rules
            .heads
            .iter()
            .filter(|_| !only_total)
            .map(|h| HeadLine {
                letter: h.letter,
                code: h.head.code(),
                label: h.label,
                papers: tally.rejected(h.head),
            })
            .chain(not_given_line(not_given))
            .collect(),
        total: tally.rejected_papers(),
        rejected_in_part: (rules.rejected_in_part_applies() && contest.seats() > 1)
            .then(|| tally.rejected_in_part()),
        rejection_objected,
        objections: objection_lines(c, rules, run),
        saving_clause: saving,
        unused_votes,
        adjudication: adjudication_record(contest, rules, run),
    });
    let reconciliation = max_votes.map(|max_votes| Reconciliation {
        valid_papers: tally.valid_papers(),
        rejected_papers: tally.rejected_papers(),
        papers_counted: tally.papers_counted(),
        papers_verified: c.verified(),
        variance: c
            .verified()
            .map(|v| i128::from(tally.papers_counted()) - i128::from(v)),
        explanations: run.explanations().iter().map(|e| e.text.clone()).collect(),
        total_votes: tally.total_votes(),
        max_votes,
        unused_votes,
        problems: impossible_figures(
            contest.electorate().get(),
            tally.papers_counted(),
            c.verified(),
        ),
    });
    // The figures exist once the run is completed (or declared).
    let final_figures = run.completed_by().is_some() || c.declared().is_some();
    let turnout = turnout(
        final_figures,
        contest.electorate().get(),
        tally.papers_counted(),
        tally.valid_papers(),
    );
    let deposits = deposits.filter(|_| final_figures);
    let lots = lot_statements(c, run.lots());
    ContestReport {
        evidence: None,
        contest: info,
        status,
        run: Some(run.number()),
        candidates,
        elected,
        unfilled_seats: 0,
        lot_required,
        majority,
        rejected,
        reconciliation,
        turnout,
        supplementary_vote,
        referendum,
        deposits,
        collation: None,
        lots,
        recounts,
        runs,
        declaration: c.declared().map(|d| DeclarationLine {
            run: d.run,
            by: d.by.clone(),
            at: d.at.clone(),
            officer: None,
            office: None,
        }),
        verification: verification_statement(c),
        arithmetic_problems,
        stv,
        stage_sheet,
    }
}

fn sv_statement(
    c: &ContestCount,
    run: &Run,
    outcome: &RunOutcome,
    problems: &mut Vec<String>,
) -> SvStatement {
    let tally = run.tally();
    let total = tally.total_votes();
    let all: Vec<CandidateIdx> = c.contest().standing().map(|(i, _)| i).collect();
    // An error is reported (`arithmetic_problems`), never dropped.
    let second = match c.second_count(run) {
        Ok(s) => s,
        Err(e) => {
            problems.push(format!("the second count cannot be worked out: {e}"));
            None
        }
    };
    let remaining: Vec<CandidateIdx> = second
        .as_ref()
        .map(|s| s.remaining.clone())
        .unwrap_or_default();
    let eliminated: Vec<CandidateIdx> = if remaining.is_empty() {
        Vec::new()
    } else {
        all.iter()
            .copied()
            .filter(|i| !remaining.contains(i))
            .collect()
    };
    let first_count = match (outcome, &second) {
        (RunOutcome::Counting, _) => "counting",
        (_, Some(_)) => "second_count",
        (RunOutcome::LotNeeded(_), None) => "equality",
        (RunOutcome::Elected(seats), None) if seats.iter().any(|s| s.by_lot) => "equality",
        _ => "elected",
    };
    SvStatement {
        papers_counted: tally.papers_counted(),
        rejected: tally.rejected_papers(),
        total_first_preferences: total,
        half_of_first_preferences: half(total),
        first_count,
        remaining: ids(c, &remaining),
        eliminated: ids(c, &eliminated),
        second_count: second.map(|s| SvSecondCount {
            completed: s.completed_by.is_some(),
            to_examine: s.to_examine,
            examined: Some(s.examined),
            variance: Some(i128::from(s.examined) - i128::from(s.to_examine)),
            votes: s
                .remaining
                .iter()
                .map(|&i| {
                    (
                        ids(c, &[i]).join(""),
                        s.votes.get(i.get()).copied().unwrap_or(0),
                    )
                })
                .collect(),
            rejected: s.rejected,
            unmarked: Some(s.unmarked),
            void: Some(s.void),
            for_eliminated: Some(s.for_eliminated),
            bundles: s.bundles,
        }),
        preference_table: preference_table(c, run),
    }
}

/// Deposits, from the ruleset's rule: measured against the votes (or the
/// first preferences at a supplementary-vote poll, which are the votes the
/// first count gives each candidate).
fn deposits(
    c: &ContestCount,
    candidates: &[CandidateResult],
    votes: &[u64],
    total: u64,
) -> Result<Option<Deposits>, countroom_tally::TallyError> {
    let Some(rule) = c.rules().deposit else {
        return Ok(None);
    };
    let base = match rule.base {
        countroom_rules::DepositBase::Votes => "votes",
        countroom_rules::DepositBase::FirstPreferences => "first-preference votes",
    };
    // votes × d ≤ total × n  ⇔  votes ≤ ⌊total × n / d⌋ (at most `total`
    // for a fraction n/d ≤ 1; checked all the same).
    let forfeited_at_or_below = u64::try_from(
        u128::from(total) * u128::from(rule.numerator) / u128::from(rule.denominator.max(1)),
    )
    .map_err(|_| countroom_tally::TallyError::SumOverflow {
        what: "the deposit threshold (total × numerator / denominator)",
        total,
        adds: rule.numerator,
    })?;
    Ok(Some(Deposits {
        pounds: rule.pounds,
        rule: format!(
            "forfeited by a candidate not elected whose {base} do not exceed {}/{} of the total of {}",
            rule.numerator,
            rule.denominator,
            thousands(total)
        ),
        citation: rule.citation,
        total_votes: total,
        forfeited_at_or_below,
        candidates: candidates
            .iter()
            .zip(votes)
            .map(|(cand, &v)| (cand.id.clone(), rule.forfeited(cand.elected, v, total)))
            .collect(),
    }))
}

/// Half of `n`, exactly: `50,000` or `1,985.5`.
fn half(n: u64) -> String {
    if n.is_multiple_of(2) {
        thousands(n / 2)
    } else {
        format!("{}.5", thousands(n / 2))
    }
}

use countroom_arith::thousands;

fn lot_statements(c: &ContestCount, lots: &[crate::state::Lot]) -> Vec<LotStatement> {
    lots.iter()
        .map(|lot| {
            let statement = match lot.purpose {
                LotPurpose::Election => format!(
                    "Following an equality of votes, lots were drawn and, as a consequence, an additional vote was allotted to {}.",
                    names(c, &lot.winners)
                ),
                LotPurpose::LongerTerm => format!(
                    "{} received an equal number of votes; lots were drawn and the seat with the longer term was allotted to {}.",
                    names(c, &lot.tied),
                    names(c, &lot.winners)
                ),
                LotPurpose::SurplusOrder => format!(
                    "At stage {}, {} had equal surpluses; lots were drawn and the surplus of {} was transferred first.",
                    lot.stage.unwrap_or(0),
                    names(c, &lot.tied),
                    names(c, &lot.winners)
                ),
                LotPurpose::Exclusion => format!(
                    "At stage {}, {} had equal votes, the lowest; lots were drawn and {} was excluded.",
                    lot.stage.unwrap_or(0),
                    names(c, &lot.tied),
                    names(c, &lot.winners)
                ),
            };
            LotStatement {
                purpose: lot.purpose.code(),
                tied: ids(c, &lot.tied),
                winners: ids(c, &lot.winners),
                method: match &lot.method {
                    LotMethod::Recorded { description } => description.clone(),
                    LotMethod::Seeded { seed } => {
                        format!("rehearsal draw from the published seed {seed:?} (countroom-lot-v1)")
                    }
                },
                by: lot.by.clone(),
                statement,
            }
        })
        .collect()
}

fn collated_report(
    c: &ContestCount,
    collation: &countroom_collate::Collation,
    info: ContestInfo,
) -> ContestReport {
    use countroom_collate::Outcome;
    let contest = c.contest();
    let rules = c.rules();
    let referendum = contest.is_referendum();
    let idx = |i: usize| CandidateIdx(u32::try_from(i).unwrap_or(u32::MAX));
    let collated = collation.collated().ok();
    let outcome = collated
        .as_ref()
        .map_or(Outcome::Incomplete, |x| x.outcome.clone());
    let total = collated.as_ref().map(|x| x.total.clone());
    let votes: Vec<u64> = total
        .as_ref()
        .map_or_else(|| vec![0; contest.n_standing()], |t| t.votes().to_vec());
    let finals = collated.as_ref().and_then(|x| x.final_totals.clone());
    let remaining: Vec<usize> = collated
        .as_ref()
        .map(|x| x.remaining.clone())
        .unwrap_or_default();
    let status = match (&outcome, c.declared().is_some()) {
        (_, true) => Status::Declared,
        (Outcome::Incomplete, _) => Status::Counting,
        (Outcome::SecondCountNeeded(_) | Outcome::SecondCountInProgress { .. }, _) => {
            Status::SecondCountRequired
        }
        (Outcome::Equality(_), _) if !referendum => Status::LotRequired,
        _ => Status::ReadyToDeclare,
    };
    let winner = match &outcome {
        Outcome::Winner(w) => Some((*w, false)),
        Outcome::WonByLot { winner, .. } => Some((*winner, true)),
        _ => None,
    };
    let final_votes = |i: usize| {
        finals
            .as_ref()
            .and_then(|f| f.get(i).copied())
            .filter(|_| remaining.contains(&i))
            .unwrap_or_else(|| votes.get(i).copied().unwrap_or(0))
    };
    let elected: Vec<ElectedLine> = match (winner, referendum) {
        (Some((w, by_lot)), false) => contest
            .candidate(idx(w))
            .map(|cand| ElectedLine {
                id: cand.id.to_string(),
                name: cand.name.clone(),
                description: cand.description.clone(),
                votes: Some(final_votes(w)),
                seat: contest
                    .vacancies()
                    .first()
                    .map_or("ordinary", |v| vacancy_kind(v.kind)),
                term_ends: contest.vacancies().first().and_then(|v| v.term_ends),
                no_fixed_term: contest
                    .vacancies()
                    .first()
                    .is_some_and(|v| v.term_ends.is_none())
                    && !contest.office().has_fixed_term(),
                by_lot,
            })
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    let second = total.as_ref().map(|t| t.second_votes().to_vec());
    let mut arithmetic_problems = Vec::new();
    let candidates: Vec<CandidateResult> = contest
        .standing()
        .map(|(i, cand)| {
            let k = i.get();
            let second_for = finals
                .as_ref()
                .filter(|_| remaining.contains(&k))
                .and_then(|_| second.as_ref()?.get(k).copied());
            CandidateResult {
                ballot_order: k + 1,
                id: cand.id.to_string(),
                name: cand.name.clone(),
                description: cand.description.clone(),
                votes: Some(votes.get(k).copied().unwrap_or(0)),
                elected: !referendum && winner.is_some_and(|(w, _)| w == k),
                second_preferences: second_for,
                total: second_for.map(|_| final_votes(k)),
            }
        })
        .collect();
    let lot_required = match &outcome {
        Outcome::Equality(tied) if !referendum => Some(LotRequired {
            purpose: LotPurpose::Election.code(),
            stage: None,
            tied: ids(c, &to_idx(tied)),
            places: 1,
            votes: tied.first().map_or(0, |&t| final_votes(t)),
        }),
        _ => None,
    };
    let majority = winner.and_then(|(w, _)| {
        let runner_up = (0..votes.len())
            .filter(|&i| i != w)
            .map(final_votes)
            .max()?;
        // The winner has the most votes: not negative.
        final_votes(w).checked_sub(runner_up)
    });
    let referendum_result = referendum.then(|| match &outcome {
        Outcome::Winner(a) => Some(referendum_result(c, &[idx(*a)], &votes)),
        Outcome::Equality(t) => Some(referendum_result(c, &to_idx(t), &votes)),
        _ => None,
    });
    let figures = total.as_ref();
    let counted = figures.map_or(0, countroom_collate::Figures::counted);
    let valid = figures.map_or(0, countroom_collate::Figures::valid);
    let rejected_total = figures.map_or(0, countroom_collate::Figures::rejected_total);
    let rejected = RejectedStatement {
        citation: rules.heads_citation,
        heads: rules
            .heads
            .iter()
            .enumerate()
            .map(|(k, h)| HeadLine {
                letter: h.letter,
                code: h.head.code(),
                label: h.label,
                papers: figures
                    .and_then(|f| f.rejected().get(k).copied())
                    .unwrap_or(0),
            })
            .collect(),
        total: rejected_total,
        rejected_in_part: None,
        rejection_objected: 0,
        objections: Vec::new(),
        saving_clause: None,
        unused_votes: None,
        adjudication: AdjudicationRecord {
            set_aside: 0,
            allowed: 0,
            rejected: 0,
            rejected_in_part: 0,
            undecided: 0,
            papers: Vec::new(),
        },
    };
    let forward = figures.map_or(0, countroom_collate::Figures::papers_forward);
    let area_names = |id: &str| {
        collation
            .plan()
            .areas
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    };
    let checks = collation.checks();
    let electorate = figures
        .and_then(countroom_collate::Figures::electorate)
        .unwrap_or_else(|| contest.electorate().get());
    let reconciliation = Reconciliation {
        valid_papers: valid,
        rejected_papers: rejected_total,
        papers_counted: counted,
        papers_verified: Some(forward),
        variance: Some(i128::from(counted) - i128::from(forward)),
        explanations: checks
            .iter()
            .filter_map(|k| {
                Some(format!(
                    "{}: {}",
                    area_names(&k.area),
                    k.explanation.as_ref()?
                ))
            })
            .collect(),
        total_votes: valid,
        max_votes: valid,
        unused_votes: None,
        problems: impossible_figures(electorate, counted, Some(forward)),
    };
    // The figures exist once every area's total is authorised.
    let final_figures = !matches!(outcome, Outcome::Incomplete) || c.declared().is_some();
    let turnout = turnout(final_figures, electorate, counted, valid);
    let supplementary_vote =
        (collation.plan().method == countroom_collate::Method::SupplementaryVote).then(|| {
            let eliminated: Vec<usize> = if remaining.is_empty() {
                Vec::new()
            } else {
                (0..votes.len())
                    .filter(|i| !remaining.contains(i))
                    .collect()
            };
            let first_count = match &outcome {
                Outcome::Incomplete => "counting",
                _ if !remaining.is_empty() => "second_count",
                Outcome::Equality(_) | Outcome::WonByLot { .. } => "equality",
                _ => "elected",
            };
            SvStatement {
                papers_counted: counted,
                rejected: rejected_total,
                total_first_preferences: valid,
                half_of_first_preferences: half(valid),
                first_count,
                remaining: ids(c, &to_idx(&remaining)),
                eliminated: ids(c, &to_idx(&eliminated)),
                // Local totals carry no first × second table.
                preference_table: None,
                second_count: collation.direction().and_then(|_| {
                    // The eliminated candidates' first preferences: part of
                    // the valid votes, whose sum fits (collate checks it).
                    let to_examine = eliminated
                        .iter()
                        .map(|&i| votes.get(i).copied().unwrap_or(0))
                        .try_fold(0u64, u64::checked_add);
                    if to_examine.is_none() {
                        arithmetic_problems.push(
                            "the papers to examine at the second count (the eliminated candidates' first preferences) pass the largest count: the second count is left out".to_owned(),
                        );
                    }
                    Some((to_examine?, ()))
                }).map(|(to_examine, ())| SvSecondCount {
                    completed: finals.is_some(),
                    to_examine,
                    examined: None,
                    variance: None,
                    votes: remaining
                        .iter()
                        .map(|&i| {
                            (
                                ids(c, &[idx(i)]).join(""),
                                second.as_ref().and_then(|s| s.get(i).copied()).unwrap_or(0),
                            )
                        })
                        .collect(),
                    rejected: figures.map_or(0, countroom_collate::Figures::second_rejected),
                    unmarked: None,
                    void: None,
                    for_eliminated: None,
                    bundles: 0,
                }),
            }
        });
    let deposits = match deposits(c, &candidates, &votes, valid) {
        Ok(d) => d.filter(|_| final_figures),
        Err(e) => {
            arithmetic_problems.push(format!("deposits: {e}"));
            None
        }
    };
    let plan = collation.plan();
    let reported: std::collections::BTreeMap<&str, &countroom_collate::AreaResult> = collated
        .as_ref()
        .map(|x| x.areas.iter().map(|a| (a.area.as_str(), a)).collect())
        .unwrap_or_default();
    let areas = plan
        .areas
        .iter()
        .map(|a| {
            let r = reported.get(a.id.as_str());
            let check = checks.iter().find(|k| k.area == a.id);
            let f = r.map(|r| &r.figures);
            CollatedArea {
                id: a.id.clone(),
                name: a.name.clone(),
                region: a.region.clone(),
                status: match (r, collation.is_authorised(&a.id)) {
                    (None, _) => "awaiting",
                    (Some(_), Some(true)) => "authorised",
                    (Some(_), _) => "reported",
                },
                recounts: collation.recounts(&a.id).map_or(0, |(n, _)| n),
                electorate: a.electorate,
                papers_forward: f.map(countroom_collate::Figures::papers_forward),
                votes: f.map(|f| f.votes().to_vec()).unwrap_or_default(),
                rejected: f.map(countroom_collate::Figures::rejected_total),
                counted_less_forward: check.map(|k| k.counted_less_forward),
                forward_less_verified: check.and_then(|k| k.forward_less_verified),
                explanation: check.and_then(|k| k.explanation.clone()),
                needs_explanation: check.is_some_and(|k| k.needs_explanation && !k.explained),
                second_votes: f
                    .filter(|f| f.second_counts() > 0)
                    .map(|f| f.second_votes().to_vec()),
                second_rejected: f
                    .filter(|f| f.second_counts() > 0)
                    .map(countroom_collate::Figures::second_rejected),
                turnout: f.and_then(|f| f.turnout()).map(|p| p.to_string()),
            }
        })
        .collect();
    let regions = collated
        .as_ref()
        .map(|x| {
            x.regions
                .iter()
                .map(|r| CollatedRegion {
                    id: r.region.clone(),
                    name: plan
                        .regions
                        .iter()
                        .find(|p| p.id == r.region)
                        .map_or_else(|| r.region.clone(), |p| p.name.clone()),
                    areas: r.figures.areas(),
                    electorate: r.figures.electorate(),
                    papers_forward: r.figures.papers_forward(),
                    votes: r.figures.votes().to_vec(),
                    rejected: r.figures.rejected_total(),
                    turnout: r.figures.turnout().map(|p| p.to_string()),
                })
                .collect()
        })
        .unwrap_or_default();
    let statement = CollationStatement {
        areas_in_poll: plan.areas.len(),
        areas,
        regions,
        missing: collated
            .as_ref()
            .map(|x| x.missing.clone())
            .unwrap_or_default(),
        unauthorised: collated
            .as_ref()
            .map(|x| x.unauthorised.clone())
            .unwrap_or_default(),
        second_count_directed: collation.direction().map(|d| ids(c, &to_idx(d))),
    };
    ContestReport {
        evidence: None,
        contest: info,
        status,
        run: None,
        candidates,
        elected,
        unfilled_seats: 0,
        lot_required,
        majority,
        rejected: Some(rejected),
        reconciliation: Some(reconciliation),
        turnout,
        supplementary_vote,
        referendum: referendum_result.flatten(),
        deposits,
        collation: Some(statement),
        lots: lot_statements(c, c.collation_lots()),
        recounts: Vec::new(),
        runs: Vec::new(),
        declaration: c.declared().map(|d| DeclarationLine {
            run: d.run,
            by: d.by.clone(),
            at: d.at.clone(),
            officer: None,
            office: None,
        }),
        verification: None,
        arithmetic_problems,
        stv: None,
        stage_sheet: None,
    }
}

/// A referendum's result: the answer with more votes (one leader), or an
/// exact tie between the leaders.
fn referendum_result(
    c: &ContestCount,
    leaders: &[CandidateIdx],
    votes: &[u64],
) -> ReferendumResult {
    let mut result = match leaders {
        [a] => ReferendumResult {
            answer: Some(ids(c, &[*a]).join("")),
            tie: Vec::new(),
            statement: format!("The answer with more votes is \"{}\".", names(c, &[*a])),
            proposal: None,
            combined: None,
        },
        _ => ReferendumResult {
            answer: None,
            tie: ids(c, leaders),
            statement: format!(
                "The votes for {} are equal: an exact tie.",
                names(c, leaders)
            ),
            proposal: None,
            combined: None,
        },
    };
    let local = countroom_rules::local_polls::rules(c.contest().ruleset());
    if let (Some(rules), [a]) = (
        local.filter(|r| r.result == countroom_rules::local_polls::ResultRule::FiguresCertified),
        leaders,
    ) {
        // No majority rule (Referendums (Scotland) Act 2020 s.9(2)(b), (4)):
        // the answer with more votes is a figure, not a proposal carried.
        result.statement = format!(
            "The answer with more votes is \"{}\"; the figures certified are the result ({}).",
            names(c, &[*a]),
            rules.result_citation
        );
    }
    if let Some(rules) =
        local.filter(|r| r.result == countroom_rules::local_polls::ResultRule::MoreThanHalfInFavour)
    {
        // The answers are "Yes" then "No" (checked when the contest was
        // defined).
        let yes = votes.first().copied().unwrap_or(0);
        let no = votes.get(1).copied().unwrap_or(0);
        let in_favour = countroom_rules::local_polls::more_than_half_in_favour(yes, no);
        result.statement = if in_favour {
            rules.declaration.to_owned()
        } else if yes == no {
            format!(
                "The votes for \"Yes\" and \"No\" are equal: {}.",
                rules.equality
            )
        } else {
            rules.not_carried.to_owned()
        };
        result.proposal = Some(ProposalResult {
            rule: "more_than_half_in_favour",
            yes,
            no,
            voting: yes.checked_add(no),
            in_favour,
            citation: rules.result_citation,
        });
    }
    result
}

/// Adds to a neighbourhood planning referendum and its business
/// referendum, once both have a result, what the two give together
/// (Planning and Compulsory Purchase Act 2004 s.38A(4)-(5)).
fn combine_neighbourhood_referendums(
    contests: &mut [ContestReport],
    decisions: &[crate::PlanningDecision],
) {
    use countroom_model::{Office, PollKind};
    use countroom_rules::local_polls::CombinedResult;
    let code = |k: PollKind| Office::LocalPoll(k).code();
    let find = |contests: &[ContestReport], kind: PollKind, election: &str| {
        contests
            .iter()
            .position(|c| c.contest.office == code(kind) && c.contest.election == election)
    };
    let businesses: Vec<usize> = (0..contests.len())
        .filter(|&i| {
            contests
                .get(i)
                .is_some_and(|c| c.contest.office == code(PollKind::NeighbourhoodPlanningBusiness))
        })
        .collect();
    for b in businesses {
        let Some(election) = contests.get(b).map(|c| c.contest.election.clone()) else {
            continue;
        };
        let Some(r) = find(contests, PollKind::NeighbourhoodPlanning, &election) else {
            continue;
        };
        let favour = |i: usize| {
            contests
                .get(i)
                .and_then(|c| c.referendum.as_ref())
                .and_then(|x| x.proposal.as_ref())
                .map(|p| p.in_favour)
        };
        let (Some(rf), Some(bf)) = (favour(r), favour(b)) else {
            continue;
        };
        let declared = |i: usize| {
            contests
                .get(i)
                .is_some_and(|c| c.status == Status::Declared)
        };
        let combined = CombinedResult::of(rf, bf);
        let statement = CombinedStatement {
            residents: contests
                .get(r)
                .map(|c| c.contest.id.clone())
                .unwrap_or_default(),
            business: contests
                .get(b)
                .map(|c| c.contest.id.clone())
                .unwrap_or_default(),
            result: combined.code(),
            statement: combined.statement(),
            final_result: declared(r) && declared(b),
            decision: None,
        };
        // Replay accepts a decision only where the declared results call
        // for one (s.38A(5)), so one recorded for these two is shown.
        let statement = CombinedStatement {
            decision: decisions
                .iter()
                .find(|d| d.residents == statement.residents && d.business == statement.business)
                .map(planning_decision_line),
            ..statement
        };
        for i in [r, b] {
            if let Some(x) = contests.get_mut(i).and_then(|c| c.referendum.as_mut()) {
                x.combined = Some(statement.clone());
            }
        }
    }
}

/// The verification statement of `c`'s poll, once any box has a record,
/// with its impossible figures: the poll's total ballot papers verified
/// above the contest's electorate (each elector has one ballot paper for
/// the poll; tendered papers are kept apart and never verified in the
/// total), as [`impossible_figures`] puts it on the reconciliation.
///
/// At a combined poll (boxes shared by several contests) each contest has
/// its own verification and its own statement: the Returning Officer
/// records "separately the number of ballot papers used in each election"
/// and sends each other Returning Officer "a copy of the statement as to
/// the result of their verification" (Local Elections (Principal Areas)
/// (England and Wales) Rules 2006 Sch 3 r.45(1); Representation of the
/// People (Combination of Polls) (England and Wales) Regulations 2004
/// Sch 2 para 22, modifying Parliamentary Elections Rules r.45). So each
/// poll's total is held against the contest's own electorate, never
/// another poll's: the registers of a county division and a district ward,
/// or of a parliamentary and a local poll, differ in area and franchise.
fn verification_statement(c: &ContestCount) -> Option<countroom_verify::VerificationStatement> {
    (!c.verification().boxes().is_empty()).then(|| {
        let mut statement = countroom_verify::statement(c.verification());
        statement.problems.extend(above_electorate(
            c.contest().electorate().get(),
            "verified",
            statement.total_verified,
        ));
        statement
    })
}

fn uncontested_report(c: &ContestCount, info: ContestInfo) -> ContestReport {
    let contest = c.contest();
    let mut vacancies = contest.vacancies().to_vec();
    vacancies.sort_by(|a, b| b.term_ends.cmp(&a.term_ends).then(a.kind.cmp(&b.kind)));
    let all_same_term = vacancies
        .windows(2)
        .all(|w| w[0].term_ends == w[1].term_ends);
    let elected = contest
        .standing()
        .zip(&vacancies)
        .map(|((_, cand), v)| ElectedLine {
            id: cand.id.to_string(),
            name: cand.name.clone(),
            description: cand.description.clone(),
            votes: None,
            seat: vacancy_kind(v.kind),
            // EC guidance: at an uncontested election with seats of
            // different terms, the lot for the longer term is drawn at the
            // council's first meeting, not at the count.
            term_ends: all_same_term.then_some(v.term_ends).flatten(),
            no_fixed_term: v.term_ends.is_none() && !contest.office().has_fixed_term(),
            by_lot: false,
        })
        .collect();
    let candidates = contest
        .standing()
        .map(|(idx, cand)| CandidateResult {
            ballot_order: idx.get() + 1,
            id: cand.id.to_string(),
            name: cand.name.clone(),
            description: cand.description.clone(),
            votes: None,
            elected: true,
            second_preferences: None,
            total: None,
        })
        .collect();
    ContestReport {
        evidence: None,
        contest: info,
        status: if c.declared().is_some() {
            Status::UncontestedDeclared
        } else {
            Status::Uncontested
        },
        run: None,
        candidates,
        elected,
        // Seats beyond the candidates standing; none when enough stand (a
        // floor at zero by definition, not a clamped sum).
        unfilled_seats: contest.seats().saturating_sub(contest.n_standing()),
        lot_required: None,
        majority: None,
        rejected: None,
        reconciliation: None,
        turnout: None,
        supplementary_vote: None,
        referendum: None,
        deposits: None,
        collation: None,
        lots: Vec::new(),
        recounts: Vec::new(),
        runs: Vec::new(),
        declaration: c.declared().map(|d| DeclarationLine {
            run: d.run,
            by: d.by.clone(),
            officer: None,
            office: None,
            at: d.at.clone(),
        }),
        verification: verification_statement(c),
        arithmetic_problems: Vec::new(),
        stv: None,
        stage_sheet: None,
    }
}

fn saving_clause(
    rules: &countroom_rules::Ruleset,
    run: &Run,
    problems: &mut Vec<String>,
) -> Option<SavingClause> {
    use countroom_tally::SavingReason;
    let saved = run.saved();
    // At most the valid papers (replay refuses more), so this fits.
    let Some(total) = saved.iter().try_fold(0u64, |a, &b| a.checked_add(b)) else {
        problems.push(format!(
            "papers valid under the saving clause {saved:?} sum past the largest count: the saving clause's lines are left out"
        ));
        return None;
    };
    Some(SavingClause {
        citation: rules.void_citation,
        total,
        reasons: SavingReason::ALL
            .into_iter()
            .map(|r| SavedLine {
                code: r.code(),
                label: r.describe(),
                papers: saved.get(r.index()).copied().unwrap_or(0),
            })
            .collect(),
    })
}

fn objection_lines(
    c: &ContestCount,
    rules: &countroom_rules::Ruleset,
    run: &Run,
) -> Vec<ObjectionLine> {
    run.objections()
        .iter()
        .map(|o| ObjectionLine {
            by: o.by.clone(),
            paper: o.paper.clone(),
            head: o.head.map(countroom_rules::RejectionHead::code),
            head_label: o.head.map(|h| {
                rules.head(h).map_or_else(
                    || h.code().to_owned(),
                    |spec| format!("({}) {}", spec.letter, spec.label),
                )
            }),
            batch: o.batch.clone(),
            papers: o.papers,
            candidate: o.candidate.map(|i| ids(c, &[i]).join("")),
            reason: o.reason.clone(),
        })
        .collect()
}

fn run_summary(run: &Run) -> RunSummary {
    RunSummary {
        run: run.number(),
        origin: match run.origin() {
            RunOrigin::First => "first count".to_owned(),
            RunOrigin::Recount { of } => format!("re-count of run {of}"),
        },
        completed: run.completed_by().is_some(),
        bundles: run.n_bundles(),
        batches: run.n_batches(),
        doubtful_decided: run.doubtful_decided(),
        votes: run.tally().votes().to_vec(),
        valid_papers: run.tally().valid_papers(),
        rejected_papers: run.tally().rejected_papers(),
        sources: run
            .sources()
            .iter()
            .map(|s| format!("{} sha256:{}", s.name, s.sha256))
            .collect(),
    }
}

fn adjudication_record(
    contest: &countroom_model::Contest,
    rules: &countroom_rules::Ruleset,
    run: &crate::state::Run,
) -> AdjudicationRecord {
    use crate::state::DecisionKind;
    let name = |id: &str| {
        contest
            .standing()
            .find(|(_, c)| c.id.as_str() == id)
            .map_or_else(|| id.to_owned(), |(_, c)| c.name.clone())
    };
    let mut record = AdjudicationRecord {
        set_aside: 0,
        allowed: 0,
        rejected: 0,
        rejected_in_part: 0,
        undecided: 0,
        papers: Vec::new(),
    };
    for (paper, s) in run.set_aside() {
        record.set_aside += 1;
        let (decision, head) = match s.decision.as_ref().map(|d| d.kind) {
            None => {
                record.undecided += 1;
                ("undecided", None)
            }
            Some(DecisionKind::Valid) => {
                record.allowed += 1;
                ("valid", None)
            }
            Some(DecisionKind::RejectedInPart) => {
                record.rejected_in_part += 1;
                ("rejected_in_part", None)
            }
            Some(DecisionKind::Rejected(h)) => {
                record.rejected += 1;
                let head = rules.head(h).map_or_else(
                    || h.code().to_owned(),
                    |spec| format!("({}) {}", spec.letter, spec.label),
                );
                ("rejected", Some(head))
            }
        };
        let d = s.decision.as_ref();
        record.papers.push(DecisionLine {
            paper: paper.clone(),
            set_aside_because: s.reason.clone(),
            decision,
            head,
            votes: d
                .map(|d| d.votes.iter().map(|v| name(v)).collect())
                .unwrap_or_default(),
            rejection_objected: d.is_some_and(|d| d.rejection_objected),
            by: d.map(|d| d.by.clone()),
            reason: d.and_then(|d| d.reason.clone()),
        });
    }
    record
}

/// The line of the statement of rejected papers for papers whose breakdown
/// by head is not known (published results give only a total): after the
/// statutory heads, with no paragraph letter; none when there are none.
fn not_given_line(papers: u64) -> Option<HeadLine> {
    (papers > 0).then_some(HeadLine {
        letter: "",
        code: RejectionHead::BreakdownNotGiven.code(),
        label: RejectionHead::BREAKDOWN_NOT_GIVEN_LABEL,
        papers,
    })
}
