//! Benchmarks of the counting core and of ballot-paper CSV ingest.
//!
//! What is measured:
//!
//! - `tally/count_papers/1M` and `/10M`: [`count_papers`] (one thread) over
//!   1,000,000 and 10,000,000 synthetic ballot papers for a three-seat ward
//!   of 12 candidates. Each paper is marked for 0 to 4 candidates, so some
//!   are void for too many votes; about 1% are unmarked, 1% lack the
//!   official mark and 0.5% bear an identifying mark. Throughput is papers
//!   counted per second.
//! - `tally/count_papers_single_member/10M`: the same for a single-member
//!   poll of 12 candidates (mostly one cross a paper; 2% two crosses).
//! - `tally/count_papers_parallel_2t/10M`: [`count_papers_parallel`] on two
//!   threads over the three-seat papers.
//! - `tally/fptp`: [`fptp`] on a 12-candidate vote vector (three seats).
//! - `ingest/papers_csv/1M` and `/10M`: [`papers::read`] over the CSV bytes
//!   that [`papers::write`] produces for the same three-seat papers.
//!   Throughput is bytes of CSV per second (criterion prints binary units,
//!   MiB/s; `BENCHMARKS.md` converts to MB/s). These files are plain (no
//!   quotes), so this measures the reader's direct path for plain rows, not
//!   the row-by-row CSV reader it falls back to.
//!
//! - `adjudicate/classify_three_seat/10M`: [`Adjudicator::classify`] on
//!   each of the same 10,000,000 three-seat papers, one at a time (no
//!   histogram), counting the papers per head: the per-paper adjudication
//!   of compact papers under the English principal-area rules.
//! - `adjudicate/full_marks_three_seat/1M`: [`Adjudicator::adjudicate`] on
//!   1,000,000 papers described mark by mark (crosses, ticks, figures and
//!   other marks; in the box, outside it or across two names), the path for
//!   papers that are not all crosses.
//!
//! - `sv/count_sv_papers/5M`: [`count_sv_papers`] over 5,000,000
//!   supplementary-vote papers of 6 candidates (a first-column cross and,
//!   on most papers, a second-column cross; about 1% void, 1% without the
//!   official mark), then [`supplementary_vote`] on the result: the whole
//!   count of a large mayoral poll, adjudication included, on one thread.
//!
//! Papers come from a seeded xorshift generator, so every run measures the
//! same input. Inputs are built once, outside the timed loops.
//!
//! Run with `cargo bench --bench tally`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::Duration;

use countroom::adjudicate::{Adjudicator, BallotPaper, Category, Class, Mark, MarkKind, Placement};
use countroom::io::papers;
use countroom::model::Contest;
use countroom::model::RulesetId;
use countroom::rules::ruleset;
use countroom::tally::{
    count_papers, count_papers_parallel, count_sv_papers, fptp, supplementary_vote, Paper,
};
use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};

const CANDIDATES: usize = 12;
const SEATS: usize = 3;
const ONE_M: usize = 1_000_000;
const TEN_M: usize = 10_000_000;

/// xorshift64* (Vigna): small, fast and good enough to make test input.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A value in `0..n` (n small: the modulo bias is negligible here).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A paper marked for `k` distinct candidates out of `CANDIDATES`, with the
/// flags drawn independently.
fn paper_with_marks(rng: &mut XorShift, k: u32) -> Paper {
    let mut marks = 0u64;
    while marks.count_ones() < k {
        marks |= 1 << rng.below(CANDIDATES as u64);
    }
    let flags = rng.below(1000);
    Paper::from_bits(marks)
        // 10 in 1,000 without the official mark.
        .with_no_official_mark(flags < 10)
        // 5 in 1,000 with an identifying mark.
        .with_identifying_mark((10..15).contains(&flags))
}

