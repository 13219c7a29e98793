//! Who records the entries made from files (`--by`): the ballot paper
//! accounts and verification counts CSVs loaded into a log that appoints
//! its officers (audit finding 3).
//!
//! The log is the shipped `examples/data/abbey-ward.jsonl` cut after entry
//! 23: its officers appointed (entries 1-14), the election, the two
//! contests, the polling places and stations defined, an agent appointed
//! (entry 23), and no ballot box yet. The files are docs/formats.md's
//! examples ("Ballot paper accounts CSV", "Verification counts CSV").
//!
//! The rules: every entry after the first appointment is recorded by the
//! `person` of someone appointed whose role allows it (docs/count-log.md,
//! "Evidence: the chain, appointments and signatures"); defining a ballot
//! box is the Returning Officer's, an Acting Returning Officer's or a
//! deputy's with `define` (RPA 1983 s.23(2); s.28(5), s.35(4)); entering
//! an account and counting a box at verification is theirs and the count
//! supervisors' and clerks' (PER r.45(1)-(4), r.44(2)); an agent records
//! neither (the roles table, ARCHITECTURE.md "Roles and authority").
//! A `box_counted`'s `by` is who counted (docs/count-log.md, `box_counted`:
//! "put who counted in `by`"), so a counts row's `counted_by` is its
//! entry's `by`, and `--by` records only the rows that name nobody.

use serde_json::Value;

use crate::support::{example, run, scratch, stderr, stdout, write};

/// The docs/formats.md accounts example.
const ACCOUNTS: &str =
    "ballot_box,polling_station,contest,entrusted,issued,unused,spoilt,cancelled,tendered
BOX-AB1,AB1,abbey,D0001-D2000,1012,980,6,0,2
BOX-AB2,AB2,abbey,D2001-D3500,958,538,4,0,0
TBOX-AB1,AB1,abbey-town,T0001-T2000,1005,990,3,0,2
PV-1,,abbey,,,,,,
PV-1,,abbey-town,,,,,,
";

/// The docs/formats.md counts example: the clerks who counted by their
/// `person`, the postal box's count naming nobody.
const COUNTS: &str = "ballot_box,contest,attempt,papers,counted_by
BOX-AB1,abbey,1,1010,vclerk1
BOX-AB2,abbey,1,960,vclerk2
TBOX-AB1,abbey-town,1,1005,vclerk1
PV-1,abbey,1,402,
";

