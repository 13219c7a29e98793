//! BLT ballot files: reading every variant found in official exports, and
//! writing BLT and the preference profile (BLT or CSV).
//!
//! The layout: a header `<candidates> <seats>`; an optional line of
//! withdrawn candidates as negative numbers (`-3 -5`); ballot lines
//! `<weight> <pref1> <pref2> … 0` with 1-based candidate numbers; a line `0`
//! ending the ballots; one line per candidate, in ballot-paper order; the
//! contest title.
//!
//! Accepted variants: lines padded with trailing spaces or tabs (to 500
//! characters in the 2017 Glasgow export); LF, CRLF or CR line endings;
//! blank lines anywhere; names quoted (`"Name"`), with a party
//! (`"Name" "Party"`), with the party inside the quotes (`"Name (Party)"`,
//! kept whole as the name, as found), or unquoted (the whole line, trimmed);
//! inside quotes a doubled quote is one quote (`"Brian ALLAN ""Alba
//! Party"""`, as in many re-published Scottish files; so `"A""B"` is the
//! one name `A"B`, and a party follows its name after a space); a UTF-8
//! byte-order mark before the header is skipped.
//! Names are bytes: UTF-8, UTF-8 encoded twice, or anything else is kept
//! byte for byte.
//!
//! Nothing is allocated from a number in the file: the header's candidate
//! count is checked against [`MAX_CANDIDATES`]
//! and ballots are read line by line up to [`BltLimits`].

use std::collections::BTreeSet;

use crate::ballots::{Ballot, Candidate, Election, MAX_CANDIDATES};
use crate::error::{BltError, BltErrors, BltProblem, ElectionProblem};

mod stream;

pub use stream::{read, read_from, read_with};

/// Limits on what the reader accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BltLimits {
    /// The largest file, in bytes.
    pub max_bytes: usize,
    /// The most ballot lines.
    pub max_ballot_lines: usize,
    /// The most problems listed before the reader stops.
    pub max_problems: usize,
    /// The longest line, in bytes (line ending not included). The streaming
    /// reader ([`read_from`], [`read_with`]) refuses a longer line as soon
    /// as it has read that many bytes of it; [`read_lines_with`] does not
    /// check it.
    pub max_line_bytes: usize,
}

impl BltLimits {
    /// The default limits: 1 GiB, 50 million ballot lines, 100 problems,
    /// lines of at most 1 MiB.
    pub const DEFAULT: BltLimits = BltLimits {
        max_bytes: 1 << 30,
        max_ballot_lines: 50_000_000,
        max_problems: 100,
        max_line_bytes: 1 << 20,
    };
}

impl Default for BltLimits {
    /// [`BltLimits::DEFAULT`]: 1 GiB, 50 million ballot lines, 100
    /// problems, lines of at most 1 MiB.
    fn default() -> Self {
        BltLimits::DEFAULT
    }
}

/// Checks a file's size against the limit before it is read.
pub fn check_size(size: u64, limits: &BltLimits) -> Result<(), BltErrors> {
    match usize::try_from(size) {
        Ok(s) if s <= limits.max_bytes => Ok(()),
        _ => Err(BltErrors(vec![BltError {
            line: 0,
            problem: BltProblem::TooLarge {
                size: usize::try_from(size).unwrap_or(usize::MAX),
                limit: limits.max_bytes,
            },
        }])),
    }
}

/// Lines of the file with their 1-based numbers, trailing whitespace removed
/// (LF, CRLF or CR end a line).
struct Lines<'a> {
    rest: &'a [u8],
    number: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        self.number += 1;
        let end = self
            .rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(self.rest.len());
        let line = &self.rest[..end];
        let mut next = end;
        if next < self.rest.len() {
            if self.rest[next] == b'\r' && self.rest.get(next + 1) == Some(&b'\n') {
                next += 2;
            } else {
                next += 1;
            }
        }
        self.rest = &self.rest[next..];
        Some((self.number, trim(line)))
    }
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if first.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., last] = s {
        if last.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    s
}

fn tokens(line: &[u8]) -> impl Iterator<Item = &[u8]> {
    line.split(|b| b.is_ascii_whitespace())
        .filter(|t| !t.is_empty())
}

