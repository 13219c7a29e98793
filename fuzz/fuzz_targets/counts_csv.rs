//! Verification counts CSV reader and writer, and turning rows into log
//! events.
//!
//! Asserts, for any bytes:
//! - `io::verification::read_counts` never panics;
//! - if it reads, `io::verification::write_counts` of the rows reads back
//!   to the same rows, but for `line`; and writing those again gives the
//!   same bytes;
//! - `io::verification::count_event` of each row never panics.

#![no_main]

use countroom::io::verification::{count_event, read_counts, write_counts, CountRow};
use libfuzzer_sys::fuzz_target;

/// The rows with `line` zeroed, for comparing rows read from different
/// bytes.
fn without_lines(rows: &[CountRow]) -> Vec<CountRow> {
    rows.iter()
        .cloned()
        .map(|mut r| {
            r.line = 0;
            r
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(rows) = read_counts(data) else {
        return;
    };

    for row in &rows {
        let _ = count_event(row);
    }

    let bytes = write_counts(&rows);
    let again = match read_counts(&bytes) {
        Ok(again) => again,
        Err(problems) => panic!(
            "write_counts output does not read back: {problems:?}\nwritten:\n{}",
            String::from_utf8_lossy(&bytes)
        ),
    };
    assert_eq!(
        without_lines(&again),
        without_lines(&rows),
        "read_counts(write_counts(rows)) changed the rows\nwritten:\n{}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(write_counts(&again), bytes, "write_counts is not canonical");
});
