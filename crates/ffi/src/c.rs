//! The C ABI (`include/countroom.h`, generated from this module by
//! cbindgen). The only module of countroom with `unsafe` code.
//!
//! Every function returns a [`CountroomStatus`] and writes its result to an
//! out-parameter [`CountroomBuffer`]: on [`CountroomStatus::Ok`] the
//! document (JSON), otherwise the problems as a JSON list (each object with
//! `file`, `line`, `entry`, `field`, `code`, `message`). Every buffer is
//! freed with [`countroom_buffer_free`], every count with
//! [`countroom_count_close`]; nothing else frees them.
//!
//! Common mistakes are errors, not undefined behaviour: a null pointer, a
//! zero length, a C string that is not UTF-8, a buffer or count freed twice
//! or never given by countroom (countroom keeps the addresses it gave and
//! takes back only those, so a second free returns
//! [`CountroomStatus::InvalidArgument`]). What countroom cannot detect is
//! undefined behaviour, as always in C: a pointer to fewer bytes than the
//! length given, a buffer struct that is not one countroom wrote, or a
//! freed address that a later call happened to give again. A count pointer
//! is never read, only looked up among the counts countroom opened.
//!
//! Every call catches any panic inside countroom
//! ([`CountroomStatus::Internal`]): nothing unwinds into C.

use std::collections::BTreeMap;
use std::ffi::{c_char, c_int, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::api::{self, Count, Error, ErrorKind, Rules};

mod list;
mod more;
pub use list::*;
pub use more::*;

/// What a call did. Anything but `COUNTROOM_STATUS_OK` leaves the problems
/// as a JSON list in the out buffer (when one was given).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountroomStatus {
    /// Done: the out buffer holds the result.
    Ok = 0,
    /// The call was wrong: a null pointer, a zero length, a C string that
    /// is not UTF-8, unknown STV rules, a count or buffer that countroom did
    /// not give or already took back. Nothing was done.
    InvalidArgument = 1,
    /// The input has problems (a log that does not read or replay, an entry
    /// that is not JSON, a BLT file with problems): each in the buffer.
    Input = 2,
    /// The count refused the entry: nothing was appended, the count is
    /// unchanged; the problems are in the buffer.
    Rejected = 3,
    /// The contest asked for is not in the log.
    NotFound = 4,
    /// A file could not be read.
    Io = 5,
    /// countroom failed inside (a panic, caught): a bug, to be reported.
    Internal = 6,
}

impl From<ErrorKind> for CountroomStatus {
    fn from(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::InvalidArgument => CountroomStatus::InvalidArgument,
            ErrorKind::Input => CountroomStatus::Input,
            ErrorKind::Rejected => CountroomStatus::Rejected,
            ErrorKind::NotFound => CountroomStatus::NotFound,
            ErrorKind::Io => CountroomStatus::Io,
            ErrorKind::Internal => CountroomStatus::Internal,
        }
    }
}

/// Bytes countroom gives to C: `len` bytes at `data`, followed by one NUL
/// byte not counted in `len` (so JSON can be printed as a C string). Free
/// with [`countroom_buffer_free`], which sets it back to empty.
///
/// Pass a buffer set to `{NULL, 0, 0}`: countroom overwrites the buffer it
/// is given without freeing what it held.
#[repr(C)]
#[derive(Debug)]
pub struct CountroomBuffer {
    /// The bytes (NULL when empty).
    pub data: *mut u8,
    /// How many bytes, the final NUL not counted.
    pub len: usize,
    /// countroom's mark of this buffer, never given to two buffers (0 when
    /// empty): do not change it. A copy of a buffer freed before carries
    /// the old mark, so freeing the copy is refused even where the memory
    /// has since been given to another buffer at the same address.
    pub tag: u64,
}

/// A count opened from the bytes of its log ([`countroom_count_open`]).
/// Opaque: use it only through the functions here. A count may be used
/// from several threads (calls on one count take turns; calls on different
/// counts run side by side); a call made after [`countroom_count_close`]
/// is refused, and a call already running when another thread closes the
/// count finishes on its own reference to it.
/// The pointer is a handle, never an address of memory: each count opened
/// gets a number never given before (so a closed count's pointer is never
/// a later count's), and calls find the count by it in the registry of
/// live counts.
pub struct CountroomCount {
    /// Never read: the type only names the handle.
    _opaque: u8,
}

/// `countroom_stv_count` rules: the Scottish local government rules.
pub const COUNTROOM_STV_SCOTLAND: u32 = 0;
/// `countroom_stv_count` rules: the Northern Ireland rules.
pub const COUNTROOM_STV_NORTHERN_IRELAND: u32 = 1;

/// The buffers countroom has given and not yet taken back: each address
/// with the buffer's tag and length.
static LIVE_BUFFERS: Mutex<BTreeMap<usize, (u64, usize)>> = Mutex::new(BTreeMap::new());
/// The counts countroom has opened and not yet closed, by the handle it
/// gave: calls find a count here, never through the caller's pointer.
static LIVE_COUNTS: Mutex<BTreeMap<usize, Arc<Mutex<Count>>>> = Mutex::new(BTreeMap::new());
/// The next buffer tag (never 0, never given twice in a process).
static NEXT_TAG: AtomicU64 = AtomicU64::new(1);
/// The next count handle (never 0, the NULL pointer; never given twice).
static NEXT_COUNT: AtomicU64 = AtomicU64::new(1);

