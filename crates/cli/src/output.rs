//! The commands, and writing their output.

use std::io::Write as _;

use countroom_count::report;
use countroom_log::Event;

use crate::args::{CheckArgs, CountArgs, Format, TallyPapersArgs, VerifyArgs};
use crate::files::{name_files, write_set, SUMS};
use crate::input::{add_papers, load, read_log, target};
use crate::Failure;
use countroom_io::problem::code_of;
use countroom_io::Problem;

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

/// A parish poll on a question with three answers (Parish and Community
/// Meetings (Polls) Rules 1987).
const PARISH_POLL_LOG: &[u8] =
    include_bytes!("../../../examples/data/little-ormsby-parish-poll.jsonl");

/// A neighbourhood planning referendum with its business referendum
/// (Neighbourhood Planning (Referendums) Regulations 2012).
const NEIGHBOURHOOD_LOG: &[u8] =
    include_bytes!("../../../examples/data/exampleton-neighbourhood-plan.jsonl");

/// The demo's list polls: a Senedd 2026 constituency by closed list, and a
/// Scottish Parliament region by the additional member system.
const SENEDD_LOG: &[u8] = include_bytes!("../../../examples/data/senedd-cwm-valleys.jsonl");
const REGION_LOG: &[u8] = include_bytes!("../../../examples/data/exampleshire-region.jsonl");

/// A council tax referendum (Local Authorities (Conduct of Referendums)
/// (Council Tax Increases) (England) Regulations 2012): part 11, appended
/// after the others so that no part is renumbered.
const COUNCIL_TAX_LOG: &[u8] =
    include_bytes!("../../../examples/data/exampleshire-council-tax.jsonl");

/// A governance (mayoral) referendum (Local Authorities (Conduct of
/// Referendums) (England) Regulations 2012): part 12, after part 11.
const GOVERNANCE_LOG: &[u8] = include_bytes!("../../../examples/data/exampleton-governance.jsonl");

/// Re-adjudicates the demo's ballot papers and compares the figures with
/// the batch the log records (the auditor's replay, `countroom_io::audit`):
/// the number of papers, and every figure that differs with the file's
/// SHA-256 if it is not the one recorded.
fn audit_demo_papers(
    state: &countroom_count::CountState,
    entries: &[countroom_log::Entry],
    batch: &str,
    papers: &[u8],
) -> Result<(u64, Vec<countroom_io::audit::Difference>), Failure> {
    let fail = |m: String| Failure::one("demo papers", "demo", m);
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
        .ok_or_else(|| fail(format!("the demo log has no contest {}", recorded.contest)))?;
    let counted = countroom_io::papers::read_and_count(papers, contest).map_err(|p| {
        fail(format!(
            "{} problems, first: {}",
            p.len(),
            p.first().map(ToString::to_string).unwrap_or_default()
        ))
    })?;
    let source = recorded
        .source
        .as_ref()
        .map(|s| countroom_log::BatchSource::new(s.name.clone(), countroom_io::sha256_hex(papers)));
    let event = countroom_io::papers::batch_event(
        contest,
        recorded.run,
        recorded.batch.clone(),
        source,
        &counted,
    );
    let papers_read = counted.tally.papers_counted() + counted.set_aside.len() as u64;
    Ok((
        papers_read,
        countroom_io::audit::compare_batch(&recorded, &event),
    ))
}

/// [`audit_demo_papers`] of a file the demo ships: it must match.
fn check_demo_papers(
    state: &countroom_count::CountState,
    entries: &[countroom_log::Entry],
    batch: &str,
    papers: &[u8],
) -> Result<u64, Failure> {
    let (n, differences) = audit_demo_papers(state, entries, batch, papers)?;
    if differences.is_empty() {
        Ok(n)
    } else {
        Err(Failure::Input(
            differences
                .iter()
                .map(|d| Problem::new("demo papers", code_of(d), format!("batch {batch}: {d}")))
                .collect(),
        ))
    }
}

/// The town council papers with one vote moved: the first paper marked for
/// T-IQBAL and not T-HART is marked for T-HART instead, as someone altering
/// the file after the count might.
fn altered_papers(papers: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(papers);
    let mut done = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let fields: Vec<&str> = line.trim_end_matches(['\r', '\n']).split(',').collect();
        // paper,official_mark,identifying_mark,T-HART,T-IQBAL,T-JONES,T-KEMP
        if !done && fields.len() == 7 && fields[3].is_empty() && fields[4] == "X" {
            let ending = &line[line.trim_end_matches(['\r', '\n']).len()..];
            let moved = [
                fields[0], fields[1], fields[2], "X", "", fields[5], fields[6],
            ]
            .join(",");
            out.push_str(&moved);
            out.push_str(ending);
            done = true;
        } else {
            out.push_str(line);
        }
    }
    out.into_bytes()
}

