//! Reading the inputs of a count: the log and any CSV files.

use std::path::Path;

use countroom_count::{replay, replay_log, CountState};
use countroom_log as log;
use countroom_log::{Entry, Event};
use countroom_model::Contest;

use crate::args::InputArgs;
use crate::Failure;

/// Where an entry came from: a file and line.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    pub(crate) file: String,
    pub(crate) line: u64,
}

/// The entries of a count, each with where it came from.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub(crate) entries: Vec<Entry>,
    pub(crate) origins: Vec<Origin>,
    pub(crate) problems: Vec<String>,
    /// The log file as read (its header, chain and entries), when the
    /// entries came from one.
    pub(crate) file: Option<log::LogFile>,
}

impl Loaded {
    fn push(&mut self, by: &str, event: Event, origin: Origin) {
        let seq = self.entries.len() as u64 + 1;
        self.entries.push(Entry {
            seq,
            prev: None,
            by: by.to_owned(),
            at: None,
            reason: None,
            event,
        });
        self.origins.push(origin);
    }

    /// Replays the entries; every problem is formatted with its origin.
    pub(crate) fn replay(&self) -> (CountState, Vec<String>) {
        let (state, problems) = match &self.file {
            Some(file) if file.entries.len() == self.entries.len() => replay_log(file),
            Some(file) => {
                let mut extended = file.clone();
                extended.entries.clone_from(&self.entries);
                replay_log(&extended)
            }
            None => replay(&self.entries),
        };
        let formatted = problems
            .iter()
            .map(|p| {
                let idx = usize::try_from(p.seq.saturating_sub(1)).unwrap_or(usize::MAX);
                match self.origins.get(idx) {
                    Some(o) => format!("{}:{}: {p}", o.file, o.line),
                    None => p.to_string(),
                }
            })
            .collect();
        (state, formatted)
    }
}

/// `file:line: field `name`: message`, the shape of every located problem.
pub(crate) fn csv_problem(file: &str, p: &countroom_io::CsvProblem) -> String {
    match &p.field {
        Some(field) => format!("{file}:{}: field `{field}`: {}", p.line, p.kind),
        None => format!("{file}:{}: {}", p.line, p.kind),
    }
}

pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure::Io(format!("{}: {e}", path.display())))
}

pub(crate) fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Reads and parses a log file.
pub(crate) fn read_log(path: &Path) -> Result<Loaded, Failure> {
    let bytes = read_file(path)?;
    let file = display(path);
    match log::read(&bytes) {
        Ok(parsed) => {
            let origins = parsed
                .lines
                .iter()
                .map(|&line| Origin {
                    file: file.clone(),
                    line,
                })
                .collect();
            Ok(Loaded {
                entries: parsed.entries.clone(),
                origins,
                problems: Vec::new(),
                file: Some(parsed),
            })
        }
        Err(errors) => Err(Failure::Input(
            errors
                .iter()
                .map(|e| format!("{file}:{}: {}", e.line, e.kind))
                .collect(),
        )),
    }
}

/// The contest CSV files are for: the one named, or the only one.
fn target_contest<'a>(state: &'a CountState, named: Option<&str>) -> Result<&'a Contest, Failure> {
    let contests = state.contests();
    match named {
        Some(id) => contests
            .iter()
            .map(|c| c.contest())
            .find(|c| c.id().as_str() == id)
            .ok_or_else(|| {
                Failure::Usage(format!("--contest {id}: the log defines no such contest"))
            }),
        None => match contests {
            [one] => Ok(one.contest()),
            [] => Err(Failure::Usage(
                "the log defines no contest to count the CSV files into".into(),
            )),
            _ => Err(Failure::Usage(format!(
                "the log defines {} contests: name one with --contest",
                contests.len()
            ))),
        },
    }
}

/// Replays `loaded` (which must be valid) and finds the contest CSV inputs
/// go into and its current run.
pub(crate) fn target(loaded: &Loaded, named: Option<&str>) -> Result<(Contest, u32), Failure> {
    let (state, problems) = loaded.replay();
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let contest = target_contest(&state, named)?.clone();
    let run = state
        .contest(contest.id())
        .and_then(|c| c.current_run())
        .map_or(1, countroom_count::Run::number);
    Ok((contest, run))
}

/// Loads the log and adds the CSV inputs named on the command line.
pub(crate) fn load(args: &InputArgs) -> Result<Loaded, Failure> {
    let mut loaded = read_log(&args.log)?;
    for path in &args.accounts {
        add_accounts(&mut loaded, path)?;
    }
    for path in &args.counts {
        add_counts(&mut loaded, path)?;
    }
    if !loaded.problems.is_empty() {
        return Err(Failure::Input(loaded.problems));
    }
    if args.papers.is_empty() && args.bundles.is_empty() {
        return Ok(loaded);
    }
    let (contest, run) = target(&loaded, args.contest.as_deref())?;
    for path in &args.bundles {
        add_bundles(&mut loaded, path, &contest)?;
    }
    for path in &args.papers {
        add_papers(
            &mut loaded,
            path,
            &contest,
            run,
            None,
            "countroom count --papers",
        )?;
    }
    if loaded.problems.is_empty() {
        Ok(loaded)
    } else {
        Err(Failure::Input(loaded.problems))
    }
}

