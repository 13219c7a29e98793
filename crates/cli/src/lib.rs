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
mod args;
mod collate;
mod evidence;
mod files;
mod input;
mod log_cmds;
mod output;
mod results;
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
    /// Problems in the input, each already formatted with its place.
    Input(Vec<String>),
    /// A usage error.
    Usage(String),
    /// An I/O error, formatted with its path.
    Io(String),
    /// The output (already printed) lists findings: exit 1, say nothing
    /// more.
    Found,
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
    let result = match cli.command {
        Command::Demo(a) => output::demo(a.format),
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
        Command::Digest(a) => files::digest(&a),
        Command::Keygen(a) => evidence::keygen(&a),
        Command::Sign(a) => evidence::sign(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(problems)) => {
            for p in &problems {
                eprintln!("error: {p}");
            }
            eprintln!(
                "countroom: {} problem{} found; nothing was written",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
            ExitCode::from(EXIT_INPUT)
        }
        Err(Failure::Found) => ExitCode::from(EXIT_INPUT),
        Err(Failure::Usage(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(Failure::Io(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(EXIT_IO)
        }
    }
}

impl Format {
    pub(crate) fn render(self, report: &countroom_count::Report) -> Vec<u8> {
        use countroom_io::render;
        match self {
            Format::Text => render::report_text(report),
            Format::Json => render::report_json(report),
            Format::Csv => render::report_csv(report),
            Format::DcJson => render::democracy_club_json(report),
        }
    }

    pub(crate) fn render_contest(self, contest: &countroom_count::ContestReport) -> Vec<u8> {
        use countroom_io::render;
        match self {
            Format::Text => render::contest_text(contest),
            Format::Json => render::contest_json(contest),
            Format::Csv => render::contest_csv(contest),
            Format::DcJson => render::democracy_club_contest_json(contest),
        }
    }

    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::DcJson => "dc.json",
        }
    }
}
