//! Count log (JSON Lines) reader, writer, replay and renderers.
//!
//! Asserts, for any bytes:
//! - `log::read` never panics;
//! - a version 2 (hash-chained) log that reads is canonical: writing its
//!   header and entries gives back exactly the bytes read;
//! - any log that reads: `log::write` of it reads back to the same entries,
//!   and writing those again gives the same bytes (the writer is canonical);
//! - `count::replay_log`, `count::report` and the text, JSON and CSV
//!   renderers never panic on the entries read, valid or not;
//! - the one-pass parser of a batch's preferences
//!   (`log::parse_canonical`) never panics on the bytes as text, and what
//!   it accepts is exactly what writing the lines it read gives;
//! - `countroom::report_from_log` (each entry replayed as it is read,
//!   `count::replay_bytes`) gives what reading the whole log, replaying it
//!   (`count::replay_log`) and projecting it give: the same read problems,
//!   the same replay problems, or the same report.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(lines) = countroom::log::parse_canonical(text) {
            assert_eq!(
                serde_json::to_string(&lines).ok().as_deref(),
                Some(text),
                "parse_canonical accepted bytes that are not the canonical form of what it read"
            );
        }
    }
    let streamed = countroom::report_from_log(data);
    let Ok(log) = countroom::log::read(data) else {
        match (streamed, countroom::log::read(data)) {
            (Err(countroom::Error::Read(a)), Err(b)) => {
                assert_eq!(a, b, "report_from_log listed other read problems")
            }
            (other, _) => panic!("report_from_log read a log read refuses: {other:?}"),
        }
        return;
    };
    {
        let (state, problems) = countroom::count::replay_log(&log);
        match streamed {
            Ok(report) => {
                assert!(problems.is_empty(), "report_from_log missed {problems:?}");
                assert_eq!(
                    serde_json::to_string(&report).ok(),
                    serde_json::to_string(&countroom::count::report(&state)).ok(),
                    "report_from_log gave another report"
                );
            }
            Err(countroom::Error::Replay(found)) => assert_eq!(found, problems),
            Err(other) => panic!("report_from_log refused a log that reads: {other}"),
        }
    }

    let bytes = countroom::log::write(&log.header, &log.entries);
    if log.tamper_evident() {
        assert_eq!(
            bytes, data,
            "a version 2 log read but does not re-serialise to the same bytes"
        );
    }
    let again = match countroom::log::read(&bytes) {
        Ok(again) => again,
        Err(errors) => panic!(
            "log::write output does not read back: {errors:?}\nwritten:\n{}",
            String::from_utf8_lossy(&bytes)
        ),
    };
    assert_eq!(
        again.entries.len(),
        log.entries.len(),
        "log::read(log::write(entries)) changed the entries"
    );
    assert_eq!(
        countroom::log::write(&again.header, &again.entries),
        bytes,
        "log::write is not canonical: writing the entries read back gave other bytes"
    );

    let (state, _problems) = countroom::count::replay_log(&log);
    let report = countroom::count::report(&state);
    let _ = countroom::io::render::report_text(&report);
    let _ = countroom::io::render::report_json(&report);
    let _ = countroom::io::render::report_csv(&report);
    // The result formats return an error, never panic, on any report.
    let _ = countroom::io::render::democracy_club_json(&report);
    let _ = countroom::io::render::err_json(&report);
    let _ = countroom::io::render::err_xml(&report);
});
