//! The safe surface the bindings share: bytes in, JSON bytes out.
//!
//! Every function here returns either the document (JSON bytes, exactly
//! what the CLI prints for the same input) or an [`Error`]: its
//! [`ErrorKind`] and every problem in the one problem shape
//! ([`countroom::io::Problem`]). The C ABI ([`crate::c`]) and the Python
//! package (`bindings/python`) are thin layers over it, so both behave the
//! same.

use std::path::Path;

use countroom::io::problem::{code_of, from_log_read, from_replay, FileKind};
use countroom::io::Problem;
use countroom::log::NewEntry;
use countroom::stv::blt::{self, BltLimits};
use countroom::stv::{BltProblem, LotSource, StvRules};

/// countroom's version (the library the bindings are built from).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The name given as `file` in the problems of log bytes.
pub const LOG_NAME: &str = "<log>";
/// The name given as `file` in the problems of entry bytes.
pub const ENTRY_NAME: &str = "<entry>";
/// The name given as `file` in the problems of BLT bytes.
pub const BLT_NAME: &str = "<blt>";

/// What kind of failure an [`Error`] is. The C ABI returns it as
/// `CountroomStatus`; the Python package raises one exception class for
/// each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The call was wrong: a null pointer, an empty input, a C string that
    /// is not UTF-8, unknown STV rules, a handle or buffer that countroom
    /// did not give (or already took back).
    InvalidArgument,
    /// The input has problems: a log that does not read or replay, an
    /// entry that is not a JSON entry, a BLT file with problems or that
    /// cannot be counted.
    Input,
    /// The new entry was refused by the count (the log replayed with it
    /// has a problem): nothing was appended, the count is unchanged.
    Rejected,
    /// The contest asked for is not in the log.
    NotFound,
    /// A file could not be read.
    Io,
    /// countroom failed inside (a panic caught at the boundary): a bug,
    /// to be reported.
    Internal,
}

/// Why a call gave no document: its kind and every problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// Every problem, in the one problem shape (file, line, entry, field,
    /// code, message).
    pub problems: Vec<Problem>,
}

impl Error {
    /// An error with one problem.
    #[must_use]
    pub fn one(kind: ErrorKind, file: &str, code: &str, message: impl Into<String>) -> Self {
        Error {
            kind,
            problems: vec![Problem::new(file, code, message)],
        }
    }

    fn many(kind: ErrorKind, problems: Vec<Problem>) -> Self {
        Error {
            kind,
            problems: countroom::io::problem::capped(problems),
        }
    }

    /// The problems as a JSON list, exactly as `countroom … --format json`
    /// prints them (pretty printed, ending in a line feed).
    #[must_use]
    pub fn problems_json(&self) -> Vec<u8> {
        match countroom::io::problem::problems_json(&self.problems) {
            Ok(bytes) => bytes,
            // serde_json does not fail on these types; should it ever,
            // say so in the same shape rather than return nothing.
            Err(e) => {
                let value = serde_json::json!([{
                    "file": "",
                    "line": null,
                    "entry": null,
                    "field": null,
                    "code": "internal",
                    "message": format!("the problems could not be written as JSON: {e}"),
                }]);
                let mut out = value.to_string().into_bytes();
                out.push(b'\n');
                out
            }
        }
    }
}

/// Replays a count log (its bytes) and returns the report of every contest
/// as JSON: the same bytes as `countroom count LOG --format json`.
///
/// # Errors
///
/// [`ErrorKind::InvalidArgument`] for empty bytes; [`ErrorKind::Input`]
/// with every problem when the log does not read or an entry does not
/// replay.
pub fn replay(log: &[u8]) -> Result<Vec<u8>, Error> {
    if log.is_empty() {
        return Err(empty_log());
    }
    Ok(countroom::io::render::report_json(&report_of(log)?))
}

fn empty_log() -> Error {
    Error::one(
        ErrorKind::InvalidArgument,
        LOG_NAME,
        "empty_input",
        "the count log is empty: give its bytes, header line first",
    )
}

/// The report of `log` ([`countroom::report_from_log`]), its problems in
/// the one shape.
fn report_of(log: &[u8]) -> Result<countroom::count::Report, Error> {
    countroom::report_from_log(log).map_err(|e| match e {
        countroom::Error::Read(errors) => Error::many(
            ErrorKind::Input,
            errors.iter().map(|e| from_log_read(LOG_NAME, e)).collect(),
        ),
        countroom::Error::Replay(problems) => Error::many(
            ErrorKind::Input,
            problems.iter().map(|p| from_replay(LOG_NAME, p)).collect(),
        ),
        other => Error::one(
            ErrorKind::Input,
            LOG_NAME,
            // A kind of error added to the facade after these bindings.
            "report_failed",
            other.to_string(),
        ),
    })
}

/// A count opened from the bytes of its log: append entries to it, get
/// its documents.
///
/// The log is replayed once, when it is opened; from then on the count is
/// the library's typed live count ([`countroom::live::Count`]): an entry
/// appended is checked against the state and applied to it, and the
/// documents are projected from the state, so an append costs the entry,
/// not the log. The one exception is a `checkpoint_signed` entry (a
/// signature over the file), which goes through [`countroom::append`]
/// over the log held, and the count is opened again from the result.
#[derive(Debug, Clone)]
pub struct Count {
    live: countroom::live::Count,
    log: Vec<u8>,
}

/// The last line of a log cut short (by a crash while it was written),
/// left out by [`Count::open_truncating_torn_tail`]: as JSON,
/// `{"line":…,"offset":…,"len":…,"problems":[…]}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TornTail {
    /// The 1-based line of the file it is on.
    pub line: u64,
    /// Where it begins: the length of the log kept (truncate the file to
    /// this many bytes before writing to it).
    pub offset: usize,
    /// Its length in bytes (the bytes are the file's after `offset`).
    pub len: usize,
    /// What the log's reader says of it.
    pub problems: Vec<Problem>,
}

