//! One poll's verification: box records and the acceptance rules.

use std::collections::{BTreeMap, HashMap, HashSet};

use foldhash::fast::FixedState;

use countroom_model::{BallotBoxId, BallotPaperAccount, PollingPlaceId, SerialRange};

/// Where a box's papers come from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Station {
    /// A polling station's box in this polling place.
    Polling {
        /// The polling place (compensating errors balance within it).
        place: PollingPlaceId,
    },
    /// A postal ballot box.
    Postal,
}

/// One count of a box at verification.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Attempt {
    /// Papers counted.
    pub papers: u64,
    /// Who counted.
    pub by: String,
}

/// Postal voting statements rejected, by reason (Representation of the
/// People (England and Wales) Regulations 2001 reg 87).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct PostalRejections {
    /// Signature does not match.
    pub signature_mismatch: u64,
    /// Date of birth does not match.
    pub date_of_birth_mismatch: u64,
    /// Signature blank.
    pub signature_blank: u64,
    /// Date of birth blank.
    pub date_of_birth_blank: u64,
    /// Ballot paper without a valid statement (first list).
    pub paper_without_statement: u64,
    /// Statement without its ballot paper (second list).
    pub statement_without_paper: u64,
}

impl PostalRejections {
    /// The sum of `self` and `o`, or `None` if a figure would pass
    /// `u64::MAX`.
    fn checked_add(&self, o: &PostalRejections) -> Option<PostalRejections> {
        Some(PostalRejections {
            signature_mismatch: self.signature_mismatch.checked_add(o.signature_mismatch)?,
            date_of_birth_mismatch: self
                .date_of_birth_mismatch
                .checked_add(o.date_of_birth_mismatch)?,
            signature_blank: self.signature_blank.checked_add(o.signature_blank)?,
            date_of_birth_blank: self
                .date_of_birth_blank
                .checked_add(o.date_of_birth_blank)?,
            paper_without_statement: self
                .paper_without_statement
                .checked_add(o.paper_without_statement)?,
            statement_without_paper: self
                .statement_without_paper
                .checked_add(o.statement_without_paper)?,
        })
    }
}

/// A postal opening session.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Opening {
    /// Its identifier.
    pub id: String,
    /// Statements rejected.
    pub rejections: PostalRejections,
}

/// One box's verification for one poll.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BoxRecord {
    /// The box.
    pub ballot_box: BallotBoxId,
    /// Where its papers come from.
    pub station: Station,
    /// The ballot paper account, once entered.
    pub account: Option<BallotPaperAccount>,
    /// How many times the account was entered (more than one: corrected).
    pub account_entries: u32,
    /// Papers placed in a postal box at opening sessions.
    pub postal_expected: Option<u64>,
    /// The counts, in order.
    pub attempts: Vec<Attempt>,
    /// Papers of this poll moved in from other boxes.
    pub moved_in: u64,
    /// Papers moved out to other boxes or polls.
    pub moved_out: u64,
    /// The moves, described ("+1 from box 201 (ukpge)").
    pub moves: Vec<String>,
    /// Explanations recorded for its variance.
    pub explanations: Vec<String>,
    /// Entries on the tendered votes list.
    pub tendered_listed: Option<u64>,
}

impl BoxRecord {
    fn new(ballot_box: BallotBoxId, station: Station) -> BoxRecord {
        BoxRecord {
            ballot_box,
            station,
            account: None,
            account_entries: 0,
            postal_expected: None,
            attempts: Vec::new(),
            moved_in: 0,
            moved_out: 0,
            moves: Vec::new(),
            explanations: Vec::new(),
            tendered_listed: None,
        }
    }

    /// Papers expected: the account's "issued" figure, or for a postal box
    /// the papers placed in it at openings.
    #[must_use]
    pub fn expected(&self) -> Option<u64> {
        match self.station {
            Station::Postal => self.postal_expected,
            Station::Polling { .. } => self.account.as_ref().map(|a| a.issued),
        }
    }

    /// The latest count, if any.
    #[must_use]
    pub fn counted(&self) -> Option<u64> {
        self.attempts.last().map(|a| a.papers)
    }

    /// Papers verified: the latest count, plus papers moved in, less papers
    /// moved out; `None` before the first count or if more were moved out
    /// than there are.
    #[must_use]
    pub fn verified(&self) -> Option<u64> {
        self.counted()?
            .checked_add(self.moved_in)?
            .checked_sub(self.moved_out)
    }

    /// Verified − expected.
    #[must_use]
    pub fn variance(&self) -> Option<i128> {
        Some(i128::from(self.verified()?) - i128::from(self.expected()?))
    }
}

/// Where a box stands in the discrepancy procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BoxStatus {
    /// Not counted yet.
    AwaitingCount,
    /// Accepted: the papers verified match the account.
    Matched,
    /// Accepted: the variances of all this poll's boxes in the polling place
    /// balance (voters used another station's box). EC guidance, discrepancy
    /// step 3: "If the compensating errors all balance, the verification can
    /// be deemed to have been successful."
    CompensatingError,
    /// Accepted: recounted at least twice ([`MIN_RECOUNTS`]), until the
    /// same figure was reached on two consecutive occasions; that figure
    /// stands, with its variance (EC guidance, "Principles for an effective
    /// verification and count", and the discrepancy procedure's steps
    /// "Recount the ballot papers" and "Re-verify the totals").
    ConsistentRecount,
    /// Accepted: a postal box with no figure placed in it at openings; its
    /// count is the verified figure (Parliamentary Elections Rules r.45(1)(c):
    /// count the duly returned postal papers and record the number).
    Counted,
    /// Not accepted: the reason, and what would resolve it.
    Unresolved(String),
}

