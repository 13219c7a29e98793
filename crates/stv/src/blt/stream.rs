//! The streaming BLT reader: one pass over the bytes through a fixed buffer
//! (no line is copied into its own allocation), ballot lines with the same
//! preference sequence merged as they are read, so memory follows the
//! number of distinct sequences, not the number of papers.
//!
//! It gives exactly the problems of the reference reader
//! ([`super::read_lines_with`]), with the same lines and messages, and the
//! same election after [`Election::merged`]; three more problems come only
//! from reading a stream: a line longer than [`BltLimits::max_line_bytes`]
//! ([`BltProblem::LineTooLong`], refused once that many bytes of it are
//! read), a file giving more bytes than [`BltLimits::max_bytes`] while it is
//! read ([`BltProblem::LargerThanLimit`]: the reader stops at the limit) and
//! an I/O error ([`BltProblem::Unreadable`]).
//!
//! A ballot line in the usual form (`<weight> <pref> … 0`, every number
//! valid) is parsed by a fast path; any other line goes through the same
//! code as the reference reader, which names its problems.

use std::collections::BTreeSet;
use std::hash::BuildHasher;
use std::io::Read;

use super::{lossy, number, parse_name, tokens, trim, BltLimits};
use crate::ballots::{Ballots, Candidate, Election, MAX_CANDIDATES};
use crate::error::{BltError, BltErrors, BltProblem, ElectionProblem};

/// The buffer's first size; it grows only for a line longer than it (up to
/// the line limit).
const CHUNK: usize = 256 * 1024;

/// Reads a BLT file from memory with the default [`BltLimits`] (see
/// [`read_from`]).
pub fn read(bytes: &[u8]) -> Result<Election, BltErrors> {
    read_with(bytes, &BltLimits::default())
}

/// Reads a BLT file from memory (see [`read_from`]); a file longer than
/// `limits.max_bytes` is refused before anything is read
/// ([`BltProblem::TooLarge`]).
pub fn read_with(bytes: &[u8], limits: &BltLimits) -> Result<Election, BltErrors> {
    super::check_size(bytes.len() as u64, limits)?;
    read_from(bytes, limits)
}

/// Reads a BLT file from a stream in one pass, never holding more than the
/// current line and the distinct preference sequences, and never reading
/// past `limits.max_bytes` (the stream is read to that limit and one byte
/// more, then refused). Ballot lines with the same sequence are merged, in
/// the order each sequence first appears.
///
/// Every problem is listed with its line (up to `limits.max_problems`), as
/// by the reference reader ([`super::read_lines_with`]); a line too long,
/// a stream past the size limit or an I/O error ends the reading, listed
/// after the problems found before it.
pub fn read_from<R: Read>(reader: R, limits: &BltLimits) -> Result<Election, BltErrors> {
    read_chunked(reader, limits, CHUNK)
}

/// [`read_from`] with a first buffer of `chunk` bytes (the tests use tiny
/// ones, so that lines and line endings fall across refills).
pub(crate) fn read_chunked<R: Read>(
    reader: R,
    limits: &BltLimits,
    chunk: usize,
) -> Result<Election, BltErrors> {
    // A byte limit, not a figure: one byte past the limit (or every byte
    // there is) is read, so that a larger file is seen to be larger.
    let take = u64::try_from(limits.max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut src = Source {
        reader: reader.take(take),
        buf: Vec::new(),
        pos: 0,
        end: 0,
        eof: false,
        read: 0,
        number: 0,
        max_bytes: limits.max_bytes,
        max_line: limits.max_line_bytes,
        chunk: chunk.max(1),
    };
    let mut p = Parse {
        problems: Vec::new(),
        max_problems: limits.max_problems.max(1),
    };
    match parse(&mut src, &mut p, limits) {
        Ok(e) => Ok(e),
        Err(Stop::Problems) => Err(BltErrors(p.problems)),
        Err(Stop::Source(e)) => {
            p.problems.push(e);
            Err(BltErrors(p.problems))
        }
    }
}

/// Why reading stopped.
enum Stop {
    /// The problems listed.
    Problems,
    /// The stream failed (listed after the problems).
    Source(BltError),
}

impl From<BltError> for Stop {
    fn from(e: BltError) -> Self {
        Stop::Source(e)
    }
}

/// The lines of a stream, with their 1-based numbers, trimmed (LF, CRLF or
/// CR end a line, as for the reference reader).
struct Source<R> {
    reader: std::io::Take<R>,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    eof: bool,
    read: usize,
    number: usize,
    max_bytes: usize,
    max_line: usize,
    chunk: usize,
}

impl<R: Read> Source<R> {
    fn error(&self, problem: BltProblem) -> BltError {
        BltError {
            line: self.number + 1,
            problem,
        }
    }

    /// Reads more bytes after those not yet consumed.
    fn fill(&mut self) -> Result<(), BltError> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            // The first chunk, or a line longer than the buffer (at most
            // the line limit and a little more: the caller refuses past it).
            // A buffer length, not a figure: capped at the line limit.
            let grown = (self.buf.len() * 2)
                .max(self.chunk)
                .min(self.max_line.saturating_add(2).max(self.chunk));
            if grown <= self.buf.len() {
                return Err(self.error(BltProblem::LineTooLong {
                    limit: self.max_line,
                }));
            }
            self.buf.resize(grown, 0);
        }
        loop {
            match self.reader.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    // A byte counter compared with the limit: at
                    // usize::MAX it is still past any limit.
                    self.read = self.read.saturating_add(n);
                    if self.read > self.max_bytes {
                        return Err(BltError {
                            line: 0,
                            problem: BltProblem::LargerThanLimit {
                                limit: self.max_bytes,
                            },
                        });
                    }
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    return Err(self.error(BltProblem::Unreadable {
                        error: e.to_string(),
                    }))
                }
            }
        }
    }

    /// Skips a UTF-8 byte-order mark at the start of the stream.
    fn skip_bom(&mut self) -> Result<(), BltError> {
        while self.end - self.pos < 3 && !self.eof {
            self.fill()?;
        }
        if self.buf[self.pos..self.end].starts_with(b"\xef\xbb\xbf") {
            self.pos += 3;
        }
        Ok(())
    }

    /// The next line (blank or not) as its place in the buffer, or `None`
    /// at the end.
    fn advance(&mut self) -> Result<Option<(usize, usize)>, BltError> {
        let (start, stop) = loop {
            let data = &self.buf[self.pos..self.end];
            if let Some(i) = memchr::memchr2(b'\n', b'\r', data) {
                if i > self.max_line {
                    return Err(self.error(BltProblem::LineTooLong {
                        limit: self.max_line,
                    }));
                }
                let nl = self.pos + i;
                let after = if self.buf[nl] == b'\r' {
                    if nl + 1 < self.end {
                        if self.buf[nl + 1] == b'\n' {
                            nl + 2
                        } else {
                            nl + 1
                        }
                    } else if self.eof {
                        nl + 1
                    } else {
                        // A CR at the end of the buffer: a CRLF or not.
                        self.fill()?;
                        continue;
                    }
                } else {
                    nl + 1
                };
                let start = self.pos;
                self.pos = after;
                break (start, nl);
            }
            if self.end - self.pos > self.max_line {
                return Err(self.error(BltProblem::LineTooLong {
                    limit: self.max_line,
                }));
            }
            if self.eof {
                if self.pos == self.end {
                    return Ok(None);
                }
                let start = self.pos;
                self.pos = self.end;
                break (start, self.end);
            }
            self.fill()?;
        };
        self.number += 1;
        Ok(Some((start, stop)))
    }

    /// The next non-blank line, trimmed, with its number.
    fn next_line(&mut self) -> Result<Option<(usize, &[u8])>, BltError> {
        while let Some((start, stop)) = self.advance()? {
            if !trim(&self.buf[start..stop]).is_empty() {
                return Ok(Some((self.number, trim(&self.buf[start..stop]))));
            }
        }
        Ok(None)
    }

    /// The number for a truncation: the line after the last.
    fn after_last(&self) -> usize {
        self.number + 1
    }
}

