//! `countroom stv`: count a BLT ballot file by the single transferable vote
//! and print the stage sheet.

use std::path::Path;

use countroom_adjudicate::Adjudicator;
use countroom_io::papers;
use countroom_io::render::stv as render;
use countroom_model::RulesetId;
use countroom_stv::blt::{self, BltLimits};
use countroom_stv::{
    Candidate, Election, LotSource, PaperRef, PapersProblem, StageSheet, StvError, StvRules,
};

use crate::args::{StvArgs, StvFormat, StvRulesArg};
use countroom_io::problem::code_of;
use countroom_io::Problem;

use crate::input::{display, read_file};
use crate::output::print;
use crate::Failure;

pub(crate) fn stv(a: &StvArgs) -> Result<(), Failure> {
    match (&a.ballots, &a.papers) {
        (Some(ballots), None) => stv_blt(a, ballots),
        (None, Some(papers)) => stv_papers(a, papers),
        _ => Err(Failure::Usage(
            "give exactly one of a BLT ballot file and --papers".to_owned(),
        )),
    }
}

fn rules(a: &StvArgs) -> StvRules {
    match a.rules.unwrap_or(StvRulesArg::Scotland) {
        StvRulesArg::Scotland => StvRules::Scotland,
        StvRulesArg::Ni => StvRules::NorthernIreland,
    }
}

/// The recorded lots (with their lines) and the source to count with.
struct Lots {
    file: String,
    lines: Vec<u64>,
    source: LotSource,
}

fn lot_source(a: &StvArgs, candidates: usize, title: &[u8]) -> Result<Lots, Failure> {
    let (file, lines, mut source) = match &a.lots {
        Some(path) => {
            let lots_file = display(path);
            let bytes = read_file(path)?;
            let read = countroom_io::stv::read_lots(&bytes, candidates).map_err(|e| {
                Failure::Input(e.iter().map(|p| Problem::from_csv(&lots_file, p)).collect())
            })?;
            let lines = read.iter().map(|l| l.line).collect();
            let source = LotSource::recorded(read.into_iter().map(|l| l.lot).collect());
            (lots_file, lines, source)
        }
        None => (String::new(), Vec::new(), LotSource::none()),
    };
    if let Some(seed) = &a.seed {
        // The context of every seeded draw starts with the contest title.
        source = source.with_seed(seed.clone(), String::from_utf8_lossy(title));
    }
    Ok(Lots {
        file,
        lines,
        source,
    })
}

/// The poll date given with `--date`.
fn poll_date(a: &StvArgs) -> Result<Option<time::Date>, Failure> {
    let Some(value) = &a.date else {
        return Ok(None);
    };
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value, &format)
        .map(Some)
        .map_err(|_| Failure::Usage(format!("--date {value:?} is not a date YYYY-MM-DD")))
}