/// Papers for the three-seat ward: 1% unmarked, then 1, 2, 3 or 4 crosses
/// (4 crosses for 3 seats is void for too many votes).
fn ward_papers(n: usize, seed: u64) -> Vec<Paper> {
    let mut rng = XorShift(seed);
    (0..n)
        .map(|_| {
            let k = match rng.below(1000) {
                0..10 => 0,    // 1% unmarked
                10..210 => 1,  // 20% plumped
                210..460 => 2, // 25%
                460..960 => 3, // 50%
                _ => 4,        // 4% too many votes
            };
            paper_with_marks(&mut rng, k)
        })
        .collect()
}

/// Papers for a single-member poll: 1% unmarked, 97% one cross, 2% two.
fn single_member_papers(n: usize, seed: u64) -> Vec<Paper> {
    let mut rng = XorShift(seed);
    (0..n)
        .map(|_| {
            let k = match rng.below(100) {
                0 => 0,
                1..98 => 1,
                _ => 2,
            };
            paper_with_marks(&mut rng, k)
        })
        .collect()
}

fn ward_10m() -> &'static [Paper] {
    static PAPERS: OnceLock<Vec<Paper>> = OnceLock::new();
    PAPERS.get_or_init(|| ward_papers(TEN_M, 0x9E37_79B9_7F4A_7C15))
}

/// The first million of the ten million: the 1M benchmarks count a prefix
/// of the same stream.
fn ward_1m() -> &'static [Paper] {
    &ward_10m()[..ONE_M]
}

