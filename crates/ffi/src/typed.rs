//! Typed commands for the bindings: the common commands of a count built
//! from plain values (ids and codes as text, figures as integers), each
//! value checked and every problem listed, then applied through the live
//! count's typed surface ([`countroom::live::Count::apply_noted`]) — the
//! same checks, and the same entry bytes, as the JSON entry
//! ([`crate::api::Count::append`]) and the Rust [`countroom::live::Command`].
//!
//! ```
//! use countroom_ffi::api::Count;
//! use countroom_ffi::typed::{self, Note};
//!
//! let log = std::fs::read("../../examples/data/westbury.jsonl").unwrap();
//! let mut count = Count::open(&log).unwrap();
//! let bundle = typed::bundle("westbury", "B1", &[("WB-ALLEN", 10)], None).unwrap();
//! let line = count.apply(&Note::by("ro"), bundle).unwrap();
//! assert!(line.starts_with(br#"{"seq":4,"#));
//! // Two ids that are not identifiers: both problems listed.
//! let e = typed::bundle("west bury", "B 2", &[], None).unwrap_err();
//! assert_eq!(e.problems.len(), 2);
//! # Ok::<(), countroom_ffi::api::Error>(())
//! ```

use countroom::io::Problem;
pub use countroom::live::Command;
use countroom::live::{
    AreaDecision, BallotPapers, Bundle, LocalTotal, Lot, LotDraw, PaperBatch, Rejected,
};
use countroom::model::{
    BundleId, CandidateId, ContestId, CountingAreaId, IdError, Papers, TableId, Votes,
};
use countroom::rules::{LotPurpose, RejectionHead};

use crate::api::{live_code, Count, Error, ErrorKind};

mod list;
mod more;
pub use list::{
    area_batch, area_bundle, area_rejected, complete_area, constituency_return,
    decide_area_recount, define_contest, define_list_contest, in_area, list_lot, list_vacancy,
    recalculate, request_area_recount, request_recalculation, ContestValues, ListContestValues,
    PartyValues,
};
pub use more::{
    account, appoint, appoint_agent, complete_second_count, complete_verification, count_box,
    decide_doubtful, define_ballot_box, define_counting_area, define_polling_place,
    define_polling_station, define_region, direct_second_count, explain, local_second_count,
    marked_batch, move_papers, object_to_head, object_to_paper, order_area_recount, postal_opening,
    preference_batch, receive_box, rejected_in_part, saved, second_preferences, set_aside,
    tendered_votes, verify_papers, AccountFigures, AppointmentScope, NotCounted, PaperValues,
};

/// The name given as `file` in the problems of a typed command.
pub const COMMAND_NAME: &str = "<command>";

/// Who records a command, and when and why (the entry's `by`, `at` and
/// `reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Note<'a> {
    /// The person recording it: a person's id, appointed once the log
    /// records appointments.
    pub by: &'a str,
    /// When, as an RFC 3339 date and time (`2026-05-08T01:30:00+01:00`);
    /// countroom never reads a clock.
    pub at: Option<&'a str>,
    /// Why, if a reason is given.
    pub reason: Option<&'a str>,
}

