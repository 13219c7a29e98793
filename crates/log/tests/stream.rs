//! The streaming reader ([`LogReader`]) reads what [`read`] reads: on any
//! log, whole or altered (bytes changed, removed or inserted, line feeds,
//! carriage returns and blank lines added, the last line feed taken off),
//! read through a buffer of any size, it hands over the same entries with
//! the same lines and digests and ends with the same header and chain
//! head, or lists the same problems on the same lines. So does
//! [`read_each`] on the whole bytes (which takes a version 1 line's digest
//! only when asked for it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::BufReader;

use countroom_log::{
    read, read_each, write, BundleCounted, CandidateVotes, CountCompleted, Entry, Event, Header,
    LogReader, PaperBatchCounted, Preferences, ReadError, Sha256Digest,
};
use proptest::prelude::*;

/// What either reader found, in one shape.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    Log {
        header: Header,
        header_digest: Sha256Digest,
        entries: Vec<(Entry, u64, Sha256Digest)>,
        head: Sha256Digest,
    },
    Problems(Vec<ReadError>),
}

fn whole(bytes: &[u8]) -> Found {
    match read(bytes) {
        Ok(log) => {
            let head = log.head();
            Found::Log {
                entries: log
                    .entries
                    .into_iter()
                    .zip(log.lines)
                    .zip(log.digests)
                    .map(|((e, l), d)| (e, l, d))
                    .collect(),
                header: log.header,
                header_digest: log.header_digest,
                head,
            }
        }
        Err(errors) => Found::Problems(errors),
    }
}

/// What [`read_each`] hands over: each entry's digest is the chain head
/// before the next, and the tail's head for the last.
fn each(bytes: &[u8]) -> Found {
    let mut entries: Vec<(Entry, u64, Sha256Digest)> = Vec::new();
    let mut first_head = None;
    let tail = read_each(bytes, |_, e| {
        let before = e.head_before();
        match entries.last_mut() {
            Some(last) => last.2 = before,
            None => first_head = Some(before),
        }
        entries.push((e.entry, e.line, Sha256Digest([0; 32])));
    });
    match tail {
        Ok(tail) => {
            if let Some(last) = entries.last_mut() {
                last.2 = tail.head;
            }
            if let Some(h) = first_head {
                assert_eq!(h, tail.header_digest);
            }
            assert_eq!(tail.entries, entries.len() as u64);
            Found::Log {
                header: tail.header,
                header_digest: tail.header_digest,
                entries,
                head: tail.head,
            }
        }
        Err(errors) => Found::Problems(errors),
    }
}

fn streamed(bytes: &[u8], buffer: usize) -> Found {
    let mut reader = LogReader::new(BufReader::with_capacity(buffer, bytes));
    let mut entries = Vec::new();
    let mut expected_head = None;
    while let Some(e) = reader.next_entry().unwrap() {
        // In a log that reads, each entry's chain head before it is the
        // digest of the entry before.
        if let (Some(h), false) = (expected_head, reader.has_problems()) {
            assert_eq!(e.head_before, h);
        }
        expected_head = Some(e.digest);
        entries.push((e.entry, e.line, e.digest));
    }
    match reader.finish().unwrap() {
        Ok(tail) => {
            assert_eq!(tail.entries, entries.len() as u64);
            Found::Log {
                header: tail.header,
                header_digest: tail.header_digest,
                entries,
                head: tail.head,
            }
        }
        Err(errors) => Found::Problems(errors),
    }
}