impl TornTail {
    /// `{"torn_tail": …}` (null when nothing was left out), pretty printed
    /// and ending in a line feed: what the C ABI and Python give on
    /// opening.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Internal`] should serde_json fail to write it.
    pub fn report_json(torn: Option<&TornTail>) -> Result<Vec<u8>, Error> {
        let torn = torn.map(|t| {
            serde_json::json!({
                "line": t.line,
                "offset": t.offset,
                "len": t.len,
                "problems": t.problems,
            })
        });
        let mut out = serde_json::to_vec_pretty(&serde_json::json!({ "torn_tail": torn }))
            .map_err(|e| Error::one(ErrorKind::Internal, "", "internal", e.to_string()))?;
        out.push(b'\n');
        Ok(out)
    }
}

/// The public key of a checkpoint signing key, as the `public_key` of the
/// signer's `officer_appointed` entry takes it: `secret` is the secret,
/// 64 lower-case hex digits (as `countroom keygen` writes it, a final line
/// feed allowed; or 32 bytes from the embedder's own random source, in
/// hex), the result 64 lower-case hex digits (Ed25519, RFC 8032). countroom
/// draws no random numbers here and keeps no copy of the secret.
///
/// # Errors
///
/// [`ErrorKind::Input`] for a secret that is not 64 lower-case hex digits
/// (`not_a_key`).
pub fn public_key(secret: &str) -> Result<Vec<u8>, Error> {
    let text = secret
        .strip_suffix('\n')
        .unwrap_or(secret)
        .trim_end_matches('\r');
    let key = countroom::log::checkpoint::CheckpointKey::from_hex(text).ok_or_else(|| {
        Error::one(
            ErrorKind::Input,
            crate::typed::COMMAND_NAME,
            "not_a_key",
            "not a secret key (64 lower-case hex digits, as `countroom keygen` writes)",
        )
    })?;
    Ok(key.public_hex().into_bytes())
}

/// The bytes of a new count log (version 2, hash-chained): its header,
/// naming this countroom's version and the digest of its ruleset table,
/// then the `election_defined` entry for `election` (an identifier),
/// named `name`, polled on `poll_date` (`YYYY-MM-DD`), recorded as `note`
/// says. Open it with [`Count::open`] and go on with the contests'
/// definitions and appointments, typed or as JSON entries. The same bytes
/// as the header [`countroom::new_log_header`] gives followed by the JSON
/// entry `{"by":…,"at":…,"reason":…,"event":{"election_defined":{…}}}`
/// appended.
///
/// # Errors
///
/// [`ErrorKind::Input`] with every problem: an election id that is not an
/// identifier (`bad_id`, field `election`), a poll date that is not
/// `YYYY-MM-DD` (`bad_date`, field `poll_date`), an empty name (`empty`,
/// field `name`), an `at` that is not RFC 3339 or a `by` the entry does
/// not take (the codes the JSON entry would get).
pub fn new_log(
    note: &crate::typed::Note<'_>,
    election: &str,
    name: &str,
    poll_date: &str,
) -> Result<Vec<u8>, Error> {
    use crate::typed::COMMAND_NAME;
    let mut problems = Vec::new();
    if countroom::model::ElectionId::new(election).is_err() {
        problems.push(
            Problem::new(
                COMMAND_NAME,
                "bad_id",
                format!("{election:?} is not an identifier (letters, digits, '-', '_', '.', ':')"),
            )
            .in_field(Some("election")),
        );
    }
    let date_format = time::macros::format_description!("[year]-[month]-[day]");
    if time::Date::parse(poll_date, date_format).is_err() {
        problems.push(
            Problem::new(
                COMMAND_NAME,
                "bad_date",
                format!("{poll_date:?} is not a date written YYYY-MM-DD"),
            )
            .in_field(Some("poll_date")),
        );
    }
    if name.trim().is_empty() {
        problems.push(
            Problem::new(COMMAND_NAME, "empty", "the election's name is empty")
                .in_field(Some("name")),
        );
    }
    if !problems.is_empty() {
        return Err(Error::many(ErrorKind::Input, problems));
    }
    let header = countroom::count::new_log_header(election);
    let mut count = Count::open(&countroom::log::write(&header, &[]))?;
    let entry = serde_json::json!({
        "by": note.by,
        "at": note.at,
        "reason": note.reason,
        "event": {"election_defined": {"election": election, "name": name, "poll_date": poll_date}},
    });
    let entry = serde_json::to_vec(&entry)
        .map_err(|e| Error::one(ErrorKind::Internal, COMMAND_NAME, "internal", e.to_string()))?;
    count.append(&entry)?;
    Ok(count.log().to_vec())
}

impl Count {
    /// Opens a count from its log: the log must read and replay without a
    /// problem.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidArgument`] for empty bytes, [`ErrorKind::Input`]
    /// with every problem of the log.
    pub fn open(log: &[u8]) -> Result<Count, Error> {
        if log.is_empty() {
            return Err(empty_log());
        }
        Ok(Count {
            live: open_live(log)?,
            log: log.to_vec(),
        })
    }

    /// Opens a count from its log as [`Count::open`] does, except that a
    /// last line cut short (no line feed after it, as a crash while
    /// writing leaves it), when it is the log's only problem, is left out
    /// and described ([`TornTail`]); the count goes on from the last
    /// complete line, and [`Count::log`] is the log without it. Truncate
    /// the file to [`TornTail::offset`] bytes before writing to it. A
    /// complete line is never left out (`countroom::live::Count::open_truncating_torn_tail`).
    ///
    /// # Errors
    ///
    /// As [`Count::open`], for every problem other than a torn last line.
    pub fn open_truncating_torn_tail(log: &[u8]) -> Result<(Count, Option<TornTail>), Error> {
        if log.is_empty() {
            return Err(empty_log());
        }
        let (live, torn) =
            countroom::live::Count::open_truncating_torn_tail(log).map_err(open_error)?;
        let kept = torn.as_ref().map_or(log.len(), |t| t.offset);
        let torn = torn.map(|t| TornTail {
            line: t.line,
            offset: t.offset,
            len: t.bytes.len(),
            problems: t
                .problems
                .iter()
                .map(|e| from_log_read(LOG_NAME, e))
                .collect(),
        });
        Ok((
            Count {
                live,
                log: log.get(..kept).unwrap_or_default().to_vec(),
            },
            torn,
        ))
    }

