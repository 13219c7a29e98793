//! What a count log proves about itself: its format version, whether it is
//! hash-chained, its chain head, (when it came through `upgrade`) where its
//! chain began, whether authority was checked and who held which office,
//! and which entries signed checkpoints cover.

use countroom_log::checkpoint::verify_checkpoint;
use countroom_log::{
    Entry, Event, Header, LogFile, LogReader, LogTail, ReadEntry, ReadError, Sha256Digest,
};
use serde::Serialize;

use crate::authority::{Appointment, Authority, Role};
use crate::problem::{LogProblem, ProblemKind};
use crate::state::CountState;

/// The evidence a log carries, stated on every document made from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Evidence {
    /// The log's format version.
    pub log_version: u32,
    /// Whether the log is hash-chained (version 2): any change to a line
    /// but the last shows when it is read.
    pub tamper_evident: bool,
    /// The chain head: the SHA-256 (hex) of the log's last line.
    pub chain_head: String,
    /// How many entries the log has.
    pub entries: u64,
    /// The version of countroom that made the documents.
    pub countroom: &'static str,
    /// Version 2: the countroom version that began the log.
    pub log_countroom: Option<String>,
    /// Version 2: whether the ruleset table the log was begun under is this
    /// countroom's (`None` for a version 1 log, which does not say).
    pub rules_match: Option<bool>,
    /// When the log was rewritten from version 1: the entries before this
    /// one were chained then, not as they were recorded.
    pub upgraded_at: Option<u64>,
    /// The entry from which every entry's `by` was checked against the
    /// appointments (the first `officer_appointed`); `None`: the log has no
    /// appointments and authority was not checked.
    pub authority_checked_from: Option<u64>,
    /// Who held which office, in the order appointed (officers, candidates,
    /// agents and observers).
    pub offices: Vec<OfficeHeld>,
    /// The entries covered by signed checkpoints, and those not, as
    /// maximal ranges from entry 1 to the last (empty for a log with no
    /// entries).
    pub coverage: Vec<Coverage>,
    /// Entries made from other files given with the log (`count --papers`,
    /// `--bundles`, `--accounts`, `--counts`) and replayed after the log's
    /// own `entries`: they are not in the log, so neither chained nor
    /// signed, and the chain head is the log's without them. 0 (and left
    /// out of the JSON) for the log alone.
    #[serde(skip_serializing_if = "is_zero")]
    pub added: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Evidence {
    /// The documents' sentence about [`Evidence::added`], where entries
    /// were added: the same words in text and HTML.
    #[must_use]
    pub fn added_sentence(&self) -> Option<String> {
        (self.added > 0).then(|| {
            format!(
                "With {} {} made from the other files given, replayed after the log's: not in the log, so neither chained nor signed.",
                countroom_arith::thousands(self.added),
                if self.added == 1 { "entry" } else { "entries" }
            )
        })
    }

    /// The evidence of a log of `in_log` entries replayed with entries made
    /// from other files after them ([`Evidence::added`]): `entries` and the
    /// signatures' coverage are the log's own, the rest counted as added.
    /// A no-op where no more entries were replayed than the log has.
    pub fn with_added(&mut self, in_log: u64) {
        if self.entries <= in_log {
            return;
        }
        self.added = self.entries - in_log;
        self.entries = in_log;
        let signers = self.signers();
        self.coverage = coverage((in_log > 0).then_some(in_log), &signers);
    }
}

/// One appointment, as the documents list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct OfficeHeld {
    /// The entry that recorded it.
    pub seq: u64,
    /// The person's identifier.
    pub person: String,
    /// Their name.
    pub name: String,
    /// Their office or role (`returning_officer`, …).
    pub role: Role,
    /// The office as printed ("Returning Officer").
    pub office: &'static str,
    /// A deputy's functions (empty: all).
    pub functions: Vec<&'static str>,
    /// The contests (empty: all).
    pub contests: Vec<String>,
    /// The candidate a candidate is, or an agent acts for.
    pub candidate: Option<String>,
    /// Whether they have a public key to sign with.
    pub signs: bool,
}

impl From<&Appointment> for OfficeHeld {
    fn from(a: &Appointment) -> OfficeHeld {
        OfficeHeld {
            seq: a.seq,
            person: a.person.clone(),
            name: a.name.clone(),
            role: a.role,
            office: a.role.title(),
            functions: a.functions.iter().map(|f| f.code()).collect(),
            contests: a.contests.clone(),
            candidate: a.candidate.clone(),
            signs: a.public_key.is_some(),
        }
    }
}

