//! The adjudicator: a ruleset applied to one poll's ballot papers.

use countroom_rules::{BallotForm, Ground, HeadSpec, RejectionHead, Ruleset};

use crate::mark::{BallotPaper, Column, Mark, MarkKind, Placement};
use crate::paper::{Paper, MAX_CANDIDATES};

/// How a ballot paper is counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Valid: a vote for each candidate in `votes` (ascending indices).
    Valid {
        /// The candidates voted for.
        votes: Vec<usize>,
        /// The saving clause was needed: a vote marked otherwise than by a
        /// cross, elsewhere than in the box, or by more than one mark.
        saved: bool,
    },
    /// Rejected in part (multi-member polls): the votes in `votes` are
    /// counted; a mark uncertain as to another vote is not.
    RejectedInPart {
        /// The candidates whose votes are counted.
        votes: Vec<usize>,
    },
    /// Valid as respects the first preference vote (the supplementary
    /// vote), with the second preference as found.
    FirstPreference {
        /// The candidate given the first preference.
        first: usize,
        /// The second preference.
        second: SecondPreference,
        /// The saving clause was needed.
        saved: bool,
    },
    /// A valid first preference and the preferences after it that follow
    /// an unbroken sequence (the single transferable vote).
    Preferences {
        /// The candidates in order of preference, first preference first.
        order: Vec<usize>,
        /// Some marks were not used: the sequence broke (a figure missing
        /// or given twice, a candidate given two figures) or a mark was not
        /// a figure. The paper is "partially accepted"; its later
        /// preferences are not transferable.
        partial: bool,
        /// A preference was marked outside the box.
        saved: bool,
    },
    /// Void, counted under this head of the ruleset's statement.
    Rejected(RejectionHead),
    /// The rules leave the paper to the returning officer's judgement: it is
    /// set aside, and counted as the officer decides.
    Doubtful(Doubt),
}

/// A supplementary-vote paper's second preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondPreference {
    /// None marked.
    None,
    /// For this candidate. It counts only if the first preference is for an
    /// eliminated candidate and this one remains (which excludes a second
    /// preference for the first-preference candidate).
    For(usize),
    /// Marked for more than one candidate, or uncertain: not counted at the
    /// second count (the first preference still counts; Local Authorities
    /// (Mayoral Elections) Regulations 2007 r.48(3)).
    Void,
}

/// Why a paper is left to the returning officer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doubt {
    /// A mark that is neither a cross, a tick nor a figure: whether an
    /// intention clearly appears (the saving clause) is a judgement.
    OtherMark,
    /// A mark across two candidates alongside a clear vote, where it might
    /// be a vote too many or a second mark for one candidate.
    UncertainMark,
    /// A preferential paper with no figure 1 but a cross, tick or other
    /// mark that may stand for a first preference.
    NotAFigure,
}

impl Doubt {
    /// Stable code.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Doubt::OtherMark => "other_mark",
            Doubt::UncertainMark => "uncertain_mark",
            Doubt::NotAFigure => "not_a_figure",
        }
    }
}

/// The four categories a paper lands in; each paper lands in exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Valid (all its votes counted).
    Valid,
    /// Rejected in part (valid, some votes not counted).
    RejectedInPart,
    /// Rejected under a head.
    Rejected,
    /// Set aside for the returning officer.
    Doubtful,
}

impl Outcome {
    /// The paper's category.
    #[must_use]
    pub const fn category(&self) -> Category {
        match self {
            Outcome::Valid { .. }
            | Outcome::FirstPreference { .. }
            | Outcome::Preferences { .. } => Category::Valid,
            Outcome::RejectedInPart { .. } => Category::RejectedInPart,
            Outcome::Rejected(_) => Category::Rejected,
            Outcome::Doubtful(_) => Category::Doubtful,
        }
    }

