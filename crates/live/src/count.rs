//! The live count.

use std::collections::HashMap;

use countroom_count::{
    report_with_evidence, CountState, Evidence, ProblemKind, Report, RunOutcome, Signer, Status,
};
use countroom_log::checkpoint::CheckpointKey;
use countroom_log::{
    read, read_new_entries, Appender, CheckpointSigned, Entry, Event, Header, NewEntry,
    Sha256Digest,
};
use countroom_model::{CandidateId, ContestId, Papers, Votes};
use countroom_tally::Adjudicator;

use crate::command::{Applied, Command};
use crate::definition::{Appointment, ElectionDefinition};
use crate::error::{OpenError, Problem, Rejection, TornTail};
use crate::person::{Actor, PersonId};

/// A count in progress: the state of every contest, kept up to date as
/// each command is applied, and what the log written so far proves about
/// itself (its chain head, appointments, signatures).
///
/// The count holds no copy of the log: each command gives back the bytes
/// to append to the file ([`Applied::bytes`]).
///
/// `Count` owns all its data (no lifetimes) and is `Send`, so it can be
/// kept behind a handle (a C or Python object) and moved between threads.
#[derive(Debug, Clone)]
pub struct Count {
    header: Header,
    appender: Appender,
    state: CountState,
    /// Entries in the log (numbered 1 to `entries`).
    entries: u64,
    /// The entry recording an upgrade from version 1, if any.
    upgraded_at: Option<u64>,
    /// The signers of the valid checkpoints, in order.
    signers: Vec<Signer>,
    /// A version 1 log without a final line feed: the first line written
    /// begins with one.
    needs_newline: bool,
    /// Each contest's position in the state's contests, by id.
    contests: HashMap<ContestId, usize>,
    /// The last `local_total_authorised` entry of each (contest, counting
    /// area), as written: who and when (the wire report does not carry
    /// them).
    authorisations: HashMap<(String, String), crate::Authorisation>,
    /// The re-counts ordered in each (contest, counting area): the list
    /// contest's wire report gives none for an area whose total is
    /// withdrawn.
    area_recounts: HashMap<(String, String), u32>,
}

/// The (contest, counting area) of an `area_recount_ordered` entry.
fn recount_of(entry: &Entry) -> Option<(String, String)> {
    match &entry.event {
        Event::AreaRecountOrdered(e) => Some((e.contest.clone(), e.counting_area.clone())),
        _ => None,
    }
}

/// Who authorised a local total and when, from its log entry.
fn authorisation_of(entry: &Entry) -> Option<((String, String), crate::Authorisation)> {
    match &entry.event {
        Event::LocalTotalAuthorised(e) => Some((
            (e.contest.clone(), e.counting_area.clone()),
            crate::Authorisation {
                seq: entry.seq,
                by: entry.by.clone(),
                at: entry.at.clone().map(countroom_count::EntryTime::from),
            },
        )),
        _ => None,
    }
}

/// The progress of one contest's count, read without replaying: the
/// current run's figures and where the count stands.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// The contest.
    pub contest: ContestId,
    /// Where its count stands.
    pub status: Status,
    /// The current run (0 when none: uncontested, or collated).
    pub run: u32,
    /// Bundles counted in the run.
    pub bundles: u64,
    /// Batches of ballot papers counted in the run.
    pub batches: u64,
    /// Ballot papers counted (valid and rejected).
    pub papers_counted: Papers,
    /// Rejected ballot papers.
    pub rejected: Papers,
    /// Each standing candidate's votes, in ballot-paper order.
    pub votes: Vec<(CandidateId, Votes)>,
}

fn count_problems(kinds: Vec<ProblemKind>) -> Vec<Problem> {
    kinds.into_iter().map(Problem::Count).collect()
}

impl Count {
    /// Begins the count of an election: a new version 2 (hash-chained) log
    /// whose header names the election, then its definition, each entry
    /// checked. Returns the count and the log's bytes to write.
    ///
    /// See the crate's documentation for an example.
    pub fn new(definition: &ElectionDefinition) -> Result<(Count, Vec<u8>), OpenError> {
        let header = countroom_count::new_log_header(definition.id.as_str());
        let mut bytes = Vec::new();
        let appender = Appender::start(&header, &mut bytes);
        let mut count = Count {
            header,
            appender,
            state: CountState::default(),
            entries: 0,
            upgraded_at: None,
            signers: Vec::new(),
            needs_newline: false,
            contests: HashMap::new(),
            authorisations: HashMap::new(),
            area_recounts: HashMap::new(),
        };
        let by = Actor::new(definition.recorded_by.clone());
        let mut events = vec![(by.clone(), definition.election_event())];
        events.extend(
            definition
                .contests
                .iter()
                .map(|c| (by.clone(), c.event(&definition.id))),
        );
        events.extend(definition.appointments.iter().map(|a| {
            let who = if a.self_recorded() {
                Actor::new(a.person.clone())
            } else {
                by.clone()
            };
            (who, a.event())
        }));
        for (who, event) in events {
            let applied = count
                .append(&who, event, None, None)
                .map_err(OpenError::Definition)?;
            bytes.extend_from_slice(&applied.bytes);
        }
        Ok((count, bytes))
    }