struct Parse {
    problems: Vec<BltError>,
    max_problems: usize,
}

impl Parse {
    fn problem(&mut self, line: usize, problem: BltProblem) {
        if self.problems.len() < self.max_problems {
            self.problems.push(BltError { line, problem });
        }
    }

    fn full(&self) -> bool {
        self.problems.len() >= self.max_problems
    }

    fn truncated(&mut self, line: usize, expected: &'static str) -> Stop {
        self.problem(line, BltProblem::Truncated { expected });
        Stop::Problems
    }
}

/// Distinct preference sequences with their weights, in first-seen order.
///
/// A sequence short enough to fit in 63 bits, each preference as its
/// candidate number in `bits` bits (the bit length of the number of
/// candidates: 4 bits for up to 15 candidates, so every sequence of a
/// 15-candidate contest fits), is its own key: the slot of the packed table
/// holds the key and the weight together, so finding a sequence seen before
/// touches one slot of 16 bytes and nothing else (a file of many distinct
/// lines in random order waits on memory for each line it looks up; one
/// cache miss a line instead of two). A key is never 0: candidate numbers
/// start at 1, so an empty slot is 0.
///
/// A longer sequence is one record in a flat array (its length, its weight
/// as four 16-bit parts, its preferences: no allocation per sequence), and
/// each slot of the long table holds a record's place and 32 bits of its
/// hash.
///
/// `order` lists every distinct sequence once, in the order it first
/// appeared: a packed key, or [`LONG`] with the record's place. Both tables
/// only find a sequence; the result's order is `order`'s, whatever the hash.
struct Merged {
    hasher: foldhash::fast::RandomState,
    /// Bits per preference in a packed key.
    bits: u32,
    /// The longest sequence that packs into 63 bits.
    max_packed: usize,
    /// `(key, weight)`, `(0, 0)` for an empty slot; a power of two long.
    packed: Vec<(u64, u64)>,
    /// The number of packed keys.
    packed_count: usize,
    records: Vec<u16>,
    /// The number of records.
    count: usize,
    /// `(hash >> 32) << 32 | (place + 1)`, 0 for an empty slot; a power of
    /// two long.
    slots: Vec<u64>,
    order: Vec<u64>,
    /// Packed lines read and not yet added (see [`Merged::add_packed`]).
    batch: Vec<(u64, u64)>,
    /// The first sum of a sequence's papers that would have passed
    /// `u64::MAX`: `(papers so far, weight)`. Never clamped: the reader
    /// refuses the file with [`BltProblem::TooManyPapers`] naming both.
    /// (The reader checks the total of every weight first, which bounds
    /// each sequence's sum, so this stays `None` on any file read.)
    overflow: Option<(u64, u64)>,
}

/// How many packed lines are looked up together.
const BATCH: usize = 64;

/// The record's header: the length and the weight.
const HEAD: usize = 5;

/// Marks an entry of `Merged::order` that is a record's place, not a key
/// (packed keys are below 2^63).
const LONG: u64 = 1 << 63;

impl Merged {
    /// A table for sequences of the candidate numbers `1..=candidates`.
    fn new(candidates: usize) -> Self {
        let bits = (usize::BITS - candidates.leading_zeros()).max(1);
        Merged {
            hasher: foldhash::fast::RandomState::default(),
            bits,
            max_packed: (63 / bits) as usize,
            packed: vec![(0, 0); 1024],
            packed_count: 0,
            records: Vec::new(),
            count: 0,
            slots: vec![0; 16],
            order: Vec::new(),
            batch: Vec::with_capacity(BATCH),
            overflow: None,
        }
    }