impl<'a> Note<'a> {
    /// Recorded by `by`, with no time or reason.
    #[must_use]
    pub fn by(by: &'a str) -> Note<'a> {
        Note {
            by,
            at: None,
            reason: None,
        }
    }

    /// When it happened (RFC 3339).
    #[must_use]
    pub fn at(mut self, at: &'a str) -> Note<'a> {
        self.at = Some(at);
        self
    }

    /// Why.
    #[must_use]
    pub fn reason(mut self, reason: &'a str) -> Note<'a> {
        self.reason = Some(reason);
        self
    }
}

/// The values of one command, read one by one, every problem kept.
#[derive(Default)]
struct Values {
    problems: Vec<Problem>,
}

impl Values {
    fn problem(&mut self, field: &str, code: &str, message: String) {
        self.problems
            .push(Problem::new(COMMAND_NAME, code, message).in_field(Some(field)));
    }

    fn id<T>(
        &mut self,
        field: &str,
        value: &str,
        new: impl FnOnce(&str) -> Result<T, IdError>,
    ) -> Option<T> {
        match new(value) {
            Ok(id) => Some(id),
            Err(e) => {
                self.problem(field, "bad_id", e.to_string());
                None
            }
        }
    }

    fn contest(&mut self, value: &str) -> Option<ContestId> {
        self.id("contest", value, ContestId::new)
    }

    fn candidates(&mut self, field: &str, values: &[&str]) -> Option<Vec<CandidateId>> {
        let ids: Vec<Option<CandidateId>> = values
            .iter()
            .map(|v| self.id(field, v, CandidateId::new))
            .collect();
        ids.into_iter().collect()
    }

    fn votes(&mut self, values: &[(&str, u64)]) -> Option<Vec<(CandidateId, Votes)>> {
        let votes: Vec<Option<(CandidateId, Votes)>> = values
            .iter()
            .map(|&(c, v)| {
                self.id("votes.candidate", c, CandidateId::new)
                    .map(|c| (c, Votes::new(v)))
            })
            .collect();
        votes.into_iter().collect()
    }

    fn head(&mut self, field: &str, code: &str) -> Option<RejectionHead> {
        let head = RejectionHead::from_code(code);
        if head.is_none() {
            self.problem(
                field,
                "unknown_code",
                format!("{code:?} is not a rejection head's code (e.g. no_official_mark, too_many_votes, identifying_mark, unmarked_or_void)"),
            );
        }
        head
    }

    /// The command, or every problem found.
    fn finish(self, command: Option<Command>) -> Result<Command, Error> {
        match command {
            Some(c) if self.problems.is_empty() => Ok(c),
            _ => Err(Error {
                kind: ErrorKind::Input,
                problems: countroom::io::problem::capped(self.problems),
            }),
        }
    }
}

/// A bundle (or a table's tally) counted by hand: `votes` as (candidate,
/// votes) pairs, `papers` the papers in it (required at a multi-seat poll).
///
/// # Errors
///
/// [`ErrorKind::Input`] with every id that is not an identifier.
pub fn bundle(
    contest: &str,
    bundle: &str,
    votes: &[(&str, u64)],
    papers: Option<u64>,
) -> Result<Command, Error> {
    bundle_at_table(contest, bundle, votes, papers, None)
}

/// [`bundle`], counted at `table`.
///
/// # Errors
///
/// As [`bundle`].
pub fn bundle_at_table(
    contest: &str,
    bundle: &str,
    votes: &[(&str, u64)],
    papers: Option<u64>,
    table: Option<&str>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let id = v.id("bundle", bundle, BundleId::new);
    let votes = v.votes(votes);
    let table = table.map(|t| v.id("table", t, TableId::new));
    let command = (|| {
        let mut b = Bundle::new(contest?, id?);
        for (c, n) in votes? {
            b = b.votes(c, n);
        }
        if let Some(p) = papers {
            b = b.papers(Papers::new(p));
        }
        if let Some(t) = table {
            b = b.table(t?);
        }
        Some(Command::Bundle(b))
    })();
    v.finish(command)
}

/// Ballot papers rejected under a head of the contest's ruleset, by its
/// code (`no_official_mark`, `too_many_votes`, …: docs/count-log.md).
///
/// # Errors
///
/// [`ErrorKind::Input`] with every value that does not read (a head that
/// is a code but not one of this contest's ruleset is refused by the
/// count when applied, `head_not_in_ruleset`).
pub fn rejected(contest: &str, head: &str, papers: u64) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let head = v.head("head", head);
    let command = (|| {
        Some(Command::Rejected(Rejected::new(
            contest?,
            head?,
            Papers::new(papers),
        )))
    })();
    v.finish(command)
}

/// A batch of ballot papers held in memory, each marked with one cross
/// per candidate in `papers[i]` (0-based positions among the candidates
/// standing, in ballot-paper order; none: an unmarked paper, more than the
/// seats: too many votes), adjudicated under the contest's ruleset and
/// counted as one batch, tied to its papers by their content hash.
/// Papers with other marks (ticks, marks outside the box, doubtful
/// papers) go through [`marked_batch`].
///
/// # Errors
///
/// [`ErrorKind::Input`] with every id that is not an identifier and every
/// position past the most a ballot paper can hold (code `papers`).
pub fn batch<P: AsRef<[usize]>>(
    contest: &str,
    batch: &str,
    papers: &[P],
) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let id = v.id("batch", batch, BundleId::new);
    let mut held = BallotPapers::new();
    for paper in papers {
        if let Err(e) = held.crosses(paper.as_ref()) {
            v.problem("papers", "papers", e.to_string());
        }
    }
    let command = (|| Some(Command::PaperBatch(PaperBatch::new(contest?, id?, held))))();
    v.finish(command)
}

/// The count of the current run completed.
///
/// # Errors
///
/// [`ErrorKind::Input`] for a contest id that is not an identifier.
pub fn complete(contest: &str) -> Result<Command, Error> {
    let mut v = Values::default();
    let command = v
        .contest(contest)
        .map(|contest| Command::CompleteCount { contest });
    v.finish(command)
}

/// A re-count of the completed run requested, on behalf of `candidate`
/// (or by the returning officer of their own motion: none).
///
/// # Errors
///
/// [`ErrorKind::Input`] with every id that is not an identifier.
pub fn request_recount(contest: &str, candidate: Option<&str>) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let candidate = candidate.map(|c| v.id("candidate", c, CandidateId::new));
    let command = (|| {
        Some(Command::RequestRecount {
            contest: contest?,
            candidate: match candidate {
                Some(c) => Some(c?),
                None => None,
            },
        })
    })();
    v.finish(command)
}

