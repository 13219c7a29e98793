//! The extension module `countroom._countroom`: countroom-ffi's safe
//! surface for Python. Every function returns `(status, bytes)`: status 0
//! and the JSON document, or the C ABI's status number and the problems as
//! a JSON list. The Python layer (`python/countroom`) turns a failure into
//! an exception of the matching class, with `.problems`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use countroom_ffi::api::{self, Error, ErrorKind, Rules};
use countroom_ffi::c::CountroomStatus;
use countroom_ffi::typed;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// A status and its bytes, for Python.
type Outcome<'py> = (u32, Bound<'py, PyBytes>);

/// Runs `body`, catching any panic (status `internal`), and gives Python
/// its status and bytes.
fn outcome<'py>(py: Python<'py>, body: impl FnOnce() -> Result<Vec<u8>, Error>) -> Outcome<'py> {
    let result = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| {
        Err(Error::one(
            ErrorKind::Internal,
            "",
            "internal",
            "countroom failed inside (a panic was caught at the Python boundary): please report it",
        ))
    });
    let (status, bytes) = match result {
        Ok(bytes) => (CountroomStatus::Ok, bytes),
        Err(e) => (CountroomStatus::from(e.kind), e.problems_json()),
    };
    (status as u32, PyBytes::new(py, &bytes))
}

/// Replays a count log: the report of every contest as JSON.
#[pyfunction]
fn replay<'py>(py: Python<'py>, log: &[u8]) -> Outcome<'py> {
    outcome(py, || api::replay(log))
}

/// Counts a BLT ballot file's bytes by STV: the stage sheet as JSON.
#[pyfunction]
fn stv_count<'py>(py: Python<'py>, blt: &[u8], rules: &str) -> Outcome<'py> {
    outcome(py, || api::stv_count(blt, Rules::from_name(rules)?))
}

/// Counts the BLT ballot file at `path` by STV: the stage sheet as JSON.
#[pyfunction]
fn stv_count_file<'py>(py: Python<'py>, path: PathBuf, rules: &str) -> Outcome<'py> {
    outcome(py, || api::stv_count_file(&path, Rules::from_name(rules)?))
}

/// Checks published results (`countroom results --format json`): the
/// report as JSON. Each file is its bytes and its name (as problems and
/// the report give it).
#[pyfunction]
#[pyo3(signature = (results, results_name, contests=None, contests_name="<contests>", previous=None, previous_name="<previous>", columns=None, date=None, published=false))]
#[allow(clippy::too_many_arguments)]
fn results<'py>(
    py: Python<'py>,
    results: &[u8],
    results_name: &str,
    contests: Option<&[u8]>,
    contests_name: &str,
    previous: Option<&[u8]>,
    previous_name: &str,
    columns: Option<&str>,
    date: Option<&str>,
    published: bool,
) -> Outcome<'py> {
    outcome(py, || {
        let file = |name, bytes| api::CsvFile { name, bytes };
        let mut options = api::ResultsOptions::new().published(published);
        if let Some(bytes) = contests {
            options = options.contests(file(contests_name, bytes));
        }
        if let Some(bytes) = previous {
            options = options.previous(file(previous_name, bytes));
        }
        if let Some(spec) = columns {
            options = options.columns(spec);
        }
        if let Some(d) = date {
            options = options.date(d);
        }
        api::results(file(results_name, results), &options)
    })
}

/// The count log the published results imply (`countroom results --log
/// OUT --date DATE --election ELECTION`): the log's bytes.
#[pyfunction]
#[pyo3(signature = (results, results_name, date, contests=None, contests_name="<contests>", previous=None, previous_name="<previous>", columns=None, published=false, election="published"))]
#[allow(clippy::too_many_arguments)]
fn results_log<'py>(
    py: Python<'py>,
    results: &[u8],
    results_name: &str,
    date: &str,
    contests: Option<&[u8]>,
    contests_name: &str,
    previous: Option<&[u8]>,
    previous_name: &str,
    columns: Option<&str>,
    published: bool,
    election: &str,
) -> Outcome<'py> {
    outcome(py, || {
        let file = |name, bytes| api::CsvFile { name, bytes };
        let mut options = api::ResultsOptions::new().published(published).date(date);
        if let Some(bytes) = contests {
            options = options.contests(file(contests_name, bytes));
        }
        if let Some(bytes) = previous {
            options = options.previous(file(previous_name, bytes));
        }
        if let Some(spec) = columns {
            options = options.columns(spec);
        }
        api::results_log(file(results_name, results), &options, election)
    })
}

/// A count opened from the bytes of its log.
#[pyclass(module = "countroom._countroom")]
struct Count {
    inner: Option<api::Count>,
}

#[pymethods]
impl Count {
    /// An unopened count: call `open`.
    #[new]
    fn new() -> Self {
        Count { inner: None }
    }

