//! `countroom demo` tells the truth about itself (audit findings 2, 6 and
//! 17): each log's documents carry that log's evidence, the auditor's
//! replay it shows is what the command prints, and its HTML pages are
//! written as `count --out` writes a set, never over a user's files.

use serde_json::Value;

use crate::support::{example, run, scratch, stderr, stdout};

/// The logs the demo replays, in the order of its parts.
const LOGS: [&str; 9] = [
    "abbey-ward.jsonl",
    "exampletown-mayor.jsonl",
    "exampleshire-mayor.jsonl",
    "little-ormsby-parish-poll.jsonl",
    "exampleton-neighbourhood-plan.jsonl",
    "senedd-cwm-valleys.jsonl",
    "exampleshire-region.jsonl",
    "exampleshire-council-tax.jsonl",
    "exampleton-governance.jsonl",
];

/// The chain head `countroom check` prints for a shipped log, as 64 hex
/// digits.
fn checked_head(log: &str) -> String {
    let o = run(&["check", &example(log).display().to_string()]);
    assert!(o.status.success(), "{log}: {}", stderr(&o));
    stdout(&o)
        .lines()
        .find_map(|l| l.strip_prefix("chain head "))
        .unwrap()
        .replace(' ', "")
}

/// `demo --format json` is one array with an object per log, `{"file",
/// "report"}`; each report is the object `count FILE --format json` prints
/// for that log (so its evidence is that log's), and its chain head is the
/// one `countroom check` prints for that log. Before, one object carried
/// the Abbey Ward log's evidence for the contests of all nine logs.
#[test]
fn demo_json_gives_each_log_its_own_evidence() {
    let o = run(&["demo", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let demo: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let logs = demo.as_array().unwrap();
    assert_eq!(logs.len(), LOGS.len());
    let mut heads = std::collections::BTreeSet::new();
    for (entry, log) in logs.iter().zip(LOGS) {
        let file = format!("examples/data/{log}");
        assert_eq!(entry["file"], file.as_str());
        let o = run(&["count", &file, "--format", "json"]);
        assert!(o.status.success(), "{log}: {}", stderr(&o));
        let alone: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(entry["report"], alone, "{log}");
        let head = entry["report"]["evidence"]["chain_head"].as_str().unwrap();
        assert_eq!(head, checked_head(log), "{log}");
        heads.insert(head.to_owned());
    }
    assert_eq!(heads.len(), LOGS.len(), "nine logs, nine chain heads");
    // The council tax referendum's log records no appointments: its
    // evidence says authority was not checked (the Abbey Ward log's, shown
    // for it before, said "from entry 1").
    let ct = &logs[7]["report"]["evidence"];
    assert_eq!(ct["entries"], 8, "{ct}");
    assert!(ct["authority_checked_from"].is_null(), "{ct}");
}

/// In CSV, each contest's `evidence` rows are its own log's, the list
/// contests' included; the formats
/// that state one log's evidence for a whole document are refused for the
/// demo's nine logs (exit 2), naming the one-log command.
#[test]
fn demo_other_formats_state_each_contests_own_evidence_or_are_refused() {
    let o = run(&["demo", "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut by_contest = std::collections::BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        if &row[2] == "evidence" && &row[3] == "chain_head" {
            by_contest.insert(row[0].to_owned(), row[5].replace(' ', ""));
        }
    }
    assert_eq!(
        by_contest.get("exampleshire-ct"),
        Some(&checked_head("exampleshire-council-tax.jsonl"))
    );
    assert_eq!(
        by_contest.get("abbey"),
        Some(&checked_head("abbey-ward.jsonl"))
    );
    assert_eq!(
        by_contest.get("exampletown-mayor"),
        Some(&checked_head("exampletown-mayor.jsonl"))
    );
    // The list contests' rows state their logs' evidence too (they stated
    // none before).
    assert_eq!(
        by_contest.get("cwm-valleys"),
        Some(&checked_head("senedd-cwm-valleys.jsonl"))
    );
    assert_eq!(
        by_contest.get("exampleshire-region"),
        Some(&checked_head("exampleshire-region.jsonl"))
    );
    assert_eq!(by_contest.len(), 11, "{by_contest:?}");
    // In Democracy Club's shape, each ballot's `countroom` object is its
    // own log's: the nine logs' heads, in the order of the parts.
    let o = run(&["demo", "--format", "dc-json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let heads: Vec<&str> = dc
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["countroom"]["log_chain_head"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = [0, 0, 1, 2, 3, 4, 4, 7, 8, 5, 6]
        .iter()
        .map(|&i| checked_head(LOGS[i]))
        .collect();
    assert_eq!(heads, expected);
    for format in ["err-json", "err-xml", "pdf"] {
        let o = run(&["demo", "--format", format]);
        assert_eq!(o.status.code(), Some(2), "{format}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!(
                "use `countroom count examples/data/LOG.jsonl --format {format}` on one log"
            )),
            "{format}: {}",
            stderr(&o)
        );
        assert!(o.stdout.is_empty());
    }
}

/// Part 1's auditor's replay: the demo prints the command, its exit code
/// and the lines it printed; running that command on a copy of the town
/// council's papers with one vote moved (the first paper for T-IQBAL and
/// not T-HART marked for T-HART instead), beside a copy of the log at
/// `examples/data/abbey-ward.jsonl`, gives the same exit code and the same
/// lines. Before, the demo printed a command that exits 2 and messages the
/// command never prints.
#[test]
fn demo_shows_the_auditors_replay_as_the_command_prints_it() {
    let pages = scratch();
    let o = run(&["demo", "--html-dir", pages.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let part1 = text.split("== After entry").next().unwrap();
    let command = part1.split('`').nth(1).expect("the command, in backquotes");
    assert_eq!(
        command,
        "countroom check examples/data/abbey-ward.jsonl --contest abbey-town --papers abbey-town-papers.csv"
    );
    assert!(
        part1.contains("gives exit code 1 and prints on standard error:"),
        "{part1}"
    );
    let shown: Vec<&str> = part1
        .lines()
        .skip_while(|l| !l.contains("prints on standard error:"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.strip_prefix("  ").unwrap())
        .collect();
    assert_eq!(shown.len(), 4, "{shown:?}");

    let dir = scratch();
    std::fs::create_dir_all(dir.path().join("examples/data")).unwrap();
    std::fs::copy(
        example("abbey-ward.jsonl"),
        dir.path().join("examples/data/abbey-ward.jsonl"),
    )
    .unwrap();
    let papers = std::fs::read_to_string(example("abbey-town-papers.csv")).unwrap();
    let mut moved = false;
    let altered: String = papers
        .split_inclusive('\n')
        .map(|line| {
            let body = line.trim_end_matches(['\r', '\n']);
            let mut f: Vec<&str> = body.split(',').collect();
            if !moved && f.len() == 7 && f[3].is_empty() && f[4] == "X" {
                moved = true;
                f[3] = "X";
                f[4] = "";
                format!("{}{}", f.join(","), &line[body.len()..])
            } else {
                line.to_owned()
            }
        })
        .collect();
    assert!(moved);
    std::fs::write(dir.path().join("abbey-town-papers.csv"), altered).unwrap();
    let words: Vec<&str> = command.split(' ').skip(1).collect();
    let real = std::process::Command::new(env!("CARGO_BIN_EXE_countroom"))
        .args(&words)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(real.status.code(), Some(1));
    assert!(real.stdout.is_empty());
    let printed = stderr(&real);
    assert_eq!(printed.lines().collect::<Vec<_>>(), shown);
    // What the command says: the file's SHA-256 and both figures.
    assert!(printed.contains("votes for T-HART: the log records 1698, the file gives 1699"));
    assert!(printed.contains("votes for T-IQBAL: the log records 1645, the file gives 1644"));
    // docs/formats.md quotes the same lines for the same copy.
    let formats = std::fs::read_to_string(crate::support::root().join("docs/formats.md")).unwrap();
    for line in shown.iter().filter(|l| l.starts_with("error: ")) {
        assert!(
            formats.contains(line),
            "docs/formats.md does not quote {line:?}"
        );
    }
}

/// `demo --html-dir DIR` writes as `count --out DIR` does: a directory
/// holding a user's file is refused (exit 3) and left as it was; an empty
/// one gets the pages, the index and a `SHA256SUMS` listing each; a second
/// run replaces the set it wrote.
#[test]
fn demo_html_dir_never_writes_over_a_users_files() {
    let dir = scratch();
    let user = dir.path().join("mine");
    std::fs::create_dir(&user).unwrap();
    std::fs::write(user.join("mine.txt"), b"my notes\n").unwrap();
    let o = run(&["demo", "--html-dir", &user.display().to_string()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("holds mine.txt, and no SHA256SUMS of a set countroom wrote"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
    let names: Vec<_> = std::fs::read_dir(&user)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["mine.txt"]);
    assert_eq!(std::fs::read(user.join("mine.txt")).unwrap(), b"my notes\n");

    let out = dir.path().join("pages");
    std::fs::create_dir(&out).unwrap();
    for _ in 0..2 {
        let o = run(&["demo", "--html-dir", &out.display().to_string()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let sums = std::fs::read_to_string(out.join("SHA256SUMS")).unwrap();
        let mut listed = 0;
        for line in sums.lines() {
            let (hex, name) = line.split_once("  ").unwrap();
            let bytes = std::fs::read(out.join(name)).unwrap();
            assert_eq!(hex, countroom::io::sha256_hex(&bytes), "{name}");
            listed += 1;
        }
        // Eleven parts' pages (parts 1 and 8 two each) and the index.
        assert_eq!(listed, 14);
        assert!(out.join("index.html").is_file());
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 15);
    }
}
