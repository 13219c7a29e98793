//! The collation state machine: local totals reported, checked, authorised,
//! re-counted and summed; the supplementary vote's second count directed and
//! summed; an equality settled by a recorded lot.

use std::collections::BTreeMap;

use countroom_tally::{sv_final_count, sv_first_count, SvDecision, TallyError};

use crate::error::{CollateError, FiguresError};
use crate::figures::Figures;
use crate::plan::{Method, Plan};

/// The local total of one counting area, as its officer reports it to the
/// collator: at a PCC election the local returning officer's statement of
/// the first count (PCCEO 2012 r.57); at a referendum the counting
/// officer's local count totals (PVSCA 2011 Sch 2 r.42(5)).
///
/// The figures are reported as counted: a variance between them is not
/// refused here but checked when the total is authorised
/// ([`Collation::authorise`], [`Collation::checks`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LocalTotal {
    /// The area's id.
    pub area: String,
    /// Ballot papers expected: papers issued at polling stations plus postal
    /// papers returned (the Electoral Commission's `ExpectedBallots`), if
    /// reported.
    pub expected: Option<u64>,
    /// Polling station papers verified, if reported.
    pub polling_station_papers: Option<u64>,
    /// Postal papers verified, if reported.
    pub postal_papers: Option<u64>,
    /// Ballot papers going forward to the count (the Electoral
    /// Commission's `VerifiedBallotPapers`).
    pub papers_forward: u64,
    /// Votes per choice in the plan's order (first preferences at a
    /// supplementary-vote poll).
    pub votes: Vec<u64>,
    /// Rejected papers per head in the plan's order.
    pub rejected: Vec<u64>,
    /// The local officer's explanation of any variance.
    pub explanation: Option<String>,
    /// The variance the explanation explains, as the collator's check
    /// computes it: votes counted plus rejected papers less the ballot
    /// papers going forward to the count
    /// ([`AreaCheck::counted_less_forward`]), if the explanation states it.
    /// Stated, the explanation explains that variance only: if the figures
    /// show another (a figure mistyped or changed after the explanation was
    /// written), the total is not authorised on it
    /// ([`CollateError::ExplanationNotOfVariance`]).
    pub explained_variance: Option<i128>,
    /// Likewise for the ballot papers going forward less those verified at
    /// polling stations plus postal ([`AreaCheck::forward_less_verified`]),
    /// if the explanation states it.
    pub explained_forward_variance: Option<i128>,
    /// Only the votes were published for this area: no ballot papers going
    /// forward to the count and no rejected papers (the 2014 Scottish
    /// independence referendum's results by council give Yes, No and the
    /// turnout only). `papers_forward` and `rejected` are then not figures
    /// and are ignored: the area's papers counted, turnout and checks are
    /// unknown, never taken as zero ([`Figures::not_published`]).
    pub not_published: bool,
}

impl LocalTotal {
    /// The local total of area `area`: ballot papers going forward to the
    /// count, votes per choice and rejected papers per head (both in the plan's
    /// order); add the verification figures, the explanation and
    /// `not_published` with the builders.
    ///
    /// ```
    /// use countroom_collate::LocalTotal;
    /// let total = LocalTotal::new("E07000008", 51_520, vec![30_000, 21_400], vec![80, 40])
    ///     .expected(Some(51_530))
    ///     .explanation(Some("ten papers spoilt at the count".into()));
    /// assert!(!total.not_published);
    /// ```
    #[must_use]
    pub fn new(
        area: impl Into<String>,
        papers_forward: u64,
        votes: Vec<u64>,
        rejected: Vec<u64>,
    ) -> LocalTotal {
        LocalTotal {
            area: area.into(),
            expected: None,
            polling_station_papers: None,
            postal_papers: None,
            papers_forward,
            votes,
            rejected,
            explanation: None,
            explained_variance: None,
            explained_forward_variance: None,
            not_published: false,
        }
    }

    /// Ballot papers expected: papers issued at polling stations plus postal
    /// papers returned (the Electoral Commission's `ExpectedBallots`), if
    /// reported.
    #[must_use]
    pub fn expected(mut self, expected: Option<u64>) -> LocalTotal {
        self.expected = expected;
        self
    }

    /// Polling station papers verified, if reported.
    #[must_use]
    pub fn polling_station_papers(mut self, polling_station_papers: Option<u64>) -> LocalTotal {
        self.polling_station_papers = polling_station_papers;
        self
    }

    /// Postal papers verified, if reported.
    #[must_use]
    pub fn postal_papers(mut self, postal_papers: Option<u64>) -> LocalTotal {
        self.postal_papers = postal_papers;
        self
    }

    /// The local officer's explanation of any variance.
    #[must_use]
    pub fn explanation(mut self, explanation: Option<String>) -> LocalTotal {
        self.explanation = explanation;
        self
    }

    /// The variance (votes counted plus rejected papers less the ballot
    /// papers going forward) the explanation explains, as it states it
    /// ([`LocalTotal::explained_variance`]).
    #[must_use]
    pub fn explained_variance(mut self, variance: Option<i128>) -> LocalTotal {
        self.explained_variance = variance;
        self
    }

    /// The variance (ballot papers going forward less those verified at
    /// polling stations plus postal) the explanation explains, as it states
    /// it ([`LocalTotal::explained_forward_variance`]).
    #[must_use]
    pub fn explained_forward_variance(mut self, variance: Option<i128>) -> LocalTotal {
        self.explained_forward_variance = variance;
        self
    }

    /// Only the votes were published for this area: no ballot papers going
    /// forward to the count and no rejected papers (the 2014 Scottish
    /// independence referendum's results by council give Yes, No and the
    /// turnout only). `papers_forward` and `rejected` are then not figures
    /// and are ignored: the area's papers counted, turnout and checks are
    /// unknown, never taken as zero ([`Figures::not_published`]).
    #[must_use]
    pub fn not_published(mut self, not_published: bool) -> LocalTotal {
        self.not_published = not_published;
        self
    }
}

