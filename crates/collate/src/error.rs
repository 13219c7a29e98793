//! Why a step of a collation is refused.

use countroom_rules::RejectionHead;

/// Why a step of a collation is refused; each names the poll or area, and
/// the field or value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CollateError {
    /// The plan lists no candidates or answers.
    #[error("poll {poll}: no choices (candidates or answers)")]
    NoChoices {
        /// The poll.
        poll: String,
    },
    /// The plan lists no counting areas.
    #[error("poll {poll}: no counting areas")]
    NoAreas {
        /// The poll.
        poll: String,
    },
    /// An empty identifier in the plan.
    #[error("poll {poll}: {what} {position} has an empty id")]
    EmptyId {
        /// The poll.
        poll: String,
        /// `choice`, `region` or `area`.
        what: &'static str,
        /// Its 1-based position in the plan.
        position: usize,
    },
    /// A choice listed twice.
    #[error("poll {poll}: choice {choice:?} is listed twice")]
    DuplicateChoice {
        /// The poll.
        poll: String,
        /// The choice id.
        choice: String,
    },
    /// A head listed twice.
    #[error("poll {poll}: head {head} is listed twice")]
    DuplicateHead {
        /// The poll.
        poll: String,
        /// The head.
        head: RejectionHead,
    },
    /// A region listed twice.
    #[error("poll {poll}: region {region:?} is listed twice")]
    DuplicateRegion {
        /// The poll.
        poll: String,
        /// The region id.
        region: String,
    },
    /// An area listed twice.
    #[error("poll {poll}: area {area:?} is listed twice")]
    DuplicateArea {
        /// The poll.
        poll: String,
        /// The area id.
        area: String,
    },
    /// An area names a region the plan does not have.
    #[error("poll {poll}: area {area} is in region {region:?}, which is not a region of the poll")]
    UnknownRegion {
        /// The poll.
        poll: String,
        /// The area.
        area: String,
        /// The region named.
        region: String,
    },
    /// A total for an area that is not a counting area of the poll.
    #[error("area {area:?} is not a counting area of poll {poll}")]
    UnknownArea {
        /// The poll.
        poll: String,
        /// The area named.
        area: String,
    },
    /// A second local total for an area, with no re-count ordered.
    #[error("area {area}: a local total has already been reported (a re-count must be ordered before another is reported)")]
    AlreadyReported {
        /// The area.
        area: String,
    },
    /// A list of figures of the wrong length.
    #[error("area {area}: {found} {what}, but the poll has {expected}")]
    WrongLength {
        /// The area.
        area: String,
        /// What was counted: `vote figures`, `rejected-paper heads`,
        /// `second-preference figures`.
        what: &'static str,
        /// The poll's number of choices or heads.
        expected: usize,
        /// The number given.
        found: usize,
    },
    /// A sum passed `u64::MAX`.
    #[error("{scope}: the {what} pass {max} (count overflow)", max = u64::MAX)]
    Overflow {
        /// Where: `area …`, `region …`, `poll …`, `contest …`.
        scope: String,
        /// Which sum, e.g. `valid votes`.
        what: &'static str,
    },
    /// A step on an area that has no local total.
    #[error("area {area}: no local total has been reported")]
    NotReported {
        /// The area.
        area: String,
    },
    /// An area authorised twice.
    #[error("area {area}: the local total is already authorised")]
    AlreadyAuthorised {
        /// The area.
        area: String,
    },
    /// The collator's check found a variance that the local officer has not
    /// explained (EC PARO guidance: the local officer must resolve or
    /// explain it before the total is authorised).
    #[error("area {area}: {}; the local officer must resolve or explain it before the total is authorised", describe_variance(*.forward_less_verified, *.counted_less_forward))]
    UnexplainedVariance {
        /// The area.
        area: String,
        /// Ballot papers going forward to the count less those verified
        /// (polling stations plus postal), when both are given.
        forward_less_verified: Option<i128>,
        /// Votes counted plus rejected papers, less the ballot papers going
        /// forward to the count.
        counted_less_forward: i128,
    },
    /// A figure of the local total above the area's electorate: each
    /// elector has one ballot paper (tendered papers are never counted),
    /// so the figures cannot be true, and the total is not authorised
    /// however it is explained (the collating officer orders a re-count of
    /// the area, or the local officer corrects the figures).
    #[error("area {area}: {}; each elector has one ballot paper, so these figures cannot be true: the total is not authorised, however it is explained, until the figures are corrected or the area re-counted", describe_above(.figures))]
    AboveElectorate {
        /// The area.
        area: String,
        /// Each figure above the electorate.
        figures: Vec<crate::AboveElectorate>,
    },
    /// The explanation states a variance that the figures do not show: it
    /// explains other figures (a figure mistyped or changed after it was
    /// written), so the total is not authorised on it.
    #[error("area {area}: {}; the explanation is of other figures, so the total is not authorised on it: correct the figures, or the local officer explains the variance the figures show", describe_mismatches(.mismatches))]
    ExplanationNotOfVariance {
        /// The area.
        area: String,
        /// Each variance stated that the figures do not show.
        mismatches: Vec<crate::VarianceMismatch>,
    },
    /// An explanation that does not state the variance it explains, where
    /// it must ([`crate::Collation::authorise_stated`]: `countroom collate`'s
    /// file of local totals).
    #[error("area {area}: {}; the explanation does not say which variance it explains: give the variance it explains in `Explained_Variance` (votes counted plus rejected papers less the papers going forward) and, where the papers going forward differ from those verified, `Explained_Forward_Variance`, so that it authorises those figures only", describe_variance(*.forward_less_verified, *.counted_less_forward))]
    VarianceNotStated {
        /// The area.
        area: String,
        /// Ballot papers going forward to the count less those verified
        /// (polling stations plus postal), when both are given.
        forward_less_verified: Option<i128>,
        /// Votes counted plus rejected papers, less the ballot papers going
        /// forward to the count.
        counted_less_forward: i128,
    },
    /// A blank explanation of a variance.
    #[error("area {area}: the explanation of the variance is blank")]
    BlankExplanation {
        /// The area.
        area: String,
    },
    /// A supplementary-vote step at a poll counted by another method.
    #[error("poll {poll} is counted by {method}: {step} is a step of the supplementary vote only")]
    NotSupplementaryVote {
        /// The poll.
        poll: String,
        /// The poll's method.
        method: crate::Method,
        /// The step refused.
        step: &'static str,
    },
    /// A step that needs every area's local total authorised.
    #[error("poll {poll}: not every local total is authorised (not reported: {}; not authorised: {})", list(.missing), list(.unauthorised))]
    Incomplete {
        /// The poll.
        poll: String,
        /// Areas with no local total.
        missing: Vec<String>,
        /// Areas whose total is not authorised.
        unauthorised: Vec<String>,
    },
    /// No second count: a candidate has more than half the first
    /// preferences.
    #[error("poll {poll}: {choice} has more than half of the first preference votes and is returned; there is no second count")]
    MajorityAtFirstCount {
        /// The poll.
        poll: String,
        /// The candidate returned.
        choice: String,
    },
    /// No second count: two candidates only, equal on votes (a lot decides).
    #[error("poll {poll}: the candidates {} are equal and there is no second preference; a lot decides", list(.tied))]
    EqualityAtFirstCount {
        /// The poll.
        poll: String,
        /// The candidates equal.
        tied: Vec<String>,
    },
    /// The second count has already been directed.
    #[error("poll {poll}: the second count has already been directed")]
    SecondCountAlreadyDirected {
        /// The poll.
        poll: String,
    },
    /// A second-count total (or re-count) before the second count was
    /// directed.
    #[error("area {area}: the second count of poll {poll} has not been directed")]
    SecondCountNotDirected {
        /// The poll.
        poll: String,
        /// The area.
        area: String,
    },
    /// A second second-count total for an area.
    #[error("area {area}: a second-count total has already been reported (a re-count must be ordered before another is reported)")]
    SecondAlreadyReported {
        /// The area.
        area: String,
    },
    /// A re-count of a second count that was never reported.
    #[error("area {area}: no second-count total has been reported")]
    SecondNotReported {
        /// The area.
        area: String,
    },
    /// Second preferences for a candidate who does not remain: only
    /// second preferences for the remaining candidates are counted (PCCEO
    /// 2012 r.60(1); GLAA 1999 Sch 2 para 4(4)).
    #[error("area {area}: {votes} second preferences for {choice}, who was eliminated at the first count")]
    EliminatedChoice {
        /// The area.
        area: String,
        /// The candidate.
        choice: String,
        /// The votes given.
        votes: u64,
    },
    /// More papers at the second count than the area's papers whose first
    /// preference was for an eliminated candidate (the only papers
    /// examined).
    #[error("area {area}: the second count accounts for {examined} papers, but only {available} gave their first preference to an eliminated candidate")]
    SecondCountExceedsPapers {
        /// The area.
        area: String,
        /// Second preferences counted plus papers rejected at the second
        /// count.
        examined: u64,
        /// First preferences for eliminated candidates in the area.
        available: u64,
    },
    /// A lot at a referendum: an exact tie is reported, not decided.
    #[error("poll {poll}: a referendum's equality is reported, not decided by lot")]
    LotNotApplicable {
        /// The poll.
        poll: String,
    },
    /// A lot when the figures show no equality to settle.
    #[error("poll {poll}: the figures show no equality of votes to settle by lot")]
    NoEquality {
        /// The poll.
        poll: String,
    },
    /// A lot between other candidates than those equal.
    #[error("poll {poll}: the lot was drawn between {} but the equality is between {}", list(.tied), list(.equality))]
    LotMismatch {
        /// The poll.
        poll: String,
        /// The candidates the lot names.
        tied: Vec<String>,
        /// The candidates equal on the figures.
        equality: Vec<String>,
    },
    /// A lot whose winner was not one of those equal.
    #[error("poll {poll}: the lot falls on {winner}, who is not one of the candidates equal")]
    LotWinnerNotTied {
        /// The poll.
        poll: String,
        /// The winner named.
        winner: String,
    },
    /// A lot already recorded.
    #[error("poll {poll}: a lot has already been recorded for this equality")]
    LotAlreadyRecorded {
        /// The poll.
        poll: String,
    },
    /// Figures that cannot be added (of another shape).
    #[error("{scope}: {error}")]
    Figures {
        /// Where.
        scope: String,
        /// Why.
        #[source]
        error: FiguresError,
    },
    /// The counting core refused the figures.
    #[error("poll {poll}: {error}")]
    Count {
        /// The poll.
        poll: String,
        /// Why.
        #[source]
        error: countroom_tally::TallyError,
    },
    /// A choice index out of range.
    #[error("poll {poll}: choice index {index}, but the poll has {n} choices")]
    ChoiceIndex {
        /// The poll.
        poll: String,
        /// The index given.
        index: usize,
        /// Choices in the poll.
        n: usize,
    },
}

