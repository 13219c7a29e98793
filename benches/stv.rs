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
//! The same contests through the count log (issue 14): the log holds the
//! contest and one `paper_batch_counted` of the ballot file's preferences,
//! completed; the stage sheet is projected from the replayed state.
//!
//! - `stv/log_sheet_glasgow_2007_21_wards`, `stv/log_sheet_synthetic_1m_15c_5s`:
//!   the projection alone ([`countroom::count::ContestCount::stv_count`]
//!   on the replayed state), against `glasgow_2007_21_wards` and
//!   `synthetic_1m_15c_5s` (the engine on the read election). Target
//!   within 1.5× of the direct route.
//! - `stv/file_glasgow_2007_21_wards` and `stv/log_file_glasgow_2007_21_wards`
//!   (and the same for the 1M contest): from the bytes of each file to
//!   the stage sheet: the BLT read and counted, against the log read,
//!   replayed (every entry checked) and projected.
//!
//! - `stv/read_blt_synthetic_1m` and `stv/read_lines_blt_synthetic_1m`
//!   (issue 20): the 1M contest's BLT bytes read by the streaming reader
//!   (identical lines merged) and by the reference reader (every line
//!   kept), in bytes per second.
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

use countroom::count::{replay_log, StvCount};
use countroom::log::{self as clog, CandidateDef, ContestDefined, ElectionDefined, Event};
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

/// A version 2 count log of `election` as a Scottish STV contest: the
/// contest defined, the ballot file imported as one batch
/// (`countroom::io::stv_batch::batch_from_blt`), the run completed.
fn log_of(election: &Election) -> Vec<u8> {
    let header = countroom::new_log_header("e");
    let define = vec![
        Event::ElectionDefined(ElectionDefined::new("e", "Bench", "2022-05-05")),
        Event::ContestDefined(
            ContestDefined::new(
                "ward",
                "e",
                "Election of Councillors",
                String::from_utf8_lossy(election.title()).into_owned(),
                "principal_councillor",
                "scotland",
            )
            .electorate(10_000_000)
            .vacancies(
                (0..election.seats())
                    .map(|_| clog::VacancyDef::new("ordinary").term_ends(Some("2027-05-06".into())))
                    .collect(),
            )
            .candidates(
                election
                    .candidates()
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        CandidateDef::new(format!("C{}", i + 1), c.display_name())
                            .withdrawn(election.withdrawn().contains(&i))
                    })
                    .collect(),
            ),
        ),
    ];
    let entry = |seq: u64, event: Event| clog::Entry::new(seq, "bench", event);
    let mut entries: Vec<clog::Entry> = define
        .into_iter()
        .zip(1..)
        .map(|(e, i)| entry(i, e))
        .collect();
    let (state, problems) = countroom::count::replay(&entries);
    assert!(problems.is_empty(), "{problems:?}");
    let contest = state.contests()[0].contest().clone();
    let batch = countroom::io::stv_batch::batch_from_blt(
        &blt::write(election).unwrap(),
        &contest,
        1,
        "b1".into(),
        None,
    )
    .unwrap();
    entries.push(entry(3, Event::PaperBatchCounted(batch)));
    entries.push(entry(
        4,
        Event::CountCompleted(clog::CountCompleted::new("ward", 1)),
    ));
    clog::write(&header, &entries)
}