    /// Opens the count from `log`: `(0, b"[]\n")`, or the problems.
    fn open<'py>(&mut self, py: Python<'py>, log: &[u8]) -> Outcome<'py> {
        outcome(py, || {
            self.inner = Some(api::Count::open(log)?);
            Ok(b"[]\n".to_vec())
        })
    }

    /// Appends `entry` (JSON bytes): the lines appended, or the problems.
    fn append<'py>(&mut self, py: Python<'py>, entry: &[u8]) -> Outcome<'py> {
        outcome(py, || self.opened_mut()?.append(entry))
    }

    /// The documents (of `contest` alone when given) as JSON.
    #[pyo3(signature = (contest=None))]
    fn documents<'py>(&self, py: Python<'py>, contest: Option<&str>) -> Outcome<'py> {
        outcome(py, || self.opened()?.documents(contest))
    }

    /// The whole log as it stands.
    fn log<'py>(&self, py: Python<'py>) -> Outcome<'py> {
        outcome(py, || Ok(self.opened()?.log().to_vec()))
    }

    /// A bundle counted by hand: the line appended, or the problems.
    #[pyo3(signature = (by, contest, bundle, votes, papers=None, table=None, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn bundle<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        bundle: &str,
        votes: Vec<(String, u64)>,
        papers: Option<u64>,
        table: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let votes = pairs(&votes);
        self.typed(py, by, at, reason, || {
            typed::bundle_at_table(contest, bundle, &votes, papers, table)
        })
    }

    /// Papers rejected under a head (its code).
    #[pyo3(signature = (by, contest, head, papers, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn rejected<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        head: &str,
        papers: u64,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::rejected(contest, head, papers)
        })
    }

    /// A batch of papers held in memory, each its crosses' candidate
    /// positions.
    #[pyo3(signature = (by, contest, batch, papers, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn batch<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        batch: &str,
        papers: Vec<Vec<usize>>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || typed::batch(contest, batch, &papers))
    }

    /// The count of the current run completed.
    #[pyo3(signature = (by, contest, at=None, reason=None))]
    fn complete<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || typed::complete(contest))
    }

    /// A re-count requested (on behalf of a candidate, or none).
    #[pyo3(signature = (by, contest, candidate=None, at=None, reason=None))]
    fn request_recount<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        candidate: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::request_recount(contest, candidate)
        })
    }

    /// A request for a re-count decided.
    #[pyo3(signature = (by, contest, granted, at=None, reason=None))]
    fn decide_recount<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        granted: bool,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::decide_recount(contest, granted)
        })
    }

    /// A lot drawn at the count, as described.
    #[pyo3(signature = (by, contest, purpose, tied, winners, description, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn lot<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        purpose: &str,
        tied: Vec<String>,
        winners: Vec<String>,
        description: &str,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let tied: Vec<&str> = tied.iter().map(String::as_str).collect();
        let winners: Vec<&str> = winners.iter().map(String::as_str).collect();
        self.typed(py, by, at, reason, || {
            typed::lot(contest, purpose, &tied, &winners, description)
        })
    }

    /// The result of the current run declared.
    #[pyo3(signature = (by, contest, at=None, reason=None))]
    fn declare<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || typed::declare(contest))
    }

    /// A counting area's local total reported.
    #[pyo3(signature = (by, contest, counting_area, papers_forward, votes, rejected, explanation=None, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn local_total<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        counting_area: &str,
        papers_forward: u64,
        votes: Vec<(String, u64)>,
        rejected: Vec<(String, u64)>,
        explanation: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let votes = pairs(&votes);
        let rejected = pairs(&rejected);
        self.typed(py, by, at, reason, || {
            typed::local_total(
                contest,
                counting_area,
                papers_forward,
                &votes,
                &rejected,
                explanation,
            )
        })
    }

    /// A counting area's local total authorised.
    #[pyo3(signature = (by, contest, counting_area, at=None, reason=None))]
    fn authorise<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        counting_area: &str,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::authorise(contest, counting_area)
        })
    }
}

/// (text, figure) pairs borrowed.
fn pairs(v: &[(String, u64)]) -> Vec<(&str, u64)> {
    v.iter().map(|(s, n)| (s.as_str(), *n)).collect()
}

impl Count {
    fn opened(&self) -> Result<&api::Count, Error> {
        self.inner.as_ref().ok_or_else(not_open)
    }

    fn opened_mut(&mut self) -> Result<&mut api::Count, Error> {
        self.inner.as_mut().ok_or_else(not_open)
    }

    /// A typed command built by `command` and applied, recorded by `by`
    /// at `at` for `reason`.
    fn typed<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        at: Option<&str>,
        reason: Option<&str>,
        command: impl FnOnce() -> Result<countroom_ffi::typed::Command, Error>,
    ) -> Outcome<'py> {
        outcome(py, || {
            let count = self.opened_mut()?;
            let command = command()?;
            let mut note = typed::Note::by(by);
            if let Some(at) = at {
                note = note.at(at);
            }
            if let Some(reason) = reason {
                note = note.reason(reason);
            }
            count.apply(&note, command)
        })
    }
}

fn not_open() -> Error {
    Error::one(
        ErrorKind::InvalidArgument,
        "",
        "not_open",
        "the count was not opened",
    )
}

/// The extension module.
#[pymodule]
fn _countroom(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(replay, m)?)?;
    m.add_function(wrap_pyfunction!(stv_count, m)?)?;
    m.add_function(wrap_pyfunction!(stv_count_file, m)?)?;
    m.add_function(wrap_pyfunction!(results, m)?)?;
    m.add_function(wrap_pyfunction!(results_log, m)?)?;
    m.add_class::<Count>()?;
    m.add("__version__", countroom_ffi::api::VERSION)?;
    Ok(())
}
