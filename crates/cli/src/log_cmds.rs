//! The commands that write the count log: `append` and `upgrade` (and the
//! append that `tally-papers` does). The checking is the library's
//! (`countroom_count::append`, `countroom_count::upgrade_log`); this module
//! reads and writes the files.

use countroom_io::problem::code_of;
use countroom_io::Problem;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use clap::Args;
use countroom_count::{AppendError, AppendProblem, UpgradeLogError};
use countroom_log::NewEntry;

use crate::input::{display, read_file};
use crate::Failure;

#[derive(Debug, Args)]
pub(crate) struct AppendArgs {
    /// The count log to extend.
    pub(crate) log: PathBuf,
    /// The entries to append: one JSON object `{"by":…,"at":…,"reason":…,"event":{…}}`
    /// without `seq` or `prev`, or several, one a line (`-`: standard input).
    #[arg(value_name = "ENTRY.json")]
    pub(crate) entries: PathBuf,
    /// Who records the entries (replaces any `by` they give).
    #[arg(long, value_name = "WHO")]
    pub(crate) by: Option<String>,
    /// When (free text, typically RFC 3339; replaces any `at` they give).
    #[arg(long, value_name = "TIME")]
    pub(crate) at: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct UpgradeArgs {
    /// The version 1 count log.
    pub(crate) log: PathBuf,
    /// Who upgrades it (recorded in the `log_upgraded` entry).
    #[arg(long, value_name = "WHO")]
    pub(crate) by: String,
    /// When (free text, recorded in the `log_upgraded` entry).
    #[arg(long, value_name = "TIME")]
    pub(crate) at: Option<String>,
    /// Write the version 2 log to this file instead of replacing LOG.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

/// `countroom append`.
pub(crate) fn append(args: &AppendArgs) -> Result<(), Failure> {
    let (name, bytes) = if args.entries.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Io(format!("standard input: {e}")))?;
        ("standard input".to_owned(), bytes)
    } else {
        (display(&args.entries), read_file(&args.entries)?)
    };
    let read = countroom_log::read_new_entries(&bytes).map_err(|errors| {
        Failure::Input(
            errors
                .iter()
                .map(|e| countroom_io::problem::from_log_read(&name, e))
                .collect(),
        )
    })?;
    let entries: Vec<NewEntry> = read
        .entries
        .into_iter()
        .map(|mut e| {
            if let Some(by) = &args.by {
                e.by = Some(by.clone());
            }
            if let Some(at) = &args.at {
                e.at = Some(at.clone());
            }
            e
        })
        .collect();
    append_entries(&args.log, &entries, &|index| {
        (name.clone(), read.lines.get(index).copied())
    })
}

/// Lists the problems already in the log on standard error, as warnings,
/// in the one problem style (`warning: LOG: entry N: EVENT: already in
/// the log: …`).
fn warn_existing(log_name: &str, existing: &[countroom_count::LogProblem]) {
    for p in existing {
        let mut problem = countroom_io::problem::from_replay(log_name, p);
        problem.message = format!("already in the log: {}", problem.message);
        eprintln!("warning: {problem}");
    }
}

