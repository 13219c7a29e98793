//! The extension module `countroom._countroom`: countroom-ffi's safe
//! surface for Python. Every function returns `(status, bytes)`: status 0
//! and the JSON document, or the C ABI's status number and the problems as
//! a JSON list. The Python layer (`python/countroom`) turns a failure into
//! an exception of the matching class, with `.problems`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use countroom_ffi::api::{self, Error, ErrorKind, Rules};
use countroom_ffi::c::CountroomStatus;
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
}

impl Count {
    fn opened(&self) -> Result<&api::Count, Error> {
        self.inner.as_ref().ok_or_else(not_open)
    }

    fn opened_mut(&mut self) -> Result<&mut api::Count, Error> {
        self.inner.as_mut().ok_or_else(not_open)
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