fn lossy(t: &[u8]) -> String {
    let s = String::from_utf8_lossy(t);
    if s.chars().count() > 40 {
        let mut short: String = s.chars().take(40).collect();
        short.push('…');
        short
    } else {
        s.into_owned()
    }
}

/// A whole number of at most 19 digits.
fn number(t: &[u8]) -> Option<u64> {
    if t.is_empty() || t.len() > 19 || !t.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(t.iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')))
}

struct Reader<'a> {
    lines: std::iter::Peekable<Lines<'a>>,
    problems: Vec<BltError>,
    last_line: usize,
    max_problems: usize,
}

impl<'a> Reader<'a> {
    /// The next non-blank line.
    fn next_line(&mut self) -> Option<(usize, &'a [u8])> {
        for (n, l) in self.lines.by_ref() {
            self.last_line = n;
            if !l.is_empty() {
                return Some((n, l));
            }
        }
        None
    }

    fn peek_line(&mut self) -> Option<(usize, &'a [u8])> {
        while let Some(&(n, l)) = self.lines.peek() {
            if l.is_empty() {
                self.last_line = n;
                self.lines.next();
            } else {
                return Some((n, l));
            }
        }
        None
    }

    fn problem(&mut self, line: usize, problem: BltProblem) {
        if self.problems.len() < self.max_problems {
            self.problems.push(BltError { line, problem });
        }
    }

    fn full(&self) -> bool {
        self.problems.len() >= self.max_problems
    }

    fn truncated(mut self, expected: &'static str) -> BltErrors {
        let line = self.last_line + 1;
        self.problem(line, BltProblem::Truncated { expected });
        BltErrors(self.problems)
    }
}

/// Reads a BLT file line by line with the default [`BltLimits`], keeping
/// every ballot line as it is in the file (see [`read_lines_with`]).
pub fn read_lines(bytes: &[u8]) -> Result<Election, BltErrors> {
    read_lines_with(bytes, &BltLimits::default())
}