    /// The candidates the paper gives a vote to in a first-past-the-post
    /// count (valid or rejected in part); the first preference of a
    /// preferential paper; nothing for a rejected or doubtful paper.
    #[must_use]
    pub fn counted_votes(&self) -> &[usize] {
        match self {
            Outcome::Valid { votes, .. } | Outcome::RejectedInPart { votes } => votes,
            Outcome::FirstPreference { first, .. } => std::slice::from_ref(first),
            Outcome::Preferences { order, .. } => order.get(..1).unwrap_or(&[]),
            Outcome::Rejected(_) | Outcome::Doubtful(_) => &[],
        }
    }
}

/// The compact adjudication of a [`Paper`]: valid, or rejected under a head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Valid: a vote for each candidate marked.
    Valid,
    /// Void, under this head.
    Rejected(RejectionHead),
}

/// A ballot paper does not fit the poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MarkError {
    /// A mark against a candidate who is not on the ballot paper.
    #[error("a mark against candidate {index}, but the ballot paper has {candidates} candidates")]
    UnknownCandidate {
        /// The index given.
        index: usize,
        /// Candidates on the paper.
        candidates: usize,
    },
    /// A mark in the second-choice column of a paper that has none.
    #[error("a mark in the second-choice column, but {reason}")]
    NoSecondColumn {
        /// Why there is no second column.
        reason: &'static str,
    },
}

/// The poll does not fit the ruleset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AdjudicatorError {
    /// No seats.
    #[error("a poll for no seats has no ballot papers to adjudicate")]
    NoSeats,
    /// No candidates.
    #[error("a ballot paper with no candidates cannot be adjudicated")]
    NoCandidates,
    /// More candidates than a paper described by its marks can hold.
    #[error("{candidates} candidates: ballot papers can be adjudicated for at most {MAX_MARKED_CANDIDATES}")]
    TooManyCandidates {
        /// Candidates given.
        candidates: usize,
    },
    /// More seats than the form allows.
    #[error("{seats} seats: {rules} elects one at a poll")]
    OneSeatOnly {
        /// Seats given.
        seats: usize,
        /// The ruleset's code.
        rules: &'static str,
    },
    /// A ruleset whose heads of rejection were not read (a council tax or
    /// governance referendum): a paper cannot be put under a head, so
    /// papers are not adjudicated one by one.
    #[error("the heads of {rules}'s statement of rejected ballot papers were not read: its papers are not adjudicated one by one (count bundles, and record rejected papers as one total, `breakdown_not_given`)")]
    NoHeads {
        /// The ruleset's code.
        rules: &'static str,
    },
    /// A list ruleset whose grounds on which a paper is void were not read
    /// (the Senedd's, the London members'): a list paper cannot be put
    /// under a head, so a list area's papers are counted by figures.
    #[error("the heads of {rules}'s rejected ballot papers ({citation}) were not read, so papers cannot be adjudicated: count the area's papers by figures (`paper_batch_counted` with votes and one `breakdown_not_given` figure; `ListBatch`)")]
    ListHeadsNotRead {
        /// The list ruleset's code.
        rules: &'static str,
        /// Where its heads are to be found.
        citation: &'static str,
    },
}

impl AdjudicatorError {
    /// Every stable code [`AdjudicatorError::code`] gives, in declaration order: the
    /// table "Stable codes" of docs/formats.md lists them.
    pub const CODES: &'static [&'static str] = &[
        "no_seats",
        "no_candidates",
        "too_many_candidates",
        "one_seat_only",
        "no_heads",
        "list_heads_not_read",
    ];

    /// The stable snake_case code of this kind of problem, for
    /// machine-readable output (`countroom_io::Problem::code`): written out
    /// here, never derived from the variant's name, so renaming a variant
    /// does not change it; listed in docs/formats.md, "Stable codes".
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            AdjudicatorError::NoSeats => "no_seats",
            AdjudicatorError::NoCandidates => "no_candidates",
            AdjudicatorError::TooManyCandidates { .. } => "too_many_candidates",
            AdjudicatorError::OneSeatOnly { .. } => "one_seat_only",
            AdjudicatorError::NoHeads { .. } => "no_heads",
            AdjudicatorError::ListHeadsNotRead { .. } => "list_heads_not_read",
        }
    }
}

