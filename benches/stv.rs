//! Benchmarks of STV counts under the Scottish rules (and the Northern
//! Ireland rules on the same inputs: `stv/ni_govan_2007`,
//! `stv/ni_synthetic_1m_15c_5s`).
//!
//! What is measured ([`countroom::stv::count`], from a read [`Election`] to
//! the complete stage sheet; reading the BLT file is not timed):
//!
//! - `stv/govan_2007`: Glasgow 2007, Govan ward (9,560 papers, 2,306 ballot
//!   lines, 11 candidates, 4 seats, 9 stages). Target < 5 ms.
//! - `stv/glasgow_2007_21_wards`: all 21 Glasgow 2007 wards one after the
//!   other. Target < 100 ms.
//! - `stv/synthetic_1m_15c_5s`: 1,000,000 papers, each its own ballot line,
//!   15 candidates, 5 seats, from a fixed linear congruential generator
//!   (candidates of unequal popularity, preferences of 1 to 15 places).
//!   Target < 300 ms.
//!
//! The Glasgow files are read from `../shared/datasets` beside the
//! repository; when it is absent those two benchmarks are skipped with a
//! message on stderr.
//!
//! Run with `cargo bench --bench stv` (a short run:
//! `cargo bench --bench stv -- --warm-up-time 1 --measurement-time 3`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

use std::collections::BTreeSet;
use std::hint::black_box;
use std::path::PathBuf;

use countroom::stv::{blt, count, Ballot, Candidate, Election, LotSource, StvRules};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn datasets() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/datasets/scotland-stv/glasgow-2007-droop-reference/blt");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping the Glasgow 2007 benchmarks: {} is absent",
            dir.display()
        );
        None
    }
}

/// A linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// 1M papers, 15 candidates, 5 seats. Candidate k has weight (16 - k)²;
/// each next preference is drawn by weight from those not yet ranked, and a
/// paper goes on to another preference with probability 3/4.
pub fn synthetic(papers: usize, candidates: usize, seats: usize) -> Election {
    let mut rng = Lcg(20_260_507);
    let weights: Vec<u64> = (0..candidates as u64)
        .map(|k| (16 - k.min(15)).pow(2))
        .collect();
    let mut ballots = Vec::with_capacity(papers);
    for _ in 0..papers {
        let mut left: Vec<u16> = (0..candidates as u16).collect();
        let mut prefs = Vec::new();
        loop {
            let total: u64 = left.iter().map(|&c| weights[usize::from(c)]).sum();
            let mut x = rng.below(total);
            let mut pick = 0;
            for (i, &c) in left.iter().enumerate() {
                let w = weights[usize::from(c)];
                if x < w {
                    pick = i;
                    break;
                }
                x -= w;
            }
            prefs.push(left.remove(pick));
            if left.is_empty() || rng.below(4) == 0 {
                break;
            }
        }
        ballots.push(Ballot { weight: 1, prefs });
    }
    let names = (0..candidates)
        .map(|i| Candidate::new(format!("Candidate {}", i + 1)))
        .collect();
    Election::new("synthetic", names, seats, BTreeSet::new(), ballots).unwrap()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("stv");
    if let Some(dir) = datasets() {
        let govan = blt::read(&std::fs::read(dir.join("Govan-2007.blt")).unwrap()).unwrap();
        group.throughput(Throughput::Elements(govan.valid_papers()));
        group.bench_function("govan_2007", |b| {
            b.iter(|| {
                count(
                    StvRules::Scotland,
                    black_box(&govan),
                    &mut LotSource::none(),
                )
                .unwrap()
            })
        });
        // Every ward file of the 2007 set, in name order (21 of them).
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with("-2007.blt"))
            .collect();
        files.sort();
        assert_eq!(files.len(), 21, "the 21 Glasgow 2007 wards");
        let wards: Vec<Election> = files
            .iter()
            .map(|f| blt::read(&std::fs::read(f).unwrap()).unwrap())
            .collect();
        group.throughput(Throughput::Elements(
            wards.iter().map(Election::valid_papers).sum(),
        ));
        group.bench_function("glasgow_2007_21_wards", |b| {
            b.iter(|| {
                for w in &wards {
                    black_box(count(StvRules::Scotland, w, &mut LotSource::none()).unwrap());
                }
            })
        });
        // The Northern Ireland rules on the same real ballots.
        group.throughput(Throughput::Elements(govan.valid_papers()));
        group.bench_function("ni_govan_2007", |b| {
            b.iter(|| {
                count(
                    StvRules::NorthernIreland,
                    black_box(&govan),
                    &mut LotSource::none(),
                )
                .unwrap()
            })
        });
    }
    let big = synthetic(1_000_000, 15, 5);
    group.throughput(Throughput::Elements(big.valid_papers()));
    group.sample_size(10);
    group.bench_function("synthetic_1m_15c_5s", |b| {
        b.iter(|| count(StvRules::Scotland, black_box(&big), &mut LotSource::none()).unwrap())
    });
    group.bench_function("ni_synthetic_1m_15c_5s", |b| {
        b.iter(|| {
            count(
                StvRules::NorthernIreland,
                black_box(&big),
                &mut LotSource::none(),
            )
            .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
