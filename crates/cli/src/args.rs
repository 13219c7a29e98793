//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "Exit codes:
  0  success
  1  the input has problems (each is listed with its file, line and field; nothing is written)
  2  the command line is wrong
  3  a file could not be read or written";

const RESULTS_EXIT_CODES: &str = "Exit codes:
  0  the report is printed and lists no problem (--log written)
  1  the report is printed and lists problems (--log written, with no declaration for a contest with a problem);
     or the input is refused (each problem with its file, line and field; nothing printed or written)
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
    /// authority mayor collated from three areas; then accounts, an STV
    /// ward, published results, local polls and referendums, and list polls:
    /// twelve parts) and print their documents.
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
    Check(CheckArgs),
    /// Adjudicate and count a CSV of individual ballot papers and append
    /// the `paper_batch_counted` entry to the log (`--print`: only print
    /// it).
    #[command(after_help = EXIT_CODES)]
    TallyPapers(TallyPapersArgs),
    /// Append entries to a count log: each is checked against the count it
    /// joins (nothing is appended if any has a problem), numbered, and
    /// linked to the chain; the log is replaced atomically.
    #[command(after_help = EXIT_CODES)]
    Append(crate::log_cmds::AppendArgs),
    /// Rewrite a version 1 count log as version 2 (hash-chained), recording
    /// the upgrade in a `log_upgraded` entry; in place unless `--out`.
    #[command(after_help = EXIT_CODES)]
    Upgrade(crate::log_cmds::UpgradeArgs),
    /// Collate local totals: read area result files (the Electoral
    /// Commission's area CSV layout, one row per counting area), check each
    /// total, authorise those whose figures agree or whose variances are
    /// explained, and sum them to regions and the whole poll. Directories
    /// are read for their `.csv` files, in name order.
    #[command(after_help = EXIT_CODES)]
    Collate(CollateArgs),
    /// Election accounts: apportion the cost ledger of combined polls
    /// (RPA 1985 s.15(4)), and make each poll's claim against its maximum
    /// recoverable amounts (RPA 1983 s.29) or its account against the
    /// council's scale (s.36(4)), with the apportionment schedule.
    #[command(after_help = EXIT_CODES)]
    Accounts(AccountsArgs),
    /// A candidate's spending limit, with its working, and the deadline for
    /// the return of election expenses.
    #[command(after_help = EXIT_CODES)]
    SpendingLimit(SpendingArgs),
    /// Count a BLT ballot file (valid papers only), or a ballot-paper CSV
    /// with `--papers` (every paper, adjudicated under the rules), by the
    /// single transferable vote and print the stage sheet: every stage's
    /// action, each candidate's transfer and total, non-transferable votes
    /// and the loss to truncation, who is elected or excluded; from papers,
    /// also the statement of rejected ballot papers. A tie the rules settle
    /// by lot needs `--lots` (lots drawn at the count) or `--seed` (a
    /// rehearsal draw); without one the count stops and names the stage and
    /// the tied candidates. Doubtful papers need `--decisions`.
    #[command(after_help = EXIT_CODES)]
    Stv(StvArgs),
    /// Check published results (one row per candidate: the Commons
    /// Library's and Democracy Club's layouts are recognised): votes sum to
    /// the valid votes, valid + rejected = papers, the candidates returned
    /// are those the votes elect (a different published winner is the
    /// headline problem), equalities at the last seat; then each contest
    /// and the summary by party (seats, votes, share, change against
    /// `--previous`). `--log` writes the count log the figures imply,
    /// declaring only what the published result declares.
    #[command(after_help = RESULTS_EXIT_CODES)]
    Results(crate::results::ResultsArgs),
    /// Allocate list seats from votes by D'Hondt (`--method dhondt`, the
    /// Senedd from 2026) or the additional member system (`--method ams`:
    /// Scottish Parliament and Senedd regions, the London-wide seats), in
    /// exact figures (votes ÷ divisor): every round, the next figure, the
    /// seats by party and, with `--lists`, the members. An equality is
    /// settled as `--ties` says, a lot only from `--lots`, never guessed.
    #[command(after_help = EXIT_CODES)]
    Allocate(crate::allocate::AllocateArgs),
    /// Print each file's SHA-256 as sixteen groups of four hex digits, to be
    /// read aloud at the count, then two spaces and the file's name.
    #[command(after_help = EXIT_CODES)]
    Digest(DigestArgs),
    /// Make a key to sign checkpoints with: the secret in PREFIX.key (mode
    /// 0600) and the public key, for the signer's appointment, in PREFIX.pub.
    #[command(after_help = EXIT_CODES)]
    Keygen(KeygenArgs),
    /// Sign the log: append a `checkpoint_signed` entry over its chain head
    /// with the key appointed for PERSON, and print the new chain head.
    #[command(after_help = EXIT_CODES)]
    Sign(SignArgs),
    /// Serve the documents of a count log that is still being written, as
    /// pages that update themselves when entries are appended (the live
    /// results screen): the contests with their status, each contest's
    /// documents with the count by table, and the ballot boxes' progress.
    /// Read-only; bound to loopback unless `--bind` says otherwise. Prints
    /// `listening on http://ADDRESS:PORT/` and serves until stopped.
    #[command(after_help = EXIT_CODES)]
    Serve(crate::serve::ServeArgs),
}