fn live<T>(set: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while the set was held cannot leave it half changed (an
    // insert or a remove): carry on with it.
    set.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes an address from a registry (`remove` says whether it was
/// there) and returns whether it was *not* there. An emptied registry
/// gives its memory back, so that a program that has freed everything
/// holds nothing of countroom's (valgrind's leak check sees any buffer or
/// count not freed as still held by the registry).
fn take_back<T: Default + IsEmpty>(set: &Mutex<T>, remove: impl FnOnce(&mut T) -> bool) -> bool {
    let mut set = live(set);
    let was_there = remove(&mut set);
    if set.is_empty() {
        *set = T::default();
    }
    !was_there
}

/// Whether a registry is empty.
trait IsEmpty {
    fn is_empty(&self) -> bool;
}

impl<K, V> IsEmpty for BTreeMap<K, V> {
    fn is_empty(&self) -> bool {
        BTreeMap::is_empty(self)
    }
}

/// Moves `bytes` into a buffer C owns until [`countroom_buffer_free`].
fn give(bytes: Vec<u8>) -> CountroomBuffer {
    let mut bytes = bytes;
    let len = bytes.len();
    bytes.push(0);
    let data = Box::into_raw(bytes.into_boxed_slice()).cast::<u8>();
    let tag = NEXT_TAG.fetch_add(1, Ordering::Relaxed);
    live(&LIVE_BUFFERS).insert(data as usize, (tag, len));
    CountroomBuffer { data, len, tag }
}

fn invalid(code: &str, message: &str) -> Error {
    Error::one(ErrorKind::InvalidArgument, "", code, message)
}

/// Runs `body` with panics caught, and writes its result or its problems
/// to `out`.
///
/// # Safety
///
/// `out` is null or valid for writes of a `CountroomBuffer`.
unsafe fn run(
    out: *mut CountroomBuffer,
    body: impl FnOnce() -> Result<Vec<u8>, Error>,
) -> CountroomStatus {
    if out.is_null() {
        return CountroomStatus::InvalidArgument;
    }
    let (status, bytes) = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(bytes)) => (CountroomStatus::Ok, bytes),
        Ok(Err(e)) => (CountroomStatus::from(e.kind), e.problems_json()),
        Err(_) => {
            let e = Error::one(
                ErrorKind::Internal,
                "",
                "internal",
                "countroom failed inside (a panic was caught at the C boundary): please report it",
            );
            (CountroomStatus::Internal, e.problems_json())
        }
    };
    // Giving the buffer allocates and locks, neither of which unwinds in
    // practice; catch it all the same, and leave the buffer empty.
    let buffer = catch_unwind(AssertUnwindSafe(|| give(bytes))).unwrap_or(CountroomBuffer {
        data: std::ptr::null_mut(),
        len: 0,
        tag: 0,
    });
    // SAFETY: `out` is not null (checked above) and the caller promises it
    // is valid for writes; `write` does not read or drop what it held.
    unsafe { out.write(buffer) };
    status
}

/// The bytes at `data`, or the problem with them.
///
/// # Safety
///
/// `data` is null or valid for reads of `len` bytes that are not changed
/// during the call.
unsafe fn bytes<'a>(data: *const u8, len: usize, what: &str) -> Result<&'a [u8], Error> {
    if data.is_null() {
        return Err(invalid("null_pointer", &format!("{what} is NULL")));
    }
    if len == 0 {
        return Err(invalid("empty_input", &format!("{what} has length 0")));
    }
    // SAFETY: `data` is not null, and the caller promises `len` readable
    // bytes there that do not change during the call.
    Ok(unsafe { std::slice::from_raw_parts(data, len) })
}

/// The UTF-8 text of the C string `s`, or the problem with it.
///
/// # Safety
///
/// `s` is null or a NUL-terminated string not changed during the call.
unsafe fn text<'a>(s: *const c_char, what: &str) -> Result<&'a str, Error> {
    if s.is_null() {
        return Err(invalid("null_pointer", &format!("{what} is NULL")));
    }
    // SAFETY: `s` is not null and the caller promises a NUL-terminated
    // string.
    let c = unsafe { CStr::from_ptr(s) };
    c.to_str()
        .map_err(|e| invalid("not_utf8", &format!("{what} is not UTF-8: {e}")))
}

/// The count behind `count`, if countroom opened it and has not closed
/// it. The pointer is only compared, never read: any value is safe.
fn with_count<T>(
    count: *const CountroomCount,
    body: impl FnOnce(&Mutex<Count>) -> Result<T, Error>,
) -> Result<T, Error> {
    if count.is_null() {
        return Err(invalid("null_pointer", "the count is NULL"));
    }
    // The registry's lock is held only to take a reference: a close on
    // another thread cannot free the count under this call.
    let found = live(&LIVE_COUNTS).get(&count.addr()).cloned();
    let Some(found) = found else {
        return Err(invalid(
            "unknown_count",
            "the count was not opened by countroom_count_open, or was closed",
        ));
    };
    body(&found)
}

fn lock(count: &Mutex<Count>) -> std::sync::MutexGuard<'_, Count> {
    // A panic during an append leaves the count as it was (the log is
    // replaced only at the end of a successful append).
    count
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// countroom's version (e.g. `0.1.0`), a static NUL-terminated string: do
/// not free it.
#[no_mangle]
pub extern "C" fn countroom_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The name of a status (`"ok"`, `"invalid_argument"`, `"input"`,
/// `"rejected"`, `"not_found"`, `"io"`, `"internal"`), a static
/// NUL-terminated string: do not free it. Any other value, which is no
/// status countroom returns, is `"unknown"` (the value is taken as the
/// integer C passes for an enum, so no value is undefined behaviour).
#[no_mangle]
pub extern "C" fn countroom_status_name(status: c_int) -> *const c_char {
    let known = [
        CountroomStatus::Ok,
        CountroomStatus::InvalidArgument,
        CountroomStatus::Input,
        CountroomStatus::Rejected,
        CountroomStatus::NotFound,
        CountroomStatus::Io,
        CountroomStatus::Internal,
    ];
    let name: &'static str = match known.into_iter().find(|s| *s as c_int == status) {
        Some(CountroomStatus::Ok) => "ok\0",
        Some(CountroomStatus::InvalidArgument) => "invalid_argument\0",
        Some(CountroomStatus::Input) => "input\0",
        Some(CountroomStatus::Rejected) => "rejected\0",
        Some(CountroomStatus::NotFound) => "not_found\0",
        Some(CountroomStatus::Io) => "io\0",
        Some(CountroomStatus::Internal) => "internal\0",
        None => "unknown\0",
    };
    name.as_ptr().cast()
}

/// Replays a count log (`len` bytes at `log`) and writes the report of
/// every contest as JSON to `out`: the same bytes as `countroom count LOG
/// --format json`.
///
/// Returns `COUNTROOM_STATUS_OK`; `COUNTROOM_STATUS_INPUT` with every
/// problem of the log; `COUNTROOM_STATUS_INVALID_ARGUMENT` for a null
/// pointer or a zero length (and, when `out` is NULL, with nothing
/// written).
///
/// # Safety
///
/// `log` is NULL or points to `len` readable bytes; `out` is NULL or points
/// to a writable `CountroomBuffer`.
#[no_mangle]
pub unsafe extern "C" fn countroom_replay(
    log: *const u8,
    len: usize,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises about `log`, `len` and `out` are those
    // `run` and `bytes` need.
    unsafe { run(out, || api::replay(bytes(log, len, "the log")?)) }
}

/// Writes the public key of a checkpoint signing key to `out` (64
/// lower-case hex digits, as an `officer_appointed` entry's `public_key`
/// takes it): `secret` is the secret, 64 lower-case hex digits (as
/// `countroom keygen` writes it; or 32 bytes of the caller's own random
/// source, in hex). countroom draws no random numbers and keeps no copy.
///
/// Returns `COUNTROOM_STATUS_OK`; `COUNTROOM_STATUS_INPUT` for a secret
/// that is not 64 lower-case hex digits (`not_a_key`);
/// `COUNTROOM_STATUS_INVALID_ARGUMENT` for a null pointer or text that is
/// not UTF-8.
///
/// # Safety
///
/// `secret` is NULL or NUL-terminated; `out` is NULL or points to a
/// writable `CountroomBuffer`.
#[no_mangle]
pub unsafe extern "C" fn countroom_public_key(
    secret: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `run` and `text` need.
    unsafe { run(out, || api::public_key(text(secret, "the secret key")?)) }
}

/// Writes the bytes of a new count log to `out` (`countroom::api::new_log`):
/// the header (this countroom's version and ruleset digest), then the
/// `election_defined` entry for `election` (an identifier) named `name`,
/// polled on `poll_date` (`YYYY-MM-DD`), recorded as `note` says. Write
/// them to the log file, then open the count with
/// [`countroom_count_open`] and go on with the contests and appointments.
///
/// Returns `COUNTROOM_STATUS_OK`; `COUNTROOM_STATUS_INPUT` with every
/// problem (`bad_id` for the election, `bad_date`, `empty` for the name,
/// an `at` that is not RFC 3339); `COUNTROOM_STATUS_INVALID_ARGUMENT` for
/// a null pointer or text that is not UTF-8.
///
/// # Safety
///
/// `note` is NULL or points to a readable `CountroomNote` whose strings
/// are NULL or NUL-terminated; `election`, `name` and `poll_date` are NULL
/// or NUL-terminated; `out` is NULL or points to a writable
/// `CountroomBuffer`.
#[no_mangle]
pub unsafe extern "C" fn countroom_new_log(
    note: *const CountroomNote,
    election: *const c_char,
    name: *const c_char,
    poll_date: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            if note.is_null() {
                return Err(invalid("null_pointer", "the note is NULL"));
            }
            let n = &*note;
            let mut typed_note = crate::typed::Note::by(text(n.by, "the note's by")?);
            if let Some(at) = optional_text(n.at, "the note's at")? {
                typed_note = typed_note.at(at);
            }
            if let Some(reason) = optional_text(n.reason, "the note's reason")? {
                typed_note = typed_note.reason(reason);
            }
            api::new_log(
                &typed_note,
                text(election, "the election id")?,
                text(name, "the election's name")?,
                text(poll_date, "the poll date")?,
            )
        })
    }
}

