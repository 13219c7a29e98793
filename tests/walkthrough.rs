//! The documentation's example commands run as written (audit findings 2
//! and 3): the README's auditor's walk-through on the shipped files, and
//! docs/formats.md's examples of the bundles, ballot paper accounts and
//! verification counts CSVs, their files taken from the document itself.
//! If a shipped log is re-signed (its chain head changes) or the examples
//! drift, these fail and name the line to fix.

use crate::support::{root, run, scratch, stderr, stdout, write};

/// The text of `doc` (relative to the repository).
fn read(doc: &str) -> String {
    std::fs::read_to_string(root().join(doc)).unwrap()
}

/// The fenced blocks of `lang` in `text` after the first line equal to
/// `heading` and before the next heading of the same or a higher level.
fn blocks(text: &str, heading: &str, lang: &str) -> Vec<String> {
    let level = heading.chars().take_while(|&c| c == '#').count();
    let mut lines = text.lines().skip_while(|l| *l != heading);
    assert!(lines.next().is_some(), "no heading {heading:?}");
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in lines {
        if current.is_none() {
            let hashes = line.chars().take_while(|&c| c == '#').count();
            if hashes > 0 && hashes <= level && line[hashes..].starts_with(' ') {
                break;
            }
        }
        match &mut current {
            None if line == format!("```{lang}") => current = Some(String::new()),
            None => {}
            Some(_) if line == "```" => out.extend(current.take()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    out
}

/// A command line as the shell splits it (words, double-quoted strings),
/// without the leading `countroom` and any trailing `# comment`.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                word.get_or_insert_with(String::new);
            }
            '#' if !quoted && word.is_none() => break,
            c if c.is_whitespace() && !quoted => out.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    out.extend(word);
    assert_eq!(out.first().map(String::as_str), Some("countroom"), "{line}");
    out.remove(0);
    out
}

/// The README's auditor's walk-through: each command of its example, run
/// from the repository root as written, succeeds. The chain head it quotes
/// is the shipped log's (`check --head` compares it), and the papers file
/// is checked against its batch in the contest named.
#[test]
fn the_readme_auditor_walkthrough_runs_as_written() {
    let readme = read("README.md");
    let sh = blocks(&readme, "## The auditor's workflow", "sh");
    assert_eq!(sh.len(), 1, "{sh:?}");
    let commands: Vec<&str> = sh[0].lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(commands.len(), 2, "{commands:?}");
    for line in &commands {
        let args = words(line);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&args);
        assert!(
            o.status.success(),
            "README.md, the auditor's workflow: `{line}` failed ({:?}): {}",
            o.status.code(),
            stderr(&o)
        );
        assert!(stdout(&o).starts_with("ok: "), "{line}: {}", stdout(&o));
    }
    // The head quoted is the one `check` prints for the shipped log.
    let o = run(&["check", "examples/data/abbey-ward.jsonl"]);
    let printed = stdout(&o)
        .lines()
        .find_map(|l| l.strip_prefix("chain head ").map(str::to_owned))
        .unwrap();
    assert!(
        commands[0].contains(&format!("--head \"{printed}\"")),
        "README.md quotes another head than `check` prints ({printed}): {}",
        commands[0]
    );
}

/// docs/formats.md, "Ballot paper accounts CSV" and "Verification counts
/// CSV", their examples: the log is the shipped example's first 23
/// entries, made as the document says, and the command the document gives
/// prints the statements it describes.
#[test]
fn the_formats_accounts_and_counts_example_runs_as_written() {
    let doc = read("docs/formats.md");
    let accounts = blocks(&doc, "## Ballot paper accounts CSV", "csv");
    let counts = blocks(&doc, "## Verification counts CSV", "csv");
    let sh = blocks(&doc, "## Verification counts CSV", "sh");
    assert_eq!((accounts.len(), counts.len(), sh.len()), (1, 1, 1));
    assert!(doc.contains("`head -n 24 examples/data/abbey-ward.jsonl > abbey-23.jsonl`"));
    let dir = scratch();
    let shipped = read("examples/data/abbey-ward.jsonl");
    let prefix: String = shipped.lines().take(24).map(|l| format!("{l}\n")).collect();
    write(dir.path(), "abbey-23.jsonl", prefix.as_bytes());
    write(dir.path(), "accounts.csv", accounts[0].as_bytes());
    write(dir.path(), "counts.csv", counts[0].as_bytes());
    let args = words(sh[0].trim());
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_countroom"))
        .args(&args)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}: {}", sh[0], stderr(&o));
    let text = stdout(&o);
    // "replays 34 entries": the log's 23, and 11 from the files, stated as
    // added (not in the log); what the document says of each box.
    assert!(text.contains("hash-chained (23 entries)"), "{text}");
    assert!(
        text.contains("With 11 entries made from the other files given"),
        "{text}"
    );
    for line in [
        "BOX-AB1    PP-ABBEY-CC       1,012  1,010                      1,010       -2  accepted: compensating errors in the polling place balance",
        "BOX-AB2    PP-ABBEY-CC         958  960                          960       +2  accepted: compensating errors in the polling place balance",
        "TBOX-AB1   PP-ABBEY-CC       1,005  1,005                      1,005        0  accepted: the papers verified match the papers expected",
        "PV-1       postal                -  402                          402        -  accepted: postal papers counted",
        "abbey: counted (402); abbey-town: awaiting count",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    // Without `--by`, refused as the document says (exit 2).
    let without: Vec<&String> = args.iter().take_while(|a| *a != "--by").collect();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_countroom"))
        .args(without)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        doc.contains(&stderr(&o).trim().replacen("error: ", "", 1)),
        "formats.md does not quote: {}",
        stderr(&o)
    );
}

/// docs/formats.md, "Bundles CSV", its example: the two rows added to the
/// shipped example's first 23 entries by the supervisor of count table 1.
#[test]
fn the_formats_bundles_example_runs_as_written() {
    let doc = read("docs/formats.md");
    let csv = blocks(&doc, "## Bundles CSV", "csv");
    let sh = blocks(&doc, "## Bundles CSV", "sh");
    assert_eq!((csv.len(), sh.len()), (1, 1));
    let dir = scratch();
    let shipped = read("examples/data/abbey-ward.jsonl");
    let prefix: String = shipped.lines().take(24).map(|l| format!("{l}\n")).collect();
    write(dir.path(), "abbey-23.jsonl", prefix.as_bytes());
    write(dir.path(), "bundles.csv", csv[0].as_bytes());
    let args = words(sh[0].trim());
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_countroom"))
        .args(&args)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}: {}", sh[0], stderr(&o));
    assert!(
        stdout(&o).starts_with(
            "ok: 23 entries and 4 added from the files given, contest abbey, no problems found\n"
        ),
        "{}",
        stdout(&o)
    );
    assert!(doc.contains("prints `ok: 23 entries and 4 added from the files given, contest abbey, no problems found`"));
}
