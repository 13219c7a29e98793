//! Local totals CSV reader and the area CSV writer, through a collation.
//!
//! The poll is fixed: a supplementary-vote poll of three candidates (Alpha,
//! Beta, Gamma), two heads, two regions and three areas (one with no
//! electorate).
//!
//! Asserts, for any bytes:
//! - `io::results::read_local_totals` never panics;
//! - if it reads, reporting, authorising, directing the second count and
//!   reporting second-count totals never panic, nor does `collated`;
//! - `io::results::write_areas` in the full layout reads back to exactly
//!   the local totals and second-count totals the collation accepted (its
//!   derived columns pass the reader's checks); collating those again and
//!   writing gives the same bytes;
//! - the published layout (percentages without trailing zeros, rows by
//!   area name) also reads back, to the same figures;
//! - `io::results::write_summary` never panics.

#![no_main]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use countroom::collate::{
    Area, Choice, Collated, Collation, LocalTotal, Method, Plan, Region, SecondCountTotal,
};
use countroom::io::results::{
    read_local_totals, write_areas, write_summary, AreaTotals, Columns, PercentFormat, RowOrder,
    WriteOptions,
};
use countroom::rules::RejectionHead;
use libfuzzer_sys::fuzz_target;

fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        Plan::new(
            "fuzz",
            Method::SupplementaryVote,
            vec![
                Choice::new("a", "Alpha"),
                Choice::new("b", "Beta"),
                Choice::new("c", "Gamma"),
            ],
            vec![RejectionHead::NoOfficialMark, RejectionHead::UnmarkedOrVoid],
            vec![
                Area::new("X1", "One", Some("N"), Some(1_000)),
                Area::new("X2", "Two, the second", Some("S"), Some(2_000)),
                Area::new("X3", "Three", None, None),
            ],
        )
        .regions(vec![Region::new("N", "North"), Region::new("S", "South")])
    })
}

const FULL: WriteOptions =
    WriteOptions::new(Columns::Full, PercentFormat::TwoPlaces, RowOrder::Plan);

type Accepted = (
    BTreeMap<String, LocalTotal>,
    BTreeMap<String, SecondCountTotal>,
);

/// Reports every row (in file order), authorises, directs the second count
/// if it can, reports the second counts; returns what was accepted and the
/// collated figures.
fn collate(rows: &[AreaTotals]) -> Option<(Accepted, Collated)> {
    let mut collation = Collation::new(plan().clone()).expect("the plan is valid");
    let mut firsts = BTreeMap::new();
    for row in rows {
        if collation.report(row.total.clone()).is_ok() {
            firsts.insert(row.total.area.clone(), row.total.clone());
        }
        let _ = collation.authorise(&row.total.area);
    }
    let mut seconds = BTreeMap::new();
    if collation.direct_second_count().is_ok() {
        for row in rows {
            if let Some(second) = &row.second {
                if collation.report_second(second.clone()).is_ok() {
                    seconds.insert(second.area.clone(), second.clone());
                }
            }
        }
    }
    let _ = collation.checks();
    let collated = collation.collated().ok()?;
    Some(((firsts, seconds), collated))
}

fuzz_target!(|data: &[u8]| {
    let plan = plan();
    let Ok(rows) = read_local_totals(data, "fuzz.csv", plan) else {
        return;
    };
    let Some(((firsts, seconds), collated)) = collate(&rows) else {
        return;
    };
    let _ = write_summary(plan, &collated, &FULL);

    let bytes = write_areas(plan, &collated, &FULL);
    let again = match read_local_totals(&bytes, "written.csv", plan) {
        Ok(again) => again,
        Err(problems) => panic!(
            "write_areas output does not read back: {problems:?}\nwritten:\n{}",
            String::from_utf8_lossy(&bytes)
        ),
    };
    let read_firsts: BTreeMap<String, LocalTotal> = again
        .iter()
        .map(|r| (r.total.area.clone(), r.total.clone()))
        .collect();
    assert_eq!(
        read_firsts, firsts,
        "local totals changed on the round trip"
    );
    let read_seconds: BTreeMap<String, SecondCountTotal> = again
        .iter()
        .filter_map(|r| r.second.clone().map(|s| (s.area.clone(), s)))
        .collect();
    assert_eq!(
        read_seconds, seconds,
        "second-count totals changed on the round trip"
    );

    let (_, collated_again) = collate(&again).expect("the same totals collate again");
    assert_eq!(
        write_areas(plan, &collated_again, &FULL),
        bytes,
        "write_areas is not canonical"
    );

    let published = WriteOptions::new(
        Columns::Published,
        PercentFormat::TrailingZerosDropped,
        RowOrder::AreaName,
    );
    let bytes = write_areas(plan, &collated, &published);
    let again = match read_local_totals(&bytes, "published.csv", plan) {
        Ok(again) => again,
        Err(problems) => panic!(
            "the published layout does not read back: {problems:?}\nwritten:\n{}",
            String::from_utf8_lossy(&bytes)
        ),
    };
    assert_eq!(again.len(), firsts.len());
    for row in again {
        let first = &firsts[&row.total.area];
        assert_eq!(
            (
                &row.total.votes,
                &row.total.rejected,
                row.total.papers_forward,
                row.total.expected
            ),
            (
                &first.votes,
                &first.rejected,
                first.papers_forward,
                first.expected
            )
        );
    }
});
