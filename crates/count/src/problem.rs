//! What can be wrong with an entry of a count log.

use countroom_model::{ContestError, IdError};
use countroom_rules::NoRuleset;
use countroom_tally::TallyError;

/// A problem with one entry of the log. The entry is skipped: the state is
/// as if it had not been written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("entry {seq} ({event}): {kind}")]
#[non_exhaustive]
pub struct LogProblem {
    /// The entry's sequence number.
    pub seq: u64,
    /// The entry's event type.
    pub event: &'static str,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What is wrong with an entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// An entry would make a total of its run pass the largest count
    /// (`u64::MAX`): refused, so that every total of the state fits.
    #[error("{unit} adds {adds} {what} to {to}: the total would exceed the largest count, {max}", max = u64::MAX)]
    TotalOverflow {
        /// The bundle, batch or decision (`bundle B7`).
        unit: String,
        /// What it adds to (`votes for C1`, `valid papers`, `papers counted`).
        what: String,
        /// What it adds (may itself be past `u64::MAX`, summed over heads).
        adds: u128,
        /// The run's total before it.
        to: u128,
    },
    /// `by` is empty.
    #[error("field `by` is empty: every entry must say who did it")]
    NoActor,
    /// A version 2 log defines an election other than its header's.
    #[error("field `election`: the log's header is for election {header:?}, not {found:?}")]
    ElectionNotInHeader {
        /// The election defined.
        found: String,
        /// The header's election.
        header: String,
    },
    /// An identifier is malformed.
    #[error("field `{field}`: {source}")]
    BadId {
        /// The field.
        field: String,
        /// Why.
        source: IdError,
    },
    /// A date is malformed.
    #[error("field `{field}`: {value:?} is not a date (expected YYYY-MM-DD)")]
    BadDate {
        /// The field.
        field: String,
        /// The value.
        value: String,
    },
    /// A code is not one of those allowed.
    #[error("field `{field}`: unknown {what} {value:?} (expected one of: {expected})")]
    UnknownCode {
        /// The field.
        field: String,
        /// What the code names.
        what: &'static str,
        /// The value.
        value: String,
        /// The allowed codes.
        expected: String,
    },
    /// Something is defined twice.
    #[error("field `{field}`: {what} {id} is already defined")]
    Duplicate {
        /// The field.
        field: String,
        /// What.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A field the event needs, left out (read as empty), with what to
    /// give.
    #[error("field `{field}`: missing: {reason}")]
    MissingField {
        /// The field.
        field: String,
        /// What to give.
        reason: String,
    },
    /// A reference to something not defined.
    #[error("field `{field}`: unknown {what} {id}")]
    Unknown {
        /// The field.
        field: String,
        /// What.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A vote for a withdrawn candidate.
    #[error("field `{field}`: candidate {candidate} withdrew and is not on the ballot paper")]
    Withdrawn {
        /// The field.
        field: String,
        /// The candidate.
        candidate: String,
    },
    /// The contest definition is invalid.
    #[error(transparent)]
    Contest(#[from] ContestError),
    /// No ruleset governs the poll.
    #[error(transparent)]
    NoRuleset(#[from] NoRuleset),
    /// The office (or a mayor's kind of authority) cannot be read.
    #[error("field `{field}`: {source}")]
    Office {
        /// `office` or `authority`.
        field: &'static str,
        /// What is wrong.
        source: countroom_model::OfficeError,
    },
    /// A contest for an office elected by a list system (the Senedd, the
    /// Scottish Parliament, the London Assembly): its rulesets are known
    /// (`countroom_rules::lists`), but the list allocation is not counted
    /// through the log. The reason cites the rulesets.
    #[error("field `office`: {reason}")]
    ListPoll {
        /// The office code given.
        office: String,
        /// Why, with the rulesets cited
        /// (`countroom_rules::lists::refusal_for_office_code`).
        reason: String,
    },
    /// A local poll's definition breaks a rule of its instrument: a parish
    /// poll on a question without its question, a Yes/No referendum whose
    /// answers are not Yes and No, a business referendum without its
    /// residents' referendum, a question given for an election.
    #[error("field `{field}`: {message}")]
    LocalPoll {
        /// The field: `question`, `candidates` or `office`.
        field: &'static str,
        /// What is wrong, with the rule.
        message: String,
    },
    /// The number of seats is not one the ruleset allows.
    #[error(
        "field `vacancies`: a {office} contest under {ruleset} fills {allowed}; {seats} given"
    )]
    Seats {
        /// The office code.
        office: String,
        /// The ruleset's code.
        ruleset: &'static str,
        /// Vacancies given.
        seats: usize,
        /// What the ruleset allows.
        allowed: &'static str,
    },
    /// The stated ruleset is not the one that governs the poll.
    #[error("field `ruleset`: {given:?} is not the ruleset for this poll, which is {selected:?}")]
    RulesetMismatch {
        /// Stated.
        given: String,
        /// Selected by country, office and date.
        selected: &'static str,
    },
    /// Counting in an uncontested election.
    #[error("contest {contest} is uncontested ({standing} standing for {seats} seats): there is no poll and nothing to count")]
    Uncontested {
        /// The contest.
        contest: String,
        /// Candidates standing.
        standing: usize,
        /// Seats.
        seats: usize,
    },
    /// The contest's result has been declared.
    #[error(
        "contest {contest}: the result was declared from run {run}; nothing more can be recorded"
    )]
    AlreadyDeclared {
        /// The contest.
        contest: String,
        /// The run declared.
        run: u32,
    },
    /// The event names a run other than the current one.
    #[error("field `run`: contest {contest} is on run {current}, not run {run}")]
    WrongRun {
        /// The contest.
        contest: String,
        /// The run named.
        run: u32,
        /// The current run.
        current: u32,
    },
    /// Counting in a completed run.
    #[error("contest {contest}: the counting of run {run} is completed; nothing more can be counted in it")]
    RunCompleted {
        /// The contest.
        contest: String,
        /// The run.
        run: u32,
    },
    /// The run must be completed first.
    #[error("contest {contest}: the counting of run {run} is not completed yet")]
    RunNotCompleted {
        /// The contest.
        contest: String,
        /// The run.
        run: u32,
    },
    /// A candidate has more votes than papers in the bundle.
    #[error("field `{field}`: candidate {candidate} has {votes} votes but the bundle has only {papers} papers (one vote per candidate per paper)")]
    VotesExceedPapers {
        /// The field.
        field: String,
        /// The candidate.
        candidate: String,
        /// Votes.
        votes: u64,
        /// Papers.
        papers: u64,
    },
    /// More votes than the papers can carry.
    #[error("{votes} votes on {papers} papers exceed {seats} votes per paper")]
    TooManyVotes {
        /// Total votes.
        votes: u64,
        /// Seats (votes per paper).
        seats: usize,
        /// Papers.
        papers: u64,
    },
    /// At a single-seat poll votes must equal valid papers.
    #[error("field `papers`: {papers} valid papers but {votes} votes; at a single-seat poll each valid paper is one vote")]
    PapersVotesMismatch {
        /// Papers.
        papers: u64,
        /// Votes.
        votes: u64,
    },
    /// A multi-seat bundle must give its papers.
    #[error("field `papers` is required when {seats} seats are filled (votes are not papers)")]
    PapersRequired {
        /// Seats.
        seats: usize,
    },
    /// The head is not on this ruleset's statement.
    #[error("field `{field}`: head {head:?} is not on the statement of rejected ballot papers under {ruleset}")]
    HeadNotInRuleset {
        /// The field.
        field: String,
        /// The head.
        head: String,
        /// The ruleset.
        ruleset: &'static str,
    },
    /// A decision on a paper that was never set aside.
    #[error("field `paper`: paper {paper:?} was never set aside as doubtful in run {run} (papers set aside: {set_aside})")]
    PaperNotSetAside {
        /// The paper.
        paper: String,
        /// The run.
        run: u32,
        /// The papers set aside in the run (up to ten).
        set_aside: String,
    },
    /// A second decision on one paper.
    #[error("field `paper`: paper {paper:?} was already decided in run {run}; the returning officer's decision is final")]
    PaperAlreadyDecided {
        /// The paper.
        paper: String,
        /// The run.
        run: u32,
    },
    /// A paper reference set aside twice in one run.
    #[error("field `{field}`: paper {paper:?} is already set aside in run {run}")]
    PaperSetAsideTwice {
        /// The field.
        field: String,
        /// The paper.
        paper: String,
        /// The run.
        run: u32,
    },
    /// Counting completed with doubtful papers undecided.
    #[error("run {run}: {count} doubtful papers set aside are not yet decided by the returning officer ({papers}); decide them before the count is completed")]
    UndecidedPapers {
        /// The run.
        run: u32,
        /// How many.
        count: usize,
        /// The first ten.
        papers: String,
    },
    /// The ruleset's counting method is not built.
    #[error("{ruleset} counts by the {method}, which countroom cannot count yet (see the feature table in README.md); its ballot papers can be adjudicated with countroom-adjudicate")]
    MethodNotBuilt {
        /// The ruleset.
        ruleset: &'static str,
        /// The method.
        method: &'static str,
    },
    /// A step of a collation refused.
    #[error(transparent)]
    Collate(#[from] countroom_collate::CollateError),
    /// Papers counted at the collating officer's level for a collated poll.
    #[error("contest {contest} is counted in its counting areas and collated: record each area's figures with local_total_reported, not bundles or batches")]
    Collated {
        /// The contest.
        contest: String,
    },
    /// A collation event for a poll that is not collated.
    #[error("contest {contest} is counted at one count (no counting_areas in its contest_defined): it has no local totals")]
    NotCollated {
        /// The contest.
        contest: String,
    },
    /// An entry that only a supplementary-vote poll has.
    #[error("field `{field}`: only a supplementary-vote poll has second preferences; this poll is counted under {ruleset}")]
    NotSupplementaryVote {
        /// The field.
        field: String,
        /// The ruleset.
        ruleset: &'static str,
    },
    /// Second preferences for a candidate eliminated at the first count.
    #[error("field `{field}`: {candidate} was eliminated at the first count; second preferences are counted only for the remaining candidates ({remaining})")]
    EliminatedCandidate {
        /// The field.
        field: String,
        /// The candidate.
        candidate: String,
        /// The remaining candidates.
        remaining: String,
    },
    /// A second count where none is under way.
    #[error("contest {contest} run {run}: no second count can be recorded: {reason}")]
    NoSecondCount {
        /// The contest.
        contest: String,
        /// The run.
        run: u32,
        /// Why.
        reason: String,
    },
    /// A batch's second preferences do not cover its first preferences.
    #[error("field `{field}`: the second preferences of {candidate}'s papers add up to {rows}, but {candidate} has {first} first preferences in this batch")]
    SecondPreferencesMismatch {
        /// The field.
        field: String,
        /// The first-preference candidate.
        candidate: String,
        /// Papers in the rows.
        rows: u64,
        /// First preferences.
        first: u64,
    },
    /// "Rejected in part" does not apply.
    #[error("papers rejected in part do not arise at a single-seat poll or under {ruleset}")]
    RejectedInPartNotApplicable {
        /// The ruleset.
        ruleset: &'static str,
    },
    /// A figure does not fit.
    #[error(transparent)]
    Tally(#[from] TallyError),
    /// A decision on a recount that was not requested.
    #[error("contest {contest}: no re-count of run {run} is waiting for a decision")]
    RecountNotRequested {
        /// The contest.
        contest: String,
        /// The run.
        run: u32,
    },
    /// A request for a re-count is waiting for a decision.
    #[error("contest {contest}: a request for a re-count of run {run} is waiting for the returning officer's decision")]
    RecountPending {
        /// The contest.
        contest: String,
        /// The run.
        run: u32,
    },
    /// A lot where the votes need none.
    #[error("contest {contest}, run {run}: no lot is needed for {purpose}")]
    NoLotNeeded {
        /// The contest.
        contest: String,
        /// The run.
        run: u32,
        /// The purpose named.
        purpose: &'static str,
    },
    /// The lot does not match the equality of votes.
    #[error(
        "contest {contest}, run {run}: the lot needed is {expected}; the entry records {found}"
    )]
    LotMismatch {
        /// The contest.
        contest: String,
        /// The run.
        run: u32,
        /// The lot needed.
        expected: String,
        /// The lot recorded.
        found: String,
    },
    /// A seeded lot whose winners are not those the seed draws.
    #[error("contest {contest}, run {run}: the seed {seed:?} draws {expected}, not {found}")]
    SeededLotMismatch {
        /// The contest.
        contest: String,
        /// The run.
        run: u32,
        /// The seed.
        seed: String,
        /// The winners the seed draws.
        expected: String,
        /// The winners recorded.
        found: String,
    },
    /// The result cannot be declared yet.
    #[error("contest {contest}: run {run} cannot be declared: {reason}")]
    NotDeclarable {
        /// The contest.
        contest: String,
        /// The run.
        run: u32,
        /// Why.
        reason: String,
    },
    /// A verification step that cannot be taken.
    #[error("{0}")]
    Verify(#[from] countroom_verify::VerifyError),
    /// A serial range is malformed.
    #[error("field `{field}`: {source}")]
    BadSerial {
        /// The field.
        field: String,
        /// Why.
        source: countroom_model::SerialError,
    },
    /// Two boxes' accounts were entrusted the same serial numbers.
    #[error(
        "field `{field}`: serial range {range} overlaps range {other} entrusted to box {other_box}"
    )]
    SerialOverlap {
        /// The field.
        field: String,
        /// The range.
        range: String,
        /// The range it overlaps.
        other: String,
        /// The box that range belongs to.
        other_box: String,
    },
    /// A box that does not hold the poll's papers.
    #[error("field `{field}`: ballot box {ballot_box} does not hold papers of contest {contest}")]
    BoxNotForContest {
        /// The field.
        field: String,
        /// The box.
        ballot_box: String,
        /// The contest.
        contest: String,
    },
    /// The step needs a box of the other kind.
    #[error("field `{field}`: ballot box {ballot_box} is {actual}; {needed}")]
    WrongBoxKind {
        /// The field.
        field: String,
        /// The box.
        ballot_box: String,
        /// What it is.
        actual: &'static str,
        /// What the step needs.
        needed: &'static str,
    },
    /// Verification of the poll is completed.
    #[error("verification of contest {contest} is completed; nothing more can be recorded in it")]
    VerificationCompleted {
        /// The contest.
        contest: String,
    },
    /// The verified figure comes from verification.
    #[error("contest {contest} is verified in the log (ballot paper accounts and box counts): its verified figure cannot also be entered")]
    VerifiedFromVerification {
        /// The contest.
        contest: String,
    },
    /// Papers valid under the saving clause beyond the valid papers.
    #[error("field `{field}`: {saved} papers valid under the saving clause, but {place} has only {valid} valid papers")]
    SavedExceedValid {
        /// The field.
        field: String,
        /// Papers saved (summed exactly: it may pass `u64::MAX`).
        saved: u128,
        /// Valid papers.
        valid: u64,
        /// The batch or run.
        place: String,
    },
    /// An objection to more papers than were rejected under the head.
    #[error("field `papers`: an objection to {papers} papers rejected under head {head:?}, but {place} has {rejected} papers rejected under that head ({objected} already objected to)")]
    ObjectionExceedsRejected {
        /// The head.
        head: String,
        /// Papers objected to.
        papers: u64,
        /// The run or batch.
        place: String,
        /// Papers rejected under the head there.
        rejected: u64,
        /// Papers under the head already objected to there (summed
        /// exactly).
        objected: u128,
    },
    /// A declaration of an uncontested election that names a run.
    #[error("field `run`: contest {contest} is uncontested ({standing} standing for {seats} seats): there was no poll, so its result is declared with run 0, not run {run}")]
    UncontestedRun {
        /// The contest.
        contest: String,
        /// Candidates standing.
        standing: usize,
        /// Seats.
        seats: usize,
        /// The run named.
        run: u32,
    },
    /// The entry's `by` may not record it (see [`crate::authority`]).
    #[error(transparent)]
    Authority(#[from] crate::authority::Refusal),
    /// An appointment whose fields do not fit.
    #[error("field `{field}`: {reason}")]
    BadAppointment {
        /// The field.
        field: String,
        /// Why.
        reason: String,
    },
    /// A checkpoint in a log that has no chain.
    #[error(
        "a version {version} log has no chain to sign: upgrade it first (`countroom upgrade`)"
    )]
    CheckpointUnchained {
        /// The log's version.
        version: u32,
    },
    /// A checkpoint whose `through` is not the entry before it.
    #[error("field `through`: {through} is not the entry just before this one ({expected})")]
    CheckpointThrough {
        /// As written.
        through: u64,
        /// The entry before.
        expected: u64,
    },
    /// A checkpoint whose `head` is not the chain head before it.
    #[error("field `head`: {head} is not the chain head after entry {through} ({expected})")]
    CheckpointHead {
        /// As written.
        head: String,
        /// The entry it should follow.
        through: u64,
        /// The chain head there.
        expected: String,
    },
    /// The signer had no key appointed before the checkpoint.
    #[error("{person} had no public key appointed before this entry: a signature is checked with the key appointed for the signer before it (a key appointed later, or never, does not verify)")]
    CheckpointNoKey {
        /// The signer.
        person: String,
    },
    /// The signature does not verify.
    #[error("field `signature`: {source} (appointed for {person} at entry {appointed})")]
    CheckpointSignature {
        /// The signer.
        person: String,
        /// The entry that appointed the key.
        appointed: u64,
        /// Why.
        source: countroom_log::checkpoint::CheckpointError,
    },
    /// A doubtful-paper decision that does not fit the poll.
    #[error("field `{field}`: {reason}")]
    BadDecision {
        /// The field.
        field: String,
        /// Why.
        reason: String,
    },
    /// Preferences, or an STV lot, for a poll not counted by the single
    /// transferable vote.
    #[error("field `{field}`: only a single transferable vote poll has preferences and lots by stage; this poll is counted under {ruleset}")]
    NotStv {
        /// The field.
        field: String,
        /// The ruleset.
        ruleset: &'static str,
    },
    /// An entry of a single transferable vote poll that does not fit it.
    #[error("field `{field}`: {reason}")]
    Stv {
        /// The field.
        field: String,
        /// Why.
        reason: String,
    },
    /// An entry of a list-system contest that does not fit it (a lot no
    /// equality calls for, a recalculation before the allocation, a vacancy
    /// for someone not returned, …).
    #[error("field `{field}`: {reason}")]
    ListContest {
        /// The field.
        field: String,
        /// Why.
        reason: String,
    },
}

