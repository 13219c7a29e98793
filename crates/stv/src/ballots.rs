//! An STV election as counted: candidates, seats, withdrawn candidates and
//! the valid ballot papers (a BLT file holds valid papers only).

use std::collections::BTreeSet;

use countroom_model::Date;

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

/// One line of identical ballot papers, owned (what a caller builds an
/// [`Election`] from; an election holds its lines flat, see [`Ballots`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ballot {
    /// How many papers (≥ 1).
    pub weight: u64,
    /// Preferences in order, as 0-based candidate indices (no repeats, at
    /// least one).
    pub prefs: Vec<u16>,
}

/// One line of identical ballot papers as an [`Election`] holds it: its
/// weight and its preferences, borrowed from [`Ballots`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub struct BallotRef<'a> {
    /// How many papers (≥ 1).
    pub weight: u64,
    /// Preferences in order, as 0-based candidate indices.
    pub prefs: &'a [u16],
}

impl BallotRef<'_> {
    /// The line as an owned [`Ballot`].
    #[must_use]
    pub fn to_ballot(&self) -> Ballot {
        Ballot {
            weight: self.weight,
            prefs: self.prefs.to_vec(),
        }
    }
}

impl PartialEq<Ballot> for BallotRef<'_> {
    fn eq(&self, other: &Ballot) -> bool {
        self.weight == other.weight && self.prefs == other.prefs.as_slice()
    }
}

/// Ballot lines held flat: the preferences of every line one after another
/// in one array, where each line ends, and the weights. One allocation for
/// all the lines, not one a line (a contest of 283,768 distinct lines
/// made 283,768 allocations, a third of the instructions of reading and
/// counting a million papers: BENCHMARKS.md, issue 20).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Ballots {
    prefs: Vec<u16>,
    /// `ends[i]`: the end of line `i`'s preferences in `prefs` (its start
    /// is the end of the line before, or 0).
    ends: Vec<usize>,
    weights: Vec<u64>,
}

impl Ballots {
    /// No lines, with room for `lines` lines of `prefs` preferences in all.
    #[must_use]
    pub fn with_capacity(lines: usize, prefs: usize) -> Self {
        Ballots {
            prefs: Vec::with_capacity(prefs),
            ends: Vec::with_capacity(lines),
            weights: Vec::with_capacity(lines),
        }
    }

    /// Adds a line (checked when the election is made).
    pub fn push(&mut self, weight: u64, prefs: &[u16]) {
        self.prefs.extend_from_slice(prefs);
        self.ends.push(self.prefs.len());
        self.weights.push(weight);
    }

    /// The number of lines.
    #[must_use]
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// No lines.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Where line `i`'s preferences are in [`Ballots::all_prefs`].
    #[must_use]
    pub fn range(&self, i: usize) -> Option<std::ops::Range<usize>> {
        let end = *self.ends.get(i)?;
        let start = match i.checked_sub(1) {
            Some(j) => *self.ends.get(j)?,
            None => 0,
        };
        Some(start..end)
    }

    /// Line `i`.
    #[must_use]
    pub fn get(&self, i: usize) -> Option<BallotRef<'_>> {
        Some(BallotRef {
            weight: *self.weights.get(i)?,
            prefs: self.prefs.get(self.range(i)?)?,
        })
    }

    /// The preferences of every line, one line after another.
    #[must_use]
    pub fn all_prefs(&self) -> &[u16] {
        &self.prefs
    }

    /// The lines in order.
    #[must_use]
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            ballots: self,
            next: 0,
            start: 0,
        }
    }

    /// The lines as owned [`Ballot`]s.
    #[must_use]
    pub fn to_vec(&self) -> Vec<Ballot> {
        self.iter().map(|b| b.to_ballot()).collect()
    }
}

