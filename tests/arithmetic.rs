//! The promise of ARCHITECTURE.md, "an overflow is a typed error, never a
//! clamp", kept true: no library source saturates a sum or falls back to
//! the largest value, except where listed below with the reason the value
//! is not a clamped figure.
//!
//! The check reads the sources (`src/` and `crates/*/src/`), leaving out
//! test code (`*tests.rs` files and everything from a file's
//! `#[cfg(test)]` module on). A new use fails with its file and line; an
//! allowance that no longer matches fails too, so the list stays exact.

use std::path::{Path, PathBuf};

/// What is looked for.
const PATTERNS: [&str; 3] = ["saturating_", "unwrap_or(i64::MAX)", "unwrap_or(u64::MAX)"];

/// Whole files whose remaining uses were each reviewed and commented in
/// place, with why they are not a clamped figure (issue 15).
const REVIEWED_FILES: [(&str, &str); 2] = [
    (
        "crates/stv/",
        "the STV engine's figures are checked (StvError::FigureOverflow); what is left are vacancies left (seats − elected, never negative by r.51/r.52), counters and positions bounded by a paper's length, each commented",
    ),
    (
        "crates/log/src/jsonl.rs",
        "line and entry counters of the log reader and writer (bounded by the log's length), not figures",
    ),
];

/// Single uses that are not a clamped figure: (file, the line's code, why).
const ALLOWED: [(&str, &str, &str); 6] = [
    (
        "crates/count/src/report.rs",
        "unfilled_seats: contest.seats().saturating_sub(contest.n_standing()),",
        "seats left unfilled are the seats beyond the candidates standing, none when enough stand: a floor at zero by definition",
    ),
    (
        "crates/io/src/render/stv.rs",
        "\" \".repeat(width.saturating_sub(n))",
        "padding a text column: no padding when the text is wider",
    ),
    (
        "crates/tally/src/sv.rs",
        "pairs: vec![0; n.saturating_mul(n.saturating_add(2))],",
        "a length of n × (n + 2) cells: past usize::MAX it could not be allocated either, and the allocation fails the same way",
    ),
    (
        "crates/verify/src/poll.rs",
        "u64::try_from(sum).unwrap_or(u64::MAX)",
        "every step of a poll's verification is refused (VerifyError::TotalOverflow) if the poll's total would pass u64::MAX, so this sum fits",
    ),
    (
        "crates/verify/src/poll.rs",
        "u64::try_from(self.verified_total).unwrap_or(u64::MAX)",
        "the running total of the poll's verified papers, which every step keeps within u64::MAX (VerifyError::TotalOverflow), so this conversion never falls back",
    ),
    (
        "crates/log/src/new_entry.rs",
        "",
        "line numbers of the entries to append (at most the input's length): not figures",
    ),
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && !path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with("tests.rs"))
        {
            out.push(path);
        }
    }
}

/// `(file, line number, line)` for every use of a pattern in library code.
fn uses(root: &Path) -> Vec<(String, usize, String)> {
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    if let Ok(crates) = std::fs::read_dir(root.join("crates")) {
        let mut crates: Vec<PathBuf> = crates.flatten().map(|e| e.path()).collect();
        crates.sort();
        for c in crates {
            sources(&c.join("src"), &mut files);
        }
    }
    let mut found = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.trim() == "#[cfg(test)]"
                && text
                    .lines()
                    .nth(i + 1)
                    .is_some_and(|l| l.trim_start().starts_with("mod "))
            {
                break;
            }
            let code = line.split("//").next().unwrap_or("");
            if PATTERNS.iter().any(|p| code.contains(p)) {
                found.push((rel.clone(), i + 1, line.trim().to_owned()));
            }
        }
    }
    found
}

#[test]
fn no_saturated_sums_in_library_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = uses(root);
    let mut unexplained = Vec::new();
    let mut matched = [false; ALLOWED.len()];
    for (file, line, code) in &found {
        if REVIEWED_FILES.iter().any(|(p, _)| file.starts_with(p)) {
            continue;
        }
        match ALLOWED
            .iter()
            .position(|(f, c, _)| f == file && code.contains(c))
        {
            Some(k) => matched[k] = true,
            None => unexplained.push(format!("{file}:{line}: {code}")),
        }
    }
    assert!(
        unexplained.is_empty(),
        "a sum must be checked (an overflow is a typed error naming the figures), never saturated or clamped; \
         if this use is not a figure, add it to ALLOWED in tests/arithmetic.rs with the reason:\n{}",
        unexplained.join("\n")
    );
    let stale: Vec<String> = ALLOWED
        .iter()
        .zip(matched)
        .filter(|(_, m)| !m)
        .map(|((f, c, _), _)| format!("{f}: {c}"))
        .collect();
    assert!(
        stale.is_empty(),
        "allowed uses no longer found (remove them from ALLOWED):\n{}",
        stale.join("\n")
    );
}

/// The check itself finds a use, and leaves out comments and test modules.
#[test]
fn the_check_finds_a_use() {
    let dir = std::env::temp_dir().join(format!("countroom-arith-{}", std::process::id()));
    let src = dir.join("crates/x/src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        src.join("lib.rs"),
        "fn f(a: u64) -> u64 {\n    // a.saturating_add(1) in a comment\n    a.saturating_add(1)\n}\n#[cfg(test)]\nmod tests {\n    fn g() { 1u64.saturating_add(1); }\n}\n",
    )
    .unwrap();
    let found = uses(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        found,
        [(
            "crates/x/src/lib.rs".to_owned(),
            3,
            "a.saturating_add(1)".to_owned()
        )]
    );
}
