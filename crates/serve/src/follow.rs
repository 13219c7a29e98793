//! Reading a count log that is still being written: only complete lines,
//! incrementally (each poll reads the bytes appended since the last and
//! replays only their entries), starting again when the file is truncated
//! or replaced by one that does not begin with the bytes already read.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Cursor, Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::Arc;

use countroom_count::{LogReplay, Report};
use countroom_io::Problem;
use countroom_log::{Event, LogReader, LogTail, ReadEntry};
use sha2::{Digest, Sha256};

/// One counting table's bundles in one run of a contest (the "count by
/// table" view), from the `bundle_counted` entries the replay accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableTally {
    /// Bundles counted at the table.
    pub bundles: u64,
    /// Votes per candidate id.
    pub votes: BTreeMap<String, u64>,
}

/// `(contest, run, table)`: a table's bundles (`table` empty: bundles
/// logged without one).
pub type Tables = BTreeMap<(String, u32, String), TableTally>;

/// What the screen shows: the documents as of the last entry that read
/// and replayed without a problem, and the problems found after it.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Bumped at every change of what is shown (the live pages and the
    /// event stream carry it).
    pub version: u64,
    /// The documents as of `entries` (`None`: the log's header could not
    /// be read, so there is nothing to show).
    pub report: Option<Report>,
    /// The entries the documents are made from.
    pub entries: u64,
    /// The chain head after entry `entries` (hex).
    pub head: String,
    /// The count by table, as of `entries`.
    pub tables: Tables,
    /// The problems that stopped the reading: non-empty means the log has
    /// a problem after entry `entries` and what is shown is as of it.
    pub problems: Vec<Problem>,
}

/// A growing log file being followed.
#[derive(Debug)]
pub(crate) struct Follower {
    path: PathBuf,
    /// The path as the user named it, for problems.
    name: String,
    /// Device and inode of the file read (unix), to notice a replaced
    /// file.
    id: Option<(u64, u64)>,
    /// Bytes read and handed to the reader: complete lines only.
    consumed: u64,
    /// Bytes after `consumed` already read: a partial last line.
    partial: Vec<u8>,
    /// The SHA-256 of the first `consumed` bytes, to tell a file replaced
    /// by a longer copy (as `countroom append` does) from another log.
    prefix: Sha256,
    reader: LogReader<Cursor<Vec<u8>>>,
    /// The reader has read at least once (a second input is handed over
    /// with `follow`).
    started: bool,
    replay: Option<LogReplay>,
    /// The tail as of the last entry accepted.
    tail: Option<LogTail>,
    tables: Tables,
    /// Reading stopped at a problem (or the file could not be read).
    problems: Vec<Problem>,
    /// An I/O problem (the file vanished or could not be read): cleared
    /// once it reads again.
    io_problem: Option<Problem>,
    pub(crate) snapshot: Arc<Snapshot>,
}

impl Follower {
    pub(crate) fn new(path: PathBuf, name: String) -> Follower {
        Follower {
            path,
            name,
            id: None,
            consumed: 0,
            partial: Vec::new(),
            prefix: Sha256::new(),
            reader: LogReader::new(Cursor::new(Vec::new())),
            started: false,
            replay: None,
            tail: None,
            tables: Tables::new(),
            problems: Vec::new(),
            io_problem: None,
            snapshot: Arc::new(Snapshot::default()),
        }
    }

    fn reset(&mut self) {
        let snapshot = Arc::clone(&self.snapshot);
        *self = Follower::new(self.path.clone(), self.name.clone());
        self.snapshot = snapshot;
    }

    /// Reads what was appended since the last poll; returns whether what
    /// is shown changed (then `snapshot` is new and its version bumped).
    pub(crate) fn poll(&mut self) -> bool {
        match self.poll_file() {
            Ok(changed) => {
                let had = self.io_problem.take().is_some();
                if changed || had {
                    self.publish();
                    return true;
                }
                false
            }
            Err(e) => {
                let p = self.io(&e);
                let same = self.io_problem.as_ref() == Some(&p);
                self.io_problem = Some(p);
                if !same {
                    self.publish();
                }
                !same
            }
        }
    }

    fn io(&self, e: &std::io::Error) -> Problem {
        Problem::new(
            self.name.as_str(),
            "log_unreadable",
            format!("the count log could not be read: {e}"),
        )
    }

