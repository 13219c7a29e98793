//! countroom's file formats, other than the count log itself (which is in
//! `countroom-log`): the ballot-paper and bundle CSV files, and the
//! documents rendered as text, JSON and CSV.
//!
//! Readers take bytes and return values or every problem found, each with
//! its line and field; they never touch the file system (the CLI does) and
//! never panic on input. Writers return bytes.
//!
//! ```
//! use countroom_io::papers;
//! # let log = countroom_log::read(include_bytes!("../../../examples/data/westbury.jsonl")).unwrap();
//! # let (state, _) = countroom_count::replay(&log.entries);
//! # let contest = state.contests()[0].contest();
//! let csv = b"paper,official_mark,identifying_mark,WB-ALLEN,WB-BAKER,WB-COLE\n\
//!             1,Y,N,X,,\n\
//!             2,Y,N,,,X\n";
//! let batch = papers::read(csv, contest).unwrap();
//! assert_eq!(batch.papers.len(), 2);
//! assert_eq!(papers::write(contest, &batch.papers), csv.to_vec());
//! ```

pub mod accounts;
pub mod audit;
pub mod bundles;
pub mod list;
pub mod list_bundles;
pub mod papers;
pub mod problem;
pub mod published;
pub mod render;
pub mod results;
pub mod stv;
pub mod stv_batch;
pub mod verification;

pub use problem::{CsvProblem, CsvProblemKind, Problem};

/// SHA-256 of `bytes` as lower-case hex (used to tie a batch of ballot
/// papers in the log to its file).
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    countroom_log::Sha256Digest::of(bytes).to_hex()
}

/// SHA-256 of `bytes` as sixteen groups of four lower-case hex digits
/// separated by single spaces, to be read aloud at the count (`countroom
/// digest`).
///
/// ```
/// assert_eq!(
///     countroom_io::sha256_groups(b"abc"),
///     "ba78 16bf 8f01 cfea 4141 40de 5dae 2223 b003 61a3 9617 7a9c b410 ff61 f200 15ad"
/// );
/// ```
#[must_use]
pub fn sha256_groups(bytes: &[u8]) -> String {
    countroom_log::Sha256Digest::of(bytes).to_groups()
}

/// `value` with its thousands separators taken out, when it has any: the
/// digits before the first comma one to three long and every group after
/// it exactly three (`59,390` → `59390`; `5,93,90` → `None`). A value
/// without a comma comes back as it is. Whether what is left is digits is
/// the caller's check, since each reports it in its own problem.
pub(crate) fn ungroup_thousands(value: &str) -> Option<String> {
    if !value.contains(',') {
        return Some(value.to_owned());
    }
    let mut groups = value.split(',');
    let first = groups.next().unwrap_or_default();
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    let mut out = first.to_owned();
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        out.push_str(g);
    }
    Some(out)
}

/// Why a value is not a whole number of 0 or more: each reader says it in
/// its own problem kind ([`whole`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotWhole {
    /// Nothing but white space.
    Empty,
    /// A minus sign before digits (`-5`).
    Negative,
    /// Digits with a fraction (`12.5`, `100.0`).
    Fraction,
    /// Digits too many for 64 bits (more than 18,446,744,073,709,551,615).
    TooLarge,
    /// Anything else: a letter, a sign other than a leading minus, a
    /// thousands grouping not in threes (`5,93,90`).
    Malformed,
}

/// A whole number of 0 or more, as every CSV input countroom reads writes
/// one: decimal digits, white space around them ignored, thousands
/// separators read as published (`1,234`, quoted `"1,234"` in the file:
/// after the first comma every group exactly three digits); no sign, no
/// decimal point; it must fit in 64 bits. The one parser of the readers
/// (ballot paper accounts, verification counts, bundles, results, published
/// results, list votes), each naming what is wrong in its own words.
pub(crate) fn whole(value: &str) -> Result<u64, NotWhole> {
    let v = value.trim();
    if v.is_empty() {
        return Err(NotWhole::Empty);
    }
    let grouped = |t: &str| {
        ungroup_thousands(t).filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
    };
    if let Some(rest) = v.strip_prefix('-') {
        return Err(if grouped(rest).is_some() {
            NotWhole::Negative
        } else {
            NotWhole::Malformed
        });
    }
    if let Some((int, frac)) = v.split_once('.') {
        let fraction = !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit());
        return Err(if grouped(int).is_some() && fraction {
            NotWhole::Fraction
        } else {
            NotWhole::Malformed
        });
    }
    let digits = grouped(v).ok_or(NotWhole::Malformed)?;
    // Only digits are left, so a failure is the 64-bit limit.
    digits.parse().map_err(|_| NotWhole::TooLarge)
}

/// [`whole`] as the CSV readers' problem: a number above 64 bits is
/// [`problem::CsvProblemKind::NumberTooLarge`], anything else not a whole
/// number of 0 or more (an empty value included)
/// [`problem::CsvProblemKind::BadNumber`], with the value as written.
pub(crate) fn whole_number(value: &str) -> Result<u64, problem::CsvProblemKind> {
    whole(value).map_err(|e| match e {
        NotWhole::TooLarge => problem::CsvProblemKind::NumberTooLarge {
            value: value.to_owned(),
        },
        _ => problem::CsvProblemKind::BadNumber {
            value: value.to_owned(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::{whole, NotWhole};

    /// Hand-listed: what each reader is given, and what it is.
    #[test]
    fn whole_numbers_and_why_not() {
        for (text, n) in [
            ("0", 0),
            (" 42 ", 42),
            ("1,234", 1_234),
            ("59,390", 59_390),
            ("1,234,567", 1_234_567),
            ("18446744073709551615", u64::MAX),
            ("18,446,744,073,709,551,615", u64::MAX),
        ] {
            assert_eq!(whole(text), Ok(n), "{text:?}");
        }
        for (text, why) in [
            ("", NotWhole::Empty),
            ("   ", NotWhole::Empty),
            ("-5", NotWhole::Negative),
            ("-1,000", NotWhole::Negative),
            ("12.5", NotWhole::Fraction),
            ("100.0", NotWhole::Fraction),
            ("1,000.5", NotWhole::Fraction),
            ("18446744073709551616", NotWhole::TooLarge),
            ("99,999,999,999,999,999,999", NotWhole::TooLarge),
            ("+5", NotWhole::Malformed),
            ("--5", NotWhole::Malformed),
            ("12.", NotWhole::Malformed),
            (".5", NotWhole::Malformed),
            ("1.2.3", NotWhole::Malformed),
            ("5,93,90", NotWhole::Malformed),
            ("1,2", NotWhole::Malformed),
            (",123", NotWhole::Malformed),
            ("1 234", NotWhole::Malformed),
            ("x", NotWhole::Malformed),
            ("-", NotWhole::Malformed),
            ("\u{0661}", NotWhole::Malformed),
        ] {
            assert_eq!(whole(text), Err(why), "{text:?}");
        }
    }

    /// FIPS 180-2 appendix B.1: SHA-256("abc") =
    /// ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad.
    #[test]
    fn sha256_of_abc_in_groups_of_four() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let groups = super::sha256_groups(b"abc");
        assert_eq!(
            groups,
            "ba78 16bf 8f01 cfea 4141 40de 5dae 2223 b003 61a3 9617 7a9c b410 ff61 f200 15ad"
        );
        assert_eq!(groups.split(' ').count(), 16);
        assert_eq!(groups.len(), 16 * 4 + 15);
    }
}
