//! A batch of individual ballot papers adjudicated and counted into the
//! count log's `paper_batch_counted` event, wherever the papers come from:
//! a ballot-paper CSV file (`countroom-io::papers`) or memory (a scanner or
//! a data-entry screen, `countroom-live`). Both go through [`count_batch`]
//! and [`batch_event`], so a batch gives the same entry by either route.

use countroom_adjudicate::{
    ballot_paper, Adjudicator, BallotPaper, Class, ListAdjudicator, Outcome, SavingReason,
};
use countroom_log as log;
use countroom_model::Contest;
use countroom_rules::BallotForm;
use countroom_tally::{
    count_papers, count_sv_papers, Paper, SecondPreference, SvTally, Tally, TallyError,
};

/// The ballot papers of one batch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PaperBatch {
    /// The papers marked only with crosses in the box (or not at all), in
    /// order.
    pub papers: Vec<Paper>,
    /// Every other paper, in order.
    pub marked: Vec<MarkedPaper>,
}

/// A paper with marks other than crosses in the box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedPaper {
    /// The paper's reference (never the ballot paper number): how a doubtful
    /// paper set aside is named in the log.
    pub reference: String,
    /// Where the paper came from: its line in a file, or its 1-based
    /// position in a batch held in memory; named in errors.
    pub line: u64,
    /// The paper.
    pub paper: BallotPaper,
}

/// A batch adjudicated and counted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CountedBatch {
    /// The counts (doubtful papers not included).
    pub tally: Tally,
    /// The papers set aside for the returning officer, in order.
    pub set_aside: Vec<log::SetAsidePaper>,
    /// Valid papers allowed under the saving clause (a vote marked
    /// elsewhere than in the proper place, otherwise than by a cross, or by
    /// more than one mark), by reason, indexed by [`SavingReason::index`];
    /// each paper under the one reason [`SavingReason::of`] gives it.
    pub saved: [u64; SavingReason::COUNT],
    /// Supplementary vote: the first × second preferences of the valid
    /// papers.
    pub sv: Option<SvTally>,
}

/// Why a batch could not be counted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct BatchError {
    /// The paper's line (or position) when one paper is at fault.
    pub line: Option<u64>,
    /// What is wrong.
    pub message: String,
}

fn batch_error(line: Option<u64>, e: &impl std::fmt::Display) -> BatchError {
    BatchError {
        line,
        message: e.to_string(),
    }
}

/// Adjudicates and counts a batch: the compact papers by table lookup, the
/// others in full. Doubtful papers are set aside, not counted.
pub fn count_batch(
    batch: &PaperBatch,
    adjudicator: &Adjudicator,
) -> Result<CountedBatch, BatchError> {
    if adjudicator.form() == BallotForm::FirstAndSecondChoice {
        return count_sv(batch, adjudicator);
    }
    let mut tally = if batch.papers.is_empty() {
        Tally::new(adjudicator.candidates())
    } else {
        count_papers(&batch.papers, adjudicator).map_err(|e| batch_error(None, &e))?
    };
    let (set_aside, saved) =
        count_marked(&batch.marked, &mut tally, |p| adjudicator.adjudicate(p))?;
    Ok(CountedBatch {
        tally,
        set_aside,
        saved,
        sv: None,
    })
}

/// The papers of a batch given in full, each adjudicated by `adjudicate`
/// and added to `tally`: the doubtful papers set aside (by reference, with
/// the doubt's code), the valid papers that needed the saving clause
/// counted by reason. Shared by a candidate poll's batch and a list area's.
fn count_marked(
    marked: &[MarkedPaper],
    tally: &mut Tally,
    adjudicate: impl Fn(&BallotPaper) -> Result<Outcome, countroom_adjudicate::MarkError>,
) -> Result<(Vec<log::SetAsidePaper>, [u64; SavingReason::COUNT]), BatchError> {
    let mut set_aside = Vec::new();
    let mut saved = [0u64; SavingReason::COUNT];
    for m in marked {
        let outcome = adjudicate(&m.paper).map_err(|e| batch_error(Some(m.line), &e))?;
        if let Outcome::Doubtful(doubt) = outcome {
            set_aside.push(
                log::SetAsidePaper::new(m.reference.clone()).reason(Some(doubt.code().to_owned())),
            );
            continue;
        }
        let is_saved = matches!(
            outcome,
            Outcome::Valid { saved: true, .. }
                | Outcome::FirstPreference { saved: true, .. }
                | Outcome::Preferences { saved: true, .. }
        );
        if let Some(slot) = SavingReason::of(&m.paper)
            .filter(|_| is_saved)
            .and_then(|r| saved.get_mut(r.index()))
        {
            // At most the papers of the batch (a Vec's length): no overflow.
            *slot += 1;
        }
        tally
            .add_outcome(&outcome)
            .map_err(|e| batch_error(Some(m.line), &e))?;
    }
    Ok((set_aside, saved))
}

