//! The version 2 (hash-chained) count log: reading, the canonical form and
//! the chain.
//!
//! The first byte chooses the mode.
//!
//! Raw (first byte even): the rest is read as a log file.
//! - `log::read` never panics;
//! - a version 2 log that reads is canonical: `log::write` of its header and
//!   entries gives back exactly the bytes read.
//!
//! Structured (first byte odd): the rest builds a version 2 log of a few
//! entries (bundle counts, completions, explanations with arbitrary text)
//! with `log::write`, then changes it (one byte, or a line inserted,
//! deleted, duplicated or swapped with another).
//! - the log as written reads (when its text holds no control character),
//!   with the head of its last line;
//! - the changed log does not read, or it reads with another chain head; a
//!   one-byte change that reads is in the last line (no later link covers
//!   it);
//! - whatever reads re-serialises to the same bytes.

#![no_main]

use countroom::log::{
    read, write, BundleCounted, CandidateVotes, CountCompleted, Entry, Event,
    ExplanationRecorded, Header,
};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 0 {
        raw(rest);
    } else {
        let _ = structured(&mut Unstructured::new(rest));
    }
});

/// Reads `bytes`; a version 2 log that reads must be canonical.
fn raw(bytes: &[u8]) -> Option<countroom::log::LogFile> {
    let log = read(bytes).ok()?;
    if log.tamper_evident() {
        assert_eq!(
            write(&log.header, &log.entries),
            bytes,
            "a version 2 log read but does not re-serialise to the same bytes"
        );
    }
    Some(log)
}

/// Text for a field; `bad` is set when it holds a character the reader
/// refuses (a control character or a line or paragraph separator).
fn text(u: &mut Unstructured<'_>, bad: &mut bool) -> Result<String> {
    // Mostly short printable text, sometimes anything at all.
    if u.ratio(1, 8)? {
        let s: String = u.arbitrary()?;
        *bad |= s
            .chars()
            .any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}');
        return Ok(s);
    }
    let len = u.int_in_range(0..=8)?;
    let mut s = String::new();
    for _ in 0..len {
        s.push(*u.choose(&['a', 'Z', '7', ' ', '"', '\\', '/', 'é', '€', '中', '-'])?);
    }
    Ok(s)
}

fn event(u: &mut Unstructured<'_>, bad: &mut bool) -> Result<Event> {
    Ok(match u.int_in_range(0..=2)? {
        0 => {
            let n = u.int_in_range(0..=3)?;
            let mut votes = Vec::new();
            for _ in 0..n {
                votes.push(CandidateVotes::new(text(u, bad)?, u.arbitrary()?));
            }
            // Drawn in the fields' order: contest, run, bundle, table, papers.
            let (contest, run, bundle) = (text(u, bad)?, u.arbitrary()?, text(u, bad)?);
            let table = if u.arbitrary()? { Some(text(u, bad)?) } else { None };
            // A list poll's counting area (written after `run`), drawn last.
            let papers = u.arbitrary()?;
            let area = if u.arbitrary()? { Some(text(u, bad)?) } else { None };
            Event::BundleCounted(
                BundleCounted::new(contest, run, bundle, votes)
                    .table(table)
                    .papers(papers)
                    .counting_area(area),
            )
        }
        1 => Event::CountCompleted(CountCompleted::new(text(u, bad)?, u.arbitrary()?)),
        _ => {
            // Drawn in the fields' order: contest, run, text.
            let (contest, run) = (text(u, bad)?, u.arbitrary()?);
            Event::ExplanationRecorded(ExplanationRecorded::new(contest, text(u, bad)?).run(run))
        }
    })
}

fn structured(u: &mut Unstructured<'_>) -> Result<()> {
    let bad = &mut false;
    let header = Header::v2(&text(u, bad)?, "0.1.0", &"5f".repeat(32));
    let n = u.int_in_range(0..=5)?;
    let mut entries = Vec::new();
    for i in 0..n {
        // In the order the fields were always drawn: by, at, event.
        let by = text(u, bad)?;
        let at = if u.arbitrary()? { Some(text(u, bad)?) } else { None };
        let event = event(u, bad)?;
        entries.push(Entry::new(i + 1, by, event).at(at));
    }
    let original = write(&header, &entries);
    let Some(log) = raw(&original) else {
        // Only text with a character the reader refuses may fail to read.
        assert!(
            *bad,
            "a log written by log::write does not read:\n{}",
            String::from_utf8_lossy(&original)
        );
        return Ok(());
    };
    let head = log.head();
    let mut lines: Vec<Vec<u8>> = original.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    lines.pop();
    let altered = match u.int_in_range(0..=4)? {
        0 => {
            let i = u.choose_index(original.len())?;
            let byte: u8 = u.arbitrary()?;
            if original[i] == byte {
                return Ok(());
            }
            let mut altered = original.clone();
            altered[i] = byte;
            let last_line_start = original[..original.len() - 1]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            if let Some(changed) = raw(&altered) {
                assert!(
                    i >= last_line_start,
                    "a one-byte change before the last line was not caught"
                );
                assert_ne!(changed.head(), head, "a change to the last line kept the head");
            }
            return Ok(());
        }
        1 => {
            let line = lines[u.choose_index(lines.len())?].clone();
            let at = u.int_in_range(0..=lines.len())?;
            lines.insert(at, line);
            lines
        }
        2 => {
            let at = u.choose_index(lines.len())?;
            lines.remove(at);
            lines
        }
        3 => {
            let at = u.choose_index(lines.len())?;
            let line = lines[at].clone();
            lines.insert(at + 1, line);
            lines
        }
        _ => {
            if lines.len() < 2 {
                return Ok(());
            }
            let i = u.choose_index(lines.len())?;
            let j = (i + 1 + u.choose_index(lines.len() - 1)?) % lines.len();
            lines.swap(i, j);
            lines
        }
    };
    let mut bytes = Vec::new();
    for l in &altered {
        bytes.extend_from_slice(l);
        bytes.push(b'\n');
    }
    if let Some(changed) = raw(&bytes) {
        assert_ne!(changed.head(), head, "a changed log reads with the same chain head");
    }
    Ok(())
}
