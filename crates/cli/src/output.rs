//! The commands, and writing their output.

use std::io::Write as _;

use countroom_count::{replay, report};
use countroom_log::Event;

use crate::args::{CountArgs, Format, InputArgs, TallyPapersArgs, VerifyArgs};
use crate::files::{name_files, write_set, SUMS};
use crate::input::{add_papers, load, read_log, target};
use crate::Failure;

/// The demo's count log, shipped in `examples/data/`.
const DEMO_LOG: &[u8] = include_bytes!("../../../examples/data/abbey-ward.jsonl");

/// The town council's ballot papers, counted in the demo log's batch
/// `town-all`.
const DEMO_PAPERS: &[u8] = include_bytes!("../../../examples/data/abbey-town-papers.csv");

/// A mayoral election by the supplementary vote, counted at one count from
/// its ballot papers (batch `all-papers`), with a second count.
const MAYOR_LOG: &[u8] = include_bytes!("../../../examples/data/exampletown-mayor.jsonl");

/// The mayoral ballot papers, first and second choices.
const MAYOR_PAPERS: &[u8] = include_bytes!("../../../examples/data/exampletown-mayor-papers.csv");

/// A combined authority mayor counted in three council areas and collated:
/// local totals, a re-count of one area, the second count directed.
const COLLATED_LOG: &[u8] = include_bytes!("../../../examples/data/exampleshire-mayor.jsonl");

/// Re-adjudicates the demo's ballot papers and checks the figures against
/// the batch the log records (the auditor's replay); returns the number of
/// papers.
fn check_demo_papers(
    state: &countroom_count::CountState,
    entries: &[countroom_log::Entry],
    batch: &str,
    papers: &[u8],
) -> Result<u64, Failure> {
    let fail = |m: String| Failure::Input(vec![format!("demo papers: {m}")]);
    let recorded = entries
        .iter()
        .find_map(|e| match &e.event {
            Event::PaperBatchCounted(b) if b.batch == batch => Some(b.clone()),
            _ => None,
        })
        .ok_or_else(|| fail(format!("the demo log has no batch {batch}")))?;
    let contest = state
        .contests()
        .iter()
        .find(|c| c.contest().id().as_str() == recorded.contest)
        .map(countroom_count::ContestCount::contest)
        .ok_or_else(|| fail("the demo log has no town council contest".into()))?;
    let counted = countroom_io::papers::read_and_count(papers, contest).map_err(|p| {
        fail(format!(
            "{} problems, first: {}",
            p.len(),
            p.first().map(ToString::to_string).unwrap_or_default()
        ))
    })?;
    let event = countroom_io::papers::batch_event(
        contest,
        recorded.run,
        recorded.batch.clone(),
        recorded.source.clone(),
        &counted,
    );
    if event != recorded {
        return Err(fail(
            "re-adjudicating the ballot papers does not give the figures the log records".into(),
        ));
    }
    Ok(counted.tally.papers_counted() + counted.set_aside.len() as u64)
}

/// Writes to stdout; a closed pipe (e.g. `| head`) is not an error.
pub(crate) fn print(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Io(format!("standard output: {e}"))),
    }
}

/// Reads and replays one of the demo's embedded logs.
fn demo_log(
    name: &str,
    bytes: &[u8],
) -> Result<(Vec<countroom_log::Entry>, countroom_count::CountState), Failure> {
    let parsed = countroom_log::read(bytes)
        .map_err(|e| Failure::Input(e.iter().map(|x| format!("{name}: {x}")).collect()))?;
    let (state, problems) = countroom_count::replay_log(&parsed);
    if !problems.is_empty() {
        return Err(Failure::Input(
            problems.iter().map(|p| format!("{name}: {p}")).collect(),
        ));
    }
    Ok((parsed.entries, state))
}

