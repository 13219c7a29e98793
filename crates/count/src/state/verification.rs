//! Verification events: checked against the venues and contests, then
//! applied to each poll's `PollVerification`.

use countroom_log as log;
use countroom_model::{
    BallotBox, BallotBoxId, BallotBoxKind, BallotPaperAccount, ContestId, SerialRange,
};
use countroom_verify::{PollVerification, PostalRejections, Station};

use super::{one, parse_id, unknown, CountState, Problems, Receipt};
use crate::problem::ProblemKind;

impl CountState {
    /// The verification of poll `contest`: a contest's, or a list
    /// contest's (its list papers), open (not declared).
    fn poll_verification(&mut self, contest: &str) -> Result<&mut PollVerification, Problems> {
        if self.is_list_contest(contest) {
            return Ok(&mut self.open_list_contest(contest)?.verification);
        }
        Ok(&mut self.open_contest(contest)?.verification)
    }

    /// The box `id` (checked), and the contest `contest` (open, and its
    /// verification not completed), which the box must hold.
    fn box_and_poll(
        &mut self,
        box_field: &str,
        id: &str,
        contest: &str,
    ) -> Result<(BallotBoxId, Station, &mut PollVerification), ProblemKind> {
        let contest_field = match box_field {
            "from_box" => "from_contest",
            "to_box" => "to_contest",
            _ => "contest",
        };
        let bid = parse_id(box_field, id, BallotBoxId::new)?;
        let bx = self
            .ballot_box(&bid)
            .ok_or_else(|| unknown(box_field, "ballot box", id))?;
        let station = self.station_of(bx)?;
        // Whether the box holds the contest, decided before the contest is
        // borrowed (an unknown or malformed contest is reported below).
        let holds = bx.contests.iter().any(|cid| cid.as_str() == contest);
        let c = self
            .poll_verification(contest)
            .map_err(|mut p| match p.pop() {
                Some(ProblemKind::Unknown { what, id, .. }) => ProblemKind::Unknown {
                    field: contest_field.to_owned(),
                    what,
                    id,
                },
                Some(other) => other,
                None => unknown(contest_field, "contest", contest),
            })?;
        if c.completed_by().is_some() {
            return Err(ProblemKind::VerificationCompleted {
                contest: contest.to_owned(),
            });
        }
        if !holds {
            return Err(ProblemKind::BoxNotForContest {
                field: box_field.to_owned(),
                ballot_box: id.to_owned(),
                contest: contest.to_owned(),
            });
        }
        Ok((bid, station, c))
    }

    pub(super) fn station_of(&self, bx: &BallotBox) -> Result<Station, ProblemKind> {
        match &bx.kind {
            BallotBoxKind::Postal => Ok(Station::Postal),
            BallotBoxKind::PollingStation(s) => self
                .polling_station(s)
                .map(|x| Station::Polling {
                    place: x.polling_place.clone(),
                })
                .ok_or_else(|| unknown("polling_station", "polling station", s.as_str())),
        }
    }

    pub(super) fn box_received(
        &mut self,
        e: &log::BoxReceived,
        by: &str,
    ) -> Result<(), ProblemKind> {
        let bid = parse_id("ballot_box", &e.ballot_box, BallotBoxId::new)?;
        if self.ballot_box(&bid).is_none() {
            return Err(unknown("ballot_box", "ballot box", &e.ballot_box));
        }
        if self.receipt_index.contains_key(&bid) {
            return Err(ProblemKind::BadDecision {
                field: "ballot_box".into(),
                reason: format!("ballot box {} was already received", e.ballot_box),
            });
        }
        self.receipt_index.insert(bid.clone(), self.receipts.len());
        self.receipts.push(Receipt {
            ballot_box: bid,
            seals: e.seals.clone(),
            by: by.to_owned(),
        });
        Ok(())
    }

