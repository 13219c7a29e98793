//! Benchmarks of the count log: reading (with the canonical check and the
//! hash chain) and replaying.
//!
//! The log: an `election_defined` and a `contest_defined` (two seats, four
//! candidates, from `examples/data/two-seat-tie.jsonl`), then 1,000,000
//! `bundle_counted` entries of 50 papers each, at 40 tables, each giving
//! votes to the four candidates (figures from a seeded xorshift generator,
//! so every run measures the same log). It is written once, outside the
//! timed loops, as version 2 (chained) and as version 1.
//!
//! - `log/read_v2/1M`: [`countroom::log::read`] of the version 2 bytes:
//!   parsing every line, the canonical-form check, and the SHA-256 of every
//!   line and its link. Throughput is bytes per second (criterion prints
//!   binary units, MiB/s; `BENCHMARKS.md` converts to MB/s).
//! - `log/read_v1/1M`: the same entries as version 1 (no `prev`, no chain,
//!   no canonical check), for comparison.
//! - `replay/replay_log/1M`: [`countroom::count::replay_log`] of the log
//!   read (every entry checked against the count so far). Throughput is
//!   entries per second.
//!
//! The time is of reading (or replaying) alone: the result is dropped
//! outside the timed part (`iter_with_large_drop`), as freeing a million
//! entries is not reading them.
//!
//! - `stream/replay_reader/1M` (issue 20, replay at scale): the version 2
//!   bytes read and replayed as they are read
//!   ([`countroom::count::replay_reader`] through a `BufReader`: no entry
//!   kept, memory for the count's state), against
//!   `stream/read_then_replay_log/1M` (the log read whole, then replayed).
//!   `examples/big_log.rs` writes the same log to a file for a
//!   whole-process measurement (`countroom count` reads a log so).
//!
//! - `checkpoint/verify` and `checkpoint/sign`: one Ed25519 checkpoint
//!   signature verified ([`countroom::log::checkpoint::verify_checkpoint`],
//!   what replay does per `checkpoint_signed` entry) and made.
//! - `checkpoint/replay_log/abbey-ward`: the shipped, signed demo log (113
//!   entries, three checkpoints, authority checked) replayed.
//!
//! Run with `cargo bench --bench log` (about four minutes on two cores);
//! `cargo bench --bench log -- checkpoint` for the signatures alone.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

use std::hint::black_box;
use std::time::Duration;

use countroom::log::{BundleCounted, CandidateVotes, Entry, Event, Header};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const BUNDLES: u64 = 1_000_000;

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
}

fn entries() -> Vec<Entry> {
    let tie = include_str!("../examples/data/two-seat-tie.jsonl");
    let defined = countroom::log::read(tie.as_bytes()).unwrap().entries;
    let mut entries: Vec<Entry> = defined.into_iter().take(2).collect();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for i in 0..BUNDLES {
        let table = i % 40 + 1;
        // Two votes a paper at most: 50 papers give at most 100 votes,
        // at most 50 to any candidate.
        let votes = ["P", "Q", "R", "S"]
            .iter()
            .map(|c| CandidateVotes::new((*c).to_owned(), rng.next() % 26))
            .collect();
        entries.push(Entry::new(
            0,
            format!("Count supervisor, table {table}"),
            Event::BundleCounted(
                BundleCounted::new("little-ormsby", 1, format!("T{table}-{i}"), votes)
                    .table(Some(format!("T{table}")))
                    .papers(Some(50)),
            ),
        ));
    }
    for (i, e) in entries.iter_mut().enumerate() {
        e.seq = i as u64 + 1;
    }
    entries
}