    /// Reads the file's new bytes; `Ok(true)` if entries were read or the
    /// file started again.
    fn poll_file(&mut self) -> std::io::Result<bool> {
        let meta = std::fs::metadata(&self.path)?;
        let id = file_id(&meta);
        let len = meta.len();
        let known = self.read_to()?;
        let mut restarted = false;
        if len < known {
            // Truncated: start again.
            self.reset();
            restarted = true;
        } else if id != self.id && self.id.is_some() {
            // Replaced: the same log grown (its first bytes the ones read), or
            // another one.
            if !self.same_prefix()? {
                self.reset();
                restarted = true;
            }
        } else if len == known {
            return Ok(false);
        }
        let mut file = File::open(&self.path)?;
        let meta = file.metadata()?;
        self.id = file_id(&meta);
        let from = self.read_to()?;
        file.seek(SeekFrom::Start(from))?;
        let mut more = Vec::new();
        file.read_to_end(&mut more)?;
        if more.is_empty() {
            return Ok(restarted);
        }
        self.partial.extend_from_slice(&more);
        let Some(end) = self.partial.iter().rposition(|&b| b == b'\n') else {
            // Only part of a line: it waits for its line feed.
            return Ok(restarted);
        };
        let rest = self.partial.split_off(end + 1);
        let lines = std::mem::replace(&mut self.partial, rest);
        self.prefix.update(&lines);
        self.consumed = offset(self.consumed, lines.len())?;
        // After a problem nothing more is read: the screen stays as of the
        // last good entry until the file starts again.
        let reading = self.problems.is_empty();
        if reading {
            self.read_lines(lines);
        }
        Ok(reading || restarted)
    }

    /// The bytes of the file read so far (complete lines and the partial
    /// one after them).
    fn read_to(&self) -> std::io::Result<u64> {
        offset(self.consumed, self.partial.len())
    }

    /// Whether the file now at the path begins with the bytes read so far.
    fn same_prefix(&self) -> std::io::Result<bool> {
        let file = File::open(&self.path)?;
        let mut hasher = Sha256::new();
        let mut limited = file.take(self.consumed);
        let copied = std::io::copy(&mut limited, &mut hasher)?;
        Ok(copied == self.consumed && hasher.finalize() == self.prefix.clone().finalize())
    }

    /// Reads and replays complete lines.
    fn read_lines(&mut self, lines: Vec<u8>) {
        if self.started {
            if !self.reader.follow(Cursor::new(lines)) {
                // Cannot happen: only complete lines are handed over.
                self.problems.push(Problem::new(
                    self.name.as_str(),
                    "log_unreadable",
                    "the count log could not be read on from where it was",
                ));
                return;
            }
        } else {
            self.reader = LogReader::new(Cursor::new(lines));
            self.started = true;
        }
        let before = (self.replay.clone(), self.tail.clone(), self.tables.clone());
        let mut batch: Vec<ReadEntry> = Vec::new();
        let mut stopped = None;
        loop {
            let read = match self.reader.next_entry() {
                Ok(read) => read,
                Err(e) => {
                    self.problems.push(self.io(&e));
                    break;
                }
            };
            if self.reader.has_problems() {
                // A line that does not read: what was read before it stands.
                self.problems.extend(
                    self.reader
                        .problems()
                        .iter()
                        .map(|e| countroom_io::problem::from_log_read(&self.name, e)),
                );
                break;
            }
            let Some(read) = read else {
                break;
            };
            if self.replay.is_none() {
                self.replay = self.reader.header().map(LogReplay::new);
                // The tail before this first entry.
                self.tail = self.reader.tail().map(|mut t| {
                    t.entries = 0;
                    t.head = t.header_digest;
                    t
                });
            }
            let Some(replay) = self.replay.as_mut() else {
                break;
            };
            let found = replay.problems().len();
            replay.apply(&read);
            if replay.problems().len() > found {
                stopped = Some(read.entry.seq);
                let line = read.line;
                self.problems.extend(
                    replay.problems()[found..]
                        .iter()
                        .map(|p| countroom_io::problem::from_replay(&self.name, p).at_line(line)),
                );
                break;
            }
            if let Err(message) = self.accept(&read) {
                stopped = Some(read.entry.seq);
                self.problems.push(
                    Problem::new(self.name.as_str(), "total_overflow", message)
                        .at_entry(read.entry.seq)
                        .at_line(read.line),
                );
                break;
            }
            batch.push(read);
        }
        if self.replay.is_none() && self.problems.is_empty() {
            // A header and no entries yet.
            self.replay = self.reader.header().map(LogReplay::new);
            self.tail = self.reader.tail();
        }
        // The checks made once every entry is in (signed checkpoints).
        if let (Some(replay), Some(tail)) = (&self.replay, &self.tail) {
            if stopped.is_none() {
                let (_, found) = replay.clone().finish(tail);
                if let Some(first) = found.first() {
                    stopped = Some(first.seq);
                    self.problems.extend(found.iter().map(|p| {
                        let problem = countroom_io::problem::from_replay(&self.name, p);
                        match batch.iter().find(|r| r.entry.seq == p.seq) {
                            Some(r) => problem.at_line(r.line),
                            None => problem,
                        }
                    }));
                }
            }
        }
        if let Some(seq) = stopped {
            // Back to the count before the entry with the problem.
            (self.replay, self.tail, self.tables) = before;
            for read in batch.iter().filter(|r| r.entry.seq < seq) {
                if let Some(replay) = self.replay.as_mut() {
                    replay.apply(read);
                }
                // Accepted before, from the same state: it cannot fail now.
                if self.accept(read).is_err() {
                    break;
                }
            }
        }
    }

