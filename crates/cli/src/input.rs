//! Reading the inputs of a count: the log and any CSV files.

use std::path::Path;

use countroom_count::{replay, replay_log, CountState};
use countroom_io::problem::code_of;
use countroom_io::Problem;
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
    pub(crate) problems: Vec<Problem>,
    /// The log file as read (its header, chain and entries), when the
    /// entries came from one.
    pub(crate) file: Option<log::LogFile>,
    /// Who records the entries made from files (`--by`): the accounts
    /// file's, the counts file's rows with no `counted_by`, and the new
    /// batches and bundles `--as-new-batch` adds; checked by the replay
    /// against the log's appointments like any entry's `by`. Without it,
    /// each is recorded by its file (`accounts file PATH`, `counts file
    /// PATH`, `bundle file PATH`, `countroom count --papers
    /// --as-new-batch`), which a log that appoints its officers refuses
    /// ([`Loaded::unrecorded`]).
    pub(crate) new_by: Option<String>,
    /// The files whose entries were recorded by the file's own name for
    /// want of `--by`, in the order first added.
    pub(crate) by_file: Vec<String>,
}

impl Loaded {
    /// Who records an entry made from `file`: `--by`, else the file's own
    /// name (`default`), noted in [`Loaded::by_file`].
    fn recorder(&mut self, file: &str, default: String) -> String {
        if let Some(by) = &self.new_by {
            return by.clone();
        }
        if !self.by_file.iter().any(|f| f == file) {
            self.by_file.push(file.to_owned());
        }
        default
    }

    /// Entries made from files and recorded by the files' names (no
    /// `--by`) in a log that appoints its officers: every entry must then
    /// be recorded by the `person` of someone appointed (docs/count-log.md,
    /// "Evidence: the chain, appointments and signatures"), so the command
    /// line must say who records them. A usage error (exit 2) naming the
    /// files and the first appointment; `Ok` otherwise.
    fn unrecorded(&self) -> Result<(), Failure> {
        if self.by_file.is_empty() {
            return Ok(());
        }
        let Some(first) = self
            .entries
            .iter()
            .find(|e| matches!(e.event, Event::OfficerAppointed(_)))
        else {
            return Ok(());
        };
        Err(Failure::Usage(format!(
            "{}: this log appoints its officers (from entry {}), so every entry must be recorded by the `person` of someone appointed whose role allows it: give `--by PERSON`, the person recording the entries made from the file{}",
            self.by_file.join(", "),
            first.seq,
            if self.by_file.len() == 1 { "" } else { "s" }
        )))
    }

    fn push(&mut self, by: &str, event: Event, origin: Origin) {
        let seq = self.entries.len() as u64 + 1;
        self.entries.push(Entry::new(seq, by.to_owned(), event));
        self.origins.push(origin);
    }

    /// Replays the entries; every problem is formatted with its origin.
    pub(crate) fn replay(&self) -> (CountState, Vec<Problem>) {
        let (state, problems) = match &self.file {
            Some(file) if file.entries.len() == self.entries.len() => replay_log(file),
            Some(file) => {
                let mut extended = file.clone();
                extended.entries.clone_from(&self.entries);
                let (mut state, problems) = replay_log(&extended);
                // The documents state the log's own entries and chain
                // head, and the entries the files added as added.
                state.note_entries_added(file.entries.len() as u64); // a Vec's length
                (state, problems)
            }
            None => replay(&self.entries),
        };
        let formatted = problems
            .iter()
            .map(|p| {
                // Entries are numbered from 1; a seq with no origin (0,
                // or past the entries read) is shown as it is.
                let origin = p
                    .seq
                    .checked_sub(1)
                    .and_then(|i| usize::try_from(i).ok())
                    .and_then(|i| self.origins.get(i));
                let problem =
                    countroom_io::problem::from_replay(origin.map_or("", |o| o.file.as_str()), p);
                match origin {
                    Some(o) => problem.at_line(o.line),
                    None => problem,
                }
            })
            .collect();
        (state, formatted)
    }
}