/// Opens a count from its log (`len` bytes at `log`, copied): the log must
/// read and replay without a problem. On success `*count_out` is the new
/// count (close it with [`countroom_count_close`]) and `out` is an empty
/// JSON list (`[]`); otherwise `*count_out` is NULL and `out` holds the
/// problems.
///
/// # Safety
///
/// `log` is NULL or points to `len` readable bytes; `count_out` is NULL or
/// points to a writable `CountroomCount *`; `out` is NULL or points to a
/// writable `CountroomBuffer`.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_open(
    log: *const u8,
    len: usize,
    count_out: *mut *mut CountroomCount,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `open_with` needs.
    unsafe {
        open_with(log, len, count_out, out, |log| {
            Ok((Count::open(log)?, b"[]\n".to_vec()))
        })
    }
}

/// Opens a count as [`countroom_count_open`] does, except that a last line
/// cut short (no line feed after it, as a crash while writing leaves it),
/// when it is the log's only problem, is left out: the count goes on from
/// the last complete line. On success `out` holds
/// `{"torn_tail": null}` (nothing left out) or `{"torn_tail": {"line": …,
/// "offset": …, "len": …, "problems": […]}}`: truncate the file to
/// `offset` bytes before writing to it ([`countroom_count_log`] is the log
/// without the torn line). A complete line is never left out; any other
/// problem is refused as by [`countroom_count_open`].
///
/// # Safety
///
/// As [`countroom_count_open`].
#[no_mangle]
pub unsafe extern "C" fn countroom_count_open_truncating_torn_tail(
    log: *const u8,
    len: usize,
    count_out: *mut *mut CountroomCount,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `open_with` needs.
    unsafe {
        open_with(log, len, count_out, out, |log| {
            let (count, torn) = Count::open_truncating_torn_tail(log)?;
            Ok((count, api::TornTail::report_json(torn.as_ref())?))
        })
    }
}

/// Opens a count with `open` (the count and what `out` is to hold), and
/// gives it to C in `*count_out` (NULL on any failure).
///
/// # Safety
///
/// As [`countroom_count_open`].
unsafe fn open_with(
    log: *const u8,
    len: usize,
    count_out: *mut *mut CountroomCount,
    out: *mut CountroomBuffer,
    open: impl FnOnce(&[u8]) -> Result<(Count, Vec<u8>), Error>,
) -> CountroomStatus {
    if !count_out.is_null() {
        // SAFETY: not null, and the caller promises it is writable.
        unsafe { count_out.write(std::ptr::null_mut()) };
    }
    // SAFETY: the caller's promises about `log`, `len` and `out` are those
    // `run` and `bytes` need.
    unsafe {
        run(out, || {
            if count_out.is_null() {
                return Err(invalid("null_pointer", "count_out is NULL"));
            }
            let (count, report) = open(bytes(log, len, "the log")?)?;
            let inner = Arc::new(Mutex::new(count));
            // A handle never given before: never an address, never
            // dereferenced, so a closed count's pointer is no later count's.
            let handle =
                usize::try_from(NEXT_COUNT.fetch_add(1, Ordering::Relaxed)).map_err(|_| {
                    Error::one(
                        ErrorKind::Internal,
                        "",
                        "too_many_counts",
                        "this process has opened more counts than a pointer can number",
                    )
                })?;
            let raw = std::ptr::without_provenance_mut::<CountroomCount>(handle);
            live(&LIVE_COUNTS).insert(handle, inner);
            // SAFETY: not null (checked above), and the caller promises it
            // is writable.
            count_out.write(raw);
            Ok(report)
        })
    }
}

/// Appends an entry to the count: `len` bytes at `entry`, a JSON object
/// `{"by":…,"at":…,"reason":…,"event":{…}}` without `seq` or `prev` (or
/// several, one a line; all or nothing). On success `out` holds the lines
/// appended, exactly as they are now in the log (numbered and, in a version
/// 2 log, chained), each ending in a line feed: write them to the log file.
///
/// Returns `COUNTROOM_STATUS_OK`; `COUNTROOM_STATUS_REJECTED` when the
/// count refuses the entry (an unknown contest or candidate, a figure that
/// overflows, an actor whose role does not allow it, a bundle after
/// completion, …); `COUNTROOM_STATUS_INPUT` when the bytes are not an entry
/// (not UTF-8, not JSON, an unknown field); `COUNTROOM_STATUS_INVALID_ARGUMENT`
/// for a null or unknown count, a null pointer or a zero length. On any
/// failure the count is unchanged.
///
/// # Safety
///
/// `count` may be any pointer (it is only compared with the counts
/// countroom opened); `entry` is
/// NULL or points to `len` readable bytes; `out` is NULL or points to a
/// writable `CountroomBuffer`.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_append(
    count: *mut CountroomCount,
    entry: *const u8,
    len: usize,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises about `entry`, `len` and `out` are
    // those `run` and `bytes` need (`count` is only compared).
    unsafe {
        run(out, || {
            with_count(count, |c| {
                let entry = bytes(entry, len, "the entry")?;
                lock(c).append(entry)
            })
        })
    }
}