impl CollateError {
    /// Every stable code [`CollateError::code`] gives, in declaration order: the
    /// table "Stable codes" of docs/formats.md lists them.
    pub const CODES: &'static [&'static str] = &[
        "no_choices",
        "no_areas",
        "empty_id",
        "duplicate_choice",
        "duplicate_head",
        "duplicate_region",
        "duplicate_area",
        "unknown_region",
        "unknown_area",
        "already_reported",
        "wrong_length",
        "overflow",
        "not_reported",
        "already_authorised",
        "unexplained_variance",
        "above_electorate",
        "explanation_not_of_variance",
        "variance_not_stated",
        "blank_explanation",
        "not_supplementary_vote",
        "incomplete",
        "majority_at_first_count",
        "equality_at_first_count",
        "second_count_already_directed",
        "second_count_not_directed",
        "second_already_reported",
        "second_not_reported",
        "eliminated_choice",
        "second_count_exceeds_papers",
        "lot_not_applicable",
        "no_equality",
        "lot_mismatch",
        "lot_winner_not_tied",
        "lot_already_recorded",
        "figures",
        "count",
        "choice_index",
    ];

    /// The stable snake_case code of this kind of problem, for
    /// machine-readable output (`countroom_io::Problem::code`): written out
    /// here, never derived from the variant's name, so renaming a variant
    /// does not change it; listed in docs/formats.md, "Stable codes".
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            CollateError::NoChoices { .. } => "no_choices",
            CollateError::NoAreas { .. } => "no_areas",
            CollateError::EmptyId { .. } => "empty_id",
            CollateError::DuplicateChoice { .. } => "duplicate_choice",
            CollateError::DuplicateHead { .. } => "duplicate_head",
            CollateError::DuplicateRegion { .. } => "duplicate_region",
            CollateError::DuplicateArea { .. } => "duplicate_area",
            CollateError::UnknownRegion { .. } => "unknown_region",
            CollateError::UnknownArea { .. } => "unknown_area",
            CollateError::AlreadyReported { .. } => "already_reported",
            CollateError::WrongLength { .. } => "wrong_length",
            CollateError::Overflow { .. } => "overflow",
            CollateError::NotReported { .. } => "not_reported",
            CollateError::AlreadyAuthorised { .. } => "already_authorised",
            CollateError::UnexplainedVariance { .. } => "unexplained_variance",
            CollateError::AboveElectorate { .. } => "above_electorate",
            CollateError::ExplanationNotOfVariance { .. } => "explanation_not_of_variance",
            CollateError::VarianceNotStated { .. } => "variance_not_stated",
            CollateError::BlankExplanation { .. } => "blank_explanation",
            CollateError::NotSupplementaryVote { .. } => "not_supplementary_vote",
            CollateError::Incomplete { .. } => "incomplete",
            CollateError::MajorityAtFirstCount { .. } => "majority_at_first_count",
            CollateError::EqualityAtFirstCount { .. } => "equality_at_first_count",
            CollateError::SecondCountAlreadyDirected { .. } => "second_count_already_directed",
            CollateError::SecondCountNotDirected { .. } => "second_count_not_directed",
            CollateError::SecondAlreadyReported { .. } => "second_already_reported",
            CollateError::SecondNotReported { .. } => "second_not_reported",
            CollateError::EliminatedChoice { .. } => "eliminated_choice",
            CollateError::SecondCountExceedsPapers { .. } => "second_count_exceeds_papers",
            CollateError::LotNotApplicable { .. } => "lot_not_applicable",
            CollateError::NoEquality { .. } => "no_equality",
            CollateError::LotMismatch { .. } => "lot_mismatch",
            CollateError::LotWinnerNotTied { .. } => "lot_winner_not_tied",
            CollateError::LotAlreadyRecorded { .. } => "lot_already_recorded",
            CollateError::Figures { .. } => "figures",
            CollateError::Count { .. } => "count",
            CollateError::ChoiceIndex { .. } => "choice_index",
        }
    }
}

