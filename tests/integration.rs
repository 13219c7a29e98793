//! countroom's integration tests: one binary (see Cargo.toml), one module
//! per concern. Every test uses only the public API or the built binary.

// Tests may unwrap and panic: a failure is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]

/// Shared helpers: paths, running the binary, golden files.
mod support;

/// Election accounts and spending limits through the command line.
mod accounts;
/// Adjudication: doubtful papers through the log, bad marks and heads, and
/// the EU referendum's rejected papers by head.
mod adjudication;
/// List allocation (`countroom allocate`): the Senedd 2021 regions against
/// the published seats, hand-worked cases and bad input.
mod allocate;
/// No saturated sums: library sources are checked for `saturating_` and
/// fallbacks to the largest value, outside a list with reasons.
mod arithmetic;
/// The command line: every subcommand, exit codes, and bad input.
mod cli;
/// `collate` without `--choices`: a referendum's answers from the Act that
/// set its question (the 2011 and 2016 referendums), or from a local
/// referendum's instrument; the EU referendum 2016's published totals.
mod collate_answers;
/// `collate` never lets an impossible figure through: papers above the
/// electorate, an explanation of another variance, a turnout above 100%,
/// a multi-member ruleset collated as one seat (audit findings 1 and 4).
mod collate_checks;
/// Collation of counting areas: the EU referendum 2016 collated to the
/// official result, the 2019 general election by party, and properties.
mod collation;
/// The count through the log: hand-worked rules and property tests.
mod count;
/// `countroom demo`: each log's evidence its own in JSON and CSV, the
/// auditor's replay shown as the command prints it, `--html-dir` written as
/// a set that never overwrites a user's files.
mod demo;
/// The standard result formats: NIST ERR v2 JSON and XML (validated
/// against the standard's schemas) and Democracy Club JSON.
mod err_formats;
/// Documents tied to their evidence: the log's chain head and version on
/// every document.
mod evidence;
/// The 2019 general election: every constituency's winner and majority.
mod ge2019;
/// Golden outputs of the shipped examples (UPDATE_GOLDEN=1 rewrites them).
mod golden;
/// HTML and PDF documents, in headless Chromium when it is installed.
mod html;
/// Judgements on the record: the saving clause by reason, objections to
/// rejections, and uncontested declarations.
mod judgements;
/// A list area's bundle CSV through `count`/`check --bundles --area`: the
/// auditor's replay of its rows and new bundles with `--as-new-batch`.
mod list_bundles;
/// HTML and PDF documents of a list contest: the Senedd page pinned, its
/// rounds and members equal to the JSON report's, in Chromium when present.
mod list_html;
/// List polls through the count log and collation: list contests, their
/// allocation, lots, recalculations, declarations and vacancies; the Senedd
/// 2021 regions.
mod list_log;
/// A list contest's papers held in memory at a counting area, adjudicated
/// under the list ruleset's heads (SSI 2015/425 Sch 2 r.58): one batch,
/// its doubtful paper decided, the region allocated; refusals.
mod list_memory;
/// A list poll's papers verified and counted at each constituency's count:
/// bundles, batches, rejected papers by the list ruleset's heads, re-counts,
/// a reported total checked against the count, and bad input.
mod list_papers;
/// The list systems' rulesets: a contest for a list office is refused by
/// name, with its rulesets cited.
mod lists;
/// Parish polls, neighbourhood planning referendums with the business
/// referendum, and by-elections through the log: hand-worked figures and
/// bad input.
mod local_polls;
/// The count log: `append`, `upgrade`, and the shipped logs (version 2,
/// deterministic).
mod log;
/// The Mayor of London: the GLA's statement (the first-by-second
/// preference table, the GLRO's declaration), first past the post from
/// 2023, and the 2021 result from its published figures.
mod london;
/// Outputs: `count --out` sets with SHA256SUMS, `digest`, the auditor's
/// replay of ballot-paper and bundle files, and totals that cannot overflow.
mod outputs;
mod problems;
/// Who records the entries made from accounts and counts files (`--by`,
/// a counts row's `counted_by`) in a log that appoints its officers.
mod recorded_by;
/// `countroom results`: published results checked (the shipped example,
/// the 2019 general election), the implied count log, contests without a
/// term end.
mod results;
/// The ruleset chosen for a poll on each side of the dates issue 15 settled
/// (18 June 2026; Welsh principal councils before 5 May 2022).
mod rulesets;
/// A referendum throughout Scotland under the Referendums (Scotland) Act
/// 2020, chosen by its own office code: hand-worked counts and refusals.
mod scottish_referendum;
mod serve;
/// Keys, signed checkpoints and authority through the command line.
mod signatures;
/// STV under the Scottish rules: the Govan 2007 table, droop's Glasgow 2007
/// references, the official Glasgow 2017 sheets.
mod stv;
/// `stv check-sheet`: published stage sheets checked without the ballots
/// (the 18 NI 2017 sheets, the Glasgow 2017 official sheets, hand-built
/// sheets for every kind of finding, bad input).
mod stv_check;
/// STV through the count log: preference batches, decisions and lots by
/// stage, the same stage sheet as `countroom stv`, bad input.
mod stv_log;
/// Northern Ireland STV: the 2017 Assembly count sheets' arithmetic and
/// hand-worked counts under ELA(NI) 1962 Sch 5 rr.46-52.
mod stv_ni;
mod stv_papers;
/// Verification: the worked example, CSV input, bad input, and the EU
/// referendum's published expected and verified figures.
mod verification;
/// The documentation's example commands run as written: the README's
/// auditor's walk-through and docs/formats.md's CSV examples.
mod walkthrough;