/// A CSV reader's problem in `file`, in the one problem shape.
pub(crate) fn csv_problem(file: &str, p: &countroom_io::CsvProblem) -> Problem {
    Problem::from_csv(file, p)
}

pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure::Io(format!("{}: {e}", path.display())))
}

pub(crate) fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Reads and parses a log file for `command`; a file of another kind (a
/// CSV file, a BLT ballot file) is one problem saying what it looks like.
pub(crate) fn read_log(path: &Path, command: &str) -> Result<Loaded, Failure> {
    let bytes = read_file(path)?;
    let file = display(path);
    if let Some(message) = countroom_io::problem::wrong_kind(&bytes, command, true) {
        return Err(Failure::Input(vec![Problem::new(
            &file,
            "wrong_kind_of_file",
            message,
        )]));
    }
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
                new_by: None,
                by_file: Vec::new(),
            })
        }
        Err(errors) => Err(Failure::Input(
            errors
                .iter()
                .map(|e| countroom_io::problem::from_log_read(&file, e))
                .collect(),
        )),
    }
}

/// Reads and replays the log of `args` for `command`, as [`load`] and
/// [`Loaded::replay`] do. With no CSV inputs to add to it, the log is read
/// from the file a line at a time and each entry replayed as it is read
/// ([`countroom_count::replay_reader`]): neither the file nor its entries
/// are held, so memory follows the count's state, not the log's length.
/// The problems are the same, with the same lines.
pub(crate) fn load_and_replay(
    args: &InputArgs,
    command: &str,
) -> Result<(CountState, Vec<Problem>), Failure> {
    no_files_for_area(args)?;
    by_without_file(args)?;
    let only_log = args.papers.is_empty()
        && args.bundles.is_empty()
        && args.accounts.is_empty()
        && args.counts.is_empty();
    if !only_log {
        let loaded = load(args, command)?;
        return Ok(loaded.replay());
    }
    let path = &args.log;
    let file = display(path);
    let io = |e: std::io::Error| Failure::Io(format!("{}: {e}", path.display()));
    let mut input =
        std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path).map_err(io)?);
    // What kind of file it is shows in its first line that is not blank:
    // read up to it (and no further) for the check `read_log` makes on
    // the whole file.
    let mut start = Vec::new();
    loop {
        let from = start.len();
        let n = std::io::BufRead::read_until(&mut input, b'\n', &mut start).map_err(io)?;
        let line = start.get(from..).unwrap_or_default();
        let line = if from == 0 {
            line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line)
        } else {
            line
        };
        if n == 0 || !line.trim_ascii().is_empty() {
            break;
        }
    }
    if let Some(message) = countroom_io::problem::wrong_kind(&start, command, true) {
        return Err(Failure::Input(vec![Problem::new(
            &file,
            "wrong_kind_of_file",
            message,
        )]));
    }
    let replayed = countroom_count::replay_reader(std::io::Read::chain(start.as_slice(), input))
        .map_err(|e| match e {
            countroom_count::StreamError::Io(e) => io(e),
            countroom_count::StreamError::Read(errors) => Failure::Input(
                errors
                    .iter()
                    .map(|e| countroom_io::problem::from_log_read(&file, e))
                    .collect(),
            ),
            // `StreamError` is non-exhaustive.
            other => Failure::Io(format!("{}: {other}", path.display())),
        })?;
    let problems = replayed
        .problems
        .iter()
        .map(|p| {
            let problem = countroom_io::problem::from_replay(&file, p);
            match replayed.lines.get(&p.seq) {
                Some(&line) => problem.at_line(line),
                None => problem,
            }
        })
        .collect();
    Ok((replayed.state, problems))
}