    /// Opens a count from the bytes of its log, replayed once (with the
    /// checks of its header and its signatures, `countroom_count::replay_log`);
    /// the count goes on from its last entry. A log with problems is
    /// refused, with every problem: a last line cut short (no line feed,
    /// as a crash while writing leaves it) that is the log's only problem
    /// as [`OpenError::TornTail`], naming the line (see
    /// [`Count::open_truncating_torn_tail`]); any other problem, a refused
    /// entry in the middle included, as [`OpenError::Read`] or
    /// [`OpenError::Replay`].
    ///
    /// ```
    /// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/two-seat-tie.jsonl"))?;
    /// let count = countroom_live::Count::open(&log)?;
    /// assert_eq!(count.entries(), 8);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open(bytes: &[u8]) -> Result<Count, OpenError> {
        let file = read(bytes).map_err(|errors| match torn_tail(bytes, &errors) {
            Some(torn) => OpenError::TornTail(torn),
            None => OpenError::Read(errors),
        })?;
        let (state, problems) = countroom_count::replay_log(&file);
        if !problems.is_empty() {
            return Err(OpenError::Replay(problems));
        }
        let evidence = state.evidence().cloned();
        let contests = state
            .contests()
            .iter()
            .enumerate()
            .map(|(i, c)| (c.contest().id().clone(), i))
            .collect();
        let authorisations = file.entries.iter().filter_map(authorisation_of).collect();
        let mut area_recounts = HashMap::new();
        for key in file.entries.iter().filter_map(recount_of) {
            *area_recounts.entry(key).or_insert(0u32) += 1;
        }
        Ok(Count {
            authorisations,
            area_recounts,
            appender: file.appender(),
            entries: file.entries.len() as u64, // a Vec's length
            upgraded_at: evidence.as_ref().and_then(|e| e.upgraded_at),
            signers: evidence.as_ref().map(Evidence::signers).unwrap_or_default(),
            needs_newline: !file.tamper_evident() && !bytes.is_empty() && !bytes.ends_with(b"\n"),
            header: file.header,
            state,
            contests,
        })
    }

    /// Opens a count from its log as [`Count::open`] does, except that a
    /// last line cut short (no line feed after it, as a crash while
    /// writing leaves it), when it is the log's only problem, is left out:
    /// the count goes on from the last complete line, and what was left
    /// out is returned ([`TornTail`]: its line, where it begins and its
    /// bytes). Write nothing until the file is truncated to
    /// `TornTail::offset` bytes (the bytes appended go after the last
    /// complete line). Never leaves out a complete line (one ending in a
    /// line feed): any other problem is refused as by [`Count::open`],
    /// with every problem.
    ///
    /// ```
    /// let mut log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/two-seat-tie.jsonl"))?;
    /// let whole = log.len();
    /// log.extend_from_slice(br#"{"seq":9,"prev":"0a1b"#); // a crash mid-line
    /// assert!(matches!(countroom_live::Count::open(&log), Err(countroom_live::OpenError::TornTail(_))));
    /// let (count, torn) = countroom_live::Count::open_truncating_torn_tail(&log)?;
    /// let torn = torn.expect("the torn line is returned");
    /// assert_eq!((torn.line, torn.offset), (10, whole));
    /// assert_eq!(torn.bytes, br#"{"seq":9,"prev":"0a1b"#);
    /// assert_eq!(count.entries(), 8);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Count::open`], for every problem other than a torn last line,
    /// and for the log without it.
    pub fn open_truncating_torn_tail(bytes: &[u8]) -> Result<(Count, Option<TornTail>), OpenError> {
        match Count::open(bytes) {
            Ok(count) => Ok((count, None)),
            Err(OpenError::TornTail(torn)) => {
                let kept = bytes.get(..torn.offset).unwrap_or_default();
                Count::open(kept).map(|count| (count, Some(torn)))
            }
            Err(e) => Err(e),
        }
    }

    /// The person `person` as the one recording a command: a valid
    /// identifier and, once the log records appointments, someone
    /// appointed.
    pub fn actor(&self, person: &str) -> Result<Actor, Rejection> {
        let refuse = |p: Problem| Rejection::new(self.appender.next_seq(), "command", vec![p]);
        let id = PersonId::new(person).map_err(|e| refuse(e.into()))?;
        let authority = self.state.authority();
        if authority.checked_from().is_some() && authority.holder(person).is_none() {
            return Err(refuse(Problem::NotAppointed {
                person: person.to_owned(),
            }));
        }
        Ok(Actor::new(id))
    }

    /// The person appointed by `appointment` as the one recording it, for
    /// an office its holder records themselves (the Returning Officer, the
    /// Acting Returning Officer and a collating officer hold theirs by
    /// law, and a local returning officer is one): they hold no
    /// appointment in the log until it is recorded, so [`Count::actor`]
    /// would refuse them. Any other office is refused: its appointment is
    /// recorded by someone appointed. The replay's checks of the entry
    /// still apply.
    pub fn appointee(&self, appointment: &Appointment) -> Result<Actor, Rejection> {
        if appointment.self_recorded() {
            Ok(Actor::new(appointment.person.clone()))
        } else {
            Err(Rejection::new(
                self.appender.next_seq(),
                "officer_appointed",
                vec![Problem::NotAppointed {
                    person: appointment.person.to_string(),
                }],
            ))
        }
    }

    /// Applies a command recorded by `by`: checked against the count, then
    /// appended. Returns the entry and the bytes to append to the log file,
    /// or every problem, the count unchanged.
    pub fn apply(&mut self, by: &Actor, command: Command) -> Result<Applied, Rejection> {
        self.apply_noted(by, command, None, None)
    }

    /// [`Count::apply`], with when it happened (as recorded: the count never
    /// reads a clock; RFC 3339 in the log) and why.
    pub fn apply_noted(
        &mut self,
        by: &Actor,
        command: Command,
        at: Option<time::OffsetDateTime>,
        reason: Option<&str>,
    ) -> Result<Applied, Rejection> {
        let at = at_text(at)
            .map_err(|p| Rejection::new(self.appender.next_seq(), "command", vec![p]))?;
        let event = self.event_of(command)?;
        self.append(by, event, at, reason.map(str::to_owned))
    }

    /// Applies an entry of the count log's wire format, as `countroom
    /// append` reads it (`by`, `at`, `reason` and the event; no `seq` or
    /// `prev`): for bindings that speak the wire format (`countroom-ffi`,
    /// the Python package). Checked exactly as a typed command (the
    /// replay's checks of the entry), and refused, the count unchanged,
    /// when it has no `by`, when `by` is not a valid person's identifier,
    /// and for `checkpoint_signed` and `log_upgraded` (as
    /// [`Command::Event`]). `at` is kept as written (the log's RFC 3339
    /// text, checked by the replay). Costs the entry, not the log.
    ///
    /// ```
    /// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/westbury.jsonl"))?;
    /// let mut count = countroom_live::Count::open(&log)?;
    /// let line = br#"{"by":"ro","event":{"bundle_counted":{"contest":"westbury","run":1,"bundle":"B1","votes":[{"candidate":"WB-ALLEN","votes":10}]}}}"#;
    /// let entry = countroom_log::read_new_entries(line).map_err(|e| format!("{e:?}"))?.entries.remove(0);
    /// let applied = count.apply_entry(entry)?;
    /// assert_eq!(applied.entry.seq, 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_entry(&mut self, entry: NewEntry) -> Result<Applied, Rejection> {
        let seq = self.appender.next_seq();
        let kind = entry.event.kind();
        let refuse = |p: Problem| Rejection::new(seq, kind, vec![p]);
        let by = entry.by.as_deref().ok_or_else(|| refuse(Problem::NoBy))?;
        let person = PersonId::new(by).map_err(|e| refuse(e.into()))?;
        self.append(&Actor::new(person), entry.event, entry.at, entry.reason)
    }

    /// The wire event of a command, the run filled in.
    fn event_of(&self, command: Command) -> Result<Event, Rejection> {
        let seq = self.appender.next_seq();
        // A list contest has no runs of its own: each of its counting areas
        // has (`counting_area` on a counting event), and its declaration is
        // run 0.
        let list = command.contest().and_then(|id| {
            self.state
                .list_contests()
                .iter()
                .find(|l| l.id() == id.as_str())
        });
        let run = match command.contest() {
            Some(id) => match self
                .contests
                .get(id)
                .and_then(|&i| self.state.contests().get(i))
            {
                Some(c) => Some((c.current_run().map(countroom_count::Run::number), c)),
                None if list.is_some() => None,
                None => {
                    return Err(Rejection::new(
                        seq,
                        "command",
                        vec![Problem::UnknownContest(id.clone())],
                    ))
                }
            },
            None => None,
        };
        // The area's current run (run 1 until its count begins).
        let area_run = list.and_then(|l| {
            command.counting_area().map(|a| {
                l.area_count(a.as_str())
                    .and_then(countroom_count::AreaCount::current)
                    .map_or(1, countroom_count::AreaRun::number)
            })
        });
        let run_or = |default: u32| {
            area_run
                .or_else(|| run.as_ref().and_then(|(r, _)| *r))
                .unwrap_or(default)
        };
        if list.is_some() && matches!(command, Command::PreferenceBatch(_)) {
            return Err(Rejection::new(
                seq,
                "paper_batch_counted",
                vec![Problem::NotBuilt {
                    event: "paper_batch_counted",
                    why: "a list ballot paper carries one vote, not preferences: count a list area's papers with `Command::PaperBatch` and `in_area`",
                }],
            ));
        }
        if let (Some(l), Command::PaperBatch(p)) = (list, &command) {
            return list_paper_batch(seq, l, p, area_run.unwrap_or(1));
        }
        Ok(match command {
            Command::Bundle(b) => b.event(run_or(1)),
            Command::Rejected(r) => Event::RejectedCounted(
                countroom_log::RejectedCounted::new(
                    r.contest.to_string(),
                    run_or(1),
                    r.head.code().to_owned(),
                    r.papers.get(),
                )
                .counting_area(r.counting_area.as_ref().map(ToString::to_string)),
            ),
            Command::PaperBatch(p) => {
                if let Some(area) = &p.counting_area {
                    return Err(Rejection::new(
                        seq,
                        "paper_batch_counted",
                        vec![Problem::Count(ProblemKind::ListContest {
                            field: "counting_area".into(),
                            reason: format!("counting area {area}: contest {} is not a list contest; `counting_area` on a counting event belongs to a list contest's constituency count", p.contest),
                        })],
                    ));
                }
                let Some((_, c)) = &run else {
                    // A typed command names its contest: found above.
                    return Err(Rejection::new(
                        seq,
                        "paper_batch_counted",
                        vec![Problem::UnknownContest(p.contest)],
                    ));
                };
                let contest = c.contest();
                let rules = countroom_rules::ruleset(contest.ruleset());
                let counted = Adjudicator::new(rules, contest.n_standing(), contest.seats())
                    .map_err(|e| countroom_count::papers::BatchError {
                        line: None,
                        message: e.to_string(),
                    })
                    .and_then(|a| countroom_count::papers::count_batch(&p.papers.to_batch(), &a))
                    .map_err(|e| {
                        Rejection::new(seq, "paper_batch_counted", vec![Problem::Papers(e)])
                    })?;
                Event::PaperBatchCounted(countroom_count::papers::batch_event(
                    contest,
                    run_or(1),
                    p.batch.to_string(),
                    Some(p.source()),
                    &counted,
                ))
            }
            Command::CompleteCount { contest } => Event::CountCompleted(
                countroom_log::CountCompleted::new(contest.to_string(), run_or(1)),
            ),
            Command::RequestRecount { contest, candidate } => Event::RecountRequested(
                countroom_log::RecountRequested::new(contest.to_string(), run_or(1))
                    .candidate(candidate.map(|c| c.to_string())),
            ),
            Command::DecideRecount { contest, granted } => Event::RecountDecided(
                countroom_log::RecountDecided::new(contest.to_string(), run_or(1), granted),
            ),
            Command::DrawLot(lot) => lot.event(run_or(1)),
            // An uncontested election has no runs: its declaration is run 0.
            Command::Declare { contest } => Event::ResultDeclared(
                countroom_log::ResultDeclared::new(contest.to_string(), run_or(0)),
            ),
            Command::ReceiveBox(b) => b.event(),
            Command::EnterAccount(a) => a.event(),
            Command::CountBox(b) => b.event(),
            Command::CompleteVerification { contest } => Event::VerificationCompleted(
                countroom_log::VerificationCompleted::new(contest.to_string()),
            ),
            Command::SetAside(s) => s.event(run_or(1)),
            Command::DecideDoubtful(d) => d.event(run_or(1)),
            Command::ObjectToRejection(o) => o.event(run_or(1)),
            Command::Explain(e) => e.event(run_or(1)),
            Command::AuthoriseLocalTotal(a) => a.authorised(),
            Command::OrderAreaRecount(a) => a.recount(),
            Command::VerifyPapers { contest, papers } => Event::PapersVerified(
                countroom_log::PapersVerified::new(contest.to_string(), papers.get()),
            ),
            Command::MovePapers(m) => m.event(),
            Command::RecordPostalOpening(o) => o.event().map_err(|reason| {
                Rejection::new(
                    seq,
                    "postal_opening_recorded",
                    vec![Problem::Overflow {
                        what: format!("the statements rejected ({reason})"),
                    }],
                )
            })?,
            Command::ListTenderedVotes {
                ballot_box,
                contest,
                entries,
            } => Event::TenderedVotesListed(countroom_log::TenderedVotesListed::new(
                ballot_box.to_string(),
                contest.to_string(),
                entries,
            )),
            Command::Saved { contest, saved } => Event::SavedCounted(
                countroom_log::SavedCounted::new(
                    contest.to_string(),
                    run_or(1),
                    saved.reason.code().to_owned(),
                    saved.papers.get(),
                )
                .counting_area(saved.counting_area.as_ref().map(ToString::to_string)),
            ),
            Command::RejectedInPart { contest, papers } => {
                Event::RejectedInPartCounted(countroom_log::RejectedInPartCounted::new(
                    contest.to_string(),
                    run_or(1),
                    papers.get(),
                ))
            }
            Command::PreferenceBatch(p) => {
                let Some((_, c)) = &run else {
                    // A typed command names its contest: found above.
                    return Err(Rejection::new(
                        seq,
                        "paper_batch_counted",
                        vec![Problem::UnknownContest(p.contest)],
                    ));
                };
                Event::PaperBatchCounted(
                    countroom_count::papers::preference_batch_event(
                        c.contest(),
                        run_or(1),
                        p.batch.to_string(),
                        Some(p.source()),
                        &p.papers.to_marked(),
                    )
                    .map_err(|e| {
                        Rejection::new(
                            seq,
                            "paper_batch_counted",
                            e.into_iter().map(Problem::Papers).collect(),
                        )
                    })?,
                )
            }
            Command::CountSecondPreferences(b) => b.event(run_or(1)),
            Command::CompleteSecondCount { contest } => Event::SecondCountCompleted(
                countroom_log::SecondCountCompleted::new(contest.to_string(), run_or(1)),
            ),
            Command::ReportLocalTotal(t) => t.event(),
            Command::DirectSecondCount { contest, remaining } => {
                Event::SecondCountDirected(countroom_log::SecondCountDirected::new(
                    contest.to_string(),
                    remaining.iter().map(ToString::to_string).collect(),
                ))
            }
            Command::ReportLocalSecondCount(t) => t.event(),
            Command::Define(d) => d.event(),
            Command::DefineContest { election, contest } => contest.event(&election),
            Command::Appoint(a) => a.event(),
            Command::AppointAgent(a) => a.event(),
            Command::DefineListContest { election, contest } => contest.event(&election),
            Command::ReportConstituencyReturn(r) => r.event(),
            Command::ListBatch(b) => b.event(run_or(1)),
            Command::CompleteAreaCount {
                contest,
                counting_area,
            } => Event::CountCompleted(
                countroom_log::CountCompleted::new(contest.to_string(), run_or(1))
                    .counting_area(Some(counting_area.to_string())),
            ),
            Command::RequestAreaRecount {
                contest,
                counting_area,
                option,
            } => Event::RecountRequested(
                countroom_log::RecountRequested::new(contest.to_string(), run_or(1))
                    .counting_area(Some(counting_area.to_string()))
                    .candidate(option.map(|c| c.to_string())),
            ),
            Command::DecideAreaRecount {
                contest,
                counting_area,
                granted,
            } => Event::RecountDecided(
                countroom_log::RecountDecided::new(contest.to_string(), run_or(1), granted)
                    .counting_area(Some(counting_area.to_string())),
            ),
            Command::DrawListLot(l) => l.event(),
            Command::RequestRecalculation { contest, option } => {
                Event::AllocationRecalculationRequested(
                    countroom_log::AllocationRecalculationRequested::new(contest.to_string())
                        .party(option.map(|c| c.to_string())),
                )
            }
            Command::RecalculateAllocation { contest } => Event::AllocationRecalculated(
                countroom_log::AllocationRecalculated::new(contest.to_string(), "unchanged"),
            ),
            Command::FillListVacancy(v) => v.event(),
            Command::Event(event) => *event,
        })
    }

    /// Checks an event recorded by `by` against the count and, if it is
    /// accepted, appends it.
    fn append(
        &mut self,
        by: &Actor,
        event: Event,
        at: Option<String>,
        reason: Option<String>,
    ) -> Result<Applied, Rejection> {
        let seq = self.appender.next_seq();
        let kind = event.kind();
        let refuse = |problems: Vec<Problem>| Rejection::new(seq, kind, problems);
        match &event {
            Event::CheckpointSigned(_) => {
                return Err(refuse(vec![Problem::NotBuilt {
                    event: kind,
                    why: "a checkpoint is signed over the log written: use `Count::sign_checkpoint` (or `countroom sign`)",
                }]))
            }
            Event::LogUpgraded(_) => {
                return Err(refuse(vec![Problem::NotBuilt {
                    event: kind,
                    why: "an upgrade rewrites a version 1 log file: use `countroom upgrade`",
                }]))
            }
            // The check `replay_log` makes of a version 2 log: it records
            // the one election its header names.
            Event::ElectionDefined(e) => match &self.header.election {
                Some(named) if *named != e.election => {
                    return Err(refuse(count_problems(vec![
                        ProblemKind::ElectionNotInHeader {
                            found: e.election.clone(),
                            header: named.clone(),
                        },
                    ])))
                }
                _ => {}
            },
            _ => {}
        }
        let new = NewEntry::of(event)
            .by(Some(by.person().to_string()))
            .at(at)
            .reason(reason);
        // The entry must read back as the log reader reads it (control
        // characters, numbers past the largest count, …): the reader of
        // entries to append, over this one entry's line.
        if let Err(errors) = read_new_entries(&new.to_line()) {
            return Err(refuse(
                errors.into_iter().map(|e| Problem::Entry(e.kind)).collect(),
            ));
        }
        let mut entry = new.into_entry(by.person().to_string());
        entry.seq = seq;
        // The same checks as replay: the state is unchanged when refused.
        self.state
            .apply(&entry)
            .map_err(|kinds| refuse(count_problems(kinds)))?;
        if let Event::ContestDefined(_) = &entry.event {
            if let Some(c) = self.state.contests().last() {
                let i = self.state.contests().len() - 1; // not empty
                self.contests.insert(c.contest().id().clone(), i);
            }
        }
        if let Some((key, who)) = authorisation_of(&entry) {
            self.authorisations.insert(key, who);
        }
        if let Some(key) = recount_of(&entry) {
            *self.area_recounts.entry(key).or_insert(0) += 1;
        }
        let mut bytes = Vec::new();
        if self.needs_newline {
            bytes.push(b'\n');
            self.needs_newline = false;
        }
        let entry: Entry = self.appender.append_entry(&mut bytes, entry);
        self.entries = seq;
        Ok(Applied {
            entry,
            bytes,
            head: self.appender.head(),
        })
    }

    /// Signs a checkpoint over the log written so far and appends it
    /// (`checkpoint_signed`): `key` signs the chain head after the last
    /// entry (the election, `through` and the head: `docs/count-log.md`),
    /// recorded by `by` at `at`. The line is the one `countroom sign LOG
    /// --key FILE --by PERSON [--at TIME]` appends to the same log with the
    /// same key (Ed25519 signatures are deterministic). Checked as the
    /// replay checks it: the log chained (version 2), `by` appointed with
    /// `key`'s public key before it, the signature verifying.
    ///
    /// ```
    /// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/exampletown-mayor.jsonl"))?;
    /// let secret = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/keys/pnair.key"))?;
    /// let key = countroom_log::checkpoint::CheckpointKey::from_hex(secret.trim_end()).unwrap();
    /// let mut count = countroom_live::Count::open(&log)?;
    /// let by = count.actor("pnair")?;
    /// let applied = count.sign_checkpoint(&by, &key, None)?;
    /// assert!(applied.bytes.windows(19).any(|w| w == b"\"checkpoint_signed\""));
    /// let covered = count.evidence().coverage.last().cloned().unwrap();
    /// assert!(covered.signed_by.iter().all(|s| s.person == "pnair")); // by Priya Nair
    /// assert_eq!(covered.last, applied.entry.seq);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`Rejection`] naming the problem (a log without a chain, a signer
    /// with no key appointed, a key that is not the one appointed), the
    /// count unchanged.
    pub fn sign_checkpoint(
        &mut self,
        by: &Actor,
        key: &CheckpointKey,
        at: Option<time::OffsetDateTime>,
    ) -> Result<Applied, Rejection> {
        let seq = self.appender.next_seq();
        let kind = "checkpoint_signed";
        let refuse = |kinds: Vec<ProblemKind>| Rejection::new(seq, kind, count_problems(kinds));
        let election = match (&self.header.election, self.header.chained()) {
            (Some(e), true) => e.clone(),
            _ => {
                return Err(refuse(vec![ProblemKind::CheckpointUnchained {
                    version: self.header.version,
                }]))
            }
        };
        // Entries are numbered from 1, so the next is at least 1.
        let through = seq - 1;
        let head = self.appender.head();
        let event = Event::CheckpointSigned(CheckpointSigned::new(
            through,
            head.to_hex(),
            key.sign(&election, through, &head),
        ));
        let at = at_text(at).map_err(|p| Rejection::new(seq, kind, vec![p]))?;
        let new = NewEntry::of(event).by(Some(by.person().to_string())).at(at);
        if let Err(errors) = read_new_entries(&new.to_line()) {
            return Err(Rejection::new(
                seq,
                kind,
                errors.into_iter().map(|e| Problem::Entry(e.kind)).collect(),
            ));
        }
        let mut entry = new.into_entry(by.person().to_string());
        entry.seq = seq;
        let signer = countroom_count::check_checkpoint(
            &self.header,
            Some(head),
            self.state.authority(),
            &entry,
        )
        .map_err(|k| refuse(vec![k]))?;
        // The authority's own check of the entry (who may sign).
        self.state.apply(&entry).map_err(refuse)?;
        let mut bytes = Vec::new();
        let entry: Entry = self.appender.append_entry(&mut bytes, entry);
        self.signers.push(signer);
        self.entries = seq;
        Ok(Applied {
            entry,
            bytes,
            head: self.appender.head(),
        })
    }

    /// How many entries the log has.
    #[must_use]
    pub fn entries(&self) -> u64 {
        self.entries
    }

    /// The chain head: the SHA-256 of the log's last line (read aloud and
    /// signed at the count).
    #[must_use]
    pub fn head(&self) -> Sha256Digest {
        self.appender.head()
    }

    /// The state of every contest (the same as replaying the log).
    #[must_use]
    pub fn state(&self) -> &CountState {
        &self.state
    }

    /// The progress of one contest: its current run's figures and where
    /// its count stands. Costs the contest's candidates, not the log.
    #[must_use]
    pub fn progress(&self, contest: &ContestId) -> Option<Progress> {
        let c = self
            .contests
            .get(contest)
            .and_then(|&i| self.state.contests().get(i))?;
        let run = c.current_run();
        let status = match run {
            _ if c.declared().is_some() => {
                if run.is_none() {
                    Status::UncontestedDeclared
                } else {
                    Status::Declared
                }
            }
            None => Status::Uncontested,
            Some(r) if r.completed_by().is_none() => Status::Counting,
            Some(r)
                if c.recounts()
                    .iter()
                    .any(|x| x.run == r.number() && x.decision.is_none()) =>
            {
                Status::RecountRequested
            }
            Some(_) => match c.current_outcome() {
                RunOutcome::LotNeeded(_) => Status::LotRequired,
                RunOutcome::SecondCountNeeded(_) => Status::SecondCountRequired,
                RunOutcome::Counting => Status::Counting,
                _ => Status::ReadyToDeclare,
            },
        };
        let tally = run.map(countroom_count::Run::tally);
        Some(Progress {
            contest: contest.clone(),
            status,
            run: run.map_or(0, countroom_count::Run::number),
            bundles: run.map_or(0, countroom_count::Run::n_bundles),
            batches: run.map_or(0, countroom_count::Run::n_batches),
            papers_counted: Papers::new(tally.map_or(0, |t| t.papers_counted())),
            rejected: Papers::new(tally.map_or(0, |t| t.rejected_papers())),
            votes: c
                .contest()
                .standing()
                .map(|(idx, cand)| {
                    let votes = tally
                        .and_then(|t| t.votes().get(idx.get()).copied())
                        .unwrap_or(0);
                    (cand.id.clone(), Votes::new(votes))
                })
                .collect(),
        })
    }

    /// The evidence the log written so far carries, as replaying it gives.
    #[must_use]
    pub fn evidence(&self) -> Evidence {
        Evidence::of_parts(
            &self.header,
            self.appender.head(),
            self.entries,
            self.upgraded_at,
            &self.state,
            &self.signers,
        )
    }

    /// Every contest's result sheet as domain values (ids validated, dates
    /// as `time::Date`, figures as checked counts, codes as enums): a typed
    /// view of [`Count::documents`], converted at the edge
    /// ([`crate::ResultSheet::from_report`]).
    ///
    /// ```
    /// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/two-seat-tie.jsonl"))?;
    /// let count = countroom_live::Count::open(&log)?;
    /// let sheets = count.result_sheets()?;
    /// assert_eq!(sheets[0].elected.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn result_sheets(&self) -> Result<Vec<crate::ResultSheet>, crate::DocumentError> {
        crate::ResultSheet::all(&self.documents())
    }

    /// Every contest's other statements as domain values (the statement of
    /// rejected ballot papers, reconciliation, turnout, deposits, lots and
    /// re-counts): a typed view of [`Count::documents`], converted at the
    /// edge ([`crate::Statements::from_report`]).
    ///
    /// ```
    /// use countroom_live::{Count, RejectionHead};
    /// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/two-seat-tie.jsonl"))?;
    /// let statements = Count::open(&log)?.statements()?;
    /// let rejected = statements[0].rejected.as_ref().unwrap();
    /// let void = rejected.heads.iter().find(|h| h.head == RejectionHead::UnmarkedOrVoid).unwrap();
    /// assert_eq!(void.to_string(), "(d) being unmarked or wholly void for uncertainty");
    /// assert_eq!(void.papers.get(), 11);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn statements(&self) -> Result<Vec<crate::Statements>, crate::DocumentError> {
        crate::Statements::all(&self.documents())
    }

    /// The collation of every contest counted in counting areas, as domain
    /// values (each area's status, papers forward, votes by candidate,
    /// rejected papers, variance and explanation, re-counts; the regions;
    /// the whole poll; the second count of a supplementary vote): a typed
    /// view of [`Count::documents`], converted at the edge
    /// ([`crate::Collation::from_report`]).
    ///
    /// # Errors
    ///
    /// The first [`crate::DocumentError`] (a wire value that does not read).
    ///
    /// Each authorised area carries who authorised its total and when
    /// ([`crate::Authorisation`], from the log's `local_total_authorised`
    /// entry; the wire report does not carry it).
    ///
    /// ```
    /// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/exampleshire-mayor.jsonl"))?;
    /// let collation = &countroom_live::Count::open(&log)?.collations()?[0];
    /// let who = collation.areas[0].authorisation.as_ref().unwrap();
    /// assert_eq!(who.by, "hmarsh");
    /// assert_eq!((who.seq, who.at.as_deref()), (11, Some("2028-05-05T13:20:00+01:00")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first [`crate::DocumentError`] (a wire value that does not read).
    pub fn collations(&self) -> Result<Vec<crate::Collation>, crate::DocumentError> {
        let mut views = crate::Collation::all(&self.documents())?;
        for view in &mut views {
            for area in &mut view.areas {
                area.authorisation = self.authorisation(&view.contest, &area.area, area.status);
            }
        }
        Ok(views)
    }

    /// The collation of every list contest as domain values (each counting
    /// area's list total, its status and who authorised it and when; the
    /// region's totals by party and individual candidate; an area whose
    /// total was withdrawn by a re-count awaits its re-count, from the
    /// log's `area_recount_ordered` entries): a typed view of
    /// [`Count::documents`]' `list_contests`
    /// ([`crate::ListCollation::from_report`]).
    ///
    /// ```
    /// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/exampleshire-region.jsonl"))?;
    /// let list = &countroom_live::Count::open(&log)?.list_collations()?[0];
    /// let east = list.areas.iter().find(|a| a.area.as_str() == "eastport").unwrap();
    /// assert_eq!(east.recounts, 1);
    /// assert_eq!(east.authorisation.as_ref().unwrap().at.as_deref(), Some("2026-05-08T12:40:00+01:00"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first [`crate::DocumentError`] (a wire value that does not read).
    pub fn list_collations(&self) -> Result<Vec<crate::ListCollation>, crate::DocumentError> {
        let mut views = crate::ListCollation::all(&self.documents())?;
        for view in &mut views {
            for area in &mut view.areas {
                let key = (view.contest.to_string(), area.area.to_string());
                if let Some(&n) = self.area_recounts.get(&key) {
                    area.recounts = area.recounts.max(n);
                    if area.status == crate::AreaStatus::Awaiting {
                        area.status = crate::AreaStatus::AwaitingRecount;
                    }
                }
                area.authorisation = self.authorisation(&view.contest, &area.area, area.status);
            }
        }
        Ok(views)
    }

    /// Who authorised the total standing in an area, where it is
    /// authorised.
    fn authorisation(
        &self,
        contest: &ContestId,
        area: &countroom_model::CountingAreaId,
        status: crate::AreaStatus,
    ) -> Option<crate::Authorisation> {
        if status != crate::AreaStatus::Authorised {
            return None;
        }
        self.authorisations
            .get(&(contest.as_str().to_owned(), area.as_str().to_owned()))
            .cloned()
    }

    /// The stage sheet of every STV contest counted to its end, as domain
    /// values (exact fixed-point values with their places): a typed view of
    /// [`Count::documents`] ([`crate::StvSheet::from_report`]).
    ///
    /// # Errors
    ///
    /// The first [`crate::DocumentError`] (a wire value that does not read).
    pub fn stv_sheets(&self) -> Result<Vec<crate::StvSheet>, crate::DocumentError> {
        crate::StvSheet::all(&self.documents())
    }

    /// The documents of every contest: the same, byte for byte once
    /// rendered, as replaying the log this count wrote
    /// (`countroom::report_from_log`). A projection of the whole state
    /// (every contest), without replaying.
    #[must_use]
    pub fn documents(&self) -> Report {
        report_with_evidence(&self.state, Some(&self.evidence()))
    }
}