    pub(super) fn account_entered(&mut self, e: &log::AccountEntered) -> Result<(), Problems> {
        let mut ranges = Vec::new();
        let mut problems = Vec::new();
        for (i, r) in e.entrusted.iter().enumerate() {
            match SerialRange::new(&r.first, &r.last) {
                Ok(range) => ranges.push((i, range)),
                Err(source) => problems.push(ProblemKind::BadSerial {
                    field: format!("entrusted[{i}]"),
                    source,
                }),
            }
        }
        let (bx, station, c) = match self.box_and_poll("ballot_box", &e.ballot_box, &e.contest) {
            Ok(found) => found,
            Err(p) => {
                problems.push(p);
                return Err(problems);
            }
        };
        if station == Station::Postal {
            return Err(one(ProblemKind::WrongBoxKind {
                field: "ballot_box".into(),
                ballot_box: e.ballot_box.clone(),
                actual: "a postal ballot box",
                needed: "ballot paper accounts are for polling station boxes (record postal papers with postal_opening_recorded)",
            }));
        }
        for (n, (i, range)) in ranges.iter().enumerate() {
            for (_, other) in &ranges[..n] {
                if range.overlaps(other) {
                    problems.push(ProblemKind::SerialOverlap {
                        field: format!("entrusted[{i}]"),
                        range: range.to_string(),
                        other: other.to_string(),
                        other_box: e.ballot_box.clone(),
                    });
                }
            }
            for (other_box, other) in c.serial_overlaps(&bx, range) {
                problems.push(ProblemKind::SerialOverlap {
                    field: format!("entrusted[{i}]"),
                    range: range.to_string(),
                    other: other.to_string(),
                    other_box: other_box.to_string(),
                });
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let account = BallotPaperAccount {
            entrusted: ranges.into_iter().map(|(_, r)| r).collect(),
            issued: e.issued,
            unused: e.unused,
            spoilt: e.spoilt,
            cancelled: e.cancelled,
            tendered: e.tendered,
        };
        c.enter_account(&bx, station, account);
        Ok(())
    }

    pub(super) fn box_counted(&mut self, e: &log::BoxCounted, by: &str) -> Result<(), ProblemKind> {
        let (bx, station, c) = self.box_and_poll("ballot_box", &e.ballot_box, &e.contest)?;
        c.ensure(&bx, station);
        c.count(&bx, e.attempt, e.papers, by)?;
        Ok(())
    }

    pub(super) fn papers_moved(&mut self, e: &log::PapersMoved) -> Result<(), ProblemKind> {
        if e.from_box == e.to_box && e.from_contest == e.to_contest {
            return Err(ProblemKind::BadDecision {
                field: "to_box".into(),
                reason: "papers are moved to another box or another poll, not to where they are"
                    .into(),
            });
        }
        let (from, _, c) = self.box_and_poll("from_box", &e.from_box, &e.from_contest)?;
        c.check_move_out(&from, e.papers)?;
        let (to, to_station, _) = self.box_and_poll("to_box", &e.to_box, &e.to_contest)?;
        let (_, _, c) = self.box_and_poll("from_box", &e.from_box, &e.from_contest)?;
        c.move_out(
            &from,
            e.papers,
            format!("-{} to box {} ({})", e.papers, e.to_box, e.to_contest),
        )?;
        let (_, _, c) = self.box_and_poll("to_box", &e.to_box, &e.to_contest)?;
        c.move_in(
            &to,
            to_station,
            e.papers,
            format!("+{} from box {} ({})", e.papers, e.from_box, e.from_contest),
        )?;
        Ok(())
    }

    pub(super) fn postal_opening(
        &mut self,
        e: &log::PostalOpeningRecorded,
    ) -> Result<(), Problems> {
        let mut boxes = Vec::new();
        for (i, b) in e.boxes.iter().enumerate() {
            let field = format!("boxes[{i}].ballot_box");
            let (bx, station, _) = self
                .box_and_poll(&field, &b.ballot_box, &e.contest)
                .map_err(one)?;
            if station != Station::Postal {
                return Err(one(ProblemKind::WrongBoxKind {
                    field,
                    ballot_box: b.ballot_box.clone(),
                    actual: "a polling station box",
                    needed: "postal openings fill postal ballot boxes",
                }));
            }
            boxes.push((bx, b.papers));
        }
        let c = self.poll_verification(&e.contest)?;
        if c.completed_by().is_some() {
            return Err(one(ProblemKind::VerificationCompleted {
                contest: e.contest.clone(),
            }));
        }
        if c.has_opening(&e.opening) {
            return Err(one(ProblemKind::Duplicate {
                field: "opening".into(),
                what: "postal opening",
                id: e.opening.clone(),
            }));
        }
        let r = &e.rejected_statements;
        let rejections = PostalRejections {
            signature_mismatch: r.signature_mismatch,
            date_of_birth_mismatch: r.date_of_birth_mismatch,
            signature_blank: r.signature_blank,
            date_of_birth_blank: r.date_of_birth_blank,
            paper_without_statement: r.paper_without_statement,
            statement_without_paper: r.statement_without_paper,
        };
        c.opening(&e.opening, &boxes, rejections)
            .map_err(|x| one(x.into()))
    }

    pub(super) fn tendered_listed(
        &mut self,
        e: &log::TenderedVotesListed,
    ) -> Result<(), ProblemKind> {
        let (bx, _, c) = self.box_and_poll("ballot_box", &e.ballot_box, &e.contest)?;
        c.tendered_listed(&bx, e.entries)?;
        Ok(())
    }

    pub(super) fn box_explained(
        &mut self,
        contest: &str,
        ballot_box: &str,
        text: &str,
    ) -> Result<(), ProblemKind> {
        let (bx, _, c) = self.box_and_poll("ballot_box", ballot_box, contest)?;
        c.explain(&bx, text)?;
        Ok(())
    }

    pub(super) fn verification_completed(
        &mut self,
        e: &log::VerificationCompleted,
        by: &str,
    ) -> Result<(), ProblemKind> {
        let cid = parse_id("contest", &e.contest, ContestId::new)?;
        let required: Vec<BallotBoxId> = self
            .ballot_boxes
            .iter()
            .filter(|b| b.contests.contains(&cid))
            .map(|b| b.id.clone())
            .collect();
        let c = self
            .poll_verification(&e.contest)
            .map_err(|mut p| p.pop().unwrap_or(ProblemKind::NoActor))?;
        if c.completed_by().is_some() {
            return Err(ProblemKind::VerificationCompleted {
                contest: e.contest.clone(),
            });
        }
        c.complete(&required, by)?;
        Ok(())
    }
}
