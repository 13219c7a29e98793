//! Benchmarks of the collation of counting areas.
//!
//! What is measured, each over 50,000 synthetic local totals in 12 regions
//! with the 4 heads of a referendum's statement of rejected papers:
//!
//! - `collate/first_count/50k/2` and `/6`: [`Collation::new`], then
//!   [`Collation::report`] and [`Collation::authorise`] for every area, then
//!   [`Collation::collated`] (areas, regions, the whole poll and the
//!   outcome), at a first-past-the-post poll of 2 and of 6 choices. One
//!   area in 50 has a variance between the papers going forward and those
//!   counted, explained in its total.
//! - `collate/supplementary_vote/50k/6`: the same at a supplementary-vote
//!   poll of 6 candidates with no majority, then
//!   [`Collation::direct_second_count`], [`Collation::report_second`] for
//!   every area and [`Collation::collated`].
//!
//! Throughput is local totals per second. The plan and totals come from a
//! seeded xorshift generator, so every run measures the same input; they
//! are built once, and cloned outside the timed part of each iteration
//! (`iter_batched`).
//!
//! Run with `cargo bench --bench collate` (a short run:
//! `cargo bench --bench collate -- --warm-up-time 1 --measurement-time 3`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

use std::hint::black_box;

use countroom::collate::{
    Area, Choice, Collation, LocalTotal, Method, Outcome, Plan, Region, SecondCountTotal,
};
use countroom::rules::RejectionHead;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};

const AREAS: usize = 50_000;
const REGIONS: usize = 12;
const HEADS: [RejectionHead; 4] = [
    RejectionHead::NoOfficialMark,
    RejectionHead::TooManyVotes,
    RejectionHead::IdentifyingMark,
    RejectionHead::UnmarkedOrVoid,
];

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn plan(method: Method, choices: usize) -> Plan {
    let mut rng = XorShift(0x5EED_0000 + choices as u64);
    Plan::new(
        format!("bench-{choices}"),
        method,
        (0..choices)
            .map(|c| Choice::new(&format!("C{c}"), &format!("Choice {c}")))
            .collect(),
        HEADS.to_vec(),
        (0..AREAS)
            .map(|a| {
                let region = format!("R{:02}", rng.below(REGIONS as u64));
                Area::new(
                    &format!("A{a:05}"),
                    &format!("Area {a}"),
                    Some(&region),
                    Some(50_000 + rng.below(100_000)),
                )
            })
            .collect(),
    )
    .regions(
        (0..REGIONS)
            .map(|r| Region::new(&format!("R{r:02}"), &format!("Region {r}")))
            .collect(),
    )
}

/// Local totals with first preferences weighted so that no choice has a
/// majority (the first two lead).
fn totals(choices: usize) -> Vec<LocalTotal> {
    let mut rng = XorShift(0xC011_A7E0 + choices as u64);
    (0..AREAS)
        .map(|a| {
            let votes: Vec<u64> = (0..choices)
                .map(|c| {
                    let weight = if c < 2 { 3 } else { 2 };
                    weight * (5_000 + rng.below(5_000))
                })
                .collect();
            let rejected: Vec<u64> = (0..HEADS.len()).map(|_| rng.below(40)).collect();
            let counted: u64 = votes.iter().sum::<u64>() + rejected.iter().sum::<u64>();
            let variance = a % 50 == 0;
            LocalTotal::new(
                format!("A{a:05}"),
                if variance { counted + 3 } else { counted },
                votes,
                rejected,
            )
            .expected(Some(counted + rng.below(10)))
            .explanation(variance.then(|| "three papers verified were not counted".to_owned()))
        })
        .collect()
}

fn first_count(plan: Plan, totals: Vec<LocalTotal>) -> Collation {
    let mut collation = Collation::new(plan).unwrap();
    for total in totals {
        let area = total.area.clone();
        collation.report(total).unwrap();
        collation.authorise(&area).unwrap();
    }
    collation
}

fn bench_collate(c: &mut Criterion) {
    let mut group = c.benchmark_group("collate");
    group.sample_size(10);
    group.throughput(Throughput::Elements(AREAS as u64));
    for choices in [2, 6] {
        let plan = plan(Method::FirstPastThePost, choices);
        let totals = totals(choices);
        group.bench_with_input(
            BenchmarkId::new("first_count/50k", choices),
            &(plan, totals),
            |b, (plan, totals)| {
                b.iter_batched(
                    || (plan.clone(), totals.clone()),
                    |(plan, totals)| {
                        let collated = first_count(plan, totals).collated().unwrap();
                        assert!(matches!(collated.outcome, Outcome::Winner(_)));
                        black_box(collated)
                    },
                    BatchSize::LargeInput,
                );
            },
        );
    }

    let plan = plan(Method::SupplementaryVote, 6);
    let totals = totals(6);
    let seconds: Vec<SecondCountTotal> = totals
        .iter()
        .map(|t| {
            // A tenth of the eliminated candidates' papers to each of the
            // two remaining, a twentieth void.
            let eliminated: u64 = t.votes[2..].iter().sum();
            let mut votes = vec![0; 6];
            votes[0] = eliminated / 10;
            votes[1] = eliminated / 10;
            SecondCountTotal::new(t.area.clone(), votes, eliminated / 20)
        })
        .collect();
    group.bench_with_input(
        BenchmarkId::new("supplementary_vote/50k", 6),
        &(plan, totals, seconds),
        |b, (plan, totals, seconds)| {
            b.iter_batched(
                || (plan.clone(), totals.clone(), seconds.clone()),
                |(plan, totals, seconds)| {
                    let mut collation = first_count(plan, totals);
                    collation.direct_second_count().unwrap();
                    for second in seconds {
                        collation.report_second(second).unwrap();
                    }
                    let collated = collation.collated().unwrap();
                    assert!(collated.final_totals.is_some());
                    black_box(collated)
                },
                BatchSize::LargeInput,
            );
        },
    );
    group.finish();
}

criterion_group!(benches, bench_collate);
criterion_main!(benches);