/// One area's total at the second count of a supplementary-vote poll
/// (PCCEO 2012 r.60(2)): the second preferences counted for each remaining
/// candidate on the papers whose first preference was for an eliminated
/// one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SecondCountTotal {
    /// The area's id.
    pub area: String,
    /// Second preferences per choice in the plan's order; zero for every
    /// choice that does not remain.
    pub votes: Vec<u64>,
    /// Papers rejected for the purposes of the second count as unmarked or
    /// void for uncertainty as to the second preference (PCCEO 2012
    /// r.62(2)(d)(ii)).
    pub rejected: u64,
}

impl SecondCountTotal {
    /// The second count of area `area`: second preferences per choice (in the
    /// plan's order) and the papers rejected for the second count.
    #[must_use]
    pub fn new(area: impl Into<String>, votes: Vec<u64>, rejected: u64) -> SecondCountTotal {
        SecondCountTotal {
            area: area.into(),
            votes,
            rejected,
        }
    }
}

/// The collator's check of one reported local total (EC PARO guidance's
/// check list; uk-count-rules.md §5.2 and §7). Variances are signed: the
/// later figure less the earlier one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AreaCheck {
    /// The area's id.
    pub area: String,
    /// Whether the total is authorised.
    pub authorised: bool,
    /// Re-counts of the area ordered so far.
    pub recounts: u32,
    /// Ballot papers going forward to the count less those verified
    /// (polling stations plus postal), when both are reported: check 1,
    /// "ballot papers going forward to the count (polling stations +
    /// postal)".
    pub forward_less_verified: Option<i128>,
    /// Votes counted plus rejected papers less the ballot papers going
    /// forward to the count: check 2, "the total number of votes counted
    /// plus the total number of rejected votes should equal the total number
    /// of ballot papers that have gone forward to the count".
    pub counted_less_forward: i128,
    /// Ballot papers going forward less those expected, when expected is
    /// reported (for information: a verification variance, published and
    /// not a reason to refuse; uk-count-rules.md §2.7 gives Peterborough
    /// −5, Luton +3).
    pub forward_less_expected: Option<i128>,
    /// The local officer's explanation, if any.
    pub explanation: Option<String>,
    /// Whether check 1 or check 2 shows a variance, which must be resolved
    /// or explained before the total is authorised.
    pub needs_explanation: bool,
    /// Whether an explanation (not blank) is given.
    pub explained: bool,
    /// Whether the explanation states the variance it explains
    /// ([`LocalTotal::explained_variance`],
    /// [`LocalTotal::explained_forward_variance`]): every variance the check
    /// shows is stated, each as the figures give it.
    pub variance_stated: bool,
    /// The variances the explanation states that the figures do not show
    /// (each as stated and as found): the explanation is of other figures,
    /// and the total is not authorised on it.
    pub explanation_mismatch: Vec<VarianceMismatch>,
    /// Figures above the area's electorate, which cannot be true (each
    /// elector has one ballot paper; tendered papers are never counted):
    /// a total with any is never authorised, however it is explained.
    pub above_electorate: Vec<AboveElectorate>,
    /// Only the votes were published ([`LocalTotal::not_published`]): no
    /// check can be made, and `counted_less_forward` is zero.
    pub not_published: bool,
}

/// A figure of an area's local total above its electorate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct AboveElectorate {
    /// Which figure: `"expected"` (ballot papers expected), `"verified"`
    /// (going forward to the count), `"counted"` (votes plus rejected
    /// papers).
    pub what: &'static str,
    /// The figure.
    pub papers: u64,
    /// The area's electorate.
    pub electorate: u64,
}

/// A variance an explanation states that the figures do not show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct VarianceMismatch {
    /// Which variance: `"counted_less_forward"` or
    /// `"forward_less_verified"` (the fields of [`AreaCheck`]).
    pub which: &'static str,
    /// As the explanation states it.
    pub stated: i128,
    /// As the figures give it (`None`: the figures do not give it, the
    /// polling station and postal papers not being reported).
    pub found: Option<i128>,
}

impl AreaCheck {
    /// Whether the papers expected, the papers going forward (verified) and
    /// the papers counted (votes plus rejected papers) are not all the same
    /// figure, or the papers going forward differ from those verified at
    /// polling stations plus postal, or a figure is above the electorate:
    /// the areas a collation statement lists (as data: a published total is
    /// not refused for a variance).
    #[must_use]
    pub fn differs(&self) -> bool {
        self.forward_less_expected.is_some_and(|v| v != 0)
            || self.forward_less_verified.is_some_and(|v| v != 0)
            || self.counted_less_forward != 0
            || !self.above_electorate.is_empty()
    }
}

/// One area in the collated figures.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AreaResult {
    /// The area's id.
    pub area: String,
    /// Whether its total is authorised (only authorised totals are summed
    /// into regions and the poll).
    pub authorised: bool,
    /// Re-counts ordered.
    pub recounts: u32,
    /// The local officer's explanation of any variance.
    pub explanation: Option<String>,
    /// The variance the explanation states it explains
    /// ([`LocalTotal::explained_variance`]).
    pub explained_variance: Option<i128>,
    /// The variance of the papers going forward on those verified that the
    /// explanation states it explains
    /// ([`LocalTotal::explained_forward_variance`]).
    pub explained_forward_variance: Option<i128>,
    /// Its figures (with its second-count total, if reported).
    pub figures: Figures,
}

/// One region in the collated figures: the sum of its authorised areas.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RegionResult {
    /// The region's id.
    pub region: String,
    /// The sum of its authorised areas' figures.
    pub figures: Figures,
}

/// The collated figures and what they decide.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Collated {
    /// Every area with a local total, in the plan's order.
    pub areas: Vec<AreaResult>,
    /// Every region, in the plan's order.
    pub regions: Vec<RegionResult>,
    /// The whole poll: the sum of every authorised area (including any area
    /// in no region).
    pub total: Figures,
    /// Areas with no local total (never reported, or withdrawn for a
    /// re-count), in the plan's order.
    pub missing: Vec<String>,
    /// Areas whose total is reported but not authorised.
    pub unauthorised: Vec<String>,
    /// At a supplementary-vote poll with no majority, the candidates who
    /// remain for the second count (ascending); otherwise empty.
    pub remaining: Vec<usize>,
    /// After the second count: first plus second preferences for each
    /// remaining candidate, zero for the others.
    pub final_totals: Option<Vec<u64>>,
    /// What the figures decide.
    pub outcome: Outcome,
}

