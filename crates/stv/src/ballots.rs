//! An STV election as counted: candidates, seats, withdrawn candidates and
//! the valid ballot papers (a BLT file holds valid papers only).

use std::collections::BTreeSet;

use crate::error::ElectionProblem;

/// A candidate as named in the ballot file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The name exactly as found (raw bytes: some official exports encode
    /// UTF-8 twice, and the name is kept byte for byte).
    pub name: Vec<u8>,
    /// The party or description, if the file gives one (`"Name" "Party"`
    /// or `"Name (Party)"`).
    pub party: Option<Vec<u8>>,
}

impl Candidate {
    /// A candidate with no party.
    #[must_use]
    pub fn new(name: impl Into<Vec<u8>>) -> Self {
        Candidate {
            name: name.into(),
            party: None,
        }
    }

    /// The name for display (invalid UTF-8 shown as U+FFFD).
    #[must_use]
    pub fn display_name(&self) -> String {
        String::from_utf8_lossy(&self.name).into_owned()
    }
}

/// One line of identical ballot papers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ballot {
    /// How many papers (≥ 1).
    pub weight: u64,
    /// Preferences in order, as 0-based candidate indices (no repeats, at
    /// least one).
    pub prefs: Vec<u16>,
}

/// The largest number of candidates an election may have. A stage sheet
/// holds a figure per candidate per stage and a count may take a stage per
/// candidate, so the sheet grows with the square of the candidates; real
/// STV contests have at most a few dozen.
pub const MAX_CANDIDATES: usize = 1000;

/// A validated STV election.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Election {
    title: Vec<u8>,
    candidates: Vec<Candidate>,
    seats: usize,
    withdrawn: BTreeSet<usize>,
    ballots: Vec<Ballot>,
    valid_papers: u64,
}

impl Election {
    /// Checks and builds an election. Problems, all listed: no candidates or
    /// more than [`MAX_CANDIDATES`]; no seats; seats not fewer than the
    /// candidates standing (with as many candidates as seats there is no
    /// poll: they are returned unopposed); a withdrawn index out of range;
    /// a ballot with weight 0, no preferences, a preference out of range,
    /// or the same candidate twice; a total of papers past `u64::MAX`.
    /// A preference for a withdrawn candidate is allowed and skipped when
    /// counting.
    pub fn new(
        title: impl Into<Vec<u8>>,
        candidates: Vec<Candidate>,
        seats: usize,
        withdrawn: BTreeSet<usize>,
        ballots: Vec<Ballot>,
    ) -> Result<Self, Vec<ElectionProblem>> {
        let mut problems = Vec::new();
        let n = candidates.len();
        if n == 0 {
            problems.push(ElectionProblem::NoCandidates);
        }
        if n > MAX_CANDIDATES {
            problems.push(ElectionProblem::TooManyCandidates { candidates: n });
        }
        if seats == 0 {
            problems.push(ElectionProblem::NoSeats);
        }
        for &w in &withdrawn {
            if w >= n {
                problems.push(ElectionProblem::WithdrawnOutOfRange {
                    candidate: w + 1,
                    candidates: n,
                });
            }
        }
        let standing = n.saturating_sub(withdrawn.iter().filter(|&&w| w < n).count());
        if seats > 0 && n > 0 && seats >= standing {
            problems.push(ElectionProblem::SeatsNotFewerThanCandidates { seats, standing });
        }
        let mut valid: u64 = 0;
        let mut seen = vec![false; n];
        for (i, b) in ballots.iter().enumerate() {
            if b.weight == 0 {
                problems.push(ElectionProblem::ZeroWeight { ballot: i });
            }
            if b.prefs.is_empty() {
                problems.push(ElectionProblem::NoPreference { ballot: i });
            }
            for &p in &b.prefs {
                let p = usize::from(p);
                if p >= n {
                    problems.push(ElectionProblem::PreferenceOutOfRange {
                        ballot: i,
                        candidate: p + 1,
                        candidates: n,
                    });
                } else if seen[p] {
                    problems.push(ElectionProblem::RepeatedPreference {
                        ballot: i,
                        candidate: p + 1,
                    });
                } else {
                    seen[p] = true;
                }
            }
            for &p in &b.prefs {
                if let Some(s) = seen.get_mut(usize::from(p)) {
                    *s = false;
                }
            }
            match valid.checked_add(b.weight) {
                Some(v) => valid = v,
                None => problems.push(ElectionProblem::TooManyPapers),
            }
        }
        if !problems.is_empty() {
            problems.dedup();
            return Err(problems);
        }
        Ok(Election {
            title: title.into(),
            candidates,
            seats,
            withdrawn,
            ballots,
            valid_papers: valid,
        })
    }

    /// The contest title as found.
    #[must_use]
    pub fn title(&self) -> &[u8] {
        &self.title
    }

    /// The candidates in ballot-file order.
    #[must_use]
    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }

    /// Seats to fill.
    #[must_use]
    pub fn seats(&self) -> usize {
        self.seats
    }

    /// Withdrawn candidates (0-based).
    #[must_use]
    pub fn withdrawn(&self) -> &BTreeSet<usize> {
        &self.withdrawn
    }

    /// The ballot lines in file order.
    #[must_use]
    pub fn ballots(&self) -> &[Ballot] {
        &self.ballots
    }

    /// The number of valid papers (the sum of the weights).
    #[must_use]
    pub fn valid_papers(&self) -> u64 {
        self.valid_papers
    }
}