fn bench(c: &mut Criterion) {
    let entries = entries();
    let n = entries.len() as u64;
    let header = countroom::new_log_header("parish-2026");
    let v2 = countroom::log::write(&header, &entries);
    let v1 = countroom::log::write(&Header::v1(), &entries);
    drop(entries);
    eprintln!(
        "log: {n} entries; version 2 {} bytes, version 1 {} bytes",
        v2.len(),
        v1.len()
    );
    let log = countroom::log::read(&v2).unwrap();
    assert!(log.tamper_evident());
    assert_eq!(log.entries.len() as u64, n);
    let (_, problems) = countroom::count::replay_log(&log);
    assert!(problems.is_empty(), "{:?}", problems.first());
    assert!(countroom::log::read(&v1).is_ok());

    let mut group = c.benchmark_group("log");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30))
        .warm_up_time(Duration::from_secs(3));
    group.throughput(Throughput::Bytes(v2.len() as u64));
    group.bench_function("read_v2/1M", |b| {
        b.iter_with_large_drop(|| countroom::log::read(black_box(&v2)).unwrap());
    });
    group.throughput(Throughput::Bytes(v1.len() as u64));
    group.bench_function("read_v1/1M", |b| {
        b.iter_with_large_drop(|| countroom::log::read(black_box(&v1)).unwrap());
    });
    group.finish();

    let mut group = c.benchmark_group("replay");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .warm_up_time(Duration::from_secs(3));
    group.throughput(Throughput::Elements(n));
    group.bench_function("replay_log/1M", |b| {
        b.iter_with_large_drop(|| countroom::count::replay_log(black_box(&log)));
    });
    group.finish();
    drop(log);
    bench_stream(c, &v2, n);
}

/// Issue 20, replay at scale: the version 2 log read and replayed as it is
/// read (`replay_reader`: no entry kept), against reading it whole and then
/// replaying it (`read` + `replay_log`, the entries held), from the bytes in
/// memory through a `BufReader`. Throughput in bytes (the entries per
/// second are the entries over the time).
fn bench_stream(c: &mut Criterion, v2: &[u8], n: u64) {
    let (whole, problems) = countroom::count::replay_log(&countroom::log::read(v2).unwrap());
    assert!(problems.is_empty());
    let streamed = countroom::count::replay_reader(std::io::BufReader::new(v2)).unwrap();
    assert!(streamed.problems.is_empty());
    assert_eq!(
        format!("{:?}", countroom::count::report(&streamed.state)),
        format!("{:?}", countroom::count::report(&whole))
    );
    drop((whole, streamed));
    eprintln!("stream: {n} entries, {} bytes", v2.len());
    let mut group = c.benchmark_group("stream");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Bytes(v2.len() as u64));
    group.bench_function("replay_reader/1M", |b| {
        b.iter_with_large_drop(|| {
            countroom::count::replay_reader(std::io::BufReader::new(black_box(v2))).unwrap()
        });
    });
    group.bench_function("read_then_replay_log/1M", |b| {
        b.iter_with_large_drop(|| {
            let log = countroom::log::read(black_box(v2)).unwrap();
            let replayed = countroom::count::replay_log(&log);
            (log, replayed)
        });
    });
    group.finish();
}

fn bench_checkpoint(c: &mut Criterion) {
    use countroom::log::checkpoint::{verify_checkpoint, CheckpointKey};
    use countroom::log::Sha256Digest;

    let key = CheckpointKey::from_secret(&[7u8; 32]);
    let public = key.public_hex();
    let head = Sha256Digest::of(b"the line of entry 68");
    let signature = key.sign("exampleshire-2026", 68, &head);
    verify_checkpoint(&public, "exampleshire-2026", 68, &head, &signature).unwrap();

    let demo = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/abbey-ward.jsonl"
    ))
    .unwrap();
    let demo = countroom::log::read(&demo).unwrap();
    let (_, problems) = countroom::count::replay_log(&demo);
    assert!(problems.is_empty(), "{:?}", problems.first());

    let mut group = c.benchmark_group("checkpoint");
    group.bench_function("verify", |b| {
        b.iter(|| {
            verify_checkpoint(
                black_box(&public),
                "exampleshire-2026",
                68,
                black_box(&head),
                black_box(&signature),
            )
        });
    });
    group.bench_function("sign", |b| {
        b.iter(|| key.sign("exampleshire-2026", 68, black_box(&head)));
    });
    group.bench_function("replay_log/abbey-ward", |b| {
        b.iter(|| countroom::count::replay_log(black_box(&demo)));
    });
    group.finish();
}

criterion_group!(benches, bench_checkpoint, bench);
criterion_main!(benches);