/// The lines of [`Ballots`] in order.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Iter<'a> {
    ballots: &'a Ballots,
    next: usize,
    start: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = BallotRef<'a>;

    fn next(&mut self) -> Option<BallotRef<'a>> {
        let end = *self.ballots.ends.get(self.next)?;
        let weight = *self.ballots.weights.get(self.next)?;
        let prefs = self.ballots.prefs.get(self.start..end).unwrap_or(&[]);
        self.next += 1;
        self.start = end;
        Some(BallotRef { weight, prefs })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // A position, not a figure: `next` never passes the length.
        let left = self.ballots.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Ballots {
    type Item = BallotRef<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl From<Vec<Ballot>> for Ballots {
    fn from(lines: Vec<Ballot>) -> Self {
        let total = lines.iter().map(|b| b.prefs.len()).sum();
        let mut out = Ballots::with_capacity(lines.len(), total);
        for b in &lines {
            out.push(b.weight, &b.prefs);
        }
        out
    }
}

impl PartialEq<[Ballot]> for Ballots {
    fn eq(&self, other: &[Ballot]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

impl<const N: usize> PartialEq<[Ballot; N]> for Ballots {
    fn eq(&self, other: &[Ballot; N]) -> bool {
        self == other.as_slice()
    }
}

impl PartialEq<Vec<Ballot>> for Ballots {
    fn eq(&self, other: &Vec<Ballot>) -> bool {
        self == other.as_slice()
    }
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
    ballots: Ballots,
    valid_papers: u64,
    poll_date: Option<Date>,
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
        Self::from_ballots(title, candidates, seats, withdrawn, Ballots::from(ballots))
    }

    /// [`Election::new`] from lines already held flat (what the BLT reader
    /// gives, with no allocation a line); the same checks.
    pub fn from_ballots(
        title: impl Into<Vec<u8>>,
        candidates: Vec<Candidate>,
        seats: usize,
        withdrawn: BTreeSet<usize>,
        ballots: Ballots,
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
        // Never clamps: only withdrawn candidates below `n` are counted, at
        // most `n` of them.
        let standing = n.saturating_sub(withdrawn.iter().filter(|&&w| w < n).count());
        if seats > 0 && n > 0 && seats >= standing {
            problems.push(ElectionProblem::SeatsNotFewerThanCandidates { seats, standing });
        }
        let mut valid: u64 = 0;
        // `seen[c]` is the 1-based number of the last line naming `c`: one
        // pass a line, nothing to clear.
        let mut seen = vec![0usize; n];
        for (i, b) in ballots.iter().enumerate() {
            if b.weight == 0 {
                problems.push(ElectionProblem::ZeroWeight { ballot: i });
            }
            if b.prefs.is_empty() {
                problems.push(ElectionProblem::NoPreference { ballot: i });
            }
            let stamp = i + 1;
            for &p in b.prefs {
                let p = usize::from(p);
                match seen.get_mut(p) {
                    None => problems.push(ElectionProblem::PreferenceOutOfRange {
                        ballot: i,
                        candidate: p + 1,
                        candidates: n,
                    }),
                    Some(s) if *s == stamp => {
                        problems.push(ElectionProblem::RepeatedPreference {
                            ballot: i,
                            candidate: p + 1,
                        });
                    }
                    Some(s) => *s = stamp,
                }
            }
            match valid.checked_add(b.weight) {
                Some(v) => valid = v,
                None => problems.push(ElectionProblem::TooManyPapers {
                    ballot: i,
                    papers: valid,
                    weight: b.weight,
                }),
            }
        }
        if !problems.is_empty() {
            problems.dedup();
            return Err(problems);
        }
        let title = title.into();
        Ok(Election {
            poll_date: date_in_title(&title),
            title,
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

    /// The poll date: as given ([`Election::with_poll_date`]), else a date
    /// found in the title ([`date_in_title`]), else `None`.
    #[must_use]
    pub fn poll_date(&self) -> Option<Date> {
        self.poll_date
    }

    /// The election with this poll date (given on the command line, or
    /// known from the count log), replacing any found in the title.
    #[must_use]
    pub fn with_poll_date(mut self, date: Date) -> Self {
        self.poll_date = Some(date);
        self
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
    pub fn ballots(&self) -> &Ballots {
        &self.ballots
    }

    /// The election with ballot lines of the same preference sequence
    /// merged into one: each sequence where it first appears, its weight
    /// the sum of its lines' weights. What the streaming BLT reader
    /// ([`crate::blt::read`]) gives; no figure of a count changes (the
    /// rules transfer papers by their next preference and value, never by
    /// the line they were written on; a property test counts both).
    ///
    /// # Errors
    ///
    /// [`ElectionProblem::TooManyPapers`] if a sequence's papers would
    /// pass `u64::MAX` (never clamped; an election made by
    /// [`Election::from_ballots`] has its total checked, so this cannot
    /// happen to one).
    pub fn merged(mut self) -> Result<Self, ElectionProblem> {
        let old = std::mem::take(&mut self.ballots);
        let mut index: std::collections::HashMap<&[u16], usize> = std::collections::HashMap::new();
        let mut order: Vec<(&[u16], u64)> = Vec::new();
        for (ballot, b) in old.iter().enumerate() {
            match index.get(b.prefs) {
                Some(&i) => {
                    if let Some(o) = order.get_mut(i) {
                        o.1 =
                            o.1.checked_add(b.weight)
                                .ok_or(ElectionProblem::TooManyPapers {
                                    ballot,
                                    papers: o.1,
                                    weight: b.weight,
                                })?;
                    }
                }
                None => {
                    index.insert(b.prefs, order.len());
                    order.push((b.prefs, b.weight));
                }
            }
        }
        let mut out = Ballots::with_capacity(order.len(), old.all_prefs().len());
        for (prefs, weight) in order {
            out.push(weight, prefs);
        }
        self.ballots = out;
        Ok(self)
    }

    /// The number of valid papers (the sum of the weights).
    #[must_use]
    pub fn valid_papers(&self) -> u64 {
        self.valid_papers
    }
}

/// A poll date written in a contest title: `2017-05-04`, `04/05/2017` (day
/// first, as in the UK), or `4 May 2017` (a month's full name or its first
/// three letters, any case). The first recognisable date is taken; a year
/// alone is not a date, and nothing is guessed.
///
/// ```
/// use countroom_stv::ballots::date_in_title;
/// use time::macros::date;
///
/// assert_eq!(date_in_title(b"Govan ward, 3 May 2007"), Some(date!(2007 - 05 - 03)));
/// assert_eq!(date_in_title(b"Ward 7 (2017-05-04)"), Some(date!(2017 - 05 - 04)));
/// assert_eq!(date_in_title(b"Langside 04/05/2017"), Some(date!(2017 - 05 - 04)));
/// assert_eq!(date_in_title(b"Govan 2007"), None);
/// assert_eq!(date_in_title(b"31 Feb 2017"), None);
/// ```
#[must_use]
pub fn date_in_title(title: &[u8]) -> Option<Date> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let text = String::from_utf8_lossy(title).to_lowercase();
    // Runs of digits, runs of letters, and every other character alone.
    let mut tokens: Vec<(u8, String)> = Vec::new();
    for ch in text.chars() {
        let class = if ch.is_ascii_digit() {
            1
        } else if ch.is_alphabetic() {
            2
        } else {
            0
        };
        match tokens.last_mut() {
            Some((c, t)) if class != 0 && *c == class => t.push(ch),
            _ => tokens.push((class, ch.to_string())),
        }
    }
    let num = |t: &str, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (len.contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let make = |y: u32, m: u32, d: u32| -> Option<Date> {
        let month = time::Month::try_from(u8::try_from(m).ok()?).ok()?;
        Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()
    };
    let month_name = |t: &str| -> Option<u32> {
        MONTHS
            .iter()
            .position(|m| t == *m || (t.len() == 3 && m.starts_with(t)))
            .and_then(|i| u32::try_from(i + 1).ok())
    };
    for i in 0..tokens.len() {
        let t = |k: usize| tokens.get(i + k).map_or("", |(_, t)| t.as_str());
        // 2017-05-04
        if let (Some(y), "-", Some(m), "-", Some(d)) = (
            num(t(0), 4..=4),
            t(1),
            num(t(2), 2..=2),
            t(3),
            num(t(4), 2..=2),
        ) {
            if let Some(date) = make(y, m, d) {
                return Some(date);
            }
        }
        // 04/05/2017
        if let (Some(d), "/", Some(m), "/", Some(y)) = (
            num(t(0), 1..=2),
            t(1),
            num(t(2), 1..=2),
            t(3),
            num(t(4), 4..=4),
        ) {
            if let Some(date) = make(y, m, d) {
                return Some(date);
            }
        }
        // 4 May 2017
        if let (Some(d), " ", Some(m), " ", Some(y)) = (
            num(t(0), 1..=2),
            t(1),
            month_name(t(2)),
            t(3),
            num(t(4), 4..=4),
        ) {
            if let Some(date) = make(y, m, d) {
                return Some(date);
            }
        }
    }
    None
}