/// The reference reader: the whole file in memory, read line by line, every
/// ballot line kept in file order (identical lines not merged). The
/// streaming reader ([`read_with`], [`read_from`]) gives exactly the same
/// problems with the same lines, and the same election with identical
/// preference sequences merged ([`Election::merged`]); the tests and the
/// fuzz target check the two against each other. Use it when the ballot
/// lines themselves matter (a file written back line for line).
///
/// Every problem is listed with its line (up to
/// `limits.max_problems`): a header that is not two numbers, seats not fewer
/// than the candidates standing, a withdrawn number out of range, a weight
/// of zero or a negative one, a preference out of range, the same candidate
/// twice on a paper, a ballot line without its `0` terminator or with no
/// preference, a non-number, a truncated file, a file or ballot count past
/// the limits.
pub fn read_lines_with(bytes: &[u8], limits: &BltLimits) -> Result<Election, BltErrors> {
    check_size(bytes.len() as u64, limits)?;
    // A UTF-8 byte-order mark (written by some spreadsheet exports) is not
    // part of the header.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut r = Reader {
        lines: Lines {
            rest: bytes,
            number: 0,
        }
        .peekable(),
        problems: Vec::new(),
        last_line: 0,
        max_problems: limits.max_problems.max(1),
    };

    // Header.
    let Some((hline, header)) = r.next_line() else {
        return Err(r.truncated("the header `<candidates> <seats>`"));
    };
    let h: Vec<&[u8]> = tokens(header).collect();
    let (n, seats) = match h.as_slice() {
        [c, s] => match (number(c), number(s)) {
            (Some(c), Some(s)) => (c, s),
            _ => {
                r.problem(
                    hline,
                    BltProblem::BadHeader {
                        found: lossy(header),
                    },
                );
                return Err(BltErrors(r.problems));
            }
        },
        _ => {
            r.problem(
                hline,
                BltProblem::BadHeader {
                    found: lossy(header),
                },
            );
            return Err(BltErrors(r.problems));
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
            r.problem(hline, BltProblem::Election(problem));
            return Err(BltErrors(r.problems));
        }
    };
    let seats = usize::try_from(seats).unwrap_or(usize::MAX);

    // Withdrawn candidates.
    let mut withdrawn = BTreeSet::new();
    let mut wline = hline;
    if let Some((line, l)) = r.peek_line() {
        if l.first() == Some(&b'-') {
            r.next_line();
            wline = line;
            for t in tokens(l) {
                let c = t.strip_prefix(b"-").and_then(number);
                match c.and_then(|c| usize::try_from(c).ok()) {
                    Some(c) if (1..=n).contains(&c) => {
                        withdrawn.insert(c - 1);
                    }
                    Some(_) => r.problem(
                        line,
                        BltProblem::WithdrawnOutOfRange {
                            candidate: lossy(t),
                            candidates: n,
                        },
                    ),
                    None => r.problem(
                        line,
                        BltProblem::NotANumber {
                            field: "withdrawn candidate",
                            value: lossy(t),
                        },
                    ),
                }
            }
        }
    }
    let standing = n - withdrawn.len();
    if seats == 0 {
        r.problem(hline, BltProblem::Election(ElectionProblem::NoSeats));
    } else if seats >= standing {
        r.problem(
            if withdrawn.is_empty() { hline } else { wline },
            BltProblem::Election(ElectionProblem::SeatsNotFewerThanCandidates { seats, standing }),
        );
    }

    // Ballots.
    let mut ballots: Vec<Ballot> = Vec::new();
    let mut seen = vec![false; n];
    let mut total: u64 = 0;
    let mut ended = false;
    while let Some((line, l)) = r.next_line() {
        if l == b"0" {
            ended = true;
            break;
        }
        if ballots.len() >= limits.max_ballot_lines {
            r.problem(
                line,
                BltProblem::LimitExceeded {
                    what: "ballot lines",
                    limit: limits.max_ballot_lines,
                },
            );
            return Err(BltErrors(r.problems));
        }
        let mut toks = tokens(l);
        let Some(wt) = toks.next() else { continue };
        let weight = match number(wt) {
            Some(0) => {
                r.problem(line, BltProblem::BadWeight { weight: lossy(wt) });
                None
            }
            Some(w) => Some(w),
            None if wt.first() == Some(&b'-') && number(&wt[1..]).is_some() => {
                r.problem(line, BltProblem::BadWeight { weight: lossy(wt) });
                None
            }
            None => {
                r.problem(
                    line,
                    BltProblem::NotANumber {
                        field: "ballot weight",
                        value: lossy(wt),
                    },
                );
                None
            }
        };
        let mut prefs: Vec<u16> = Vec::new();
        let mut terminated = false;
        let mut ok = weight.is_some();
        for t in toks {
            if terminated {
                // Text after the terminator.
                r.problem(line, BltProblem::MissingTerminator);
                ok = false;
                terminated = false;
                break;
            }
            match number(t) {
                Some(0) => terminated = true,
                Some(c) if c <= n as u64 => {
                    let c = (c - 1) as usize;
                    if seen[c] {
                        r.problem(line, BltProblem::RepeatedPreference { candidate: c + 1 });
                        ok = false;
                    } else {
                        seen[c] = true;
                        prefs.push(c as u16);
                    }
                }
                Some(_) => {
                    r.problem(
                        line,
                        BltProblem::PreferenceOutOfRange {
                            candidate: lossy(t),
                            candidates: n,
                        },
                    );
                    ok = false;
                }
                None => {
                    r.problem(
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
        for &p in &prefs {
            seen[usize::from(p)] = false;
        }
        if !terminated && ok {
            r.problem(line, BltProblem::MissingTerminator);
            ok = false;
        }
        if ok && prefs.is_empty() {
            r.problem(line, BltProblem::NoPreference);
            ok = false;
        }
        if let (true, Some(weight)) = (ok, weight) {
            match total.checked_add(weight) {
                Some(t) => total = t,
                None => {
                    r.problem(
                        line,
                        BltProblem::TooManyPapers {
                            papers: total,
                            weight,
                        },
                    );
                    return Err(BltErrors(r.problems));
                }
            }
            ballots.push(Ballot { weight, prefs });
        }
        if r.full() {
            return Err(BltErrors(r.problems));
        }
    }
    if !ended {
        return Err(r.truncated("the line `0` ending the ballots"));
    }

    // Names and title.
    let mut candidates = Vec::new();
    for _ in 0..n {
        let Some((line, l)) = r.next_line() else {
            return Err(r.truncated("a candidate's name"));
        };
        match parse_name(l) {
            Ok((name, party)) => candidates.push(Candidate { name, party }),
            Err(reason) => r.problem(line, BltProblem::BadName { reason }),
        }
    }
    let Some((tline, t)) = r.next_line() else {
        return Err(r.truncated("the contest title"));
    };
    let title = match parse_name(t) {
        Ok((title, None)) => title,
        Ok((_, Some(_))) => {
            r.problem(
                tline,
                BltProblem::BadName {
                    reason: "the title is one string",
                },
            );
            Vec::new()
        }
        Err(reason) => {
            r.problem(tline, BltProblem::BadName { reason });
            Vec::new()
        }
    };
    if let Some((line, _)) = r.next_line() {
        r.problem(line, BltProblem::TrailingText);
    }
    if !r.problems.is_empty() {
        return Err(BltErrors(r.problems));
    }
    Election::new(title, candidates, seats, withdrawn, ballots).map_err(|ps| {
        BltErrors(
            ps.into_iter()
                .map(|p| BltError {
                    line: hline,
                    problem: BltProblem::Election(p),
                })
                .collect(),
        )
    })
}

/// A name line: `"Name"`, `"Name" "Party"` or unquoted (the whole line).
/// Inside quotes, a doubled quote (`""`) is one quote, as in CSV.
fn parse_name(l: &[u8]) -> Result<(Vec<u8>, Option<Vec<u8>>), &'static str> {
    if l.first() != Some(&b'"') {
        return Ok((l.to_vec(), None));
    }
    let (first, rest) = quoted(l)?;
    let rest = trim(rest);
    if rest.is_empty() {
        return Ok((first, None));
    }
    if rest.first() != Some(&b'"') {
        return Err("text after the quoted name is not a quoted party");
    }
    let (party, rest) = quoted(rest)?;
    if !trim(rest).is_empty() {
        return Err("text after the quoted party");
    }
    Ok((first, Some(party)))
}

/// `"…"` at the start of `s`: the contents (each `""` read as one quote)
/// and what follows the closing quote.
fn quoted(s: &[u8]) -> Result<(Vec<u8>, &[u8]), &'static str> {
    let mut out = Vec::new();
    let mut i = 1;
    while let Some(&b) = s.get(i) {
        if b == b'"' {
            if s.get(i + 1) == Some(&b'"') {
                out.push(b'"');
                i += 2;
                continue;
            }
            return Ok((out, &s[i + 1..]));
        }
        out.push(b);
        i += 1;
    }
    Err("a quote is not closed")
}

/// Why an election cannot be written as BLT.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BltWriteError {
    /// A name (or party or title) that no BLT line can hold.
    #[error(
        "candidate {candidate}: the name cannot be written in a BLT file (it holds a line break)"
    )]
    Unwritable {
        /// The candidate (1-based; 0 for the title).
        candidate: usize,
    },
    /// The papers of one preference sequence would pass `u64::MAX` (see
    /// [`profile`]).
    #[error("{0}")]
    Papers(ElectionProblem),
}