#[derive(Debug, Args)]
pub(crate) struct KeygenArgs {
    /// Where to write: PREFIX.key and PREFIX.pub (never overwritten).
    #[arg(long, value_name = "PREFIX")]
    pub(crate) out: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// The count log (version 2).
    pub(crate) log: PathBuf,
    /// The secret key file (from `countroom keygen`).
    #[arg(long, value_name = "FILE")]
    pub(crate) key: PathBuf,
    /// The signer: the `person` of their appointment in the log.
    #[arg(long, value_name = "PERSON")]
    pub(crate) by: String,
    /// When, as recorded (free text, typically RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub(crate) at: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct DigestArgs {
    /// The files.
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
}

/// The family of STV rules (the poll date picks the instrument).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StvRulesArg {
    /// The Scottish local government rules: the Scottish Local Government
    /// Elections Order 2007 for the 2007 polls, the 2011 Order from 2012.
    Scotland,
    /// The Northern Ireland rules: Electoral Law Act (Northern Ireland)
    /// 1962, Sch 5.
    Ni,
}

/// Output of `stv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StvFormat {
    /// The stage sheet in the layout of the official Scottish sheets.
    Text,
    /// The stage sheet as JSON.
    Json,
    /// A tidy table: one row per stage per candidate (and per stage for
    /// the non-transferable votes and the loss to truncation).
    Csv,
    /// A self-contained HTML page (inline CSS and SVG charts, no scripts,
    /// nothing fetched), printable on A4.
    Html,
    /// The HTML printed to an A4 PDF through headless Chromium (page N of
    /// M, signature and date lines); needs Chromium installed.
    Pdf,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["ballots", "papers"])))]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct StvArgs {
    /// Check a published stage sheet instead of counting.
    #[command(subcommand)]
    pub(crate) command: Option<StvCommand>,
    /// The rules to count by (required when counting).
    #[arg(long, value_enum, required = true)]
    pub(crate) rules: Option<StvRulesArg>,
    /// The ballot file (BLT). Several files, or directories (their `.blt`
    /// files, in name order), are counted as many contests in one run:
    /// one JSON object per contest as JSON Lines in input order, then a
    /// summary line (or `--out DIR`); a contest that fails does not stop
    /// the others, and the exit code is 1 if any failed.
    #[arg(value_name = "BALLOTS.blt|DIR")]
    pub(crate) ballots: Vec<PathBuf>,
    /// Contests counted at once with several ballot files (default: the
    /// cores available). The output is the same whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..), allow_negative_numbers = true)]
    pub(crate) jobs: Option<u16>,
    /// With several ballot files: write one stage sheet per contest (in
    /// `--format`, named from the file) and `summary.json` into DIR, with
    /// their `SHA256SUMS`, all or nothing, instead of JSON Lines on
    /// standard output.
    #[arg(long, value_name = "DIR", conflicts_with = "papers")]
    pub(crate) out: Option<PathBuf>,
    /// The largest ballot file read, in bytes (default 1 GiB): a larger
    /// file is refused before it is read, and a file growing past it while
    /// being read is refused at the limit.
    #[arg(long, value_name = "BYTES", conflicts_with = "papers", allow_negative_numbers = true, value_parser = crate::args::whole::<u64>)]
    pub(crate) max_bytes: Option<u64>,
    /// A ballot-paper CSV (`paper,official_mark,identifying_mark`, then a
    /// column per candidate in ballot-paper order, preferences as figures)
    /// instead of a BLT file; needs `--seats`.
    #[arg(long, value_name = "PAPERS.csv", requires = "seats")]
    pub(crate) papers: Option<PathBuf>,
    /// Seats to fill (with `--papers`).
    #[arg(
        long,
        value_name = "N",
        requires = "papers",
        conflicts_with = "ballots", allow_negative_numbers = true, value_parser = crate::args::whole::<usize>)]
    pub(crate) seats: Option<usize>,
    /// The contest title on the sheet (with `--papers`; default the file's
    /// name).
    #[arg(
        long,
        value_name = "T",
        requires = "papers",
        conflicts_with = "ballots"
    )]
    pub(crate) title: Option<String>,
    /// The Returning Officer's decisions on doubtful papers (with
    /// `--papers`): CSV `paper,decision,preferences,head` (decision `valid`
    /// with 1-based candidate numbers in order of preference, or `rejected`
    /// with a head code).
    #[arg(
        long,
        value_name = "FILE",
        requires = "papers",
        conflicts_with = "ballots"
    )]
    pub(crate) decisions: Option<PathBuf>,
    /// Output format (default text; several contests on standard output
    /// are JSON Lines).
    #[arg(long, value_enum)]
    pub(crate) format: Option<StvFormat>,
    /// Lots drawn at the count: CSV `stage,purpose,tied,chosen` (purpose
    /// `surplus_order` or `exclusion`; 1-based candidate numbers, tied ones
    /// separated by spaces).
    #[arg(long, value_name = "FILE")]
    pub(crate) lots: Option<PathBuf>,
    /// Draw lots not recorded in `--lots` from this published seed (for
    /// rehearsals); every draw is recorded on the sheet, and every format
    /// is headed as a rehearsal, never a declared result.
    #[arg(long, value_name = "SEED")]
    pub(crate) seed: Option<String>,
    /// The poll date (YYYY-MM-DD): picks the instrument named on the sheet
    /// (default: a date in the contest title; otherwise the sheet says the
    /// date was not given).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) date: Option<String>,
    /// With `--papers`: write the statement of rejected ballot papers and
    /// the account of the papers as CSV to this file (needed with
    /// `--format csv`, whose standard output is the stage sheet alone).
    #[arg(long, value_name = "FILE", requires = "papers")]
    pub(crate) rejected_out: Option<PathBuf>,
}