/// Who records a typed command, and when and why: the entry's `by`, `at`
/// and `reason` (NUL-terminated UTF-8 strings; `at` and `reason` may be
/// NULL). `by` is a person's id (appointed, once the log records
/// appointments); `at` an RFC 3339 date and time such as
/// `2026-05-08T01:30:00+01:00` (countroom never reads a clock).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomNote {
    /// The person recording it (not NULL).
    pub by: *const c_char,
    /// When (RFC 3339), or NULL.
    pub at: *const c_char,
    /// Why, or NULL.
    pub reason: *const c_char,
}

/// One candidate's votes in a bundle: the candidate's id (a NUL-terminated
/// UTF-8 string) and the votes.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomVotes {
    /// The candidate's id.
    pub candidate: *const c_char,
    /// The votes.
    pub votes: u64,
}

/// Applies a typed command to the count: the note read, the command built
/// from its values (every problem listed), then applied.
///
/// # Safety
///
/// `note` is null or points to a readable `CountroomNote` whose strings
/// are null or NUL-terminated, none changed during the call.
unsafe fn apply_typed(
    count: *const CountroomCount,
    note: *const CountroomNote,
    command: impl FnOnce() -> Result<crate::typed::Command, Error>,
) -> Result<Vec<u8>, Error> {
    if note.is_null() {
        return Err(invalid("null_pointer", "the note is NULL"));
    }
    // SAFETY: not null; the caller promises a readable struct.
    let n = unsafe { &*note };
    // SAFETY: as the caller promises, for each string.
    let (by, at, reason) = unsafe {
        (
            text(n.by, "the note's by")?,
            optional_text(n.at, "the note's at")?,
            optional_text(n.reason, "the note's reason")?,
        )
    };
    let mut typed_note = crate::typed::Note::by(by);
    if let Some(at) = at {
        typed_note = typed_note.at(at);
    }
    if let Some(reason) = reason {
        typed_note = typed_note.reason(reason);
    }
    with_count(count, |c| lock(c).apply_built(&typed_note, command()))
}

/// A typed command: a bundle (or a table's tally) counted by hand at a
/// first-past-the-post poll, recorded as `note` says: `votes_len`
/// candidates' votes at `votes` (NULL only when `votes_len` is 0), and the
/// papers in it at `papers` (NULL: not given; required at a poll of
/// several seats). On success `out` holds the line appended, ending in a
/// line feed: the same line as the JSON entry `bundle_counted` would give.
///
/// Returns `COUNTROOM_STATUS_OK`; `COUNTROOM_STATUS_INPUT` for an id that
/// is not an identifier or an `at` that is not RFC 3339 (every problem
/// listed); `COUNTROOM_STATUS_REJECTED` when the count refuses it (an
/// unknown contest or candidate, a total past the largest count, a person
/// whose role does not allow it, a bundle after completion);
/// `COUNTROOM_STATUS_INVALID_ARGUMENT` for a null or unknown count, a null
/// pointer or text that is not UTF-8. On any failure the count is
/// unchanged. countroom keeps no pointer given: the caller owns `note`,
/// the strings and `votes`, and may free them when the call returns.
///
/// # Safety
///
/// `count` may be any pointer (only compared); `note` is NULL or points to
/// a readable `CountroomNote` (its strings NULL or NUL-terminated);
/// `contest` and `bundle` are NULL or NUL-terminated; `votes` is NULL or
/// points to `votes_len` readable `CountroomVotes` whose `candidate` is
/// NULL or NUL-terminated; `papers` is NULL or points to a readable
/// `uint64_t`; `out` is NULL or points to a writable `CountroomBuffer`.
/// Nothing is changed during the call.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_bundle(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    bundle: *const c_char,
    votes: *const CountroomVotes,
    votes_len: usize,
    papers: *const u64,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let contest = text(contest, "the contest id")?;
            let bundle = text(bundle, "the bundle id")?;
            let votes = votes_of(votes, votes_len)?;
            let papers = if papers.is_null() {
                None
            } else {
                Some(papers.read())
            };
            apply_typed(count, note, || {
                crate::typed::bundle(contest, bundle, &votes, papers)
            })
        })
    }
}

/// A typed command: papers rejected under a head of the contest's ruleset,
/// by its code (`"too_many_votes"`, `"unmarked_or_void"`, …), recorded as
/// `note` says. Returns, and owns, as [`countroom_count_bundle`].
///
/// # Safety
///
/// As [`countroom_count_bundle`]; `head` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_rejected(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    head: *const c_char,
    papers: u64,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let contest = text(contest, "the contest id")?;
            let head = text(head, "the head")?;
            apply_typed(count, note, || {
                crate::typed::rejected(contest, head, papers)
            })
        })
    }
}

/// A typed command: the count of the contest's current run completed,
/// recorded as `note` says. Returns, and owns, as
/// [`countroom_count_bundle`] (refused: a contest with doubtful papers
/// undecided, a run already completed, …).
///
/// # Safety
///
/// As [`countroom_count_bundle`].
#[no_mangle]
pub unsafe extern "C" fn countroom_count_complete(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let contest = text(contest, "the contest id")?;
            apply_typed(count, note, || crate::typed::complete(contest))
        })
    }
}

/// A typed command: the result of the contest's current run declared,
/// recorded as `note` says. Returns, and owns, as
/// [`countroom_count_bundle`] (refused: a second declaration, a run not
/// completed, a lot the result needs not yet recorded, …).
///
/// # Safety
///
/// As [`countroom_count_bundle`].
#[no_mangle]
pub unsafe extern "C" fn countroom_count_declare(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let contest = text(contest, "the contest id")?;
            apply_typed(count, note, || crate::typed::declare(contest))
        })
    }
}

/// One ballot paper of a batch held in memory: the 0-based positions (in
/// ballot-paper order, among the candidates standing) of the candidates it
/// has a cross for, `len` of them at `crosses` (NULL only when `len` is 0:
/// an unmarked paper).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomPaper {
    /// The candidates' positions.
    pub crosses: *const u32,
    /// How many.
    pub len: usize,
}

/// A head and its papers (for a local total's rejected papers): the head's
/// code (a NUL-terminated UTF-8 string) and the papers.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomHeadPapers {
    /// The head's code (`"too_many_votes"`, …).
    pub head: *const c_char,
    /// The papers.
    pub papers: u64,
}

/// `len` items at `data` (NULL only when `len` is 0).
///
/// # Safety
///
/// `data` is null or valid for reads of `len` items not changed during
/// the call.
unsafe fn items<'a, T>(data: *const T, len: usize, what: &str) -> Result<&'a [T], Error> {
    if len == 0 {
        return Ok(&[]);
    }
    if data.is_null() {
        return Err(invalid("null_pointer", &format!("{what} are NULL")));
    }
    // SAFETY: not null, and the caller promises `len` readable items.
    Ok(unsafe { std::slice::from_raw_parts(data, len) })
}