/// What the collated figures decide.
///
/// Not `#[non_exhaustive]`: `countroom-count` matches it to decide whether
/// the result may be declared and what the documents say (a winner, an
/// equality for a lot, a second count to direct), as do the CLI's
/// `collate` and the result formats; a new outcome must be weighed at each,
/// which a compile error enforces, where a `_` arm would declare or refuse
/// by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not every area's local total is reported and authorised.
    Incomplete,
    /// Returned: the candidate with most votes, with more than half the
    /// first preferences, or with the highest total after the second count;
    /// at a referendum, the answer with more votes.
    Winner(usize),
    /// Choices equal on the most votes (ascending). At a referendum the tie
    /// is reported; between candidates a lot decides
    /// ([`Collation::record_lot`]).
    Equality(Vec<usize>),
    /// Returned by the lot recorded between the candidates equal.
    WonByLot {
        /// The candidates equal (ascending).
        tied: Vec<usize>,
        /// The candidate on whom the lot fell.
        winner: usize,
    },
    /// No majority at the first count: the second count for these
    /// candidates (ascending) must be directed
    /// ([`Collation::direct_second_count`]; PCCEO 2012 r.60(1)).
    SecondCountNeeded(Vec<usize>),
    /// The second count is directed; these areas have not reported their
    /// second-count totals.
    SecondCountInProgress {
        /// The candidates remaining (ascending).
        remaining: Vec<usize>,
        /// Areas yet to report, in the plan's order.
        awaiting: Vec<String>,
    },
}

/// The aggregated first count of a supplementary-vote poll (PCCEO 2012
/// r.59(1)).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FirstCount {
    /// First preferences per choice, summed over every area.
    pub votes: Vec<u64>,
    /// All valid first preferences.
    pub valid: u64,
    /// Returned with a majority, equal (two candidates), or the candidates
    /// remaining for the second count.
    pub decision: SvDecision,
}

#[derive(Debug, Clone)]
struct Reported {
    total: LocalTotal,
    figures: Figures,
}

#[derive(Debug, Clone, Default)]
struct AreaState {
    first: Option<Reported>,
    authorised: bool,
    second: Option<SecondCountTotal>,
    recounts: u32,
    second_recounts: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Lot {
    tied: Vec<usize>,
    winner: usize,
}

/// The collation of a poll counted in several areas: a state machine whose
/// every step returns a `Result` and leaves the state unchanged when it is
/// refused.
///
/// 1. [`Collation::report`] each area's local total;
/// 2. [`Collation::checks`] shows the collator's check of each;
///    [`Collation::authorise`] authorises one, refusing an unexplained
///    variance ([`Collation::explain`] records the local officer's
///    explanation); [`Collation::order_recount`] withdraws one area's total for
///    a re-count, leaving every other area as it is;
/// 3. [`Collation::collated`] sums the areas to regions and the poll and
///    says what the figures decide;
/// 4. at a supplementary-vote poll with no majority,
///    [`Collation::direct_second_count`], then
///    [`Collation::report_second`] for each area;
/// 5. [`Collation::record_lot`] records the lot that settles an equality
///    between candidates.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Collation {
    plan: Plan,
    index: BTreeMap<String, usize>,
    areas: Vec<AreaState>,
    area_region: Vec<Option<usize>>,
    direction: Option<Vec<usize>>,
    withdrawn_direction: Option<Vec<usize>>,
    lot: Option<Lot>,
}

fn overflow(scope: String, e: FiguresError) -> CollateError {
    match e {
        FiguresError::Overflow { what } => CollateError::Overflow { scope, what },
        error => CollateError::Figures { scope, error },
    }
}

fn leaders(votes: &[u64]) -> Vec<usize> {
    let top = votes.iter().copied().max().unwrap_or(0);
    (0..votes.len())
        .filter(|&c| votes.get(c) == Some(&top))
        .collect()
}

