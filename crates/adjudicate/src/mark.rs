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