/// The auditor's replay the demo shows in part 1: `countroom check` run on
/// the demo's log and a copy of the town council's papers with one vote
/// moved ([`altered_papers`]), both written into a temporary directory
/// (`examples/data/abbey-ward.jsonl` and `abbey-town-papers.csv` in it,
/// removed after), through the same argument parser and `check` as the
/// command. Gives the command line as a user types it in the repository,
/// the exit code and the lines printed on standard error, with the
/// temporary directory left out of the file names.
fn demo_auditor_replay() -> Result<(String, u8, Vec<String>), Failure> {
    const LOG: &str = "examples/data/abbey-ward.jsonl";
    const PAPERS: &str = "abbey-town-papers.csv";
    let dir = tempfile::Builder::new()
        .prefix("countroom-demo-replay-")
        .tempdir()
        .map_err(|e| Failure::Io(format!("a temporary directory for the demo: {e}")))?;
    let put = |name: &str, bytes: &[u8]| -> Result<std::path::PathBuf, Failure> {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Failure::Io(format!("{}: {e}", parent.display())))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| Failure::Io(format!("{}: {e}", path.display())))?;
        Ok(path)
    };
    let log = put(LOG, DEMO_LOG)?;
    let papers = put(PAPERS, &altered_papers(DEMO_PAPERS))?;
    let words = ["check", LOG, "--contest", "abbey-town", "--papers", PAPERS];
    let argv: Vec<std::ffi::OsString> = std::iter::once("countroom".into())
        .chain(words.iter().map(|w| match *w {
            LOG => log.clone().into_os_string(),
            PAPERS => papers.clone().into_os_string(),
            other => other.into(),
        }))
        .collect();
    let cli = <crate::args::Cli as clap::Parser>::try_parse_from(argv)
        .map_err(|e| Failure::Usage(format!("the demo's check command: {e}")))?;
    let crate::args::Command::Check(args) = cli.command else {
        return Err(Failure::Usage(
            "the demo's check command is not `check`".into(),
        ));
    };
    let (code, lines) = match check_text(&args) {
        Ok(text) => (0, text.lines().map(str::to_owned).collect()),
        Err(failure) => crate::failure_lines(failure),
    };
    let prefix = format!("{}{}", dir.path().display(), std::path::MAIN_SEPARATOR);
    let lines = lines.iter().map(|l| l.replace(&prefix, "")).collect();
    Ok((format!("countroom {}", words.join(" ")), code, lines))
}

/// The demo's JSON: one JSON array with an object per log, `{"file":
/// FILE, "report": REPORT}` (REPORT the object `countroom count FILE
/// --format json` prints), so that each contest is beside its own log's
/// evidence.
fn demo_json(per_log: &[(&str, &countroom_count::Report)]) -> Result<Vec<u8>, Failure> {
    #[derive(serde::Serialize)]
    struct Counted<'a> {
        file: &'a str,
        report: &'a countroom_count::Report,
    }
    let logs: Vec<Counted<'_>> = per_log
        .iter()
        .map(|&(file, report)| Counted { file, report })
        .collect();
    let mut out = serde_json::to_vec_pretty(&logs)
        .map_err(|e| Failure::Io(format!("the demo's JSON could not be written: {e}")))?;
    out.push(b'\n');
    Ok(out)
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
    let parsed = countroom_log::read(bytes).map_err(|e| {
        Failure::Input(
            e.iter()
                .map(|x| countroom_io::problem::from_log_read(name, x))
                .collect(),
        )
    })?;
    let (state, problems) = countroom_count::replay_log(&parsed);
    if !problems.is_empty() {
        return Err(Failure::Input(
            problems
                .iter()
                .map(|p| countroom_io::problem::from_replay(name, p))
                .collect(),
        ));
    }
    Ok((parsed.entries, state))
}

