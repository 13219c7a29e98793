//! Single transferable vote batches for the count log: a ballot-paper CSV
//! of figures adjudicated under the poll's ruleset, or a BLT ballot file
//! imported, each as a `paper_batch_counted` entry with its preferences.
//!
//! - [`batch_from_papers`]: the ballot-paper CSV of a preferential poll
//!   (`paper,official_mark,identifying_mark` and a column per candidate,
//!   as `countroom stv --papers` reads it). The candidate columns are the
//!   contest's standing candidates in ballot-paper order, each named by its
//!   id or by its name as on the ballot paper. Every paper is adjudicated
//!   with `countroom_stv::adjudicate`, so the batch holds exactly the valid
//!   prefixes, rejected papers and doubtful papers that `countroom stv
//!   --papers` finds; the doubtful papers are set aside, to be decided by
//!   `doubtful_paper_decided` entries.
//! - [`batch_from_blt`]: a BLT file (valid papers only). Its candidates
//!   must be the contest's candidates in ballot-paper order, by name, with
//!   the same withdrawn candidates; its seats the contest's seats. A
//!   preference for a withdrawn candidate is left out of the sequence, and
//!   a ballot line left with none is not a valid paper (as the Scottish
//!   engine counts it).
//!
//! Either way, identical valid prefixes are one line with their papers, in
//! ascending order of the candidates' ballot-paper positions, so the entry
//! does not depend on the order of the papers in the file.

use std::collections::BTreeMap;

use countroom_log as log;
use countroom_model::Contest;
use countroom_stv::blt;

use crate::problem::{CsvProblem, CsvProblemKind};

fn malformed(line: u64, message: String) -> CsvProblem {
    CsvProblem {
        line,
        field: None,
        kind: CsvProblemKind::Malformed { message },
    }
}

/// Whether `contest` is counted by the single transferable vote.
#[must_use]
pub fn is_stv(contest: &Contest) -> bool {
    matches!(
        countroom_rules::ruleset(contest.ruleset()).method,
        countroom_rules::CountingMethod::SingleTransferableVote(_)
    )
}

/// Reads a preferential ballot-paper CSV for `contest`, adjudicates every
/// paper under its ruleset and gives the `paper_batch_counted` entry for
/// `run` (see the module docs), or every problem with its line.
pub fn batch_from_papers(
    bytes: &[u8],
    contest: &Contest,
    run: u32,
    batch: String,
    source: Option<log::BatchSource>,
) -> Result<log::PaperBatchCounted, Vec<CsvProblem>> {
    let read = crate::papers::read_preferential(bytes)?;
    let standing: Vec<_> = contest.standing().map(|(_, c)| c).collect();
    let mut problems = Vec::new();
    if read.candidates.len() != standing.len() {
        problems.push(CsvProblem {
            line: 1,
            field: None,
            kind: CsvProblemKind::Malformed {
                message: format!(
                    "{} candidate columns, but contest {} has {} standing candidates ({})",
                    read.candidates.len(),
                    contest.id(),
                    standing.len(),
                    standing
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            },
        });
    }
    for (i, (column, c)) in read.candidates.iter().zip(&standing).enumerate() {
        if column != c.id.as_str() && column != &c.name {
            problems.push(CsvProblem {
                line: 1,
                field: Some(column.clone()),
                kind: CsvProblemKind::Malformed {
                    message: format!(
                        "candidate column {} must be {} ({}), the contest's candidate {} in ballot-paper order",
                        i + 1,
                        c.id,
                        c.name,
                        i + 1
                    ),
                },
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    countroom_count::papers::preference_batch_event(contest, run, batch, source, &read.papers)
        .map_err(|e| {
            e.into_iter()
                .map(|p| malformed(p.line.unwrap_or(1), p.message))
                .collect()
        })
}

/// Reads a BLT ballot file for `contest` and gives the
/// `paper_batch_counted` entry for `run` (see the module docs), or every
/// problem with its line.
pub fn batch_from_blt(
    bytes: &[u8],
    contest: &Contest,
    run: u32,
    batch: String,
    source: Option<log::BatchSource>,
) -> Result<log::PaperBatchCounted, Vec<CsvProblem>> {
    let election = blt::read(bytes).map_err(|e| {
        e.0.iter()
            .map(|p| malformed(p.line as u64, p.problem.to_string()))
            .collect::<Vec<_>>()
    })?;
    let all = contest.all_candidates();
    let mut problems = Vec::new();
    if election.candidates().len() != all.len() {
        problems.push(malformed(
            1,
            format!(
                "the ballot file has {} candidates, but contest {} has {}",
                election.candidates().len(),
                contest.id(),
                all.len()
            ),
        ));
    }
    if election.seats() != contest.seats() {
        problems.push(malformed(
            1,
            format!(
                "the ballot file has {} seats, but contest {} has {}",
                election.seats(),
                contest.id(),
                contest.seats()
            ),
        ));
    }
    for (i, (b, c)) in election.candidates().iter().zip(all).enumerate() {
        if b.display_name() != c.name {
            problems.push(malformed(
                1,
                format!(
                    "candidate {} of the ballot file is {:?}, but the contest's candidate {} is {} ({:?})",
                    i + 1,
                    b.display_name(),
                    i + 1,
                    c.id,
                    c.name
                ),
            ));
        }
        if election.withdrawn().contains(&i) != c.withdrawn {
            problems.push(malformed(
                1,
                format!(
                    "candidate {} ({}) is withdrawn in one of the ballot file and the contest but not the other",
                    i + 1,
                    c.id
                ),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // Ballot-file position → standing index (withdrawn: none).
    let mut standing_of = Vec::with_capacity(all.len());
    let mut next = 0u16;
    for c in all {
        if c.withdrawn {
            standing_of.push(None);
        } else {
            standing_of.push(Some(next));
            // The contest has the ballot file's candidates (checked above),
            // at most `countroom_stv::MAX_CANDIDATES` (1,000): fits a u16.
            next += 1;
        }
    }
    let mut lines: BTreeMap<Vec<u16>, u64> = BTreeMap::new();
    for b in election.ballots() {
        let prefs: Vec<u16> = b
            .prefs
            .iter()
            .filter_map(|&p| standing_of.get(usize::from(p)).copied().flatten())
            .collect();
        if prefs.is_empty() {
            continue;
        }
        let slot = lines.entry(prefs).or_insert(0);
        // At most the election's valid papers, which `Election` checks fit.
        *slot += b.weight;
    }
    let rules = countroom_rules::ruleset(contest.ruleset());
    Ok(
        countroom_count::papers::preference_lines_event(contest, run, batch, source, &lines)
            .rejected(
                rules
                    .heads
                    .iter()
                    .map(|h| log::HeadPapers::new(h.head.code().to_owned(), 0))
                    .collect(),
            ),
    )
}
