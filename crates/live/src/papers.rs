//! Ballot papers held in memory (from a scanner or a data-entry screen),
//! counted as one batch without passing through a file, and their content
//! hash over a canonical form.

use countroom_adjudicate::{ballot_paper, BallotPaper, Column, MarkKind, Placement};
use countroom_count::papers::{MarkedPaper, PaperBatch};
use countroom_model::ContestId;
use countroom_tally::{Paper, MAX_CANDIDATES};
use sha2::{Digest, Sha256};

/// The first line of the canonical form of a batch of ballot papers
/// (`docs/count-log.md`, "Papers from memory").
pub const CANONICAL_PAPERS_SCHEMA: &str = "countroom-papers-v1";

/// The ballot papers of one batch, in the order given.
///
/// ```
/// use countroom_live::BallotPapers;
/// use countroom_model::ContestId;
/// use countroom_adjudicate::{BallotPaper, Mark, MarkKind};
///
/// let mut papers = BallotPapers::new();
/// papers.crosses(&[0])?;                        // a cross for the first candidate
/// papers.paper("P-2", BallotPaper::marked(vec![Mark::cross(1).kind(MarkKind::Tick)]))?;
/// assert_eq!(papers.len(), 2);
/// let ward = ContestId::new("abbey").unwrap();
/// assert_eq!(
///     String::from_utf8(papers.canonical(&ward)).unwrap(),
///     "countroom-papers-v1\ncontest\tabbey\n\tY\tN\t1:0:X@box\nP-2\tY\tN\t1:1:tick@box\n"
/// );
/// // `sha256sum` of the four lines above (docs/count-log.md).
/// assert_eq!(
///     papers.content_hash(&ward),
///     "604f2c14b1f7a38828463790f4b9d127f38229d66aab4c36bd6f30f8fc24bac1"
/// );
/// # Ok::<(), countroom_live::PapersError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BallotPapers {
    papers: Vec<(Option<String>, BallotPaper)>,
}

/// Why a paper cannot join a batch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PapersError {
    /// A candidate's position past the most a ballot paper can hold.
    #[error("paper {position}: candidate position {index} is past the {MAX_CANDIDATES} a ballot paper can hold")]
    Candidate {
        /// The paper's 1-based position in the batch.
        position: usize,
        /// The candidate's 0-based position.
        index: usize,
    },
    /// A reference that is empty or has a control character (a tab or a
    /// line break would change the canonical form's lines).
    #[error("paper {position}: reference {reference:?} is empty or has a control character")]
    Reference {
        /// The paper's 1-based position in the batch.
        position: usize,
        /// The reference given.
        reference: String,
    },
}

impl BallotPapers {
    /// No papers.
    #[must_use]
    pub fn new() -> BallotPapers {
        BallotPapers::default()
    }

    /// How many papers.
    #[must_use]
    pub fn len(&self) -> usize {
        self.papers.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.papers.is_empty()
    }

    /// Adds a paper with the official mark and a cross in the box for each
    /// of `candidates` (0-based positions among the candidates standing, in
    /// ballot-paper order), and nothing else: almost every paper.
    pub fn crosses(&mut self, candidates: &[usize]) -> Result<&mut BallotPapers, PapersError> {
        let position = self.papers.len() + 1; // a Vec's length
        let paper = Paper::marked(candidates).map_err(|e| PapersError::Candidate {
            position,
            index: e.index,
        })?;
        self.papers.push((None, ballot_paper(paper)));
        Ok(self)
    }

    /// Adds a paper as it was marked, with its reference (never the ballot
    /// paper number): a doubtful paper is set aside under it.
    pub fn paper(
        &mut self,
        reference: &str,
        paper: BallotPaper,
    ) -> Result<&mut BallotPapers, PapersError> {
        let position = self.papers.len() + 1; // a Vec's length
        if reference.is_empty() || reference.chars().any(char::is_control) {
            return Err(PapersError::Reference {
                position,
                reference: reference.to_owned(),
            });
        }
        if let Some(index) = paper
            .marks
            .iter()
            .map(|m| m.candidate)
            .find(|&c| c >= MAX_CANDIDATES)
        {
            return Err(PapersError::Candidate { position, index });
        }
        self.papers.push((Some(reference.to_owned()), paper));
        Ok(self)
    }