pub(crate) fn demo(format: Format, html_dir: Option<&std::path::Path>) -> Result<(), Failure> {
    let (entries, state) = demo_log("abbey-ward.jsonl", DEMO_LOG)?;
    let n_papers = check_demo_papers(&state, &entries, "town-all", DEMO_PAPERS)?;
    let (mayor_entries, mayor) = demo_log("exampletown-mayor.jsonl", MAYOR_LOG)?;
    let n_mayor = check_demo_papers(&mayor, &mayor_entries, "all-papers", MAYOR_PAPERS)?;
    let (collated_entries, collated) = demo_log("exampleshire-mayor.jsonl", COLLATED_LOG)?;
    let (parish_entries, parish) = demo_log("little-ormsby-parish-poll.jsonl", PARISH_POLL_LOG)?;
    let (np_entries, np) = demo_log("exampleton-neighbourhood-plan.jsonl", NEIGHBOURHOOD_LOG)?;
    let (senedd_entries, senedd) = demo_log("senedd-cwm-valleys.jsonl", SENEDD_LOG)?;
    let (region_entries, region) = demo_log("exampleshire-region.jsonl", REGION_LOG)?;
    let (ct_entries, ct) = demo_log("exampleshire-council-tax.jsonl", COUNCIL_TAX_LOG)?;
    let (gov_entries, gov) = demo_log("exampleton-governance.jsonl", GOVERNANCE_LOG)?;
    let full = report(&state);
    let mayor_report = report(&mayor);
    let collated_report = report(&collated);
    let parish_report = report(&parish);
    let np_report = report(&np);
    let senedd_report = report(&senedd);
    let region_report = report(&region);
    let ct_report = report(&ct);
    let gov_report = report(&gov);
    // Each log's report, in the order of the parts (part 9 and 10 are the
    // list polls).
    let per_log: [(&str, &countroom_count::Report); 9] = [
        ("examples/data/abbey-ward.jsonl", &full),
        ("examples/data/exampletown-mayor.jsonl", &mayor_report),
        ("examples/data/exampleshire-mayor.jsonl", &collated_report),
        (
            "examples/data/little-ormsby-parish-poll.jsonl",
            &parish_report,
        ),
        (
            "examples/data/exampleton-neighbourhood-plan.jsonl",
            &np_report,
        ),
        ("examples/data/senedd-cwm-valleys.jsonl", &senedd_report),
        ("examples/data/exampleshire-region.jsonl", &region_report),
        ("examples/data/exampleshire-council-tax.jsonl", &ct_report),
        ("examples/data/exampleton-governance.jsonl", &gov_report),
    ];
    match format {
        Format::Text => {}
        Format::Json => return print(&demo_json(&per_log)?),
        // One NIST ERR report is one election with one log's evidence, and
        // a PDF has one running header with one chain head: the nine logs
        // do not make one.
        Format::ErrJson | Format::ErrXml | Format::Pdf => {
            return Err(Failure::Usage(format!(
                "demo --format {}: the demo replays nine count logs (nine elections), and this format states one log's evidence (its chain head, signatures and officers) for the whole document: use `countroom count examples/data/LOG.jsonl --format {0}` on one log, or the demo's `--format html` or `--html-dir` pages",
                clap::ValueEnum::to_possible_value(&format)
                    .map_or_else(String::new, |v| v.get_name().to_owned())
            )));
        }
        Format::Csv | Format::DcJson | Format::Html => {
            // One document of every contest of the nine logs: each contest
            // states its own log's evidence (its `evidence` rows, its
            // `countroom` object, its page's evidence block), and the
            // document as a whole states none.
            let mut all = countroom_count::Report::new(Vec::new());
            for (_, r) in per_log {
                all.contests.extend(r.contests.iter().cloned());
                all.list_contests.extend(r.list_contests.iter().cloned());
                all.boxes.extend(r.boxes.iter().cloned());
            }
            return print(&format.render(&all)?);
        }
    }
    // Every document is a pure function of the log, so any prefix of it
    // gives the documents at that moment: show the count as it stood when
    // the first count was completed, then the declaration.
    let first_completed = entries
        .iter()
        .position(|e| matches!(&e.event, Event::CountCompleted(c) if c.run == 1))
        .map_or(entries.len(), |i| i + 1);
    // The log as it stood then: its prefix, with the chain head of that
    // moment (what the documents printed then showed).
    let mut prefix = countroom_log::read(DEMO_LOG).map_err(|e| {
        Failure::Input(
            e.iter()
                .map(|x| countroom_io::problem::from_log_read("abbey-ward.jsonl", x))
                .collect(),
        )
    })?;
    prefix.entries.truncate(first_completed);
    prefix.lines.truncate(first_completed);
    prefix.digests.truncate(first_completed);
    let (early, _) = countroom_count::replay_log(&prefix);
    let mut out = Vec::new();
    let _ = writeln!(
        out,
        "countroom demo, part 1 of 12: replaying the count log examples/data/abbey-ward.jsonl ({} entries)",
        entries.len()
    );
    let _ = writeln!(
        out,
        "The town council count is a batch of {n_papers} ballot papers (examples/data/abbey-town-papers.csv),\nre-adjudicated now under the 2006 parish rules: the figures match the log.\n"
    );
    // The auditor's replay of a copy with one vote moved, which must fail:
    // run now, as the command runs it, and shown as it printed it.
    let (command, code, lines) = demo_auditor_replay()?;
    if code != crate::EXIT_INPUT {
        return Err(Failure::one(
            "demo papers",
            "demo",
            format!("the altered papers file was not caught: `{command}` gave exit code {code}"),
        ));
    }
    let _ = writeln!(
        out,
        "The auditor's replay of a copy of that file with one vote moved from T-IQBAL to T-HART, saved as\nabbey-town-papers.csv, run now: `{command}`\ngives exit code {code} and prints on standard error:"
    );
    for line in &lines {
        let _ = writeln!(out, "  {line}");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "== After entry {first_completed}: the first count is completed ==\n"
    );
    out.extend(format.render(&report(&early))?);
    let _ = writeln!(
        out,
        "\n== After entry {}: re-count granted, equality of votes settled by lot, result declared ==\n",
        entries.len()
    );
    out.extend(format.render(&full)?);
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 2 of 12: a mayor elected by the supplementary vote (examples/data/exampletown-mayor.jsonl, {} entries)",
        mayor_entries.len()
    );
    let _ = writeln!(
        out,
        "{n_mayor} ballot papers with first and second choices (examples/data/exampletown-mayor-papers.csv), re-adjudicated\nnow under the 2007 mayoral rules: the figures, second preferences included, match the log.\n"
    );
    out.extend(format.render(&mayor_report)?);
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 3 of 12: a combined authority mayor counted in three council areas and collated\n(examples/data/exampleshire-mayor.jsonl, {} entries): local totals checked and authorised, one area\nre-counted, every area directed to count second preferences.\n",
        collated_entries.len()
    );
    out.extend(format.render(&collated_report)?);
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 4 of 12: the election accounts of a combined poll (examples/data/accounts/):\na UK Parliamentary general election combined with a district ward and a town council poll; shared\ncosts apportioned equally among the elections (RPA 1985 s.15(4)), the UK Parliamentary claim checked\nagainst its maximum recoverable amounts (the services cap is exceeded, and the Secretary of State's\nauthorisation of the excess, requested and granted, recorded), the local polls' accounts against\nthe council's scale.\n"
    );
    out.extend(crate::accounts::demo_accounts(
        countroom_io::render::accounts_text,
    )?);
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 5 of 12: a three-member Scottish council ward counted by the single transferable\nvote (examples/data/stv-ward.blt, the Scottish Local Government Elections Order 2011 Sch 1 rr.46-53):\na surplus transferred at truncated five-place values, exclusions, and the last vacancy filled.\n"
    );
    out.extend(demo_stv(countroom_io::render::stv::sheet_text)?);
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 6 of 12: published results checked (`countroom results examples/data/published/results.csv\n--contests examples/data/published/contests.csv --previous examples/data/published/previous.csv`, exit code 1):\nfive synthetic constituencies; in Castlebury the published winner is not the candidate with the most\nvotes (the headline problem), and in Eastwick two candidates tie for the seat, which only a lot decides.\n"
    );
    out.extend(crate::results::demo_results()?);
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 7 of 12: a parish poll on a question with three answers\n(examples/data/little-ormsby-parish-poll.jsonl, {} entries; the Parish and Community Meetings (Polls)\nRules 1987): the answer with the most votes.\n",
        parish_entries.len()
    );
    out.extend(format.render(&parish_report)?);
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 8 of 12: a neighbourhood planning referendum with its business referendum\n(examples/data/exampleton-neighbourhood-plan.jsonl, {} entries; the Neighbourhood Planning\n(Referendums) Regulations 2012): more than half of those voting in favour at the residents' referendum,\nexactly half at the business referendum (not more than half), so the local planning authority decides;\nits decision (PCPA 2004 s.38A(5)) is recorded in the log.\n",
        np_entries.len()
    );
    out.extend(format.render(&np_report)?);
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 9 of 12: a Senedd constituency elected by closed lists (examples/data/senedd-cwm-valleys.jsonl,\n{} entries; a synthetic 2026 poll): two counts' list totals collated, six seats by D'Hondt (Government of\nWales Act 2006 s.9 as substituted in 2024), equal highest figures for the sixth seat settled by a recorded\nlot, an agent's recalculation, the declaration, and a later vacancy filled from the same list.\n",
        senedd_entries.len()
    );
    out.extend(format.render(&senedd_report)?);
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 10 of 12: a Scottish Parliament region by the additional member system\n(examples/data/exampleshire-region.jsonl, {} entries; synthetic): three council counts' list totals\ncollated (one re-counted), nine constituency returns entering the divisors (Scotland Act 1998 ss.7-8),\na party whose constituency seats exceed its share taking no list seat, a constituency member passed\nover on a list.\n",
        region_entries.len()
    );
    out.extend(format.render(&region_report)?);
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 11 of 12: a council tax referendum (examples/data/exampleshire-council-tax.jsonl,\n{} entries; synthetic; the Local Authorities (Conduct of Referendums) (Council Tax Increases) (England)\nRegulations 2012): the question in the Sch 1 form, the increase approved only by a majority of persons\nvoting (reg 22(2)(a), (6)(a)); rejected papers as one total, the Regulations' heads not having been read.\n",
        ct_entries.len()
    );
    out.extend(format.render(&ct_report)?);
    let _ = writeln!(
        out,
        "\n\ncountroom demo, part 12 of 12: a governance referendum (examples/data/exampleton-governance.jsonl,\n{} entries; synthetic; the Local Authorities (Conduct of Referendums) (England) Regulations 2012):\n\"How would you like [the council] to be run?\" with the two answers of Sch 1 para 1, the arrangements in\nplace first; the answer with more votes; rejected papers as one total, the Regulations' heads not having been read.\n",
        gov_entries.len()
    );
    out.extend(format.render(&gov_report)?);
    // The HTML documents of parts 1 to 5 and 7 to 12 (part 6, published
    // results, has no HTML document in the demo), and an index of them.
    // Without `--html-dir`, a new directory of the run's own in the
    // temporary directory (`countroom-demo-XXXXXX`, kept): a fixed name
    // would meet a directory an earlier run, another user or a run at the
    // same time left there.
    let dir = match html_dir {
        Some(dir) => dir.to_path_buf(),
        None => tempfile::Builder::new()
            .prefix("countroom-demo-")
            .tempdir()
            .map_err(|e| Failure::Io(format!("a directory for the demo's pages: {e}")))?
            .keep(),
    };
    let mut pages: Vec<(String, String, Vec<u8>)> = Vec::new();
    // A part's report, a page per contest, titled with the part.
    let report_pages =
        |pages: &mut Vec<(String, String, Vec<u8>)>, part: u32, r: &countroom_count::Report| {
            for (id, page) in countroom_html::report_pages(r) {
                let c = r.contests.iter().find(|c| c.contest.id == id);
                let title = c.map_or_else(
                    || id.clone(),
                    |c| format!("{} — {}", c.contest.title, c.contest.area),
                );
                pages.push((
                    format!("part{part}-{}.html", safe_name(&id)),
                    format!("Part {part}: {title}"),
                    page.into_bytes(),
                ));
            }
        };
    for (part, r) in [
        (1, &full),
        (2, &mayor_report),
        (3, &collated_report),
        (7, &parish_report),
        (8, &np_report),
    ] {
        report_pages(&mut pages, part, r);
    }
    pages.push((
        "part4-accounts.html".into(),
        "Part 4: election accounts and apportionment schedule".into(),
        crate::accounts::demo_accounts(|a| countroom_html::accounts_page(a).into_bytes())?,
    ));
    pages.push((
        "part5-stv-ward.html".into(),
        "Part 5: STV ward stage sheet".into(),
        demo_stv(|s| countroom_html::stage_sheet_page(s).into_bytes())?,
    ));
    for (part, r) in [(9, &senedd_report), (10, &region_report)] {
        for c in &r.list_contests {
            pages.push((
                format!("part{part}-{}.html", safe_name(&c.contest)),
                format!("Part {part}: {} — {}", c.title, c.area),
                countroom_html::list_contest_page(c).into_bytes(),
            ));
        }
    }
    // Parts 11 and 12, the council tax and governance referendums, after
    // the list polls so that the index follows the parts' order from part 8
    // on.
    for (part, r) in [(11, &ct_report), (12, &gov_report)] {
        report_pages(&mut pages, part, r);
    }
    let links: Vec<(String, String)> = pages
        .iter()
        .map(|(f, t, _)| (f.clone(), t.clone()))
        .collect();
    let index = countroom_html::index_page("countroom demo: the documents", &links);
    let mut files: Vec<(String, Vec<u8>)> = pages.into_iter().map(|(f, _, b)| (f, b)).collect();
    files.push(("index.html".to_owned(), index.into_bytes()));
    // As `count --out DIR`: the pages and their SHA256SUMS written as one
    // set, whole or not at all, into a directory that is absent, empty or
    // a set countroom wrote; a directory holding anything else is refused
    // (exit 3) and left untouched, so a user's files are never overwritten.
    write_set(&dir, &files)?;
    print(&out)?;
    eprintln!(
        "countroom demo: the HTML documents of parts 1-5 and 7-12 are in {} (open index.html)",
        dir.display()
    );
    Ok(())
}

