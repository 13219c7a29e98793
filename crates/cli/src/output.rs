//! The commands, and writing their output.

use std::io::Write as _;
use std::path::Path;

use countroom_count::{replay, report};
use countroom_log::Event;

use crate::args::{CountArgs, Format, InputArgs, TallyPapersArgs, VerifyArgs};
use crate::input::{add_papers, load, read_log, target};
use crate::Failure;

/// The demo's count log, shipped in `examples/data/`.
const DEMO_LOG: &[u8] = include_bytes!("../../../examples/data/abbey-ward.jsonl");

/// Writes to stdout; a closed pipe (e.g. `| head`) is not an error.
fn print(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Io(format!("standard output: {e}"))),
    }
}

pub(crate) fn demo(format: Format) -> Result<(), Failure> {
    let parsed = countroom_log::read(DEMO_LOG)
        .map_err(|e| Failure::Input(e.iter().map(|x| format!("demo log: {x}")).collect()))?;
    let (state, problems) = replay(&parsed.entries);
    if !problems.is_empty() {
        return Err(Failure::Input(
            problems.iter().map(ToString::to_string).collect(),
        ));
    }
    let full = report(&state);
    if format != Format::Text {
        return print(&format.render(&full));
    }
    // Every document is a pure function of the log, so any prefix of it
    // gives the documents at that moment: show the count as it stood when
    // the first count was completed, then the declaration.
    let first_completed = parsed
        .entries
        .iter()
        .position(|e| matches!(&e.event, Event::CountCompleted(c) if c.run == 1))
        .map_or(parsed.entries.len(), |i| i + 1);
    let (early, _) = replay(&parsed.entries[..first_completed]);
    let mut out = Vec::new();
    let _ = writeln!(
        out,
        "countroom demo: replaying the count log examples/data/abbey-ward.jsonl ({} entries)\n",
        parsed.entries.len()
    );
    let _ = writeln!(
        out,
        "== After entry {first_completed}: the first count is completed ==\n"
    );
    out.extend(format.render(&report(&early)));
    let _ = writeln!(
        out,
        "\n== After entry {}: re-count granted, equality of votes settled by lot, result declared ==\n",
        parsed.entries.len()
    );
    out.extend(format.render(&full));
    print(&out)
}

pub(crate) fn count(args: &CountArgs) -> Result<(), Failure> {
    let loaded = load(&args.input)?;
    let (state, problems) = loaded.replay();
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let report = report(&state);
    match &args.out {
        None => print(&args.format.render(&report)),
        Some(dir) => {
            // Render everything first: nothing touches the disk unless all of
            // it can be produced.
            let files: Vec<(String, Vec<u8>)> = report
                .contests
                .iter()
                .map(|c| {
                    (
                        format!(
                            "{}.{}",
                            c.contest.id.replace(['/', ':'], "_"),
                            args.format.extension()
                        ),
                        args.format.render_contest(c),
                    )
                })
                .collect();
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::Io(format!("{}: {e}", dir.display())))?;
            for (name, bytes) in &files {
                write_atomically(&dir.join(name), bytes)?;
            }
            eprintln!(
                "countroom: wrote {} file(s) to {}",
                files.len(),
                dir.display()
            );
            Ok(())
        }
    }
}

/// Writes `bytes` to a temporary file in the same directory, then renames
/// it over `path`: readers see the old file or the whole new one.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let io = |e: std::io::Error| Failure::Io(format!("{}: {e}", path.display()));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

pub(crate) fn verify(args: &VerifyArgs) -> Result<(), Failure> {
    let loaded = load(&args.input)?;
    let (state, problems) = loaded.replay();
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let report = report(&state);
    use countroom_io::render;
    print(&match args.format {
        Format::Text => render::verification_text(&report),
        Format::Json => render::verification_json(&report),
        Format::Csv => render::verification_csv(&report),
    })
}

pub(crate) fn check(args: &InputArgs) -> Result<(), Failure> {
    let loaded = load(args)?;
    let (state, problems) = loaded.replay();
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    print(
        format!(
            "ok: {} entries, {} contest(s), no problems found\n",
            loaded.entries.len(),
            state.contests().len()
        )
        .as_bytes(),
    )
}

pub(crate) fn tally_papers(args: &TallyPapersArgs) -> Result<(), Failure> {
    let mut loaded = read_log(&args.log)?;
    let (contest, run) = target(&loaded, args.contest.as_deref())?;
    let event = add_papers(
        &mut loaded,
        &args.papers,
        &contest,
        run,
        args.batch.as_deref(),
        &args.by,
    )?;
    if !loaded.problems.is_empty() {
        return Err(Failure::Input(loaded.problems));
    }
    let Some(_) = event else {
        return print(b"countroom: the log already records this file; its figures match\n");
    };
    // Check the new entry against the log before offering it.
    let (_, problems) = loaded.replay();
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let mut out = Vec::new();
    if let Some(entry) = loaded.entries.last() {
        countroom_log::write_entry(&mut out, entry);
    }
    print(&out)
}
