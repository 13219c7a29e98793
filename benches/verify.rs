//! Benchmarks of ballot paper verification through the count log: the time
//! to replay (and report) a poll's verification grows linearly with its
//! number of boxes.
//!
//! The logs (built once, outside the timed loops): the `election_defined`
//! and `contest_defined` of `examples/data/two-seat-tie.jsonl`, then
//!
//! - `postal/N`: N bare postal ballot boxes, each defined and counted once
//!   (no opening figure, so each is `counted`), then `verification_completed`;
//! - `stations/N`: N polling station boxes, two stations to a polling place
//!   (N/2 places and N stations defined), each box with a ballot paper
//!   account of 1,000 entrusted serial numbers of its own (`A` and nine
//!   digits), 500 issued, counted 499 in even boxes and 501 in odd ones (a
//!   compensating error in every place), then `verification_completed`.
//!
//! Each is measured for [`countroom::count::replay`] alone and for replay
//! followed by [`countroom::count::report`] (the verification statement
//! and the box-by-box progress view, with every box's status). Freeing the
//! state and the report is not timed (criterion's `iter_with_large_drop`).
//!
//! Run with `cargo bench --bench verify` (the 100,000-box logs dominate);
//! `cargo bench --bench verify -- postal/10000` for one.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

use std::hint::black_box;
use std::time::Duration;

use countroom::log::{
    AccountEntered, BallotBoxDefined, BoxCounted, Entry, Event, PollingPlaceDefined,
    PollingStationDefined, SerialRangeDef, VerificationCompleted,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

const CONTEST: &str = "little-ormsby";

fn entry(event: Event) -> Entry {
    Entry::new(0, "Returning Officer (Jane Marsh)", event)
}

fn defined() -> Vec<Entry> {
    let tie = include_str!("../examples/data/two-seat-tie.jsonl");
    countroom::log::read(tie.as_bytes())
        .unwrap()
        .entries
        .into_iter()
        .take(2)
        .collect()
}

fn counted(ballot_box: String, papers: u64) -> Entry {
    entry(Event::BoxCounted(BoxCounted::new(
        ballot_box,
        CONTEST.to_owned(),
        1,
        papers,
    )))
}

fn finish(mut entries: Vec<Entry>) -> Vec<Entry> {
    entries.push(entry(Event::VerificationCompleted(
        VerificationCompleted::new(CONTEST.to_owned()),
    )));
    for (i, e) in entries.iter_mut().enumerate() {
        e.seq = i as u64 + 1;
    }
    entries
}

/// `n` bare postal boxes.
fn postal(n: u64) -> Vec<Entry> {
    let mut entries = defined();
    for i in 0..n {
        entries.push(entry(Event::BallotBoxDefined(BallotBoxDefined::new(
            format!("PV-{i}"),
            vec![CONTEST.to_owned()],
        ))));
    }
    for i in 0..n {
        entries.push(counted(format!("PV-{i}"), 100));
    }
    finish(entries)
}

/// `n` polling station boxes, two to a polling place, with accounts.
fn stations(n: u64) -> Vec<Entry> {
    let mut entries = defined();
    for p in 0..n.div_ceil(2) {
        entries.push(entry(Event::PollingPlaceDefined(PollingPlaceDefined::new(
            format!("PP-{p}"),
            format!("Polling place {p}"),
        ))));
    }
    for i in 0..n {
        entries.push(entry(Event::PollingStationDefined(
            PollingStationDefined::new(
                format!("S-{i}"),
                format!("PP-{}", i / 2),
                format!("Station {i}"),
            ),
        )));
        entries.push(entry(Event::BallotBoxDefined(
            BallotBoxDefined::new(format!("B-{i}"), vec![CONTEST.to_owned()])
                .polling_station(Some(format!("S-{i}"))),
        )));
    }
    for i in 0..n {
        entries.push(entry(Event::AccountEntered(AccountEntered::new(
            format!("B-{i}"),
            CONTEST.to_owned(),
            vec![SerialRangeDef::new(
                format!("A{:09}", i * 1_000 + 1),
                format!("A{:09}", i * 1_000 + 1_000),
            )],
            500,
            500,
            0,
        ))));
    }
    for i in 0..n {
        // An odd last box (n odd) would be alone in its place: match it.
        let papers = match (i % 2, i + 1 == n) {
            (_, true) if n % 2 == 1 => 500,
            (0, _) => 499,
            _ => 501,
        };
        entries.push(counted(format!("B-{i}"), papers));
    }
    finish(entries)
}

fn check(entries: &[Entry]) {
    let (state, problems) = countroom::count::replay(entries);
    assert!(problems.is_empty(), "{:?}", problems.first());
    let report = countroom::count::report(&state);
    let v = report.contests[0].verification.as_ref().unwrap();
    assert_eq!(v.status, "completed");
    assert_eq!(v.boxes_accepted, v.boxes.len());
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("verify");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(2));
    for (kind, make) in [
        ("postal", postal as fn(u64) -> Vec<Entry>),
        ("stations", stations),
    ] {
        for n in [10_000u64, 100_000] {
            let entries = make(n);
            check(&entries);
            group.throughput(Throughput::Elements(n));
            group.bench_with_input(
                BenchmarkId::new(format!("{kind}/replay"), n),
                &entries,
                |b, entries| {
                    b.iter_with_large_drop(|| countroom::count::replay(black_box(entries)));
                },
            );
            group.bench_with_input(
                BenchmarkId::new(format!("{kind}/replay+report"), n),
                &entries,
                |b, entries| {
                    // The state is returned with the report so that, as in
                    // `replay`, freeing it is outside the timed routine.
                    b.iter_with_large_drop(|| {
                        let (state, _) = countroom::count::replay(black_box(entries));
                        let report = countroom::count::report(&state);
                        (state, report)
                    });
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
