//! The `countroom` command-line tool: argument parsing, files, output and
//! exit codes. The only crate that touches the file system, the process or
//! the terminal; everything else is the library's.
//!
//! Exit codes: 0 success; 1 the input has problems (each listed on stderr
//! with its file, line and field); 2 the command line is wrong; 3 a file
//! could not be read or written.

// This crate is the edge of the program: it prints by design.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod accounts;
mod allocate;
mod args;
mod collate;
mod evidence;
mod files;
mod input;
mod log_cmds;
mod many;
mod output;
mod pdf;
mod results;
mod serve;
mod stv;
mod stv_check;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command, Format, StvCommand};

/// Exit code: the input has problems.
pub const EXIT_INPUT: u8 = 1;
/// Exit code: the command line is wrong.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: a file could not be read or written.
pub const EXIT_IO: u8 = 3;

/// Why a command failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Problems in the input, each with its place.
    Input(Vec<countroom_io::Problem>),
    /// A usage error.
    Usage(String),
    /// An I/O error, formatted with its path.
    Io(String),
    /// The output (already printed) lists findings: exit 1, say nothing
    /// more.
    Found,
}

impl Failure {
    /// One problem with a file (or, `file` empty, the command line).
    pub(crate) fn one(file: &str, code: &str, message: impl Into<String>) -> Failure {
        Failure::Input(vec![countroom_io::Problem::new(file, code, message)])
    }
}

/// Runs the tool with the process's arguments.
#[must_use]
pub fn main() -> ExitCode {
    run(std::env::args_os())
}

/// Runs the tool with `args` (the first is the program name).
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // Commands whose output is JSON print their problems as a JSON list.
    let json = cli.command.json();
    let result = match cli.command {
        Command::Demo(a) => output::demo(a.format, a.html_dir.as_deref()),
        Command::Count(a) => output::count(&a),
        Command::Check(a) => output::check(&a),
        Command::Verify(a) => output::verify(&a),
        Command::TallyPapers(a) => output::tally_papers(&a),
        Command::Append(a) => log_cmds::append(&a),
        Command::Upgrade(a) => log_cmds::upgrade(&a),
        Command::Collate(a) => collate::collate(&a),
        Command::Accounts(a) => accounts::accounts(&a),
        Command::SpendingLimit(a) => accounts::spending_limit(&a),
        Command::Stv(a) => match &a.command {
            Some(StvCommand::CheckSheet(c)) => stv_check::check_sheet(c),
            None => stv::stv(&a),
        },
        Command::Results(a) => results::results(&a),
        Command::Allocate(a) => allocate::allocate(&a),
        Command::Digest(a) => files::digest(&a),
        Command::Keygen(a) => evidence::keygen(&a),
        Command::Sign(a) => evidence::sign(&a),
        Command::Serve(a) => serve::serve(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // With `--format json`, the problems as a JSON list on standard
        // output, the summary line on standard error.
        Err(Failure::Input(problems)) if json => {
            let problems = countroom_io::problem::capped(problems);
            let found = countroom_io::problem::found(&problems);
            match countroom_io::problem::problems_json(&problems) {
                Ok(bytes) => {
                    if let Err(Failure::Io(msg)) = output::print(&bytes) {
                        eprintln!("error: {msg}");
                        return ExitCode::from(EXIT_IO);
                    }
                }
                Err(e) => {
                    eprintln!("error: the problems could not be written as JSON: {e}");
                }
            }
            eprintln!(
                "countroom: {found} problem{} found; nothing was written",
                if found == 1 { "" } else { "s" }
            );
            ExitCode::from(EXIT_INPUT)
        }
        // Otherwise the lines the demo also shows ([`failure_lines`]).
        Err(failure) => {
            let (code, lines) = failure_lines(failure);
            for line in lines {
                eprintln!("{line}");
            }
            ExitCode::from(code)
        }
    }
}

/// A failure as [`run`] reports it in text: its exit code and the lines
/// printed on standard error (each problem, at most 1,000 of them, then
/// the count). The demo prints the auditor's replay with this; a test
/// (`tests/demo.rs`) compares what it prints with what the command prints.
pub(crate) fn failure_lines(failure: Failure) -> (u8, Vec<String>) {
    match failure {
        Failure::Input(problems) => {
            let problems = countroom_io::problem::capped(problems);
            let found = countroom_io::problem::found(&problems);
            let mut lines: Vec<String> = problems.iter().map(|p| format!("error: {p}")).collect();
            lines.push(format!(
                "countroom: {found} problem{} found; nothing was written",
                if found == 1 { "" } else { "s" }
            ));
            (EXIT_INPUT, lines)
        }
        Failure::Found => (EXIT_INPUT, Vec::new()),
        Failure::Usage(msg) => (EXIT_USAGE, vec![format!("error: {msg}")]),
        Failure::Io(msg) => (EXIT_IO, vec![format!("error: {msg}")]),
    }
}

