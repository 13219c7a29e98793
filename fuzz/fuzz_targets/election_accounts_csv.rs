//! Election accounts: the polls, ledger, caps and scale CSV readers, the
//! ledger's checks and the apportionment.
//!
//! The input is split at its first `0xFF` byte into a polls table and a
//! ledger (with no `0xFF`, the whole input is tried as each of the four
//! tables). Asserts, for any bytes:
//! - no reader panics;
//! - when the polls and ledger read and check, apportionment never makes
//!   or loses a penny: each line's shares sum to the line's net amount and
//!   the polls' totals to the ledger's net total; and every document
//!   renders.

#![no_main]

use countroom::accounts::{apportion, Ledger};
use countroom::io::accounts::{read_caps, read_ledger, read_polls, read_scale};
use countroom::io::render;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(split) = data.iter().position(|&b| b == 0xFF) else {
        let _ = read_polls(data);
        let _ = read_ledger(data);
        let _ = read_caps(data);
        let _ = read_scale(data);
        return;
    };
    let (polls, ledger) = (&data[..split], &data[split + 1..]);
    let (Ok(polls), Ok(lines)) = (read_polls(polls), read_ledger(ledger)) else {
        return;
    };
    let Ok(ledger) = Ledger::new(polls, lines) else {
        return;
    };
    // A ledger refuses lines whose amounts sum past i64::MAX pence, and each
    // poll's totals are parts of that sum: apportioning it never overflows.
    let schedule = apportion::apportion(&ledger).expect("a checked ledger apportions");
    for w in &schedule.lines {
        let sum: i64 = w.shares.iter().map(|s| s.amount.pence()).sum();
        assert_eq!(sum, w.net.pence(), "line {} shares do not sum to it", w.line);
    }
    let total: i64 = schedule.polls.iter().map(|p| p.total.pence()).sum();
    assert_eq!(Some(total), ledger.net_total().map(|t| t.pence()));
    if let Ok(accounts) = countroom::accounts::accounts(&ledger, &[], &[]) {
        let _ = render::accounts_text(&accounts);
        let _ = render::accounts_csv(&accounts);
        let _ = render::accounts_json(&accounts);
    }
});