/// Why [`crate::Figures::merge`] refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FiguresError {
    /// The figures are of polls with different numbers of choices or heads.
    #[error("cannot add figures of {left_choices} choices and {left_heads} heads to figures of {right_choices} choices and {right_heads} heads")]
    Shape {
        /// Choices of the left.
        left_choices: usize,
        /// Heads of the left.
        left_heads: usize,
        /// Choices of the right.
        right_choices: usize,
        /// Heads of the right.
        right_heads: usize,
    },
    /// A sum passed `u64::MAX`.
    #[error("the {what} pass {max} (count overflow)", max = u64::MAX)]
    Overflow {
        /// Which sum.
        what: &'static str,
    },
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

fn describe_variance(forward_less_verified: Option<i128>, counted_less_forward: i128) -> String {
    let mut parts = Vec::new();
    if let Some(v) = forward_less_verified.filter(|&v| v != 0) {
        parts.push(format!(
            "the ballot papers going forward to the count differ from those verified by {v:+}"
        ));
    }
    if counted_less_forward != 0 {
        parts.push(format!(
            "the votes counted plus rejected papers differ from the ballot papers going forward to the count by {counted_less_forward:+}"
        ));
    }
    if parts.is_empty() {
        "unexplained variance".to_owned()
    } else {
        parts.join(", and ")
    }
}

