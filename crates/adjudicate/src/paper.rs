//! One ballot paper in eight bytes: the form of papers marked only with
//! crosses in the box, the great majority at a count.

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

#[cfg(test)]
mod tests {
    use super::*;

    fn p(c: &[usize]) -> Paper {
        Paper::marked(c).unwrap()
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
