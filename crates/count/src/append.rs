//! Extending a log through countroom: every new entry is checked against
//! the count it joins before a byte is written, and numbered and linked to
//! the chain by [`countroom_log::Appender`]. Also the header of a new log
//! and the upgrade of a version 1 log, so that every tool begins and
//! upgrades logs the same way.

use countroom_log::{
    read, Event, Header, LogFile, NewEntry, ReadError, ReadErrorKind, Sha256Digest, UpgradeError,
};

use crate::evidence::replay_log;
use crate::problem::LogProblem;

/// The version 2 header of a new log of `election`: this countroom's
/// version and the digest of its ruleset table.
#[must_use]
pub fn new_log_header(election: &str) -> Header {
    Header::v2(
        election,
        env!("CARGO_PKG_VERSION"),
        &countroom_rules::table_digest(),
    )
}

/// A log extended by [`append`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Appended {
    /// The whole log: the bytes given, unchanged, followed by the new lines
    /// (for a version 1 log without a final line feed, one is added first).
    pub bytes: Vec<u8>,
    /// The entries appended, as written (with `seq`, and `prev` when the
    /// log is chained).
    pub entries: Vec<countroom_log::Entry>,
    /// The chain head after the last new entry.
    pub head: Sha256Digest,
    /// Whether the log is hash-chained (version 2). A version 1 log is
    /// extended with version 1 lines.
    pub chained: bool,
    /// Problems with entries already in the log (they do not stop the
    /// append: a log is never rewritten, so the count goes on past them).
    pub existing_problems: Vec<LogProblem>,
}

/// What is wrong with one of the new entries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AppendProblem {
    /// Neither the entry nor the tool says who recorded it.
    #[error("no `by`: say who records the entry (in the entry, or with --by)")]
    NoBy,
    /// The entry, as it would be written, does not read (e.g. a control
    /// character in `by` given by the tool).
    #[error("{0}")]
    Read(ReadErrorKind),
    /// Replaying the entry after the log gives a problem.
    #[error("{0}")]
    Replay(LogProblem),
}

impl AppendProblem {
    /// Every stable code [`AppendProblem::code`] gives, in declaration order: the
    /// table "Stable codes" of docs/formats.md lists them.
    pub const CODES: &'static [&'static str] = &["no_by", "read", "replay"];

    /// The stable snake_case code of this kind of problem, for
    /// machine-readable output (`countroom_io::Problem::code`): written out
    /// here, never derived from the variant's name, so renaming a variant
    /// does not change it; listed in docs/formats.md, "Stable codes".
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            AppendProblem::NoBy => "no_by",
            AppendProblem::Read(..) => "read",
            AppendProblem::Replay(..) => "replay",
        }
    }
}

/// A problem with a new entry, with its place among the new entries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("new entry {} (would be entry {seq}): {problem}", index + 1)]
#[non_exhaustive]
pub struct NewEntryProblem {
    /// The 0-based position of the entry among those appended.
    pub index: usize,
    /// The `seq` it would have had.
    pub seq: u64,
    /// What is wrong.
    pub problem: AppendProblem,
}

/// Why nothing was appended.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AppendError {
    /// The log does not read: every problem, with its line.
    #[error("the count log could not be read: {}", join(.0))]
    Log(Vec<ReadError>),
    /// No entry was given.
    #[error("no entry to append")]
    Nothing,
    /// A new entry has a problem: nothing is appended.
    #[error("nothing was appended: {}", join(.problems))]
    Refused {
        /// Every problem of a new entry.
        problems: Vec<NewEntryProblem>,
        /// Problems with entries already in the log.
        existing: Vec<LogProblem>,
    },
}

impl AppendError {
    /// Every stable code [`AppendError::code`] gives, in declaration order: the
    /// table "Stable codes" of docs/formats.md lists them.
    pub const CODES: &'static [&'static str] = &["log", "nothing", "refused"];

    /// The stable snake_case code of this kind of problem, for
    /// machine-readable output (`countroom_io::Problem::code`): written out
    /// here, never derived from the variant's name, so renaming a variant
    /// does not change it; listed in docs/formats.md, "Stable codes".
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            AppendError::Log(..) => "log",
            AppendError::Nothing => "nothing",
            AppendError::Refused { .. } => "refused",
        }
    }
}