/// The returning officer's decision on a request for a re-count (granted:
/// a new run begins).
///
/// # Errors
///
/// [`ErrorKind::Input`] for a contest id that is not an identifier.
pub fn decide_recount(contest: &str, granted: bool) -> Result<Command, Error> {
    let mut v = Values::default();
    let command = v
        .contest(contest)
        .map(|contest| Command::DecideRecount { contest, granted });
    v.finish(command)
}

/// A lot drawn at the count between `tied` (candidates with equal votes)
/// that fell on `winners`, as described (`purpose` by its code:
/// `election`, `longer_term`, `surplus_order`, `exclusion`). countroom
/// never draws a lot: it records the one the Returning Officer drew.
///
/// # Errors
///
/// [`ErrorKind::Input`] with every value that does not read.
pub fn lot(
    contest: &str,
    purpose: &str,
    tied: &[&str],
    winners: &[&str],
    description: &str,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let p = LotPurpose::parse(purpose);
    if p.is_none() {
        v.problem(
            "purpose",
            "unknown_code",
            format!("{purpose:?} is not a lot's purpose (election, longer_term, surplus_order, exclusion)"),
        );
    }
    let tied = v.candidates("tied", tied);
    let winners = v.candidates("winners", winners);
    let command = (|| {
        Some(Command::DrawLot(Lot::new(
            contest?,
            p?,
            tied?,
            winners?,
            LotDraw::Recorded(description.to_owned()),
        )))
    })();
    v.finish(command)
}

/// The result of the current run declared.
///
/// # Errors
///
/// [`ErrorKind::Input`] for a contest id that is not an identifier.
pub fn declare(contest: &str) -> Result<Command, Error> {
    let mut v = Values::default();
    let command = v
        .contest(contest)
        .map(|contest| Command::Declare { contest });
    v.finish(command)
}

/// A counting area's local total reported to the collating officer (or,
/// at a list poll, a constituency's list total to the regional returning
/// officer): the papers going forward, the votes by candidate (or party),
/// the rejected papers by head code, and the area's explanation of any
/// variance.
///
/// # Errors
///
/// [`ErrorKind::Input`] with every value that does not read.
pub fn local_total(
    contest: &str,
    counting_area: &str,
    papers_forward: u64,
    votes: &[(&str, u64)],
    rejected: &[(&str, u64)],
    explanation: Option<&str>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let area = v.id("counting_area", counting_area, CountingAreaId::new);
    let votes = v.votes(votes);
    let heads: Vec<Option<(RejectionHead, Papers)>> = rejected
        .iter()
        .map(|&(h, n)| v.head("rejected.head", h).map(|h| (h, Papers::new(n))))
        .collect();
    let command = (|| {
        let mut t = LocalTotal::new(contest?, area?, Papers::new(papers_forward));
        for (c, n) in votes? {
            t = t.votes(c, n);
        }
        for head in heads {
            let (h, n) = head?;
            t = t.rejected(h, n);
        }
        if let Some(text) = explanation {
            t = t.explanation(text);
        }
        Some(Command::ReportLocalTotal(t))
    })();
    v.finish(command)
}