/// The (id, figure) pairs of `CountroomVotes`.
///
/// # Safety
///
/// As [`items`], each `candidate` null or NUL-terminated.
unsafe fn votes_of<'a>(
    votes: *const CountroomVotes,
    len: usize,
) -> Result<Vec<(&'a str, u64)>, Error> {
    // SAFETY: as the caller promises.
    unsafe { items(votes, len, "the votes") }?
        .iter()
        // SAFETY: as the caller promises, for each candidate.
        .map(|v| Ok((unsafe { text(v.candidate, "a candidate's id") }?, v.votes)))
        .collect()
}

/// A typed command: a batch of ballot papers held in memory, each marked
/// with crosses only (`papers_len` papers at `papers`), adjudicated under
/// the contest's ruleset and counted as one batch tied to its papers by
/// their content hash (papers with other marks go through
/// [`countroom_count_marked_batch`]). Returns, and owns, as
/// [`countroom_count_bundle`]; a position past the most a ballot paper can
/// hold is `COUNTROOM_STATUS_INPUT` (code `papers`).
///
/// # Safety
///
/// As [`countroom_count_bundle`]; `batch` is NULL or NUL-terminated;
/// `papers` is NULL or points to `papers_len` readable `CountroomPaper`s,
/// each `crosses` NULL or pointing to `len` readable `uint32_t`s.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_batch(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    batch: *const c_char,
    papers: *const CountroomPaper,
    papers_len: usize,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let contest = text(contest, "the contest id")?;
            let batch = text(batch, "the batch id")?;
            let papers = items(papers, papers_len, "the papers")?
                .iter()
                .map(|p| {
                    Ok(items(p.crosses, p.len, "a paper's crosses")?
                        .iter()
                        .map(|&c| c as usize) // u32 into usize: no loss on the targets built
                        .collect::<Vec<usize>>())
                })
                .collect::<Result<Vec<_>, Error>>()?;
            apply_typed(count, note, || crate::typed::batch(contest, batch, &papers))
        })
    }
}

/// A typed command: a re-count of the completed run requested, on behalf
/// of `candidate` (NULL: by the returning officer of their own motion).
/// Returns, and owns, as [`countroom_count_bundle`].
///
/// # Safety
///
/// As [`countroom_count_bundle`]; `candidate` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_request_recount(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    candidate: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let contest = text(contest, "the contest id")?;
            let candidate = optional_text(candidate, "the candidate's id")?;
            apply_typed(count, note, || {
                crate::typed::request_recount(contest, candidate)
            })
        })
    }
}

/// A typed command: the returning officer's decision on a request for a
/// re-count (`granted` non-zero: granted, a new run begins). Returns, and
/// owns, as [`countroom_count_bundle`].
///
/// # Safety
///
/// As [`countroom_count_bundle`].
#[no_mangle]
pub unsafe extern "C" fn countroom_count_decide_recount(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    granted: u8,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let contest = text(contest, "the contest id")?;
            apply_typed(count, note, || {
                crate::typed::decide_recount(contest, granted != 0)
            })
        })
    }
}

/// A typed command: a lot the Returning Officer drew at the count between
/// the `tied_len` candidates at `tied`, which fell on the `winners_len` at
/// `winners`, as `description` says (`purpose`: `"election"`,
/// `"longer_term"`, `"surplus_order"`, `"exclusion"`). countroom never
/// draws a lot. Returns, and owns, as [`countroom_count_bundle`].
///
/// # Safety
///
/// As [`countroom_count_bundle`]; `purpose` and `description` are NULL or
/// NUL-terminated; `tied` and `winners` are NULL or point to that many
/// readable pointers, each NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_lot(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    purpose: *const c_char,
    tied: *const *const c_char,
    tied_len: usize,
    winners: *const *const c_char,
    winners_len: usize,
    description: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let contest = text(contest, "the contest id")?;
            let purpose = text(purpose, "the purpose")?;
            let description = text(description, "the description")?;
            let ids = |data, len, what| -> Result<Vec<&str>, Error> {
                items(data, len, what)?
                    .iter()
                    .map(|&s| text(s, "a candidate's id"))
                    .collect()
            };
            let tied = ids(tied, tied_len, "the candidates tied")?;
            let winners = ids(winners, winners_len, "the winners")?;
            apply_typed(count, note, || {
                crate::typed::lot(contest, purpose, &tied, &winners, description)
            })
        })
    }
}

/// A typed command: a counting area's local total reported to the
/// collating officer (or a constituency's list total at a list poll):
/// the papers going forward, `votes_len` votes by candidate (or party) at
/// `votes`, `rejected_len` rejected papers by head at `rejected`, and the
/// area's `explanation` of a variance (NULL: none). Returns, and owns, as
/// [`countroom_count_bundle`].
///
/// # Safety
///
/// As [`countroom_count_bundle`]; `counting_area` and `explanation` are
/// NULL or NUL-terminated; `rejected` is NULL or points to `rejected_len`
/// readable `CountroomHeadPapers` whose `head` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_local_total(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    papers_forward: u64,
    votes: *const CountroomVotes,
    votes_len: usize,
    rejected: *const CountroomHeadPapers,
    rejected_len: usize,
    explanation: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let contest = text(contest, "the contest id")?;
            let area = text(counting_area, "the counting area's id")?;
            let votes = votes_of(votes, votes_len)?;
            let rejected = items(rejected, rejected_len, "the rejected papers")?
                .iter()
                .map(|h| Ok((text(h.head, "a head's code")?, h.papers)))
                .collect::<Result<Vec<_>, Error>>()?;
            let explanation = optional_text(explanation, "the explanation")?;
            apply_typed(count, note, || {
                crate::typed::local_total(
                    contest,
                    area,
                    papers_forward,
                    &votes,
                    &rejected,
                    explanation,
                )
            })
        })
    }
}

/// A typed command: a counting area's local total authorised by the
/// collating officer (or the regional returning officer). Returns, and
/// owns, as [`countroom_count_bundle`].
///
/// # Safety
///
/// As [`countroom_count_bundle`]; `counting_area` is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_authorise(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let contest = text(contest, "the contest id")?;
            let area = text(counting_area, "the counting area's id")?;
            apply_typed(count, note, || crate::typed::authorise(contest, area))
        })
    }
}

