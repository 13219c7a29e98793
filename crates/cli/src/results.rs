//! `countroom results`: published results checked contest by contest and
//! summed by party; optionally the count log the figures imply.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use countroom_collate::published::{
    check_results, previous_totals, PublishedResults, ResultsProblem, ResultsReport,
};
use countroom_io::published::{self, ColumnMap, LogOptions};

use crate::input::{display, read_file};
use crate::output::print;
use crate::Failure;

/// Output format of `countroom results`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ResultsFormat {
    /// Problems, each contest and the summary by party.
    Text,
    /// The whole report as JSON, each problem with its code.
    Json,
    /// One table: a row per problem, contest, candidate and party.
    Csv,
    /// A self-contained HTML page (inline CSS and SVG chart, no scripts,
    /// nothing fetched), printable on A4.
    Html,
    /// The HTML printed to an A4 PDF through headless Chromium; needs
    /// Chromium installed.
    Pdf,
}

#[derive(Debug, Args)]
pub(crate) struct ResultsArgs {
    /// The results CSV: one row per candidate (contest, candidate, party,
    /// votes, optional elected flag). The House of Commons Library's and
    /// Democracy Club's column names are recognised.
    pub(crate) results: PathBuf,
    /// A contests CSV: one row per contest (electorate, valid votes,
    /// rejected or invalid votes in all or by head, papers counted, seats,
    /// office, authority, ruleset, term end, majority, the member
    /// returned).
    #[arg(long, value_name = "CSV")]
    pub(crate) contests: Option<PathBuf>,
    /// The previous election's results CSV (same layout), for the change
    /// in seats and share by party.
    #[arg(long, value_name = "CSV")]
    pub(crate) previous: Option<PathBuf>,
    /// Columns of another layout: ROLE=HEADER pairs separated by commas
    /// (roles: contest, contest_name, candidate, candidate_first,
    /// candidate_surname, party, votes, elected, country, electorate,
    /// valid, rejected, papers, seats, office, majority, winner,
    /// winner_first, winner_surname, second, authority, ruleset,
    /// term_ends; `ignore=HEADER` leaves a column out).
    #[arg(long, value_name = "ROLE=HEADER,…")]
    pub(crate) columns: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ResultsFormat::Text)]
    pub(crate) format: ResultsFormat,
    /// Write the count log (version 2) the figures imply to this file
    /// (atomically; needs `--date` and each contest's electorate).
    #[arg(long, value_name = "OUT.jsonl", requires = "date")]
    pub(crate) log: Option<PathBuf>,
    /// The poll date, `YYYY-MM-DD`: it settles each contest's ruleset (a
    /// mayor's or PCC's counting method changed with the date), and is the
    /// log's poll date with `--log`.
    #[arg(long, value_name = "DATE")]
    pub(crate) date: Option<String>,
    /// The election's id in the log (for `--log`).
    #[arg(long, value_name = "ID", default_value = "published")]
    pub(crate) election: String,
    /// Published figures: votes that do not sum to the valid votes, papers
    /// that are not valid + rejected and a majority that is not the lead
    /// are listed on the report, with both figures, instead of refusing the
    /// file.
    #[arg(long)]
    pub(crate) published: bool,
}

fn problems(list: &[ResultsProblem]) -> Failure {
    Failure::Input(
        list.iter()
            .map(countroom_io::problem::from_results)
            .collect(),
    )
}

fn read(path: &std::path::Path, map: &ColumnMap) -> Result<PublishedResults, Failure> {
    let bytes = read_csv(path)?;
    published::read_results(&display(path), &bytes, map).map_err(|p| problems(&p))
}

/// Reads a CSV file for `results`; a file of another kind (a count log, a
/// BLT ballot file, other JSON) is one problem saying what it looks like,
/// as `count`, `collate` and `stv` say (an empty file is the reader's
/// `empty_file`).
fn read_csv(path: &std::path::Path) -> Result<Vec<u8>, Failure> {
    let bytes = read_file(path)?;
    match countroom_io::problem::wrong_kind(&bytes, "results", false) {
        Some(message) => Err(Failure::one(&display(path), "wrong_kind_of_file", message)),
        None => Ok(bytes),
    }
}

