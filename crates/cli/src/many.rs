//! Many inputs in one run (issue 20): the inputs given (files, and the
//! files of a kind in the directories given, in name order), worked on in
//! parallel, and their outcomes taken in input order, so the output is the
//! same whatever the number of jobs.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::input::display;
use crate::Failure;

/// The files given: each argument that is not a directory as it is, and
/// for a directory, its files ending in `.{extension}` (any case), sorted
/// by name. No file at all is a usage error.
pub(crate) fn files(args: &[PathBuf], extension: &str) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for arg in args {
        if !arg.is_dir() {
            out.push(arg.clone());
            continue;
        }
        let io = |e: std::io::Error| Failure::Io(format!("{}: {e}", display(arg)));
        let mut found = Vec::new();
        for entry in std::fs::read_dir(arg).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case(extension))
                && !path.is_dir()
            {
                found.push(path);
            }
        }
        found.sort_by(|x, y| x.file_name().cmp(&y.file_name()));
        out.extend(found);
    }
    if out.is_empty() {
        return Err(Failure::Usage(format!(
            "no .{extension} files in {}",
            args.iter()
                .map(|p| display(p))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(out)
}

/// The number of jobs: `asked`, else the cores available; at least 1 and
/// at most one per input.
pub(crate) fn jobs(asked: Option<u16>, inputs: usize) -> usize {
    match asked {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
    }
    .clamp(1, inputs.max(1))
}

/// Runs `work` on every input with `jobs` threads, and gives each outcome
/// to `take` with its index, in input order, as soon as all those before
/// it are in.
pub(crate) fn in_order<T: Send>(
    inputs: &[PathBuf],
    jobs: usize,
    work: impl Fn(&Path) -> T + Sync,
    mut take: impl FnMut(usize, T),
) {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, T)>();
        for _ in 0..jobs.max(1) {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = inputs.get(i) else { break };
                if tx.send((i, work(path))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        for (i, outcome) in rx {
            waiting.insert(i, outcome);
            while let Some(outcome) = waiting.remove(&due) {
                take(due, outcome);
                due += 1;
            }
        }
    });
}

/// A failure as a run's output gives it: each problem in the one problem
/// shape (at most 1,000, then a count), an input or output error as one
/// problem of `file` coded `io_error`, a command line one as `usage`.
pub(crate) fn problems(file: &str, failure: Failure) -> Vec<countroom_io::Problem> {
    match failure {
        Failure::Input(p) => countroom_io::problem::capped(p),
        Failure::Io(m) => vec![countroom_io::Problem::new(file, "io_error", m)],
        Failure::Usage(m) => vec![countroom_io::Problem::new(file, "usage", m)],
        Failure::Found => Vec::new(),
    }
}
