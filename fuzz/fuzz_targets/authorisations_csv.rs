//! Election accounts: the authorisations CSV reader (requests for and
//! grants of authorisation above a cap), checked against the shipped
//! combined poll.
//!
//! Asserts, for any bytes:
//! - `read_authorisations` never panics;
//! - when the events read, checking them against the shipped polls never
//!   panics, and when they check, the accounts are made: on each cap what
//!   is authorised is never more than the excess or than was granted, the
//!   recoverable amount lies between what is within the caps and the total
//!   claimed, and every document (the claim forms too) renders.

#![no_main]

use countroom::accounts::{accounts_with, Ledger, PollAccount};
use countroom::io::accounts::{read_authorisations, read_caps, read_ledger, read_polls, read_scale};
use countroom::io::render;
use libfuzzer_sys::fuzz_target;

const POLLS: &[u8] = include_bytes!("../../examples/data/accounts/polls.csv");
const LEDGER: &[u8] = include_bytes!("../../examples/data/accounts/ledger.csv");
const CAPS: &[u8] = include_bytes!("../../examples/data/accounts/mra.csv");
const SCALE: &[u8] = include_bytes!("../../examples/data/accounts/scale.csv");

fuzz_target!(|data: &[u8]| {
    let Ok(events) = read_authorisations(data) else {
        return;
    };
    let polls = read_polls(POLLS).expect("the shipped polls read");
    let lines = read_ledger(LEDGER).expect("the shipped ledger reads");
    let caps = read_caps(CAPS).expect("the shipped caps read");
    let scale = read_scale(SCALE).expect("the shipped scale reads");
    let ledger = Ledger::new(polls, lines).expect("the shipped ledger checks");
    let Ok(accounts) = accounts_with(&ledger, &caps, &scale, &events) else {
        return;
    };
    for p in &accounts.polls {
        if let PollAccount::Claim(c) = p {
            for k in &c.checks {
                assert!(k.authorised <= k.excess && k.authorised <= k.granted);
            }
            assert!(c.recoverable_within_caps <= c.recoverable && c.recoverable <= c.total);
        }
    }
    let _ = render::accounts_text(&accounts);
    let _ = render::claim_forms_text(&accounts);
    let _ = render::claim_forms_csv(&accounts);
    let _ = render::claim_forms_json(&accounts);
});
