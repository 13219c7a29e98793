//! The published results and contests CSV readers of `countroom results`,
//! the checks and the report writers.
//!
//! The input is split at its first NUL byte: a results CSV, then a contests
//! CSV. Asserts, for any bytes:
//! - `io::published::read_results` and `read_contests` never panic, and
//!   every problem they list has a stable code;
//! - if both read, `collate::published::check_results` never panics, its
//!   party totals add up to the contests' votes, and the text, JSON and CSV
//!   writers never panic and never fail;
//! - `io::published::implied_log` never panics, and a log it writes reads
//!   back and replays without panicking.

#![no_main]

use countroom::collate::published::check_results;
use countroom::io::published::{
    implied_log, read_contests, read_results, report_csv, report_json, report_text, ColumnMap,
    LogOptions,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (results, contests) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let map = ColumnMap::default();
    let mut read = match read_results("r.csv", results, &map) {
        Ok(read) => read,
        Err(problems) => {
            assert!(!problems.is_empty());
            assert!(problems.iter().all(|p| !p.code.is_empty()));
            return;
        }
    };
    if let Some(contests) = contests {
        if read_contests("c.csv", contests, &map, None, &mut read).is_err() {
            return;
        }
    }
    let report = check_results(&read, None);
    let by_party: u128 = report.parties.iter().map(|p| u128::from(p.votes)).sum();
    if report.problems.iter().all(|p| p.code != "overflow") {
        assert_eq!(by_party, u128::from(report.votes));
    }
    let _ = report_text(&report, "0");
    assert!(report_json(&report, "0").is_ok());
    assert!(report_csv(&report).is_ok());
    let options = LogOptions::new("e", "E", "2029-05-03", "fuzz");
    if let Ok(bytes) = implied_log(&read, &options) {
        if let Ok(log) = countroom::log::read(&bytes) {
            let _ = countroom::count::replay_log(&log);
        }
    }
});