pub(crate) fn demo(format: Format) -> Result<(), Failure> {
    let (entries, state) = demo_log("abbey-ward.jsonl", DEMO_LOG)?;
    let n_papers = check_demo_papers(&state, &entries, "town-all", DEMO_PAPERS)?;
    let (mayor_entries, mayor) = demo_log("exampletown-mayor.jsonl", MAYOR_LOG)?;
    let n_mayor = check_demo_papers(&mayor, &mayor_entries, "all-papers", MAYOR_PAPERS)?;
    let (collated_entries, collated) = demo_log("exampleshire-mayor.jsonl", COLLATED_LOG)?;
    let full = report(&state);
    let mayor_report = report(&mayor);
    let collated_report = report(&collated);
    if format != Format::Text {
        // One document: every contest of the three logs.
        let mut all = full;
        all.contests.extend(mayor_report.contests);
        all.contests.extend(collated_report.contests);
        return print(&format.render(&all));
    }
    // Every document is a pure function of the log, so any prefix of it
    // gives the documents at that moment: show the count as it stood when
    // the first count was completed, then the declaration.
    let first_completed = entries
        .iter()
        .position(|e| matches!(&e.event, Event::CountCompleted(c) if c.run == 1))
        .map_or(entries.len(), |i| i + 1);
    let (early, _) = replay(&entries[..first_completed]);
    let mut out = Vec::new();
    let _ = writeln!(
        out,
        "countroom demo, part 1 of 5: replaying the count log examples/data/abbey-ward.jsonl ({} entries)",
        entries.len()
    );
    let _ = writeln!(
        out,
        "The town council count is a batch of {n_papers} ballot papers (examples/data/abbey-town-papers.csv),\nre-adjudicated now under the 2006 parish rules: the figures match the log.\n"
    );
    let _ = writeln!(
        out,
        "== After entry {first_completed}: the first count is completed ==\n"
    );
    out.extend(format.render(&report(&early)));
    let _ = writeln!(
        out,
        "\n== After entry {}: re-count granted, equality of votes settled by lot, result declared ==\n",
        entries.len()
    );
    out.extend(format.render(&full));
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 2 of 5: a mayor elected by the supplementary vote (examples/data/exampletown-mayor.jsonl, {} entries)",
        mayor_entries.len()
    );
    let _ = writeln!(
        out,
        "{n_mayor} ballot papers with first and second choices (examples/data/exampletown-mayor-papers.csv), re-adjudicated\nnow under the 2007 mayoral rules: the figures, second preferences included, match the log.\n"
    );
    out.extend(format.render(&mayor_report));
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 3 of 5: a combined authority mayor counted in three council areas and collated\n(examples/data/exampleshire-mayor.jsonl, {} entries): local totals checked and authorised, one area\nre-counted, every area directed to count second preferences.\n",
        collated_entries.len()
    );
    out.extend(format.render(&collated_report));
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 4 of 5: the election accounts of a combined poll (examples/data/accounts/):\na UK Parliamentary general election combined with a district ward and a town council poll; shared\ncosts apportioned equally among the elections (RPA 1985 s.15(4)), the UK Parliamentary claim checked\nagainst its maximum recoverable amounts (the services cap is exceeded), the local polls' accounts\nagainst the council's scale.\n"
    );
    out.extend(crate::accounts::demo_accounts()?);
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 5 of 5: a three-member Scottish council ward counted by the single transferable\nvote (examples/data/stv-ward.blt, the Scottish Local Government Elections Order 2011 Sch 1 rr.46-53):\na surplus transferred at truncated five-place values, exclusions, and the last vacancy filled.\n"
    );
    out.extend(demo_stv()?);
    print(&out)
}

const STV_WARD: &[u8] = include_bytes!("../../../examples/data/stv-ward.blt");

/// The demo's STV ward, as its stage sheet.
fn demo_stv() -> Result<Vec<u8>, Failure> {
    let election = countroom_stv::blt::read(STV_WARD)
        .map_err(|e| Failure::Input(e.0.iter().map(|p| format!("stv-ward.blt:{p}")).collect()))?;
    let sheet = countroom_stv::count(
        countroom_stv::StvRules::Scotland,
        &election,
        &mut countroom_stv::LotSource::none(),
    )
    .map_err(|e| Failure::Input(vec![format!("stv-ward.blt: {e}")]))?;
    Ok(countroom_stv::render::sheet_text(&sheet))
}

