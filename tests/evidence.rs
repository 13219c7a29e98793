//! Documents tied to their evidence: every document made from a count log
//! states the log's format version, whether it is tamper-evident, its chain
//! head and the countroom version.

use countroom::log::{read, write, Header, Sha256Digest};

use crate::support::{example, run, scratch, stdout, write as write_file};

/// A shipped example rewritten as a version 2 log.
fn v2_of(name: &str) -> Vec<u8> {
    let v1 = std::fs::read(example(name)).unwrap();
    let log = read(&v1).unwrap();
    let header = Header::v2(
        "parish-2026",
        env!("CARGO_PKG_VERSION"),
        &countroom::rules::table_digest(),
    );
    write(&header, &log.entries)
}

#[test]
fn a_v2_log_s_documents_state_its_chain_head_in_every_format() {
    let dir = scratch();
    let bytes = v2_of("two-seat-tie.jsonl");
    let log = read(&bytes).unwrap();
    let head = log.head();
    // The head is the SHA-256 of the last line, computed here independently.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let last = text.lines().last().unwrap();
    assert_eq!(head, Sha256Digest::of(last.as_bytes()));
    let path = write_file(dir.path(), "v2.jsonl", &bytes);

    let out = stdout(&run(&["count", &path]));
    assert!(
        out.contains("Count log: format version 2, hash-chained (8 entries)."),
        "{out}"
    );
    assert!(
        out.contains(&format!("Chain head: {}", head.to_groups())),
        "{out}"
    );
    assert!(out.contains(&format!("Made by countroom {}.", env!("CARGO_PKG_VERSION"))));
    assert!(!out.contains("NOT TAMPER-EVIDENT"));

    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["count", &path, "--format", "json"]))).unwrap();
    assert_eq!(json["evidence"]["chain_head"], head.to_hex());
    assert_eq!(json["evidence"]["tamper_evident"], true);
    assert_eq!(json["evidence"]["log_version"], 2);
    assert_eq!(json["evidence"]["rules_match"], true);

    let csv = stdout(&run(&["count", &path, "--format", "csv"]));
    assert!(
        csv.contains(&format!(
            "little-ormsby,,evidence,chain_head,SHA-256 of the log's last line,{}",
            head.to_hex()
        )),
        "{csv}"
    );

    let dc: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["count", &path, "--format", "dc-json"]))).unwrap();
    assert_eq!(dc[0]["countroom"]["log_chain_head"], head.to_hex());
    assert_eq!(dc[0]["countroom"]["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn a_v1_log_s_documents_say_it_is_not_tamper_evident() {
    let dir = scratch();
    let v1 = countroom::log::write(
        &Header::v1(),
        &read(&std::fs::read(example("two-seat-tie.jsonl")).unwrap())
            .unwrap()
            .entries,
    );
    let path = write_file(dir.path(), "v1.jsonl", &v1);
    let out = stdout(&run(&["count", &path]));
    assert!(
        out.contains("Count log: format version 1 (8 entries): NOT TAMPER-EVIDENT"),
        "{out}"
    );
    let verify = stdout(&run(&["verify", &path]));
    assert!(verify.contains("NOT TAMPER-EVIDENT"), "{verify}");
}

#[test]
fn a_v2_header_for_another_election_is_a_problem_of_its_entry() {
    let dir = scratch();
    let v1 = std::fs::read(example("two-seat-tie.jsonl")).unwrap();
    let log = read(&v1).unwrap();
    let header = Header::v2("other-2026", "0.1.0", &countroom::rules::table_digest());
    let path = write_file(dir.path(), "other.jsonl", &write(&header, &log.entries));
    let o = run(&["check", &path]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("field `election`: the log's header is for election \"other-2026\", not \"parish-2026\""),
        "{err}"
    );
}

/// The demo's logs are signed at verification, at the count's completion
/// and at the declaration by the Returning Officer, with authority checked
/// from their first entry; the demonstration public key in
/// examples/data/keys is the one the log appoints.
#[test]
fn the_demo_logs_are_signed_throughout_with_authority_checked() {
    for (name, person, signer, from) in [
        ("abbey-ward.jsonl", "jmarsh", "Jane Marsh", 1),
        ("exampletown-mayor.jsonl", "pnair", "Priya Nair", 1),
        // The collated poll: defined, then its officers record their
        // offices (the combined authority's returning officer, who
        // collates, and each area's local returning officer).
        ("exampleshire-mayor.jsonl", "hmarsh", "Dr Helen Marsh", 6),
    ] {
        let bytes = std::fs::read(example(name)).unwrap();
        let log = read(&bytes).unwrap();
        let (state, problems) = countroom::count::replay_log(&log);
        assert!(problems.is_empty(), "{name}: {problems:?}");
        let e = state.evidence().unwrap();
        assert_eq!(e.authority_checked_from, Some(from), "{name}");
        assert!(
            log.entries[..from as usize - 1]
                .iter()
                .all(|x| x.event.kind().ends_with("_defined")),
            "{name}: only definitions come before the first appointment"
        );
        let last = log.entries.len() as u64;
        assert_eq!(e.coverage.last().unwrap().last, last, "{name}");
        assert!(
            e.coverage
                .iter()
                .all(|c| c.signed_by.iter().any(|s| s.person == person)),
            "{name}: {:?}",
            e.coverage
        );
        let kinds: Vec<&str> = log
            .entries
            .windows(2)
            .filter(|w| w[1].event.kind() == "checkpoint_signed")
            .map(|w| w[0].event.kind())
            .collect();
        assert!(kinds.contains(&"result_declared"), "{name}: {kinds:?}");
        assert!(
            kinds.contains(&"count_completed") || kinds.contains(&"local_total_authorised"),
            "{name}: {kinds:?}"
        );
        let public = std::fs::read_to_string(example(&format!("keys/{person}.pub"))).unwrap();
        assert!(
            e.offices
                .iter()
                .any(|o| o.person == person && o.name == signer && o.signs),
            "{name}"
        );
        assert!(
            String::from_utf8(bytes).unwrap().contains(public.trim()),
            "{name}"
        );
    }
    let abbey = read(&std::fs::read(example("abbey-ward.jsonl")).unwrap()).unwrap();
    let kinds: Vec<&str> = abbey
        .entries
        .windows(2)
        .filter(|w| w[1].event.kind() == "checkpoint_signed")
        .map(|w| w[0].event.kind())
        .collect();
    assert_eq!(
        kinds,
        [
            "verification_completed",
            "count_completed",
            "result_declared"
        ]
    );
}

/// The chain cannot show a log cut short or its last line changed: the
/// chain head read aloud at the count (`check --head`) does.
#[test]
fn check_head_catches_a_log_cut_short() {
    let dir = scratch();
    let bytes = std::fs::read(example("abbey-ward.jsonl")).unwrap();
    let head = read(&bytes).unwrap().head();
    let grouped = head.to_groups();
    let whole = write_file(dir.path(), "whole.jsonl", &bytes);
    let o = run(&["check", &whole, "--head", &grouped]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains(&format!("chain head {grouped} (as given)")));

    let text = String::from_utf8(bytes).unwrap();
    let cut: String = text
        .lines()
        .take(text.lines().count() - 1)
        .map(|l| format!("{l}\n"))
        .collect();
    let cut = write_file(dir.path(), "cut.jsonl", cut.as_bytes());
    // Cut short, the log is still a well-formed chain ...
    assert!(run(&["check", &cut]).status.success());
    // ... but not the one whose head was read out.
    let o = run(&["check", &cut, "--head", &head.to_hex()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains(&format!("not the {grouped} given")), "{err}");
    let o = run(&["check", &whole, "--head", "not-a-digest"]);
    assert_eq!(o.status.code(), Some(2));
}

/// A log begun under another ruleset table than this countroom's: `check`
/// says so (docs/count-log.md, the header's `rules`; audit 13, finding 4),
/// in its text and, beside the JSON's empty problem list, on standard
/// error; the documents say so too. It is not a problem of the log.
#[test]
fn check_says_when_the_log_was_begun_under_other_rules() {
    let dir = scratch();
    let log = read(&std::fs::read(example("two-seat-tie.jsonl")).unwrap()).unwrap();
    let other = "0".repeat(64);
    let header = Header::v2("parish-2026", env!("CARGO_PKG_VERSION"), &other);
    let path = write_file(dir.path(), "other.jsonl", &write(&header, &log.entries));
    let o = run(&["check", &path]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.starts_with("ok: 8 entries"), "{text}");
    assert!(
        text.contains(&format!(
            "note: the log was begun under another ruleset table (rules {other}) than this countroom's ({})",
            countroom::rules::table_digest()
        )),
        "{text}"
    );
    let o = run(&["check", &path, "--format", "json"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "[]\n");
    assert!(String::from_utf8_lossy(&o.stderr).contains("another ruleset table"));
    let out = stdout(&run(&["count", &path]));
    assert!(out.contains("begun under another ruleset table"), "{out}");
    // The same log under this countroom's table: no note.
    let same = write_file(dir.path(), "same.jsonl", &v2_of("two-seat-tie.jsonl"));
    let text = stdout(&run(&["check", &same]));
    assert!(!text.contains("another ruleset table"), "{text}");
}
