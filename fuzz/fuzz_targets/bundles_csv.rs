//! Bundle CSV reader and writer, and turning rows into log events.
//!
//! The contest is fixed: Abbey Ward (`examples/data/abbey-ward.jsonl`),
//! seven candidates (AB-ASHWORTH … AB-GRAY), three seats.
//!
//! Asserts, for any bytes:
//! - `io::bundles::read` never panics;
//! - if it reads, and every row has the same rejection columns (heads in
//!   the same order, `rejected_in_part` present or not) — `write` takes the
//!   columns from the first row — `io::bundles::write` of the rows reads
//!   back to the same rows, but for `line`; and writing those again gives
//!   the same bytes;
//! - `io::bundles::to_events` never panics.

#![no_main]

use std::sync::OnceLock;

use countroom::io::bundles::BundleRow;
use countroom::model::Contest;
use libfuzzer_sys::fuzz_target;

const LOG: &str = include_str!("../../examples/data/abbey-ward.jsonl");

fn contest() -> &'static Contest {
    static CONTEST: OnceLock<Contest> = OnceLock::new();
    CONTEST.get_or_init(|| {
        let log = countroom::log::read(LOG.as_bytes()).expect("abbey-ward.jsonl reads");
        let (state, problems) = countroom::count::replay(&log.entries);
        assert!(
            problems.is_empty(),
            "abbey-ward.jsonl replays: {problems:?}"
        );
        state.contests()[0].contest().clone()
    })
}

/// The rows with `line` zeroed, for comparing rows read from different
/// bytes.
fn without_lines(rows: &[BundleRow]) -> Vec<BundleRow> {
    rows.iter()
        .cloned()
        .map(|mut r| {
            r.line = 0;
            r
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let contest = contest();
    let Ok(rows) = countroom::io::bundles::read(data, contest) else {
        return;
    };

    let _ = countroom::io::bundles::to_events(contest, &rows);

    let same_columns = rows.iter().all(|r| {
        r.rejected
            .iter()
            .map(|x| x.0)
            .eq(rows[0].rejected.iter().map(|x| x.0))
            && r.rejected_in_part.is_some() == rows[0].rejected_in_part.is_some()
    });
    if !same_columns {
        return;
    }

    let bytes = countroom::io::bundles::write(contest, &rows);
    let again = match countroom::io::bundles::read(&bytes, contest) {
        Ok(again) => again,
        Err(problems) => panic!(
            "bundles::write output does not read back: {problems:?}\nwritten:\n{}",
            String::from_utf8_lossy(&bytes)
        ),
    };
    assert_eq!(
        without_lines(&again),
        without_lines(&rows),
        "bundles::read(bundles::write(rows)) changed the rows\nwritten:\n{}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(
        countroom::io::bundles::write(contest, &again),
        bytes,
        "bundles::write is not canonical"
    );
});