/// The time of an entry as the log writes it (RFC 3339), or why it cannot
/// be written (`Problem::UnformattableAt`, naming the time): never empty
/// text, which the log's reader would refuse.
fn at_text(at: Option<time::OffsetDateTime>) -> Result<Option<String>, Problem> {
    at.map(|t| {
        t.format(&time::format_description::well_known::Rfc3339)
            .map_err(|e| Problem::UnformattableAt {
                at: t.to_string(),
                why: e.to_string(),
            })
    })
    .transpose()
}

/// The log's last line, when it is cut short (bytes after the last line
/// feed) and every problem the reader found is on it: a crash while
/// writing. `None` when the log ends with a line feed, when the line cut
/// short is the header (nothing before it to go on from), or when any
/// problem is on another line.
fn torn_tail(bytes: &[u8], errors: &[countroom_log::ReadError]) -> Option<TornTail> {
    let offset = bytes.iter().rposition(|&b| b == b'\n')? + 1;
    let tail = bytes.get(offset..)?;
    if tail.is_empty() || errors.is_empty() {
        return None;
    }
    // The line after the last complete one (never overflows: fewer line
    // feeds than bytes).
    let complete = bytes.iter().filter(|&&b| b == b'\n').count();
    let line = u64::try_from(complete).ok()?.checked_add(1)?;
    if errors.iter().any(|e| e.line != line) {
        return None;
    }
    Some(TornTail {
        line,
        offset,
        bytes: tail.to_vec(),
        problems: errors.to_vec(),
    })
}