/// What `stv` does besides counting a file.
#[derive(Debug, Subcommand)]
pub(crate) enum StvCommand {
    /// Check a published stage sheet without the ballots: the quota, that
    /// every stage balances, who is elected or excluded next and in what
    /// order by the rules, transfers within their bounds and to continuing
    /// candidates only, and that the count stops when the rules say. Prints
    /// each departure with its stage and rule; exits 1 when there are any.
    /// Every figure must be a whole number of the rules' units (hundredths
    /// under the NI rules, 0.00001 under the Scottish). SHEET is the text
    /// sheet `countroom stv` writes, the CSV `countroom stv --format csv`
    /// writes (needs `--seats`), an official Scottish "Candidate Votes Per
    /// Stage" report as text or CSV, or an NI count sheet (a directory holding `Count.csv`,
    /// `ConstituencyCount.csv` and `NonTransferable.csv`, or its
    /// `Count.csv`).
    #[command(after_help = CHECK_SHEET_EXIT_CODES)]
    CheckSheet(CheckSheetArgs),
}

const CHECK_SHEET_EXIT_CODES: &str = "Exit codes:
  0  no findings
  1  findings (listed on standard output; nothing is written), or the sheet cannot be read
     or is of the wrong kind (each problem with its file, line and field)
  2  the command line is wrong
  3  a file could not be read";

