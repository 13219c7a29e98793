use std::path::Path;

use countroom::log::checkpoint::CheckpointKey;
use countroom::log::{Entry, Event, Header};

use crate::support::{run, scratch, stderr, stdout, write};

fn ev(json: &str) -> Event {
    serde_json::from_str(json).unwrap()
}

/// A small version 2 log: definitions, then Jane Marsh records holding the
/// office of Returning Officer with `public_key`, a clerk is appointed and
/// counts a bundle.
fn log_text(public_key: &str) -> Vec<u8> {
    let events = [
        (
            "jmarsh",
            ev(
                r#"{"election_defined":{"election":"ex-2026","name":"Exampleshire District Council elections","poll_date":"2026-05-07"}}"#,
            ),
        ),
        (
            "jmarsh",
            ev(
                r#"{"contest_defined":{"contest":"abbey","election":"ex-2026","title":"Election of a District Councillor","area":"Abbey Ward","office":"principal_councillor","country":"england","electorate":5000,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-09"}],"candidates":[{"id":"C1","name":"ADAMS, Jo"},{"id":"C2","name":"BROWN, Al"}]}}"#,
            ),
        ),
        (
            "jmarsh",
            ev(&format!(
                r#"{{"officer_appointed":{{"person":"jmarsh","name":"Jane Marsh","role":"returning_officer","public_key":"{public_key}"}}}}"#
            )),
        ),
        (
            "jmarsh",
            ev(
                r#"{"officer_appointed":{"person":"tclerk","name":"Tim Clerk","role":"count_clerk"}}"#,
            ),
        ),
        (
            "tclerk",
            ev(
                r#"{"bundle_counted":{"contest":"abbey","run":1,"bundle":"B1","votes":[{"candidate":"C1","votes":30},{"candidate":"C2","votes":20}]}}"#,
            ),
        ),
    ];
    let entries: Vec<Entry> = events
        .into_iter()
        .enumerate()
        .map(|(i, (by, event))| Entry::new(i as u64 + 1, by, event))
        .collect();
    countroom::log::write(
        &Header::v2("ex-2026", "0.1.0", &countroom::rules::table_digest()),
        &entries,
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn keygen_writes_a_private_key_and_refuses_to_overwrite() {
    let dir = scratch();
    let prefix = dir.path().join("ro");
    let o = run(&["keygen", "--out", s(&prefix)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let secret = std::fs::read_to_string(dir.path().join("ro.key")).unwrap();
    let public = std::fs::read_to_string(dir.path().join("ro.pub")).unwrap();
    assert_eq!(secret.len(), 65);
    assert!(secret.ends_with('\n') && public.ends_with('\n'));
    let key = CheckpointKey::from_hex(secret.trim_end()).unwrap();
    assert_eq!(key.public_hex(), public.trim_end());
    assert!(stdout(&o).contains(public.trim_end()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.path().join("ro.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = run(&["keygen", "--out", s(&prefix)]);
    assert_eq!(again.status.code(), Some(3));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ro.key")).unwrap(),
        secret
    );
}

#[test]
fn sign_then_check_shows_what_is_signed() {
    let dir = scratch();
    let prefix = dir.path().join("ro");
    assert!(run(&["keygen", "--out", s(&prefix)]).status.success());
    let public = std::fs::read_to_string(dir.path().join("ro.pub")).unwrap();
    let log = write(dir.path(), "count.jsonl", &log_text(public.trim_end()));
    let key = dir.path().join("ro.key");

    let before = run(&["check", &log]);
    assert!(before.status.success(), "{}", stderr(&before));
    assert_eq!(
        without_head(&stdout(&before)),
        "ok: 5 entries, 1 contest(s), no problems found\nauthority checked throughout from entry 3\nentries 1\u{2013}5 not signed\n"
    );

    // The clerk has no key; another key is not Jane Marsh's.
    let clerk = run(&["sign", &log, "--key", s(&key), "--by", "tclerk"]);
    assert_eq!(clerk.status.code(), Some(1), "{}", stderr(&clerk));
    assert!(
        stderr(&clerk).contains("tclerk has no public key"),
        "{}",
        stderr(&clerk)
    );
    let other = write(
        dir.path(),
        "other.key",
        format!("{}\n", "07".repeat(32)).as_bytes(),
    );
    let wrong = run(&["sign", &log, "--key", &other, "--by", "jmarsh"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr(&wrong).contains("not the key appointed for jmarsh (entry 3)"),
        "{}",
        stderr(&wrong)
    );

    let o = run(&[
        "sign",
        &log,
        "--key",
        s(&key),
        "--by",
        "jmarsh",
        "--at",
        "2026-05-08T03:00:00+01:00",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&log).unwrap();
    let file = countroom::log::read(&bytes).unwrap();
    assert_eq!(file.entries.len(), 6);
    assert_eq!(
        stdout(&o),
        format!("countroom: entries 1\u{2013}5 signed by Jane Marsh (Returning Officer); chain head now {}\n", file.head().to_groups())
    );
    let after = run(&["check", &log]);
    assert!(after.status.success(), "{}", stderr(&after));
    assert_eq!(
        without_head(&stdout(&after)),
        "ok: 6 entries, 1 contest(s), no problems found\nauthority checked throughout from entry 3\nentries 1\u{2013}6 signed by the Returning Officer (Jane Marsh)\n"
    );

    // One hex digit of the signature changed (the line stays canonical and
    // its chain intact: it is the last line).
    let text = String::from_utf8(bytes).unwrap();
    let at = text.find("\"signature\":\"").unwrap() + 13;
    let mut tampered = text.clone().into_bytes();
    tampered[at] = if tampered[at] == b'0' { b'1' } else { b'0' };
    std::fs::write(&log, &tampered).unwrap();
    let bad = run(&["check", &log]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains(
            "entry 6: checkpoint_signed: field `signature`: the signature does not verify"
        ),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn a_version_1_log_cannot_be_signed() {
    let dir = scratch();
    let prefix = dir.path().join("ro");
    assert!(run(&["keygen", "--out", s(&prefix)]).status.success());
    let log = crate::support::example("two-seat-tie.jsonl");
    let v2 = countroom::log::read(&std::fs::read(log).unwrap()).unwrap();
    let v1 = countroom::log::write(&countroom::log::Header::v1(), &v2.entries);
    let copy = write(dir.path(), "v1.jsonl", &v1);
    let o = run(&[
        "sign",
        &copy,
        "--key",
        s(&dir.path().join("ro.key")),
        "--by",
        "jmarsh",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot be signed: run `countroom upgrade"),
        "{}",
        stderr(&o)
    );
}

/// `check`'s output without its `chain head …` line (the head depends on
/// the random key), which must be there.
fn without_head(out: &str) -> String {
    assert!(
        out.lines().any(|l| l.starts_with("chain head ")),
        "no chain head: {out}"
    );
    out.lines()
        .filter(|l| !l.starts_with("chain head "))
        .map(|l| format!("{l}\n"))
        .collect()
}
