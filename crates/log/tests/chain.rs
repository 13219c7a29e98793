//! The chain's promise, as properties: any single-byte change, and any
//! inserted, deleted, duplicated or swapped line, of a version 2 log either
//! makes it unreadable or changes its chain head (what the head read aloud
//! at the count, or a signed checkpoint, catches).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use countroom_log::{
    read, write, BundleCounted, CandidateVotes, CountCompleted, Entry, Event, ExplanationRecorded,
    Header,
};
use proptest::prelude::*;

fn header() -> Header {
    Header::v2("exampleshire-2026", "0.1.0", &"5f".repeat(32))
}

/// Text as an operator might type it: quotes, backslashes and non-ASCII
/// (escaped or not by the writer), never a control character.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,.'\"\\\\/é€ñ中-]{0,12}"
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        (
            text(),
            1u32..4,
            text(),
            proptest::option::of(text()),
            proptest::option::of(any::<u64>()),
            proptest::collection::vec((text(), any::<u64>()), 0..4),
        )
            .prop_map(|(contest, run, bundle, table, papers, votes)| {
                Event::BundleCounted(
                    BundleCounted::new(
                        contest,
                        run,
                        bundle,
                        votes
                            .into_iter()
                            .map(|(candidate, votes)| CandidateVotes::new(candidate, votes))
                            .collect(),
                    )
                    .table(table)
                    .papers(papers),
                )
            }),
        (text(), any::<u32>())
            .prop_map(|(contest, run)| Event::CountCompleted(CountCompleted::new(contest, run))),
        (text(), proptest::option::of(1u32..3), text()).prop_map(|(contest, run, text)| {
            Event::ExplanationRecorded(ExplanationRecorded::new(contest, text).run(run))
        }),
    ]
}

fn entries(max: usize) -> impl Strategy<Value = Vec<Entry>> {
    proptest::collection::vec(
        (
            text(),
            proptest::option::of(text()),
            proptest::option::of(text()),
            event(),
        ),
        0..=max,
    )
    .prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(|(i, (by, at, reason, event))| {
                // `by` is not checked when reading; keep it non-empty anyway.
                Entry::new(i as u64 + 1, format!("by {by}"), event)
                    .at(at)
                    .reason(reason)
            })
            .collect()
    })
}

/// The lines of `bytes`, each without its line feed.
fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    assert_eq!(
        out.pop(),
        Some(Vec::new()),
        "a written log ends in a line feed"
    );
    out
}

fn join(lines: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for l in lines {
        out.extend_from_slice(l);
        out.push(b'\n');
    }
    out
}

/// The property: the altered log does not read, or reads with another head.
fn caught(original: &[u8], altered: &[u8]) -> Result<(), TestCaseError> {
    let head = read(original).unwrap().head();
    if let Ok(log) = read(altered) {
        prop_assert_ne!(
            log.head(),
            head,
            "an altered log reads with the same chain head:\n{}",
            String::from_utf8_lossy(altered)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Writing then reading gives the same entries and the same bytes.
    #[test]
    fn a_written_chain_reads_back_exactly(entries in entries(6)) {
        let bytes = write(&header(), &entries);
        let log = read(&bytes).unwrap();
        prop_assert_eq!(write(&log.header, &log.entries), bytes);
        prop_assert_eq!(log.entries.len(), entries.len());
    }

    /// Any one byte changed: unreadable, or (only when the change is in
    /// the last line, which no later link covers) another head.
    #[test]
    fn any_single_byte_change_is_caught(
        entries in entries(5),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let original = write(&header(), &entries);
        let i = at.index(original.len());
        prop_assume!(original[i] != byte);
        let mut altered = original.clone();
        altered[i] = byte;
        let last_line_start = original[..original.len() - 1]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        match read(&altered) {
            Err(_) => {}
            Ok(log) => {
                prop_assert!(
                    i >= last_line_start,
                    "a change at byte {} (before the last line, which starts at {}) was not caught:\n{}",
                    i,
                    last_line_start,
                    String::from_utf8_lossy(&altered)
                );
                prop_assert_ne!(log.head(), read(&original).unwrap().head());
            }
        }
    }

    /// A line inserted anywhere: a line of the same log, or of another log
    /// with the same header (so properly linked there).
    #[test]
    fn an_inserted_line_is_caught(
        entries in entries(5),
        other in entries(3),
        at in any::<prop::sample::Index>(),
        pick in any::<prop::sample::Index>(),
    ) {
        let original = write(&header(), &entries);
        let mut ls = lines(&original);
        let mut pool = ls.clone();
        pool.extend(lines(&write(&header(), &other)));
        let line = pool[pick.index(pool.len())].clone();
        let pos = at.index(ls.len() + 1);
        ls.insert(pos, line);
        caught(&original, &join(&ls))?;
    }

    /// A line deleted (the header included).
    #[test]
    fn a_deleted_line_is_caught(entries in entries(5), at in any::<prop::sample::Index>()) {
        let original = write(&header(), &entries);
        let mut ls = lines(&original);
        ls.remove(at.index(ls.len()));
        caught(&original, &join(&ls))?;
    }

    /// A line duplicated in place.
    #[test]
    fn a_duplicated_line_is_caught(entries in entries(5), at in any::<prop::sample::Index>()) {
        let original = write(&header(), &entries);
        let mut ls = lines(&original);
        let i = at.index(ls.len());
        let line = ls[i].clone();
        ls.insert(i + 1, line);
        caught(&original, &join(&ls))?;
    }

    /// Two lines swapped (the header included).
    #[test]
    fn two_swapped_lines_are_caught(
        entries in entries(5),
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
    ) {
        let original = write(&header(), &entries);
        let mut ls = lines(&original);
        if ls.len() < 2 {
            return Ok(());
        }
        // Two different lines: j is i plus 1 to len - 1, around the end.
        let i = a.index(ls.len());
        let j = (i + 1 + b.index(ls.len() - 1)) % ls.len();
        ls.swap(i, j);
        caught(&original, &join(&ls))?;
    }
}

/// Hand-worked: the last line changed keeps a well-formed chain (nothing
/// after it links to it), and only the head shows it.
#[test]
fn a_changed_last_line_reads_but_moves_the_head() {
    let entries = vec![Entry::new(
        1,
        "RO",
        Event::CountCompleted(CountCompleted::new("abbey", 1)),
    )];
    let original = write(&header(), &entries);
    let altered = String::from_utf8(original.clone())
        .unwrap()
        .replace("\"run\":1", "\"run\":2");
    let log = read(altered.as_bytes()).unwrap();
    assert_ne!(log.head(), read(&original).unwrap().head());
    // The same change one line earlier breaks the link of the next line.
    let mut two = entries.clone();
    let mut second = entries[0].clone();
    second.seq = 2;
    two.push(second);
    let original = write(&header(), &two);
    let altered = String::from_utf8(original)
        .unwrap()
        .replacen("\"run\":1", "\"run\":2", 1);
    let errs = read(altered.as_bytes()).unwrap_err();
    assert_eq!(
        errs[0].to_string(),
        "line 3: entry 2 does not follow entry 1: the log was altered at or before entry 1"
    );
}