    fn weight(&self, at: usize) -> u64 {
        (1..HEAD).rev().fold(0u64, |w, k| {
            (w << 16) | u64::from(self.records.get(at + k).copied().unwrap_or(0))
        })
    }

    fn set_weight(&mut self, at: usize, weight: u64) {
        for k in 1..HEAD {
            if let Some(r) = self.records.get_mut(at + k) {
                // Truncation intended: the 16-bit parts of the weight.
                *r = (weight >> (16 * (k - 1))) as u16;
            }
        }
    }

    /// Adds `weight` papers of `seq` (at most `MAX_CANDIDATES` long, each
    /// a candidate index below the number of candidates, not empty). `Err`
    /// if the records would pass `u32::MAX` places.
    #[inline]
    fn add(&mut self, seq: &[u16], weight: u64) -> Result<(), ()> {
        // The lines before it first: the order of first appearance.
        self.flush();
        if seq.len() > self.max_packed {
            return self.add_long(seq, weight);
        }
        let mut key = 0u64;
        for (k, &c) in seq.iter().enumerate() {
            // Fits: k * bits + bits <= 63, and c + 1 < 2^bits.
            key |= (u64::from(c) + 1) << (k as u32 * self.bits);
        }
        self.add_key(key, weight);
        Ok(())
    }

    /// Adds `weight` papers of the sequence packed as `key` (not 0), in a
    /// batch: the lines are added [`BATCH`] at a time, first touching the
    /// slot each will look at (loads that do not depend on one another, so
    /// the processor waits for their cache misses together, not one line
    /// after another: the table of a file of many distinct lines is far
    /// larger than the cache), then adding each in the order read. The
    /// order of first appearance is the same as adding each at once.
    #[inline]
    fn add_packed(&mut self, key: u64, weight: u64) {
        self.batch.push((key, weight));
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }

    /// Adds the lines of the batch.
    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        let mask = self.packed.len() - 1;
        let mut touched = 0u64;
        for &(key, _) in &batch {
            // Truncation intended: the low bits pick the slot.
            let i = (self.hasher.hash_one(key) as usize) & mask;
            touched ^= self.packed.get(i).map_or(0, |s| s.0);
        }
        std::hint::black_box(touched);
        for &(key, weight) in &batch {
            self.add_key(key, weight);
        }
        self.batch = batch;
        self.batch.clear();
    }

    /// Adds `weight` papers of the sequence packed as `key` (not 0).
    #[inline]
    fn add_key(&mut self, key: u64, weight: u64) {
        let mask = self.packed.len() - 1;
        // Truncation intended: the low bits pick the slot.
        let mut i = (self.hasher.hash_one(key) as usize) & mask;
        loop {
            let (k, w) = self.packed[i];
            if k == key {
                match w.checked_add(weight) {
                    Some(sum) => self.packed[i].1 = sum,
                    None => {
                        self.overflow.get_or_insert((w, weight));
                    }
                }
                return;
            }
            if k == 0 {
                break;
            }
            i = (i + 1) & mask;
        }
        self.packed[i] = (key, weight);
        self.order.push(key);
        self.packed_count += 1;
        // At most half full: a probe past the first slot is rare, and most
        // often in the same cache line.
        if self.packed_count * 2 > self.packed.len() {
            self.grow_packed();
        }
    }

    fn grow_packed(&mut self) {
        let size = self.packed.len() * 2;
        let mask = size - 1;
        let mut packed = vec![(0u64, 0u64); size];
        for &(k, w) in self.packed.iter().filter(|s| s.0 != 0) {
            let mut i = (self.hasher.hash_one(k) as usize) & mask;
            while packed[i].0 != 0 {
                i = (i + 1) & mask;
            }
            packed[i] = (k, w);
        }
        self.packed = packed;
    }

    /// The weight of a packed key (present: it is in `order`).
    fn packed_weight(&self, key: u64) -> u64 {
        let mask = self.packed.len() - 1;
        let mut i = (self.hasher.hash_one(key) as usize) & mask;
        loop {
            match self.packed.get(i) {
                Some(&(k, w)) if k == key => return w,
                Some(&(0, _)) | None => return 0,
                Some(_) => i = (i + 1) & mask,
            }
        }
    }

    /// [`Merged::add`] for a sequence too long to pack.
    fn add_long(&mut self, seq: &[u16], weight: u64) -> Result<(), ()> {
        let h = self.hasher.hash_one(seq);
        let tag = h & 0xffff_ffff_0000_0000;
        let mask = self.slots.len() - 1;
        // Truncation intended: the low bits pick the slot.
        let mut i = (h as usize) & mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                break;
            }
            if s & 0xffff_ffff_0000_0000 == tag {
                let at = (s & 0xffff_ffff) as usize - 1;
                let len = usize::from(self.records[at]);
                if self.records.get(at + HEAD..at + HEAD + len) == Some(seq) {
                    let w = self.weight(at);
                    match w.checked_add(weight) {
                        Some(sum) => self.set_weight(at, sum),
                        None => {
                            self.overflow.get_or_insert((w, weight));
                        }
                    }
                    return Ok(());
                }
            }
            i = (i + 1) & mask;
        }
        let at = self.records.len();
        let place = u64::try_from(at + 1)
            .ok()
            .filter(|&p| p <= 0xffff_ffff)
            .ok_or(())?;
        // Fits: a sequence is at most MAX_CANDIDATES (1,000) long.
        self.records.push(seq.len() as u16);
        self.records.extend_from_slice(&[0; HEAD - 1]);
        self.records.extend_from_slice(seq);
        self.set_weight(at, weight);
        self.slots[i] = tag | place;
        self.order.push(LONG | (place - 1));
        self.count += 1;
        // At most three quarters full: the slots stay small (8 bytes per
        // slot, 4 MiB for 400,000 sequences), and a probe past the first
        // slot is most often in the same cache line.
        if self.count * 4 > self.slots.len() * 3 {
            self.grow();
        }
        Ok(())
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let mask = size - 1;
        let mut slots = vec![0u64; size];
        let mut at = 0;
        while let Some(&len) = self.records.get(at) {
            let seq = &self.records[at + HEAD..at + HEAD + usize::from(len)];
            let h = self.hasher.hash_one(seq);
            let mut i = (h as usize) & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            // Fits: `add` checked every place fits in 32 bits.
            slots[i] = (h & 0xffff_ffff_0000_0000) | (at as u64 + 1);
            at += HEAD + usize::from(len);
        }
        self.slots = slots;
    }

    /// The distinct sequences with their weights, in first-seen order,
    /// held flat (one allocation for all, none a sequence).
    fn ballots(mut self) -> Ballots {
        self.flush();
        // The long table is not needed any more: freed before the ballots
        // are made.
        self.slots = Vec::new();
        let field = (1u64 << self.bits) - 1;
        // The weights first, in a loop of lookups that do not depend on one
        // another (so the processor overlaps their cache misses), then the
        // ballots.
        let weights: Vec<u64> = self
            .order
            .iter()
            .map(|&entry| {
                if entry & LONG == 0 {
                    self.packed_weight(entry)
                } else {
                    0
                }
            })
            .collect();
        self.packed = Vec::new();
        // The preferences in all: each packed key's bit length over the
        // bits per field, rounded up; each record's length.
        let total: usize = self
            .order
            .iter()
            .map(|&entry| {
                if entry & LONG == 0 {
                    (u64::BITS - entry.leading_zeros()).div_ceil(self.bits) as usize
                } else {
                    let at = (entry & !LONG) as usize;
                    usize::from(self.records.get(at).copied().unwrap_or(0))
                }
            })
            .sum();
        let mut out = Ballots::with_capacity(self.order.len(), total);
        for (&entry, &weight) in self.order.iter().zip(&weights) {
            if entry & LONG == 0 {
                // At most 63 fields (one bit each at the least).
                let mut seq = [0u16; 63];
                let mut len = 0;
                let mut key = entry;
                while key != 0 {
                    if let Some(slot) = seq.get_mut(len) {
                        // Truncation intended: one field, below the number
                        // of candidates plus one (at most MAX_CANDIDATES).
                        *slot = ((key & field) - 1) as u16;
                    }
                    len += 1;
                    key >>= self.bits;
                }
                out.push(weight, seq.get(..len).unwrap_or(&[]));
            } else {
                // Fits: a place below 2^32.
                let at = (entry & !LONG) as usize;
                let len = usize::from(self.records.get(at).copied().unwrap_or(0));
                out.push(
                    self.weight(at),
                    self.records.get(at + HEAD..at + HEAD + len).unwrap_or(&[]),
                );
            }
        }
        out
    }
}