/// Writes the documents of the count as JSON to `out`: every contest when
/// `contest` is NULL, or the contest with that id (a NUL-terminated UTF-8
/// string): the same bytes as `countroom count LOG --format json
/// [--contest ID]`.
///
/// Returns `COUNTROOM_STATUS_OK`; `COUNTROOM_STATUS_NOT_FOUND` when the log
/// defines no such contest (the problem lists those it does);
/// `COUNTROOM_STATUS_INVALID_ARGUMENT` for a null or unknown count or a
/// contest id that is not UTF-8.
///
/// # Safety
///
/// `count` may be any pointer (it is only compared with the counts
/// countroom opened); `contest` is
/// NULL or a NUL-terminated string; `out` is NULL or points to a writable
/// `CountroomBuffer`.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_documents(
    count: *const CountroomCount,
    contest: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises about `contest` and `out` are those
    // `run` and `text` need (`count` is only compared).
    unsafe {
        run(out, || {
            let contest = if contest.is_null() {
                None
            } else {
                Some(text(contest, "the contest id")?)
            };
            with_count(count, |c| lock(c).documents(contest))
        })
    }
}

/// Writes the documents of the count to `out` in `format` (a
/// NUL-terminated string: `json`, `text`, `csv`, `dc-json`, `err-json`,
/// `err-xml` or `html`), every contest's when `contest` is NULL, or the
/// contest with that id's: the bytes `countroom count LOG --format FORMAT`
/// prints for the log (`countroom_ffi::api::Count::documents_in`).
///
/// Returns `COUNTROOM_STATUS_OK`; `COUNTROOM_STATUS_NOT_FOUND` for a
/// contest the log does not define; `COUNTROOM_STATUS_INVALID_ARGUMENT`
/// for another format (`unknown_format`), a null or unknown count, or text
/// that is not UTF-8.
///
/// # Safety
///
/// `count` may be any pointer (only compared); `format` is NULL or
/// NUL-terminated; `contest` is NULL or NUL-terminated; `out` is NULL or
/// points to a writable `CountroomBuffer`.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_documents_in(
    count: *const CountroomCount,
    format: *const c_char,
    contest: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `run` and `text` need
    // (`count` is only compared).
    unsafe {
        run(out, || {
            let format = text(format, "the format")?;
            let contest = optional_text(contest, "the contest id")?;
            with_count(count, |c| lock(c).documents_in(format, contest))
        })
    }
}

/// Writes where the count stands to `out`, cheaply (no document is
/// projected; it costs the contests' candidates, not the log): the log's
/// entries, its chain head (hex, and in groups of four as read aloud) and
/// whether it is tamper-evident, and each contest's status, run, bundles,
/// batches, papers counted and rejected and candidates' votes, as JSON
/// (`countroom_ffi::api::Count::progress_json`).
///
/// Returns `COUNTROOM_STATUS_OK`; `COUNTROOM_STATUS_INVALID_ARGUMENT` for
/// a null or unknown count.
///
/// # Safety
///
/// `count` may be any pointer (it is only compared with the counts
/// countroom opened); `out` is NULL or points to a writable
/// `CountroomBuffer`.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_progress(
    count: *const CountroomCount,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promise about `out` is the one `run` needs
    // (`count` is only compared).
    unsafe { run(out, || with_count(count, |c| lock(c).progress_json())) }
}

/// Writes the whole log of the count to `out`: the bytes it was opened
/// with, then every line appended.
///
/// # Safety
///
/// `count` may be any pointer (it is only compared with the counts
/// countroom opened); `out` is NULL
/// or points to a writable `CountroomBuffer`.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_log(
    count: *const CountroomCount,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promise about `out` is the one `run` needs
    // (`count` is only compared).
    unsafe { run(out, || with_count(count, |c| Ok(lock(c).log().to_vec()))) }
}

/// Closes a count and frees it. NULL is a no-op (`COUNTROOM_STATUS_OK`); a
/// count countroom did not give, or already closed, is
/// `COUNTROOM_STATUS_INVALID_ARGUMENT` and nothing is freed.
///
/// # Safety
///
/// Any pointer is safe: it is only compared with the handles
/// [`countroom_count_open`] gave and no close has taken back (a handle is
/// never given twice, so a closed count's pointer is refused for ever).
#[no_mangle]
pub unsafe extern "C" fn countroom_count_close(count: *mut CountroomCount) -> CountroomStatus {
    if count.is_null() {
        return CountroomStatus::Ok;
    }
    let closed = catch_unwind(AssertUnwindSafe(|| {
        // The count is dropped with its last reference: here, or when a
        // call still running on another thread finishes.
        if take_back(&LIVE_COUNTS, |counts| {
            counts.remove(&count.addr()).is_some()
        }) {
            return CountroomStatus::InvalidArgument;
        }
        CountroomStatus::Ok
    }));
    closed.unwrap_or(CountroomStatus::Internal)
}

/// Counts a BLT ballot file (`len` bytes at `blt`) by the single
/// transferable vote under `rules` ([`COUNTROOM_STV_SCOTLAND`] or
/// [`COUNTROOM_STV_NORTHERN_IRELAND`]) and writes the stage sheet as JSON
/// to `out`: the same bytes as `countroom stv FILE --rules scotland|ni
/// --format json`.
///
/// Returns `COUNTROOM_STATUS_OK`; `COUNTROOM_STATUS_INPUT` with every
/// problem of the file (each with its line), or when the count needs a lot;
/// `COUNTROOM_STATUS_INVALID_ARGUMENT` for unknown rules, a null pointer or
/// a zero length.
///
/// # Safety
///
/// `blt` is NULL or points to `len` readable bytes; `out` is NULL or points
/// to a writable `CountroomBuffer`.
#[no_mangle]
pub unsafe extern "C" fn countroom_stv_count(
    blt: *const u8,
    len: usize,
    rules: u32,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises about `blt`, `len` and `out` are those
    // `run` and `bytes` need.
    unsafe {
        run(out, || {
            let rules = stv_rules(rules)?;
            api::stv_count(bytes(blt, len, "the BLT file")?, rules)
        })
    }
}

/// [`countroom_stv_count`] of the BLT file at `path` (a NUL-terminated
/// UTF-8 path; problems name the file as given). A file that cannot be
/// read is `COUNTROOM_STATUS_IO`.
///
/// # Safety
///
/// `path` is NULL or a NUL-terminated string; `out` is NULL or points to a
/// writable `CountroomBuffer`.
#[no_mangle]
pub unsafe extern "C" fn countroom_stv_count_file(
    path: *const c_char,
    rules: u32,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises about `path` and `out` are those `run`
    // and `text` need.
    unsafe {
        run(out, || {
            let rules = stv_rules(rules)?;
            let path = text(path, "the path")?;
            api::stv_count_file(std::path::Path::new(path), rules)
        })
    }
}

fn stv_rules(rules: u32) -> Result<Rules, Error> {
    match rules {
        COUNTROOM_STV_SCOTLAND => Ok(Rules::Scotland),
        COUNTROOM_STV_NORTHERN_IRELAND => Ok(Rules::NorthernIreland),
        other => Err(invalid(
            "unknown_rules",
            &format!(
                "unknown STV rules {other}: give COUNTROOM_STV_SCOTLAND (0) or COUNTROOM_STV_NORTHERN_IRELAND (1)"
            ),
        )),
    }
}

