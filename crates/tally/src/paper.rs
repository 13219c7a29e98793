//! One ballot paper in eight bytes, and its adjudication.

use countroom_rules::RejectionHead;

/// The most candidates a [`Paper`] can hold marks for.
pub const MAX_CANDIDATES: usize = 62;

const NO_OFFICIAL_MARK: u64 = 1 << 62;
const IDENTIFYING_MARK: u64 = 1 << 63;
const MARKS: u64 = (1 << 62) - 1;

/// A ballot paper as counted: the candidates marked for (bits 0..62, in
/// ballot-paper order), whether the official mark is missing (bit 62), and
/// whether anything on it identifies the voter (bit 63).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Paper(u64);

/// A candidate index past [`MAX_CANDIDATES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("candidate index {index} is past the {MAX_CANDIDATES} a ballot paper can hold")]
pub struct PaperError {
    /// The index given.
    pub index: usize,
}

impl Paper {
    /// A paper bearing the official mark, with no identifying mark, marked
    /// for `candidates` (a mark given twice for one candidate counts once).
    pub fn marked(candidates: &[usize]) -> Result<Paper, PaperError> {
        let mut bits = 0u64;
        for &index in candidates {
            if index >= MAX_CANDIDATES {
                return Err(PaperError { index });
            }
            bits |= 1 << index;
        }
        Ok(Paper(bits))
    }

    /// The paper with the official mark missing (`true`) or present.
    #[must_use]
    pub const fn with_no_official_mark(self, missing: bool) -> Paper {
        if missing {
            Paper(self.0 | NO_OFFICIAL_MARK)
        } else {
            Paper(self.0 & !NO_OFFICIAL_MARK)
        }
    }

    /// The paper with writing or a mark identifying the voter (`true`) or
    /// not.
    #[must_use]
    pub const fn with_identifying_mark(self, present: bool) -> Paper {
        if present {
            Paper(self.0 | IDENTIFYING_MARK)
        } else {
            Paper(self.0 & !IDENTIFYING_MARK)
        }
    }

    /// The raw word (marks in bits 0..62, flags in 62 and 63).
    #[must_use]
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// Rebuilds a paper from [`Paper::bits`].
    #[must_use]
    pub const fn from_bits(bits: u64) -> Paper {
        Paper(bits)
    }

    /// The candidates marked, as a bit set.
    #[must_use]
    pub const fn marks(self) -> u64 {
        self.0 & MARKS
    }

    /// How many candidates are marked.
    #[must_use]
    pub const fn n_marks(self) -> u32 {
        self.marks().count_ones()
    }

    /// Whether the official mark is missing.
    #[must_use]
    pub const fn no_official_mark(self) -> bool {
        self.0 & NO_OFFICIAL_MARK != 0
    }

    /// Whether the paper bears writing or a mark identifying the voter.
    #[must_use]
    pub const fn identifying_mark(self) -> bool {
        self.0 & IDENTIFYING_MARK != 0
    }

    /// The indices of the candidates marked, ascending.
    pub fn candidates(self) -> impl Iterator<Item = usize> {
        let mut rest = self.marks();
        std::iter::from_fn(move || {
            if rest == 0 {
                return None;
            }
            let idx = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            Some(idx)
        })
    }
}

/// How a paper is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Valid: a vote for each candidate marked.
    Valid,
    /// Void, under this head.
    Rejected(RejectionHead),
}

/// Adjudicates a paper at a first-past-the-post poll with `seats` seats.
///
/// A paper is void (Parliamentary Elections Rules r.47(1); the local rules'
/// r.47(1) in the same form) if it (a) does not bear the official mark,
/// (b) gives votes for more candidates than the voter is entitled to,
/// (c) has writing or a mark by which the voter can be identified, or
/// (d) is unmarked or void for uncertainty. A paper void under more than one
/// head is counted once, under the first head that applies in that order
/// (an inference: the statement counts papers, not reasons).
///
/// Marking fewer candidates than there are seats is lawful: the unused votes
/// are not a rejection. Marks that leave the voter's intention uncertain, the
/// saving clause and "rejected in part" need richer marks than a `Paper`
/// holds; they are decided by the returning officer and logged as
/// decisions.
#[must_use]
pub fn classify(paper: Paper, seats: usize) -> Class {
    if paper.no_official_mark() {
        Class::Rejected(RejectionHead::NoOfficialMark)
    } else if paper.n_marks() as usize > seats {
        Class::Rejected(RejectionHead::TooManyVotes)
    } else if paper.identifying_mark() {
        Class::Rejected(RejectionHead::IdentifyingMark)
    } else if paper.n_marks() == 0 {
        Class::Rejected(RejectionHead::UnmarkedOrVoid)
    } else {
        Class::Valid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(c: &[usize]) -> Paper {
        Paper::marked(c).unwrap()
    }

    /// r.47(1) heads, hand-worked, for a three-seat ward.
    #[test]
    fn heads_in_statutory_order() {
        use RejectionHead::*;
        let cases = [
            (
                "one cross is a valid paper (plumping is lawful)",
                p(&[2]),
                Class::Valid,
            ),
            ("three crosses for three seats", p(&[0, 1, 2]), Class::Valid),
            (
                "(b) four crosses for three seats",
                p(&[0, 1, 2, 3]),
                Class::Rejected(TooManyVotes),
            ),
            ("(d) unmarked", p(&[]), Class::Rejected(UnmarkedOrVoid)),
            (
                "(a) no official mark",
                p(&[1]).with_no_official_mark(true),
                Class::Rejected(NoOfficialMark),
            ),
            (
                "(c) identifying mark",
                p(&[1]).with_identifying_mark(true),
                Class::Rejected(IdentifyingMark),
            ),
            (
                "(a) before (b)",
                p(&[0, 1, 2, 3]).with_no_official_mark(true),
                Class::Rejected(NoOfficialMark),
            ),
            (
                "(b) before (c)",
                p(&[0, 1, 2, 3]).with_identifying_mark(true),
                Class::Rejected(TooManyVotes),
            ),
            (
                "(c) before (d)",
                p(&[]).with_identifying_mark(true),
                Class::Rejected(IdentifyingMark),
            ),
        ];
        for (name, paper, expected) in cases {
            assert_eq!(classify(paper, 3), expected, "{name}");
        }
    }

    #[test]
    fn single_member_two_crosses_is_head_b() {
        assert_eq!(
            classify(p(&[0, 5]), 1),
            Class::Rejected(RejectionHead::TooManyVotes)
        );
    }

    #[test]
    fn index_past_the_limit_is_an_error() {
        assert_eq!(Paper::marked(&[62]), Err(PaperError { index: 62 }));
        assert!(Paper::marked(&[61]).is_ok());
    }

    #[test]
    fn candidates_iterates_marks_in_order() {
        let paper = p(&[7, 0, 61]).with_identifying_mark(true);
        assert_eq!(paper.candidates().collect::<Vec<_>>(), vec![0, 7, 61]);
    }
}