/// A ruleset applied to one poll: the ballot form, the number of
/// candidates and seats, and a table of the head each combination of grounds
/// is counted under, built once.
///
/// ```
/// use countroom_adjudicate::{Adjudicator, BallotPaper, Mark, MarkKind, Outcome, Placement};
/// use countroom_model::RulesetId;
/// use countroom_rules::{ruleset, RejectionHead};
///
/// // A three-seat English district ward with five candidates.
/// let adj = Adjudicator::new(ruleset(RulesetId::EnglandPrincipal2006), 5, 3).unwrap();
///
/// // A tick outside the box, against candidate 1: saved (r.47(2)).
/// let tick = BallotPaper::marked(vec![Mark::cross(1).kind(MarkKind::Tick).at(Placement::Outside)]);
/// assert_eq!(adj.adjudicate(&tick), Ok(Outcome::Valid { votes: vec![1], saved: true }));
///
/// // Two crosses and a mark across two names: rejected in part.
/// let part = BallotPaper::marked(vec![
///     Mark::cross(0),
///     Mark::cross(4),
///     Mark::cross(2).at(Placement::Straddling),
/// ]);
/// assert_eq!(adj.adjudicate(&part), Ok(Outcome::RejectedInPart { votes: vec![0, 4] }));
///
/// // Four crosses for three seats: void under head (b).
/// let four = BallotPaper::marked((0..4).map(Mark::cross).collect());
/// assert_eq!(adj.adjudicate(&four), Ok(Outcome::Rejected(RejectionHead::TooManyVotes)));
/// ```
#[derive(Debug, Clone)]
pub struct Adjudicator {
    rules: &'static Ruleset,
    candidates: usize,
    seats: usize,
    form: BallotForm,
    /// Indexed by the compact grounds word (bit 0 no official mark, 1 too
    /// many votes, 2 identifying mark, 3 unmarked): the head, or `VALID`.
    table: [u8; 16],
}

const VALID: u8 = u8::MAX;

impl Adjudicator {
    /// The adjudicator for a poll under `rules` with `candidates`
    /// candidates on the ballot paper and `seats` seats.
    pub fn new(
        rules: &'static Ruleset,
        candidates: usize,
        seats: usize,
    ) -> Result<Adjudicator, AdjudicatorError> {
        if rules.heads.is_empty() {
            return Err(AdjudicatorError::NoHeads { rules: rules.code });
        }
        if seats == 0 {
            return Err(AdjudicatorError::NoSeats);
        }
        if candidates == 0 {
            return Err(AdjudicatorError::NoCandidates);
        }
        if candidates > MAX_MARKED_CANDIDATES {
            return Err(AdjudicatorError::TooManyCandidates { candidates });
        }
        let form = match rules.form {
            BallotForm::FirstAndSecondChoice if candidates <= 2 => BallotForm::Votes,
            form => form,
        };
        if seats > 1 && rules.form == BallotForm::FirstAndSecondChoice {
            return Err(AdjudicatorError::OneSeatOnly {
                seats,
                rules: rules.code,
            });
        }
        let table = head_table(rules.heads);
        Ok(Adjudicator {
            rules,
            candidates,
            seats,
            form,
            table,
        })
    }