/// The same log read as a growing file is (`countroom serve`): complete
/// lines only, in pieces cut at the line feeds after `cuts`, each handed
/// over with `LogReader::follow` once the reader has read all before it.
/// Gives what [`streamed`] gives, if the log ends in a line feed.
fn followed(bytes: &[u8], cuts: &[usize]) -> Found {
    let mut ends: Vec<usize> = cuts
        .iter()
        .filter_map(|&c| {
            let c = c % (bytes.len() + 1);
            bytes[..c].iter().rposition(|&b| b == b'\n').map(|i| i + 1)
        })
        .collect();
    ends.push(bytes.len());
    ends.sort_unstable();
    ends.dedup();
    let mut reader = LogReader::new(std::io::Cursor::new(Vec::new()));
    let mut entries = Vec::new();
    let mut from = 0;
    for (i, end) in ends.into_iter().enumerate() {
        let piece = std::io::Cursor::new(bytes[from..end].to_vec());
        if i == 0 {
            reader = LogReader::new(piece);
        } else {
            assert!(reader.follow(piece));
        }
        from = end;
        while let Some(e) = reader.next_entry().unwrap() {
            entries.push((e.entry, e.line, e.digest));
        }
        if let Some(tail) = reader.tail() {
            assert_eq!(tail.entries, entries.len() as u64);
        }
    }
    match reader.finish().unwrap() {
        Ok(tail) => Found::Log {
            header: tail.header,
            header_digest: tail.header_digest,
            entries,
            head: tail.head,
        },
        Err(errors) => Found::Problems(errors),
    }
}

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,.'\"\\\\/é€-]{0,10}"
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        (
            text(),
            text(),
            proptest::collection::vec((text(), 0u64..100), 0..3),
        )
            .prop_map(|(contest, bundle, votes)| {
                Event::BundleCounted(
                    BundleCounted::new(
                        contest,
                        1,
                        bundle,
                        votes
                            .into_iter()
                            .map(|(candidate, votes)| CandidateVotes::new(candidate, votes))
                            .collect(),
                    )
                    .papers(Some(50)),
                )
            }),
        (text(), any::<u32>())
            .prop_map(|(contest, run)| Event::CountCompleted(CountCompleted::new(contest, run))),
        (
            text(),
            proptest::collection::vec((1u64..9, proptest::collection::vec("C[0-9]", 1..4)), 1..4),
        )
            .prop_map(|(batch, lines)| {
                let mut preferences = Preferences::new();
                for (w, order) in &lines {
                    preferences.push(*w, order);
                }
                Event::PaperBatchCounted(
                    PaperBatchCounted::new(
                        "ward",
                        1,
                        batch,
                        lines.iter().map(|(w, _)| w).sum(),
                        Vec::new(),
                        Vec::new(),
                    )
                    .preferences(preferences),
                )
            }),
    ]
}

fn log() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<bool>(),
        proptest::collection::vec((text(), event()), 0..5),
    )
        .prop_map(|(v2, items)| {
            let header = if v2 {
                Header::v2("exampleshire-2026", "0.1.0", &"5f".repeat(32))
            } else {
                Header::v1()
            };
            let entries: Vec<Entry> = items
                .into_iter()
                .enumerate()
                .map(|(i, (by, event))| Entry::new(i as u64 + 1, format!("by {by}"), event))
                .collect();
            write(&header, &entries)
        })
}

/// One alteration of the bytes.
fn alter(bytes: &mut Vec<u8>, kind: u8, at: usize, byte: u8) {
    if bytes.is_empty() {
        return;
    }
    let at = at % bytes.len();
    match kind % 8 {
        0 => bytes[at] = byte,
        1 => {
            bytes.remove(at);
        }
        2 => bytes.insert(at, b'\n'),
        3 => bytes.insert(at, b'\r'),
        4 => bytes.insert(at, byte),
        5 => {
            if bytes.last() == Some(&b'\n') {
                bytes.pop();
            }
        }
        6 => {
            // A line removed.
            let starts: Vec<usize> = std::iter::once(0)
                .chain(
                    bytes
                        .iter()
                        .enumerate()
                        .filter(|(_, &b)| b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .filter(|&i| i < bytes.len())
                .collect();
            let start = starts[at % starts.len()];
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| start + i + 1);
            bytes.drain(start..end);
        }
        _ => {
            bytes.splice(at..at, *b"\n\n");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn the_streaming_reader_reads_what_read_reads(
        mut bytes in log(),
        alterations in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 0..3),
        buffer in 1usize..80,
    ) {
        for (kind, at, byte) in alterations {
            alter(&mut bytes, kind, at, byte);
        }
        let found = whole(&bytes);
        prop_assert_eq!(&streamed(&bytes, buffer), &found);
        prop_assert_eq!(&each(&bytes), &found);
    }

    #[test]
    fn a_log_read_as_it_grows_reads_as_a_whole(
        mut bytes in log(),
        alterations in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 0..2),
        cuts in proptest::collection::vec(any::<usize>(), 0..6),
    ) {
        for (kind, at, byte) in alterations {
            alter(&mut bytes, kind, at, byte);
        }
        // A growing file is read up to its last line feed: a log that ends
        // without one is not followed to its end.
        prop_assume!(bytes.ends_with(b"\n"));
        prop_assert_eq!(followed(&bytes, &cuts), whole(&bytes));
    }
}

#[test]
fn follow_refuses_to_go_on_after_a_last_line_without_its_line_feed() {
    let mut reader = LogReader::new(std::io::Cursor::new(b"{\"schema\"".to_vec()));
    while reader.next_entry().unwrap().is_some() {}
    assert!(!reader.follow(std::io::Cursor::new(b":1}\n".to_vec())));
}

#[test]
fn an_empty_input_and_a_blank_one_read_alike() {
    for bytes in [&b""[..], b"\n", b"\n\n", b"{", b"\xEF\xBB\xBF"] {
        assert_eq!(streamed(bytes, 3), whole(bytes), "{bytes:?}");
        assert_eq!(each(bytes), whole(bytes), "{bytes:?}");
    }
}