    /// Counts an accepted entry into the tail and the tables; a total that
    /// would pass the largest count is refused, naming it.
    fn accept(&mut self, read: &ReadEntry) -> Result<(), String> {
        if let Some(tail) = self.tail.as_mut() {
            tail.entries = tail
                .entries
                .checked_add(1)
                .ok_or("the log has more entries than the largest count")?;
            tail.head = read.digest;
        }
        if let Event::BundleCounted(b) = &read.entry.event {
            let t = self
                .tables
                .entry((
                    b.contest.clone(),
                    b.run,
                    b.table.clone().unwrap_or_default(),
                ))
                .or_default();
            t.bundles = t.bundles.checked_add(1).ok_or_else(|| {
                format!(
                    "table {:?}: the bundles counted pass the largest count",
                    b.table
                )
            })?;
            for v in &b.votes {
                let votes = t.votes.entry(v.candidate.clone()).or_default();
                // The replay accepted the bundle, so the run's tally (which
                // holds these votes) did not overflow: nor can a table's.
                *votes = votes.checked_add(v.votes).ok_or_else(|| {
                    format!(
                        "table {:?}: {}'s votes {} + {} pass the largest count",
                        b.table, v.candidate, votes, v.votes
                    )
                })?;
            }
        }
        Ok(())
    }

    /// Makes the snapshot of what is read so far.
    fn publish(&mut self) {
        let mut problems = self.problems.clone();
        if let Some(p) = &self.io_problem {
            problems.push(p.clone());
        }
        let (report, entries, head) = match (&self.replay, &self.tail) {
            (Some(replay), Some(tail)) => {
                let (state, _) = replay.clone().finish(tail);
                (
                    Some(countroom_count::report(&state)),
                    tail.entries,
                    tail.head.to_hex(),
                )
            }
            _ => (None, 0, String::new()),
        };
        self.snapshot = Arc::new(Snapshot {
            // A change counter, not a figure: 2^64 changes do not happen.
            version: self.snapshot.version.wrapping_add(1),
            report,
            entries,
            head,
            tables: self.tables.clone(),
            problems,
        });
    }
}

/// `at` bytes and `len` more.
fn offset(at: u64, len: usize) -> std::io::Result<u64> {
    u64::try_from(len)
        .ok()
        .and_then(|len| at.checked_add(len))
        .ok_or_else(|| std::io::Error::other("the log is longer than a file offset can say"))
}