/// The collating officer (or regional returning officer) authorises a
/// counting area's local total.
///
/// # Errors
///
/// [`ErrorKind::Input`] with every id that is not an identifier.
pub fn authorise(contest: &str, counting_area: &str) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let area = v.id("counting_area", counting_area, CountingAreaId::new);
    let command = (|| {
        Some(Command::AuthoriseLocalTotal(AreaDecision::new(
            contest?, area?,
        )))
    })();
    v.finish(command)
}

impl Count {
    /// Applies a typed command recorded as `note` says: the line appended
    /// (numbered, and chained in a version 2 log), ending in a line feed,
    /// or every problem with the count unchanged.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Input`] for a `by` that is not a person's id or an
    /// `at` that is not an RFC 3339 date and time (code `bad_time`);
    /// [`ErrorKind::Rejected`] when the count refuses the command (the
    /// codes the JSON entry would get: `unknown`, `no_actor`,
    /// `run_completed`, `already_declared`, …).
    pub fn apply(&mut self, note: &Note<'_>, command: Command) -> Result<Vec<u8>, Error> {
        // The Returning Officer, an acting or collating officer (and a
        // local returning officer) record their own appointment: they hold
        // none in the log until it is.
        let own = match &command {
            Command::Appoint(a) if a.person.as_str() == note.by => Some(a.clone()),
            _ => None,
        };
        let (by, at) = self.noted(note, own.as_ref(), Vec::new())?;
        let applied = self
            .live_mut()
            .apply_noted(&by, command, at, note.reason)
            .map_err(|r| refused(&r))?;
        Ok(self.appended(&applied.bytes))
    }

    /// [`Count::apply`] of a command whose values may not have read:
    /// where they did not, the note is checked too, and its problems (an
    /// `at` that is not RFC 3339, a `by` not appointed) are listed after
    /// the values', so that every problem of the call is given at once
    /// (audit 13, finding 8). The count is unchanged on any failure.
    ///
    /// # Errors
    ///
    /// As [`Count::apply`]; the values' problems with the note's.
    pub fn apply_built(
        &mut self,
        note: &Note<'_>,
        command: Result<Command, Error>,
    ) -> Result<Vec<u8>, Error> {
        match command {
            Ok(command) => self.apply(note, command),
            Err(mut e) => {
                if let Err(n) = self.noted(note, None, Vec::new()) {
                    e.problems.extend(n.problems);
                }
                Err(e)
            }
        }
    }

    /// Signs a checkpoint over the log as it stands with `key` (the secret,
    /// 64 lower-case hex digits as `countroom keygen` writes it, a final
    /// line feed allowed) and appends it, recorded by `note.by` at
    /// `note.at` (its reason is not part of a checkpoint and must be
    /// none): the line, the one `countroom sign LOG --key FILE --by PERSON
    /// [--at TIME]` appends to the same log. countroom keeps no copy of
    /// the key.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Input`] for a key that is not a secret key (code
    /// `not_a_key`), a `reason` given (`unexpected`) or an `at` that is not
    /// RFC 3339; [`ErrorKind::Rejected`] when the count refuses the
    /// checkpoint (a log without a chain, `checkpoint_unchained`; a signer
    /// not appointed or with no key appointed; a key not the one appointed
    /// for the signer, `checkpoint_signature`), the count unchanged.
    pub fn sign_checkpoint(&mut self, note: &Note<'_>, key: &str) -> Result<Vec<u8>, Error> {
        let mut problems = Vec::new();
        let secret = countroom::log::checkpoint::CheckpointKey::from_hex(
            key.strip_suffix('\n').unwrap_or(key).trim_end_matches('\r'),
        );
        if secret.is_none() {
            problems.push(
                Problem::new(
                    COMMAND_NAME,
                    "not_a_key",
                    "not a secret key (64 lower-case hex digits, as `countroom keygen` writes)",
                )
                .in_field(Some("key")),
            );
        }
        if note.reason.is_some() {
            problems.push(
                Problem::new(COMMAND_NAME, "unexpected", "a checkpoint records no reason")
                    .in_field(Some("reason")),
            );
        }
        let (by, at) = self.noted(note, None, problems)?;
        let Some(secret) = secret else {
            // `noted` returned the problems when the key did not read.
            return Err(Error::one(
                ErrorKind::Internal,
                COMMAND_NAME,
                "internal",
                "no key",
            ));
        };
        let applied = self
            .live_mut()
            .sign_checkpoint(&by, &secret, at)
            .map_err(|r| refused(&r))?;
        Ok(self.appended(&applied.bytes))
    }

