//! The count log through the command line: `append`, `upgrade`, and the
//! shipped example logs (all version 2, deterministic).

use crate::support::{example, root, run, scratch, stderr, stdout, write};

/// Every shipped example log.
const EXAMPLES: &[&str] = &[
    "abbey-ward.jsonl",
    "exampleshire-council-tax.jsonl",
    "exampleshire-mayor.jsonl",
    "exampleshire-region.jsonl",
    "exampleton-governance.jsonl",
    "exampleton-neighbourhood-plan.jsonl",
    "exampletown-mayor.jsonl",
    "little-ormsby-parish-poll.jsonl",
    "senedd-cwm-valleys.jsonl",
    "stv-ward.jsonl",
    "two-seat-tie.jsonl",
    "westbury.jsonl",
];

#[test]
fn every_example_log_is_listed_here() {
    let mut found: Vec<String> = std::fs::read_dir(root().join("examples/data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jsonl"))
        .collect();
    found.sort();
    assert_eq!(found, EXAMPLES);
}

#[test]
fn every_example_log_is_version_2_reads_and_replays_cleanly() {
    for name in EXAMPLES {
        let bytes = std::fs::read(example(name)).unwrap();
        let log = countroom::log::read(&bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(log.tamper_evident(), "{name} is not version 2");
        assert_eq!(
            log.header,
            countroom::new_log_header(log.header.election.as_deref().unwrap()),
            "{name}"
        );
        assert_eq!(
            countroom::log::write(&log.header, &log.entries),
            bytes,
            "{name}"
        );
        let (state, problems) = countroom::count::replay_log(&log);
        assert!(problems.is_empty(), "{name}: {problems:?}");
        let evidence = state.evidence().unwrap();
        assert_eq!(evidence.chain_head, log.head().to_hex());
        assert_eq!(evidence.rules_match, Some(true), "{name}");
    }
}

/// `count` gives the same bytes every run. The command-line path uses no
/// threads (only `tally::count_papers_parallel` does, and nothing calls it
/// from the CLI), so a thread setting in the environment changes nothing:
/// checked with `RAYON_NUM_THREADS` 1 and 2 all the same.
#[test]
fn count_on_every_example_is_byte_for_byte_repeatable() {
    for name in EXAMPLES {
        let log = example(name).display().to_string();
        let mut outputs = Vec::new();
        for threads in [None, Some("1"), Some("2")] {
            let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_countroom"));
            cmd.args(["count", &log, "--format", "json"])
                .current_dir(root());
            if let Some(t) = threads {
                cmd.env("RAYON_NUM_THREADS", t);
            }
            let o = cmd.output().unwrap();
            assert!(o.status.success(), "{name}: {}", stderr(&o));
            outputs.push(o.stdout);
        }
        assert!(outputs.windows(2).all(|w| w[0] == w[1]), "{name}");
        let text = String::from_utf8(outputs.pop().unwrap()).unwrap();
        let head = countroom::log::read(&std::fs::read(example(name)).unwrap())
            .unwrap()
            .head()
            .to_hex();
        assert!(
            text.contains(&head),
            "{name}: the chain head is not in the report"
        );
    }
}

const HEADER_V1: &str = "{\"schema\":\"countroom-count-log\",\"version\":1}\n";

/// The first `n` entries of the two-seat tie log, as version 2.
fn tie(n: usize) -> Vec<u8> {
    let log = countroom::log::read(&std::fs::read(example("two-seat-tie.jsonl")).unwrap()).unwrap();
    countroom::log::write(&log.header, &log.entries[..n])
}

const COMPLETED: &str = r#"{"event":{"count_completed":{"contest":"little-ormsby","run":1}}}"#;
const DECLARED: &str = r#"{"event":{"result_declared":{"contest":"little-ormsby","run":1}}}"#;

#[test]
fn append_checks_numbers_links_and_replaces_the_file() {
    let dir = scratch();
    let log = write(dir.path(), "tie.jsonl", &tie(5));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    // One object over several lines, `by` and `at` from the command line.
    let entry = write(
        dir.path(),
        "entry.json",
        b"{\n  \"reason\": \"all bundles in\",\n  \"event\": {\"count_completed\": {\"contest\": \"little-ormsby\", \"run\": 1}}\n}\n",
    );
    let o = run(&[
        "append",
        &log,
        &entry,
        "--by",
        "RO",
        "--at",
        "2026-05-08T01:00",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = countroom::log::read(&std::fs::read(&log).unwrap()).unwrap();
    assert_eq!(after.entries.len(), 6);
    let last = &after.entries[5];
    assert_eq!(
        (
            last.seq,
            last.by.as_str(),
            last.at.as_deref(),
            last.reason.as_deref()
        ),
        (6, "RO", Some("2026-05-08T01:00"), Some("all bundles in"))
    );
    assert_eq!(
        stderr(&o),
        format!(
            "countroom: appended entry 6 to {log}; chain head {}\n",
            after.head().to_groups()
        )
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&log).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640, "the log keeps its mode");
    }
    // No temporary file is left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn append_refuses_all_entries_if_one_has_a_problem() {
    let dir = scratch();
    let before = tie(5);
    let log = write(dir.path(), "tie.jsonl", &before);
    // Declared, then completed: the declaration comes too early.
    let entries = write(
        dir.path(),
        "entries.jsonl",
        format!("{DECLARED}\n{COMPLETED}\n").as_bytes(),
    );
    let o = run(&["append", &log, &entries, "--by", "RO"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("error: {entries}:1: entry 6: result_declared: ")),
        "{err}"
    );
    assert!(
        err.ends_with("countroom: 1 problem found; nothing was written\n"),
        "{err}"
    );
    assert_eq!(std::fs::read(&log).unwrap(), before);
    // Without a `by` anywhere.
    let o = run(&["append", &log, &entries]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!(
            "error: {entries}:2: entry 7: count_completed: no `by`"
        )),
        "{}",
        stderr(&o)
    );
    // An entry with its own `seq`.
    let numbered = write(
        dir.path(),
        "numbered.json",
        br#"{"seq":6,"by":"RO","event":{"count_completed":{"contest":"little-ormsby","run":1}}}"#,
    );
    let o = run(&["append", &log, &numbered]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!(
            "error: {numbered}:1: an entry to append has no `seq`"
        )),
        "{}",
        stderr(&o)
    );
    // A log that does not read.
    let mut cut = before.clone();
    cut.pop();
    let cut_log = write(dir.path(), "cut.jsonl", &cut);
    let o = run(&["append", &cut_log, &entries, "--by", "RO"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("{cut_log}:6: the last line has no line feed")),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&log).unwrap(), before);
}