    /// The ruleset.
    #[must_use]
    pub fn rules(&self) -> &'static Ruleset {
        self.rules
    }

    /// Candidates on the ballot paper.
    #[must_use]
    pub fn candidates(&self) -> usize {
        self.candidates
    }

    /// Seats.
    #[must_use]
    pub fn seats(&self) -> usize {
        self.seats
    }

    /// The ballot form papers are adjudicated by (a supplementary-vote poll
    /// of two candidates is marked as a single vote).
    #[must_use]
    pub fn form(&self) -> BallotForm {
        self.form
    }

    /// Whether compact [`Paper`]s (crosses in the box only) can be counted
    /// at this poll: a poll where a cross is a vote.
    #[must_use]
    pub fn counts_crosses(&self) -> bool {
        self.form == BallotForm::Votes
    }

    /// Adjudicates a compact paper at a poll where a cross is a vote: every
    /// mark a cross in the box, so the saving clause never arises and the
    /// only question is which head, if any. Gives the same result as
    /// [`Adjudicator::adjudicate`] on the same paper written as marks.
    ///
    /// At a preferential poll a compact paper is not a valid description
    /// and every paper is classed as [`Class::Valid`] only if marked for
    /// exactly one candidate; use [`Adjudicator::adjudicate`] there.
    #[inline]
    #[must_use]
    pub fn classify(&self, paper: Paper) -> Class {
        classify_in(&self.table, self.seats, paper)
    }

    /// The class of a compact paper given the grounds word; the head table
    /// indexed by [`Adjudicator::classify`]'s word.
    #[must_use]
    pub fn head_table(&self) -> [Option<RejectionHead>; 16] {
        self.table
            .map(|h| RejectionHead::ALL.get(usize::from(h)).copied())
    }

    /// Adjudicates a ballot paper under the ruleset: valid (with the votes
    /// it gives), rejected under one head, rejected in part, or left to the
    /// returning officer. The order of `paper.marks` does not matter.
    pub fn adjudicate(&self, paper: &BallotPaper) -> Result<Outcome, MarkError> {
        for m in &paper.marks {
            if m.candidate >= self.candidates {
                return Err(MarkError::UnknownCandidate {
                    index: m.candidate,
                    candidates: self.candidates,
                });
            }
            if m.column == Column::Second && self.form != BallotForm::FirstAndSecondChoice {
                return Err(MarkError::NoSecondColumn {
                    reason: match self.rules.form {
                        BallotForm::FirstAndSecondChoice => {
                            "with two candidates the ballot paper has one column"
                        }
                        _ => "only a supplementary-vote ballot paper has one",
                    },
                });
            }
        }
        Ok(match self.form {
            BallotForm::Votes => self.votes(paper),
            BallotForm::FirstAndSecondChoice => self.first_and_second(paper),
            BallotForm::Preferences => self.preferences(paper),
        })
    }

    fn rejected(&self, grounds: &Grounds) -> Option<Outcome> {
        rejected_under(self.rules.heads, grounds)
    }

    /// Papers where a vote is a mark against a candidate: first past the
    /// post and referendums (Parliamentary Elections Rules r.47; local rules
    /// r.47; PVSCA 2011 Sch 2 r.42).
    fn votes(&self, paper: &BallotPaper) -> Outcome {
        one_column_votes(
            paper,
            self.seats,
            self.rules.heads,
            self.rules.rejected_in_part_applies(),
        )
    }

    /// Supplementary-vote papers (Local Authorities (Mayoral Elections)
    /// Regulations 2007 r.48; Police and Crime Commissioner Elections Order
    /// 2012 r.53 in its supplementary-vote form).
    fn first_and_second(&self, paper: &BallotPaper) -> Outcome {
        let first = Column1::of(paper, Column::First);
        let second = Column1::of(paper, Column::Second);
        let mut grounds = Grounds::default();
        if !paper.official_mark {
            grounds.push(Ground::NoOfficialMark);
        }
        if first.clear.len() > 1 {
            grounds.push(Ground::TooManyVotes);
        }
        if paper.identifying_mark {
            grounds.push(Ground::IdentifyingMark);
        }
        if !first.any {
            // Unmarked as to the first preference, whether or not a second
            // preference is marked (a second preference counts only with a
            // valid first: r.46(2) of the 2002 regulations, CAMER 2017
            // r.55(2)).
            grounds.push(Ground::Unmarked);
        } else if first.clear.is_empty() && first.other.is_empty() {
            grounds.push(Ground::VoidForUncertainty);
        }
        if let Some(rejected) = self.rejected(&grounds) {
            return rejected;
        }
        if !first.other.is_empty() || !second.other.is_empty() {
            return Outcome::Doubtful(Doubt::OtherMark);
        }
        let (Some(first_choice), 0) = (first.clear.first(), first.straddling) else {
            return Outcome::Doubtful(Doubt::UncertainMark);
        };
        let second_choice = match (second.clear.len(), second.clear.first(), second.straddling) {
            (0, _, 0) => SecondPreference::None,
            (1, Some(c), 0) => SecondPreference::For(c),
            _ => SecondPreference::Void,
        };
        Outcome::FirstPreference {
            first: first_choice,
            second: second_choice,
            saved: first.saved || second.saved,
        }
    }

    /// Preferential papers (Scottish Local Government Elections Order 2011
    /// r.44; Electoral Law Act (Northern Ireland) 1962 Sch 5 r.46 and
    /// r.50(4)).
    fn preferences(&self, paper: &BallotPaper) -> Outcome {
        let is_figure = |m: &&Mark, n: u32| m.kind == MarkKind::Figure(n);
        let ones: Vec<usize> = distinct(
            paper
                .marks
                .iter()
                .filter(|m| is_figure(m, 1) && m.is_placed())
                .map(|m| m.candidate),
        );
        let uncertain_one = paper
            .marks
            .iter()
            .any(|m| is_figure(&m, 1) && !m.is_placed());
        let not_figures = paper
            .marks
            .iter()
            .any(|m| !matches!(m.kind, MarkKind::Figure(_)));
        let mut grounds = Grounds::default();
        if !paper.official_mark {
            grounds.push(Ground::NoOfficialMark);
        }
        if ones.len() > 1 {
            grounds.push(Ground::TooManyVotes);
        }
        if paper.identifying_mark {
            grounds.push(Ground::IdentifyingMark);
        }
        if paper.marks.is_empty() {
            grounds.push(Ground::Unmarked);
        } else if ones.is_empty() && uncertain_one {
            grounds.push(Ground::VoidForUncertainty);
        } else if ones.is_empty() && !not_figures {
            grounds.push(Ground::NoFirstPreference);
        }
        if let Some(rejected) = self.rejected(&grounds) {
            return rejected;
        }
        let Some(&first) = ones.first() else {
            // A cross, tick or word where the figure 1 should be: whether
            // it clearly indicates a first preference is for the returning
            // officer (NI Sch 5 r.46(1) proviso).
            return Outcome::Doubtful(Doubt::NotAFigure);
        };
        if uncertain_one {
            return Outcome::Doubtful(Doubt::UncertainMark);
        }
        let mut order = vec![first];
        let mut n = 1u32;
        while let Some(next) = n.checked_add(1) {
            let placed: Vec<usize> = distinct(
                paper
                    .marks
                    .iter()
                    .filter(|m| is_figure(m, next) && m.is_placed())
                    .map(|m| m.candidate),
            );
            let straddles = paper
                .marks
                .iter()
                .any(|m| is_figure(&m, next) && !m.is_placed());
            match placed.as_slice() {
                [c] if !straddles && !order.contains(c) => order.push(*c),
                _ => break,
            }
            n = next;
        }
        // The marks used: the figures 1..=n, each against its candidate.
        let used = |m: &Mark| match m.kind {
            MarkKind::Figure(f) if f >= 1 && f <= n && m.is_placed() => usize::try_from(f - 1)
                .ok()
                .and_then(|i| order.get(i))
                .is_some_and(|&c| c == m.candidate),
            _ => false,
        };
        let partial = paper.marks.iter().any(|m| !used(m));
        let saved = paper
            .marks
            .iter()
            .any(|m| used(m) && m.placement == Placement::Outside);
        Outcome::Preferences {
            order,
            partial,
            saved,
        }
    }
}