/// A CSV file given by its bytes for [`countroom_results`]: `len` bytes at
/// `data`, and its `name` (a NUL-terminated UTF-8 string, as problems and
/// the report name the file; NULL: `<results>`, `<contests>` or
/// `<previous>`). An optional file is left out with `data` NULL.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomCsvFile {
    /// The file's name, or NULL.
    pub name: *const c_char,
    /// Its bytes (NULL: no file, where the file is optional).
    pub data: *const u8,
    /// How many bytes.
    pub len: usize,
}

/// What [`countroom_results`] and [`countroom_results_log`] take besides
/// the results file: the CLI's `--contests`, `--previous`, `--columns`,
/// `--date`, `--published` and `--election`. Every pointer may be NULL
/// (left out); set every field (zero the struct for none).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomResultsOptions {
    /// The contests CSV (`data` NULL: none).
    pub contests: CountroomCsvFile,
    /// The previous election's results CSV (`data` NULL: none).
    pub previous: CountroomCsvFile,
    /// Columns of another layout, `ROLE=HEADER,...`, or NULL.
    pub columns: *const c_char,
    /// The poll date, `YYYY-MM-DD`, or NULL (required for the log).
    pub date: *const c_char,
    /// Non-zero: figures that disagree with one another are listed on the
    /// report rather than refused.
    pub published: u8,
    /// The election's id in the log, or NULL (`published`, the CLI's
    /// default).
    pub election: *const c_char,
}

/// An optional C string.
///
/// # Safety
///
/// `s` is null or a NUL-terminated string not changed during the call.
unsafe fn optional_text<'a>(s: *const c_char, what: &str) -> Result<Option<&'a str>, Error> {
    if s.is_null() {
        Ok(None)
    } else {
        // SAFETY: as the caller promises.
        unsafe { text(s, what) }.map(Some)
    }
}

/// A CSV file's name and bytes (`required`: its bytes may not be NULL).
///
/// # Safety
///
/// `file.name` is null or a NUL-terminated string, and `file.data` null or
/// valid for reads of `file.len` bytes, none changed during the call.
unsafe fn csv_file<'a>(
    file: &CountroomCsvFile,
    default_name: &'a str,
    what: &str,
) -> Result<Option<api::CsvFile<'a>>, Error> {
    if file.data.is_null() {
        return Ok(None);
    }
    // SAFETY: as the caller promises.
    let name = unsafe { optional_text(file.name, &format!("{what}'s name")) }?;
    // SAFETY: as the caller promises.
    let bytes = unsafe { bytes(file.data, file.len, what) }?;
    Ok(Some(api::CsvFile {
        name: name.unwrap_or(default_name),
        bytes,
    }))
}

/// Reads the results file and options, and runs `body` on them.
///
/// # Safety
///
/// As [`countroom_results`].
unsafe fn with_results(
    results: *const CountroomCsvFile,
    options: *const CountroomResultsOptions,
    body: impl FnOnce(api::CsvFile<'_>, &api::ResultsOptions<'_>, &str) -> Result<Vec<u8>, Error>,
) -> Result<Vec<u8>, Error> {
    if results.is_null() {
        return Err(invalid("null_pointer", "the results file is NULL"));
    }
    // SAFETY: not null; the caller promises a readable struct.
    let results = unsafe { &*results };
    if results.data.is_null() {
        return Err(invalid("null_pointer", "the results file's data is NULL"));
    }
    // SAFETY: as the caller promises.
    let Some(file) = (unsafe { csv_file(results, "<results>", "the results file") })? else {
        return Err(invalid("null_pointer", "the results file's data is NULL"));
    };
    let mut opts = api::ResultsOptions::new();
    let mut election = "published";
    if !options.is_null() {
        // SAFETY: not null; the caller promises a readable struct.
        let o = unsafe { &*options };
        // SAFETY: as the caller promises, for each field.
        unsafe {
            if let Some(c) = csv_file(&o.contests, "<contests>", "the contests file")? {
                opts = opts.contests(c);
            }
            if let Some(p) = csv_file(&o.previous, "<previous>", "the previous results file")? {
                opts = opts.previous(p);
            }
            if let Some(c) = optional_text(o.columns, "the columns")? {
                opts = opts.columns(c);
            }
            if let Some(d) = optional_text(o.date, "the date")? {
                opts = opts.date(d);
            }
            if let Some(e) = optional_text(o.election, "the election's id")? {
                election = e;
            }
        }
        opts = opts.published(o.published != 0);
    }
    body(file, &opts, election)
}

/// Checks published results and writes the report as JSON to `out`: the
/// same bytes as `countroom results FILE --format json` with the options
/// (`options` NULL: none). The problems the check finds (a published
/// winner the rules do not elect, a tie only a lot decides, ...) are in the
/// report, with `COUNTROOM_STATUS_OK`.
///
/// Returns `COUNTROOM_STATUS_OK`; `COUNTROOM_STATUS_INPUT` with every
/// problem of a file (and, without `published`, the figures that disagree
/// with one another); `COUNTROOM_STATUS_INVALID_ARGUMENT` for a null
/// pointer, a zero length, a name or option that is not UTF-8, a columns
/// spec or a date that does not read.
///
/// # Safety
///
/// `results` is NULL or points to a readable `CountroomCsvFile` whose
/// `name` is NULL or a NUL-terminated string and whose `data` is NULL or
/// points to `len` readable bytes; `options` is NULL or points to a
/// readable `CountroomResultsOptions` whose files are as `results` and
/// whose strings are NULL or NUL-terminated; `out` is NULL or points to a
/// writable `CountroomBuffer`. Nothing is changed during the call.
#[no_mangle]
pub unsafe extern "C" fn countroom_results(
    results: *const CountroomCsvFile,
    options: *const CountroomResultsOptions,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `run` and `with_results`
    // need.
    unsafe {
        run(out, || {
            with_results(results, options, |file, opts, _| api::results(file, opts))
        })
    }
}

/// The count log (version 2) the published figures imply, written to
/// `out`: the same bytes as `countroom results FILE --log OUT.jsonl --date
/// DATE [--election ID]` writes, after the same checks as
/// [`countroom_results`]; replayed before it is given (`countroom count`
/// replays it to the published result).
///
/// Returns as [`countroom_results`], and `COUNTROOM_STATUS_INVALID_ARGUMENT`
/// without `options->date` (`no_date`); `COUNTROOM_STATUS_INPUT` when the
/// figures do not make a log (a contest without its electorate, ...).
///
/// # Safety
///
/// As [`countroom_results`].
#[no_mangle]
pub unsafe extern "C" fn countroom_results_log(
    results: *const CountroomCsvFile,
    options: *const CountroomResultsOptions,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `run` and `with_results`
    // need.
    unsafe {
        run(out, || {
            with_results(results, options, |file, opts, election| {
                api::results_log(file, opts, election)
            })
        })
    }
}