/// A three-seat ward of 12 candidates (C01..C12), built through the log
/// like any real contest.
fn contest() -> Contest {
    let candidates: Vec<String> = (1..=CANDIDATES)
        .map(|i| format!(r#"{{"id":"C{i:02}","name":"CANDIDATE, Number {i}"}}"#))
        .collect();
    let vacancy = r#"{"kind":"ordinary","term_ends":"2030-05-06"}"#;
    let vacancies = [vacancy; SEATS].join(",");
    let log = format!(
        concat!(
            r#"{{"schema":"countroom-count-log","version":1}}"#,
            "\n",
            r#"{{"seq":1,"by":"bench","event":{{"election_defined":{{"election":"bench-2026","name":"Benchmark elections","poll_date":"2026-05-07"}}}}}}"#,
            "\n",
            r#"{{"seq":2,"by":"bench","event":{{"contest_defined":{{"contest":"ward","election":"bench-2026","title":"Election of District Councillors","area":"Bench Ward","office":"principal_councillor","country":"england","electorate":20000000,"vacancies":[{vacancies}],"candidates":[{candidates}],"ruleset":"england-principal-2006"}}}}}}"#,
            "\n",
        ),
        vacancies = vacancies,
        candidates = candidates.join(","),
    );
    let log = countroom::log::read(log.as_bytes()).expect("bench log reads");
    let (state, problems) = countroom::count::replay(&log.entries);
    assert!(problems.is_empty(), "bench log replays: {problems:?}");
    let contest = state.contests()[0].contest().clone();
    assert_eq!(contest.n_standing(), CANDIDATES);
    contest
}

/// The adjudicator of a three-seat English district ward.
fn ward() -> Adjudicator {
    Adjudicator::new(ruleset(RulesetId::EnglandPrincipal2006), CANDIDATES, SEATS).unwrap()
}

/// The adjudicator of a single-member UK Parliamentary poll.
fn single_member() -> Adjudicator {
    Adjudicator::new(ruleset(RulesetId::UkParliamentary), CANDIDATES, 1).unwrap()
}

/// Papers with marks other than crosses: ticks, marks outside the box,
/// marks across two names and other marks, 0 to 4 marks each.
fn marked_papers(n: usize, seed: u64) -> Vec<BallotPaper> {
    let mut rng = XorShift(seed);
    (0..n)
        .map(|_| {
            let k = rng.below(5);
            let marks = (0..k)
                .map(|_| {
                    let kind = match rng.below(10) {
                        0..=5 => MarkKind::Cross,
                        6 | 7 => MarkKind::Tick,
                        8 => MarkKind::Figure(1),
                        _ => MarkKind::Other,
                    };
                    let placement = match rng.below(20) {
                        0..=16 => Placement::InBox,
                        17 | 18 => Placement::Outside,
                        _ => Placement::Straddling,
                    };
                    Mark::cross(rng.below(CANDIDATES as u64) as usize)
                        .kind(kind)
                        .at(placement)
                })
                .collect();
            BallotPaper {
                official_mark: rng.below(100) != 0,
                identifying_mark: rng.below(200) == 0,
                marks,
            }
        })
        .collect()
}

/// Adjudication alone: each paper classified under the ruleset's heads,
/// one at a time (no histogram), and the categories counted.
fn bench_adjudicate(c: &mut Criterion) {
    let mut group = c.benchmark_group("adjudicate");
    group
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5))
        .sample_size(20);
    let adj = ward();
    let papers = ward_10m();
    let classify_all = |adj: &Adjudicator, papers: &[Paper]| {
        let mut per_head = [0u64; 8];
        for &p in papers {
            let slot = match adj.classify(p) {
                Class::Valid => 7,
                Class::Rejected(h) => h.index(),
            };
            per_head[slot] += 1;
        }
        per_head
    };
    // Sanity, outside the timing: the same figures as the tally.
    let check = classify_all(&adj, papers);
    let tally = count_papers(papers, &adj).unwrap();
    assert_eq!(check[7], tally.valid_papers());
    assert_eq!(check.iter().sum::<u64>(), TEN_M as u64);
    group.throughput(Throughput::Elements(TEN_M as u64));
    group.bench_with_input(
        BenchmarkId::new("classify_three_seat", "10M"),
        papers,
        |b, p| {
            b.iter(|| classify_all(&adj, black_box(p)));
        },
    );

    // Full adjudication of papers with marks other than crosses.
    let marked = marked_papers(ONE_M, 0x5DEE_CE66_D1CE_4E5B);
    let full_all = |adj: &Adjudicator, papers: &[BallotPaper]| {
        let mut per_category = [0u64; 4];
        for p in papers {
            let slot = match adj.adjudicate(p).unwrap().category() {
                Category::Valid => 0,
                Category::RejectedInPart => 1,
                Category::Rejected => 2,
                Category::Doubtful => 3,
            };
            per_category[slot] += 1;
        }
        per_category
    };
    let check = full_all(&adj, &marked);
    assert!(
        check.iter().all(|&n| n > 0),
        "every category arises: {check:?}"
    );
    group.throughput(Throughput::Elements(ONE_M as u64));
    group.bench_with_input(
        BenchmarkId::new("full_marks_three_seat", "1M"),
        &marked[..],
        |b, p| {
            b.iter(|| full_all(&adj, black_box(p)));
        },
    );
    group.finish();
}

fn bench_tally(c: &mut Criterion) {
    let mut group = c.benchmark_group("tally");
    group
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5));

    // Sanity, outside the timing: every paper is counted once.
    let check = count_papers(ward_10m(), &ward()).unwrap();
    assert_eq!(check.papers_counted(), TEN_M as u64);
    assert!(check.rejected_papers() > 0 && check.valid_papers() > 0);

    for (label, papers) in [("1M", ward_1m()), ("10M", ward_10m())] {
        if papers.len() == TEN_M {
            group.sample_size(20);
        } else {
            group.sample_size(50);
        }
        group.throughput(Throughput::Elements(papers.len() as u64));
        group.bench_with_input(BenchmarkId::new("count_papers", label), papers, |b, p| {
            b.iter(|| count_papers(black_box(p), &ward()).unwrap());
        });
    }

    let single = single_member_papers(TEN_M, 0xD1B5_4A32_D192_ED03);
    let check = count_papers(&single, &single_member()).unwrap();
    assert_eq!(check.papers_counted(), TEN_M as u64);
    group.sample_size(20);
    group.throughput(Throughput::Elements(TEN_M as u64));
    group.bench_with_input(
        BenchmarkId::new("count_papers_single_member", "10M"),
        &single[..],
        |b, p| b.iter(|| count_papers(black_box(p), &single_member()).unwrap()),
    );
    drop(single);

    let papers = ward_10m();
    assert_eq!(
        count_papers_parallel(papers, &ward(), 2).unwrap(),
        count_papers(papers, &ward()).unwrap()
    );
    group.bench_with_input(
        BenchmarkId::new("count_papers_parallel_2t", "10M"),
        papers,
        |b, p| b.iter(|| count_papers_parallel(black_box(p), &ward(), 2).unwrap()),
    );

    // The outcome on the votes of the first million papers.
    let votes = count_papers(ward_1m(), &ward()).unwrap().votes().to_vec();
    group.sample_size(100);
    group.throughput(Throughput::Elements(1));
    group.bench_function("fptp", |b| b.iter(|| fptp(black_box(&votes), SEATS)));
    group.finish();
}