/// The first of `heads` (in statutory order) covering any of `grounds`:
/// [`Ruleset::first_head`] for a heads table that is not a [`Ruleset`]'s
/// (a list ruleset's).
fn first_head_in(heads: &[HeadSpec], grounds: &[Ground]) -> Option<RejectionHead> {
    heads
        .iter()
        .find(|h| h.grounds.iter().any(|g| grounds.contains(g)))
        .map(|h| h.head)
}

fn rejected_under(heads: &[HeadSpec], grounds: &Grounds) -> Option<Outcome> {
    let (list, len) = grounds.to_array();
    first_head_in(heads, list.get(..len).unwrap_or(&[])).map(Outcome::Rejected)
}

/// The head table of a heads list: indexed by the compact grounds word
/// (bit 0 no official mark, 1 too many votes, 2 identifying mark, 3
/// unmarked), the head's index in [`RejectionHead::ALL`], or `VALID`.
pub(crate) fn head_table(heads: &[HeadSpec]) -> [u8; 16] {
    let mut table = [VALID; 16];
    for (word, slot) in table.iter_mut().enumerate() {
        let grounds = [
            (word & 1 != 0).then_some(Ground::NoOfficialMark),
            (word & 2 != 0).then_some(Ground::TooManyVotes),
            (word & 4 != 0).then_some(Ground::IdentifyingMark),
            (word & 8 != 0).then_some(Ground::Unmarked),
        ];
        let grounds: Vec<Ground> = grounds.into_iter().flatten().collect();
        if let Some(head) = first_head_in(heads, &grounds) {
            // Heads number fewer than 255.
            *slot = u8::try_from(head.index()).unwrap_or(VALID);
        }
    }
    table
}