/// A run of ASCII digits at `l[*i..]`, at most 19 of them, read as a
/// number; `None` for anything else (the slow path then names it).
#[inline]
fn digits(l: &[u8], i: &mut usize) -> Option<u64> {
    let start = *i;
    let mut n: u64 = 0;
    while let Some(&b) = l.get(*i) {
        if !b.is_ascii_digit() {
            break;
        }
        n = n.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
        *i += 1;
    }
    let len = *i - start;
    (1..=19).contains(&len).then_some(n)
}

/// A ballot line in the usual form (as [`fast_ballot`] takes it) of a
/// contest of at most 63 candidates, whose sequence packs into a key of
/// `max_packed` preferences of `bits` bits (see `Merged`): the weight and
/// the key, made as the line is read (no preference list, repeats found
/// with one 64-bit mask). `None` for any other line, which the general path
/// then reads.
///
/// One pass over the bytes, each looked at once: a digit adds to the
/// number being read, anything else ends it (the line is trimmed, so it
/// starts and ends with a byte that is not whitespace). A number of more
/// than 19 digits, a weight of 0, a preference out of range or repeated,
/// a sequence too long to pack, a separator that is not whitespace or a
/// terminator not last: `None`.
#[inline]
fn packed_ballot(l: &[u8], n: u64, bits: u32, max_packed: u32) -> Option<(u64, u64)> {
    let mut it = l.iter();
    // The weight.
    let mut weight: u64 = 0;
    let mut len = 0u32;
    let mut b = loop {
        let b = *it.next()?;
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            break b;
        }
        weight = weight.wrapping_mul(10).wrapping_add(u64::from(d));
        len += 1;
    };
    if !(1..=19).contains(&len) || weight == 0 {
        return None;
    }
    let mut key = 0u64;
    let mut used = 0u64;
    let mut k = 0u32;
    loop {
        // `b` ended the number before: whitespace, then the next number.
        if !b.is_ascii_whitespace() {
            return None;
        }
        b = loop {
            let b = *it.next()?;
            if !b.is_ascii_whitespace() {
                break b;
            }
        };
        let mut c: u64 = 0;
        let mut len = 0u32;
        let last = loop {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                break false;
            }
            c = c.wrapping_mul(10).wrapping_add(u64::from(d));
            len += 1;
            match it.next() {
                Some(&x) => b = x,
                None => break true,
            }
        };
        if !(1..=19).contains(&len) {
            return None;
        }
        if c == 0 {
            return (last && k > 0).then_some((weight, key));
        }
        if last || c > n || k >= max_packed {
            return None;
        }
        // Fits: 1 <= c <= n <= 63.
        let bit = 1u64 << (c - 1);
        if used & bit != 0 {
            return None;
        }
        used |= bit;
        // Fits: k < max_packed, so k * bits + bits <= 63, and c < 2^bits.
        key |= c << (k * bits);
        k += 1;
    }
}