/// A range of entries, signed or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Coverage {
    /// The first entry.
    pub first: u64,
    /// The last entry.
    pub last: u64,
    /// Who signed checkpoints through `last` (empty: not signed).
    pub signed_by: Vec<Signer>,
}

/// A signer of a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Signer {
    /// The entry of the checkpoint.
    pub seq: u64,
    /// The person's identifier.
    pub person: String,
    /// Their name.
    pub name: String,
    /// Their office, as printed.
    pub office: &'static str,
}

impl std::fmt::Display for Coverage {
    /// `entries 1–68 signed by the Returning Officer (Jane Marsh)`, or
    /// `entries 69–95 not signed`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            write!(f, "entry {}", self.first)?;
        } else {
            write!(f, "entries {}\u{2013}{}", self.first, self.last)?;
        }
        if self.signed_by.is_empty() {
            return f.write_str(" not signed");
        }
        let signers: Vec<String> = self
            .signed_by
            .iter()
            .map(|s| {
                let article = if matches!(s.office.chars().next(), Some(c) if c.is_uppercase()) {
                    "the "
                } else {
                    "a "
                };
                format!("{article}{} ({})", s.office, s.name)
            })
            .collect();
        write!(f, " signed by {}", signers.join(" and "))
    }
}

impl Evidence {
    /// The evidence of a log as read (without what replay finds: the
    /// appointments and the signatures are filled in by [`replay_log`]).
    #[must_use]
    pub fn of(log: &LogFile) -> Evidence {
        let mut evidence = Evidence::of_tail(&LogTail::new(
            log.header.clone(),
            log.header_digest,
            log.entries.len() as u64, // a Vec's length
            log.head(),
        ));
        evidence.upgraded_at = log.entries.iter().find_map(|e| match &e.event {
            Event::LogUpgraded(_) => Some(e.seq),
            _ => None,
        });
        evidence
    }

    /// The evidence of a log from what its reader found (no `upgraded_at`:
    /// that needs the entries).
    fn of_tail(tail: &LogTail) -> Evidence {
        Evidence {
            log_version: tail.header.version,
            tamper_evident: tail.header.chained(),
            chain_head: tail.head.to_hex(),
            entries: tail.entries,
            countroom: env!("CARGO_PKG_VERSION"),
            log_countroom: tail.header.countroom.clone(),
            rules_match: tail
                .header
                .rules
                .as_ref()
                .map(|r| *r == countroom_rules::table_digest()),
            upgraded_at: None,
            authority_checked_from: None,
            offices: Vec::new(),
            coverage: Vec::new(),
            added: 0,
        }
    }

    /// The evidence of a log kept by a live count (`countroom-live`), from
    /// what it tracks as it appends: the header, the chain head, how many
    /// entries (numbered 1 to `entries`), the entry that records the
    /// upgrade from version 1 if any, the state's appointments, and the
    /// signers of the valid checkpoints (in order). The same value as
    /// [`replay_log`] gives for the same bytes.
    #[must_use]
    pub fn of_parts(
        header: &Header,
        head: Sha256Digest,
        entries: u64,
        upgraded_at: Option<u64>,
        state: &CountState,
        signers: &[Signer],
    ) -> Evidence {
        Evidence {
            log_version: header.version,
            tamper_evident: header.chained(),
            chain_head: head.to_hex(),
            entries,
            countroom: env!("CARGO_PKG_VERSION"),
            log_countroom: header.countroom.clone(),
            rules_match: header
                .rules
                .as_ref()
                .map(|r| *r == countroom_rules::table_digest()),
            upgraded_at,
            authority_checked_from: state.authority().checked_from(),
            offices: state
                .authority()
                .appointments()
                .iter()
                .map(OfficeHeld::from)
                .collect(),
            coverage: coverage((entries > 0).then_some(entries), signers),
            added: 0,
        }
    }

    /// The signers of the valid checkpoints, in the order signed.
    #[must_use]
    pub fn signers(&self) -> Vec<Signer> {
        self.coverage
            .iter()
            .flat_map(|c| c.signed_by.iter().cloned())
            .collect()
    }

    /// "authority checked throughout from entry 12", or "authority was not
    /// checked (the log records no appointments)".
    #[must_use]
    pub fn authority_line(&self) -> String {
        match self.authority_checked_from {
            Some(n) => format!("authority checked throughout from entry {n}"),
            None => "authority was not checked (the log records no appointments)".to_owned(),
        }
    }
}