/// "69,006 ballot papers counted (votes plus rejected papers) exceed the
/// electorate of 52,010", each
/// figure above the electorate, joined.
fn describe_above(figures: &[crate::AboveElectorate]) -> String {
    let what = |w: &str| {
        match w {
            "expected" => "ballot papers expected",
            "verified" => "ballot papers verified (going forward to the count)",
            "valid votes" => "valid votes",
            "counted" => "ballot papers counted (votes plus rejected papers)",
            other => other,
        }
        .to_owned()
    };
    figures
        .iter()
        .map(|f| {
            format!(
                "{} {} exceed the electorate of {}",
                countroom_arith::thousands(f.papers),
                what(f.what),
                countroom_arith::thousands(f.electorate)
            )
        })
        .collect::<Vec<_>>()
        .join(", and ")
}

/// "the explanation states a variance of -4 in the votes counted plus
/// rejected papers on the papers going forward, but the figures give
/// +29,996", each mismatch, joined.
fn describe_mismatches(mismatches: &[crate::VarianceMismatch]) -> String {
    mismatches
        .iter()
        .map(|m| {
            let what = match m.which {
                "forward_less_verified" => {
                    "the ballot papers going forward on those verified (Explained_Forward_Variance)"
                }
                _ => "the votes counted plus rejected papers on the ballot papers going forward (Explained_Variance)",
            };
            let found = m.found.map_or_else(
                || "do not give it (no polling station and postal papers)".to_owned(),
                |f| format!("give {}", countroom_arith::thousands_signed(f)),
            );
            format!(
                "the explanation states a variance of {} in {what}, but the figures {found}",
                countroom_arith::thousands_signed(m.stated)
            )
        })
        .collect::<Vec<_>>()
        .join(", and ")
}