impl BoxStatus {
    /// Whether the box is accepted.
    #[must_use]
    pub fn accepted(&self) -> bool {
        matches!(
            self,
            BoxStatus::Matched
                | BoxStatus::CompensatingError
                | BoxStatus::ConsistentRecount
                | BoxStatus::Counted
        )
    }

    /// A stable code: `awaiting_count`, `matched`, `compensating_error`,
    /// `consistent_recount`, `counted`, `unresolved`.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            BoxStatus::AwaitingCount => "awaiting_count",
            BoxStatus::Matched => "matched",
            BoxStatus::CompensatingError => "compensating_error",
            BoxStatus::ConsistentRecount => "consistent_recount",
            BoxStatus::Counted => "counted",
            BoxStatus::Unresolved(_) => "unresolved",
        }
    }

    /// Why, in words.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            BoxStatus::AwaitingCount => "awaiting count".to_owned(),
            BoxStatus::Matched => {
                "accepted: the papers verified match the papers expected".to_owned()
            }
            BoxStatus::CompensatingError => {
                "accepted: compensating errors in the polling place balance".to_owned()
            }
            BoxStatus::ConsistentRecount => {
                "accepted: recounted at least twice, the same figure on the last two counts"
                    .to_owned()
            }
            BoxStatus::Counted => "accepted: postal papers counted".to_owned(),
            BoxStatus::Unresolved(why) => format!("unresolved: {why}"),
        }
    }
}

/// A verification step that cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// Attempts must be numbered 1, 2, 3, … per box and poll.
    #[error("field `attempt`: box {ballot_box} is on count {expected}, not {found}")]
    AttemptOutOfOrder {
        /// The box.
        ballot_box: String,
        /// The attempt expected.
        expected: u64,
        /// The attempt given.
        found: u32,
    },
    /// A move of more papers than the box holds.
    #[error("field `papers`: box {ballot_box} holds {holds} papers of this poll, fewer than the {papers} moved")]
    MoveExceedsBox {
        /// The box.
        ballot_box: String,
        /// Papers it holds.
        holds: u64,
        /// Papers moved.
        papers: u64,
    },
    /// A move from a box not yet counted.
    #[error("field `from_box`: box {ballot_box} has not been counted for this poll, so nothing can be moved out of it")]
    MoveFromUncounted {
        /// The box.
        ballot_box: String,
    },
    /// A step for a box this poll has no record of.
    #[error("box {ballot_box} has no record for this poll")]
    UnknownBox {
        /// The box.
        ballot_box: String,
    },
    /// Completion with boxes not accepted.
    #[error("verification cannot be completed: {}", .0.join("; "))]
    NotComplete(Vec<String>),
    /// A count overflowed.
    #[error("count overflow")]
    Overflow,
    /// A box's papers, or the poll's verified total, would pass the largest
    /// count (`u64::MAX`).
    #[error("box {ballot_box} would hold {papers} papers, with {others} verified in the poll's other boxes: the total would exceed the largest count, {max}", max = u64::MAX)]
    TotalOverflow {
        /// The box.
        ballot_box: String,
        /// Its papers after the step (count plus papers moved in, less
        /// papers moved out).
        papers: u128,
        /// Papers verified in the poll's other boxes.
        others: u128,
    },
}

/// How many times a box whose count does not reconcile (and is not part of
/// a compensating error) must at least be recounted before its figure can
/// stand. The Electoral Commission's "Principles for an effective
/// verification and count" (Part E of its guidance for (Acting) Returning
/// Officers, "Verifying and counting the votes"): the verification is
/// accurate when each box matches its ballot paper account or "the source of
/// the variance has been identified and can be explained, and/or the box has
/// been recounted at least twice, until the same number of ballot papers is
/// counted on two consecutive occasions"; and its table "If a ballot paper
/// account does not reconcile", step "Recount the ballot papers": "recount
/// the ballot papers in the box at least twice or until the same figure is
/// achieved on two consecutive occasions". The principle, stated in the same
/// words for every poll, is the rule: two recounts at least (three counts),
/// then until the last two counts agree. The guidance leaves no number to the
/// Returning Officer; a figure of their own is not accepted here.
pub const MIN_RECOUNTS: usize = 2;

/// A box's figures: what a step changes and [`PollVerification::check_fits`]
/// checks, without copying the record.
#[derive(Debug, Clone, Copy, Default)]
struct Figures {
    counted: Option<u64>,
    moved_in: u64,
    moved_out: u64,
}

impl Figures {
    fn of(r: &BoxRecord) -> Figures {
        Figures {
            counted: r.counted(),
            moved_in: r.moved_in,
            moved_out: r.moved_out,
        }
    }

    /// As [`BoxRecord::verified`].
    fn verified(self) -> Option<u64> {
        self.counted?
            .checked_add(self.moved_in)?
            .checked_sub(self.moved_out)
    }
}

/// The boxes of one polling place, for compensating errors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Place {
    /// Registered boxes of the place.
    registered: Vec<BallotBoxId>,
    /// Indices in `boxes` of the records of the place's boxes.
    records: Vec<usize>,
}

/// Where an entrusted serial range is: its last number, the index of its
/// box's record and its position in that box's account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entrusted {
    last: u64,
    record: usize,
    position: usize,
}

/// A map from ids, hashed with foldhash's fixed seed: a lookup hashes a
/// short id several times faster than the standard library's SipHash, and
/// no map is ever iterated (records, registered boxes and a place's boxes
/// are kept in `Vec`s in the order they appeared), so nothing the poll
/// reports depends on the hasher.
type IdMap<K, V> = HashMap<K, V, FixedState>;