/// A ballot line in the usual form: a weight of at least 1, whitespace
/// between the numbers, preferences in range with no repeat, the last
/// number `0`. Fills `prefs` and marks `seen`; `None` for any other line
/// (the caller clears `seen` for what was pushed either way).
#[inline]
fn fast_ballot(l: &[u8], n: usize, seen: &mut [bool], prefs: &mut Vec<u16>) -> Option<u64> {
    let mut i = 0;
    let weight = digits(l, &mut i)?;
    if weight == 0 {
        return None;
    }
    loop {
        let ws = i;
        while l.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if i == ws || i == l.len() {
            return None;
        }
        let c = digits(l, &mut i)?;
        if i < l.len() && !l[i].is_ascii_whitespace() {
            return None;
        }
        if c == 0 {
            return (i == l.len() && !prefs.is_empty()).then_some(weight);
        }
        let c = usize::try_from(c).ok().filter(|&c| c <= n)? - 1;
        if seen[c] {
            return None;
        }
        seen[c] = true;
        // Fits: c < n <= MAX_CANDIDATES.
        prefs.push(c as u16);
    }
}

/// A ballot line, read exactly as the reference reader reads it: every
/// problem named; the weight if the line is valid (`prefs` filled).
fn slow_ballot(
    p: &mut Parse,
    line: usize,
    l: &[u8],
    n: usize,
    seen: &mut [bool],
    prefs: &mut Vec<u16>,
) -> Option<u64> {
    let mut toks = tokens(l);
    let wt = toks.next()?;
    let weight = match number(wt) {
        Some(0) => {
            p.problem(line, BltProblem::BadWeight { weight: lossy(wt) });
            None
        }
        Some(w) => Some(w),
        None if wt.first() == Some(&b'-') && number(&wt[1..]).is_some() => {
            p.problem(line, BltProblem::BadWeight { weight: lossy(wt) });
            None
        }
        None => {
            p.problem(
                line,
                BltProblem::NotANumber {
                    field: "ballot weight",
                    value: lossy(wt),
                },
            );
            None
        }
    };
    let mut terminated = false;
    let mut ok = weight.is_some();
    for t in toks {
        if terminated {
            // Text after the terminator.
            p.problem(line, BltProblem::MissingTerminator);
            ok = false;
            terminated = false;
            break;
        }
        match number(t) {
            Some(0) => terminated = true,
            Some(c) if c <= n as u64 => {
                let c = (c - 1) as usize;
                if seen[c] {
                    p.problem(line, BltProblem::RepeatedPreference { candidate: c + 1 });
                    ok = false;
                } else {
                    seen[c] = true;
                    prefs.push(c as u16);
                }
            }
            Some(_) => {
                p.problem(
                    line,
                    BltProblem::PreferenceOutOfRange {
                        candidate: lossy(t),
                        candidates: n,
                    },
                );
                ok = false;
            }
            None => {
                p.problem(
                    line,
                    BltProblem::NotANumber {
                        field: "preference",
                        value: lossy(t),
                    },
                );
                ok = false;
            }
        }
    }
    for &c in prefs.iter() {
        seen[usize::from(c)] = false;
    }
    if !terminated && ok {
        p.problem(line, BltProblem::MissingTerminator);
        ok = false;
    }
    if ok && prefs.is_empty() {
        p.problem(line, BltProblem::NoPreference);
        ok = false;
    }
    if ok {
        weight
    } else {
        None
    }
}

