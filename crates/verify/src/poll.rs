//! One poll's verification: box records and the acceptance rules.

use countroom_model::{BallotBoxId, BallotPaperAccount, PollingPlaceId};

/// Where a box's papers come from.
#[derive(Debug, Clone, PartialEq, Eq)]
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
pub struct Opening {
    /// Its identifier.
    pub id: String,
    /// Statements rejected.
    pub rejections: PostalRejections,
}

/// One box's verification for one poll.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Accepted: counted again until the same figure was reached on two
    /// consecutive occasions; that figure stands, with its variance (EC
    /// guidance, steps 4 and 5).
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
                "accepted: the same figure on two consecutive counts".to_owned()
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

/// The verification of one poll.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PollVerification {
    boxes: Vec<BoxRecord>,
    registered: Vec<(BallotBoxId, Station)>,
    openings: Vec<Opening>,
    completed_by: Option<String>,
}

impl PollVerification {
    /// The box records, in the order they first appeared.
    #[must_use]
    pub fn boxes(&self) -> &[BoxRecord] {
        &self.boxes
    }

    /// The postal opening sessions.
    #[must_use]
    pub fn openings(&self) -> &[Opening] {
        &self.openings
    }

    /// Who completed the verification, once completed.
    #[must_use]
    pub fn completed_by(&self) -> Option<&str> {
        self.completed_by.as_deref()
    }

    /// The record of `ballot_box`.
    #[must_use]
    pub fn record(&self, ballot_box: &BallotBoxId) -> Option<&BoxRecord> {
        self.boxes.iter().find(|b| &b.ballot_box == ballot_box)
    }

    fn record_mut(&mut self, ballot_box: &BallotBoxId, station: Station) -> &mut BoxRecord {
        let idx = match self.boxes.iter().position(|b| &b.ballot_box == ballot_box) {
            Some(i) => i,
            None => {
                self.boxes.push(BoxRecord::new(ballot_box.clone(), station));
                self.boxes.len() - 1
            }
        };
        &mut self.boxes[idx]
    }

    fn existing_mut(&mut self, ballot_box: &BallotBoxId) -> Result<&mut BoxRecord, VerifyError> {
        self.boxes
            .iter_mut()
            .find(|b| &b.ballot_box == ballot_box)
            .ok_or_else(|| VerifyError::UnknownBox {
                ballot_box: ballot_box.to_string(),
            })
    }

    /// Registers a box that holds this poll's papers (before any record of
    /// it): compensating errors balance only once every box of the polling
    /// place is verified, and completion needs every registered box.
    pub fn register(&mut self, ballot_box: &BallotBoxId, station: Station) {
        if !self.registered.iter().any(|(b, _)| b == ballot_box) {
            self.registered.push((ballot_box.clone(), station));
        }
    }

    /// Enters (or corrects) a box's ballot paper account.
    pub fn enter_account(
        &mut self,
        ballot_box: &BallotBoxId,
        station: Station,
        account: BallotPaperAccount,
    ) {
        let record = self.record_mut(ballot_box, station);
        record.account = Some(account);
        record.account_entries += 1;
    }

    /// Ensures `ballot_box` has a record (e.g. a box counted before its
    /// account is entered).
    pub fn ensure(&mut self, ballot_box: &BallotBoxId, station: Station) {
        self.record_mut(ballot_box, station);
    }