/// The verification of one poll.
///
/// Every step costs the box it changes (and its polling place), not the
/// poll: records are found by an index, the verified total is kept as steps
/// are taken, each polling place knows its boxes, and entrusted serial
/// ranges are held in order, so verifying a poll of `n` boxes takes time
/// about proportional to `n` (`benches/verify.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct PollVerification {
    records: Vec<BoxRecord>,
    index: IdMap<BallotBoxId, usize>,
    registered: Vec<(BallotBoxId, Station)>,
    registered_set: HashSet<BallotBoxId, FixedState>,
    places: IdMap<PollingPlaceId, Place>,
    /// The sum of every record's papers verified.
    verified_total: u128,
    /// Entrusted serial ranges of every account, by prefix and first
    /// number. Ranges of different boxes never overlap (an account that
    /// would is refused by `countroom-count`), so a lookup walks only the
    /// ranges that overlap.
    ///
    /// A prefix is held as its number in `prefixes` (in the order first
    /// seen), so that the ordered map compares integers, not strings.
    serials: BTreeMap<(usize, u64), Entrusted>,
    /// The number of each serial prefix seen in an account.
    prefixes: IdMap<String, usize>,
    openings: Vec<Opening>,
    opening_ids: HashSet<String, FixedState>,
    postal_rejections: PostalRejections,
    completed_by: Option<String>,
}

impl PollVerification {
    /// The box records, in the order they first appeared.
    #[must_use]
    pub fn boxes(&self) -> &[BoxRecord] {
        &self.records
    }

    /// The postal opening sessions.
    #[must_use]
    pub fn openings(&self) -> &[Opening] {
        &self.openings
    }

    /// Whether an opening session `id` is recorded.
    #[must_use]
    pub fn has_opening(&self, id: &str) -> bool {
        self.opening_ids.contains(id)
    }

    /// Who completed the verification, once completed.
    #[must_use]
    pub fn completed_by(&self) -> Option<&str> {
        self.completed_by.as_deref()
    }

    /// The record of `ballot_box`.
    #[must_use]
    pub fn record(&self, ballot_box: &BallotBoxId) -> Option<&BoxRecord> {
        self.index
            .get(ballot_box)
            .and_then(|&i| self.records.get(i))
    }

    /// The polling place `place`, made if there is none (its id copied only
    /// then).
    fn place_mut(&mut self, place: &PollingPlaceId) -> Option<&mut Place> {
        if !self.places.contains_key(place) {
            self.places.insert(place.clone(), Place::default());
        }
        self.places.get_mut(place)
    }

    /// The index of `ballot_box`'s record, made if there is none.
    fn record_index(&mut self, ballot_box: &BallotBoxId, station: Station) -> usize {
        if let Some(&i) = self.index.get(ballot_box) {
            return i;
        }
        let i = self.records.len();
        if let Station::Polling { place } = &station {
            if let Some(p) = self.place_mut(place) {
                p.records.push(i);
            }
        }
        self.records
            .push(BoxRecord::new(ballot_box.clone(), station));
        self.index.insert(ballot_box.clone(), i);
        i
    }

    fn existing_index(&self, ballot_box: &BallotBoxId) -> Result<usize, VerifyError> {
        self.index
            .get(ballot_box)
            .copied()
            .ok_or_else(|| VerifyError::UnknownBox {
                ballot_box: ballot_box.to_string(),
            })
    }

    fn existing_mut(&mut self, ballot_box: &BallotBoxId) -> Result<&mut BoxRecord, VerifyError> {
        let i = self.existing_index(ballot_box)?;
        self.records
            .get_mut(i)
            .ok_or_else(|| VerifyError::UnknownBox {
                ballot_box: ballot_box.to_string(),
            })
    }

    /// Changes the record at `i` by `step` (its figures checked by
    /// [`PollVerification::check_fits`] first), keeping the verified total.
    fn apply_step(&mut self, i: usize, step: impl FnOnce(&mut BoxRecord)) {
        if let Some(record) = self.records.get_mut(i) {
            let before = record.verified().map_or(0, u128::from);
            step(record);
            let after = record.verified().map_or(0, u128::from);
            // Both are within the total (check_fits), so neither step wraps.
            self.verified_total = self.verified_total - before + after;
        }
    }

    /// Registers a box that holds this poll's papers (before any record of
    /// it): compensating errors balance only once every box of the polling
    /// place is verified, and completion needs every registered box.
    pub fn register(&mut self, ballot_box: &BallotBoxId, station: Station) {
        if self.registered_set.insert(ballot_box.clone()) {
            if let Station::Polling { place } = &station {
                if let Some(p) = self.place_mut(place) {
                    p.registered.push(ballot_box.clone());
                }
            }
            self.registered.push((ballot_box.clone(), station));
        }
    }

    /// The entrusted ranges of other boxes' accounts that `range` overlaps,
    /// with the box holding each: for each such box, in the order the boxes
    /// first appeared, the first of its ranges (in its account's order)
    /// that overlaps. `ballot_box`'s own ranges are not compared.
    #[must_use]
    pub fn serial_overlaps(
        &self,
        ballot_box: &BallotBoxId,
        range: &SerialRange,
    ) -> Vec<(BallotBoxId, SerialRange)> {
        let own = self.index.get(ballot_box).copied();
        let mut found: BTreeMap<usize, usize> = BTreeMap::new();
        // A prefix no account has used: no range can overlap.
        let Some(&prefix) = self.prefixes.get(range.prefix()) else {
            return Vec::new();
        };
        for (_, e) in self
            .serials
            .range((prefix, 0)..=(prefix, range.last()))
            .rev()
        {
            if e.last < range.first() {
                // Ranges of different boxes are disjoint and held in order:
                // none further back reaches `range`. A box's own ranges may
                // overlap each other only if it was refused, so step past
                // them rather than stop.
                if Some(e.record) != own {
                    break;
                }
                continue;
            }
            if Some(e.record) == own {
                continue;
            }
            let first = found.entry(e.record).or_insert(e.position);
            *first = (*first).min(e.position);
        }
        found
            .into_iter()
            .filter_map(|(record, position)| {
                let r = self.records.get(record)?;
                let other = r.account.as_ref()?.entrusted.get(position)?;
                Some((r.ballot_box.clone(), other.clone()))
            })
            .collect()
    }

