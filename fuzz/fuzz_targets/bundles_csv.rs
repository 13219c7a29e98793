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
//! - `io::list_bundles::read` (`count`/`check --bundles --area`: a list
//!   area's file, its columns a Scottish region's parties A, B and the
//!   individual candidate I, heads r.58(1)'s) never panics; every row it
//!   reads has a figure per option, and `io::list_bundles::to_events`
//!   gives one `bundle_counted` per row, each with the counting area, its
//!   papers (if given) as read and no option with no votes listed.

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

/// A Scottish region (`scottish-parliament-regional-2016`) whose list
/// ballot paper has parties A and B and the individual candidate I.
const LIST_LOG: &str = concat!(
    "{\"schema\":\"countroom-count-log\",\"version\":1}\n",
    "{\"seq\":1,\"by\":\"ro\",\"event\":{\"election_defined\":{\"election\":\"e\",\"name\":\"S\",\"poll_date\":\"2026-05-07\"}}}\n",
    "{\"seq\":2,\"by\":\"ro\",\"event\":{\"counting_area_defined\":{\"counting_area\":\"n\",\"name\":\"N\"}}}\n",
    "{\"seq\":3,\"by\":\"ro\",\"event\":{\"list_contest_defined\":{\"contest\":\"r\",\"election\":\"e\",\"title\":\"R\",\"area\":\"R\",\"office\":\"scottish_parliament_regional_member\",\"country\":\"scotland\",\"seats\":7,\"parties\":[{\"id\":\"A\",\"name\":\"A\"},{\"id\":\"B\",\"name\":\"B\"}],\"individuals\":[{\"id\":\"I\",\"name\":\"I\"}],\"counting_areas\":[\"n\"],\"constituencies\":[\"S1\"]}}}\n",
);

fn list_state() -> &'static countroom::count::CountState {
    static STATE: OnceLock<countroom::count::CountState> = OnceLock::new();
    STATE.get_or_init(|| {
        let log = countroom::log::read(LIST_LOG.as_bytes()).expect("the list log reads");
        let (state, problems) = countroom::count::replay(&log.entries);
        assert!(problems.is_empty(), "the list log replays: {problems:?}");
        state
    })
}

fn list_area(data: &[u8]) {
    let list = &list_state().list_contests()[0];
    let Ok(rows) = countroom::io::list_bundles::read(data, list) else {
        return;
    };
    for row in &rows {
        assert_eq!(row.votes.len(), list.options().len());
    }
    let events = countroom::io::list_bundles::to_events(list, "n", 1, &rows);
    let bundles: Vec<_> = events
        .iter()
        .filter_map(|(_, e)| match e {
            countroom::log::Event::BundleCounted(b) => Some(b),
            _ => None,
        })
        .collect();
    assert_eq!(bundles.len(), rows.len());
    for (b, row) in bundles.iter().zip(&rows) {
        assert_eq!(b.counting_area.as_deref(), Some("n"));
        assert_eq!(b.papers, row.papers);
        assert!(b.votes.iter().all(|v| v.votes > 0));
    }
}

fuzz_target!(|data: &[u8]| {
    list_area(data);
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
