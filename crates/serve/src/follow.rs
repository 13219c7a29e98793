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
            "io",
            format!("the count log could not be read: {e}"),
        )
    }

    /// Reads the file's new bytes; `Ok(true)` if entries were read or the
    /// file started again.
    fn poll_file(&mut self) -> std::io::Result<bool> {
        let meta = std::fs::metadata(&self.path)?;
        let id = file_id(&meta);
        let len = meta.len();
        let known = self.consumed.saturating_add(self.partial.len() as u64); // a Vec's length
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
        let from = self.consumed.saturating_add(self.partial.len() as u64); // a Vec's length
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
        self.consumed = self.consumed.saturating_add(lines.len() as u64); // a Vec's length
                                                                          // After a problem nothing more is read: the screen stays as of the
                                                                          // last good entry until the file starts again.
        let reading = self.problems.is_empty();
        if reading {
            self.read_lines(lines);
        }
        Ok(reading || restarted)
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
                    "io",
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
            self.accept(&read);
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
                self.accept(read);
            }
        }
    }

    /// Counts an accepted entry into the tail and the tables.
    fn accept(&mut self, read: &ReadEntry) {
        if let Some(tail) = self.tail.as_mut() {
            tail.entries = tail.entries.saturating_add(1);
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
            t.bundles = t.bundles.saturating_add(1);
            for v in &b.votes {
                let votes = t.votes.entry(v.candidate.clone()).or_default();
                // The replay accepted the bundle, so the run's tally (which
                // holds these votes) did not overflow: neither can this.
                *votes = votes.saturating_add(v.votes);
            }
        }
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
            version: self.snapshot.version.saturating_add(1),
            report,
            entries,
            head,
            tables: self.tables.clone(),
            problems,
        });
    }
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