/// The stage sheet of the STV contest `named` (or the only STV contest),
/// rendered in `format`.
fn stage_sheet(
    report: &countroom_count::Report,
    named: Option<&str>,
    format: crate::args::StvFormat,
) -> Result<Vec<u8>, Failure> {
    use crate::args::StvFormat;
    let stv: Vec<&countroom_count::ContestReport> = report
        .contests
        .iter()
        .filter(|c| c.stv.is_some() || c.contest.method == "single_transferable_vote")
        .filter(|c| named.is_none_or(|id| c.contest.id == id))
        .collect();
    let c = match stv[..] {
        [c] => c,
        [] => {
            return Err(Failure::Usage(match named {
                Some(id) => format!("--stage-sheet: {id} is not a single transferable vote contest of the log"),
                None => "--stage-sheet: the log has no single transferable vote contest".into(),
            }))
        }
        _ => {
            return Err(Failure::Usage(
                "--stage-sheet: the log has several single transferable vote contests: name one with --contest".into(),
            ))
        }
    };
    let Some(sheet) = &c.stage_sheet else {
        let why = match (
            &c.lot_required,
            c.stv.as_ref().and_then(|s| s.problem.as_ref()),
        ) {
            (Some(lot), _) => format!(
                "a lot is required at stage {} ({}) between {}: record it with lot_drawn",
                lot.stage.unwrap_or(0),
                lot.purpose,
                lot.tied.join(", ")
            ),
            (None, Some(problem)) => format!("the papers cannot be counted: {problem}"),
            (None, None) => "the counting of its current run is not completed".into(),
        };
        return Err(Failure::Input(vec![format!(
            "contest {}: no stage sheet: {why}",
            c.contest.id
        )]));
    };
    Ok(match format {
        StvFormat::Text => countroom_stv::render::sheet_text(sheet),
        StvFormat::Json => countroom_stv::render::sheet_json(sheet),
        StvFormat::Csv => countroom_stv::render::sheet_csv(sheet),
    })
}

pub(crate) fn count(args: &CountArgs) -> Result<(), Failure> {
    let loaded = load(&args.input)?;
    let (state, problems) = loaded.replay();
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let report = report(&state);
    if let Some(format) = args.stage_sheet {
        return print(&stage_sheet(
            &report,
            args.input.contest.as_deref(),
            format,
        )?);
    }
    match &args.out {
        None => print(&args.format.render(&report)),
        Some(dir) => {
            // Render everything first: nothing touches the disk unless all of
            // it can be produced.
            let files = report
                .contests
                .iter()
                .map(|c| (c.contest.id.clone(), args.format.render_contest(c)))
                .collect();
            let files = name_files(files, args.format.extension())?;
            write_set(dir, &files)?;
            eprintln!(
                "countroom: wrote {} file(s) and {SUMS} to {}",
                files.len(),
                dir.display()
            );
            Ok(())
        }
    }
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
        Format::DcJson => {
            return Err(Failure::Usage(
                "--format dc-json is a result format: use it with `countroom count`".into(),
            ))
        }
    })
}

pub(crate) fn check(args: &InputArgs) -> Result<(), Failure> {
    let loaded = load(args)?;
    let (state, problems) = loaded.replay();
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let mut out = format!(
        "ok: {} entries, {} contest(s), no problems found\n",
        loaded.entries.len(),
        state.contests().len()
    );
    out.push_str(&crate::evidence::check_lines(&state));
    print(out.as_bytes())
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
    let Some(event) = event else {
        return print(b"countroom: the log already records this file; its figures match\n");
    };
    // Check the new entry against the log before offering it.
    let (_, problems) = loaded.replay();
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let entry = countroom_log::NewEntry::new(&args.by, Event::PaperBatchCounted(event));
    if args.print {
        return print(&entry.to_line());
    }
    let papers = crate::input::display(&args.papers);
    crate::log_cmds::append_entries(&args.log, &[entry], &|_| papers.clone())
}