/// Counts `election`, then refuses a recorded lot the count did not use;
/// a lot that does not fit its tie is named by its line.
fn count_with_lots(a: &StvArgs, file: &str, election: &Election) -> Result<StageSheet, Failure> {
    let mut lots = lot_source(a, election.candidates().len(), election.title())?;
    let line = |index: usize| lots.lines.get(index).copied().unwrap_or(0);
    let sheet = match countroom_stv::count(rules(a), election, &mut lots.source) {
        Ok(sheet) => sheet,
        Err(e @ StvError::LotMismatch { index, .. }) => {
            return Err(Failure::Input(vec![Problem::new(
                &lots.file,
                "lot_mismatch",
                e.to_string(),
            )
            .at_line(line(index))
            .in_field(Some("tied"))]))
        }
        Err(e @ StvError::LotRequired { stage, purpose, .. }) => {
            let mut problems = vec![Problem::new(file, code_of(&e), e.to_string())];
            // A lot recorded for that stage, for another purpose.
            let recorded = lots.source.recorded_lots();
            if let Some(index) = recorded.iter().position(|l| l.stage == stage) {
                let other = recorded.get(index).map(|l| l.purpose);
                problems.push(
                    Problem::new(
                        &lots.file,
                        "lot_purpose",
                        format!(
                    "the lot for stage {stage} decides the {}, but the tie at stage {stage} is for the {purpose}",
                    other.map(|p| p.to_string()).unwrap_or_default()
                ),
                    )
                    .at_line(line(index))
                    .in_field(Some("purpose")),
                );
            }
            return Err(Failure::Input(problems));
        }
        Err(e) => {
            return Err(Failure::Input(vec![Problem::new(
                file,
                code_of(&e),
                e.to_string(),
            )]))
        }
    };
    let unused: Vec<Problem> = lots
        .source
        .unused()
        .into_iter()
        .map(|index| {
            Problem::new(
                &lots.file,
                "lot_not_used",
                format!(
                "no tie needing a lot arose at stage {}: the lot was not used (a lot is recorded only for a stage whose tie the rules settle by lot)",
                sheet_stage_of(&lots.source, index)
            ),
            )
            .at_line(line(index))
            .in_field(Some("stage"))
        })
        .collect();
    if !unused.is_empty() {
        return Err(Failure::Input(unused));
    }
    Ok(sheet)
}

/// A count log or CSV file given to `stv` as its ballot file: what it is.
fn not_blt(bytes: &[u8]) -> Option<String> {
    use countroom_io::problem::FileKind;
    match FileKind::of(bytes) {
        FileKind::JsonLines => Some("this is a count log (JSON Lines); `stv` reads a BLT ballot file: did you mean `countroom count --stage-sheet text`?".to_owned()),
        FileKind::Csv => Some("this is a CSV file; `stv` reads a BLT ballot file: for a ballot-paper CSV use `countroom stv --papers FILE --seats N`".to_owned()),
        _ => None,
    }
}

fn sheet_stage_of(source: &LotSource, index: usize) -> String {
    source
        .recorded_lots()
        .get(index)
        .map(|l| format!("{} ({})", l.stage, l.purpose))
        .unwrap_or_default()
}