/// Output of `stv check-sheet`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FindingsFormat {
    /// One line per finding.
    Text,
    /// JSON: the sheet, the rules and the findings.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct CheckSheetArgs {
    /// The published sheet (a file, or an NI count-sheet directory).
    pub(crate) sheet: PathBuf,
    /// The rules the count followed.
    #[arg(long, value_enum)]
    pub(crate) rules: StvRulesArg,
    /// Seats (for a sheet that does not state them: the tool's CSV).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = crate::args::whole::<usize>)]
    pub(crate) seats: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FindingsFormat::Text)]
    pub(crate) format: FindingsFormat,
}

/// Output of `accounts` and `spending-limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AccountsFormat {
    /// As printed: for `accounts`, the claim or account of each poll and
    /// the schedule; for `spending-limit`, the limit and how it is made up.
    Text,
    /// JSON.
    Json,
    /// One long CSV table.
    Csv,
    /// A self-contained HTML page (inline CSS and SVG charts, no scripts,
    /// nothing fetched), printable on A4.
    Html,
    /// The HTML printed to an A4 PDF through headless Chromium (page N of
    /// M, signature and date lines); needs Chromium installed.
    Pdf,
}

#[derive(Debug, Args)]
pub(crate) struct AccountsArgs {
    /// The cost ledger (CSV).
    pub(crate) ledger: PathBuf,
    /// The polls of the combination (CSV).
    #[arg(long, value_name = "CSV")]
    pub(crate) polls: PathBuf,
    /// Maximum recoverable amounts per poll (CSV); needed for every poll
    /// claimed under a charges order.
    #[arg(long, value_name = "CSV")]
    pub(crate) caps: Option<PathBuf>,
    /// The council's scale of fees and charges (CSV), for local polls.
    #[arg(long, value_name = "CSV")]
    pub(crate) scale: Option<PathBuf>,
    /// Requests for and grants of authorisation above a maximum
    /// recoverable amount (CSV; RPA 1983 s.29(3B)).
    #[arg(long, value_name = "CSV")]
    pub(crate) authorisations: Option<PathBuf>,
    /// Print only the claim as submitted: each claim's schedule in the
    /// order's order (heads, amounts claimed, caps, authorised amounts,
    /// advance, balance), not the working or the apportionment.
    #[arg(long)]
    pub(crate) claim_form: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AccountsFormat::Text)]
    pub(crate) format: AccountsFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

/// The election a spending limit is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SpendingElection {
    /// UK Parliamentary, short campaign (RPA 1983 s.76(2)(a)).
    UkpgeShort,
    /// UK Parliamentary general election, long campaign (s.76ZA).
    UkpgeLong,
    /// English local government election (s.76(2)(b); joint candidates s.77).
    Local,
    /// A non-party campaigner at an English local election (s.75).
    NonPartyLocal,
}

/// Borough or county constituency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ConstituencyArg {
    /// Borough (burgh) constituency.
    Borough,
    /// County constituency.
    County,
}

/// Which figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FiguresArg {
    /// The current figures (UK Parliamentary: 2024).
    Current,
    /// The previous figures (UK Parliamentary: 2015–2019).
    Previous,
}

