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