/// Adjudicates and counts a list area's batch under a list ruleset's heads
/// ([`ListAdjudicator`]): the compact papers (crosses in the box) counted
/// once per distinct paper by table lookup, the others in full; doubtful
/// papers set aside, not counted. One vote per valid paper (Scotland Act
/// 1998 s.6(2)), so the valid papers are the sum of the votes. The figures
/// do not depend on the order of the papers. Every paper whose marks do not
/// fit the ballot paper (an option it does not have, a second column) is
/// returned, each with its line (or position).
pub fn count_list_batch(
    batch: &PaperBatch,
    adjudicator: &ListAdjudicator,
) -> Result<CountedBatch, Vec<BatchError>> {
    let n = adjudicator.options();
    let mut tally = Tally::new(n);
    let mut problems = Vec::new();
    let mut distinct: std::collections::BTreeMap<u64, u64> = std::collections::BTreeMap::new();
    for (i, p) in batch.papers.iter().enumerate() {
        if let Some(index) = p.candidates().find(|&c| c >= n) {
            let e = countroom_adjudicate::MarkError::UnknownCandidate {
                index,
                candidates: n,
            };
            problems.push(BatchError {
                line: None,
                message: format!("paper {} of crosses: {e}", i + 1),
            });
            continue;
        }
        // At most the papers of the batch (a Vec's length): no overflow.
        *distinct.entry(p.bits()).or_insert(0) += 1;
    }
    // Every paper whose marks do not fit the ballot paper, before counting.
    problems.extend(batch.marked.iter().filter_map(|m| {
        adjudicator
            .adjudicate(&m.paper)
            .err()
            .map(|e| batch_error(Some(m.line), &e))
    }));
    if !problems.is_empty() {
        return Err(problems);
    }
    for (&bits, &weight) in &distinct {
        let paper = countroom_tally::Paper::from_bits(bits);
        let added = match adjudicator.classify(paper) {
            Class::Valid => paper
                .candidates()
                .try_for_each(|c| tally.add_votes(c, weight))
                .and_then(|()| tally.add_valid_papers(weight)),
            Class::Rejected(head) => tally.add_rejected(head, weight),
        };
        added.map_err(|e| vec![batch_error(None, &e)])?;
    }
    let (set_aside, saved) = count_marked(&batch.marked, &mut tally, |p| adjudicator.adjudicate(p))
        .map_err(|e| vec![e])?;
    Ok(CountedBatch {
        tally,
        set_aside,
        saved,
        sv: None,
    })
}

/// The `paper_batch_counted` event of a list area's counted batch: the
/// contest and `counting_area`, every party and individual candidate's
/// votes in the contest's order (`list_contest_defined`: parties, then
/// individual candidates), every head of the list ruleset in statutory
/// order, the saved papers by reason (a reason with none left out) and the
/// papers set aside.
#[must_use]
pub fn list_batch_event(
    contest: &crate::ListContestCount,
    counting_area: Option<&str>,
    run: u32,
    batch: String,
    source: Option<log::BatchSource>,
    counted: &CountedBatch,
) -> log::PaperBatchCounted {
    let tally = &counted.tally;
    log::PaperBatchCounted::new(
        contest.id().to_owned(),
        run,
        batch,
        tally.valid_papers(),
        contest
            .options()
            .iter()
            .enumerate()
            .map(|(i, o)| {
                log::CandidateVotes::new(o.id.clone(), tally.votes().get(i).copied().unwrap_or(0))
            })
            .collect(),
        contest
            .rules()
            .heads
            .unwrap_or(&[])
            .iter()
            .map(|h| log::HeadPapers::new(h.head.code().to_owned(), tally.rejected(h.head)))
            .collect(),
    )
    .counting_area(counting_area.map(str::to_owned))
    .source(source)
    .saved(saved_entries(&counted.saved))
    .set_aside(counted.set_aside.clone())
}

/// The saved papers by reason, a reason with none left out.
fn saved_entries(saved: &[u64; SavingReason::COUNT]) -> Vec<log::SavedPapers> {
    SavingReason::ALL
        .into_iter()
        .filter_map(|r| {
            let papers = saved.get(r.index()).copied().unwrap_or(0);
            (papers > 0).then(|| log::SavedPapers::new(r.code().to_owned(), papers))
        })
        .collect()
}

