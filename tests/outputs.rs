//! Evidence: `count --out DIR` as a whole set with its SHA256SUMS, `digest`,
//! the auditor's replay of ballot-paper and bundle files, and totals that
//! cannot overflow.

use std::path::Path;
use std::process::Command;

use sha2::Digest as _;

use crate::support::{example, run, scratch, stderr, stdout, write};

const HEADER: &str = "{\"schema\":\"countroom-count-log\",\"version\":1}\n";

/// A log of one election and `contests` (each a one-seat English parish
/// contest with candidates X and Y), then `lines` as entries.
fn log_with(contests: &[&str], lines: &[&str]) -> String {
    let mut events = vec![
        r#"{"election_defined":{"election":"e","name":"Test elections","poll_date":"2026-05-07"}}"#
            .to_owned(),
    ];
    for id in contests {
        events.push(format!(
            r#"{{"contest_defined":{{"contest":"{id}","election":"e","title":"Election of a Councillor","area":"{id}","office":"parish_councillor","country":"england","electorate":1000,"vacancies":[{{"kind":"ordinary","term_ends":"2030-05-06"}}],"candidates":[{{"id":"X","name":"X"}},{{"id":"Y","name":"Y"}}]}}}}"#
        ));
    }
    events.extend(lines.iter().map(|l| (*l).to_owned()));
    let mut log = String::from(HEADER);
    for (i, event) in events.iter().enumerate() {
        log.push_str(&format!(r#"{{"seq":{},"by":"RO","event":{event}}}"#, i + 1));
        log.push('\n');
    }
    log
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn hex(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Runs the binary through `sh -c 'umask MASK; exec …'`.
fn run_with_umask(mask: &str, args: &[&str]) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {mask}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_countroom"))
        .args(args)
        .output()
        .unwrap()
}

/// The set is written with a SHA256SUMS file in the coreutils format,
/// sorted by name, each line the SHA-256 of its file (hand-checked here
/// with sha2, and by `sha256sum -c` where it is installed).
#[test]
fn out_writes_a_set_with_its_sha256sums() {
    let dir = scratch();
    let out = dir.path().join("docs");
    let log = example("abbey-ward.jsonl").display().to_string();
    let o = run(&["count", &log, "--out", &out.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        names(&out),
        vec!["SHA256SUMS", "abbey-town.txt", "abbey.txt"]
    );
    let sums = std::fs::read_to_string(out.join("SHA256SUMS")).unwrap();
    let expected: String = ["abbey-town.txt", "abbey.txt"]
        .iter()
        .map(|n| format!("{}  {n}\n", hex(&std::fs::read(out.join(n)).unwrap())))
        .collect();
    assert_eq!(sums, expected);
    match Command::new("sha256sum")
        .arg("-c")
        .arg("SHA256SUMS")
        .current_dir(&out)
        .output()
    {
        Ok(check) => assert!(
            check.status.success(),
            "sha256sum -c: {}",
            String::from_utf8_lossy(&check.stdout)
        ),
        Err(_) => eprintln!("skipping `sha256sum -c`: sha256sum is not installed"),
    }
}

/// Two contests whose ids give the same file name are refused, naming both,
/// and nothing is written.
#[test]
fn out_refuses_file_name_collisions() {
    let dir = scratch();
    let log = write(
        dir.path(),
        "count.jsonl",
        log_with(&["north/1", "north_1"], &[]).as_bytes(),
    );
    let out = dir.path().join("out");
    let o = run(&["count", &log, "--out", &out.display().to_string()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("contests north/1 and north_1 would both be written to north_1.txt"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
    assert_eq!(names(dir.path()), vec!["count.jsonl"], "no temporary left");
    // Distinct after sanitising: both written, `/` and `:` as `_`.
    let log = write(
        dir.path(),
        "count.jsonl",
        log_with(&["north/1", "south:2"], &[]).as_bytes(),
    );
    let o = run(&["count", &log, "--out", &out.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        names(&out),
        vec!["SHA256SUMS", "north_1.txt", "south_2.txt"]
    );
}

/// A directory holding anything but an earlier set is refused and left
/// exactly as it was; an earlier set is replaced whole.
#[test]
fn out_replaces_an_earlier_set_and_nothing_else() {
    let dir = scratch();
    let out = dir.path().join("docs");
    let out_s = out.display().to_string();
    let log = example("abbey-ward.jsonl").display().to_string();
    // An empty directory is filled.
    std::fs::create_dir(&out).unwrap();
    assert!(run(&["count", &log, "--out", &out_s]).status.success());
    // An earlier set (text) is replaced by the new one (JSON): no stale file.
    let o = run(&["count", &log, "--out", &out_s, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        names(&out),
        vec!["SHA256SUMS", "abbey-town.json", "abbey.json"]
    );
    assert_eq!(names(dir.path()), vec!["docs"], "no temporary left");
    // A user's file in it: refused, untouched, named.
    std::fs::write(out.join("notes.txt"), b"mine").unwrap();
    let before = std::fs::read(out.join("abbey.json")).unwrap();
    let o = run(&["count", &log, "--out", &out_s]);
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(err.contains(&out_s) && err.contains("notes.txt"), "{err}");
    assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"mine");
    assert_eq!(std::fs::read(out.join("abbey.json")).unwrap(), before);
    assert_eq!(
        names(&out),
        vec!["SHA256SUMS", "abbey-town.json", "abbey.json", "notes.txt"]
    );
    // A file of the set edited since: refused too.
    std::fs::remove_file(out.join("notes.txt")).unwrap();
    std::fs::write(out.join("abbey.json"), b"{}").unwrap();
    let o = run(&["count", &log, "--out", &out_s]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("abbey.json was changed"),
        "{}",
        stderr(&o)
    );
    // A directory of other files (no SHA256SUMS): refused.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("a.txt"), b"x").unwrap();
    let o = run(&["count", &log, "--out", &other.display().to_string()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("a.txt"), "{}", stderr(&o));
    assert_eq!(names(&other), vec!["a.txt"]);
    assert_eq!(
        names(dir.path()),
        vec!["docs", "other"],
        "no temporary left"
    );
}

/// Files are 0666 and the directory 0777 less the umask, as any other
/// program's; `accounts --out` too.
#[cfg(unix)]
#[test]
fn out_follows_the_umask() {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = scratch();
    let log = example("abbey-ward.jsonl").display().to_string();
    for (mask, file_mode, dir_mode) in [("022", 0o644, 0o755), ("077", 0o600, 0o700)] {
        let out = dir.path().join(format!("docs-{mask}"));
        let o = run_with_umask(mask, &["count", &log, "--out", &out.display().to_string()]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(mode(&out), dir_mode, "umask {mask}: directory");
        for name in names(&out) {
            assert_eq!(mode(&out.join(&name)), file_mode, "umask {mask}: {name}");
        }
        let accounts = dir.path().join(format!("claim-{mask}.txt"));
        let data = example("accounts");
        let o = run_with_umask(
            mask,
            &[
                "accounts",
                &data.join("ledger.csv").display().to_string(),
                "--polls",
                &data.join("polls.csv").display().to_string(),
                "--caps",
                &data.join("mra.csv").display().to_string(),
                "--scale",
                &data.join("scale.csv").display().to_string(),
                "--out",
                &accounts.display().to_string(),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(mode(&accounts), file_mode, "umask {mask}: accounts --out");
    }
}

/// `digest`: SHA-256("abc") (FIPS 180-2 B.1) in sixteen groups of four, two
/// spaces, the name; a missing file is exit 3 naming it.
#[test]
fn digest_prints_groups_of_four() {
    let dir = scratch();
    let abc = write(dir.path(), "abc.txt", b"abc");
    let empty = write(dir.path(), "empty.txt", b"");
    let o = run(&["digest", &abc, &empty]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "ba78 16bf 8f01 cfea 4141 40de 5dae 2223 b003 61a3 9617 7a9c b410 ff61 f200 15ad  {abc}\n\
             e3b0 c442 98fc 1c14 9afb f4c8 996f b924 27ae 41e4 649b 934c a495 991b 7852 b855  {empty}\n"
        )
    );
    let missing = dir.path().join("no-such.csv").display().to_string();
    let o = run(&["digest", &abc, &missing]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains(&missing), "{}", stderr(&o));
    assert_eq!(run(&["digest"]).status.code(), Some(2));
}

// ---- The auditor's replay of ballot-paper and bundle files ----

/// The town council's papers with paper AT-0002's vote moved from IQBAL to
/// HART (it reads `,X,,`: the log's batch `town-all` has HART 1,698 and
/// IQBAL 1,645, so the file gives 1,699 and 1,644).
fn moved_vote() -> Vec<u8> {
    let papers = std::fs::read_to_string(example("abbey-town-papers.csv")).unwrap();
    assert!(papers.contains("\nAT-0002,Y,N,,X,,\n"));
    papers
        .replace("\nAT-0002,Y,N,,X,,\n", "\nAT-0002,Y,N,X,,,\n")
        .into_bytes()
}

/// A papers file with one vote moved, under the name the log records, is
/// found by its name and reported figure by figure, for `check` and
/// `count`; the unmodified file checks clean and is not counted twice.
#[test]
fn papers_file_with_a_moved_vote_is_reported() {
    let log = example("abbey-ward.jsonl").display().to_string();
    let dir = scratch();
    let edited = write(dir.path(), "abbey-town-papers.csv", &moved_vote());
    for command in ["check", "count"] {
        let o = run(&[
            command,
            &log,
            "--contest",
            "abbey-town",
            "--papers",
            &edited,
        ]);
        assert_eq!(o.status.code(), Some(1), "{command}: {}", stderr(&o));
        let err = stderr(&o);
        for expected in [
            "for batch town-all (run 1): votes for T-HART: the log records 1698, the file gives 1699",
            "for batch town-all (run 1): votes for T-IQBAL: the log records 1645, the file gives 1644",
            "the log records 9c5c9b6fd8da6949342601ec3b3c2f4c15f0ece87a2cc0d1ca95d847a77093c7 for batch town-all (run 1)",
        ] {
            assert!(err.contains(expected), "{command}: expected {expected:?} in:\n{err}");
        }
        assert!(err.contains("3 problems found"), "{err}");
        assert!(
            !err.contains("T-JONES") && !err.contains("valid papers"),
            "{err}"
        );
    }
    // Unmodified: no problems, and the documents are those of the log alone.
    let papers = example("abbey-town-papers.csv").display().to_string();
    let o = run(&[
        "check",
        &log,
        "--contest",
        "abbey-town",
        "--papers",
        &papers,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("no problems found"));
    let alone = run(&["count", &log, "--contest", "abbey-town", "--format", "json"]);
    let audited = run(&[
        "count",
        &log,
        "--contest",
        "abbey-town",
        "--papers",
        &papers,
        "--format",
        "json",
    ]);
    assert!(audited.status.success(), "{}", stderr(&audited));
    assert_eq!(audited.stdout, alone.stdout, "counted once, not twice");
}

/// The same bytes under another name are found by their SHA-256; a file
/// with a different name and hash matches nothing (an error naming the way
/// out) unless `--batch` names its batch.
#[test]
fn papers_file_is_found_by_hash_name_or_batch() {
    let log = example("abbey-ward.jsonl").display().to_string();
    let dir = scratch();
    let original = std::fs::read(example("abbey-town-papers.csv")).unwrap();
    let renamed = write(dir.path(), "copy.csv", &original);
    let o = run(&[
        "check",
        &log,
        "--contest",
        "abbey-town",
        "--papers",
        &renamed,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let unknown = write(dir.path(), "elsewhere.csv", &moved_vote());
    let o = run(&[
        "check",
        &log,
        "--contest",
        "abbey-town",
        "--papers",
        &unknown,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("elsewhere.csv: matches no batch the log records for contest abbey-town")
            && err.contains("use `countroom count --as-new-batch` to count it as a new batch"),
        "{err}"
    );
    let o = run(&[
        "check",
        &log,
        "--contest",
        "abbey-town",
        "--papers",
        &unknown,
        "--batch",
        "town-all",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("votes for T-HART: the log records 1698, the file gives 1699"),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "check",
        &log,
        "--contest",
        "abbey-town",
        "--papers",
        &unknown,
        "--batch",
        "nonesuch",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("(by --batch nonesuch)"),
        "{}",
        stderr(&o)
    );
    // The same bytes as a new batch would count the papers twice: refused.
    let o = run(&[
        "count",
        &log,
        "--contest",
        "abbey-town",
        "--papers",
        &renamed,
        "--as-new-batch",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("as batch town-all (run 1): it cannot be counted again"),
        "{}",
        stderr(&o)
    );
}

/// `--as-new-batch` counts a file the log does not record (with `--batch`,
/// under that id): the Westbury papers (27 ALLEN, 21 BAKER, 8 COLE).
#[test]
fn as_new_batch_counts_a_new_file() {
    let log = example("westbury.jsonl").display().to_string();
    let papers = example("westbury-papers.csv").display().to_string();
    let o = run(&["count", &log, "--papers", &papers]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("matches no batch"), "{}", stderr(&o));
    let o = run(&[
        "count",
        &log,
        "--papers",
        &papers,
        "--as-new-batch",
        "--batch",
        "W1",
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(
        csv.contains("westbury,1,candidate,WB-ALLEN,\"ALLEN, Grace\",27\n"),
        "{csv}"
    );
}

/// A bundles file is checked row by row against the bundles the log
/// records (by run and bundle id); rows it does not record need
/// `--as-new-batch`.
#[test]
fn bundles_file_is_checked_against_the_log() {
    let dir = scratch();
    let log = log_with(
        &["ward"],
        &[
            r#"{"bundle_counted":{"contest":"ward","run":1,"bundle":"B1","papers":100,"votes":[{"candidate":"X","votes":60},{"candidate":"Y","votes":40}]}}"#,
        ],
    );
    let log = write(dir.path(), "count.jsonl", log.as_bytes());
    let same = write(
        dir.path(),
        "same.csv",
        b"run,table,bundle,papers,X,Y\n1,T1,B1,100,60,40\n",
    );
    let o = run(&["check", &log, "--bundles", &same]);
    assert!(o.status.success(), "{}", stderr(&o));
    let moved = write(
        dir.path(),
        "moved.csv",
        b"run,table,bundle,papers,X,Y\n1,T1,B1,100,59,41\n",
    );
    let o = run(&["check", &log, "--bundles", &moved]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("moved.csv:2: bundle B1 (run 1) differs from the log: votes for X: the log records 60, the file gives 59")
            && err.contains("moved.csv:2: bundle B1 (run 1) differs from the log: votes for Y: the log records 40, the file gives 41"),
        "{err}"
    );
    let new = write(
        dir.path(),
        "new.csv",
        b"run,table,bundle,papers,X,Y\n1,T1,B1,100,60,40\n1,T2,B2,10,3,7\n",
    );
    let o = run(&["check", &log, "--bundles", &new]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "new.csv:3: bundle B2 (run 1) matches no bundle the log records for contest ward"
        ),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "count",
        &log,
        "--bundles",
        &new,
        "--as-new-batch",
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("ward,1,candidate,X,X,63\n"),
        "{}",
        stdout(&o)
    );
}

// ---- No saturated totals: an entry that would pass u64::MAX is refused ----

const MAX: u64 = u64::MAX;

/// Runs `count` and `check` on `log`: exit 1, every `expected` on stderr,
/// and no turnout or total printed.
fn refused(log: &str, expected: &[&str]) {
    let dir = scratch();
    let path = write(dir.path(), "count.jsonl", log.as_bytes());
    for command in ["count", "check", "verify"] {
        let o = run(&[command, &path]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{command}: {err}");
        for e in expected {
            assert!(err.contains(e), "{command}: expected {e:?} in:\n{err}");
        }
        assert!(o.stdout.is_empty(), "{command} printed {}", stdout(&o));
        assert!(!err.contains("100.00%"), "{err}");
    }
}

/// Two postal boxes each counted at u64::MAX papers: the second count is
/// refused, naming both figures (before, the poll verified
/// 18446744073709551615 papers and the log replayed clean).
#[test]
fn two_boxes_of_the_largest_count_are_refused() {
    let log = log_with(
        &["ward"],
        &[
            r#"{"ballot_box_defined":{"ballot_box":"PV1","contests":["ward"]}}"#,
            r#"{"ballot_box_defined":{"ballot_box":"PV2","contests":["ward"]}}"#,
            &format!(
                r#"{{"box_counted":{{"ballot_box":"PV1","contest":"ward","attempt":1,"papers":{MAX}}}}}"#
            ),
            &format!(
                r#"{{"box_counted":{{"ballot_box":"PV2","contest":"ward","attempt":1,"papers":{MAX}}}}}"#
            ),
            r#"{"verification_completed":{"contest":"ward"}}"#,
        ],
    );
    refused(
        &log,
        &[&format!(
            "count.jsonl:7: entry 6: box_counted: box PV2 would hold {MAX} papers, with {MAX} verified in the poll's other boxes: the total would exceed the largest count, {MAX}"
        )],
    );
    // One box of u64::MAX papers fits, and is verified.
    let one = log_with(
        &["ward"],
        &[
            r#"{"ballot_box_defined":{"ballot_box":"PV1","contests":["ward"]}}"#,
            &format!(
                r#"{{"box_counted":{{"ballot_box":"PV1","contest":"ward","attempt":1,"papers":{MAX}}}}}"#
            ),
            r#"{"verification_completed":{"contest":"ward"}}"#,
        ],
    );
    let dir = scratch();
    let path = write(dir.path(), "one.jsonl", one.as_bytes());
    let o = run(&["check", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A bundle that would take a candidate past u64::MAX votes is refused,
/// naming the bundle, the candidate and both figures.
#[test]
fn votes_past_the_largest_count_are_refused() {
    let log = log_with(
        &["ward"],
        &[
            &format!(
                r#"{{"bundle_counted":{{"contest":"ward","run":1,"bundle":"B1","votes":[{{"candidate":"X","votes":{}}}]}}}}"#,
                MAX - 1
            ),
            r#"{"bundle_counted":{"contest":"ward","run":1,"bundle":"B7","votes":[{"candidate":"X","votes":5}]}}"#,
        ],
    );
    refused(
        &log,
        &[&format!(
            "count.jsonl:5: entry 4: bundle_counted: bundle B7 adds 5 votes for X to {}: the total would exceed the largest count, {MAX}",
            MAX - 1
        )],
    );
}

/// Valid papers of u64::MAX and one rejected paper: the papers counted
/// (valid and rejected, the turnout's numerator) would pass u64::MAX, so
/// the rejected paper is refused, and no turnout is printed (before,
/// 100.00%).
#[test]
fn papers_counted_past_the_largest_count_are_refused() {
    let log = log_with(
        &["ward"],
        &[
            &format!(
                r#"{{"bundle_counted":{{"contest":"ward","run":1,"bundle":"B1","votes":[{{"candidate":"X","votes":{MAX}}}]}}}}"#
            ),
            r#"{"rejected_counted":{"contest":"ward","run":1,"head":"too_many_votes","papers":1}}"#,
        ],
    );
    refused(
        &log,
        &[&format!(
            "entry 4: rejected_counted: rejected_counted (too_many_votes) adds 1 papers counted (valid and rejected) to {MAX}: the total would exceed the largest count, {MAX}"
        )],
    );
    // The same in one batch of ballot papers' figures.
    let log = log_with(
        &["ward"],
        &[&format!(
            r#"{{"paper_batch_counted":{{"contest":"ward","run":1,"batch":"b1","valid_papers":{MAX},"votes":[{{"candidate":"X","votes":{MAX}}}],"rejected":[{{"head":"too_many_votes","papers":1}}]}}}}"#
        )],
    );
    // The batch's own figures do not add up within the largest count: its
    // tally refuses them, naming the sum.
    refused(
        &log,
        &[&format!(
            "entry 3: paper_batch_counted: papers counted: {MAX} + 1 exceeds the largest count, {MAX}"
        )],
    );
}

/// Two seats × 2^63 valid papers is 2^64 votes the papers could carry, past
/// the largest count: the bundle is refused naming the figures, and no
/// reconciliation or unused-votes figure is printed (issue 15; before, the
/// unused votes were clamped to 18446744073709551615).
#[test]
fn votes_the_papers_can_carry_past_the_largest_count_are_refused() {
    let mut log = log_with(&[], &[]);
    let half = 1u64 << 63;
    for (seq, event) in [
        (2, r#"{"contest_defined":{"contest":"ward","election":"e","title":"Election of Councillors","area":"ward","office":"parish_councillor","country":"england","electorate":1000,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-06"},{"kind":"ordinary","term_ends":"2030-05-06"}],"candidates":[{"id":"X","name":"X"},{"id":"Y","name":"Y"},{"id":"Z","name":"Z"}]}}"#.to_owned()),
        (3, format!(r#"{{"bundle_counted":{{"contest":"ward","run":1,"bundle":"B1","papers":{half},"votes":[{{"candidate":"X","votes":{half}}}]}}}}"#)),
    ] {
        log.push_str(&format!(r#"{{"seq":{seq},"by":"RO","event":{event}}}"#));
        log.push('\n');
    }
    refused(
        &log,
        &[&format!(
            "entry 3: bundle_counted: bundle B1 adds {} votes the valid papers can carry (2 seats × valid papers) to 0: the total would exceed the largest count, {MAX}",
            u128::from(half) * 2
        )],
    );
}

/// A one-seat UK Parliamentary contest of 120 electors (candidates X and
/// Y), then `lines`, as a version 1 log.
fn constituency_log(lines: &[&str]) -> String {
    let mut events = vec![
        r#"{"election_defined":{"election":"e","name":"Test election","poll_date":"2026-05-07"}}"#.to_owned(),
        r#"{"contest_defined":{"contest":"c","election":"e","title":"Election of a Member of Parliament","area":"Tiny","office":"uk_parliament","country":"england","electorate":120,"vacancies":[{"kind":"ordinary","term_ends":"2031-05-07"}],"candidates":[{"id":"X","name":"X"},{"id":"Y","name":"Y"}]}}"#.to_owned(),
    ];
    events.extend(lines.iter().map(|l| (*l).to_owned()));
    let mut log = String::from(HEADER);
    for (i, event) in events.iter().enumerate() {
        log.push_str(&format!(r#"{{"seq":{},"by":"RO","event":{event}}}"#, i + 1));
        log.push('\n');
    }
    log
}

fn text_of(log: &str) -> (countroom::count::Report, String) {
    let report = countroom::report_from_log(log.as_bytes()).unwrap();
    let text = String::from_utf8(countroom::io::render::report_text(&report)).unwrap();
    (report, text)
}

/// A provisional sheet before anything is counted has no turnout and no
/// deposits (before, every deposit was "forfeited" and the turnout
/// "0.00%"): they exist only once the count is completed.
#[test]
fn no_turnout_or_deposits_before_the_count_is_completed() {
    let (report, text) = text_of(&constituency_log(&[]));
    let c = &report.contests[0];
    assert!(c.turnout.is_none() && c.deposits.is_none(), "{text}");
    assert!(!text.contains("forfeited"), "{text}");
    assert!(!text.contains("0.00%"), "{text}");
    assert!(!text.contains("DEPOSITS"), "{text}");
    // Counted but not completed: still provisional figures.
    let (report, _) = text_of(&constituency_log(&[
        r#"{"bundle_counted":{"contest":"c","run":1,"bundle":"B1","papers":104,"votes":[{"candidate":"X","votes":100},{"candidate":"Y","votes":4}]}}"#,
    ]));
    assert!(report.contests[0].turnout.is_none());
    assert!(report.contests[0].deposits.is_none());
}

/// Completed: X 100, Y 4, no rejected papers, 120 electors. Turnout
/// 104/120 = 86.666…% → 86.67% (half up to two places); Y's 4 votes do not
/// exceed one-twentieth of 104 (5.2): Y's deposit is forfeited (RPA 1983
/// Sch 1 r.53(4)), X's (elected) returned.
#[test]
fn turnout_and_deposits_once_the_count_is_completed() {
    let (report, text) = text_of(&constituency_log(&[
        r#"{"bundle_counted":{"contest":"c","run":1,"bundle":"B1","papers":104,"votes":[{"candidate":"X","votes":100},{"candidate":"Y","votes":4}]}}"#,
        r#"{"count_completed":{"contest":"c","run":1}}"#,
    ]));
    let c = &report.contests[0];
    let t = c.turnout.as_ref().unwrap();
    assert_eq!(t.ballot_box.as_deref(), Some("86.67"));
    assert_eq!(t.valid_vote.as_deref(), Some("86.67"));
    let d = c.deposits.as_ref().unwrap();
    assert_eq!(d.forfeited_at_or_below, 5);
    assert_eq!(
        d.candidates,
        vec![("X".to_owned(), false), ("Y".to_owned(), true)]
    );
    assert!(text.contains("ballot-box turnout 86.67%"), "{text}");
    assert!(c.reconciliation.as_ref().unwrap().problems.is_empty());
}

/// 3,000,000 papers counted and 3,003,497 verified in a constituency of
/// 120 electors: no "2500000.00%" turnout; both figures are problems on
/// the reconciliation (data, not an error), and every figure has its
/// thousands separators, the variance too (3,000,000 − 3,003,497 =
/// −3,497).
#[test]
fn papers_above_the_electorate_are_a_problem_not_a_turnout() {
    let (report, text) = text_of(&constituency_log(&[
        r#"{"papers_verified":{"contest":"c","papers":3003497}}"#,
        r#"{"bundle_counted":{"contest":"c","run":1,"bundle":"B1","papers":3000000,"votes":[{"candidate":"X","votes":2999990},{"candidate":"Y","votes":10}]}}"#,
        r#"{"count_completed":{"contest":"c","run":1}}"#,
    ]));
    let c = &report.contests[0];
    let t = c.turnout.as_ref().unwrap();
    assert_eq!(t.ballot_box, None);
    assert_eq!(t.valid_vote, None);
    assert!(!text.contains("2500000"), "{text}");
    assert!(text.contains("ballot-box turnout -%"), "{text}");
    let r = c.reconciliation.as_ref().unwrap();
    assert_eq!(
        r.problems,
        vec![
            "ballot papers counted (3,000,000) exceed the electorate (120): each elector has one ballot paper, so these figures cannot be true".to_owned(),
            "ballot papers verified (3,003,497) exceed the electorate (120): each elector has one ballot paper, so these figures cannot be true".to_owned(),
        ]
    );
    assert!(
        text.contains("PROBLEM: ballot papers counted (3,000,000) exceed the electorate (120)"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "  {:<40}{:>12}",
            "Variance (counted - verified)", "-3,497"
        )),
        "{text}"
    );
    assert!(text.contains("3,003,497"), "{text}");
    assert!(!text.contains("3497"), "{text}");
}

/// `count LOG LOG... | DIR`: each log replayed and counted on its own, one
/// JSON line per log in input order and a summary; the same bytes whatever
/// `--jobs`; a log that cannot be read (a link to nothing) or is not a log
/// fails alone, and the exit code is then 1.
#[cfg(unix)]
#[test]
fn count_many_logs_in_one_run() {
    let dir = scratch();
    let logs = dir.path().join("logs");
    std::fs::create_dir(&logs).unwrap();
    let examples = [
        "abbey-ward.jsonl",
        "exampletown-mayor.jsonl",
        "two-seat-tie.jsonl",
        "westbury.jsonl",
    ];
    for (k, name) in examples.iter().enumerate() {
        std::fs::copy(example(name), logs.join(format!("{k}-{name}"))).unwrap();
    }
    write(&logs, "notes.txt", b"not a log");
    let extra = example("exampleshire-mayor.jsonl").display().to_string();
    let logs_s = logs.display().to_string();
    let mut outs = Vec::new();
    for jobs in ["1", "2", "7"] {
        let o = run(&["count", "--format", "json", "--jobs", jobs, &logs_s, &extra]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        outs.push(o.stdout);
    }
    assert_eq!(outs[0], outs[1]);
    assert_eq!(outs[0], outs[2]);
    let lines: Vec<serde_json::Value> = String::from_utf8(outs[0].clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6, "five logs and the summary");
    let mut contests = 0;
    for (k, line) in lines[..5].iter().enumerate() {
        let file = line["file"].as_str().unwrap();
        let expected = if k < 4 {
            logs.join(format!("{k}-{}", examples[k]))
                .display()
                .to_string()
        } else {
            extra.clone()
        };
        assert_eq!(file, expected);
        // The same report as counting the log alone.
        let alone = run(&["count", "--format", "json", file]);
        let alone: serde_json::Value = serde_json::from_slice(&alone.stdout).unwrap();
        assert_eq!(line["report"], alone, "{file}");
        contests += alone["contests"].as_array().unwrap().len();
    }
    let s = &lines[5]["summary"];
    assert_eq!(s["logs"], 5);
    assert_eq!(s["counted"], 5);
    assert_eq!(s["failed"], 0);
    assert_eq!(s["contests"], contests);

    // One log a link to nothing (cannot be opened), one a CSV: those two
    // fail, the others are counted, in order.
    std::os::unix::fs::symlink(dir.path().join("nowhere"), logs.join("1a-gone.jsonl")).unwrap();
    write(&logs, "2a-papers.jsonl", b"ballot,X,Y\n1,1,\n");
    let mut outs = Vec::new();
    for jobs in ["1", "2", "7"] {
        let o = run(&["count", "--format", "json", "--jobs", jobs, &logs_s]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        outs.push(o.stdout);
    }
    assert_eq!(outs[0], outs[1]);
    assert_eq!(outs[0], outs[2]);
    let lines: Vec<serde_json::Value> = String::from_utf8(outs[0].clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7, "six logs and the summary");
    let failed: Vec<usize> = (0..6)
        .filter(|&k| lines[k].get("errors").is_some())
        .collect();
    assert_eq!(failed, vec![2, 4], "1a-gone and 2a-papers, in name order");
    assert!(lines[2]["file"]
        .as_str()
        .unwrap()
        .ends_with("1a-gone.jsonl"));
    // Each problem in the one problem shape (the audit's finding 8: they
    // were plain strings, with no code to match on).
    let e = &lines[4]["errors"][0];
    assert!(
        e["file"].as_str().unwrap().contains("2a-papers.jsonl"),
        "{e}"
    );
    assert!(e["code"].as_str().is_some_and(|c| !c.is_empty()), "{e}");
    assert!(e["message"].is_string(), "{e}");
    assert!(
        e.get("line").is_some() && e.get("entry").is_some() && e.get("field").is_some(),
        "{e}"
    );
    let s = &lines[6]["summary"];
    assert_eq!(
        (s["logs"].as_u64(), s["counted"].as_u64()),
        (Some(6), Some(4))
    );
    assert_eq!(s["failed"], 2);
    assert_eq!(s["failures"].as_array().unwrap().len(), 2);

    // Options for one log are refused with several.
    let o = run(&["count", &logs_s, &extra, "--contest", "abbey"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--contest is for one count log"),
        "{}",
        stderr(&o)
    );
}

/// The files under `dir` (one level of subdirectories), as `sub/name`,
/// sorted, with their bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if e.file_type().unwrap().is_dir() {
            for f in std::fs::read_dir(e.path()).unwrap() {
                let f = f.unwrap();
                out.push((
                    format!("{name}/{}", f.file_name().to_string_lossy()),
                    std::fs::read(f.path()).unwrap(),
                ));
            }
        } else {
            out.push((name, std::fs::read(e.path()).unwrap()));
        }
    }
    out.sort();
    out
}

/// Issue 20, item 4: `count LOG... --out DIR` writes the documents of
/// every log as one set, `DIR/<log>/<contest>.<ext>`, each log's files
/// byte for byte those `count LOG --out` writes for it alone (the
/// independent check: the single-log writer), one `SHA256SUMS` listing
/// every file with its SHA-256 (checked here with sha2), the same bytes
/// with 1, 2 or 7 jobs. A log that fails is listed and nothing is written
/// (all or nothing: evidence), an earlier set left as it was.
#[cfg(unix)]
#[test]
fn count_many_logs_out_as_one_set() {
    let dir = scratch();
    let logs = dir.path().join("logs");
    std::fs::create_dir(&logs).unwrap();
    let examples = [
        "abbey-ward.jsonl",
        "exampletown-mayor.jsonl",
        "two-seat-tie.jsonl",
        "westbury.jsonl",
    ];
    for name in examples {
        std::fs::copy(example(name), logs.join(name)).unwrap();
    }
    let logs_s = logs.display().to_string();
    let mut sets = Vec::new();
    for jobs in ["1", "2", "7"] {
        let out = dir.path().join(format!("set-{jobs}"));
        let o = run(&[
            "count",
            &logs_s,
            "--format",
            "json",
            "--jobs",
            jobs,
            "--out",
            &out.display().to_string(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stdout(&o).is_empty());
        sets.push(tree(&out));
    }
    assert_eq!(sets[0], sets[1]);
    assert_eq!(sets[0], sets[2]);
    let set = &sets[0];
    // Each log's files are those of `count LOG --out` alone.
    let mut expected_sums = Vec::new();
    for name in examples {
        let alone = dir.path().join(format!("alone-{name}"));
        let o = run(&[
            "count",
            &logs.join(name).display().to_string(),
            "--format",
            "json",
            "--out",
            &alone.display().to_string(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let sub = name.trim_end_matches(".jsonl");
        for (file, bytes) in tree(&alone) {
            if file == "SHA256SUMS" {
                continue;
            }
            let listed = format!("{sub}/{file}");
            let found = set.iter().find(|(n, _)| *n == listed);
            assert_eq!(found.map(|(_, b)| b), Some(&bytes), "{listed}");
            expected_sums.push(format!("{}  {listed}", hex(&bytes)));
        }
    }
    // Sorted by name, as the single-log set's list is.
    expected_sums.sort_by(|a, b| a[66..].cmp(&b[66..]));
    let sums = set.iter().find(|(n, _)| n == "SHA256SUMS").unwrap();
    assert_eq!(
        String::from_utf8(sums.1.clone()).unwrap(),
        expected_sums.join("\n") + "\n"
    );
    assert_eq!(
        set.len(),
        expected_sums.len() + 1,
        "nothing else in the set"
    );

    // Written again over itself: replaced (a set countroom wrote).
    let out1 = dir.path().join("set-1");
    let again = run(&[
        "count",
        &logs_s,
        "--format",
        "json",
        "--out",
        &out1.display().to_string(),
    ]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(&tree(&out1), set);

    // One log that is not a log: listed, nothing written, the set as it was.
    write(&logs, "zz-papers.jsonl", b"ballot,X,Y\n1,1,\n");
    let o = run(&[
        "count",
        &logs_s,
        "--format",
        "json",
        "--out",
        &out1.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("zz-papers.jsonl"), "{}", stderr(&o));
    assert!(stderr(&o).contains("nothing was written"), "{}", stderr(&o));
    assert_eq!(&tree(&out1), set);
    let fresh = dir.path().join("fresh");
    let o = run(&["count", &logs_s, "--out", &fresh.display().to_string()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!fresh.exists());

    // A user's file in a subdirectory is never replaced.
    std::fs::remove_file(logs.join("zz-papers.jsonl")).unwrap();
    std::fs::write(out1.join("abbey-ward").join("mine.txt"), b"mine").unwrap();
    let o = run(&[
        "count",
        &logs_s,
        "--format",
        "json",
        "--out",
        &out1.display().to_string(),
    ]);
    assert_ne!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(out1.join("abbey-ward").join("mine.txt")).unwrap(),
        b"mine"
    );
}