#[derive(Debug, Args)]
pub(crate) struct SpendingArgs {
    /// The election.
    #[arg(long, value_enum)]
    pub(crate) election: SpendingElection,
    /// Electors on the register on the last day for publication of the
    /// notice of election.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole::<u64>)]
    pub(crate) electors: u64,
    /// Borough or county (UK Parliamentary).
    #[arg(long, value_enum)]
    pub(crate) constituency: Option<ConstituencyArg>,
    /// Which figures.
    #[arg(long, value_enum, default_value_t = FiguresArg::Current)]
    pub(crate) figures: FiguresArg,
    /// Joint candidates standing together (local), 1 for a candidate alone.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = crate::args::whole::<u32>)]
    pub(crate) joint: u32,
    /// The month of the Parliament in which it was dissolved (long campaign).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = crate::args::whole::<u32>)]
    pub(crate) dissolved_in_month: Option<u32>,
    /// The day the result was declared (YYYY-MM-DD): also print the return deadline.
    #[arg(long, value_name = "DATE")]
    pub(crate) declared: Option<String>,
    /// Non-working days (bank holidays, Christmas Eve, Good Friday, …), one
    /// YYYY-MM-DD a line.
    #[arg(long, value_name = "FILE")]
    pub(crate) non_working: Option<PathBuf>,
    /// Days after the declaration the return is due (RPA 1983 s.81(1): 35).
    #[arg(long, default_value_t = countroom_accounts::spending::RETURN_DAYS, allow_negative_numbers = true, value_parser = crate::args::whole::<u32>)]
    pub(crate) return_days: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AccountsFormat::Text)]
    pub(crate) format: AccountsFormat,
}

/// Output of `collate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CollateFormat {
    /// The collation statement: areas not authorised, areas whose expected,
    /// verified and counted papers differ, regions, the result.
    Text,
    /// The collation as JSON: every area's figures and check, the regions,
    /// the poll and the result.
    Json,
    /// The area CSV (the 2016 EU referendum layout for a referendum).
    AreasCsv,
    /// One row per region and one for the whole poll.
    SummaryCsv,
    /// The collation by region as a self-contained HTML page, with a chart
    /// of each region's votes.
    Html,
    /// The HTML printed to an A4 PDF through headless Chromium.
    Pdf,
    /// NIST SP 1500-100 Election Results Reporting v2, JSON: the poll as
    /// one contest, its regions and counting areas as reporting units
    /// (needs `--date`).
    ErrJson,
    /// The same document as XML (needs `--date`).
    ErrXml,
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
    /// without an explanation in the file is recorded as "as published";
    /// an area may publish only its votes (no papers going forward, no
    /// rejected papers: shown as "not published"), and only `Area_Code`
    /// and the choices' columns are required.
    #[arg(long)]
    pub(crate) published: bool,
    /// The poll's choices (answers or candidates) in ballot-paper order,
    /// as their columns are headed, e.g. "Remain,Leave": any other column
    /// that is not a column of the local totals format is refused.
    /// Without it, the answers the ruleset carries for the poll (for
    /// uk-referendum, those of the referendum held on --date), checked the
    /// same way; failing those, every such column is taken for a choice.
    #[arg(long, value_name = "A,B,…", value_delimiter = ',')]
    pub(crate) choices: Option<Vec<String>>,
    /// The paragraph of the instrument's schedule of questions that the
    /// poll asks, where the ruleset carries several (governance-referendum-2012:
    /// SI 2012/323 Sch 1 paras 1-6): without --choices, its two answers are
    /// the choices (columns `Leader`, `Committees`, `Mayor`).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = crate::args::whole::<u8>)]
    pub(crate) question: Option<u8>,
    /// The poll date, `YYYY-MM-DD` (for `--format err-json|err-xml`: the
    /// election's dates in the standard's document; without --choices, it
    /// names the referendum whose answers are taken, e.g. 2016-06-23).
    #[arg(long, value_name = "DATE")]
    pub(crate) date: Option<String>,
    /// The seats the poll fills: needed, as 1, under a ruleset whose polls
    /// may fill more than one (a council ward: england-principal-2006,
    /// england-parish-2006, the Welsh principal area rules); collation of
    /// multi-member polls is not built, so more than 1 is refused.
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = crate::args::whole::<u64>)]
    pub(crate) seats: Option<u64>,
    #[arg(long, value_enum, default_value_t = CollateFormat::Text)]
    pub(crate) format: CollateFormat,
}

