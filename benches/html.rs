//! Benchmarks of the HTML documents (`countroom-html`).
//!
//! - `html/ge650`: every document of a 650-constituency general election
//!   (600 contests of 7 candidates and 50 of 6, as declared, with the
//!   statement of rejected papers, turnout and the evidence of the log),
//!   one page per contest ([`countroom::html::report_pages`]) — what
//!   `count --format html --out DIR` renders;
//! - `html/stv12`: the stage sheet page of an STV ward of 12 candidates and
//!   12 stages (its tables and all three charts);
//! - `html/stv12-flows`: the STV transfers flow chart alone
//!   ([`countroom::html::flow::svg`]) of that ward;
//! - `html/stv30-flows` and `html/stv30`: the flow chart alone and the whole
//!   stage sheet page of a one-seat count of 31 candidates and 30 stages
//!   (each paper's next preference the next candidate).
//!
//! The contests are the shipped `two-seat-tie.jsonl` report's declared
//! contest with its candidates replaced (names, parties and votes from a
//! fixed formula), so every run renders the same input.
//!
//! Run with `cargo bench --bench html -- --warm-up-time 1 --measurement-time 3`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

use std::collections::BTreeSet;
use std::hint::black_box;

use countroom::count::Report;
use countroom::stv::{self, Ballot, Candidate, Election, LotSource, StageSheet, StvRules};
use criterion::{criterion_group, criterion_main, Criterion};

const PARTIES: [&str; 7] = [
    "Labour Party",
    "Conservative and Unionist Party",
    "Liberal Democrats",
    "Green Party",
    "Reform UK",
    "Plaid Cymru",
    "Independent",
];

fn general_election() -> Report {
    let log = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/two-seat-tie.jsonl"
    ))
    .unwrap();
    let mut report = countroom::report_from_log(&log).unwrap();
    let template = report.contests.remove(0);
    report.contests = (0..650u64)
        .map(|k| {
            let mut c = template.clone();
            c.contest.id = format!("pc{k:03}");
            c.contest.area = format!("Constituency {k:03}");
            let n = if k < 600 { 7 } else { 6 };
            let cand = c.candidates[0].clone();
            c.candidates = (0..n)
                .map(|i| {
                    let mut x = cand.clone();
                    x.ballot_order = i + 1;
                    x.id = format!("pc{k:03}-{i}");
                    x.name = format!("SURNAME{i}, Forename {k}");
                    x.description = Some(PARTIES[i % PARTIES.len()].to_owned());
                    x.votes = Some(1_000 + (k * 7_919 + i as u64 * 104_729) % 25_000);
                    x.elected = i == 0;
                    x
                })
                .collect();
            c
        })
        .collect();
    report
}

fn stv_ward() -> StageSheet {
    let n = 12u16;
    let candidates = (0..n)
        .map(|i| {
            let mut c = Candidate::new(format!("Candidate {i:02}").into_bytes());
            c.party = Some(PARTIES[usize::from(i) % PARTIES.len()].as_bytes().to_vec());
            c
        })
        .collect();
    let ballots = (0..n)
        .map(|i| Ballot {
            weight: 400 + 37 * u64::from(i),
            prefs: vec![i, (i + 1) % n, (i + 2) % n],
        })
        .collect();
    let e = Election::new("STV ward", candidates, 1, BTreeSet::new(), ballots).unwrap();
    stv::count(StvRules::Scotland, &e, &mut LotSource::default()).unwrap()
}

fn thirty_stages() -> StageSheet {
    let n = 31u16;
    let candidates = (0..n)
        .map(|i| {
            let mut c = Candidate::new(format!("Candidate {i:02}").into_bytes());
            c.party = Some(PARTIES[usize::from(i) % PARTIES.len()].as_bytes().to_vec());
            c
        })
        .collect();
    let ballots = (0..n)
        .map(|i| Ballot {
            weight: 100 + 10 * u64::from(i),
            prefs: vec![i, (i + 1) % n],
        })
        .collect();
    let e = Election::new("Thirty stages", candidates, 1, BTreeSet::new(), ballots).unwrap();
    stv::count(StvRules::Scotland, &e, &mut LotSource::default()).unwrap()
}

fn bench(c: &mut Criterion) {
    let ge = general_election();
    let sheet = stv_ward();
    eprintln!(
        "html/stv12: {} candidates, {} stages",
        sheet.candidates.len(),
        sheet.stages.len()
    );
    let bytes: usize = countroom::html::report_pages(&ge)
        .iter()
        .map(|p| p.1.len())
        .sum();
    eprintln!("html/ge650: {} pages, {bytes} bytes", ge.contests.len());
    let mut g = c.benchmark_group("html");
    g.bench_function("ge650", |b| {
        b.iter(|| countroom::html::report_pages(black_box(&ge)))
    });
    g.bench_function("stv12", |b| {
        b.iter(|| countroom::html::stage_sheet_page(black_box(&sheet)))
    });
    g.bench_function("stv12-flows", |b| {
        b.iter(|| countroom::html::flow::svg("f", black_box(&sheet)))
    });
    let thirty = thirty_stages();
    eprintln!(
        "html/stv30: {} candidates, {} stages, {} flows",
        thirty.candidates.len(),
        thirty.stages.len(),
        countroom::html::flow::flows(&thirty).len()
    );
    g.bench_function("stv30-flows", |b| {
        b.iter(|| countroom::html::flow::svg("f", black_box(&thirty)))
    });
    g.bench_function("stv30", |b| {
        b.iter(|| countroom::html::stage_sheet_page(black_box(&thirty)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