#[test]
fn append_to_a_version_1_log_writes_version_1_lines() {
    let dir = scratch();
    let v2 = String::from_utf8(tie(2)).unwrap();
    let mut v1 = String::from(HEADER_V1);
    for line in v2.lines().skip(1) {
        let (head, rest) = line.split_once(r#","prev":""#).unwrap();
        v1.push_str(head);
        v1.push_str(&rest[65..]);
        v1.push('\n');
    }
    let log = write(dir.path(), "v1.jsonl", v1.as_bytes());
    let entry = write(
        dir.path(),
        "e.json",
        br#"{"by":"RO","event":{"papers_verified":{"contest":"little-ormsby","papers":2411}}}"#,
    );
    let o = run(&["append", &log, &entry]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("not tamper-evident: `countroom upgrade` chains it"));
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        format!(
            "{v1}{}\n",
            r#"{"seq":3,"by":"RO","event":{"papers_verified":{"contest":"little-ormsby","papers":2411}}}"#
        )
    );
}

#[test]
fn upgrade_chains_a_version_1_log_in_place_or_to_out() {
    let dir = scratch();
    let v1 = format!(
        "{HEADER_V1}{}\n",
        r#"{"seq":1,"by":"RO","event":{"election_defined":{"election":"e-2026","name":"E","poll_date":"2026-05-07"}}}"#
    );
    let log = write(dir.path(), "old.jsonl", v1.as_bytes());
    let out = dir.path().join("new.jsonl").display().to_string();
    let o = run(&["upgrade", &log, "--by", "Auditor", "--out", &out]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        v1,
        "--out leaves LOG alone"
    );
    let new = std::fs::read(&out).unwrap();
    let upgraded = countroom::log::read(&new).unwrap();
    assert_eq!(upgraded.header, countroom::new_log_header("e-2026"));
    assert_eq!(upgraded.entries.len(), 2);
    assert!(
        stderr(&o).contains(&upgraded.head().to_groups()),
        "{}",
        stderr(&o)
    );
    let o = run(&["upgrade", &log, "--by", "Auditor"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&log).unwrap(), new, "the same bytes in place");
    let o = run(&["upgrade", &log, "--by", "Auditor"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the log is already version 2: nothing to upgrade"));
    let none = write(dir.path(), "none.jsonl", HEADER_V1.as_bytes());
    let o = run(&["upgrade", &none, "--by", "Auditor"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the log defines no election"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        run(&["upgrade", &none]).status.code(),
        Some(2),
        "--by is required"
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn append_reads_standard_input_for_dash() {
    use std::io::Write as _;
    let dir = scratch();
    let log = write(dir.path(), "tie.jsonl", &tie(5));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_countroom"))
        .args(["append", &log, "-", "--by", "RO"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{COMPLETED}\n").as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let after = countroom::log::read(&std::fs::read(&log).unwrap()).unwrap();
    assert_eq!(after.entries.len(), 6);
    assert_eq!(after.entries[5].by, "RO");
    assert_eq!(after.entries[5].event.kind(), "count_completed");
}

/// A log replayed as it is read (`replay_reader`, through buffers of any
/// size, keeping no entries, and `replay_bytes`, which takes a version 1
/// line's digest only when it is needed) gives what reading it whole and
/// `replay_log` give: the same documents, evidence and problems. Checked
/// on every example log, on every prefix of each (a prefix is the count as
/// it stood then), on each written as version 1 (its checkpoints then
/// refused), and with an entry completing a count of a contest that does
/// not exist added at the end (refused on replay: a problem with its line).
#[test]
fn replaying_as_read_gives_what_replaying_the_whole_log_gives() {
    use countroom::count::{replay_bytes, replay_log, replay_reader, report};
    use std::io::BufReader;

    let compare = |name: &str, bytes: &[u8]| {
        let log = countroom::log::read(bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let (state, problems) = replay_log(&log);
        let whole = serde_json::to_string(&report(&state)).unwrap();
        for buffer in [0, 1, 61, 1 << 16] {
            // Buffer 0: `replay_bytes` on the whole bytes.
            let streamed = if buffer == 0 {
                replay_bytes(bytes).unwrap()
            } else {
                replay_reader(BufReader::with_capacity(buffer, bytes)).unwrap()
            };
            assert_eq!(streamed.problems, problems, "{name}");
            assert_eq!(
                serde_json::to_string(&report(&streamed.state)).unwrap(),
                whole,
                "{name}"
            );
            assert_eq!(streamed.state.evidence(), state.evidence(), "{name}");
            for p in &streamed.problems {
                assert_eq!(
                    streamed.lines.get(&p.seq),
                    log.line_of(p.seq).as_ref(),
                    "{name}"
                );
            }
        }
        problems.len()
    };
    for name in EXAMPLES {
        let bytes = std::fs::read(example(name)).unwrap();
        assert_eq!(compare(name, &bytes), 0);
        let log = countroom::log::read(&bytes).unwrap();
        for k in 0..log.entries.len() {
            let prefix = countroom::log::write(&log.header, &log.entries[..k]);
            compare(&format!("{name}, {k} entries"), &prefix);
        }
        let mut repeated = log.entries.clone();
        let mut again = repeated[repeated.len() - 1].clone();
        again.seq = repeated.len() as u64 + 1;
        again.event = countroom::log::Event::CountCompleted(countroom::log::CountCompleted::new(
            "no-such-contest",
            1,
        ));
        repeated.push(again);
        let refused = countroom::log::write(&log.header, &repeated);
        assert!(compare(&format!("{name}, an entry refused"), &refused) > 0);
        let v1 = countroom::log::write(&countroom::log::Header::v1(), &log.entries);
        compare(&format!("{name}, version 1"), &v1);
    }
    // A log that does not read: the same problems as `read` lists.
    let bytes = std::fs::read(example("two-seat-tie.jsonl")).unwrap();
    let cut = &bytes[..bytes.len() - 1];
    match replay_reader(BufReader::new(cut)) {
        Err(countroom::count::StreamError::Read(errors)) => {
            assert_eq!(errors, countroom::log::read(cut).unwrap_err());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        replay_bytes(cut).unwrap_err(),
        countroom::log::read(cut).unwrap_err()
    );
}