/// A contest id as a file name: letters, digits, `-` and `_` kept, the rest
/// `_`.
fn safe_name(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

const STV_WARD: &[u8] = include_bytes!("../../../examples/data/stv-ward.blt");

/// The demo's STV ward, as its stage sheet.
fn demo_stv(render: fn(&countroom_stv::StageSheet) -> Vec<u8>) -> Result<Vec<u8>, Failure> {
    let election = countroom_stv::blt::read(STV_WARD).map_err(|e| {
        Failure::Input(
            e.0.iter()
                .map(|p| {
                    Problem::new("stv-ward.blt", code_of(&p.problem), p.problem.to_string())
                        .at_line(p.line as u64)
                })
                .collect(),
        )
    })?;
    let sheet = countroom_stv::count(
        countroom_stv::StvRules::Scotland,
        &election,
        &mut countroom_stv::LotSource::none(),
    )
    .map_err(|e| Failure::one("stv-ward.blt", &code_of(&e), e.to_string()))?
    // The ward's poll, as its log (examples/data/stv-ward.jsonl) records
    // it: the date decides the instrument the sheet names (the Scottish
    // Local Government Elections Order 2011, as the demo says).
    .with_poll_date(Some(STV_WARD_POLL));
    Ok(render(&sheet))
}

/// The poll date of the demo's STV ward (examples/data/stv-ward.jsonl's
/// `election_defined`).
const STV_WARD_POLL: time::Date = time::macros::date!(2027 - 05 - 06);

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
        return Err(Failure::one(
            "",
            "no_stage_sheet",
            format!("contest {}: no stage sheet: {why}", c.contest.id),
        ));
    };
    Ok(match format {
        StvFormat::Text => countroom_io::render::stv::sheet_text(sheet),
        StvFormat::Json => countroom_io::render::stv::sheet_json(sheet),
        StvFormat::Csv => countroom_io::render::stv::sheet_csv(sheet),
        StvFormat::Html => crate::pdf::stage_sheet(sheet, false)?,
        StvFormat::Pdf => crate::pdf::stage_sheet(sheet, true)?,
    })
}