impl Collation {
    /// A collation of `plan`, with nothing reported.
    ///
    /// # Errors
    ///
    /// Every problem of the plan: no choices, no areas, an empty id, a
    /// choice, head, region or area listed twice, an area in a region the
    /// plan does not have.
    pub fn new(plan: Plan) -> Result<Collation, Vec<CollateError>> {
        let poll = || plan.poll.clone();
        let mut errors = Vec::new();
        if plan.choices.is_empty() {
            errors.push(CollateError::NoChoices { poll: poll() });
        }
        if plan.areas.is_empty() {
            errors.push(CollateError::NoAreas { poll: poll() });
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, choice) in plan.choices.iter().enumerate() {
            if choice.id.is_empty() {
                errors.push(CollateError::EmptyId {
                    poll: poll(),
                    what: "choice",
                    position: i + 1,
                });
            } else if !seen.insert(choice.id.as_str()) {
                errors.push(CollateError::DuplicateChoice {
                    poll: poll(),
                    choice: choice.id.clone(),
                });
            }
        }
        let mut heads = std::collections::BTreeSet::new();
        for &head in &plan.heads {
            if !heads.insert(head) {
                errors.push(CollateError::DuplicateHead { poll: poll(), head });
            }
        }
        let mut regions = BTreeMap::new();
        for (i, region) in plan.regions.iter().enumerate() {
            if region.id.is_empty() {
                errors.push(CollateError::EmptyId {
                    poll: poll(),
                    what: "region",
                    position: i + 1,
                });
            } else if regions.insert(region.id.clone(), i).is_some() {
                errors.push(CollateError::DuplicateRegion {
                    poll: poll(),
                    region: region.id.clone(),
                });
            }
        }
        let mut index = BTreeMap::new();
        let mut area_region = Vec::with_capacity(plan.areas.len());
        for (i, area) in plan.areas.iter().enumerate() {
            if area.id.is_empty() {
                errors.push(CollateError::EmptyId {
                    poll: poll(),
                    what: "area",
                    position: i + 1,
                });
            } else if index.insert(area.id.clone(), i).is_some() {
                errors.push(CollateError::DuplicateArea {
                    poll: poll(),
                    area: area.id.clone(),
                });
            }
            let region = match &area.region {
                None => None,
                Some(r) => {
                    let found = regions.get(r).copied();
                    if found.is_none() {
                        errors.push(CollateError::UnknownRegion {
                            poll: poll(),
                            area: area.id.clone(),
                            region: r.clone(),
                        });
                    }
                    found
                }
            };
            area_region.push(region);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let areas = vec![AreaState::default(); plan.areas.len()];
        Ok(Collation {
            plan,
            index,
            areas,
            area_region,
            direction: None,
            withdrawn_direction: None,
            lot: None,
        })
    }

    /// The plan.
    #[must_use]
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The candidates the second count was directed for, if it has been.
    #[must_use]
    pub fn direction(&self) -> Option<&[usize]> {
        self.direction.as_deref()
    }

    /// The lot recorded, as (the candidates equal, the one it fell on).
    #[must_use]
    pub fn lot(&self) -> Option<(&[usize], usize)> {
        self.lot.as_ref().map(|l| (l.tied.as_slice(), l.winner))
    }

    /// Re-counts ordered for `area` (first count, second count), or `None`
    /// if it is not an area of the poll.
    #[must_use]
    pub fn recounts(&self, area: &str) -> Option<(u32, u32)> {
        let state = self.state(area)?;
        Some((state.recounts, state.second_recounts))
    }

    /// The local total standing for `area` (reported and not withdrawn by a
    /// re-count), or `None`.
    #[must_use]
    pub fn local_total(&self, area: &str) -> Option<&LocalTotal> {
        self.state(area)?.first.as_ref().map(|r| &r.total)
    }

    /// Whether `area`'s local total is authorised, or `None` if it is not an
    /// area of the poll.
    #[must_use]
    pub fn is_authorised(&self, area: &str) -> Option<bool> {
        self.state(area).map(|s| s.authorised)
    }

    fn state(&self, area: &str) -> Option<&AreaState> {
        self.index.get(area).and_then(|&i| self.areas.get(i))
    }

    fn state_mut(&mut self, area: &str) -> Result<&mut AreaState, CollateError> {
        let poll = &self.plan.poll;
        self.index
            .get(area)
            .and_then(|&i| self.areas.get_mut(i))
            .ok_or_else(|| CollateError::UnknownArea {
                poll: poll.clone(),
                area: area.to_owned(),
            })
    }

    fn unknown(&self, area: &str) -> CollateError {
        CollateError::UnknownArea {
            poll: self.plan.poll.clone(),
            area: area.to_owned(),
        }
    }

    fn choice_id(&self, c: usize) -> String {
        self.plan
            .choices
            .get(c)
            .map_or_else(|| format!("#{c}"), |x| x.id.clone())
    }

    fn choice_ids(&self, cs: &[usize]) -> Vec<String> {
        cs.iter().map(|&c| self.choice_id(c)).collect()
    }

    fn not_sv(&self, step: &'static str) -> Option<CollateError> {
        (self.plan.method != Method::SupplementaryVote).then(|| {
            CollateError::NotSupplementaryVote {
                poll: self.plan.poll.clone(),
                method: self.plan.method,
                step,
            }
        })
    }

    /// Records an area's local total (PCCEO 2012 r.57; PVSCA 2011 Sch 2
    /// r.42(5)). Nothing is changed on error.
    ///
    /// # Errors
    ///
    /// Every problem found: the area is not in the poll; a total is already
    /// reported for it (order a re-count first); the number of vote figures
    /// or rejected-paper heads is not the poll's; a sum (valid votes,
    /// rejected papers, their total, verified papers) passes `u64::MAX`.
    pub fn report(&mut self, total: LocalTotal) -> Result<(), Vec<CollateError>> {
        let mut errors = Vec::new();
        let idx = self.index.get(&total.area).copied();
        match idx.and_then(|i| self.areas.get(i)) {
            None => errors.push(self.unknown(&total.area)),
            Some(state) if state.first.is_some() => {
                errors.push(CollateError::AlreadyReported {
                    area: total.area.clone(),
                });
            }
            Some(_) => {}
        }
        let (n_choices, n_heads) = (self.plan.choices.len(), self.plan.heads.len());
        if total.votes.len() != n_choices {
            errors.push(CollateError::WrongLength {
                area: total.area.clone(),
                what: "vote figures",
                expected: n_choices,
                found: total.votes.len(),
            });
        }
        if total.rejected.len() != n_heads {
            errors.push(CollateError::WrongLength {
                area: total.area.clone(),
                what: "rejected-paper heads",
                expected: n_heads,
                found: total.rejected.len(),
            });
        }
        let electorate = idx
            .and_then(|i| self.plan.areas.get(i))
            .and_then(|a| a.electorate);
        let figures = Figures::area(electorate, &total)
            .map_err(|e| overflow(format!("area {}", total.area), e));
        match (figures, idx) {
            (Err(e), _) => errors.push(e),
            (Ok(figures), Some(i)) if errors.is_empty() => {
                if let Some(state) = self.areas.get_mut(i) {
                    state.first = Some(Reported { total, figures });
                    state.authorised = false;
                }
            }
            _ => {}
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The collator's check of every reported local total, in the plan's
    /// order.
    #[must_use]
    pub fn checks(&self) -> Vec<AreaCheck> {
        self.plan
            .areas
            .iter()
            .zip(&self.areas)
            .filter_map(|(area, state)| {
                state
                    .first
                    .as_ref()
                    .map(|reported| check(&area.id, state, reported))
            })
            .collect()
    }

    /// Authorises an area's local total for publication, after the
    /// collator's check (PCCEO 2012 r.57–58 and EC PARO guidance: the PARO
    /// checks and authorises each local returning officer to give public
    /// notice of the local totals; PVSCA 2011 Sch 2 r.42(5): the counting
    /// officer declares the local total only as the Regional Counting
    /// Officer directs).
    ///
    /// # Errors
    ///
    /// The area is not in the poll, has no local total, is already
    /// authorised; a figure of its total exceeds its electorate
    /// ([`CollateError::AboveElectorate`], whatever the explanation: each
    /// elector has one ballot paper, so the figures cannot be true); or its
    /// check shows a variance (papers going forward not equal to those
    /// verified; votes plus rejected papers not equal to the papers going
    /// forward) with no explanation, or with an explanation that states
    /// another variance than the one the figures show
    /// ([`CollateError::ExplanationNotOfVariance`]).
    pub fn authorise(&mut self, area: &str) -> Result<(), CollateError> {
        self.authorise_with(area, false)
    }

    /// Authorises an area's local total as [`Collation::authorise`] does,
    /// and an explanation counts only if it states every variance it
    /// explains ([`LocalTotal::explained_variance`],
    /// [`LocalTotal::explained_forward_variance`]): `countroom collate`'s
    /// rule for a file of local totals, where the figures and the
    /// explanation are typed in one row and nothing else ties them, so a
    /// figure mistyped after the explanation was written would otherwise
    /// be authorised by it. (In a count log the collating officer's own
    /// `local_total_authorised` entry, with who made it, is the judgement
    /// on the explanation: [`Collation::authorise`].)
    ///
    /// # Errors
    ///
    /// As [`Collation::authorise`], and
    /// [`CollateError::VarianceNotStated`] for an explanation that does not
    /// state the variance it explains.
    pub fn authorise_stated(&mut self, area: &str) -> Result<(), CollateError> {
        self.authorise_with(area, true)
    }

    fn authorise_with(&mut self, area: &str, stated: bool) -> Result<(), CollateError> {
        let state = self.state_mut(area)?;
        let Some(reported) = &state.first else {
            return Err(CollateError::NotReported {
                area: area.to_owned(),
            });
        };
        if state.authorised {
            return Err(CollateError::AlreadyAuthorised {
                area: area.to_owned(),
            });
        }
        let c = check(area, state, reported);
        if !c.above_electorate.is_empty() {
            return Err(CollateError::AboveElectorate {
                area: area.to_owned(),
                figures: c.above_electorate,
            });
        }
        if c.needs_explanation && !c.explained {
            return Err(CollateError::UnexplainedVariance {
                area: area.to_owned(),
                forward_less_verified: c.forward_less_verified,
                counted_less_forward: c.counted_less_forward,
            });
        }
        if c.needs_explanation && !c.explanation_mismatch.is_empty() {
            return Err(CollateError::ExplanationNotOfVariance {
                area: area.to_owned(),
                mismatches: c.explanation_mismatch,
            });
        }
        if c.needs_explanation && stated && !c.variance_stated {
            return Err(CollateError::VarianceNotStated {
                area: area.to_owned(),
                forward_less_verified: c.forward_less_verified,
                counted_less_forward: c.counted_less_forward,
            });
        }
        state.authorised = true;
        Ok(())
    }

    /// Records the local officer's explanation of a variance in an area's
    /// local total that is not yet authorised (EC PARO guidance: a
    /// variance must be resolved or explained; resolving it is a re-count,
    /// [`Collation::order_recount`]). Replaces any earlier explanation.
    ///
    /// # Errors
    ///
    /// The area is not in the poll, has no local total, is already
    /// authorised, or the explanation is blank.
    pub fn explain(&mut self, area: &str, explanation: &str) -> Result<(), CollateError> {
        let state = self.state_mut(area)?;
        let Some(reported) = &mut state.first else {
            return Err(CollateError::NotReported {
                area: area.to_owned(),
            });
        };
        if state.authorised {
            return Err(CollateError::AlreadyAuthorised {
                area: area.to_owned(),
            });
        }
        if explanation.trim().is_empty() {
            return Err(CollateError::BlankExplanation {
                area: area.to_owned(),
            });
        }
        reported.total.explanation = Some(explanation.to_owned());
        Ok(())
    }

    /// Orders a re-count of one area (EC PARO guidance: the collator may
    /// direct a re-count of that area only, never of the whole poll): its
    /// local total, authorisation and second-count total are withdrawn until
    /// it reports again; every other area is left as it is.
    ///
    /// A lot recorded is withdrawn (the figures it settled may change). If
    /// the second count has been directed, the direction is withdrawn too,
    /// as it rests on the first count: once every area is authorised again
    /// it is directed again, and the other areas' second-count totals stand
    /// if the same candidates remain (and are discarded otherwise).
    ///
    /// # Errors
    ///
    /// The area is not in the poll, or has no local total to re-count.
    pub fn order_recount(&mut self, area: &str) -> Result<(), CollateError> {
        let state = self.state_mut(area)?;
        if state.first.is_none() {
            return Err(CollateError::NotReported {
                area: area.to_owned(),
            });
        }
        let recounts = state
            .recounts
            .checked_add(1)
            .ok_or_else(|| CollateError::Overflow {
                scope: format!("area {area}"),
                what: "re-counts",
            })?;
        state.first = None;
        state.authorised = false;
        state.second = None;
        state.recounts = recounts;
        self.lot = None;
        if let Some(direction) = self.direction.take() {
            self.withdrawn_direction = Some(direction);
        }
        Ok(())
    }

    /// Orders a re-count of one area's second count only: its second-count
    /// total is withdrawn until it reports again.
    ///
    /// # Errors
    ///
    /// The poll is not counted by the supplementary vote, the area is not in
    /// the poll, the second count has not been directed, or the area has not
    /// reported its second-count total.
    pub fn order_second_recount(&mut self, area: &str) -> Result<(), CollateError> {
        if let Some(e) = self.not_sv("a re-count of the second count") {
            return Err(e);
        }
        if self.direction.is_none() {
            return Err(CollateError::SecondCountNotDirected {
                poll: self.plan.poll.clone(),
                area: area.to_owned(),
            });
        }
        let state = self.state_mut(area)?;
        if state.second.is_none() {
            return Err(CollateError::SecondNotReported {
                area: area.to_owned(),
            });
        }
        let recounts =
            state
                .second_recounts
                .checked_add(1)
                .ok_or_else(|| CollateError::Overflow {
                    scope: format!("area {area}"),
                    what: "re-counts of the second count",
                })?;
        state.second = None;
        state.second_recounts = recounts;
        self.lot = None;
        Ok(())
    }

    fn completeness(&self) -> (Vec<String>, Vec<String>) {
        let mut missing = Vec::new();
        let mut unauthorised = Vec::new();
        for (area, state) in self.plan.areas.iter().zip(&self.areas) {
            if state.first.is_none() {
                missing.push(area.id.clone());
            } else if !state.authorised {
                unauthorised.push(area.id.clone());
            }
        }
        (missing, unauthorised)
    }

    fn require_complete(&self) -> Result<(), CollateError> {
        let (missing, unauthorised) = self.completeness();
        if missing.is_empty() && unauthorised.is_empty() {
            Ok(())
        } else {
            Err(CollateError::Incomplete {
                poll: self.plan.poll.clone(),
                missing,
                unauthorised,
            })
        }
    }

    fn poll_scope(&self) -> String {
        format!("poll {}", self.plan.poll)
    }

    fn tally_error(&self, e: TallyError) -> CollateError {
        match e {
            TallyError::Overflow => CollateError::Overflow {
                scope: self.poll_scope(),
                what: "first plus second preferences",
            },
            error => CollateError::Count {
                poll: self.plan.poll.clone(),
                error,
            },
        }
    }

    /// The first-preference votes summed over the authorised areas.
    fn first_preferences(&self) -> Result<Vec<u64>, CollateError> {
        let mut votes = vec![0u64; self.plan.choices.len()];
        for state in self.areas.iter().filter(|s| s.authorised) {
            if let Some(reported) = &state.first {
                for (v, &x) in votes.iter_mut().zip(&reported.total.votes) {
                    *v = v.checked_add(x).ok_or_else(|| CollateError::Overflow {
                        scope: self.poll_scope(),
                        what: "votes",
                    })?;
                }
            }
        }
        Ok(votes)
    }

    /// The aggregated first count of a supplementary-vote poll, once every
    /// area's local total is authorised (PCCEO 2012 r.59(1)): first
    /// preferences summed, and whether a candidate has more than half of
    /// them, or who remains.
    ///
    /// # Errors
    ///
    /// The poll is not counted by the supplementary vote; not every area is
    /// authorised; a sum passes `u64::MAX`.
    pub fn first_count(&self) -> Result<FirstCount, CollateError> {
        if let Some(e) = self.not_sv("the aggregated first count") {
            return Err(e);
        }
        self.require_complete()?;
        let votes = self.first_preferences()?;
        let (valid, decision) = sv_first_count(&votes).map_err(|e| match e {
            TallyError::Overflow => CollateError::Overflow {
                scope: self.poll_scope(),
                what: "valid votes",
            },
            e => self.tally_error(e),
        })?;
        Ok(FirstCount {
            votes,
            valid,
            decision,
        })
    }

    /// Directs every area to count second preferences for the candidates
    /// remaining, when no candidate has more than half the first
    /// preferences (PCCEO 2012 r.60(1); GLAA 1999 Sch 2 para 4(3): the two
    /// with most first preferences remain, and all equal second remain).
    /// Returns the remaining candidates (ascending).
    ///
    /// # Errors
    ///
    /// The poll is not counted by the supplementary vote; the second count
    /// is already directed; not every area is authorised; a candidate has a
    /// majority; two candidates only are equal (a lot decides).
    pub fn direct_second_count(&mut self) -> Result<Vec<usize>, CollateError> {
        if let Some(e) = self.not_sv("directing the second count") {
            return Err(e);
        }
        if self.direction.is_some() {
            return Err(CollateError::SecondCountAlreadyDirected {
                poll: self.plan.poll.clone(),
            });
        }
        let first = self.first_count()?;
        let remaining = match first.decision {
            SvDecision::Elected(c) => {
                return Err(CollateError::MajorityAtFirstCount {
                    poll: self.plan.poll.clone(),
                    choice: self.choice_id(c),
                })
            }
            SvDecision::Equality(tied) => {
                return Err(CollateError::EqualityAtFirstCount {
                    poll: self.plan.poll.clone(),
                    tied: self.choice_ids(&tied),
                })
            }
            SvDecision::SecondCount(remaining) => remaining,
        };
        if self.withdrawn_direction.as_ref() != Some(&remaining) {
            for state in &mut self.areas {
                state.second = None;
            }
        }
        self.withdrawn_direction = None;
        self.direction = Some(remaining.clone());
        Ok(remaining)
    }

    /// Records an area's second-count total (PCCEO 2012 r.60(2)). Nothing
    /// is changed on error.
    ///
    /// # Errors
    ///
    /// Every problem found: the poll is not counted by the supplementary
    /// vote; the second count has not been directed; the area is not in the
    /// poll or has already reported; the number of figures is not the
    /// poll's; second preferences for an eliminated candidate (each named);
    /// more papers than the area's first preferences for eliminated
    /// candidates; a sum passes `u64::MAX`.
    pub fn report_second(&mut self, total: SecondCountTotal) -> Result<(), Vec<CollateError>> {
        if let Some(e) = self.not_sv("the second count") {
            return Err(vec![e]);
        }
        let Some(remaining) = self.direction.clone() else {
            return Err(vec![CollateError::SecondCountNotDirected {
                poll: self.plan.poll.clone(),
                area: total.area.clone(),
            }]);
        };
        let mut errors = Vec::new();
        let idx = self.index.get(&total.area).copied();
        let state = idx.and_then(|i| self.areas.get(i));
        match state {
            None => errors.push(self.unknown(&total.area)),
            Some(s) if s.second.is_some() => errors.push(CollateError::SecondAlreadyReported {
                area: total.area.clone(),
            }),
            Some(_) => {}
        }
        let n = self.plan.choices.len();
        if total.votes.len() != n {
            errors.push(CollateError::WrongLength {
                area: total.area.clone(),
                what: "second-preference figures",
                expected: n,
                found: total.votes.len(),
            });
        }
        for (c, &votes) in total.votes.iter().enumerate() {
            if votes > 0 && !remaining.contains(&c) {
                errors.push(CollateError::EliminatedChoice {
                    area: total.area.clone(),
                    choice: self.choice_id(c),
                    votes,
                });
            }
        }
        let examined = total
            .votes
            .iter()
            .try_fold(total.rejected, |a, &b| a.checked_add(b));
        match (examined, state.and_then(|s| s.first.as_ref())) {
            (None, _) => errors.push(CollateError::Overflow {
                scope: format!("area {}", total.area),
                what: "second preference votes plus rejected papers",
            }),
            (Some(examined), Some(reported)) => {
                // Only papers whose first preference is for an eliminated
                // candidate are examined: part of the area's valid votes,
                // whose sum is checked when reported; checked here too.
                let available = reported
                    .total
                    .votes
                    .iter()
                    .enumerate()
                    .filter(|(c, _)| !remaining.contains(c))
                    .try_fold(0u64, |a, (_, &v)| a.checked_add(v));
                match available {
                    None => errors.push(CollateError::Overflow {
                        scope: format!("area {}", total.area),
                        what: "first preferences for the eliminated candidates",
                    }),
                    Some(available) if examined > available => {
                        errors.push(CollateError::SecondCountExceedsPapers {
                            area: total.area.clone(),
                            examined,
                            available,
                        });
                    }
                    Some(_) => {}
                }
            }
            (Some(_), None) => {}
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if let Some(state) = idx.and_then(|i| self.areas.get_mut(i)) {
            state.second = Some(total);
        }
        Ok(())
    }

    /// Records the lot drawn to settle an equality between candidates on
    /// the final figures (Parliamentary Elections Rules r.49 and the local
    /// rules in the same words; GLAA 1999 Sch 2 para 4(8) and PCCEO 2012 in
    /// the supplementary-vote form). The lot is an input: this never draws
    /// one.
    ///
    /// # Errors
    ///
    /// A referendum (an equality is reported, not decided); an index out of
    /// range; the figures show no equality, or one between other
    /// candidates; the winner is not one of them; a lot is already
    /// recorded; a sum passes `u64::MAX`.
    pub fn record_lot(&mut self, tied: &[usize], winner: usize) -> Result<(), CollateError> {
        if matches!(self.plan.method, Method::Referendum | Method::List) {
            return Err(CollateError::LotNotApplicable {
                poll: self.plan.poll.clone(),
            });
        }
        let n = self.plan.choices.len();
        if let Some(&index) = tied.iter().chain([&winner]).find(|&&c| c >= n) {
            return Err(CollateError::ChoiceIndex {
                poll: self.plan.poll.clone(),
                index,
                n,
            });
        }
        if self.lot.is_some() {
            return Err(CollateError::LotAlreadyRecorded {
                poll: self.plan.poll.clone(),
            });
        }
        let mut named = tied.to_vec();
        named.sort_unstable();
        named.dedup();
        let equality = match self.collate_without_lot()?.outcome {
            Outcome::Equality(equality) => equality,
            _ => {
                return Err(CollateError::NoEquality {
                    poll: self.plan.poll.clone(),
                })
            }
        };
        if named != equality {
            return Err(CollateError::LotMismatch {
                poll: self.plan.poll.clone(),
                tied: self.choice_ids(&named),
                equality: self.choice_ids(&equality),
            });
        }
        if !named.contains(&winner) {
            return Err(CollateError::LotWinnerNotTied {
                poll: self.plan.poll.clone(),
                winner: self.choice_id(winner),
            });
        }
        self.lot = Some(Lot {
            tied: named,
            winner,
        });
        Ok(())
    }

    /// The collated figures: every reported area, every region and the
    /// whole poll (the sums of the authorised areas), the areas missing or
    /// unauthorised, and what the figures decide.
    ///
    /// # Errors
    ///
    /// [`CollateError::Overflow`] naming the region or poll whose sum
    /// passes `u64::MAX`.
    pub fn collated(&self) -> Result<Collated, CollateError> {
        let mut collated = self.collate_without_lot()?;
        if let (Outcome::Equality(equality), Some(lot)) = (&collated.outcome, &self.lot) {
            if *equality == lot.tied
                && !matches!(self.plan.method, Method::Referendum | Method::List)
            {
                collated.outcome = Outcome::WonByLot {
                    tied: lot.tied.clone(),
                    winner: lot.winner,
                };
            }
        }
        Ok(collated)
    }

    fn collate_without_lot(&self) -> Result<Collated, CollateError> {
        let (n_choices, n_heads) = (self.plan.choices.len(), self.plan.heads.len());
        let mut regions: Vec<Figures> =
            vec![Figures::zero(n_choices, n_heads); self.plan.regions.len()];
        let mut total = Figures::zero(n_choices, n_heads);
        let mut areas = Vec::new();
        let mut missing = Vec::new();
        let mut unauthorised = Vec::new();
        let mut awaiting = Vec::new();
        for ((area, state), region) in self
            .plan
            .areas
            .iter()
            .zip(&self.areas)
            .zip(&self.area_region)
        {
            let Some(reported) = &state.first else {
                missing.push(area.id.clone());
                continue;
            };
            let scope = || format!("area {}", area.id);
            let figures = match (&self.direction, &state.second) {
                (Some(_), Some(second)) => reported
                    .figures
                    .with_second(second)
                    .map_err(|e| overflow(scope(), e))?,
                (Some(_), None) => {
                    awaiting.push(area.id.clone());
                    reported.figures.clone()
                }
                (None, _) => reported.figures.clone(),
            };
            if state.authorised {
                if let Some(r) = *region {
                    if let Some(sum) = regions.get_mut(r) {
                        let scope = self
                            .plan
                            .regions
                            .get(r)
                            .map_or_else(String::new, |x| format!("region {}", x.id));
                        sum.merge(&figures).map_err(|e| overflow(scope, e))?;
                    }
                }
                total
                    .merge(&figures)
                    .map_err(|e| overflow(self.poll_scope(), e))?;
            } else {
                unauthorised.push(area.id.clone());
            }
            areas.push(AreaResult {
                area: area.id.clone(),
                authorised: state.authorised,
                recounts: state.recounts,
                explanation: reported.total.explanation.clone(),
                explained_variance: reported.total.explained_variance,
                explained_forward_variance: reported.total.explained_forward_variance,
                figures,
            });
        }
        let mut remaining = Vec::new();
        let mut final_totals = None;
        let outcome = if !missing.is_empty() || !unauthorised.is_empty() {
            Outcome::Incomplete
        } else {
            match self.plan.method {
                Method::Referendum | Method::FirstPastThePost | Method::List => {
                    match leaders(total.votes())[..] {
                        [c] => Outcome::Winner(c),
                        ref tied => Outcome::Equality(tied.to_vec()),
                    }
                }
                Method::SupplementaryVote => {
                    let (_, decision) =
                        sv_first_count(total.votes()).map_err(|e| self.tally_error(e))?;
                    match decision {
                        SvDecision::Elected(c) => Outcome::Winner(c),
                        SvDecision::Equality(tied) => Outcome::Equality(tied),
                        SvDecision::SecondCount(r) => {
                            remaining.clone_from(&r);
                            if self.direction.as_ref() != Some(&r) {
                                Outcome::SecondCountNeeded(r)
                            } else if !awaiting.is_empty() {
                                Outcome::SecondCountInProgress {
                                    remaining: r,
                                    awaiting,
                                }
                            } else {
                                let (totals, decision) =
                                    sv_final_count(total.votes(), &r, total.second_votes())
                                        .map_err(|e| self.tally_error(e))?;
                                final_totals = Some(totals);
                                match decision {
                                    SvDecision::Elected(c) => Outcome::Winner(c),
                                    SvDecision::Equality(tied) | SvDecision::SecondCount(tied) => {
                                        Outcome::Equality(tied)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        };
        Ok(Collated {
            areas,
            regions: self
                .plan
                .regions
                .iter()
                .zip(regions)
                .map(|(r, figures)| RegionResult {
                    region: r.id.clone(),
                    figures,
                })
                .collect(),
            total,
            missing,
            unauthorised,
            remaining,
            final_totals,
            outcome,
        })
    }
}

fn difference(a: u64, b: u64) -> i128 {
    i128::from(a) - i128::from(b)
}

/// The figures of an area above its electorate, in the order expected,
/// verified, counted (for an area that published only its votes, the
/// valid votes).
fn above_electorate(f: &Figures, not_published: bool) -> Vec<AboveElectorate> {
    let Some(electorate) = f.electorate() else {
        return Vec::new();
    };
    let figures: Vec<(&'static str, Option<u64>)> = if not_published {
        vec![("valid votes", Some(f.valid()))]
    } else {
        vec![
            ("expected", f.expected()),
            ("verified", Some(f.papers_forward())),
            ("counted", Some(f.counted())),
        ]
    };
    figures
        .into_iter()
        .filter_map(|(what, papers)| {
            let papers = papers?;
            (papers > electorate).then_some(AboveElectorate {
                what,
                papers,
                electorate,
            })
        })
        .collect()
}

/// The variances an explanation states that the figures do not show, and
/// whether it states every variance they do show.
fn stated_variances(
    total: &LocalTotal,
    forward_less_verified: Option<i128>,
    counted_less_forward: i128,
) -> (bool, Vec<VarianceMismatch>) {
    let pairs = [
        (
            "counted_less_forward",
            total.explained_variance,
            Some(counted_less_forward),
        ),
        (
            "forward_less_verified",
            total.explained_forward_variance,
            forward_less_verified,
        ),
    ];
    let mut every_stated = true;
    let mut mismatches = Vec::new();
    for (which, stated, found) in pairs {
        match stated {
            Some(stated) if Some(stated) != found => mismatches.push(VarianceMismatch {
                which,
                stated,
                found,
            }),
            Some(_) => {}
            None => every_stated &= found.is_none_or(|v| v == 0),
        }
    }
    (every_stated, mismatches)
}

fn check(area: &str, state: &AreaState, reported: &Reported) -> AreaCheck {
    let f = &reported.figures;
    if reported.total.not_published {
        return AreaCheck {
            area: area.to_owned(),
            authorised: state.authorised,
            recounts: state.recounts,
            forward_less_verified: None,
            counted_less_forward: 0,
            forward_less_expected: None,
            needs_explanation: false,
            explained: false,
            variance_stated: false,
            explanation_mismatch: Vec::new(),
            above_electorate: above_electorate(f, true),
            explanation: reported.total.explanation.clone(),
            not_published: true,
        };
    }
    let forward_less_verified = f.verified().map(|v| difference(f.papers_forward(), v));
    let counted_less_forward = difference(f.counted(), f.papers_forward());
    let explanation = reported.total.explanation.clone();
    let (variance_stated, explanation_mismatch) =
        stated_variances(&reported.total, forward_less_verified, counted_less_forward);
    AreaCheck {
        area: area.to_owned(),
        authorised: state.authorised,
        recounts: state.recounts,
        forward_less_verified,
        counted_less_forward,
        forward_less_expected: f.expected().map(|e| difference(f.papers_forward(), e)),
        needs_explanation: forward_less_verified.is_some_and(|v| v != 0)
            || counted_less_forward != 0,
        explained: explanation.as_deref().is_some_and(|e| !e.trim().is_empty()),
        variance_stated,
        explanation_mismatch,
        above_electorate: above_electorate(f, false),
        explanation,
        not_published: false,
    }
}