/// The shipped log's first `n` entries (its header and `n` lines).
fn prefix(n: usize) -> String {
    let shipped = std::fs::read_to_string(example("abbey-ward.jsonl")).unwrap();
    shipped
        .lines()
        .take(n + 1)
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A scratch directory with `abbey-23.jsonl`, `accounts.csv` and
/// `counts.csv` (`counts` as given), and their paths.
fn files(counts: &str) -> (tempfile::TempDir, String, String, String) {
    let dir = scratch();
    let log = write(dir.path(), "abbey-23.jsonl", prefix(23).as_bytes());
    let accounts = write(dir.path(), "accounts.csv", ACCOUNTS.as_bytes());
    let counts = write(dir.path(), "counts.csv", counts.as_bytes());
    (dir, log, accounts, counts)
}

fn verify(log: &str, accounts: &str, counts: &str, more: &[&str]) -> std::process::Output {
    let mut args = vec![
        "verify",
        log,
        "--accounts",
        accounts,
        "--counts",
        counts,
        "--format",
        "json",
    ];
    args.extend_from_slice(more);
    run(&args)
}

/// `--by jmarsh` (Jane Marsh, the Returning Officer, entry 1): the boxes
/// are defined, the accounts entered and the boxes counted, and the
/// statements are those formats.md describes, hand-worked: BOX-AB1
/// expected 1,012 (its account's issued), verified 1,010 (-2); BOX-AB2 958
/// and 960 (+2): both at the Abbey Community Centre, so compensating
/// errors; TBOX-AB1 1,005 and 1,005; PV-1 402 postal papers counted for
/// `abbey`, awaiting its count for `abbey-town`.
#[test]
fn accounts_and_counts_recorded_by_the_returning_officer_verify() {
    let (_dir, log, accounts, counts) = files(COUNTS);
    let o = verify(&log, &accounts, &counts, &["--by", "jmarsh"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let polls = v["polls"].as_array().unwrap();
    let abbey = polls.iter().find(|p| p["contest"] == "abbey").unwrap();
    let rows = abbey["verification"]["boxes"].as_array().unwrap();
    let row = |id: &str| rows.iter().find(|b| b["ballot_box"] == id).unwrap().clone();
    assert_eq!(row("BOX-AB1")["expected"], 1012);
    assert_eq!(row("BOX-AB1")["verified"], 1010);
    assert_eq!(row("BOX-AB1")["variance"], -2);
    assert_eq!(row("BOX-AB2")["expected"], 958);
    assert_eq!(row("BOX-AB2")["verified"], 960);
    assert_eq!(row("BOX-AB2")["variance"], 2);
    assert_eq!(row("PV-1")["verified"], 402);
    for id in ["BOX-AB1", "BOX-AB2"] {
        assert!(
            row(id)["status"].to_string().contains("compensating"),
            "{id}: {}",
            row(id)
        );
    }
    let town = polls.iter().find(|p| p["contest"] == "abbey-town").unwrap();
    let t = &town["verification"]["boxes"][0];
    assert_eq!(t["ballot_box"], "TBOX-AB1");
    assert_eq!(t["expected"], 1005);
    assert_eq!(t["verified"], 1005);
    // The text statement says what formats.md says of PV-1.
    let o = run(&[
        "verify",
        &log,
        "--accounts",
        &accounts,
        "--counts",
        &counts,
        "--by",
        "jmarsh",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("abbey: counted (402); abbey-town: awaiting count"),
        "{text}"
    );
    assert!(
        text.contains("Authority checked throughout from entry 1."),
        "{text}"
    );
}

/// Without `--by`, the entries would be recorded by the files, which are
/// nobody appointed: refused before the replay, naming both files and
/// asking for `--by` (exit 2).
#[test]
fn without_by_the_command_line_is_refused_naming_why() {
    let (dir, log, accounts, counts) = files(COUNTS);
    let o = verify(&log, &accounts, &counts, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{accounts}, {counts}: this log appoints its officers (from entry 1), so every entry must be recorded by the `person` of someone appointed whose role allows it: give `--by PERSON`"
        )),
        "{err}"
    );
    assert!(stdout(&o).is_empty());
    // So with a bundles file added as new too: refused before the replay
    // that finds the contest's run, not once per entry.
    let bundles = write(
        dir.path(),
        "bundles.csv",
        b"run,table,bundle,papers,AB-ASHWORTH,AB-BRENNAN,AB-CHAUDHRY,AB-DAVIES,AB-EVANS,AB-FLETCHER,AB-GRAY\n1,T1,R1-T1-1,427,239,147,200,150,134,88,137\n",
    );
    let o = run(&[
        "count",
        &log,
        "--accounts",
        &accounts,
        "--contest",
        "abbey",
        "--bundles",
        &bundles,
        "--as-new-batch",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("give `--by PERSON`"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    // A counts file whose every row names who counted needs no `--by`
    // for itself: with the boxes already in the log (entry 31 defines the
    // last of them), the clerks' counts are taken.
    let log = write(dir.path(), "abbey-31.jsonl", prefix(31).as_bytes());
    let named = write(
        dir.path(),
        "named.csv",
        b"ballot_box,contest,attempt,papers,counted_by\nBOX-AB1,abbey,1,1010,vclerk1\n",
    );
    let o = run(&["check", &log, "--counts", &named]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// An agent (khollis, Kim Hollis, election agent for AB-EVANS, entry 23)
/// may record neither a box's definition nor its account: every entry is
/// refused at its row, naming the role.
#[test]
fn an_agent_is_refused_at_every_row() {
    let (_dir, log, accounts, counts) = files(COUNTS);
    let o = run(&[
        "verify",
        &log,
        "--accounts",
        &accounts,
        "--counts",
        &counts,
        "--by",
        "khollis",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{accounts}:2: entry 24: ballot_box_defined: khollis is an election agent for AB-EVANS in contest abbey, who may not define")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{accounts}:2: entry 28: account_entered: khollis is an election agent"
        )),
        "{err}"
    );
    // The postal box's count names nobody, so `--by` records it.
    assert!(
        err.contains(&format!(
            "{counts}:5: entry 34: box_counted: khollis is an election agent"
        )),
        "{err}"
    );
}

/// A count supervisor (gobi, Grace Obi, entry 3) may verify but not define
/// ballot boxes: with the boxes already in the log (the first 31 entries
/// define BOX-AB1 to PV-2) the accounts and counts are taken from her;
/// on the 23 entries, where the accounts file must define them, each
/// definition is refused naming the define function.
#[test]
fn a_count_supervisor_verifies_but_does_not_define_boxes() {
    let (_dir, log, accounts, counts) = files(COUNTS);
    let o = run(&[
        "verify",
        &log,
        "--accounts",
        &accounts,
        "--counts",
        &counts,
        "--by",
        "gobi",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{accounts}:2: entry 24: ballot_box_defined: gobi is a count supervisor, who may not define the election, its contests and venues (only the Returning Officer, the Acting Returning Officer or a deputy with the define function: RPA 1983 s.23(2)")),
        "{err}"
    );
    let dir = scratch();
    let log = write(dir.path(), "abbey-31.jsonl", prefix(31).as_bytes());
    let o = run(&[
        "verify",
        &log,
        "--accounts",
        &accounts,
        "--counts",
        &counts,
        "--by",
        "gobi",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("abbey: counted (402); abbey-town: awaiting count"));
}

/// A counts row's `counted_by` is its entry's `by`, even with `--by`: an
/// agent named there is refused at that row, and a name that is nobody's
/// `person` ("Verification table 1") is not appointed.
#[test]
fn counted_by_is_the_entry_by() {
    let counts = COUNTS
        .replace("1010,vclerk1", "1010,khollis")
        .replace("960,vclerk2", "960,Verification table 2");
    let (_dir, log, accounts, counts) = files(&counts);
    let o = run(&[
        "verify",
        &log,
        "--accounts",
        &accounts,
        "--counts",
        &counts,
        "--by",
        "jmarsh",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{counts}:2: entry 31: box_counted: khollis is an election agent"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{counts}:3: entry 32: box_counted: Verification table 2 is not appointed"
        )),
        "{err}"
    );
    assert!(err.contains("countroom: 2 problems found"), "{err}");
}

/// `--by` where no file gives an entry is a usage error (exit 2): alone,
/// with a papers file that is only checked against the log, and with
/// `--as-new-batch` but no file.
#[test]
fn by_with_no_file_to_record_is_a_usage_error() {
    let log = example("abbey-ward.jsonl").display().to_string();
    let papers = example("abbey-town-papers.csv").display().to_string();
    for args in [
        vec!["verify", log.as_str(), "--by", "jmarsh"],
        vec!["check", log.as_str(), "--by", "jmarsh"],
        vec![
            "check",
            log.as_str(),
            "--contest",
            "abbey-town",
            "--papers",
            papers.as_str(),
            "--by",
            "jmarsh",
        ],
        vec!["count", log.as_str(), "--as-new-batch", "--by", "jmarsh"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        // `--as-new-batch` itself needs a papers or bundles file (clap's
        // usage error names them); otherwise `--by` is named.
        assert!(
            stderr(&o).contains(
                "--by names who records the entries made from --accounts and --counts files"
            ) || (args.contains(&"--as-new-batch")
                && stderr(&o).contains("<--papers <CSV>|--bundles <CSV>>")),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // The same papers file checked without `--by` matches its batch.
    let o = run(&[
        "check",
        &log,
        "--contest",
        "abbey-town",
        "--papers",
        &papers,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A log without appointments is not checked for authority: its entries
/// from files are recorded by the files, as before, and no `--by` is
/// needed.
#[test]
fn a_log_without_appointments_takes_the_files_without_by() {
    let dir = scratch();
    // The definitions of the example (entries 15-22) without its
    // appointments, renumbered as a version 1 log.
    let shipped = std::fs::read_to_string(example("abbey-ward.jsonl")).unwrap();
    let mut log = String::from("{\"schema\":\"countroom-count-log\",\"version\":1}\n");
    for (i, line) in shipped.lines().skip(15).take(8).enumerate() {
        let mut v: Value = serde_json::from_str(line).unwrap();
        let o = v.as_object_mut().unwrap();
        o.remove("prev");
        o.insert("seq".into(), Value::from(i + 1));
        log.push_str(&serde_json::to_string(&v).unwrap());
        log.push('\n');
    }
    let log = write(dir.path(), "abbey-defs.jsonl", log.as_bytes());
    let accounts = write(dir.path(), "accounts.csv", ACCOUNTS.as_bytes());
    let counts = write(dir.path(), "counts.csv", COUNTS.as_bytes());
    let o = run(&["verify", &log, "--accounts", &accounts, "--counts", &counts]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o)
            .to_lowercase()
            .contains("authority was not checked"),
        "{}",
        stdout(&o)
    );
}