    /// The whole log as it stands: the bytes opened, then every line
    /// appended.
    #[must_use]
    pub fn log(&self) -> &[u8] {
        &self.log
    }

    /// The typed live count behind this one (its state, progress and
    /// chain head).
    #[must_use]
    pub fn live(&self) -> &countroom::live::Count {
        &self.live
    }

    /// Appends one entry (a JSON object `{"by":…,"at":…,"reason":…,"event":{…}}`
    /// without `seq` or `prev`), or several, one a line, all or nothing.
    /// Returns the lines appended, as written to the log (numbered, and
    /// chained when the log is version 2), each ending in a line feed.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidArgument`] for empty bytes,
    /// [`ErrorKind::Input`] when the bytes are not entries (not UTF-8, not
    /// JSON, an unknown field, …), [`ErrorKind::Rejected`] when the count
    /// refuses an entry (every problem, each naming the entry it would
    /// have been). On any error the count is unchanged.
    pub fn append(&mut self, entry: &[u8]) -> Result<Vec<u8>, Error> {
        if entry.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::one(
                ErrorKind::InvalidArgument,
                ENTRY_NAME,
                "empty_input",
                "no entry given: give a JSON object {\"by\":…,\"event\":{…}}",
            ));
        }
        let read = countroom::log::read_new_entries(entry).map_err(|errors| {
            Error::many(
                ErrorKind::Input,
                errors
                    .iter()
                    .map(|e| from_log_read(ENTRY_NAME, e))
                    .collect(),
            )
        })?;
        if read
            .entries
            .iter()
            .any(|e| matches!(e.event, countroom::log::Event::CheckpointSigned(_)))
        {
            return self.append_by_replay(&read);
        }
        let mut bytes = Vec::new();
        if let [one] = read.entries.as_slice() {
            // One entry: a refused entry leaves the count unchanged.
            let applied = self
                .live
                .apply_entry(one.clone())
                .map_err(|r| rejected(&read, 0, r.seq, &r))?;
            bytes.extend_from_slice(&applied.bytes);
        } else {
            // Several, all or nothing: applied to a copy, kept only when
            // every one is accepted. After a refused entry the next are
            // still checked (against the count without it, as the replay
            // checks a log), so every problem is listed.
            let mut copy = self.live.clone();
            let mut problems = Vec::new();
            // The log's entries and a position among the new ones: both
            // bounded by lengths in memory, so the sum fits.
            let first = self.live.entries() + 1;
            for (index, e) in read.entries.iter().enumerate() {
                match copy.apply_entry(e.clone()) {
                    Ok(applied) => bytes.extend_from_slice(&applied.bytes),
                    Err(r) => {
                        problems.extend(rejected(&read, index, first + index as u64, &r).problems)
                    }
                }
            }
            if !problems.is_empty() {
                return Err(Error::many(ErrorKind::Rejected, problems));
            }
            self.live = copy;
        }
        self.log.extend_from_slice(&bytes);
        // A version 1 log without a final line feed has one added first,
        // which is not a new line.
        let lines = bytes.strip_prefix(b"\n").unwrap_or(&bytes);
        Ok(lines.to_vec())
    }

    /// The typed live count, to apply a typed command to.
    pub(crate) fn live_mut(&mut self) -> &mut countroom::live::Count {
        &mut self.live
    }

    /// Keeps the bytes the live count appended and returns the new lines
    /// (a version 1 log without a final line feed has one added first,
    /// which is not a new line).
    pub(crate) fn appended(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.log.extend_from_slice(bytes);
        bytes.strip_prefix(b"\n").unwrap_or(bytes).to_vec()
    }

    /// The entries appended through [`countroom::append`] (the log held
    /// replayed with them), and the count opened again from the result: for
    /// a signed checkpoint, whose signature is checked over the file.
    fn append_by_replay(&mut self, read: &countroom::log::NewEntries) -> Result<Vec<u8>, Error> {
        let appended = match countroom::append(&self.log, &read.entries) {
            Ok(appended) => appended,
            Err(countroom::count::AppendError::Refused { problems, existing }) => {
                let mut out: Vec<Problem> = problems
                    .iter()
                    .map(|p| {
                        let (code, message) = match &p.problem {
                            countroom::count::AppendProblem::Replay(r) => {
                                let replayed = from_replay("", r);
                                (replayed.code, replayed.message)
                            }
                            other => (
                                code_of(other),
                                format!("{}: {other}", event_kind(&read.entries, p.index)),
                            ),
                        };
                        let problem = Problem::new(ENTRY_NAME, code, message).at_entry(p.seq);
                        match read.lines.get(p.index) {
                            Some(&line) => problem.at_line(line),
                            None => problem,
                        }
                    })
                    .collect();
                out.extend(existing.iter().map(|p| {
                    let mut problem = from_replay(LOG_NAME, p);
                    problem.message = format!("already in the log: {}", problem.message);
                    problem
                }));
                return Err(Error::many(ErrorKind::Rejected, out));
            }
            Err(countroom::count::AppendError::Log(errors)) => {
                return Err(Error::many(
                    ErrorKind::Input,
                    errors.iter().map(|e| from_log_read(LOG_NAME, e)).collect(),
                ))
            }
            Err(e) => {
                return Err(Error::one(
                    ErrorKind::Input,
                    ENTRY_NAME,
                    &code_of(&e),
                    e.to_string(),
                ))
            }
        };
        let live = open_live(&appended.bytes)?;
        // The new lines follow the bytes held; a version 1 log without a
        // final line feed has one added first, which is not a new line.
        let mut new = appended.bytes.get(self.log.len()..).unwrap_or_default();
        if !self.log.ends_with(b"\n") {
            new = new.strip_prefix(b"\n").unwrap_or(new);
        }
        let lines = new.to_vec();
        self.log = appended.bytes;
        self.live = live;
        Ok(lines)
    }

    /// Where the count stands, cheaply (it costs the contests' candidates,
    /// not the log, and projects no document): the log's entries, its chain
    /// head (hex, and in groups of four as read aloud at the count; the one
    /// a checkpoint signs) and whether it is tamper-evident, then each
    /// contest counted by runs (`countroom::live::Count::progress`): its
    /// status code, current run, bundles and batches, papers counted and
    /// rejected, and each standing candidate's votes. As JSON, keys in
    /// alphabetical order: `{"chain_head", "chain_head_groups",
    /// "contests": [{"batches", "bundles", "contest", "papers_counted",
    /// "rejected", "run", "status", "votes": [{"candidate", "votes"}]}],
    /// "entries", "tamper_evident"}`, the contests in the log's order (list
    /// contests are in the documents only).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Internal`] only if the JSON cannot be written.
    pub fn progress_json(&self) -> Result<Vec<u8>, Error> {
        use serde_json::json;
        let live = &self.live;
        let head = live.head();
        let contests: Vec<serde_json::Value> = live
            .state()
            .contests()
            .iter()
            .filter_map(|c| live.progress(c.contest().id()))
            .map(|p| {
                let votes: Vec<serde_json::Value> = p
                    .votes
                    .iter()
                    .map(|(c, v)| json!({"candidate": c.as_str(), "votes": v.get()}))
                    .collect();
                json!({
                    "contest": p.contest.as_str(),
                    "status": p.status.code(),
                    "run": p.run,
                    "bundles": p.bundles,
                    "batches": p.batches,
                    "papers_counted": p.papers_counted.get(),
                    "rejected": p.rejected.get(),
                    "votes": votes,
                })
            })
            .collect();
        // Keys in alphabetical order: serde_json's map is a BTreeMap (its
        // `preserve_order` feature is not enabled), so the bytes are fixed.
        let doc = json!({
            "entries": live.entries(),
            "chain_head": head.to_hex(),
            "chain_head_groups": head.to_groups(),
            "tamper_evident": live.evidence().tamper_evident,
            "contests": contests,
        });
        let mut out = serde_json::to_vec_pretty(&doc)
            .map_err(|e| Error::one(ErrorKind::Internal, "", "internal", e.to_string()))?;
        out.push(b'\n');
        Ok(out)
    }

    /// The documents of every contest (or of `contest` alone) as JSON: the
    /// same bytes as `countroom count LOG --format json [--contest ID]`.
    /// Projected from the count's state, without replaying.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFound`] when `contest` names no contest of the log
    /// (the problem lists the contests it has).
    pub fn documents(&self, contest: Option<&str>) -> Result<Vec<u8>, Error> {
        Ok(countroom::io::render::report_json(
            &self.report_of(contest)?,
        ))
    }

    /// The documents of every contest (or of `contest` alone) in `format`,
    /// the bytes `countroom count LOG --format FORMAT` prints for the log
    /// (every contest; with `contest`, the report holding that contest
    /// alone, rendered as for the whole log): `json`, `text` (the
    /// declarations and statements as printed), `csv`, `dc-json`,
    /// `err-json`, `err-xml` or `html` (the page; PDF needs Chromium and
    /// is the command line's).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidArgument`] for another format
    /// (`unknown_format`, the formats listed); [`ErrorKind::NotFound`] as
    /// [`Count::documents`]; [`ErrorKind::Internal`] if a document cannot
    /// be written.
    pub fn documents_in(&self, format: &str, contest: Option<&str>) -> Result<Vec<u8>, Error> {
        use countroom::io::render;
        const FORMATS: &str = "json, text, csv, dc-json, err-json, err-xml, html";
        if !FORMATS.split(", ").any(|f| f == format) {
            return Err(Error::one(
                ErrorKind::InvalidArgument,
                "",
                "unknown_format",
                format!("{format:?} is not a format of the documents (the formats: {FORMATS})"),
            ));
        }
        let report = self.report_of(contest)?;
        let internal = |e: &dyn std::fmt::Display| {
            Error::one(ErrorKind::Internal, "", "internal", e.to_string())
        };
        match format {
            "text" => Ok(render::report_text(&report)),
            "csv" => Ok(render::report_csv(&report)),
            "dc-json" => render::democracy_club_json(&report).map_err(|e| internal(&e)),
            "err-json" => render::err_json(&report).map_err(|e| internal(&e)),
            "err-xml" => render::err_xml(&report).map_err(|e| internal(&e)),
            "html" => Ok(countroom::html::report_page(&report).into_bytes()),
            _ => Ok(render::report_json(&report)),
        }
    }

    /// The report of every contest, or of `contest` alone.
    fn report_of(&self, contest: Option<&str>) -> Result<countroom::count::Report, Error> {
        let mut report = self.live.documents();
        if let Some(id) = contest {
            if !report.contests.iter().any(|c| c.contest.id == id) {
                let ids: Vec<&str> = report
                    .contests
                    .iter()
                    .map(|c| c.contest.id.as_str())
                    .collect();
                return Err(Error::one(
                    ErrorKind::NotFound,
                    LOG_NAME,
                    "unknown_contest",
                    format!(
                        "the log defines no contest {id:?} (its contests: {})",
                        if ids.is_empty() {
                            "none".to_owned()
                        } else {
                            ids.join(", ")
                        }
                    ),
                ));
            }
            report.contests.retain(|c| c.contest.id == id);
        }
        Ok(report)
    }
}

