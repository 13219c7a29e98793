//! Writes a large count log for measuring reading and replay at scale
//! (issue 20, "replay at scale"): the log of `benches/log.rs`, with any
//! number of entries, written to a file a chunk at a time (the log is
//! never held whole in memory).
//!
//! ```sh
//! cargo run --release --example big_log -- /tmp/big.jsonl 1000000
//! /usr/bin/time -v target/release/countroom count /tmp/big.jsonl > /dev/null
//! ```
//!
//! The log: an `election_defined` and a `contest_defined` (two seats, four
//! candidates, from `examples/data/two-seat-tie.jsonl`), then N
//! `bundle_counted` entries of 50 papers each at 40 tables, each giving
//! votes to the four candidates (figures from a seeded xorshift generator,
//! so every run writes the same bytes), version 2 (hash-chained), then
//! `count_completed`. It is a count recorded bundle by bundle: its state is
//! one contest whose run knows each bundle's id (to refuse a second bundle
//! of the same id) and the running totals.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use std::io::Write;

use countroom::log::{Appender, BundleCounted, CandidateVotes, CountCompleted, Entry, Event};

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

/// Bundle `i` of the log (as `benches/log.rs` makes it).
fn bundle(rng: &mut XorShift, i: u64) -> Event {
    let table = i % 40 + 1;
    // Two votes a paper at most: 50 papers give at most 100 votes, at
    // most 50 to any candidate.
    let votes = ["P", "Q", "R", "S"]
        .iter()
        .map(|c| CandidateVotes::new((*c).to_owned(), rng.next() % 26))
        .collect();
    Event::BundleCounted(
        BundleCounted::new("little-ormsby", 1, format!("T{table}-{i}"), votes)
            .table(Some(format!("T{table}")))
            .papers(Some(50)),
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse::<u64>().ok()))
    else {
        eprintln!("usage: big_log OUT.jsonl BUNDLES");
        std::process::exit(2);
    };
    let tie = include_str!("data/two-seat-tie.jsonl");
    let defined = countroom::log::read(tie.as_bytes()).unwrap().entries;
    let header = countroom::new_log_header("parish-2026");
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut out = Vec::new();
    let mut appender = Appender::start(&header, &mut out);
    let mut entry = |out: &mut Vec<u8>, by: String, event: Event| {
        appender.append_entry(out, Entry::new(0, by, event));
    };
    for e in defined.into_iter().take(2) {
        entry(&mut out, e.by, e.event);
    }
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for i in 0..n {
        let table = i % 40 + 1;
        entry(
            &mut out,
            format!("Count supervisor, table {table}"),
            bundle(&mut rng, i),
        );
        if out.len() > 1 << 20 {
            file.write_all(&out).unwrap();
            out.clear();
        }
    }
    entry(
        &mut out,
        "Deputy Returning Officer".to_owned(),
        Event::CountCompleted(CountCompleted::new("little-ormsby", 1)),
    );
    file.write_all(&out).unwrap();
    file.flush().unwrap();
    eprintln!("big_log: wrote {} entries to {path}", n + 3);
}
