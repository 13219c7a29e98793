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

/// A whole number of 0 or more, as every CSV input countroom reads writes
/// one: decimal digits, white space around them ignored, thousands
/// separators read as published (`1,234`, quoted `"1,234"` in the file:
/// after the first comma every group exactly three digits); no sign, no
/// decimal point; it must fit in 64 bits. Anything else is
/// [`problem::CsvProblemKind::BadNumber`] with the value as written.
pub(crate) fn whole_number(value: &str) -> Result<u64, problem::CsvProblemKind> {
    let bad = || problem::CsvProblemKind::BadNumber {
        value: value.to_owned(),
    };
    let digits = ungroup_thousands(value.trim()).ok_or_else(bad)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    digits.parse().map_err(|_| bad())
}

#[cfg(test)]
mod tests {
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