/// The live count of `log`, its problems in the one shape.
fn open_live(log: &[u8]) -> Result<countroom::live::Count, Error> {
    countroom::live::Count::open(log).map_err(open_error)
}

/// A live count's refusal to open, as the problems of the log.
fn open_error(e: countroom::live::OpenError) -> Error {
    match e {
        countroom::live::OpenError::Read(errors) => Error::many(
            ErrorKind::Input,
            errors.iter().map(|e| from_log_read(LOG_NAME, e)).collect(),
        ),
        countroom::live::OpenError::Replay(problems) => Error::many(
            ErrorKind::Input,
            problems.iter().map(|p| from_replay(LOG_NAME, p)).collect(),
        ),
        // A torn last line: its read problems, as before it was told apart.
        countroom::live::OpenError::TornTail(torn) => Error::many(
            ErrorKind::Input,
            torn.problems
                .iter()
                .map(|e| from_log_read(LOG_NAME, e))
                .collect(),
        ),
        other => Error::one(ErrorKind::Input, LOG_NAME, "open_failed", other.to_string()),
    }
}

/// The problems of entry `index` (of those read) refused by the live
/// count, each naming the entry it would have been (by its position, as
/// [`countroom::append`] numbers them) and its line.
fn rejected(
    read: &countroom::log::NewEntries,
    index: usize,
    seq: u64,
    r: &countroom::live::Rejection,
) -> Error {
    let problems = r
        .problems
        .iter()
        .map(|p| {
            let problem = Problem::new(ENTRY_NAME, live_code(p), format!("{}: {p}", r.event))
                .at_entry(seq)
                .in_field(live_field(p).as_deref());
            match read.lines.get(index) {
                Some(&line) => problem.at_line(line),
                None => problem,
            }
        })
        .collect();
    Error::many(ErrorKind::Rejected, problems)
}