fn join<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Appends `new` to the log `log` (its bytes), all or nothing.
///
/// The log must read. The new entries are numbered after its last entry
/// and, in a version 2 log, linked to its chain head; the extended log is
/// read again and replayed (with the header's checks, [`replay_log`]), and
/// any problem with a new entry refuses the whole append. A version 1 log is
/// extended with version 1 lines (no chain): `upgrade_log` chains it.
pub fn append(log: &[u8], new: &[NewEntry]) -> Result<Appended, AppendError> {
    let file = read(log).map_err(AppendError::Log)?;
    if new.is_empty() {
        return Err(AppendError::Nothing);
    }
    let n_old = file.entries.len();
    // Positions in the log's entries and the new ones (Vec lengths): the
    // sum and its successor fit, and a usize fits a u64.
    let seq_of = |index: usize| (n_old + index + 1) as u64;
    let no_by: Vec<NewEntryProblem> = new
        .iter()
        .enumerate()
        .filter(|(_, e)| e.by.is_none())
        .map(|(index, _)| NewEntryProblem {
            index,
            seq: seq_of(index),
            problem: AppendProblem::NoBy,
        })
        .collect();
    if !no_by.is_empty() {
        let (_, existing) = replay_log(&file);
        return Err(AppendError::Refused {
            problems: no_by,
            existing,
        });
    }

    let mut bytes = log.to_vec();
    if !file.tamper_evident() && !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    let old_lines = u64::try_from(bytes.iter().filter(|&&b| b == b'\n').count()).unwrap_or(0);
    let mut appender = file.appender();
    let entries: Vec<countroom_log::Entry> = new
        .iter()
        .map(|e| {
            let by = e.by.clone().unwrap_or_default();
            appender.append_entry(&mut bytes, e.clone().into_entry(by))
        })
        .collect();

    let extended: LogFile = match read(&bytes) {
        Ok(extended) => extended,
        Err(errors) => {
            let (_, existing) = replay_log(&file);
            let mut problems = Vec::new();
            for e in errors {
                let Some(index) = e
                    .line
                    // A line count of the file in memory: its successor fits.
                    .checked_sub(old_lines + 1)
                    .and_then(|i| usize::try_from(i).ok())
                else {
                    // The log read cleanly alone: a problem on its own lines
                    // cannot come from the new ones.
                    return Err(AppendError::Log(vec![e]));
                };
                problems.push(NewEntryProblem {
                    index,
                    seq: seq_of(index),
                    problem: AppendProblem::Read(e.kind),
                });
            }
            return Err(AppendError::Refused { problems, existing });
        }
    };
    let (_, all) = replay_log(&extended);
    let n_old_seq = n_old as u64; // a Vec's length
    let (existing, added): (Vec<LogProblem>, Vec<LogProblem>) =
        all.into_iter().partition(|p| p.seq <= n_old_seq);
    if !added.is_empty() {
        let problems = added
            .into_iter()
            .map(|p| {
                // Partitioned above: p.seq > n_old_seq, so this is at least
                // 0, and it is a position among the new entries.
                let index = (p.seq - n_old_seq - 1) as usize;
                NewEntryProblem {
                    index,
                    seq: p.seq,
                    problem: AppendProblem::Replay(p),
                }
            })
            .collect();
        return Err(AppendError::Refused { problems, existing });
    }
    Ok(Appended {
        head: extended.head(),
        chained: extended.tamper_evident(),
        bytes,
        entries,
        existing_problems: existing,
    })
}