/// A supplementary-vote batch: every paper adjudicated in full (a compact
/// paper of crosses is a first preference with no second), into the first
/// count's tally and the first × second preferences.
fn count_sv(batch: &PaperBatch, adjudicator: &Adjudicator) -> Result<CountedBatch, BatchError> {
    let compact: Vec<BallotPaper> = batch.papers.iter().map(|&p| ballot_paper(p)).collect();
    let plain = count_sv_papers(&compact, adjudicator).map_err(|e| batch_error(None, &e))?;
    let marked =
        count_sv_papers(batch.marked.iter().map(|m| &m.paper), adjudicator).map_err(|e| {
            let line = match &e {
                TallyError::BadPaper { index, .. } => batch.marked.get(*index).map(|m| m.line),
                _ => None,
            };
            batch_error(line, &e)
        })?;
    let mut tally = plain.tally;
    let mut sv = plain.sv;
    tally
        .merge(&marked.tally)
        .and_then(|()| sv.merge(&marked.sv))
        .map_err(|e| batch_error(None, &e))?;
    let set_aside = marked
        .doubtful
        .iter()
        .filter_map(|&(i, doubt)| {
            Some(
                log::SetAsidePaper::new(batch.marked.get(i)?.reference.clone())
                    .reason(Some(doubt.code().to_owned())),
            )
        })
        .collect();
    Ok(CountedBatch {
        tally,
        set_aside,
        saved: std::array::from_fn(|i| {
            let (a, b) = (plain.saved.get(i), marked.saved.get(i));
            // Two counts of distinct papers of one batch (each at most a
            // Vec's length): their sum is at most the batch's papers.
            a.copied().unwrap_or(0) + b.copied().unwrap_or(0)
        }),
        sv: Some(sv),
    })
}

/// The `paper_batch_counted` event of a counted batch: every standing
/// candidate's votes in ballot-paper order, every head of the contest's
/// ruleset in statutory order, the saved papers by reason (a reason with
/// none left out), the papers set aside, and at a supplementary-vote poll
/// the second preferences.
#[must_use]
pub fn batch_event(
    contest: &Contest,
    run: u32,
    batch: String,
    source: Option<log::BatchSource>,
    counted: &CountedBatch,
) -> log::PaperBatchCounted {
    let tally = &counted.tally;
    let rules = countroom_rules::ruleset(contest.ruleset());
    log::PaperBatchCounted::new(
        contest.id().to_string(),
        run,
        batch,
        tally.valid_papers(),
        contest
            .standing()
            .map(|(idx, c)| {
                log::CandidateVotes::new(
                    c.id.to_string(),
                    tally.votes().get(idx.get()).copied().unwrap_or(0),
                )
            })
            .collect(),
        rules
            .heads
            .iter()
            .map(|h| log::HeadPapers::new(h.head.code().to_owned(), tally.rejected(h.head)))
            .collect(),
    )
    .source(source)
    .rejected_in_part(tally.rejected_in_part())
    .saved(saved_entries(&counted.saved))
    .set_aside(counted.set_aside.clone())
    .second_preferences(
        counted
            .sv
            .as_ref()
            .map(|sv| second_preferences(contest, sv))
            .unwrap_or_default(),
    )
    .preferences(log::Preferences::new())
}

/// The rows of a batch's second preferences: one per candidate with first
/// preferences, every candidate listed in each.
fn second_preferences(contest: &Contest, sv: &SvTally) -> Vec<log::SecondPreferences> {
    contest
        .standing()
        .filter_map(|(f, first)| {
            let f = f.get();
            let any = contest
                .standing()
                .map(|(s, _)| sv.papers(f, SecondPreference::For(s.get())))
                .chain([
                    sv.papers(f, SecondPreference::None),
                    sv.papers(f, SecondPreference::Void),
                ])
                .any(|n| n > 0);
            any.then(|| {
                log::SecondPreferences::new(first.id.to_string())
                    .votes(
                        contest
                            .standing()
                            .map(|(s, c)| {
                                log::CandidateVotes::new(
                                    c.id.to_string(),
                                    sv.papers(f, SecondPreference::For(s.get())),
                                )
                            })
                            .collect(),
                    )
                    .unmarked(sv.papers(f, SecondPreference::None))
                    .void(sv.papers(f, SecondPreference::Void))
            })
        })
        .collect()
}