    /// The person recording (an appointee recording their own
    /// appointment, `own`) and the time, or every problem with them and
    /// the `problems` found before.
    fn noted(
        &self,
        note: &Note<'_>,
        own: Option<&countroom::live::Appointment>,
        mut problems: Vec<Problem>,
    ) -> Result<(countroom::live::Actor, Option<time::OffsetDateTime>), Error> {
        let at = match note.at {
            None => None,
            Some(text) => {
                match time::OffsetDateTime::parse(
                    text,
                    &time::format_description::well_known::Rfc3339,
                ) {
                    Ok(t) => Some(t),
                    Err(e) => {
                        problems.push(
                            Problem::new(
                                COMMAND_NAME,
                                "bad_time",
                                format!("{text:?} is not an RFC 3339 date and time: {e}"),
                            )
                            .in_field(Some("at")),
                        );
                        None
                    }
                }
            }
        };
        let input = problems.len();
        let by = match self.live().actor(note.by).or_else(|refused| match own {
            Some(a) => self.live().appointee(a),
            None => Err(refused),
        }) {
            Ok(by) => Some(by),
            Err(r) => {
                problems.extend(refused(&r).problems);
                None
            }
        };
        match by {
            Some(by) if problems.is_empty() => Ok((by, at)),
            _ => Err(Error {
                kind: if problems.len() == input {
                    ErrorKind::Input
                } else {
                    ErrorKind::Rejected
                },
                problems,
            }),
        }
    }
}