    /// The canonical form of the batch for `contest`, whose SHA-256 is the
    /// batch's content hash: the line `countroom-papers-v1`, the line
    /// `contest` TAB the contest's id, then one line per paper in the order
    /// given: its reference (empty when none), TAB, `Y` or `N` (the official
    /// mark), TAB, `Y` or `N` (an identifying mark), TAB, its marks in the
    /// order given joined by `+`, each `COLUMN:CANDIDATE:KIND@PLACE` (column
    /// `1` or `2`; the candidate's 0-based position among those standing;
    /// kind `X`, `tick`, `other` or the figure; place `box`, `outside` or
    /// `straddle`). Every line ends in a line feed.
    #[must_use]
    pub fn canonical(&self, contest: &ContestId) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 * self.papers.len() + 64);
        out.extend_from_slice(CANONICAL_PAPERS_SCHEMA.as_bytes());
        out.extend_from_slice(b"\ncontest\t");
        out.extend_from_slice(contest.as_str().as_bytes());
        out.push(b'\n');
        for (reference, paper) in &self.papers {
            out.extend_from_slice(reference.as_deref().unwrap_or("").as_bytes());
            out.extend_from_slice(if paper.official_mark { b"\tY" } else { b"\tN" });
            out.extend_from_slice(if paper.identifying_mark {
                b"\tY"
            } else {
                b"\tN"
            });
            out.push(b'\t');
            for (i, m) in paper.marks.iter().enumerate() {
                if i > 0 {
                    out.push(b'+');
                }
                let column = match m.column {
                    Column::First => 1,
                    Column::Second => 2,
                };
                let kind = match m.kind {
                    MarkKind::Cross => "X".to_owned(),
                    MarkKind::Tick => "tick".to_owned(),
                    MarkKind::Figure(n) => n.to_string(),
                    MarkKind::Other => "other".to_owned(),
                };
                let place = match m.placement {
                    Placement::InBox => "box",
                    Placement::Outside => "outside",
                    Placement::Straddling => "straddle",
                };
                out.extend_from_slice(
                    format!("{column}:{}:{kind}@{place}", m.candidate).as_bytes(),
                );
            }
            out.push(b'\n');
        }
        out
    }

    /// The SHA-256 (lower-case hex) of [`BallotPapers::canonical`]: what ties
    /// a batch counted from memory to its papers, as a file's SHA-256 ties
    /// a batch read from a file.
    #[must_use]
    pub fn content_hash(&self, contest: &ContestId) -> String {
        let digest = Sha256::digest(self.canonical(contest));
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Every paper in full, as a preferential batch is adjudicated: a
    /// paper with no reference is named by its 1-based position.
    pub(crate) fn to_marked(&self) -> Vec<MarkedPaper> {
        self.papers
            .iter()
            .enumerate()
            .map(|(i, (reference, paper))| MarkedPaper {
                reference: reference.clone().unwrap_or_else(|| (i + 1).to_string()),
                line: (i + 1) as u64, // a Vec's length
                paper: paper.clone(),
            })
            .collect()
    }

    /// The batch as the count adjudicates it: papers of crosses in the box
    /// in their compact form, every other paper in full.
    pub(crate) fn to_batch(&self) -> PaperBatch {
        let mut batch = PaperBatch::default();
        for (i, (reference, paper)) in self.papers.iter().enumerate() {
            match compact(paper) {
                Some(p) => batch.papers.push(p),
                None => batch.marked.push(MarkedPaper {
                    reference: reference.clone().unwrap_or_else(|| (i + 1).to_string()),
                    line: (i + 1) as u64, // a Vec's length
                    paper: paper.clone(),
                }),
            }
        }
        batch
    }
}

/// The compact form of a paper of crosses in the box of the first column,
/// each for a different candidate, with the official mark and no
/// identifying mark.
fn compact(paper: &BallotPaper) -> Option<Paper> {
    if !paper.official_mark || paper.identifying_mark {
        return None;
    }
    let mut candidates = Vec::with_capacity(paper.marks.len());
    for m in &paper.marks {
        let plain = m.kind == MarkKind::Cross
            && m.placement == Placement::InBox
            && m.column == Column::First;
        if !plain || candidates.contains(&m.candidate) {
            return None;
        }
        candidates.push(m.candidate);
    }
    Paper::marked(&candidates).ok()
}