/// Appends `entries` to the log at `path` through the library's checks and
/// replaces the file atomically; `place(i)` names where new entry `i` came
/// from, for problems. Says on stderr what was appended and the new chain
/// head.
pub(crate) fn append_entries(
    path: &Path,
    entries: &[NewEntry],
    place: &dyn Fn(usize) -> (String, Option<u64>),
) -> Result<(), Failure> {
    let log_name = display(path);
    let bytes = read_file(path)?;
    let appended = match countroom_count::append(&bytes, entries) {
        Ok(a) => a,
        Err(AppendError::Log(errors)) => {
            return Err(Failure::Input(
                errors
                    .iter()
                    .map(|e| countroom_io::problem::from_log_read(&log_name, e))
                    .collect(),
            ))
        }
        Err(AppendError::Refused { problems, existing }) => {
            let out: Vec<Problem> = problems
                .iter()
                .map(|p| {
                    let (code, what) = match &p.problem {
                        AppendProblem::Replay(r) => {
                            let replayed = countroom_io::problem::from_replay("", r);
                            (replayed.code, replayed.message)
                        }
                        other => (
                            code_of(other),
                            format!("{}: {other}", event_kind(entries, p.index)),
                        ),
                    };
                    let (file, line) = place(p.index);
                    let problem = Problem::new(file, code, what).at_entry(p.seq);
                    match line {
                        Some(line) => problem.at_line(line),
                        None => problem,
                    }
                })
                .collect();
            // Problems already in the log are warnings whether or not the
            // append goes ahead (README, `append`; docs/count-log.md): they
            // are not the new entries' problems, nor counted with them.
            warn_existing(&log_name, &existing);
            return Err(Failure::Input(out));
        }
        Err(e) => return Err(Failure::one(&log_name, &code_of(&e), e.to_string())),
    };
    warn_existing(&log_name, &appended.existing_problems);
    replace_file(path, &bytes, &appended.bytes)?;
    let first = appended.entries.first().map_or(0, |e| e.seq);
    let last = appended.entries.last().map_or(0, |e| e.seq);
    let range = if first == last {
        format!("entry {first}")
    } else {
        format!("entries {first}-{last}")
    };
    if appended.chained {
        eprintln!(
            "countroom: appended {range} to {log_name}; chain head {}",
            appended.head.to_groups()
        );
    } else {
        eprintln!(
            "countroom: appended {range} to {log_name} (a version 1 log, not tamper-evident: `countroom upgrade` chains it)"
        );
    }
    Ok(())
}

fn event_kind(entries: &[NewEntry], index: usize) -> &'static str {
    entries.get(index).map_or("?", |e| e.event.kind())
}

/// `countroom upgrade`.
pub(crate) fn upgrade(args: &UpgradeArgs) -> Result<(), Failure> {
    let log_name = display(&args.log);
    let bytes = read_file(&args.log)?;
    let upgraded = countroom_count::upgrade_log(&bytes, &args.by, args.at.as_deref()).map_err(
        |e| match e {
            UpgradeLogError::Log(errors) => Failure::Input(
                errors
                    .iter()
                    .map(|e| countroom_io::problem::from_log_read(&log_name, e))
                    .collect(),
            ),
            other => Failure::one(&log_name, &code_of(&other), other.to_string()),
        },
    )?;
    let target = args.out.as_deref().unwrap_or(&args.log);
    if args.out.is_some() {
        write_new(target, &upgraded.bytes, &args.log)?;
    } else {
        replace_file(target, &bytes, &upgraded.bytes)?;
    }
    eprintln!(
        "countroom: {} upgraded to version 2 ({} entries chained, then the log_upgraded entry) in {}; chain head {}",
        log_name,
        upgraded.entries,
        display(target),
        upgraded.head.to_groups()
    );
    Ok(())
}

/// Replaces the file at `path`, which held `old`, with `new`: a temporary
/// file beside it with the same permissions, renamed over it. Refuses if
/// the file changed since it was read (another writer).
pub(crate) fn replace_file(path: &Path, old: &[u8], new: &[u8]) -> Result<(), Failure> {
    let io = |e: std::io::Error| Failure::Io(format!("{}: {e}", path.display()));
    let permissions = std::fs::metadata(path).map_err(io)?.permissions();
    let mut tmp = temp_beside(path)?;
    tmp.write_all(new).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.as_file().set_permissions(permissions).map_err(io)?;
    if read_file(path)? != old {
        return Err(Failure::Io(format!(
            "{}: the file changed while countroom was writing it (another writer?): nothing was written; try again",
            path.display()
        )));
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Writes `bytes` to `path` atomically, with the permissions of `like`.
fn write_new(path: &Path, bytes: &[u8], like: &Path) -> Result<(), Failure> {
    let io = |e: std::io::Error| Failure::Io(format!("{}: {e}", path.display()));
    let permissions = std::fs::metadata(like)
        .map_err(|e| Failure::Io(format!("{}: {e}", like.display())))?
        .permissions();
    let mut tmp = temp_beside(path)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.as_file().set_permissions(permissions).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile, Failure> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(".countroom-")
        .tempfile_in(dir)
        .map_err(|e| Failure::Io(format!("{}: {e}", dir.display())))
}