/// The field of the entry a live count's problem is about, where its
/// message names one (`field `NAME`: …`, as the replay's problems say it:
/// `countroom_count::ProblemKind::field`).
pub(crate) fn live_field(p: &countroom::live::Problem) -> Option<String> {
    match p {
        countroom::live::Problem::Count(kind) => kind.field(),
        other => {
            let message = other.to_string();
            let rest = message.strip_prefix("field `")?;
            rest.get(..rest.find('`')?).map(str::to_owned)
        }
    }
}

/// The stable code of a live count's problem: the codes the replay and
/// `countroom append` give for the same problem (docs/formats.md, "Stable
/// codes").
pub(crate) fn live_code(p: &countroom::live::Problem) -> String {
    use countroom::live::{PersonError, Problem as P};
    match p {
        P::Count(kind) => code_of(kind),
        // `countroom_count::AppendProblem`'s codes.
        P::NoBy => "no_by".to_owned(),
        P::Entry(_) | P::Person(PersonError::ControlCharacter(_)) => "read".to_owned(),
        // `countroom_count::ProblemKind`'s codes.
        P::Person(PersonError::Empty) | P::NotAppointed { .. } => "no_actor".to_owned(),
        P::Person(_) => "bad_id".to_owned(),
        P::UnknownContest(_) => "unknown".to_owned(),
        P::Papers(_) => "papers".to_owned(),
        P::Adjudicator(e) => e.code().to_owned(),
        P::NotBuilt { .. } => "not_built".to_owned(),
        // A time the log cannot write: a bad date, as the reader says of one.
        P::UnformattableAt { .. } => "bad_date".to_owned(),
        _ => "refused".to_owned(),
    }
}

fn event_kind(entries: &[NewEntry], index: usize) -> &'static str {
    entries.get(index).map_or("?", |e| e.event.kind())
}

/// The rules of an STV count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rules {
    /// The Scottish local government rules (the Scottish Local Government
    /// Elections Order 2007 for the 2007 polls, the 2011 Order from 2012):
    /// `countroom stv --rules scotland`.
    Scotland,
    /// The Northern Ireland rules (Electoral Law Act (Northern Ireland)
    /// 1962, Sch 5): `countroom stv --rules ni`.
    NorthernIreland,
}

impl Rules {
    /// The rules named as the CLI names them: `scotland` or `ni`
    /// (`northern-ireland` also).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidArgument`] for any other name.
    pub fn from_name(name: &str) -> Result<Rules, Error> {
        match name {
            "scotland" => Ok(Rules::Scotland),
            "ni" | "northern-ireland" => Ok(Rules::NorthernIreland),
            other => Err(Error::one(
                ErrorKind::InvalidArgument,
                "",
                "unknown_rules",
                format!("unknown STV rules {other:?}: give \"scotland\" or \"ni\""),
            )),
        }
    }

    fn stv(self) -> StvRules {
        match self {
            Rules::Scotland => StvRules::Scotland,
            Rules::NorthernIreland => StvRules::NorthernIreland,
        }
    }
}

/// Counts a BLT ballot file (its bytes) by the single transferable vote and
/// returns the stage sheet as JSON: the same bytes as `countroom stv FILE
/// --rules RULES --format json`.
///
/// # Errors
///
/// [`ErrorKind::InvalidArgument`] for empty bytes; [`ErrorKind::Input`]
/// with every problem of the file (each with its line), or when the count
/// needs a lot (an equality the rules settle by lot: give the lots to
/// `countroom stv --lots`).
pub fn stv_count(blt_bytes: &[u8], rules: Rules) -> Result<Vec<u8>, Error> {
    stv_count_named(BLT_NAME, blt_bytes, rules)
}

/// [`stv_count`] of the file at `path` (problems name it as given).
///
/// # Errors
///
/// As [`stv_count`]; [`ErrorKind::Io`] when the file cannot be read.
pub fn stv_count_file(path: &Path, rules: Rules) -> Result<Vec<u8>, Error> {
    let name = path.display().to_string();
    let io = |e: std::io::Error| Error::one(ErrorKind::Io, &name, "io", e.to_string());
    let size = std::fs::metadata(path).map_err(io)?.len();
    if let Err(e) = blt::check_size(size, &BltLimits::default()) {
        return Err(Error::many(
            ErrorKind::Input,
            e.0.iter()
                .map(|p| Problem::new(&name, code_of(&p.problem), p.problem.to_string()))
                .collect(),
        ));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    stv_count_named(&name, &bytes, rules)
}

fn stv_count_named(name: &str, bytes: &[u8], rules: Rules) -> Result<Vec<u8>, Error> {
    if bytes.is_empty() {
        return Err(Error::one(
            ErrorKind::InvalidArgument,
            name,
            "empty_input",
            "the BLT ballot file is empty",
        ));
    }
    let head = bytes.get(..4096).unwrap_or(bytes);
    let kind = match FileKind::of(head) {
        FileKind::JsonLines => Some("this is a count log (JSON Lines), not a BLT ballot file"),
        FileKind::Csv => Some("this is a CSV file, not a BLT ballot file"),
        _ => None,
    };
    if let Some(kind) = kind {
        return Err(Error::one(
            ErrorKind::Input,
            name,
            "wrong_kind_of_file",
            kind,
        ));
    }
    let election = blt::read_with(bytes, &BltLimits::default()).map_err(|e| {
        Error::many(
            ErrorKind::Input,
            e.0.iter()
                .map(|p| {
                    let problem = Problem::new(name, code_of(&p.problem), p.problem.to_string());
                    match p.problem {
                        BltProblem::LargerThanLimit { .. } => problem,
                        _ => problem.at_line(p.line as u64),
                    }
                })
                .collect(),
        )
    })?;
    let sheet = countroom::stv::count(rules.stv(), &election, &mut LotSource::none())
        .map_err(|e| Error::one(ErrorKind::Input, name, &code_of(&e), e.to_string()))?;
    Ok(countroom::io::render::stv::sheet_json(&sheet))
}

/// A CSV file given by its bytes: its name (as problems and the report
/// give it: the path as the CLI was given it, or a name such as
/// `<results>` for bytes in memory) and its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvFile<'a> {
    /// The name.
    pub name: &'a str,
    /// The bytes.
    pub bytes: &'a [u8],
}