/// The problems of a command the live count refused, each naming the entry
/// it would have been.
fn refused(r: &countroom::live::Rejection) -> Error {
    Error {
        kind: ErrorKind::Rejected,
        problems: countroom::io::problem::capped(
            r.problems
                .iter()
                .map(|p| {
                    Problem::new(COMMAND_NAME, live_code(p), format!("{}: {p}", r.event))
                        .at_entry(r.seq)
                        .in_field(crate::api::live_field(p).as_deref())
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn example(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../../examples/data/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    /// The example log `name` up to (not including) entry `seq`, and that
    /// entry's line.
    fn before(name: &str, seq: usize) -> (Vec<u8>, Vec<u8>) {
        let bytes = example(name);
        let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
        (lines[..seq].concat(), lines[seq].to_vec())
    }

    /// Entry `seq` of a shipped log, as a typed command from plain values:
    /// the same bytes as the log's own line.
    fn reproduces(name: &str, seq: usize, note: Note<'_>, command: Command) {
        let (prefix, line) = before(name, seq);
        let mut count = Count::open(&prefix).unwrap();
        let got = count.apply(&note, command).unwrap();
        assert_eq!(
            String::from_utf8(got).unwrap(),
            String::from_utf8(line.clone()).unwrap(),
            "{name} entry {seq}"
        );
        let mut whole = prefix;
        whole.extend_from_slice(&line);
        assert_eq!(count.log(), &whole[..]);
    }

    /// Abbey Ward's rejected papers (PER 2006 r.47 heads), completion,
    /// re-count request and decision, lot (r.49) and declaration, and the
    /// Exampleshire region's local total and its authorisation: each the
    /// shipped log's own line, byte for byte.
    #[test]
    fn the_shipped_logs_lines_from_plain_values() {
        let log = "abbey-ward.jsonl";
        reproduces(
            log,
            82,
            Note::by("osiddiqui"),
            rejected("abbey", "too_many_votes", 9).unwrap(),
        );
        reproduces(
            log,
            85,
            Note::by("osiddiqui").at("2026-05-08T02:41:00+01:00"),
            complete("abbey").unwrap(),
        );
        reproduces(
            log,
            87,
            Note::by("khollis")
                .reason("three votes between third and fourth place, and a variance of one paper"),
            request_recount("abbey", Some("AB-EVANS")).unwrap(),
        );
        reproduces(
            log,
            88,
            Note::by("jmarsh")
                .reason("margin is small and the papers counted differ from the papers verified"),
            decide_recount("abbey", true).unwrap(),
        );
        let (_, line) = before(log, 105);
        let wire: serde_json::Value = serde_json::from_slice(&line).unwrap();
        let description = wire["event"]["lot_drawn"]["method"]["recorded"]["description"]
            .as_str()
            .unwrap()
            .to_owned();
        reproduces(
            log,
            105,
            Note::by("jmarsh").at("2026-05-08T04:20:00+01:00"),
            lot(
                "abbey",
                "election",
                &["AB-BRENNAN", "AB-EVANS"],
                &["AB-EVANS"],
                &description,
            )
            .unwrap(),
        );
        reproduces(
            log,
            106,
            Note::by("jmarsh").at("2026-05-08T04:31:00+01:00"),
            declare("abbey").unwrap(),
        );
        let region = "exampleshire-region.jsonl";
        reproduces(
            region,
            20,
            Note::by("lro-north").at("2026-05-08T10:40:00+01:00"),
            local_total(
                "exampleshire-region",
                "northshire",
                47_115,
                &[
                    ("SAL", 18_000),
                    ("THL", 13_500),
                    ("BCON", 9_000),
                    ("GRN", 5_000),
                    ("IND-CAMPBELL", 1_400),
                ],
                &[
                    ("no_official_mark", 3),
                    ("too_many_votes", 118),
                    ("unmarked_or_void", 94),
                ],
                None,
            )
            .unwrap(),
        );
        reproduces(
            region,
            23,
            Note::by("hmarsh").at("2026-05-08T11:20:00+01:00"),
            authorise("exampleshire-region", "northshire").unwrap(),
        );
    }

    /// Verification (PER 2006 r.45), doubtful papers (r.47), a local
    /// returning officer's own appointment and the supplementary vote's
    /// collation (PCCEO 2012 Sch 3 rr.57, 60) from plain values: each the
    /// shipped log's own line, byte for byte.
    #[test]
    fn the_rest_of_the_shipped_lines_from_plain_values() {
        let log = "abbey-ward.jsonl";
        reproduces(
            log,
            36,
            Note::by("dpatel"),
            receive_box("BOX-AB1", &["S10481", "S10482"]).unwrap(),
        );
        reproduces(
            log,
            44,
            Note::by("gobi"),
            account(
                "BOX-AB1",
                "abbey",
                AccountFigures::new(1012, 980, 6, 0, 2),
                &[("D0001", "D2000")],
            )
            .unwrap(),
        );
        reproduces(
            log,
            53,
            Note::by("vclerk1"),
            count_box("BOX-AB1", "abbey", 1, 1010).unwrap(),
        );
        reproduces(
            log,
            68,
            Note::by("jmarsh").at("2026-05-07T23:40:00+01:00"),
            complete_verification("abbey").unwrap(),
        );
        reproduces(
            log,
            81,
            Note::by("osiddiqui").reason("voter signed the paper"),
            decide_doubtful(
                "abbey",
                "R1-D2",
                "rejected",
                &[],
                Some("identifying_mark"),
                true,
            )
            .unwrap(),
        );
        let mayor = "exampleshire-mayor.jsonl";
        reproduces(
            mayor,
            7,
            Note::by("lro-north"),
            appoint(
                "lro-north",
                "Alex Green",
                "returning_officer",
                AppointmentScope::all()
                    .contests(&["exampleshire-mayor"])
                    .counting_area("northtown"),
            )
            .unwrap(),
        );
        reproduces(
            mayor,
            20,
            Note::by("lro-north").at("2028-05-05T17:00:00+01:00"),
            local_second_count(
                "exampleshire-mayor",
                "northtown",
                &[("XS-ARORA", 4100), ("XS-BELL", 3600)],
                2900,
            )
            .unwrap(),
        );
    }

    /// A bundle and a batch of papers from plain values: the same line as
    /// the JSON entry for the same bundle, and the batch's papers counted.
    #[test]
    fn a_bundle_and_a_batch() {
        let log = example("westbury.jsonl");
        let mut typed = Count::open(&log).unwrap();
        let mut json = Count::open(&log).unwrap();
        let line = typed
            .apply(
                &Note::by("ro"),
                bundle("westbury", "B1", &[("WB-ALLEN", 10)], Some(10)).unwrap(),
            )
            .unwrap();
        let wire = json
            .append(br#"{"by":"ro","event":{"bundle_counted":{"contest":"westbury","run":1,"bundle":"B1","papers":10,"votes":[{"candidate":"WB-ALLEN","votes":10}]}}}"#)
            .unwrap();
        assert_eq!(line, wire);
        // Three papers: a cross for the first candidate, one for the
        // second, and an unmarked paper (rejected, PER 2006 r.47(1)(d)).
        let papers: [&[usize]; 3] = [&[0], &[1], &[]];
        let line = typed
            .apply(&Note::by("ro"), batch("westbury", "P1", &papers).unwrap())
            .unwrap();
        let text = String::from_utf8(line).unwrap();
        assert!(text.contains(r#""paper_batch_counted""#), "{text}");
        assert!(text.contains(r#""name":"memory:P1""#), "{text}");
    }

    /// Bad values: every problem listed, with its field, nothing built.
    #[test]
    fn every_bad_value_is_listed() {
        let e = local_total(
            "a b",
            "",
            1,
            &[("C 1", 1), ("C2", 2)],
            &[("no_such_head", 1)],
            None,
        )
        .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Input);
        let fields: Vec<(&str, &str)> = e
            .problems
            .iter()
            .map(|p| (p.field.as_deref().unwrap(), p.code.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("contest", "bad_id"),
                ("counting_area", "bad_id"),
                ("votes.candidate", "bad_id"),
                ("rejected.head", "unknown_code"),
            ]
        );
        let e = lot("c", "coin", &["A"], &["B B"], "hat").unwrap_err();
        assert_eq!(e.problems.len(), 2);
        let e = batch("c", "b", &[vec![100_000usize]]).unwrap_err();
        assert_eq!(e.problems[0].code, "papers");
    }

    /// Commands the count refuses (an unknown contest, a person not
    /// appointed, a bundle after completion, a second declaration, a total
    /// past the largest count, a time that does not read): the problems,
    /// and the count and its log unchanged.
    #[test]
    fn refused_commands_leave_the_count_unchanged() {
        let log = example("abbey-ward.jsonl");
        let mut count = Count::open(&log).unwrap();
        let mut refuse = |note: Note<'_>, command: Command, kind: ErrorKind, code: &str| {
            let e = count.apply(&note, command).unwrap_err();
            assert_eq!(e.kind, kind, "{e:?}");
            assert!(e.problems.iter().any(|p| p.code == code), "{code}: {e:?}");
            assert_eq!(count.log(), &log[..]);
        };
        refuse(
            Note::by("jmarsh"),
            declare("nowhere").unwrap(),
            ErrorKind::Rejected,
            "unknown",
        );
        refuse(
            Note::by("stranger"),
            declare("abbey").unwrap(),
            ErrorKind::Rejected,
            "no_actor",
        );
        refuse(
            Note::by("jmarsh"),
            declare("abbey").unwrap(),
            ErrorKind::Rejected,
            "already_declared",
        );
        refuse(
            Note::by("jmarsh").at("eight o'clock"),
            declare("abbey").unwrap(),
            ErrorKind::Input,
            "bad_time",
        );
        // After the first count's completion (entry 85), before the
        // re-count's request: a bundle is refused.
        let mut open = Count::open(&before("abbey-ward.jsonl", 86).0).unwrap();
        let before_log = open.log().to_vec();
        let e = open
            .apply(
                &Note::by("csup1"),
                bundle("abbey", "late", &[("AB-EVANS", 1)], Some(1)).unwrap(),
            )
            .unwrap_err();
        assert!(
            e.problems.iter().any(|p| p.code == "run_completed"),
            "{e:?}"
        );
        assert_eq!(open.log(), &before_log[..]);
        // During the first count (after entry 78): a bundle whose votes
        // would take the run's total past the largest count.
        let mut open = Count::open(&before("abbey-ward.jsonl", 79).0).unwrap();
        let before_log = open.log().to_vec();
        let e = open
            .apply(
                &Note::by("csup1"),
                bundle("abbey", "big", &[("AB-EVANS", u64::MAX)], Some(u64::MAX)).unwrap(),
            )
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Rejected);
        assert!(
            e.problems.iter().any(|p| p.code == "total_overflow"),
            "{e:?}"
        );
        assert_eq!(open.log(), &before_log[..]);
    }
}
