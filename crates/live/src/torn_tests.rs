//! A live count from a log with problems: a last line cut short by a crash
//! (reported naming its line, and left out by
//! `Count::open_truncating_torn_tail`, which returns it) against every
//! other problem (refused, every problem listed). The logs are the shipped
//! examples, cut or altered by hand; the line numbers are counted by hand
//! (`two-seat-tie.jsonl`: a header and 8 entries, 9 lines).

use countroom_log::ReadErrorKind;

use crate::verify_tests::example;
use crate::*;

const LOG: &str = "two-seat-tie.jsonl";

/// The shipped log with `tail` after its last line feed.
fn with_tail(tail: &[u8]) -> Vec<u8> {
    let mut log = example(LOG);
    log.extend_from_slice(tail);
    log
}

#[test]
fn a_last_line_cut_short_is_named_and_left_out_only_on_request() {
    let whole = example(LOG);
    let complete = Count::open(&whole).unwrap();
    // A crash while writing entry 9: part of its line, no line feed.
    let cut = br#"{"seq":9,"prev":"5f1e","by":"Returning Off"#;
    let log = with_tail(cut);
    let err = Count::open(&log).unwrap_err();
    let OpenError::TornTail(torn) = &err else {
        panic!("{err}")
    };
    assert_eq!(torn.line, 10);
    assert_eq!(torn.offset, whole.len());
    assert_eq!(torn.bytes, cut);
    assert!(torn.problems.iter().all(|p| p.line == 10), "{err}");
    assert!(
        torn.problems
            .iter()
            .any(|p| p.kind == ReadErrorKind::NoFinalNewline),
        "{err}"
    );
    assert!(err.to_string().starts_with("line 10: "), "{err}");

    // Going on without it: the count of the complete lines, and what was
    // left out.
    let (count, left_out) = Count::open_truncating_torn_tail(&log).unwrap();
    assert_eq!(left_out.as_ref(), Some(torn));
    assert_eq!(count.entries(), 8);
    assert_eq!(count.head(), complete.head());
    assert_eq!(
        serde_json::to_vec(&count.documents()).unwrap(),
        serde_json::to_vec(&complete.documents()).unwrap()
    );

    // A log without a torn line opens as it is, nothing left out.
    let (count, left_out) = Count::open_truncating_torn_tail(&whole).unwrap();
    assert!(left_out.is_none());
    assert_eq!(count.head(), complete.head());
}

#[test]
fn a_whole_entry_without_its_line_feed_is_a_torn_line_of_a_chained_log() {
    // Entry 8 of the shipped log written whole but for its line feed: a
    // version 2 log ends every line with one, so the line is incomplete;
    // its only problem says so, and leaving it out keeps entries 1 to 7.
    let whole = example(LOG);
    let log = &whole[..whole.len() - 1];
    let err = Count::open(log).unwrap_err();
    let OpenError::TornTail(torn) = &err else {
        panic!("{err}")
    };
    assert_eq!(torn.line, 9);
    let problems: Vec<_> = torn.problems.iter().map(|p| (p.line, &p.kind)).collect();
    assert_eq!(problems, [(9, &ReadErrorKind::NoFinalNewline)]);
    let (count, _) = Count::open_truncating_torn_tail(log).unwrap();
    assert_eq!(count.entries(), 7);
}