/// A compact paper classified by a head table, at a poll of `seats` votes.
#[inline]
pub(crate) fn classify_in(table: &[u8; 16], seats: usize, paper: Paper) -> Class {
    let n = paper.n_marks() as usize;
    let word = usize::from(paper.no_official_mark())
        | usize::from(n > seats) << 1
        | usize::from(paper.identifying_mark()) << 2
        | usize::from(n == 0) << 3;
    match table.get(word).copied().unwrap_or(VALID) {
        VALID => Class::Valid,
        head => RejectionHead::ALL
            .get(usize::from(head))
            .map_or(Class::Valid, |&h| Class::Rejected(h)),
    }
}

/// A paper where a vote is a mark against a candidate (or, on a list
/// ballot paper, a party or individual candidate), in one column, for at
/// most `seats` votes, under `heads`: the first past the post adjudicator's
/// rule and the list adjudicator's alike ([`crate::ListAdjudicator`], one
/// vote). Void under the first head whose grounds the paper shows; a clear
/// vote needing the saving clause valid and `saved`; an other mark, or a
/// mark across two names beside clear votes, set aside for the returning
/// officer (rejected in part where `rejected_in_part` and the poll has more
/// than one seat).
pub(crate) fn one_column_votes(
    paper: &BallotPaper,
    seats: usize,
    heads: &[HeadSpec],
    rejected_in_part: bool,
) -> Outcome {
    let c = Column1::of(paper, Column::First);
    let mut grounds = Grounds::default();
    if !paper.official_mark {
        grounds.push(Ground::NoOfficialMark);
    }
    if c.clear.len() > seats {
        grounds.push(Ground::TooManyVotes);
    }
    if paper.identifying_mark {
        grounds.push(Ground::IdentifyingMark);
    }
    if paper.marks.is_empty() {
        grounds.push(Ground::Unmarked);
    } else if c.clear.is_empty() && c.other.is_empty() {
        // Only marks across two names: no vote is certain.
        grounds.push(Ground::VoidForUncertainty);
    }
    if let Some(rejected) = rejected_under(heads, &grounds) {
        return rejected;
    }
    if !c.other.is_empty() {
        return Outcome::Doubtful(Doubt::OtherMark);
    }
    if c.straddling > 0 {
        // Not void for uncertainty as respects a vote as to which no
        // uncertainty arises (local rules r.47(3); Wales r.60(2)).
        let fits = c.clear.len() + c.straddling <= seats;
        if seats > 1 && rejected_in_part && fits {
            return Outcome::RejectedInPart {
                votes: c.clear.to_vec(),
            };
        }
        return Outcome::Doubtful(Doubt::UncertainMark);
    }
    Outcome::Valid {
        votes: c.clear.to_vec(),
        saved: c.saved,
    }
}