#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    /// Output format. `json`: one array of `{"file", "report"}`, a report
    /// per log; `csv`, `dc-json`, `html`: one document, each contest with
    /// its own log's evidence; `err-json`, `err-xml` and `pdf` state one
    /// log's evidence for a whole document and are refused (exit 2).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Where the demo writes the HTML documents of its parts, as `count
    /// --out DIR` writes a set (with `SHA256SUMS`; a directory holding
    /// anything but a set countroom wrote is refused, exit 3). Default: a
    /// new directory `countroom-demo-XXXXXX` in the temporary directory;
    /// it says where on standard error.
    #[arg(long, value_name = "DIR")]
    pub(crate) html_dir: Option<std::path::PathBuf>,
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
    /// The result as NIST SP 1500-100 Election Results Reporting v2 JSON.
    ErrJson,
    /// The result as NIST SP 1500-100 Election Results Reporting v2 XML.
    ErrXml,
    /// A self-contained HTML page (inline CSS and SVG charts, no scripts,
    /// nothing fetched), printable on A4.
    Html,
    /// The HTML printed to an A4 PDF through headless Chromium (page N of
    /// M, signature and date lines); needs Chromium installed.
    Pdf,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("new_batch_files").args(["papers", "bundles"]).multiple(true)))]
pub(crate) struct InputArgs {
    /// The count log (JSON Lines; see docs/count-log.md).
    pub(crate) log: PathBuf,
    /// A CSV of individual ballot papers (see docs/formats.md), re-counted
    /// and checked against the batch the log records for it (an auditor's
    /// replay): the batch named by `--batch`, else the one from a file with
    /// the same SHA-256 or, failing that, the same name. With
    /// `--as-new-batch`, counted into the contest's current run instead.
    #[arg(long, value_name = "CSV")]
    pub(crate) papers: Vec<PathBuf>,
    /// The logged batch the `--papers` file is checked against (with
    /// `--as-new-batch`: the new batch's id).
    #[arg(long, value_name = "ID", requires = "papers")]
    pub(crate) batch: Option<String>,
    /// At a list contest: the counting area whose list papers the
    /// `--papers` and `--bundles` files hold (checked against the area's
    /// batches and bundles, or with `--as-new-batch` counted into its
    /// current run).
    #[arg(long, value_name = "AREA")]
    pub(crate) area: Option<String>,
    /// A CSV of bundle counts (see docs/formats.md): each row whose run and
    /// bundle the log records is checked against it; with
    /// `--as-new-batch`, rows the log does not record are added.
    #[arg(long, value_name = "CSV")]
    pub(crate) bundles: Vec<PathBuf>,
    /// Count `--papers` files and `--bundles` rows the log does not record
    /// as new batches and bundles (without it they are an error). Needs a
    /// `--papers` or `--bundles` file.
    #[arg(long, requires = "new_batch_files")]
    pub(crate) as_new_batch: bool,
    /// Who records the entries made from files: those of `--accounts`,
    /// the `--counts` rows with no `counted_by`, and with `--as-new-batch`
    /// the new batches and bundles (the `person` of their appointment,
    /// where the log appoints its officers; checked like any entry's `by`).
    /// Default: the file (`accounts file PATH`, `counts file PATH`, `bundle
    /// file PATH`, `countroom count --papers --as-new-batch`), which a log
    /// that appoints its officers refuses (exit 2). Where no file gives an
    /// entry, a usage error.
    #[arg(long, value_name = "PERSON")]
    pub(crate) by: Option<String>,
    /// A CSV table of ballot boxes and their ballot paper accounts (see
    /// docs/formats.md); boxes not defined in the log are defined by it.
    #[arg(long, value_name = "CSV")]
    pub(crate) accounts: Vec<PathBuf>,
    /// A CSV of verification counts of boxes (see docs/formats.md).
    #[arg(long, value_name = "CSV")]
    pub(crate) counts: Vec<PathBuf>,
    /// The contest the ballot-paper and bundle CSV files are for (default:
    /// the log's only contest); the output is this contest's alone. A
    /// contest the log does not define is an error (exit 2) listing the
    /// contests it does.
    #[arg(long, value_name = "ID")]
    pub(crate) contest: Option<String>,
}