#[test]
fn a_torn_line_of_a_version_1_log_is_one_that_does_not_read() {
    let v1 = concat!(
        r#"{"schema":"countroom-count-log","version":1}"#,
        "\n",
        r#"{"seq":1,"by":"RO","event":{"election_defined":{"election":"e","name":"E","poll_date":"2026-05-07"}}}"#,
        "\n",
    );
    // Version 1 reads a last line without a line feed like any other: a
    // whole entry is not torn.
    let whole_last = format!(
        "{v1}{}",
        r#"{"seq":2,"by":"RO","event":{"election_defined":{"election":"f","name":"F","poll_date":"2026-05-07"}}}"#
    );
    let (count, torn) = Count::open_truncating_torn_tail(whole_last.as_bytes()).unwrap();
    assert!(torn.is_none());
    assert_eq!(count.entries(), 2);
    // Cut short, it does not read: torn, line 3.
    let cut = format!("{v1}{}", r#"{"seq":2,"by":"RO","event":{"elec"#);
    let (count, torn) = Count::open_truncating_torn_tail(cut.as_bytes()).unwrap();
    let torn = torn.unwrap();
    assert_eq!((torn.line, torn.offset), (3, v1.len()));
    assert!(matches!(
        &torn.problems[..],
        [p] if p.line == 3 && matches!(p.kind, ReadErrorKind::BadEntry { .. })
    ));
    assert_eq!(count.entries(), 1);
}

#[test]
fn every_other_problem_is_refused_with_every_problem_listed() {
    let whole = example(LOG);
    let lines: Vec<&[u8]> = whole.split_inclusive(|&b| b == b'\n').collect();

    // A line altered in the middle (entry 4's `seq` made 40) and a torn
    // last line: not a crash alone, so refused, both lines named, even on
    // request to leave a torn line out.
    let mut log = lines[..4].concat();
    log.extend_from_slice(
        &String::from_utf8(lines[4].to_vec())
            .unwrap()
            .replacen(r#""seq":4,"#, r#""seq":40,"#, 1)
            .into_bytes(),
    );
    log.extend_from_slice(&lines[5..].concat());
    log.extend_from_slice(br#"{"seq":9,"#);
    for err in [
        Count::open(&log).unwrap_err(),
        Count::open_truncating_torn_tail(&log).unwrap_err(),
    ] {
        let OpenError::Read(errors) = &err else {
            panic!("{err}")
        };
        let named: std::collections::BTreeSet<u64> = errors.iter().map(|e| e.line).collect();
        assert!(named.contains(&5) && named.contains(&10), "{err}");
    }

    // An entry the replay refuses in the middle of a log that reads (an
    // unknown candidate in the first bundle of the version 1 log below):
    // refused, every problem listed, with or without the request.
    let v1 = concat!(
        r#"{"schema":"countroom-count-log","version":1}"#,
        "\n",
        r#"{"seq":1,"by":"RO","event":{"election_defined":{"election":"e","name":"E","poll_date":"2026-05-07"}}}"#,
        "\n",
        r#"{"seq":2,"by":"RO","event":{"contest_defined":{"contest":"w","election":"e","title":"T","area":"A","office":"principal_councillor","country":"england","electorate":100,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-09"}],"candidates":[{"id":"A","name":"A"},{"id":"B","name":"B"}]}}}"#,
        "\n",
        r#"{"seq":3,"by":"RO","event":{"bundle_counted":{"contest":"w","run":1,"bundle":"B1","votes":[{"candidate":"Z","votes":10}]}}}"#,
        "\n",
        r#"{"seq":4,"by":"RO","event":{"bundle_counted":{"contest":"w","run":1,"bundle":"B2","votes":[{"candidate":"Y","votes":10}]}}}"#,
        "\n",
        r#"{"seq":5,"by":"RO","event":{"bundle_counted":{"contest":"w","run":1,"bundle":"B3","votes":[{"candidate":"A","votes":10}]}}}"#,
        "\n",
    );
    for err in [
        Count::open(v1.as_bytes()).unwrap_err(),
        Count::open_truncating_torn_tail(v1.as_bytes()).unwrap_err(),
    ] {
        let OpenError::Replay(problems) = &err else {
            panic!("{err}")
        };
        let seqs: Vec<u64> = problems.iter().map(|p| p.seq).collect();
        assert_eq!(seqs, [3, 4], "{err}");
    }
}

/// The shipped log cut after every byte, as a crash could leave it: cut
/// at a line feed, it opens whole with nothing left out; cut inside the
/// header, there is nothing to go on from and it is refused; cut anywhere
/// else, the count goes on from the last complete line (entries counted
/// by hand: one per complete line after the header), and what is left out
/// is exactly the bytes after it, never a line feed.
#[test]
fn a_log_cut_after_any_byte_loses_at_most_its_torn_line() {
    let whole = example(LOG);
    let header_end = whole.iter().position(|&b| b == b'\n').unwrap() + 1;
    for k in 1..=whole.len() {
        let cut = &whole[..k];
        let last_feed = cut.iter().rposition(|&b| b == b'\n').map(|i| i + 1);
        let complete_entries = cut
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            .saturating_sub(1);
        let result = Count::open_truncating_torn_tail(cut);
        if k < header_end {
            assert!(result.is_err(), "cut at {k}");
            continue;
        }
        let (count, torn) = result.unwrap_or_else(|e| panic!("cut at {k}: {e}"));
        assert_eq!(count.entries() as usize, complete_entries, "cut at {k}");
        match torn {
            None => assert_eq!(last_feed, Some(k), "cut at {k}"),
            Some(t) => {
                assert_eq!(Some(t.offset), last_feed, "cut at {k}");
                assert_eq!(t.bytes, &cut[t.offset..], "cut at {k}");
                assert!(!t.bytes.contains(&b'\n'), "cut at {k}");
                assert_eq!(t.line as usize, complete_entries + 2, "cut at {k}");
            }
        }
    }
}