impl Command {
    /// Whether the command was asked for JSON (`--format json`): its
    /// problems are then printed as a JSON list on standard output.
    fn json(&self) -> bool {
        use args::{CollateFormat, FindingsFormat, StvFormat};
        match self {
            Command::Count(a) => a.format == Format::Json,
            Command::Verify(a) => a.format == Format::Json,
            Command::Check(a) => a.format == args::CheckFormat::Json,
            Command::Collate(a) => a.format == CollateFormat::Json,
            Command::Results(a) => a.format == results::ResultsFormat::Json,
            Command::Allocate(a) => a.format == allocate::AllocateFormat::Json,
            Command::Accounts(a) => a.format == args::AccountsFormat::Json,
            Command::SpendingLimit(a) => a.format == args::AccountsFormat::Json,
            Command::Stv(a) => match &a.command {
                Some(StvCommand::CheckSheet(c)) => c.format == FindingsFormat::Json,
                None => a.format == Some(StvFormat::Json),
            },
            _ => false,
        }
    }
}

impl Format {
    pub(crate) fn render(self, report: &countroom_count::Report) -> Result<Vec<u8>, Failure> {
        use countroom_io::render;
        match self {
            Format::Text => Ok(render::report_text(report)),
            Format::Json => Ok(render::report_json(report)),
            Format::Csv => Ok(render::report_csv(report)),
            Format::DcJson => render::democracy_club_json(report).map_err(|e| self.failure(&e)),
            Format::ErrJson => render::err_json(report).map_err(|e| self.failure(&e)),
            Format::ErrXml => render::err_xml(report).map_err(|e| self.failure(&e)),
            Format::Html => Ok(countroom_html::report_page(report).into_bytes()),
            Format::Pdf => pdf::print(
                &countroom_html::report_page(report),
                &match (report.contests.first(), report.list_contests.first()) {
                    (None, Some(list)) => pdf::list_header_of(list),
                    (first, _) => pdf::header_of(first, report.evidence.as_ref()),
                },
                pdf::bilingual(&report.contests),
            ),
        }
    }

    pub(crate) fn render_contest(
        self,
        contest: &countroom_count::ContestReport,
    ) -> Result<Vec<u8>, Failure> {
        use countroom_io::render;
        match self {
            Format::Text => Ok(render::contest_text(contest)),
            Format::Json => Ok(render::contest_json(contest)),
            Format::Csv => Ok(render::contest_csv(contest)),
            Format::DcJson => {
                render::democracy_club_contest_json(contest).map_err(|e| self.failure(&e))
            }
            Format::ErrJson => render::err_contest_json(contest).map_err(|e| self.failure(&e)),
            Format::ErrXml => render::err_contest_xml(contest).map_err(|e| self.failure(&e)),
            Format::Html => Ok(countroom_html::contest_page(contest).into_bytes()),
            Format::Pdf => pdf::print(
                &countroom_html::contest_page(contest),
                &pdf::header_of(Some(contest), contest.evidence.as_ref()),
                pdf::bilingual(std::slice::from_ref(contest)),
            ),
        }
    }

    /// One list contest's documents (text, JSON, CSV, HTML, PDF, and the
    /// result formats dc-json and NIST ERR).
    pub(crate) fn render_list_contest(
        self,
        contest: &countroom_count::ListContestReport,
    ) -> Result<Vec<u8>, Failure> {
        use countroom_io::render;
        match self {
            Format::Text => Ok(render::list_contest_text(contest).into_bytes()),
            Format::Json => Ok(render::list_contest_json(contest)),
            Format::Csv => Ok(render::list_contest_csv(contest)),
            Format::Html => Ok(countroom_html::list_contest_page(contest).into_bytes()),
            Format::Pdf => pdf::print(
                &countroom_html::list_contest_page(contest),
                &pdf::list_header_of(contest),
                false,
            ),
            Format::DcJson => {
                render::democracy_club_list_contest_json(contest).map_err(|e| self.failure(&e))
            }
            Format::ErrJson => render::err_list_contest_json(contest).map_err(|e| self.failure(&e)),
            Format::ErrXml => render::err_list_contest_xml(contest).map_err(|e| self.failure(&e)),
        }
    }

    /// A result format that cannot be written: nothing is printed.
    fn failure(self, e: &countroom_io::render::ResultFormatError) -> Failure {
        let name = match self {
            Format::DcJson => "dc-json",
            Format::ErrJson => "err-json",
            Format::ErrXml => "err-xml",
            Format::Text | Format::Json | Format::Csv | Format::Html | Format::Pdf => {
                "the document"
            }
        };
        Failure::Input(vec![countroom_io::Problem::new(
            format!("--format {name}"),
            "result_format",
            e.to_string(),
        )])
    }

    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::DcJson => "dc.json",
            Format::ErrJson => "err.json",
            Format::ErrXml => "err.xml",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}