    /// Enters (or corrects) a box's ballot paper account.
    pub fn enter_account(
        &mut self,
        ballot_box: &BallotBoxId,
        station: Station,
        account: BallotPaperAccount,
    ) {
        let i = self.record_index(ballot_box, station);
        if let Some(old) = self.records.get(i).and_then(|r| r.account.as_ref()) {
            for range in &old.entrusted {
                let Some(&prefix) = self.prefixes.get(range.prefix()) else {
                    continue;
                };
                let key = (prefix, range.first());
                if self.serials.get(&key).is_some_and(|e| e.record == i) {
                    self.serials.remove(&key);
                }
            }
        }
        for (position, range) in account.entrusted.iter().enumerate() {
            let prefix = match self.prefixes.get(range.prefix()) {
                Some(&p) => p,
                None => {
                    let p = self.prefixes.len();
                    self.prefixes.insert(range.prefix().to_owned(), p);
                    p
                }
            };
            self.serials
                .entry((prefix, range.first()))
                .or_insert(Entrusted {
                    last: range.last(),
                    record: i,
                    position,
                });
        }
        if let Some(record) = self.records.get_mut(i) {
            record.account = Some(account);
            record.account_entries += 1;
        }
    }

    /// Ensures `ballot_box` has a record (e.g. a box counted before its
    /// account is entered).
    pub fn ensure(&mut self, ballot_box: &BallotBoxId, station: Station) {
        self.record_index(ballot_box, station);
    }

    /// Refuses a step that would give `ballot_box` the figures `after` if
    /// its papers, or the poll's verified total with it, would pass
    /// `u64::MAX`: then every total the poll reports fits.
    fn check_fits(&self, ballot_box: &BallotBoxId, after: Figures) -> Result<(), VerifyError> {
        self.check_fits_at(ballot_box, self.index.get(ballot_box).copied(), after)
    }

    /// [`PollVerification::check_fits`] for the record at `i` (none: the
    /// box has no record yet), without looking it up again.
    fn check_fits_at(
        &self,
        ballot_box: &BallotBoxId,
        i: Option<usize>,
        after: Figures,
    ) -> Result<(), VerifyError> {
        let counted = u128::from(after.counted.unwrap_or(0));
        let held = counted + u128::from(after.moved_in);
        let max = u128::from(u64::MAX);
        let papers = match after.verified() {
            Some(v) => u128::from(v),
            // Past the largest count: refused below, with its figure
            // (`moved_out` ≤ u64::MAX < held, so this cannot wrap).
            None if held > max => held - u128::from(after.moved_out),
            // More moved out than held: the box verifies nothing (it is
            // unresolved), so it adds nothing to the total.
            None => 0,
        };
        let before = i
            .and_then(|i| self.records.get(i))
            .and_then(BoxRecord::verified)
            .map_or(0, u128::from);
        // The total includes the box's papers before the step.
        let others = self.verified_total - before;
        if held > max || papers + others > max {
            return Err(VerifyError::TotalOverflow {
                ballot_box: ballot_box.to_string(),
                papers,
                others,
            });
        }
        Ok(())
    }

    /// Records count `attempt` of `ballot_box`. The box must have a record.
    /// A count that would make the poll's verified total pass `u64::MAX` is
    /// refused.
    pub fn count(
        &mut self,
        ballot_box: &BallotBoxId,
        attempt: u32,
        papers: u64,
        by: &str,
    ) -> Result<(), VerifyError> {
        let i = self.existing_index(ballot_box)?;
        let record = self.records.get(i).ok_or_else(|| VerifyError::UnknownBox {
            ballot_box: ballot_box.to_string(),
        })?;
        // The next attempt's number: the attempts so far (a Vec's length,
        // which fits a u64) + 1, compared exactly with the u32 given.
        let expected = record.attempts.len() as u64 + 1;
        if u64::from(attempt) != expected {
            return Err(VerifyError::AttemptOutOfOrder {
                ballot_box: ballot_box.to_string(),
                expected,
                found: attempt,
            });
        }
        let after = Figures {
            counted: Some(papers),
            ..Figures::of(record)
        };
        self.check_fits_at(ballot_box, Some(i), after)?;
        self.apply_step(i, |r| {
            r.attempts.push(Attempt {
                papers,
                by: by.to_owned(),
            });
        });
        Ok(())
    }

    /// Checks that `papers` can be moved out of `ballot_box`.
    pub fn check_move_out(&self, ballot_box: &BallotBoxId, papers: u64) -> Result<(), VerifyError> {
        let record = self
            .record(ballot_box)
            .ok_or_else(|| VerifyError::UnknownBox {
                ballot_box: ballot_box.to_string(),
            })?;
        let holds = record
            .verified()
            .ok_or_else(|| VerifyError::MoveFromUncounted {
                ballot_box: ballot_box.to_string(),
            })?;
        if papers > holds {
            return Err(VerifyError::MoveExceedsBox {
                ballot_box: ballot_box.to_string(),
                holds,
                papers,
            });
        }
        Ok(())
    }