/// What `countroom results` takes besides the results file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResultsOptions<'a> {
    /// The contests CSV (`--contests`).
    pub contests: Option<CsvFile<'a>>,
    /// The previous election's results CSV (`--previous`).
    pub previous: Option<CsvFile<'a>>,
    /// Columns of another layout, `ROLE=HEADER,…` (`--columns`).
    pub columns: Option<&'a str>,
    /// The poll date, `YYYY-MM-DD` (`--date`).
    pub date: Option<&'a str>,
    /// Figures that disagree with one another listed on the report rather
    /// than refused (`--published`).
    pub published: bool,
}

impl<'a> ResultsOptions<'a> {
    /// No contests file, no previous election, the default columns.
    #[must_use]
    pub fn new() -> Self {
        ResultsOptions::default()
    }

    /// The contests CSV.
    #[must_use]
    pub fn contests(mut self, file: CsvFile<'a>) -> Self {
        self.contests = Some(file);
        self
    }

    /// The previous election's results CSV.
    #[must_use]
    pub fn previous(mut self, file: CsvFile<'a>) -> Self {
        self.previous = Some(file);
        self
    }

    /// Columns of another layout.
    #[must_use]
    pub fn columns(mut self, spec: &'a str) -> Self {
        self.columns = Some(spec);
        self
    }

    /// The poll date.
    #[must_use]
    pub fn date(mut self, date: &'a str) -> Self {
        self.date = Some(date);
        self
    }

    /// Figures that disagree listed on the report.
    #[must_use]
    pub fn published(mut self, published: bool) -> Self {
        self.published = published;
        self
    }
}

/// The published results read and checked as [`results`] checks them:
/// the results and the report.
fn checked_results(
    file: CsvFile<'_>,
    options: &ResultsOptions<'_>,
) -> Result<
    (
        countroom::collate::published::PublishedResults,
        countroom::collate::published::ResultsReport,
    ),
    Error,
> {
    use countroom::collate::published::{check_results, previous_totals};
    use countroom::io::problem::from_results;
    use countroom::io::published::{self, ColumnMap};

    if file.bytes.is_empty() {
        return Err(Error::one(
            ErrorKind::InvalidArgument,
            file.name,
            "empty_input",
            "the results file is empty: give its bytes, header row first",
        ));
    }
    let input = |list: Vec<countroom::collate::published::ResultsProblem>| {
        Error::many(ErrorKind::Input, list.iter().map(from_results).collect())
    };
    let map = match options.columns {
        Some(spec) => ColumnMap::parse(spec)
            .map_err(|p| Error::one(ErrorKind::InvalidArgument, "", p.code, p.to_string()))?,
        None => ColumnMap::default(),
    };
    let poll_date = match options.date {
        Some(d) => Some(time_date(d).ok_or_else(|| {
            Error::one(
                ErrorKind::InvalidArgument,
                "",
                "bad_date",
                format!("date {d:?}: not a date (YYYY-MM-DD)"),
            )
        })?),
        None => None,
    };
    let mut results = published::read_results(file.name, file.bytes, &map).map_err(input)?;
    if let Some(contests) = options.contests {
        published::read_contests(contests.name, contests.bytes, &map, poll_date, &mut results)
            .map_err(input)?;
    }
    let previous = match options.previous {
        Some(p) => Some(previous_totals(
            &published::read_results(p.name, p.bytes, &map).map_err(input)?,
        )),
        None => None,
    };
    let report = check_results(&results, previous.as_ref());
    if !options.published {
        let refused: Vec<Problem> = report
            .problems
            .iter()
            .filter(|p| p.kind.is_inconsistency())
            .map(from_results)
            .collect();
        if !refused.is_empty() {
            let mut all = refused;
            all.push(Problem::new(
                file.name,
                "figures_disagree",
                "these published figures disagree with one another; give --published to list them on the report instead",
            ));
            return Err(Error::many(ErrorKind::Input, all));
        }
    }
    Ok((results, report))
}

/// Checks published results (`countroom results FILE --format json`, with
/// `--contests`, `--previous`, `--columns`, `--date` and `--published` as
/// `options` gives them; not `--log`): the report as JSON, the same bytes
/// as the CLI prints. The report lists the problems the check finds (the
/// CLI then exits 1): they are in the document, not an error.
///
/// # Errors
///
/// [`ErrorKind::InvalidArgument`] for empty results bytes, a `columns`
/// spec or a `date` that does not read (the CLI's usage errors);
/// [`ErrorKind::Input`] with every problem of a file, or, without
/// `published`, the figures that disagree with one another and
/// `figures_disagree`.
pub fn results(file: CsvFile<'_>, options: &ResultsOptions<'_>) -> Result<Vec<u8>, Error> {
    let (_, report) = checked_results(file, options)?;
    countroom::io::published::report_json(&report, &countroom::io::sha256_hex(file.bytes)).map_err(
        |e| {
            Error::one(
                ErrorKind::Internal,
                file.name,
                "internal",
                format!("the JSON report could not be written: {e}"),
            )
        },
    )
}