impl ProblemKind {
    /// The field of the entry the problem is about, where its message names
    /// one: every message that does begins `field `NAME``, the name as the
    /// entry writes it (`votes[0].candidate`, `run`), and that name is the
    /// field. `None` for a problem of the entry as a whole.
    ///
    /// ```
    /// use countroom_count::ProblemKind;
    ///
    /// let kind = ProblemKind::NoActor;
    /// assert_eq!(kind.field().as_deref(), Some("by"));
    /// ```
    #[must_use]
    pub fn field(&self) -> Option<String> {
        let message = self.to_string();
        let rest = message.strip_prefix("field `")?;
        let end = rest.find('`')?;
        rest.get(..end).map(str::to_owned)
    }

    /// Every stable code [`ProblemKind::code`] gives, in declaration order: the
    /// table "Stable codes" of docs/formats.md lists them.
    pub const CODES: &'static [&'static str] = &[
        "total_overflow",
        "no_actor",
        "election_not_in_header",
        "bad_id",
        "bad_date",
        "unknown_code",
        "duplicate",
        "unknown",
        "withdrawn",
        "contest",
        "no_ruleset",
        "office",
        "list_poll",
        "local_poll",
        "seats",
        "ruleset_mismatch",
        "uncontested",
        "already_declared",
        "wrong_run",
        "run_completed",
        "run_not_completed",
        "votes_exceed_papers",
        "too_many_votes",
        "papers_votes_mismatch",
        "papers_required",
        "head_not_in_ruleset",
        "paper_not_set_aside",
        "paper_already_decided",
        "paper_set_aside_twice",
        "undecided_papers",
        "method_not_built",
        "collate",
        "collated",
        "not_collated",
        "not_supplementary_vote",
        "eliminated_candidate",
        "no_second_count",
        "second_preferences_mismatch",
        "rejected_in_part_not_applicable",
        "tally",
        "recount_not_requested",
        "recount_pending",
        "no_lot_needed",
        "lot_mismatch",
        "seeded_lot_mismatch",
        "not_declarable",
        "verify",
        "bad_serial",
        "serial_overlap",
        "box_not_for_contest",
        "wrong_box_kind",
        "verification_completed",
        "verified_from_verification",
        "saved_exceed_valid",
        "objection_exceeds_rejected",
        "uncontested_run",
        "authority",
        "bad_appointment",
        "checkpoint_unchained",
        "checkpoint_through",
        "checkpoint_head",
        "checkpoint_no_key",
        "checkpoint_signature",
        "bad_decision",
        "not_stv",
        "stv",
        "list_contest",
    ];

    /// The stable snake_case code of this kind of problem, for
    /// machine-readable output (`countroom_io::Problem::code`): written out
    /// here, never derived from the variant's name, so renaming a variant
    /// does not change it; listed in docs/formats.md, "Stable codes".
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            ProblemKind::TotalOverflow { .. } => "total_overflow",
            ProblemKind::NoActor => "no_actor",
            ProblemKind::ElectionNotInHeader { .. } => "election_not_in_header",
            ProblemKind::BadId { .. } => "bad_id",
            ProblemKind::BadDate { .. } => "bad_date",
            ProblemKind::UnknownCode { .. } => "unknown_code",
            ProblemKind::Duplicate { .. } => "duplicate",
            ProblemKind::MissingField { .. } => "missing_field",
            ProblemKind::Unknown { .. } => "unknown",
            ProblemKind::Withdrawn { .. } => "withdrawn",
            ProblemKind::Contest(..) => "contest",
            ProblemKind::NoRuleset(..) => "no_ruleset",
            ProblemKind::Office { .. } => "office",
            ProblemKind::ListPoll { .. } => "list_poll",
            ProblemKind::LocalPoll { .. } => "local_poll",
            ProblemKind::Seats { .. } => "seats",
            ProblemKind::RulesetMismatch { .. } => "ruleset_mismatch",
            ProblemKind::Uncontested { .. } => "uncontested",
            ProblemKind::AlreadyDeclared { .. } => "already_declared",
            ProblemKind::WrongRun { .. } => "wrong_run",
            ProblemKind::RunCompleted { .. } => "run_completed",
            ProblemKind::RunNotCompleted { .. } => "run_not_completed",
            ProblemKind::VotesExceedPapers { .. } => "votes_exceed_papers",
            ProblemKind::TooManyVotes { .. } => "too_many_votes",
            ProblemKind::PapersVotesMismatch { .. } => "papers_votes_mismatch",
            ProblemKind::PapersRequired { .. } => "papers_required",
            ProblemKind::HeadNotInRuleset { .. } => "head_not_in_ruleset",
            ProblemKind::PaperNotSetAside { .. } => "paper_not_set_aside",
            ProblemKind::PaperAlreadyDecided { .. } => "paper_already_decided",
            ProblemKind::PaperSetAsideTwice { .. } => "paper_set_aside_twice",
            ProblemKind::UndecidedPapers { .. } => "undecided_papers",
            ProblemKind::MethodNotBuilt { .. } => "method_not_built",
            ProblemKind::Collate(..) => "collate",
            ProblemKind::Collated { .. } => "collated",
            ProblemKind::NotCollated { .. } => "not_collated",
            ProblemKind::NotSupplementaryVote { .. } => "not_supplementary_vote",
            ProblemKind::EliminatedCandidate { .. } => "eliminated_candidate",
            ProblemKind::NoSecondCount { .. } => "no_second_count",
            ProblemKind::SecondPreferencesMismatch { .. } => "second_preferences_mismatch",
            ProblemKind::RejectedInPartNotApplicable { .. } => "rejected_in_part_not_applicable",
            ProblemKind::Tally(..) => "tally",
            ProblemKind::RecountNotRequested { .. } => "recount_not_requested",
            ProblemKind::RecountPending { .. } => "recount_pending",
            ProblemKind::NoLotNeeded { .. } => "no_lot_needed",
            ProblemKind::LotMismatch { .. } => "lot_mismatch",
            ProblemKind::SeededLotMismatch { .. } => "seeded_lot_mismatch",
            ProblemKind::NotDeclarable { .. } => "not_declarable",
            ProblemKind::Verify(..) => "verify",
            ProblemKind::BadSerial { .. } => "bad_serial",
            ProblemKind::SerialOverlap { .. } => "serial_overlap",
            ProblemKind::BoxNotForContest { .. } => "box_not_for_contest",
            ProblemKind::WrongBoxKind { .. } => "wrong_box_kind",
            ProblemKind::VerificationCompleted { .. } => "verification_completed",
            ProblemKind::VerifiedFromVerification { .. } => "verified_from_verification",
            ProblemKind::SavedExceedValid { .. } => "saved_exceed_valid",
            ProblemKind::ObjectionExceedsRejected { .. } => "objection_exceeds_rejected",
            ProblemKind::UncontestedRun { .. } => "uncontested_run",
            ProblemKind::Authority(..) => "authority",
            ProblemKind::BadAppointment { .. } => "bad_appointment",
            ProblemKind::CheckpointUnchained { .. } => "checkpoint_unchained",
            ProblemKind::CheckpointThrough { .. } => "checkpoint_through",
            ProblemKind::CheckpointHead { .. } => "checkpoint_head",
            ProblemKind::CheckpointNoKey { .. } => "checkpoint_no_key",
            ProblemKind::CheckpointSignature { .. } => "checkpoint_signature",
            ProblemKind::BadDecision { .. } => "bad_decision",
            ProblemKind::NotStv { .. } => "not_stv",
            ProblemKind::Stv { .. } => "stv",
            ProblemKind::ListContest { .. } => "list_contest",
        }
    }
}