/// Replays a log as read from a file: [`replay`](crate::replay), and the checks that need
/// the file: a version 2 log records one election, named in its header;
/// every `checkpoint_signed` signs the chain head before it, with the key
/// appointed for its signer before it. The state carries the log's
/// [`Evidence`], with the appointments and what the valid checkpoints
/// cover.
///
/// [`LogReplay`] does the same one entry at a time, as a [`LogReader`]
/// reads them ([`replay_reader`]).
#[must_use]
pub fn replay_log(log: &LogFile) -> (CountState, Vec<LogProblem>) {
    let mut replay = LogReplay::new(&log.header);
    for entry in &log.entries {
        // An entry numbered past the file's lines (built in memory) has no
        // chain head before it: its checkpoint is refused as unchained.
        let head = log.head_before(entry.seq);
        replay.apply_entry(entry, head);
    }
    replay.finish(&LogTail::new(
        log.header.clone(),
        log.header_digest,
        log.entries.len() as u64, // a Vec's length
        log.head(),
    ))
}

/// A log replayed as it is read, one entry at a time, keeping the state of
/// the count and not the entries: [`replay_log`] without the [`LogFile`]
/// (only the few `checkpoint_signed` entries are kept, to be checked
/// against the appointments once every entry has been applied).
///
/// A clone is the count as it stood: `countroom serve` finishes a clone to
/// show the documents while the log goes on being read.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LogReplay {
    state: CountState,
    problems: Vec<LogProblem>,
    /// The election the header names.
    election: Option<String>,
    /// The `checkpoint_signed` entries, with the chain head before each.
    checkpoints: Vec<(Entry, Option<Sha256Digest>)>,
    /// The first `log_upgraded` entry.
    upgraded_at: Option<u64>,
    /// The `seq` of the last entry applied.
    last_seq: Option<u64>,
}

impl LogReplay {
    /// An empty count, for the log `header` begins.
    #[must_use]
    pub fn new(header: &Header) -> LogReplay {
        LogReplay {
            state: CountState::default(),
            problems: Vec::new(),
            election: header.election.clone(),
            checkpoints: Vec::new(),
            upgraded_at: None,
            last_seq: None,
        }
    }

    /// Applies the next entry read ([`ReadEntry::head_before`] is the chain
    /// head before it).
    pub fn apply(&mut self, read: &ReadEntry) {
        self.apply_entry(&read.entry, Some(read.head_before));
    }

    /// Applies `entry`, whose chain head before it is `head` (`None`: it
    /// has none, as in a log built in memory).
    pub fn apply_entry(&mut self, entry: &Entry, head: Option<Sha256Digest>) {
        self.apply_entry_with(entry, || head);
    }

    /// [`LogReplay::apply_entry`], with the chain head before the entry
    /// taken only if it is needed (a checkpoint's): `read_each` computes a
    /// version 1 line's digest only when asked.
    fn apply_entry_with(&mut self, entry: &Entry, head: impl FnOnce() -> Option<Sha256Digest>) {
        if let Err(kinds) = self.state.apply(entry) {
            self.problems
                .extend(kinds.into_iter().map(|kind| LogProblem {
                    seq: entry.seq,
                    event: entry.event.kind(),
                    kind,
                }));
        }
        match &entry.event {
            Event::ElectionDefined(e) => {
                if let Some(election) = &self.election {
                    if &e.election != election {
                        self.problems.push(LogProblem {
                            seq: entry.seq,
                            event: entry.event.kind(),
                            kind: ProblemKind::ElectionNotInHeader {
                                found: e.election.clone(),
                                header: election.clone(),
                            },
                        });
                    }
                }
            }
            Event::CheckpointSigned(_) => self.checkpoints.push((entry.clone(), head())),
            Event::LogUpgraded(_) if self.upgraded_at.is_none() => {
                self.upgraded_at = Some(entry.seq);
            }
            _ => {}
        }
        self.last_seq = Some(entry.seq);
    }

    /// The problems found so far, in the order found.
    #[must_use]
    pub fn problems(&self) -> &[LogProblem] {
        &self.problems
    }