    /// Moves `papers` out of `ballot_box` (checked by
    /// [`PollVerification::check_move_out`] first).
    pub fn move_out(
        &mut self,
        ballot_box: &BallotBoxId,
        papers: u64,
        note: String,
    ) -> Result<(), VerifyError> {
        self.check_move_out(ballot_box, papers)?;
        let i = self.existing_index(ballot_box)?;
        let moved_out = self
            .existing_mut(ballot_box)?
            .moved_out
            .checked_add(papers)
            .ok_or(VerifyError::Overflow)?;
        // Fewer papers: the total cannot pass u64::MAX.
        self.apply_step(i, |r| {
            r.moved_out = moved_out;
            r.moves.push(note);
        });
        Ok(())
    }

    /// Moves `papers` into `ballot_box`'s record.
    pub fn move_in(
        &mut self,
        ballot_box: &BallotBoxId,
        station: Station,
        papers: u64,
        note: String,
    ) -> Result<(), VerifyError> {
        let now = self.record(ballot_box).map(Figures::of).unwrap_or_default();
        let after = Figures {
            moved_in: now
                .moved_in
                .checked_add(papers)
                .ok_or(VerifyError::Overflow)?,
            ..now
        };
        self.check_fits(ballot_box, after)?;
        let i = self.record_index(ballot_box, station);
        self.apply_step(i, |r| {
            r.moved_in = after.moved_in;
            r.moves.push(note);
        });
        Ok(())
    }

    /// Records an opening session: papers placed in each postal box. All or
    /// nothing: a figure that would pass `u64::MAX` changes nothing.
    pub fn opening(
        &mut self,
        id: &str,
        boxes: &[(BallotBoxId, u64)],
        rejections: PostalRejections,
    ) -> Result<(), VerifyError> {
        let postal_rejections = self
            .postal_rejections
            .checked_add(&rejections)
            .ok_or(VerifyError::Overflow)?;
        // Each box's new figure, checked before anything changes (a box may
        // be named more than once).
        let mut placed: BTreeMap<&BallotBoxId, u64> = BTreeMap::new();
        for (b, papers) in boxes {
            let now = match placed.get(b) {
                Some(&n) => n,
                None => self.record(b).and_then(|r| r.postal_expected).unwrap_or(0),
            };
            placed.insert(b, now.checked_add(*papers).ok_or(VerifyError::Overflow)?);
        }
        for (b, _) in boxes {
            let i = self.record_index(b, Station::Postal);
            if let (Some(record), Some(&n)) = (self.records.get_mut(i), placed.get(b)) {
                record.postal_expected = Some(n);
            }
        }
        self.opening_ids.insert(id.to_owned());
        self.openings.push(Opening {
            id: id.to_owned(),
            rejections,
        });
        self.postal_rejections = postal_rejections;
        Ok(())
    }

    /// Records an explanation of a box's variance.
    pub fn explain(&mut self, ballot_box: &BallotBoxId, text: &str) -> Result<(), VerifyError> {
        self.existing_mut(ballot_box)?
            .explanations
            .push(text.to_owned());
        Ok(())
    }

    /// Records the tendered votes list's entries for a box.
    pub fn tendered_listed(
        &mut self,
        ballot_box: &BallotBoxId,
        entries: u64,
    ) -> Result<(), VerifyError> {
        self.existing_mut(ballot_box)?.tendered_listed = Some(entries);
        Ok(())
    }

    /// Where `ballot_box` stands in the discrepancy procedure (EC guidance,
    /// "If a ballot paper account does not reconcile"): matched; else a
    /// compensating error in its polling place; else recounted at least
    /// [`MIN_RECOUNTS`] times with the last two counts agreeing; else
    /// unresolved, saying what is still to be done.
    #[must_use]
    pub fn status(&self, ballot_box: &BallotBoxId) -> BoxStatus {
        match self.record(ballot_box) {
            Some(record) => self.record_status(record),
            None => BoxStatus::AwaitingCount,
        }
    }

    /// [`PollVerification::status`] of a record of this poll (one of
    /// [`PollVerification::boxes`]), without looking it up again.
    #[must_use]
    pub fn record_status(&self, record: &BoxRecord) -> BoxStatus {
        if record.attempts.is_empty() {
            return BoxStatus::AwaitingCount;
        }
        let Some(verified) = record.verified() else {
            let held = u128::from(record.counted().unwrap_or(0)) + u128::from(record.moved_in);
            return BoxStatus::Unresolved(format!(
                "{} papers moved out, more than the {held} counted and moved in",
                record.moved_out,
            ));
        };
        let Some(expected) = record.expected() else {
            return match record.station {
                Station::Postal => BoxStatus::Counted,
                Station::Polling { .. } => {
                    BoxStatus::Unresolved("no ballot paper account has been entered".to_owned())
                }
            };
        };
        if verified == expected {
            return BoxStatus::Matched;
        }
        let balance = match &record.station {
            Station::Polling { place } => Some(self.place_balance(place)),
            Station::Postal => None,
        };
        if balance == Some(Some(0)) {
            return BoxStatus::CompensatingError;
        }
        let n = record.attempts.len();
        let recounts = record.attempts.iter().skip(1).count();
        let last_two_agree = record
            .attempts
            .windows(2)
            .last()
            .is_some_and(|w| w[0].papers == w[1].papers);
        if recounts >= MIN_RECOUNTS && last_two_agree {
            return BoxStatus::ConsistentRecount;
        }
        let variance = i128::from(verified) - i128::from(expected);
        let place_note = match (&record.station, balance) {
            (Station::Polling { place }, Some(None)) => {
                format!("; other boxes of polling place {place} are not yet verified")
            }
            (Station::Polling { place }, Some(Some(b))) => {
                format!("; the polling place {place} does not balance ({b:+})")
            }
            _ => String::new(),
        };
        let todo = if recounts >= MIN_RECOUNTS {
            "count again until two consecutive counts agree".to_owned()
        } else {
            format!(
                "recount the box at least twice, until two consecutive counts agree ({recounts} recount{} so far)",
                if recounts == 1 { "" } else { "s" }
            )
        };
        BoxStatus::Unresolved(format!(
            "variance {variance:+} after {n} count{}{place_note}: {todo}",
            if n == 1 { "" } else { "s" }
        ))
    }