/// `--contest ID`: the report of that contest alone; a contest the log
/// does not define is a usage error (exit 2) listing those it does.
fn only_contest(
    state: &countroom_count::CountState,
    report: &mut countroom_count::Report,
    named: Option<&str>,
) -> Result<(), Failure> {
    let Some(id) = named else {
        return Ok(());
    };
    if !state
        .contests()
        .iter()
        .any(|c| c.contest().id().as_str() == id)
        && !state.list_contests().iter().any(|c| c.id() == id)
    {
        return Err(crate::input::no_such_contest(state, id));
    }
    report.contests.retain(|c| c.contest.id == id);
    report.list_contests.retain(|c| c.contest == id);
    Ok(())
}

/// `count --out DIR --format html`: adds `index.html`, every contest with
/// its status and a relative link to its page (the files are in the
/// report's contest order). A contest whose page would be `index.html` is
/// refused, naming it.
fn with_index(
    report: &countroom_count::Report,
    mut files: Vec<(String, Vec<u8>)>,
) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    if let Some((name, _)) = files
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("index.html"))
    {
        return Err(Failure::Input(vec![countroom_io::Problem::new(
            "",
            "file_name_taken",
            format!("a contest's page would be {name}, the set's index page: rename the contest"),
        )]));
    }
    let hrefs: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
    let index = countroom_html::contests_index_page(report, &hrefs);
    files.push(("index.html".to_owned(), index.into_bytes()));
    Ok(files)
}

