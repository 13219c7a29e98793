//! Many STV contests counted in one run (`countroom stv FILE|DIR...`, issue
//! 20): one JSON Lines line per contest, in the order the files were given,
//! then one summary line.
//!
//! - a contest counted: `{"file": FILE, "sheet": SHEET}`, SHEET the object
//!   [`super::stv::sheet_json`] writes;
//! - a contest that failed: `{"file": FILE, "errors": [PROBLEM, ...]}`;
//! - last: `{"summary": {"contests", "counted", "failed", "papers",
//!   "elected", "failures": [{"file", "errors"}]}}`, `papers` the valid
//!   papers of the contests counted and `elected` the candidates they
//!   elected.

use serde::Serialize;

use countroom_stv::StageSheet;

use super::stv::{sheet_view, SheetJson};

#[derive(Serialize)]
struct Counted<'a> {
    file: &'a str,
    sheet: SheetJson,
}

#[derive(Serialize)]
struct Failed<'a> {
    file: &'a str,
    errors: &'a [crate::Problem],
}

/// What a run of many contests did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Summary {
    /// The published seed of a rehearsal run (`--seed`): every contest of
    /// it is a rehearsal, never a declared result (left out otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rehearsal_seed: Option<String>,
    /// Contests given (files read from the arguments and directories).
    pub contests: usize,
    /// Contests counted to the end.
    pub counted: usize,
    /// Contests that could not be read or counted.
    pub failed: usize,
    /// Valid papers of the contests counted (a sum of `u64`s: `u128` holds
    /// it whatever the number of contests).
    pub papers: u128,
    /// Candidates elected in the contests counted.
    pub elected: usize,
    /// Each contest that failed, in input order, with its problems.
    pub failures: Vec<Failure>,
}

/// A contest that failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The file as given or found in a directory.
    pub file: String,
    /// Its problems, each with its place, in the one problem shape
    /// (`file`, `line`, `entry`, `field`, `code`, `message`).
    pub errors: Vec<crate::Problem>,
}

impl Summary {
    /// Adds a contest counted.
    pub fn counted(&mut self, sheet: &StageSheet) {
        self.contests += 1;
        self.counted += 1;
        self.papers += u128::from(sheet.valid_papers);
        self.elected += sheet.elected.len();
    }

    /// Adds a contest that failed.
    pub fn failed(&mut self, file: &str, errors: &[crate::Problem]) {
        self.contests += 1;
        self.failed += 1;
        self.failures.push(Failure {
            file: file.to_owned(),
            errors: errors.to_vec(),
        });
    }
}

fn line<T: Serialize>(value: &T) -> Vec<u8> {
    // Plain fields only: serializing cannot fail.
    let mut out = serde_json::to_vec(value).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The line of a contest counted: `{"file": …, "sheet": …}` and a newline.
#[must_use]
pub fn counted_line(file: &str, sheet: &StageSheet) -> Vec<u8> {
    line(&Counted {
        file,
        sheet: sheet_view(sheet),
    })
}

/// The line of a contest that failed: `{"file": …, "errors": […]}` and a
/// newline.
#[must_use]
pub fn failed_line(file: &str, errors: &[crate::Problem]) -> Vec<u8> {
    line(&Failed { file, errors })
}

/// The last line: `{"summary": …}` and a newline.
#[must_use]
pub fn summary_line(summary: &Summary) -> Vec<u8> {
    #[derive(Serialize)]
    struct Line<'a> {
        summary: &'a Summary,
    }
    line(&Line { summary })
}

/// The summary alone as a JSON document (pretty, for `--out DIR`).
#[must_use]
pub fn summary_json(summary: &Summary) -> Vec<u8> {
    super::to_json(summary)
}
