//! `countroom allocate`'s readers and the allocation.
//!
//! The input is split at the first NUL byte: before it a votes CSV, after
//! it a lists CSV (and, after a second NUL, a lots CSV). Asserts, for any
//! bytes:
//! - `io::list::read_votes`, `read_lists` and `read_lots` never panic;
//! - if they read, `list::allocate` never panics (by either method, with
//!   and without a threshold), every area's seats allocated plus any left
//!   unfilled or pending a lot equal its seats to fill, and the text, JSON
//!   and CSV renderers never panic.

#![no_main]

use countroom::io::list::{
    allocation_csv, allocation_json, allocation_text, read_lists, read_lots, read_votes,
    VotesOptions,
};
use countroom::list::{allocate, Method, Options, Status, Threshold, TieRule};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0);
    let votes = parts.next().unwrap_or_default();
    let lists = parts.next();
    let lots = parts.next();
    for method in [Method::DHondt, Method::Ams] {
        let options = VotesOptions {
            method,
            seats: Some(4),
            constituencies: Some(8),
        };
        let Ok(mut areas) = read_votes(votes, &options) else {
            continue;
        };
        if let Some(lists) = lists {
            if read_lists(lists, &mut areas).is_err() {
                continue;
            }
        }
        if let Some(lots) = lots {
            if read_lots(lots, &mut areas).is_err() {
                continue;
            }
        }
        for rule in [
            TieRule::Lot,
            TieRule::EachThenOneVoteThenLot,
            TieRule::EachThenUnsettled,
            TieRule::RecalculateOneMoreSeatThenLot,
            TieRule::Unsettled,
        ] {
            for threshold in [None, Some(Threshold::LONDON)] {
                let mut o = Options::new(method, rule);
                o.threshold = threshold;
                let Ok(allocation) = allocate(&areas, &o) else {
                    continue;
                };
                for a in &allocation.areas {
                    let allocated: u32 = a.seats_by_contestant.values().sum();
                    let left = match &a.status {
                        Status::Complete => 0,
                        Status::Unfilled { seats } => *seats,
                        Status::LotRequired { seats_left, .. } => *seats_left,
                        Status::TieRuleUnsettled { round, .. } => a.seats_to_fill - (round - 1),
                        Status::MoreTiedThanSeatsLeft { seats_left, .. } => *seats_left,
                    };
                    assert_eq!(allocated + left, a.seats_to_fill, "{a:?}");
                }
                let _ = allocation_text(&allocation, &o);
                let _ = allocation_json(&allocation, &areas, &o);
                let _ = allocation_csv(&allocation, &o);
            }
        }
    }
});
