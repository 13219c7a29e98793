//! The published stage-sheet readers of `countroom stv check-sheet` (the
//! Scottish report as text, which also reads countroom's own text sheet;
//! the same report as CSV; the CSV `countroom stv --format csv` writes) and
//! the check under both families of rules.
//!
//! Asserts, for any bytes:
//! - `stv::check::read::scottish_text`, `scottish_csv` and `tool_csv`
//!   never panic, and a sheet they cannot read is an error naming the
//!   file;
//! - `stv::check::check` never panics on a sheet they read, under the
//!   Scottish and the NI rules, and every finding has a kind and a rule.

#![no_main]

use countroom::stv::check::{check, read};
use countroom::stv::StvRules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let sheets = [
        ("s.txt", read::scottish_text("s.txt", data)),
        ("s.csv", read::scottish_csv("s.csv", data)),
        ("t.csv", read::tool_csv("t.csv", data, 3)),
    ];
    for (name, sheet) in sheets {
        match sheet {
            Ok(sheet) => {
                for rules in [StvRules::Scotland, StvRules::NorthernIreland] {
                    for f in check(&sheet, rules) {
                        assert!(!f.kind.is_empty());
                        assert!(!f.rule.is_empty());
                    }
                }
            }
            Err(e) => {
                assert_eq!(e.file, name);
                assert!(!e.message.is_empty());
            }
        }
    }
});