/// The `paper_batch_counted` event of a single transferable vote batch
/// from the preference lines of its valid papers (standing candidates'
/// indices, first preference first, each with its papers): the votes
/// (first preferences), the valid papers, and the lines in ascending order
/// of the candidates' ballot-paper positions; no rejected, saved or
/// set-aside papers (the caller adds them). Shared by the ballot-paper CSV
/// and BLT routes (`countroom-io::stv_batch`) and papers held in memory
/// (`countroom-live`), so the same papers give the same entry.
#[must_use]
pub fn preference_lines_event(
    contest: &Contest,
    run: u32,
    batch: String,
    source: Option<log::BatchSource>,
    lines: &std::collections::BTreeMap<Vec<u16>, u64>,
) -> log::PaperBatchCounted {
    let ids: Vec<String> = contest.standing().map(|(_, c)| c.id.to_string()).collect();
    let mut first = vec![0u64; ids.len()];
    let mut valid = 0u64;
    // `lines` are the ballots of a `countroom_stv::Election` (or of an
    // adjudicated batch), whose weights sum to at most u64::MAX: every sum
    // here is at most that total.
    let preferences = lines
        .iter()
        .map(|(prefs, &weight)| {
            if let Some(slot) = prefs.first().and_then(|&c| first.get_mut(usize::from(c))) {
                *slot += weight;
            }
            valid += weight;
            log::PreferenceLine::new(
                weight,
                prefs
                    .iter()
                    .filter_map(|&c| ids.get(usize::from(c)))
                    .collect(),
            )
        })
        .collect();
    log::PaperBatchCounted::new(
        contest.id().to_string(),
        run,
        batch,
        valid,
        ids.iter()
            .zip(&first)
            .map(|(id, &votes)| log::CandidateVotes::new(id.clone(), votes))
            .collect(),
        Vec::new(),
    )
    .source(source)
    .preferences(preferences)
}

/// The `paper_batch_counted` event of a single transferable vote batch of
/// individual papers (figures), each adjudicated under the contest's
/// ruleset with `countroom_stv::adjudicate` (so exactly the valid
/// prefixes, rejected papers by head and doubtful papers `countroom stv
/// --papers` finds): the rejected papers by head, the papers valid only
/// under the saving clause by reason, the doubtful papers set aside by
/// reference (to be decided by `doubtful_paper_decided` entries), and the
/// valid prefixes as [`preference_lines_event`] gives them. Every problem
/// is returned, each with the paper's line (or position) when one paper is
/// at fault.
pub fn preference_batch_event(
    contest: &Contest,
    run: u32,
    batch: String,
    source: Option<log::BatchSource>,
    papers: &[MarkedPaper],
) -> Result<log::PaperBatchCounted, Vec<BatchError>> {
    let rules = countroom_rules::ruleset(contest.ruleset());
    let adjudicator = Adjudicator::new(rules, contest.n_standing(), contest.seats())
        .map_err(|e| vec![batch_error(None, &e)])?;
    let adjudicated = countroom_stv::adjudicate(
        &adjudicator,
        papers.iter().map(|m| countroom_stv::PaperRef {
            reference: &m.reference,
            line: m.line,
            paper: &m.paper,
        }),
        &[],
    )
    .map_err(|e| {
        e.0.iter()
            .map(|p| {
                let line = match p {
                    countroom_stv::PapersProblem::Mark { line, .. } => Some(*line),
                    _ => None,
                };
                batch_error(line, p)
            })
            .collect::<Vec<_>>()
    })?;
    // The papers valid under the saving clause, by reason.
    let mut saved = [0u64; SavingReason::COUNT];
    for m in papers {
        if let Ok(Outcome::Preferences { saved: true, .. }) = adjudicator.adjudicate(&m.paper) {
            if let Some(slot) = SavingReason::of(&m.paper).and_then(|r| saved.get_mut(r.index())) {
                // At most the papers given (a slice's length).
                *slot += 1;
            }
        }
    }
    let lines: std::collections::BTreeMap<Vec<u16>, u64> = adjudicated
        .ballots()
        .into_iter()
        .map(|b| (b.prefs, b.weight))
        .collect();
    Ok(preference_lines_event(contest, run, batch, source, &lines)
        .rejected(
            adjudicated
                .rejected
                .iter()
                .map(|h| log::HeadPapers::new(h.spec.head.code().to_owned(), h.papers))
                .collect(),
        )
        .saved(
            SavingReason::ALL
                .into_iter()
                .filter_map(|r| {
                    let papers = saved.get(r.index()).copied().unwrap_or(0);
                    (papers > 0).then(|| log::SavedPapers::new(r.code().to_owned(), papers))
                })
                .collect(),
        )
        .set_aside(
            adjudicated
                .doubtful
                .iter()
                .map(|d| {
                    log::SetAsidePaper::new(d.reference.clone())
                        .reason(Some(d.doubt.code().to_owned()))
                })
                .collect(),
        ))
}