    /// Refuses `changed` (a box's record after a step) if its papers, or
    /// the poll's verified total with it, would pass `u64::MAX`: then every
    /// total the poll reports fits.
    fn check_fits(&self, changed: &BoxRecord) -> Result<(), VerifyError> {
        let counted = u128::from(changed.counted().unwrap_or(0));
        let held = counted + u128::from(changed.moved_in);
        let papers = held.saturating_sub(u128::from(changed.moved_out));
        let others: u128 = self
            .boxes
            .iter()
            .filter(|b| b.ballot_box != changed.ballot_box)
            .filter_map(BoxRecord::verified)
            .map(u128::from)
            .sum();
        let max = u128::from(u64::MAX);
        if held > max || papers + others > max {
            return Err(VerifyError::TotalOverflow {
                ballot_box: changed.ballot_box.to_string(),
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
        let record = self.existing_mut(ballot_box)?;
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
        let mut trial = record.clone();
        trial.attempts.push(Attempt {
            papers,
            by: by.to_owned(),
        });
        self.check_fits(&trial)?;
        *self.existing_mut(ballot_box)? = trial;
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
        let record = self.existing_mut(ballot_box)?;
        record.moved_out = record
            .moved_out
            .checked_add(papers)
            .ok_or(VerifyError::Overflow)?;
        record.moves.push(note);
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
        let mut trial = self
            .record(ballot_box)
            .cloned()
            .unwrap_or_else(|| BoxRecord::new(ballot_box.clone(), station.clone()));
        trial.moved_in = trial
            .moved_in
            .checked_add(papers)
            .ok_or(VerifyError::Overflow)?;
        trial.moves.push(note);
        self.check_fits(&trial)?;
        *self.record_mut(ballot_box, station) = trial;
        Ok(())
    }

    /// Records an opening session: papers placed in each postal box.
    pub fn opening(
        &mut self,
        id: &str,
        boxes: &[(BallotBoxId, u64)],
        rejections: PostalRejections,
    ) -> Result<(), VerifyError> {
        let mut next = self.clone();
        for (b, papers) in boxes {
            let record = next.record_mut(b, Station::Postal);
            record.postal_expected = Some(
                record
                    .postal_expected
                    .unwrap_or(0)
                    .checked_add(*papers)
                    .ok_or(VerifyError::Overflow)?,
            );
        }
        next.openings.push(Opening {
            id: id.to_owned(),
            rejections,
        });
        // Every total the poll reports must fit.
        next.checked_postal_rejections()
            .ok_or(VerifyError::Overflow)?;
        *self = next;
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

    /// Where `ballot_box` stands in the discrepancy procedure.
    #[must_use]
    pub fn status(&self, ballot_box: &BallotBoxId) -> BoxStatus {
        let Some(record) = self.record(ballot_box) else {
            return BoxStatus::AwaitingCount;
        };
        if record.attempts.is_empty() {
            return BoxStatus::AwaitingCount;
        }
        let Some(verified) = record.verified() else {
            return BoxStatus::Unresolved(format!(
                "{} papers moved out, more than the {} counted and moved in",
                record.moved_out,
                // Summed exactly for the message.
                u128::from(record.counted().unwrap_or(0)) + u128::from(record.moved_in)
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
        if let Station::Polling { place } = &record.station {
            if let Some(balance) = self.place_balance(place) {
                if balance == 0 {
                    return BoxStatus::CompensatingError;
                }
            }
        }
        let n = record.attempts.len();
        if n >= 2 && record.attempts[n - 1].papers == record.attempts[n - 2].papers {
            return BoxStatus::ConsistentRecount;
        }
        let variance = i128::from(verified) - i128::from(expected);
        let place_note = match &record.station {
            Station::Polling { place } if self.place_balance(place).is_none() => {
                format!("; other boxes of polling place {place} are not yet verified")
            }
            Station::Polling { place } => format!(
                "; the polling place {place} does not balance ({:+})",
                self.place_balance(place).unwrap_or(0)
            ),
            Station::Postal => String::new(),
        };
        BoxStatus::Unresolved(format!(
            "variance {variance:+} after {n} count{}{place_note}: count again until two consecutive counts agree",
            if n == 1 { "" } else { "s" }
        ))
    }

    /// The sum of the variances of this poll's boxes in `place`, once every
    /// one of them is counted and has an account.
    fn place_balance(&self, place: &PollingPlaceId) -> Option<i128> {
        // Every registered box of the place must be verified too.
        for (b, station) in &self.registered {
            if matches!(station, Station::Polling { place: p } if p == place) {
                self.record(b)?.variance()?;
            }
        }
        let mut sum = 0i128;
        for record in &self.boxes {
            if matches!(&record.station, Station::Polling { place: p } if p == place) {
                sum += record.variance()?;
            }
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
        self.sum(|_| true)
    }

    /// The sum of the verified papers of the boxes `which` selects (at most
    /// the poll's total, which every step keeps within `u64::MAX`).
    fn sum(&self, which: impl Fn(&BoxRecord) -> bool) -> u64 {
        let sum: u128 = self
            .boxes
            .iter()
            .filter(|r| which(r))
            .filter_map(BoxRecord::verified)
            .map(u128::from)
            .sum();
        u64::try_from(sum).unwrap_or(u64::MAX)
    }

    /// The postal statements rejected at all openings.
    #[must_use]
    pub fn postal_rejections(&self) -> PostalRejections {
        self.checked_postal_rejections().unwrap_or_default()
    }

    /// The postal statements rejected at all openings, or `None` if a sum
    /// would pass `u64::MAX` (an opening that would make it so is refused).
    fn checked_postal_rejections(&self) -> Option<PostalRejections> {
        self.openings
            .iter()
            .try_fold(PostalRejections::default(), |total, o| {
                total.checked_add(&o.rejections)
            })
    }

    /// Completes verification: every box in `required` (the boxes that hold
    /// the poll) and every box with a record must be accepted.
    pub fn complete(&mut self, required: &[BallotBoxId], by: &str) -> Result<(), VerifyError> {
        let mut open = Vec::new();
        if required.is_empty() && self.registered.is_empty() && self.boxes.is_empty() {
            open.push("no ballot box holds this poll's papers".to_owned());
        }
        let registered = self.registered.iter().map(|(b, _)| b);
        for b in required.iter().chain(registered) {
            if self.record(b).is_none() {
                open.push(format!("box {b} has no record"));
            }
        }
        for record in &self.boxes {
            let status = self.status(&record.ballot_box);
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

    /// EC steps 4–5: a box that does not reconcile is counted again until
    /// two consecutive counts agree; then that figure stands.
    #[test]
    fn recount_until_two_consecutive_counts_agree() {
        let mut p = PollVerification::default();
        p.enter_account(&id("B"), place("P"), account(500));
        p.count(&id("B"), 1, 497, "x").unwrap();
        let s = p.status(&id("B"));
        assert_eq!(
            s,
            BoxStatus::Unresolved(
                "variance -3 after 1 count; the polling place P does not balance (-3): count again until two consecutive counts agree".into()
            )
        );
        p.count(&id("B"), 2, 498, "x").unwrap();
        assert!(!p.status(&id("B")).accepted());
        p.count(&id("B"), 3, 498, "x").unwrap();
        assert_eq!(p.status(&id("B")), BoxStatus::ConsistentRecount);
        assert_eq!(p.record(&id("B")).unwrap().variance(), Some(-2));
        // Non-consecutive agreement is not enough.
        let mut q = PollVerification::default();
        q.enter_account(&id("B"), place("P"), account(500));
        for (i, n) in [497, 498, 497].into_iter().enumerate() {
            q.count(&id("B"), i as u32 + 1, n, "x").unwrap();
        }
        assert!(!q.status(&id("B")).accepted());
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
