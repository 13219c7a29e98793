//! Benchmarks of `stv check-sheet`: checking the 18 published NI Assembly
//! 2017 count sheets without the ballots.
//!
//! - `stv_check/ni_2017_18_sheets_read_and_check`: reading the three CSVs
//!   of each constituency (already in memory) with
//!   [`countroom::stv::check::read::ni`] and checking the sheet under the
//!   NI rules with [`countroom::stv::check::check`], all 18 in turn.
//! - `stv_check/ni_2017_18_sheets_check`: the check alone on the 18 read
//!   sheets.
//!
//! The sheets are read from `../shared/datasets` beside the repository;
//! when it is absent the benchmarks are skipped with a message on stderr.
//!
//! Run with `cargo bench --bench stv_check`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

use std::hint::black_box;
use std::path::PathBuf;

use countroom::stv::check::{check, read};
use countroom::stv::StvRules;
use criterion::{criterion_group, criterion_main, Criterion};

type Files = (String, Vec<u8>, Vec<u8>, Vec<u8>);

fn sheets() -> Option<Vec<Files>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/datasets/ni-assembly-2017/constituency");
    if !root.is_dir() {
        eprintln!(
            "skipping the check-sheet benchmarks: {} is absent",
            root.display()
        );
        return None;
    }
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 18);
    Some(
        dirs.iter()
            .map(|d| {
                let f = |n: &str| std::fs::read(d.join(n)).unwrap();
                (
                    d.display().to_string(),
                    f("Count.csv"),
                    f("ConstituencyCount.csv"),
                    f("NonTransferable.csv"),
                )
            })
            .collect(),
    )
}

fn bench(c: &mut Criterion) {
    let Some(files) = sheets() else { return };
    let mut g = c.benchmark_group("stv_check");
    g.bench_function("ni_2017_18_sheets_read_and_check", |b| {
        b.iter(|| {
            let mut n = 0;
            for (dir, count, cc, nt) in &files {
                let sheet = read::ni(dir, count, cc, nt).unwrap();
                n += check(black_box(&sheet), StvRules::NorthernIreland).len();
            }
            assert_eq!(n, 11);
            n
        });
    });
    let read: Vec<_> = files
        .iter()
        .map(|(dir, count, cc, nt)| read::ni(dir, count, cc, nt).unwrap())
        .collect();
    g.bench_function("ni_2017_18_sheets_check", |b| {
        b.iter(|| {
            read.iter()
                .map(|s| check(black_box(s), StvRules::NorthernIreland).len())
                .sum::<usize>()
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