/// The version 2 count log the published figures imply (`countroom
/// results FILE --log OUT.jsonl --date DATE --election ELECTION`): the same
/// bytes the CLI writes, after the same checks as [`results`] (with
/// `options`), the log's name `Published results (NAME)` with the results
/// file's name (its last component: the CLI leaves a path's directories
/// out too), and its entries recorded by `countroom-results`. The log
/// is replayed before it is given: one that would not replay is refused
/// with the replay's problems. `countroom count` replays it to the
/// published result.
///
/// # Errors
///
/// As [`results`]; [`ErrorKind::InvalidArgument`] without `options.date`
/// (`no_date`: the log's poll date) or with an empty `election`;
/// [`ErrorKind::Input`] with every problem of the figures for a log (a
/// contest without its electorate, …) or of its replay.
pub fn results_log(
    file: CsvFile<'_>,
    options: &ResultsOptions<'_>,
    election: &str,
) -> Result<Vec<u8>, Error> {
    use countroom::io::problem::{from_log_read, from_replay, from_results};
    use countroom::io::published::{implied_log, LogOptions};

    let Some(date) = options.date else {
        return Err(Error::one(
            ErrorKind::InvalidArgument,
            "",
            "no_date",
            "the count log needs the poll date: give the date (YYYY-MM-DD)",
        ));
    };
    if election.is_empty() {
        return Err(Error::one(
            ErrorKind::InvalidArgument,
            "",
            "empty_input",
            "the election's id is empty: give one (the CLI's default is `published`)",
        ));
    }
    let (results, _) = checked_results(file, options)?;
    let log_options = LogOptions::new(
        election.to_owned(),
        countroom::io::published::election_name(file.name),
        date.to_owned(),
        "countroom-results",
    );
    let log = implied_log(&results, &log_options)
        .map_err(|list| Error::many(ErrorKind::Input, list.iter().map(from_results).collect()))?;
    let name = "<log> (not written)";
    let parsed = countroom::log::read(&log).map_err(|e| {
        Error::many(
            ErrorKind::Input,
            e.iter().map(|x| from_log_read(name, x)).collect(),
        )
    })?;
    let (_, found) = countroom::count::replay_log(&parsed);
    if found.is_empty() {
        Ok(log)
    } else {
        Err(Error::many(
            ErrorKind::Input,
            found.iter().map(|p| from_replay(name, p)).collect(),
        ))
    }
}

