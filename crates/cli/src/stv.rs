//! `countroom stv`: count a BLT ballot file by the single transferable vote
//! and print the stage sheet.

use std::path::Path;

use countroom_adjudicate::Adjudicator;
use countroom_io::papers;
use countroom_io::render::stv as render;
use countroom_model::RulesetId;
use countroom_stv::blt::{self, BltLimits};
use countroom_stv::{Candidate, LotSource, PaperRef, PapersProblem, StvRules};

use crate::args::{StvArgs, StvFormat, StvRulesArg};
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
    match a.rules {
        StvRulesArg::Scotland => StvRules::Scotland,
        StvRulesArg::Ni => StvRules::NorthernIreland,
    }
}

fn lot_source(a: &StvArgs, candidates: usize, title: &[u8]) -> Result<LotSource, Failure> {
    let mut lots = match &a.lots {
        Some(path) => {
            let lots_file = display(path);
            let bytes = read_file(path)?;
            let recorded = LotSource::parse_recorded(&bytes, candidates).map_err(|e| {
                Failure::Input(
                    e.iter()
                        .map(|p| format!("{lots_file}:{}: {}", p.line, p.message))
                        .collect(),
                )
            })?;
            LotSource::recorded(recorded)
        }
        None => LotSource::none(),
    };
    if let Some(seed) = &a.seed {
        // The context of every seeded draw starts with the contest title.
        lots = lots.with_seed(seed.clone(), String::from_utf8_lossy(title));
    }
    Ok(lots)
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
        .map_err(|e| Failure::Input(e.iter().map(|p| format!("{file}:{p}")).collect()))?;
    let ruleset = countroom_rules::ruleset(match a.rules {
        StvRulesArg::Scotland => RulesetId::ScotlandStv2011,
        StvRulesArg::Ni => RulesetId::NorthernIrelandStv1962,
    });
    let adjudicator = Adjudicator::new(ruleset, read.candidates.len(), seats)
        .map_err(|e| Failure::Input(vec![format!("{file}: {e}")]))?;
    let decisions = match &a.decisions {
        Some(d) => {
            let dfile = display(d);
            countroom_stv::papers::read_decisions(&read_file(d)?, read.candidates.len())
                .map_err(|e| Failure::Input(e.iter().map(|p| format!("{dfile}:{p}")).collect()))?
        }
        None => Vec::new(),
    };
    let dfile = a.decisions.as_deref().map(display).unwrap_or_default();
    let locate = |p: &PapersProblem| match p {
        PapersProblem::NotDoubtful { .. }
        | PapersProblem::DecidedTwice { .. }
        | PapersProblem::HeadNotInRuleset { .. }
        | PapersProblem::BadPreferences { .. } => format!("{dfile}: {p}"),
        _ => format!("{file}: {p}"),
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
    let mut lots = lot_source(a, election.candidates().len(), election.title())?;
    let sheet = countroom_stv::count(rules(a), &election, &mut lots)
        .map_err(|e| Failure::Input(vec![format!("{file}: {e}")]))?;
    let out = match a.format {
        StvFormat::Text => render::sheet_text_with_papers(&sheet, &adjudicated),
        StvFormat::Json => render::sheet_json_with_papers(&sheet, &adjudicated),
        StvFormat::Csv => render::sheet_csv_with_papers(&sheet, &adjudicated),
    };
    print(&out)
}

fn stv_blt(a: &StvArgs, ballots: &Path) -> Result<(), Failure> {
    let file = display(ballots);
    let limits = BltLimits::default();
    let meta = std::fs::metadata(ballots).map_err(|e| Failure::Io(format!("{file}: {e}")))?;
    if let Err(e) = blt::check_size(meta.len(), &limits) {
        return Err(Failure::Input(
            e.0.iter()
                .map(|p| format!("{file}: {}", p.problem))
                .collect(),
        ));
    }
    let bytes = read_file(ballots)?;
    let election = blt::read_with(&bytes, &limits)
        .map_err(|e| Failure::Input(e.0.iter().map(|p| format!("{file}:{p}")).collect()))?;
    let mut lots = lot_source(a, election.candidates().len(), election.title())?;
    let sheet = countroom_stv::count(rules(a), &election, &mut lots)
        .map_err(|e| Failure::Input(vec![format!("{file}: {e}")]))?;
    let out = match a.format {
        StvFormat::Text => render::sheet_text(&sheet),
        StvFormat::Json => render::sheet_json(&sheet),
        StvFormat::Csv => render::sheet_csv(&sheet),
    };
    print(&out)
}
