//! Signing a checkpoint through the live count: the line `countroom sign`
//! writes for the same log and key (the shipped logs' checkpoints were
//! signed by the CLI's route, `examples/sign_logs.rs`, with the
//! demonstration keys; Ed25519 is deterministic), and the refusals the
//! replay would make.

use countroom_log::checkpoint::CheckpointKey;

use crate::verify_tests::{before, example};
use crate::*;

fn key(person: &str) -> CheckpointKey {
    let text = String::from_utf8(example(&format!("keys/{person}.key"))).unwrap();
    CheckpointKey::from_hex(text.trim_end()).unwrap()
}

fn at(text: &str) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).unwrap()
}

/// Entry `seq` of `name`, a checkpoint signed by `person` at `when`:
/// signed again through the live count, the same line, and the count's
/// evidence then that of the log replayed.
fn signs_as_shipped(name: &str, seq: usize, person: &str, when: &str) {
    let (prefix, line) = before(name, seq);
    let mut count = Count::open(&prefix).unwrap();
    let by = count.actor(person).unwrap();
    let applied = count
        .sign_checkpoint(&by, &key(person), Some(at(when)))
        .unwrap();
    assert_eq!(
        String::from_utf8(applied.bytes).unwrap(),
        String::from_utf8(line.clone()).unwrap(),
        "{name} entry {seq}"
    );
    let mut whole = prefix;
    whole.extend_from_slice(&line);
    let reopened = Count::open(&whole).unwrap();
    assert_eq!(count.evidence(), reopened.evidence());
    assert_eq!(count.head(), reopened.head());
}

#[test]
fn checkpoints_are_the_shipped_logs_lines() {
    signs_as_shipped(
        "abbey-ward.jsonl",
        70,
        "jmarsh",
        "2026-05-07T23:45:00+01:00",
    );
    signs_as_shipped(
        "abbey-ward.jsonl",
        112,
        "jmarsh",
        "2026-05-08T05:10:00+01:00",
    );
    signs_as_shipped(
        "exampletown-mayor.jsonl",
        8,
        "pnair",
        "2021-05-07T12:30:00+01:00",
    );
    signs_as_shipped(
        "exampleshire-mayor.jsonl",
        18,
        "hmarsh",
        "2028-05-05T15:20:00+01:00",
    );
}

#[test]
fn a_checkpoint_the_replay_would_refuse_is_refused_and_nothing_changes() {
    let (prefix, _) = before("abbey-ward.jsonl", 70);
    let mut count = Count::open(&prefix).unwrap();
    let head = count.head();
    // Another person's key: not the key appointed for jmarsh.
    let jmarsh = count.actor("jmarsh").unwrap();
    let e = count
        .sign_checkpoint(&jmarsh, &key("hmarsh"), None)
        .unwrap_err();
    assert!(e.to_string().contains("does not verify"), "{e}");
    // A clerk with no key appointed.
    let clerk = count.actor("vclerk1").unwrap();
    let e = count
        .sign_checkpoint(&clerk, &key("jmarsh"), None)
        .unwrap_err();
    assert_eq!(e.problems.len(), 1, "{e}");
    assert_eq!(count.head(), head);
    assert_eq!(count.entries(), 69);
    // A time the log's RFC 3339 cannot hold (an offset with seconds) is
    // refused naming it, never written as empty text.
    let e = count
        .sign_checkpoint(
            &jmarsh,
            &key("jmarsh"),
            Some(time::macros::datetime!(2026-05-07 23:45 +01:00:30)),
        )
        .unwrap_err();
    assert!(
        matches!(&e.problems[..], [Problem::UnformattableAt { at, .. }] if at.contains("+01:00:30")),
        "{e}"
    );
    assert_eq!(count.head(), head);
    assert_eq!(count.entries(), 69);
    // A version 1 log has no chain to sign.
    let v1 = b"{\"schema\":\"countroom-count-log\",\"version\":1}\n{\"seq\":1,\"by\":\"RO\",\"event\":{\"election_defined\":{\"election\":\"e\",\"name\":\"E\",\"poll_date\":\"2026-05-07\"}}}\n";
    let mut count = Count::open(v1).unwrap();
    let ro = count.actor("RO").unwrap();
    let e = count
        .sign_checkpoint(&ro, &key("jmarsh"), None)
        .unwrap_err();
    assert!(matches!(
        e.problems[0],
        Problem::Count(countroom_count::ProblemKind::CheckpointUnchained { version: 1 })
    ));
    assert_eq!(count.entries(), 1);
}