#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    //! Each snapshot is checked against an independent full replay of the
    //! same complete lines (`countroom_log::read`, `replay_log`, `report`:
    //! what `countroom count` does with the file as it then stood).

    use super::*;
    use countroom_count::replay_log;
    use proptest::prelude::*;
    use std::io::Write as _;

    fn example(name: &str) -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../examples/data")
                .join(name),
        )
        .unwrap()
    }

    /// The report of a whole log, which must replay without a problem.
    fn report_of(bytes: &[u8]) -> Report {
        let file = countroom_log::read(bytes).unwrap();
        let (state, problems) = replay_log(&file);
        assert!(problems.is_empty(), "{problems:?}");
        countroom_count::report(&state)
    }

    /// The first `n` lines of `bytes`, with their line feeds.
    fn lines(bytes: &[u8], n: usize) -> &[u8] {
        let end = bytes
            .iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .nth(n - 1)
            .map_or(bytes.len(), |(i, _)| i + 1);
        &bytes[..end]
    }

    struct Fixture {
        _dir: tempfile::TempDir,
        path: PathBuf,
        follower: Follower,
    }

    impl Fixture {
        fn new(initial: &[u8]) -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("log.jsonl");
            std::fs::write(&path, initial).unwrap();
            let follower = Follower::new(path.clone(), "log.jsonl".into());
            Fixture {
                _dir: dir,
                path,
                follower,
            }
        }

        fn append(&mut self, bytes: &[u8]) {
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&self.path)
                .unwrap();
            f.write_all(bytes).unwrap();
        }

        fn poll(&mut self) -> Arc<Snapshot> {
            self.follower.poll();
            Arc::clone(&self.follower.snapshot)
        }
    }

    #[test]
    fn each_appended_line_is_shown_as_a_full_replay_of_the_log_then_shows_it_and_half_a_line_never()
    {
        let log = example("abbey-ward.jsonl");
        let total = log.iter().filter(|&&b| b == b'\n').count();
        let mut fx = Fixture::new(lines(&log, 10));
        let first = fx.poll();
        assert_eq!(first.entries, 9);
        assert_eq!(first.report.as_ref(), Some(&report_of(lines(&log, 10))));
        for n in 11..=total {
            let line = &lines(&log, n)[lines(&log, n - 1).len()..];
            let (a, b) = line.split_at(line.len() / 2);
            let before = fx.poll();
            fx.append(a);
            let half = fx.poll();
            // Half a line: nothing new is shown.
            assert_eq!(half.version, before.version, "line {n}");
            assert_eq!(half.entries, (n - 2) as u64);
            fx.append(b);
            let whole = fx.poll();
            assert!(whole.problems.is_empty(), "{:?}", whole.problems);
            assert_eq!(whole.entries, (n - 1) as u64);
            assert_eq!(
                whole.report.as_ref(),
                Some(&report_of(lines(&log, n))),
                "line {n}"
            );
        }
        // The chain head shown is the log's, as `countroom count` states it.
        let whole = fx.poll();
        let evidence = whole.report.as_ref().unwrap().evidence.clone().unwrap();
        assert_eq!(whole.head, evidence.chain_head);
        assert!(evidence.coverage.iter().any(|c| !c.signed_by.is_empty()));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        /// However the writes split the bytes, each poll shows the log's
        /// complete lines as a full replay of them does.
        #[test]
        fn any_split_of_the_writes_shows_the_complete_lines(cuts in proptest::collection::vec(0usize..30_000, 1..8)) {
            let log = example("two-seat-tie.jsonl");
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (log.len() + 1)).collect();
            cuts.push(log.len());
            cuts.sort_unstable();
            let mut fx = Fixture::new(b"");
            let mut written = 0;
            for cut in cuts {
                fx.append(&log[written..cut]);
                written = cut;
                let snap = fx.poll();
                let complete = log[..written].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                prop_assert!(snap.problems.is_empty());
                if complete == 0 {
                    prop_assert!(snap.report.is_none());
                } else {
                    let expected = report_of(&log[..complete]);
                    prop_assert_eq!(snap.report.as_ref(), Some(&expected));
                    let n = log[..complete].iter().filter(|&&b| b == b'\n').count();
                    prop_assert_eq!(snap.entries, (n - 1) as u64);
                }
            }
        }
    }

    #[test]
    fn a_malformed_line_stops_the_screen_at_the_entry_before_it() {
        let log = example("abbey-ward.jsonl");
        let mut fx = Fixture::new(lines(&log, 80));
        fx.poll();
        fx.append(b"{\"seq\":80,\"prev\":\n");
        fx.append(&lines(&log, 82)[lines(&log, 80).len()..]);
        let snap = fx.poll();
        assert_eq!(snap.entries, 79);
        assert_eq!(snap.report.as_ref(), Some(&report_of(lines(&log, 80))));
        assert!(!snap.problems.is_empty());
        assert_eq!(snap.problems[0].line, Some(81));
        assert!(snap.problems[0].to_string().starts_with("log.jsonl:81: "));
        // Later lines are not read: the screen stays as of entry 79.
        fx.append(&lines(&log, 90)[lines(&log, 82).len()..]);
        let later = fx.poll();
        assert_eq!(later.entries, 79);
        assert_eq!(later.version, snap.version);
    }

    #[test]
    fn an_entry_the_replay_refuses_stops_the_screen_before_it() {
        let log = example("abbey-ward.jsonl");
        // Entry 71 is the first bundle; a second copy of it is a bundle
        // counted twice in the run, refused by the replay.
        let prefix = lines(&log, 72);
        let file = countroom_log::read(prefix).unwrap();
        let bundle = file.entries[70].clone();
        assert!(matches!(bundle.event, Event::BundleCounted(_)));
        let mut appender = file.appender();
        let mut again = Vec::new();
        appender.append_entry(&mut again, bundle);
        let mut fx = Fixture::new(prefix);
        fx.poll();
        fx.append(&again);
        let snap = fx.poll();
        assert_eq!(snap.entries, 71);
        assert_eq!(snap.report.as_ref(), Some(&report_of(prefix)));
        assert_eq!(snap.problems.len(), 1, "{:?}", snap.problems);
        assert_eq!(snap.problems[0].entry, Some(72));
        assert_eq!(snap.problems[0].line, Some(73));
        // The table tally does not count the refused bundle.
        let t1 = &snap.tables[&("abbey".to_owned(), 1, "T1".to_owned())];
        assert_eq!(t1.bundles, 1);
    }

    #[test]
    fn a_checkpoint_whose_signature_fails_stops_the_screen_before_it() {
        let log = example("abbey-ward.jsonl");
        // Line 71 is entry 70, the Returning Officer's checkpoint at the end
        // of verification; one figure of its signature changed.
        let prefix = lines(&log, 70);
        let line = std::str::from_utf8(&lines(&log, 71)[prefix.len()..]).unwrap();
        let at = line.find("\"signature\":\"").unwrap() + 13;
        let flipped = if &line[at..=at] == "0" { "1" } else { "0" };
        let bad = format!("{}{}{}", &line[..at], flipped, &line[at + 1..]);
        let mut fx = Fixture::new(prefix);
        fx.poll();
        fx.append(bad.as_bytes());
        let snap = fx.poll();
        assert_eq!(snap.entries, 69);
        assert_eq!(snap.report.as_ref(), Some(&report_of(prefix)));
        assert_eq!(snap.problems.len(), 1, "{:?}", snap.problems);
        assert_eq!(snap.problems[0].entry, Some(70));
        assert_eq!(snap.problems[0].line, Some(71));
    }

    #[test]
    fn a_truncated_or_replaced_log_is_read_again_from_its_start() {
        let log = example("abbey-ward.jsonl");
        let mut fx = Fixture::new(&log);
        assert_eq!(fx.poll().entries, 114);
        std::fs::write(&fx.path, lines(&log, 10)).unwrap();
        let snap = fx.poll();
        assert_eq!(snap.entries, 9);
        assert_eq!(snap.report.as_ref(), Some(&report_of(lines(&log, 10))));
        // Replaced (renamed over, as `countroom append` writes) by the
        // same log grown: read on.
        let grown = fx.path.with_extension("new");
        std::fs::write(&grown, lines(&log, 16)).unwrap();
        std::fs::rename(&grown, &fx.path).unwrap();
        let snap = fx.poll();
        assert_eq!(snap.entries, 15);
        assert_eq!(snap.report.as_ref(), Some(&report_of(lines(&log, 16))));
        // Replaced by another log, longer than the one read: read it all.
        let other = example("exampletown-mayor.jsonl");
        assert!(other.len() > lines(&log, 16).len());
        std::fs::write(&grown, &other).unwrap();
        std::fs::rename(&grown, &fx.path).unwrap();
        let snap = fx.poll();
        assert_eq!(snap.report.as_ref(), Some(&report_of(&other)));
        assert!(snap.problems.is_empty());
    }

    #[test]
    fn a_log_that_vanishes_is_a_problem_and_comes_back_when_it_does() {
        let log = example("two-seat-tie.jsonl");
        let mut fx = Fixture::new(&log);
        let good = fx.poll();
        std::fs::remove_file(&fx.path).unwrap();
        let gone = fx.poll();
        assert_eq!(gone.problems.len(), 1);
        assert_eq!(gone.problems[0].code, "log_unreadable");
        assert_eq!(gone.report, good.report);
        std::fs::write(&fx.path, &log).unwrap();
        let back = fx.poll();
        assert!(back.problems.is_empty());
        assert_eq!(back.report, good.report);
    }
}