    /// The sum of the variances of this poll's boxes in `place`, once every
    /// one of them is counted and has an account.
    fn place_balance(&self, place: &PollingPlaceId) -> Option<i128> {
        let p = self.places.get(place)?;
        // Every registered box of the place must be verified too.
        for b in &p.registered {
            self.record(b)?.variance()?;
        }
        let mut sum = 0i128;
        for &i in &p.records {
            sum = sum.checked_add(self.records.get(i)?.variance()?)?;
        }
        Some(sum)
    }

    /// Papers verified in polling-station boxes.
    #[must_use]
    pub fn polling_station_verified(&self) -> u64 {
        self.sum(|r| !matches!(r.station, Station::Postal))
    }

    /// Postal papers verified.
    #[must_use]
    pub fn postal_verified(&self) -> u64 {
        self.sum(|r| matches!(r.station, Station::Postal))
    }

    /// All papers verified for the poll. It fits: a step that would make
    /// it pass `u64::MAX` is refused ([`VerifyError::TotalOverflow`]).
    #[must_use]
    pub fn total_verified(&self) -> u64 {
        // Never falls back, not a figure clamped: every step keeps the total within u64::MAX.
        u64::try_from(self.verified_total).unwrap_or(u64::MAX)
    }

    /// The sum of the verified papers of the boxes `which` selects (at most
    /// the poll's total, which every step keeps within `u64::MAX`).
    fn sum(&self, which: impl Fn(&BoxRecord) -> bool) -> u64 {
        let sum: u128 = self
            .records
            .iter()
            .filter(|r| which(r))
            .filter_map(BoxRecord::verified)
            .map(u128::from)
            .sum();
        // Never falls back, not a figure clamped: every step keeps the total within u64::MAX.
        u64::try_from(sum).unwrap_or(u64::MAX)
    }

    /// The postal statements rejected at all openings (every opening that
    /// would make a sum pass `u64::MAX` is refused).
    #[must_use]
    pub fn postal_rejections(&self) -> PostalRejections {
        self.postal_rejections
    }

