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

mod problem;

pub mod accounts;
pub mod bundles;
pub mod papers;
pub mod render;
pub mod results;
pub mod verification;

pub use problem::{CsvProblem, CsvProblemKind};

/// SHA-256 of `bytes` as lower-case hex (used to tie a batch of ballot
/// papers in the log to its file).
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
