//! Benchmark of the list-system allocation (issue 19).
//!
//! `list/allocate/100x20x10`: [`countroom::list::allocate`] over 100 areas,
//! each of 20 parties (one in five an individual candidate, with
//! constituency seats from 0 to 3 for the parties) and 10 seats, by the
//! additional member system with the London threshold, so every round
//! compares exact rational figures by cross-multiplication. Votes come from
//! a seeded xorshift generator, so every run measures the same input.
//!
//! `list/collate_log/2000x16`: a count log of 16 list contests (Senedd 2026
//! closed lists, 10 parties each with a list of 10 and an individual
//! candidate), each collated from 125 counting areas (2,000 local totals
//! reported and authorised), read, replayed and projected
//! ([`countroom::report_from_log`]): the collation of every area and the
//! allocation of every contest through the log; `…/replay` the same from
//! the log already read (replay and projection only).
//!
//! Run with `cargo bench --bench list` (a short run:
//! `cargo bench --bench list -- --warm-up-time 1 --measurement-time 2`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

use std::hint::black_box;

use countroom::list::{allocate, Area, Contestant, Method, Options, Threshold, TieRule};
use criterion::{criterion_group, criterion_main, Criterion};

fn areas(n: usize, parties: usize, seats: u32) -> Vec<Area> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..n)
        .map(|a| {
            let mut area = Area::new(format!("area-{a}"), seats);
            for p in 0..parties {
                let votes = 1_000 + next() % 200_000;
                let c = if p % 5 == 4 {
                    Contestant::individual(format!("ind-{p}"), votes)
                } else {
                    Contestant::party(format!("party-{p}"), votes)
                        .constituency_seats(u32::try_from(next() % 4).unwrap())
                };
                area = area.contestant(c);
            }
            area
        })
        .collect()
}

/// The count log of `regions` list contests of `per_region` counting areas
/// each, every local total reported and authorised (version 1, as bytes).
fn collation_log(regions: usize, per_region: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut events = vec![serde_json::json!({"election_defined": {
        "election": "e", "name": "Senedd general election", "poll_date": "2026-05-07"}})];
    for r in 0..regions {
        for a in 0..per_region {
            events.push(serde_json::json!({"counting_area_defined": {
                "counting_area": format!("r{r}-a{a}"), "name": format!("Area {a} of region {r}")}}));
        }
        let parties: Vec<serde_json::Value> = (0..10)
            .map(|p| {
                let list: Vec<serde_json::Value> = (0..10)
                    .map(|m| serde_json::json!({"name": format!("P{p} member {m}")}))
                    .collect();
                serde_json::json!({"id": format!("P{p}"), "name": format!("Party {p}"), "list": list})
            })
            .collect();
        events.push(serde_json::json!({"list_contest_defined": {
            "contest": format!("r{r}"), "election": "e", "title": "Members of the Senedd",
            "area": format!("Region {r}"), "office": "senedd_member", "country": "wales", "seats": 6,
            "parties": parties, "individuals": [{"id": "IND", "name": "Independent"}],
            "counting_areas": (0..per_region).map(|a| format!("r{r}-a{a}")).collect::<Vec<_>>()}}));
    }
    for r in 0..regions {
        for a in 0..per_region {
            let mut votes: Vec<(String, u64)> = (0..10)
                .map(|p| (format!("P{p}"), 100 + next() % 5_000))
                .collect();
            votes.push(("IND".to_owned(), 50 + next() % 500));
            let forward: u64 = votes.iter().map(|v| v.1).sum();
            events.push(serde_json::json!({"local_total_reported": {
                "contest": format!("r{r}"), "counting_area": format!("r{r}-a{a}"),
                "papers_forward": forward,
                "votes": votes.iter().map(|(c, v)| serde_json::json!({"candidate": c, "votes": v})).collect::<Vec<_>>()}}));
        }
        for a in 0..per_region {
            events.push(serde_json::json!({"local_total_authorised": {
                "contest": format!("r{r}"), "counting_area": format!("r{r}-a{a}")}}));
        }
    }
    let mut out = b"{\"schema\":\"countroom-count-log\",\"version\":1}\n".to_vec();
    for (i, e) in events.into_iter().enumerate() {
        let entry = serde_json::json!({"seq": i + 1, "by": "RO", "event": e});
        out.extend(serde_json::to_vec(&entry).unwrap());
        out.push(b'\n');
    }
    out
}

fn bench(c: &mut Criterion) {
    let input = areas(100, 20, 10);
    let options =
        Options::new(Method::Ams, TieRule::EachThenOneVoteThenLot).threshold(Threshold::LONDON);
    c.bench_function("list/allocate/100x20x10", |b| {
        b.iter(|| allocate(black_box(&input), black_box(&options)).unwrap());
    });
    let log = collation_log(16, 125);
    // Every contest is allocated (no equality needing a lot in this input).
    let report = countroom::report_from_log(&log).unwrap();
    assert_eq!(report.list_contests.len(), 16);
    c.bench_function("list/collate_log/2000x16", |b| {
        b.iter(|| countroom::report_from_log(black_box(&log)).unwrap());
    });
    // The collation and allocation alone (no log): 16 collations of 125
    // local totals each (`countroom::collate`, `Method::List`), reported,
    // authorised and collated, then each region allocated.
    let regions = 16usize;
    let per_region = 125usize;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let totals: Vec<Vec<Vec<u64>>> = (0..regions)
        .map(|_| {
            (0..per_region)
                .map(|_| (0..11).map(|_| 100 + next() % 5_000).collect())
                .collect()
        })
        .collect();
    c.bench_function("list/collate/2000x16", |b| {
        b.iter(|| {
            for (r, areas) in totals.iter().enumerate() {
                use countroom::collate::{Choice, Collation, LocalTotal, Plan};
                let plan = Plan::new(
                    format!("r{r}"),
                    countroom::collate::Method::List,
                    (0..11)
                        .map(|p| Choice::new(&format!("P{p}"), &format!("Party {p}")))
                        .collect(),
                    vec![countroom::rules::RejectionHead::BreakdownNotGiven],
                    (0..per_region)
                        .map(|a| {
                            countroom::collate::Area::new(&format!("a{a}"), "Area", None, None)
                        })
                        .collect(),
                );
                let mut col = Collation::new(plan).unwrap();
                for (a, votes) in areas.iter().enumerate() {
                    col.report(LocalTotal::new(
                        format!("a{a}"),
                        votes.iter().sum(),
                        votes.clone(),
                        vec![0],
                    ))
                    .unwrap();
                    col.authorise(&format!("a{a}")).unwrap();
                }
                let collated = col.collated().unwrap();
                let mut area = Area::new(format!("r{r}"), 6);
                for (p, v) in collated.total.votes().iter().enumerate() {
                    area = area.contestant(Contestant::party(format!("P{p}"), *v));
                }
                black_box(
                    countroom::list::allocate_area(
                        &area,
                        &Options::new(Method::DHondt, TieRule::Lot),
                    )
                    .unwrap(),
                );
            }
        });
    });
    // The same without reading the JSON Lines: replay and projection only.
    let parsed = countroom::log::read(&log).unwrap();
    c.bench_function("list/collate_log/2000x16/replay", |b| {
        b.iter(|| {
            let (state, problems) = countroom::count::replay_log(black_box(&parsed));
            assert!(problems.is_empty());
            countroom::count::report(&state)
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
