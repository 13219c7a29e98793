use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

/// The repository root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `examples/data/`.
pub(crate) fn example(name: &str) -> PathBuf {
    root().join("examples/data").join(name)
}

/// `../shared/datasets/<name>` if present; otherwise says so on stderr and
/// returns `None` (the test then passes without asserting).
pub(crate) fn dataset(name: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/datasets").join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: {} is absent (real-data tests need ../shared/datasets beside the repository)",
            dir.display()
        );
        None
    }
}

/// Runs the `countroom` binary with `args`.
pub(crate) fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_countroom"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

/// Standard output as text.
pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Standard error as text.
pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Compares `actual` with the golden file `tests/golden/<name>`; with
/// `UPDATE_GOLDEN=1` rewrites it instead.
pub(crate) fn golden(name: &str, actual: &[u8]) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "{} differs from the output.\n--- expected\n{}\n--- actual\n{}\n(run with UPDATE_GOLDEN=1 to accept)",
            path.display(),
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual)
        );
    }
}

/// A scratch directory that is removed when dropped.
pub(crate) fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Writes `text` to `dir/name` and returns the path as a string.
pub(crate) fn write(dir: &Path, name: &str, text: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A version 1 count log: the header, then each event as an entry
/// recorded by `RO` (the list poll tests' logs).
pub(crate) fn log_of(events: &[Value]) -> String {
    let mut s = String::from("{\"schema\":\"countroom-count-log\",\"version\":1}\n");
    for (i, e) in events.iter().enumerate() {
        let entry = json!({"seq": i + 1, "by": "RO", "event": e});
        s.push_str(&serde_json::to_string(&entry).unwrap());
        s.push('\n');
    }
    s
}

/// A party of a list contest with `n` list candidates (`{id}1`, `{id}2`,
/// …).
pub(crate) fn list_party(id: &str, n: usize) -> Value {
    let list: Vec<Value> = (1..=n)
        .map(|i| json!({"name": format!("{id}{i}")}))
        .collect();
    json!({"id": id, "name": format!("Party {id}"), "list": list})
}

/// The constituency returns of the list tests' example Scottish region:
/// A five, B two, C two (nine constituencies, as a Scottish region has
/// between eight and ten).
pub(crate) const REGION_RETURNS: [(&str, &str); 9] = [
    ("S1", "A"),
    ("S2", "A"),
    ("S3", "A"),
    ("S4", "A"),
    ("S5", "A"),
    ("S6", "B"),
    ("S7", "B"),
    ("S8", "C"),
    ("S9", "C"),
];

/// The list tests' example Scottish region (`scottish-parliament-regional-2016`,
/// seven regional members) whose list ballot paper has parties A, B and C
/// and the individual candidate IND (options 0 to 3: parties as listed,
/// then individual candidates as listed), of two counting areas: south
/// counted by one bundle (A 9,000, B 6,000, C 4,000, IND 3,500) and
/// completed; north left to the test.
pub(crate) fn region_with_south_counted() -> Vec<Value> {
    let mut events = vec![
        json!({"election_defined": {"election": "e", "name": "Scottish Parliament general election", "poll_date": "2026-05-07"}}),
        json!({"counting_area_defined": {"counting_area": "north", "name": "North count"}}),
        json!({"counting_area_defined": {"counting_area": "south", "name": "South count"}}),
        json!({"list_contest_defined": {
            "contest": "r", "election": "e", "title": "Regional members", "area": "Example Region",
            "office": "scottish_parliament_regional_member", "country": "scotland", "seats": 7,
            "parties": [list_party("A", 7), list_party("B", 7), list_party("C", 7)],
            "individuals": [{"id": "IND", "name": "Ina Dee"}],
            "counting_areas": ["north", "south"],
            "constituencies": REGION_RETURNS.iter().map(|r| r.0).collect::<Vec<_>>()}}),
    ];
    for (k, p) in REGION_RETURNS {
        events.push(json!({"constituency_return_reported": {"contest": "r", "constituency": k, "member": format!("MSP {k}"), "party": p}}));
    }
    events.push(json!({"bundle_counted": {"contest": "r", "run": 1, "counting_area": "south", "bundle": "S1",
        "votes": [{"candidate": "A", "votes": 9_000}, {"candidate": "B", "votes": 6_000}, {"candidate": "C", "votes": 4_000}, {"candidate": "IND", "votes": 3_500}]}}));
    events.push(json!({"count_completed": {"contest": "r", "run": 1, "counting_area": "south"}}));
    events
}