/// Reads, replays and projects a log made by [`log_of`].
fn sheet_from_log(bytes: &[u8]) -> StvCount {
    let log = clog::read(bytes).unwrap();
    let (state, problems) = replay_log(&log);
    assert!(problems.is_empty(), "{problems:?}");
    let c = &state.contests()[0];
    c.stv_count(c.current_run().unwrap())
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
        // The same wards through the count log.
        let blts: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
        let logs: Vec<Vec<u8>> = wards.iter().map(log_of).collect();
        let states: Vec<_> = logs
            .iter()
            .map(|l| replay_log(&clog::read(l).unwrap()).0)
            .collect();
        for (w, l) in wards.iter().zip(&logs) {
            let direct = count(StvRules::Scotland, w, &mut LotSource::none()).unwrap();
            match sheet_from_log(l) {
                StvCount::Sheet(s) => assert_eq!(*s, direct),
                other => panic!("{other:?}"),
            }
        }
        if std::env::var_os("STV_LOG_TIMING").is_some() {
            let t = std::time::Instant::now();
            let read: Vec<_> = logs.iter().map(|l| clog::read(l).unwrap()).collect();
            let t1 = t.elapsed();
            let st: Vec<_> = read.iter().map(|l| replay_log(l).0).collect();
            let t2 = t.elapsed();
            for s in &st {
                let c = &s.contests()[0];
                black_box(c.stv_count(c.current_run().unwrap()));
            }
            let t3 = t.elapsed();
            let t4 = std::time::Instant::now();
            for l in &read {
                black_box(countroom::count::replay(&l.entries));
            }
            let t5 = t4.elapsed();
            for _ in 0..21 {
                black_box(countroom::rules::table_digest());
            }
            let t6 = t4.elapsed() - t5;
            for l in &read {
                black_box(countroom::count::replay(&l.entries[..2]));
            }
            let t7 = t4.elapsed() - t5 - t6;
            eprintln!("TIMING2 replay {t5:?} digest {t6:?} replay3 {t7:?}");
            eprintln!(
                "TIMING read {t1:?} replay {:?} sheet {:?} bytes {}",
                t2 - t1,
                t3 - t2,
                logs.iter().map(Vec::len).sum::<usize>()
            );
        }
        if let Some(n) = std::env::var("STV_LOG_PROFILE")
            .ok()
            .and_then(|n| n.parse::<u32>().ok())
        {
            // For a profiler: the Glasgow log route alone, n times, then
            // stop (no other benchmark's setup in the profile).
            let [mut read, mut replay, mut sheet, mut drop, mut file] =
                [std::time::Duration::ZERO; 5];
            for _ in 0..n {
                for (l, f) in logs.iter().zip(&blts) {
                    let t = std::time::Instant::now();
                    let log = clog::read(black_box(l)).unwrap();
                    let t1 = t.elapsed();
                    let (state, _) = replay_log(&log);
                    let t2 = t.elapsed();
                    let c = &state.contests()[0];
                    black_box(c.stv_count(c.current_run().unwrap()));
                    let t3 = t.elapsed();
                    std::mem::drop((log, state));
                    let t4 = t.elapsed();
                    let e = blt::read(black_box(f)).unwrap();
                    black_box(count(StvRules::Scotland, &e, &mut LotSource::none()).unwrap());
                    let t5 = t.elapsed();
                    read += t1;
                    replay += t2 - t1;
                    sheet += t3 - t2;
                    drop += t4 - t3;
                    file += t5 - t4;
                }
            }
            let n = n.max(1);
            eprintln!(
                "PROFILE a pass over the 21 logs: read {:?} replay {:?} sheet {:?} drop {:?}; file route {:?}",
                read / n,
                replay / n,
                sheet / n,
                drop / n,
                file / n
            );
            return;
        }
        group.bench_function("log_sheet_glasgow_2007_21_wards", |b| {
            b.iter(|| {
                for s in &states {
                    let c = &s.contests()[0];
                    black_box(c.stv_count(c.current_run().unwrap()));
                }
            })
        });
        group.bench_function("file_glasgow_2007_21_wards", |b| {
            b.iter(|| {
                for f in &blts {
                    let e = blt::read(black_box(f)).unwrap();
                    black_box(count(StvRules::Scotland, &e, &mut LotSource::none()).unwrap());
                }
            })
        });
        group.bench_function("log_file_glasgow_2007_21_wards", |b| {
            b.iter(|| {
                for l in &logs {
                    black_box(sheet_from_log(black_box(l)));
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
    // The 1M contest through the count log.
    let big_blt = blt::write(&big).unwrap();
    let big_log = log_of(&big);
    let big_state = replay_log(&clog::read(&big_log).unwrap()).0;
    let big_direct = count(StvRules::Scotland, &big, &mut LotSource::none()).unwrap();
    let big_contest = &big_state.contests()[0];
    match big_contest.stv_count(big_contest.current_run().unwrap()) {
        StvCount::Sheet(s) => assert_eq!(*s, big_direct),
        other => panic!("{other:?}"),
    }
    group.bench_function("log_sheet_synthetic_1m_15c_5s", |b| {
        b.iter(|| black_box(big_contest.stv_count(big_contest.current_run().unwrap())))
    });
    group.bench_function("file_synthetic_1m_15c_5s", |b| {
        b.iter(|| {
            let e = blt::read(black_box(&big_blt)).unwrap();
            count(StvRules::Scotland, &e, &mut LotSource::none()).unwrap()
        })
    });
    // Issue 20: reading alone, the streaming reader against the reference
    // (whole file, every line kept), in bytes per second.
    group.throughput(Throughput::Bytes(big_blt.len() as u64));
    group.bench_function("read_blt_synthetic_1m", |b| {
        b.iter(|| blt::read(black_box(&big_blt)).unwrap())
    });
    group.bench_function("read_lines_blt_synthetic_1m", |b| {
        b.iter(|| blt::read_lines(black_box(&big_blt)).unwrap())
    });
    group.throughput(Throughput::Elements(big.valid_papers()));
    group.bench_function("log_file_synthetic_1m_15c_5s", |b| {
        b.iter(|| black_box(sheet_from_log(black_box(&big_log))))
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