fn parse<R: Read>(
    src: &mut Source<R>,
    p: &mut Parse,
    limits: &BltLimits,
) -> Result<Election, Stop> {
    src.skip_bom()?;

    // Header.
    let Some((hline, header)) = src.next_line()? else {
        return Err(p.truncated(src.after_last(), "the header `<candidates> <seats>`"));
    };
    let bad_header = |p: &mut Parse, header: &[u8]| {
        p.problem(
            hline,
            BltProblem::BadHeader {
                found: lossy(header),
            },
        );
        Stop::Problems
    };
    let (n, seats) = {
        let mut h = tokens(header);
        match (h.next(), h.next(), h.next()) {
            (Some(c), Some(s), None) => match (number(c), number(s)) {
                (Some(c), Some(s)) => (c, s),
                _ => return Err(bad_header(p, header)),
            },
            _ => return Err(bad_header(p, header)),
        }
    };
    let n = match usize::try_from(n) {
        Ok(n) if (1..=MAX_CANDIDATES).contains(&n) => n,
        _ => {
            let problem = if n == 0 {
                ElectionProblem::NoCandidates
            } else {
                ElectionProblem::TooManyCandidates {
                    candidates: usize::try_from(n).unwrap_or(usize::MAX),
                }
            };
            p.problem(hline, BltProblem::Election(problem));
            return Err(Stop::Problems);
        }
    };
    let seats = usize::try_from(seats).unwrap_or(usize::MAX);

    // Withdrawn candidates: the line after the header, if it starts with
    // `-`; otherwise that line is the first ballot line (kept).
    let mut withdrawn = BTreeSet::new();
    let mut wline = hline;
    let mut pending: Option<(usize, Vec<u8>)> = None;
    if let Some((line, l)) = src.next_line()? {
        if l.first() == Some(&b'-') {
            wline = line;
            for t in tokens(l) {
                let c = t.strip_prefix(b"-").and_then(number);
                match c.and_then(|c| usize::try_from(c).ok()) {
                    Some(c) if (1..=n).contains(&c) => {
                        withdrawn.insert(c - 1);
                    }
                    Some(_) => p.problem(
                        line,
                        BltProblem::WithdrawnOutOfRange {
                            candidate: lossy(t),
                            candidates: n,
                        },
                    ),
                    None => p.problem(
                        line,
                        BltProblem::NotANumber {
                            field: "withdrawn candidate",
                            value: lossy(t),
                        },
                    ),
                }
            }
        } else {
            pending = Some((line, l.to_vec()));
        }
    }
    let standing = n - withdrawn.len();
    if seats == 0 {
        p.problem(hline, BltProblem::Election(ElectionProblem::NoSeats));
    } else if seats >= standing {
        p.problem(
            if withdrawn.is_empty() { hline } else { wline },
            BltProblem::Election(ElectionProblem::SeatsNotFewerThanCandidates { seats, standing }),
        );
    }

    // Ballots.
    let mut merged = Merged::new(n);
    // Every usual line is read straight into its packed key when the
    // candidates fit one 64-bit mask.
    let packs = n <= 63;
    let mut lines_read: usize = 0;
    let mut seen = vec![false; n];
    let mut prefs: Vec<u16> = Vec::with_capacity(n);
    let mut total: u64 = 0;
    let mut ended = false;
    let mut end_line = 0;
    let mut first = pending;
    loop {
        let held;
        let (line, l): (usize, &[u8]) = match first.take() {
            Some((line, bytes)) => {
                held = bytes;
                (line, &held)
            }
            None => match src.next_line()? {
                Some(x) => x,
                None => break,
            },
        };
        if l == b"0" {
            ended = true;
            end_line = line;
            break;
        }
        if lines_read >= limits.max_ballot_lines {
            p.problem(
                line,
                BltProblem::LimitExceeded {
                    what: "ballot lines",
                    limit: limits.max_ballot_lines,
                },
            );
            return Err(Stop::Problems);
        }
        if let Some((weight, key)) = packs
            .then(|| packed_ballot(l, n as u64, merged.bits, merged.max_packed as u32))
            .flatten()
        {
            match total.checked_add(weight) {
                Some(t) => total = t,
                None => {
                    p.problem(
                        line,
                        BltProblem::TooManyPapers {
                            papers: total,
                            weight,
                        },
                    );
                    return Err(Stop::Problems);
                }
            }
            lines_read += 1;
            merged.add_packed(key, weight);
            continue;
        }
        prefs.clear();
        let fast = fast_ballot(l, n, &mut seen, &mut prefs);
        for &c in &prefs {
            seen[usize::from(c)] = false;
        }
        let weight = match fast {
            Some(w) => Some(w),
            None => {
                prefs.clear();
                slow_ballot(p, line, l, n, &mut seen, &mut prefs)
            }
        };
        if let Some(weight) = weight {
            match total.checked_add(weight) {
                Some(t) => total = t,
                None => {
                    p.problem(
                        line,
                        BltProblem::TooManyPapers {
                            papers: total,
                            weight,
                        },
                    );
                    return Err(Stop::Problems);
                }
            }
            lines_read += 1;
            if merged.add(&prefs, weight).is_err() {
                p.problem(
                    line,
                    BltProblem::LimitExceeded {
                        what: "distinct preference sequences",
                        limit: u32::MAX as usize - 1,
                    },
                );
                return Err(Stop::Problems);
            }
        }
        if p.full() {
            return Err(Stop::Problems);
        }
    }
    if !ended {
        return Err(p.truncated(src.after_last(), "the line `0` ending the ballots"));
    }
    merged.flush();
    if let Some((papers, weight)) = merged.overflow {
        // A merged sequence's papers would pass u64::MAX: refused at the
        // line ending the ballots (the sum is known once every line of the
        // sequence is added), with both figures.
        p.problem(end_line, BltProblem::TooManyPapers { papers, weight });
        return Err(Stop::Problems);
    }

    // Names and title.
    let mut candidates = Vec::new();
    for _ in 0..n {
        let Some((line, l)) = src.next_line()? else {
            return Err(p.truncated(src.after_last(), "a candidate's name"));
        };
        match parse_name(l) {
            Ok((name, party)) => candidates.push(Candidate { name, party }),
            Err(reason) => p.problem(line, BltProblem::BadName { reason }),
        }
    }
    let Some((tline, t)) = src.next_line()? else {
        return Err(p.truncated(src.after_last(), "the contest title"));
    };
    let title = match parse_name(t) {
        Ok((title, None)) => title,
        Ok((_, Some(_))) => {
            p.problem(
                tline,
                BltProblem::BadName {
                    reason: "the title is one string",
                },
            );
            Vec::new()
        }
        Err(reason) => {
            p.problem(tline, BltProblem::BadName { reason });
            Vec::new()
        }
    };
    if let Some((line, _)) = src.next_line()? {
        p.problem(line, BltProblem::TrailingText);
    }
    if !p.problems.is_empty() {
        return Err(Stop::Problems);
    }
    Election::from_ballots(title, candidates, seats, withdrawn, merged.ballots()).map_err(|ps| {
        for problem in ps {
            p.problems.push(BltError {
                line: hline,
                problem: BltProblem::Election(problem),
            });
        }
        Stop::Problems
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ballots::Ballot;
    use crate::blt::read_lines_with;
    use proptest::prelude::*;

    /// A sequence's papers that would pass u64::MAX are kept as the first
    /// overflow's two figures, never clamped, packed or long (issue 15).
    #[test]
    fn merged_sums_are_checked() {
        let mut m = Merged::new(3);
        m.add_packed(1, u64::MAX - 1);
        m.add_packed(1, 1);
        m.add_packed(1, 2);
        m.flush();
        assert_eq!(m.packed_weight(1), u64::MAX);
        assert_eq!(m.overflow, Some((u64::MAX, 2)));

        let mut m = Merged::new(3);
        let long = [
            0u16, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0,
            1, 2, 0, 1, 2,
        ];
        assert!(long.len() > m.max_packed);
        m.add(&long, u64::MAX).unwrap();
        m.add(&long, 5).unwrap();
        assert_eq!(m.overflow, Some((u64::MAX, 5)));
        assert_eq!(m.weight(0), u64::MAX);
    }

    /// A stream giving at most `step` bytes per read, and an error after
    /// `fail_at` bytes if set.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
        fail_at: Option<usize>,
        given: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.fail_at.is_some_and(|f| self.given >= f) {
                return Err(std::io::Error::other("the disk went away"));
            }
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            self.given += n;
            Ok(n)
        }
    }

    /// The reference reader's answer, merged.
    fn oracle(bytes: &[u8], limits: &BltLimits) -> Result<Election, BltErrors> {
        read_lines_with(bytes, limits).map(|e| e.merged().unwrap())
    }

    fn lines(e: &Result<Election, BltErrors>) -> String {
        match e {
            Ok(_) => "ok".into(),
            Err(e) => e.0.iter().map(|p| format!("{p}\n")).collect(),
        }
    }

    /// One piece of a BLT file, valid or not.
    fn piece() -> impl Strategy<Value = String> {
        let num = prop_oneof![
            (0u64..8).prop_map(|n| n.to_string()),
            Just("-1".to_owned()),
            Just("x".to_owned()),
            Just("007".to_owned()),
            Just("99999999999999999999".to_owned()),
            Just("18446744073709551615".to_owned()),
        ];
        let ballot = (
            prop_oneof![4 => (1u64..5).prop_map(|n| n.to_string()), 1 => num.clone()],
            proptest::collection::vec(
                prop_oneof![8 => (1u64..6).prop_map(|n| n.to_string()), 1 => num.clone()],
                0..6,
            ),
            prop_oneof![6 => Just(" 0"), 1 => Just(""), 1 => Just(" 0 3"), 1 => Just("\t0  ")],
            prop_oneof![Just(" "), Just("  "), Just("\t")],
        )
            .prop_map(|(w, ps, end, sep)| {
                let mut s = w;
                for p in ps {
                    s.push_str(sep);
                    s.push_str(&p);
                }
                s.push_str(end);
                s
            });
        prop_oneof![
            10 => ballot,
            1 => Just("-2".to_owned()),
            1 => Just("-9 x".to_owned()),
            1 => Just(String::new()),
            1 => Just("   ".to_owned()),
            1 => Just("\"Ann \"\"A\"\" B\" \"Party\"".to_owned()),
            1 => Just("\"open".to_owned()),
            1 => Just("Unquoted Name".to_owned()),
            1 => Just("\"A\" x\"".to_owned()),
        ]
    }

    /// A BLT file: a header, maybe withdrawn, ballot lines (some broken),
    /// `0`, names and title, in any line ending, maybe with a BOM, maybe cut
    /// short or with a byte changed.
    fn blt_file() -> impl Strategy<Value = Vec<u8>> {
        (
            prop_oneof![
                6 => (1u64..6, 0u64..4).prop_map(|(c, s)| format!("{c} {s}")),
                1 => Just("3".to_owned()),
                1 => Just("0 1".to_owned()),
                1 => Just("2000 1".to_owned()),
            ],
            proptest::option::of(prop_oneof![Just("-1"), Just("-2 -5"), Just("-x")]),
            proptest::collection::vec(piece(), 0..12),
            proptest::collection::vec(piece(), 0..2),
            proptest::collection::vec(
                prop_oneof![Just("\"A\""), Just("B"), Just("\"C\" \"P\""), Just("\"bad")],
                0..7,
            ),
            prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
            any::<bool>(),
            proptest::option::of(any::<prop::sample::Index>()),
            proptest::option::of((any::<prop::sample::Index>(), any::<u8>())),
        )
            .prop_map(
                |(header, withdrawn, ballots, extra, names, nl, bom, cut, change)| {
                    let mut lines = vec![header];
                    lines.extend(withdrawn.map(str::to_owned));
                    lines.extend(ballots);
                    lines.push("0".into());
                    lines.extend(names.into_iter().map(str::to_owned));
                    lines.push("\"Ward 1\"".into());
                    lines.extend(extra);
                    let mut bytes = if bom {
                        b"\xef\xbb\xbf".to_vec()
                    } else {
                        Vec::new()
                    };
                    bytes.extend_from_slice(lines.join(nl).as_bytes());
                    bytes.extend_from_slice(nl.as_bytes());
                    if let Some((i, b)) = change {
                        if !bytes.is_empty() {
                            let i = i.index(bytes.len());
                            bytes[i] = b;
                        }
                    }
                    if let Some(c) = cut {
                        let c = c.index(bytes.len() + 1);
                        bytes.truncate(c);
                    }
                    bytes
                },
            )
    }

    fn limits() -> impl Strategy<Value = BltLimits> {
        (1usize..6, 1usize..20, any::<bool>()).prop_map(|(problems, lines, tight)| BltLimits {
            max_problems: problems,
            max_ballot_lines: if tight { lines } else { 1000 },
            ..BltLimits::default()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The streaming reader gives exactly what the reference reader
        /// gives (merged), problems and lines alike, whatever the size of
        /// the reads and the buffer.
        #[test]
        fn same_as_the_reference_reader(
            bytes in blt_file(),
            limits in limits(),
            step in 1usize..40,
            chunk in 1usize..64,
        ) {
            let expected = oracle(&bytes, &limits);
            prop_assert_eq!(&read_with(&bytes, &limits), &expected, "{}", String::from_utf8_lossy(&bytes));
            let trickle = Trickle { bytes: &bytes, step, fail_at: None, given: 0 };
            let got = read_chunked(trickle, &limits, chunk);
            prop_assert_eq!(&got, &expected, "{} vs {}", lines(&got), lines(&expected));
        }

        /// Any bytes at all (not only BLT-shaped): the same answer.
        #[test]
        fn same_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200), chunk in 1usize..16) {
            let l = BltLimits::default();
            let expected = oracle(&bytes, &l);
            prop_assert_eq!(read_chunked(&bytes[..], &l, chunk), expected);
        }
    }

    /// A valid BLT file of `n` candidates whose ballot lines are drawn
    /// from a few sequences (so they repeat), short and long.
    fn mixed_file() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![Just(3usize), Just(15), Just(16), Just(40), Just(1000)]
            .prop_flat_map(|n| {
                let seq = proptest::collection::vec(1..=n, 1..=n.min(30)).prop_map(|mut s| {
                    let mut seen = std::collections::BTreeSet::new();
                    s.retain(|c| seen.insert(*c));
                    s
                });
                (
                    Just(n),
                    proptest::collection::vec(seq, 1..6),
                    proptest::collection::vec((any::<prop::sample::Index>(), 1u64..4), 0..40),
                )
            })
            .prop_map(|(n, seqs, picks)| {
                let mut f = format!("{n} 1\n");
                for (i, w) in picks {
                    let s = &seqs[i.index(seqs.len())];
                    f.push_str(&w.to_string());
                    for c in s {
                        f.push_str(&format!(" {c}"));
                    }
                    f.push_str(" 0\n");
                }
                f.push_str("0\n");
                for c in 0..n {
                    f.push_str(&format!("\"C{c}\"\n"));
                }
                f.push_str("\"T\"\n");
                f.into_bytes()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Sequences packed into a key (short) and kept as records (long,
        /// or of many candidates) merge as the reference reader's lines
        /// do, in the order each first appears.
        #[test]
        fn packed_and_long_sequences_merge_as_the_reference(bytes in mixed_file()) {
            let l = BltLimits::default();
            prop_assert_eq!(read_with(&bytes, &l), oracle(&bytes, &l));
        }
    }

    #[test]
    fn a_sequence_longer_than_a_key_is_kept_whole() {
        // 16 candidates: 5 bits a preference, at most 12 in a key; the
        // 13-preference line is a record, the 2-preference line a key, and
        // each merges with its repeat.
        let long = "1 2 3 4 5 6 7 8 9 10 11 12 13";
        let file = format!(
            "16 1\n1 {long} 0\n2 16 1 0\n3 {long} 0\n1 16 1 0\n0\n{}\"T\"\n",
            (1..=16).map(|c| format!("\"C{c}\"\n")).collect::<String>()
        );
        let e = read(file.as_bytes()).unwrap();
        assert_eq!(
            e.ballots(),
            &[
                Ballot {
                    weight: 4,
                    prefs: (0..13).collect()
                },
                Ballot {
                    weight: 3,
                    prefs: vec![15, 0]
                }
            ]
        );
    }

    #[test]
    fn merges_identical_lines_in_first_seen_order() {
        let e = read(b"3 1\n2 1 2 0\n1 3 0\n3 1  2 0\n1 3 0\n0\nA\nB\nC\nT\n").unwrap();
        assert_eq!(
            e.ballots(),
            &[
                Ballot {
                    weight: 5,
                    prefs: vec![0, 1]
                },
                Ballot {
                    weight: 2,
                    prefs: vec![2]
                }
            ]
        );
        assert_eq!(e.valid_papers(), 7);
        // Weights past 16 and 32 bits add exactly.
        let e = read(b"2 1\n5000000000 2 0\n70000 1 0\n4294967296 2 0\n0\nA\nB\nT\n").unwrap();
        assert_eq!(
            e.ballots(),
            &[
                Ballot {
                    weight: 9_294_967_296,
                    prefs: vec![1]
                },
                Ballot {
                    weight: 70_000,
                    prefs: vec![0]
                }
            ]
        );
    }

    #[test]
    fn a_long_line_is_refused_without_reading_it_all() {
        // A ballot line of 100 MB (never materialised: the stream makes its
        // bytes as they are asked for), with a limit of 1 KiB.
        struct Long {
            given: usize,
        }
        impl Read for Long {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let head = b"3 1\n1";
                for (k, b) in buf.iter_mut().enumerate() {
                    *b = head.get(self.given + k).copied().unwrap_or(b' ');
                }
                let n = buf.len().min(100_000_000 - self.given);
                self.given += n;
                Ok(n)
            }
        }
        let l = BltLimits {
            max_line_bytes: 1024,
            ..BltLimits::default()
        };
        let mut long = Long { given: 0 };
        let e = read_from(&mut long, &l).unwrap_err();
        assert_eq!(
            e.0,
            vec![BltError {
                line: 2,
                problem: BltProblem::LineTooLong { limit: 1024 }
            }]
        );
        assert_eq!(
            e.0[0].to_string(),
            "line 2: line is longer than the limit of 1024 bytes"
        );
        assert!(long.given <= 2 * CHUNK, "read {} bytes", long.given);
        // With the default limit (1 MiB), still refused after about 1 MiB.
        let mut long = Long { given: 0 };
        let e = read_from(&mut long, &BltLimits::default()).unwrap_err();
        assert_eq!(e.0[0].problem, BltProblem::LineTooLong { limit: 1 << 20 });
        assert!(long.given <= 3 << 20, "read {} bytes", long.given);
    }

    #[test]
    fn a_stream_past_the_size_limit_and_a_failing_stream() {
        let file = b"3 1\n1 1 0\n1 2 0\n0\nA\nB\nC\nT\n";
        let l = BltLimits {
            max_bytes: 12,
            ..BltLimits::default()
        };
        let e = read_from(&file[..], &l).unwrap_err();
        assert_eq!(
            e.0,
            vec![BltError {
                line: 0,
                problem: BltProblem::LargerThanLimit { limit: 12 }
            }]
        );
        // From memory the size is known first: the reference's error.
        assert_eq!(read_with(file, &l), read_lines_with(file, &l));
        let failing = Trickle {
            bytes: file,
            step: 3,
            fail_at: Some(9),
            given: 0,
        };
        let e = read_from(failing, &BltLimits::default()).unwrap_err();
        assert_eq!(
            e.0[0].to_string(),
            "line 2: the file could not be read: the disk went away"
        );
    }
}
