//! Benchmarks of `countroom results`: published results read, checked and
//! written as text.
//!
//! What is measured, from the bytes of a results CSV and a contests CSV in
//! memory to the text report (what the command does between reading the
//! files and printing):
//!
//! - `results/650`: 650 contests (600 of 7 candidates and 50 of 6: 4,500
//!   candidates), a general election's size;
//! - `results/20000`: 20,000 contests of 7 candidates (140,000 rows).
//!
//! The figures come from a seeded xorshift generator, so every run measures
//! the same input; valid votes in the contests file are the sums, so no
//! problem is found. Throughput is contests per second.
//!
//! Run with `cargo bench --bench results` (a short run:
//! `cargo bench --bench results -- --warm-up-time 1 --measurement-time 3`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

use std::hint::black_box;

use countroom::collate::published::check_results;
use countroom::io::published::{read_contests, read_results, report_text, ColumnMap};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

const PARTIES: [&str; 7] = ["Con", "Lab", "LD", "Green", "SNP", "Reform", "Ind"];

/// The results and contests CSVs of `contests` contests, the first
/// `short` of which have 6 candidates and the rest 7.
fn files(contests: usize, short: usize) -> (Vec<u8>, Vec<u8>) {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut results = csv::Writer::from_writer(Vec::new());
    results
        .write_record(["contest", "contest_name", "candidate", "party", "votes"])
        .unwrap();
    let mut table = csv::Writer::from_writer(Vec::new());
    table
        .write_record([
            "contest",
            "electorate",
            "valid",
            "rejected",
            "papers",
            "seats",
        ])
        .unwrap();
    for c in 0..contests {
        let id = format!("E{c:08}");
        let name = format!("Constituency {c}");
        let n = if c < short { 6 } else { 7 };
        let mut valid = 0u64;
        for (k, party) in PARTIES.iter().take(n).enumerate() {
            let votes = next() % 25_000;
            valid += votes;
            results
                .write_record([
                    id.as_str(),
                    name.as_str(),
                    &format!("Candidate {k} of {c}"),
                    party,
                    &votes.to_string(),
                ])
                .unwrap();
        }
        let rejected = next() % 200;
        table
            .write_record([
                id.as_str(),
                &(valid * 3 / 2 + 1_000).to_string(),
                &valid.to_string(),
                &rejected.to_string(),
                &(valid + rejected).to_string(),
                "1",
            ])
            .unwrap();
    }
    (results.into_inner().unwrap(), table.into_inner().unwrap())
}

fn bench_results(c: &mut Criterion) {
    let mut group = c.benchmark_group("results");
    group.sample_size(10);
    for (contests, short) in [(650, 50), (20_000, 0)] {
        let (results, table) = files(contests, short);
        group.throughput(Throughput::Elements(contests as u64));
        group.bench_with_input(BenchmarkId::from_parameter(contests), &(), |b, ()| {
            b.iter(|| {
                let map = ColumnMap::default();
                let mut read = read_results("r.csv", black_box(&results), &map).unwrap();
                read_contests("c.csv", black_box(&table), &map, None, &mut read).unwrap();
                let report = check_results(&read, None);
                assert!(report.problems.iter().all(|p| p.code == "boundary_tie"));
                black_box(report_text(&report, "0"))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench_results);
criterion_main!(benches);