    /// Checks the checkpoints and gives the state, with the log's
    /// [`Evidence`] (from `tail`, what the reader found), and every problem
    /// in entry order.
    #[must_use]
    pub fn finish(self, tail: &LogTail) -> (CountState, Vec<LogProblem>) {
        let LogReplay {
            mut state,
            mut problems,
            checkpoints,
            upgraded_at,
            last_seq,
            ..
        } = self;
        let mut signed = Vec::new();
        for (entry, head) in &checkpoints {
            if problems.iter().any(|p| p.seq == entry.seq) {
                // Already refused (its signer may not sign).
                continue;
            }
            match check_checkpoint(&tail.header, *head, state.authority(), entry) {
                Ok(signer) => signed.push(signer),
                Err(kind) => problems.push(LogProblem {
                    seq: entry.seq,
                    event: entry.event.kind(),
                    kind,
                }),
            }
        }
        problems.sort_by_key(|p| p.seq);
        let mut evidence = Evidence::of_tail(tail);
        evidence.upgraded_at = upgraded_at;
        evidence.authority_checked_from = state.authority().checked_from();
        evidence.offices = state
            .authority()
            .appointments()
            .iter()
            .map(OfficeHeld::from)
            .collect();
        evidence.coverage = coverage(last_seq, &signed);
        state.set_evidence(evidence);
        (state, problems)
    }
}

/// A log read from `input` and replayed as it is read ([`LogReader`] and
/// [`LogReplay`]): the state of the count and the problems of the replay,
/// as [`replay_log`] gives them for the same log read by
/// [`countroom_log::read`], without holding the log's entries. The lines
/// of the entries the problems name are given with them.
///
/// # Errors
///
/// The input could not be read ([`StreamError::Io`]), or the log has
/// problems reading it ([`StreamError::Read`]: every problem, as
/// [`countroom_log::read`] lists them).
pub fn replay_reader<R: std::io::BufRead>(input: R) -> Result<StreamedReplay, StreamError> {
    let mut reader = LogReader::new(input);
    let mut replay: Option<LogReplay> = None;
    let mut lines = std::collections::BTreeMap::new();
    while let Some(read) = reader.next_entry().map_err(StreamError::Io)? {
        if reader.has_problems() {
            // The log will be refused: reading on only lists its problems.
            replay = None;
            continue;
        }
        if replay.is_none() {
            // An entry is read only after the header.
            replay = reader.header().map(LogReplay::new);
        }
        let Some(replay) = replay.as_mut() else {
            continue;
        };
        let found = replay.problems.len();
        replay.apply(&read);
        if replay.problems.len() > found || matches!(read.entry.event, Event::CheckpointSigned(_)) {
            lines.insert(read.entry.seq, read.line);
        }
    }
    let tail = reader
        .finish()
        .map_err(StreamError::Io)?
        .map_err(StreamError::Read)?;
    let replay = replay.unwrap_or_else(|| LogReplay::new(&tail.header));
    let (state, problems) = replay.finish(&tail);
    Ok(StreamedReplay {
        state,
        problems,
        lines,
    })
}

/// A log's bytes read and replayed as they are read
/// ([`countroom_log::read_each`] and [`LogReplay`]): the state of the
/// count and the problems of the replay, as [`replay_log`] gives them for
/// the same log read by [`countroom_log::read`], without holding the log's
/// entries (each is applied and dropped as it is read). The lines of the
/// entries the problems name are given with them.
///
/// # Errors
///
/// The log has problems reading it: every problem, as
/// [`countroom_log::read`] lists them.
pub fn replay_bytes(bytes: &[u8]) -> Result<StreamedReplay, Vec<ReadError>> {
    let mut replay: Option<LogReplay> = None;
    let mut lines = std::collections::BTreeMap::new();
    let tail = countroom_log::read_each(bytes, |header, read| {
        // An entry is handed over only after the header.
        let replay = replay.get_or_insert_with(|| LogReplay::new(header));
        let found = replay.problems.len();
        replay.apply_entry_with(&read.entry, || Some(read.head_before()));
        if replay.problems.len() > found || matches!(read.entry.event, Event::CheckpointSigned(_)) {
            lines.insert(read.entry.seq, read.line);
        }
    })?;
    let replay = replay.unwrap_or_else(|| LogReplay::new(&tail.header));
    let (state, problems) = replay.finish(&tail);
    Ok(StreamedReplay {
        state,
        problems,
        lines,
    })
}

/// What [`replay_reader`] gives.
#[derive(Debug)]
#[non_exhaustive]
pub struct StreamedReplay {
    /// The state of the count, with the log's [`Evidence`].
    pub state: CountState,
    /// The replay's problems, in entry order.
    pub problems: Vec<LogProblem>,
    /// The line of the file of each entry a problem names, by `seq`.
    pub lines: std::collections::BTreeMap<u64, u64>,
}