fn add_accounts(loaded: &mut Loaded, path: &Path) -> Result<(), Failure> {
    let bytes = read_file(path)?;
    let file = display(path);
    match countroom_io::verification::read_accounts(&bytes) {
        Ok(rows) => {
            let defined: Vec<String> = loaded
                .entries
                .iter()
                .filter_map(|e| match &e.event {
                    Event::BallotBoxDefined(b) => Some(b.ballot_box.clone()),
                    _ => None,
                })
                .collect();
            for (line, event) in countroom_io::verification::accounts_to_events(&rows, &defined) {
                loaded.push(
                    &format!("accounts file {file}"),
                    event,
                    Origin {
                        file: file.clone(),
                        line,
                    },
                );
            }
        }
        Err(problems) => loaded
            .problems
            .extend(problems.iter().map(|p| csv_problem(&file, p))),
    }
    Ok(())
}

fn add_counts(loaded: &mut Loaded, path: &Path) -> Result<(), Failure> {
    let bytes = read_file(path)?;
    let file = display(path);
    match countroom_io::verification::read_counts(&bytes) {
        Ok(rows) => {
            for row in &rows {
                let by = if row.counted_by.is_empty() {
                    format!("counts file {file}")
                } else {
                    row.counted_by.clone()
                };
                loaded.push(
                    &by,
                    countroom_io::verification::count_event(row),
                    Origin {
                        file: file.clone(),
                        line: row.line,
                    },
                );
            }
        }
        Err(problems) => loaded
            .problems
            .extend(problems.iter().map(|p| csv_problem(&file, p))),
    }
    Ok(())
}

fn add_bundles(loaded: &mut Loaded, path: &Path, contest: &Contest) -> Result<(), Failure> {
    let bytes = read_file(path)?;
    let file = display(path);
    match countroom_io::bundles::read(&bytes, contest) {
        Ok(rows) => {
            for (line, event) in countroom_io::bundles::to_events(contest, &rows) {
                loaded.push(
                    &format!("bundle file {file}"),
                    event,
                    Origin {
                        file: file.clone(),
                        line,
                    },
                );
            }
        }
        Err(problems) => loaded
            .problems
            .extend(problems.iter().map(|p| csv_problem(&file, p))),
    }
    Ok(())
}

/// Reads, adjudicates and counts a papers CSV into a `paper_batch_counted`
/// event. If the log already has a batch from a file with the same SHA-256,
/// checks the figures against it instead of adding it again.
pub(crate) fn add_papers(
    loaded: &mut Loaded,
    path: &Path,
    contest: &Contest,
    run: u32,
    batch: Option<&str>,
    by: &str,
) -> Result<Option<log::PaperBatchCounted>, Failure> {
    let bytes = read_file(path)?;
    let file = display(path);
    let counted = match countroom_io::papers::read_and_count(&bytes, contest) {
        Ok(c) => c,
        Err(problems) => {
            loaded
                .problems
                .extend(problems.iter().map(|p| csv_problem(&file, p)));
            return Ok(None);
        }
    };
    let sha256 = countroom_io::sha256_hex(&bytes);
    let name = path
        .file_name()
        .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
    let n_batches = loaded
        .entries
        .iter()
        .filter(|e| matches!(&e.event, Event::PaperBatchCounted(b) if b.contest == contest.id().as_str()))
        .count();
    let mut event = countroom_io::papers::batch_event(
        contest,
        run,
        batch.map_or_else(|| format!("batch-{}", n_batches + 1), str::to_owned),
        Some(log::BatchSource {
            name,
            sha256: sha256.clone(),
        }),
        &counted,
    );
    let recorded = loaded.entries.iter().find_map(|e| match &e.event {
        Event::PaperBatchCounted(b)
            if b.contest == contest.id().as_str()
                && b.source.as_ref().is_some_and(|s| s.sha256 == sha256) =>
        {
            Some(b.clone())
        }
        _ => None,
    });
    if let Some(recorded) = recorded {
        // An auditor's replay: the file was counted before. Re-count it and
        // compare the figures (not the batch id, run or file name).
        event.batch.clone_from(&recorded.batch);
        event.run = recorded.run;
        event.source.clone_from(&recorded.source);
        if recorded.saved.is_empty() {
            // A batch logged without the papers valid under the saving
            // clause (as every log was before they were recorded): those
            // figures are not compared.
            event.saved.clear();
        }
        if event != recorded {
            loaded.problems.push(format!(
                "{file}: re-counting this file does not give the figures the log records for batch {} (run {}): the log has {} valid papers and votes {:?}{}, the file gives {} valid papers and votes {:?}{}",
                recorded.batch,
                recorded.run,
                recorded.valid_papers,
                recorded.votes.iter().map(|v| v.votes).collect::<Vec<_>>(),
                saved_words(&recorded.saved),
                event.valid_papers,
                event.votes.iter().map(|v| v.votes).collect::<Vec<_>>(),
                saved_words(&event.saved),
            ));
        }
        return Ok(None);
    }
    loaded.push(
        by,
        log::Event::PaperBatchCounted(event.clone()),
        Origin { file, line: 1 },
    );
    Ok(Some(event))
}

/// `"; saved tick 2, outside_box 1"`, or nothing when no paper was saved.
fn saved_words(saved: &[log::SavedPapers]) -> String {
    if saved.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = saved
        .iter()
        .map(|s| format!("{} {}", s.reason, s.papers))
        .collect();
    format!("; valid under the saving clause {}", parts.join(", "))
}