/// `--papers`: read the ballot-paper CSV, adjudicate every paper under the
/// ruleset, apply the decisions, count the valid papers.
fn stv_papers(a: &StvArgs, path: &Path) -> Result<(), Failure> {
    let file = display(path);
    let Some(seats) = a.seats else {
        return Err(Failure::Usage("--papers needs --seats".to_owned()));
    };
    let bytes = read_file(path)?;
    let read = papers::read_preferential(&bytes)
        .map_err(|e| Failure::Input(e.iter().map(|p| Problem::from_csv(&file, p)).collect()))?;
    let ruleset = countroom_rules::ruleset(match a.rules.unwrap_or(StvRulesArg::Scotland) {
        StvRulesArg::Scotland => RulesetId::ScotlandStv2011,
        StvRulesArg::Ni => RulesetId::NorthernIrelandStv1962,
    });
    let adjudicator = Adjudicator::new(ruleset, read.candidates.len(), seats)
        .map_err(|e| Failure::Input(vec![Problem::new(&file, code_of(&e), e.to_string())]))?;
    let decisions = match &a.decisions {
        Some(d) => {
            let dfile = display(d);
            countroom_io::stv::read_decisions(&read_file(d)?, read.candidates.len()).map_err(
                |e| Failure::Input(e.iter().map(|p| Problem::from_csv(&dfile, p)).collect()),
            )?
        }
        None => Vec::new(),
    };
    let dfile = a.decisions.as_deref().map(display).unwrap_or_default();
    let locate = |p: &PapersProblem| {
        let (in_file, line) = match p {
            PapersProblem::NotDoubtful { line, .. }
            | PapersProblem::DecidedTwice { line, .. }
            | PapersProblem::HeadNotInRuleset { line, .. }
            | PapersProblem::BadPreferences { line, .. } => (&dfile, Some(*line)),
            PapersProblem::Mark { line, .. } | PapersProblem::DuplicateReference { line, .. } => {
                (&file, Some(*line))
            }
            _ => (&file, None),
        };
        let message = p.to_string();
        // The message's own "line N: " or "decision line N: " is the
        // location, now given as the problem's line.
        let message = match line {
            Some(n) => message
                .strip_prefix(&format!("line {n}: "))
                .or_else(|| message.strip_prefix(&format!("decision line {n}: ")))
                .map_or(message.clone(), str::to_owned),
            None => message,
        };
        let problem = Problem::new(in_file.as_str(), code_of(p), message);
        match line {
            Some(n) => problem.at_line(n),
            None => problem,
        }
    };
    let adjudicated = countroom_stv::adjudicate(
        &adjudicator,
        read.papers.iter().map(|m| PaperRef {
            reference: &m.reference,
            line: m.line,
            paper: &m.paper,
        }),
        &decisions,
    )
    .map_err(|e| Failure::Input(e.0.iter().map(locate).collect()))?;
    let title = a.title.clone().unwrap_or_else(|| {
        path.file_name()
            .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned())
    });
    let candidates: Vec<Candidate> = read
        .candidates
        .iter()
        .map(|c| Candidate::new(c.as_bytes()))
        .collect();
    let election = adjudicated
        .election(title.as_bytes(), candidates, seats)
        .map_err(|e| Failure::Input(e.0.iter().map(locate).collect()))?;
    let election = match poll_date(a)? {
        Some(d) => election.with_poll_date(d),
        None => election,
    };
    if a.format == StvFormat::Csv && a.rejected_out.is_none() {
        return Err(Failure::Usage(
            "--papers --format csv writes the stage sheet alone: give --rejected-out FILE for the statement of rejected ballot papers".to_owned(),
        ));
    }
    let sheet = count_with_lots(a, &file, &election)?;
    let out = match a.format {
        StvFormat::Text => render::sheet_text_with_papers(&sheet, &adjudicated),
        StvFormat::Json => render::sheet_json_with_papers(&sheet, &adjudicated),
        StvFormat::Csv => render::sheet_csv(&sheet),
    };
    if let Some(path) = &a.rejected_out {
        crate::files::write_atomically(path, &render::papers_csv(&adjudicated))?;
    }
    print(&out)
}

fn stv_blt(a: &StvArgs, ballots: &Path) -> Result<(), Failure> {
    let file = display(ballots);
    let limits = BltLimits::default();
    let meta = std::fs::metadata(ballots).map_err(|e| Failure::Io(format!("{file}: {e}")))?;
    if let Err(e) = blt::check_size(meta.len(), &limits) {
        return Err(Failure::Input(
            e.0.iter()
                .map(|p| Problem::new(&file, code_of(&p.problem), p.problem.to_string()))
                .collect(),
        ));
    }
    let bytes = read_file(ballots)?;
    if let Some(kind) = not_blt(&bytes) {
        return Err(Failure::Input(vec![Problem::new(
            &file,
            "wrong_kind_of_file",
            kind,
        )]));
    }
    let election = blt::read_with(&bytes, &limits).map_err(|e| {
        Failure::Input(
            e.0.iter()
                .map(|p| {
                    Problem::new(&file, code_of(&p.problem), p.problem.to_string())
                        .at_line(p.line as u64)
                })
                .collect(),
        )
    })?;
    let election = match poll_date(a)? {
        Some(d) => election.with_poll_date(d),
        None => election,
    };
    let sheet = count_with_lots(a, &file, &election)?;
    let out = match a.format {
        StvFormat::Text => render::sheet_text(&sheet),
        StvFormat::Json => render::sheet_json(&sheet),
        StvFormat::Csv => render::sheet_csv(&sheet),
    };
    print(&out)
}