pub(crate) fn results(args: &ResultsArgs) -> Result<(), Failure> {
    let map = match &args.columns {
        Some(spec) => ColumnMap::parse(spec).map_err(|p| Failure::Usage(p.kind.to_string()))?,
        None => ColumnMap::default(),
    };
    let poll_date = match &args.date {
        Some(d) => Some(
            time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]"))
                .map_err(|_| Failure::Usage(format!("--date {d:?}: not a date (YYYY-MM-DD)")))?,
        ),
        None => None,
    };
    let bytes = read_csv(&args.results)?;
    let mut results =
        published::read_results(&display(&args.results), &bytes, &map).map_err(|p| problems(&p))?;
    if let Some(path) = &args.contests {
        let contests = read_csv(path)?;
        published::read_contests(&display(path), &contests, &map, poll_date, &mut results)
            .map_err(|p| problems(&p))?;
    }
    let previous = match &args.previous {
        Some(path) => Some(previous_totals(&read(path, &map)?)),
        None => None,
    };
    let report = check_results(&results, previous.as_ref());
    if !args.published {
        let refused: Vec<ResultsProblem> = report
            .problems
            .iter()
            .filter(|p| p.kind.is_inconsistency())
            .cloned()
            .collect();
        if !refused.is_empty() {
            let mut failure = problems(&refused);
            if let Failure::Input(list) = &mut failure {
                list.push(countroom_io::Problem::new(
                    display(&args.results),
                    "figures_disagree",
                    "these published figures disagree with one another; give --published to list them on the report instead",
                ));
            }
            return Err(failure);
        }
    }
    if let Some(out) = &args.log {
        let options = LogOptions::new(
            args.election.clone(),
            published::election_name(&display(&args.results)),
            args.date.clone().unwrap_or_default(),
            "countroom-results",
        );
        let log = published::implied_log(&results, &options).map_err(|p| problems(&p))?;
        check_log(&log, &display(out))?;
        crate::files::write_atomically(out, &log)?;
        // Said on standard error, since a declaration left out changes
        // what `count` makes of the log.
        for (contest, why) in published::not_declared(&results) {
            eprintln!(
                "note: {}: contest {contest}: no result_declared written: {why}",
                display(out)
            );
        }
    }
    let sha = countroom_io::sha256_hex(&bytes);
    let text = render(&report, args.format, &sha)?;
    print(&text)?;
    if report.problems.is_empty() {
        Ok(())
    } else {
        eprintln!(
            "countroom: the report lists {} (exit code 1){}",
            published::how_many(report.problems.len() as u64, "problem"),
            match &args.log {
                Some(out) => format!(
                    "; {} was written, declaring no contest the report lists a problem for",
                    display(out)
                ),
                None => String::new(),
            }
        );
        Err(Failure::Found)
    }
}

/// The log written is replayed before it is written: a log that would not
/// replay (a bad date) is refused, and nothing is written.
fn check_log(log: &[u8], name: &str) -> Result<(), Failure> {
    let parsed = countroom_log::read(log).map_err(|e| {
        Failure::Input(
            e.iter()
                .map(|x| countroom_io::problem::from_log_read(name, x))
                .collect(),
        )
    })?;
    let (_, found) = countroom_count::replay_log(&parsed);
    if found.is_empty() {
        Ok(())
    } else {
        Err(Failure::Input(
            found
                .iter()
                .map(|p| countroom_io::problem::from_replay(&format!("{name} (not written)"), p))
                .collect(),
        ))
    }
}

pub(crate) fn render(
    report: &ResultsReport,
    format: ResultsFormat,
    sha: &str,
) -> Result<Vec<u8>, Failure> {
    match format {
        ResultsFormat::Text => Ok(published::report_text(report, sha)),
        ResultsFormat::Json => published::report_json(report, sha)
            .map_err(|e| Failure::Io(format!("the JSON report could not be written: {e}"))),
        ResultsFormat::Csv => published::report_csv(report)
            .map_err(|e| Failure::Io(format!("the CSV report could not be written: {e}"))),
        ResultsFormat::Html => Ok(countroom_html::results_page(report, sha).into_bytes()),
        ResultsFormat::Pdf => crate::pdf::print(
            &countroom_html::results_page(report, sha),
            &format!("Published results checked · {}", report.file),
            false,
        ),
    }
}

const DEMO_RESULTS: &[u8] = include_bytes!("../../../examples/data/published/results.csv");
const DEMO_CONTESTS: &[u8] = include_bytes!("../../../examples/data/published/contests.csv");
const DEMO_PREVIOUS: &[u8] = include_bytes!("../../../examples/data/published/previous.csv");

/// The demo's published results, checked: what `countroom results
/// examples/data/published/results.csv --contests … --previous …` prints.
pub(crate) fn demo_results() -> Result<Vec<u8>, Failure> {
    let map = ColumnMap::default();
    let file = "examples/data/published/results.csv";
    let mut results =
        published::read_results(file, DEMO_RESULTS, &map).map_err(|p| problems(&p))?;
    published::read_contests(
        "examples/data/published/contests.csv",
        DEMO_CONTESTS,
        &map,
        None,
        &mut results,
    )
    .map_err(|p| problems(&p))?;
    let previous =
        published::read_results("examples/data/published/previous.csv", DEMO_PREVIOUS, &map)
            .map_err(|p| problems(&p))?;
    let report = check_results(&results, Some(&previous_totals(&previous)));
    Ok(published::report_text(
        &report,
        &countroom_io::sha256_hex(DEMO_RESULTS),
    ))
}