/// A version 1 log rewritten as version 2 by [`upgrade_log`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Upgraded {
    /// The version 2 log.
    pub bytes: Vec<u8>,
    /// Its header.
    pub header: Header,
    /// The SHA-256 of the version 1 file, recorded in the `log_upgraded`
    /// entry.
    pub source: Sha256Digest,
    /// The chain head of the version 2 log.
    pub head: Sha256Digest,
    /// How many entries the version 1 log had.
    pub entries: usize,
}

/// Why a log could not be upgraded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UpgradeLogError {
    /// The log does not read: every problem, with its line.
    #[error("the count log could not be read: {}", join(.0))]
    Log(Vec<ReadError>),
    /// The log is already chained, or the header is not version 2.
    #[error("{0}")]
    Upgrade(#[from] UpgradeError),
    /// A version 2 header names one election: the log defines none.
    #[error("the log defines no election (no `election_defined` entry): a version 2 header names the election the log records")]
    NoElection,
    /// A version 2 log records one election: the log defines several.
    #[error("the log defines {} elections ({}): a version 2 log records one election, so it cannot be upgraded as it is", .0.len(), .0.join(", "))]
    SeveralElections(Vec<String>),
    /// The `log_upgraded` entry would have a problem (e.g. an empty `by`,
    /// or one with a line break).
    #[error("the `log_upgraded` entry would have a problem: {0}")]
    Entry(String),
}

impl UpgradeLogError {
    /// Every stable code [`UpgradeLogError::code`] gives, in declaration order: the
    /// table "Stable codes" of docs/formats.md lists them.
    pub const CODES: &'static [&'static str] = &[
        "log",
        "upgrade",
        "no_election",
        "several_elections",
        "entry",
    ];

    /// The stable snake_case code of this kind of problem, for
    /// machine-readable output (`countroom_io::Problem::code`): written out
    /// here, never derived from the variant's name, so renaming a variant
    /// does not change it; listed in docs/formats.md, "Stable codes".
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            UpgradeLogError::Log(..) => "log",
            UpgradeLogError::Upgrade(..) => "upgrade",
            UpgradeLogError::NoElection => "no_election",
            UpgradeLogError::SeveralElections(..) => "several_elections",
            UpgradeLogError::Entry(..) => "entry",
        }
    }
}

