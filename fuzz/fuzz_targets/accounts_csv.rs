//! Verification accounts CSV reader and writer, and turning rows into log
//! events.
//!
//! Asserts, for any bytes:
//! - `io::verification::read_accounts` never panics;
//! - if it reads, `io::verification::write_accounts` of the rows reads back
//!   to the same rows, but for `line`; and writing those again gives the
//!   same bytes;
//! - `io::verification::accounts_to_events` never panics.

#![no_main]

use countroom::io::verification::{accounts_to_events, read_accounts, write_accounts, AccountRow};
use libfuzzer_sys::fuzz_target;

/// The rows with `line` zeroed, for comparing rows read from different
/// bytes.
fn without_lines(rows: &[AccountRow]) -> Vec<AccountRow> {
    rows.iter()
        .cloned()
        .map(|mut r| {
            r.line = 0;
            r
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(rows) = read_accounts(data) else {
        return;
    };

    let _ = accounts_to_events(&rows, &[]);

    let bytes = write_accounts(&rows);
    let again = match read_accounts(&bytes) {
        Ok(again) => again,
        Err(problems) => panic!(
            "write_accounts output does not read back: {problems:?}\nwritten:\n{}",
            String::from_utf8_lossy(&bytes)
        ),
    };
    assert_eq!(
        without_lines(&again),
        without_lines(&rows),
        "read_accounts(write_accounts(rows)) changed the rows\nwritten:\n{}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(
        write_accounts(&again),
        bytes,
        "write_accounts is not canonical"
    );
});
