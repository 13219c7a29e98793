//! Writes synthetic BLT ballot files for the benchmarks of issue 20
//! (BENCHMARKS.md, "Issue 20"), from the generator of `benches/stv.rs`
//! (a fixed linear congruential generator, candidate k of weight
//! (16 - k)², each paper going on to another preference with probability
//! 3/4; one ballot line per paper).
//!
//! ```sh
//! # The 1M-paper contest of `stv/synthetic_1m_15c_5s`, as a file:
//! cargo run --release --example synthetic_blt -- one /tmp/synthetic-1m.blt 1000000 15 5
//! # 1,100 contests of about 5,000 papers each (4,000 to 6,000; 6 to 15
//! # candidates, 3 or 4 seats), each from its own seed:
//! cargo run --release --example synthetic_blt -- many /tmp/contests 1100 5000
//! ```

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

use std::collections::BTreeSet;

use countroom::stv::{blt, Ballot, Candidate, Election};

/// A linear congruential generator (Knuth's MMIX constants), as in
/// `benches/stv.rs`.
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

/// The generator of `benches/stv.rs::synthetic`, seeded.
fn synthetic(seed: u64, papers: usize, candidates: usize, seats: usize) -> Election {
    let mut rng = Lcg(seed);
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

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize| -> usize { args[i].parse().unwrap() };
    match args.first().map(String::as_str) {
        Some("one") => {
            let e = synthetic(20_260_507, num(2), num(3), num(4));
            std::fs::write(&args[1], blt::write(&e).unwrap()).unwrap();
        }
        Some("many") => {
            let dir = std::path::Path::new(&args[1]);
            std::fs::create_dir_all(dir).unwrap();
            let (contests, papers) = (num(2), num(3));
            let mut rng = Lcg(7);
            for k in 0..contests {
                let n = papers * 4 / 5 + rng.below(papers as u64 * 2 / 5 + 1) as usize;
                let candidates = 6 + rng.below(10) as usize;
                let seats = 3 + rng.below(2) as usize;
                let e = synthetic(1000 + k as u64, n, candidates, seats);
                let path = dir.join(format!("contest-{k:04}.blt"));
                std::fs::write(path, blt::write(&e).unwrap()).unwrap();
            }
        }
        _ => {
            eprintln!(
                "usage: synthetic_blt one FILE PAPERS CANDIDATES SEATS | many DIR CONTESTS PAPERS"
            );
            std::process::exit(2);
        }
    }
}
