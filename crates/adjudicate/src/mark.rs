//! A ballot paper as the adjudicator sees it: its marks and its flags.

/// What a mark is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKind {
    /// A cross, as the directions to voters ask.
    Cross,
    /// A tick.
    Tick,
    /// A figure written against the candidate: a preference on a
    /// preferential paper; on any other paper, a mark like a tick.
    Figure(u32),
    /// Any other mark (a word, a circle, a line, a scribble): whether it
    /// shows an intention to vote is for the returning officer to decide.
    Other,
}

/// Where a mark is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Placement {
    /// In the box against the candidate's name.
    InBox,
    /// Outside the box but clearly against the candidate's name (on the
    /// candidate's line, beside the name).
    Outside,
    /// Across the line between this candidate and a neighbour, so that
    /// which of them it is for is uncertain.
    Straddling,
}

/// The column of a supplementary-vote ballot paper a mark is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Column {
    /// The first-choice column (the only column on any other paper).
    #[default]
    First,
    /// The second-choice column.
    Second,
}

/// One mark on a ballot paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mark {
    /// The candidate (index in ballot-paper order) the mark is against;
    /// for a straddling mark, the upper of the two.
    pub candidate: usize,
    /// What the mark is.
    pub kind: MarkKind,
    /// Where it is.
    pub placement: Placement,
    /// The column (supplementary vote).
    pub column: Column,
}

impl Mark {
    /// A cross in the box against `candidate`.
    #[must_use]
    pub const fn cross(candidate: usize) -> Mark {
        Mark {
            candidate,
            kind: MarkKind::Cross,
            placement: Placement::InBox,
            column: Column::First,
        }
    }

    /// The figure `n` in the box against `candidate`.
    #[must_use]
    pub const fn figure(candidate: usize, n: u32) -> Mark {
        Mark {
            candidate,
            kind: MarkKind::Figure(n),
            placement: Placement::InBox,
            column: Column::First,
        }
    }

    /// The same mark, of kind `kind`.
    #[must_use]
    pub const fn kind(self, kind: MarkKind) -> Mark {
        Mark { kind, ..self }
    }

    /// The same mark, placed at `placement`.
    #[must_use]
    pub const fn at(self, placement: Placement) -> Mark {
        Mark { placement, ..self }
    }

    /// The same mark, in the second-choice column.
    #[must_use]
    pub const fn second(self) -> Mark {
        Mark {
            column: Column::Second,
            ..self
        }
    }

    /// Whether the mark is against one candidate (not straddling).
    #[must_use]
    pub const fn is_placed(self) -> bool {
        !matches!(self.placement, Placement::Straddling)
    }

    /// Whether the mark is the plain cross in the box the directions ask
    /// for.
    #[must_use]
    pub const fn is_plain_cross(self) -> bool {
        matches!(self.kind, MarkKind::Cross) && matches!(self.placement, Placement::InBox)
    }
}

/// Why a valid paper needed the saving clause: the vote was marked
/// (a) elsewhere than in the proper place, (b) otherwise than by means of a
/// cross, or (c) by more than one mark, and the intention clearly appears
/// (Parliamentary Elections Rules r.47(2); Local Elections (Principal Areas)
/// (England and Wales) Rules 2006 Sch 2 r.47(2), and the same rule of the
/// parish rules; LAMR 2007 Sch 1 r.48(2); PCCEO 2012 Sch 3 r.53(2);
/// PVSCA 2011 Sch 2 r.42(2) for a referendum).
///
/// A paper has one reason: the first of these, in this order (the
/// statute's order, (a) before (b) before (c)), that any of its counted
/// marks (a cross, tick or figure against one candidate, in either column)
/// shows — whatever order the marks are listed in. A paper with a tick
/// outside the box is `OutsideBox`; one with a tick and a figure in the
/// box is `Tick`. An other mark (a word, a line) is never a reason here: a
/// paper with one is set aside for the returning officer, whose decision
/// is recorded with the paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SavingReason {
    /// (a) A mark outside the box, against the candidate's name.
    OutsideBox,
    /// (b) A tick, not a cross.
    Tick,
    /// (b) A figure (the figure 1, or another) on a paper where a vote is a
    /// mark, not a preference.
    Figure,
    /// (c) More than one mark for one candidate.
    MoreThanOneMark,
}

impl SavingReason {
    /// Every reason, in the fixed order a paper's reason is chosen in.
    pub const ALL: [SavingReason; 4] = [
        SavingReason::OutsideBox,
        SavingReason::Tick,
        SavingReason::Figure,
        SavingReason::MoreThanOneMark,
    ];

    /// The number of reasons.
    pub const COUNT: usize = SavingReason::ALL.len();

    /// The stable code, as in the count log.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            SavingReason::OutsideBox => "outside_box",
            SavingReason::Tick => "tick",
            SavingReason::Figure => "figure",
            SavingReason::MoreThanOneMark => "more_than_one_mark",
        }
    }

    /// The reason with code `code`.
    #[must_use]
    pub fn from_code(code: &str) -> Option<SavingReason> {
        SavingReason::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Its position in [`SavingReason::ALL`].
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// In words, for the statement of rejected ballot papers.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            SavingReason::OutsideBox => "vote marked elsewhere than in the proper place",
            SavingReason::Tick => "vote marked by a tick, not a cross",
            SavingReason::Figure => "vote marked by a figure, not a cross",
            SavingReason::MoreThanOneMark => "vote marked by more than one mark",
        }
    }

    /// The reason `paper` needed the saving clause, if any of its counted
    /// marks shows one: see [`SavingReason`] for the order. It is meant for
    /// a paper whose outcome has `saved` set; for such a paper it is never
    /// `None`.
    #[must_use]
    pub fn of(paper: &BallotPaper) -> Option<SavingReason> {
        let counted = || {
            paper
                .marks
                .iter()
                .filter(|m| m.is_placed() && m.kind != MarkKind::Other)
        };
        if counted().any(|m| m.placement == Placement::Outside) {
            return Some(SavingReason::OutsideBox);
        }
        if counted().any(|m| m.kind == MarkKind::Tick) {
            return Some(SavingReason::Tick);
        }
        if counted().any(|m| matches!(m.kind, MarkKind::Figure(_))) {
            return Some(SavingReason::Figure);
        }
        let twice = counted().enumerate().any(|(i, a)| {
            counted()
                .skip(i + 1)
                .any(|b| a.candidate == b.candidate && a.column == b.column)
        });
        twice.then_some(SavingReason::MoreThanOneMark)
    }
}

/// A ballot paper: whether it bears the official mark, whether anything on
/// it identifies the voter, and its marks, in any order.
///
/// Whether writing identifies the voter is a fact found by the count staff
/// or the returning officer (a name, a signature, an elector number); it is
/// recorded here, not inferred.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BallotPaper {
    /// The official mark is present.
    pub official_mark: bool,
    /// Writing or a mark by which the voter can be identified.
    pub identifying_mark: bool,
    /// The marks.
    pub marks: Vec<Mark>,
}

impl BallotPaper {
    /// A paper with the official mark, nothing identifying the voter, and
    /// `marks`.
    #[must_use]
    pub fn marked(marks: Vec<Mark>) -> BallotPaper {
        BallotPaper {
            official_mark: true,
            identifying_mark: false,
            marks,
        }
    }
}
