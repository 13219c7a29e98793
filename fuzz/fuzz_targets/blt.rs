//! BLT reader and writers, and the Scottish count on what they read.
//!
//! Asserts, for any bytes:
//! - `stv::blt::read_with` (64 KiB, 5,000 ballot lines) never panics;
//! - the streaming reader (`read_with`, and `read_from` through a tiny
//!   buffer's worth of bytes per read) gives exactly what the reference
//!   reader `read_lines_with` gives, with identical sequences merged
//!   (`Election::merged`), or the same problems on the same lines;
//! - if it reads, `blt::write` (when the names can be written) reads back to
//!   exactly the same election, and writing that again gives the same bytes;
//! - the preference profile as BLT reads back, to the same valid papers and
//!   one line per distinct sequence; the profile CSV never panics;
//! - counting under the Scottish and the Northern Ireland rules (lots
//!   drawn from a seed) never panics, and every stage balances: Σ totals + non-transferable +
//!   rounding loss = valid papers; the renderers never panic.

#![no_main]

use countroom::stv::blt::{self, BltLimits};
use countroom::io::render::stv as render;
use countroom::stv::{count, LotSource, StvRules, Value};
use libfuzzer_sys::fuzz_target;

const LIMITS: BltLimits = BltLimits {
    max_bytes: 64 * 1024,
    max_ballot_lines: 5_000,
    max_problems: 20,
    max_line_bytes: 64 * 1024,
};

/// A stream giving three bytes per read.
struct Trickle<'a>(&'a [u8]);

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(3).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

fuzz_target!(|data: &[u8]| {
    let reference = blt::read_lines_with(data, &LIMITS)
        .map(|e| e.merged().expect("an election read has its total checked: merging cannot overflow"));
    let streamed = blt::read_with(data, &LIMITS);
    assert_eq!(streamed, reference, "the streaming reader differs from the reference");
    assert_eq!(
        blt::read_from(Trickle(data), &LIMITS),
        reference,
        "the streaming reader differs when the bytes come three at a time"
    );
    let Ok(election) = streamed else {
        return;
    };
    if let Ok(bytes) = blt::write(&election) {
        let again = match blt::read_lines(&bytes) {
            Ok(again) => again,
            Err(e) => panic!(
                "blt::write output does not read back: {e:?}\nwritten:\n{}",
                String::from_utf8_lossy(&bytes)
            ),
        };
        assert_eq!(again, election, "the election changed on the round trip");
        assert_eq!(blt::write(&again).ok(), Some(bytes), "blt::write is not canonical");
    }
    if let Ok(bytes) = blt::write_profile_blt(&election) {
        let profile = blt::read(&bytes).expect("the profile reads back");
        assert_eq!(profile.valid_papers(), election.valid_papers());
        assert_eq!(Some(profile.ballots().len()), blt::profile(&election).map(|p| p.len()).ok());
    }
    let _ = blt::write_profile_csv(&election);

    for rules in [StvRules::Scotland, StvRules::NorthernIreland] {
        check_count(rules, &election);
    }
});

/// Counts under `rules` (lots drawn from a seed): never panics, every
/// stage balances, every seat is filled, and the renderers never panic.
fn check_count(rules: StvRules, election: &countroom::stv::Election) {
    let mut lots = LotSource::none().with_seed("fuzz", "fuzz");
    let Ok(sheet) = count(rules, election, &mut lots) else {
        return;
    };
    if let Some(valid) = Value::whole(sheet.valid_papers, sheet.places) {
        for s in &sheet.stages {
            let sum = s
                .totals
                .iter()
                .try_fold(Value::ZERO, |a, t| a.checked_add(*t))
                .and_then(|t| t.checked_add(s.non_transferable))
                .and_then(|t| t.checked_add(s.rounding_loss));
            assert_eq!(sum, Some(valid), "{rules:?}: stage {} does not balance", s.number);
        }
    }
    assert_eq!(sheet.elected.len(), election.seats(), "{rules:?}: seats left unfilled");
    let _ = render::sheet_json(&sheet);
    let _ = render::sheet_csv(&sheet);
    let _ = render::sheet_text(&sheet);
}