/// The most candidates a ballot paper described by its marks can have: the
/// adjudicator keeps sets of candidates as 128-bit words, so that a paper is
/// adjudicated without allocating (the largest UK ballot papers have a few
/// dozen names).
pub const MAX_MARKED_CANDIDATES: usize = 128;

/// A set of candidates (indices below [`MAX_MARKED_CANDIDATES`]).
#[derive(Clone, Copy, Default)]
struct Set(u128);

impl Set {
    fn insert(&mut self, c: usize) {
        self.0 |= 1u128 << (c & 127);
    }
    fn len(self) -> usize {
        self.0.count_ones() as usize
    }
    fn is_empty(self) -> bool {
        self.0 == 0
    }
    fn first(self) -> Option<usize> {
        (self.0 != 0).then(|| self.0.trailing_zeros() as usize)
    }
    /// The members, ascending.
    fn to_vec(self) -> Vec<usize> {
        let mut rest = self.0;
        let mut out = Vec::with_capacity(self.len());
        while rest != 0 {
            out.push(rest.trailing_zeros() as usize);
            rest &= rest - 1;
        }
        out
    }
}

/// The marks of one column, sorted into clear votes, other marks and
/// straddling marks.
struct Column1 {
    /// Candidates with a cross, tick or figure against them.
    clear: Set,
    /// Candidates with another kind of mark against them.
    other: Set,
    /// Marks across two names.
    straddling: usize,
    /// Any mark at all in the column.
    any: bool,
    /// A clear vote needed the saving clause.
    saved: bool,
}

impl Column1 {
    fn of(paper: &BallotPaper, column: Column) -> Column1 {
        let mut c = Column1 {
            clear: Set::default(),
            other: Set::default(),
            straddling: 0,
            any: false,
            saved: false,
        };
        let mut clear_marks = 0usize;
        for m in paper.marks.iter().filter(|m| m.column == column) {
            c.any = true;
            if !m.is_placed() {
                c.straddling += 1;
            } else if m.kind == MarkKind::Other {
                c.other.insert(m.candidate);
            } else {
                clear_marks += 1;
                c.clear.insert(m.candidate);
                c.saved |= !m.is_plain_cross();
            }
        }
        // More than one mark for one candidate.
        c.saved |= clear_marks > c.clear.len();
        c
    }
}

/// The grounds found on a paper, without allocating.
#[derive(Default)]
struct Grounds {
    list: [Option<Ground>; 6],
    len: usize,
}

impl Grounds {
    fn push(&mut self, g: Ground) {
        if let Some(slot) = self.list.get_mut(self.len) {
            *slot = Some(g);
            self.len += 1;
        }
    }
    fn to_array(&self) -> ([Ground; 6], usize) {
        let mut out = [Ground::NoOfficialMark; 6];
        for (o, g) in out.iter_mut().zip(self.list.iter().flatten()) {
            *o = *g;
        }
        (out, self.len)
    }
}

/// The distinct values, ascending.
fn distinct(values: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut v: Vec<usize> = values.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Writes a compact paper as marks: each candidate marked gets a cross in
/// the box.
#[must_use]
pub fn ballot_paper(paper: Paper) -> BallotPaper {
    BallotPaper {
        official_mark: !paper.no_official_mark(),
        identifying_mark: paper.identifying_mark(),
        marks: paper.candidates().map(Mark::cross).collect(),
    }
}

/// Writes a ballot paper as a compact paper, if it is one: every mark a
/// cross in the box in the first column, against a candidate a compact
/// paper can hold.
#[must_use]
pub fn compact(paper: &BallotPaper) -> Option<Paper> {
    let mut bits = 0u64;
    for m in &paper.marks {
        if !m.is_plain_cross() || m.column != Column::First || m.candidate >= MAX_CANDIDATES {
            return None;
        }
        let bit = 1u64 << m.candidate;
        if bits & bit != 0 {
            // Two crosses for one candidate: more than one mark.
            return None;
        }
        bits |= bit;
    }
    Some(
        Paper::from_bits(bits)
            .with_no_official_mark(!paper.official_mark)
            .with_identifying_mark(paper.identifying_mark),
    )
}
