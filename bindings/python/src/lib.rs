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

/// The public key of a checkpoint signing key (`api::public_key`), as
/// bytes of hex.
#[pyfunction]
fn public_key<'py>(py: Python<'py>, secret: &str) -> Outcome<'py> {
    outcome(py, || api::public_key(secret))
}

/// The bytes of a new count log: its header and the `election_defined`
/// entry (`api::new_log`).
#[pyfunction]
#[pyo3(signature = (by, election, name, poll_date, at=None, reason=None))]
fn new_log<'py>(
    py: Python<'py>,
    by: &str,
    election: &str,
    name: &str,
    poll_date: &str,
    at: Option<&str>,
    reason: Option<&str>,
) -> Outcome<'py> {
    outcome(py, || {
        let mut note = typed::Note::by(by);
        if let Some(at) = at {
            note = note.at(at);
        }
        if let Some(reason) = reason {
            note = note.reason(reason);
        }
        api::new_log(&note, election, name, poll_date)
    })
}

/// A count opened from the bytes of its log.
#[pyclass(module = "countroom._countroom")]
struct Count {
    inner: Option<api::Count>,
}

/// A party on a list ballot from Python: its id, its name, and its list
/// (each person's name, whether they withdrew, and whether they died).
type PartyTuple = (String, String, Vec<(String, bool, bool)>);

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

    /// Opens the count from `log` without a last line cut short by a
    /// crash (when that is its only problem): `(0, b'{"torn_tail": …}')`,
    /// or the problems.
    fn open_truncating_torn_tail<'py>(&mut self, py: Python<'py>, log: &[u8]) -> Outcome<'py> {
        outcome(py, || {
            let (count, torn) = api::Count::open_truncating_torn_tail(log)?;
            self.inner = Some(count);
            api::TornTail::report_json(torn.as_ref())
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

    /// The documents in a format (`api::Count::documents_in`).
    #[pyo3(signature = (format, contest=None))]
    fn documents_in<'py>(
        &self,
        py: Python<'py>,
        format: &str,
        contest: Option<&str>,
    ) -> Outcome<'py> {
        outcome(py, || self.opened()?.documents_in(format, contest))
    }

    /// Where the count stands (`api::Count::progress_json`).
    fn progress<'py>(&self, py: Python<'py>) -> Outcome<'py> {
        outcome(py, || self.opened()?.progress_json())
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
    /// positions; `counting_area`: a list contest's counting area (the
    /// positions those of its parties, then its individual candidates).
    #[pyo3(signature = (by, contest, batch, papers, at=None, reason=None, counting_area=None))]
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
        counting_area: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::in_area(typed::batch(contest, batch, &papers), counting_area)
        })
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

    /// A list contest defined: parties as (id, name, [(name, withdrawn,
    /// died)]), individuals as (id, name), constituency links as
    /// (constituency, candidate, party).
    #[pyo3(signature = (by, election, id, area, office, country, seats, parties, individuals, counting_areas, constituencies, constituency_parties, title=None, ruleset=None, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn define_list_contest<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        election: &str,
        id: &str,
        area: &str,
        office: &str,
        country: &str,
        seats: u32,
        parties: Vec<PartyTuple>,
        individuals: Vec<(String, String)>,
        counting_areas: Vec<String>,
        constituencies: Vec<String>,
        constituency_parties: Vec<(String, String, String)>,
        title: Option<&str>,
        ruleset: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let mut c = typed::ListContestValues::new(election, id, area, office, country, seats);
        c.title = title;
        c.ruleset = ruleset;
        c.parties = parties
            .iter()
            .map(|(pid, name, list)| {
                typed::PartyValues::with_list(
                    pid,
                    name,
                    list.iter().map(|(n, w, d)| (n.as_str(), *w, *d)).collect(),
                )
            })
            .collect();
        c.individuals = individuals
            .iter()
            .map(|(i, n)| (i.as_str(), n.as_str()))
            .collect();
        c.counting_areas = strs(&counting_areas);
        c.constituencies = strs(&constituencies);
        c.constituency_parties = constituency_parties
            .iter()
            .map(|(k, cand, p)| (k.as_str(), cand.as_str(), p.as_str()))
            .collect();
        self.typed(py, by, at, reason, || typed::define_list_contest(&c))
    }

    /// A contest defined after the count has begun: seats as (kind,
    /// term_ends), candidates as (id, name, description).
    #[pyo3(signature = (by, election, id, area, office, country, electorate, seats, candidates, counting_areas, title=None, authority=None, ruleset=None, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn define_contest<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        election: &str,
        id: &str,
        area: &str,
        office: &str,
        country: &str,
        electorate: u64,
        seats: Vec<(String, Option<String>)>,
        candidates: Vec<(String, String, Option<String>)>,
        counting_areas: Vec<String>,
        title: Option<&str>,
        authority: Option<&str>,
        ruleset: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let mut c = typed::ContestValues::new(election, id, area, office, country, electorate);
        c.title = title;
        c.authority = authority;
        c.ruleset = ruleset;
        c.seats = seats
            .iter()
            .map(|(k, t)| (k.as_str(), t.as_deref()))
            .collect();
        c.candidates = candidates
            .iter()
            .map(|(i, n, d)| (i.as_str(), n.as_str(), d.as_deref()))
            .collect();
        c.counting_areas = strs(&counting_areas);
        self.typed(py, by, at, reason, || typed::define_contest(&c))
    }

    /// A bundle of a list area's papers.
    #[pyo3(signature = (by, contest, counting_area, bundle, votes, table=None, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn area_bundle<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        counting_area: &str,
        bundle: &str,
        votes: Vec<(String, u64)>,
        table: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let votes = pairs(&votes);
        self.typed(py, by, at, reason, || {
            typed::area_bundle(contest, counting_area, bundle, &votes, table)
        })
    }

    /// A list area's papers rejected under a head.
    #[pyo3(signature = (by, contest, counting_area, head, papers, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn area_rejected<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        counting_area: &str,
        head: &str,
        papers: u64,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::area_rejected(contest, counting_area, head, papers)
        })
    }

    /// A batch of a list area's papers counted by figures.
    #[pyo3(signature = (by, contest, counting_area, batch, valid_papers, votes, rejected, file=None, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn area_batch<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        counting_area: &str,
        batch: &str,
        valid_papers: u64,
        votes: Vec<(String, u64)>,
        rejected: Vec<(String, u64)>,
        file: Option<(String, String)>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let votes = pairs(&votes);
        let rejected = pairs(&rejected);
        let file = file.as_ref().map(|(n, s)| (n.as_str(), s.as_str()));
        self.typed(py, by, at, reason, || {
            typed::area_batch(
                contest,
                counting_area,
                batch,
                valid_papers,
                &votes,
                &rejected,
                file,
            )
        })
    }

    /// The count of a list area's current run completed.
    #[pyo3(signature = (by, contest, counting_area, at=None, reason=None))]
    fn complete_area<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        counting_area: &str,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::complete_area(contest, counting_area)
        })
    }

    /// A re-count of a list area requested.
    #[pyo3(signature = (by, contest, counting_area, option=None, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn request_area_recount<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        counting_area: &str,
        option: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::request_area_recount(contest, counting_area, option)
        })
    }

    /// A request for a re-count of a list area decided.
    #[pyo3(signature = (by, contest, counting_area, granted, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn decide_area_recount<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        counting_area: &str,
        granted: bool,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::decide_area_recount(contest, counting_area, granted)
        })
    }

    /// A constituency's return reported.
    #[pyo3(signature = (by, contest, constituency, member, party=None, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn constituency_return<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        constituency: &str,
        member: &str,
        party: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::constituency_return(contest, constituency, member, party)
        })
    }

    /// A lot at a seat of a list allocation.
    #[pyo3(signature = (by, contest, round, tied, winner, draw, seeded=false, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn list_lot<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        round: u32,
        tied: Vec<String>,
        winner: &str,
        draw: &str,
        seeded: bool,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let tied = strs(&tied);
        self.typed(py, by, at, reason, || {
            typed::list_lot(contest, round, &tied, winner, draw, seeded)
        })
    }

    /// The list allocation's recalculation asked for.
    #[pyo3(signature = (by, contest, party=None, at=None, reason=None))]
    fn request_recalculation<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        party: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::request_recalculation(contest, party)
        })
    }

    /// The list allocation recalculated.
    #[pyo3(signature = (by, contest, at=None, reason=None))]
    fn recalculate<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || typed::recalculate(contest))
    }

    /// A later vacancy in a list seat.
    #[pyo3(signature = (by, contest, vacating, declined, filled_by=None, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn list_vacancy<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        vacating: &str,
        declined: Vec<String>,
        filled_by: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let declined = strs(&declined);
        self.typed(py, by, at, reason, || {
            typed::list_vacancy(contest, vacating, &declined, filled_by)
        })
    }

    /// A ballot box received, with its seals.
    #[pyo3(signature = (by, ballot_box, seals, at=None, reason=None))]
    fn receive_box<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        ballot_box: &str,
        seals: Vec<String>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let seals = strs(&seals);
        self.typed(py, by, at, reason, || {
            typed::receive_box(ballot_box, &seals)
        })
    }

    /// A ballot paper account: (issued, unused, spoilt, cancelled,
    /// tendered) and the serial ranges entrusted.
    #[pyo3(signature = (by, ballot_box, contest, figures, entrusted, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn account<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        ballot_box: &str,
        contest: &str,
        figures: (u64, u64, u64, u64, u64),
        entrusted: Vec<(String, String)>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let entrusted: Vec<(&str, &str)> = entrusted
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let (issued, unused, spoilt, cancelled, tendered) = figures;
        let figures = typed::AccountFigures::new(issued, unused, spoilt, cancelled, tendered);
        self.typed(py, by, at, reason, || {
            typed::account(ballot_box, contest, figures, &entrusted)
        })
    }

    /// A box's papers counted at verification (one attempt).
    #[pyo3(signature = (by, ballot_box, contest, attempt, papers, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn count_box<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        ballot_box: &str,
        contest: &str,
        attempt: u32,
        papers: u64,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::count_box(ballot_box, contest, attempt, papers)
        })
    }

    /// Verification of a poll completed.
    #[pyo3(signature = (by, contest, at=None, reason=None))]
    fn complete_verification<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || typed::complete_verification(contest))
    }

    /// The papers verified for a poll, as one figure.
    #[pyo3(signature = (by, contest, papers, at=None, reason=None))]
    fn verify_papers<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        papers: u64,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || typed::verify_papers(contest, papers))
    }

    /// Papers moved to the account they belong to.
    #[pyo3(signature = (by, from_box, from_contest, to_box, to_contest, papers, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn move_papers<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        from_box: &str,
        from_contest: &str,
        to_box: &str,
        to_contest: &str,
        papers: u64,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::move_papers(from_box, from_contest, to_box, to_contest, papers)
        })
    }

    /// A postal opening session: papers placed by box, statements
    /// rejected by reason code.
    #[pyo3(signature = (by, opening, contest, boxes, rejected, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn postal_opening<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        opening: &str,
        contest: &str,
        boxes: Vec<(String, u64)>,
        rejected: Vec<(String, u64)>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let boxes = pairs(&boxes);
        let rejected = pairs(&rejected);
        self.typed(py, by, at, reason, || {
            typed::postal_opening(opening, contest, &boxes, &rejected)
        })
    }

    /// A box's tendered votes list: its entries.
    #[pyo3(signature = (by, ballot_box, contest, entries, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn tendered_votes<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        ballot_box: &str,
        contest: &str,
        entries: u64,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::tendered_votes(ballot_box, contest, entries)
        })
    }

    /// Doubtful papers set aside: (reference, why).
    #[pyo3(signature = (by, contest, papers, at=None, reason=None, counting_area=None))]
    #[allow(clippy::too_many_arguments)]
    fn set_aside<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        papers: Vec<(String, Option<String>)>,
        at: Option<&str>,
        reason: Option<&str>,
        counting_area: Option<&str>,
    ) -> Outcome<'py> {
        let papers: Vec<(&str, Option<&str>)> = papers
            .iter()
            .map(|(p, why)| (p.as_str(), why.as_deref()))
            .collect();
        self.typed(py, by, at, reason, || {
            typed::in_area(typed::set_aside(contest, &papers), counting_area)
        })
    }

    /// A doubtful paper decided.
    #[pyo3(signature = (by, contest, paper, decision, votes, head=None, rejection_objected=false, at=None, reason=None, counting_area=None))]
    #[allow(clippy::too_many_arguments)]
    fn decide_doubtful<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        paper: &str,
        decision: &str,
        votes: Vec<String>,
        head: Option<&str>,
        rejection_objected: bool,
        at: Option<&str>,
        reason: Option<&str>,
        counting_area: Option<&str>,
    ) -> Outcome<'py> {
        let votes = strs(&votes);
        self.typed(py, by, at, reason, || {
            typed::in_area(
                {
                    typed::decide_doubtful(
                        contest,
                        paper,
                        decision,
                        &votes,
                        head,
                        rejection_objected,
                    )
                },
                counting_area,
            )
        })
    }

    /// An objection to the rejection of a doubtful paper, or of papers
    /// under a head (in the run or a batch).
    #[pyo3(signature = (by, contest, paper=None, head=None, papers=None, batch=None, candidate=None, at=None, reason=None, counting_area=None))]
    #[allow(clippy::too_many_arguments)]
    fn object<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        paper: Option<&str>,
        head: Option<&str>,
        papers: Option<u64>,
        batch: Option<&str>,
        candidate: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
        counting_area: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::in_area(match (paper, head, papers) {
            (Some(p), None, None) if batch.is_none() => {
                typed::object_to_paper(contest, p, candidate)
            }
            (None, Some(h), Some(n)) => typed::object_to_head(contest, h, n, batch, candidate),
            _ => Err(Error::one(
                ErrorKind::InvalidArgument,
                "<command>",
                "bad_objection",
                "an objection is to a paper (paper), or to papers under a head (head and papers, and batch if in one)",
            )),
        }
            , counting_area)
        })
    }

    /// An explanation (of a box's variance, or of the current run).
    #[pyo3(signature = (by, contest, text, ballot_box=None, at=None, reason=None, counting_area=None))]
    #[allow(clippy::too_many_arguments)]
    fn explain<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        text: &str,
        ballot_box: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
        counting_area: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::in_area(typed::explain(contest, ballot_box, text), counting_area)
        })
    }

    /// A re-count ordered in one counting area.
    #[pyo3(signature = (by, contest, counting_area, at=None, reason=None))]
    fn order_area_recount<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        counting_area: &str,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::order_area_recount(contest, counting_area)
        })
    }

    /// Papers counted under the saving clause, by reason code.
    #[pyo3(signature = (by, contest, saving, papers, at=None, reason=None, counting_area=None))]
    #[allow(clippy::too_many_arguments)]
    fn saved<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        saving: &str,
        papers: u64,
        at: Option<&str>,
        reason: Option<&str>,
        counting_area: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::in_area(typed::saved(contest, saving, papers), counting_area)
        })
    }

    /// Papers rejected in part.
    #[pyo3(signature = (by, contest, papers, at=None, reason=None))]
    fn rejected_in_part<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        papers: u64,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::rejected_in_part(contest, papers)
        })
    }

    /// A batch of papers with any marks: each (reference, official mark,
    /// identifying mark, [(candidate, mark)]); `preferences`: an STV batch.
    #[pyo3(signature = (by, contest, batch, papers, preferences, file=None, at=None, reason=None, counting_area=None))]
    #[allow(clippy::too_many_arguments)]
    fn marked_batch<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        batch: &str,
        papers: Vec<Paper>,
        preferences: bool,
        file: Option<(String, String)>,
        at: Option<&str>,
        reason: Option<&str>,
        counting_area: Option<&str>,
    ) -> Outcome<'py> {
        let papers: Vec<typed::PaperValues<'_>> = papers.iter().map(paper_values).collect();
        let file = file.as_ref().map(|(n, s)| (n.as_str(), s.as_str()));
        self.typed(py, by, at, reason, || {
            let command = if preferences {
                typed::preference_batch(contest, batch, &papers, file)
            } else {
                typed::marked_batch(contest, batch, &papers, file)
            };
            typed::in_area(command, counting_area)
        })
    }

    /// A bundle of the supplementary vote's second count.
    #[pyo3(signature = (by, contest, bundle, votes, unmarked=0, for_eliminated=0, void=0, table=None, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn second_preferences<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        bundle: &str,
        votes: Vec<(String, u64)>,
        unmarked: u64,
        for_eliminated: u64,
        void: u64,
        table: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let votes = pairs(&votes);
        let not_counted = typed::NotCounted::new(unmarked, for_eliminated, void);
        self.typed(py, by, at, reason, || {
            typed::second_preferences(contest, bundle, &votes, not_counted, table)
        })
    }

    /// The second count of the current run completed.
    #[pyo3(signature = (by, contest, at=None, reason=None))]
    fn complete_second_count<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || typed::complete_second_count(contest))
    }

    /// The second count directed: the candidates remaining.
    #[pyo3(signature = (by, contest, remaining, at=None, reason=None))]
    fn direct_second_count<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        remaining: Vec<String>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let remaining = strs(&remaining);
        self.typed(py, by, at, reason, || {
            typed::direct_second_count(contest, &remaining)
        })
    }

    /// A counting area's second count reported.
    #[pyo3(signature = (by, contest, counting_area, votes, rejected, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn local_second_count<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        contest: &str,
        counting_area: &str,
        votes: Vec<(String, u64)>,
        rejected: u64,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let votes = pairs(&votes);
        self.typed(py, by, at, reason, || {
            typed::local_second_count(contest, counting_area, &votes, rejected)
        })
    }

    /// Something defined after the count has begun: `kind` one of
    /// counting_area, region, polling_place, polling_station, ballot_box.
    #[pyo3(signature = (by, kind, id, name=None, region=None, electorate=None, counting_area=None, polling_place=None, polling_station=None, contests=None, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn define<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        kind: &str,
        id: &str,
        name: Option<&str>,
        region: Option<&str>,
        electorate: Option<u64>,
        counting_area: Option<&str>,
        polling_place: Option<&str>,
        polling_station: Option<&str>,
        contests: Option<Vec<String>>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let contests = contests.as_deref().map(strs).unwrap_or_default();
        let name = name.unwrap_or("");
        self.typed(py, by, at, reason, || match kind {
            "counting_area" => typed::define_counting_area(id, name, region, electorate),
            "region" => typed::define_region(id, name),
            "polling_place" => typed::define_polling_place(id, name, counting_area),
            "polling_station" => {
                typed::define_polling_station(id, polling_place.unwrap_or(""), name)
            }
            "ballot_box" => typed::define_ballot_box(id, polling_station, &contests),
            _ => Err(Error::one(
                ErrorKind::InvalidArgument,
                "<command>",
                "unknown_code",
                "a definition is of a counting_area, region, polling_place, polling_station or ballot_box",
            )),
        })
    }

    /// An officer appointed.
    #[pyo3(signature = (by, person, name, role, functions, contests, counting_area=None, public_key=None, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn appoint<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        person: &str,
        name: &str,
        role: &str,
        functions: Vec<String>,
        contests: Vec<String>,
        counting_area: Option<&str>,
        public_key: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        let functions = strs(&functions);
        let contests = strs(&contests);
        self.typed(py, by, at, reason, || {
            let mut scope = typed::AppointmentScope::all()
                .functions(&functions)
                .contests(&contests);
            if let Some(area) = counting_area {
                scope = scope.counting_area(area);
            }
            if let Some(key) = public_key {
                scope = scope.public_key(key);
            }
            typed::appoint(person, name, role, scope)
        })
    }

    /// A candidate, an agent or an observer appointed.
    #[pyo3(signature = (by, person, name, role, contest=None, candidate=None, public_key=None, at=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn appoint_agent<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        person: &str,
        name: &str,
        role: &str,
        contest: Option<&str>,
        candidate: Option<&str>,
        public_key: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> Outcome<'py> {
        self.typed(py, by, at, reason, || {
            typed::appoint_agent(person, name, role, contest, candidate, public_key)
        })
    }

    /// A checkpoint signed over the log with `key` (the secret's hex) and
    /// appended: the line `countroom sign` appends.
    #[pyo3(signature = (by, key, at=None))]
    fn sign_checkpoint<'py>(
        &mut self,
        py: Python<'py>,
        by: &str,
        key: &str,
        at: Option<&str>,
    ) -> Outcome<'py> {
        outcome(py, || {
            let count = self.opened_mut()?;
            let mut note = typed::Note::by(by);
            if let Some(at) = at {
                note = note.at(at);
            }
            count.sign_checkpoint(&note, key)
        })
    }
}

/// A paper from Python: (reference, official mark, identifying mark,
/// [(candidate, mark)]).
type Paper = (Option<String>, bool, bool, Vec<(usize, String)>);

fn paper_values(p: &Paper) -> typed::PaperValues<'_> {
    let (reference, official, identifying, marks) = p;
    let mut v = typed::PaperValues::marked(marks.iter().map(|(c, m)| (*c, m.as_str())).collect())
        .flags(*official, *identifying);
    if let Some(r) = reference {
        v = v.reference(r);
    }
    v
}

/// Strings borrowed.
fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
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
            let mut note = typed::Note::by(by);
            if let Some(at) = at {
                note = note.at(at);
            }
            if let Some(reason) = reason {
                note = note.reason(reason);
            }
            count.apply_built(&note, command())
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
    m.add_function(wrap_pyfunction!(new_log, m)?)?;
    m.add_function(wrap_pyfunction!(public_key, m)?)?;
    m.add_class::<Count>()?;
    m.add("__version__", countroom_ffi::api::VERSION)?;
    Ok(())
}