/// Writes `"name"` (and ` "party"`), every quote inside doubled.
fn write_name(out: &mut Vec<u8>, name: &[u8], party: Option<&[u8]>) -> Result<(), ()> {
    let breaks = |s: &[u8]| s.iter().any(|&b| b == b'\n' || b == b'\r');
    if breaks(name) || party.is_some_and(breaks) {
        return Err(());
    }
    let quote = |out: &mut Vec<u8>, s: &[u8]| {
        out.push(b'"');
        for &b in s {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    };
    quote(out, name);
    if let Some(p) = party {
        out.push(b' ');
        quote(out, p);
    }
    Ok(())
}

fn push_num(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(n.to_string().as_bytes());
}

fn write_with(election: &Election, ballots: &[(Vec<u16>, u64)]) -> Result<Vec<u8>, BltWriteError> {
    let mut out = Vec::new();
    push_num(&mut out, election.candidates().len() as u64);
    out.push(b' ');
    push_num(&mut out, election.seats() as u64);
    out.push(b'\n');
    if !election.withdrawn().is_empty() {
        let w: Vec<String> = election
            .withdrawn()
            .iter()
            .map(|c| format!("-{}", c + 1))
            .collect();
        out.extend_from_slice(w.join(" ").as_bytes());
        out.push(b'\n');
    }
    for (prefs, weight) in ballots {
        push_num(&mut out, *weight);
        for &p in prefs {
            out.push(b' ');
            push_num(&mut out, u64::from(p) + 1);
        }
        out.extend_from_slice(b" 0\n");
    }
    out.extend_from_slice(b"0\n");
    for (i, c) in election.candidates().iter().enumerate() {
        write_name(&mut out, &c.name, c.party.as_deref())
            .map_err(|()| BltWriteError::Unwritable { candidate: i + 1 })?;
        out.push(b'\n');
    }
    write_name(&mut out, election.title(), None)
        .map_err(|()| BltWriteError::Unwritable { candidate: 0 })?;
    out.push(b'\n');
    Ok(out)
}

/// Writes the election as BLT, ballot lines in the election's order, LF line
/// endings, names quoted (a quote inside a name doubled, as the reader
/// reads it).
pub fn write(election: &Election) -> Result<Vec<u8>, BltWriteError> {
    let ballots: Vec<(Vec<u16>, u64)> = election
        .ballots()
        .iter()
        .map(|b| (b.prefs.to_vec(), b.weight))
        .collect();
    write_with(election, &ballots)
}

/// The preference profile: every unique sequence of preferences with its
/// number of papers, sequences in ascending order (a sequence before its
/// extensions: `1`, `1 2`, `1 2 3`, `1 3`, …), as the Scottish councils
/// publish it (SSI 2012/342).
///
/// # Errors
///
/// [`ElectionProblem::TooManyPapers`] if a sequence's papers would pass
/// `u64::MAX`, naming the ballot and both figures (never clamped; an
/// election made by [`Election::from_ballots`] has its total checked, so
/// this cannot happen to one).
pub fn profile(election: &Election) -> Result<Vec<(Vec<u16>, u64)>, ElectionProblem> {
    let mut map: std::collections::BTreeMap<&[u16], u64> = std::collections::BTreeMap::new();
    for (ballot, b) in election.ballots().iter().enumerate() {
        let e = map.entry(b.prefs).or_insert(0);
        *e = e
            .checked_add(b.weight)
            .ok_or(ElectionProblem::TooManyPapers {
                ballot,
                papers: *e,
                weight: b.weight,
            })?;
    }
    Ok(map.into_iter().map(|(p, n)| (p.to_vec(), n)).collect())
}

/// The preference profile as a BLT file.
///
/// # Errors
///
/// [`BltWriteError::Unwritable`] for a name no BLT line can hold;
/// [`BltWriteError::Papers`] as [`profile`].
pub fn write_profile_blt(election: &Election) -> Result<Vec<u8>, BltWriteError> {
    write_with(election, &profile(election).map_err(BltWriteError::Papers)?)
}

/// The preference profile as CSV: a header `papers,pref_1,…,pref_n`, then
/// one row per unique sequence (in [`profile`] order): the number of papers
/// and the 1-based candidate numbers in preference order, the remaining
/// cells empty.
///
/// # Errors
///
/// As [`profile`].
pub fn write_profile_csv(election: &Election) -> Result<Vec<u8>, ElectionProblem> {
    let n = election.candidates().len();
    let mut out = b"papers".to_vec();
    for k in 1..=n {
        out.extend_from_slice(format!(",pref_{k}").as_bytes());
    }
    out.push(b'\n');
    for (prefs, papers) in profile(election)? {
        push_num(&mut out, papers);
        for k in 0..n {
            out.push(b',');
            if let Some(&p) = prefs.get(k) {
                push_num(&mut out, u64::from(p) + 1);
            }
        }
        out.push(b'\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(bytes: &[u8]) -> Vec<(usize, BltProblem)> {
        read(bytes)
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| (e.line, e.problem))
            .collect()
    }

    #[test]
    fn reads_the_variants() {
        let padded = format!(
            "{:<500}\r\n{:<500}\r\n2 3 1 0   \r\n0\r\nAnne SMITH   \r\n\"Bob (Ind)\"\r\n\"Cath\" \"Party\"\r\nWard 9\r\n",
            "3 1", "-2"
        );
        let e = read(padded.as_bytes()).unwrap();
        assert_eq!(e.seats(), 1);
        assert_eq!(e.withdrawn().iter().copied().collect::<Vec<_>>(), vec![1]);
        assert_eq!(
            e.ballots(),
            &[Ballot {
                weight: 2,
                prefs: vec![2, 0]
            }]
        );
        assert_eq!(e.candidates()[0].name, b"Anne SMITH");
        assert_eq!(e.candidates()[1].name, b"Bob (Ind)");
        assert_eq!(e.candidates()[2].party.as_deref(), Some(&b"Party"[..]));
        assert_eq!(e.title(), b"Ward 9");
        // Twice-encoded UTF-8 kept byte for byte (README: `LeÃ³dhas`).
        let twice = "Le\u{c3}\u{b3}dhas".as_bytes().to_vec();
        let mut f = b"2 1\n1 1 0\n1 2 0\n0\n\"".to_vec();
        f.extend_from_slice(&twice);
        f.extend_from_slice(b"\"\n\"B\"\n\"T\"");
        let e = read(&f).unwrap();
        assert_eq!(e.candidates()[0].name, twice);
        // CR only.
        assert!(read(b"2 1\r1 1 0\r1 2 0\r0\r\"A\"\r\"B\"\r\"T\"\r").is_ok());
    }

    /// Weights whose total passes u64::MAX are refused with both figures
    /// (issue 15: an overflow is a typed error, never a clamped total).
    /// Hand-worked: a weight has at most 19 digits; line 2 and line 3 each
    /// weigh 9,999,999,999,999,999,999, and 9,999,999,999,999,999,999 ×
    /// 2 = 19,999,999,999,999,999,998 is past u64::MAX
    /// (18,446,744,073,709,551,615), so line 3 is refused naming
    /// 9999999999999999999 + 9999999999999999999; the same when both lines
    /// are of one sequence (the streaming reader merges them) and in the
    /// reference reader.
    #[test]
    fn weights_past_u64_max_are_refused_naming_the_figures() {
        let big = 9_999_999_999_999_999_999u64;
        for bytes in [
            &b"3 1\n9999999999999999999 1 0\n9999999999999999999 2 0\n0\nA\nB\nC\nT\n"[..],
            b"3 1\n9999999999999999999 1 0\n9999999999999999999 1 0\n0\nA\nB\nC\nT\n",
        ] {
            let want = vec![(
                3,
                BltProblem::TooManyPapers {
                    papers: big,
                    weight: big,
                },
            )];
            assert_eq!(problems(bytes), want);
            let reference: Vec<(usize, BltProblem)> = read_lines(bytes)
                .unwrap_err()
                .0
                .into_iter()
                .map(|e| (e.line, e.problem))
                .collect();
            assert_eq!(reference, want);
            assert_eq!(problems(bytes)[0].1.code(), "too_many_papers");
        }
        // 9,999,999,999,999,999,999 + 8,446,744,073,709,551,616 is exactly
        // u64::MAX: it fits, merged into one sequence, not clamped.
        let e = read(b"3 1\n9999999999999999999 1 0\n8446744073709551616 1 0\n0\nA\nB\nC\nT\n")
            .unwrap();
        assert_eq!(e.ballots().len(), 1);
        assert_eq!(e.ballots().iter().next().unwrap().weight, u64::MAX);
        assert_eq!(profile(&e).unwrap(), vec![(vec![0], u64::MAX)]);
    }

    #[test]
    fn bad_input_names_the_line() {
        assert_eq!(
            problems(b"3 1\n1 4 0\n0\nA\nB\nC\nT\n"),
            vec![(
                2,
                BltProblem::PreferenceOutOfRange {
                    candidate: "4".into(),
                    candidates: 3
                }
            )]
        );
        assert_eq!(
            problems(b"3 1\n1 1 2 1 0\n0\nA\nB\nC\nT\n"),
            vec![(2, BltProblem::RepeatedPreference { candidate: 1 })]
        );
        assert_eq!(
            problems(b"3 1\n0 1 0\n-2 1 0\n0\nA\nB\nC\nT\n"),
            vec![
                (2, BltProblem::BadWeight { weight: "0".into() }),
                (
                    3,
                    BltProblem::BadWeight {
                        weight: "-2".into()
                    }
                )
            ]
        );
        assert_eq!(
            problems(b"3 3\n1 1 0\n0\nA\nB\nC\nT\n"),
            vec![(
                1,
                BltProblem::Election(ElectionProblem::SeatsNotFewerThanCandidates {
                    seats: 3,
                    standing: 3
                })
            )]
        );
        // A withdrawal leaves two standing for two seats.
        assert_eq!(
            problems(b"3 2\n-1\n1 2 0\n0\nA\nB\nC\nT\n"),
            vec![(
                2,
                BltProblem::Election(ElectionProblem::SeatsNotFewerThanCandidates {
                    seats: 2,
                    standing: 2
                })
            )]
        );
        assert_eq!(
            problems(b"3 1\n1 1 2\n0\nA\nB\nC\nT\n"),
            vec![(2, BltProblem::MissingTerminator)]
        );
        assert_eq!(
            problems(b"3 1\n1 1 0\n1 2 0\n"),
            vec![(
                4,
                BltProblem::Truncated {
                    expected: "the line `0` ending the ballots"
                }
            )]
        );
        assert_eq!(
            problems(b"3 1\n1 1 0\n0\nA\nB\n"),
            vec![(
                6,
                BltProblem::Truncated {
                    expected: "a candidate's name"
                }
            )]
        );
        assert_eq!(
            problems(b"3 1\n1 x 0\n0\nA\nB\nC\nT\n"),
            vec![(
                2,
                BltProblem::NotANumber {
                    field: "preference",
                    value: "x".into()
                }
            )]
        );
        assert!(matches!(
            problems(b"99999999 1\n")[0],
            (
                1,
                BltProblem::Election(ElectionProblem::TooManyCandidates { .. })
            )
        ));
        let tight = BltLimits {
            max_bytes: 10,
            ..BltLimits::default()
        };
        assert!(matches!(
            read_with(b"3 1\n1 1 0\n0\nA\nB\nC\nT\n", &tight)
                .unwrap_err()
                .0[0]
                .problem,
            BltProblem::TooLarge { .. }
        ));
        let few = BltLimits {
            max_ballot_lines: 1,
            ..BltLimits::default()
        };
        assert!(matches!(
            read_with(b"3 1\n1 1 0\n1 2 0\n0\nA\nB\nC\nT\n", &few)
                .unwrap_err()
                .0[0],
            BltError {
                line: 3,
                problem: BltProblem::LimitExceeded { .. }
            }
        ));
    }

    #[test]
    fn write_read_identity_and_profile() {
        let src = b"3 1\n-3\n2 1 2 0\n1 2 0\n3 1 2 0\n1 1 0\n0\n\"A\" \"P\"\n\"B\"\n\"C\"\n\"T\"\n";
        // The reference reader keeps every line: write gives the file back.
        let e = read_lines(src).unwrap();
        assert_eq!(write(&e).unwrap(), src.to_vec());
        assert_eq!(read_lines(&write(&e).unwrap()).unwrap(), e);
        // The streaming reader merges the two lines `1 2`.
        assert_eq!(read(src).unwrap(), e.clone().merged().unwrap());
        assert_eq!(read(src).unwrap().ballots().len(), 3);
        assert_eq!(
            profile(&e).unwrap(),
            vec![(vec![0], 1), (vec![0, 1], 5), (vec![1], 1)]
        );
        assert_eq!(
            String::from_utf8(write_profile_csv(&e).unwrap()).unwrap(),
            "papers,pref_1,pref_2,pref_3\n1,1,,\n5,1,2,\n1,2,,\n"
        );
        let p = read(&write_profile_blt(&e).unwrap()).unwrap();
        assert_eq!(p.valid_papers(), e.valid_papers());
        assert_eq!(p.ballots().len(), 3);
    }

    #[test]
    fn byte_order_mark_and_doubled_quotes() {
        let src = b"\xef\xbb\xbf2 1\r\n3 1 0\r\n1 2 0\r\n0\r\n\"Brian ALLAN \"\"Alba Party\"\"\"\r\n\"Ann \"\"Nan\"\" BELL\" \"Scottish \"\"Green\"\"\"\r\n\"Ward \"\"3\"\"\"\r\n";
        let e = read(src).unwrap();
        assert_eq!(e.candidates()[0].name, b"Brian ALLAN \"Alba Party\"");
        assert_eq!(e.candidates()[0].party, None);
        assert_eq!(e.candidates()[1].name, b"Ann \"Nan\" BELL");
        assert_eq!(
            e.candidates()[1].party.as_deref(),
            Some(&b"Scottish \"Green\""[..])
        );
        assert_eq!(e.title(), b"Ward \"3\"");
        assert_eq!(e.valid_papers(), 4);
        // The writer doubles the quotes back: write -> read is the identity.
        let w = write(&e).unwrap();
        assert!(w.ends_with(b"\"Brian ALLAN \"\"Alba Party\"\"\"\n\"Ann \"\"Nan\"\" BELL\" \"Scottish \"\"Green\"\"\"\n\"Ward \"\"3\"\"\"\n"));
        assert_eq!(read(&w).unwrap(), e);
        // Still strict: a quote not closed, a lone quote in the middle, a
        // byte-order mark anywhere but the start.
        assert_eq!(
            problems(b"2 1\n1 1 0\n0\n\"A \"\"x\n\"B\"\n\"T\"\n"),
            vec![(
                4,
                BltProblem::BadName {
                    reason: "a quote is not closed"
                }
            )]
        );
        assert_eq!(
            problems(b"2 1\n1 1 0\n0\n\"A\" x\"\n\"B\"\n\"T\"\n"),
            vec![(
                4,
                BltProblem::BadName {
                    reason: "text after the quoted name is not a quoted party"
                }
            )]
        );
        assert!(read(b"2 1\n\xef\xbb\xbf1 1 0\n0\n\"A\"\n\"B\"\n\"T\"\n").is_err());
    }

    fn arb_election() -> impl proptest::strategy::Strategy<Value = Election> {
        use proptest::prelude::*;
        (2usize..7).prop_flat_map(|n| {
            let name = proptest::collection::vec(any::<u8>(), 0..12);
            let party = proptest::option::of(proptest::collection::vec(any::<u8>(), 0..8));
            let ballot = (
                1u64..1_000_000,
                Just(n).prop_perturb(|n, mut rng| {
                    let mut c: Vec<u16> = (0..n as u16).collect();
                    for i in (1..c.len()).rev() {
                        c.swap(i, rng.random_range(0..=i));
                    }
                    c.truncate(rng.random_range(1..=n));
                    c
                }),
            );
            (
                proptest::collection::vec((name, party), n),
                name_title(),
                proptest::collection::vec(ballot, 0..20),
                proptest::option::of(0..n),
            )
                .prop_filter_map(
                    "valid election",
                    move |(names, title, ballots, w)| {
                        let candidates = names
                            .into_iter()
                            .map(|(name, party)| Candidate { name, party })
                            .collect();
                        let withdrawn = w.into_iter().collect();
                        let ballots = ballots
                            .into_iter()
                            .map(|(weight, prefs)| Ballot { weight, prefs })
                            .collect();
                        Election::new(title, candidates, 1, withdrawn, ballots).ok()
                    },
                )
        })
    }

    fn name_title() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        proptest::collection::vec(proptest::prelude::any::<u8>(), 0..12)
    }

    proptest::proptest! {
        /// write -> read_lines is the identity for every election whose names
        /// a BLT line can hold (the writer refuses the others); write -> read
        /// gives it merged.
        #[test]
        fn write_then_read_is_identity(e in arb_election()) {
            if let Ok(bytes) = write(&e) {
                let again = read_lines(&bytes);
                proptest::prop_assert_eq!(again.as_ref().ok(), Some(&e), "{:?}", again);
                proptest::prop_assert_eq!(write(&again.unwrap()).ok(), Some(bytes.clone()));
                // The streaming reader: the same election, merged.
                proptest::prop_assert_eq!(read(&bytes).ok(), Some(e.clone().merged().unwrap()));
            }
        }
    }
}