/// Frees a buffer countroom wrote and sets it back to `{NULL, 0, 0}`. NULL,
/// or a buffer already empty, is a no-op (`COUNTROOM_STATUS_OK`); a buffer
/// whose bytes countroom did not give, or already freed (a copy of a
/// buffer freed before, even where its memory has since been given to
/// another buffer: the tags differ), or whose `len` or `tag` was changed,
/// is `COUNTROOM_STATUS_INVALID_ARGUMENT` and nothing is freed.
///
/// # Safety
///
/// `buffer` is NULL or points to a readable and writable
/// `CountroomBuffer`.
#[no_mangle]
pub unsafe extern "C" fn countroom_buffer_free(buffer: *mut CountroomBuffer) -> CountroomStatus {
    if buffer.is_null() {
        return CountroomStatus::Ok;
    }
    // SAFETY: not null, and the caller promises it is readable.
    let CountroomBuffer { data, len, tag } = unsafe { buffer.read() };
    if data.is_null() {
        return CountroomStatus::Ok;
    }
    let freed = catch_unwind(AssertUnwindSafe(|| {
        // Taken back only if this is the buffer given at that address:
        // its tag and length as given.
        if take_back(&LIVE_BUFFERS, |buffers| {
            buffers.get(&(data as usize)) == Some(&(tag, len))
                && buffers.remove(&(data as usize)).is_some()
        }) {
            return CountroomStatus::InvalidArgument;
        }
        let Some(total) = len.checked_add(1) else {
            return CountroomStatus::InvalidArgument;
        };
        // SAFETY: `data` was given by `give` (Box::into_raw of a boxed
        // slice of `len + 1` bytes, the length checked against the one
        // recorded then) and was live: it is taken back exactly once, here.
        drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(data, total)) });
        CountroomStatus::Ok
    }))
    .unwrap_or(CountroomStatus::Internal);
    if freed == CountroomStatus::Ok {
        // SAFETY: not null, and the caller promises it is writable.
        unsafe {
            buffer.write(CountroomBuffer {
                data: std::ptr::null_mut(),
                len: 0,
                tag: 0,
            });
        }
    }
    freed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> CountroomBuffer {
        CountroomBuffer {
            data: std::ptr::null_mut(),
            len: 0,
            tag: 0,
        }
    }

    fn as_slice(b: &CountroomBuffer) -> &[u8] {
        // SAFETY: a buffer countroom gave: `len` bytes at `data`.
        unsafe { std::slice::from_raw_parts(b.data, b.len) }
    }

    #[test]
    fn a_panic_is_caught_and_reported() {
        let mut out = empty();
        // SAFETY: `out` is a valid buffer.
        let status = unsafe { run(&mut out, || panic!("boom")) };
        assert_eq!(status, CountroomStatus::Internal);
        let problems: serde_json::Value = serde_json::from_slice(as_slice(&out)).unwrap();
        assert_eq!(problems[0]["code"], "internal");
        // SAFETY: a buffer countroom gave.
        let freed = unsafe { countroom_buffer_free(&mut out) };
        assert_eq!(freed, CountroomStatus::Ok);
    }

    #[test]
    fn a_buffer_is_nul_terminated_and_freed_once() {
        let mut out = empty();
        // SAFETY: `out` is a valid buffer.
        let status = unsafe { run(&mut out, || Ok(b"{}".to_vec())) };
        assert_eq!(status, CountroomStatus::Ok);
        assert_eq!(as_slice(&out), b"{}");
        // SAFETY: the byte after `len` is the NUL countroom adds.
        assert_eq!(unsafe { *out.data.add(out.len) }, 0);
        let copy = CountroomBuffer {
            data: out.data,
            len: out.len,
            tag: out.tag,
        };
        let mut copy = copy;
        // SAFETY: a buffer countroom gave.
        let freed = unsafe { countroom_buffer_free(&mut out) };
        assert_eq!(freed, CountroomStatus::Ok);
        assert!(out.data.is_null());
        // The copy's address is no longer live: refused, not freed again.
        // SAFETY: the pointer is checked against the live set before use.
        let freed = unsafe { countroom_buffer_free(&mut copy) };
        assert_eq!(freed, CountroomStatus::InvalidArgument);
    }

    #[test]
    fn a_count_closed_while_other_threads_use_it_stays_sound() {
        let log = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/data/westbury.jsonl"
        ))
        .unwrap();
        let mut count: *mut CountroomCount = std::ptr::null_mut();
        let mut out = empty();
        // SAFETY: `log` is readable; `count` and `out` are writable.
        let status = unsafe { countroom_count_open(log.as_ptr(), log.len(), &mut count, &mut out) };
        assert_eq!(status, CountroomStatus::Ok);
        // SAFETY: a buffer countroom gave.
        unsafe { countroom_buffer_free(&mut out) };
        let address = count as usize;
        let workers: Vec<_> = (0..4)
            .map(|_| {
                std::thread::spawn(move || {
                    let mut seen = Vec::new();
                    for _ in 0..5 {
                        let mut out = empty();
                        let count = address as *const CountroomCount;
                        // SAFETY: `out` is writable; `count` is only looked up.
                        seen.push(unsafe {
                            countroom_count_documents(count, std::ptr::null(), &mut out)
                        });
                        // SAFETY: a buffer countroom gave.
                        unsafe { countroom_buffer_free(&mut out) };
                    }
                    seen
                })
            })
            .collect();
        // SAFETY: a count countroom opened, closed once.
        let closed = unsafe { countroom_count_close(count) };
        assert_eq!(closed, CountroomStatus::Ok);
        for worker in workers {
            for status in worker.join().unwrap() {
                assert!(
                    matches!(
                        status,
                        CountroomStatus::Ok | CountroomStatus::InvalidArgument
                    ),
                    "{status:?}"
                );
            }
        }
        // SAFETY: only looked up: closed, so refused.
        let again = unsafe { countroom_count_close(count) };
        assert_eq!(again, CountroomStatus::InvalidArgument);
    }

    #[test]
    fn status_names_are_nul_terminated() {
        // SAFETY: static NUL-terminated strings.
        let name =
            unsafe { CStr::from_ptr(countroom_status_name(CountroomStatus::NotFound as c_int)) };
        assert_eq!(name.to_str().unwrap(), "not_found");
        // Any other value is named too: no value is undefined behaviour.
        for other in [7, -1, c_int::MAX, c_int::MIN] {
            // SAFETY: as above.
            let name = unsafe { CStr::from_ptr(countroom_status_name(other)) };
            assert_eq!(name.to_str().unwrap(), "unknown");
        }
        // SAFETY: as above.
        let version = unsafe { CStr::from_ptr(countroom_version()) };
        assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