    /// Completes verification: every box in `required` (the boxes that hold
    /// the poll) and every box with a record must be accepted.
    pub fn complete(&mut self, required: &[BallotBoxId], by: &str) -> Result<(), VerifyError> {
        let mut open = Vec::new();
        if required.is_empty() && self.registered.is_empty() && self.records.is_empty() {
            open.push("no ballot box holds this poll's papers".to_owned());
        }
        let registered = self.registered.iter().map(|(b, _)| b);
        for b in required.iter().chain(registered) {
            if self.record(b).is_none() {
                open.push(format!("box {b} has no record"));
            }
        }
        for record in &self.records {
            let status = self.record_status(record);
            if !status.accepted() {
                open.push(format!(
                    "box {} is {}",
                    record.ballot_box,
                    status.describe()
                ));
            }
        }
        if !open.is_empty() {
            return Err(VerifyError::NotComplete(open));
        }
        self.completed_by = Some(by.to_owned());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(s: &str) -> BallotBoxId {
        BallotBoxId::new(s).unwrap()
    }

    fn place(s: &str) -> Station {
        Station::Polling {
            place: PollingPlaceId::new(s).unwrap(),
        }
    }

    fn account(issued: u64) -> BallotPaperAccount {
        BallotPaperAccount {
            entrusted: vec![],
            issued,
            unused: 0,
            spoilt: 0,
            cancelled: 0,
            tendered: 0,
        }
    }

    /// uk-count-rules.md §2.8: box 101 (N1) counts 609 district papers and
    /// one more is found in UKPGE box 201; box 102 (N2) counts 457; postal
    /// boxes 2,103. 610 vs 612 (−2) and 457 vs 455 (+2) balance in the
    /// Village Hall; total verified 3,170.
    #[test]
    fn worked_example_2_8() {
        let mut district = PollVerification::default();
        district.enter_account(&id("101"), place("VH"), account(612));
        district.enter_account(&id("102"), place("VH"), account(455));
        district.ensure(&id("PV1"), Station::Postal);
        district.count(&id("101"), 1, 609, "t1").unwrap();
        district
            .move_in(&id("101"), place("VH"), 1, "+1 from box 201 (ukpge)".into())
            .unwrap();
        district.count(&id("102"), 1, 457, "t2").unwrap();
        district.count(&id("PV1"), 1, 2_103, "t3").unwrap();
        assert_eq!(district.record(&id("101")).unwrap().variance(), Some(-2));
        assert_eq!(district.record(&id("102")).unwrap().variance(), Some(2));
        assert_eq!(district.status(&id("101")), BoxStatus::CompensatingError);
        assert_eq!(district.status(&id("102")), BoxStatus::CompensatingError);
        assert_eq!(district.status(&id("PV1")), BoxStatus::Counted);
        assert_eq!(district.polling_station_verified(), 1_067);
        assert_eq!(district.postal_verified(), 2_103);
        assert_eq!(district.total_verified(), 3_170);
        district
            .complete(&[id("101"), id("102"), id("PV1")], "RO")
            .unwrap();
    }

    #[test]
    fn matched_box() {
        let mut p = PollVerification::default();
        p.enter_account(&id("B"), place("P"), account(500));
        assert_eq!(p.status(&id("B")), BoxStatus::AwaitingCount);
        p.count(&id("B"), 1, 500, "x").unwrap();
        assert_eq!(p.status(&id("B")), BoxStatus::Matched);
    }

    fn counts(p: &mut PollVerification, b: &str, figures: &[u64]) {
        for (i, &n) in figures.iter().enumerate() {
            p.count(&id(b), i as u32 + 1, n, "x").unwrap();
        }
    }

    /// A box alone in its polling place, account 500 issued, counted
    /// `figures` in turn.
    fn lone_box(figures: &[u64]) -> PollVerification {
        let mut p = PollVerification::default();
        p.enter_account(&id("B"), place("P"), account(500));
        counts(&mut p, "B", figures);
        p
    }

    /// EC, "Principles for an effective verification and count": a box
    /// that does not match its account is accurate once "recounted at least
    /// twice, until the same number of ballot papers is counted on two
    /// consecutive occasions"; that figure stands ("Re-verify the totals").
    /// 497 (−3), recount 498, recount 498: two recounts, the last two agree:
    /// 498 stands, variance −2.
    #[test]
    fn disagrees_then_two_recounts_agree() {
        let p = lone_box(&[497]);
        assert_eq!(
            p.status(&id("B")),
            BoxStatus::Unresolved(
                "variance -3 after 1 count; the polling place P does not balance (-3): recount the box at least twice, until two consecutive counts agree (0 recounts so far)".into()
            )
        );
        let p = lone_box(&[497, 498]);
        assert!(!p.status(&id("B")).accepted());
        let p = lone_box(&[497, 498, 498]);
        assert_eq!(p.status(&id("B")), BoxStatus::ConsistentRecount);
        assert_eq!(p.record(&id("B")).unwrap().verified(), Some(498));
        assert_eq!(p.record(&id("B")).unwrap().variance(), Some(-2));
        assert_eq!(p.total_verified(), 498);
    }

    /// The first count agrees with the account (500 = 500): matched, no
    /// recount needed (EC: "the number of ballot papers in each box ...
    /// matches the number of ballot papers issued").
    #[test]
    fn first_count_agrees_with_the_account() {
        let p = lone_box(&[500]);
        assert_eq!(p.status(&id("B")), BoxStatus::Matched);
    }

    /// 497, then the first recount 497 again: the same figure on two
    /// consecutive occasions, but the box has been recounted once only, not
    /// "at least twice": unresolved. A second recount of 497 settles it.
    #[test]
    fn first_recount_equals_the_count_but_not_the_account() {
        let p = lone_box(&[497, 497]);
        assert_eq!(
            p.status(&id("B")),
            BoxStatus::Unresolved(
                "variance -3 after 2 counts; the polling place P does not balance (-3): recount the box at least twice, until two consecutive counts agree (1 recount so far)".into()
            )
        );
        assert!(p.clone().complete(&[], "RO").is_err());
        let mut p = lone_box(&[497, 497, 497]);
        assert_eq!(p.status(&id("B")), BoxStatus::ConsistentRecount);
        assert_eq!(p.record(&id("B")).unwrap().variance(), Some(-3));
        p.complete(&[], "RO").unwrap();
    }

    /// 497, 498, 497: two recounts, but no two consecutive counts agree
    /// (agreement of the first and the third is not consecutive): count
    /// again. 497, 498, 497, 497: the last two agree: 497 stands.
    #[test]
    fn non_consecutive_agreement_is_not_enough() {
        let p = lone_box(&[497, 498, 497]);
        assert_eq!(
            p.status(&id("B")),
            BoxStatus::Unresolved(
                "variance -3 after 3 counts; the polling place P does not balance (-3): count again until two consecutive counts agree".into()
            )
        );
        let p = lone_box(&[497, 498, 497, 497]);
        assert_eq!(p.status(&id("B")), BoxStatus::ConsistentRecount);
        assert_eq!(p.record(&id("B")).unwrap().verified(), Some(497));
    }

    /// A recount that finds the account's figure: 497, then 500: matched
    /// (the discrepancy is resolved), whatever the earlier count said.
    #[test]
    fn a_recount_that_matches_the_account() {
        let p = lone_box(&[497, 500]);
        assert_eq!(p.status(&id("B")), BoxStatus::Matched);
    }

    /// A postal box whose papers placed at openings (200) differ from its
    /// count (199) follows the same rule: 199, 199 is one recount; 199,
    /// 199, 199 stands at 199.
    #[test]
    fn postal_box_recounted_at_least_twice() {
        let mut p = PollVerification::default();
        p.opening("O1", &[(id("PV"), 200)], PostalRejections::default())
            .unwrap();
        counts(&mut p, "PV", &[199, 199]);
        assert_eq!(
            p.status(&id("PV")),
            BoxStatus::Unresolved(
                "variance -1 after 2 counts: recount the box at least twice, until two consecutive counts agree (1 recount so far)".into()
            )
        );
        p.count(&id("PV"), 3, 199, "x").unwrap();
        assert_eq!(p.status(&id("PV")), BoxStatus::ConsistentRecount);
        assert_eq!(p.postal_verified(), 199);
    }

    /// Serial ranges: another box's overlapping range is found (the first
    /// of its ranges that overlaps), the box's own ranges are not, and a
    /// corrected account replaces the box's ranges.
    #[test]
    fn serial_overlaps_by_index() {
        let range = |a: &str, b: &str| SerialRange::new(a, b).unwrap();
        let with = |ranges: Vec<SerialRange>| BallotPaperAccount {
            entrusted: ranges,
            ..account(0)
        };
        let mut p = PollVerification::default();
        p.enter_account(
            &id("A"),
            place("P"),
            with(vec![range("A0001", "A0100"), range("A0201", "A0300")]),
        );
        p.enter_account(&id("B"), place("P"), with(vec![range("A0101", "A0200")]));
        p.enter_account(&id("C"), place("P"), with(vec![range("B0001", "B0100")]));
        let found = p.serial_overlaps(&id("D"), &range("A0050", "A0250"));
        assert_eq!(
            found,
            vec![
                (id("A"), range("A0001", "A0100")),
                (id("B"), range("A0101", "A0200"))
            ]
        );
        assert!(p
            .serial_overlaps(&id("A"), &range("A0001", "A0050"))
            .is_empty());
        assert!(p
            .serial_overlaps(&id("D"), &range("A0301", "A0400"))
            .is_empty());
        assert_eq!(
            p.serial_overlaps(&id("D"), &range("B0100", "B0100")),
            vec![(id("C"), range("B0001", "B0100"))]
        );
        // A corrects its account: its old ranges are gone.
        p.enter_account(&id("A"), place("P"), with(vec![range("A0301", "A0400")]));
        assert!(p
            .serial_overlaps(&id("D"), &range("A0001", "A0100"))
            .is_empty());
        assert_eq!(
            p.serial_overlaps(&id("D"), &range("A0350", "A0350")),
            vec![(id("A"), range("A0301", "A0400"))]
        );
    }

    /// Compensating errors only count once every box of the place is in,
    /// and only when they sum to zero.
    #[test]
    fn compensating_errors_need_the_whole_place() {
        let mut p = PollVerification::default();
        p.enter_account(&id("A"), place("P"), account(100));
        p.enter_account(&id("B"), place("P"), account(100));
        p.enter_account(&id("C"), place("Q"), account(100));
        p.count(&id("A"), 1, 99, "x").unwrap();
        assert!(
            matches!(p.status(&id("A")), BoxStatus::Unresolved(why) if why.contains("not yet verified"))
        );
        p.count(&id("B"), 1, 102, "x").unwrap();
        assert!(
            matches!(p.status(&id("A")), BoxStatus::Unresolved(why) if why.contains("does not balance (+1)"))
        );
        // A box in another place does not compensate.
        p.count(&id("C"), 1, 99, "x").unwrap();
        assert!(!p.status(&id("B")).accepted());
        assert!(p.complete(&[], "RO").is_err());
    }

    #[test]
    fn attempts_are_numbered_and_moves_are_bounded() {
        let mut p = PollVerification::default();
        p.enter_account(&id("A"), place("P"), account(10));
        assert_eq!(
            p.count(&id("A"), 2, 10, "x"),
            Err(VerifyError::AttemptOutOfOrder {
                ballot_box: "A".into(),
                expected: 1,
                found: 2
            })
        );
        assert_eq!(
            p.move_out(&id("A"), 1, String::new()),
            Err(VerifyError::MoveFromUncounted {
                ballot_box: "A".into()
            })
        );
        p.count(&id("A"), 1, 10, "x").unwrap();
        assert_eq!(
            p.move_out(&id("A"), 11, String::new()),
            Err(VerifyError::MoveExceedsBox {
                ballot_box: "A".into(),
                holds: 10,
                papers: 11
            })
        );
        assert_eq!(
            p.count(&id("Z"), 1, 1, "x"),
            Err(VerifyError::UnknownBox {
                ballot_box: "Z".into()
            })
        );
    }

    #[test]
    fn station_box_without_account_is_unresolved() {
        let mut p = PollVerification::default();
        p.ensure(&id("A"), place("P"));
        p.count(&id("A"), 1, 10, "x").unwrap();
        assert_eq!(
            p.status(&id("A")),
            BoxStatus::Unresolved("no ballot paper account has been entered".into())
        );
    }

    proptest! {
        /// Moving papers between the boxes of one polling place never
        /// changes that place's (and the poll's) total verified.
        #[test]
        fn moves_within_a_place_conserve(
            counts in prop::collection::vec(0u64..1_000, 2..6),
            moves in prop::collection::vec((0usize..6, 0usize..6, 0u64..50), 0..10),
        ) {
            let mut p = PollVerification::default();
            let boxes: Vec<BallotBoxId> = (0..counts.len()).map(|i| id(&format!("B{i}"))).collect();
            for (b, &n) in boxes.iter().zip(&counts) {
                p.enter_account(b, place("P"), account(n));
                p.count(b, 1, n, "x").unwrap();
            }
            let before = p.total_verified();
            for (from, to, n) in moves {
                let (from, to) = (&boxes[from % boxes.len()], &boxes[to % boxes.len()]);
                if p.move_out(from, n, String::new()).is_ok() {
                    p.move_in(to, place("P"), n, String::new()).unwrap();
                }
                prop_assert_eq!(p.total_verified(), before);
            }
        }

        /// Moving papers between polls (mis-boxed papers of combined polls)
        /// takes from one poll exactly what it gives the other: the sum over
        /// the polls is conserved.
        #[test]
        fn moves_between_polls_conserve_the_sum(
            a in 0u64..1_000, b in 0u64..1_000,
            moves in prop::collection::vec((any::<bool>(), 0u64..60), 0..10),
        ) {
            let mut x = PollVerification::default();
            let mut y = PollVerification::default();
            x.enter_account(&id("X1"), place("P"), account(a));
            y.enter_account(&id("Y1"), place("P"), account(b));
            x.count(&id("X1"), 1, a, "t").unwrap();
            y.count(&id("Y1"), 1, b, "t").unwrap();
            for (x_to_y, n) in moves {
                let (from, to, from_box, to_box) = if x_to_y {
                    (&mut x, &mut y, id("X1"), id("Y1"))
                } else {
                    (&mut y, &mut x, id("Y1"), id("X1"))
                };
                if from.move_out(&from_box, n, String::new()).is_ok() {
                    to.move_in(&to_box, place("P"), n, String::new()).unwrap();
                }
                prop_assert_eq!(x.total_verified() + y.total_verified(), a + b);
            }
        }
    }
}