/// `YYYY-MM-DD`, as the CLI's `--date` reads it.
fn time_date(text: &str) -> Option<time::Date> {
    time::Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../../examples/data/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn replay_is_the_library_report_json() {
        let log = example("abbey-ward.jsonl");
        let expected =
            countroom::io::render::report_json(&countroom::report_from_log(&log).unwrap());
        assert_eq!(replay(&log).unwrap(), expected);
    }

    #[test]
    fn empty_inputs_are_invalid_arguments() {
        assert_eq!(replay(b"").unwrap_err().kind, ErrorKind::InvalidArgument);
        assert_eq!(
            stv_count(b"", Rules::Scotland).unwrap_err().kind,
            ErrorKind::InvalidArgument
        );
        let mut count = Count::open(&example("abbey-ward.jsonl")).unwrap();
        assert_eq!(
            count.append(b"  \n").unwrap_err().kind,
            ErrorKind::InvalidArgument
        );
    }

    fn bundle(id: &str, allen: u64) -> String {
        format!(
            r#"{{"by":"ro","event":{{"bundle_counted":{{"contest":"westbury","run":1,"bundle":"{id}","votes":[{{"candidate":"WB-ALLEN","votes":{allen}}}]}}}}}}"#
        )
    }

    /// The count behind the bindings is the live count: what it appends is
    /// what `countroom append` (the whole log replayed) appends, byte for
    /// byte, and its documents are the replay of the log it holds.
    #[test]
    fn append_through_the_live_count_is_countroom_append() {
        let log = example("westbury.jsonl");
        let mut count = Count::open(&log).unwrap();
        let mut by_replay = log.clone();
        for i in 1..=5 {
            let entry = bundle(&format!("B{i}"), i);
            let line = count.append(entry.as_bytes()).unwrap();
            let new = countroom::log::read_new_entries(entry.as_bytes()).unwrap();
            let appended = countroom::append(&by_replay, &new.entries).unwrap();
            assert_eq!(appended.bytes.get(by_replay.len()..).unwrap(), &line[..]);
            by_replay = appended.bytes;
        }
        assert_eq!(count.log(), &by_replay[..]);
        assert_eq!(count.live().entries(), 8);
        assert_eq!(count.documents(None).unwrap(), replay(&by_replay).unwrap());
    }

    #[test]
    fn several_entries_list_every_refused_one_and_change_nothing() {
        let log = example("westbury.jsonl");
        let mut count = Count::open(&log).unwrap();
        // The first refused (unknown candidate), the second good, the third
        // a duplicate of the second: entries 4 and 6 refused.
        let bad = bundle("B1", 1).replace("WB-ALLEN", "WB-NOBODY");
        let three = format!("{bad}\n{}\n{}", bundle("B2", 1), bundle("B2", 1));
        let e = count.append(three.as_bytes()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Rejected);
        let entries: Vec<Option<u64>> = e.problems.iter().map(|p| p.entry).collect();
        assert_eq!(entries, [Some(4), Some(6)]);
        assert_eq!(e.problems[0].code, "unknown");
        // The field the message names is the problem's field (audit 13,
        // finding 7), named once in its text.
        assert_eq!(e.problems[0].field.as_deref(), Some("votes[0].candidate"));
        let text = e.problems[0].to_string();
        assert_eq!(
            text.matches("field `votes[0].candidate`").count(),
            1,
            "{text}"
        );
        assert_eq!(e.problems[1].line, Some(3));
        assert_eq!(count.log(), &log[..]);
        assert_eq!(count.live().entries(), 3);
    }

    #[test]
    fn an_entry_without_by_is_refused_as_countroom_append_refuses_it() {
        let mut count = Count::open(&example("westbury.jsonl")).unwrap();
        let entry = bundle("B1", 1).replace(r#""by":"ro","#, "");
        let e = count.append(entry.as_bytes()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Rejected);
        assert_eq!(e.problems[0].code, "no_by");
        assert_eq!(e.problems[0].entry, Some(4));
    }

    /// The shipped published results (typed by hand; the README's demo):
    /// the report lists Castlebury's published winner, who is not the
    /// candidate with the most votes, and Eastwick's tie; its source is the
    /// name given.
    #[test]
    fn results_of_the_shipped_files() {
        let r = example("published/results.csv");
        let c = example("published/contests.csv");
        let file = CsvFile {
            name: "results.csv",
            bytes: &r,
        };
        let options = ResultsOptions::new().contests(CsvFile {
            name: "contests.csv",
            bytes: &c,
        });
        let json: serde_json::Value =
            serde_json::from_slice(&results(file, &options).unwrap()).unwrap();
        assert_eq!(json["source"], "results.csv");
        // Castlebury (EX03): the published winner is not the candidate with
        // the most votes; Eastwick (EX05): two candidates tie for the seat.
        let found: Vec<(&str, &str)> = json["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["contest"].as_str().unwrap(), p["code"].as_str().unwrap()))
            .collect();
        assert_eq!(found, [("EX03", "wrong_winner"), ("EX05", "boundary_tie")]);
        let e = results(file, &ResultsOptions::new().date("7 May")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
        assert_eq!(e.problems[0].code, "bad_date");
        let empty = CsvFile {
            name: "x.csv",
            bytes: b"",
        };
        assert_eq!(
            results(empty, &ResultsOptions::new()).unwrap_err().kind,
            ErrorKind::InvalidArgument
        );
    }

    /// The log the shipped published results imply (typed by hand from
    /// the README's demo): replayed, Castlebury's count gives IRWIN (the
    /// most votes, not the published winner), not declared, since the
    /// published result declares HUGHES; Eastwick's tie awaits a lot;
    /// without the date, or without the contests' electorates, no log.
    #[test]
    fn results_log_of_the_shipped_files_replays() {
        let r = example("published/results.csv");
        let c = example("published/contests.csv");
        let file = CsvFile {
            name: "results.csv",
            bytes: &r,
        };
        let contests = CsvFile {
            name: "contests.csv",
            bytes: &c,
        };
        let options = ResultsOptions::new().contests(contests);
        let e = results_log(file, &options, "published").unwrap_err();
        assert_eq!(e.problems[0].code, "no_date");
        let options = options.date("2029-05-03");
        let log = results_log(file, &options, "ge").unwrap();
        let report: serde_json::Value = serde_json::from_slice(&replay(&log).unwrap()).unwrap();
        let castlebury = report["contests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["contest"]["area"] == "Castlebury")
            .unwrap();
        assert_eq!(castlebury["elected"][0]["name"], "IRWIN, Ivy");
        assert_ne!(castlebury["status"], "declared");
        assert_eq!(report["contests"][4]["status"], "lot_required");
        assert!(String::from_utf8(log)
            .unwrap()
            .contains(r#""election":"ge""#));
        let e = results_log(file, &ResultsOptions::new().date("2029-05-03"), "p").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Input, "{e:?}");
        let e = results_log(file, &options, "").unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
    }

    /// A signed checkpoint goes through `countroom::append` (its signature
    /// checked over the file) and the live count is opened again: Abbey
    /// ward's own signed checkpoint (entry 70, signed by the Returning
    /// Officer's key) and the entry after it are appended as the shipped
    /// log has them, byte for byte; a changed signature is refused and
    /// changes nothing.
    #[test]
    fn a_signed_checkpoint_is_appended_by_the_replaying_route() {
        let log = example("abbey-ward.jsonl");
        let lines: Vec<&[u8]> = log.split_inclusive(|&b| b == b'\n').collect();
        let wire = |seq: usize| {
            let mut v: serde_json::Value = serde_json::from_slice(lines[seq]).unwrap();
            let o = v.as_object_mut().unwrap();
            o.remove("seq");
            o.remove("prev");
            serde_json::to_vec(&v).unwrap()
        };
        let prefix = lines[..70].concat();
        let mut count = Count::open(&prefix).unwrap();
        // The signature's first hex digit changed (whatever it is: the
        // shipped logs are re-signed when the ruleset table changes).
        let good = String::from_utf8(wire(70)).unwrap();
        let at = good.find("\"signature\":\"").unwrap() + "\"signature\":\"".len();
        let first = if good.as_bytes()[at] == b'0' {
            "1"
        } else {
            "0"
        };
        let bad = format!("{}{first}{}", &good[..at], &good[at + 1..]);
        let e = count.append(bad.as_bytes()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Rejected, "{e:?}");
        assert_eq!(count.log(), &prefix[..]);
        assert_eq!(count.append(&wire(70)).unwrap(), lines[70]);
        assert_eq!(count.append(&wire(71)).unwrap(), lines[71]);
        assert_eq!(count.log(), &lines[..72].concat()[..]);
        assert_eq!(count.live().entries(), 71);
    }

    #[test]
    fn unknown_contest_lists_the_contests() {
        let count = Count::open(&example("westbury.jsonl")).unwrap();
        let e = count.documents(Some("nowhere")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::NotFound);
        assert_eq!(e.problems[0].code, "unknown_contest");
        assert!(e.problems[0].message.contains("its contests: "));
    }

    #[test]
    fn unknown_rules_are_refused() {
        assert_eq!(Rules::from_name("ni").unwrap(), Rules::NorthernIreland);
        let e = Rules::from_name("wales").unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
        assert_eq!(e.problems[0].code, "unknown_rules");
    }

    #[test]
    fn a_count_log_given_as_blt_is_named() {
        let e = stv_count(&example("abbey-ward.jsonl"), Rules::Scotland).unwrap_err();
        assert_eq!(e.problems[0].code, "wrong_kind_of_file");
    }

    /// A time `Count` cannot write (an offset with seconds) is a bad date
    /// to C and Python, as the reader calls one, not a bare refusal.
    #[test]
    fn an_unformattable_time_is_a_bad_date() {
        let p = countroom::live::Problem::UnformattableAt {
            at: "2026-05-07 1:00:00.0 +01:00:30".to_owned(),
            why: "an offset with seconds".to_owned(),
        };
        assert_eq!(live_code(&p), "bad_date");
    }

    #[test]
    fn problems_json_is_the_cli_shape() {
        let e = Error::one(ErrorKind::Input, "f", "c", "m");
        let v: serde_json::Value = serde_json::from_slice(&e.problems_json()).unwrap();
        assert_eq!(
            v,
            serde_json::json!([{"file":"f","line":null,"entry":null,"field":null,"code":"c","message":"m"}])
        );
    }
}
