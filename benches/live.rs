//! Benchmarks of the live count (`countroom::Count`): applying one command
//! costs the command, not the log.
//!
//! The count: a two-seat English district ward of four candidates, begun
//! from its definition through `Count::new` (Returning Officer and a count
//! clerk appointed, so every entry is checked against the roles table),
//! then `n` bundles of 50 papers applied through `Count::apply` (figures
//! from a seeded xorshift generator, so every run measures the same count).
//! Building it is outside the timed loop.
//!
//! - `live/apply_bundle/N`: the next bundle applied to a count of `N`
//!   entries (`N` = 10,000 and 1,000,000): the typed command made into an
//!   entry, checked (the reader of entries to append, the roles table, the
//!   replay's own `CountState::apply`), chained (SHA-256) and its bytes
//!   returned. Throughput is entries per second; the count grows by the
//!   entries measured (a few hundred thousand at most), which does not
//!   change its order of size.
//! - `live/progress/N`: one contest's progress read from the same count.
//!
//! Run with `cargo bench --bench live -- --warm-up-time 1 --measurement-time 3`
//! (building the 1,000,000-entry count takes most of the time).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

use countroom::live::{
    Appointment, Bundle, Command, ContestDefinition, Count, ElectionDefinition, PersonId, Role,
    Seat,
};
use countroom::model::{
    BundleId, CandidateId, ContestId, Country, ElectionId, Electorate, Office, Papers, Votes,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use time::macros::date;

struct Figures(u64);

impl Figures {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn ward() -> ContestId {
    ContestId::new("abbey").unwrap()
}

const CANDIDATES: [&str; 4] = ["A", "B", "C", "D"];

fn begin() -> Count {
    let ro = PersonId::new("ro").unwrap();
    let mut contest = ContestDefinition::new(
        ward(),
        "Abbey",
        Office::PrincipalCouncillor,
        Country::England,
    )
    .electorate(Electorate::new(100_000_000))
    .seat(Seat::ordinary(date!(2030 - 05 - 10)))
    .seat(Seat::ordinary(date!(2030 - 05 - 10)));
    for id in CANDIDATES {
        contest = contest.candidate(CandidateId::new(id).unwrap(), format!("CANDIDATE, {id}"));
    }
    let definition = ElectionDefinition::new(
        ElectionId::new("district-2026").unwrap(),
        "District council elections",
        date!(2026 - 05 - 07),
        ro.clone(),
    )
    .contest(contest)
    .appoint(Appointment::new(ro, "Jane Marsh", Role::ReturningOfficer))
    .appoint(Appointment::new(
        PersonId::new("clerk").unwrap(),
        "Tom Hale",
        Role::CountClerk,
    ));
    Count::new(&definition).unwrap().0
}

/// Bundle `i` of 50 papers: each candidate's votes at most 25, so at most
/// 100 votes, within the 2 × 50 the papers can carry.
fn bundle(i: u64, figures: &mut Figures) -> Command {
    let mut b = Bundle::new(ward(), BundleId::new(&format!("B{i}")).unwrap())
        .papers(Papers::new(50))
        .table(countroom::model::TableId::new(&format!("T{}", i % 40)).unwrap());
    for id in CANDIDATES {
        b = b.votes(
            CandidateId::new(id).unwrap(),
            Votes::new(figures.next() % 26),
        );
    }
    Command::Bundle(b)
}

fn bench_live(c: &mut Criterion) {
    let mut group = c.benchmark_group("live");
    group.sample_size(20);
    for n in [10_000u64, 1_000_000] {
        let mut count = begin();
        let clerk = count.actor("clerk").unwrap();
        let mut figures = Figures(0x2545_f491_4f6c_dd1d);
        let mut i = count.entries();
        while count.entries() < n {
            i += 1;
            count.apply(&clerk, bundle(i, &mut figures)).unwrap();
        }
        group.throughput(Throughput::Elements(1));
        group.bench_function(BenchmarkId::new("apply_bundle", n), |b| {
            b.iter(|| {
                i += 1;
                count.apply(&clerk, bundle(i, &mut figures)).unwrap()
            });
        });
        group.bench_function(BenchmarkId::new("progress", n), |b| {
            b.iter(|| count.progress(&ward()).unwrap());
        });
        eprintln!("live: the count had {} entries at the end", count.entries());
    }
    group.finish();
}

criterion_group!(benches, bench_live);
criterion_main!(benches);