pub(crate) fn count(args: &CountArgs) -> Result<(), Failure> {
    if !args.more.is_empty() || args.input.log.is_dir() {
        return count_many(args);
    }
    let (state, problems) = crate::input::load_and_replay(&args.input, "count")?;
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let mut report = report(&state);
    only_contest(&state, &mut report, args.input.contest.as_deref())?;
    if let Some(format) = args.stage_sheet {
        return print(&stage_sheet(
            &report,
            args.input.contest.as_deref(),
            format,
        )?);
    }
    match &args.out {
        None => print(&args.format.render(&report)?),
        Some(dir) => {
            // Render everything first: nothing touches the disk unless all of
            // it can be produced.
            let files = report
                .contests
                .iter()
                .map(|c| Ok((c.contest.id.clone(), args.format.render_contest(c)?)))
                .chain(
                    report
                        .list_contests
                        .iter()
                        .map(|c| Ok((c.contest.clone(), args.format.render_list_contest(c)?))),
                )
                .collect::<Result<_, Failure>>()?;
            let mut files = name_files(files, args.format.extension())?;
            if args.format == Format::Html {
                files = with_index(&report, files)?;
            }
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
    let loaded = load(&args.input, "verify")?;
    let (state, problems) = loaded.replay();
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let mut report = report(&state);
    only_contest(&state, &mut report, args.input.contest.as_deref())?;
    use countroom_io::render;
    print(&match args.format {
        Format::Text => render::verification_text(&report),
        Format::Json => render::verification_json(&report),
        Format::Csv => render::verification_csv(&report),
        Format::Html => countroom_html::verification_page(&report).into_bytes(),
        Format::Pdf => crate::pdf::print(
            &countroom_html::verification_page(&report),
            &crate::pdf::header_of(report.contests.first(), report.evidence.as_ref()),
            crate::pdf::bilingual(&report.contests),
        )?,
        Format::DcJson | Format::ErrJson | Format::ErrXml => {
            return Err(Failure::Usage(format!(
                "--format {} is a result format: use it with `countroom count`",
                match args.format {
                    Format::DcJson => "dc-json",
                    Format::ErrJson => "err-json",
                    _ => "err-xml",
                }
            )))
        }
    })
}

pub(crate) fn check(args: &CheckArgs) -> Result<(), Failure> {
    print(check_text(args)?.as_bytes())
}

/// What `check` prints on standard output when it finds no problem, or
/// its failure.
fn check_text(args: &CheckArgs) -> Result<String, Failure> {
    let loaded = load(&args.input, "check")?;
    let (state, mut problems) = loaded.replay();
    if let (Some(given), Some(file)) = (&args.head, &loaded.file) {
        let compact: String = given.chars().filter(|c| !c.is_whitespace()).collect();
        let Some(expected) = countroom_log::Sha256Digest::from_hex(&compact.to_ascii_lowercase())
        else {
            return Err(Failure::Usage(format!(
                "--head {given:?} is not a SHA-256 (64 hex digits)"
            )));
        };
        if file.head() != expected {
            problems.push(Problem::new(
                crate::input::display(&args.input.log),
                "head_mismatch",
                format!(
                "the log's chain head is {}, not the {} given: the log was altered, extended or cut short after that head was read out",
                file.head().to_groups(),
                expected.to_groups()
            )));
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    if let Some(id) = args.input.contest.as_deref() {
        if !state
            .contests()
            .iter()
            .any(|c| c.contest().id().as_str() == id)
            && !state.list_contests().iter().any(|c| c.id() == id)
        {
            return Err(crate::input::no_such_contest(&state, id));
        }
    }
    // A log begun under another ruleset table than this countroom's is
    // said so (docs/count-log.md, the header's `rules`): on standard error
    // beside the JSON, in the text otherwise. Not a problem of the log.
    let other_rules = loaded
        .file
        .as_ref()
        .and_then(|f| f.header.rules.as_deref())
        .filter(|r| *r != countroom_rules::table_digest())
        .map(|r| {
            format!(
                "note: the log was begun under another ruleset table (rules {r}) than this countroom's ({}): the rules applied here may not be those the count was run under\n",
                countroom_rules::table_digest()
            )
        });
    if args.format == crate::args::CheckFormat::Json {
        if let Some(note) = &other_rules {
            eprint!("{note}");
        }
        return Ok("[]\n".to_owned());
    }
    // The log's own entries, and those the files given added (not in the
    // log: the chain head below is the log's without them).
    let in_log = loaded
        .file
        .as_ref()
        .map_or(loaded.entries.len(), |f| f.entries.len());
    let added = loaded.entries.get(in_log..).map_or(0, <[_]>::len);
    let entries = if added > 0 {
        format!("{in_log} entries and {added} added from the files given")
    } else {
        format!("{in_log} entries")
    };
    let mut out = match args.input.contest.as_deref() {
        Some(id) => format!("ok: {entries}, contest {id}, no problems found\n"),
        None => format!(
            "ok: {entries}, {} contest(s), no problems found\n",
            state.contests().len() + state.list_contests().len()
        ),
    };
    if let Some(file) = &loaded.file {
        out.push_str(&format!("chain head {}", file.head().to_groups()));
        out.push_str(match (&args.head, file.tamper_evident()) {
            (Some(_), _) => " (as given)\n",
            (None, true) => "\n",
            (None, false) => " (a version 1 log: not tamper-evident)\n",
        });
    }
    out.push_str(&crate::evidence::check_lines(&state));
    if let Some(note) = other_rules {
        out.push_str(&note);
    }
    Ok(out)
}

pub(crate) fn tally_papers(args: &TallyPapersArgs) -> Result<(), Failure> {
    let mut loaded = read_log(&args.log, "tally-papers")?;
    let list = crate::input::list_target(&loaded, args.contest.as_deref())?;
    let event = match (list, &args.area) {
        (Some(id), Some(area)) => crate::input::add_list_papers(
            &mut loaded,
            &args.papers,
            &id,
            area,
            args.batch.as_deref(),
            &args.by,
        )?,
        (Some(id), None) => {
            return Err(Failure::Usage(format!(
                "{id} is a list contest: its papers are counted at each counting area's count; name the area with --area"
            )))
        }
        (None, Some(_)) => {
            return Err(Failure::Usage(
                "--area is for a list contest's counting area: name the list contest with --contest"
                    .into(),
            ))
        }
        (None, None) => {
            let (contest, run) = target(&loaded, args.contest.as_deref())?;
            add_papers(
                &mut loaded,
                &args.papers,
                &contest,
                run,
                args.batch.as_deref(),
                &args.by,
            )?
        }
    };
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
    crate::log_cmds::append_entries(&args.log, &[entry], &|_| (papers.clone(), None))
}

/// `countroom count LOG LOG...` or `count DIR`: every log replayed and
/// counted on its own, in parallel, written as JSON Lines in input order
/// and a summary (see [`CountArgs::more`]).
fn count_many(args: &CountArgs) -> Result<(), Failure> {
    use countroom_io::render::stv_contests::Failure as LogFailure;

    #[derive(serde::Serialize)]
    struct Counted<'a> {
        file: &'a str,
        report: &'a countroom_count::Report,
    }
    #[derive(serde::Serialize)]
    struct Failed<'a> {
        file: &'a str,
        errors: &'a [countroom_io::Problem],
    }
    #[derive(serde::Serialize)]
    struct Line<'a> {
        summary: &'a Summary,
    }
    /// What the run did: logs given, counted and failed, the contests of
    /// the logs counted, and each log that failed with its problems.
    #[derive(Default, serde::Serialize)]
    struct Summary {
        logs: usize,
        counted: usize,
        failed: usize,
        contests: usize,
        failures: Vec<LogFailure>,
    }
    fn line<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, Failure> {
        let mut out = serde_json::to_vec(value)
            .map_err(|e| Failure::Io(format!("a JSON line could not be written: {e}")))?;
        out.push(b'\n');
        Ok(out)
    }

    let i = &args.input;
    let one_log_only = [
        (!i.papers.is_empty(), "--papers"),
        (!i.bundles.is_empty(), "--bundles"),
        (!i.accounts.is_empty(), "--accounts"),
        (!i.counts.is_empty(), "--counts"),
        (i.contest.is_some(), "--contest"),
        (i.by.is_some(), "--by"),
        (args.stage_sheet.is_some(), "--stage-sheet"),
        (
            args.out.is_none() && args.format != Format::Json,
            "--format other than json (without --out)",
        ),
    ];
    if let Some((_, option)) = one_log_only.iter().find(|(given, _)| *given) {
        return Err(Failure::Usage(format!(
            "{option} is for one count log; several logs are written as JSON Lines (--format json) or as one set of documents (--out DIR)"
        )));
    }
    let mut given = vec![i.log.clone()];
    given.extend(args.more.iter().cloned());
    let logs = crate::many::files(&given, "jsonl")?;
    let jobs = crate::many::jobs(args.jobs, logs.len());
    if let Some(dir) = &args.out {
        return count_many_out(args, dir, &logs, jobs);
    }
    let work = |path: &std::path::Path| -> Result<(Vec<u8>, usize), Vec<countroom_io::Problem>> {
        let file = crate::input::display(path);
        let counted = read_log(path, "count").and_then(|loaded| {
            let (state, problems) = loaded.replay();
            if !problems.is_empty() {
                return Err(Failure::Input(problems));
            }
            let report = report(&state);
            let bytes = line(&Counted {
                file: &file,
                report: &report,
            })?;
            Ok((bytes, report.contests.len() + report.list_contests.len()))
        });
        counted.map_err(|f| crate::many::problems(&file, f))
    };
    let mut summary = Summary::default();
    let mut stdout = std::io::stdout().lock();
    let mut write_error: Option<std::io::Error> = None;
    let mut line_error: Option<Failure> = None;
    let mut take = |k: usize, outcome: Result<(Vec<u8>, usize), Vec<countroom_io::Problem>>| {
        let file = logs
            .get(k)
            .map(|p| crate::input::display(p))
            .unwrap_or_default();
        summary.logs += 1;
        let bytes = match outcome {
            Ok((bytes, contests)) => {
                summary.counted += 1;
                summary.contests += contests;
                bytes
            }
            Err(errors) => {
                for e in &errors {
                    eprintln!("error: {e}");
                }
                summary.failed += 1;
                let failed = line(&Failed {
                    file: &file,
                    errors: &errors,
                });
                summary.failures.push(LogFailure { file, errors });
                match failed {
                    Ok(b) => b,
                    Err(f) => {
                        line_error.get_or_insert(f);
                        return;
                    }
                }
            }
        };
        if write_error.is_none() {
            if let Err(e) = stdout.write_all(&bytes) {
                write_error = Some(e);
            }
        }
    };
    crate::many::in_order(&logs, jobs, work, &mut take);
    if let Some(f) = line_error {
        return Err(f);
    }
    let last = line(&Line { summary: &summary })?;
    let flushed = stdout.write_all(&last).and_then(|()| stdout.flush());
    match write_error.map_or(flushed, Err) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(Failure::Io(format!("standard output: {e}"))),
    }
    if summary.failed > 0 {
        eprintln!(
            "countroom: {} of {} count logs failed; the others were counted",
            summary.failed, summary.logs
        );
        return Err(Failure::Found);
    }
    Ok(())
}

