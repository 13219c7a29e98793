//! Benchmark of the list-system allocation (issue 19).
//!
//! `list/allocate/100x20x10`: [`countroom::list::allocate`] over 100 areas,
//! each of 20 parties (one in five an individual candidate, with
//! constituency seats from 0 to 3 for the parties) and 10 seats, by the
//! additional member system with the London threshold, so every round
//! compares exact rational figures by cross-multiplication. Votes come from
//! a seeded xorshift generator, so every run measures the same input.
//!
//! Run with `cargo bench --bench list` (a short run:
//! `cargo bench --bench list -- --warm-up-time 1 --measurement-time 2`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

use std::hint::black_box;

use countroom::list::{allocate, Area, Contestant, Method, Options, Threshold, TieRule};
use criterion::{criterion_group, criterion_main, Criterion};

fn areas(n: usize, parties: usize, seats: u32) -> Vec<Area> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..n)
        .map(|a| {
            let mut area = Area::new(format!("area-{a}"), seats);
            for p in 0..parties {
                let votes = 1_000 + next() % 200_000;
                let c = if p % 5 == 4 {
                    Contestant::individual(format!("ind-{p}"), votes)
                } else {
                    Contestant::party(format!("party-{p}"), votes)
                        .constituency_seats(u32::try_from(next() % 4).unwrap())
                };
                area = area.contestant(c);
            }
            area
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let input = areas(100, 20, 10);
    let options =
        Options::new(Method::Ams, TieRule::EachThenOneVoteThenLot).threshold(Threshold::LONDON);
    c.bench_function("list/allocate/100x20x10", |b| {
        b.iter(|| allocate(black_box(&input), black_box(&options)).unwrap());
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