/// A list area's papers held in memory ([`Command::PaperBatch`] with
/// `in_area` at a list contest): adjudicated under the list ruleset's heads
/// ([`countroom_adjudicate::ListAdjudicator`]) and written as the area's
/// `paper_batch_counted` in its current run `run`. Refused, with every
/// problem found, where the ruleset's heads were not read, where no
/// counting area is named or it is not the contest's, and for each paper
/// whose marks do not fit the list ballot paper; the rest (a batch id used
/// before in the run, a run completed) the replay refuses.
fn list_paper_batch(
    seq: u64,
    list: &countroom_count::ListContestCount,
    p: &crate::command::PaperBatch,
    run: u32,
) -> Result<Event, Rejection> {
    let refuse = |problems: Vec<Problem>| Rejection::new(seq, "paper_batch_counted", problems);
    let adjudicator =
        countroom_adjudicate::ListAdjudicator::new(list.rules(), list.options().len())
            .map_err(|e| refuse(vec![Problem::Adjudicator(e)]))?;
    let areas = &list.collation().plan().areas;
    let mut problems = Vec::new();
    match &p.counting_area {
        None => problems.push(Problem::Count(ProblemKind::ListContest {
            field: "counting_area".into(),
            reason: format!(
                "{} is a list contest: its papers are counted at each constituency's count; name the counting area (`PaperBatch::in_area`; one of: {})",
                list.id(),
                areas.iter().map(|a| a.id.as_str()).collect::<Vec<_>>().join(", ")
            ),
        })),
        Some(a) if !areas.iter().any(|x| x.id == a.as_str()) => {
            problems.push(Problem::Count(ProblemKind::Unknown {
                field: "counting_area".into(),
                what: "counting area of this list contest",
                id: a.to_string(),
            }));
        }
        Some(_) => {}
    }
    // Every paper in full, named by its position: a problem names the
    // paper's place in the batch.
    let batch = countroom_count::papers::PaperBatch {
        papers: Vec::new(),
        marked: p.papers.to_marked(),
    };
    let counted = countroom_count::papers::count_list_batch(&batch, &adjudicator);
    match counted {
        Ok(counted) if problems.is_empty() => Ok(Event::PaperBatchCounted(
            countroom_count::papers::list_batch_event(
                list,
                p.counting_area
                    .as_ref()
                    .map(countroom_model::CountingAreaId::as_str),
                run,
                p.batch.to_string(),
                Some(p.source()),
                &counted,
            ),
        )),
        Ok(_) => Err(refuse(problems)),
        Err(errors) => {
            problems.extend(errors.into_iter().map(Problem::Papers));
            Err(refuse(problems))
        }
    }
}