/// `countroom count LOG... --out DIR`: every log replayed and counted on its
/// own, in parallel, and the documents of all of them written as one set:
/// `DIR/<log>/<contest>.<ext>` (the log's file name without `.jsonl`, and
/// each contest's file as `count LOG --out` names it) with one
/// `DIR/SHA256SUMS` listing every file. All or nothing, as evidence must
/// be: if any log fails (or two logs would share a subdirectory), each
/// failure is listed, nothing is written, and the exit code is 1. The files
/// are the same bytes whatever the number of jobs (each is rendered from
/// its log alone, and the set is put together in input order).
fn count_many_out(
    args: &CountArgs,
    dir: &std::path::Path,
    logs: &[std::path::PathBuf],
    jobs: usize,
) -> Result<(), Failure> {
    let format = args.format;
    let work = |path: &std::path::Path| -> Rendered {
        let rendered = read_log(path, "count").and_then(|loaded| {
            let (state, problems) = loaded.replay();
            if !problems.is_empty() {
                return Err(Failure::Input(problems));
            }
            let report = report(&state);
            let files = report
                .contests
                .iter()
                .map(|c| Ok((c.contest.id.clone(), format.render_contest(c)?)))
                .chain(
                    report
                        .list_contests
                        .iter()
                        .map(|c| Ok((c.contest.clone(), format.render_list_contest(c)?))),
                )
                .collect::<Result<_, Failure>>()?;
            name_files(files, format.extension())
        });
        rendered.map_err(|f| crate::many::problems(&crate::input::display(path), f))
    };
    /// A log's files (`<contest>.<ext>` and their bytes), or its problems.
    type Rendered = Result<Vec<(String, Vec<u8>)>, Vec<countroom_io::Problem>>;
    let mut outcomes: Vec<Rendered> = Vec::with_capacity(logs.len());
    crate::many::in_order(logs, jobs, work, |_, outcome| outcomes.push(outcome));
    let mut problems: Vec<countroom_io::Problem> = Vec::new();
    let mut subdirs: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    let mut set: Vec<(String, Vec<u8>)> = Vec::new();
    let mut failed = 0usize;
    for (path, outcome) in logs.iter().zip(outcomes) {
        let file = crate::input::display(path);
        let files = match outcome {
            Ok(files) => files,
            Err(errors) => {
                failed += 1;
                for e in errors {
                    eprintln!("error: {e}");
                }
                eprintln!("countroom: {file}: not counted");
                continue;
            }
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut sub = crate::files::file_stem(&stem);
        if sub.is_empty() || sub.chars().all(|c| c == '.') {
            sub = format!("log_{sub}");
        }
        let key = sub.to_ascii_lowercase();
        if key == SUMS.to_ascii_lowercase() {
            problems.push(countroom_io::Problem::new(
                &file,
                "file_name_taken",
                format!("its subdirectory {sub} would be the set's checksum list"),
            ));
            continue;
        }
        if let Some(first) = subdirs.get(&key) {
            problems.push(countroom_io::Problem::new(
                &file,
                "file_name_taken",
                format!(
                    "logs {first} and {file} would both be written to the subdirectory {sub}: rename one of them"
                ),
            ));
            continue;
        }
        subdirs.insert(key, file.clone());
        set.extend(
            files
                .into_iter()
                .map(|(name, bytes)| (format!("{sub}/{name}"), bytes)),
        );
    }
    if failed > 0 {
        eprintln!(
            "countroom: {failed} of {} count logs failed; nothing was written to {} (a set is written whole or not at all)",
            logs.len(),
            dir.display()
        );
        for p in &problems {
            eprintln!("error: {p}");
        }
        return Err(Failure::Found);
    }
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    write_set(dir, &set)?;
    eprintln!(
        "countroom: wrote {} file(s) from {} count logs and {SUMS} to {}",
        set.len(),
        logs.len(),
        dir.display()
    );
    Ok(())
}
