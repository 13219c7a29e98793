//! Writes a count log of a poll with many ballot boxes, for the boxes
//! growth line of the performance guide (issue 20, item 5;
//! `benches/guide.sh`): the log `benches/verify.rs` calls `stations/N`,
//! written to a file as a valid version 2 (hash-chained) log.
//!
//! ```sh
//! cargo run --release --example boxes_log -- /tmp/boxes-10000.jsonl 10000
//! /usr/bin/time -v target/release/countroom verify /tmp/boxes-10000.jsonl > /dev/null
//! ```
//!
//! The log: the `election_defined` and `contest_defined` of
//! `examples/data/two-seat-tie.jsonl`, then N polling station boxes, two
//! stations to a polling place (N/2 places and N stations defined), each
//! box with a ballot paper account of 1,000 entrusted serial numbers of its
//! own (`A` and nine digits), 500 issued, counted 499 in even boxes and 501
//! in odd ones (a compensating error in every place: every box is
//! accepted), then `verification_completed`. The same bytes every run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use std::io::Write;

use countroom::log::{
    AccountEntered, Appender, BallotBoxDefined, BoxCounted, Entry, Event, PollingPlaceDefined,
    PollingStationDefined, SerialRangeDef, VerificationCompleted,
};

const CONTEST: &str = "little-ormsby";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse::<u64>().ok()))
    else {
        eprintln!("usage: boxes_log OUT.jsonl BOXES");
        std::process::exit(2);
    };
    let tie = include_str!("data/two-seat-tie.jsonl");
    let defined = countroom::log::read(tie.as_bytes()).unwrap().entries;
    let header = countroom::new_log_header("parish-2026");
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut out = Vec::new();
    let mut appender = Appender::start(&header, &mut out);
    let mut written: u64 = 0;
    let mut entry = |out: &mut Vec<u8>, by: &str, event: Event| {
        appender.append_entry(out, Entry::new(0, by.to_owned(), event));
        written += 1;
    };
    for e in defined.into_iter().take(2) {
        entry(&mut out, &e.by, e.event);
    }
    let ro = "Returning Officer (Jane Marsh)";
    for p in 0..n.div_ceil(2) {
        entry(
            &mut out,
            ro,
            Event::PollingPlaceDefined(PollingPlaceDefined::new(
                format!("PP-{p}"),
                format!("Polling place {p}"),
            )),
        );
    }
    for i in 0..n {
        entry(
            &mut out,
            ro,
            Event::PollingStationDefined(PollingStationDefined::new(
                format!("S-{i}"),
                format!("PP-{}", i / 2),
                format!("Station {i}"),
            )),
        );
        entry(
            &mut out,
            ro,
            Event::BallotBoxDefined(
                BallotBoxDefined::new(format!("B-{i}"), vec![CONTEST.to_owned()])
                    .polling_station(Some(format!("S-{i}"))),
            ),
        );
    }
    for i in 0..n {
        entry(
            &mut out,
            "Presiding Officer",
            Event::AccountEntered(AccountEntered::new(
                format!("B-{i}"),
                CONTEST.to_owned(),
                vec![SerialRangeDef::new(
                    format!("A{:09}", i * 1_000 + 1),
                    format!("A{:09}", i * 1_000 + 1_000),
                )],
                500,
                500,
                0,
            )),
        );
        if out.len() > 1 << 20 {
            file.write_all(&out).unwrap();
            out.clear();
        }
    }
    for i in 0..n {
        // An odd last box (n odd) would be alone in its place: match it.
        let papers = match (i % 2, i + 1 == n) {
            (_, true) if n % 2 == 1 => 500,
            (0, _) => 499,
            _ => 501,
        };
        entry(
            &mut out,
            "Count supervisor",
            Event::BoxCounted(BoxCounted::new(
                format!("B-{i}"),
                CONTEST.to_owned(),
                1,
                papers,
            )),
        );
        if out.len() > 1 << 20 {
            file.write_all(&out).unwrap();
            out.clear();
        }
    }
    entry(
        &mut out,
        ro,
        Event::VerificationCompleted(VerificationCompleted::new(CONTEST.to_owned())),
    );
    file.write_all(&out).unwrap();
    file.flush().unwrap();
    eprintln!("boxes_log: wrote {written} entries ({n} boxes) to {path}");
}