fn bench_ingest(c: &mut Criterion) {
    let contest = contest();
    let mut group = c.benchmark_group("ingest");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(3));

    for (label, papers) in [("1M", ward_1m()), ("10M", ward_10m())] {
        let bytes = papers::write(&contest, papers);
        // Sanity, outside the timing: the CSV reads back to the same papers.
        assert_eq!(papers::read(&bytes, &contest).unwrap().papers, papers);
        group.measurement_time(Duration::from_secs(if papers.len() == TEN_M {
            30
        } else {
            10
        }));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("papers_csv", label),
            &bytes[..],
            |b, csv| {
                b.iter(|| papers::read(black_box(csv), &contest).unwrap());
            },
        );
        eprintln!(
            "ingest/papers_csv/{label}: {} bytes of CSV for {} papers",
            bytes.len(),
            papers.len()
        );
    }
    group.finish();
}

/// Supplementary-vote papers: a cross in the first column and (on 70% of
/// papers) one in the second; 1% with two first-column crosses, 0.5%
/// unmarked, 1% without the official mark.
fn sv_papers(n: usize, seed: u64) -> Vec<BallotPaper> {
    const N: u64 = 6;
    let mut rng = XorShift(seed);
    (0..n)
        .map(|_| {
            let mut marks = Vec::with_capacity(2);
            let roll = rng.below(1000);
            if roll >= 5 {
                marks.push(Mark::cross(rng.below(N) as usize));
            }
            if (5..15).contains(&roll) {
                marks.push(Mark::cross(rng.below(N) as usize));
            }
            if rng.below(10) < 7 {
                marks.push(Mark::cross(rng.below(N) as usize).second());
            }
            BallotPaper {
                official_mark: rng.below(100) != 0,
                identifying_mark: false,
                marks,
            }
        })
        .collect()
}

fn bench_sv(c: &mut Criterion) {
    let mut group = c.benchmark_group("sv");
    group
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(8))
        .sample_size(10);
    let adj = Adjudicator::new(ruleset(RulesetId::MayorSv2026), 6, 1).unwrap();
    let papers = sv_papers(5_000_000, 0x2545_F491_4F6C_DD1D);
    // Sanity, outside the timing: every paper counted once; a second count.
    let counted = count_sv_papers(&papers, &adj).unwrap();
    assert_eq!(
        counted.tally.papers_counted() + counted.doubtful.len() as u64,
        5_000_000
    );
    assert!(counted.tally.rejected_papers() > 0);
    let outcome = supplementary_vote(&counted.sv).unwrap();
    assert!(!outcome.remaining.is_empty() && outcome.elected.is_some());
    group.throughput(Throughput::Elements(5_000_000));
    group.bench_with_input(
        BenchmarkId::new("count_sv_papers", "5M"),
        &papers[..],
        |b, p| {
            b.iter(|| {
                let counted = count_sv_papers(black_box(p), &adj).unwrap();
                supplementary_vote(&counted.sv).unwrap()
            });
        },
    );
    group.finish();
}

criterion_group!(
    benches,
    bench_adjudicate,
    bench_tally,
    bench_ingest,
    bench_sv
);
criterion_main!(benches);