/// The contest CSV files are for: the one named, or the only one.
fn target_contest<'a>(state: &'a CountState, named: Option<&str>) -> Result<&'a Contest, Failure> {
    let contests = state.contests();
    // A list contest's files are read one counting area at a time, with
    // `--area` (`load`'s list route): here, refused naming it.
    let list = match named {
        Some(id) => state.list_contests().iter().find(|l| l.id() == id),
        None if contests.is_empty() => state.list_contests().first(),
        None => None,
    };
    if let Some(l) = list {
        return Err(list_refusal(l.id()));
    }
    match named {
        Some(id) => contests
            .iter()
            .map(|c| c.contest())
            .find(|c| c.id().as_str() == id)
            .ok_or_else(|| no_such_contest(state, id)),
        None => match contests {
            [one] => Ok(one.contest()),
            [] => Err(Failure::Usage(
                "the log defines no contest to count the CSV files into".into(),
            )),
            _ => Err(Failure::Usage(format!(
                "the log defines {} contests: name one with --contest (its contests: {})",
                contests.len(),
                contests
                    .iter()
                    .map(|c| c.contest().id().as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        },
    }
}

/// A list contest's CSV input that is not read: a usage error (exit 2)
/// saying what is read instead.
fn list_refusal(id: &str) -> Failure {
    Failure::Usage(format!(
        "{id} is a list contest: its ballot-paper and bundle files are read for one counting area at a time: name it with `--area AREA` (and the contest with `--contest {id}` where the log has others)"
    ))
}

/// `--contest ID` naming no contest of the log: a usage error (exit 2)
/// listing the contests the log defines.
pub(crate) fn no_such_contest(state: &CountState, id: &str) -> Failure {
    let ids: Vec<&str> = state
        .contests()
        .iter()
        .map(|c| c.contest().id().as_str())
        .chain(state.list_contests().iter().map(|c| c.id()))
        .collect();
    Failure::Usage(format!(
        "--contest {id}: the log defines no such contest (its contests: {})",
        if ids.is_empty() {
            "none".to_owned()
        } else {
            ids.join(", ")
        }
    ))
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

/// `--area` without a `--papers` or `--bundles` file for it: a usage
/// error (exit 2).
fn no_files_for_area(args: &InputArgs) -> Result<(), Failure> {
    if args.area.is_some() && args.papers.is_empty() && args.bundles.is_empty() {
        return Err(Failure::Usage(
            "--area names the counting area whose list papers a --papers or --bundles file holds: give the file".into(),
        ));
    }
    Ok(())
}

/// `--by` where no file gives an entry for it to record: a usage error
/// (exit 2). It records the entries of `--accounts` and `--counts` files,
/// and of `--papers` and `--bundles` files with `--as-new-batch`.
fn by_without_file(args: &InputArgs) -> Result<(), Failure> {
    let used = !args.accounts.is_empty()
        || !args.counts.is_empty()
        || (args.as_new_batch && !(args.papers.is_empty() && args.bundles.is_empty()));
    if args.by.is_some() && !used {
        return Err(Failure::Usage(
            "--by names who records the entries made from --accounts and --counts files, and from --papers and --bundles files with --as-new-batch: give such a file".into(),
        ));
    }
    Ok(())
}

/// Loads the log and adds the CSV inputs named on the command line.
pub(crate) fn load(args: &InputArgs, command: &str) -> Result<Loaded, Failure> {
    no_files_for_area(args)?;
    by_without_file(args)?;
    let mut loaded = read_log(&args.log, command)?;
    loaded.new_by.clone_from(&args.by);
    for path in &args.accounts {
        add_accounts(&mut loaded, path)?;
    }
    for path in &args.counts {
        add_counts(&mut loaded, path)?;
    }
    if !loaded.problems.is_empty() {
        return Err(Failure::Input(loaded.problems));
    }
    // Before the replays below, which would list every such entry.
    loaded.unrecorded()?;
    if args.papers.is_empty() && args.bundles.is_empty() {
        return Ok(loaded);
    }
    if args.batch.is_some() && args.papers.len() > 1 {
        return Err(Failure::Usage(format!(
            "--batch names one batch, but {} --papers files are given",
            args.papers.len()
        )));
    }
    if let Some(id) = list_target(&loaded, args.contest.as_deref())? {
        let Some(area) = args.area.as_deref() else {
            return Err(list_refusal(&id));
        };
        for path in &args.bundles {
            add_list_bundles(&mut loaded, path, &id, area, args.as_new_batch)?;
        }
        for path in &args.papers {
            audit_list_papers(
                &mut loaded,
                path,
                &id,
                area,
                args.batch.as_deref(),
                args.as_new_batch,
            )?;
        }
        return if loaded.problems.is_empty() {
            loaded.unrecorded()?;
            Ok(loaded)
        } else {
            Err(Failure::Input(loaded.problems))
        };
    }
    if args.area.is_some() {
        return Err(Failure::Usage(
            "--area is for a list contest's counting area: name the list contest with --contest"
                .into(),
        ));
    }
    let (contest, run) = target(&loaded, args.contest.as_deref())?;
    for path in &args.bundles {
        add_bundles(&mut loaded, path, &contest, args.as_new_batch)?;
    }
    for path in &args.papers {
        audit_papers(
            &mut loaded,
            path,
            &contest,
            run,
            args.batch.as_deref(),
            args.as_new_batch,
        )?;
    }
    if loaded.problems.is_empty() {
        loaded.unrecorded()?;
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
                let by = loaded.recorder(&file, format!("accounts file {file}"));
                loaded.push(
                    &by,
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
                // Who counted is the entry's `by` (docs/count-log.md,
                // `box_counted`: "put who counted in `by`"); a row that
                // does not say is recorded by `--by`, else by the file.
                let by = if row.counted_by.is_empty() {
                    loaded.recorder(&file, format!("counts file {file}"))
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

/// Adds a bundles file's rows: a row whose run and bundle the log records
/// is compared with that entry (its rejected-paper columns are not, as the
/// log does not tie rejected papers to a bundle) and not added again; any
/// other row is added with `as_new`, and is a problem without it.
fn add_bundles(
    loaded: &mut Loaded,
    path: &Path,
    contest: &Contest,
    as_new: bool,
) -> Result<(), Failure> {
    let bytes = read_file(path)?;
    let file = display(path);
    let rows = match countroom_io::bundles::read(&bytes, contest) {
        Ok(rows) => rows,
        Err(problems) => {
            loaded
                .problems
                .extend(problems.iter().map(|p| csv_problem(&file, p)));
            return Ok(());
        }
    };
    let logged: Vec<log::BundleCounted> = loaded
        .entries
        .iter()
        .filter_map(|e| match &e.event {
            Event::BundleCounted(b) if b.contest == contest.id().as_str() => Some(b.clone()),
            _ => None,
        })
        .collect();
    let events = countroom_io::bundles::to_events(contest, &rows);
    let place = format!("contest {}", contest.id());
    audit_bundles(loaded, &file, events, &logged, &place, as_new);
    Ok(())
}

/// A bundles file's events audited against the bundles the log records
/// (`logged`, of the contest or the list area `place` names): each
/// `bundle_counted` whose run and bundle id the log records is compared
/// with that entry figure by figure (every difference a problem on its
/// line) and added neither it nor the entries from its row; any other
/// row's entries are added with `as_new`, and are a problem without it.
fn audit_bundles(
    loaded: &mut Loaded,
    file: &str,
    events: Vec<(u64, Event)>,
    logged: &[log::BundleCounted],
    place: &str,
    as_new: bool,
) {
    // Whether the row on each line is added (`true`) or was checked.
    let mut adding = None;
    for (line, event) in events {
        if let Event::BundleCounted(row) = &event {
            let recorded = logged
                .iter()
                .find(|b| b.run == row.run && b.bundle == row.bundle);
            adding = Some((line, recorded.is_none() && as_new));
            match recorded {
                Some(recorded) => {
                    for d in countroom_io::audit::compare_bundle(recorded, row) {
                        loaded.problems.push(
                            Problem::new(
                                file,
                                "differs_from_log",
                                format!(
                                    "bundle {} (run {}) differs from the log: {d}",
                                    row.bundle, row.run
                                ),
                            )
                            .at_line(line),
                        );
                    }
                }
                None if !as_new => loaded.problems.push(Problem::new(
                    file,
                    "not_in_log",
                    format!(
                    "bundle {} (run {}) matches no bundle the log records for {place}: use `countroom count --as-new-batch` to count it as a new bundle",
                    row.bundle,
                    row.run,
                )).at_line(line)),
                None => {}
            }
        }
        if adding == Some((line, true)) {
            let by = loaded.recorder(file, format!("bundle file {file}"));
            loaded.push(
                &by,
                event,
                Origin {
                    file: file.to_owned(),
                    line,
                },
            );
        }
    }
}

/// A list area's bundles file (`count`/`check --bundles FILE --area
/// AREA`): read for the list contest `contest`
/// ([`countroom_io::list_bundles`]), each row audited against the area's
/// logged bundle of its run (empty: the area's current run) and the same
/// id, or added with `as_new` as the area's `bundle_counted` and
/// `rejected_counted` ([`audit_bundles`]). An area that is not one of the
/// contest's counting areas is a usage error naming them.
fn add_list_bundles(
    loaded: &mut Loaded,
    path: &Path,
    contest: &str,
    area: &str,
    as_new: bool,
) -> Result<(), Failure> {
    let (state, problems) = loaded.replay();
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let Some(list) = state.list_contests().iter().find(|l| l.id() == contest) else {
        return Err(no_such_contest(&state, contest));
    };
    let areas: Vec<&str> = list
        .collation()
        .plan()
        .areas
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    if !areas.contains(&area) {
        return Err(Failure::Usage(format!(
            "--area {area}: not a counting area of list contest {contest} (its counting areas: {})",
            areas.join(", ")
        )));
    }
    let bytes = read_file(path)?;
    let file = display(path);
    let rows = match countroom_io::list_bundles::read(&bytes, list) {
        Ok(rows) => rows,
        Err(problems) => {
            loaded
                .problems
                .extend(problems.iter().map(|p| csv_problem(&file, p)));
            return Ok(());
        }
    };
    let run = list
        .area_count(area)
        .and_then(countroom_count::AreaCount::current)
        .map_or(1, countroom_count::AreaRun::number);
    let logged: Vec<log::BundleCounted> = loaded
        .entries
        .iter()
        .filter_map(|e| match &e.event {
            Event::BundleCounted(b)
                if b.contest == contest && b.counting_area.as_deref() == Some(area) =>
            {
                Some(b.clone())
            }
            _ => None,
        })
        .collect();
    let events = countroom_io::list_bundles::to_events(list, area, run, &rows);
    let place = format!("contest {contest}, area {area}");
    audit_bundles(loaded, &file, events, &logged, &place, as_new);
    Ok(())
}

/// A ballot-paper file read, adjudicated and counted as a batch entry.
pub(crate) struct PapersFile {
    /// The path as given.
    pub(crate) file: String,
    /// The entry (batch id and run as asked; source the file's name and
    /// SHA-256).
    pub(crate) event: log::PaperBatchCounted,
}

impl PapersFile {
    fn sha256(&self) -> &str {
        self.event.source.as_ref().map_or("", |s| s.sha256.as_str())
    }
    fn name(&self) -> &str {
        self.event.source.as_ref().map_or("", |s| s.name.as_str())
    }
}

/// Reads, adjudicates and counts a papers CSV into a `paper_batch_counted`
/// entry for `run`, with the batch id `batch` or `batch-<N>` (N one more
/// than the contest's batches in the log). Problems in the file are added
/// to `loaded.problems` and give `None`.
pub(crate) fn read_papers(
    loaded: &mut Loaded,
    path: &Path,
    contest: &Contest,
    run: u32,
    batch: Option<&str>,
) -> Result<Option<PapersFile>, Failure> {
    let bytes = read_file(path)?;
    let file = display(path);
    if countroom_io::stv_batch::is_stv(contest) {
        return Ok(read_stv_batch(loaded, path, &bytes, contest, run, batch));
    }
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
    let n_batches = logged_batches(loaded, contest).count();
    let event = countroom_io::papers::batch_event(
        contest,
        run,
        batch.map_or_else(|| format!("batch-{}", n_batches + 1), str::to_owned),
        Some(log::BatchSource::new(name, sha256)),
        &counted,
    );
    Ok(Some(PapersFile { file, event }))
}

/// A single transferable vote batch: a BLT ballot file (by its `.blt`
/// extension) imported, or a ballot-paper CSV of figures adjudicated, into
/// a `paper_batch_counted` entry with preferences.
fn read_stv_batch(
    loaded: &mut Loaded,
    path: &Path,
    bytes: &[u8],
    contest: &Contest,
    run: u32,
    batch: Option<&str>,
) -> Option<PapersFile> {
    let file = display(path);
    let sha256 = countroom_io::sha256_hex(bytes);
    let name = path
        .file_name()
        .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
    let n_batches = logged_batches(loaded, contest).count();
    let id = batch.map_or_else(|| format!("batch-{}", n_batches + 1), str::to_owned);
    let source = Some(log::BatchSource::new(name, sha256));
    let is_blt = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("blt"));
    let read = if is_blt {
        countroom_io::stv_batch::batch_from_blt(bytes, contest, run, id, source)
    } else {
        countroom_io::stv_batch::batch_from_papers(bytes, contest, run, id, source)
    };
    match read {
        Ok(event) => Some(PapersFile { file, event }),
        Err(problems) => {
            loaded
                .problems
                .extend(problems.iter().map(|p| csv_problem(&file, p)));
            None
        }
    }
}

/// The contest's `paper_batch_counted` entries in the log.
fn logged_batches<'a>(
    loaded: &'a Loaded,
    contest: &'a Contest,
) -> impl Iterator<Item = &'a log::PaperBatchCounted> + 'a {
    loaded.entries.iter().filter_map(move |e| match &e.event {
        Event::PaperBatchCounted(b) if b.contest == contest.id().as_str() => Some(b),
        _ => None,
    })
}

/// Compares a re-counted file with the batch the log records, adding a
/// problem for each difference.
fn compare_with_log(loaded: &mut Loaded, pf: &PapersFile, recorded: &log::PaperBatchCounted) {
    for d in countroom_io::audit::compare_batch(recorded, &pf.event) {
        let message = match d {
            countroom_io::audit::Difference::Sha256 { .. } => {
                format!("{d} for batch {} (run {})", recorded.batch, recorded.run)
            }
            _ => format!(
                "re-counting this file does not give the figures the log records for batch {} (run {}): {d}",
                recorded.batch, recorded.run
            ),
        };
        loaded
            .problems
            .push(Problem::new(&pf.file, code_of(&d), message));
    }
}

fn push_batch(loaded: &mut Loaded, by: &str, pf: &PapersFile) {
    loaded.push(
        by,
        log::Event::PaperBatchCounted(pf.event.clone()),
        Origin {
            file: pf.file.clone(),
            line: 1,
        },
    );
}

/// The auditor's replay of a papers file (`count`, `check`, `verify`): the
/// file is re-counted and compared with the batch the log records for it —
/// the batch `batch` names, else the one from a file with the same SHA-256,
/// else with the same name — and is not added again. A file that matches
/// no batch is a problem, unless `as_new`: then it is added as a new batch
/// (with the id `batch`, if given), unless the log already records a file
/// with its SHA-256.
fn audit_papers(
    loaded: &mut Loaded,
    path: &Path,
    contest: &Contest,
    run: u32,
    batch: Option<&str>,
    as_new: bool,
) -> Result<(), Failure> {
    let new_id = if as_new { batch } else { None };
    let Some(pf) = read_papers(loaded, path, contest, run, new_id)? else {
        return Ok(());
    };
    audit_file(loaded, &pf, contest.id().as_str(), None, batch, as_new);
    Ok(())
}

/// A list area's papers file in the auditor's replay (`count` and `check`
/// with `--papers` and `--area`): as [`audit_papers`], among the area's
/// batches.
fn audit_list_papers(
    loaded: &mut Loaded,
    path: &Path,
    contest: &str,
    area: &str,
    batch: Option<&str>,
    as_new: bool,
) -> Result<(), Failure> {
    let new_id = if as_new { batch } else { None };
    let Some(pf) = read_list_papers(loaded, path, contest, area, new_id)? else {
        return Ok(());
    };
    audit_file(loaded, &pf, contest, Some(area), batch, as_new);
    Ok(())
}

/// The batches the log records for `contest` (at a list contest, for its
/// counting area `area`), in log order.
fn batches_of<'a>(
    loaded: &'a Loaded,
    contest: &'a str,
    area: Option<&'a str>,
) -> impl Iterator<Item = &'a log::PaperBatchCounted> + 'a {
    loaded.entries.iter().filter_map(move |e| match &e.event {
        Event::PaperBatchCounted(b)
            if b.contest == contest && b.counting_area.as_deref() == area =>
        {
            Some(b)
        }
        _ => None,
    })
}

/// A re-counted file compared with the batch the log records for it, or
/// added as a new batch (`as_new`).
fn audit_file(
    loaded: &mut Loaded,
    pf: &PapersFile,
    contest: &str,
    area: Option<&str>,
    batch: Option<&str>,
    as_new: bool,
) {
    let by_hash = batches_of(loaded, contest, area)
        .filter(|b| b.source.as_ref().is_some_and(|s| s.sha256 == pf.sha256()))
        .last()
        .cloned();
    if as_new {
        match by_hash {
            Some(recorded) => loaded.problems.push(Problem::new(
                &pf.file,
                "already_in_log",
                format!(
                "the log already records this file (SHA-256 {}) as batch {} (run {}): it cannot be counted again",
                pf.sha256(),
                recorded.batch,
                recorded.run
            ))),
            None => {
                let by =
                    loaded.recorder(&pf.file, "countroom count --papers --as-new-batch".to_owned());
                push_batch(loaded, &by, pf);
            }
        }
        return;
    }
    let recorded = match batch {
        Some(id) => batches_of(loaded, contest, area)
            .filter(|b| b.batch == id)
            .last()
            .cloned(),
        None => by_hash.or_else(|| {
            batches_of(loaded, contest, area)
                .filter(|b| b.source.as_ref().is_some_and(|s| s.name == pf.name()))
                .last()
                .cloned()
        }),
    };
    match recorded {
        Some(recorded) => compare_with_log(loaded, pf, &recorded),
        None => {
            let by = match batch {
                Some(id) => format!("--batch {id}"),
                None => format!("its name {} or its SHA-256 {}", pf.name(), pf.sha256()),
            };
            let place = area.map_or_else(String::new, |a| format!(", area {a}"));
            loaded.problems.push(Problem::new(
                &pf.file,
                "not_in_log",
                format!(
                "matches no batch the log records for contest {contest}{place} (by {by}): use `countroom count --as-new-batch` to count it as a new batch"
            )));
        }
    }
}

/// The list contest `tally-papers` counts a list area's papers file into,
/// if it is one: the one `--contest` names, or the log's only list contest
/// where the log has no other contest.
pub(crate) fn list_target(loaded: &Loaded, named: Option<&str>) -> Result<Option<String>, Failure> {
    let (state, problems) = loaded.replay();
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let lists = state.list_contests();
    Ok(match named {
        Some(id) => lists.iter().find(|l| l.id() == id),
        None if state.contests().is_empty() && lists.len() == 1 => lists.first(),
        None => None,
    }
    .map(|l| l.id().to_owned()))
}

/// Reads, adjudicates under the list ruleset's heads and counts a list
/// area's ballot-paper file into the area's `paper_batch_counted` (with
/// `counting_area`, in the area's current run) and adds it
/// (`tally-papers --area`). The batch id defaults to `batch-<N>`, N one
/// more than the area's batches in the log. If the log already has a
/// batch of the area from a file with the same SHA-256, checks the
/// figures against it instead, and gives `None`.
pub(crate) fn add_list_papers(
    loaded: &mut Loaded,
    path: &Path,
    contest: &str,
    area: &str,
    batch: Option<&str>,
    by: &str,
) -> Result<Option<log::PaperBatchCounted>, Failure> {
    let Some(pf) = read_list_papers(loaded, path, contest, area, batch)? else {
        return Ok(None);
    };
    let recorded = batches_of(loaded, contest, Some(area))
        .find(|b| b.source.as_ref().is_some_and(|s| s.sha256 == pf.sha256()))
        .cloned();
    if let Some(recorded) = recorded {
        compare_with_log(loaded, &pf, &recorded);
        return Ok(None);
    }
    push_batch(loaded, by, &pf);
    Ok(Some(pf.event))
}

/// Reads a list area's ballot-paper file, adjudicated under the list
/// ruleset's heads, into the area's `paper_batch_counted` in its current
/// run, with the batch id `batch` or `batch-<N>` (N one more than the
/// area's batches in the log); `None` after adding its problems.
fn read_list_papers(
    loaded: &mut Loaded,
    path: &Path,
    contest: &str,
    area: &str,
    batch: Option<&str>,
) -> Result<Option<PapersFile>, Failure> {
    let (state, problems) = loaded.replay();
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let Some(list) = state.list_contests().iter().find(|l| l.id() == contest) else {
        return Err(no_such_contest(&state, contest));
    };
    let bytes = read_file(path)?;
    let file = display(path);
    let counted = match countroom_io::papers::read_and_count_list(&bytes, list) {
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
    let run = list
        .area_count(area)
        .and_then(countroom_count::AreaCount::current)
        .map_or(1, countroom_count::AreaRun::number);
    let in_area = batches_of(loaded, contest, Some(area)).count();
    let event = countroom_count::papers::list_batch_event(
        list,
        Some(area),
        run,
        batch.map_or_else(|| format!("batch-{}", in_area + 1), str::to_owned),
        Some(log::BatchSource::new(name, sha256)),
        &counted,
    );
    Ok(Some(PapersFile { file, event }))
}

/// Reads, adjudicates and counts a papers CSV into a `paper_batch_counted`
/// entry and adds it (`tally-papers`). If the log already has a batch from
/// a file with the same SHA-256, checks the figures against it instead of
/// adding it again, and gives `None`.
pub(crate) fn add_papers(
    loaded: &mut Loaded,
    path: &Path,
    contest: &Contest,
    run: u32,
    batch: Option<&str>,
    by: &str,
) -> Result<Option<log::PaperBatchCounted>, Failure> {
    let Some(pf) = read_papers(loaded, path, contest, run, batch)? else {
        return Ok(None);
    };
    let recorded = logged_batches(loaded, contest)
        .find(|b| b.source.as_ref().is_some_and(|s| s.sha256 == pf.sha256()))
        .cloned();
    if let Some(recorded) = recorded {
        // The file was counted before: re-count it and compare the figures.
        compare_with_log(loaded, &pf, &recorded);
        return Ok(None);
    }
    push_batch(loaded, by, &pf);
    Ok(Some(pf.event))
}
