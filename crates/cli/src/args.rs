//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "Exit codes:
  0  success
  1  the input has problems (each is listed with its file, line and field; nothing is written)
  2  the command line is wrong
  3  a file could not be read or written";

/// Verify and count UK elections, and produce their results as the law requires.
#[derive(Debug, Parser)]
#[command(name = "countroom", version, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Run the shipped examples end to end (a three-member ward with table
    /// counts, a re-count and an equality of votes settled by lot; a mayor
    /// elected by the supplementary vote from ballot papers; a combined
    /// authority mayor collated from three areas) and print their documents.
    #[command(after_help = EXIT_CODES)]
    Demo(DemoArgs),
    /// Replay a count log and produce its documents: the declaration of
    /// result (or the provisional result sheet while counting), the
    /// statement of rejected ballot papers, reconciliation, turnout, lots
    /// and re-counts.
    #[command(after_help = EXIT_CODES)]
    Count(CountArgs),
    /// Print the verification statements (each box against its ballot paper
    /// account, postal papers, total verified per poll), the tendered papers
    /// statements and the box-by-box progress view.
    #[command(after_help = EXIT_CODES)]
    Verify(VerifyArgs),
    /// Check a count log (and any CSV inputs) and list every problem with
    /// its file, line and field.
    #[command(after_help = EXIT_CODES)]
    Check(InputArgs),
    /// Adjudicate and count a CSV of individual ballot papers and print the
    /// `paper_batch_counted` log entry to append to the log.
    #[command(after_help = EXIT_CODES)]
    TallyPapers(TallyPapersArgs),
    /// Collate local totals: read area result files (the Electoral
    /// Commission's area CSV layout, one row per counting area), check each
    /// total, authorise those whose figures agree or whose variances are
    /// explained, and sum them to regions and the whole poll. Directories
    /// are read for their `.csv` files, in name order.
    #[command(after_help = EXIT_CODES)]
    Collate(CollateArgs),
    /// Count a BLT ballot file by the single transferable vote and print
    /// the stage sheet: every stage's action, each candidate's transfer and
    /// total, non-transferable votes and the loss to truncation, who is
    /// elected or excluded. A tie the rules settle by lot needs `--lots`
    /// (lots drawn at the count) or `--seed` (a rehearsal draw); without
    /// one the count stops and names the stage and the tied candidates.
    #[command(after_help = EXIT_CODES)]
    Stv(StvArgs),
}

/// STV rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StvRulesArg {
    /// Scottish Local Government Elections Order 2011, Sch 1 rr.46-53.
    Scotland,
    /// Electoral Law Act (Northern Ireland) 1962, Sch 5 rr.46-52.
    Ni,
}

/// Output of `stv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StvFormat {
    /// The stage sheet in the layout of the official Scottish sheets.
    Text,
    /// The stage sheet as JSON.
    Json,
    /// Two rows per stage (transfers, totals), a column per candidate.
    Csv,
}

#[derive(Debug, Args)]
pub(crate) struct StvArgs {
    /// The rules to count by.
    #[arg(long, value_enum)]
    pub(crate) rules: StvRulesArg,
    /// The ballot file (BLT).
    pub(crate) ballots: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StvFormat::Text)]
    pub(crate) format: StvFormat,
    /// Lots drawn at the count: CSV `stage,purpose,tied,chosen` (purpose
    /// `surplus_order` or `exclusion`; 1-based candidate numbers, tied ones
    /// separated by spaces).
    #[arg(long, value_name = "FILE")]
    pub(crate) lots: Option<PathBuf>,
    /// Draw lots not recorded in `--lots` from this published seed (for
    /// rehearsals); every draw is recorded on the sheet.
    #[arg(long, value_name = "SEED")]
    pub(crate) seed: Option<String>,
}

/// Output of `collate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CollateFormat {
    /// The collation statement: areas not authorised, regions, the result.
    Text,
    /// The area CSV (the 2016 EU referendum layout for a referendum).
    AreasCsv,
    /// One row per region and one for the whole poll.
    SummaryCsv,
}

#[derive(Debug, Args)]
pub(crate) struct CollateArgs {
    /// Local totals CSV files, or directories of them.
    #[arg(required = true)]
    pub(crate) inputs: Vec<PathBuf>,
    /// The ruleset of the poll (its heads and counting method).
    #[arg(long, value_name = "CODE", default_value = "uk-referendum")]
    pub(crate) ruleset: String,
    /// The poll's name, for messages.
    #[arg(long, value_name = "NAME", default_value = "poll")]
    pub(crate) poll: String,
    /// Published totals: every total is taken as authorised, and a variance
    /// without an explanation in the file is recorded as "as published".
    #[arg(long)]
    pub(crate) published: bool,
    #[arg(long, value_enum, default_value_t = CollateFormat::Text)]
    pub(crate) format: CollateFormat,
}

#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

/// Output format of the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// What is read out and posted.
    Text,
    /// The report as JSON.
    Json,
    /// One long table: contest,run,section,key,label,value.
    Csv,
    /// Each contest's result in Democracy Club's JSON shape (results only).
    DcJson,
}

#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// The count log (JSON Lines; see docs/count-log.md).
    pub(crate) log: PathBuf,
    /// A CSV of individual ballot papers to count into the contest's current
    /// run (see docs/formats.md). If the log already records a batch from a
    /// file with the same SHA-256, the file is re-counted and checked
    /// against the log instead (an auditor's replay).
    #[arg(long, value_name = "CSV")]
    pub(crate) papers: Vec<PathBuf>,
    /// A CSV of bundle counts to add (see docs/formats.md).
    #[arg(long, value_name = "CSV")]
    pub(crate) bundles: Vec<PathBuf>,
    /// A CSV table of ballot boxes and their ballot paper accounts (see
    /// docs/formats.md); boxes not defined in the log are defined by it.
    #[arg(long, value_name = "CSV")]
    pub(crate) accounts: Vec<PathBuf>,
    /// A CSV of verification counts of boxes (see docs/formats.md).
    #[arg(long, value_name = "CSV")]
    pub(crate) counts: Vec<PathBuf>,
    /// The contest the ballot-paper and bundle CSV files are for (default:
    /// the log's only contest).
    #[arg(long, value_name = "ID")]
    pub(crate) contest: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct CountArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Write one file per contest (`<contest>.<txt|json|csv>`) into this
    /// directory instead of printing. Each file is written atomically, and
    /// nothing is written if the input has problems.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct TallyPapersArgs {
    /// The count log.
    pub(crate) log: PathBuf,
    /// The CSV of individual ballot papers.
    pub(crate) papers: PathBuf,
    /// The contest (default: the log's only contest).
    #[arg(long, value_name = "ID")]
    pub(crate) contest: Option<String>,
    /// The batch id (default: `batch-<N>`, the next free number).
    #[arg(long, value_name = "ID")]
    pub(crate) batch: Option<String>,
    /// Who is recording the entry.
    #[arg(long, value_name = "WHO", default_value = "countroom tally-papers")]
    pub(crate) by: String,
}
