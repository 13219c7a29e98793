//! Embedding countroom: replay a count log entry by entry, as count-centre
//! software does live, and print the declaration at the end.
//!
//! Run with `cargo run --example count_a_ward`.

// An example program's job is to print.
#![allow(clippy::print_stdout)]

use countroom::count::{replay, report, Status};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/abbey-ward.jsonl"
    ))?;
    let log = countroom::log::read(&bytes)
        .map_err(|errors| format!("{} problems reading the log", errors.len()))?;

    // Every prefix of the log is a valid state of the count: this is the
    // live progress view.
    let mut last = None;
    for n in 1..=log.entries.len() {
        let (state, problems) = replay(&log.entries[..n]);
        if let Some(problem) = problems.first() {
            return Err(problem.to_string().into());
        }
        for contest in report(&state).contests {
            if last != Some(contest.status) {
                println!(
                    "after entry {n:>2}: {} is {}",
                    contest.contest.area,
                    contest.status.describe()
                );
                last = Some(contest.status);
            }
        }
    }

    let report = countroom::report_from_log(&bytes)?;
    let abbey = &report.contests[0];
    assert_eq!(abbey.status, Status::Declared);
    println!();
    print!(
        "{}",
        String::from_utf8(countroom::io::render::contest_text(abbey))?
    );
    Ok(())
}