/// Why [`replay_reader`] gave no state.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// The input could not be read.
    #[error("reading the log: {0}")]
    Io(#[source] std::io::Error),
    /// The log has problems (every one, with its line).
    #[error("the log has {} problem(s) reading it", .0.len())]
    Read(Vec<ReadError>),
}

/// Checks a checkpoint against the file: its `through` and `head`, the key
/// its signer held before it, and the signature.
/// Checks a `checkpoint_signed` entry as the replay does (the log chained,
/// `through` the entry before it, `head` the chain head `head_before`, the
/// signature verified with the key appointed for its signer before it),
/// giving its signer: what a live count checks before it appends a
/// checkpoint it signed (`countroom_live::Count::sign_checkpoint`).
///
/// # Errors
///
/// The [`ProblemKind`] the replay would report for the entry.
pub fn check_checkpoint(
    header: &Header,
    head_before: Option<Sha256Digest>,
    authority: &Authority,
    entry: &Entry,
) -> Result<Signer, ProblemKind> {
    let Event::CheckpointSigned(c) = &entry.event else {
        return Err(ProblemKind::CheckpointUnchained {
            version: header.version,
        });
    };
    let election = match (&header.election, header.chained()) {
        (Some(election), true) => election,
        _ => {
            return Err(ProblemKind::CheckpointUnchained {
                version: header.version,
            })
        }
    };
    // Entries are numbered from 1 (checked when read); an entry numbered 0
    // (built in memory) covers nothing a checkpoint could sign.
    let Some(through) = entry.seq.checked_sub(1) else {
        return Err(ProblemKind::CheckpointThrough {
            through: c.through,
            expected: 0,
        });
    };
    if c.through != through {
        return Err(ProblemKind::CheckpointThrough {
            through: c.through,
            expected: through,
        });
    }
    let head = head_before.ok_or(ProblemKind::CheckpointUnchained {
        version: header.version,
    })?;
    if Sha256Digest::from_hex(&c.head) != Some(head) {
        return Err(ProblemKind::CheckpointHead {
            head: c.head.clone(),
            through,
            expected: head.to_hex(),
        });
    }
    let holder = authority.held_before(&entry.by, entry.seq);
    let (holder, key) = match holder.and_then(|h| h.public_key.as_ref().map(|k| (h, k))) {
        Some(found) => found,
        None => {
            return Err(ProblemKind::CheckpointNoKey {
                person: entry.by.clone(),
            })
        }
    };
    verify_checkpoint(key, election, through, &head, &c.signature).map_err(|source| {
        ProblemKind::CheckpointSignature {
            person: entry.by.clone(),
            appointed: holder.seq,
            source,
        }
    })?;
    Ok(Signer {
        seq: entry.seq,
        person: holder.person.clone(),
        name: holder.name.clone(),
        office: holder.role.title(),
    })
}

/// The maximal ranges signed and not: each valid checkpoint covers every
/// entry from 1 to its `through`, so the ranges end at each checkpoint's
/// `through`, signed by that checkpoint's signer. A range made only of
/// valid checkpoint entries (a checkpoint needs no signature of its own) is
/// joined to the range before it, with its signers.
fn coverage(last: Option<u64>, signed: &[Signer]) -> Vec<Coverage> {
    let Some(last) = last else {
        return Vec::new();
    };
    let is_valid_checkpoint = |seq: u64| signed.iter().any(|s| s.seq == seq);
    let mut out: Vec<Coverage> = Vec::new();
    let mut first = 1u64;
    let push = |out: &mut Vec<Coverage>, first: u64, end: u64, by: Vec<Signer>| {
        let only_checkpoints = (first..=end).all(is_valid_checkpoint);
        match out.last_mut() {
            Some(prev) if only_checkpoints && !prev.signed_by.is_empty() => {
                prev.last = end;
                prev.signed_by.extend(by);
            }
            _ => out.push(Coverage {
                first,
                last: end,
                signed_by: by,
            }),
        }
    };
    for s in signed {
        // A valid checkpoint's seq is at least 1 (`check_checkpoint`), so
        // `through` + 1 is its seq: neither overflows.
        let Some(through) = s.seq.checked_sub(1) else {
            continue;
        };
        if through < first {
            continue;
        }
        push(&mut out, first, through, vec![s.clone()]);
        first = s.seq;
    }
    if first <= last {
        let tail_signers = Vec::new();
        push(&mut out, first, last, tail_signers);
    }
    out
}