/// Rewrites a version 1 log as version 2: a header for its one election
/// ([`new_log_header`]), the same entries chained, and a `log_upgraded`
/// entry recorded by `by` with the version 1 file's SHA-256.
pub fn upgrade_log(log: &[u8], by: &str, at: Option<&str>) -> Result<Upgraded, UpgradeLogError> {
    let file = read(log).map_err(UpgradeLogError::Log)?;
    if file.tamper_evident() {
        return Err(UpgradeError::AlreadyChained {
            found: file.header.version,
        }
        .into());
    }
    let mut elections: Vec<String> = Vec::new();
    for entry in &file.entries {
        if let Event::ElectionDefined(e) = &entry.event {
            if !elections.contains(&e.election) {
                elections.push(e.election.clone());
            }
        }
    }
    let election = match elections.as_slice() {
        [] => return Err(UpgradeLogError::NoElection),
        [one] => one.clone(),
        _ => return Err(UpgradeLogError::SeveralElections(elections)),
    };
    let header = new_log_header(&election);
    let source = Sha256Digest::of(log);
    let bytes =
        countroom_log::upgrade(&file, source, &header, by.to_owned(), at.map(str::to_owned))?;
    let upgraded = read(&bytes).map_err(|errors| UpgradeLogError::Entry(join(&errors)))?;
    let last = upgraded.entries.len() as u64; // a Vec's length
    let (_, problems) = replay_log(&upgraded);
    if let Some(p) = problems.iter().find(|p| p.seq == last) {
        return Err(UpgradeLogError::Entry(p.to_string()));
    }
    Ok(Upgraded {
        head: upgraded.head(),
        header,
        source,
        entries: file.entries.len(),
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::ProblemKind;
    use countroom_log::{write, CountCompleted, Entry, ResultDeclared};

    const TIE: &str = include_str!("../../../examples/data/two-seat-tie.jsonl");

    /// The two-seat tie log up to its first `n` entries, as version 2.
    fn tie_v2(n: usize) -> Vec<u8> {
        let log = read(TIE.as_bytes()).unwrap();
        write(&new_log_header("parish-2026"), &log.entries[..n])
    }

    /// The same, as version 1.
    fn tie_v1(n: usize) -> String {
        let log = read(TIE.as_bytes()).unwrap();
        String::from_utf8(write(&Header::v1(), &log.entries[..n])).unwrap()
    }

    fn completed() -> NewEntry {
        NewEntry::new(
            "Returning Officer (Jane Marsh)",
            Event::CountCompleted(CountCompleted::new("little-ormsby", 1)),
        )
    }

    #[test]
    fn the_header_of_a_new_log_names_this_countroom_and_its_rules() {
        let h = new_log_header("e-1");
        assert_eq!(h.version, 2);
        assert_eq!(h.election.as_deref(), Some("e-1"));
        assert_eq!(h.countroom.as_deref(), Some(env!("CARGO_PKG_VERSION")));
        assert_eq!(h.rules, Some(countroom_rules::table_digest()));
    }

    #[test]
    fn appends_to_the_chain_and_keeps_the_bytes_before() {
        let log = tie_v2(5);
        let out = append(&log, &[completed()]).unwrap();
        assert!(out.chained);
        assert_eq!(&out.bytes[..log.len()], &log[..]);
        // The same bytes as writing the six entries at once.
        assert_eq!(out.bytes, tie_v2(6));
        let read_back = read(&out.bytes).unwrap();
        assert_eq!(read_back.entries.len(), 6);
        assert_eq!(out.head, read_back.head());
        assert_eq!(out.entries[0].seq, 6);
        assert_eq!(
            out.entries[0].prev.as_deref(),
            Some(read(&log).unwrap().head().to_hex().as_str())
        );
        assert!(out.existing_problems.is_empty());
    }

    #[test]
    fn a_problem_on_any_new_entry_refuses_all_of_them() {
        let log = tie_v2(5);
        let declared = NewEntry::new(
            "RO",
            Event::ResultDeclared(ResultDeclared::new("little-ormsby", 1)),
        );
        // Declared before the count is completed: entry 7 of the two.
        let err = append(&log, &[completed(), declared.clone(), completed()]).unwrap_err();
        let AppendError::Refused { problems, existing } = err else {
            panic!("{err:?}")
        };
        assert!(existing.is_empty());
        // The second completion is a problem too (run 1 is completed).
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert_eq!((problems[0].index, problems[0].seq), (1, 7));
        assert_eq!((problems[1].index, problems[1].seq), (2, 8));
        let AppendProblem::Replay(p) = &problems[0].problem else {
            panic!("{problems:?}")
        };
        assert_eq!(p.event, "result_declared");
    }

    #[test]
    fn an_entry_needs_a_by_and_a_readable_one() {
        let log = tie_v2(5);
        let mut anon = completed();
        anon.by = None;
        let err = append(&log, &[completed(), anon]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "nothing was appended: new entry 2 (would be entry 7): no `by`: say who records the entry (in the entry, or with --by)"
        );
        let mut forged = completed();
        forged.by = Some("RO\nDECLARATION".into());
        let AppendError::Refused { problems, .. } = append(&log, &[forged]).unwrap_err() else {
            panic!()
        };
        assert!(matches!(
            problems[0].problem,
            AppendProblem::Read(ReadErrorKind::ControlCharacter { .. })
        ));
        let mut blank = completed();
        blank.by = Some("  ".into());
        let AppendError::Refused { problems, .. } = append(&log, &[blank]).unwrap_err() else {
            panic!()
        };
        assert!(matches!(
            &problems[0].problem,
            AppendProblem::Replay(LogProblem {
                kind: ProblemKind::NoActor,
                seq: 6,
                ..
            })
        ));
    }

    #[test]
    fn a_log_that_does_not_read_or_nothing_to_append_is_an_error() {
        let mut log = tie_v2(5);
        log.truncate(log.len() - 1);
        assert!(matches!(
            append(&log, &[completed()]),
            Err(AppendError::Log(_))
        ));
        assert_eq!(append(&tie_v2(5), &[]), Err(AppendError::Nothing));
    }

    #[test]
    fn problems_already_in_the_log_are_reported_but_do_not_stop_the_count() {
        let mut entries = read(TIE.as_bytes()).unwrap().entries;
        entries.truncate(5);
        // Entry 6: a completion for a contest nobody defined.
        entries.push(Entry::new(
            6,
            "RO",
            Event::CountCompleted(CountCompleted::new("nowhere", 1)),
        ));
        let log = write(&new_log_header("parish-2026"), &entries);
        let out = append(&log, &[completed()]).unwrap();
        assert_eq!(out.existing_problems.len(), 1);
        assert_eq!(out.existing_problems[0].seq, 6);
        assert_eq!(out.entries[0].seq, 7);
    }

    #[test]
    fn a_version_1_log_is_extended_with_version_1_lines() {
        let v1: String = tie_v1(5).lines().collect::<Vec<_>>().join("\r\n");
        // No final line end, CRLF: the bytes are kept, a line feed added.
        let out = append(v1.as_bytes(), &[completed()]).unwrap();
        assert!(!out.chained);
        let expected = format!(
            "{v1}\n{}\n",
            r#"{"seq":6,"by":"Returning Officer (Jane Marsh)","event":{"count_completed":{"contest":"little-ormsby","run":1}}}"#
        );
        assert_eq!(String::from_utf8(out.bytes).unwrap(), expected);
        assert_eq!(out.entries[0].prev, None);
    }

    #[test]
    fn upgrade_names_the_one_election_and_records_the_source() {
        let v1 = tie_v1(5);
        let up = upgrade_log(v1.as_bytes(), "Auditor", Some("2026-05-09")).unwrap();
        assert_eq!(up.header, new_log_header("parish-2026"));
        assert_eq!(up.entries, 5);
        assert_eq!(up.source, Sha256Digest::of(v1.as_bytes()));
        let log = read(&up.bytes).unwrap();
        assert_eq!(log.entries.len(), 6);
        assert_eq!(log.head(), up.head);
        let last = &log.entries[5];
        assert_eq!(
            (last.by.as_str(), last.at.as_deref()),
            ("Auditor", Some("2026-05-09"))
        );
        assert!(
            matches!(&last.event, Event::LogUpgraded(u) if u.entries == 5 && u.source_sha256 == up.source.to_hex())
        );
        assert_eq!(
            upgrade_log(&up.bytes, "Auditor", None),
            Err(UpgradeLogError::Upgrade(UpgradeError::AlreadyChained {
                found: 2
            }))
        );
    }

    #[test]
    fn upgrade_refuses_no_election_several_or_a_bad_by() {
        let none = "{\"schema\":\"countroom-count-log\",\"version\":1}\n";
        assert_eq!(
            upgrade_log(none.as_bytes(), "A", None),
            Err(UpgradeLogError::NoElection)
        );
        let v1 = tie_v1(1);
        let first = v1.lines().nth(1).unwrap();
        let second = first
            .replace("\"seq\":1", "\"seq\":2")
            .replace("parish-2026", "parish-2027");
        let two = format!("{none}{first}\n{second}\n");
        assert_eq!(
            upgrade_log(two.as_bytes(), "A", None).unwrap_err().to_string(),
            "the log defines 2 elections (parish-2026, parish-2027): a version 2 log records one election, so it cannot be upgraded as it is"
        );
        let one = format!("{none}{first}\n");
        assert!(matches!(
            upgrade_log(one.as_bytes(), "A\nB", None),
            Err(UpgradeLogError::Entry(_))
        ));
        assert!(matches!(
            upgrade_log(one.as_bytes(), " ", None),
            Err(UpgradeLogError::Entry(_))
        ));
    }
}