/// Output of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    /// "ok" and the evidence, or each problem on standard error.
    Text,
    /// The problems as a JSON list on standard output (`[]` when there
    /// are none).
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub(crate) format: CheckFormat,
    /// The chain head the log must have: the digest read aloud at the count
    /// or published with the result (64 hex digits, spaces allowed, as
    /// `countroom digest` and the documents print it). A log altered in its
    /// last line, or cut short, is a well-formed chain: only this shows it.
    #[arg(long, value_name = "SHA256")]
    pub(crate) head: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct CountArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Write one file per contest
    /// (`<contest>.<txt|json|csv|dc.json|err.json|err.xml|html|pdf>`, by `--format`,
    /// the contest id with characters other than `A-Za-z0-9._-` as `_`;
    /// with `--format html` also `index.html`, every contest with its
    /// status and a link to its page) and a `SHA256SUMS` list into this
    /// directory instead of printing. The set is
    /// written whole or not at all: built beside DIR, then renamed into
    /// place. DIR must not exist, be empty, or hold a set countroom wrote
    /// (which is replaced); anything else is refused and left untouched.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Print the stage sheet of a single transferable vote contest (the
    /// one `--contest` names, or the log's only STV contest) in this format
    /// instead of the documents: the same sheet `countroom stv` prints,
    /// projected from the log's preferences, decisions and lots.
    /// It has its own formats: `--format` (the documents' format) is refused
    /// with it.
    #[arg(long, value_enum, value_name = "FORMAT", conflicts_with_all = ["out", "format"])]
    pub(crate) stage_sheet: Option<StvFormat>,
    /// More count logs. With several logs, or a directory (its `.jsonl`
    /// files, in name order), each log is replayed and counted on its own:
    /// one JSON object per log as JSON Lines in input order
    /// (`{"file", "report"}` or `{"file", "errors"}`), then a summary line;
    /// a log that fails does not stop the others, and the exit code is 1 if
    /// any failed. With `--out DIR`, the documents of every log as one set
    /// instead (`DIR/<log>/<contest>.<ext>`, one `DIR/SHA256SUMS`), written
    /// only if every log is counted: a log that fails is listed and nothing
    /// is written (exit 1). The options that add files to one log
    /// (`--papers`, `--bundles`, `--accounts`, `--counts`), `--contest` and
    /// `--stage-sheet` are for one log.
    #[arg(value_name = "LOG")]
    pub(crate) more: Vec<PathBuf>,
    /// Logs counted at once with several logs (default: the cores
    /// available). The output is the same whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..), allow_negative_numbers = true)]
    pub(crate) jobs: Option<u16>,
}

#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Output format: text, json, csv, html or pdf (dc-json, err-json and
    /// err-xml are result formats: refused here, for `countroom count`).
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
    /// At a list contest: the counting area whose list papers the file
    /// holds (its columns the list contest's parties and individual
    /// candidates by id; adjudicated under the list ruleset's heads).
    #[arg(long, value_name = "AREA")]
    pub(crate) area: Option<String>,
    /// Who is recording the entry.
    #[arg(long, value_name = "WHO", default_value = "countroom tally-papers")]
    pub(crate) by: String,
    /// Print the entry that would be appended (in the form `countroom
    /// append` reads: no `seq` or `prev`) instead of appending it.
    #[arg(long)]
    pub(crate) print: bool,
}

/// A whole number of 0 or more for a numeric option, in the words the CSV
/// readers use (clap's own parser says "invalid digit found in string",
/// and took `-5` for an option of its own).
/// Digits only: no sign (`+5` is refused, as the CSV readers refuse it)
/// and no thousands separators.
pub(crate) fn whole<T: std::str::FromStr>(value: &str) -> Result<T, String> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "{value} is not a whole number of 0 or more (digits only)"
        ));
    }
    value
        .parse()
        .map_err(|_| format!("{value} is more than this option takes"))
}
